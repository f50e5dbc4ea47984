"""The real date: the one place careleaf reads the calendar.

A patient-ready print, a sign-off and an approval are dated by the day they
really happen, so nothing here can be set from the command line or a file.
``--today`` only plans (status, check, stamped copies; see
:data:`careleaf.governance.stamps.STAMP_PLANNING`). Tests freeze the clock itself
(time-machine in-process, libfaketime around a subprocess) instead.
"""

from __future__ import annotations

from datetime import date


def today() -> date:
    """Today's date on this machine's clock."""
    return date.today()
