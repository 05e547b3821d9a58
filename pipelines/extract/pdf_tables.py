"""Find the tables of a PDF and recover their cells, the same way the text path does.

``pdf_regions`` reads each page's visible layout (``pdf_layout``) for captions ("表N …"), and
below each one for its table. Per table the frame decides how the grid is found:

- ruled grid (vertical and horizontal rules): cells are the boxes the rules enclose; a box that
  covers several base cells is a merged cell and puts its text in its top-left position, leaving
  the covered positions empty — the convention ``grid.build_cells`` reads from text exports;
- three-line table (三线表) or partly ruled: columns come from where the text sits, rows from the
  rules when every row is ruled, else from the text lines (wrapped cell text stays one cell);
- borderless: columns and rows from word positions and whitespace alone.

A table that runs to the foot of a page and resumes at the top of the next one (with or
without its header repeated) is one table; ``build_cells`` drops the repeated header. Units
(单位：…), sources (数据来源) and notes (注) around the table are kept. Indented row labels
become ``#`` markers so that ``build_cells`` nests them as it nests the text export's.

The work is split by job: ``pdf_cells`` holds the shapes of cells and grids and the small
geometry helpers, ``pdf_lines`` tells captions, prose and table rows apart, ``pdf_lattice``
finds the frames the rules form and reads ruled grids, ``pdf_stream`` reads grids from text
positions, and ``pdf_regions`` finds where the tables are on each page. This module joins
their parts across pages, turns grids into source rows, and is the public entry point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.extract.captions import CONTENTS_LEADER, parse_caption
from pipelines.extract.grid import build_cells
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_cells import PdfCell, PdfGrid, holds_figure, segments_text
from pipelines.extract.pdf_glyphs import Box, Segment, join_wrapped, make_line, spaced_scripts
from pipelines.extract.pdf_layout import PdfDocument, read_document
from pipelines.extract.pdf_regions import Region, analyse_page, opens_with_figures, read_notes
from pipelines.extract.tables import ExtractedTable, SourceRow
from pipelines.extract.text_tables import cited_sources
from pipelines.model.units import unit_in_label
from pipelines.model.values import is_measure

_MARKER = re.compile(r"^(?:#+|\d{1,2}(?:\.\d{1,2})*[.、．])")


@dataclass
class PdfTable:
    """A table as found in the PDF: caption, the grids of its parts, notes and unit."""

    number: int | None
    title: str
    grids: list[PdfGrid]
    unit: str | None = None
    source_department: str | None = None
    notes: list[str] = field(default_factory=list)
    label: str | None = None  # the caption's label as printed (表5, 附表1)
    page: int | None = None  # of the caption, for a caption with no table read under it
    warnings: list[str] = field(default_factory=list)
    spill_pages: list[int] = field(default_factory=list)  # columns joined from other pages
    # the regions of its parts down its pages, as printed (before spilled columns joined them)
    parts: list[Region] = field(default_factory=list, repr=False)

    @property
    def pages(self) -> list[int]:
        pages = sorted({g.page for g in self.grids} | set(self.spill_pages))
        return pages or ([self.page] if self.page else [])


@dataclass
class PdfTables:
    """Tables of one PDF in the shapes the pipeline loads, plus the raw grids for the CLI."""

    tables: list[ExtractedTable]
    found: list[PdfTable]
    listed_numbers: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- from grids to source rows


def _label_markers(matrix: list[list[str]], indents: dict[int, int], col: int) -> list[list[str]]:
    """Turn indentation of the label column into ``#`` markers, unless labels carry their own.

    ``build_cells`` nests rows by ``#`` and numbering; a report that nests by indentation alone
    gets the same nesting when each indent level adds one ``#``.
    """
    if not indents or not matrix:
        return matrix
    labels = [row[col] for row in matrix if len(row) > col and row[col]]
    if any(_MARKER.match(label) for label in labels):
        return matrix
    if not any(is_measure(c) for row in matrix for c in row[col + 1 :]):
        return matrix
    out = []
    for r, row in enumerate(matrix):
        level = indents.get(r, 0)
        if level and len(row) > col and row[col]:
            row = [*row[:col], "#" * level + row[col], *row[col + 1 :]]
        out.append(row)
    return out


def _under_columns(
    matrix: list[list[str]], part: PdfGrid, first: PdfGrid
) -> list[list[str]] | None:
    """A later part's rows set under the first part's columns, by where each cell starts: a
    part whose merged label column is empty on its page (the label stayed on the page before)
    lost that column, and its cells would shift left. ``None`` when they do not fit."""
    lefts: dict[int, float] = {}
    for c in first.cells:
        if c.colspan == 1 and c.bbox is not None:
            lefts[c.col] = min(lefts.get(c.col, c.bbox[0]), c.bbox[0])
    if len(lefts) != first.n_cols:
        return None
    edges = [lefts[k] for k in range(first.n_cols)]
    out = [[""] * first.n_cols for _ in matrix]
    for c in part.cells:
        if c.bbox is None or c.row >= len(matrix):
            return None
        near = min(range(first.n_cols), key=lambda k: abs(edges[k] - c.bbox[0]))  # type: ignore[index]
        if abs(edges[near] - c.bbox[0]) > 3 or out[c.row][near]:
            return None
        out[c.row][near] = matrix[c.row][c.col]
    return out


def _spread_header(grid: PdfGrid) -> list[list[str]]:
    """The grid's rows, a header cell merged down repeated in the rows it covers: merged down
    (合计 over three header rows beside 生产领域 › 风险监测 › 抽查) it heads its column alone;
    the flat rows lost that, and the column took the label on its left."""
    matrix = grid.matrix()
    head = next((r for r in range(grid.n_rows) if any(is_measure(cell) for cell in matrix[r])), 0)
    for c in grid.cells:
        if c.row < head and c.rowspan > 1 and c.text and c.col > grid.label_col:
            for r in range(c.row + 1, min(c.row + c.rowspan, head)):
                matrix[r][c.col] = c.text  # (across the columns it spans, as any group label)
    return matrix


def _label_from_next_page(matrix: list[list[str]], grid: PdfGrid, nxt: PdfGrid) -> None:
    """A merged label cell the page break cut, empty at the foot of the page: its label is
    printed in its part on the next page (a spreadsheet sets it at the cell's foot), not the
    label of the cell above, which the empty cell would carry down."""
    for cell in grid.cells:
        if cell.text or cell.col > grid.label_col or cell.row + cell.rowspan != grid.n_rows:
            continue
        below = sorted((c for c in nxt.cells if c.col == cell.col and c.text), key=lambda c: c.row)
        below = [c for c in below if c.text != matrix[0][cell.col]]  # not the header repeated
        if below and below[0].row <= 2:
            matrix[cell.row][cell.col] = below[0].text


def _source_rows(grids: list[PdfGrid]) -> list[SourceRow]:
    rows: list[SourceRow] = []
    for segment, grid in enumerate(grids):
        matrix = _spread_header(grid)
        if segment + 1 < len(grids):
            _label_from_next_page(matrix, grid, grids[segment + 1])
        matrix = _label_markers(matrix, grid.indents, grid.label_col)
        if segment and grid.n_cols < grids[0].n_cols:
            # its first column is no label column of the table: no indents are read there
            moved = _under_columns(grid.matrix(), grid, grids[0])
            matrix = moved if moved is not None else matrix
        for cells in matrix:
            if any(cells):
                rows.append(SourceRow(tuple(cells), line=None, page=grid.page, segment=segment))
    return rows


# --- the document


def _header_cells(grid: PdfGrid) -> list[tuple[str, float]]:
    return [
        (re.sub(r"\s+", "", c.text), (c.bbox[0] + c.bbox[2]) / 2 if c.bbox else 0.0)
        for c in sorted(grid.cells, key=lambda c: c.col)
        if c.row == 0 and c.text.strip()
    ]


def _repeats_header(first: PdfGrid, nxt: PdfGrid) -> bool:
    """The part at the top of the next page opens with the table's header row again, its
    columns at the same x-positions (a continuation with a repeated header)."""
    if first.n_cols != nxt.n_cols or nxt.n_rows < 2:
        return False
    a, b = _header_cells(first), _header_cells(nxt)
    if len(a) < 2 or len(a) != len(b):
        return False
    if any(ta != tb for (ta, _), (tb, _) in zip(a, b, strict=True)):
        return False
    if first.cells[0].bbox is None or nxt.cells[0].bbox is None:
        return True
    return all(abs(xa - xb) <= 8 for (_, xa), (_, xb) in zip(a, b, strict=True))


def _same_table(prev: Region, nxt: Region) -> bool:
    """The part at the top of the next page goes on with the table: as wide, or its columns'
    text starting where the table's does (a three-line table's box is its rules' width, the
    unruled rest on the next page only as wide as its text)."""
    if prev.grid is None or nxt.grid is None:
        return False
    if abs(prev.grid.n_cols - nxt.grid.n_cols) > 1:
        return False
    if _figure_share(prev.grid) <= 0.2 and _figure_share(nxt.grid) >= 0.8:
        return False  # the table's rows open with labels, these with figures: other columns
    a, b = prev.grid.bbox, nxt.grid.bbox
    if abs(a[0] - b[0]) < 30 and abs(a[2] - b[2]) < 30:
        return True
    lefts, others = _column_lefts(prev.grid), _column_lefts(nxt.grid)
    return (
        len(lefts) == prev.grid.n_cols == nxt.grid.n_cols >= 2
        and len(others) == len(lefts)
        and all(abs(x - y) <= 8 for x, y in zip(lefts, others, strict=True))
    )


def _first_figure_row(grid: PdfGrid) -> int:
    return min((c.row for c in grid.cells if holds_figure(c)), default=0)


def _figure_share(grid: PdfGrid) -> float:
    """The share of the rows holding figures whose first cell is a figure too."""
    body = {c.row for c in grid.cells if holds_figure(c)}
    first = [c.text for c in grid.cells if c.col == 0 and c.row in body and c.text.strip()]
    return sum(1 for t in first if is_measure(t)) / len(first) if first else 0.0


def _row_tops(grid: PdfGrid) -> dict[int, float]:
    tops: dict[int, float] = {}
    for c in grid.cells:
        if c.bbox is not None and c.rowspan == 1:
            tops[c.row] = min(tops.get(c.row, c.bbox[1]), c.bbox[1])
    return tops


def _spilled_columns(prev: Region, nxt: Region) -> bool:
    """The page holds the columns of a part of the table (``prev``) that did not fit across its
    page (a spreadsheet printed without fitting it to the page's width): its rows stand where
    the part's rows stand (``_rows_beside``), and it has no labels of its own (figures open
    its rows)."""
    if prev.grid is None or nxt.grid is None or prev.grid.n_rows < 3:
        return False
    if _repeats_header(prev.grid, nxt.grid):
        return False  # the same header again: the table's rows go on (序号 opening them)
    if nxt.heading and _title_tail(prev, nxt) is None:
        return False  # a heading of its own: a table of its own, laid out like this one
    rows = _rows_beside(prev.grid, nxt.grid)
    if rows is None or len(set(rows.values())) < 3:
        return False
    openers = [c.text for c in nxt.grid.cells if c.col == 0 and rows[c.row] > 0]
    figures = [t for t in openers if is_measure(strip_markup(t))]
    # figures open its rows (a header cell over them at most), or the table's own labels do,
    # printed again on every page (print titles)
    return len(figures) >= max(2, len(openers) - 1) or _repeats_labels(prev.grid, nxt.grid)


def _title_tail(prev: Region, nxt: Region) -> str | None:
    """The heading over spilled columns that ends the table's title: a title merged across the
    sheet, cut by the page, prints its tail at the caption's height."""
    heading = next((ln for ln in nxt.page.lines if ln.text == nxt.heading), None)
    if heading is None or prev.caption_line is None:
        return None
    return heading.text if abs(heading.top - prev.caption_line.top) < 3 else None


