"""Charts drawn on the page: where a captioned figure (图1：…) sits, so that its labels are read
as neither a table nor prose.

Word and WPS export a chart as vector graphics: bars and pie slices as filled shapes, gridlines
and axes as rules, and the axis labels, data labels, legend and title as text. Read like the
rest of the page, the gridlines and data labels made an uncaptioned table of stray figures
("97.20%" under "98.07%") and the labels broke into the prose ("B类C企类业企 1家业 0家"). The genre
captions its charts, under the chart or over it, so the caption anchors the figure: from the
caption, the drawing and the short labels around it are taken for as long as they follow one
another closely, and never past the running text around the chart: a sentence, a heading, a
caption, a 数据来源 or 注 line, a line as wide as the text column or one that carries on a
paragraph, a line ending in "：", and the rows of a table (lines of cells aligned one under the
other, which no chart prints).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.extract.annotations import HEADING_ENUM, SENTENCE_END, SOURCE_LINE, is_note
from pipelines.extract.captions import caption_line, is_figure_caption
from pipelines.extract.pdf_glyphs import Box, Line, Segment

# a gap between two pieces of one chart, in caption heights: labels under the axis, the legend
# under the labels, the title over the plot follow within a few lines' distance. The first
# piece may stand any distance off the caption (a chart area's blank margin): it is the next
# thing on the page that is not running text
_GAP = 4.0
_ALIGN = 3.0  # points between the edges (or centres) of cells one under the other


@dataclass(frozen=True)
class Graphic:
    """A visible drawing object or picture: ``kind`` "rule" (a line, a stroked box: rules and
    cell edges), "fill" (a filled box), "shape" (a curve, a slanting line) or "image"."""

    box: Box
    kind: str


@dataclass
class PageFigures:
    """The charts found on one page, and the captions on it whose chart is on the next page
    or the one before (a page break fell between the two)."""

    boxes: list[Box]
    # the page ends on a caption printed over its chart: the chart opens the next page
    chart_on_next_page: float | None = None  # the caption's size
    # the page opens with a caption printed under its chart: the chart ends the page before
    chart_on_page_before: float | None = None


def figure_boxes(lines: Sequence[Line], graphics: Sequence[Graphic]) -> PageFigures:
    """The box of each captioned chart on the page (``lines`` in reading order): the caption's
    own line is not in it."""
    running = running_text(lines)
    found = PageFigures([])
    for i, caption in enumerate(lines):
        if not standalone_caption(i, lines):
            continue
        # the genre captions under the chart; over it only when nothing is drawn above. A
        # chart found for an earlier caption is no other caption's
        free = [g for g in graphics if not within(g.box, found.boxes)]
        stops = [ln.bottom for k, ln in enumerate(lines[:i]) if running[k]]
        box = _grow(caption, lines, free, (max(stops, default=0.0), caption.top), True)
        if box is None:
            stops = [ln.top for k, ln in enumerate(lines) if k > i and running[k]]
            band = (caption.bottom, min(stops, default=float("inf")))
            box = _grow(caption, lines, free, band, False)
        if box is not None:
            found.boxes.append(box)
        elif i == len(lines) - 1:
            found.chart_on_next_page = caption.size
        elif i == 0:
            found.chart_on_page_before = caption.size
    return found


def chart_at_edge(
    lines: Sequence[Line], graphics: Sequence[Graphic], size: float, top: bool
) -> Box | None:
    """The chart opening the page (``top``) or ending it, whose caption is on the page before
    or after: what is drawn there before the first line of running text."""
    running = running_text(lines)
    if top:
        stops = [ln.top for ln, stop in zip(lines, running, strict=True) if stop]
        return _grow(None, lines, graphics, (0.0, min(stops, default=float("inf"))), False, size)
    stops = [ln.bottom for ln, stop in zip(lines, running, strict=True) if stop]
    return _grow(None, lines, graphics, (max(stops, default=0.0), float("inf")), True, size)


def standalone_caption(i: int, lines: Sequence[Line]) -> bool:
    """Whether line ``i`` (of ``lines`` in reading order) is a chart's caption: caption-shaped
    text on a line of its own. A paragraph that wraps "…如\n图1所示，…" onto a line that opens
    like a caption carries on from the line above, and one that opens "图1显示，…" carries on
    onto the line below."""
    if not is_figure_caption(lines[i].text):
        return False
    # a caption is centred or short: only a paragraph's first line runs to the right margin
    column = _column(lines)
    return not (
        (i and _carries_on(lines[i - 1], lines[i], column))
        or (i + 1 < len(lines) and _carries_on(lines[i], lines[i + 1], column, wide=False))
    )


def running_text(lines: Sequence[Line]) -> list[bool]:
    """For each line (in reading order), whether it belongs to the running text or a table,
    which no chart reaches past."""
    column = _column(lines)
    left, right = column
    rows = _table_rows(lines)
    out: list[bool] = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        stop = bool(
            i in rows
            or is_figure_caption(text)
            or caption_line(text)
            or SOURCE_LINE.match(text)
            or is_note(text)
            or "。" in text
            or SENTENCE_END.search(text)
            or text.endswith(("：", ":"))
            or HEADING_ENUM.match(text)
            or (len(line.segments) == 1 and line.x1 - line.x0 >= 0.6 * (right - left))
            # the last line of a paragraph whose lines above fill the measure
            or (
                i
                and out[-1]
                and not is_figure_caption(lines[i - 1].text)
                and _carries_on(lines[i - 1], line, column)
            )
        )
        out.append(stop)
    return out


def _column(lines: Sequence[Line]) -> tuple[float, float]:
    """Left and right edges of the text on the page."""
    return min((ln.x0 for ln in lines), default=0.0), max((ln.x1 for ln in lines), default=0.0)


def _carries_on(above: Line, line: Line, column: tuple[float, float], wide: bool = True) -> bool:
    """``line`` goes on with the text of the line above: a line of running text that reaches
    the column's right margin (or, with ``wide``, is as wide as most of the column, as ragged
    text is), closes no sentence and is no caption, followed at the text's leading."""
    left, right = column
    text = above.text.strip()
    return (
        (
            above.x1 >= right - 2 * above.size
            or (wide and above.x1 - above.x0 >= 0.6 * (right - left))
        )
        and not SENTENCE_END.search(text)
        and not caption_line(text)
        and 0 <= line.top - above.bottom <= above.bottom - above.top
    )


