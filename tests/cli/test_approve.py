"""`careleaf translate approve`: approval bound to the text, and everything that undoes it."""

from __future__ import annotations

import pytest

from conftest import (
    ES,
    ES_STRINGS,
    GOVERNANCE,
    TODAY_ARG,
    FixtureProject,
    one_line,
    pdf_pages,
    start_spanish,
)

PDF = "output/es/cramp.pdf"


def approve(run, *extra: str):
    return run(
        "translate",
        "approve",
        "es",
        "--handout",
        "cramp",
        "--by",
        "Ana Revisora",
        *extra,
    )


def printed(project: FixtureProject, run) -> bool:
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    return project.path(PDF).exists()


@pytest.mark.render
def test_approve_records_who_when_and_what(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    before = project.read(ES)
    result = approve(run)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"approved {ES} (15 fields, 19 UI strings) by Ana Revisora on 2026-11-21\n"
    )
    after = project.read(ES)
    head, _, block = after.partition("\ntranslation:\n")
    assert head == before.partition("\ntranslation:\n")[0]  # the translator's text untouched
    assert block.startswith(
        '  translated_by: ""\n  approved_by: Ana Revisora\n  approved_on: 2026-11-21\n  approval: '
    )
    assert printed(project, run)
    for page in pdf_pages(project.path(PDF)):
        assert "not for patient use" not in one_line(page)


@pytest.mark.parametrize(
    ("old", "new", "still_approved"),
    [
        ('"Texto 1"', '"Texto  1 "', True),  # white space only: nothing printed changes
        ('"Texto 1"', '"Texto 1."', False),
        ('"Texto 1"', '"Texto\u200b1"', False),
    ],
    ids=["whitespace", "full-stop", "zero-width-space"],
)
@pytest.mark.render
def test_an_edit_after_approval_makes_it_a_draft_again(
    project: FixtureProject, run, old: str, new: str, still_approved: bool
) -> None:
    start_spanish(project, run)
    assert approve(run).exit_code == 0
    project.edit(ES, old, new)
    assert printed(project, run) is still_approved
    if not still_approved:
        result = run("build", TODAY_ARG)
        assert (
            f"skipped {ES}: changed since it was approved by Ana Revisora on 2026-11-21; build "
            "with --drafts to print it stamped 'DRAFT TRANSLATION - not for patient use'"
        ) in result.stdout


@pytest.mark.render
def test_ui_strings_are_part_of_what_was_approved(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    assert approve(run).exit_code == 0
    project.edit(ES_STRINGS, "label: Soon", "label: Pronto")
    assert not printed(project, run)


@pytest.mark.render
def test_the_approval_record_edited_by_hand_is_not_trusted(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    assert approve(run).exit_code == 0
    project.edit(ES, "approved_by: Ana Revisora", "approved_by: Dra Otra")
    assert not printed(project, run)
    status = run("translate", "status", "es")
    assert status.stdout.splitlines()[0] == (
        f"{ES}: es changed since it was approved by Dra Otra on 2026-11-21; 0 missing, 0 stale, "
        "0 extra (of 15 fields)"
    )


def test_an_approved_translation_of_an_unsigned_source_is_not_patient_ready(
    project: FixtureProject, run
) -> None:
    start_spanish(project, run)
    assert approve(run).exit_code == 0
    project.write("handouts/cramp/handout.yaml", GOVERNANCE)
    result = run("build", TODAY_ARG)
    assert (
        f"skipped {ES}: its source handouts/cramp/en.yaml is not signed off (careleaf review "
        "sign-off cramp --by NAME); build with --drafts to print it stamped 'NOT SIGNED OFF - "
        "not for patient use'"
    ) in result.stdout
    assert not project.path(PDF).exists()


@pytest.mark.render
def test_mark_current_all_never_approves(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    assert approve(run).exit_code == 0
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: Leg cramps")
    project.sign_off()
    assert run("translate", "mark-current", "es", "--handout", "cramp", "--all").exit_code == 0
    assert run("translate", "status", "es").exit_code == 0  # nothing stale any more
    assert not printed(project, run)  # yet nobody looked at it: not approved
    assert approve(run).exit_code == 0
    assert printed(project, run)


def test_approving_a_stale_or_incomplete_translation_names_the_fields(
    project: FixtureProject, run
) -> None:
    start_spanish(project, run)
    project.edit(ES, '"Texto 1"', '""')  # the title: missing
    project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    project.sign_off()
    before = project.read(ES)
    result = approve(run)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{ES}:7:8: 'title' is not translated yet",
        f"{ES}:24:13: 'home_care.items[rub].text' is stale: its source text changed since it "
        "was translated; update it, then run careleaf translate mark-current",
        "careleaf: 2 problems found",
    ]
    assert project.read(ES) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("it", "--handout", "cramp", "--by", "Ana"),
            "handouts/cramp/it.yaml: there is no 'it' translation of cramp; start one with "
            "careleaf translate init it --handout cramp",
        ),
        (
            ("en", "--handout", "cramp", "--by", "Ana"),
            "handouts/cramp/en.yaml: 'en' is the source language of cramp: its text is signed "
            "off, not approved (careleaf review sign-off cramp --by NAME)",
        ),
        (
            ("es", "--handout", "nope", "--by", "Ana"),
            "handouts/nope: no handout 'nope' (there are: cramp)",
        ),
        (
            ("es", "--handout", "cramp", "--by", " \u200b "),
            f"{ES}: --by ' \\u200b ' must not be blank",
        ),
    ],
    ids=["missing-language", "source-language", "unknown-handout", "blank-name"],
)
def test_approval_refusals(
    project: FixtureProject, run, args: tuple[str, ...], message: str
) -> None:
    start_spanish(project, run)
    result = run("translate", "approve", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [message, "careleaf: 1 problem found"]


def test_an_approval_cannot_be_dated_by_hand(project: FixtureProject, run) -> None:
    """An approval is dated by the real date: --today is refused with the reason."""
    start_spanish(project, run)
    before = project.read(ES)
    result = approve(run, "--today", "2025-06-01")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: an approval is dated by the real date (2026-11-21); --today cannot date it "
        "otherwise"
    )
    assert project.read(ES) == before
