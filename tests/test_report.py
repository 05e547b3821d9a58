"""The static HTML report: structure, provenance links, escaping, the Dagster asset."""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.assets.report import quality_report
from pipelines.report.build import Citations, ReportResult, build_report, change_text
from pipelines.report.data import (
    DOMAINS,
    Figure,
    Point,
    Provenance,
    ProvenanceIndex,
    Series,
    Target,
    format_number,
    load_report_data,
    operator_text,
)
from pipelines.report.resource import ReportFolder
from pipelines.resources import DuckDBWarehouse
from tests.report_helpers import HOSTILE_INDICATOR, SCRIPT, audit, hostile_copy

SVG_BLOCK = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(scope="module")
def built(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportResult, str]:
    out = tmp_path_factory.mktemp("report")
    result = build_report(warehouse, out)
    return result, result.index.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("hostile")
    database = hostile_copy(warehouse, root / "hostile.duckdb")
    return build_report(database, root / "report").index.read_text(encoding="utf-8")


def _scalar(database: Path, sql: str) -> int:
    with duckdb.connect(str(database), read_only=True) as con:
        row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_writes_index_and_stylesheet(built: tuple[ReportResult, str]) -> None:
    result, html = built
    assert result.index.name == "index.html"
    assert [p.name for p in result.assets] == ["report.css"]
    assert all(p.exists() for p in result.assets)
    assert '<link rel="stylesheet" href="report.css">' in html
    assert html.startswith("<!DOCTYPE html>")
    assert result.charts > 0 and result.citations > 0


def test_sections_in_order(built: tuple[ReportResult, str]) -> None:
    _, html = built
    page = audit(html)
    ids = ["overview", "scorecard", *[f"domain-{i}" for i in range(1, 7)], "quality", "sources"]
    assert set(ids) <= page.ids
    positions = [html.index(f'id="{i}"') for i in ids]
    assert positions == sorted(positions)
    for domain in DOMAINS:
        assert f"<h2>{domain}</h2>" in html


def test_scorecard_lists_every_target(built: tuple[ReportResult, str], warehouse: Path) -> None:
    result, html = built
    expected = _scalar(warehouse, "SELECT count(*) FROM v_target_scorecard")
    assert expected > 0
    assert result.targets == expected
    assert html.count('<tr class="target"') == expected
    statuses = re.findall(r'<tr class="target" data-indicator="[^"]*" data-status="([^"]*)"', html)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        by_status = dict(
            con.execute("SELECT status, count(*) FROM v_target_scorecard GROUP BY ALL").fetchall()
        )
    assert {s: statuses.count(s) for s in set(statuses)} == by_status


def test_every_number_links_to_a_source_note(built: tuple[ReportResult, str]) -> None:
    _, html = built
    page = audit(html)
    numbers = re.findall(r'<a class="num" href="#(src-\d+)" data-src="\d+" title="([^"]*)"', html)
    assert len(numbers) > 50
    for anchor, title in numbers:
        assert anchor in page.ids
        assert "文件：《" in title
    # Every source note is cited and says which document it is from.
    notes = re.findall(r'<li id="(src-\d+)">', html)
    assert notes and len(notes) == len(set(notes))
    cited = {h[1:] for h in page.hrefs if h.startswith("#src-")}
    assert cited == set(notes)


def test_table_values_cite_table_row_and_column(warehouse: Path) -> None:
    data = load_report_data(warehouse)
    cited = [t.actual.provenance for t in data.scorecard if t.actual and t.actual.provenance]
    table_sourced = [p for p in cited if p.source == "table"]
    assert table_sourced
    for p in table_sourced:
        assert p.row_path or p.col_path
        assert p.page is not None or p.line is not None
    for p in cited:
        if p.source == "prose":
            assert p.quote


