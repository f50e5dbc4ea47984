"""The one place that writes files: atomically, so nothing half-written is ever left."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import BuildError, Location, Problem


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


#: A temporary file lives for milliseconds; one this old was left by a killed build.
STALE_AFTER_S = 60.0


def remove_stale_temporaries(folder: Path, now: float) -> list[Path]:
    """Delete temporaries that an interrupted build left behind under ``folder``."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.rglob(".*.tmp"):
        try:
            if path.is_file() and now - path.stat().st_mtime > STALE_AFTER_S:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
