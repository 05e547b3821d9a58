"""The PDF path: tables and prose from small PDFs drawn here, bad PDFs, and the bundled PDFs.

The PDFs are drawn with reportlab (a dev dependency) in a temporary folder; CJK text uses the
built-in STSong-Light CID font, which pdfminer maps back to Unicode.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from benchmarks.pdf_tables import Agreement, agreement, read_bundled
from pipelines.extract.pdf_layout import _square_up, read_document
from pipelines.extract.pdf_prose import pdf_prose
from pipelines.extract.pdf_stream import _close_edges, _ink_pieces, _texts_in
from pipelines.extract.pdf_tables import extract_pdf_tables
from pipelines.extract.tables import ExtractedTable
from pipelines.ingest.decode import SourceError

canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"
WIDTH, HEIGHT = A4
LEFT, RIGHT = 60.0, WIDTH - 60.0


class Page:
    """Draws in top-left coordinates, like pdfplumber reports them."""

    def __init__(self, canvas: object, number: int, header: bool = True) -> None:
        self.c = canvas
        self.number = number
        if header:
            self.text(LEFT + 150, 40, "2022年度某区质量状况白皮书", size=9)
            self.hline(LEFT, RIGHT, 52, width=0.4)
            self.text(WIDTH / 2 - 15, HEIGHT - 40, f"— {number} —", size=10)

    def text(self, x: float, top: float, s: str, size: float = 10, color: float = 0.0) -> None:
        self.c.setFillGray(color)  # type: ignore[attr-defined]
        self.c.setFont(FONT, size)  # type: ignore[attr-defined]
        self.c.drawString(x, HEIGHT - top - size * 0.88, s)  # type: ignore[attr-defined]
        self.c.setFillGray(0)  # type: ignore[attr-defined]

    def hline(self, x0: float, x1: float, y: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)  # type: ignore[attr-defined]
        self.c.line(x0, HEIGHT - y, x1, HEIGHT - y)  # type: ignore[attr-defined]

    def vline(self, x: float, y0: float, y1: float) -> None:
        self.c.setLineWidth(0.5)  # type: ignore[attr-defined]
        self.c.line(x, HEIGHT - y0, x, HEIGHT - y1)  # type: ignore[attr-defined]

    def grid(self, xs: list[float], ys: list[float]) -> None:
        """A fully ruled grid: a rule at every y across, at every x down."""
        for y in ys:
            self.hline(xs[0], xs[-1], y)
        for x in xs:
            self.vline(x, ys[0], ys[-1])

    def prose(self, top: float, s: str) -> None:
        self.text(LEFT + 21, top, s, size=10.5)


def make_pdf(path: Path, draw: list, header: bool = True) -> Path:  # type: ignore[type-arg]
    c = canvas_mod.Canvas(str(path), pagesize=A4)
    for number, fn in enumerate(draw, start=1):
        fn(Page(c, number, header))
        c.showPage()
    c.save()
    return path


def row(page: Page, top: float, cols: list[float], cells: list[str]) -> None:
    for x, s in zip(cols, cells, strict=True):
        if s:
            page.text(x, top, s, size=9)


def cells_of(table: ExtractedTable) -> dict[tuple[tuple[str, ...], tuple[str, ...]], str]:
    return {(c.row_path, c.col_path): c.raw_text for c in table.cells}


# --- tables


def test_ruled_grid_with_merged_cells(tmp_path: Path) -> None:
    xs = [LEFT, 200.0, 320.0, 420.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0, 172.0, 190.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要指标完成情况")
        for y in ys:
            if y == ys[1]:
                p.hline(xs[2], RIGHT, y)  # 指标 and 计量单位 span both header rows
            elif y == ys[3]:
                p.hline(xs[1], RIGHT, y)  # 工业 spans two body rows
            else:
                p.hline(LEFT, RIGHT, y)
        for x in xs:
            # 2022年 spans the two columns under it
            p.vline(x, ys[1] if x == xs[3] else ys[0], ys[-1])
        row(p, 103, [LEFT + 3, xs[1] + 3, xs[2] + 3], ["指标", "计量单位", "2022年"])
        row(p, 121, [xs[2] + 3, xs[3] + 3], ["总量", "增长%"])
        row(
            p, 139, [LEFT + 3, xs[1] + 3, xs[2] + 3, xs[3] + 3], ["工业", "亿元", "3669.79", "-6.0"]
        )
        row(p, 157, [xs[1] + 3, xs[2] + 3, xs[3] + 3], ["万元", "120.5", "2.1"])
        row(
            p, 175, [LEFT + 3, xs[1] + 3, xs[2] + 3, xs[3] + 3], ["商业", "亿元", "7203.90", "-8.0"]
        )
        p.text(LEFT, 200, "数据来源：区统计局", size=8)

    pdf = make_pdf(tmp_path / "ruled.pdf", [draw])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [t.number for t in tables] == [1]
    table = tables[0]
    assert table.rendition == "pdf" and table.page_start == 1
    got = cells_of(table)
    # same convention as the text path: merged 工业 is carried down over both its rows, and
    # the header cells spanning rows/columns give every data cell its full column path
    assert got[(("工业", "亿元"), ("2022年", "总量"))] == "3669.79"
    assert got[(("工业", "亿元"), ("2022年", "增长%"))] == "-6.0"
    assert got[(("工业", "万元"), ("2022年", "总量"))] == "120.5"
    assert got[(("商业", "亿元"), ("2022年", "总量"))] == "7203.90"
    assert len(got) == 6
    assert table.source_department == "区统计局"
    assert all(c.page == 1 and c.line is None for c in table.cells)


def test_a_header_cell_merged_down_three_rows_heads_its_column_alone(tmp_path: Path) -> None:
    """合计 merged down the three header rows beside 生产领域 › 监督抽查/风险监测 › 抽查/不合格:
    the rows read flat, the upper header cells carried 风险监测 on into 合计's column."""
    xs = [LEFT, 150.0, 220.0, 290.0, 360.0, 430.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0, 172.0, 190.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2023年各街镇产品质量监督抽查情况")
        p.hline(LEFT, RIGHT, ys[0])
        p.hline(xs[1], xs[5], ys[1])
        p.hline(xs[1], xs[5], ys[2])
        for y in ys[3:]:
            p.hline(LEFT, RIGHT, y)
        for x in xs:
            top = ys[2] if x in (xs[2], xs[4]) else ys[1] if x == xs[3] else ys[0]
            p.vline(x, top, ys[-1])
        p.text(LEFT + 4, 121, "街镇", size=9)
        p.text(xs[1] + 4, 103, "生产领域", size=9)
        p.text(xs[5] + 4, 121, "合计", size=9)
        row(p, 121, [xs[1] + 4, xs[3] + 4], ["监督抽查", "风险监测"])
        row(p, 139, [x + 4 for x in xs[1:5]], ["抽查", "不合格", "抽查", "不合格"])
        row(p, 157, [x + 4 for x in xs[:6]], ["徐家汇街道", "88", "9", "52", "4", "140"])
        row(p, 175, [x + 4 for x in xs[:6]], ["湖南路街道", "214", "3", "68", "7", "282"])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "merged_down.pdf", [draw])).tables[0]
    got = cells_of(table)
    assert got[(("徐家汇街道",), ("合计",))] == "140"
    assert got[(("湖南路街道",), ("生产领域", "风险监测", "不合格"))] == "7"
    assert len(got) == 10


@pytest.mark.parametrize(("unit_line", "unit"), [("单位：亿元", "亿元"), ("单位：亿元，%", None)])
def test_three_line_table(tmp_path: Path, unit_line: str, unit: str | None) -> None:
    cols = [LEFT + 4, 250.0, 400.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各园区产值")
        p.text(RIGHT - 80, 96, unit_line, size=9)
        p.hline(LEFT, RIGHT, 112, width=1.2)
        row(p, 116, cols, ["园区", "产值", "同比(%)"])
        p.hline(LEFT, RIGHT, 130, width=0.6)
        row(p, 134, cols, ["紫竹高新区", "179.72", "2.6"])
        row(p, 150, cols, ["莘庄工业区", "1014.69", "-2.8"])
        row(p, 166, cols, ["小计", "1194.41", "-1.9"])
        p.hline(LEFT, RIGHT, 180, width=1.2)
        p.text(LEFT, 186, "注：同比按可比价计算。", size=8)
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "three.pdf", [draw])
    table = extract_pdf_tables("doc", pdf).tables[0]
    got = cells_of(table)
    assert got[(("紫竹高新区",), ("产值",))] == "179.72"
    assert got[(("莘庄工业区",), ("同比(%)",))] == "-2.8"
    assert got[(("小计",), ("产值",))] == "1194.41"
    assert (table.title, table.unit) == ("2022年各园区产值", unit)
    assert table.notes == ["注：同比按可比价计算。"]
    assert len(table.cells) == 6


def test_annex_and_sub_numbered_captions_keep_their_labels(tmp_path: Path) -> None:
    cols = [LEFT + 4, 250.0]

    def draw(p: Page) -> None:
        for top, caption in ((80, "表1-2 各园区产值"), (220, "附表1：主要指标")):
            p.text(200, top, caption)
            p.hline(LEFT, RIGHT, top + 30, width=1.2)
            row(p, top + 34, cols, ["园区", "产值"])
            p.hline(LEFT, RIGHT, top + 48, width=0.6)
            row(p, top + 52, cols, ["紫竹高新区", "179.72"])
            p.hline(LEFT, RIGHT, top + 66, width=1.2)

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "labels.pdf", [draw])).tables
    assert [(t.number, t.label, t.title) for t in tables] == [
        (1, "表1-2", "各园区产值"),
        (1, "附表1", "主要指标"),
    ]


def test_borderless_table_with_wrapped_cell_and_indents(tmp_path: Path) -> None:
    cols = [LEFT + 4, 300.0, 420.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表3：2022年投资情况")
        row(p, 100, cols, ["指标", "总量", "增长%"])
        row(p, 118, cols, ["固定资产投资", "666.82", "-15.6"])
        row(p, 134, [LEFT + 22, cols[1], cols[2]], ["工业投资", "93.99", "-25.3"])
        row(p, 150, [LEFT + 22, cols[1], cols[2]], ["房地产开发投资", "414.80", "-9.6"])
        row(p, 166, cols, ["社会消费品零售总额", "1844.58", "-12.5"])
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "borderless.pdf", [draw])
    table = extract_pdf_tables("doc", pdf).tables[0]
    got = cells_of(table)
    assert got[(("固定资产投资",), ("总量",))] == "666.82"
    # indentation in the label column nests the row
    assert got[(("固定资产投资", "工业投资"), ("总量",))] == "93.99"
    assert got[(("固定资产投资", "房地产开发投资"), ("增长%",))] == "-9.6"
    assert got[(("社会消费品零售总额",), ("增长%",))] == "-12.5"


def test_three_line_table_with_vertically_centred_cells(tmp_path: Path) -> None:
    """No rules between rows: each cell is centred on its row, wrapped cells are taller than
    the rows around them, and merged labels sit in the middle of the rows they cover."""
    cols = [LEFT + 4, 140.0, 180.0, 330.0]
    pitch, wrap = 16.5, 11.5  # next row / next line of the same cell

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：2022年度质量奖获奖名单")
        p.hline(LEFT, RIGHT, 96, width=1.2)
        row(p, 100, [LEFT + 20, 173.5, 380.0], ["奖项", "获奖名单", "成果"])
        p.hline(LEFT, RIGHT, 112, width=0.6)
        tops = [118.0, 118.0 + pitch]  # rows 0 and 1: one line each
        tops.append(tops[1] + pitch)  # row 2: two lines in the name column
        tops.append(tops[2] + wrap + pitch)  # row 3
        bottom = tops[3] + 9
        names = ["甲科技有限公司", "乙公司", "", "戊公司"]
        for top, name, result in zip(tops, names, "一二三四", strict=True):
            if name:
                p.text(cols[2], top, name, size=9)
            if result != "三":
                p.text(cols[3], top, f"模式{result}", size=9)
        p.text(cols[2], tops[2], "丙研究所所长", size=9)
        p.text(cols[2], tops[2] + wrap, "丁某", size=9)
        p.text(cols[3], tops[2] + wrap / 2, "模式三", size=9)  # centred on its taller row
        p.text(cols[1], (tops[0] + tops[1] + 9) / 2 - 4.5, "金奖", size=9)
        p.text(cols[1], (tops[2] + bottom) / 2 - 4.5, "银奖", size=9)
        p.text(cols[0], (tops[0] + tops[2] + wrap + 9) / 2 - 4.5, "区长奖", size=9)
        p.text(cols[0], tops[3], "区质量奖", size=9)
        p.hline(LEFT, RIGHT, bottom + 6, width=1.2)
        p.prose(bottom + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "centred.pdf", [draw])
    grid = extract_pdf_tables("doc", pdf).found[0].grids[0]
    assert grid.matrix() == [
        ["奖项", "获奖名单", "", "成果"],  # 获奖名单 is centred over the grade and name columns
        ["区长奖", "金奖", "甲科技有限公司", "模式一"],
        ["", "", "乙公司", "模式二"],
        ["", "银奖", "丙研究所所长丁某", "模式三"],
        ["区质量奖", "", "戊公司", "模式四"],
    ]


def test_rows_filling_different_column_blocks_keep_their_columns(tmp_path: Path) -> None:
    """A wide three-line table whose rows fill different blocks of columns (two-line headers):
    each figure stays under the header it is printed under, not moved where the row is full."""
    cols = [LEFT + 2, 125.0, 165.0, 205.0, 245.0, 290.0, 330.0, 370.0, 420.0, 470.0, 510.0]
    heads = ["", "批发", "零售", "批发兼", "总数", "公共餐", "食堂", "集体用", "中央", "现制"]
    heads.append("总数")
    wraps = ["", "", "", "零售", "（户）", "饮单位", "", "餐配送", "厨房", "现售", ""]

    def draw(p: Page) -> None:
        p.text(200, 80, "表8：2022年食品经营主体情况")
        p.hline(LEFT, RIGHT, 96, width=1.2)
        row(p, 100, cols, heads)
        row(p, 111, cols, wraps)
        p.hline(LEFT, RIGHT, 124, width=0.6)
        row(p, 128, cols, ["流通环节", "643", "8860", "3559", "13062", "", "", "", "", "", ""])
        row(p, 144, cols, ["餐饮环节", "", "", "", "", "11068", "1391", "25", "8", "1488", "13980"])
        p.hline(LEFT, RIGHT, 158, width=1.2)
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "blocks.pdf", [draw])
    got = cells_of(extract_pdf_tables("doc", pdf).tables[0])
    assert got[(("流通环节",), ("零售",))] == "8860"
    assert got[(("流通环节",), ("批发兼零售",))] == "3559"
    assert got[(("流通环节",), ("总数（户）",))] == "13062"
    assert got[(("餐饮环节",), ("公共餐饮单位",))] == "11068"
    assert got[(("餐饮环节",), ("集体用餐配送",))] == "25"
    assert got[(("餐饮环节",), ("总数",))] == "13980"
    assert len(got) == 10


