"""``careleaf migrate``: bring a project's files to the format with sign-off records and item ids.

Run once after upgrading careleaf (and again whenever it says so; it changes
nothing in files that are already current). It:

- gives every list item of each source-language file (home care and
  prevention tips, each urgency level's signs) a short stable ``id`` made
  from its words, and turns each sign into ``{text, id}``;
- gives the items of each translation the ids of the source items they
  stand beside, and renames the fingerprints from positions to ids, so no
  translation is lost and none goes stale;
- moves ``review.notes`` of ``handout.yaml`` to ``notes`` and drops the old,
  hand-written review dates: only a record that ``careleaf review sign-off``
  writes makes a handout patient-ready now, so a reviewer signs each
  handout off again (the report says how);
- drops ``translation.state``: approvals are bound to the text now, so an
  approved translation must be approved again with ``careleaf translate
  approve``.

Every file is edited in place (comments and layout kept) and all files are
written together or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from careleaf.content.fields import ID
from careleaf.errors import CareleafError, ContentError, Problems
from careleaf.files.yaml_edit import Edit, open_edit, remove, save
from careleaf.project import GOVERNANCE_FILE, Project

#: The lists whose items have ids, as paths into a content file.
LISTS = (
    ("home_care", "items"),
    ("warning_signs", "emergency"),
    ("warning_signs", "urgent"),
    ("warning_signs", "soon"),
    ("prevention", "items"),
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "but",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "get",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "not",
        "of",
        "on",
        "or",
        "so",
        "than",
        "that",
        "the",
        "them",
        "then",
        "they",
        "this",
        "to",
        "up",
        "well",
        "with",
        "you",
        "your",
    ]
)


def make_id(text: str, taken: set[str], fallback: str) -> str:
    """A short id from the first telling words of ``text``, unique among ``taken``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    chosen = [w for w in words if w not in _SMALL_WORDS][:3] or words[:3]
    base = "-".join(chosen)[:30].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


@dataclass
class Migration:
    """What the migration changed, and what people must now do."""

    changes: list[str] = field(default_factory=list)  # one line per file changed
    todo: list[str] = field(default_factory=list)  # sign-offs and approvals to renew
    written: list[str] = field(default_factory=list)


def _list_at(data: Any, path: tuple[str, str]) -> Any:
    node = data.get(path[0]) if isinstance(data, dict) else None
    found = node.get(path[1]) if isinstance(node, dict) else None
    return found if isinstance(found, list) else None


def _ids_for_source(data: Any) -> tuple[dict[tuple[str, str], list[str]], int]:
    """Give each source item an id where it has none; the ids of each list, in order."""
    ids: dict[tuple[str, str], list[str]] = {}
    added = 0
    for path in LISTS:
        items = _list_at(data, path)
        if items is None:
            continue
        taken = {str(i[ID]) for i in items if isinstance(i, dict) and ID in i}
        fallback = "sign" if path[0] == "warning_signs" else "item"
        found = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                _sign(items, index, make_id(item, taken, fallback))
                item = items[index]
                added += 1
            elif isinstance(item, dict) and ID not in item:
                words = str(item.get("heading") or item.get("text") or "")
                _add_id(item, make_id(words, taken, fallback))
                added += 1
            found.append(str(item[ID]) if isinstance(item, dict) and ID in item else "")
        ids[path] = found
    return ids, added


def _add_id(item: Any, item_id: str) -> None:
    """Give a mapping item its id as its last key, the comment that followed it after the id."""
    keys = list(item)
    item[ID] = item_id
    after = item.ca.items.get(keys[-1]) if keys and hasattr(item, "ca") else None
    if after and len(after) > 2 and after[2] is not None:
        item.ca.items[ID] = [None, None, after[2], None]
        after[2] = None


def _sign(items: Any, index: int, sign_id: str) -> None:
    """Turn the bare sign at ``items[index]`` into ``{text, id}`` in place.

    A comment after a list entry belongs to the list in ruamel's tree; after
    a mapping it belongs to the mapping's last key. It moves with the entry,
    so the ``# en:`` comment above the next sign stays above that sign.
    """
    node = CommentedMap()
    node["text"] = items[index]  # keeps the scalar's quoting
    node[ID] = sign_id
    after = items.ca.items.pop(index, None) if hasattr(items, "ca") else None
    if after and after[0] is not None:
        node.ca.items[ID] = [None, None, after[0], None]
    items[index] = node


