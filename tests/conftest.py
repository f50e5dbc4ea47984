"""Tiny fixture projects built in tmp_path, and a runner that calls the real CLI."""

from __future__ import annotations

import glob
import itertools
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pypdf
import pytest
import time_machine
from click.testing import CliRunner, Result

from careleaf.cli import cli
from careleaf.project import Project
from careleaf.review.confirm import confirm
from careleaf.review.signoff import sign_off
from careleaf.translation.approve import approve as approve_translation

REPO = Path(__file__).resolve().parents[1]
# Review dates expire, so every test runs on this fixed day: the clock itself is frozen
# (careleaf has no way to back-date a patient-ready print, and must not get one for tests).
TODAY = date(2026, 11, 21)
#: The same day given as --today: the real day as far as a test can tell, so it plans nothing.
TODAY_ARG = f"--today={TODAY.isoformat()}"


@contextmanager
def clock_at(day: date) -> Iterator[None]:
    """Run the code inside on ``day`` (noon UTC), its clock ticking from there."""
    with time_machine.travel(datetime.combine(day, time(12), tzinfo=UTC), tick=True):
        yield


@pytest.fixture(scope="session", autouse=True)
def frozen_clock() -> Iterator[None]:
    """Every test, every fixture and the pool processes they fork live on TODAY."""
    with clock_at(TODAY):
        yield


