"""Sweep the PDF path over every page of the shared PDFs: crashes, slow pages, peak memory.

Runs the document-level PDF extraction the pipeline uses (``document._extract_pdf``: the layout
read once, then its tables and its prose) on each page of every PDF under
``../shared/extbench/`` and ``../shared/seeds/pdf/`` on its own, then on each whole document
(running headers and tables continued across pages only show there). Prints the exceptions (file,
page, the last frames of the traceback), the pages a ``SourceError`` rejected (no text layer and
the like: a reason, not a crash), the slowest pages with their seconds, and the peak RSS.

This prints figures; it is not a test. The PDFs are research data that stay in ``../shared``;
when that folder is absent the sweep says so and does nothing.

Run: .venv/bin/python benchmarks/pdf_sweep.py [--timeout S] [--slowest N] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipelines.extract.document import read_pdf  # noqa: E402
from pipelines.extract.pdf_layout import open_pdf  # noqa: E402
from pipelines.ingest.decode import SourceError  # noqa: E402

SHARED = ROOT.parent / "shared"
FOLDERS = [SHARED / "extbench", SHARED / "seeds" / "pdf"]


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def extract(path: Path, pages: set[int] | None) -> tuple[int, int]:
    """The pipeline's own PDF extraction, on the chosen pages: (tables, paragraphs)."""
    result = read_pdf(path, path.stem, pages)
    return len(result.tables), len(result.paragraphs)


def _summary(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{type(exc).__name__}: {str(exc)[:160]}  [{where}]"


def _page_count(path: Path) -> int:
    with open_pdf(path) as pdf:
        return len(pdf.pages)


def _run(path: Path, pages: set[int] | None, timeout: int) -> tuple[float, str, str | None]:
    """(seconds, outcome, error): outcome is "ok", "rejected", "timeout" or "crash"."""
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        extract(path, pages)
        outcome, error = "ok", None
    except _Timeout:
        outcome, error = "timeout", f"over {timeout} s"
    except SourceError as exc:
        outcome, error = "rejected", str(exc)
    except Exception as exc:
        outcome, error = "crash", _summary(exc)
    finally:
        signal.alarm(0)
    return time.perf_counter() - start, outcome, error


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=int, default=120, help="seconds allowed per run")
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--only", default="", help="only PDFs whose path contains this")
    args = parser.parse_args()
    folders = [f for f in FOLDERS if f.is_dir()]
    if not folders:
        print(f"skipped: {SHARED} is absent (the sweep reads the shared PDFs from there)")
        return 0
    for f in FOLDERS:
        if not f.is_dir():
            print(f"note: {f} is absent; sweeping the rest")
    pdfs = sorted(p for f in folders for p in f.rglob("*.pdf") if args.only in str(p))
    signal.signal(signal.SIGALRM, _alarm)
    timings: list[tuple[float, str, int]] = []
    failures: list[tuple[str, str, str, str]] = []  # file, page, outcome, error
    rejected: list[tuple[str, str, str]] = []
    whole: list[tuple[float, str, int]] = []
    started = time.perf_counter()
    for path in pdfs:
        name = str(path.relative_to(SHARED))
        try:
            n = _page_count(path)
        except SourceError as exc:
            rejected.append((name, "-", str(exc)))
            continue
        for page in range(1, n + 1):
            seconds, outcome, error = _run(path, {page}, args.timeout)
            timings.append((seconds, name, page))
            if outcome == "rejected":
                rejected.append((name, str(page), error or ""))
            elif outcome != "ok":
                failures.append((name, str(page), outcome, error or ""))
        seconds, outcome, error = _run(path, None, args.timeout * max(1, n))
        whole.append((seconds, name, n))
        if outcome in ("crash", "timeout"):
            failures.append((name, "all", outcome, error or ""))
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = len(timings)
    page_seconds = sum(t for t, _, _ in timings)
    print(f"PDF sweep over {len(pdfs)} PDFs, {pages} pages (each alone, then each whole document)")
    print(f"  crashes/timeouts: {len(failures)}")
    for name, page, outcome, error in failures:
        print(f"    {name} p.{page} {outcome}: {error}")
    print(f"  pages rejected with a reason (SourceError): {len(rejected)}")
    for name, page, error in rejected:
        print(f"    {name} p.{page}: {error.split(': ', 1)[-1][:120]}")
    if pages:
        print(f"  per page: {page_seconds:.1f} s in all, {pages / page_seconds:.1f} pages/s")
        print(f"  slowest {args.slowest} pages:")
        for seconds, name, page in sorted(timings, reverse=True)[: args.slowest]:
            print(f"    {seconds:6.2f} s  {name} p.{page}")
    if whole:
        print("  slowest whole documents:")
        for seconds, name, n in sorted(whole, reverse=True)[:5]:
            print(f"    {seconds:6.2f} s  {name} ({n} pages, {seconds / n:.2f} s/page)")
    print(f"  wall time {total:.1f} s; peak RSS {peak_mb:.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