def _ids_for_translation(edit: Edit, ids: dict[tuple[str, str], list[str]]) -> list[str]:
    """Items side by side with the source's get its ids; fingerprints follow. What changed."""
    notes: list[str] = []
    data = edit.data
    renames: dict[str, str] = {}
    for path, source_ids in ids.items():
        items = _list_at(data, path)
        if items is None or any(isinstance(i, dict) and ID in i for i in items):
            continue  # already has ids (or is not a list): nothing positional to carry over
        name = ".".join(path)
        taken = set(source_ids)
        for index, item in enumerate(items):
            known = index < len(source_ids) and source_ids[index]
            item_id = source_ids[index] if known else make_id("extra", taken, "extra")
            if isinstance(item, str):
                _sign(items, index, item_id)
                renames[f"{name}[{index + 1}]"] = f"{name}[{item_id}].text"
            elif isinstance(item, dict):
                _add_id(item, item_id)
                for key in ("heading", "text"):
                    renames[f"{name}[{index + 1}].{key}"] = f"{name}[{item_id}].{key}"
            if not known:
                notes.append(f"{name}[{index + 1}] has no source item beside it: id '{item_id}'")
    block = data.get("translation") if isinstance(data, dict) else None
    prints = block.get("source_fingerprints") if isinstance(block, dict) else None
    if renames and isinstance(prints, dict):
        old = dict(prints)
        for key in list(prints):
            del prints[key]
        for key, value in old.items():
            prints[renames.get(key, key)] = value
    return notes


def _translation_block(edit: Edit, shown: str, migration: Migration) -> bool:
    block = edit.data.get("translation") if isinstance(edit.data, dict) else None
    if not isinstance(block, dict) or "state" not in block:
        return False
    state = str(remove(block, "state"))
    who, when = block.get("approved_by"), block.get("approved_on")
    if "approval" not in block:
        for key in ("approved_by", "approved_on"):
            if key in block:
                remove(block, key)
    if state == "approved":
        migration.todo.append(
            f"{shown}: was approved by {who} on {when}; approvals are bound to the text now, "
            "so approve it again: careleaf translate approve "
            f"{edit.data.get('language')} --handout {edit.path.parent.name} --by NAME"
        )
    return True


def _governance(edit: Edit, handout_id: str, migration: Migration) -> bool:
    data = edit.data
    review = data.get("review") if isinstance(data, dict) else None
    if not isinstance(review, dict):
        return False
    position = list(data).index("review")
    notes = review.get("notes")
    remove(data, "review")
    if notes and "notes" not in data:
        data.insert(position, "notes", notes)
    migration.todo.append(
        f"{edit.shown}: the review by {review.get('reviewed_by')} on "
        f"{review.get('reviewed_on')} was written by hand; only careleaf review sign-off "
        f"makes a handout patient-ready now: careleaf review sign-off {handout_id} --by NAME"
    )
    return True


def migrate(project: Project, *, dry_run: bool = False) -> Migration:
    """Migrate every handout of ``project``; with ``dry_run``, say what would change."""
    migration = Migration()
    edits: list[Edit] = []
    problems = Problems()
    for handout_id in project.handout_ids():
        folder = project.handout_dir(handout_id)
        if project.outside_problem(folder) is not None:
            continue
        try:
            gov = open_edit(folder / GOVERNANCE_FILE, project.show(folder / GOVERNANCE_FILE))
        except CareleafError as exc:
            problems.extend(exc.problems)
            continue
        if _governance(gov, handout_id, migration):
            migration.changes.append(f"{gov.shown}: review dates dropped, notes kept")
        edits.append(gov)
        source_tag = str(gov.data.get("source_language", ""))
        files = project.language_files(handout_id)
        if source_tag not in files:
            continue
        try:
            source = open_edit(files[source_tag], project.show(files[source_tag]))
        except CareleafError as exc:
            problems.extend(exc.problems)
            continue
        ids, added = _ids_for_source(source.data)
        if added:
            migration.changes.append(f"{source.shown}: {added} item ids added")
        edits.append(source)
        for tag, path in files.items():
            if tag == source_tag:
                continue
            try:
                edit = open_edit(path, project.show(path))
            except CareleafError as exc:
                problems.extend(exc.problems)
                continue
            notes = _ids_for_translation(edit, ids)
            dropped = _translation_block(edit, edit.shown, migration)
            if edit.text() != edit.original:
                what = "items matched to the source's ids" + (", state dropped" if dropped else "")
                migration.changes.append(f"{edit.shown}: {what}")
            migration.todo.extend(f"{edit.shown}: {note}" for note in notes)
            edits.append(edit)
    if problems:
        raise ContentError(problems)
    if not dry_run:
        migration.written = [edit.shown for edit in save(edits)]
    return migration
