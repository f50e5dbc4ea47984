"""Frozen, typed models of validated content.

Pydantic does the structural checking (types, required and unknown keys,
list sizes); the text rules below turn each raw string into clean text or a
message. Later stages take these models and never look at raw dicts again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import phones
from .options import paper_name
from .regions import numbers_for

# Characters that show nothing on paper. A field made only of these is blank.
_INVISIBLE_EXTRA = set("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")
# Embeddings and overrides can silently reorder a dose or a phone number.
_BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
}
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PHONE_RE = re.compile(r"\+?[0-9][0-9 ()./-]{1,29}")
HANDOUT_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: A list item's id: short, lowercase, stable; translations and sign-off records follow it.
ITEM_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ITEM_ID_MAX = 40


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("careleaf", message)


def is_blank(text: str) -> bool:
    """True when nothing visible would print: whitespace and format characters only."""
    return all(
        unicodedata.category(c)[0] in "ZC" or c in _INVISIBLE_EXTRA or c.isspace() for c in text
    )


def clean_text(limit: int) -> Callable[[str], str]:
    """Build a validator: not blank, no bidi overrides, at most ``limit`` characters."""

    def check(value: str) -> str:
        for char, name in _BIDI_CONTROLS.items():
            if char in value:
                raise _fail(
                    f"contains U+{ord(char):04X} ({name}), which can reorder numbers "
                    "on the page; remove it"
                )
        for char in value:
            if unicodedata.category(char) == "Cc" and char not in "\t\n\r":
                raise _fail(f"contains control character U+{ord(char):04X}; remove it")
        if is_blank(value):
            raise _fail("must not be blank")
        text = " ".join(unicodedata.normalize("NFC", value).split())
        if len(text) > limit:
            raise _fail(f"is {len(text):,} characters long; the limit is {limit:,}")
        return text

    return check


Label = Annotated[str, AfterValidator(clean_text(40))]
Heading = Annotated[str, AfterValidator(clean_text(80))]
Name = Annotated[str, AfterValidator(clean_text(120))]
Sentence = Annotated[str, AfterValidator(clean_text(300))]
Paragraph = Annotated[str, AfterValidator(clean_text(400))]
Notes = Annotated[str, AfterValidator(clean_text(600))]


def _parse_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if not _DATE_RE.fullmatch(value.strip()):
        raise _fail(f"must be a date written YYYY-MM-DD, not '{value}'")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _fail(f"is '{value}', which is not a real date") from None


def _check_phone(value: str) -> str:
    if not _PHONE_RE.fullmatch(value):
        raise _fail(
            f"is '{value}', which is not a phone number (digits, spaces and + ( ) . - only)"
        )
    return value


def _check_id(value: str) -> str:
    if not HANDOUT_ID_RE.fullmatch(value):
        raise _fail(
            f"is '{value}', which is not a valid id (lowercase letters, digits and hyphens)"
        )
    return value


def _check_item_id(value: str) -> str:
    if not ITEM_ID_RE.fullmatch(value) or len(value) > ITEM_ID_MAX:
        raise _fail(
            f"is '{value}', which is not an item id (up to {ITEM_ID_MAX} lowercase letters, "
            "digits and hyphens, such as 'drink-water')"
        )
    return value


def _empty_is_none(value: Any) -> Any:
    # An optional field left as "" (as `careleaf new` writes it) means "not given".
    return None if value == "" else value


OptionalName = Annotated[Name | None, BeforeValidator(_empty_is_none)]
OptionalSentence = Annotated[Sentence | None, BeforeValidator(_empty_is_none)]
OptionalParagraph = Annotated[Paragraph | None, BeforeValidator(_empty_is_none)]
OptionalNotes = Annotated[Notes | None, BeforeValidator(_empty_is_none)]

IsoDate = Annotated[date, BeforeValidator(_parse_date)]
Phone = Annotated[str, AfterValidator(clean_text(30)), AfterValidator(_check_phone)]
HandoutId = Annotated[str, AfterValidator(_check_id)]
ItemId = Annotated[str, AfterValidator(_check_item_id)]
Paper = Annotated[Literal["A4", "Letter"], BeforeValidator(paper_name)]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def _unique_ids(entries: tuple[Any, ...]) -> tuple[Any, ...]:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise _fail(f"has two items with the id '{entry.id}'; each item needs its own id")
        seen.add(entry.id)
    return entries


class Item(Model):
    """A tip: a short heading and a sentence or two. Its id never changes."""

    heading: Heading
    text: Sentence
    id: ItemId


class Sign(Model):
    """A warning sign. Its id never changes, so translations and sign-off follow it."""

    text: Sentence
    id: ItemId


Items = Annotated[tuple[Item, ...], Field(min_length=1, max_length=12), AfterValidator(_unique_ids)]
Signs = Annotated[tuple[Sign, ...], Field(min_length=1, max_length=8), AfterValidator(_unique_ids)]


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
        raise _fail(f"is '{value}', which is not a fingerprint written by careleaf")
    return value


Fingerprint = Annotated[str, AfterValidator(_check_fingerprint)]
OptionalDate = Annotated[IsoDate | None, BeforeValidator(_empty_is_none)]
OptionalFingerprint = Annotated[Fingerprint | None, BeforeValidator(_empty_is_none)]


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
    (by field name, items by id), ``sources`` the sources list. ``fingerprint``
    covers all of it, so a record edited by hand is detected and not trusted.
    """

    signed_by: Name
    signed_on: IsoDate
    next_review_due: IsoDate
    language: str
    fingerprint: Fingerprint
    text: dict[str, str]
    sources: tuple[Source, ...] = Field(min_length=1, max_length=30)


