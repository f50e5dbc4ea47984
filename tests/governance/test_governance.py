"""Everything printed is governed: UI strings, the clinic's details, the very words on the page.

Each hole as it was found on a signed-off project: an edit to the English UI
strings printed unstamped; a clinic profile's details were governed by no
one; a handout folder copied under a new id was signed off at once; and
nothing checked the words a template or stylesheet adds. Then the end-to-end
check: the words read back out of every PDF are exactly its governed texts.
"""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careleaf.governance.signoff import record_fingerprint, record_sources
from careleaf.project import Project
from careleaf.render.page_words import words

from conftest import (
    CLINIC_CONFIRMER,
    FixtureProject,
    clock_at,
    make_project,
    one_line,
    pdf_pages,
)

EN = "handouts/cramp/en.yaml"
GOV = "handouts/cramp/handout.yaml"
STRINGS = "handouts/_strings/en.yaml"
CLINIC = "handouts/clinic.yaml"
PDF = "output/en/cramp.pdf"


def manifest(project: FixtureProject, folder: str = "output") -> list[dict[str, object]]:
    path = project.path(f"{folder}/manifest.json")
    return json.loads(path.read_text(encoding="utf-8"))["outputs"] if path.exists() else []


# --- UI strings: part of what a sign-off covers ----------------------------------------------

WAIT = "action: Wait a day, then call {emergency_number} if no better"


@pytest.mark.render
def test_a_ui_string_edited_after_sign_off_is_not_patient_ready(
    project: FixtureProject, run
) -> None:
    """The hole: this edit printed unstamped, patient_ready: true, diff and status silent."""
    assert run("build").exit_code == 0
    project.edit(STRINGS, "action: Call {emergency_number} now", WAIT)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "skipped handouts/cramp/en.yaml: changed since the sign-off by Dr Test Reviewer on "
        "2026-06-01: 1 field (careleaf review diff cramp); build with --drafts to print it "
        "stamped 'CHANGED SINCE SIGN-OFF - not for patient use'",
        "removed output/en/cramp.pdf: changed since the sign-off by Dr Test Reviewer on "
        "2026-06-01: 1 field (careleaf review diff cramp); build with --drafts to print it "
        "stamped 'CHANGED SINCE SIGN-OFF - not for patient use'",
        "careleaf: 0 built, 1 skipped, 0 failed",
    ]
    assert manifest(project) == []
    diff = run("review", "diff", "cramp")
    assert diff.exit_code == 1
    line = next(n for n, t in enumerate(project.read(STRINGS).splitlines(), 1) if "Wait" in t)
    assert diff.stdout.splitlines() == [
        "cramp: signed off by Dr Test Reviewer on 2026-06-01; 1 field changed since",
        f"changed strings.urgency.emergency.action  ({STRINGS}:{line}:13)",
        "  signed off: [-Call-] {emergency_number} [-now-]",
        "  now:        {+Wait a day, then call+} {emergency_number} {+if no better+}",
    ]
    status = run("status", "--no-layout", "--json")
    [row] = json.loads(status.stdout)
    assert row["sign_off"]["state"] == "changed since sign-off"
    assert row["sign_off"]["changed_fields"] == 1
    # Signed off again, the new words print, as signed.
    assert run("review", "sign-off", "cramp", "--by", "Dr A").exit_code == 0
    assert run("build").exit_code == 0
    assert "EMERGENCY Wait a day, then call 999 if no better" in pdf_pages(project.path(PDF))[1]


def test_the_record_names_its_strings_and_its_handout(project: FixtureProject) -> None:
    text = project.read(GOV)
    assert "  handout: cramp\n" in text
    assert "    urgency.emergency.action: Call {emergency_number} now\n" in text


