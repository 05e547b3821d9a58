"""Periods, regions, indicator keys, the registry and observations of a small table."""

from pathlib import Path

import pandas as pd
import pytest

from pipelines.extract.document import DocumentExtraction
from pipelines.extract.prose_facts import Paragraph, extract_text_facts
from pipelines.ingest.catalog import SourceDocument
from pipelines.load.frames import cells_frame
from pipelines.model.indicators import derive_indicator_key, load_registry
from pipelines.model.observations import observations_from_cells, unmapped_indicators
from pipelines.model.periods import period_in, resolve_period
from pipelines.model.regions import document_region, resolve_region
from pipelines.model.units import vocabulary
from tests.helpers import tables_of


@pytest.mark.parametrize(
    ("label", "key", "grain"),
    [
        ("2021年", "2021", "year"),
        ("2022 年", "2022", "year"),
        ("2021 年度", "2021", "year"),
        ("2025 年目标值", "2025", "year"),
        ("2022年下半年", "2022H2", "half"),
        ("2023年上半年", "2023H1", "half"),
        ("2022年第三季度", "2022Q3", "quarter"),
        ("2022年12月", "2022-12", "month"),
        ("2023 年（增幅）", "2023", "year"),
        # months a figure adds up: the year, a half, a quarter, else that run of months
        ("2022年1-12月", "2022", "year"),
        ("2022年1—6月", "2022H1", "half"),
        ("2022年7月-12月", "2022H2", "half"),
        ("2022年7～9月", "2022Q3", "quarter"),
        ("2022年 1-9 月", "2022-01~09", "months"),
        ("2022年1至11月", "2022-01~11", "months"),
        # a five-year plan's end: the N-th (十四五) runs to 1955 + 5N
        ("“十四五”目标", "2025", "year"),
        ("十三五期末", "2020", "year"),
    ],
)
def test_period_labels(label: str, key: str, grain: str) -> None:
    period = period_in(label)
    assert period is not None and (period.key, period.grain) == (key, grain)


@pytest.mark.parametrize(
    ("title", "year"),
    [("闵行区“十四五”质量发展主要指标", 2025), ("质量提升主要指标（2021-2025年）", 2025)],
)
def test_a_target_column_without_a_year_aims_at_the_plans_end(title: str, year: int) -> None:
    cell = resolve_period(("食品抽检合格率",), ("目标值",), title, 2022)
    assert cell is not None and (cell.period.key, cell.is_target) == (str(year), True)
    assert derive_indicator_key(title, ("食品抽检合格率",), ("“十四五”目标",)) == "食品抽检合格率"


@pytest.mark.parametrize("label", ["合格率①", "合格率*", "合格率（%）⑵", "合格率（注1）"])
def test_a_note_mark_after_a_label_is_no_part_of_the_indicator(label: str) -> None:
    assert derive_indicator_key("抽检", ("食品",), (label,)) == "抽检·食品·合格率"


def test_fifteen_is_no_plan() -> None:
    assert period_in("二十五个目标") is None
    cell = resolve_period(("合格率",), ("目标值",), "全区十五个街镇目标", 2022)
    assert cell is not None and (cell.period.key, cell.is_target) == ("2022", False)


def test_a_year_column_over_a_target_keeps_its_year() -> None:
    title = "“十四五”质量发展主要指标"
    cell = resolve_period(("合格率",), ("2023年", "目标"), title, 2022)
    assert cell is not None and cell.period.key == "2023"
    cell = resolve_period(("合格率",), ("年度目标",), title, 2022)
    assert cell is not None and cell.period.key == "2022"  # this year's target


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("3月", "2022-03"),
        ("12月份", "2022-12"),
        ("1-6月", "2022H1"),
        ("1～9月", "2022-01~09"),
        ("二季度", "2022Q2"),
        ("第4季度", "2022Q4"),
        ("下半年", "2022H2"),
        ("3月（批次）", "2022-03"),
    ],
)
def test_a_month_or_quarter_without_its_year_is_of_the_tables_year(label: str, key: str) -> None:
    """Monthly and quarterly tables head their columns (or rows) "3月", "二季度": before, every
    cell was the whole year's, and each month a separate indicator."""
    title = "2022年各月食品抽检情况"
    for rows, cols in (((label,), ("合格率",)), (("食品",), (label,))):
        cell = resolve_period(rows, cols, title, 2023)
        assert cell is not None and cell.period.key == key
    assert derive_indicator_key(title, ("食品",), (label,)) == derive_indicator_key(
        title, ("食品",), ("合格率",)
    ).removesuffix("·合格率")
    # no year in the title: the document's data year
    assert resolve_period(("食品",), ("3月",), "各月抽检情况", 2023).period.key == "2023-03"


