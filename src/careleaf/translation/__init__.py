"""The translator's commands: each edits translation files, none decides what prints.

:mod:`.start` (``translate init``), :mod:`.commands` (status, mark-current),
:mod:`.approve`, :mod:`.comments` (the ``# en:`` comments above each field) and
:mod:`.exchange` (PO and XLIFF, out and back). How a translation stands against
its source, and whether its approval holds, are rules the build uses too: they
live in :mod:`careleaf.content.fields` and :mod:`careleaf.governance.approval`.
"""
