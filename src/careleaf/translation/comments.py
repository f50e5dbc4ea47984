"""The source text above each translated field, as a ``# en:`` comment.

``careleaf translate init`` writes the source text of every field in a
comment directly above it, so the translator sees what to translate.
``mark-current`` rewrites that comment when it records a field as current,
so it always shows the source text the translation now follows, and
``translate status`` reads it back (trusting it only when its fingerprint
matches the one recorded) to show what a stale field was translated from.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ruamel.yaml.comments import CommentedBase
from ruamel.yaml.tokens import CommentToken

from careleaf.content.fields import normalize

WIDTH = 78


def comment_lines(text: str, indent: int, source_tag: str) -> list[str]:
    """``# en: text``, wrapped, continuation lines aligned under the text."""
    pad = " " * indent
    lead = f"# {source_tag}: "
    lines = textwrap.wrap(normalize(text), width=max(30, WIDTH - indent - len(lead))) or [""]
    return [pad + lead + lines[0]] + [
        pad + "#" + " " * (len(lead) - 1) + line for line in lines[1:]
    ]


def _block(lines: list[str], key_line: int, source_tag: str) -> tuple[int, str] | None:
    """The ``# en:`` block ending just above 0-based ``key_line``: its first line and text."""
    lead = re.compile(rf"\s*# {re.escape(source_tag)}: ?(.*)$")
    more = re.compile(r"\s*#\s\s+(.*)$")
    parts: list[str] = []
    line = key_line - 1
    while line >= 0:
        found = lead.fullmatch(lines[line])
        if found:
            return line, normalize(" ".join([found.group(1), *reversed(parts)]))
        found = more.fullmatch(lines[line])
        if not found:
            return None
        parts.append(found.group(1))
        line -= 1
    return None


def comment_above(text: str, key_line: int, source_tag: str) -> str | None:
    """The source text in the ``# en:`` comment directly above 1-based ``key_line``."""
    found = _block(text.split("\n"), key_line - 1, source_tag)
    return found[1] if found else None


def _tokens(node: Any) -> Iterator[tuple[list[Any] | None, CommentToken]]:
    """Every comment token of the round-trip tree, with the list holding it (if any)."""

    def flatten(value: Any, holder: list[Any] | None) -> Iterator[tuple[list[Any] | None, Any]]:
        if isinstance(value, CommentToken):
            yield holder, value
        elif isinstance(value, list):
            for entry in value:
                yield from flatten(entry, value)

    if isinstance(node, CommentedBase):
        yield from flatten(node.ca.comment, None)
        for entry in node.ca.items.values():
            yield from flatten(entry, None)
        yield from flatten(node.ca.end, None)
        children: Iterable[Any] = node.values() if isinstance(node, dict) else node  # type: ignore[assignment]
        for child in children:
            yield from _tokens(child)


def refresh(data: Any, original: str, updates: Mapping[int, str], source_tag: str) -> list[int]:
    """Rewrite the ``# en:`` comment above each key line of ``updates`` in the round-trip tree.

    ``updates`` maps a 1-based key line of ``original`` to its new source
    text. The comment lives in ruamel's comment tokens, whichever node holds
    them; each token's lines are known from where it starts, so the old
    block is cut out of exactly the tokens that hold it and the new one, at
    the old one's indentation, put in its place. Returns the key lines that
    had no such comment.
    """
    lines = original.split("\n")
    spans: dict[int, tuple[int, list[str]]] = {}  # first line of old block -> (end, new lines)
    missing = []
    for key_line, text in updates.items():
        found = _block(lines, key_line - 1, source_tag)
        if found is None:
            missing.append(key_line)
            continue
        indent = len(lines[found[0]]) - len(lines[found[0]].lstrip(" "))
        spans[found[0]] = (key_line - 1, comment_lines(text, indent, source_tag))
    emptied = []
    for holder, token in list(_tokens(data)):
        lead = token.value.startswith("\n")
        parts = (token.value[1:] if lead else token.value).split("\n")
        first = token.start_mark.line
        kept: list[str] = []
        changed = False
        for offset, part in enumerate(parts):
            line = first + offset
            start = next((s for s, (end, _) in spans.items() if s <= line < end), None)
            if start is None or (offset == len(parts) - 1 and part == ""):
                kept.append(part)
                continue
            changed = True
            if line == start:
                kept.extend(spans[start][1])
        if not changed:
            continue
        if not lead and kept:  # ruamel indents a token's first line to its own column
            kept[0] = kept[0].lstrip(" ")
        token.value = ("\n" if lead else "") + "\n".join(kept)
        if not lead and not "".join(kept) and holder is not None:
            emptied.append((holder, token))
    for holder, token in emptied:  # a one-line token whose line is gone: drop it
        holder.remove(token)
    return missing
