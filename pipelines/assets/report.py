"""Report layer: the static HTML quality report, rebuilt whenever the warehouse is published."""

from pathlib import Path

import dagster as dg

from pipelines.report.build import build_report
from pipelines.report.resource import ReportFolder
from pipelines.resources import DuckDBWarehouse


@dg.asset(group_name="report", kinds={"html"}, deps=["quality_warehouse"])
def quality_report(
    context: dg.AssetExecutionContext, warehouse: DuckDBWarehouse, report_folder: ReportFolder
) -> dg.MaterializeResult:
    """``reports/index.html``: overview, target scorecard, domains, data quality, provenance.

    Reads the published DuckDB file read-only (not the in-memory frames), so the report shows
    exactly what analysts and BI tools see.
    """
    result = build_report(Path(warehouse.path), report_folder.directory())
    context.log.info(
        f"report {result.index}: {result.targets} targets, {result.charts} charts, "
        f"{result.citations} cited sources"
    )
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(result.index)),
            "url": dg.MetadataValue.url(result.index.resolve().as_uri()),
            "targets": result.targets,
            "charts": result.charts,
            "cited_sources": result.citations,
            "data_quality_findings": result.findings,
        }
    )
