"""Sign-off bound to the text: the states, their prints, `review sign-off` and `review diff`."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from conftest import (
    GOVERNANCE,
    REPO,
    STAMPED,
    TODAY_ARG,
    FixtureProject,
    clock_at,
    one_line,
    pdf_pages,
)

EN = "handouts/cramp/en.yaml"
GOV = "handouts/cramp/handout.yaml"
PDF = "output/en/cramp.pdf"
REVIEWED = "Reviewed June 1, 2026 - Next review due June 1, 2027"
GOLDEN = REPO / "tests" / "golden"


def pages(project: FixtureProject, pdf: str = PDF) -> list[str]:
    return [one_line(text) for text in pdf_pages(project.path(pdf))]


# --- the three states and how each prints -----------------------------------------------------


@pytest.mark.render
def test_signed_off_prints_as_patient_ready(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    for page in pages(project):
        assert REVIEWED in page
        assert "not for patient use" not in page
    entry = json.loads(project.read("output/manifest.json"))["outputs"][0]
    assert entry["patient_ready"] is True
    assert entry["stamps"] == []


@pytest.mark.render
def test_not_signed_off_is_skipped_or_stamped(project: FixtureProject, run) -> None:
    project.write(GOV, GOVERNANCE)  # as `careleaf new` leaves it: no sign-off record
    plain = run("build", TODAY_ARG)
    assert plain.exit_code == 0, plain.output
    assert plain.stdout.splitlines() == [
        f"skipped {EN}: not signed off (careleaf review sign-off cramp --by NAME); build with "
        "--drafts to print it stamped 'NOT SIGNED OFF - not for patient use'",
        "careleaf: 0 built, 1 skipped, 0 failed",
    ]
    assert not project.path(PDF).exists()
    drafts = run("build", TODAY_ARG, "--drafts")
    assert drafts.exit_code == 0, drafts.output
    assert not project.path(PDF).exists()
    for page in pages(project, f"{STAMPED}/en/cramp.pdf"):
        assert "NOT SIGNED OFF - not for patient use" in page
        assert "Not reviewed yet - no reviewer has signed this text off" in page
    entry = json.loads(project.read(f"{STAMPED}/manifest.json"))["outputs"][0]
    assert (entry["patient_ready"], entry["stamps"], entry["review"]) == (
        False,
        ["NOT SIGNED OFF"],
        None,
    )


@pytest.mark.render
def test_changed_since_sign_off_is_skipped_or_stamped(project: FixtureProject, run) -> None:
    project.edit(EN, "Rub the muscle to help it relax.", "Rub the muscle to relax it.")
    plain = run("build", TODAY_ARG)
    assert plain.exit_code == 0, plain.output
    assert plain.stdout.splitlines()[0] == (
        f"skipped {EN}: changed since the sign-off by Dr Test Reviewer on 2026-06-01: 1 field "
        "(careleaf review diff cramp); build with --drafts to print it stamped "
        "'CHANGED SINCE SIGN-OFF - not for patient use'"
    )
    assert not project.path(PDF).exists()
    assert run("build", TODAY_ARG, "--drafts").exit_code == 0
    for page in pages(project, f"{STAMPED}/en/cramp.pdf"):
        assert "CHANGED SINCE SIGN-OFF - not for patient use" in page
        assert REVIEWED in page  # the dates of the sign-off it departs from


@pytest.mark.render
def test_re_signing_makes_it_patient_ready_again(project: FixtureProject, run) -> None:
    project.edit(EN, "Rub the muscle to help it relax.", "Rub the muscle to relax it.")
    signed = run("review", "sign-off", "cramp", "--by", "Dr New Reviewer")
    assert signed.exit_code == 0, signed.output
    assert signed.stdout.splitlines() == [
        "replaces the sign-off by Dr Test Reviewer on 2026-06-01 (1 field changed since)",
        "signed off cramp (en, 15 fields, 1 source) by Dr New Reviewer on 2026-11-21; "
        "next review due 2029-11-21",
        f"recorded in {GOV}",
    ]
    assert run("build", TODAY_ARG).exit_code == 0
    for page in pages(project):
        assert "Reviewed November 21, 2026 - Next review due November 21, 2029" in page
        assert "not for patient use" not in page


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Leg cramp", "title: Leg   cramp  "),
        (
            "      text: Rub the muscle to help it relax.",
            "      text: Rub the muscle\n        to help it relax.",
        ),
        (
            "      text: Rub the muscle to help it relax.",
            '      text: "Rub the muscle to help it relax."',
        ),
    ],
    ids=["spaces", "re-wrapped", "quoted"],
)
@pytest.mark.render
def test_whitespace_and_quoting_are_not_changes(
    project: FixtureProject, run, old: str, new: str
) -> None:
    project.edit(EN, old, new)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built output/en/cramp.pdf")
    assert run("review", "diff", "cramp").exit_code == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Leg cramp", "title: Leg crump"),
        ("title: Leg cramp", "title: Leg\u200bcramp"),
        ("title: Leg cramp", "title: Leg cramp."),
        ("sources:\n  - title: Test source", "sources:\n  - title: Test sources"),
    ],
    ids=["one-letter", "zero-width-space", "full-stop", "a-source"],
)
def test_any_other_byte_is_a_change(project: FixtureProject, run, old: str, new: str) -> None:
    project.edit(GOV if "sources" in old else EN, old, new)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0
    assert "changed since the sign-off" in result.stdout
    assert not project.path(PDF).exists()


# --- careleaf review sign-off -----------------------------------------------------------------


def test_sign_off_keeps_comments_and_layout_golden(project: FixtureProject, run) -> None:
    source = (GOLDEN / "handout-before.yaml").read_text(encoding="utf-8")
    project.write(GOV, source)
    result = run(
        "review",
        "sign-off",
        "cramp",
        "--by",
        "Dr Ana Lima",
        "--next-review-due",
        "2027-11-21",
    )
    assert result.exit_code == 0, result.output
    written = project.read(GOV)
    golden = GOLDEN / "handout-signed.yaml"
    if os.environ.get("CARELEAF_REFRESH_GOLDEN"):  # see tests/golden/README.md
        golden.write_text(written, encoding="utf-8")
    assert written == golden.read_text(encoding="utf-8")
    assert written.startswith(source)  # everything the author wrote is there, byte for byte


def test_default_next_review_is_the_clinic_interval(project: FixtureProject, run) -> None:
    project.write(
        "handouts/clinic.yaml",
        project.read("handouts/clinic.yaml") + "review_interval_months: 18\n",
    )
    with clock_at(date(2026, 8, 31)):
        result = run("review", "sign-off", "cramp", "--by", "Dr A")
    assert result.exit_code == 0, result.output
    assert "next review due 2028-02-29" in result.stdout  # 18 months on, the month's last day


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", "--by", "Dr A"), "handouts/nope: no handout 'nope' (there are: cramp)"),
        (("cramp", "--by", "   "), f"{GOV}: --by '   ' must not be blank"),
        (("cramp", "--by", "\u200b\u3164"), f"{GOV}: --by '\\u200b\\u3164' must not be blank"),
        (
            ("cramp", "--by", "Dr A", "--next-review-due", "2027-02-30"),
            f"{GOV}: --next-review-due '2027-02-30' is not a real date",
        ),
        (
            ("cramp", "--by", "Dr A", "--next-review-due", "next June"),
            f"{GOV}: --next-review-due 'next June' is not a date written YYYY-MM-DD",
        ),
        (
            ("cramp", "--by", "Dr " + "A" * 500),
            f"{GOV}: --by 'Dr " + "A" * 54 + "...' (503 characters) is 503 characters long; "
            "the limit is 120",
        ),
        (
            ("cramp", "--by", "Dr A", "--next-review-due", "2026-11-21"),
            f"{GOV}: --next-review-due (2026-11-21) must be after 'sign_off.signed_on' "
            "(2026-11-21)",
        ),
        (
            ("cramp", "--by", "Dr A", "--next-review-due", "2126-12-01"),
            f"{GOV}: --next-review-due (2126-12-01) is more than 3 years after the sign-off on "
            "2026-11-21; the clinic's longest review interval ends on 2029-11-21",
        ),
    ],
    ids=[
        "unknown-handout",
        "blank-name",
        "invisible-name",
        "not-a-real-date",
        "not-a-date",
        "huge-name-quoted-short",
        "not-after",
        "2126",
    ],
)
def test_sign_off_refusals(
    project: FixtureProject, run, args: tuple[str, ...], message: str
) -> None:
    before = project.read(GOV)
    result = run("review", "sign-off", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [message, "careleaf: 1 problem found"]
    assert project.read(GOV) == before


@pytest.mark.parametrize("day", ["2025-06-01", "2999-01-01", "2026-11-21"])
def test_a_sign_off_cannot_be_dated_by_hand(project: FixtureProject, run, day: str) -> None:
    """A sign-off is dated by the real date: --today (past, future, even today) is no option."""
    before = project.read(GOV)
    result = run("review", "sign-off", "cramp", "--by", "Dr A", "--today", day)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: a sign-off is dated by the real date (2026-11-21); --today cannot date it otherwise"
    )
    assert project.read(GOV) == before


def test_a_sign_off_is_dated_by_the_real_date(project: FixtureProject, run) -> None:
    with clock_at(date(2026, 12, 2)):
        result = run("review", "sign-off", "cramp", "--by", "Dr A")
    assert result.exit_code == 0, result.output
    assert "by Dr A on 2026-12-02" in result.stdout
    assert "  signed_on: 2026-12-02\n" in project.read(GOV)


def test_sign_off_of_a_handout_with_problems_is_refused(project: FixtureProject, run) -> None:
    project.edit(EN, "title: Leg cramp", "title: ''")
    before = project.read(GOV)
    result = run("review", "sign-off", "cramp", "--by", "Dr A")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{EN}:2:8: 'title' must not be blank",
        "careleaf: 1 problem found",
    ]
    assert project.read(GOV) == before


@pytest.mark.render
def test_a_record_edited_by_hand_can_be_replaced(project: FixtureProject, run) -> None:
    project.edit(GOV, "title: Leg cramp", "title: Leg cramps")
    assert run("build", TODAY_ARG).exit_code == 1
    signed = run("review", "sign-off", "cramp", "--by", "Dr A")
    assert signed.exit_code == 0, signed.output
    assert (
        signed.stdout.splitlines()[0] == "replaces a sign-off record that had been edited by hand"
    )
    assert run("build", TODAY_ARG).exit_code == 0


# --- careleaf review diff ---------------------------------------------------------------------


def test_diff_of_an_unchanged_handout(project: FixtureProject, run) -> None:
    result = run("review", "diff", "cramp")
    assert result.exit_code == 0
    assert (
        result.stdout == "cramp: signed off by Dr Test Reviewer on 2026-06-01; no changes since\n"
    )


def test_diff_shows_each_field_word_by_word(project: FixtureProject, run) -> None:
    project.edit(EN, "Rub the muscle to help it relax.", "Rub the sore muscle to relax it.")
    project.edit(
        EN,
        "      id: rub\n",
        "      id: rub\n    - heading: Warmth\n      text: A warm bath helps.\n      id: warmth\n",
    )
    project.edit(
        EN,
        "  soon:\n    - text: The cramps keep coming back.\n      id: coming-back\n",
        "  soon:\n    - text: The cramps keep coming back often.\n      id: often\n",
    )
    project.edit(
        GOV,
        "  - title: Test source\n    reference: tests/fixtures\n",
        "  - title: Test source\n    reference: tests/fixtures/v2\n",
    )
    result = run("review", "diff", "cramp")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cramp: signed off by Dr Test Reviewer on 2026-06-01; 6 fields changed since",
        f"changed home_care.items[rub].text  ({EN}:12:13)",
        "  signed off: Rub the muscle to [-help it relax.-]",
        "  now:        Rub the {+sore+} muscle to {+relax it.+}",
        f"added home_care.items[warmth].heading  ({EN}:14:16)",
        "  now:        {+Warmth+}",
        f"added home_care.items[warmth].text  ({EN}:15:13)",
        "  now:        {+A warm bath helps.+}",
        f"added warning_signs.soon[often].text  ({EN}:26:13)",
        "  now:        {+The cramps keep coming back often.+}",
        f"changed sources[1].reference  ({GOV}:6:16)",
        "  signed off: [-tests/fixtures-]",
        "  now:        {+tests/fixtures/v2+}",
        "removed warning_signs.soon[coming-back].text",
        "  signed off: [-The cramps keep coming back.-]",
    ]
    data = json.loads(run("review", "diff", "cramp", "--json").stdout)
    assert data["changed"] == 6
    assert data["changes"][0] == {
        "field": "home_care.items[rub].text",
        "change": "changed",
        "signed_off": "Rub the muscle to help it relax.",
        "now": "Rub the sore muscle to relax it.",
        "where": f"{EN}:12:13",
    }
    assert data["changes"][-1]["change"] == "removed"


def test_diff_needs_a_trusted_record(project: FixtureProject, run) -> None:
    project.edit(GOV, "title: Leg cramp", "title: Leg cramps")
    tampered = run("review", "diff", "cramp")
    assert tampered.exit_code == 1
    assert tampered.stderr.splitlines()[0] == (
        f"{GOV}:16:16: the sign-off record does not match its fingerprint: it was edited by "
        "hand after careleaf wrote it, so careleaf does not trust it to compare with; sign the "
        "handout off again (careleaf review sign-off cramp --by NAME)"
    )
    project.write(GOV, GOVERNANCE)
    never = run("review", "diff", "cramp")
    assert never.exit_code == 1
    assert never.stderr.splitlines()[0] == (
        f"{GOV}: cramp has never been signed off, so there is nothing to compare; sign it off "
        "with careleaf review sign-off cramp --by NAME"
    )


def test_shipped_sample_is_not_signed_off() -> None:
    assert "sign_off:" not in (REPO / "handouts/muscle-spasm/handout.yaml").read_text("utf-8")