def test_a_record_from_before_strings_were_signed_is_changed(project: FixtureProject, run) -> None:
    """An older careleaf's record still verifies, but every UI string is new to it."""
    gov = Project.open(project.root)
    from careleaf.catalog.catalog import read_catalog
    from careleaf.content.model import Governance
    from careleaf.content.validate import to_model

    model, _ = to_model(gov.load(project.path(GOV)), Governance)
    assert model is not None and model.sign_off is not None
    record = model.sign_off
    old = record_fingerprint(
        signed_by=record.signed_by,
        signed_on=record.signed_on,
        next_review_due=record.next_review_due,
        language=record.language,
        text=record.text,
        sources=record_sources(record.sources),
        handout=None,
        strings=None,
    )
    text = project.read(GOV)
    head, _, rest = text.partition("  strings:\n")
    rest = rest[rest.index("  sources:\n") :]
    text = (head + rest).replace("  handout: cramp\n", "")
    text = text.replace(f"fingerprint: {record.fingerprint}", f"fingerprint: {old}")
    project.write(GOV, text)
    catalog = read_catalog(gov, date(2026, 11, 21))
    assert catalog.problems == ()
    result = run("review", "diff", "cramp")
    assert result.stdout.splitlines()[0] == (
        "cramp: signed off by Dr Test Reviewer on 2026-06-01; 19 fields changed since"
    )
    assert "added strings.urgency.emergency.action  (handouts/_strings/en.yaml:" in result.stdout


# --- a copied folder ------------------------------------------------------------------------


@pytest.mark.render
def test_a_handout_folder_copied_under_a_new_id_is_not_signed_off(
    project: FixtureProject, run
) -> None:
    """The hole: the copy was signed off at once, its record not naming its handout."""
    shutil.copytree(project.path("handouts/cramp"), project.path("handouts/cramp-copy"))
    project.edit("handouts/cramp-copy/handout.yaml", "id: cramp", "id: cramp-copy")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "skipped handouts/cramp-copy/en.yaml: not signed off: its sign-off record is for the "
        "handout 'cramp', not this one (a copied folder?) (careleaf review sign-off "
        "cramp-copy --by NAME); build with --drafts to print it stamped 'NOT SIGNED OFF - "
        "not for patient use'"
    )
    assert not project.path("output/en/cramp-copy.pdf").exists()
    # Pointing the record at the copy by hand breaks its fingerprint: not trusted either.
    project.edit(
        "handouts/cramp-copy/handout.yaml", "  handout: cramp\n", "  handout: cramp-copy\n"
    )
    result = run("build")
    assert result.exit_code == 1
    assert "the sign-off record does not match its fingerprint" in result.stderr
    assert not project.path("output/en/cramp-copy.pdf").exists()


# --- the clinic profile: confirmed by a named person ---------------------------------------


@pytest.mark.render
def test_an_unconfirmed_clinic_profile_prints_nothing_for_patients(
    tmp_path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    monkeypatch.chdir(root)
    project = make_project(root)
    project.write(CLINIC, "name: Test Clinic\nphone: 020 7946 0199\nregion: GB\npaper_size: A4\n")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "skipped handouts/cramp/en.yaml: the clinic profile handouts/clinic.yaml is not "
        "confirmed (careleaf clinic confirm --by NAME); build with --drafts to print it "
        "stamped 'CLINIC NOT CONFIRMED - not for patient use'"
    )
    drafts = run("build", "--drafts")
    assert drafts.exit_code == 0
    for page in pdf_pages(project.path("output/not-for-patients/en/cramp.pdf")):
        assert "CLINIC NOT CONFIRMED - not for patient use" in one_line(page)


def test_clinic_confirm_records_each_printed_detail(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "region: GB", "region: GB\nout_of_hours_phone: 020 7946 0000")
    with clock_at(date(2026, 11, 21)):
        result = run("clinic", "confirm", "--by", "Pat Manager")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"replaces the confirmation by {CLINIC_CONFIRMER} on 2026-06-01 (out_of_hours changed "
        "since)",
        "confirmed handouts/clinic.yaml by Pat Manager on 2026-11-21:",
        "  name: Test Clinic",
        "  phone: 020 7946 0199",
        "  emergency_number: 999",
        "  out_of_hours: 020 7946 0000 / 111",
    ]
    text = project.read(CLINIC)
    assert text.startswith("name: Test Clinic\nphone: 020 7946 0199\n")  # what staff wrote
    assert "  confirmed_by: Pat Manager\n  confirmed_on: 2026-11-21\n" in text


