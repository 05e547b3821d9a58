"""Typed observations: one numeric fact of a named indicator, for a region and a period.

Cells are text with label paths; analysts need facts they can join across tables, documents and
years. This module turns every numeric cell (and each further quantity printed in the same cell)
into an observation with its indicator, region, period, measure kind, operator, printed value
and unit, and canonical value and unit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

from pipelines.ingest.catalog import SourceDocument
from pipelines.model.indicators import IndicatorRegistry, clean_label, derive_indicator_key
from pipelines.model.periods import CellPeriod, Period, period_in, resolve_period
from pipelines.model.regions import Region, document_region, resolve_region
from pipelines.model.units import vocabulary
from pipelines.model.values import is_year_label, normalize, parse_quantity
from pipelines.model.vocabulary import (
    CHANGE_VERBS,
    CHANGE_WORDS,
    RATE_WORDS,
    YEAR_ON_YEAR_WORDS,
    is_target_label,
)

LEVEL, RATE, CHANGE, TARGET, INDEX, RANK = "level", "rate", "change", "target", "index", "rank"
_INDEX_WORDS = ("以上年为100", "指数")
_RANK_WORDS = ("位次", "排名", "名次")
_COMPARISONS = (">=", "<=", ">", "<", "~", "range", "change_vs_baseline")


@dataclass(frozen=True)
class Observation:
    observation_id: str
    document_id: str
    source: str  # table | prose
    source_key: str  # cell_id or fact id
    indicator_key: str
    indicator_code: str | None
    indicator_name: str
    domain: str | None
    region: str
    region_level: str
    parent_region: str | None
    period: str
    period_grain: str
    year: int
    measure_kind: str
    operator: str | None
    value: float
    unit: str | None
    canonical_value: float | None
    canonical_unit: str | None
    unit_dimension: str | None
    base_period: str | None
    baseline: str | None
    line: int | None
    page: int | None
    quote: str | None = None


@dataclass(frozen=True)
class _Measure:
    kind: str
    base_period: str | None


def measure_kind(
    labels: str,  # "innermost row label|column labels"
    unit: str | None,
    op: str | None,
    is_target: bool,
    is_change: bool,
    period: Period,
) -> _Measure:
    """Classify a value: target, change (with its base), index, rank, rate or level."""
    if op == "change_vs_baseline":
        is_change = True
    # A change column ("同比 (%)", "增长%") holds changes only in change-like units: a level
    # printed under "2023 年（增幅）" (3900 亿元) stays a level; a rate row stays a rate.
    row_label, _, columns = labels.partition("|")
    worded = any(w in labels for w in CHANGE_WORDS) and unit in (None, "%", "‰", "个百分点")
    if worded and unit == "%" and any(w in row_label for w in RATE_WORDS):
        worded = any(w in columns for w in ("同比", "增长", "增减", "变化"))
    # a column that can only hold differences ("增减（件）", "±") holds them in any unit
    differences = bool(re.search(r"增减(?!挂钩)|±|\+/-", columns))
    changed = is_change or unit == "个百分点" or worded or differences
    yoy = is_change or any(w in labels for w in YEAR_ON_YEAR_WORDS)
    base = str(period.year - 1) if changed and yoy else None
    if is_target:
        return _Measure(TARGET, base)
    if changed:
        return _Measure(CHANGE, base)
    if any(w in labels for w in _INDEX_WORDS):
        # against the year before only when it says so (以上年为100, a price index); 质量竞争力
        # 指数, 满意度指数 are scores of their own year
        folded = normalize(labels)
        based = re.search(r"((?:19|20)\d\d)\s*年?\s*=\s*100", folded)
        chained = re.search(r"上年(?:同期)?\s*(?:=|为)\s*100|价格指数", folded)
        base_year = based.group(1) if based else str(period.year - 1) if chained else None
        return _Measure(INDEX, base_year)
    if any(w in labels for w in _RANK_WORDS):
        return _Measure(RANK, None)
    if unit in ("%", "‰"):
        return _Measure(RATE, None)
    return _Measure(LEVEL, None)


def _stated_baseline(quote: str, value: float) -> str | None:
    """The base a change in prose is measured against (…，较“十三五”下降12%), read from its
    较 to the end of its phrase as a table's cell is read, so that a change said in prose and
    one printed in a table against the same base compare. 比2020年 and 与2020年相比 name a base as
    较2020年 does (not 同比, 占比 or 比重)."""
    text = re.sub(rf"与([^，,；;。]{{1,12}}?)相比[，,]?(?={CHANGE_VERBS})", r"较\1", quote)
    text = re.sub(r"(?<![同环占])比(?=(?:19|20)\d\d|[“\"‘]|十[一二三四五]五)", "较", text)
    for match in re.finditer("较", text):
        phrase = re.split(r"[，,；;。：:]", text[match.start() :], maxsplit=1)[0]
        printed = parse_quantity(phrase)
        if printed and printed.baseline and abs((printed.value or 0.0) - value) < 1e-9:
            return printed.baseline
    return None


def _fact_period(year: int, fact: object) -> Period:
    """A monthly figure keeps its month (2022-08); the others are about the year."""
    month = getattr(fact, "month", None)
    if month is None or pd.isna(month):
        return Period.of_year(year)
    return Period(f"{year}-{int(month):02d}", "month", year)


def _text(value: object) -> str | None:
    """A DataFrame text field, with pandas' missing markers as None."""
    return value if isinstance(value, str) and value else None


