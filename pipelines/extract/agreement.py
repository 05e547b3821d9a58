"""How far two renditions of one document agree, cell by cell.

Facts are loaded once, from the primary rendition. The other rendition (a PDF beside its text
export) is extracted too and compared at (table number, row path, column path, raw text): the
agreement tells how much to trust either extractor on this document, and the differing cells
show where to look.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.extract.document import DocumentExtraction
from pipelines.extract.tables import ExtractedTable

CellKey = tuple[int | None, tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True)
class RenditionAgreement:
    document_id: str
    primary: str
    other: str
    primary_cells: int
    other_cells: int
    equal_cells: int
    only_primary: tuple[CellKey, ...]
    only_other: tuple[CellKey, ...]

    @property
    def agreement(self) -> float:
        """Share of the primary rendition's cells the other rendition reproduces exactly."""
        return self.equal_cells / self.primary_cells if self.primary_cells else 1.0


def _keys(tables: list[ExtractedTable]) -> set[CellKey]:
    return {
        (t.number, c.row_path, c.col_path, " ".join(c.raw_text.split()))
        for t in tables
        for c in t.cells
    }


def compare_renditions(extraction: DocumentExtraction) -> list[RenditionAgreement]:
    primary = extraction.loaded_rendition
    if primary is None:
        return []
    mine = _keys(extraction.tables)
    out = []
    for other, tables in sorted(extraction.alternate_tables.items()):
        theirs = _keys(tables)
        out.append(
            RenditionAgreement(
                document_id=extraction.document.document_id,
                primary=primary,
                other=other,
                primary_cells=len(mine),
                other_cells=len(theirs),
                equal_cells=len(mine & theirs),
                only_primary=tuple(sorted(mine - theirs, key=repr)),
                only_other=tuple(sorted(theirs - mine, key=repr)),
            )
        )
    return out
