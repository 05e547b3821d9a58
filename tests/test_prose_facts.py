"""Figures stated in prose → TextFact: one table-driven case per pattern and per noise type.

The sentences are written for these tests (same genre as the reports, not copied from them), so
they pin the general rules rather than the sample documents. The last test measures recall on the
hand-checked examples in ``tests/data/example_text_facts.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.extract.prose_facts import (
    Paragraph,
    TextFact,
    extract_text_facts,
    facts_from_text_export,
    paragraphs_from_pdf,
    paragraphs_from_text_export,
)
from pipelines.ingest.catalog import discover_documents
from pipelines.ingest.decode import read_text

DATA = Path(__file__).parent / "data"


def facts(text: str, kind: str = "white_paper", region: str = "某区", year: int = 2023):
    return extract_text_facts("doc", [Paragraph(text, line=1)], region, year, kind)


def brief(fact: TextFact) -> tuple[str, float, str | None]:
    return fact.kind, round(fact.value, 4), fact.unit


# --------------------------------------------------------------------------------------------
# Patterns: (sentence, expected (kind, value, unit) in order, indicator keywords per figure)

PATTERNS = [
    pytest.param(
        "2023年，全区在册电梯总量为12345台。",
        [("actual", 12345, "台")],
        [["在册电梯"]],
        id="X为 N 单位",
    ),
    pytest.param(
        "全区绿化覆盖率达到42.5%。",
        [("actual", 42.5, "%")],
        [["绿化覆盖率"]],
        id="达到",
    ),
    pytest.param(
        "全年完成固定资产投资 88.6 亿元。",
        [("actual", 88.6, "亿元")],
        [["固定资产投资"]],
        id="完成",
    ),
    pytest.param(
        "辖区共有农贸市场 57 家，累计培训质量管理人员 1200 人次，新增充电桩 340 个。",
        [("actual", 57, "家"), ("actual", 1200, "人次"), ("actual", 340, "个")],
        [["农贸市场"], ["培训质量管理人员"], ["新增充电桩"]],
        id="共有/累计/新增",
    ),
    pytest.param(
        "规上企业实现营业收入 56.2 亿元，同比下降 7.4%。",
        [("actual", 56.2, "亿元"), ("change", -7.4, "%")],
        [["营业收入"], ["营业收入"]],
        id="X N 单位，同比下降 M%",
    ),
    pytest.param(
        "全区绿化覆盖率达到42.5%，比上年提高1.3个百分点。",
        [("actual", 42.5, "%"), ("change", 1.3, "个百分点")],
        [["绿化覆盖率"], ["绿化覆盖率"]],
        id="比上年提高 M 个百分点",
    ),
    pytest.param(
        "食品抽检合格率和药品抽检合格率分别为 97.2%和 99.1%，"
        "分别较 2019 年提高 0.6 和 2.1 个百分点。",
        [
            ("actual", 97.2, "%"),
            ("actual", 99.1, "%"),
            ("change", 0.6, "个百分点"),
            ("change", 2.1, "个百分点"),
        ],
        [["食品抽检合格率"], ["药品抽检合格率"], ["食品抽检合格率"], ["药品抽检合格率"]],
        id="较 2019 年提高 0.6 和 2.1",
    ),
    pytest.param(
        "分别实现工业总产值、税收收入 512.3 亿元和 41.7 亿元，同比分别下降 3.1%和 6.4%。",
        [
            ("actual", 512.3, "亿元"),
            ("actual", 41.7, "亿元"),
            ("change", -3.1, "%"),
            ("change", -6.4, "%"),
        ],
        [["工业总产值"], ["税收收入"], ["工业总产值"], ["税收收入"]],
        id="分别实现 A、B x 和 y，同比分别下降 a 和 b",
    ),
    pytest.param(
        "全年受理消费投诉 4200 件，其中网络购物投诉 1850 件，占比 44.0%。",
        [("actual", 4200, "件"), ("actual", 1850, "件"), ("actual", 44.0, "%")],
        [["消费投诉"], ["网络购物投诉"], ["网络购物投诉"]],
        id="其中 breakdown and its share",
    ),
    pytest.param(
        "服务企业超 3000 家，参与人数近 5 万人，发放宣传资料 2 万余份。",
        [("actual", 3000, "家"), ("actual", 5, "万人"), ("actual", 2, "万份")],
        [["服务企业"], ["参与人数"], ["宣传资料"]],
        id="超/近/余",
    ),
    pytest.param(
        "监督抽查合格率保持在 95%以上，重点行业占比 30% 左右。",
        [("actual", 95, "%"), ("actual", 30, "%")],
        [["合格率"], ["占比"]],
        id="以上/左右",
    ),
    pytest.param(
        "满意度指数为 86.4，较上年提升 1.2。",
        [("actual", 86.4, None), ("change", 1.2, None)],
        [["满意度指数"], ["满意度指数"]],
        id="unitless index and its change",
    ),
    pytest.param(
        "年内建成示范点 5-8 个。",
        [("actual", 5, "个")],
        [["示范点"]],
        id="range",
    ),
    pytest.param(
        "两家企业获评市级标杆，新建三个社区食堂，十余家机构参与。",
        [("actual", 2, "家"), ("actual", 3, "个"), ("actual", 10, "家")],
        [["企业"], ["社区食堂"], ["机构"]],
        id="Chinese numerals with a counter",
    ),
    pytest.param(
        "全区共抽检食品1234①批次，抽检合格率为97.5⑵%。",
        [("actual", 1234, "批次"), ("actual", 97.5, "%")],
        [["抽检食品"], ["抽检合格率"]],
        id="note numerals beside a figure are no digits of it",
    ),
    pytest.param(
        "在用压力容器 820 台（套），同比增加 36 台（套）。",
        [("actual", 820, "台套"), ("change", 36, "台套")],
        [["压力容器"], ["压力容器"]],
        id="台（套） and a count change",
    ),
    pytest.param(
        "居民消费价格同比上涨0.6%，工业生产者出厂价格同比下跌4.2%，外贸出口同比负增长3.7%。",
        [("change", 0.6, "%"), ("change", -4.2, "%"), ("change", -3.7, "%")],
        [["居民消费价格"], ["出厂价格"], ["外贸出口"]],
        id="上涨, 下跌, 负增长",
    ),
    pytest.param(
        "企业开办平均用时较上年压缩60%，审批事项办理时间同比缩短21.5%。",
        [("change", -60, "%"), ("change", -21.5, "%")],
        [["企业开办"], ["审批事项办理时间"]],
        id="压缩, 缩短",
    ),
    pytest.param(
        "公共交通站点500米覆盖率达到91.2%，建成15分钟社区生活圈示范点24个，"
        "提供24小时服务的便民网点36家，千人口全科医生数达到0.4名，完成180公里河道整治。",
        [
            ("actual", 91.2, "%"),
            ("actual", 24, "个"),
            ("actual", 36, "家"),
            ("actual", 0.4, "名"),
            ("actual", 180, "公里"),
        ],
        [["500米覆盖率"], ["示范点"], ["便民网点"], ["全科医生"], ["河道整治"]],
        id="a reach or a time naming a service, a population per which, is no figure",
    ),
    pytest.param(
        "全年受理投诉12680件，平均办结率为96.5%，通过人民调解处理消费纠纷3150件，"
        "占投诉总量的24.8%；外资企业实现税收312.8亿元，占全区税收总额的比重达58.7%。",
        [
            ("actual", 12680, "件"),
            ("actual", 96.5, "%"),
            ("actual", 3150, "件"),
            ("actual", 24.8, "%"),
            ("actual", 312.8, "亿元"),
            ("actual", 58.7, "%"),
        ],
        [["受理投诉"], ["办结率"], ["消费纠纷"], ["消费纠纷"], ["外资企业"], ["外资企业"]],
        id="a share of a whole is the count's or amount's said before it",
    ),
    pytest.param(
        "消费投诉率控制在万分之一以下，事故发生率低于千分之零点五，满意度达百分之九十五，"
        "获证企业约占全市的四分之一。",
        [("actual", 0.01, "%"), ("actual", 0.5, "‰"), ("actual", 95, "%"), ("actual", 25, "%")],
        [["消费投诉率"], ["事故发生率"], ["满意度"], ["获证企业"]],
        id="fractions said in words",
    ),
    pytest.param(
        "开展专项检查二十余次，出动执法人员一千余人次，单个项目补贴50万—200万元，"
        "新建智慧菜场3至5家，落实七届区委六次全会部署。",
        [
            ("actual", 20, "次"),
            ("actual", 1000, "人次"),
            ("actual", 50, "万元"),
            ("actual", 3, "家"),
        ],
        [["专项检查"], ["执法人员"], ["补贴"], ["智慧菜场"]],
        id="counters of visits, ranges said once, a session's number",
    ),
    pytest.param(
        "固定资产投资增长9.6%，增速较上年加快2.3个百分点；工业增速放缓1.2个百分点，"
        "按时办结率同比回升1.5个百分点。",
        [
            ("change", 9.6, "%"),
            ("change", 2.3, "个百分点"),
            ("change", -1.2, "个百分点"),
            ("change", 1.5, "个百分点"),
        ],
        [["固定资产投资"], ["固定资产投资增速"], ["工业增速"], ["按时办结率"]],
        id="a rate of change that changes itself: 增速加快, 放缓, 回升",
    ),
    pytest.param(
        "网络交易投诉量较上年增长两倍，跨境电商交易额增长近一倍。",
        [("change", 2, "倍"), ("change", 1, "倍")],
        [["网络交易投诉量"], ["跨境电商交易额"]],
        id="multiples said in words",
    ),
    pytest.param(
        "高新技术企业数量比2020年翻了一番，技术合同成交额翻两番。",
        [("change", 100, "%"), ("change", 300, "%")],
        [["高新技术企业"], ["技术合同成交额"]],
        id="翻一番 doubles, 翻两番 quadruples",
    ),
    pytest.param(
        "全年服务企业近万家，参与群众上万人次。",
        [("actual", 1, "万家"), ("actual", 1, "万人次")],
        [["服务企业"], ["参与群众"]],
        id="万 said alone: 近万家, 上万人次",
    ),
    pytest.param(
        "区域质量竞争力指数达到87.6，比全市平均水平高出1.4；合格率比全市平均低出0.8个百分点。",
        [("actual", 87.6, None), ("change", 1.4, None), ("change", -0.8, "个百分点")],
        [["质量竞争力指数"], ["质量竞争力指数"], ["合格率"]],
        id="高出, 低出 a level compared",
    ),
]


@pytest.mark.parametrize(("text", "expected", "keywords"), PATTERNS)
def test_patterns(text: str, expected: list[tuple], keywords: list[list[str]]) -> None:
    found = facts(text)
    assert [brief(f) for f in found] == expected
    for fact, words in zip(found, keywords, strict=True):
        assert all(word in fact.indicator for word in words), (fact.indicator, words)
        assert fact.quote and fact.quote in text


def test_a_row_of_key_figures_with_no_words_states_nothing() -> None:
    """A designed report's key-figure boxes read as a line of figures (12345件 98.7% 3268万元)
    and a line of their labels: the figures named nothing, and each became a fact with no
    indicator. A sentence that lists figures with its words is read."""
    assert facts("12345件 98.7% 3268万元 156家") == []
    assert facts("98.6%") == []  # a callout's big number on a line of its own
    found = facts("受理投诉12345件，按时办结率98.7%。")
    assert [(f.value, f.unit) for f in found] == [(12345, "件"), (98.7, "%")]


def test_operators_from_approximations_and_bounds() -> None:
    found = facts("服务企业超 3000 家，参与人数近 5 万人，发放资料 2 万余份，合格率 95%以上。")
    assert [f.operator for f in found] == [">", "~", ">", ">="]
    (ranged,) = facts("年内建成示范点 5-8 个。")
    assert (ranged.operator, ranged.value, ranged.upper) == ("range", 5, 8)
    (ranged,) = facts("全区新建智慧菜场3至5家。")  # the unit said once
    assert (ranged.operator, ranged.value, ranged.upper, ranged.unit) == ("range", 3, 5, "家")
    shares = facts("检测机构营收约占全市的15.3%，获证企业约占全市的四分之一。")
    assert [(f.operator, f.value) for f in shares] == [("~", 15.3), ("~", 25)]


# --------------------------------------------------------------------------------------------
# Targets, periods and subjects


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("产品质量监督抽查合格率为93.5%（2021年为92.1%）。", [2023, 2021]),
        ("抽查合格率为93.5%（上年为92.1%，2020年为90.5%）。", [2023, 2022, 2020]),
        ("抽查合格率为93.5%，上年同期为92.1%。", [2023, 2022]),
        ("上年同期抽查合格率为92.1%。", [2022]),
        ("去年以来，抽查合格率为93.5%。", [2023]),
        ("去年底以来，抽查合格率为93.5%。", [2023]),
        ("去年至今，抽查合格率为93.5%。", [2023]),
    ],
)
def test_a_figure_stated_for_another_year_has_that_period(text: str, periods: list[int]) -> None:
    """The year said right before a figure, inside brackets too, is its period (and 上年 the
    year before the data's): never a second figure for the data year."""
    found = facts(text, year=2023)
    assert [f.period for f in found] == periods
    assert all(f.indicator.endswith("抽查合格率") for f in found)


@pytest.mark.parametrize(
    ("text", "operator"),
    [
        ("食品抽检合格率为98%，较“十三五”末提高0.5个百分点。", "change_vs_baseline"),
        ("食品抽检合格率为98%，较快增长0.5个百分点。", None),
        ("食品抽检合格率为98%，较大幅度提高0.5个百分点。", None),
        ("食品抽检合格率为98%，较 快增长0.5个百分点。", None),  # a space set in by the PDF
        ("食品抽检合格率为98%，比全市平均高0.5个百分点。", "change_vs_baseline"),
        ("食品抽检合格率为98%，高于全市平均水平0.5个百分点。", "change_vs_baseline"),
    ],
)
def test_a_change_against_a_named_baseline_keeps_the_indicator(
    text: str, operator: str | None
) -> None:
    """ "较“十三五”末" names the baseline, not the indicator; 较快 / 较大幅度 name none."""
    actual, change = facts(text)
    assert change.indicator == actual.indicator == "食品抽检合格率"
    assert (change.kind, change.value, change.operator) == ("change", 0.5, operator)


def test_a_change_target_keeps_its_bound_on_the_signed_change() -> None:
    """A plan's 提高2个百分点以上 is a change of at least +2; 下降5%以上 a fall of 5% or more,
    so -5 or lower; 年均增长10%左右 about +10. A change with no bound is against its base."""
    found = facts(
        "到2025年，产品质量监督抽查合格率提高2个百分点以上，规上工业总产值年均增长10%左右，"
        "万元GDP能耗下降5%以上，亿元GDP生产安全事故死亡率较2020年下降20%。",
        kind="plan",
        year=2021,
    )
    assert [(f.kind, f.value, f.operator, f.is_change) for f in found] == [
        ("target", 2.0, ">=", True),
        ("target", 10.0, "~", True),
        ("target", -5.0, "<=", True),
        ("target", -20.0, "change_vs_baseline", True),
    ]
    (fall,) = facts("全区产品质量问题下降20%以上。")
    assert (fall.kind, fall.value, fall.operator) == ("change", -20.0, "<=")
    (level,) = facts("到2025年，研发投入强度达到4%左右。", kind="plan", year=2021)
    assert (level.operator, level.is_change) == ("~", False)


def test_a_causative_使_is_no_part_of_the_indicator() -> None:
    """ "使新能源车辆配置达到90%" names 新能源车辆配置, as 实现 or 达到 before it would; 使用率
    keeps its 使."""
    (target,) = facts("到2025年，使新能源车辆配置比例达到90%。", kind="plan", year=2021)
    assert target.indicator == "新能源车辆配置比例"
    (actual,) = facts("全区充电桩使用率为35.2%。")
    assert actual.indicator == "充电桩使用率"


def test_a_measure_said_once_after_a_list_goes_with_each_item() -> None:
    found = facts("全区食品、药品、特种设备抽检合格率分别为98.2%、99.1%和97.6%。")
    assert [(f.indicator, f.value) for f in found] == [
        ("食品抽检合格率", 98.2),
        ("药品抽检合格率", 99.1),
        ("特种设备抽检合格率", 97.6),
    ]
    found = facts("一般工业固体废物、危险废物综合利用率分别为95%和99%。")
    assert [f.indicator for f in found] == ["一般工业固体废物综合利用率", "危险废物综合利用率"]
    (fact,) = facts("全区规上工业总产值同比下降至3,256.7亿元。")
    assert (fact.indicator, fact.value) == ("规上工业总产值", 3256.7)


@pytest.mark.parametrize(
    ("text", "places", "indicator"),
    [
        (
            "紫竹高新区、莘庄工业区产值分别为179.7亿元和1014.7亿元。",
            ["紫竹高新区", "莘庄工业区"],
            "产值",
        ),
        ("浦东新区、闵行区的合格率分别为97.2%和96.5%。", ["浦东新区", "闵行区"], "合格率"),
        ("莘庄镇和七宝镇分别完成抽检120批次、98批次。", ["莘庄镇", "七宝镇"], "抽检"),
        ("闵行区、全市的合格率分别为97.2%和96.5%。", ["闵行区", "上海市"], "合格率"),
    ],
)
def test_places_listed_before_fen_bie_are_the_subjects(
    text: str, places: list[str], indicator: str
) -> None:
    """Places listed before 分别 are what each figure is about, not the figures' names."""
    assert [(f.subject, f.indicator) for f in facts(text)] == [(p, indicator) for p in places]


def test_places_listed_before_fen_bie_go_on_to_the_next_clause() -> None:
    found = facts("莘庄镇、七宝镇产值分别为100亿元和90亿元，同比增长5%和3%。")
    assert [(f.kind, f.subject) for f in found] == [
        ("actual", "莘庄镇"),
        ("actual", "七宝镇"),
        ("change", "莘庄镇"),
        ("change", "七宝镇"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "特色小镇、重点园区产值分别为10亿元和20亿元。",
        "浦东新区质量奖、闵行区质量奖获奖企业分别为5家和6家。",
    ],
)
def test_words_that_only_look_like_places_are_no_subjects(text: str) -> None:
    assert {f.subject for f in facts(text)} == {"某区"}


def test_a_later_year_stated_in_a_review_is_a_target() -> None:
    actual, aimed = facts("抽查合格率为93.5%（2025年为98%）。", year=2023)
    assert [(f.kind, f.period) for f in (actual, aimed)] == [("actual", 2023), ("target", 2025)]


def test_a_comparative_word_is_no_baseline_of_a_change() -> None:
    (fact,) = facts("全区比较优势产业产值同比增长12.5%。")
    assert (fact.kind, fact.indicator) == ("change", "比较优势产业产值")


def test_target_year_from_the_five_year_plan_named() -> None:
    (fact,) = facts("到“十四五”末，全区食品抽检合格率达到98%以上。", kind="plan", year=2021)
    assert (fact.kind, fact.period, fact.value, fact.operator) == ("target", 2025, 98, ">=")


def test_target_year_from_dao_nian() -> None:
    (fact,) = facts("到2027年，每万人口高价值发明专利拥有量达到 25 件。")
    assert (fact.kind, fact.period, fact.value, fact.unit) == ("target", 2027, 25, "件")


def test_target_markers_in_the_clause() -> None:
    (fact,) = facts("全年力争新增上市企业 6 家。")
    assert fact.kind == "target"
    (floor,) = facts("到2027年，农产品抽检合格率不低于 98%。")
    assert (floor.kind, floor.operator, floor.period) == ("target", ">=", 2027)


def test_plan_document_defaults_to_targets_except_its_review_section() -> None:
    paragraphs = [
        Paragraph("一、发展基础", line=1, heading=True),
        Paragraph("截至2020年底，全区标准化菜市场达到 80 家。", line=2),
        Paragraph("二、主要任务", line=3, heading=True),
        Paragraph("建设社区食堂 30 个，新增养老床位 1500 张。", line=4),
        Paragraph("到 2025 年，人均公园绿地面积达到 12 平方米。", line=5),
    ]
    found = extract_text_facts("plan", paragraphs, "某区", 2021, "plan")
    assert [(f.kind, f.period, f.value) for f in found] == [
        ("actual", 2020, 80),
        ("target", 2025, 30),
        ("target", 2025, 1500),
        ("target", 2025, 12),
    ]


def test_work_plan_section_of_a_summary_is_target_for_its_year() -> None:
    paragraphs = [
        Paragraph("一、2023 年工作总结", line=1, heading=True),
        Paragraph("全年新增早餐网点 120 个。", line=2),
        Paragraph("二、2024 年工作计划", line=3, heading=True),
        Paragraph("年内计划新增 90 家早餐网点。", line=4),
    ]
    found = extract_text_facts("ws", paragraphs, "某区", 2023, "work_summary")
    assert [(f.kind, f.period, f.value) for f in found] == [
        ("actual", 2023, 120),
        ("target", 2024, 90),
    ]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("截至2022年底，全镇共有专精特新企业 48 家。", 2022),
        ("2022 年对获得 2020 年度“上海品牌”认证的 2 家组织落实奖励。", 2022),
        ("平均办理时长为 15.1 天，较 2022 年度平均 17.3 天减少 12.7%。", 2023),
        ("该街道自 2019 年 5 月以来累计培育首席质量官 40 人。", 2023),
    ],
)
def test_period(text: str, period: int) -> None:
    assert facts(text)[0].period == period


