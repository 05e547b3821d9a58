"""Cells from text positions: the reading of three-line (三线表), partly ruled and borderless
tables.

Columns come from the runs of text the fuller lines under the header cover and the whitespace
between them (a header cell clear of them heads the nearest one, or a column of its own beside
another cell over that one); rows from the rules when every row is ruled, else from the text
lines (a cell's wrapped text stays one cell). Header lines are grouped into rows and a header
centred over two columns is widened over both; the label of an unruled merged cell, printed
centred on the rows it spans, moves to the span's first row; indented row labels are measured
for the label hierarchy. This is the largest single job of the PDF path, so it is a module of
its own; ``pdf_regions`` calls ``stream_grid`` for each table region it does not read as a
lattice.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from dataclasses import dataclass

from pipelines.extract.annotations import is_note, source_department
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_cells import (
    Box,
    PdfCell,
    PdfGrid,
    cluster_values,
    indent_levels,
    label_column,
    segments_text,
    span_overlap,
)
from pipelines.extract.pdf_glyphs import FIGURE_CHAR, Glyph, Line, Rule, Segment
from pipelines.extract.pdf_layout import PageLayout
from pipelines.model.values import PLACEHOLDERS, is_measure, measured
from pipelines.model.vocabulary import ITEM_NUMBER, is_total_label


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
    edges = _close_edges(dense)
    for ln in dense:
        for s in ln.segments:
            for a, b in _ink_pieces(s, edges):
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


def _ink_pieces(seg: Segment, edges: list[float] | None = None) -> list[tuple[float, float]]:
    """A segment's extent, split where its glyphs leave a gap of half an em or more: a label
    centred on merged rows can print a narrow gap away from the next column's text. In a table
    whose columns are set close (the ``edges`` where their figures end, ``_close_edges``),
    figures a word space apart are split too, and a placeholder right after a figure (736—,
    736 —: flush left in the next cell) is left out: the figures of its column show where that
    starts."""
    glyphs = [g for g in seg.glyphs if g.text.strip()]
    if not glyphs or seg.spread:
        return [(seg.x0, seg.x1)]
    apart = set()
    if edges:
        pairs = _figure_pairs(seg)
        # digits grouped by a space (1 234) are one number, unless the first ends at a column's
        # edge (652 | 128.19)
        apart = {
            id(b[0])
            for a, b in pairs
            if not _grouped(a, b) or any(abs(a[-1].x1 - x) <= 1 for x in edges)
        }
        after_figure = [
            b for a, b in pairs if _text(b) in PLACEHOLDERS and _text(a) not in PLACEHOLDERS
        ]
        after_figure += [w[cut:] for w in _words(seg) if (cut := _placeholder_after_figure(w))]
        left_out = {id(g) for word in after_figure for g in word}
        glyphs = [g for g in glyphs if id(g) not in left_out]
        if not glyphs:
            return []
    pieces = [[glyphs[0].x0, glyphs[0].x1]]
    for g in glyphs[1:]:
        if g.x0 - pieces[-1][1] >= 0.5 * max(g.size, 1.0) or id(g) in apart:
            pieces.append([g.x0, g.x1])
        else:
            pieces[-1][1] = max(pieces[-1][1], g.x1)
    return [(a, b) for a, b in pieces]


def _figure_pairs(seg: Segment) -> list[tuple[list[Glyph], list[Glyph]]]:
    """Figures (or a figure and a placeholder) one word space apart in a segment: maybe the
    cells of two columns set close. Not a range or ratio, a placeholder's sign between two
    figures (6 - 9, 3 / 2)."""
    words = _words(seg)
    figure = [_figure_word(w) and _text(w) not in PLACEHOLDERS for w in words]
    sign = [_text(w) in PLACEHOLDERS for w in words]
    pairs = []
    for i, (a, b) in enumerate(itertools.pairwise(words)):
        between = (sign[i + 1] and i + 2 < len(words) and figure[i + 2]) or (
            sign[i] and i > 0 and figure[i - 1]
        )
        if (figure[i] or sign[i]) and (figure[i + 1] or sign[i + 1]) and not between:
            pairs.append((a, b))
    return pairs


def _grouped(a: list[Glyph], b: list[Glyph]) -> bool:
    """1 234: a number's digits grouped by a space."""
    return bool(
        re.fullmatch(r"[-−]?\d{1,3}", _text(a)) and re.fullmatch(r"\d{3}(?:\.\d+)?", _text(b))
    )