def test_total_label_merged_over_the_numbering_column_labels_its_row(tmp_path: Path) -> None:
    xs = [LEFT, 110.0, 260.0, 400.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0, 172.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：2022年产品质量监督抽查情况")
        for y in ys:
            p.hline(LEFT, RIGHT, y)
        for x in xs:
            # 总计 covers the 序号 and 产品类别 columns
            p.vline(x, ys[0], ys[-2] if x == xs[1] else ys[-1])
        row(p, 103, [x + 3 for x in xs[:4]], ["序号", "产品类别", "受检批次", "合格率"])
        row(p, 121, [x + 3 for x in xs[:4]], ["1", "电线电缆", "4", "100%"])
        row(p, 139, [x + 3 for x in xs[:4]], ["2", "食品相关产品", "83", "98.8%"])
        row(p, 157, [xs[0] + 3, xs[2] + 3, xs[3] + 3], ["总计", "87", "98.9%"])

    pdf = make_pdf(tmp_path / "total.pdf", [draw])
    got = cells_of(extract_pdf_tables("doc", pdf).tables[0])
    assert got[(("电线电缆",), ("受检批次",))] == "4"
    assert got[(("总计",), ("受检批次",))] == "87"
    assert got[(("总计",), ("合格率",))] == "98.9%"
    assert len(got) == 6


def test_ruled_list_without_header_opens_on_its_first_entry(tmp_path: Path) -> None:
    """A grid of names with no header row: its first row of long texts is an entry."""
    xs = [LEFT, 230.0, 360.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0]
    entries = [
        ["2021年度市长质量奖（成果）", "张某某 某航天技术研究院院长", "创建质量管理体系模式"],
        ["2021年度市质量金奖（先进质量管理模式）", "某机电工程研究所", "军工质量管理模式"],
        ["", "某社区卫生服务中心", "健康管理模式"],
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表37：2021年度获市政府质量奖名单")
        for y in ys:
            p.hline(xs[1] if y == ys[2] else LEFT, RIGHT, y)  # the second award spans two rows
        for x in xs:
            p.vline(x, ys[0], ys[-1])
        for top, cells in zip((103, 121, 139), entries, strict=True):
            row(p, top, [x + 3 for x in xs[:3]], cells)

    pdf = make_pdf(tmp_path / "list.pdf", [draw])
    got = cells_of(extract_pdf_tables("doc", pdf).tables[0])
    first = (entries[0][0], entries[0][1])
    assert got[(first, ("第1列",))] == entries[0][0]
    assert got[(first, ("第3列",))] == "创建质量管理体系模式"
    assert got[((entries[1][0], "某社区卫生服务中心"), ("第3列",))] == "健康管理模式"
    assert len(got) == 8


def test_wrapped_lines_join_latin_and_cjk_as_the_document_does() -> None:
    from pipelines.extract.pdf_glyphs import join_wrapped, spaced_scripts

    assert join_wrapped("质量", "管理") == "质量管理"
    assert join_wrapped("BEE&FLOWER", "AND") == "BEE&FLOWER AND"
    assert join_wrapped("BEE&FLOWER", "及图") == "BEE&FLOWER及图"
    token = spaced_scripts.set(True)  # a document printing "NHLL 及图" on its lines
    try:
        assert join_wrapped("BEE&FLOWER", "及图") == "BEE&FLOWER 及图"
        assert join_wrapped("BF、", "BEE") == "BF、BEE"
        assert join_wrapped("2022", "年") == "2022年"
    finally:
        spaced_scripts.reset(token)


def test_quotes_narrower_than_their_em_take_no_space_in_cjk_text() -> None:
    """Set from a Latin font, “ ” and · are narrower than the em a CJK line gives them (cairo
    sets the next glyph an em on): the blank read as a space ("指出“ 高质” “悦· 乡居”") and
    split a table's long cell into columns. They fill their em; a Latin line keeps the space
    before an opening quote."""
    from pipelines.extract.pdf_glyphs import Glyph, make_line

    def line(pieces: list[tuple[str, float]]) -> list[Glyph]:
        # every glyph advances an em on a CJK line, however wide its box
        return [
            Glyph(text, 100.0 + 10 * k, 100.0 + 10 * k + width, 100.0, 110.0, 10.0)
            for k, (text, width) in enumerate(pieces)
        ]

    han = [("指", 10.0), ("出", 10.0), ("“", 4.0), ("高", 10.0), ("质", 10.0), ("”", 4.0)]
    han += [("“", 4.0), ("悦", 10.0), ("·", 3.0), ("乡", 10.0), ("居", 10.0), ("”", 4.0)]
    made = make_line(line(han))
    assert made is not None and made.text == "指出“高质”“悦·乡居”"
    assert [round(s.x1 - s.x0) for s in made.segments] == [114]  # one piece, no gap in it
    starts = [100.0, 106.0, 112.0, 118.0, 128.0, 133.0, 139.0]  # a word's gap before “
    latin = make_line(
        [Glyph(t, x, x + 5.0, 100.0, 110.0, 10.0) for t, x in zip("said“hi", starts, strict=True)]
    )
    assert latin is not None and latin.text == "said “hi"


def test_a_figure_broken_by_the_wrap_joins_without_a_space() -> None:
    """Justified Chinese text may wrap inside a figure: "整改率为1" then "00%" is 100%, not
    "1 00%". A line of figures alone (2021 over 2022 in a cell) keeps its space."""
    from pipelines.extract.pdf_glyphs import join_wrapped

    assert join_wrapped("整改率为1", "00%。") == "整改率为100%。"
    assert join_wrapped("抽查合格率为95.", "1%，同比") == "抽查合格率为95.1%，同比"
    assert join_wrapped("执行GB/T 43210-", "2023标准") == "执行GB/T 43210-2023标准"
    assert join_wrapped("2021", "2022") == "2021 2022"
    assert join_wrapped("ISO", "9001") == "ISO 9001"
    # two figures stacked, each after its own label; a table's number; a year opening a line
    assert join_wrapped("2022年：95.1", "2023年：96.3") == "2022年：95.1 2023年：96.3"
    assert join_wrapped("A级：12", "3A级：5") == "A级：12 3A级：5"
    assert join_wrapped("详见表3", "2023年全区") == "详见表3 2023年全区"


def test_rules_drawn_piecewise_make_one_grid(tmp_path: Path) -> None:
    """Vertical rules stroked cell by cell, meeting between the row rules, frame one table."""
    xs = [LEFT, 200.0, 320.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要指标")
        for y in ys:
            p.hline(LEFT, RIGHT, y)
        for x in xs:
            for y0, y1 in itertools.pairwise(ys):
                mid = (y0 + y1) / 2  # pieces end mid-row, touching only each other there
                p.vline(x, y0, mid)
                p.vline(x, mid, y1)
        row(p, 103, [x + 3 for x in xs[:3]], ["指标", "总量", "增长%"])
        row(p, 121, [x + 3 for x in xs[:3]], ["工业", "3669.79", "-6.0"])
        row(p, 139, [x + 3 for x in xs[:3]], ["商业", "7203.90", "-8.0"])

    pdf = make_pdf(tmp_path / "pieces.pdf", [draw])
    result = extract_pdf_tables("doc", pdf)
    assert [(g.method, g.n_rows, g.n_cols) for g in result.found[0].grids] == [("lattice", 3, 3)]
    got = cells_of(result.tables[0])
    assert got[(("商业",), ("增长%",))] == "-8.0"


def test_partly_ruled_grid_splits_unruled_body_rows(tmp_path: Path) -> None:
    """Vertical rules only in the header and total rows: body values keep their columns."""
    xs = [LEFT, 200.0, 320.0, 420.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0, 172.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要指标")
        for y in ys:
            p.hline(LEFT, RIGHT, y)
        for x in xs:
            p.vline(x, ys[0], ys[1])
            p.vline(x, ys[3], ys[4])
        p.vline(LEFT, ys[1], ys[3])
        p.vline(RIGHT, ys[1], ys[3])
        row(p, 103, [x + 3 for x in xs[:4]], ["指标", "总量", "增长%", "占比%"])
        row(p, 121, [x + 3 for x in xs[:4]], ["工业", "3669.79", "-6.0", "40.1"])
        row(p, 139, [x + 3 for x in xs[:4]], ["商业", "7203.90", "-8.0", "59.9"])
        row(p, 157, [x + 3 for x in xs[:4]], ["合计", "10873.69", "-7.4", "100"])

    pdf = make_pdf(tmp_path / "partly.pdf", [draw])
    got = cells_of(extract_pdf_tables("doc", pdf).tables[0])
    assert got[(("工业",), ("总量",))] == "3669.79"
    assert got[(("商业",), ("增长%",))] == "-8.0"
    assert got[(("合计",), ("占比%",))] == "100"
    assert len(got) == 9


@pytest.mark.parametrize("cosine", ["0", "0.0000000000000000612323", "-0.00000004371139"])
def test_sideways_table_and_shaded_cells(tmp_path: Path, cosine: str) -> None:
    """A table set sideways on its page, drawn as shaded boxes with white header text; also
    turned with a computed cosine of 90° (6.1e-17 in double precision, as pypdf writes a
    page's turn, or -4.4e-8 in single), which pdfminer calls upright text, and whose boxes it
    no longer sees as boxes."""
    cols = [LEFT, 200.0, 320.0, 440.0]
    tops = [100.0, 118.0, 136.0, 154.0]
    cells = [["指标", "总量", "增长%"], ["工业", "3669.79", "-6.0"], ["商业", "7203.90", "-8.0"]]

    def draw(p: Page) -> None:
        c = p.c
        c.saveState()  # type: ignore[attr-defined]
        # the page's top-left corner becomes the turned drawing's bottom-left
        c._code.append(f"{cosine} 1 -1 {cosine} {WIDTH} 0 cm")  # type: ignore[attr-defined]
        turned = Page(c, 1, header=False)
        turned.text(200, 80 + (HEIGHT - WIDTH), "表1：2022年主要指标")
        for r, (top, bottom) in enumerate(itertools.pairwise(tops)):
            for k, (x0, x1) in enumerate(itertools.pairwise(cols)):
                shade = 0.3 if r == 0 else 0.85
                c.setFillGray(shade)  # type: ignore[attr-defined]
                y = HEIGHT - bottom - (HEIGHT - WIDTH)
                c.rect(x0, y, x1 - x0, bottom - top, stroke=0, fill=1)  # type: ignore[attr-defined]
                turned.text(
                    x0 + 3,
                    top + 3 + (HEIGHT - WIDTH),
                    cells[r][k],
                    size=9,
                    color=1.0 if r == 0 else 0.0,
                )
        turned.grid(cols, [t + HEIGHT - WIDTH for t in tops])
        c.restoreState()  # type: ignore[attr-defined]

    pdf = make_pdf(tmp_path / "sideways.pdf", [draw], header=False)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        _square_up(page)
        # every rule level or upright to the point, every box a box, for pdfplumber's lattice
        assert not page.curves
        assert all(e["top"] == e["bottom"] or e["x0"] == e["x1"] for e in page.lines)
    tables = extract_pdf_tables("doc", pdf).tables
    assert [t.number for t in tables] == [1]
    got = cells_of(tables[0])
    assert len(got) == 4
    assert got[(("工业",), ("总量",))] == "3669.79"
    assert got[(("商业",), ("增长%",))] == "-8.0"


@pytest.mark.parametrize("upright_body", [False, True])
def test_upright_text_on_a_page_read_sideways_is_set_aside(
    tmp_path: Path, upright_body: bool
) -> None:
    """A page whose table is set sideways is read turned; its upright running header and page
    number were turned with it and came out as scraps of prose ("度XX", "—"). Upright text in
    the body cannot be read in the turned frame either: it is reported, not garbled."""

    def draw(p: Page) -> None:  # the upright running header and page number: header=True
        if upright_body:
            p.prose(700, "全区共完成食品安全监督抽检3256批次，合格率为97.8%。")
        c = p.c
        c.saveState()  # type: ignore[attr-defined]
        c.translate(WIDTH, 0)  # type: ignore[attr-defined]
        c.rotate(90)  # type: ignore[attr-defined]
        turned = Page(c, 1, header=False)
        shift = HEIGHT - WIDTH
        turned.text(200, 120 + shift, "表1：2022年主要指标")
        body = [["指标", "总量"], ["工业", "3669.79"], ["商业", "7203.90"]]
        body += [[f"第{k}类服务业", f"{k}00.5"] for k in range(1, 9)]
        ys = [140.0 + shift + k * 18 for k in range(len(body) + 1)]
        turned.grid([LEFT + 100, 300.0, 420.0], ys)
        for k, cells in enumerate(body):
            row(turned, 144 + shift + 18 * k, [LEFT + 104, 304.0], cells)
        c.restoreState()  # type: ignore[attr-defined]

    pdf = make_pdf(tmp_path / "turned.pdf", [draw, draw])
    result = extract_pdf_tables("doc", pdf)
    assert cells_of(result.tables[0])[(("工业",), ("总量",))] == "3669.79"
    assert pdf_prose(pdf) == []
    noted = [w for w in result.warnings if "set upright beside a sideways table" in w]
    assert len(noted) == (2 if upright_body else 0)


def test_a_figure_with_an_unmapped_character_is_reported() -> None:
    """A font that maps one digit to nothing ("9\ue038.3" for 98.3) leaves too little to refuse
    the document, but its figures are unreadable: the page says so. A bullet with no map
    before a line's text harms no figure."""
    from pipelines.extract.pdf_layout import _unmapped_in_figures

    chars = [{"text": t} for t in "9\ue038.3 合格"]
    assert _unmapped_in_figures(chars) == 1
    assert _unmapped_in_figures([{"text": t} for t in ["(cid:127)", " ", "全", "区"]]) == 0


@pytest.mark.parametrize(
    "continued_caption", [None, "续表4", "表4（续）", "表4 2022年各区域抽检情况（续表）"]
)
def test_table_continued_on_next_page_with_repeated_header(
    tmp_path: Path, continued_caption: str | None
) -> None:
    cols = [LEFT + 4, 300.0, 420.0]
    header = ["区域", "受检批次", "合格率"]

    def first(p: Page) -> None:
        p.prose(70, "各区域抽检情况见表 4。")
        p.text(200, 660, "表4：2022年各区域抽检情况")
        p.hline(LEFT, RIGHT, 678, width=1.2)
        row(p, 682, cols, header)
        p.hline(LEFT, RIGHT, 696, width=0.6)
        for i, top in enumerate((700, 716, 732, 748)):
            row(p, top, cols, [f"第{i + 1}片区", str(10 + i), f"9{i}.5%"])

    def second(p: Page) -> None:
        down = 0 if continued_caption is None else 20  # the caption above, when printed
        if continued_caption is not None:
            p.text(200, 64, continued_caption)
        p.hline(LEFT, RIGHT, 66 + down, width=1.2)
        row(p, 70 + down, cols, header)
        p.hline(LEFT, RIGHT, 84 + down, width=0.6)
        for i, top in enumerate((88, 104, 120)):
            row(p, top + down, cols, [f"第{i + 5}片区", str(20 + i), f"8{i}.0%"])
        p.hline(LEFT, RIGHT, 134 + down, width=1.2)
        p.text(LEFT, 140 + down, "数据来源：区市场监管局", size=8)
        p.prose(170 + down, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "continued.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert len(tables) == 1
    table = tables[0]
    assert (table.page_start, table.page_end) == (1, 2)
    assert (table.number, table.title) == (4, "2022年各区域抽检情况")
    assert table.source_department == "区市场监管局"  # under the last part, 续表 or not
    got = cells_of(table)
    assert len(got) == 14
    assert got[(("第1片区",), ("受检批次",))] == "10"
    assert got[(("第7片区",), ("合格率",))] == "82.0%"
    assert not any("区域" in path for path, _ in got)  # the repeated header is not a row
    # running header and page numbers never enter a table
    texts = {raw for raw in got.values()} | {p for path, _ in got for p in path}
    assert not any("白皮书" in t or "—" in t for t in texts)


def test_long_wrapped_cells_stay_one_cell_across_the_page(tmp_path: Path) -> None:
    """A three-line table of long text cells (领域 | 进展情况): each cell wraps over lines as
    long as prose, starting under its column; no rule closes the first page, the next page
    repeats the header and carries on the cell broken by the page."""
    cols = [LEFT + 3, 140.0]
    first_cell = [
        "推进实施三年行动计划，战略性新兴产业产值占规上工业总产值比重提高到百分之五十三。",
        "推动重点领域发展，高端装备领域推进机载系统民机工程中心项目开工建设。",
        "新一代信息技术领域强化政策牵引，推动多个项目洽谈落地并发布通用芯片。",
    ]
    rest = ["人工智能领域加速智能制造转型发展，新增九家市级智能工厂和诊断服务商。"]
    second_cell = [
        "研究制订品牌三年行动计划，以南北联动双核辐射空间发展战略为牵引提升功能。",
        "全面提升开放枢纽核心功能，总部经济加快集聚，新引进十七家总部型企业。",
    ]

    def lines(p: Page, top: float, label: str, parts: list[str]) -> float:
        p.text(cols[0], top, label, size=9)
        for part in parts:
            p.text(cols[1], top, part, size=9)
            top += 11.5
        return top + 5

    def first(p: Page) -> None:
        p.prose(600, "各品牌工作取得积极进展，具体情况见表 44。")
        p.text(200, 634, "表44：2022年落实四大品牌战略情况")
        p.hline(LEFT, RIGHT, 649, width=1.2)
        row(p, 653, [LEFT + 30, 300.0], ["领 域", "进 展 情 况"])
        p.hline(LEFT, RIGHT, 666, width=0.6)
        lines(p, 670, "上海制造", first_cell)

    def second(p: Page) -> None:
        p.hline(LEFT, RIGHT, 62, width=1.2)
        row(p, 66, [LEFT + 30, 300.0], ["领 域", "进 展 情 况"])
        p.hline(LEFT, RIGHT, 79, width=0.6)
        top = lines(p, 83, "", rest)
        top = lines(p, top, "上海服务", second_cell)
        p.hline(LEFT, RIGHT, top, width=1.2)
        p.prose(top + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    assert min(len(x) for x in first_cell) * 9 > 0.6 * (RIGHT - LEFT)  # as long as prose
    pdf = make_pdf(tmp_path / "wrapped.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, t.page_start, t.page_end) for t in tables] == [(44, 1, 2)]
    got = cells_of(tables[0])
    assert got == {  # a list of text: the labels are cells too
        (("上海制造",), ("领 域",)): "上海制造",
        (("上海制造",), ("进 展 情 况",)): "".join(first_cell + rest),
        (("上海服务",), ("领 域",)): "上海服务",
        (("上海服务",), ("进 展 情 况",)): "".join(second_cell),
    }


def test_caption_at_the_foot_of_the_page_before_the_table(tmp_path: Path) -> None:
    xs = [LEFT, 260.0, 400.0, RIGHT]

    def first(p: Page) -> None:
        p.prose(70, "各类特种设备数量见表 5。")
        p.text(200, 760, "表5：2022年在用特种设备情况")
        p.text(RIGHT - 60, 776, "单位：台", size=9)

    def second(p: Page) -> None:
        ys = [70.0, 88.0, 106.0, 124.0]
        p.grid(xs, ys)
        row(p, 74, [x + 4 for x in xs[:3]], ["设备种类", "数量", "同比(%)"])
        row(p, 92, [x + 4 for x in xs[:3]], ["锅炉", "3552", "1.2"])
        row(p, 110, [x + 4 for x in xs[:3]], ["电梯", "1729", "-0.5"])
        p.text(LEFT, 130, "数据来源：区市场监管局", size=8)
        p.prose(170, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "caption_before.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, t.title) for t in tables] == [(5, "2022年在用特种设备情况")]
    table = tables[0]
    assert (table.page_start, table.page_end) == (2, 2)
    assert table.unit == "台"
    assert table.source_department == "区市场监管局"
    got = cells_of(table)
    assert got[(("锅炉",), ("数量",))] == "3552"
    assert got[(("电梯",), ("同比(%)",))] == "-0.5"
    assert len(got) == 4


def test_a_caption_set_under_its_table_names_it(tmp_path: Path) -> None:
    """Some documents caption a table under its body, as figures are captioned: the caption
    (and the 数据来源 after it) is that table's, on its page or opening the next, and a table
    captioned over its body in the same document keeps its caption."""
    xs = [LEFT, 260.0, 400.0, RIGHT]

    def grid(p: Page, top: float, rows: list[list[str]]) -> float:
        ys = [top + 18 * k for k in range(len(rows) + 1)]
        p.grid(xs, ys)
        for y, cells in zip(ys, rows, strict=False):
            row(p, y + 4, [x + 4 for x in xs[:3]], cells)
        return ys[-1]

    body = [
        ["类别", "2022年", "2023年"],
        ["城市管理", "8562", "7913"],
        ["市场监管", "6218", "6845"],
    ]

    def first(p: Page) -> None:
        p.text(LEFT, 70, "四、服务质量", size=12)
        p.prose(92, "全区热线共受理诉求25863件，同比下降4.6%。")
        bottom = grid(p, 112, body)
        p.text(200, bottom + 1, "表3 2022-2023年热线诉求分类情况")
        p.text(LEFT, bottom + 22, "数据来源：区城运中心", size=8)
        p.prose(bottom + 50, "从满意度看，全区公共服务满意度有所提高。")
        p.text(200, bottom + 80, "表4 服务质量主要指标")
        grid(p, bottom + 98, [["指标", "2022年", "2023年"], ["满意度得分", "85.15", "86.35"]])
        p.prose(bottom + 150, "各项指标均有提升，以下为各街镇情况。")
        streets = [[f"第{k}街道", str(100 + k), "9"] for k in range(24)]
        grid(p, bottom + 172, [["街镇", "2022年", "2023年"], *streets])

    def second(p: Page) -> None:
        p.text(200, 70, "表5 各街镇诉求受理情况")
        p.prose(110, "此外，全区共办理消费维权案件3218件。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "under.pdf", [first, second])).tables
    assert [(t.number, t.source_department, len(t.cells)) for t in tables] == [
        (3, "区城运中心", 4),
        (4, None, 2),
        (5, None, 48),
    ]
    assert cells_of(tables[0])[(("市场监管",), ("2023年",))] == "6845"
    assert tables[2].title == "各街镇诉求受理情况"


def test_an_uncaptioned_table_takes_its_heading_from_outside_the_tables_above(
    tmp_path: Path,
) -> None:
    """The heading of an uncaptioned table is looked for up the page past its lead-in prose:
    the wrapped tail of a header cell in the captioned table above ("件）", a short line of its
    own) was taken for it."""
    xs = [LEFT, 260.0, 400.0, RIGHT]

    def page(p: Page) -> None:
        p.text(LEFT, 70, "二、认证认可", size=12)
        p.text(200, 96, "表5 2023年计量器具检定情况")
        ys = [114.0, 146.0, 164.0, 182.0]
        p.grid(xs, ys)
        row(p, 118, [x + 4 for x in xs[:3]], ["器具名称", "检定数量（台", "合格率"])
        p.text(xs[1] + 4, 131, "件）", size=9)
        row(p, 150, [x + 4 for x in xs[:3]], ["水表", "5288", "98.87%"])
        row(p, 168, [x + 4 for x in xs[:3]], ["燃气表", "2875", "99.28%"])
        p.prose(200, "全年新增社会公用计量标准6项，累计达到152项。")
        ys = [230.0, 248.0, 266.0, 284.0]
        p.grid(xs, ys)
        row(p, 234, [x + 4 for x in xs[:3]], ["认证类别", "2022年", "2023年"])
        row(p, 252, [x + 4 for x in xs[:3]], ["产品认证", "2210", "2380"])
        row(p, 270, [x + 4 for x in xs[:3]], ["体系认证", "4126", "4532"])

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "heading.pdf", [page])).tables
    assert [(t.number, t.title) for t in tables] == [
        (5, "2023年计量器具检定情况"),
        (None, "二、认证认可"),
    ]


@pytest.mark.parametrize("layout", ["floated right", "boxed right", "boxed left"])
def test_prose_flowing_round_a_floating_table(tmp_path: Path, layout: str) -> None:
    """A table floated beside the prose (or set in a text box with its caption) with the
    prose flowing down its other side: each printed line held prose and table text at once,
    the prose became header text and cells, and the paragraph was dropped as the table's (or,
    beside a box on its left, cut into one paragraph a line)."""
    right = layout != "boxed left"
    box = (344.0, RIGHT + 6) if right else (LEFT - 6, 250.0)
    xs = [box[0] + 6, box[0] + 106, box[1] - 6]
    lines = [
        "全区每万人口高价值发明专利拥有量达到18.6",
        "件，同比增加2.3件；专利质押融资金额为6.85",
        "亿元，惠及企业132家。",
    ]

    def page(p: Page) -> None:
        p.text(LEFT, 62, "三、知识产权", size=12)
        if layout.startswith("boxed"):
            p.c.rect(box[0], HEIGHT - 186, box[1] - box[0], 186 - 88, stroke=1, fill=0)  # type: ignore[attr-defined]
            p.text(box[0] + 12, 94, "表4 专利授权情况", size=10)
        else:
            p.text(LEFT, 80, "表4 专利授权情况", size=10)  # over the float, at the margin
        ys = [112.0, 130.0, 148.0, 166.0]
        for y in ys:
            p.hline(xs[0], xs[-1], y)
        for x in xs:
            p.vline(x, ys[0] - 0.4, ys[-1] + 0.4)  # Word's rules overrun their corners
        row(p, 116, [x + 4 for x in xs[:2]], ["专利类型", "授权量（件）"])
        row(p, 134, [x + 4 for x in xs[:2]], ["发明专利", "1862"])
        row(p, 152, [x + 4 for x in xs[:2]], ["实用新型", "6958"])
        start = LEFT if right else box[1] + 10
        for k, text in enumerate(lines):
            p.text(start + (21 if k == 0 else 0), 96 + 18 * k, text, size=10.5)
        p.prose(200, "下一段落从这里开始。")

    pdf = make_pdf(tmp_path / "float.pdf", [page])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, t.title) for t in tables] == [(4, "专利授权情况")]
    assert cells_of(tables[0]) == {
        (("发明专利",), ("授权量（件）",)): "1862",
        (("实用新型",), ("授权量（件）",)): "6958",
    }
    assert "".join(lines) in [t for _, t in pdf_prose(pdf)]


def test_a_source_line_pushed_to_the_next_page_is_the_tables(tmp_path: Path) -> None:
    """A table filling its page to the foot, its 注 and 数据来源 lines moved to the top of the
    next page: they were lost. A note wrapped there is read as under a table: the wrapped line
    goes on the note, and the source after it is still the table's."""
    xs = [LEFT, 260.0, 400.0, RIGHT]

    def first(p: Page) -> None:
        p.text(200, 70, "表3 2023年养老机构情况")
        ys = [90.0 + 18 * k for k in range(38)]
        p.grid(xs, ys)
        row(p, 94, [x + 4 for x in xs[:3]], ["类别", "机构数", "床位数"])
        for k, y in enumerate(ys[1:-1]):
            row(p, y + 4, [x + 4 for x in xs[:3]], [f"第{k + 1}类", str(10 + k), str(300 + k)])

    def second(p: Page) -> None:
        p.text(LEFT, 66, "注：床位数含认知症照护床位和家庭照护床位，", size=9)
        p.text(LEFT, 77, "不含日间照料床位。", size=9)
        p.text(LEFT, 91, "数据来源：区民政局", size=9)
        p.prose(120, "全区养老服务体系不断完善。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "over.pdf", [first, second])).tables
    assert [(t.number, t.source_department, t.notes) for t in tables] == [
        (3, "区民政局", ["注：床位数含认知症照护床位和家庭照护床位，不含日间照料床位。"])
    ]
    assert len(tables[0].cells) == 36 * 2


@pytest.mark.parametrize("labels_again", [False, True])
def test_columns_spilled_onto_the_next_page_join_their_table(
    tmp_path: Path, labels_again: bool
) -> None:
    """A spreadsheet printed without fitting it to the page's width puts the columns that do
    not fit on the next page, each row where it stands on the first (and, with print titles,
    the row labels again). They were an untitled table of their own, its 单位 lost; the
    数据来源 under them is the table's."""
    streets = ["徐家汇街道", "湖南路街道", "天平路街道", "枫林路街道"]
    ys = [100.0 + 18 * k for k in range(6)]

    def first(p: Page) -> None:
        p.text(200, 70, "附表3 2023年各街镇质量类诉求分月情况")
        xs = [LEFT, 180.0, 300.0, 420.0, RIGHT]
        p.grid(xs, ys)
        row(p, ys[0] + 4, [x + 4 for x in xs[:4]], ["街镇", "1月", "2月", "3月"])
        for k, street in enumerate(streets):
            row(
                p,
                ys[k + 1] + 4,
                [x + 4 for x in xs[:4]],
                [street, *(str(10 * k + m) for m in (1, 2, 3))],
            )

    def second(p: Page) -> None:
        p.text(400, 84, "单位：件", size=9)
        xs = [LEFT, 180.0, 300.0, 420.0] if labels_again else [LEFT, 180.0, 300.0]
        p.grid(xs, ys)
        head = (["街镇"] if labels_again else []) + ["4月", "全年"]
        row(p, ys[0] + 4, [x + 4 for x in xs[:-1]], head)
        for k, street in enumerate(streets):
            cells = ([street] if labels_again else []) + [str(10 * k + 4), str(40 * k + 10)]
            row(p, ys[k + 1] + 4, [x + 4 for x in xs[:-1]], cells)
        p.text(LEFT, ys[-1] + 6, "数据来源：区市场监管局", size=9)

    pdf = make_pdf(tmp_path / "spill.pdf", [first, second])
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert (table.number, table.unit, table.source_department) == (3, "件", "区市场监管局")
    cells = cells_of(table)
    assert cells[(("枫林路街道",), ("4月",))] == "34"
    assert cells[(("徐家汇街道",), ("全年",))] == "10"
    assert len([k for k in cells if k[1] != ("街镇",)]) == 4 * 5


@pytest.mark.parametrize("down_then_over", [True, False])
def test_a_sheet_too_tall_and_too_wide_for_its_pages_joins_part_by_part(
    tmp_path: Path, down_then_over: bool
) -> None:
    """A spreadsheet's default page order prints a sheet too tall and too wide for its pages
    down, then over: the first columns of every row, page by page, then the other columns in
    the same order. The spilled columns of the first rows were joined to the last rows. Over,
    then down, the rows after a page of spilled columns were a table of their own."""
    n = 30  # rows on a page, under the header printed again on each
    ys = [100.0 + 18 * k for k in range(n + 2)]
    streets = [f"第{k + 1}街道" for k in range(2 * n)]

    def part(rows: range, first_columns: bool) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            if rows.start == 0 and first_columns:
                p.text(200, 70, "附表3 2023年各街道质量类诉求分月情况")
            xs = [LEFT, 180.0, 300.0, 420.0, RIGHT] if first_columns else [LEFT, 180.0, 300.0]
            p.grid(xs, ys)
            head = ["街道", "1月", "2月", "3月"] if first_columns else ["4月", "全年"]
            row(p, ys[0] + 4, [x + 4 for x in xs[:-1]], head)
            for k, r in enumerate(rows):
                cells = [streets[r], str(r), str(r + 100), str(r + 200)]
                row(
                    p,
                    ys[k + 1] + 4,
                    [x + 4 for x in xs[:-1]],
                    cells if first_columns else [str(r + 300), str(r + 400)],
                )

        return draw

    top, bottom = range(0, n), range(n, 2 * n)
    pages = [part(top, True), part(bottom, True), part(top, False), part(bottom, False)]
    if not down_then_over:
        pages = [pages[0], pages[2], pages[1], pages[3]]
    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "tall.pdf", pages)).tables
    assert (table.page_start, table.page_end) == (1, 4)
    cells = cells_of(table)
    assert cells[(("第1街道",), ("4月",))] == "300"
    assert cells[(("第59街道",), ("4月",))] == "358"
    assert cells[(("第60街道",), ("全年",))] == "459"
    assert len(cells) == 2 * n * 5


@pytest.mark.parametrize(("wrapped", "grouped"), [(False, False), (True, False), (True, True)])
def test_narrow_columns_of_figures_set_a_word_space_apart_stay_apart(
    tmp_path: Path, wrapped: bool, grouped: bool
) -> None:
    """A sheet with no gridlines fitted to the page: narrow columns, figures flush right, so
    the widest figures of neighbouring columns stand a word space apart (34.1 189.37) or touch
    a "—" set flush left (342—), and headers wrap on two lines over a label centred between
    them (and under a group header), the first row closer under the header than the rows are
    to one another. The columns were read as one ("34.1 189.37" under one header), and the
    wrapped headers under a group header as two header rows."""
    size = 9.0
    rights = [175.0, 201.0, 227.0, 253.0]  # each column's right edge, 26 points apart
    heads = (
        [("同比", "增长"), ("产值", "亿元"), ("企业", "家数"), ("投诉", "件数")]
        if wrapped
        else [("增长",), ("产值",), ("企业",), ("投诉",)]
    )
    body = [
        ["浦江镇", "34.1", "189.37", "352", "480"],
        ["华漕镇", "-5.5", "468.22", "49478", "58515"],
        ["颛桥镇", "34.2", "157.64", "342", "—"],
        ["马桥镇", "7.9", "339.06", "511", "34031"],
        ["吴泾镇", "—", "171.32", "659", "920"],
        ["江川路街道", "-9.0", "821.06", "47102", "332"],
    ]

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "表11：各街镇质量类投诉情况")
        if grouped:  # each year over two columns
            for x, year in ((rights[0], "2021年"), (rights[2], "2022年")):
                p.text(x + 1.5 - 12.8, 90, year, size=size)
        for k, line in enumerate(zip(*heads, strict=True)):
            for x, h in zip(rights, line, strict=True):
                width = pdfmetrics.stringWidth(h, FONT, size)
                # centred; a sheet spreads a wrapped header's lines over its row's height
                p.text(x - 13 - width / 2, 108 + 13.1 * k, h, size=size)
        p.text(LEFT + 20, 102.3 if wrapped else 108, "街镇", size=size)
        for r, cells in enumerate(body):
            top = (131.7 if wrapped else 119) + 12.3 * r  # set close under the header
            p.text(LEFT, top, cells[0], size=size)
            for k, (x, v) in enumerate(zip(rights, cells[1:], strict=True)):
                if v == "—":  # flush left in its cell, right after the column before
                    p.text(rights[k - 1] + 0.5 if k else x - 25, top, v, size=size)
                else:
                    p.text(x - pdfmetrics.stringWidth(v, FONT, size), top, v, size=size)
        p.prose(240, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "narrow.pdf", [draw])).tables
    names = [
        (f"202{1 + k // 2}年", "".join(h)) if grouped else ("".join(h),)
        for k, h in enumerate(heads)
    ]
    assert cells_of(table) == {
        ((cells[0],), name): v for cells in body for name, v in zip(names, cells[1:], strict=True)
    }


@pytest.mark.parametrize(
    ("printed", "close"),
    [
        ([("34.1", "189.37"), ("-7.9", "339.06")], True),  # a column's figures flush right
        ([("1", "234"), ("12", "345")], False),  # digits grouped by a space: one number each
        ([("0.7", "—"), ("111.10", "—")], False),  # a placeholder set flush left after a figure
        ([("128", "12.5%"), ("95",)], False),  # one pair only (a cell holding two figures)
        ([("6", "-", "9"), ("60", "/", "80")], False),  # ranges and ratios
    ],
)
def test_columns_set_close_are_told_by_figures_a_word_space_apart_on_two_lines(
    tmp_path: Path, printed: list[tuple[str, ...]], close: bool
) -> None:
    """Columns set close show in figures a word space apart on two lines or more, the first
    figures ending flush right where the others do."""

    def draw(p: Page) -> None:
        for k, (first, *rest) in enumerate(printed):
            right = LEFT + 120
            p.text(right - pdfmetrics.stringWidth(first, FONT, 9), 100 + 15 * k, first, size=9)
            p.text(right + 2.5, 100 + 15 * k, " ".join(rest), size=9)

    document = read_document(make_pdf(tmp_path / "close.pdf", [draw], header=False))
    assert bool(_close_edges(document.pages[0].lines)) is close


@pytest.mark.parametrize("gap", [0.0, 2.0])
def test_a_placeholder_after_a_figure_marks_no_column_in_a_close_set_table(
    tmp_path: Path, gap: float
) -> None:
    """In a table whose columns are set close, a "—" flush left in its cell, touching the
    figure of the column before or a word space after it, bridged the gap between the two
    columns, and they were read as one."""

    def draw(p: Page) -> None:
        p.text(LEFT + 100, 100, "97.9", size=9)
        p.text(LEFT + 100 + pdfmetrics.stringWidth("97.9", FONT, 9) + gap, 100, "—", size=9)

    (line,) = read_document(make_pdf(tmp_path / "dash.pdf", [draw], header=False)).pages[0].lines
    (seg,) = line.segments
    figure = [g for g in seg.glyphs if g.text != "—" and g.text.strip()]
    assert _ink_pieces(seg, [figure[-1].x1]) == [(figure[0].x0, figure[-1].x1)]
    assert _ink_pieces(seg) == [(seg.x0, seg.x1)]


@pytest.mark.parametrize(
    ("heads", "rows"),
    [
        (  # digits grouped by a space, and one cell holding a count and its share
            ["企业数(个)", "产值", "增长(%)", "备注"],
            [
                ["1 234", "12 345.6", "5.2", "128 12.5%"],
                ["987", "9 876.5", "4.1", ""],
                ["2 045", "20 456.7", "6.3", ""],
                ["1 678", "15 678.9", "3.3", ""],
            ],
        ),
        (  # limits as ranges, ranks as ratios
            ["标准限值", "排名", "2022年", "达标率(%)"],
            [
                ["6 - 9", "3 / 2", "7.8", "100.0"],
                ["5 - 8", "5 / 4", "7.1", "98.2"],
                ["60 - 80", "2 / 2", "3.5", "97.5"],
                ["10 - 20", "4 / 3", "0.41", "99.0"],
            ],
        ),
    ],
)
def test_cells_of_two_words_of_figures_in_wide_columns_stay_whole(
    tmp_path: Path, heads: list[str], rows: list[list[str]]
) -> None:
    """Figures a word space apart in one cell of a borderless table whose columns are set wide
    (1 234, 6 - 9, 3 / 2, 128 12.5%) are no columns set close: each cell stays whole under its
    header."""
    labels = ["城关街道", "东城街道", "西城街道", "北山镇"]
    rights = [250.0, 330.0, 420.0, RIGHT - 2]

    def draw(p: Page) -> None:
        p.text(200, 70, "表2：2022年各街镇主要指标")
        p.text(LEFT + 2, 100, "街镇", size=9)
        for x, head in zip(rights, heads, strict=True):
            _flush_right(p, x, 100, head, size=9)
        for r, (label, cells) in enumerate(zip(labels, rows, strict=True)):
            p.text(LEFT + 2, 118 + 16 * r, label, size=9)
            for x, v in zip(rights, cells, strict=True):
                if v:
                    _flush_right(p, x, 118 + 16 * r, v, size=9)
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "two_words.pdf", [draw])).tables
    assert cells_of(table) == {
        ((label,), (head,)): v
        for label, cells in zip(labels, rows, strict=True)
        for head, v in zip(heads, cells, strict=True)
        if v
    }


def _font_runs(s: str) -> list[tuple[str, list[tuple[str, str]]]]:
    fonts = [("Helvetica" if ch.isascii() else FONT, ch) for ch in s]
    return [(font, list(run)) for font, run in itertools.groupby(fonts, key=lambda fc: fc[0])]


@pytest.mark.parametrize("ruled", [True, False])
def test_a_period_heading_over_an_uncaptioned_table_opening_the_page_is_its_title(
    tmp_path: Path, ruled: bool
) -> None:
    """ "2022年" alone at the top of a page over an uncaptioned table whose rows open with
    labels: the table's heading. A ruled table there was read twice (the second time from
    its header line, the heading glued onto every row label), a borderless one not at all."""
    xs = [LEFT, 200.0, 300.0, 400.0, RIGHT]
    rows = [["指标", "绝对额", "增长(%)", "上年同期"], ["工业总产值", "970.0", "-3.0", "1000.0"]]
    rows += [["商品销售额", "455.2", "4.1", "437.3"], ["固定资产投资", "312.8", "6.6", "293.4"]]

    def second(p: Page) -> None:
        p.text(LEFT, 80, "2022年")
        ys = [100.0 + 18 * k for k in range(len(rows) + 1)]
        if ruled:
            p.grid(xs, ys)
        for y, cells in zip(ys, rows, strict=False):
            row(p, y + 4, [x + 4 for x in xs[:4]], cells)
        p.prose(ys[-1] + 30, "从结构看，工业总产值有所下降，投资继续增长。")

    pdf = make_pdf(
        tmp_path / "period.pdf", [lambda p: p.prose(100, "全区经济运行总体平稳。"), second]
    )
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert table.title == "2022年"
    assert cells_of(table) == {
        ((label,), (head,)): v
        for label, *values in rows[1:]
        for head, v in zip(rows[0][1:], values, strict=True)
    }


def test_a_title_wrapped_into_the_box_round_its_table_stays_the_captions(tmp_path: Path) -> None:
    """A box drawn round the table and the caption's second line: no upright rule parts that
    line into cells, so it is the title's end, not the table's first header row."""
    xs = [LEFT, 200.0, 300.0, 400.0, RIGHT]
    rows = [["指标", "2021年", "2022年", "增长(%)"], ["地区生产总值", "1234.5", "1302.7", "5.5"]]
    rows += [["第一产业", "45.6", "47.1", "3.3"], ["第二产业", "512.3", "540.8", "5.6"]]

    def draw(p: Page) -> None:
        p.prose(70, "全区经济运行总体平稳，主要指标保持增长，具体情况见下表。")
        p.text(LEFT + 10, 95, "表1：2022年全区国民经济和社会发展主要指标完成情况及与上年同期比较和")
        p.text(LEFT + 10, 111, "全市排位情况")
        p.hline(LEFT, RIGHT, 107.5)
        p.vline(LEFT, 107.5, 150)
        p.vline(RIGHT, 107.5, 150)
        ys = [150.0 + 20 * k for k in range(len(rows) + 1)]
        p.grid(xs, ys)
        for y, cells in zip(ys, rows, strict=False):
            row(p, y + 5, [x + 4 for x in xs[:4]], cells)
        p.prose(ys[-1] + 30, "从结构看，第三产业比重继续提高。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "boxed.pdf", [draw])).tables
    assert table.title.endswith("比较和全市排位情况")
    assert cells_of(table)[(("地区生产总值",), ("2022年",))] == "1302.7"


@pytest.mark.parametrize(
    ("texts", "top"),
    [
        (["全区常住人口", "58.6万人", "地区生产总值", "1302.7亿元", "城镇化率", "72.5%"], 70.0),
        (["增速(%)", "5.5", "3.3", "5.6", "5.6", "4.0"], 160.0),
    ],
)
def test_a_ruled_box_of_one_column_is_no_table(
    tmp_path: Path, texts: list[str], top: float
) -> None:
    """A one-column ruled box is a table only as a sheet's last column on a page of its own:
    its header over figures opening the page. A box of key figures under their labels, or one
    of figures set beside the prose, is none."""

    def draw(p: Page) -> None:
        if top > 100:
            p.prose(80, "全区经济运行总体平稳，主要指标保持增长，各季度增速情况见右侧。")
        ys = [top + 18 * k for k in range(len(texts) + 1)]
        p.grid([LEFT + 300, LEFT + 420], ys)
        for y, text in zip(ys, texts, strict=False):
            p.text(LEFT + 304, y + 4, text, size=9)

    assert (
        extract_pdf_tables("doc", make_pdf(tmp_path / "box.pdf", [draw], header=False)).tables == []
    )


def test_a_group_header_with_a_space_before_its_bracketed_unit_stays_whole(
    tmp_path: Path,
) -> None:
    """ "工业产值 (亿元)" centred over two sub-columns: the word space before the bracket falls
    over the gap between them, and a word space between CJK text and Latin opening text parts
    no cell."""
    size = 9.0
    centres = [250.0, 320.0, 420.0, 490.0]
    rows = [["城关街道", "123.4", "5.5", "56.7", "3.2"], ["东城街道", "98.7", "4.5", "45.6", "2.1"]]
    rows += [["西城街道", "204.5", "5.6", "88.9", "6.6"], ["北山镇", "156.7", "3.3", "67.8", "4.4"]]

    def centred(p: Page, x: float, top: float, s: str) -> None:
        """Latin text and digits in Helvetica, CJK text in the CJK font, as Word sets them."""
        runs = [(font, "".join(ch for _, ch in run)) for font, run in _font_runs(s)]
        x -= sum(pdfmetrics.stringWidth(t, font, size) for font, t in runs) / 2
        for font, t in runs:
            p.c.setFont(font, size)  # type: ignore[attr-defined]
            p.c.drawString(x, HEIGHT - top - size * 0.88, t)  # type: ignore[attr-defined]
            x += pdfmetrics.stringWidth(t, font, size)

    def draw(p: Page) -> None:
        p.text(200, 70, "表2：2022年各街镇主要指标")
        p.hline(LEFT, RIGHT, 94)
        centred(p, 285, 98, "工业产值 (亿元)")
        centred(p, 455, 98, "零售额 (亿元)")
        p.text(LEFT + 2, 114, "街镇", size=size)
        for x, h in zip(centres, ["总量", "增速", "总量", "增速"], strict=True):
            centred(p, x, 114, h)
        p.hline(LEFT, RIGHT, 128)
        for r, (label, *values) in enumerate(rows):
            p.text(LEFT + 2, 133 + 16 * r, label, size=size)
            for x, v in zip(centres, values, strict=True):
                centred(p, x, 133 + 16 * r, v)
        p.hline(LEFT, RIGHT, 198)
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "group_unit.pdf", [draw])).tables
    heads = [(g, s) for g in ("工业产值 (亿元)", "零售额 (亿元)") for s in ("总量", "增速")]
    assert cells_of(table) == {
        ((label,), head): v
        for label, *values in rows
        for head, v in zip(heads, values, strict=True)
    }


def test_a_placeholder_touching_the_figure_before_it_is_the_next_columns_text(
    tmp_path: Path,
) -> None:
    """98.5— : the "—" set flush left in the next cell touches the figure of the cell before.
    Within the run of that next column the line holds the placeholder alone, so a run of
    nothing but placeholders there joins the column it belongs to (a sheet printed with no
    gridlines had a column of its own of them, parting the last column from its header)."""

    def draw(p: Page) -> None:
        _flush_right(p, 262.9, 100, "98.5", size=9)
        p.text(263.2, 100, "—", size=9)

    (line,) = read_document(make_pdf(tmp_path / "dash.pdf", [draw], header=False)).pages[0].lines
    assert [s.text for s in line.segments] == ["98.5—"]
    assert _texts_in(line, (263.0, 0.0, 275.0, 0.0)) == ["—"]
    assert _texts_in(line, (230.0, 0.0, 262.9, 0.0)) == ["98.5"]


def test_headers_ending_in_a_bracket_a_word_space_from_the_next_stay_apart(
    tmp_path: Path,
) -> None:
    """ "企业数(家) 合格率(%)": two centred headers of narrow columns a word space apart. The
    space between a Latin word and CJK text ("2022 年") is no gap between cells, but a bracket
    is no word: the two headers were one, over one column."""
    size = 9.0
    heads = ["企业数(家)", "合格率(%)", "投诉件数"]
    rights = [190.0, 234.0, 278.0]  # 44 points apart: the headers 3 points apart
    body = [["梅陇镇", "325", "96.4", "571"], ["吴泾镇", "43255", "85.2", "769"]]
    body += [["紫竹高新区", "77278", "82.8", "95246"]]

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "表40：各街镇质量情况")
        p.text(LEFT, 92, "街镇", size=size)
        for x, h in zip(rights, heads, strict=True):
            p.text(x - 22 - pdfmetrics.stringWidth(h, FONT, size) / 2, 92, h, size=size)
        for r, cells in enumerate(body):
            p.text(LEFT, 108 + 14 * r, cells[0], size=size)
            for x, v in zip(rights, cells[1:], strict=True):
                p.text(x - pdfmetrics.stringWidth(v, FONT, size), 108 + 14 * r, v, size=size)
        p.prose(180, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "brackets.pdf", [draw])).tables
    assert cells_of(table) == {
        ((cells[0],), (head,)): v
        for cells in body
        for head, v in zip(heads, cells[1:], strict=True)
    }


def test_a_long_list_numbered_by_序号_over_pages_is_no_spilled_columns(tmp_path: Path) -> None:
    """A list of certified firms numbered by 序号 runs over three full pages, its header
    repeated on each, its caption left at the foot of the page before: each page's rows stand
    where the first page's do and figures open them, so the later pages were joined as columns
    spilled from the first (12 columns). The same header again is the rows going on."""
    xs = [LEFT, 110.0, 300.0, 420.0, RIGHT]
    head = ["序号", "企业名称", "证书编号", "发证日期"]

    def part(start: int) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            ys = [70.0 + 18 * k for k in range(40)]
            p.grid(xs, ys)
            row(p, ys[0] + 4, [x + 4 for x in xs[:4]], head)
            for k in range(38):
                n = start + k + 1
                cells = [str(n), f"上海某某实业有限公司{n}", f"QS{310000 + n}", "2023-05-01"]
                row(p, ys[k + 1] + 4, [x + 4 for x in xs[:4]], cells)

        return draw

    def before(p: Page) -> None:
        for k in range(30):
            p.prose(70 + 22 * k, "全区持续推进质量提升行动，企业质量管理水平不断提高。")
        p.text(200, 750, "附表2 2023年获证企业名单")

    pdf = make_pdf(tmp_path / "list.pdf", [before, part(0), part(38), part(76)])
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert (table.number, table.page_start, table.page_end) == (2, 2, 4)
    cells = cells_of(table)
    assert {k[1] for k in cells} == {("企业名称",), ("证书编号",), ("发证日期",)}
    assert cells[(("上海某某实业有限公司114",), ("证书编号",))] == "QS310114"
    assert len(cells) == 114 * 3


def _flush_right(p: Page, right: float, top: float, s: str, size: float = 10) -> None:
    p.text(right - pdfmetrics.stringWidth(s, FONT, size), top, s, size=size)


