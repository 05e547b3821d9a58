"""Periods stated by labels: years, half-years, quarters and months, and target years.

A cell's period comes from the most specific place that states one: a year column, then a year
row label, then a single year in the table title, then the document's data year. A year range
in a title ("2020-2022 年…") only says what the columns cover; it never overrides them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.model.values import BARE_PERIOD, chinese_number, is_period_label, normalize
from pipelines.model.vocabulary import is_target_label

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH = re.compile(_YEAR + r"\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月")
# "2022年1-6月", "2022年1～9月": the months a figure adds up (1-12 is the year, 1-6 the first half)
_MONTHS = re.compile(
    _YEAR
    + r"\s*年\s*(?P<first>1[0-2]|0?[1-9])\s*(?:月\s*)?[-—–~～至到]\s*(?P<last>1[0-2]|0?[1-9])\s*月"
)
_HALF = re.compile(_YEAR + r"\s*年?\s*(?:度)?\s*(?P<half>上半年|下半年)")
_QUARTER = re.compile(_YEAR + r"\s*年?\s*(?:第)?(?P<q>[一二三四1-4])\s*季度")
_YEAR_LABEL = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)\s*(?:年度?|$)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-—–~～至到]\s*((?:19|20)\d\d)(?!\d)")
_PERIOD_WORDS = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s*年?度?"
    r"(?:\s*(?:上|下)半年|\s*第?[一二三四1-4]季度|\s*\d{1,2}\s*(?:月\s*)?(?:[-—–~～至到]\s*\d{1,2}\s*)?月)?"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}
# the five-year plans by name: the N-th (十四五) runs to 1955 + 5N (2025)
_PLAN = r"(?<![一二三四五六七八九十百])十([一二三四五六七八九]?)五"  # not 二十五
_PLAN_END = re.compile(_PLAN + r"[”\"'’]?\s*(?:时期|期间)?\s*(?:期?末|目标)")
# named as a plan: in quotes or followed by 规划, 时期, 末, 目标 (not 十五个, fifteen)
_PLAN_NAME = re.compile(
    r"(?<=[“\"'‘])" + _PLAN + r"(?=[”\"'’])|" + _PLAN + r"(?=规划|时期|期间|期?末|目标)"
)
_PLAN_WORDS = re.compile(
    r"(?:[“\"'‘]" + _PLAN + r"[”\"'’]|" + _PLAN + r"(?=规划|时期|期间|期?末|目标))"
    r"\s*(?:规划|时期|期间)?\s*(?:期?末值?)?"
)


def _plan_end_year(match: re.Match[str]) -> int:
    ones = next((g for g in match.groups() if g is not None), "")
    return 1955 + 5 * (chinese_number("十" + ones) or 10)


@dataclass(frozen=True)
class Period:
    """``key`` is what the warehouse stores: 2022, 2022H2, 2022Q3, 2022-12 or 2022-01~09."""

    key: str
    grain: str  # year | half | quarter | month | months (a run of months: 1-9月)
    year: int

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(str(year), "year", year)


def period_in(label: str, year: int | None = None) -> Period | None:
    """The period a single label states, at its finest grain, if any; a month, quarter or half
    named without its year ("3月", "一季度") is of ``year`` (the table's), when given."""
    text = normalize(label)
    if _RANGE.search(text):
        return None
    if match := _MONTHS.search(text):
        return _months(
            int(match.group("year")), int(match.group("first")), int(match.group("last"))
        )
    if match := _MONTH.search(text):
        year, month = int(match.group("year")), int(match.group("month"))
        return Period(f"{year}-{month:02d}", "month", year)
    if match := _HALF.search(text):
        year = int(match.group("year"))
        return Period(f"{year}H{1 if match.group('half') == '上半年' else 2}", "half", year)
    if match := _QUARTER.search(text):
        year = int(match.group("year"))
        quarter = _QUARTERS.get(match.group("q")) or int(match.group("q"))
        return Period(f"{year}Q{quarter}", "quarter", year)
    if match := _YEAR_LABEL.search(text):
        return Period.of_year(int(match.group("year")))
    if match := _PLAN_END.search(text):  # "“十四五”目标", "十三五期末": the plan's last year
        return Period.of_year(_plan_end_year(match))
    if year is not None and (match := BARE_PERIOD.match(text.strip())):
        if match.group("month"):
            return _months(
                year, int(match.group("first") or match.group("month")), int(match.group("month"))
            )
        if quarter := match.group("quarter"):
            q = _QUARTERS.get(quarter) or int(quarter)
            return Period(f"{year}Q{q}", "quarter", year)
        return Period(f"{year}H{1 if match.group('half') == '上' else 2}", "half", year)
    return None


def _months(year: int, first: int, last: int) -> Period | None:
    """The period months ``first``..``last`` of ``year`` make: the year, a half, a quarter,
    else that run of months (a total to September is no figure for the whole year)."""
    if first > last:
        return None
    if (first, last) == (1, 12):
        return Period.of_year(year)
    if (first, last) in ((1, 6), (7, 12)):
        return Period(f"{year}H{1 if first == 1 else 2}", "half", year)
    if last - first == 2 and first % 3 == 1:
        return Period(f"{year}Q{last // 3}", "quarter", year)
    if first == last:
        return Period(f"{year}-{first:02d}", "month", year)
    return Period(f"{year}-{first:02d}~{last:02d}", "months", year)


def plan_end(text: str) -> int | None:
    """The last year of the five-year plan ``text`` names ("“十四五”", "十三五规划")."""
    match = _PLAN_NAME.search(normalize(text))
    return _plan_end_year(match) if match else None


def plan_year(title: str) -> int | None:
    """The year a plan's table aims at, by its title: the five-year plan it names (“十四五”)
    or the last year of the span it covers (2021-2025年)."""
    span = year_range(title)
    return plan_end(title) or (span[1] if span else None)


def year_range(text: str) -> tuple[int, int] | None:
    match = _RANGE.search(normalize(text))
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True)
class CellPeriod:
    period: Period
    is_target: bool  # the period is a target year ("2025 年目标值")


