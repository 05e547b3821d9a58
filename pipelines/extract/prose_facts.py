"""Figures stated in prose → ``TextFact`` rows (indicator, value, unit, kind, subject, period).

Three of the sample documents have almost no tables: their numbers live in sentences such as
``共侦破刑事案件1548起`` or ``完成 94 亿元,同比下降 25.3%``. This module reads paragraphs (from a
text export today, from PDF pages later) and turns every figure that carries a quantity into a
fact shaped like a table cell, so the registry can map both to one indicator code.

Design, and why:

* **Recall first, noise by rule.** A number becomes a fact when it carries a unit (``件``,
  ``亿元``, ``%``, ``个百分点`` …, resolved through ``warehouse/units.yaml``, the one unit table
  of tables and prose) or, without a unit, when a predicate announces a measured value
  (``指数为95.34``, ``较上年提升1.88``). Everything else is rejected by general rules, never by
  sentence: years and dates (``2023年6月13日``), document numbers (``〔2023〕11号``), ordinals
  (``第四届``), list and clause numbers (``1.``, ``（2）``), table/figure references (``见表 4``),
  names in quotes or book-title marks (``“闵 18 条”``, ``《…（2021-2023年）》``), model numbers
  glued to Latin letters (``5G``, ``N95``, ``PM2.5``), formulas (``“1+14+X”``), numbers with a
  leading zero (phone numbers, codes) and thresholds that define a group (``营收超 1 亿元的企业``).
* **Chinese numerals** carry a quantity only as ``两/二…九十/百/千`` followed by an entity counter
  (``两家单位``, ``三项``, ``十余家机构``); ``一`` (an article: 一批, 一站式), ordinals
  (``第九届``), ``N大`` (四大品牌) and abstract nouns (``三个方面``, ``两个市场``) are not facts.
* **Kind** is ``change`` when a change word precedes the number (``同比下降``, ``较 2017 年提高``,
  ``增长``) or the unit is ``个百分点``; ``target`` inside a plan, a 工作要点/工作计划 section, or a
  clause with a target marker (``到2025年``, ``力争``, ``计划``, ``目标``); otherwise ``actual``.
  ``提高到``/``降至``/``增至`` give a level, not a change.
* **Indicator** = the clause's noun phrase before the number (or after the counter, for
  ``新增 550 张养老床位``) with bookkeeping words (years, regions, 全年, 累计, 共, 达到 …)
  removed. A clause that only states a change or a share (``同比增长 19%``, ``占比28.86%``)
  inherits the indicator of the figure it follows; ``分别`` distributes figures over the listed
  items in order.
* **Provenance**: every fact keeps its clause as ``quote`` and the exact source line (a paragraph
  joined from a PDF-broken line keeps a per-line offset map) or page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pipelines.extract.captions import (
    CONTENTS_LEADER,
    caption_line,
    is_figure_caption,
)
from pipelines.extract.markup import strip_markup
from pipelines.model.periods import plan_end, plan_year
from pipelines.model.regions import region_book
from pipelines.model.units import is_unit
from pipelines.model.values import (
    APPROX,
    GE,
    GT,
    LE,
    LT,
    ON_A_FALL,
    PREFIX_OPS,
    VS_BASELINE,
    fold,
    parse_quantity,
)
from pipelines.model.vocabulary import CHANGE_VERBS, ITEM_NUMBER

ACTUAL, CHANGE, TARGET = "actual", "change", "target"


# --------------------------------------------------------------------------------------------
# Boundary dataclasses


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of prose with its provenance.

    ``line_starts`` maps character offsets of ``text`` to source lines when the paragraph was
    joined from several export lines (a PDF line break inside a sentence), so a fact can point
    at the line its number is printed on. PDF callers pass ``page`` and may leave it empty.
    """

    text: str
    line: int | None = None
    page: int | None = None
    line_starts: tuple[tuple[int, int], ...] = ()
    heading: bool | None = None  # None: decide from the text

    def line_at(self, offset: int) -> int | None:
        line = self.line
        for start, number in self.line_starts:
            if start <= offset:
                line = number
            else:
                break
        return line


@dataclass(frozen=True)
class TextFact:
    """A figure stated in prose, in the same shape as a table cell observation."""

    document_id: str
    indicator: str
    value: float
    unit: str | None
    kind: str  # actual | change | target
    operator: str | None
    subject: str | None
    period: int | None
    quote: str
    line: int | None = None
    page: int | None = None
    upper: float | None = None  # the upper bound when operator is "range" (1-2 家, 5-8 个)
    month: int | None = None  # "8月全区…完成169.06亿元，同比增长3.6%": a monthly figure
    is_change: bool = False  # a change against a base: a target's operator is then its bound


# --------------------------------------------------------------------------------------------
# Text export → paragraphs

_TERMINAL = "。！？!?；;：:”」）)"
_NOTE_LINE = re.compile(
    r"^\s*(?:注\s*\d*\s*[:：]|数据来源|资料来源|来源\s*[:：]|\*(?!\*)|[¹²³⁴-⁹⁰]+)"
)
# a contents entry: a leader run up to the page number ("一、概况………3"); "……" alone is prose
_TOC = re.compile(rf"(?:{CONTENTS_LEADER.pattern})\s*\d{{1,4}}\s*$")
_STRUCTURAL_START = re.compile(
    r"^\s*(?:#|第[一二三四五六七八九十]+(?:部分|章|篇)|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s|——|-\s)"
)
_LATEX = (
    (re.compile(r"\$\s*\\geq\s*"), "≥"),
    (re.compile(r"\$\s*\\leq\s*"), "≤"),
    (re.compile(r"\\geq"), "≥"),
    (re.compile(r"\\leq"), "≤"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"_\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\^\{?2\}?"), "²"),
    (re.compile(r"\$"), ""),
)
_MIN_BROKEN_LINE = 26  # a PDF-broken line is a full text line; headings are shorter


def _clean_line(line: str) -> str:
    text = strip_markup(line)
    if "\\" in text or "$" in text or "_{" in text or "^" in text:
        for pattern, replacement in _LATEX:
            text = pattern.sub(replacement, text)
    return text.strip()


def _is_skipped_line(raw: str, text: str) -> bool:
    """Lines that are not prose: table rows, captions, TOC, notes and source lines."""
    if "\t" in raw:
        return True
    stripped = text.lstrip()
    if caption_line(stripped) or is_figure_caption(stripped) or _TOC.search(text):
        return True
    stripped_raw = raw.strip()
    if re.match(r"^(?:<sup>\s*\d+\s*</sup>|\d{1,2}\s*数据来源)", stripped_raw):
        return True
    return bool(_NOTE_LINE.match(text))


def paragraphs_from_pdf(prose: list[tuple[int, str]]) -> list[Paragraph]:
    """Paragraphs of a PDF's prose (``pdf_prose``: page, text in reading order), cleaned and
    skipped as the text export's lines are: a PDF made from the same source prints the same
    ``km/km^2``, and a 注 set below a table is not a statement of the report."""
    cleaned = [(page, raw, _clean_line(raw)) for page, raw in prose]
    return [
        Paragraph(text=text, page=page)
        for page, raw, text in cleaned
        if text and not _is_skipped_line(raw, text)
    ]