def _figure_word(word: list[Glyph]) -> bool:
    return _text(word) in PLACEHOLDERS or _figure_end(word) is not None


def _close_edges(lines: list[Line]) -> list[float]:
    """Where figures of neighbouring columns set a word space apart end, as a sheet fitted to
    the page sets narrow columns (34.1 189.37, each flush right in its column): the first of
    two figures that can be no one number ending where another such first figure ends, on
    another line. A placeholder beside a figure shows nothing (a "—" is set flush left, a word
    space from the figure before), nor one cell holding two figures (128 12.5%)."""
    ends = [
        a[-1].x1
        for ln in lines
        for seg in ln.segments
        for a, b in _figure_pairs(seg)
        if _text(a) not in PLACEHOLDERS and _text(b) not in PLACEHOLDERS and not _grouped(a, b)
    ]
    return [x for x in ends if sum(1 for y in ends if abs(x - y) <= 1) >= 2]


def _text(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs)


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
        if n >= 2 and not any(span_overlap(g[0], g[1], r[0], r[1]) > -1 for r in runs)
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
        if span_overlap(seg.x0, seg.x1, r[0], r[2]) > 0.2 * min(seg.x1 - seg.x0, r[2] - r[0]) + 0.5
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
    glyphs = [g for g in seg.glyphs if g.text.strip()]
    placeholder = _placeholder_after_figure(glyphs, runs)
    if placeholder:  # the figures before it may stand in columns of their own
        return [
            *_split_at_columns(Segment.from_glyphs(glyphs[:placeholder], seg.spread), runs),
            Segment.from_glyphs(glyphs[placeholder:], seg.spread),
        ]
    hits = [
        i
        for i, r in enumerate(runs)
        if span_overlap(seg.x0, seg.x1, r[0], r[2]) > 0.2 * min(seg.x1 - seg.x0, r[2] - r[0]) + 0.5
    ]
    if len(hits) < 2:
        return [seg]
    pieces: list[list[Glyph]] = [[glyphs[0]]]
    for prev, g in itertools.pairwise(glyphs):
        gap_lo, gap_hi = prev.x1, g.x0
        # Word spaces digits and Latin apart from CJK text by a quarter em ("2022 年", "产值
        # (亿元)"): no gap between words; but a closing bracket or sign ends a word ("(家)
        # 合格率" is two cells)
        closing = prev.text in ")]%" and not g.text.isascii()
        script_change = prev.text.isascii() != g.text.isascii() and not closing
        wide = gap_hi - gap_lo > (0.5 if script_change else 0.2) * g.size
        between = any(runs[i][2] <= gap_hi + 1 and runs[i + 1][0] >= gap_lo - 1 for i in hits[:-1])
        if wide and between:
            pieces.append([g])
        else:
            pieces[-1].append(g)
    if len(pieces) == 1:
        return [seg]
    return [Segment.from_glyphs(p, seg.spread) for p in pieces]


def _placeholder_after_figure(glyphs: list[Glyph], runs: list[Box] | None = None) -> int:
    """Where the placeholder ending ``glyphs`` starts, right after a figure (0 when none
    does), and, given the columns, only where one column ends and the next starts between the
    two (the placeholder reaching the next). A sheet sets a "—" flush left in its cell and the
    figure of the cell before flush right, so the two can touch ("736—") and read as one piece
    of text."""
    for i in range(len(glyphs) - 1, 0, -1):
        if _text(glyphs[i:]) not in PLACEHOLDERS:
            break
        if FIGURE_CHAR.fullmatch(glyphs[i - 1].text) and (
            runs is None
            or any(
                glyphs[i - 1].x1 <= a[2] + 1 and b[0] <= glyphs[-1].x1 + 1
                for a, b in itertools.pairwise(runs)
            )
        ):
            return i
    return 0


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
        return [s for s in segs if span_overlap(s.top, s.bottom, last.top, last.bottom) > 0]

    return len(cols) >= 2 and all(
        _next_word_fits(above(c), segs, runs[c], in_place=False) for c, segs in cols.items()
    )


