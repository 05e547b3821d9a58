"""Source layer: the documents to process, from the catalog and the sources folder."""

import dagster as dg

from pipelines.ingest.catalog import SourceDocument
from pipelines.resources import SourceFolder


@dg.asset(group_name="sources", kinds={"yaml", "python"})
def source_documents(
    context: dg.AssetExecutionContext, sources: SourceFolder
) -> list[SourceDocument]:
    """Every document in ``sources/`` (and ``sources/inbox/``), catalogued or inferred."""
    documents = sources.documents()
    for document in documents:
        for warning in document.warnings:
            context.log.warning(warning)
    lines = [
        "| document | kind | region | year | renditions | catalogued |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {d.document_id} | {d.kind} | {d.region or ''} | {d.data_year or ''} | "
        f"{', '.join(sorted(d.renditions))} | {d.catalogued} |"
        for d in documents
    ]
    context.log.info(f"{len(documents)} documents in {sources.path}")
    context.add_output_metadata(
        {"documents": len(documents), "preview": dg.MetadataValue.md("\n".join(lines))}
    )
    return documents
