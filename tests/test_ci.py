"""CI holds the code to the house rules before it runs the tests."""

from __future__ import annotations

from conftest import REPO


def test_ci_runs_lint_format_and_types_after_setup_and_before_the_tests() -> None:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    steps = [line.strip() for line in lines if not line.lstrip().startswith("#")]
    order = [
        "./scripts/setup --test",
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
        ".venv/bin/python -m pytest",
    ]
    assert all(step in steps for step in order), steps
    assert [steps.index(step) for step in order] == sorted(steps.index(s) for s in order)
    assert "set -euo pipefail" in steps  # a failing check stops the run
