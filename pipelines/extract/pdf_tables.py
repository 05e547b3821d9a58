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

The work is split by job: ``pdf_cells`` holds the shapes of cells and grids and the small
geometry helpers, ``pdf_lines`` tells captions, prose and table rows apart, ``pdf_lattice``
finds the frames the rules form and reads ruled grids, ``pdf_stream`` reads grids from text
positions. This module finds where the tables are on each page, joins their parts across
pages, turns grids into source rows, and is the public entry point.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.extract.annotations import (
    HEADING_ENUM,
    SENTENCE_END,
    add_note_item,
    is_note,
    is_note_item,
    next_note_item,
    source_department,
)
from pipelines.extract.captions import (
    CONTENTS_LEADER,
    Caption,
    is_continued_mark,
    parse_caption,
    titles_a_table,
    with_title,
)
from pipelines.extract.grid import build_cells
from pipelines.extract.markup import strip_markup
from pipelines.extract.pdf_cells import (
    PdfCell,
    PdfGrid,
    cluster_values,
    glyphs_in,
    span_overlap,
)
from pipelines.extract.pdf_glyphs import Box, Glyph, Line, join_wrapped, make_line, spaced_scripts
from pipelines.extract.pdf_lattice import (
    Frame,
    find_frames,
    lattice_from_cells,
    lattice_grid,
    plumber_lattice_cells,
)
from pipelines.extract.pdf_layout import PageLayout, PdfDocument, line_above, read_document
from pipelines.extract.pdf_lines import (
    cell_starts,
    is_prose_line,
    is_row_like,
    line_caption,
    title_goes_on,
    wraps_in_cell,
)
from pipelines.extract.pdf_stream import stream_grid
from pipelines.extract.tables import ExtractedTable, SourceRow
from pipelines.extract.text_tables import cited_sources
from pipelines.model.units import declared_unit, declares_units, unit_in_label
from pipelines.model.values import is_measure

_MARKER = re.compile(r"^(?:#+|\d{1,2}(?:\.\d{1,2})*[.、．])")


@dataclass
class PdfTable:
    """A table as found in the PDF: caption, the grids of its parts, notes and unit."""

    number: int | None
    title: str
    grids: list[PdfGrid]
    unit: str | None = None
    source_department: str | None = None
    notes: list[str] = field(default_factory=list)
    label: str | None = None  # the caption's label as printed (表5, 附表1)
    page: int | None = None  # of the caption, for a caption with no table read under it
    warnings: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return [g.page for g in self.grids] or ([self.page] if self.page else [])


@dataclass
class PdfTables:
    """Tables of one PDF in the shapes the pipeline loads, plus the raw grids for the CLI."""

    tables: list[ExtractedTable]
    found: list[PdfTable]
    listed_numbers: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- page analysis: where the tables are


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


def _analyse_page(page: PageLayout, stream_uncaptioned: bool) -> list[Region]:
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
        if below and title_goes_on(cap_line, cap, below[0], width):
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
        if region.grid is None or region.grid.n_cols < 2:
            continue
        if region.grid.n_rows < 2:
            # one ruled row is a table only as the last row of one from the page before (of
            # figures, when no upright rules show it is a grid's)
            if not _continues_at_top(frame, lines):
                continue
            if not frame.vs:
                if not _opens_with_figures(region.grid):
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
    if (
        first is not None
        and not any(r.top <= first.top + 1 for r in regions)
        and (is_row_like(first, width) or _cell_broken_by_the_page(first, lines, width))
    ):
        region = Region(page, first.top - 1, page.height, None, None, unit=top_unit)
        _fill_stream(region, lines, first.top - 1, min(tops, default=page.height), width, "stream")
        if region.grid is not None and region.grid.n_cols >= 2:
            region.at_top = True
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
            grid = lattice_from_cells(page, boxes, glyphs_in(glyphs, frame.bbox))
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
    lead = _lines_above(lines, top, width, region.top if region.caption else 0.0)
    if lead:
        top = lead[0].top - 1
        ys = [top, *ys]
    after = [ln for ln in lines if ln.top > bottom and ln.top < limit]
    open_end = False
    if len(ys) <= 2 or (after and is_row_like(after[0], width)):
        # no closing rule here: the table runs on to the foot of the page (or a stop line)
        extra = _open_run(after, width, limit)
        if extra:
            bottom = max(bottom, max(ln.bottom for ln in extra))
            open_end = _runs_to_foot(page, lines, bottom, limit)
    inside = [
        ln
        for ln in lines
        if top - 1 <= ln.top
        and ln.bottom <= bottom + 1
        and frame.bbox[0] - 2 <= (ln.x0 + ln.x1) / 2 <= frame.bbox[2] + 2  # not prose beside it
    ]
    header_rule = ys[1] if len(ys) >= 3 or (len(ys) == 2 and open_end) else None
    if header_rule is not None and not any(ln.bottom <= header_rule + 1 for ln in inside):
        header_rule = None
    box = (frame.bbox[0], top, frame.bbox[2], bottom)
    region.grid = stream_grid(page, inside, box, "three_line", frame.hs, frame.vs, header_rule)
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
        if not is_row_like(ln, width) or edge - ln.bottom > 1.5 * (ln.bottom - ln.top):
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
    run = _table_run(below, width, limit)
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
    _read_notes(after[:8], region.notes, region.sources)


