"""The seven hand-checked reference tables match cell for cell (copied to tests/data)."""

import json
from functools import cache
from pathlib import Path

import pytest

from pipelines.extract.text_tables import TextTables, extract_text_tables
from pipelines.ingest.decode import read_text
from pipelines.paths import SOURCES_DIR

REFERENCE = Path(__file__).parent / "data" / "reference_table_cells.jsonl"


@cache
def extracted(doc: str) -> TextTables:
    return extract_text_tables(doc, read_text(SOURCES_DIR / f"{doc}.txt"))


def reference() -> list[dict]:
    return [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]


def produced(doc: str, table: int) -> dict[tuple, object]:
    (match,) = [t for t in extracted(doc).tables if t.number == table]
    return {(c.row_path, c.col_path, c.raw_text): c for c in match.cells}


def test_reference_cells_match_at_least_99_percent() -> None:
    rows = reference()
    hits = sum(
        (tuple(r["row"]), tuple(r["col"]), r["raw"]) in produced(r["doc"], r["table"]) for r in rows
    )
    assert hits / len(rows) >= 0.99, f"{hits}/{len(rows)} reference cells matched"


@pytest.mark.parametrize(
    ("doc", "table"), sorted({(r["doc"], r["table"]) for r in reference()}), ids=str
)
def test_reference_table_exactly(doc: str, table: int) -> None:
    expected = [r for r in reference() if r["doc"] == doc and r["table"] == table]
    cells = produced(doc, table)
    assert {(tuple(r["row"]), tuple(r["col"]), r["raw"]) for r in expected} == set(cells)
    for r in expected:
        cell = cells[(tuple(r["row"]), tuple(r["col"]), r["raw"])]
        assert (cell.value, cell.unit, cell.op) == (r.get("value"), r.get("unit"), r.get("op")), r
    (meta,) = [t for t in extracted(doc).tables if t.number == table]
    assert meta.title == expected[0]["title"]
