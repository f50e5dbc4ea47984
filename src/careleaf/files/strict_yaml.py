"""Reading YAML strictly, keeping the line and column of every node.

The files are edited by hand and, for translations, come from outside the
clinic, so the loader accepts only the plain subset a leaflet needs: one
document of mappings, lists and scalars. Every scalar stays a string (``no``
is not False, ``2026-01-05`` is not a date); the schema types it later.
Anchors, aliases and tags are refused at the first event, so an alias bomb
is never expanded.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from careleaf.errors import ContentError, Location, Problem

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16

try:  # the C parser is much faster and reports the same marks
    _Loader: Any = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - libyaml is part of the PyYAML wheel
    _Loader = yaml.BaseLoader

Key = str | int
Path_ = tuple[Key, ...]


@dataclass(frozen=True)
class Document:
    """Parsed data plus where each value and each mapping key was written."""

    path: str
    data: Any
    values: dict[Path_, Location] = field(default_factory=dict)
    keys: dict[Path_, Location] = field(default_factory=dict)

    def where(self, at: Path_) -> Location:
        """Location of the value at ``at``, or of its nearest known parent."""
        for end in range(len(at), -1, -1):
            loc = self.values.get(at[:end])
            if loc is not None:
                return loc
        return Location(self.path, 1, 1)

    def where_key(self, at: Path_) -> Location:
        return self.keys.get(at) or self.where(at)


def dotted(path: Path_) -> str:
    """``('home_care', 'items', 0, 'heading')`` -> ``home_care.items[1].heading``."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def load_file(path: Path, display: str) -> Document:
    """Read ``path`` (shown to users as ``display``) into a :class:`Document`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _error(display, 0, 0, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(display, 0, 0, f"cannot read file: {exc.strerror or exc}") from None
    return parse(raw, display)


# One command reads a file several times (status: for the translation report,
# the checking build and the reading level); the same bytes under the same
# name are parsed once. Keyed by content, so an edited file (watch) is parsed again.
_PARSED: OrderedDict[tuple[bytes, str], Document] = OrderedDict()
_PARSED_MAX = 512


def parse(raw: bytes, display: str) -> Document:
    """Parse YAML bytes strictly. Raises :class:`ContentError` with a location.

    Each call returns data of its own: a caller may change it freely.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise _error(display, 0, 0, f"file is over the {MAX_FILE_BYTES:,} byte limit")
    key = (hashlib.blake2b(raw, digest_size=16).digest(), display)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = _parse(raw, display)
        _PARSED[key] = parsed
        if len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    return Document(display, _copy(parsed.data), dict(parsed.values), dict(parsed.keys))


