"""Raw documents -> frozen models, collecting every problem with its location.

Pydantic checks structure; this module turns its errors into messages a
clinic's staff can act on, placed at the line and column of the offending
key or value. It never prints and never reads the clock: ``today`` is given.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Location, Problem
from .load import Document, dotted
from .model import Governance, Translation

M = TypeVar("M", bound=BaseModel)

_KIND: dict[type, str] = {dict: "a mapping of keys", list: "a list", tuple: "a list", str: "text"}


def to_model(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model: the model, or the problems found."""
    if not isinstance(doc.data, dict):
        found = _KIND.get(type(doc.data), "something else")
        return None, [Problem(doc.where(()), f"expected a mapping of keys, found {found}")]
    try:
        return model.model_validate(_freeze(doc.data)), []
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose only entry is bad also fails its minimum length; say only what is wrong.
        errors = [
            e
            for e in errors
            if not (e["type"] == "too_short" and _has_child_error(e["loc"], errors))
        ]
        return None, [_problem(doc, model, err) for err in errors]


def _has_child_error(loc: tuple[Any, ...], errors: list[Any]) -> bool:
    n = len(loc)
    return any(len(e["loc"]) > n and tuple(e["loc"][:n]) == tuple(loc) for e in errors)


def _freeze(data: Any) -> Any:
    """Lists become tuples, so frozen models hold nothing mutable."""
    if isinstance(data, list):
        return tuple(_freeze(item) for item in data)
    if isinstance(data, dict):
        return {key: _freeze(value) for key, value in data.items()}
    return data


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    loc = _user_path(model, tuple(err["loc"]))
    name = dotted(loc)
    kind = err["type"]
    if kind == "missing":
        return Problem(doc.where(loc[:-1]), f"'{name}' is required")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        extra = (
            f"; did you mean '{hint[0]}'?" if hint else f"; expected one of: {', '.join(allowed)}"
        )
        return Problem(doc.where_key(loc), f"unknown key '{dotted(loc[-1:])}'{extra}")
    found = _KIND.get(type(err.get("input")), "something else")
    if kind in {"string_type", "date_type"}:
        message = f"'{name}' must be text, not {found}"
    elif kind in {"list_type", "tuple_type"}:
        message = f"'{name}' must be a list, not {found}"
    elif kind in {"model_type", "dict_type", "model_attributes_type"}:
        message = f"'{name}' must be a mapping of keys, not {found}"
    elif kind == "too_short":
        least = err["ctx"]["min_length"]
        message = f"'{name}' needs at least {least} {'entry' if least == 1 else 'entries'}"
    elif kind == "too_long":
        message = f"'{name}' has too many entries; the limit is {err['ctx']['max_length']}"
    elif kind == "literal_error":
        message = f"'{name}' must be one of {err['ctx']['expected']}"
    elif not name:  # a rule about the whole file
        message = err["msg"]
    else:
        message = f"'{name}' {err['msg']}"
    return Problem(doc.where(loc), message)


def _user_path(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The path as the user wrote it: list indexes and keys, minus pydantic's type tags."""
    path: list[Any] = []
    current: Any = model
    for n, part in enumerate(loc):
        if isinstance(part, int):
            path.append(part)
            continue
        fields = current.model_fields if _is_model(current) else {}
        if part in fields:
            path.append(part)
            current = _inner_model(fields[part].annotation)
        elif n == len(loc) - 1 or not fields:
            path.append(part)  # a key the user added, or where no model guides us
    return tuple(path)


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in {tuple, list, typing.Union, types.UnionType}:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


@dataclass(frozen=True)
class ReviewStatus:
    """What the review dates say about a handout on a given day."""

    problems: tuple[Problem, ...]
    overdue: bool


def check_review(gov: Governance, doc: Document, today: date) -> ReviewStatus:
    """Apply the review-date rules; overdue is reported apart so it can be allowed."""
    review = gov.review
    at = doc.where
    problems = []
    if review.reviewed_on > today:
        problems.append(
            Problem(
                at(("review", "reviewed_on")),
                f"'review.reviewed_on' ({review.reviewed_on}) is in the future",
            )
        )
    if review.next_review_due <= review.reviewed_on:
        problems.append(
            Problem(
                at(("review", "next_review_due")),
                f"'review.next_review_due' ({review.next_review_due}) must be after "
                f"'review.reviewed_on' ({review.reviewed_on})",
            )
        )
    overdue = review.next_review_due < today
    return ReviewStatus(tuple(problems), overdue)


def overdue_problem(gov: Governance, doc: Document) -> Problem:
    return Problem(
        doc.where(("review", "next_review_due")),
        f"review overdue: next review was due {gov.review.next_review_due}; "
        "review the handout and set a new date (or build with --allow-overdue "
        "for the review meeting)",
    )


def check_translation(
    translation: Translation | None, doc: Document, is_translation: bool, today: date
) -> list[Problem]:
    """The bookkeeping rules: translations carry a state, approvals say who and when."""
    if not is_translation:
        if translation is None:
            return []
        return [
            Problem(
                doc.where_key(("translation",)),
                "the source language file must not have a 'translation' block",
            )
        ]
    if translation is None:
        return [
            Problem(
                Location(doc.path, 1, 1),
                "a translation needs a 'translation' block (state, translated_by, "
                "source_fingerprints); careleaf translate init writes one",
            )
        ]
    found = []
    at = doc.where(("translation", "state"))
    if translation.state == "approved":
        if not translation.approved_by:
            found.append(Problem(at, "an approved translation needs 'translation.approved_by'"))
        if translation.approved_on is None:
            found.append(Problem(at, "an approved translation needs 'translation.approved_on'"))
    if translation.approved_on is not None and translation.approved_on > today:
        found.append(
            Problem(
                doc.where(("translation", "approved_on")),
                f"'translation.approved_on' ({translation.approved_on}) is in the future",
            )
        )
    return found
