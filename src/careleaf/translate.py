"""The translator's commands: start a language, see what is left, record what is done.

``init`` writes a file with every field empty and the source text as a
comment above it, plus the fingerprints of that source text. ``status``
compares each translation with its source. ``mark-current`` records that
fields were updated after a source change, by rewriting only the
fingerprint block of the file so the translator's text and comments stay.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import i18n
from .catalog import read_document, select
from .errors import CareleafError, ContentError, Location, Problem, Problems, UsageError
from .load import Document, parse
from .model import Governance
from .project import GOVERNANCE_FILE, Project
from .translation import BOOKKEEPING, TranslationStatus, compare, fields, fingerprint, normalize
from .uistrings import StringsReader
from .validate import to_model
from .write import write_atomic

_WIDTH = 78


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _comment(text: str, indent: int, source_tag: str) -> list[str]:
    pad = " " * indent
    lead = f"# {source_tag}: "
    lines = textwrap.wrap(normalize(text), width=max(30, _WIDTH - indent - len(lead))) or [""]
    return [pad + lead + lines[0]] + [
        pad + "#" + " " * (len(lead) - 1) + line for line in lines[1:]
    ]


def _emit(node: dict[str, Any], indent: int, source_tag: str, top: bool = False) -> list[str]:
    """Every key of ``node`` with an empty value, its source text in a comment above it."""
    out: list[str] = []
    pad = " " * indent
    for key, value in node.items():
        if top and key in BOOKKEEPING:
            continue
        if isinstance(value, str):
            out.extend([*_comment(value, indent, source_tag), f'{pad}{key}: ""'])
        elif isinstance(value, dict):
            out.extend([f"{pad}{key}:", *_emit(value, indent + 2, source_tag)])
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            for item in value:
                out.extend(_emit_item(item, indent + 2, source_tag))
    return out


def _emit_item(item: Any, indent: int, source_tag: str) -> list[str]:
    pad = " " * indent
    if isinstance(item, str):
        return [*_comment(item, indent, source_tag), f'{pad}- ""']
    if not isinstance(item, dict):
        return []
    # A mapping in a list: its first key goes on the dash line, comments above the dash.
    body = _emit(item, indent + 2, source_tag)
    first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
    return [
        *(line[2:] for line in body[:first]),
        f"{pad}- {body[first].lstrip()}",
        *body[first + 1 :],
    ]


def _fingerprint_block(prints: dict[str, str], indent: int) -> list[str]:
    pad = " " * indent
    if not prints:
        return [f"{pad}source_fingerprints: {{}}"]
    return [f"{pad}source_fingerprints:"] + [f"{pad}  {k}: {v}" for k, v in prints.items()]


def skeleton(source: dict[str, Any], tag: str, source_tag: str, title: str) -> str:
    """The text of a new translation file for ``source`` (a source language file's data)."""
    prints = {name: fingerprint(text) for name, (_, text) in fields(source).items()}
    lines = [
        f"# Translation of {_quote(title)} from {source_tag} into {tag}.",
        f'# Replace each "" with the translation of the {source_tag} text in the comment',
        "# above it. Keep the keys (the words before the colons) as they are.",
        "# Run `careleaf translate status` to see what is left.",
        f"language: {tag}",
        *_emit(source, 0, source_tag, top=True),
        "# Who translated and who approved. Only approved translations are printed",
        "# for patients; approved_on is written YYYY-MM-DD.",
        "translation:",
        "  state: draft",
        '  translated_by: ""',
        '  approved_by: ""',
        '  approved_on: ""',
        "  # The source text each field was translated from. careleaf keeps this up to",
        "  # date (careleaf translate mark-current); do not edit it by hand.",
        *_fingerprint_block(prints, 2),
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Source:
    gov: Governance
    doc: Document


def _source(project: Project, handout_id: str) -> _Source:
    problems = Problems()
    gov_path = project.handout_dir(handout_id) / GOVERNANCE_FILE
    gov_doc = read_document(gov_path, project.show(gov_path), problems)
    gov = None
    if gov_doc is not None:
        gov, found = to_model(gov_doc, Governance)
        problems.extend(found)
    if gov is None:
        raise ContentError(problems)
    path = project.handout_dir(handout_id) / f"{gov.source_language}.yaml"
    doc = read_document(path, project.show(path), problems)
    problems.raise_if_any()
    assert doc is not None
    return _Source(gov, doc)


def _handouts(project: Project, wanted: Iterable[str]) -> list[str]:
    return select(project.handout_ids(), list(wanted), "handout")


def _check_tag(tag: str) -> None:
    try:
        i18n.parse_tag(tag)
    except i18n.TagError as exc:
        raise UsageError(str(exc)) from None


def init(project: Project, tag: str, handouts: Iterable[str] = ()) -> tuple[list[Path], list[str]]:
    """Create the translation files (and UI strings) for ``tag``; never overwrite.

    Returns the files created and notes about files left as they were.
    """
    _check_tag(tag)
    created: list[Path] = []
    notes: list[str] = []
    for handout_id in _handouts(project, handouts):
        source = _source(project, handout_id)
        if tag == source.gov.source_language:
            raise UsageError(f"'{tag}' is the source language of {handout_id}")
        target = project.handout_dir(handout_id) / f"{tag}.yaml"
        if target.exists():
            notes.append(f"{project.show(target)} already exists; left as it is")
            continue
        title = (
            source.doc.data.get("title", handout_id)
            if isinstance(source.doc.data, dict)
            else handout_id
        )
        text = skeleton(source.doc.data, tag, source.gov.source_language, str(title))
        write_atomic(target, text.encode("utf-8"), project.show(target), exclusive=True)
        created.append(target)
        strings = project.strings_file(tag)
        if not strings.exists():
            ref = read_document(
                project.strings_file(source.gov.source_language),
                project.show(project.strings_file(source.gov.source_language)),
                problems := Problems(),
            )
            problems.raise_if_any()
            assert ref is not None
            body = [
                f"# The words careleaf prints around the content, in {tag}.",
                "# Keep {placeholders} exactly as they are; careleaf fills them in.",
                f"language: {tag}",
                *_emit(ref.data, 0, source.gov.source_language, True),
            ]
            write_atomic(
                strings,
                ("\n".join(body) + "\n").encode("utf-8"),
                project.show(strings),
                exclusive=True,
            )
            created.append(strings)
    return created, notes


@dataclass(frozen=True)
class LanguageReport:
    handout: str
    tag: str
    shown: str
    state: str
    status: TranslationStatus
    doc: Document
    ui_missing: tuple[str, ...]
    ui_shown: str

    @property
    def needs_work(self) -> bool:
        return not (self.status.complete and self.status.current) or bool(self.ui_missing)


def status(
    project: Project, tags: Iterable[str] = (), handouts: Iterable[str] = ()
) -> tuple[list[LanguageReport], tuple[Problem, ...]]:
    """How every translation (of the given languages) stands against its source."""
    wanted = set(tags)
    for tag in wanted:
        _check_tag(tag)
    problems = Problems()
    reader = StringsReader(project)
    reports = []
    for handout_id in _handouts(project, handouts):
        try:
            source = _source(project, handout_id)
        except CareleafError as exc:
            problems.extend(exc.problems)
            continue
        for tag, path in project.language_files(handout_id).items():
            if tag == source.gov.source_language or (wanted and tag not in wanted):
                continue
            doc = read_document(path, project.show(path), problems)
            if doc is None:
                continue
            block = doc.data.get("translation") if isinstance(doc.data, dict) else None
            state = str(block.get("state", "?")) if isinstance(block, dict) else "no state"
            ui = reader.read(tag, source.gov.source_language)
            problems.extend(ui.problems)
            reports.append(
                LanguageReport(
                    handout_id,
                    tag,
                    project.show(path),
                    state,
                    compare(source.doc.data, doc),
                    doc,
                    ui.missing,
                    ui.shown,
                )
            )
    return reports, tuple(problems)


def mark_current(
    project: Project, tag: str, handout_id: str, names: Iterable[str], every: bool = False
) -> list[str]:
    """Record that ``names`` (or, with ``every``, all translated fields) follow the source now."""
    _check_tag(tag)
    _handouts(project, [handout_id])
    source = _source(project, handout_id)
    path = project.handout_dir(handout_id) / f"{tag}.yaml"
    shown = project.show(path)
    if not path.is_file():
        raise UsageError(f"{shown} does not exist; start it with: careleaf translate init {tag}")
    problems = Problems()
    doc = read_document(path, shown, problems)
    problems.raise_if_any()
    assert doc is not None
    wanted = fields(source.doc.data)
    have = fields(doc.data)
    translated = [n for n in wanted if n in have and have[n][1].strip()]
    chosen = translated if every else list(names)
    if not chosen:
        raise UsageError(
            "name the fields to mark current (as translate status shows them), or give --all"
        )
    for name in chosen:
        if name not in wanted:
            raise UsageError(
                f"no field '{name}' in the source (names look like 'home_care.items[1].text')"
            )
        if name not in translated:
            raise UsageError(f"'{name}' is not translated yet in {shown}")
    key = ("translation", "source_fingerprints")
    if key not in doc.keys:
        raise ContentError(
            Problem(Location(shown), "no 'translation.source_fingerprints' block to update")
        )
    prints = {**_stored(doc), **{n: fingerprint(wanted[n][1]) for n in chosen}}
    ordered = {n: prints[n] for n in wanted if n in prints}
    text = _replace_block(path.read_text(encoding="utf-8"), doc.keys[key], ordered)
    parse(text.encode("utf-8"), shown)  # never write a file careleaf could not read back
    write_atomic(path, text.encode("utf-8"), shown)
    return chosen


def _stored(doc: Document) -> dict[str, str]:
    block = doc.data["translation"]["source_fingerprints"]
    return dict(block) if isinstance(block, dict) else {}


def _replace_block(text: str, key_at: Location, prints: dict[str, str]) -> str:
    lines = text.split("\n")
    start = key_at.line - 1
    indent = key_at.col - 1
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[:start] + _fingerprint_block(prints, indent) + lines[end:])
