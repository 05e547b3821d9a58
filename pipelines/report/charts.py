"""Hand-written inline SVG charts: sparklines, yearly line charts and horizontal bars.

Hand-written rather than matplotlib because the charts are small, the report opens from disk
with no server, and inline SVG text is real text: the browser renders the Chinese labels with
the page's CJK font and the values stay selectable and linkable. Every string that came from a
document goes through ``Markup.format`` (escaped), and each value is an SVG ``<a>`` to its
source note with a ``<title>`` tooltip, so charts carry provenance like the tables do. No
``style`` attributes (the page's Content-Security-Policy forbids inline styles): presentation
attributes only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup

from pipelines.report.data import Breakdown, Provenance, Series, format_number, with_unit

FONT_STACK = (
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', "
    "'Microsoft YaHei', 'PingFang SC', sans-serif"
)
Cite = Callable[[Provenance], int]

INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
LINE = "#2563a8"
WARN = "#d97706"
TARGET = "#b42318"
BAR = "#5b8fc7"


def _text_width(text: str, size: float) -> float:
    """Rough rendered width: CJK and full-width characters are 1 em, the rest about 0.58 em."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def _clip(text: str, size: float, width: float) -> str:
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _nice_step(span: float, ticks: int) -> float:
    raw = span / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _domain(values: Sequence[float], *, include_zero: bool = False) -> tuple[float, float, float]:
    """Nice lower and upper bounds and the tick step for ``values``."""
    low, high = min(values), max(values)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    elif not include_zero:
        pad = (high - low) * 0.15
        low, high = low - pad, high + pad
    step = _nice_step(high - low, 4)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _tick_label(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return format_number(round(value, decimals))


def _svg_open(width: float, height: float, label: str, css_class: str) -> Markup:
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="{}" width="{}" height="{}" '
        'viewBox="0 0 {} {}" role="img" aria-label="{}" font-family="{}">'
    ).format(
        css_class,
        f"{width:.0f}",
        f"{height:.0f}",
        f"{width:.0f}",
        f"{height:.0f}",
        label,
        FONT_STACK,
    )


def _linked(cite: Cite, provenance: Provenance | None, tooltip: str, body: Markup) -> Markup:
    """``body`` as a link to its source note, with the source in the tooltip."""
    if provenance is None:
        return Markup("<g><title>{}</title>{}</g>").format(tooltip, body)
    full = f"{tooltip}\n来源：{provenance.describe()}"
    return Markup('<a href="#src-{}"><title>{}</title>{}</a>').format(cite(provenance), full, body)