@pytest.mark.parametrize("blank", [None, 2])
def test_spilled_columns_headed_flush_left_over_figures_flush_right(
    tmp_path: Path, blank: int | None
) -> None:
    """A spreadsheet with no gridlines sets its headers flush left in their cells and the
    figures flush right. In a wide column the two do not overlap, and each header stands
    nearer the figures of the column before it than its own: headers were read as columns of
    their own, the spilled pages' figures lost their headers, and the third page, whose
    first column had no figure under its header, became an untitled table. The last page
    holds one column of figures (and an empty 备注): no line of it was a table row. A row
    the spilled columns leave blank is missing from their pages: the rest still stand beside
    their own rows (they were an untitled table)."""
    width, rows = 105.0, ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "合计"]
    heads = ["街镇", *(f"{y}年批次" for y in (2019, 2020, 2021)), "2019年合格率"]
    heads += ["2020年合格率", "2021年合格率", "备注"]
    value = {(r, c): f"{(7 * r + 13 * c) % 90 + 5}.{c}" for r in range(5) for c in range(1, 7)}

    def first_page(p: Page) -> None:
        p.text(LEFT, 70, "表3：各街镇产品质量监督抽查情况")
        for j, name in enumerate(heads[:4]):
            p.text(LEFT + j * width + 2, 100, name)
        for r, label in enumerate(rows):
            p.text(LEFT + 2, 116 + 15 * r, label)
            for j in (1, 2, 3):
                _flush_right(p, LEFT + (j + 1) * width - 2, 116 + 15 * r, value[(r, j)])

    def spilled(columns: list[int], spare: list[str]) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            for j, c in enumerate(columns):
                p.text(LEFT + j * width + 2, 100, heads[c])
                for r in range(len(rows)):
                    if r != blank:
                        _flush_right(p, LEFT + (j + 1) * width - 2, 116 + 15 * r, value[(r, c)])
            for j, name in enumerate(spare, start=len(columns)):
                p.text(LEFT + j * width + 2, 100, name)

        return draw

    pdf = make_pdf(
        tmp_path / "sheet.pdf", [first_page, spilled([4, 5], []), spilled([6], ["备注"])]
    )
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert (table.number, table.page_start, table.page_end) == (3, 1, 3)
    cells = cells_of(table)
    kept = {(r, c) for r in range(5) for c in range(1, 7) if r != blank or c < 4}
    assert set(cells) == {((rows[r],), (heads[c],)) for r, c in kept}
    assert all(cells[((rows[r],), (heads[c],))] == value[(r, c)] for r, c in kept)


@pytest.mark.parametrize("grouped", [False, True])
def test_spilled_columns_whose_headers_fill_the_page_they_are_alone_on(
    tmp_path: Path, grouped: bool
) -> None:
    """The page a sheet spilled two narrow columns onto holds nothing else: their headers,
    centred, fill most of the page's text, so the header line read as a line of prose (two
    long columns of text) over the figures, and the figures as running text; under a year
    heading each page's columns (a two-level header), too."""
    size, width = 10.0, 70.0
    streets = ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "合计"]
    heads = ["占比(%)", "投诉件数", "合格批次", "同比增长(%)"]
    value = {(r, c): f"{(7 * r + 13 * c) % 90 + 5}.{c}" for r in range(5) for c in range(4)}

    def columns(p: Page, x0: float, cols: range) -> None:
        if grouped:
            year = f"{2018 + cols.start // 2}年"
            p.text(x0 + width - pdfmetrics.stringWidth(year, FONT, size) / 2, 86, year, size=size)
        for j, c in enumerate(cols):
            right = x0 + (j + 1) * width
            head = pdfmetrics.stringWidth(heads[c], FONT, size)
            p.text(right - width / 2 - head / 2, 100, heads[c], size=size)
            for r in range(len(streets)):
                _flush_right(p, right - 2, 116 + 15 * r, value[(r, c)])

    def first(p: Page) -> None:
        p.text(LEFT, 70, "表33：各街镇质量类投诉情况")
        p.text(LEFT + 2, 100, "街镇", size=size)
        for r, street in enumerate(streets):
            p.text(LEFT + 2, 116 + 15 * r, street, size=size)
        columns(p, LEFT + 80, range(2))

    (table,) = extract_pdf_tables(
        "doc", make_pdf(tmp_path / "alone.pdf", [first, lambda p: columns(p, LEFT, range(2, 4))])
    ).tables
    assert (table.number, table.page_end) == (33, 2)
    assert cells_of(table) == {
        ((street,), (f"{2018 + c // 2}年", heads[c]) if grouped else (heads[c],)): value[(r, c)]
        for r, street in enumerate(streets)
        for c in range(4)
    }


def test_rows_of_figures_alone_do_not_go_on_under_a_table_of_labelled_rows(
    tmp_path: Path,
) -> None:
    """A borderless table of labelled rows runs to the foot of its page; the next page opens
    with rows of figures alone, as many columns wide, standing at heights of their own (no
    columns spilled beside its rows). They were read as its rows going on, their first figure
    taken for each row's label."""
    xs = [LEFT, 200.0, 300.0, 400.0]

    def first(p: Page) -> None:
        p.text(LEFT, 70, "表2：各街镇食品抽检情况")
        row(p, 100, xs, ["街镇", "抽检批次", "合格批次", "合格率"])
        for k in range(44):
            row(p, 116 + 15 * k, xs, [f"第{k + 1}街镇", str(300 + k), str(290 + k), "96.7"])

    def second(p: Page) -> None:
        for k in range(6):
            row(p, 90 + 21 * k, xs, [str(1200 + k), str(1100 + k), str(900 + k), str(800 + k)])
        p.prose(240, "全区食品安全形势总体稳定，未发生重大食品安全事故。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "after.pdf", [first, second])).tables
    assert (tables[0].number, tables[0].page_end) == (2, 1)
    assert {c.row_path for c in tables[0].cells} == {(f"第{k + 1}街镇",) for k in range(44)}


def test_a_page_laid_out_alike_under_a_heading_of_its_own_is_no_spilled_columns(
    tmp_path: Path,
) -> None:
    """Result sheets printed one section a page stand their rows at the same heights on every
    page. The next section, under its own heading and a row shorter (no 合计), was joined
    to the section before as its spilled columns."""
    xs = [LEFT, 200.0, 300.0, 400.0]

    def section(title: str, first: str, rows: int) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            p.text(LEFT, 70, title)
            row(p, 100, xs, [first, "赞成", "反对", "弃权"])
            for k in range(rows):
                opener = f"第{k + 1}组" if first else str(100 + k)
                row(p, 116 + 15 * k, xs, [opener, str(20 + k), str(10 + k), str(k)])

        return draw

    pdf = make_pdf(
        tmp_path / "sections.pdf",
        [section("一、区级议题", "组别", 6), section("二、街镇议题", "", 5)],
    )
    found = extract_pdf_tables("doc", pdf, stream_uncaptioned=True).tables
    assert [(t.title, t.page_start, t.page_end) for t in found] == [
        ("一、区级议题", 1, 1),
        ("二、街镇议题", 2, 2),
    ]


@pytest.mark.parametrize("group", [["2019年"], ["2019年全年", "（预计）"]])
def test_a_group_header_merged_across_the_page_edge_heads_its_columns_on_both_pages(
    tmp_path: Path, group: list[str]
) -> None:
    """A ruled sheet too wide for its page, with a two-row header: the group header 2019年 is
    a cell merged over the first page's last column and the next page's two columns. Its text
    stands on the next page, over a row the rules leave out there (no border on the page's
    edge), and the first page's last column has nothing over it: that column was taken for
    2018年's, and 2019年 was lost. Wrapped on two lines there, it raised a TypeError."""
    subs = ["抽查批次", "合格批次", "合格率(%)"]
    streets = ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "合计"]
    ys = [100.0, 118.0] + [136.0 + 18 * k for k in range(len(streets) + 1)]

    def value(r: int, c: int) -> str:
        return f"{90 + (r + c) % 9}.{c}" if c % 3 == 2 else str(100 * (c + 1) + 7 * r)

    def centred(p: Page, x0: float, x1: float, top: float, s: str) -> None:
        p.text((x0 + x1 - pdfmetrics.stringWidth(s, FONT, 9)) / 2, top, s, size=9)

    def body(p: Page, xs: list[float], first: int) -> None:
        for y in ys[1:]:
            p.hline(xs[0], xs[-1], y)
        for x in xs:
            p.vline(x, ys[1], ys[-1])
        for k, x in enumerate(xs[1:] if first == 0 else xs[:-1]):
            c = first + k
            centred(p, x, x + 80, ys[1] + 4, subs[c % 3])
            for r in range(len(streets)):
                centred(p, x, x + 80, ys[r + 2] + 4, value(r, c))

    def first(p: Page) -> None:
        xs = [60.0, 140.0, 220.0, 300.0, 380.0, 460.0]
        p.text(LEFT, 70, "表8：各街镇产品质量监督抽查情况")
        p.hline(60, 460, ys[0])
        for x in (60.0, 140.0, 380.0):  # 2019年 goes on over the page's edge: no border there
            p.vline(x, ys[0], ys[1])
        body(p, xs, 0)
        centred(p, 60, 140, 109, "街镇")
        centred(p, 140, 380, ys[0] + 4, "2018年")
        for r, street in enumerate(streets):
            centred(p, 60, 140, ys[r + 2] + 4, street)

    def second(p: Page) -> None:
        xs = [60.0, 140.0, 220.0]
        p.hline(60, 220, ys[0])
        p.vline(220, ys[0], ys[1])
        body(p, xs, 4)
        for k, text in enumerate(group):  # centred on the cell, over the edge; may wrap
            width = pdfmetrics.stringWidth(text, FONT, 8)
            p.text(100 - width / 2, ys[0] + 0.5 + 8.7 * k, text, size=8)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "edge.pdf", [first, second])).tables
    assert (table.page_start, table.page_end) == (1, 2)
    heads = [(year, sub) for year in ("2018年", "".join(group)) for sub in subs]
    assert {(c.row_path, c.col_path, c.raw_text) for c in table.cells} == {
        ((street,), heads[c], value(r, c)) for r, street in enumerate(streets) for c in range(6)
    }


@pytest.mark.parametrize("columns", [1, 2])
def test_spilled_columns_with_placeholders_set_flush_left(tmp_path: Path, columns: int) -> None:
    """The spilled page of a sheet with no gridlines: a "—" set flush left where a figure is
    missing stands at the page's left before the first column's figures (it was a column of
    its own, so no figure opened the rows), or touches the figure of the column before
    ("62842—"); a page of one column with a "—" in it was no column of figures at all."""
    width = 90.0
    heads = ["街镇", "抽查批次", "合格批次", "合格率(%)"]
    streets = ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "虹桥镇", "合计"]
    table = {
        (r, c): "—" if (r, c) in {(1, 2), (3, 3), (4, 2)} else f"{62842 - 1311 * r - 97 * c}"
        for r in range(len(streets))
        for c in (1, 2, 3)
    }
    spilled = [3] if columns == 1 else [2, 3]

    def cell(p: Page, c: int, k: int, r: int, x0: float) -> None:
        text, top = table[(r, c)], 116 + 15 * r
        if text != "—":
            _flush_right(p, x0 + (k + 1) * width - 2, top, text)
        elif k == 0:  # flush left at the cell's left
            p.text(x0 + k * width + 2, top, text)
        else:  # flush left: right against the figure of the column before
            p.text(x0 + k * width - 1, top, text)

    def first(p: Page) -> None:
        p.text(LEFT, 70, "表9：各街镇产品质量监督抽查情况")
        shown = [c for c in (1, 2, 3) if c not in spilled]
        p.text(LEFT + 2, 100, heads[0])
        for k, c in enumerate(shown, start=1):
            p.text(LEFT + k * width + 2, 100, heads[c])
        for r, street in enumerate(streets):
            p.text(LEFT + 2, 116 + 15 * r, street)
            for k, c in enumerate(shown, start=1):
                cell(p, c, k, r, LEFT)

    def second(p: Page) -> None:
        for k, c in enumerate(spilled):
            p.text(LEFT + k * width + 2, 100, heads[c])
            for r in range(len(streets)):
                cell(p, c, k, r, LEFT)

    (found,) = extract_pdf_tables("doc", make_pdf(tmp_path / "dash.pdf", [first, second])).tables
    assert (found.page_start, found.page_end) == (1, 2)
    assert {(c.row_path, c.col_path, c.raw_text) for c in found.cells} == {
        ((streets[r],), (heads[c],), text) for (r, c), text in table.items()
    }


def test_narrow_spilled_columns_set_closer_than_a_gap_are_parted(tmp_path: Path) -> None:
    """Narrow spreadsheet columns printed without gridlines set their figures closer than the
    gap between two pieces of a line (under an em): on a page of spilled columns with no row
    labels, every row read as one piece, no line was a table row, and the columns went to
    the prose. The strips every row leaves blank part them. The spilled columns' headers wrap
    on two lines (一季 / 度) where the first page's fit on one, aligned to the cells' foot."""
    width, label = 27.0, 80.0  # five figures of 9 pt are 21 pt wide, two ideographs 18 pt
    streets = ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "虹桥镇", "合计"]
    months = [f"{m}月" for m in range(1, 13)]
    later = ["一季度", "二季度", "三季度", "四季度", "上半年", "下半年", "全年"]

    def value(r: int, c: int) -> str:
        return str(10000 + (3797 * r + 10133 * c) % 90000)

    def first(p: Page) -> None:
        p.text(LEFT, 70, "表5：各街镇特种设备检验情况（单位：台）")
        p.text(LEFT + 2, 100, "街镇", size=9)
        for r, street in enumerate(streets):
            p.text(LEFT + 2, 115 + 14 * r, street, size=9)
        for j, month in enumerate(months):
            right = LEFT + label + (j + 1) * width
            p.text(right - 22, 100, month, size=9)
            for r in range(len(streets)):
                _flush_right(p, right - 2, 115 + 14 * r, value(r, j), size=9)

    def second(p: Page) -> None:
        for j, name in enumerate(later):
            right = LEFT + (j + 1) * width
            if len(name) == 3:
                p.text(right - 22, 89, name[:2], size=9)
                p.text(right - 18, 100, name[2], size=9)
            else:
                p.text(right - 22, 100, name, size=9)
            for r in range(len(streets)):
                _flush_right(p, right - 2, 115 + 14 * r, value(r, 12 + j), size=9)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "narrow.pdf", [first, second])).tables
    assert (table.number, table.unit, table.page_start, table.page_end) == (5, "台", 1, 2)
    cells = cells_of(table)
    assert set(cells) == {((s,), (h,)) for s in streets for h in months + later}
    assert all(
        cells[((s,), (h,))] == value(r, c)
        for r, s in enumerate(streets)
        for c, h in enumerate(months + later)
    )


@pytest.mark.parametrize(
    ("figures", "gap", "pieces", "font"),
    [
        (["4139", "6338", "9008"], 0.6, ["4139", "6338", "9008"], FONT),  # closer than an em
        (["1 234", "5 678", "9 012"], 0.6, ["1 234", "5 678", "9 012"], FONT),  # a typed space
        (["1 234", "5 678"], 0.6, ["1 234", "5 678"], "Courier"),  # a space 0.6 em wide
        (["4139", "6338", "9008"], 0.3, ["4139 6338 9008"], FONT),  # no wider than a space
    ],
)
def test_stacked_figures_part_where_every_line_leaves_a_strip_blank(
    tmp_path: Path, figures: list[str], gap: float, pieces: list[str], font: str
) -> None:
    """Lines of figures alone, stacked in columns, part at the strips all of them leave blank
    wider than a word space; a space typed inside a figure ("1 234") parts nothing, however
    wide its font sets it."""
    size = 10.0
    widths = [pdfmetrics.stringWidth(f, font, size) for f in figures]

    def draw(p: Page) -> None:
        p.prose(70, "全区各街镇特种设备检验台数如下。")
        for k in range(5):
            x = LEFT
            for figure, w in zip(figures, widths, strict=True):
                p.c.setFont(font, size)  # type: ignore[attr-defined]
                p.c.drawString(x, HEIGHT - 100 - 15 * k - size * 0.88, figure)  # type: ignore[attr-defined]
                x += w + gap * size

    (page,) = read_document(make_pdf(tmp_path / "stack.pdf", [draw])).pages
    stack = [ln for ln in page.lines if 95 < ln.top < 180]
    assert len(stack) == 5
    assert all([s.text for s in ln.segments] == pieces for ln in stack)


def test_placeholders_flush_left_beside_figures_flush_right(tmp_path: Path) -> None:
    """A spreadsheet with no gridlines sets figures flush right and text flush left: a "—"
    where a figure is missing stands at its cell's left, clear of the figures under it, or
    right against the figure of the column before ("736—"). Placeholders made a column of
    their own, or joined the figure before them."""
    heads = ["街镇", "抽查批次", "合格批次", "合格率(%)"]
    rights = [LEFT + 100 + 70 * k for k in range(1, 4)]
    rows = [
        ["莘庄镇", "736", "—", "95.1"],
        ["七宝镇", "8629", "19", "—"],
        ["浦江镇", "—", "447", "88.0"],
        ["梅陇镇", "55033", "47181", "90.2"],
        ["合计", "64398", "—", "—"],
    ]

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "表4：各街镇产品质量监督抽查情况")
        p.text(LEFT + 2, 100, heads[0])
        for k, right in enumerate(rights, start=1):
            p.text(right - 60, 100, heads[k])
        for r, cells in enumerate(rows):
            top = 116 + 15 * r
            p.text(LEFT + 2, top, cells[0])
            for k, right in enumerate(rights, start=1):
                if cells[k] == "—":  # flush left: just after the figures of the column before
                    p.text(rights[k - 2] + 1 if k > 1 else right - 68, top, "—")
                else:
                    _flush_right(p, right, top, cells[k])

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "dash.pdf", [draw])).tables
    assert cells_of(table) == {
        ((cells[0],), (heads[k],)): cells[k] for cells in rows for k in range(1, 4)
    }


@pytest.mark.parametrize(("wrapped", "width"), [(False, 70.0), (True, 70.0), (True, 29.0)])
def test_borderless_sheet_header_with_its_label_merged_down_between_its_rows(
    tmp_path: Path, wrapped: bool, width: float
) -> None:
    """A sheet with no gridlines centres a label merged down over the header's two rows (街镇)
    between them: 2018年 over its sub-headers and the label between were read as one wrapped
    cell ("2018年同比增长(%)"). Header cells wrapped on two lines (抽查 / 批次) stay one row;
    in columns so narrow that their first lines read as one piece, the lines under the caption
    opened with no table row, and no table was read at all."""
    subs = ["抽查批次", "合格率(%)"]
    years = ["2018年", "2019年"]
    left = LEFT + 80
    streets = ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "合计"]

    def value(r: int, c: int) -> str:
        return f"{(37 * r + 11 * c) % 60 + 40}.{c}" if c % 2 else str(300 + 17 * r + c)

    def centred(p: Page, x0: float, x1: float, top: float, s: str) -> None:
        p.text((x0 + x1 - pdfmetrics.stringWidth(s, FONT, 10)) / 2, top, s)

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "表6：各街镇质量类投诉情况")
        if wrapped:  # one level, each header cell on two lines, the label between them
            for c, name in enumerate(subs * 2):
                x0 = left + c * width
                centred(p, x0, x0 + width, 90, name[:2])
                centred(p, x0, x0 + width, 105, name[2:])
        else:
            for g, year in enumerate(years):
                centred(p, left + 2 * g * width, left + (2 * g + 2) * width, 90, year)
                for k, name in enumerate(subs):
                    x0 = left + (2 * g + k) * width
                    centred(p, x0, x0 + width, 105, name)
        centred(p, LEFT, left, 97.5, "街镇")
        for r, street in enumerate(streets):
            p.text(LEFT + 2, 122 + 15 * r, street)
            for c in range(4):
                _flush_right(p, left + (c + 1) * width - 2, 122 + 15 * r, value(r, c))

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "header.pdf", [draw])).tables
    if wrapped:
        heads = [(name,) for name in subs * 2]
    else:
        heads = [(year, name) for year in years for name in subs]
    cells = {(c.row_path, c.col_path, c.raw_text) for c in table.cells}
    assert len({c.col_path for c in table.cells}) == (2 if wrapped else 4)
    assert cells == {
        ((street,), heads[c], value(r, c)) for r, street in enumerate(streets) for c in range(4)
    }


def test_a_group_header_centred_over_four_columns_heads_all_four(tmp_path: Path) -> None:
    """A header centred over four columns is as centred on the middle two: with no rules,
    the middle group of three took two columns, and the columns either side of them went
    under the groups beside it."""
    subs = ["产值", "合格率", "企业数", "增长"]
    years = ["2018年", "2019年", "2020年"]
    width, left = 36.0, LEFT + 50

    def centred(p: Page, x0: float, x1: float, top: float, s: str) -> None:
        p.text((x0 + x1 - pdfmetrics.stringWidth(s, FONT, 8)) / 2, top, s, size=8)

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "表1：各街镇特种设备检验情况")
        for g, year in enumerate(years):
            centred(p, left + 4 * g * width, left + 4 * (g + 1) * width, 90, year)
            for k, sub in enumerate(subs):
                x0 = left + (4 * g + k) * width
                centred(p, x0, x0 + width, 102, sub)
        for r in range(4):
            p.text(LEFT + 2, 116 + 12 * r, f"第{r + 1}街道", size=8)
            for c in range(12):
                _flush_right(p, left + (c + 1) * width - 2, 116 + 12 * r, str(100 + 13 * c + r), 8)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "groups.pdf", [draw])).tables
    cells = cells_of(table)
    assert {k[1] for k in cells} == {(year, sub) for year in years for sub in subs}
    assert all(
        cells[((f"第{r + 1}街道",), (years[c // 4], subs[c % 4]))] == str(100 + 13 * c + r)
        for r in range(4)
        for c in range(12)
    )


def test_a_list_going_on_down_its_next_page_without_its_header_is_no_spilled_columns(
    tmp_path: Path,
) -> None:
    """A ruled 序号 list over two pages (its caption at the foot of the page before), its
    header printed on the first only: the second page's rows stand at the first page's
    heights, so they were taken for its spilled columns, the first of them beside the header
    (118 cells, headed 第3列…第8列)."""
    xs = [LEFT, 110.0, 300.0, 420.0, RIGHT]
    head = ["序号", "企业名称", "证书编号", "发证日期"]

    def part(start: int, n: int, header: bool) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            ys = [70.0 + 18 * k for k in range(n + 2)]
            p.grid(xs, ys[: n + (1 if header else 0) + 1])
            if header:
                row(p, ys[0] + 4, [x + 4 for x in xs[:4]], head)
            for k in range(n):
                m = start + k + 1
                cells = [str(m), f"上海某某实业有限公司{m}", f"QS{310000 + m}", "2023-05-01"]
                row(p, ys[k + header] + 4, [x + 4 for x in xs[:4]], cells)

        return draw

    def before(p: Page) -> None:
        for k in range(30):
            p.prose(70 + 22 * k, "全区持续推进质量提升行动，企业质量管理水平不断提高。")
        p.text(200, 750, "附表2 2023年获证企业名单")

    pdf = make_pdf(tmp_path / "list.pdf", [before, part(0, 38, True), part(38, 10, False)])
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert (table.page_start, table.page_end) == (2, 3)
    cells = cells_of(table)
    assert {k[1] for k in cells} == {("企业名称",), ("证书编号",), ("发证日期",)}
    assert len(cells) == 48 * 3


def test_a_column_of_nothing_but_placeholders_stays_a_column(tmp_path: Path) -> None:
    """A three-line table, figures set flush right, one year all "—": the run of dashes stood
    beside figures set flush right, like a sheet's "—" where one figure is missing, and went
    into the next column ('— 1456', under '2021年 2022年'). A sheet's "—" stands for its
    row's figure; here every row has a figure beside it too."""
    heads = ["指标", "2020年", "2021年", "2022年", "2023年"]
    rows = [
        ["抽查批次", "1234", "—", "1456", "1502"],
        ["合格批次", "1201", "—", "1420", "1470"],
        ["不合格批次", "33", "—", "36", "32"],
        ["合格率(%)", "97.3", "—", "97.5", "97.9"],
    ]
    mids = [LEFT + 40, 220.0, 300.0, 380.0, 460.0]

    def draw(p: Page) -> None:
        p.text(200, 70, "表1 2020-2023年产品质量监督抽查情况")
        p.hline(LEFT, RIGHT, 95, 1.0)
        p.hline(LEFT, RIGHT, 113)
        for k, head in enumerate(heads):
            w = pdfmetrics.stringWidth(head, FONT, 10)
            p.text(mids[k] - w / 2 if k else LEFT + 2, 99, head)
        for r, cells in enumerate(rows):
            p.text(LEFT + 2, 118 + 16 * r, cells[0])
            for k, text in enumerate(cells[1:], start=1):
                if text == "—":
                    p.text(mids[k] - 5, 118 + 16 * r, text)
                else:
                    _flush_right(p, mids[k] + 25, 118 + 16 * r, text)
        p.hline(LEFT, RIGHT, 118 + 16 * 4 + 2, 1.0)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "dashes.pdf", [draw])).tables
    assert cells_of(table) == {
        ((cells[0],), (heads[k],)): cells[k] for cells in rows for k in range(1, 5)
    }


def test_rows_of_text_over_the_first_figures_are_no_wrapped_header(tmp_path: Path) -> None:
    """A borderless table of test results, its cells wrapped on two lines and centred on their
    rows, its first rows text only (符合 / 合格): those rows, over the first figure, were read
    as one header wrapped on two lines (检验结果符合符合)."""
    xs = [LEFT, 150.0, 330.0, 420.0]
    rows = [
        ["外观", ["表面平整光滑，", "无裂纹、气泡"], "符合", "合格"],
        ["标签标识", ["产品名称、厂名", "厂址标识齐全"], "符合", "合格"],
        ["有效成分含量", ["不低于标示值的", "95%"], "96.2", "合格"],
        ["水分含量", ["不高于", "5.0%"], "3.1", "合格"],
    ]

    def draw(p: Page) -> None:
        p.text(200, 70, "表2 样品检验结果")
        row(p, 95, [x + 2 for x in xs], ["检验项目", "标准要求", "检验结果", "单项判定"])
        for k, cells in enumerate(rows):
            top = 115 + 34 * k
            p.text(xs[0] + 2, top + 7, str(cells[0]))
            p.text(xs[1] + 2, top, cells[1][0])
            p.text(xs[1] + 2, top + 14, cells[1][1])
            p.text(xs[2] + 2, top + 7, str(cells[2]))
            p.text(xs[3] + 2, top + 7, str(cells[3]))

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "results.pdf", [draw])).tables
    found = {c.row_path[0]: c.raw_text for c in table.cells if c.col_path == ("检验结果",)}
    assert found == {cells[0]: cells[2] for cells in rows}


def test_figures_read_as_running_text_are_reported(tmp_path: Path) -> None:
    """Rows of figures no table was read from (a spreadsheet's columns printed on a page of
    their own, set closer than a column's gap) end up in the prose: the page says so. Prose
    with figures in it says nothing."""
    from pipelines.extract.document import read_pdf

    def page(p: Page) -> None:
        p.prose(70, "2023年，全区受理质量类诉求12345件，同比下降5.6%，办结率为98.7%。")
        for k in range(8):
            p.text(LEFT, 100 + 14 * k, " ".join(str(1000077 + 37 * k + 11 * m) for m in range(6)))

    result = read_pdf(make_pdf(tmp_path / "figures.pdf", [page]), "doc")
    noted = [w for w in result.warnings if "figures read as running text" in w]
    assert noted == [
        "page 1: 48 figures read as running text, no table around them (a table with no"
        " caption, or columns printed on a page of their own)"
    ]


def test_text_clipped_away_is_not_read(tmp_path: Path) -> None:
    """A spreadsheet printed over pages prints a merged label whole on each page part and clips
    it to the part: the copy clipped away above the next page's rows was read, so that part no
    longer opened its page, and became a table of its own titled by the hidden label."""
    xs = [LEFT, 260.0, 400.0, RIGHT]

    def rows(p: Page, ys: list[float], first: int) -> None:
        p.grid(xs, ys)
        for k, y in enumerate(ys[:-1]):
            row(p, y + 4, [x + 4 for x in xs[:3]], [f"第{first + k}类", str(100 + k), "9"])

    def first(p: Page) -> None:
        p.text(200, 70, "附表1 2023年各类产品抽查情况")
        p.grid(xs, [90.0, 108.0])
        row(p, 94, [x + 4 for x in xs[:3]], ["类别", "批次", "不合格"])
        rows(p, [108.0 + 18 * k for k in range(38)], 1)

    def second(p: Page) -> None:
        c = p.c
        c.saveState()  # type: ignore[attr-defined]
        clip = c.beginPath()  # type: ignore[attr-defined]
        clip.rect(LEFT, HEIGHT - 300, RIGHT - LEFT, 300 - 80)
        c.clipPath(clip, stroke=0, fill=0)  # type: ignore[attr-defined]
        p.text(LEFT + 4, 62, "建筑材料", size=9)  # the merged label's copy, clipped away
        c.restoreState()  # type: ignore[attr-defined]
        rows(p, [80.0 + 18 * k for k in range(4)], 38)
        p.prose(180, "这是表格后面的正文段落，内容与表格无关。")

    pdf = make_pdf(tmp_path / "clipped.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.label, t.page_start, t.page_end) for t in tables] == [("附表1", 1, 2)]
    assert len(tables[0].cells) == (37 + 3) * 2
    assert not any("建筑材料" in t for _, t in pdf_prose(pdf))


@pytest.mark.parametrize("at", [11.9, 80.0])
def test_a_group_header_merged_across_the_cut_of_a_spilled_sheet_heads_both_pages(
    tmp_path: Path, at: float
) -> None:
    """A ruled sheet with a two-level header printed at its own width: 2020年 is merged over
    the last column of the first page and the one column spilled onto the second. The page's
    edge cuts it, so no rule closes it on either page, and each page prints it clipped at the
    cut (centred on the cut, the glyph the cut halves on both; or whole on the first page).
    Its text was dropped (no cell box held it), the halved glyph read twice, and the
    one-column page read as a table of its own."""
    streets = ["莘庄镇", "七宝镇", "浦江镇", "梅陇镇", "虹桥镇"]
    ys = [90.0, 108.0, *(126.0 + 18 * k for k in range(len(streets) + 1))]
    cut = 460.0  # the print area's right edge on the first page; LEFT on the second
    shift = cut - LEFT

    def clipped(p: Page, x0: float, x1: float, x: float) -> None:
        c = p.c
        c.saveState()  # type: ignore[attr-defined]
        clip = c.beginPath()  # type: ignore[attr-defined]
        clip.rect(x0, HEIGHT - ys[-1], x1 - x0, ys[-1] - ys[0])
        c.clipPath(clip, stroke=0, fill=0)  # type: ignore[attr-defined]
        p.text(x, ys[0] + 4, "2020年", size=9)
        c.restoreState()  # type: ignore[attr-defined]

    def first(p: Page) -> None:
        p.text(200, 70, "表6：各街镇抽查情况")
        xs = [LEFT, 160.0, 260.0, 360.0, cut]
        p.hline(LEFT, cut, ys[0])
        p.hline(xs[1], cut, ys[1])
        for y in ys[2:]:
            p.hline(LEFT, cut, y)
        for x in xs:  # none closes 2020年 at the cut
            p.vline(x, ys[0] if x in (LEFT, xs[1], xs[3]) else ys[1], ys[-1])
        p.text(LEFT + 4, 103, "街镇", size=9)
        p.text(195, ys[0] + 4, "2019年", size=9)
        clipped(p, LEFT, cut, cut - at)
        row(p, ys[1] + 4, [x + 4 for x in xs[1:4]], ["合格批次", "投诉件数", "合格批次"])
        for k, street in enumerate(streets):
            row(p, ys[k + 2] + 4, [x + 4 for x in xs[:4]], [street, f"{k}1", f"{k}2", f"{k}3"])

    def second(p: Page) -> None:
        p.hline(LEFT, 160.0, ys[0])
        for y in ys[1:]:
            p.hline(LEFT, 160.0, y)
        p.vline(LEFT, ys[1], ys[-1])  # 2020年 open on the left
        p.vline(160.0, ys[0], ys[-1])
        clipped(p, LEFT, 160.0, cut - at - shift)
        row(p, ys[1] + 4, [LEFT + 4], ["投诉件数"])
        for k in range(len(streets)):
            row(p, ys[k + 2] + 4, [LEFT + 4], [f"{k}4"])

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "cut.pdf", [first, second])).tables
    assert (table.label, table.title, table.page_end) == ("表6", "各街镇抽查情况", 2)
    heads = [("2019年", "合格批次"), ("2019年", "投诉件数"), ("2020年", "合格批次")]
    assert cells_of(table) == {
        ((street,), head): f"{k}{m}"
        for k, street in enumerate(streets)
        for m, head in enumerate([*heads, ("2020年", "投诉件数")], start=1)
    }