def _rows_beside(prev: PdfGrid, nxt: PdfGrid) -> dict[int, int] | None:
    """The part's row each row of its spilled columns stands beside: the one at the same
    height. A row the spilled columns leave empty is missing from them. Their header cells may
    wrap on more lines than the part's (一季 / 度 beside 12月): a sheet aligns a cell's text to
    its foot, so those lines stand over the part's first row, and go with it. None when a row
    stands beside none of the part's rows, or figures stand beside the part's header (a list
    going on down its next page, with no header of its own, at the same pitch)."""
    ours, theirs = _row_tops(prev), _row_tops(nxt)
    if len(ours) != prev.n_rows or len(theirs) != nxt.n_rows:
        return None
    body = _first_figure_row(prev)  # the part's header: its rows over it
    rows: dict[int, int] = {}
    start = 0
    for r in range(nxt.n_rows):
        if theirs[r] < ours[0] - 2:
            rows[r] = 0
        else:
            match = next(
                (k for k in range(start, prev.n_rows) if abs(ours[k] - theirs[r]) <= 2), None
            )
            if match is None:
                return None
            rows[r], start = match, match + 1
        # figures beside the part's header are rows of their own (a list's next page)
        if rows[r] < body and any(holds_figure(c) for c in nxt.cells if c.row == r):
            return None
    return rows