@pytest.mark.parametrize(
    ("old", "new", "detail"),
    [
        ("phone: 020 7946 0199", "phone: 020 7946 0123", "phone"),
        ("name: Test Clinic", "name: Test Clinic Annexe", "name"),
        ("region: GB", "region: GB\nemergency_number: '112'", "emergency_number"),
        ("region: GB", "region: GB\nleaflet_url: https://x.example/{handout}", "leaflet_url"),
    ],
)
@pytest.mark.render
def test_any_change_to_a_printed_detail_needs_confirming_again(
    project: FixtureProject, run, old: str, new: str, detail: str
) -> None:
    assert run("build").exit_code == 0
    project.edit(CLINIC, old, new)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (
        f"removed output/en/cramp.pdf: the clinic profile handouts/clinic.yaml changed since "
        f"{CLINIC_CONFIRMER} confirmed it on 2026-06-01: 1 detail ({detail}) (careleaf clinic "
        "confirm --by NAME)"
    ) in result.stdout
    assert not project.path(PDF).exists()
    assert run("clinic", "confirm", "--by", "Pat Manager").exit_code == 0
    assert run("build").exit_code == 0
    assert project.path(PDF).exists()


@pytest.mark.render
def test_a_detail_no_leaflet_prints_needs_no_new_confirmation(project: FixtureProject, run) -> None:
    assert run("build").exit_code == 0
    project.edit(
        CLINIC, "region: GB", "region: GB\naddress: 1 Test Road\nreview_interval_months: 24"
    )
    result = run("build")
    assert result.exit_code == 0, result.output
    assert project.path(PDF).exists()


def test_a_confirmation_edited_by_hand_is_not_trusted(project: FixtureProject, run) -> None:
    project.edit(CLINIC, "    phone: 020 7946 0199", "    phone: 020 7946 0123")
    project.edit(CLINIC, "phone: 020 7946 0199", "phone: 020 7946 0123")
    result = run("build")
    assert result.stdout.splitlines()[0] == (
        "skipped handouts/cramp/en.yaml: the confirmation of the clinic profile "
        "handouts/clinic.yaml was edited by hand after careleaf wrote it, so careleaf does not "
        "trust it (careleaf clinic confirm --by NAME); build with --drafts to print it stamped "
        "'CLINIC NOT CONFIRMED - not for patient use'"
    )


def test_a_confirmation_cannot_be_dated_by_hand(project: FixtureProject, run) -> None:
    result = run("clinic", "confirm", "--by", "Pat Manager", "--today", "2025-01-01")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: a confirmation is dated by the real date (2026-11-21); --today cannot date it "
        "otherwise"
    )


@pytest.mark.render
def test_another_clinics_profile_is_confirmed_on_its_own(project: FixtureProject, run) -> None:
    project.write("handouts/_clinics/north.yaml", "name: North\nphone: 02 5550 0123\nregion: AU\n")
    north = ("--clinic", "handouts/_clinics/north.yaml")
    assert "CLINIC NOT CONFIRMED" in run("build", *north).stdout
    result = run("clinic", "confirm", "--by", "Pat Manager", *north)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "confirmed handouts/_clinics/north.yaml by Pat Manager on 2026-11-21:"
    )
    assert run("build", *north).exit_code == 0
    assert project.path("output/north/en/cramp.pdf").exists()


# --- the words on the page: exactly the governed texts --------------------------------------

SENTENCE = "<p>Wait a day, then call if no better.</p>"


@pytest.mark.render
def test_a_template_that_adds_a_sentence_fails_the_build(project: FixtureProject, run) -> None:
    assert run("build").exit_code == 0
    before = project.path(PDF).read_bytes()
    project.edit(
        "templates/handout.html.j2",
        '<main class="page-body">',
        f'<main class="page-body">{SENTENCE}',
    )
    result = run("build", "--drafts")
    assert result.exit_code == 1
    message = (
        f"{EN}: page {{n}} prints the words 'a', 'better', 'call', 'day', 'if', 'no', 'then', "
        "'wait' that no signed-off, approved or confirmed text has (added by a template, a "
        "stylesheet or a logo?); careleaf prints only governed text"
    )
    assert result.stderr.splitlines() == [
        *(message.format(n=n) for n in (1, 2, 3)),
        "careleaf: 0 built, 1 failed; 3 problems found",
    ]
    assert project.path(PDF).read_bytes() == before  # the signed copy stays as it was


