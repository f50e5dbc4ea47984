"""``output/manifest.json``: what each PDF is, and what it was made from.

Per PDF: handout, language, pages, sha256, size, body text sizes, review
dates, stamps and the input hash that makes rebuilds incremental. Manifests
of shards built on different machines merge into one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import ContentError, Location, Problem
from .write import write_atomic

MANIFEST = "manifest.json"


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Entries of an earlier build by output path; an unreadable manifest counts as empty."""
    try:
        return _entries(json.loads((out_dir / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _entries(data: Any) -> dict[str, dict[str, Any]]:
    return {entry["path"]: entry for entry in data["outputs"] if isinstance(entry, dict)}


def _dump(entries: Mapping[str, Mapping[str, Any]], generator: str) -> bytes:
    body = {"generator": generator, "outputs": [entries[k] for k in sorted(entries)]}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_manifest(
    out_dir: Path, entries: Iterable[Mapping[str, Any]], generator: str, shown: str
) -> None:
    """Merge ``entries`` into the manifest, keeping earlier entries whose PDF still exists."""
    merged = {
        path: entry for path, entry in read_manifest(out_dir).items() if (out_dir / path).is_file()
    }
    for entry in entries:
        merged[entry["path"]] = dict(entry)
    write_atomic(out_dir / MANIFEST, _dump(merged, generator), shown)


def merge_manifests(
    sources: Iterable[tuple[Path, str]], target: Path, shown: str, generator: str
) -> int:
    """Merge shard manifests into ``target``; the same PDF twice must be the same bytes.

    Returns the number of outputs in the merged manifest.
    """
    merged: dict[str, dict[str, Any]] = {}
    seen_in: dict[str, str] = {}
    problems = []
    for path, name in sources:
        try:
            entries = _entries(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(Location(name), f"not a careleaf manifest: {exc}"))
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
