"""Spreadsheets printed to PDF by LibreOffice Calc: does the PDF path read their cells?

Annexes of the genre are often a sheet printed as it is: ruled or with no gridlines (figures
set flush right, text and "—" flush left, headers centred, a label merged down over a
two-row header centred between its rows), header cells wrapped or not, and, unless the sheet
was fitted to the page's width, columns spilled onto pages of their own. This benchmark writes
random sheets of the genre with openpyxl (a caption row, a 单位 row, a one- or two-level
header, street rows and a 合计 row, figures with a few "—", a 数据来源 row), has
``soffice --convert-to pdf`` print them, reads each PDF with the pipeline's ``read_pdf`` and
scores the share of the sheet's data cells found at (row label, column path, text as printed),
per kind of sheet. A cell under the wrong header counts as missing.

Run: .venv/bin/python benchmarks/spreadsheet_pdf.py [-n 120] [--seed 100] [--spill]
     [--keep DIR] [--show 5]
``--spill`` prints the sheets at their own width (columns spill onto further pages); by
default each is fitted to the page's width. Skips (and says so) without soffice or openpyxl.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipelines.extract.document import read_pdf  # noqa: E402

STREETS = (
    *("莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "虹桥镇", "马桥镇", "吴泾镇", "华漕镇", "颛桥镇"),
    *("江川路街道", "古美路街道", "新虹街道", "浦锦街道", "莘庄工业区", "紫竹高新区"),
    *("闵行开发区", "临港浦江园区", "南虹桥", "城市开发", "农业园区"),
)
MEASURES = (
    ("抽查批次", "int"),
    ("合格批次", "int"),
    ("合格率(%)", "pct"),
    ("投诉件数", "int"),
    ("同比增长(%)", "chg"),
    ("产值(亿元)", "dec2"),
    ("企业数(家)", "int"),
    ("占比(%)", "pct"),
)
TITLES = ("各街镇产品质量监督抽查情况", "各街镇特种设备检验情况", "各街镇质量类投诉情况")
FORMATS = {"pct": "0.0", "chg": "0.0", "dec2": "0.00", "int": "0"}


@dataclass
class Sheet:
    """One random sheet and the cells it prints: (row label, column path, text)."""

    name: str
    ruled: bool
    two_level: bool
    wrapped: bool
    cells: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return ", ".join(
            [
                "ruled" if self.ruled else "no gridlines",
                "two-level header" if self.two_level else "one-level header",
                "wrapped" if self.wrapped else "unwrapped",
            ]
        )


def _figure(kind: str, rng: random.Random) -> tuple[float | int, str]:
    if kind == "int":
        value: float | int = rng.randint(0, 99999) if rng.random() < 0.5 else rng.randint(0, 999)
        return value, str(value)
    if kind == "dec2":
        value = round(rng.uniform(0, 999), 2)
        return value, f"{value:.2f}"
    low, high = (80, 100) if kind == "pct" else (-30, 40)
    value = round(rng.uniform(low, high), 1) or 0.0  # a sheet prints -0.0 as 0.0
    return value, f"{value:.1f}"


def write_sheet(path: Path, index: int, seed: int, fit: bool) -> Sheet:
    """A random sheet of the genre, saved as ``path``; what it prints, to score against."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    rng = random.Random(seed * 100_003 + index)
    two_level = rng.random() < 0.4
    groups = rng.randint(2, 5) if two_level else 1
    measures = rng.sample(MEASURES, rng.randint(2, 4) if two_level else rng.randint(3, 8))
    sheet = Sheet(path.stem, rng.random() < 0.5, two_level, rng.random() < 0.5)
    book = Workbook()
    ws = book.active
    ws.cell(1, 1, f"表{rng.randint(1, 40)}：{rng.choice(TITLES)}")
    row = 2
    if rng.random() < 0.4:
        ws.cell(2, 1, "单位：批次、件")
        row = 3
    n_cols = 1 + groups * len(measures)
    header_rows = [row, row + 1] if two_level else [row]
    ws.cell(row, 1, "街镇")
    if two_level:
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
        for g in range(groups):
            first = 2 + g * len(measures)
            ws.cell(row, first, f"{2018 + g}年")
            ws.merge_cells(
                start_row=row, start_column=first, end_row=row, end_column=first + len(measures) - 1
            )
    for g in range(groups):
        for k, (name, _kind) in enumerate(measures):
            ws.cell(header_rows[-1], 2 + g * len(measures) + k, name)
    row = header_rows[-1] + 1
    labels = rng.sample(STREETS, min(rng.randint(4, 45), len(STREETS)))
    for label in [*labels, "合计"]:
        ws.cell(row, 1, label)
        for g in range(groups):
            for k, (name, kind) in enumerate(measures):
                column = 2 + g * len(measures) + k
                if rng.random() < 0.05:
                    ws.cell(row, column, "—")
                    text = "—"
                else:
                    value, text = _figure(kind, rng)
                    ws.cell(row, column, value).number_format = FORMATS[kind]
                path_ = (f"{2018 + g}年", name) if two_level else (name,)
                sheet.cells.append((label, path_, text))
        row += 1
    if rng.random() < 0.5:
        ws.cell(row, 1, "数据来源：区市场监管局")
    # a column at least as wide as its header, unless the header wraps
    need = max(sum(2 if ord(ch) > 255 else 1 for ch in name) for name, _ in measures) + 2
    width = rng.choice([6, 8, 10, 12, 16])
    width = width if sheet.wrapped else max(width, need)
    lines = -(-need // width) if sheet.wrapped else 1
    ws.column_dimensions["A"].width = 12
    for column in range(2, n_cols + 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for header_row in header_rows:
        if sheet.wrapped:
            ws.row_dimensions[header_row].height = 15 * lines
        for column in range(1, n_cols + 1):
            ws.cell(header_row, column).alignment = Alignment(
                wrap_text=sheet.wrapped, horizontal="center", vertical="center"
            )
    if sheet.ruled:
        for r in range(header_rows[0], row):
            for column in range(1, n_cols + 1):
                ws.cell(r, column).border = box
    if fit:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    book.save(path)
    return sheet


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def score(sheet: Sheet, pdf: Path) -> tuple[int, list[str]]:
    """Cells of the sheet found in the PDF, and a few of those missing."""
    found: dict[tuple[str, tuple[str, ...]], str] = {}
    for table in read_pdf(pdf, pdf.stem).tables:
        for c in table.cells:
            label = _key(c.row_path[-1]) if c.row_path else ""
            found[(label, tuple(_key(p) for p in c.col_path))] = c.raw_text
    hits, missing = 0, []
    for label, path, text in sheet.cells:
        got = found.get((_key(label), tuple(_key(p) for p in path)))
        if got is not None and _key(got) == _key(text):
            hits += 1
        else:
            missing.append(f"{label} {'/'.join(path)}: {text!r}, read {got!r}")
    return hits, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=120, help="sheets to print")
    parser.add_argument("--seed", type=int, default=100)
    parser.add_argument("--spill", action="store_true", help="do not fit sheets to the page")
    parser.add_argument("--keep", type=Path, help="keep the sheets and PDFs here")
    parser.add_argument("--show", type=int, default=0, help="sheets with misses to list")
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("spreadsheet PDFs: skipped, LibreOffice (soffice) is not installed")
        return 0
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("spreadsheet PDFs: skipped, openpyxl is not installed (pip install openpyxl)")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="spreadsheet_pdf_"))
    work.mkdir(parents=True, exist_ok=True)
    sheets = [
        write_sheet(work / f"s{i:03d}.xlsx", i, args.seed, not args.spill) for i in range(args.n)
    ]
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work)]
        + [str(work / f"{s.name}.xlsx") for s in sheets],
        check=True,
        capture_output=True,
        timeout=1800,
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    shown = 0
    for sheet in sheets:
        hits, missing = score(sheet, work / f"{sheet.name}.pdf")
        total = totals[sheet.kind]
        total[0] += hits
        total[1] += len(sheet.cells)
        total[2] += 1
        total[3] += not missing
        if missing and shown < args.show:
            shown += 1
            print(f"  {sheet.name} ({sheet.kind}): {hits}/{len(sheet.cells)}; {missing[0]}")
    layout = "at their own width (spilled)" if args.spill else "fitted to the page's width"
    hits = sum(t[0] for t in totals.values())
    cells = sum(t[1] for t in totals.values())
    print(f"spreadsheet PDFs ({args.n} sheets {layout}, seed {args.seed}):")
    print(f"  all: {hits}/{cells} cells = {hits / cells:.1%}")
    for kind, (h, n, sheets_n, perfect) in sorted(totals.items()):
        print(f"  {kind:45s} {h}/{n} = {h / n:6.1%}   sheets read whole {perfect}/{sheets_n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
