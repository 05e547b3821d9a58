"""Run the Great Expectations suites in ``expectations/`` against the pipeline's DataFrames.

Suites are JSON files anyone can read and edit (one per dataset; tolerances are expectation
parameters). GX 1.x cannot validate DuckDB through its SQL source, so the datasets are validated
as pandas DataFrames in an ephemeral context. ``great_expectations`` takes seconds to import: it
is imported only when a suite actually runs.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

BLOCKING, WARNING = "blocking", "warning"
# Columns every validated dataset carries so that a failing row becomes a readable issue.
ISSUE_FIELDS = ["document_id", "table_number", "location", "expected", "found", "message"]
# Where the found (and, comparing two printed figures, the expected) value was printed: a cell id
# or a prose fact id and its document. Values that are rules or computed sums leave them empty.
# Separate columns, so that readers cite a source without parsing it out of the text.
SOURCE_FIELDS = ["expected_document_id", "expected_ref", "found_document_id", "found_ref"]


@dataclass(frozen=True)
class ExpectationSpec:
    type: str
    kwargs: dict
    check: str
    severity: str
    # what a failing row means, for readers of the report (``meta.description`` in the file)
    description: str | None = None


@dataclass(frozen=True)
class Suite:
    name: str
    dataset: str
    asset: str  # the asset whose check reports this suite in the Dagster UI
    description: str | None
    expectations: tuple[ExpectationSpec, ...]

    def summary(self) -> str:
        """The suite's description and what each of its checks means, as the files state them.

        The Dagster asset check shows this, so the UI and the report describe a check with the
        same words, kept in one place: the suite file.
        """
        lines = [self.description or f"Great Expectations suite {self.name}", ""]
        lines += [
            f"- {spec.check} ({spec.severity}): {spec.description or spec.type}"
            for spec in self.expectations
        ]
        return "\n".join(lines)


@dataclass
class CheckOutcome:
    suite: str
    check: str
    severity: str
    expectation_type: str
    success: bool
    evaluated: int
    failing: pd.DataFrame = field(repr=False)
    observed: str | None = None
    description: str | None = None


def load_suites(directory: Path) -> dict[str, Suite]:
    """Suites by dataset name, read from ``expectations/*.json``."""
    suites = {}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        specs = []
        for entry in data["expectations"]:
            meta = entry.get("meta", {})
            severity = meta.get("severity", WARNING)
            if severity not in (BLOCKING, WARNING):
                raise ValueError(f"{path.name}: severity must be blocking or warning")
            specs.append(
                ExpectationSpec(
                    type=entry["type"],
                    kwargs=dict(entry.get("kwargs", {})),
                    check=meta.get("check", entry["type"]),
                    severity=severity,
                    description=meta.get("description"),
                )
            )
        meta = data.get("meta", {})
        dataset = meta.get("dataset", path.stem)
        suites[dataset] = Suite(
            data["name"], dataset, meta.get("asset", dataset), meta.get("description"), tuple(specs)
        )
    return suites


def _context():  # GX types stay behind the lazy import
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def run_suite(suite: Suite, frame: pd.DataFrame) -> list[CheckOutcome]:
    """Validate ``frame`` with ``suite``; each expectation's failing rows are kept."""
    from great_expectations.core import ExpectationSuite
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    frame = frame.reset_index(drop=True)
    if frame.empty:
        return [
            CheckOutcome(
                suite.name,
                s.check,
                s.severity,
                s.type,
                True,
                0,
                frame.head(0),
                description=s.description,
            )
            for s in suite.expectations
        ]
    context = _context()
    source = context.data_sources.add_pandas(f"{suite.dataset}_source")
    asset = source.add_dataframe_asset(name=suite.dataset)
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": frame}
    )
    gx_suite = ExpectationSuite(name=suite.name)
    for spec in suite.expectations:
        gx_suite.add_expectation_configuration(
            ExpectationConfiguration(type=spec.type, kwargs=spec.kwargs, meta={"check": spec.check})
        )
    with warnings.catch_warnings():
        # string row conditions are what a suite file can hold; GX 1.x warns they will change
        warnings.filterwarnings(
            "ignore", message=".*condition_parser.*", category=DeprecationWarning
        )
        result = batch.validate(gx_suite, result_format={"result_format": "COMPLETE"})
    outcomes = []
    for spec, item in zip(suite.expectations, result.results, strict=True):
        details = item.result or {}
        indexes = details.get("unexpected_index_list") or []
        positions = [i if isinstance(i, int) else i.get("index", i) for i in indexes]
        failing = frame.iloc[[p for p in positions if isinstance(p, int)]]
        observed = details.get("observed_value")
        if item.exception_info and item.exception_info.get("raised_exception"):
            observed = item.exception_info.get("exception_message")
        outcomes.append(
            CheckOutcome(
                suite=suite.name,
                check=spec.check,
                severity=spec.severity,
                expectation_type=spec.type,
                success=bool(item.success),
                evaluated=int(details.get("element_count", len(frame))),
                failing=failing,
                observed=None if observed is None else str(observed)[:500],
                description=spec.description,
            )
        )
    return outcomes


ISSUE_COLUMNS = ["check", "severity", "suite", *ISSUE_FIELDS, *SOURCE_FIELDS, "check_description"]


def issues_frame(outcomes: list[CheckOutcome]) -> pd.DataFrame:
    """One row per failing row of every failed expectation (and one for table-level failures)."""
    rows = []
    for outcome in outcomes:
        if outcome.success:
            continue
        if outcome.failing.empty:
            rows.append(
                {
                    "check": outcome.check,
                    "severity": outcome.severity,
                    "suite": outcome.suite,
                    "document_id": None,
                    "table_number": None,
                    "location": outcome.suite,
                    "expected": outcome.expectation_type,
                    "found": outcome.observed,
                    "message": f"{outcome.check} failed: {outcome.observed}",
                    "check_description": outcome.description,
                }
            )
            continue
        for row in outcome.failing.itertuples(index=False):
            rows.append(
                {
                    "check": outcome.check,
                    "severity": outcome.severity,
                    "suite": outcome.suite,
                    **{f: _plain(getattr(row, f, None)) for f in [*ISSUE_FIELDS, *SOURCE_FIELDS]},
                    "check_description": outcome.description,
                }
            )
    frame = pd.DataFrame(rows, columns=ISSUE_COLUMNS)
    varchar = ("location", "expected", "found", "message", "document_id", "check_description")
    for column in (*varchar, *SOURCE_FIELDS):
        frame[column] = frame[column].map(lambda v: None if _plain(v) is None else str(v))
    return frame.astype({"table_number": "Int64"})


def _plain(value: object) -> object:
    """A DataFrame value as a plain Python one: missing markers → None, numpy → Python."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return " / ".join(map(str, value))
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, str)) else str(value)
