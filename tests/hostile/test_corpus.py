"""A corpus of hostile and careless input, run through the real CLI.

Each case is one entry in ``CASES``: a mutation of the fixture project (which
always holds a second, good handout ``other`` beside the broken ``cramp``),
the exact problems ``careleaf build`` must print, and what must happen to the
output:

``builds``
    exit 0, both PDFs written with three pages, nothing attached or leaked.
``partial``
    exit 1, ``cramp`` gets no PDF, ``other`` is still built with three pages.
``stops``
    exit 1 (or 2 for a usage error): nothing can be built, and the PDFs of an
    earlier good build are left byte for byte as they were.

A case that shows a bug in careleaf asserts the correct behaviour and carries
the bug as ``bug``; it is then an expected failure until the bug is fixed.
Where the exact wording of the fix is still open, the expected problem is a
regular expression that pins the location and what the message must name.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner, Result

from careleaf.cli import cli

from conftest import (
    CONTENT,
    TODAY_ARG,
    FixtureProject,
    bidi_message,
    make_project,
    one_line,
    pdf_pages,
)

pytestmark = pytest.mark.render  # every test here renders PDFs


EN = "handouts/cramp/en.yaml"
GOV = "handouts/cramp/handout.yaml"
CLINIC = "handouts/clinic.yaml"
STRINGS = "handouts/_strings/en.yaml"
TEMPLATE = "templates/handout.html.j2"
CSS = "styles/print.css"
BROKEN_PDF = "output/en/cramp.pdf"
OTHER_PDF = "output/en/other.pdf"
#: Replaced by the project folder as a file:// URL in expected messages.
ROOT = "<ROOT>"

DISCLAIMER = "disclaimer: General information only. Ask your doctor if you are worried."
ITEM_TEXT = "text: Rub the muscle to help it relax."
OUTSIDE_ANY_FOLDER = "it is outside the project's templates/ and styles/"
ONLY_FILES = "only files inside templates/ and styles/ may be used"
SECRET = "SECRET PATIENT RECORD 4711"
PASSWD_LINES = [
    line for line in Path("/etc/passwd").read_text(encoding="utf-8").splitlines() if line.strip()
]

Mutation = Callable[[FixtureProject], None]
Expected = str | re.Pattern[str]


# --- mutations ------------------------------------------------------------------------------


def edit(rel: str, old: str, new: str) -> Mutation:
    return lambda project: project.edit(rel, old, new)


def replace(rel: str, data: str | bytes) -> Mutation:
    """Write ``data`` as the whole file, byte for byte (no dedent)."""

    def mutate(project: FixtureProject) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        project.path(rel).write_bytes(raw)

    return mutate


def prepend(rel: str, text: str) -> Mutation:
    """Put ``text`` at the top of a file, so the line numbers of the mistake are stable."""
    return lambda project: project.path(rel).write_text(text + project.read(rel), "utf-8")


def typed_text(typed: str) -> Mutation:
    """Make the second home-care item's text exactly ``typed`` (single-quoted YAML)."""
    return edit(EN, ITEM_TEXT, "text: '" + typed.replace("'", "''") + "'")


def symlink(rel: str, target: str) -> Mutation:
    """A link at ``rel`` to ``target``: an absolute path, or a file beside the project."""

    def mutate(project: FixtureProject) -> None:
        if target.startswith("/"):
            destination = Path(target)
        else:
            destination = project.root.parent / target
            destination.write_text(SECRET + "\n", encoding="utf-8")
        link = project.path(rel)
        if link.exists():
            link.unlink()
        os.symlink(destination, link)

    return mutate


def copy_outside_and_link(rel: str) -> Mutation:
    """Move a staff file out of the project and leave a symlink to it in its place."""

    def mutate(project: FixtureProject) -> None:
        outside = project.root.parent / Path(rel).name
        shutil.move(project.path(rel), outside)
        os.symlink(outside, project.path(rel))

    return mutate


def combine(*mutations: Mutation) -> Mutation:
    def mutate(project: FixtureProject) -> None:
        for mutation in mutations:
            mutation(project)

    return mutate


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, prev = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- the corpus -----------------------------------------------------------------------------