def test_a_group_header_alone_on_the_first_ruled_line_is_no_title(tmp_path: Path) -> None:
    """The caption's title goes on onto a line of its type under it; a header line inside the
    ruled frame under the caption (2022年, merged over the columns, set as a title would be
    centred) is the table's, not the title's."""
    xs = [LEFT, 150.0, 250.0, 350.0]
    ys = [86.0, 106.0, 124.0, 142.0, 160.0]

    def draw(p: Page) -> None:
        p.text(200, 72, "表2：各类产品抽查情况", size=10)
        p.hline(LEFT, xs[-1], ys[0])
        p.hline(xs[1], xs[-1], ys[1])
        for y in ys[2:]:
            p.hline(LEFT, xs[-1], y)
        for x in xs:
            p.vline(x, ys[1] if x == xs[2] else ys[0], ys[-1])
        p.text(235, ys[0] + 3, "2022年", size=10)  # centred under the caption
        p.text(LEFT + 4, 101, "类别", size=9)
        row(p, ys[1] + 4, [xs[1] + 4, xs[2] + 4], ["批次", "合格率(%)"])
        row(p, ys[2] + 4, [x + 4 for x in xs[:3]], ["食品", "120", "98.3"])
        row(p, ys[3] + 4, [x + 4 for x in xs[:3]], ["工业产品", "85", "95.1"])

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "group.pdf", [draw])).tables
    assert table.title == "各类产品抽查情况"
    assert cells_of(table) == {
        (("食品",), ("2022年", "批次")): "120",
        (("食品",), ("2022年", "合格率(%)")): "98.3",
        (("工业产品",), ("2022年", "批次")): "85",
        (("工业产品",), ("2022年", "合格率(%)")): "95.1",
    }


def test_a_glyph_halved_by_its_cells_clip_stays_out_of_the_next_cell(tmp_path: Path) -> None:
    """Text too long for its cell, clipped to the cell: the glyph the cell's edge halves, its
    middle beyond the edge, is hidden. It showed (a third of it lay inside the clip) and went
    to the next cell, whose middle it stands in (心区市场监管局)."""
    xs = [LEFT, 200.0, 340.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年牵头单位")
        p.grid(xs, ys)
        row(p, ys[0] + 4, [x + 4 for x in xs[:3]], ["单位", "主管部门", "项目数"])
        for k, y in enumerate(ys[1:3]):
            c = p.c
            c.saveState()  # type: ignore[attr-defined]
            clip = c.beginPath()  # type: ignore[attr-defined]
            clip.rect(xs[0], HEIGHT - y - 18, xs[1] - xs[0], 18)
            c.clipPath(clip, stroke=0, fill=0)  # type: ignore[attr-defined]
            # 14 glyphs of 10 points: the last from 197.5 to 207.5, a third inside the clip
            p.text(xs[1] - 2.5 - 130, y + 4, "上海市质量发展研究院附属中心")
            c.restoreState()  # type: ignore[attr-defined]
            row(p, y + 4, [xs[1] + 10, xs[2] + 4], ["区市场监管局", str(12 + k)])

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "overflow.pdf", [draw])).tables
    assert {row for row, _col in cells_of(table)} == {
        ("上海市质量发展研究院附属中", "区市场监管局")
    }


def test_a_glyph_clipped_to_the_strip_its_ink_fills_shows(tmp_path: Path) -> None:
    """cairo clips a vertical bracket (︵, flat and wide) to the strip of its em box that its
    ink fills: the box's middle fell outside the clip, and the bracket was dropped from the
    stacked header 场（厂）. A glyph wholly outside the clip stays hidden."""

    def page(p: Page) -> None:
        c = p.c
        for text, top, strip in (("（", 100.0, 4.0), ("隐", 130.0, 0.0)):
            c.saveState()  # type: ignore[attr-defined]
            clip = c.beginPath()  # type: ignore[attr-defined]
            # a strip at the top of the em box, or (0) a strip well above the glyph
            lower = HEIGHT - top - strip if strip else HEIGHT - top + 20
            clip.rect(LEFT, lower, 100, strip or 4.0)
            c.clipPath(clip, stroke=0, fill=0)  # type: ignore[attr-defined]
            p.text(LEFT + 4, top, text)
            c.restoreState()  # type: ignore[attr-defined]

    document = read_document(make_pdf(tmp_path / "strip.pdf", [page], header=False))
    texts = [ln.text for ln in document.pages[0].lines]
    assert texts == ["（"]


def test_glyphs_a_fonts_descent_hangs_under_the_baseline_stay_on_their_line(
    tmp_path: Path,
) -> None:
    """pdfminer sets a glyph's box from its font's Descent; a CJK font embedded with one of
    about an em (cairo writes Noto CJK's -1048) hung every glyph under its baseline, and the
    figures on the same line, in a Latin font, read as a line of their own: 全区抽检 over
    12568 批次. Such glyphs stand on their baseline."""

    def page(p: Page) -> None:
        c = p.c
        baseline = HEIGHT - 100
        c.setFont(FONT, 10)  # type: ignore[attr-defined]
        c.drawString(LEFT, baseline, "全区抽检食品")  # type: ignore[attr-defined]
        c.setFont("Helvetica", 10)  # type: ignore[attr-defined]
        c.drawString(LEFT + 62, baseline, "12568")  # type: ignore[attr-defined]
        c.setFont(FONT, 10)  # type: ignore[attr-defined]
        c.drawString(LEFT + 92, baseline, "批次，合格率为")  # type: ignore[attr-defined]
        c.setFont("Helvetica", 10)  # type: ignore[attr-defined]
        c.drawString(LEFT + 164, baseline, "97.82%")  # type: ignore[attr-defined]

    pdf = make_pdf(tmp_path / "descent.pdf", [page], header=False)
    data = pdf.read_bytes()
    assert data.count(b"/Descent -271") == 1  # reportlab's STSong metrics, patched in place
    pdf.write_bytes(data.replace(b"/Descent -271", b"/Descent -999"))
    lines = read_document(pdf).pages[0].lines
    assert [ln.text.replace(" ", "") for ln in lines] == ["全区抽检食品12568批次，合格率为97.82%"]
    assert abs(lines[0].top - (100 - 0.86 * 10)) < 1.5  # the em box over the baseline


def test_a_merged_label_cut_by_the_page_is_the_one_printed_on_the_next(tmp_path: Path) -> None:
    """A merged label cell the page break cut: a spreadsheet prints its label at the cell's
    foot, on the next page, and leaves the part at the foot of the page before empty. The
    empty cell carried the label above it down (日用消费品 over 钢筋 and 水泥)."""
    xs = [LEFT, 200.0, 360.0, RIGHT]

    def part(p: Page, top: float, groups: list[tuple[str, list[str]]], label_at_foot: bool) -> None:
        row(p, top + 4, [x + 4 for x in xs[:3]], ["产品类别", "产品名称", "抽查批次"])
        y = top + 18
        p.hline(LEFT, RIGHT, top)
        p.hline(LEFT, RIGHT, y)
        for label, items in groups:
            start = y
            for k, item in enumerate(items):
                row(p, y + 4, [xs[1] + 4, xs[2] + 4], [item, str(10 + k)])
                y += 18
                p.hline(xs[1] if k < len(items) - 1 else LEFT, RIGHT, y)
            if label:
                p.text(LEFT + 4, (y - 14) if label_at_foot else start + 4, label, size=9)
        for x in xs:
            p.vline(x, top, y)

    def first(p: Page) -> None:
        p.text(200, 70, "表5 2023年部分产品监督抽查情况")
        part(
            p,
            90,
            [("日用消费品", [f"日用品{k}" for k in range(1, 35)]), ("", ["钢筋", "水泥"])],
            False,
        )

    def second(p: Page) -> None:
        part(p, 70, [("建筑材料", ["砌块", "石材", "瓷砖"])], True)
        p.prose(200, "这是表格后面的正文段落，内容与表格无关。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "cut.pdf", [first, second])).tables
    got = cells_of(tables[0])
    assert got[(("建筑材料", "钢筋"), ("抽查批次",))] == "10"
    assert got[(("建筑材料", "瓷砖"), ("抽查批次",))] == "12"
    assert got[(("日用消费品", "日用品34"), ("抽查批次",))] == "43"
    assert len(got) == 34 + 2 + 3


def test_group_labels_on_rows_of_their_own_stay_over_their_rows(tmp_path: Path) -> None:
    """Group labels each alone on a row over the rows they head, in a column of their own:
    no merged cells, so none moves, though from a later row they would seem to tile the body
    (Staff went up beside Dropping out)."""
    groups = [("产品质量", [("抽查合格率", "40"), ("食品合格率", "15")])]
    groups += [("工程质量", [("验收合格率", "15"), ("抽检合格率", "13")])]
    groups += [("服务质量", [("满意度", "11"), ("投诉率", "6")])]
    cols = [LEFT + 4, 180.0, 420.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表3：质量指标权重")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, cols, ["类别", "指标", "权重"])
        p.hline(LEFT, RIGHT, 118, width=0.6)
        top = 122.0
        for group, items in groups:
            row(p, top, cols, [group, "", ""])
            for name, weight in items:
                top += 16
                row(p, top, cols, ["", name, weight])
            top += 16
        p.hline(LEFT, RIGHT, top, width=1.2)
        p.prose(top + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "groups.pdf", [draw])).tables
    got = cells_of(table)
    assert {k: v for k, v in got.items() if k[1] == ("权重",)} == {
        ((group, name), ("权重",)): weight for group, items in groups for name, weight in items
    }


def test_a_caption_in_white_on_a_rounded_tab_is_read(tmp_path: Path) -> None:
    """A designed report sets the caption in white on a coloured tab with rounded corners,
    which a browser draws as a curved path: white text showed only on a dark box, and the
    caption was dropped as invisible."""
    xs = [LEFT, 250.0, RIGHT]

    def draw(p: Page) -> None:
        p.c.setFillColorRGB(0.1, 0.3, 0.6)  # type: ignore[attr-defined]
        p.c.roundRect(LEFT, HEIGHT - 96, 220, 20, 6, stroke=0, fill=1)  # type: ignore[attr-defined]
        p.text(LEFT + 8, 80, "表3 2023年农产品质量安全监测情况", size=10, color=1.0)
        p.grid(xs, [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["类别", "合格率"])
        row(p, 122, [LEFT + 4, 254.0], ["蔬菜", "98.5%"])

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "tab.pdf", [draw])).tables
    assert [(t.number, t.title) for t in tables] == [(3, "2023年农产品质量安全监测情况")]


@pytest.mark.parametrize("over", [1, 3])
def test_a_few_rows_over_the_page_without_the_header_go_on(tmp_path: Path, over: int) -> None:
    """A table whose every row is ruled (a browser prints row borders) closes at the foot of
    its page with a rule, and one to three rows go on at the top of the next without the
    header: one ruled row was no table, a few were an untitled table of their own."""
    cols = [LEFT + 4, 260.0, 400.0]
    labels = [f"第{k}类服务" for k in range(1, 4 + over)]

    def ruled_rows(p: Page, top: float, names: list[str]) -> float:
        p.hline(LEFT, RIGHT, top)
        for name in names:
            row(p, top + 4, cols, [name, "81.2", "82.6"])
            top += 18
            p.hline(LEFT, RIGHT, top)
        return top

    def first(p: Page) -> None:
        p.prose(70, "公共服务质量满意度得分见下表。")
        p.text(200, 720, "表4 2022-2023年公共服务质量满意度得分")
        p.hline(LEFT, RIGHT, 736)
        row(p, 740, cols, ["类别", "2022年", "2023年"])
        ruled_rows(p, 754, labels[:3])

    def second(p: Page) -> None:
        bottom = ruled_rows(p, 66, labels[3:])
        p.text(LEFT, bottom + 6, "数据来源：区市场监管局", size=8)
        p.prose(bottom + 40, "这是表格后面的正文段落，内容与表格无关。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "over.pdf", [first, second])).tables
    assert [(t.number, t.page_start, t.page_end) for t in tables] == [(4, 1, 2)]
    assert tables[0].source_department == "区市场监管局"
    assert {c.row_path[0] for c in tables[0].cells} == set(labels)


def test_three_line_table_closed_on_each_page_with_repeated_header(tmp_path: Path) -> None:
    """Each page closes its part with a bottom rule and opens the next with the header again,
    at the same place on every page: one table, the header rows neither running matter nor
    data."""
    cols = [LEFT + 4, 200.0, 330.0, 460.0]
    header = ["类别", "2021年", "", "2022年"]
    sub = ["", "抽检数", "合格率", "抽检数"]
    n = iter(range(1, 100))

    def part(p: Page, top: float, rows: int, last: bool) -> None:
        p.hline(LEFT, RIGHT, top, width=1.2)
        row(p, top + 4, [cols[0], 240.0, cols[2], cols[3]], header)
        row(p, top + 20, cols, sub)
        p.hline(LEFT, RIGHT, top + 34, width=0.6)
        y = top + 38
        for _ in range(rows):
            k = next(n)
            row(p, y, cols, [f"第{k}类", str(100 + k), f"9{k % 10}.5", str(200 + k)])
            y += 16
        p.hline(LEFT, RIGHT, y, width=1.2)
        if last:
            p.text(LEFT, y + 6, "数据来源：区市场监管局", size=8)
            p.prose(y + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    def first(p: Page) -> None:
        p.prose(70, "各类产品抽检情况见表 6。")
        p.text(200, 560, "表6：2021-2022年各类产品抽检情况")
        part(p, 580, 10, last=False)

    def middle(p: Page) -> None:
        part(p, 66, 40, last=False)

    def last(p: Page) -> None:
        part(p, 66, 3, last=True)

    pdf = make_pdf(tmp_path / "three_line_continued.pdf", [first, middle, middle, last])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [t.number for t in tables] == [6]
    table = tables[0]
    assert (table.page_start, table.page_end) == (1, 4)
    assert table.source_department == "区市场监管局"
    got = cells_of(table)
    assert len(got) == 93 * 3
    assert got[(("第1类",), ("2021年", "抽检数"))] == "101"
    assert got[(("第12类",), ("2021年", "合格率"))] == "92.5"
    assert got[(("第93类",), ("2022年", "抽检数"))] == "293"
    assert not any("类别" in path or "" in path for path, _ in got)


def test_prose_in_reading_order_without_running_matter(tmp_path: Path) -> None:
    def first(p: Page) -> None:
        p.text(LEFT, 70, "一、总体情况", size=12)
        p.prose(95, "2022年，全区经济运行总体平稳，质量工作取得新进展，产品质量监督抽查合格")
        p.text(LEFT, 111, "率保持在较高水平。", size=10.5)
        p.prose(140, "第二段从这里开始，一直写到页面的最底部并且在下一页继续，中间没有句号")
        p.text(LEFT, 156, "结束的地方", size=10.5)

    def second(p: Page) -> None:
        p.text(LEFT, 70, "接着写完这一段。", size=10.5)

    pdf = make_pdf(tmp_path / "prose.pdf", [first, second])
    paragraphs = pdf_prose(pdf)
    texts = [t for _, t in paragraphs]
    assert texts[0] == "一、总体情况"
    assert (
        1,
        "2022年，全区经济运行总体平稳，质量工作取得新进展，产品质量监督抽查合格率保持在较高水平。",
    ) in paragraphs
    assert any(t.endswith("结束的地方接着写完这一段。") for t in texts)
    assert not any("白皮书" in t or "—" in t for t in texts)


@pytest.mark.parametrize("size", [8.0, 10.5])
def test_footnotes_under_their_rule_are_no_prose(tmp_path: Path, size: float) -> None:
    """Word sets a page's footnotes under a short rule at the left margin, in smaller type:
    they were read as paragraphs, and their figures as the report's statements. Text in body
    type under a short rule is prose."""

    def page(p: Page) -> None:
        p.prose(70, "2023年，全区完成食品安全抽检8265批次，总体合格率为98.42%。")
        p.hline(LEFT, LEFT + 120, 740, width=0.5)
        p.text(LEFT, 746, "1 含国家级任务326批次、市级任务1542批次。", size=size)

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "footnote.pdf", [page]))]
    assert texts[0] == "2023年，全区完成食品安全抽检8265批次，总体合格率为98.42%。"
    assert any("1542批次" in t for t in texts) == (size == 10.5)


@pytest.mark.parametrize(
    ("cited", "size", "footnote", "source_over"),
    [
        (True, 8.0, True, False),
        (True, 8.0, True, True),
        (False, 8.0, False, False),
        (True, 10.5, False, False),
    ],
)
def test_footnotes_marked_in_the_text_with_no_rule_are_no_prose(
    tmp_path: Path, cited: bool, size: float, footnote: bool, source_over: bool
) -> None:
    """Footnotes set with no rule over them: the page's last lines, in smaller type, opening
    with the mark (①) the text above cites (a chart's source line in small type may stand
    over them). Without the mark in the text, or in body type, they may be a list of the
    text's own (① … ② …) and stay prose."""

    def page(p: Page) -> None:
        mark = "①" if cited else ""
        p.prose(70, f"2023年，全区完成食品安全抽检8265批次，总体合格率为98.42%{mark}。")
        p.prose(100, "抽检覆盖全区各街镇，问题产品均已依法处置。")
        p.prose(130, "全年未发生区域性、系统性食品安全事件。")
        if source_over:
            p.text(LEFT, 716, "注：抽检数据截至2023年12月31日。", size=size)
        p.text(LEFT, 736, "①含国家级任务326批次、市级任务1542批次，", size=size)
        p.text(LEFT, 736 + size * 1.3, "其余为区级任务。", size=size)

    pdf = make_pdf(tmp_path / "footnote.pdf", [page], header=False)
    texts = [t for _, t in pdf_prose(pdf)]
    assert texts[0].startswith("2023年，全区完成食品安全抽检8265批次")
    assert any("1542批次" in t for t in texts) != footnote
    assert not footnote or texts == [
        "2023年，全区完成食品安全抽检8265批次，总体合格率为98.42%①。",
        "抽检覆盖全区各街镇，问题产品均已依法处置。",
        "全年未发生区域性、系统性食品安全事件。",
        *(["注：抽检数据截至2023年12月31日。"] if source_over else []),
    ]


def test_footnotes_marked_by_a_raised_figure_with_no_rule() -> None:
    """A footnote opening with a raised 1 is the text's footnote when the text raises a 1 too;
    a raised 2 cited nowhere is no footnote of it."""
    from pipelines.extract.pdf_glyphs import Glyph, make_line
    from pipelines.extract.pdf_prose import _unruled_footnotes_top

    def line(top: float, text: str, size: float, raised: str = "", at_start: bool = False):
        """A line of ``text``, a raised mark before it (``at_start``) or after it."""
        x = 60.0
        glyphs = []
        if raised and at_start:
            glyphs.append(Glyph(raised, x, x + 4, top - 2, top + 5, 5.0, True))
            x += 5
        for ch in text:
            glyphs.append(Glyph(ch, x, x + size, top, top + size, size))
            x += size
        if raised and not at_start:
            glyphs.append(Glyph(raised, x, x + 4, top - 2, top + 5, 5.0, True))
        made = make_line(glyphs)
        assert made is not None
        return made

    body = [
        line(70, "总体合格率为98.42%。", 10.5, raised="1"),
        line(90, "问题产品均已处置。", 10.5),
    ]
    note = line(736, "含国家级任务326批次。", 8.0, raised="1", at_start=True)
    assert _unruled_footnotes_top([*body, note], 10.5) == note.top
    other = line(736, "含国家级任务326批次。", 8.0, raised="2", at_start=True)
    assert _unruled_footnotes_top([*body, other], 10.5) is None


def test_a_heading_in_large_type_wrapped_over_two_lines_is_one(tmp_path: Path) -> None:
    """A boxed case's heading set large and wrapped at the margin was read as two paragraphs
    ("…提升住宅质量的新" and "途径"); two headings of that size, the first stopping short, stay
    two."""

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "【案例】6：开展住宅工程质量的全流程管理，探索提升住宅质量的新", size=15)
        p.text(LEFT, 92, "途径", size=15)
        p.prose(120, "为深入贯彻“人民城市人民建，人民城市为人民”重要理念，推动建筑业高质量发展。")
        p.text(LEFT, 150, "【案例】7：质量提升", size=15)
        p.text(LEFT, 172, "质量基础设施一站式服务", size=15)
        for k in range(6):  # the body's type is the page's usual size
            p.prose(200 + 30 * k, f"全区建成质量基础设施一站式服务站点{30 + k}个。")

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "heading.pdf", [draw], header=False))]
    assert texts[:4] == [
        "【案例】6：开展住宅工程质量的全流程管理，探索提升住宅质量的新途径",
        "为深入贯彻“人民城市人民建，人民城市为人民”重要理念，推动建筑业高质量发展。",
        "【案例】7：质量提升",
        "质量基础设施一站式服务",
    ]


def test_a_numbered_paragraph_wrapped_to_the_margin_goes_on(tmp_path: Path) -> None:
    """A paragraph that opens with （一） and runs over several lines: its first line was taken
    for a heading and the paragraph cut there, splitting 万平|方米 across two paragraphs. A
    short numbered line is still a heading of its own."""

    def draw(p: Page) -> None:
        p.text(LEFT, 70, "一、工程质量", size=10.5)
        p.prose(95, "（一）工程质量稳步提升。全年全区在建工程1256项，建筑面积2385.6万平")
        p.text(LEFT, 111, "方米；竣工验收工程312项，质量监督覆盖率达到100%，较上年提高了")
        p.text(LEFT, 127, "两个百分点。")
        p.prose(150, "（二）住宅工程质量投诉下降")
        p.prose(175, "全年受理住宅工程质量投诉312件，同比下降5.6%，处理率保持在较高水平")
        p.text(LEFT, 191, "之上。")

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "numbered.pdf", [draw], header=False))]
    assert texts == [
        "一、工程质量",
        "（一）工程质量稳步提升。全年全区在建工程1256项，建筑面积2385.6万平方米；竣工验收工程"
        "312项，质量监督覆盖率达到100%，较上年提高了两个百分点。",
        "（二）住宅工程质量投诉下降",
        "全年受理住宅工程质量投诉312件，同比下降5.6%，处理率保持在较高水平之上。",
    ]


def test_the_running_header_of_a_one_page_document_is_no_prose(tmp_path: Path) -> None:
    """With one page, no running header comes back to be recognised by: the report's name
    in small type over the page became its first paragraph."""

    def draw(p: Page) -> None:  # the header: the report's name in 9pt at the top, a rule
        p.text(LEFT, 80, "一、总体情况", size=12)
        p.prose(105, "2023年，全区产品质量监督抽查合格率为95.1%，同比提高0.4个百分点。")

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "one.pdf", [draw]))]
    assert texts == [
        "一、总体情况",
        "2023年，全区产品质量监督抽查合格率为95.1%，同比提高0.4个百分点。",
    ]


def test_front_matter_numbered_in_roman_numerals_leaves_the_prose(tmp_path: Path) -> None:
    """The 前言 and 目录 number their pages I, II, Ⅲ: each page's number is different text, so
    only its shape tells it is one (before, "II" and "Ⅲ" were paragraphs)."""

    def page(number: str, text: str) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            p.prose(150, text)
            p.text(WIDTH / 2 - 5, HEIGHT - 40, number, size=10)

        return draw

    said = ("质量工作取得新进展。", "产品质量总体稳定。", "服务质量持续提升。")
    draw = [page(n, text) for n, text in zip(("I", "II", "Ⅲ"), said, strict=True)]
    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "roman.pdf", draw, header=False))]
    assert "".join(texts) == "".join(said)


def test_boilerplate_prose_line_opening_two_pages_is_no_running_header(tmp_path: Path) -> None:
    """Reports say the same sentence more than once: when two pages happen to open on the same
    line of it (no running header above), that line is prose across the whole measure, not a
    running header, and its paragraph keeps it."""
    line = "坚持以习近平新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新"
    rest = ["发展理念，全年共收到投诉举报86585件。", "发展理念，全年共收到投诉举报91234件。"]

    def page(k: int) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            p.text(LEFT, 40, line, size=10.5)
            p.text(LEFT, 56, rest[k], size=10.5)
            p.prose(90, "这是另一段正文，到这里就结束了。")

        return draw

    pdf = make_pdf(tmp_path / "boilerplate.pdf", [page(0), page(1)], header=False)
    texts = [t for _, t in pdf_prose(pdf)]
    assert line + rest[0] in texts and line + rest[1] in texts


def test_a_space_character_after_every_glyph_spaces_the_letters_out(tmp_path: Path) -> None:
    """Some producers print a space character between every two glyphs of a line: the text
    reads as written ("98.5%", not "9 8 . 5 %"), and a line without them is untouched."""
    sentence = "全区食品抽检合格率为98.5%，同比提高0.3个百分点。"

    def draw(p: Page) -> None:
        p.text(LEFT + 21, 80, " ".join(sentence), size=10.5)
        p.text(LEFT + 21, 100, "PM2.5 年均浓度为 28 微克/立方米。", size=10.5)

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "spaced.pdf", [draw], header=False))]
    assert texts[0].startswith(sentence)
    assert texts[-1].endswith("PM2.5 年均浓度为 28 微克/立方米。")


def test_running_header_across_the_whole_width_stays_running_matter(tmp_path: Path) -> None:
    """A running header set across the full width, a rule under it, is no line of prose, and
    is not glued into a paragraph that runs over the page break."""
    title = "某区二〇二二年度质量状况分析白皮书暨质量发展工作总结和二〇二三年工作要点"

    def page(first: bool) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            p.text(LEFT, 40, title, size=10.5)
            p.hline(LEFT, RIGHT, 54, width=0.4)
            if first:
                p.prose(
                    90, "全区质量工作稳中有进，主要指标好于上年，各类产品的抽检数据详见下文所列"
                )
            else:
                p.text(LEFT, 90, "各表，不再赘述。", size=10.5)
                p.prose(120, "第二段从这里开始，到这里就结束了。")

        return draw

    pdf = make_pdf(tmp_path / "header.pdf", [page(True), page(False), page(False)], header=False)
    texts = [t for _, t in pdf_prose(pdf)]
    assert not any(title in t for t in texts)
    assert any(t.endswith("详见下文所列各表，不再赘述。") for t in texts)


def test_prose_beside_smaller_table_print_and_early_wraps_stays_one_paragraph(
    tmp_path: Path,
) -> None:
    """A page mostly filled by a table in smaller print still has 10.5pt prose as its body
    size, and a long line that stops short mid-sentence (software keeps "16.0%。" whole) wraps
    rather than ends its paragraph."""
    cols = [LEFT + 4, 250.0, RIGHT - 30]

    words = "全区深入实施质量提升行动推动质量变革效率变革动力变革" * 4
    lines = [words[:43], words[:45], words[:36] + "同比增长"]  # the last stops short

    def draw(p: Page) -> None:
        p.prose(70, lines[0])
        p.text(LEFT, 86, lines[1], size=10.5)
        p.text(LEFT, 102, lines[2], size=10.5)
        p.text(LEFT, 118, "16.0%。下一句话也在这个段落里面。", size=10.5)
        p.text(200, 140, "表1：2022年各园区产值")
        p.hline(LEFT, RIGHT, 158, width=1.2)
        row(p, 162, cols, ["园区", "产值", "同比(%)"])
        p.hline(LEFT, RIGHT, 176, width=0.6)
        for i in range(30):
            row(p, 180 + 16 * i, cols, [f"第{i + 1}园区", f"{100 + i}.5", f"{i}.1"])
        p.hline(LEFT, RIGHT, 662, width=1.2)

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "wrap.pdf", [draw], header=False))]
    assert texts == ["".join(lines) + "16.0%。下一句话也在这个段落里面。"]


def test_invisible_text_and_white_rules_are_ignored(tmp_path: Path) -> None:
    cols = [LEFT + 4, 300.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：抽检情况")
        p.hline(LEFT, RIGHT, 96, width=1.2)
        row(p, 100, cols, ["类别", "批次"])
        p.hline(LEFT, RIGHT, 114, width=0.6)
        row(p, 118, cols, ["食品", "120"])
        p.text(cols[1] + 60, 118, "999", size=9, color=1.0)  # white text
        p.text(-200, 134, "隐藏", size=9)  # off the page
        row(p, 134, cols, ["药品", "80"])
        p.c.setStrokeGray(1)  # type: ignore[attr-defined]
        p.hline(LEFT, RIGHT, 131, width=0.5)  # a white "rule"
        p.c.setStrokeGray(0)  # type: ignore[attr-defined]
        p.hline(LEFT, RIGHT, 148, width=1.2)

    pdf = make_pdf(tmp_path / "hidden.pdf", [draw])
    table = extract_pdf_tables("doc", pdf).tables[0]
    got = cells_of(table)
    assert got == {(("食品",), ("批次",)): "120", (("药品",), ("批次",)): "80"}


# --- bad PDFs


def _good_pdf(path: Path) -> Path:
    return make_pdf(path, [lambda p: p.prose(100, "正文。")])


def test_zero_byte_pdf(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match=r"empty\.pdf: empty file"):
        extract_pdf_tables("doc", path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("这不是 PDF 文件\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"notes\.pdf: not a PDF"):
        extract_pdf_tables("doc", path)


def test_truncated_pdf(tmp_path: Path) -> None:
    good = _good_pdf(tmp_path / "good.pdf")
    path = tmp_path / "cut.pdf"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(SourceError, match=r"cut\.pdf: (truncated|corrupt)"):
        extract_pdf_tables("doc", path)


def _pdf_with_layers(path: Path, off: bool) -> Path:
    """One page: a line in an optional content layer (off by default when ``off``) and a line
    outside it, written by hand (reportlab draws no layers)."""
    content = (
        b"/OC /oc1 BDC BT /F1 12 Tf 72 700 Td (DRAFT 88.8) Tj ET EMC "
        b"BT /F1 12 Tf 72 650 Td (FINAL 98.3) Tj ET"
    )
    state = b"/OFF [5 0 R]" if off else b"/ON [5 0 R]"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [5 0 R] /D << %s >> >> >>" % state,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources"
        b" << /Font << /F1 6 0 R >> /Properties << /oc1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /OCG /Name (Draft) >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


@pytest.mark.parametrize("off", [True, False])
def test_text_in_a_layer_the_viewer_hides_is_not_read(tmp_path: Path, off: bool) -> None:
    """A draft line in an optional content layer switched off is not shown by any viewer; it
    was read, and its figure went into the cells and facts. A layer that is on shows."""

    document = read_document(_pdf_with_layers(tmp_path / "layers.pdf", off))
    texts = [ln.text for page in document.pages for ln in page.lines]
    assert "FINAL 98.3" in texts
    assert ("DRAFT 88.8" in texts) is not off


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt

    path = tmp_path / "locked.pdf"
    c = canvas_mod.Canvas(
        str(path), pagesize=A4, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0)
    )
    c.setFont(FONT, 10)
    c.drawString(100, 700, "机密")
    c.showPage()
    c.save()
    with pytest.raises(SourceError, match=r"locked\.pdf: encrypted"):
        extract_pdf_tables("doc", path)


def test_pdf_locked_only_against_copying_is_read(tmp_path: Path) -> None:
    """Government PDFs are often encrypted with an owner password that forbids copying or
    editing but not opening: a reader opens them without a password, and so must we."""
    from reportlab.lib import pdfencrypt

    path = tmp_path / "permissions.pdf"
    lock = pdfencrypt.StandardEncryption("", "owner", canCopy=0, canModify=0, strength=128)
    c = canvas_mod.Canvas(str(path), pagesize=A4, encrypt=lock)
    c.setFont("Helvetica", 10.5)  # reportlab's encryption garbles its CID fonts' names
    c.drawString(80, 700, "Pass rate 98.07% in 2022.")
    c.showPage()
    c.save()
    assert b"/Encrypt" in path.read_bytes()
    assert pdf_prose(path) == [(1, "Pass rate 98.07% in 2022.")]


def test_text_with_no_unicode_behind_it_is_a_clear_error(tmp_path: Path) -> None:
    """Glyphs whose font maps them to no text (here control characters, as a broken ToUnicode
    map gives) make a PDF that reads as garbage: the file is named with the reason."""
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    path = tmp_path / "unmapped.pdf"
    c = canvas_mod.Canvas(str(path), pagesize=A4)
    c.setFont("Vera", 11)
    for k in range(10):  # code points the font has no glyph for
        c.drawString(72, 700 - 16 * k, "".join(chr(0xE000 + k * 7 + i) for i in range(30)))
    c.showPage()
    c.save()
    with pytest.raises(SourceError, match=r"unmapped\.pdf: fonts without a Unicode map"):
        extract_pdf_tables("doc", path)


def test_a_word_with_a_character_its_font_maps_wrongly_is_reported(tmp_path: Path) -> None:
    """A font whose map is broken for a few glyphs only (Ghostscript re-encoding a browser's
    fonts: 平 read as \x7f) is too little to refuse the document, but the words it is in read
    wrong: the page says so."""
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    path = tmp_path / "partly.pdf"
    c = canvas_mod.Canvas(str(path), pagesize=A4, pageCompression=0)
    c.setFont("Vera", 11)
    c.drawString(72, 700, "The sampling pass rate rose in every district")
    c.showPage()
    c.save()
    data = path.read_bytes()
    assert data.count(b"<6D> <006D>") == 1
    path.write_bytes(data.replace(b"<6D> <006D>", b"<6D> <007F>"))  # m -> a control code

    result = extract_pdf_tables("doc", path)
    assert pdf_prose(path) == [(1, "The sa\x7fpling pass rate rose in every district")]
    assert any(
        "page 1: 1 characters inside words have no Unicode map" in w for w in result.warnings
    )


def test_only_unmapped_characters_inside_words_are_reported_as_such() -> None:
    """A control code or (cid:NNN) between letters is a broken map; a private-use one is a
    symbol font's glyph unless it stands between ideographs; one at a line's start, beside a
    space, or beside a figure is no word's."""
    from pipelines.extract.pdf_layout import _unmapped_in_words

    def chars(text: str, line_break: int = -1) -> list[dict[str, object]]:
        return [
            {"text": t, "top": 100.0 if i < line_break or line_break < 0 else 114.0, "size": 10.0}
            for i, t in enumerate(text)
        ]

    assert _unmapped_in_words(chars("以习近\x7f新时代")) == 1
    assert _unmapped_in_words(chars("以习近\x7f\x7f时代")) == 2  # a run of them
    assert _unmapped_in_words(chars("以习近\ue123新时代")) == 1
    assert _unmapped_in_words(chars("（\ue123）")) == 0  # brackets round an icon
    assert _unmapped_in_words(chars("a\ue123b")) == 0  # a symbol font's bracket or icon
    assert _unmapped_in_words(chars("管理。\uf06c加强", line_break=3)) == 0  # a bullet
    assert _unmapped_in_words(chars("管理 \x7f 加强")) == 0
    assert _unmapped_in_words(chars("9\x7f.3")) == 0  # a figure's: told apart


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "scan.pdf"
    c = canvas_mod.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(Image.new("RGB", (200, 100), "white")), 100, 500, 200, 100)
    c.showPage()
    c.save()
    with pytest.raises(SourceError, match=r"scan\.pdf: .*needs OCR"):
        extract_pdf_tables("doc", path)


def _unpainted_text(c: object, x: float, top: float, text: str) -> None:
    """Text in render mode 3: laid out, never painted (an OCR layer, or a trap). The mode is
    graphics state: restored after, as a PDF writer does."""
    c.saveState()  # type: ignore[attr-defined]
    obj = c.beginText()  # type: ignore[attr-defined]
    obj.setTextRenderMode(3)
    obj.setFont(FONT, 10)
    obj.setTextOrigin(x, HEIGHT - top - 8.8)
    obj.textOut(text)
    c.drawText(obj)  # type: ignore[attr-defined]
    c.restoreState()  # type: ignore[attr-defined]


def test_key_figure_boxes_state_their_figures(tmp_path: Path) -> None:
    """A designed report's row of key-figure boxes: big figures over their units and labels.
    Read line by line it stated nothing ("12345 98.7 156", "件 % 家"); each box is read as a
    statement of its label, figure and unit. A row of figures with no labels under it states
    nothing still."""

    def page(p: Page) -> None:
        p.prose(70, "五、消费环境")
        for centre, (figure, unit, label) in zip(
            (120.0, 290.0, 460.0),
            [
                ("12345", "件", "投诉举报"),
                ("98.7", "%", "按时办结率"),
                ("156", "家", "放心消费示范单位"),
            ],
            strict=True,
        ):
            p.text(centre - len(figure) * 5.5, 100, figure, size=20)
            p.text(centre - len(unit) * 4.5, 128, unit, size=9)
            p.text(centre - len(label) * 4.5, 142, label, size=9)
        p.prose(170, "全年受理消费者投诉举报12345件，按时办结率为98.7%。")
        for k, figure in enumerate(("42", "17", "9")):
            p.text(120.0 + 170 * k, 220, figure, size=20)
        p.prose(260, "其他情况如下。")
        # labels over the figures, as short as units: told apart by the units they are not
        for centre, (label, figure, unit) in zip(
            (120.0, 290.0), [("企业", "42", "家"), ("合格率", "98.2", "%")], strict=True
        ):
            p.text(centre - len(label) * 4.5, 290, label, size=9)
            p.text(centre - len(figure) * 5.5, 304, figure, size=20)
            p.text(centre - len(unit) * 4.5, 332, unit, size=9)

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "keyfigs.pdf", [page]))]
    assert "投诉举报12345件，按时办结率98.7%，放心消费示范单位156家。" in texts
    assert not any("件 %" in t or "投诉举报 按时" in t for t in texts)
    assert "42 17 9" in texts  # no labels: read as printed, and it states nothing
    assert texts[-1] == "企业42家，合格率98.2%。"


