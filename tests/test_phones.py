"""Clinic phone numbers: checked for the clinic's region, printed the way the region writes them.

Every number here is valid in form and reserved for fiction: Ofcom's drama
range (020 7946 0000 to 0999) in the UK, 555-0100 to 555-0199 in the US.
"""

from __future__ import annotations

import pytest

from careleaf import phones
from careleaf.regions import REGIONS

from conftest import TODAY_ARG, FixtureProject, pdf_pages

CLINIC = "handouts/clinic.yaml"
PDF = "output/en/cramp.pdf"
NBSP = "\u00a0"


def us_clinic(project: FixtureProject, numbers: str) -> None:
    project.write(CLINIC, f"name: Test Clinic\nregion: US\n{numbers}paper_size: A4\n")


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
    us_clinic(project, "phone: +1 212 55\n")
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{CLINIC}:3:8: 'phone' is '+1 212 55', which cannot be a phone number in region US: "
        "it has too few digits",
        "careleaf: 0 validated, 1 failed; 1 problem found",
    ]


# --- printed as the region writes its numbers ---


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


def test_one_number_written_two_ways_prints_once(project: FixtureProject, run) -> None:
    project.edit(
        CLINIC,
        "region: GB",
        "region: GB\nout_of_hours_phone: +44 20 7946 0000\nurgent_care_number: 02079460000",
    )
    assert run("build", TODAY_ARG).exit_code == 0
    page = pdf_pages(project.path(PDF))[1]
    assert f"When the clinic is closed, call 020{NBSP}7946{NBSP}0000\n" in page


# --- overrides of the emergency and urgent-care lines: checked against short-number data ---


def test_an_emergency_number_unknown_for_the_region_is_a_warning(
    project: FixtureProject, run
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    warning = (
        f"{CLINIC}:4:19: warning: 'emergency_number' is '911', which libphonenumber does not "
        "know as an emergency number in region GB; make sure it is the number to call in an "
        "emergency there"
    )
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [warning]
    assert "Call 911 now" in pdf_pages(project.path(PDF))[1]

    result = run("check", TODAY_ARG)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [warning]
    assert result.stdout == "careleaf: 0 checked, 1 up to date, 0 failed\n"


#: An emergency number libphonenumber does not know for the region, as an error.
UNKNOWN_911 = (
    f"{CLINIC}:4:19: 'emergency_number' is '911', which libphonenumber does not know as an "
    "emergency number in region GB; make sure it is the number to call in an emergency there"
)


def test_strict_check_fails_on_an_unknown_emergency_number(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    result = run("check", TODAY_ARG, "--strict", "--no-layout")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        UNKNOWN_911,
        "careleaf: 1 validated, 0 failed; 1 problem found",
    ]


def test_strict_build_writes_nothing_on_an_unknown_emergency_number(
    project: FixtureProject, run
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    result = run("build", TODAY_ARG, "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        UNKNOWN_911,
        "careleaf: nothing built (--strict); 1 problem found",
    ]
    assert not project.path("output").exists()


def test_strict_build_reads_the_profile_even_when_nothing_changed(
    project: FixtureProject, run
) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    assert run("build", TODAY_ARG).exit_code == 0  # a warning only
    result = run("build", TODAY_ARG, "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "careleaf: nothing built (--strict); 1 problem found"
    project.edit(CLINIC, "emergency_number: '911'", "emergency_number: '999'")
    result = run("build", TODAY_ARG, "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_status_and_preview_show_the_clinic_warning(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nemergency_number: '911'")
    warning = (
        f"{CLINIC}:4:19: warning: 'emergency_number' is '911', which libphonenumber does not "
        "know as an emergency number in region GB; make sure it is the number to call in an "
        "emergency there"
    )
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
        assert phones.service_warning(numbers.emergency, region, emergency=True) is None
        if numbers.urgent_care is not None:
            phones.check_service_number(numbers.urgent_care, region)
            assert phones.service_warning(numbers.urgent_care, region, emergency=False) is None
