"""Shape extraction results and observations into the star schema's tables.

Surrogate keys are hashes of natural keys (document id, indicator code, region name, …): the
same document, indicator or region gets the same key in every run and from every document, so
keys are conformed across the warehouse and a rebuild is idempotent.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from pipelines.extract.document import DocumentExtraction
from pipelines.load.frames import documents_frame, tables_frame
from pipelines.load.warehouse import WarehouseTables
from pipelines.model.indicators import NEUTRAL, IndicatorRegistry
from pipelines.model.regions import CITY, DISTRICT, document_region, region_book
from pipelines.model.units import vocabulary


def surrogate(*parts: object) -> int:
    """Stable 63-bit key for a natural key."""
    digest = hashlib.md5("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << 63) - 1)


def _keyed(values: pd.Series, kind: str) -> pd.Series:
    # build the integer array directly: going through float (NaN) would round 63-bit keys
    keys = [None if pd.isna(v) else surrogate(kind, v) for v in values]
    return pd.Series(pd.array(keys, dtype="Int64"), index=values.index)


def dim_indicator(registry: IndicatorRegistry, observations: pd.DataFrame) -> pd.DataFrame:
    rows = [
        {
            "indicator_code": i.code,
            "name": i.name,
            "domain": i.domain,
            "canonical_unit": vocabulary().lookup(i.unit).canonical
            if vocabulary().lookup(i.unit)
            else i.unit,
            "direction": i.direction,
            "definition": i.definition,
            "registered": True,
        }
        for i in registry.indicators
    ]
    if len(observations):
        unregistered = observations.loc[observations["indicator_code"].isna(), "indicator_key"]
        for key in sorted(set(unregistered)):
            rows.append(
                {
                    "indicator_code": key,
                    "name": key,
                    "domain": None,
                    "canonical_unit": None,
                    "direction": NEUTRAL,
                    "definition": None,
                    "registered": False,
                }
            )
    frame = pd.DataFrame(rows)
    frame.insert(0, "indicator_key", _keyed(frame["indicator_code"], "indicator"))
    return frame


def dim_region(observations: pd.DataFrame, document_regions: list[str | None]) -> pd.DataFrame:
    book = region_book()
    regions: dict[str, tuple[str, str | None]] = {book.city: (CITY, None)}
    for name in document_regions:
        region = document_region(name)
        regions[region.name] = (region.level, region.parent)
    if len(observations):
        for name, level, parent in (
            observations[["region", "region_level", "parent_region"]]
            .drop_duplicates()
            .itertuples(index=False)
        ):
            regions.setdefault(name, (level, None if pd.isna(parent) else parent))
    for _name, (_level, parent) in list(regions.items()):
        if parent and parent not in regions:
            regions[parent] = (DISTRICT, book.city)
    frame = pd.DataFrame(
        [{"name": n, "level": lv, "parent": p} for n, (lv, p) in sorted(regions.items())]
    )
    frame.insert(0, "region_key", _keyed(frame["name"], "region"))
    frame["parent_region_key"] = _keyed(frame["parent"], "region")
    return frame.drop(columns=["parent"])


def dim_period(observations: pd.DataFrame) -> pd.DataFrame:
    columns = ["period", "grain", "year"]
    frame = (
        observations[["period", "period_grain", "year"]]
        .drop_duplicates("period")
        .rename(columns={"period_grain": "grain"})
        if len(observations)
        else pd.DataFrame(columns=columns)
    )
    frame = frame.sort_values("period").reset_index(drop=True)
    frame.insert(0, "period_key", _keyed(frame["period"], "period"))
    return frame


def dim_unit(observations: pd.DataFrame) -> pd.DataFrame:
    units = sorted(set(observations["unit"].dropna())) if len(observations) else []
    rows = []
    for unit in units:
        info = vocabulary().lookup(unit)
        rows.append(
            {
                "unit": unit,
                "dimension": info.dimension if info else None,
                "canonical_unit": info.canonical if info else None,
                "factor": info.factor if info else None,
            }
        )
    frame = pd.DataFrame(rows, columns=["unit", "dimension", "canonical_unit", "factor"])
    frame.insert(0, "unit_key", _keyed(frame["unit"], "unit"))
    return frame


def fact_observation(observations: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    if observations.empty:
        return pd.DataFrame()
    frame = observations.copy()
    frame["indicator_code"] = frame["indicator_code"].fillna(frame["indicator_key"])
    cell_info = cells.set_index("cell_id")[["table_key", "row_path", "col_path"]]
    joined = frame.join(cell_info, on="source_key")
    return pd.DataFrame(
        {
            "observation_key": _keyed(joined["observation_id"], "observation"),
            "observation_id": joined["observation_id"],
            "document_key": _keyed(joined["document_id"], "document"),
            "source_table_key": _keyed(joined["table_key"], "table"),
            "indicator_key": _keyed(joined["indicator_code"], "indicator"),
            "region_key": _keyed(joined["region"], "region"),
            "period_key": _keyed(joined["period"], "period"),
            "unit_key": _keyed(joined["unit"], "unit"),
            "source": joined["source"],
            "source_ref": joined["source_key"],
            "indicator_derived": joined["indicator_key"],
            "measure_kind": joined["measure_kind"],
            "operator": joined["operator"],
            "value": joined["value"],
            "canonical_value": joined["canonical_value"],
            "base_period": joined["base_period"],
            "baseline": joined["baseline"],
            "row_path": joined["row_path"],
            "col_path": joined["col_path"],
            "quote": joined.get("quote"),
            "line": joined["line"],
            "page": joined["page"],
        }
    )


def fact_target(observations: pd.DataFrame) -> pd.DataFrame:
    if observations.empty:
        return pd.DataFrame()
    targets = observations[observations["measure_kind"] == "target"].copy()
    targets["indicator_code"] = targets["indicator_code"].fillna(targets["indicator_key"])
    # a plan states a target in its table and again in its text: keep one, the table's
    targets = targets.sort_values("source", key=lambda s: s != "table", kind="stable")
    targets = targets.drop_duplicates(
        ["document_id", "indicator_code", "region", "year", "operator", "value"]
    )
    return pd.DataFrame(
        {
            "target_key": _keyed(targets["observation_id"], "target"),
            "observation_key": _keyed(targets["observation_id"], "observation"),
            "document_key": _keyed(targets["document_id"], "document"),
            "indicator_key": _keyed(targets["indicator_code"], "indicator"),
            "region_key": _keyed(targets["region"], "region"),
            "target_year": targets["year"],
            "target_kind": [
                "change" if op == "change_vs_baseline" or isinstance(base, str) else "level"
                for op, base in zip(targets["operator"], targets["base_period"], strict=True)
            ],
            "operator": targets["operator"],
            "target_value": targets["value"],
            "unit_key": _keyed(targets["unit"], "unit"),
            "canonical_target": targets["canonical_value"],
            "baseline": targets["baseline"],
        }
    )


def withhold_blocked(
    cells: pd.DataFrame, status: pd.DataFrame, observations: pd.DataFrame, issues: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Keep the facts of documents that failed a blocking check out of the warehouse.

    The other documents still load; the blocked ones are marked failed in the status with the
    checks that stopped them, and their issues stay in ``data_quality_issues``.
    """
    blocking = issues[issues["severity"] == "blocking"] if len(issues) else issues
    if blocking.empty:
        return cells, status, observations
    unattributed = blocking[blocking["document_id"].isna()]
    if len(unattributed):
        raise ValueError(
            "blocking data-quality checks failed for the whole dataset: "
            + ", ".join(sorted(set(unattributed["check"])))
        )
    reasons = blocking.groupby("document_id")["check"].agg(lambda s: ", ".join(sorted(set(s))))
    status = status.copy()
    loaded = status["document_id"].isin(reasons.index) & (status["status"] == "loaded")
    status.loc[loaded, "error"] = "blocked by data-quality checks: " + status.loc[
        loaded, "document_id"
    ].map(reasons)
    status.loc[loaded, "status"] = "failed"
    keep_cells = ~cells["document_id"].isin(reasons.index)
    keep_obs = ~observations["document_id"].isin(reasons.index) if len(observations) else []
    return cells[keep_cells], status, observations[keep_obs] if len(observations) else observations


