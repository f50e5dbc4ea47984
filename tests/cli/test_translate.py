"""The translator's workflow, end to end: init, fill, status, stale, mark-current, build."""

from __future__ import annotations

import pytest

from conftest import (
    ES,
    TODAY_ARG,
    FixtureProject,
    approve,
    fill,
    one_line,
    pdf_pages,
    start_spanish,
)

DRAFT = "DRAFT TRANSLATION - not for patient use"


@pytest.mark.parametrize("tag", ["pt-BR", "zh-Hans", "es-419"])
def test_init_accepts_bcp47_tags(project: FixtureProject, run, tag: str) -> None:
    result = run("translate", "init", tag)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"created handouts/cramp/{tag}.yaml",
        f"created handouts/_strings/{tag}.yaml",
    ]
    assert f"language: {tag}\n" in project.read(f"handouts/cramp/{tag}.yaml")


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("pt_BR", "'pt_BR' is not a BCP 47 language tag; write 'pt-BR'"),
        ("english", "'english' is not a BCP 47 language tag (for example en, es, pt-BR)"),
        ("xx", "'xx' is not a language careleaf knows (Babel has no locale)"),
        ("en", "'en' is the source language of cramp"),
    ],
)
def test_init_refuses_bad_tags(project: FixtureProject, run, tag: str, message: str) -> None:
    result = run("translate", "init", tag)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr
    if tag != "en":
        assert not project.path(f"handouts/cramp/{tag}.yaml").exists()


def test_init_shows_source_beside_each_field_and_never_overwrites(
    project: FixtureProject, run
) -> None:
    assert run("translate", "init", "es").exit_code == 0
    text = project.read(ES)
    assert '# en: Leg cramp\ntitle: ""\n' in text
    assert '    # en: Stretch\n    - heading: ""\n      # en: Gently stretch' in text
    assert '      text: ""\n      id: stretch\n' in text  # the source's ids, after the words
    assert '    # en: You have trouble breathing.\n    - text: ""\n      id: breathing\n' in text
    assert '  translated_by: ""\n' in text
    assert "    home_care.items[stretch].text: " in text
    assert "approved" not in text.split("translation:")[1]  # approval is a command, not a field
    project.write(ES, "title: mine\n")
    again = run("translate", "init", "es")
    assert again.exit_code == 0
    assert "handouts/cramp/es.yaml already exists; left as it is" in again.stdout
    assert project.read(ES) == "title: mine\n"


@pytest.mark.render
def test_fresh_translation_is_all_missing(project: FixtureProject, run) -> None:
    assert run("translate", "init", "es").exit_code == 0
    result = run("translate", "status", "es")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "handouts/cramp/es.yaml: es draft translation, not approved; 15 missing, "
        "0 stale, 0 extra (of 15 fields)"
    )
    assert lines[1] == "  handouts/cramp/es.yaml:7: missing title (not translated yet)"
    assert lines[-1] == "careleaf: 1 translation, 0 complete and current, 1 needs work"
    build = run("build", TODAY_ARG, "--drafts")
    assert build.exit_code == 0
    assert (
        "skipped handouts/cramp/es.yaml: not translated yet: 15 of 15 fields missing "
        "(first: title); see careleaf translate status"
    ) in build.stdout
    assert not project.path("output/es").exists()


