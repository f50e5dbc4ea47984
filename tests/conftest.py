"""Tiny fixture projects built in tmp_path, and a runner that calls the real CLI."""

from __future__ import annotations

import itertools
import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result

from careleaf.cli import cli

REPO = Path(__file__).resolve().parents[1]
# Review dates expire; every test judges them as of this fixed day.
TODAY = date(2026, 11, 21)
TODAY_ARG = f"--today={TODAY.isoformat()}"

GOVERNANCE = """\
id: cramp
source_language: en
publisher: Test Clinic Publications
review:
  reviewed_on: 2026-06-01
  next_review_due: 2027-06-01
  reviewed_by: Dr Test Reviewer
sources:
  - title: Test source
    reference: tests/fixtures
"""

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
    - heading: Rub
      text: Rub the muscle to help it relax.
warning_signs:
  intro: Get help if you notice these signs.
  emergency:
    - You have trouble breathing.
  urgent:
    - The pain is severe and does not ease.
  soon:
    - The cramps keep coming back.
prevention:
  intro: These habits can help.
  items:
    - heading: Drink water
      text: Drink water through the day.
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
        """Replace one exact piece of a file, failing loudly if it is not there once."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        (self.root / rel).write_text(text.replace(old, new), encoding="utf-8")

    def add_handout(self, handout_id: str) -> None:
        self.write(
            f"handouts/{handout_id}/handout.yaml",
            GOVERNANCE.replace("id: cramp", f"id: {handout_id}"),
        )
        self.write(f"handouts/{handout_id}/en.yaml", CONTENT)


def make_project(root: Path) -> FixtureProject:
    """A project with the repository's templates, styles and UI strings and one tiny handout."""
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "styles", root / "styles")
    shutil.copytree(REPO / "handouts" / "_strings", root / "handouts" / "_strings")
    project = FixtureProject(root)
    project.write(
        "handouts/clinic.yaml",
        "name: Test Clinic\nphone: 0100 555 0199\nemergency_number: '999'\npaper_size: A4\n",
    )
    project.write("handouts/cramp/handout.yaml", GOVERNANCE)
    project.write("handouts/cramp/en.yaml", CONTENT)
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


def approve(project: FixtureProject) -> None:
    project.edit(ES, "state: draft", "state: approved")
    project.edit(ES, 'approved_by: ""', "approved_by: Ana Revisora")
    project.edit(ES, 'approved_on: ""', "approved_on: 2026-11-01")


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
    from careleaf.worker import Worker

    original = Worker.options
    monkeypatch.setattr(
        Worker, "options", lambda self, *args: Stamped(original(self, *args), stamps)
    )
