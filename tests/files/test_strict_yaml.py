"""The strict YAML loader: plain strings only, and every refusal says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from careleaf.errors import ContentError, Location
from careleaf.files.strict_yaml import MAX_DEPTH, MAX_FILE_BYTES, load_file, parse


def refusal(source: str | bytes) -> str:
    """The message ``parse`` refuses ``source`` with, as the user reads it."""
    raw = source.encode("utf-8") if isinstance(source, str) else source
    with pytest.raises(ContentError) as caught:
        parse(raw, "x.yaml")
    return str(caught.value)


def nested_mappings(levels: int) -> str:
    """A block mapping ``levels`` deep: k0 holds k1 holds ... holds 'v: leaf'."""
    lines = ["  " * depth + f"k{depth}:" for depth in range(levels - 1)]
    lines.append("  " * (levels - 1) + "v: leaf")
    return "\n".join(lines) + "\n"


# --- every scalar stays a string --------------------------------------------


def test_every_scalar_stays_a_string() -> None:
    doc = parse(
        b"answer: no\n"
        b"also: yes\n"
        b"count: 1\n"
        b"ratio: 1.5\n"
        b"day: 2026-01-05\n"
        b"tilde: ~\n"
        b"word: null\n"
        b"empty:\n"
        b"quoted: ''\n"
        b"octal: 0o17\n",
        "x.yaml",
    )
    assert doc.data == {
        "answer": "no",
        "also": "yes",
        "count": "1",
        "ratio": "1.5",
        "day": "2026-01-05",
        "tilde": "~",
        "word": "null",
        "empty": "",
        "quoted": "",
        "octal": "0o17",
    }
    assert all(type(value) is str for value in doc.data.values())


def test_keys_stay_strings_too() -> None:
    assert parse(b"1: one\nno: two\nnull: three\n", "x.yaml").data == {
        "1": "one",
        "no": "two",
        "null": "three",
    }


def test_lists_and_nested_mappings_are_plain_python_data() -> None:
    doc = parse(b"items:\n  - heading: Rest\n    text: 'Yes: really'\n  - [a, b]\n", "x.yaml")
    assert doc.data == {"items": [{"heading": "Rest", "text": "Yes: really"}, ["a", "b"]]}


def test_a_single_explicit_document_is_accepted() -> None:
    assert parse(b"---\ntitle: Cramp\n...\n", "x.yaml").data == {"title": "Cramp"}


def test_a_utf8_byte_order_mark_is_accepted_and_does_not_shift_columns() -> None:
    doc = parse("\ufefftitle: Crampe\n".encode(), "x.yaml")
    assert doc.data == {"title": "Crampe"}
    assert doc.where_key(("title",)) == Location("x.yaml", 1, 1)
    assert doc.where(("title",)) == Location("x.yaml", 1, 8)


def test_windows_line_endings_are_accepted() -> None:
    assert parse(b"a: b\r\nc: d\r\n", "x.yaml").data == {"a": "b", "c": "d"}


def test_a_tab_inside_a_value_is_not_indentation() -> None:
    assert parse(b"a: 1 \tb\n", "x.yaml").data == {"a": "1 \tb"}


# --- anchors, aliases and tags ----------------------------------------------


def test_anchor_is_refused_where_it_is_written() -> None:
    assert refusal("a: &x 1\nb: *x\n") == "x.yaml:1:4: anchors ('&x') are not allowed"


def test_alias_is_refused() -> None:
    assert refusal("a: 1\nb: *x\n") == (
        "x.yaml:2:4: aliases ('*x') are not allowed; write the value out"
    )


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    # Nine levels of nine aliases would expand to 9**9 strings if ever followed.
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    assert refusal("\n".join(lines) + "\n") == "x.yaml:1:5: anchors ('&l0') are not allowed"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param(
            "run: !!python/object:os.system ls\n",
            "x.yaml:1:6: tags ('!!python/object:os.system') are not allowed",
            id="python-object",
        ),
        pytest.param(
            "count: !!str 1\n",
            "x.yaml:1:8: tags ('!!str') are not allowed",
            id="core-str",
        ),
        pytest.param(
            "title: !custom Cramp\n",
            "x.yaml:1:8: tags ('!custom') are not allowed",
            id="local",
        ),
        pytest.param(
            "title: ! Cramp\n",
            "x.yaml:1:8: tags ('!') are not allowed",
            id="non-specific",
        ),
        pytest.param(
            "items: !!seq\n  - a\n",
            "x.yaml:1:8: tags ('!!seq') are not allowed",
            id="on-a-list",
        ),
    ],
)
def test_tags_are_refused(source: str, message: str) -> None:
    assert refusal(source) == message


# --- structure ---------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    assert refusal("id: cramp\nid: spasm\n") == (
        "x.yaml:2:1: duplicate key 'id' (first defined at line 1)"
    )


def test_duplicate_key_in_a_nested_mapping() -> None:
    source = "review:\n  reviewed_by: A\n  notes: x\n  reviewed_by: B\n"
    assert refusal(source) == ("x.yaml:4:3: duplicate key 'reviewed_by' (first defined at line 2)")


def test_same_key_in_different_mappings_is_fine() -> None:
    doc = parse(b"a:\n  text: one\nb:\n  text: two\n", "x.yaml")
    assert doc.data == {"a": {"text": "one"}, "b": {"text": "two"}}


def test_more_than_one_document_is_refused() -> None:
    assert refusal("title: One\n---\ntitle: Two\n") == (
        "x.yaml:2:1: more than one YAML document ('---'); use one per file"
    )


def test_a_list_as_a_key_is_refused() -> None:
    assert refusal("? [a, b]\n: value\n") == (
        "x.yaml:1:3: a key must be plain text, not a list or mapping"
    )


def test_nesting_up_to_max_depth_is_accepted() -> None:
    data = parse(nested_mappings(MAX_DEPTH).encode(), "x.yaml").data
    for depth in range(MAX_DEPTH - 1):
        data = data[f"k{depth}"]
    assert data == {"v": "leaf"}


def test_nesting_deeper_than_max_depth_is_refused() -> None:
    source = nested_mappings(MAX_DEPTH + 1)
    assert refusal(source) == (
        f"x.yaml:{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep"
    )


def test_deep_flow_lists_are_refused_too() -> None:
    depth = MAX_DEPTH + 1
    source = "[" * depth + "x" + "]" * depth + "\n"
    assert refusal(source) == f"x.yaml:1:{depth}: nested more than {MAX_DEPTH} levels deep"


# --- characters and encoding -------------------------------------------------


def test_tab_indentation_is_refused() -> None:
    assert refusal("review:\n\treviewed_by: A\n") == (
        "x.yaml:2:1: tab used for indentation; indent with spaces"
    )


def test_tab_after_space_indentation_is_refused_at_the_tab() -> None:
    assert refusal("review:\n  \treviewed_by: A\n") == (
        "x.yaml:2:3: tab used for indentation; indent with spaces"
    )


def test_unquoted_colon_in_a_value_is_a_syntax_error() -> None:
    assert refusal("id: cramp\ntitle: Note: this\n") == (
        "x.yaml:2:12: YAML syntax error: unexpected ':'; put text that contains ': ' in quotes"
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param(
            "items: [a, b\n",
            "x.yaml:2:1: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
            id="unclosed-list",
        ),
        pytest.param(
            "title: 'Leg cramp\n",
            "x.yaml:1:8: YAML syntax error: a quoted value that starts here is never closed",
            id="unclosed-quote",
        ),
        pytest.param(
            "review:\n  reviewed_on: x\n reviewed_by: y\n",
            "x.yaml:3:2: YAML syntax error: did not find expected key "
            "(while parsing a block mapping)",
            id="bad-indent",
        ),
    ],
)
def test_other_syntax_errors_keep_the_parser_explanation(source: str, message: str) -> None:
    assert refusal(source) == message


def test_nul_byte_is_refused() -> None:
    assert refusal(b"id: cramp\ntitle: Leg\x00cramp\n") == (
        "x.yaml:2:11: control character U+0000 is not allowed"
    )


@pytest.mark.parametrize(
    ("char", "code"),
    [("\x1b", "001B"), ("\x7f", "007F"), ("\x85", "0085"), ("\ufffe", "FFFE")],
)
def test_other_control_characters_are_refused(char: str, code: str) -> None:
    assert refusal(f"title: Leg{char}\n") == (
        f"x.yaml:1:11: control character U+{code} is not allowed"
    )


def test_invalid_utf8_names_the_byte_line_and_column() -> None:
    # Latin-1 'é' in "café".
    assert refusal(b"id: cramp\ntitle: caf\xe9\n") == (
        "x.yaml:2:11: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_utf16_file_is_refused_as_not_utf8() -> None:
    assert refusal("title: Cramp\n".encode("utf-16")) == (
        "x.yaml:1:1: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    )


@pytest.mark.parametrize("source", [b"", b"\n\n", b"   \n  \n", b"\xef\xbb\xbf"])
def test_empty_file_is_refused(source: bytes) -> None:
    assert refusal(source) == "x.yaml:1:1: file is empty"


# --- size cap ----------------------------------------------------------------


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    with pytest.raises(ContentError) as caught:
        load_file(path, "handouts/big/en.yaml")
    assert str(caught.value) == (
        f"handouts/big/en.yaml: file is {MAX_FILE_BYTES + 4:,} bytes; "
        f"the limit is {MAX_FILE_BYTES:,}"
    )


def test_file_exactly_at_the_size_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert len(load_file(path, "full.yaml").data["a"]) == MAX_FILE_BYTES - 4


def test_parse_refuses_bytes_over_the_size_cap() -> None:
    assert refusal(b"a" * (MAX_FILE_BYTES + 1)) == (
        f"x.yaml: file is over the {MAX_FILE_BYTES:,} byte limit"
    )


def test_missing_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_file(tmp_path / "nope.yaml", "handouts/nope.yaml")
    assert str(caught.value) == "handouts/nope.yaml: cannot read file: No such file or directory"


def test_load_file_shows_the_display_name(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_file(path, "handouts/cramp/en.yaml")
    [problem] = caught.value.problems
    assert problem.location == Location("handouts/cramp/en.yaml", 2, 1)
    assert problem.message == "duplicate key 'id' (first defined at line 1)"


# --- where things are ----------------------------------------------------------

NESTED = b"""\
title: Leg cramp
home_care:
  intro: Rest.
  items:
    - heading: Stretch
      text: Hold it.
    - heading: Rub
      text: Gently.