def _table_rows(lines: Sequence[Line]) -> set[int]:
    """Lines that are rows of a table: two lines in a row, each of several cells, whose cells
    stand one under the other (left edges, right edges or centres aligned). Chart labels never
    do: data labels sit over bars of different heights, or at the ends of bars of different
    lengths."""
    rows: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(lines)):
        if (
            len(a.segments) >= 2
            and len(a.segments) == len(b.segments)
            and 0 <= b.top - a.bottom <= 1.5 * (a.bottom - a.top)
            and all(_aligned(s, t) for s, t in zip(a.segments, b.segments, strict=True))
        ):
            rows.update((i, i + 1))
    return rows


def _aligned(a: Segment, b: Segment) -> bool:
    centres = abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2)
    return min(abs(a.x0 - b.x0), abs(a.x1 - b.x1), centres) <= _ALIGN


def _grow(
    caption: Line | None,
    lines: Sequence[Line],
    graphics: Sequence[Graphic],
    band: tuple[float, float],
    above: bool,
    size: float = 0.0,
) -> Box | None:
    """The chart between the caption (or the page's edge) and the running text on that side
    (``band``): the pieces taken one after another from the caption outwards, while the next
    starts within a gap of how far the chart reaches so far. ``size`` is the caption's when it
    is on another page."""
    lo, hi = band
    in_band = [g for g in graphics if lo - 1 <= g.box[1] and g.box[3] <= hi + 1]
    pieces: list[tuple[float, float, Box, bool]] = [
        (g.box[1], g.box[3], g.box, _charted(g, lines)) for g in _with_gridlines(in_band)
    ]
    pieces += [
        ((ln.top, ln.bottom, (ln.x0, ln.top, ln.x1, ln.bottom), False))
        for ln in lines
        if ln is not caption and lo <= ln.top and ln.bottom <= hi
    ]
    size = caption.size if caption is not None else size
    edge = hi if above else lo
    taken: list[tuple[float, float, Box, bool]] = []
    # nearest first, by the edge that faces the caption: pieces start in this order
    for piece in sorted(pieces, key=lambda p: -p[1] if above else p[0]):
        reach = _GAP * size if taken else float("inf")
        if (piece[1] < edge - reach) if above else (piece[0] > edge + reach):
            break
        taken.append(piece)
        edge = min(edge, piece[0]) if above else max(edge, piece[1])
    if not any(shape for *_, shape in taken):
        return None  # no chart here: a blank space, a rule, or a table's ruling
    return (
        min(p[2][0] for p in taken),
        min(p[0] for p in taken),
        max(p[2][2] for p in taken),
        max(p[1] for p in taken),
    )


def _with_gridlines(graphics: Sequence[Graphic]) -> list[Graphic]:
    """``graphics`` with a chart's gridlines as one piece: rules of one extent, evenly spaced,
    as far apart as the scale makes them (a plot whose bars stay low leaves its top gridlines
    alone with their labels, with no axis drawn between)."""
    ladders: dict[tuple[int, int], list[Graphic]] = {}
    out: list[Graphic] = []
    for g in graphics:
        x0, top, x1, bottom = g.box
        if g.kind == "rule" and bottom - top <= 1 and x1 - x0 > 20:
            ladders.setdefault((round(x0), round(x1)), []).append(g)
        else:
            out.append(g)
    for rungs in ladders.values():
        steps = [b.box[1] - a.box[1] for a, b in itertools.pairwise(sorted(rungs, key=_top))]
        if len(rungs) >= 3 and min(steps) > 5 and max(steps) <= 1.1 * min(steps):
            box = (rungs[0].box[0], min(map(_top, rungs)), rungs[0].box[2], max(map(_top, rungs)))
            out.append(Graphic(box, "rule"))
        else:
            out += rungs
    return out


def _top(graphic: Graphic) -> float:
    return graphic.box[1]


def _charted(graphic: Graphic, lines: Sequence[Line]) -> bool:
    """What only a chart or a picture draws: a curve (a pie's slice, a line's series), an image,
    or a filled box with no text in it (a bar, a legend's swatch). A shaded cell has its text:
    Word shades a header cell by cell, each round the text of its cell."""
    if graphic.kind != "fill":
        return graphic.kind != "rule"
    x0, top, x1, bottom = graphic.box
    return not any(
        x0 <= (s.x0 + s.x1) / 2 <= x1 and top <= (s.top + s.bottom) / 2 <= bottom
        for ln in lines
        for s in ln.segments
    )


def within(box: Box, figures: Sequence[Box], tol: float = 1.0) -> bool:
    """Whether ``box`` lies wholly within one of the ``figures``."""
    x0, top, x1, bottom = box
    return any(
        f[0] - tol <= x0 and x1 <= f[2] + tol and f[1] - tol <= top and bottom <= f[3] + tol
        for f in figures
    )
