"""The Dagster code location: assets, resources, jobs. Nothing else lives here."""

from __future__ import annotations

import dagster as dg

from pipelines.assets import extraction, normalize, report, sources, validation, warehouse
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
    [sources, extraction, normalize, validation, warehouse, report]
)
all_checks = dg.load_asset_checks_from_modules([validation])

# The default job: every asset, in one process (the multiprocess executor costs ~3 s per step).
quality_warehouse_job = dg.define_asset_job(
    "quality_warehouse_job",
    selection=dg.AssetSelection.all(),
    description="Extract every bundled document and publish warehouse/quality.duckdb.",
)

defs = dg.Definitions(
    assets=all_assets,
    asset_checks=all_checks,
    jobs=[quality_warehouse_job],
    resources={
        "sources": SourceFolder(),
        "warehouse": DuckDBWarehouse(),
        "registry": IndicatorRegistryFile(),
        "extraction_cache": ExtractionCache(),
        "extraction_limits": ExtractionLimits(),
        "expectation_suites": ExpectationSuites(),
        "report_folder": ReportFolder(),
    },
    executor=dg.in_process_executor,
    loggers={"console": progress_logger},
)
