"""Which region a fact is about: the document's own, or a district, town or park a label names.

The hierarchy is 上海市 > 区 > 街镇/园区. A row or column that names a sub-region (``莘庄工业区``,
``浦江镇``) makes that the region; everything else is about the document's region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pipelines.paths import REGIONS_FILE

CITY, DISTRICT, SUB_REGION = "city", "district", "sub_region"


@dataclass(frozen=True)
class Region:
    name: str
    level: str  # city | district | sub_region
    parent: str | None


@dataclass(frozen=True)
class RegionBook:
    city: str
    districts: frozenset[str]
    suffix: re.Pattern[str]
    generic: frozenset[str]

    def known(self, name: str | None) -> Region | None:
        """A region named exactly by ``name`` (a label or a document's region field)."""
        if not name:
            return None
        name = name.strip()
        # 全市 / 本市 in a district's table is the city it compares itself with
        if name in (self.city, self.city.removesuffix("市"), "全市", "本市"):
            return Region(self.city, CITY, None)
        if name in self.districts:
            return Region(name, DISTRICT, self.city)
        short = {d.removesuffix("区").removesuffix("新"): d for d in self.districts}
        if name in short:
            return Region(short[name], DISTRICT, self.city)
        return None

    def named_by(self, label: str, parent: str | None) -> Region | None:
        """The region a row/column label names, if it names one."""
        label = re.sub(r"\s+", "", label)
        if region := self.known(label):
            return region
        if label in self.generic or re.search(r"\d", label) or not 2 <= len(label) <= 14:
            return None
        if self.suffix.search(label):
            return Region(label, SUB_REGION, parent)
        return None


@lru_cache(maxsize=1)
def region_book(path: Path = REGIONS_FILE) -> RegionBook:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    suffixes = sorted(data["sub_region_suffixes"], key=len, reverse=True)
    return RegionBook(
        city=data["city"],
        districts=frozenset(data["districts"]),
        suffix=re.compile("(?:" + "|".join(map(re.escape, suffixes)) + ")$"),
        generic=frozenset(data.get("generic", [])),
    )


def document_region(name: str | None) -> Region:
    book = region_book()
    return book.known(name) or Region(name or book.city, DISTRICT if name else CITY, book.city)


def resolve_region(labels: tuple[str, ...], default: Region) -> tuple[Region, tuple[str, ...]]:
    """The innermost label naming a region wins; returns it and the labels left for the name."""
    book = region_book()
    for i in range(len(labels) - 1, -1, -1):
        region = book.named_by(labels[i], default.name)
        if region is not None:
            return region, labels[:i] + labels[i + 1 :]
    return default, labels
