"""An exchange file comes from outside: every bad one is refused whole, nothing written."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from lxml import etree

from careleaf.translation.exchange import incoming, xliff

from conftest import ES as ES_FILE
from conftest import FixtureProject, bidi_message, start_spanish

HEAD = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
TITLE_SOURCE = "Leg cramp"


def entry(key: str, target: str, source: str = TITLE_SOURCE, fuzzy: bool = False) -> str:
    flag = "#, fuzzy\n" if fuzzy else ""
    return f'\n{flag}msgctxt "{key}"\nmsgid "{source}"\nmsgstr "{target}"\n'


def xliff_file(units: str, lang: str = "es", source: str = "en", head: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{head}"
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        f'<file original="x" source-language="{source}" target-language="{lang}" '
        'datatype="plaintext"><body>\n'
        f"{units}\n"
        "</body></file></xliff>\n"
    )


def unit(key: str, target: str, source: str = TITLE_SOURCE, attrs: str = "") -> str:
    return (
        f'<trans-unit id="{key}"><source>{source}</source>'
        f'<target state="translated"{attrs}>{target}</target></trans-unit>'
    )


@pytest.fixture
def spanish(project: FixtureProject, run) -> FixtureProject:
    start_spanish(project, run)
    return project


def refused(project: FixtureProject, run, name: str, content: str | bytes) -> str:
    """Import ``content`` as ``name``; it must be refused with nothing written. Its stderr."""
    before = {p: p.read_bytes() for p in sorted(project.root.rglob("*.yaml"))}
    project.write(name, content) if isinstance(content, bytes) else _write(project, name, content)
    result = run("translate", "import", name)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert {p: p.read_bytes() for p in sorted(project.root.rglob("*.yaml"))} == before
    return result.stderr


def _write(project: FixtureProject, name: str, text: str) -> None:
    project.path(name).write_text(text, encoding="utf-8")


ONE = "careleaf: 1 problem found\n"


@pytest.mark.parametrize(
    ("key", "target", "message"),
    [
        (
            "cramp:home_care.items[strech].text",
            "Estire",
            "'cramp:home_care.items[strech].text' matches no field of cramp (a typo?)",
        ),
        ("sprain:title", "Esguince", "'sprain:title' names no handout of this project"),
        ("_strings:page_off", "x", "'_strings:page_off' matches no field of _strings (a typo?)"),
        ("cramp:title", "x" * 81, "'cramp:title' is 81 characters long; the limit is 80"),
        (
            "cramp:title",
            "Calambre \u202e01 555",
            "'cramp:title' " + bidi_message("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ),
        (
            "cramp:title",
            "Calambre\u0007",
            "'cramp:title' contains control character U+0007; remove it",
        ),
        ("cramp:title", "\u200b\u2060", "'cramp:title' must not be blank"),
        ("_strings:page_of", "página {n}", "'_strings:page_of' must contain {m}"),
        (
            "_strings:not_reviewed",
            "Sin revisar {clinic_phone}",
            "'_strings:not_reviewed' uses unknown placeholder {clinic_phone}",
        ),
        (
            "_strings:urgency.urgent.action",
            "Llame al {clinic_phone}",
            "'_strings:urgency.urgent.action' drops {clinic_name}; keep every {placeholder} "
            "of the source text",
        ),
        (
            "_strings:page_of",
            "{clinic_name}: página {n} de {m}",
            "'_strings:page_of' adds {clinic_name}, which the source text does not have",
        ),
    ],
)
def test_bad_po_units_are_refused(
    spanish: FixtureProject, run, key: str, target: str, message: str
) -> None:
    stderr = refused(spanish, run, "es.po", HEAD + entry(key, target))
    assert stderr == f"es.po:6: {message}\n{ONE}"


def test_every_problem_is_named_at_once(spanish: FixtureProject, run) -> None:
    content = HEAD + entry("cramp:title", "x" * 90) + entry("cramp:title", "Calambre")
    content += entry("cramp:subtitle", "\u200b", source="A tiny handout for tests")
    assert refused(spanish, run, "es.po", content) == (
        "es.po:6: 'cramp:title' is 90 characters long; the limit is 80\n"
        "es.po:10: 'cramp:title' appears twice (first at line 6)\n"
        "es.po:14: 'cramp:subtitle' must not be blank\n"
        "careleaf: 3 problems found\n"
    )


def test_po_syntax_and_header_problems(spanish: FixtureProject, run) -> None:
    quote = HEAD + '\nmsgctxt "cramp:title"\nmsgid "Leg cramp"\nmsgstr "Cal"ambre"\n'
    assert refused(spanish, run, "es.po", quote) == (
        f"es.po:8: PO syntax error: unescaped double quote found\n{ONE}"
    )
    keyword = HEAD + '\nmsgctxt "cramp:title"\nmsgid "Leg cramp"\nmsgstrx "\x1b[31m"\n'
    assert refused(spanish, run, "es.po", keyword) == (
        f"es.po:8: PO syntax error\n{ONE}"  # and nothing of the line itself
    )
    french = HEAD.replace("Language: es", "Language: fr") + entry("cramp:title", "Crampe")
    assert refused(spanish, run, "fr.po", french) == (
        "fr.po:6: cramp has no 'fr' translation yet; start it with careleaf translate init fr "
        f"--handout cramp\n{ONE}"
    )
    klingon = HEAD.replace("Language: es", "Language: tlh-\x1b[2J") + entry("cramp:title", "x")
    assert refused(spanish, run, "es.po", klingon) == (
        "es.po:3: 'tlh-\\u001b[2J' is not a language tag careleaf knows (such as es or pt-BR)\n"
        + ONE
    )
    nameless = HEAD.replace('"Language: es\\n"\n', "") + entry("cramp:title", "Calambre")
    assert refused(spanish, run, "es.po", nameless) == (
        f"es.po:1: the PO header names no Language\n{ONE}"
    )
    latin1 = HEAD.replace("UTF-8", "ISO-8859-1") + entry("cramp:title", "Calambre")
    assert refused(spanish, run, "es.po", latin1) == (f"es.po:4: the PO file must be UTF-8\n{ONE}")
    assert refused(
        spanish, run, "es.po", (HEAD + entry("cramp:title", "Cal")).encode() + b"\xff"
    ) == (f"es.po:9: is not UTF-8 text; save the file as UTF-8\n{ONE}")
    plural = HEAD + '\nmsgctxt "cramp:title"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n'
    assert refused(spanish, run, "es.po", plural) == (
        f"es.po:6: has plural forms; careleaf fields have none\n{ONE}"
    )
    bare = HEAD + '\nmsgid "Leg cramp"\nmsgstr "Calambre"\n'
    assert refused(spanish, run, "es.po", bare) == (
        f"es.po:6: has no msgctxt; careleaf cannot tell which field it is\n{ONE}"
    )
    assert refused(spanish, run, "es.txt", "hola") == (
        f"es.txt: careleaf imports .po, .xlf and .xliff files\n{ONE}"
    )


def test_nothing_from_the_file_reaches_the_terminal_raw(spanish: FixtureProject, run) -> None:
    stderr = refused(spanish, run, "es.po", HEAD + entry("cramp:x\x1b[2J\u202e", "y"))
    assert "\x1b" not in stderr and "\u202e" not in stderr
    assert stderr == (
        "es.po:6: 'cramp:x\\u001b[2J\\u202e' matches no field of cramp (a typo?)\n" + ONE
    )


def test_a_file_over_the_size_cap_is_not_read(
    spanish: FixtureProject, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incoming, "MAX_BYTES", 100)
    assert refused(spanish, run, "es.po", HEAD + entry("cramp:title", "Calambre")) == (
        f"es.po: file is 139 bytes; the limit is 100\n{ONE}"
    )


@pytest.mark.parametrize(
    ("units", "message"),
    [
        (
            unit("cramp:title", 'Calambre <g id="1">fuerte</g>'),
            "es.xlf:4: 'cramp:title' has markup (<g>) in its target; careleaf text is plain",
        ),
        (
            unit("cramp:title", "Crampe", attrs=' xml:lang="fr"'),
            "es.xlf:4: 'cramp:title' has a target in 'fr', but the file is for 'es'",
        ),
        (
            unit("cramp:title", "Calambre") + unit("cramp:title", "Calambre"),
            "es.xlf:4: 'cramp:title' appears twice (first at line 4)",
        ),
        (
            unit("cramp:title", "Calambre &#x202E;1"),
            "es.xlf:4: 'cramp:title' " + bidi_message("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ),
        ("<trans-unit><source>a</source></trans-unit>", "es.xlf:4: <trans-unit> has no id"),
        (unit("cramp:title", "Calambre</source>"), "es.xlf:4: XML syntax error: "),
        (unit("cramp:title", "&lol;"), "es.xlf:4: XML syntax error: Entity 'lol' not defined"),
    ],
)
def test_bad_xliff_units_are_refused(
    spanish: FixtureProject, run, units: str, message: str
) -> None:
    stderr = refused(spanish, run, "es.xlf", xliff_file(units))
    assert stderr.startswith(message)
    assert stderr.endswith(ONE)


def test_xliff_languages_must_agree(spanish: FixtureProject, run) -> None:
    assert refused(
        spanish, run, "es.xlf", xliff_file(unit("cramp:title", "Calambre"), source="de")
    ) == (
        f"es.xlf:3: the file's source-language is 'de', but the handouts are written in 'en'\n{ONE}"
    )
    two = xliff_file(unit("cramp:title", "Calambre")).replace(
        "</body></file>",
        '</body></file><file original="y" source-language="en" target-language="fr" '
        'datatype="plaintext"><body/></file>',
    )
    assert refused(spanish, run, "es.xlf", two) == (
        f"es.xlf:5: target-language is not 'es' as the first <file> says\n{ONE}"
    )
    assert refused(spanish, run, "es.xlf", "<xliff version='2.0'/>\n") == (
        f"es.xlf:1: is not an XLIFF 1.2 file\n{ONE}"
    )


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(2, 10))
    + "]>\n"
).replace("&lol1;", "&lol;")


def test_billion_laughs_is_refused_quickly(spanish: FixtureProject, run) -> None:
    bomb = xliff_file(unit("cramp:title", "&lol9;"), head=BILLION_LAUGHS)
    start = time.monotonic()
    stderr = refused(spanish, run, "es.xlf", bomb)
    assert time.monotonic() - start < 2
    assert stderr == (f"es.xlf:2: has a DOCTYPE or entity declaration; XLIFF needs neither\n{ONE}")


def test_external_entities_are_refused(spanish: FixtureProject, run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    xxe = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>\n'
    stderr = refused(spanish, run, "es.xlf", xliff_file(unit("cramp:title", "&s;"), head=xxe))
    assert "secret" not in stderr
    assert stderr == f"es.xlf:2: has a DOCTYPE or entity declaration; XLIFF needs neither\n{ONE}"


def test_the_parser_itself_expands_no_entity_and_fetches_nothing(tmp_path: Path) -> None:
    """Behind the DOCTYPE check, the parser is safe on its own."""
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    xxe = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>'
    assert b"top secret" not in etree.tostring(etree.fromstring(xxe.encode(), xliff._parser()))
    bomb = (BILLION_LAUGHS + "<x>&lol9;</x>").encode()
    start = time.monotonic()
    try:
        root = etree.fromstring(bomb, xliff._parser())
        assert len(etree.tostring(root)) < 10_000
    except etree.XMLSyntaxError:
        pass  # refusing it is as good
    assert time.monotonic() - start < 2


# --- an import goes into the translation it is for, and never back in time ---

RUB_KEY = "cramp:home_care.items[rub].text"


def _export(run, out: str, *more: str) -> None:
    result = run("translate", "export", "es", "--out", out, *more)
    assert result.exit_code == 0, result.output


def test_a_spanish_file_does_not_overwrite_the_french_translation(
    spanish: FixtureProject, run
) -> None:
    """A Spanish PO saved as fr.po (or imported with --lang fr) once overwrote all of French."""
    assert run("translate", "init", "fr").exit_code == 0
    spanish.write("handouts/cramp/fr.yaml", spanish.read("handouts/cramp/es.yaml"))
    spanish.write(
        "handouts/_strings/fr.yaml",
        spanish.read("handouts/_strings/es.yaml").replace("language: es", "language: fr"),
    )
    _export(run, "es.po")
    _export(run, "es.xlf")
    spanish.path("fr.po").write_bytes(spanish.path("es.po").read_bytes())
    assert refused(spanish, run, "fr.po", spanish.path("es.po").read_bytes()) == (
        "fr.po:11: the file says its language is 'es', but its name says 'fr'; nothing was "
        "imported, so no 'fr' translation was overwritten (if the file is es, import it with "
        f"--lang es)\n{ONE}"
    )
    before = {p: p.read_bytes() for p in sorted(spanish.root.rglob("*.yaml"))}
    for name in ("es.po", "es.xlf"):
        result = run("translate", "import", name, "--lang", "fr")
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[0].endswith(
            "the file says its language is 'es', but --lang says 'fr'; nothing was imported, "
            "so no 'fr' translation was overwritten (if the file is es, import it with --lang es)"
        )
        assert result.stderr.splitlines()[0].startswith(f"{name}:")
    assert {p: p.read_bytes() for p in sorted(spanish.root.rglob("*.yaml"))} == before
    spanish.path("handoff.po").write_bytes(spanish.path("es.po").read_bytes())
    unnamed = run("translate", "import", "handoff.po")
    assert unnamed.exit_code == 2
    assert unnamed.stderr == (
        "Error: cannot tell from the name 'handoff.po' which translation it is for; say it "
        "with --lang TAG\n"
    )
    named = run("translate", "import", "handoff.po", "--lang", "es")
    assert named.exit_code == 0, named.output


def test_an_old_export_does_not_replace_a_newer_translation(spanish: FixtureProject, run) -> None:
    import polib

    _export(run, "es.po")  # the translator takes this away...
    # ...meanwhile the source changes and the Spanish is brought up to date and marked current.
    spanish.edit(
        "handouts/cramp/en.yaml",
        "      text: Rub the muscle to help it relax.\n",
        "      text: Rub the muscle gently.\n",
    )
    spanish.edit(ES_FILE, "Texto 8", "Frote el músculo con suavidad.")
    marked = run(
        "translate", "mark-current", "es", "--handout", "cramp", "home_care.items[rub].text"
    )
    assert marked.exit_code == 0, marked.output
    po = polib.pofile(str(spanish.path("es.po")))
    line = 0
    for found in po:
        if found.msgctxt == RUB_KEY:
            found.msgstr = "Frote el músculo para que se relaje."
            line = found.linenum
    po.save(str(spanish.path("es.po")))
    stderr = refused(spanish, run, "es.po", spanish.path("es.po").read_bytes())
    assert stderr == (
        f"es.po:{line}: '{RUB_KEY}' was translated from an older source text than the "
        "current translation it would replace; import it with --force to take it anyway (it "
        f"is left stale), or export again and translate the source as it is now\n{ONE}"
    )
    forced = run("translate", "import", "es.po", "--force")
    assert forced.exit_code == 0, forced.output
    assert forced.stdout.splitlines() == [
        f"handouts/cramp/es.yaml: {RUB_KEY.split(':')[1]}: updated, left stale",
        "wrote handouts/cramp/es.yaml",
        "1 field updated, 0 confirmed, 1 left stale",
    ]


def test_an_import_killed_midway_leaves_nothing_behind_for_long(
    spanish: FixtureProject, run
) -> None:
    """A temporary left by a killed import is removed by the next command writing there."""
    left = spanish.path("handouts/cramp/.es.yaml.careleaf-k2j3h4g5.tmp")
    left.write_text("title: Calambre\n")
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    fresh = spanish.path("handouts/cramp/.es.yaml.careleaf-a1b2c3d4.tmp")  # a write under way
    fresh.write_text("title: Calambre\n")
    theirs = spanish.path("handouts/cramp/.es.yaml.swp.tmp")  # an editor's, not careleaf's
    theirs.write_text("x")
    os.utime(theirs, (an_hour_ago, an_hour_ago))
    _export(run, "es.po")
    po = spanish.read("es.po").replace('msgstr "Texto 8"', 'msgstr "Frote el músculo."')
    spanish.write("es.po", po)
    result = run("translate", "import", "es.po")
    assert result.exit_code == 0, result.output
    assert not left.exists()
    assert fresh.exists() and theirs.exists()


@pytest.mark.parametrize(
    ("out", "folder"),
    [
        ("handouts/cramp/es.yaml", "handouts"),
        ("handouts/clinic.yaml", "handouts"),
        ("handouts/new.po", "handouts"),
        ("templates/handout.html.j2", "templates"),
        ("styles/print.css", "styles"),
        ("templates/../styles/es.po", "styles"),
    ],
)
def test_export_never_writes_inside_the_project_folders(
    spanish: FixtureProject, run, out: str, folder: str
) -> None:
    before = {p: p.read_bytes() for p in sorted(spanish.root.rglob("*")) if p.is_file()}
    for extra in ((), ("--force",)):
        result = run("translate", "export", "es", "--out", out, "--format", "po", *extra)
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"{out}: is inside the project's {folder}/ folder, which careleaf reads leaflets "
            "from; write the export elsewhere (careleaf never writes an export inside "
            f"handouts/, templates/, styles/)\n{ONE}"
        )
    assert {p: p.read_bytes() for p in sorted(spanish.root.rglob("*")) if p.is_file()} == before


def test_export_writes_over_a_file_only_with_force(spanish: FixtureProject, run) -> None:
    spanish.write("notes.po", "the translator's own notes\n")
    result = run("translate", "export", "es", "--out", "notes.po")
    assert result.exit_code == 1
    assert result.stderr == (
        f"notes.po: already exists; careleaf does not write over it without --force\n{ONE}"
    )
    assert spanish.read("notes.po") == "the translator's own notes\n"
    forced = run("translate", "export", "es", "--out", "notes.po", "--force")
    assert forced.exit_code == 0, forced.output
    assert spanish.read("notes.po").startswith("#")
