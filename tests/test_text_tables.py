"""Each table shape of section 4 of the foundation issue, on inputs written for the test."""

import pytest

from pipelines.extract.grid import _size_classes, is_column_numbering
from tests.helpers import by_key, cells_of, raw_by_key, tables_of


@pytest.mark.parametrize(
    "caption",
    ["表 3：抽检情况", "表3 抽检情况", "表 3: 抽检情况", "表3：抽检情况", "表 3．抽检情况"],
)
def test_caption_forms(caption: str) -> None:
    result = tables_of(caption, "", "类别\t批次", "甲\t5")
    assert [(t.number, t.title) for t in result.tables] == [(3, "抽检情况")]


@pytest.mark.parametrize(
    ("caption", "number", "label", "title"),
    [
        ("表2-3 各街镇抽检情况", 2, "表2-3", "各街镇抽检情况"),
        ("表 2.3：各街镇抽检情况", 2, "表2.3", "各街镇抽检情况"),
        ("附表1：主要指标", 1, "附表1", "主要指标"),
        ("表十二 主要指标", 12, "表十二", "主要指标"),
        ("表1.2022年抽检情况", 1, "表1", "2022年抽检情况"),
    ],
)
def test_caption_labels(caption: str, number: int, label: str, title: str) -> None:
    result = tables_of(caption, "", "类别\t批次", "甲\t5")
    assert [(t.number, t.label, t.title) for t in result.tables] == [(number, label, title)]


@pytest.mark.parametrize(
    "caption",
    [
        "表 3：2022年产值情况  单位：亿元",
        "表3 2022年产值情况（单位：亿元）",
        "表3：2022年产值情况 计量单位:亿元",
    ],
)
def test_unit_at_the_end_of_a_caption_is_the_unit_not_title(caption: str) -> None:
    result = tables_of(caption, "", "园区\t产值", "甲园区\t5.2")
    (table,) = result.tables
    assert (table.title, table.unit, table.cells[0].unit) == ("2022年产值情况", "亿元", "亿元")


def test_a_magnitude_alone_in_a_cell_scales_the_unit_of_its_column() -> None:
    """ "1.2万" under 户数（户） is 1.2 万户, "1.2亿" under 产值（万元） 1.2 亿元; 万 is no unit."""
    found = by_key(
        cells_of(
            "表3 经营主体",
            "类别\t户数（户）\t产值（万元）\t重量（千克）\t占比（%）\t营收（亿元）",
            "个体\t1.2万\t1.2亿\t2万\t3万\t1.2万",
        )
    )
    units = {key[1][-1]: (cell.value, cell.unit) for key, cell in found.items()}
    assert units == {
        "户数（户）": (1.2, "万户"),
        "产值（万元）": (1.2, "亿元"),
        "重量（千克）": (2, "万千克"),
        # left as printed for the checks to flag: no 万%, and 万 of a column counted in 亿
        "占比（%）": (3, "万"),
        "营收（亿元）": (1.2, "万"),
    }


@pytest.mark.parametrize(
    ("unit_line", "unit"),
    [
        ("单位：家", "家"),
        ("单位：家、%", None),
        ("单位：家，%", None),
        ("计量单位：家/%", None),
        ("单位：家、万元/人", None),  # 、 lists, even a unit we do not know
        ("单位：家，数据截至年底", "家"),  # after a comma, a remark
        ("单位：户/人", None),
        ("单位：家、以上", "家"),
    ],
)
def test_a_unit_line_listing_several_units_gives_the_table_none(
    unit_line: str, unit: str | None
) -> None:
    """ "单位：家、%" names the units of different columns: 家 is not the unit of 产值, and the
    line is a unit line all the same, no part of the caption's title."""
    (table,) = tables_of(
        "表3 抽检情况", unit_line, "类别\t企业数\t产值\t合格率", "甲\t5\t3.2\t95.1"
    ).tables
    assert (table.title, table.unit) == ("抽检情况", unit)
    units = {c.col_path[-1]: c.unit for c in table.cells}
    assert units["产值"] == unit and units["合格率"] == (unit or "%")


@pytest.mark.parametrize(
    "title", ["餐饮服务单位量化等级评定情况", "全区各单位：万元", "获奖单位：企业名单"]
)
def test_a_unit_word_inside_a_title_stays_in_it(title: str) -> None:
    (table,) = tables_of(f"表 19：{title}", "", "等级\t家数", "A\t5").tables
    assert table.title == title


def test_sub_numbered_tables_stay_apart_and_continue_by_label() -> None:
    result = tables_of(
        "表1-1 甲", "", "类别\t批次", "a\t5", "", "表1-2 乙", "", "类别\t批次", "b\t6",
        "", "续表1-2", "", "类别\t批次", "c\t7",
    )  # fmt: skip
    assert [(t.label, len(t.cells)) for t in result.tables] == [("表1-1", 1), ("表1-2", 2)]


@pytest.mark.parametrize(
    "continued",
    ["续表2", "表2（续）", "表 2 续表", "表2 各街镇抽检情况（续上表）", "表2(续) 单位：批次"],
)
def test_continued_marks_after_the_label_or_title_continue_the_table(continued: str) -> None:
    result = tables_of(
        "表2 各街镇抽检情况", "", "类别\t批次", "a\t5", "", continued, "", "类别\t批次", "b\t7",
    )  # fmt: skip
    assert [(t.label, t.title, len(t.cells)) for t in result.tables] == [
        ("表2", "各街镇抽检情况", 2)
    ]


def test_a_title_ending_in_the_word_xu_is_no_continuation() -> None:
    result = tables_of(
        "表1 甲", "", "类别\t批次", "a\t5", "", "表2 质量持续", "", "类别\t批次", "b\t7"
    )
    assert [(t.number, t.title) for t in result.tables] == [(1, "甲"), (2, "质量持续")]


def test_caption_title_wrapped_onto_next_line() -> None:
    result = tables_of("表 7：2023 年某区电梯", "安全检查情况", "", "项目\t数量", "电梯\t12")
    assert result.tables[0].title == "2023 年某区电梯安全检查情况"
    assert raw_by_key(result.tables[0].cells) == {(("电梯",), ("数量",)): "12"}


@pytest.mark.parametrize(
    ("first", "second", "title", "unit"),
    [
        ("表1", "2022年各园区产值情况", "2022年各园区产值情况", None),
        ("表 7：2023 年某区电梯", "安全检查情况（单位：台）", "2023 年某区电梯安全检查情况", "台"),
    ],
)
def test_caption_title_on_the_next_line_with_its_unit(
    first: str, second: str, title: str, unit: str | None
) -> None:
    (table,) = tables_of(first, second, "", "项目\t数量", "电梯\t12").tables
    assert (table.title, table.unit) == (title, unit)