def sparkline(series: Series, cite: Cite, target: float | None = None) -> Markup:
    """A word-sized trend: one polyline, the latest value dotted, the target dashed."""
    width, height, pad = 112.0, 30.0, 4.0
    values = [p.display_value for p in series.points]
    low, high = min(values), max(values)
    if target is not None and low * 0.5 <= target <= high * 1.5 + 1e-9:
        low, high = min(low, target), max(high, target)
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    years = [p.year for p in series.points]
    x0, x1 = min(years), max(years)

    def x(year: int) -> float:
        return pad + (width - 2 * pad) * ((year - x0) / (x1 - x0) if x1 > x0 else 0.5)

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * (value - low) / (high - low)

    summary = "，".join(
        f"{p.year}年 {with_unit(format_number(p.display_value), series.unit)}"
        for p in series.points
    )
    parts = [_svg_open(width, height, f"{series.indicator_name}趋势：{summary}", "spark")]
    parts.append(
        Markup("<title>{}</title>").format(f"{series.indicator_name}（{series.region}）：{summary}")
    )
    if target is not None and low <= target <= high:
        parts.append(
            Markup(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1" '
                'stroke-dasharray="3 2"/>'
            ).format(pad, f"{width - pad:.1f}", f"{y(target):.1f}", f"{y(target):.1f}", TARGET)
        )
    coords = " ".join(f"{x(p.year):.1f},{y(p.display_value):.1f}" for p in series.points)
    parts.append(
        Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="1.6"/>').format(
            coords, LINE
        )
    )
    for p in series.points:
        latest = p is series.points[-1]
        dot = Markup('<circle cx="{}" cy="{}" r="{}" fill="{}"/>').format(
            f"{x(p.year):.1f}",
            f"{y(p.display_value):.1f}",
            "2.8" if latest else "1.8",
            WARN if p.distinct_values > 1 else LINE,
        )
        parts.append(
            _linked(
                cite,
                p.figure.provenance,
                f"{p.year}年：{with_unit(format_number(p.display_value), series.unit)}",
                dot,
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def line_chart(
    series: Series, cite: Cite, target: float | None = None, target_label: str = ""
) -> Markup:
    """Yearly values with labelled points, and the plan target as a dashed line."""
    width, height = 340.0, 200.0
    left, right, top, bottom = 58.0, 18.0, 28.0, 30.0
    values = [p.display_value for p in series.points]
    lo, hi, step = _domain([*values, *([target] if target is not None else [])])
    years = [p.year for p in series.points]
    x0, x1 = min(years), max(years)

    def x(year: int) -> float:
        inner = width - left - right - 30
        return left + 15 + inner * ((year - x0) / (x1 - x0) if x1 > x0 else 0.5)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (hi - value) / (hi - lo)

    title = f"{series.indicator_name}（{series.region}）"
    parts = [_svg_open(width, height, f"{title}，单位：{series.unit or '—'}", "chart line-chart")]
    parts.append(
        Markup('<text x="{}" y="16" font-size="12" fill="{}">{}</text>').format(
            left - 50, MUTED, _clip(f"单位：{series.unit}" if series.unit else "", 12, 200)
        )
    )
    tick = lo
    while tick <= hi + step / 2:
        ty = y(tick)
        parts.append(
            Markup(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>'
            ).format(
                left,
                width - right,
                f"{ty:.1f}",
                f"{ty:.1f}",
                GRID,
                left - 6,
                f"{ty + 4:.1f}",
                MUTED,
                _tick_label(tick, step),
            )
        )
        tick += step
    for year in years:
        parts.append(
            Markup(
                '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}年</text>'
            ).format(f"{x(year):.1f}", height - 10, MUTED, year)
        )
    if target is not None:
        ty = y(target)
        parts.append(
            Markup(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1.2" '
                'stroke-dasharray="5 3"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>'
            ).format(
                left,
                width - right,
                f"{ty:.1f}",
                f"{ty:.1f}",
                TARGET,
                width - right,
                f"{ty - 4:.1f}",
                TARGET,
                target_label,
            )
        )
    coords = " ".join(f"{x(p.year):.1f},{y(p.display_value):.1f}" for p in series.points)
    parts.append(
        Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(
            coords, LINE
        )
    )
    for p in series.points:
        px, py = x(p.year), y(p.display_value)
        conflict = p.distinct_values > 1
        label = format_number(p.display_value) + (" ⚠" if conflict else "")
        body = Markup(
            '<circle cx="{}" cy="{}" r="4" fill="{}"/>'
            '<text x="{}" y="{}" font-size="11.5" fill="{}" text-anchor="middle">{}</text>'
        ).format(
            f"{px:.1f}",
            f"{py:.1f}",
            WARN if conflict else LINE,
            f"{px:.1f}",
            f"{py - 8:.1f}",
            WARN if conflict else INK,
            label,
        )
        tooltip = f"{p.year}年：{with_unit(format_number(p.display_value), series.unit)}"
        if conflict:
            tooltip += f"（各来源给出 {p.distinct_values} 个不同数值，见数据质量）"
        parts.append(_linked(cite, p.figure.provenance, tooltip, body))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def bar_chart(breakdown: Breakdown, cite: Cite) -> Markup:
    """Horizontal bars from zero, each value linked to its cell; the total as a dashed line."""
    font = 12.0
    bar_h, gap, top, bottom = 18.0, 8.0, 10.0, 14.0
    labels = [_clip(label, font, 170) for label, _ in breakdown.bars]
    label_w = min(180.0, max(_text_width(label, font) for label in labels) + 10)
    values = [fig.value or 0.0 for _, fig in breakdown.bars]
    total = breakdown.total.value if breakdown.total is not None else None
    lo, hi, _ = _domain([*values, *([total] if total is not None else [])], include_zero=True)
    plot_w = 230.0
    width = label_w + plot_w + 90
    height = top + len(values) * (bar_h + gap) + bottom

    def x(value: float) -> float:
        return label_w + plot_w * (value - lo) / (hi - lo)

    parts = [_svg_open(width, height, breakdown.title, "chart bar-chart")]
    zero = x(0.0)
    for i, ((label, fig), short) in enumerate(zip(breakdown.bars, labels, strict=True)):
        by = top + i * (bar_h + gap)
        value = fig.value or 0.0
        start, end = sorted((zero, x(value)))
        parts.append(
            Markup(
                '<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="end">'
                "<title>{}</title>{}</text>"
            ).format(label_w - 8, f"{by + bar_h - 4:.1f}", font, INK, label, short)
        )
        body = Markup(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>'
            '<text x="{}" y="{}" font-size="11.5" fill="{}">{}</text>'
        ).format(
            f"{start:.1f}",
            f"{by:.1f}",
            f"{max(end - start, 1):.1f}",
            bar_h,
            BAR,
            f"{max(end, zero) + 5:.1f}",
            f"{by + bar_h - 4:.1f}",
            INK,
            fig.text,
        )
        parts.append(_linked(cite, fig.provenance, f"{label}：{fig.text}", body))
    parts.append(
        Markup('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>').format(
            f"{zero:.1f}", f"{zero:.1f}", top - 4, f"{height - bottom + 2:.1f}", MUTED
        )
    )
    if breakdown.total is not None and total is not None:
        tx = x(total)
        line = Markup(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1.2" '
            'stroke-dasharray="4 3"/>'
            '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text>'
        ).format(
            f"{tx:.1f}",
            f"{tx:.1f}",
            top - 4,
            f"{height - bottom + 2:.1f}",
            TARGET,
            f"{tx:.1f}",
            f"{height - 2:.1f}",
            TARGET,
            f"合计 {breakdown.total.text}",
        )
        parts.append(
            _linked(cite, breakdown.total.provenance, f"合计：{breakdown.total.text}", line)
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