def test_baseline_value_keeps_its_own_year() -> None:
    found = facts("平均办理时长为 15.1 天，较 2022 年度平均 17.3 天减少 12.7%。")
    assert [(f.value, f.period, f.kind) for f in found] == [
        (15.1, 2023, "actual"),
        (17.3, 2022, "actual"),
        (-12.7, 2023, "change"),
    ]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("七宝镇现有检验检测企业 120 家。", "七宝镇"),
        ("2022年底，江川路街道有人工智能企业 20 家。", "江川路街道"),
        ("松江区推出专项行动，服务企业 300 家。", "松江区"),
        ("全市共 10 家企业入选，其中本区 2 家。", "上海市"),
        ("推动示范镇建设，完成改造 6 个。", "某区"),
        ("授予七宝镇某村等两家单位称号。", "某区"),
    ],
)
def test_subject(text: str, subject: str) -> None:
    assert facts(text)[0].subject == subject


def test_section_heading_names_the_town() -> None:
    paragraphs = [
        Paragraph("六、马桥镇——人工智能产业质量提升", line=1, heading=True),
        Paragraph("规模以上工业企业实现产值 6.7 亿元，同比下降 2.3%。", line=2),
        Paragraph("七、区级汇总", line=3, heading=True),
        Paragraph("全区实现产值 600 亿元。", line=4),
    ]
    found = extract_text_facts("wp", paragraphs, "某区", 2023, "white_paper")
    assert [f.subject for f in found] == ["马桥镇", "马桥镇", "某区"]


