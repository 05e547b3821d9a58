"""Read the published warehouse into the plain, typed records the HTML report renders.

The report reads the public views (``v_target_scorecard``, ``v_indicator_timeseries``,
``observations``, ``table_cells``, ``document_status``) and the documented tables
(``dim_document``, ``dim_indicator``, ``data_quality_issues``). Provenance of a cited number is
looked up by its source reference in the extraction layer (``source_cells``, ``source_facts``),
where every observation's reference and every reference a data-quality finding records is a
row. Nothing here formats HTML: the template and ``charts`` do that, escaping
every string that came from a document.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from pipelines.model.vocabulary import is_total_label

DOMAINS: tuple[str, ...] = (
    "产品质量",
    "工程质量",
    "服务质量",
    "人居环境质量",
    "经济运行",
    "创新与品牌",
)

# A row label that is itself a period ("2021", "2021 年") is a time series, not a breakdown.
_YEAR_LABEL = re.compile(r"^\s*(19|20)\d{2}\s*年?\s*$")


def format_number(value: float | None, *, signed: bool = False) -> str:
    """A number as a reader expects it: no float noise, thousands separators, a real minus."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    rounded = round(float(value), 6)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{abs(rounded):,.6f}".rstrip("0").rstrip(".")
    if rounded < 0:
        return f"−{text}"
    return f"+{text}" if signed and rounded > 0 else text


def with_unit(text: str, unit: str | None) -> str:
    """Append a unit; % and ‰ attach without a space, words get a thin one."""
    if not unit:
        return text
    if text == "—":
        return text
    return f"{text}{unit}" if unit in {"%", "‰"} else f"{text} {unit}"


@dataclass(frozen=True)
class Provenance:
    """Where a number was printed: the document, the table cell or the quoted clause, the place."""

    key: str
    document_id: str | None
    document_title: str
    source: str | None = None
    table_number: int | None = None
    table_caption: str | None = None  # the caption's printed label: 表5, 附表1
    table_title: str | None = None
    row_path: tuple[str, ...] = ()
    col_path: tuple[str, ...] = ()
    quote: str | None = None
    line: int | None = None
    page: int | None = None
    ref: str | None = None

    @property
    def table_label(self) -> str | None:
        if self.table_number is not None:
            label = self.table_caption or f"表{self.table_number}"
            return label + (f" {self.table_title}" if self.table_title else "")
        if self.table_title:
            return f"表格“{self.table_title}”"
        return None

    @property
    def location(self) -> str | None:
        places = []
        if self.page is not None:
            places.append(f"第{self.page}页")
        if self.line is not None:
            places.append(f"第{self.line}行")
        return "，".join(places) or None

    def parts(self) -> list[tuple[str, str]]:
        """Labelled pieces, in reading order: 文件, 表, 行, 列, 原文, 位置, 编号."""
        parts = [("文件", f"《{self.document_title}》")]
        if self.table_label:
            parts.append(("表", self.table_label))
        if self.row_path:
            parts.append(("行", " › ".join(self.row_path)))
        if self.col_path:
            parts.append(("列", " › ".join(self.col_path)))
        if self.quote:
            parts.append(("原文", f"“{self.quote}”"))
        if self.location:
            parts.append(("位置", self.location))
        if self.ref:
            parts.append(("编号", self.ref))
        return parts

    def describe(self) -> str:
        """One line for a tooltip (the ``title`` attribute of the number)."""
        return "；".join(f"{label}：{text}" for label, text in self.parts())


@dataclass(frozen=True)
class Figure:
    """A number as printed, with its unit and where it came from."""

    value: float | None
    unit: str | None
    provenance: Provenance | None = None
    prefix: str = ""
    label: str | None = None  # printed text to show instead of the formatted value

    @property
    def text(self) -> str:
        if self.label is not None:
            return self.prefix + self.label
        return self.prefix + with_unit(format_number(self.value), self.unit)


@dataclass(frozen=True)
class Point:
    """One year of a series: the value shown and how many different values the sources gave."""

    year: int
    figure: Figure
    display_value: float
    distinct_values: int