def test_a_bare_half_or_quarter_takes_the_year_of_its_own_row_or_column() -> None:
    """2021年 over 上半年 / 下半年, or a 2020年 row against 一季度: that year, not the table's
    latest (all were 2022's, clashing); 6月龄 is an age, no month."""
    cell = resolve_period(("食品",), ("2021年", "上半年"), "近两年食品抽检合格率", 2023)
    assert cell is not None and cell.period.key == "2021H1"
    cell = resolve_period(("2020年",), ("一季度",), "各季度抽检批次", 2023, 2022)
    assert cell is not None and cell.period.key == "2020Q1"
    cell = resolve_period(("6月龄内婴儿纯母乳喂养率",), ("比率",), "2022年妇幼健康指标", 2023)
    assert cell is not None and cell.period.key == "2022"


def test_period_precedence() -> None:
    title = "2020-2022 年某区养老服务情况"
    assert resolve_period(("床位",), ("2021 年",), title, 2022).period.key == "2021"
    assert resolve_period(("2020 年",), ("合格率",), title, 2022).period.key == "2020"
    # a year range in a title never overrides columns; alone, it dates to its last year
    assert resolve_period(("床位",), ("同比",), title, 2019).period.key == "2022"
    assert resolve_period(("x",), ("y",), "2021 年某区情况", 2022).period.key == "2021"
    assert resolve_period(("x",), ("y",), "某区情况", 2022).period.key == "2022"
    target = resolve_period(("PM2.5",), ("2025 年目标值",), "质量提升具体指标", 2021)
    assert target.is_target and target.period.year == 2025


def test_regions_from_labels() -> None:
    district = document_region("闵行区")
    assert (district.level, district.parent) == ("district", "上海市")
    region, rest = resolve_region(("各街镇", "浦江镇", "合格率"), district)
    assert (region.name, region.level, region.parent, rest) == (
        "浦江镇",
        "sub_region",
        "闵行区",
        ("各街镇", "合格率"),
    )
    assert resolve_region(("奉贤区",), district)[0].level == "district"
    assert resolve_region(("城镇污水处理率",), district)[0] is district
    assert document_region("上海市").level == "city"
    # a district's table comparing itself with the city: the 全市 row is the city's figure
    assert resolve_region(("全市", "合格率"), district)[0].name == "上海市"
    assert resolve_region(("全区", "合格率"), district)[0] is district


