"""What the translator's commands share: language tags, handouts and their source files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from careleaf.catalog.catalog import select
from careleaf.catalog.reader import read_document
from careleaf.content import i18n
from careleaf.content.model import Governance
from careleaf.content.validate import to_model
from careleaf.errors import ContentError, Location, Problem, Problems, UsageError
from careleaf.files.strict_yaml import Document
from careleaf.project import Project


@dataclass(frozen=True)
class Source:
    """A handout's governance and its source-language file, as written."""

    gov: Governance
    doc: Document
    gov_doc: Document  # handout.yaml as written, which ``gov`` was validated from


def check_tag(tag: str) -> None:
    try:
        i18n.parse_tag(tag)
    except i18n.TagError as exc:
        raise UsageError(str(exc)) from None


def handouts_of(project: Project, wanted: Iterable[str]) -> list[str]:
    return select(project.handout_ids(), list(wanted), "handout")


def known_handout(project: Project, handout_id: str) -> None:
    """A content problem (exit 1) when there is no such handout, naming those there are."""
    known = project.handout_ids()
    if handout_id not in known:
        raise ContentError(
            Problem(
                Location(project.show(project.handout_dir(handout_id))),
                f"no handout '{handout_id}' (there are: {', '.join(known) or 'none'})",
            )
        )


def source_of(project: Project, handout_id: str) -> Source:
    """``handout.yaml`` and the source-language file; raises with their problems."""
    problems = Problems()
    gov_path = project.governance_file(handout_id)
    gov_doc = read_document(project, gov_path, problems)
    gov = None
    if gov_doc is not None:
        gov, found = to_model(gov_doc, Governance)
        problems.extend(found)
    if gov is None:
        raise ContentError(problems)
    path = project.content_file(handout_id, gov.source_language)
    doc = read_document(project, path, problems)
    problems.raise_if_any()
    assert doc is not None and gov_doc is not None
    return Source(gov, doc, gov_doc)


def read_reference_strings(project: Project, tag: str) -> Any:
    """The UI strings of the source language, as written."""
    problems = Problems()
    doc = read_document(project, project.strings_file(tag), problems)
    problems.raise_if_any()
    assert doc is not None
    return doc.data