def test_table_of_contents_lines_are_not_tables() -> None:
    result = tables_of(
        "表 1: 甲表 .....\t3", "表 2: 乙表 .....\t4", "", "表 1：甲表", "项\t值", "a\t1"
    )
    assert [t.number for t in result.tables] == [1]
    assert result.listed_numbers == [1, 2]


@pytest.mark.parametrize(
    "entry",
    [
        "表 1: 甲表\t3",  # the page number in a cell of its own, no leader
        "表 1: 甲表 ………\t3",
        "表 1: 甲表 ·····\t3",
        "表 1\t甲表………",  # the leader runs to the end of the caption's row
    ],
)
def test_tab_separated_contents_rows_of_captions(entry: str) -> None:
    result = tables_of(entry, "", "表 1：甲表", "项\t值", "a\t1", "……\t………")
    assert [t.number for t in result.tables] == [1]
    assert result.listed_numbers == [1]
    # a data row holding elisions is no contents row: it stays in the table
    assert [r.cells for r in result.tables[0].rows][-1] == ("……", "………")


def test_uncaptioned_block_takes_title_from_heading_above() -> None:
    result = tables_of("## （三）年度目标", "", "指标\t2023 年", "产值（亿元）\t12.5")
    table = result.tables[0]
    assert table.number is None
    assert table.title == "（三）年度目标"
    cell = table.cells[0]
    assert (cell.row_path, cell.col_path, cell.value, cell.unit) == (
        ("产值（亿元）",),
        ("2023 年",),
        12.5,
        "亿元",
    )


def test_a_caption_set_under_its_table_names_it() -> None:
    """Some documents caption a table under its body, as figures are captioned: the caption,
    with the 数据来源 after it, is that table's, and the next table keeps its own caption."""
    result = tables_of(
        "## 四、服务质量",
        "",
        "类别\t2022年\t2023年",
        "城市管理\t8562\t7913",
        "市场监管\t6218\t6845",
        "",
        "表3 2022-2023年热线诉求分类情况",
        "",
        "数据来源：区城运中心",
        "",
        "从满意度看，全区公共服务满意度有所提高。",
        "",
        "表4：服务质量主要指标",
        "指标\t2022年\t2023年",
        "满意度得分\t85.15\t86.35",
    )
    three, four = result.tables
    assert (three.number, three.title, three.source_department) == (
        3,
        "2022-2023年热线诉求分类情况",
        "区城运中心",
    )
    assert raw_by_key(three.cells)[(("市场监管",), ("2023年",))] == "6845"
    assert (four.number, len(four.cells)) == (4, 2)
    assert not result.warnings


def test_a_caption_between_two_tables_heads_the_one_under_it() -> None:
    result = tables_of(
        "## （三）年度目标",
        "",
        "指标\t2023 年",
        "产值（亿元）\t12.5",
        "",
        "表2：主要指标",
        "指标\t2024 年",
        "产值（亿元）\t13.1",
    )
    titles = [(t.number, t.title) for t in result.tables]
    assert titles == [(None, "（三）年度目标"), (2, "主要指标")]


def test_page_break_with_footnote_and_repeated_header_is_one_table() -> None:
    result = tables_of(
        "表 2：分区抽检",
        "序号\t区域\t批次\t合格率",
        "1\t东区\t10\t90%",
        "",
        "<sup>4</sup>数据来源：区市场监管局",
        "",
        "序号\t区域\t批次\t合格率",
        "2\t西区\t8\t100%",
        "合计\t\t18\t94.4%",
    )
    assert len(result.tables) == 1
    table = result.tables[0]
    assert table.source_department == "区市场监管局"
    assert raw_by_key(table.cells) == {
        (("东区",), ("批次",)): "10",
        (("东区",), ("合格率",)): "90%",
        (("西区",), ("批次",)): "8",
        (("西区",), ("合格率",)): "100%",
        (("合计",), ("批次",)): "18",
        (("合计",), ("合格率",)): "94.4%",
    }


def test_page_break_without_repeated_header_continues_rows() -> None:
    result = tables_of(
        "表 4：景区",
        "类型\t数量（家）",
        "4A 景区\t5",
        "",
        "<sup>9</sup>数据来源：区文旅局",
        "",
        "3A 景区\t4",
    )
    assert len(result.tables) == 1
    assert raw_by_key(result.tables[0].cells)[(("3A 景区",), ("数量（家）",))] == "4"


def test_two_level_column_header_with_group_spanning_sub_columns() -> None:
    cells = cells_of(
        "表 1：受理情况",
        "来源\t2021年\t\t2022年\t\t同比",
        "\t投诉(件)\t合计(件)\t投诉(件)\t合计(件)\t",
        "热线\t10\t30\t12\t33\t10.0%",
    )
    assert raw_by_key(cells) == {
        (("热线",), ("2021年", "投诉(件)")): "10",
        (("热线",), ("2021年", "合计(件)")): "30",
        (("热线",), ("2022年", "投诉(件)")): "12",
        (("热线",), ("2022年", "合计(件)")): "33",
        (("热线",), ("同比",)): "10.0%",
    }
    assert by_key(cells)[(("热线",), ("2021年", "投诉(件)"))].unit == "件"


@pytest.mark.parametrize(
    "periods", [("1月", "2月", "3月"), ("1-3月", "4-6月", "7-9月"), ("一季度", "二季度", "三季度")]
)
def test_monthly_or_quarterly_columns_head_the_table(periods: tuple[str, ...]) -> None:
    """ "3月" reads as a number with a unit (3 months): the header row was taken for a row of
    figures, and every value sat under "第2列", "第3列"."""
    cells = cells_of(
        "表 2：2022年各月抽检批次", "类别\t" + "\t".join(periods), "食品\t120\t98\t130"
    )
    assert raw_by_key(cells) == {
        (("食品",), (periods[0],)): "120",
        (("食品",), (periods[1],)): "98",
        (("食品",), (periods[2],)): "130",
    }


def test_group_unit_sub_header_row() -> None:
    cells = cells_of(
        "表 9：分行业情况",
        "行业\t资产总计\t\t营业收入\t",
        "\t亿元\t+/- %\t亿元\t+/- %",
        "软件业\t1,730.19\t16.3\t347.17\t-5.6",
    )
    found = by_key(cells)
    assert found[(("软件业",), ("资产总计", "亿元"))].value == 1730.19
    assert found[(("软件业",), ("资产总计", "亿元"))].unit == "亿元"
    assert found[(("软件业",), ("营业收入", "+/- %"))].value == -5.6
    assert found[(("软件业",), ("营业收入", "+/- %"))].unit == "%"


def test_lone_value_in_group_with_total_column_is_the_total() -> None:
    cells = cells_of(
        "表 1：受理情况",
        "来源\t2022年\t\t",
        "\t投诉(件)\t举报(件)\t合计(件)",
        "热线\t10\t5\t15",
        "网格\t7\t\t",
    )
    assert raw_by_key(cells)[(("网格",), ("2022年", "合计(件)"))] == "7"