LIST_SECTION = "careleaf.content.model.ListSection"


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Mutation
    #: The problem lines on stderr before the summary, in order; empty for ``builds``.
    #: For a usage error (exit 2), the one ``Error: ...`` line click prints last.
    problems: tuple[Expected, ...] = ()
    outcome: str = "partial"  # "builds", "partial" or "stops"
    args: tuple[str, ...] = ()
    usage: bool = False  # a usage error: exit 2
    # builds: text that must print exactly as typed (each of several texts, when a tuple)
    typed: str | tuple[str, ...] | None = None
    within_s: float | None = None  # the run must return within this many seconds
    absent: tuple[str, ...] = ()  # files (relative to the project) that must not appear
    bug: str | None = None  # a known careleaf bug: the case is an expected failure

    @property
    def exit_code(self) -> int:
        return 0 if self.outcome == "builds" else 2 if self.usage else 1

    def __post_init__(self) -> None:
        assert self.outcome in {"builds", "partial", "stops"}, self.outcome
        assert (self.outcome == "builds") == (not self.problems), self.id


def bidi(char: str, name: str, rel: str, old: str, new: str, where: str, field: str) -> Case:
    return Case(
        f"bidi-U+{ord(char):04X}-refused",
        edit(rel, old, new.replace("@", char)),
        (f"{where}: '{field}' {bidi_message(char, name)}",),
    )


def injection(case_id: str, typed: str) -> Case:
    return Case(case_id, typed_text(typed), outcome="builds", typed=typed)


OVERDUE = (
    "review overdue: next review was due {due}; review the handout and sign it off again "
    "(careleaf review sign-off cramp --by NAME), or build with --allow-overdue for the "
    "review meeting"
)


def signed(**when: Any) -> Mutation:
    """The fixture handout signed off again, with these dates."""
    return lambda project: project.sign_off(**when)


