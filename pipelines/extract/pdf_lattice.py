"""Ruled tables: the frames a page's rules form, and the cells of a ruled grid.

Rules that touch or cross one another are one frame; horizontal rules of (nearly) the same
width without verticals stack into a three-line (三线表) frame, parted where a caption or prose
sits between two rules. A frame with verticals is read as a lattice: cells are the boxes the
rules enclose (or pdfplumber's lattice cells where they coincide with the frame); a box that
covers several base cells is a merged cell and puts its text in its top-left position.

``pdf_regions`` decides which frame belongs to which caption and reads a frame without a full
lattice from its text positions instead (``pdf_stream``).
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace

from pipelines.extract.annotations import is_note, source_department
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_cells import (
    Box,
    PdfCell,
    PdfGrid,
    cell_text,
    cluster_values,
    glyphs_in,
    indent_levels,
    label_column,
    span_overlap,
)
from pipelines.extract.pdf_glyphs import Glyph, Line, Rule, make_line, rule_runs, union_length
from pipelines.extract.pdf_layout import PageLayout
from pipelines.extract.pdf_lines import cell_starts, is_prose_line, is_row_like, wraps_in_cell
from pipelines.model.values import is_measure

# --- rules


def _components(rules: list[Rule]) -> list[list[Rule]]:
    """Rules that touch or cross one another form one frame; so do the pieces of a rule drawn
    stroke by stroke (:func:`rule_runs`)."""
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
    for run in rule_runs(rules):
        for k in run[1:]:
            parent[find(k)] = find(run[0])
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
class Frame:
    """A set of rules on a page that frames one table (or a part of one)."""

    bbox: Box
    hs: list[Rule]
    vs: list[Rule]

    @property
    def kind(self) -> str:
        height = self.bbox[3] - self.bbox[1]
        # a vertical rule drawn piecewise (one segment per cell) counts by its total length
        covered: dict[float, list[tuple[float, float]]] = {}
        xs = cluster_values([v.x0 for v in self.vs])
        for v in self.vs:
            x = min(xs, key=lambda c: abs(c - v.x0))
            covered.setdefault(x, []).append((v.top, v.bottom))
        tall = [x for x, spans in covered.items() if union_length(spans) >= 0.3 * height]
        return "lattice" if len(tall) >= 2 and len(self.hs) >= 2 else "three_line"


def find_frames(
    page: PageLayout, width: tuple[float, float], caption_lines: list[Line]
) -> list[Frame]:
    """Ruled frames: connected grids, and stacks of horizontal rules of the same width.

    A stack ends where a caption, or prose rather than table rows, sits between two rules: the
    next rule belongs to another table (a long row printed as one run of text is no prose).
    ``width`` is the page's body width and ``caption_lines`` its captions, as the caller found.
    """
    captions = [(ln.top + ln.bottom) / 2 for ln in caption_lines]
    starts = cell_starts(page.lines, width)
    wraps = [ln for ln in page.lines if wraps_in_cell(ln, starts)]
    prose = [
        (ln.top + ln.bottom) / 2
        for ln in page.lines
        if is_prose_line(ln, width) and not any(ln is w for w in wraps)
    ]
    rows = [(ln.top + ln.bottom) / 2 for ln in page.lines if is_row_like(ln, width)]
    rows += [(ln.top + ln.bottom) / 2 for ln in wraps]
    # a note or a 数据来源 line closes the table above it
    ends = [
        (ln.top + ln.bottom) / 2
        for ln in page.lines
        if is_note(strip_markup(ln.marked)) or source_department(ln.marked)
    ]

    def parted(a: float, b: float) -> bool:
        """A caption, a note, or more prose than table rows, between two rules."""
        if any(a < y < b for y in [*captions, *ends]):
            return True
        n_prose = sum(1 for y in prose if a < y < b)
        return n_prose > 0 and n_prose >= sum(1 for y in rows if a < y < b)

    out: list[Frame] = []
    loose: list[Rule] = []
    for comp in _components(page.rules):
        hs = [r for r in comp if r.horizontal]
        vs = [r for r in comp if not r.horizontal]
        if vs and hs:
            out.append(Frame(_bbox(comp), hs, vs))
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
    stacks = _absorb_inner_rules(_join_interleaved(stacks), parted)
    for stack in stacks:
        box = _bbox(stack)
        inside = [ln for ln in page.lines if box[1] < (ln.top + ln.bottom) / 2 < box[3]]
        if inside:
            reach = max(ln.x1 for ln in inside) - min(ln.x0 for ln in inside)
            if box[2] - box[0] < 0.5 * reach:
                continue  # sum lines under a column of figures, not the rules of a table
        out.append(Frame(box, stack, []))
    return out


def _join_interleaved(stacks: list[list[Rule]]) -> list[list[Rule]]:
    """Stacks of rules set among one another, ending together, the shorter most of the longer's
    length, are one table's: rules under rows drawn cell by cell stop short of a label merged
    down them, and only the rules closing its group reach across it. Stacks one over the other
    are two tables, however alike."""

    def ends_together(a: Rule, b: Rule) -> bool:
        ends = (abs(a.x0 - b.x0) <= 6) + (abs(a.x1 - b.x1) <= 6)
        return ends == 1 and min(a.length, b.length) >= 0.6 * max(a.length, b.length)

    out: list[list[Rule]] = []
    for stack in sorted(stacks, key=lambda st: -max(r.length for r in st)):
        owner = next(
            (
                st
                for st in out
                if len(st) >= 2
                and len(stack) >= 2
                and max(st[0].top, stack[0].top) < min(st[-1].top, stack[-1].top)
                and ends_together(st[0], stack[0])
            ),
            None,
        )
        if owner is None:
            out.append(stack)
        else:
            owner.extend(stack)
            owner.sort(key=lambda r: r.top)
    return sorted(out, key=lambda st: st[0].top)


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


def lattice_grid(page: PageLayout, frame: Frame, glyphs: list[Glyph]) -> PdfGrid | None:
    xs = cluster_values([v.x0 for v in frame.vs])
    ys = cluster_values([h.top for h in frame.hs])
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
            max(0.0, span_overlap(v.top, v.bottom, y0, y1))
            for v in frame.vs
            if abs(v.x0 - x) <= 2.5
        )
        return covered >= need

    def h_present(y: float, a0: float, a1: float) -> bool:
        need = 0.6 * (a1 - a0)
        covered = sum(
            max(0.0, span_overlap(h.x0, h.x1, a0, a1)) for h in frame.hs if abs(h.top - y) <= 2.5
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
    return _text_indents(_collapse_label_tree(_drop_empty(grid)), glyphs)


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
                    cells.append(PdfCell(r0, c, cell_text(part), r1 - r0 + 1, 1, sub))
                continue
        cells.append(PdfCell(r0, c0, cell_text(glyphs), r1 - r0 + 1, c1 - c0 + 1, box))
    return cells


def _glyph_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs of one cell grouped into printed lines, each left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        if lines:
            last = lines[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            if g.sup or span_overlap(top, bottom, g.top, g.bottom) >= 0.5 * min(
                g.bottom - g.top, bottom - top
            ):
                last.append(g)
                continue
        lines.append([g])
    return [sorted(ln, key=lambda g: g.x0) for ln in lines]


def plumber_lattice_cells(page: PageLayout, box: Box) -> list[Box] | None:
    """Cell boxes of pdfplumber's lattice table that coincides with ``box``, if one does."""
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
    for tbox, cells in page.lattices:
        inter = max(0.0, span_overlap(box[0], box[2], tbox[0], tbox[2])) * max(
            0.0, span_overlap(box[1], box[3], tbox[1], tbox[3])
        )
        t_area = max((tbox[2] - tbox[0]) * (tbox[3] - tbox[1]), 1.0)
        covered = sum((c[2] - c[0]) * (c[3] - c[1]) for c in cells)
        # cells leaving much of their table's box bare: a border left undrawn, not a lattice
        if inter >= 0.8 * area and inter >= 0.8 * t_area and covered >= 0.8 * t_area:
            return cells
    return None


