"""Languages: tags, direction, dates and the UI string placeholders."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import Markup

from careleaf.content.i18n import (
    PLACEHOLDERS,
    TagError,
    check_placeholders,
    direction,
    fill,
    long_date,
    parse_tag,
    placeholders,
)

# --- parse_tag -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "babel_name"),
    [
        ("en", "en"),
        ("es", "es"),
        ("pt-BR", "pt_BR"),
        ("zh-Hans", "zh_Hans"),
        ("es-419", "es_419"),
        ("ar", "ar"),
        ("en-GB", "en_GB"),
    ],
)
def test_parse_tag_accepts_bcp47_tags(tag: str, babel_name: str) -> None:
    assert str(parse_tag(tag)) == babel_name


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("pt_BR", "'pt_BR' is not a BCP 47 language tag; write 'pt-BR'"),
        ("zh_Hant_TW", "'zh_Hant_TW' is not a BCP 47 language tag; write 'zh-Hant-TW'"),
        ("english", "'english' is not a BCP 47 language tag (for example en, es, pt-BR)"),
        ("e", "'e' is not a BCP 47 language tag (for example en, es, pt-BR)"),
        ("en-", "'en-' is not a BCP 47 language tag (for example en, es, pt-BR)"),
        ("", "'' is not a BCP 47 language tag (for example en, es, pt-BR)"),
        ("xx", "'xx' is not a language careleaf knows (Babel has no locale)"),
        ("tlh", "'tlh' is not a language careleaf knows (Babel has no locale)"),
        ("und", "'und' names no particular language"),
    ],
)
def test_parse_tag_refuses_with_a_message(tag: str, message: str) -> None:
    with pytest.raises(TagError) as caught:
        parse_tag(tag)
    assert str(caught.value) == message


def test_tag_error_is_a_value_error() -> None:
    assert issubclass(TagError, ValueError)


# --- direction -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("en", "ltr"), ("zh-Hans", "ltr")],
)
def test_direction(tag: str, expected: str) -> None:
    assert direction(parse_tag(tag)) == expected


# --- long_date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "day", "expected"),
    [
        ("en", date(2026, 11, 20), "November 20, 2026"),
        ("en", date(2026, 1, 5), "January 5, 2026"),
        ("en-GB", date(2026, 11, 20), "20 November 2026"),
        ("de", date(2026, 11, 20), "20. November 2026"),
        ("de", date(2026, 1, 5), "5. Januar 2026"),
        ("fr", date(2026, 11, 20), "20 novembre 2026"),
        ("fr", date(2026, 1, 5), "5 janvier 2026"),
        ("es", date(2026, 11, 20), "20 de noviembre de 2026"),
        ("pt-BR", date(2026, 11, 20), "20 de novembro de 2026"),
        ("zh-Hans", date(2026, 11, 20), "2026年11月20日"),
    ],
)
def test_long_date(tag: str, day: date, expected: str) -> None:
    assert long_date(day, parse_tag(tag)) == expected


# --- fill --------------------------------------------------------------------------


def test_fill_substitutes_placeholders() -> None:
    assert fill("page {n} of {m}", {"n": "1", "m": "3"}) == Markup("page 1 of 3")


def test_fill_returns_markup() -> None:
    assert isinstance(fill("plain", {}), Markup)


def test_fill_escapes_the_template_text() -> None:
    assert fill("<b>Call</b> {n} & ask", {"n": "999"}) == Markup(
        "&lt;b&gt;Call&lt;/b&gt; 999 &amp; ask"
    )


def test_fill_escapes_plain_values() -> None:
    assert fill("Call {clinic_name}", {"clinic_name": "Smith & <Sons>"}) == Markup(
        "Call Smith &amp; &lt;Sons&gt;"
    )


def test_fill_passes_markup_values_through() -> None:
    phone = Markup('<bdi dir="ltr">0100 555 0199</bdi>')
    assert fill("Call {clinic_phone}", {"clinic_phone": phone}) == Markup(
        'Call <bdi dir="ltr">0100 555 0199</bdi>'
    )


@pytest.mark.parametrize(
    "template",
    ["{0.__class__}", "{n.__class__}", "{n!r}", "{n:>5}", "{N}", "{n[0]}"],
)
def test_fill_cannot_reach_attributes_or_format_specs(template: str) -> None:
    # Only {lowercase_name} is a placeholder; anything else prints as written.
    assert fill(template, {"n": "x"}) == Markup(template.replace(">", "&gt;"))


def test_fill_repeats_a_placeholder() -> None:
    assert fill("{n}-{n}", {"n": "7"}) == Markup("7-7")


# --- placeholders and check_placeholders ----------------------------------------------


def test_placeholders_finds_only_lowercase_names() -> None:
    assert placeholders("{a} {B} {c_d} {1} {e.f} {n}{n}") == {"a", "c_d", "n"}


@pytest.mark.parametrize(
    ("key", "template", "message"),
    [
        ("page_of", "page {n}", "'page_of' must contain {m}"),
        ("page_of", "page {m}", "'page_of' must contain {n}"),
        ("page_of", "{N} of {m}", "'page_of' must contain {n}"),
        ("review_line", "Reviewed", "'review_line' must contain {next_review}, {reviewed}"),
        (
            "urgency.urgent.action",
            "Call {clinic_name}",
            "'urgency.urgent.action' must contain {clinic_phone}",
        ),
        (
            "urgency.emergency.action",
            "Call {clinic_phone}",
            "'urgency.emergency.action' must contain {emergency_number}",
        ),
        ("page_of", "{n} of {m} {total}", "'page_of' uses unknown placeholder {total}"),
        ("page_of", "{n} {m} {b} {a}", "'page_of' uses unknown placeholder {a}, {b}"),
        ("page_of", "{m}{x}", "'page_of' must contain {n}"),  # missing is reported first
        ("sections.home_care", "{n}", "'sections.home_care' uses unknown placeholder {n}"),
        ("when_closed", "When closed, call us", "'when_closed' must contain {out_of_hours}"),
        ("other_formats", "Ask {clinic}", "'other_formats' uses unknown placeholder {clinic}"),
        ("printed_on", "Printed on {printed}", "'printed_on' must contain {next_review}"),
    ],
)
def test_check_placeholders_messages(key: str, template: str, message: str) -> None:
    assert check_placeholders(key, template) == message


@pytest.mark.parametrize(
    ("key", "template"),
    [
        ("page_of", "page {n} of {m}"),
        ("page_of", "{m} / {n}"),
        ("urgency.urgent.action", "Call {clinic_name} on {clinic_phone}"),
        ("urgency.soon.action", "Call {clinic_phone}"),
        ("overdue_banner", "REVIEW OVERDUE"),
        ("overdue_banner", "Ask {clinic_name}"),
        ("when_closed", "{clinic_name} closed? Call {out_of_hours}"),
        ("other_formats", "Large print: ask {clinic_name}"),
        ("printed_on", "{next_review} review; printed {printed}"),
    ],
)
def test_check_placeholders_accepts(key: str, template: str) -> None:
    assert check_placeholders(key, template) is None


def test_every_placeholder_rule_accepts_its_own_placeholders() -> None:
    for key, required in PLACEHOLDERS.items():
        template = " ".join("{" + name + "}" for name in sorted(required))
        assert check_placeholders(key, template) is None, key
