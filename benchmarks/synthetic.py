"""Synthetic documents of the genre, for the scale benchmark (``benchmarks/scale.py``).

Each document is a quality status white paper (质量状况分析白皮书), a five-year quality plan
(质量提升五年规划) or a quality work summary (质量工作总结) of a Shanghai district: headings,
policy prose with stated figures ("合格率为95.1%", "同比下降5.6%", "到2025年…达到…") and captioned
tables of the shapes the bundled reports print — sampling pass rates with 序号 and 合计 rows,
two-level year headers, label/value tables, year series, list tables with merged labels, plan
target tables — some broken across a page with the header repeated and a 数据来源 footnote.

A document is written either as a text export (TAB-separated rows, the conventions of
``sources/*.txt``) or as a PDF (reportlab, CID font ``STSong-Light``: no font files needed), each
under its own file stem. Generation is deterministic: document ``i`` depends only on the seed and
``i``, so the first 10 documents of a 100-document set are the 10-document set.

    from benchmarks.synthetic import generate
    stats = generate(Path("sources"), n=100, pdf_share=0.2, seed=7)
"""

from __future__ import annotations

import base64
import hashlib
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

REGIONS = (
    "闵行区",
    "奉贤区",
    "浦东新区",
    "黄浦区",
    "徐汇区",
    "长宁区",
    "静安区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "宝山区",
    "嘉定区",
    "金山区",
    "松江区",
    "青浦区",
    "崇明区",
)
TOWNS = (
    "江川路街道",
    "新虹街道",
    "古美路街道",
    "浦锦街道",
    "浦江镇",
    "吴泾镇",
    "马桥镇",
    "颛桥镇",
    "莘庄镇",
    "梅陇镇",
    "七宝镇",
    "虹桥镇",
    "华漕镇",
    "南桥镇",
    "奉城镇",
    "庄行镇",
    "金汇镇",
    "青村镇",
    "柘林镇",
    "海湾镇",
)
PRODUCTS = (
    "电线电缆",
    "食品相关产品",
    "车用汽油",
    "车用柴油",
    "车用尿素水溶液",
    "电动自行车充电器",
    "电动自行车锂电池",
    "妇女用品（女士内衣）",
    "燃气器具及相关配件",
    "儿童玩具",
    "学生用品",
    "家用电器",
    "建筑防水卷材",
    "水泥",
    "危险化学品",
    "化肥",
    "服装",
    "鞋类",
    "灯具",
    "消防产品",
)
FOOD_STAGES = ("种植养殖", "生产", "流通", "餐饮", "进出口", "网络销售")
DEPARTMENTS = (
    "区市场监管局",
    "区统计局",
    "区农业农村委",
    "区生态环境局",
    "区建管委",
    "区卫健委",
    "区文旅局",
    "区民政局",
    "区绿容局",
    "区水务局",
    "区交通委",
    "区科委",
)
SYLLABLES = "正义园艺城市蔬菜航育恒孚浦蔬丰伟康汇燕秀智耕谷裕华新申联海隆金鼎瑞和永安"
COMPANY_KINDS = ("有限公司", "股份有限公司", "专业合作社", "科技有限公司", "实业有限公司")
SPECIAL_EQUIPMENT = (
    ("锅炉", "台"),
    ("压力容器", "台"),
    ("电梯", "台"),
    ("起重机械", "台"),
    ("大型游乐设施", "台"),
    ("场（厂）内专用机动车辆", "台"),
    ("客运索道", "条"),
    ("压力管道", "千米"),
)
CATERING = ("中央厨房", "公共餐饮", "企事业食堂", "学校食堂", "集体用餐配送", "托幼机构食堂")
ENVIRONMENT = (
    ("PM2.5年均浓度", "微克/立方米", 20.0, 40.0, 1),
    ("PM10年均浓度", "微克/立方米", 35.0, 60.0, 0),
    ("NO2年均浓度", "微克/立方米", 20.0, 40.0, 0),
    ("SO2年均浓度", "微克/立方米", 5.0, 10.0, 0),
    ("空气质量优良率（AQI）", "%", 80.0, 95.0, 1),
    ("地表水考核断面达标率", "%", 70.0, 100.0, 1),
    ("森林覆盖率", "%", 10.0, 25.0, 2),
    ("人均公园绿地面积", "平方米", 8.0, 14.0, 2),
    ("城镇污水处理率", "%", 94.0, 99.9, 1),
    ("生活垃圾无害化处理率", "%", 99.0, 100.0, 1),
)
ECONOMY = (
    ("生产总值", "亿元", 800.0, 3000.0),
    ("工业总产值", "亿元", 600.0, 3800.0),
    ("商品销售总额", "亿元", 900.0, 7500.0),
    ("社会消费品零售总额", "亿元", 300.0, 1900.0),
    ("固定资产投资总额", "亿元", 200.0, 700.0),
    ("区级财政总收入", "亿元", 150.0, 850.0),
)
COMPLAINT_MEASURES = (
    ("投诉(件)", "举报(件)", "合计(件)"),
    ("抽检数(批次)", "合格数(批次)", "合格率(%)"),
    ("企业数(家)", "产值(亿元)", "从业人员(人)"),
)
COMPLAINT_ROWS = ("公诉平台", "全国12315", "网格化平台", "市民热线12345", "来信来访", "其他渠道")
FILLER = (
    "坚持以习近平新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新发展理念，着力推动高质量发展。",
    "进一步强化质量安全监管，压实企业质量主体责任，守住不发生区域性、系统性质量安全风险的底线。",
    "深入实施质量提升行动，推动质量变革、效率变革、动力变革，不断提升供给体系质量。",
    "加快推进标准化建设，鼓励企业参与国际标准、国家标准和行业标准制修订，以标准引领质量提升。",
    "聚焦重点产业和民生领域，持续开展质量监督抽查，加大对不合格产品的后处理力度。",
    "完善质量基础设施“一站式”服务，为中小企业提供计量、标准、检验检测、认证认可等综合服务。",
    "推动质量安全智慧监管全面融入城市运行“一网统管”平台，提升监管的精准性和有效性。",
    "大力弘扬企业家精神和工匠精神，培育一批具有核心竞争力的质量标杆企业和知名品牌。",
    "构建市场主体自治、行业自律、社会监督、政府监管的质量共治格局，加快推进质量治理现代化。",
    "全面落实“四个最严”要求，健全食品药品安全风险监测和预警机制，保障人民群众饮食用药安全。",
    "加强特种设备安全监管，开展隐患排查治理专项行动，安全形势总体平稳可控。",
    "持续优化营商环境，深化“放管服”改革，提升政务服务质量和群众满意度。",
)
CHAPTERS = (
    ("质量安全", ("产品质量", "工程质量", "服务质量", "人居环境质量")),
    ("质量提升", ("质量创新", "质量领先", "标准引领", "品牌领军")),
    ("质量特色", ("科技监管", "数字化转型", "区域品牌")),
    ("问题与措施", ("存在的问题", "对策建议")),
)
CN_NUM = "一二三四五六七八九十"


