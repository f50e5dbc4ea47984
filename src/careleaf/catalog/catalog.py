"""The whole project read and validated: which leaflets can be built, and every problem.

A broken file only takes out what depends on it: a bad language file stops
that language, a bad ``handout.yaml`` or an overdue review stops the whole
handout, a bad clinic profile stops everything. Problems from every file
are collected so one run lists them all; :mod:`careleaf.catalog.reader` reads each
handout, :mod:`careleaf.governance.release` decides what may print for patients.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from careleaf import clock
from careleaf.catalog.leaflet import Leaflet, Skipped
from careleaf.catalog.reader import HandoutReader, Selection
from careleaf.content.logo import LogoError, read_logo
from careleaf.content.model import DEFAULT_REVIEW_INTERVAL_MONTHS, Clinic
from careleaf.content.printing import output_name
from careleaf.content.validate import to_model
from careleaf.errors import ContentError, Location, Problem, UsageError, quoted
from careleaf.files.strict_yaml import Document
from careleaf.governance.clinic import KEY as CONFIRMED_KEY
from careleaf.governance.clinic import (
    ClinicState,
    clinic_state,
    emergency_accepted,
    emergency_message,
    emergency_unknown,
)
from careleaf.governance.release import Verdict
from careleaf.governance.stamps import STAMP_CLINIC
from careleaf.project import Project


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
    #: Outputs that may no longer stay patient-ready, with why (a review now overdue).
    withdrawn: tuple[Skipped, ...] = ()


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
    profile = load_clinic(project)
    clinic, clinic_problems, clinic_doc = profile.clinic, profile.problems, profile.doc
    # The clinic's own language list applies unless the command line names languages.
    chosen = frozenset(languages) or frozenset(clinic.languages if clinic else ())
    if chosen:
        chosen |= frozenset(also)
    interval = clinic.review_interval_months if clinic else DEFAULT_REVIEW_INTERVAL_MONTHS
    selection = Selection(today, chosen, allow_overdue, drafts, interval, signing, planning)
    reader = HandoutReader(project, selection, clinic_verdict(profile))
    planned = tuple(
        output_name(tag, handout_id)
        for handout_id in wanted_ids
        for tag in selection.choice.language_files(project, handout_id)
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
        tuple(reader.withdrawn),
    )


def clinic_verdict(profile: ClinicProfile) -> Verdict:
    """The stamp every print for this clinic carries until its details are confirmed."""
    if profile.state is None or profile.state.confirmed:
        return Verdict()
    return Verdict((STAMP_CLINIC,), (profile.state.describe(profile.shown),))


def select(known: list[str], wanted: list[str], what: str) -> list[str]:
    if not wanted:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listing = ", ".join(known) or "none"
        raise UsageError(f"no {what} {quoted(unknown[0])} (there are: {listing})")
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


@dataclass(frozen=True)
class ClinicProfile:
    """The clinic profile as read: the model (None when broken), its problems, and what
    its confirmation says of it."""

    clinic: Clinic | None
    problems: list[Problem]
    doc: Document | None
    state: ClinicState | None = None
    shown: str = ""


def load_clinic(project: Project, *, confirming: bool = False) -> ClinicProfile:
    """Read and check the clinic profile, and judge it against its confirmation.

    An emergency number libphonenumber does not know is a problem unless the
    confirmation accepted it (``confirming``: a confirmation is about to be
    written, which may accept it).
    """
    path = project.clinic_file
    shown = project.show(path)
    if not path.is_file():
        return ClinicProfile(None, [Problem(Location(shown), "clinic profile is missing")], None)
    try:
        doc = project.load(path)
    except ContentError as exc:
        return ClinicProfile(None, list(exc.problems), None)
    clinic, problems = to_model(doc, Clinic)
    if clinic is None:
        return ClinicProfile(None, problems, doc)
    logo = None
    if clinic.logo is not None:
        try:
            logo = read_logo(project.root, clinic.logo)
        except LogoError as exc:
            return ClinicProfile(None, [Problem(doc.where(("logo", "file")), str(exc))], doc)
    record = clinic.confirmed
    if record is not None and record.confirmed_on > clock.today() and not confirming:
        where = doc.where((CONFIRMED_KEY, "confirmed_on"))
        message = f"'confirmed.confirmed_on' ({record.confirmed_on}) is in the future"
        return ClinicProfile(None, [Problem(where, message)], doc)
    if emergency_unknown(clinic) and not emergency_accepted(clinic) and not confirming:
        key = "emergency_number" if clinic.emergency_number else "region"
        problem = Problem(doc.where((key,)), emergency_message(clinic))
        return ClinicProfile(None, [problem], doc)
    return ClinicProfile(clinic, problems, doc, clinic_state(clinic, logo), shown)


def _load_clinic(project: Project) -> tuple[Clinic | None, list[Problem], Document | None]:
    profile = load_clinic(project)
    return profile.clinic, profile.problems, profile.doc
