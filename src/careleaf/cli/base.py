"""What every command shares: the group, the exit-code mapping and the common options.

Exit codes are decided in one place, :class:`CareleafGroup`: 0 success,
1 a content or build problem, 2 a usage error. Expected errors print as
``path:line:col: message`` lines; only a bug shows a traceback.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from careleaf import __version__
from careleaf.errors import CareleafError, UsageError

if TYPE_CHECKING:
    from careleaf.project import Project


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


#: Every command: the module that holds it, its function, and its line of help. Listed
#: here so that `careleaf --help` and `--version` import none of them (a build imports
#: WeasyPrint, pydantic, Babel...); tests/cli/test_cli.py holds each line to its docstring.
COMMANDS: Mapping[str, tuple[str, str, str]] = {
    "build": ("build", "build_command", "Build every handout and language into output/."),
    "check": ("build", "check_command", "Validate every handout without writing any file."),
    "clinic": ("clinic", "clinic_group", "Confirm the clinic details printed on every leaflet."),
    "clean": (
        "clean",
        "clean_command",
        "Remove every PDF, manifest and preview careleaf made, and nothing else.",
    ),
    "init": ("init", "init_command", "Create a new project in DIRECTORY that builds as it is."),
    "manifest": ("manifest", "manifest_group", "Work with output/manifest.json."),
    "migrate": (
        "migrate",
        "migrate_command",
        "Bring the files to the current format: item ids and sign-off records.",
    ),
    "new": ("new", "new_command", "Create handouts/HANDOUT_ID/ with every required field."),
    "preview": ("preview", "preview_command", "Build one handout and write its pages as PNG."),
    "review": (
        "review",
        "review_group",
        "Sign handouts off and see what changed since the last sign-off.",
    ),
    "status": ("status", "status_command", "One table of every handout x language."),
    "translate": (
        "translate",
        "translate_group",
        "Add a language, see what is left, record fields, approve, exchange files.",
    ),
    "watch": ("watch", "watch_command", "Build, then rebuild what changes on every save."),
}


class LazyGroup(CareleafGroup):
    """The top-level group: a command's module is imported only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name, _ = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"careleaf.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in sorted(COMMANDS)])


class IsoDate(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            try:
                return date.fromisoformat(str(value))
            except ValueError:  # well formed, but no such day
                self.fail(f"'{value}' is not a real date", param, ctx)
        self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)


def project_argument(func: F) -> F:
    """The old way to name the project, ``careleaf build PROJECT_DIR``: still taken, with a note."""
    return click.argument(
        "legacy_project_dir",
        required=False,
        metavar="[PROJECT_DIR]",
        type=click.Path(file_okay=False, path_type=Path),
    )(func)


today_option = click.option(
    "--today",
    type=IsoDate(),
    default=None,
    help="Plan as of this day instead of the real date: judge review dates as of it and, "
    "when building, print only copies stamped 'PLANNING COPY - not for patient use' "
    "(with --drafts or --allow-overdue), dated by it, into the not-for-patients/ folder.",
)


def _refuse_today(what: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def refuse(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is not None:
            from careleaf import clock

            raise click.UsageError(
                f"{what} is dated by the real date ({clock.today()}); --today cannot date it "
                "otherwise",
                ctx,
            )

    return refuse


def refused_today_option(what: str) -> Callable[[F], F]:
    """``--today`` on a command that writes a dated record: refused with the reason, not
    "no such option" (it plans builds, and once dated sign-offs)."""
    return click.option(
        "--today",
        hidden=True,
        expose_value=False,
        help="Refused: the record is dated by the real date.",
        is_eager=True,
        callback=_refuse_today(what),
    )


HANDOUTS_OPTION = click.option(
    "--handout", "handouts", multiple=True, metavar="ID", help="Only this handout (repeatable)."
)
LANGUAGES_OPTION = click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="TAG",
    help="Only this language, a BCP 47 tag such as en or pt-BR (repeatable).",
)
DRAFTS_OPTION = click.option(
    "--drafts",
    is_flag=True,
    help="Also print draft and stale translations, marked 'DRAFT TRANSLATION - not "
    "for patient use' on every page.",
)
SELECT_OPTIONS = [
    HANDOUTS_OPTION,
    LANGUAGES_OPTION,
    DRAFTS_OPTION,
    click.option(
        "--allow-overdue",
        is_flag=True,
        help="Build handouts whose review is overdue, marked 'REVIEW OVERDUE - not "
        "for patient use' on every page (for the review meeting).",
    ),
    today_option,
]


PROJECT_OPTION = click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The project folder (default: the one you are in, found by looking up from here).",
)
OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write PDFs and manifest.json here instead of PROJECT_DIR/output.",
)
VARIANT_OPTION = click.option(
    "--variant",
    type=click.Choice(["standard", "large-print"]),
    default="standard",
    show_default=True,
    help="Print variant: the three-page leaflet, or large print (16 pt body text, each "
    "section from a new page, into a large-print/ folder of the output).",
)
CLINIC_OPTION = click.option(
    "--clinic",
    "clinic_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Print for the clinic in this profile instead of handouts/clinic.yaml, "
    "into output/<profile name>/.",
)
PAPER_OPTION = click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"], case_sensitive=False),
    callback=lambda ctx, param, value: {"a4": "A4", "letter": "Letter"}.get((value or "").lower()),
    help="Paper size, instead of the clinic profile's.",
)
BILINGUAL_OPTION = click.option(
    "--bilingual",
    metavar="LANG",
    help="Pair each translation with the LANG leaflet on facing pages (LANG page on the "
    "left, the translation on the right), into output/bilingual-LANG/<lang>/.",
)
#: Who the leaflets are printed for and how: the clinic, its paper, the variant.
PRINT_OPTIONS = [CLINIC_OPTION, PAPER_OPTION, VARIANT_OPTION]


def open_project(
    project_dir: Path | None, clinic_file: Path | None = None, legacy: Path | None = None
) -> Project:
    """The project (``--project``, else the one the current folder is in), printed for
    the clinic in ``clinic_file`` when one is given."""
    from careleaf.project import Project  # not at import time: `careleaf --help` stays quick

    if legacy is not None:
        if project_dir is not None and project_dir != legacy:
            raise UsageError("give the project once: --project DIR (PROJECT_DIR is its old form)")
        click.echo(
            "careleaf: note: PROJECT_DIR as an argument is deprecated; use --project "
            f"{legacy}, or run careleaf from inside the project",
            err=True,
        )
        project_dir = legacy
    project = Project.open(project_dir) if project_dir is not None else Project.find(Path("."))
    return project.for_clinic(clinic_file) if clinic_file is not None else project


QUIET_OPTION = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print nothing but problems (for scripts; the exit code tells the rest).",
)
JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Render in N processes (default: the number of CPUs).",
)


F = TypeVar("F", bound=Callable[..., Any])


def with_options(options: list[Any]) -> Callable[[F], F]:
    def wrap(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return wrap


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="careleaf")
def cli() -> None:
    """careleaf turns handout content (YAML) into print-ready three-page PDF leaflets.

    Each leaflet has one page each for home care, warning signs and prevention,
    and every page carries the disclaimer and the review dates. Content whose
    review is overdue is refused.
    """