# ---------------------------------------------------------------------------------------------
# Document model


@dataclass
class Table:
    title: str
    header: list[list[str]]
    rows: list[list[str]]
    source: str
    unit: str | None = None  # a 单位 line above the table
    note: str | None = None  # 注：… below the table
    break_at: int | None = None  # body row index where the page breaks (header repeated)
    merge_down: tuple[int, ...] = ()  # body columns whose blank cells continue the label above
    ruled: bool = True  # PDF: full grid; else a three-line table (三线表)


@dataclass
class Block:
    kind: str  # cover | h1 | h2 | h3 | p | table
    text: str = ""
    table: Table | None = None
    number: int = 0  # table (or figure) number
    footnote: int = 0  # footnote number of the table's 数据来源
    # a figure's chart: its kind (bar | line | pie), (label, value) pairs, the value's unit, and
    # whether the caption is printed over it (under it, as most reports do, otherwise)
    chart: str = ""
    series: list[tuple[str, float]] = field(default_factory=list)
    chart_unit: str = ""
    caption_over: bool = False


@dataclass
class Document:
    stem: str
    title: str
    kind: str
    region: str
    year: int
    issuer: str
    rendition: str  # text | pdf
    blocks: list[Block] = field(default_factory=list)


@dataclass
class GenerationStats:
    documents: int = 0
    text_documents: int = 0
    pdf_documents: int = 0
    pdf_pages: int = 0
    tables: int = 0
    bytes: int = 0
    seconds: float = 0.0
    pdf_seconds: float = 0.0
    pdf_skipped: int = 0  # PDF documents written as text exports because of the time budget


# ---------------------------------------------------------------------------------------------
# Helpers


def _pct(rng: random.Random, lo: float, hi: float, digits: int = 1) -> float:
    return round(rng.uniform(lo, hi), digits)


def _fmt(value: float, digits: int) -> str:
    return f"{value:.{digits}f}" if digits else str(round(value))


def _company(rng: random.Random) -> str:
    a, b = rng.sample(range(0, len(SYLLABLES) - 1, 2), 2)
    return f"上海{SYLLABLES[a : a + 2]}{SYLLABLES[b : b + 2]}{rng.choice(COMPANY_KINDS)}"


def _change(rng: random.Random, spaced: bool) -> tuple[str, float]:
    value = _pct(rng, 0.3, 18.0)
    word = rng.choice(("增长", "下降", "上升"))
    sign = -1 if word == "下降" else 1
    sep = " " if spaced else ""
    return f"同比{word}{sep}{value}%", sign * value


class _Ctx:
    """Per-document state: numbering of tables and footnotes, spacing style."""

    def __init__(self, rng: random.Random, region: str, year: int) -> None:
        self.rng = rng
        self.region = region
        self.year = year
        self.spaced = rng.random() < 0.4  # "2022 年" (PDF-converted) vs "2022年"
        self.colon = rng.choice(("：", ": ", "：", " "))
        self.table_no = 0
        self.footnote = 0

    def y(self, year: int | None = None) -> str:
        return f"{year or self.year}{' ' if self.spaced else ''}年"

    def stable(self, name: str, lo: float, hi: float, digits: int = 1, year: int = 0) -> float:
        """The value of ``name`` for this region and year, the same in every document that
        states it (one in ten statements is a revised figure), so facts agree across sources
        as they mostly do in real reports."""
        key = f"{self.region}/{year or self.year}/{name}"
        value = random.Random(key).uniform(lo, hi)
        if self.rng.random() < 0.1:
            value = self.rng.uniform(lo, hi)
        return round(value, digits)

    def next_table(self) -> tuple[int, int]:
        self.table_no += 1
        self.footnote += 1
        return self.table_no, self.footnote


# ---------------------------------------------------------------------------------------------
# Tables


def _sampling_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    n = rng.randint(3, 14)
    products = rng.sample(PRODUCTS, n)
    pct_in_header = rng.random() < 0.4
    header = [
        "序号",
        "产品类别",
        "受检批次",
        "合格批次",
        "合格率（%）" if pct_in_header else "合格率",
    ]
    rows, total, passed = [], 0, 0
    for i, name in enumerate(products, start=1):
        batches = rng.randint(3, 120)
        ok = batches if rng.random() < 0.6 else rng.randint(int(batches * 0.6), batches)
        total, passed = total + batches, passed + ok
        rate = _fmt(100 * ok / batches, 0 if ok == batches else 1)
        rows.append([str(i), name, str(batches), str(ok), rate if pct_in_header else f"{rate}%"])
    rate = round(100 * passed / total, 1)
    label = rng.choice(("合计", "总计"))
    cell = _fmt(rate, 1) if pct_in_header else f"{rate}%"
    rows.append(["", label, str(total), str(passed), cell] if rng.random() < 0.5 else
                [label, "", str(total), str(passed), cell])  # fmt: skip
    field_ = rng.choice(("生产领域", "流通领域", "电子商务领域"))
    table = Table(
        title=f"{c.y()}{c.region}{field_}工业产品质量监督抽查情况",
        header=[header],
        rows=rows,
        source="区市场监管局",
        break_at=rng.randint(3, n - 2) if n >= 8 and rng.random() < 0.6 else None,
        ruled=rng.random() < 0.8,
    )
    change, _ = _change(rng, c.spaced)
    prose = (
        f"{c.y()}，{c.region}对{field_}{len(products)}种产品开展质量监督抽查，共计{total}批次，"
        f"合格率为{rate}%，{change}"
    )
    return table, prose


def _economy_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    rows = []
    picked = rng.sample(ECONOMY, rng.randint(3, len(ECONOMY)))
    gdp_text = ""
    for i, (name, unit, lo, hi) in enumerate(picked, start=1):
        value = _pct(rng, lo, hi, 2)
        growth = _pct(rng, -15.0, 12.0)
        rows.append([f"{i}.{name}", unit, f"{value:.2f}", str(growth)])
        if name == "生产总值":
            parts = []
            for industry in ("第一产业", "第二产业", "第三产业"):
                share = _pct(rng, 0.5, 900.0, 2)
                rows.append([f"#{industry}", unit, f"{share:.2f}", str(_pct(rng, -8.0, 20.0))])
                parts.append(share)
            word = "增长" if growth >= 0 else "下降"
            gdp_text = (
                f"全年地区生产总值完成{value:.2f}亿元，按可比价格计算比上年{word}{abs(growth)}%"
            )
    table = Table(
        title=f"{c.y()}各主要经济指标完成情况",
        header=[["", "计量单位", c.y(), ""], ["", "", "总量", "增长%"]],
        rows=rows,
        source="区统计局",
        ruled=True,
    )
    prose = gdp_text or f"{c.y()}，全区经济运行稳中有进，主要经济指标完成情况如下"
    return table, prose


