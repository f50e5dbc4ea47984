"""The stamps a print that is not for patients carries, by name.

Each prints as "<stamp> - not for patient use" (careleaf.governance.release
decides which). Named here, free of imports, for the no-op check, which must
not load the models.
"""

from __future__ import annotations

#: Not signed off, changed since, overdue, a draft translation.
STAMP_NOT_SIGNED_OFF = "NOT SIGNED OFF"
STAMP_CHANGED = "CHANGED SINCE SIGN-OFF"
STAMP_OVERDUE = "REVIEW OVERDUE"
STAMP_DRAFT = "DRAFT TRANSLATION"
#: Printed from a clinic profile whose details no named person confirmed as they stand.
STAMP_CLINIC = "CLINIC NOT CONFIRMED"
#: A print made as of another day than today (``--today``): for planning, never for patients.
STAMP_PLANNING = "PLANNING COPY"
