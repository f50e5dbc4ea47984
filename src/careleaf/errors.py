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
    """``text`` on one line with control, separator and bidi characters escaped.

    Messages quote what a (possibly hostile) file contains; a newline must not
    split a problem in two and an escape sequence must not reach a terminal.
    """
    return "".join(
        c if c == " " or unicodedata.category(c) not in _HIDDEN else f"\\u{ord(c):04x}"
        for c in text
    )


_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Zs"}


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
