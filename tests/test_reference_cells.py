"""The seven hand-checked reference tables match cell for cell (copied to tests/data), read
from the text export and from the PDF alike."""

import json
from functools import cache
from pathlib import Path

import pytest

from pipelines.extract.pdf_tables import extract_pdf_tables
from pipelines.extract.tables import ExtractedTable
from pipelines.extract.text_tables import extract_text_tables
from pipelines.ingest.decode import read_text
from pipelines.paths import SOURCES_DIR

REFERENCE = Path(__file__).parent / "data" / "reference_table_cells.jsonl"


@cache
def extracted(doc: str, rendition: str = "text") -> list[ExtractedTable]:
    if rendition == "pdf":
        return extract_pdf_tables(doc, SOURCES_DIR / f"{doc}.pdf").tables
    return extract_text_tables(doc, read_text(SOURCES_DIR / f"{doc}.txt")).tables


def reference() -> list[dict]:
    return [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]


def cell_key(r: dict) -> tuple:
    """What a reference cell is matched on: row path, column path and raw text."""
    return (tuple(r["row"]), tuple(r["col"]), r["raw"])


def produced(doc: str, table: int, rendition: str = "text") -> dict[tuple, object]:
    (match,) = [t for t in extracted(doc, rendition) if t.number == table]
    return {(c.row_path, c.col_path, c.raw_text): c for c in match.cells}


def test_reference_cells_match_at_least_99_percent() -> None:
    rows = reference()
    hits = sum(cell_key(r) in produced(r["doc"], r["table"]) for r in rows)
    assert hits / len(rows) >= 0.99, f"{hits}/{len(rows)} reference cells matched"


@pytest.mark.parametrize("rendition", ["text", "pdf"])
@pytest.mark.parametrize(
    ("doc", "table"), sorted({(r["doc"], r["table"]) for r in reference()}), ids=str
)
def test_reference_table_exactly(doc: str, table: int, rendition: str) -> None:
    expected = [r for r in reference() if r["doc"] == doc and r["table"] == table]
    cells = produced(doc, table, rendition)
    assert {cell_key(r) for r in expected} == set(cells)
    for r in expected:
        cell = cells[cell_key(r)]
        assert (cell.value, cell.unit, cell.op) == (r.get("value"), r.get("unit"), r.get("op")), r
    (meta,) = [t for t in extracted(doc, rendition) if t.number == table]
    assert meta.title == expected[0]["title"]