@pytest.mark.render
def test_draft_is_skipped_by_default_and_marked_with_drafts(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    status = run("translate", "status", "es")
    assert status.exit_code == 0, status.output
    default = run("build", TODAY_ARG)
    assert default.exit_code == 0, default.output
    assert (
        "skipped handouts/cramp/es.yaml: draft translation, not approved; build with --drafts "
        "to print it stamped 'DRAFT TRANSLATION - not for patient use'"
    ) in default.stdout
    assert default.stdout.endswith("careleaf: 1 built, 1 skipped, 0 failed\n")
    assert not project.path("output/es/cramp.pdf").exists()
    drafts = run("build", TODAY_ARG, "--drafts")
    assert drafts.exit_code == 0, drafts.output
    pages = [one_line(p) for p in pdf_pages(project.path("output/not-for-patients/es/cramp.pdf"))]
    assert len(pages) == 3
    assert all(DRAFT in page for page in pages)
    assert all(DRAFT not in one_line(p) for p in pdf_pages(project.path("output/en/cramp.pdf")))


@pytest.mark.render
def test_approved_current_translation_is_printed_unmarked(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    approve(project)
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    pages = [one_line(p) for p in pdf_pages(project.path("output/es/cramp.pdf"))]
    assert len(pages) == 3
    assert "Texto 1" in pages[0]  # the translated title
    assert all(DRAFT not in page for page in pages)
    assert "Reviewed 1 de junio de 2026" in pages[0]  # Spanish dates, English test strings


@pytest.mark.render
def test_source_edit_makes_exactly_that_field_stale(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    approve(project)
    project.edit(
        "handouts/cramp/en.yaml",
        "Rub the muscle to help it relax.",
        "Rub the muscle gently to help it relax.",
    )
    project.edit("handouts/cramp/en.yaml", "title: Leg cramp", "title:   Leg   cramp")  # spaces
    status = run("translate", "status", "es")
    assert status.exit_code == 1
    assert status.stdout.splitlines()[:4] == [
        "handouts/cramp/es.yaml: es changed since it was approved by Ana Revisora on "
        "2026-11-01; 0 missing, 1 stale, 0 extra (of 15 fields)",
        "  handouts/cramp/es.yaml:24: stale home_care.items[rub].text "
        "(source text changed since it was translated)",
        "    was: Rub the muscle to help it relax.",
        "    now: Rub the muscle gently to help it relax.",
    ]
    project.sign_off()
    build = run("build", TODAY_ARG)
    assert build.exit_code == 0
    assert (
        "skipped handouts/cramp/es.yaml: changed since it was approved by Ana Revisora on "
        "2026-11-01, 1 field changed in the source since translation (stale); build with "
        "--drafts to print it stamped 'DRAFT TRANSLATION - not for patient use'"
    ) in build.stdout
    marked = run(
        "translate", "mark-current", "es", "--handout", "cramp", "home_care.items[rub].text"
    )
    assert marked.exit_code == 0, marked.output
    assert marked.stdout == "marked 1 field current: home_care.items[rub].text\n"
    # The translator now sees the new source text above the field.
    assert "      # en: Rub the muscle gently to help it relax.\n      text:" in project.read(ES)
    assert "# en: Leg cramp" in project.read(ES)  # the translator's file kept its comments
    assert run("translate", "status", "es").exit_code == 0
    # Marking a field current does not approve anything: someone must look again.
    again = run("build", TODAY_ARG)
    assert "skipped handouts/cramp/es.yaml: changed since it was approved" in again.stdout
    assert not project.path("output/es/cramp.pdf").exists()
    approve(project)
    assert run("build", TODAY_ARG).exit_code == 0
    assert project.path("output/es/cramp.pdf").is_file()


def test_mark_current_refuses_unknown_and_untranslated_fields(project: FixtureProject, run) -> None:
    assert run("translate", "init", "es").exit_code == 0
    unknown = run("translate", "mark-current", "es", "--handout", "cramp", "titel")
    assert unknown.exit_code == 2
    assert "no field 'titel' in the source" in unknown.stderr
    empty = run("translate", "mark-current", "es", "--handout", "cramp", "title")
    assert empty.exit_code == 2
    assert "'title' is not translated yet in handouts/cramp/es.yaml" in empty.stderr


@pytest.mark.render
def test_missing_field_never_falls_back_to_the_source(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    approve(project)
    project.write(ES, _blank_first_text(project.read(ES)))
    status = run("translate", "status", "es")
    assert status.exit_code == 1
    assert (
        "  handouts/cramp/es.yaml:19: missing home_care.items[stretch].text (not translated yet)"
        in status.stdout
    )
    for args in ((), ("--drafts",)):
        build = run("build", TODAY_ARG, *args)
        assert build.exit_code == 0
        assert (
            "skipped handouts/cramp/es.yaml: not translated yet: 1 of 15 fields missing "
            "(first: home_care.items[stretch].text)" in build.stdout
        )
        assert not project.path("output/es/cramp.pdf").exists()


def _blank_first_text(text: str) -> str:
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.strip().startswith("text:"):
            lines[n] = line[: line.index("text:")] + 'text: ""'
            break
    return "\n".join(lines)


@pytest.mark.render
def test_extra_item_is_reported_and_not_printed(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    approve(project)
    text = project.read(ES).replace(
        "  soon:\n",
        "  soon:\n    - text: Una señal nueva que no está en el original.\n      id: nueva\n",
        1,
    )
    project.write(ES, text)
    status = run("translate", "status", "es")
    assert "extra warning_signs.soon[nueva].text (not in the source)" in status.stdout
    build = run("build", TODAY_ARG)
    assert "1 field not in the source" in build.stdout
    assert not project.path("output/es/cramp.pdf").exists()
    drafts = run("build", TODAY_ARG, "--drafts")
    assert drafts.exit_code == 0, drafts.output
    pages = " ".join(
        one_line(p) for p in pdf_pages(project.path("output/not-for-patients/es/cramp.pdf"))
    )
    assert "Una señal nueva" not in pages  # only what the source has is ever printed


def test_translation_needs_its_bookkeeping(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    text = project.read(ES)
    project.write(ES, text[: text.index("\ntranslation:")] + "\n")
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert (
        "handouts/cramp/es.yaml:1:1: a translation needs a 'translation' block "
        "(translated_by, source_fingerprints); careleaf translate init writes one"
    ) in result.stderr


def test_approval_written_by_hand_needs_all_three_parts(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    project.edit(ES, '  translated_by: ""', '  translated_by: ""\n  approved_by: Ana')
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/cramp/es.yaml:54:16: an approval needs 'translation.approved_on', "
        "'translation.approval' too; careleaf translate approve writes all three"
    )


def test_old_translation_state_says_how_to_migrate(project: FixtureProject, run) -> None:
    start_spanish(project, run)
    project.edit(ES, '  translated_by: ""', '  state: approved\n  translated_by: ""')
    result = run("check", TODAY_ARG, "--no-layout")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "handouts/cramp/es.yaml:53:3: 'translation.state' is careleaf's old format: careleaf "
        "translate approve records approvals now; run careleaf migrate"
    )


@pytest.mark.render
def test_right_to_left_language(project: FixtureProject, run) -> None:
    assert run("translate", "init", "ar").exit_code == 0
    ar = "handouts/cramp/ar.yaml"
    project.write(ar, fill(project.read(ar), "نص"))
    strings = project.read("handouts/_strings/en.yaml").replace("language: en", "language: ar")
    project.write("handouts/_strings/ar.yaml", strings)
    from careleaf.catalog.catalog import read_catalog
    from careleaf.project import Project
    from careleaf.render.html import RenderOptions, make_environment, render_html

    from conftest import TODAY

    proj = Project.open(project.root)
    catalog = read_catalog(proj, TODAY, languages=["ar"], drafts=True)
    [leaflet] = catalog.leaflets
    html = render_html(
        make_environment(proj.templates_dir),
        leaflet,
        catalog.clinic,
        dict.fromkeys(("home_care", "warning_signs", "prevention"), 14.0),
        RenderOptions(banners=leaflet.banners),
    )
    assert '<html lang="ar" dir="rtl">' in html
    assert "\u2066020\u00a07946\u00a00199\u2069" in html
    result = run("build", TODAY_ARG, "--drafts", "--lang", "ar")
    assert result.exit_code == 0, result.output
    assert len(pdf_pages(project.path("output/not-for-patients/ar/cramp.pdf"))) == 3


@pytest.mark.render
def test_script_without_installed_font_fails_naming_the_package(
    project: FixtureProject, run
) -> None:
    # No CJK font is installed on careleaf's machines, so Japanese cannot print.
    assert run("translate", "init", "ja").exit_code == 0
    ja = "handouts/cramp/ja.yaml"
    project.write(ja, fill(project.read(ja), "こむら返り"))
    strings = project.read("handouts/_strings/en.yaml").replace("language: en", "language: ja")
    project.write("handouts/_strings/ja.yaml", strings)
    result = run("build", TODAY_ARG, "--drafts", "--lang", "ja")
    assert result.exit_code == 1
    [message, _] = result.stderr.splitlines()
    assert message == (
        "handouts/cramp/ja.yaml: no installed font for 'ja' can print 'こ' U+3053, "
        "'む' U+3080, 'ら' U+3089, '返' U+8FD4, 'り' U+308A; install the Debian package "
        "fonts-noto-cjk (fonts tried: Noto Sans CJK JP, Noto Sans)"
    )
    assert not project.path("output/ja/cramp.pdf").exists()


EN = "handouts/cramp/en.yaml"


def test_mark_current_all_lists_the_fields_that_were_stale(project: FixtureProject, run) -> None:
    """--all marks every translated field; the ones that were stale are named, to check."""
    start_spanish(project, run)
    project.edit(EN, "Rub the muscle to help it relax.", "Rub the muscle gently to help it relax.")
    project.edit(EN, "Drink water through the day.", "Drink water all through the day.")
    result = run("translate", "mark-current", "es", "--handout", "cramp", "--all")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "marked 15 fields current (2 of them stale until now: home_care.items[rub].text, "
        "prevention.items[drink-water].text)\n"
    )
    again = run("translate", "mark-current", "es", "--handout", "cramp", "--all")
    assert again.stdout == "marked 15 fields current (none was stale)\n"