# --------------------------------------------------------------------------------------------
# Noise: none of these is a fact

NOISE = [
    pytest.param("沪闵府办发〔2024〕7号文件已印发。", id="document number"),
    pytest.param("本通知于2024年3月15日印发。", id="date"),
    pytest.param("2023年，各项工作稳步推进。", id="year alone"),
    pytest.param("（3）加强监管。2. 完善体系。三、保障措施", id="clause and list numbers"),
    pytest.param("联系电话：021-64128888。", id="phone number"),
    pytest.param("贯彻《某区质量发展规划（2021-2025年）》要求。", id="plan name with years"),
    pytest.param("企业荣获“中国500强”称号，入选“百强榜”。", id="percent/number in a name"),
    pytest.param("建设 5G 基站，推广 N95 口罩。", id="model numbers"),
    pytest.param("详见表 3 和图 4。", id="table and figure references"),
    pytest.param("构建“1+3+N”服务体系，落实“稳增长 22 条”。", id="formulas and policy names"),
    pytest.param("发布第12期简报，举办第五届质量节。", id="ordinals"),
    pytest.param("办公地址为龙华路 88 号。", id="address"),
    pytest.param(
        "推出一批示范项目，打响四大品牌，从三个方面推进。", id="Chinese numerals not counts"
    ),
    pytest.param("营收超 1 亿元的企业，就业人数在 50 人以下的企业。", id="class thresholds"),
    pytest.param("已连续11个月保持增长，庆祝建党101周年。", id="durations and anniversaries"),
    pytest.param("依据ISO 9001: 2015 标准。", id="standard numbers"),
]