def _two_year_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    measures = rng.choice(COMPLAINT_MEASURES)
    years = (c.year - 1, c.year)
    header0 = ["诉求来源" if measures[0].startswith("投诉") else "类别"]
    for y in years:
        header0 += [c.y(y), "", ""]
    header0.append("同比增长")
    header1 = ["", *measures, *measures, ""]
    rows = []
    totals = [0.0, 0.0]
    for name in rng.sample(COMPLAINT_ROWS, rng.randint(3, 6)):
        row = [name]
        last = []
        for k in range(2):
            a, b = rng.randint(100, 60000), rng.randint(50, 20000)
            if measures[2].endswith("(%)"):
                b = rng.randint(int(a * 0.9), a)
                third = f"{100 * b / a:.1f}"
            else:
                third = str(a + b)
            row += [str(a), str(b), third]
            last.append(a + b)
            totals[k] += a + b
        row.append(f"{100 * (last[1] - last[0]) / last[0]:.1f}%")
        rows.append(row)
    table = Table(
        title=f"{c.y(years[0])}-{c.y(years[1])}{c.region}投诉举报受理情况"
        if measures[0].startswith("投诉")
        else f"{years[0]}-{c.y(years[1])}{c.region}重点领域{measures[0][:2]}对比情况",
        header=[header0, header1],
        rows=rows,
        source=rng.choice(DEPARTMENTS),
        ruled=rng.random() < 0.85,
    )
    change = 100 * (totals[1] - totals[0]) / totals[0]
    word = "增长" if change >= 0 else "下降"
    prose = (
        f"{c.y()}{c.region}共收到各类消费者投诉举报{int(totals[1])}件，同比{word}{abs(change):.1f}%"
        if measures[0].startswith("投诉")
        else f"{c.y()}，重点领域各项指标稳中有升，总量同比{word}{abs(change):.1f}%"
    )
    return table, prose


def _label_value_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    picked = rng.sample(SPECIAL_EQUIPMENT, rng.randint(4, len(SPECIAL_EQUIPMENT)))
    rows = [[f"{name}（{unit}）", str(rng.randint(10, 40000))] for name, unit in picked]
    total = sum(int(r[1]) for r in rows if "千米" not in r[0])
    table = Table(
        title=f"{c.y()}{c.region}在用特种设备情况",
        header=[["特种设备种类", "数量"]],
        rows=rows,
        source="区市场监管局",
        ruled=rng.random() < 0.7,
    )
    change, _ = _change(rng, c.spaced)
    prose = f"{c.y()}，{c.region}在用特种设备总量为{total}台套（不含压力管道），{change}"
    return table, prose


def _series_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    span = rng.randint(3, 5)
    years = list(range(c.year - span + 1, c.year + 1))
    kind = rng.choice(("食品监督抽检", "产品质量监督抽查", "绿色认证"))
    if kind == "绿色认证":
        header = ["年份", "绿色认证产量（吨）", "绿色认证率（%）"]
        rows = [
            [
                str(y),
                f"{c.stable('绿色认证产量', 15000, 30000, 3, y):.3f}",
                str(c.stable("绿色认证率", 25, 45, 2, y)),
            ]
            for y in years
        ]
        last = rows[-1][2]
        prose = f"{c.y()}，{c.region}绿色认证率达到{last}%"
        title = f"{years[0]}-{c.y()}{c.region}地产农产品三品认证情况"
    else:
        header = ["年份", "合格率"]
        rows = [[c.y(y), f"{c.stable(kind, 90, 99.9, 2, year=y)}%"] for y in years]
        last = rows[-1][1]
        prose = f"{c.y()}，全区{kind}合格率为{last}"
        title = f"{years[0]}-{c.y()}{c.region}{kind}情况"
    table = Table(title, [header], rows, source=rng.choice(DEPARTMENTS), ruled=rng.random() < 0.6)
    return table, prose


def _list_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    levels = [
        ("国家级", rng.randint(1, 2)),
        ("市级", rng.randint(2, 9)),
        ("区级", rng.randint(1, 6)),
    ]
    rows = []
    n = 0
    for level, count in levels:
        for k in range(count):
            n += 1
            rows.append(
                [
                    str(n),
                    level if k == 0 else "",
                    _company(rng),
                    rng.choice(TOWNS),
                    c.y(rng.randint(c.year - 12, c.year)),
                ]
            )
    table = Table(
        title=f"{c.region}蔬菜标准园名录汇总表",
        header=[["序号", "国、市、区级", "合作社名称", "所属街镇", "创建年份"]],
        rows=rows,
        source="区农业农村委",
        merge_down=(1,),
        break_at=rng.randint(4, n - 3) if n >= 10 and rng.random() < 0.5 else None,
        ruled=True,
    )
    prose = f"截止{c.y()}底，{c.region}共有各级蔬菜标准园{n}家，其中市级{levels[1][1]}家"
    return table, prose


def _matrix_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    grades = ["A级", "B级", "C级", "未评级"]
    rows, sums = [], [0] * 5
    for name in rng.sample(CATERING, rng.randint(4, len(CATERING))):
        values = [rng.randint(0, 8000) for _ in grades]
        values.append(sum(values))
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        rows.append([name, *map(str, values)])
    rows.append(["合计", *map(str, sums)])
    table = Table(
        title=f"{c.y()}{c.region}餐饮服务单位量化等级评定情况",
        header=[["类别", *grades, "小计"]],
        rows=rows,
        source="区市场监管局",
        unit="单位：家",
        ruled=rng.random() < 0.8,
    )
    prose = f"{c.y()}，全区共对{sums[-1]}家餐饮服务单位开展量化分级评定，其中A级{sums[0]}家"
    return table, prose


