"""``careleaf translate import``: a PO or XLIFF file back into the translation files.

The whole file is checked before anything is written: every unit must name
a field of this project, once, and its translation must meet the rules a
hand-written one does. Then only what changed is written, through
round-trip edits that keep comments and layout, all files or none.

The file goes into one translation, its *target*: the language given with
``--lang``, or else the one its name says (``es.po``, ``cramp.pt-BR.xlf``).
The language the file itself declares must be that one, so a Spanish file
saved as ``fr.po`` (or a French one whose header says Spanish) is refused
instead of overwriting the French translation.

A unit the translator confirmed becomes current: its source fingerprint is
recorded and the ``# en:`` comment above it refreshed, as ``mark-current``
does, provided the source text it carries is still the source text now. A
unit still fuzzy is written but left stale; an empty one changes nothing. A
unit translated from an older source text than the field's current
translation (a file exported before the source changed and translated
since) would replace a newer translation with an older one: it is refused,
every such unit listed, unless ``force``, when it is written and left
stale. Importing never approves, and any change makes an approved
translation a draft again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from careleaf.content import i18n
from careleaf.content.fields import normalize
from careleaf.errors import Location, Problems
from careleaf.project import Project
from careleaf.translation.exchange.incoming import (
    Incoming,
    Received,
    clipped,
    fail,
    format_of,
    read_capped,
)
from careleaf.translation.exchange.po import read_po
from careleaf.translation.exchange.units import CURRENT, STALE, STRINGS, Exchange, Unit, collect
from careleaf.translation.exchange.writing import Plan, write_plan
from careleaf.translation.exchange.xliff import read_xliff


@dataclass(frozen=True)
class Imported:
    """What an import changed (or, on a dry run, would change)."""

    language: str
    changes: tuple[str, ...]  # one line per field
    notes: tuple[str, ...]
    updated: int
    confirmed: int
    stale: int
    files: tuple[str, ...]

    def summary(self) -> str:
        fields = "field" if self.updated == 1 else "fields"
        stale = f"{self.stale} left stale"
        return f"{self.updated} {fields} updated, {self.confirmed} confirmed, {stale}"


def target_of(path: Path, given: str | None) -> str | None:
    """The translation ``path`` is imported into: ``given``, or the language its name says."""
    if given:
        return given
    for candidate in reversed(path.stem.split(".")):
        try:
            i18n.parse_tag(candidate)
        except i18n.TagError:
            continue
        return candidate
    return None


def import_file(
    project: Project,
    path: Path,
    shown: str,
    target: str,
    dry_run: bool = False,
    *,
    by_name: bool = False,
    force: bool = False,
) -> Imported:
    """Read ``path`` (shown as ``shown``) into the ``target`` translation; raises, writing
    nothing, if refused. ``by_name``: the target came from the file's name, not ``--lang``."""
    kind = format_of(path, shown)
    raw = read_capped(path, shown)
    received = read_po(raw, shown) if kind == "po" else read_xliff(raw, shown)
    exchange = _exchange(project, received, target, by_name)
    plan = _plan(received, exchange, force)
    written = write_plan(project, exchange, plan, dry_run)
    where = {p.handout: p.shown for p in exchange.parts}
    lines = []
    for change in plan.changes:
        done = ["updated"] if change.text is not None else []
        if change.current is not None:
            done.append("confirmed" if change.current else "left stale")
        lines.append(f"{where[change.unit.handout]}: {change.unit.field}: {', '.join(done)}")
    return Imported(
        exchange.language,
        tuple(lines),
        (*plan.notes, *written.notes),
        plan.updated,
        plan.confirmed,
        plan.stale,
        written.files,
    )


