"""The command line as a user meets it: help, version, usage errors and exit codes."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from careleaf import __version__
from careleaf.cli import cli
from careleaf.cli.base import COMMANDS as LISTED

from conftest import TODAY_ARG, FixtureProject

CTX = click.Context(cli)
COMMANDS = cli.list_commands(CTX)


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command | None = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(CTX, name)
    assert command is not None
    return command


def _walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name in group.list_commands(CTX):
        command = group.get_command(CTX, name)
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _walk(command, (*prefix, name))
    return found


ALL_COMMANDS = _walk(cli)


def test_every_command_is_documented_in_the_readme() -> None:
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in ALL_COMMANDS:
        assert f"careleaf {' '.join(path)}" in readme


def test_top_level_help_lists_commands(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "careleaf turns handout content (YAML) into print-ready three-page PDF" in result.stdout
    for name in COMMANDS:
        assert f"  {name} " in result.stdout


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_explains_itself(run, path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert f"Usage: cli {' '.join(path)}" in result.stdout
    command = _command(path)
    name = path[-1]
    help_text = command.help
    assert help_text and help_text.split("\n")[0] in result.stdout
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{name} {param.name} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_top_level_help_lines_are_the_commands_own(name: str) -> None:
    """`careleaf --help` shows each command's line without importing it; it must not drift."""
    help_text = _command((name,)).help
    assert help_text is not None
    assert LISTED[name][2] == help_text.split("\n")[0]


def test_help_and_version_import_no_command(tmp_path) -> None:
    code = (
        "import sys; from careleaf.cli import main\n"
        "sys.argv = ['careleaf', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('weasyprint', 'pydantic', 'babel', "
        "'careleaf.build.run', 'careleaf.cli.build', 'jinja2'))]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"careleaf, version {__version__}\n"


def test_python_dash_m_runs_the_same_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careleaf", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"careleaf, version {__version__}\n")


def test_unknown_option_is_a_usage_error(run) -> None:
    result = run("build", "--colour")
    assert result.exit_code == 2
    assert "No such option '--colour'" in result.stderr


def test_bad_today_is_a_usage_error(project: FixtureProject, run) -> None:
    result = run("build", "--today=20261121")
    assert result.exit_code == 2
    assert "'20261121' is not a date written YYYY-MM-DD" in result.stderr


def test_missing_project_folder_is_a_usage_error(run, tmp_path) -> None:
    result = run("check", "--project", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert f"Error: project folder '{tmp_path / 'nowhere'}' does not exist" in result.stderr


def test_folder_without_handouts_is_a_usage_error(run, tmp_path) -> None:
    result = run("check", "--project", str(tmp_path))
    assert result.exit_code == 2
    assert "is not a careleaf project: it has no handouts/ folder" in result.stderr


def test_outside_any_project_is_a_usage_error(
    run, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("status")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: '.' is not inside a careleaf project (no folder here or above has "
        "handouts/ and templates/); go into one, or give it with --project DIR"
    )


def test_unknown_handout_is_a_usage_error(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG, "--handout", "nope")
    assert result.exit_code == 2
    assert "Error: no handout 'nope' (there are: cramp)" in result.stderr


def test_unknown_language_is_a_usage_error(project: FixtureProject, run) -> None:
    result = run("build", TODAY_ARG, "--lang", "fr")
    assert result.exit_code == 2
    assert "Error: no handout has language 'fr'" in result.stderr


@pytest.mark.render
def test_project_dir_argument(project: FixtureProject, run, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build", "proj", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert "built proj/output/en/cramp.pdf" in result.stdout
    assert (tmp_path / "proj/output/en/cramp.pdf").is_file()


def test_missing_clinic_profile_stops_everything(project: FixtureProject, run) -> None:
    project.path("handouts/clinic.yaml").unlink()
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "handouts/clinic.yaml: clinic profile is missing",
        "careleaf: 0 built, 1 failed; 1 problem found",
    ]