def _onto_rows(grid: PdfGrid, rows: dict[int, int], n_rows: int) -> PdfGrid:
    """The grid's cells moved to the rows ``rows`` maps theirs to, the text of cells that come
    to one place joined top to bottom."""
    placed: dict[tuple[int, int], PdfCell] = {}
    for c in sorted(grid.cells, key=lambda c: c.row):
        key = (rows[c.row], c.col)
        above = placed.get(key)
        if above is None:
            # a cell merged down spans the rows its first and last rows go to
            span = rows[min(c.row + c.rowspan - 1, grid.n_rows - 1)] - key[0] + 1
            placed[key] = replace(c, row=key[0], rowspan=max(span, 1))
            continue
        boxes = [b for b in (above.bbox, c.bbox) if b is not None]
        box = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        placed[key] = replace(
            above, text=join_wrapped(above.text, c.text), bbox=box if boxes else None
        )
    indents = {rows[r]: level for r, level in grid.indents.items()}
    return replace(grid, n_rows=n_rows, cells=list(placed.values()), indents=indents)


def _repeats_labels(prev: PdfGrid, nxt: PdfGrid) -> bool:
    first = {c.row: c.text for c in prev.cells if c.col == 0}
    again = {c.row: c.text for c in nxt.cells if c.col == 0}
    return nxt.n_cols >= 2 and len(first) >= 3 and first == again


