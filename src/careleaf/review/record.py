"""The sign-off record, and how the text today compares with what was signed.

A record holds every field of the source-language file as it printed when a
reviewer signed it off (items named by id), the sources list, who signed,
when, and the next review date, with a fingerprint over all of it. The
handout is *signed off* while its text matches the record, *changed since
sign-off* once any field differs, and *not signed off* without a record.

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

from ..errors import Location
from ..load import Document
from ..model import SignOff, Source
from ..translation.fields import fields, normalize

SIGNED_OFF = "signed off"
CHANGED = "changed since sign-off"
NOT_SIGNED_OFF = "not signed off"
_SOURCE_KEYS = ("title", "reference", "note")


def record_text(content_data: Any) -> dict[str, str]:
    """Every field of a source-language file as it prints, by field name."""
    return {name: normalize(text) for name, (_, text) in fields(content_data).items()}


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
) -> str:
    """The digest of a whole record; any change to any part of it changes it."""
    payload = {
        "signed_by": signed_by,
        "signed_on": signed_on.isoformat(),
        "next_review_due": next_review_due.isoformat(),
        "language": language,
        "text": dict(text),
        "sources": [dict(s) for s in sources],
    }
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
    )
    return record.fingerprint == expected


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

    @property
    def state(self) -> str:
        if self.record is None:
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
) -> SignOffState:
    """Each field of today's source file and sources list against the record."""
    if record is None:
        return SignOffState(None)
    paths = {name: path for name, (path, _) in fields(content.data).items()}
    now = {**record_text(content.data), **source_fields(record_sources(sources))}
    signed = {**record.text, **source_fields(record_sources(record.sources))}
    if record.language != language:  # the source language itself changed: nothing matches
        signed = {}

    def where(name: str) -> Location:
        if name in paths:
            return content.where(paths[name])
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
