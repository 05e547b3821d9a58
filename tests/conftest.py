import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import all_assets, all_checks
from pipelines.report.resource import ReportFolder
from pipelines.resources import (
    DuckDBWarehouse,
    ExpectationSuites,
    ExtractionCache,
    ExtractionLimits,
    IndicatorRegistryFile,
    SourceFolder,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SOURCES = PROJECT_ROOT / "sources"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return SOURCES


def materialize_into(root: Path, sources: Path) -> tuple[Path, dg.ExecuteInProcessResult]:
    """Run every asset against ``sources``, publishing into ``root``; returns the warehouse."""
    target = root / "quality.duckdb"
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [*all_assets, *all_checks],
            selection=dg.AssetSelection.all() - dg.AssetSelection.assets("document_extraction"),
            instance=instance,
            resources={
                "sources": SourceFolder(path=str(sources)),
                "warehouse": DuckDBWarehouse(path=str(target), export_dir=str(root / "export")),
                "registry": IndicatorRegistryFile(),
                "extraction_cache": ExtractionCache(path=str(root / "cache")),
                "extraction_limits": ExtractionLimits(timeout_s=120),
                "expectation_suites": ExpectationSuites(),
                "report_folder": ReportFolder(path=str(root / "reports")),
            },
        )
    assert result.success
    return target, result


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sources plus one undecodable file, materialized once for the session."""
    root = tmp_path_factory.mktemp("run")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "inbox").mkdir()
    (sources / "inbox" / "broken.txt").write_bytes(bytes(range(128, 256)) * 10)
    target, _ = materialize_into(root, sources)
    return target
