"""Faults around the build: killed midway, an output folder that cannot be written, a full disk.

Whatever happens, a PDF under output/ is either a complete earlier one or a
complete new one, never a part of one, and the user gets a message, not a
traceback.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from conftest import TODAY_ARG, FixtureProject, faketime_env

PDF = "output/en/cramp.pdf"
CLI = [sys.executable, "-c", "from careleaf.cli import main; main()"]
#: What write_atomic may leave behind when killed: a hidden temporary file, never a *.pdf.
TEMPORARY = re.compile(r"\..+\.tmp")


def assert_complete_pdf(path: Path) -> None:
    reader = pypdf.PdfReader(path, strict=True)
    assert len(reader.pages) == 3, path


# --- killed midway ---------------------------------------------------------------------------


def processes_in_group(group: int) -> set[int]:
    """The live processes of a process group (zombies, already dead, left out)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue  # ended while we looked
        # "pid (name) state ppid pgrp ...": the name may hold spaces and parentheses.
        state, _ppid, pgrp = stat[stat.rfind(")") + 2 :].split()[:3]
        if int(pgrp) == group and state not in {"Z", "X"}:
            found.add(int(entry.name))
    return found


def test_killed_build_leaves_no_truncated_pdf_and_no_process(project: FixtureProject) -> None:
    """SIGKILL, as a CI timeout sends it: no partial PDF, and its workers end within 2 s.

    The build runs in a process group of its own, which this test kills whole
    whatever happens, so a failing run leaks no process either.
    """
    for n in range(1, 8):
        project.add_handout(f"extra-{n}")
    output = project.path("output")
    build = subprocess.Popen(
        [*CLI, "build", TODAY_ARG, "--jobs", "2"],
        cwd=project.root,
        env=faketime_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the build's pid is the group's id
    )
    try:
        deadline = time.monotonic() + 60
        while not list(output.rglob("*.pdf")):
            assert build.poll() is None, "the build ended before its first PDF appeared"
            assert time.monotonic() < deadline, "no PDF within 60 s"
            time.sleep(0.002)
        running = processes_in_group(build.pid)
        build.send_signal(signal.SIGKILL)  # the build only: its workers must notice by themselves
        build.wait()
        assert len(running) >= 3, f"expected the build and 2 workers, found {running}"
        deadline = time.monotonic() + 2
        while processes_in_group(build.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_in_group(build.pid) == set(), "workers outlived the killed build"
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing left in the group: good
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    assert build.returncode == -signal.SIGKILL

    pdfs = sorted(output.rglob("*.pdf"))
    assert 1 <= len(pdfs) < 8, "the kill came too late to interrupt the build"
    for pdf in pdfs:
        assert_complete_pdf(pdf)
    others = [p for p in output.rglob("*") if p.is_file() and p.suffix != ".pdf"]
    for leftover in others:
        if leftover.name == "manifest.json":
            json.loads(leftover.read_text(encoding="utf-8"))
        else:
            assert TEMPORARY.fullmatch(leftover.name), leftover


@pytest.mark.render
def test_killed_while_writing_leaves_no_partial_pdf(project: FixtureProject, run) -> None:
    """Killed the moment a temporary file appears: at worst a hidden *.tmp stays behind."""
    folder = project.path("output/en")
    build = subprocess.Popen(
        [*CLI, "build", TODAY_ARG],
        cwd=project.root,
        env=faketime_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while build.poll() is None and time.monotonic() < deadline:
            try:
                if any(entry.name.endswith(".tmp") for entry in os.scandir(folder)):
                    break
            except FileNotFoundError:
                pass
    finally:
        build.kill()
        build.wait()
    for path in folder.iterdir():
        if path.suffix == ".pdf":
            assert_complete_pdf(path)
        else:
            assert TEMPORARY.fullmatch(path.name), path
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert_complete_pdf(project.path(PDF))


# --- the output folder cannot be written ------------------------------------------------------


@pytest.mark.render
def test_a_file_where_the_output_folder_should_be(project: FixtureProject, run) -> None:
    project.add_handout("other")
    project.write("output", "this is a file, not a folder\n")
    result = run("build", TODAY_ARG)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "output/en/cramp.pdf: cannot write file: Not a directory",
        "output/en/other.pdf: cannot write file: Not a directory",
        "careleaf: 0 built, 2 failed; 2 problems found",
    ]
    assert project.read("output") == "this is a file, not a folder\n"


@pytest.mark.render
def test_a_folder_where_the_pdf_should_be(project: FixtureProject, run) -> None:
    project.add_handout("other")
    project.path(PDF).mkdir(parents=True)
    result = run("build", TODAY_ARG)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stdout.startswith("built output/en/other.pdf  3 pages")
    assert result.stderr.splitlines() == [
        "output/en/cramp.pdf: cannot write file: Is a directory",
        "careleaf: 1 built, 1 failed; 1 problem found",
    ]
    assert project.path(PDF).is_dir()
    assert sorted(p.name for p in project.path("output/en").iterdir()) == ["cramp.pdf", "other.pdf"]
    assert_complete_pdf(project.path("output/en/other.pdf"))


# --- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(project: FixtureProject) -> Iterator[Path]:
    """A 64 KiB tmpfs mounted inside the project (needs root and permission to mount)."""
    disk = project.path("disk")
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.fail(
            f"cannot mount a tmpfs here (careleaf's CI runs as root): {mounted.stderr.strip()}"
        )
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def fill(disk: Path) -> None:
    """Write a filler file until the disk has no space left."""
    chunk = b"\0" * 1024
    with (disk / "filler").open("wb", buffering=0) as fh:
        while True:
            try:
                fh.write(chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    with pytest.raises(OSError) as caught, (disk / "probe").open("wb") as fh:
        fh.write(b"x" * 4096)
        fh.flush()
    assert caught.value.errno == errno.ENOSPC
    (disk / "probe").unlink()


@pytest.mark.render
def test_full_disk_keeps_the_previous_pdf(project: FixtureProject, run, tiny_disk: Path) -> None:
    """A real full disk: a 64 KiB tmpfs holding a previous good PDF, then filled up."""
    assert run("build", TODAY_ARG, "--out", "disk").exit_code == 0
    old = project.path("disk/en/cramp.pdf").read_bytes()
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: Leg cramps")
    project.sign_off()
    fill(tiny_disk)

    result = run("build", TODAY_ARG, "--out", "disk")
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "disk/en/cramp.pdf: cannot write file: No space left on device",
        "careleaf: 0 built, 1 failed; 1 problem found",
    ]
    assert project.path("disk/en/cramp.pdf").read_bytes() == old
    assert sorted(p.name for p in (tiny_disk / "en").iterdir()) == ["cramp.pdf"]

    (tiny_disk / "filler").unlink()
    assert run("build", TODAY_ARG, "--out", "disk").exit_code == 0
    assert project.path("disk/en/cramp.pdf").read_bytes() != old


@pytest.mark.render
def test_full_disk_simulated(project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same without root: the sync of the temporary file fails with ENOSPC."""
    assert run("build", TODAY_ARG).exit_code == 0
    old = project.path(PDF).read_bytes()
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: Leg cramps")
    project.sign_off()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = run("build", TODAY_ARG)
    monkeypatch.undo()
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "output/en/cramp.pdf: cannot write file: No space left on device",
        "careleaf: 0 built, 1 failed; 1 problem found",
    ]
    assert project.path(PDF).read_bytes() == old
    assert sorted(p.name for p in project.path("output/en").iterdir()) == ["cramp.pdf"]
