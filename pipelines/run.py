"""``make run``: materialize the default job in-process and print a per-document summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.assets.documents import sync_document_partitions
from pipelines.definitions import defs, document_extraction_job, quality_warehouse_job
from pipelines.partition_range import partition_range_tags
from pipelines.report.resource import ReportFolder
from pipelines.resources import DuckDBWarehouse, SourceFolder

# Progress lines only; the full event stream stays in the run's event log (make ui).
RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def summary(path: str) -> str:
    """Per-document table of what was loaded, read back from the published warehouse."""
    with duckdb.connect(path, read_only=True) as con:
        rows = con.execute(
            """
            SELECT s.document_id, s.rendition, s.status, s.tables, s.cells,
                   len(coalesce(r.warnings, [])) AS warnings, coalesce(s.error, '') AS error
            FROM document_status s
            JOIN rendition_status r USING (document_id, rendition)
            ORDER BY s.document_id, s.rendition
            """
        ).fetchall()
    header = (
        f"{'document':<28} {'rendition':<9} {'status':<9} {'tables':>6} {'cells':>6} {'warn':>4}"
    )
    lines = [header, "-" * len(header)]
    for doc, rendition, status, tables, cells, warnings, error in rows:
        line = f"{doc:<28} {rendition:<9} {status:<9} {tables:>6} {cells:>6} {warnings:>4}"
        lines.append(f"{line}  {error}" if error else line)
    return "\n".join(lines)


def quality_summary(path: str) -> str:
    """Data-quality findings by check, from the published warehouse."""
    with duckdb.connect(path, read_only=True) as con:
        rows = con.execute(
            'SELECT severity, "check", count(*) FROM data_quality_issues '
            "GROUP BY ALL ORDER BY severity, count(*) DESC"
        ).fetchall()
    if not rows:
        return "data quality: every check passed"
    lines = ["data quality (details: SELECT * FROM data_quality_issues):"]
    lines += [f"  {severity:<8} {check:<34} {count:>4}" for severity, check, count in rows]
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    print("quality warehouse: materializing", quality_warehouse_job.name, flush=True)
    sources = defs.resources["sources"]
    assert isinstance(sources, SourceFolder)
    with dg.DagsterInstance.get() as instance:
        documents = sources.documents()
        sync_document_partitions(instance, documents)
        results = []
        keys = instance.get_dynamic_partitions("documents")
        if keys:
            # every document partition in one run (the asset's backfill policy is single-run)
            extraction = defs.resolve_job_def(document_extraction_job.name)
            results.append(
                extraction.execute_in_process(
                    instance=instance,
                    run_config=RUN_CONFIG,
                    raise_on_error=False,
                    tags=partition_range_tags(keys),
                )
            )
        if all(r.success for r in results):
            job = defs.resolve_job_def(quality_warehouse_job.name)
            results.append(
                job.execute_in_process(
                    instance=instance, run_config=RUN_CONFIG, raise_on_error=False
                )
            )
    result = results[-1]
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                error = event.event_specific_data.error
                while error.cause is not None:
                    error = error.cause  # the user code's own exception, not Dagster's wrapper
                print(f"FAILED {event.step_key}: {error.message.strip()}")
        return 1
    warehouse_path = defs.resources["warehouse"]
    assert isinstance(warehouse_path, DuckDBWarehouse)
    print()
    print(summary(warehouse_path.path))
    print()
    print(quality_summary(warehouse_path.path))
    print()
    print(f"warehouse: {warehouse_path.path}")
    report_folder = defs.resources["report_folder"]
    assert isinstance(report_folder, ReportFolder)
    print(f"report:    {Path(report_folder.path) / 'index.html'}")
    print(f"done in {time.perf_counter() - started:.1f} s (run {result.run_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
