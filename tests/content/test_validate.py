"""Content rules, checked the way a user meets them: `careleaf check --no-layout`."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from click.testing import Result

from conftest import GOVERNANCE, TODAY_ARG, FixtureProject, bidi_message

EN = "handouts/cramp/en.yaml"
GOV = "handouts/cramp/handout.yaml"
STRINGS = "handouts/_strings/en.yaml"
CLINIC = "handouts/clinic.yaml"

DISCLAIMER = "disclaimer: General information only. Ask your doctor if you are worried."
SOON = "  soon:\n    - text: The cramps keep coming back.\n      id: coming-back"
SIGNED_ON = "  signed_on: 2026-06-01"
OVERDUE = (
    "review overdue: next review was due {due}; review the handout and sign it off again "
    "(careleaf review sign-off cramp --by NAME), or build with --allow-overdue for the "
    "review meeting"
)


def check(run, *args: str) -> Result:
    """`careleaf check --no-layout` as of the fixed test day; never a traceback."""
    result = run("check", "--no-layout", TODAY_ARG, *args)
    assert "Traceback" not in result.output
    return result


def assert_refused(
    result: Result, *problems: str, counts: str | None = "0 validated, 1 failed"
) -> None:
    """Exit 1, exactly ``problems`` on stderr in that order, then the summary line.

    ``counts`` is the leaflet tally the summary leads with; None when nothing was checked.
    """
    plural = "problem" if len(problems) == 1 else "problems"
    lead = f"{counts}; " if counts else ""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *problems,
        f"careleaf: {lead}{len(problems)} {plural} found",
    ]


def assert_passes(result: Result, validated: int = 1) -> None:
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == f"careleaf: {validated} validated, 0 failed\n"


def test_fixture_project_validates(project: FixtureProject, run) -> None:
    assert_passes(check(run))


# --- blank and invisible text -------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("''", id="empty"),
        pytest.param("'   '", id="spaces"),
        pytest.param('"\u200b"', id="zero-width-space"),
        pytest.param('"\u2060"', id="word-joiner"),
        pytest.param('"\ufeff"', id="byte-order-mark-inside-the-file"),
        pytest.param("\ufeff", id="byte-order-mark-unquoted"),
        pytest.param('" \u200b\u2060 \ufeff\u00a0"', id="mixed-invisible"),
        pytest.param('"\\u200B"', id="zero-width-space-as-escape"),
    ],
)
def test_blank_disclaimer_is_refused(project: FixtureProject, run, value: str) -> None:
    project.edit(EN, DISCLAIMER, f"disclaimer: {value}")
    assert_refused(check(run), f"{EN}:4:13: 'disclaimer' must not be blank")


def test_blank_field_inside_a_list_names_the_item(project: FixtureProject, run) -> None:
    project.edit(EN, "      text: Rub the muscle to help it relax.", "      text: '\u200b'")
    assert_refused(check(run), f"{EN}:12:13: 'home_care.items[2].text' must not be blank")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        pytest.param(
            "title: Leg cramp",
            "title: Leg \u202ecramp",
            f"{EN}:2:8: 'title' " + bidi_message("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
            id="rlo-in-title",
        ),
        pytest.param(
            "  intro: Get help if you notice these signs.",
            '  intro: "Call \\u202D999"',
            f"{EN}:15:10: 'warning_signs.intro' "
            + bidi_message("\u202d", "LEFT-TO-RIGHT OVERRIDE"),
            id="lro-as-escape-in-nested-field",
        ),
        pytest.param(
            "    - text: You have trouble breathing.",
            "    - text: You have \u202btrouble breathing.",
            f"{EN}:17:13: 'warning_signs.emergency[1].text' "
            + bidi_message("\u202b", "RIGHT-TO-LEFT EMBEDDING"),
            id="rle-in-list-item",
        ),
    ],
)
def test_bidi_override_is_refused(
    project: FixtureProject, run, old: str, new: str, problem: str
) -> None:
    project.edit(EN, old, new)
    assert_refused(check(run), problem)


@pytest.mark.parametrize("mark", ["\u200f", "\u200e"], ids=["rlm", "lrm"])
def test_directional_marks_are_refused(project: FixtureProject, run, mark: str) -> None:
    """Once accepted, a mark reorders as surely as an override (see tests/hostile/test_bidi.py)."""
    project.edit(EN, "title: Leg cramp", f"title: Leg {mark}cramp")
    name = unicodedata.name(mark)
    assert_refused(check(run), f"{EN}:2:8: 'title' " + bidi_message(mark, name))


# --- structure ----------------------------------------------------------------


def test_missing_required_key(project: FixtureProject, run) -> None:
    project.edit(EN, DISCLAIMER + "\n", "")
    assert_refused(check(run), f"{EN}:1:1: 'disclaimer' is required")


def test_missing_nested_key_points_at_its_mapping(project: FixtureProject, run) -> None:
    project.edit(EN, "  intro: Most cramps pass in a few minutes.\n", "")
    assert_refused(check(run), f"{EN}:6:3: 'home_care.intro' is required")


def test_unknown_key_suggests_the_nearest_name(project: FixtureProject, run) -> None:
    project.edit(EN, "subtitle:", "subtitel:")
    assert_refused(check(run), f"{EN}:3:1: unknown key 'subtitel'; did you mean 'subtitle'?")


def test_unknown_nested_key_suggests_within_its_mapping(project: FixtureProject, run) -> None:
    source = "  - title: Test source\n    reference: tests/fixtures\n"
    project.edit(GOV, source, source + "    notez: x\n")
    assert_refused(check(run), f"{GOV}:7:5: unknown key 'notez'; did you mean 'note'?")


def test_misspelt_key_in_a_list_item_is_both_unknown_and_missing(
    project: FixtureProject, run
) -> None:
    project.edit(EN, "    - heading: Rub", "    - headng: Rub")
    assert_refused(
        check(run),
        f"{EN}:11:7: 'home_care.items[2].heading' is required",
        f"{EN}:11:7: unknown key 'headng'; did you mean 'heading'?",
    )


def test_unknown_key_without_a_near_name_lists_the_allowed_ones(
    project: FixtureProject, run
) -> None:
    project.edit(EN, "subtitle:", "xyzzy:")
    assert_refused(
        check(run),
        f"{EN}:3:1: unknown key 'xyzzy'; expected one of: language, title, subtitle, "
        "disclaimer, home_care, warning_signs, prevention, translation",
    )


def test_unknown_keys_that_look_like_type_names(project: FixtureProject, run) -> None:
    project.edit(EN, "subtitle:", "str:")
    source = "  - title: Test source\n    reference: tests/fixtures\n"
    project.edit(GOV, source, source + "    date: x\n")
    assert_refused(
        check(run),
        f"{EN}:3:1: unknown key 'str'; expected one of: language, title, subtitle, "
        "disclaimer, home_care, warning_signs, prevention, translation",
        f"{GOV}:7:5: unknown key 'date'; expected one of: title, reference, note",
        counts="0 validated, 1 failed",
    )


def test_escaped_control_character_is_refused(project: FixtureProject, run) -> None:
    project.edit(EN, "title: Leg cramp", 'title: "Leg\\0cramp"')
    assert_refused(check(run), f"{EN}:2:8: 'title' contains control character U+0000; remove it")


def test_date_in_other_digits_is_not_a_date(project: FixtureProject, run) -> None:
    arabic = "\u0662\u0660\u0662\u0666-\u0660\u0666-\u0660\u0661"
    project.edit(GOV, SIGNED_ON, f"  signed_on: {arabic}")
    assert_refused(
        check(run),
        f"{GOV}:12:14: 'sign_off.signed_on' must be a date written YYYY-MM-DD, not '{arabic}'",
    )


def test_scalar_where_a_list_belongs(project: FixtureProject, run) -> None:
    project.edit(EN, SOON, "  soon: The cramps keep coming back.")
    assert_refused(check(run), f"{EN}:22:9: 'warning_signs.soon' must be a list, not text")


def test_list_where_a_scalar_belongs(project: FixtureProject, run) -> None:
    project.edit(EN, "title: Leg cramp", "title:\n  - Leg cramp")
    assert_refused(check(run), f"{EN}:3:3: 'title' must be text, not a list")


def test_text_where_a_mapping_belongs(project: FixtureProject, run) -> None:
    project.write(GOV, GOVERNANCE + "sign_off: next spring\n")
    assert_refused(check(run), f"{GOV}:7:11: 'sign_off' must be a mapping of keys, not text")


def test_file_that_is_not_a_mapping(project: FixtureProject, run) -> None:
    project.write(EN, "- Leg cramp\n")
    assert_refused(check(run), f"{EN}:1:1: expected a mapping of keys, found a list")


def test_list_with_zero_items(project: FixtureProject, run) -> None:
    project.edit(EN, SOON, "  soon: []")
    assert_refused(check(run), f"{EN}:22:9: 'warning_signs.soon' needs at least 1 entry")


def test_list_with_too_many_items(project: FixtureProject, run) -> None:
    item = "    - heading: Rub\n      text: Rub the muscle to help it relax.\n      id: rub\n"
    more = "".join(item.replace("id: rub", f"id: rub-{n}") for n in range(12))
    project.edit(EN, item, item + more)
    assert_refused(check(run), f"{EN}:8:5: 'home_care.items' has too many entries; the limit is 12")


def test_two_items_with_one_id(project: FixtureProject, run) -> None:
    project.edit(EN, "      id: rub", "      id: stretch")
    assert_refused(
        check(run),
        f"{EN}:8:5: 'home_care.items' has two items with the id 'stretch'; "
        "each item needs its own id",
    )


@pytest.mark.parametrize(
    ("value", "shown"), [("Rub_It", "Rub_It"), ("'a b'", "a b"), ("x" * 41, "x" * 41)]
)
def test_item_id_must_be_short_lowercase_and_hyphens(
    project: FixtureProject, run, value: str, shown: str
) -> None:
    project.edit(EN, "      id: rub", f"      id: {value}")
    assert_refused(
        check(run),
        f"{EN}:13:11: 'home_care.items[2].id' is '{shown}', which is not an item id (up to 40 "
        "lowercase letters, digits and hyphens, such as 'drink-water')",
    )


def test_item_without_an_id_says_how_to_get_one(project: FixtureProject, run) -> None:
    project.edit(
        EN, "      text: Rub the muscle to help it relax.\n      id: rub\n", "      text: Rub.\n"
    )
    assert_refused(
        check(run),
        f"{EN}:11:7: 'home_care.items[2]' needs an 'id': a short name that never changes, "
        "such as 'drink-water' (careleaf migrate gives every item one)",
    )


def test_a_sign_in_the_old_form_says_how_to_migrate(project: FixtureProject, run) -> None:
    project.edit(EN, SOON, "  soon:\n    - The cramps keep coming back.")
    assert_refused(
        check(run),
        f"{EN}:23:7: 'warning_signs.soon[1]' must be a mapping with 'text' and 'id', not text "
        "(careleaf migrate turns the old form into the new one)",
    )


def test_yaml_problem_in_a_content_file_is_reported_by_check(project: FixtureProject, run) -> None:
    project.edit(EN, "title: Leg cramp", "title: Leg cramp\ntitle: Cramp")
    assert_refused(check(run), f"{EN}:3:1: duplicate key 'title' (first defined at line 2)")


# --- length caps ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "name", "limit", "where"),
    [
        pytest.param(EN, "title: Leg cramp", "title", 80, "2:8", id="heading"),
        pytest.param(EN, DISCLAIMER, "disclaimer", 400, "4:13", id="paragraph"),
        pytest.param(
            GOV, "publisher: Test Clinic Publications", "publisher", 120, "3:12", id="name"
        ),
        pytest.param(STRINGS, "label: Soon", "urgency.soon.label", 40, "16:12", id="label"),
    ],
)
def test_over_long_field_is_refused(
    project: FixtureProject, run, rel: str, old: str, name: str, limit: int, where: str
) -> None:
    key = old.split(":")[0]
    project.edit(rel, old, f"{key}: " + "x" * (limit + 1))
    assert_refused(
        check(run), f"{rel}:{where}: '{name}' is {limit + 1} characters long; the limit is {limit}"
    )


def test_field_at_its_length_cap_is_accepted(project: FixtureProject, run) -> None:
    project.edit(EN, "title: Leg cramp", "title: " + "x" * 80)
    project.sign_off()
    assert_passes(check(run))


def test_runs_of_spaces_count_as_one(project: FixtureProject, run) -> None:
    project.edit(EN, "title: Leg cramp", "title: " + "x" * 40 + "     " + "x" * 39)
    project.sign_off()
    assert_passes(check(run))


def test_length_is_reported_with_thousands_separators(project: FixtureProject, run) -> None:
    project.edit(EN, DISCLAIMER, "disclaimer: " + "word " * 250)
    assert_refused(
        check(run), f"{EN}:4:13: 'disclaimer' is 1,249 characters long; the limit is 400"
    )


# --- the sign-off record ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20260601", "must be a date written YYYY-MM-DD, not '20260601'"),
        ("01/06/2026", "must be a date written YYYY-MM-DD, not '01/06/2026'"),
        ("2026-02-30", "is '2026-02-30', which is not a real date"),
        ("[2026-06-01]", "must be text, not a list"),
    ],
    ids=["bare-number", "another-order", "impossible", "list"],
)
def test_sign_off_date_that_is_not_a_date(
    project: FixtureProject, run, value: str, message: str
) -> None:
    project.edit(GOV, SIGNED_ON, f"  signed_on: {value}")
    assert_refused(check(run), f"{GOV}:12:14: 'sign_off.signed_on' {message}")


def test_signed_off_in_the_future(project: FixtureProject, run) -> None:
    assert_refused(
        check(run, "--today", "2026-05-31"),
        f"{GOV}:12:14: 'sign_off.signed_on' (2026-06-01) is in the future",
    )


def test_signed_off_today_is_not_in_the_future(project: FixtureProject, run) -> None:
    assert_passes(check(run, "--today", "2026-06-01"))


def test_next_review_further_than_the_clinic_interval(project: FixtureProject, run) -> None:
    project.write(CLINIC, project.read(CLINIC) + "review_interval_months: 6\n")
    assert_refused(
        check(run),
        f"{GOV}:13:20: 'sign_off.next_review_due' (2027-06-01) is more than 6 months after "
        "the sign-off on 2026-06-01; the clinic's longest review interval ends on 2026-12-01",
    )


@pytest.mark.parametrize("value", ["0", "121", "three", "-1"])
def test_review_interval_must_be_whole_months(project: FixtureProject, run, value: str) -> None:
    project.write(CLINIC, project.read(CLINIC) + f"review_interval_months: {value}\n")
    assert_refused(
        check(run),
        f"{CLINIC}:17:25: 'review_interval_months' is '{value}'; give a whole number of months "
        "from 1 to 120",
    )


@pytest.mark.parametrize(
    ("value", "where"), [("''", "11:14"), ("", "11:13"), ("'\u200b'", "11:14")]
)
def test_blank_signed_by(project: FixtureProject, run, value: str, where: str) -> None:
    project.edit(GOV, "signed_by: Dr Test Reviewer", f"signed_by: {value}".rstrip())
    assert_refused(check(run), f"{GOV}:{where}: 'sign_off.signed_by' must not be blank")


def test_record_edited_by_hand_is_not_trusted(project: FixtureProject, run) -> None:
    project.edit(GOV, "title: Leg cramp", "title: Leg cramps")
    assert_refused(
        check(run),
        f"{GOV}:16:16: the sign-off record does not match its fingerprint: it was edited by "
        "hand after careleaf wrote it, so careleaf does not trust it; sign the handout off "
        "again (careleaf review sign-off cramp --by NAME)",
    )


def test_review_dates_edited_by_hand_are_not_trusted(project: FixtureProject, run) -> None:
    project.edit(GOV, "next_review_due: 2027-06-01", "next_review_due: 2029-06-01")
    result = check(run)
    assert result.exit_code == 1
    assert "the sign-off record does not match its fingerprint" in result.stderr


def test_old_review_block_says_how_to_migrate(project: FixtureProject, run) -> None:
    project.write(
        GOV,
        GOVERNANCE + "review:\n  reviewed_on: 2026-06-01\n  next_review_due: 2027-06-01\n"
        "  reviewed_by: Dr Test Reviewer\n",
    )
    assert_refused(
        check(run),
        f"{GOV}:7:1: 'review' is careleaf's old format: review dates are now written by "
        "careleaf review sign-off; run careleaf migrate (it keeps the notes)",
    )


def test_overdue_review_is_refused(project: FixtureProject, run) -> None:
    project.sign_off(next_review="2026-11-20")
    assert_refused(check(run), f"{GOV}:13:20: " + OVERDUE.format(due="2026-11-20"))


def test_allow_overdue_lets_an_overdue_handout_pass(project: FixtureProject, run) -> None:
    project.sign_off(next_review="2026-11-20")
    assert_passes(check(run, "--allow-overdue"))


def test_review_due_today_is_not_overdue(project: FixtureProject, run) -> None:
    project.sign_off(next_review="2026-11-21")
    assert_passes(check(run))


def test_allow_overdue_does_not_excuse_other_date_problems(project: FixtureProject, run) -> None:
    project.sign_off(on=date(2026, 11, 22), next_review="2027-01-01")
    assert_refused(
        check(run, "--allow-overdue"),
        f"{GOV}:12:14: 'sign_off.signed_on' (2026-11-22) is in the future",
    )


# --- ids, languages and file names -------------------------------------------------


def test_id_must_match_the_folder(project: FixtureProject, run) -> None:
    project.edit(GOV, "id: cramp", "id: leg-cramp")
    assert_refused(check(run), f"{GOV}:1:5: 'id' is 'leg-cramp' but the folder is 'cramp'")


def test_id_must_be_lowercase_with_hyphens(project: FixtureProject, run) -> None:
    project.edit(GOV, "id: cramp", "id: Cramp")
    assert_refused(
        check(run),
        f"{GOV}:1:5: 'id' is 'Cramp', which is not a valid id "
        "(lowercase letters, digits and hyphens)",
    )


def test_language_must_match_the_file_name(project: FixtureProject, run) -> None:
    project.edit(EN, "language: en", "language: es")
    assert_refused(check(run), f"{EN}:1:11: 'language' is 'es' but the file is named for 'en'")


def test_source_language_needs_a_file(project: FixtureProject, run) -> None:
    project.edit(GOV, "source_language: en", "source_language: fr")
    result = check(run)
    assert result.exit_code == 1
    assert result.stdout == (
        "not checked handouts/cramp/en.yaml: its source language 'fr' has no file\n"
    )
    assert result.stderr.splitlines() == [
        f"{GOV}:2:18: source language 'fr' has no file fr.yaml",
        "careleaf: 0 validated, 1 failed; 1 problem found",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("pt_BR", "'pt_BR' is not a BCP 47 language tag; write 'pt-BR'"),
        ("english", "'english' is not a BCP 47 language tag (for example en, es, pt-BR)"),
        ("xx", "'xx' is not a language careleaf knows (Babel has no locale)"),
    ],
)
def test_bad_language_file_name(project: FixtureProject, run, name: str, message: str) -> None:
    project.write(f"handouts/cramp/{name}.yaml", project.read(EN))
    assert_refused(
        check(run),
        f"handouts/cramp/{name}.yaml: file name: {message}",
        counts="1 validated, 1 failed",
    )


def test_missing_ui_strings_for_a_language(project: FixtureProject, run) -> None:
    assert run("translate", "init", "es").exit_code == 0
    project.path("handouts/_strings/es.yaml").unlink()
    result = check(run)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "handouts/_strings/es.yaml: UI strings for 'es' are missing; create this file "
        "(careleaf translate init es)",
        "careleaf: 1 validated, 1 skipped, 0 failed; 1 problem found",
    ]


def test_ui_string_missing_a_required_placeholder(project: FixtureProject, run) -> None:
    project.edit(STRINGS, "page_of: page {n} of {m}", "page_of: page {n}")
    assert_refused(check(run), f"{STRINGS}:21:10: 'page_of' must contain {{m}}")


def test_ui_string_missing_two_placeholders(project: FixtureProject, run) -> None:
    project.edit(
        STRINGS,
        "review_line: Reviewed {reviewed} - Next review due {next_review}",
        "review_line: Reviewed recently",
    )
    assert_refused(
        check(run), f"{STRINGS}:18:14: 'review_line' must contain {{next_review}}, {{reviewed}}"
    )


def test_ui_string_with_an_unknown_placeholder(project: FixtureProject, run) -> None:
    project.edit(STRINGS, "page_of: page {n} of {m}", "page_of: page {n} of {m} {total}")
    assert_refused(check(run), f"{STRINGS}:21:10: 'page_of' uses unknown placeholder {{total}}")


def test_ui_strings_language_must_match_the_file_name(project: FixtureProject, run) -> None:
    project.edit(STRINGS, "language: en", "language: en-GB")
    assert_refused(
        check(run), f"{STRINGS}:3:11: 'language' is 'en-GB' but the file is named for 'en'"
    )


# --- the clinic profile ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        pytest.param(
            "phone: 020 7946 0199",
            "phone: call us",
            f"{CLINIC}:2:8: 'phone' is 'call us', which is not a phone number "
            "(digits, spaces and + ( ) . - only)",
            id="bad-phone",
        ),
        pytest.param(
            "paper_size: A4",
            "paper_size: A5",
            f"{CLINIC}:4:13: 'paper_size' must be one of 'A4' or 'Letter'",
            id="unknown-paper",
        ),
    ],
)
def test_broken_clinic_profile_stops_everything(
    project: FixtureProject, run, old: str, new: str, problem: str
) -> None:
    project.edit(CLINIC, old, new)
    project.edit(EN, "title: Leg cramp", "title: ''")  # still reported: all problems at once
    assert_refused(check(run), problem, f"{EN}:2:8: 'title' must not be blank")


@pytest.mark.parametrize("paper", ["letter", "LETTER", "a4"])
def test_paper_size_is_case_insensitive(project: FixtureProject, run, paper: str) -> None:
    project.edit(CLINIC, "paper_size: A4", f"paper_size: {paper}")
    assert_passes(check(run))


def test_missing_clinic_profile(project: FixtureProject, run) -> None:
    project.path(CLINIC).unlink()
    assert_refused(check(run), f"{CLINIC}: clinic profile is missing")


# --- many files, one run ----------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_sorted(project: FixtureProject, run) -> None:
    project.add_handout("other")
    project.edit(STRINGS, "page_of: page {n} of {m}", "page_of: page {n}")
    # Written out of the model's field order, so the report must sort by line.
    project.edit(
        EN,
        "title: Leg cramp\nsubtitle: A tiny handout for tests\n" + DISCLAIMER,
        "disclaimer: ''\nsubtitle: A tiny handout for tests\ntitle: ''",
    )
    project.edit(GOV, "id: cramp", "id: leg-cramp")
    project.edit("handouts/other/en.yaml", SOON, "  soon: []")
    assert_refused(
        check(run),
        f"{STRINGS}:21:10: 'page_of' must contain {{m}}",
        f"{EN}:2:13: 'disclaimer' must not be blank",
        f"{EN}:4:8: 'title' must not be blank",
        f"{GOV}:1:5: 'id' is 'leg-cramp' but the folder is 'cramp'",
        "handouts/other/en.yaml:22:9: 'warning_signs.soon' needs at least 1 entry",
        counts="0 validated, 2 failed",
    )


def test_broken_handout_does_not_stop_a_good_one(project: FixtureProject, run) -> None:
    project.add_handout("other")
    project.edit(EN, DISCLAIMER, "disclaimer: ''")
    assert_refused(
        check(run),
        f"{EN}:4:13: 'disclaimer' must not be blank",
        counts="1 validated, 1 failed",
    )


def test_handout_option_checks_only_that_handout(project: FixtureProject, run) -> None:
    project.add_handout("other")
    project.edit(EN, DISCLAIMER, "disclaimer: ''")
    assert_passes(check(run, "--handout", "other"))


def test_unknown_handout_is_a_usage_error(project: FixtureProject, run) -> None:
    result = check(run, "--handout", "nope")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Error: no handout 'nope' (there are: cramp)"


def test_unknown_language_is_a_usage_error(project: FixtureProject, run) -> None:
    result = check(run, "--lang", "fr")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == "Error: no handout has language 'fr'"


def test_a_huge_value_is_quoted_cut_short(project: FixtureProject, run) -> None:
    """Names and text quoted in messages are cut to a sane length, with the length said."""
    project.edit("handouts/cramp/handout.yaml", "id: cramp", "id: " + "Cramp" * 1000)
    result = check(run)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/cramp/handout.yaml:1:5: 'id' is '" + ("Cramp" * 12)[:57] + "...' (5,000 "
        "characters), which is not a valid id (lowercase letters, digits and hyphens)"
    )
    assert max(len(line) for line in result.stderr.splitlines()) < 300
