"""Incremental, parallel and sharded builds: only what changed is rendered, the same bytes."""

from __future__ import annotations

import json
import os

import pytest

import careleaf.build.keys

from conftest import AFTER_RUB, TODAY_ARG, FixtureProject, more_items

PDF = "output/en/cramp.pdf"


def lines(result) -> list[str]:
    return result.stdout.splitlines()


@pytest.fixture
def built(project: FixtureProject, run) -> FixtureProject:
    project.add_handout("other")
    result = run("build", TODAY_ARG, "-j", "1")
    assert result.exit_code == 0, result.output
    return project


@pytest.mark.render
def test_nothing_changed_is_up_to_date(built: FixtureProject, run) -> None:
    before = built.path(PDF).stat().st_mtime_ns
    result = run("build", TODAY_ARG)
    assert lines(result) == [
        "up to date output/en/cramp.pdf",
        "up to date output/en/other.pdf",
        "careleaf: 0 built, 2 up to date, 0 failed",
    ]
    assert built.path(PDF).stat().st_mtime_ns == before


@pytest.mark.render
def test_editing_one_field_rebuilds_exactly_that_pdf(built: FixtureProject, run) -> None:
    built.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    built.sign_off()
    result = run("build", TODAY_ARG)
    assert [line.split("  ")[0] for line in lines(result)] == [
        "up to date output/en/other.pdf",
        "built output/en/cramp.pdf",
        "careleaf: 1 built, 1 up to date, 0 failed",
    ]


@pytest.mark.render
def test_template_change_rebuilds_everything_but_touch_does_not(built: FixtureProject, run) -> None:
    template = built.path("templates/handout.html.j2")
    os.utime(template)  # a touch changes no byte: nothing to print again
    assert lines(run("build", TODAY_ARG))[-1] == "careleaf: 0 built, 2 up to date, 0 failed"
    built.edit("templates/handout.html.j2", "<body>", '<body class="leaflet">')
    assert lines(run("build", TODAY_ARG))[-1] == "careleaf: 2 built, 0 failed"


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("styles/print.css", "line-height: 1.35;", "line-height: 1.4;"),
        # (Edits that print nothing new: a printed one needs confirming or signing off first.)
        ("handouts/clinic.yaml", "paper_size: A4", "paper_size: A4\naddress: 1 Test Road"),
        ("handouts/_strings/en.yaml", "# The words careleaf prints", "# The words printed"),
        ("handouts/cramp/handout.yaml", "publisher: Test Clinic", "publisher: Other Clinic"),
    ],
)
@pytest.mark.render
def test_each_input_is_part_of_the_key(
    built: FixtureProject, run, file: str, old: str, new: str
) -> None:
    built.edit(file, old, new)
    result = run("build", TODAY_ARG)
    rebuilt = [line for line in lines(result) if line.startswith("built ")]
    assert "built output/en/cramp.pdf" in " ".join(rebuilt)


@pytest.mark.render
def test_an_option_that_changes_the_print_is_part_of_the_key(built: FixtureProject, run) -> None:
    # After its review date the handout builds only with --allow-overdue, stamped.
    result = run("build", "--today=2027-06-02", "--allow-overdue", "--handout", "cramp")
    assert lines(result)[0].startswith("built output/not-for-patients/en/cramp.pdf")
    assert "REVIEW OVERDUE" in lines(result)[0]


