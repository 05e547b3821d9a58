"""How a page body is divided: the bands of running matter at the top and the foot, the gutter
between two columns of prose, the stretches a table fills across both columns, and the ruled
boxes (floating tables, text boxes) that a line of prose runs past.

A page read as one column when it has two ran every line of prose across both; a table set
across both columns read per column split its rows. Both are decided here, from the lines and
rules the page reading found, before tables and prose are looked for.
"""

from __future__ import annotations

import bisect
import re
import statistics

from pipelines.extract.captions import parse_caption
from pipelines.extract.pdf_figures import within
from pipelines.extract.pdf_glyphs import (
    Box,
    Line,
    Rule,
    cluster_lines,
    make_line,
    rule_runs,
    union_length,
)


def _side_lines(lines: list[Line], lo: float, hi: float) -> list[Line]:
    """The parts of ``lines`` whose glyphs sit between ``lo`` and ``hi``, re-clustered."""
    glyphs = [
        g for ln in lines for s in ln.segments for g in s.glyphs if lo <= (g.x0 + g.x1) / 2 < hi
    ]
    return [ln for ln in (make_line(g) for g in cluster_lines(glyphs)) if ln is not None]


def _prose_side(lines: list[Line]) -> bool:
    """Text set as running prose: several single-run lines filling the column's width."""
    if len(lines) < 4:
        return False
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    full = _full_lines(lines, 0.7 * (right - left), 15)
    return len(full) >= 4 and len(full) >= 0.25 * len(lines)


def _full_lines(lines: list[Line], least_width: float, least_chars: int) -> list[Line]:
    """Lines of running prose: one piece of text each, as wide and as long as asked (a table's
    cells are several pieces, or short)."""
    return [
        ln
        for ln in lines
        if len(ln.segments) == 1 and len(ln.text) >= least_chars and ln.x1 - ln.x0 >= least_width
    ]


def _gutter(
    lines: list[Line], rules: list[Rule], width: float, height: float
) -> tuple[float, float] | None:
    """A vertical gutter parting the page body into two columns of text, as (x0, x1).

    A tall x-range that no glyph of the body crosses (a few spanning lines, such as a title over
    both columns, are let through) with text on both sides over most of the body's height, and
    running prose on both sides: the gap between two columns of a table has cells, not prose,
    on at least one side, and a table's rules run across it.
    """
    body = [ln for ln in lines if not margin_band(ln.top, ln.bottom, height)]
    if len(body) < 8:
        return None
    top = min(ln.top for ln in body)
    bottom = max(ln.bottom for ln in body)
    span = bottom - top
    x_lo = int(min(ln.x0 for ln in body))
    x_hi = int(max(ln.x1 for ln in body)) + 1
    if span <= 0 or x_hi - x_lo < 100:
        return None
    crossing = [0.0] * (x_hi - x_lo + 1)
    sizes: list[float] = []
    for ln in body:
        h = ln.bottom - ln.top
        for s in ln.segments:
            sizes.append(s.size)
            for g in s.glyphs:
                if not g.text.strip():
                    continue
                for x in range(max(int(g.x0) + 1, x_lo), min(int(g.x1), x_hi) + 1):
                    crossing[x - x_lo] += h
    size = statistics.median(sizes)
    allowance = 0.15 * span
    best: tuple[float, float] | None = None
    run_start: int | None = None
    for i, c in enumerate([*crossing, float("inf")]):
        if c <= allowance:
            if run_start is None:
                run_start = i
            continue
        if run_start is not None:
            g0, g1 = x_lo + run_start, x_lo + i
            wide = g1 - g0 >= max(1.2 * size, 8.0)
            middle = x_lo + 0.2 * (x_hi - x_lo) <= (g0 + g1) / 2 <= x_lo + 0.8 * (x_hi - x_lo)
            if wide and middle and (best is None or g1 - g0 > best[1] - best[0]):
                best = (float(g0), float(g1))
            run_start = None
    if best is None:
        return None
    # the allowance lets a few lines into the run: the gutter proper is its emptiest stretch
    lo, hi = int(best[0]) - x_lo, int(best[1]) - x_lo
    floor = min(crossing[lo:hi]) + 0.02 * span
    stretch: tuple[int, int] | None = None
    start: int | None = None
    for i in range(lo, hi + 1):
        if i < hi and crossing[i] <= floor:
            start = i if start is None else start
            continue
        if start is not None and (stretch is None or i - start > stretch[1] - stretch[0]):
            stretch = (start, i)
        start = None
    if stretch is None or stretch[1] - stretch[0] < max(1.2 * size, 8.0):
        return None
    best = (float(x_lo + stretch[0]), float(x_lo + stretch[1]))
    g0, g1 = best
    # rules across the gutter tie the two sides into one table, unless they keep to a band of
    # the body (a table set across both columns of prose)
    tables = _tables_across(body, rules, best, height)
    if any(b - a > 0.5 * span for a, b in tables):
        return None
    if (
        tables
        and sum(
            1
            for ln in body
            if _over_gutter(ln, best) and not any(a - 30 <= ln.middle <= b + 30 for a, b in tables)
        )
        > 2
    ):
        return None  # full lines of prose beside a gap in tables: one column, not two
    sides = [_side_lines(body, float("-inf"), g0), _side_lines(body, g1, float("inf"))]
    for side in sides:
        if not side:
            return None
        covered = union_length([(ln.top, ln.bottom) for ln in side])
        if (
            covered < 0.3 * span
            or max(ln.bottom for ln in side) - min(ln.top for ln in side) < 0.6 * span
        ):
            return None
        if not _prose_side(side):
            return None
    return best


