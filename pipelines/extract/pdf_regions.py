"""Where the tables are on a page: each caption ("表N …") and the table under it, ruled frames
and runs of table rows with no caption, each read into a grid with the unit, notes and 数据来源
printed around it (``Region``).

A page of two columns is read column by column (``column_pages``). The prose reading asks the
same question of every page, to leave the tables' lines out (``column_regions``);
``pdf_tables`` joins the regions of a document into its tables.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipelines.extract.annotations import (
    HEADING_ENUM,
    SENTENCE_END,
    add_note_item,
    is_note,
    is_note_item,
    next_note_item,
    source_department,
)
from pipelines.extract.captions import Caption, is_continued_mark, titles_a_table, with_title
from pipelines.extract.grid import is_column_numbering
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_cells import (
    PdfCell,
    PdfGrid,
    cluster_values,
    glyphs_in,
    holds_figure,
    span_overlap,
)
from pipelines.extract.pdf_glyphs import Box, Glyph, Line, Rule, join_wrapped, union_length
from pipelines.extract.pdf_lattice import (
    Frame,
    find_frames,
    lattice_from_cells,
    lattice_grid,
    plumber_lattice_cells,
)
from pipelines.extract.pdf_layout import PageLayout, line_above
from pipelines.extract.pdf_lines import (
    cell_starts,
    is_prose_line,
    is_row_like,
    line_caption,
    title_goes_on,
    wraps_in_cell,
)
from pipelines.extract.pdf_stream import stream_grid
from pipelines.model.units import declared_unit, declares_units
from pipelines.model.values import is_measure, is_period_label, measured


@dataclass
class Region:
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
    lone_row: bool = False  # one ruled row of figures opening the page: a table's last row


def body_width(page: PageLayout) -> tuple[float, float]:
    if not page.lines:
        return 0.0, page.width
    lefts = sorted(ln.x0 for ln in page.lines)
    rights = sorted(ln.x1 for ln in page.lines)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def _page_glyphs(page: PageLayout) -> list[Glyph]:
    return [g for ln in page.lines for s in ln.segments for g in s.glyphs]


def column_pages(page: PageLayout) -> list[PageLayout]:
    """A page whose body a gutter divides, as one page per text column, left to right (and,
    where a table is set across both columns, the columns above it, the table, the columns
    below it).

    Each keeps the lines, rules and ruled tables lying mostly in its column (a line crossing the
    gutter goes with the column holding its middle), so tables and prose are read column by
    column instead of across the gutter.
    """
    if len(page.columns) < 2:
        return [page]

    def within(box: Box, col: tuple[float, float], span: tuple[float, float]) -> bool:
        return (
            col[0] <= (box[0] + box[2]) / 2 < col[1] and span[0] <= (box[1] + box[3]) / 2 < span[1]
        )

    # a table set across both columns parts the page: the columns above it, the table, then
    # the columns below it
    cuts = [0.0, *(y for band in sorted(page.bands) for y in band), page.height]
    pages = []
    for k, span in enumerate(itertools.pairwise(cuts)):
        for col in [(0.0, page.width)] if k % 2 else page.columns:
            part = replace(
                page,
                lines=[ln for ln in page.lines if within(ln.box, col, span)],
                rules=[r for r in page.rules if within((r.x0, r.top, r.x1, r.bottom), col, span)],
                margin_lines=[ln for ln in page.margin_lines if within(ln.box, col, span)],
                lattices=[lat for lat in page.lattices if within(lat[0], col, span)],
                columns=[],
                bands=[],
            )
            if part.lines or part.rules:
                pages.append(part)
    return pages


def analyse_page(page: PageLayout, stream_uncaptioned: bool) -> list[Region]:
    """Tables on one page, column by column, each column top to bottom."""
    return [
        region
        for column in column_pages(page)
        for region in column_regions(column, stream_uncaptioned)
    ]


def column_regions(page: PageLayout, stream_uncaptioned: bool) -> list[Region]:
    """Tables on one page (or text column), top to bottom, each with its caption and extent."""
    lines = sorted(page.lines, key=lambda ln: ln.top)
    width = body_width(page)
    captions = [
        (piece, cap)
        for ln in lines
        for piece in _captions_side_by_side(ln)
        if (cap := line_caption(_caption_text(piece)))
    ]
    frames = find_frames(page, width, [ln for ln, _ in captions])
    regions: list[Region] = []
    used_frames: set[int] = set()
    claimed: list[tuple[float, float]] = []
    glyphs = _page_glyphs(page)
    tops = [ln.top for ln, _ in captions]
    for cap_line, cap in captions:
        # the next caption under this one (one beside it, at the same height, is no limit)
        limit = next((t for t in tops if t > cap_line.bottom - 1), page.height)
        beside = sum(1 for ln, _ in captions if abs(ln.top - cap_line.top) < 1) > 1
        scope = _in_box_of(cap_line, frames, lines, width)
        if beside:
            scope = _clipped(scope, _side_of(cap_line, [ln for ln, _ in captions], width))
        below = [ln for ln in scope if cap_line.bottom < ln.top < limit]
        start = cap_line.bottom
        above = line_above(cap_line, scope)
        if (
            below
            and title_goes_on(cap_line, cap, below[0], width)
            and not _ruled_off(cap_line, below[0], frames)
        ):
            cap = with_title(cap, join_wrapped(cap.title, _caption_text(below[0])))
            start = below[0].bottom
            below = below[1:]
        elif (
            not cap.title
            and above is not None
            and titles_a_table(_caption_text(above))
            and title_goes_on(cap_line, cap, above, width)
        ):
            cap = with_title(cap, _caption_text(above))  # "表3" alone under its title
        region = Region(page, cap_line.bottom, limit, cap, cap_line, unit=cap.unit)
        over = _frame_over_caption(cap_line, below, frames, scope, used_frames, width)
        if over is not None:
            # a caption set under its table (as figures are captioned) names the frame above
            used_frames.add(over)
            region.top = frames[over].bbox[1]
            _fill_framed(region, frames[over], scope, glyphs, width, limit)
            if region.grid is not None:
                region.bottom = max(region.bottom, start)
                _keep(region, scope, limit, width, claimed, regions)
                continue
            region.top = cap_line.bottom
        # a unit line (单位：…) between the caption and the table, or ruled in as its first row
        frame_start = start
        for ln in below[:2]:
            if _is_unit_line(ln):
                region.unit = declared_unit(ln.text) or region.unit
                start = ln.bottom
                if any(f.bbox[1] <= ln.top + 1 and f.bbox[3] > ln.bottom for f in frames):
                    frame_start = min(frame_start, ln.top - 1)
        first_text = next((ln for ln in below if ln.top >= start), None)
        span = (cap_line.x0, cap_line.x1) if beside else None
        frame_idx = _frame_below(frames, frame_start, limit, first_text, used_frames, span)
        if frame_idx is not None:
            used_frames.add(frame_idx)
            _fill_framed(region, frames[frame_idx], scope, glyphs, width, limit)
        else:
            _fill_stream(region, scope, start, limit, width, "stream")
        if region.grid is not None:
            _keep(region, scope, limit, width, claimed, regions)
        elif first_text is None and limit >= page.height:
            # a caption (and unit) closing the page: its table starts on the next page
            region.bottom, region.at_foot = page.height, True
            regions.append(region)
        elif _over_a_picture(cap_line, scope, first_text, limit, width):
            # no table under the caption, only room for a picture of one: reported, not dropped
            region.bottom = region.top
            region.at_top = line_above(cap_line, scope) is None
            regions.append(region)
    # ruled frames with no caption: a table continued from the page before, or uncaptioned
    for i, frame in enumerate(frames):
        if i in used_frames or (
            any(span_overlap(a, b, frame.bbox[1], frame.bbox[3]) > 0 for a, b in claimed)
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
        region = Region(page, frame.bbox[1], frame.bbox[3], None, None)
        above = [ln for ln in lines if ln.bottom <= frame.bbox[1] + 1]
        # a unit line (单位：…) or a 续表 line alone above a table opening the page: the
        # caption stayed at the foot of the page before, or the table goes on from there
        marks = [ln for ln in above if _is_unit_line(ln) or is_continued_mark(ln.text)]
        if above and len(marks) == len(above) <= 2:
            units = [ln for ln in marks if _is_unit_line(ln)]
            region.unit = declared_unit(units[0].text) if units else None
            above = []
        else:
            marks = []
            if above and _is_unit_line(above[-1]):  # 单位：件 set over an uncaptioned table
                region.unit = declared_unit(above[-1].text)
        region.heading = _heading_above(
            [ln for ln in above if not any(a <= ln.middle <= b for a, b in claimed)]
        )
        limit = min([t for t in tops if t > frame.bbox[3]], default=page.height)
        _fill_framed(region, frame, lines, glyphs, width, limit)
        if region.grid is None or (
            region.grid.n_cols < 2
            and not (_continues_at_top(frame, lines) and _column_of_figures(region.grid))
        ):
            continue
        if region.grid.n_rows < 2:
            # one ruled row is a table only as the last row of one from the page before (of
            # figures, when no upright rules show it is a grid's)
            if not _continues_at_top(frame, lines):
                continue
            if not frame.vs:
                if not opens_with_figures(region.grid):
                    continue
                region.lone_row = True
        if (
            frame.kind == "three_line"
            and region.grid.n_rows < 3
            and not _continues_at_top(frame, lines)
            and not any(is_measure(c.text) for c in region.grid.cells)
        ):
            continue  # two ruled lines of text (a colophon: 抄送 … 印发) make no table
        region.top = min(region.top, region.grid.bbox[1])
        region.at_top = not any(
            ln.bottom <= region.top + 1 for ln in lines if not any(ln is m for m in marks)
        )
        _keep(region, lines, limit, width, claimed, regions)
    # text at the top of the page that continues a borderless table, or opens one whose
    # caption stayed at the foot of the page before (its unit line, if any, went with it)
    k = 1 if len(lines) > 1 and is_continued_mark(lines[0].text) else 0  # "续表" over it
    first = lines[k] if k < len(lines) else None
    top_unit = None
    if first is not None and len(lines) > k + 1 and _is_unit_line(first):
        top_unit, first = declared_unit(first.text), lines[k + 1]
    opening = first is not None and not any(r.top <= first.top + 1 for r in regions)
    head = _heads_rows_of_figures(first, lines, width) if first is not None else None
    if head is not None and any(r.top <= head.top + 1 for r in regions):
        head = None  # a table already read there (ruled, under a period heading)
    if (
        first is not None
        and opening
        and (
            is_row_like(first, width)
            or _cell_broken_by_the_page(first, lines, width)
            or head is not None
        )
    ):
        # a period over the header of rows that open with labels is the table's heading; over
        # columns of figures alone (a sheet's spilled columns) it is their group header
        start, heading = first, None
        if head is not None and head is not first and not _rows_open_with_figures(head, lines):
            start, heading = head, first.text
        region = Region(page, start.top - 1, page.height, None, None, unit=top_unit)
        region.heading = heading
        _fill_stream(region, lines, start.top - 1, min(tops, default=page.height), width, "stream")
        if region.grid is not None and region.grid.n_cols >= 2:
            region.at_top = True
            _keep(region, lines, page.height, width, claimed, regions)
            opening = False
    if first is not None and opening and (column := _figure_column(lines, first, width)):
        # one column of figures (a sheet's last column, printed on a page of its own)
        region = Region(page, column[0].top - 1, column[-1].bottom, None, None, unit=top_unit)
        box = (
            min(ln.x0 for ln in column),
            column[0].top,
            max(ln.x1 for ln in column),
            region.bottom,
        )
        region.grid = stream_grid(page, column, box, "stream", [], [], None)
        if region.grid is not None:
            region.at_top = True
            region.open_end = _runs_to_foot(page, lines, region.bottom, page.height)
            _keep(region, lines, page.height, width, claimed, regions)
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


def _rows_open_with_figures(head: Line, lines: list[Line]) -> bool:
    row = next((ln for ln in lines if ln.top > head.bottom), None)
    return row is not None and is_measure(strip_markup(row.segments[0].marked))


def _heads_rows_of_figures(
    first: Line, lines: list[Line], width: tuple[float, float]
) -> Line | None:
    """The header line over rows of figures opening the page: on a page a table fills alone
    (a sheet's columns spilled onto it) its text is the page's body, and headers that fill
    their narrow columns look no shorter than it. A period over them (2019年) goes with them:
    the header line is the one under it then."""
    after = [ln for ln in lines if ln.top > first.bottom]
    if len(first.segments) == 1 and is_period_label(first.text) and after:
        first, after = after[0], after[1:]
    heads = (
        len(first.segments) >= 2
        and not _holds_figures(first)
        and len(after) >= 2
        and all(is_row_like(ln, width) and _holds_figures(ln) for ln in after[:2])
    )
    return first if heads else None


def _over_a_picture(
    cap_line: Line,
    lines: list[Line],
    first_text: Line | None,
    limit: float,
    width: tuple[float, float],
) -> bool:
    """A caption with no table read under it, standing over an empty space (a picture of its
    table): a line of its own, not one of a list of captions (附表1 …, 附表2 …, set line under
    line) nor a line of prose that happens to open with 表N ("…见\n表2所列，…")."""
    height = cap_line.bottom - cap_line.top
    room = (first_text.top if first_text is not None else limit) - cap_line.bottom
    prev = line_above(cap_line, lines)
    runs_on = (
        prev is not None
        and is_prose_line(prev, width)
        and not SENTENCE_END.search(prev.text)
        and cap_line.top - prev.bottom < height
    )
    return room > 3 * height and not runs_on and not is_prose_line(cap_line, width)


def _holds_figures(line: Line) -> bool:
    """A row of figures; not a row numbering the columns (栏次)."""
    return not is_column_numbering([line.text]) and any(
        is_measure(strip_markup(s.marked)) for s in line.segments
    )


# a line that remarks on a table rather than heads its columns
_REMARK = re.compile(r"[:：]|^[（(].*[）)]$|^附[件表录]")


def _lone_figure(line: Line) -> bool:
    return len(line.segments) == 1 and is_measure(strip_markup(line.text))


def _figure_column(lines: list[Line], first: Line, width: tuple[float, float]) -> list[Line]:
    """The page opens with one column of figures: at most two header lines right over them,
    then three lines or more holding a figure alone each, flush on one side, none further
    from the one above than a row or two. A column that did not fit across the page before;
    with one column only, no line of it has the two cells a table row needs."""
    k = next(i for i, ln in enumerate(lines) if ln is first)
    for start in range(k, min(k + 3, len(lines))):
        head, column = lines[k:start], [lines[start]]
        for ln in lines[start + 1 :]:
            height = ln.bottom - ln.top
            if not _lone_figure(ln) or ln.top - column[-1].bottom > 2 * height:
                break
            column.append(ln)
        if _lone_figure(column[0]) and len(column) >= 3:
            break
    else:
        return []
    # flush on one side, the figures (a placeholder is text, set flush left in a sheet)
    figures = [
        ln for ln in column if (q := measured(strip_markup(ln.text))) and q.value is not None
    ]
    flush = len(figures) >= 2 and (
        all(abs(ln.x1 - figures[0].x1) <= 1.5 for ln in figures)
        or all(abs(ln.x0 - figures[0].x0) <= 1.5 for ln in figures)
    )
    close = all(
        b.top - a.bottom <= 2 * (a.bottom - a.top)
        for a, b in itertools.pairwise([*head, column[0]])
    )
    if not flush or not close or any(is_prose_line(ln, width) for ln in head):
        return []
    return [*head, *column]


def _cell_broken_by_the_page(first: Line, lines: list[Line], width: tuple[float, float]) -> bool:
    """The page opens with the rest of a cell the page break cut (Word lets a row break across
    pages): a lone line in an inner column of the rows right under it."""
    k = next((i for i, ln in enumerate(lines) if ln is first), -1)
    rows = list(itertools.takewhile(lambda ln: is_row_like(ln, width), lines[k + 1 : k + 4]))
    return bool(rows) and wraps_in_cell(first, cell_starts(rows, width))


_END_MARK = re.compile(r"<sup>\s*\d{1,3}\s*</sup>\s*$")


def _captions_side_by_side(line: Line) -> list[Line]:
    """A line holding two captions or more, each over its own table side by side ("表11 …
    表12 …"), as one line per caption; any other line as it is."""
    starts = [i for i, seg in enumerate(line.segments) if line_caption(strip_markup(seg.marked))]
    if len(starts) < 2 or starts[0] != 0:
        return [line]
    pieces = []
    for a, b in itertools.pairwise([*starts, len(line.segments)]):
        pieces.append(Line.of(line.segments[a:b]))
    return pieces


def _caption_text(line: Line) -> str:
    """A caption line's text without a footnote mark raised at its end (…情况¹); other raised
    characters stay, as written (万m³ reads 万m3)."""
    return strip_markup(_END_MARK.sub("", line.marked).replace("<sup>", "").replace("</sup>", ""))


def _is_unit_line(line: Line) -> bool:
    """A short line of its own declaring the unit (单位：万元) of the table beside it."""
    return len(line.text) <= 30 and declares_units(line.text)


def _beside_tables(frame: Frame, regions: list[Region]) -> bool:
    """A ruled grid level with tables already found but clear of them left or right: tables
    printed side by side, each its own table."""
    if frame.kind != "lattice":
        return False
    level = [r for r in regions if span_overlap(r.top, r.bottom, frame.bbox[1], frame.bbox[3]) > 0]
    return all(
        r.grid is not None
        and span_overlap(r.grid.bbox[0], r.grid.bbox[2], frame.bbox[0], frame.bbox[2]) <= 0
        for r in level
    )


def _continues_at_top(frame: Frame, lines: list[Line]) -> bool:
    return not any(ln.bottom <= frame.bbox[1] + 1 for ln in lines)


def _keep(
    region: Region,
    lines: list[Line],
    limit: float,
    width: tuple[float, float],
    claimed: list[tuple[float, float]],
    regions: list[Region],
) -> None:
    """A table read on the page: its stretch is claimed, the notes under it collected."""
    claimed.append((region.top, region.bottom))
    _collect_notes(region, lines, limit, width)
    regions.append(region)


def _heading_above(lines: list[Line]) -> str | None:
    """The heading over an uncaptioned table, looking up past its lead-in prose and its 单位
    line (``lines`` hold none of the tables above; a caption heads no other table)."""
    for ln in reversed(lines):
        text = strip_markup(ln.marked)
        if line_caption(_caption_text(ln)) or _is_unit_line(ln):
            continue
        short = len(text) <= 40 and (HEADING_ENUM.match(text) or not SENTENCE_END.search(text))
        if short and len(ln.segments) == 1 and len(text) >= 2 and not source_department(ln.marked):
            return re.sub(r"^#+\s*", "", text)
    return None


def _side_of(
    cap_line: Line, caption_lines: list[Line], width: tuple[float, float]
) -> tuple[float, float]:
    """The part of the page across that a caption set beside others heads: to halfway to the
    captions on its left and right."""
    level = sorted(
        (ln for ln in caption_lines if abs(ln.top - cap_line.top) < 1), key=lambda ln: ln.x0
    )
    k = next(i for i, ln in enumerate(level) if ln is cap_line)
    x0 = (level[k - 1].x1 + cap_line.x0) / 2 if k > 0 else width[0] - 1000
    x1 = (cap_line.x1 + level[k + 1].x0) / 2 if k + 1 < len(level) else width[1] + 1000
    return x0, x1


def _clipped(lines: list[Line], side: tuple[float, float]) -> list[Line]:
    """The lines' segments that lie (by their middle) across ``side``, as lines."""
    return [part for ln in lines if (part := ln.part(*side)) is not None]


def _in_box_of(
    cap_line: Line, frames: list[Frame], lines: list[Line], width: tuple[float, float]
) -> list[Line]:
    """The lines a caption's table is looked for in: those of the ruled box narrower than the
    text that holds the caption (a text box the prose flows round), else all of them."""
    for f in frames:
        x0, top, x1, bottom = f.bbox
        if (
            x1 - x0 < 0.7 * (width[1] - width[0])
            and x0 - 1 <= cap_line.x0
            and cap_line.x1 <= x1 + 1
            and top - 1 <= cap_line.top
            and cap_line.bottom <= bottom + 1
        ):
            return [ln for ln in lines if x0 - 1 <= (ln.x0 + ln.x1) / 2 <= x1 + 1]
    return lines


def _frame_over_caption(
    cap_line: Line,
    below: list[Line],
    frames: list[Frame],
    lines: list[Line],
    used: set[int],
    width: tuple[float, float],
) -> int | None:
    """The ruled frame a caption is set under: it ends right over the caption, no caption heads
    it, and no table opens under the caption (past its 数据来源 and 注 lines, the text goes on
    as prose). A caption closing its page is taken to head the table on the next."""
    height = cap_line.bottom - cap_line.top
    over = [
        i
        for i, f in enumerate(frames)
        if i not in used
        and cap_line.top - 1.5 * height <= f.bbox[3] <= cap_line.top + 0.5 * height
        and span_overlap(f.bbox[0], f.bbox[2], cap_line.x0, cap_line.x1) > 0
    ]
    if not over:
        return None
    idx = max(over, key=lambda i: frames[i].bbox[3])
    head = max(
        (ln for ln in lines if ln.bottom <= frames[idx].bbox[1] + 1),
        key=lambda ln: ln.bottom,
        default=None,
    )
    if head is not None and _is_unit_line(head):
        head = line_above(head, lines)
    if head is not None and (line_caption(_caption_text(head)) or is_continued_mark(head.text)):
        return None
    nxt = next((ln for ln in below if not (source_department(ln.text) or is_note(ln.text))), None)
    if nxt is None or _is_unit_line(nxt) or is_row_like(nxt, width):
        return None
    if any(
        i not in used and cap_line.bottom - 2 <= f.bbox[1] <= nxt.bottom + 2
        for i, f in enumerate(frames)
    ):
        return None
    return idx


def _ruled_off(cap_line: Line, ln: Line, frames: list[Frame]) -> bool:
    """A frame's top rule runs between the caption and the line under it, and the frame's
    upright rules part the line's row into cells: the line is the table's (a group header,
    2018年, centred like a wrapped title). A title row across the whole frame may be the
    caption's."""
    return any(
        cap_line.bottom - 1 <= f.bbox[1] <= ln.top + 1
        and span_overlap(f.bbox[0], f.bbox[2], ln.x0, ln.x1) > 0
        and any(
            f.bbox[0] + 2 < v.x0 < f.bbox[2] - 2
            and v.top <= ln.top + 1
            and v.bottom >= ln.bottom - 1
            for v in f.vs
        )
        for f in frames
    )


def _frame_below(
    frames: list[Frame],
    start: float,
    limit: float,
    first: Line | None,
    used: set[int],
    span: tuple[float, float] | None = None,
) -> int | None:
    """The ruled frame right under a caption: its top rule comes before any table text. A
    caption set beside another (``span``, its extent) heads the frame under it."""
    best = None
    for i, f in enumerate(frames):
        if i in used or f.bbox[1] < start - 2 or f.bbox[1] >= limit:
            continue
        if span is not None and span_overlap(span[0], span[1], f.bbox[0], f.bbox[2]) <= 0:
            continue
        if first is not None and f.bbox[1] > first.bottom + 2 * (first.bottom - first.top) + 30:
            continue
        if best is None or f.bbox[1] < frames[best].bbox[1]:
            best = i
    return best


def _unruled_rows(frame: Frame, lines: list[Line]) -> bool:
    """A ruled frame whose rules leave many rows of figures unseparated: its vertical rules
    only divide column groups (a partly ruled table), so rows come from the text lines.

    Seen as three or more figures stacked on separate lines within one box of the rules.
    """
    ys = cluster_values([h.top for h in frame.hs], 1.0)
    xs = cluster_values([frame.bbox[0], *(v.x0 for v in frame.vs), frame.bbox[2]], 1.0)
    figures: dict[tuple[int, int], set[int]] = {}
    for n, ln in enumerate(lines):
        cy = ln.middle
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
    region: Region,
    frame: Frame,
    lines: list[Line],
    glyphs: list[Glyph],
    width: tuple[float, float],
    limit: float,
) -> None:
    page = region.page
    region.top = min(region.top, frame.bbox[1]) if region.caption is None else region.top
    if frame.kind == "lattice" and not _unruled_rows(frame, lines):
        boxes = plumber_lattice_cells(page, frame.bbox)
        if boxes is not None:
            grid = lattice_from_cells(page, boxes, glyphs_in(glyphs, frame.bbox), frame.bbox)
        else:
            grid = lattice_grid(page, frame, glyphs_in(glyphs, frame.bbox))
        region.grid = grid
        region.bottom = frame.bbox[3]
        region.open_end = _runs_to_foot(page, lines, frame.bbox[3], limit)
        return
    # three-line or partly ruled: the rules bound the table; text inside gives the cells
    ys = sorted(h.top for h in frame.hs)
    top = ys[0]
    bottom = ys[-1]
    floor = region.top if region.caption else 0.0
    lead = _lines_above(lines, top, width, floor)
    if lead and _header_goes_on_up(lead, [ln for ln in lines if top < ln.top < bottom]):
        # text over the first rule: the rule is no top rule (it closes a bare header, or it is
        # a shaded band's edge), and the header over it holds no line of all its columns: its
        # group header stands over it too, a line of its own not taken for a row
        header = _set_close_over(lines, lead[0].top, floor, lambda ln: _heads_on(ln, lead, width))
        if region.caption is not None and region.caption_line is not None:
            cap_line, caption = region.caption_line, region.caption
            lead = [ln for ln in header if not title_goes_on(cap_line, caption, ln, width)] + lead
        elif header and not any(ln.bottom <= header[0].top for ln in lines):
            # an uncaptioned table opening the page (its caption, or its first part, on the
            # page before), the header up to the top of the page
            lead = header + lead
    if lead:
        top = lead[0].top - 1
        ys = [top, *ys]
    after = [ln for ln in lines if ln.top > bottom and ln.top < limit]
    open_end = False
    rows_after = False  # rows under the last rule: it closes the header, not the table
    if len(ys) <= 2 or (after and is_row_like(after[0], width)):
        # no closing rule here: the table runs on to the foot of the page (or a stop line), or
        # ends unruled (a shaded header row's edges are its only rules)
        extra = _open_run(after, width, limit)
        if extra:
            bottom = max(bottom, max(ln.bottom for ln in extra))
            open_end = _runs_to_foot(page, lines, bottom, limit)
            rows_after = True
    between = [ln for ln in lines if top - 1 <= ln.top and ln.bottom <= bottom + 1]
    x0, x1 = frame.bbox[0], frame.bbox[2]
    inside = [ln for ln in between if x0 - 2 <= (ln.x0 + ln.x1) / 2 <= x1 + 2]  # no prose beside
    if inside:
        # the table's lines reach past its rules: the rules stop short of a column (drawn cell
        # by cell, they leave a gap at a label merged down rows, or a column never shaded has
        # no stripe), and the text standing there within their reach, in the table's type, is
        # the table's too
        x0, x1 = min(x0, *(ln.x0 for ln in inside)), max(x1, *(ln.x1 for ln in inside))
        size = statistics.median(ln.size for ln in inside)
        inside += [
            ln
            for ln in between
            if not any(ln is o for o in inside)
            and x0 - 2 <= ln.x0
            and ln.x1 <= x1 + 2
            and ln.size <= 1.05 * size
            and not is_prose_line(ln, width)
        ]
        inside.sort(key=lambda ln: ln.top)
    header_rule = _header_rule(ys, frame.hs, lead, inside, rows_after, open_end)
    box = (x0, top, x1, bottom)
    region.grid = stream_grid(page, inside, box, "three_line", frame.hs, frame.vs, header_rule)
    region.bottom = bottom
    region.open_end = open_end


def _header_rule(
    ys: list[float],
    hs: list[Rule],
    lead: list[Line],
    inside: list[Line],
    rows_after: bool,
    open_end: bool,
) -> float | None:
    """Where the header of a table ruled by horizontal rules ends: at the rule under the top
    one, when a third rule closes the table or rows follow it (when the two rules hold rows of
    figures, only rows running on to the page's foot: others are a note or a signature line
    after a table ruled over and under).

    Not at a shorter rule with nothing but header text between it and the next: it underlines
    a group header over its sub-headers (2016年 over 总量 | 增长%). Not at a first rule with
    rows of figures above it: it is a shaded band's edge, and the header is what stands over
    the first of those rows.
    """
    over = [ln for ln in inside if ln.bottom <= ys[1] + 1] if len(ys) >= 2 else []
    if not (len(ys) >= 3 or (len(ys) == 2 and rows_after)):
        return None
    if len(ys) == 2 and not open_end and not lead and any(_holds_figures(ln) for ln in over):
        return None  # rows of figures between the two rules: the table's top and bottom ones
    figures = [k for k, ln in enumerate(lead) if _holds_figures(ln)]
    if figures:
        k = figures[0]
        return (lead[k - 1].bottom + lead[k].top) / 2 if k else None

    def reach(y: float) -> float:
        return union_length([(h.x0, h.x1) for h in hs if abs(h.top - y) <= 1])

    if not over:
        return None  # no text over the second rule (the top rule drawn twice): none marks it
    ys = cluster_values(ys, 1.0)
    k = 1
    while k + 1 < len(ys) and reach(ys[k]) < 0.9 * reach(ys[k + 1]):
        between = [ln for ln in inside if ys[k] < (ln.top + ln.bottom) / 2 < ys[k + 1]]
        if not between or any(_holds_figures(ln) for ln in between):
            break
        k += 1
    if not any(ln.bottom <= ys[k] + 1 for ln in inside):
        return None
    return ys[k]


def _header_goes_on_up(lead: list[Line], body: list[Line]) -> bool:
    """No header line over the first rule holds a cell over every column (as many cells as
    the fullest row): a multi-level header, which a group header goes on over."""
    header = lead[: next((k for k, ln in enumerate(lead) if _holds_figures(ln)), len(lead))]
    columns = max(len(ln.segments) for ln in [*lead, *body])
    return all(len(ln.segments) < columns for ln in header)


def _heads_on(ln: Line, lead: list[Line], width: tuple[float, float]) -> bool:
    """A header line over ``lead``: no prose, unit line, line of figures, heading, remark
    (说明：…, （2022年1-12月）, 附件2) or type larger than the table's."""
    return not (
        is_prose_line(ln, width)
        or _is_unit_line(ln)
        or _holds_figures(ln)
        or HEADING_ENUM.match(ln.text)
        or _REMARK.search(ln.text.strip())
        or ln.size > 1.15 * lead[0].size
    )


def _lines_above(
    lines: list[Line], top: float, width: tuple[float, float], floor: float
) -> list[Line]:
    """Header rows printed just above a table's first rule (a repeated header at a page top)."""
    return _set_close_over(lines, top, floor, lambda ln: is_row_like(ln, width))


def _set_close_over(
    lines: list[Line], top: float, floor: float, fits: Callable[[Line], bool]
) -> list[Line]:
    """The lines from ``floor`` down to ``top`` set close over it and each other, that fit,
    up to the first that does not."""
    above = [ln for ln in lines if floor <= ln.top and ln.bottom <= top + 1]
    out: list[Line] = []
    edge = top
    for ln in reversed(above):
        if not fits(ln) or edge - ln.bottom > 1.5 * (ln.bottom - ln.top):
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
        if out and wraps_in_cell(ln, cell_starts(out, width)):
            out.append(ln)
            wraps.append(ln)
            continue
        if is_prose_line(ln, width) or line_caption(ln.text):
            break
        if not is_row_like(ln, width) and not out:
            # a wrapped first cell prints its first line above the rest of its row
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (
                nxt is None
                or not is_row_like(nxt, width)
                or nxt.top - ln.bottom > ln.bottom - ln.top
            ):
                break
        out.append(ln)
    # trailing single-segment lines are more likely prose than rows, save a row label's
    # wrapped tail set close under it (short of the next column)
    while (
        out
        and len(out[-1].segments) < 2
        and not any(out[-1] is w for w in wraps)
        and not (len(out) >= 2 and _label_tail(out[-2], out[-1], cell_starts(out, width)))
    ):
        out.pop()
    return out


def _label_tail(row: Line, line: Line, starts: list[float]) -> bool:
    """``line`` carries on the first cell of ``row``: it starts where that cell starts, sits
    as close under it as a wrapped line, and ends before the next column."""
    height = row.bottom - row.top
    return (
        len(row.segments) >= 2
        and abs(line.x0 - row.segments[0].x0) <= 1.5
        and 0 <= line.top - row.bottom <= 0.6 * height
        and line.x1 < min(starts, default=row.segments[1].x0)
    )


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
            ln.top >= limit or len(ln.segments) > 1 or is_prose_line(ln, width) or len(ln.text) > 40
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
    region: Region,
    lines: list[Line],
    start: float,
    limit: float,
    width: tuple[float, float],
    method: str,
) -> None:
    below = [ln for ln in lines if ln.top > start and ln.top < limit]
    run = _open_run(below, width, limit)
    if not run or sum(1 for ln in run if len(ln.segments) >= 2) < 2:
        region.grid = None
        return
    box = (min(ln.x0 for ln in run), run[0].top, max(ln.x1 for ln in run), run[-1].bottom)
    region.grid = stream_grid(region.page, run, box, method, [], [], None)
    region.bottom = run[-1].bottom
    region.open_end = _runs_to_foot(region.page, lines, run[-1].bottom, limit)


