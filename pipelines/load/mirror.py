"""Publish the built warehouse to another engine, named by a URL.

The warehouse is always built and validated in a local DuckDB file. A team that serves BI from
MotherDuck or Postgres sets a URL (``md:quality``, ``postgresql+psycopg2://…``, any SQLAlchemy
URL) and every table and reporting view is copied there after each publish, with no code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import sqlalchemy as sa

from pipelines.load.warehouse import PUBLIC_VIEWS


@dataclass(frozen=True)
class MirrorResult:
    url: str
    relations: dict[str, int]


def _redacted(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a SQLAlchemy URL (md:…)
        return url.split("?")[0]


def _portable(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists become JSON text: most engines have no array type."""
    frame = frame.copy()
    sequence = (list, tuple, np.ndarray)  # DuckDB hands list columns over as arrays
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, sequence)).any():
            frame[column] = frame[column].map(
                lambda v: (
                    json.dumps([str(x) for x in v], ensure_ascii=False)
                    if isinstance(v, sequence)
                    else v
                )
            )
    return frame


def mirror(database: Path, url: str) -> MirrorResult:
    """Copy every table and public view of ``database`` to the engine at ``url``.

    Views become tables on the target: their SQL is DuckDB's, not every engine's.
    """
    with duckdb.connect(str(database), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        if url.startswith("md:"):
            return _mirror_motherduck(con, url, tables)
        frames = {name: con.execute(f'SELECT * FROM "{name}"').df() for name in tables}
        frames |= {name: con.execute(f'SELECT * FROM "{name}"').df() for name in PUBLIC_VIEWS}
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:  # one transaction: readers see all or nothing
            for name, frame in frames.items():
                _portable(frame).to_sql(name, connection, if_exists="replace", index=False)
    finally:
        engine.dispose()
    return MirrorResult(_redacted(url), {name: len(frame) for name, frame in frames.items()})


def _mirror_motherduck(con: duckdb.DuckDBPyConnection, url: str, tables: list[str]) -> MirrorResult:
    """MotherDuck speaks DuckDB: attach it and copy tables and views as they are."""
    con.execute(f"ATTACH '{url}' AS target")
    counts = {}
    for name in [*tables, *PUBLIC_VIEWS]:
        con.execute(f'CREATE OR REPLACE TABLE target."{name}" AS SELECT * FROM "{name}"')
        counts[name] = con.execute(f'SELECT count(*) FROM target."{name}"').fetchone()[0]  # type: ignore[index]
    return MirrorResult(url.split("?")[0], counts)
