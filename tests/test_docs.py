"""Every command the README and docs/ show runs as shown, on a copy of the shipped project.

A doc shows a command in an ``sh`` block (a line starting ``careleaf`` or
``.venv/bin/careleaf``, also after ``&&``) or in the README's command list (a
block of nothing but ``careleaf ...`` lines). Each one must be a step of a
scenario below, which says how to run it (a command with a placeholder such
as HANDOUT_ID, LANG, NAME or FILE is given a concrete form) and what it must
say; a command a doc gains without a step fails
``test_every_command_the_docs_show_is_run``, so the docs cannot drift. Where
a doc shows an output block right after an ``sh`` block of one command, the
command's output must be that block (a line ending in ``...`` is a prefix).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result

from conftest import REPO, faketime_env

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
PROGRAMS = ("careleaf ", ".venv/bin/careleaf ")


@dataclass(frozen=True)
class Shown:
    """One command as a doc shows it, with the output block shown after it, if any."""

    where: str
    command: str
    output: str | None


def _commands_in(block: str) -> list[str]:
    found = []
    for line in block.splitlines():
        line = re.split(r"\s+#\s", line, maxsplit=1)[0].strip()
        for part in line.split("&&"):
            part = " ".join(part.split())
            if part.startswith(PROGRAMS):
                found.append(part)
    return found


def shown_commands() -> list[Shown]:
    """Every command of README.md and docs/*.md, in the order the docs show them."""
    shown = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        blocks = list(FENCE.finditer(text))
        for i, block in enumerate(blocks):
            lang, body = block.groups()
            lines = [line for line in body.splitlines() if line.strip()]
            command_list = bool(lines) and all(line.startswith("careleaf ") for line in lines)
            if lang != "sh" and not command_list:
                continue
            commands = _commands_in(body)
            output = None
            if lang == "sh" and len(commands) == 1 and i + 1 < len(blocks):
                after = blocks[i + 1]
                between = text[block.end() : after.start()]
                if not between.strip() and after.group(1) in ("", "text"):
                    output = after.group(2)
            line_no = text.count("\n", 0, block.start()) + 2
            where = f"{doc.relative_to(REPO)}:{line_no}"
            shown += [Shown(where, command, output) for command in commands]
    return shown


@dataclass(frozen=True)
class Step:
    """A shown command, how to run it and what it must do."""

    shown: str
    #: The concrete command lines to run (default: as shown).
    run: tuple[str, ...] = ()
    code: int = 0
    #: Pieces the output must contain.
    says: tuple[str, ...] = ()
    #: Files (relative to the project) that must exist afterwards, or must not.
    makes: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()


STAMPED = "output/not-for-patients"
LANGS = ("ar", "de", "en", "es", "fr")
MERGE = (
    "careleaf manifest merge part1/not-for-patients/manifest.json "
    "part2/not-for-patients/manifest.json --out merged.json"
)

#: The shipped sample as it comes: nothing signed off, so drafts, previews, shards, clean.
SHIPPED = [
    Step("careleaf check --drafts"),  # before any build, as the doc shows it
    Step(
        ".venv/bin/careleaf build --drafts",
        says=("careleaf: 5 built, 0 failed",),
        makes=tuple(f"{STAMPED}/{lang}/muscle-spasm.pdf" for lang in LANGS),
    ),
    Step("careleaf status"),
    Step("careleaf check", says=("careleaf: 0 checked, 5 skipped, 0 failed",)),
    Step(
        "careleaf build",
        says=(
            "skipped handouts/muscle-spasm/en.yaml: not signed off "
            "(careleaf review sign-off muscle-spasm --by NAME)",
        ),
        removes=("output/en/muscle-spasm.pdf",),
    ),
    Step(
        "careleaf preview HANDOUT_ID",
        run=("careleaf preview muscle-spasm",),
        code=1,
        says=("careleaf: nothing to preview for muscle-spasm",),
        removes=("output/preview/en/muscle-spasm-1.png",),
    ),
    Step(
        "careleaf preview muscle-spasm --drafts",
        says=(f"{STAMPED}/preview/en/muscle-spasm-1.png",),
        makes=tuple(f"{STAMPED}/preview/{lang}/muscle-spasm-3.png" for lang in LANGS),
    ),
    Step(
        "careleaf build --drafts --shard 1/2 --out part1",
        says=("careleaf: 3 built, 0 failed",),
    ),
    Step(
        "careleaf build --drafts --shard 2/2 --out part2",
        says=("careleaf: 2 built, 0 failed",),
    ),
    Step(MERGE, says=("careleaf: merged 2 manifests, 5 outputs, into merged.json",)),
    Step(
        "careleaf manifest merge M1 M2 ...",
        run=(MERGE.replace("merged.json", "again.json"),),
        says=("careleaf: merged 2 manifests, 5 outputs, into again.json",),
        makes=("again.json",),
    ),
    Step(
        "careleaf clean",
        says=("careleaf: removed ",),
        removes=(f"{STAMPED}/en/muscle-spasm.pdf", f"{STAMPED}/preview/en/muscle-spasm-1.png"),
    ),
]

REVIEWER = "Dr Ana Lima"
CONFIRMER = "Pat Manager"
APPROVER = "Ana Revisora"
FIELD = "home_care.items[cold-first-days].text"

#: Sign-off, clinic confirmation and the translators' round, in the order a clinic goes.
GOVERNED = [
    Step(
        "careleaf review sign-off HANDOUT_ID --by NAME",
        run=(f'careleaf review sign-off muscle-spasm --by "{REVIEWER}"',),
        says=(f"signed off muscle-spasm (en, 55 fields, 4 sources) by {REVIEWER} on 2026-11-21",),
    ),
    Step(
        "careleaf clinic confirm --by NAME",
        run=(f'careleaf clinic confirm --by "{CONFIRMER}"',),
        says=(f"confirmed handouts/clinic.yaml by {CONFIRMER} on 2026-11-21:",),
    ),
    # The README: once signed off and confirmed, a plain build prints the English leaflet.
    Step(
        "careleaf build",
        says=("built output/en/muscle-spasm.pdf", "careleaf: 1 built,"),
        makes=("output/en/muscle-spasm.pdf",),
    ),
    Step(
        "careleaf review diff HANDOUT_ID",
        run=("careleaf review diff muscle-spasm",),
        says=(f"muscle-spasm: signed off by {REVIEWER} on 2026-11-21; no changes since",),
    ),
    Step(
        "careleaf translate status [LANG]",
        run=("careleaf translate status es", "careleaf translate status"),
        says=("careleaf: 4 translations, 4 complete and current, 0 need work",),
    ),
    Step(
        "careleaf translate init es",
        says=("handouts/muscle-spasm/es.yaml already exists; left as it is",),
    ),
    Step(
        "careleaf translate export es --format po --out es.po",
        says=("wrote es.po: 74 units (74 current, 0 stale, 0 missing)",),
        makes=("es.po",),
    ),
    Step(
        "careleaf translate import es.po --dry-run",
        says=("dry run: 0 fields updated, 0 confirmed, 0 left stale; nothing written",),
    ),
    Step("careleaf translate import es.po", says=("0 fields updated, 0 confirmed, 0 left stale",)),
    Step(
        "careleaf translate status es",
        says=("es draft translation, not approved; 0 missing, 0 stale, 0 extra (of 55 fields)",),
    ),
    Step(
        "careleaf translate mark-current LANG --handout ID FIELD...",
        run=(f'careleaf translate mark-current es --handout muscle-spasm "{FIELD}"',),
        says=(f"marked 1 field current: {FIELD}",),
    ),
    Step(
        f'careleaf translate approve es --handout muscle-spasm --by "{APPROVER}"',
        says=(f"approved handouts/muscle-spasm/es.yaml (55 fields, 19 UI strings) by {APPROVER}",),
    ),
    Step(
        "careleaf translate export LANG --out FILE.po",
        run=("careleaf translate export fr --out fr.po",),
        says=("wrote fr.po: 74 units",),
        makes=("fr.po",),
    ),
    Step(
        "careleaf translate import FILE.po [--lang TAG]",
        run=("careleaf translate import fr.po", "careleaf translate import fr.po --lang fr"),
        says=("0 fields updated, 0 confirmed, 0 left stale",),
    ),
    Step(
        "careleaf translate approve LANG --handout ID --by NAME",
        run=(f'careleaf translate approve fr --handout muscle-spasm --by "{APPROVER}"',),
        says=(f"approved handouts/muscle-spasm/fr.yaml (55 fields, 19 UI strings) by {APPROVER}",),
    ),
    # Approved, the translations print for patients.
    Step(
        "careleaf build",
        run=("careleaf build --lang es --lang fr",),
        makes=("output/es/muscle-spasm.pdf", "output/fr/muscle-spasm.pdf"),
    ),
    Step(
        "careleaf translate init LANG",
        run=("careleaf translate init it --handout muscle-spasm",),
        says=("created handouts/muscle-spasm/it.yaml", "created handouts/_strings/it.yaml"),
        makes=("handouts/muscle-spasm/it.yaml",),
    ),
]

#: The commands that print no leaflet: help, version, migrate, new, init (watch runs apart).
TOOLS = [
    Step(
        "careleaf init DIR",
        run=("careleaf init clinic-leaflets",),
        says=("careleaf: wrote ",),
        makes=("clinic-leaflets/templates/handout.html.j2", "clinic-leaflets/handouts/clinic.yaml"),
    ),
    Step(
        "careleaf --help, careleaf COMMAND --help, careleaf --version",
        run=("careleaf --help", "careleaf build --help", "careleaf --version"),
        says=("Commands:", "--drafts", "careleaf, version "),
    ),
    Step("careleaf migrate", says=("careleaf: nothing to migrate; every file is current",)),
    Step(
        "careleaf new HANDOUT_ID",
        run=("careleaf new low-back-pain",),
        says=("created handouts/low-back-pain/handout.yaml",),
        makes=("handouts/low-back-pain/handout.yaml", "handouts/low-back-pain/en.yaml"),
    ),
]
WATCH = "careleaf watch"


def test_every_command_the_docs_show_is_run() -> None:
    shown = {item.command for item in shown_commands()}
    run = {step.shown for step in SHIPPED + GOVERNED + TOOLS} | {WATCH}
    assert sorted(shown - run) == [], "a doc shows a command no scenario runs: add a Step"
    assert sorted(run - shown) == [], "a scenario runs a command no doc shows any more"


def test_the_docs_show_the_commands_they_should() -> None:
    """The collector itself: the README's two command blocks and a guide's commands are seen."""
    shown = shown_commands()
    where = {item.command: item.where for item in shown}
    assert where[".venv/bin/careleaf build --drafts"].startswith("README.md:")
    assert where["careleaf migrate"].startswith("README.md:")
    assert where["careleaf preview muscle-spasm --drafts"].startswith("docs/clinic-staff.md:")
    outputs = {item.command for item in shown if item.output is not None}
    assert outputs == {"careleaf check --drafts", "careleaf status"}


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's own project, with the working directory in it."""
    root = tmp_path / "shipped"
    for folder in ("handouts", "templates", "styles"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.chdir(root)
    return root


def _matches(shown: str, actual: str) -> bool:
    want = shown.rstrip("\n").splitlines()
    got = actual.rstrip("\n").splitlines()
    if len(want) != len(got):
        return False
    for doc_line, line in zip(want, got, strict=True):
        doc_line, line = doc_line.rstrip(), line.rstrip()
        if doc_line.endswith("..."):
            if not line.startswith(doc_line[:-3]):
                return False
        elif doc_line != line:
            return False
    return True


def play(steps: list[Step], root: Path, run: Callable[..., Result]) -> None:
    outputs = {item.command: item for item in shown_commands() if item.output is not None}
    for step in steps:
        said = ""
        for line in step.run or (step.shown,):
            args = shlex.split(line)
            assert args[0] in ("careleaf", ".venv/bin/careleaf"), line
            result = run(*args[1:])
            assert result.exit_code == step.code, f"{line}\n{result.output}"
            said += result.output
            if step.shown in outputs and not step.run:
                doc = outputs[step.shown]
                assert _matches(doc.output or "", result.output), (
                    f"{doc.where}: the output shown for {line!r} is not what it prints:\n"
                    f"{result.output}"
                )
        for piece in step.says:
            assert piece in said, f"{step.shown}: {piece!r} not in\n{said}"
        for rel in step.makes:
            assert (root / rel).is_file(), f"{step.shown}: {rel} was not written"
        for rel in step.removes:
            assert not (root / rel).exists(), f"{step.shown}: {rel} is there"


@pytest.mark.render
def test_the_shipped_sample_as_the_docs_show_it(shipped: Path, run) -> None:
    play(SHIPPED, shipped, run)


@pytest.mark.render
def test_sign_off_confirmation_and_translation_as_the_docs_show_them(shipped: Path, run) -> None:
    play(GOVERNED, shipped, run)


@pytest.mark.render
def test_help_migrate_and_new_as_the_docs_show_them(shipped: Path, run) -> None:
    play(TOOLS, shipped, run)


@pytest.mark.render
def test_watch_builds_and_keeps_watching(shipped: Path) -> None:
    """`careleaf watch` never ends by itself: it builds once, says so and waits for a save."""
    env = faketime_env(env={**os.environ, "PYTHONUNBUFFERED": "1"})
    args = [sys.executable, "-m", "careleaf", *shlex.split(WATCH)[1:]]
    process = subprocess.Popen(
        args, cwd=shipped, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if line.startswith("careleaf: ") or time.monotonic() > deadline:
                break
        said = "".join(lines)
        assert "skipped handouts/muscle-spasm/en.yaml: not signed off" in said, said
        assert process.poll() is None, said  # still watching
    finally:
        process.terminate()
        process.wait(timeout=10)


LINK = re.compile(r"\]\(([^)\s]+)\)")
#: Written by another hand; linked to before it lands.
PENDING = {"docs/architecture.md"}


def _anchors(doc: Path) -> set[str]:
    """The anchors GitHub gives the headings of ``doc``."""
    headings = re.findall(r"^#+ (.+)$", doc.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_every_link_between_the_docs_leads_somewhere() -> None:
    for doc in DOCS:
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "#")):
                continue
            path, _, anchor = target.partition("#")
            file = (doc.parent / path).resolve()
            if str(file.relative_to(REPO)) in PENDING and not file.exists():
                continue
            assert file.exists(), f"{doc.relative_to(REPO)}: {target} leads nowhere"
            if anchor:
                assert anchor in _anchors(file), f"{doc.relative_to(REPO)}: no #{anchor}"
