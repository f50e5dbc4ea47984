"""What a handout says: one language's text (``<lang>.yaml``) and what every language
shares (``handout.yaml``).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
)

from careleaf.content.model.types import (
    HandoutId,
    Heading,
    IsoDate,
    ItemId,
    Model,
    Name,
    OptionalName,
    OptionalNotes,
    OptionalParagraph,
    OptionalSentence,
    Paragraph,
    Sentence,
    empty_is_none,
    fail,
    unique_ids,
)
from careleaf.errors import quoted


class Item(Model):
    """A tip: a short heading and a sentence or two. Its id never changes."""

    heading: Heading
    text: Sentence
    id: ItemId


class Sign(Model):
    """A warning sign. Its id never changes, so translations and sign-off follow it."""

    text: Sentence
    id: ItemId


Items = Annotated[tuple[Item, ...], Field(min_length=1, max_length=12), AfterValidator(unique_ids)]
Signs = Annotated[tuple[Sign, ...], Field(min_length=1, max_length=8), AfterValidator(unique_ids)]


class ListSection(Model):
    intro: Paragraph
    items: Items


class WarningSigns(Model):
    intro: OptionalSentence = None
    emergency: Signs
    urgent: Signs
    soon: Signs


_FINGERPRINT_RE = re.compile(r"[0-9a-f]{12}|[0-9a-f]{16}")


def _check_fingerprint(value: str) -> str:
    if not _FINGERPRINT_RE.fullmatch(value):
        raise fail(f"is {quoted(value)}, which is not a fingerprint written by careleaf")
    return value


Fingerprint = Annotated[str, AfterValidator(_check_fingerprint)]
OptionalDate = Annotated[IsoDate | None, BeforeValidator(empty_is_none)]
OptionalFingerprint = Annotated[Fingerprint | None, BeforeValidator(empty_is_none)]


class Translation(Model):
    """Bookkeeping of a translation file: who made it, who approved it, what it follows.

    ``approval`` is careleaf's fingerprint of the text that was approved
    (``careleaf translate approve`` writes it with ``approved_by`` and
    ``approved_on``); a translation whose text no longer matches it is a
    draft again.
    """

    translated_by: OptionalName = None
    approved_by: OptionalName = None
    approved_on: OptionalDate = None
    approval: OptionalFingerprint = None
    source_fingerprints: dict[str, Fingerprint] = Field(default_factory=dict)


class Content(Model):
    """One language's words for a handout (``handouts/<id>/<lang>.yaml``)."""

    language: str
    title: Heading
    subtitle: OptionalName = None
    disclaimer: Paragraph
    home_care: ListSection
    warning_signs: WarningSigns
    prevention: ListSection
    translation: Translation | None = None


class Source(Model):
    title: Sentence
    reference: OptionalSentence = None
    note: OptionalParagraph = None


class SignOff(Model):
    """careleaf's record of a sign-off: who, when, until when, and exactly what was signed.

    ``text`` holds every field of the source-language file as it was printed
    (by field name, items by id), ``strings`` the source language's UI strings,
    ``sources`` the sources list, ``handout`` the handout's id. ``fingerprint``
    covers all of it, so a record edited by hand is detected and not trusted.
    """

    signed_by: Name
    signed_on: IsoDate
    next_review_due: IsoDate
    language: str
    #: The handout signed off: a folder copied under another id is not signed off by it.
    #: None only in a record from before careleaf kept it.
    handout: HandoutId | None = None
    fingerprint: Fingerprint
    text: dict[str, str]
    #: The source language's UI strings as they printed; None in a record from before.
    strings: dict[str, str] | None = None
    sources: tuple[Source, ...] = Field(min_length=1, max_length=30)


class Governance(Model):
    """What all languages of a handout share (``handouts/<id>/handout.yaml``)."""

    id: HandoutId
    source_language: str
    publisher: OptionalName = None
    notes: OptionalNotes = None
    sources: tuple[Source, ...] = Field(min_length=1, max_length=30)
    sign_off: SignOff | None = None
