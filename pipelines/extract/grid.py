"""Recover a table's true grid from the rows a rendition printed.

Exports lose structure: merged label cells vanish or shift the row left, headers span columns
and rows, a page break repeats the header, several header/value row pairs stack under one
caption. This module turns printed rows into data cells that each carry their full row path
(outer→inner labels) and column path (outer→inner headers). It is rendition-agnostic: the text
and PDF extractors both feed it ``SourceRow`` lists.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, replace

from pipelines.extract.tables import GridCell, SourceRow
from pipelines.model.indicators import drop_unit_groups
from pipelines.model.units import is_unit, unit_in_label, vocabulary
from pipelines.model.values import (
    Quantity,
    is_dotted_month,
    is_measure,
    is_period_label,
    is_year_label,
    measured,
    normalize,
    parse_quantity,
)
from pipelines.model.vocabulary import (
    CHANGE_WORDS,
    RATE_WORDS,
    is_grand_total_label,
    is_total_label,
)

_SEQ_HEADERS = {"序号", "编号", "序", "no", "no.", "排名", "名次"}
_SEPARATOR = re.compile(r"^[-—=_~·.\s]*$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)[.、．]\s*(?=\D)")
_HASH = re.compile(r"^(?P<hashes>#+)\s*")
# items numbered （1）, (2), ③: one level under the rows numbered 1., 2. (if any)
_SUB_NUMBERED = re.compile(r"^(?:[（(]\d{1,2}[)）]|[\u2460-\u2473])\s*(?=\S)")
# a group row numbered in words ("一、产品质量", "（一）产品质量") heads the rows numbered 1. 2. …
_WORD_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])\s*"
)
_DATE_HEADER = re.compile(r"时间|日期|年月|时限|期限|截止")  # a column of dates ("2022.12")
_SHIFT_BONUS = 0.3  # how much better a cell must fit elsewhere before it moves
_LONG_CELL = 10  # characters: no column header runs this long in every column


@dataclass
class _Row:
    cells: list[str]
    line: int | None
    page: int | None
    segment: int


def _key(cells: list[str]) -> str:
    return "|".join(re.sub(r"\s+", "", c) for c in cells if c)


def _trim(cells: list[str]) -> list[str]:
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _non_empty(cells: list[str]) -> int:
    return sum(1 for c in cells if c)


def _is_group_row(cells: list[str]) -> bool:
    """A label alone on its row groups the rows below it (``绿化建设方面``)."""
    return bool(cells) and bool(cells[0]) and _non_empty(cells) == 1


# 栏次 rows number a statistical table's columns: 甲 | 乙 | 1 | 2 | 3=2/1, or 栏次 | (1) | (2)
_COLUMN_MARKS = frozenset("甲乙丙丁戊己庚辛壬癸")
_COLUMN_NUMBERING_WORD = re.compile(
    rf"(?P<mark>栏\s*次|[{''.join(sorted(_COLUMN_MARKS))}])"
    r"|(?P<num>\d{1,2})(?:\s*=\s*[\d+\-*/×÷()（）]+)?(?!\S)"
    r"|[（(](?P<par>\d{1,2})[)）]"
    r"|(?P<other>\S+)"
)


def is_column_numbering(cells: list[str]) -> bool:
    """A row that numbers the columns (栏次) rather than holding figures: the numbers count up
    from 1, and a column mark (甲, 乙 …) or the word 栏次 says so, as a bare 1 | 2 | 3 under a
    merged label may well be figures. Three words at least: a two-column row 甲 | 1 is as
    likely an entry labelled 甲."""
    words = [m for c in cells for m in _COLUMN_NUMBERING_WORD.finditer(c)]
    if len(words) < 3 or any(m["other"] for m in words) or not words[0]["mark"]:
        return False
    marks = list(itertools.takewhile(lambda m: m["mark"], words))  # the label columns' marks
    numbers = [int(m["num"] or m["par"]) for m in words[len(marks) :] if not m["mark"]]
    return len(marks) + len(numbers) == len(words) and numbers == list(range(1, len(numbers) + 1))


def _numbering_row(rows: list[_Row], n_header: int) -> int | None:
    """The 栏次 row under the header (or closing it): the first such row, unless the rows after
    it are labelled by column marks too (甲, 乙, 丙 naming classes: rows of figures)."""
    for i, row in enumerate(rows[: n_header + 1]):
        if is_column_numbering(row.cells):
            after = rows[i + 1].cells[:1] if i + 1 < len(rows) else []
            return None if after and after[0].strip() in _COLUMN_MARKS else i
    return None


def _has_measure(cells: list[str], skip_first: bool) -> bool:
    start = 1 if skip_first else 0
    return any(is_measure(c) for c in cells[start:] if c)


# --- cell kinds and column profiles


def _kind(text: str) -> str:
    if not text:
        return "empty"
    if is_year_label(text):
        return "year"
    quantity = parse_quantity(text)
    if quantity is None:
        return "text"
    if quantity.placeholder is not None:
        return "placeholder"
    if quantity.unit in ("%", "‰", "个百分点"):
        return "pct"
    if re.fullmatch(r"\d{1,3}", normalize(text)):
        return "int"
    return "num"


_NUMERIC_KINDS = {"int", "num", "pct", "placeholder"}
_BOUNDS = ("range", "<=", "<", ">=", ">")  # a class by size is bounded; a figure is not


@dataclass
class _Profile:
    kinds: Counter[str]
    chars: Counter[str]
    mean_len: float
    count: int
    classes: bool = False  # classes by size (5年以下 | 5-10年): labels, though quantities

    def fit(self, text: str, own: str = "") -> float:
        """How well ``text`` belongs to this column, 0..1, leaving out the row's own cell."""
        if self.classes:
            quantity = measured(text)
            return 1.0 if quantity is not None and quantity.op in _BOUNDS else 0.0
        kinds = self.kinds.copy()
        chars = self.chars
        count = self.count
        total_len = self.mean_len * self.count
        if own:
            kinds[_kind(own)] -= 1
            chars = self.chars.copy()
            chars.subtract(c for c in own if not c.isspace())
            count -= 1
            total_len -= len(own)
        if count <= 0:
            return 0.3
        mean_len = total_len / count
        kind = _kind(text)
        kind_share = kinds.get(kind, 0) / count
        if kind in _NUMERIC_KINDS:
            numeric_share = sum(kinds.get(k, 0) for k in _NUMERIC_KINDS) / count
            return 0.5 * kind_share + 0.5 * numeric_share
        if kind == "year":
            return kind_share
        text_share = kinds.get("text", 0) / count
        letters = [c for c in text if not c.isspace()]
        overlap = sum(1 for c in letters if chars.get(c, 0) > 0) / max(len(letters), 1)
        length = min(len(text), mean_len) / max(len(text), mean_len, 1)
        return 0.4 * text_share + 0.4 * overlap + 0.2 * length


