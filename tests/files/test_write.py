"""Atomic writes: a reader sees the old file or the new one, never part of either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careleaf.errors import BuildError
from careleaf.files.write import remove_stale_temporaries, write_atomic


def test_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "en" / "a.pdf"
    write_atomic(target, b"old", "a.pdf")
    write_atomic(target, b"new", "a.pdf")
    assert target.read_bytes() == b"new"
    assert os.listdir(target.parent) == ["a.pdf"]


def test_failed_write_keeps_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"good old leaflet")

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, fd: int, mode: str) -> None:
            self.inner = real_fdopen(fd, mode)

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.inner.close()

        def write(self, data: bytes) -> int:
            self.inner.write(data[:10])  # part of it reaches the disk, then it fills up
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullFile)
    with pytest.raises(BuildError) as caught:
        write_atomic(target, b"new leaflet that will not fit", "output/en/a.pdf")
    assert str(caught.value) == "output/en/a.pdf: cannot write file: No space left on device"
    assert target.read_bytes() == b"good old leaflet"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "output"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(BuildError) as caught:
        write_atomic(blocker / "en" / "a.pdf", b"x", "output/en/a.pdf")
    assert str(caught.value).startswith("output/en/a.pdf: cannot write file: ")


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "handout.yaml"
    target.write_text("mine")
    with pytest.raises(BuildError, match="File exists"):
        write_atomic(target, b"scaffold", "handout.yaml", exclusive=True)
    assert target.read_text() == "mine"
    assert os.listdir(tmp_path) == ["handout.yaml"]


def test_stale_temporaries_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    old = tmp_path / "en" / ".a.pdf.careleaf-x1y2z3w4.tmp"
    fresh = tmp_path / "en" / ".b.pdf.careleaf-z3w4x1y2.tmp"
    keep = tmp_path / "en" / "a.pdf"
    theirs = tmp_path / "en" / ".notes.txt.x1y2z3w4.tmp"  # another program's temporary
    for path in (old, fresh, keep, theirs):
        path.write_bytes(b"%PDF-")
    now = 1_000_000 + 10_000
    for path in (old, keep, theirs):
        os.utime(path, (1_000_000, 1_000_000))
    os.utime(fresh, (now - 5, now - 5))
    assert remove_stale_temporaries(tmp_path, now) == [old]
    assert sorted(p.name for p in (tmp_path / "en").iterdir()) == [
        ".b.pdf.careleaf-z3w4x1y2.tmp",
        ".notes.txt.x1y2z3w4.tmp",
        "a.pdf",
    ]


def test_a_write_removes_the_stale_temporaries_of_its_folder(tmp_path: Path) -> None:
    left = tmp_path / ".es.yaml.careleaf-k2j3h4g5.tmp"  # an import killed mid-write
    left.write_text("half a translation")
    os.utime(left, (1_000_000, 1_000_000))
    write_atomic(tmp_path / "fr.yaml", b"title: x\n", "fr.yaml")
    assert sorted(os.listdir(tmp_path)) == ["fr.yaml"]
