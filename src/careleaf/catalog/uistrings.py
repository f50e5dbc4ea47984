"""UI strings: the words printed around the content, one file per language.

A translator's strings file may be unfinished; an empty string there counts
as "not translated yet" rather than an error, and a language whose strings
are unfinished is not printed at all, so an untranslated label never leaks
onto a page.

An optional string (:data:`~careleaf.content.model.OPTIONAL_STRINGS`, such as the
watermark's ``not_for_patient_use``) may be left out or empty: it is never
missing, and a language that does not give it has none (the reference
language's text is not put in its place).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from careleaf.content import i18n
from careleaf.content.fields import fields, merged
from careleaf.content.model import OPTIONAL_STRINGS, UIStrings
from careleaf.content.validate import to_model
from careleaf.errors import ContentError, Location, Problem
from careleaf.files.strict_yaml import Document
from careleaf.project import Project


@dataclass(frozen=True)
class StringsResult:
    strings: UIStrings | None  # None when the file is missing, broken or unfinished
    missing: tuple[str, ...]
    problems: tuple[Problem, ...]
    shown: str
    data: Any = None  # the file as written, for the approval fingerprint


class StringsReader:
    """Reads each language's strings once per run, judging translations by a reference."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._docs: dict[str, tuple[Document | None, list[Problem]]] = {}
        self._results: dict[tuple[str, str], StringsResult] = {}

    def document(self, tag: str) -> Document | None:
        """The strings file of ``tag`` as read (None when missing or unreadable)."""
        return self._doc(tag)[0]

    def _doc(self, tag: str) -> tuple[Document | None, list[Problem]]:
        if tag not in self._docs:
            self._docs[tag] = self._load(tag)
        return self._docs[tag]

    def _load(self, tag: str) -> tuple[Document | None, list[Problem]]:
        path = self.project.strings_file(tag)
        shown = self.project.show(path)
        if not path.is_file() and not path.is_symlink():
            return None, [
                Problem(
                    Location(shown),
                    f"UI strings for '{tag}' are missing; "
                    f"create this file (careleaf translate init {tag})",
                )
            ]
        try:
            return self.project.load(path), []
        except ContentError as exc:
            return None, list(exc.problems)

    def read(self, tag: str, reference: str) -> StringsResult:
        """The strings for ``tag``; empty ones are missing when ``tag`` is not ``reference``."""
        key = (tag, reference)
        if key in self._results:
            return self._results[key]
        shown = self.project.show(self.project.strings_file(tag))
        doc, loaded = self._doc(tag)
        problems = list(loaded)
        missing: tuple[str, ...] = ()
        strings = None
        if doc is not None:
            filled = doc
            if tag != reference:
                ref_doc, _ = self._doc(reference)
                if ref_doc is not None and isinstance(doc.data, dict):
                    have = fields(doc.data)
                    missing = tuple(
                        name
                        for name in fields(ref_doc.data)
                        if name not in OPTIONAL_STRINGS and not have.get(name, ((), ""))[1].strip()
                    )
                    filled = merged(ref_doc.data, doc)
            strings, found = to_model(filled, UIStrings)
            problems.extend(found)
            if strings is not None:
                strings = _own_optional(strings, doc)
                problems.extend(_check(strings, doc, tag))
        ok = strings is not None and not problems and not missing
        data = doc.data if doc is not None else None
        result = StringsResult(strings if ok else None, missing, tuple(problems), shown, data)
        self._results[key] = result
        return result


def _own_optional(strings: UIStrings, doc: Document) -> UIStrings:
    """``strings`` without the optional strings its own file does not give (the merge with
    the reference language filled them in)."""
    have = fields(doc.data) if isinstance(doc.data, dict) else {}
    absent = {name: None for name in OPTIONAL_STRINGS if not have.get(name, ((), ""))[1].strip()}
    return strings.model_copy(update=absent) if absent else strings


def _check(strings: UIStrings, doc: Document, tag: str) -> Iterable[Problem]:
    if strings.language != tag:
        yield Problem(
            doc.where(("language",)),
            f"'language' is '{strings.language}' but the file is named for '{tag}'",
        )
    for key in i18n.PLACEHOLDERS:
        value: object = strings
        for part in key.split("."):
            value = getattr(value, part)
        message = i18n.check_placeholders(key, str(value))
        if message:
            yield Problem(doc.where(tuple(key.split("."))), message)
    for key in sorted(OPTIONAL_STRINGS):
        text = getattr(strings, key)
        if text and i18n.placeholders(text):
            yield Problem(doc.where((key,)), f"'{key}' takes no {{placeholders}}")
