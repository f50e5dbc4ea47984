"""Property: whatever bytes arrive, loading and validating ends in a model or a CareleafError.

Anything else escaping ``load.parse`` or ``validate.to_model`` would reach the
user as a traceback, so arbitrary text, bytes and YAML-shaped data are fed to
both, including mutations of the fixture handout that get past the parser.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from careleaf.content import model as models
from careleaf.content.model import Content, Governance
from careleaf.content.validate import to_model
from careleaf.errors import CareleafError, Problem
from careleaf.files.strict_yaml import parse
from careleaf.governance.dates import check_review

from conftest import CONTENT, GOVERNANCE, TODAY

SHOWN = "x.yaml"
MODELS: tuple[type[BaseModel], ...] = (Content, Governance)
EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Every key any model knows, so generated mappings often get past "unknown key".
FIELD_NAMES = sorted(
    {
        name
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, BaseModel)
        for name in value.model_fields
    }
)
#: Values that sit on the edges of the text, date and list rules.
EDGE_VALUES = [
    "",
    " ",
    "\u200b",
    "\u202e",
    "\u200f",
    "\x00",
    "no",
    "null",
    "~",
    "0",
    "en",
    "pt-BR",
    "en_GB",
    "A4",
    "2026-06-01",
    "2026-02-30",
    "20260601",
    "2027-6-1",
    "x" * 301,
    "{{ 7*7 }}",
    "<script>",
]

keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=12)
scalars = (
    st.sampled_from(EDGE_VALUES)
    | st.text(max_size=40)
    | st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
)
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=30,
)


def dump(data: Any, allow_unicode: bool) -> bytes:
    return yaml.safe_dump(data, allow_unicode=allow_unicode).encode("utf-8")


def paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in ``data``: the root, each mapping value and each list item."""
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*at, index))
    return found


def replaced(data: Any, at: tuple[Any, ...], value: Any) -> Any:
    if not at:
        return value
    head, *rest = at
    if isinstance(data, dict):
        return {k: replaced(v, tuple(rest), value) if k == head else v for k, v in data.items()}
    return [replaced(v, tuple(rest), value) if i == head else v for i, v in enumerate(data)]


SIGNED = GOVERNANCE + (
    "sign_off:\n  signed_by: Dr Test Reviewer\n  signed_on: 2026-06-01\n"
    "  next_review_due: 2027-06-01\n  language: en\n  fingerprint: 0123456789abcdef\n"
    "  text:\n    title: Leg cramp\n  sources:\n    - title: Test source\n"
)
FIXTURES = [yaml.safe_load(CONTENT), yaml.safe_load(SIGNED)]
for fixture in FIXTURES:  # the dates must stay text, as careleaf's loader reads them
    record = fixture.get("sign_off", {})
    for key, value in record.items():
        if not isinstance(value, dict | list):
            record[key] = str(value)


def load_and_validate(raw: bytes) -> None:
    """The property: a model, problems, or a CareleafError; every problem says where."""
    try:
        doc = parse(raw, SHOWN)
    except CareleafError as exc:
        assert_located(exc.problems)
        return
    for model in MODELS:
        result, problems = to_model(doc, model)
        assert (result is None) == bool(problems)
        assert_located(problems)
        if isinstance(result, Governance):
            assert_located(check_review(result, doc, TODAY, 36).problems)


def assert_located(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        assert problem.location.path == SHOWN
        assert problem.message


@EXAMPLES
@given(st.text())
def test_any_text(text: str) -> None:
    load_and_validate(text.encode("utf-8"))


@EXAMPLES
@given(st.binary(max_size=512))
def test_any_bytes(raw: bytes) -> None:
    load_and_validate(raw)


@EXAMPLES
@given(trees, st.booleans())
def test_any_yaml_structure(data: Any, allow_unicode: bool) -> None:
    load_and_validate(dump(data, allow_unicode))


@EXAMPLES
@given(st.data(), st.sampled_from(FIXTURES), trees, st.booleans())
def test_fixture_with_one_value_replaced(
    data: st.DataObject, fixture: dict[str, Any], value: Any, allow_unicode: bool
) -> None:
    at = data.draw(st.sampled_from(paths(fixture)), label="path")
    load_and_validate(dump(replaced(fixture, at, value), allow_unicode))


@EXAMPLES
@given(st.sampled_from(FIXTURES), st.binary(min_size=1, max_size=8), st.integers(0, 2000))
def test_fixture_with_bytes_spliced_in(fixture: dict[str, Any], junk: bytes, where: int) -> None:
    raw = dump(fixture, True)
    where %= len(raw)
    load_and_validate(raw[:where] + junk + raw[where:])