CASES: list[Case] = [
    # --- YAML -------------------------------------------------------------------------------
    Case(
        "yaml-unclosed-flow-list",
        edit(EN, "title: Leg cramp", "title: [Leg cramp"),
        (
            f"{EN}:3:9: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
        ),
    ),
    Case(
        "yaml-bad-indentation",
        edit(EN, "  items:\n    - heading: Stretch", " items:\n    - heading: Stretch"),
        (
            f"{EN}:7:2: YAML syntax error: did not find expected key "
            "(while parsing a block mapping)",
        ),
    ),
    Case(
        "yaml-unclosed-quote",
        edit(EN, "title: Leg cramp", 'title: "Leg cramp'),
        (f"{EN}:2:8: YAML syntax error: a quoted value that starts here is never closed",),
    ),
    Case(
        "yaml-tab-indentation",
        edit(EN, "    - heading: Stretch", "\t- heading: Stretch"),
        (f"{EN}:8:1: tab used for indentation; indent with spaces",),
    ),
    Case(
        "yaml-nbsp-indentation",
        edit(EN, "  intro: Most cramps", "\u00a0 intro: Most cramps"),
        (f"{EN}:6:1: U+00A0 (NO-BREAK SPACE) used for indentation; indent with ordinary spaces",),
    ),
    Case(
        "yaml-unquoted-colon",
        edit(EN, "text: Drink water through the day.", "text: Note: drink water through the day."),
        (f"{EN}:29:17: YAML syntax error: unexpected ':'; put text that contains ': ' in quotes",),
    ),
    Case(
        "yaml-two-documents",
        replace(EN, CONTENT + "---\ntitle: Second document\n"),
        (f"{EN}:31:1: more than one YAML document ('---'); use one per file",),
    ),
    Case(
        "yaml-duplicate-key",
        replace(EN, CONTENT + "title: Again\n"),
        (f"{EN}:31:1: duplicate key 'title' (first defined at line 2)",),
    ),
    Case(
        "yaml-anchor",
        edit(EN, "  intro: Most cramps", "  intro: &first Most cramps"),
        (f"{EN}:6:10: anchors ('&first') are not allowed",),
    ),
    Case(
        "yaml-alias",
        edit(EN, "  intro: These habits can help.", "  intro: *first"),
        (f"{EN}:26:10: aliases ('*first') are not allowed; write the value out",),
    ),
    Case(
        "yaml-billion-laughs",
        replace(EN, billion_laughs()),
        (f"{EN}:1:4: anchors ('&a') are not allowed",),
        within_s=10.0,
    ),
    Case(
        "yaml-tag-python-object-apply",
        edit(EN, "title: Leg cramp", "title: !!python/object/apply:os.system ['touch pwned']"),
        (f"{EN}:2:8: tags ('!!python/object/apply:os.system') are not allowed",),
        absent=("pwned",),
    ),
    Case(
        "yaml-tag-python-object",
        edit(EN, "home_care:\n", f"home_care: !!python/object:{LIST_SECTION}\n"),
        (f"{EN}:5:12: tags ('!!python/object:{LIST_SECTION}') are not allowed",),
    ),
    Case(
        "yaml-tag-str",
        edit(EN, "title: Leg cramp", "title: !!str Leg cramp"),
        (f"{EN}:2:8: tags ('!!str') are not allowed",),
    ),
    Case(
        "yaml-nul-byte",
        replace(EN, CONTENT.replace("title: Leg cramp", "title: Leg\x00cramp")),
        (f"{EN}:2:11: control character U+0000 is not allowed",),
    ),
    Case(
        "yaml-nul-as-escape",
        edit(EN, "title: Leg cramp", 'title: "Leg\\0cramp"'),
        (f"{EN}:2:8: 'title' contains control character U+0000; remove it",),
    ),
    Case(
        "yaml-invalid-utf8",
        replace(EN, CONTENT.encode().replace(b"Leg cramp", b"Leg \xff cramp")),
        (f"{EN}:2:12: not valid UTF-8 (byte 0xff); save the file as UTF-8",),
    ),
    Case(
        "yaml-latin1-after-accents",
        replace(
            EN, CONTENT.encode().replace(b"Leg cramp", "Leg cramp \u2013 caf".encode() + b"\xe9")
        ),
        (f"{EN}:2:23: not valid UTF-8 (byte 0xe9); save the file as UTF-8",),
    ),
    Case(
        "yaml-line-separator-u2028",
        edit(EN, "title: Leg cramp", "title: Leg\u2028cramp"),
        (f"{EN}:2:11: U+2028 (LINE SEPARATOR) is not allowed; use a normal line break",),
    ),
    Case("yaml-utf8-bom", replace(EN, b"\xef\xbb\xbf" + CONTENT.encode()), outcome="builds"),
    Case("yaml-crlf-line-ends", replace(EN, CONTENT.replace("\n", "\r\n")), outcome="builds"),
    Case("yaml-empty-file", replace(EN, b""), (f"{EN}:1:1: file is empty",)),
    Case(
        "yaml-only-comments",
        replace(EN, "# to do: translate\n\n"),
        (f"{EN}:1:1: file has no content (only comments or blank lines)",),
    ),
    Case(
        "yaml-over-size-cap",
        replace(EN, CONTENT + "#" * (256 * 1024) + "\n"),
        (f"{EN}: file is {len(CONTENT) + 256 * 1024 + 1:,} bytes; the limit is 262,144",),
    ),
    Case(
        "yaml-nested-too-deep",
        edit(EN, "title: Leg cramp", "title: " + "[" * 20 + "]" * 20),
        (f"{EN}:2:23: nested more than 16 levels deep",),
    ),
    Case(
        "yaml-scalar-where-list-belongs",
        edit(
            EN,
            "  emergency:\n    - text: You have trouble breathing.\n      id: breathing\n",
            "  emergency: You have trouble breathing.\n",
        ),
        (f"{EN}:16:14: 'warning_signs.emergency' must be a list, not text",),
    ),
    Case(
        "yaml-list-where-text-belongs",
        edit(EN, "title: Leg cramp", "title: [Leg, cramp]"),
        (f"{EN}:2:8: 'title' must be text, not a list",),
    ),
    Case(
        "yaml-mapping-where-text-belongs",
        edit(EN, "title: Leg cramp", "title: {text: Leg cramp}"),
        (f"{EN}:2:8: 'title' must be text, not a mapping of keys",),
    ),
    Case(
        "yaml-unknown-key-typo",
        edit(EN, "subtitle:", "subtitel:"),
        (f"{EN}:3:1: unknown key 'subtitel'; did you mean 'subtitle'?",),
    ),
    Case(
        "yaml-unknown-key",
        edit(GOV, "publisher:", "colour: red\npublisher:"),
        (
            f"{GOV}:3:1: unknown key 'colour'; expected one of: id, source_language, "
            "publisher, notes, sources, sign_off",
        ),
    ),
    Case(
        "yaml-key-is-a-list",
        edit(EN, "subtitle: A tiny handout for tests\n", "? [a, b]\n: c\n"),
        (f"{EN}:3:3: a key must be plain text, not a list or mapping",),
    ),
    Case(
        "yaml-key-with-newline-and-escape",
        edit(EN, "subtitle:", '"colour\\n\\e[2J": red\nsubtitle:'),
        (
            f"{EN}:3:1: unknown key 'colour\\u000a\\u001b[2J'; expected one of: language, "
            "title, subtitle, disclaimer, home_care, warning_signs, prevention, translation",
        ),
    ),
    # --- values -----------------------------------------------------------------------------
    Case(
        "disclaimer-blank",
        edit(EN, DISCLAIMER, "disclaimer: '  '"),
        (f"{EN}:4:13: 'disclaimer' must not be blank",),
    ),
    Case(
        "disclaimer-invisible-only",
        edit(EN, DISCLAIMER, 'disclaimer: "\u200b\u2060\u00a0\u3164"'),
        (f"{EN}:4:13: 'disclaimer' must not be blank",),
    ),
    Case(
        "disclaimer-missing",
        edit(EN, DISCLAIMER + "\n", ""),
        (f"{EN}:1:1: 'disclaimer' is required",),
    ),
    Case(
        "section-missing",
        edit(
            EN, "  emergency:\n    - text: You have trouble breathing.\n      id: breathing\n", ""
        ),
        (f"{EN}:15:3: 'warning_signs.emergency' is required",),
    ),
    bidi(
        "\u202a",
        "LEFT-TO-RIGHT EMBEDDING",
        EN,
        "title: Leg cramp",
        "title: Leg @cramp",
        f"{EN}:2:8",
        "title",
    ),
    bidi(
        "\u202b",
        "RIGHT-TO-LEFT EMBEDDING",
        EN,
        DISCLAIMER,
        DISCLAIMER + " @999",
        f"{EN}:4:13",
        "disclaimer",
    ),
    bidi(
        "\u202c",
        "POP DIRECTIONAL FORMATTING",
        EN,
        "- heading: Stretch",
        "- heading: Stre@tch",
        f"{EN}:8:16",
        "home_care.items[1].heading",
    ),
    bidi(
        "\u202d",
        "LEFT-TO-RIGHT OVERRIDE",
        EN,
        "    - text: You have trouble breathing.",
        "    - text: Call @112 if you have trouble breathing.",
        f"{EN}:17:13",
        "warning_signs.emergency[1].text",
    ),
    bidi(
        "\u202e",
        "RIGHT-TO-LEFT OVERRIDE",
        GOV,
        "publisher: Test Clinic Publications",
        "publisher: Test Clinic @Publications",
        f"{GOV}:3:12",
        "publisher",
    ),
    # The marks were let through once: each reorders as surely as an override.
    bidi(
        "\u200e",
        "LEFT-TO-RIGHT MARK",
        EN,
        "title: Leg cramp",
        "title: Leg @cramp",
        f"{EN}:2:8",
        "title",
    ),
    bidi(
        "\u200f",
        "RIGHT-TO-LEFT MARK",
        EN,
        "title: Leg cramp",
        "title: Leg @cramp",
        f"{EN}:2:8",
        "title",
    ),
    Case(
        "joiner-U+200D-accepted",
        typed_text("Rub the mus\u200dcle to help it relax."),
        outcome="builds",
    ),
    Case(
        "title-over-long",
        edit(EN, "title: Leg cramp", "title: " + "Leg cramp " * 8 + "x"),
        (f"{EN}:2:8: 'title' is 81 characters long; the limit is 80",),
    ),
    Case(
        "too-many-list-entries",
        edit(
            EN,
            "  soon:\n    - text: The cramps keep coming back.\n      id: coming-back",
            "  soon:"
            + "".join(f"\n    - text: They come back.\n      id: back-{n}" for n in range(9)),
        ),
        (f"{EN}:23:5: 'warning_signs.soon' has too many entries; the limit is 8",),
    ),
    Case(
        "overflow-50000-words-refused-by-length-cap",
        typed_text("word " * 50_000),
        (f"{EN}:12:13: 'home_care.items[2].text' is 249,999 characters long; the limit is 300",),
        within_s=10.0,
    ),
    Case(
        "date-as-bare-number",
        edit(GOV, "signed_on: 2026-06-01", "signed_on: 20260601"),
        (f"{GOV}:12:14: 'sign_off.signed_on' must be a date written YYYY-MM-DD, not '20260601'",),
    ),
    Case(
        "date-without-zero-padding",
        edit(GOV, "next_review_due: 2027-06-01", "next_review_due: 2027-6-1"),
        (
            f"{GOV}:13:20: 'sign_off.next_review_due' must be a date written YYYY-MM-DD, "
            "not '2027-6-1'",
        ),
    ),
    Case(
        "date-impossible",
        edit(GOV, "signed_on: 2026-06-01", "signed_on: 2026-02-30"),
        (f"{GOV}:12:14: 'sign_off.signed_on' is '2026-02-30', which is not a real date",),
    ),
    Case(
        "date-as-list",
        edit(GOV, "signed_on: 2026-06-01", "signed_on: [2026-06-01]"),
        (f"{GOV}:12:14: 'sign_off.signed_on' must be text, not a list",),
    ),
    Case(
        "review-date-edited-by-hand",
        edit(GOV, "next_review_due: 2027-06-01", "next_review_due: 2026-05-01"),
        (
            f"{GOV}:16:16: the sign-off record does not match its fingerprint: it was edited "
            "by hand after careleaf wrote it, so careleaf does not trust it; sign the handout "
            "off again (careleaf review sign-off cramp --by NAME)",
        ),
    ),
    Case(
        "review-overdue",
        signed(next_review="2026-11-20"),
        (f"{GOV}:13:20: " + OVERDUE.format(due="2026-11-20"),),
    ),
    Case(
        "reviewed-in-the-future",
        signed(on=date(2026, 11, 22)),
        (f"{GOV}:12:14: 'sign_off.signed_on' (2026-11-22) is in the future",),
    ),
    Case(
        "language-does-not-match-file-name",
        edit(EN, "language: en", "language: es"),
        (f"{EN}:1:11: 'language' is 'es' but the file is named for 'en'",),
    ),
    Case(
        "language-with-newline-and-escape",
        edit(EN, "language: en", 'language: "en\\n\\e[2J"'),
        (f"{EN}:1:11: 'language' is 'en\\u000a\\u001b[2J' but the file is named for 'en'",),
    ),
    Case(
        "language-file-name-not-bcp47",
        lambda project: project.path(EN).rename(project.path("handouts/cramp/en_GB.yaml")),
        (
            "handouts/cramp/en_GB.yaml: file name: 'en_GB' is not a BCP 47 language tag; "
            "write 'en-GB'",
            f"{GOV}:2:18: source language 'en' has no file en.yaml",
        ),
    ),
    Case(
        "handout-id-does-not-match-folder",
        edit(GOV, "id: cramp", "id: Cramp"),
        (
            f"{GOV}:1:5: 'id' is 'Cramp', which is not a valid id (lowercase letters, digits "
            "and hyphens)",
        ),
    ),
    # --- injection: content is only ever a value ---------------------------------------------
    injection("inject-html", "<b>Bold</b> and <i>italic</i> <p>paragraph</p>"),
    injection("inject-script", '<script>alert("x")</script>'),
    injection("inject-img-file", '<img src="file:///etc/passwd">'),
    injection("inject-link-attachment", '<link rel="attachment" href="file:///etc/passwd">'),
    injection("inject-css-url", '<span style="background: url(file:///etc/passwd)">x</span>'),
    injection("inject-style-import", "<style>@import url(file:///etc/passwd);</style>"),
    injection("inject-jinja-expression", "{{ 7*7 }} {{ config }}"),
    injection("inject-jinja-raw", "{% raw %} and {% endraw %} {% include '/etc/passwd' %}"),
    injection("inject-ui-placeholder", "Call {emergency_number} or {clinic_phone}"),
    Case(
        "inject-into-title-and-attribute",
        combine(
            edit(EN, "title: Leg cramp", "title: '</title><script>x</script>'"),
            edit(EN, "subtitle: A tiny handout for tests", "subtitle: '\"><b>x</b>'"),
        ),
        outcome="builds",
        # The title's line also holds the clinic's name and phone; check each text apart.
        typed=("</title><script>x</script>", '"><b>x</b>'),
    ),
    # --- clinic profile and UI strings stop every handout -------------------------------------
    Case(
        "clinic-phone-not-a-number",
        edit(CLINIC, "phone: 020 7946 0199", "phone: call us"),
        (
            f"{CLINIC}:2:8: 'phone' is 'call us', which is not a phone number "
            "(digits, spaces and + ( ) . - only)",
        ),
        outcome="stops",
    ),
    Case(
        "clinic-and-content-both-broken",
        combine(
            edit(CLINIC, "phone: 020 7946 0199", "phone: call us"),
            edit(EN, "title: Leg cramp", "title: ''"),
        ),
        (
            f"{CLINIC}:2:8: 'phone' is 'call us', which is not a phone number "
            "(digits, spaces and + ( ) . - only)",
            f"{EN}:2:8: 'title' must not be blank",
        ),
        outcome="stops",
    ),
    Case(
        "ui-strings-syntax-error",
        replace(STRINGS, "language: en\nsections: [\n"),
        (
            f"{STRINGS}:3:1: YAML syntax error: did not find expected node content "
            "(while parsing a flow node)",
        ),
        outcome="stops",
    ),
    # --- templates and styles (staff-owned) ---------------------------------------------------
    Case(
        "template-syntax-error",
        prepend(TEMPLATE, "{% if %}\n"),
        (
            f"{TEMPLATE}:1: template syntax error: Expected an expression, "
            "got 'end of statement block'",
        ),
        outcome="stops",
    ),
    Case(
        "template-undefined-name",
        prepend(TEMPLATE, "{{ titel }}\n"),
        (f"{TEMPLATE}:1: template error: 'titel' is undefined",),
        outcome="stops",
    ),
    Case(
        "css-parse-error",
        prepend(CSS, "body {{ ] ;\n"),
        (f"{CSS}:1:11: CSS: Error: Stop token reached before {{}} block for a qualified rule",),
        outcome="stops",
    ),
    Case(
        "css-unknown-property",
        prepend(CSS, "body { colr: red; }\n"),
        (f"{CSS}:1:8: CSS: Ignored `colr: red`, unknown property",),
        outcome="stops",
    ),
    Case(
        "css-stray-closing-brace",
        prepend(CSS, "body { color: black; }\n}\n"),
        (rx(rf"{CSS}:2:1: CSS: [^\n]*"),),
        outcome="stops",
    ),
    Case(
        "css-and-content-both-broken",
        combine(prepend(CSS, "body { colr: red; }\n"), edit(EN, "title: Leg cramp", "title: ''")),
        (
            f"{EN}:2:8: 'title' must not be blank",
            f"{CSS}:1:8: CSS: Ignored `colr: red`, unknown property",
        ),
        outcome="stops",
    ),
    Case(
        "css-import-etc-passwd",
        prepend(CSS, '@import url("file:///etc/passwd");\n'),
        (f"{CSS}: refused to load 'file:///etc/passwd': {OUTSIDE_ANY_FOLDER}",),
        outcome="stops",
    ),
    Case(
        "css-import-dot-dot",
        prepend(CSS, '@import url("../handouts/clinic.yaml");\n'),
        (f"{CSS}: refused to load '{ROOT}/handouts/clinic.yaml': {OUTSIDE_ANY_FOLDER}",),
        outcome="stops",
    ),
    Case(
        "css-import-symlink-out",
        combine(symlink("styles/extra.css", "/etc/passwd"), prepend(CSS, '@import "extra.css";\n')),
        (f"{CSS}: refused to load '{ROOT}/styles/extra.css': {OUTSIDE_ANY_FOLDER}",),
        outcome="stops",
    ),
    Case(
        "css-import-dev-urandom",
        prepend(CSS, '@import url("file:///dev/urandom");\n'),
        (f"{CSS}: refused to load 'file:///dev/urandom': {OUTSIDE_ANY_FOLDER}",),
        outcome="stops",
        within_s=10.0,
    ),
    Case(
        "css-import-http",
        prepend(CSS, '@import url("http://example.com/print.css");\n'),
        (f"{CSS}: refused to load 'http://example.com/print.css': {ONLY_FILES}",),
        outcome="stops",
    ),
    Case(
        "css-url-etc-passwd",
        prepend(CSS, "body { background: url(file:///etc/passwd) }\n"),
        (rx(rf"{CSS}:1:\d+: refused to load 'file:///etc/passwd': {OUTSIDE_ANY_FOLDER}"),),
        outcome="stops",
    ),
    Case(
        "css-url-symlink-out",
        combine(
            symlink("styles/dot.png", "secret.txt"),
            prepend(CSS, "body { background: url(dot.png) }\n"),
        ),
        (rx(rf"{CSS}:1:\d+: refused to load '{ROOT}/styles/dot.png': {OUTSIDE_ANY_FOLDER}"),),
        outcome="stops",
    ),
    Case(
        "css-url-dev-urandom",
        prepend(CSS, "body { background: url(file:///dev/urandom) }\n"),
        (rx(rf"{CSS}:1:\d+: refused to load 'file:///dev/urandom': {OUTSIDE_ANY_FOLDER}"),),
        outcome="stops",
        within_s=10.0,
    ),
    Case(
        "css-file-is-symlink-out",
        copy_outside_and_link(CSS),
        (rx(rf"{CSS}: refused to load '{ROOT}/styles/print.css': .*"),),
        outcome="stops",
    ),
    Case(
        "template-img-etc-passwd",
        prepend(TEMPLATE, '<img src="file:///etc/passwd" alt="">\n'),
        (rx(rf"{TEMPLATE}:1:\d+: refused to load 'file:///etc/passwd': {OUTSIDE_ANY_FOLDER}"),),
        outcome="stops",
    ),
    Case(
        "template-link-attachment",
        prepend(TEMPLATE, '<link rel="attachment" href="file:///etc/passwd">\n'),
        (rx(rf"{TEMPLATE}:1:\d+: refused to load 'file:///etc/passwd': {OUTSIDE_ANY_FOLDER}"),),
        outcome="stops",
    ),
    Case(
        "template-img-dot-dot",
        prepend(TEMPLATE, '<img src="../handouts/clinic.yaml" alt="">\n'),
        (
            rx(
                rf"{TEMPLATE}:1:\d+: refused to load '{ROOT}/handouts/clinic.yaml': "
                f"{OUTSIDE_ANY_FOLDER}"
            ),
        ),
        outcome="stops",
    ),
    Case(
        "template-stylesheet-http",
        prepend(TEMPLATE, '<link rel="stylesheet" href="http://example.com/x.css">\n'),
        (rx(rf"{TEMPLATE}:1:\d+: refused to load 'http://example.com/x.css': {ONLY_FILES}"),),
        outcome="stops",
    ),
    Case(
        "template-include-dot-dot",
        prepend(TEMPLATE, '{% include "../handouts/clinic.yaml" %}\n'),
        (rx(rf"{TEMPLATE}:1: refused to load '\.\./handouts/clinic\.yaml': .*"),),
        outcome="stops",
    ),
    Case(
        "template-include-symlink-out",
        combine(
            symlink("templates/extra.html.j2", "secret.txt"),
            prepend(TEMPLATE, '{% set leaked %}{% include "extra.html.j2" %}{% endset %}\n'),
        ),
        (rx(rf"{TEMPLATE}:1: refused to load '[^']*extra\.html\.j2': .*"),),
        outcome="stops",
    ),
    # --- usage errors (exit 2) ----------------------------------------------------------------
    Case(
        "usage-impossible-today",
        lambda project: None,
        ("Error: Invalid value for '--today': '2026-02-30' is not a real date",),
        outcome="stops",
        args=("--today=2026-02-30",),
        usage=True,
    ),
    Case(
        "usage-unknown-handout",
        lambda project: None,
        ("Error: no handout 'crampp' (there are: cramp, other)",),
        outcome="stops",
        args=("--handout", "crampp"),
        usage=True,
    ),
    Case(
        "usage-unknown-language",
        lambda project: None,
        ("Error: no handout has language 'fr'",),
        outcome="stops",
        args=("--lang", "fr"),
        usage=True,
    ),
    Case(
        "usage-out-is-a-file",
        lambda project: project.write("dist", "not a folder\n"),
        ("Error: Invalid value for '--out': Directory 'dist' is a file.",),
        outcome="stops",
        args=("--out", "dist"),
        usage=True,
    ),
]