def lattice_from_cells(
    page: PageLayout, boxes: list[Box], glyphs: list[Glyph], frame: Box
) -> PdfGrid | None:
    """A grid from cell boxes (merged cells are boxes covering several base cells). The
    frame's top or bottom rule over a row no box closes (its cells cut by the page's side
    edge) bounds that row too."""
    xs = cluster_values([v for b in boxes for v in (b[0], b[2])])
    ys = cluster_values([v for b in boxes for v in (b[1], b[3])])
    if xs and ys:
        across = [
            r.top for r in page.rules if r.horizontal and r.x0 <= xs[0] + 2 and r.x1 >= xs[-1] - 2
        ]
        if frame[1] < ys[0] - 3 and any(abs(y - frame[1]) <= 2 for y in across):
            ys.insert(0, frame[1])
        if frame[3] > ys[-1] + 3 and any(abs(y - frame[3]) <= 2 for y in across):
            ys.append(frame[3])
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
    opened = _open_cells(page, spans, xs, ys)
    spans += [span for span, _side in opened]
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for span in spans:
            b = span[4]
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                span[5].append(g)
                break
    cut = {(span[0], span[1]): side for span, side in opened if side}
    cells = [replace(c, cut=cut.get((c.row, c.col))) for c in _lattice_cells(spans, xs)]
    grid = PdfGrid(page.number, (xs[0], ys[0], xs[-1], ys[-1]), "lattice", n_rows, n_cols, cells)
    return _text_indents(_collapse_label_tree(_drop_empty(grid)), glyphs)