def _read_notes(lines: list[Line], notes: list[str], sources: list[str]) -> None:
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


# --- from grids to source rows


def _label_markers(matrix: list[list[str]], indents: dict[int, int], col: int) -> list[list[str]]:
    """Turn indentation of the label column into ``#`` markers, unless labels carry their own.

    ``build_cells`` nests rows by ``#`` and numbering; a report that nests by indentation alone
    gets the same nesting when each indent level adds one ``#``.
    """
    if not indents or not matrix:
        return matrix
    labels = [row[col] for row in matrix if len(row) > col and row[col]]
    if any(_MARKER.match(label) for label in labels):
        return matrix
    if not any(is_measure(c) for row in matrix for c in row[col + 1 :]):
        return matrix
    out = []
    for r, row in enumerate(matrix):
        level = indents.get(r, 0)
        if level and len(row) > col and row[col]:
            row = [*row[:col], "#" * level + row[col], *row[col + 1 :]]
        out.append(row)
    return out


def _under_columns(
    matrix: list[list[str]], part: PdfGrid, first: PdfGrid
) -> list[list[str]] | None:
    """A later part's rows set under the first part's columns, by where each cell starts: a
    part whose merged label column is empty on its page (the label stayed on the page before)
    lost that column, and its cells would shift left. ``None`` when they do not fit."""
    lefts: dict[int, float] = {}
    for c in first.cells:
        if c.colspan == 1 and c.bbox is not None:
            lefts[c.col] = min(lefts.get(c.col, c.bbox[0]), c.bbox[0])
    if len(lefts) != first.n_cols:
        return None
    edges = [lefts[k] for k in range(first.n_cols)]
    out = [[""] * first.n_cols for _ in matrix]
    for c in part.cells:
        if c.bbox is None or c.row >= len(matrix):
            return None
        near = min(range(first.n_cols), key=lambda k: abs(edges[k] - c.bbox[0]))  # type: ignore[index]
        if abs(edges[near] - c.bbox[0]) > 3 or out[c.row][near]:
            return None
        out[c.row][near] = matrix[c.row][c.col]
    return out


def _spread_header(grid: PdfGrid) -> list[list[str]]:
    """The grid's rows, a header cell merged down repeated in the rows it covers: merged down
    (合计 over three header rows beside 生产领域 › 风险监测 › 抽查) it heads its column alone;
    the flat rows lost that, and the column took the label on its left."""
    matrix = grid.matrix()
    head = next((r for r in range(grid.n_rows) if any(is_measure(cell) for cell in matrix[r])), 0)
    for c in grid.cells:
        if c.row < head and c.rowspan > 1 and c.text and c.col > grid.label_col:
            for r in range(c.row + 1, min(c.row + c.rowspan, head)):
                matrix[r][c.col] = c.text  # (across the columns it spans, as any group label)
    return matrix


def _label_from_next_page(matrix: list[list[str]], grid: PdfGrid, nxt: PdfGrid) -> None:
    """A merged label cell the page break cut, empty at the foot of the page: its label is
    printed in its part on the next page (a spreadsheet sets it at the cell's foot), not the
    label of the cell above, which the empty cell would carry down."""
    for cell in grid.cells:
        if cell.text or cell.col > grid.label_col or cell.row + cell.rowspan != grid.n_rows:
            continue
        below = sorted((c for c in nxt.cells if c.col == cell.col and c.text), key=lambda c: c.row)
        below = [c for c in below if c.text != matrix[0][cell.col]]  # not the header repeated
        if below and below[0].row <= 2:
            matrix[cell.row][cell.col] = below[0].text


