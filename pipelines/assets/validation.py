"""Validate layer: the Great Expectations suites in expectations/, run once per materialization.

The suites run inside the ``data_quality_issues`` asset (GX imported lazily); each suite is also
an asset check on the asset it judges, so the Dagster UI shows its status and failing rows.
Blocking failures keep the affected documents out of the warehouse; warnings are recorded.

Both read the suites through the ``expectation_suites`` resource, so a configured folder is
honoured by the checks as well as by the asset. Dagster needs the list of checks when the code
location loads: ``definitions.py`` builds it from the same resource, and each check judges with
the suite as the resource reads it when the check runs.
"""

import dagster as dg
import pandas as pd

from pipelines.extract.document import DocumentExtraction
from pipelines.load.frames import tables_frame
from pipelines.quality.derived import validation_datasets
from pipelines.quality.suites import BLOCKING, Suite, issues_frame, run_suite
from pipelines.resources import ExpectationSuites


@dg.asset(group_name="validate", kinds={"great_expectations", "pandas"})
def data_quality_issues(
    context: dg.AssetExecutionContext,
    expectation_suites: ExpectationSuites,
    extracted_documents: list[DocumentExtraction],
    table_cells: pd.DataFrame,
    observations: pd.DataFrame,
) -> pd.DataFrame:
    """One row per failing row of every expectation: check, severity, document, where, why."""
    listed = {e.document.document_id: e.listed_table_numbers for e in extracted_documents}
    datasets = validation_datasets(
        table_cells, observations, tables_frame(extracted_documents), listed
    )
    outcomes = []
    for dataset, suite in expectation_suites.load().items():
        outcomes.extend(run_suite(suite, datasets.get(dataset, pd.DataFrame())))
    issues = issues_frame(outcomes)
    failed = [o for o in outcomes if not o.success]
    for outcome in failed:
        context.log.info(
            f"{outcome.severity:<8} {outcome.check}: {len(outcome.failing) or 1} failing "
            f"of {outcome.evaluated}"
        )
    context.log.info(f"{len(outcomes)} expectations, {len(failed)} failed, {len(issues)} issues")
    counts = issues.groupby(["severity", "check"]).size() if len(issues) else pd.Series()
    context.add_output_metadata(
        {
            "dagster/row_count": len(issues),
            "blocking": int((issues["severity"] == BLOCKING).sum()),
            "by_check": dg.MetadataValue.json({f"{s}/{c}": int(n) for (s, c), n in counts.items()}),
            "expectations_evaluated": len(outcomes),
        }
    )
    return issues


def _suite_check(suite: Suite) -> dg.AssetChecksDefinition:
    dataset = suite.dataset

    @dg.asset_check(
        name=f"{dataset}_suite",
        asset=suite.asset,
        additional_ins={"data_quality_issues": dg.AssetIn("data_quality_issues")},
        description=suite.summary(),
        blocking=False,
    )
    def _check(
        expectation_suites: ExpectationSuites, data_quality_issues: pd.DataFrame
    ) -> dg.AssetCheckResult:
        configured = expectation_suites.load().get(dataset)
        if configured is None:  # the configured folder no longer has this suite
            return dg.AssetCheckResult(
                passed=False,
                severity=dg.AssetCheckSeverity.WARN,
                description=f"no suite for dataset {dataset} in {expectation_suites.path}",
            )
        checks = {spec.check for spec in configured.expectations}
        blocking = any(spec.severity == BLOCKING for spec in configured.expectations)
        failing = data_quality_issues[data_quality_issues["check"].isin(checks)]
        has_blocking = bool((failing["severity"] == BLOCKING).any())
        severity = (
            dg.AssetCheckSeverity.ERROR if has_blocking and blocking else dg.AssetCheckSeverity.WARN
        )
        per_check = {c: int((failing["check"] == c).sum()) for c in sorted(checks)}
        return dg.AssetCheckResult(
            passed=failing.empty,
            severity=severity,
            metadata={
                "failing_rows": len(failing),
                "by_check": dg.MetadataValue.json(per_check),
                "failures": dg.MetadataValue.md(
                    failing.drop(columns=["suite", "check_description"])
                    .head(50)
                    .to_markdown(index=False)
                    if len(failing)
                    else "none"
                ),
            },
        )

    return _check


def suite_checks(expectation_suites: ExpectationSuites) -> list[dg.AssetChecksDefinition]:
    """One asset check per suite the resource finds."""
    return [_suite_check(suite) for suite in expectation_suites.load().values()]