def _collect_notes(
    region: Region, lines: list[Line], limit: float, width: tuple[float, float]
) -> None:
    """注 and 数据来源 lines right under the table (wrapped note lines included), and the last
    rows of the table that hold one of them alone (a note row ruled into the grid); a first row
    holding the 单位 alone gives the unit."""
    _unit_row(region)
    _notes_inside(region)
    # under the table: a line whose middle is below its bottom (Word sets the note tight under
    # the bottom rule, its glyphs starting a point above it)
    after = [ln for ln in lines if region.bottom < ln.middle and ln.top < limit]
    read_notes(after[:8], region.notes, region.sources)


def read_notes(lines: list[Line], notes: list[str], sources: list[str]) -> None:
    """注 lines (a wrapped line or a numbered item goes on the note before it) and 数据来源
    lines, from the first of ``lines`` down to the first line that is neither."""
    current: list[str] | None = None
    prev: Line | None = None
    for ln in lines:
        text = strip_markup(ln.marked)
        marked = ln.marked
        department = source_department(text)
        if department:
            # a footnote's 数据来源 (³数据来源：…) is the prose's citation, not this table's
            if not marked.startswith("<sup>"):
                sources.append(department)
            current = None
            continue
        if is_note(text):
            notes.append(text)
            current = notes
            prev = ln
            continue
        if (
            current is notes
            and prev is not None
            and next_note_item(current, text)
            and ln.size <= 1.1 * prev.size  # not a heading in larger type
            and ln.top - prev.bottom < ln.bottom - ln.top
            and len(ln.segments) == 1
        ):
            add_note_item(current, text)
            prev = ln
            continue
        if (
            current is not None
            and prev is not None
            and not line_caption(text)
            and not HEADING_ENUM.match(text)
            and not re.search(r"[。.！!]$", current[-1])
            and ln.top - prev.bottom < 0.8 * (ln.bottom - ln.top)
            and len(ln.segments) == 1
        ):
            current[-1] = join_wrapped(current[-1], text)
            prev = ln
            continue
        break