def _joined_horizontals(rules: list[Rule]) -> list[tuple[float, float, float]]:
    """Horizontal rules as printed, as (x0, x1, y): pieces that :func:`rule_runs` joins are
    one."""
    return [
        (min(rules[k].x0 for k in run), max(rules[k].x1 for k in run), rules[run[0]].top)
        for run in rule_runs(rules)
        if rules[run[0]].horizontal
    ]


def _full_width_bands(
    lines: list[Line], rules: list[Rule], gutter: tuple[float, float], height: float
) -> list[tuple[float, float]]:
    """Stretches of a two-column page that a table fills across both columns (its rules cross
    the gutter), with the caption and 单位 line over it and the 注 and 数据来源 under it: read
    whole, between the columns' text above and below."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    bands = []
    for top, bottom in _tables_across(lines, rules, gutter, height):
        for ln in reversed([ln for ln in ordered if ln.bottom <= top + 1]):
            if top - ln.bottom > 2.5 * (ln.bottom - ln.top) or not (
                _over_gutter(ln, gutter) or parse_caption(ln.text) or ln.text.startswith("单位")
            ):
                break
            top = ln.top - 1
        for ln in [ln for ln in ordered if ln.top >= bottom - 1]:
            if ln.top - bottom > 2.5 * (ln.bottom - ln.top) or not (
                _over_gutter(ln, gutter) or ln.text.startswith(("注", "数据来源", "资料来源"))
            ):
                break
            bottom = ln.bottom + 1
        bands.append((top, bottom))
    return bands


def _tables_across(
    lines: list[Line], rules: list[Rule], gutter: tuple[float, float], height: float
) -> list[tuple[float, float]]:
    """The stretches (top, bottom) of the body that rules crossing the gutter span, two or more
    to a stretch, as a table's do (a running header's rule in the page's margin is none). A
    caption, or prose on both sides of the gutter, between two such rules parts two tables."""
    g0, g1 = gutter
    ys = sorted(
        y
        for x0, x1, y in _joined_horizontals(rules)
        if x0 < g0 - 2 and x1 > g1 + 2 and not margin_band(y, y, height)
    )
    ordered = sorted(lines, key=lambda ln: ln.middle)
    middles = [ln.middle for ln in ordered]
    stretches: list[tuple[float, float]] = []
    for y in ys:
        if stretches:
            last = stretches[-1][1]
            between = ordered[bisect.bisect_right(middles, last) : bisect.bisect_left(middles, y)]
            if not _parted(between, gutter):
                stretches[-1] = (stretches[-1][0], y)
                continue
        stretches.append((y, y))
    return [(top, bottom) for top, bottom in stretches if bottom > top]


def _parted(between: list[Line], gutter: tuple[float, float]) -> bool:
    """Lines between two rules that part two tables: a caption, or two lines or more of prose
    on each side of the gutter (full lines of one piece, not a table's cells)."""
    if len(between) < 2:
        return False  # a row between two of a grid's rules
    if any(parse_caption(ln.text) for ln in between):
        return True
    for side in (
        _side_lines(between, float("-inf"), gutter[0]),
        _side_lines(between, gutter[1], float("inf")),
    ):
        widest = max((ln.x1 - ln.x0 for ln in side), default=0.0)
        if len(_full_lines(side, 0.6 * widest, 10)) < 2:
            return False
    return True


def _over_gutter(line: Line, gutter: tuple[float, float]) -> bool:
    """The line's ink crosses the gutter (a title over both columns, a table's row)."""
    return any(
        g.x0 < gutter[1] - 1 and g.x1 > gutter[0] + 1 and g.text.strip()
        for s in line.segments
        for g in s.glyphs
    )


def ruled_boxes(rules: list[Rule]) -> list[Box]:
    """Boxes ruled all round (a text box's border), as two upright rules of the same height
    joined by level rules at their ends."""
    ups = [r for r in rules if not r.horizontal and r.length > 20]
    levels = [r for r in rules if r.horizontal]
    if len(ups) > 200:
        return []

    def across(y: float, x0: float, x1: float) -> bool:
        return any(abs(h.top - y) < 2 and h.x0 <= x0 + 2 and h.x1 >= x1 - 2 for h in levels)

    return [
        (a.x0, a.top, b.x0, a.bottom)
        for a in ups
        for b in ups
        if b.x0 > a.x0 + 20
        and abs(a.top - b.top) < 2
        and abs(a.bottom - b.bottom) < 2
        and across(a.top, a.x0, b.x0)
        and across(a.bottom, a.x0, b.x0)
    ]


def float_boxes(lines: list[Line], rules: list[Rule], fills: list[Box]) -> list[Box]:
    """Boxes the prose flows round: a sidebar or a callout (98.6% over 食品抽检合格率) on a
    shaded box, or a pull-quote between a rule over it and one under it, narrower than the
    text, with text in it and running text beside it on the same heights. Read with the flow,
    its text cut the sentence beside it in two."""
    fills = fills + _ruled_over_and_under(rules)
    if not lines or not fills:
        return []
    left = min(ln.x0 for ln in lines)
    measure = max(ln.x1 for ln in lines) - left
    found: list[Box] = []
    for x0, top, x1, bottom in fills:
        if x1 - x0 >= 0.7 * measure or bottom - top < 20:
            continue
        inside = [
            seg
            for ln in lines
            if top <= ln.middle <= bottom
            for seg in ln.segments
            if x0 - 2 <= seg.x0 and seg.x1 <= x1 + 2
        ]
        beside = _full_lines(
            [
                part
                for ln in lines
                if top <= ln.middle <= bottom
                for part in (ln.part(float("-inf"), x0 - 2), ln.part(x1 + 2, float("inf")))
                if part is not None
            ],
            0.0,
            10,
        )
        # words, not a column of figures ruled over and under for its sum
        worded = any(re.search(r"[\u4e00-\u9fff]|[A-Za-z]{3}", seg.text) for seg in inside)
        if (
            worded
            and len(beside) >= 2
            and not any(within(b, [(x0, top, x1, bottom)]) for b in found)
        ):
            found.append((x0, top, x1, bottom))
    return found


def _ruled_over_and_under(rules: list[Rule]) -> list[Box]:
    """A block between two level rules of the same extent, a pull-quote's over and under it
    (a three-line table has a third, under its header)."""
    spans: dict[tuple[int, int], list[float]] = {}
    for x0, x1, y in _joined_horizontals(rules):
        spans.setdefault((round(x0), round(x1)), []).append(y)
    return [(x0, min(ys), x1, max(ys)) for (x0, x1), ys in spans.items() if len(ys) == 2]


def beside_boxes(lines: list[Line], boxes: list[Box]) -> list[Line]:
    """A line running past the side of a ruled table narrower than the text (a floating table,
    a text box the prose flows round) is two lines: the part inside the table and the part
    beside it. Read as one, the prose beside a table became its header text, and a caption's
    wrapped title ran on into the prose."""
    if not lines or not boxes:
        return lines
    measure = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)

    def area(b: Box) -> float:
        return (b[2] - b[0]) * (b[3] - b[1])

    # the outermost boxes (the same box found twice, by pdfplumber and from the rules, is one)
    outer = [
        b
        for b in boxes
        if not any(
            area(o) > area(b) + 50
            and o[0] <= b[0] + 1
            and o[1] <= b[1] + 1
            and o[2] >= b[2] - 1
            and o[3] >= b[3] - 1
            for o in boxes
        )
    ]
    narrow = [b for b in outer if b[2] - b[0] < 0.7 * measure]
    out: list[Line] = []
    for ln in lines:
        for x0, top, x1, bottom in narrow:
            if not top - 1 <= ln.middle <= bottom + 1:
                continue
            inside = ln.part(x0 - 1, x1 + 1)
            if inside is not None and inside is not ln:
                beside = [s for s in ln.segments if s not in inside.segments]
                out += [inside, Line.of(beside)]
                break
        else:
            out.append(ln)
    return out


