"""One partition per document, extracted in runs over partition ranges; a sensor watches sources.

Each document in ``sources/`` (or ``sources/inbox/``) is a dynamic partition of
``document_extraction``; its result lands in the extraction store keyed by content, where the
unpartitioned ``extracted_documents`` picks it up. ``make run`` extracts every partition in one
run; in ``make ui`` the sensor registers new files, extracts the new and changed ones in one run,
refreshes the warehouse once, and retires the facts of removed files.
"""

import hashlib
import json
import warnings

import dagster as dg

from pipelines.extract.isolation import extract_or_reuse, status_line
from pipelines.ingest.catalog import SourceDocument
from pipelines.partition_range import partition_range_tags
from pipelines.resources import ExtractionCache, ExtractionLimits, SourceFolder

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

# single-run backfills are "beta" in dagster 1.13; the pinned version is tested here
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)


@dg.asset(
    group_name="extract",
    kinds={"python"},
    partitions_def=documents_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def document_extraction(
    context: dg.AssetExecutionContext,
    sources: SourceFolder,
    extraction_cache: ExtractionCache,
    extraction_limits: ExtractionLimits,
) -> dg.MaterializeResult:
    """The extraction of the documents in this run's partitions, kept in the extraction store."""
    wanted = set(context.partition_keys)
    documents = [d for d in sources.documents() if d.document_id in wanted]
    extracted, failed = 0, []
    store = extraction_cache.store()
    for extraction, unchanged in extract_or_reuse(documents, store, extraction_limits.limits()):
        if unchanged:
            continue
        extracted += 1
        if extraction.loaded_rendition is None:
            failed.append(extraction.document.document_id)
        for status in extraction.statuses:
            context.log.info(status_line(status))
    missing = sorted(wanted - {d.document_id for d in documents})
    return dg.MaterializeResult(
        metadata={
            "documents": len(documents),
            "extracted": extracted,
            "unchanged": len(documents) - extracted,
            "failed": dg.MetadataValue.json(failed),
            "no_longer_in_sources": dg.MetadataValue.json(missing),
        }
    )


def sync_document_partitions(instance: dg.DagsterInstance, documents: list[SourceDocument]) -> None:
    """Make the dynamic partitions exactly the documents in the sources folder."""
    current = {d.document_id for d in documents}
    known = set(instance.get_dynamic_partitions(documents_partitions.name))
    if current - known:
        instance.add_dynamic_partitions(documents_partitions.name, sorted(current - known))
    for stale in sorted(known - current):
        instance.delete_dynamic_partition(documents_partitions.name, stale)


# the jobs are the unresolved asset jobs of definitions.py (dagster does not export their type)
def sources_sensor_for(extraction_job, warehouse_job) -> dg.SensorDefinition:
    """The sensor that turns changes in the sources folder into exactly one warehouse rebuild.

    All documents new or changed since the last tick are extracted in ONE run over a partition
    range, so ``warehouse_after_extraction`` rebuilds the warehouse once per tick, not once per
    file. A range is contiguous in partition order (dynamic partitions are ordered by when they
    were added): new files are appended, so they are contiguous, but a changed older file makes
    the range span the unchanged documents added between them. That is accepted on purpose:
    ``document_extraction`` reads an unchanged document back from the content-keyed store instead
    of parsing it again, which costs far less than the extra warehouse rebuilds of one run per
    contiguous stretch. When files were only removed, one warehouse run retires their facts;
    when files were also added or changed, the rebuild after the extraction run does that too.
    """

    @dg.sensor(
        name="sources_sensor",
        jobs=[extraction_job, warehouse_job],
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=(
            "New or changed files in sources/ or sources/inbox/ → one extraction run over their "
            "partitions, then one warehouse rebuild."
        ),
    )
    def _sensor(context: dg.SensorEvaluationContext, sources: SourceFolder) -> dg.SensorResult:
        seen, tick = _read_cursor(context.cursor)
        documents = {d.document_id: d for d in sources.documents()}
        now = {doc_id: d.fingerprint for doc_id, d in documents.items()}
        changed = sorted(doc_id for doc_id, fp in now.items() if seen.get(doc_id) != fp)
        removed = sorted(set(seen) - set(now))
        if not changed and not removed:
            return dg.SensorResult(skip_reason="no new, changed or removed documents")
        known = context.instance.get_dynamic_partitions(documents_partitions.name)
        added = sorted(set(changed) - set(known))
        deleted = [k for k in removed if k in known]
        # the partition order once this result's partition requests are applied
        order = [k for k in known if k not in deleted] + added
        if changed:
            changes = json.dumps({doc_id: now[doc_id] for doc_id in changed}, sort_keys=True)
            request = dg.RunRequest(
                job_name=extraction_job.name,
                tags=partition_range_tags(order, changed),
                run_key=f"extract:{tick}:" + hashlib.sha256(changes.encode()).hexdigest(),
            )
        else:
            # nothing to extract: refresh the warehouse so the removed files' facts are retired
            request = dg.RunRequest(
                job_name=warehouse_job.name, run_key=f"removed:{tick}:" + ",".join(removed)
            )
        return dg.SensorResult(
            run_requests=[request],
            dynamic_partitions_requests=[
                documents_partitions.build_add_request(added),
                documents_partitions.build_delete_request(deleted),
            ],
            cursor=json.dumps({"tick": tick + 1, "documents": now}, sort_keys=True),
        )

    return _sensor


def _read_cursor(cursor: str | None) -> tuple[dict[str, str], int]:
    """Fingerprints seen so far and the number of ticks that requested a run.

    The tick count goes into every run key: Dagster skips a request whose key it has seen, and a
    file changed back and forth (or removed, restored and removed again) repeats its fingerprints.
    A cursor from before the count (a bare fingerprint map, whose values are strings) starts it
    at zero. Resetting the cursor in the UI starts it at zero too: the first tick's run key then
    repeats the very first run's if nothing changed since, and Dagster skips that one run.
    """
    if not cursor:
        return {}, 0
    state = json.loads(cursor)
    if isinstance(state.get("documents"), dict) and "tick" in state:
        return state["documents"], int(state["tick"])
    return state, 0


def refresh_after_extraction(extraction_job, warehouse_job) -> dg.SensorDefinition:
    @dg.run_status_sensor(
        name="warehouse_after_extraction",
        run_status=dg.DagsterRunStatus.SUCCESS,
        monitored_jobs=[extraction_job],
        request_job=warehouse_job,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Rebuild the warehouse and the report once an extraction run succeeds.",
    )
    def _refresh(context: dg.RunStatusSensorContext) -> dg.RunRequest:
        return dg.RunRequest(run_key=f"after:{context.dagster_run.run_id}")

    return _refresh
