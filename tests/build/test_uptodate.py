"""The no-op check: an unchanged catalog is reported up to date without validating a file."""

from __future__ import annotations

import json
from datetime import date

import pytest

import careleaf.build.run
from careleaf.build.options import BuildOptions
from careleaf.build.uptodate import unchanged
from careleaf.project import Project

from conftest import STAMPED, TODAY, TODAY_ARG, FixtureProject, clock_at, faketime_env

pytestmark = pytest.mark.render  # every test here renders PDFs


@pytest.fixture
def built(project: FixtureProject, run) -> FixtureProject:
    project.add_handout("other")
    assert run("build", TODAY_ARG, "-j", "1").exit_code == 0
    return project


def check(project: FixtureProject, **options: object) -> list[str] | None:
    chosen = {"today": TODAY, **options}
    with clock_at(chosen["today"]):  # type: ignore[arg-type]
        found = unchanged(Project.open(project.root), BuildOptions(**chosen))  # type: ignore[arg-type]
    return None if found is None else [u.shown for u in found]


def test_an_unchanged_rebuild_validates_nothing(
    built: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = run("build", TODAY_ARG, "--force")  # the full build's own report of the same state
    assert slow.exit_code == 0

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the full build ran")

    monkeypatch.setattr(careleaf.build.run, "build", no_build)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "up to date output/en/cramp.pdf\nup to date output/en/other.pdf\n"
        "careleaf: 0 built, 2 up to date, 0 failed\n"
    )
    assert check(built) == ["output/en/cramp.pdf", "output/en/other.pdf"]


def test_a_symlink_loop_is_left_to_the_full_build(built: FixtureProject, run) -> None:
    strings = built.path("handouts/_strings/en.yaml")
    strings.unlink()
    strings.symlink_to(strings)  # a link to itself: following it never ends
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[0].startswith("handouts/_strings/en.yaml")


def test_an_unchanged_rebuild_loads_no_heavy_library(built: FixtureProject) -> None:
    # Importing pydantic, Babel or WeasyPrint costs more than the whole check.
    import subprocess
    import sys

    code = (
        "import sys; from careleaf.cli import main\n"
        f"sys.argv = ['careleaf', 'build', '{TODAY_ARG}']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "heavy = {m.split('.')[0] for m in sys.modules} & {'weasyprint', 'pydantic', 'babel', "
        "'jinja2', 'phonenumbers', 'ruamel', 'segno'}\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=built.root,
        env=faketime_env(),
    )
    assert out.stdout.splitlines()[-2:] == ["careleaf: 0 built, 2 up to date, 0 failed", "[]"]


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.edit("handouts/cramp/en.yaml", "Rub the muscle", "Rub  the muscle"),
        lambda p: p.edit("handouts/_strings/en.yaml", "label: Soon", "label: Later"),
        lambda p: p.edit("handouts/clinic.yaml", "name: Test Clinic", "name: Test Clinic 2"),
        lambda p: p.edit("styles/print.css", "line-height: 1.35;", "line-height: 1.4;"),
        lambda p: p.path("output/en/other.pdf").unlink(),
        lambda p: p.path("output/en/cramp.pdf").write_bytes(b"%PDF edited"),
        lambda p: p.path("output/manifest.json").write_text("{}"),
        lambda p: p.add_handout("third"),
    ],
    ids=["content", "strings", "clinic", "style", "deleted", "edited-pdf", "manifest", "new"],
)
def test_any_change_sends_it_to_the_full_build(built: FixtureProject, change) -> None:
    change(built)
    assert check(built) is None


def test_the_day_matters(built: FixtureProject) -> None:
    assert check(built, today=date(2027, 6, 1)) is not None  # due today: still current
    assert check(built, today=date(2027, 6, 2)) is None  # overdue now: the build must say so
    assert check(built, today=date(2026, 5, 31)) is None  # before the sign-off


def test_options_it_leaves_to_the_full_build(built: FixtureProject) -> None:
    for options in ({"force": True}, {"write": False}, {"bilingual": "en"}, {"shard": (1, 2)}):
        assert check(built, **options) is None
    assert check(built, handouts=("cramp",)) == ["output/en/cramp.pdf"]
    assert check(built, handouts=("nope",)) is None  # the full build says it is unknown


def test_stamped_prints_need_their_option(project: FixtureProject, run) -> None:
    project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    assert run("build", TODAY_ARG, "--drafts").exit_code == 0
    entry = json.loads(project.read(f"{STAMPED}/manifest.json"))["outputs"][0]
    assert entry["stamps"] == ["CHANGED SINCE SIGN-OFF"]
    assert check(project, drafts=True) == [f"{STAMPED}/en/cramp.pdf"]
    assert check(project) is None  # a plain build must skip it and say why