def test_merged_row_labels_carried_down_and_shifted_rows_realigned() -> None:
    cells = cells_of(
        "表 6：示范园名录",
        "序号\t级别\t园区名称\t所属街镇",
        "1\t国家级\t东风蔬菜园\t新桥镇",
        "2\t市级\t南湖果园\t新桥镇",
        "3\t\t北港蔬菜合作社\t七里镇",
        "4\t西岭果蔬合作社\t\t七里镇",
        "5\t\t区级\t东山蔬菜合作社\t新桥镇",
    )
    rows = {c.row_path for c in cells}
    assert rows == {
        ("国家级", "东风蔬菜园"),
        ("市级", "南湖果园"),
        ("市级", "北港蔬菜合作社"),
        ("市级", "西岭果蔬合作社"),
        ("区级", "东山蔬菜合作社"),
    }
    found = raw_by_key(cells)
    assert found[(("市级", "西岭果蔬合作社"), ("所属街镇",))] == "七里镇"
    assert found[(("区级", "东山蔬菜合作社"), ("级别",))] == "区级"
    # the carried-down label is a label, not a cell the row printed
    assert (("市级", "北港蔬菜合作社"), ("级别",)) not in found


def test_total_row_written_in_sequence_column() -> None:
    cells = cells_of(
        "表 2：抽查",
        "序号\t产品\t批次",
        "1\t电线\t4",
        "2\t插座\t6",
        "总计\t\t10",
    )
    assert raw_by_key(cells)[(("总计",), ("批次",))] == "10"
    assert all(c.col_path != ("序号",) for c in cells)


def test_deep_row_hierarchy_from_numbering_and_hash_indent() -> None:
    cells = cells_of(
        "表 1：主要指标",
        "指标\t计量单位\t数值",
        "1.投资总额\t亿元\t100",
        "1.1.按产业分\t亿元\t",
        "第二产业\t亿元\t40",
        "#工业\t亿元\t35",
        "第三产业\t亿元\t60",
        "2.财政收入\t亿元\t80",
        "#区级收入\t亿元\t30",
    )
    found = by_key(cells)
    assert found[(("投资总额", "按产业分", "第二产业", "工业"), ("数值",))].value == 35
    assert found[(("投资总额", "按产业分", "第三产业"), ("数值",))].value == 60
    assert found[(("财政收入", "区级收入"), ("数值",))].unit == "亿元"


def test_label_only_rows_group_the_rows_below() -> None:
    cells = cells_of(
        "表 3：居住环境",
        "绿化方面\t",
        "公园个数\t50 个",
        "森林覆盖率\t18.8%",
        "垃圾处理方面\t",
        "垃圾处置量\t5409 吨， 100%",
    )
    found = by_key(cells)
    assert found[(("绿化方面", "公园个数"), ())].unit == "个"
    assert found[(("绿化方面", "森林覆盖率"), ())].value == 18.8
    both = found[(("垃圾处理方面", "垃圾处置量"), ())]
    assert (both.value, both.unit) == (5409, "吨")
    assert '"unit": "%"' in (both.extra or "")


def test_stacked_header_value_row_pairs() -> None:
    cells = cells_of(
        "表 10：抽查情况",
        "药品(件)\t快检(件)\t合格率(%)",
        "739\t392\t100",
        "器械(件)\t监督(件)\t合格率(%)",
        "22\t21\t95.45",
    )
    assert [c.raw_text for c in cells] == ["739", "392", "100", "22", "21", "95.45"]
    assert [c.col_path[0] for c in cells[3:]] == ["器械(件)", "监督(件)", "合格率(%)"]
    # each block is named by its lead header, so the two 合格率 cells keep apart
    assert [c.row_path for c in cells] == [("药品",)] * 3 + [("器械",)] * 3


@pytest.mark.parametrize(
    ("group_total", "last", "expected"),
    [
        ("小计", "合计", ("合计",)),  # subtotals in the groups, then the table's total
        (None, "合计", ("合计",)),  # the groups have none: the total is the table's
        ("合计", "合计", ("餐饮", "合计")),  # each group closes on its own 合计
        ("小计", "小计", ("餐饮", "小计")),  # a 小计 is never the table's
        (None, "餐饮环节合计", ("餐饮", "餐饮环节合计")),  # a total that names its group
    ],
)
def test_a_total_after_the_groups_totals_the_table(
    group_total: str | None, last: str, expected: tuple[str, ...]
) -> None:
    closing = [f"{group_total}\t200\t99.5%"] if group_total else []
    cells = cells_of(
        "表 19：食品抽检情况",
        "类别\t批次\t合格率",
        "流通\t\t",
        "粮食加工品\t120\t99.2%",
        "乳制品\t80\t100%",
        *closing,
        "餐饮\t\t",
        "蔬菜\t300\t98.0%",
        *(f"{group_total}\t300\t98.0%" for _ in closing),
        f"{last}\t500\t98.6%",
    )
    assert cells[-1].raw_text == "98.6%" and cells[-1].row_path == expected
    assert cells[0].row_path == ("流通", "粮食加工品")


def test_a_total_opening_each_group_or_inside_the_table_stays_in_its_group() -> None:
    cells = cells_of(
        "表 5：企业",
        "区域\t企业数",
        "浦东新区\t",
        "合计\t10",
        "制造业\t6",
        "闵行区\t",
        "合计\t8",
        "制造业\t5",
    )
    assert [c.row_path for c in cells if c.row_path[-1] == "合计"] == [
        ("浦东新区", "合计"),
        ("闵行区", "合计"),
    ]
    cells = cells_of(
        "表 5：抽检",
        "类别\t批次",
        "流通\t",
        "粮食\t120",
        "餐饮\t",
        "蔬菜\t300",
        "合计\t300",  # the 餐饮 group's: rows follow
        "生产\t",
        "蔬菜\t30",
        "合计\t30",
    )
    assert [c.row_path for c in cells if c.row_path[-1] == "合计"] == [
        ("餐饮", "合计"),
        ("生产", "合计"),
    ]


def test_stacked_blocks_with_headers_of_their_own_name_no_rows() -> None:
    """Blocks whose headers differ keep apart without a name; a lead that is a period names
    nothing."""
    cells = cells_of(
        "表 1：工业基本情况",
        "企业数(家)\t产值(亿元)",
        "120\t35.6",
        "从业人员(人)\t研发投入(亿元)",
        "5000\t1.2",
    )
    assert {c.row_path for c in cells} == {()}
    cells = cells_of("表 4：指标", "2021年\t2022年", "120\t130", "2021年\t2022年", "50\t60")
    assert {c.row_path for c in cells} == {()}


