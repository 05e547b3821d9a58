"""Each data-quality check fails on a crafted bad input and passes on a good one."""

import pandas as pd
import pytest

from pipelines.extract.document import DocumentExtraction
from pipelines.ingest.catalog import SourceDocument
from pipelines.load.frames import CELL_COLUMNS, cells_frame, status_frame, tables_frame
from pipelines.load.star import withhold_blocked
from pipelines.model.indicators import load_registry
from pipelines.model.observations import observations_from_cells
from pipelines.paths import EXPECTATIONS_DIR
from pipelines.quality.derived import agree_within_rounding, validation_datasets
from pipelines.quality.suites import issues_frame, load_suites, run_suite
from tests.helpers import edited_suites, tables_of

SUITES = load_suites(EXPECTATIONS_DIR)


def _datasets(*lines: str, listed: list[int] | None = None) -> dict[str, pd.DataFrame]:
    result = tables_of(*lines)
    document = SourceDocument("doc", "闵行区报告", "white_paper", "闵行区", 2022)
    extraction = DocumentExtraction(document, result.tables, [], listed or [])
    cells = cells_frame([extraction])
    observations = observations_from_cells(cells, [document], load_registry())
    return validation_datasets(
        cells, observations, tables_frame([extraction]), {"doc": listed or []}
    )


def _failures(datasets: dict[str, pd.DataFrame], dataset: str) -> dict[str, int]:
    outcomes = run_suite(SUITES[dataset], datasets[dataset])
    return {o.check: len(o.failing) or 1 for o in outcomes if not o.success}


GOOD_TABLE = (
    "表 1：2022 年闵行区抽检情况",
    "类别\t抽检数\t合格数\t合格率",
    "生产\t200\t198\t99.0%",
    "流通\t100\t95\t95.0%",
    "合计\t300\t293\t97.67%",
)


def test_good_tables_pass_every_suite() -> None:
    datasets = _datasets(*GOOD_TABLE, listed=[1])
    for dataset in SUITES:
        assert _failures(datasets, dataset) == {}, dataset


def test_total_that_does_not_add_up() -> None:
    bad = [*GOOD_TABLE[:-1], "合计\t310\t303\t97.74%"]
    assert _failures(_datasets(*bad), "arithmetic") == {"total_equals_sum_of_parts": 2}


def test_total_column_that_does_not_add_up() -> None:
    datasets = _datasets(
        "表 2：2022 年闵行区评级情况",
        "类别\tA 级\tB 级\t小计",
        "食堂\t5\t6\t12",
        "餐饮\t3\t4\t7",
    )
    assert _failures(datasets, "arithmetic") == {"total_equals_sum_of_parts": 1}


def test_pass_rate_that_does_not_follow_from_counts() -> None:
    bad = [*GOOD_TABLE[:2], "生产\t200\t198\t97.0%", *GOOD_TABLE[3:]]
    assert _failures(_datasets(*bad), "arithmetic") == {"pass_rate_matches_counts": 1}


def test_year_over_year_change() -> None:
    lines = [
        "表 3：2021-2022 年闵行区公共出行情况",
        "项目\t2021 年\t2022 年\t同比",
        "公交线路（条）\t243\t242\t-0.41%",
        "泊位（个）\t520\t597\t14.8%",
    ]
    assert _failures(_datasets(*lines), "arithmetic") == {}
    lines[-1] = "泊位（个）\t520\t597\t18.8%"
    assert _failures(_datasets(*lines), "arithmetic") == {"yoy_change_matches_values": 1}


def test_shares_that_do_not_add_to_100() -> None:
    lines = ["表 4：闵行区医疗机构构成", "类别\t占比", "公立\t28.86%", "非公立\t71.14%"]
    assert _failures(_datasets(*lines), "arithmetic") == {}
    lines[-1] = "非公立\t61.14%"
    assert _failures(_datasets(*lines), "arithmetic") == {"shares_add_to_100": 1}


def test_plausibility_of_rates_counts_and_years() -> None:
    datasets = _datasets(
        "表 5：2022 年闵行区情况",
        "项目\t数值",
        "抽检合格率\t120%",
        "投诉件数\t-3 件",
        "受理企业\t2.5 家",
    )
    assert _failures(datasets, "observations") == {
        "rate_within_0_100": 1,
        "count_non_negative": 1,
        "count_is_whole": 1,
    }


