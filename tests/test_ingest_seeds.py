"""Every labelled seed row is read, from each of the five shapes, with the project it belongs to."""

from __future__ import annotations

from collections import Counter

import pytest

from scorer.text import compact


def _key(project: str, level3: str, value: str) -> tuple[str, str, str]:
    return compact(project), compact(level3), compact(value)


@pytest.mark.parametrize(
    "stem",
    ["000_e76689bf9da19685", "001_f5a07e9a9447bfa6", "002_7d1d3af06469c7e6", "003_e894add5ed61165e", "004_a8214dea69c3fa7a"],
)
def test_seed_rows_match_labels(stem, seed_documents, gold_rows):
    document = seed_documents[stem]
    read = Counter(_key(p.name, i.level3, i.value) for p in document.projects for i in p.indicators)
    gold = Counter(_key(g["project"], g["level3"], g["value"]) for g in gold_rows if g["doc"] == stem)
    assert read == gold


def test_levels_inherit_merged_cells(seed_documents):
    """Seed 001: cost rows whose 三级指标 cell is merged take the name from the row above."""
    project = next(p for p in seed_documents["001_f5a07e9a9447bfa6"].projects if p.name == "市人大常委会会议经费")
    costs = [(i.level1, i.level2, i.level3, i.value) for i in project.indicators if i.level2 == "成本指标"]
    assert costs == [("产出指标", "成本指标", "会议成本", v) for v in ("3.8万", "7万", "1.8万")]


def test_a_procurement_table_s_total_is_no_project_without_a_table(seed_documents):
    """Seed 002's 政府采购预算 table has a 项目名称 column whose only row is 合  计: it was listed as a project whose
    indicator table is missing (项目名称之后没有读到指标表 合计); it is the table's total."""
    skipped = seed_documents["002_7d1d3af06469c7e6"].skipped
    assert not [skip for skip in skipped if skip.reason == "项目名称之后没有读到指标表"]
    assert [compact(skip.text) for skip in skipped if skip.reason == "没有指标的汇总行（单位或合计行）"] == ["合计"]


def test_project_form_fields(seed_documents):
    project = seed_documents["000_e76689bf9da19685"].projects[6]
    assert project.name == "人大代表培训经费"
    assert project.code == "13070024P00004810005W"
    assert project.budget == 35.0 and project.fiscal_funds == 35.0
    assert project.purpose.startswith("用于支付全国、省、市人大代表")
    assert project.schedule == [("3月底", 25.0), ("6月底", 50.0), ("10月底", 75.0), ("12月底", 100.0)]
    assert project.goals and project.goals[0].startswith("1. 通过培训")


def test_department_prose_targets(seed_documents):
    projects = {p.name: p for p in seed_documents["003_e894add5ed61165e"].projects if p.department_level}
    meeting = projects["部门整体-人大会议"]
    assert [(i.level3, i.value) for i in meeting.indicators] == [
        ("政治任务实现率", "大于等于95%"),
        ("会议筹备及会务工作的完成率", "大于等于95%"),
    ]
    assert meeting.goal.startswith("承担区人民代表大会")


def test_nested_list_splits_two_indicators_in_one_item(seed_documents):
    project = next(p for p in seed_documents["004_a8214dea69c3fa7a"].projects if p.name == "编外人员目标考核奖")
    rows = [(i.level2, i.level3, i.value) for i in project.indicators]
    assert ("社会效益指标", "政策知晓率", "≥95%") in rows
    assert ("社会效益指标", "带动就业人数", "=5人") in rows
    assert ("时效指标", "", "按时发放") in rows


def test_wide_table_project_facts(seed_documents):
    document = seed_documents["004_a8214dea69c3fa7a"]
    project = next(p for p in document.projects if p.name == "常委会会议经费")
    assert project.budget == 4.25
    assert any("6-8次" in goal for goal in project.goals)
    assert document.year == 2024


def test_unread_rows_are_counted_with_a_reason(seed_documents):
    document = seed_documents["004_a8214dea69c3fa7a"]
    reasons = Counter(s.reason for s in document.skipped)
    assert reasons["没有指标的汇总行（单位或合计行）"] == 3


def test_every_indicator_carries_its_location(seed_documents):
    for document in seed_documents.values():
        for project in document.projects:
            for indicator in project.indicators:
                assert indicator.location.source == document.source
                assert indicator.location.line
