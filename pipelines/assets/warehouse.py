"""Load layer: the DuckDB warehouse, built in a scratch file and published atomically."""

import dagster as dg
import pandas as pd

from pipelines.extract.document import DocumentExtraction
from pipelines.load.frames import documents_frame, tables_frame
from pipelines.load.warehouse import WarehouseTables
from pipelines.resources import DuckDBWarehouse


@dg.asset(group_name="load", kinds={"duckdb"})
def quality_warehouse(
    context: dg.AssetExecutionContext,
    warehouse: DuckDBWarehouse,
    extracted_documents: list[DocumentExtraction],
    table_cells: pd.DataFrame,
    document_status: pd.DataFrame,
) -> dg.MaterializeResult:
    """``warehouse/quality.duckdb``, with public views ``table_cells`` and ``document_status``."""
    published = warehouse.publish(
        WarehouseTables(
            frames={
                "documents": documents_frame(extracted_documents),
                "source_tables": tables_frame(extracted_documents),
                "cells": table_cells,
                "rendition_status": document_status,
            }
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
