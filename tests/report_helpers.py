"""Builders for the report tests: a warehouse whose document text tries to inject markup.

Shared by ``test_report.py`` and ``test_report_browser.py``: the same hostile strings must be
inert both in the HTML source and in a real browser.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import duckdb

SCRIPT = '<script>document.title="pwned";window.__pwned=1</script>'
IMG = "<img src=x onerror=\"document.title='pwned';window.__pwned=2\">"
SVG = '<svg onload="window.__pwned=3"></svg>'
ATTRIBUTE_BREAK = '" onmouseover="window.__pwned=4" x="'
HOSTILE_INDICATOR = "PQ_PRODUCT_SAMPLING_PASS_RATE"


def hostile_copy(source: Path, target: Path) -> Path:
    """Copy the warehouse and put markup where document text flows into the report.

    Covers a document title, a registered indicator's name (scorecard, domain table, chart
    labels and tooltips), every quote (source notes and ``title`` attributes), a table title, a
    region and a data-quality finding.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    with duckdb.connect(str(target)) as con:
        con.execute(
            "UPDATE dim_document SET title = title || ?, issuer = coalesce(issuer, '') || ?",
            [SCRIPT + IMG, ATTRIBUTE_BREAK],
        )
        con.execute(
            "UPDATE dim_indicator SET name = name || ? WHERE indicator_code = ?",
            [SVG + ATTRIBUTE_BREAK, HOSTILE_INDICATOR],
        )
        con.execute("UPDATE fact_observation SET quote = quote || ? WHERE quote IS NOT NULL", [IMG])
        con.execute("UPDATE source_facts SET quote = quote || ?", [SCRIPT])
        con.execute("UPDATE dim_source_table SET title = coalesce(title, '') || ?", [IMG])
        con.execute(
            """INSERT INTO data_quality_issues
               ("check", severity, suite, document_id, table_number, location, expected, found,
                message)
               SELECT 'hostile_check', 'warning', 'observations', min(document_id), 1, ?, ?, ?, ?
               FROM dim_document""",
            [ATTRIBUTE_BREAK, SCRIPT, IMG, SVG],
        )
    return target


class MarkupAudit(HTMLParser):
    """Every element and attribute of a page, to prove nothing executable got through."""

    EXECUTABLE_TAGS = frozenset({"script", "iframe", "object", "embed", "img", "foreignobject"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.event_attributes: list[tuple[str, str]] = []
        self.style_attributes: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.event_attributes.append((tag, name))
            if name == "style":
                self.style_attributes.append(tag)
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name == "id" and value is not None:
                self.ids.add(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def executable(self) -> list[str]:
        return [t for t in self.tags if t in self.EXECUTABLE_TAGS]


def audit(html: str) -> MarkupAudit:
    parser = MarkupAudit()
    parser.feed(html)
    parser.close()
    return parser
