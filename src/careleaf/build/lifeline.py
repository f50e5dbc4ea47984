"""A build's worker processes end with the build, even when it is killed outright.

A process pool's workers wait for work on a pipe that they keep open
themselves, so a build killed with SIGKILL (as a CI timeout does) used to
leave them running for ever. Each worker therefore, as it starts:

- asks Linux to send it SIGKILL when its parent ends
  (``prctl(PR_SET_PDEATHSIG)``, through ctypes): at once, and at no cost;
- elsewhere, or when its parent is not the build itself (a fork server),
  watches the build from a daemon thread and ends within
  :data:`WATCH_INTERVAL` of it;
- ends at once if the build has already gone by then.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

#: How often the watchdog looks at the build, in seconds.
WATCH_INTERVAL = 0.25
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_build(build: int) -> str:
    """Make this process end when the process ``build`` ends; say how it will know.

    Returns ``"prctl"`` when the kernel will kill it, ``"watchdog"`` when a
    thread watches the build. Never returns if the build has already ended.
    """
    signalled = _parent_death_signal()
    # Asked after prctl: a parent that ended before it would otherwise go unnoticed.
    parent = os.getppid()
    if parent == build:
        if signalled:
            return "prctl"
        _watch(lambda: os.getppid() == parent)  # an orphan gets a new parent
    else:  # started by a fork server, or the build has already gone
        if not is_alive(build):
            os._exit(1)
        _watch(lambda: is_alive(build))
    return "watchdog"


def is_alive(pid: int) -> bool:
    """True while process ``pid`` runs: it exists and (where /proc tells) is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process; it exists
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True  # no /proc (macOS): a zombie counts as alive until it is reaped
    # "pid (name) S ...": the state follows the last parenthesis (a name may hold one).
    return stat[stat.rfind(")") + 2 : stat.rfind(")") + 3] not in {"Z", "X"}


def _parent_death_signal() -> bool:
    """Ask Linux for SIGKILL when the parent ends; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        done = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    return bool(done == 0)


def _watch(alive: Callable[[], bool]) -> None:
    def run() -> None:
        while alive():
            time.sleep(WATCH_INTERVAL)
        os._exit(1)  # a worker holds no file open for writing: only the build writes

    threading.Thread(target=run, name="careleaf-lifeline", daemon=True).start()