@pytest.mark.render
def test_a_new_careleaf_version_rebuilds(
    built: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(careleaf.build.keys, "__version__", "99.0.0")
    assert lines(run("build", TODAY_ARG))[-1] == "careleaf: 2 built, 0 failed"


@pytest.mark.render
def test_hand_edited_or_deleted_pdf_is_rebuilt(built: FixtureProject, run) -> None:
    with built.path(PDF).open("ab") as fh:
        fh.write(b"% edited by hand\n")
    built.path("output/en/other.pdf").unlink()
    assert lines(run("build", TODAY_ARG))[-1] == "careleaf: 2 built, 0 failed"


@pytest.mark.render
def test_force_rebuilds_everything(built: FixtureProject, run) -> None:
    assert lines(run("build", TODAY_ARG, "--force"))[-1] == "careleaf: 2 built, 0 failed"


@pytest.mark.render
def test_parallel_build_equals_serial_byte_for_byte(project: FixtureProject, run) -> None:
    for name in ("b", "c", "d"):
        project.add_handout(name)
    assert run("build", TODAY_ARG, "-j", "1", "--out", "serial").exit_code == 0
    result = run("build", TODAY_ARG, "-j", "2", "--out", "parallel")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in project.path("serial/en").iterdir())
    assert names == ["b.pdf", "c.pdf", "cramp.pdf", "d.pdf"]
    for name in names:
        serial = project.path(f"serial/en/{name}").read_bytes()
        assert project.path(f"parallel/en/{name}").read_bytes() == serial


@pytest.mark.render
def test_one_failure_does_not_stop_a_parallel_build(project: FixtureProject, run) -> None:
    for name in ("b", "c"):
        project.add_handout(name)
    project.edit("handouts/b/en.yaml", AFTER_RUB, AFTER_RUB + more_items(10, "Word " * 55))
    project.sign_off("b")
    result = run("build", TODAY_ARG, "-j", "2")
    assert result.exit_code == 1
    assert "'home_care' does not fit on one page" in result.stderr
    assert sorted(p.name for p in project.path("output/en").iterdir()) == ["c.pdf", "cramp.pdf"]


@pytest.mark.render
def test_shards_cover_every_output_once_and_merge(project: FixtureProject, run) -> None:
    for name in ("b", "c", "d", "e", "f"):
        project.add_handout(name)
    seen: list[str] = []
    for k in (1, 2, 3):
        result = run("build", TODAY_ARG, "-j", "1", "--shard", f"{k}/3", "--out", f"s{k}")
        assert result.exit_code == 0, result.output
        seen += (
            [p.name for p in project.path(f"s{k}/en").glob("*.pdf")]
            if project.path(f"s{k}/en").exists()
            else []
        )
    assert sorted(seen) == ["b.pdf", "c.pdf", "cramp.pdf", "d.pdf", "e.pdf", "f.pdf"]
    merged = run(
        "manifest",
        "merge",
        "s1/manifest.json",
        "s2/manifest.json",
        "s3/manifest.json",
        "--out",
        "all.json",
    )
    assert merged.exit_code == 0, merged.output
    assert merged.stdout == "careleaf: merged 3 manifests, 6 outputs, into all.json\n"
    outputs = json.loads(project.read("all.json"))["outputs"]
    assert [o["path"] for o in outputs] == [f"en/{n}" for n in sorted(seen)]


@pytest.mark.render
def test_merge_refuses_two_different_pdfs_under_one_name(project: FixtureProject, run) -> None:
    assert run("build", TODAY_ARG, "--out", "a").exit_code == 0
    project.edit("handouts/cramp/en.yaml", "Rub the muscle", "Gently rub the muscle")
    project.sign_off()
    assert run("build", TODAY_ARG, "--out", "b").exit_code == 0
    result = run("manifest", "merge", "a/manifest.json", "b/manifest.json", "--out", "m.json")
    assert result.exit_code == 1
    assert (
        "b/manifest.json: 'en/cramp.pdf' differs from the one in a/manifest.json" in result.stderr
    )
    assert not project.path("m.json").exists()


@pytest.mark.parametrize("shard", ["0/3", "4/3", "x", "1/0"])
def test_bad_shard_is_a_usage_error(project: FixtureProject, run, shard: str) -> None:
    result = run("build", TODAY_ARG, "--shard", shard)
    assert result.exit_code == 2
    assert "--shard" in result.stderr