def _profiles(rows: list[list[str]], width: int) -> list[_Profile]:
    profiles = []
    for col in range(width):
        values = [r[col] for r in rows if col < len(r) and r[col]]
        chars: Counter[str] = Counter()
        for v in values:
            chars.update(c for c in v if not c.isspace())
        profiles.append(
            _Profile(
                kinds=Counter(_kind(v) for v in values),
                chars=chars,
                mean_len=sum(len(v) for v in values) / len(values) if values else 0.0,
                count=len(values),
            )
        )
    return profiles


def _realign(cells: list[str], profiles: list[_Profile], leave_out: bool) -> list[str]:
    """Put a row's cells back under the columns they belong to.

    An export that drops a merged cell shifts the rest of the row left (or leaves an empty cell
    in the wrong place). Dynamic programming assigns the non-empty cells, in order, to columns,
    scoring how well each fits the column's other values; staying put earns a bonus so that
    only clearly misplaced cells move.
    """
    width = len(profiles)
    items = [(i, c) for i, c in enumerate(cells) if c]
    m = len(items)
    if m == 0 or m > width or m == width:
        return cells
    neg = float("-inf")
    # score[k][j]: best score placing items[:k+1] with item k in column j
    score = [[neg] * width for _ in range(m)]
    back = [[-1] * width for _ in range(m)]
    for k, (orig, text) in enumerate(items):
        for j in range(k, width - (m - 1 - k)):
            own = cells[j] if leave_out and j < len(cells) else ""
            gain = profiles[j].fit(text, own)
            gain += _SHIFT_BONUS if j == orig else 0.0
            if k == 0:
                score[k][j] = gain
                continue
            best, arg = neg, -1
            for p in range(k - 1, j):
                if score[k - 1][p] > best:
                    best, arg = score[k - 1][p], p
            if arg >= 0:
                score[k][j] = best + gain
                back[k][j] = arg
    last = max(range(width), key=lambda j: score[m - 1][j])
    placement = [0] * m
    for k in range(m - 1, -1, -1):
        placement[k] = last
        last = back[k][last]
    out = [""] * width
    for (_, text), col in zip(items, placement, strict=True):
        out[col] = text
    return out


def _label_into_span(rows: list[_Row], width: int) -> None:
    """A label printed over a column of figures moves into the empty label column beside it.

    Rows placed by position keep their cells where the page put them, except a merged cell
    that covers a numbering column and the label column (``总计`` across 序号 and 产品类别): its
    text sits top-left, in the numbering column, but it labels the row.
    """
    for c in range(width - 1):
        values = [r.cells[c] for r in rows if r.cells[c]]
        if not values or sum(1 for v in values if is_measure(v)) * 2 < len(values):
            continue
        right = [r.cells[c + 1] for r in rows if r.cells[c + 1]]
        if not right or any(is_measure(v) for v in right):
            continue
        for r in rows:
            text = r.cells[c]
            if text and not is_measure(text) and not r.cells[c + 1]:
                r.cells[c], r.cells[c + 1] = "", text