def faketime_env(day: date = TODAY, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a careleaf subprocess living on ``day`` (libfaketime).

    time-machine patches this process only; a child process gets the same day
    from libfaketime, preloaded (Debian's ``faketime`` package, installed by
    ``scripts/setup --test``).
    """
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    assert found, "libfaketime is missing: run scripts/setup --test"
    return {
        **(os.environ if env is None else env),
        "LD_PRELOAD": found[0],
        "FAKETIME": f"@{day.isoformat()} 12:00:00",
        "TZ": "UTC",
    }


GOVERNANCE = """\
id: cramp
source_language: en
publisher: Test Clinic Publications
sources:
  - title: Test source
    reference: tests/fixtures
"""
#: Where every print stamped "... - not for patient use" goes, apart from the others.
STAMPED = "output/not-for-patients"
#: The fixture handout's sign-off: who, when, until when.
REVIEWER = "Dr Test Reviewer"
#: Who confirms the fixture clinic's printed details.
CLINIC_CONFIRMER = "Pat Practice-Manager"
SIGNED_ON = date(2026, 6, 1)
NEXT_REVIEW = "2027-06-01"

CONTENT = """\
language: en
title: Leg cramp
subtitle: A tiny handout for tests
disclaimer: General information only. Ask your doctor if you are worried.
home_care:
  intro: Most cramps pass in a few minutes.
  items:
    - heading: Stretch
      text: Gently stretch the muscle and hold it.
      id: stretch
    - heading: Rub
      text: Rub the muscle to help it relax.
      id: rub
warning_signs:
  intro: Get help if you notice these signs.
  emergency:
    - text: You have trouble breathing.
      id: breathing
  urgent:
    - text: The pain is severe and does not ease.
      id: severe-pain
  soon:
    - text: The cramps keep coming back.
      id: coming-back
prevention:
  intro: These habits can help.
  items:
    - heading: Drink water
      text: Drink water through the day.
      id: drink-water
"""


@dataclass
class FixtureProject:
    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace one exact piece of a file, failing loudly if it is not there once.

        A piece that also occurs indented, in a record careleaf wrote (a confirmed
        clinic's ``printed:`` details, say), means the one at the start of a line.
        """
        text = self.read(rel)
        if text.count(old) != 1:
            starts = [i for i in range(len(text)) if text.startswith(old, i)]
            at_line = [i for i in starts if i == 0 or text[i - 1] == "\n"]
            assert len(at_line) == 1, f"{old!r} occurs {len(starts)} times in {rel}"
            i = at_line[0]
            text = text[:i] + new + text[i + len(old) :]
        else:
            text = text.replace(old, new)
        (self.root / rel).write_text(text, encoding="utf-8")

    def add_handout(self, handout_id: str, *, signed: bool = True) -> None:
        self.write(
            f"handouts/{handout_id}/handout.yaml",
            GOVERNANCE.replace("id: cramp", f"id: {handout_id}"),
        )
        self.write(f"handouts/{handout_id}/en.yaml", CONTENT)
        if signed:
            self.sign_off(handout_id)

    def sign_off(
        self,
        handout_id: str = "cramp",
        on: date = SIGNED_ON,
        next_review: str | None = NEXT_REVIEW,
        by: str = REVIEWER,
    ) -> None:
        """Sign a handout off as it stands, as a reviewer would with the CLI, on day ``on``."""
        with clock_at(on):
            sign_off(Project.open(self.root), handout_id, by, next_review_due=next_review)

    def confirm_clinic(
        self,
        profile: str = "handouts/clinic.yaml",
        by: str = CLINIC_CONFIRMER,
        on: date = SIGNED_ON,
        accept: str | None = None,
    ) -> None:
        """Confirm a clinic profile's printed details as they stand, as staff would."""
        project = Project.open(self.root)
        if profile != "handouts/clinic.yaml":
            project = project.for_clinic(self.root / profile)
        with clock_at(on):
            confirm(project, by, accept_emergency=accept)


#: The fixture clinic: British, so 999 and the 111 urgent-care line, and a London number
#: from Ofcom's range for drama (020 7946 0000 to 0999), valid in form and never anyone's.
CLINIC_PROFILE = "name: Test Clinic\nphone: 020 7946 0199\nregion: GB\npaper_size: A4\n"
#: A number of each region that tests use, valid in form and reserved for fiction:
#: Ofcom's drama range (GB), 555-0100 to 555-0199 (US), ACMA's 02 5550 range (AU).
FICTIONAL_PHONE = {"GB": "020 7946 0199", "US": "201-555-0199", "AU": "02 5550 0199"}

#: Where a test adds home-care items: after the fixture's last one.
AFTER_RUB = "      id: rub\n"


def more_items(count: int, text: str, heading: str = "Extra advice", prefix: str = "extra") -> str:
    """``count`` home-care items saying ``text``, each with an id of its own."""
    return "".join(
        f"    - heading: {heading}\n      text: {text}\n      id: {prefix}-{n}\n"
        for n in range(1, count + 1)
    )


def make_project(root: Path) -> FixtureProject:
    """A project with the repository's templates, styles and UI strings and one tiny handout."""
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "styles", root / "styles")
    shutil.copytree(REPO / "handouts" / "_strings", root / "handouts" / "_strings")
    project = FixtureProject(root)
    project.write("handouts/clinic.yaml", CLINIC_PROFILE)
    project.confirm_clinic()
    project.write("handouts/cramp/handout.yaml", GOVERNANCE)
    project.write("handouts/cramp/en.yaml", CONTENT)
    project.sign_off()
    return project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FixtureProject:
    """A fixture project, with the working directory set to it as a user would."""
    root = tmp_path / "proj"
    root.mkdir()
    monkeypatch.chdir(root)
    return make_project(root)


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the real CLI; stdout and stderr are kept apart as a user's terminal shows them."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def bidi_message(char: str, name: str) -> str:
    """What careleaf says of a field holding a bidi control character."""
    return (
        f"contains U+{ord(char):04X} ({name}), an invisible direction control that can "
        "reorder words and numbers on the page; remove it (careleaf sets the text direction "
        "itself)"
    )


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, as a reader would copy it."""
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- a Spanish translation of the fixture handout, as a translator would make it ---

ES = "handouts/cramp/es.yaml"
ES_STRINGS = "handouts/_strings/es.yaml"


def fill(text: str, word: str = "Texto") -> str:
    """Translate every empty field of an init file as ``word N`` (bookkeeping left alone)."""
    head, sep, tail = text.partition("\ntranslation:")
    count = itertools.count(1)
    head = re.sub(r'""$', lambda _: f'"{word} {next(count)}"', head, flags=re.MULTILINE)
    return head + sep + tail


def start_spanish(project: FixtureProject, run) -> None:
    result = run("translate", "init", "es")
    assert result.exit_code == 0, result.output
    project.write(ES, fill(project.read(ES)))
    strings = project.read("handouts/_strings/en.yaml").replace("language: en", "language: es")
    project.write(ES_STRINGS, strings)


APPROVER = "Ana Revisora"


def approve(project: FixtureProject, tag: str = "es", on: date = date(2026, 11, 1)) -> None:
    """Approve a translation as it stands, as a reviewer would with the CLI."""
    with clock_at(on):
        approve_translation(Project.open(project.root), tag, "cramp", APPROVER)


# --- other stamps than a build gives (the stamp list is generic) ---


class Stamped:
    """A leaflet's print options with other stamps (the stamp list is generic)."""

    def __init__(self, options: object, stamps: tuple[str, ...]) -> None:
        self._options = options
        self.banners = stamps

    def __getattr__(self, name: str) -> object:
        return getattr(self._options, name)


