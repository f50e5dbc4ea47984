"""The translator's commands: see what is left, and record what is done.

``status`` compares each translation with its source and, for each stale
field, shows the source text it was translated from and the source text
now. ``mark-current`` records that fields follow the current source text:
it updates their fingerprints and the ``# en:`` comments above them, through
a round-trip edit that keeps the translator's text, comments and layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap

from careleaf.catalog.sources import Source, check_tag, handouts_of, known_handout, source_of
from careleaf.catalog.uistrings import StringsReader
from careleaf.content.fields import (
    TranslationStatus,
    compare,
    fields,
    fingerprint,
    stored_fingerprints,
)
from careleaf.content.model import Translation
from careleaf.content.validate import to_model
from careleaf.errors import (
    CareleafError,
    ContentError,
    Location,
    Problem,
    Problems,
    UsageError,
    quoted,
)
from careleaf.files.strict_yaml import Document
from careleaf.files.yaml_edit import Edit, open_edit, save
from careleaf.governance.approval import ApprovalState, approval_state
from careleaf.project import Project
from careleaf.translation.comments import comment_above, refresh


@dataclass(frozen=True)
class StaleText:
    """A stale field: the source text it was translated from (if on record) and now."""

    field: str
    was: str | None
    now: str


@dataclass(frozen=True)
class LanguageReport:
    handout: str
    tag: str
    shown: str
    status: TranslationStatus
    doc: Document
    ui_missing: tuple[str, ...]
    ui_shown: str
    approval: ApprovalState
    stale_text: tuple[StaleText, ...] = ()

    @property
    def needs_work(self) -> bool:
        return not (self.status.complete and self.status.current) or bool(self.ui_missing)

    @property
    def state(self) -> str:
        return self.approval.state


def status(
    project: Project, tags: Iterable[str] = (), handouts: Iterable[str] = ()
) -> tuple[list[LanguageReport], tuple[Problem, ...]]:
    """How every translation (of the given languages) stands against its source."""
    wanted = set(tags)
    for tag in wanted:
        check_tag(tag)
    problems = Problems()
    reader = StringsReader(project)
    reports = []
    for handout_id in handouts_of(project, handouts):
        try:
            source = source_of(project, handout_id)
        except CareleafError as exc:
            problems.extend(exc.problems)
            continue
        for tag, path in project.language_files(handout_id).items():
            if tag == source.gov.source_language or (wanted and tag not in wanted):
                continue
            try:
                doc = project.load(path)
            except CareleafError as exc:
                problems.extend(exc.problems)
                continue
            ui = reader.read(tag, source.gov.source_language)
            problems.extend(ui.problems)
            compared = compare(source.doc.data, doc)
            reports.append(
                LanguageReport(
                    handout_id,
                    tag,
                    project.show(path),
                    compared,
                    doc,
                    ui.missing,
                    ui.shown,
                    _approval(source, tag, doc, ui.data),
                    stale_text(source, doc, compared, path.read_text(encoding="utf-8")),
                )
            )
    return reports, tuple(problems)


def _approval(source: Source, tag: str, doc: Document, strings: object) -> ApprovalState:
    block = doc.data.get("translation") if isinstance(doc.data, dict) else None
    translation = None  # a file whose block is broken counts as a draft
    if isinstance(block, dict):
        translation, _ = to_model(Document(doc.path, block), Translation)
    return approval_state(translation, tag, source.doc.data, doc.data, strings, source.gov.id)


def stale_text(
    source: Source, doc: Document, compared: TranslationStatus, text: str
) -> tuple[StaleText, ...]:
    """For each stale field, the source text it was made from, where careleaf can prove it.

    Two places may hold it: the ``# en:`` comment above the field (written by
    init and mark-current) and the handout's sign-off record. Either counts
    only if its text has the fingerprint the translation recorded.
    """
    if not compared.stale:
        return ()
    prints = stored_fingerprints(doc)
    wanted = fields(source.doc.data)
    record = source.gov.sign_off.text if source.gov.sign_off else {}
    tag = source.gov.source_language
    found = []
    for issue in compared.stale:
        recorded = prints.get(issue.field)
        candidates = [comment_above(text, key_line(doc, issue.path), tag), record.get(issue.field)]
        was = next((c for c in candidates if c and fingerprint(c) == recorded), None)
        found.append(StaleText(issue.field, was, wanted[issue.field][1]))
    return tuple(found)


def key_line(doc: Document, path: tuple[str | int, ...]) -> int:
    """The line a field starts on: its key's, or for a bare list entry, its own."""
    if path and not isinstance(path[-1], int):
        return doc.where_key(path).line
    return doc.where(path).line


@dataclass(frozen=True)
class Marked:
    """The fields marked current, and those of them that were stale until now."""

    fields: tuple[str, ...]
    stale: tuple[str, ...]


def mark_current(
    project: Project, tag: str, handout_id: str, names: Iterable[str], every: bool = False
) -> Marked:
    """Record that ``names`` (or, with ``every``, all translated fields) follow the source now.

    Updates each field's fingerprint and the ``# en:`` comment above it, so
    the translator sees the source text the translation now follows.
    """
    check_tag(tag)
    known_handout(project, handout_id)
    source = source_of(project, handout_id)
    path = project.content_file(handout_id, tag)
    shown = project.show(path)
    if not path.is_file():
        raise UsageError(f"{shown} does not exist; start it with: careleaf translate init {tag}")
    doc = project.load(path)
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
                f"no field {quoted(name)} in the source (names look like "
                "'home_care.items[drink-water].text')"
            )
        if name not in translated:
            raise UsageError(f"{quoted(name)} is not translated yet in {shown}")
    was_stale = {issue.field for issue in compare(source.doc.data, doc).stale}
    edit = open_edit(path, shown)
    prints = {**stored_fingerprints(doc), **{n: fingerprint(wanted[n][1]) for n in chosen}}
    write_fingerprints(edit, wanted, prints)
    refresh(
        edit.data,
        edit.original,
        {key_line(doc, have[name][0]): wanted[name][1] for name in chosen},
        source.gov.source_language,
    )
    save([edit])
    return Marked(tuple(chosen), tuple(n for n in chosen if n in was_stale))


def write_fingerprints(edit: Edit, wanted: Iterable[str], prints: Mapping[str, str]) -> None:
    """Make ``translation.source_fingerprints`` hold ``prints``, in the source's field order.

    The block is rewritten in place, so the comments around it stay.
    """
    block = edit.data.get("translation") if isinstance(edit.data, dict) else None
    if not isinstance(block, dict) or "source_fingerprints" not in block:
        raise ContentError(
            Problem(Location(edit.shown), "no 'translation.source_fingerprints' block to update")
        )
    current = block["source_fingerprints"]
    if not isinstance(current, CommentedMap):  # `{}` as init writes it for an empty file
        current = block["source_fingerprints"] = CommentedMap()
    for key in list(current):
        del current[key]
    for name in wanted:
        if name in prints:
            current[name] = prints[name]
    current.fa.set_block_style()