@pytest.mark.parametrize("frame", ["shaded", "ruled over and under"])
def test_a_sidebar_the_prose_flows_round_is_read_apart(tmp_path: Path, frame: str) -> None:
    """A callout on a shaded box, or a pull-quote between a rule over it and one under it, set
    at the right of the text column with the prose flowing round it: read with the flow, its
    lines cut the sentence beside them ("…食品抽检合" / "98.6%" / "格率为98.6%…"). The sentence
    reads whole and the box is a paragraph of its own."""
    sentence = (
        "2023年，全区完成食品安全监督抽检7215批次，食品抽检合格率为98.6%，同比提高0.3个百分点，"
        "抽检覆盖全区各街镇的生产、流通和餐饮环节，重点品种抽检比例进一步提高，问题产品全部依法处置，"
        "全年未发生区域性、系统性食品安全事件，群众食品安全满意度持续提升，食品安全工作考核位列全市前列。"
    )

    def page(p: Page) -> None:
        box = (380.0, 96.0, RIGHT, 170.0)
        if frame == "shaded":
            p.c.setFillColorRGB(0.92, 0.95, 0.89)  # type: ignore[attr-defined]
            p.c.rect(box[0], HEIGHT - box[3], box[2] - box[0], box[3] - box[1], stroke=0, fill=1)  # type: ignore[attr-defined]
            p.c.setFillGray(0)  # type: ignore[attr-defined]
        else:
            p.hline(box[0], box[2], box[1], width=1.5)
            p.hline(box[0], box[2], box[3], width=1.5)
        p.text(box[0] + 8, 104, "98.6%", size=24)
        p.text(box[0] + 8, 140, "食品抽检合格率", size=9)
        # beside the box a line holds 29 glyphs, under it 45 (the first indented two)
        widths = [27, 29, 29, 29, 29, 45]
        start = 0
        for k, width in enumerate(widths):
            text = sentence[start : start + width]
            p.text(LEFT + (21 if k == 0 else 0), 100 + 16 * k, text, size=10.5)
            start += width

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "sidebar.pdf", [page]))]
    assert sentence in texts
    assert any(t.startswith("98.6%") and "食品抽检合格率" in t for t in texts)


def test_text_never_painted_is_not_read(tmp_path: Path) -> None:
    """Text in render mode 3 is neither filled nor stroked: no viewer shows it. Set over a
    table's figure (a trap) or beside the prose, it was read as the page's text."""
    xs = [LEFT, 260.0, RIGHT]

    def page(p: Page) -> None:
        p.prose(70, "全区产品质量监督抽查合格率为95.1%。")
        _unpainted_text(p.c, LEFT + 21, 90, "全区产品质量监督抽查合格率为99.9%。")
        p.text(200, 120, "表1 2023年抽查情况")
        p.grid(xs, [140.0, 158.0, 176.0])
        row(p, 144, [xs[0] + 4, xs[1] + 4], ["类别", "合格率"])
        row(p, 162, [xs[0] + 4, xs[1] + 4], ["食品", "98.5%"])
        _unpainted_text(p.c, xs[1] + 60, 162, "99.9%")

    pdf = make_pdf(tmp_path / "unpainted.pdf", [page])
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert cells_of(table)[(("食品",), ("合格率",))] == "98.5%"
    assert not any("99.9" in t for _, t in pdf_prose(pdf))


def test_a_scans_ocr_layer_is_its_text(tmp_path: Path) -> None:
    """A scanned page with an OCR text layer prints the text nowhere (render mode 3 over the
    picture): that layer is all the text the page has, and it is read, with a notice. The
    recogniser's spaces between the words it parts Chinese text into are dropped."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "ocr.pdf"
    c = canvas_mod.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(Image.new("RGB", (300, 400), "white")), 0, 0, WIDTH, HEIGHT)
    for k, text in enumerate(
        ["全区 产品 质量 监督 抽查 合格率为95.1%，", "同比 提高0.3个 百分点。"]
    ):
        _unpainted_text(c, LEFT + (21 if k == 0 else 0), 100 + 16 * k, text)
    c.showPage()
    c.save()
    assert [t for _, t in pdf_prose(path)] == [
        "全区产品质量监督抽查合格率为95.1%，同比提高0.3个百分点。"
    ]
    warnings = extract_pdf_tables("doc", path).warnings
    assert any("OCR" in w and "page 1" in w for w in warnings), warnings


def test_table_printed_as_a_picture_and_a_scanned_page_are_reported(
    tmp_path: Path,
    capsys: pytest.CaptureFixture,  # type: ignore[type-arg]
) -> None:
    """A caption over a picture of its table, and a page scanned into a text PDF, are named in
    warnings (the caption as a table with no cells), not skipped without a word."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    picture = ImageReader(Image.new("RGB", (400, 200), "white"))

    def captioned(p: Page) -> None:
        p.prose(70, "各类产品抽检情况见表 3。")
        p.text(200, 100, "表3：各类产品抽检合格率")
        p.c.drawImage(picture, LEFT, HEIGHT - 320, 400, 200)  # type: ignore[attr-defined]
        p.prose(340, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    def scanned(p: Page) -> None:
        p.c.drawImage(picture, LEFT, HEIGHT - 500, 400, 400)  # type: ignore[attr-defined]

    pdf = make_pdf(tmp_path / "pictures.pdf", [captioned, scanned])
    result = extract_pdf_tables("doc", pdf)
    (table,) = result.tables
    assert (table.number, table.title, table.cells, table.page_start) == (
        3,
        "各类产品抽检合格率",
        [],
        1,
    )
    assert table.warnings and "caption without table body on page 1" in table.warnings[0]
    assert "OCR" in table.warnings[0]
    assert result.warnings == ["page 2 has images and no text (scanned?): it needs OCR"]
    from pipelines.extract.pdf_cli import main

    assert main([str(pdf), "--format", "csv"]) == 0
    err = capsys.readouterr().err
    assert "表3: caption without table body on page 1" in err
    assert "page 2 has images and no text" in err


def test_caption_shaped_lines_with_no_room_for_a_picture_make_no_table(tmp_path: Path) -> None:
    """A prose line that wraps to open with 表2, and a list of annex captions set line under
    line, are no captions over a missing table: only the real 表2 is read."""
    cols = [LEFT + 4, 250.0, 400.0]

    def draw(p: Page) -> None:
        p.prose(60, "全区各类产品抽检情况总体平稳，主要指标均好于上年，具体各类产品的抽检数据详")
        p.text(
            LEFT,
            76,
            "表2所列，其中食品抽检合格率为98.5%，较上年提高0.3个百分点，工业产品",
            size=10.5,
        )
        p.prose(92, "抽检合格率为95.1%。")
        p.text(LEFT + 21, 110, "附表1 各街镇抽检情况", size=10.5)
        p.text(LEFT + 21, 126, "附表2 各园区抽检情况", size=10.5)
        p.prose(142, "以上附表见报告末尾。")
        p.text(200, 180, "表2：2022年各园区产值")
        p.hline(LEFT, RIGHT, 196, width=1.2)
        row(p, 200, cols, ["园区", "产值", "同比(%)"])
        p.hline(LEFT, RIGHT, 214, width=0.6)
        row(p, 218, cols, ["紫竹高新区", "179.72", "2.6"])
        row(p, 234, cols, ["莘庄工业区", "1014.69", "-2.8"])
        p.hline(LEFT, RIGHT, 250, width=1.2)
        p.prose(280, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    result = extract_pdf_tables("doc", make_pdf(tmp_path / "mentions.pdf", [draw]))
    assert [(t.label, t.title, len(t.cells), t.warnings) for t in result.tables] == [
        ("表2", "2022年各园区产值", 4, [])
    ]


def test_blank_pages_name_the_pages_read(tmp_path: Path) -> None:
    def blank(p: Page) -> None:
        pass

    path = make_pdf(tmp_path / "blank.pdf", [blank] * 4, header=False)
    with pytest.raises(SourceError, match=r"blank\.pdf: no text layer: none of its 4 pages"):
        extract_pdf_tables("doc", path)
    with pytest.raises(SourceError, match=r"none of pages 1-2, 4 has any text"):
        extract_pdf_tables("doc", path, pages={1, 2, 4})
    with pytest.raises(SourceError, match=r"no text layer: page 3 has no text"):
        extract_pdf_tables("doc", path, pages={3})


def test_document_status_records_bad_pdf(tmp_path: Path) -> None:
    from pipelines.extract.document import FAILED, extract_document
    from pipelines.ingest.catalog import discover_documents

    (tmp_path / "bad.pdf").write_bytes(b"")
    (tmp_path / "bad.txt").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    documents = [d for d in discover_documents(tmp_path) if d.document_id == "bad"]
    statuses = {s.rendition: s for s in extract_document(documents[0]).statuses}
    assert statuses["pdf"].status == FAILED
    assert "bad.pdf" in (statuses["pdf"].error or "")
    assert statuses["text"].status != FAILED


# --- the bundled PDFs against their text exports


@pytest.fixture(scope="module")
def bundled_agreement(sources_dir: Path) -> Agreement:
    # the benchmark's measure (a), on the bundled documents
    return agreement(read_bundled(sources_dir))


def test_bundled_pdfs_find_the_same_captioned_tables(bundled_agreement: Agreement) -> None:
    for stem, text_numbers in bundled_agreement.text_numbers.items():
        assert bundled_agreement.pdf_numbers[stem] == text_numbers, stem


def test_bundled_pdfs_agree_with_text_path_regression_floor(bundled_agreement: Agreement) -> None:
    assert bundled_agreement.share >= 0.95


def _two_column_page(p: Page) -> None:
    """Prose in both columns, a borderless table in the left one level with prose on the right."""
    left, right = LEFT, 310.0
    para = "全区质量工作稳步推进，产品质量抽查合格率保持较高水平，"  # 26 characters, 10 pt
    for i in range(6):
        p.text(left, 80 + 16 * i, para[:22], size=10)
    p.text(left + 40, 190, "表1：2022年抽查情况", size=10)
    cols = [left + 4, left + 110, left + 170]
    body = [["类别", "批次", "合格率%"], ["食品", "120", "98.5"], ["工业产品", "86", "95.2"]]
    body += [["特种设备", "45", "99.1"], ["计量器具", "60", "97.8"]]
    for i, cells in enumerate(body):
        row(p, 212 + 16 * i, cols, cells)
    for i in range(5):
        p.text(left, 310 + 16 * i, para[:22] if i < 4 else "工作取得新进展。", size=10)
    words = "右栏正文介绍监督检查的安排和结果并说明下一步的工作重点与措施"
    for i in range(20):
        p.text(right, 80 + 16 * i, words[:22] if i % 7 != 6 else words[:9], size=10)


def test_two_column_page_reads_the_table_in_its_column(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "two_columns.pdf", [_two_column_page])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [t.number for t in tables] == [1]
    got = cells_of(tables[0])
    assert got[(("食品",), ("批次",))] == "120"
    assert got[(("计量器具",), ("合格率%",))] == "97.8"
    # nothing from the prose column beside the table is read into it
    assert not any("右栏" in c.raw_text or "右栏" in "".join(c.row_path) for c in tables[0].cells)
    assert len(tables[0].cells) == 8


def test_two_column_page_prose_reads_column_by_column(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "two_columns.pdf", [_two_column_page])
    texts = [t for _, t in pdf_prose(pdf)]
    joined = "".join(texts)
    # the left column's prose comes whole before the right column's
    assert joined.index("全区质量") < joined.index("右栏正文")
    assert not any("全区" in t and "右栏" in t for t in texts)


def test_a_table_across_both_columns_of_prose(tmp_path: Path) -> None:
    """Two columns of prose with a ruled table set across both: its rules crossing the gutter
    made the page one column, and each printed line ran across both columns of prose."""
    right = 310.0
    left_words = "左栏介绍全区产品质量监督抽查的总体情况与主要成效，合格率稳中有升，"
    right_words = "右栏说明特种设备安全监管的安排和结果以及下一步工作重点，隐患整改到位，"

    def column(p: Page, x: float, top: float, words: str, n: int) -> None:
        for i in range(n):
            p.text(x + (21 if i == 0 else 0), top + 16 * i, words[:20] if i < n - 1 else "完毕。")

    def page(p: Page) -> None:
        column(p, LEFT, 70, left_words, 7)
        column(p, right, 70, right_words, 7)
        p.text(220, 196, "表2 2023年产品质量监督抽查情况")
        xs = [LEFT, 250.0, 400.0, RIGHT]
        ys = [214.0, 232.0, 250.0, 268.0]
        p.grid(xs, ys)
        for y, cells in zip(
            ys,
            [["类别", "批次", "合格率"], ["食品", "120", "98.5%"], ["工业产品", "86", "95.2%"]],
            strict=False,
        ):
            row(p, y + 4, [x + 4 for x in xs[:3]], cells)
        p.text(LEFT, 272, "数据来源：区市场监管局", size=8)
        column(p, LEFT, 300, left_words, 8)
        column(p, right, 300, right_words, 8)

    pdf = make_pdf(tmp_path / "across.pdf", [page])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, t.source_department, len(t.cells)) for t in tables] == [
        (2, "区市场监管局", 4)
    ]
    texts = [t for _, t in pdf_prose(pdf)]
    assert not any("左栏" in t and "右栏" in t for t in texts)
    order = [("左栏" in t, "右栏" in t) for t in texts if "栏" in t]
    assert order == [(True, False), (False, True), (True, False), (False, True)]


def test_two_tables_across_both_columns_of_prose(tmp_path: Path) -> None:
    """Two tables set across both columns, with columns of prose between them: each table is a
    band of its own. Read as one band from the first table's top to the second's bottom, the
    prose between ran across both columns."""
    right = 310.0
    left_words = "左栏介绍全区产品质量监督抽查的总体情况与主要成效，合格率稳中有升，"
    right_words = "右栏说明特种设备安全监管的安排和结果以及下一步工作重点，隐患整改到位，"

    def column(p: Page, x: float, top: float, words: str, n: int) -> None:
        for i in range(n):
            p.text(x + (21 if i == 0 else 0), top + 16 * i, words[:20] if i < n - 1 else "完毕。")

    def table(p: Page, top: float, number: int) -> None:
        p.text(220, top, f"表{number} 2023年产品质量监督抽查情况")
        xs = [LEFT, 250.0, 400.0, RIGHT]
        ys = [top + 18 * k for k in range(1, 5)]
        p.grid(xs, ys)
        cells = [["类别", "批次", "合格率"], ["食品", "120", "98.5%"], ["工业产品", "86", "95.2%"]]
        for y, texts in zip(ys, cells, strict=False):
            row(p, y + 4, [x + 4 for x in xs[:3]], texts)

    def page(p: Page) -> None:
        for top in (70, 250, 430):
            column(p, LEFT, top, left_words, 5)
            column(p, right, top, right_words, 5)
        table(p, 160, 2)
        table(p, 340, 3)

    pdf = make_pdf(tmp_path / "two_across.pdf", [page])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, len(t.cells)) for t in tables] == [(2, 4), (3, 4)]
    texts = [t for _, t in pdf_prose(pdf)]
    assert not any("左栏" in t and "右栏" in t for t in texts)
    order = [("左栏" in t, "右栏" in t) for t in texts if "栏" in t]
    assert order == [(True, False), (False, True)] * 3


def test_a_gap_down_tables_under_full_lines_of_prose_is_no_gutter(tmp_path: Path) -> None:
    """A table whose columns leave a wide gap down the page, between full lines of prose, is no
    page of two columns: cut in two, the prose lines would read as prose on both sides of the
    gap. (The page that showed it, a Chromium print of benchmarks/office_pdf.py seed 12, had a
    table's repeated header and last row over it too; this smaller page guards the rule.)"""
    prose = (
        "全区坚持以质量第一为价值导向，统筹推进质量强区建设，健全质量工作协调机制，压实各部门责任。"
    )
    xs = [LEFT, 170.0, 290.0, RIGHT]

    def page(p: Page) -> None:
        for i in range(2):
            p.text(LEFT, 70 + 16 * i, prose, size=10.5)
        p.text(200, 120, "表14：2020年主要经济指标完成情况")
        ys = [140.0 + 18 * k for k in range(9)]
        p.grid(xs, ys)
        row(p, 144, [xs[0] + 4, xs[1] + 4, xs[2] + 4], ["指标", "单位", "总量"])
        for k, y in enumerate(ys[1:-1]):
            row(
                p,
                y + 4,
                [xs[0] + 4, xs[1] + 4, xs[2] + 4],
                [f"指标{k + 1}", "亿元", f"{100 + k}.5"],
            )
        for i in range(2):
            p.text(LEFT, ys[-1] + 20 + 16 * i, prose, size=10.5)

    pdf = make_pdf(tmp_path / "gap.pdf", [page])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, len(t.cells)) for t in tables] == [(14, 14)]
    assert not any(prose[:10] in t and prose not in t for _, t in pdf_prose(pdf))


def test_a_callout_in_big_type_beside_the_text_is_a_line_of_its_own(tmp_path: Path) -> None:
    """A designed report sets a key figure in big type beside the running text (98.6% in 30 pt
    over two 10.5 pt lines): it joined both lines it overlapped, and their glyphs came out
    interleaved ("全食年品完抽成…"). (Where the callout's line goes in the reading order is left
    as it falls.)"""
    lines = ["全年完成食品安全监督抽检7215批次，", "食品抽检合格率为98.6%，同比提高。"]

    def page(p: Page) -> None:
        for k, text in enumerate(lines):
            p.text(LEFT, 100 + 16 * k, text, size=10.5)
        p.text(400, 96, "98.6%", size=30)

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "callout.pdf", [page]))]
    assert all(any(line in t for t in texts) for line in lines)  # each line read whole


# --- the habits of office software (LibreOffice, Word, browsers; benchmarks/office_pdf.py)


def cell_by_cell_grid(p: Page, xs: list[float], ys: list[float]) -> None:
    """Rules stroked per cell edge, as office software prints a grid: no rule is longer than
    one cell."""
    for y in ys:
        for x0, x1 in itertools.pairwise(xs):
            p.hline(x0, x1, y)
    for x in xs:
        for y0, y1 in itertools.pairwise(ys):
            p.vline(x, y0, y1)


def test_last_row_alone_on_the_next_page_stays_in_its_table(tmp_path: Path) -> None:
    xs = [LEFT, 250.0, 380.0, RIGHT]
    cols = [x + 4 for x in xs[:3]]

    def first(p: Page) -> None:
        p.prose(70, "各区域抽检情况见表 4。")
        p.text(200, 690, "表4：2022年各区域抽检情况")
        ys = [708.0 + 18 * i for i in range(5)]
        cell_by_cell_grid(p, xs, ys)
        body = [[f"第{k}片区", "1", "9"] for k in (1, 2, 3)]
        for i, cells in enumerate([["区域", "批次", "合格率"], *body]):
            row(p, ys[i] + 4, cols, cells)

    def second(p: Page) -> None:
        cell_by_cell_grid(p, xs, [60.0, 78.0])
        row(p, 64, cols, ["第4片区", "12", "95.5%"])
        p.prose(110, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "orphan.pdf", [first, second])).tables
    assert [(t.number, t.page_start, t.page_end) for t in tables] == [(4, 1, 2)]
    assert cells_of(tables[0])[(("第4片区",), ("合格率",))] == "95.5%"


def test_three_line_row_broken_by_the_page_goes_on_over_the_next_rows(tmp_path: Path) -> None:
    """Word lets a row break across pages: the next page of a three-line table opens with the
    rest of a wrapped cell alone in its column, then rows, then the bottom rule. Before, the
    table stopped at the page break and its last rows were read as prose."""
    cols = [LEFT + 4, 104.0, 224.0]

    def first(p: Page) -> None:
        p.prose(640, "各单位获奖情况见表5。")
        p.text(200, 670, "表5：2022年质量提升项目清单")
        p.hline(LEFT, RIGHT, 690, width=1.2)
        row(p, 694, cols, ["序号", "单位名称", "主要内容"])
        p.hline(LEFT, RIGHT, 708, width=0.6)
        row(p, 712, cols, ["1", "甲科技有限公司", "推进数字化车间建设，产品一次合格率达99.5%。"])
        row(p, 730, cols, ["2", "乙机械制造公司", "实施质量管理体系升级，建立全过程质量追溯系统，"])
        p.text(cols[2], 741.5, "关键工序不良率下降30%，客户投诉显著减少，", size=9)

    def second(p: Page) -> None:
        p.text(cols[2], 66, "获评市级质量标杆。", size=9)
        row(p, 84, cols, ["3", "丙食品有限公司", "通过危害分析与关键控制点认证。"])
        row(p, 102, cols, ["4", "丁建材公司", "产品通过绿色建材认证。"])
        p.hline(LEFT, RIGHT, 118, width=1.2)
        p.prose(150, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "broken_row.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.number, t.page_start, t.page_end) for t in tables] == [(5, 1, 2)]
    cells = cells_of(tables[0])
    assert cells[(("乙机械制造公司",), ("主要内容",))] == (
        "实施质量管理体系升级，建立全过程质量追溯系统，关键工序不良率下降30%，客户投诉显著减少，"
        "获评市级质量标杆。"
    )
    assert cells[(("丁建材公司",), ("主要内容",))] == "产品通过绿色建材认证。"
    assert not any("丙食品" in text for _, text in pdf_prose(pdf))


@pytest.mark.parametrize("bare", [True, False])
def test_a_notes_numbered_items_under_a_table_are_its_notes(tmp_path: Path, bare: bool) -> None:
    """ "注：" (or "注：1.…") then "2.…" on a line of its own under a three-line table: the item
    was taken for a heading and left to the prose; a bare "注：" was the only note."""

    def draw(p: Page) -> None:
        p.text(200, 80, "表9：各类产品抽检合格率")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, [LEFT + 3, 203.0, 303.0], ["类别", "2021年", "2022年"])
        p.hline(LEFT, RIGHT, 118, width=0.6)
        row(p, 122, [LEFT + 3, 203.0, 303.0], ["食品", "97.1", "97.5"])
        row(p, 138, [LEFT + 3, 203.0, 303.0], ["工业产品", "93.2", "94.0"])
        p.hline(LEFT, RIGHT, 154, width=1.2)
        lines = ["注：", "1.合格率按批次计算。"] if bare else ["注：1.合格率按批次计算。"]
        for k, text in enumerate([*lines, "2.2022年数据为快报数。"]):
            p.text(LEFT + (16 if k and not bare else 0), 160 + 10 * k, text, size=8)
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "notes.pdf", [draw])).tables
    assert tables[0].notes == ["注：1.合格率按批次计算。", "2.2022年数据为快报数。"]


@pytest.mark.parametrize("groups", [("食品类", "工业品"), ("食品", "工业")])
def test_group_labels_set_in_vertical_text_label_their_rows(
    tmp_path: Path, groups: tuple[str, str]
) -> None:
    """A three-line table whose group column prints each label down its rows, one ideograph a
    line (竖排): each ideograph was a label of its own, on whichever row it sat by."""
    cols = [LEFT + 10, 130.0, 280.0, 400.0]
    body = [["粮食", "120"], ["肉类", "85"], ["乳制品", "40"], ["食用油", "33"]]
    body += [["电线电缆", "30"], ["建材", "22"], ["儿童用品", "50"], ["服装", "61"]]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各类产品抽检情况")
        p.hline(LEFT, RIGHT, 96, width=1.2)
        row(p, 100, cols[:3], ["类别", "产品", "批次"])
        p.hline(LEFT, RIGHT, 114, width=0.6)
        tops = [119 + 17.0 * i for i in range(len(body))]
        for top, cells in zip(tops, body, strict=True):
            row(p, top, cols[1:3], cells)
        for g, label in enumerate(groups):
            middle = (tops[4 * g] + tops[4 * g + 3] + 9) / 2
            for j, ch in enumerate(label):
                p.text(cols[0] + 5, middle - len(label) * 11 / 2 + 11 * j, ch, size=9)
        p.hline(LEFT, RIGHT, tops[-1] + 15, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "vertical.pdf", [draw])).tables[0]
    rows = {c.row_path for c in table.cells}
    assert rows == {(groups[k // 4], product) for k, (product, _) in enumerate(body)}


def test_header_cells_in_vertical_text_side_by_side(tmp_path: Path) -> None:
    """Narrow header cells set in vertical text (one ideograph a line, brackets upright too),
    side by side so that their glyphs stand level: each glyph was taken for a cell of its row,
    and the cell's text came out line by line across the cell. A label too long for its cell
    wraps into a column on its left, half a glyph lower: vertical text reads its columns right
    to left."""
    xs = [LEFT, 160.0, 200.0, 240.0, 280.0]
    ys = [100.0, 210.0, 228.0, 246.0]

    def stack(p: Page, x: float, top: float, text: str) -> None:
        for k, ch in enumerate(text):
            p.text(x, top + 10.5 * k, ch, size=10.5)

    def draw(p: Page) -> None:
        p.text(200, 80, "表4：2023年在用特种设备")
        p.grid(xs, ys)
        p.text(LEFT + 30, 104, "街道", size=10.5)
        stack(p, 174.75, 110, "场（厂）内车辆")
        stack(p, 214.75 + 7, 104, "场（厂）内专用机动")  # wraps: 车辆 on its left
        stack(p, 214.75 - 7, 104 + 10.5 * 3.5, "车辆")
        stack(p, 254.75, 115, "电梯")
        for k, (label, a, b, c) in enumerate(
            [("华阳路街道", "56", "124", "1865"), ("江苏路街道", "61", "129", "1502")]
        ):
            row(p, ys[1] + 4 + 18 * k, [LEFT + 4, 164.0, 204.0, 244.0], [label, a, b, c])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "vertical.pdf", [draw])).tables[0]
    assert cells_of(table) == {
        (("华阳路街道",), ("场（厂）内车辆",)): "56",
        (("华阳路街道",), ("场（厂）内专用机动车辆",)): "124",
        (("华阳路街道",), ("电梯",)): "1865",
        (("江苏路街道",), ("场（厂）内车辆",)): "61",
        (("江苏路街道",), ("场（厂）内专用机动车辆",)): "129",
        (("江苏路街道",), ("电梯",)): "1502",
    }


def test_footnote_mark_raised_after_a_caption_is_no_part_of_its_title(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(p: Page) -> None:
        caption = "表3：2022年产品质量抽查情况"
        p.text(200, 80, caption)
        p.text(200 + stringWidth(caption, FONT, 10) + 0.5, 78, "1", size=6)  # raised, smaller
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["类别", "合格率"])
        row(p, 122, [LEFT + 4, 254.0], ["食品", "97.5%"])

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "mark.pdf", [draw])).tables
    assert [(t.label, t.title) for t in tables] == [("表3", "2022年产品质量抽查情况")]


def test_small_table_text_beside_larger_text_on_its_line_is_no_superscript(
    tmp_path: Path,
) -> None:
    """A small-type table beside a larger label on the same line (a chart's legend to its
    right): the table's row sat higher than the label's baseline and smaller, and every glyph
    of it was taken for a footnote mark, so its figures were dropped as marks."""

    def draw(p: Page) -> None:
        p.text(LEFT, 80, "表4：2022年投诉举报情况")
        ys = [100.0, 112.0, 124.0, 136.0]
        p.grid([LEFT, 150.0, 210.0], ys)
        row(p, 102, [LEFT + 3, 153.0], ["类别", "件数"])
        for top, (label, figure) in zip(
            (114, 126), (("投诉", "813"), ("举报", "182")), strict=True
        ):
            p.text(LEFT + 3, top, label, size=6)
            p.text(183.0, top, figure, size=6)
        p.text(300, 123, "投诉举报构成（单位：%）", size=14)  # larger, on the 举报 row's line

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "beside.pdf", [draw])).tables
    assert cells_of(tables[0]) == {(("投诉",), ("件数",)): "813", (("举报",), ("件数",)): "182"}