def _label_wrapped_on(row: _StreamRow, cols: dict[int, list[Segment]], runs: list[Box]) -> bool:
    """A line of text in the label column alone, set as close under a row of figures as a
    wrapped line, whose label filled the column and would not have taken this line's first
    word: the label's wrapped tail (Word sets a row's figures on its label's first line), not a
    group heading over the rows below (only where the spacing tells wrapped lines from rows:
    the widest label always fills its column).
    A numbered item, a total or 其中 heads rows instead; a 注 or 数据来源 closes the table."""
    col = min(cols)
    if set(cols) != {col} or min(row.cols, default=-1) != col:
        return False
    if not any(_is_measure_segs(segs) for c, segs in row.cols.items() if c != col):
        return False
    label = [s for s in row.cols[col] if s.top >= row.lines[-1].top - 1]
    text = segments_text(cols[col])
    return (
        bool(label)
        and _fills_column(label, runs[col])
        and not _next_word_fits(label, cols[col], runs[col])
        and not re.match(rf"\s*(?:{ITEM_NUMBER}|其中|#)", text)
        and not is_total_label(text)
        and not is_note(text)
        and not source_department(text)
    )


def _group_rows(lines: list[Line], runs: list[Box], hs: list[float]) -> list[_StreamRow]:
    """Printed lines → table rows: rules between rows decide when present, else the spacing
    and the cells (a line that only continues text cells of the row above is a wrapped line).
    """
    placed = [(ln, *_place(ln, runs)) for ln in lines]
    rows: list[_StreamRow] = []
    first_line: list[int] = []  # per row, the index in ``placed`` of its first line
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
            wrapped_label = _label_wrapped_on(row, cols, runs)
            merge = (
                tight
                and (continues or wrapped_label or (label_only and min(cols) <= min(row.cols)))
            ) or (tight_limit < -1e8 and continues)
            if tight_limit > -1e8 and not tight:
                merge = False
            height = ln.bottom - ln.top
            # a label merged down over two header rows prints between them, alone on its line:
            # the line under it, a row below group headers over several columns, is the next
            # row, not interleaved with it (header cells wrapped on two lines are one row)
            under_merged_label = (
                set(placed[idx - 1][1]) == {0}
                and len(cols) >= 2
                and 0 not in cols
                and ln.top - row.lines[0].top >= 0.9 * height
                and max(placed[first_line[-1]][2].values(), default=1) > 1
            )
            if ln.top - row.lines[-1].top < 0.9 * height and not under_merged_label:
                merge = True  # interleaved: text centred beside a wrapped cell
            if merge and idx > 0:
                row.lines.append(ln)
                for c, segs in cols.items():
                    row.cols.setdefault(c, []).extend(segs)
                    row.spans[c] = max(row.spans.get(c, 1), spans[c])
                continue
        rows.append(_StreamRow([ln], dict(cols), dict(spans)))
        first_line.append(idx)
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


