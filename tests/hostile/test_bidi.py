"""No invisible reordering: every Bidi_Control character is refused, wherever text comes in.

The hole: only U+202A-U+202E were refused, so an isolate (U+2066-U+2069), a mark
(U+200E, U+200F) or U+061C passed check, sign-off, import and build, and the
patient-ready page read "tablets in 24 4 hours" where the file, the sign-off
record and the diff read "4 tablets in 24 hours". careleaf sets direction
itself, so none of them has a use in a field.
"""

from __future__ import annotations

import unicodedata

import pytest

from conftest import ES, ES_STRINGS, FixtureProject, bidi_message, start_spanish

#: Every character with the Unicode property Bidi_Control (PropList.txt).
BIDI_CONTROLS = [
    "\u061c",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]
IDS = [f"U+{ord(c):04X}" for c in BIDI_CONTROLS]

#: (file, the line whose value gets the character, the field's name): one of each kind.
FILES = {
    "content": ("handouts/cramp/en.yaml", "title: Leg cramp", "title"),
    "governance": (
        "handouts/cramp/handout.yaml",
        "publisher: Test Clinic Publications",
        "publisher",
    ),
    "ui-strings": ("handouts/_strings/en.yaml", "page_of: page {n} of {m}", "page_of"),
    "clinic": ("handouts/clinic.yaml", "name: Test Clinic", "name"),
    "translation": (ES, 'title: "Texto 1"', "title"),
    "translation-ui-strings": (ES_STRINGS, "page_of: ", "page_of"),
}


def plant(project: FixtureProject, rel: str, line: str, char: str) -> str:
    """Put ``char`` inside the value of ``line`` in ``rel``; the value's line:col."""
    text = project.read(rel)
    lines = text.splitlines()
    number = next(n for n, ln in enumerate(lines, start=1) if ln.lstrip().startswith(line))
    current = lines[number - 1]
    key, _, value = current.partition(": ")
    col = len(key) + 3
    if value.startswith('"'):
        planted = f'"{value[1:3]}{char}{value[3:]}'
    else:
        planted = f"{value[:2]}{char}{value[2:]}"
    lines[number - 1] = f"{key}: {planted}"
    project.write(rel, "\n".join(lines) + "\n")
    return f"{rel}:{number}:{col}"


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=IDS)
@pytest.mark.parametrize("kind", FILES)
def test_each_bidi_control_is_refused_in_each_kind_of_file(
    project: FixtureProject, run, kind: str, char: str
) -> None:
    if kind.startswith("translation"):
        start_spanish(project, run)
    rel, line, field = FILES[kind]
    where = plant(project, rel, line, char)
    result = run("check", "--no-layout")
    assert result.exit_code == 1, result.output
    message = f"{where}: '{field}' {bidi_message(char, unicodedata.name(char))}"
    assert message in result.stderr.splitlines()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=IDS)
def test_a_sign_off_of_text_with_a_bidi_control_is_refused(
    project: FixtureProject, run, char: str
) -> None:
    before = project.read("handouts/cramp/handout.yaml")
    where = plant(project, "handouts/cramp/en.yaml", "title: Leg cramp", char)
    result = run("review", "sign-off", "cramp", "--by", "Dr A")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{where}: 'title' {bidi_message(char, unicodedata.name(char))}"
    )
    assert project.read("handouts/cramp/handout.yaml") == before


PO = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '\nmsgctxt "cramp:title"\nmsgid "Leg cramp"\nmsgstr "Calambre {char}4 555"\n'
)
XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
    '<file original="x" source-language="en" target-language="es" datatype="plaintext">'
    "<body>\n"
    '<trans-unit id="cramp:title"><source>Leg cramp</source>'
    '<target state="translated">Calambre &#x{code:X};4 555</target></trans-unit>\n'
    "</body></file></xliff>\n"
)


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=IDS)
@pytest.mark.parametrize("kind", ["po", "xlf"])
def test_each_bidi_control_is_refused_in_an_import(
    project: FixtureProject, run, kind: str, char: str
) -> None:
    start_spanish(project, run)
    before = {p: p.read_bytes() for p in sorted(project.root.rglob("*.yaml"))}
    name = f"es.{kind}"
    body = PO.format(char=char) if kind == "po" else XLIFF.format(code=ord(char))
    project.path(name).write_text(body, encoding="utf-8")
    result = run("translate", "import", name)
    assert result.exit_code == 1, result.output
    line = 6 if kind == "po" else 4
    assert result.stderr.splitlines()[0] == (
        f"{name}:{line}: 'cramp:title' {bidi_message(char, unicodedata.name(char))}"
    )
    assert {p: p.read_bytes() for p in sorted(project.root.rglob("*.yaml"))} == before


def test_review_diff_shows_invisible_characters_as_escapes(project: FixtureProject, run) -> None:
    """A reviewer must see an edit that changes nothing visible: a zero-width space is
    allowed in text (unlike a bidi control), and shown."""
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", 'title: "Leg cr\\u200bamp"')
    result = run("review", "diff", "cramp")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        "changed title  (handouts/cramp/en.yaml:2:8)",
        "  signed off: Leg [-cramp-]",
        "  now:        Leg {+cr\\u200bamp+}",
    ]


def test_translate_status_shows_invisible_characters_as_escapes(
    project: FixtureProject, run
) -> None:
    start_spanish(project, run)
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", 'title: "Leg cr\\u200bamp"')
    result = run("translate", "status", "es")
    assert result.exit_code == 1
    assert "    now: Leg cr\\u200bamp" in result.stdout.splitlines()


def test_a_clinic_profile_linked_from_outside_is_refused_by_the_link_name(
    project: FixtureProject, run, tmp_path
) -> None:
    outside = tmp_path / "secret-profile.yaml"
    outside.write_text("name: Elsewhere\nphone: 020 7946 0199\nregion: GB\n", encoding="utf-8")
    project.path("handouts/_clinics").mkdir(parents=True)
    project.path("handouts/_clinics/link.yaml").symlink_to(outside)
    result = run("build", "--clinic", "handouts/_clinics/link.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/_clinics/link.yaml: is a symbolic link to a file outside the project; "
        "careleaf reads only files inside the project folder"
    )
    assert "secret-profile" not in result.output
