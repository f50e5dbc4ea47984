"""The command line: parse, call the library, print. No logic lives here.

One module per command (or group of commands), imported only when its
command runs; :mod:`.base` holds the group and the list of commands, the
exit-code mapping and the shared options.
"""

from __future__ import annotations

from typing import NoReturn

from careleaf.cli.base import cli

__all__ = ["cli", "main"]


def main() -> NoReturn:
    cli.main(prog_name="careleaf")
    raise SystemExit(0)  # pragma: no cover - click exits itself
