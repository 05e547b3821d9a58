"""Warehouse guarantees: idempotent and incremental loads, integrity, scorecard, publish, BI."""

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines.extract.document import LOADED, DocumentExtraction, RenditionStatus
from pipelines.ingest.catalog import SourceDocument
from pipelines.load.frames import CELL_COLUMNS, STATUS_COLUMNS
from pipelines.load.star import warehouse_tables
from pipelines.load.warehouse import PUBLIC_VIEWS, build_and_publish
from pipelines.model.indicators import load_registry
from pipelines.model.observations import OBSERVATION_COLUMNS
from pipelines.paths import VIEWS_SQL
from tests.conftest import materialize_into

FOREIGN_KEYS = [
    ("fact_observation", "document_key", "dim_document"),
    ("fact_observation", "source_table_key", "dim_source_table"),
    ("fact_observation", "indicator_key", "dim_indicator"),
    ("fact_observation", "region_key", "dim_region"),
    ("fact_observation", "period_key", "dim_period"),
    ("fact_observation", "unit_key", "dim_unit"),
    ("fact_target", "observation_key", "fact_observation"),
    ("fact_target", "indicator_key", "dim_indicator"),
    ("fact_target", "region_key", "dim_region"),
    ("dim_source_table", "document_key", "dim_document"),
    ("dim_source_table", "department_key", "dim_department"),
    ("source_cells", "source_table_key", "dim_source_table"),
]
PRIMARY = {
    "dim_document": "document_key",
    "dim_source_table": "source_table_key",
    "dim_indicator": "indicator_key",
    "dim_region": "region_key",
    "dim_period": "period_key",
    "dim_unit": "unit_key",
    "dim_department": "department_key",
    "fact_observation": "observation_key",
}