@pytest.mark.parametrize("text", NOISE)
def test_noise_is_rejected(text: str) -> None:
    assert facts(text) == []


def test_numbers_around_noise_are_kept() -> None:
    found = facts("PM2.5 年均浓度为 28 微克/立方米（见表 3），12345热线受理 860 件。")
    assert [brief(f) for f in found] == [("actual", 28, "微克/立方米"), ("actual", 860, "件")]
    assert "PM2.5" in found[0].indicator


def test_threshold_class_keeps_its_count() -> None:
    found = facts("营收超 1 亿元的企业有 6 家。")
    assert [brief(f) for f in found] == [("actual", 6, "家")]


# --------------------------------------------------------------------------------------------
# Text export → paragraphs

EXPORT = "\n".join(
    [
        "目 录",  # 1
        "一、产品质量 .....\t3",  # 2 TOC row (TAB)
        "",  # 3
        "## 一、产品质量",  # 4 heading
        "",  # 5
        "2023年，全区共抽检工业产品 320 批次，合格率为 96.5%，其中生产领域抽检 180",  # 6
        "",  # 7
        "<sup>3</sup>数据来源：区市场监管局",  # 8 source note between the halves
        "",  # 9
        "批次（见表 2）<sup>3</sup>。",  # 10
        "",  # 11
        "表 2：2023 年工业产品抽检情况",  # 12 caption
        "类别\t批次\t合格率",  # 13 table
        "生产\t180\t97%",  # 14 table
        "",  # 15
        "注：合格率按批次计算。",  # 16 note
        "**全年**立案 45 件。",  # 17 markdown emphasis
    ]
)


