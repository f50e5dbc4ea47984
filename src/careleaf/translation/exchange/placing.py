"""Putting an imported text into a translation file's round-trip tree.

A field the file has is set in place, in the quoting style it was written
in, so the file keeps its comments and layout. A field the file lacks (the
source gained an item since the file was started) is added where the
source has it: keys in the source's order, list items after the item that
comes before them in the source, matched by id, each new item's id last.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from careleaf.content.fields import ID, item_id
from careleaf.files.strict_yaml import Path_
from careleaf.files.yaml_edit import insert_item, set_after


def styled(old: Any, text: str) -> Any:
    """``text`` in the quoting style of the value it replaces.

    Plain stays plain (ruamel quotes it where YAML needs quotes); a block
    scalar becomes double-quoted, since the text is now one line.
    """
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if isinstance(old, ScalarString) or old is None:
        return DoubleQuotedScalarString(text)
    return text


def put(tree: Any, source: Any, source_path: Path_, text: str) -> None:
    """Set the source's field at ``source_path`` to ``text`` in ``tree``, adding it if need be."""
    t_node, s_node = tree, source
    for depth, part in enumerate(source_path):
        last = depth == len(source_path) - 1
        if isinstance(part, int):
            s_child = s_node[part]
            index = _find_item(t_node, s_node, part)
            if index is None:
                index = _new_item(t_node, s_node, part)
            t_node, s_node = t_node[index], s_child
            continue
        if last:
            old = t_node.get(part)
            if part in t_node:
                t_node[part] = styled(old, text)
            else:
                _add_key(t_node, s_node, part, styled(None, text))
            return
        if part not in t_node or not isinstance(t_node[part], dict | list):
            empty: Any = CommentedSeq() if isinstance(s_node[part], list) else CommentedMap()
            if part in t_node:
                t_node[part] = empty
            else:
                _add_key(t_node, s_node, part, empty)
        t_node, s_node = t_node[part], s_node[part]


def _add_key(mapping: Any, source: dict[str, Any], key: str, value: Any) -> None:
    """Add ``key`` after the nearest key before it in the source that ``mapping`` has."""
    order = list(source)
    before = [k for k in order[: order.index(key)] if k in mapping]
    set_after(mapping, before[-1] if before else "", {key: value})


def _find_item(items: Any, source_items: list[Any], index: int) -> int | None:
    wanted = item_id(source_items[index])
    if wanted is None:
        return index if index < len(items) else None
    return next((i for i, entry in enumerate(items) if item_id(entry) == wanted), None)


def _new_item(items: Any, source_items: list[Any], index: int) -> int:
    """A new item for the source's item ``index``: its id only, after the item before it."""
    item = CommentedMap()
    found = item_id(source_items[index])
    if found is not None:
        item[ID] = found
    position = 0
    for earlier in range(index - 1, -1, -1):
        at = _find_item(items, source_items, earlier)
        if at is not None:
            position = at + 1
            break
    insert_item(items, position, item)
    return position
