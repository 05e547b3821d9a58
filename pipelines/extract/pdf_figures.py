"""Charts drawn on the page: where a captioned figure (图1：…) sits, so that its labels are read
as neither a table nor prose.

Word and WPS export a chart as vector graphics: bars and pie slices as filled shapes, gridlines
and axes as rules, and the axis labels, data labels, legend and title as text. Read like the
rest of the page, the gridlines and data labels made an uncaptioned table of stray figures
("97.20%" under "98.07%") and the labels broke into the prose ("B类C企类业企 1家业 0家"). The genre
captions its charts, under the chart or over it, so the caption anchors the figure: from the
caption, the drawing and the short labels around it are taken for as long as they follow one
another closely, and never past a line that belongs to the running text (a sentence, a heading,
a caption, a 数据来源 or 注 line, a line as wide as the text column).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.extract.annotations import HEADING_ENUM, SENTENCE_END, SOURCE_LINE, is_note
from pipelines.extract.captions import FIGURE_CAPTION, caption_line, is_caption_shaped

if TYPE_CHECKING:
    from pipelines.extract.pdf_layout import Box, Line

# a gap between two pieces of one chart, in caption heights: labels under the axis, the legend
# under the labels, the title over the plot follow within a few lines' distance. The first
# piece may stand any distance off the caption (a chart area's blank margin): it is the next
# thing on the page that is not running text
_GAP = 4.0


@dataclass(frozen=True)
class Graphic:
    """A visible drawing object or picture: ``kind`` "rule" (a line, a stroked box: rules and
    cell edges), "fill" (a filled box), "shape" (a curve, a slanting line) or "image"."""

    box: Box
    kind: str


def is_figure_caption(text: str) -> bool:
    text = text.strip()
    return bool(FIGURE_CAPTION.match(text)) and is_caption_shaped(text)


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
    """The box of each captioned chart on the page: the caption's own line is not in it."""
    measure = _measure(lines)
    found = PageFigures([])
    for caption in lines:
        if not is_figure_caption(caption.text):
            continue
        # the genre captions under the chart; over it only when nothing is drawn above
        stops = [ln.bottom for ln in lines if ln.bottom <= caption.top and _text(ln, measure)]
        box = _grow(caption, lines, graphics, (max(stops, default=0.0), caption.top), True)
        if box is None:
            stops = [ln.top for ln in lines if ln.top >= caption.bottom and _text(ln, measure)]
            band = (caption.bottom, min(stops, default=float("inf")))
            box = _grow(caption, lines, graphics, band, False)
        if box is not None:
            found.boxes.append(box)
        elif caption is lines[-1]:
            found.chart_on_next_page = caption.size
        elif caption is lines[0]:
            found.chart_on_page_before = caption.size
    return found


def chart_at_edge(
    lines: Sequence[Line], graphics: Sequence[Graphic], size: float, top: bool
) -> Box | None:
    """The chart opening the page (``top``) or ending it, whose caption is on the page before
    or after: what is drawn there before the first line of running text."""
    measure = _measure(lines)
    if top:
        stops = [ln.top for ln in lines if _text(ln, measure)]
        return _grow(None, lines, graphics, (0.0, min(stops, default=float("inf"))), False, size)
    stops = [ln.bottom for ln in lines if _text(ln, measure)]
    return _grow(None, lines, graphics, (max(stops, default=0.0), float("inf")), True, size)


def _measure(lines: Sequence[Line]) -> float:
    return max((ln.x1 for ln in lines), default=0.0) - min((ln.x0 for ln in lines), default=0.0)


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
    follows within a gap (nearest first: once one is too far, so is every piece after it).
    ``size`` is the caption's when it is on another page."""
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
    or a filled box with no text in it (a bar, a legend's swatch; a shaded cell has its text)."""
    if graphic.kind != "fill":
        return graphic.kind != "rule"
    x0, top, x1, bottom = graphic.box
    return not any(
        x0 <= (ln.x0 + ln.x1) / 2 <= x1 and top <= (ln.top + ln.bottom) / 2 <= bottom
        for ln in lines
    )


def _text(line: Line, measure: float) -> bool:
    """A line of the running text around a chart, never one of its labels."""
    text = line.text.strip()
    return bool(
        is_figure_caption(text)
        or caption_line(text)
        or SOURCE_LINE.match(text)
        or is_note(text)
        or "。" in text
        or SENTENCE_END.search(text)
        or HEADING_ENUM.match(text)
        or (len(line.segments) == 1 and line.x1 - line.x0 >= 0.6 * measure)
    )


def inside(box: Box, figures: Sequence[Box], tol: float = 1.0) -> bool:
    """Whether ``box`` lies within one of the ``figures``."""
    x0, top, x1, bottom = box
    return any(
        f[0] - tol <= x0 and x1 <= f[2] + tol and f[1] - tol <= top and bottom <= f[3] + tol
        for f in figures
    )
