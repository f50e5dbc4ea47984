"""A worker process ends with the build that started it: by prctl, by its watchdog, or at once.

Each test runs its processes in a process group of their own and kills the
whole group at the end, so a failure leaks nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from careleaf.build.lifeline import is_alive

#: A stand-in build: starts one worker process that calls end_with_build, prints
#: the worker's pid and how it will know, then waits to be killed.
BUILD = """
import multiprocessing, os, sys, time
from careleaf.build import lifeline

def worker(build, mode, report):
    if mode == "watchdog":  # as on a system without prctl
        lifeline._parent_death_signal = lambda: False
    report.send(lifeline.end_with_build(build))
    time.sleep(120)

if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    # Forked, as on Linux up to Python 3.13 (a -c script cannot be re-imported by spawn).
    fork = multiprocessing.get_context("fork")
    child = fork.Process(target=worker, args=(os.getpid(), sys.argv[1], there))
    child.start()
    print(child.pid, here.recv(), flush=True)
    time.sleep(120)
"""


@contextlib.contextmanager
def group(*args: str) -> Iterator[subprocess.Popen[str]]:
    """A Python process in a new process group, killed with the whole group afterwards."""
    process = subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.stdout is not None
        process.stdout.close()


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while is_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("mode", ["prctl", "watchdog"])
def test_worker_ends_within_a_second_of_a_killed_build(mode: str) -> None:
    with group("-c", BUILD, mode) as build:
        assert build.stdout is not None
        pid, how = build.stdout.readline().split()
        assert how == mode
        assert is_alive(int(pid))
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert gone_within(int(pid), 1.5), f"worker {pid} outlived the build ({mode})"


def test_worker_of_a_build_already_gone_ends_at_once() -> None:
    code = "import sys; from careleaf import lifeline; lifeline.end_with_build(int(sys.argv[1]))"
    with group("-c", code + "; print('still running')", str(_dead_pid())) as worker:
        assert worker.wait(timeout=30) == 1
        assert worker.stdout is not None
        assert worker.stdout.read() == ""


def test_a_zombie_is_not_alive() -> None:
    child = subprocess.Popen(["true"])
    try:
        assert gone_within(child.pid, 5)  # ended, not yet reaped: a zombie
        assert os.path.exists(f"/proc/{child.pid}")
    finally:
        child.wait()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