def test_paragraphs_skip_tables_captions_toc_and_notes() -> None:
    paragraphs = paragraphs_from_text_export(EXPORT)
    texts = [p.text for p in paragraphs]
    assert "一、产品质量" in texts
    assert not any("\t" in t or t.startswith(("表 2", "注", "数据来源")) for t in texts)
    joined = next(p for p in paragraphs if "抽检工业产品" in p.text)
    assert joined.text.endswith("180批次（见表 2）。")
    assert joined.line == 6 and joined.line_at(len(joined.text) - 2) == 10
    assert texts[-1] == "全年立案 45 件。"


def test_facts_from_export_point_at_their_lines() -> None:
    found = facts_from_text_export("doc", EXPORT, "某区", 2023, "white_paper")
    assert [(f.value, f.unit, f.line) for f in found] == [
        (320, "批次", 6),
        (96.5, "%", 6),
        (180, "批次", 6),
        (45, "件", 17),
    ]
    assert all(f.period == 2023 and f.subject == "某区" for f in found)


def test_broken_number_and_unit_are_joined() -> None:
    text = (
        "2023年，区内组织牵头制定国家标准 22 项，牵头制定行业标准 3\n\n"
        "项；参与制定团体标准 15 项。\n"
    )
    found = facts_from_text_export("doc", text, "某区", 2023, "white_paper")
    assert [(f.value, f.unit, f.line) for f in found] == [
        (22, "项", 1),
        (3, "项", 1),
        (15, "项", 3),
    ]


def test_short_heading_is_not_joined_with_the_next_paragraph() -> None:
    text = "区经委 2023 年工作总结及 2024 年工作计划\n\n2023 年，全年新增企业 80 家。\n"
    paragraphs = paragraphs_from_text_export(text)
    assert len(paragraphs) == 2


def test_pdf_paragraphs_keep_their_page() -> None:
    paragraphs = [
        Paragraph("二、2024 年重点工作", page=7),
        Paragraph("全年完成重点工作 12 项。", page=7),  # a sentence, not a heading
        Paragraph("年内新增养老床位 300 张。", page=8),
    ]
    found = extract_text_facts("pdf", paragraphs, "某区", 2023, "work_summary")
    assert [(f.kind, f.period, f.page, f.line) for f in found] == [
        ("target", 2024, 7, None),
        ("target", 2024, 8, None),
    ]


# --------------------------------------------------------------------------------------------
# Recall on the hand-checked examples


def _matches(fact: TextFact, ref: dict) -> bool:
    unit = (fact.unit or "").replace("％", "%")
    same = (
        abs(fact.value - float(ref["value"])) < 1e-6
        and unit == (ref["unit"] or "").replace("％", "%")
        and fact.kind == ref["kind"]
    )
    overlaps = ref["quote"] in fact.quote or fact.quote in ref["quote"]
    return same and (fact.line == ref["line"] or overlaps)


def test_recall_on_hand_checked_examples(sources_dir: Path) -> None:
    refs = [json.loads(line) for line in (DATA / "example_text_facts.jsonl").open(encoding="utf-8")]
    documents = {d.document_id: d for d in discover_documents(sources_dir)}
    extracted: dict[str, list[TextFact]] = {}
    for doc_id in {r["doc"] for r in refs}:
        document = documents[doc_id]
        text = read_text(document.renditions["text"].path)
        extracted[doc_id] = facts_from_text_export(
            doc_id, text, document.region, document.data_year, document.kind
        )
    hits = [r for r in refs if any(_matches(f, r) for f in extracted[r["doc"]])]
    recall = len(hits) / len(refs)
    missed = [(r["doc"], r["line"], r["quote"]) for r in refs if r not in hits]
    assert recall >= 0.85, missed
    # the matched facts also carry the hand-checked subject and period
    for ref in hits:
        fact = next(f for f in extracted[ref["doc"]] if _matches(f, ref))
        assert fact.subject == ref["subject"], (ref, fact)
        assert str(fact.period) == ref["period"], (ref, fact)


