"""The whole project read and validated: which leaflets can be built, and every problem.

A broken file only takes out what depends on it: a bad language file stops
that language, a bad ``handout.yaml`` or an overdue review stops the whole
handout, a bad clinic profile stops everything. Problems from every file
are collected so one run lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel import Locale

from . import i18n
from .errors import ContentError, Location, Problem, Problems, UsageError
from .load import Document, load_file
from .model import Clinic, Content, Governance, UIStrings
from .project import GOVERNANCE_FILE, Project
from .validate import check_review, overdue_problem, to_model


@dataclass(frozen=True)
class Leaflet:
    """Everything needed to print one handout in one language."""

    handout: Governance
    content: Content
    strings: UIStrings
    locale: Locale
    tag: str
    overdue: bool
    content_doc: Document = field(repr=False)

    @property
    def output_name(self) -> str:
        return f"{self.tag}/{self.handout.id}.pdf"


@dataclass(frozen=True)
class Catalog:
    clinic: Clinic
    leaflets: tuple[Leaflet, ...]
    problems: tuple[Problem, ...]
    planned: int  # handout x language pairs selected, built or not


def read_catalog(
    project: Project,
    today: date,
    *,
    handouts: Iterable[str] = (),
    languages: Iterable[str] = (),
    allow_overdue: bool = False,
) -> Catalog:
    """Validate the selected handouts and languages of ``project`` as of ``today``."""
    wanted_ids = _select(project.handout_ids(), list(handouts), "handout")
    problems = Problems()
    clinic = _read_clinic(project)
    strings: dict[str, UIStrings | None] = {}
    leaflets: list[Leaflet] = []
    wanted_langs = set(languages)
    planned = sum(
        1
        for handout_id in wanted_ids
        for tag in project.language_files(handout_id)
        if not wanted_langs or tag in wanted_langs
    )
    for handout_id in wanted_ids:
        leaflets.extend(
            _read_handout(
                project, handout_id, today, wanted_langs, allow_overdue, strings, problems
            )
        )
    if wanted_langs and not planned:
        raise UsageError(f"no handout has language '{', '.join(sorted(wanted_langs))}'")
    return Catalog(clinic, tuple(leaflets), tuple(problems), planned)


def _select(known: list[str], wanted: list[str], what: str) -> list[str]:
    if not wanted:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listing = ", ".join(known) or "none"
        raise UsageError(f"no {what} '{unknown[0]}' (there are: {listing})")
    return [k for k in known if k in wanted]


def _read_clinic(project: Project) -> Clinic:
    path = project.clinic_file
    shown = project.show(path)
    if not path.is_file():
        raise ContentError(Problem(Location(shown), "clinic profile is missing"))
    clinic, problems = to_model(load_file(path, shown), Clinic)
    if clinic is None:
        raise ContentError(problems)
    return clinic


def _read_strings(
    project: Project, tag: str, cache: dict[str, UIStrings | None], problems: Problems
) -> UIStrings | None:
    if tag in cache:
        return cache[tag]
    path = project.strings_file(tag)
    shown = project.show(path)
    result: UIStrings | None = None
    if not path.is_file():
        problems.add(Location(shown), f"UI strings for '{tag}' are missing; create this file")
    else:
        try:
            doc = load_file(path, shown)
            result, found = to_model(doc, UIStrings)
            problems.extend(found)
            if result is not None:
                found = list(_check_strings(result, doc, tag))
                problems.extend(found)
                result = None if found else result
        except ContentError as exc:
            problems.extend(exc.problems)
    cache[tag] = result
    return result


def _check_strings(strings: UIStrings, doc: Document, tag: str) -> Iterable[Problem]:
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


def _read_handout(
    project: Project,
    handout_id: str,
    today: date,
    wanted_langs: set[str],
    allow_overdue: bool,
    strings: dict[str, UIStrings | None],
    problems: Problems,
) -> list[Leaflet]:
    folder = project.handout_dir(handout_id)
    gov_path = folder / GOVERNANCE_FILE
    gov_shown = project.show(gov_path)
    if not gov_path.is_file():
        problems.add(Location(project.show(folder)), f"handout folder has no {GOVERNANCE_FILE}")
        return []
    gov, gov_doc = _read_governance(gov_path, gov_shown, problems)
    ok = gov is not None and gov_doc is not None
    overdue = False
    if gov is not None and gov_doc is not None:
        if gov.id != handout_id:
            problems.add(
                gov_doc.where(("id",)), f"'id' is '{gov.id}' but the folder is '{handout_id}'"
            )
            ok = False
        review = check_review(gov, gov_doc, today)
        problems.extend(review.problems)
        overdue = review.overdue
        if review.problems or (overdue and not allow_overdue):
            ok = False
        if overdue and not allow_overdue:
            problems.extend([overdue_problem(gov, gov_doc)])
    files = project.language_files(handout_id)
    if gov is not None and gov_doc is not None and gov.source_language not in files:
        problems.add(
            gov_doc.where(("source_language",)),
            f"source language '{gov.source_language}' has no file {gov.source_language}.yaml",
        )
        ok = False
    leaflets = []
    for tag, path in files.items():
        if wanted_langs and tag not in wanted_langs:
            continue
        leaflet = _read_language(project, gov, tag, path, overdue, strings, problems)
        if leaflet is not None and ok:
            leaflets.append(leaflet)
    return leaflets


def _read_governance(
    path: Path, shown: str, problems: Problems
) -> tuple[Governance | None, Document | None]:
    try:
        doc = load_file(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None, None
    gov, found = to_model(doc, Governance)
    problems.extend(found)
    return gov, doc


def _read_language(
    project: Project,
    gov: Governance | None,
    tag: str,
    path: Path,
    overdue: bool,
    strings: dict[str, UIStrings | None],
    problems: Problems,
) -> Leaflet | None:
    shown = project.show(path)
    try:
        locale = i18n.parse_tag(tag)
    except i18n.TagError as exc:
        problems.add(Location(shown), f"file name: {exc}")
        return None
    try:
        doc = load_file(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    content, found = to_model(doc, Content)
    problems.extend(found)
    if content is not None and content.language != tag:
        problems.add(
            doc.where(("language",)),
            f"'language' is '{content.language}' but the file is named for '{tag}'",
        )
        content = None
    ui = _read_strings(project, tag, strings, problems)
    if gov is None or content is None or ui is None:
        return None
    return Leaflet(gov, content, ui, locale, tag, overdue, doc)
