"""Skip documents whose content has not changed since they were last extracted.

A document is re-extracted only when one of its files changes (sha256) or when the extraction
code itself changes (a hash over the modules that decide what a cell is). Anything else reuses
the stored result, so adding one report to a folder of hundreds costs one extraction. Failures
(time-out, memory limit, crash, unreadable file) are stored the same way: a document that took
the whole time limit to fail does not take it again until its files or the code change.

The store is also the hand-off between the partitioned ``document_extraction`` asset, which
writes it, and ``extracted_documents``, which only reads it.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pipelines
from pipelines.extract.document import DocumentExtraction
from pipelines.ingest.catalog import SourceDocument
from pipelines.paths import REGIONS_FILE, UNITS_FILE

_CODE_DIRS = ("extract", "ingest", "model")
_DATA_FILES = (UNITS_FILE, REGIONS_FILE)  # what a cell's unit and a fact's region are


@cache
def code_version() -> str:
    """Hash of the extraction code and the tables it reads: a change to a parser, a unit or a
    region invalidates every cached result."""
    root = Path(pipelines.__file__).parent
    digest = hashlib.sha256()
    files = [p for folder in _CODE_DIRS for p in sorted((root / folder).glob("*.py"))]
    for path in [*files, *_DATA_FILES]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ExtractionStore:
    directory: Path

    def _path(self, document: SourceDocument) -> Path:
        name = f"{document.document_id}-{document.fingerprint}-{code_version()}.pkl"
        return self.directory / name

    def get(self, document: SourceDocument) -> DocumentExtraction | None:
        path = self._path(document)
        if not path.exists():
            return None
        try:
            tables, statuses, listed, facts, alternates = pickle.loads(path.read_bytes())
        except Exception:  # a damaged cache entry is a miss, not a failure
            return None
        return DocumentExtraction(document, tables, statuses, listed, facts, alternates)

    def put(self, extraction: DocumentExtraction) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        document = extraction.document
        for stale in self.directory.glob(f"{document.document_id}-*.pkl"):
            stale.unlink(missing_ok=True)
        payload = (
            extraction.tables,
            extraction.statuses,
            extraction.listed_table_numbers,
            extraction.text_facts,
            extraction.alternate_tables,
        )
        scratch = self._path(document).with_suffix(".tmp")
        scratch.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        scratch.replace(self._path(document))

    def read(self, documents: list[SourceDocument]) -> list[DocumentExtraction]:
        """The stored extraction of each document, in order; never extracts anything.

        Raises ``NotExtracted`` when a document has no entry for its current files and code
        (its partition was not extracted since it or the code changed): loading without it
        would retire its facts from the warehouse, and extracting it here would pay twice.
        """
        stored = [(d, self.get(d)) for d in documents]
        missing = [d.document_id for d, extraction in stored if extraction is None]
        if missing:
            raise NotExtracted(missing)
        return [extraction for _, extraction in stored if extraction is not None]


class NotExtracted(LookupError):
    """Documents the store holds nothing for, in their current form."""

    def __init__(self, document_ids: list[str]) -> None:
        self.document_ids = document_ids
        shown = ", ".join(document_ids[:10]) + (" …" if len(document_ids) > 10 else "")
        super().__init__(
            f"{len(document_ids)} document(s) not extracted in their current form ({shown}): "
            "run document_extraction_job for them first (make run does both)"
        )