def loaded_documents(status: pd.DataFrame) -> set[str]:
    """Documents with a loaded rendition (after blocking checks withheld some)."""
    return set(status.loc[status["status"] == "loaded", "document_id"]) if len(status) else set()


def warehouse_tables(
    extractions: list[DocumentExtraction],
    cells: pd.DataFrame,
    status: pd.DataFrame,
    observations: pd.DataFrame,
    registry: IndicatorRegistry,
    issues: pd.DataFrame | None = None,
    facts: pd.DataFrame | None = None,
    agreement: pd.DataFrame | None = None,
) -> WarehouseTables:
    """Every warehouse table as a DataFrame, keyed and ready to insert."""
    if issues is not None:
        cells, status, observations = withhold_blocked(cells, status, observations, issues)
    if facts is not None and len(facts):
        facts = facts[facts["document_id"].isin(loaded_documents(status))]
    documents = documents_frame(extractions)
    documents.insert(0, "document_key", _keyed(documents["document_id"], "document"))
    tables = tables_frame(extractions).rename(columns={"table_key": "table_id"})
    departments = pd.DataFrame(
        {"name": sorted(set(tables["source_department"].dropna()) if len(tables) else [])}
    )
    departments.insert(0, "department_key", _keyed(departments["name"], "department"))
    if len(tables):
        tables.insert(0, "source_table_key", _keyed(tables["table_id"], "table"))
        tables["document_key"] = _keyed(tables["document_id"], "document")
        tables["department_key"] = _keyed(tables["source_department"], "department")
    source_cells = cells.assign(source_table_key=_keyed(cells["table_key"], "table"))
    return WarehouseTables(
        frames={
            "dim_document": documents,
            "dim_department": departments,
            "dim_source_table": tables,
            "dim_indicator": dim_indicator(registry, observations),
            "dim_region": dim_region(observations, [e.document.region for e in extractions]),
            "dim_period": dim_period(observations),
            "dim_unit": dim_unit(observations),
            "fact_observation": fact_observation(observations, cells),
            "fact_target": fact_target(observations),
            "source_cells": source_cells,
            "rendition_status": status,
            "data_quality_issues": issues if issues is not None else pd.DataFrame(),
            "source_facts": facts if facts is not None else pd.DataFrame(),
            "rendition_agreement": agreement if agreement is not None else pd.DataFrame(),
        }
    )
