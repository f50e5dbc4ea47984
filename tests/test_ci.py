"""CI holds the code to the house rules before it runs the tests."""

from __future__ import annotations

from conftest import REPO


def test_ci_runs_lint_format_types_and_layers_after_setup_and_before_the_tests() -> None:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    steps = [line.strip() for line in lines if not line.lstrip().startswith("#")]
    order = [
        "./scripts/setup --test",
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
        ".venv/bin/lint-imports",
        ".venv/bin/python -m pytest",
    ]
    assert all(step in steps for step in order), steps
    assert [steps.index(step) for step in order] == sorted(steps.index(s) for s in order)
    assert "set -euo pipefail" in steps  # a failing check stops the run


def test_the_layers_contract_names_every_package() -> None:
    """A new package must take its place in the layers, or import-linter would not see it."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {m.strip() for layer in contract["layers"] for m in layer.split("|")}
    package = REPO / "src" / "careleaf"
    found = {
        f"careleaf.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.stem not in ("__init__", "__main__"))
    }
    assert found == named
