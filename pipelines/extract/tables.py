"""The shapes every extractor produces, whatever the rendition (text export or PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRow:
    """One physical row of a table as the rendition printed it, before the grid is recovered."""

    cells: tuple[str, ...]
    line: int | None = None
    page: int | None = None
    segment: int = 0  # increments at each page break inside the table


@dataclass(frozen=True)
class GridCell:
    """A data cell with its full label paths; what ``table_cells`` holds, minus the table."""

    row_path: tuple[str, ...]
    col_path: tuple[str, ...]
    raw_text: str
    value: float | None
    unit: str | None
    op: str | None = None
    extra: str | None = None  # JSON list of further quantities printed in the same cell
    is_change: bool = False  # printed as a change (↑ 6.9%, 同比下降5%, 持平), not a level
    baseline: str | None = None  # what a change is measured against (较2020年 → "2020年")
    line: int | None = None
    page: int | None = None


@dataclass
class ExtractedTable:
    """A captioned (or uncaptioned) table recovered from one document."""

    document_id: str
    rendition: str
    table_index: int  # order in the document, 1-based; stable key for uncaptioned tables
    number: int | None
    title: str
    label: str | None = None  # the caption's label as printed (表5, 表2-3, 附表1); None uncaptioned
    line_start: int | None = None
    line_end: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    source_department: str | None = None
    notes: list[str] = field(default_factory=list)
    unit: str | None = None  # unit declared by the caption or a 单位： line
    rows: list[SourceRow] = field(default_factory=list)
    cells: list[GridCell] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
