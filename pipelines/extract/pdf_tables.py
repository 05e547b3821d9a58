"""Find the tables of a PDF and recover their cells, the same way the text path does.

Each page's visible layout (``pdf_layout``) is read for captions ("表N …"), and below each one
for its table. Per table the frame decides how the grid is found:

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
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.extract.annotations import HEADING_ENUM, SENTENCE_END, is_note, source_department
from pipelines.extract.captions import (
    CONTENTS_LEADER,
    Caption,
    is_caption_shaped,
    parse_caption,
    split_unit_clause,
    with_title,
)
from pipelines.extract.grid import build_cells
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_layout import (
    Glyph,
    Line,
    PageLayout,
    PdfDocument,
    Rule,
    Segment,
    glyph_text,
    join_wrapped,
    make_line,
    read_document,
    spaced_scripts,
)
from pipelines.extract.tables import ExtractedTable, SourceRow
from pipelines.extract.text_tables import cited_sources
from pipelines.model.units import declared_unit, unit_in_label
from pipelines.model.values import is_measure

_ENGLISH_CAPTION = re.compile(r"^(?:Table|TABLE)\s+(?P<num>\d{1,3})\b[.:]?\s*(?P<title>.*)$")
_MARKER = re.compile(r"^(?:#+|\d{1,2}(?:\.\d{1,2})*[.、．])")
_TOL = 2.0
_SPACED_CJK = re.compile(r"[\u4e00-\u9fff）)]\s+(?=[\u4e00-\u9fff（(])")

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


@dataclass
class PdfTable:
    """A table as found in the PDF: caption, the grids of its parts, notes and unit."""

    number: int | None
    title: str
    grids: list[PdfGrid]
    unit: str | None = None
    source_department: str | None = None
    notes: list[str] = field(default_factory=list)
    continued: bool = False  # still open at the foot of its last page
    label: str | None = None  # the caption's label as printed (表5, 附表1)

    @property
    def pages(self) -> list[int]:
        return [g.page for g in self.grids]


@dataclass
class PdfTables:
    """Tables of one PDF in the shapes the pipeline loads, plus the raw grids for the CLI."""

    tables: list[ExtractedTable]
    found: list[PdfTable]
    listed_numbers: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- small geometry helpers


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _cluster(values: Sequence[float], tol: float = _TOL) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _join_lines(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text = join_wrapped(text, part)
    return text


def _cell_text(glyphs: list[Glyph]) -> str:
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
            if g.sup or _overlap(top, bottom, g.top, g.bottom) >= 0.5 * h:
                last.append(g)
                continue
        lines.append([g])
    parts = [
        strip_markup(glyph_text(sorted(ln, key=lambda g: g.x0), mark_sup=True)) for ln in lines
    ]
    return _join_lines([p for p in parts if p])


def _sideways_text(glyphs: list[Glyph]) -> str:
    """Text set sideways in a cell (a rotated column header): each printed line is a column of
    glyphs read bottom to top ("up") or top to bottom ("down"), lines rejoined in order."""
    up = sum(1 for g in glyphs if g.turn == "up") >= sum(1 for g in glyphs if g.turn == "down")
    columns: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.x0):
        last = columns[-1] if columns else None
        if last and _overlap(last[0].x0, last[0].x1, g.x0, g.x1) >= 0.5 * (g.x1 - g.x0):
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
    return _join_lines([p for p in parts if p])


def _segments_text(segs: list[Segment]) -> str:
    """Text of segments in one cell: same line joined by a space, lines rejoined."""
    if not segs:
        return ""
    segs = sorted(segs, key=lambda s: (s.top, s.x0))
    lines: list[list[Segment]] = []
    for s in segs:
        if lines and _overlap(lines[-1][0].top, lines[-1][0].bottom, s.top, s.bottom) > 0.5 * (
            s.bottom - s.top
        ):
            lines[-1].append(s)
        else:
            lines.append([s])
    parts = [
        strip_markup(" ".join(s.marked for s in sorted(ln, key=lambda s: s.x0))) for ln in lines
    ]
    return _join_lines([p for p in parts if p])


# --- captions and other classified lines


def _title_goes_on(cap_line: Line, cap: Caption, ln: Line, width: tuple[float, float]) -> bool:
    """The line under a caption carries on its title: a title too long for one line, or a
    caption that prints "表1" alone over its title. Such a line is one piece of text in the
    caption's type, set as close as a wrapped line, centred like the caption (or on the body) or
    starting where it starts; a table's header row, a unit line or a sentence is none."""
    height = cap_line.bottom - cap_line.top
    if (
        len(ln.segments) != 1
        or ln.top - cap_line.bottom > height
        or abs(ln.size - cap_line.size) > 0.5
        or len(ln.text) > 60
        or SENTENCE_END.search(ln.text)
        or SENTENCE_END.search(cap.title)
        or not split_unit_clause(ln.text)[0]  # a unit line (单位：亿元) is no title
        or is_measure(ln.text)
        or _caption(ln.text)
    ):
        return False
    centre = (ln.x0 + ln.x1) / 2
    centred = any(
        abs(centre - c) < 2 * ln.size for c in ((cap_line.x0 + cap_line.x1) / 2, sum(width) / 2)
    )
    return centred or abs(ln.x0 - cap_line.x0) < ln.size


def _caption(text: str) -> Caption | None:
    if not is_caption_shaped(text):
        return None
    caption = parse_caption(text)
    if caption is None:
        match = _ENGLISH_CAPTION.match(text)
        if match:
            number = int(match.group("num"))
            return Caption(number, f"Table {number}", match.group("title").strip(), False)
    return caption


# --- rules


def _components(rules: list[Rule]) -> list[list[Rule]]:
    """Rules that touch or cross one another form one frame."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    t = 3.0
    for i in hs:
        h = rules[i]
        for j in vs:
            v = rules[j]
            if h.x0 - t <= v.x0 <= h.x1 + t and v.top - t <= h.top <= v.bottom + t:
                parent[find(i)] = find(j)
    # a rule drawn piecewise (one stroke per cell, meeting between the crossing rules) is one
    for group, pos, start, end in ((vs, "x0", "top", "bottom"), (hs, "top", "x0", "x1")):
        ordered = sorted(group, key=lambda k: (getattr(rules[k], pos), getattr(rules[k], start)))
        lines: list[list[int]] = []
        for k in ordered:  # rules on one x (or y), in order along it
            if lines and getattr(rules[k], pos) - getattr(rules[lines[-1][0]], pos) <= 1.0:
                lines[-1].append(k)
            else:
                lines.append([k])
        for members in lines:
            members.sort(key=lambda k: getattr(rules[k], start))
            reach, last = float("-inf"), -1
            for k in members:
                if last >= 0 and getattr(rules[k], start) <= reach + t:
                    parent[find(k)] = find(last)
                if getattr(rules[k], end) > reach:
                    reach, last = getattr(rules[k], end), k
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


def _bbox(rules: list[Rule]) -> Box:
    return (
        min(r.x0 for r in rules),
        min(r.top for r in rules),
        max(r.x1 for r in rules),
        max(r.bottom for r in rules),
    )


@dataclass
class _Frame:
    """A set of rules on a page that frames one table (or a part of one)."""

    bbox: Box
    hs: list[Rule]
    vs: list[Rule]

    @property
    def kind(self) -> str:
        height = self.bbox[3] - self.bbox[1]
        # a vertical rule drawn piecewise (one segment per cell) counts by its total length
        covered: dict[float, list[tuple[float, float]]] = {}
        xs = _cluster([v.x0 for v in self.vs])
        for v in self.vs:
            x = min(xs, key=lambda c: abs(c - v.x0))
            covered.setdefault(x, []).append((v.top, v.bottom))
        tall = [x for x, spans in covered.items() if _union_length(spans) >= 0.3 * height]
        return "lattice" if len(tall) >= 2 and len(self.hs) >= 2 else "three_line"


def _union_length(spans: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def _frames(
    page: PageLayout, width: tuple[float, float], caption_lines: list[Line]
) -> list[_Frame]:
    """Ruled frames: connected grids, and stacks of horizontal rules of the same width.

    A stack ends where a caption, or prose rather than table rows, sits between two rules: the
    next rule belongs to another table (a long row printed as one run of text is no prose).
    ``width`` is the page's body width and ``caption_lines`` its captions, as the caller found.
    """
    captions = [(ln.top + ln.bottom) / 2 for ln in caption_lines]
    starts = _cell_starts(page.lines, width)
    wraps = [ln for ln in page.lines if _wraps_in_cell(ln, starts)]
    prose = [
        (ln.top + ln.bottom) / 2
        for ln in page.lines
        if _is_prose(ln, width) and not any(ln is w for w in wraps)
    ]
    rows = [(ln.top + ln.bottom) / 2 for ln in page.lines if _is_row_like(ln, width)]
    rows += [(ln.top + ln.bottom) / 2 for ln in wraps]

    def parted(a: float, b: float) -> bool:
        """A caption, or more prose than table rows, between two rules."""
        if any(a < y < b for y in captions):
            return True
        n_prose = sum(1 for y in prose if a < y < b)
        return n_prose > 0 and n_prose >= sum(1 for y in rows if a < y < b)

    out: list[_Frame] = []
    loose: list[Rule] = []
    for comp in _components(page.rules):
        hs = [r for r in comp if r.horizontal]
        vs = [r for r in comp if not r.horizontal]
        if vs and hs:
            out.append(_Frame(_bbox(comp), hs, vs))
        elif hs:
            # a rule drawn piecewise, one stroke per cell (browsers, Word), is one rule
            y = statistics.mean(r.top for r in hs)
            loose.append(Rule(min(r.x0 for r in hs), y, max(r.x1 for r in hs), y))
    # horizontal rules without verticals: group rules of (nearly) the same extent
    loose = [r for r in loose if r.length >= 40]
    loose.sort(key=lambda r: r.top)
    stacks: list[list[Rule]] = []
    for r in loose:
        for stack in stacks:
            ref = stack[-1]
            if parted(ref.top, r.top):
                continue
            if abs(ref.x0 - r.x0) <= 6 and abs(ref.x1 - r.x1) <= 6:
                stack.append(r)
                break
        else:
            stacks.append([r])
    stacks = _absorb_inner_rules(stacks, parted)
    for stack in stacks:
        box = _bbox(stack)
        inside = [ln for ln in page.lines if box[1] < (ln.top + ln.bottom) / 2 < box[3]]
        if inside:
            reach = max(ln.x1 for ln in inside) - min(ln.x0 for ln in inside)
            if box[2] - box[0] < 0.5 * reach:
                continue  # sum lines under a column of figures, not the rules of a table
        out.append(_Frame(box, stack, []))
    return out


def _absorb_inner_rules(
    stacks: list[list[Rule]], parted: Callable[[float, float], bool]
) -> list[list[Rule]]:
    """A shorter rule between a table's top and bottom rules is one of its own: office software
    draws the rule under a header only below the sub-headed columns, not under labels merged
    down through both header rows. So is a shorter rule under a lone rule with nothing but
    table rows between them: the top and header rules of a table that runs on to the next page.
    """
    out = [st for st in stacks if len(st) >= 2]
    lone = [st for st in stacks if len(st) == 1]
    for stack in lone:
        rule = stack[0]
        owner = next(
            (st for st in out if st[0].top < rule.top < st[-1].top and _shorter_within(rule, st)),
            None,
        )
        if owner is None:
            above = [
                st
                for st in lone
                if st is not stack
                and len(st) == 1
                and st[0].top < rule.top
                and _shorter_within(rule, st)
                and not parted(st[0].top, rule.top)
                and not any(st[0].top < o[0].top < rule.top for o in stacks if o is not stack)
            ]
            owner = above[-1] if above else None
        if owner is None:
            out.append(stack)
        else:
            owner.append(rule)
            owner.sort(key=lambda r: r.top)
            if not any(owner is st for st in out):
                out.append(owner)
    return sorted(out, key=lambda st: st[0].top)


def _shorter_within(rule: Rule, stack: list[Rule]) -> bool:
    """A rule under part of a stack's width: at least 0.3 of it, short of all of it."""
    x0, x1 = min(r.x0 for r in stack), max(r.x1 for r in stack)
    return (
        x0 - 3 <= rule.x0
        and rule.x1 <= x1 + 3
        and rule.length >= 0.3 * (x1 - x0)
        and rule.length < (x1 - x0) - 6
    )


