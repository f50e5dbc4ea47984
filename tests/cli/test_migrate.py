"""`careleaf migrate`: the old format (items by position, hand-written review dates) to the new."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from careleaf.content.fields import fields
from careleaf.files.strict_yaml import load_file

from conftest import REPO, TODAY_ARG

LEGACY = REPO / "tests" / "fixtures" / "legacy" / "muscle-spasm"
SHIPPED = REPO / "handouts" / "muscle-spasm"
TAGS = ("ar", "de", "es", "fr")


@pytest.fixture
def legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's project with the muscle-spasm files as they were before ids."""
    root = tmp_path / "proj"
    for folder in ("templates", "styles", "handouts"):
        shutil.copytree(REPO / folder, root / folder)
    for path in LEGACY.iterdir():
        shutil.copy2(path, root / "handouts" / "muscle-spasm" / path.name)
    monkeypatch.chdir(root)
    return root


def test_old_files_are_refused_with_the_way_out(legacy: Path, run) -> None:
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert (
        "handouts/muscle-spasm/handout.yaml:4:1: 'review' is careleaf's old format: review dates "
        "are now written by careleaf review sign-off; run careleaf migrate (it keeps the notes)"
    ) in result.stderr


def test_migration_of_the_shipped_translations(legacy: Path, run) -> None:
    before = {tag: load_file(legacy / f"handouts/muscle-spasm/{tag}.yaml", tag) for tag in TAGS}
    dry = run("migrate", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (
        dry.stdout.splitlines()[-1] == "careleaf: 6 files would change (dry run: nothing written)"
    )
    assert (legacy / "handouts/muscle-spasm/es.yaml").read_bytes() == (
        LEGACY / "es.yaml"
    ).read_bytes()
    result = run("migrate")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "changed handouts/muscle-spasm/handout.yaml: review dates dropped, notes kept",
        "changed handouts/muscle-spasm/en.yaml: 31 item ids added",
        *(
            f"changed handouts/muscle-spasm/{tag}.yaml: items matched to the source's ids, "
            "state dropped"
            for tag in TAGS
        ),
        "to do: handouts/muscle-spasm/handout.yaml: the review by careleaf content team "
        "(clinician sign-off pending) on 2026-11-20 was written by hand; only careleaf review "
        "sign-off makes a handout patient-ready now: careleaf review sign-off muscle-spasm "
        "--by NAME",
        "careleaf: 6 files migrated",
    ]
    # Nothing lost, nothing stale, nothing missing.
    status = run("translate", "status")
    assert status.exit_code == 0, status.output
    assert status.stdout.splitlines()[-1] == (
        "careleaf: 4 translations, 4 complete and current, 0 need work"
    )
    for tag in TAGS:
        after = load_file(legacy / f"handouts/muscle-spasm/{tag}.yaml", tag)
        old = [text for _, text in fields(before[tag].data).values()]
        new = [text for _, text in fields(after.data).values()]
        assert new == old  # every translated word, in order
        text = (legacy / f"handouts/muscle-spasm/{tag}.yaml").read_text("utf-8")
        assert text.count("# en: ") == (LEGACY / f"{tag}.yaml").read_text("utf-8").count("# en: ")
    # The files the repository ships are exactly what the migration makes of the old ones.
    for path in SHIPPED.glob("*.yaml"):
        assert (legacy / "handouts/muscle-spasm" / path.name).read_bytes() == path.read_bytes()
    again = run("migrate")
    assert again.stdout == "careleaf: nothing to migrate; every file is current\n"


def test_an_approval_in_the_old_format_must_be_renewed(legacy: Path, run) -> None:
    es = legacy / "handouts/muscle-spasm/es.yaml"
    text = es.read_text("utf-8")
    text = text.replace("  state: draft", "  state: approved")
    text = text.replace('  approved_by: ""', "  approved_by: Ana Revisora")
    text = text.replace('  approved_on: ""', "  approved_on: 2026-11-01")
    es.write_text(text, "utf-8")
    result = run("migrate")
    assert result.exit_code == 0, result.output
    assert (
        "to do: handouts/muscle-spasm/es.yaml: was approved by Ana Revisora on 2026-11-01; "
        "approvals are bound to the text now, so approve it again: careleaf translate approve "
        "es --handout muscle-spasm --by NAME"
    ) in result.stdout.splitlines()
    assert "approved_by" not in es.read_text("utf-8")


def test_a_migrated_project_is_signed_off_and_approved_like_any_other(legacy: Path, run) -> None:
    assert run("migrate").exit_code == 0
    confirmed = run("clinic", "confirm", "--by", "Pat Practice-Manager")
    assert confirmed.exit_code == 0, confirmed.output
    signed = run("review", "sign-off", "muscle-spasm", "--by", "Dr Ana Lima")
    assert signed.exit_code == 0, signed.output
    approved = run(
        "translate",
        "approve",
        "fr",
        "--handout",
        "muscle-spasm",
        "--by",
        "Claire Martin",
    )
    assert approved.exit_code == 0, approved.output
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "careleaf: 2 validated, 3 skipped, 0 failed"