def _exchange(project: Project, received: Received, target: str, by_name: bool) -> Exchange:
    """The units the project has for the file's language and the handouts it names."""
    shown, tag = received.shown, received.language
    try:
        i18n.parse_tag(tag)
    except i18n.TagError:
        raise fail(
            shown,
            received.language_line,
            f"'{clipped(tag, 40)}' is not a language tag careleaf knows (such as es or pt-BR)",
        ) from None
    if tag.casefold() != target.casefold():
        said = f"its name says '{target}'" if by_name else f"--lang says '{target}'"
        raise fail(
            shown,
            received.language_line,
            f"the file says its language is '{tag}', but {said}; nothing was imported, so no "
            f"'{target}' translation was overwritten (if the file is {tag}, import it with "
            f"--lang {tag})",
        )
    known = project.handout_ids()
    named: dict[str, int] = {}
    for unit in received.units:
        handout = unit.key.split(":", 1)[0]
        if handout in known:
            named.setdefault(handout, unit.line)
    for handout, line in named.items():
        if not (project.content_file(handout, tag)).is_file():
            raise fail(
                shown,
                line,
                f"{handout} has no '{tag}' translation yet; start it with "
                f"careleaf translate init {tag} --handout {handout}",
            )
    chosen = list(named) or [h for h in known if (project.content_file(h, tag)).is_file()]
    if not chosen:
        raise fail(shown, received.language_line, f"no handout has a '{tag}' translation")
    exchange = collect(project, tag, chosen)
    if received.source_language and received.source_language != exchange.source_language:
        raise fail(
            shown,
            received.language_line,
            f"the file's source-language is '{received.source_language}', but the handouts "
            f"are written in '{exchange.source_language}'",
        )
    return exchange


def _plan(received: Received, exchange: Exchange, force: bool = False) -> Plan:
    """Check every unit, then decide what each changes; raises naming every problem."""
    expected = {u.key: u for u in exchange.units}
    handouts = {u.handout for u in exchange.units if u.handout}
    problems = Problems()
    seen: dict[str, int] = {}
    accepted: list[tuple[Incoming, Unit]] = []
    for unit in received.units:
        where = Location(received.shown, unit.line)
        key = _key(unit.key)
        if unit.key in seen:
            problems.add(where, f"'{key}' appears twice (first at line {seen[unit.key]})")
            continue
        seen[unit.key] = unit.line
        field = expected.get(unit.key)
        if field is None:
            prefix = unit.key.split(":", 1)[0]
            if prefix in handouts or prefix == STRINGS:
                problems.add(where, f"'{key}' matches no field of {prefix} (a typo?)")
            else:
                problems.add(where, f"'{key}' names no handout of this project")
            continue
        if normalize(unit.target):
            found = field.rule.check(unit.target)
            if found:
                problems.add(Location(received.shown, unit.target_line), f"'{key}' {found}")
                continue
        accepted.append((unit, field))
    if not force:
        for unit, field in accepted:
            if _older(unit, field):
                problems.add(
                    Location(received.shown, unit.line),
                    f"'{_key(unit.key)}' was translated from an older source text than the "
                    "current translation it would replace; import it with --force to take it "
                    "anyway (it is left stale), or export again and translate the source as it "
                    "is now",
                )
    problems.raise_if_any()
    plan = Plan()
    for unit, field in accepted:
        _decide(plan, unit, field, received.shown)
    return plan


def _older(unit: Incoming, field: Unit) -> bool:
    """Whether ``unit`` would replace a current translation with one of an older source."""
    return (
        field.handout is not None
        and field.state == CURRENT
        and normalize(unit.source) != field.source
        and bool(normalize(unit.target))
        and normalize(unit.target) != field.target
    )


def _decide(plan: Plan, unit: Incoming, field: Unit, shown: str) -> None:
    text = normalize(unit.target)
    if not text:
        return  # no translation offered: the field stays as it is
    changed = text != field.target
    if field.handout is None:  # a UI string: no fingerprint, so only a confirmed one is taken
        if changed and unit.confirmed:
            plan.set(field, text, None)
        elif changed:
            plan.notes.append(
                f"{Location(shown, unit.line)}: '{_key(unit.key)}' is not confirmed; UI strings "
                "have no stale state, so it was left out (confirm it in your tool)"
            )
        return
    confirmed = unit.confirmed and normalize(unit.source) == field.source
    if confirmed and (changed or field.state != CURRENT):
        plan.set(field, text if changed else None, True)
    elif not confirmed and (changed or field.state == STALE or not unit.confirmed):
        plan.set(field, text if changed else None, False)


def _key(key: str) -> str:
    return clipped(key)