def _copy(node: Any) -> Any:
    """A copy of parsed data: mappings and lists anew, strings (immutable) shared."""
    if isinstance(node, dict):
        return {key: _copy(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_copy(value) for value in node]
    return node


def _parse(raw: bytes, display: str) -> Document:
    text = _decode(raw, display)
    _check_characters(text, display)
    if not text.strip():
        raise _error(display, 1, 1, "file is empty")
    builder = _Builder(display)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _explain(exc)
        if "end of stream" in (exc.problem or "") and exc.context_mark is not None:
            # The end of the file is not where the mistake is: where the value opened is.
            mark = exc.context_mark
            what = (
                (exc.context or "a value")
                .removeprefix("while scanning ")
                .replace("scalar", "value")
            )
            message = f"YAML syntax error: {what} that starts here is never closed"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _error(display, line, col, message) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise _error(display, 0, 0, f"not valid YAML: {exc}") from None
    if builder.result is None or builder.result == "":
        raise _error(display, 1, 1, "file has no content (only comments or blank lines)")
    return Document(display, builder.result, builder.values, builder.keys)


def _error(path: str, line: int, col: int, message: str) -> ContentError:
    return ContentError(Problem(Location(path, line, col), message))


def _decode(raw: bytes, display: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as an editor shows them, not bytes.
        line_start = before[before.rfind(b"\n") + 1 :].removeprefix(b"\xef\xbb\xbf")
        col = len(line_start.decode("utf-8", errors="replace")) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise _error(
            display, line, col, f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _check_characters(text: str, display: str) -> None:
    # One regex pass finds the rare bad file; only then walk it to say where.
    if not _SUSPECT.search(text):
        return
    for line_no, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(_SPACES))
        for col, char in enumerate(line[:indent], start=1):
            if char == "\t":
                raise _error(display, line_no, col, "tab used for indentation; indent with spaces")
            if char != " ":
                raise _error(
                    display,
                    line_no,
                    col,
                    f"U+{ord(char):04X} ({unicodedata.name(char, 'space')}) used for "
                    "indentation; indent with ordinary spaces",
                )
        for col, char in enumerate(line, start=1):
            if char in "\t\r":
                continue
            category = unicodedata.category(char)
            if category == "Cc" or char in "\ufffe\uffff":
                raise _error(
                    display, line_no, col, f"control character U+{ord(char):04X} is not allowed"
                )
            if category in ("Zl", "Zp"):
                raise _error(
                    display,
                    line_no,
                    col,
                    f"U+{ord(char):04X} "
                    f"({unicodedata.name(char)}) is not allowed; use a normal line break",
                )


# Every kind of space a text editor may put at the start of a line.
_SPACES = " \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
# Control characters (but tab, CR and LF), U+FFFE/U+FFFF, line and paragraph
# separators, and any non-space whitespace at the start of a line.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]"
    "|^[ ]*[\t\u00a0\u1680\u202f\u205f\u3000\u2000-\u200a]",
    re.MULTILINE,
)
_COLON = "unexpected ':'; put text that contains ': ' in quotes"
_EXPLANATIONS = {
    "mapping values are not allowed here": _COLON,
    "mapping values are not allowed in this context": _COLON,
    "found character '\\t' that cannot start any token": "tab character; use spaces",
}


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    message = _EXPLANATIONS.get(problem, problem)
    if exc.context and problem not in _EXPLANATIONS:
        message = f"{message} ({exc.context})"
    return f"YAML syntax error: {message}"


class _Builder:
    """Turns the parser's event stream into plain data, refusing what we do not allow."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.result: Any = None
        self.values: dict[Path_, Location] = {}
        self.keys: dict[Path_, Location] = {}
        self._stack: list[_Frame] = []
        self._documents = 0

    def _loc(self, event: Any) -> Location:
        mark = event.start_mark
        return Location(self.display, mark.line + 1, mark.column + 1)

    def _fail(self, event: Any, message: str) -> None:
        raise ContentError(Problem(self._loc(event), message))

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                self._fail(event, "more than one YAML document ('---'); use one per file")
            return
        if isinstance(event, yaml.AliasEvent):
            self._fail(event, f"aliases ('*{event.anchor}') are not allowed; write the value out")
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                self._fail(event, f"anchors ('&{event.anchor}') are not allowed")
            tag = getattr(event, "tag", None)
            if tag is not None:
                shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
                self._fail(event, f"tags ('{shown}') are not allowed")
        if isinstance(event, yaml.ScalarEvent):
            self._add(event, event.value)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if len(self._stack) >= MAX_DEPTH:
                self._fail(event, f"nested more than {MAX_DEPTH} levels deep")
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self._add(event, container)
            self._stack.append(_Frame(container, path))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._stack.pop()

    def _add(self, event: Any, value: Any) -> Path_:
        loc = self._loc(event)
        if not self._stack:
            self.result = value
            self.values[()] = loc
            return ()
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.values[path] = loc
            return path
        if frame.pending_key is None:
            if not isinstance(value, str):
                self._fail(event, "a key must be plain text, not a list or mapping")
            key_path = (*frame.path, value)
            if value in frame.container:
                first = self.keys[key_path]
                self._fail(event, f"duplicate key '{value}' (first defined at line {first.line})")
            frame.pending_key = value
            self.keys[key_path] = loc
            return key_path
        path = (*frame.path, frame.pending_key)
        frame.container[frame.pending_key] = value
        frame.pending_key = None
        self.values[path] = loc
        return path


@dataclass
class _Frame:
    container: Any
    path: Path_
    pending_key: str | None = None