def test_monthly_figures_keep_their_month() -> None:
    from pipelines.extract.prose_facts import Paragraph, extract_text_facts

    def months(text: str) -> list[int | None]:
        facts = extract_text_facts(
            "d", [Paragraph(text=text, line=1)], "闵行区", 2022, "work_summary"
        )
        return [f.month for f in facts]

    assert months("8月全区社会消费品零售总额完成169.06亿元，同比增长3.6%。") == [8, 8]
    assert months("2022年6月13日，全区抽检合格率为98%。") == [None]  # a date, not a period
    assert months("5月以来，新增企业12家。") == [None]
    assert months("全年实现营业收入11.95亿元，同比减少33.20%。") == [None, None]


def test_large_and_tiny_figures_are_kept() -> None:
    from pipelines.extract.prose_facts import Paragraph, extract_text_facts

    def values(text: str) -> list[tuple[float, str | None]]:
        facts = extract_text_facts(
            "d", [Paragraph(text=text, line=1)], "闵行区", 2022, "white_paper"
        )
        return [(f.value, f.unit) for f in facts]

    assert values("全年共接待游客1200000人次。") == [(1200000.0, "人次")]
    assert values("完成投资1,000,000元。") == [(1000000.0, "元")]


def test_prose_uses_the_region_book_and_the_unit_table() -> None:
    from pipelines.extract import prose_facts
    from pipelines.model.regions import region_book
    from pipelines.model.units import vocabulary

    assert set(prose_facts._DISTRICTS) == region_book().districts
    # counters met in prose resolve through warehouse/units.yaml like any table unit
    assert vocabulary().lookup("万户次").canonical == "户次"
    assert vocabulary().lookup("km/km²").canonical == "公里/平方公里"
    text = "全年检查场所 311 件次。\n"
    (fact,) = facts_from_text_export("doc", text, "某区", 2023, "white_paper")
    assert (fact.value, fact.unit) == (311, "件次")


def test_pdf_paragraphs_are_cleaned_and_skipped_like_text_export_lines() -> None:
    prose = [
        (7, "到2025年，路网密度达到 4.5 km/km^2 ，公交站牌 600 个。"),
        (7, "注：1、臭氧浓度为日最大 8 小时滑动平均值。"),
        (8, "数据来源：区统计局"),
    ]
    paragraphs = paragraphs_from_pdf(prose)
    assert [(p.page, p.text) for p in paragraphs] == [
        (7, "到2025年，路网密度达到 4.5 km/km² ，公交站牌 600 个。")
    ]
    found = extract_text_facts("doc", paragraphs, "某区", 2023, "plan")
    assert (4.5, "km/km²") in {(f.value, f.unit) for f in found}
    assert all(f.unit != "小时" for f in found)


def test_an_ellipsis_is_prose_and_a_leader_to_a_page_number_is_contents() -> None:
    sentence = "全区开展食品、药品、特种设备……等重点领域专项整治，全年抽检合格率达到98.5%。"
    contents = "一、质量发展概况…………………………3"
    from_pdf = paragraphs_from_pdf([(3, sentence), (1, contents)])
    from_text = paragraphs_from_text_export(f"{contents}\n\n{sentence}\n")
    for paragraphs in (from_pdf, from_text):
        assert [p.text for p in paragraphs] == [sentence]
        found = extract_text_facts("doc", paragraphs, "某区", 2023, "white_paper")
        assert (98.5, "%") in {(f.value, f.unit) for f in found}


@pytest.mark.parametrize(
    "caption", ["附表1：2025年主要指标（合格率95%）", "表一 2022年抽检合格率95%", "续图2 合格率95%"]
)
def test_captions_of_every_form_are_not_prose(caption: str) -> None:
    sentence = "全年抽检合格率达到98.5%。"
    for paragraphs in (
        paragraphs_from_text_export(f"{caption}\n\n{sentence}\n"),
        paragraphs_from_pdf([(2, caption), (2, sentence)]),
    ):
        assert [p.text for p in paragraphs] == [sentence]


def test_a_sentence_that_opens_with_a_caption_word_is_prose() -> None:
    """代 + 表一流水平 broken across lines, a paragraph opening 表十分…: sentences, not captions."""
    text = "区内企业持续提升质量，这些企业代\n表一流水平，全区共有企业1548家，同比增长3.6%。\n"
    pdf = [(4, "表十分明显的是，全区抽检合格率达到97.2%。")]
    found = extract_text_facts("doc", paragraphs_from_text_export(text), "某区", 2023, "plan")
    assert {(f.value, f.unit) for f in found} >= {(1548.0, "家"), (3.6, "%")}
    (paragraph,) = paragraphs_from_pdf(pdf)
    found = extract_text_facts("doc", [paragraph], "某区", 2023, "plan")
    assert (97.2, "%") in {(f.value, f.unit) for f in found}


@pytest.mark.parametrize("town", ["川沙新镇", "曹家渡街道", "南京西路街道"])
def test_a_heading_that_is_a_long_town_name_names_the_town(town: str) -> None:
    """Two characters before 镇/街道 were read: 川沙新镇 was 沙新镇, 南京西路街道 京西路街道."""
    paragraphs = [
        Paragraph(f"（三）{town}", line=1, heading=True),
        Paragraph("全年引进总部企业15家。", line=2),
        Paragraph("（四）推进示范镇建设", line=3, heading=True),
        Paragraph("完成改造6个。", line=4),
    ]
    found = extract_text_facts("wp", paragraphs, "某区", 2023, "white_paper")
    assert [f.subject for f in found] == [town, "某区"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the measure said once after the list keeps its 不
        (
            "食品、化妆品抽检不合格率分别为1.2%和0.8%。",
            [("actual", 1.2, "%"), ("actual", 0.8, "%")],
        ),
        (
            "抽查问题发现率为12.3%，比全市平均低2.4个百分点。",
            [("actual", 12.3, "%"), ("change", -2.4, "个百分点")],
        ),
        ("规上工业总产值增速为-3.2%。", [("change", -3.2, "%")]),
        ("社会消费品零售总额同比增长-2.3%。", [("change", -2.3, "%")]),
        ("社会消费品零售总额同比增长−1.5%。", [("change", -1.5, "%")]),  # U+2212
        ("与去年同期相比，食品安全类投诉减少了1200件。", [("change", -1200, "件")]),
        ("全区质量满意度测评得分为82.6分。", [("actual", 82.6, "分")]),
        ("全区有效发明专利突破2.5万件。", [("actual", 2.5, "万件")]),
        ("区域排名较上年上升3位。", []),
    ],
)
def test_signs_units_and_bounds_of_prose_figures(text: str, expected: list[tuple]) -> None:
    assert [brief(f) for f in facts(text)] == expected