def _join_columns(table: PdfTable, index: int, nxt: Region) -> None:
    """The spilled columns set to the right of the table's part ``index``, row for row; the
    title's tail printed over them (a title merged across the sheet, cut by the page) ends the
    title, their 单位 line gives the unit, and the notes and 数据来源 under them are the
    table's."""
    prev = table.parts[index]
    assert prev.grid is not None and nxt.grid is not None
    left = table.grids[index]
    spilled = _header_over(prev.grid, nxt)
    rows = _rows_beside(prev.grid, spilled)
    if rows is None:  # the text over the grid stands beside none of the part's rows
        spilled, rows = nxt.grid, _rows_beside(prev.grid, nxt.grid)
    assert rows is not None
    right = _onto_rows(spilled, rows, prev.grid.n_rows)
    if _repeats_labels(prev.grid, right):  # the labels printed again: the table has them
        cells = [replace(c, col=c.col - 1) for c in right.cells if c.col > 0]
        kept = [c.bbox for c in cells if c.bbox is not None]
        x0 = min((b[0] for b in kept), default=right.bbox[0])
        right = replace(right, n_cols=right.n_cols - 1, cells=cells, bbox=(x0, *right.bbox[1:]))
    left, right = _across_the_edge(left, right)
    shift = left.bbox[2] - right.bbox[0]

    def moved(box: Box | None) -> Box | None:
        return None if box is None else (box[0] + shift, box[1], box[2] + shift, box[3])

    table.grids[index] = replace(
        left,
        n_cols=left.n_cols + right.n_cols,
        bbox=(left.bbox[0], left.bbox[1], right.bbox[2] + shift, max(left.bbox[3], right.bbox[3])),
        cells=left.cells
        + [replace(c, col=c.col + left.n_cols, bbox=moved(c.bbox)) for c in right.cells],
    )
    heading = _title_tail(prev, nxt)
    if heading is not None:
        table.title = join_wrapped(table.title, heading)
    table.unit = table.unit or nxt.unit
    table.spill_pages.append(nxt.page.number)
    _take_notes(table, nxt)


