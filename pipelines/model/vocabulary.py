"""The words that give a table label or a sentence its meaning: one list of each, shared.

Extraction (grid, prose), the model (observations, periods), the derived checks and the report
must agree on what a total row, a rate, a change or a target is; separate copies drifted apart
(a ``全区`` row was a total for the grid and the report but not for the arithmetic check).
"""

from __future__ import annotations

import re

from pipelines.model.values import NOTE_NUMERAL

# A row or column that totals its neighbours: 合计（户）, 总数, 全区, 全区合计, 企业合计.
TOTAL_WORDS = ("合计", "总计", "小计", "总数", "总量", "总体", "全区", "全市")
_TOTAL_ENDINGS = ("合计", "总计")

# A measure that is a ratio: 合格率, 占比, 比重, 覆盖面.
RATE_WORDS = ("率", "占比", "比重", "比例", "覆盖面")

# A column or row of changes against an earlier value (同比 (%), 增长%, 比上年, ±).
CHANGE_WORDS = ("同比", "增长", "增速", "增幅", "比上年", "+/-", "±", "增减", "变化", "比重提高")
# The change words that also say the base is the previous year (变化 alone does not).
YEAR_ON_YEAR_WORDS = ("同比", "比上年", "增长", "增速", "增幅", "+/-", "±", "增减")

# Verbs before a figure in prose that make it a change (同比下降 5.6%, 提高 2 个百分点), as one
# regex alternation: longer forms first, so 增长率为 wins over 增长.
CHANGE_VERBS = (
    "同比增|同比降|同比减|环比增|环比降|增长率为|增长率|增幅为|增幅达|增幅|降幅为|降幅达|增速为|增速|"
    "增长了|下降了|增加了|减少了|"
    "负增长|增长|下降|增加|减少|提高|提升|上升|降低|下滑|回落|收窄|扩大|减量|多增|少增|"
    "上涨|下跌|压缩|缩短|缩减|加快|放缓|回升|高出|低出"
)

# A label or title naming a target (2025 年目标值, 预期, 计划, 力争).
TARGET_WORDS = ("目标", "预期", "计划", "力争")


def _bare(label: str) -> str:
    """The label without parenthesised units or notes and without spaces: 合计（户） → 合计."""
    return re.sub(r"[（(].*?[)）]|\s+", "", label)


def is_total_label(label: str) -> bool:
    """A total: the label starts with a total word or ends with 合计/总计 (全区合计)."""
    bare = _bare(label)
    return bare.startswith(TOTAL_WORDS) or bare.endswith(_TOTAL_ENDINGS)


def is_grand_total_label(label: str) -> bool:
    """合计, 总计, 全区: a total that may be the whole table's. A part's total is none: 小计, and
    a label ending in a total word (餐饮环节合计) totals its part."""
    bare = re.sub(r"\s+", "", label)
    return bare.startswith(TOTAL_WORDS) and not bare.startswith("小计")


def is_target_label(label: str) -> bool:
    return any(word in label for word in TARGET_WORDS)


# What numbers an item of a list or a row rather than naming it: 1. 1.2. 一、 （一） (1) ①
# (not the numerals of a name: 一、二产业, the first and second industries)
ITEM_NUMBER = (
    r"(?:\d+(?:\.\d+)*\s*[.、．](?!\d)"
    r"|[一二三四五六七八九十]+[、.．](?![一二三四五六七八九十]+[、产级])"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|" + NOTE_NUMERAL.pattern + ")"
)
