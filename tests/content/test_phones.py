"""Clinic phone numbers: checked for the clinic's region, printed the way the region writes them.

Every number here is valid in form and reserved for fiction: Ofcom's drama
range (020 7946 0000 to 0999) in the UK, 555-0100 to 555-0199 in the US.
"""

from __future__ import annotations

import pytest

from careleaf.content import phones
from careleaf.content.regions import REGIONS

from conftest import FICTIONAL_PHONE, TODAY_ARG, FixtureProject, pdf_pages

CLINIC = "handouts/clinic.yaml"
PDF = "output/en/cramp.pdf"
NBSP = "\u00a0"


def us_clinic(project: FixtureProject, numbers: str, *, confirm: bool = True) -> None:
    """A US profile with these numbers; confirmed as it stands unless it cannot be."""
    project.write(CLINIC, f"name: Test Clinic\nregion: US\n{numbers}paper_size: A4\n")
    if confirm:
        project.confirm_clinic()


# --- numbers that cannot be called are refused, at their line, and nothing is written ---


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "phone: 020 7946 0199",
            "phone: 0100 555 0199",
            f"{CLINIC}:2:8: 'phone' is '0100 555 0199', which is not a valid phone number in "
            "region GB: no numbers are given out in that range; check the digits",
            id="invalid",
        ),
        pytest.param(
            "phone: 020 7946 0199",
            "phone: 020 7946 0199\nout_of_hours_phone: 020 7946 01999",
            f"{CLINIC}:3:21: 'out_of_hours_phone' is '020 7946 01999', which cannot be a phone "
            "number in region GB: it has too many digits",
            id="too-long",
        ),
        pytest.param(
            "phone: 020 7946 0199",
            "phone: 7946 0199",
            f"{CLINIC}:2:8: 'phone' is '7946 0199', which cannot be a phone number in region GB: "
            "it is a local number; add the area code",
            id="local-only",
        ),
        pytest.param(
            "phone: 020 7946 0199",
            "phone: +999 7946 0199",
            f"{CLINIC}:2:8: 'phone' is '+999 7946 0199', which cannot be a phone number: no "
            "country has the code it starts with",
            id="no-such-country",
        ),
        pytest.param(
            "phone: 020 7946 0199",
            "phone: 020 7946 0199\nurgent_care_number: 0100 555 0199",
            f"{CLINIC}:3:21: 'urgent_care_number' is '0100 555 0199', which is not a valid "
            "phone number in region GB: no numbers are given out in that range; check the digits",
            id="urgent-care-override",
        ),
        pytest.param(
            "region: GB",
            "region: US",
            f"{CLINIC}:2:8: 'phone' is '020 7946 0199', which cannot be a phone number in "
            "region US: it has too many digits",
            id="another-region",
        ),
    ],
)
def test_a_number_that_cannot_be_called_is_refused(
    project: FixtureProject, run, old: str, new: str, message: str
) -> None:
    project.edit(CLINIC, old, new)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message, "careleaf: 0 built, 1 failed; 1 problem found"]
    assert not project.path("output").exists()


def test_a_number_too_short_to_exist_is_refused(project: FixtureProject, run) -> None:
    """The issue's example: accepted before, it would have been printed on every leaflet."""
    us_clinic(project, "phone: +1 212 55\n", confirm=False)
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{CLINIC}:3:8: 'phone' is '+1 212 55', which cannot be a phone number in region US: "
        "it has too few digits",
        "careleaf: 0 validated, 1 failed; 1 problem found",
    ]


# --- printed as the region writes its numbers ---


@pytest.mark.render
def test_numbers_print_in_the_regions_national_form(project: FixtureProject, run) -> None:
    us_clinic(
        project,
        "phone: '+1 201 555 0199'\nout_of_hours_phone: 2015550123\n"
        "urgent_care_number: +44 20 7946 0000\n",
    )
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(project.path(PDF))
    clinic = f"(201){NBSP}555-0199"
    # Beside the title on every page, as the US writes it, and never broken across lines.
    assert all(f"Test Clinic\n {clinic}\n" in page for page in pages)
    assert f"SOON Book an appointment - call {clinic}" in pages[1]
    # A number of another country prints in international form.
    closed = f"(201){NBSP}555-0123 / +44{NBSP}20{NBSP}7946{NBSP}0000"
    assert f"When the clinic is closed, call {closed}" in pages[1]
    assert "Call 911 now" in pages[1]


@pytest.mark.render
def test_one_number_written_two_ways_prints_once(project: FixtureProject, run) -> None:
    project.edit(
        CLINIC,
        "region: GB",
        "region: GB\nout_of_hours_phone: +44 20 7946 0000\nurgent_care_number: 02079460000",
    )
    project.confirm_clinic()
    assert run("build", TODAY_ARG).exit_code == 0
    page = pdf_pages(project.path(PDF))[1]
    assert f"When the clinic is closed, call 020{NBSP}7946{NBSP}0000\n" in page


# --- overrides of the emergency and urgent-care lines: checked against short-number data ---

#: The hole: `emergency_number: "555"` printed "EMERGENCY Call 555 now" on a patient-ready
#: leaflet with only a warning. An emergency number libphonenumber does not know is an error.
UNKNOWN_911 = (
    f"{CLINIC}:4:19: 'emergency_number' is '911', which libphonenumber does not know as an "
    "emergency number in region GB; if it is the number to call in an emergency there, "
    "confirm it with a reason (careleaf clinic confirm --by NAME --accept-emergency-number "
    "REASON)"
)


