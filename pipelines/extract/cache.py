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
from pipelines.extract.document import DocumentExtraction, failed_extraction
from pipelines.ingest.catalog import SourceDocument

_CODE_DIRS = ("extract", "ingest", "model")

NOT_EXTRACTED = (
    "not in the extraction store for its current files and code: "
    "run document_extraction for this document"
)


@cache
def code_version() -> str:
    """Hash of the extraction code: a change to a parser invalidates every cached result."""
    root = Path(pipelines.__file__).parent
    digest = hashlib.sha256()
    for folder in _CODE_DIRS:
        for path in sorted((root / folder).glob("*.py")):
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

        A document with no entry for its current files and code (its partition was not
        extracted since it changed) fails with ``NOT_EXTRACTED``, so it shows in
        ``document_status`` instead of being extracted a second time here.
        """
        return [self.get(d) or failed_extraction(d, NOT_EXTRACTED) for d in documents]