def _unit_row(region: Region) -> None:
    """A first row holding a 单位 line alone (a row merged across the table's top) is the
    table's unit, not a header over its columns."""
    grid = region.grid
    if grid is None or grid.n_rows < 3:
        return
    own = [c for c in grid.cells if c.row == 0 and c.text.strip()]
    text = strip_markup(own[0].text) if len(own) == 1 else ""
    if not text or len(text) > 30 or not declares_units(text) or own[0].rowspan != 1:
        return
    region.unit = declared_unit(text) or region.unit
    grid.cells = [replace(c, row=c.row - 1) for c in grid.cells if c.row > 0]
    grid.n_rows -= 1
    grid.indents = {r - 1: level for r, level in grid.indents.items() if r > 0}


def _notes_inside(region: Region) -> None:
    """Rows closing the grid that hold a 注 or 数据来源 line alone (Word tables often end in a
    row merged across, for the note) are the table's notes, not a row of labels."""
    grid = region.grid
    items: list[str] = []  # numbered rows under the last ones read: a note's items, if a 注 row
    row = grid.n_rows - 1 if grid is not None else 0  # is over them
    while grid is not None and row > 0:
        own = [c for c in grid.cells if c.row == row and c.text.strip()]
        reached = any(c.row < row < c.row + c.rowspan for c in grid.cells)  # a label merged down
        if len(own) != 1 or reached:
            return
        text = strip_markup(own[0].text)
        department = source_department(text)
        if is_note_item(text) and not is_note(text):
            items.insert(0, text)
            row -= 1
            continue
        if department and not items:
            region.sources.insert(0, department)
        elif is_note(text):
            notes = [text]
            for item in items:
                if not next_note_item(notes, item):
                    return  # rows of the table after all, numbered as its labels are
                add_note_item(notes, item)
            region.notes[:0] = notes
            items = []
        else:
            return
        grid.cells = [c for c in grid.cells if c.row < row]
        grid.n_rows = row
        row -= 1


