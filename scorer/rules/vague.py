"""vague: the value cannot be checked at year end."""

from __future__ import annotations

from scorer.normalise import RowContext
from scorer.registry import Hit, rule
from scorer.rules.common import (
    contains_any,
    is_percent_on_non_rate,
    is_sentence,
    is_uncheckable_text,
    is_unfilled,
    repeats_name,
    units_table,
    vague_words_in,
)
from scorer.types import Severity, UnitFamily

_FIX_BY_GROUP = {
    "timeliness": "改为完成时限（如“12月底前完成”）或及时率（如“≥95%”）",
    "satisfaction": "改为满意度调查的百分比（如“≥90%”）",
    "quality": "改为合格率、完成率等可核验的比率",
    "quantity": "改为具体数量和单位",
    "social": "改为可测量的结果（如受益人数、办结率、覆盖率）",
    "economic": "改为可测量的经济结果并给出基数",
    "sustainable": "改为可核验的状态或时限（如“制度于6月底前印发”）",
}


def _fix(row: RowContext) -> str:
    return _FIX_BY_GROUP.get(row.group, "改为可量化或可核验的目标值")


@rule("V001", "value-without-standard", "vague", Severity.ERROR,
      message="指标值“{value}”无可考核标准（{evidence}），年末无法核验，建议{fix}")
def value_without_standard(row: RowContext) -> Hit | None:
    """A value with no figure and no deadline that names no checkable state.

    Degree words and slogans (显著增强, 有效提升, 切实保障, 及时, 长期) say which way, not how far.
    Qualitative values that name a state that holds or not (健全, 合规, 达标, 按时完成, 无重大事故) pass.
    Bad: 提升社会影响力 = 有效提升; 保障会议正常进行 = 切实保障.
    Good: 项目实施流程合规性 = 合规; 培训及时性 = 年底前.
    """
    if not is_uncheckable_text(row) or repeats_name(row) or is_sentence(row.value_text):
        return None
    found = vague_words_in(row.value_text)
    return Hit(evidence="、".join(found) or row.value_text, fields={"fix": _fix(row)})


@rule("V002", "value-repeats-name", "vague", Severity.ERROR,
      message="指标值“{value}”只是复述指标名称“{name}”，没有给出目标，建议{fix}")
def value_repeats_name(row: RowContext) -> Hit | None:
    """The value restates the indicator's own name instead of a target.

    Bad: 经费下发及时率 = 及时率; 订阅杂志及时性 = 及时性; 机要保密系统正常运转 = 正常.
    Good: 经费下发及时率 = 100%.
    """
    if not is_uncheckable_text(row) or not repeats_name(row) or is_sentence(row.value_text):
        return None
    return Hit(evidence=row.value_text, fields={"fix": _fix(row)})


@rule("V003", "sentence-as-value", "vague", Severity.ERROR,
      message="指标值是一整句话，没有可核验的目标值，建议{fix}")
def sentence_as_value(row: RowContext) -> Hit | None:
    """A whole sentence in the value cell instead of a target.

    Bad: 有较好的社会影响 = 通过接待和走访群众、协助解决群众困难，使代表工作成效受到群众广泛认可。
    Good: 群众诉求办结率 = ≥90%.
    """
    if row.value.has_number or not row.value_text or not is_sentence(row.value_text):
        return None
    return Hit(evidence=row.value_text[:30], fields={"fix": _fix(row)})


@rule("V004", "rate-without-base", "vague", Severity.ERROR,
      message="“{name}”是没有基数的提升率，{value}无从计算，建议给出基期数值和目标数值")
def rate_without_base(row: RowContext) -> Hit | None:
    """A 提升率 / 提高率 with no base: improvement of what, from what, cannot be computed.

    Bad: 先进经验交流提升率 = ≥99%; 代表意见采纳提升率 = ≥99%.
    Good: 代表意见采纳率 = ≥60%; 提高代表履职率 = ≥10% (a rate that is raised, not a 提升率).
    """
    found = contains_any(row.name, units_table()["undefined_rate_words"])
    if found and row.value.family is UnitFamily.PERCENT:
        return Hit(evidence=found[0])
    return None


@rule("V005", "percent-on-non-rate", "vague", Severity.ERROR,
      message="“{name}”不是比率，{value}无从计算，建议改为可测量的指标（如完成率、次数）")
def percent_on_non_rate(row: RowContext) -> Hit | None:
    """A percentage on a name that is not a share (能力, 作用, 效率): no one can say what 90% of it is.

    Bad: 业务保障能力 = ≥90%; 对全区代表工作的推动作用 = ≥90%; 远程工作效率 = ≥98%.
    Good: 业务办结率 = ≥90%.
    """
    return Hit(evidence=row.name) if is_percent_on_non_rate(row) else None


@rule("V006", "unfilled-template", "vague", Severity.ERROR,
      message="指标未填写（“{name}” = “{value}”），是模板占位，建议填写实际指标和目标值")
def unfilled_template(row: RowContext) -> Hit | None:
    """A template row nobody filled in: name 0 / 指标1 / ……, value 0, 0.00%, ≥**%, 高中低.

    Bad: 指标1 = ≥**%.
    Good: 培训人数 = ≥60人.
    """
    return Hit(evidence=row.value_text) if is_unfilled(row) else None
