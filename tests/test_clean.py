"""`careleaf clean`, the project found from any folder inside it, quiet and counted output."""

from __future__ import annotations

import pytest

from careleaf.build import build
from careleaf.options import BuildOptions
from careleaf.project import Project

from conftest import STAMPED, TODAY, TODAY_ARG, FixtureProject, start_spanish


def test_clean_removes_what_careleaf_made_and_nothing_else(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    assert run("build", TODAY_ARG, "--drafts").exit_code == 0
    assert run("preview", "cramp", TODAY_ARG, "--lang", "en", "--dpi", "36").exit_code == 0
    project.write("output/notes.txt", "the printer's settings\n")
    project.write(f"{STAMPED}/es/keep.pdf", b"%PDF- not careleaf's")
    project.write("output/en/.cramp.pdf.a1b2.tmp", b"half a PDF")
    dry = run("clean", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would remove output/en/cramp.pdf" in dry.stdout.splitlines()
    assert project.path("output/en/cramp.pdf").exists()
    result = run("clean")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "left output/not-for-patients/es/keep.pdf: careleaf did not make it",
        "left output/notes.txt: careleaf did not make it",
        "careleaf: removed 8 files from output",
    ]
    left = sorted(p.relative_to(project.root).as_posix() for p in project.path("output").rglob("*"))
    assert left == [
        "output/not-for-patients",
        "output/not-for-patients/es",
        "output/not-for-patients/es/keep.pdf",
        "output/notes.txt",
    ]


def test_clean_does_not_trust_a_bad_manifest(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    project.write("output/manifest.json", '{"outputs": [{"path": "../../handouts/clinic.yaml"}]}')
    result = run("clean")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("output/manifest.json: outputs[0]: ")
    assert project.path("handouts/clinic.yaml").exists()
    assert project.path("output/en/cramp.pdf").exists()


def test_every_command_finds_the_project_from_inside(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.path("handouts/cramp"))
    checked = run("check", TODAY_ARG, "--no-layout")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == "careleaf: 1 validated, 0 failed\n"
    assert run("review", "diff", "cramp").exit_code == 0
    assert run("translate", "status").exit_code == 0
    built = run("build", TODAY_ARG)
    assert built.exit_code == 0, built.output
    assert built.stdout.splitlines()[0].startswith("built ../../output/en/cramp.pdf")


def test_the_old_project_argument_still_works_with_a_note(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", str(project.root), TODAY_ARG, "--no-layout")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"careleaf: note: PROJECT_DIR as an argument is deprecated; use --project "
        f"{project.root}, or run careleaf from inside the project\n"
    )
    both = run("check", str(project.root), "--project", str(tmp_path), TODAY_ARG)
    assert both.exit_code == 2
    assert "give the project once: --project DIR (PROJECT_DIR is its old form)" in both.stderr


def test_quiet_prints_only_problems(project: FixtureProject, run) -> None:
    quiet = run("build", TODAY_ARG, "--quiet")
    assert quiet.exit_code == 0
    assert quiet.output == ""
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: ''")
    failed = run("build", TODAY_ARG, "-q", "--force")
    assert failed.exit_code == 1
    assert failed.stdout == ""
    assert failed.stderr.splitlines()[0] == "handouts/cramp/en.yaml:2:8: 'title' must not be blank"


def test_the_progress_total_is_known_before_the_first_pdf(project: FixtureProject) -> None:
    project.add_handout("other")
    totals: list[int] = []
    done: list[str] = []
    options = BuildOptions(today=TODAY, jobs=1)
    build(Project.open(project.root), options, lambda b: done.append(b.shown), totals.append)
    assert totals == [2]
    assert done == ["output/en/cramp.pdf", "output/en/other.pdf"]


def test_preview_says_what_it_skipped_and_fails_with_nothing_to_show(
    project: FixtureProject, run
) -> None:
    start_spanish(project, run)
    result = run("preview", "cramp", "--lang", "es", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "skipped handouts/cramp/es.yaml: draft translation, not approved"
    )
    assert result.stderr == (
        "careleaf: nothing to preview for cramp (see why above; --drafts prints what is not "
        "patient-ready, stamped)\n"
    )
    drafts = run("preview", "cramp", "--lang", "es", TODAY_ARG, "--drafts", "--dpi", "36")
    assert drafts.exit_code == 0, drafts.output
    assert drafts.stdout.splitlines() == [f"{STAMPED}/preview/es/cramp-{n}.png" for n in (1, 2, 3)]
    overdue = run("preview", "cramp", "--today=2027-06-02", "--allow-overdue", "--dpi", "36")
    assert overdue.exit_code == 0, overdue.output
    assert f"{STAMPED}/preview/en/cramp-1.png" in overdue.stdout.splitlines()
