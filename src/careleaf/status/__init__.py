"""The review-cycle dashboard: every handout x language, most urgent first.

One row per content file (:mod:`.row`): sign-off and review state,
translation state, whether each section fits its page and at what body
size, and the reading level, gathered by :mod:`.collect`.
"""

from careleaf.status.collect import Dashboard, reading_warnings, status_rows
from careleaf.status.row import (
    FAIL_ON,
    Row,
    SignOffInfo,
    describe_fit,
    describe_review,
    describe_sign_off,
    describe_translation,
)

__all__ = [
    "FAIL_ON",
    "Dashboard",
    "Row",
    "SignOffInfo",
    "describe_fit",
    "describe_review",
    "describe_sign_off",
    "describe_translation",
    "reading_warnings",
    "status_rows",
]
