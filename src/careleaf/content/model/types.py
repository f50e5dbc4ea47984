"""The field types every model is built from: the text rules, dates, ids, phone numbers.

Each raw string becomes clean text (NFC, single spaces, within its length
limit) or a message; a field made only of invisible characters is blank, and
bidi controls (Bidi_Control: marks, embeddings, overrides, isolates) or control
characters are refused.
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
)
from pydantic_core import PydanticCustomError

from careleaf.content.printing import paper_name
from careleaf.errors import INVISIBLE, quoted

#: Every character with the Unicode property Bidi_Control: marks, embeddings, overrides
#: and isolates can each silently reorder a dose or a phone number on the page while the
#: file, the sign-off record and the diff read in order. careleaf sets direction itself
#: (the page's language, isolates around phone numbers and addresses).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PHONE_RE = re.compile(r"\+?[0-9][0-9 ()./-]{1,29}")
HANDOUT_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: A list item's id: short, lowercase, stable; translations and sign-off records follow it.
ITEM_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ITEM_ID_MAX = 40


def fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("careleaf", message)


def is_blank(text: str) -> bool:
    """True when nothing visible would print: whitespace and format characters only."""
    return all(unicodedata.category(c)[0] in "ZC" or c in INVISIBLE or c.isspace() for c in text)


def clean_text(limit: int) -> Callable[[str], str]:
    """Build a validator: not blank, no bidi controls, at most ``limit`` characters."""

    def check(value: str) -> str:
        for char in value:
            if char in BIDI_CONTROLS:
                raise fail(
                    f"contains U+{ord(char):04X} ({unicodedata.name(char)}), an invisible "
                    "direction control that can reorder words and numbers on the page; remove "
                    "it (careleaf sets the text direction itself)"
                )
        for char in value:
            if unicodedata.category(char) == "Cc" and char not in "\t\n\r":
                raise fail(f"contains control character U+{ord(char):04X}; remove it")
        if is_blank(value):
            raise fail("must not be blank")
        text = " ".join(unicodedata.normalize("NFC", value).split())
        if len(text) > limit:
            raise fail(f"is {len(text):,} characters long; the limit is {limit:,}")
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
        raise fail(f"must be a date written YYYY-MM-DD, not {quoted(value)}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"is {quoted(value)}, which is not a real date") from None


def _check_phone(value: str) -> str:
    if not _PHONE_RE.fullmatch(value):
        raise fail(
            f"is {quoted(value)}, which is not a phone number (digits, spaces and + ( ) . - only)"
        )
    return value


def _check_id(value: str) -> str:
    if not HANDOUT_ID_RE.fullmatch(value):
        raise fail(
            f"is {quoted(value)}, which is not a valid id (lowercase letters, digits and hyphens)"
        )
    return value


def _check_item_id(value: str) -> str:
    if not ITEM_ID_RE.fullmatch(value) or len(value) > ITEM_ID_MAX:
        raise fail(
            f"is {quoted(value)}, which is not an item id (up to {ITEM_ID_MAX} lowercase letters, "
            "digits and hyphens, such as 'drink-water')"
        )
    return value


def empty_is_none(value: Any) -> Any:
    # An optional field left as "" (as `careleaf new` writes it) means "not given".
    return None if value == "" else value


OptionalLabel = Annotated[Label | None, BeforeValidator(empty_is_none)]
OptionalName = Annotated[Name | None, BeforeValidator(empty_is_none)]
OptionalSentence = Annotated[Sentence | None, BeforeValidator(empty_is_none)]
OptionalParagraph = Annotated[Paragraph | None, BeforeValidator(empty_is_none)]
OptionalNotes = Annotated[Notes | None, BeforeValidator(empty_is_none)]

IsoDate = Annotated[date, BeforeValidator(_parse_date)]
Phone = Annotated[str, AfterValidator(clean_text(30)), AfterValidator(_check_phone)]
HandoutId = Annotated[str, AfterValidator(_check_id)]
ItemId = Annotated[str, AfterValidator(_check_item_id)]
Paper = Annotated[Literal["A4", "Letter"], BeforeValidator(paper_name)]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def unique_ids(entries: tuple[Any, ...]) -> tuple[Any, ...]:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise fail(f"has two items with the id '{entry.id}'; each item needs its own id")
        seen.add(entry.id)
    return entries
