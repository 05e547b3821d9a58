"""Indicator names derived from labels, and the curated registry that gives them stable codes.

A table cell names its indicator through its table title, row path and column path; a sentence
through its subject and measure. Both are reduced to a derived key with periods, units, regions
and bookkeeping words removed, so that the registry (``warehouse/indicators.yaml``) can map the
same indicator from a white-paper table, a plan's target table and a work summary's prose to one
code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pipelines.model.periods import strip_periods
from pipelines.model.units import is_unit, unit_in_label
from pipelines.model.values import NOTE_NUMERAL, REFERENCE_MARK
from pipelines.model.vocabulary import ITEM_NUMBER
from pipelines.paths import INDICATORS_FILE

HIGHER, LOWER, NEUTRAL = "higher_is_better", "lower_is_better", "neutral"

# Words that say how a value is measured or counted, not what is measured.
_MEASURE_WORDS = re.compile(
    r"^(?:同比(?:增长|增减|变化)?|环比|增长|增速|增幅|增减|比上年(?:增长|增减)?|\+/-|±|"
    r"目标值?|预期值?|数值|数量|总量|金额|情况|合计|总计|小计|总数|全区|全市|其中|备注|"
    r"完成值?|实际值?|计量单位|单位)$"
)
_TITLE_NOISE = re.compile(
    r"(?:基本情况|相关情况|对比情况|完成情况|情况表|情况|汇总表|一览表|统计表|名录|名单|"
    r"分行业|分类|表)$"
)
_GENERIC_TITLE = re.compile(r"指标")
# what marks or numbers a row rather than naming it: 其中, #, and the item numbers
# a note mark after a label points to a note under the table: 合格率①, 批次*, 产值（注1）
_NOTE_MARKS = re.compile(
    r"(?:" + NOTE_NUMERAL.pattern + "|" + REFERENCE_MARK + r"|[（(]注\s*\d*[)）])+\s*$"
)
_LEADING_MARKERS = re.compile(r"^(?:其中[:：]?|[#*＊]+|" + ITEM_NUMBER + r")\s*")


def drop_unit_groups(label: str) -> str:
    """Remove bracketed units ``（亿元）``, ``(微克/立方米)`` and a trailing bare ``%``."""
    unit = unit_in_label(label)
    text = label
    if unit:
        text = re.sub(r"[（(]\s*" + re.escape(unit) + r"\s*[)）]", "", text)
    text = re.sub(r"[（(]\s*[%％‰]\s*[)）]|[%％‰]$", "", text)
    return text.strip()


def clean_label(label: str, regions: frozenset[str] = frozenset()) -> str:
    """A label reduced to what it says about the measured thing."""
    text = _LEADING_MARKERS.sub("", label.strip())
    text = _NOTE_MARKS.sub("", text).strip()
    text = strip_periods(drop_unit_groups(text))
    for region in regions:
        text = text.replace(region, "")
    text = re.sub(r"\s+", "", text).strip("·:：,，、")
    text = re.sub(r"^[（(](.*)[)）]$", r"\1", text)  # "2023 年（增幅）" leaves "（增幅）"
    if not text or is_unit(text) or _MEASURE_WORDS.match(text):
        return ""
    return text


def title_core(title: str, regions: frozenset[str] = frozenset()) -> str:
    """The subject of a table title: ``2022 年闵行区食品抽检情况`` → ``食品抽检``."""
    text = clean_label(title, regions | {"全区", "本区", "上海市", "全市"})
    text = re.sub(r"^(?:年度?|度)", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _TITLE_NOISE.sub("", text)
    if _GENERIC_TITLE.search(text):
        return ""
    return text


def canonical_key(text: str) -> str:
    """Spaces removed, brackets full-width: the form registry rules are written against."""
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def derive_indicator_key(
    title: str,
    row_labels: tuple[str, ...],
    col_labels: tuple[str, ...],
    regions: frozenset[str] = frozenset(),
) -> str:
    """Derived indicator key, e.g. ``食品抽检·流通·合格率``."""
    parts = [title_core(title, regions)]
    parts += [clean_label(label, regions) for label in row_labels]
    parts += [clean_label(label, regions) for label in col_labels]
    key: list[str] = []
    for part in parts:
        # "四大园区规模以上工业总产值" already says "规模以上工业总产值"
        if part and part not in key and not (len(part) >= 4 and any(part in k for k in key)):
            key.append(part)
    return canonical_key("·".join(key))


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    domain: str
    unit: str | None
    direction: str
    definition: str | None
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class IndicatorRegistry:
    indicators: tuple[Indicator, ...]

    def match(self, derived_key: str) -> Indicator | None:
        """First registry entry whose rule is found in the derived key (spaces ignored)."""
        text = canonical_key(derived_key)
        for indicator in self.indicators:
            if any(p.search(text) for p in indicator.patterns):
                return indicator
        return None


@lru_cache(maxsize=4)
def load_registry(path: Path = INDICATORS_FILE) -> IndicatorRegistry:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    indicators = []
    for entry in data["indicators"]:
        direction = entry.get("direction", NEUTRAL)
        if direction not in (HIGHER, LOWER, NEUTRAL):
            raise ValueError(f"{path.name}: {entry['code']} has unknown direction {direction!r}")
        indicators.append(
            Indicator(
                code=entry["code"],
                name=entry["name"],
                domain=entry["domain"],
                unit=entry.get("unit"),
                direction=direction,
                definition=entry.get("definition"),
                patterns=tuple(re.compile(p) for p in entry["match"]),
            )
        )
    codes = [i.code for i in indicators]
    if len(codes) != len(set(codes)):
        raise ValueError(f"{path.name}: duplicate indicator codes")
    return IndicatorRegistry(tuple(indicators))