def _uncaptioned_streams(
    page: PageLayout,
    lines: list[Line],
    claimed: list[tuple[float, float]],
    width: tuple[float, float],
) -> list[Region]:
    """Borderless tables with no caption: runs of aligned multi-segment lines."""
    free = [ln for ln in lines if not any(a - 1 <= ln.top <= b + 1 for a, b in claimed)]
    out: list[Region] = []
    block: list[Line] = []

    def flush() -> None:
        rows = [ln for ln in block if len(ln.segments) >= 2]
        while block and len(block[-1].segments) < 2:
            block.pop()
        if len(rows) >= 3 and block:
            region = Region(page, block[0].top, block[-1].bottom, None, None)
            box = (
                min(ln.x0 for ln in block),
                block[0].top,
                max(ln.x1 for ln in block),
                block[-1].bottom,
            )
            region.grid = stream_grid(page, list(block), box, "stream", [], [], None)
            if region.grid is not None and region.grid.n_cols >= 2:
                region.heading = _heading_above([ln for ln in lines if ln.bottom <= block[0].top])
                out.append(region)
        block.clear()

    prev: Line | None = None
    for ln in free:
        gap_ok = prev is None or ln.top - prev.bottom < 3 * (ln.bottom - ln.top) + 6
        short_text = bool(block) and not is_prose_line(ln, width) and len(ln.text) < 60
        if gap_ok and (is_row_like(ln, width) or short_text):
            block.append(ln)
        else:
            flush()
            if is_row_like(ln, width):
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
) -> list[Region]:
    """Runs of dot-leader lines ("Title ...... 12", "一、概况……3"): a two-column borderless
    table of entry and page reference, the leader dropped. A short line right above a leader
    line (nothing between) is the wrapped start of its entry.
    """
    free = [ln for ln in lines if not any(a - 1 <= ln.top <= b + 1 for a, b in claimed)]
    out: list[Region] = []
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
            region = Region(page, box[1], box[3], None, None)
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


def _column_of_figures(grid: PdfGrid) -> bool:
    """One ruled column of figures under its header: the last column of a sheet, spilled onto
    a page of its own (opening it). A one-column box of text is no table, nor one of figures
    under labels (全区常住人口 over 58.6万人, a box of key figures)."""
    figures = [holds_figure(c) for c in sorted(grid.cells, key=lambda c: c.row)]
    first = figures.index(True) if True in figures else len(figures)
    return 0 < first <= 3 and len(figures) - first >= 3 and all(figures[first:])


def opens_with_figures(grid: PdfGrid) -> bool:
    """The grid's first row holds figures: rows of data, no header of a table of its own."""
    return any(is_measure(c.text) for c in grid.cells if c.row == 0)
