"""Table captions as printed in Chinese reports, the same for every rendition.

Most reports number tables "表5：…", but plans add annex tables ("附表1 …"), longer reports number
per chapter ("表2-3", "表 2.3") and a few spell the number out ("表一"). The caption's printed
label keeps these apart; ``number`` is its leading integer, which orders tables and matches
"见表5" mentions and the 目录.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipelines.extract.annotations import HEADING_ENUM, SENTENCE_END
from pipelines.model.units import declared_unit, declares_units
from pipelines.model.values import chinese_number

CAPTION = re.compile(
    r"^(?P<cont>续)?(?P<label>(?P<annex>附)?表\s*(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})"
    r"(?P<sub>\s*[-－–—.．]\s*\d{1,2}(?!\d))?)"
    r"\s*(?:[:：.．、]\s*|\s+|(?=[^\d\s])|$)(?P<title>\S.*)?$"
)


# "…情况  单位：亿元", "…情况（单位：万元）": the unit printed at the caption's end, not its title
# (set apart by a space or a bracket: "全区各单位：万元" is a title that ends in 单位)
_UNIT_CLAUSE = re.compile(r"(?:^|(?<=\s)|[（(])\s*(?:计量)?单位\s*[:：][^（）()]*[）)]?\s*$")
CONTENTS_LEADER = re.compile(r"\.{4,}|…{3,}|·{4,}")  # the dots leading a 目录 entry to its page
# 图1：…, 图 2-1, 图一, 附图1, 图表3 — a chart's caption, never a table's (not 图书, 图表显示)
FIGURE_CAPTION = re.compile(r"^(?:续|附)?图表?\s*(?:\d+|[一二三四五六七八九十]{1,3}(?=[\s:：.、]))")
# "表1（续）", "表1 抽检情况（续表）", "表1 续上表": the rest of a table, marked after the label or
# at the title's end instead of before it (a bare 续 only as the whole title: "…持续" is a word)
_CONTINUED_MARK = re.compile(r"\s*[（(]\s*续上?表?\s*[)）]$|^续上?表?$")


@dataclass(frozen=True)
class Caption:
    number: int
    label: str  # as printed, without spaces: 表5, 表2-3, 附表1, 表一
    title: str
    continued: bool  # 续表N: the rest of a table begun earlier
    unit: str | None = None  # declared at the caption's end (单位：亿元), kept out of the title
    source: str | None = None  # named at the caption's end (（数据来源：区统计局）), kept out too


def split_unit_clause(text: str) -> tuple[str, str | None]:
    """``text`` without the unit clause at its end, and that unit ("…情况（单位：万元）")."""
    clause = _UNIT_CLAUSE.search(text)
    if clause is None or not declares_units(clause.group()):
        return text, None
    return text[: clause.start()].strip(), declared_unit(clause.group())


_SOURCE_CLAUSE = re.compile(
    r"\s*[（(]\s*(?:数据|资料)?来源\s*[:：]\s*(?P<dept>[^（）()]+?)\s*[)）]\s*$"
)


def _split_source_clause(text: str) -> tuple[str, str | None]:
    """``text`` without the 数据来源 named in brackets at its end, and that department."""
    clause = _SOURCE_CLAUSE.search(text)
    if clause is None:
        return text, None
    return text[: clause.start()].strip(), clause.group("dept")


def with_title(caption: Caption, title: str) -> Caption:
    """``caption`` with its whole title, carried onto the next line by the document ("表1" alone
    over its title, or a title too long for one line); a unit at its end is the unit."""
    title, source = _split_source_clause(title)
    title, unit = split_unit_clause(title)
    return replace(caption, title=title, unit=unit or caption.unit, source=source or caption.source)


# what only a sentence says: a pointer to the table, an introduction, a finding
_NO_TITLE = re.compile(
    r"见表|见下表|如下|[：:，,]$|(?:提升|提高|增长|下降|增加|减少|较高|较低|良好|稳定|明显)$"
)
# periods a title may name: 2022年, 1-6月, 一季度 (any other figure is a statement's)
_TITLE_PERIOD = re.compile(
    r"(?:19|20)\d\d|\d{1,2}\s*[-—~～至]\s*\d{1,2}\s*月|\d{1,2}\s*月|第\d季度"
)


def titles_a_table(text: str) -> bool:
    """A line by a label printed alone ("表3") that may be its title: one phrase naming what is
    listed ("2022年各街镇食品抽检合格率", "重点工业产品监督抽查结果"), not a sentence, a heading, a
    pointer to the table (…见表3, 具体情况如下：) or a figure (0.3个百分点, 合计)."""
    text = text.strip()
    return (
        4 <= len(text) <= 60
        and not SENTENCE_END.search(text)
        and not _NO_TITLE.search(text)
        and "，" not in text
        and not HEADING_ENUM.match(text)
        and not re.search(r"\d", _TITLE_PERIOD.sub("", text))
    )


def is_caption_shaped(text: str) -> bool:
    """Short, no sentence end, no contents leader: a line that may be a caption, not a sentence
    that opens with 表 ("表1显示，…。", "代表一流水平" broken after 代) or a 目录 entry."""
    return len(text) <= 90 and not SENTENCE_END.search(text) and not CONTENTS_LEADER.search(text)


def is_continued_mark(text: str) -> bool:
    """A line that only says the table above goes on ("续表", "（续表）", "续上表")."""
    return bool(_CONTINUED_MARK.fullmatch(re.sub(r"\s+", "", text)))


def is_figure_caption(text: str) -> bool:
    """A line that may be a chart's caption (图1：…), by its text alone (see
    ``is_caption_shaped``)."""
    text = text.strip()
    return bool(FIGURE_CAPTION.match(text)) and is_caption_shaped(text)


def caption_line(text: str) -> Caption | None:
    """The caption ``text`` is, when the whole line is one (see ``is_caption_shaped``)."""
    return parse_caption(text) if is_caption_shaped(text) else None


def parse_caption(text: str) -> Caption | None:
    """The caption at the start of ``text``, without judging whether the line is one."""
    match = CAPTION.match(text)
    if match is None:
        return None
    number = chinese_number(match.group("num"))
    if number is None:
        return None
    title, source = _split_source_clause((match.group("title") or "").strip())
    title, unit = split_unit_clause(title)
    mark = _CONTINUED_MARK.search(title)
    if mark:
        title = title[: mark.start()].strip()
    return Caption(
        number=number,
        label=re.sub(r"\s+", "", match.group("label")),
        title=title,
        continued=bool(match.group("cont") or mark),
        unit=unit,
        source=source,
    )
