"""The sign-off record, and how the text today compares with what was signed.

A record holds every field of the source-language file as it printed when a
reviewer signed it off (items named by id), the source language's UI strings
(the words printed around the content: headings, urgency labels and actions,
the review line; ``strings.<name>``), the sources list, the handout it is
for, who signed, when, and the next review date, with a fingerprint over all
of it. The handout is *signed off* while its text and UI strings match the
record, *changed since sign-off* once any field differs, and *not signed
off* without a record, or with one that names another handout (a folder
copied under a new id is not signed off by its original's record).

A record written before careleaf recorded UI strings and the handout still
verifies, but holds no strings: every UI string counts as added, so it is
*changed since sign-off* until signed off again.

Whitespace-only edits do not count as changes: careleaf prints text with
runs of white space as one space and in Unicode NFC, so re-wrapping a line
or adding a trailing space changes no letter on the page. Every other edit
does, down to a single invisible character.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from careleaf.content.fields import fields, normalize
from careleaf.content.model import SignOff, Source
from careleaf.errors import Location
from careleaf.files.strict_yaml import Document

SIGNED_OFF = "signed off"
CHANGED = "changed since sign-off"
NOT_SIGNED_OFF = "not signed off"
_SOURCE_KEYS = ("title", "reference", "note")
#: How a UI string is named among the fields of a record: ``strings.urgency.emergency.action``.
STRINGS_PREFIX = "strings."


def record_text(content_data: Any) -> dict[str, str]:
    """Every field of a source-language file as it prints, by field name."""
    return {name: normalize(text) for name, (_, text) in fields(content_data).items()}


def record_strings(strings_data: Any) -> dict[str, str]:
    """Every UI string of the source language as it prints, by key (``urgency.soon.label``)."""
    if not isinstance(strings_data, dict):
        return {}
    return {name: normalize(text) for name, (_, text) in fields(strings_data).items()}


def record_sources(sources: Iterable[Source]) -> list[dict[str, str]]:
    """The sources list as the record keeps it: only the parts that are given."""
    return [
        {key: getattr(source, key) for key in _SOURCE_KEYS if getattr(source, key)}
        for source in sources
    ]


def source_fields(sources: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """The sources list as fields, ``sources[2].note``, to compare and show."""
    return {
        f"sources[{n}].{key}": normalize(source[key])
        for n, source in enumerate(sources, start=1)
        for key in _SOURCE_KEYS
        if source.get(key)
    }


def record_fingerprint(
    *,
    signed_by: str,
    signed_on: date,
    next_review_due: date,
    language: str,
    text: Mapping[str, str],
    sources: Iterable[Mapping[str, str]],
    handout: str | None,
    strings: Mapping[str, str] | None,
) -> str:
    """The digest of a whole record; any change to any part of it changes it.

    ``handout`` and ``strings`` are None only for a record from before careleaf
    kept them; it digests as it did then, so it still verifies.
    """
    payload: dict[str, Any] = {
        "signed_by": signed_by,
        "signed_on": signed_on.isoformat(),
        "next_review_due": next_review_due.isoformat(),
        "language": language,
        "text": dict(text),
        "sources": [dict(s) for s in sources],
    }
    if handout is not None:
        payload["handout"] = handout
    if strings is not None:
        payload["strings"] = dict(strings)
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]


def is_intact(record: SignOff) -> bool:
    """True when the record is exactly as careleaf wrote it."""
    expected = record_fingerprint(
        signed_by=record.signed_by,
        signed_on=record.signed_on,
        next_review_due=record.next_review_due,
        language=record.language,
        text=record.text,
        sources=record_sources(record.sources),
        handout=record.handout,
        strings=record.strings,
    )
    return record.fingerprint == expected


def prefixed(strings: Mapping[str, str]) -> dict[str, str]:
    """UI strings named as the record's fields: ``strings.page_of``."""
    return {STRINGS_PREFIX + name: text for name, text in strings.items()}


@dataclass(frozen=True)
class FieldChange:
    """One field that differs from the sign-off record."""

    field: str
    kind: str  # "changed", "added" or "removed"
    signed: str | None
    now: str | None
    where: Location | None  # where the field is today (None: it was removed)


@dataclass(frozen=True)
class SignOffState:
    """How a handout stands against its sign-off record."""

    record: SignOff | None
    changes: tuple[FieldChange, ...] = ()
    #: The handout a record names when it is not this one (a copied folder): no sign-off.
    other_handout: str | None = None

    @property
    def state(self) -> str:
        if self.record is None or self.other_handout is not None:
            return NOT_SIGNED_OFF
        return CHANGED if self.changes else SIGNED_OFF

    @property
    def signed_off(self) -> bool:
        return self.state == SIGNED_OFF


def compare_record(
    record: SignOff | None,
    content: Document,
    governance: Document,
    sources: Iterable[Source],
    language: str,
    handout: str,
    strings: Document | None,
) -> SignOffState:
    """Each field of today's source file, UI strings and sources list against the record.

    ``strings`` is the source language's UI strings file (None when it cannot be read:
    then every string the record holds counts as removed).
    """
    if record is None:
        return SignOffState(None)
    if record.handout is not None and record.handout != handout:
        return SignOffState(record, other_handout=record.handout)
    paths = {name: path for name, (path, _) in fields(content.data).items()}
    string_data = strings.data if strings is not None else None
    string_paths = {
        STRINGS_PREFIX + name: path
        for name, (path, _) in (fields(string_data).items() if string_data else ())
    }
    now = {
        **record_text(content.data),
        **prefixed(record_strings(string_data)),
        **source_fields(record_sources(sources)),
    }
    signed = {
        **record.text,
        **prefixed(record.strings or {}),
        **source_fields(record_sources(record.sources)),
    }
    if record.language != language:  # the source language itself changed: nothing matches
        signed = {}

    def where(name: str) -> Location:
        if name in paths:
            return content.where(paths[name])
        if name in string_paths and strings is not None:
            return strings.where(string_paths[name])
        number, _, key = name.removeprefix("sources[").partition("].")
        return governance.where(("sources", int(number) - 1, key))

    changes = []
    for name, text in now.items():
        if name not in signed:
            changes.append(FieldChange(name, "added", None, text, where(name)))
        elif signed[name] != text:
            changes.append(FieldChange(name, "changed", signed[name], text, where(name)))
    changes.extend(
        FieldChange(name, "removed", text, None, None)
        for name, text in signed.items()
        if name not in now
    )
    return SignOffState(record, tuple(changes))
