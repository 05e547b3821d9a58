"""Running text of a PDF in reading order: paragraphs rejoined across line and page breaks,
without running matter, tables, captions and footnotes, with their pages for provenance."""

from __future__ import annotations

import itertools
import re
import statistics
from pathlib import Path

from pipelines.extract.annotations import HEADING_ENUM, SENTENCE_END
from pipelines.extract.captions import is_continued_mark
from pipelines.extract.markup import footnote_refs, strip_markup
from pipelines.extract.pdf_cells import join_lines
from pipelines.extract.pdf_figures import standalone_caption
from pipelines.extract.pdf_glyphs import FIGURE_TEXT, Line, spaced_scripts
from pipelines.extract.pdf_layout import PageLayout, PdfDocument, read_document
from pipelines.extract.pdf_regions import body_width, column_pages, column_regions
from pipelines.model.units import is_unit
from pipelines.model.values import is_measure


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


def figures_read_as_text(paragraphs: list[tuple[int, str]]) -> list[str]:
    """Pages whose prose holds rows of figures and hardly a word: a table no table was read
    from (a spreadsheet's columns printed on pages of their own, their figures closer than a
    column's gap). Said as warnings, so that they are not lost in the prose unnoticed."""
    by_page: dict[int, int] = {}
    for page, text in paragraphs:
        words = text.split()
        figures = sum(1 for w in words if is_measure(w))
        if figures >= 3 and figures >= 0.8 * len(words):
            by_page[page] = by_page.get(page, 0) + figures
    return [
        f"page {page}: {figures} figures read as running text, no table around them (a table"
        " with no caption, or columns printed on a page of their own)"
        for page, figures in sorted(by_page.items())
        if figures >= 12
    ]


def _footnotes_top(
    page: PageLayout, running: list[Line], tables: list[tuple[float, float]], body_size: float
) -> float:
    """Where the page's footnotes start (the page's height when it has none): under the short
    rule Word sets at the left margin over them, in smaller type than the text above, or
    with no rule as ``_unruled_footnotes_top`` finds them. They are no running text: the
    数据来源 they give is read from the page's lines."""
    left, right = body_width(page)
    for rule in sorted(page.rules, key=lambda r: r.top):
        if not (
            rule.horizontal
            and rule.top > page.height / 2
            and 20 < rule.x1 - rule.x0 < 0.45 * (right - left)
            and abs(rule.x0 - left) < 2 * body_size
            and all(b < rule.top for _, b in tables)
        ):
            continue
        under = [ln for ln in running if ln.middle > rule.top]
        if (
            under
            and all(ln.top > rule.top - 1 and ln.size < 0.95 * body_size for ln in under)
            and not any(ln.top < rule.top < ln.bottom for ln in running)
        ):
            return rule.top
    return _unruled_footnotes_top(running, body_size) or page.height


# a footnote's mark at the start of its line: ①, or a raised figure (<sup>1</sup>)
_NOTE_MARK = re.compile(
    r"^\s*(?:(?P<circled>[\u2460-\u2473])|<sup>\s*(?P<raised>\d{1,2})\s*</sup>)"
)


def _unruled_footnotes_top(running: list[Line], body_size: float) -> float | None:
    """Footnotes set with no rule over them: among the page's last lines in smaller type than
    the text, the first that opens with a mark (①, a raised 1) the text above cites, and all
    under it. Prose lists use ① too, in body type and cited nowhere: those stay; so does small
    type over the notes (a chart's source line)."""
    ordered = sorted(running, key=lambda ln: ln.top)
    small = list(itertools.takewhile(lambda ln: ln.size < 0.95 * body_size, ordered[::-1]))[::-1]
    if not small or len(small) == len(ordered):
        return None
    text = "".join(ln.marked for ln in ordered[: len(ordered) - len(small)])
    for line in small:
        mark = _NOTE_MARK.match(line.marked)
        if mark is None:
            continue
        if mark.group("circled"):
            cited = mark.group("circled") in text
        else:
            cited = int(mark.group("raised")) in footnote_refs(text)
        return line.top if cited else None
    return None


