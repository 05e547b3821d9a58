"""The Dagster code location: assets, resources, jobs. Nothing else lives here."""

from __future__ import annotations

import dagster as dg

from pipelines.assets import (
    documents,
    extraction,
    normalize,
    report,
    sources,
    validation,
    warehouse,
)
from pipelines.executors import executor_from_env
from pipelines.progress import progress_logger
from pipelines.report.resource import ReportFolder
from pipelines.resources import (
    DuckDBWarehouse,
    ExpectationSuites,
    ExtractionCache,
    ExtractionLimits,
    IndicatorRegistryFile,
    SourceFolder,
)

all_assets = dg.load_assets_from_modules(
    [sources, documents, extraction, normalize, validation, warehouse, report]
)
# one resource for the suites: the checks are listed from it and it is what they read at run time
expectation_suites = ExpectationSuites()
all_checks = validation.suite_checks(expectation_suites)

# Per-document extraction: one dynamic partition per document (make run does them in one run).
document_extraction_job = dg.define_asset_job(
    "document_extraction_job",
    selection=dg.AssetSelection.assets(documents.document_extraction),
    description="Extract the selected documents into the extraction store.",
)
# The default job: every unpartitioned asset, in one process (the multiprocess executor costs
# about 3 s per step on two cores; documents are extracted in worker processes anyway).
quality_warehouse_job = dg.define_asset_job(
    "quality_warehouse_job",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(documents.document_extraction),
    description="Normalize, validate and publish warehouse/quality.duckdb, then the report.",
)

defs = dg.Definitions(
    assets=all_assets,
    asset_checks=all_checks,
    jobs=[document_extraction_job, quality_warehouse_job],
    sensors=[
        documents.sources_sensor_for(document_extraction_job, quality_warehouse_job),
        documents.refresh_after_extraction(document_extraction_job, quality_warehouse_job),
    ],
    resources={
        "sources": SourceFolder(),
        "warehouse": DuckDBWarehouse(mirror_url=dg.EnvVar("QW_WAREHOUSE_URL").get_value("") or ""),
        "registry": IndicatorRegistryFile(),
        "extraction_cache": ExtractionCache(),
        "extraction_limits": ExtractionLimits(),
        "expectation_suites": expectation_suites,
        "report_folder": ReportFolder(),
    },
    executor=executor_from_env(),
    loggers={"console": progress_logger},
)
