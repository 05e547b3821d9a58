"""Build the DuckDB warehouse in a scratch file and publish it by atomic rename.

DuckDB allows one read-write process or many readers. Building a fresh file and renaming it
over ``warehouse/quality.duckdb`` means a reader never sees a half-built warehouse and never
blocks a load: a reader that opened the old file keeps its snapshot.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.paths import SCHEMA_SQL, VIEWS_SQL


@dataclass(frozen=True)
class WarehouseTables:
    """DataFrames to load, by warehouse table name."""

    frames: dict[str, pd.DataFrame]


@dataclass(frozen=True)
class PublishedWarehouse:
    path: Path
    row_counts: dict[str, int]
    size_bytes: int


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    selected = frame[[c for c in columns if c in frame.columns]]
    con.register("incoming", selected)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")


# The public views of warehouse/views.sql (stable names and columns): exported to Parquet here
# and copied to another engine by mirror.py.
PUBLIC_VIEWS = (
    "table_cells",
    "document_status",
    "text_facts",
    "observations",
    "v_indicator_timeseries",
    "v_latest_actuals",
    "v_target_scorecard",
)


def export_parquet(database: Path, directory: Path) -> dict[str, Path]:
    """The public views as Parquet files, for tools that prefer files to a database."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for view in PUBLIC_VIEWS:
            target = directory / f"{view}.parquet"
            scratch = directory / f".{view}.parquet.tmp"
            con.execute(f"COPY (SELECT * FROM {view}) TO '{scratch}' (FORMAT parquet)")
            scratch.replace(target)
            written[view] = target
    return written


def build_and_publish(
    target: Path, tables: WarehouseTables, export_dir: Path | None = None
) -> PublishedWarehouse:
    """Write every table into a scratch database, checkpoint it, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        con = duckdb.connect(str(scratch))
        try:
            con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            for table, frame in tables.frames.items():
                _insert(con, table, frame)
            con.execute(VIEWS_SQL.read_text(encoding="utf-8"))
            relations = [
                row[0]
                for row in con.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "ORDER BY table_type, table_name"
                ).fetchall()
            ]
            counts = {
                name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[index]
                for name in relations
            }
            con.execute("CHECKPOINT")
        finally:
            con.close()
        scratch.replace(target)  # atomic rename on POSIX
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
    if export_dir is not None:
        export_parquet(target, export_dir)
    return PublishedWarehouse(target, counts, target.stat().st_size)
