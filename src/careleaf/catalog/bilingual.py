"""Bilingual leaflets: each translation with its pages facing those of another language.

Staff who do not read the patient's language need to see what the patient
reads. A bilingual leaflet interleaves two finished leaflets page by page
(page 1 in the staff language, page 1 in the patient's, and so on), and
its PDF opens two pages side by side, so each section faces its translation.
Facing pages rather than two columns on one page, because every page stays
exactly the page the patient gets, at the size it was fitted to; squeezing
two languages onto one page would change the line breaks and the type size,
and staff would no longer be checking the real leaflet.

Pairing is pure: it takes the catalog's leaflets and returns the pairs to
print and the ones that cannot be paired, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from careleaf.catalog.catalog import Catalog
from careleaf.catalog.leaflet import Leaflet, Skipped
from careleaf.content.printing import output_name


@dataclass(frozen=True)
class Pairing:
    leaflets: tuple[Leaflet, ...]  # each with its companion set
    skipped: tuple[Skipped, ...]
    planned: tuple[str, ...]


def pair(catalog: Catalog, tag: str) -> Pairing:
    """Every printable leaflet not in ``tag``, paired with its handout's ``tag`` leaflet.

    A translation whose ``tag`` leaflet cannot be printed (a draft, or a file
    with problems) is skipped with the reason; it is never paired with text
    that would not be printed on its own.
    """
    companions = {lf.handout.id: lf for lf in catalog.leaflets if lf.tag == tag}
    blocked = {s.output_name: s.reason for s in catalog.skipped}
    leaflets: list[Leaflet] = []
    skipped = [s for s in catalog.skipped if not s.output_name.startswith(f"{tag}/")]
    for leaflet in catalog.leaflets:
        if leaflet.tag == tag:
            continue
        companion = companions.get(leaflet.handout.id)
        if companion is not None:
            leaflets.append(replace(leaflet, companion=companion))
            continue
        own = output_name(tag, leaflet.handout.id)
        reason = blocked.get(own, "it has problems (listed above)")
        if own not in catalog.planned:
            reason = "there is no such file"
        skipped.append(
            Skipped(
                leaflet.output_name,
                leaflet.content_doc.path,
                f"its '{tag}' page cannot be printed: {reason}",
            )
        )
    planned = tuple(name for name in catalog.planned if not name.startswith(f"{tag}/"))
    return Pairing(tuple(leaflets), tuple(skipped), planned)


def facing_order(count: int) -> Sequence[tuple[int, int]]:
    """``(document, page)`` in print order: 0 is the companion, 1 the translation."""
    return [(doc, page) for page in range(count) for doc in (0, 1)]
