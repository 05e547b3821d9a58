"""PDFs printed by real software: does the PDF path read what LibreOffice or Chromium wrote?

Published reports are printed from office software, not drawn with reportlab as the tests and
``synthetic.py`` do. This benchmark writes synthetic documents of the genre (``synthetic.py``)
as HTML with real merged cells, grid and three-line (三线表) tables, has a real program print
them to PDF — LibreOffice Writer (``soffice --convert-to pdf``, the closest to Word/WPS here) or
headless Chromium (``--print-to-pdf``) — and compares the PDF path's cells with the text path's
cells of the same document at (table, row path, column path, raw text), and the figures its
prose states, as ``pdf_tables.py`` (a) and (a3) do for the bundled documents. The program
decides line breaks, page breaks, fonts and how rules are drawn; a difference is the
extractor's.

``--style`` prints the tables another way: ``borderless`` leaves the three-line tables unruled,
and the designed styles (``synthetic.DESIGNED_STYLES``) shade every table as a white paper laid
out by a designer does: a shaded header, alternate rows shaded, light rules under the rows,
white or coloured rules, and no black ones.

``--reprint cairo|ghostscript`` then passes every PDF through a second program, as a report
re-saved by a viewer's "print to PDF" is: poppler's ``pdftocairo -pdf`` (cairo embeds fonts
with its own metrics and clips glyphs to their ink) or Ghostscript's ``pdfwrite``.

Run: .venv/bin/python benchmarks/office_pdf.py [--renderer soffice|chromium] [-n 8] [--seed 11]
     [--style office|borderless|shaded-header|zebra|…] [--reprint cairo|ghostscript]
     [--keep DIR] [--show 20]
Skips (and says so) when a program is not installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pdf_tables import agreement, prose_agreement, read_bundled  # noqa: E402
from benchmarks.synthetic import TABLE_STYLES, build_document, render_html, render_text  # noqa: E402

RENDERERS = {
    "soffice": ("soffice", "libreoffice"),
    "chromium": ("chromium", "chromium-browser", "google-chrome"),
}
REPRINTERS = {"cairo": ("pdftocairo",), "ghostscript": ("gs",)}


def _program(names: tuple[str, ...]) -> str | None:
    return next((p for name in names if (p := shutil.which(name))), None)


def reprint_pdfs(program: str, reprinter: str, pdfs: list[Path]) -> None:
    """Write every PDF again, in place, through the second program."""
    for pdf in pdfs:
        again = pdf.with_suffix(".again.pdf")
        if reprinter == "cairo":
            command = [program, "-pdf", str(pdf), str(again)]
        else:
            command = [program, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite"]
            command += [f"-sOutputFile={again}", str(pdf)]
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        again.replace(pdf)


def print_pdfs(program: str, renderer: str, pages: list[Path], out_dir: Path) -> None:
    """Print every HTML page to ``out_dir/<stem>.pdf`` with the chosen program."""
    if renderer == "soffice":
        # Writer (not Writer/Web) so the page has A4 margins like a printed report
        subprocess.run(
            [program, "--headless", "--writer", "--convert-to", "pdf", "--outdir", str(out_dir)]
            + [str(p) for p in pages],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return
    for page in pages:
        subprocess.run(
            [
                program,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out_dir / (page.stem + '.pdf')}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renderer", choices=sorted(RENDERERS), default="soffice")
    parser.add_argument("-n", type=int, default=8, help="documents to print")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--style",
        choices=TABLE_STYLES,
        default="office",
        help="office: grids and three-line tables; borderless: the three-line ones unruled; "
        "the others shade every table as a designed report does",
    )
    parser.add_argument(
        "--reprint", choices=sorted(REPRINTERS), help="pass every PDF through this program"
    )
    parser.add_argument("--keep", type=Path, help="keep the HTML, text and PDFs here")
    parser.add_argument("--show", type=int, default=20, help="differing cells to list")
    args = parser.parse_args(argv)

    program = _program(RENDERERS[args.renderer])
    if program is None:
        print(f"office PDFs: skipped, {args.renderer} is not installed")
        return 0
    reprinter = _program(REPRINTERS[args.reprint]) if args.reprint else None
    if args.reprint and reprinter is None:
        print(f"office PDFs: skipped, {REPRINTERS[args.reprint][0]} is not installed")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="office_pdf_"))
    work.mkdir(parents=True, exist_ok=True)
    pages = []
    for index in range(args.n):
        doc = build_document(args.seed, index, "text")
        (work / f"{doc.stem}.txt").write_text(render_text(doc), encoding="utf-8")
        page = work / f"{doc.stem}.html"
        page.write_text(render_html(doc, args.style), encoding="utf-8")
        pages.append(page)
    started = time.perf_counter()
    print_pdfs(program, args.renderer, pages, work)
    printed = time.perf_counter() - started
    missing = [p.stem for p in pages if not (work / f"{p.stem}.pdf").exists()]
    if missing:
        print(f"office PDFs: {args.renderer} did not print {', '.join(missing)}")
        return 1
    if reprinter is not None:
        reprint_pdfs(reprinter, args.reprint, [work / f"{p.stem}.pdf" for p in pages])
    started = time.perf_counter()
    documents = read_bundled(work)  # each PDF read once, for its tables and its prose
    result = agreement(documents)
    read = time.perf_counter() - started
    print(
        f"office PDFs ({args.renderer}{f', {args.style}' if args.style != 'office' else ''}"
        f"{f', reprinted by {args.reprint}' if args.reprint else ''},"
        f" {args.n} documents, seed {args.seed}): "
        f"{result.equal}/{result.text_cells} text cells = {result.share:.2%} "
        f"(pdf path produced {result.pdf_cells} cells); printed in {printed:.1f} s, "
        f"read in {read:.1f} s"
    )
    prose = prose_agreement(documents)
    print(
        f"    prose facts: {prose.equal}/{prose.text_facts} = {prose.share:.2%} of the text"
        f" export's at (value, unit, kind) (pdf gave {prose.pdf_facts})"
    )
    for doc, side, key in prose.differing[: args.show]:
        print(f"      {doc[-8:]} only in {side}: {key}")
    tables_text = sum(len(v) for v in result.text_numbers.values())
    tables_pdf = sum(len(v) for v in result.pdf_numbers.values())
    print(f"    captioned tables: text {tables_text}, pdf {tables_pdf}")
    for label, cells in (("missing from pdf", result.missing), ("only in pdf", result.extra)):
        print(f"    {label}: {len(cells)}")
        for doc, (number, row, col, raw) in cells[: args.show]:
            print(f"      {doc[-8:]} 表{number} {list(row)} {list(col)} {raw!r}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
