"""`careleaf clean`, the project found from any folder inside it, quiet and counted output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careleaf.build.options import BuildOptions
from careleaf.build.run import build
from careleaf.project import Project

from conftest import STAMPED, TODAY, TODAY_ARG, FixtureProject, start_spanish


@pytest.mark.render
def test_clean_removes_what_careleaf_made_and_nothing_else(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    assert run("build", TODAY_ARG, "--drafts").exit_code == 0
    assert run("preview", "cramp", TODAY_ARG, "--lang", "en", "--dpi", "36").exit_code == 0
    project.write("output/notes.txt", "the printer's settings\n")
    project.write(f"{STAMPED}/es/keep.pdf", b"%PDF- not careleaf's")
    project.write("output/en/.cramp.pdf.careleaf-a1b2c3d4.tmp", b"half a PDF")
    project.write("output/en/.notes.txt.a1b2c3d4.tmp", b"another program's")
    project.path("output/empty").mkdir()
    dry = run("clean", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        "would remove output/en/.cramp.pdf.careleaf-a1b2c3d4.tmp",
        "would remove output/en/cramp.pdf",
        "would remove output/manifest.json",
        f"would remove {STAMPED}/es/cramp.pdf",
        f"would remove {STAMPED}/manifest.json",
        "would remove output/preview/en/cramp-1.png",
        "would remove output/preview/en/cramp-2.png",
        "would remove output/preview/en/cramp-3.png",
        "would remove output/preview/previews.json",
        "would remove output/preview/en/",
        "would remove output/preview/",
        "left output/en/.notes.txt.a1b2c3d4.tmp: careleaf did not make it",
        f"left {STAMPED}/es/keep.pdf: careleaf did not make it",
        "left output/notes.txt: careleaf did not make it",
        "careleaf: would remove 9 files and 2 folders from output",
    ]
    assert project.path("output/en/cramp.pdf").exists()
    result = run("clean")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "left output/en/.notes.txt.a1b2c3d4.tmp: careleaf did not make it",
        f"left {STAMPED}/es/keep.pdf: careleaf did not make it",
        "left output/notes.txt: careleaf did not make it",
        "careleaf: removed 9 files and 2 folders from output",
    ]
    left = sorted(p.relative_to(project.root).as_posix() for p in project.path("output").rglob("*"))
    assert left == [
        "output/empty",
        "output/en",
        "output/en/.notes.txt.a1b2c3d4.tmp",
        "output/not-for-patients",
        "output/not-for-patients/es",
        "output/not-for-patients/es/keep.pdf",
        "output/notes.txt",
    ]


def test_clean_refuses_a_folder_careleaf_did_not_make(
    project: FixtureProject, run, tmp_path: Path
) -> None:
    """Against a folder with no manifest (/etc, say), clean removes nothing, not even
    its empty folders or files named like careleaf's."""
    system = tmp_path / "etc"
    for name in ("ssl/certs", "opt", "preview/en"):
        (system / name).mkdir(parents=True)
    (system / "preview/en/cramp-1.png").write_bytes(b"\x89PNG")
    (system / ".passwd.careleaf-a1b2c3d4.tmp").write_text("root:x:0:0")
    before = sorted(system.rglob("*"))
    for extra in ((), ("--dry-run",)):
        result = run("clean", "--out", str(system), *extra)
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"{system}: holds no careleaf manifest, so careleaf did not make it; clean removes "
            "only what a careleaf manifest lists, and removed nothing",
            f"careleaf: {'would remove' if extra else 'removed'} 0 files from {system}; "
            "1 problem found",
        ]
        assert sorted(system.rglob("*")) == before


@pytest.mark.render
def test_clean_leaves_a_listed_file_that_is_no_longer_careleafs(
    project: FixtureProject, run, tmp_path: Path
) -> None:
    assert run("build", TODAY_ARG, "--handout", "cramp").exit_code == 0
    project.write("output/en/cramp.pdf", b"%PDF- the clinic's own edit")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "cramp.pdf").write_bytes(b"%PDF- someone's")
    project.path("output/fr").symlink_to(outside)
    manifest = project.path("output/manifest.json")
    entry = json.loads(manifest.read_text())["outputs"][0]
    body = {"outputs": [entry, {**entry, "path": "fr/cramp.pdf", "language": "fr"}]}
    manifest.write_text(json.dumps(body))
    result = run("clean")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "left output/en/cramp.pdf: changed since careleaf wrote it",
        "left output/fr: a link, which careleaf never makes",
        "careleaf: removed 1 file from output",
    ]
    assert (outside / "cramp.pdf").read_bytes() == b"%PDF- someone's"
    assert project.path("output/en/cramp.pdf").exists()


@pytest.mark.render
def test_preview_never_writes_over_an_image_it_did_not_make(project: FixtureProject, run) -> None:
    project.write("output/preview/en/cramp-2.png", b"\x89PNG the clinic's own picture")
    result = run("preview", "cramp", TODAY_ARG, "--dpi", "36")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "output/preview/en/cramp-2.png: careleaf did not make this file; not replacing it",
        "careleaf: 1 problem found",
    ]
    assert sorted(p.name for p in project.path("output/preview/en").iterdir()) == ["cramp-2.png"]
    assert not project.path("output/preview/previews.json").exists()
    project.path("output/preview/en/cramp-2.png").unlink()
    assert run("preview", "cramp", TODAY_ARG, "--dpi", "36").exit_code == 0
    again = run("preview", "cramp", TODAY_ARG, "--dpi", "36")  # its own images: replaced
    assert again.exit_code == 0, again.output
    record = json.loads(project.path("output/preview/previews.json").read_text())
    assert [image["path"] for image in record["images"]] == [f"en/cramp-{n}.png" for n in (1, 2, 3)]


@pytest.mark.render
def test_clean_does_not_trust_a_bad_manifest(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    project.write("output/manifest.json", '{"outputs": [{"path": "../../handouts/clinic.yaml"}]}')
    result = run("clean")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("output/manifest.json: outputs[0]: ")
    assert project.path("handouts/clinic.yaml").exists()
    assert project.path("output/en/cramp.pdf").exists()


@pytest.mark.render
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


@pytest.mark.render
def test_quiet_prints_only_problems(project: FixtureProject, run) -> None:
    quiet = run("build", TODAY_ARG, "--quiet")
    assert quiet.exit_code == 0
    assert quiet.output == ""
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: ''")
    failed = run("build", TODAY_ARG, "-q", "--force")
    assert failed.exit_code == 1
    assert failed.stdout == ""
    assert failed.stderr.splitlines()[0] == "handouts/cramp/en.yaml:2:8: 'title' must not be blank"


@pytest.mark.render
def test_the_progress_total_is_known_before_the_first_pdf(project: FixtureProject) -> None:
    project.add_handout("other")
    totals: list[int] = []
    done: list[str] = []
    options = BuildOptions(today=TODAY, jobs=1)
    build(Project.open(project.root), options, lambda b: done.append(b.shown), totals.append)
    assert totals == [2]
    assert done == ["output/en/cramp.pdf", "output/en/other.pdf"]


@pytest.mark.render
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
