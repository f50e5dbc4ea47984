"""A leaflet to print: one handout in one language, with the stamps it must carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from careleaf.content.model import Content, Governance, SignOff, UIStrings
from careleaf.content.printing import output_name
from careleaf.files.strict_yaml import Document
from careleaf.governance.release import banner
from careleaf.governance.stamps import STAMP_DRAFT, STAMP_OVERDUE


@dataclass(frozen=True)
class Leaflet:
    """Everything needed to print one handout in one language."""

    handout: Governance
    content: Content
    strings: UIStrings
    locale: Locale
    tag: str
    content_doc: Document = field(repr=False)
    # Why it is not patient-ready ("NOT SIGNED OFF", ...): printed as a stamp on every page.
    stamps: tuple[str, ...] = ()
    # Bilingual leaflets: the other language, whose pages face this one's.
    companion: Leaflet | None = None
    # The UI strings file as written: what the page-words check holds the PDF to.
    strings_data: Any = field(default=None, repr=False)

    @property
    def output_name(self) -> str:
        return output_name(self.tag, self.handout.id)

    @property
    def review(self) -> SignOff | None:
        """The sign-off whose dates the leaflet prints; None when never signed off."""
        return self.handout.sign_off

    @property
    def overdue(self) -> bool:
        return STAMP_OVERDUE in self.stamps

    @property
    def draft(self) -> bool:
        return STAMP_DRAFT in self.stamps

    @property
    def printed_stamps(self) -> tuple[str, ...]:
        """Every stamp its PDF carries: its own and, when bilingual, its facing pages'."""
        theirs = self.companion.stamps if self.companion is not None else ()
        return tuple(dict.fromkeys((*self.stamps, *theirs)))

    @property
    def patient_ready(self) -> bool:
        return not self.printed_stamps

    @property
    def banners(self) -> tuple[str, ...]:
        return (banner(self.stamps),) if self.stamps else ()


@dataclass(frozen=True)
class Skipped:
    """A language deliberately not printed (or not checked), and why."""

    output_name: str
    shown: str
    reason: str
