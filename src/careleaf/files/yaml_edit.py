"""Editing YAML files in place, keeping the author's comments, order, quoting and layout.

careleaf's own commands (sign-off, approval, marking fields current, the
format migration) change a few values of a file that a person wrote. They
go through ruamel.yaml's round-trip mode, set so that every scalar stays
text exactly as careleaf's strict loader reads it (``5e3`` or ``no`` is not
turned into a number or a boolean on the way back). Every file is read back
with the strict loader before it is written, and a group of files is
written all together or not at all.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag
from ruamel.yaml.util import load_yaml_guess_indent

from careleaf.errors import ContentError, Location, Problem
from careleaf.files.strict_yaml import load_file, parse
from careleaf.files.write import write_all_atomic

_STR = Tag(suffix="tag:yaml.org,2002:str")


class _TextResolver(VersionedResolver):
    """Every plain scalar is text, as careleaf's strict loader reads it."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return _STR
        return super().resolve(kind, value, implicit)


def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line of text the author kept on one line
    sequence, offset = 2, 0
    try:
        _, guessed, block = load_yaml_guess_indent(text)
        sequence, offset = guessed or 2, block or 0
    except Exception:
        pass
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence, offset=offset)
    return yaml


def _mapping_indent(text: str) -> int:
    """How far the file indents a mapping inside a mapping (2 unless it shows otherwise)."""
    previous = None
    for line in text.split("\n"):
        match = re.match(r"( *)([^\s#-][^:#]*):\s*(#.*)?$", line)
        if previous is not None and line.strip() and not line.lstrip().startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            if indent > previous:
                return indent - previous
        previous = len(match.group(1)) if match else None
    return 2


@dataclass
class Edit:
    """One file opened for editing: ``data`` is the round-trip tree to change."""

    path: Path
    shown: str
    data: Any
    _yaml: YAML
    original: str

    def text(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()


def open_edit(path: Path, shown: str) -> Edit:
    """Read ``path`` for a round-trip edit, after the strict loader has accepted it."""
    load_file(path, shown)  # the same rules (and messages) as every other read
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    yaml = _yaml(text)
    return Edit(path, shown, yaml.load(text), yaml, text)


def save(edits: Iterable[Edit]) -> list[Edit]:
    """Write every edited file that changed, all or none; returns those written.

    Each new text must read back with the strict loader, so careleaf never
    writes a file it would then refuse.
    """
    changed = []
    problems: list[Problem] = []
    for edit in edits:
        text = edit.text()
        if text == edit.original:
            continue
        try:
            parse(text.encode("utf-8"), edit.shown)
        except ContentError as exc:  # pragma: no cover - a bug in an edit, not in the file
            problems.extend(
                Problem(Location(edit.shown), f"careleaf made an edit it cannot read back: {p}")
                for p in exc.problems
            )
        changed.append((edit, text))
    if problems:
        raise ContentError(problems)
    write_all_atomic([(e.path, t.encode("utf-8"), e.shown) for e, t in changed])
    return [e for e, _ in changed]


def _post_comment(mapping: Any, key: str) -> Any:
    """The comment ruamel keeps after ``key``'s value (the lines up to the next key)."""
    entry = mapping.ca.items.get(key)
    return entry[2] if entry and len(entry) > 2 else None


def _set_post_comment(mapping: Any, key: str, token: Any) -> None:
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    entry[2] = token


def set_after(mapping: Any, anchor: str, values: dict[str, str]) -> None:
    """Set ``values``: in place where a key exists, else after ``anchor`` (or first).

    A comment written between ``anchor`` and the key after it belongs, in
    ruamel's tree, to ``anchor``; it moves behind the last new key so it
    stays above the key it was written for.
    """
    position = list(mapping).index(anchor) + 1 if anchor in mapping else 0
    last = anchor if anchor in mapping else None
    for key, value in values.items():
        if key in mapping:
            mapping[key] = value
            continue
        mapping.insert(position, key, value)
        position += 1
        if last is not None and last == anchor:
            token = _post_comment(mapping, anchor)
            if token is not None:
                _set_post_comment(mapping, anchor, None)
                _set_post_comment(mapping, key, token)
        last = key
        anchor = key


def remove(mapping: Any, key: str) -> Any:
    """Remove ``key``; the comment after it stays, behind the key before it."""
    keys = list(mapping)
    token = _post_comment(mapping, key)
    value = mapping.pop(key)
    mapping.ca.items.pop(key, None)
    index = keys.index(key)
    if token is not None and index > 0:
        before = keys[index - 1]
        if _post_comment(mapping, before) is None:
            _set_post_comment(mapping, before, token)
    return value


def insert_item(sequence: Any, index: int, item: Any) -> None:
    """Insert mapping ``item`` at ``index``; the comment above the next entry stays above it.

    ruamel keeps the comment written above an entry of a list of mappings
    after the last key of the entry before it; it moves behind the new
    entry's last key, so it still reads above the entry it was written for.
    """
    sequence.insert(index, item)
    before = sequence[index - 1] if index > 0 else None
    if not isinstance(before, dict) or not before or not item:
        return
    last = list(before)[-1]
    token = _post_comment(before, last)
    if token is not None:
        _set_post_comment(before, last, None)
        _set_post_comment(item, list(item)[-1], token)