@dataclass(frozen=True)
class Series:
    """Yearly actuals of one indicator in one region, in one display unit."""

    indicator_code: str
    indicator_name: str
    region: str
    unit: str | None
    points: tuple[Point, ...]
    canonical_unit: str | None = None
    canonical_factor: float = 1.0  # canonical value = display value × factor

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> Point | None:
        return self.points[-2] if len(self.points) >= 2 else None


@dataclass(frozen=True)
class Target:
    """One row of ``v_target_scorecard`` with both ends cited."""

    indicator_code: str
    indicator_name: str
    domain: str | None
    direction: str | None
    region: str
    target_year: int
    target_kind: str
    operator: str | None
    baseline: str | None
    target: Figure
    actual: Figure | None
    actual_year: int | None
    gap: float | None
    gap_unit: str | None
    status: str
    trend: Series | None
    target_canonical: float | None
    target_canonical_unit: str | None

    @property
    def operator_text(self) -> str:
        return operator_text(self.operator, self.baseline, self.target_kind == "change")

    @property
    def gap_text(self) -> str:
        if self.gap is None:
            return "—"
        # A gap between two percentages is in percentage points, whatever the target printed.
        unit = "个百分点" if self.gap_unit == "%" else self.gap_unit
        return with_unit(format_number(self.gap, signed=True), unit)


def operator_text(operator: str | None, baseline: str | None = None, change: bool = False) -> str:
    """The operator as the plan prints it; a change target's bound follows its base
    (较基期≥+2个百分点)."""
    against = f"较{baseline}" if baseline else "较基期"
    if operator == "change_vs_baseline":
        return against
    bound = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "~": "约"}.get(operator or "", "")
    return f"{against}{bound}" if change else bound


@dataclass(frozen=True)
class Breakdown:
    """Sibling cells of the table an indicator's latest value came from (its parts)."""

    title: str
    unit: str | None
    bars: tuple[tuple[str, Figure], ...]
    total: Figure | None = None


@dataclass(frozen=True)
class IndicatorSummary:
    """A registered indicator in its domain section: series per region, targets, breakdowns."""

    code: str
    name: str
    direction: str | None
    series: tuple[Series, ...]
    targets: tuple[Target, ...]
    breakdowns: tuple[Breakdown, ...]

    @property
    def main_series(self) -> Series | None:
        return self.series[0] if self.series else None


@dataclass(frozen=True)
class DomainSection:
    domain: str
    indicators: tuple[IndicatorSummary, ...]
    without_data: tuple[str, ...]
    region_bars: tuple[Breakdown, ...]


@dataclass(frozen=True)
class DocumentRow:
    document_id: str
    title: str
    issuer: str | None
    kind: str
    region: str | None
    data_year: int | None
    publication_date: date | None
    loaded_rendition: str | None
    renditions: tuple[tuple[str, str, str | None], ...]  # (rendition, status, error)
    tables: int
    cells: int
    facts: int
    targets: int
    issues: int


@dataclass(frozen=True)
class OverviewRow:
    region: str
    year: int | None
    documents: int
    tables: int
    facts: int
    checks: int


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    document_title: str | None
    table_number: int | None
    location: str | None
    expected: str | None
    found: str | None
    message: str | None
    expected_source: Provenance | None
    found_source: Provenance | None


@dataclass(frozen=True)
class FindingGroup:
    check: str
    severity: str
    suite: str | None
    description: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class ReportData:
    """Everything the template needs, read once from the warehouse."""

    database: Path
    built_on: date
    documents: tuple[DocumentRow, ...]
    overview: tuple[OverviewRow, ...]
    facts_by_region_year: tuple[tuple[str, dict[int, int]], ...]
    years: tuple[int, ...]
    scorecard: tuple[Target, ...]
    domains: tuple[DomainSection, ...]
    findings: tuple[FindingGroup, ...]
    contradictions: tuple[Finding, ...]
    unregistered_indicators: int
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def scorecard_year(self) -> int:
        """The plan horizon the scorecard is about: the most common target year (2025)."""
        years = [t.target_year for t in self.scorecard]
        return max(set(years), key=lambda y: (years.count(y), y)) if years else 2025

    @property
    def status_counts(self) -> dict[str, int]:
        counts = {"met": 0, "not met": 0, "no data": 0}
        for target in self.scorecard:
            counts[target.status] = counts.get(target.status, 0) + 1
        return counts


