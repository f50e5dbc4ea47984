"""Translations against their source: which fields are missing, stale or extra.

Each translated field is tied to the source text it was made from by a short
fingerprint of that text (normalized, so re-wrapping a line changes nothing).
When a reviewer edits the source, only the fields whose source text changed
go stale; a typo fixed in one item leaves every other field current.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .load import Document, Path_, dotted

#: Keys of a content file that hold bookkeeping, not words to translate.
BOOKKEEPING = frozenset({"language", "translation"})


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> str:
    """A short, stable digest of the normalized text."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:12]


def fields(data: Any, skip: frozenset[str] = BOOKKEEPING) -> dict[str, tuple[Path_, str]]:
    """Every text leaf of a content file: ``{dotted name: (path, text)}``, in file order."""
    found: dict[str, tuple[Path_, str]] = {}

    def walk(node: Any, path: Path_) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not path and key in skip:
                    continue
                walk(value, (*path, key))
        elif isinstance(node, list | tuple):
            for index, value in enumerate(node):
                walk(value, (*path, index))
        elif isinstance(node, str):
            found[dotted(path)] = (path, node)

    walk(data, ())
    return found


@dataclass(frozen=True)
class FieldIssue:
    field: str
    path: Path_
    kind: str  # "missing", "stale" or "extra"


@dataclass(frozen=True)
class TranslationStatus:
    """How a translation file stands against its source file."""

    missing: tuple[FieldIssue, ...]
    stale: tuple[FieldIssue, ...]
    extra: tuple[FieldIssue, ...]
    total: int

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def current(self) -> bool:
        return not self.stale and not self.extra

    def issues(self) -> Iterator[FieldIssue]:
        yield from self.missing
        yield from self.stale
        yield from self.extra


def stored_fingerprints(doc: Document) -> Mapping[str, str]:
    block = doc.data.get("translation") if isinstance(doc.data, dict) else None
    prints = block.get("source_fingerprints") if isinstance(block, dict) else None
    if not isinstance(prints, dict):
        return {}
    return {k: v for k, v in prints.items() if isinstance(v, str)}


def compare(source: Any, translation: Document) -> TranslationStatus:
    """Missing, stale and extra fields of ``translation`` against the ``source`` data."""
    wanted = fields(source)
    have = fields(translation.data)
    prints = stored_fingerprints(translation)
    missing, stale = [], []
    for name, (path, text) in wanted.items():
        mine = have.get(name)
        if mine is None or not mine[1].strip():
            missing.append(FieldIssue(name, path, "missing"))
        elif prints.get(name) != fingerprint(text):
            stale.append(FieldIssue(name, path, "stale"))
    extra = [
        FieldIssue(name, path, "extra") for name, (path, _) in have.items() if name not in wanted
    ]
    return TranslationStatus(tuple(missing), tuple(stale), tuple(extra), len(wanted))


def fill_from_source(source: Any, translation: Any) -> Any:
    """The translation with its missing or empty leaves taken from the source.

    Used only to *validate* what the translator wrote against the schema; a
    translation with missing fields is never printed, so no source text can
    reach a translated leaflet this way.
    """
    if isinstance(source, dict) and isinstance(translation, dict):
        merged = dict(translation)
        for key, value in source.items():
            if key in BOOKKEEPING:
                continue
            merged[key] = fill_from_source(value, translation.get(key))
        return merged
    if isinstance(source, list) and isinstance(translation, list):
        return [
            fill_from_source(s, translation[i] if i < len(translation) else None)
            for i, s in enumerate(source)
        ] + translation[len(source) :]
    if translation is None or (isinstance(translation, str) and not translation.strip()):
        return source
    return translation
