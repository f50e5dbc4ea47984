"""Fonts per language: one explicit stack each, and proof before rendering that it covers the text.

Leaving script choice to fontconfig's fallback prints Chinese in a Japanese
face or, worse, empty boxes. So each language gets a stack from this table;
the same table writes the ``:lang()`` CSS rules and checks, before anything
is laid out, that the stack's installed fonts have every character. A gap is
reported with the characters and the Debian package that fills it.
"""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale


@dataclass(frozen=True)
class FontStack:
    families: tuple[str, ...]
    package: str  # the Debian package that installs the first family


NOTO = "fonts-noto-core"
CJK = "fonts-noto-cjk"
DEFAULT = FontStack(("Noto Sans", "DejaVu Sans"), NOTO)


def _script(family: str) -> FontStack:
    return FontStack((family, "Noto Sans"), NOTO)


#: Keyed by BCP 47 language, or language-script where the script decides.
STACKS: dict[str, FontStack] = {
    "ar": _script("Noto Sans Arabic"),
    "fa": _script("Noto Sans Arabic"),
    "ur": _script("Noto Sans Arabic"),
    "ps": _script("Noto Sans Arabic"),
    "he": _script("Noto Sans Hebrew"),
    "yi": _script("Noto Sans Hebrew"),
    "hi": _script("Noto Sans Devanagari"),
    "mr": _script("Noto Sans Devanagari"),
    "ne": _script("Noto Sans Devanagari"),
    "bn": _script("Noto Sans Bengali"),
    "pa": _script("Noto Sans Gurmukhi"),
    "gu": _script("Noto Sans Gujarati"),
    "ta": _script("Noto Sans Tamil"),
    "te": _script("Noto Sans Telugu"),
    "kn": _script("Noto Sans Kannada"),
    "ml": _script("Noto Sans Malayalam"),
    "si": _script("Noto Sans Sinhala"),
    "th": _script("Noto Sans Thai"),
    "lo": _script("Noto Sans Lao"),
    "km": _script("Noto Sans Khmer"),
    "my": _script("Noto Sans Myanmar"),
    "am": _script("Noto Sans Ethiopic"),
    "ti": _script("Noto Sans Ethiopic"),
    "hy": _script("Noto Sans Armenian"),
    "ka": _script("Noto Sans Georgian"),
    "zh": FontStack(("Noto Sans CJK SC", "Noto Sans"), CJK),
    "zh-Hans": FontStack(("Noto Sans CJK SC", "Noto Sans"), CJK),
    "zh-Hant": FontStack(("Noto Sans CJK TC", "Noto Sans"), CJK),
    "ja": FontStack(("Noto Sans CJK JP", "Noto Sans"), CJK),
    "ko": FontStack(("Noto Sans CJK KR", "Noto Sans"), CJK),
}


def stack_for(locale: Locale) -> FontStack:
    """The stack for a language: language-script first, then language, then the default."""
    if locale.script:
        found = STACKS.get(f"{locale.language}-{locale.script}")
        if found:
            return found
    return STACKS.get(locale.language, DEFAULT)


def _family_css(stack: FontStack) -> str:
    return ", ".join(f'"{family}"' for family in stack.families) + ", sans-serif"


def font_css() -> str:
    """``body`` and ``:lang()`` font rules, generated from the same table the check uses."""
    rules = [f"body {{ font-family: {_family_css(DEFAULT)}; }}"]
    for tag, stack in STACKS.items():
        rules.append(f":lang({tag}) {{ font-family: {_family_css(stack)}; }}")
    return "\n".join(rules) + "\n"


@cache
def installed_files(family: str) -> tuple[str, ...]:
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}\\n", f":family={family}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({line for line in listing.splitlines() if line}))


@cache
def family_coverage(family: str) -> frozenset[int]:
    """Code points the installed files of ``family`` can draw (empty if not installed)."""
    from fontTools.ttLib import TTCollection, TTFont

    points: set[int] = set()
    for path in installed_files(family):
        try:
            if path.lower().endswith((".ttc", ".otc")):
                fonts = list(TTCollection(path, lazy=True).fonts)
            else:
                fonts = [TTFont(path, lazy=True)]
            for font in fonts:
                cmap = font.getBestCmap() or {}
                points.update(cmap)
        except Exception:  # a broken font file only means less coverage
            continue
    return frozenset(points)


def _needs_glyph(char: str) -> bool:
    category = unicodedata.category(char)
    return not (char.isspace() or category.startswith(("Z", "C")))


def uncovered(texts: Iterable[str], stack: FontStack) -> list[str]:
    """Characters of ``texts`` that no installed font of ``stack`` can draw, in order."""
    covered: set[int] = set()
    for family in stack.families:
        covered |= family_coverage(family)
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            if _needs_glyph(char) and ord(char) not in covered:
                seen.setdefault(char)
    return list(seen)


def describe(chars: list[str], limit: int = 8) -> str:
    shown = ", ".join(f"'{c}' U+{ord(c):04X}" for c in chars[:limit])
    more = len(chars) - limit
    return shown + (f" and {more} more" if more > 0 else "")
