"""The reviewer's and the clinic's commands: each writes a record, none decides what prints.

:mod:`.signoff` writes a sign-off record, :mod:`.diff` shows what changed since,
:mod:`.confirm` writes a clinic profile's confirmation. The records and the rules
that judge them live in :mod:`careleaf.governance`.
"""
