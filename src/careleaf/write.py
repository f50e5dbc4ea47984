"""The one place that writes files: atomically, so nothing half-written is ever left."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import BuildError, Location, Problem

MANIFEST = "manifest.json"


def write_atomic(path: Path, data: bytes, shown: str, *, exclusive: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, sync it, then rename it over.

    A reader (or a printer queue) sees the old file or the new one, never a
    part of either; a failed write leaves the old file as it was. With
    ``exclusive`` an existing file is never replaced.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if exclusive:
            os.link(tmp, path)  # fails if path exists, unlike rename
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BuildError(Problem(Location(shown), f"cannot write file: {reason}")) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Entries of an earlier build by output path; an unreadable manifest counts as empty."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {entry["path"]: entry for entry in data["outputs"] if isinstance(entry, dict)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_manifest(
    out_dir: Path, entries: Iterable[Mapping[str, Any]], generator: str, shown: str
) -> None:
    """Merge ``entries`` into the manifest, keeping earlier entries whose PDF still exists."""
    merged = {
        path: entry for path, entry in read_manifest(out_dir).items() if (out_dir / path).is_file()
    }
    for entry in entries:
        merged[entry["path"]] = dict(entry)
    body = {"generator": generator, "outputs": [merged[k] for k in sorted(merged)]}
    text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    write_atomic(out_dir / MANIFEST, text.encode("utf-8"), shown)
