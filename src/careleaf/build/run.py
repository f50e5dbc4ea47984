"""Orchestration: plan the outputs, render what changed (in parallel), write the good ones.

Each leaflet is rendered, measured and turned into PDF bytes in memory; only
a leaflet that passed every check is written, once, atomically, by this
module. A failing leaflet never stops the others (unless ``fail_fast``) and
never leaves a file behind. An output whose inputs and file are unchanged
since the manifest recorded them is reported up to date and not rendered.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from careleaf.build import keys as inputs
from careleaf.build.keys import InputHasher
from careleaf.build.manifest import still_on_disk
from careleaf.build.options import BuildOptions, in_shard, print_settings
from careleaf.build.outputs import Made, OutputFolders, Removed
from careleaf.build.pool import render_all
from careleaf.build.report import BuildReport, Built
from careleaf.catalog.bilingual import pair
from careleaf.catalog.catalog import read_catalog
from careleaf.catalog.leaflet import Leaflet
from careleaf.content.model import Clinic
from careleaf.errors import CareleafError, Problem, UsageError
from careleaf.files.write import remove_stale_temporaries, write_atomic
from careleaf.project import Choice, Project
from careleaf.render.fonts import installed_files, stack_for
from careleaf.render.prints import Rendered


def build(
    project: Project,
    options: BuildOptions,
    on_built: Callable[[Built], None] = lambda built: None,
    on_start: Callable[[int], None] = lambda total: None,
) -> BuildReport:
    """Build (or, with ``write=False``, check) every selected leaflet of ``project``.

    ``on_start`` hears how many leaflets there are to make (or find up to date)
    before the first one is; ``on_built`` hears of each as it is done.
    """
    catalog = read_catalog(
        project,
        options.today,
        handouts=options.handouts,
        languages=options.languages,
        allow_overdue=options.allow_overdue,
        drafts=options.drafts,
        also=(options.bilingual,) if options.bilingual else (),
        planning=options.planning,
    )
    chosen, skips, names = catalog.leaflets, catalog.skipped, catalog.planned
    if options.bilingual:
        if not any(name.startswith(f"{options.bilingual}/") for name in catalog.planned):
            raise UsageError(f"--bilingual {options.bilingual}: no handout has that language")
        paired = pair(catalog, options.bilingual)
        chosen, skips, names = paired.leaflets, paired.skipped, paired.planned
    leaflets = [lf for lf in chosen if in_shard(lf.output_name, options.shard)]
    skipped = tuple(s for s in skips if in_shard(s.output_name, options.shard))
    planned = sum(in_shard(name, options.shard) for name in names)
    problems = list(catalog.problems)
    built: list[Built] = []
    removed: list[Removed] = []
    clinic = catalog.clinic
    warnings = catalog.warnings
    if options.strict and warnings:
        problems.extend(warnings)
        clinic, leaflets = None, []  # nothing is built, nothing taken away
    if clinic is not None:
        folders = OutputFolders(project, options, clinic.paper_size)
        if options.write:
            for folder in folders.managed:
                remove_stale_temporaries(folder, time.time())
        if options.paper:
            clinic = clinic.model_copy(update={"paper_size": options.paper})
        if options.layout and leaflets:
            on_start(len(leaflets))
            run = _Run(project, options, clinic, folders)
            for result in run.results(leaflets):
                if isinstance(result, Built):
                    built.append(result)
                    on_built(result)
                else:
                    problems.extend(result)
                    if options.fail_fast:
                        break
        if options.write:
            done = {b.leaflet.output_name for b in built}
            skip_reasons = {s.output_name: s.reason for s in skipped}
            removed = folders.settle(
                (
                    Made(b.leaflet.output_name, not b.leaflet.patient_ready, b.manifest_entry())
                    for b in built
                ),
                skip_reasons,
                kept=[n for n in names if n not in done and n not in skip_reasons],
                languages=Choice(languages=catalog.languages).has_language,
                withdrawn={
                    w.output_name: w.reason
                    for w in catalog.withdrawn
                    if in_shard(w.output_name, options.shard)
                },
            )
    passed = len(built) if options.layout else len(leaflets)
    unchecked = tuple(u for u in catalog.unchecked if in_shard(u.output_name, options.shard))
    return BuildReport(
        tuple(built),
        planned,
        passed,
        tuple(sorted(set(problems))),
        skipped,
        unchecked,
        tuple(removed),
        warnings,
        held_back=bool(options.strict and warnings),
    )


def logo_asset(project: Project, clinic: Clinic) -> tuple[Path, ...]:
    return inputs.logo_asset(project.root, clinic.logo.file if clinic.logo else None)


class _Run:
    """One build's rendering: the cache check, then serial or parallel rendering."""

    def __init__(
        self, project: Project, options: BuildOptions, clinic: Clinic, folders: OutputFolders
    ) -> None:
        self.project = project
        self.options = options
        self.clinic = clinic
        self.folders = folders
        self.hasher = InputHasher(project, print_settings(options), logo_asset(project, clinic))
        self._fonts: dict[tuple[str, ...], tuple[str, ...]] = {}

    def fonts(self, leaflet: Leaflet) -> tuple[str, ...]:
        """The installed files of the language's font stack (asked once per stack)."""
        families = stack_for(leaflet.locale).families
        if families not in self._fonts:
            self._fonts[families] = tuple(f for fam in families for f in installed_files(fam))
        return self._fonts[families]

    def key(self, leaflet: Leaflet) -> str:
        companion = leaflet.companion
        return self.hasher.key(
            leaflet.handout.id,
            leaflet.tag,
            leaflet.handout.source_language,
            self.fonts(leaflet),
            self.key(companion) if companion is not None else None,
        )

    def results(self, leaflets: list[Leaflet]) -> Iterator[Built | tuple[Problem, ...]]:
        todo: list[tuple[Leaflet, str]] = []
        for leaflet in leaflets:
            key = self.key(leaflet)
            cached = None if self.options.force else self._cached(leaflet, key)
            if cached is not None:
                yield cached
            else:
                todo.append((leaflet, key))
        keys = dict((lf.output_name, key) for lf, key in todo)
        by_name = {lf.output_name: lf for lf, _ in todo}
        rendered_all = render_all(
            self.project,
            self.clinic,
            [lf for lf, _ in todo],
            jobs=self.options.jobs,
            variant=self.options.variant,
            today=self.options.today,
            bilingual=self.options.bilingual is not None,
        )
        for result in rendered_all:
            if isinstance(result, Rendered):
                leaflet = by_name[result.output_name]
                try:
                    yield self._finish(leaflet, result, keys[result.output_name])
                except CareleafError as exc:
                    yield exc.problems
            else:
                yield result

    def _cached(self, leaflet: Leaflet, key: str) -> Built | None:
        stamped = not leaflet.patient_ready
        # A check measures the fit, which no stamp changes: any folder's entry will do.
        where = (stamped,) if self.options.write else (stamped, not stamped)
        for folder_stamped in where:
            entry = self.folders.manifest(folder_stamped).get(leaflet.output_name)
            if not entry or entry.get("input_hash") != key:
                continue
            # Same bytes, but judged on another day: a stamp may come or go (overdue, say).
            if self.options.write and entry["stamps"] != list(leaflet.printed_stamps):
                continue
            path = self.folders.folder(folder_stamped) / leaflet.output_name
            data = still_on_disk(path, entry)
            if data is None:
                continue  # gone, or edited or damaged by hand: print it again
            return Built(
                leaflet,
                self.project.show(path),
                int(entry["pages"]),
                dict(entry["body_pt"]),
                entry["sha256"],
                len(data),
                key,
                up_to_date=True,
                variant=self.options.print_kind,
                printed_on=str(entry["printed_on"]),
                fonts=self.fonts(leaflet),
                layouts=int(entry["layouts"]),
                path=path,
            )
        return None

    def _finish(self, leaflet: Leaflet, rendered: Rendered, key: str) -> Built:
        target = self.folders.folder(not leaflet.patient_ready) / leaflet.output_name
        shown = self.project.show(target)
        if self.options.write:
            write_atomic(target, rendered.data, shown)
        return Built(
            leaflet,
            shown,
            rendered.pages,
            rendered.body_pt,
            rendered.sha256,
            len(rendered.data),
            key,
            variant=self.options.print_kind,
            printed_on=self.options.today.isoformat(),
            fonts=self.fonts(leaflet),
            layouts=rendered.layouts,
            path=target if self.options.write else None,
        )