@pytest.mark.parametrize(
    ("title", "rows", "cols", "code"),
    [
        (
            "2020-2022 年闵行区产品质量监督抽查情况",
            ("2021 年",),
            ("合格率",),
            "PQ_PRODUCT_SAMPLING_PASS_RATE",
        ),
        (
            "质量提升具体指标",
            ("产品质量", "产品质量监督抽检合格率"),
            ("2025 年目标值",),
            "PQ_PRODUCT_SAMPLING_PASS_RATE",
        ),
        ("2023年闵行区食品抽检情况", ("合计",), ("合格率（%）",), "PQ_FOOD_SAMPLING_PASS_RATE"),
        (
            "质量提升具体指标",
            ("服务质量", "养老床位占比（户籍老年人口）"),
            ("2025 年目标值",),
            "SQ_ELDERLY_BED_SHARE",
        ),
        (
            "2020-2022 年某区养老服务情况",
            ("养老床位占比（户籍老年人口）",),
            ("2020 年",),
            "SQ_ELDERLY_BED_SHARE",
        ),
        ("质量提升具体指标", ("人居环境", "PM2.5 日均浓度"), ("2025 年目标值",), "EV_PM25"),
        (
            "2021-2022 年某区环境质量主要指标情况",
            ("PM <sub>2.5</sub> 年均值(微克/立方米)".replace("<sub>", "").replace("</sub>", ""),),
            ("2022 年",),
            "EV_PM25",
        ),
        (
            "闵行区居住环境相关情况",
            ("绿化建设方面", "人均公园绿地面积"),
            (),
            "EV_PARK_GREEN_PER_CAPITA",
        ),
    ],
)
def test_registry_maps_keys_from_different_documents(
    title: str, rows: tuple[str, ...], cols: tuple[str, ...], code: str
) -> None:
    key = derive_indicator_key(title, rows, cols, frozenset({"闵行区"}))
    match = load_registry().match(key)
    assert match is not None and match.code == code, key


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("到2025年，建设旅游景区（点）总数不少于10个。", "SQ_TOURIST_SITES"),
        ("到2025年，实现人均公园绿地11.5平方米。", "EV_PARK_GREEN_PER_CAPITA"),
        ("到2025年，新增3A级旅游景区总数2家。", "SQ_NEW_3A_SITES"),  # not all of them
    ],
)
def test_registry_finds_a_plans_prose_target(sentence: str, code: str) -> None:
    """A prose name loses its brackets (旅游景区（点）总数 → 旅游景区总数) and may leave out
    the measure the table's label prints (人均公园绿地 for 人均公园绿地面积): the rule still
    finds it."""
    (fact,) = extract_text_facts("plan", [Paragraph(sentence, line=1)], "闵行区", 2021, "plan")
    match = load_registry().match(fact.indicator)
    assert match is not None and match.code == code, fact.indicator


def test_derived_key_drops_periods_units_regions_and_bookkeeping_words() -> None:
    key = derive_indicator_key(
        "2022 年闵行区食品抽检情况", ("流通",), ("2022年", "合格率（%）"), frozenset({"闵行区"})
    )
    assert key == "食品抽检·流通·合格率"
    assert derive_indicator_key("产值", (), ("2022年1-9月产值",), frozenset()) == "产值"


@pytest.mark.parametrize("label", ["食品", "1.食品", "一、食品", "（一）食品", "(1)食品", "①食品"])
def test_row_numbering_is_no_part_of_the_indicator(label: str) -> None:
    assert derive_indicator_key("抽检情况", (label,), ("合格率",)) == "抽检·食品·合格率"
    assert derive_indicator_key("抽检情况", ("一般工业固废",), ("量",)) == "抽检·一般工业固废·量"
    # a list of numerals is the name (一、二产业: the first and second industries)
    assert derive_indicator_key("产值", ("一、二产业",), ()) == "产值·一、二产业"


def test_registry_file_is_consistent() -> None:
    registry = load_registry()
    codes = [i.code for i in registry.indicators]
    assert len(codes) == len(set(codes))
    for indicator in registry.indicators:
        assert indicator.unit is None or vocabulary().lookup(indicator.unit), indicator.code


def _observations(text: str, kind: str = "white_paper", data_year: int = 2022) -> pd.DataFrame:
    result = tables_of(*text.strip().splitlines())
    document = SourceDocument("doc", "某区报告", kind, "闵行区", data_year)
    extraction = DocumentExtraction(document, result.tables, [])
    return observations_from_cells(cells_frame([extraction]), [document], load_registry())