def _environment_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    rows = []
    pm25 = None
    for name, unit, lo, hi, digits in rng.sample(ENVIRONMENT, rng.randint(4, len(ENVIRONMENT))):
        before = c.stable(name, lo, hi, digits, year=c.year - 1)
        after = c.stable(name, lo, hi, digits)
        delta = 100 * (after - before) / before
        arrow = rng.random() < 0.3
        changed = (f"{'↑' if delta >= 0 else '↓'}{abs(delta):.1f}%") if arrow else f"{delta:.1f}%"
        rows.append([f"{name}（{unit}）", _fmt(before, digits), _fmt(after, digits), changed])
        if name.startswith("PM2.5"):
            pm25 = (_fmt(after, digits), abs(delta), "下降" if delta < 0 else "上升")
    table = Table(
        title=f"{c.y(c.year - 1)}-{c.y()}{c.region}环境质量主要指标情况",
        header=[["指标", c.y(c.year - 1), c.y(), "变化幅度"]],
        rows=rows,
        source="区生态环境局",
        note="注：变化幅度为本年较上年的变化。" if rng.random() < 0.3 else None,
        ruled=rng.random() < 0.5,
    )
    if pm25:
        prose = (
            f"{c.y()}，{c.region}PM2.5年均浓度为{pm25[0]}微克/立方米，同比{pm25[2]}{pm25[1]:.1f}%"
        )
    else:
        prose = f"{c.y()}，{c.region}环境质量持续改善，主要指标见下表"
    return table, prose


def _food_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    rows, tot, ok_tot = [], 0, 0
    for stage in rng.sample(FOOD_STAGES, rng.randint(3, len(FOOD_STAGES))):
        n = rng.randint(100, 7000)
        ok = rng.randint(int(n * 0.95), n)
        tot, ok_tot = tot + n, ok_tot + ok
        rows.append([stage, str(n), str(ok), f"{100 * ok / n:.2f}%"])
    rate = 100 * ok_tot / tot
    rows.append(["合计", str(tot), str(ok_tot), f"{rate:.2f}%"])
    table = Table(
        title=f"{c.y()}{c.region}食品抽检情况",
        header=[["类别", "抽检数", "合格数", "合格率"]],
        rows=rows,
        source="区市场监管局",
        ruled=rng.random() < 0.8,
    )
    return table, f"{c.y()}，全区食品监督抽检总体合格率为{rate:.2f}%"


def _target_table(c: _Ctx) -> tuple[Table, str]:
    rng = c.rng
    base = c.year - 1
    groups = (
        (
            "产品质量",
            (
                ("产品质量监督抽查合格率", "%", "≥", 94, 98),
                ("食品安全抽检合格率", "%", "≥", 97, 99),
                ("农产品质量安全抽样合格率", "%", "≥", 98, 99.5),
            ),
        ),
        (
            "工程质量",
            (
                ("工程材料抽检合格率", "%", "≥", 95, 99),
                ("重大工程项目一次验收合格率", "%", "", 100, 100),
            ),
        ),
        (
            "环境质量",
            (
                ("PM2.5年均浓度", "微克/立方米", "≤", 25, 35),
                ("森林覆盖率", "%", "≥", 12, 20),
                ("空气质量优良率", "%", "≥", 85, 92),
            ),
        ),
        (
            "创新发展",
            (
                ("每万人口发明专利拥有量", "件", "", 60, 100),
                ("全社会研发经费支出占地区生产总值比例", "%", "", 6, 10),
            ),
        ),
    )
    rows, n = [], 0
    for group, items in rng.sample(groups, rng.randint(2, len(groups))):
        for k, (name, unit, op, lo, hi) in enumerate(items):
            n += 1
            target = _fmt(rng.uniform(lo, hi), 1 if hi - lo < 10 else 0)
            current = _fmt(rng.uniform(lo * 0.9, hi), 1)
            shown = rng.choice((f"{op}{target}", f"{target}以上" if op == "≥" else target))
            rows.append(
                [
                    group if k == 0 else "",
                    str(n),
                    f"{name}（{unit}）",
                    current,
                    shown if op else target,
                    rng.choice(("预期性", "约束性")),
                ]
            )
    table = Table(
        title=f"{c.region}质量提升主要指标（{base}—2025年）",
        header=[["类别", "序号", "指标", f"{base}年基数", "2025年目标", "属性"]],
        rows=rows,
        source="区质量办",
        merge_down=(0,),
        ruled=True,
    )
    value = _pct(rng, 96.0, 99.0)
    patents = rng.randint(60, 110)
    prose = (
        f"到2025年，全区产品质量监督抽查合格率达到{value}%以上，"
        f"每万人口发明专利拥有量达到{patents}件"
    )
    return table, prose


TABLE_MAKERS = (
    _sampling_table,
    _economy_table,
    _two_year_table,
    _label_value_table,
    _series_table,
    _list_table,
    _matrix_table,
    _environment_table,
    _food_table,
)


# ---------------------------------------------------------------------------------------------
# Prose


def _fact_sentences(c: _Ctx, kind: str) -> list[str]:
    rng = c.rng
    y = c.y()
    change, _ = _change(rng, c.spaced)
    out = [
        f"{y}，{c.region}共检验进口商品{rng.randint(1000, 9000)}批次，"
        f"出口商品{rng.randint(1000, 9000)}批次，"
        f"不合格检出率为{c.stable('不合格检出率', 0.05, 0.9, 2)}%",
        f"全年共收到各类消费者投诉举报{rng.randint(20000, 99999)}件，{change}",
        f"工程竣工验收合格率{rng.choice(('100%', f'{_pct(rng, 98, 99.9)}%'))}，"
        f"工程材料抽检合格率为{c.stable('工程材料抽检合格率', 95, 99.8)}%",
        f"全区空气质量优良率（AQI）为{c.stable('空气质量优良率（AQI）', 80, 95)}%，"
        f"比上年上升{c.stable('AQI变化', 0.2, 5)}个百分点",
        f"每万人口发明专利拥有量达到{c.stable('每万人口发明专利拥有量', 40, 110, 0):.0f}件，"
        f"同比增长{c.stable('专利增长', 2, 25)}%",
        f"全区食品监督抽检{int(c.stable('食品抽检批次', 2000, 12000, 0))}批次，"
        f"总体合格率为{c.stable('食品监督抽检', 96, 99.5, 2)}%",
    ]
    if kind == "plan":
        out += [
            f"到2025年，全区食品安全抽检合格率稳定在{_pct(rng, 97.5, 99)}%以上，"
            f"PM2.5年均浓度控制在{rng.randint(25, 35)}微克/立方米以内",
            f"到2025年，森林覆盖率达到{_pct(rng, 12, 20)}%，"
            f"人均公园绿地面积达到{_pct(rng, 9, 14)}平方米",
            f"到{rng.choice((2025, 2030, 2035))}年，质量强区建设取得显著成效，"
            f"全社会研发经费支出占地区生产总值比例达到{_pct(rng, 5, 10)}%",
        ]
    return out


