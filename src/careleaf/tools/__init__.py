"""The commands that are neither review nor translation.

``clean`` (remove what careleaf made, nothing else), ``new`` (scaffold a
handout), ``migrate`` (bring old files to the current format), ``preview``
(pages as PNG images) and ``watch`` (rebuild on save).
"""
