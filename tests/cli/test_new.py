"""`careleaf new`: a handout with every field, which check then walks the author through."""

from __future__ import annotations

import pytest

from conftest import CONTENT, TODAY_ARG, FixtureProject, one_line, pdf_pages


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
    assert lines[-1] == "careleaf: 0 checked, 1 failed; 12 problems found"
    messages = [line.split(": ", 1)[1] for line in lines[:-1]]
    assert "'title' must not be blank" in messages
    assert "'disclaimer' must not be blank" in messages
    assert "'warning_signs.emergency[1].text' must not be blank" in messages
    assert "'sources[1].title' must not be blank" in messages
    assert lines[0].startswith("handouts/low-back-pain/en.yaml:")
    # No review dates to invent: a reviewer's sign-off writes them.
    assert not any("review" in m for m in messages)


def test_new_writes_an_id_on_every_item(project: FixtureProject, run) -> None:
    assert run("new", "low-back-pain").exit_code == 0
    text = project.read("handouts/low-back-pain/en.yaml")
    for item_id in ("tip-1", "emergency-1", "urgent-1", "soon-1", "habit-1"):
        assert f"      id: {item_id}\n" in text
    assert "sign_off" not in project.read("handouts/low-back-pain/handout.yaml")


@pytest.mark.render
def test_filled_scaffold_prints_as_a_draft_until_signed_off(project: FixtureProject, run) -> None:
    assert run("new", "low-back-pain").exit_code == 0
    gov = project.read("handouts/low-back-pain/handout.yaml")
    project.write(
        "handouts/low-back-pain/handout.yaml", gov.replace('  - title: ""', "  - title: Source")
    )
    project.write("handouts/low-back-pain/en.yaml", CONTENT.replace("Leg cramp", "Low back pain"))
    plain = run("build", TODAY_ARG, "--handout", "low-back-pain")
    assert plain.exit_code == 0, plain.output
    assert plain.stdout.splitlines()[0] == (
        "skipped handouts/low-back-pain/en.yaml: not signed off (careleaf review sign-off "
        "low-back-pain --by NAME); build with --drafts to print it stamped "
        "'NOT SIGNED OFF - not for patient use'"
    )
    assert not project.path("output/en/low-back-pain.pdf").exists()
    drafts = run("build", TODAY_ARG, "--handout", "low-back-pain", "--drafts")
    assert drafts.exit_code == 0, drafts.output
    pages = pdf_pages(project.path("output/not-for-patients/en/low-back-pain.pdf"))
    assert len(pages) == 3
    for page in pages:
        assert "NOT SIGNED OFF - not for patient use" in one_line(page)
        assert "Not reviewed yet - no reviewer has signed this text off" in one_line(page)
    signed = run("review", "sign-off", "low-back-pain", "--by", "Dr Example")
    assert signed.exit_code == 0, signed.output
    again = run("build", TODAY_ARG, "--handout", "low-back-pain")
    assert again.exit_code == 0, again.output
    pages = pdf_pages(project.path("output/en/low-back-pain.pdf"))
    assert not any("not for patient use" in one_line(page) for page in pages)


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