def _paragraph(c: _Ctx, kind: str, facts: int) -> str:
    rng = c.rng
    parts = rng.sample(FILLER, rng.randint(1, 3))
    stated = rng.sample(_fact_sentences(c, kind), facts)
    sentences = [*parts[:1], *(s + "。" for s in stated), *parts[1:]]
    return "".join(sentences)


# ---------------------------------------------------------------------------------------------
# Documents


def _stem(seed: int, index: int, rendition: str) -> str:
    digest = hashlib.sha256(f"{seed}:{index}:{rendition}".encode()).hexdigest()[:12]
    return f"syn{index:05d}_{digest}"


def build_document(seed: int, index: int, rendition: str) -> Document:
    """Document ``index`` of the set: its metadata and blocks, independent of the set size."""
    rng = random.Random(f"{seed}/{index}")
    region = (
        REGIONS[(index * 7 + seed) % len(REGIONS)] if rng.random() < 0.8 else rng.choice(REGIONS)
    )
    year = rng.randint(2016, 2024)
    kind = rng.choices(("white_paper", "plan", "work_summary"), weights=(6, 2, 2))[0]
    c = _Ctx(rng, region, year)
    if kind == "white_paper":
        title = f"{c.y()}度{region}质量状况分析白皮书"
        cover = [f"{c.y()}度", f"{region}质量状况分析白皮书"]
    elif kind == "plan":
        year = c.year = rng.choice((2020, 2021))
        title = f"{region}推进质量提升 深化质量强区工作五年规划（{year}—2025年）"
        cover = [f"{region}推进质量提升 深化质量强区工作", f"五年规划（{year}—2025年）"]
    else:
        title = f"{c.y()}{region}质量工作总结"
        cover = [title]
    issuer = f"上海市{region}市场监督管理局"
    doc = Document(_stem(seed, index, rendition), title, kind, region, year, issuer, rendition)
    blocks = doc.blocks
    blocks.append(Block("h1", cover[0]))
    blocks += [Block("h2", line) for line in cover[1:]]
    blocks.append(Block("cover", issuer))
    blocks.append(Block("cover", f"{c.y(year + 1)} {rng.randint(1, 12)} 月"))

    n_tables = {"white_paper": rng.randint(6, 14), "plan": 1, "work_summary": rng.randint(2, 6)}[
        kind
    ]
    pool = list(TABLE_MAKERS)
    rng.shuffle(pool)
    makers = [pool[k % len(pool)] for k in range(n_tables)]
    if kind == "plan":
        makers = [_target_table]
    chapters = CHAPTERS if kind == "white_paper" else CHAPTERS[:2]
    blocks.append(Block("h2", "序" if kind == "white_paper" else "一、工作基础"))
    blocks.append(Block("p", _paragraph(c, kind, rng.randint(1, 2))))
    per_section = max(1, -(-len(makers) // sum(len(s) for _, s in chapters)))
    # charts drawn by their own die, so that the tables and prose of a seed stay as they were
    charts = random.Random(f"{seed}/{index}/charts")
    figure_no = 0
    for ci, (chapter, sections) in enumerate(chapters):
        if not makers and ci > 1:
            break
        blocks.append(Block("h1", f"第{CN_NUM[ci]}章 {chapter}"))
        for si, section in enumerate(sections):
            blocks.append(Block("h2", f"{CN_NUM[si]}、{section}"))
            blocks.append(Block("p", _paragraph(c, kind, rng.randint(0, 2))))
            for _ in range(min(per_section, len(makers))):
                table, lead = makers.pop(0)(c)
                number, footnote = c.next_table()
                ref = f"（见表{number}）<sup>{footnote}</sup>"
                blocks.append(Block("p", f"{rng.choice(FILLER)}{lead}{ref}。"))
                blocks.append(Block("table", table=table, number=number, footnote=footnote))
                if charts.random() < 0.35:
                    figure_no += 1
                    blocks.append(_figure(charts, c, figure_no))
            if rng.random() < 0.5:
                blocks.append(Block("p", _paragraph(c, kind, rng.randint(0, 1))))
    return doc


def _figure(rng: random.Random, c: _Ctx, number: int) -> Block:
    """A chart of a few years' figures, as white papers draw one after a table."""
    kind = rng.choice(("bar", "bar", "line", "pie"))
    if kind == "pie":
        labels = [f"{k}类企业" for k in "ABC"]
        series = [(label, float(rng.randint(1, 40))) for label in labels]
        title, unit = f"{c.y()}{c.region}获证企业分类情况", "家"
    else:
        years = range(c.year - rng.randint(2, 4), c.year + 1)
        series = [(f"{y}年", _pct(rng, 92, 99.5)) for y in years]
        title, unit = f"{years[0]}-{c.year}年{rng.choice(PRODUCTS)}抽检合格率", "%"
    return Block(
        "figure",
        title,
        number=number,
        chart=kind,
        series=series,
        chart_unit=unit,
        caption_over=rng.random() < 0.2,
    )


# ---------------------------------------------------------------------------------------------
# Text export


def render_text(doc: Document) -> str:
    rng = random.Random(doc.stem)
    c = _Ctx(rng, doc.region, doc.year)
    out: list[str] = ["", ""]
    tables = [b for b in doc.blocks if b.kind == "table"]
    for block in doc.blocks:
        if block.kind == "h1":
            out += [f"# {block.text}", ""]
        elif block.kind == "h2":
            if block.text == "序" and tables and doc.kind == "white_paper":
                # the 表 list of the 目录, as the white papers print it
                out += ["# 目 录", "", "## 表", ""]
                out += [
                    f"表 {b.number}: {b.table.title} .....\t{k + 2}"
                    for k, b in enumerate(tables)
                    if b.table
                ]
                out += [""]
            out += [f"## {block.text}", ""]
        elif block.kind in ("cover", "p"):
            out += [block.text, ""]
        elif block.kind == "figure":  # the export keeps a chart's caption, not its drawing
            out += [f"图{' ' if c.spaced else ''}{block.number}{c.colon}{block.text}", "", ""]
        elif block.kind == "table" and block.table is not None:
            t = block.table
            out += [f"表{' ' if c.spaced else ''}{block.number}{c.colon}{t.title}", ""]
            if t.unit:
                out.append(t.unit)
            header = ["\t".join(r) for r in t.header]
            out += header
            source = f"<sup>{block.footnote}</sup>数据来源：{t.source}"
            for i, row in enumerate(t.rows):
                if i == t.break_at:
                    out += ["", source, ""]
                    out += header
                out.append("\t".join(row))
            out.append("")
            if t.note:
                out += [t.note, ""]
            if t.break_at is None:
                out += [source, ""]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# HTML, for office software to print (``benchmarks/office_pdf.py``)


_HTML_STYLE = """
body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 10.5pt; }
h1 { font-size: 15pt; text-align: center; } h2 { font-size: 12.5pt; } h3 { font-size: 11pt; }
p.caption { text-align: center; font-size: 10pt; margin-bottom: 2pt; }
p.unit { text-align: right; font-size: 9pt; margin: 0; }
p.small { font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
table.grid td { border: 0.5pt solid #000; }
table.three-line { border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; }
table.three-line tr.last-head td { border-bottom: 0.6pt solid #000; }
td { text-align: center; padding: 2pt 4pt; }
td.label { text-align: left; }
"""


# tables of a designed report (a white paper laid out by a designer rather than typed in Word):
# shading and light rules instead of black ones, the same for every table
DESIGNED_STYLES = {
    "shaded-header": "table.designed thead td { background: #c00000; color: #fff; }",
    "zebra": "table.designed tbody tr:nth-child(even) td { background: #f2f2f2; }",
    "shaded-zebra": """
table.designed thead td { background: #1f4e79; color: #fff; font-weight: bold; }
table.designed tbody tr:nth-child(even) td { background: #dde8f3; }""",
    "row-rules": """
table.designed td { border-bottom: 0.5pt solid #999; }
table.designed thead td { background: #d9e2f3; border-bottom: 1pt solid #2f5597; }""",
    "white-rules": """
table.designed td { border: 1pt solid #fff; }
table.designed thead td { background: #1f4e79; color: #fff; }
table.designed tbody tr:nth-child(even) td { background: #dde8f3; }
table.designed tbody tr:nth-child(odd) td { background: #f3f7fb; }""",
    "colour-rules": """
table.designed td { border: 0.75pt solid #4f81bd; }
table.designed thead td { background: #4f81bd; color: #fff; }""",
}
TABLE_STYLES = ("office", "borderless", *DESIGNED_STYLES)
_PRINT_SHADING = "* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }"


def render_html(doc: Document, style: str = "office") -> str:
    """The document as an HTML page with real merged cells (rowspan/colspan), its tables in
    ``style``: "office" draws rules the way office software draws them, full grids or 三线表
    (rules above, under the header and below); "borderless" prints the three-line tables with
    no rules at all, as many communiqués do; the ``DESIGNED_STYLES`` shade every table and
    rule it lightly or not at all. Page breaks, running headers and page numbers are left to
    the printing program.
    """
    import html

    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(doc.title)}</title>"
        f"<style>{_HTML_STYLE}{_PRINT_SHADING}{DESIGNED_STYLES.get(style, '')}</style>"
        "</head><body>",
    ]
    tags = {"h1": "h1", "h2": "h2", "h3": "h3", "cover": "p", "p": "p"}
    for block in doc.blocks:
        if block.kind in tags:
            text = html.escape(_strip_sup(block.text))
            indent = "\u3000\u3000" if block.kind == "p" else ""
            out.append(f"<{tags[block.kind]}>{indent}{text}</{tags[block.kind]}>")
        elif block.kind == "table" and block.table is not None:
            out += _html_table(block.number, block.table, style)
        elif block.kind == "figure":
            caption = f'<p class="caption">图{block.number}：{html.escape(block.text)}</p>'
            # a picture of vector graphics, as a pasted chart is (LibreOffice reads inline SVG
            # as text)
            svg = base64.b64encode(_svg_chart(block).encode()).decode()
            chart = (
                '<p style="text-align:center"><img width="560" height="333" '
                f'src="data:image/svg+xml;base64,{svg}"></p>'
            )
            out += [caption, chart] if block.caption_over else [chart, caption]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _html_table(number: int, t: Table, style: str = "office") -> list[str]:
    import html

    out = [f'<p class="caption">表{number}：{html.escape(t.title)}</p>']
    if t.unit:
        out.append(f'<p class="unit">{html.escape(t.unit)}</p>')
    cols = max(len(r) for r in (*t.header, *t.rows))
    rows = [r + [""] * (cols - len(r)) for r in (*t.header, *t.rows)]
    heads = len(t.header)
    left, above = _merges(t, rows, heads)
    # the rules twice: as HTML attributes (what LibreOffice's import reads) and as CSS (Chromium)
    if style in DESIGNED_STYLES:
        frame, css_class = 'border="0"', "designed"
    elif t.ruled:
        frame, css_class = 'border="1"', "grid"
    elif style == "borderless":
        frame, css_class = 'border="0"', "borderless"
    else:
        frame, css_class = 'border="1" frame="hsides" rules="groups"', "three-line"
    out.append(f'<table class="{css_class}" {frame} cellspacing="0" cellpadding="4" width="100%">')
    for i, row in enumerate(rows):
        if i == 0:
            out.append("<thead>")
        elif i == heads:
            out.append("</thead><tbody>")
        css = ' class="last-head"' if i == heads - 1 else ""
        cells = []
        for j, text in enumerate(row):
            if left[i][j] or above[i][j]:
                continue
            i2, j2 = _span_end(left, above, i, j)
            attrs = "".join(
                (
                    f' rowspan="{i2 - i}"' if i2 - i > 1 else "",
                    f' colspan="{j2 - j}"' if j2 - j > 1 else "",
                    ' class="label"' if j == 0 and i >= heads else "",
                )
            )
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        out.append(f"<tr{css}>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    if t.note:
        out.append(f'<p class="small">{html.escape(t.note)}</p>')
    out.append(f'<p class="small">数据来源：{html.escape(t.source)}</p>')
    return out


def _svg_chart(block: Block) -> str:
    """The chart as the vector drawing office software prints: gridlines, bars or a line or pie
    slices, axis and data labels, a title and a legend (all text, none of it the document's)."""
    import html
    import math

    w, h, left, top, plot_h = 420, 250, 50, 40, 150
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" '
        f'viewBox="0 0 {w} {h}" font-size="9" font-family="Noto Sans CJK SC, sans-serif">',
        f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="10">'
        f"{html.escape(block.text)}</text>",
    ]
    colors = ("#4472c4", "#ed7d31", "#a5a5a5", "#ffc000", "#5b9bd5")
    values = [v for _, v in block.series]
    if block.chart == "pie":
        total, angle, cx, cy, r = sum(values), -math.pi / 2, w / 2, top + 80, 70
        for k, (label, v) in enumerate(block.series):
            sweep = 2 * math.pi * v / total
            x0, y0 = cx + r * math.cos(angle), cy + r * math.sin(angle)
            x1, y1 = cx + r * math.cos(angle + sweep), cy + r * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            parts.append(
                f'<path d="M{cx},{cy} L{x0:.1f},{y0:.1f} A{r},{r} 0 {large} 1 {x1:.1f},{y1:.1f} Z"'
                f' fill="{colors[k % len(colors)]}"/>'
            )
            mid = angle + sweep / 2
            lx, ly = cx + (r + 22) * math.cos(mid), cy + (r + 22) * math.sin(mid)
            share = f"{100 * v / total:.1f}%"
            parts.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle">'
                f"{html.escape(label)} {v:g}{block.chart_unit} {share}</text>"
            )
            angle += sweep
    else:
        lo = math.floor(min(values) - 1)
        hi = math.ceil(max(values) + 0.5)
        step = plot_h / (hi - lo)
        width = w - left - 30
        for k in range(hi - lo + 1):
            y = top + plot_h - k * step
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" '
                'stroke="#d9d9d9" stroke-width="0.75"/>'
            )
            parts.append(f'<text x="{left - 5}" y="{y + 3:.1f}" text-anchor="end">{lo + k}%</text>')
        slot = width / len(values)
        points = []
        for k, (label, v) in enumerate(block.series):
            x = left + slot * (k + 0.5)
            y = top + plot_h - (v - lo) * step
            if block.chart == "bar":
                parts.append(
                    f'<rect x="{x - slot / 4:.1f}" y="{y:.1f}" width="{slot / 2:.1f}" '
                    f'height="{top + plot_h - y:.1f}" fill="{colors[0]}"/>'
                )
            points.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle">{v:g}%</text>')
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                f"{html.escape(label)}</text>"
            )
        if block.chart == "line":
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colors[1]}" '
                'stroke-width="2"/>'
            )
        legend_y = top + plot_h + 32
        parts.append(
            f'<rect x="{w / 2 - 30}" y="{legend_y - 8}" width="10" height="8" fill="{colors[0]}"/>'
        )
        parts.append(f'<text x="{w / 2 - 16}" y="{legend_y}">合格率</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# PDF


_PAGE_W, _PAGE_H = 595.27, 841.89
_LEFT, _RIGHT, _TOP, _BOTTOM = 72.0, 72.0, 72.0, 72.0
_FONT = "STSong-Light"
_font_ready = False


def _ensure_font() -> None:
    global _font_ready
    if not _font_ready:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
        _font_ready = True


def _width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2000 else size * 0.5 for ch in text)


