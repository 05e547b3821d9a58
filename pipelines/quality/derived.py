"""Datasets the data-quality suites validate, derived from cells and observations.

Reports contain real errors: totals that do not add up, pass rates that do not follow from the
counts printed beside them, figures that differ between two places. Each function here lays one
kind of claim next to what the document's own numbers imply, with the rounding the document
printed, so a Great Expectations suite can judge it. Nothing is corrected or dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import pandas as pd

from pipelines.model.units import vocabulary
from pipelines.model.values import normalize
from pipelines.model.vocabulary import CHANGE_WORDS, RATE_WORDS, is_total_label

# columns of rates or changes are never summed
_NOT_SUMMED = (*RATE_WORDS, *CHANGE_WORDS, "%")
# the count a pass rate is taken over ("抽检数", "受检批次"), not one kind of sampling ("专项抽样")
_SAMPLED = re.compile(
    r"^(?:(抽检|受检|抽查|抽样|检验|检测|监测)(数|批次|批次数|件数|数量)?|总批次)"
)
_PASSED = re.compile(r"^合格(数|批次|批次数|件数)$")
_FAILED = re.compile(r"^不合格(数|批次|批次数|件数)?")
_PASS_RATE = re.compile(r"合格率")

ARITHMETIC_COLUMNS = [
    "check",
    "document_id",
    "table_number",
    "row_path",
    "col_path",
    "found",
    "expected",
    "tolerance",
    "excess",
    "message",
]


def decimals(raw: str) -> int:
    """Decimal places printed in the first number of ``raw`` (``98.07%`` → 2)."""
    match = re.search(r"\d+(?:,\d{3})*(?:\.(\d+))?", normalize(raw))
    return len(match.group(1)) if match and match.group(1) else 0


def half_unit(raw: str) -> float:
    return 0.5 * 10 ** -decimals(raw)


def _rounding(cell: object) -> float:
    """How far a printed value may be from the exact one: counts printed whole are exact."""
    raw = str(cell.raw_text)  # type: ignore[attr-defined]
    unit = cell.unit if isinstance(cell.unit, str) else None  # type: ignore[attr-defined]
    info = vocabulary().lookup(unit)
    if decimals(raw) == 0 and (unit is None or (info and info.dimension == "count")):
        return 0.0
    return half_unit(raw)


def _label(path: object) -> str:
    return " / ".join(path) if isinstance(path, (list, tuple)) else str(path)


def _row(check: str, cell: object, found: float, expected: float, tol: float, msg: str) -> dict:
    return {
        "check": check,
        "document_id": cell.document_id,  # type: ignore[attr-defined]
        "table_number": cell.table_number,  # type: ignore[attr-defined]
        "row_path": _label(cell.row_path),  # type: ignore[attr-defined]
        "col_path": _label(cell.col_path),  # type: ignore[attr-defined]
        "found": found,
        "expected": round(expected, 6),
        "tolerance": round(tol, 6),
        "excess": round(abs(found - expected) - tol, 6),
        "message": msg,
    }


def _numeric(cells: pd.DataFrame) -> pd.DataFrame:
    return cells[cells["value"].notna() & cells["raw_text"].str.contains(r"\d", regex=True)]


def _total_row(group: list, path_of: Callable[[object], tuple], what: str) -> dict | None:
    """The one total in ``group`` against the sum of its parts, or None if there is none."""
    totals_ = [c for c in group if path_of(c) and is_total_label(path_of(c)[-1])]
    parts = [
        c
        for c in group
        if path_of(c)
        and not is_total_label(path_of(c)[-1])
        and not path_of(c)[-1].startswith("其中")  # a breakdown, already in its parent
        and not any(w in _label(c.col_path) for w in _NOT_SUMMED)
    ]
    if len(totals_) != 1 or len(parts) < 2 or any(c.unit == "%" for c in [*parts, *totals_]):
        return None
    total = totals_[0]
    expected = sum(float(c.value) for c in parts)
    tol = _rounding(total) + sum(_rounding(c) for c in parts) + 1e-9
    message = f"{len(parts)} {what} sum to {expected:g}"
    return _row("total_equals_sum_of_parts", total, float(total.value), expected, tol, message)


def totals(cells: pd.DataFrame) -> pd.DataFrame:
    """合计/总计/小计 rows and columns against the sum of the parts they total."""
    out: list[dict] = []
    numeric = _numeric(cells)
    for _key, table in numeric.groupby("table_key", sort=False):
        rows = list(table.itertuples(index=False))
        # a total row against the other rows of its column with the same parent path, and a
        # total column against the other columns of its header group in the same row
        by_col: dict[tuple, list] = defaultdict(list)
        by_row: dict[tuple, list] = defaultdict(list)
        for cell in rows:
            by_col[(tuple(cell.col_path), tuple(cell.row_path[:-1]))].append(cell)
            by_row[(tuple(cell.row_path), tuple(cell.col_path[:-1]))].append(cell)
        for group in by_col.values():
            out.append(_total_row(group, lambda c: tuple(c.row_path), "rows"))
        for group in by_row.values():
            out.append(_total_row(group, lambda c: tuple(c.col_path), "columns"))
    return pd.DataFrame([r for r in out if r], columns=ARITHMETIC_COLUMNS)


def pass_rates(cells: pd.DataFrame) -> pd.DataFrame:
    """A printed 合格率 against passed ÷ sampled × 100 from the same row."""
    out: list[dict] = []
    numeric = _numeric(cells)
    # one printed row: stacked header/value pairs share an empty row path but not a line
    printed_row = (
        numeric["line"].astype("string").fillna("")
        + ":"
        + numeric["page"].astype("string").fillna("")
    )
    for _key, row in numeric.groupby(
        [numeric["table_key"], numeric["row_path"].map(tuple), printed_row], sort=False
    ):
        by_label = {
            c.col_path[-1] if len(c.col_path) else "": c for c in row.itertuples(index=False)
        }
        rate = next((c for k, c in by_label.items() if _PASS_RATE.search(k)), None)
        sampled = next(
            (
                c
                for k, c in by_label.items()
                if _SAMPLED.search(k)
                and not _PASSED.search(k)
                and not _FAILED.search(k)
                and not _PASS_RATE.search(k)
            ),
            None,
        )
        passed = next((c for k, c in by_label.items() if _PASSED.search(k)), None)
        failed = next((c for k, c in by_label.items() if _FAILED.search(k)), None)
        if rate is None or sampled is None or float(sampled.value) == 0:
            continue
        total = float(sampled.value)
        if passed is not None:
            good = float(passed.value)
        elif failed is not None:
            good = total - float(failed.value)
        else:
            continue
        expected = good / total * 100
        tol = half_unit(rate.raw_text) + 1e-6
        out.append(
            _row(
                "pass_rate_matches_counts",
                rate,
                float(rate.value),
                expected,
                tol,
                f"{good:g} passed of {total:g} sampled",
            )
        )
    return pd.DataFrame(out, columns=ARITHMETIC_COLUMNS)


def shares(cells: pd.DataFrame) -> pd.DataFrame:
    """Shares (占比/构成) of one breakdown add up to 100."""
    out: list[dict] = []
    numeric = _numeric(cells)
    for (_key, col), group in numeric.groupby(
        [numeric["table_key"], numeric["col_path"].map(tuple)], sort=False
    ):
        label = _label(col)
        if not re.search(r"占比|构成|比重", label) or len(group) < 2:
            continue
        parts = [
            c
            for c in group.itertuples(index=False)
            if not (c.row_path and is_total_label(c.row_path[-1]))
        ]
        if len(parts) < 2 or any(c.unit != "%" for c in parts):
            continue
        if len({tuple(c.row_path) for c in parts}) < len(parts) or not all(
            c.row_path for c in parts
        ):
            continue  # not one breakdown: repeated or missing row labels
        if any(re.search(r"(19|20)\d\d", _label(c.row_path)) for c in parts):
            continue  # a time series of shares, not a breakdown
        expected = sum(float(c.value) for c in parts)
        tol = sum(half_unit(c.raw_text) for c in parts) + 1e-9
        out.append(
            _row(
                "shares_add_to_100",
                parts[-1],
                100.0,
                expected,
                tol,
                f"{len(parts)} shares add to {expected:g}",
            )
        )
    return pd.DataFrame(out, columns=ARITHMETIC_COLUMNS)


def yoy_changes(observations: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """A printed year-over-year change against (current − previous) ÷ previous."""
    out: list[dict] = []
    if observations.empty:
        return pd.DataFrame(columns=ARITHMETIC_COLUMNS)
    by_id = cells.set_index("cell_id")  # indexed once: looked up for every change below
    raw = by_id["raw_text"] if len(cells) else pd.Series(dtype=str)
    table_of = by_id["table_key"] if len(cells) else pd.Series(dtype=str)
    obs = observations[observations["source"] == "table"].copy()
    obs["table_key"] = obs["source_key"].map(table_of)
    obs["raw_text"] = obs["source_key"].map(raw)
    levels = obs[obs["measure_kind"].isin(["level", "rate"])]
    index = {
        (r.table_key, r.indicator_key, r.region, r.period): r
        for r in levels.itertuples(index=False)
    }
    for change in obs[(obs["measure_kind"] == "change") & obs["base_period"].notna()].itertuples(
        index=False
    ):
        current = index.get((change.table_key, change.indicator_key, change.region, change.period))
        previous = index.get(
            (change.table_key, change.indicator_key, change.region, change.base_period)
        )
        if current is None or previous is None or not isinstance(change.raw_text, str):
            continue
        if change.unit == "个百分点" or (change.unit != "%" and change.unit == current.unit):
            expected = float(current.value) - float(previous.value)
        elif change.unit == "%" and float(previous.value) != 0 and current.unit != "%":
            expected = (float(current.value) - float(previous.value)) / float(previous.value) * 100
        else:
            continue
        tol = half_unit(change.raw_text) + 1e-6
        if change.unit == "%" and current.unit != "%":
            # inputs are rounded too: bound the change their rounding can explain
            prev = abs(float(previous.value)) or 1
            tol += (
                100 * (half_unit(str(current.raw_text)) + half_unit(str(previous.raw_text))) / prev
            )
        cell = by_id.loc[change.source_key]
        out.append(
            {
                "check": "yoy_change_matches_values",
                "document_id": change.document_id,
                "table_number": cell["table_number"],
                "row_path": _label(cell["row_path"]),
                "col_path": _label(cell["col_path"]),
                "found": float(change.value),
                "expected": round(expected, 6),
                "tolerance": round(tol, 6),
                "excess": round(abs(float(change.value) - expected) - tol, 6),
                "message": f"{change.period} {float(current.value):g} vs "
                f"{change.base_period} {float(previous.value):g}",
            }
        )
    return pd.DataFrame(out, columns=ARITHMETIC_COLUMNS)


CROSS_SOURCE_COLUMNS = [
    "check",
    "indicator",
    "region",
    "period",
    "measure_kind",
    "first_document_id",
    "first_ref",
    "first_value",
    "first_raw",
    "second_document_id",
    "second_ref",
    "second_value",
    "second_raw",
    "agrees",
    "message",
]


def _printed(value: float, raw: object) -> str:
    return raw if isinstance(raw, str) and raw else f"{value:g}"


def agree_within_rounding(a: float, raw_a: str, b: float, raw_b: str) -> bool:
    """1234.56 and 1234.6 agree (the coarser printing); 45.4 and 46 do not."""
    places = min(decimals(raw_a), decimals(raw_b))
    return abs(round(a, places) - round(b, places)) < 10**-places / 2 + 1e-9


def cross_source(observations: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The same indicator × region × period stated in two places must agree within rounding."""
    if observations.empty:
        return pd.DataFrame(columns=CROSS_SOURCE_COLUMNS)
    raw = cells.set_index("cell_id")["raw_text"] if len(cells) else pd.Series(dtype=str)
    # Only registered indicators are conformed: two derived keys that happen to coincide
    # ("罚没款" of two different cases) are not the same fact. A sentence about one month
    # ("8月…完成169.06亿元") is not the year's figure.
    obs = observations[
        (observations["measure_kind"] != "target") & observations["indicator_code"].notna()
    ].copy()
    if "quote" in obs:
        monthly = obs["quote"].fillna("").str.contains(r"(?<![\d.])\d{1,2}\s*月(?!份?[以之]来)")
        obs = obs[~monthly]
    obs["indicator"] = obs["indicator_code"]
    obs["raw"] = obs["source_key"].map(raw)
    if "quote" in obs:
        obs["raw"] = obs["raw"].fillna(obs["quote"])
    out: list[dict] = []
    keys = ["indicator", "region", "period", "measure_kind", "canonical_unit"]
    for key, group in obs.groupby(keys, dropna=False, sort=False):
        if len(group) < 2:
            continue
        items = list(group.itertuples(index=False))
        first = items[0]
        for other in items[1:]:
            if other.source_key == first.source_key:
                continue
            a = float(first.canonical_value if pd.notna(first.canonical_value) else first.value)
            b = float(other.canonical_value if pd.notna(other.canonical_value) else other.value)
            scale = (a / float(first.value)) if float(first.value) else 1.0
            agrees = agree_within_rounding(
                a / scale,
                _printed(first.value, first.raw),
                b / scale,
                _printed(other.value, other.raw),
            )
            out.append(
                {
                    "check": "same_fact_agrees_across_sources",
                    "indicator": key[0],
                    "region": key[1],
                    "period": key[2],
                    "measure_kind": key[3],
                    "first_document_id": first.document_id,
                    "first_ref": first.source_key,
                    "first_value": float(first.value),
                    "first_raw": _printed(first.value, first.raw),
                    "second_document_id": other.document_id,
                    "second_ref": other.source_key,
                    "second_value": float(other.value),
                    "second_raw": _printed(other.value, other.raw),
                    "agrees": bool(agrees),
                    "message": f"{_printed(first.value, first.raw)} vs "
                    f"{_printed(other.value, other.raw)}",
                }
            )
    return pd.DataFrame(out, columns=CROSS_SOURCE_COLUMNS)


