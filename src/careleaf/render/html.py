"""Model -> HTML: one Jinja2 environment, content passed only as values."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup

from careleaf import __version__
from careleaf.catalog.leaflet import Leaflet
from careleaf.content import i18n
from careleaf.content.model import Clinic, ListSection, WarningSigns
from careleaf.content.phones import printed
from careleaf.content.printing import LARGE_PRINT, STANDARD
from careleaf.render.fonts import font_css
from careleaf.render.watermark import watermark_lines

TEMPLATE = "handout.html.j2"
SECTIONS = ("home_care", "warning_signs", "prevention")
URGENCY_LEVELS = ("emergency", "urgent", "soon")

PAPER_MM: Mapping[str, tuple[float, float]] = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
# top, right, bottom, left
MARGIN_MM = (12.0, 16.0, 10.0, 16.0)

#: Large print body text size; fixed, never shrunk (headings are larger, in em).
LARGE_PRINT_BODY_PT = 16.0
# Large print carries its footer in the bottom margin, so that margin is tall;
# the top margin holds up to two rows of stamps.
LARGE_PRINT_MARGIN_MM = (16.0, 16.0, 64.0, 16.0)


class TemplateRefused(jinja2.TemplateNotFound):
    """A template asked to include a file from outside ``templates/``."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, f"refused to load '{name}': {reason}")
        self.reason = reason