# --- lattice: cells from the rules


def _lattice(page: PageLayout, frame: _Frame, glyphs: list[Glyph]) -> PdfGrid | None:
    xs = _cluster([v.x0 for v in frame.vs])
    ys = _cluster([h.top for h in frame.hs])
    x0, top, x1, bottom = frame.bbox
    if not xs or xs[0] - x0 > 3:
        xs.insert(0, x0)
    if xs[-1] < x1 - 3:
        xs.append(x1)
    if not ys or ys[0] - top > 3:
        ys.insert(0, top)
    if ys[-1] < bottom - 3:
        ys.append(bottom)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None

    def v_present(x: float, y0: float, y1: float) -> bool:
        need = 0.6 * (y1 - y0)
        covered = sum(
            max(0.0, _overlap(v.top, v.bottom, y0, y1)) for v in frame.vs if abs(v.x0 - x) <= 2.5
        )
        return covered >= need

    def h_present(y: float, a0: float, a1: float) -> bool:
        need = 0.6 * (a1 - a0)
        covered = sum(
            max(0.0, _overlap(h.x0, h.x1, a0, a1)) for h in frame.hs if abs(h.top - y) <= 2.5
        )
        return covered >= need

    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not v_present(xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not h_present(ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            span = spans.setdefault(root, [r, c, r, c])
            span[0], span[1] = min(span[0], r), min(span[1], c)
            span[2], span[3] = max(span[2], r), max(span[3], c)
    content: dict[int, list[Glyph]] = {}
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        c = min(max(bisect.bisect_right(xs, cx) - 1, 0), n_cols - 1)
        r = min(max(bisect.bisect_right(ys, cy) - 1, 0), n_rows - 1)
        content.setdefault(find(r * n_cols + c), []).append(g)
    cells = _lattice_cells(
        [
            (r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]), content.get(root, []))
            for root, (r0, c0, r1, c1) in spans.items()
        ],
        xs,
    )
    grid = PdfGrid(page.number, (xs[0], ys[0], xs[-1], ys[-1]), "lattice", n_rows, n_cols, cells)
    return _collapse_label_tree(_drop_empty(grid))


_Span = tuple[int, int, int, int, Box, list[Glyph]]  # r0, c0, r1, c1 (inclusive), box, glyphs


def _lattice_cells(spans: list[_Span], xs: list[float]) -> list[PdfCell]:
    """Cells of a lattice; a box spanning columns whose text sits in separate columns splits.

    Partly ruled tables leave out the vertical rules in the body: the rules then enclose a
    whole row as one box, though its values stand under the columns of the ruled header. When
    every piece of text in a box spanning columns lies within one column (no piece bridges a
    column boundary, as a spanning header's does), each column gets its own cell.
    """
    cells: list[PdfCell] = []
    for r0, c0, r1, c1, box, glyphs in spans:
        if c1 > c0 and glyphs:
            by_col: dict[int, list[Glyph]] = {}
            split = True
            for line in _glyph_lines(glyphs):
                made = make_line(line)
                for seg in made.segments if made else []:
                    inside = [
                        c
                        for c in range(c0, c1 + 1)
                        if xs[c] - 1 <= seg.x0 and seg.x1 <= xs[c + 1] + 1
                    ]
                    if not inside:
                        split = False
                        break
                    by_col.setdefault(inside[0], []).extend(seg.glyphs)
                if not split:
                    break
            if split and len(by_col) >= 2:
                for c in range(c0, c1 + 1):
                    part = by_col.get(c, [])
                    sub = (xs[c], box[1], xs[c + 1], box[3])
                    cells.append(PdfCell(r0, c, _cell_text(part), r1 - r0 + 1, 1, sub))
                continue
        cells.append(PdfCell(r0, c0, _cell_text(glyphs), r1 - r0 + 1, c1 - c0 + 1, box))
    return cells


