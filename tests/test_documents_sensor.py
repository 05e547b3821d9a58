"""The sources sensor: new files become partitions and runs, removed files retire their facts."""

from pathlib import Path

import dagster as dg

from pipelines.assets.documents import (
    document_extraction,
    documents_partitions,
    sync_document_partitions,
)
from pipelines.definitions import defs
from pipelines.ingest.catalog import discover_documents
from pipelines.resources import SourceFolder

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


def test_sensor_registers_changes_and_retires_removed_files(tmp_path: Path) -> None:
    sensor = defs.get_sensor_def("sources_sensor")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "a.txt").write_text(TABLE, "utf-8")
    (tmp_path / "inbox" / "b.txt").write_text(TABLE, "utf-8")
    with dg.instance_for_test() as instance:
        result, _ = _tick(sensor, instance, tmp_path, None)
        _apply(instance, result)
        assert sorted(r.partition_key for r in result.run_requests) == ["a", "b"]
        assert {r.job_name for r in result.run_requests} == {"document_extraction_job"}
        assert sorted(instance.get_dynamic_partitions("documents")) == ["a", "b"]

        again, _ = _tick(sensor, instance, tmp_path, result.cursor)
        assert not again.run_requests and again.skip_reason is not None

        (tmp_path / "a.txt").write_text(TABLE + "流通\t97%\n", "utf-8")  # changed
        (tmp_path / "inbox" / "b.txt").unlink()  # removed
        changed, _ = _tick(sensor, instance, tmp_path, result.cursor)
        _apply(instance, changed)
        by_job = {r.job_name: r for r in changed.run_requests}
        assert by_job["document_extraction_job"].partition_key == "a"
        assert "quality_warehouse_job" in by_job  # rebuild without b: its facts are retired
        assert instance.get_dynamic_partitions("documents") == ["a"]


def test_extraction_job_runs_all_partitions_in_one_run(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("x", "y"):
        (sources / f"{name}.txt").write_text(TABLE, "utf-8")
    documents = discover_documents(sources)
    with dg.instance_for_test() as instance:
        sync_document_partitions(instance, documents)
        keys = instance.get_dynamic_partitions(documents_partitions.name)
        job = defs.resolve_job_def("document_extraction_job")
        from pipelines.resources import ExtractionCache

        result = dg.materialize(
            [document_extraction],
            instance=instance,
            resources={
                "sources": SourceFolder(path=str(sources)),
                "extraction_cache": ExtractionCache(path=str(tmp_path / "cache")),
                "extraction_limits": defs.resources["extraction_limits"],
            },
            tags={
                "dagster/asset_partition_range_start": keys[0],
                "dagster/asset_partition_range_end": keys[-1],
            },
        )
        assert result.success and job.name == "document_extraction_job"
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
    from pipelines.resources import ExtractionCache

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
