"""Raw documents -> frozen models, collecting every problem with its location.

Pydantic checks structure; this module turns its errors into messages a
clinic's staff can act on, placed at the line and column of the offending
key or value. It never prints and never reads the clock: ``today`` is given.
"""

from __future__ import annotations

import difflib
import types
import typing
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from careleaf.content.model import Translation, clean_text
from careleaf.errors import ContentError, Location, Problem, quoted
from careleaf.files.strict_yaml import Document, dotted

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
        if loc[-1] == "id" and len(loc) > 1 and isinstance(loc[-2], int):
            return Problem(
                doc.where(loc[:-1]),
                f"'{dotted(loc[:-1])}' needs an 'id': a short name that never changes, such "
                "as 'drink-water' (careleaf migrate gives every item one)",
            )
        return Problem(doc.where(loc[:-1]), f"'{name}' is required")
    if kind == "extra_forbidden" and loc in _OLD_FORMAT:
        return Problem(doc.where_key(loc), _OLD_FORMAT[loc])
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
    elif kind in {"model_type", "dict_type", "model_attributes_type"} and _is_sign(loc):
        message = (
            f"'{name}' must be a mapping with 'text' and 'id', not {found} "
            "(careleaf migrate turns the old form into the new one)"
        )
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


#: Keys of careleaf's format before sign-off records and item ids, and what to do.
_OLD_FORMAT = {
    ("review",): (
        "'review' is careleaf's old format: review dates are now written by "
        "careleaf review sign-off; run careleaf migrate (it keeps the notes)"
    ),
    ("translation", "state"): (
        "'translation.state' is careleaf's old format: careleaf translate approve "
        "records approvals now; run careleaf migrate"
    ),
}


def _is_sign(loc: tuple[Any, ...]) -> bool:
    return (
        len(loc) == 3
        and loc[0] == "warning_signs"
        and loc[1] in {"emergency", "urgent", "soon"}
        and isinstance(loc[2], int)
    )


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


def check_translation(
    translation: Translation | None, doc: Document, is_translation: bool, today: date
) -> list[Problem]:
    """The bookkeeping rules: translations carry a block; an approval says who, when and what."""
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
                "a translation needs a 'translation' block (translated_by, "
                "source_fingerprints); careleaf translate init writes one",
            )
        ]
    found = []
    parts = {
        "approved_by": translation.approved_by,
        "approved_on": translation.approved_on,
        "approval": translation.approval,
    }
    given = [key for key, value in parts.items() if value is not None]
    if given and len(given) < len(parts):
        lacking = ", ".join(f"'translation.{k}'" for k in parts if parts[k] is None)
        found.append(
            Problem(
                doc.where(("translation", given[0])),
                f"an approval needs {lacking} too; careleaf translate approve writes all three",
            )
        )
    if translation.approved_on is not None and translation.approved_on > today:
        found.append(
            Problem(
                doc.where(("translation", "approved_on")),
                f"'translation.approved_on' ({translation.approved_on}) is in the future",
            )
        )
    return found


_NAME = clean_text(120)


def checked_name(value: str, option: str, shown: str) -> str:
    """A person's name given on the command line, cleaned as careleaf prints it.

    Blank-looking names are refused: only spaces or invisible characters (a
    zero-width space, a Hangul filler) would record nobody.
    """
    try:
        return _NAME(value)
    except PydanticCustomError as exc:
        raise ContentError(
            Problem(Location(shown), f"{option} {quoted(value)} {exc.message()}")
        ) from None