class Governance(Model):
    """What all languages of a handout share (``handouts/<id>/handout.yaml``)."""

    id: HandoutId
    source_language: str
    publisher: OptionalName = None
    notes: OptionalNotes = None
    sources: tuple[Source, ...] = Field(min_length=1, max_length=30)
    sign_off: SignOff | None = None


def _check_region(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise _fail(f"is '{value}', which is not an ISO 3166 country code such as GB or US")
    if not phones.is_known_region(value.upper()):
        raise _fail(
            f"is '{value}', which is not a country whose phone numbers careleaf knows; "
            "give its ISO 3166 code, such as GB or US"
        )
    return value.upper()


def _check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise _fail(f"is '{value}', which is not a web address starting with https://")
    return value


def _check_url_pattern(value: str) -> str:
    unknown = set(re.findall(r"\{([^}]*)\}", value)) - {"lang", "handout"}
    if unknown:
        raise _fail(
            f"uses unknown placeholder {{{sorted(unknown)[0]}}}; "
            "only {lang} and {handout} are filled in"
        )
    return value


def _check_logo_file(value: str) -> str:
    path = value.replace("\\", "/")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path) or ".." in path.split("/"):
        raise _fail(
            f"is '{value}'; give a path inside the project folder, "
            "such as handouts/_assets/logo.svg"
        )
    if not path.lower().endswith((".svg", ".png")):
        raise _fail(f"is '{value}'; the logo must be an SVG or PNG file")
    return path


DEFAULT_REVIEW_INTERVAL_MONTHS = 36


def _months(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"[0-9]{1,3}", value.strip()) or not 1 <= int(value) <= 120:
            raise _fail(f"is '{value}'; give a whole number of months from 1 to 120")
        return int(value)
    return value


ReviewInterval = Annotated[int, BeforeValidator(_months)]


class Logo(Model):
    """The clinic's logo: a file inside the project, and what it says for screen readers."""

    file: Annotated[str, AfterValidator(clean_text(200)), AfterValidator(_check_logo_file)]
    alt: Name


OptionalPhone = Annotated[Phone | None, BeforeValidator(_empty_is_none)]
Region = Annotated[str, AfterValidator(_check_region)]
Url = Annotated[str, AfterValidator(clean_text(300)), AfterValidator(_check_url)]
LeafletUrl = Annotated[Url, AfterValidator(_check_url_pattern)]


class Clinic(Model):
    """The clinic profile (``handouts/clinic.yaml``, or another with ``--clinic``).

    Every phone number is checked for ``region`` (see :mod:`careleaf.phones`),
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

    @field_validator("phone", "out_of_hours_phone")
    @classmethod
    def _dialable(cls, value: str | None, info: ValidationInfo) -> str | None:
        region = info.data.get("region")
        if value is not None and region is not None:  # a bad region is reported on its own
            try:
                phones.check_number(value, region)
            except phones.PhoneError as exc:
                raise _fail(str(exc)) from None
        return value

    @field_validator("emergency_number", "urgent_care_number")
    @classmethod
    def _service(cls, value: str | None, info: ValidationInfo) -> str | None:
        region = info.data.get("region")
        if value is not None and region is not None:
            try:
                phones.check_service_number(value, region)
            except phones.PhoneError as exc:
                raise _fail(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _emergency_known(self) -> Clinic:
        if self.emergency_number is None and numbers_for(self.region) is None:
            raise _fail(
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
        """(field, message) for each override libphonenumber's data does not confirm."""
        found = []
        for key, emergency in (("emergency_number", True), ("urgent_care_number", False)):
            value = getattr(self, key)
            if value is not None:
                message = phones.service_warning(value, self.region, emergency=emergency)
                if message is not None:
                    found.append((key, f"'{key}' {message}"))
        return tuple(found)


class Urgency(Model):
    label: Label
    action: Sentence


class UrgencyStrings(Model):
    emergency: Urgency
    urgent: Urgency
    soon: Urgency


class SectionStrings(Model):
    home_care: Heading
    warning_signs: Heading
    prevention: Heading


class UIStrings(Model):
    """Labels printed around the content (``handouts/_strings/<lang>.yaml``)."""

    language: str
    sections: SectionStrings
    urgency: UrgencyStrings
    review_line: Sentence
    not_reviewed: Sentence
    page_of: Label
    online_version: Sentence
    printed_on: Sentence
    when_closed: Sentence
    other_formats: Sentence
    # What a screen reader says for the clinic logo and the QR code.
    logo_alt: Sentence
    qr_code_alt: Sentence
