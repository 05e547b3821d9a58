"""Parse the quantities printed in report cells and sentences.

One parser for every place a number appears (table cells, row labels, prose), so that
``≥96%`` in a plan, ``↓ 2.7 个百分点`` in a white paper and ``不少于 10 个`` in a target table all
come out the same shape: a signed value, the unit as printed, an operator and any second quantity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Operators as stored in the warehouse.
GE, LE, GT, LT, APPROX, RANGE, VS_BASELINE = (
    ">=",
    "<=",
    ">",
    "<",
    "~",
    "range",
    "change_vs_baseline",
)
# A bound on a fall bounds the signed change the other way: 下降5%以上 is -5% or lower. A change
# keeps its bound (提高2个百分点以上: >= 2); change_vs_baseline is a change with none.
ON_A_FALL = {GE: LE, LE: GE, GT: LT, LT: GT}

PLACEHOLDERS: dict[str, str] = {
    "/": "not applicable",
    "／": "not applicable",
    "-": "no data",
    "--": "no data",
    "—": "no data",
    "——": "no data",
    "－": "no data",
    "…": "no data",
    "……": "no data",
    "...": "no data",
    "空": "empty",
    "无": "none",
    "暂无": "none",
    "x": "suppressed",
    "×": "suppressed",
}

# Words before a number that bound it; the first of each group that matches wins (longest first).
PREFIX_OPS: list[tuple[str, str | None]] = sorted(
    [
        (">=", GE),
        ("≥", GE),
        ("≧", GE),
        ("⩾", GE),
        ("<=", LE),
        ("≤", LE),
        ("≦", LE),
        ("⩽", LE),
        ("大于等于", GE),
        ("大于或等于", GE),
        ("小于等于", LE),
        ("小于或等于", LE),
        (">", GT),
        ("<", LT),
        ("不少于", GE),
        ("不低于", GE),
        ("不小于", GE),
        ("至少", GE),
        ("不超过", LE),
        ("不高于", LE),
        ("不大于", LE),
        ("低于", LT),
        ("小于", LT),
        ("高于", GT),
        ("大于", GT),
        ("超过", GT),
        ("突破", GT),
        ("超", GT),
        ("逾", GT),
        ("约为", APPROX),
        ("约合", APPROX),
        ("约", APPROX),
        ("近", APPROX),
        ("接近", APPROX),
        ("将近", APPROX),
        ("力争达到", None),
        ("力争", None),
        ("达到", None),
        ("达", None),
        ("为", None),
        ("累计", None),
        ("共", None),
    ],
    key=lambda item: -len(item[0]),
)
_SUFFIX_OPS: list[tuple[str, str]] = [
    ("左右", APPROX),
    ("及以上", GE),  # before 以上: "95%及以上" is 95%, not a unit "%及"
    ("及以下", LE),
    ("以上", GE),
    ("以下", LE),
    ("以内", LE),
    ("余", GT),
    ("多", GT),
]
_UP_WORDS = ("↑", "▲", "增长", "上升", "提高", "增加", "提升", "多增", "扩大", "加快")
_DOWN_WORDS = ("↓", "▼", "下降", "减少", "降低", "下滑", "回落", "收窄")
_FLAT_WORDS = ("持平", "保持不变", "不变")

_NUMBER = r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+\-−]?\.\d+"
# an exponent typed plainly after a Latin unit ("万m3", "㎡" folded to "m2") is the unit's
_UNIT = r"(?:[A-Za-zμ\u4e00-\u9fff%‰°²³/·()（）.\-]|(?<=[A-Za-z])[23]){1,10}?"
_RANGE_SEP = r"[-~～—–至到]"
_CORE = re.compile(
    rf"^(?P<num>{_NUMBER})(?:\s*{_RANGE_SEP}\s*(?P<num2>{_NUMBER}))?\s*(?P<unit>{_UNIT})?$"
)
# "95%～98%", "3个-5个": the unit printed at both ends of a range
_REPEATED_UNIT = re.compile(
    rf"^(?P<a>{_NUMBER})\s*(?P<u>[%‰]|[\u4e00-\u9fff]{{1,3}})\s*(?P<sep>{_RANGE_SEP})"
    rf"\s*(?P<b>{_NUMBER})\s*(?P=u)$"
)
_SPACED_SIGN = re.compile(r"^([+\-−])\s+(?=\d)")  # "- 2.1": a sign set apart from its figure
_BASELINE = re.compile(
    r"^较(?P<base>.+?)(?P<word>" + "|".join(_UP_WORDS + _DOWN_WORDS) + r")(?P<rest>.*)$"
)
_YEAR_BEFORE = re.compile(r"(?:上年|去年)(?:同期)?")
_CHANGE_PREFIX = re.compile(
    r"^(?:同比|环比|比上年|比去年|比上年同期|较上年|较去年|比20\d\d年|较20\d\d年)?"
    r"(?P<word>" + "|".join(_UP_WORDS + _DOWN_WORDS) + r")(?:了)?"
)
# "3900（14.1%）", "26.5，+3.2%": a second quantity in the cell. A comma between digits three
# apart may be a thousands separator ("12,345（3.2%）" is 12345): that reading is tried first,
# then the comma as a list ("98.5%，120")
_SPLIT_EXTRA = (
    re.compile(
        r"^(?P<first>.+?)\s*(?:(?:,(?!\d{3}(?!\d))|[，；;、])\s*(?P<second>.+)"
        r"|[（(](?P<paren>[^（）()]+)[）)])$"
    ),
    re.compile(
        r"^(?P<first>.+?)\s*(?:[，,；;、]\s*(?P<second>.+)|[（(](?P<paren>[^（）()]+)[）)])$"
    ),
)
_BAD_UNIT_CHARS = re.compile(r"[、，,。；;：:“”\"'《》]")
# a date printed with figures ("2020-05", "2023/6/30", "2022.12.31"): no quantity. "2022.12"
# may as well be an amount: only a column headed as dates says it is one (``is_dotted_month``)
_YEAR_NUMBER = r"(?:199\d|20[0-3]\d)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE = re.compile(
    rf"^{_YEAR_NUMBER}(?:[-/](?:0?[1-9]|1[0-2])(?:[-/]{_DAY})?|\.(?:0?[1-9]|1[0-2])\.{_DAY})$"
)
_DOTTED_MONTH = re.compile(rf"^{_YEAR_NUMBER}\.(?:0?[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Quantity:
    """A printed quantity: ``value`` is signed and in the printed unit (no scaling here)."""

    value: float | None
    unit: str | None = None
    op: str | None = None
    upper: float | None = None
    is_change: bool = False
    baseline: str | None = None
    placeholder: str | None = None
    extra: tuple[Quantity, ...] = field(default_factory=tuple)


# Enclosed numerals (①, ⑴, ⒈, ❶, ㉑) number notes and list items. NFKC folds them into digits
# that glue onto a figure beside them ("95.1①" would read 95.11, "①95%" 195%): they are a space.
NOTE_NUMERAL = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
# an asterisk or reference mark after a figure points to a note under the table ("12.3*")
REFERENCE_MARK = r"[*※]"
_TRAILING_MARK = re.compile(r"\s*" + REFERENCE_MARK + "+$")


_CJK_NUMERALS = "一二三四五六七八九"


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an integer; None for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CJK_NUMERALS + "十" for ch in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _CJK_NUMERALS.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CJK_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (
        _CJK_NUMERALS.index(ones) + 1 if ones else 0
    )


_SUPERSCRIPTS = "¹²³⁰⁴⁵⁶⁷⁸⁹"
_MARKED = re.compile(f"[{_SUPERSCRIPTS}]|{NOTE_NUMERAL.pattern}")


def fold(text: str, keep_offsets: bool = False) -> str:
    """NFKC, so ``９５．１％`` parses like ``95.1%``, except what it would glue onto a figure: a
    superscript digit or an enclosed numeral (①, ⑴) marks a note ("184²" is 184, "95.1①" no
    95.11) and becomes a space; ² and ³ after a Latin letter stay (km², 万m³).

    ``keep_offsets``: one character out for each in (a folding into several is not made), so
    positions in the result are positions in ``text``.
    """
    if not keep_offsets and not _MARKED.search(text):
        return unicodedata.normalize("NFKC", text)  # the usual case, at C speed
    out: list[str] = []
    for char in text:
        if char in "²³" and out and out[-1][-1:].isascii() and out[-1][-1:].isalpha():
            out.append(char)
        elif char in _SUPERSCRIPTS or NOTE_NUMERAL.match(char):
            out.append(" ")
        else:
            folded = unicodedata.normalize("NFKC", char)
            out.append(char if keep_offsets and len(folded) != 1 else folded)
    return "".join(out)


def normalize(text: str) -> str:
    """Folded (``fold``), trimmed, with a reference mark after a figure dropped ("12.3*")."""
    folded = _TRAILING_MARK.sub("", fold(text).strip())
    return folded.replace("−", "-").replace("–", "-").strip()


def _number(token: str) -> float:
    return float(token.replace(",", "").replace("−", "-"))


def _clean_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    unit = unit.strip()
    if not unit or _BAD_UNIT_CHARS.search(unit) or unit[0] in ")）":
        return None  # "1）电线电缆" is a numbered label, no quantity
    return unit


def _parse_core(text: str) -> Quantity | None:
    """Number, optional range and optional unit, with surrounding operator words."""
    op: str | None = None
    sign = 1.0
    is_change = False
    text = text.strip()
    # Arrows and change words (↑ 6.9%, 下降 10%, 同比增长 5%).
    change = _CHANGE_PREFIX.match(text)
    if change and change.group("word"):
        word = change.group("word")
        sign = -1.0 if word in _DOWN_WORDS else 1.0
        is_change = True
        text = text[change.end() :].strip()
    for word, word_op in PREFIX_OPS:
        if text.startswith(word):
            op = word_op
            text = text[len(word) :].strip()
            break
    for word, word_op in _SUFFIX_OPS:
        if text.endswith(word) and len(text) > len(word):
            stripped = text[: -len(word)].strip()
            if re.search(r"\d$", stripped) or re.search(r"\d\s*\S{1,4}$", stripped):
                op = op or word_op
                if word_op == APPROX:
                    op = APPROX
                text = stripped
                break
    text = _REPEATED_UNIT.sub(r"\g<a>\g<sep>\g<b>\g<u>", _SPACED_SIGN.sub(r"\1", text))
    match = _CORE.match(text)
    if not match:
        return None
    unit = match.group("unit")
    # "余" and "多" sit between number and unit: "36 万余张", "120 余家".
    if unit and unit[0] in "余多" and len(unit) > 1:
        op = op or GT
        unit = unit[1:]
    if unit and re.search(r"[余多]", unit[:2]) and unit[:2] in ("万余", "万多", "千余", "百余"):
        op = op or GT
        unit = unit[0] + unit[2:]
    if unit is not None and _clean_unit(unit) is None:
        return None
    if (
        unit
        and len(unit) > 1
        and unit[0] == "年"
        and re.fullmatch(r"(?:19|20)\d\d", match.group("num"))
    ):
        return None  # "2022年新增": a year and what happened in it
    value = _number(match.group("num")) * sign
    if sign < 0 and op in ON_A_FALL:
        op = ON_A_FALL[op]
    upper = None
    if match.group("num2"):
        upper = _number(match.group("num2")) * sign
        op = RANGE
    return Quantity(value=value, unit=_clean_unit(unit), op=op, upper=upper, is_change=is_change)


# a signed figure alone in brackets, as some tables print their changes; an unsigned one
# ("(2.3)", an accountant's negative or a note) stays unread
_BRACKETED_SIGNED = re.compile(r"\(([+\-][^()]+)\)")


def parse_quantity(text: str | None) -> Quantity | None:
    """Parse one printed quantity, or return ``None`` when the text is not a quantity.

    Placeholders (``/``, ``—``, ``无``) return a Quantity without value and with the reason, so
    callers can tell "printed as missing" from "not a number at all".
    """
    if text is None:
        return None
    raw = normalize(text)
    if not raw:
        return None
    compact = re.sub(r"\s+", "", raw)
    if compact in PLACEHOLDERS:
        return Quantity(value=None, placeholder=PLACEHOLDERS[compact])
    if compact in _FLAT_WORDS:
        return Quantity(value=0.0, is_change=True)
    signed = _BRACKETED_SIGNED.fullmatch(compact)
    if signed:
        return parse_quantity(signed.group(1))  # "（-2.3）": the brackets add nothing to a sign
    if len(raw) > 60 or not re.search(r"\d", raw) or _DATE.match(compact):
        return None
    baseline = _BASELINE.match(compact)
    if baseline:
        word = baseline.group("word")
        inner = _parse_core(word + baseline.group("rest"))
        if (
            inner is not None
            and inner.value is not None
            and _YEAR_BEFORE.fullmatch(baseline.group("base"))
        ):
            # 较上年 says what 比上年 and 同比 say: a change on the year before, no named base
            return Quantity(value=inner.value, unit=inner.unit, op=inner.op, is_change=True)
        if inner is not None and inner.value is not None:
            return Quantity(
                value=inner.value,
                unit=inner.unit,
                op=inner.op if inner.op in (*ON_A_FALL, APPROX) else VS_BASELINE,
                is_change=True,
                baseline=re.sub(r"[“”\"']", "", baseline.group("base")),  # “十三五”末
            )
    single = _parse_core(raw)
    if single is not None:
        return single
    for pattern in _SPLIT_EXTRA:
        split = pattern.match(raw)
        if not split:
            continue
        first = _parse_core(split.group("first"))
        second_text = split.group("second") or split.group("paren")
        second = parse_quantity(second_text) if second_text else None
        if first is not None and second is not None and second.value is not None:
            return Quantity(
                value=first.value,
                unit=first.unit,
                op=first.op,
                upper=first.upper,
                is_change=first.is_change,
                extra=(second,),
            )
    return None


_YEAR = re.compile(r"^(?:19|20)\d\d\s*年?(?:度)?$")
# "2025 年目标值", "2023年（增幅）", "2022年12月": a period phrase, not a measured value.
_YEAR_PHRASE = re.compile(r"^(?:19|20)\d\d\s*年\s*\S")
# a period named without its year, as the columns of a monthly or quarterly table are headed:
# "3月", "1-6月", "1～9月份", "一季度", "第4季度", "上半年" (its unit may follow: "3月（批次）")
_BARE = (
    r"(?:(?P<first>1[0-2]|0?[1-9])\s*(?:月\s*)?[-—–~～至到]\s*)?(?P<month>1[0-2]|0?[1-9])\s*月份?"
    r"|第?(?P<quarter>[一二三四1-4])\s*季度|(?P<half>[上下])半年"
)
BARE_PERIOD = re.compile(rf"^(?:{_BARE})\s*(?:[（(][^）)]*[）)])?$")  # the whole label (not 6月龄)


def is_dotted_month(text: str) -> bool:
    """``2022.12``, ``2021.3``: a year and month, in a column of dates (批准时间, 验收日期)."""
    return bool(_DOTTED_MONTH.match(normalize(text).replace(" ", "")))


def is_year_label(text: str) -> bool:
    """``2021年``, ``2022 年度`` or ``2020``: a period label rather than a measured value."""
    return bool(_YEAR.match(normalize(text)))


def is_period_label(text: str) -> bool:
    """A year, or a month, quarter or half named without its year ("3月", "一季度"): a label
    heading a column of figures, never a figure itself."""
    folded = normalize(text)
    return bool(_YEAR.match(folded) or BARE_PERIOD.match(folded.strip()))


def measured(text: str) -> Quantity | None:
    """The quantity a cell holds when it holds a measured number (years and other period labels
    excluded, placeholders included), else None."""
    if not text or is_period_label(text) or _YEAR_PHRASE.match(normalize(text)):
        return None
    quantity = parse_quantity(text)
    if quantity is None or (quantity.value is None and quantity.placeholder is None):
        return None
    return quantity


def is_measure(text: str) -> bool:
    """True when a cell holds a measured number (years and other period labels excluded)."""
    return measured(text) is not None
