"""Project completeness (P…): groups of indicators a project's table should have, and its own numbers."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from scorer.costs import price_per_unit, quantity_paid_for
from scorer.normalise import ProjectContext
from scorer.predicates import cost_amount
from scorer.registry import Hit, rule
from scorer.text import bigrams
from scorer.types import Severity, UnitFamily

_GROUP_WORDS = {
    "quantity": "数量",
    "quality": "质量",
    "timeliness": "时效",
    "cost": "成本",
    "effect": "效益",
    "satisfaction": "满意度",
}


def _groups(project: ProjectContext) -> set[str]:
    present = {row.group for row in project.rows} | {row.level1_group for row in project.rows}
    if present & {"economic", "social", "ecological", "sustainable"}:
        present.add("effect")
    return present


@rule(
    "P101",
    "missing-output-groups",
    "completeness",
    Severity.WARNING,
    scope="project",
    message="产出指标缺少{evidence}指标，建议补充",
)
def missing_output_groups(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """The table lacks one of the output groups 数量, 质量, 时效.

    Bad: a project with only 完成率 rows.
    Good: 培训次数 (数量), 培训合格率 (质量), 培训及时率 (时效).
    """
    missing = [_GROUP_WORDS[g] for g in ("quantity", "quality", "timeliness") if g not in _groups(project)]
    if missing and project.rows:
        yield None, Hit(evidence="、".join(missing))


@rule("P102", "missing-effect", "completeness", Severity.WARNING, scope="project", message="缺少效益指标，无法评价资金产生的效果")
def missing_effect(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """No 效益 row: the table says what is done, not what it achieves.

    Bad: a table of 产出 rows only.
    Good: 社会效益指标 / 代表建议办结率 = ≥95%.
    """
    if project.rows and "effect" not in _groups(project):
        yield None, Hit()


@rule("P103", "missing-satisfaction", "completeness", Severity.WARNING, scope="project", message="缺少满意度指标")
def missing_satisfaction(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """No 满意度 row for the people served.

    Bad: a table without 服务对象满意度指标.
    Good: 参训人员满意度 = ≥98%.
    """
    if project.rows and "satisfaction" not in _groups(project):
        yield None, Hit()


@rule("P104", "missing-cost", "completeness", Severity.WARNING, scope="project", message="缺少成本指标，无法判断资金是否用得经济")
def missing_cost(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """No cost row at all.

    Bad: a table without 成本指标.
    Good: 会议成本 = ≤8万元.
    """
    if project.rows and "cost" not in _groups(project):
        yield None, Hit()


@rule("P105", "spending-schedule", "completeness", Severity.WARNING, scope="project", message="资金支出计划{evidence}")
def spending_schedule(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """The spending schedule does not reach 100% by year end, or goes backwards.

    Figures that add up to 100% are each period's share (一季度 35%, 二季度 35%, 三季度 30%), whose cumulative share
    reaches 100%: neither.
    Bad: 3月底 30%, 6月底 20%; 12月底 80%.
    Good: 3月底 25%, 6月底 50%, 10月底 75%, 12月底 100%; 一季度 35%, 二季度 35%, 三季度 30%.
    """
    figures = [v for _, v in project.project.schedule if v is not None]
    if not figures:
        return
    if len(figures) > 1 and abs(sum(figures) - 100) <= 0.5:
        return  # each period's share, adding up to the whole budget
    if any(later < earlier for earlier, later in itertools.pairwise(figures)):
        yield None, Hit(evidence="出现倒退（累计进度下降）")
    elif figures[-1] < 100 and len(figures) == len(project.project.schedule):
        yield None, Hit(evidence=f"年末只到{figures[-1]:g}%")


_GENERIC_GOAL_WORDS = {
    "组织",
    "开展",
    "完成",
    "工作",
    "进行",
    "做好",
    "保障",
    "提高",
    "提升",
    "加强",
    "确保",
    "目标",
    "通过",
    "推动",
    "促进",
    "及以上",
    "以上",
    "年度",
    "全年",
}


@rule("P106", "goal-not-measured", "completeness", Severity.INFO, scope="project", message="绩效目标“{evidence}”没有对应的指标")
def goal_not_measured(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """A numbered goal that no indicator measures (no word of it appears in any indicator).

    Bad: goal 组织代表开展代表活动月活动 with no indicator about 代表活动.
    Good: goal 培训代表2次 with indicator 培训班次 = ≥2次.
    """
    if len(project.project.goals) < 2:
        return
    # words that tie a goal to nothing in particular: the project's own name, and generic goal words
    common = bigrams(project.name).union(*(bigrams(word) for word in _GENERIC_GOAL_WORDS))
    indicator_words = frozenset().union(*(bigrams(row.name + row.indicator.description) for row in project.rows))
    for goal in project.project.goals:
        words = bigrams(goal) - common
        if words and not words & indicator_words:
            yield None, Hit(evidence=goal[:30])


@rule(
    "P107",
    "too-few-indicators",
    "completeness",
    Severity.WARNING,
    scope="project",
    message="只有{evidence}条指标，不足以反映项目的产出和效果",
)
def too_few_indicators(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """Fewer than three indicators for a whole project or department task.

    Bad: 人大事务管理 with one 工作任务完成率 = 100%.
    Good: three or more indicators across output, effect and satisfaction.
    """
    if 0 < len(project.rows) < 3:
        yield None, Hit(evidence=str(len(project.rows)))


@rule(
    "P108",
    "costs-cover-little-budget",
    "completeness",
    Severity.WARNING,
    scope="project",
    message="成本指标合计{total:g}万元，只覆盖预算{budget:g}万元的{share:.0%}，其余资金用途没有成本约束",
)
def costs_cover_little_budget(project: ProjectContext) -> Iterator[tuple[None, Hit]]:
    """Cost rows that account for under half of the budget: most of the money has no cost target.

    A price per one thing, written so or named so (单处改造补助 ≤4.5万元), counts as the price times the quantity the
    project states for what it pays for (as L103 reads it: 20元/人·年 with 签约服务人数 3万人 is 60万元); a table with a
    price whose quantity it does not state, or with prices per one thing only, is not judged.
    Bad: 业务费 95万元 with one 设备 cost row of 15万元.
    Good: cost rows adding up to the budget; 家庭医生签约服务补助 60万元 with 签约服务补助标准 = 20元/人 and 签约服务人数 = 3万人.
    """
    budget = project.project.budget
    if not budget:
        return
    total = 0.0
    amounts = 0  # cost rows of an amount: a table of prices per one thing only is not judged
    for row in (r for r in project.rows if r.group == "cost"):
        # a price per one thing, written so (3000元/人) or named so (单处改造补助 ≤4.5万元, 每公里改造成本 ≤80万元)
        priced = price_per_unit(row, ceilings=True) if row.value.family is UnitFamily.MONEY else None
        amount = None if priced else cost_amount(row)
        if amount is not None:
            total, amounts = total + amount, amounts + 1
        elif priced or (row.value.family is UnitFamily.MONEY and "/" in row.value.unit):
            quantity = quantity_paid_for(project, row, priced[1]) if priced else None
            if priced is None or quantity is None:
                return  # a price whose quantity the table does not state (or per two things): what it covers is unknown
            total += priced[0] * quantity
    if not amounts:
        return
    if total < 0.5 * budget:
        yield None, Hit(evidence=f"{total:g}", fields={"total": total, "budget": budget, "share": total / budget})
