"""`careleaf status`: the dashboard's rows, order, JSON and CI gates."""

from __future__ import annotations

import json

import pytest

from conftest import TODAY_ARG, FixtureProject


@pytest.fixture
def catalog(project: FixtureProject, run) -> FixtureProject:
    """cramp (current), soon (due in 30 days), late (overdue), and a stale Spanish cramp."""
    project.add_handout("soon", signed=False)
    project.sign_off("soon", next_review="2026-12-21")
    project.add_handout("late", signed=False)
    project.sign_off("late", next_review="2026-11-01")
    assert run("translate", "init", "es", "--handout", "cramp").exit_code == 0
    es = project.read("handouts/cramp/es.yaml")
    head, sep, tail = es.partition("\ntranslation:")
    project.write("handouts/cramp/es.yaml", head.replace('""', '"Texto"') + sep + tail)
    project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    project.sign_off()  # the reviewer signed the edit off; the translation is now stale
    return project


def test_table_most_urgent_first(catalog: FixtureProject, run) -> None:
    result = run("status", TODAY_ARG, "--no-layout")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[0][:2] == ["HANDOUT", "LANG"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("late", "en"),
        ("soon", "en"),
        ("cramp", "es"),
        ("cramp", "en"),
    ]
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "HANDOUT",
        "LANG",
        "SIGN-OFF",
        "NEXT",
        "REVIEW",
        "TRANSLATION",
        "FIT",
        "READING",
    ]
    assert "2026-11-01, OVERDUE 20 days" in lines[1]
    assert "2026-12-21, due in 30 days" in lines[2]
    assert "signed off by Dr Test Reviewer on 2026-06-01" in lines[3]
    assert "draft, 1 stale" in lines[3]
    assert "grade" in lines[4] and "Flesch-Kincaid" in lines[4]


def test_sign_off_column_counts_the_changes(project: FixtureProject, run) -> None:
    project.add_handout("new", signed=False)
    project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: Leg cramps")
    result = run("status", TODAY_ARG, "--no-layout")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "CHANGED: 2 fields since Dr Test Reviewer signed off" in lines[1]
    assert "2027-06-01" in lines[1]
    assert lines[2].split()[:5] == ["new", "en", "NOT", "SIGNED", "OFF"]
    rows = {
        r["handout"]: r
        for r in json.loads(run("status", TODAY_ARG, "--no-layout", "--json").stdout)
    }
    assert rows["cramp"]["sign_off"] == {
        "state": "changed since sign-off",
        "signed_by": "Dr Test Reviewer",
        "signed_on": "2026-06-01",
        "changed_fields": 2,
    }
    assert rows["new"]["sign_off"]["state"] == "not signed off"
    assert rows["new"]["next_review_due"] is None
    assert run("status", TODAY_ARG, "--no-layout", "--fail-on", "unsigned").exit_code == 1


def test_due_within_moves_the_threshold(catalog: FixtureProject, run) -> None:
    result = run("status", TODAY_ARG, "--no-layout", "--due-within", "10", "--json")
    rows = {(r["handout"], r["language"]): r for r in json.loads(result.stdout)}
    assert rows[("soon", "en")]["review"] == "current"
    assert rows[("late", "en")]["review"] == "overdue"
    assert rows[("late", "en")]["days_left"] == -20


@pytest.mark.render
def test_json_carries_fit_and_reading(catalog: FixtureProject, run) -> None:
    result = run("status", TODAY_ARG, "--json", "--handout", "cramp", "--lang", "en", "-j", "1")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["fit"] == "fits"
    assert row["body_pt"] == {"home_care": 14.0, "warning_signs": 14.0, "prevention": 14.0}
    assert row["reading"]["formula"] == "Flesch-Kincaid grade"
    assert row["translation"] == "source"


@pytest.mark.parametrize(
    ("gates", "code"),
    [
        ("overdue", 1),
        ("stale", 1),
        ("unapproved", 1),
        ("unsigned", 0),
        ("missing", 0),
        ("missing,unreadable", 0),
        ("", 0),
    ],
)
def test_fail_on_gates_the_exit_code(catalog: FixtureProject, run, gates: str, code: int) -> None:
    args = ["status", TODAY_ARG, "--no-layout"] + (["--fail-on", gates] if gates else [])
    assert run(*args).exit_code == code


