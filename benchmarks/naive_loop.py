"""The naive baseline for benchmarks/catalog.py: plain WeasyPrint, one PDF at a time.

Usage: python benchmarks/naive_loop.py JOB.json

JOB.json (written by catalog.py) lists HTML files and where each PDF goes,
the base URL, the print stylesheet and the page CSS careleaf used. This
script reads every HTML file first, then times only the loop: for each
output, ``HTML(string=...).write_pdf(stylesheets=[...])`` with fresh
stylesheets and WeasyPrint's default font configuration - no shared font
configuration, no parallelism, no fit loop, no checks. It prints one JSON
line: the seconds the loop took and how many PDFs it wrote.

It imports nothing from careleaf, so it measures WeasyPrint alone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(job_file: str) -> None:
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    from weasyprint import CSS, HTML  # imported before the clock starts

    work = [
        (Path(item["html"]).read_text(encoding="utf-8"), item["pdf"]) for item in job["outputs"]
    ]
    for _, pdf in work:
        Path(pdf).parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for html, pdf in work:
        HTML(string=html, base_url=job["base_url"]).write_pdf(
            pdf,
            stylesheets=[CSS(filename=job["print_css"]), CSS(string=job["page_css"])],
        )
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "count": len(work)}))


if __name__ == "__main__":
    main(sys.argv[1])
