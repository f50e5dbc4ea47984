"""``manifest.json``: what each PDF of an output folder is, and what it was made from.

Per PDF: handout, language, pages, sha256, size, body text sizes, the
sign-off, stamps, and the input key that makes rebuilds incremental. A
manifest lists exactly the PDFs of its folder (careleaf.build.outputs keeps it so);
manifests of shards built on different machines merge into one.

A manifest is read as untrusted input: it names files careleaf may replace
or remove, so every entry is checked against the schema below before it is
used, and a bad one is refused with what is wrong. The check is written out
here rather than done with pydantic because a no-op build reads manifests
and must stay under half a second; importing pydantic alone costs about
0.2 s.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypedDict, cast

from careleaf.content.printing import HANDOUT_PATTERN, SHA256, TAG_PATTERN
from careleaf.errors import ContentError, Location, Problem
from careleaf.files.write import write_atomic

MANIFEST = "manifest.json"
#: Where a PDF of a folder may be: ``<language tag>/<handout id>.pdf``, nothing else.
OUTPUT_NAME = re.compile(rf"{TAG_PATTERN}/{HANDOUT_PATTERN}\.pdf")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Review(TypedDict):
    signed_on: str
    next_review_due: str
    signed_by: str


class Entry(TypedDict):
    """One PDF of a folder, as its manifest records it (checked against :data:`ENTRY`)."""

    path: str
    handout: str
    language: str
    pages: int
    sha256: str
    bytes: int
    body_pt: dict[str, float]
    review: Review | None
    patient_ready: bool
    stamps: list[str]
    review_overdue: bool
    draft_translation: bool
    variant: str
    printed_on: str
    input_hash: str
    source_language: str
    fonts: list[str]
    valid_from: str | None
    layouts: int


#: A folder's entries by output name (``<lang>/<handout>.pdf``).
Entries = dict[str, Entry]


def _text(pattern: re.Pattern[str] | None = None) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be text"
        if pattern is not None and not pattern.fullmatch(value):
            return f"is '{value}', which is not what careleaf writes there"
        return None

    return check


def _number(least: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            return f"must be a whole number of at least {least}"
        return None

    return check


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _optional(check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    return lambda value: None if value is None else check(value)


def _texts(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    return None if ok else "must be a list of text"


def _sizes(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
        for k, v in value.items()
    )
    return None if ok else "must map each section to a size in pt"


def _review(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"signed_on", "next_review_due", "signed_by"}:
        return "must hold signed_on, next_review_due and signed_by"
    if not all(_DAY.fullmatch(str(value[k])) for k in ("signed_on", "next_review_due")):
        return "must give its days as YYYY-MM-DD"
    return None


#: Every key of an entry and its check.
ENTRY: Mapping[str, Callable[[Any], str | None]] = {
    "path": _text(OUTPUT_NAME),
    "handout": _text(),
    "language": _text(),
    "pages": _number(1),
    "sha256": _text(SHA256),
    "bytes": _number(0),
    "body_pt": _sizes,
    "review": _review,
    "patient_ready": _flag,
    "stamps": _texts,
    "review_overdue": _flag,
    "draft_translation": _flag,
    "variant": _text(),
    "printed_on": _text(),
    "input_hash": _text(SHA256),
    "source_language": _text(),
    "fonts": _texts,
    "valid_from": _optional(_text(_DAY)),
    "layouts": _number(0),
}


def check_manifest(data: Any, shown: str) -> Entries:
    """The entries of manifest ``data`` by output name; raises with every fault found."""
    where = Location(shown)
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        raise ContentError(Problem(where, "not a careleaf manifest: no list of 'outputs'"))
    problems = []
    entries: Entries = {}
    for n, entry in enumerate(data["outputs"]):
        if not isinstance(entry, dict):
            problems.append(Problem(where, f"outputs[{n}] must be a mapping, not {entry!r:.40}"))
            continue
        faults = [f"'{key}' is missing" for key in ENTRY if key not in entry]
        faults += [f"'{key}' is not a key careleaf writes" for key in entry if key not in ENTRY]
        faults += [
            f"'{key}' {message}"
            for key, check in ENTRY.items()
            if key in entry and (message := check(entry[key]))
        ]
        if not faults and entry["path"] in entries:
            faults.append(f"'{entry['path']}' is listed twice")
        problems.extend(Problem(where, f"outputs[{n}]: {fault}") for fault in faults)
        if not faults:
            entries[entry["path"]] = cast(Entry, entry)  # every key checked above
    if problems:
        raise ContentError(problems)
    return entries


def still_on_disk(pdf: Path, entry: Entry) -> bytes | None:
    """The PDF's bytes when the file at ``pdf`` is the one ``entry`` records (same sha256);
    None when it is gone, unreadable or was changed by hand.

    The one test of "this PDF is what the manifest says", for the no-op proof and the
    build's own up-to-date check alike.
    """
    try:
        data = pdf.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == entry["sha256"] else None


def read_manifest_file(path: Path, shown: str, missing_ok: bool = False) -> Entries:
    """The entries of the manifest at ``path``; a bad one is refused with what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        if missing_ok:
            return {}
        raise ContentError(Problem(Location(shown), "no such manifest")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(Problem(Location(shown), f"cannot read the manifest: {exc}")) from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ContentError(Problem(Location(shown), f"not a careleaf manifest: {exc}")) from None
    return check_manifest(data, shown)


def read_manifest(folder: Path, shown: str) -> Entries:
    """The entries of ``folder``'s manifest; none when it has none."""
    return read_manifest_file(folder / MANIFEST, shown, missing_ok=True)


def _dump(entries: Mapping[str, Entry], generator: str) -> bytes:
    body = {"generator": generator, "outputs": [entries[k] for k in sorted(entries)]}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_manifest(folder: Path, entries: Mapping[str, Entry], generator: str, shown: str) -> None:
    """Write ``folder``'s manifest: exactly ``entries``, by output name."""
    write_atomic(folder / MANIFEST, _dump(entries, generator), shown)


def merge_manifests(
    sources: Iterable[tuple[Path, str]], target: Path, shown: str, generator: str
) -> int:
    """Merge shard manifests into ``target``; the same PDF twice must be the same bytes.

    Returns the number of outputs in the merged manifest.
    """
    merged: Entries = {}
    seen_in: dict[str, str] = {}
    problems: list[Problem] = []
    for path, name in sources:
        try:
            entries = read_manifest_file(path, name)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        for key, entry in entries.items():
            earlier = merged.get(key)
            if earlier is not None and earlier.get("sha256") != entry.get("sha256"):
                problems.append(
                    Problem(
                        Location(name),
                        f"'{key}' differs from the one in {seen_in[key]} (sha256 does not match)",
                    )
                )
                continue
            merged[key] = entry
            seen_in.setdefault(key, name)
    if problems:
        raise ContentError(problems)
    write_atomic(target, _dump(merged, generator), shown)
    return len(merged)
