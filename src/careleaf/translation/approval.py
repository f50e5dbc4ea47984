"""Approval bound to the text: a translation is approved only as it was when approved.

``careleaf translate approve`` records who approved a translation, when,
and a fingerprint of exactly what they approved: every translated field as
it prints, the source text each stands for (by its fingerprint) and the
language's UI strings. A translation whose text, source or UI strings no
longer match that fingerprint is a draft again until someone approves it anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Translation
from .fields import fields, fingerprint, normalize

APPROVED = "approved"
DRAFT = "draft"
CHANGED = "changed since approval"


def approval_fingerprint(
    *,
    language: str,
    translated: Mapping[str, str],
    source_prints: Mapping[str, str],
    strings: Mapping[str, str],
    approved_by: str,
    approved_on: date,
) -> str:
    """The digest of what an approver saw and who approved it, when."""
    payload = {
        "language": language,
        "fields": {name: normalize(text) for name, text in translated.items()},
        "source": dict(source_prints),
        "strings": {name: normalize(text) for name, text in strings.items()},
        "approved_by": approved_by,
        "approved_on": approved_on.isoformat(),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]


def approved_text(
    source_data: Any, translation_data: Any, strings_data: Any
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """What an approval covers: the translated fields the source has, the fingerprint of
    the source text each stands for today, and the UI strings.

    The source side is today's, not the one the file records: a source edit
    makes the translation a draft again at once, and marking a field current
    does not make it approved.
    """
    wanted = fields(source_data)
    have = fields(translation_data)
    translated = {name: have[name][1] for name in wanted if name in have}
    source_prints = {name: fingerprint(wanted[name][1]) for name in translated}
    strings = {name: text for name, (_, text) in fields(strings_data).items()}
    return translated, source_prints, strings


@dataclass(frozen=True)
class ApprovalState:
    state: str  # APPROVED, DRAFT or CHANGED
    approved_by: str | None = None
    approved_on: date | None = None

    @property
    def approved(self) -> bool:
        return self.state == APPROVED

    def describe(self) -> str:
        if self.state == APPROVED:
            return f"approved by {self.approved_by} on {self.approved_on}"
        if self.state == CHANGED:
            return f"changed since it was approved by {self.approved_by} on {self.approved_on}"
        return "draft translation, not approved"


def approval_state(
    translation: Translation | None,
    language: str,
    source_data: Any,
    translation_data: Any,
    strings_data: Any,
) -> ApprovalState:
    """Whether the translation is approved exactly as it stands today."""
    if translation is None or translation.approval is None:
        return ApprovalState(DRAFT)
    assert translation.approved_by is not None and translation.approved_on is not None
    translated, source_prints, strings = approved_text(source_data, translation_data, strings_data)
    expected = approval_fingerprint(
        language=language,
        translated=translated,
        source_prints=source_prints,
        strings=strings,
        approved_by=translation.approved_by,
        approved_on=translation.approved_on,
    )
    state = APPROVED if expected == translation.approval else CHANGED
    return ApprovalState(state, translation.approved_by, translation.approved_on)
