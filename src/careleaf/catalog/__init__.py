"""Reading a project into leaflets.

``catalog`` reads every handout and language of a selection, once, and judges
each (``reader``) by the governance rules; ``sources`` knows which language a
translation follows, ``uistrings`` merges a language's UI strings over the
source's, ``leaflet`` is what the later stages get, ``bilingual`` pairs
translations with the pages they face.
"""
