"""The one quantity parser: printed strings → value, unit, operator, extra quantities."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.model.values import is_measure, parse_quantity

CASES = [
    # raw, value, unit, op
    ("4", 4, None, None),
    ("8,724.84", 8724.84, None, None),
    ("８，７２４．８４", 8724.84, None, None),
    ("95.1%", 95.1, "%", None),
    ("９５．１％", 95.1, "%", None),
    ("3.5‰", 3.5, "‰", None),
    ("-15.4%", -15.4, "%", None),
    ("−2.2", -2.2, None, None),
    ("↑ 6.9%", 6.9, "%", None),
    ("↓ 2.7 个百分点", -2.7, "个百分点", None),
    ("增长 5.6%", 5.6, "%", None),
    ("同比下降 5.6%", -5.6, "%", None),
    ("持平", 0, None, None),
    ("1.5 倍", 1.5, "倍", None),
    ("≥96%", 96, "%", ">="),
    ("≤35 微克/立方米", 35, "微克/立方米", "<="),
    ("> 10", 10, None, ">"),
    ("不少于 10 个", 10, "个", ">="),
    ("不低于 98%", 98, "%", ">="),
    ("不超过 5 起", 5, "起", "<="),
    ("10 个以上", 10, "个", ">="),
    ("5% 以下", 5, "%", "<="),
    ("达到 85% 左右", 85, "%", "~"),
    ("约 5 亿元", 5, "亿元", "~"),
    ("近 300 家", 300, "家", "~"),
    ("超 100 家", 100, "家", ">"),
    ("36 万余张", 36, "万张", ">"),
    ("力争 20 家", 20, "家", None),
    ("1-2 家", 1, "家", "range"),
    ("1～2 家", 1, "家", "range"),
    ("较“十三五”下降 10%", -10, "%", "change_vs_baseline"),
    # a change keeps its bound, on the signed change: a fall of 10% or more is -10 or lower
    ("较“十三五”下降 10%以上", -10, "%", "<="),
    ("较上年增长 5%", 5, "%", None),  # as 比上年 and 同比: no named base
    ("较去年同期下降 3%以上", -3, "%", "<="),
    ("下降 5%以上", -5, "%", "<="),
    ("下降不少于 5%", -5, "%", "<="),
    ("提高 2 个百分点以上", 2, "个百分点", ">="),
    ("较2020年增长 10%左右", 10, "%", "~"),
    ("1.01 万人", 1.01, "万人", None),
    ("8,724.84 亿元", 8724.84, "亿元", None),
    ("80 万平米", 80, "万平米", None),
    ("13.3 亿美元", 13.3, "亿美元", None),
    ("2014 年", 2014, "年", None),
    ("55.2 dB(A)", 55.2, "dB(A)", None),
    ("比上年提高 0.4 个百分点", 0.4, "个百分点", None),
    ("上升 0.5 个百分点", 0.5, "个百分点", None),
    ("回落 0.3 个百分点", -0.3, "个百分点", None),
    ("增加 12 家", 12, "家", None),
    ("减少 3 起", -3, "起", None),
    ("降低 1.5%", -1.5, "%", None),
    ("下滑 2%", -2, "%", None),
    ("−3.2", -3.2, None, None),
    ("1.2 万人次", 1.2, "万人次", None),
    ("3.5 万平方米", 3.5, "万平方米", None),
    ("5 亿美元", 5, "亿美元", None),
    ("551432 吨", 551432, "吨", None),
    ("不高于 5%", 5, "%", "<="),
    ("3 天以内", 3, "天", "<="),
    ("100 余家", 100, "家", ">"),
    ("超过 50 家", 50, "家", ">"),
    ("力争达到 90%", 90, "%", None),
    ("约 1.2 倍", 1.2, "倍", "~"),
    ("0.16", 0.16, None, None),
    ("1,234,567", 1234567, None, None),
    ("3‰", 3, "‰", None),
    ("30 分钟", 30, "分钟", None),
    ("2.5-3.0 万吨", 2.5, "万吨", "range"),
    ("较2017年提高0.4", 0.4, None, "change_vs_baseline"),
    ("≥ 0.4 名", 0.4, "名", ">="),
    ("＞50%", 50, "%", ">"),
    ("<1%", 1, "%", "<"),
    ("同比增长 2.32%", 2.32, "%", None),
    ("比上年下降 3.7%", -3.7, "%", None),
    ("增长 22.7", 22.7, None, None),
    ("11.5 平方米", 11.5, "平方米", None),
    ("1.0", 1.0, None, None),
    ("0", 0, None, None),
    # signs Chinese office documents print for the same things
    ("▲ 2.3%", 2.3, "%", None),
    ("▼1.2", -1.2, None, None),
    ("≧95%", 95, "%", ">="),
    ("≦ 35 微克/立方米", 35, "微克/立方米", "<="),
    ("⩾ 90%", 90, "%", ">="),
    ("大于等于 95%", 95, "%", ">="),
    ("小于或等于 5%", 5, "%", "<="),
    ("95%及以上", 95, "%", ">="),
    ("5 起及以下", 5, "起", "<="),
    # the unit at both ends of a range, a sign set apart from its figure (both read as no number)
    ("95%～98%", 95, "%", "range"),
    ("3个-5个", 3, "个", "range"),
    ("- 2.1", -2.1, None, None),
    # a signed figure alone in brackets (some tables print their changes so)
    ("（-2.3）", -2.3, None, None),
    ("(+1.5%)", 1.5, "%", None),
]


def test_an_unsigned_figure_in_brackets_stays_unread() -> None:
    """(2.3) may be an accountant's negative or a note's number: no guess."""
    assert parse_quantity("(2.3)") is None


@pytest.mark.parametrize(("raw", "value", "unit", "op"), CASES)
def test_parse(raw: str, value: float, unit: str | None, op: str | None) -> None:
    quantity = parse_quantity(raw)
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.op) == (pytest.approx(value), unit, op)


def test_changes_and_baselines_are_flagged() -> None:
    change = parse_quantity("↓ 2.7 个百分点")
    assert change is not None and change.is_change
    baseline = parse_quantity("较“十三五”下降 10%")
    assert baseline is not None and baseline.baseline == "十三五"
    assert parse_quantity("95.1%").is_change is False  # type: ignore[union-attr]


def test_ranges_keep_the_upper_bound() -> None:
    quantity = parse_quantity("1～2 家")
    assert quantity is not None and quantity.upper == 2


@pytest.mark.parametrize(
    ("raw", "second_value", "second_unit"),
    [
        ("551432 吨， 100%", 100, "%"),
        ("3900（14.1%）", 14.1, "%"),
        # a thousands separator is no list: these were 12, 8 and 2
        ("12,345（3.2%）", 3.2, "%"),
        ("8,765.4(12.5%)", 12.5, "%"),
        ("1,234,567 (-1.5%)", -1.5, "%"),
    ],
)
def test_two_quantities_in_one_cell(raw: str, second_value: float, second_unit: str) -> None:
    quantity = parse_quantity(raw)
    assert quantity is not None and len(quantity.extra) == 1
    assert quantity.value == float(raw.split("(")[0].split("（")[0].split("吨")[0].replace(",", ""))
    assert (quantity.extra[0].value, quantity.extra[0].unit) == (second_value, second_unit)


@pytest.mark.parametrize(
    ("raw", "value", "extra"),
    [("98.5%，120", 98.5, 120), ("12.5,100", 12.5, 100), ("3.6万，250", 3.6, 250)],
)
def test_a_comma_before_three_digits_may_still_part_two_figures(
    raw: str, value: float, extra: float
) -> None:
    """Not every comma before three digits is a thousands separator: read as one, these were
    no number at all."""
    quantity = parse_quantity(raw)
    assert quantity is not None and quantity.value == value
    assert [q.value for q in quantity.extra] == [extra]


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("95.1①", 95.1, None),
        ("95.1%⑵", 95.1, "%"),
        ("1,234❶", 1234, None),
        ("①12", 12, None),
        ("12.3*", 12.3, None),
        ("12.3 ※", 12.3, None),
        ("８８．５％＊", 88.5, "%"),
    ],
)
def test_note_marks_beside_a_figure_are_no_part_of_it(
    raw: str, value: float, unit: str | None
) -> None:
    """NFKC folds ① into 1: "95.1①" must not read 95.11 nor "1,234❶" 1,2341."""
    quantity = parse_quantity(raw)
    assert quantity is not None and (quantity.value, quantity.unit, quantity.extra) == (
        value,
        unit,
        (),
    )


@pytest.mark.parametrize(
    ("raw", "value", "unit", "extra"),
    [
        ("12，345", 12345, None, []),  # a full-width thousands separator, as prose reads it
        ("2356，2410", 2356, None, [2410]),  # four digits after it: two figures
        ("184²", 184, None, []),  # a superscript digit after a figure is a footnote mark
        ("94.20%¹", 94.2, "%", []),
        ("5万m³", 5, "万m³", []),  # after a unit it is an exponent
        ("5万m3", 5, "万m3", []),
        ("120m²", 120, "m²", []),
        ("35μg/m³", 35, "μg/m³", []),
    ],
)
def test_a_superscript_is_a_mark_after_a_figure_and_an_exponent_after_a_unit(
    raw: str, value: float, unit: str | None, extra: list[float]
) -> None:
    """NFKC folds "²" into "2": "184²" read 1842, and "5万m³" was no quantity."""
    quantity = parse_quantity(raw)
    assert quantity is not None and (quantity.value, quantity.unit) == (value, unit)
    assert [q.value for q in quantity.extra] == extra


@pytest.mark.parametrize(
    ("raw", "is_date"),
    [
        ("2020-05", True),
        ("2023/6/30", True),
        ("2022.12.31", True),
        ("2022.12", False),  # may be an amount: only a column of dates says (test_text_tables)
        ("2015.10", False),
        ("2022.12亿元", False),
        ("2020-2022", False),
    ],
)
def test_a_date_printed_in_figures_is_no_quantity(raw: str, is_date: bool) -> None:
    assert (parse_quantity(raw) is None) is is_date


@pytest.mark.parametrize("raw", ["/", "—", "－", "…", "空", "无", "--", "x", "暂无", "——"])
def test_placeholders_have_no_value_but_a_reason(raw: str) -> None:
    quantity = parse_quantity(raw)
    assert quantity is not None and quantity.value is None and quantity.placeholder


@pytest.mark.parametrize(
    "raw",
    [
        "国家级",
        "总经理 周鹏程",
        "21 弦 S 型箏、二胡、琵琶",
        "第 4220932 号图形",
        "3A 旅游景区",
        "",
        None,
    ],
)
def test_text_is_not_a_quantity(raw: str | None) -> None:
    assert parse_quantity(raw) is None


@pytest.mark.parametrize(
    ("raw", "measure"),
    [
        ("2021年", False),
        ("2025 年目标值", False),
        ("2020", False),
        ("12", True),
        ("/", True),
        ("3月", False),
        ("1-6月", False),
        ("一季度", False),
        ("3个月", True),
    ],
)
def test_year_labels_are_not_measures(raw: str, measure: bool) -> None:
    assert is_measure(raw) is measure


@given(st.text(max_size=80))
def test_parser_never_raises(text: str) -> None:
    parse_quantity(text)
    is_measure(text)
