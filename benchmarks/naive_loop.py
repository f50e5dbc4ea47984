"""The naive baseline: plain WeasyPrint printing the reference leaflet, one PDF at a time.

Usage: python benchmarks/naive_loop.py REFERENCE_DIR OUT_DIR LANG...

For each LANG given (repeat a language to print it again), one
``HTML(string=leaflet-<LANG>.html).write_pdf(...)`` in one process, with
nothing reused between calls. The caller times the whole process (Python
start and the WeasyPrint import included). It imports nothing from careleaf.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(reference: str, out: str, languages: list[str]) -> None:
    from weasyprint import HTML

    folder, target = Path(reference), Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for n, tag in enumerate(languages):
        html = (folder / f"leaflet-{tag}.html").read_text(encoding="utf-8")
        HTML(string=html, base_url=str(folder)).write_pdf(target / f"{n:04d}-{tag}.pdf")
    print(len(languages))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
