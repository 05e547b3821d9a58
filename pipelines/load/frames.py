"""Flatten extraction results into the DataFrames the warehouse tables are loaded from."""

from __future__ import annotations

import pandas as pd

from pipelines.extract.document import DocumentExtraction

CELL_COLUMNS = [
    "cell_id",
    "table_key",
    "document_id",
    "table_number",
    "table_title",
    "row_path",
    "col_path",
    "raw_text",
    "value",
    "unit",
    "op",
    "extra",
    "is_change",
    "baseline",
    "source_department",
    "line",
    "page",
]
STATUS_COLUMNS = [
    "document_id",
    "rendition",
    "status",
    "error",
    "tables",
    "cells",
    "facts",
    "warnings",
]


def table_key(document_id: str, rendition: str, index: int) -> str:
    return f"{document_id}:{rendition}:{index}"


def documents_frame(extractions: list[DocumentExtraction]) -> pd.DataFrame:
    rows = []
    for ex in extractions:
        doc = ex.document
        rows.append(
            {
                "document_id": doc.document_id,
                "title": doc.title,
                "issuer": doc.issuer,
                "region": doc.region,
                "data_year": doc.data_year,
                "publication_date": doc.publication_date,
                "kind": doc.kind,
                "primary_rendition": doc.primary_rendition,
                "loaded_rendition": ex.loaded_rendition,
                "renditions": sorted(doc.renditions),
                "sha256": doc.sha256,
                "catalogued": doc.catalogued,
            }
        )
    return pd.DataFrame(rows)


def tables_frame(extractions: list[DocumentExtraction]) -> pd.DataFrame:
    rows = []
    for ex in extractions:
        for t in ex.tables:
            rows.append(
                {
                    "table_key": table_key(t.document_id, t.rendition, t.table_index),
                    "document_id": t.document_id,
                    "rendition": t.rendition,
                    "table_index": t.table_index,
                    "table_number": t.number,
                    "table_label": t.label,
                    "title": t.title,
                    "source_department": t.source_department,
                    "unit": t.unit,
                    "notes": list(t.notes),
                    "line_start": t.line_start,
                    "line_end": t.line_end,
                    "page_start": t.page_start,
                    "page_end": t.page_end,
                    "cell_count": len(t.cells),
                }
            )
    return pd.DataFrame(rows)


def cells_frame(extractions: list[DocumentExtraction]) -> pd.DataFrame:
    """One row per data cell of the loaded rendition of every document."""
    rows = []
    for ex in extractions:
        for t in ex.tables:
            key = table_key(t.document_id, t.rendition, t.table_index)
            for n, c in enumerate(t.cells, start=1):
                rows.append(
                    {
                        "cell_id": f"{key}:{n}",
                        "table_key": key,
                        "document_id": t.document_id,
                        "table_number": t.number,
                        "table_title": t.title,
                        "row_path": list(c.row_path),
                        "col_path": list(c.col_path),
                        "raw_text": c.raw_text,
                        "value": c.value,
                        "unit": c.unit,
                        "op": c.op,
                        "extra": c.extra,
                        "is_change": c.is_change,
                        "baseline": c.baseline,
                        "source_department": t.source_department,
                        "line": c.line,
                        "page": c.page,
                    }
                )
    frame = pd.DataFrame(rows, columns=CELL_COLUMNS)
    return frame.astype({"table_number": "Int64", "line": "Int64", "page": "Int64"})


def status_frame(extractions: list[DocumentExtraction]) -> pd.DataFrame:
    rows = [
        {
            "document_id": s.document_id,
            "rendition": s.rendition,
            "status": s.status,
            "error": s.error,
            "tables": s.tables,
            "cells": s.cells,
            "facts": s.facts,
            "warnings": list(s.warnings),
        }
        for ex in extractions
        for s in ex.statuses
    ]
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


FACT_COLUMNS = [
    "fact_id",
    "document_id",
    "rendition",
    "indicator",
    "value",
    "unit",
    "kind",
    "operator",
    "upper",
    "subject",
    "period",
    "month",
    "is_change",
    "quote",
    "line",
    "page",
]


def facts_frame(extractions: list[DocumentExtraction]) -> pd.DataFrame:
    """One row per figure stated in the prose of the loaded rendition of every document."""
    rows = [
        {
            "fact_id": f"{ex.document.document_id}:{ex.loaded_rendition}:fact:{n}",
            "document_id": f.document_id,
            "rendition": ex.loaded_rendition,
            "indicator": f.indicator,
            "value": f.value,
            "unit": f.unit,
            "kind": f.kind,
            "operator": f.operator,
            "upper": f.upper,
            "subject": f.subject,
            "period": f.period,
            "month": f.month,
            "is_change": f.is_change,
            "quote": f.quote,
            "line": f.line,
            "page": f.page,
        }
        for ex in extractions
        for n, f in enumerate(ex.text_facts, start=1)
    ]
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS)
    return frame.astype(
        {"period": "Int64", "month": "Int64", "is_change": bool, "line": "Int64", "page": "Int64"}
    )
