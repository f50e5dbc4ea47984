"""Languages: BCP 47 tags, text direction, dates and UI string placeholders (Babel)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup, escape

_TAG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")

#: The placeholders each UI string may use; the ones listed are also required.
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "review_line": frozenset({"reviewed", "next_review"}),
    "not_reviewed": frozenset(),
    "page_of": frozenset({"n", "m"}),
    "urgency.emergency.action": frozenset({"emergency_number"}),
    "urgency.urgent.action": frozenset({"clinic_phone"}),
    "urgency.soon.action": frozenset({"clinic_phone"}),
    "when_closed": frozenset({"out_of_hours"}),
    "other_formats": frozenset(),
    "printed_on": frozenset({"printed", "next_review"}),
    "logo_alt": frozenset(),
    "qr_code_alt": frozenset({"url"}),
}
#: Placeholders a string may use without having to.
OPTIONAL_PLACEHOLDERS = frozenset({"clinic_name"})


class TagError(ValueError):
    """A language tag that is not a BCP 47 tag Babel knows."""


def parse_tag(tag: str) -> Locale:
    """Return the Babel locale for a BCP 47 tag such as ``en``, ``pt-BR`` or ``zh-Hans``."""
    if "_" in tag:
        raise TagError(f"'{tag}' is not a BCP 47 language tag; write '{tag.replace('_', '-')}'")
    if not _TAG_RE.fullmatch(tag):
        raise TagError(f"'{tag}' is not a BCP 47 language tag (for example en, es, pt-BR)")
    if tag.split("-")[0].lower() in {"und", "mul", "zxx", "mis"}:
        raise TagError(f"'{tag}' names no particular language")
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        raise TagError(f"'{tag}' is not a language careleaf knows (Babel has no locale)") from None


def direction(locale: Locale) -> str:
    """``rtl`` or ``ltr``, as the ``dir`` attribute wants it."""
    return "rtl" if locale.text_direction == "rtl" else "ltr"


def long_date(day: date, locale: Locale) -> str:
    """The date written out as that language writes it, e.g. 'November 20, 2026'."""
    return format_date(day, format="long", locale=locale)


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(template))


def check_placeholders(key: str, template: str) -> str | None:
    """A message when ``template`` lacks a required placeholder or uses an unknown one."""
    required = PLACEHOLDERS.get(key, frozenset())
    used = placeholders(template)
    missing = sorted(required - used)
    unknown = sorted(used - required - OPTIONAL_PLACEHOLDERS)
    if missing:
        return f"'{key}' must contain " + ", ".join("{" + m + "}" for m in missing)
    if unknown:
        return f"'{key}' uses unknown placeholder " + ", ".join("{" + u + "}" for u in unknown)
    return None


def fill(template: str, values: Mapping[str, Markup | str]) -> Markup:
    """Substitute ``{name}`` placeholders, escaping the template's own text.

    Values that are :class:`Markup` (an LTR-isolated phone number, say) go in as
    they are; plain strings are escaped. Unlike ``str.format`` this cannot reach
    attributes, so a translator's string can do nothing but print.
    """
    out: list[str] = []
    pos = 0
    for match in PLACEHOLDER_RE.finditer(template):
        out.append(escape(template[pos : match.start()]))
        out.append(escape(values[match.group(1)]))
        pos = match.end()
    out.append(escape(template[pos:]))
    return Markup("".join(out))