def _glyph_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs of one cell grouped into printed lines, each left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        if lines:
            last = lines[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            if g.sup or _overlap(top, bottom, g.top, g.bottom) >= 0.5 * min(
                g.bottom - g.top, bottom - top
            ):
                last.append(g)
                continue
        lines.append([g])
    return [sorted(ln, key=lambda g: g.x0) for ln in lines]


def _plumber_lattice(page: PageLayout, box: Box) -> list[Box] | None:
    """Cell boxes of pdfplumber's lattice table that coincides with ``box``, if one does."""
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
    for tbox, cells in page.lattices:
        inter = max(0.0, _overlap(box[0], box[2], tbox[0], tbox[2])) * max(
            0.0, _overlap(box[1], box[3], tbox[1], tbox[3])
        )
        t_area = max((tbox[2] - tbox[0]) * (tbox[3] - tbox[1]), 1.0)
        covered = sum((c[2] - c[0]) * (c[3] - c[1]) for c in cells)
        # cells leaving much of their table's box bare: a border left undrawn, not a lattice
        if inter >= 0.8 * area and inter >= 0.8 * t_area and covered >= 0.8 * t_area:
            return cells
    return None


def _lattice_from_cells(page: PageLayout, boxes: list[Box], glyphs: list[Glyph]) -> PdfGrid | None:
    """A grid from cell boxes (merged cells are boxes covering several base cells)."""
    xs = _cluster([v for b in boxes for v in (b[0], b[2])])
    ys = _cluster([v for b in boxes for v in (b[1], b[3])])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None

    def index(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    spans: list[_Span] = []
    for b in boxes:
        c0, c1 = index(xs, b[0]), index(xs, b[2])
        r0, r1 = index(ys, b[1]), index(ys, b[3])
        if c1 > c0 and r1 > r0:
            spans.append((r0, c0, r1 - 1, c1 - 1, b, []))
    spans += _open_cells(page, spans, xs, ys)
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for span in spans:
            b = span[4]
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                span[5].append(g)
                break
    cells = _lattice_cells(spans, xs)
    grid = PdfGrid(page.number, (xs[0], ys[0], xs[-1], ys[-1]), "lattice", n_rows, n_cols, cells)
    return _collapse_label_tree(_drop_empty(grid))


def _open_cells(
    page: PageLayout, spans: list[_Span], xs: list[float], ys: list[float]
) -> list[_Span]:
    """Cells left open at the grid's top or bottom edge: a merged cell broken by the page has no
    rule where the page cuts it, so it closes no box of its own. Between the column's two
    vertical rules, the rows no box covers from that edge on are that cell."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    covered = {
        (r, c)
        for r0, c0, r1, c1, _, _ in spans
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
    }
    verticals = [r for r in page.rules if not r.horizontal]

    def ruled(x: float, top: float, bottom: float) -> bool:
        spans_at = [(v.top, v.bottom) for v in verticals if abs(v.x0 - x) <= 2]
        return _union_length(
            [(max(a, top), min(b, bottom)) for a, b in spans_at if b > top and a < bottom]
        ) >= 0.9 * (bottom - top)

    out: list[_Span] = []
    for c in range(n_cols):
        for rows in (range(n_rows - 1, -1, -1), range(n_rows)):
            run = []
            for r in rows:
                if (r, c) in covered:
                    break
                run.append(r)
            if not run or len(run) == n_rows:
                continue
            r0, r1 = min(run), max(run)
            box = (xs[c], ys[r0], xs[c + 1], ys[r1 + 1])
            if ruled(xs[c], box[1], box[3]) and ruled(xs[c + 1], box[1], box[3]):
                out.append((r0, c, r1, c, box, []))
                covered.update((r, c) for r in run)
    return out


def _drop_empty(grid: PdfGrid) -> PdfGrid:
    """Remove rows and columns no cell starts in and no text occupies (spacers, split rules)."""
    keep_rows = sorted({c.row for c in grid.cells if c.text})
    keep_cols = sorted({c.col for c in grid.cells if c.text})
    if not keep_rows or not keep_cols:
        return PdfGrid(grid.page, grid.bbox, grid.method, 0, 0, [])
    rmap = {r: i for i, r in enumerate(keep_rows)}
    cmap = {c: i for i, c in enumerate(keep_cols)}
    cells = []
    for c in grid.cells:
        if c.row not in rmap or c.col not in cmap:
            continue
        r_end = max((rmap[r] for r in keep_rows if c.row <= r < c.row + c.rowspan), default=0)
        c_end = max((cmap[x] for x in keep_cols if c.col <= x < c.col + c.colspan), default=0)
        cells.append(
            PdfCell(
                rmap[c.row],
                cmap[c.col],
                c.text,
                r_end - rmap[c.row] + 1,
                c_end - cmap[c.col] + 1,
                c.bbox,
            )
        )
    return PdfGrid(grid.page, grid.bbox, grid.method, len(keep_rows), len(keep_cols), cells)


def _collapse_label_tree(grid: PdfGrid) -> PdfGrid:
    """Fold nested label columns (a tree drawn with ruled indents) into one indented column.

    Some reports draw the hierarchy of row labels as cells that start further right the deeper
    the item, all ending at the same rule. Those leading columns hold one label per row; the
    start column is the indent.
    """
    if grid.n_cols < 3:
        return grid
    best = 0
    for k in range(2, grid.n_cols):
        ok = True
        indented = False
        for c in grid.cells:
            if c.col >= k:
                continue
            end = c.col + c.colspan
            if c.text and end != k:
                ok = False
                break
            if not c.text and end > k:
                ok = False
                break
            if c.text and c.col > 0:
                indented = True
        if ok and indented:
            best = k
    if not best:
        return grid
    cells = []
    indents: dict[int, int] = {}
    for c in grid.cells:
        if c.col < best:
            if c.text:
                indents[c.row] = c.col
                cells.append(PdfCell(c.row, 0, c.text, c.rowspan, 1, c.bbox))
            continue
        cells.append(PdfCell(c.row, c.col - best + 1, c.text, c.rowspan, c.colspan, c.bbox))
    filled = {c.row for c in cells if c.col == 0}
    for r in range(grid.n_rows):
        if r not in filled:
            cells.append(PdfCell(r, 0, ""))
    return PdfGrid(
        grid.page, grid.bbox, grid.method, grid.n_rows, grid.n_cols - best + 1, cells, indents
    )


# --- stream: cells from text positions


def _column_runs(lines: list[Line], x0: float, x1: float, splits: list[float]) -> list[Box]:
    """Column extents: x ranges the segments of the table's fuller lines cover."""
    counts = [len(ln.segments) for ln in lines]
    if not counts:
        return []
    top_count = max(counts)
    dense = [ln for ln in lines if len(ln.segments) >= max(2, 0.5 * top_count)] or lines
    lo = int(min(x0, *(s.x0 for ln in dense for s in ln.segments))) - 1
    hi = int(max(x1, *(s.x1 for ln in dense for s in ln.segments))) + 2
    cover = [0] * (hi - lo + 1)
    for ln in dense:
        for s in ln.segments:
            for a, b in _ink_pieces(s):
                for x in range(max(int(a) - lo, 0), min(int(b) - lo, hi - lo) + 1):
                    cover[x] += 1
    runs = _runs_of(cover, lo, 0)
    threshold = len(dense) // 10 if len(dense) >= 10 else 0
    if threshold:
        # a few long cells bridging two well-filled columns do not merge them
        split: list[list[float]] = []
        for run in runs:
            part = cover[int(run[0]) - lo : int(run[1]) - lo + 1]
            strong = _runs_of(part, int(run[0]), threshold)
            strong = [
                r
                for r in strong
                if max(part[int(r[0]) - int(run[0]) : int(r[1]) - int(run[0]) + 1]) > 2 * threshold
            ]
            if len(strong) < 2:
                split.append(run)
                continue
            edges = [run[0]] + [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(strong)]
            edges.append(run[1])
            split.extend([edges[i], edges[i + 1]] for i in range(len(edges) - 1))
        runs = split
    runs = _sparse_runs(lines, dense, runs)
    # rules between columns split runs the text happens to bridge
    out: list[list[float]] = []
    for run in runs:
        cuts = [x for x in splits if run[0] + 2 < x < run[1] - 2]
        start = run[0]
        for x in cuts:
            out.append([start, x])
            start = x
        out.append([start, run[1]])
    return [(a, 0.0, b, 0.0) for a, b in out]


def _ink_pieces(seg: Segment) -> list[tuple[float, float]]:
    """A segment's extent, split where its glyphs leave a gap of half an em or more: a label
    centred on merged rows can print a narrow gap away from the next column's text."""
    glyphs = [g for g in seg.glyphs if g.text.strip()]
    if not glyphs or seg.spread:
        return [(seg.x0, seg.x1)]
    pieces = [[glyphs[0].x0, glyphs[0].x1]]
    for g in glyphs[1:]:
        if g.x0 - pieces[-1][1] >= 0.5 * max(g.size, 1.0):
            pieces.append([g.x0, g.x1])
        else:
            pieces[-1][1] = max(pieces[-1][1], g.x1)
    return [(a, b) for a, b in pieces]


def _sparse_runs(
    lines: list[Line], dense: list[Line], runs: list[list[float]]
) -> list[list[float]]:
    """Add columns only sparse lines fill: labels centred on merged cells that sit in the
    gutter between the columns of the full lines ("金奖" beside the names it groups).

    A piece of text starting in a gutter, repeated on at least two lines, is a column; when it
    runs on into the next column with a narrow gap it is split off first.
    """
    if len(runs) < 2:
        return runs
    orphans: list[tuple[float, float]] = []
    for ln in lines:
        if ln in dense:
            continue
        for seg in ln.segments:
            inside = next((r for r in runs if r[0] - 1 <= seg.x0 <= r[1] + 1), None)
            if inside is not None:
                continue
            x1 = seg.x1
            nxt = next((r for r in runs if r[0] > seg.x0), None)
            if nxt is not None and x1 > nxt[0] - 1:
                # cut at the last glyph ending before the next column starts
                ends = [g.x1 for g in seg.glyphs if g.text.strip() and g.x1 <= nxt[0] - 1]
                if not ends:
                    continue
                x1 = max(ends)
            orphans.append((seg.x0, x1))
    if not orphans:
        return runs
    groups: list[list[float]] = []
    counts: list[int] = []
    for a, b in sorted(orphans):
        if groups and a <= groups[-1][1] + 1:
            groups[-1][1] = max(groups[-1][1], b)
            counts[-1] += 1
        else:
            groups.append([a, b])
            counts.append(1)
    added = [
        g
        for g, n in zip(groups, counts, strict=True)
        if n >= 2 and not any(_overlap(g[0], g[1], r[0], r[1]) > -1 for r in runs)
    ]
    return sorted(runs + added) if added else runs


def _runs_of(cover: list[int], lo: int, threshold: int) -> list[list[float]]:
    runs: list[list[float]] = []
    inside = False
    for i, v in enumerate(cover):
        if v > threshold and not inside:
            runs.append([i + lo, i + lo])
            inside = True
        elif v > threshold:
            runs[-1][1] = i + lo
        else:
            inside = False
    return runs


def _assign(seg: Segment, runs: list[Box]) -> tuple[int, int]:
    """First column and span of a segment: the columns it overlaps, else the nearest one."""
    hits = [
        i
        for i, r in enumerate(runs)
        if _overlap(seg.x0, seg.x1, r[0], r[2]) > 0.2 * min(seg.x1 - seg.x0, r[2] - r[0]) + 0.5
    ]
    if hits:
        return hits[0], hits[-1] - hits[0] + 1
    center = (seg.x0 + seg.x1) / 2
    best = min(range(len(runs)), key=lambda i: abs(center - (runs[i][0] + runs[i][2]) / 2))
    return best, 1


@dataclass
class _StreamRow:
    lines: list[Line]
    cols: dict[int, list[Segment]]
    spans: dict[int, int]


def _split_at_columns(seg: Segment, runs: list[Box]) -> list[Segment]:
    """Split a segment that bridges column gaps at the word gaps lying between columns.

    Header words set close together ("批发经营 零售经营") print as one segment, yet each
    belongs to the column below it.
    """
    hits = [
        i
        for i, r in enumerate(runs)
        if _overlap(seg.x0, seg.x1, r[0], r[2]) > 0.2 * min(seg.x1 - seg.x0, r[2] - r[0]) + 0.5
    ]
    if len(hits) < 2:
        return [seg]
    glyphs = [g for g in seg.glyphs if g.text.strip()]
    pieces: list[list[Glyph]] = [[glyphs[0]]]
    for prev, g in itertools.pairwise(glyphs):
        gap_lo, gap_hi = prev.x1, g.x0
        wide = gap_hi - gap_lo > 0.2 * g.size
        between = any(runs[i][2] <= gap_hi + 1 and runs[i + 1][0] >= gap_lo - 1 for i in hits[:-1])
        if wide and between:
            pieces.append([g])
        else:
            pieces[-1].append(g)
    if len(pieces) == 1:
        return [seg]
    return [
        Segment(
            p,
            min(g.x0 for g in p),
            max(g.x1 for g in p),
            min(g.top for g in p),
            max(g.bottom for g in p),
            seg.size,
        )
        for p in pieces
    ]


def _place(line: Line, runs: list[Box]) -> tuple[dict[int, list[Segment]], dict[int, int]]:
    cols: dict[int, list[Segment]] = {}
    spans: dict[int, int] = {}
    for s in (piece for seg in line.segments for piece in _split_at_columns(seg, runs)):
        col, span = _assign(s, runs)
        cols.setdefault(col, []).append(s)
        spans[col] = max(spans.get(col, 1), span)
    return cols, spans


def _is_measure_segs(segs: list[Segment]) -> bool:
    return any(is_measure(strip_markup(s.marked)) for s in segs)


def _fills_column(segs: list[Segment], run: Box) -> bool:
    """Text reaching across most of its column: a line that may have wrapped (a short label
    on a line of its own is a heading row, not the first line of a longer one)."""
    return max(s.x1 for s in segs) - run[0] >= 0.6 * (run[2] - run[0])


def _rows_ruled(
    placed: list[tuple[Line, dict[int, list[Segment]], dict[int, int]]], inner: list[float]
) -> bool:
    """Rules between the body's lines that separate every row, so that a band between two
    rules is one row however many lines its cells wrap to.

    So when there are about as many rules as lines, or when in each band exactly one line has
    text in every column the band fills (the others are wrapped lines of some of its cells;
    two complete lines in a band are two rows). Not when a band holds two lines that each
    have a label and a figure in the same column: those are rows (the rules close groups of
    rows: a total row set off by a double rule).
    """
    bands: dict[int, list[tuple[set[int], set[int]]]] = {}  # per line: columns, figures
    for ln, cols, _spans in placed:
        band = bisect.bisect_right(inner, (ln.top + ln.bottom) / 2)
        figures = {c for c, segs in cols.items() if _is_measure_segs(segs)}
        bands.setdefault(band, []).append((set(cols), figures))
    for members in bands.values():
        labelled = [figures for cols, figures in members if 0 in cols and figures]
        if any(a & b for a, b in itertools.combinations(labelled, 2)):
            return False
    if len(inner) >= 0.5 * len(placed):
        return True
    complete = []
    for members in bands.values():
        filled = set().union(*(cols for cols, _figures in members))
        complete.append(sum(1 for cols, _figures in members if cols == filled))
    return len(bands) >= 2 and all(n == 1 for n in complete)


def _next_word_fits(
    before: list[Segment], segs: list[Segment], run: Box, in_place: bool = True
) -> bool:
    """The first word of a cell's next line (its first character in CJK text) would have fitted
    after the text above it within the column: the line above was not wrapped there, so the
    two are cells of different rows (a group label over the rows it heads), not one cell.

    Measured against the column's extent, its widest text, which the cell's width is at least:
    the word must fit within the column's width (a centred label is set anew) and, when
    ``in_place``, also beside the text where it stands (an indented label wraps at the
    column's right edge too; a short value centred in its column has room on either side).
    """
    glyphs = [g for g in min(segs, key=lambda s: s.x0).glyphs if g.text.strip()]
    if not before or not glyphs:
        return False
    word = glyphs[:1]
    if glyphs[0].text.isascii():
        for prev, g in itertools.pairwise(glyphs):
            if g.x0 - prev.x1 > 0.2 * g.size or not g.text.isascii():
                break
            word.append(g)
    right = max(s.x1 for s in before)
    more = 0.25 * glyphs[0].size + (word[-1].x1 - word[0].x0)
    used = right - min(s.x0 for s in before)
    return (right + more <= run[2] or not in_place) and used + more <= run[2] - run[0]


def _would_have_fitted(row: _StreamRow, cols: dict[int, list[Segment]], runs: list[Box]) -> bool:
    """A line of several cells whose first words would each have fitted on the row's last line
    in their columns was not wrapped there: it is a row of its own (short values stacked one
    per line under longer headers, the columns before them left empty). One cell's text going
    on under it may be a line broken by hand (a list in a cell), and is left to the spacing.
    """
    last = row.lines[-1]

    def above(c: int) -> list[Segment]:
        segs = row.cols.get(c, [])
        return [s for s in segs if _overlap(s.top, s.bottom, last.top, last.bottom) > 0]

    return len(cols) >= 2 and all(
        _next_word_fits(above(c), segs, runs[c], in_place=False) for c, segs in cols.items()
    )


def _group_rows(lines: list[Line], runs: list[Box], hs: list[float]) -> list[_StreamRow]:
    """Printed lines → table rows: rules between rows decide when present, else the spacing
    and the cells (a line that only continues text cells of the row above is a wrapped line).
    """
    placed = [(ln, *_place(ln, runs)) for ln in lines]
    rows: list[_StreamRow] = []
    inner = sorted(hs)
    if inner and _rows_ruled(placed, inner):
        # every row ruled: a band between two rules is one row
        bands: dict[int, _StreamRow] = {}
        order: list[int] = []
        for ln, cols, spans in placed:
            band = bisect.bisect_right(inner, (ln.top + ln.bottom) / 2)
            if band not in bands:
                bands[band] = _StreamRow([], {}, {})
                order.append(band)
            row = bands[band]
            row.lines.append(ln)
            for c, segs in cols.items():
                row.cols.setdefault(c, []).extend(segs)
                row.spans[c] = max(row.spans.get(c, 1), spans[c])
        return [bands[b] for b in order]
    gaps = [b[0].top - a[0].bottom for a, b in itertools.pairwise(placed)]
    tight_limit = -1e9
    if gaps:
        small, large = min(gaps), max(gaps)
        if large - small > 0.35 * statistics.median(ln.bottom - ln.top for ln in lines):
            tight_limit = (small + large) / 2
    figures = [
        i
        for i, (_ln, cols, _spans) in enumerate(placed)
        if _is_measure_segs([s for segs in cols.values() for s in segs])
    ]
    for idx, (ln, cols, spans) in enumerate(placed):
        if rows:
            row = rows[-1]
            gap = ln.top - row.lines[-1].bottom
            tight = gap <= tight_limit
            first_col = min(cols)
            text_cols = {c for c, segs in row.cols.items() if not _is_measure_segs(segs)}
            only_text = not _is_measure_segs([s for segs in cols.values() for s in segs])
            # the body: under the first line that holds figures (under the first row when none
            # do); a header's unit goes on a line of its own however wide its column
            body = idx > figures[0] if figures else len(rows) > 1
            continues = (
                first_col > 0
                and only_text
                and set(cols) <= text_cols
                and not (body and _would_have_fitted(row, cols, runs))
            )
            label_only = (
                set(row.cols) == {min(row.cols)}
                and not _is_measure_segs([s for segs in row.cols.values() for s in segs])
                and _fills_column(row.cols[min(row.cols)], runs[min(row.cols)])
                and not (
                    min(cols) == min(row.cols)
                    and _next_word_fits(
                        [s for s in row.cols[min(cols)] if s.top >= row.lines[-1].top - 1],
                        cols[min(cols)],
                        runs[min(cols)],
                    )
                )
            )
            merge = (tight and (continues or (label_only and min(cols) <= min(row.cols)))) or (
                tight_limit < -1e8 and continues
            )
            if tight_limit > -1e8 and not tight:
                merge = False
            if ln.top - row.lines[-1].top < 0.9 * (ln.bottom - ln.top):
                merge = True  # interleaved: text centred beside a wrapped cell
            if merge and idx > 0:
                row.lines.append(ln)
                for c, segs in cols.items():
                    row.cols.setdefault(c, []).extend(segs)
                    row.spans[c] = max(row.spans.get(c, 1), spans[c])
                continue
        rows.append(_StreamRow([ln], dict(cols), dict(spans)))
    return rows


def _staggered(lines: list[Line]) -> bool:
    """Printed lines that sit less than a line height apart: cells of one row centred on
    different heights (a row whose cells wrap to different numbers of lines)."""
    for a, b in itertools.pairwise(sorted(lines, key=lambda ln: ln.top)):
        h = min(a.bottom - a.top, b.bottom - b.top)
        if 0.1 * h < b.top - a.top < 0.95 * h:
            return True
    return False


@dataclass
class _Block:
    """The text of one column that belongs together: a cell, its wrapped lines included."""

    col: int
    span: int
    segs: list[Segment]
    pieces: list[tuple[float, float, list[Segment]]]  # one per printed line: top, bottom, segs

    @property
    def top(self) -> float:
        return self.pieces[0][0]

    @property
    def bottom(self) -> float:
        return max(p[1] for p in self.pieces)


def _group_rows_by_columns(lines: list[Line], runs: list[Box]) -> list[_StreamRow] | None:
    """Rows of a table without row rules whose cells are centred vertically, read column by
    column.

    When a row's cells wrap to different numbers of lines, each is centred on the row and the
    printed lines of neighbouring cells interleave. Within one column, the lines of a wrapped
    cell sit closer together (leading only) than two cells; the columns that hold the most
    cells mark out the rows, and the text of every other column goes to the row it sits in —
    a label between two rows goes to the upper one, for ``_lift_centred_labels`` to move to
    the top of its span. ``None`` when the spacing does not tell wrapped lines from rows.
    """
    pieces: dict[int, list[tuple[float, float, list[Segment], int]]] = {}
    heights: list[float] = []
    for ln in lines:
        cols, spans = _place(ln, runs)
        for c, segs in cols.items():
            top, bottom = min(s.top for s in segs), max(s.bottom for s in segs)
            pieces.setdefault(c, []).append((top, bottom, segs, spans.get(c, 1)))
            heights.append(bottom - top)
    if not heights:
        return None
    h = statistics.median(heights)
    wrap_limit = 0.45 * h
    # the spacing must tell wrapped lines from rows: gaps between figures are row gaps, and
    # wrapped lines are the exception, not the rule (a dense table sets its rows as close)
    gaps: list[float] = []
    figure_gaps: list[float] = []
    for items in pieces.values():
        items.sort(key=lambda p: p[0])
        for a, b in itertools.pairwise(items):
            gap = b[0] - a[1]
            if gap > -0.3 * h:
                gaps.append(gap)
                if _is_measure_segs(a[2]) and _is_measure_segs(b[2]):
                    figure_gaps.append(gap)
    if figure_gaps:
        wrap_limit = min(wrap_limit, 0.7 * min(figure_gaps))
    wraps = sum(1 for g in gaps if g < wrap_limit)
    if wraps > sum(1 for g in gaps if g >= 0.55 * h):
        return None
    blocks: list[_Block] = []
    row_gap = False
    for c, items in pieces.items():
        current: _Block | None = None
        for top, bottom, segs, span in items:
            if current is not None:
                gap = top - current.bottom
                same_line = _overlap(current.pieces[-1][0], current.pieces[-1][1], top, bottom) > (
                    0.5 * min(bottom - top, current.pieces[-1][1] - current.pieces[-1][0])
                )
                wrapped = (
                    gap < wrap_limit
                    and not _is_measure_segs(segs)
                    and not _is_measure_segs(current.segs)
                )
                if same_line or wrapped:
                    current.segs.extend(segs)
                    current.span = max(current.span, span)
                    if same_line:
                        p_top, p_bottom, p_segs = current.pieces[-1]
                        current.pieces[-1] = (min(p_top, top), max(p_bottom, bottom), p_segs + segs)
                    else:
                        current.pieces.append((top, bottom, list(segs)))
                    continue
                if gap >= 0.55 * h:
                    row_gap = True
            current = _Block(c, span, list(segs), [(top, bottom, list(segs))])
            blocks.append(current)
    if not row_gap:
        return None
    counts: dict[int, int] = {}
    for b in blocks:
        counts[b.col] = counts.get(b.col, 0) + 1
    most = max(counts.values())
    anchors = {c for c, n in counts.items() if n >= 0.8 * most}
    # rows: the cells of the fullest columns, merged where they overlap
    bands: list[list[float]] = []
    for b in sorted((b for b in blocks if b.col in anchors), key=lambda b: b.top):
        if bands and _overlap(bands[-1][0], bands[-1][1], b.top, b.bottom) > 0.3 * min(
            b.bottom - b.top, bands[-1][1] - bands[-1][0]
        ):
            bands[-1][1] = max(bands[-1][1], b.bottom)
        else:
            bands.append([b.top, b.bottom])
    if len(bands) < 2:
        return None

    # text of the other columns that no row of the fullest columns comes near is a row too
    # (a total row below the body, with a label and a total only)
    for b in sorted((b for b in blocks if b.col not in anchors), key=lambda b: b.top):
        if any(_overlap(a, z, b.top, b.bottom) > -0.55 * h for a, z in bands):
            continue
        bisect.insort(bands, [b.top, b.bottom])
    rows_near: list[list[float]] = []
    for band in bands:  # such rows merge when they overlap
        if rows_near and _overlap(rows_near[-1][0], rows_near[-1][1], band[0], band[1]) > 0:
            rows_near[-1][1] = max(rows_near[-1][1], band[1])
        else:
            rows_near.append(band)
    bands = rows_near

    def band_of(top: float, bottom: float) -> int:
        centre = (top + bottom) / 2
        inside = [i for i, (a, z) in enumerate(bands) if a - 0.5 <= centre <= z + 0.5]
        if inside:
            return inside[0]
        above = [i for i, (a, _z) in enumerate(bands) if a <= centre]
        return above[-1] if above else 0

    rows = [_StreamRow([], {}, {}) for _ in bands]

    def put(i: int, col: int, segs: list[Segment], span: int) -> None:
        rows[i].cols.setdefault(col, []).extend(segs)
        rows[i].spans[col] = max(rows[i].spans.get(col, 1), span)

    for b in blocks:
        per_line = [band_of(top, bottom) for top, bottom, _segs in b.pieces]
        in_bands = {
            i
            for i, (top, bottom, _segs) in zip(per_line, b.pieces, strict=True)
            if _overlap(bands[i][0], bands[i][1], top, bottom) > 0.5 * (bottom - top)
        }
        if b.col not in anchors and len(in_bands) >= 2:
            # lines that each sit in a row of their own are cells of those rows, not a wrap
            for i, (_top, _bottom, segs) in zip(per_line, b.pieces, strict=True):
                put(i, b.col, segs, b.span)
            continue
        put(band_of(b.top, b.bottom), b.col, b.segs, b.span)
    out = []
    for (top, bottom), row in zip(bands, rows, strict=True):
        if not row.cols:
            continue
        segs = [s for col in sorted(row.cols) for s in row.cols[col]]
        x0, x1 = min(s.x0 for s in segs), max(s.x1 for s in segs)
        size = max(s.size for s in segs)
        row.lines = [Line(segs, x0, x1, top, bottom, size)]
        out.append(row)
    return out


def _stream(
    page: PageLayout,
    lines: list[Line],
    box: Box,
    method: str,
    hs: list[Rule],
    vs: list[Rule],
    header_rule: float | None,
) -> PdfGrid | None:
    if not lines:
        return None
    splits = _cluster([v.x0 for v in vs])
    header_lines = [ln for ln in lines if header_rule is not None and ln.bottom <= header_rule + 1]
    body_lines = [ln for ln in lines if ln not in header_lines]
    runs = _column_runs(body_lines or lines, box[0], box[2], splits)
    if not runs:
        return None
    if body_lines:
        runs = _header_only_columns(header_lines, runs)
    # rules under a column or two only (sum lines under figures) separate no rows
    reach = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    inner = _cluster(
        [h.top for h in hs if box[1] + 3 < h.top < box[3] - 3 and h.length >= 0.5 * reach], 1.0
    )
    if header_rule is not None:
        inner = [y for y in inner if abs(y - header_rule) > 1]
    head = _widen_header(_merge_spanning(_group_header(header_lines, runs)), runs)
    by_columns = None
    if not inner and _staggered(body_lines):
        by_columns = _group_rows_by_columns(body_lines, runs)
    body_rows = by_columns if by_columns is not None else _group_rows(body_lines, runs, inner)
    if not inner:
        body_rows = _lift_centred_labels(body_rows, len(runs))
    rows = head + body_rows
    cells: list[PdfCell] = []
    first_body = len(head) or next(
        (i for i, row in enumerate(rows) if any(_is_measure_segs(v) for v in row.cols.values())),
        0,
    )
    if not head and first_body >= 2:
        # no rule marks the header: its labels merged down print between its rows
        lifted = _merge_spanning(_raise_centred_header(rows[:first_body]))
        lifted = _widen_header(lifted, runs)
        rows, first_body = lifted + rows[first_body:], len(lifted)
    indents = {r + first_body: v for r, v in _indents(rows[first_body:], runs).items()}
    for r, row in enumerate(rows):
        for c, segs in sorted(row.cols.items()):
            text = _segments_text(segs)
            bbox = (
                min(s.x0 for s in segs),
                min(s.top for s in segs),
                max(s.x1 for s in segs),
                max(s.bottom for s in segs),
            )
            cells.append(PdfCell(r, c, text, 1, row.spans.get(c, 1), bbox))
    n_cols = len(runs)
    top = min(box[1], *(ln.top for ln in lines))
    bottom = max(box[3], *(ln.bottom for ln in lines))
    bbox = (min(box[0], runs[0][0]), top, max(box[2], runs[-1][2]), bottom)
    return PdfGrid(page.number, bbox, method, len(rows), n_cols, cells, indents)


def _header_only_columns(header_lines: list[Line], runs: list[Box]) -> list[Box]:
    """A header cell clear of the body's columns, nearest a column another cell of its header
    line heads, heads a column of its own: the body of this part leaves it empty (a total row
    alone under the header repeated on the next page). Not a word that another header line
    of that column's own cell runs under: the header's words wrap and spread across a cell
    wider than its column's figures ("Fraction    of / Wealth Lost", set justified)."""

    def gap(seg: Segment, run: Box) -> float:
        return max(run[0] - seg.x1, seg.x0 - run[2], 0.0)

    def under_own_cell(seg: Segment, k: int, line: Line) -> bool:
        return any(
            _overlap(seg.x0, seg.x1, o.x0, o.x1) > 0
            and [i for i, r in enumerate(runs) if gap(o, r) == 0] == [k]
            for other in header_lines
            if other is not line
            for o in other.segments
        )

    extra: list[tuple[float, float, float, float]] = []
    for ln in header_lines:
        if len(ln.segments) < 2:
            continue
        nearest = [min(range(len(runs)), key=lambda k: gap(s, runs[k])) for s in ln.segments]
        for s, k in zip(ln.segments, nearest, strict=True):
            clear = gap(s, runs[k]) > 0 and nearest.count(k) > 1 and not under_own_cell(s, k, ln)
            if clear and not any(_overlap(s.x0, s.x1, e[0], e[2]) > 0 for e in extra):
                extra.append((s.x0, 0.0, s.x1, 0.0))
    return sorted([*runs, *extra])


def _group_header(lines: list[Line], runs: list[Box]) -> list[_StreamRow]:
    """Header lines above a rule: a line only stacking under the text above it is a wrap."""
    rows: list[_StreamRow] = []
    for ln in lines:
        cols, spans = _place(ln, runs)
        if rows:
            prev = rows[-1]
            stacked = all(
                c in prev.cols
                and any(_overlap(s.x0, s.x1, p.x0, p.x1) > 0 for s in segs for p in prev.cols[c])
                for c, segs in cols.items()
            )
            interleaved = ln.top - prev.lines[-1].top < 0.9 * (ln.bottom - ln.top)
            close = ln.top - prev.lines[-1].bottom < 0.8 * (ln.bottom - ln.top)
            if interleaved or (stacked and close):
                prev.lines.append(ln)
                for c, segs in cols.items():
                    prev.cols.setdefault(c, []).extend(segs)
                    prev.spans[c] = max(prev.spans.get(c, 1), spans[c])
                continue
        rows.append(_StreamRow([ln], cols, spans))
    return rows


def _raise_centred_header(rows: list[_StreamRow]) -> list[_StreamRow]:
    """The same labels when a tight header set them on the line of the sub-headers: a cell
    printed higher than the rest of its row, under no text of the row above, starts there."""
    for above, row in itertools.pairwise(rows):
        if len(row.cols) < 3:
            continue
        centres = {
            c: (min(s.top for s in g) + max(s.bottom for s in g)) / 2 for c, g in row.cols.items()
        }
        height = statistics.median(s.bottom - s.top for g in row.cols.values() for s in g)
        middle = statistics.median(centres.values())
        free = set(range(max(row.cols) + 1)) - _columns(above)
        for c in [c for c in row.cols if c in free and centres[c] < middle - 0.3 * height]:
            above.cols[c] = row.cols.pop(c)
            above.spans[c] = row.spans.pop(c, 1)
    return [r for r in rows if r.cols]


def _columns(row: _StreamRow) -> set[int]:
    return {c for col in row.cols for c in range(col, col + row.spans.get(col, 1))}


def _lift_centred_labels(rows: list[_StreamRow], n_cols: int) -> list[_StreamRow]:
    """Move labels of unruled merged cells from the middle of their span to its first row.

    Without rules a cell spanning rows prints its text vertically centred on the rows it
    covers. When the labels of a sparse text column tile the body exactly (each one centred on
    the rows from the end of the previous span to just before the next label's span), each
    label moves to the top of its span, where ``build_cells`` expects a merged label.
    """
    n = len(rows)
    if n < 3:
        return rows
    tops = [min(ln.top for ln in r.lines) for r in rows]
    bottoms = [max(ln.bottom for ln in r.lines) for r in rows]
    bounds = [tops[0]] + [(bottoms[i - 1] + tops[i]) / 2 for i in range(1, n)] + [bottoms[-1]]
    pitch = statistics.median([bounds[i + 1] - bounds[i] for i in range(n)])
    for c in range(n_cols):
        filled = [i for i, r in enumerate(rows) if c in r.cols]
        if len(filled) < 1 or len(filled) > 0.6 * n or len(filled) == n:
            continue
        figures = any(_is_measure_segs(rows[i].cols[c]) for i in filled)
        moves: list[tuple[int, int]] = []
        start = 0
        ok = True
        for i in filled:
            segs = rows[i].cols[c]
            centre = (min(s.top for s in segs) + max(s.bottom for s in segs)) / 2
            if start >= n:
                ok = False
                break
            end_y = 2 * centre - bounds[start]
            end = min(range(start, n), key=lambda r: abs(bounds[r + 1] - end_y))
            if abs(bounds[end + 1] - end_y) > 0.4 * pitch or not (start <= i <= end + 1):
                ok = False
                break
            moves.append((i, start))
            start = end + 1
        if ok and start < n:
            # the spans may end where a label further left starts a new group (a total row)
            ok = any(col < c for col in rows[start].cols)
        if not ok or all(i == s for i, s in moves):
            continue
        if figures and not all(_off_centre(rows[i], c) for i, s in moves if i != s):
            continue  # a sparse column of figures moves only when printed between its rows
        for i, target in moves:
            if i == target:
                continue
            segs = rows[i].cols.pop(c)
            span = rows[i].spans.pop(c, 1)
            rows[target].cols[c] = segs
            rows[target].spans[c] = span
    return [r for r in rows if r.cols]


def _off_centre(row: _StreamRow, col: int) -> bool:
    """The text of a row's column sits off the middle of the row's other cells."""
    own = row.cols[col]
    others = [s for c, segs in row.cols.items() if c != col for s in segs]
    if not others:
        return False
    centre = (min(s.top for s in own) + max(s.bottom for s in own)) / 2
    row_centre = (min(s.top for s in others) + max(s.bottom for s in others)) / 2
    return abs(centre - row_centre) > 0.25 * statistics.median(s.bottom - s.top for s in own)


def _widen_header(rows: list[_StreamRow], runs: list[Box]) -> list[_StreamRow]:
    """A column with no header of its own sits under the neighbouring header centred over both.

    A header spanning two columns ("获奖名单" over the award grade and the winner) is printed
    centred over them, which may put all of its text within one column. When a column has no
    header text in any header row and a header cell next to it is centred on the two columns
    together rather than on its own, the cell spans both.
    """
    if not rows or len(runs) < 2:
        return rows
    covered = {
        c for row in rows for col in row.cols for c in range(col, col + row.spans.get(col, 1))
    }
    for k in range(len(runs)):
        if k in covered:
            continue
        for row in rows:
            done = False
            for col in sorted(row.cols):
                span = row.spans.get(col, 1)
                if col == k + 1:
                    lo, hi = k, col + span - 1
                elif col + span == k:
                    lo, hi = col, k
                else:
                    continue
                segs = row.cols[col]
                centre = (min(s.x0 for s in segs) + max(s.x1 for s in segs)) / 2
                own = (runs[col][0] + runs[col + span - 1][2]) / 2
                wide = (runs[lo][0] + runs[hi][2]) / 2
                if abs(centre - wide) < abs(centre - own):
                    row.cols[lo] = row.cols.pop(col)
                    row.spans.pop(col, None)
                    row.spans[lo] = hi - lo + 1
                    covered.add(k)
                    done = True
                    break
            if done:
                break
    # a group header over sub-headers ("2021年" over 抽检数, 合格数, 合格率) is centred over its
    # group: in an upper header row, a cell flanked by empty columns spans those it is centred on
    for i, row in enumerate(rows[:-1]):
        below = rows[i + 1]
        taken = {c for col in row.cols for c in range(col, col + row.spans.get(col, 1))}
        for col in sorted(row.cols):
            if row.spans.get(col, 1) != 1:
                continue
            segs = row.cols[col]
            centre = (min(s.x0 for s in segs) + max(s.x1 for s in segs)) / 2
            best = (abs(centre - (runs[col][0] + runs[col][2]) / 2), col, col)
            for lo in range(col, -1, -1):
                if lo < col and (lo in taken or lo not in below.cols):
                    break
                for hi in range(col, len(runs)):
                    if hi > col and (hi in taken or hi not in below.cols):
                        break
                    if hi == lo:
                        continue
                    off = abs(centre - (runs[lo][0] + runs[hi][2]) / 2)
                    if off < best[0] and off < 0.25 * (runs[hi][2] - runs[lo][0]) / (hi - lo + 1):
                        best = (off, lo, hi)
            _, lo, hi = best
            if hi == lo:
                # centred over an odd number of columns it also sits over its own: take the
                # free sub-headed columns on both sides alike (never the label column)
                free = {c for c in below.cols if 0 < c < len(runs) and c not in taken}
                k = 0
                while col - k - 1 in free and col + k + 1 in free:
                    k += 1
                lo, hi = col - k, col + k
            if hi > lo:
                row.cols[lo] = row.cols.pop(col)
                row.spans[lo] = hi - lo + 1
                taken.update(range(lo, hi + 1))
    return rows


def _merge_spanning(rows: list[_StreamRow]) -> list[_StreamRow]:
    """A header cell centred across two header rows prints on a line of its own between them;
    it belongs to the upper row (a merged cell keeps its text top-left)."""
    out: list[_StreamRow] = []
    for i, row in enumerate(rows):
        if 0 < i < len(rows) - 1 and out:
            above, below = set(out[-1].cols), set(rows[i + 1].cols)
            if not set(row.cols) & (above | below):
                for c, segs in row.cols.items():
                    out[-1].cols[c] = segs
                    out[-1].spans[c] = row.spans.get(c, 1)
                out[-1].lines.extend(row.lines)
                continue
        out.append(row)
    return out


def _indents(rows: list[_StreamRow], runs: list[Box]) -> dict[int, int]:
    """Indent level of each row's first-column label, when the column is left-aligned."""
    starts = {r: min(s.x0 for s in row.cols[0]) for r, row in enumerate(rows) if 0 in row.cols}
    if len(starts) < 3:
        return {}
    base = min(starts.values())
    at_base = sum(1 for x in starts.values() if x - base <= 1.5)
    if at_base < 0.3 * len(starts):
        return {}
    # labels centred in their column start at different x without being indented
    centres = [
        (min(s.x0 for s in row.cols[0]) + max(s.x1 for s in row.cols[0])) / 2
        for row in rows
        if 0 in row.cols
    ]
    middle = statistics.median(centres)
    if sum(1 for c in centres if abs(c - middle) <= 2.0) > at_base:
        return {}
    levels = _cluster([x for x in starts.values() if x - base > 1.5], 2.0)
    size = statistics.median(s.size for row in rows for segs in row.cols.values() for s in segs)
    levels = [lv for lv in levels if lv - base >= 0.8 * size]
    out = {}
    for r, x in starts.items():
        level = sum(1 for lv in levels if x >= lv - 2.0)
        if level:
            out[r] = level
    return out


# --- page analysis: where the tables are


@dataclass
class _Region:
    """A table's part on one page, before its cells are read."""

    page: PageLayout
    top: float
    bottom: float
    caption: Caption | None
    caption_line: Line | None
    grid: PdfGrid | None = None
    unit: str | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    open_end: bool = False  # ran to the foot of the page
    at_top: bool = False  # nothing but running matter above it
    at_foot: bool = False  # nothing but notes and running matter below it
    heading: str | None = None


def _body_width(page: PageLayout) -> tuple[float, float]:
    if not page.lines:
        return 0.0, page.width
    lefts = sorted(ln.x0 for ln in page.lines)
    rights = sorted(ln.x1 for ln in page.lines)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def _is_prose(line: Line, width: tuple[float, float]) -> bool:
    left, right = width
    span = max(right - left, 1.0)
    if len(line.segments) > 1:
        return False
    text = line.text
    # words set apart by spaces between CJK text are header cells run together, not prose
    if len(_SPACED_CJK.findall(text)) >= 2:
        return False
    return (line.x1 - line.x0) >= 0.6 * span and len(text) >= 20


def _is_row_like(line: Line, width: tuple[float, float]) -> bool:
    if len(line.segments) >= 2:
        span = max(width[1] - width[0], 1.0)
        # two long prose columns are a page layout, not a table row
        return any(s.x1 - s.x0 < 0.3 * span for s in line.segments)
    return False


def _cell_starts(lines: list[Line], width: tuple[float, float]) -> list[float]:
    """Left edges of the inner cells of table rows (well right of the row's first cell, more
    than a paragraph indent): where a column's text starts."""
    starts = []
    for ln in lines:
        if _is_row_like(ln, width):
            indent = ln.segments[0].x0 + 3 * (ln.bottom - ln.top)
            starts.extend(s.x0 for s in ln.segments[1:] if s.x0 > indent)
    return starts


def _wraps_in_cell(line: Line, starts: list[float]) -> bool:
    """A lone line starting where an inner column starts: a long cell (进展情况) wrapped over
    several lines, not prose, however long it runs."""
    return len(line.segments) == 1 and any(abs(line.x0 - x) <= 1.5 for x in starts)


def _glyphs_in(page_glyphs: list[Glyph], box: Box) -> list[Glyph]:
    x0, top, x1, bottom = box
    return [
        g
        for g in page_glyphs
        if x0 - 1 <= (g.x0 + g.x1) / 2 <= x1 + 1 and top - 1 <= (g.top + g.bottom) / 2 <= bottom + 1
    ]


def _page_glyphs(page: PageLayout) -> list[Glyph]:
    return [g for ln in page.lines for s in ln.segments for g in s.glyphs]


def _column_pages(page: PageLayout) -> list[PageLayout]:
    """A page whose body a gutter divides, as one page per text column, left to right.

    Each keeps the lines, rules and ruled tables lying mostly in its column (a line crossing the
    gutter goes with the column holding its middle), so tables and prose are read column by
    column instead of across the gutter.
    """
    if len(page.columns) < 2:
        return [page]

    def inside(x0: float, x1: float, col: tuple[float, float]) -> bool:
        return col[0] <= (x0 + x1) / 2 < col[1]

    return [
        replace(
            page,
            lines=[ln for ln in page.lines if inside(ln.x0, ln.x1, col)],
            rules=[r for r in page.rules if inside(r.x0, r.x1, col)],
            margin_lines=[ln for ln in page.margin_lines if inside(ln.x0, ln.x1, col)],
            lattices=[lat for lat in page.lattices if inside(lat[0][0], lat[0][2], col)],
            columns=[],
        )
        for col in page.columns
    ]


def _analyse_page(page: PageLayout, stream_uncaptioned: bool) -> list[_Region]:
    """Tables on one page, column by column, each column top to bottom."""
    return [
        region
        for column in _column_pages(page)
        for region in _analyse_column(column, stream_uncaptioned)
    ]


def _analyse_column(page: PageLayout, stream_uncaptioned: bool) -> list[_Region]:
    """Tables on one page (or text column), top to bottom, each with its caption and extent."""
    lines = sorted(page.lines, key=lambda ln: ln.top)
    width = _body_width(page)
    captions = [(ln, cap) for ln in lines if (cap := _caption(ln.text))]
    frames = _frames(page, width, [ln for ln, _ in captions])
    regions: list[_Region] = []
    used_frames: set[int] = set()
    claimed: list[tuple[float, float]] = []
    glyphs = _page_glyphs(page)
    tops = [ln.top for ln, _ in captions]
    for idx, (cap_line, cap) in enumerate(captions):
        limit = tops[idx + 1] if idx + 1 < len(tops) else page.height
        below = [ln for ln in lines if cap_line.bottom < ln.top < limit]
        start = cap_line.bottom
        if below and _title_goes_on(cap_line, cap, below[0], width):
            cap = with_title(cap, join_wrapped(cap.title, below[0].text))
            start = below[0].bottom
            below = below[1:]
        region = _Region(page, cap_line.bottom, limit, cap, cap_line, unit=cap.unit)
        # a unit line (单位：…) between the caption and the table
        for ln in below[:2]:
            unit = declared_unit(ln.text)
            if unit and len(ln.text) <= 30:
                region.unit = unit
                start = ln.bottom
        first_text = next((ln for ln in below if ln.top >= start), None)
        frame_idx = _frame_below(frames, start, limit, first_text, used_frames)
        if frame_idx is not None:
            used_frames.add(frame_idx)
            _fill_framed(region, frames[frame_idx], lines, glyphs, width, limit)
        else:
            _fill_stream(region, lines, start, limit, width, "stream")
        if region.grid is not None:
            claimed.append((region.top, region.bottom))
            _collect_notes(region, lines, limit, width)
            regions.append(region)
        elif first_text is None:
            # a caption (and unit) closing the page: its table starts on the next page
            region.bottom = page.height
            regions.append(region)
    # ruled frames with no caption: a table continued from the page before, or uncaptioned
    for i, frame in enumerate(frames):
        if i in used_frames or (
            any(_overlap(a, b, frame.bbox[1], frame.bbox[3]) > 0 for a, b in claimed)
            and not _beside_tables(frame, regions)
        ):
            continue
        inside = [
            ln for ln in lines if frame.bbox[1] - 1 <= ln.top and ln.bottom <= frame.bbox[3] + 1
        ]
        if frame.kind == "three_line" and len(frame.hs) < 2 and not _continues_at_top(frame, lines):
            continue
        if not inside and frame.kind == "three_line" and not _continues_at_top(frame, lines):
            continue
        region = _Region(page, frame.bbox[1], frame.bbox[3], None, None)
        above = [ln for ln in lines if ln.bottom <= frame.bbox[1] + 1]
        # a unit line (单位：…) alone above a table opening the page: the caption stayed at the
        # foot of the page before, the unit line went with the table
        unit_line = above[-1] if len(above) == 1 else None
        unit = declared_unit(unit_line.text) if unit_line is not None else None
        if unit and unit_line is not None and len(unit_line.text) <= 30:
            region.unit = unit
            above = []
        else:
            unit_line = None
        region.heading = _heading_above(above)
        limit = min([t for t in tops if t > frame.bbox[3]], default=page.height)
        _fill_framed(region, frame, lines, glyphs, width, limit)
        if region.grid is None or region.grid.n_cols < 2:
            continue
        if region.grid.n_rows < 2 and not (frame.vs and _continues_at_top(frame, lines)):
            continue  # one ruled row is a table only as the last row of one from the page before
        if (
            frame.kind == "three_line"
            and region.grid.n_rows < 3
            and not _continues_at_top(frame, lines)
            and not any(is_measure(c.text) for c in region.grid.cells)
        ):
            continue  # two ruled lines of text (a colophon: 抄送 … 印发) make no table
        region.top = min(region.top, region.grid.bbox[1])
        region.at_top = not any(ln.bottom <= region.top + 1 for ln in lines if ln is not unit_line)
        claimed.append((region.top, region.bottom))
        _collect_notes(region, lines, limit, width)
        regions.append(region)
    # text at the top of the page that continues a borderless table
    first = next(iter(lines), None)
    if (
        first is not None
        and not any(r.top <= first.top + 1 for r in regions)
        and _is_row_like(first, width)
    ):
        region = _Region(page, first.top - 1, page.height, None, None)
        _fill_stream(region, lines, first.top - 1, min(tops, default=page.height), width, "stream")
        if region.grid is not None and region.grid.n_cols >= 2:
            region.at_top = True
            claimed.append((region.top, region.bottom))
            _collect_notes(region, lines, page.height, width)
            regions.append(region)
    if stream_uncaptioned:
        leaders = _leader_tables(page, lines, claimed)
        claimed.extend((r.top, r.bottom) for r in leaders)
        regions.extend(leaders)
        regions.extend(_uncaptioned_streams(page, lines, claimed, width))
    regions.sort(key=lambda r: r.top)
    if regions and regions[-1].grid is not None:
        last = regions[-1]
        last.at_foot = last.open_end or _runs_to_foot(page, lines, last.bottom, page.height)
    return regions


def _beside_tables(frame: _Frame, regions: list[_Region]) -> bool:
    """A ruled grid level with tables already found but clear of them left or right: tables
    printed side by side, each its own table."""
    if frame.kind != "lattice":
        return False
    level = [r for r in regions if _overlap(r.top, r.bottom, frame.bbox[1], frame.bbox[3]) > 0]
    return all(
        r.grid is not None
        and _overlap(r.grid.bbox[0], r.grid.bbox[2], frame.bbox[0], frame.bbox[2]) <= 0
        for r in level
    )


def _continues_at_top(frame: _Frame, lines: list[Line]) -> bool:
    return not any(ln.bottom <= frame.bbox[1] + 1 for ln in lines)


def _heading_above(lines: list[Line]) -> str | None:
    for ln in reversed(lines):
        text = strip_markup(ln.marked)
        short = len(text) <= 40 and (HEADING_ENUM.match(text) or not SENTENCE_END.search(text))
        if short and len(ln.segments) == 1 and len(text) >= 2 and not source_department(ln.marked):
            return re.sub(r"^#+\s*", "", text)
    return None


def _frame_below(
    frames: list[_Frame], start: float, limit: float, first: Line | None, used: set[int]
) -> int | None:
    """The ruled frame right under a caption: its top rule comes before any table text."""
    best = None
    for i, f in enumerate(frames):
        if i in used or f.bbox[1] < start - 2 or f.bbox[1] >= limit:
            continue
        if first is not None and f.bbox[1] > first.bottom + 2 * (first.bottom - first.top) + 30:
            continue
        if best is None or f.bbox[1] < frames[best].bbox[1]:
            best = i
    return best


def _unruled_rows(frame: _Frame, lines: list[Line]) -> bool:
    """A ruled frame whose rules leave many rows of figures unseparated: its vertical rules
    only divide column groups (a partly ruled table), so rows come from the text lines.

    Seen as three or more figures stacked on separate lines within one box of the rules.
    """
    ys = _cluster([h.top for h in frame.hs], 1.0)
    xs = _cluster([frame.bbox[0], *(v.x0 for v in frame.vs), frame.bbox[2]], 1.0)
    figures: dict[tuple[int, int], set[int]] = {}
    for n, ln in enumerate(lines):
        cy = (ln.top + ln.bottom) / 2
        if not ys[0] < cy < ys[-1]:
            continue
        band = bisect.bisect_right(ys, cy)
        for s in ln.segments:
            cx = (s.x0 + s.x1) / 2
            if xs[0] < cx < xs[-1] and is_measure(strip_markup(s.marked)):
                box = (band, bisect.bisect_right(xs, cx))
                figures.setdefault(box, set()).add(n)
    return any(len(found) >= 3 for found in figures.values())


def _fill_framed(
    region: _Region,
    frame: _Frame,
    lines: list[Line],
    glyphs: list[Glyph],
    width: tuple[float, float],
    limit: float,
) -> None:
    page = region.page
    region.top = min(region.top, frame.bbox[1]) if region.caption is None else region.top
    if frame.kind == "lattice" and not _unruled_rows(frame, lines):
        boxes = _plumber_lattice(page, frame.bbox)
        if boxes is not None:
            grid = _lattice_from_cells(page, boxes, _glyphs_in(glyphs, frame.bbox))
        else:
            grid = _lattice(page, frame, _glyphs_in(glyphs, frame.bbox))
        region.grid = grid
        region.bottom = frame.bbox[3]
        region.open_end = _runs_to_foot(page, lines, frame.bbox[3], limit)
        return
    # three-line or partly ruled: the rules bound the table; text inside gives the cells
    ys = sorted(h.top for h in frame.hs)
    top = ys[0]
    bottom = ys[-1]
    lead = _lines_above(lines, top, width, region.top if region.caption else 0.0)
    if lead:
        top = lead[0].top - 1
        ys = [top, *ys]
    after = [ln for ln in lines if ln.top > bottom and ln.top < limit]
    open_end = False
    if len(ys) <= 2 or (after and _is_row_like(after[0], width)):
        # no closing rule here: the table runs on to the foot of the page (or a stop line)
        extra = _open_run(after, width, limit)
        if extra:
            bottom = max(bottom, max(ln.bottom for ln in extra))
            open_end = _runs_to_foot(page, lines, bottom, limit)
    inside = [ln for ln in lines if top - 1 <= ln.top and ln.bottom <= bottom + 1]
    header_rule = ys[1] if len(ys) >= 3 or (len(ys) == 2 and open_end) else None
    if header_rule is not None and not any(ln.bottom <= header_rule + 1 for ln in inside):
        header_rule = None
    box = (frame.bbox[0], top, frame.bbox[2], bottom)
    region.grid = _stream(page, inside, box, "three_line", frame.hs, frame.vs, header_rule)
    region.bottom = bottom
    region.open_end = open_end


def _lines_above(
    lines: list[Line], top: float, width: tuple[float, float], floor: float
) -> list[Line]:
    """Header rows printed just above a table's first rule (a repeated header at a page top)."""
    above = [ln for ln in lines if floor <= ln.top and ln.bottom <= top + 1]
    out: list[Line] = []
    edge = top
    for ln in reversed(above):
        if not _is_row_like(ln, width) or edge - ln.bottom > 1.5 * (ln.bottom - ln.top):
            break
        out.insert(0, ln)
        edge = ln.top
    return out


def _table_run(lines: list[Line], width: tuple[float, float], limit: float) -> list[Line]:
    """Consecutive lines that still look like table rows (stop at prose, notes, captions)."""
    out: list[Line] = []
    wraps: list[Line] = []
    for i, ln in enumerate(lines):
        if ln.top >= limit:
            break
        text = ln.marked
        if source_department(text) or is_note(strip_markup(text)) or text.startswith("<sup>"):
            break
        if out and ln.size > 1.2 * max(x.size for x in out):
            break  # set larger than every row so far: a heading after the table, not a row
        if out and _wraps_in_cell(ln, _cell_starts(out, width)):
            out.append(ln)
            wraps.append(ln)
            continue
        if _is_prose(ln, width) or _caption(ln.text):
            break
        if not _is_row_like(ln, width) and not out:
            # a wrapped first cell prints its first line above the rest of its row
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (
                nxt is None
                or not _is_row_like(nxt, width)
                or nxt.top - ln.bottom > ln.bottom - ln.top
            ):
                break
        out.append(ln)
    # trailing single-segment lines are more likely prose than rows
    while out and len(out[-1].segments) < 2 and not any(out[-1] is w for w in wraps):
        out.pop()
    return out


def _open_run(lines: list[Line], width: tuple[float, float], limit: float) -> list[Line]:
    """Rows of a table its rules open but do not close: like ``_table_run``, and a few short
    label lines ("Class A", "(all amounts in EUR)") ahead of the first row belong to it when
    rows follow at the table's line spacing.
    """
    run = _table_run(lines, width, limit)
    if run or not lines:
        return run
    for lead in range(1, min(3, len(lines) - 1) + 1):
        head, rest = lines[:lead], lines[lead:]
        if any(
            ln.top >= limit or len(ln.segments) > 1 or _is_prose(ln, width) or len(ln.text) > 40
            for ln in head
        ):
            return []
        chain = [*head, rest[0]]
        if any(b.top - a.bottom > 3 * (a.bottom - a.top) for a, b in itertools.pairwise(chain)):
            return []
        body = _table_run(rest, width, limit)
        if body:
            return [*head, *body]
    return []


def _runs_to_foot(page: PageLayout, lines: list[Line], bottom: float, limit: float) -> bool:
    """Nothing but footnotes follows the table on its page."""
    if limit < page.height:
        return False
    after = [ln for ln in lines if ln.top > bottom]
    for ln in after:
        text = ln.marked
        if text.startswith("<sup>") or source_department(text) or is_note(strip_markup(text)):
            continue
        if ln.size < 0.85 * statistics.median(x.size for x in lines):
            continue
        return False
    return True


def _fill_stream(
    region: _Region,
    lines: list[Line],
    start: float,
    limit: float,
    width: tuple[float, float],
    method: str,
) -> None:
    below = [ln for ln in lines if ln.top > start and ln.top < limit]
    run = _table_run(below, width, limit)
    if not run or sum(1 for ln in run if len(ln.segments) >= 2) < 2:
        region.grid = None
        return
    box = (min(ln.x0 for ln in run), run[0].top, max(ln.x1 for ln in run), run[-1].bottom)
    region.grid = _stream(region.page, run, box, method, [], [], None)
    region.bottom = run[-1].bottom
    region.open_end = _runs_to_foot(region.page, lines, run[-1].bottom, limit)


def _collect_notes(
    region: _Region, lines: list[Line], limit: float, width: tuple[float, float]
) -> None:
    """注 and 数据来源 lines right under the table (wrapped note lines included)."""
    after = [ln for ln in lines if region.bottom < ln.top < limit]
    current: list[str] | None = None
    prev: Line | None = None
    for ln in after[:8]:
        text = strip_markup(ln.marked)
        marked = ln.marked
        department = source_department(text)
        if department and not marked.startswith("<sup>"):
            region.sources.append(department)
            current = None
            continue
        if is_note(text):
            region.notes.append(text)
            current = region.notes
            prev = ln
            continue
        if (
            current is not None
            and prev is not None
            and not _caption(text)
            and not HEADING_ENUM.match(text)
            and not re.search(r"[。.！!]$", current[-1])
            and ln.top - prev.bottom < 0.8 * (ln.bottom - ln.top)
            and len(ln.segments) == 1
        ):
            current[-1] = join_wrapped(current[-1], text)
            prev = ln
            continue
        break


def _uncaptioned_streams(
    page: PageLayout,
    lines: list[Line],
    claimed: list[tuple[float, float]],
    width: tuple[float, float],
) -> list[_Region]:
    """Borderless tables with no caption: runs of aligned multi-segment lines."""
    free = [ln for ln in lines if not any(a - 1 <= ln.top <= b + 1 for a, b in claimed)]
    out: list[_Region] = []
    block: list[Line] = []

    def flush() -> None:
        rows = [ln for ln in block if len(ln.segments) >= 2]
        while block and len(block[-1].segments) < 2:
            block.pop()
        if len(rows) >= 3 and block:
            region = _Region(page, block[0].top, block[-1].bottom, None, None)
            box = (
                min(ln.x0 for ln in block),
                block[0].top,
                max(ln.x1 for ln in block),
                block[-1].bottom,
            )
            region.grid = _stream(page, list(block), box, "stream", [], [], None)
            if region.grid is not None and region.grid.n_cols >= 2:
                region.heading = _heading_above([ln for ln in lines if ln.bottom <= block[0].top])
                out.append(region)
        block.clear()

    prev: Line | None = None
    for ln in free:
        gap_ok = prev is None or ln.top - prev.bottom < 3 * (ln.bottom - ln.top) + 6
        short_text = bool(block) and not _is_prose(ln, width) and len(ln.text) < 60
        if gap_ok and (_is_row_like(ln, width) or short_text):
            block.append(ln)
        else:
            flush()
            if _is_row_like(ln, width):
                block.append(ln)
        prev = ln
    flush()
    return out


_LEADER = re.compile(
    r"^(?P<label>.*?\S)\s*(?:(?:[.．·・]\s*){4,}|(?:…\s*){2,})\s*"
    r"(?P<ref>\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})$"
)


def _leader_tables(
    page: PageLayout, lines: list[Line], claimed: list[tuple[float, float]]
) -> list[_Region]:
    """Runs of dot-leader lines ("Title ...... 12", "一、概况……3"): a two-column borderless
    table of entry and page reference, the leader dropped. A short line right above a leader
    line (nothing between) is the wrapped start of its entry.
    """
    free = [ln for ln in lines if not any(a - 1 <= ln.top <= b + 1 for a, b in claimed)]
    out: list[_Region] = []
    block: list[tuple[str, str, Line, Line]] = []  # entry, reference, first line, last line

    def flush() -> None:
        if len(block) >= 3:
            cells = []
            for r, (entry, ref, first, last) in enumerate(block):
                cells.append(PdfCell(r, 0, entry, bbox=(first.x0, first.top, last.x1, last.bottom)))
                cells.append(PdfCell(r, 1, ref, bbox=(last.x1, last.top, last.x1, last.bottom)))
            x0 = min(b[2].x0 for b in block)
            x1 = max(b[3].x1 for b in block)
            box = (x0, block[0][2].top, x1, block[-1][3].bottom)
            region = _Region(page, box[1], box[3], None, None)
            region.grid = PdfGrid(page.number, box, "stream", len(block), 2, cells)
            region.heading = _heading_above([ln for ln in lines if ln.bottom <= box[1]])
            out.append(region)
        block.clear()

    pending: Line | None = None  # a line that may start the next entry
    prev: Line | None = None
    for ln in free:
        height = ln.bottom - ln.top
        if prev is not None and ln.top - prev.bottom > 3 * height + 6:
            flush()
            pending = None
        match = _LEADER.match(ln.text)
        if match:
            entry = strip_markup(match.group("label"))
            first = ln
            if pending is not None and ln.top - pending.bottom < 0.8 * height:
                entry, first = join_wrapped(strip_markup(pending.marked), entry), pending
            block.append((entry, match.group("ref"), first, ln))
            pending = None
        elif pending is None and block and len(ln.segments) == 1 and len(ln.text) < 90:
            pending = ln
        else:
            flush()
            pending = ln if len(ln.segments) == 1 else None
        prev = ln
    flush()
    return out


# --- from grids to source rows


def _label_markers(matrix: list[list[str]], indents: dict[int, int]) -> list[list[str]]:
    """Turn indentation of the label column into ``#`` markers, unless labels carry their own.

    ``build_cells`` nests rows by ``#`` and numbering; a report that nests by indentation alone
    gets the same nesting when each indent level adds one ``#``.
    """
    if not indents or not matrix:
        return matrix
    labels = [row[0] for row in matrix if row and row[0]]
    if any(_MARKER.match(label) for label in labels):
        return matrix
    if not any(is_measure(c) for row in matrix for c in row[1:]):
        return matrix
    out = []
    for r, row in enumerate(matrix):
        level = indents.get(r, 0)
        if level and row and row[0]:
            row = ["#" * level + row[0], *row[1:]]
        out.append(row)
    return out


def _source_rows(grids: list[PdfGrid]) -> list[SourceRow]:
    rows: list[SourceRow] = []
    for segment, grid in enumerate(grids):
        matrix = _label_markers(grid.matrix(), grid.indents)
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


def _same_table(prev: _Region, nxt: _Region) -> bool:
    if prev.grid is None or nxt.grid is None:
        return False
    if abs(prev.grid.n_cols - nxt.grid.n_cols) > 1:
        return False
    a, b = prev.grid.bbox, nxt.grid.bbox
    return abs(a[0] - b[0]) < 30 and abs(a[2] - b[2]) < 30


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
    regions: list[_Region] = []
    for page in document.pages:
        regions.extend(_analyse_page(page, stream_uncaptioned))
    tables: list[PdfTable] = []
    last: tuple[PdfTable, _Region] | None = None
    pending: _Region | None = None  # a caption left at the foot of the page before
    for region in regions:
        if region.grid is None:
            pending = region
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
        pending = None
        if cap is not None and cap.continued and last is not None and last[0].label == cap.label:
            last[0].grids.append(region.grid)  # 续表N
            last = (last[0], region)
            continue
        if (
            cap is None
            and region.at_top
            and last is not None
            and last[1].page.number + 1 == region.page.number
            and (
                (last[1].open_end and _same_table(last[1], region))
                or (last[1].at_foot and _repeats_header(last[0].grids[0], region.grid))
            )
        ):
            last[0].grids.append(region.grid)
            last[0].notes.extend(region.notes)
            if last[0].source_department is None and region.sources:
                last[0].source_department = region.sources[0]
            last = (last[0], region)
            continue
        table = PdfTable(
            cap.number if cap else None,
            cap.title if cap else region.heading or "未命名表格",
            [region.grid],
            region.unit,
            None,
            list(region.notes),
            label=cap.label if cap else None,
        )
        if region.sources:
            table.source_department = region.sources[0]
        tables.append(table)
        last = (table, region)
    return tables


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
    warnings: list[str] = []
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
            page_start=table.grids[0].page,
            page_end=table.grids[-1].page,
            source_department=table.source_department,
            notes=list(table.notes),
            unit=unit,
            rows=rows,
        )
        extracted.cells = build_cells(rows, table_unit=unit, positioned=True)
        if not extracted.cells:
            extracted.warnings.append("table has rows but no data cells")
        out.append(extracted)
    return PdfTables(out, found, _listed_numbers(document), warnings)


def pdf_prose(source: Path | PdfDocument) -> list[tuple[int, str]]:
    """Paragraphs of running text in reading order, as (page, paragraph).

    Running headers, footers and page numbers are left out; table regions and captions too.
    Lines are rejoined into paragraphs across line and page breaks: a paragraph ends at a
    sentence end on a line that stops short of the right margin, at an indented first line, at
    a heading or at a wide vertical gap.
    """
    document = source if isinstance(source, PdfDocument) else read_document(source)
    token = spaced_scripts.set(document.spaces_scripts)
    try:
        return _prose(document)
    finally:
        spaced_scripts.reset(token)


def _prose(document: PdfDocument) -> list[tuple[int, str]]:
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    start_page = 0
    prev: Line | None = None
    prev_short = False  # the line before stopped short of its column's right margin
    prev_page = 0
    for page in (col for p in document.pages for col in _column_pages(p)):
        if page.number != prev_page:
            prev = None  # across a page break only margin and indent decide
            prev_page = page.number
        regions = _analyse_column(page, False)
        taken = [(r.top, r.bottom) for r in regions]
        taken += [(r.caption_line.top, r.caption_line.bottom) for r in regions if r.caption_line]
        left, right = _body_width(page)
        running = [ln for ln in page.lines if not any(a - 1 <= ln.top <= b + 1 for a, b in taken)]
        # the size of the prose, not of the tables' smaller print that may fill the page
        body_size = statistics.median([ln.size for ln in running] or [10.0])
        for ln in sorted(running, key=lambda x: x.top):
            text = strip_markup(ln.marked)
            if not text:
                continue
            indented = ln.x0 - left > 1.2 * body_size
            heading = bool(HEADING_ENUM.match(text)) and len(text) <= 40
            new_para = (
                not current
                or indented
                or heading
                or (prev is not None and prev_short)
                or (prev is not None and ln.size > 1.15 * body_size)
                or (
                    prev is not None
                    and ln.top > prev.bottom
                    and ln.top - prev.bottom > 1.5 * (ln.bottom - ln.top)
                    and prev.top < ln.top
                )
            )
            if new_para and current:
                paragraphs.append((start_page, _join_lines(current)))
                current = []
            if not current:
                start_page = page.number
            current.append(text)
            prev = ln
            # short of the margin ends a paragraph, unless the line is long and stops
            # mid-sentence: software wraps early rather than split "16.0%。" from its number
            prev_short = ln.x1 < right - 2 * body_size and (
                bool(SENTENCE_END.search(text)) or ln.x1 - ln.x0 < 0.6 * (right - left)
            )
            if heading:
                paragraphs.append((start_page, _join_lines(current)))
                current = []
    if current:
        paragraphs.append((start_page, _join_lines(current)))
    return paragraphs


__all__ = [
    "PdfCell",
    "PdfGrid",
    "PdfTable",
    "PdfTables",
    "extract_pdf_tables",
    "find_tables",
    "make_line",
    "pdf_prose",
]