def _strip_sup(text: str) -> str:
    out, i = [], 0
    while True:
        j = text.find("<sup>", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j])
        k = text.find("</sup>", j)
        i = k + 6 if k >= 0 else len(text)


def _merges(t: Table, rows: list[list[str]], heads: int) -> tuple[list[list[bool]], ...]:
    """Which cells a merged neighbour covers: (covered from the left, covered from above).

    A group header spans the blank cells to its right and a one-level header the blank cell
    below it; a 合计 label spans a blank second column; ``merge_down`` labels span down.
    """
    cols, n = len(rows[0]), len(rows)
    left = [[False] * cols for _ in range(n)]
    above = [[False] * cols for _ in range(n)]
    if heads == 2:
        for j in range(cols):
            if not rows[1][j]:
                above[1][j] = True
            elif j > 0 and not rows[0][j]:
                left[0][j] = True
    for i in range(heads, n):
        label = rows[i][0]
        if label in ("合计", "总计", "小计") and cols > 1 and not rows[i][1]:
            left[i][1] = True
        for j in t.merge_down:
            if i > heads and not rows[i][j]:
                above[i][j] = True
    return left, above


def _span_end(left: list[list[bool]], above: list[list[bool]], i: int, j: int) -> tuple[int, int]:
    """One past the last row and column of the merged cell whose top-left is (i, j)."""
    j2 = j + 1
    while j2 < len(left[i]) and left[i][j2]:
        j2 += 1
    i2 = i + 1
    while i2 < len(above) and above[i2][j]:
        i2 += 1
    return i2, j2