def _fill_group_totals(
    rows: list[_Row], labels: list[tuple[str, ...]], header: list[list[str]]
) -> None:
    """A lone value in a column group that has a total sub-column is that total.

    A cell spanning a whole group (``2021年`` over 投诉/举报/咨询/合计) is printed by the
    export in the group's first sub-column; the figure is the group's total.
    """
    if len(header) < 2:
        return
    groups: dict[str, list[int]] = {}
    for col, path in enumerate(labels):
        if len(path) >= 2:
            groups.setdefault(path[0], []).append(col)
    for cols in groups.values():
        totals = [c for c in cols if is_total_label(labels[c][-1])]
        if len(cols) < 2 or len(totals) != 1 or totals[0] == cols[0]:
            continue
        total = totals[0]
        for r in rows:
            filled = [c for c in cols if r.cells[c]]
            if filled == [cols[0]]:
                r.cells[total], r.cells[cols[0]] = r.cells[cols[0]], ""


# --- headers


def _detect_header(rows: list[list[str]]) -> int:
    """Number of leading header rows (0 for label/value tables without one)."""
    if _long_text_row(rows):
        return 0
    count = 0
    for i, cells in enumerate(rows[:3]):
        if _is_group_row(cells) and len(rows[0]) > 1:
            break
        if (_non_empty(cells) < 2 and not _lone_header(rows, i)) or _has_measure(
            cells, skip_first=True
        ):
            break
        if i > 0:
            above = rows[i - 1]
            # a lone group header spans the columns after it (the export trims its empty cells)
            spans_above = (i == 1 and _lone_header(rows, 0)) or any(
                not above[c] for c in range(1, min(len(above), len(cells)))
            )
            if cells[0] and not spans_above:
                break
            # a following row that itself looks like data ends the header
            if cells[0] and i + 1 >= len(rows):
                break
        count += 1
        if i + 1 < len(rows) and not _has_measure(rows[i + 1], skip_first=True):
            nxt = rows[i + 1]
            if (
                not nxt
                or len(rows) <= i + 2
                or (
                    nxt[0]
                    and not (i == 0 and _lone_header(rows, 0))
                    and not _fills_spans(cells, nxt, rows[i + 2])
                )
            ):
                # header rows after the first start with an empty (spanned) cell, or fill
                # every column the row above spans, over figures ("类别 | 2021年 | | 2022年 |"
                # over "项目 | 件数 | 占比 | 件数 | 占比" over "投诉 | 5200 | 62.1% …")
                break
    return count


def _lone_header(rows: list[list[str]], i: int) -> bool:
    """The table's first row holds one cell over an empty corner, and it heads: over the one
    column of figures of a label/value table, the period they are of ("| 2016" over "Class A |
    5,111,372"); or a group header over the sub-headers of the next row, with figures under
    them ("| 2022年" over "| 总量 | 增长%"). Any other lone text there is a group's label, a
    unit or a remark."""
    cells = rows[i]
    if i > 0 or not cells or cells[0] or _non_empty(cells) != 1 or len(rows) < 3:
        return False
    c = next(k for k, text in enumerate(cells) if text)
    if len(cells) == 2 and is_period_label(cells[1]):
        return any(len(r) > 1 and is_measure(r[1]) for r in rows[1:])
    below = rows[1]
    return (
        sum(1 for text in below[c:] if text) >= 2
        and not _has_measure(below, skip_first=True)
        and _has_measure(rows[2], skip_first=True)
    )


def _fills_spans(above: list[str], cells: list[str], after: list[str]) -> bool:
    """``cells`` heads the columns ``above`` spans, with figures under them in ``after``."""
    spanned = [c for c in range(1, len(above)) if not above[c]]
    return (
        bool(spanned)
        and all(c < len(cells) and cells[c] for c in spanned)
        and all(c < len(after) and is_measure(after[c]) for c in spanned)
    )


_BRACKETED = re.compile(r"^[（(][^()（）]+[)）]$")


def _bracketed_shares(cells: list[str], above: list[str]) -> bool:
    """A row with no label whose cells are all a bracketed figure ("(3.2%)") under figures of
    the row above: the second line of those cells (a share or a change beside each figure)."""
    filled = [i for i, c in enumerate(cells) if c]
    return (
        bool(filled)
        and not cells[0]
        and all(
            _BRACKETED.match(cells[i])
            and is_measure(cells[i][1:-1])
            and i < len(above)
            and is_measure(above[i])
            for i in filled
        )
    )


def _unclosed(text: str) -> int:
    return len(re.findall(r"[（(]", text)) - len(re.findall(r"[)）]", text))


