"""The output folders: where each print goes, and each manifest listing exactly its folder.

A build writes patient-ready PDFs to one folder and stamped ones (any stamp
"... - not for patient use") to another (:func:`careleaf.build.options.output_dir`),
so a stamped print never replaces or sits among patient-ready ones. After
writing, it settles each folder it manages: a PDF the build no longer makes
there (a translation that went stale, a handout or language removed, a
leaflet that moved between the folders) is removed and reported, and the
manifest is rewritten to list exactly the PDFs left. A leaflet that failed
keeps its earlier PDF. Outputs outside the build's selection (``--handout``,
``--lang``, ``--shard``) are left as they are. The stamped folder is managed
only by a build that may print stamped leaflets (``--drafts`` or
``--allow-overdue``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from careleaf import __version__
from careleaf.build.manifest import MANIFEST, Entries, Entry, read_manifest, write_manifest
from careleaf.build.options import BuildOptions, in_shard, output_dir
from careleaf.content.printing import parse_output_name
from careleaf.errors import ContentError
from careleaf.project import Project


@dataclass(frozen=True)
class Removed:
    """A PDF a build took away, and why."""

    shown: str
    reason: str


@dataclass(frozen=True)
class Made:
    """A PDF the build made (or found up to date): its folder and its manifest entry."""

    name: str
    stamped: bool
    entry: Entry


class OutputFolders:
    """The patient-ready and the stamped folder of one build, and their manifests."""

    def __init__(self, project: Project, options: BuildOptions, clinic_paper: str | None) -> None:
        self.project = project
        self.options = options
        self.patient = output_dir(project, options, clinic_paper)
        self.stamped = output_dir(project, options, clinic_paper, stamped=True)
        self._manifests: dict[Path, Entries] = {}

    def folder(self, stamped: bool) -> Path:
        return self.stamped if stamped else self.patient

    @property
    def managed(self) -> tuple[Path, ...]:
        """The folders this build answers for."""
        options = self.options
        if options.planning:  # as of another day: nothing patient-ready is made or taken away
            return (self.stamped,)
        allowed = options.drafts or options.allow_overdue
        return (self.patient, self.stamped) if allowed else (self.patient,)

    def manifest(self, stamped: bool) -> Entries:
        """The entries recorded in a folder (read once, checked against the schema)."""
        folder = self.folder(stamped)
        if folder not in self._manifests:
            try:
                entries = read_manifest(folder, self.project.show(folder / MANIFEST))
            except ContentError:
                if not self.options.force:
                    raise
                entries = {}  # --force: a bad manifest is written anew
            self._manifests[folder] = entries
        return self._manifests[folder]

    def in_scope(self, name: str) -> bool:
        """Whether this build's selection covers output ``name`` (``<lang>/<handout>.pdf``)."""
        tag, handout_id = parse_output_name(name)
        choice = self.options.choice
        return (
            choice.has_handout(handout_id)
            and choice.has_language(tag)
            and in_shard(name, self.options.shard)
        )

    def settle(
        self,
        made: Iterable[Made],
        skipped: Mapping[str, str],
        kept: Iterable[str],
        languages: Callable[[str], bool] = lambda tag: True,
        withdrawn: Mapping[str, str] | None = None,
    ) -> list[Removed]:
        """Remove what the build no longer makes; write each managed folder's manifest.

        ``skipped`` maps an output the build did not print to the reason;
        ``kept`` are outputs that failed or were not checked (their earlier
        PDF stays); ``languages`` says whether a language was read at all (a
        clinic's language list leaves the others alone); ``withdrawn`` maps
        an output that may not stay patient-ready (its review is overdue) to
        the reason, failed or not.
        """
        withdrawn = withdrawn or {}
        made = list(made)
        kept = set(kept)
        removed: list[Removed] = []
        for folder in self.managed:
            stamped = folder == self.stamped
            here = {m.name: m.entry for m in made if m.stamped == stamped}
            elsewhere = {m.name for m in made if m.stamped != stamped}  # in the other folder now
            entries: Entries = {}
            for name, entry in self.manifest(stamped).items():
                pdf = folder / name
                if not pdf.is_file() or name in here:
                    continue
                # A review that became overdue ends a patient-ready copy, even when the build
                # refuses the handout (a failed leaflet otherwise keeps its earlier PDF).
                overdue = not stamped and name in withdrawn
                made_elsewhere = any(m.name == name for m in made) and name not in elsewhere
                if not overdue and (
                    name in kept
                    or made_elsewhere
                    or not self.in_scope(name)
                    or not languages(name.split("/")[0])
                ):
                    entries[name] = entry
                    continue
                moved = f"now printed as {self.project.show(self.folder(not stamped) / name)}"
                if overdue:
                    reason = withdrawn[name] + (f"; {moved}" if name in elsewhere else "")
                elif name in skipped:
                    reason = skipped[name]
                elif name in elsewhere:
                    reason = moved
                else:
                    reason = "no longer in the project (its handout or language file is gone)"
                with contextlib.suppress(FileNotFoundError):
                    pdf.unlink()
                _prune(pdf.parent, folder)
                removed.append(Removed(self.project.show(pdf), reason))
            entries.update(here)
            if entries != self.manifest(stamped) or (self.options.shard and not entries):
                self._write(folder, entries)
        return removed

    def _write(self, folder: Path, entries: Entries) -> None:
        target = folder / MANIFEST
        if entries or self.options.shard:  # a shard writes its manifest even when empty
            write_manifest(folder, entries, f"careleaf {__version__}", self.project.show(target))
        elif target.exists():
            target.unlink()
            _prune(folder, folder.parent)


def _prune(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents up to ``stop`` while they are empty."""
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