def stamped(monkeypatch: pytest.MonkeyPatch, stamps: tuple[str, ...]) -> None:
    """Print every leaflet of the (in-process) build with ``stamps``."""
    from careleaf.render.prints import Worker

    original = Worker.options
    monkeypatch.setattr(
        Worker, "options", lambda self, *args: Stamped(original(self, *args), stamps)
    )


# --- the `render` marker: tests that make PDFs (WeasyPrint) are marked, and kept so ---------
#
# `pytest -m "not render"` is the fast loop. A test renders when it makes a Worker in this
# process, hands leaflets to the pool, or runs careleaf to build in a child, in its body or
# in a fixture it needs (a module fixture renders in the setup of the first test that asks
# for it, or of whichever test asks first when that one is deselected), so every test that
# needs a rendering fixture is marked too. An unmarked test that renders fails.

#: The commands that lay out or render leaflets when run as a subprocess.
_RENDERING_COMMANDS = {"build", "check", "preview", "watch", "status"}
#: With CARELEAF_RENDER_LOG=FILE, the rendering tests are listed there instead of failing.
_RENDER_LOG = os.environ.get("CARELEAF_RENDER_LOG")
_current: list[str] = []  # the test being run
_fixtures: list[str] = []  # the fixtures being set up, innermost last
_rendered: dict[str, str] = {}  # test -> how it rendered
_rendering_fixtures: set[str] = set()


def _renders_in_subprocess(args: object) -> bool:
    parts = [str(a) for a in args] if isinstance(args, list | tuple) else str(args).split()
    named = any(Path(p).name == "careleaf" for p in parts) or "careleaf" in parts
    return named and any(p in _RENDERING_COMMANDS for p in parts)


def _saw_rendering(how: str) -> None:
    if _current:
        _rendered.setdefault(_current[-1], how)
    _rendering_fixtures.update(_fixtures)


def _watch_rendering() -> None:
    import subprocess

    from careleaf.build import run
    from careleaf.build.pool import render_all
    from careleaf.render import prints

    worker_init = prints.Worker.__init__
    popen_init = subprocess.Popen.__init__

    def counted_worker(self: Any, *args: Any, **kwargs: Any) -> None:
        _saw_rendering("it makes a Worker")
        worker_init(self, *args, **kwargs)

    def counted_popen(self: Any, args: Any, *rest: Any, **kwargs: Any) -> None:
        if _renders_in_subprocess(args):
            _saw_rendering("it runs careleaf to build in a subprocess")
        popen_init(self, args, *rest, **kwargs)

    def counted_render_all(*args: Any, **kwargs: Any) -> Any:
        leaflets = args[2] if len(args) > 2 else kwargs.get("leaflets")
        if leaflets:  # in a pool, the Workers are made in the pool's processes
            _saw_rendering("it renders leaflets")
        return render_all(*args, **kwargs)

    prints.Worker.__init__ = counted_worker  # type: ignore[method-assign]
    subprocess.Popen.__init__ = counted_popen  # type: ignore[method-assign]
    run.render_all = counted_render_all  # type: ignore[attr-defined]


_watch_rendering()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[object]:
    _current.append(item.nodeid)
    try:
        return (yield)
    finally:
        _current.pop()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any) -> Iterator[object]:
    _fixtures.append(fixturedef.argname)
    try:
        return (yield)
    finally:
        _fixtures.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    report = yield
    how = _rendered.get(item.nodeid)
    if (
        call.when == "teardown"
        and how
        and not _RENDER_LOG
        and item.get_closest_marker("render") is None
        and report.passed
    ):
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} renders ({how}) but is not marked @pytest.mark.render"
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _RENDER_LOG:
        return
    found = set(_rendered)
    for item in session.items:
        if _rendering_fixtures & set(getattr(item, "fixturenames", ())):
            found.add(item.nodeid)
    with open(_RENDER_LOG, "w", encoding="utf-8") as log:
        log.write("".join(f"{nodeid}\n" for nodeid in sorted(found)))
