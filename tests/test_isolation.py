"""A pathological document fails alone, with a clear error; the others still extract."""

import os
import time
from pathlib import Path

from pipelines.extract.document import FAILED, LOADED, extract_document
from pipelines.extract.isolation import Limits, extract_isolated
from pipelines.ingest.catalog import SourceDocument, discover_documents


def _hog_memory(document: SourceDocument):
    if document.document_id == "bomb":
        blocks = [bytearray(50 * 1024 * 1024) for _ in range(100)]  # 5 GB, over the limit
        return blocks  # pragma: no cover
    return extract_document(document)


def _hang(document: SourceDocument):
    if document.document_id.endswith("slow"):
        time.sleep(60)
    return extract_document(document)


def _crash(document: SourceDocument):
    if document.document_id == "crash":
        os._exit(3)
    return extract_document(document)


def _folder(tmp_path: Path, *names: str) -> list[SourceDocument]:
    for name in names:
        (tmp_path / f"{name}.txt").write_text("表 1：抽检\n类别\t合格率\n生产\t98%\n", "utf-8")
    return discover_documents(tmp_path)


def _statuses(results) -> dict[str, str]:
    return {r.document.document_id: r.statuses[0] for r in results}


def test_memory_limit_fails_only_that_document(tmp_path: Path) -> None:
    documents = _folder(tmp_path, "bomb", "fine")
    statuses = _statuses(extract_isolated(documents, Limits(memory_mb=512), _hog_memory))
    assert statuses["fine"].status == LOADED
    assert statuses["bomb"].status == FAILED
    assert (
        "bomb.txt" in statuses["bomb"].error and "memory limit of 512 MB" in statuses["bomb"].error
    )


def test_time_limit_kills_the_worker(tmp_path: Path) -> None:
    documents = _folder(tmp_path, "slow", "fine")
    started = time.monotonic()
    statuses = _statuses(extract_isolated(documents, Limits(timeout_s=2), _hang))
    assert time.monotonic() - started < 30
    assert statuses["fine"].status == LOADED
    assert "time limit of 2 s" in statuses["slow"].error


def test_a_crashing_worker_is_reported(tmp_path: Path) -> None:
    documents = _folder(tmp_path, "crash", "fine")
    statuses = _statuses(extract_isolated(documents, Limits(), _crash))
    assert statuses["fine"].status == LOADED
    assert "worker process died (exit code 3)" in statuses["crash"].error


def test_huge_single_line_text_export(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_bytes(("数据" * 4_000_000 + "\t1\n").encode("utf-8"))  # ~24 MB
    (tmp_path / "fine.txt").write_text("表 1：抽检\n类别\t合格率\n生产\t98%\n", "utf-8")
    results = list(extract_isolated(discover_documents(tmp_path), Limits(timeout_s=60)))
    statuses = _statuses(results)
    assert statuses["fine"].status == LOADED
    assert statuses["huge"].status in (LOADED, FAILED)  # bounded either way: no hang, no crash
    if statuses["huge"].status == FAILED:
        assert "huge.txt" in statuses["huge"].error


def test_two_workers_run_at_once(tmp_path: Path) -> None:
    documents = _folder(tmp_path, "aslow", "fine", "other")  # the slow one starts first
    started = time.monotonic()
    results = list(extract_isolated(documents, Limits(timeout_s=1.5, workers=2), _hang))
    # the two quick documents finish while the slow one runs in the other worker
    assert {r.document.document_id for r in results[:2]} == {"fine", "other"}
    assert time.monotonic() - started < 20
