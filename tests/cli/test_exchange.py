"""Translators' tools: a language out to PO or XLIFF, through third-party tools, and back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import xliff as ttk_xliff

from conftest import (
    ES,
    ES_STRINGS,
    REPO,
    FixtureProject,
    approve,
    make_project,
    one_line,
    start_spanish,
)

RUB_TEXT = "      text: Rub the muscle to help it relax.\n"
RUB_KEY = "cramp:home_care.items[rub].text"


def export(run, out: str, *more: str) -> str:
    result = run("translate", "export", "es", "--out", out, *more)
    assert result.exit_code == 0, result.output
    return result.stdout


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(path))}


def yaml_files(root: Path) -> dict[str, bytes]:
    """Every YAML file under handouts/, byte for byte."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def ttk_units(store: ttk_xliff.xlifffile) -> dict[str, ttk_xliff.xliffunit]:
    return {u.getid().split("\x04")[-1]: u for u in store.units}


@pytest.fixture
def spanish(project: FixtureProject, run) -> FixtureProject:
    start_spanish(project, run)
    return project


# --- export ---


def test_po_export_passes_msgfmt_and_reads_with_polib(spanish: FixtureProject, run) -> None:
    assert export(run, "es.po", "--format", "po") == (
        "wrote es.po: 34 units (34 current, 0 stale, 0 missing)\n"
    )
    check = subprocess.run(
        ["msgfmt", "-c", "--statistics", "-o", "/dev/null", "es.po"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert check.stderr == "34 translated messages.\n"  # no warning about any header
    po = polib.pofile(str(spanish.path("es.po")))
    assert po.metadata["Language"] == "es"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Project-Id-Version"] == "careleaf handouts: cramp"
    assert po.metadata["PO-Revision-Date"] == "2026-11-21 00:00+0000"
    rub = entries(spanish.path("es.po"))[RUB_KEY]
    assert (rub.msgid, rub.msgstr) == ("Rub the muscle to help it relax.", "Texto 8")
    assert rub.comment == "Handout: Leg cramp (cramp)\nAt most 300 characters."
    action = entries(spanish.path("es.po"))["_strings:urgency.urgent.action"]
    assert action.msgid == "Contact a doctor today - call {clinic_name} on {clinic_phone}"
    assert one_line(action.comment) == (
        "UI string: printed around the content of every handout At most 300 characters. "
        "Keep {clinic_name}, {clinic_phone} exactly as they are; careleaf fills them in."
    )


def test_plural_forms_come_from_babel(spanish: FixtureProject, run) -> None:
    assert run("translate", "init", "ar").exit_code == 0
    assert run("translate", "export", "ar", "--out", "ar.po").exit_code == 0
    po = polib.pofile(str(spanish.path("ar.po")))
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert all(not e.msgstr for e in po if e.msgctxt.startswith("cramp:"))  # untranslated


def test_one_source_edit_makes_exactly_one_unit_fuzzy(spanish: FixtureProject, run) -> None:
    spanish.edit("handouts/cramp/en.yaml", RUB_TEXT, "      text: Rub the muscle gently.\n")
    assert "34 units (33 current, 1 stale, 0 missing)" in export(run, "es.po")
    po = polib.pofile(str(spanish.path("es.po")))
    fuzzy = [e for e in po if e.fuzzy]
    assert [e.msgctxt for e in fuzzy] == [RUB_KEY]
    assert fuzzy[0].previous_msgid == "Rub the muscle to help it relax."
    assert fuzzy[0].msgid == "Rub the muscle gently."
    assert fuzzy[0].msgstr == "Texto 8"
    export(run, "es.xlf")
    store = ttk_xliff.xlifffile.parsefile(str(spanish.path("es.xlf")))
    assert [key for key, u in ttk_units(store).items() if u.isfuzzy()] == [RUB_KEY]
    text = spanish.read("es.xlf")
    assert text.count('state="needs-review-translation"') == 1
    assert '<alt-trans alttranstype="previous-version">' in text


def test_xliff_export_reads_with_translate_toolkit(spanish: FixtureProject, run) -> None:
    spanish.edit(ES, 'title: "Texto 1"', 'title: ""')
    assert export(run, "es.xlf", "--format", "xliff") == (
        "wrote es.xlf: 34 units (33 current, 0 stale, 1 missing)\n"
    )
    store = ttk_xliff.xlifffile.parsefile(str(spanish.path("es.xlf")))
    assert store.getsourcelanguage() == "en"
    assert store.gettargetlanguage() == "es"
    units = ttk_units(store)
    assert len(units) == 34
    assert not units["cramp:title"].istranslated()
    assert units[RUB_KEY].istranslated() and not units[RUB_KEY].isfuzzy()
    assert units[RUB_KEY].source == "Rub the muscle to help it relax."
    assert 'datatype="plaintext"' in spanish.read("es.xlf")
    assert 'id="cramp:title" resname="cramp:title" maxwidth="80" size-unit="char"' in (
        spanish.read("es.xlf")
    )


def test_export_needs_the_translation_files(project: FixtureProject, run) -> None:
    result = run("translate", "export", "es", "--out", "es.po")
    assert result.exit_code == 2
    assert (
        "Error: handouts/cramp/es.yaml does not exist; start it with: "
        "careleaf translate init es --handout cramp" in result.stderr
    )
    unknown = run("translate", "export", "es", "--out", "es.txt")
    assert unknown.exit_code == 2
    assert "give --format po or --format xliff (cannot tell from 'es.txt')" in unknown.stderr


# --- round trips ---


@pytest.mark.parametrize("out", ["es.po", "es.xlf"])
def test_export_then_import_with_no_edits_changes_no_byte(
    spanish: FixtureProject, run, out: str
) -> None:
    spanish.edit("handouts/cramp/en.yaml", RUB_TEXT, "      text: Rub the muscle gently.\n")
    spanish.edit(ES, 'title: "Texto 1"', 'title: ""')
    before = yaml_files(spanish.root)
    export(run, out)
    result = run("translate", "import", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "handouts/cramp/es.yaml: home_care.items[rub].text: left stale\n"
        "0 fields updated, 0 confirmed, 1 left stale\n"
    )
    assert yaml_files(spanish.root) == before


def test_round_trip_of_the_shipped_spanish_draft(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "shipped"
    for folder in ("handouts", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.chdir(root)
    before = yaml_files(root)
    for out in ("es.po", "es.xlf"):
        assert export(run, out) == f"wrote {out}: 74 units (74 current, 0 stale, 0 missing)\n"
        result = run("translate", "import", out)
        assert result.stdout == "0 fields updated, 0 confirmed, 0 left stale\n"
    assert yaml_files(root) == before


def test_po_confirmed_fuzzy_and_empty_units(spanish: FixtureProject, run) -> None:
    spanish.edit("handouts/cramp/en.yaml", RUB_TEXT, "      text: Rub the muscle gently.\n")
    spanish.edit(ES, 'title: "Texto 1"', 'title: ""')
    export(run, "es.po")
    po = polib.pofile(str(spanish.path("es.po")))
    for entry in po:
        if entry.msgctxt == RUB_KEY:  # updated and confirmed
            entry.msgstr = "Frote el músculo con suavidad."
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        elif entry.msgctxt == "cramp:home_care.intro":  # updated, still to be checked
            entry.msgstr = "La mayoría pasan en minutos."
            entry.flags.append("fuzzy")
    po.save(str(spanish.path("es.po")))
    dry = run("translate", "import", "es.po", "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout.splitlines()[-1] == (
        "dry run: 2 fields updated, 1 confirmed, 1 left stale; nothing written"
    )
    assert "Frote" not in spanish.read(ES)
    result = run("translate", "import", "es.po")
    assert result.stdout == (
        "handouts/cramp/es.yaml: home_care.intro: updated, left stale\n"
        "handouts/cramp/es.yaml: home_care.items[rub].text: updated, confirmed\n"
        "wrote handouts/cramp/es.yaml\n"
        "2 fields updated, 1 confirmed, 1 left stale\n"
    )
    text = spanish.read(ES)
    # The confirmed field follows the source now, and its comment shows that source.
    assert (
        '      # en: Rub the muscle gently.\n      text: "Frote el músculo con suavidad."' in text
    )
    assert '  intro: "La mayoría pasan en minutos."' in text
    status = run("translate", "status", "es")
    assert "0 missing" not in status.stdout  # the empty title stays missing
    assert "1 missing, 1 stale, 0 extra (of 15 fields)" in status.stdout
    assert "stale home_care.intro" in status.stdout


def test_xliff_edited_by_translate_toolkit_imports(spanish: FixtureProject, run) -> None:
    spanish.edit("handouts/cramp/en.yaml", RUB_TEXT, "      text: Rub the muscle gently.\n")
    export(run, "es.xlf")
    store = ttk_xliff.xlifffile.parsefile(str(spanish.path("es.xlf")))
    units = ttk_units(store)
    units[RUB_KEY].target = "Frote el músculo con suavidad."  # the tool marks it translated
    units["_strings:page_of"].target = "página {n} de {m}"
    store.savefile(str(spanish.path("es.xlf")))
    result = run("translate", "import", "es.xlf")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "handouts/cramp/es.yaml: home_care.items[rub].text: updated, confirmed\n"
        "handouts/_strings/es.yaml: page_of: updated\n"
        "wrote handouts/cramp/es.yaml\n"
        "wrote handouts/_strings/es.yaml\n"
        "2 fields updated, 1 confirmed, 0 left stale\n"
    )
    assert "\npage_of: página {n} de {m}\n" in spanish.read(ES_STRINGS)  # still plain
    assert run("translate", "status", "es").exit_code == 0


def test_a_unit_made_from_an_older_source_stays_stale(spanish: FixtureProject, run) -> None:
    export(run, "es.po")  # the translator starts from this file...
    spanish.edit("handouts/cramp/en.yaml", RUB_TEXT, "      text: Rub the muscle gently.\n")
    po = polib.pofile(str(spanish.path("es.po")))  # ...while a reviewer edits the source
    for entry in po:
        if entry.msgctxt == RUB_KEY:
            entry.msgstr = "Frote el músculo para relajarlo."
    po.save(str(spanish.path("es.po")))
    result = run("translate", "import", "es.po")
    assert result.stdout.splitlines()[-1] == "1 field updated, 0 confirmed, 1 left stale"
    assert "stale home_care.items[rub].text" in run("translate", "status", "es").stdout


def test_an_unconfirmed_unit_never_counts_as_current(spanish: FixtureProject, run) -> None:
    spanish.edit(ES, 'title: "Texto 1"', 'title: ""')  # missing, its fingerprint on record
    export(run, "es.po")
    po = polib.pofile(str(spanish.path("es.po")))
    entry = next(e for e in po if e.msgctxt == "cramp:title")
    entry.msgstr = "Calambre"
    entry.flags.append("fuzzy")
    po.save(str(spanish.path("es.po")))
    assert run("translate", "import", "es.po").exit_code == 0
    assert '\ntitle: "Calambre"\n' in spanish.read(ES)  # in the quotes it was written in
    assert "stale title" in run("translate", "status", "es").stdout


def test_import_never_approves_and_says_an_approval_is_void(spanish: FixtureProject, run) -> None:
    approve(spanish)
    export(run, "es.po")
    po = polib.pofile(str(spanish.path("es.po")))
    next(e for e in po if e.msgctxt == "cramp:title").msgstr = "Calambre"
    po.save(str(spanish.path("es.po")))
    result = run("translate", "import", "es.po")
    assert result.stdout.splitlines()[1] == (
        "handouts/cramp/es.yaml was approved by Ana Revisora on 2026-11-01; any change makes "
        "it a draft again: approve it anew (careleaf translate approve es --handout cramp "
        "--by NAME)"
    )
    status = run("translate", "status", "es")
    assert "es changed since it was approved by Ana Revisora on 2026-11-01" in status.stdout


def test_a_new_source_item_is_added_where_the_source_has_it(spanish: FixtureProject, run) -> None:
    spanish.edit(
        "handouts/cramp/en.yaml",
        "      id: stretch\n",
        "      id: stretch\n    - heading: Walk\n      text: Walk a little.\n      id: walk\n",
    )
    assert "36 units (34 current, 0 stale, 2 missing)" in export(run, "es.po")
    po = polib.pofile(str(spanish.path("es.po")))
    for entry in po:
        if entry.msgctxt == "cramp:home_care.items[walk].heading":
            entry.msgstr = "Camine"
        elif entry.msgctxt == "cramp:home_care.items[walk].text":
            entry.msgstr = "Camine un poco."
    po.save(str(spanish.path("es.po")))
    assert run("translate", "import", "es.po").exit_code == 0
    text = spanish.read(ES)
    assert (
        "      id: stretch\n"
        '    - heading: "Camine"\n'
        '      text: "Camine un poco."\n'
        "      id: walk\n"
        "    # en: Rub\n"
    ) in text
    assert run("translate", "status", "es").exit_code == 0


def test_fuzzy_ui_strings_are_left_out(spanish: FixtureProject, run) -> None:
    export(run, "es.po")
    po = polib.pofile(str(spanish.path("es.po")))
    entry = next(e for e in po if e.msgctxt == "_strings:page_of")
    entry.msgstr = "página {n} de {m}"
    entry.flags.append("fuzzy")
    po.save(str(spanish.path("es.po")))
    before = yaml_files(spanish.root)
    result = run("translate", "import", "es.po")
    line = entry.linenum
    assert result.stdout == (
        f"es.po:{line}: '_strings:page_of' is not confirmed; UI strings have no stale state, "
        "so it was left out (confirm it in your tool)\n"
        "0 fields updated, 0 confirmed, 0 left stale\n"
    )
    assert yaml_files(spanish.root) == before


def test_export_writes_its_own_file_and_nothing_else(tmp_path: Path, run, monkeypatch) -> None:
    root = tmp_path / "p"
    root.mkdir()
    monkeypatch.chdir(root)
    project = make_project(root)
    start_spanish(project, run)
    before = yaml_files(root)
    export(run, "out/es.po")
    assert yaml_files(root) == before
    assert project.path("out/es.po").is_file()
