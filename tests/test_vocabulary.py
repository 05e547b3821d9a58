"""One vocabulary for totals, rates, changes and targets, shared by every step."""

import pytest

from pipelines.model.vocabulary import is_target_label, is_total_label


@pytest.mark.parametrize(
    "label",
    ["合计", "合计（户）", "总计", "小计", "总数（户）", "总量", "总体", "全区", "全市"],
)
def test_totals(label: str) -> None:
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["全区合计", "企业合计"])
def test_totals_by_their_ending(label: str) -> None:
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["生产", "用电总量", "规模以上工业总产值", "合格率", "闵行区"])
def test_not_totals(label: str) -> None:
    assert not is_total_label(label)


@pytest.mark.parametrize("label", ["2025 年目标值", "预期", "2023年工作计划", "力争"])
def test_targets(label: str) -> None:
    assert is_target_label(label)
