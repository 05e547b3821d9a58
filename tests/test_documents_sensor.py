"""The sources sensor: new files become partitions and one run, removed files retire their facts."""

import json
from pathlib import Path

import dagster as dg
import pytest

from pipelines.assets.documents import (
    document_extraction,
    documents_partitions,
    sync_document_partitions,
)
from pipelines.definitions import defs
from pipelines.ingest.catalog import discover_documents
from pipelines.partition_range import RANGE_END_TAG, RANGE_START_TAG, partition_range_tags
from pipelines.resources import ExtractionCache, SourceFolder

TABLE = "表 1：2023年闵行区抽检\n类别\t合格率\n生产\t98%\n"


def _tick(sensor: dg.SensorDefinition, instance: dg.DagsterInstance, folder: Path, cursor):
    context = dg.build_sensor_context(
        instance=instance,
        cursor=cursor,
        resources={"sources": SourceFolder(path=str(folder))},
        definitions=defs,
    )
    return sensor(context), context


def _apply(instance: dg.DagsterInstance, result: dg.SensorResult) -> None:
    for request in result.dynamic_partitions_requests or []:
        if isinstance(request, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(
                request.partitions_def_name, list(request.partition_keys)
            )
        else:
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)


def _partitions_of(request: dg.RunRequest, instance: dg.DagsterInstance) -> list[str]:
    """The document partitions a run request covers, resolved the way Dagster resolves them."""
    assert request.partition_key is None and request.partition_key_range is not None
    with dg.partition_loading_context(dynamic_partitions_store=instance):
        return list(documents_partitions.get_partition_keys_in_range(request.partition_key_range))


def _extract(instance: dg.DagsterInstance, folder: Path, cache: Path, tags: dict[str, str]):
    return dg.materialize(
        [document_extraction],
        instance=instance,
        resources={
            "sources": SourceFolder(path=str(folder)),
            "extraction_cache": ExtractionCache(path=str(cache)),
            "extraction_limits": defs.resources["extraction_limits"],
        },
        tags=tags,
    )


def test_partition_range_tags_span_the_wanted_keys_in_partition_order() -> None:
    keys = ["c", "a", "d", "b"]  # dynamic partitions keep the order they were added in
    assert partition_range_tags(keys) == {RANGE_START_TAG: "c", RANGE_END_TAG: "b"}
    assert partition_range_tags(keys, {"a", "b"}) == {RANGE_START_TAG: "a", RANGE_END_TAG: "b"}
    assert partition_range_tags(keys, ["d"]) == {RANGE_START_TAG: "d", RANGE_END_TAG: "d"}
    with pytest.raises(ValueError, match="'e'"):
        partition_range_tags(keys, {"a", "e"})
    with pytest.raises(ValueError, match="at least one"):
        partition_range_tags(keys, set())


def test_new_files_are_extracted_in_one_run_and_removed_files_retired(tmp_path: Path) -> None:
    sensor = defs.get_sensor_def("sources_sensor")
    (tmp_path / "inbox").mkdir()
    for name in ("a.txt", "c.txt", "inbox/b.txt"):
        (tmp_path / name).write_text(TABLE, "utf-8")
    with dg.instance_for_test() as instance:
        result, _ = _tick(sensor, instance, tmp_path, None)
        _apply(instance, result)
        (request,) = result.run_requests  # three new files, one run: one warehouse rebuild
        assert request.job_name == "document_extraction_job"
        assert _partitions_of(request, instance) == ["a", "b", "c"]
        assert instance.get_dynamic_partitions("documents") == ["a", "b", "c"]

        again, _ = _tick(sensor, instance, tmp_path, result.cursor)
        assert not again.run_requests and again.skip_reason is not None

        (tmp_path / "a.txt").write_text(TABLE + "流通\t97%\n", "utf-8")  # changed
        (tmp_path / "d.txt").write_text(TABLE, "utf-8")  # new
        (tmp_path / "inbox" / "b.txt").unlink()  # removed
        changed, _ = _tick(sensor, instance, tmp_path, result.cursor)
        _apply(instance, changed)
        # one extraction run; the rebuild after it is also the one that retires b's facts
        (request,) = changed.run_requests
        assert request.job_name == "document_extraction_job"
        assert _partitions_of(request, instance) == ["a", "c", "d"]
        assert instance.get_dynamic_partitions("documents") == ["a", "c", "d"]

        (tmp_path / "c.txt").unlink()  # only removed: nothing to extract, the warehouse rebuilds
        removed, _ = _tick(sensor, instance, tmp_path, changed.cursor)
        _apply(instance, removed)
        (request,) = removed.run_requests
        assert request.job_name == "quality_warehouse_job"
        assert instance.get_dynamic_partitions("documents") == ["a", "d"]


