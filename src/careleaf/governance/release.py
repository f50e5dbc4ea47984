"""What may print as patient-ready, and the stamp on everything else.

A leaflet is patient-ready only when every word on it was signed off or
approved by a named person in exactly the form it prints: its handout is
signed off and not overdue and, for a translation, the translation is
approved, unchanged since, complete and current. Anything else is skipped
by a plain build, with the reasons; ``--drafts`` (or ``--allow-overdue``
for an overdue review) prints it with a stamp on every page that ends
"- not for patient use".
"""

from __future__ import annotations

from dataclasses import dataclass

from careleaf.content.fields import TranslationStatus
from careleaf.errors import counted
from careleaf.governance.approval import ApprovalState
from careleaf.governance.signoff import CHANGED, NOT_SIGNED_OFF, SignOffState
from careleaf.governance.stamps import (
    STAMP_CHANGED,
    STAMP_DRAFT,
    STAMP_NOT_SIGNED_OFF,
    STAMP_OVERDUE,
)

NOT_FOR_PATIENTS = "not for patient use"


def banner(stamps: tuple[str, ...]) -> str:
    """The one line printed on every page of a leaflet that is not patient-ready."""
    return f"{', '.join(stamps)} - {NOT_FOR_PATIENTS}"


@dataclass(frozen=True)
class Verdict:
    """Why a leaflet is not patient-ready: a stamp and a reason for each cause."""

    stamps: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def patient_ready(self) -> bool:
        return not self.stamps

    def __add__(self, other: Verdict) -> Verdict:
        return Verdict(self.stamps + other.stamps, self.reasons + other.reasons)


def source_verdict(handout_id: str, sign_off: SignOffState, overdue: bool) -> Verdict:
    """The handout's own state: signed off (or not), changed since, overdue."""
    if sign_off.state == NOT_SIGNED_OFF:
        why = "not signed off"
        if sign_off.other_handout is not None:
            why = (
                f"not signed off: its sign-off record is for the handout "
                f"'{sign_off.other_handout}', not this one (a copied folder?)"
            )
        return Verdict(
            (STAMP_NOT_SIGNED_OFF,),
            (f"{why} (careleaf review sign-off {handout_id} --by NAME)",),
        )
    record = sign_off.record
    assert record is not None
    verdict = Verdict()
    if sign_off.state == CHANGED:
        count = len(sign_off.changes)
        verdict = Verdict(
            (STAMP_CHANGED,),
            (
                f"changed since the sign-off by {record.signed_by} on {record.signed_on}: "
                f"{counted(count, 'field')} "
                f"(careleaf review diff {handout_id})",
            ),
        )
    if overdue:
        verdict += Verdict((STAMP_OVERDUE,), (f"review overdue since {record.next_review_due}",))
    return verdict


def translation_verdict(
    source: Verdict, source_shown: str, approval: ApprovalState, status: TranslationStatus
) -> Verdict:
    """A translation's state on top of its source's: approved, unchanged and current, or a draft."""
    reasons = []
    if not approval.approved:
        reasons.append(approval.describe())
    if status.stale:
        reasons.append(
            f"{counted(len(status.stale), 'field')} changed in the source since translation (stale)"
        )
    if status.extra:
        reasons.append(f"{counted(len(status.extra), 'field')} not in the source")
    inherited = Verdict(
        source.stamps, tuple(f"its source {source_shown} is {r}" for r in source.reasons)
    )
    own = Verdict((STAMP_DRAFT,), (", ".join(reasons),)) if reasons else Verdict()
    return own + inherited