def test_a_failing_cell_or_observation_records_where_it_was_printed() -> None:
    datasets = _datasets("表 5：2022 年闵行区情况", "项目\t数值", "抽检合格率\t120%")
    outcomes = [
        *run_suite(SUITES["observations"], datasets["observations"]),
        *run_suite(SUITES["table_cells"], datasets["table_cells"].assign(raw_text=None)),
    ]
    issues = issues_frame(outcomes)
    rate = issues[issues["check"] == "rate_within_0_100"].iloc[0]
    (cell_id,) = datasets["table_cells"]["cell_id"]
    assert (rate["found_document_id"], rate["found_ref"]) == ("doc", cell_id)
    assert " @ " not in rate["location"]  # the ref is a column, not text to parse back
    blank = issues[issues["suite"] == "table_cells"]
    assert len(blank) and set(blank["found_ref"]) == {cell_id}


def test_one_canonical_unit_per_indicator() -> None:
    datasets = _datasets(
        "表 6：2021-2022 年闵行区绿化情况",
        "项目\t2021 年\t2022 年",
        "人均公园绿地面积\t11 平方米\t35610 吨",
    )
    assert _failures(datasets, "indicator_units") == {"one_canonical_unit_per_indicator": 1}


def test_structure_caption_without_cells_and_gaps_in_numbering() -> None:
    datasets = _datasets(
        "表 1：甲表",
        "类别\t数量",
        "甲\t5",
        "",
        "表 3：乙表",
        "## 下一节",
        "正文。",
        listed=[1, 2, 3],
    )
    assert (
        _failures(datasets, "table_structure")
        == {
            "caption_yields_cells": 2,  # 表3 has no body; 表2 is missing altogether
            "table_numbers_contiguous": 1,
        }
        or _failures(datasets, "table_structure")["caption_yields_cells"] == 2
    )


def test_table_missing_from_contents() -> None:
    datasets = _datasets("表 1：甲表", "类别\t数量", "甲\t5", listed=[2])
    failures = _failures(datasets, "table_structure")
    assert failures.get("table_listed_in_contents") == 1


def test_cell_schema_and_unique_keys() -> None:
    datasets = _datasets(*GOOD_TABLE)
    cells = datasets["table_cells"]
    duplicated = pd.concat([cells, cells.head(1)], ignore_index=True)
    assert _failures({"table_cells": duplicated}, "table_cells") == {"cells_unique_key": 2}
    broken = cells.drop(columns=["raw_text"])
    assert "cells_schema" in _failures({"table_cells": broken}, "table_cells")


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("1234.56", "1234.6", True),
        ("45.4%", "46%", False),
        ("98.07%", "98.07%", True),
        ("95.1", "95.10", True),
        ("26", "29", False),
    ],
)
def test_rounding_aware_agreement(a: str, b: str, agree: bool) -> None:
    value = lambda s: float(s.rstrip("%"))  # noqa: E731
    assert agree_within_rounding(value(a), a, value(b), b) is agree


def test_cross_source_disagreement_lists_both_sources() -> None:
    datasets = _datasets(
        "表 1：2022 年闵行区居住环境相关情况",
        "森林覆盖率\t18.8%",
        "",
        "## 另一节",
        "表 2：2022 年闵行区绿化情况",
        "森林覆盖率\t19.5%",
    )
    outcomes = run_suite(SUITES["cross_source"], datasets["cross_source"])
    issues = issues_frame(outcomes)
    assert issues["check"].tolist() == ["same_fact_agrees_across_sources"]
    (issue,) = issues.to_dict("records")
    assert (issue["expected"], issue["found"]) == ("18.8%", "19.5%")  # as printed, nothing added
    cells = datasets["table_cells"]
    printed = dict(zip(cells["cell_id"], cells["raw_text"], strict=True))
    assert printed[issue["expected_ref"]] == "18.8%" and printed[issue["found_ref"]] == "19.5%"
    assert issue["expected_document_id"] == issue["found_document_id"] == "doc"


