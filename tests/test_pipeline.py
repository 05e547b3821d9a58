"""The whole job materialized into a temporary warehouse, then queried like a BI user would."""

from pathlib import Path

import duckdb

from pipelines.definitions import defs


def test_definitions_load() -> None:
    job = defs.resolve_job_def("quality_warehouse_job")
    assert {key.to_user_string() for key in job.asset_layer.executable_asset_keys} >= {
        "source_documents",
        "extracted_documents",
        "table_cells",
        "document_status",
        "quality_warehouse",
    }


def test_asset_checks_describe_their_checks_as_the_suite_files_do() -> None:
    from pipelines.paths import EXPECTATIONS_DIR
    from pipelines.quality.suites import load_suites

    described = {
        spec.key.name: spec.description
        for checks in defs.asset_checks or []
        for spec in checks.check_specs
    }
    suites = load_suites(EXPECTATIONS_DIR)
    assert set(described) == {f"{dataset}_suite" for dataset in suites}
    for dataset, suite in suites.items():
        text = described[f"{dataset}_suite"] or ""
        assert suite.description and text.startswith(suite.description)
        for spec in suite.expectations:
            assert f"{spec.check} ({spec.severity}): {spec.description}" in text


def test_table_cells_view(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [row[0] for row in con.execute("DESCRIBE table_cells").fetchall()]
        assert columns == [
            "document_id",
            "table_number",
            "table_title",
            "row_path",
            "col_path",
            "raw_text",
            "value",
            "unit",
            "op",
            "extra",
            "is_change",
            "baseline",
            "source_department",
            "line",
            "page",
        ]
        types = dict(
            con.execute("SELECT column_name, column_type FROM (DESCRIBE table_cells)").fetchall()
        )
        assert types["row_path"] == types["col_path"] == "VARCHAR[]"
        (value, unit, department) = con.execute(
            """
            SELECT value, unit, source_department FROM table_cells
            WHERE table_title LIKE '%食品抽检情况' AND row_path = ['合计'] AND col_path = ['合格率']
            """
        ).fetchone()
        assert (value, unit, department) == (98.07, "%", "区市场监管局")
        tables = con.execute(
            "SELECT count(DISTINCT (document_id, table_number)) FROM table_cells "
            "WHERE table_number IS NOT NULL"
        ).fetchone()[0]
        assert tables == 47


def test_text_facts_and_rendition_agreement(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [r[0] for r in con.execute("DESCRIBE text_facts").fetchall()]
        assert columns == [
            "document_id",
            "indicator",
            "value",
            "unit",
            "kind",
            "operator",
            "is_change",
            "subject",
            "period",
            "quote",
            "line",
            "page",
        ]
        per_document = dict(
            con.execute("SELECT document_id, count(*) FROM text_facts GROUP BY ALL").fetchall()
        )
        assert len(per_document) == 5 and min(per_document.values()) > 10
        prose = con.execute(
            "SELECT count(*) FROM observations WHERE source = 'prose' AND quote IS NOT NULL"
        ).fetchone()[0]
        assert prose > 500
        agreement = dict(
            con.execute(
                "SELECT document_id, agreement FROM rendition_agreement "
                "WHERE other_rendition <> primary_rendition"
            ).fetchall()
        )
    assert len(agreement) == 5 and all(0 <= a <= 1 for a in agreement.values())


def test_document_status_view(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT document_id, rendition, status, error FROM document_status ORDER BY ALL"
        ).fetchall()
    statuses = {(d, r): (s, e) for d, r, s, e in rows}
    assert statuses[("broken", "text")][0] == "failed"
    assert "broken.txt" in statuses[("broken", "text")][1]
    loaded = [d for (d, r), (s, _) in statuses.items() if s == "loaded"]
    assert len(loaded) == 5


def test_data_quality_checks_run_and_are_recorded(bundled_run) -> None:
    target, result, _ = bundled_run
    evaluations = result.get_asset_check_evaluations()
    assert {e.check_name for e in evaluations} == {
        "table_cells_suite",
        "table_structure_suite",
        "observations_suite",
        "indicator_units_suite",
        "arithmetic_suite",
        "cross_source_suite",
    }
    passed = {e.check_name: e.passed for e in evaluations}
    assert passed["table_cells_suite"] and passed["table_structure_suite"]
    with duckdb.connect(str(target), read_only=True) as con:
        columns = [r[0] for r in con.execute("DESCRIBE data_quality_issues").fetchall()]
        severities = {
            r[0] for r in con.execute("SELECT severity FROM data_quality_issues").fetchall()
        }
        undescribed = con.execute(
            "SELECT count(*) FROM data_quality_issues WHERE check_description IS NULL"
        ).fetchone()[0]
        # each disagreement between two sources names both, and both are in the warehouse
        cited = con.execute(
            """
            SELECT i.expected_ref, i.found_ref,
                   i.expected_document_id = coalesce(ec.document_id, ef.document_id),
                   i.found_document_id = coalesce(fc.document_id, ff.document_id)
            FROM data_quality_issues i
            LEFT JOIN source_cells ec ON ec.cell_id = i.expected_ref
            LEFT JOIN source_facts ef ON ef.fact_id = i.expected_ref
            LEFT JOIN source_cells fc ON fc.cell_id = i.found_ref
            LEFT JOIN source_facts ff ON ff.fact_id = i.found_ref
            WHERE i.suite = 'cross_source'
            """
        ).fetchall()
    assert columns[:3] == ["check", "severity", "suite"]
    assert {"expected_ref", "found_ref", "expected_document_id", "found_document_id"} <= set(
        columns
    )
    assert severities <= {"warning"}
    assert undescribed == 0  # each issue says what its check means, from the suite file
    assert cited and all(e and f and e_doc and f_doc for e, f, e_doc, f_doc in cited)


def test_a_configured_suites_folder_is_honoured_by_asset_and_checks(
    tmp_path: Path, sources_dir: Path
) -> None:
    from tests.conftest import materialize_into
    from tests.helpers import edited_suites

    def at_most_50(expectation: dict) -> None:
        expectation["meta"]["check"] = "rate_at_most_50"
        expectation["kwargs"]["max_value"] = 50

    suites = edited_suites(tmp_path, "observations", "rate_within_0_100", at_most_50)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "one.txt").write_text(
        "2022年闵行区质量状况分析白皮书\n表 1：抽检\n类别\t合格率\n生产\t98%\n", "utf-8"
    )

    target, result, _ = materialize_into(tmp_path / "run", sources, suites)
    with duckdb.connect(str(target), read_only=True) as con:
        checks = {r[0] for r in con.execute('SELECT "check" FROM data_quality_issues').fetchall()}
    assert "rate_at_most_50" in checks  # the asset ran the configured suite
    (evaluation,) = [
        e for e in result.get_asset_check_evaluations() if e.check_name == "observations_suite"
    ]
    assert not evaluation.passed  # the check judged with the configured suite too
    assert evaluation.metadata["by_check"].value["rate_at_most_50"] == 1
