"""``careleaf clinic confirm``: a named person confirms what the clinic profile prints.

The record goes into the profile itself, under ``confirmed:``, by a
round-trip edit that keeps the file's comments and layout: who confirmed,
when (the real date), each printed detail exactly as the leaflets print it
and, for an emergency number libphonenumber does not know for the region,
the reason it was accepted, with a fingerprint over all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ruamel.yaml.comments import CommentedMap

from careleaf import clock
from careleaf.catalog.catalog import load_clinic
from careleaf.content.logo import read_logo
from careleaf.content.validate import checked_name
from careleaf.errors import ContentError, Location, Problem, UsageError
from careleaf.files.yaml_edit import open_edit, save
from careleaf.governance.clinic import (
    KEY,
    ClinicState,
    confirmation_fingerprint,
    emergency_message,
    emergency_unknown,
    printed_details,
)
from careleaf.project import Project

_COMMENT = (
    "careleaf clinic confirm wrote this record of exactly what the leaflets print from\n"
    "this profile. Do not edit it: careleaf checks it against its fingerprint, and any\n"
    "change to a printed detail makes the prints not for patient use until confirmed again."
)


@dataclass(frozen=True)
class Confirmed:
    shown: str
    by: str
    on: date
    details: dict[str, str]
    accepted: str | None  # the reason an unknown emergency number was accepted
    before: ClinicState | None


def confirm(project: Project, by: str, *, accept_emergency: str | None = None) -> Confirmed:
    """Confirm the printed details of the project's clinic profile as of the real date."""
    today = clock.today()
    shown = project.show(project.clinic_file)
    who = checked_name(by, "--by", shown)
    profile = load_clinic(project, confirming=True)
    if profile.problems or profile.clinic is None:
        raise ContentError(profile.problems or [Problem(Location(shown), "cannot be read")])
    clinic = profile.clinic
    reason = None
    if emergency_unknown(clinic):
        if accept_emergency is None:
            key = "emergency_number" if clinic.emergency_number else "region"
            assert profile.doc is not None
            raise ContentError(Problem(profile.doc.where((key,)), emergency_message(clinic)))
        reason = checked_name(accept_emergency, "--accept-emergency-number", shown)
    elif accept_emergency is not None:
        raise UsageError(
            f"--accept-emergency-number: {clinic.emergency} is the emergency number "
            f"libphonenumber knows for region {clinic.region}; there is nothing to accept"
        )
    logo = read_logo(project.root, clinic.logo) if clinic.logo is not None else None
    details = printed_details(clinic, logo)
    stamp = confirmation_fingerprint(
        confirmed_by=who, confirmed_on=today, printed=details, emergency_number_accepted=reason
    )
    record = CommentedMap()
    record["confirmed_by"] = who
    record["confirmed_on"] = today.isoformat()
    record["printed"] = CommentedMap(details)
    if reason is not None:
        record["emergency_number_accepted"] = reason
    record["fingerprint"] = stamp
    edit = open_edit(project.clinic_file, shown)
    first = KEY not in edit.data
    edit.data[KEY] = record  # in place when there is one, so its comment stays above it
    if first:
        edit.data.yaml_set_comment_before_after_key(KEY, before=_COMMENT)
    save([edit])
    return Confirmed(shown, who, today, details, reason, profile.state)