def _margins(
    line: Line,
    taken: list[tuple[float, float, float, float]],
    running: list[Line],
    width: tuple[float, float],
    pad: float,
) -> tuple[float, float]:
    """A line's margins: the page's, or beside a table the prose flows round (down to ``pad``
    under it), the table's edge on its right and, on its left, where the lines beside the
    table start."""
    left, right = width
    band = [t for t in taken if t[0] - 1 <= line.middle <= t[1] + pad]
    right = min([right, *(x0 for _, _, x0, _ in band if x0 > line.x1)])
    lefts = [t for t in band if t[3] < line.x0]
    if lefts:
        top, bottom, _, edge = max(lefts, key=lambda t: t[3])
        left = min(
            (ln.x0 for ln in running if top - 1 <= ln.middle <= bottom + pad and ln.x0 > edge),
            default=left,
        )
    return left, right


def _key_figures(lines: list[Line]) -> dict[int, tuple[str, int]]:
    """Key-figure boxes a designed report sets in a row: big figures over their units and
    labels, one under the other (12345 / 件 / 投诉举报), or the labels over the figures. Read
    line by line they stated nothing ("12345 98.7 3268 156"); each box is a statement of its
    own ("投诉举报12345件，按时办结率98.7%。"). Keyed by the index of the group's first line:
    the statement and how many lines it takes."""
    found: dict[int, tuple[str, int]] = {}
    i = 0
    while i < len(lines):
        group = _key_figure_group(lines[i : i + 3])
        if group is None:
            i += 1
            continue
        text, n = group
        found[i] = (text, n)
        i += n
    return found


def _key_figure_group(lines: list[Line]) -> tuple[str, int] | None:
    texts = [[strip_markup(s.marked) for s in ln.segments] for ln in lines]
    figures_at = next((k for k in range(min(2, len(lines))) if _all_figures(texts[k])), None)
    if figures_at is None:
        return None
    centres = [(s.x0 + s.x1) / 2 for s in lines[figures_at].segments]
    if len(centres) < 2:
        return None
    reach = 0.5 * min(b - a for a, b in itertools.pairwise(centres))
    aligned = [
        k
        for k in range(len(lines))
        if k != figures_at
        and len(lines[k].segments) == len(centres)
        and all(
            abs((s.x0 + s.x1) / 2 - c) <= reach
            for s, c in zip(lines[k].segments, centres, strict=True)
        )
        and all(t and not re.search(r"\d", t) and len(t) <= 15 for t in texts[k])
    ]
    # the figures with the lines aligned with them, one after the other from the first
    span = sorted({figures_at, *aligned})
    if span[0] != 0 or span != list(range(len(span))) or len(span) < 2:
        return None
    units = next((k for k in aligned if all(is_unit(t) for t in texts[k])), None)
    labels = [k for k in aligned if k != units]
    if len(labels) != 1:
        return None
    statements = [
        f"{label}{figure}{unit}"
        for label, figure, unit in zip(
            texts[labels[0]],
            texts[figures_at],
            texts[units] if units is not None else [""] * len(centres),
            strict=True,
        )
    ]
    return "，".join(statements) + "。", len(span)


def _all_figures(texts: list[str]) -> bool:
    return len(texts) >= 2 and all(FIGURE_TEXT.fullmatch(t) for t in texts)