def _label_carried_on(above: list[str], cells: list[str]) -> list[str] | None:
    """A label wrapped onto a second row: a cell of the row above opens a bracket it does not
    close, and the same column of this row (nothing before it) closes it ("食品相关产品（含" over
    "包装）"). The figures are on one of the two rows. The joined row, else None."""
    col = next((i for i, text in enumerate(above) if _unclosed(text) > 0), None)
    if col is None or col >= len(cells) or any(cells[:col]):
        return None
    text, rest = above[col], cells[col]
    if not rest or _unclosed(rest) >= 0 or _unclosed(text + rest) != 0:
        return None
    if re.match(r"\d", rest) or len(text + rest) > 40:
        return None  # "1）电线电缆" numbers a row of its own
    tail_above, tail = [c for c in above[col + 1 :] if c], [c for c in cells[col + 1 :] if c]
    if tail_above and tail:
        return None
    return above[:col] + [text + rest] + (cells[col + 1 :] if tail else above[col + 1 :])


def _long_text_row(rows: list[list[str]]) -> bool:
    """A list of names without figures opening on a row of long texts (award, winner, project)
    opens on its first entry: column headers are short words (名称, 单位, 认证对象)."""
    if any(_has_measure(r, skip_first=False) for r in rows):
        return False
    first = [re.sub(r"\s+", "", c) for c in rows[0] if c] if rows else []
    return len(first) >= 2 and all(len(c) >= _LONG_CELL for c in first)


def _collapse_header(header: list[list[str]], width: int) -> list[list[str]]:
    """Fit the header rows to the body: drop spurious empty cells from a row wider than it,
    and spread a group row the export printed without its spanned cells over the columns its
    sub-headers repeat under ("类别 | 2021年 | 2022年" over "| 件数 | 占比 | 件数 | 占比")."""
    collapsed = []
    bottom = _trim(header[-1]) if header else []
    for level, cells in enumerate(header):
        cells = _trim(cells)
        extra = len(cells) - width
        if extra > 0:
            empties = [i for i, c in enumerate(cells) if not c and i > 0]
            if len(empties) >= extra:
                drop = set(empties[:extra]) if len(header) == 1 else set(empties[-extra:])
                cells = [c for i, c in enumerate(cells) if i not in drop]
        groups = len(cells) - 1
        if level < len(header) - 1 and groups >= 2 and all(cells[1:]) and len(bottom) > groups + 1:
            subs = bottom[1:]
            span, rest = divmod(len(subs), groups)
            if not rest and span >= 2 and subs == subs[:span] * groups:
                cells = cells[:1] + [g if k == 0 else "" for g in cells[1:] for k in range(span)]
        collapsed.append(cells)
    return collapsed


def _column_paths(header: list[list[str]], width: int) -> list[tuple[str, ...]]:
    """Column label paths: a group label carries right over the empty cells it spans."""
    filled: list[list[str]] = []
    for level, cells in enumerate(header):
        row = (cells + [""] * width)[:width]
        if level < len(header) - 1 or len(header) == 1:
            for c in range(1, width):
                if not row[c] and row[c - 1]:
                    row[c] = row[c - 1]
        filled.append(row)
    paths = []
    for c in range(width):
        path: list[str] = []
        for row in filled:
            if row[c] and path and _BRACKETED.match(row[c]) and row[c] not in path[-1]:
                path[-1] += row[c]  # "同比" over "（%）": the header's unit, wrapped
            elif row[c] and (not path or path[-1] != row[c]):
                path.append(row[c])
        paths.append(tuple(path))
    return paths


# --- row labels


def _strip_marker(label: str) -> tuple[str, int | None, int]:
    """Label without its enumeration or ``#`` indent; (text, numbering depth, hash depth);
    depth 0 for an item numbered （1） or ①."""
    hashes = 0
    match = _HASH.match(label)
    if match:
        hashes = len(match.group("hashes"))
        label = label[match.end() :]
    depth = None
    match = _NUMBERED.match(label)
    if match:
        depth = match.group("num").count(".") + 1
        label = label[match.end() :]
    elif match := _SUB_NUMBERED.match(label):
        depth = 0  # the level under the last numbered row: the hierarchy knows it
        label = label[match.end() :]
    return label.strip(), depth, hashes


