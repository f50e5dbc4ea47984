"""Rendering a batch of leaflets: in this process, or in a pool of worker processes.

Each process holds one :class:`~careleaf.render.prints.Worker`, made once by the
pool's initializer, so WeasyPrint, the stylesheets and the font configuration
load once per process, not once per leaflet. Every result comes back as
:class:`~careleaf.render.prints.Rendered` bytes or as the leaflet's problems, in the
order the leaflets finish; bad input never raises out of a worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from datetime import date

from careleaf.build.lifeline import end_with_build
from careleaf.catalog.leaflet import Leaflet
from careleaf.content.model import Clinic
from careleaf.content.printing import STANDARD
from careleaf.errors import CareleafError, Problem
from careleaf.project import Project
from careleaf.render.prints import Rendered, Worker


def render_all(
    project: Project,
    clinic: Clinic,
    leaflets: Sequence[Leaflet],
    *,
    jobs: int,
    variant: str,
    today: date,
    bilingual: bool = False,
) -> Iterator[Rendered | tuple[Problem, ...]]:
    """Each leaflet rendered, or its problems, in ``jobs`` processes (1: this one)."""
    if not leaflets:
        return
    jobs = max(1, min(jobs, len(leaflets)))
    if jobs == 1:
        try:
            worker = Worker(project, clinic.paper_size, variant, today, bilingual)
        except CareleafError as exc:
            yield exc.problems
            return
        for leaflet in leaflets:
            try:
                yield worker.make(leaflet, clinic)
            except CareleafError as exc:
                yield exc.problems
        return
    # The build's pid goes to each worker, so that it ends with the build even
    # when the build is killed outright.
    initargs = (project, clinic.paper_size, variant, today, bilingual, os.getpid())
    with ProcessPoolExecutor(jobs, initializer=start_process, initargs=initargs) as pool:
        pending = {pool.submit(render_in_process, lf, clinic) for lf in leaflets}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()


_worker: Worker | None = None
_worker_error: CareleafError | None = None


def start_process(
    project: Project,
    paper: str,
    variant: str = STANDARD,
    printed_on: date | None = None,
    bilingual: bool = False,
    build: int | None = None,
) -> None:
    """Pool initializer: this process's :class:`Worker`, in a process that ends with ``build``.

    ``build`` is the pid of the build that started the pool; see :mod:`careleaf.build.lifeline`.
    """
    global _worker, _worker_error
    if build is not None:
        end_with_build(build)
    try:
        _worker = Worker(project, paper, variant, printed_on, bilingual)
    except CareleafError as exc:  # reported with each task rather than breaking the pool
        _worker_error = exc


def render_in_process(leaflet: Leaflet, clinic: Clinic) -> Rendered | tuple[Problem, ...]:
    """Pool task: the rendered leaflet, or its problems (never an exception for bad input)."""
    if _worker is None:
        assert _worker_error is not None
        return _worker_error.problems
    try:
        return _worker.make(leaflet, clinic)
    except CareleafError as exc:
        return exc.problems
