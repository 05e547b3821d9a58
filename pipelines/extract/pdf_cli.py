"""Extract the tables of any PDF to CSV or JSON grids, the way camelot or tabula are used ad hoc.

    qw-pdf-tables FILE.pdf [--format csv|json|cells] [--pages 1,3-5]

Each table part prints with its page, bounding box (PDF points, origin top-left), the method
that read it (lattice, three_line, stream), the unit and 数据来源 found for it, and its cells
with row and column spans. Tables continued across pages are printed part by part, numbered as
one table. ``--format cells`` prints labelled data cells instead, one JSON line each, in the
convention of the hand-checked reference cells (``row``/``col`` label paths, ``raw``, ``value``,
``unit``, ``op``); with ``--captioned-only`` they are the cells the pipeline loads.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from pipelines.extract.pdf_layout import read_document
from pipelines.extract.pdf_tables import PdfTable, extract_pdf_tables, find_tables, page_warnings
from pipelines.extract.tables import ExtractedTable
from pipelines.ingest.decode import SourceError


def parse_pages(spec: str | None) -> set[int] | None:
    """``"1,3-5"`` → {1, 3, 4, 5}; None for all pages."""
    if not spec:
        return None
    pages: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            first, last = part.split("-", 1)
            pages.update(range(int(first), int(last) + 1))
        else:
            pages.add(int(part))
    return pages


def tables_as_json(tables: list[PdfTable]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for index, table in enumerate(tables, start=1):
        for part, grid in enumerate(table.grids, start=1):
            out.append(
                {
                    "table": index,
                    "number": table.number,
                    "label": table.label,
                    "title": table.title,
                    "part": part,
                    "page": grid.page,
                    "bbox": [round(v, 2) for v in grid.bbox],
                    "method": grid.method,
                    "n_rows": grid.n_rows,
                    "n_cols": grid.n_cols,
                    "unit": table.unit,
                    "source": table.source_department,
                    "notes": table.notes,
                    "cells": [
                        {
                            "row": c.row,
                            "col": c.col,
                            "rowspan": c.rowspan,
                            "colspan": c.colspan,
                            "text": c.text,
                        }
                        for c in sorted(grid.cells, key=lambda c: (c.row, c.col))
                        if c.text or c.rowspan > 1 or c.colspan > 1
                    ],
                    "grid": grid.matrix(),
                }
            )
    return out


def write_csv(tables: list[PdfTable], out: object) -> None:
    writer = csv.writer(out)  # type: ignore[arg-type]
    for index, table in enumerate(tables, start=1):
        for part, grid in enumerate(table.grids, start=1):
            bbox = ",".join(f"{v:.1f}" for v in grid.bbox)
            caption = f"{table.label} " if table.label else ""
            writer.writerow(
                [
                    f"# table {index} part {part}: {caption}{table.title}",
                    f"page {grid.page}",
                    f"bbox {bbox}",
                    grid.method,
                ]
            )
            spans = [
                f"r{c.row}c{c.col}:{c.rowspan}x{c.colspan}"
                for c in grid.cells
                if c.rowspan > 1 or c.colspan > 1
            ]
            if spans:
                writer.writerow(["# spans (row,col:rows x cols)", *spans])
            writer.writerows(grid.matrix())
            writer.writerow([])


def cells_as_records(tables: list[ExtractedTable]) -> list[dict[str, object]]:
    """Data cells in the convention of the reference cells (row and col paths outer→inner),
    plus what ``table_cells`` adds: whether the cell prints a change, its baseline, the page and
    the table's 数据来源."""
    return [
        {
            "doc": t.document_id,
            "table": t.number,
            "label": t.label,
            "title": t.title,
            "page": c.page,
            "row": list(c.row_path),
            "col": list(c.col_path),
            "raw": c.raw_text,
            "value": c.value,
            "unit": c.unit,
            "op": c.op,
            "extra": json.loads(c.extra) if c.extra else None,
            "is_change": c.is_change,
            "baseline": c.baseline,
            "source": t.source_department,
        }
        for t in tables
        for c in t.cells
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="qw-pdf-tables",
        description="Extract the tables of a PDF (ruled, three-line and borderless) as grids.",
    )
    parser.add_argument("pdf", type=Path)
    parser.add_argument(
        "--format",
        choices=("csv", "json", "cells"),
        default="csv",
        help="csv/json: grids with spans; cells: one JSON line per labelled data cell",
    )
    parser.add_argument("--pages", help="pages to read, e.g. 1,3-5 (default: all)")
    parser.add_argument(
        "--captioned-only",
        action="store_true",
        help="only tables under a caption (表N / Table N) or inside ruling",
    )
    args = parser.parse_args(argv)
    try:
        document = read_document(args.pdf, parse_pages(args.pages))
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "cells":
        extracted = extract_pdf_tables(
            args.pdf.stem, document, stream_uncaptioned=not args.captioned_only
        ).tables
        for record in cells_as_records(extracted):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    tables = find_tables(document, stream_uncaptioned=not args.captioned_only)
    notes = page_warnings(document)
    notes += [f"{t.label or t.title}: {w}" for t in tables for w in t.warnings]
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    if args.format == "json":
        json.dump(tables_as_json(tables), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_csv(tables, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
