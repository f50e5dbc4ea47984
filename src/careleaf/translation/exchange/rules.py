"""The rules a translated field must meet, taken from careleaf's own models.

Each field's type is looked up in :class:`~careleaf.content.model.Content` (or
:class:`~careleaf.content.model.UIStrings`) by its path, and a translation from
outside is checked by that very type, so an imported text meets exactly the
rules a hand-written one does: not blank, no control characters, no bidi
embeddings or overrides, within the field's length limit. UI strings must
also keep their ``{placeholders}``.
"""

from __future__ import annotations

import inspect
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, TypeAdapter, ValidationError

from careleaf.content import i18n
from careleaf.content.model import Content, UIStrings
from careleaf.files.strict_yaml import Path_


@dataclass(frozen=True)
class Rule:
    """What a field's text must be: its type, its length limit and its placeholders."""

    kind: Any  # the field's annotated type, as the model declares it
    limit: int | None
    placeholders: tuple[str, ...] = ()  # UI strings only: the source's {placeholders}
    strings_key: str | None = None  # UI strings only: the key placeholders are checked by

    def check(self, text: str) -> str | None:
        """Why ``text`` cannot be this field's translation, or None."""
        try:
            _adapter(self.kind).validate_python(text)
        except ValidationError as exc:
            return str(exc.errors()[0]["msg"])
        if self.strings_key is None:
            return None
        found = i18n.check_placeholders(self.strings_key, text)
        if found:
            return found.split("' ", 1)[1] if found.startswith("'") else found
        used = i18n.placeholders(text)
        dropped = sorted(set(self.placeholders) - used)
        if dropped:
            return "drops " + _braced(dropped) + "; keep every {placeholder} of the source text"
        added = sorted(used - set(self.placeholders))
        if added:
            return "adds " + _braced(added) + ", which the source text does not have"
        return None


def _braced(names: list[str]) -> str:
    return ", ".join("{" + n + "}" for n in names)


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def content_rule(path: Path_) -> Rule:
    kind = _leaf(Content, path)
    return Rule(kind, _limit(kind))


def strings_rule(path: Path_, source_text: str) -> Rule:
    kind = _leaf(UIStrings, path)
    key = ".".join(str(p) for p in path)
    return Rule(kind, _limit(kind), tuple(sorted(i18n.placeholders(source_text))), key)


def _leaf(model: type[BaseModel], path: Path_) -> Any:
    """The declared type of the text at ``path`` in ``model`` (list items by position)."""
    kind: Any = model
    for part in path:
        kind = _strip(kind)
        if isinstance(part, int):
            args = typing.get_args(kind)
            kind = args[0] if args else str
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            found = kind.model_fields.get(part)
            if found is None:
                return str
            kind = found.annotation
            if found.metadata:
                kind = Annotated[(kind, *found.metadata)]
        else:
            return str
    return _text_type(kind)


def _strip(kind: Any) -> Any:
    """``kind`` without Annotated metadata and without ``| None``."""
    while True:
        if typing.get_origin(kind) is Annotated:
            kind = typing.get_args(kind)[0]
        elif typing.get_origin(kind) in (typing.Union, types.UnionType):
            kind = next(a for a in typing.get_args(kind) if a is not type(None))
        else:
            return kind


def _text_type(kind: Any) -> Any:
    """The annotated ``str`` type inside an optional or pre-validated text field."""
    while typing.get_origin(kind) is Annotated:
        inner = typing.get_args(kind)[0]
        if inner is str:
            return kind
        kind = inner
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return _text_type(next(a for a in typing.get_args(kind) if a is not type(None)))
    return kind


def _limit(kind: Any) -> int | None:
    """The length limit :func:`careleaf.content.model.clean_text` was built with for ``kind``."""
    for meta in typing.get_args(kind)[1:] if typing.get_origin(kind) is Annotated else ():
        if isinstance(meta, AfterValidator) and inspect.isfunction(meta.func):
            limit = inspect.getclosurevars(meta.func).nonlocals.get("limit")
            if isinstance(limit, int):
                return limit
    return None
