"""Where the pipeline reads documents and publishes the warehouse; configured in definitions."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.ingest.catalog import SourceDocument, discover_documents
from pipelines.load.warehouse import PublishedWarehouse, WarehouseTables, build_and_publish
from pipelines.model.indicators import REGISTRY_FILE, IndicatorRegistry, load_registry

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class SourceFolder(dg.ConfigurableResource):
    """The folder of source documents (``sources/``, with ``inbox/`` and ``catalog.yaml``)."""

    path: str = str(PROJECT_ROOT / "sources")

    def documents(self) -> list[SourceDocument]:
        return discover_documents(Path(self.path))


class DuckDBWarehouse(dg.ConfigurableResource):
    """The published DuckDB file that analysts and BI tools open read-only."""

    path: str = str(PROJECT_ROOT / "warehouse" / "quality.duckdb")

    def publish(self, tables: WarehouseTables) -> PublishedWarehouse:
        return build_and_publish(Path(self.path), tables)


class IndicatorRegistryFile(dg.ConfigurableResource):
    """The curated indicator registry (``warehouse/indicators.yaml``)."""

    path: str = str(REGISTRY_FILE)

    def load(self) -> IndicatorRegistry:
        return load_registry(Path(self.path))
