"""Render the static HTML quality report from a published warehouse.

``build_report`` is plain Python (the Dagster asset and ``make report`` both call it): it reads
the warehouse read-only, renders ``templates/index.html.j2`` with Jinja2 (autoescape on: every
string from a document is escaped) and writes ``index.html`` plus ``report.css``. The page has no
JavaScript at all and declares a Content-Security-Policy that forbids scripts, so even a missed
escape could not run anything. Charts are inline SVG drawn at build time (``charts.py``).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from pipelines.report import charts
from pipelines.report.data import (
    Breakdown,
    Figure,
    Provenance,
    ReportData,
    Series,
    Target,
    format_number,
    load_report_data,
    operator_text,
    target_in_series_unit,
    with_unit,
)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES = PACKAGE_DIR / "templates"
STYLESHEET = PACKAGE_DIR / "static" / "report.css"

STATUS_LABELS = {"met": "达标", "not met": "未达标", "no data": "无数据"}
KIND_LABELS = {"white_paper": "白皮书", "plan": "规划", "work_summary": "工作总结"}
RENDITION_STATUS = {"loaded": "已入库", "extracted": "已抽取", "failed": "失败", "skipped": "跳过"}


@dataclass(frozen=True)
class ReportResult:
    """What was written, for the asset's metadata and the command line."""

    index: Path
    assets: tuple[Path, ...]
    targets: int
    charts: int
    citations: int
    findings: int


class Citations:
    """Numbered source notes, in the order the page first cites them (one note per source)."""

    def __init__(self) -> None:
        self.entries: list[Provenance] = []
        self._ids: dict[str, int] = {}

    def __call__(self, provenance: Provenance) -> int:
        key = provenance.describe()
        if key not in self._ids:
            self.entries.append(provenance)
            self._ids[key] = len(self.entries)
        return self._ids[key]


def change_text(series: Series) -> tuple[str, float | None]:
    """Latest against previous year: percentage points for rates, else the unit and the %."""
    latest, previous = series.latest, series.previous
    if latest is None or previous is None:
        return "—", None
    delta = latest.display_value - previous.display_value
    if series.unit == "%":
        return f"{format_number(round(delta, 4), signed=True)} 个百分点", delta
    text = with_unit(format_number(round(delta, 4), signed=True), series.unit)
    if previous.display_value:
        percent = round(delta / abs(previous.display_value) * 100, 1)
        text += f"（{format_number(percent, signed=True)}%）"
    return text, delta


def trend_class(delta: float | None, direction: str | None) -> str:
    """Colour a change by the indicator's direction: better, worse or neutral."""
    if (
        delta is None
        or abs(delta) < 1e-12
        or direction not in {"higher_is_better", "lower_is_better"}
    ):
        return "flat"
    better = delta > 0 if direction == "higher_is_better" else delta < 0
    return "better" if better else "worse"


def target_label(target: Target) -> str:
    return f"{target.target_year}年目标 {target.operator_text}{target.target.text}"


def _environment(citations: Citations, counter: list[int]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every document string is escaped, in text and in attributes
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def sparkline(series: Series, target: float | None = None) -> Markup:
        counter[0] += 1
        return charts.sparkline(series, citations, target)

    def line_chart(series: Series, target: float | None = None, label: str = "") -> Markup:
        counter[0] += 1
        return charts.line_chart(series, citations, target, label)

    def bar_chart(breakdown: Breakdown) -> Markup:
        counter[0] += 1
        return charts.bar_chart(breakdown, citations)

    env.globals.update(
        cite=citations,
        citations=citations,
        sparkline=sparkline,
        line_chart=line_chart,
        bar_chart=bar_chart,
        change_text=change_text,
        trend_class=trend_class,
        target_in_series_unit=target_in_series_unit,
        target_label=target_label,
        operator_text=operator_text,
        format_number=format_number,
        STATUS_LABELS=STATUS_LABELS,
        KIND_LABELS=KIND_LABELS,
        RENDITION_STATUS=RENDITION_STATUS,
        cited=lambda text, provenance: Figure(None, None, provenance, label=text),
    )
    env.filters["num"] = format_number
    return env


def _write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` in one step, so a browser reloading it never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(scratch).chmod(0o644)  # mkstemp makes 0600; the report is meant to be shared
        Path(scratch).replace(path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def render_report(data: ReportData) -> tuple[str, Citations, int]:
    """The page as a string, the source notes it cites and the number of charts drawn."""
    citations = Citations()
    counter = [0]
    env = _environment(citations, counter)
    html = env.get_template("index.html.j2").render(data=data, home=_home_region(data))
    return html, citations, counter[0]


def _home_region(data: ReportData) -> str:
    regions = [d.region for d in data.documents if d.region]
    return max(set(regions), key=regions.count) if regions else ""


def build_report(database: Path, out_dir: Path) -> ReportResult:
    """Write ``out_dir/index.html`` and ``out_dir/report.css`` from the warehouse ``database``."""
    if not database.exists():
        raise FileNotFoundError(f"no warehouse at {database}: run `make run` first")
    data = load_report_data(database)
    html, citations, chart_count = render_report(data)
    out_dir.mkdir(parents=True, exist_ok=True)
    css = out_dir / "report.css"
    _write_atomic(css, STYLESHEET.read_text(encoding="utf-8"))
    index = out_dir / "index.html"
    _write_atomic(index, html)
    return ReportResult(
        index=index,
        assets=(css,),
        targets=len(data.scorecard),
        charts=chart_count,
        citations=len(citations.entries),
        findings=sum(len(g.findings) for g in data.findings),
    )