def test_what_the_figures_say_around_them() -> None:
    (worse,) = [f for f in facts("食品、化妆品抽检不合格率分别为1.2%和0.8%。") if f.value == 1.2]
    assert "不合格率" in worse.indicator
    (bound,) = facts("全区有效发明专利突破2.5万件。")
    assert bound.operator == ">"
    (span,) = facts("全区食品抽检合格率保持在97%至99%之间。")
    assert (span.value, span.upper, span.operator) == (97, 99, "range")
    then, now = facts("农产品抽检合格率由2020年的92.3%提高到2023年的96.1%。")
    assert (then.period, now.period) == (2020, 2023)
    nearer = facts("到2024年，完成电梯加装300台；到2025年，累计加装800台。", kind="plan")
    assert [(f.value, f.period) for f in nearer] == [(300, 2024), (800, 2025)]
    (future,) = facts("2024年，全区将新增首席质量官50名。", kind="work_summary")
    assert (future.kind, future.period) == ("target", 2024)


def test_indicators_and_subjects_around_the_figure() -> None:
    def said(text: str) -> list[tuple[float, str]]:
        return [(f.value, f.indicator) for f in facts(text)]

    assert said("有效认证证书企业1542家，比上年末增加216家。") == [
        (1542, "有效认证证书企业"),
        (216, "有效认证证书企业"),
    ]
    assert said("已整改406处，整改率为98.3%。")[-1] == (98.3, "整改率")
    assert said("食品生产企业数量与上年持平，仍为98家。")[-1][1] != "仍"
    then_now = said("农产品抽检合格率由2020年的92.3%提高到2023年的96.1%。")
    assert [name for _, name in then_now] == ["农产品抽检合格率"] * 2
    (strength,) = facts("计量器具强制检定12.6万台（件）。")
    assert strength.unit == "万台件"
    cn = facts("安排专项资金一百余万元，扶持企业一百二十余家。")
    assert [(f.value, f.unit, f.operator) for f in cn] == [(100, "万元", ">"), (120, "家", ">")]
    assert facts("药品不良反应监测数在400份/百万人以上。")[0].unit != "万人"
    towns = facts("七宝镇完成产值58.7亿元，同比增长4.5%；梅陇镇完成42.1亿元，同比下降2.8%。")
    assert [f.subject for f in towns] == ["七宝镇", "七宝镇", "梅陇镇", "梅陇镇"]


@pytest.mark.parametrize(
    "heading", ["（四）质量下乡", "（三）其他街镇", "（二）农业强镇", "三、部分街镇"]
)
def test_a_heading_that_only_ends_like_a_town_names_none(heading: str) -> None:
    paragraphs = [Paragraph(heading, line=1, heading=True), Paragraph("全年开展活动15场。", line=2)]
    (fact,) = extract_text_facts("wp", paragraphs, "某区", 2023, "white_paper")
    assert fact.subject == "某区"


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # a baseline year is no target's year
        ("力争到2025年，全区抽检合格率达到98%，比2022年提高1个百分点。", "plan", [2025, 2025]),
        # 将 as 把: what was done, not what will be
        ("2024年3月，全区已将35家企业纳入信用监管。", "work_summary", ["actual"]),
        # a share of a past year's value is this year's
        ("上半年完成量占2022年的55%。", "white_paper", [2023]),
    ],
)
def test_years_and_kinds_the_review_found(text: str, kind: str, expected: list) -> None:
    found = facts(text, kind=kind, year=2021 if kind == "plan" else 2023)
    got = [f.kind if isinstance(expected[0], str) else f.period for f in found]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("关键核心技术攻关取得突破12项。", [(12, "项", None)]),  # breakthroughs, no bound
        ("合格率由95%到98%。", [(95, "%", None), (98, "%", None)]),  # from … to: no range
        ("平均接通时长为1分30秒，满分100分。", []),  # times and full marks are no scores
        ("在全市质量品牌排名中我区有5位企业家入选。", [(5, "位", None)]),
    ],
)
def test_bounds_ranges_and_units_the_review_found(text: str, expected: list[tuple]) -> None:
    assert [(f.value, f.unit, f.operator) for f in facts(text)] == expected


def test_a_work_summarys_next_steps_are_next_years_targets() -> None:
    paragraphs = [
        Paragraph("一、2023年工作总结", line=1, heading=True),
        Paragraph("全年新增企业20家。", line=2),
        Paragraph("二、下一步工作打算", line=3, heading=True),
        Paragraph("新增企业30家。", line=4),
        Paragraph("全年将继续开展质量提升行动30场。", line=5),
    ]
    found = extract_text_facts("ws", paragraphs, "某区", 2023, "work_summary")
    assert [(f.kind, f.value, f.period) for f in found] == [
        ("actual", 20, 2023),
        ("target", 30, 2024),
        ("target", 30, 2024),
    ]


def test_a_plans_span_in_its_title_is_its_target_year() -> None:
    paragraphs = [
        Paragraph("某区质量发展“十四五”规划（2021-2025年）", line=1, heading=True),
        Paragraph("二、主要目标", line=2, heading=True),
        Paragraph("工业固体废物综合利用率达到98%。", line=3),
    ]
    (target,) = extract_text_facts("plan", paragraphs, "某区", 2021, "plan")
    assert (target.kind, target.period) == ("target", 2025)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AQI优良率为86.3%，较全市平均高3.5个百分点。", [(86.3, "AQI优良率"), (3.5, "AQI优良率")]),
        (
            "莘庄镇、七宝镇、梅陇镇产值分别增长8.2%、5.6%和-1.3%。",
            [(8.2, "产值"), (5.6, "产值"), (-1.3, "产值")],
        ),
        ("群众满意度在98%上下。", [(98, None)]),
    ],
)
def test_comparisons_lists_and_bounds_of_round_two(text: str, expected: list) -> None:
    found = facts(text)
    assert [f.value for f in found] == [v for v, _ in expected]
    for fact, (_, name) in zip(found, expected, strict=True):
        assert name is None or fact.indicator == name


