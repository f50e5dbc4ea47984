"""How a build is asked for: the options, the shares of a split build, the output folder.

Kept apart from :mod:`careleaf.build.run` and free of heavy imports, so that the
command line and the no-op check can use them without loading the renderer.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from careleaf import clock
from careleaf.content.printing import LARGE_PRINT, STANDARD, VARIANTS
from careleaf.errors import UsageError
from careleaf.project import Choice, Project

#: Output folder of the bilingual leaflets that face language ``tag``.
BILINGUAL_FOLDER = "bilingual-{tag}"
#: Output folder of every print stamped "... - not for patient use", kept apart.
STAMPED_FOLDER = "not-for-patients"


@dataclass(frozen=True)
class BuildOptions:
    today: date
    out_dir: Path | None = None
    handouts: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    allow_overdue: bool = False
    drafts: bool = False  # also print draft and stale translations, marked as drafts
    write: bool = True  # False for `check`: render and measure, write nothing
    layout: bool = True  # False skips rendering entirely
    jobs: int = 1
    force: bool = False  # render even what the manifest says is up to date
    fail_fast: bool = False
    shard: tuple[int, int] | None = None  # (K, N): build the K-th of N shares
    paper: str | None = None  # overrides the clinic profile's paper size
    variant: str = STANDARD  # or LARGE_PRINT, into its own folder (see output_dir)
    bilingual: str | None = None  # pair each translation with this language's pages
    strict: bool = False  # a clinic warning is a problem: nothing is built

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise UsageError(f"unknown print variant '{self.variant}'")
        if self.bilingual and self.variant != STANDARD:
            raise UsageError(
                f"--bilingual pairs standard leaflets; it cannot be used with --variant "
                f"{self.variant}"
            )

    @property
    def planning(self) -> bool:
        """A build that writes as of another day than the real one (``--today``).

        It may only plan: every print it makes is stamped PLANNING COPY, and
        it leaves the patient-ready folder as it is. Judged against the clock
        each time, so no option can back-date a print for patients.
        """
        return self.write and self.today != clock.today()

    @property
    def choice(self) -> Choice:
        """The handouts and languages asked for (``--handout``, ``--lang``)."""
        return Choice(frozenset(self.handouts), frozenset(self.languages))

    @property
    def print_kind(self) -> str:
        """What the manifest calls this output: the variant, or bilingual with its language."""
        return f"bilingual-{self.bilingual}" if self.bilingual else self.variant


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; raises :class:`UsageError` otherwise."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard must be K/N such as 1/4, not '{text}'") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N")
    return k, n


def in_shard(output_name: str, shard: tuple[int, int] | None) -> bool:
    """Deterministic on every machine: by a CRC of the output name."""
    if shard is None:
        return True
    k, n = shard
    return zlib.crc32(output_name.encode("utf-8")) % n == k - 1


def output_dir(
    project: Project, options: BuildOptions, clinic_paper: str | None, stamped: bool = False
) -> Path:
    """The folder of one kind of print; every distinct print has its own.

    ``output/`` (or ``--out``; ``output/<profile>/`` for another clinic), then
    ``not-for-patients/`` for stamped prints (drafts, not signed off, changed,
    overdue), then the paper when it is not the clinic's own (``a4/``,
    ``letter/``), then ``large-print/`` or ``bilingual-<lang>/``. The common
    case stays short: ``output/en/muscle-spasm.pdf``.
    """
    folder = options.out_dir if options.out_dir is not None else project.output_dir
    if stamped:
        folder = folder / STAMPED_FOLDER
    if options.paper and options.paper != clinic_paper:
        folder = folder / options.paper.lower()
    if options.bilingual:
        return folder / BILINGUAL_FOLDER.format(tag=options.bilingual)
    return folder / LARGE_PRINT if options.variant == LARGE_PRINT else folder


def output_root(project: Project, options: BuildOptions) -> Path:
    """The folder that holds every print of a build (``output/`` or ``--out``)."""
    return options.out_dir if options.out_dir is not None else project.output_dir


def print_settings(options: BuildOptions) -> dict[str, object]:
    """The options that change how the same inputs print (part of every input key)."""
    return {"paper": options.paper, "variant": "pdf/ua-1", "print": options.print_kind}
