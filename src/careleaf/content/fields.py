"""Translations against their source: which fields are missing, stale or extra.

A field is one piece of text, named as translators see it:
``home_care.intro``, ``home_care.items[drink-water].text``,
``warning_signs.emergency[breathing].text``. List items are named by their
``id``, not their position, so inserting, deleting or moving one item in
the source affects that item alone.

Each translated field is tied to the source text it was made from by a short
fingerprint of that text (normalized as it prints, so re-wrapping a line
changes nothing). When a reviewer edits the source, only the fields whose
source text changed go stale.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from careleaf.files.strict_yaml import Document, Path_

#: Keys of a content file that hold bookkeeping, not words to translate.
BOOKKEEPING = frozenset({"language", "translation"})
#: The key that names a list item; it is not text to translate.
ID = "id"


def normalize(text: str) -> str:
    """The text as it prints: Unicode NFC, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> str:
    """A short, stable digest of the normalized text."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:12]


def item_id(node: Any) -> str | None:
    """The id of a list item, if it has a usable one."""
    if isinstance(node, dict):
        value = node.get(ID)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _segment(node: Any, index: int) -> str:
    found = item_id(node)
    return f"[{found}]" if found is not None else f"[{index + 1}]"


def fields(data: Any, skip: frozenset[str] = BOOKKEEPING) -> dict[str, tuple[Path_, str]]:
    """Every text leaf of a content file: ``{name: (path, text)}``, in file order."""
    found: dict[str, tuple[Path_, str]] = {}

    def walk(node: Any, path: Path_, name: str, in_item: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if (not path and key in skip) or (in_item and key == ID):
                    continue
                walk(value, (*path, key), f"{name}.{key}" if name else str(key), False)
        elif isinstance(node, list | tuple):
            for index, value in enumerate(node):
                walk(value, (*path, index), name + _segment(value, index), True)
        elif isinstance(node, str):
            found[name] = (path, node)

    walk(data, (), "", False)
    return found


@dataclass(frozen=True)
class FieldIssue:
    field: str
    path: Path_  # where in the translation file (the nearest place that exists)
    kind: str  # "missing", "stale" or "extra"
    source_path: Path_ = ()  # where in the source file ("extra": nowhere)


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


def counterpart(source: Any, translation: Any, source_path: Path_) -> Path_:
    """Where the translation holds the field at ``source_path``, or its nearest parent.

    List items are followed by id, so a translation whose items are in
    another order is still read right.
    """
    s_node, t_node = source, translation
    found: Path_ = ()
    for part in source_path:
        if isinstance(part, int):
            s_child = s_node[part] if isinstance(s_node, list) and part < len(s_node) else None
            wanted = item_id(s_child)
            index = None
            if isinstance(t_node, list):
                if wanted is None:
                    index = part if part < len(t_node) else None
                else:
                    index = next((i for i, t in enumerate(t_node) if item_id(t) == wanted), None)
            if index is None:
                return found
            s_node, t_node, found = s_child, t_node[index], (*found, index)
        else:
            if not isinstance(t_node, dict) or part not in t_node:
                return found
            s_node = s_node.get(part) if isinstance(s_node, dict) else None
            t_node, found = t_node[part], (*found, part)
    return found


def compare(source: Any, translation: Document) -> TranslationStatus:
    """Missing, stale and extra fields of ``translation`` against the ``source`` data."""
    wanted = fields(source)
    have = fields(translation.data)
    prints = stored_fingerprints(translation)
    missing, stale = [], []
    for name, (path, text) in wanted.items():
        mine = have.get(name)
        where = counterpart(source, translation.data, path)
        if mine is None or not mine[1].strip():
            missing.append(FieldIssue(name, where, "missing", path))
        elif prints.get(name) != fingerprint(text):
            stale.append(FieldIssue(name, where, "stale", path))
    extra = [
        FieldIssue(name, path, "extra") for name, (path, _) in have.items() if name not in wanted
    ]
    return TranslationStatus(tuple(missing), tuple(stale), tuple(extra), len(wanted))


def merged(source: Any, translation: Document) -> Document:
    """The translation in the source's shape, its gaps filled from the source, for validation.

    Items come in the source's order, matched by id; an item the source
    does not have is left out (it is reported as extra and never printed),
    except one with no usable id, which is kept so validation names it.
    Every value keeps the line and column it has in the translation file.

    A translation with missing fields is never printed, so no source text
    can reach a translated leaflet this way.
    """
    values: dict[Path_, Any] = {}
    keys: dict[Path_, Any] = {}

    def place(t_path: Path_, m_path: Path_, subtree: bool = False) -> None:
        """Where ``t_path`` was written becomes where ``m_path`` is (and all below it)."""
        if not subtree:  # a single value: no need to look through every location
            if t_path in translation.values:
                values[m_path] = translation.values[t_path]
            if t_path in translation.keys:
                keys[m_path] = translation.keys[t_path]
            return
        for old, loc in translation.values.items():
            if old[: len(t_path)] == t_path:
                values[(*m_path, *old[len(t_path) :])] = loc
        for old, loc in translation.keys.items():
            if old[: len(t_path)] == t_path:
                keys[(*m_path, *old[len(t_path) :])] = loc

    def merge(s: Any, t: Any, t_path: Path_, m_path: Path_) -> Any:
        if isinstance(s, dict) and isinstance(t, dict):
            out = {}
            for key, value in t.items():  # the translator's own keys stay, to be checked
                if key not in s or (key in BOOKKEEPING and not m_path):
                    out[key] = value
                    place((*t_path, key), (*m_path, key), subtree=True)
            for key, value in s.items():
                if key in BOOKKEEPING and not m_path:
                    continue
                if key in t:
                    keys[(*m_path, key)] = translation.keys.get((*t_path, key))
                    values[(*m_path, key)] = translation.values.get((*t_path, key))
                out[key] = merge(value, t.get(key), (*t_path, key), (*m_path, key))
            return out
        if isinstance(s, list) and isinstance(t, list):
            by_id: dict[str, int] = {}
            loose: list[int] = []
            for index, entry in enumerate(t):
                found = item_id(entry)
                if found is None or found in by_id:
                    loose.append(index)  # no id, or a second item with it: validation says so
                else:
                    by_id[found] = index
            positional = all(item_id(entry) is None for entry in s)
            out_list: list[Any] = []
            for index, entry in enumerate(s):
                wanted = item_id(entry)
                t_index = index if positional else by_id.get(wanted or "")
                if positional and index >= len(t):
                    t_index = None
                m_child = (*m_path, len(out_list))
                if t_index is None:
                    out_list.append(merge(entry, None, (), m_child))
                else:
                    values[m_child] = translation.values.get((*t_path, t_index))
                    out_list.append(merge(entry, t[t_index], (*t_path, t_index), m_child))
            if not positional:
                for index in loose:
                    place((*t_path, index), (*m_path, len(out_list)), subtree=True)
                    out_list.append(t[index])
            return out_list
        if t is None or (isinstance(t, str) and not t.strip()):
            return s
        if t_path:
            place(t_path, m_path)
        return t

    data = merge(source, translation.data, (), ())
    values = {k: v for k, v in values.items() if v is not None}
    keys = {k: v for k, v in keys.items() if v is not None}
    values.setdefault((), translation.where(()))
    return Document(translation.path, data, values, keys)