def _source_rows(grids: list[PdfGrid]) -> list[SourceRow]:
    rows: list[SourceRow] = []
    for segment, grid in enumerate(grids):
        matrix = _spread_header(grid)
        if segment + 1 < len(grids):
            _label_from_next_page(matrix, grid, grids[segment + 1])
        matrix = _label_markers(matrix, grid.indents, grid.label_col)
        if segment and grid.n_cols < grids[0].n_cols:
            # its first column is no label column of the table: no indents are read there
            moved = _under_columns(grid.matrix(), grid, grids[0])
            matrix = moved if moved is not None else matrix
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


def _opens_with_figures(grid: PdfGrid) -> bool:
    """The grid's first row holds figures: rows of data, no header of a table of its own."""
    return any(is_measure(c.text) for c in grid.cells if c.row == 0)


def _same_table(prev: Region, nxt: Region) -> bool:
    """The part at the top of the next page goes on with the table: as wide, or its columns'
    text starting where the table's does (a three-line table's box is its rules' width, the
    unruled rest on the next page only as wide as its text)."""
    if prev.grid is None or nxt.grid is None:
        return False
    if abs(prev.grid.n_cols - nxt.grid.n_cols) > 1:
        return False
    a, b = prev.grid.bbox, nxt.grid.bbox
    if abs(a[0] - b[0]) < 30 and abs(a[2] - b[2]) < 30:
        return True
    lefts, others = _column_lefts(prev.grid), _column_lefts(nxt.grid)
    return (
        len(lefts) == prev.grid.n_cols == nxt.grid.n_cols >= 2
        and len(others) == len(lefts)
        and all(abs(x - y) <= 8 for x, y in zip(lefts, others, strict=True))
    )


def _row_tops(grid: PdfGrid) -> list[float]:
    tops: dict[int, float] = {}
    for c in grid.cells:
        if c.bbox is not None and c.rowspan == 1:
            tops[c.row] = min(tops.get(c.row, c.bbox[1]), c.bbox[1])
    return [tops[r] for r in sorted(tops)]


def _spilled_columns(prev: Region, nxt: Region) -> bool:
    """The next page holds the columns of the table before that did not fit across its page
    (a spreadsheet printed without fitting it to the page's width): its rows stand where the
    table's rows stand, one for one, and it has no labels of its own (figures open its rows)."""
    if prev.grid is None or nxt.grid is None or prev.page.number + 1 != nxt.page.number:
        return False
    if prev.grid.n_rows != nxt.grid.n_rows or prev.grid.n_rows < 3:
        return False
    ours, theirs = _row_tops(prev.grid), _row_tops(nxt.grid)
    if len(ours) != prev.grid.n_rows or len(theirs) != len(ours):
        return False
    if any(abs(a - b) > 2 for a, b in zip(ours, theirs, strict=True)):
        return False
    openers = [c.text for c in nxt.grid.cells if c.col == 0]
    figures = [t for t in openers if is_measure(strip_markup(t))]
    # figures open its rows (a header cell over them at most), or the table's own labels do,
    # printed again on every page (print titles)
    return len(figures) >= max(2, len(openers) - 1) or _repeats_labels(prev.grid, nxt.grid)


def _repeats_labels(prev: PdfGrid, nxt: PdfGrid) -> bool:
    first = {c.row: c.text for c in prev.cells if c.col == 0}
    again = {c.row: c.text for c in nxt.cells if c.col == 0}
    return nxt.n_cols >= 2 and len(first) >= 3 and first == again


def _join_columns(table: PdfTable, prev: Region, nxt: Region) -> None:
    """The spilled columns set to the right of the table's, row for row; the title's tail
    printed over them (a title merged across the sheet, cut by the page) ends the title, their
    单位 line gives the unit, and the notes and 数据来源 under them are the table's."""
    assert prev.grid is not None and nxt.grid is not None
    left, right = table.grids[-1], nxt.grid
    if _repeats_labels(prev.grid, right):  # the labels printed again: the table has them
        cells = [replace(c, col=c.col - 1) for c in right.cells if c.col > 0]
        kept = [c.bbox for c in cells if c.bbox is not None]
        x0 = min((b[0] for b in kept), default=right.bbox[0])
        right = replace(right, n_cols=right.n_cols - 1, cells=cells, bbox=(x0, *right.bbox[1:]))
    shift = left.bbox[2] - right.bbox[0]

    def moved(box: Box | None) -> Box | None:
        return None if box is None else (box[0] + shift, box[1], box[2] + shift, box[3])

    table.grids[-1] = replace(
        left,
        n_cols=left.n_cols + right.n_cols,
        bbox=(left.bbox[0], left.bbox[1], right.bbox[2] + shift, max(left.bbox[3], right.bbox[3])),
        cells=left.cells
        + [replace(c, col=c.col + left.n_cols, bbox=moved(c.bbox)) for c in right.cells],
    )
    heading = next((ln for ln in nxt.page.lines if ln.text == nxt.heading), None)
    if (
        heading is not None
        and prev.caption_line is not None
        and abs(heading.top - prev.caption_line.top) < 3
    ):
        table.title = join_wrapped(table.title, heading.text)
    table.unit = table.unit or nxt.unit
    _take_notes(table, nxt)


