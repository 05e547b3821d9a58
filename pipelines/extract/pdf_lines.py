"""What a line of a PDF page is, as table finding needs to know: a caption (表N …, Table N),
a caption's title running on to the next line, prose, a table row, or a long cell wrapped over
several lines.

Both the frames of ruled tables (``pdf_lattice``: a caption or prose between two rules parts
them) and the page analysis (``pdf_regions``: where a table starts and ends) classify lines the
same way, so the tests live here, apart from either.
"""

from __future__ import annotations

import re

from pipelines.extract.annotations import SENTENCE_END, is_note, source_department
from pipelines.extract.captions import Caption, is_caption_shaped, parse_caption, split_unit_clause
from pipelines.extract.pdf_glyphs import Line
from pipelines.model.values import is_measure

_ENGLISH_CAPTION = re.compile(r"^(?:Table|TABLE)\s+(?P<num>\d{1,3})\b[.:]?\s*(?P<title>.*)$")
_SPACED_CJK = re.compile(r"[\u4e00-\u9fff）)]\s+(?=[\u4e00-\u9fff（(])")


# --- captions and other classified lines


def title_goes_on(cap_line: Line, cap: Caption, ln: Line, width: tuple[float, float]) -> bool:
    """The line under a caption carries on its title: a title too long for one line, or a
    caption that prints "表1" alone over its title (or under it: ``ln`` may be the line above).
    Such a line is one piece of text in the caption's type, set as close as a wrapped line,
    centred like the caption (or on the body) or starting where it starts; a table's header
    row, a unit line or a sentence is none."""
    height = cap_line.bottom - cap_line.top
    gap = ln.top - cap_line.bottom if ln.top > cap_line.top else cap_line.top - ln.bottom
    if (
        len(ln.segments) != 1
        or gap > height
        or abs(ln.size - cap_line.size) > 0.5
        or len(ln.text) > 60
        or SENTENCE_END.search(ln.text)
        or SENTENCE_END.search(cap.title)
        or not split_unit_clause(ln.text)[0]  # a unit line (单位：亿元) is no title
        or is_measure(ln.text)
        or line_caption(ln.text)
        or source_department(ln.text)
        or is_note(ln.text)
    ):
        return False
    centre = (ln.x0 + ln.x1) / 2
    centred = any(
        abs(centre - c) < 2 * ln.size for c in ((cap_line.x0 + cap_line.x1) / 2, sum(width) / 2)
    )
    return centred or abs(ln.x0 - cap_line.x0) < ln.size


def line_caption(text: str) -> Caption | None:
    if not is_caption_shaped(text):
        return None
    caption = parse_caption(text)
    if caption is None:
        match = _ENGLISH_CAPTION.match(text)
        if match:
            number = int(match.group("num"))
            return Caption(number, f"Table {number}", match.group("title").strip(), False)
    return caption


def is_prose_line(line: Line, width: tuple[float, float]) -> bool:
    left, right = width
    span = max(right - left, 1.0)
    if len(line.segments) > 1:
        return False
    text = line.text
    # words set apart by spaces between CJK text are header cells run together, not prose
    if len(_SPACED_CJK.findall(text)) >= 2:
        return False
    return (line.x1 - line.x0) >= 0.6 * span and len(text) >= 20


def is_row_like(line: Line, width: tuple[float, float]) -> bool:
    if len(line.segments) >= 2:
        span = max(width[1] - width[0], 1.0)
        # two long prose columns are a page layout, not a table row
        return any(s.x1 - s.x0 < 0.3 * span for s in line.segments)
    return False


def cell_starts(lines: list[Line], width: tuple[float, float]) -> list[float]:
    """Left edges of the inner cells of table rows (well right of the row's first cell, more
    than a paragraph indent): where a column's text starts."""
    starts = []
    for ln in lines:
        if is_row_like(ln, width):
            indent = ln.segments[0].x0 + 3 * (ln.bottom - ln.top)
            starts.extend(s.x0 for s in ln.segments[1:] if s.x0 > indent)
    return starts


def wraps_in_cell(line: Line, starts: list[float]) -> bool:
    """A lone line starting where an inner column starts: a long cell (进展情况) wrapped over
    several lines, not prose, however long it runs."""
    return len(line.segments) == 1 and any(abs(line.x0 - x) <= 1.5 for x in starts)