CONTRADICTION_CHECK = "same_fact_agrees_across_sources"


# ---------------------------------------------------------------------------------------------
# Reading


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} | {
        row[0] for row in con.execute("SELECT view_name FROM duckdb_views()").fetchall()
    }


def _path(value: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if value else ()


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


class ProvenanceIndex:
    """Resolves a source reference (a cell id or a prose fact id) to where it was printed.

    Every reference is a row of the extraction layer: a table observation's ``source_ref`` is a
    cell of ``source_cells``, a prose one's a fact of ``source_facts``, and the ``observations``
    view takes its paths, quote, line and page from those same rows. So the two tables are all
    the index reads; they also hold what a data-quality finding may cite outside ``observations``.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        present = _tables(con)
        self.titles = {
            r["document_id"]: r["title"]
            for r in _rows(con, "SELECT document_id, title FROM dim_document")
        }
        self._cells: dict[str, dict] = {}
        if {"source_cells", "dim_source_table"} <= present:
            for r in _rows(
                con,
                """SELECT c.cell_id, c.document_id, t.table_number, t.table_label,
                          t.title AS table_title, c.row_path, c.col_path, c.line, c.page
                   FROM source_cells AS c JOIN dim_source_table AS t USING (source_table_key)""",
            ):
                self._cells[r["cell_id"]] = r
        self._facts: dict[str, dict] = {}
        if "source_facts" in present:
            for r in _rows(con, "SELECT fact_id, document_id, quote, line, page FROM source_facts"):
                self._facts[r["fact_id"]] = r

    def title(self, document_id: str | None) -> str:
        if document_id is None:
            return "（未知文件）"
        return self.titles.get(document_id, document_id)

    def resolve(self, ref: str | None, document_id: str | None = None) -> Provenance | None:
        """Everything known about ``ref``; None when there is nothing to cite."""
        if not ref and not document_id:
            return None
        cell = self._cells.get(ref or "")
        fact = self._facts.get(ref or "")
        doc = (cell or fact or {}).get("document_id") or document_id
        if cell is not None:
            return Provenance(
                key=ref or "",
                document_id=doc,
                document_title=self.title(doc),
                source="table",
                table_number=_int(cell["table_number"]),
                table_caption=cell["table_label"],
                table_title=cell["table_title"],
                row_path=_path(cell["row_path"]),
                col_path=_path(cell["col_path"]),
                line=_int(cell["line"]),
                page=_int(cell["page"]),
                ref=ref,
            )
        if fact is not None:
            return Provenance(
                key=ref or "",
                document_id=doc,
                document_title=self.title(doc),
                source="prose",
                quote=fact["quote"],
                line=_int(fact["line"]),
                page=_int(fact["page"]),
                ref=ref,
            )
        return Provenance(
            key=ref or f"doc:{doc}", document_id=doc, document_title=self.title(doc), ref=ref
        )


def _series(
    con: duckdb.DuckDBPyConnection, index: ProvenanceIndex
) -> dict[tuple[str, str], Series]:
    """Yearly actuals per indicator and region: one value a year, tables before prose.

    Only whole-year periods count, and only values in the registry's canonical unit (an
    indicator also stated as a growth rate would otherwise mix 亿元 and % on one axis).
    Where the sources disagree the point says how many different values were printed.
    """
    rows = _rows(
        con,
        """
        SELECT t.indicator_code, t.indicator_name, t.region, t.year, t.value, t.unit,
               t.canonical_value, t.canonical_unit, t.document_id, t.source, t.source_ref,
               i.canonical_unit AS registry_unit
        FROM v_indicator_timeseries AS t
        LEFT JOIN dim_indicator AS i USING (indicator_code)
        WHERE t.measure_kind IN ('level', 'rate', 'index')
          AND t.year IS NOT NULL AND t.period = CAST(t.year AS VARCHAR)
          AND t.value IS NOT NULL
        ORDER BY t.indicator_code, t.region, t.year, (t.source = 'table') DESC, t.document_id,
                 t.source_ref
        """,
    )
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        grouped[(r["indicator_code"], r["region"])].append(r)
    result: dict[tuple[str, str], Series] = {}
    for key, group in grouped.items():
        registry_unit = group[0]["registry_unit"]
        in_unit = [r for r in group if r["canonical_unit"] == registry_unit]
        if not in_unit:
            units = defaultdict(int)
            for r in group:
                units[r["canonical_unit"]] += 1
            common = max(units, key=lambda u: units[u])
            in_unit = [r for r in group if r["canonical_unit"] == common]
        by_year: dict[int, list[dict]] = defaultdict(list)
        for r in in_unit:
            by_year[int(r["year"])].append(r)
        chosen = {year: rs[0] for year, rs in sorted(by_year.items())}
        latest = chosen[max(chosen)]
        unit = latest["unit"]
        factor = 1.0
        if latest["canonical_value"] is not None and latest["value"]:
            factor = float(latest["canonical_value"]) / float(latest["value"]) or 1.0
        points = []
        for year, r in chosen.items():
            if r["unit"] == unit or r["canonical_value"] is None:
                display = float(r["value"])
            else:
                display = float(r["canonical_value"]) / factor
            distinct = {
                round(
                    float(x["canonical_value"] if x["canonical_value"] is not None else x["value"]),
                    6,
                )
                for x in by_year[year]
            }
            points.append(
                Point(
                    year=year,
                    figure=Figure(display, unit, index.resolve(r["source_ref"], r["document_id"])),
                    display_value=display,
                    distinct_values=len(distinct),
                )
            )
        result[key] = Series(
            indicator_code=key[0],
            indicator_name=group[0]["indicator_name"],
            region=key[1],
            unit=unit,
            points=tuple(points),
            canonical_unit=latest["canonical_unit"],
            canonical_factor=factor,
        )
    return result


def _scorecard(
    con: duckdb.DuckDBPyConnection, index: ProvenanceIndex, series: dict[tuple[str, str], Series]
) -> list[Target]:
    """Every row of ``v_target_scorecard``, each target cited through its own observation."""
    domain_rank = {d: i for i, d in enumerate(DOMAINS)}
    rows = _rows(con, "SELECT * FROM v_target_scorecard")
    targets = []
    for row in rows:
        target_prov = index.resolve(row["target_ref"], row["document_id"])
        actual = None
        if row["actual_value"] is not None:
            actual = Figure(
                float(row["actual_value"]),
                row["actual_unit"],
                index.resolve(row["actual_ref"], row["actual_document_id"]),
            )
        trend = series.get((row["indicator_code"], row["region"]))
        if trend is not None and len(trend.points) < 2:
            trend = None
        targets.append(
            Target(
                indicator_code=row["indicator_code"],
                indicator_name=row["indicator_name"],
                domain=row["domain"],
                direction=row["direction"],
                region=row["region"],
                target_year=int(row["target_year"]),
                target_kind=row["target_kind"],
                operator=row["operator"],
                baseline=row["baseline"],
                target=Figure(float(row["target_value"]), row["unit"], target_prov),
                actual=actual,
                actual_year=_int(row["actual_year"]),
                gap=None if row["gap"] is None else float(row["gap"]),
                gap_unit=row["unit"],
                status=row["status"],
                trend=trend,
                target_canonical=_float(row["canonical_target"]),
                target_canonical_unit=row["target_canonical_unit"],
            )
        )
    targets.sort(
        key=lambda t: (
            t.domain is None,  # registered indicators first; the registry has not adopted the rest
            -t.target_year,
            domain_rank.get(t.domain or "", len(DOMAINS)),
            t.indicator_name,
            t.region,
            t.target.value or 0,
        )
    )
    return targets


def _breakdowns(
    con: duckdb.DuckDBPyConnection, index: ProvenanceIndex, series: Series
) -> list[Breakdown]:
    """The parts of the table row the latest value came from (食品抽检 by 种植养殖/生产/流通…)."""
    latest = series.latest
    if latest is None or latest.figure.provenance is None:
        return []
    prov = latest.figure.provenance
    if prov.source != "table" or prov.table_number is None or not prov.row_path:
        return []
    # Only a total row has parts: in a table of different indicators (表31 PM2.5, NO2, …) the
    # other rows are neighbours, not a breakdown.
    if not is_total_label(prov.row_path[-1]):
        return []
    cells = _rows(
        con,
        """SELECT row_path, col_path, raw_text, value, unit, line, page, table_title
           FROM table_cells
           WHERE document_id = ? AND table_number = ? AND table_title IS NOT DISTINCT FROM ?
             AND col_path = ?::VARCHAR[] AND value IS NOT NULL AND len(row_path) = ?
           ORDER BY line NULLS LAST, page NULLS LAST""",
        [
            prov.document_id,
            prov.table_number,
            prov.table_title,
            list(prov.col_path),
            len(prov.row_path),
        ],
    )
    bars = []
    for cell in cells:
        path = _path(cell["row_path"])
        label = path[-1] if path else ""
        if path == prov.row_path or path[:-1] != prov.row_path[:-1]:
            continue
        if _YEAR_LABEL.match(label) or is_total_label(label):
            continue
        if (cell["unit"] or series.unit) != series.unit:
            continue  # a count next to a rate is not one of its parts
        cell_prov = Provenance(
            key=f"cell:{prov.document_id}:{prov.table_number}:{'›'.join(path)}:{'›'.join(prov.col_path)}",
            document_id=prov.document_id,
            document_title=prov.document_title,
            source="table",
            table_number=prov.table_number,
            table_caption=prov.table_caption,
            table_title=cell["table_title"],
            row_path=path,
            col_path=_path(cell["col_path"]),
            line=_int(cell["line"]),
            page=_int(cell["page"]),
        )
        bars.append((label, Figure(float(cell["value"]), cell["unit"] or series.unit, cell_prov)))
    if len(bars) < 2:
        return []
    title_bits = [prov.table_label or "", " › ".join(prov.col_path)]
    return [
        Breakdown(
            title=f"{series.indicator_name}（{latest.year}年，分项） — "
            + " · ".join(b for b in title_bits if b),
            unit=series.unit,
            bars=tuple(bars),
            total=latest.figure,
        )
    ]


def _domains(
    con: duckdb.DuckDBPyConnection,
    index: ProvenanceIndex,
    series: dict[tuple[str, str], Series],
    scorecard: list[Target],
    home_regions: set[str],
) -> list[DomainSection]:
    indicators = _rows(
        con,
        """SELECT indicator_code, name, domain, direction FROM dim_indicator
           WHERE registered AND domain IS NOT NULL ORDER BY indicator_code""",
    )
    by_domain: dict[str, list[dict]] = defaultdict(list)
    for ind in indicators:
        by_domain[ind["domain"]].append(ind)
    sections = []
    domains = list(DOMAINS) + sorted(d for d in by_domain if d not in DOMAINS)
    for domain in domains:
        summaries, without = [], []
        region_bars = []
        for ind in by_domain.get(domain, []):
            code = ind["indicator_code"]
            ind_series = [s for (c, _), s in series.items() if c == code]
            # The documents' own regions first (闵行区 before its towns), then by data volume.
            ind_series.sort(key=lambda s: (s.region not in home_regions, -len(s.points), s.region))
            targets = tuple(t for t in scorecard if t.indicator_code == code)
            if not ind_series and not targets:
                without.append(ind["name"])
                continue
            breakdowns = _breakdowns(con, index, ind_series[0]) if ind_series else []
            summaries.append(
                IndicatorSummary(
                    code=code,
                    name=ind["name"],
                    direction=ind["direction"],
                    series=tuple(ind_series),
                    targets=targets,
                    breakdowns=tuple(breakdowns),
                )
            )
            latest_by_region = [(s.region, s.latest) for s in ind_series if s.latest is not None]
            years = {p.year for _, p in latest_by_region if p is not None}
            units = {s.unit for s in ind_series}
            if len(latest_by_region) >= 2 and len(units) == 1:
                year = max(years)
                bars = tuple(
                    (region, p.figure)
                    for region, p in latest_by_region
                    if p is not None and p.year == year
                )
                if len(bars) >= 2:
                    region_bars.append(
                        Breakdown(
                            title=f"{ind['name']}（{year}年，按地区）",
                            unit=next(iter(units)),
                            bars=bars,
                        )
                    )
        # Indicators with a trend first, then those with a value, then targets only.
        summaries.sort(
            key=lambda s: (
                -(len(s.main_series.points) if s.main_series else 0),
                s.main_series is None,
                s.name,
            )
        )
        sections.append(
            DomainSection(
                domain=domain,
                indicators=tuple(summaries),
                without_data=tuple(without),
                region_bars=tuple(region_bars),
            )
        )
    return sections


def _documents(con: duckdb.DuckDBPyConnection) -> list[DocumentRow]:
    status: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for r in _rows(
        con,
        "SELECT document_id, rendition, status, error, tables, cells FROM document_status "
        "ORDER BY document_id, rendition",
    ):
        status[r["document_id"]].append((r["rendition"], r["status"], r["error"]))
    rows = _rows(
        con,
        """
        WITH loaded AS (
            SELECT document_id, sum(tables) AS tables, sum(cells) AS cells
            FROM document_status WHERE status = 'loaded' GROUP BY ALL
        ), facts AS (
            SELECT document_id, count(*) AS facts,
                   count(*) FILTER (WHERE measure_kind = 'target') AS targets
            FROM observations GROUP BY ALL
        ), issues AS (
            SELECT document_id, count(*) AS issues FROM data_quality_issues GROUP BY ALL
        )
        SELECT d.document_id, d.title, d.issuer, d.kind, d.region, d.data_year,
               d.publication_date, d.loaded_rendition,
               coalesce(l.tables, 0) AS tables, coalesce(l.cells, 0) AS cells,
               coalesce(f.facts, 0) AS facts, coalesce(f.targets, 0) AS targets,
               coalesce(i.issues, 0) AS issues
        FROM dim_document AS d
        LEFT JOIN loaded AS l USING (document_id)
        LEFT JOIN facts AS f USING (document_id)
        LEFT JOIN issues AS i USING (document_id)
        ORDER BY d.region, d.data_year, d.document_id
        """,
    )
    documents = [
        DocumentRow(
            document_id=r["document_id"],
            title=r["title"],
            issuer=r["issuer"],
            kind=r["kind"],
            region=r["region"],
            data_year=_int(r["data_year"]),
            publication_date=r["publication_date"],
            loaded_rendition=r["loaded_rendition"],
            renditions=tuple(status.get(r["document_id"], ())),
            tables=int(r["tables"]),
            cells=int(r["cells"]),
            facts=int(r["facts"]),
            targets=int(r["targets"]),
            issues=int(r["issues"]),
        )
        for r in rows
    ]
    # Files that failed before they became a document still have a status row.
    known = {d.document_id for d in documents}
    for document_id, renditions in status.items():
        if document_id not in known:
            documents.append(
                DocumentRow(
                    document_id=document_id,
                    title=document_id,
                    issuer=None,
                    kind="",
                    region=None,
                    data_year=None,
                    publication_date=None,
                    loaded_rendition=None,
                    renditions=tuple(renditions),
                    tables=0,
                    cells=0,
                    facts=0,
                    targets=0,
                    issues=0,
                )
            )
    return documents


def _overview(documents: list[DocumentRow]) -> list[OverviewRow]:
    grouped: dict[tuple[str, int | None], list[DocumentRow]] = defaultdict(list)
    for d in documents:
        grouped[(d.region or "（未知）", d.data_year)].append(d)
    return [
        OverviewRow(
            region=region,
            year=year,
            documents=len(docs),
            tables=sum(d.tables for d in docs),
            facts=sum(d.facts for d in docs),
            checks=sum(d.issues for d in docs),
        )
        for (region, year), docs in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
        )
    ]


def _facts_by_region_year(
    con: duckdb.DuckDBPyConnection, home_regions: set[str]
) -> tuple[list[tuple[str, dict[int, int]]], list[int]]:
    rows = _rows(
        con,
        "SELECT region, year, count(*) AS n FROM observations WHERE year IS NOT NULL GROUP BY ALL",
    )
    table: dict[str, dict[int, int]] = defaultdict(dict)
    for r in rows:
        table[r["region"] or "（未知）"][int(r["year"])] = int(r["n"])
    years = sorted({int(r["year"]) for r in rows})
    ordered = sorted(
        table.items(), key=lambda kv: (kv[0] not in home_regions, -sum(kv[1].values()), kv[0])
    )
    return ordered, years


def _cited(ref: str | None, document_id: str | None, index: ProvenanceIndex) -> Provenance | None:
    """Where a finding's value was printed, when the check recorded it (a value that is a rule or
    a computed sum was printed nowhere)."""
    return index.resolve(ref, document_id) if ref else None


def _findings(
    con: duckdb.DuckDBPyConnection, index: ProvenanceIndex
) -> tuple[list[FindingGroup], list[Finding]]:
    rows = _rows(
        con,
        """SELECT "check", severity, suite, document_id, table_number, location, expected, found,
                  message, expected_document_id, expected_ref, found_document_id, found_ref,
                  check_description
           FROM data_quality_issues
           ORDER BY severity, "check", document_id, table_number NULLS LAST, location""",
    )
    grouped: dict[tuple[str, str, str | None], list[Finding]] = defaultdict(list)
    # what each check means, as its suite file says (recorded with every issue)
    descriptions: dict[str, str] = {}
    for r in rows:
        if r["check_description"]:
            descriptions.setdefault(r["check"], r["check_description"])
        finding = Finding(
            check=r["check"],
            severity=r["severity"],
            document_title=index.title(r["document_id"]) if r["document_id"] else None,
            table_number=_int(r["table_number"]),
            location=r["location"],
            expected=r["expected"],
            found=r["found"],
            message=r["message"],
            expected_source=_cited(r["expected_ref"], r["expected_document_id"], index),
            found_source=_cited(r["found_ref"], r["found_document_id"], index),
        )
        grouped[(r["check"], r["severity"], r["suite"])].append(finding)
    severity_rank = {"blocking": 0, "warning": 1}
    groups = [
        FindingGroup(
            check=check,
            severity=severity,
            suite=suite,
            description=descriptions.get(check, check),
            findings=tuple(findings),
        )
        for (check, severity, suite), findings in sorted(
            grouped.items(), key=lambda kv: (severity_rank.get(kv[0][1], 9), -len(kv[1]), kv[0][0])
        )
    ]
    contradictions = [f for g in groups if g.check == CONTRADICTION_CHECK for f in g.findings]
    return groups, contradictions


def load_report_data(database: Path) -> ReportData:
    """Read everything the report shows from a published warehouse, opened read-only."""
    with duckdb.connect(str(database), read_only=True) as con:
        index = ProvenanceIndex(con)
        series = _series(con, index)
        scorecard = _scorecard(con, index, series)
        documents = _documents(con)
        home_regions = {d.region for d in documents if d.region}
        domains = _domains(con, index, series, scorecard, home_regions)
        findings, contradictions = _findings(con, index)
        facts_matrix, years = _facts_by_region_year(con, home_regions)
        unregistered = con.execute(
            "SELECT count(*) FROM dim_indicator WHERE NOT registered"
        ).fetchone()
        totals = {
            "documents": len(documents),
            "tables": sum(d.tables for d in documents),
            "cells": sum(d.cells for d in documents),
            "facts": sum(d.facts for d in documents),
            "targets": len(scorecard),
            "issues": sum(len(g.findings) for g in findings),
        }
    return ReportData(
        database=database,
        built_on=date.today(),
        documents=tuple(documents),
        overview=tuple(_overview(documents)),
        facts_by_region_year=tuple(facts_matrix),
        years=tuple(years),
        scorecard=tuple(scorecard),
        domains=tuple(domains),
        findings=tuple(findings),
        contradictions=tuple(contradictions),
        unregistered_indicators=int(unregistered[0]) if unregistered else 0,
        totals=totals,
    )


def target_in_series_unit(target: Target, series: Series) -> float | None:
    """A level target on the series' axis (same canonical unit), else None: never mix axes."""
    if target.target_kind != "level" or target.target_canonical is None:
        return None
    if target.target_canonical_unit != series.canonical_unit:
        return None
    return target.target_canonical / (series.canonical_factor or 1.0)
