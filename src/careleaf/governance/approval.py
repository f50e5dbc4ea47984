"""Approval bound to the text: a translation is approved only as it was when approved.

``careleaf translate approve`` records who approved a translation, when,
and a fingerprint of exactly what they approved: every translated field as
it prints, the source text each stands for (by its fingerprint), the
language's UI strings, and the handout it is for (a folder copied under a new
id does not carry its approvals along). A translation whose text, source or UI strings no
longer match that fingerprint is a draft again until someone approves it anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from careleaf.content.fields import fields, fingerprint, normalize
from careleaf.content.model import Translation

APPROVED = "approved"
DRAFT = "draft"
CHANGED = "changed since approval"
#: Approved with a careleaf whose approval did not name the handout (a copy may carry it).
OUTDATED = "approved for no handout in particular"


def approval_fingerprint(
    *,
    language: str,
    translated: Mapping[str, str],
    source_prints: Mapping[str, str],
    strings: Mapping[str, str],
    approved_by: str,
    approved_on: date,
    handout: str | None,
) -> str:
    """The digest of what an approver saw and who approved it, when, for which handout.

    ``handout`` is None only to recognise an approval from before careleaf bound
    approvals to their handout.
    """
    payload = {
        **({"handout": handout} if handout is not None else {}),
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
        if self.state == OUTDATED:
            return (
                f"approved by {self.approved_by} on {self.approved_on} with an older careleaf, "
                "whose approval does not name its handout; approve it again"
            )
        return "draft translation, not approved"


def approval_state(
    translation: Translation | None,
    language: str,
    source_data: Any,
    translation_data: Any,
    strings_data: Any,
    handout: str,
) -> ApprovalState:
    """Whether the translation of ``handout`` is approved exactly as it stands today."""
    if translation is None or translation.approval is None:
        return ApprovalState(DRAFT)
    assert translation.approved_by is not None and translation.approved_on is not None
    translated, source_prints, strings = approved_text(source_data, translation_data, strings_data)

    def digest(named: str | None) -> str:
        assert translation is not None and translation.approved_by is not None
        assert translation.approved_on is not None
        return approval_fingerprint(
            language=language,
            translated=translated,
            source_prints=source_prints,
            strings=strings,
            approved_by=translation.approved_by,
            approved_on=translation.approved_on,
            handout=named,
        )

    if digest(handout) == translation.approval:
        state = APPROVED
    elif digest(None) == translation.approval:
        state = OUTDATED
    else:
        state = CHANGED
    return ApprovalState(state, translation.approved_by, translation.approved_on)