def _bands_overlap(a: list[float], b: list[float]) -> bool:
    """Two rows' extents overlap by more than glyph boxes of a tight header do (taller than
    the line pitch, neighbouring lines' boxes touch): the cells are one row."""
    return span_overlap(a[0], a[1], b[0], b[1]) > 0.3 * min(a[1] - a[0], b[1] - b[0])


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
    # (a figure wraps onto no line of its own: a gap beside one is no wrap, however close)
    gaps: list[tuple[float, bool]] = []
    figure_gaps: list[float] = []
    for items in pieces.values():
        items.sort(key=lambda p: p[0])
        for a, b in itertools.pairwise(items):
            gap = b[0] - a[1]
            if gap > -0.3 * h:
                figures = _is_measure_segs(a[2]), _is_measure_segs(b[2])
                gaps.append((gap, any(figures)))
                if all(figures):
                    figure_gaps.append(gap)
    if figure_gaps:
        wrap_limit = min(wrap_limit, 0.7 * min(figure_gaps))
    wraps = sum(1 for g, beside_figure in gaps if g < wrap_limit and not beside_figure)
    if wraps > sum(1 for g, _ in gaps if g >= 0.55 * h):
        return None
    blocks: list[_Block] = []
    row_gap = False
    for c, items in pieces.items():
        current: _Block | None = None
        for top, bottom, segs, span in items:
            if current is not None:
                gap = top - current.bottom
                same_line = span_overlap(
                    current.pieces[-1][0], current.pieces[-1][1], top, bottom
                ) > (0.5 * min(bottom - top, current.pieces[-1][1] - current.pieces[-1][0]))
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
    # the header's label cell is merged down, centred between the header's rows (街镇 between
    # 2018年 and the sub-headers under it, level with neither): it goes to a row, it does not
    # mark one out
    body_top = min((b.top for b in blocks if _is_measure_segs(b.segs)), default=0.0)

    def between_rows(b: _Block) -> bool:
        height = b.bottom - b.top
        return (
            b.col == 0
            and b.bottom <= body_top
            and not any(
                o.col != 0
                and o.col in anchors
                and span_overlap(b.top, b.bottom, o.top, o.bottom) > 0.5 * height
                for o in blocks
            )
        )

    def marks_rows(b: _Block) -> bool:
        return b.col in anchors and not between_rows(b)

    # rows: the cells of the fullest columns, merged where they overlap
    bands: list[list[float]] = []
    for b in sorted((b for b in blocks if marks_rows(b)), key=lambda b: b.top):
        if bands and _bands_overlap(bands[-1], [b.top, b.bottom]):
            bands[-1][1] = max(bands[-1][1], b.bottom)
        else:
            bands.append([b.top, b.bottom])
    bands = _join_wrapped_header(bands, blocks, body_top)
    if len(bands) < 2:
        return None

    # text of the other columns that no row of the fullest columns comes near is a row too
    # (a total row below the body, with a label and a total only)
    for b in sorted((b for b in blocks if not marks_rows(b)), key=lambda b: b.top):
        if any(span_overlap(a, z, b.top, b.bottom) > -0.55 * h for a, z in bands):
            continue
        bisect.insort(bands, [b.top, b.bottom])
    rows_near: list[list[float]] = []
    for band in bands:  # such rows merge when they overlap
        if rows_near and _bands_overlap(rows_near[-1], band):
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
            if span_overlap(bands[i][0], bands[i][1], top, bottom) > 0.5 * (bottom - top)
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


def _join_wrapped_header(
    bands: list[list[float]], blocks: list[_Block], body_top: float
) -> list[list[float]]:
    """Header cells wrapped on two lines, one cell over each column, stand a row apart where a
    sheet centres the label merged down between them: the two lines are one header row. A row
    of group headers over several columns each is a row of its own."""

    def cells(band: list[float]) -> set[tuple[int, int]]:
        return {
            (b.col, b.span)
            for b in blocks
            if b.col != 0 and span_overlap(band[0], band[1], b.top, b.bottom) > 0
        }

    def labelled(band: list[float]) -> bool:
        """A row's label stands in its band; the label merged down stands between the two."""
        return any(
            b.col == 0
            and span_overlap(band[0], band[1], b.top, b.bottom) > 0.5 * (b.bottom - b.top)
            for b in blocks
        )

    out = [bands[0]] if bands else []
    for band in bands[1:]:
        upper = cells(out[-1])
        wrapped = upper == cells(band) and all(span == 1 for _col, span in upper)
        if (
            band[1] <= body_top + 0.5
            and upper
            and wrapped
            and not labelled(out[-1])
            and not labelled(band)
        ):
            out[-1][1] = band[1]
            continue
        out.append(band)
    return out


