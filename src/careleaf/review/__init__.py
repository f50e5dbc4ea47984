"""Review and sign-off: who signed a handout off, exactly what they signed, what changed since.

:mod:`.record` is pure (the record, its fingerprint, the comparison with
today's text) and imported by the build; :mod:`.signoff` writes a record
and :mod:`.diff` shows the changes, for the command line.
"""
