"""Time the extraction of the bundled documents: every rendition (text export and PDF), tables
and stated figures, in this process (no workers, no cache).

Prints documents, tables and cells of the loaded renditions, wall time and peak RSS.
Run: .venv/bin/python benchmarks/extract_documents.py
"""

from __future__ import annotations

import resource
import time

from pipelines.extract.document import extract_document
from pipelines.ingest.catalog import discover_documents
from pipelines.paths import SOURCES_DIR


def main(repeat: int = 3) -> None:
    documents = discover_documents(SOURCES_DIR)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        results = [extract_document(d) for d in documents]
        timings.append(time.perf_counter() - started)
    tables = sum(len(r.tables) for r in results)
    cells = sum(len(t.cells) for r in results for t in r.tables)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents {len(documents)}  tables {tables}  cells {cells}")
    print(
        f"extract wall time: best {min(timings):.3f} s, median {sorted(timings)[repeat // 2]:.3f} s"
    )
    print(f"cells per second: {cells / min(timings):,.0f}")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