@pytest.mark.render
def test_a_stylesheet_that_adds_words_fails_the_build(project: FixtureProject, run) -> None:
    project.edit(
        "styles/print.css",
        ".disclaimer {",
        '.disclaimer::after { content: " or not"; }\n.disclaimer {',
    )
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{EN}: page 1 prints the words 'not', 'or' that no signed-off, approved or confirmed "
        "text has (added by a template, a stylesheet or a logo?); careleaf prints only "
        "governed text"
    )
    assert not project.path(PDF).exists()


@pytest.mark.render
def test_a_template_that_drops_a_governed_text_fails_the_build(
    project: FixtureProject, run
) -> None:
    project.edit("templates/handout.html.j2", "{{ level.action }}", "")
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{EN}: page 2 lacks the words '0199', '020', '7946', '999', 'a', 'an', 'appointment', "
        "'book' and 8 more of its governed text"
    )


@pytest.mark.render
def test_every_print_kind_passes_the_check(project: FixtureProject, run) -> None:
    """Standard, large print and bilingual, patient-ready and stamped, in two scripts."""
    from conftest import approve, start_spanish

    start_spanish(project, run)
    approve(project)
    for args in ((), ("--variant", "large-print"), ("--bilingual", "en"), ("--drafts",)):
        result = run("build", *args)
        assert result.exit_code == 0, (args, result.output)


# --- the property: no edit to a governed file changes a patient-ready page's words -----------

GOVERNED = [EN, GOV, STRINGS, CLINIC, "templates/handout.html.j2", "styles/print.css"]


@pytest.fixture(scope="module")
def signed_project(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("signed") / "proj"
    root.mkdir()
    project = make_project(root)
    from click.testing import CliRunner

    from careleaf.cli import cli

    result = CliRunner().invoke(cli, ["build", "--project", str(root), "-j", "1"])
    assert result.exit_code == 0, result.output
    signed = [words(t) for t in pdf_pages(root / PDF)]
    return project, signed, {rel: (root / rel).read_bytes() for rel in GOVERNED}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=st.sampled_from(GOVERNED),
    where=st.floats(min_value=0, max_value=1),
    cut=st.integers(min_value=0, max_value=12),
    added=st.sampled_from(
        ["", "not ", "do not", "4", "911", "\u2066", "\u200b", "  ", "\n", "Wait", "-"]
    )
    | st.text(max_size=6),
)
@pytest.mark.render
def test_no_edit_leaves_a_patient_ready_page_with_other_words(
    signed_project, file: str, where: float, cut: int, added: str
) -> None:
    project, signed, originals = signed_project
    from click.testing import CliRunner

    from careleaf.cli import cli

    for rel, data in originals.items():
        project.path(rel).write_bytes(data)
    data = originals[file].decode("utf-8")
    at = int(where * len(data))
    project.path(file).write_text(data[:at] + added + data[at + cut :], encoding="utf-8")
    try:
        CliRunner().invoke(cli, ["build", "--project", str(project.root), "-j", "1"])
        entries = manifest(project)
        pdf = project.path(PDF)
        if pdf.exists() and any(e["path"] == "en/cramp.pdf" for e in entries):
            # Letters in order, page by page: pypdf's text extraction may run two words of
            # a line together ("cramptest") from one render to the next, which is not a
            # change of words; any word added, dropped or changed still shows.
            assert ["".join(words(t)) for t in pdf_pages(pdf)] == ["".join(w) for w in signed], (
                file,
                at,
                cut,
                added,
            )
    finally:
        for rel, original in originals.items():
            project.path(rel).write_bytes(original)


@pytest.mark.render
def test_an_alt_text_no_one_governs_fails_the_build(project: FixtureProject, run) -> None:
    """A screen reader reads an image's alt text to the patient: it is held to the rule too."""
    project.edit(
        "templates/handout.html.j2",
        '<img class="qr" src="{{ section.online.qr }}" alt="{{ section.online.alt }}">',
        '<img class="qr" src="{{ section.online.qr }}" alt="Scan, or call 555 for help">',
    )
    project.edit(CLINIC, "region: GB", "region: GB\nleaflet_url: https://x.example/{handout}")
    project.confirm_clinic()
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "templates: an image's alt text 'Scan, or call 555 for help' is no signed-off, "
        "approved or confirmed text (the UI strings' logo_alt and qr_code_alt are); a screen "
        "reader would read it to the patient"
    )