def test_stacked_pairs_under_group_labels() -> None:
    cells = cells_of(
        "表 8：经营主体",
        "流通环节\t\t",
        "批发\t零售\t总数（户）",
        "643\t8860\t9503",
        "餐饮环节\t\t",
        "食堂\t中央厨房\t总数",
        "1391\t8\t1399",
    )
    found = raw_by_key(cells)
    assert found[(("流通环节",), ("零售",))] == "8860"
    assert found[(("餐饮环节",), ("中央厨房",))] == "8"


def test_two_column_label_value_table_without_header() -> None:
    cells = cells_of("表 5：基本情况", "企业数\t120 家", "从业人员\t1.2 万人")
    assert [(c.row_path, c.col_path, c.value, c.unit) for c in cells] == [
        (("企业数",), (), 120, "家"),
        (("从业人员",), (), 1.2, "万人"),
    ]


def test_list_table_keeps_text_cells_and_drops_sequence_numbers() -> None:
    cells = cells_of(
        "表 12：重点商标名录",
        "序号\t商标名称\t注册人\t认定商品",
        "1\t蜂鸟\t上海蜂鸟日化有限公司\t洗发液",
        "2\t飞云\t上海飞云机械有限公司\t机床",
    )
    found = raw_by_key(cells)
    assert found[(("蜂鸟",), ("注册人",))] == "上海蜂鸟日化有限公司"
    assert found[(("飞云",), ("商标名称",))] == "飞云"
    assert all(c.value is None for c in cells)
    assert not any("序号" in c.col_path for c in cells)


def test_markup_stripped_and_subscripts_joined() -> None:
    cells = cells_of(
        "表 31：环境质量",
        "项目\t2022 年\t同比",
        "SO <sub>2</sub> 年均值（微克/立方米）\t<b>5</b>\t持平",
        "PM <sub>2.5</sub> 年均值(微克/立方米)\t26\t↓ 10.3%",
        "环境噪声(dB(A))\t55.2\t↑ 0.2",
    )
    found = by_key(cells)
    so2 = found[(("SO2 年均值（微克/立方米）",), ("2022 年",))]
    assert (so2.raw_text, so2.value, so2.unit) == ("5", 5, "微克/立方米")
    flat = found[(("SO2 年均值（微克/立方米）",), ("同比",))]
    assert (flat.value, flat.unit) == (0, None)
    pm = found[(("PM2.5 年均值(微克/立方米)",), ("同比",))]
    assert (pm.value, pm.unit) == (-10.3, "%")
    assert found[(("环境噪声(dB(A))",), ("同比",))].unit == "dB(A)"


def test_notes_and_source_note_attach_to_the_table() -> None:
    result = tables_of(
        "2022年，抽检合格率为 98%（见表 2）<sup>5</sup>。",
        "",
        "表 2：抽检",
        "类别\t合格率",
        "生产\t98%",
        "注：合格率按批次计算。",
        "",
        "<sup>5</sup>数据来源：区农业农村委",
    )
    table = result.tables[0]
    assert table.notes == ["注：合格率按批次计算。"]
    assert table.source_department == "区农业农村委"


@pytest.mark.parametrize(
    "note", [["注：", "1.合格率按批次计算。"], ["注：1.合格率按批次计算。"]], ids=["bare", "first"]
)
def test_a_notes_numbered_items_on_lines_of_their_own_are_its_notes(note: list[str]) -> None:
    """ "2.…" under a 注 line was a line of prose, and "注：" alone the only note."""
    result = tables_of(
        "表 2：抽检", "类别\t合格率", "生产\t98%", *note, "2.2022年数据为快报数。", "", "正文。"
    )
    assert result.tables[0].notes == ["注：1.合格率按批次计算。", "2.2022年数据为快报数。"]


def test_a_numbered_heading_after_a_note_is_no_item_of_it() -> None:
    """A note numbering nothing, then the next section "2. 药品安全" (with its own table): the
    heading became the note's item and its table went into 表3."""
    result = tables_of(
        "表 3：2022年食品抽检情况",
        "类别\t批次",
        "粮食\t120",
        "注：数据截至2022年12月31日。",
        "",
        "2. 药品安全",
        "",
        "类别\t批次",
        "药品\t80",
    )
    assert result.tables[0].notes == ["注：数据截至2022年12月31日。"]
    assert [t.title for t in result.tables] == ["2022年食品抽检情况", "2. 药品安全"]


def test_a_share_under_each_figure_on_a_line_of_its_own_is_that_cells() -> None:
    """ "12,345" over "(3.2%)": the export (and a borderless PDF table) gives the second line of
    each cell a row of its own, with no label."""
    cells = cells_of(
        "表 5：企业数量",
        "行业\t企业数（家）\t产值（万元）",
        "制造业\t12,345\t8,765.4",
        "\t(3.2%)\t(12.5%)",
        "服务业\t2,001\t456.0",
        "\t(-1.5%)\t(0.8%)",
    )
    assert raw_by_key(cells)[(("制造业",), ("企业数（家）",))] == "12,345 (3.2%)"
    cell = by_key(cells)[(("服务业",), ("企业数（家）",))]
    assert cell.value == 2001 and '"value": -1.5' in (cell.extra or "")
    assert all(key[0] for key in raw_by_key(cells))


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("图1：2020年合格率", True),
        ("图 2-1 抽检情况", True),
        ("图一：组织架构", True),
        ("附图1 位置示意", True),
        ("图表3：变化趋势", True),
        ("图书馆建设情况", False),
        ("图表显示合格率提升", False),
        ("图一致性检查", False),
    ],
)
def test_figure_captions_in_the_forms_reports_print(line: str, caption: bool) -> None:
    """图一, 附图1 and 图表3 caption charts too (they were read as text); 图书, 图表显示 do not."""
    from pipelines.extract.captions import is_figure_caption

    assert is_figure_caption(line) is caption


@pytest.mark.parametrize("mark", ["续表", "（续表）", "续 表", "续上表"])
def test_a_continuation_mark_with_no_number_goes_on_with_the_open_table(mark: str) -> None:
    """ "续表" alone over a table's next part was a line of prose: it closed 表7, and the rest
    became an untitled table."""
    result = tables_of(
        "表 7：抽检情况",
        "区域\t批次",
        "甲\t1",
        "乙\t2",
        "",
        "<sup>3</sup>数据来源：区市场监管局",
        "",
        mark,
        "",
        "区域\t批次",
        "丙\t3",
    )
    assert [(t.label, len(t.cells)) for t in result.tables] == [("表7", 3)]