def _header_over(part: PdfGrid, nxt: Region) -> PdfGrid:
    """The spilled columns' grid with the header text printed over it at the height of the
    part's header rows, as a row of its own. A header cell merged across the page's edge draws
    no border on this page's side of it: the rules leave its row out of the grid, and its text
    (2020年 over the sub-headers of its columns) stood outside the table. Each such text heads
    the columns from the one under it up to the next one's."""
    grid = nxt.grid
    assert grid is not None
    ours, theirs = _row_tops(part), _row_tops(grid)
    if not ours or not theirs or theirs[min(theirs)] <= ours[min(ours)] + 2:
        return grid
    x0, top, x1, _bottom = grid.bbox
    over = [
        seg
        for ln in nxt.page.lines
        if ln.top >= ours[min(ours)] - 2 and ln.bottom <= top + 1
        for seg in ln.segments
        # a bare figure is no header: the page's edge clipped the text (202 of 2021年)
        if x0 <= (seg.x0 + seg.x1) / 2 <= x1 and not is_measure(seg.text)
    ]
    extents = {c.col: (c.bbox[0], c.bbox[2]) for c in grid.cells if c.bbox and c.colspan == 1}
    if not over or len(extents) < grid.n_cols:
        return grid
    # the borders between the header's cells on this page part its columns among the texts;
    # with none, each text stands over the column nearest it
    band = (min(seg.top for seg in over), top)
    borders = [
        r.x0
        for r in nxt.page.rules
        if not r.horizontal and r.top <= band[0] + 2 and r.bottom >= band[1] - 2 and x0 < r.x0 < x1
    ]

    def first_column(seg: Segment) -> int:
        middle = (seg.x0 + seg.x1) / 2
        if borders:
            start = max((x for x in borders if x <= middle), default=x0)
            inside = [k for k, (a, b) in extents.items() if (a + b) / 2 >= start]
            return min(inside, default=grid.n_cols - 1)
        return min(extents, key=lambda k: abs(middle - sum(extents[k]) / 2))

    # the texts over one column are one header cell, wrapped
    texts: dict[int, list[Segment]] = {}
    for seg in over:
        texts.setdefault(first_column(seg), []).append(seg)
    # the part's row the text stands in (a ruled row's top is its rule, over the text)
    row_tops = {
        max((t for t in ours.values() if t <= seg.top + 2), default=seg.top) for seg in over
    }
    if len(row_tops) != 1:
        return grid
    row_top = row_tops.pop()
    starts = sorted(texts)
    cells = []
    for col, end in zip(starts, [*starts[1:], grid.n_cols], strict=True):
        segs = texts[col]
        text = segments_text(segs)
        box = (
            min(s.x0 for s in segs),
            row_top,
            max(s.x1 for s in segs),
            max(s.bottom for s in segs),
        )
        cells.append(PdfCell(0, col, text, 1, end - col, box))
    return replace(
        grid,
        n_rows=grid.n_rows + 1,
        bbox=(x0, row_top, x1, grid.bbox[3]),
        cells=cells + [replace(c, row=c.row + 1) for c in grid.cells],
        indents={r + 1: level for r, level in grid.indents.items()},
    )


def _across_the_edge(left: PdfGrid, right: PdfGrid) -> tuple[PdfGrid, PdfGrid]:
    """A header cell merged across the page's edge is one cell over the columns either side.

    Where no rule closes it on either page (``PdfCell.cut``), its text is what each page
    printed of it (202 | 0年 of a centred 2020年, clipped by the page). Otherwise it heads the
    part's last column when that column has a sub-header and nothing over it, and the first
    spilled column has a header there."""
    last = left.n_cols - 1
    body = _first_figure_row(left)
    cut_right = {c.row: c for c in left.cells if c.cut == "right" and c.col + c.colspan - 1 == last}
    joined = {
        id(c): replace(
            cut_right[c.row],
            text=c.text
            if cut_right[c.row].text in ("", c.text)
            else cut_right[c.row].text + c.text,
            colspan=cut_right[c.row].colspan + c.colspan,
            cut=None,
        )
        for c in right.cells
        if c.col == 0 and c.cut == "left" and c.row < body and c.row in cut_right
    }
    if joined:
        ends = {id(cut_right[c.row]): joined[id(c)] for c in right.cells if id(c) in joined}
        left = replace(left, cells=[ends.get(id(c), c) for c in left.cells])
        right = replace(right, cells=[c for c in right.cells if id(c) not in joined])

    def covered(row: int) -> bool:
        return any(
            c.row <= row < c.row + c.rowspan
            and c.col <= last < c.col + c.colspan
            and c.text.strip()
            for c in left.cells
        )

    def headed_below(cell: PdfCell) -> bool:
        below = cell.row + cell.rowspan
        return below < body and any(
            c.row == below and c.col <= last < c.col + c.colspan and c.text.strip()
            for c in left.cells
        )

    cells = [
        replace(c, col=-1, colspan=c.colspan + 1)
        if c.col == 0 and c.row < body and c.text.strip() and not covered(c.row) and headed_below(c)
        else c
        for c in right.cells
    ]
    return left, replace(right, cells=cells)