class _Hierarchy:
    """Turns indent markers (``1.``, ``6.1.``, ``#``) and group rows into nested row paths."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.numbered_depth: int | None = None
        self.plain_level = 1
        self.group_level: int | None = None
        self.outer = (
            0  # 1 under a group row (一、产品质量, 流通环节): its numbered rows nest under it
        )
        self.dotted = 0  # depth of the last row numbered 1. or 1.2.: （1） items go under it

    def place(self, label: str, is_group: bool) -> tuple[str, ...]:
        worded = _WORD_NUMBERED.match(label) if is_group else None
        # a group row with no number heads the numbered rows under it as one numbered in words
        # does, unless it is itself a part of the numbered row above (1.投资总额 > 按产业分)
        plain = (
            is_group
            and not worded
            and _strip_marker(label)[1:] == (None, 0)
            and not is_total_label(label)
            and (self.numbered_depth is None or self.outer)
        )
        if worded or plain:
            self.stack = [label[worded.end() :].strip() if worded else label.strip()]
            self.outer, self.numbered_depth, self.group_level, self.plain_level = 1, None, 1, 1
            self.dotted = 0
            return tuple(self.stack)
        text, depth, hashes = _strip_marker(label)
        if depth == 0:
            depth = self.dotted + 1
        elif depth is not None:
            self.dotted = depth
        if depth is not None:
            depth += self.outer
        if hashes:
            parent = self.plain_level
            level = parent + hashes
        elif depth is not None:
            level = depth
            self.numbered_depth = depth
            self.plain_level = level
            self.group_level = None
        elif is_total_label(text):
            level = 1
            self.group_level = None
            self.numbered_depth = None
            self.plain_level = 1
            self.outer = 0
        elif is_group and self.numbered_depth is None:
            level = 1
            self.group_level = 1
            self.plain_level = 1
        elif self.numbered_depth is not None:
            level = self.numbered_depth + 1
            self.plain_level = level
        elif self.group_level is not None:
            level = self.group_level + 1
            self.plain_level = level
        else:
            level = 1
            self.plain_level = 1
        level = max(1, min(level, len(self.stack) + 1))
        del self.stack[level - 1 :]
        self.stack.append(text)
        return tuple(self.stack)


def _label_columns(body: list[list[str]], kinds: list[str], first: int) -> int:
    """How many leading text columns (from ``first``) are row labels.

    Labels run until the first column that identifies the row on its own: outer columns are
    repetitive (merged cells the export left blank), the key column is mostly unique.
    """
    count = 0
    width = len(kinds)
    for col in range(first, width):
        if kinds[col] not in ("text", "year"):
            break
        count += 1
        values = [r[col] for r in body if col < len(r)]
        filled = [v for v in values if v]
        if not filled:
            continue
        blank_share = 1 - len(filled) / max(len(values), 1)
        distinct_share = len(set(filled)) / len(filled)
        later_text = any(kinds[c] == "text" for c in range(col + 1, width))
        # a column with gaps before a fully filled text column is a merged outer label
        next_full = (
            col + 1 < width
            and kinds[col + 1] == "text"
            and all(r[col + 1] for r in body if col + 1 < len(r))
        )
        if later_text and (
            blank_share >= 0.3 or distinct_share < 0.75 or (blank_share and next_full)
        ):
            continue
        break
    return count


def _column_kinds(body: list[list[str]], width: int) -> list[str]:
    kinds = []
    for col in range(width):
        values = [r[col] for r in body if col < len(r) and r[col]]
        if not values:
            kinds.append("empty")
            continue
        measures = sum(1 for v in values if _is_figure(v))
        years = sum(1 for v in values if is_year_label(v) or _kind(v) == "year")
        classes = _classes_of(body, col)
        if all(k in ("empty", "text") for k in kinds) and _size_classes(classes):
            kinds.append("text")  # 5年以下 | 5-10年 | 15年以上: the classes name the rows
        elif measures / len(values) >= 0.5:
            kinds.append("measure")
        elif years / len(values) >= 0.5:
            kinds.append("year")
        else:
            kinds.append("text")
    return kinds


def _classes_of(rows: list[list[str]], col: int) -> list[str]:
    """A column's cells but a total row's (合计 | | 38652: the total has no class)."""
    return [r[col] for r in rows if col < len(r) and r[col] and not is_total_label(r[0])]


def _size_classes(values: list[str]) -> bool:
    """A label column's cells (none but labels to its left) are classes by size when they are
    all quantities of one unit whose bounds meet: a range starts where an open class below it
    ends or another range ends (5年以下 | 5-10年 | 10-15年 | 15年以上). A column of targets
    (≥96%, 90-95%) has no such chain."""
    quantities = [measured(v) for v in values]
    if len(values) < 3 or any(q is None or q.value is None for q in quantities):
        return False
    units = {q.unit for q in quantities if q is not None}
    if len(units) != 1:
        return False
    # a range of falls runs downwards (下降5-10%: -5 to -10)
    ranges = [
        (min(q.value, q.upper), max(q.value, q.upper))
        for q in quantities
        if q is not None and q.op == "range" and q.value is not None and q.upper is not None
    ]
    below = {q.value for q in quantities if q is not None and q.op in ("<=", "<")}
    above = {q.value for q in quantities if q is not None and q.op in (">=", ">")}
    ends = {upper for _, upper in ranges}
    return any(lo in below or lo in ends or hi in above for lo, hi in ranges)


def _is_figure(text: str) -> bool:
    """A measured figure; "12315热线", "5G消息" name a row: a number before words that neither
    open with a unit (张床位, 万kW) nor are symbols (mg/L, ℃) is part of a name."""
    quantity = measured(text)
    if quantity is None:
        return False
    unit = quantity.unit
    if unit is None or len(unit) < 2 or "/" in unit or not re.search(r"[\u4e00-\u9fff]", unit):
        return True
    # a unit, or a magnitude, and at most two characters more (张床位, 万kW; not 米以上观光电梯)
    opens = [k for k in range(1, min(len(unit), 4) + 1) if is_unit(unit[:k])]
    if unit[0] in "万亿千百" and not re.search(r"[\u4e00-\u9fff]", unit[1:]):
        return True
    return bool(opens) and len(unit) - max(opens) <= 2


def is_seq_column(header_label: str, values: list[str]) -> bool:
    """A column that only numbers the rows (序号): so headed, or unheaded integers counting up."""
    if normalize(header_label).lower().replace(" ", "") in _SEQ_HEADERS:
        return True
    ints = [int(v) for v in values if re.fullmatch(r"\d{1,3}", v)]
    return bool(header_label == "" and len(ints) >= 3 and ints == sorted(ints))


# --- units


def _resolve_unit(
    quantity: Quantity,
    raw: str,
    row_path: tuple[str, ...],
    col_path: tuple[str, ...],
    row_unit: str | None,
    table_unit: str | None,
) -> str | None:
    """Unit precedence: cell > row label > column header > unit column > caption > 单位 line.
    A cell that prints a magnitude alone ("1.2万" under 户数（户）) scales the unit it would
    otherwise take (万户): 万 by itself is no unit."""
    if quantity.value is None or not re.search(r"\d", raw):
        return None
    context = _context_unit(row_path, col_path, row_unit, table_unit)
    if quantity.unit:
        return _scaled(quantity.unit, context)
    return context


_RELATIVE = frozenset({"percent", "per_mille", "percentage_point", "ratio"})


def _scaled(unit: str, context: str | None) -> str:
    """``万`` printed in a cell whose column counts 户 is 万户, and ``1.2亿`` under 产值（万元）
    is 亿元: the cell's magnitude on the context's unit, when it is the larger (``1.2万`` under
    产值（亿元） says 万 of what the column counts in 亿: left as printed, for the checks)."""
    units = vocabulary()
    if context is None or unit not in units.magnitudes or units.lookup(unit):
        return unit
    parts = units.split(context)
    if parts is None or units.units[parts[1]][0] in _RELATIVE:
        return unit
    prefix, base = parts
    if units.magnitudes[unit] <= units.magnitudes.get(prefix, 1.0):
        return unit
    return unit + base


def _context_unit(
    row_path: tuple[str, ...],
    col_path: tuple[str, ...],
    row_unit: str | None,
    table_unit: str | None,
) -> str | None:
    """The unit a cell takes from its labels, its row's unit column or the table."""
    col_unit = next((u for u in map(unit_in_label, reversed(col_path)) if u), None)
    label_unit = next((u for u in map(unit_in_label, reversed(row_path)) if u), None)
    is_change_col = any(w in "".join(col_path) for w in CHANGE_WORDS)
    if label_unit and not (is_change_col and col_unit):
        return label_unit
    if col_unit:
        return col_unit
    if row_unit:
        return row_unit
    if table_unit:
        return table_unit
    inner = (row_path[-1] if row_path else "") + (col_path[-1] if col_path else "")
    if any(w in inner for w in RATE_WORDS) and not is_change_col:
        return "%"
    return None