def test_a_caption_the_export_marks_as_a_heading_is_a_caption() -> None:
    """ "### 表 3：…" (the caption styled as a heading) lost its label and number."""
    result = tables_of("## 一、产品质量", "", "### 表 3：2022年抽检情况", "", "区域\t批次", "甲\t1")
    assert [(t.label, t.number, t.title) for t in result.tables] == [("表3", 3, "2022年抽检情况")]


@pytest.mark.parametrize(
    "caption",
    ["表 3：2022年抽检情况（数据来源：区市场监管局）", "表3 2022年抽检情况(来源：区市场监管局)"],
)
def test_a_source_named_in_the_captions_brackets_is_the_tables(caption: str) -> None:
    """The 数据来源 in brackets at a caption's end stayed in the title, and the table had none."""
    table = tables_of(caption, "", "区域\t批次", "甲\t1").tables[0]
    assert (table.title, table.source_department) == ("2022年抽检情况", "区市场监管局")


def test_groups_numbered_in_words_head_their_numbered_rows() -> None:
    """ "一、产品质量" over "1.…", "2.…": the numbered rows replaced the group in the path."""
    cells = cells_of(
        "表 1：主要指标",
        "指标\t目标值",
        "一、产品质量\t",
        "1.工业产品抽检合格率（%）\t≥95",
        "2.食品抽检合格率（%）\t≥98",
        "二、服务质量\t",
        "1.公共服务满意度\t≥85",
    )
    assert set(raw_by_key(cells)) == {
        (("产品质量", "工业产品抽检合格率（%）"), ("目标值",)),
        (("产品质量", "食品抽检合格率（%）"), ("目标值",)),
        (("服务质量", "公共服务满意度"), ("目标值",)),
    }


def test_caption_without_body_is_reported_not_dropped() -> None:
    result = tables_of("表 1：空表", "", "## 下一节", "正文。")
    assert result.tables[0].number == 1
    assert result.tables[0].cells == []
    assert result.warnings and "表1" in result.warnings[0]


def test_a_total_column_unit_counts_its_parts_only() -> None:
    found = by_key(
        cells_of(
            "表 8：经营主体",
            "批发\t零售\t总数（户）",
            "643\t8860\t9503",
            "食堂\t中央厨房\t总数",
            "13\t8\t21",
        )
    )
    assert {c.unit for c in found.values()} == {"户"}
    other = by_key(cells_of("表 9：企业情况", "区域\t企业数（家）\t从业人员", "东区\t12\t340"))
    assert other[(("东区",), ("从业人员",))].unit is None


def test_indented_labels_become_nested_rows() -> None:
    found = by_key(
        cells_of(
            "表 2：工业产值",
            "指标\t产值（亿元）",
            "工业总产值\t100",
            "\u3000\u3000其中：电子\t40",
            "\u3000\u3000\u3000\u3000集成电路\t25",
            "\u3000\u3000汽车\t30",
            "服务业营收\t80",
        )
    )
    assert found[(("工业总产值", "其中：电子"), ("产值（亿元）",))].value == 40
    assert found[(("工业总产值", "其中：电子", "集成电路"), ("产值（亿元）",))].value == 25
    assert found[(("工业总产值", "汽车"), ("产值（亿元）",))].value == 30
    assert found[(("服务业营收",), ("产值（亿元）",))].unit == "亿元"


@pytest.mark.parametrize("mark", ["（{}）", "({})", "{}"])
def test_items_numbered_in_brackets_or_circles_lose_their_number(mark: str) -> None:
    """ "（1）产品质量监督抽查合格率" kept its number in the row path (the reference cells have
    none); under rows numbered 1., 2. such items are their parts."""
    number = (lambda n: "①②③"[n - 1]) if mark == "{}" else mark.format
    flat = cells_of(
        "表 2：主要指标",
        "指标\t2022年",
        f"{number(1)}产品抽查合格率\t95.1%",
        f"{number(2)}食品抽检合格率\t98.07%",
    )
    assert [c.row_path for c in flat] == [("产品抽查合格率",), ("食品抽检合格率",)]
    nested = cells_of(
        "表 2：主要指标",
        "指标\t2022年",
        "1.质量发展\t",
        f"{number(1)}产品抽查合格率\t95.1%",
        f"{number(2)}食品抽检合格率\t98.07%",
        "2.万人发明专利拥有量\t50.3",
    )
    assert [c.row_path for c in nested] == [
        ("质量发展", "产品抽查合格率"),
        ("质量发展", "食品抽检合格率"),
        ("万人发明专利拥有量",),
    ]


HEADER_9 = "序号\t类别\t抽检数\t合格率"


@pytest.mark.parametrize("furniture", ["- 9 -", "— 9 —", "9", "第 9 页", "·9·", "报告标题"])
def test_page_furniture_inside_a_table_does_not_split_it(furniture: str) -> None:
    """A page number or the report's title repeated as a running header, between the parts of a
    table (after its 数据来源 footnote, before its repeated header): the rest of the table was
    an untitled table of its own."""
    result = tables_of(
        "报告标题",
        "表 9：食品抽检情况",
        HEADER_9,
        "1\t种植养殖\t216\t99.1%",
        "",
        "<sup>3</sup>数据来源：区市场监管局",
        "",
        furniture,
        "",
        HEADER_9,
        "2\t流通\t1100\t98.18%",
    )
    assert len(result.tables) == 1
    assert raw_by_key(result.tables[0].cells)[(("流通",), ("抽检数",))] == "1100"


@pytest.mark.parametrize(
    "lines",
    [
        ("表 3：检测机构情况", "单位：亿元\t\t"),
        ("表 3：检测机构情况", "\t\t单位：亿元"),
        ("表 3：检测机构情况\t\t单位：亿元",),
        ("\t表 3：检测机构情况\t", "单位：亿元"),
    ],
)
def test_caption_and_unit_lines_set_between_tabs(lines: tuple[str, ...]) -> None:
    """A unit line with TABs was a group row over the table (the header read as figures);
    a caption with its unit in another cell was lost."""
    result = tables_of(*lines, "项目\t2021年\t2022年", "营业收入\t12.5\t13.8", "研发投入\t3.2\t3.6")
    table = result.tables[0]
    assert (table.number, table.title, table.unit) == (3, "检测机构情况", "亿元")
    found = by_key(table.cells)
    assert (
        found[(("研发投入",), ("2021年",))].value,
        found[(("研发投入",), ("2021年",))].unit,
    ) == (
        3.2,
        "亿元",
    )


def test_a_note_set_between_tabs_is_a_note() -> None:
    table = tables_of("表 9：抽检情况", "类别\t批次", "种植\t216", "注：\t抽检数含风险监测").tables[
        0
    ]
    assert table.notes == ["注： 抽检数含风险监测"]
    assert [c.raw_text for c in table.cells] == ["216"]


