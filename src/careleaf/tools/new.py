"""``careleaf new``: a handout folder with every required field, ready to fill in."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from careleaf.content import i18n
from careleaf.content.model import HANDOUT_ID_RE
from careleaf.errors import CareleafError, Location, Problem, UsageError
from careleaf.files.write import write_atomic
from careleaf.project import GOVERNANCE_FILE, Project


def _skeleton(name: str, handout_id: str, lang: str) -> bytes:
    text = files("careleaf").joinpath("skeleton", name).read_text(encoding="utf-8")
    return text.replace("{id}", handout_id).replace("{lang}", lang).encode("utf-8")


def scaffold_handout(project: Project, handout_id: str, lang: str) -> list[Path]:
    """Create ``handouts/<id>/handout.yaml`` and ``<lang>.yaml``; never overwrite."""
    if not HANDOUT_ID_RE.fullmatch(handout_id):
        raise UsageError(
            f"'{handout_id}' is not a valid handout id: use lowercase letters, digits "
            "and hyphens, e.g. low-back-pain"
        )
    try:
        i18n.parse_tag(lang)
    except i18n.TagError as exc:
        raise UsageError(str(exc)) from None
    folder = project.handout_dir(handout_id)
    if folder.exists():
        raise CareleafError(
            Problem(Location(project.show(folder)), "already exists; choose another id or edit it")
        )
    created = []
    for name, target in (("handout.yaml", GOVERNANCE_FILE), ("content.yaml", f"{lang}.yaml")):
        path = folder / target
        write_atomic(path, _skeleton(name, handout_id, lang), project.show(path), exclusive=True)
        created.append(path)
    return created