def _flag(value: object) -> bool:
    """A DataFrame boolean field; a missing one (NaN, None, pd.NA) is False, not truthy NaN."""
    return bool(value) if pd.notna(value) else False  # type: ignore[arg-type]


def _is_year_attribute(value: float, unit: str | None) -> bool:
    """``创建年份 2014 年``: a date attribute of a list entry, not a measured value."""
    return unit == "年" and value.is_integer() and 1900 <= value <= 2100


def _split_pair(label: str) -> tuple[str, str] | None:
    """``生活垃圾末端处置量及无害化处理率`` names two measures, one per printed quantity."""
    if "及" not in label:
        return None
    first, _, second = label.rpartition("及")
    return (first, second) if first and second else None


def _canonical(value: float, unit: str | None) -> tuple[float | None, str | None, str | None]:
    info = vocabulary().lookup(unit)
    if info is None:
        return None, None, None
    return value * info.factor, info.canonical, info.dimension


class ObservationBuilder:
    """Builds observations for one document, resolving indicators through the registry."""

    def __init__(self, document: SourceDocument, registry: IndicatorRegistry) -> None:
        self.document = document
        self.registry = registry
        self.region = document_region(document.region)

    def _indicator(self, key: str) -> tuple[str | None, str, str | None]:
        indicator = self.registry.match(key)
        if indicator is None:
            return None, key, None
        return indicator.code, indicator.name, indicator.domain

    def build(
        self,
        *,
        observation_id: str,
        source: str,
        source_key: str,
        key: str,
        region: Region,
        cell_period: CellPeriod,
        labels: str,
        value: float,
        unit: str | None,
        op: str | None,
        is_change: bool,
        line: int | None,
        page: int | None,
        baseline: str | None = None,
        quote: str | None = None,
    ) -> Observation:
        period = cell_period.period
        # in a plan's table a bound (≥96%) is a target; prose facts carry their own kind
        is_target = cell_period.is_target or (
            source == "table"
            and op in _COMPARISONS
            and self.document.kind == "plan"
            and op != "range"
        )
        measure = measure_kind(labels, unit, op, is_target, is_change, period)
        code, name, domain = self._indicator(key)
        canonical_value, canonical_unit, dimension = _canonical(value, unit)
        return Observation(
            observation_id=observation_id,
            document_id=self.document.document_id,
            source=source,
            source_key=source_key,
            indicator_key=key,
            indicator_code=code,
            indicator_name=name,
            domain=domain,
            region=region.name,
            region_level=region.level,
            parent_region=region.parent,
            period=period.key,
            period_grain=period.grain,
            year=period.year,
            measure_kind=measure.kind,
            operator=op,
            value=value,
            unit=unit,
            canonical_value=canonical_value,
            canonical_unit=canonical_unit,
            unit_dimension=dimension,
            base_period=measure.base_period,
            baseline=baseline,
            line=line,
            page=page,
            quote=quote,
        )

    def from_fact(self, fact: object) -> Observation | None:
        """An observation of a figure stated in prose (a row of the ``text_facts`` frame)."""
        value = float(fact.value)  # type: ignore[attr-defined]
        unit = _text(fact.unit)  # type: ignore[attr-defined]
        year = fact.period if pd.notna(fact.period) else self.document.data_year  # type: ignore[attr-defined]
        if year is None:
            return None
        subject = _text(fact.subject)  # type: ignore[attr-defined]
        region = resolve_region((subject,), self.region)[0] if subject else self.region
        quote = _text(fact.quote) or ""  # type: ignore[attr-defined]
        kind = fact.kind  # type: ignore[attr-defined]
        is_change = kind == "change" or _flag(getattr(fact, "is_change", False))
        key = derive_indicator_key("", (str(fact.indicator),), (), self._regions(region))  # type: ignore[attr-defined]
        return self.build(
            observation_id=fact.fact_id,  # type: ignore[attr-defined]
            source="prose",
            source_key=fact.fact_id,  # type: ignore[attr-defined]
            key=key or str(fact.indicator),  # type: ignore[attr-defined]
            region=region,
            cell_period=CellPeriod(_fact_period(int(year), fact), kind == "target"),
            labels="|",
            value=value,
            unit=unit,
            op=_text(fact.operator),  # type: ignore[attr-defined]
            is_change=is_change,
            line=None if pd.isna(fact.line) else int(fact.line),  # type: ignore[attr-defined]
            page=None if pd.isna(fact.page) else int(fact.page),  # type: ignore[attr-defined]
            baseline=_stated_baseline(quote, value) if is_change else None,
            quote=quote,
        )

    def from_table(self, title: str, cells: pd.DataFrame) -> list[Observation]:
        """Observations of one table's numeric cells (``cells`` rows of ``table_cells``)."""
        latest = _latest_column_year(cells["col_path"])
        subjects = _change_column_subjects([tuple(p) for p in cells["col_path"]])
        target_title = is_target_label(title)
        data_year = self.document.data_year
        # a plan's table that runs from a year of its own to a later one (2021年 … 2024年)
        plan = self.document.kind == "plan" and bool(
            data_year
            and any(
                (period := period_in(label)) is not None and period.year <= data_year
                for path in cells["col_path"]
                for label in path
            )
        )
        out: list[Observation] = []
        for cell in cells.itertuples(index=False):
            if cell.value is None or pd.isna(cell.value):
                continue
            value = float(cell.value)
            if _is_year_attribute(value, _text(cell.unit)):
                continue
            row_path, col_path = tuple(cell.row_path), tuple(cell.col_path)
            region, row_rest = resolve_region(row_path, self.region)
            if region is self.region:
                region, col_rest = resolve_region(col_path, self.region)
            else:
                col_rest = col_path
            col_rest = subjects.get(col_rest, col_rest)
            cell_period = resolve_period(row_rest, col_rest, title, data_year, latest)
            if cell_period is None:
                continue
            # a plan's figures under the column of its end year (a five-year plan's 2025年, or
            # the table's last year: 2024年 in a 2022-2024 action plan) are targets, however its
            # table is titled; changes beside them (年均增长) and forecasts (2022年预测) are not
            year = cell_period.period.year
            later = data_year and year > data_year
            plan_end = (
                plan
                and (year % 5 == 0 or year == latest)
                and bool(col_path)
                and is_year_label(col_path[-1])
            )
            if later and (target_title or plan_end):
                cell_period = CellPeriod(cell_period.period, True)
            # row labels | column labels: what says how the value is measured (not the title)
            labels = " ".join(row_path[-1:]) + "|" + " ".join(col_path)
            op, unit, extras = _text(cell.op), _text(cell.unit), _text(cell.extra)
            key = derive_indicator_key(title, row_rest, col_rest, self._regions(region))
            pair = _split_pair(row_rest[-1]) if row_rest else None
            main_key = (
                derive_indicator_key(title, (*row_rest[:-1], pair[0]), col_rest)
                if pair and extras
                else key
            )
            common = {
                "source": "table",
                "source_key": cell.cell_id,
                "region": region,
                "cell_period": cell_period,
                "line": None if pd.isna(cell.line) else int(cell.line),
                "page": None if pd.isna(cell.page) else int(cell.page),
            }
            out.append(
                self.build(
                    observation_id=cell.cell_id,
                    key=main_key,
                    labels=labels,
                    value=value,
                    unit=unit,
                    op=op,
                    is_change=_flag(cell.is_change),
                    baseline=_text(cell.baseline),
                    **common,
                )
            )
            for n, extra in enumerate(json.loads(extras) if extras else [], start=2):
                if extra.get("value") is None:
                    continue
                extra_key, extra_labels, extra_change = key, labels, False
                if pair:
                    extra_key = derive_indicator_key(title, (*row_rest[:-1], pair[1]), col_rest)
                    extra_labels = pair[1] + "|" + " ".join(col_path)
                elif extra.get("unit") in ("%", "个百分点"):
                    extra_change = True  # "3900（14.1%）" under 2023 年（增幅）
                out.append(
                    self.build(
                        observation_id=f"{cell.cell_id}#{n}",
                        key=extra_key,
                        labels=extra_labels,
                        value=float(extra["value"]),
                        unit=extra.get("unit"),
                        op=extra.get("op"),
                        is_change=extra_change,
                        **common,
                    )
                )
        return out

    def _regions(self, region: Region) -> frozenset[str]:
        names = {self.region.name, region.name}
        return frozenset(n for n in names if n)


