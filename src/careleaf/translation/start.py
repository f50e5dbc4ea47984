"""``careleaf translate init``: a new translation file, every field empty, the source above it.

Each field is written empty with its source text in a ``# en:`` comment
directly above it; list items carry the source's ids (last, after the
words), and the ``translation:`` block records the fingerprint of the
source text of every field, so a later change to the source shows which
fields went stale.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from careleaf.catalog.sources import check_tag, handouts_of, read_reference_strings, source_of
from careleaf.content.fields import BOOKKEEPING, ID, fields, fingerprint
from careleaf.errors import UsageError
from careleaf.files.write import write_atomic
from careleaf.project import Project
from careleaf.translation.comments import comment_lines


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _emit(node: dict[str, Any], indent: int, source_tag: str, top: bool = False) -> list[str]:
    """Every key of ``node`` with an empty value, its source text in a comment above it."""
    out: list[str] = []
    pad = " " * indent
    for key, value in node.items():
        if top and key in BOOKKEEPING:
            continue
        if isinstance(value, str):
            out.extend([*comment_lines(value, indent, source_tag), f'{pad}{key}: ""'])
        elif isinstance(value, dict):
            out.extend([f"{pad}{key}:", *_emit(value, indent + 2, source_tag)])
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            for item in value:
                out.extend(_emit_item(item, indent + 2, source_tag))
    return out


def _emit_item(item: Any, indent: int, source_tag: str) -> list[str]:
    if not isinstance(item, dict):
        return []
    # The words first, each under its comment; the id, which is not translated, last.
    words = {k: v for k, v in item.items() if k != ID}
    body = _emit(words, indent + 2, source_tag)
    if isinstance(item.get(ID), str):
        body.append(f"{' ' * (indent + 2)}{ID}: {item[ID]}")
    # A mapping in a list: its first key goes on the dash line, comments above the dash.
    first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
    return [
        *(line[2:] for line in body[:first]),
        f"{' ' * indent}- {body[first].lstrip()}",
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
        "# above it. Keep the keys (the words before the colons) and the ids as they are.",
        "# Run `careleaf translate status` to see what is left.",
        f"language: {tag}",
        *_emit(source, 0, source_tag, top=True),
        "# Who translated it. Only a translation that someone approved (careleaf",
        "# translate approve) and that has not changed since is printed for patients.",
        "translation:",
        '  translated_by: ""',
        "  # The source text each field was translated from. careleaf keeps this up to",
        "  # date (careleaf translate mark-current); do not edit it by hand.",
        *_fingerprint_block(prints, 2),
    ]
    return "\n".join(lines) + "\n"


def strings_skeleton(reference: dict[str, Any], tag: str, source_tag: str) -> str:
    body = [
        f"# The words careleaf prints around the content, in {tag}.",
        "# Keep {placeholders} exactly as they are; careleaf fills them in.",
        f"language: {tag}",
        *_emit(reference, 0, source_tag, True),
    ]
    return "\n".join(body) + "\n"


def init(project: Project, tag: str, handouts: Iterable[str] = ()) -> tuple[list[Path], list[str]]:
    """Create the translation files (and UI strings) for ``tag``; never overwrite.

    Returns the files created and notes about files left as they were.
    """
    check_tag(tag)
    created: list[Path] = []
    notes: list[str] = []
    for handout_id in handouts_of(project, handouts):
        source = source_of(project, handout_id)
        if tag == source.gov.source_language:
            raise UsageError(f"'{tag}' is the source language of {handout_id}")
        target = project.content_file(handout_id, tag)
        if target.exists():
            notes.append(f"{project.show(target)} already exists; left as it is")
            continue
        data = source.doc.data
        title = data.get("title", handout_id) if isinstance(data, dict) else handout_id
        text = skeleton(data, tag, source.gov.source_language, str(title))
        write_atomic(target, text.encode("utf-8"), project.show(target), exclusive=True)
        created.append(target)
        strings = project.strings_file(tag)
        if not strings.exists():
            reference = read_reference_strings(project, source.gov.source_language)
            text = strings_skeleton(reference, tag, source.gov.source_language)
            write_atomic(strings, text.encode("utf-8"), project.show(strings), exclusive=True)
            created.append(strings)
    return created, notes