def paragraphs_from_text_export(text: str) -> list[Paragraph]:
    """Split a text export into prose paragraphs, skipping tables, captions, TOC and notes.

    A line that runs to the page edge without closing its sentence is continued by the next
    prose line (PDF exports break sentences at page and line ends, often with a footnote or a
    blank line in between), so ``行业标准 3`` + ``项；`` is read as one figure.
    """
    paragraphs: list[Paragraph] = []
    parts: list[tuple[int, str]] = []
    heading = False

    def flush() -> None:
        nonlocal parts, heading
        if parts:
            joined = ""
            starts: list[tuple[int, int]] = []
            for number, part in parts:
                if joined and re.search(r"[A-Za-z0-9]$", joined) and re.match(r"[A-Za-z]", part):
                    joined += " "
                starts.append((len(joined), number))
                joined += part
            paragraphs.append(
                Paragraph(
                    text=joined,
                    line=parts[0][0],
                    line_starts=tuple(starts),
                    heading=True if heading else None,
                )
            )
        parts = []
        heading = False

    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        cleaned = _clean_line(raw)
        if "\t" in raw:
            flush()
            continue
        if not cleaned or _is_skipped_line(raw, cleaned):
            continue  # a note between two halves of a sentence does not end the paragraph
        if raw.lstrip().startswith("#"):
            flush()
            parts = [(number, cleaned.lstrip("# ").strip())]
            heading = True
            flush()
            continue
        if parts and _continues(parts[-1][1], cleaned):
            parts.append((number, cleaned))
            continue
        flush()
        parts = [(number, cleaned)]
    flush()
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the sentence ``previous`` left open at a PDF line break.

    A broken line is a run of prose (it already holds punctuation) or a full-width line; a short
    unpunctuated line is a heading, and a line opening with a heading marker starts anew.
    """
    if not previous or previous[-1] in _TERMINAL:
        return False
    punctuated = bool(re.search(r"[，。；、,;：:]", previous))
    if not ((punctuated and len(previous) >= _MIN_BROKEN_LINE) or len(previous) >= 40):
        return False
    return not _STRUCTURAL_START.match(line)


# --------------------------------------------------------------------------------------------
# Vocabulary

_REJECT_UNITS = frozenset({"年", "月", "日", "号", "周年", "个月", "岁", "届", "版"})
_MAGNITUDES = ("百万", "千万", "十万", "万", "亿", "千", "百")
_CN_COUNTERS = "家个项名位所座条种批场件台张份处款人次倍"
_CN_ABSTRACT = re.compile(
    r"^(?:方面|层面|部分|环节|阶段|维度|方向|领域|特点|功能|市场|资源|月|半|小时|首次|工作日|"
    r"体系|步骤|关键|重点|目标|理念|主体|作用|环境|问题|结合|原则|模式|机制|层次|类型|特色|"
    r"优势|中心|字|数|一|二|三|四|五|六|七|八|九|十)"
)
# the districts of the region book (warehouse/regions.yaml), longest first
_DISTRICTS = tuple(sorted(region_book().districts, key=lambda d: (-len(d), d)))
_DISTRICT_RE = re.compile("|".join(_DISTRICTS))
_TOWN_RE = re.compile(
    r"([\u4e00-\u9fff]{2}(?:路)?街道|[\u4e00-\u9fff]{2}镇|[\u4e00-\u9fff]{2}工业区)"
)
_LONG_TOWN = re.compile(r"[\u4e00-\u9fff]{2,5}(?:街道|镇)")
_TOWN_BAD_FIRST = set("各全本该我等和及与每个区市镇县的在为是有由对将已把被向从示范特色两乡城")
_TOWN_BAD_SECOND = set("城乡街小古村集市区强名重范色个级镇各")
_NAMED_PLACE = re.compile(r"^(?!重点|市级|区级|国家级|省级|新建|现有)")
# what a clause does to a place, not a place's name ("推动示范镇建设", "授予七宝镇…称号")
_DOING = re.compile(
    r"^(?:推动|推进|授予|建设|打造|创建|开展|加快|完成|实现|组织|指导|支持|鼓励|培育|引导|建成|"
    r"争创|获评|入选|评为|命名|认定|新增|成功|全力|积极|深入|持续|着力|聚焦|围绕|依托|结合|加强|"
    r"提升|形成|构建|做好|落实|服务|帮助|协助|联合|会同|覆盖|涉及|包括|其中)"
)
_CITY_TOPIC = re.compile(r"(?:全市|上海地区|上海市)(?:共有|共|有|累计)")


def _unit_known(text: str) -> bool:
    return is_unit(text)


# --------------------------------------------------------------------------------------------
# Per-paragraph analysis helpers

_DASHES = "-~～—–－"
_SENTENCE_END = "。！？!?"
_CLAUSE_DELIMS = "，,；;。！？!?：:"
_OPEN_CLOSE = {"“": "”", "《": "》", "「": "」", "〔": "〕", "[": "]", "『": "』", "〈": "〉"}
# the bounding words of the shared parser; 为/达到/共… carry no bound and are read as verbs here
_PREFIX_OPS: tuple[tuple[str, str | None], ...] = (
    *((word, op) for word, op in PREFIX_OPS if op is not None and word not in (">=", "<=")),
    ("不足", LT),  # prose only: a cell "不足500万元" names a size class
)
_SUFFIX_OPS = (
    ("及以上", GE),
    ("以上", GE),
    ("以下", LE),
    ("以内", LE),
    ("左右", APPROX),
    ("上下", APPROX),
    ("开外", GT),
)
# a change verb ending the text before a figure, the verb captured ("同比下降了约" → 下降)
_CHANGE_END = re.compile(rf"({CHANGE_VERBS})\s*(?:了)?\s*(?:近|约|超过|超|逾)?\s*$")
_LEVEL_END = re.compile(
    r"(?:增至|降至|减至|升至|提高到|提高至|提升到|提升至|增加到|增加至|下降到|下降至|降到|达到)\s*$"
)
_NEW_WORD_END = re.compile(r"(?:新增|净增|新)(?:了)?\s*$")
_UNITLESS_PREDICATE = re.compile(
    r"(?:为|达|达到|是|提升|提高|下降|增长|上升|降低|高出|低出|率|指数|人数|值|量|度|降至|增至|提高到|提升至)\s*$"
)
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
_TOPIC_BEFORE_YEAR = re.compile(r"(?:^|[，,。；;：:（(]|截至|截止|到|至|在|是|为|而)\s*$")
# a minus sign after 为/是/达, a colon or a change ("增速为-3.2%", "同比增长-2.3%") is the
# figure's, never a range's dash
_ANY_NUMBER = re.compile(r"(?:(?<=[为是达：:\s、和及长速幅])[-−])?\d+(?:,\d{3})*(?:\.\d+)?")
_CN_NUMBER = re.compile(
    r"一(?=倍)|(?<=[近上逾超约])万|(?:一(?=[百千]))?[两二三四五六七八九十百千]+"
)  # 一百二十, 两倍, 一倍, 近万家 and 上万人次 (万 said alone); not 一 alone
_CN_DIGITS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotes, book-title marks and brackets: names, not statements."""
    spans: list[tuple[int, int]] = []
    for opener, closer in _OPEN_CLOSE.items():
        start = 0
        while True:
            i = text.find(opener, start)
            if i < 0:
                break
            j = text.find(closer, i + 1)
            limit = 80 if opener == "《" else 40
            if j < 0 or j - i > limit:
                start = i + 1
                continue
            spans.append((i, j + 1))
            start = j + 1
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(a < position < b for a, b in spans)


def _paren_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    stack: list[int] = []
    for i, char in enumerate(text):
        if char in "(（":
            stack.append(i)
        elif char in ")）" and stack:
            spans.append((stack.pop(), i + 1))
    return spans


def _remove_parens(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"[(（][^()（）]*[)）]", "", text)
    return text


def _parse_cn_number(token: str) -> float | None:
    """两/三/十二/三十/百/千 → value; None for forms that are not a plain count."""
    if not token or token == "一":
        return None
    if token in ("百", "千"):
        return 100.0 if token == "百" else 1000.0
    digits = _CN_DIGITS
    total = 0
    current = 0
    for char in token:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    total += current
    return float(total) if total > 0 else None


# --------------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Figure:
    """A number found in a paragraph, before it becomes a fact."""

    start: int  # offset of the number (or the operator word before it)
    num_start: int
    end: int  # offset after unit and suffix
    value: float
    upper: float | None
    unit: str | None
    op: str | None
    unit_end: int
    chinese: bool = False
    kind: str = ACTUAL
    change_sign: float = 1.0
    baseline: bool = False
    indicator: str = ""
    standalone: bool = True
    extras: dict[str, object] = field(default_factory=dict)


def _read_unit(norm: str, position: int) -> tuple[str | None, int, bool]:
    """Longest known unit at ``position`` (one space allowed), with 余/多 between parts."""
    i = position
    if i < len(norm) and norm[i] == " ":
        i += 1
    approx_more = False
    if i < len(norm) and norm[i] in "余多":
        approx_more = True
        i += 1
    magnitude = ""
    for mag in _MAGNITUDES:
        if norm.startswith(mag, i):
            magnitude = mag
            break
    j = i + len(magnitude)
    if magnitude and j < len(norm) and norm[j] in "余多":
        approx_more = True
        j += 1
    best: tuple[str, int] | None = None
    for length in range(min(12, len(norm) - j), 0, -1):
        candidate = norm[j : j + length]
        if " " in candidate.strip() or candidate != candidate.strip():
            continue
        if _unit_known(magnitude + candidate) or _unit_known(candidate):
            best = (candidate, j + length)
            break
    if best is None:
        if magnitude:
            return magnitude, j, approx_more
        return None, position, approx_more
    unit, end = best
    # compound units: 份/百万人, 万元/人, 吨/日, km/km²
    if end < len(norm) and norm[end] == "/":
        match = re.match(r"/\s*([\u4e00-\u9fffA-Za-z²]{1,5})", norm[end:])
        if match:
            denominator = match.group(1)
            for length in range(len(denominator), 0, -1):
                piece = denominator[:length]
                if _unit_known(piece) or piece in ("人", "日", "年", "户", "床", "km²"):
                    unit = f"{unit}/{piece}"
                    end = end + 1 + (match.start(1) - 1) + length
                    break
    full = magnitude + unit
    paired = re.match(r"[(（]\s*([套件])\s*[)）]", norm[end:])
    if paired and unit == "台":
        full += paired.group(1)  # 台（套）, 台（件） are the counters 台套, 台件
        end += paired.end()
    return full, end, approx_more


def _number_value(token: str) -> float:
    return float(token.replace(",", "").replace("−", "-"))


# A bounding word that bounds nothing in its context, told by the text before it (prefix
# words) or after it (suffix words). Data, so that a new exception is one line.
_NO_BOUND_AFTER = {
    # 签约, 节约, 最近, 附近, 赶超
    **dict.fromkeys(
        ("约", "约为", "约合", "近", "超"),
        re.compile("[签节预合公条制契隐简特邀相履违践最附邻靠逼将赶高]$"),
    ),
    "不足": re.compile(r"(?:问题|短板|差距|和|与|及|、)$"),  # 问题和不足12条: shortcomings counted
    "突破": re.compile(r"(?:取得|实现|新|重大|关键|有所)$"),  # 取得突破12项: breakthroughs counted
}
_NO_BOUND_BEFORE = {
    "上下": re.compile(r"(?!波动|浮动)[\u4e00-\u9fff]"),  # 120家上下游企业, 15处上下客站点
    "开外": re.compile(r"(?!的)[\u4e00-\u9fff]"),  # 12家开外贸业务的企业
}


