"""Extract layer: tables of every document, as typed cells with their label paths."""

import dagster as dg
import pandas as pd

from pipelines.extract.agreement import compare_renditions
from pipelines.extract.document import DocumentExtraction
from pipelines.extract.isolation import status_line
from pipelines.ingest.catalog import SourceDocument
from pipelines.load.frames import cells_frame, facts_frame, status_frame
from pipelines.resources import ExtractionCache


@dg.asset(group_name="extract", kinds={"python"}, deps=["document_extraction"])
def extracted_documents(
    context: dg.AssetExecutionContext,
    extraction_cache: ExtractionCache,
    source_documents: list[SourceDocument],
) -> list[DocumentExtraction]:
    """Tables and stated figures of each document, with the status of each of its renditions.

    Read from the extraction store that ``document_extraction`` fills, failures included:
    nothing is extracted here, so a document that failed (a time-out costs the whole limit) is
    not tried a second time. A document missing from the store fails this step, naming it, and
    the published warehouse stays as it was.
    """
    extractions = extraction_cache.store().read(source_documents)
    failed = [e for e in extractions if e.loaded_rendition is None]
    for extraction in failed:
        for status in extraction.statuses:
            context.log.warning(status_line(status))
    context.add_output_metadata(
        {
            "documents": len(extractions),
            "failed": dg.MetadataValue.json([e.document.document_id for e in failed]),
            "tables": sum(len(e.tables) for e in extractions),
            "tables_per_document": dg.MetadataValue.json(
                {e.document.document_id: len(e.tables) for e in extractions}
            ),
        }
    )
    return extractions


@dg.asset(group_name="extract", kinds={"pandas"})
def table_cells(
    context: dg.AssetExecutionContext, extracted_documents: list[DocumentExtraction]
) -> pd.DataFrame:
    """One row per data cell: row and column label paths, raw text, value, unit, provenance."""
    frame = cells_frame(extracted_documents)
    context.log.info(f"{len(frame)} data cells")
    per_document = frame.groupby("document_id").size().to_dict() if len(frame) else {}
    preview = frame.head(20).assign(
        row_path=lambda f: f["row_path"].map(" / ".join),
        col_path=lambda f: f["col_path"].map(" / ".join),
    )[["document_id", "table_number", "row_path", "col_path", "raw_text", "value", "unit"]]
    context.add_output_metadata(
        {
            "dagster/row_count": len(frame),
            "cells_per_document": dg.MetadataValue.json(
                {k: int(v) for k, v in per_document.items()}
            ),
            "preview": dg.MetadataValue.md(preview.to_markdown(index=False)),
        }
    )
    return frame


@dg.asset(group_name="extract", kinds={"pandas"})
def document_status(
    context: dg.AssetExecutionContext, extracted_documents: list[DocumentExtraction]
) -> pd.DataFrame:
    """Loaded / extracted / failed / skipped for every file of every document, with the error."""
    frame = status_frame(extracted_documents)
    context.add_output_metadata(
        {
            "dagster/row_count": len(frame),
            "failed": int((frame["status"] == "failed").sum()),
            "preview": dg.MetadataValue.md(
                frame.drop(columns=["warnings"]).to_markdown(index=False)
            ),
        }
    )
    return frame


@dg.asset(group_name="extract", kinds={"pandas"})
def text_facts(
    context: dg.AssetExecutionContext, extracted_documents: list[DocumentExtraction]
) -> pd.DataFrame:
    """Figures stated in prose: indicator, value, unit, kind, operator, subject, period, quote."""
    frame = facts_frame(extracted_documents)
    context.log.info(f"{len(frame)} figures stated in prose")
    context.add_output_metadata(
        {
            "dagster/row_count": len(frame),
            "facts_per_document": dg.MetadataValue.json(
                {k: int(v) for k, v in frame.groupby("document_id").size().items()}
            ),
            "preview": dg.MetadataValue.md(
                frame[["document_id", "indicator", "value", "unit", "kind", "quote"]]
                .head(20)
                .to_markdown(index=False)
            ),
        }
    )
    return frame


@dg.asset(group_name="extract", kinds={"pandas"})
def rendition_agreement(
    context: dg.AssetExecutionContext, extracted_documents: list[DocumentExtraction]
) -> pd.DataFrame:
    """Agreement of each document's other rendition with the loaded one, cell by cell."""
    comparisons = [c for e in extracted_documents for c in compare_renditions(e)]
    frame = pd.DataFrame(
        [
            {
                "document_id": c.document_id,
                "primary_rendition": c.primary,
                "other_rendition": c.other,
                "primary_cells": c.cells.primary_cells,
                "other_cells": c.cells.other_cells,
                "equal_cells": c.cells.equal_cells,
                "agreement": round(c.cells.agreement, 4),
            }
            for c in comparisons
        ],
        columns=[
            "document_id",
            "primary_rendition",
            "other_rendition",
            "primary_cells",
            "other_cells",
            "equal_cells",
            "agreement",
        ],
    )
    differing = [
        {
            "document_id": c.document_id,
            "only_in": side,
            "table": key[0],
            "row_path": " / ".join(key[1]),
            "col_path": " / ".join(key[2]),
            "raw_text": key[3],
        }
        for c in comparisons
        for side, keys in ((c.primary, c.cells.only_primary), (c.other, c.cells.only_other))
        for key in keys
    ]
    for c in comparisons:
        context.log.info(
            f"{c.document_id}: {c.other} agrees with {c.primary} on {c.cells.agreement:.1%} "
            f"of {c.cells.primary_cells} cells"
        )
    total = int(frame["primary_cells"].sum()) if len(frame) else 0
    context.add_output_metadata(
        {
            "agreement_overall": round(int(frame["equal_cells"].sum()) / total, 4)
            if total
            else 1.0,
            "summary": dg.MetadataValue.md(frame.to_markdown(index=False) if len(frame) else ""),
            "differing_cells": dg.MetadataValue.md(
                pd.DataFrame(differing).head(60).to_markdown(index=False) if differing else "none"
            ),
        }
    )
    return frame