class _PdfWriter:
    def __init__(self, path: Path, doc: Document) -> None:
        from reportlab.pdfgen.canvas import Canvas

        _ensure_font()
        self.canvas = Canvas(str(path), pagesize=(_PAGE_W, _PAGE_H), pageCompression=1)
        self.canvas.setTitle(doc.title)
        self.doc = doc
        self.page = 1
        self.y = _PAGE_H - _TOP
        self.width = _PAGE_W - _LEFT - _RIGHT

    def _finish_page(self) -> None:
        cv = self.canvas
        cv.setFont(_FONT, 9)
        cv.drawCentredString(_PAGE_W / 2, 40, f"- {self.page} -")
        if self.page > 1:
            cv.drawCentredString(_PAGE_W / 2, _PAGE_H - 40, self.doc.title)
        cv.showPage()

    def new_page(self) -> None:
        self._finish_page()
        self.page += 1
        self.y = _PAGE_H - _TOP

    def need(self, height: float) -> None:
        if self.y - height < _BOTTOM:
            self.new_page()

    def text_line(self, text: str, size: float, centred: bool = False, x: float = _LEFT) -> None:
        self.need(size * 1.7)
        self.y -= size * 1.7
        self.canvas.setFont(_FONT, size)
        if centred:
            self.canvas.drawCentredString(_PAGE_W / 2, self.y + size * 0.4, text)
        else:
            self.canvas.drawString(x, self.y + size * 0.4, text)

    def paragraph(self, text: str, size: float = 10.5) -> None:
        text = "\u3000\u3000" + _strip_sup(text)
        line, width = "", 0.0
        for ch in text:
            w = size if ord(ch) > 0x2000 else size * 0.5
            if width + w > self.width:
                self.text_line(line, size)
                line, width = "", 0.0
            line += ch
            width += w
        if line:
            self.text_line(line, size)
        self.y -= size * 0.5

    def table(self, block: Block) -> None:
        t = block.table
        assert t is not None
        cols = max(len(r) for r in (*t.header, *t.rows))
        grid_rows = [r + [""] * (cols - len(r)) for r in (*t.header, *t.rows)]
        size = 9.0
        natural = [0.0] * cols
        for r in grid_rows:
            for j, cell in enumerate(r):
                natural[j] = max(natural[j], _width(cell, size) + 10)
        # a spanning header cell does not widen its first column
        total = sum(natural)
        if total > self.width:
            size = max(6.0, size * self.width / total)
            natural = [w * self.width / total for w in natural]
        else:
            extra = (self.width - total) / cols
            natural = [w + extra for w in natural]
        xs = [_LEFT]
        for w in natural:
            xs.append(xs[-1] + w)
        row_h = size * 2.0
        heads = len(t.header)

        self.need(size * 1.7 * 2 + row_h * (heads + 2))
        self.text_line(f"表{block.number}{'：'}{t.title}", 10, centred=True)
        if t.unit:
            self.y -= 12
            self.canvas.setFont(_FONT, 9)
            self.canvas.drawRightString(_PAGE_W - _RIGHT, self.y + 3, t.unit)
        self.y -= 4

        parts: list[list[list[str]]] = []
        body = t.rows
        cut = t.break_at
        parts = [body[:cut], body[cut:]] if cut else [body]
        for p, part in enumerate(parts):
            start = 0
            while start < len(part):
                room = int((self.y - _BOTTOM - 20) // row_h) - heads
                if room < 2:
                    self.new_page()
                    continue
                chunk = part[start : start + room]
                self._grid(t, [*t.header, *chunk], xs, row_h, size, heads)
                start += len(chunk)
                if start < len(part) or p < len(parts) - 1:
                    self.new_page()
        self.y -= 4
        self.canvas.setFont(_FONT, 8.5)
        if t.note:
            self.text_line(t.note, 8.5)
        self.text_line(f"数据来源：{t.source}", 8.5)
        self.y -= 6

    def _grid(
        self,
        t: Table,
        rows: list[list[str]],
        xs: list[float],
        row_h: float,
        size: float,
        heads: int,
    ) -> None:
        cols = len(xs) - 1
        rows = [r + [""] * (cols - len(r)) for r in rows]
        n = len(rows)
        left, above = _merges(t, rows, heads)
        cv = self.canvas
        top = self.y
        ys = [top - k * row_h for k in range(n + 1)]
        cv.setLineWidth(0.6)
        if t.ruled:
            for i in range(n):
                for j in range(cols):
                    if not above[i][j]:
                        cv.line(xs[j], ys[i], xs[j + 1], ys[i])
                    if not left[i][j]:
                        cv.line(xs[j], ys[i], xs[j], ys[i + 1])
            cv.line(xs[0], ys[n], xs[-1], ys[n])
            cv.line(xs[-1], ys[0], xs[-1], ys[n])
        else:  # three-line table: top rule, rule under the header, bottom rule
            cv.setLineWidth(1.0)
            cv.line(xs[0], ys[0], xs[-1], ys[0])
            cv.setLineWidth(0.5)
            cv.line(xs[0], ys[heads], xs[-1], ys[heads])
            cv.setLineWidth(1.0)
            cv.line(xs[0], ys[n], xs[-1], ys[n])
        cv.setFont(_FONT, size)
        for i in range(n):
            for j in range(cols):
                text = rows[i][j]
                if not text or left[i][j] or above[i][j]:
                    continue
                i2, j2 = _span_end(left, above, i, j)
                mid_y = (ys[i] + ys[i2]) / 2 - size * 0.35
                if j == 0 and i >= heads:
                    cv.drawString(xs[0] + 4, mid_y, text)
                else:
                    cv.drawCentredString((xs[j] + xs[j2]) / 2, mid_y, text)
        self.y = ys[n]

    def render(self) -> int:
        for block in self.doc.blocks:
            if block.kind == "h1":
                self.y -= 6
                self.text_line(block.text, 15, centred=True)
            elif block.kind == "h2":
                self.text_line(block.text, 12.5)
            elif block.kind == "h3":
                self.text_line(block.text, 11)
            elif block.kind == "cover":
                self.text_line(block.text, 12, centred=True)
            elif block.kind == "p":
                self.paragraph(block.text)
            elif block.kind == "table":
                self.table(block)
        self._finish_page()
        self.canvas.save()
        return self.page


def render_pdf(doc: Document, path: Path) -> int:
    """Write ``doc`` as a PDF; returns its page count."""
    return _PdfWriter(path, doc).render()


# ---------------------------------------------------------------------------------------------
# A set of documents


def _is_pdf(index: int, share: float) -> bool:
    """Exactly ``round(n * share)`` of the first ``n`` documents are PDFs, spread evenly."""
    return int((index + 1) * share + 1e-9) > int(index * share + 1e-9)


def _catalog_entry(doc: Document, filename: str) -> str:
    return (
        f"  - id: {doc.stem}\n"
        f"    title: {doc.title}\n"
        f"    issuer: {doc.issuer}\n"
        f"    region: {doc.region}\n"
        f"    data_year: {doc.year}\n"
        f"    publication_date: null\n"
        f"    kind: {doc.kind}\n"
        f"    renditions: {{{doc.rendition}: {filename}}}\n"
        f"    primary_rendition: {doc.rendition}\n"
    )


def generate(
    out_dir: Path,
    n: int,
    pdf_share: float = 0.2,
    seed: int = 7,
    pdf_budget_s: float | None = None,
    uncatalogued_every: int = 10,
) -> GenerationStats:
    """Write ``n`` documents and a ``catalog.yaml`` into ``out_dir``.

    A share ``pdf_share`` of the documents are PDFs (each under its own stem), the rest text
    exports. Every ``uncatalogued_every``-th text document has no catalog entry, so its metadata
    is inferred from its text as for a dropped-in file. When rendering PDFs has taken more than
    ``pdf_budget_s`` seconds, the remaining PDF documents are written as text exports instead
    (counted in ``pdf_skipped``).
    """
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = GenerationStats()
    entries: list[str] = []
    for index in range(n):
        rendition = "pdf" if _is_pdf(index, pdf_share) else "text"
        if rendition == "pdf" and pdf_budget_s is not None and stats.pdf_seconds > pdf_budget_s:
            rendition = "text"
            stats.pdf_skipped += 1
        doc = build_document(seed, index, rendition)
        stats.tables += sum(1 for b in doc.blocks if b.kind == "table")
        if rendition == "pdf":
            path = out_dir / f"{doc.stem}.pdf"
            t0 = time.perf_counter()
            stats.pdf_pages += render_pdf(doc, path)
            stats.pdf_seconds += time.perf_counter() - t0
            stats.pdf_documents += 1
        else:
            path = out_dir / f"{doc.stem}.txt"
            path.write_text(render_text(doc), encoding="utf-8")
            stats.text_documents += 1
        stats.bytes += path.stat().st_size
        if rendition == "pdf" or (index + 1) % uncatalogued_every:
            entries.append(_catalog_entry(doc, path.name))
    header = "# Synthetic documents generated by benchmarks/synthetic.py\ndocuments:\n"
    (out_dir / "catalog.yaml").write_text(header + "\n".join(entries), encoding="utf-8")
    stats.documents = n
    stats.seconds = time.perf_counter() - started
    return stats