def test_unreadable_gate_uses_max_grade(catalog: FixtureProject, run) -> None:
    result = run(
        "status",
        TODAY_ARG,
        "--no-layout",
        "--fail-on",
        "unreadable",
        "--max-grade",
        "0",
        "--lang",
        "en",
    )
    assert result.exit_code == 1
    assert result.stderr == "careleaf: 3 of 3 rows are unreadable\n"


def test_unknown_gate_is_a_usage_error(catalog: FixtureProject, run) -> None:
    result = run("status", TODAY_ARG, "--fail-on", "late")
    assert result.exit_code == 2
    assert (
        "unknown late; choose from overdue, stale, missing, unreadable, unsigned, unapproved"
        in result.stderr
    )


def test_check_warns_about_reading_level_and_strict_fails(project: FixtureProject, run) -> None:
    warned = run("check", TODAY_ARG, "--no-layout", "--max-grade", "0")
    assert warned.exit_code == 0
    assert warned.stderr.startswith("handouts/cramp/en.yaml: warning: reading level grade ")
    strict = run("check", TODAY_ARG, "--no-layout", "--max-grade", "0", "--strict")
    assert strict.exit_code == 1
    assert "handouts/cramp/en.yaml: reading level grade" in strict.stderr


@pytest.mark.render
def test_fit_is_checked_for_the_variant_and_clinic_asked_for(project: FixtureProject, run) -> None:
    result = run("status", TODAY_ARG, "--json", "--variant", "large-print")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["fit"] == "fits"
    assert row["body_pt"] == {"home_care": 16, "warning_signs": 16, "prevention": 16}
    # A profile whose logo is missing: no leaflet of that clinic can be checked.
    project.write("handouts/_clinics/north.yaml", "name: North\nphone: 02 5550 0123\nregion: AU\n")
    project.edit(
        "handouts/_clinics/north.yaml",
        "region: AU\n",
        "region: AU\nlogo:\n  file: x.svg\n  alt: X\n",
    )
    result = run("status", TODAY_ARG, "--clinic", "handouts/_clinics/north.yaml")
    assert result.exit_code == 1
    assert "not checked" in result.stdout.splitlines()[1]
    assert result.stderr.splitlines() == [
        "handouts/_clinics/north.yaml:5:9: logo file 'x.svg' does not exist",
        "careleaf: 1 problem found",
    ]
    assert run("status", TODAY_ARG).stdout.count("fits at 14/14/14 pt") == 1


def test_a_problem_outside_the_rows_is_printed_and_fails(project: FixtureProject, run) -> None:
    project.edit(
        "handouts/cramp/handout.yaml", "next_review_due: 2027-06-01", "next_review_due: soon"
    )
    result = run("status", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].split()[:7] == [
        "cramp",
        "en",
        "invalid",
        "(see",
        "below)",
        "invalid",
        "source",
    ]
    assert result.stderr.splitlines() == [
        "handouts/cramp/handout.yaml:13:20: 'sign_off.next_review_due' must be a date written "
        "YYYY-MM-DD, not 'soon'",
        "careleaf: 1 problem found",
    ]


@pytest.mark.render
def test_status_and_check_reuse_the_recorded_fit(
    project: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once built, an unchanged leaflet is not laid out again, even on a day it is overdue."""
    from careleaf.render.pdf import Renderer

    assert run("build", TODAY_ARG).exit_code == 0

    def no_layout(*args: object, **kwargs: object) -> None:
        raise AssertionError("laid out again")

    monkeypatch.setattr(Renderer, "layout", no_layout)
    overdue = run("status", "--today=2027-06-02", "--json", "-j", "1")
    assert overdue.exit_code == 0, overdue.output
    [row] = json.loads(overdue.stdout)
    assert (row["review"], row["fit"]) == ("overdue", "fits")
    checked = run("check", TODAY_ARG, "-j", "1")
    assert checked.exit_code == 0, checked.output