def test_a_cell_shaded_again_line_by_line_stays_one_cell(tmp_path: Path) -> None:
    """Word shades a header cell, then each line of its text again in the same grey: the
    edge between two lines' shading prints nothing, yet it split the wrapped header into
    two rows ("抽检" over "批次")."""

    def shade(p: Page, x0: float, top: float, x1: float, bottom: float) -> None:
        p.c.setFillGray(0.8)  # type: ignore[attr-defined]
        p.c.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=0, fill=1)  # type: ignore[attr-defined]
        p.c.setFillGray(0)  # type: ignore[attr-defined]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：2022年食品抽检情况")
        xs, ys = [LEFT, 200.0, 300.0], [100.0, 130.0, 148.0, 166.0]
        for x0, x1 in itertools.pairwise(xs):
            shade(p, x0, ys[0], x1, ys[1])  # the cell
            shade(p, x0 + 1, 102.0, x1 - 1, 115.0)  # its first line
            shade(p, x0 + 1, 115.0, x1 - 1, 128.0)  # its second line
        p.grid(xs, ys)
        row(p, 104, [LEFT + 3, 203.0], ["食品", "抽检"])
        row(p, 117, [LEFT + 3, 203.0], ["类别", "批次"])
        row(p, 134, [LEFT + 3, 203.0], ["粮食加工品", "120"])
        row(p, 152, [LEFT + 3, 203.0], ["食用油", "85"])

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "shaded.pdf", [draw])).tables
    assert cells_of(tables[0]) == {
        (("粮食加工品",), ("抽检批次",)): "120",
        (("食用油",), ("抽检批次",)): "85",
    }


@pytest.mark.parametrize("numbered_group", [False, True])
def test_a_wrapped_label_with_its_figures_on_the_first_line_is_one_label(
    tmp_path: Path, numbered_group: bool
) -> None:
    """Word sets a row's figures on the first line of its wrapped label: the label's tail, on
    a line of its own under them, was read as a group heading over every row below. A
    numbered group row after a full label still heads the rows under it."""
    cols = [LEFT + 4, 250.0, 400.0]
    tail = "一、网购食品" if numbered_group else "途配方食品"

    def draw(p: Page) -> None:
        p.text(200, 80, "表6：2023年某区食品抽检情况")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, cols, ["食品类别", "抽检批次", "合格率"])
        p.hline(LEFT, RIGHT, 118)
        row(p, 124, cols, ["饮料", "120", "98.5%"])
        row(p, 146, cols, ["特殊医学用", "35", "100%"])
        row(p, 158 if not numbered_group else 168, cols, [tail, "", ""])  # tight, or a row
        row(p, 190, cols, ["食品添加剂", "71", "96.3%"])
        row(p, 212, cols, ["合计", "226", "97.4%"])
        p.hline(LEFT, RIGHT, 226, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "wrapped.pdf", [draw])).tables[0]
    rows = {c.row_path for c in table.cells}
    if numbered_group:
        assert ("一、网购食品", "食品添加剂") in rows or ("网购食品", "食品添加剂") in rows
    else:
        assert rows == {("饮料",), ("特殊医学用途配方食品",), ("食品添加剂",), ("合计",)}


def test_a_footnote_mark_raised_above_a_cells_line_stays_with_its_figure(tmp_path: Path) -> None:
    """A mark set so high after a figure (98.3¹) that it overlaps its line by less than half
    formed a line of its own above it, and the cell read "1 98.3", no figure."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(p: Page) -> None:
        p.text(200, 80, "表7：2023年食品抽检情况")
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0, 154.0])
        row(p, 104, [LEFT + 4, 254.0], ["类别", "合格率"])
        row(p, 122, [LEFT + 4, 254.0], ["畜禽肉", "98.3"])
        p.text(254.0 + stringWidth("98.3", FONT, 9) + 0.3, 118.5, "1", size=5.5)
        row(p, 140, [LEFT + 4, 254.0], ["蔬菜", "98.1"])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "mark.pdf", [draw])).tables[0]
    assert {c.row_path: (c.raw_text, c.value) for c in table.cells} == {
        ("畜禽肉",): ("98.3", 98.3),
        ("蔬菜",): ("98.1", 98.1),
    }


def test_a_wrapped_label_closing_a_page_keeps_its_table_going(tmp_path: Path) -> None:
    """A three-line table broken by the page, its last row on the page with a wrapped label:
    the label's tail, a lone short line at the foot, was taken for prose after the table, so
    the table seemed closed and its rows on the next page became an untitled table."""
    cols = [LEFT + 4, 250.0, 320.0, 400.0]

    def first(p: Page) -> None:
        p.text(200, 600, "表8：2022-2023年某区主要质量指标")
        p.hline(LEFT, RIGHT, 620, width=1.2)
        row(p, 624, cols, ["指标", "单位", "2022年", "2023年"])
        p.hline(LEFT, RIGHT, 638)
        for k, (label, tail) in enumerate(
            (("食品安全监督抽检", "合格率"), ("农产品例行监测", "合格率"))
        ):
            top = 644 + 36 * k
            row(p, top, cols, [label, "%", f"95.{k}", f"96.{k}"])
            p.text(cols[0], top + 12, tail, size=9)

    def second(p: Page) -> None:
        row(p, 70, cols, ["环境空气质量优良率", "%", "96.2", "96.7"])
        row(p, 88, cols, ["重点水功能区达标率", "%", "96.5", "97.0"])
        p.hline(LEFT, RIGHT, 102, width=1.2)
        p.prose(130, "以上指标总体保持稳定，部分指标较上年有所提高。")

    result = extract_pdf_tables("doc", make_pdf(tmp_path / "broken.pdf", [first, second]))
    (table,) = result.tables
    assert (table.number, table.page_start, table.page_end) == (8, 1, 2)
    assert {c.row_path for c in table.cells} == {
        ("食品安全监督抽检合格率",),
        ("农产品例行监测合格率",),
        ("环境空气质量优良率",),
        ("重点水功能区达标率",),
    }
    assert not any(t == "合格率" for _, t in pdf_prose(tmp_path / "broken.pdf"))


@pytest.mark.parametrize("rows_after", [0, 2])
def test_a_ruled_row_the_page_breaks_keeps_its_cells_whole(tmp_path: Path, rows_after: int) -> None:
    """Word lets a ruled row run on to the next page: the ends of its wrapped cells stand at
    the top in a row of their own, first cell empty. They were dropped ("SB/T 11245-") and an
    empty untitled table was left on the next page."""
    xs = [LEFT, 90.0, 260.0, 360.0, RIGHT]

    def first(p: Page) -> None:
        p.text(200, 660, "表10：2023年企业主导制定标准名单")
        p.grid(xs, [680.0, 698.0, 716.0])
        p.hline(LEFT, RIGHT, 760)  # no closing rule: the row runs on
        for x in xs:
            p.vline(x, 716.0, 760.0 + 40)
        row(p, 684, [x + 3 for x in xs[:4]], ["序号", "标准名称", "标准编号", "主导单位"])
        row(
            p,
            702,
            [x + 3 for x in xs[:4]],
            ["1", "聚丙烯专用料技术要求", "HG/T 6012-2023", "某化工公司"],
        )
        row(
            p,
            720,
            [x + 3 for x in xs[:4]],
            ["2", "农产品冷链物流操作规范", "SB/T 11245-", "上海某农业发展有限公"],
        )

    def second(p: Page) -> None:
        ys = [70.0 + 18 * k for k in range(rows_after + 2)]
        p.grid(xs, ys)
        row(p, 74, [xs[2] + 3, xs[3] + 3], ["2023", "司"])
        for k in range(rows_after):
            row(
                p,
                92 + 18 * k,
                [x + 3 for x in xs[:4]],
                [f"{k + 3}", f"标准{k + 3}", f"GB/T {k + 3}-2023", "某公司"],
            )
        p.prose(ys[-1] + 30, "以上标准均已发布实施，相关企业标准化水平明显提升。")

    pdf = make_pdf(tmp_path / "broken_row.pdf", [first, second])
    (table,) = extract_pdf_tables("doc", pdf).tables
    got = cells_of(table)
    assert got[(("农产品冷链物流操作规范",), ("标准编号",))] == "SB/T 11245-2023"
    assert got[(("农产品冷链物流操作规范",), ("主导单位",))] == "上海某农业发展有限公司"
    assert len({c.row_path for c in table.cells}) == 2 + rows_after


def test_a_paragraph_set_tight_under_a_table_stays_prose(tmp_path: Path) -> None:
    """A line whose glyphs start a point above the table's bottom rule (Word sets the next
    paragraph tight under a table) was counted as the table's and vanished from the prose."""

    def draw(p: Page) -> None:
        p.text(200, 80, "表11：计量器具强制检定情况")
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["器具类别", "检定数（台件）"])
        row(p, 122, [LEFT + 4, 254.0], ["加油机", "1256"])
        p.prose(135.2, "下一步，到2025年全区每万人口高价值发明专利拥有量力争达到12件。")

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "tight.pdf", [draw], header=False))]
    assert "下一步，到2025年全区每万人口高价值发明专利拥有量力争达到12件。" in texts


def test_figures_set_letter_spaced_in_a_grid_stay_figures(tmp_path: Path) -> None:
    """Character spacing on the digits (1 2 0 0) split each figure into single digits: no
    value was read, and the row took the spaced figures for labels."""

    def spaced(p: Page, x: float, top: float, s: str) -> None:
        t = p.c.beginText()  # type: ignore[attr-defined]
        t.setFont(FONT, 9)
        t.setCharSpace(3)
        t.setTextOrigin(x, HEIGHT - top - 9 * 0.88)
        t.textOut(s)
        p.c.drawText(t)  # type: ignore[attr-defined]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2023年食品抽检情况")
        p.grid([LEFT, 200.0, 320.0, RIGHT], [100.0, 118.0, 136.0, 154.0])
        row(p, 104, [LEFT + 4, 204.0, 324.0], ["品种", "抽检批次", "合格率"])
        for k, (label, n, rate) in enumerate((("畜禽肉", "1200", "98.3"), ("蔬菜", "856", "97.1"))):
            p.text(LEFT + 4, 122 + 18 * k, label, size=9)
            spaced(p, 204.0, 122 + 18 * k, n)
            spaced(p, 324.0, 122 + 18 * k, rate)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "tracked.pdf", [draw])).tables[0]
    assert {(c.row_path, c.col_path): c.value for c in table.cells} == {
        (("畜禽肉",), ("抽检批次",)): 1200,
        (("畜禽肉",), ("合格率",)): 98.3,
        (("蔬菜",), ("抽检批次",)): 856,
        (("蔬菜",), ("合格率",)): 97.1,
    }


def test_two_captioned_tables_side_by_side(tmp_path: Path) -> None:
    """Two small tables side by side, their captions on one line: the captions ran into one
    title ("计量器具强制检定情况 表12 认证认可情况") and the second table had none. Their
    单位, 注 and 数据来源 lines, side by side too, are each its own table's: the first table
    took them all."""

    def draw(p: Page) -> None:
        p.text(LEFT + 20, 80, "表11 计量器具强制检定情况")
        p.text(320, 80, "表12 认证认可情况")
        p.text(230, 92, "单位：台件", size=9)
        p.text(500, 92, "单位：张", size=9)
        p.grid([LEFT, 170.0, 280.0], [100.0, 118.0, 136.0, 154.0])
        p.grid([310.0, 430.0, RIGHT], [100.0, 118.0, 136.0, 154.0])
        for k, (a, b, c, d) in enumerate(
            (
                ("器具类别", "检定数", "类别", "数量"),
                ("加油机", "1256", "质量管理体系", "2310"),
                ("血压计", "2142", "环境管理体系", "1256"),
            )
        ):
            row(p, 104 + 18 * k, [LEFT + 3, 173.0, 313.0, 433.0], [a, b, c, d])
        p.text(LEFT, 158, "数据来源：区市场监管局", size=9)
        p.text(310, 158, "注：含有效期内证书。", size=9)
        p.text(310, 172, "数据来源：区认证中心", size=9)

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "pair.pdf", [draw])).tables
    assert [(t.number, t.title) for t in tables] == [
        (11, "计量器具强制检定情况"),
        (12, "认证认可情况"),
    ]
    assert [(t.unit, t.notes, t.source_department) for t in tables] == [
        ("台件", [], "区市场监管局"),
        ("张", ["注：含有效期内证书。"], "区认证中心"),
    ]
    assert cells_of(tables[1]) == {
        (("质量管理体系",), ("数量",)): "2310",
        (("环境管理体系",), ("数量",)): "1256",
    }


def test_a_note_set_tight_under_a_grid_is_its_note(tmp_path: Path) -> None:
    """Word sets the 注 line so tight under a ruled table that its glyphs start half a point
    above the bottom rule: it was neither the table's note nor prose, and the 数据来源 after
    it was the first line looked at."""

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2023年食品抽检情况")
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["类别", "合格率"])
        row(p, 122, [LEFT + 4, 254.0], ["食品", "97.5%"])
        p.text(LEFT, 134.2, "注：合格率按批次计算。", size=9)  # glyph top 135.55
        p.text(LEFT, 149, "数据来源：区市场监管局", size=9)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "note.pdf", [draw])).tables
    assert table.notes == ["注：合格率按批次计算。"]
    assert table.source_department == "区市场监管局"


def test_a_group_row_under_the_widest_label_heads_the_rows_below(tmp_path: Path) -> None:
    """Rows set at one spacing tell no wrapped line from a row: a group row (服务质量) under the
    column's widest label was glued onto it as its wrapped tail."""
    cols = [LEFT + 4, 300.0, 420.0]
    body = [
        ["产品质量", "", ""],
        ["产品质量合格率(%)", "93.5", "94.2"],
        ["重点工业产品监督抽查合格率(%)", "95.1", "96.3"],
        ["服务质量", "", ""],
        ["顾客满意度指数", "80.1", "81.2"],
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表3：2023年主要质量指标")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, cols, ["指标", "2022年", "2023年"])
        p.hline(LEFT, RIGHT, 118)
        for k, cells in enumerate(body):
            row(p, 124 + 16 * k, cols, cells)
        p.hline(LEFT, RIGHT, 124 + 16 * len(body) + 2, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "groups.pdf", [draw])).tables[0]
    assert {c.row_path for c in table.cells} == {
        ("产品质量", "产品质量合格率(%)"),
        ("产品质量", "重点工业产品监督抽查合格率(%)"),
        ("服务质量", "顾客满意度指数"),
    }


def test_a_repeated_header_over_the_next_part_is_no_broken_row(tmp_path: Path) -> None:
    """The next part's header repeated at the top of the page, its corner empty: it was taken
    for the tails of a row the page broke and glued onto the last row (141 read "141 2022年")."""
    xs = [LEFT, 190.0, 260.0, 330.0, 400.0, RIGHT]

    def header(p: Page, y0: float) -> None:
        p.hline(LEFT, RIGHT, y0)
        p.hline(LEFT, RIGHT, y0 + 16)
        p.hline(LEFT, RIGHT, y0 + 32)
        for x in xs:
            p.vline(x, y0 if x in (xs[0], xs[1], xs[3], xs[5]) else y0 + 16, y0 + 32)
        row(p, y0 + 3, [xs[1] + 20, xs[3] + 20], ["2022年", "2023年"])
        row(p, y0 + 19, [x + 3 for x in xs[:5]], ["区域", "批次", "合格率", "批次", "合格率"])

    def body(p: Page, y0: float, first: int, count: int) -> float:
        for i in range(first, first + count):
            p.hline(LEFT, RIGHT, y0 + 16)
            for x in xs:
                p.vline(x, y0, y0 + 16)
            row(
                p,
                y0 + 3,
                [x + 3 for x in xs[:5]],
                [f"街道{i}", f"{100 + i}", "95.1", "120", "96.1"],
            )
            y0 += 16
        return y0

    def first_page(p: Page) -> None:
        p.text(200, 80, "表4：各街道产品抽检情况")
        header(p, 100)
        body(p, 132, 1, 42)  # to the foot of the page

    def second_page(p: Page) -> None:
        header(p, 70)
        end = body(p, 102, 43, 3)
        p.prose(end + 20, "从抽检结果看，各街道产品质量总体稳定。")

    pdf = make_pdf(tmp_path / "repeated.pdf", [first_page, second_page])
    (table,) = extract_pdf_tables("doc", pdf).tables
    got = cells_of(table)
    assert got[(("街道42",), ("2022年", "批次"))] == "142"
    assert got[(("街道42",), ("2023年", "合格率"))] == "96.1"
    assert got[(("街道43",), ("2022年", "批次"))] == "143"


def test_a_numbered_heading_that_fills_its_line_is_still_a_heading(tmp_path: Path) -> None:
    """A long （二） heading reaching the margin, no sentence ending inside it: the paragraph
    under it, not indented, was glued onto it."""

    def draw(p: Page) -> None:
        p.text(
            LEFT,
            80,
            "（二）持续强化质量安全监管，坚决守牢产品质量、食品安全和特种设备安全底线",
            size=12.5,
        )
        p.text(LEFT, 104, "全年共完成产品质量监督抽查1260批次，不合格产品发现率为3.2%，同比下降")
        p.text(LEFT, 122, "0.5个百分点。")

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "heading.pdf", [draw], header=False))]
    assert texts[0] == "（二）持续强化质量安全监管，坚决守牢产品质量、食品安全和特种设备安全底线"


def test_a_footnote_mark_set_a_space_before_its_note_is_still_a_mark(tmp_path: Path) -> None:
    """ "¹ 数据来源：…" with a space after the raised mark: the mark stood too far from the text
    to count as one, the line no longer read as the footnote the prose cites, and the table
    lost its source."""
    cols = [LEFT + 4, 250.0, 400.0]

    def draw(p: Page) -> None:
        p.prose(70, "全区产品质量总体稳定，各街道抽检情况（见表1）")
        p.text(LEFT + 21 + 22 * 10.5, 68, "1", size=6)
        p.text(200, 100, "表1：2023年各街道抽检情况")
        p.hline(LEFT, RIGHT, 120, width=1.2)
        row(p, 124, cols, ["街道", "批次", "合格率（%）"])
        p.hline(LEFT, RIGHT, 138)
        for i, name in enumerate(["甲街道", "乙街道", "丙街道"]):
            row(p, 144 + 18 * i, cols, [name, str(100 + i), f"9{5 + i}.5"])
        p.hline(LEFT, RIGHT, 200, width=1.2)
        p.prose(220, "从结果看，三个街道合格率均在95%以上，较上年有所提高。")
        p.hline(LEFT, LEFT + 120, 740, width=0.4)
        p.text(LEFT, 746, "1", size=6)
        p.text(LEFT + 8.5, 748, "数据来源：区统计局", size=9)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "footnote.pdf", [draw])).tables
    assert table.source_department == "区统计局"


def test_a_unit_row_ruled_in_as_the_first_row_gives_the_unit(tmp_path: Path) -> None:
    """Word tables may open with a row merged across for "单位：批次": taken for a unit line
    over the table, it moved the search for the ruled frame below the frame's top, and the
    table was read from word positions (its corner label 项目 took over a column's header)."""
    xs = [LEFT, 200.0, 360.0, RIGHT]
    ys = [100.0, 116.0, 134.0, 152.0, 170.0, 188.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2023年食品抽检任务完成情况")
        for y in ys:
            p.hline(xs[1] if y == ys[2] else LEFT, RIGHT, y)  # 项目 spans two header rows
        p.vline(LEFT, ys[0], ys[-1])
        p.vline(RIGHT, ys[0], ys[-1])
        p.vline(xs[1], ys[1], ys[-1])  # the unit row is merged across
        p.vline(xs[2], ys[2], ys[-1])  # 2023年 spans both columns
        p.text(RIGHT - 60, 103, "单位：批次", size=9)
        row(p, 126, [LEFT + 3], ["项目"])
        row(p, 120, [xs[1] + 60], ["2023年"])
        row(p, 138, [xs[1] + 3, xs[2] + 3], ["监督抽检", "风险监测"])
        row(p, 156, [x + 3 for x in xs[:3]], ["市级任务", "210", "86"])
        row(p, 174, [x + 3 for x in xs[:3]], ["区级任务", "1630", "412"])

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "unit_row.pdf", [draw])).tables
    assert table.unit == "批次"
    assert cells_of(table)[(("市级任务",), ("2023年", "监督抽检"))] == "210"
    assert {c.col_path for c in table.cells} == {("2023年", "监督抽检"), ("2023年", "风险监测")}


def test_a_part_whose_merged_label_stayed_on_the_page_before_keeps_its_columns(
    tmp_path: Path,
) -> None:
    """A label merged down over rows on both sides of a page break prints on the first page
    only: the next part's label column was empty and dropped, its cells moved one column left
    (classes under 设备类别, figures under 使用年限)."""
    xs = [LEFT, 200.0, 300.0, RIGHT]
    classes = ["5年以下", "5-10年", "10-15年", "15年以上"]

    def first_page(p: Page) -> None:
        p.text(200, 660, "表4：在用电梯使用年限分布")
        ys = [680.0 + 18 * k for k in range(4)]
        for y in ys:
            p.hline(LEFT if y in (ys[0], ys[1]) else xs[1], RIGHT, y)
        p.hline(xs[1], RIGHT, 760)
        for x in xs:
            p.vline(x, ys[0], 800.0 if x == LEFT else 760.0 if x > LEFT else 0)
        row(p, 684, [x + 3 for x in xs[:3]], ["设备类别", "使用年限", "数量（台）"])
        p.text(LEFT + 3, 704, "乘客电梯", size=9)
        for k, label in enumerate(classes[:2]):
            row(p, 702 + 18 * k, [xs[1] + 3, xs[2] + 3], [label, f"{1000 + k}"])

    def second_page(p: Page) -> None:
        ys = [70.0 + 18 * k for k in range(4)]
        for y in ys:
            p.hline(LEFT if y >= ys[2] else xs[1], RIGHT, y)  # the label closes over 合计
        for x in xs:
            p.vline(x, ys[0], ys[2] if x == xs[1] else ys[-1])  # 合计 spans two columns
        for k, label in enumerate(classes[2:]):
            row(p, 74 + 18 * k, [xs[1] + 3, xs[2] + 3], [label, f"{1002 + k}"])
        row(p, 110, [LEFT + 3, xs[2] + 3], ["合计", "4006"])
        p.prose(130, "电梯使用年限总体偏长，老旧电梯更新改造仍需加快。")

    pdf = make_pdf(tmp_path / "merged_break.pdf", [first_page, second_page])
    (table,) = extract_pdf_tables("doc", pdf).tables
    got = {(c.row_path, c.col_path): c.raw_text for c in table.cells}
    assert got[(("乘客电梯", "10-15年"), ("数量（台）",))] == "1002"
    assert got[(("乘客电梯", "15年以上"), ("数量（台）",))] == "1003"
    assert got[(("合计",), ("数量（台）",))] == "4006"


def test_a_year_spaced_from_its_character_is_one_header_word() -> None:
    """Word sets a quarter em between digits and CJK text ("2022 年"): where that gap fell
    between two columns of a three-line table's header, "2022年" was cut into "2022" and
    "年", each heading columns of its own. A wider gap between words still parts them."""
    from pipelines.extract.pdf_glyphs import Glyph, Segment
    from pipelines.extract.pdf_stream import _split_at_columns

    def word(text: str, x: float) -> list[Glyph]:
        return [
            Glyph(ch, x + 4.5 * k, x + 4.5 * (k + 1), 100.0, 109.0, 9.0)
            for k, ch in enumerate(text)
        ]

    runs = [(170.0, 0.0, 207.0, 0.0), (212.0, 0.0, 240.0, 0.0)]
    spaced = [*word("2022", 190.0), Glyph("年", 210.25, 219.25, 100.0, 109.0, 9.0)]
    assert [s.text for s in _split_at_columns(Segment.from_glyphs(spaced, False), runs)] == [
        "2022年"
    ]
    apart = [*word("批发", 185.0), Glyph("零", 210.25, 219.25, 100.0, 109.0, 9.0)]
    assert len(_split_at_columns(Segment.from_glyphs(apart, False), runs)) == 2


def test_three_level_header_of_a_three_line_table_spans_the_middle_groups(
    tmp_path: Path,
) -> None:
    """A three-line table's header in three bands: 2022年 and 2023年 over 区级资金 and 街镇配套,
    each over 金额 and 项目数. The figures set the columns narrower than the header text, so
    "2022年", centred over its four columns, lay over the second and third only: the top band
    was widened over single columns before the middle band was, and the corner label 街镇
    headed the first figure column."""

    def page(p: Page) -> None:
        p.text(160, 84, "表10：2022-2023年各街镇质量提升项目投入情况")
        p.hline(90.0, 505.0, 108)
        p.text(124, 110, "街镇", size=9.5)
        p.text(239, 110, "2022年", size=9.5)
        p.text(404, 110, "2023年", size=9.5)
        for x, word in zip([198, 280, 362, 445], ["区级资金", "街镇配套"] * 2, strict=True):
            p.text(x, 133, word, size=9.5)
        subs = [188, 224, 270, 306, 352, 388, 434, 471]
        row(p, 156, subs, ["金额", "项目数"] * 4)
        p.hline(176.0, 505.0, 176)
        figures = [187, 235, 269, 317, 348, 400, 430, 482]
        for k, top in enumerate([181.0, 204.0]):
            values = [f"{57 + 40 * k + 10 * j}.6" if j % 2 == 0 else str(j + 1) for j in range(8)]
            row(p, top, [96.0, *figures], [f"第{k + 1}新村街道", *values])
        p.hline(90.0, 505.0, 224)

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "three_level.pdf", [page])).tables
    got = cells_of(tables[0])
    assert len(got) == 16
    assert got[(("第1新村街道",), ("2022年", "区级资金", "金额"))] == "57.6"
    assert got[(("第1新村街道",), ("2022年", "街镇配套", "项目数"))] == "4"
    assert got[(("第2新村街道",), ("2023年", "区级资金", "金额"))] == "137.6"
    assert got[(("第2新村街道",), ("2023年", "街镇配套", "项目数"))] == "8"


def test_a_table_between_two_lines_ends_the_paragraph(tmp_path: Path) -> None:
    """A paragraph over a table that fills the rest of the page, and a line after the table on
    the next: Word ends a paragraph before a table, but across the page break only margins and
    indents were looked at, and the two were one paragraph."""

    def first(p: Page) -> None:
        p.text(
            LEFT, 70, "全区规模以上工业企业实现产值稳步增长，重点企业产值增速高于全区平均水平，带动"
        )
        p.text(LEFT, 88, "作用明显，主要指标如下：")
        p.text(200, 110, "表1：2022年主要经济指标")
        ys = [130.0 + 18 * k for k in range(36)]
        p.grid([LEFT, 250.0, RIGHT], ys)
        for k in range(35):
            row(p, ys[k] + 4, [LEFT + 4, 254.0], [f"指标{k + 1}", f"{100 + k}"])

    def second(p: Page) -> None:
        p.text(LEFT, 70, "上述指标均完成年度目标。")

    texts = [t for _, t in pdf_prose(make_pdf(tmp_path / "between.pdf", [first, second]))]
    assert texts[-2:] == [
        "全区规模以上工业企业实现产值稳步增长，重点企业产值增速高于全区平均水平，带动作用明显，主要指标如下：",
        "上述指标均完成年度目标。",
    ]


@pytest.mark.parametrize("ruled", [True, False])
@pytest.mark.parametrize("hung", [False, True])
def test_sub_items_indented_after_a_sequence_column_nest_under_their_parent(
    tmp_path: Path, ruled: bool, hung: bool
) -> None:
    """A 序号 column, then labels whose parts are set further in ("　　其中：高新技术企业"): the
    indentation was measured in the 序号 column (or, in a ruled grid, not at all) and the
    parts came out flat, summing twice. An item hung under the text after "其中：" goes on
    with that list: it stands at the 其中 row's level (flat, as the 其中 row is when flush)."""
    xs = [LEFT, 100.0, 300.0, 400.0, RIGHT]
    # "其中：" set in two characters; or flush, its next part hung under the text after it
    thereof, part = (0, 27) if hung else (21, 21)
    body = [
        ("1", "规模以上工业企业", 0, "523"),
        ("", "其中：高新技术企业", thereof, "210"),
        ("", "专精特新企业", part, "45"),
        ("2", "检验检测机构", 0, "88"),
        ("", "其中：国家级机构", thereof, "6"),
        ("3", "市场主体总数", 0, "12.3"),
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表12：2022年质量基础设施情况")
        ys = [100.0 + 18 * k for k in range(len(body) + 2)]
        if ruled:
            p.grid(xs, ys)
        else:
            for y in (ys[0], ys[1], ys[-1]):
                p.hline(LEFT, RIGHT, y)
        row(p, 104, [xs[0] + 4, xs[1] + 4, xs[2] + 4, xs[3] + 4], ["序号", "指标", "单位", "数值"])
        for k, (n, label, indent, value) in enumerate(body, start=1):
            top = ys[k] + 4
            row(p, top, [xs[0] + 4, xs[2] + 4, xs[3] + 4], [n, "家", value])
            p.text(xs[1] + 4 + indent, top, label, size=9)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "items.pdf", [draw])).tables[0]
    rows = {c.row_path for c in table.cells if c.col_path == ("数值",)}
    if hung:
        assert ("专精特新企业",) in rows and ("其中：高新技术企业",) in rows
    else:
        assert rows == {
            ("规模以上工业企业",),
            ("规模以上工业企业", "其中：高新技术企业"),
            ("规模以上工业企业", "专精特新企业"),
            ("检验检测机构",),
            ("检验检测机构", "其中：国家级机构"),
            ("市场主体总数",),
        }


@pytest.mark.parametrize("ruled", [False, True])
def test_one_ideograph_cells_of_a_compact_table_stay_on_their_rows(
    tmp_path: Path, ruled: bool
) -> None:
    """A grade column (优/良) in 9pt type on rows 12pt apart: its cells stand one under the
    other almost as close as a vertical label's glyphs, but each level with its row."""
    cols = [LEFT + 4, 200.0, 320.0, 420.0]
    body = [["闵行区", "32", "良", "88.5%"], ["徐汇区", "28", "优", "91.2%"]]
    body += [["长宁区", "30", "良", "89.0%"], ["静安区", "27", "优", "92.3%"]]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各区空气质量情况")
        if ruled:
            p.grid([LEFT, 196.0, 316.0, 416.0, RIGHT], [98.0 + 12 * i for i in range(6)])
        else:
            for y, width in ((96.0, 1.2), (110.0, 0.6), (158.0, 1.2)):
                p.hline(LEFT, RIGHT, y, width=width)
        row(p, 100, cols, ["区", "PM2.5", "等级", "优良率"])
        for i, cells in enumerate(body, start=1):
            row(p, 100 + 12 * i, cols, cells)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "grades.pdf", [draw])).tables[0]
    grades = {c.row_path: c.raw_text for c in table.cells if c.col_path == ("等级",)}
    assert grades == {("闵行区",): "良", ("徐汇区",): "优", ("长宁区",): "良", ("静安区",): "优"}


def test_a_numbered_group_row_ending_the_page_is_no_note_item(tmp_path: Path) -> None:
    """A ruled table whose page ends on its group row "（3）工业产品": numbered like a note's
    item, it was dropped as one (no 注 row above it), and its rows nested under （2）药品."""
    xs = [LEFT, 250.0, 380.0, RIGHT]
    cols = [x + 4 for x in xs[:3]]

    def first(p: Page) -> None:
        p.prose(70, "各类产品抽检情况见表4。")
        p.text(200, 672, "表4：2022年各类产品抽检情况")
        body = [["类别", "批次", "合格率"], ["（1）食品", "", ""], ["粮食加工品", "120", "98.5%"]]
        body += [["（2）药品", "", ""], ["化学药品", "80", "99.1%"], ["（3）工业产品", "", ""]]
        ys = [690.0 + 18 * i for i in range(len(body) + 1)]
        p.grid(xs, ys)
        for i, cells in enumerate(body):
            row(p, ys[i] + 4, cols, cells)

    def second(p: Page) -> None:
        p.grid(xs, [60.0, 78.0, 96.0])
        row(p, 64, cols, ["电线电缆", "45", "95.6%"])
        row(p, 82, cols, ["建筑材料", "60", "96.7%"])
        p.prose(130, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "group.pdf", [first, second])).tables[0]
    assert cells_of(table)[(("工业产品", "电线电缆"), ("批次",))] == "45"
    assert table.notes == []


