"""Writing an import: the changed fields, fingerprints and ``# en:`` comments, all or none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from careleaf.catalog.sources import read_reference_strings, source_of
from careleaf.content.fields import fields, fingerprint, normalize, stored_fingerprints
from careleaf.errors import ContentError, Location, Problem
from careleaf.files.strict_yaml import parse
from careleaf.files.yaml_edit import Edit, open_edit, save
from careleaf.project import Project
from careleaf.translation.commands import key_line, status, write_fingerprints
from careleaf.translation.comments import comment_above, refresh
from careleaf.translation.exchange.placing import put
from careleaf.translation.exchange.units import Exchange, Unit


@dataclass(frozen=True)
class Change:
    """What an import does to one field."""

    unit: Unit
    text: str | None  # the new text, or None when the text stays as it is
    current: bool | None  # True: now current; False: left stale; None: a UI string


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def set(self, unit: Unit, text: str | None, current: bool | None) -> None:
        self.changes.append(Change(unit, text, current))

    @property
    def updated(self) -> int:
        return sum(c.text is not None for c in self.changes)

    @property
    def confirmed(self) -> int:
        return sum(c.current is True for c in self.changes)

    @property
    def stale(self) -> int:
        return sum(c.current is False for c in self.changes)


@dataclass(frozen=True)
class Written:
    files: tuple[str, ...]  # written, or on a dry run, that would be
    notes: tuple[str, ...]


def write_plan(project: Project, exchange: Exchange, plan: Plan, dry_run: bool) -> Written:
    """Apply ``plan`` to the translation files; on a dry run, only say which would change."""
    tag = exchange.language
    groups: dict[str | None, list[Change]] = {}
    for change in plan.changes:
        groups.setdefault(change.unit.handout, []).append(change)
    edits = [_edit(project, exchange, handout, changes) for handout, changes in groups.items()]
    changed = [e for e in edits if e.text() != e.original]
    notes = tuple(_drafts(project, tag, changed)) if changed else ()  # judged before writing
    if not dry_run:
        save(changed)
    return Written(tuple(e.shown for e in changed), notes)


def _edit(project: Project, exchange: Exchange, handout: str | None, changes: list[Change]) -> Edit:
    tag = exchange.language
    if handout is None:
        path = project.strings_file(tag)
        source_data = read_reference_strings(project, exchange.source_language)
    else:
        path = project.content_file(handout, tag)
        source_data = source_of(project, handout).doc.data
    shown = project.show(path)
    doc = project.load(path)
    edit = open_edit(path, shown)
    wanted = fields(source_data)
    have = fields(doc.data)
    for change in changes:
        if change.text is not None:
            put(edit.data, source_data, wanted[change.unit.field][0], change.text)
    if handout is not None:
        prints = dict(stored_fingerprints(doc))
        before = dict(prints)
        comments: dict[int, str] = {}
        for change in changes:
            name = change.unit.field
            now = fingerprint(change.unit.source)
            if change.current:
                prints[name] = now
                if name in have:
                    line = key_line(doc, have[name][0])
                    if comment_above(edit.original, line, exchange.source_language) != normalize(
                        change.unit.source
                    ):
                        comments[line] = wanted[name][1]
            elif prints.get(name) == now:
                del prints[name]  # not confirmed: it must not count as current
        if prints != before:
            write_fingerprints(edit, wanted, prints)
        if comments:
            refresh(edit.data, edit.original, comments, exchange.source_language)
    _verify(edit, [c for c in changes if c.text is not None])
    return edit


def _verify(edit: Edit, changes: Iterable[Change]) -> None:
    """The edited file reads back, strictly, with exactly the imported texts in it."""
    text = edit.text()
    if text == edit.original:
        return
    got = fields(parse(text.encode("utf-8"), edit.shown).data)
    for change in changes:
        found = got.get(change.unit.field)
        if found is None or normalize(found[1]) != change.text:  # pragma: no cover - a bug
            raise ContentError(
                Problem(
                    Location(edit.shown),
                    f"careleaf could not write '{change.unit.field}' so that it reads back",
                )
            )


def _drafts(project: Project, tag: str, changed: list[Edit]) -> Iterable[str]:
    """A note for each approved translation the import makes a draft again."""
    shown = {e.shown for e in changed}
    strings = project.show(project.strings_file(tag)) in shown
    reports, _ = status(project, [tag])
    for report in reports:
        if report.approval.approved and (strings or report.shown in shown):
            yield (
                f"{report.shown} was {report.approval.describe()}; any change makes it a "
                f"draft again: approve it anew (careleaf translate approve {tag} --handout "
                f"{report.handout} --by NAME)"
            )