def params(cases: list[Case]) -> list[object]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else [],
        )
        for case in cases
    ]


# --- checks ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output/ folder of a good build of the fixture project with ``other`` beside it."""
    root = tmp_path_factory.mktemp("good") / "proj"
    root.mkdir()
    make_project(root).add_handout("other")
    result = CliRunner().invoke(
        cli, ["build", TODAY_ARG, "--project", str(root)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return root / "output"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_three_pages(path: Path) -> list[str]:
    pages = [one_line(text) for text in pdf_pages(path)]
    assert len(pages) == 3, path
    return pages


def assert_nothing_attached_or_leaked(path: Path) -> None:
    """No embedded or attached file, and no line of /etc/passwd anywhere in the PDF."""
    with pikepdf.open(path) as pdf:
        assert not pdf.attachments
        names = pdf.Root.get("/Names")
        assert names is None or "/EmbeddedFiles" not in names
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                assert annot.get("/Subtype") != pikepdf.Name.FileAttachment
        streams = [obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
    text = "\n".join(pdf_pages(path))
    blob = path.read_bytes() + b"".join(streams)
    for line in [*PASSWD_LINES, "root:x:0:0"]:
        assert line not in text
        assert line.encode() not in blob


def matches(expected: Expected, line: str, root_uri: str) -> bool:
    if isinstance(expected, str):
        return line == expected.replace(ROOT, root_uri)
    pattern = expected.pattern.replace(ROOT, re.escape(root_uri))
    return re.fullmatch(pattern, line) is not None


def assert_problems(case: Case, result: Result, root_uri: str) -> None:
    lines = result.stderr.splitlines()
    if case.exit_code == 2:
        assert lines and matches(case.problems[0], lines[-1], root_uri), result.stderr
        return
    count = len(case.problems)
    assert len(lines) == count + 1, result.stderr
    for expected, line in zip(case.problems, lines[:-1], strict=True):
        assert matches(expected, line, root_uri), f"{line!r} is not {expected!r}"
    found = f"{count} problem{'s' if count != 1 else ''} found"
    if case.outcome == "partial":
        assert lines[-1] == f"careleaf: 1 built, 1 failed; {found}"
    else:
        assert re.fullmatch(rf"careleaf: (\d+ built, \d+ failed; )?{found}", lines[-1])


def run_case(case: Case, project: FixtureProject, run, good_output: Path) -> Result:
    project.add_handout("other")
    if case.outcome == "stops":
        shutil.copytree(good_output, project.path("output"))
    case.mutate(project)
    if case.outcome == "builds":  # a reviewer signed the odd-looking text off as it is
        project.sign_off()
    started = time.monotonic()
    result = run("build", TODAY_ARG, *case.args)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.output
    for line in PASSWD_LINES:
        assert line not in result.output
    if case.within_s is not None:
        assert elapsed < case.within_s, f"took {elapsed:.1f} s"
    for rel in case.absent:
        assert not project.path(rel).exists(), rel
    return result


@pytest.mark.parametrize("case", params(CASES))
def test_corpus(case: Case, project: FixtureProject, run, good_output: Path) -> None:
    result = run_case(case, project, run, good_output)
    assert result.exit_code == case.exit_code, result.output
    output = project.path("output")
    if case.outcome == "builds":
        assert result.stderr == ""
        assert result.stdout.splitlines()[-1] == "careleaf: 2 built, 0 failed"
        for rel in (BROKEN_PDF, OTHER_PDF):
            assert_three_pages(project.path(rel))
            assert_nothing_attached_or_leaked(project.path(rel))
        if case.typed is not None:
            printed = " ".join(assert_three_pages(project.path(BROKEN_PDF)))
            texts = (case.typed,) if isinstance(case.typed, str) else case.typed
            for text in texts:
                assert text in printed
        return
    assert_problems(case, result, project.root.as_uri())
    if case.outcome == "partial":
        assert result.stdout.startswith("built output/en/other.pdf  3 pages")
        assert sorted(p.name for p in (output / "en").iterdir()) == ["other.pdf"]
        assert_three_pages(project.path(OTHER_PDF))
    else:
        assert result.stdout == ""
        assert snapshot(output) == snapshot(good_output)