def _rejoin_broken_row(prev: PdfGrid, nxt: PdfGrid) -> PdfGrid | None:
    """The next page's part without the tails of a row the page broke, those joined to their
    cells above (``None`` when the part held nothing else); ``nxt`` itself when no row broke.

    Word lets a ruled row run on to the next page: the wrapped ends of its long cells
    ("SB/T 11245-" then "2023") stand in a row at the top with its first cell empty and
    fewer cells filled than the row above (a row under a label merged down lacks that label
    alone)."""
    if prev.method != "lattice" or nxt.method != "lattice":
        return nxt
    last = max(c.row + c.rowspan - 1 for c in prev.cells)
    above = sorted(
        (c for c in prev.cells if c.row + c.rowspan - 1 == last and c.bbox), key=lambda c: c.col
    )
    tails = [c for c in nxt.cells if c.row == 0 and c.text.strip() and c.bbox is not None]
    filled = [c for c in above if c.text.strip()]
    if not above or not tails or len(tails) >= len(filled) - 1:
        return nxt
    if any(c.rowspan > 1 for c in nxt.cells if c.row == 0):
        return nxt

    def over(cell: PdfCell) -> PdfCell | None:
        assert cell.bbox is not None
        x = (cell.bbox[0] + cell.bbox[2]) / 2
        return next((a for a in above if a.bbox and a.bbox[0] <= x <= a.bbox[2]), None)

    targets = [over(c) for c in tails]
    # text cut short above: a figure or a header over the next part is no cell the page broke
    # (a row under a merged label, a repeated header)
    if any(t is None or not t.text.strip() or t is above[0] or is_measure(t.text) for t in targets):
        return nxt
    for tail, target in zip(tails, targets, strict=True):
        assert target is not None
        target.text = join_wrapped(target.text, tail.text)
    if nxt.n_rows == 1:
        return None
    cells = [replace(c, row=c.row - 1) for c in nxt.cells if c.row > 0]
    return replace(
        nxt,
        n_rows=nxt.n_rows - 1,
        cells=cells,
        indents={r - 1: level for r, level in nxt.indents.items() if r > 0},
    )


def _column_lefts(grid: PdfGrid) -> list[float]:
    """Where each column's text starts in the rows holding figures (a header may be set wider
    than the figures under it, and only the first part repeats it); in a table of text alone,
    in all its rows."""
    body = {c.row for c in grid.cells if holds_figure(c)} or {c.row for c in grid.cells}
    lefts: dict[int, float] = {}
    for c in grid.cells:
        if c.row in body and c.colspan == 1 and c.bbox is not None and c.text.strip():
            lefts[c.col] = min(lefts.get(c.col, c.bbox[0]), c.bbox[0])
    return [lefts[k] for k in sorted(lefts)]


def find_tables(document: PdfDocument, stream_uncaptioned: bool = False) -> list[PdfTable]:
    """Tables of a read document, parts continued across pages joined, with their source
    department (also from a footnote the prose cites) and unit (also from the caption)."""
    token = spaced_scripts.set(document.spaces_scripts)
    try:
        tables = _find_tables(document, stream_uncaptioned)
    finally:
        spaced_scripts.reset(token)
    _footnote_sources(document, tables)
    for table in tables:
        table.unit = table.unit or unit_in_label(table.title)
    return tables


