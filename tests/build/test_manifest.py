"""Manifests: checked against their schema whenever read or merged; a bad one is refused."""

from __future__ import annotations

import json

import pytest

from conftest import TODAY_ARG, FixtureProject

pytestmark = pytest.mark.render  # every test here renders PDFs


MANIFEST = "output/manifest.json"


@pytest.fixture
def built(project: FixtureProject, run) -> FixtureProject:
    assert run("build", TODAY_ARG).exit_code == 0
    return project


def spoil(project: FixtureProject, change) -> None:
    data = json.loads(project.read(MANIFEST))
    change(data)
    project.write(MANIFEST, json.dumps(data))


@pytest.mark.parametrize(
    ("change", "messages"),
    [
        (
            lambda d: d["outputs"][0].update(path="../../etc/passwd"),
            ["outputs[0]: 'path' is '../../etc/passwd', which is not what careleaf writes there"],
        ),
        (
            lambda d: d["outputs"][0].update(pages="3", sha256="x"),
            [
                "outputs[0]: 'pages' must be a whole number of at least 1",
                "outputs[0]: 'sha256' is 'x', which is not what careleaf writes there",
            ],
        ),
        (lambda d: d["outputs"][0].pop("stamps"), ["outputs[0]: 'stamps' is missing"]),
        (
            lambda d: d["outputs"][0].update(colour="red"),
            ["outputs[0]: 'colour' is not a key careleaf writes"],
        ),
        (lambda d: d.update(outputs=[5]), ["outputs[0] must be a mapping, not 5"]),
        (lambda d: d.pop("outputs"), ["not a careleaf manifest: no list of 'outputs'"]),
    ],
    ids=[
        "path-outside",
        "wrong-types",
        "missing-key",
        "unknown-key",
        "entry-not-a-mapping",
        "none",
    ],
)
def test_a_bad_manifest_is_refused_by_build_and_merge(
    built: FixtureProject, run, change, messages: list[str]
) -> None:
    spoil(built, change)
    expected = [f"{MANIFEST}: {m}" for m in messages]
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[: len(expected)] == expected
    merged = run("manifest", "merge", MANIFEST, "--out", "merged.json")
    assert merged.exit_code == 1
    assert merged.stderr.splitlines()[: len(expected)] == expected
    assert not built.path("merged.json").exists()
    assert built.path("output/en/cramp.pdf").exists()  # nothing taken on a bad manifest's word


def test_force_writes_a_bad_manifest_anew(built: FixtureProject, run) -> None:
    built.write(MANIFEST, '{"path": 5}')
    result = run("build", TODAY_ARG, "--force")
    assert result.exit_code == 0, result.output
    assert [e["path"] for e in json.loads(built.read(MANIFEST))["outputs"]] == ["en/cramp.pdf"]


def test_not_json_is_refused(built: FixtureProject, run) -> None:
    built.write(MANIFEST, "{not json")
    result = run("build", TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{MANIFEST}: not a careleaf manifest: Expecting property name"
    )