def _open_cells(
    page: PageLayout, spans: list[_Span], xs: list[float], ys: list[float]
) -> list[tuple[_Span, str | None]]:
    """Cells left open at the grid's edge: a merged cell broken by the page has no rule where
    the page cuts it, so it closes no box of its own. That is the top or bottom edge when a
    table runs on to the next page, the right or left edge when a sheet's columns spill onto
    pages of their own. Between the two rules along the cut, the base cells no box covers from
    that edge on are that cell; a cell cut at the side says which side ("left", "right")."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    covered = {
        (r, c)
        for r0, c0, r1, c1, _, _ in spans
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
    }

    def ruled(horizontal: bool, at: float, a: float, b: float) -> bool:
        spans_at = [
            (r.x0, r.x1) if horizontal else (r.top, r.bottom)
            for r in page.rules
            if r.horizontal == horizontal and abs((r.top if horizontal else r.x0) - at) <= 2
        ]
        return union_length([(max(u, a), min(v, b)) for u, v in spans_at if v > a and u < b]) >= (
            0.9 * (b - a)
        )

    out: list[tuple[_Span, str | None]] = []
    for c in range(n_cols):  # cut at the top or bottom: a run of rows between two verticals
        for rows in (range(n_rows - 1, -1, -1), range(n_rows)):
            run = list(itertools.takewhile(lambda r, c=c: (r, c) not in covered, rows))
            if not run or len(run) == n_rows:
                continue
            r0, r1 = min(run), max(run)
            box = (xs[c], ys[r0], xs[c + 1], ys[r1 + 1])
            if ruled(False, box[0], box[1], box[3]) and ruled(False, box[2], box[1], box[3]):
                out.append(((r0, c, r1, c, box, []), None))
                covered.update((r, c) for r in run)
    for r in range(n_rows):  # cut at the right or left: a run of columns between two rules
        for side, cols in (("right", range(n_cols - 1, -1, -1)), ("left", range(n_cols))):
            run: list[int] = []
            for c in cols:
                # a rule between it and the run closes the run there
                if (r, c) in covered or (
                    run and ruled(False, xs[max(c, run[-1])], ys[r], ys[r + 1])
                ):
                    break
                run.append(c)
            if not run:
                continue
            c0, c1 = min(run), max(run)
            box = (xs[c0], ys[r], xs[c1 + 1], ys[r + 1])
            # cut on one side only: a rule closes the other
            far = box[0] if side == "right" else box[2]
            if not ruled(False, far, box[1], box[3]):
                continue
            if ruled(True, box[1], box[0], box[2]) and ruled(True, box[3], box[0], box[2]):
                out.append(((r, c0, r, c1, box, []), side))
                covered.update((r, c) for c in run)
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
            replace(
                c,
                row=rmap[c.row],
                col=cmap[c.col],
                rowspan=r_end - rmap[c.row] + 1,
                colspan=c_end - cmap[c.col] + 1,
            )
        )
    return PdfGrid(grid.page, grid.bbox, grid.method, len(keep_rows), len(keep_cols), cells)


def _text_indents(grid: PdfGrid, glyphs: list[Glyph]) -> PdfGrid:
    """Indent levels of the labels within their ruled cells: sub-items set further in than
    their parent ("　　其中：…"), in the label column (after a 序号 column). The rows with a
    figure in them count; header rows do not."""
    if grid.indents:
        return grid  # nested by ruled indents already
    body = {c.row for c in grid.cells if is_measure(c.text)}
    texts = {col: [c.text for c in grid.cells if c.col == col and c.row in body] for col in (0, 1)}
    col = label_column(texts)
    extents: dict[int, tuple[float, float]] = {}
    sizes: list[float] = []
    for c in grid.cells:
        if c.col != col or c.colspan != 1 or c.row not in body or not c.text or c.bbox is None:
            continue
        x0, _, x1, _ = c.bbox
        inside = [g for g in glyphs_in(glyphs, c.bbox) if g.text.strip()]
        if inside:
            first = min(g.top for g in inside)
            line = [g for g in inside if g.top < first + 0.5 * (g.bottom - g.top)]
            start, end = min(g.x0 for g in line), max(g.x1 for g in line)
            sizes += [g.size for g in inside]
            if start - x0 > line[0].size and abs((start + end) / 2 - (x0 + x1) / 2) <= 2:
                continue  # centred in its cell (全县, 平均): set apart, not set in
            extents[c.row] = (start, end)
    if not sizes:
        return grid
    texts = {c.row: c.text for c in grid.cells if c.col == col and c.row in extents}
    levels = indent_levels(extents, statistics.median(sizes), texts)
    return replace(grid, indents=levels, label_col=col) if levels else grid


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
                cells.append(replace(c, col=0, colspan=1))
            continue
        cells.append(replace(c, col=c.col - best + 1))
    filled = {c.row for c in cells if c.col == 0}
    for r in range(grid.n_rows):
        if r not in filled:
            cells.append(PdfCell(r, 0, ""))
    return PdfGrid(
        grid.page, grid.bbox, grid.method, grid.n_rows, grid.n_cols - best + 1, cells, indents
    )
