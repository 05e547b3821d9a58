"""The shapes every way of reading a PDF table shares, and the small helpers they all use.

``PdfCell`` and ``PdfGrid`` are what the ruled reading (``pdf_lattice``), the reading from text
positions (``pdf_stream``) and the page analysis (``pdf_regions``) produce; ``Box`` is a region
of a page. The geometry and text helpers (overlap of two spans, clustering of positions, the
text of the glyphs or segments in one cell) sit here so that those modules can share them
without importing one another.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipelines.extract.grid import is_seq_column
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_glyphs import Glyph, Segment, glyph_text, join_wrapped
from pipelines.model.values import is_measure
from pipelines.model.vocabulary import is_total_label

_TOL = 2.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class PdfCell:
    """One cell of a recovered grid: position, spans and text (merged cells are one cell)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    bbox: Box | None = None
    # "left" or "right": no rule closes this merged cell on that side, where the page's edge
    # cut it; it goes on in the columns a sheet spilled onto the page beside
    cut: str | None = None


def holds_figure(cell: PdfCell) -> bool:
    """A figure, not the part of a header a page's edge left (202 or 0年 of a clipped 2020年)."""
    return is_measure(cell.text) and not cell.cut


@dataclass
class PdfGrid:
    """A table's grid on one page, as the CLI prints it."""

    page: int
    bbox: Box
    method: str  # lattice | three_line | stream
    n_rows: int
    n_cols: int
    cells: list[PdfCell]
    indents: dict[int, int] = field(default_factory=dict)  # row → indent level of its label
    label_col: int = 0  # the column those labels stand in (1 after a 序号 column)

    def matrix(self) -> list[list[str]]:
        """Rows of cell text; a merged cell's text sits top-left, the positions it covers empty."""
        out = [[""] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out


# --- small geometry helpers


def glyphs_in(glyphs: Sequence[Glyph], box: Box) -> list[Glyph]:
    """The glyphs whose centre lies in ``box`` (give or take a point)."""
    x0, top, x1, bottom = box
    return [
        g
        for g in glyphs
        if x0 - 1 <= (g.x0 + g.x1) / 2 <= x1 + 1 and top - 1 <= (g.top + g.bottom) / 2 <= bottom + 1
    ]


_SEQUENCE = re.compile(r"\d{1,3}")


def label_column(texts: dict[int, list[str]]) -> int:
    """The column whose labels name the rows (``texts``: column → its body cells' text): the
    first, unless it only numbers them (序号: 1, 2, 3 …), as the label column's neighbour."""
    numbers = [t for t in texts.get(0, []) if t]
    if 1 in texts and all(_SEQUENCE.fullmatch(t) for t in numbers) and is_seq_column("", numbers):
        return 1
    return 0


_THEREOF = re.compile(r"^其中\s*[：:]?\s*")  # "其中：" opening a list of the parent's parts


def indent_levels(
    extents: dict[int, tuple[float, float]], size: float, texts: dict[int, str]
) -> dict[int, int]:
    """Indent level of each row's label, from where its text starts and ends (``extents``: row
    → the label's x0, x1; ``texts``: row → the label), when the column is set flush left:
    labels at its left edge are level 0, each further start at least most of a character in is
    a level deeper. A centred column starts its labels at different places without nesting
    them: no levels. Items hung under the text after "其中：" on the row above stand at that
    row's level: they go on with its list. A total (合计, often centred in its cell) is no
    one's part."""
    extents = {r: x for r, x in extents.items() if not is_total_label(texts.get(r, ""))}
    if len(extents) < 3:
        return {}
    starts = {r: x0 for r, (x0, _) in extents.items()}
    rows = sorted(starts)
    for prev, r in itertools.pairwise(rows):
        thereof = _THEREOF.match(texts.get(prev, ""))
        if thereof and abs(starts[r] - starts[prev] - len(thereof.group()) * size) <= 0.6 * size:
            starts[r] = starts[prev]
    base = min(starts.values())
    at_base = sum(1 for x in starts.values() if x - base <= 1.5)
    if at_base < 0.3 * len(starts):
        return {}
    centres = [(x0 + x1) / 2 for x0, x1 in extents.values()]
    middle = statistics.median(centres)
    if sum(1 for c in centres if abs(c - middle) <= 2.0) > at_base:
        return {}
    levels = cluster_values([x for x in starts.values() if x - base > 1.5], 2.0)
    levels = [lv for lv in levels if lv - base >= 0.8 * size]
    out = {}
    for r, x in starts.items():
        level = sum(1 for lv in levels if x >= lv - 2.0)
        if level:
            out[r] = level
    return out


def span_overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def cluster_values(values: Sequence[float], tol: float = _TOL) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def join_lines(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text = join_wrapped(text, part)
    return text


def cell_text(glyphs: list[Glyph]) -> str:
    """Text of the glyphs in one cell: lines top to bottom, wrapped lines rejoined."""
    if not glyphs:
        return ""
    if sum(1 for g in glyphs if g.turn) >= 0.8 * len(glyphs):
        return _sideways_text(glyphs)
    glyphs = sorted(glyphs, key=lambda g: (g.top, g.x0))
    lines: list[list[Glyph]] = []
    for g in glyphs:
        if lines:
            last = lines[-1]
            top = min(x.top for x in last if not x.sup) if any(not x.sup for x in last) else 0
            bottom = max(x.bottom for x in last)
            h = min(g.bottom - g.top, bottom - top)
            if g.sup or span_overlap(top, bottom, g.top, g.bottom) >= 0.5 * h:
                last.append(g)
                continue
        lines.append([g])
    parts = [
        strip_markup(glyph_text(sorted(ln, key=lambda g: g.x0), mark_sup=True)) for ln in lines
    ]
    return join_lines([p for p in parts if p])


def _sideways_text(glyphs: list[Glyph]) -> str:
    """Text set sideways in a cell (a rotated column header): each printed line is a column of
    glyphs read bottom to top ("up") or top to bottom ("down"), lines rejoined in order."""
    up = sum(1 for g in glyphs if g.turn == "up") >= sum(1 for g in glyphs if g.turn == "down")
    columns: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.x0):
        last = columns[-1] if columns else None
        if last and span_overlap(last[0].x0, last[0].x1, g.x0, g.x1) >= 0.5 * (g.x1 - g.x0):
            last.append(g)
        else:
            columns.append([g])
    if not up:
        columns.reverse()  # read top to bottom, a sideways line's next line is to its left
    parts = []
    for col in columns:
        col.sort(key=lambda g: -g.bottom if up else g.top)
        text = ""
        for prev, g in zip([None, *col], col, strict=False):
            gap = (prev.top - g.bottom) if up and prev else (g.top - prev.bottom) if prev else 0
            if prev is not None and gap > 0.2 * (g.x1 - g.x0) and not text.endswith(" "):
                text += " "
            text += g.text
        parts.append(text.strip())
    return join_lines([p for p in parts if p])


def segments_text(segs: list[Segment]) -> str:
    """Text of segments in one cell: same line joined by a space, lines rejoined."""
    if not segs:
        return ""
    segs = sorted(segs, key=lambda s: (s.top, s.x0))
    lines: list[list[Segment]] = []
    for s in segs:
        if lines and span_overlap(lines[-1][0].top, lines[-1][0].bottom, s.top, s.bottom) > 0.5 * (
            s.bottom - s.top
        ):
            lines[-1].append(s)
        else:
            lines.append([s])
    parts = [
        strip_markup(" ".join(s.marked for s in sorted(ln, key=lambda s: s.x0))) for ln in lines
    ]
    return join_lines([p for p in parts if p])
