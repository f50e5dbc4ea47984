"""One error hierarchy for everything a user can get wrong.

Every error carries a :class:`Location` so the message reads
``handouts/muscle-spasm/en.yaml:12:5: 'disclaimer' must not be blank``.
This module knows nothing about click; the CLI maps ``exit_code`` to the
process exit status in one place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


def printable(text: str) -> str:
    """``text`` on one line with every invisible character shown as an escape (``\\u2066``).

    Messages, ``review diff`` and ``translate status`` quote what a (possibly
    hostile) file contains: a newline must not split a problem in two, an
    escape sequence must not reach a terminal, and a bidi control or a
    zero-width character must not hide from the person reading it.
    """
    return "".join(
        f"\\u{ord(c):04x}"
        if c != " " and (unicodedata.category(c) in _HIDDEN or c in INVISIBLE)
        else c
        for c in text
    )


_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Zs"}
#: Letters and marks that print nothing (fillers, a joiner): as invisible as a format character.
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")
#: The longest text a message quotes whole; a longer one is cut, with its length said.
QUOTE_LIMIT = 60


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as a message quotes it: escaped (:func:`printable`) and cut to ``limit``
    characters, ``'first words... (1,234 characters)'``, so a huge value cannot flood it."""
    if len(text) <= limit:
        return f"'{printable(text)}'"
    return f"'{printable(text[: limit - 3])}...' ({len(text):,} characters)"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 field``, ``2 fields``: a count with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file, with 1-based line and column where known."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return printable(self.path)
        if not self.col:
            return f"{printable(self.path)}:{self.line}"
        return f"{printable(self.path)}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, where it is wrong. Sorts by file, line, column."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {printable(self.message)}"


class CareleafError(Exception):
    """Root of every error careleaf expects; ``exit_code`` 1 unless a usage error."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(Location("careleaf"), problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)


class ContentError(CareleafError):
    """A content, clinic or UI strings file is malformed or breaks a rule."""


class BuildError(CareleafError):
    """Rendering or writing a leaflet failed (overflow, refused resource, disk)."""


class UsageError(CareleafError):
    """The command line asked for something that cannot be done."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class Problems:
    """Collects problems across files so they are reported together."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, location: Location, message: str) -> None:
        self._items.append(Problem(location, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self._items)))

    def raise_if_any(self, kind: type[CareleafError] = ContentError) -> None:
        if self._items:
            raise kind(self._items)
