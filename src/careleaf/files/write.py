"""The one place that writes files: atomically, so nothing half-written is ever left.

Each file is first written to a temporary beside it, named
``.<name>.careleaf-<random>.tmp`` so that careleaf can tell its own
temporaries from anyone else's: one a killed command left behind is removed
by the next write into that folder (and by the next build, throughout its
output folders), and no other file is ever touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from careleaf.errors import BuildError, Location, Problem


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a synced temporary file beside ``path``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep(path.parent, time.time())
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{_MARK}", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _cannot_write(exc: OSError, shown: str) -> BuildError:
    return BuildError(Problem(Location(shown), f"cannot write file: {exc.strerror or exc}"))


def write_atomic(path: Path, data: bytes, shown: str, *, exclusive: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, sync it, then rename it over.

    A reader (or a printer queue) sees the old file or the new one, never a
    part of either; a failed write leaves the old file as it was. With
    ``exclusive`` an existing file is never replaced.
    """
    tmp: str | None = None
    try:
        tmp = _stage(path, data)
        if exclusive:
            os.link(tmp, path)  # fails if path exists, unlike rename
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _cannot_write(exc, shown) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_all_atomic(files: list[tuple[Path, bytes, str]]) -> None:
    """Write several files so that a failure leaves every one of them as it was.

    Each is written to a synced temporary file beside it first; only when all
    are on disk are they renamed into place, one after the other.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data, shown in files:
            try:
                staged.append((_stage(path, data), path))
            except OSError as exc:
                raise _cannot_write(exc, shown) from None
        for tmp, path in staged:
            os.replace(tmp, path)
        staged = []
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


_MARK = "careleaf-"
#: A temporary careleaf made: ``tempfile.mkstemp`` adds 8 characters of [a-z0-9_].
TEMPORARY = re.compile(r"\..+\.careleaf-[a-z0-9_]{8}\.tmp")
#: A temporary file lives for milliseconds; one this old was left by a killed command.
STALE_AFTER_S = 60.0


def _stale(path: Path, now: float) -> bool:
    try:
        return (
            TEMPORARY.fullmatch(path.name) is not None
            and not path.is_symlink()
            and path.is_file()
            and now - path.stat().st_mtime > STALE_AFTER_S
        )
    except OSError:
        return False


def _sweep(folder: Path, now: float) -> list[Path]:
    """Remove careleaf's stale temporaries in ``folder`` itself."""
    removed: list[Path] = []
    try:
        candidates = [folder / name for name in os.listdir(folder) if name.endswith(".tmp")]
    except OSError:
        return removed
    for path in candidates:
        if _stale(path, now):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def remove_stale_temporaries(folder: Path, now: float) -> list[Path]:
    """Remove careleaf's stale temporaries anywhere under ``folder`` (links not followed)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for top, _, _ in os.walk(folder, followlinks=False):
        removed.extend(_sweep(Path(top), now))
    return removed