def test_domain_sections_show_registered_indicators_only(warehouse: Path) -> None:
    data = load_report_data(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        registered = {
            code: domain
            for code, domain in con.execute(
                "SELECT indicator_code, domain FROM dim_indicator WHERE registered"
            ).fetchall()
        }
    shown = [(s.domain, ind.code) for s in data.domains for ind in s.indicators]
    assert shown
    for domain, code in shown:
        assert registered.get(code) == domain
    # Several years give a time series chart; the product sampling pass rate has 2020-2022.
    product = next(s for s in data.domains if s.domain == "产品质量")
    sampling = next(i for i in product.indicators if i.code == HOSTILE_INDICATOR)
    assert sampling.main_series is not None
    assert [p.year for p in sampling.main_series.points][-3:] == [2020, 2021, 2022]


def test_breakdowns_are_parts_of_a_total(warehouse: Path) -> None:
    data = load_report_data(warehouse)
    breakdowns = [b for s in data.domains for ind in s.indicators for b in ind.breakdowns]
    assert breakdowns  # the white paper's totals (食品抽检 …) have parts
    for section in data.domains:
        for ind in section.indicators:
            for b in ind.breakdowns:
                assert len(b.bars) >= 2
                assert all(fig.unit == b.unit for _, fig in b.bars)
                assert all(fig.provenance and fig.provenance.row_path for _, fig in b.bars)


def test_page_has_no_script_no_handlers_and_a_csp(built: tuple[ReportResult, str]) -> None:
    _, html = built
    page = audit(html)
    assert page.executable == []
    assert page.event_attributes == []
    assert page.style_attributes == []
    assert 'http-equiv="Content-Security-Policy"' in html
    assert "default-src 'none'" in html


def test_charts_are_well_formed_svg_with_cjk_fonts(built: tuple[ReportResult, str]) -> None:
    _, html = built
    blocks = SVG_BLOCK.findall(html)
    assert len(blocks) == built[0].charts
    for block in blocks:
        root = ET.fromstring(block)
        assert "Noto Sans CJK SC" in root.attrib["font-family"]


def test_document_text_is_escaped(hostile: str) -> None:
    page = audit(hostile)
    assert page.executable == []
    assert page.event_attributes == []
    assert page.style_attributes == []
    text = "".join(page.text)
    assert SCRIPT in text  # shown to the reader as text, not run
    assert "&lt;script&gt;" in hostile
    assert "<script" not in hostile
    for block in SVG_BLOCK.findall(hostile):
        ET.fromstring(block)  # the chart labels carrying the hostile name still parse
    assert "pwned" not in re.search(r"<title>(.*?)</title>", hostile).group(1)


def test_format_number() -> None:
    assert format_number(1844.58) == "1,844.58"
    assert format_number(95.1) == "95.1"
    assert format_number(-0.9) == "−0.9"
    assert format_number(0.07, signed=True) == "+0.07"
    assert format_number(-0.0) == "0"
    assert format_number(None) == "—"
    assert format_number(0.1 + 0.2) == "0.3"


def _provenance(ref: str) -> Provenance:
    return Provenance(key=ref, document_id="d", document_title="白皮书", quote=ref, ref=ref)


def test_citations_number_each_source_once() -> None:
    cite = Citations()
    assert cite(_provenance("a")) == 1
    assert cite(_provenance("b")) == 2
    assert cite(_provenance("a")) == 1
    assert [p.ref for p in cite.entries] == ["a", "b"]


def test_findings_cite_and_describe_from_their_columns(warehouse: Path, tmp_path: Path) -> None:
    database = tmp_path / "findings.duckdb"
    shutil.copyfile(warehouse, database)
    with duckdb.connect(str(database)) as con:
        cell_id, cell_doc, row_path = con.execute(
            "SELECT cell_id, document_id, row_path FROM source_cells ORDER BY cell_id LIMIT 1"
        ).fetchone()
        fact_id, fact_doc, quote = con.execute(
            "SELECT fact_id, document_id, quote FROM source_facts ORDER BY fact_id LIMIT 1"
        ).fetchone()
        con.execute("DELETE FROM data_quality_issues")
        con.execute(
            """INSERT INTO data_quality_issues
               ("check", severity, suite, document_id, location, expected, found,
                expected_document_id, expected_ref, found_document_id, found_ref,
                check_description)
               VALUES ('cited_check', 'warning', 'cross_source', ?, 'a', '1.5', '2.5', ?, ?, ?, ?,
                       '两处数值不一致'),
                      ('uncited_check', 'warning', 'arithmetic', ?, 'b', '3', '4',
                       NULL, NULL, NULL, NULL, NULL)""",
            [cell_doc, cell_doc, cell_id, fact_doc, fact_id, cell_doc],
        )
    data = load_report_data(database)
    findings = {g.check: g.findings[0] for g in data.findings}
    # a check is described as its suite file says (recorded with the issue), else by its name
    described = {g.check: g.description for g in data.findings}
    assert described == {"cited_check": "两处数值不一致", "uncited_check": "uncited_check"}
    cited, uncited = findings["cited_check"], findings["uncited_check"]
    assert (cited.expected, cited.found) == ("1.5", "2.5")  # the value alone, no reference text
    assert cited.expected_source is not None and cited.found_source is not None
    assert (cited.expected_source.ref, cited.expected_source.source) == (cell_id, "table")
    assert cited.expected_source.document_id == cell_doc
    assert cited.expected_source.row_path == tuple(row_path)
    assert (cited.found_source.ref, cited.found_source.source) == (fact_id, "prose")
    assert (cited.found_source.document_id, cited.found_source.quote) == (fact_doc, quote)
    assert uncited.expected_source is None and uncited.found_source is None
    html = build_report(database, tmp_path / "report").index.read_text(encoding="utf-8")
    assert re.search(r'href="#src-\d+"[^>]*>1\.5</a>', html)  # the value links to its source


def test_rates_change_and_gap_in_percentage_points() -> None:
    def point(year: int, value: float) -> Point:
        return Point(year, Figure(value, "%"), value, 1)

    series = Series("X", "合格率", "闵行区", "%", (point(2021, 93.87), point(2022, 95.1)))
    text, delta = change_text(series)
    assert text == "+1.23 个百分点"
    assert delta is not None and delta > 0
    target = Target(
        indicator_code="X",
        indicator_name="合格率",
        domain="产品质量",
        direction="higher_is_better",
        region="闵行区",
        target_year=2025,
        target_kind="level",
        operator=">=",
        baseline=None,
        target=Figure(96.0, "%"),
        actual=Figure(95.1, "%"),
        actual_year=2022,
        gap=-0.9,
        gap_unit="%",
        status="not met",
        trend=series,
        target_canonical=96.0,
        target_canonical_unit="%",
    )
    assert target.gap_text == "−0.9 个百分点"
    assert target.operator_text == "≥"
    # a change target's bound follows its base: 较“十三五”下降10%以上, 年均增长10%左右
    assert operator_text("<=", "十三五", change=True) == "较十三五≤"
    assert operator_text("~", None, change=True) == "较基期约"
    assert operator_text("change_vs_baseline", "2020年", change=True) == "较2020年"
    fall = dataclasses.replace(target, target_kind="change", operator="<=", baseline="十三五")
    assert fall.operator_text == "较十三五≤"


def test_asset_writes_the_report(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [quality_report],
            instance=instance,
            resources={
                "warehouse": DuckDBWarehouse(path=str(warehouse), export_dir=str(tmp_path / "x")),
                "report_folder": ReportFolder(path=str(out)),
            },
        )
    assert result.success
    assert (out / "index.html").exists()
    metadata = result.asset_materializations_for_node("quality_report")[0].metadata
    assert metadata["targets"].value == _scalar(
        warehouse, "SELECT count(*) FROM v_target_scorecard"
    )


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make run"):
        build_report(tmp_path / "absent.duckdb", tmp_path / "out")


def test_scorecard_cites_each_target_through_its_own_observation(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """SELECT s.target_ref, s.target_value,
                      list(o.value) FILTER (WHERE o.document_id = s.document_id)
               FROM v_target_scorecard AS s
               LEFT JOIN observations AS o ON o.source_ref = s.target_ref
                    AND o.measure_kind = 'target'
               GROUP BY ALL"""
        ).fetchall()
    assert rows
    for ref, value, cited in rows:
        # the cited cell or sentence states this target (a cell may state a second figure)
        assert any(v == pytest.approx(value) for v in cited or []), ref


def test_each_observation_resolves_to_where_it_was_printed(warehouse: Path) -> None:
    """A table observation's ref is a cell of source_cells, a prose one's a fact of source_facts:
    the index resolves both kinds to exactly what the observations view says about them."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        index = ProvenanceIndex(con)
        rows = con.execute(
            """SELECT source_ref, document_id, source, table_number, row_path, col_path, quote,
                      line, page
               FROM observations"""
        ).fetchall()
    assert {r[2] for r in rows} == {"table", "prose"}  # a ref of each kind
    for ref, document_id, source, table_number, row_path, col_path, quote, line, page in rows:
        provenance = index.resolve(ref)
        assert provenance is not None and provenance.ref == ref
        assert (provenance.document_id, provenance.source) == (document_id, source)
        assert (provenance.table_number, provenance.line, provenance.page) == (
            table_number,
            line,
            page,
        )
        assert provenance.row_path == tuple(row_path or ())
        assert provenance.col_path == tuple(col_path or ())
        assert provenance.quote == quote
        if source == "table":
            assert provenance.table_label  # the table's caption and title, from dim_source_table