def _change_column_subjects(
    col_paths: list[tuple[str, ...]],
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """A change column that names no subject ("同比 (%)") is about the column on its left.

    In ``园区 | 规模以上工业总产值 (亿元) | 同比 (%)`` the change belongs to the output column, so
    both columns must derive the same indicator key.
    """
    ordered = list(dict.fromkeys(col_paths))
    subjects: dict[tuple[str, ...], tuple[str, ...]] = {}
    for i, path in enumerate(ordered):
        text = " ".join(path)
        if not path or any(clean_label(label) for label in path):
            continue
        if not any(w in text for w in CHANGE_WORDS):
            continue
        for previous in reversed(ordered[:i]):
            if any(clean_label(label) for label in previous) and not period_in(" ".join(previous)):
                subjects[path] = (*previous, *path)
                break
    return subjects


def _latest_column_year(col_paths: Iterable[object]) -> int | None:
    years = [
        period.year
        for path in col_paths
        for label in path  # type: ignore[attr-defined]
        if (period := period_in(label)) is not None
    ]
    return max(years) if years else None


OBSERVATION_COLUMNS = [f for f in Observation.__dataclass_fields__]


def observations_from_cells(
    cells: pd.DataFrame, documents: list[SourceDocument], registry: IndicatorRegistry
) -> pd.DataFrame:
    """Observations of every numeric cell of ``table_cells`` (the loaded renditions)."""
    by_id = {d.document_id: d for d in documents}
    rows: list[Observation] = []
    if len(cells):
        for (doc_id, _key), table in cells.groupby(["document_id", "table_key"], sort=False):
            document = by_id.get(doc_id)
            if document is None:
                continue
            title = str(table["table_title"].iloc[0])
            rows.extend(ObservationBuilder(document, registry).from_table(title, table))
    frame = pd.DataFrame([asdict(o) for o in rows], columns=OBSERVATION_COLUMNS)
    return frame.astype({"year": "Int64", "line": "Int64", "page": "Int64"})


def observations_from_facts(
    facts: pd.DataFrame, documents: list[SourceDocument], registry: IndicatorRegistry
) -> pd.DataFrame:
    """Observations of every figure stated in prose (``text_facts``)."""
    by_id = {d.document_id: d for d in documents}
    rows: list[Observation] = []
    for doc_id, group in facts.groupby("document_id", sort=False) if len(facts) else []:
        document = by_id.get(doc_id)
        if document is None:
            continue
        builder = ObservationBuilder(document, registry)
        rows.extend(o for fact in group.itertuples(index=False) if (o := builder.from_fact(fact)))
    frame = pd.DataFrame([asdict(o) for o in rows], columns=OBSERVATION_COLUMNS)
    return frame.astype({"year": "Int64", "line": "Int64", "page": "Int64"})


def unmapped_indicators(observations: pd.DataFrame) -> pd.DataFrame:
    """Derived indicator keys no registry rule covers, most frequent first."""
    columns = ["indicator_key", "observations", "documents", "example_source", "example_value"]
    if observations.empty:
        return pd.DataFrame(columns=columns)
    unmapped = observations[observations["indicator_code"].isna()]
    grouped = unmapped.groupby("indicator_key", sort=False).agg(
        observations=("observation_id", "size"),
        documents=("document_id", lambda s: sorted(set(s))),
        example_source=("source_key", "first"),
        example_value=("value", "first"),
    )
    return (
        grouped.reset_index()
        .sort_values(["observations", "indicator_key"], ascending=[False, True])
        .reset_index(drop=True)[columns]
    )
