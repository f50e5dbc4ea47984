"""`careleaf watch`: a save rebuilds the leaflet that changed, and only that one."""

from __future__ import annotations

import threading
import time

import pytest

from careleaf.build.options import BuildOptions
from careleaf.build.report import BuildReport
from careleaf.errors import CareleafError
from careleaf.project import Project
from careleaf.tools.watch import watch

from conftest import TODAY, FixtureProject

pytestmark = pytest.mark.render  # every test here renders PDFs


def test_a_saved_file_is_rebuilt(project: FixtureProject) -> None:
    project.add_handout("other")
    reports: list[tuple[BuildReport | CareleafError, list[str]]] = []
    stop = threading.Event()
    # Staff watch their edits before anyone signs them off: drafts, stamped.
    options = BuildOptions(today=TODAY, jobs=1, drafts=True)
    thread = threading.Thread(
        target=watch,
        args=(Project.open(project.root), options, lambda r, c: reports.append((r, c))),
        kwargs={"stop": stop, "debounce_ms": 100},
        daemon=True,
    )
    thread.start()
    try:
        _wait(lambda: len(reports) >= 1)
        first = reports[0][0]
        assert isinstance(first, BuildReport) and len(first.built) == 2
        time.sleep(0.3)  # let the watcher settle before the edit
        project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
        _wait(lambda: len(reports) >= 2)
        second, changed = reports[1]
        assert changed == ["handouts/cramp/en.yaml"]
        assert isinstance(second, BuildReport)
        fresh = [b for b in second.built if not b.up_to_date]
        assert [b.leaflet.output_name for b in fresh] == ["en/cramp.pdf"]
        assert fresh[0].leaflet.stamps == ("CHANGED SINCE SIGN-OFF",)
        assert second.up_to_date == 1
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def _wait(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the watcher"
        time.sleep(0.05)


def test_watch_builds_the_variant_and_clinic_asked_for(project: FixtureProject) -> None:
    project.write("clinics/north.yaml", "name: North Clinic\nphone: 02 5550 0123\nregion: AU\n")
    project.confirm_clinic("clinics/north.yaml")
    reports: list[tuple[BuildReport | CareleafError, list[str]]] = []
    stop = threading.Event()
    options = BuildOptions(today=TODAY, jobs=1, variant="large-print")
    north = Project.open(project.root).for_clinic(project.path("clinics/north.yaml"))
    thread = threading.Thread(
        target=watch,
        args=(north, options, lambda r, c: reports.append((r, c))),
        kwargs={"stop": stop, "debounce_ms": 100},
        daemon=True,
    )
    thread.start()
    try:
        _wait(lambda: len(reports) >= 1)
        assert project.path("output/north/large-print/en/cramp.pdf").exists()
        time.sleep(0.3)
        # The profile lives outside handouts/, and is watched all the same.
        # (A detail no leaflet prints: its confirmation still holds.)
        project.edit("clinics/north.yaml", "region: AU", "region: AU\naddress: 1 North Road")
        _wait(lambda: len(reports) >= 2)
        second, changed = reports[1]
        assert changed == ["clinics/north.yaml"]
        assert isinstance(second, BuildReport) and len(second.built) == 1
        assert not second.built[0].up_to_date
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
