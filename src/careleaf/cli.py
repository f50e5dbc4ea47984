"""The command line: parse, call the library, print. No logic lives here.

Exit codes are decided in one place, :class:`CareleafGroup`: 0 success,
1 a content or build problem, 2 a usage error. Expected errors print as
``path:line:col: message`` lines; only a bug shows a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__
from .build import BuildOptions, BuildReport, Built, build
from .errors import CareleafError, UsageError
from .project import Project
from .scaffold import scaffold_handout


class Failure(click.ClickException):
    """A :class:`CareleafError` on its way out: every problem, then a count."""

    def __init__(self, error: CareleafError, summary: str = "") -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code  # type: ignore[misc]
        self.count = len(error.problems)
        self.summary = summary

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)
        plural = "problem" if self.count == 1 else "problems"
        lead = f"{self.summary}; " if self.summary else ""
        click.echo(f"careleaf: {lead}{self.count} {plural} found", err=True)


class CareleafGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except CareleafError as exc:
            raise Failure(exc) from None


class IsoDate(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                pass
        self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)


project_argument = click.argument(
    "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path)
)
today_option = click.option(
    "--today",
    type=IsoDate(),
    default=None,
    help="Judge review dates as of this day instead of the real date (for tests and planning).",
)
select_options = [
    click.option(
        "--handout", "handouts", multiple=True, metavar="ID", help="Only this handout (repeatable)."
    ),
    click.option(
        "--lang",
        "languages",
        multiple=True,
        metavar="TAG",
        help="Only this language, a BCP 47 tag such as en or pt-BR (repeatable).",
    ),
    click.option(
        "--allow-overdue",
        is_flag=True,
        help="Build handouts whose review is overdue, marked 'REVIEW OVERDUE - not "
        "for patient use' on every page (for the review meeting).",
    ),
    today_option,
]


F = TypeVar("F", bound=Callable[..., Any])


def _with(options: list[Any]) -> Callable[[F], F]:
    def wrap(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return wrap


@click.group(cls=CareleafGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="careleaf")
def cli() -> None:
    """careleaf turns handout content (YAML) into print-ready three-page PDF leaflets.

    Each leaflet has one page each for home care, warning signs and prevention,
    and every page carries the disclaimer and the review dates. Content whose
    review is overdue is refused.
    """


@cli.command("build")
@project_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write PDFs and manifest.json here instead of PROJECT_DIR/output.",
)
@_with(select_options)
def build_command(project_dir: Path, out_dir: Path | None, **selection: Any) -> None:
    """Build every handout and language into output/<lang>/<handout-id>.pdf.

    Also writes output/manifest.json (pages, sha256 and review dates per PDF).
    A handout with any problem gets no PDF; the others are still built.
    """
    project = Project.open(project_dir)
    options = _options(selection, out_dir=out_dir)
    report = build(project, options, on_built=_print_built)
    _finish(report, "built")


@cli.command("check")
@project_argument
@click.option(
    "--no-layout", is_flag=True, help="Only validate the files; skip the page-fit check (faster)."
)
@_with(select_options)
def check_command(project_dir: Path, no_layout: bool, **selection: Any) -> None:
    """Validate every handout without writing any file.

    Lists every problem in every file as path:line:col: message. Unless
    --no-layout is given, each leaflet is also laid out in memory to prove
    every section fits its page.
    """
    project = Project.open(project_dir)
    options = _options(selection, write=False, layout=not no_layout)
    report = build(project, options)
    _finish(report, "checked" if not no_layout else "validated")


@cli.command("new")
@click.argument("handout_id")
@click.option(
    "--project",
    "project_dir",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The project folder.",
)
@click.option(
    "--lang",
    default="en",
    show_default=True,
    metavar="TAG",
    help="Language of the first content file.",
)
def new_command(handout_id: str, project_dir: Path, lang: str) -> None:
    """Create handouts/HANDOUT_ID/ with every required field, ready to fill in.

    Then run `careleaf check` to see what is still to be written.
    """
    project = Project.open(project_dir)
    for path in scaffold_handout(project, handout_id, lang):
        click.echo(f"created {project.show(path)}")
    click.echo("Fill in the empty fields, then run: careleaf check")


def _options(selection: dict[str, Any], **extra: Any) -> BuildOptions:
    return BuildOptions(
        today=selection.pop("today") or date.today(),
        handouts=tuple(selection.pop("handouts")),
        languages=tuple(selection.pop("languages")),
        allow_overdue=selection.pop("allow_overdue"),
        **extra,
    )


def _print_built(built: Built) -> None:
    sizes = "/".join(f"{pt:g}" for pt in built.body_pt.values())
    note = "  REVIEW OVERDUE" if built.leaflet.overdue else ""
    click.echo(
        f"built {built.shown}  {built.pages} pages, body {sizes} pt, "
        f"{built.size / 1024:.0f} KiB{note}"
    )


def _finish(report: BuildReport, verb: str) -> None:
    failed = report.planned - report.passed
    summary = f"{report.passed} {verb}, {failed} failed"
    if report.problems:
        raise Failure(CareleafError(report.problems), summary)
    click.echo(f"careleaf: {summary}")


def main() -> NoReturn:
    cli.main(prog_name="careleaf")
    raise SystemExit(0)  # pragma: no cover - click exits itself