def _rejoin_broken_row(prev: PdfGrid, nxt: PdfGrid) -> PdfGrid | None:
    """The next page's part without the tails of a row the page broke, those joined to their
    cells above (``None`` when the part held nothing else); ``nxt`` itself when no row broke.

    Word lets a ruled row run on to the next page: the wrapped ends of its long cells
    ("SB/T 11245-" then "2023") stand in a row at the top with its first cell empty and
    fewer cells filled than the row above (a row under a label merged down lacks that label
    alone)."""
    if prev.method != "lattice" or nxt.method != "lattice":
        return nxt
    last = max(c.row + c.rowspan - 1 for c in prev.cells)
    above = sorted(
        (c for c in prev.cells if c.row + c.rowspan - 1 == last and c.bbox), key=lambda c: c.col
    )
    tails = [c for c in nxt.cells if c.row == 0 and c.text.strip() and c.bbox is not None]
    filled = [c for c in above if c.text.strip()]
    if not above or not tails or len(tails) >= len(filled) - 1:
        return nxt
    if any(c.rowspan > 1 for c in nxt.cells if c.row == 0):
        return nxt

    def over(cell: PdfCell) -> PdfCell | None:
        assert cell.bbox is not None
        x = (cell.bbox[0] + cell.bbox[2]) / 2
        return next((a for a in above if a.bbox and a.bbox[0] <= x <= a.bbox[2]), None)

    targets = [over(c) for c in tails]
    # text cut short above: a figure or a header over the next part is no cell the page broke
    # (a row under a merged label, a repeated header)
    if any(t is None or not t.text.strip() or t is above[0] or is_measure(t.text) for t in targets):
        return nxt
    for tail, target in zip(tails, targets, strict=True):
        assert target is not None
        target.text = join_wrapped(target.text, tail.text)
    if nxt.n_rows == 1:
        return None
    cells = [replace(c, row=c.row - 1) for c in nxt.cells if c.row > 0]
    return replace(
        nxt,
        n_rows=nxt.n_rows - 1,
        cells=cells,
        indents={r - 1: level for r, level in nxt.indents.items() if r > 0},
    )


def _column_lefts(grid: PdfGrid) -> list[float]:
    """Where each column's text starts in the rows holding figures (a header may be set wider
    than the figures under it, and only the first part repeats it); in a table of text alone,
    in all its rows."""
    body = {c.row for c in grid.cells if is_measure(c.text)} or {c.row for c in grid.cells}
    lefts: dict[int, float] = {}
    for c in grid.cells:
        if c.row in body and c.colspan == 1 and c.bbox is not None and c.text.strip():
            lefts[c.col] = min(lefts.get(c.col, c.bbox[0]), c.bbox[0])
    return [lefts[k] for k in sorted(lefts)]


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
    regions: list[Region] = []
    for page in document.pages:
        regions.extend(_analyse_page(page, stream_uncaptioned))
    tables: list[PdfTable] = []
    last: tuple[PdfTable, Region] | None = None
    pending: Region | None = None  # a caption left at the foot of the page before
    for region in regions:
        if region.grid is None and last is not None and _caption_under(last, region, tables):
            # the caption of a table set under it, the page break between them
            cap = region.caption
            assert cap is not None
            table = last[0]
            table.number, table.title, table.label = cap.number, cap.title, cap.label
            table.unit = table.unit or region.unit
            table.source_department = table.source_department or cap.source
            continue
        if region.grid is None:
            if pending is not None:
                tables.append(_bodiless(pending))
            if region.at_foot:
                pending = region
            else:
                tables.append(_bodiless(region))
                pending = None
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
        elif pending is not None:
            tables.append(_bodiless(pending))
        pending = None
        if cap is not None and cap.continued and last is not None and last[0].label == cap.label:
            _add_part(last[0], region)  # 续表N
            last = (last[0], region)
            continue
        if cap is None and last is not None and _spilled_columns(last[1], region):
            _join_columns(last[0], last[1], region)
            last = (last[0], region)
            continue
        follows = (
            cap is None
            and region.at_top
            and last is not None
            and last[1].page.number + 1 == region.page.number
        )
        if follows and last is not None and last[1].open_end:
            rest = _rejoin_broken_row(last[0].grids[-1], region.grid)
            if rest is None:  # the part held nothing but the broken row's tails
                last = (last[0], region)
                continue
            region.grid = rest
        if (
            follows
            and last is not None
            and (
                (last[1].open_end and _same_table(last[1], region))
                or (last[1].at_foot and _repeats_header(last[0].grids[0], region.grid))
                # rows of figures in the table's columns, the table closed by the page's foot
                or (
                    last[1].at_foot
                    and _same_table(last[1], region)
                    and _opens_with_figures(region.grid)
                )
            )
        ):
            _add_part(last[0], region)
            last = (last[0], region)
            continue
        if region.lone_row:
            continue  # a ruled row of figures that goes on no table is none
        if last is not None:  # the table before is complete
            _notes_over_the_page(document, *last)
        table = PdfTable(
            cap.number if cap else None,
            cap.title if cap else region.heading or "未命名表格",
            [region.grid],
            region.unit,
            None,
            list(region.notes),
            label=cap.label if cap else None,
        )
        table.source_department = (cap.source if cap else None) or (
            region.sources[0] if region.sources else None
        )
        tables.append(table)
        last = (table, region)
    if pending is not None:
        tables.append(_bodiless(pending))
    if last is not None:
        _notes_over_the_page(document, *last)
    # a caption read twice (in a list of tables, or mentioned at a line's start) is its table
    read = {t.label for t in tables if t.grids}
    return [t for t in tables if t.grids or t.label not in read]


