"""Where the pipeline reads documents and publishes the warehouse; configured in definitions."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.extract.cache import ExtractionStore
from pipelines.extract.isolation import Limits
from pipelines.ingest.catalog import SourceDocument, discover_documents
from pipelines.load.mirror import mirror
from pipelines.load.warehouse import PublishedWarehouse, WarehouseTables, build_and_publish
from pipelines.model.indicators import REGISTRY_FILE, IndicatorRegistry, load_registry
from pipelines.quality.suites import SUITES_DIR, Suite, load_suites

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class SourceFolder(dg.ConfigurableResource):
    """The folder of source documents (``sources/``, with ``inbox/`` and ``catalog.yaml``)."""

    path: str = str(PROJECT_ROOT / "sources")

    def documents(self) -> list[SourceDocument]:
        return discover_documents(Path(self.path))


class DuckDBWarehouse(dg.ConfigurableResource):
    """The published DuckDB file that analysts and BI tools open read-only."""

    path: str = str(PROJECT_ROOT / "warehouse" / "quality.duckdb")

    export_dir: str = str(PROJECT_ROOT / "warehouse" / "export")
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

    path: str = str(REGISTRY_FILE)

    def load(self) -> IndicatorRegistry:
        return load_registry(Path(self.path))


class ExtractionCache(dg.ConfigurableResource):
    """Where extraction results are kept between runs, keyed by content hash and code version.

    Not optional: it is how ``document_extraction`` hands its results to ``extracted_documents``.
    """

    path: str = str(PROJECT_ROOT / ".cache" / "extractions")

    def store(self) -> ExtractionStore:
        return ExtractionStore(Path(self.path))


class ExpectationSuites(dg.ConfigurableResource):
    """The folder of Great Expectations suites (``expectations/*.json``)."""

    path: str = str(SUITES_DIR)

    def load(self) -> dict[str, Suite]:
        return load_suites(Path(self.path))


class ExtractionLimits(dg.ConfigurableResource):
    """Each document is extracted in a worker process bounded in time and memory."""

    timeout_s: float = 300.0
    memory_mb: int = 3072
    workers: int = 2

    def limits(self) -> Limits:
        return Limits(timeout_s=self.timeout_s, memory_mb=self.memory_mb, workers=self.workers)
