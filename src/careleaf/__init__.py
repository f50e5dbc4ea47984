"""careleaf: print-ready three-page patient handouts from YAML content."""

from __future__ import annotations

__version__ = "0.1.0"
