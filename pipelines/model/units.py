"""Recognise units in labels and scale printed values to canonical units.

The unit vocabulary is data (``warehouse/units.yaml``), not code: a new report with a new counter
word needs a line of YAML, not a release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pipelines.model.values import normalize
from pipelines.paths import UNITS_FILE

# Header words that end in a counter and state the unit of their column ("受检批次" → 批次).
_COUNTER_SUFFIXES = ("批次", "人次", "家次", "件次", "户次", "台次")
_COUNTER_NUMBER = re.compile(r"(批次|人次|家次|件次|户次|台次)数$")
_PAREN_GROUP = re.compile(r"[（(]([^（）()]*(?:\([^()]*\))?[^（）()]*)[）)]")
_UNIT_LINE = re.compile(
    r"(?:计量)?单位\s*[:：]\s*(?P<unit>[^\s，,、。；;）)]{1,12})"
    r"(?:\s*(?P<sep>[，,、/])\s*(?P<more>[^\s，,、。；;）)]{1,12}))?"
)


@dataclass(frozen=True)
class UnitInfo:
    """A unit as printed, resolved to its dimension and canonical unit."""

    printed: str
    dimension: str
    canonical: str
    factor: float


@dataclass(frozen=True)
class UnitVocabulary:
    units: dict[str, tuple[str, str, float]]
    magnitudes: dict[str, float]

    def lookup(self, printed: str | None) -> UnitInfo | None:
        """Resolve ``万人`` to (count, 人, 10000); ``None`` for words that are not units."""
        if not printed:
            return None
        parts = self.split(printed)
        if parts is None:
            return None
        prefix, base = parts
        dimension, canonical, factor = self.units[base]
        return UnitInfo(printed, dimension, canonical, factor * self.magnitudes.get(prefix, 1.0))

    def split(self, printed: str) -> tuple[str, str] | None:
        """``万人`` as its magnitude and base unit (万, 人); ``人`` as ("", 人)."""
        text = normalize(printed).replace(" ", "")
        for prefix in ["", *sorted(self.magnitudes, key=len, reverse=True)]:
            if text.startswith(prefix) and text[len(prefix) :] in self.units:
                return prefix, text[len(prefix) :]
        return None


@lru_cache(maxsize=1)
def vocabulary(path: Path = UNITS_FILE) -> UnitVocabulary:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    units = {
        normalize(str(entry["unit"])): (
            entry["dimension"],
            str(entry["canonical"]),
            float(entry.get("factor", 1)),
        )
        for entry in data["units"]
    }
    magnitudes = {str(k): float(v) for k, v in data["magnitudes"].items()}
    return UnitVocabulary(units=units, magnitudes=magnitudes)


def is_unit(text: str | None) -> bool:
    return vocabulary().lookup(text) is not None


def unit_in_label(label: str | None) -> str | None:
    """The unit a row label, column header or caption states, e.g. ``SO2 年均值（微克/立方米）``.

    Only bracketed groups that are units count: ``妇女用品（女士内衣）`` states none.
    """
    if not label:
        return None
    text = label.strip()
    if is_unit(text):
        return text
    for group in reversed(_PAREN_GROUP.findall(text)):
        candidate = group.strip()
        if is_unit(candidate):
            return candidate
        if declared := declared_unit(candidate):
            return declared
    if declared := declared_unit(text):
        return declared
    compact = normalize(text).replace(" ", "")
    if compact.endswith(("%", "(%)")) and len(compact) > 1:
        return "%"
    if counted := _COUNTER_NUMBER.search(compact):
        return counted.group(1)  # "合格批次数" counts 批次
    if compact.endswith(_COUNTER_SUFFIXES):
        return next(s for s in _COUNTER_SUFFIXES if compact.endswith(s))
    return None


def _declared_units(line: str) -> list[str]:
    """The units a ``单位：…`` declaration lists: one (``单位：微克/立方米``) or several
    (``单位：家、%``, ``单位：万元/%``, ``单位：户/人``; after 、 a rate no unit of ours,
    ``万元、万元/人``, still makes a list; after a comma a word that is no unit is a remark:
    ``单位：亿元，数据截至年底``). Empty when the first is no unit."""
    match = _UNIT_LINE.search(line)
    if match is None:
        return []
    first, more = match.group("unit"), match.group("more")
    if not is_unit(first):
        # "万元/%", "户/人": units set apart by a slash (a rate such as 微克/立方米 is one unit)
        parts = first.split("/")
        return parts if len(parts) >= 2 and all(is_unit(p) for p in parts) else []
    # after 、 a unit, or one we do not know of the same make ("万元、万元/人")
    listed = more and (is_unit(more) or (match.group("sep") == "、" and "/" in more))
    return [first, more] if listed else [first]


def declares_units(line: str) -> bool:
    """A ``单位：亿元`` declaration, of one unit or a list of them (``单位：家、%``)."""
    return bool(_declared_units(line))


def declared_unit(line: str) -> str | None:
    """Unit declared by a ``单位：亿元`` line above or below a table. None for a list of units
    (``单位：家、%``): each column's header says which is its own, no one unit is the table's."""
    units = _declared_units(line)
    return units[0] if len(units) == 1 else None