class ProjectLoader(jinja2.FileSystemLoader):
    """Loads templates only from inside the templates folder, after resolving symlinks."""

    def __init__(self, templates_dir: Path) -> None:
        super().__init__(templates_dir)
        self.root = templates_dir.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if ".." in template.replace("\\", "/").split("/") or template.startswith("/"):
            raise TemplateRefused(template, "only files inside templates/ may be used")
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise TemplateRefused(template, "it is outside the project's templates/")
        return source, filename, uptodate


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """The one Jinja2 environment: autoescape everything, fail on any undefined name."""
    return jinja2.Environment(
        loader=ProjectLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def page_css(paper: str, variant: str = STANDARD) -> str:
    """Page geometry for a paper size; the values come from a fixed table, never content."""
    width, height = PAPER_MM[paper]
    top, right, bottom, left = LARGE_PRINT_MARGIN_MM if variant == LARGE_PRINT else MARGIN_MM
    return (
        f"@page {{ size: {width}mm {height}mm; margin: {top}mm {right}mm {bottom}mm {left}mm; }}\n"
    ) + font_css()


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that prints literally.

    Every character but an ASCII letter, digit or space becomes a six-digit hex
    escape (its terminating space is part of the escape), so untrusted text can
    never close the string, the declaration or the rule.
    """
    out = [c if c == " " or (c.isascii() and c.isalnum()) else f"\\{ord(c):06X} " for c in text]
    return '"' + "".join(out) + '"'


def page_number_css(page_of: str) -> str:
    """The large-print page number rule: the translated "page {n} of {m}" with CSS counters."""
    counters = {"n": "counter(page)", "m": "counter(pages)"}
    parts: list[str] = []
    pos = 0
    for match in i18n.PLACEHOLDER_RE.finditer(page_of):
        if match.group(1) in counters:
            if match.start() > pos:
                parts.append(css_string(page_of[pos : match.start()]))
            parts.append(counters[match.group(1)])
            pos = match.end()
    if pos < len(page_of) or not parts:
        parts.append(css_string(page_of[pos:]))
    return f".page-number::after {{ content: {' '.join(parts)}; }}\n"


@dataclass(frozen=True)
class RenderOptions:
    """What changes how a leaflet looks, besides its content."""

    banners: tuple[str, ...] = ()  # the stamp of a leaflet that is not patient-ready
    #: The print is not patient-ready (its own stamps or, bilingual, its facing pages'):
    #: every page carries the watermark.
    watermark: bool = False
    variant: str = STANDARD
    logo: str | None = None  # the clinic logo as a data: URL
    printed_on: date | None = None  # the build's day, printed beside the QR code


def phone(number: str, region: str) -> Markup:
    """A phone number as ``region`` writes it, kept left-to-right and on one line.

    The national form for a number of the region (``020 7946 0199``), else the
    international one (:func:`careleaf.content.phones.printed`). A left-to-right
    isolate (U+2066 ... U+2069) keeps the digits in order in Arabic or Hebrew
    text, and no-break spaces keep the number whole. It is plain text, not an
    element: WeasyPrint breaks a line badly (far too early) when an
    unbreakable inline element sits inside another.
    """
    return Markup("\u2066{}\u2069").format(printed(number, region).replace(" ", "\u00a0"))


def isolate(text: str) -> Markup:
    """Text set apart from the sentence around it for the bidi algorithm (U+2068 ... U+2069).

    A Latin clinic name inside an Arabic sentence then stays one unit, and
    punctuation after it keeps to the sentence's direction.
    """
    return Markup("\u2068{}\u2069").format(text)


def phones(numbers: tuple[str, ...], region: str) -> Markup:
    """Several numbers, each isolated, separated by a slash (no words to translate).

    Two spellings of one number print once.
    """
    shown = dict.fromkeys(phone(n, region) for n in numbers)
    return Markup(" / ").join(shown)


def online(clinic: Clinic, leaflet: Leaflet, printed_on: date | None) -> dict[str, str] | None:
    """The QR code and address of the leaflet's current version, when the clinic has one.

    With ``printed_on``, also the day the copy was made and the review due date,
    so that whoever holds an old copy can tell it is time to look for a newer one.
    """
    if not clinic.leaflet_url:
        return None
    url = clinic.leaflet_url.replace("{lang}", leaflet.tag).replace("{handout}", leaflet.handout.id)
    return {
        "label": leaflet.strings.online_version,
        "url": url,
        "qr": qr_code(url),
        "alt": i18n.fill(leaflet.strings.qr_code_alt, {"url": url}),
        "dates": printed_line(leaflet, printed_on) if printed_on else "",
    }


@lru_cache(maxsize=256)
def qr_code(url: str) -> str:
    """The QR code of ``url`` as an SVG data URL (made once: a fit lays a leaflet out
    several times, and choosing the best mask is most of the cost)."""
    # Vector, not raster: it stays sharp in print. Medium error correction survives smudges.
    qr = segno.make(url, error="m", micro=False)
    return str(qr.svg_data_uri(scale=4, border=4, dark="#000", light="#fff"))


def printed_line(leaflet: Leaflet, printed_on: date) -> Markup:
    """'Printed on ... - Review due ...' in the leaflet's language; empty before any sign-off."""
    if leaflet.review is None:
        return Markup("")
    due = leaflet.review.next_review_due
    return _with_dates(leaflet, leaflet.strings.printed_on, printed=printed_on, next_review=due)


def review_line(leaflet: Leaflet) -> Markup:
    """The language's review line with the sign-off dates written its way.

    A handout nobody has signed off has no review dates: it says so instead
    (and is stamped NOT SIGNED OFF).
    """
    review = leaflet.review
    if review is None:
        return Markup.escape(leaflet.strings.not_reviewed)
    return _with_dates(
        leaflet,
        leaflet.strings.review_line,
        reviewed=review.signed_on,
        next_review=review.next_review_due,
    )


def _with_dates(leaflet: Leaflet, template: str, **days: date) -> Markup:
    return i18n.fill(template, {k: i18n.long_date(d, leaflet.locale) for k, d in days.items()})


def render_html(
    env: jinja2.Environment,
    leaflet: Leaflet,
    clinic: Clinic,
    body_pt: Mapping[str, float],
    options: RenderOptions,
    only: Collection[str] | None = None,
) -> str:
    """The leaflet as HTML, with each section's body text at ``body_pt[section]``.

    With ``only``, the pages of those sections (numbered as in the leaflet).
    """
    content, ui, review = leaflet.content, leaflet.strings, leaflet.review
    values = {
        "clinic_name": isolate(clinic.name),
        "clinic_phone": phone(clinic.phone, clinic.region),
        "emergency_number": phone(clinic.emergency, clinic.region),
        "out_of_hours": phones(clinic.when_closed, clinic.region),
    }
    # Urgent help is needed "today" even when the clinic is shut; say whom to call then.
    when_closed = i18n.fill(ui.when_closed, values) if clinic.when_closed else None
    total = len(SECTIONS)
    sections = []
    for number, key in enumerate(SECTIONS, start=1):
        if only is not None and key not in only:
            continue
        block: ListSection | WarningSigns = getattr(content, key)
        urgency = []
        if isinstance(block, WarningSigns):
            for level in URGENCY_LEVELS:
                strings = getattr(ui.urgency, level)
                urgency.append(
                    {
                        "key": level,
                        "label": strings.label,
                        "action": i18n.fill(strings.action, values),
                        "note": when_closed if level == "urgent" else None,
                        "signs": getattr(block, level),
                    }
                )
        sections.append(
            {
                "key": key,
                "number": number,
                "css": key.replace("_", "-"),
                "heading": getattr(ui.sections, key),
                "intro": block.intro,
                "entries": block.items if isinstance(block, ListSection) else (),
                "urgency": urgency,
                "body_pt": f"{body_pt[key]:g}",
                "page_of": i18n.fill(ui.page_of, {"n": str(number), "m": str(total)}),
                "online": (
                    online(clinic, leaflet, options.printed_on) if key == "prevention" else None
                ),
                # Large print is itself the other format; the standard leaflet points to it.
                "other_formats": (
                    i18n.fill(ui.other_formats, values)
                    if key == "prevention" and options.variant == STANDARD
                    else None
                ),
            }
        )
    handout = leaflet.handout
    return env.get_template(TEMPLATE).render(
        lang=leaflet.tag,
        dir=i18n.direction(leaflet.locale),
        title=content.title,
        subtitle=content.subtitle,
        clinic_name=clinic.name,
        clinic_phone=phone(clinic.phone, clinic.region),
        logo={"src": options.logo, "alt": i18n.fill(ui.logo_alt, {"clinic_name": clinic.name})}
        if clinic.logo and options.logo
        else None,
        disclaimer=content.disclaimer,
        review_line=review_line(leaflet),
        banners=options.banners,
        watermark=watermark_lines(leaflet, options.watermark),
        large_print=options.variant == LARGE_PRINT,
        sections=sections,
        meta={
            "author": handout.publisher or (review.signed_by if review else clinic.name),
            "subject": content.subtitle or content.title,
            "keywords": f"{handout.id}, {leaflet.tag}",
            "generator": f"careleaf {__version__}",
            # The PDF's dates come from the content, never the clock: the same input
            # prints the same bytes. A handout never signed off has none.
            "created": review.signed_on.isoformat() if review else "",
            "modified": review.signed_on.isoformat() if review else "",
        },
    )