@pytest.mark.parametrize("command", [("build",), ("check", "--no-layout"), ("build", "--drafts")])
def test_an_emergency_number_unknown_for_the_region_is_an_error(
    project: FixtureProject, run, command: tuple[str, ...]
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    result = run(*command, TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == UNKNOWN_911
    assert not project.path("output").exists()


def test_a_us_profile_with_555_as_emergency_number_prints_nothing(
    project: FixtureProject, run
) -> None:
    us_clinic(project, f"phone: {FICTIONAL_PHONE['US']}\n")
    project.edit(CLINIC, "region: US", "region: US\nemergency_number: '555'")
    result = run("build", TODAY_ARG, "--drafts")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{CLINIC}:3:19: 'emergency_number' is '555', which libphonenumber does not know"
    )
    assert not project.path("output").exists()


def test_confirming_an_unknown_emergency_number_needs_a_reason(
    project: FixtureProject, run
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    before = project.read(CLINIC)
    result = run("clinic", "confirm", "--by", "Pat Manager")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [UNKNOWN_911, "careleaf: 1 problem found"]
    assert project.read(CLINIC) == before


@pytest.mark.render
def test_an_emergency_number_accepted_with_a_reason_prints(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    reason = "Our base hospital's own line, which the regional service confirmed in writing"
    result = run("clinic", "confirm", "--by", "Pat Manager", "--accept-emergency-number", reason)
    assert result.exit_code == 0, result.output
    assert f"  emergency_number: 911 (accepted: {reason})" in result.stdout.splitlines()
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert "Call 911 now" in pdf_pages(project.path(PDF))[1]
    # The acceptance is for that number alone: another unknown one is refused again.
    project.edit(CLINIC, "emergency_number: '911'", "emergency_number: '912'")
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert "'emergency_number' is '912', which libphonenumber" in result.stderr


def test_accepting_a_known_emergency_number_is_a_usage_error(project: FixtureProject, run) -> None:
    result = run("clinic", "confirm", "--by", "Pat Manager", "--accept-emergency-number", "x")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --accept-emergency-number: 999 is the emergency number libphonenumber knows "
        "for region GB; there is nothing to accept"
    )


#: An urgent-care line libphonenumber does not know: still a warning (a person decides).
UNKNOWN_118 = (
    f"{CLINIC}:4:21: 'urgent_care_number' is '118', a short number libphonenumber does not "
    "know in region GB; make sure patients there can call it"
)


def test_strict_check_fails_on_an_unknown_urgent_care_number(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nurgent_care_number: '118'")
    project.confirm_clinic()
    result = run("check", TODAY_ARG, "--strict", "--no-layout")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        UNKNOWN_118,
        "careleaf: 1 validated, 0 failed; 1 problem found",
    ]


def test_strict_build_writes_nothing_on_an_unknown_urgent_care_number(
    project: FixtureProject, run
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nurgent_care_number: '118'")
    project.confirm_clinic()
    result = run("build", TODAY_ARG, "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        UNKNOWN_118,
        "careleaf: nothing built (--strict); 1 problem found",
    ]
    assert not project.path("output").exists()


@pytest.mark.render
def test_strict_build_reads_the_profile_even_when_nothing_changed(
    project: FixtureProject, run
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nurgent_care_number: '118'")
    project.confirm_clinic()
    assert run("build", TODAY_ARG).exit_code == 0  # a warning only
    result = run("build", TODAY_ARG, "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "careleaf: nothing built (--strict); 1 problem found"
    project.edit(CLINIC, "urgent_care_number: '118'", "urgent_care_number: '111'")
    project.confirm_clinic()
    result = run("build", TODAY_ARG, "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.render
def test_status_and_preview_show_the_clinic_warning(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nurgent_care_number: '118'")
    project.confirm_clinic()
    warning = UNKNOWN_118.replace(": 'urgent", ": warning: 'urgent", 1)
    result = run("status", TODAY_ARG, "--no-layout")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [warning]
    result = run("preview", "cramp", TODAY_ARG, "--dpi", "36")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [warning]


def test_an_unknown_short_urgent_care_number_is_a_warning(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nurgent_care_number: '118'")
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{CLINIC}:4:21: warning: 'urgent_care_number' is '118', a short number libphonenumber "
        "does not know in region GB; make sure patients there can call it",
    ]


@pytest.mark.parametrize(
    "override",
    ["emergency_number: '112'", "urgent_care_number: '111'", "urgent_care_number: 020 7946 0000"],
)
def test_overrides_libphonenumber_knows_give_no_warning(
    project: FixtureProject, run, override: str
) -> None:
    project.edit(CLINIC, "region: GB", f"region: GB\n{override}")
    result = run("check", TODAY_ARG, "--strict", "--no-layout")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_every_number_of_the_region_table_is_known_to_libphonenumber() -> None:
    for region, numbers in REGIONS.items():
        assert phones.is_known_region(region)
        assert phones.is_emergency_number(numbers.emergency, region)
        if numbers.urgent_care is not None:
            phones.check_service_number(numbers.urgent_care, region)
            assert phones.service_warning(numbers.urgent_care, region, emergency=False) is None
