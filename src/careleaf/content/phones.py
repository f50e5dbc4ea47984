"""Phone numbers as the clinic's patients dial them, checked with libphonenumber's data.

A dead number on a leaflet is a patient-safety fault, so every number in a
clinic profile is checked for the clinic's region (``region: GB``) with
Google's libphonenumber data (the ``phonenumbers`` package): a number that
cannot exist (too few or too many digits), or that lies in a range no one
gives out, is refused. The leaflet prints each number the way its region
writes its own (``020 7946 0199``, ``(201) 555-0199``); a number of another
country in international form (``+44 20 7946 0199``).

The emergency and urgent-care lines may be short numbers (999, 111). An
override of either is checked against libphonenumber's short-number data,
which only warns: a local service may be missing from it, and a person must
decide. This is the only module that imports ``phonenumbers``.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    ValidationResult,
    shortnumberinfo,
)

from careleaf.errors import quoted

_IMPOSSIBLE = {
    ValidationResult.TOO_SHORT: "it has too few digits",
    ValidationResult.TOO_LONG: "it has too many digits",
    ValidationResult.INVALID_LENGTH: "it has the wrong number of digits",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "it is a local number; add the area code",
    ValidationResult.INVALID_COUNTRY_CODE: "no country has the code it starts with",
}
_UNPARSEABLE = {
    NumberParseException.INVALID_COUNTRY_CODE: "no country has the code it starts with",
    NumberParseException.NOT_A_NUMBER: "it is not a number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "it has too few digits",
    NumberParseException.TOO_SHORT_NSN: "it has too few digits",
    NumberParseException.TOO_LONG: "it has too many digits",
}


class PhoneError(ValueError):
    """Why a number cannot go on a leaflet: a message to follow the field's name."""


def is_known_region(region: str) -> bool:
    """True for a region whose numbers libphonenumber knows (ISO 3166 alpha-2, upper case)."""
    return region in phonenumbers.SUPPORTED_REGIONS


def check_number(value: str, region: str) -> None:
    """Refuse ``value`` unless it is a phone number that can be dialled in ``region``."""
    parsed = _parse(value, region)
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason != ValidationResult.IS_POSSIBLE:
        why = _IMPOSSIBLE.get(reason, "it is not a possible number")
        raise PhoneError(
            f"is {quoted(value)}, which cannot be a phone number {_where(parsed, region)}: {why}"
        )
    if not phonenumbers.is_valid_number(parsed):
        raise PhoneError(
            f"is {quoted(value)}, which is not a valid phone number {_where(parsed, region)}: "
            "no numbers are given out in that range; check the digits"
        )


def check_service_number(value: str, region: str) -> None:
    """An emergency or urgent-care line: a short number of the region (999, 111) or a full one."""
    if not value.lstrip().startswith("+") and _is_short(_parse(value, region), region):
        return
    check_number(value, region)


def service_warning(value: str, region: str, *, emergency: bool) -> str | None:
    """What to double-check about an emergency or urgent-care override, if anything.

    An emergency number must be one libphonenumber's short-number data knows
    as an emergency number of ``region``; an urgent-care line a full number or
    a short number it knows there.
    """
    if emergency:
        if shortnumberinfo.is_emergency_number(value, region):
            return None
        return (
            f"is {quoted(value)}, which libphonenumber does not know as an emergency number in "
            f"region {region}; make sure it is the number to call in an emergency there"
        )
    parsed = _parse(value, region)
    if phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number_for_region(
        parsed, region
    ):
        return None
    return (
        f"is {quoted(value)}, a short number libphonenumber does not know in region {region}; "
        "make sure patients there can call it"
    )


def is_emergency_number(value: str, region: str) -> bool:
    """True when libphonenumber's short-number data knows ``value`` as an emergency number
    of ``region``."""
    return bool(shortnumberinfo.is_emergency_number(value, region))


def printed(number: str, region: str) -> str:
    """``number`` as a leaflet of ``region`` prints it: national form, or international.

    A short number (999, 111) prints as written. The number was checked when
    the profile was read; anything libphonenumber cannot format prints as is.
    """
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    national = parsed.country_code == phonenumbers.country_code_for_region(region)
    return phonenumbers.format_number(
        parsed, PhoneNumberFormat.NATIONAL if national else PhoneNumberFormat.INTERNATIONAL
    )


def _parse(value: str, region: str) -> PhoneNumber:
    try:
        return phonenumbers.parse(value, region)
    except NumberParseException as exc:
        why = _UNPARSEABLE.get(exc.error_type, "it is not a number")
        raise PhoneError(f"is {quoted(value)}, which cannot be a phone number: {why}") from None


def _is_short(parsed: PhoneNumber, region: str) -> bool:
    return not phonenumbers.is_valid_number(
        parsed
    ) and shortnumberinfo.is_possible_short_number_for_region(parsed, region)


def _where(parsed: PhoneNumber, region: str) -> str:
    if parsed.country_code == phonenumbers.country_code_for_region(region):
        return f"in region {region}"
    return f"with the country code +{parsed.country_code}"