def resolve_period(
    row_path: tuple[str, ...],
    col_path: tuple[str, ...],
    title: str,
    data_year: int | None,
    table_latest_year: int | None = None,
) -> CellPeriod | None:
    """Period of one cell; ``table_latest_year`` dates columns like 同比 that name no year.

    A month, quarter or half named without its year ("3月", "一季度", "上半年") is of the year
    its cell's own row or column names (2021年 over 上半年 / 下半年), else of the table's
    latest year column, its title's year, or the data year."""
    titled = period_in(title)
    span = year_range(title)
    own = [p.year for label in (*col_path, *row_path) if (p := period_in(label)) is not None]
    year = (own[0] if own else None) or table_latest_year
    year = year or (titled.year if titled else span[1] if span else data_year)
    for label in reversed(col_path):
        if period := period_in(label, year):
            return CellPeriod(period, is_target_label(label))
    # 目标值 of a plan's table, under no year (年度目标 is this year's)
    aimed = [lb for lb in col_path if is_target_label(lb) and "年度" not in lb]
    if aimed and (year := plan_year(title)):
        return CellPeriod(Period.of_year(year), True)
    for label in reversed(row_path):
        if period := period_in(label, year):
            return CellPeriod(period, is_target_label(label))
    if table_latest_year is not None:
        return CellPeriod(Period.of_year(table_latest_year), False)
    if titled:
        return CellPeriod(titled, is_target_label(title))
    if span:
        return CellPeriod(Period.of_year(span[1]), is_target_label(title))
    if data_year is not None:
        return CellPeriod(Period.of_year(data_year), False)
    return None


def strip_periods(label: str) -> str:
    """A label with its period words removed, for indicator names."""
    if is_period_label(label):
        return ""  # "3月", "一季度", "2022年": the cell's period, not what it measures
    text = re.sub(_RANGE.pattern + r"\s*年?度?", "", label)
    text = _PERIOD_WORDS.sub("", text)
    text = _PLAN_WORDS.sub("", text)
    text = re.sub(r"(?:目标值|预期值|目标)$", "", text.strip())
    text = re.sub(r"[（(]\s*[)）]", "", text)
    return text.strip(" -—:：,，")