def _make_cell(
    raw: str,
    row_path: tuple[str, ...],
    col_path: tuple[str, ...],
    row: _Row,
    row_unit: str | None,
    table_unit: str | None,
) -> GridCell:
    quantity = parse_quantity(raw)
    if quantity is None or (is_dotted_month(raw) and _DATE_HEADER.search("".join(col_path))):
        return GridCell(row_path, col_path, raw, None, None, line=row.line, page=row.page)
    unit = _resolve_unit(quantity, raw, row_path, col_path, row_unit, table_unit)
    extra = None
    if quantity.extra:
        extra = json.dumps(
            [{"value": q.value, "unit": q.unit, "op": q.op} for q in quantity.extra],
            ensure_ascii=False,
        )
    op = quantity.op
    return GridCell(
        row_path,
        col_path,
        raw,
        quantity.value,
        unit,
        op=op,
        extra=extra,
        is_change=quantity.is_change,
        baseline=quantity.baseline,
        line=row.line,
        page=row.page,
    )


# --- the grid


def build_cells(
    source_rows: list[SourceRow], table_unit: str | None = None, positioned: bool = False
) -> list[GridCell]:
    """Data cells of one table, each with its full row and column label paths.

    ``positioned``: the rows' columns come from where the cells sit on the page (the PDF path),
    so a row that fills only some columns is not shifted back under others by content.
    """
    rows = [
        _Row(_trim(list(r.cells)), r.line, r.page, r.segment)
        for r in source_rows
        if _non_empty(list(r.cells)) and not all(_SEPARATOR.match(c) for c in r.cells)
    ]
    if not rows:
        return []
    n_header = _detect_header([r.cells for r in rows])
    numbering = _numbering_row(rows, n_header)
    numbering_key = None if numbering is None else _key(rows.pop(numbering).cells)
    if numbering is not None and numbering < n_header:
        n_header -= 1
    header = [r.cells for r in rows[:n_header]]
    header_keys = {_key(h) for h in header}
    body: list[_Row] = []
    for r in rows[n_header:]:
        if header_keys and _key(r.cells) in header_keys and r.segment > 0:
            continue  # header repeated after a page break
        if _key(r.cells) == numbering_key and r.segment > 0:
            continue  # and its 栏次 row
        if (
            body
            and r.segment > body[-1].segment
            and not r.cells[0]
            and not _has_measure(r.cells, skip_first=False)
            and not any(_has_measure(b.cells, skip_first=True) for b in body)
        ):
            # a text cell broken by the page: glue it onto the row it continues
            prev = body[-1]
            merged = prev.cells + [""] * (len(r.cells) - len(prev.cells))
            for i, text in enumerate(r.cells):
                if text:
                    merged[i] = f"{merged[i]}{text}" if merged[i] else text
            body[-1] = _Row(merged, prev.line, prev.page, r.segment)
            continue
        if body and (joined := _label_carried_on(body[-1].cells, r.cells)) is not None:
            # "食品相关产品（含" alone, then "包装）| 20 | 18": one label wrapped onto two lines
            prev = body[-1]
            body[-1] = _Row(joined, prev.line, prev.page, r.segment)
            continue
        if body and _bracketed_shares(r.cells, body[-1].cells):
            # "12,345" over "(3.2%)": a cell of two lines, split into two rows
            prev = body[-1]
            merged = prev.cells + [""] * (len(r.cells) - len(prev.cells))
            for i, text in enumerate(r.cells):
                if text:
                    merged[i] = f"{merged[i]} {text}"
            body[-1] = _Row(merged, prev.line, prev.page, prev.segment)
            continue
        body.append(r)
    body_width = max((len(r.cells) for r in body), default=0)
    header = _collapse_header(header, body_width) if body_width else header
    width = max([body_width] + [len(h) for h in header])
    for r in body:
        r.cells = r.cells + [""] * (width - len(r.cells))

    header_labels = _column_paths(header, width) if header else [() for _ in range(width)]
    data_rows = [r for r in body if not _is_group_row(r.cells)]
    first_header = header_labels[0][-1] if header_labels[0] else ""
    seq_col = 0 if is_seq_column(first_header, [r.cells[0] for r in data_rows]) else None
    first_label = 1 if seq_col is not None else 0

    # Stacked header/value pairs: value rows start with a number instead of a label.
    numeric_first = sum(
        1 for r in data_rows if r.cells[first_label] and _is_figure(r.cells[first_label])
    )
    value_rows = sum(1 for r in data_rows if _has_measure(r.cells, skip_first=False))
    stacked = value_rows > 0 and numeric_first * 2 >= value_rows

    if not stacked:
        if positioned:
            _label_into_span(data_rows, width)
        else:
            # Complete rows show best what each column holds; fall back to all rows.
            full = [r.cells for r in data_rows if _non_empty(r.cells) == width]
            basis = full if len(full) >= 2 else [r.cells for r in data_rows]
            profiles = _profiles(basis, width)
            for c, profile in enumerate(profiles):
                profile.classes = _size_classes(_classes_of([r.cells for r in data_rows], c))
            for r in data_rows:
                if _non_empty(r.cells) < width:
                    r.cells = _realign(r.cells, profiles, leave_out=basis is not full)

        _fill_group_totals(data_rows, header_labels, header)
    matrix = [r.cells for r in data_rows]
    kinds = _column_kinds(matrix, width)
    if seq_col is not None:
        kinds[0] = "seq"
    has_measure_col = any(k == "measure" for k in kinds)
    n_labels = 0 if stacked else _label_columns(matrix, kinds, first_label)
    label_cols = list(range(first_label, first_label + n_labels))
    is_list = not has_measure_col
    unit_col = next(
        (
            c
            for c in range(width)
            if c not in label_cols
            and kinds[c] == "text"
            and (
                "单位" in "".join(header_labels[c])
                or (all(is_unit(r[c]) for r in matrix if r[c]) and any(r[c] for r in matrix))
            )
        ),
        None,
    )

    emitted = width - (1 if seq_col is not None else 0) - (0 if is_list else n_labels)
    headerless_multi = not header and emitted > 1

    def col_path(c: int, labels: list[tuple[str, ...]]) -> tuple[str, ...]:
        if labels[c]:
            return labels[c]
        return (f"第{c + 1}列",) if headerless_multi else ()

    # in stacked pairs, a line of labels over a line of figures heads the rows below it; when
    # no group row names the blocks and their headers repeat, their lead header names them
    # ("药品(件)" over "739", then "医疗器械(件)" over "22"): else their cells under the same
    # headers (不合格, 合格率) would be one cell twice
    block_heads = {
        idx
        for idx, r in enumerate(body[:-1])
        if stacked
        and not _has_measure(r.cells, skip_first=False)
        and _non_empty(r.cells) >= 2
        and _has_measure(body[idx + 1].cells, skip_first=False)
    }
    heads = ([header[-1]] if header else []) + [body[i].cells for i in sorted(block_heads)]
    repeated = Counter(c for h in heads for c in set(h[1:]) if c)
    # a lead that is a period ("2021年 | 2022年 | 增幅") names no block
    named = any(n > 1 for n in repeated.values()) and not any(is_period_label(h[0]) for h in heads)
    # the table's header heads the first block
    block = (drop_unit_groups(header[-1][0]),) if named and header and header[-1][0] else ()
    cells: list[GridCell] = []
    carried: list[str] = [""] * width
    hierarchy = _Hierarchy()
    group: tuple[str, ...] = ()
    # the totals closing a table of two groups or more are the table's (小计 in each group, then
    # 合计 for all), unless a group before had a total so labelled (合计 in each group is theirs)
    closing = len(body)
    while closing > 0 and (
        is_grand_total_label(first := next((c for c in body[closing - 1].cells if c), ""))
        or re.match(r"其中|#|同比|增长|增速|占比", first)  # rows that qualify the total
    ):
        closing -= 1
    groups, group_totals, own_totals = 0, set(), set()
    carried_totals: set[str] = set()
    current_labels = header_labels
    for idx, r in enumerate(body):
        row = r.cells
        if _is_group_row(row) and width > 1 and re.sub(r"[\s:：]", "", row[0]) == "其中":
            continue  # "其中：" alone over the parts: no group of its own
        if _is_group_row(row) and width > 1:
            groups += 1
            group_totals |= own_totals
            own_totals = set()
            text = row[0]
            if n_labels <= 1 and not stacked:
                group = hierarchy.place(text, is_group=True)
            else:
                group = (_strip_marker(text)[0],)
            continue
        if idx in block_heads:
            current_labels = _column_paths([row], width)
            block = (drop_unit_groups(row[0]),) if named and row[0] else ()
            continue
        # row path: carry merged outer labels down, reset inner ones when an outer one changes;
        # a total alone (合计, wherever the export set it) carries nothing down
        labels = [row[c] for c in label_cols if row[c]]
        total_only = len(labels) == 1 and is_grand_total_label(labels[0])
        alone_total = total_only and idx >= closing and labels[0] not in carried_totals
        if total_only and not alone_total:
            carried_totals.add(labels[0])  # a group's own 合计: the last one is the group's too
        path: list[str] = labels if alone_total else []
        for pos, c in enumerate([] if alone_total else label_cols):
            value = row[c]
            if value:
                if carried[c] != value:
                    for inner in label_cols[pos + 1 :]:
                        carried[inner] = ""
                carried[c] = value
            elif pos < len(label_cols) - 1 and any(row[i] for i in label_cols[pos + 1 :]):
                value = carried[c]
            if value:
                path.append(value)
        label = re.sub(r"\s+", "", path[0]) if path else ""
        if is_total_label(label):
            own_totals.add(label)
        grand_total = groups >= 2 and idx >= closing and label not in group_totals
        outer = () if grand_total else group
        if n_labels == 1 and path:
            row_path = hierarchy.place(path[0], is_group=False)
            if outer and hierarchy.numbered_depth is None and len(row_path) == 1:
                row_path = outer + row_path
        else:
            row_path = outer + tuple(_strip_marker(p)[0] for p in path)
        if not path and stacked:
            row_path = group or block
        elif not path:
            # no label at all: identify the row by its first text cell
            fallback = next((row[c] for c in range(width) if row[c] and kinds[c] == "text"), "")
            row_path = group + ((fallback,) if fallback else ())
        row_unit = row[unit_col] if unit_col is not None and is_unit(row[unit_col]) else None
        for c in range(width):
            text = row[c]
            if not text or c == seq_col:
                continue
            if c in label_cols and not is_list:
                continue
            cells.append(
                _make_cell(text, row_path, col_path(c, current_labels), r, row_unit, table_unit)
            )
    # A counter one header states (总数（户）) counts the unit-less count columns beside it,
    # also in the header/value pairs stacked under the same caption.
    shared = _shared_count_unit([cell.col_path for cell in cells])
    if shared:
        cells = [replace(c, unit=shared) if c.unit is None and _is_count(c) else c for c in cells]
    return cells


def _shared_count_unit(labels: list[tuple[str, ...]]) -> str | None:
    """The counter a total column states (``总数（户）``), when it is the only unit stated.

    The parts beside a total (批发经营, 零售经营 | 总数（户）) count what the total counts. A unit
    on any other column says nothing about its neighbours (企业数（家）| 从业人员).
    """
    units = {u for path in labels if path and (u := unit_in_label(path[-1]))}
    totals = {
        u for path in labels if path and is_total_label(path[-1]) and (u := unit_in_label(path[-1]))
    }
    if len(units) != 1 or len(totals) != 1:
        return None
    unit = next(iter(totals))
    info = vocabulary().lookup(unit)
    return unit if info and info.dimension == "count" else None


def _is_count(cell: GridCell) -> bool:
    labels = "".join(cell.col_path) + "".join(cell.row_path[-1:])
    return (
        cell.value is not None
        and float(cell.value).is_integer()
        and not any(w in labels for w in (*RATE_WORDS, *CHANGE_WORDS))
        and re.search(r"\d", cell.raw_text) is not None
    )