def _notes_over_the_page(document: PdfDocument, table: PdfTable, part: Region) -> None:
    """注 and 数据来源 lines opening the next page, under a table that filled its page (Word
    moves the lines that no longer fit to the next page)."""
    page = next((p for p in document.pages if p.number == part.page.number + 1), None)
    if not part.at_foot or page is None or page.columns:
        return
    sources: list[str] = []
    _read_notes(sorted(page.lines, key=lambda x: x.top)[:4], table.notes, sources)
    table.source_department = table.source_department or next(iter(sources), None)


def _caption_under(last: tuple[PdfTable, Region], region: Region, tables: list[PdfTable]) -> bool:
    """A caption opening a page with no table under it, after an uncaptioned table that ran to
    the foot of the page before: the caption is set under that table."""
    table, part = last
    return (
        region.at_top
        and not region.at_foot
        and table.label is None
        and bool(tables)
        and tables[-1] is table
        and part.at_foot
        and part.page.number + 1 == region.page.number
    )


def _add_part(table: PdfTable, region: Region) -> None:
    """A later part of a table, with the notes and 数据来源 under it."""
    assert region.grid is not None
    table.grids.append(region.grid)
    _take_notes(table, region)


def _take_notes(table: PdfTable, region: Region) -> None:
    """The notes and 数据来源 printed under a part of the table are the table's."""
    table.notes.extend(region.notes)
    if table.source_department is None and region.sources:
        table.source_department = region.sources[0]


def _bodiless(region: Region) -> PdfTable:
    """A caption with no table read under it: kept, with no cells, so that it is reported."""
    cap = region.caption
    assert cap is not None  # only captions open a region before its grid is read
    page = region.page
    warning = f"caption without table body on page {page.number}" + (
        " (a picture of the table? it needs OCR)" if page.images else ""
    )
    return PdfTable(
        cap.number,
        cap.title,
        [],
        region.unit,
        label=cap.label,
        page=page.number,
        warnings=[warning],
    )


def page_warnings(document: PdfDocument) -> list[str]:
    """Pages scanned into a PDF that has text (whatever they print is read from no text
    layer), and what the reader could not read on a page."""
    return [
        f"page {p.number} has images and no text (scanned?): it needs OCR"
        for p in document.pages
        if p.images and not p.lines
    ] + [notice for p in document.pages for notice in p.notices]


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
    warnings = page_warnings(document)
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
            page_start=table.pages[0],
            page_end=table.pages[-1],
            source_department=table.source_department,
            notes=list(table.notes),
            unit=unit,
            rows=rows,
        )
        extracted.cells = build_cells(rows, table_unit=unit, positioned=True)
        extracted.warnings.extend(table.warnings)
        if table.grids and not extracted.cells:
            extracted.warnings.append("table has rows but no data cells")
        out.append(extracted)
    return PdfTables(out, found, _listed_numbers(document), warnings)


__all__ = [
    "PdfCell",
    "PdfGrid",
    "PdfTable",
    "PdfTables",
    "extract_pdf_tables",
    "find_tables",
    "make_line",
]