def _find_tables(document: PdfDocument, stream_uncaptioned: bool) -> list[PdfTable]:
    regions: list[Region] = []
    for page in document.pages:
        regions.extend(analyse_page(page, stream_uncaptioned))
    tables: list[PdfTable] = []
    last: tuple[PdfTable, Region] | None = None
    pending: Region | None = None  # a caption left at the foot of the page before
    for region in regions:
        if region.grid is None and last is not None and _caption_under(last, region, tables):
            # the caption of a table set under it, the page break between them
            cap = region.caption
            assert cap is not None
            table = last[0]
            table.number, table.title, table.label = cap.number, cap.title, cap.label
            table.unit = table.unit or region.unit
            table.source_department = table.source_department or cap.source
            continue
        if region.grid is None:
            if pending is not None:
                tables.append(_bodiless(pending))
            if region.at_foot:
                pending = region
            else:
                tables.append(_bodiless(region))
                pending = None
            continue
        cap = region.caption
        if (
            cap is None
            and pending is not None
            and region.at_top
            and pending.page.number + 1 == region.page.number
        ):
            cap = pending.caption
            region.unit = region.unit or pending.unit
            region.caption_line = pending.caption_line
        elif pending is not None:
            tables.append(_bodiless(pending))
        pending = None
        if cap is not None and cap.continued and last is not None and last[0].label == cap.label:
            _add_part(last[0], region)  # 续表N
            last = (last[0], region)
            continue
        if cap is None and last is not None and last[1].page.number + 1 == region.page.number:
            # a sheet too wide and too tall for its pages, printed down then over (a
            # spreadsheet's default), spills its columns part by part: the first spilled page
            # goes with the table's first part, the next with its second
            table = last[0]
            index = len(table.spill_pages) % len(table.parts)
            part = table.parts[index]
            if _spilled_columns(part, region):
                _join_columns(table, index, region)
                last = (table, region)
                continue
        follows = (
            cap is None
            and region.at_top
            and last is not None
            and last[1].page.number + 1 == region.page.number
        )
        # the rows the next ones go under: after a page of spilled columns (a sheet printed
        # over, then down) the table's last part of rows, not the spilled columns
        above, header = None, None
        if last is not None:
            above = last[0].parts[-1] if last[0].spill_pages else last[1]
            header = last[0].parts[0].grid  # as printed, before any columns joined
        if follows and last is not None and above is not None and above.open_end:
            rest = _rejoin_broken_row(last[0].grids[-1], region.grid)
            if rest is None:  # the part held nothing but the broken row's tails
                last = (last[0], region)
                continue
            region.grid = rest
        if (
            follows
            and last is not None
            and above is not None
            and header is not None
            and (
                (above.open_end and _same_table(above, region))
                or (above.at_foot and _repeats_header(header, region.grid))
                # rows of figures in the table's columns, the table closed by the page's foot
                or (
                    above.at_foot and _same_table(above, region) and opens_with_figures(region.grid)
                )
            )
        ):
            _add_part(last[0], region)
            last = (last[0], region)
            continue
        if region.lone_row:
            continue  # a ruled row of figures that goes on no table is none
        if last is not None:  # the table before is complete
            _notes_over_the_page(document, *last)
        table = PdfTable(
            cap.number if cap else None,
            cap.title if cap else region.heading or "未命名表格",
            [region.grid],
            region.unit,
            None,
            list(region.notes),
            label=cap.label if cap else None,
            parts=[region],
        )
        table.source_department = (cap.source if cap else None) or (
            region.sources[0] if region.sources else None
        )
        tables.append(table)
        last = (table, region)
    if pending is not None:
        tables.append(_bodiless(pending))
    if last is not None:
        _notes_over_the_page(document, *last)
    # a caption read twice (in a list of tables, or mentioned at a line's start) is its table
    read = {t.label for t in tables if t.grids}
    return [t for t in tables if t.grids or t.label not in read]


def _notes_over_the_page(document: PdfDocument, table: PdfTable, part: Region) -> None:
    """注 and 数据来源 lines opening the next page, under a table that filled its page (Word
    moves the lines that no longer fit to the next page)."""
    page = next((p for p in document.pages if p.number == part.page.number + 1), None)
    if not part.at_foot or page is None or page.columns:
        return
    sources: list[str] = []
    read_notes(sorted(page.lines, key=lambda x: x.top)[:4], table.notes, sources)
    table.source_department = table.source_department or next(iter(sources), None)


