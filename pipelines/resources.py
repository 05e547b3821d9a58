"""Where the pipeline reads documents and publishes the warehouse; configured in definitions."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.extract.cache import ExtractionStore
from pipelines.extract.isolation import Limits
from pipelines.ingest.catalog import SourceDocument, discover_documents
from pipelines.load.mirror import mirror
from pipelines.load.warehouse import PublishedWarehouse, WarehouseTables, build_and_publish
from pipelines.model.indicators import IndicatorRegistry, load_registry
from pipelines.paths import (
    EXPECTATIONS_DIR,
    EXPORT_DIR,
    EXTRACTION_CACHE_DIR,
    INDICATORS_FILE,
    SOURCES_DIR,
    WAREHOUSE_FILE,
)
from pipelines.quality.suites import Suite, load_suites


class SourceFolder(dg.ConfigurableResource):
    """The folder of source documents (``sources/``, with ``inbox/`` and ``catalog.yaml``)."""

    path: str = str(SOURCES_DIR)

    def documents(self) -> list[SourceDocument]:
        return discover_documents(Path(self.path))


class DuckDBWarehouse(dg.ConfigurableResource):
    """The published DuckDB file that analysts and BI tools open read-only."""

    path: str = str(WAREHOUSE_FILE)

    export_dir: str = str(EXPORT_DIR)
    # Another engine to publish to after each build: "md:quality" (MotherDuck) or any SQLAlchemy
    # URL ("postgresql+psycopg2://user:pass@host/db"). Empty: the DuckDB file only.
    mirror_url: str = ""

    def publish(self, tables: WarehouseTables) -> PublishedWarehouse:
        published = build_and_publish(Path(self.path), tables, Path(self.export_dir))
        if self.mirror_url:
            mirror(published.path, self.mirror_url)
        return published


class IndicatorRegistryFile(dg.ConfigurableResource):
    """The curated indicator registry (``warehouse/indicators.yaml``)."""

    path: str = str(INDICATORS_FILE)

    def load(self) -> IndicatorRegistry:
        return load_registry(Path(self.path))


class ExtractionCache(dg.ConfigurableResource):
    """Where extraction results are kept between runs, keyed by content hash and code version.

    Not optional: it is how ``document_extraction`` hands its results to ``extracted_documents``.
    """

    path: str = str(EXTRACTION_CACHE_DIR)

    def store(self) -> ExtractionStore:
        return ExtractionStore(Path(self.path))


class ExpectationSuites(dg.ConfigurableResource):
    """The folder of Great Expectations suites (``expectations/*.json``)."""

    path: str = str(EXPECTATIONS_DIR)

    def load(self) -> dict[str, Suite]:
        return load_suites(Path(self.path))


class ExtractionLimits(dg.ConfigurableResource):
    """Each document is extracted in a worker process bounded in time and memory."""

    timeout_s: float = Limits.timeout_s
    memory_mb: int = Limits.memory_mb
    workers: int = Limits.workers

    def limits(self) -> Limits:
        return Limits(timeout_s=self.timeout_s, memory_mb=self.memory_mb, workers=self.workers)
