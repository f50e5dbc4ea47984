"""Items have identity: inserting, deleting or moving one source item affects that item alone."""

from __future__ import annotations

import pytest

from conftest import ES, TODAY_ARG, FixtureProject, approve, one_line, pdf_pages, start_spanish

EN = "handouts/cramp/en.yaml"
STRETCH = (
    "    - heading: Stretch\n      text: Gently stretch the muscle and hold it.\n"
    "      id: stretch\n"
)
RUB = "    - heading: Rub\n      text: Rub the muscle to help it relax.\n      id: rub\n"


@pytest.fixture
def spanish(project: FixtureProject, run) -> FixtureProject:
    start_spanish(project, run)
    approve(project)
    return project


def status_lines(run) -> list[str]:
    return run("translate", "status", "es").stdout.splitlines()


def test_inserting_an_item_leaves_every_other_field_current(spanish: FixtureProject, run) -> None:
    spanish.edit(
        EN, RUB, "    - heading: Warmth\n      text: A warm bath helps.\n      id: warmth\n" + RUB
    )
    assert status_lines(run)[:3] == [
        f"{ES}: es approved by Ana Revisora on 2026-11-01; 2 missing, "
        "0 stale, 0 extra (of 17 fields)",
        f"  {ES}:17: missing home_care.items[warmth].heading (not translated yet)",
        f"  {ES}:17: missing home_care.items[warmth].text (not translated yet)",
    ]


def test_deleting_an_item_marks_only_that_item(spanish: FixtureProject, run) -> None:
    spanish.edit(EN, STRETCH, "")
    assert status_lines(run)[:3] == [
        f"{ES}: es changed since it was approved by Ana Revisora on 2026-11-01; 0 missing, "
        "0 stale, 2 extra (of 13 fields)",
        f"  {ES}:17: extra home_care.items[stretch].heading (not in the source)",
        f"  {ES}:19: extra home_care.items[stretch].text (not in the source)",
    ]


@pytest.mark.render
def test_moving_items_changes_no_translation_and_prints_the_new_order(
    spanish: FixtureProject, run
) -> None:
    spanish.edit(EN, STRETCH + RUB, RUB + STRETCH)
    assert status_lines(run)[0].endswith("0 missing, 0 stale, 0 extra (of 15 fields)")
    spanish.sign_off()
    approve(spanish)  # a reviewer looks at the new order and approves it
    result = run("build", TODAY_ARG)
    assert result.exit_code == 0, result.output
    page = one_line(pdf_pages(spanish.path("output/es/cramp.pdf"))[0])
    # The Spanish items follow the source's order, matched by id: "rub" (Texto 7, 8) first.
    assert page.index("Texto 7") < page.index("Texto 5")


@pytest.mark.render
def test_a_translation_in_its_own_order_prints_in_the_source_order(
    spanish: FixtureProject, run
) -> None:
    text = spanish.read(ES)
    stretch_start = text.index("    # en: Stretch")
    rub_start = text.index("    # en: Rub\n")
    rub_end = text.index("warning_signs:")
    swapped = (
        text[:stretch_start]
        + text[rub_start:rub_end]
        + text[stretch_start:rub_start]
        + text[rub_end:]
    )
    spanish.write(ES, swapped)
    assert status_lines(run)[0].endswith("0 missing, 0 stale, 0 extra (of 15 fields)")
    approve(spanish)
    assert run("build", TODAY_ARG).exit_code == 0
    page = one_line(pdf_pages(spanish.path("output/es/cramp.pdf"))[0])
    assert page.index("Texto 5") < page.index("Texto 7")  # stretch, then rub, as in English
