"""The command line: parse, call the library, print. No logic lives here.

One module per command (or group of commands); :mod:`.base` holds the group,
the exit-code mapping and the shared options.
"""

from __future__ import annotations

from typing import NoReturn

from . import (  # noqa: F401 - registers the commands
    build,
    manifest,
    migrate,
    new,
    preview,
    review,
    status,
    translate,
    watch,
)
from .base import cli

__all__ = ["cli", "main"]


def main() -> NoReturn:
    cli.main(prog_name="careleaf")
    raise SystemExit(0)  # pragma: no cover - click exits itself