def _prefix_op(norm: str, start: int) -> tuple[str | None, int]:
    i = start
    while i > 0 and norm[i - 1] == " ":
        i -= 1
    for word, op in _PREFIX_OPS:
        if norm.endswith(word, 0, i):
            context = _NO_BOUND_AFTER.get(word)
            if context is not None and context.search(norm, 0, i - len(word)):
                continue
            return op, i - len(word)
    if _ABOUT_SHARE.search(norm, 0, i):
        return APPROX, start  # 约占全市的四分之一: the 约 bounds the share
    return None, start


# a share said to be about so much, 约 before 占 (约占全市的15.3%, 约占企业总数的九成)
_ABOUT_SHARE = re.compile(r"(?:约|大约)占[^，,；;。\d]{0,16}$")


def _suffix_op(norm: str, end: int) -> tuple[str | None, int]:
    i = end
    while i < len(norm) and norm[i] == " ":
        i += 1
    for word, op in _SUFFIX_OPS:
        if norm.startswith(word, i):
            context = _NO_BOUND_BEFORE.get(word)
            if context is not None and context.match(norm, i + len(word)):
                continue
            return op, i + len(word)
    return None, end


def _is_noise_context(norm: str, start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    before = norm[max(0, start - 3) : start]
    after = norm[end : end + 2]
    token = norm[start:end]
    if _inside(masked, start):
        return True
    if re.search(r"[A-Za-z][ ]?$", before) or re.search(r"[A-Za-z]$", before.rstrip()[-1:]):
        return True
    if re.match(r"[A-Za-z]", after) and not re.match(r"(?:km|kg|m\b|m[^A-Za-z])", after):
        return True
    if re.search(r"[+＋]\s*$", before) or re.match(r"\s*[+＋]", after):
        return True
    if re.search(r"(?:第|表|图|附件|附表|编号|No\.?)\s*$", before):
        return True
    if re.search(r"[/\\_]$", before) or re.match(r"[/\\]\d", after):
        return True
    return len(token) > 1 and token[0] == "0" and token[1] != "."


def _find_figures(norm: str, masked: list[tuple[int, int]]) -> list[_Figure]:
    figures: list[_Figure] = []
    parens = _paren_spans(norm)
    position = 0
    for match in _ANY_NUMBER.finditer(norm):
        if match.start() < position:
            continue
        start, end = match.start(), match.end()
        if start > 0 and (norm[start - 1].isdigit() or norm[start - 1] == "."):
            continue
        value = _number_value(match.group())
        upper: float | None = None
        range_match = re.match(rf"\s*(?:[{_DASHES}]|至|到)\s*(\d+(?:\.\d+)?)", norm[end:])
        if (range_match and not re.match(r"\s*[-—–]\s*\d{4}", norm[end:])) or (
            range_match and value < 1900
        ):
            upper = _number_value(range_match.group(1))
            if upper <= value:
                continue
            end = end + range_match.end()
        position = end
        if _is_noise_context(norm, start, match.end(), masked):
            continue
        if _is_list_number(norm, start, end):
            continue
        unit, unit_end, more = _read_unit(norm, end)
        if unit in _REJECT_UNITS or (unit and unit.endswith(("年", "月"))):
            continue
        if unit == "位" and re.search(
            r"(?:排名|位次|名次)[^，,；;。]*(?:上升|下降|提升|前进|后退|提高|前移|后移)了?\s*$",
            norm[:start],
        ):
            continue  # 排名上升3位: places in a ranking, not persons
        if unit == "分" and (
            re.match(r"[\d钟秒局中队院会行所店]", norm[unit_end : unit_end + 1])
            or re.search(r"(?:时|点|满分)\s*$", norm[:start])
        ):
            continue  # 1分30秒, 8时30分, 满分100分, 1分局: no score
        # "6%至8%之间", "3个到5个": the unit printed at both ends of a range (not "提高0.7%至
        # 99.1%", a change and the level it reached)
        again = re.match(rf"\s*[{_DASHES}至到]\s*(\d+(?:\.\d+)?)\s*", norm[unit_end:])
        if (
            upper is None
            and unit
            and again
            and norm.startswith(unit, unit_end + again.end())
            and _number_value(again.group(1)) > value
            and not _CHANGE_END.search(norm[:start])
            and not re.search(r"[由从]\s*$", norm[:start])
        ):
            upper = _number_value(again.group(1))
            # the unit said in full at the end (50万—200万元: 万元)
            full, full_end, _ = _read_unit(norm, unit_end + again.end())
            if full and full.startswith(unit):
                unit, unit_end = full, full_end
            else:
                unit_end += again.end() + len(unit)
            position = unit_end
        if unit and unit.endswith("个") and norm[unit_end : unit_end + 1] in ("月", "体"):
            if norm[unit_end] == "月":
                continue
            unit = norm[end:unit_end].strip()[:-1] or None  # 5.38万个体工商户: 万 + 个体…
            unit_end -= 1
        if unit is None:
            after = norm[end : end + 2]
            if re.match(r"\s*(?:年|月|日|号|周年|届|版|期|季)", after):
                continue
        if unit == "所" and re.match(r"\s*[“\u4e00-\u9fff]", norm[unit_end:]) and value >= 100:
            continue
        if unit in _NAMING_UNITS and _NAMES_ON.match(norm[unit_end:]):
            continue  # 500米覆盖率, 15分钟社区生活圈, 24小时服务: a span in a name, no figure
        if _year_like(value, match.group()) and unit is None:
            continue
        op, op_start = _prefix_op(norm, start)
        suffix, suffix_end = _suffix_op(norm, unit_end)
        if suffix is not None:
            op = suffix if op is None or suffix == APPROX else op
        if more:
            op = op or GT
        if upper is not None:
            op = "range"
        figure = _Figure(
            start=op_start,
            num_start=start,
            end=suffix_end if suffix else unit_end,
            value=value,
            upper=upper,
            unit=unit,
            op=op,
            unit_end=unit_end,
        )
        if _is_threshold(norm, figure, parens):
            continue
        figures.append(figure)
    figures.extend(_find_chinese_figures(norm, masked))
    figures.extend(_find_fractions(norm, masked))
    figures.extend(_find_doublings(norm, masked))
    figures.sort(key=lambda f: f.num_start)
    return figures


# a reach or a time a service is named by (500米覆盖率, 15分钟社区生活圈, 24小时服务): set
# before the noun they qualify, they state nothing (完成590公里排查, a length done, does)
_NAMING_UNITS = frozenset({"米", "千米", "公里", "分钟", "小时"})
_NAMES_ON = re.compile(
    r"\s*[\u4e00-\u9fff]{0,4}?(?:覆盖率|覆盖|生活圈|服务圈|圈|服务|值守|在线|营业|响应|不间断|全天候)"
)


def _is_list_number(norm: str, start: int, end: int) -> bool:
    """``1. 标题``, ``2、内容`` opening a paragraph or sentence (a decimal is one token)."""
    return bool(
        re.match(r"\s*[.．、](?:\s|[\u4e00-\u9fff])", norm[end:])
        and re.search(r"(?:^|[。；;：:）)])\s*$", norm[:start])
    )


def _year_like(value: float, token: str) -> bool:
    return len(token) == 4 and 1900 <= value <= 2100 and "." not in token


_CLASS_NOUN = re.compile(
    r"\s*的\s*(?:[\u4e00-\u9fff]{0,4})?(?:企业|单位|机构|公司|项目|商户|园区|门店)(?!估值|规模|总|数量)"
)


def _is_threshold(norm: str, figure: _Figure, parens: list[tuple[int, int]]) -> bool:
    """``营收超 1 亿元的企业有 2 家``, ``100 人以下的机构``, ``（80间客房以上）``: a class bound."""
    rest = norm[figure.end : figure.end + 40]
    clause_rest = re.split(r"[，,；;。！？]", rest, maxsplit=1)[0]
    text_after_unit = norm[figure.unit_end : figure.end]
    if text_after_unit.strip() in ("以上", "以下", "以内", "及以上") and re.match(r"\s*的", rest):
        return True
    if re.match(r"\s*的", rest) and re.search(r"(?:有|共|计)\s*\d", clause_rest):
        return True
    if _CLASS_NOUN.match(rest):
        return True  # "营收超 1 亿元的企业": the figure defines a class of entities
    for a, b in parens:
        if a < figure.num_start < b:
            inner = norm[a + 1 : b - 1]
            if re.search(r"(?:以上|以下|及以上)\s*$", inner) and len(inner) <= 12:
                return True
    return False


# shares said in words: "千分之三" (3‰), "七成" (70%), "九成以上"; not 成员, 成效, 完成
_FRACTION = re.compile(
    r"(?P<whole>[百千万]|[二三四五六七八九十])分之"
    r"(?P<part>\d+(?:\.\d+)?|[零一二两三四五六七八九十]+(?:点[零一二两三四五六七八九]+)?)"
    r"|(?<![一二两三四五六七八九十第])(?P<tenths>[一二两三四五六七八九])成"
    r"(?=以上|左右|多|[^\u4e00-\u9fff]|$)"
)


def _fraction_part(token: str) -> float | None:
    """The part of a fraction said in digits or words: 3, 一, 十二, 零点五."""
    if token[0].isdigit():
        return float(token)
    whole, _, decimals = token.partition("点")
    digits = {**_CN_DIGITS, "零": 0}
    value = 0.0 if whole == "零" else (digits.get(whole) or _parse_cn_number(whole))
    if value is None:
        return None
    for k, char in enumerate(decimals, start=1):
        value += digits[char] / 10**k
    return value


def _find_fractions(norm: str, masked: list[tuple[int, int]]) -> list[_Figure]:
    figures = []
    for match in _FRACTION.finditer(norm):
        if _inside(masked, match.start()):
            continue
        whole = match.group("whole")
        if whole is not None:
            part = _fraction_part(match.group("part"))
            if part is None:
                continue
            # 百分之九十五 95%, 千分之三 3‰, 万分之一 0.01%, 四分之一 25%
            value, unit = {
                "百": (part, "%"),
                "千": (part, "‰"),
                "万": (part / 100, "%"),
            }.get(whole) or (round(100 * part / (_parse_cn_number(whole) or 1), 2), "%")
        else:
            value = _parse_cn_number(match.group("tenths"))
            value = value * 10 if value is not None else None
            unit = "%"
        if value is None:
            continue
        op, op_start = _prefix_op(norm, match.start())
        suffix, suffix_end = _suffix_op(norm, match.end())
        figures.append(
            _Figure(
                start=op_start,
                num_start=match.start(),
                end=suffix_end if suffix else match.end(),
                value=value,
                upper=None,
                unit=unit,
                op=suffix or op,
                unit_end=match.end(),
                chinese=True,
            )
        )
    return figures


# 翻一番 doubles (+100%), 翻两番 quadruples (+300%); 翻番 alone doubles
_DOUBLING = re.compile(r"翻(?:了)?\s*(?P<times>[一两二三四])番|翻番")


def _find_doublings(norm: str, masked: list[tuple[int, int]]) -> list[_Figure]:
    figures = []
    for match in _DOUBLING.finditer(norm):
        if _inside(masked, match.start()):
            continue
        times = _CN_DIGITS[match.group("times") or "一"]
        op, op_start = _prefix_op(norm, match.start())
        figures.append(
            _Figure(
                start=op_start,
                num_start=match.start(),
                end=match.end(),
                value=float(100 * (2**times - 1)),
                upper=None,
                unit="%",
                op=op,
                unit_end=match.end(),
                chinese=True,
            )
        )
    return figures


def _find_chinese_figures(norm: str, masked: list[tuple[int, int]]) -> list[_Figure]:
    figures = []
    for match in _CN_NUMBER.finditer(norm):
        token = match.group()
        start, end = match.start(), match.end()
        if _inside(masked, start):
            continue
        before = norm[max(0, start - 2) : start]
        if re.search(r"(?:第|前|后|每|其|这|那|几|数|十|一|周|星期|初|农历|/|\d)$", before):
            continue  # 第三家, 每百人, 份/百万人, 5千万 (a figure's magnitude)
        rest = norm[end:]
        more = False
        if rest[:1] in "余多":
            more = True
            rest = rest[1:]
            end += 1
        magnitude = ""
        if re.match(r"[万亿](?:元|[" + _CN_COUNTERS + "])", rest):
            magnitude, rest, end = rest[0], rest[1:], end + 1  # 一百余万元
        if not rest or (rest[0] not in _CN_COUNTERS and not (magnitude and rest[0] == "元")):
            continue
        if rest.startswith("个") and re.match(r"个(?:月|半|小时|工作日)", rest):
            continue
        if rest.startswith("人口"):
            continue  # 千人口, 百万人口以上: a population per which a rate is given, no count
        counter = rest[:2] if rest[1:2] == "次" else rest[0]  # 千余人次, 二十余家次
        following = rest[len(counter) :]
        if _CN_ABSTRACT.match(following) or following[:1] in "大级性式型":
            continue
        if counter == "次" and re.match(r"(?:全会|会议|党代会|代表大会)", following):
            continue  # 七届区委六次全会: which session, no count
        if re.match(r"[^，,；;。]{0,12}分别[^。；;]*\d", following):
            continue  # "三个园区产值分别为…": how many the list names, no figure of its own
        if token == "万":  # 近万家: about one 万 of them
            token, magnitude = "一", "万"
        value = 1.0 if token == "一" else _parse_cn_number(token)
        if value is None or (token in ("十四", "十三", "十二") and following.startswith("五")):
            continue
        op, op_start = _prefix_op(norm, start)
        if magnitude == "万" and norm[start - 1 : start] == "上":
            op, op_start = GE, start - 1  # 上万人次: ten thousand and more
        figures.append(
            _Figure(
                start=op_start,
                num_start=start,
                end=end + len(counter),
                value=value,
                upper=None,
                unit=magnitude + counter,
                op=GT if more else op,
                unit_end=end + len(counter),
                chinese=True,
            )
        )
    return figures


# --------------------------------------------------------------------------------------------
# Indicators

# not a year the figure is about but one it counts from (去年以来, 去年底至今)
_SINCE = r"(?!以来|起|至今|开始|以后)"
_STRIP_PATTERNS = [
    re.compile(
        r"(?:截至|截止|到|至|在|于)?\s*(?:19|20)\d\d\s*年(?:度|底|末|初|上半年|下半年|全年)?"
    ),
    re.compile(r"^(?:上年|去年|上一年)(?:同期|度|底|末)?+" + _SINCE),
    re.compile(r"(?:19|20)\d\d\s*[-—–]\s*(?:19|20)?\d\d\s*年?"),
    re.compile(r"\d{1,2}\s*月(?:底|末|份|中旬|上旬|下旬)?(?:\s*\d{1,2}\s*日)?"),
    re.compile(r"[“”‘’《》「」\"'·\s]"),
]
_LEADING = re.compile(
    r"^(?:其中|此外|另外|同时|目前|截至目前|截止目前|全年|年内|今年|当年|报告期内|近三年|三年来|"
    r"累计|共计|总计|合计|共|已|另有|现有|有(?![效关])|全区|全市|本市|本区|我市|我区|我镇|全镇|区内|"
    r"辖区内|辖区|区域内|面向|对|为|向|和|及|与|、|并|分别|实现|完成|达到|达|力争|争取|预计|计划|"
    r"使(?![用命馆])|"
    r"拟|至(?!少)|到|，|,)+"
)
_TRAILING = re.compile(
    r"(?:共有|共计|总计|合计|累计|总数为|总量为|为|是|可达到|可达|达到|达|有|共|完成|实现|(?<!取得)(?<!实现)(?<!新)突破|仍然|仍|依然|"
    r"力争|争取|预计|计划|以及|至|到|由|从|"
    r"分别|同比|环比|全年|年均|已|增至|降至|减至|升至|提高到|提高至|提升到|提升至|增加到|降到|"
    r"下降至|下降到|上升至|上升到|增长至|增长到|增加至|减少至|减少到|"
    r"稳定在|稳定控制在|控制在|保持在|保持|维持在|在|的|、|和|及|与|，|,|:|：)+$"
)
_MEASURE_ONLY = re.compile(
    r"^(?:占比|比重|占比为|占|占全[市区国省](?:总量|总数|总额)?的?(?:比重|比例)?|"
    # the share of a whole the figure before is part of (…3150件，占投诉总量的6.2%)
    r"占(?!地)[^，,；;。\d]{1,12}?(?:总量|总数|总额|总值|总产值|总和|总体)?的?(?:比重|比例)?|"
    r"同比|环比|降幅|增幅|增速|其中|分别|较上半年|较上年|比上年|较去年|"
    r"较去年同期|比去年同期|占全区比重|占全市比重|全市占比|平均|总量|总数|总计|合计|"
    r"(?:累计)?(?:提高|提升|上升|增长|增加|下降|减少|降低))?$"
)
_REGION_WORDS = re.compile(
    "(?:"
    + "|".join([*_DISTRICTS, region_book().city])
    + ")(?!民|政府|人民|区长|市长|质量奖|质量金奖)"
)


def _clean_indicator(text: str) -> str:
    text = _remove_parens(text)
    text = re.sub(r"^\s*" + ITEM_NUMBER + r"\s*", "", text)
    text = re.sub(r"^(?:19|20)\d\d\s*(?=[\u4e00-\u9fff])(?!年)", "", text)
    for pattern in _STRIP_PATTERNS:
        text = pattern.sub("", text)
    for _ in range(3):
        text = _LEADING.sub("", text)
        region = _REGION_WORDS.match(text)
        text = text[region.end() :] if region else text
        town = _TOWN_RE.match(text)
        if town and _town_ok(town.group(1)):
            text = text[town.end() :]
        text = _TRAILING.sub("", text)
    text = text.strip("，,、。；;：:（）() -—")
    return text[:30]


def _town_ok(name: str) -> bool:
    return name[0] not in _TOWN_BAD_FIRST and name[1] not in _TOWN_BAD_SECOND


# --------------------------------------------------------------------------------------------
# Main entry point


@dataclass
class _Section:
    """Heading state: kind, year and subject set by headings, by heading level."""

    default_mode: str
    modes: dict[int, str] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    subjects: dict[int, str] = field(default_factory=dict)
    # the towns the document's own headings name, however long (川沙新镇): in running text a
    # name has no edge, but one the document has named is known
    towns: re.Pattern[str] | None = None

    def reset_from(self, level: int) -> None:
        for store in (self.modes, self.years, self.subjects):
            for key in [k for k in store if k >= level]:
                del store[key]

    @property
    def mode(self) -> str:
        return self.modes[max(self.modes)] if self.modes else self.default_mode

    @property
    def year(self) -> int | None:
        return self.years[max(self.years)] if self.years else None

    @property
    def subject(self) -> str | None:
        return self.subjects[max(self.subjects)] if self.subjects else None


_HEADING_LEVEL = (
    (re.compile(r"^第[一二三四五六七八九十]+(?:部分|章|篇)"), 0),
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^(?:\d+[.、．]|[（(]\d+[）)])"), 3),
)
_TARGET_HEADING = re.compile(
    r"工作要点|重点工作|工作计划|工作安排|发展目标|具体目标|总体目标|主要目标|重点举措|重点任务|"
    r"主要任务|保障措施|目标指标|目标任务|工作打算|工作设想|工作展望|下一步"
)
_ACTUAL_HEADING = re.compile(
    r"工作总结|工作基础|发展基础|发展现状|现状|回顾|主要成效|取得成效|总体状况|质量状况|总体情况|"
    r"工作成效"
)


def _is_heading(paragraph: Paragraph, text: str) -> bool:
    """A short line without a sentence inside; a full stop needs a marker such as （一）."""
    if paragraph.heading is not None:
        return paragraph.heading
    stripped = text.strip()
    if len(stripped) > 40 or "。" in stripped.rstrip("。") or stripped.endswith(("，", "；")):
        return False
    marked = any(pattern.match(stripped) for pattern, _ in _HEADING_LEVEL)
    return marked or not stripped.endswith("。")


def _update_section(section: _Section, text: str, data_year: int | None = None) -> None:
    stripped = text.strip().lstrip("#* ").strip()
    level: int | None = None
    for pattern, heading_level in _HEADING_LEVEL:
        if pattern.match(stripped):
            level = heading_level
            break
    named = _YEAR_RE.search(stripped)
    # "2024年工作思路", "2024年主要工作" in a 2023 review: the year after's plans
    next_year = bool(
        named
        and data_year
        and int(named.group(1)) > data_year
        and re.search(r"思路|主要工作|工作重点|打算|设想|计划|安排", stripped)
        and not re.search(r"情况|总结|报告|开展|完成", stripped)
    )
    is_target = bool(_TARGET_HEADING.search(stripped)) or next_year
    is_actual = bool(_ACTUAL_HEADING.search(stripped))
    if is_target and is_actual:
        return  # a title naming both parts of the document
    if level is None:
        if not (is_target or is_actual):
            return
        level = 0
    section.reset_from(level)
    if is_target:
        section.modes[level] = TARGET
    elif is_actual:
        section.modes[level] = ACTUAL
    if is_target or is_actual:
        unmasked = re.sub(r"《[^》]*》|（[^）]*）|\([^)]*\)", "", stripped)
        year = _YEAR_RE.search(unmasked)
        if year:
            section.years[level] = int(year.group(1))
    subject = _subject_in(stripped)
    if subject:
        section.subjects[level] = subject


def _subject_in(text: str) -> str | None:
    """The place a heading names: itself (（三）川沙新镇), else one named inside it."""
    name = _town_heading(text)
    if name:
        return name
    for match in _TOWN_RE.finditer(text):
        if _town_ok(match.group(1)):
            return match.group(1)
    district = _DISTRICT_RE.search(text)
    return district.group() if district else None


def _document_target_year(paragraphs: list[Paragraph], data_year: int | None) -> int | None:
    years: Counter[int] = Counter()
    for paragraph in paragraphs:
        for match in re.finditer(
            r"(?:到|至)\s*((?:19|20)\d\d)\s*年", fold(paragraph.text, keep_offsets=True)
        ):
            year = int(match.group(1))
            if data_year is None or year > data_year:
                years[year] += 1
    return years.most_common(1)[0][0] if years else None


def extract_text_facts(
    document_id: str,
    paragraphs: Iterable[Paragraph],
    default_region: str | None,
    data_year: int | None,
    kind: str | None,
) -> list[TextFact]:
    """Every figure stated in the prose of one document, as ``TextFact`` rows.

    ``kind`` is the document kind (white_paper | plan | work_summary): a plan states targets
    unless a heading says the section reviews the past (工作基础, 现状).
    """
    paragraph_list = list(paragraphs)
    section = _Section(default_mode=TARGET if kind == "plan" else ACTUAL)
    headed = {
        town for p in paragraph_list if _is_heading(p, p.text) and (town := _town_heading(p.text))
    }
    if headed:
        section.towns = re.compile("|".join(sorted(map(re.escape, headed), key=len, reverse=True)))
    target_year = _document_target_year(paragraph_list, data_year)
    if target_year is None and kind == "work_summary" and data_year is not None:
        target_year = data_year + 1  # 下一步工作打算: next year's
    elif target_year is None and kind == "plan":
        # the plan's own span or five-year plan, as its title names it (…规划（2021-2025年）)
        target_year = next(
            (
                year
                for p in paragraph_list[:5]
                if (year := plan_year(p.text)) is not None
                and (data_year is None or year > data_year)
            ),
            None,
        )
    facts: list[TextFact] = []
    for paragraph in paragraph_list:
        text = paragraph.text
        if not text.strip():
            continue
        if _is_heading(paragraph, text):
            _update_section(section, text, data_year)
            if paragraph.heading:
                continue
        facts.extend(
            _paragraph_facts(
                document_id, paragraph, section, default_region, data_year, target_year
            )
        )
    return facts


def _sentence_bounds(norm: str, position: int, delimiters: str) -> tuple[int, int]:
    start = position
    while start > 0 and norm[start - 1] not in delimiters:
        start -= 1
    end = position
    while end < len(norm) and norm[end] not in delimiters:
        end += 1
    return start, end


def _clause_bounds(norm: str, figure: _Figure, parens: list[tuple[int, int]]) -> tuple[int, int]:
    """Comma-delimited clause around a figure; a bracketed figure stays inside its bracket."""
    low, high = 0, len(norm)
    for a, b in parens:
        if a < figure.num_start < b:
            low, high = max(low, a + 1), min(high, b - 1)
    start = figure.num_start
    while start > low and norm[start - 1] not in _CLAUSE_DELIMS:
        start -= 1
    end = figure.end
    while end < high and norm[end] not in _CLAUSE_DELIMS:
        end += 1
    return start, end


_WORDS = re.compile(r"[\u4e00-\u9fff]{2,}")


def _outside(norm: str, figures: list[_Figure]) -> str:
    """The text around the figures (each with its bound and unit) of a paragraph."""
    out, at = [], 0
    for figure in sorted(figures, key=lambda f: f.start):
        out.append(norm[at : figure.start])
        at = max(at, figure.end)
    return " ".join([*out, norm[at:]])


def _paragraph_facts(
    document_id: str,
    paragraph: Paragraph,
    section: _Section,
    default_region: str | None,
    data_year: int | None,
    target_year: int | None,
) -> Iterator[TextFact]:
    original = paragraph.text
    norm = fold(original, keep_offsets=True)
    masked = _masked_spans(norm)
    parens = _paren_spans(norm)
    figures = _find_figures(norm, masked)
    if not figures:
        return
    _attach_units_backwards(norm, figures)
    figures = [f for f in figures if f.unit is not None or _unitless_ok(norm, f)]
    if not _WORDS.search(_outside(norm, figures)):
        return  # figures with no words (key-figure boxes: 12345件 98.7%): they name nothing
    sentence_state: dict[tuple[int, int], list[_Figure]] = {}
    for figure in figures:
        sentence = _sentence_bounds(norm, figure.num_start, _SENTENCE_END + "；;")
        clause = _clause_bounds(norm, figure, parens)
        previous = sentence_state.setdefault(sentence, [])
        _classify(norm, figure, clause, previous)
        following = [f.num_start for f in figures if f.num_start > figure.num_start]
        _name(norm, figure, clause, sentence, previous, following[0] if following else len(norm))
        if any(a < figure.num_start < b for a, b in parens):
            figure.standalone = False  # a bracketed breakdown never names what follows
        previous.append(figure)
        fact_kind = figure.kind
        full_sentence = _sentence_bounds(norm, figure.num_start, _SENTENCE_END)
        is_target = _is_target(norm, figure, clause, full_sentence, section, data_year)
        # "（2025年为98%）" in a review: a figure said for a later year than the data's is aimed at
        stated = _stated_year(norm, clause[0], figure.start, data_year)
        if figure.kind == ACTUAL and stated and data_year and stated > data_year:
            is_target = True
        if is_target:
            fact_kind = TARGET
        period = (
            stated
            if stated and not is_target
            else _period(norm, figure, clause, full_sentence, section, data_year, is_target, masked)
        )
        if is_target and period is None:
            period = section.year or target_year
        if period is None:
            period = section.year or data_year
        subject = (
            str(figure.extras.get("subject") or "")
            or _subject(norm, figure, clause, full_sentence, masked, parens, section.towns)
            or section.subject
        )
        month = None if is_target else _month(norm, full_sentence[0], figure.start)
        quantity = _quantity(figure)
        if quantity is None:
            continue
        value, unit = quantity
        operator = figure.op
        if figure.kind == CHANGE:
            if figure.change_sign < 0 and operator in ON_A_FALL:
                operator = ON_A_FALL[operator]
            if figure.baseline or is_target:
                operator = operator or VS_BASELINE
        yield TextFact(
            document_id=document_id,
            indicator=_without_town(figure.indicator, section.towns),
            value=value * (figure.change_sign if figure.kind == CHANGE else 1.0),
            unit=unit,
            kind=fact_kind,
            operator=operator,
            subject=subject or default_region,
            period=period,
            quote=original[clause[0] : clause[1]].strip(),
            line=paragraph.line_at(figure.num_start),
            page=paragraph.page,
            upper=figure.upper,
            month=month,
            is_change=figure.kind == CHANGE,
        )


def _quantity(figure: _Figure) -> tuple[float, str | None] | None:
    """Value and unit through the shared parser, so prose and tables agree on units."""
    if figure.chinese:
        return figure.value, figure.unit
    # fixed-point text: "1e+06" (what :g and repr print for large or tiny values) parses as nothing
    number = f"{figure.value:.10f}".rstrip("0").rstrip(".")
    parsed = parse_quantity(f"{number}{figure.unit or ''}")
    if parsed is None or parsed.value is None:
        parsed = parse_quantity(number)
        if parsed is None or parsed.value is None:
            return None
        return parsed.value, figure.unit
    unit = parsed.unit if parsed.unit is not None else figure.unit
    if unit == "％":
        unit = "%"
    return parsed.value, unit


def _attach_units_backwards(norm: str, figures: list[_Figure]) -> None:
    """``0.4 和 1.92 个百分点``, ``8.0%和 12.5%``: a unitless number takes its partner's unit."""
    for i in range(len(figures) - 2, -1, -1):
        figure, partner = figures[i], figures[i + 1]
        if figure.unit is not None or partner.unit is None:
            continue
        gap = norm[figure.end : partner.start]
        if re.fullmatch(r"\s*(?:和|、|及|与|或|至|到)\s*", gap):
            figure.unit = partner.unit


def _unitless_ok(norm: str, figure: _Figure) -> bool:
    before = norm[max(0, figure.start - 8) : figure.start]
    after = norm[figure.end : figure.end + 1]
    if after and after not in _CLAUSE_DELIMS + "（(" and not after.isspace():
        return False
    if re.search(r"(?:第|表|图)\s*$", before):
        return False
    return bool(_UNITLESS_PREDICATE.search(before))


def _group_leader(norm: str, figure: _Figure, previous: list[_Figure]) -> _Figure | None:
    """The first figure of ``8.0%和 12.5%`` when ``figure`` is a later member of the group."""
    leader = None
    current = figure
    for other in reversed(previous):
        if re.fullmatch(r"\s*(?:和|、|及|与)\s*", norm[other.end : current.start]):
            leader = other
            current = other
        else:
            break
    return leader


def _classify(norm: str, figure: _Figure, clause: tuple[int, int], previous: list[_Figure]) -> None:
    lead_start = clause[0]
    for other in previous:
        if clause[0] <= other.end <= figure.start:
            lead_start = max(lead_start, other.end)
    lead = norm[lead_start : figure.start]
    figure.extras["lead"] = lead
    leader = _group_leader(norm, figure, previous)
    if leader is not None and leader.kind == CHANGE and figure.unit == leader.unit:
        figure.kind = CHANGE
        figure.change_sign = leader.change_sign
        figure.baseline = leader.baseline
        return
    if _LEVEL_END.search(lead) or _NEW_WORD_END.search(lead):
        figure.kind = ACTUAL
    elif (
        (word := _CHANGE_END.search(lead))
        or figure.unit in ("个百分点", "百分点")
        or norm.startswith("翻", figure.num_start)  # 翻一番 is a change by its own word
    ):
        figure.kind = CHANGE
        if (word and any(d in word.group(1) for d in _DOWN_VERBS)) or re.search(
            r"低于[^，,；;。]*$|(?:比|较)[^，,；;。\d]{1,12}(?:低|少)了?\s*$", lead
        ):
            figure.change_sign = -1.0  # 下降 2.4%, 低于…, 比全市平均低 2.4 个百分点
        clause_lead = norm[clause[0] : figure.start]
        # compared in its clause, or by a clause of its own before ("与去年同期相比，…减少了")
        compared = re.search(r"同比|环比|比|较|相比|上年|去年", clause_lead) or re.search(
            r"(?:相比|同比)[，,]\s*$", norm[max(0, clause[0] - 4) : clause[0]]
        )
        if not compared and figure.unit not in _RATE_UNITS:
            figure.kind = ACTUAL  # "景观照明提升 5 期", "增加 5 个": a count, not a change
            figure.change_sign = 1.0
            return
        # 较 as an adverb (较快增长, 较大幅度下降) compares with nothing named
        figure.baseline = bool(
            re.search(
                r"(?<!可)(?:较|比)(?!\s*(?:[上去]年|同期|快|慢|大|小|好|多|少|高|低))|[高低]于",
                clause_lead,
            )
        ) and not re.search(r"同比|环比", clause_lead)


# change verbs that make the change a fall (下降 2.4%, 负增长 3.7%, 缩短 21.5%)
_DOWN_VERBS = (
    "下降",
    "减",
    "降",
    "下滑",
    "回落",
    "收窄",
    "下跌",
    "负增长",
    "压缩",
    "缩短",
    "放缓",
    "低出",
)
_RATE_UNITS = frozenset({"%", "％", "个百分点", "百分点", "倍", "‰", None})

_VERB_HEAD = re.compile(
    r"^(?:持续推进|持续开展|推进|推动|完成|培育认定|培育|认定|引入|引进|新增|建设|新建|开展|组织|"
    r"遴选推进|遴选|吸引|支持|帮助|指导|推荐|评选|获评|创建|举办|集聚|落实|开具|发放|签订|面向)"
)
_BASELINE_PHRASE = re.compile(
    r"(?:同比|环比|比上年同期|比去年同期|较去年同期|较上年同期|[比较](?:上|去)年(?:末|底)?|较上半年|"
    r"[较比]\s*(?:19|20)\d\d\s*年(?:度|末|底)?|较[“\"]?[^，,；;。]{1,8}?[”\"]?(?=增|下|提|减|降|上|收|扩)|"
    # the baseline left at the end once the verb is cut off: a quoted term or a point in time
    r"较(?:[“\"][^，,；;。]{1,8}?[”\"][^，,；;。]{0,3}|[^，,；;。]{1,8}?(?:末|底|初|期|水平|季度))$|"
    r"[较比]全[市区国省](?:平均)?(?:水平)?(?:高出|低出|高|低)?|"
    r"与(?:去年|上年|上半年|(?:19|20)\d\d\s*年)(?:同期)?相比|(?:高于|低于)[^，,；;。\d]{0,8}|"
    r"比全[市区国省](?:平均)?(?:水平)?(?:高出|低出|高|低)?|"
    r"较\s*(?:快|慢|大幅度?|明显)|分别|可比|按可比价格计算)"
)
# the change verb and what follows it, cut off the name; a rate of change that changes itself
# (增速比上年提高, 增幅较上年扩大, 增速放缓) is the name
_CHANGE_TAIL = re.compile(
    rf"(?!(?:增速|增幅)\s*(?:[比较]|{CHANGE_VERBS}))(?:{CHANGE_VERBS})(?!值).*$"
)


def _lead_name(lead: str, after_previous: bool) -> str:
    """The noun phrase a figure's lead text names, bookkeeping and enumerated examples removed."""
    if after_previous:
        lead = re.split(r"[、]|以及|及|和|与|并", lead)[-1]
    elif len(lead) > 16:
        lead = lead.split("、")[-1]
    lead = _remove_parens(lead)
    if re.search(r"等\s*$", lead):
        head = _VERB_HEAD.match(_LEADING.sub("", lead.strip()))
        lead = head.group() if head else ""
    return _clean_indicator(lead)


def _name(
    norm: str,
    figure: _Figure,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    previous: list[_Figure],
    next_start: int,
) -> None:
    lead = str(figure.extras.get("lead", ""))
    after_previous = any(clause[0] <= other.end <= figure.start for other in previous)
    if figure.kind == CHANGE:
        lead = _BASELINE_PHRASE.sub("", _CHANGE_TAIL.sub("", lead))
    elif re.match(r"\s*[较比]", lead):
        lead = _BASELINE_PHRASE.sub("", lead)  # "较 2021 年度平均 18.9 天": the baseline value
    lead_clean = _lead_name(lead, after_previous)
    tail = norm[figure.end : min(clause[1], next_start)]
    tail = re.split(r"[（(]", _remove_parens(tail), maxsplit=1)[0]
    noun = ""
    if re.match(r"\s*[\u4e00-\u9fffA-Za-z“‘]", tail) and not re.match(
        rf"\s*(?:的|以上|以下|左右|之间|不等|，|和|、|及|与|{CHANGE_VERBS})", tail
    ):
        noun = _clean_indicator(tail)[:24]
    # 分别: "分别实现 A、B x 和 y", "A 和 B 分别下降 a 和 b", "同比分别下降 a 和 b"
    if "分别" in norm[sentence[0] : figure.start]:
        distributed = _distribute(norm, figure, clause, previous)
        if distributed:
            figure.indicator = distributed
            figure.standalone = False
            return
    # a share (占…的48.6%) is of a count or an amount said before, not of a rate
    share = lead_clean.startswith("占") and figure.kind != CHANGE
    base = _base_indicator([p for p in previous if p.unit != "%"] if share else previous)
    base = base or _base_indicator(previous)
    if figure.kind == CHANGE:
        if base and (not lead_clean or _MEASURE_ONLY.match(lead_clean) or lead_clean in _SHIFT):
            figure.indicator = base + (lead_clean if lead_clean in _SHIFT else "")
            figure.standalone = False
            return
        figure.indicator = (
            lead_clean or noun or base or _previous_clause_name(norm, sentence, clause)
        )
        return
    name = lead_clean + noun
    if base and (not name or (_MEASURE_ONLY.match(lead_clean) and not noun)):
        figure.indicator = base
        figure.standalone = False
        return
    if base and not noun and _is_rate_only(lead_clean):
        # "已整改406处，整改率为98.3%": the rate that names its base already is 整改率
        head = lead_clean.removesuffix("率")
        figure.indicator = lead_clean if base.endswith(head) and head else base + lead_clean
        figure.standalone = False
        return
    if not name:
        name = _previous_clause_name(norm, sentence, clause)
    figure.indicator = name


def _previous_clause_name(norm: str, sentence: tuple[int, int], clause: tuple[int, int]) -> str:
    """The clause before names it: "工业固投承压前行,完成 94 亿元", "首批（共 20 个）"."""
    before = norm[sentence[0] : clause[0]]
    parts = [p for p in re.split(r"[，,；;：:（(]", before) if p.strip()]
    return _clean_indicator(parts[-1]) if parts else ""


_SHIFT = ("降幅", "增幅", "增速")


def _is_rate_only(text: str) -> bool:
    """``占比``, ``结案率``, ``合格率``: a measure that needs the thing it measures."""
    return bool(text) and (
        text in ("占比", "比重", "占比为", "比例", "完成比例")
        or (len(text) <= 3 and text.endswith("率") and not text.startswith("每"))
    )


def _base_indicator(previous: list[_Figure]) -> str:
    for other in reversed(previous):
        if other.standalone and other.indicator:
            return other.indicator
    return ""


def _distribute(
    norm: str,
    figure: _Figure,
    clause: tuple[int, int],
    previous: list[_Figure],
) -> str:
    """The indicator a ``分别`` figure gets: the i-th listed item for the i-th number."""
    members: list[_Figure] = []
    current = figure
    for other in reversed(previous):
        if other.start >= clause[0] and re.fullmatch(
            r"\s*(?:和|、|及|与)\s*", norm[other.end : current.start]
        ):
            members.append(other)
            current = other
        else:
            break
    index = len(members)
    lead = norm[clause[0] : current.start]
    items: list[str] = []
    if "分别" in lead:
        before, _, after = lead.partition("分别")
        listed = after if re.search(r"[、和及与]", after) else before
        listed = _LEADING.sub("", _remove_parens(listed))
        # a list's separators, not the same characters inside words (参与, 总和, 涉及, 及时)
        for separators in (
            r"、|(?<![参给])与|(?<!总)和(?![谐平])",
            r"、|以及|(?<![参给])与|(?<!总)和(?![谐平])|(?<![涉普])及(?!时)",
        ):
            raw = [x.strip() for x in re.split(separators, listed) if x.strip()]
            items = [x for x in map(_clean_indicator, raw) if x]
            if len(items) >= 2:
                break
        places = [_place_at_start(x) for x in raw] if len(raw) >= 2 else []
        if places and all(places) and index < len(places):
            # "紫竹高新区、莘庄工业区产值分别为 x 和 y": the places are the subjects, the
            # measure after the last one (or in the clause) names the figures
            figure.extras["subject"] = places[index]
            return _clean_indicator(raw[-1][len(places[-1]) :].lstrip("的"))
    size = index + 1 + len(re.findall(r"(?:和|、|及|与)\s*\d", norm[figure.end : clause[1]]))
    if len(items) >= 2 and index < len(items):
        return _shared_measure(items)[index]
    # no list in this clause: the figures of an earlier list in the same sentence, in order
    earlier = [f for f in previous if f.start < clause[0] and f.kind != CHANGE]
    if len(earlier) >= size >= 2 and index < size:
        match = earlier[len(earlier) - size + index]
        if "subject" in match.extras:  # and of the same place
            figure.extras["subject"] = match.extras["subject"]
        return match.indicator
    return ""


def _place_at_start(text: str) -> str | None:
    """The place a list item opens with ("莘庄工业区产值" → 莘庄工业区, "全市" → 上海市): a
    district, the city, or a town or park with a name (not 重点园区, 特色小镇), and not the
    office of one (莘庄工业区管委会, 七宝镇政府)."""
    book = region_book()
    for end in range(len(text), 1, -1):
        region = book.named_by(text[:end], None)
        if region is None:
            continue
        if _REGION_NOT_TOPIC.match(text[end:]) or text[end:].startswith("管"):
            return None  # the place's office or award, not the place
        if region.level == "sub_region" and not (_town_ok(text[:end]) and _NAMED_PLACE.match(text)):
            return None
        return region.name
    return None


# what "A、B、C抽检合格率分别为…" measures of each item: said once, after the last one
_MEASURE_TAIL = re.compile(
    r"(?:评价性|监督性?|用户|群众|企业)?(?:抽[检查]|检[验测])?(?:总体|综合|平均)?"
    r"(?:(?:不?合格|满意|达标|覆盖|优良|办结|完成|处理|利用|普及)率|满意度)$"
    r"|(?:(?:监督)?抽[检查]|检[验测])(?:批次|数量)$|(?:总)?产值$|营业收入$"
)


def _without_town(indicator: str, towns: re.Pattern[str] | None) -> str:
    """The indicator without a known town it opens with (川沙新镇全年完成工业总产值)."""
    named = towns.match(indicator) if towns is not None else None
    return (_clean_indicator(indicator[named.end() :]) or indicator) if named else indicator


def _town_heading(heading: str) -> str | None:
    """A heading that is a town or street's name, however long ("（二）曹家渡街道", "川沙新镇"):
    in running text a name has no edge, and ``_TOWN_RE`` reads two characters before 镇/街道."""
    text = re.sub(r"^\s*" + ITEM_NUMBER + r"\s*", "", heading.strip().lstrip("#* ")).strip()
    match = _LONG_TOWN.fullmatch(text)
    if match is None or _DOING.match(text):
        return None
    # as a name and as the two characters _TOWN_RE would read (其他街镇, 农业强镇 are none)
    short = _TOWN_RE.search(text)
    named = _town_ok(text) and (short is None or _town_ok(short.group(1)))
    return text if named and _NAMED_PLACE.match(text) else None


def _shared_measure(items: list[str]) -> list[str]:
    """``食品、药品、特种设备抽检合格率``: each item measured as the last one says."""
    tail = _MEASURE_TAIL.search(items[-1])
    if tail is None or tail.start() == 0 or any(_MEASURE_TAIL.search(x) for x in items[:-1]):
        return items
    return [x + tail.group() for x in items[:-1]] + [items[-1]]


# what a plan says it will do: after 计划, 拟 or 将 these make a target ("计划新增", "拟建设")
_PLANNED = (
    "新增|完成|建设|建成|培育|引进|实现|达到|开展|打造|创建|推进|实施|新建|每年|推动|继续|组织|"
    "加快|深化|持续|力争|确保|争取|启动|投资|选取"
)
_CLAUSE_TARGET = re.compile(rf"力争|争取|目标(?:为|是|值)?|(?:计划|拟)(?={_PLANNED})|预期")


def _is_target(
    norm: str,
    figure: _Figure,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    section: _Section,
    data_year: int | None,
) -> bool:
    lead = norm[sentence[0] : figure.start]
    if section.mode == TARGET:
        # what the clause says is done stays done (现有…5000张, 已启动…12个), unless the same
        # clause aims at it (仍有…的企业降至100家以下); a done-word in a clause before is context
        said = norm[clause[0] : figure.start]
        done = re.search(r"截至|截止|已(?!取得)|仍有|现有(?!基础)|目前|到目前为止", said)
        return not done or bool(_CLAUSE_TARGET.search(said) or re.search(r"降至|控制在", said))
    if _CLAUSE_TARGET.search(norm[clause[0] : figure.start]):
        return True
    future = False
    for match in re.finditer(r"((?:19|20)\d\d)\s*年", lead):
        if data_year is not None and int(match.group(1)) > data_year:
            future = True
            if re.search(r"(?:到|至)\s*$", lead[: match.start()]):
                return True
    # a later year than the data's, with a plan or a future tense: "2024年，全区将新增…50名"
    return future and bool(re.search(r"计划|目标|预计|规划|(?<!已)将(?=" + _PLANNED + ")", lead))


def _topic_years(norm: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Years between start and end: (offset, year, is_baseline_adjacent-able)."""
    masked = _masked_spans(norm) + _paren_spans(norm)
    years = []
    for match in _YEAR_RE.finditer(norm, start, end):
        offset = match.start()
        if _inside(masked, offset) or _inside(masked, match.end() - 1):
            continue
        before = norm[max(0, offset - 4) : offset]
        after = norm[match.end() : match.end() + 4]
        if re.search(r"[-—–~]\s*$", before) or re.match(r"\s*[-—–~]", norm[match.end() - 1 :]):
            continue
        if re.match(
            r"(?:度)?\s*(?:\d{1,2}\s*月份?)?\s*(?:以来|起|至今)",
            norm[match.end() : match.end() + 10],
        ):
            continue
        if (
            re.match(r"\s*\d{1,2}\s*月", after)
            and not re.search(r"(?:^|[，,。；;：:])\s*$", norm[max(0, offset - 2) : offset])
            and offset != start
        ):
            continue  # "于 1995 年 8 月批准成立": an event date, not the period of the figures
        baseline = bool(re.search(r"(?:较|比|与|同)\s*$", before))
        topic = (
            bool(_TOPIC_BEFORE_YEAR.search(norm[max(0, offset - 3) : offset])) or offset == start
        )
        if baseline or topic:
            years.append((offset, int(match.group(1)), baseline))
    return years


# "8月", "12 月份" as the topic of a sentence; not a date (6月13日), a span (8月至9月, 1-8月)
# or a starting point (5月以来, 3月起)
_MONTH = re.compile(
    r"(?<![\d至到\-~—–])(1[0-2]|0?[1-9])\s*月份?(?!\s*(?:\d|至|到|[-~—–]|以来|起|底|末|中旬|上旬|下旬))"
)


def _month(norm: str, sentence_start: int, figure_start: int) -> int | None:
    """The month a figure is about, when its sentence names one before it."""
    months = list(_MONTH.finditer(norm, sentence_start, figure_start))
    return int(months[-1].group(1)) if months else None


def _period(
    norm: str,
    figure: _Figure,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    section: _Section,
    data_year: int | None,
    is_target: bool,
    masked: list[tuple[int, int]],
) -> int | None:
    # the figure printed right after "较 2021 年度平均" is the 2021 value
    for offset, year, baseline in reversed(_topic_years(norm, clause[0], figure.start)):
        gap = norm[offset : figure.start]
        if baseline and re.fullmatch(r"\d{4}\s*年(?:度|末|底)?\s*(?:平均|的)?\s*", gap):
            return year
        break
    if is_target:
        # the future year nearest before the figure ("到2023年…300台；到2025年，累计…800台"),
        # else the first after it
        before = list(_YEAR_RE.finditer(norm, sentence[0], figure.start))
        after = _YEAR_RE.finditer(norm, figure.start, sentence[1])
        for match in [*reversed(before), *after]:
            year = int(match.group(1))
            future = data_year is None or year > data_year
            compared = re.search(r"(?:比|较|与|相比|对比)\s*$", norm[: match.start()])
            if future and not compared and not _inside(masked, match.start()):
                return year
        # "到“十四五”末，…达到 98%": the plan's last year
        return plan_end(norm[sentence[0] : sentence[1]])
    candidates = [y for y in _topic_years(norm, clause[0], figure.start) if not y[2]]
    if candidates:
        return candidates[-1][1]
    candidates = [y for y in _topic_years(norm, sentence[0], figure.start) if not y[2]]
    if candidates:
        return candidates[-1][1]
    candidates = [y for y in _topic_years(norm, 0, figure.start) if not y[2]]
    if candidates:
        return candidates[-1][1]
    candidates = [y for y in _topic_years(norm, figure.end, len(norm)) if not y[2]]
    if candidates:
        return candidates[0][1]
    return None


# "（2021年为92.1%）", "上年同期为 95%", "由2020年的92.3%": the figure right after is that year's
# (not "达到去年同期的80.97%", a share of last year's)
_YEAR_IS = re.compile(
    r"(?:[由从到至]\s*((?:19|20)\d\d)\s*年(?:度|末|底)?\s*的"
    r"|(?:((?:19|20)\d\d)\s*年|(上年|去年|上一年))(?:度|末|底|同期)?\s*(?:为|是|：|:))\s*$"
)
# "上年同期合格率为…": a clause about last year (not 去年以来, since last year)
_LAST_YEAR_TOPIC = re.compile(r"^[\s，,（(]*(?:上年|去年|上一年)(?:同期|度|底|末)?+" + _SINCE)


def _stated_year(
    norm: str, clause_start: int, figure_start: int, data_year: int | None
) -> int | None:
    """The year a figure is stated for in its own clause or bracket (a bracket hides its years
    from the topic search: "合格率为93.5%（2021年为92.1%）"); 上年 is the year before the data's."""
    start = max([clause_start, *(a for a, b in _paren_spans(norm) if a < figure_start < b)])
    match = _YEAR_IS.search(norm, start, figure_start)
    if match is not None and (year := match.group(1) or match.group(2)):
        return int(year)
    if data_year is not None and (match or _LAST_YEAR_TOPIC.match(norm[start:figure_start])):
        return data_year - 1
    return None


_REGION_NOT_TOPIC = re.compile(
    r"^(?:政府|区长|人民政府|质量|市场监|委|局|办|区委|区政府|标准|品牌|重点|名牌|特色)"
)
_TOPIC_LEAD = re.compile(
    r"^(?:\s|其中|截至|截止|目前|全年|年内|此外|同时|另外|而|在|(?:19|20)\d\d\s*年(?:度|底|末)?|"
    r"\d{1,2}\s*月(?:底|末)?|[，,])*$"
)


def _subject(
    norm: str,
    figure: _Figure,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    masked: list[tuple[int, int]],
    parens: list[tuple[int, int]],
    towns: re.Pattern[str] | None = None,
) -> str | None:
    """A region that is the topic of the clause or the sentence (not merely mentioned); a
    semicolon opens a new topic ("七宝镇…；梅陇镇完成42.1亿元，同比下降2.8%")."""
    part = max(
        norm.rfind("；", sentence[0], figure.start), norm.rfind(";", sentence[0], figure.start)
    )
    sentence = (part + 1 if part >= 0 else sentence[0], sentence[1])
    clause_text = norm[clause[0] : figure.start]
    if _CITY_TOPIC.search(clause_text):
        return "上海市"
    for a, b in parens:
        # the city's figure beside the district's: "高于全市（4.2%）", "（全市同比增长8.9%）"
        if a < figure.num_start < b and (
            re.search(r"(?<!占)全市(?:平均)?(?:水平)?(?:为)?$", norm[max(0, a - 8) : a])
            or (
                re.match(r"[（(]\s*(?:全市|上海市)[^，,；;、（(占]*$", norm[a : figure.num_start])
                and not re.search(r"[我本]区", norm[a : figure.num_start])
            )
        ):
            return "上海市"
    best: tuple[int, str] | None = None
    candidates = [
        (m.start(), m.end(), m.group(1))
        for m in _TOWN_RE.finditer(norm, sentence[0], figure.start)
        if _town_ok(m.group(1))
    ]
    candidates += [
        (m.start(), m.end(), m.group())
        for m in _DISTRICT_RE.finditer(norm, sentence[0], figure.start)
    ]
    if towns is not None:
        named = [
            (m.start(), m.end(), m.group()) for m in towns.finditer(norm, sentence[0], figure.start)
        ]
        # a known name wins over the two characters _TOWN_RE read inside it (沙新镇 in 川沙新镇)
        candidates = [
            c for c in candidates if not any(a <= c[0] < b and c[2] != n for a, b, n in named)
        ] + named
    for start, end, name in sorted(candidates):
        if _inside(masked, start) or _REGION_NOT_TOPIC.match(norm[end : end + 4]):
            continue
        topic_of_clause = start >= clause[0] and _TOPIC_LEAD.match(norm[clause[0] : start])
        topic_of_sentence = _TOPIC_LEAD.match(norm[sentence[0] : start])
        if topic_of_clause or topic_of_sentence:
            best = (start, name)
    return best[1] if best else None


def facts_from_text_export(
    document_id: str,
    text: str,
    default_region: str | None,
    data_year: int | None,
    kind: str | None,
) -> list[TextFact]:
    """Convenience: ``extract_text_facts`` over ``paragraphs_from_text_export(text)``."""
    return extract_text_facts(
        document_id, paragraphs_from_text_export(text), default_region, data_year, kind
    )


__all__ = [
    "ACTUAL",
    "CHANGE",
    "TARGET",
    "Paragraph",
    "TextFact",
    "extract_text_facts",
    "facts_from_text_export",
    "paragraphs_from_text_export",
]