warning_signs:
  emergency: [Breathless, Chest pain]
"""


@pytest.mark.parametrize(
    ("path", "line", "col"),
    [
        pytest.param((), 1, 1, id="root"),
        pytest.param(("title",), 1, 8, id="top-level-value"),
        pytest.param(("home_care",), 3, 3, id="mapping-value-starts-at-its-first-key"),
        pytest.param(("home_care", "intro"), 3, 10, id="nested-value"),
        pytest.param(("home_care", "items"), 5, 5, id="block-list-starts-at-its-dash"),
        pytest.param(("home_care", "items", 0), 5, 7, id="first-list-item"),
        pytest.param(("home_care", "items", 1), 7, 7, id="second-list-item"),
        pytest.param(("home_care", "items", 1, "text"), 8, 13, id="value-inside-list-item"),
        pytest.param(("warning_signs", "emergency", 1), 10, 27, id="flow-list-item"),
        pytest.param(("home_care", "items", 1, "missing"), 7, 7, id="unknown-falls-to-parent"),
        pytest.param(("nowhere", "at", "all"), 1, 1, id="unknown-falls-to-root"),
    ],
)
def test_where_gives_one_based_line_and_column(path: tuple, line: int, col: int) -> None:
    assert parse(NESTED, "x.yaml").where(path) == Location("x.yaml", line, col)


@pytest.mark.parametrize(
    ("path", "line", "col"),
    [
        pytest.param(("title",), 1, 1, id="top-level-key"),
        pytest.param(("home_care", "items"), 4, 3, id="nested-key"),
        pytest.param(("home_care", "items", 1, "text"), 8, 7, id="key-inside-list-item"),
        pytest.param(("home_care", "items", 1), 7, 7, id="list-item-has-no-key-so-its-value"),
    ],
)
def test_where_key_gives_the_key_position(path: tuple, line: int, col: int) -> None:
    assert parse(NESTED, "x.yaml").where_key(path) == Location("x.yaml", line, col)


def test_document_keeps_its_display_path() -> None:
    doc = parse(b"a: b\n", "handouts/cramp/en.yaml")
    assert doc.path == "handouts/cramp/en.yaml"
    assert str(doc.where(("a",))) == "handouts/cramp/en.yaml:1:4"


# --- reading a file again ----------------------------------------------------------


def test_the_same_bytes_read_twice_give_data_of_their_own() -> None:
    raw = b"home_care:\n  items:\n    - id: rub\n      text: Rub it.\n"
    first = parse(raw, "handouts/cramp/en.yaml")
    first.data["home_care"]["items"].append({"id": "new"})
    first.data["home_care"]["items"][0]["text"] = "changed"
    second = parse(raw, "handouts/cramp/en.yaml")
    assert second.data == {"home_care": {"items": [{"id": "rub", "text": "Rub it."}]}}
    assert str(second.where(("home_care", "items", 0, "text"))) == "handouts/cramp/en.yaml:4:13"


def test_an_edited_file_is_read_anew(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text("title: Leg cramp\n", encoding="utf-8")
    assert load_file(path, "en.yaml").data == {"title": "Leg cramp"}
    path.write_text("title: Leg cramps\n", encoding="utf-8")
    assert load_file(path, "en.yaml").data == {"title": "Leg cramps"}
    # The same bytes under another name place their values under that name.
    assert str(parse(b"title: Leg cramps\n", "es.yaml").where(("title",))) == "es.yaml:1:8"