TABLE_STRUCTURE_COLUMNS = [
    "document_id",
    "table_number",
    "title",
    "cell_count",
    "listed_in_contents",
    "expected_number",
]


def table_structure(tables: pd.DataFrame, listed: dict[str, list[int]]) -> pd.DataFrame:
    """Captioned tables with their cell counts, contiguity and the document's own 目录 list."""
    rows: list[dict] = []
    captioned = tables[tables["table_number"].notna()] if len(tables) else tables
    for doc, group in captioned.groupby("document_id", sort=False) if len(captioned) else []:
        numbers = sorted(int(n) for n in group["table_number"])
        contents = set(listed.get(doc, []))
        expected = list(range(1, max(numbers) + 1))
        for n in sorted(set(expected) | contents | set(numbers)):
            found = group[group["table_number"] == n]
            rows.append(
                {
                    "document_id": doc,
                    "table_number": n,
                    "title": found["title"].iloc[0] if len(found) else None,
                    "cell_count": int(found["cell_count"].sum()) if len(found) else 0,
                    "listed_in_contents": (n in contents) if contents else None,
                    "expected_number": n in expected or n in contents,
                }
            )
    return pd.DataFrame(rows, columns=TABLE_STRUCTURE_COLUMNS)


def _with_issue_fields(frame: pd.DataFrame, **fields: object) -> pd.DataFrame:
    frame = frame.copy()
    for name, value in fields.items():
        frame[name] = value
    return frame