def test_observations_of_a_white_paper_table() -> None:
    frame = _observations(
        """
表 3：2021-2022 年某区环境质量主要指标情况
项目\t2021 年\t2022 年\t同比
PM2.5 年均值(微克/立方米)\t29\t26\t↓ 10.3%
环境空气质量 AQI 优良率\t91.2%\t88.5\t↓ 2.7 个百分点
助餐受益老年人\t1.01 万人\t1.34 万人\t
"""
    )
    rows = {
        (
            r.indicator_key if pd.isna(r.indicator_code) else r.indicator_code,
            r.period,
            r.measure_kind,
        ): r
        for r in frame.itertuples()
    }
    pm = rows[("EV_PM25", "2022", "level")]
    assert (pm.value, pm.unit, pm.region, pm.domain) == (
        26,
        "微克/立方米",
        "闵行区",
        "人居环境质量",
    )
    change = rows[("EV_PM25", "2022", "change")]
    assert (change.value, change.unit, change.base_period) == (-10.3, "%", "2021")
    assert rows[("EV_AQI_GOOD_RATE", "2021", "rate")].value == 91.2
    assert rows[("EV_AQI_GOOD_RATE", "2022", "change")].unit == "个百分点"
    # a generic title ("…主要指标…") adds nothing to the key
    meals = rows[("助餐受益老年人", "2021", "level")]
    assert (meals.canonical_value, meals.canonical_unit) == (pytest.approx(10100), "人")


def test_targets_from_a_plan_table() -> None:
    frame = _observations(
        """
表 1 2021-2025 年质量提升具体指标
类型\t指标\t2025 年目标值
产品质量\t产品质量监督抽检合格率\t≥96%
\t旅游景区（点）总数\t不少于 10 个
工程质量\t建设工程安全事故起数\t较“十三五”下降 10%
人居环境\tPM2.5 日均浓度\t≤35 微克/立方米
""",
        kind="plan",
        data_year=2021,
    )
    assert set(frame["measure_kind"]) == {"target"}
    assert set(frame["year"]) == {2025}
    ops = dict(zip(frame["indicator_code"], frame["operator"], strict=True))
    assert ops == {
        "PQ_PRODUCT_SAMPLING_PASS_RATE": ">=",
        "SQ_TOURIST_SITES": ">=",
        "EQ_CONSTRUCTION_ACCIDENTS": "change_vs_baseline",
        "EV_PM25": "<=",
    }
    assert (
        frame.loc[frame["indicator_code"] == "EQ_CONSTRUCTION_ACCIDENTS", "baseline"].item()
        == "十三五"
    )


def test_sub_regions_and_two_quantities_in_one_cell() -> None:
    frame = _observations(
        """
表 2：2022 年某区园区工业总产值完成情况
园区\t工业总产值 (亿元)\t同比 (%)
莘庄工业区\t1014.69\t-2.8
小计\t2185.43\t-3.7
表 3：2022 年某区居住环境相关情况
生活垃圾末端处置量及无害化处理率\t551432 吨， 100%
"""
    )
    regions = dict(zip(frame["value"], frame["region"], strict=True))
    assert regions[1014.69] == "莘庄工业区" and regions[2185.43] == "闵行区"
    harmless = frame[frame["indicator_code"] == "EV_WASTE_HARMLESS_RATE"]
    assert harmless[["value", "unit", "measure_kind"]].values.tolist() == [[100.0, "%", "rate"]]
    assert frame.loc[frame["value"] == 551432, "canonical_unit"].item() == "千克"


def test_unmapped_indicators_are_listed() -> None:
    frame = _observations("表 9：2022 年闵行区新奇事项情况\n项目\t数量\n甲类事项\t12 件\n")
    listed = unmapped_indicators(frame)
    assert listed["indicator_key"].tolist() == ["新奇事项·甲类事项"]
    assert listed["observations"].tolist() == [1]


def test_bundled_plan_targets_join_actuals(sources_dir: Path) -> None:
    from pipelines.extract.document import extract_document
    from pipelines.ingest.catalog import discover_documents

    documents = discover_documents(sources_dir)
    cells = cells_frame([extract_document(d) for d in documents])
    frame = observations_from_cells(cells, documents, load_registry())
    targets = frame[
        (frame["measure_kind"] == "target") & (frame["document_id"].str.startswith("001"))
    ]
    actual_codes = set(frame.loc[frame["measure_kind"] != "target", "indicator_code"].dropna())
    joined = set(targets["indicator_code"]) & actual_codes
    assert {
        "PQ_PRODUCT_SAMPLING_PASS_RATE",
        "PQ_FOOD_SAMPLING_PASS_RATE",
        "PQ_AGRI_PRODUCT_PASS_RATE",
        "SQ_ELDERLY_BED_SHARE",
        "EV_PARK_GREEN_PER_CAPITA",
        "EV_PM25",
        "EV_AQI_GOOD_RATE",
        "EV_WASTE_HARMLESS_RATE",
    } <= joined
    assert targets["indicator_code"].notna().all()