def test_items_numbered_in_brackets_nest_under_a_plain_group_row() -> None:
    cells = cells_of(
        "表 1：食品抽检",
        "类别\t批次",
        "流通环节\t",
        "（1）粮食加工品\t120",
        "（2）乳制品\t80",
        "餐饮环节\t",
        "1.粮食加工品\t60",
    )
    assert [c.row_path for c in cells] == [
        ("流通环节", "粮食加工品"),
        ("流通环节", "乳制品"),
        ("餐饮环节", "粮食加工品"),
    ]


def test_a_figure_alone_between_tabs_is_a_row_not_a_page_number() -> None:
    """ "2021\t\t" heads the rows of that year; a page number is a line without TABs."""
    cells = cells_of(
        "表 1：各环节抽检",
        "环节\t批次",
        "2021\t",
        "流通\t120",
        "2022\t",
        "流通\t130",
    )
    assert [c.row_path for c in cells] == [("2021", "流通"), ("2022", "流通")]


def test_past_a_page_number_another_header_opens_another_table() -> None:
    result = tables_of(
        "表 7：抽检",
        "类别\t批次\t合格率",
        "粮食\t120\t99%",
        "",
        "12",
        "",
        "项目\t2021年\t2022年",
        "工业\t5\t6",
    )
    assert len(result.tables) == 2
    assert [c.raw_text for c in result.tables[0].cells] == ["120", "99%"]


def test_a_column_of_dates_holds_no_figures() -> None:
    """ "2022.12" under 批准时间 is a date; in a column of amounts it stays one (2015.10 亿元)."""
    found = by_key(
        cells_of(
            "表 12：试点项目",
            "单位：亿元",
            "项目\t批准时间\t投入",
            "智慧园区\t2022.12\t2015.10",
            "养老服务\t2021.03\t85",
        )
    )
    assert found[(("智慧园区",), ("批准时间",))].value is None
    assert found[(("养老服务",), ("批准时间",))].raw_text == "2021.03"
    assert (found[(("智慧园区",), ("投入",))].value, found[(("智慧园区",), ("投入",))].unit) == (
        2015.1,
        "亿元",
    )


@pytest.mark.parametrize(
    "header",
    [
        ("类别\t2021年\t\t2022年\t", "项目\t件数\t占比\t件数\t占比"),  # the second opens on a label
        ("类别\t2021年\t\t2022年\t", "类别\t件数\t占比\t件数\t占比"),
        ("类别\t2021年\t2022年", "\t件数\t占比\t件数\t占比"),  # the group row lost its spans
    ],
)
def test_two_header_rows_as_exports_print_them(header: tuple[str, str]) -> None:
    cells = cells_of(
        "表 6：投诉举报情况",
        *header,
        "投诉\t5200\t62.1%\t5600\t63.5%",
        "举报\t3170\t37.9%\t3220\t36.5%",
    )
    found = raw_by_key(cells)
    assert found[(("投诉",), ("2021年", "件数"))] == "5200"
    assert found[(("投诉",), ("2021年", "占比"))] == "62.1%"
    assert found[(("举报",), ("2022年", "占比"))] == "36.5%"
    assert len(cells) == 8


def test_a_list_under_a_spanning_header_keeps_its_first_entry() -> None:
    """A list of names (no figures) whose header spans columns: its first entry fills them and
    is no second header row."""
    cells = cells_of(
        "表 38：获奖名单",
        "奖项名称\t\t获奖名单",
        "区长质量奖\t金奖\t上海宇航系统工程研究所",
        "\t\t上海上药第一生化药业有限公司",
    )
    assert "上海宇航系统工程研究所" in {c.raw_text for c in cells}
    assert all(c.col_path[0] in ("奖项名称", "获奖名单") for c in cells)


@pytest.mark.parametrize(
    "rows",
    [
        ("食品相关产品（含\t\t", "包装）\t20\t90%"),  # the figures on the second line
        ("食品相关产品（含\t20\t90%", "包装）\t\t"),  # or on the first
        ("2\t食品相关产品（含\t\t", "\t包装）\t20\t90%"),  # after a 序号
    ],
)
def test_a_label_wrapped_onto_two_lines_is_one_label(rows: tuple[str, str]) -> None:
    """The first line alone was a group over the rows below, or the second one was."""
    seq = rows[0].startswith("2")
    cells = cells_of(
        "表 5：抽查情况",
        ("序号\t" if seq else "") + "产品\t批次\t合格率",
        ("1\t" if seq else "") + "电线电缆\t4\t100%",
        *rows,
        ("3\t" if seq else "") + "车用汽油\t20\t100%",
    )
    assert [c.row_path for c in cells if c.col_path == ("批次",)] == [
        ("电线电缆",),
        ("食品相关产品（含包装）",),
        ("车用汽油",),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ("2022年食品抽检情况", "表3"),  # the title above the label
        ("表3", "", "2022年食品抽检情况", ""),  # the title under it, set apart by blank lines
    ],
)
def test_a_label_alone_takes_the_title_beside_it(lines: tuple[str, ...]) -> None:
    result = tables_of("正文一段。", *lines, "类别\t批次", "生产\t273")
    assert [(t.number, t.title) for t in result.tables] == [(3, "2022年食品抽检情况")]


def test_a_first_row_of_text_under_a_spanning_label_header_is_data() -> None:
    """A header spanning the label columns over a first row with no figures (未抽检): that row
    was taken for a second header row and lost."""
    cells = cells_of(
        "表 4：抽查情况",
        "类别\t\t批次\t合格率",
        "工业产品\t电线电缆\t未抽检\t未抽检",
        "工业产品\t插座\t20\t95%",
    )
    assert raw_by_key(cells)[(("工业产品", "电线电缆"), ("批次",))] == "未抽检"


@pytest.mark.parametrize(
    "above",
    ["具体情况如下：", "2022年食品抽检情况见表3", "（三）特种设备", "0.3个百分点", "合计"],
)
def test_a_line_above_a_bare_label_that_is_no_title(above: str) -> None:
    result = tables_of("正文一段。", above, "表3", "类别\t批次", "生产\t273")
    assert [(t.number, t.title) for t in result.tables] == [(3, "")]


def test_a_sentence_under_a_caption_is_no_part_of_its_title() -> None:
    result = tables_of(
        "表3：食品抽检情况", "", "抽检合格率较上年提高。", "", "类别\t批次", "生产\t2"
    )
    assert result.tables[0].title == "食品抽检情况"