def stream_grid(
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
    splits = cluster_values([v.x0 for v in vs])
    corner = _corner(page.diagonals, box)
    if header_rule is None and corner is not None:
        header_rule = corner[3]  # the corner cell is as deep as the header
    header_lines = [ln for ln in lines if header_rule is not None and ln.bottom <= header_rule + 1]
    body_lines = [ln for ln in lines if ln not in header_lines]
    # the text under the header sets the columns, ruled header or not: a header cell is centred
    # in a cell as wide as its column's widest text, which the text under it may not reach, and
    # a header over several columns bridges the whitespace between them (an unruled header's
    # lines still go through the body's row grouping below; only the columns come from under it)
    head_lines = header_lines if header_rule is not None else _lines_above_figures(lines)
    under = [ln for ln in lines if ln not in head_lines]
    runs = _column_runs(under or lines, box[0], box[2], splits)
    if not runs:
        return None
    runs = _cells_flush_right(under or lines, runs)
    if corner is not None:
        runs = _reach_corner(runs, corner, box)
    if head_lines and under:
        runs = _headed_in_order(head_lines, runs)
        runs = _widen_to_header_text(head_lines, lines, _header_only_columns(head_lines, runs))
    # rules under a column or two only (sum lines under figures) separate no rows
    reach = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    inner = cluster_values(
        [h.top for h in hs if box[1] + 3 < h.top < box[3] - 3 and h.length >= 0.5 * reach], 1.0
    )
    if header_rule is not None:
        inner = [y for y in inner if abs(y - header_rule) > 1]
    head = _widen_header(_merge_spanning(_group_header(header_lines, runs)), runs)
    by_columns = None
    if not inner and _staggered(body_lines):
        by_columns = _group_rows_by_columns(body_lines, runs)
    body_rows = by_columns if by_columns is not None else _group_rows(body_lines, runs, inner)
    body_rows = _lift_centred_labels(body_rows, runs, hs)
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
    levels, label_col = _indents(rows[first_body:]) if rows[first_body:] else ({}, 0)
    indents = {r + first_body: v for r, v in levels.items()}
    for r, row in enumerate(rows):
        for c, segs in sorted(row.cols.items()):
            text = segments_text(segs)
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
    return PdfGrid(page.number, bbox, method, len(rows), n_cols, cells, indents, label_col)


def _cells_flush_right(lines: list[Line], runs: list[Box]) -> list[Box]:
    """Placeholders set flush left beside figures set flush right, as a spreadsheet sets text
    and numbers: a "—" where a figure is missing stands clear of the column's figures, or
    touches the figure of the column before ("736—"). Read by their own extent they made a
    column of their own, or widened the column before. A run of nothing but placeholders
    beside a column of figures flush right is part of the next column's cells; a column of
    figures flush right that a placeholder overhangs ends where its figures end, and the
    overhang is the next column's."""
    out: list[Box] = []
    lead: float | None = None  # where the placeholders before the next column start
    for k, run in enumerate(runs):
        flush_beside = (k > 0 and _flush_edge(lines, runs[k - 1]) is not None) or (
            k < len(runs) - 1 and _flush_edge(lines, runs[k + 1]) is not None
        )
        if (
            flush_beside
            and k < len(runs) - 1
            and _placeholders_only(lines, run)
            # a sheet's "—" stands for the figure of its row; a column of nothing but
            # placeholders (every row with a figure beside it too) is a column of its own
            and not any(
                _texts_in(ln, run)
                and any(t not in PLACEHOLDERS for t in _texts_in(ln, runs[k + 1]))
                for ln in lines
            )
        ):
            lead = run[0] if lead is None else lead
            continue
        out.append(run if lead is None else (lead, 0.0, run[2], 0.0))
        lead = None
    for k in range(len(out) - 1):
        edge = _flush_edge(lines, out[k])
        if edge is None:
            continue
        overhang = [
            s
            for ln in lines
            for s in ln.segments
            if out[k][0] - 1 <= s.x0 and s.x1 > edge + 1 and s.x1 <= out[k + 1][0] + 1
        ]
        if overhang and all(
            s.text.strip() in PLACEHOLDERS
            or _placeholder_after_figure([g for g in s.glyphs if g.text.strip()])
            for s in overhang
        ):
            out[k] = (out[k][0], 0.0, edge + 0.5, 0.0)
            out[k + 1] = (min(out[k + 1][0], edge + 1), 0.0, out[k + 1][2], 0.0)
    return out


def _flush_edge(lines: list[Line], run: Box) -> float | None:
    """Where the figures of a column end, when four in five or more (three at least) end
    there."""
    edges = [
        x
        for ln in lines
        for s in ln.segments
        for word in _words(s)
        if run[0] - 1 <= word[0].x0 <= run[2] + 1 and (x := _figure_end(word)) is not None
    ]
    if len(edges) < 3:
        return None
    edge = statistics.median(edges)
    return edge if sum(1 for x in edges if abs(x - edge) <= 1) >= 0.8 * len(edges) else None


def _words(seg: Segment) -> list[list[Glyph]]:
    """A segment's words: figures of narrow columns may stand a word space apart."""
    words: list[list[Glyph]] = [[]]
    for g in seg.glyphs:
        if not g.text.strip() or (words[-1] and g.x0 - words[-1][-1].x1 > 0.2 * g.size):
            words.append([])
        if g.text.strip():
            words[-1].append(g)
    return [w for w in words if w]


def _figure_end(glyphs: list[Glyph]) -> float | None:
    """Where the figure a word holds ends, a placeholder touching it aside ("736—")."""
    cut = _placeholder_after_figure(glyphs)
    figure = glyphs[:cut] if cut else glyphs
    quantity = measured(_text(figure))
    return figure[-1].x1 if quantity is not None and quantity.value is not None else None


def _texts_in(line: Line, run: Box) -> list[str]:
    """The line's text within the column: of each segment reaching into it, the glyphs whose
    middle lies inside (a "—" touching the figure before it, 98.5—, is the next column's)."""
    texts = []
    for s in line.segments:
        if span_overlap(s.x0, s.x1, run[0], run[2]) > 0:
            inside = [g for g in s.glyphs if run[0] <= (g.x0 + g.x1) / 2 <= run[2]]
            texts.append(_text(inside).strip())
    return [t for t in texts if t]


def _placeholders_only(lines: list[Line], run: Box) -> bool:
    inside = [t for ln in lines for t in _texts_in(ln, run)]
    return bool(inside) and all(t in PLACEHOLDERS for t in inside)


def _corner(diagonals: list[Box], box: Box) -> Box | None:
    """The table's top-left cell when a diagonal crosses it (斜线表头): the column headings'
    label printed in its upper right, the row labels' in its lower left."""
    return next(
        (
            d
            for d in diagonals
            if span_overlap(d[0], d[2], box[0], box[2]) > 0
            and span_overlap(d[1], d[3], box[1], box[3]) > 0
            and abs(d[0] - box[0]) <= 10  # from the table's top-left corner
            and abs(d[1] - box[1]) <= 10
        ),
        None,
    )


def _reach_corner(runs: list[Box], corner: Box, box: Box) -> list[Box]:
    """The first column reaches to the corner cell's far end: the label in the cell's upper
    right is that cell's, no part of the column beside it however close to it it sits."""
    reach = runs[1][0] - 1 if len(runs) > 1 else box[2]
    if runs[0][2] < corner[2] - 1 <= reach:
        return [(runs[0][0], runs[0][1], corner[2] - 1, runs[0][3]), *runs[1:]]
    return runs


def _headed_in_order(header_lines: list[Line], runs: list[Box]) -> list[Box]:
    """Each column headed by the last cell of a header line that starts left of where the
    column's text ends, when those cells head the columns in order, each clear of the other
    columns' text: the column is then as wide as its text and its header.

    A spreadsheet prints a header flush left in its cell and the figures under it flush right.
    In a wide column the two do not overlap, and a header can sit nearer the figures of the
    column before it than its own: read by nearness (``_header_only_columns``), two header
    cells would claim one column and one of them would head an empty column of its own. Only
    then is the order read instead. A header cell over no column's text (an empty 备注) must be
    clear of them all; it still heads a column of its own.
    """
    for ln in header_lines:
        segs = ln.segments
        if len(segs) < max(2, len(runs)):
            continue
        heads = [max((i for i, s in enumerate(segs) if s.x0 < run[2]), default=-1) for run in runs]
        if heads[0] < 0 or any(a >= b for a, b in itertools.pairwise(heads)):
            continue
        gaps = [[_x_gap(s.x0, s.x1, run[0], run[2]) for run in runs] for s in segs]
        nearest = [row.index(min(row)) for row in gaps]
        own = all(
            (k == 0 or segs[i].x0 >= runs[k - 1][2])
            and (k + 1 == len(runs) or segs[i].x1 <= runs[k + 1][0])
            for k, i in enumerate(heads)
        )
        spare = all(min(gaps[i]) > 0 for i in range(len(segs)) if i not in heads)
        torn = any(gaps[i][k] > 0 and nearest.count(nearest[i]) > 1 for k, i in enumerate(heads))
        if own and spare and torn:
            runs = [
                (min(run[0], segs[i].x0), run[1], max(run[2], segs[i].x1), run[3])
                for run, i in zip(runs, heads, strict=True)
            ]
    return runs


def _header_only_columns(header_lines: list[Line], runs: list[Box]) -> list[Box]:
    """A header cell clear of the body's columns, nearest a column another cell of its header
    line heads, heads a column of its own: the body of this part leaves it empty (a total row
    alone under the header repeated on the next page). Not a word that another header line
    of that column's own cell runs under: the header's words wrap and spread across a cell
    wider than its column's figures ("Fraction    of / Wealth Lost", set justified). Any other
    header cell clear of the body's text heads the column it is nearest: a header centred in a
    cell wider than its figures, set flush left or right ("序号" over 1, 2, 3: a browser
    centres th and not td)."""

    def gap(seg: Segment, run: Box) -> float:
        return _x_gap(seg.x0, seg.x1, run[0], run[2])

    def under_own_cell(seg: Segment, k: int, line: Line) -> bool:
        return any(
            span_overlap(seg.x0, seg.x1, o.x0, o.x1) > 0
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
            # the cell nearest the column heads it, though none touches its text ("序号"
            # centred over 1, 2, 3 set flush left, beside a header over a column left empty)
            rivals = [o for o, j in zip(ln.segments, nearest, strict=True) if j == k]
            heads = min(rivals, key=lambda o: gap(o, runs[k])) is s
            clear = gap(s, runs[k]) > 0 and not heads and not under_own_cell(s, k, ln)
            if clear and not any(span_overlap(s.x0, s.x1, e[0], e[2]) > 0 for e in extra):
                extra.append((s.x0, 0.0, s.x1, 0.0))
    return sorted([*runs, *extra])


def _widen_to_header_text(head_lines: list[Line], lines: list[Line], runs: list[Box]) -> list[Box]:
    """A column is as wide as its widest text, its header's included: a short value under a
    long header had the header's width to fit in, so a value on the next line that would have
    fitted beside it was not wrapped there. Only up to the text of the columns beside it,
    which would otherwise fall in this one."""
    placed = [(ln in head_lines, *_place(ln, runs)) for ln in lines]
    ends = [-1e9] * len(runs)  # per column, the right edge of the text ending in it
    starts = [1e9] * len(runs)  # and the left edge of the text starting in it
    for _in_head, cols, spans in placed:
        for c, segs in cols.items():
            last = c + spans[c] - 1
            ends[last] = max(ends[last], *(s.x1 for s in segs))
            starts[c] = min(starts[c], *(s.x0 for s in segs))
    out = [[r[0], r[2]] for r in runs]
    for in_head, cols, spans in placed:
        for c, segs in cols.items():
            if not in_head or spans[c] > 1:
                continue
            lo = max(runs[c - 1][2], *ends[:c]) + 1 if c > 0 else -1e9
            hi = min(runs[c + 1][0], *starts[c + 1 :]) - 1 if c + 1 < len(runs) else 1e9
            out[c][0] = min(out[c][0], max(lo, *(s.x0 for s in segs)))
            out[c][1] = max(out[c][1], min(hi, *(s.x1 for s in segs)))
    return [(a, 0.0, b, 0.0) for a, b in out]


def _lines_above_figures(lines: list[Line]) -> list[Line]:
    """The header of a table no rule marks off: the lines above the first one holding figures
    (none when no line holds any, as in a table of text only)."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    first = next((i for i, ln in enumerate(ordered) if _is_measure_segs(ln.segments)), 0)
    return ordered[:first]


def _x_gap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Horizontal whitespace between two extents (0 when they overlap)."""
    return max(b0 - a1, a0 - b1, 0.0)


def _group_header(lines: list[Line], runs: list[Box]) -> list[_StreamRow]:
    """Header lines above a rule: a line only stacking under the text above it is a wrap."""
    rows: list[_StreamRow] = []
    for ln in lines:
        cols, spans = _place(ln, runs)
        if rows:
            prev = rows[-1]
            stacked = all(
                c in prev.cols
                and any(
                    span_overlap(s.x0, s.x1, p.x0, p.x1) > 0 for s in segs for p in prev.cols[c]
                )
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


def _lift_centred_labels(
    rows: list[_StreamRow], runs: list[Box], hs: list[Rule]
) -> list[_StreamRow]:
    """Move labels of unruled merged cells from the middle of their span to its first row.

    Without rules, or with rules under rows that stop short of it (or the edges of shading
    that leaves it bare), a cell spanning rows prints its text vertically centred on the rows
    it covers. When the labels of a sparse text column tile the body exactly (each one centred on
    the rows from the end of the previous span to just before the next label's span), each
    label moves to the top of its span, where ``build_cells`` expects a merged label; never
    across a rule under a row that crosses its column.
    """
    n = len(rows)
    if n < 3:
        return rows
    tops = [min(ln.top for ln in r.lines) for r in rows]
    bottoms = [max(ln.bottom for ln in r.lines) for r in rows]
    bounds = [tops[0]] + [(bottoms[i - 1] + tops[i]) / 2 for i in range(1, n)] + [bottoms[-1]]
    pitch = statistics.median([bounds[i + 1] - bounds[i] for i in range(n)])
    for c in range(len(runs)):
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
        middle = (runs[c][0] + runs[c][2]) / 2
        if any(
            h.horizontal and bounds[t] + 1 < h.top < tops[i] and h.x0 <= middle <= h.x1
            for i, t in moves
            for h in hs
        ):
            continue  # a rule under a row crosses the column: each row's cell is its own
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
    # group: an upper header cell spans the whole cells of the row below it is centred on, clear
    # of the row's other cells. Rows widen from the bottom up, so the top band of a three-level
    # header is centred over the middle band's groups, not over single columns.
    for i in range(len(rows) - 2, -1, -1):
        row, below = rows[i], rows[i + 1]
        units = [(col, col + below.spans.get(col, 1) - 1) for col in below.cols]
        under = {c for a, b in units for c in range(a, b + 1)}
        for col in sorted(row.cols):
            first, last = col, col + row.spans.get(col, 1) - 1
            taken = _columns(row) - set(range(first, last + 1))
            segs = row.cols[col]
            centre = (min(s.x0 for s in segs) + max(s.x1 for s in segs)) / 2
            best = (abs(centre - (runs[first][0] + runs[last][2]) / 2), first, last)
            for lo in range(first, -1, -1):
                if lo < first and (lo in taken or lo not in under):
                    break
                for hi in range(last, len(runs)):
                    if hi > last and (hi in taken or hi not in under):
                        break
                    if hi == lo or any(a < lo <= b or a <= hi < b for a, b in units):
                        continue  # a span cuts no cell of the row below in two
                    off = abs(centre - (runs[lo][0] + runs[hi][2]) / 2)
                    if off < best[0] and off < 0.25 * (runs[hi][2] - runs[lo][0]) / (hi - lo + 1):
                        best = (off, lo, hi)
            _, lo, hi = best
            # centred over more columns than the ones it is nearest the middle of (over four,
            # it is as centred on the middle two): take the free sub-headed columns on both
            # sides alike (never the label column)
            free = {c for c in below.cols if 0 < c < len(runs) and c not in taken}
            while lo - 1 in free and hi + 1 in free:
                lo, hi = lo - 1, hi + 1
            if (lo, hi) != (first, last):
                row.cols[lo] = row.cols.pop(col)
                row.spans.pop(col, None)
                row.spans[lo] = hi - lo + 1
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


def _indents(rows: list[_StreamRow]) -> tuple[dict[int, int], int]:
    """Indent level of each body row's label, and the label column they stand in."""
    col = label_column(
        {c: [segments_text(row.cols[c]) for row in rows if c in row.cols] for c in (0, 1)}
    )
    extents = {
        r: (min(s.x0 for s in row.cols[col]), max(s.x1 for s in row.cols[col]))
        for r, row in enumerate(rows)
        if col in row.cols
    }
    size = statistics.median(s.size for row in rows for segs in row.cols.values() for s in segs)
    texts = {r: segments_text(row.cols[col]) for r, row in enumerate(rows) if col in row.cols}
    return indent_levels(extents, size, texts), col