def test_a_numbered_paragraph_after_a_note_is_no_item_of_it(tmp_path: Path) -> None:
    """Under a note that numbers nothing, the next paragraph "（2）药品安全。…" is running
    text, not the note's second item."""

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年食品抽检情况")
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["类别", "批次"])
        row(p, 122, [LEFT + 4, 254.0], ["粮食加工品", "620"])
        p.text(LEFT, 142, "注：合格率按批次计算。")
        p.text(LEFT, 157, "（2）药品安全。全年共抽检药品300批次，合格率99.1%。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "para.pdf", [draw])).tables[0]
    assert table.notes == ["注：合格率按批次计算。"]


def test_raised_characters_inside_a_caption_stay(tmp_path: Path) -> None:
    """Only a mark raised at a caption's end is a footnote's: 万m³ keeps its exponent (as
    written, 万m3), and the unit is 万m3 (cubic metres), no 万m."""

    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(p: Page) -> None:
        head = "表2：2022年各区供水量（万m"
        x = 150 + stringWidth(head, FONT, 10)
        p.text(150, 80, head)
        p.text(x + 0.5, 78, "3", size=6)
        p.text(x + 4, 80, "）")
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["区", "供水量"])
        row(p, 122, [LEFT + 4, 254.0], ["闵行区", "1234"])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "cubic.pdf", [draw])).tables[0]
    assert (table.title, table.unit) == ("2022年各区供水量（万m3）", "万m3")


def test_a_closing_row_centred_in_its_ruled_cell_is_no_sub_item(tmp_path: Path) -> None:
    """Labels flush left in a ruled grid and a closing 平均 row centred in its cell: set apart,
    not set in (it was nested under the row above)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    body = [("城关镇", "120"), ("青山镇", "98"), ("河口乡", "130"), ("石桥镇", "112")]
    body += [("平均", "115")]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各乡镇食品抽检情况")
        ys = [100.0 + 18 * i for i in range(len(body) + 2)]
        p.grid([LEFT, 200.0, 320.0], ys)
        row(p, 104, [LEFT + 4, 204.0], ["乡镇", "抽检批次"])
        for i, (label, value) in enumerate(body, start=1):
            x = LEFT + 4 if label != "平均" else (LEFT + 200 - stringWidth(label, FONT, 9)) / 2
            row(p, ys[i] + 4, [x, 204.0], [label, value])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "mean.pdf", [draw])).tables[0]
    assert cells_of(table)[(("平均",), ("抽检批次",))] == "115"


@pytest.mark.parametrize("mark", ["续表", "（续表）"])
def test_a_continuation_mark_over_the_next_page_of_a_grid_continues_it(
    tmp_path: Path, mark: str
) -> None:
    """ "续表" over the next part of a ruled table (its header repeated): that line made the
    part an uncaptioned table titled "续表"."""
    xs = [LEFT, 250.0, 380.0, RIGHT]
    cols = [x + 4 for x in xs[:3]]

    def first(p: Page) -> None:
        p.prose(640, "各区域抽检情况见表4。")
        p.text(200, 690, "表4：2022年各区域抽检情况")
        ys = [708.0 + 18 * i for i in range(5)]
        p.grid(xs, ys)
        for i, cells in enumerate([["区域", "批次", "合格率"], ["甲", "1", "90%"]]):
            row(p, ys[i] + 4, cols, cells)
        for i, cells in enumerate([["乙", "2", "91%"], ["丙", "3", "92%"]], start=2):
            row(p, ys[i] + 4, cols, cells)

    def second(p: Page) -> None:
        p.text(LEFT, 62, mark)
        ys = [80.0 + 18 * i for i in range(4)]
        p.grid(xs, ys)
        for i, cells in enumerate(
            [["区域", "批次", "合格率"], ["丁", "4", "93%"], ["戊", "5", "94%"]]
        ):
            row(p, ys[i] + 4, cols, cells)
        p.prose(180, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "xu.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [(t.label, t.page_start, t.page_end, len(t.cells)) for t in tables] == [
        ("表4", 1, 2, 10)
    ]
    assert mark not in [text for _, text in pdf_prose(pdf)]


def test_a_source_named_in_a_pdf_captions_brackets_is_the_tables(tmp_path: Path) -> None:
    def draw(p: Page) -> None:
        p.text(150, 80, "表3：2022年抽检情况（数据来源：区市场监管局）")
        p.grid([LEFT, 250.0, RIGHT], [100.0, 118.0, 136.0])
        row(p, 104, [LEFT + 4, 254.0], ["区域", "批次"])
        row(p, 122, [LEFT + 4, 254.0], ["甲", "1"])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "src.pdf", [draw])).tables[0]
    assert (table.title, table.source_department) == ("2022年抽检情况", "区市场监管局")


def test_captions_opening_pages_are_not_running_headers(tmp_path: Path) -> None:
    cols = [LEFT + 4, 300.0]

    def page(year: int, number: int):  # type: ignore[no-untyped-def]
        def draw(p: Page) -> None:
            p.text(200, 62, f"表{number}：{year}年各区域抽检情况")  # same shape on both pages
            p.hline(LEFT, RIGHT, 80, width=1.2)
            row(p, 84, cols, ["区域", "批次"])
            p.hline(LEFT, RIGHT, 98, width=0.6)
            row(p, 102, cols, ["第1片区", str(year - 2000)])
            p.hline(LEFT, RIGHT, 116, width=1.2)
            p.prose(150, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

        return draw

    pdf = make_pdf(tmp_path / "captions.pdf", [page(2021, 1), page(2022, 2)])
    tables = extract_pdf_tables("doc", pdf).tables
    titles = [(1, "2021年各区域抽检情况"), (2, "2022年各区域抽检情况")]
    assert [(t.number, t.title) for t in tables] == titles


def test_grid_repeated_at_every_page_top_keeps_its_rules_and_header(tmp_path: Path) -> None:
    """Grids printed at the top of page after page: their rules and header (a label centred
    down two header rows, a year centred over two columns) recur at the same place on every
    page like running matter, but they are inside the ruling, so they are the table's."""
    xs = [LEFT, 260.0, 380.0, RIGHT]
    ys = [30.0 + 18 * i for i in range(7)]

    def page(first_row: int):  # type: ignore[no-untyped-def]
        def draw(p: Page) -> None:
            for y in ys:
                p.hline(LEFT if y != ys[1] else xs[1], RIGHT, y)  # 指标 spans both header rows
            for x in xs:
                p.vline(x, ys[1] if x == xs[2] else ys[0], ys[-1])  # 2020年 spans two columns
            p.text(LEFT + 60, ys[1] - 4.5, "指标")
            p.text(300, ys[0] + 3, "2020年")
            row(p, ys[1] + 3, [xs[1] + 4, xs[2] + 4], ["总量", "增长%"])
            for k in range(4):
                n = first_row + k
                cells = [f"第{n}项", f"{n}0", f"{n}.5"]
                row(p, ys[2 + k] + 3, [LEFT + 4, xs[1] + 4, xs[2] + 4], cells)
            p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

        return draw

    pdf = make_pdf(tmp_path / "repeated.pdf", [page(1), page(5), page(9)], header=False)
    found = extract_pdf_tables("doc", pdf, stream_uncaptioned=True).tables
    got = {key: raw for table in found for key, raw in cells_of(table).items()}
    assert got[(("第9项",), ("2020年", "增长%"))] == "9.5"
    assert got[(("第6项",), ("2020年", "总量"))] == "60"
    assert len(got) == 24


def test_centred_label_column_is_no_hierarchy(tmp_path: Path) -> None:
    labels = ["工业产品", "食品", "特种设备", "计量器具", "化妆品"]

    def draw(p: Page) -> None:
        p.text(200, 80, "表3：2022年抽检情况")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, [LEFT + 40, 300.0], ["类别", "批次"])
        p.hline(LEFT, RIGHT, 118, width=0.6)
        for i, label in enumerate(labels):
            p.text(LEFT + 50 - 4.5 * len(label), 122 + 16 * i, label, size=9)  # centred
            p.text(300, 122 + 16 * i, str(10 + i), size=9)
        p.hline(LEFT, RIGHT, 204, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "centred.pdf", [draw])).tables[0]
    assert sorted(path for path, _ in cells_of(table)) == sorted((label,) for label in labels)


def test_three_line_header_rule_under_sub_headed_columns_only(tmp_path: Path) -> None:
    cols = [LEFT + 4, 230.0, 320.0, 410.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：投诉举报受理情况")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        p.text(280, 104, "2022年", size=9)
        p.text(LEFT + 4, 114.5, "诉求来源", size=9)  # centred down both header rows
        p.text(440, 114.5, "同比增长", size=9)
        row(p, 125, cols[1:3], ["投诉(件)", "举报(件)"])
        p.hline(215.0, 400.0, 140, width=0.6)  # only under the sub-headers
        row(p, 146, [*cols[:3], 440.0], ["热线", "120", "30", "5.0%"])
        row(p, 167, [*cols[:3], 440.0], ["来信", "80", "12", "-2.0%"])
        p.hline(LEFT, RIGHT, 184, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "partial.pdf", [draw])).tables[0]
    got = cells_of(table)
    assert got[(("热线",), ("2022年", "举报(件)"))] == "30"
    assert got[(("来信",), ("同比增长",))] == "-2.0%"
    assert len(got) == 6


def test_dot_leader_lines_read_as_a_two_column_table(tmp_path: Path) -> None:
    entries = [("一、总体情况", "1"), ("二、产品质量", "3"), ("质量抽查情况", "12")]
    entries += [("四、服务质量", "20"), ("附录", "iv")]

    def draw(p: Page) -> None:
        p.text(LEFT + 150, 70, "目  录", size=14)
        top = 100.0
        for i, (entry, ref) in enumerate(entries):
            if i == 2:  # an entry wrapped onto a second line
                p.text(LEFT, top, "三、质量安全监管与建设工程", size=10)
                top += 14
            leader = "……" * 12 if i % 2 else ". " * 30
            p.text(LEFT, top, entry, size=10)
            p.text(LEFT + 160, top, leader, size=10)
            p.text(RIGHT - 12, top, ref, size=10)
            top += 20

    pdf = make_pdf(tmp_path / "toc.pdf", [draw])
    found = extract_pdf_tables("doc", pdf, stream_uncaptioned=True).found
    assert len(found) == 1
    matrix = found[0].grids[0].matrix()
    assert matrix[0] == ["一、总体情况", "1"]
    assert matrix[2] == ["三、质量安全监管与建设工程质量抽查情况", "12"]
    assert [r[1] for r in matrix] == ["1", "3", "12", "20", "iv"]
    # captioned-only reading (the pipeline's) finds no table in a contents page
    assert extract_pdf_tables("doc", pdf).found == []


def test_table_opened_by_rules_keeps_label_lines_before_its_first_row(tmp_path: Path) -> None:
    cols = [LEFT + 3, 300.0, 420.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年规模以上企业主要指标")
        p.hline(LEFT, RIGHT, 100)
        row(p, 104, cols, ["指标", "2021年", "2022年"])
        p.hline(LEFT, RIGHT, 120)  # the header rule; no rule closes the table
        row(p, 126, cols, ["（按现价计算）", "", ""])
        row(p, 144, cols, ["一、工业", "", ""])
        row(p, 162, cols, ["产值", "3669.79", "3812.40"])
        row(p, 180, cols, ["利润", "201.5", "215.3"])
        row(p, 198, cols, ["二、服务业", "", ""])
        row(p, 216, cols, ["营业收入", "1520.2", "1633.8"])
        p.text(LEFT, 240, "数据来源：区统计局", size=8)

    pdf = make_pdf(tmp_path / "open.pdf", [draw])
    found = extract_pdf_tables("doc", pdf).found
    assert [t.number for t in found] == [1]
    matrix = found[0].grids[0].matrix()
    labels = [r[0] for r in matrix]
    assert "一、工业" in labels and "（按现价计算）" in labels
    assert ["产值", "3669.79", "3812.40"] in matrix
    assert ["营业收入", "1520.2", "1633.8"] in matrix


def test_ruled_tables_side_by_side_are_two_tables(tmp_path: Path) -> None:
    def grid(p: Page, x0: float, cells: list[list[str]]) -> None:
        xs = [x0, x0 + 90, x0 + 150]
        ys = [100.0 + 18 * i for i in range(len(cells) + 1)]
        p.grid(xs, ys)
        for i, cells_row in enumerate(cells):
            row(p, ys[i] + 4, [xs[0] + 3, xs[1] + 3], cells_row)

    def draw(p: Page) -> None:
        grid(p, LEFT, [["地区", "批次"], ["东城", "120"], ["西城", "86"], ["合计", "206"]])
        grid(p, LEFT + 200, [["类别", "件数"], ["食品", "45"], ["药品", "60"], ["合计", "105"]])

    pdf = make_pdf(tmp_path / "side.pdf", [draw])
    found = extract_pdf_tables("doc", pdf).found
    matrices = [t.grids[0].matrix() for t in found]
    assert matrices == [
        [["地区", "批次"], ["东城", "120"], ["西城", "86"], ["合计", "206"]],
        [["类别", "件数"], ["食品", "45"], ["药品", "60"], ["合计", "105"]],
    ]


def test_rows_between_a_header_rule_and_a_double_rule_stay_rows(tmp_path: Path) -> None:
    """Rules that close groups of rows (a total row set off by a double rule) do not make
    each band one row, even when there are about as many rules as rows."""
    cols = [LEFT + 4, 250.0, 330.0, 410.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年各园区主要指标")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, cols, ["园区", "产值", "增长%", "占比%"])
        p.hline(LEFT, RIGHT, 118, width=0.6)
        row(p, 122, cols, ["紫竹高新区", "179.72", "2.6", "15.0"])
        row(p, 136, cols, ["莘庄工业区", "1014.69", "-2.8", "85.0"])
        p.hline(LEFT, RIGHT, 150, width=0.4)
        p.hline(LEFT, RIGHT, 152.5, width=0.4)
        row(p, 156, cols, ["合计", "1194.41", "-1.9", "100"])
        p.hline(LEFT, RIGHT, 170, width=1.2)

    matrix = extract_pdf_tables("doc", make_pdf(tmp_path / "double.pdf", [draw])).found[0]
    assert matrix.grids[0].matrix()[1:] == [
        ["紫竹高新区", "179.72", "2.6", "15.0"],
        ["莘庄工业区", "1014.69", "-2.8", "85.0"],
        ["合计", "1194.41", "-1.9", "100"],
    ]


def test_rules_under_every_row_keep_wrapped_labels_in_their_row(tmp_path: Path) -> None:
    """A rule under each row: a band is one row, however many lines its cells wrap to (the
    label column's wrapped line included), though the lines outnumber the rules."""
    cols = [LEFT + 4, 220.0, 330.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年质量安全事件处置情况")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, cols, ["企业名称", "问题", "处理结果"])
        p.hline(LEFT, RIGHT, 118, width=0.6)
        row(p, 122, cols, ["某食品公司", "标签不合格", "责令整改"])
        p.hline(LEFT, RIGHT, 136, width=0.4)
        row(p, 140, cols, ["某某某某电器", "抽检不合格", "立案查处，没收"])
        row(p, 152, cols[:1] + cols[2:], ["有限公司", "违法所得，处以罚款"])
        row(p, 164, cols[2:], ["并公开通报"])
        p.hline(LEFT, RIGHT, 178, width=0.4)
        row(p, 182, cols, ["某建材公司", "无证生产", "责令停产"])
        p.hline(LEFT, RIGHT, 196, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "every.pdf", [draw])).found[0]
    matrix = table.grids[0].matrix()
    labels = ["企业名称", "某食品公司", "某某某某电器有限公司", "某建材公司"]
    assert [r[0] for r in matrix] == labels
    assert matrix[2][2] == "立案查处，没收违法所得，处以罚款并公开通报"


def test_header_words_spread_over_a_wide_cell_make_no_column(tmp_path: Path) -> None:
    """A header set justified across a cell wider than its column's figures leaves a word
    clear of the figures; the header line under it, in the same cell, keeps it in its column."""
    cols = [LEFT + 4, 250.0, 400.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表3：2022年产品质量监督抽查情况")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        row(p, 104, [*cols, 463.0], ["产品类别", "抽查批次", "抽查不合格", "率"])
        row(p, 116, cols, ["", "", "（按批次计，%）"])
        p.hline(LEFT, RIGHT, 130, width=0.6)
        row(p, 134, cols, ["食品", "1200", "2.5"])
        row(p, 150, cols, ["日用消费品", "860", "4.1"])
        p.hline(LEFT, RIGHT, 166, width=1.2)

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "spread.pdf", [draw])).found[0]
    matrix = table.grids[0].matrix()
    assert len(matrix[0]) == 3
    assert matrix[0][2].replace(" ", "") == "抽查不合格率（按批次计，%）"
    assert matrix[2] == ["日用消费品", "860", "4.1"]


def test_heading_in_larger_type_ends_a_borderless_table(tmp_path: Path) -> None:
    cols = [LEFT + 4, 300.0, 420.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表4：2022年计量器具检定情况")
        row(p, 100, cols, ["类别", "台件数", "增长%"])
        row(p, 118, cols, ["强制检定", "15620", "3.2"])
        row(p, 134, cols, ["非强制检定", "8340", "-1.5"])
        p.text(LEFT, 160, "第三部分", size=14)
        p.text(LEFT + 90, 160, "标准化工作", size=14)
        p.prose(190, "这是标题后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "heading.pdf", [draw])).found[0]
    assert [r[0] for r in table.grids[0].matrix()] == ["类别", "强制检定", "非强制检定"]


def test_group_label_on_its_own_line_is_no_wrapped_label(tmp_path: Path) -> None:
    """A label alone on its line, set as close to the next row as a wrapped line, heads the
    rows under it when the next row's first character would have fitted after it."""
    cols = [LEFT + 4, 330.0, 420.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要经济指标")
        row(p, 100, cols, ["指标", "2021年", "2022年"])
        row(p, 124, cols, ["社会消费品零售总额（限额以上单位）", "1844.58", "1612.40"])
        row(p, 148, cols, ["规模以上服务业企业主要指标", "", ""])
        row(p, 160, cols, ["营业收入", "1520.2", "1633.8"])
        row(p, 172, cols, ["利润总额", "201.5", "215.3"])
        p.prose(210, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    result = extract_pdf_tables("doc", make_pdf(tmp_path / "group.pdf", [draw]))
    labels = [r[0] for r in result.found[0].grids[0].matrix()]
    assert "规模以上服务业企业主要指标" in labels and "营业收入" in labels
    paths = {c.row_path for c in result.tables[0].cells}
    assert ("规模以上服务业企业主要指标", "营业收入") in paths


def test_indented_label_wrapped_at_the_column_edge_stays_one_label(tmp_path: Path) -> None:
    """An indented label's first line ends near the column's right edge: the next line's first
    characters would fit in the column's width, but not where the label stands, so it wraps."""
    cols = [LEFT + 4, 330.0, 420.0]
    indent = LEFT + 4 + 2 * 9

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要经济指标")
        row(p, 100, cols, ["指标", "2021年", "2022年"])
        row(p, 124, cols, ["社会消费品零售总额（限额以上单位）", "1844.58", "1612.40"])
        p.text(indent, 148, "其中：限额以上商品零售额及餐饮", size=9)
        row(p, 160, cols, ["", "1520.2", "1633.8"])
        p.text(LEFT + 4, 160, "收入", size=9)
        row(p, 184, cols, ["利润总额", "201.5", "215.3"])
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    result = extract_pdf_tables("doc", make_pdf(tmp_path / "wrapped.pdf", [draw]))
    labels = [r[0] for r in result.found[0].grids[0].matrix()]
    assert "其中：限额以上商品零售额及餐饮收入" in labels, labels


def test_sideways_header_text_in_an_upright_ruled_table(tmp_path: Path) -> None:
    xs = [LEFT, 160.0, 200.0, 240.0]
    ys = [100.0, 170.0, 188.0, 206.0]

    def draw(p: Page) -> None:
        p.grid(xs, ys)
        p.text(LEFT + 3, 150, "地区", size=9)
        for x, label in zip(xs[1:], ["Total units", "Sold"], strict=False):
            c = p.c
            c.saveState()  # type: ignore[attr-defined]
            c.translate(x + 25, HEIGHT - 165)  # type: ignore[attr-defined]
            c.rotate(90)  # type: ignore[attr-defined]
            c.setFont("Helvetica", 9)  # type: ignore[attr-defined]
            c.drawString(0, 0, label)  # type: ignore[attr-defined]
            c.restoreState()  # type: ignore[attr-defined]
        row(p, 174, [LEFT + 3, xs[1] + 3, xs[2] + 3], ["东城", "120", "86"])
        row(p, 192, [LEFT + 3, xs[1] + 3, xs[2] + 3], ["西城", "95", "70"])

    pdf = make_pdf(tmp_path / "sideways_header.pdf", [draw])
    found = extract_pdf_tables("doc", pdf, stream_uncaptioned=True).found
    matrix = found[0].grids[0].matrix()
    assert matrix[0] == ["地区", "Total units", "Sold"]
    assert matrix[1:] == [["东城", "120", "86"], ["西城", "95", "70"]]


# --- the command-line tool


@pytest.mark.parametrize(
    ("first", "second", "title"),
    [
        ("表1", "2022年各园区产值情况", "2022年各园区产值情况"),
        (
            "表1：2022年闵行区各街镇产品质量监督抽查及不合格产品",
            "后处理情况统计（单位：批次）",
            "2022年闵行区各街镇产品质量监督抽查及不合格产品后处理情况统计",
        ),
    ],
)
def test_caption_title_carried_onto_the_next_line(
    tmp_path: Path, first: str, second: str, title: str
) -> None:
    """A long title wraps under its caption, or "表1" prints alone over its title: the title is
    both lines, and the second line is no part of the table."""
    cols = [LEFT + 4, 250.0, 400.0]

    def draw(p: Page) -> None:
        p.prose(56, "全区产品质量稳步提升，主要指标见下表。")
        p.text(297 - 5 * len(first), 80, first)
        p.text(297 - 5 * len(second), 94, second)
        p.text(RIGHT - 50, 108, "单位：批次", size=9)
        p.hline(LEFT, RIGHT, 122, width=1.2)
        row(p, 126, cols, ["街镇", "抽查批次", "不合格批次"])
        p.hline(LEFT, RIGHT, 140, width=0.6)
        row(p, 144, cols, ["莘庄镇", "120", "3"])
        p.hline(LEFT, RIGHT, 158, width=1.2)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "title.pdf", [draw])).tables
    assert (table.label, table.title, table.unit) == ("表1", title, "批次")
    assert {(c.row_path, c.col_path, c.raw_text) for c in table.cells} == {
        (("莘庄镇",), ("抽查批次",), "120"),
        (("莘庄镇",), ("不合格批次",), "3"),
    }


def test_unit_printed_at_the_caption_line_end(tmp_path: Path) -> None:
    cols = [LEFT + 4, 250.0, 400.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要指标完成情况")
        p.text(RIGHT - 60, 80, "单位：亿元", size=9)
        p.hline(LEFT, RIGHT, 96, width=1.2)
        row(p, 100, cols, ["指标", "2021年", "2022年"])
        p.hline(LEFT, RIGHT, 114, width=0.6)
        row(p, 118, cols, ["工业总产值", "3669.79", "3802.1"])
        p.hline(LEFT, RIGHT, 132, width=1.2)

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "unit.pdf", [draw])).tables
    assert (table.title, table.unit) == ("2022年主要指标完成情况", "亿元")
    assert {c.unit for c in table.cells} == {"亿元"}


def test_cli_prints_grids_as_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:  # type: ignore[type-arg]
    import json

    from pipelines.extract.pdf_cli import main

    xs = [LEFT, 200.0, 320.0, 420.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表1：2022年主要指标完成情况（单位：亿元）")
        for y in ys:
            p.hline(LEFT if y != ys[1] else xs[2], RIGHT, y)
        for x in xs:
            p.vline(x, ys[1] if x == xs[3] else ys[0], ys[-1])
        row(p, 103, [LEFT + 3, xs[1] + 3, xs[2] + 3], ["指标", "计量单位", "2022年"])
        row(p, 121, [xs[2] + 3, xs[3] + 3], ["总量", "增长%"])
        body = ["工业", "亿元", "3669.79", "-6.0"]
        row(p, 139, [LEFT + 3, xs[1] + 3, xs[2] + 3, xs[3] + 3], body)
        p.text(LEFT, 164, "数据来源：区统计局", size=8)

    pdf = make_pdf(tmp_path / "cli.pdf", [draw])
    assert main([str(pdf), "--format", "json"]) == 0
    (part,) = json.loads(capsys.readouterr().out)
    assert (part["number"], part["label"], part["page"], part["method"]) == (1, "表1", 1, "lattice")
    assert part["unit"] == "亿元" and part["source"] == "区统计局"
    assert part["bbox"][0] == pytest.approx(LEFT, abs=1)
    spans = {(c["row"], c["col"]): (c["rowspan"], c["colspan"]) for c in part["cells"]}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 2)] == (1, 2)  # 指标 down, 2022年 across
    assert part["grid"][2] == ["工业", "亿元", "3669.79", "-6.0"]

    assert main([str(pdf), "--format", "csv", "--pages", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("# table 1 part 1: 表1 2022年主要指标完成情况")
    assert "r0c0:2x1" in out[1] and "r0c2:1x2" in out[1]
    assert out[4] == "工业,亿元,3669.79,-6.0"

    assert main([str(pdf), "--format", "cells"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_col = {tuple(r["col"]): r for r in records if r["row"] == ["工业"]}
    growth = by_col[("2022年", "增长%")]
    assert (growth["doc"], growth["table"], growth["page"]) == ("cli", 1, 1)
    assert (growth["raw"], growth["value"], growth["unit"]) == ("-6.0", -6.0, "%")
    assert by_col[("2022年", "总量")]["unit"] == "亿元"  # from the caption's 单位
    assert (growth["source"], growth["is_change"]) == ("区统计局", False)


def test_cli_names_an_unusable_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:  # type: ignore[type-arg]
    from pipelines.extract.pdf_cli import main

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    assert main([str(bad)]) == 2
    assert "bad.pdf" in capsys.readouterr().err


def _two_year_part(
    p: Page, top: float, rows: list[list[str]], close: bool, pieces: bool = False
) -> float:
    """A three-line table with a two-level header: 类别 and 同比增长 centred down both header
    rows, the rule under the header drawn only below the sub-headed columns. With ``pieces``
    the top and bottom rules are drawn one stroke per column, end to end, as browsers do."""
    cols = [LEFT + 4, 170.0, 250.0, 330.0, 410.0]

    def rule(y: float) -> None:
        ends = [LEFT, 165.0, 245.0, 325.0, 405.0, 465.0, RIGHT] if pieces else [LEFT, RIGHT]
        for a, b in itertools.pairwise(ends):
            p.hline(a, b, y, width=1.2)

    rule(top)
    row(p, top + 4, [215.0, 375.0], ["2021年", "2022年"])
    row(p, top + 14.5, [LEFT + 20, 480.0], ["类别", "同比增长"])  # centred on both rows
    row(p, top + 25, cols[1:5], ["抽检数", "合格率", "抽检数", "合格率"])
    p.hline(160.0, 465.0, top + 39, width=0.6)  # only under the sub-headers
    y = top + 44
    for cells in rows:
        row(p, y, [*cols, 480.0], cells)
        y += 18
    if close:
        rule(y)
    return y


def test_three_line_table_at_page_foot_keeps_its_partial_header_rule(tmp_path: Path) -> None:
    """A table broken by the page: on the first page only its top rule and the short rule under
    the sub-headers are drawn, no bottom rule. The short rule is still the header's."""
    body = [
        ["热线", "120", "95.0", "130", "96.1", "8.3%"],
        ["来信", "80", "91.2", "70", "92.0", "-12.5%"],
    ]

    def first(p: Page) -> None:
        p.prose(600, "各渠道抽检情况见表 4。")
        p.text(200, 680, "表4：2021-2022年各渠道抽检对比情况")
        _two_year_part(p, 700, body[:1], close=False)

    def second(p: Page) -> None:
        y = _two_year_part(p, 70, body[1:], close=True)
        p.prose(y + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "foot.pdf", [first, second])
    tables = extract_pdf_tables("doc", pdf).tables
    assert [t.number for t in tables] == [4]
    got = cells_of(tables[0])
    assert got[(("热线",), ("2021年", "合格率"))] == "95.0"
    assert got[(("热线",), ("同比增长",))] == "8.3%"
    assert got[(("来信",), ("2022年", "抽检数"))] == "70"
    assert len(got) == 10


def test_three_line_tables_opening_pages_keep_their_top_rules(tmp_path: Path) -> None:
    """Tables whose captions closed the page before open page after page at the same place, so
    their top rules recur like a running header's rule; a row of cells right under a rule makes
    it a table's."""

    def page(number: int | None, table: int | None):  # type: ignore[no-untyped-def]
        def draw(p: Page) -> None:
            y = 400.0
            if table is not None:
                rows = [[f"第{table}区", f"{table}0", "95.0", f"{table}1", "96.1", "1.0%"]]
                rows.append([f"第{table}镇", f"{table}2", "91.2", f"{table}3", "92.0", "-2.0%"])
                y = _two_year_part(p, 40, rows, close=True) + 40
            p.prose(y, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")
            if number is not None:
                p.prose(740, f"各渠道抽检情况见表 {number}。")
                p.text(200, 790, f"表{number}：2021-2022年各渠道抽检对比情况")

        return draw

    pages = [page(1, None), page(2, 1), page(3, 2), page(None, 3)]
    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "tops.pdf", pages, header=False)).tables
    assert [t.number for t in tables] == [1, 2, 3]
    for n, table in enumerate(tables, start=1):
        got = cells_of(table)
        assert got[((f"第{n}区",), ("2021年", "合格率"))] == "95.0"
        assert got[((f"第{n}镇",), ("同比增长",))] == "-2.0%"
        assert len(got) == 10


@pytest.mark.parametrize("ruled", [True, False], ids=["grid", "borderless"])
def test_unit_line_above_a_table_opening_the_page_after_its_caption(
    tmp_path: Path, ruled: bool
) -> None:
    xs = [LEFT, 220.0, 380.0, RIGHT]

    def first(p: Page) -> None:
        p.prose(700, "全区餐饮服务单位量化分级评定情况见表9。")
        p.text(200, 790, "表9：2022年餐饮服务单位量化等级评定情况")

    def second(p: Page) -> None:
        p.text(RIGHT - 40, 66, "单位：家", size=9)
        ys = [80.0 + 18 * i for i in range(4)]
        if ruled:
            p.grid(xs, ys)
        for i, cells in enumerate(
            [["类别", "A级", "B级"], ["中央厨房", "12", "30"], ["学校食堂", "8", "41"]]
        ):
            row(p, ys[i] + 4, [x + 3 for x in xs[:3]], cells)
        p.prose(180, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "unit.pdf", [first, second])).tables
    assert [(t.number, t.title) for t in tables] == [(9, "2022年餐饮服务单位量化等级评定情况")]
    assert tables[0].unit == "家"
    got = cells_of(tables[0])
    assert got[(("学校食堂",), ("B级",))] == "41"


def test_rows_recurring_at_the_same_place_under_page_tops_are_not_running_headers(
    tmp_path: Path,
) -> None:
    """Two borderless tables each end at the top of the next page with a total row and a
    数据来源 line, printed at the same place on both pages: below the running header and
    under rows of their tables, they are the tables' own, not running matter."""
    cols = [LEFT + 4, 250.0, 400.0]

    def opening(number: int) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            p.prose(600, "各区域抽检情况见下表。")
            p.text(200, 700, f"表{number}：各区域抽检情况（{number}）")
            row(p, 720, cols, ["区域", "批次", "合格率"])
            for k, label in enumerate(["一片区", "二片区", "三片区"]):
                row(p, 736 + 16 * k, cols, [label, f"{10 + k}", f"9{k}.5%"])

        return draw

    def closing(label: str, then: Callable[[Page], None] | None) -> Callable[[Page], None]:
        def draw(p: Page) -> None:
            row(p, 60, cols, [label, "7", "96.1%"])
            row(p, 76, cols, ["合计", f"{40 + len(label)}", "95.0%"])
            p.text(LEFT, 92, "数据来源：区市场监管局", size=8)
            p.prose(130, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")
            if then is not None:
                then(p)

        return draw

    pages = [opening(1), closing("莘庄镇", opening(2)), closing("紫竹高新区", None)]
    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "tops.pdf", pages)).tables
    assert [(t.number, t.page_start, t.page_end) for t in tables] == [(1, 1, 2), (2, 2, 3)]
    for table in tables:
        assert table.source_department == "区市场监管局"
        assert cells_of(table)[(("合计",), ("合格率",))] == "95.0%"


def test_three_line_rules_drawn_one_stroke_per_column(tmp_path: Path) -> None:
    rows = [
        ["热线", "120", "95.0", "130", "96.1", "8.3%"],
        ["来信", "80", "91.2", "70", "92.0", "-1.5%"],
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表4：2021-2022年各渠道抽检对比情况")
        y = _two_year_part(p, 100, rows, close=True, pieces=True)
        p.prose(y + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "pieces.pdf", [draw])).tables
    got = cells_of(tables[0])
    assert got[(("热线",), ("2021年", "合格率"))] == "95.0"
    assert got[(("来信",), ("同比增长",))] == "-1.5%"
    assert len(got) == 10


def test_merged_label_cell_broken_by_the_page_keeps_its_text(tmp_path: Path) -> None:
    """A browser leaves the rule off where the page cuts a merged cell: the label 市级 prints at
    the top of a box with no bottom rule, and the next page goes on under an empty one."""
    xs = [LEFT, 110.0, 200.0, 400.0, RIGHT]
    header = ["序号", "级别", "单位名称", "所属街镇"]

    def grid(p: Page, top: float, rows: list[list[str]], open_from: int | None) -> float:
        ys = [top + 18 * i for i in range(len(rows) + 2)]
        for i, y in enumerate(ys):
            for k, (a, b) in enumerate(itertools.pairwise(xs)):
                # the label column is merged from row ``open_from`` on, open at the page foot
                merged = k == 1 and open_from is not None and i > open_from
                if not merged:
                    p.hline(a, b, y)
        for x in xs:
            p.vline(x, ys[0], ys[-1])
        for i, cells in enumerate([header, *rows]):
            row(p, ys[i] + 4, [x + 3 for x in xs[:4]], cells)
        return ys[-1]

    def first(p: Page) -> None:
        p.prose(600, "全区共有标准园七家（见表5）。")
        p.text(200, 640, "表5：标准园名录汇总表")
        rows = [["1", "国家级", "甲公司", "东镇"], ["2", "市级", "乙公司", "西镇"]]
        rows += [["3", "", "丙公司", "南镇"], ["4", "", "丁公司", "北镇"]]
        grid(p, 660, rows, open_from=2)

    def second(p: Page) -> None:
        rows = [["5", "", "戊公司", "东镇"], ["6", "区级", "己公司", "西镇"]]
        bottom = grid(p, 70, rows, open_from=None)
        p.prose(bottom + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "broken.pdf", [first, second])).tables
    assert [t.number for t in tables] == [5]
    got = cells_of(tables[0])
    assert got[(("市级", "乙公司"), ("级别",))] == "市级"
    assert got[(("市级", "丁公司"), ("所属街镇",))] == "北镇"
    assert got[(("市级", "戊公司"), ("单位名称",))] == "戊公司"
    assert got[(("区级", "己公司"), ("所属街镇",))] == "西镇"
    assert len(got) == 15


def test_total_row_alone_under_a_repeated_header_keeps_the_columns(tmp_path: Path) -> None:
    """The last row of a table (总计 across 序号 and 产品类别) alone on the next page under the
    repeated header: the 序号 header heads a column although no text of that part is under it."""
    cols = [LEFT + 10, 150.0, 300.0, 420.0]
    header = ["序号", "产品类别", "受检批次", "合格率"]

    def part(p: Page, top: float, rows: list[list[str]], close: bool) -> float:
        p.hline(LEFT, RIGHT, top, width=1.2)
        row(p, top + 4, cols, header)
        p.hline(LEFT, RIGHT, top + 18, width=0.6)
        y = top + 22
        for cells in rows:
            row(p, y, cols, cells)
            y += 18
        if close:
            p.hline(LEFT, RIGHT, y, width=1.2)
        return y

    def first(p: Page) -> None:
        p.prose(640, "各类产品抽查情况见表3。")
        p.text(200, 680, "表3：产品质量监督抽查情况")
        part(p, 700, [["1", "儿童玩具", "104", "100"], ["2", "服装", "54", "96.3"]], close=False)

    def second(p: Page) -> None:
        y = part(p, 70, [["", "总计", "158", "98.7"]], close=True)
        p.prose(y + 40, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    tables = extract_pdf_tables("doc", make_pdf(tmp_path / "total.pdf", [first, second])).tables
    assert [t.number for t in tables] == [3]
    got = cells_of(tables[0])
    assert got[(("总计",), ("受检批次",))] == "158"
    assert got[(("服装",), ("合格率",))] == "96.3"
    assert len(got) == 6


def test_borderless_header_label_centred_down_two_header_rows(tmp_path: Path) -> None:
    """No rule marks the header: 诉求来源 and 同比增长, merged down both header rows, print on a
    line of their own between the years and the sub-headers under them (as LibreOffice does)."""
    xs = [LEFT + 10, 190.0, 260.0, 330.0, 400.0, 470.0]
    body = [
        ("热线", ["120", "30", "126", "31", "5.0%"]),
        ("来信", ["80", "12", "78", "11", "-2.0%"]),
        ("网格", ["64", "9", "65", "9", "1.5%"]),
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：投诉举报受理情况")
        p.text(228, 104, "2021年", size=10.5)  # centred over its two columns
        p.text(368, 104, "2022年", size=10.5)
        p.text(xs[0], 114.6, "诉求来源", size=10.5)
        p.text(xs[5], 114.6, "同比增长", size=10.5)
        for x, label in zip(xs[1:5], ["投诉(件)", "举报(件)"] * 2, strict=True):
            p.text(x, 125.1, label, size=10.5)
        for k, (label, values) in enumerate(body):
            p.text(xs[0], 146.3 + 21.1 * k, label, size=10.5)
            for x, value in zip(xs[1:], values, strict=True):
                p.text(x + 8, 146.3 + 21.1 * k, value, size=10.5)
        p.prose(250, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "borderless.pdf", [draw])).tables[0]
    got = cells_of(table)
    assert got[(("热线",), ("2021年", "举报(件)"))] == "30"
    assert got[(("来信",), ("2022年", "投诉(件)"))] == "78"
    assert got[(("网格",), ("同比增长",))] == "1.5%"
    assert len(got) == 15


def test_borderless_tight_header_label_on_the_sub_header_line(tmp_path: Path) -> None:
    """A tighter header (as browsers print it) sets 类别 and 同比增长 almost on the sub-headers'
    line, a little higher: they still head both header rows."""
    xs = [LEFT + 10, 190.0, 260.0, 330.0, 400.0, 470.0]
    body = [
        ("热线", ["120", "30", "126", "31", "5.0%"]),
        ("来信", ["80", "12", "78", "11", "-2%"]),
        ("网格", ["64", "9", "65", "9", "1.5%"]),
        ("其他", ["7", "1", "8", "2", "14.3%"]),
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：投诉举报受理情况")
        p.text(228, 104, "2021年", size=9)
        p.text(368, 104, "2022年", size=9)
        p.text(xs[0], 113, "类别", size=9)
        p.text(xs[5], 113, "同比增长", size=9)
        for x, label in zip(xs[1:5], ["投诉(件)", "举报(件)"] * 2, strict=True):
            p.text(x, 121.2, label, size=9)
        for top, (label, values) in zip((137.7, 154.2, 171.5, 188.0), body, strict=True):
            p.text(xs[0], top, label, size=9)
            for x, value in zip(xs[1:], values, strict=True):
                p.text(x + 8, top, value, size=9)
        p.prose(230, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "tight.pdf", [draw])).tables[0]
    got = cells_of(table)
    assert got[(("热线",), ("2021年", "举报(件)"))] == "30"
    assert got[(("其他",), ("同比增长",))] == "14.3%"
    assert len(got) == 20


def test_borderless_tight_header_year_over_the_middle_of_three_sub_headers(tmp_path: Path) -> None:
    """Browsers print a header's lines closer than their glyphs are tall (the boxes of
    neighbouring lines overlap a little): 2023年 centred over the middle of its three
    sub-headers is a header row of its own, not the first line of 合格数(批次)."""
    xs = [LEFT, 140.0, 210.0, 280.0, 350.0, 420.0, 490.0]
    body = [
        ("热线", ["120", "114", "95.0", "126", "125", "99.2"]),
        ("来信", ["80", "78", "97.5", "78", "70", "89.7"]),
        ("网格", ["64", "60", "93.8", "65", "65", "100"]),
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表5：重点领域抽检情况")
        p.text(xs[2] + 8, 104, "2023年", size=9)
        p.text(xs[5] + 8, 104, "2024年", size=9)
        p.text(xs[0], 112.2, "类别", size=9)
        for x, label in zip(xs[1:], ["抽检数(批次)", "合格数(批次)", "合格率(%)"] * 2, strict=True):
            p.text(x, 120.5, label, size=9)
        for k, (label, values) in enumerate(body):
            p.text(xs[0], 137.7 + 16.5 * k, label, size=9)
            for x, value in zip(xs[1:], values, strict=True):
                p.text(x + 8, 137.7 + 16.5 * k, value, size=9)
        p.prose(230, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "tight.pdf", [draw])).tables[0]
    got = cells_of(table)
    assert got[(("热线",), ("2023年", "合格数(批次)"))] == "114"
    assert got[(("来信",), ("2024年", "抽检数(批次)"))] == "78"
    assert got[(("网格",), ("2024年", "合格率(%)"))] == "100"
    assert len(got) == 18


def test_borderless_header_centred_over_values_set_flush_left(tmp_path: Path) -> None:
    """序号 centred in a cell wider than its figures, which a browser sets flush left: the
    header and the numbers under it share no x, yet they are one column."""
    items = [
        ("1", "电线电缆", "69", "66.7%"),
        ("2", "鞋类", "23", "100%"),
        ("3", "化肥", "33", "100%"),
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表4：工业产品质量监督抽查情况")
        row(p, 100, [LEFT + 16, 180.0, 330.0, 450.0], ["序号", "产品类别", "受检批次", "合格率"])
        for k, cells in enumerate(items):
            row(p, 116 + 16 * k, [LEFT, 180.0, 342.0, 452.0], list(cells))
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    found = extract_pdf_tables("doc", make_pdf(tmp_path / "flush.pdf", [draw])).found[0]
    assert found.grids[0].matrix() == [
        ["序号", "产品类别", "受检批次", "合格率"],
        *[list(cells) for cells in items],
    ]


def test_borderless_header_centred_far_from_short_labels_set_flush_left(tmp_path: Path) -> None:
    """A page's part of a table whose longest labels print on the next page: the first
    column, as wide as those, centres its header far right of the short labels here."""
    items = [("大型游乐设施（台）", "7840"), ("锅炉（台）", "17222")]

    def draw(p: Page) -> None:
        p.text(200, 80, "表12：在用特种设备情况")
        row(p, 100, [230.0, 500.0], ["特种设备种类", "数量"])
        for k, cells in enumerate(items):
            row(p, 116 + 16 * k, [LEFT, 498.0], list(cells))
        p.prose(180, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    found = extract_pdf_tables("doc", make_pdf(tmp_path / "far.pdf", [draw])).found[0]
    assert found.grids[0].matrix() == [["特种设备种类", "数量"], *[list(c) for c in items]]


def test_borderless_header_over_a_column_the_body_leaves_empty(tmp_path: Path) -> None:
    """No rule marks the header, and no line under it has a remark: the columns come from the
    body, yet 备注, clear of them beside a header that heads its own, keeps a column."""
    cols = [LEFT + 4, 180.0, 300.0, 420.0]
    items = [("电线电缆", "69", "66.7%"), ("鞋类", "23", "100%"), ("化肥", "33", "100%")]

    def draw(p: Page) -> None:
        p.text(200, 80, "表4：工业产品质量监督抽查情况")
        row(p, 100, cols, ["产品类别", "受检批次", "合格率", "备注"])
        for k, cells in enumerate(items):
            row(p, 116 + 16 * k, cols[:3], list(cells))
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    found = extract_pdf_tables("doc", make_pdf(tmp_path / "empty.pdf", [draw])).found[0]
    assert found.grids[0].matrix() == [
        ["产品类别", "受检批次", "合格率", "备注"],
        *[[*cells, ""] for cells in items],
    ]


def test_borderless_values_stacked_under_wide_headers_are_rows(tmp_path: Path) -> None:
    """Evenly spaced lines, no rules: under the first row, lines with cells only in the middle
    columns (short items stacked one per line under wide headers, the columns before them
    left empty) are rows of their own, not wrapped lines: each item would have fitted beside
    the one above it in its column."""
    cols = [LEFT + 4, 140.0, 230.0, 340.0, 450.0]
    lines = [
        ["产品类别", "生产企业", "检验项目（元素）", "检测方法（原理）", "抽检批次"],
        ["大米", "甲粮油公司", "铅", "石墨炉法", "12"],
        ["", "", "镉", "石墨炉法", ""],
        ["", "", "总汞", "原子荧光法", ""],
        ["玉米粉", "乙食品公司", "铅", "石墨炉法", "8"],
        ["", "", "总砷", "原子荧光法", ""],
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表6：粮食加工品重金属抽检情况")
        for k, cells in enumerate(lines):
            row(p, 100 + 14 * k, cols, cells)
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "stacked.pdf", [draw])).found[0]
    assert table.grids[0].matrix() == lines


def test_three_line_values_stacked_under_wide_headers_are_rows(tmp_path: Path) -> None:
    """The same stacked values in a three-line table: the rule sets the header apart, and each
    short item still had its header's width to fit in beside the one above it."""
    cols = [LEFT + 4, 140.0, 230.0, 340.0, 450.0]
    lines = [
        ["产品类别", "生产企业", "检验项目（元素）", "检测方法（原理）", "抽检批次"],
        ["大米", "甲粮油公司", "铅", "石墨炉法", "12"],
        ["", "", "镉", "石墨炉法", ""],
        ["", "", "总汞", "原子荧光法", ""],
        ["玉米粉", "乙食品公司", "铅", "石墨炉法", "8"],
        ["", "", "总砷", "原子荧光法", ""],
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表6：粮食加工品重金属抽检情况")
        p.hline(LEFT, RIGHT, 96, width=1.2)
        row(p, 100, cols, lines[0])
        p.hline(LEFT, RIGHT, 113, width=0.6)
        for k, cells in enumerate(lines[1:]):
            row(p, 117 + 14 * k, cols, cells)
        p.hline(LEFT, RIGHT, 117 + 14 * len(lines[1:]), width=1.2)
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "stacked.pdf", [draw])).found[0]
    assert table.grids[0].method == "three_line"
    assert table.grids[0].matrix() == lines


def test_borderless_header_unit_on_a_second_line_stays_in_its_header(tmp_path: Path) -> None:
    """The units of a header print on a line of their own ("抽检数" over "（批次）"), spaced
    like the body's rows, in columns whose figures, set flush right, leave room for the unit
    beside the header: the header is no body, its second line still completes its cells."""
    cols = [LEFT + 4, 200.0, 300.0, 400.0]
    body = [
        ("食品", ["12864", "1037", "1245.6"]),
        ("日用消费品", ["8602", "1170", "987.4"]),
        ("工业生产资料", ["5431", "1862", "456.7"]),
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表7：2022年产品质量监督抽查情况")
        row(p, 100, cols, ["产品类别", "抽检数", "不合格数", "货值金额"])
        row(p, 114, cols, ["", "（批次）", "（批次）", "（万元）"])
        for k, (label, values) in enumerate(body):
            p.text(cols[0], 128 + 14 * k, label, size=9)
            for x, value in zip(cols[1:], values, strict=True):
                p.text(x + 52 - pdfmetrics.stringWidth(value, FONT, 9), 128 + 14 * k, value, size=9)
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "units.pdf", [draw])).found[0]
    matrix = table.grids[0].matrix()
    assert [c.replace(" ", "") for c in matrix[0]] == [
        "产品类别",
        "抽检数（批次）",
        "不合格数（批次）",
        "货值金额（万元）",
    ]
    assert matrix[1:] == [[label, *values] for label, values in body]


def test_borderless_body_cells_wrapped_at_the_column_edge_stay_one_cell(tmp_path: Path) -> None:
    """Body text cells that really wrapped (their first line fills the column, the next word
    would not have fitted after it) stay one cell each, evenly spaced as the rows are."""
    cols = [LEFT + 4, 150.0, 300.0, 440.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表8：不合格产品处理情况")
        row(p, 100, cols, ["产品类别", "主要不合格项目", "处理情况", "批次"])
        row(p, 114, cols, ["电动自行车", "整车质量、最高车速、", "责令整改并依法", "3"])
        row(p, 128, cols, ["", "制动性能", "立案查处", ""])
        row(p, 142, cols, ["电线电缆", "导体电阻", "责令停止销售", "5"])
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "wrapped.pdf", [draw])).found[0]
    matrix = table.grids[0].matrix()
    assert len(matrix) == 3
    assert matrix[1] == [
        "电动自行车",
        "整车质量、最高车速、制动性能",
        "责令整改并依法立案查处",
        "3",
    ]
    assert matrix[2] == ["电线电缆", "导体电阻", "责令停止销售", "5"]


