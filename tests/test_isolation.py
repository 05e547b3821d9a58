"""A pathological document fails alone, with a clear error; the others still extract."""

import os
import time
from pathlib import Path

import pytest

from pipelines.extract.cache import ExtractionStore, NotExtracted
from pipelines.extract.document import FAILED, LOADED, extract_document
from pipelines.extract.isolation import Limits, extract_isolated, extract_or_reuse
from pipelines.ingest.catalog import SourceDocument, discover_documents
from pipelines.load.frames import status_frame


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


def _attempts(results) -> dict[str, bool]:
    """Which documents were extracted (True) rather than reused from the store (False)."""
    return {r.document.document_id: not unchanged for r, unchanged in results}


def test_a_failure_is_stored_and_tried_once_per_fingerprint(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    store = ExtractionStore(tmp_path / "cache")
    limits = Limits(timeout_s=1)
    first = list(extract_or_reuse(_folder(sources, "slow", "fine"), store, limits, _hang))
    assert _attempts(first) == {"slow": True, "fine": True}

    # the next run (and the downstream asset) reads the failure instead of paying the limit again
    documents = discover_documents(sources)
    started = time.monotonic()
    second = list(extract_or_reuse(documents, store, limits, _hang))
    assert time.monotonic() - started < 1
    assert _attempts(second) == {"slow": False, "fine": False}
    status = status_frame(store.read(documents)).set_index("document_id")
    assert status.loc["fine", "status"] == LOADED
    assert status.loc["slow", "status"] == FAILED
    assert "slow.txt" in status.loc["slow", "error"]
    assert "time limit of 1 s" in status.loc["slow", "error"]

    # a changed file is a new fingerprint: its failure is retried, the rest is reused
    (sources / "slow.txt").write_text("表 1：抽检\n类别\t合格率\n生产\t97%\n", "utf-8")
    third = list(extract_or_reuse(discover_documents(sources), store, limits, _hang))
    assert _attempts(third) == {"slow": True, "fine": False}


def test_a_crash_is_stored_too(tmp_path: Path) -> None:
    store = ExtractionStore(tmp_path / "cache")
    documents = _folder(tmp_path, "crash")
    list(extract_or_reuse(documents, store, Limits(), _crash))
    assert _attempts(extract_or_reuse(documents, store, Limits(), _crash)) == {"crash": False}
    (status,) = store.read(documents)[0].statuses
    assert "worker process died (exit code 3)" in status.error


def test_reading_the_store_never_extracts(tmp_path: Path) -> None:
    store = ExtractionStore(tmp_path / "cache")
    stored = _folder(tmp_path, "old")
    list(extract_or_reuse(stored, store, Limits()))
    documents = _folder(tmp_path, "new")  # both documents, "new" never extracted
    with pytest.raises(
        NotExtracted, match=r"1 document\(s\) .*\(new\): run document_extraction_job"
    ):
        store.read(documents)
    assert [e.document.document_id for e in store.read(stored)] == ["old"]


def test_a_changed_unit_or_region_table_invalidates_stored_extractions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.extract import cache

    units = tmp_path / "units.yaml"
    units.write_text("units: []\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_DATA_FILES", (units,))
    cache.code_version.cache_clear()
    before = cache.code_version()
    units.write_text("units: [{unit: 户次}]\n", encoding="utf-8")
    cache.code_version.cache_clear()
    try:
        assert cache.code_version() != before
    finally:
        cache.code_version.cache_clear()