def test_a_span_over_unchanged_documents_reuses_their_extraction(tmp_path: Path) -> None:
    sensor = defs.get_sensor_def("sources_sensor")
    sources, cache = tmp_path / "sources", tmp_path / "cache"
    sources.mkdir()
    for name in ("a", "b", "c"):
        (sources / f"{name}.txt").write_text(TABLE, "utf-8")
    with dg.instance_for_test() as instance:
        first, _ = _tick(sensor, instance, sources, None)
        _apply(instance, first)
        (request,) = first.run_requests
        assert _extract(instance, sources, cache, request.tags).success

        for name in ("a", "c"):  # not contiguous: b, between them, is unchanged
            (sources / f"{name}.txt").write_text(TABLE + "流通\t97%\n", "utf-8")
        second, _ = _tick(sensor, instance, sources, first.cursor)
        (request,) = second.run_requests
        assert _partitions_of(request, instance) == ["a", "b", "c"]
        run = _extract(instance, sources, cache, request.tags)
    materializations = run.asset_materializations_for_node("document_extraction")
    assert sorted(m.partition for m in materializations) == ["a", "b", "c"]
    # one step for the whole range, its counts on every partition: b was not parsed again
    counts = {
        (m.metadata["extracted"].value, m.metadata["unchanged"].value) for m in materializations
    }
    assert counts == {(2, 1)}
    assert len(list(cache.glob("b-*.pkl"))) == 1


def test_extraction_job_runs_all_partitions_in_one_run(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("x", "y"):
        (sources / f"{name}.txt").write_text(TABLE, "utf-8")
    documents = discover_documents(sources)
    with dg.instance_for_test() as instance:
        sync_document_partitions(instance, documents)
        keys = instance.get_dynamic_partitions(documents_partitions.name)
        result = _extract(instance, sources, tmp_path / "cache", partition_range_tags(keys))
        assert result.success
        materialized = {
            m.partition for m in result.asset_materializations_for_node("document_extraction")
        }
        assert materialized == {"x", "y"}
        assert len(list((tmp_path / "cache").glob("*.pkl"))) == 2
        sync_document_partitions(instance, documents[:1])
        assert instance.get_dynamic_partitions(documents_partitions.name) == ["x"]


def test_warehouse_steps_never_extract_a_missing_document(tmp_path: Path) -> None:
    from pipelines.assets.extraction import extracted_documents
    from pipelines.assets.sources import source_documents

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "x.txt").write_text(TABLE, "utf-8")
    cache = tmp_path / "cache"
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [source_documents, extracted_documents],
            instance=instance,
            resources={
                "sources": SourceFolder(path=str(sources)),
                "extraction_cache": ExtractionCache(path=str(cache)),
            },
            raise_on_error=False,
        )
    assert not result.success  # fails, naming the document, instead of publishing without it
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert "(x): run document_extraction_job" in str(failure.event_specific_data.error)
    assert not list(cache.glob("*.pkl"))  # and nothing was extracted


def test_a_file_changed_back_and_forth_is_extracted_every_time(tmp_path: Path) -> None:
    """Dagster skips a run key it has seen; the same fingerprints coming back must not."""
    sensor = defs.get_sensor_def("sources_sensor")
    versions = [TABLE, TABLE + "流通\t97%\n"]
    keys = []
    with dg.instance_for_test() as instance:
        cursor = None
        for text in versions * 2:  # A → B → A → B
            (tmp_path / "a.txt").write_text(text, "utf-8")
            result, _ = _tick(sensor, instance, tmp_path, cursor)
            _apply(instance, result)
            (request,) = result.run_requests
            keys.append(request.run_key)
            cursor = result.cursor
        (tmp_path / "a.txt").unlink()  # removed, restored, removed again
        for restore in (False, True, False):
            if restore:
                (tmp_path / "a.txt").write_text(TABLE, "utf-8")
            elif (tmp_path / "a.txt").exists():
                (tmp_path / "a.txt").unlink()
            result, _ = _tick(sensor, instance, tmp_path, cursor)
            _apply(instance, result)
            (request,) = result.run_requests
            keys.append(request.run_key)
            cursor = result.cursor
    assert len(keys) == 7 and len(set(keys)) == 7


def test_a_cursor_from_before_the_tick_count_still_reads(tmp_path: Path) -> None:
    sensor = defs.get_sensor_def("sources_sensor")
    (tmp_path / "a.txt").write_text(TABLE, "utf-8")
    with dg.instance_for_test() as instance:
        first, _ = _tick(sensor, instance, tmp_path, None)
        _apply(instance, first)
        old_style = json.dumps(json.loads(first.cursor)["documents"])
        again, _ = _tick(sensor, instance, tmp_path, old_style)
        # an old map holding a document named "documents" is still a map
        named = json.dumps({"documents": "f" * 16, **json.loads(old_style)})
        (tmp_path / "documents.txt").write_text(TABLE, "utf-8")
        renamed, _ = _tick(sensor, instance, tmp_path, named)
    assert not again.run_requests and again.skip_reason is not None
    assert [r.job_name for r in renamed.run_requests] == ["document_extraction_job"]
