"""Find every table in a text export and attach its caption, source note, notes and unit.

A text export prints table rows as TAB-separated lines. Around them it leaves captions
("表 5：…", "表5 …"), page-break debris between the parts of one table (footnotes, blank
lines, a repeated header), source notes (``<sup>3</sup>数据来源：区市场监管局``), notes (注：…)
and headings. This module segments the lines into tables; ``grid`` recovers each table's cells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pipelines.extract.annotations import (
    HEADING_ENUM,
    PAGE_NUMBER,
    SENTENCE_END,
    add_note_item,
    is_note,
    next_note_item,
    source_department,
)
from pipelines.extract.captions import (
    CONTENTS_LEADER,
    is_caption_shaped,
    is_continued_mark,
    is_figure_caption,
    parse_caption,
    split_unit_clause,
    titles_a_table,
    with_title,
)
from pipelines.extract.grid import build_cells
from pipelines.extract.markup import footnote_refs, split_cells, strip_markup
from pipelines.extract.tables import ExtractedTable, SourceRow
from pipelines.model.units import declared_unit, declares_units, unit_in_label
from pipelines.model.values import is_measure

# a TAB-separated 目录 row of a caption ("表 1: 甲表 .....\t3"): the contents leader (the same
# as every rendition's) runs to a cell's end, or the page number has a cell of its own
_TOC_ROW = re.compile(rf"(?:{CONTENTS_LEADER.pattern})\s*(?:\t|$)|\t\s*\d{{1,3}}\s*$")
_TABLE_MENTION = re.compile(r"表\s*(\d{1,3})|<sup>\s*(\d{1,3})\s*</sup>")


@dataclass
class _Line:
    number: int
    raw: str
    text: str
    # blank toc caption continued row source note unit figure heading separator page running prose
    kind: str


@dataclass
class TextTables:
    """Tables of one text export plus what the document says about them."""

    tables: list[ExtractedTable]
    listed_numbers: list[int] = field(default_factory=list)  # from the document's 目录
    warnings: list[str] = field(default_factory=list)


# what a line set between TABs still is when it is no row: a table's caption ("表3：…\t\t"),
# its unit ("\t\t单位：亿元"), a 注 or 数据来源 line (a figure alone is a row's: "2021\t\t")
_NO_ROW = ("caption", "unit", "note", "source", "continued", "figure")


def _classify(number: int, raw: str) -> _Line:
    text = strip_markup(raw)
    if not text:
        return _Line(number, raw, text, "blank")
    if "\t" in raw and not (_TOC_ROW.search(raw) or re.search(r"\.{4,}", raw)):
        parts = [c for c in (strip_markup(c) for c in raw.split("\t")) if c]
        alone = _classify(number, " ".join(parts)) if parts else None
        if (
            alone is not None
            and (
                (alone.kind in _NO_ROW and len(parts) == 1)
                # "表3：…情况\t\t单位：亿元", "注：\t抽检数含风险监测"
                or (alone.kind == "caption" and all(declares_units(c) for c in parts[1:]))
                or (alone.kind == "note" and len(parts) == 2 and is_note(parts[0]))
            )
        ):
            return _Line(number, raw, alone.text, alone.kind)
    inner_tab = "\t" in raw.strip("\t \r\n")
    caption = parse_caption(text)
    if caption is None and text.startswith("#") and (marked := parse_caption(text.lstrip("# "))):
        text, caption = text.lstrip("# "), marked  # marked as a heading by the export (### 表 3)
    if "\t" in raw and (inner_tab or caption is None):
        # a row, even a label alone with trailing TABs or a cell continued after a page break
        # a dot run makes any row a 目录 entry ("一、产品质量 .....\t3"); a run of … or ·, or
        # a page number alone in the last cell, only a caption's row
        if (_TOC_ROW.search(raw) and caption) or re.search(r"\.{4,}", raw):
            return _Line(number, raw, text, "toc")
        if all(re.fullmatch(r"[-—=_\s]*", c) for c in raw.split("\t")):
            return _Line(number, raw, text, "separator")
        return _Line(number, raw, text, "row")
    if CONTENTS_LEADER.search(text):
        return _Line(number, raw, text, "toc")
    if PAGE_NUMBER.match(text):
        return _Line(number, raw, text, "page")
    if is_continued_mark(text):
        return _Line(number, raw, text, "continued")
    if caption and is_caption_shaped(text):
        return _Line(number, raw, text, "caption")
    if source_department(text):
        return _Line(number, raw, text, "source")
    if is_note(text):
        return _Line(number, raw, text, "note")
    if declares_units(text) and len(text) <= 30 and not split_unit_clause(text)[0]:
        return _Line(number, raw, text, "unit")
    if is_figure_caption(text):
        return _Line(number, raw, text, "figure")
    if raw.lstrip().startswith("#"):
        return _Line(number, raw, text.lstrip("# ").strip(), "heading")
    if len(text) <= 40 and HEADING_ENUM.match(text) and not SENTENCE_END.search(text):
        return _Line(number, raw, text, "heading")
    return _Line(number, raw, text, "prose")


def _running_headers(lines: list[_Line]) -> list[_Line]:
    """A short line the export repeats at page breaks (the report's title as a running header)
    is page furniture: it goes between the parts of a table, not closing it. So is the title
    said again."""
    counts = Counter(ln.text for ln in lines if ln.kind == "prose")
    title = next((ln for ln in lines if ln.kind != "blank"), None)
    return [
        replace(ln, kind="running")
        if ln.kind == "prose"
        and (
            counts[ln.text] >= 3
            or (title is not None and ln.text == title.text and ln is not title)
        )
        and len(ln.text) <= 40
        and not SENTENCE_END.search(ln.text)
        else ln
        for ln in lines
    ]


def _with_indent(raw: str, cells: tuple[str, ...]) -> tuple[str, ...]:
    """An indented row label (leading spaces in the export) is a child of the row above.

    Indentation is written as ``#`` markers, the form the grid's row hierarchy already reads.
    """
    first = raw.split("\t", 1)[0]
    label = first.lstrip(" \u3000\u00a0")
    width = (len(first) - len(label)) + first[: len(first) - len(label)].count("\u3000")
    if width < 2 or not cells or not cells[0] or cells[0].startswith("#"):
        return cells
    return ("#" * max(1, width // 4) + cells[0], *cells[1:])


def _footnote_departments(lines: list[_Line]) -> dict[int, str]:
    found: dict[int, str] = {}
    for line in lines:
        if line.kind != "source":
            continue
        refs = footnote_refs(line.raw)
        department = source_department(line.text)
        if refs and department:
            found[refs[0]] = department
    return found


def _table_footnotes(lines: list[_Line]) -> dict[int, int]:
    """Table number → footnote number, from prose like ``（见表 4、表 5）<sup>3</sup>``."""
    links: dict[int, int] = {}
    for line in lines:
        if line.kind not in ("prose", "heading"):
            continue
        pending: list[int] = []
        for match in _TABLE_MENTION.finditer(line.raw):
            if match.group(1):
                pending.append(int(match.group(1)))
            else:
                for table in pending:
                    links.setdefault(table, int(match.group(2)))
                pending = []
    return links


def _cited(lines: list[_Line]) -> dict[int, str]:
    departments = _footnote_departments(lines)
    return {
        table: departments[footnote]
        for table, footnote in _table_footnotes(lines).items()
        if footnote in departments
    }


def cited_sources(raw_lines: Iterable[str]) -> dict[int, str]:
    """Table number → the 数据来源 of the footnote the prose cites after mentioning the table
    ("（见表 4）<sup>3</sup>" … "<sup>3</sup>数据来源：区统计局"), for any rendition's lines."""
    return _cited([_classify(i, raw) for i, raw in enumerate(raw_lines, start=1)])


def _closes(table: ExtractedTable, lines: list[_Line], pos: int) -> bool:
    """The caption at ``pos`` is set under ``table``, the way some documents caption tables
    (as figures are captioned): the table has rows and no caption of its own, and what comes
    after the caption, past its 数据来源 and 注, is no table body."""
    if table.number is not None or table.label is not None or not table.rows:
        return False
    after = (ln for ln in lines[pos + 1 :] if ln.kind not in ("blank", "source", "note", "page"))
    following = next(after, None)
    return following is None or following.kind in ("prose", "heading", "caption", "figure")


def extract_text_tables(document_id: str, text: str) -> TextTables:
    """Segment a text export into tables and recover each table's cells."""
    lines = _running_headers(
        [_classify(i, raw) for i, raw in enumerate(text.splitlines(), start=1)]
    )
    cited = _cited(lines)
    listed = [
        caption.number
        for ln in lines
        if ln.kind == "toc" and (caption := parse_caption(ln.text)) is not None
    ]

    tables: list[ExtractedTable] = []
    warnings: list[str] = []
    current: ExtractedTable | None = None
    accepting = False
    gap = False
    segment = 0
    last_heading: str | None = None
    nearby_sources: dict[int, list[str]] = {}
    consumed: set[int] = set()

    def close() -> None:
        nonlocal accepting
        accepting = False

    def start(
        number: int | None, title: str, line: int, label: str | None = None
    ) -> ExtractedTable:
        nonlocal current, accepting, gap, segment
        table = ExtractedTable(
            document_id=document_id,
            rendition="text",
            table_index=len(tables) + 1,
            number=number,
            label=label,
            title=title,
            line_start=line,
            line_end=line,
        )
        tables.append(table)
        current, accepting, gap, segment = table, True, False, 0
        return table

    noting = False  # the last line not blank was a 注 line (or one of its numbered items)
    paged = False  # a page number or running header since the last row
    for pos, line in enumerate(lines):
        if line.number in consumed:
            continue
        kind = line.kind
        heading = line.raw.lstrip().startswith("#")  # a heading the export marks as one
        if (
            kind in ("prose", "heading")
            and noting
            and not heading
            and current is not None
            and next_note_item(current.notes, line.text)
        ):
            kind = "item"  # "注：" then "1.…", "2.…" on lines of their own
        if kind != "blank":
            noting = kind in ("note", "item")
        if kind == "item":
            if current is not None and accepting:
                add_note_item(current.notes, line.text)
            continue
        if kind == "continued":  # "续表" with no number: the open table goes on
            if current is not None:
                accepting, gap = True, True
            continue
        if kind == "caption":
            caption = parse_caption(line.text)
            assert caption is not None
            title = caption.title
            if caption.continued and current is not None and current.label == caption.label:
                accepting, gap = True, True
                continue
            if current is not None and accepting and _closes(current, lines, pos):
                # a caption set under its table names the table above it
                current.number, current.label, current.title = (
                    caption.number,
                    caption.label,
                    title,
                )
                current.unit = current.unit or caption.unit or unit_in_label(title)
                current.source_department = caption.source
                continue
            # a title wrapped onto the next line, directly above the table body; under a label
            # alone ("表3"), the whole title, past blank lines
            following = [ln for ln in lines[pos + 1 : pos + 6] if ln.kind != "blank"][:2]
            preceding = next((ln for ln in reversed(lines[:pos]) if ln.kind != "blank"), None)
            if (
                len(following) >= 2
                and following[0].kind == "prose"
                and (len(following[0].text) <= 30 if title else titles_a_table(following[0].text))
                and not SENTENCE_END.search(following[0].text)
                and following[1].kind in ("row", "unit")
            ):
                caption = with_title(caption, f"{title}{following[0].text}")
                title = caption.title
                consumed.add(following[0].number)
            elif (
                not title
                and preceding is not None
                and preceding.kind == "prose"
                and titles_a_table(preceding.text)
            ):
                # "表3" alone under its title
                caption = with_title(caption, preceding.text)
                title = caption.title
            table = start(caption.number, title, line.number, caption.label)
            table.unit = caption.unit or unit_in_label(title)
            table.source_department = caption.source
            continue
        if kind == "row":
            cells = _with_indent(line.raw, tuple(split_cells(line.raw)))
            width = len([c for c in cells if c])
            if current is not None and accepting and gap and current.number is None:
                first = current.rows[0].cells if current.rows else ()
                known_width = max(len([c for c in r.cells if c]) for r in current.rows)
                if width != known_width and cells != first:
                    close()
            elif (
                current is not None
                and accepting
                and paged
                and current.rows
                and cells != current.rows[0].cells
                and (
                    len(cells) not in {len(r.cells) for r in current.rows}
                    or not any(is_measure(c) for c in cells)
                )
            ):
                # past a page number or running header, a table goes on with its header again
                # or with rows of figures in its columns; another header opens another table
                close()
            paged = False
            if current is None or not accepting:
                start(None, last_heading or "未命名表格", line.number)
            assert current is not None
            if gap and current.rows:
                segment += 1
            gap = False
            current.rows.append(SourceRow(cells=cells, line=line.number, segment=segment))
            current.line_end = line.number
            continue
        if kind in ("blank", "source", "note", "unit", "separator", "toc", "page", "running"):
            paged = paged or kind in ("page", "running")
            if current is not None and accepting:
                if kind == "source":
                    department = source_department(line.text)
                    if department:
                        nearby_sources.setdefault(current.table_index, []).append(department)
                elif kind == "note":
                    current.notes.append(line.text)
                elif kind == "unit" and current.unit is None:
                    current.unit = declared_unit(line.text)
                if current.rows and kind != "toc":
                    gap = True
            continue
        if kind == "heading":
            last_heading = line.text
        if current is not None and accepting and (current.rows or kind == "heading"):
            close()

    for table in tables:
        if table.number in cited:
            table.source_department = cited[table.number]
        elif table.source_department is None and nearby_sources.get(table.table_index):
            table.source_department = nearby_sources[table.table_index][0]
        table.cells = build_cells(table.rows, table_unit=table.unit)
        if not table.rows:
            warnings.append(f"表{table.number} has a caption but no table body")
            table.warnings.append("caption without table body")
        elif not table.cells:
            table.warnings.append("table has rows but no data cells")
    return TextTables(tables=tables, listed_numbers=listed, warnings=warnings)