@pytest.mark.parametrize("frame", ["grid", "three_line", "borderless"])
def test_corner_cell_crossed_by_a_diagonal_heads_no_column(tmp_path: Path, frame: str) -> None:
    """A 斜线表头: the column headings' label ("年份") in the corner cell's upper right, close
    to the first year, and the row labels' ("类别") in its lower left, under the years' line.
    Both are the corner's: no column path starts with 年份, no row path with 类别."""
    xs = [LEFT, 200.0, 300.0, 400.0, RIGHT]
    ys = [100.0, 130.0, 148.0, 166.0, 184.0]
    body = [("食品", "97.1", "97.5"), ("工业产品", "93.2", "94.0"), ("农产品", "98.2", "98.4")]

    def draw(p: Page) -> None:
        p.text(200, 80, "表6：各类产品抽检合格率")
        if frame == "grid":
            p.grid(xs, ys)
        elif frame == "three_line":
            for y, width in ((ys[0], 1.2), (ys[1], 0.6), (ys[-1], 1.2)):
                p.hline(LEFT, RIGHT, y, width=width)
        p.c.line(xs[0], HEIGHT - ys[0], xs[1], HEIGHT - ys[1])  # type: ignore[attr-defined]
        p.text(xs[1] - 30, 103, "年份", size=9)
        p.text(LEFT + 3, 118, "类别", size=9)
        row(p, 110, [xs[1] + 3, xs[2] + 3], ["2021年", "2022年"])
        for k, cells in enumerate(body):
            row(p, 133 + 18 * k, [LEFT + 3, xs[1] + 3, xs[2] + 3], list(cells))
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "corner.pdf", [draw])).tables
    assert cells_of(table) == {
        ((label,), (year,)): value
        for label, *values in body
        for year, value in zip(["2021年", "2022年"], values, strict=True)
    }


@pytest.mark.parametrize("frame", ["grid", "three_line"])
def test_note_and_source_rows_ruled_into_the_table_are_its_notes(
    tmp_path: Path, frame: str
) -> None:
    """Word tables often close with a row merged across for the 注 or the 数据来源: they are
    the table's note and source, not rows of labels (nor dropped)."""
    xs = [LEFT, 200.0, 300.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0, 172.0, 190.0]
    body = [("食品", "97.1", "97.5"), ("工业产品", "93.2", "94.0")]

    def draw(p: Page) -> None:
        p.text(200, 80, "表9：各类产品抽检合格率")
        if frame == "grid":
            for y in ys:
                p.hline(LEFT, RIGHT, y)
            for x in xs:
                p.vline(x, ys[0], ys[-1] if x in (LEFT, RIGHT) else ys[-3])
        else:
            for y, width in ((ys[0], 1.2), (ys[1], 0.6), (ys[-1], 1.2)):
                p.hline(LEFT, RIGHT, y, width=width)
        row(p, 103, [LEFT + 3, xs[1] + 3, xs[2] + 3], ["类别", "2021年", "2022年"])
        for k, cells in enumerate(body):
            row(p, 121 + 18 * k, [LEFT + 3, xs[1] + 3, xs[2] + 3], list(cells))
        p.text(LEFT + 3, 157, "注：2022年数据为快报数。", size=9)
        p.text(LEFT + 3, 175, "数据来源：区市场监管局", size=9)
        p.prose(220, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "notes.pdf", [draw])).tables
    assert table.notes == ["注：2022年数据为快报数。"]
    assert table.source_department == "区市场监管局"
    assert cells_of(table) == {
        ((label,), (year,)): value
        for label, *values in body
        for year, value in zip(["2021年", "2022年"], values, strict=True)
    }


FOOTERS = {
    "none": [],
    "org_date": [["某区市场监督管理局", "", "2023年3月"]],
    "two_lines": [
        ["地址：某区某路100号", "电话：021-12345678", ""],
        ["网址：www.example.cn", "邮编：200000", ""],
    ],
    # not word for word the same: the page number changes, under the rows' second column
    "numbered": [["某区市场监督管理局", "第{page}页", ""]],
}


@pytest.mark.parametrize("footer", FOOTERS)
@pytest.mark.parametrize("header", ["flush", "wider"])
def test_long_table_filling_pages_to_their_foot_keeps_every_row(
    tmp_path: Path, footer: str, header: str
) -> None:
    """A three-line table of months runs over three pages with no running header or page
    number: the rows at each page's foot share a shape ("2023年6月 10 92.5%") yet are rows,
    not a running footer, and the unruled rest on the next pages (only as wide as its text)
    goes on with the table, its header wider than its figures or not. A footer set close under
    the rows, word for word the same on each page, stays running matter."""
    cols = [LEFT + 4, 300.0, 420.0]
    heads = (
        ["月份", "批次", "合格率"]
        if header == "flush"
        else ["月份", "抽检批次（批）", "合格率（%）"]
    )
    head_cols = cols if header == "flush" else [LEFT + 4, 270.0, 395.0]
    months = itertools.count()
    printed: list[str] = []

    def page(p: Page, first: bool) -> None:
        top = 70.0
        if first:
            p.prose(50, "各月抽检情况见表 4。")
            p.text(200, 70, "表4：各月抽检情况")
            p.hline(LEFT, RIGHT, 88, width=1.2)
            row(p, 92, head_cols, heads)
            p.hline(LEFT, RIGHT, 106, width=0.6)
            top = 110.0
        while top < 770:
            m = next(months)
            printed.append(f"{2020 + m // 12}年{m % 12 + 1}月")
            row(p, top, cols, [printed[-1], str(10 + m % 7), f"9{m % 10}.5%"])
            top += 16
        for k, cells in enumerate(FOOTERS[footer]):
            cells = [c.format(page=p.number) for c in cells]
            row(p, top + 2 + 12 * k, [LEFT, 300.0, RIGHT - 40], cells)

    pdf = make_pdf(
        tmp_path / "months.pdf",
        [lambda p: page(p, True), lambda p: page(p, False), lambda p: page(p, False)],
        header=False,
    )
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert (table.number, table.page_start, table.page_end) == (4, 1, 3)
    got = cells_of(table)
    assert [path for path, col in got if col == (heads[1],)] == [(label,) for label in printed]
    assert not any("某区" in v or "021" in v or "200000" in v or "页" in v for v in got.values())


@pytest.mark.parametrize(
    ("above", "title"),
    [
        ("2022年食品抽检情况", "2022年食品抽检情况"),
        ("数据来源：区市场监管局", ""),
        ("全区共抽检食品2730批次，各类别抽检情况如下：", ""),
    ],
)
def test_a_label_alone_under_its_title(tmp_path: Path, above: str, title: str) -> None:
    """ "表3" printed alone under its title: the title was lost. A 数据来源 line above is none."""
    xs = [LEFT, 250.0, 380.0, RIGHT]
    ys = [136.0 + 18 * i for i in range(3)]

    def draw(p: Page) -> None:
        p.prose(70, "全年食品抽检情况见表3。")
        p.text(200, 100, above)
        p.text(200, 116, "表3")
        p.grid(xs, ys)
        row(p, ys[0] + 4, [x + 4 for x in xs[:3]], ["类别", "批次", "合格率"])
        row(p, ys[1] + 4, [x + 4 for x in xs[:3]], ["生产", "273", "100%"])

    table = extract_pdf_tables("doc", make_pdf(tmp_path / "label.pdf", [draw])).tables[0]
    assert (table.number, table.title) == (3, title)
    assert cells_of(table)[(("生产",), ("批次",))] == "273"


# --- ordinary tables the designed-report readings must leave as they were (session 22 review)

PARKS = [
    ["紫竹高新区", "179.72", "2.6"],
    ["莘庄工业区", "1014.69", "-2.8"],
    ["小计", "1194.41", "-1.9"],
]
PARK_HEADS = ["园区", "产值", "同比(%)"]
PARK_COLS = [LEFT + 4, 250.0, 400.0]


def park_cells(rows: list[list[str]] = PARKS) -> dict[tuple[tuple[str, ...], tuple[str, ...]], str]:
    return {((r[0],), (h,)): v for r in rows for h, v in zip(PARK_HEADS[1:], r[1:], strict=True)}


@pytest.mark.parametrize(
    "remark",
    [
        "（2022年1-12月）",
        "说明：产值为现价",
        "截止日期：2022年12月31日",
        "2022年1-12月",
        "统计表-03",
    ],
)
def test_a_remark_between_the_caption_and_an_unruled_header_is_no_header_row(
    tmp_path: Path, remark: str
) -> None:
    """A line between the caption and a header printed over the first rule (no rule above the
    header) remarks on the table: it heads no column."""

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各园区产值")
        p.text(LEFT, 100, remark, size=9)
        row(p, 120, PARK_COLS, PARK_HEADS)
        p.hline(LEFT, RIGHT, 134, width=0.6)
        for i, r in enumerate(PARKS):
            row(p, 138 + 16 * i, PARK_COLS, r)
        p.hline(LEFT, RIGHT, 186, width=1.2)
        p.prose(300, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "remark.pdf", [draw])).tables
    assert cells_of(table) == park_cells()


def test_a_table_ruled_over_and_under_keeps_its_rows_before_a_signature_line(
    tmp_path: Path,
) -> None:
    """Two rules, over the header and under the last row, then a line of 制表人 / 审核人: the
    second rule closes the table, it is no rule under a header (the rows read as one)."""

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各园区产值")
        p.hline(LEFT, RIGHT, 100, width=1.2)
        for i, r in enumerate([PARK_HEADS, *PARKS]):
            row(p, 104 + 16 * i, PARK_COLS, r)
        p.hline(LEFT, RIGHT, 168, width=1.2)
        row(p, 176, [LEFT, 250, 400], ["制表人：张三", "审核人：李四", "日期：2023年1月"])
        p.prose(300, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "signed.pdf", [draw])).tables
    got = cells_of(table)
    assert {k: v for k, v in got.items() if k in park_cells()} == park_cells()


@pytest.mark.parametrize(
    ("notes", "rules"),
    [
        *(
            (notes, rules)
            for notes in [{3: "口径调整"}, {4: "含托管区"}, {2: "新设", 4: "合并"}]
            for rules in (False, True)
        ),
        ({1: "新设"}, True),  # centred on rows 0-2 it would tile them, but rules part them
    ],
)
def test_sparse_notes_stay_on_their_rows(
    tmp_path: Path, notes: dict[int, str], rules: bool
) -> None:
    """A 备注 column with a note here and there: each note stays on its row (a lone note is
    centred on some run of rows, and was lifted to its first row as if it were a merged
    label; across a rule under every row too)."""
    cols = [LEFT + 4, 180.0, 260.0, 340.0]
    names = ["紫竹高新区", "莘庄工业区", "虹桥商务区", "漕河泾开发区", "临港新片区", "张江科学城"]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各园区产值")
        p.hline(LEFT, RIGHT, 112, width=1.2)
        row(p, 116, cols, ["园区", "产值", "同比(%)", "备注"])
        p.hline(LEFT, RIGHT, 130, width=0.6)
        for i, name in enumerate(names):
            row(p, 134 + 16 * i, cols, [name, f"{100 + i * 7}.5", f"{i}.1", notes.get(i, "")])
            if rules and i < len(names) - 1:
                p.hline(LEFT, RIGHT, 148 + 16 * i, width=0.4)
        p.hline(LEFT, RIGHT, 134 + 16 * len(names), width=1.2)
        p.prose(300, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "notes.pdf", [draw])).tables
    got = cells_of(table)
    assert {k[0][0]: v for k, v in got.items() if k[1] == ("备注",)} == {
        names[i]: note for i, note in notes.items()
    }


@pytest.mark.parametrize("between", ["注：同比按可比价计算。", "（二）分行业情况", "分行业："])
def test_two_tables_one_over_the_other_are_two(tmp_path: Path, between: str) -> None:
    """A table, a note, heading or label line, then an uncaptioned narrower table whose rules
    start where the first one's start: two tables, the rules are not stacked into one."""
    cols = [LEFT + 4, 160.0, 240.0]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各园区产值")
        p.hline(LEFT, RIGHT, 112, width=1.2)
        row(p, 116, PARK_COLS, PARK_HEADS)
        p.hline(LEFT, RIGHT, 130, width=0.6)
        for i, r in enumerate(PARKS[:2]):
            row(p, 134 + 16 * i, PARK_COLS, r)
        p.hline(LEFT, RIGHT, 166, width=1.2)
        p.text(LEFT, 172, between, size=8)
        p.hline(LEFT, 360, 200, width=1.2)
        row(p, 204, cols, ["街镇", "人口", "面积"])
        p.hline(LEFT, 360, 218, width=0.6)
        for i, r in enumerate([["徐家汇", "10.2", "4.1"], ["湖南路", "3.5", "2.2"]]):
            row(p, 222 + 16 * i, cols, r)
        p.hline(LEFT, 360, 254, width=1.2)
        p.prose(300, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "two.pdf", [draw])
    first, *rest = extract_pdf_tables("doc", pdf, stream_uncaptioned=True).tables
    assert cells_of(first) == park_cells(PARKS[:2])
    assert len(rest) == 1 and cells_of(rest[0])[(("湖南路",), ("面积",))] == "2.2"


def test_a_row_numbering_the_columns_over_the_first_rule_is_the_headers(tmp_path: Path) -> None:
    """栏次: "甲 | 1 | 2 | 3" under the header, over the first rule of a table with no rule above
    its header: it numbers the columns, it is no row of figures."""
    cols = [LEFT + 4, 200.0, 300.0, 400.0]
    body = [["紫竹高新区", "179.72", "2.6", "12"], ["莘庄工业区", "1014.69", "-2.8", "30"]]

    def draw(p: Page) -> None:
        p.text(200, 80, "表2：2022年各园区产值")
        row(p, 104, cols, ["园区", "产值", "同比(%)", "企业数"])
        row(p, 118, cols, ["甲", "1", "2", "3"])
        p.hline(LEFT, RIGHT, 132, width=0.6)
        for i, r in enumerate(body):
            row(p, 136 + 16 * i, cols, r)
        p.hline(LEFT, RIGHT, 168, width=1.2)
        p.prose(300, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "colnum.pdf", [draw])).tables
    got = cells_of(table)
    assert not any(row == ("甲",) for row, _col in got)
    assert {v for (row, _col), v in got.items() if row == ("紫竹高新区",)} == {
        "179.72",
        "2.6",
        "12",
    }


@pytest.mark.parametrize("ruled", [False, True])
def test_a_row_numbering_the_columns_under_the_header_gives_no_cells(
    tmp_path: Path, ruled: bool
) -> None:
    """栏次 rows (甲 | 乙 | 1 | 2, 栏次 | (1) | (2)) in a borderless or a ruled table number the
    columns: they are no row of figures labelled 甲."""
    xs = [LEFT, 200.0, 300.0, 400.0, RIGHT]
    ys = [100.0, 118.0, 136.0, 154.0, 172.0]
    rows = [
        ["指标", "计量单位", "2022年", "2021年"],
        ["栏次", "", "(1)", "(2)"] if ruled else ["甲", "乙", "1", "2"],
        ["固定资产投资", "亿元", "666.82", "600.1"],
        ["社会消费品零售总额", "亿元", "1844.58", "1700.2"],
    ]

    def draw(p: Page) -> None:
        p.text(200, 80, "表4：2022年投资情况")
        if ruled:
            p.grid(xs, ys)
        for y, cells in zip(ys, rows, strict=False):
            row(p, y + 3, [x + 4 for x in xs[:4]], cells)
        p.prose(200, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    (table,) = extract_pdf_tables("doc", make_pdf(tmp_path / "numbered.pdf", [draw])).tables
    assert cells_of(table) == {
        ((label,), (col,)): value
        for label, *values in rows[2:]
        for col, value in zip(rows[0][1:], values, strict=True)
    }


@pytest.mark.parametrize("heading", ["各园区产值情况", "附件2"])
def test_a_heading_opening_the_page_over_an_uncaptioned_table_is_no_header_row(
    tmp_path: Path, heading: str
) -> None:
    """A heading in larger type, or an annex label, over an uncaptioned table at the top of a
    page with no running header: the table's header starts under it."""

    def draw(p: Page) -> None:
        p.text(LEFT, 66, heading, size=12)
        row(p, 88, PARK_COLS, PARK_HEADS)
        p.hline(LEFT, RIGHT, 102, width=0.6)
        for i, r in enumerate(PARKS):
            row(p, 106 + 16 * i, PARK_COLS, r)
        p.hline(LEFT, RIGHT, 154, width=1.2)
        p.prose(300, "这是表格后面的正文段落，内容与表格无关，用来结束表格区域的判断。")

    pdf = make_pdf(tmp_path / "heading.pdf", [draw], header=False)
    (table,) = extract_pdf_tables("doc", pdf).tables
    assert cells_of(table) == park_cells()
