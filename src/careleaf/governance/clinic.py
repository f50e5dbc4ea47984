"""The clinic profile's printed details, and whether a named person confirmed them.

Every leaflet prints words and numbers from the clinic profile: the clinic's
name, its phone numbers, the emergency number, the leaflet's web address
(and its QR code), the logo. They reach a patient as surely as the handout's
text, so they are governed like it: ``careleaf clinic confirm --by NAME``
records who confirmed them, when, and each detail exactly as it prints, with
a fingerprint. A profile whose printed details differ from that record (or
that has none, or whose record was edited by hand) makes every print for
that clinic "not for patient use" until someone confirms it again.

The emergency number is held to more: one that libphonenumber's short-number
data does not know as an emergency number of the region is an error, unless
the confirmation accepted that very number with a reason (a local service
missing from the data, say).

Pure rules, no file edits: :mod:`careleaf.review.confirm` writes the record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from careleaf.content.fields import normalize
from careleaf.content.model import Clinic, Confirmation
from careleaf.content.phones import is_emergency_number, printed
from careleaf.errors import counted

CONFIRMED = "confirmed"
CHANGED = "changed since confirmed"
NOT_CONFIRMED = "not confirmed"
#: The record's key in the clinic profile.
KEY = "confirmed"


def printed_details(clinic: Clinic, logo: bytes | None) -> dict[str, str]:
    """Each detail of the profile as the leaflets print it, by name."""
    region = clinic.region
    details = {
        "name": normalize(clinic.name),
        "phone": printed(clinic.phone, region),
        "emergency_number": printed(clinic.emergency, region),
    }
    if clinic.when_closed:
        details["out_of_hours"] = " / ".join(
            dict.fromkeys(printed(n, region) for n in clinic.when_closed)
        )
    if clinic.leaflet_url:
        details["leaflet_url"] = clinic.leaflet_url
    if clinic.logo is not None and logo is not None:
        # An image can hold words too: the very file is confirmed, by its digest.
        details["logo"] = f"{clinic.logo.file} (sha256 {hashlib.sha256(logo).hexdigest()})"
    return details


def confirmation_fingerprint(
    *,
    confirmed_by: str,
    confirmed_on: date,
    printed: Mapping[str, str],
    emergency_number_accepted: str | None,
) -> str:
    """The digest of a whole confirmation; any change to any part of it changes it."""
    payload = {
        "confirmed_by": confirmed_by,
        "confirmed_on": confirmed_on.isoformat(),
        "printed": dict(printed),
        "emergency_number_accepted": emergency_number_accepted,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]


def is_intact(record: Confirmation) -> bool:
    """True when the record is exactly as careleaf wrote it."""
    return record.fingerprint == confirmation_fingerprint(
        confirmed_by=record.confirmed_by,
        confirmed_on=record.confirmed_on,
        printed=record.printed,
        emergency_number_accepted=record.emergency_number_accepted,
    )


@dataclass(frozen=True)
class ClinicState:
    """How a clinic profile stands against its confirmation."""

    state: str  # CONFIRMED, CHANGED or NOT_CONFIRMED
    record: Confirmation | None = None
    changed: tuple[str, ...] = ()  # the details that differ from the record
    edited: bool = False  # the record does not match its fingerprint

    @property
    def confirmed(self) -> bool:
        return self.state == CONFIRMED

    def describe(self, shown: str) -> str:
        """Why the profile's prints are not for patients, with the command that fixes it."""
        fix = "careleaf clinic confirm --by NAME"
        record = self.record
        if self.edited:
            return (
                f"the confirmation of the clinic profile {shown} was edited by hand after "
                f"careleaf wrote it, so careleaf does not trust it ({fix})"
            )
        if self.state == CHANGED and record is not None:
            return (
                f"the clinic profile {shown} changed since {record.confirmed_by} confirmed it "
                f"on {record.confirmed_on}: {counted(len(self.changed), 'detail')} "
                f"({', '.join(self.changed)}) ({fix})"
            )
        return f"the clinic profile {shown} is not confirmed ({fix})"


def clinic_state(clinic: Clinic, logo: bytes | None) -> ClinicState:
    """Whether the profile prints exactly the details its confirmation recorded."""
    record = clinic.confirmed
    if record is None:
        return ClinicState(NOT_CONFIRMED)
    if not is_intact(record):
        return ClinicState(NOT_CONFIRMED, record, edited=True)
    now = printed_details(clinic, logo)
    names = dict.fromkeys([*record.printed, *now])
    changed = tuple(n for n in names if record.printed.get(n) != now.get(n))
    return ClinicState(CHANGED if changed else CONFIRMED, record, changed)


def emergency_unknown(clinic: Clinic) -> bool:
    """True when libphonenumber does not know the emergency number for the clinic's region."""
    return not is_emergency_number(clinic.emergency, clinic.region)


def emergency_accepted(clinic: Clinic) -> bool:
    """True when an intact confirmation accepted this very emergency number, with a reason."""
    record = clinic.confirmed
    return (
        record is not None
        and is_intact(record)
        and bool(record.emergency_number_accepted)
        and record.printed.get("emergency_number") == printed(clinic.emergency, clinic.region)
    )


def emergency_message(clinic: Clinic) -> str:
    """Why the emergency number is refused, and how a person may accept it."""
    if clinic.emergency_number:
        said = f"'emergency_number' is '{clinic.emergency_number}', which"
    else:  # the region table's own number: not expected, but said the same way
        said = f"'region' gives the emergency number {clinic.emergency}, which"
    return (
        f"{said} libphonenumber does not know as an emergency number in region "
        f"{clinic.region}; if it is the number to call in an emergency there, confirm it with "
        "a reason (careleaf clinic confirm --by NAME --accept-emergency-number REASON)"
    )