def test_a_cell_worded_as_a_change_is_a_change_without_an_arrow() -> None:
    """The cell's own words decide (parsed once, at extraction), not only ↑/↓ in front."""
    frame = _observations(
        """
表 4：2022 年某区消费品市场情况
项目\t2022 年
社会消费品零售总额(亿元)\t1200.5
网络零售额\t同比增长 5.2%
"""
    )
    kinds = dict(zip(frame["value"], frame["measure_kind"], strict=True))
    assert kinds == {1200.5: "level", 5.2: "change"}


def test_a_missing_change_flag_reads_as_a_level() -> None:
    """Cells read back with the flag missing (NULL → NaN) are levels: NaN is truthy."""
    result = tables_of(
        "表 4：2022 年某区消费品市场情况", "项目\t2022 年", "网络零售额(亿元)\t1200.5"
    )
    document = SourceDocument("doc", "某区报告", "white_paper", "闵行区", 2022)
    cells = cells_frame([DocumentExtraction(document, result.tables, [])])
    cells["is_change"] = float("nan")
    frame = observations_from_cells(cells, [document], load_registry())
    assert frame["measure_kind"].tolist() == ["level"]


def test_a_plans_plain_future_year_column_holds_targets() -> None:
    """A plan's table titled 主要指标 with a plain 2025年 column: its figures are targets; a column
    of changes beside it (年均增长) holds changes, not targets."""
    frame = _observations(
        """
表 2：“十四五”时期质量发展主要指标
指标\t2020年\t2025年\t年均增长（%）
规上工业总产值（亿元）\t2800\t3500\t4.6
""",
        kind="plan",
        data_year=2021,
    )
    kinds = dict(zip(frame["value"], frame["measure_kind"], strict=True))
    assert kinds[3500] == "target"
    assert kinds[2800] != "target"
    assert kinds[4.6] == "change"


def test_a_column_of_differences_holds_changes_in_any_unit() -> None:
    frame = _observations(
        """
表 6：投诉举报情况
类别\t2022年（件）\t增减（件）
投诉\t5600\t-140
"""
    )
    kinds = dict(zip(frame["value"], frame["measure_kind"], strict=True))
    assert kinds == {5600: "level", -140: "change"}


def test_an_index_is_against_the_year_before_only_when_it_says_so() -> None:
    frame = _observations(
        """
表 4：质量指数
指标\t2022年
制造业质量竞争力指数\t86.5
居民消费价格指数（以上年为100）\t102.3
"""
    )
    bases = dict(zip(frame["value"], frame["base_period"], strict=True))
    assert pd.isna(bases[86.5]) and bases[102.3] == "2021"
    based = _observations("表 4：指数\n指标\t2022年\n工业生产者价格指数（2020年=100）\t108.1")
    assert based["base_period"].item() == "2020"
    assert set(frame["measure_kind"]) == {"index"}


def test_a_plans_column_of_another_year_holds_no_targets() -> None:
    frame = _observations(
        """
表 3：与先进地区比较
地区\t2022年
浦东新区\t98.2%
""",
        kind="plan",
        data_year=2021,
    )
    assert set(frame["measure_kind"]) != {"target"}


def test_an_action_plans_last_year_column_holds_targets() -> None:
    frame = _observations(
        """
表 1：三年行动计划主要指标
指标\t2021年\t2022年\t2023年\t2024年
食品抽检合格率（%）\t97.5\t97.8\t98.0\t98.5
""",
        kind="plan",
        data_year=2022,
    )
    kinds = dict(zip(frame["year"], frame["measure_kind"], strict=True))
    assert kinds[2024] == "target" and kinds[2021] != "target"