def test_the_citys_figure_beside_the_districts() -> None:
    found = facts("全区R&D经费投入强度约为4.5%，高于全市（4.2%）0.3个百分点。")
    assert [(f.value, f.subject, f.operator) for f in found[:2]] == [
        (4.5, "某区", "~"),
        (4.2, "上海市", None),
    ]
    assert facts("投诉量不足500件。")[0].operator == "<"


@pytest.mark.parametrize(
    ("heading", "text", "kind"),
    [
        ("一、2023年主要工作完成情况", "全年新增国家级标准化试点3个。", "actual"),
        ("一、工作思路和主要做法", "全年开展质量提升行动30场。", "actual"),
        ("三、下一步工作", "目前全区仍有12家企业未完成整改。", "actual"),
        ("三、下一步工作", "全区已建成标准化试点12个。", "actual"),
    ],
)
def test_review_headings_and_past_facts_stay_actual(heading: str, text: str, kind: str) -> None:
    paragraphs = [Paragraph(heading, line=1, heading=True), Paragraph(text, line=2)]
    found = extract_text_facts("ws", paragraphs, "某区", 2023, "work_summary")
    assert [f.kind for f in found] == [kind]


def test_a_plan_reviewing_the_last_plan_first_aims_at_its_own_end() -> None:
    paragraphs = [
        Paragraph("“十三五”期间（2016-2020年），全区质量工作取得明显成效。", line=1),
        Paragraph("二、主要目标", line=2, heading=True),
        Paragraph("产品抽检合格率达到98%。", line=3),
    ]
    (target,) = extract_text_facts("plan", paragraphs, "某区", 2021, "plan")
    assert target.period != 2020


@pytest.mark.parametrize(
    ("text", "operator", "indicator"),
    [
        ("共梳理问题和不足12条。", None, "梳理问题和不足"),
        ("园区吸引120家上下游企业入驻。", None, None),
        ("全年项目签约为12个。", None, None),
    ],
)
def test_words_that_bound_a_figure_only_where_they_do(
    text: str, operator: str | None, indicator: str | None
) -> None:
    (fact,) = facts(text)
    assert fact.operator == operator
    assert indicator is None or fact.indicator == indicator


def test_a_districts_share_of_the_city_stays_the_districts() -> None:
    found = facts("全区新增高新技术企业520家（全市占比12.3%）。")
    assert [f.subject for f in found] == ["某区", "某区"]


def test_lists_shares_and_counts_of_a_list() -> None:
    listed = facts("主导或参与制定国际标准、国家标准、行业标准分别为5项、50项和100项。")
    assert [f.indicator[-4:] for f in listed] == ["国际标准", "国家标准", "行业标准"]
    share = facts("全区高新技术企业2168家，占全市总量的8.1%。")
    assert [f.indicator for f in share] == ["高新技术企业", "高新技术企业"]
    assert [f.value for f in facts("三个园区产值分别为10亿元、8亿元和6亿元。")] == [10, 8, 6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("消费投诉率控制在千分之三以内。", [(3, "‰", "<=")]),
        ("现代服务业税收占比超过七成。", [(70, "%", ">")]),
        ("全区投诉量下降两成。", [(-20, "%", None)]),
        ("三成员单位参加，工作一成不变。", []),
    ],
)
def test_shares_said_in_words(text: str, expected: list[tuple]) -> None:
    assert [(f.value, f.unit, f.operator) for f in facts(text)] == expected


def test_round_three_review_cases() -> None:
    city = facts("全区达标率100%（全市集中式饮用水水源地达标率98.6%）。")
    assert [f.subject for f in city] == ["某区", "上海市"]
    (count,) = facts("新建五个质量服务站分别位于七宝、莘庄。")
    assert count.value == 5
    listed = facts("规上工业总产值以及工业增加值分别为1000亿元和300亿元。")
    assert [f.indicator for f in listed] == ["规上工业总产值", "工业增加值"]
    (about,) = facts("规上工业总产值在1000亿元上下波动。")
    assert about.operator == "~"
    paragraphs = [
        Paragraph("二、2024年工作思路", line=1, heading=True),
        Paragraph("全年新增国家级标准化试点3个。", line=2),
    ]
    (planned,) = extract_text_facts("ws", paragraphs, "某区", 2023, "work_summary")
    assert (planned.kind, planned.period) == ("target", 2024)


def test_a_long_town_name_the_document_heads_a_section_with_is_known_in_its_sentences() -> None:
    """川沙新镇 in running text was read 沙新镇 (two characters before 镇); a name the document's
    own headings give is known wherever it is said."""
    paragraphs = [
        Paragraph("（三）川沙新镇", line=1, heading=True),
        Paragraph("全年引进总部企业15家。", line=2),
        Paragraph("四、全区汇总", line=3, heading=True),
        Paragraph("川沙新镇全年完成工业总产值80亿元，曹路镇完成50亿元。", line=4),
    ]
    found = extract_text_facts("wp", paragraphs, "浦东新区", 2023, "white_paper")
    assert [(f.subject, f.indicator) for f in found][:2] == [
        ("川沙新镇", "引进总部企业"),
        ("川沙新镇", "工业总产值"),
    ]
    assert found[2].subject == "曹路镇"


@pytest.mark.parametrize(
    ("heading", "text", "kinds"),
    [
        ("三、下一步工作打算", "现有养老床位5000张，力争新增500张。", ["actual", "target"]),
        ("三、下一步工作打算", "已启动项目12个。", ["actual"]),
        ("三、下一步工作打算", "仍有提升空间的企业降至100家以下。", ["target"]),
        ("一、2024年上半年工作情况", "全年新增试点3个。", ["actual"]),
    ],
)
def test_done_and_planned_in_a_work_summarys_sections(
    heading: str, text: str, kinds: list[str]
) -> None:
    paragraphs = [Paragraph(heading, line=1, heading=True), Paragraph(text, line=2)]
    found = extract_text_facts("ws", paragraphs, "某区", 2023, "work_summary")
    assert [f.kind for f in found] == kinds


def test_shang_xia_bounds_only_at_a_figures_end() -> None:
    (stops,) = facts("建成15处上下客站点。")
    assert stops.operator is None