def snapshot(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


def test_no_orphan_keys(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for child, column, parent in [
            *FOREIGN_KEYS,
            ("dim_region", "parent_region_key", "dim_region"),
        ]:
            key = (
                PRIMARY[parent]
                if parent != "dim_region" or column != "parent_region_key"
                else "region_key"
            )
            orphans = con.execute(
                f"SELECT count(*) FROM {child} c WHERE c.{column} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{column})"
            ).fetchone()[0]
            assert orphans == 0, (child, column)
        assert con.execute("SELECT count(*) FROM fact_observation").fetchone()[0] > 500


def test_second_run_is_identical_and_reuses_extractions(
    tmp_path: Path, bundled_run: tuple[Path, object, object]
) -> None:
    # the first run is the session's (every document extracted afresh); the second runs over a
    # copy of its folder: sources, extraction store and published warehouse
    first = bundled_run[0]
    before = snapshot(first)
    root = tmp_path / "run"
    shutil.copytree(first.parent, root)
    second, _, extraction = materialize_into(root, root / "sources")
    assert snapshot(second) == before
    assert extraction is not None
    metadata = extraction.asset_materializations_for_node("document_extraction")[0].metadata
    # the five bundled documents and the undecodable one, whose failure is stored as well
    assert (metadata["extracted"].value, metadata["unchanged"].value) == (0, 6)


def test_changed_document_replaces_its_facts(
    tmp_path: Path, sources_dir: Path, bundled_run: tuple[Path, object, object]
) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(sources_dir, sources)
    # the session's extraction store: only what this test changes is extracted here
    shutil.copytree(bundled_run[0].parent / "cache", tmp_path / "cache")
    report = sources / "004_2c694052dab8fa4b.txt"
    catalog = sources / "catalog.yaml"  # the text export is the rendition edited: load it
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("primary_rendition: pdf", "primary_rendition: text"), "utf-8")
    materialize_into(tmp_path, sources)
    report.write_text(report.read_text(encoding="utf-8").replace("3417.4", "3500.0"), "utf-8")
    target, _, extraction = materialize_into(tmp_path, sources)
    assert extraction is not None
    metadata = extraction.asset_materializations_for_node("document_extraction")[0].metadata
    assert (metadata["extracted"].value, metadata["unchanged"].value) == (1, 4)
    with duckdb.connect(str(target), read_only=True) as con:
        values = con.execute(
            "SELECT raw_text FROM table_cells WHERE document_id = '004_2c694052dab8fa4b' "
            "AND row_path = ['规模以上工业总产值（亿元）'] AND col_path = ['2022 年']"
        ).fetchall()
    assert values == [("3500.0",)]


def _document(doc_id: str, kind: str) -> SourceDocument:
    return SourceDocument(doc_id, doc_id, kind, "闵行区", 2022)


def _observation(n: int, doc: str, code: str, kind: str, value: float, unit: str, **extra) -> dict:
    row = dict.fromkeys(OBSERVATION_COLUMNS)
    row.update(
        observation_id=f"{doc}:{n}",
        document_id=doc,
        source="table",
        source_key=f"{doc}:{n}",
        indicator_key=code,
        indicator_code=code,
        indicator_name=code,
        region="闵行区",
        region_level="district",
        parent_region="上海市",
        period=str(extra.pop("year", 2025 if kind == "target" else 2022)),
        period_grain="year",
        measure_kind=kind,
        value=value,
        unit=unit,
        canonical_value=value,
        canonical_unit=unit,
    )
    row["year"] = int(row["period"])
    row.update(extra)
    return row


SCORECARD_CASES = [
    # code (direction from the registry), operator, target, actual, expected status
    ("EV_PM25", "<=", 35, 26, "met"),
    ("EV_PM10", "<=", 35, 38, "not met"),
    ("PQ_PRODUCT_SAMPLING_PASS_RATE", ">=", 96, 95.1, "not met"),
    ("PQ_FOOD_SAMPLING_PASS_RATE", ">=", 98, 98.07, "met"),
    ("SQ_ELDERLY_BED_SHARE", None, 4.5, 4.32, "not met"),
    ("EV_PARK_GREEN_PER_CAPITA", None, 11.5, 12, "met"),
    ("EV_NOISE_DAY", None, 55, 54.8, "met"),  # lower is better, plain level
    ("EV_AQI_GOOD_RATE", "~", 85, 84, "met"),  # 左右: within 5%
    ("EV_FOREST_COVERAGE", "~", 85, 70, "not met"),
    ("SQ_NEIGHBOURHOOD_CENTRES", ">", 80, 80, "not met"),
    ("EQ_FLOOD_DEFENCE_COMPLIANCE", "<", 100, 99, "met"),
    ("SQ_NEW_3A_SITES", ">=", 2, None, "no data"),
]


def test_scorecard_honours_operator_and_direction(tmp_path: Path) -> None:
    rows = []
    for n, (code, op, target, actual, _) in enumerate(SCORECARD_CASES):
        doc = f"plan{n}"
        unit = "%" if "RATE" in code or "SHARE" in code else "x"
        rows.append(_observation(1, doc, code, "target", target, unit, operator=op))
        if actual is not None:
            rows.append(_observation(2, doc, code, "rate", actual, unit))
    # a change target against a named baseline is compared with changes against that baseline
    rows.append(
        _observation(
            1,
            "plan_x",
            "EQ_CONSTRUCTION_ACCIDENTS",
            "target",
            -10,
            "%",
            operator="change_vs_baseline",
            baseline="十三五",
        )
    )
    rows.append(
        _observation(
            2, "plan_x", "EQ_CONSTRUCTION_ACCIDENTS", "change", -12, "%", baseline="十三五"
        )
    )
    observations = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    documents = sorted({r["document_id"] for r in rows})
    extractions = [DocumentExtraction(_document(d, "plan"), [], []) for d in documents]
    tables = warehouse_tables(
        extractions,
        pd.DataFrame(columns=CELL_COLUMNS),
        pd.DataFrame(columns=STATUS_COLUMNS),
        observations,
        load_registry(),
    )
    published = build_and_publish(tmp_path / "w.duckdb", tables)
    with duckdb.connect(str(published.path), read_only=True) as con:
        got = dict(con.execute("SELECT document_id, status FROM v_target_scorecard").fetchall())
        gap = con.execute(
            "SELECT gap FROM v_target_scorecard WHERE document_id = 'plan0'"
        ).fetchone()[0]
    expected = {f"plan{n}": case[-1] for n, case in enumerate(SCORECARD_CASES)}
    expected["plan_x"] = "met"
    assert got == expected
    assert gap == pytest.approx(-9)


@pytest.mark.parametrize(
    ("actual", "fall", "status"),
    [
        ("较“十三五”下降12%", -12.0, "met"),
        ("较“十三五”下降8%", -8.0, "not met"),
        ("较上年下降12%", None, "no data"),  # against another base: no comparable actual
        ("比“十三五”下降12%", -12.0, "met"),  # 比 names the base as 较 does
    ],
)
def test_a_change_target_stated_with_a_bound_is_scored_on_the_signed_change(
    tmp_path: Path, actual: str, fall: float | None, status: str
) -> None:
    """A plan's 较“十三五”下降10%以上, read from its prose, is a change target of -10% or lower
    against 十三五: a white paper's fall of 12% against the same base meets it, one of 8% does
    not, and one against the year before is no measure of it."""
    from pipelines.extract.prose_facts import Paragraph, extract_text_facts
    from pipelines.load.frames import facts_frame
    from pipelines.model.observations import observations_from_facts

    stated = {
        "plan_c": ("plan", 2021, "到2025年，全区建设工程安全事故起数较“十三五”下降10%以上。"),
        "paper_c": ("white_paper", 2022, f"2022年，全区建设工程安全事故起数{actual}。"),
    }
    documents, extractions = [], []
    for doc_id, (kind, year, text) in stated.items():
        document = SourceDocument(doc_id, doc_id, kind, "闵行区", year)
        facts = extract_text_facts(doc_id, [Paragraph(text, line=1)], "闵行区", year, kind)
        loaded = [RenditionStatus(doc_id, "text", LOADED)]
        documents.append(document)
        extractions.append(DocumentExtraction(document, [], loaded, text_facts=facts))
    registry = load_registry()
    observations = observations_from_facts(facts_frame(extractions), documents, registry)
    tables = warehouse_tables(
        extractions,
        pd.DataFrame(columns=CELL_COLUMNS),
        pd.DataFrame(columns=STATUS_COLUMNS),
        observations,
        registry,
    )
    published = build_and_publish(tmp_path / "w.duckdb", tables)
    with duckdb.connect(str(published.path), read_only=True) as con:
        rows = con.execute(
            "SELECT indicator_code, target_kind, operator, target_value, baseline, actual_value,"
            " status FROM v_target_scorecard"
        ).fetchall()
    assert rows == [("EQ_CONSTRUCTION_ACCIDENTS", "change", "<=", -10.0, "十三五", fall, status)]


@pytest.mark.parametrize(("actual", "status"), [(-9.6, "met"), (-10.4, "met"), (-9.4, "not met")])
def test_a_fall_of_about_a_tenth_is_met_within_five_percent(
    tmp_path: Path, actual: float, status: str
) -> None:
    """左右 on a fall (下降10%左右: about -10, fewer accidents being better) is met within 5 %
    of its size either side that the direction allows: -9.6 and -10.4 meet it, -9.4 does not."""
    rows = [
        _observation(
            1,
            "plan_f",
            "EQ_CONSTRUCTION_ACCIDENTS",
            "target",
            -10,
            "%",
            operator="~",
            base_period="2024",
        ),
        _observation(2, "plan_f", "EQ_CONSTRUCTION_ACCIDENTS", "change", actual, "%"),
    ]
    extractions = [DocumentExtraction(_document("plan_f", "plan"), [], [])]
    tables = warehouse_tables(
        extractions,
        pd.DataFrame(columns=CELL_COLUMNS),
        pd.DataFrame(columns=STATUS_COLUMNS),
        pd.DataFrame(rows, columns=OBSERVATION_COLUMNS),
        load_registry(),
    )
    published = build_and_publish(tmp_path / "w.duckdb", tables)
    with duckdb.connect(str(published.path), read_only=True) as con:
        got = con.execute("SELECT target_kind, status FROM v_target_scorecard").fetchall()
    assert got == [("change", status)]


def test_reader_keeps_its_snapshot_while_a_rebuild_publishes(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"

    def publish(n: int) -> None:
        docs = [DocumentExtraction(_document(f"doc{i}", "white_paper"), [], []) for i in range(n)]
        empty = pd.DataFrame(columns=OBSERVATION_COLUMNS)
        tables = warehouse_tables(
            docs,
            pd.DataFrame(columns=CELL_COLUMNS),
            pd.DataFrame(columns=STATUS_COLUMNS),
            empty,
            load_registry(),
        )
        build_and_publish(target, tables)

    publish(2)
    reader = duckdb.connect(str(target), read_only=True)
    try:
        publish(3)  # a load is never blocked by an open reader
        assert reader.execute("SELECT count(*) FROM dim_document").fetchone()[0] == 2
    finally:
        reader.close()
    with duckdb.connect(str(target), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM dim_document").fetchone()[0] == 3
    assert not list(tmp_path.glob("*.tmp"))


def test_sqlalchemy_read_only_reflection_and_scorecard(warehouse: Path) -> None:
    engine = sa.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    try:
        inspector = sa.inspect(engine)
        tables = set(inspector.get_table_names())
        views = set(inspector.get_view_names())
        assert {"fact_observation", "fact_target", "dim_indicator", "dim_region"} <= tables
        assert {
            "table_cells",
            "document_status",
            "observations",
            "v_target_scorecard",
            "v_latest_actuals",
            "v_indicator_timeseries",
        } <= views
        metadata = sa.MetaData()
        metadata.reflect(engine, views=True)
        assert set(metadata.tables) >= tables | views
        with engine.connect() as con:
            rows = con.execute(
                sa.text(
                    "SELECT indicator_code, status FROM v_target_scorecard "
                    "WHERE document_id = '001_24b9b53140d3bb6e' AND target_kind = 'level' "
                    "ORDER BY actual_year NULLS FIRST"
                )
            ).fetchall()
    finally:
        engine.dispose()
    statuses = dict(rows)
    assert statuses["EV_PM25"] == "met"
    assert statuses["PQ_PRODUCT_SAMPLING_PASS_RATE"] == "not met"
    # the 21 targets of the plan's table, plus targets its text states that the table does not
    assert len(rows) >= 21


def test_parquet_exports(warehouse: Path) -> None:
    export = warehouse.parent / "export"
    scorecard = duckdb.sql(f"SELECT * FROM '{export / 'v_target_scorecard.parquet'}'")
    assert {"indicator_code", "status", "gap", "actual_year"} <= set(scorecard.columns)
    cells = duckdb.sql(f"SELECT count(*) FROM '{export / 'table_cells.parquet'}'").fetchone()
    assert cells[0] > 1000
    assert {p.stem for p in export.glob("*.parquet")} == set(PUBLIC_VIEWS)


def test_public_views_are_the_views_of_views_sql() -> None:
    import re

    created = re.findall(r"CREATE VIEW (\w+)", VIEWS_SQL.read_text(encoding="utf-8"))
    assert sorted(created) == sorted(PUBLIC_VIEWS)
