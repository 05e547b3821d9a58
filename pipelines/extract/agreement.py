"""How far two renditions of one document agree, cell by cell.

Facts are loaded once, from the primary rendition. The other rendition (a PDF beside its text
export) is extracted too and compared at (table number, row path, column path, raw text): the
agreement tells how much to trust either extractor on this document, and the differing cells
show where to look. The asset and ``benchmarks/pdf_tables.py`` both measure with
``compare_cells``, so the figure in the UI and the benchmark's are the same number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipelines.extract.document import DocumentExtraction
from pipelines.extract.tables import ExtractedTable

CellKey = tuple[int | None, tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True)
class CellComparison:
    """Cells counted as a multiset: a table that repeats a cell must repeat it in both."""

    primary_cells: int
    other_cells: int
    equal_cells: int
    only_primary: tuple[CellKey, ...]
    only_other: tuple[CellKey, ...]

    @property
    def agreement(self) -> float:
        """Share of the primary rendition's cells the other rendition reproduces exactly."""
        return self.equal_cells / self.primary_cells if self.primary_cells else 1.0


@dataclass(frozen=True)
class RenditionAgreement:
    document_id: str
    primary: str
    other: str
    cells: CellComparison


def cell_keys(tables: list[ExtractedTable]) -> Counter[CellKey]:
    """Raw text with whitespace runs collapsed (a cell's line wraps are layout, not data); the
    label paths as extracted, since a label that differs is a different cell."""
    return Counter(
        (t.number, c.row_path, c.col_path, " ".join(c.raw_text.split()))
        for t in tables
        for c in t.cells
    )


def compare_cells(primary: list[ExtractedTable], other: list[ExtractedTable]) -> CellComparison:
    mine, theirs = cell_keys(primary), cell_keys(other)
    return CellComparison(
        primary_cells=mine.total(),
        other_cells=theirs.total(),
        equal_cells=(mine & theirs).total(),
        only_primary=tuple(sorted((mine - theirs).elements(), key=repr)),
        only_other=tuple(sorted((theirs - mine).elements(), key=repr)),
    )


def compare_renditions(extraction: DocumentExtraction) -> list[RenditionAgreement]:
    primary = extraction.loaded_rendition
    if primary is None:
        return []
    return [
        RenditionAgreement(
            document_id=extraction.document.document_id,
            primary=primary,
            other=other,
            cells=compare_cells(extraction.tables, tables),
        )
        for other, tables in sorted(extraction.alternate_tables.items())
    ]