def _caption_under(last: tuple[PdfTable, Region], region: Region, tables: list[PdfTable]) -> bool:
    """A caption opening a page with no table under it, after an uncaptioned table that ran to
    the foot of the page before: the caption is set under that table."""
    table, part = last
    return (
        region.at_top
        and not region.at_foot
        and table.label is None
        and bool(tables)
        and tables[-1] is table
        and part.at_foot
        and part.page.number + 1 == region.page.number
    )


def _add_part(table: PdfTable, region: Region) -> None:
    """A later part of a table, with the notes and 数据来源 under it."""
    assert region.grid is not None
    table.grids.append(region.grid)
    table.parts.append(region)
    _take_notes(table, region)


def _take_notes(table: PdfTable, region: Region) -> None:
    """The notes and 数据来源 printed under a part of the table are the table's."""
    table.notes.extend(region.notes)
    if table.source_department is None and region.sources:
        table.source_department = region.sources[0]


def _bodiless(region: Region) -> PdfTable:
    """A caption with no table read under it: kept, with no cells, so that it is reported."""
    cap = region.caption
    assert cap is not None  # only captions open a region before its grid is read
    page = region.page
    warning = f"caption without table body on page {page.number}" + (
        " (a picture of the table? it needs OCR)" if page.images else ""
    )
    return PdfTable(
        cap.number,
        cap.title,
        [],
        region.unit,
        label=cap.label,
        page=page.number,
        warnings=[warning],
    )


def page_warnings(document: PdfDocument) -> list[str]:
    """Pages scanned into a PDF that has text (whatever they print is read from no text
    layer), and what the reader could not read on a page."""
    return [
        f"page {p.number} has images and no text (scanned?): it needs OCR"
        for p in document.pages
        if p.images and not p.lines
    ] + [notice for p in document.pages for notice in p.notices]


def _footnote_sources(document: PdfDocument, tables: list[PdfTable]) -> None:
    """数据来源 footnotes cited in the prose ("见表 4）³" … "³数据来源：…")."""
    cited = cited_sources(ln.marked for page in document.pages for ln in page.lines)
    for table in tables:
        if table.number in cited:
            table.source_department = cited[table.number]


def _listed_numbers(document: PdfDocument) -> list[int]:
    listed = []
    for page in document.pages:
        for ln in page.lines:
            text = ln.text
            if CONTENTS_LEADER.search(text):
                caption = parse_caption(text)
                if caption:
                    listed.append(caption.number)
    return listed


def extract_pdf_tables(
    document_id: str,
    source: Path | PdfDocument,
    pages: set[int] | None = None,
    stream_uncaptioned: bool = False,
) -> PdfTables:
    """Tables of one PDF (a path, or the document already read) as ``ExtractedTable``s
    (rendition "pdf"), cells from ``build_cells``."""
    document = source if isinstance(source, PdfDocument) else read_document(source, pages)
    found = find_tables(document, stream_uncaptioned=stream_uncaptioned)
    out: list[ExtractedTable] = []
    warnings = page_warnings(document)
    for index, table in enumerate(found, start=1):
        rows = _source_rows(table.grids)
        unit = table.unit
        extracted = ExtractedTable(
            document_id=document_id,
            rendition="pdf",
            table_index=index,
            number=table.number,
            label=table.label,
            title=table.title,
            page_start=table.pages[0],
            page_end=table.pages[-1],
            source_department=table.source_department,
            notes=list(table.notes),
            unit=unit,
            rows=rows,
        )
        extracted.cells = build_cells(rows, table_unit=unit, positioned=True)
        extracted.warnings.extend(table.warnings)
        if table.grids and not extracted.cells:
            extracted.warnings.append("table has rows but no data cells")
        out.append(extracted)
    return PdfTables(out, found, _listed_numbers(document), warnings)


__all__ = [
    "PdfCell",
    "PdfGrid",
    "PdfTable",
    "PdfTables",
    "extract_pdf_tables",
    "find_tables",
    "make_line",
]
