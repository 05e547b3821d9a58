"""Extract each document in its own worker process, with a time and a memory limit.

A hostile or pathological file (thousands of pages, deeply nested objects, a decompression bomb,
a 50 MB single-line text) must fail that document with a clear error while the rest completes.
A worker process can be killed when it overruns and cannot exhaust the pipeline's memory; two of
them at a time keep both cores busy.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection

from pipelines.extract.cache import ExtractionStore
from pipelines.extract.document import (
    DocumentExtraction,
    RenditionStatus,
    extract_document,
    failed_extraction,
)
from pipelines.ingest.catalog import SourceDocument


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 300.0
    memory_mb: int = 3072
    workers: int = 2


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker(
    extract: Callable[[SourceDocument], DocumentExtraction],
    document: SourceDocument,
    memory_mb: int,
    conn: Connection,
) -> None:
    try:
        _limit_memory(memory_mb)
        conn.send(("ok", extract(document)))
    except MemoryError:
        conn.send(("error", f"exceeded the memory limit of {memory_mb} MB"))
    except BaseException as exc:  # a worker reports every failure, it never dies silently
        conn.send(("error", traceback.format_exception_only(type(exc), exc)[-1].strip()))
    finally:
        conn.close()


def _death(code: int | None) -> str:
    reason = f"worker process died (exit code {code})"
    if code is not None and code < 0:
        reason += f", killed by signal {-code} (likely out of memory)"
    return reason


@dataclass
class _Running:
    document: SourceDocument
    process: mp.process.BaseProcess
    conn: Connection
    started: float


def extract_isolated(
    documents: Iterable[SourceDocument],
    limits: Limits = Limits(),
    extract: Callable[[SourceDocument], DocumentExtraction] = extract_document,
) -> Iterator[DocumentExtraction]:
    """Extract documents in worker processes, yielding results as they finish."""
    context = mp.get_context("fork")  # workers inherit the loaded parsers: no import cost
    pending = list(documents)
    running: list[_Running] = []
    while pending or running:
        while pending and len(running) < max(1, limits.workers):
            document = pending.pop(0)
            parent, child = context.Pipe(duplex=False)
            process = context.Process(
                target=_worker, args=(extract, document, limits.memory_mb, child), daemon=True
            )
            process.start()
            child.close()
            running.append(_Running(document, process, parent, time.monotonic()))
        for job in list(running):
            result: DocumentExtraction | None = None
            if job.conn.poll(0.05):
                try:
                    kind, payload = job.conn.recv()
                except EOFError:  # the worker closed the pipe without a word: it died
                    job.process.join(timeout=5)
                    kind, payload = "error", _death(job.process.exitcode)
                result = payload if kind == "ok" else failed_extraction(job.document, payload)
            elif not job.process.is_alive():
                result = failed_extraction(job.document, _death(job.process.exitcode))
            elif time.monotonic() - job.started > limits.timeout_s:
                job.process.kill()
                result = failed_extraction(
                    job.document, f"extraction exceeded the time limit of {limits.timeout_s:g} s"
                )
            if result is not None:
                job.process.join(timeout=5)
                job.conn.close()
                running.remove(job)
                yield result


def extract_or_reuse(
    documents: Iterable[SourceDocument],
    store: ExtractionStore,
    limits: Limits = Limits(),
    extract: Callable[[SourceDocument], DocumentExtraction] = extract_document,
) -> Iterator[tuple[DocumentExtraction, bool]]:
    """Each document's extraction, and whether it was reused from the store unchanged.

    Unchanged documents come first, straight from the store; the others are extracted in
    workers and stored, failures included: a document that timed out or crashed is not tried
    again until its files or the extraction code change.
    """
    missing = []
    for document in documents:
        cached = store.get(document)
        if cached is None:
            missing.append(document)
        else:
            yield cached, True
    for extraction in extract_isolated(missing, limits, extract):
        store.put(extraction)
        yield extraction, False


def status_line(status: RenditionStatus) -> str:
    detail = status.error or f"{status.tables} tables, {status.cells} cells"
    return f"{status.document_id} {status.rendition}: {status.status} ({detail})"
