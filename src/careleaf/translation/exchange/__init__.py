"""Translators' tools: a language out to a PO or XLIFF file and back.

:mod:`.units` names every field as a unit and says how it stands,
:mod:`.po` and :mod:`.xliff` write and read the two formats,
:mod:`.importing` checks a file from outside and :mod:`.writing` puts what
changed back into the YAML files.
"""

from __future__ import annotations
