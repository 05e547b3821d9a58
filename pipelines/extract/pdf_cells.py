"""The shapes every way of reading a PDF table shares, and the small helpers they all use.

``PdfCell`` and ``PdfGrid`` are what the ruled reading (``pdf_lattice``), the reading from text
positions (``pdf_stream``) and the page analysis (``pdf_tables``) produce; ``Box`` is a region
of a page. The geometry and text helpers (overlap of two spans, clustering of positions, the
text of the glyphs or segments in one cell) sit here so that those modules can share them
without importing one another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_layout import Glyph, Segment, glyph_text, join_wrapped

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

    def matrix(self) -> list[list[str]]:
        """Rows of cell text; a merged cell's text sits top-left, the positions it covers empty."""
        out = [[""] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out


# --- small geometry helpers


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
