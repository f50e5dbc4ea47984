"""Every problem once, on the file that has it; a file outside the project is never read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ES, TODAY_ARG, FixtureProject, start_spanish

EN = "handouts/cramp/en.yaml"
GOV = "handouts/cramp/handout.yaml"
SECRET = "SECRET PATIENT RECORD 4711"


@pytest.fixture
def four(project: FixtureProject, run) -> FixtureProject:
    """The fixture handout with four drafts beside it, as the shipped one has."""
    for tag in ("ar", "de", "es", "fr"):
        start_spanish(project, run) if tag == "es" else None
    for tag in ("ar", "de", "fr"):
        project.write(
            f"handouts/cramp/{tag}.yaml",
            project.read(ES).replace("language: es", f"language: {tag}"),
        )
        strings = project.read("handouts/_strings/en.yaml").replace(
            "language: en", f"language: {tag}"
        )
        project.write(f"handouts/_strings/{tag}.yaml", strings)
    return project


def test_a_source_typo_is_reported_once_against_the_source(four: FixtureProject, run) -> None:
    four.edit(EN, "  intro: Most cramps", "  intor: Most cramps")
    result = run("check", TODAY_ARG, "--no-layout", "--drafts")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{EN}:6:3: 'home_care.intro' is required",
        f"{EN}:6:3: unknown key 'intor'; did you mean 'intro'?",
        "careleaf: 0 validated, 5 failed; 2 problems found",
    ]
    assert result.stdout.splitlines() == [
        f"not checked handouts/cramp/{tag}.yaml: its source {EN} has problems"
        for tag in ("ar", "de", "es", "fr")
    ]


def test_a_broken_handout_yaml_gives_only_its_own_problems(four: FixtureProject, run) -> None:
    four.write(GOV, "id: cramp\nsource_language: [en\n")
    result = run("check", TODAY_ARG, "--no-layout", "--drafts")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{GOV}:3:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
        "sequence)",
        "careleaf: 0 validated, 5 failed; 1 problem found",
    ]
    assert result.stdout.splitlines() == [
        f"not checked handouts/cramp/{tag}.yaml: {GOV} has problems"
        for tag in ("ar", "de", "en", "es", "fr")
    ]


def test_an_invalid_handout_yaml_still_checks_its_source_file(four: FixtureProject, run) -> None:
    four.edit(GOV, "id: cramp", "id: [cramp]")
    four.edit(EN, "title: Leg cramp", "title: ''")
    result = run("check", TODAY_ARG, "--no-layout", "--drafts")
    assert result.stderr.splitlines() == [
        f"{EN}:2:8: 'title' must not be blank",
        f"{GOV}:1:5: 'id' must be text, not a list",
        "careleaf: 0 validated, 5 failed; 2 problems found",
    ]
    assert "must not have a 'translation' block" not in result.output


def test_a_broken_translation_blames_only_itself(four: FixtureProject, run) -> None:
    four.write("handouts/cramp/de.yaml", "language: [de\n")
    result = run("check", TODAY_ARG, "--no-layout", "--drafts")
    assert result.stderr.splitlines()[:-1] == [
        "handouts/cramp/de.yaml:2:1: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence)",
    ]
    assert result.stderr.splitlines()[-1] == "careleaf: 4 validated, 1 failed; 1 problem found"


# --- only the project's files -------------------------------------------------------------------


def outside(project: FixtureProject, name: str, text: str) -> Path:
    path = project.root.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused_unread(result, *lines: str) -> None:
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output
    for line in lines:
        assert line in result.stderr.splitlines()


@pytest.mark.render
def test_a_language_file_linked_from_outside_is_refused(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    target = outside(project, "es.yaml", project.read(ES).replace("Texto 1", SECRET))
    project.path(ES).unlink()
    os.symlink(target, project.path(ES))
    result = run("build", TODAY_ARG, "--drafts")
    assert_refused_unread(
        result,
        f"{ES}: is a symbolic link to a file outside the project; careleaf reads only files "
        "inside the project folder",
    )
    assert not project.path("output/es").exists()
    assert project.path("output/en/cramp.pdf").exists()  # the English leaflet is not hurt


@pytest.mark.render
def test_a_handout_folder_linked_from_outside_is_refused(project: FixtureProject, run) -> None:
    folder = project.root.parent / "elsewhere"
    folder.mkdir()
    (folder / "handout.yaml").write_text(project.read(GOV).replace("cramp", "ext"), "utf-8")
    (folder / "en.yaml").write_text(project.read(EN).replace("Leg cramp", SECRET), "utf-8")
    os.symlink(folder, project.path("handouts/ext"))
    result = run("build", TODAY_ARG, "--drafts")
    assert_refused_unread(
        result,
        "handouts/ext: is a symbolic link to a folder outside the project; careleaf reads only "
        "files inside the project folder",
    )
    assert not project.path("output/en/ext.pdf").exists()


@pytest.mark.parametrize("rel", ["handouts/_strings/en.yaml", "handouts/clinic.yaml", GOV])
def test_staff_files_linked_from_outside_are_refused(
    project: FixtureProject, run, rel: str
) -> None:
    target = outside(project, Path(rel).name, project.read(rel) + f"# {SECRET}\n")
    project.path(rel).unlink()
    os.symlink(target, project.path(rel))
    result = run("build", TODAY_ARG)
    assert_refused_unread(
        result,
        f"{rel}: is a symbolic link to a file outside the project; careleaf reads only files "
        "inside the project folder",
    )
    assert not project.path("output/en/cramp.pdf").exists()


@pytest.mark.render
def test_a_link_inside_the_project_is_fine(project: FixtureProject, run) -> None:
    project.path("handouts/_shared").mkdir()
    moved = project.path("handouts/_shared/clinic.yaml")
    project.path("handouts/clinic.yaml").rename(moved)
    os.symlink(moved, project.path("handouts/clinic.yaml"))
    assert run("build", TODAY_ARG).exit_code == 0


def test_a_clinic_profile_outside_the_project_is_refused(project: FixtureProject, run) -> None:
    target = outside(project, "north.yaml", project.read("handouts/clinic.yaml"))
    result = run("build", TODAY_ARG, "--clinic", str(target))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        "north.yaml: is outside the project folder; careleaf reads only files inside it"
    )
