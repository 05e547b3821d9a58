"""Extract one document: every rendition it has, with a status for each.

A bad file (undecodable, unsupported, missing) fails its own rendition with a message naming
the file and the reason; it never stops the other documents. Facts are loaded once per document,
from the primary rendition when it could be extracted, else from another one.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.extract.pdf_layout import read_document
from pipelines.extract.pdf_prose import figures_read_as_text, pdf_prose
from pipelines.extract.pdf_tables import extract_pdf_tables
from pipelines.extract.prose_facts import (
    Paragraph,
    TextFact,
    extract_text_facts,
    paragraphs_from_pdf,
    paragraphs_from_text_export,
)
from pipelines.extract.tables import ExtractedTable
from pipelines.extract.text_tables import extract_text_tables
from pipelines.ingest.catalog import SourceDocument
from pipelines.ingest.decode import SourceError, read_text

LOADED, FAILED, SKIPPED, EXTRACTED = "loaded", "failed", "skipped", "extracted"


@dataclass
class RenditionStatus:
    document_id: str
    rendition: str
    status: str  # loaded | extracted (not the loaded one) | failed | skipped
    error: str | None = None
    tables: int = 0
    cells: int = 0
    warnings: list[str] = field(default_factory=list)
    facts: int = 0  # figures stated in the prose (of the loaded rendition)


@dataclass
class DocumentExtraction:
    document: SourceDocument
    tables: list[ExtractedTable]  # from the rendition whose facts are loaded
    statuses: list[RenditionStatus]
    listed_table_numbers: list[int] = field(default_factory=list)
    text_facts: list[TextFact] = field(default_factory=list)  # figures stated in the prose
    # tables of the other renditions that could be extracted, to compare with the loaded one
    alternate_tables: dict[str, list[ExtractedTable]] = field(default_factory=dict)

    @property
    def loaded_rendition(self) -> str | None:
        return next((s.rendition for s in self.statuses if s.status == LOADED), None)


@dataclass
class RenditionResult:
    """What one rendition gives: its tables, the 目录's table numbers, warnings and prose."""

    tables: list[ExtractedTable]
    listed: list[int]
    warnings: list[str]
    paragraphs: list[Paragraph] = field(default_factory=list)


def _extract_text(document: SourceDocument) -> RenditionResult:
    text = read_text(document.renditions["text"].path)
    result = extract_text_tables(document.document_id, text)
    return RenditionResult(
        result.tables, result.listed_numbers, result.warnings, paragraphs_from_text_export(text)
    )


def read_pdf(path: Path, document_id: str, pages: set[int] | None = None) -> RenditionResult:
    """A PDF's tables and prose (of the chosen 1-based ``pages``), the page layout read once."""
    pdf = read_document(path, pages)
    result = extract_pdf_tables(document_id, pdf)
    prose = pdf_prose(pdf)
    warnings = [*result.warnings, *figures_read_as_text(prose)]
    return RenditionResult(
        result.tables, result.listed_numbers, warnings, paragraphs_from_pdf(prose)
    )


def _extract_pdf(document: SourceDocument) -> RenditionResult:
    return read_pdf(document.renditions["pdf"].path, document.document_id)


EXTRACTORS = {"text": _extract_text, "pdf": _extract_pdf}


def failed_extraction(document: SourceDocument, reason: str) -> DocumentExtraction:
    """Every rendition of ``document`` failed for ``reason``, each naming its file."""
    statuses = [
        RenditionStatus(
            document.document_id,
            name,
            FAILED,
            f"{rendition.path.name}: {reason}",
        )
        for name, rendition in sorted(document.renditions.items())
    ] or [RenditionStatus(document.document_id, "file", FAILED, reason)]
    return DocumentExtraction(document, [], statuses)


def extract_document(document: SourceDocument) -> DocumentExtraction:
    statuses: dict[str, RenditionStatus] = {}
    results: dict[str, RenditionResult] = {}
    doc_id = document.document_id
    for name in sorted(set(document.renditions) | set(document.errors)):
        if name in document.errors:
            statuses[name] = RenditionStatus(doc_id, name, FAILED, document.errors[name])
            continue
        extractor = EXTRACTORS.get(name)
        if extractor is None:
            reason = f"no extractor for rendition '{name}'"
            statuses[name] = RenditionStatus(doc_id, name, SKIPPED, reason)
            continue
        try:
            result = extractor(document)
        except SourceError as exc:
            statuses[name] = RenditionStatus(doc_id, name, FAILED, str(exc))
            continue
        except Exception as exc:
            path = document.renditions[name].path.name
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            statuses[name] = RenditionStatus(doc_id, name, FAILED, f"{path}: {detail}")
            continue
        results[name] = result
        warnings = list(result.warnings)
        for table in result.tables:
            warnings.extend(f"表{table.number or table.title}: {w}" for w in table.warnings)
        statuses[name] = RenditionStatus(
            doc_id,
            name,
            EXTRACTED,
            tables=len(result.tables),
            cells=sum(len(t.cells) for t in result.tables),
            warnings=warnings,
        )
    chosen = document.primary_rendition if document.primary_rendition in results else None
    chosen = chosen or next(iter(sorted(results)), None)
    if chosen is None:
        return DocumentExtraction(document, [], list(statuses.values()))
    statuses[chosen].status = LOADED
    result = results[chosen]
    facts = extract_text_facts(
        document.document_id,
        result.paragraphs,
        document.region,
        document.data_year,
        document.kind,
    )
    statuses[chosen].facts = len(facts)
    alternates = {name: r.tables for name, r in results.items() if name != chosen}
    return DocumentExtraction(
        document, result.tables, list(statuses.values()), result.listed, facts, alternates
    )
