"""One place per print, and each manifest listing exactly the PDFs of its folder."""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from careleaf.cli import cli
from careleaf.errors import CareleafError

from conftest import (
    STAMPED,
    TODAY_ARG,
    FixtureProject,
    approve,
    clock_at,
    make_project,
    start_spanish,
)

pytestmark = pytest.mark.render  # every test here renders PDFs


def tree(root: Path) -> list[str]:
    """Every PDF and manifest under ``root``, by path from it."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in (".pdf", ".json")
    )


def manifests_are_folders(root: Path) -> None:
    """Each manifest lists exactly the ``<lang>/<id>.pdf`` files of its folder."""
    for manifest in root.rglob("manifest.json"):
        listed = {e["path"] for e in json.loads(manifest.read_text())["outputs"]}
        on_disk = {
            p.relative_to(manifest.parent).as_posix() for p in manifest.parent.glob("*/*.pdf")
        }
        assert listed == on_disk, manifest
    for pdf in root.rglob("*.pdf"):
        assert (pdf.parent.parent / "manifest.json").is_file(), pdf


@pytest.fixture
def spanish(project: FixtureProject, run) -> FixtureProject:
    start_spanish(project, run)
    return project


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["en/cramp.pdf", "manifest.json"]),
        (
            ("--drafts",),
            [
                "en/cramp.pdf",
                "manifest.json",
                "not-for-patients/es/cramp.pdf",
                "not-for-patients/manifest.json",
            ],
        ),
        (("--paper", "Letter"), ["letter/en/cramp.pdf", "letter/manifest.json"]),
        (("--paper", "A4"), ["en/cramp.pdf", "manifest.json"]),  # the clinic's own paper
        (
            ("--variant", "large-print", "--drafts"),
            [
                "large-print/en/cramp.pdf",
                "large-print/manifest.json",
                "not-for-patients/large-print/es/cramp.pdf",
                "not-for-patients/large-print/manifest.json",
            ],
        ),
        (
            ("--bilingual", "en", "--drafts"),
            [
                "not-for-patients/bilingual-en/es/cramp.pdf",
                "not-for-patients/bilingual-en/manifest.json",
            ],
        ),
        (
            ("--today=2027-06-02", "--allow-overdue"),
            ["not-for-patients/en/cramp.pdf", "not-for-patients/manifest.json"],
        ),
    ],
    ids=["plain", "drafts", "other-paper", "own-paper", "large-print", "bilingual", "overdue"],
)
def test_each_kind_of_print_has_its_own_place(
    spanish: FixtureProject, run, args: tuple[str, ...], expected: list[str]
) -> None:
    today = () if any(a.startswith("--today") for a in args) else (TODAY_ARG,)
    result = run("build", *today, *args)
    assert result.exit_code == 0, result.output
    assert tree(spanish.path("output")) == expected
    manifests_are_folders(spanish.path("output"))


def test_another_clinic_has_its_own_tree(spanish: FixtureProject, run) -> None:
    spanish.write("handouts/_clinics/north.yaml", spanish.read("handouts/clinic.yaml"))
    result = run("build", TODAY_ARG, "--drafts", "--clinic", "handouts/_clinics/north.yaml")
    assert result.exit_code == 0, result.output
    assert tree(spanish.path("output")) == [
        "north/en/cramp.pdf",
        "north/manifest.json",
        "north/not-for-patients/es/cramp.pdf",
        "north/not-for-patients/manifest.json",
    ]


def test_a_stamped_print_never_replaces_the_patient_copy(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    good = project.path("output/en/cramp.pdf").read_bytes()
    overdue = run("build", "--today=2027-06-02", "--allow-overdue")
    assert overdue.exit_code == 0, overdue.output
    assert project.path("output/en/cramp.pdf").read_bytes() == good
    assert project.path(f"{STAMPED}/en/cramp.pdf").exists()


def test_a_translation_that_is_no_longer_printable_is_removed(spanish: FixtureProject, run) -> None:
    approve(spanish)
    assert run("build", TODAY_ARG).exit_code == 0
    assert spanish.path("output/es/cramp.pdf").exists()
    spanish.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    spanish.sign_off()  # the reviewer signs the English edit off: the Spanish is now stale
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert (
        "removed output/es/cramp.pdf: changed since it was approved by Ana Revisora on "
        "2026-11-01, 1 field changed in the source since translation (stale); build with "
        "--drafts to print it stamped 'DRAFT TRANSLATION - not for patient use'"
    ) in result.stdout.splitlines()
    assert tree(spanish.path("output")) == ["en/cramp.pdf", "manifest.json"]
    manifests_are_folders(spanish.path("output"))


def test_a_leaflet_moves_between_the_folders(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    drafts = run("build", TODAY_ARG, "--drafts")
    assert (
        f"removed output/en/cramp.pdf: now printed as {STAMPED}/en/cramp.pdf"
        in drafts.stdout.splitlines()
    )
    project.sign_off()
    back = run("build", TODAY_ARG, "--drafts")
    assert (
        f"removed {STAMPED}/en/cramp.pdf: now printed as output/en/cramp.pdf"
        in back.stdout.splitlines()
    )
    assert tree(project.path("output")) == ["en/cramp.pdf", "manifest.json"]


def test_a_removed_handout_takes_its_pdf_with_it(project: FixtureProject, run) -> None:
    project.add_handout("other")
    assert run("build", TODAY_ARG).exit_code == 0
    for path in project.path("handouts/other").iterdir():
        path.unlink()
    project.path("handouts/other").rmdir()
    result = run("build", TODAY_ARG)
    assert (
        "removed output/en/other.pdf: no longer in the project (its handout or language file "
        "is gone)" in result.stdout.splitlines()
    )
    assert tree(project.path("output")) == ["en/cramp.pdf", "manifest.json"]


def test_a_narrower_build_leaves_the_rest_alone(project: FixtureProject, run) -> None:
    project.add_handout("other")
    assert run("build", TODAY_ARG).exit_code == 0
    project.edit("handouts/other/en.yaml", "title: Leg cramp", "title: Other")
    result = run("build", TODAY_ARG, "--handout", "cramp")
    assert result.exit_code == 0
    assert "removed" not in result.stdout
    assert tree(project.path("output")) == ["en/cramp.pdf", "en/other.pdf", "manifest.json"]


def test_a_failing_leaflet_keeps_its_earlier_pdf(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG).exit_code == 0
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title: ''")
    assert run("build", TODAY_ARG).exit_code == 1
    assert tree(project.path("output")) == ["en/cramp.pdf", "manifest.json"]


# --- every sequence of builds leaves each manifest equal to its folder ----------------------

OPTIONS = st.sampled_from(
    [
        (),
        ("--drafts",),
        ("--allow-overdue", "--today=2027-06-02"),
        ("--paper", "Letter"),
        ("--variant", "large-print"),
        ("--handout", "cramp"),
        ("--lang", "es", "--drafts"),
        ("--force",),
    ]
)
EDITS = st.sampled_from(["nothing", "edit-english", "sign-off", "approve-spanish", "drop-other"])


class Builds(RuleBasedStateMachine):
    """Random builds with random options between random edits; the folders always agree."""

    @initialize()
    def start(self) -> None:
        import tempfile

        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name) / "proj"
        root.mkdir()
        self.project = make_project(root)
        self.project.add_handout("other")
        runner = CliRunner()
        self.run = lambda *args: runner.invoke(cli, ["--help"] if not args else list(args))
        result = self.run("translate", "init", "es", "--project", str(root))
        assert result.exit_code == 0, result.output
        from conftest import fill

        for handout in ("cramp", "other"):
            path = f"handouts/{handout}/es.yaml"
            self.project.write(path, fill(self.project.read(path)))
        strings = self.project.read("handouts/_strings/en.yaml").replace(
            "language: en", "language: es"
        )
        self.project.write("handouts/_strings/es.yaml", strings)

    @rule(options=OPTIONS)
    def build(self, options: tuple[str, ...]) -> None:
        today = () if any(o.startswith("--today") for o in options) else (TODAY_ARG,)
        args = ("build", "--project", str(self.project.root), "-j", "1", *today, *options)
        result = self.run(*args)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1), result.output

    @rule(edit=EDITS)
    def change(self, edit: str) -> None:
        project = self.project
        if edit == "edit-english":
            self.edits = getattr(self, "edits", 0) + 1
            text = project.read("handouts/cramp/en.yaml").replace(
                "title: ", f"title: v{self.edits} ", 1
            )
            project.write("handouts/cramp/en.yaml", text)
        elif edit == "sign-off":
            project.sign_off()
        elif edit == "approve-spanish":
            with contextlib.suppress(CareleafError):  # stale: approval refused, fine
                approve(project)
        elif edit == "drop-other" and project.path("handouts/other").exists():
            for path in project.path("handouts/other").iterdir():
                path.unlink()
            project.path("handouts/other").rmdir()

    @invariant()
    def folders_agree(self) -> None:
        if hasattr(self, "project"):
            manifests_are_folders(self.project.path("output"))

    def teardown(self) -> None:
        if hasattr(self, "tmp"):
            self.tmp.cleanup()


Builds.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_every_sequence_of_builds_keeps_manifest_and_folder_equal = Builds.TestCase


@pytest.mark.parametrize(
    ("args", "after"),
    [
        ((), ""),
        (("--handout", "cramp", "--lang", "en"), ""),
        (("--allow-overdue",), "; now printed as output/not-for-patients/en/cramp.pdf"),
    ],
    ids=["plain", "selected", "allow-overdue"],
)
def test_a_review_that_became_overdue_takes_the_patient_copy_away(
    project: FixtureProject, run, args: tuple[str, ...], after: str
) -> None:
    """The hole: an overdue handout left its earlier PDF patient-ready in output/en/."""
    assert run("build").exit_code == 0
    with clock_at(date(2027, 6, 2)):
        result = run("build", *args)
    removed = (
        "removed output/en/cramp.pdf: review overdue since 2027-06-01 (careleaf review "
        f"sign-off cramp --by NAME){after}"
    )
    assert removed in result.stdout.splitlines()
    assert result.exit_code == (0 if after else 1), result.output
    assert not project.path("output/en/cramp.pdf").exists()
    assert not project.path("output/manifest.json").exists()  # it listed that PDF alone


def test_an_overdue_review_outside_the_selection_is_left_to_its_build(
    project: FixtureProject, run
) -> None:
    project.add_handout("other")
    assert run("build").exit_code == 0
    project.sign_off("other", on=date(2026, 11, 21), next_review="2028-01-01")
    with clock_at(date(2027, 6, 2)):  # cramp is overdue, other is not
        result = run("build", "--handout", "other")
    assert result.exit_code == 0, result.output
    assert project.path("output/en/cramp.pdf").exists()
