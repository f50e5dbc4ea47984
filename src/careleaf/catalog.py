"""The whole project read and validated: which leaflets can be built, and every problem.

A broken file only takes out what depends on it: a bad language file stops
that language, a bad ``handout.yaml`` or an overdue review stops the whole
handout, a bad clinic profile stops everything. Problems from every file
are collected so one run lists them all; :mod:`careleaf.reader` reads each
handout, :mod:`careleaf.readiness` decides what may print for patients.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .errors import ContentError, Location, Problem, UsageError
from .leaflet import Leaflet, Skipped
from .load import Document
from .logo import LogoError, read_logo
from .model import DEFAULT_REVIEW_INTERVAL_MONTHS, Clinic
from .project import Project
from .reader import HandoutReader, Selection
from .validate import to_model


@dataclass(frozen=True)
class Catalog:
    clinic: Clinic | None  # None when the profile is broken: then nothing is buildable
    leaflets: tuple[Leaflet, ...]
    problems: tuple[Problem, ...]
    planned: tuple[str, ...]  # output names of every handout x language selected
    skipped: tuple[Skipped, ...] = ()
    unchecked: tuple[Skipped, ...] = ()  # files not checked because one they need is broken
    languages: frozenset[str] = frozenset()  # the languages read (empty: every one)
    #: What the clinic profile should double-check (see :func:`clinic_warnings`),
    #: from the same reading of the profile as ``clinic``.
    warnings: tuple[Problem, ...] = ()


def read_catalog(
    project: Project,
    today: date,
    *,
    handouts: Iterable[str] = (),
    languages: Iterable[str] = (),
    allow_overdue: bool = False,
    drafts: bool = False,
    also: Iterable[str] = (),
    signing: bool = False,
    planning: bool = False,
) -> Catalog:
    """Validate the selected handouts and languages of ``project`` as of ``today``.

    Languages in ``also`` are read whatever the selection (a bilingual leaflet's
    facing language, say). With ``planning`` (a build as of another day than
    today), every leaflet is stamped PLANNING COPY.
    """
    wanted_ids = select(project.handout_ids(), list(handouts), "handout")
    clinic, clinic_problems, clinic_doc = _load_clinic(project)
    # The clinic's own language list applies unless the command line names languages.
    chosen = frozenset(languages) or frozenset(clinic.languages if clinic else ())
    if chosen:
        chosen |= frozenset(also)
    interval = clinic.review_interval_months if clinic else DEFAULT_REVIEW_INTERVAL_MONTHS
    selection = Selection(today, chosen, allow_overdue, drafts, interval, signing, planning)
    reader = HandoutReader(project, selection)
    planned = tuple(
        f"{tag}/{handout_id}.pdf"
        for handout_id in wanted_ids
        for tag in project.language_files(handout_id)
        if not selection.languages or tag in selection.languages
    )
    if selection.languages and not planned:
        raise UsageError(f"no handout has language '{', '.join(sorted(selection.languages))}'")
    for handout_id in wanted_ids:
        reader.read_handout(handout_id)
    reader.problems.extend(clinic_problems)
    leaflets = tuple(reader.leaflets) if clinic is not None else ()
    return Catalog(
        clinic,
        leaflets,
        tuple(reader.problems),
        planned,
        tuple(reader.skipped),
        tuple(reader.unchecked),
        chosen,
        _warnings(clinic, clinic_doc),
    )


def select(known: list[str], wanted: list[str], what: str) -> list[str]:
    if not wanted:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listing = ", ".join(known) or "none"
        raise UsageError(f"no {what} '{unknown[0]}' (there are: {listing})")
    return [k for k in known if k in wanted]


def clinic_warnings(project: Project) -> list[Problem]:
    """What the clinic profile should double-check: overrides libphonenumber does not know.

    Warnings, not problems: commands print them and go on; ``build --strict``
    and ``check --strict`` fail on them. A broken profile gives none (its
    problems are reported by the build). A build takes them from its own
    reading of the profile (:attr:`Catalog.warnings`).
    """
    clinic, _, doc = _load_clinic(project)
    return list(_warnings(clinic, doc))


def _warnings(clinic: Clinic | None, doc: Document | None) -> tuple[Problem, ...]:
    if clinic is None or doc is None:
        return ()
    return tuple(Problem(doc.where((key,)), message) for key, message in clinic.number_warnings())


def _load_clinic(project: Project) -> tuple[Clinic | None, list[Problem], Document | None]:
    path = project.clinic_file
    if not path.is_file():
        return None, [Problem(Location(project.show(path)), "clinic profile is missing")], None
    try:
        doc = project.load(path)
    except ContentError as exc:
        return None, list(exc.problems), None
    clinic, problems = to_model(doc, Clinic)
    if clinic is not None and clinic.logo is not None:
        try:
            read_logo(project.root, clinic.logo)
        except LogoError as exc:
            return None, [Problem(doc.where(("logo", "file")), str(exc))], doc
    return clinic, problems, doc