def test_a_bracket_never_closed_does_not_swallow_a_numbered_row() -> None:
    cells = cells_of(
        "表 5：抽查情况",
        "类别\t批次\t合格率",
        "一、工业产品（按行业\t\t",
        "1）电线电缆\t4\t100%",
        "2）插座\t20\t95%",
    )
    assert [c.row_path[-1] for c in cells if c.col_path == ("批次",)] == ["1）电线电缆", "2）插座"]


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (("2022年各街镇食品抽检合格率", "表3"), "2022年各街镇食品抽检合格率"),
        (("表3", "", "各街镇抽检合格率均有提升", ""), ""),  # a finding, no title
        (
            ("表3：2023年全区重点工业产品", "", "", "质量监督抽查情况", ""),
            "2023年全区重点工业产品质量监督抽查情况",
        ),
    ],
)
def test_titles_beside_a_label_as_exports_print_them(lines: tuple[str, ...], title: str) -> None:
    result = tables_of("正文一段。", *lines, "类别\t批次", "生产\t273")
    assert [(t.number, t.title) for t in result.tables] == [(3, title)]


def test_labels_that_open_with_digits_name_rows() -> None:
    """ "12315热线", "5G消息": a number before words that are no unit is part of a name; the
    label column was read as figures (unit 热线) and every row lost its label."""
    cells = cells_of(
        "表 23：投诉举报渠道",
        "渠道\t受理量（件）\t占比（%）",
        "12315热线\t52310\t61.2",
        "12345市民热线\t28760\t33.6",
        "5G消息\t1200\t1.4",
    )
    assert [c.row_path for c in cells if c.col_path == ("受理量（件）",)] == [
        ("12315热线",),
        ("12345市民热线",),
        ("5G消息",),
    ]


def test_a_closing_total_under_two_label_columns_is_nobodys() -> None:
    cells = cells_of(
        "表 7：标准化工作",
        "序号\t类别\t项目\t数量（项）",
        "1\t标准制修订\t国际标准\t3",
        "2\t\t国家标准\t45",
        "3\t试点示范\t国家级\t4",
        "4\t\t市级\t11",
        "合计\t\t\t63",
    )
    assert cells[-1].row_path == ("合计",)


def test_a_lone_qizhong_row_heads_no_group() -> None:
    cells = cells_of(
        "表 9：奖励资金",
        "项目\t金额",
        "政府质量奖\t500",
        "其中：\t",
        "组织奖\t400",
        "标准化资助\t320",
        "合计\t820",
    )
    assert all("其中" not in "".join(c.row_path) for c in cells)
    assert cells[-1].row_path == ("合计",)


def test_a_year_and_what_happened_in_it_is_no_figure() -> None:
    cells = cells_of("表 12：名录", "企业\t认证\t备注", "甲公司\tISO9001\t2022年新增")
    assert {c.raw_text: c.value for c in cells}["2022年新增"] is None


def test_a_headers_unit_wrapped_onto_the_next_header_line_stays_in_it() -> None:
    cells = cells_of(
        "表 9：园区情况",
        "园区\t规模以上工业总产值\t同比",
        "\t（亿元）\t（%）",
        "紫竹高新区\t179.72\t2.6",
    )
    assert [(c.col_path, c.unit) for c in cells] == [
        (("规模以上工业总产值（亿元）",), "亿元"),
        (("同比（%）",), "%"),
    ]


def test_figures_in_units_the_vocabulary_lacks_are_figures() -> None:
    """mg/L, 万吨/日, ℃: symbols or a known unit first; no text cell for the label column."""
    cells = cells_of(
        "表 8：污水处理厂",
        "名称\t设计规模\t实际处理量",
        "白龙港污水处理厂\t20万吨/日\t18.5万吨/日",
        "竹园污水处理厂\t10万吨/日\t9.1万吨/日",
    )
    assert [c.col_path for c in cells] == [("设计规模",), ("实际处理量",)] * 2


def test_each_groups_own_total_keeps_its_group() -> None:
    cells = cells_of(
        "表 7：标准化工作",
        "类别\t项目\t数量",
        "标准制修订\t国际标准\t3",
        "\t国家标准\t45",
        "\t合计\t48",
        "试点示范\t国家级\t4",
        "\t市级\t11",
        "\t合计\t15",
    )
    assert [c.row_path for c in cells if c.row_path[-1] == "合计"] == [
        ("标准制修订", "合计"),
        ("试点示范", "合计"),
    ]


def test_a_total_followed_by_its_qualifying_rows_is_the_tables() -> None:
    cells = cells_of(
        "表 7：标准化工作",
        "类别\t项目\t数量",
        "标准制修订\t国际标准\t3",
        "\t国家标准\t45",
        "试点示范\t国家级\t4",
        "\t市级\t11",
        "\t合计\t63",
        "\t其中：新增\t10",
    )
    assert raw_by_key(cells)[(("合计",), ("数量",))] == "63"


def test_size_classes_in_the_label_column_stay_labels() -> None:
    cells = cells_of(
        "表 11：电梯情况",
        "类别\t数量（台）\t检验率（%）",
        "100米以上观光电梯\t12\t100",
        "30米以下电梯\t350\t99.5",
    )
    assert {c.row_path for c in cells} == {("100米以上观光电梯",), ("30米以下电梯",)}
    sized = cells_of(
        "表 6：按规模分企业",
        "规模\t企业数（家）\t营收（亿元）",
        "不足500万元\t120\t3",
        "500万-2000万元\t80\t8",
        "2000万元及以上\t40\t50",
    )
    assert next(c.row_path[0] for c in sized if c.col_path == ("企业数（家）",)) == "不足500万元"
    # classes of falls chain downwards: 下降5%以下 (-5 or more), 下降5-10%, 下降10%以上 (-10 or
    # less); a column of targets does not chain
    assert _size_classes(["下降5%以下", "下降5-10%", "下降10%以上"])
    assert _size_classes(["5年以下", "5-10年", "10年以上"])
    assert not _size_classes(["≥96%", "90-95%", "≤5%"])


def test_a_total_under_two_groups_of_size_classes_keeps_its_figures() -> None:
    """Two groups of size classes and a total row with an empty class cell: the class column,
    every complete row's a quantity (5年以下), was taken for figures, and the total's count
    moved into it ("合计 38652" labelled its share)."""
    cells = cells_of(
        "表 4：在用电梯使用年限分布",
        "设备类别\t使用年限\t数量（台）\t占比",
        "乘客电梯\t5年以下\t1903\t26.5%",
        "\t5-10年\t6073\t26.3%",
        "\t15年以上\t1628\t4.5%",
        "载货电梯\t5年以下\t5286\t1.1%",
        "\t5-10年\t6817\t9.0%",
        "\t15年以上\t6465\t14.3%",
        "合计\t\t38652\t100%",
    )
    assert raw_by_key(cells)[(("合计",), ("数量（台）",))] == "38652"
    assert raw_by_key(cells)[(("合计",), ("占比",))] == "100%"


