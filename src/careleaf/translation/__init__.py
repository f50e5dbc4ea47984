"""Translations: how each one stands against its source, and the translator's commands.

:mod:`.fields` is pure and imported by the build; the commands
(:mod:`.commands`, :mod:`.approval`, :mod:`.comments`) edit translation files
and are imported only by the command line.
"""

from __future__ import annotations

from .fields import (
    BOOKKEEPING,
    FieldIssue,
    TranslationStatus,
    compare,
    fields,
    fingerprint,
    merged,
    normalize,
)

__all__ = [
    "BOOKKEEPING",
    "FieldIssue",
    "TranslationStatus",
    "compare",
    "fields",
    "fingerprint",
    "merged",
    "normalize",
]