def test_blocking_failure_withholds_only_that_document() -> None:
    cells = pd.DataFrame(
        [dict.fromkeys(CELL_COLUMNS) | {"cell_id": f"{d}:1", "document_id": d} for d in "ab"]
    )
    status = status_frame([])
    status = pd.DataFrame(
        [
            {
                "document_id": d,
                "rendition": "text",
                "status": "loaded",
                "error": None,
                "tables": 1,
                "cells": 1,
                "warnings": [],
            }
            for d in "ab"
        ]
    )
    observations = pd.DataFrame({"document_id": ["a", "b"], "value": [1.0, 2.0]})
    issues = pd.DataFrame(
        [
            {"check": "cells_unique_key", "severity": "blocking", "document_id": "a"},
            {"check": "rate_within_0_100", "severity": "warning", "document_id": "b"},
        ]
    )
    kept_cells, kept_status, kept_obs = withhold_blocked(cells, status, observations, issues)
    assert kept_cells["document_id"].tolist() == ["b"]
    assert kept_obs["document_id"].tolist() == ["b"]
    row = kept_status.set_index("document_id").loc["a"]
    assert row["status"] == "failed" and "cells_unique_key" in row["error"]
    assert kept_status.set_index("document_id").loc["b", "status"] == "loaded"
    unattributed = issues.assign(document_id=None)
    with pytest.raises(ValueError, match="whole dataset"):
        withhold_blocked(cells, status, observations, unattributed)


def test_issue_rows_hold_plain_values() -> None:
    import numpy as np

    from pipelines.quality.suites import CheckOutcome

    failing = pd.DataFrame(
        {
            "document_id": ["a", "b", "c"],
            "table_number": pd.array([pd.NA, 3, 4], dtype="Int64"),
            "location": ["x", "y", "z"],
            "expected": [np.float64(1.5), None, 2],
            "found": [np.int64(3), 4.0, "5"],
            "message": ["m", "n", "o"],
        }
    )
    outcome = CheckOutcome("s", "c", "warning", "t", False, 3, failing)
    issues = issues_frame([outcome])
    assert issues["table_number"].tolist()[1:] == [3, 4] and pd.isna(issues["table_number"][0])


def test_missing_issue_fields_stay_missing() -> None:
    from pipelines.quality.suites import CheckOutcome

    failing = pd.DataFrame({"document_id": ["a"], "expected": [float("nan")], "found": [None]})
    issues = issues_frame([CheckOutcome("s", "c", "warning", "t", False, 1, failing)])
    assert issues["expected"].tolist() == [None] and issues["found"].tolist() == [None]


def test_suite_files_are_gx_suites_and_describe_every_check() -> None:
    import json

    from great_expectations.core import ExpectationSuite

    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gx_suite = ExpectationSuite(**data)  # the files stay what GX 1.x itself reads
        assert len(gx_suite.expectations) == len(data["expectations"]), path.name
    specs = [spec for suite in SUITES.values() for spec in suite.expectations]
    undescribed = [spec.check for spec in specs if not spec.description]
    assert not undescribed  # the report never shows a bare check name for a bundled suite
    assert len({spec.check for spec in specs}) == len(specs)  # a check is described once


def test_issues_carry_the_description_written_in_the_suite_file(tmp_path) -> None:
    def redescribe(expectation: dict) -> None:
        expectation["meta"]["description"] = "合计与分项之和对不上（改过的说明）"

    suites_dir = edited_suites(tmp_path, "arithmetic", "total_equals_sum_of_parts", redescribe)
    edited = load_suites(suites_dir)["arithmetic"]

    datasets = _datasets(
        "表 1：2022 年闵行区抽检情况", "类别\t抽检数", "生产\t200", "流通\t100", "合计\t310"
    )
    issues = issues_frame(run_suite(edited, datasets["arithmetic"]))
    assert issues["check"].tolist() == ["total_equals_sum_of_parts"]
    assert issues["check_description"].tolist() == ["合计与分项之和对不上（改过的说明）"]
    summary = edited.summary()  # what the Dagster asset check shows
    assert "total_equals_sum_of_parts (warning): 合计与分项之和对不上（改过的说明）" in summary
    assert all(spec.check in summary for spec in edited.expectations)
