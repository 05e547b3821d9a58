"""Load layer: the DuckDB warehouse, built in a scratch file and published atomically."""

import dagster as dg
import pandas as pd

from pipelines.extract.document import DocumentExtraction
from pipelines.load.star import warehouse_tables
from pipelines.resources import DuckDBWarehouse, IndicatorRegistryFile


@dg.asset(group_name="load", kinds={"duckdb"})
def quality_warehouse(
    context: dg.AssetExecutionContext,
    warehouse: DuckDBWarehouse,
    registry: IndicatorRegistryFile,
    extracted_documents: list[DocumentExtraction],
    table_cells: pd.DataFrame,
    text_facts: pd.DataFrame,
    rendition_agreement: pd.DataFrame,
    document_status: pd.DataFrame,
    observations: pd.DataFrame,
    data_quality_issues: pd.DataFrame,
) -> dg.MaterializeResult:
    """``warehouse/quality.duckdb``: star schema plus the public views (table_cells, …)."""
    published = warehouse.publish(
        warehouse_tables(
            extracted_documents,
            table_cells,
            document_status,
            observations,
            registry.load(),
            data_quality_issues,
            text_facts,
            rendition_agreement,
        )
    )
    context.log.info(f"published {published.path} ({published.size_bytes / 1e6:.1f} MB)")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(published.path)),
            "size_bytes": published.size_bytes,
            **{f"rows/{name}": count for name, count in published.row_counts.items()},
        }
    )
