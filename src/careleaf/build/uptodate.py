"""The no-op check: is every PDF a build would make already made, from these very bytes?

A rebuild where nothing changed should cost a directory listing and a hash
of each file, not a YAML parse and a validation of each: with 100 leaflets
that is the difference between a tenth of a second and two. This module
answers "everything is up to date" only when it can prove it without
reading any file as YAML (beyond the clinic profile's language list), and
otherwise says "don't know", and the full build runs. It proves it, for
every output the build would plan, from the manifest entry that an earlier
build wrote for it:

- the input key (:mod:`careleaf.build.keys`: every file by its bytes, fonts,
  versions, print options) is the one recorded, so validation would
  conclude what it concluded then;
- the only conclusions that depend on the day still hold: the sign-off and
  approval are not in the future, and the review is overdue now exactly
  when the recorded stamps say so;
- the options allow the recorded stamps (``--drafts`` for a draft,
  ``--allow-overdue`` for an overdue review);
- no file or folder leads outside the project, and the PDF on disk has the
  recorded sha256.

It imports nothing heavy (no pydantic, Babel, Jinja2 or WeasyPrint).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from careleaf.build.keys import InputHasher, logo_asset
from careleaf.build.manifest import Entry, still_on_disk
from careleaf.build.options import BuildOptions, print_settings
from careleaf.build.outputs import OutputFolders
from careleaf.content.printing import output_name, paper_name
from careleaf.errors import CareleafError
from careleaf.governance.stamps import STAMP_OVERDUE as OVERDUE
from careleaf.governance.stamps import STAMP_PLANNING as PLANNING
from careleaf.project import GOVERNANCE_FILE, Choice, Project

if TYPE_CHECKING:
    from careleaf.build.report import BuildReport


@dataclass(frozen=True)
class UpToDate:
    """One output the no-op check proved unchanged."""

    shown: str
    entry: Entry


def build_or_prove(
    project: Project,
    options: BuildOptions,
    build: Callable[[Project, BuildOptions], BuildReport],
) -> BuildReport | list[UpToDate]:
    """Every planned output proven up to date, or else the report of ``build``.

    The decision every command that builds makes first: when nothing changed,
    the build is never loaded (careleaf.build.run, the models, the renderer).
    """
    current = unchanged(project, options)
    return current if current is not None else build(project, options)


def unchanged(project: Project, options: BuildOptions) -> list[UpToDate] | None:
    """Every planned output, if all are provably up to date; None when not sure."""
    if options.force or not options.write or not options.layout:
        return None
    if options.strict:  # the clinic profile must be read to know it has no warning
        return None
    if options.bilingual or options.shard:  # rare enough to leave to the full build
        return None
    try:
        return _check(project, options)
    except (CareleafError, OSError, KeyError, TypeError, ValueError):
        return None  # anything unexpected: the full build will say what it is


def _check(project: Project, options: BuildOptions) -> list[UpToDate] | None:
    clinic = project.load(project.clinic_file).data  # refuses a profile outside the project
    if not isinstance(clinic, dict):
        return None
    folders = OutputFolders(project, options, str(paper_name(clinic.get("paper_size", "A4"))))
    managed = [folder == folders.stamped for folder in folders.managed]
    if not any(folders.manifest(stamped) for stamped in managed):
        return None
    logo = clinic.get("logo")
    hasher = InputHasher(
        project,
        print_settings(options),
        logo_asset(project.root, logo.get("file") if isinstance(logo, dict) else None),
    )
    choice = Choice(languages=frozenset(options.languages or clinic.get("languages") or ()))
    known = project.handout_ids()
    wanted = list(options.handouts) or known
    if any(h not in known for h in wanted):
        return None  # the full build says which is unknown
    found: dict[str, tuple[bool, UpToDate]] = {}
    for handout_id in wanted:
        folder = project.handout_dir(handout_id)
        if not project.contains(folder) or not (folder / GOVERNANCE_FILE).is_file():
            return None
        tags = list(choice.language_files(project, handout_id))
        if not tags:
            return None
        for tag in tags:
            name = output_name(tag, handout_id)
            stamped = next((s for s in managed if name in folders.manifest(s)), None)
            if stamped is None:
                return None
            entry = folders.manifest(stamped)[name]
            if entry["patient_ready"] == stamped:
                return None  # in the wrong folder: the full build moves it
            if not _trusted(project, hasher, options, handout_id, tag, entry):
                return None
            pdf = folders.folder(stamped) / name
            if still_on_disk(pdf, entry) is None:
                return None
            found[name] = (stamped, UpToDate(project.show(pdf), entry))
    # Anything else the build answers for would be taken away: not a no-op.
    for stamped in managed:
        for name in folders.manifest(stamped):
            in_reach = folders.in_scope(name) and choice.has_language(name.split("/")[0])
            if in_reach and found.get(name, (not stamped,))[0] != stamped:
                return None
    return [up_to_date for _, up_to_date in found.values()]


def _trusted(
    project: Project,
    hasher: InputHasher,
    options: BuildOptions,
    handout_id: str,
    tag: str,
    entry: Entry,
) -> bool:
    source = str(entry["source_language"])
    if not all(hasher.inside(p) for p in hasher.files(handout_id, tag, source)):
        return False
    fonts = tuple(str(f) for f in entry["fonts"])
    if hasher.key(handout_id, tag, source, fonts) != entry["input_hash"]:
        return False
    today: date = options.today
    if entry["valid_from"] and today < date.fromisoformat(entry["valid_from"]):
        return False  # the sign-off or approval would now lie in the future
    stamps = list(entry["stamps"])
    review = entry["review"]
    overdue = review is not None and today > date.fromisoformat(review["next_review_due"])
    if overdue != (OVERDUE in stamps):
        return False
    if overdue and not options.allow_overdue:
        return False
    if (PLANNING in stamps) != options.planning:
        return False
    if options.planning and not (options.drafts or options.allow_overdue):
        return False
    return options.drafts or all(stamp in (OVERDUE, PLANNING) for stamp in stamps)
