"""The units of an exchange file: one per field of each handout, and per UI string.

A unit is named by its handout and field, list items by their id:
``muscle-spasm:home_care.items[drink-water].text``; UI strings by
``_strings:`` and their key, e.g. ``_strings:urgency.emergency.action``. It
carries the source text, the current translation (empty when missing),
whether that translation is current, stale or missing, and for a stale one
the source text it was translated from, where careleaf can prove it (as
``translate status`` shows it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from careleaf.catalog.sources import check_tag, handouts_of, read_reference_strings, source_of
from careleaf.content.fields import compare, fields, normalize
from careleaf.content.model import OPTIONAL_STRINGS
from careleaf.errors import UsageError
from careleaf.files.strict_yaml import Document
from careleaf.project import Project
from careleaf.translation.commands import stale_text
from careleaf.translation.exchange.rules import Rule, content_rule, strings_rule

CURRENT = "current"
STALE = "stale"
MISSING = "missing"
#: An optional UI string the language does not give (careleaf prints without it).
OPTIONAL = "optional"
#: The prefix of UI string units; no handout id can start with "_".
STRINGS = "_strings"


def unit_key(handout: str | None, field: str) -> str:
    return f"{handout or STRINGS}:{field}"


@dataclass(frozen=True)
class Unit:
    """One field as a translator's tool sees it."""

    key: str
    handout: str | None  # None for a UI string
    field: str
    source: str  # normalized, as it prints
    target: str  # the translation as it prints; "" when missing
    state: str  # CURRENT, STALE, MISSING or OPTIONAL
    previous: str | None  # a stale field's source text when it was translated, if proven
    rule: Rule
    title: str  # the handout's title in the source language, as context


@dataclass(frozen=True)
class Part:
    """A translation file the exchange covers, with what the edit of it needs."""

    handout: str | None  # None for the UI strings file
    shown: str
    translated_by: str


@dataclass(frozen=True)
class Exchange:
    language: str
    source_language: str
    units: tuple[Unit, ...]
    parts: tuple[Part, ...]


def collect(project: Project, tag: str, handouts: Iterable[str] = ()) -> Exchange:
    """Every unit of ``tag`` for the handouts given (all by default) and its UI strings.

    Each handout must have a ``tag`` translation file already (``careleaf
    translate init`` makes them) and all must share one source language.
    """
    check_tag(tag)
    units: list[Unit] = []
    parts: list[Part] = []
    source_tag: str | None = None
    for handout_id in handouts_of(project, handouts):
        source = source_of(project, handout_id)
        here = source.gov.source_language
        if tag == here:
            raise UsageError(f"'{tag}' is the source language of {handout_id}")
        if source_tag is not None and here != source_tag:
            raise UsageError(
                f"{handout_id} is written in '{here}', the others in '{source_tag}'; "
                "export them separately (--handout)"
            )
        source_tag = here
        path = project.content_file(handout_id, tag)
        shown = project.show(path)
        if not path.is_file():
            raise UsageError(
                f"{shown} does not exist; start it with: "
                f"careleaf translate init {tag} --handout {handout_id}"
            )
        doc = project.load(path)
        compared = compare(source.doc.data, doc)
        text = path.read_text(encoding="utf-8")
        was = {s.field: s.was for s in stale_text(source, doc, compared, text)}
        states = {i.field: i.kind for i in (*compared.missing, *compared.stale)}
        title = normalize(str(_get(source.doc.data, "title") or handout_id))
        have = fields(doc.data)
        for name, (path_, text) in fields(source.doc.data).items():
            state = states.get(name, CURRENT)
            units.append(
                Unit(
                    unit_key(handout_id, name),
                    handout_id,
                    name,
                    normalize(text),
                    normalize(have[name][1]) if state != MISSING else "",
                    state,
                    was.get(name),
                    content_rule(path_),
                    title,
                )
            )
        parts.append(Part(handout_id, shown, normalize(str(_translator(doc) or ""))))
    if source_tag is None:  # pragma: no cover - select() refuses an empty project first
        raise UsageError("there are no handouts to translate")
    strings = _strings(project, tag, source_tag)
    units.extend(strings)
    parts.append(Part(None, project.show(project.strings_file(tag)), ""))
    return Exchange(tag, source_tag, tuple(units), tuple(parts))


def _strings(project: Project, tag: str, source_tag: str) -> list[Unit]:
    path = project.strings_file(tag)
    shown = project.show(path)
    if not path.is_file():
        raise UsageError(f"{shown} does not exist; start it with: careleaf translate init {tag}")
    have = fields(project.load(path).data)
    out = []
    for name, (path_, text) in fields(read_reference_strings(project, source_tag)).items():
        mine = normalize(have[name][1]) if name in have else ""
        out.append(
            Unit(
                unit_key(None, name),
                None,
                name,
                normalize(text),
                mine,
                CURRENT if mine else OPTIONAL if name in OPTIONAL_STRINGS else MISSING,
                None,
                strings_rule(path_, text),
                "UI strings",
            )
        )
    return out


def _get(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None


def _translator(doc: Document) -> object:
    return _get(_get(doc.data, "translation"), "translated_by")
