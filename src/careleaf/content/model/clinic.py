"""The clinic profile: who prints the leaflets, their numbers and how they print."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)

from careleaf.content import phones
from careleaf.content.model.content import Fingerprint
from careleaf.content.model.types import (
    IsoDate,
    Model,
    Name,
    OptionalName,
    OptionalSentence,
    Paper,
    Phone,
    clean_text,
    empty_is_none,
    fail,
)
from careleaf.content.regions import numbers_for
from careleaf.errors import quoted


def _check_region(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise fail(f"is {quoted(value)}, which is not an ISO 3166 country code such as GB or US")
    if not phones.is_known_region(value.upper()):
        raise fail(
            f"is {quoted(value)}, which is not a country whose phone numbers careleaf knows; "
            "give its ISO 3166 code, such as GB or US"
        )
    return value.upper()


def _check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise fail(f"is {quoted(value)}, which is not a web address starting with https://")
    return value


def _check_url_pattern(value: str) -> str:
    unknown = set(re.findall(r"\{([^}]*)\}", value)) - {"lang", "handout"}
    if unknown:
        raise fail(
            f"uses unknown placeholder {{{sorted(unknown)[0]}}}; "
            "only {lang} and {handout} are filled in"
        )
    return value


def _check_logo_file(value: str) -> str:
    path = value.replace("\\", "/")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path) or ".." in path.split("/"):
        raise fail(
            f"is {quoted(value)}; give a path inside the project folder, "
            "such as handouts/_assets/logo.svg"
        )
    if not path.lower().endswith((".svg", ".png")):
        raise fail(f"is {quoted(value)}; the logo must be an SVG or PNG file")
    return path


DEFAULT_REVIEW_INTERVAL_MONTHS = 36


def _months(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"[0-9]{1,3}", value.strip()) or not 1 <= int(value) <= 120:
            raise fail(f"is {quoted(value)}; give a whole number of months from 1 to 120")
        return int(value)
    return value


ReviewInterval = Annotated[int, BeforeValidator(_months)]


class Confirmation(Model):
    """careleaf's record that a named person confirmed what the profile prints.

    ``printed`` holds each detail as the leaflets print it (the clinic's name,
    its numbers in the region's own form, the leaflet address, the logo's
    file and sha256); ``fingerprint`` covers the whole record, so one edited
    by hand is not trusted. ``emergency_number_accepted`` is the reason given
    for an emergency number libphonenumber does not know for the region.
    """

    confirmed_by: Name
    confirmed_on: IsoDate
    printed: dict[str, str]
    emergency_number_accepted: OptionalSentence = None
    fingerprint: Fingerprint


class Logo(Model):
    """The clinic's logo: a file inside the project, and what it says for screen readers."""

    file: Annotated[str, AfterValidator(clean_text(200)), AfterValidator(_check_logo_file)]
    alt: Name


OptionalPhone = Annotated[Phone | None, BeforeValidator(empty_is_none)]
Region = Annotated[str, AfterValidator(_check_region)]
Url = Annotated[str, AfterValidator(clean_text(300)), AfterValidator(_check_url)]
LeafletUrl = Annotated[Url, AfterValidator(_check_url_pattern)]


def _checked(
    check: Callable[[str, str], None], value: str | None, info: ValidationInfo
) -> str | None:
    """``value`` if ``check`` finds it callable in the profile's region (read before it)."""
    region = info.data.get("region")
    if value is not None and region is not None:  # a bad region is reported on its own
        try:
            check(value, region)
        except phones.PhoneError as exc:
            raise fail(str(exc)) from None
    return value


class Clinic(Model):
    """The clinic profile (``handouts/clinic.yaml``, or another with ``--clinic``).

    Every phone number is checked for ``region`` (see :mod:`careleaf.content.phones`),
    which is therefore required and comes before the numbers: pydantic
    validates fields in order, and a number's check reads the region.
    """

    name: Name
    address: OptionalName = None
    region: Region
    phone: Phone
    out_of_hours_phone: OptionalPhone = None
    website: Url | None = None
    emergency_number: OptionalPhone = None  # overrides the region's
    urgent_care_number: OptionalPhone = None  # overrides the region's
    paper_size: Paper = "A4"
    languages: tuple[str, ...] = ()
    logo: Logo | None = None
    # The longest time a sign-off may last before the next review (3 years by default).
    review_interval_months: ReviewInterval = DEFAULT_REVIEW_INTERVAL_MONTHS
    # Where the current version of each leaflet lives online, e.g.
    # https://clinic.example/leaflets/{lang}/{handout}: printed as a QR code.
    leaflet_url: LeafletUrl | None = None
    # Written by `careleaf clinic confirm`: who confirmed the printed details, and which.
    confirmed: Confirmation | None = None

    @field_validator("phone", "out_of_hours_phone")
    @classmethod
    def _dialable(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _checked(phones.check_number, value, info)

    @field_validator("emergency_number", "urgent_care_number")
    @classmethod
    def _service(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _checked(phones.check_service_number, value, info)

    @model_validator(mode="after")
    def _emergency_known(self) -> Clinic:
        if self.emergency_number is None and numbers_for(self.region) is None:
            raise fail(
                f"careleaf does not know the emergency number of region "
                f"'{self.region}'; set 'emergency_number'"
            )
        return self

    @property
    def emergency(self) -> str:
        """The number to call in an emergency, printed on every warning-signs page."""
        if self.emergency_number:
            return self.emergency_number
        found = numbers_for(self.region)
        assert found is not None  # checked when the profile was validated
        return found.emergency

    @property
    def urgent_care(self) -> str | None:
        found = numbers_for(self.region)
        return self.urgent_care_number or (found.urgent_care if found else None)

    @property
    def when_closed(self) -> tuple[str, ...]:
        """Whom to call for urgent help when the clinic is closed: its line, then the region's."""
        numbers = (self.out_of_hours_phone, self.urgent_care)
        return tuple(dict.fromkeys(n for n in numbers if n))

    def number_warnings(self) -> tuple[tuple[str, str], ...]:
        """(field, message) for an urgent-care override libphonenumber's data does not know.

        The emergency number is stricter: see :func:`careleaf.governance.clinic.emergency_problem`.
        """
        value = self.urgent_care_number
        if value is None:
            return ()
        message = phones.service_warning(value, self.region, emergency=False)
        if message is None:
            return ()
        return (("urgent_care_number", f"'urgent_care_number' {message}"),)
