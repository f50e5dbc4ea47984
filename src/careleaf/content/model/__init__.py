"""Frozen, typed models of validated content.

Pydantic does the structural checking (types, required and unknown keys,
list sizes); the text rules in :mod:`.types` turn each raw string into clean
text or a message. Later stages take these models and never look at raw
dicts again.
"""

from careleaf.content.model.clinic import DEFAULT_REVIEW_INTERVAL_MONTHS, Clinic, Confirmation, Logo
from careleaf.content.model.content import (
    Content,
    Governance,
    Item,
    ListSection,
    Sign,
    SignOff,
    Source,
    Translation,
    WarningSigns,
)
from careleaf.content.model.strings import (
    OPTIONAL_STRINGS,
    SectionStrings,
    UIStrings,
    Urgency,
    UrgencyStrings,
)
from careleaf.content.model.types import (
    HANDOUT_ID_RE,
    ITEM_ID_MAX,
    ITEM_ID_RE,
    Model,
    clean_text,
    is_blank,
)

__all__ = [
    "DEFAULT_REVIEW_INTERVAL_MONTHS",
    "HANDOUT_ID_RE",
    "ITEM_ID_MAX",
    "ITEM_ID_RE",
    "OPTIONAL_STRINGS",
    "Clinic",
    "Confirmation",
    "Content",
    "Governance",
    "Item",
    "ListSection",
    "Logo",
    "Model",
    "SectionStrings",
    "Sign",
    "SignOff",
    "Source",
    "Translation",
    "UIStrings",
    "Urgency",
    "UrgencyStrings",
    "WarningSigns",
    "clean_text",
    "is_blank",
]
