import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.assets.documents import documents_partitions, sync_document_partitions
from pipelines.definitions import all_assets, all_checks
from pipelines.ingest.catalog import discover_documents
from pipelines.partition_range import partition_range_tags
from pipelines.paths import EXPECTATIONS_DIR, SOURCES_DIR
from pipelines.report.resource import ReportFolder
from pipelines.resources import (
    DuckDBWarehouse,
    ExpectationSuites,
    ExtractionCache,
    ExtractionLimits,
    IndicatorRegistryFile,
    SourceFolder,
)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return SOURCES_DIR


def materialize_into(
    root: Path, sources: Path, suites: Path | None = None
) -> tuple[Path, dg.ExecuteInProcessResult, dg.ExecuteInProcessResult | None]:
    """Run every asset against ``sources``, publishing into ``root``, the way ``make run`` does.

    First ``document_extraction`` over every document partition (it fills the extraction store
    in ``root``), then everything else. Returns the warehouse, the second run's result and the
    extraction run's result (None when there are no documents). ``suites``: another
    expectations folder.
    """
    target = root / "quality.duckdb"
    resources = {
        "sources": SourceFolder(path=str(sources)),
        "warehouse": DuckDBWarehouse(path=str(target), export_dir=str(root / "export")),
        "registry": IndicatorRegistryFile(),
        "extraction_cache": ExtractionCache(path=str(root / "cache")),
        "extraction_limits": ExtractionLimits(timeout_s=120),
        "expectation_suites": ExpectationSuites(path=str(suites or EXPECTATIONS_DIR)),
        "report_folder": ReportFolder(path=str(root / "reports")),
    }
    extraction_only = dg.AssetSelection.assets("document_extraction")
    with dg.instance_for_test() as instance:
        sync_document_partitions(instance, discover_documents(sources))
        keys = instance.get_dynamic_partitions(documents_partitions.name)
        extraction = None
        if keys:
            extraction = dg.materialize(
                all_assets,
                selection=extraction_only,
                instance=instance,
                resources=resources,
                tags=partition_range_tags(keys),
            )
            assert extraction.success
        result = dg.materialize(
            [*all_assets, *all_checks],
            selection=dg.AssetSelection.all() - extraction_only,
            instance=instance,
            resources=resources,
        )
    assert result.success
    return target, result, extraction


@pytest.fixture(scope="session")
def bundled_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dg.ExecuteInProcessResult, dg.ExecuteInProcessResult | None]:
    """The bundled sources plus one undecodable file, materialized once for the session.

    What ``materialize_into`` returns: tests of the run itself (its asset checks, its
    extraction) read the results, and every test that only queries the warehouse uses
    ``warehouse``, so the whole pipeline runs once for all of them.
    """
    root = tmp_path_factory.mktemp("run")
    sources = root / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    (sources / "inbox").mkdir()
    (sources / "inbox" / "broken.txt").write_bytes(bytes(range(128, 256)) * 10)
    return materialize_into(root, sources)


@pytest.fixture(scope="session")
def warehouse(bundled_run: tuple[Path, dg.ExecuteInProcessResult, object]) -> Path:
    """The session's published warehouse (see ``bundled_run``)."""
    return bundled_run[0]
