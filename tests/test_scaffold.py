"""`careleaf new`: a handout with every field, which check then walks the author through."""

from __future__ import annotations

from conftest import CONTENT, TODAY_ARG, FixtureProject, pdf_pages


def test_new_creates_both_files(project: FixtureProject, run) -> None:
    result = run("new", "low-back-pain")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created handouts/low-back-pain/handout.yaml",
        "created handouts/low-back-pain/en.yaml",
        "Fill in the empty fields, then run: careleaf check",
    ]
    assert "id: low-back-pain" in project.read("handouts/low-back-pain/handout.yaml")


def test_check_lists_every_field_still_to_fill(project: FixtureProject, run) -> None:
    assert run("new", "low-back-pain").exit_code == 0
    result = run("check", TODAY_ARG, "--handout", "low-back-pain")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "careleaf: 0 checked, 1 failed; 15 problems found"
    messages = [line.split(": ", 1)[1] for line in lines[:-1]]
    assert "'title' must not be blank" in messages
    assert "'disclaimer' must not be blank" in messages
    assert "'warning_signs.emergency[1]' must not be blank" in messages
    assert "'review.reviewed_on' must be a date written YYYY-MM-DD, not ''" in messages
    assert "'review.reviewed_by' must not be blank" in messages
    assert lines[0].startswith("handouts/low-back-pain/en.yaml:")


def test_filled_scaffold_builds(project: FixtureProject, run) -> None:
    assert run("new", "low-back-pain").exit_code == 0
    gov = project.read("handouts/low-back-pain/handout.yaml")
    for old, new in (
        ('reviewed_on: ""', "reviewed_on: 2026-11-01"),
        ('next_review_due: ""', "next_review_due: 2027-11-01"),
        ('reviewed_by: ""', "reviewed_by: Dr Example"),
        ('  - title: ""', "  - title: Test source"),
    ):
        gov = gov.replace(old, new)
    project.write("handouts/low-back-pain/handout.yaml", gov)
    project.write("handouts/low-back-pain/en.yaml", CONTENT.replace("Leg cramp", "Low back pain"))
    result = run("build", TODAY_ARG, "--handout", "low-back-pain")
    assert result.exit_code == 0, result.output
    assert len(pdf_pages(project.path("output/en/low-back-pain.pdf"))) == 3


def test_new_refuses_existing_and_bad_ids(project: FixtureProject, run) -> None:
    existing = run("new", "cramp")
    assert existing.exit_code == 1
    assert existing.stderr.startswith("handouts/cramp: already exists; choose another id")
    bad = run("new", "Low_Back")
    assert bad.exit_code == 2
    assert "'Low_Back' is not a valid handout id" in bad.stderr
    lang = run("new", "x-ray", "--lang", "pt_BR")
    assert lang.exit_code == 2
    assert "'pt_BR' is not a BCP 47 language tag; write 'pt-BR'" in lang.stderr
