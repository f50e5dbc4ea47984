"""`careleaf init`: a project from the installed package that builds as it is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO, faketime_env, pdf_pages

#: What a wheel is built from (a copy, so the build leaves nothing in the repository).
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "README.md",
    "LICENSE",
    "src",
    *("handouts", "templates", "styles"),
)


def test_init_writes_a_project_that_builds(run, tmp_path: Path) -> None:
    target = tmp_path / "clinic-leaflets"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("careleaf: wrote ")
    for folder in ("handouts", "templates", "styles"):
        shipped = sorted(p.relative_to(REPO) for p in (REPO / folder).rglob("*") if p.is_file())
        made = sorted(p.relative_to(target) for p in (target / folder).rglob("*") if p.is_file())
        assert made == shipped
    assert (target / "templates/handout.html.j2").read_bytes() == (
        REPO / "templates/handout.html.j2"
    ).read_bytes()


def test_init_never_writes_into_a_folder_that_holds_something(run, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    result = run("init", str(target))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{target}: already exists and is not empty; careleaf init writes only into a new or "
        "empty folder, so it never replaces a file"
    )
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


@pytest.mark.render
def test_a_project_from_the_wheel_builds(tmp_path: Path) -> None:
    """pip install careleaf from a built wheel, in a fresh environment outside the
    repository; `careleaf init DIR` writes a project; it builds its leaflets."""
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(wheels)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("careleaf-*.whl")
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # careleaf comes from the wheel; its dependencies from this environment (no network).
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import careleaf; print(careleaf.__file__)"],
        cwd=outside,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(site))  # not the repository's src/
    careleaf = str(env_dir / "bin" / "careleaf")
    made = subprocess.run(
        [careleaf, "init", "leaflets"], cwd=outside, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    built = subprocess.run(
        [careleaf, "build", "--drafts", "--jobs", "1", "--lang", "en"],
        cwd=outside / "leaflets",
        env=faketime_env(env=env),
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    pdf = outside / "leaflets/output/not-for-patients/en/muscle-spasm.pdf"
    pages = pdf_pages(pdf)
    assert len(pages) == 3
    assert all("NOT FOR PATIENT USE" in page for page in pages)  # the draft's watermark
    assert pages[0].startswith("NOT FOR PATIENT USE\nMuscle spasm Riverside Family Clinic")