def test_a_line_break_in_a_cell_joins_cjk_text_without_a_space() -> None:
    """An export breaks a wrapped cell with <br>: CJK text goes on with no space, as the page
    wraps it ("2022年<br>受理量" is 2022年受理量), figures and Latin words keep one."""
    cells = cells_of(
        "表 3：热线诉求分类情况",
        "诉求类别\t2022年<br>受理量（占比）",
        "城市管理\t8,562<br>(31.6%)",
        "市场监管\t6,218<br>(22.9%)",
    )
    assert raw_by_key(cells)[(("城市管理",), ("2022年受理量（占比）",))] == "8,562 (31.6%)"


def test_classes_by_size_whose_bounds_meet_name_the_rows() -> None:
    """5年以下 | 5-10年 | 10-15年 | 15年以上 under a merged 设备类别: each parses as a quantity,
    and the column was read as figures (no row had its class). A column of targets, ranges
    and bounds whose ends do not meet, stays figures."""
    cells = cells_of(
        "表 4：在用电梯使用年限分布",
        "设备类别\t使用年限\t数量（台）\t占比",
        "乘客电梯\t5年以下\t1000\t21.4%",
        "\t5-10年\t1111\t23.8%",
        "\t10-15年\t1222\t26.2%",
        "\t15年以上\t1333\t28.6%",
        "合计\t\t4666\t100%",
    )
    assert {c.row_path for c in cells} == {
        ("乘客电梯", "5年以下"),
        ("乘客电梯", "5-10年"),
        ("乘客电梯", "10-15年"),
        ("乘客电梯", "15年以上"),
        ("合计",),
    }
    targets = cells_of(
        "表 2：主要指标",
        "指标\t单位\t2025年目标",
        "产品质量合格率\t%\t≥96",
        "顾客满意度\t%\t80-85",
        "投诉处理率\t%\t≥99",
    )
    assert ("产品质量合格率",) in {c.row_path for c in targets}


def test_a_lone_first_row_heads_only_as_a_period_or_a_group_header() -> None:
    """A first row of one cell over an empty corner: the period over a label/value table's
    figures, or a group header over the next row's sub-headers, heads them (each was read as
    a row of its own, and the figures had no column); a group's label, a unit or a remark
    there heads nothing."""
    found = raw_by_key(cells_of("表4 主要指标", "\t2016", "净资产\t5,111,372", "份额\t49,136"))
    assert found == {(("净资产",), ("2016",)): "5,111,372", (("份额",), ("2016",)): "49,136"}
    grouped = raw_by_key(
        cells_of("表5 主要指标", "\t2016年\t", "\t总量\t增长%", "产值\t324.79\t6.4")
    )
    assert grouped == {
        (("产值",), ("2016年", "总量")): "324.79",
        (("产值",), ("2016年", "增长%")): "6.4",
    }
    for lone in ["一、经济指标", "单位：万元", "见附件"]:
        cells = raw_by_key(cells_of("表6 主要指标", f"\t{lone}", "产值\t324.79", "税收\t88.1"))
        assert all(col == () for _row, col in cells), lone


@pytest.mark.parametrize(
    "numbering",
    ["甲\t乙\t1\t2", "栏次\t\t(1)\t(2)", "甲\t乙\t1\t2=1+0", "栏 次\t\t１\t２"],
)
def test_a_row_numbering_the_columns_is_no_row_of_figures(numbering: str) -> None:
    """栏次 rows in statistical tables number the columns under the header: no cells come of
    them, and the rows under them keep the header's column paths."""
    got = raw_by_key(
        cells_of(
            "表1：主要指标",
            "指标名称\t计量单位\t2022年\t2021年",
            numbering,
            "产品抽检合格率\t%\t95.1\t94.0",
            "投诉举报件数\t件\t1200\t1100",
        )
    )
    assert got == {
        (("产品抽检合格率",), ("计量单位",)): "%",
        (("产品抽检合格率",), ("2022年",)): "95.1",
        (("产品抽检合格率",), ("2021年",)): "94.0",
        (("投诉举报件数",), ("计量单位",)): "件",
        (("投诉举报件数",), ("2022年",)): "1200",
        (("投诉举报件数",), ("2021年",)): "1100",
    }


@pytest.mark.parametrize(
    ("cells", "numbering"),
    [
        (["甲", "乙", "1", "2", "3"], True),
        (["甲 乙 1 2 3=2/1"], True),
        (["栏次", "（1）", "（2）"], True),
        (["甲", "乙", "丙"], True),
        (["甲", "1"], False),  # as likely an entry labelled 甲
        (["甲", "3", "4"], False),  # column numbers count from 1
        (["", "1", "2", "3"], False),  # figures under a label merged from above
        (["合计", "1", "2", "3"], False),
        (["甲", "1", "3"], False),  # the numbers skip: figures
        (["甲类", "1", "2"], False),
        (["甲", "95.1"], False),
    ],
)
def test_column_numbering_needs_a_mark_and_numbers_running_on(
    cells: list[str], numbering: bool
) -> None:
    assert is_column_numbering(cells) is numbering


def test_a_group_header_alone_over_a_labelled_header_row_spans_to_its_end() -> None:
    """ "| 2022年" over "街镇 | 同比增长 | 产值" over figures: the export trims the empty cells the
    group header spans, and the row under it opens with the label column's header; the group
    header was a header of one column and the sub-headers a row of data."""
    got = raw_by_key(
        cells_of(
            "表1：各街镇情况",
            "\t2022年",
            "街镇\t同比增长\t产值",
            "浦江镇\t34.1\t189.37",
            "华漕镇\t-5.5\t468.22",
        )
    )
    assert got == {
        (("浦江镇",), ("2022年", "同比增长")): "34.1",
        (("浦江镇",), ("2022年", "产值")): "189.37",
        (("华漕镇",), ("2022年", "同比增长")): "-5.5",
        (("华漕镇",), ("2022年", "产值")): "468.22",
    }


@pytest.mark.parametrize(
    "lines",
    [
        ["等级\t2021年\t2022年\t2023年", "甲\t1\t2\t3", "乙\t4\t5\t6", "丙\t7\t8\t9"],
        ["类别\t批次\t合格批次", "甲\t1\t2", "乙\t12\t11"],
        ["序号\t类别\t数量\t占比(%)", "1\t甲\t2\t3", "2\t乙\t25\t37"],
    ],
)
def test_rows_labelled_by_column_marks_are_rows_of_figures(lines: list[str]) -> None:
    """Classes named 甲, 乙, 丙 with small counts look like a 栏次 row at the table's top, and
    were dropped; the rows under the first are labelled by marks too (or a 序号 opens them)."""
    got = raw_by_key(cells_of("表1：各等级情况", *lines))
    first = lines[1].split("\t")
    head = lines[0].split("\t")
    if first[0] == "1":  # the 序号 column is no label
        first, head = first[1:], head[1:]
    assert {k: v for k, v in got.items() if k[0] == (first[0],)} == {
        ((first[0],), (h,)): v for h, v in zip(head[1:], first[1:], strict=True)
    }