def _prose(document: PdfDocument) -> list[tuple[int, str]]:
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []  # the lines of the paragraph being read
    start_page = 0

    def flush() -> None:
        """The paragraph being read ends: one place, as a box, a heading, a new paragraph and
        the document's end each end it."""
        if current:
            paragraphs.append((start_page, join_lines(current)))
            current.clear()

    prev: Line | None = None
    prev_short = False  # the line before stopped short of its column's right margin
    closed = False  # ... and ended a sentence: over a page break, that alone ends a paragraph
    prev_page = 0
    tabled = False  # a table stands between the last line read and the next: Word ends the
    # paragraph before a table, so the text after it is a new one
    for page in (col for p in document.pages for col in column_pages(p)):
        if page.number != prev_page:
            prev = None  # across a page break only margin and indent decide
            prev_page = page.number
        regions = column_regions(page, False)
        tables = sorted((r.top, r.bottom) for r in regions if r.grid is not None)
        # a region's band across its table (the whole page when none was read), and captions
        taken = [
            (r.top, r.bottom, *((r.grid.bbox[0], r.grid.bbox[2]) if r.grid else (0, page.width)))
            for r in regions
        ]
        taken += [(ln.top, ln.bottom, ln.x0, ln.x1) for r in regions if (ln := r.caption_line)]
        # a sidebar's text is read apart, after the flow beside it
        taken += [(top, bottom, x0, x1) for x0, top, x1, bottom in page.floats]
        left, right = body_width(page)
        # a line is the table's when its middle is (a line just under the table's bottom rule
        # may start a little above it)
        running = [
            ln
            for ln in page.lines
            if not any(
                a - 1 <= ln.middle <= b + 1 and x0 - 2 <= (ln.x0 + ln.x1) / 2 <= x1 + 2
                for a, b, x0, x1 in taken
            )
        ]
        # the size of the prose, not of the tables' smaller print that may fill the page
        body_size = statistics.median([ln.size for ln in running] or [10.0])
        foot = _footnotes_top(page, running, tables, body_size)
        running = [ln for ln in running if ln.top < foot]
        ordered = sorted(running, key=lambda x: x.top)
        boxes = _key_figures(ordered)
        for i, ln in enumerate(ordered):
            if any(start < i < start + n for start, (_, n) in boxes.items()):
                continue  # a key-figure box's units or labels, read with its figures
            if i in boxes:
                flush()
                prev, tabled = None, False
                paragraphs.append((page.number, boxes[i][0]))
                continue
            text = strip_markup(ln.marked)
            if not text or is_continued_mark(text):
                continue  # "续表" over a table's next part is no prose
            margin_left, margin = _margins(ln, taken, running, (left, right), body_size)
            indented = ln.x0 - margin_left > 1.2 * body_size
            # a heading, or a chart's caption on a line of its own: a paragraph of its own; a
            # line opening with （一） or 1. that runs to the margin opens a paragraph that
            # goes on ("（一）工程质量稳步提升。全年…" wrapped over several lines)
            caption_alone = standalone_caption(i, ordered)
            heading = caption_alone or (bool(HEADING_ENUM.match(text)) and len(text) <= 40)
            # running text, not a heading: a sentence or clause ends inside it, in body type
            running_on = bool(re.search(r"[。；]|，.*，", text[:-1])) and ln.size <= 1.1 * body_size
            ends_here = caption_alone or (
                heading and (ln.x1 < right - 2 * body_size or not running_on)
            )
            since = prev.bottom if prev is not None else -1.0
            tabled = tabled or any(since <= a and b <= ln.top + 1 for a, b in tables)
            new_para = (
                not current
                or tabled
                or indented
                or heading
                or (prev_short and (prev is not None or closed))
                # large type opens a heading, unless it wraps one in the same type (a
                # heading that stopped short is closed by prev_short above)
                or (
                    prev is not None
                    and ln.size > 1.15 * body_size
                    and abs(prev.size - ln.size) > 0.05 * ln.size
                )
                or (
                    prev is not None
                    and ln.top > prev.bottom
                    and ln.top - prev.bottom > 1.5 * (ln.bottom - ln.top)
                    and prev.top < ln.top
                )
            )
            if new_para:
                flush()
            if not current:
                start_page = page.number
            current.append(text)
            prev, tabled = ln, False
            # short of the margin ends a paragraph, unless the line is long and stops
            # mid-sentence: software wraps early rather than split "16.0%。" from its number
            closed = bool(SENTENCE_END.search(text))
            prev_short = ln.x1 < margin - 2 * body_size and (
                closed or ln.x1 - ln.x0 < 0.6 * (margin - left)
            )
            if ends_here:
                flush()
        since = prev.bottom if prev is not None else -1.0
        tabled = tabled or any(a >= since for a, _ in tables)  # a table ends the page
        for x0, top, x1, bottom in page.floats:
            inside = sorted(
                (
                    ln
                    for ln in page.lines
                    if top <= ln.middle <= bottom
                    and x0 - 2 <= ln.x0
                    and ln.x1 <= x1 + 2
                    and not any(a - 1 <= ln.middle <= b + 1 for a, b in tables)  # a table's
                ),
                key=lambda ln: ln.top,
            )
            if inside:
                paragraphs.append(
                    (page.number, join_lines([strip_markup(ln.marked) for ln in inside]))
                )
    flush()
    return paragraphs