def _split_columns(
    lines: list[Line], gutter: tuple[float, float], bands: list[tuple[float, float]]
) -> list[Line]:
    """Lines of a page with a gutter: lines crossing it whole, and those of a table set across
    both columns, the rest per column."""
    g0, g1 = gutter
    spanning = [
        ln for ln in lines if _over_gutter(ln, gutter) or any(a <= ln.middle <= b for a, b in bands)
    ]
    crossing = {id(ln) for ln in spanning}
    rest = [ln for ln in lines if id(ln) not in crossing]
    mid = (g0 + g1) / 2
    return spanning + _side_lines(rest, float("-inf"), mid) + _side_lines(rest, mid, float("inf"))


def margin_band(top: float, bottom: float, height: float) -> str:
    if bottom <= 0.11 * height:
        return "top"
    if top >= 0.9 * height:
        return "bottom"
    return ""


def read_columns(
    lines: list[Line], rules: list[Rule], width: float, height: float
) -> tuple[list[Line], list[tuple[float, float]], list[tuple[float, float]]]:
    """The page's lines as read in columns, the columns (x0, x1) left to right, and the bands
    (top, bottom) a table fills across them; one column (no columns, no bands) without a
    gutter."""
    found = _gutter(lines, rules, width, height)
    if found is None:
        return lines, [], []
    bands = _full_width_bands(lines, rules, found, height)
    middle = (found[0] + found[1]) / 2
    return _split_columns(lines, found, bands), [(0.0, middle), (middle, width)], bands