def validation_datasets(
    cells: pd.DataFrame,
    observations: pd.DataFrame,
    tables: pd.DataFrame,
    listed: dict[str, list[int]],
) -> dict[str, pd.DataFrame]:
    """Every dataset a suite in ``expectations/`` validates, by dataset name."""
    paths = cells["row_path"].map(_label) + " | " + cells["col_path"].map(_label)
    table_cells = _with_issue_fields(
        cells,
        location=paths,
        expected=None,
        found=cells["raw_text"],
        message=None,
        found_document_id=cells["document_id"],
        found_ref=cells["cell_id"],
    )

    obs = observations.copy()
    scaled = obs["canonical_value"].fillna(obs["value"])
    obs["is_whole"] = scaled.map(lambda v: abs(float(v) - round(float(v))) < 1e-6)
    obs = _with_issue_fields(
        obs,
        table_number=None,
        location=obs["indicator_key"],
        expected=None,
        found=obs["value"],
        found_document_id=obs["document_id"],
        found_ref=obs["source_key"],
        message=obs["indicator_key"] + " " + obs["period"].astype(str),
    )

    actuals = observations[
        observations["measure_kind"].isin(["level", "rate"])
        & observations["indicator_code"].notna()
    ]
    units = (
        actuals.assign(indicator=actuals["indicator_code"].fillna(actuals["indicator_key"]))
        .groupby("indicator")
        .agg(
            canonical_units=("canonical_unit", lambda s: s.fillna("(none)").nunique()),
            document_id=("document_id", "first"),
            found=("canonical_unit", lambda s: ", ".join(sorted(s.fillna("(none)").unique()))),
        )
        .reset_index()
        if len(actuals)
        else pd.DataFrame(columns=["indicator", "canonical_units", "document_id", "found"])
    )
    units = _with_issue_fields(
        units,
        table_number=None,
        location=units["indicator"],
        expected="one canonical unit",
        message="indicator stated in several canonical units",
    )

    structure = table_structure(tables, listed)
    structure = _with_issue_fields(
        structure,
        location=structure["title"].fillna("(no caption found)"),
        expected="captioned, with cells, numbered as the document's list of tables",
        found=structure["cell_count"],
        message="表" + structure["table_number"].astype(str),
    )

    arithmetic = pd.concat(
        [totals(cells), pass_rates(cells), shares(cells), yoy_changes(observations, cells)],
        ignore_index=True,
    )
    arithmetic["location"] = arithmetic["row_path"] + " | " + arithmetic["col_path"]

    cross = cross_source(observations, cells)
    cross = _with_issue_fields(
        cross,
        document_id=cross["first_document_id"],
        table_number=None,
        location=cross["indicator"] + " " + cross["region"] + " " + cross["period"].astype(str),
        expected=cross["first_raw"],
        found=cross["second_raw"],
        expected_document_id=cross["first_document_id"],
        expected_ref=cross["first_ref"],
        found_document_id=cross["second_document_id"],
        found_ref=cross["second_ref"],
    )
    return {
        "table_cells": table_cells,
        "observations": obs,
        "indicator_units": units,
        "table_structure": structure,
        "arithmetic": arithmetic,
        "cross_source": cross,
    }
