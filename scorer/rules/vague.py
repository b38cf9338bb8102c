"""vague: the value cannot be checked at year end."""

from __future__ import annotations

import re

from scorer.messages import text
from scorer.normalise import RowContext, asks_an_act
from scorer.predicates import (
    checkable_words,
    contains_any,
    ends_with_any,
    hedges_state,
    is_percent_name,
    is_percent_on_non_rate,
    is_percent_on_non_share,
    is_plain_pledge,
    is_sentence,
    is_uncheckable_text,
    is_unfilled,
    name_forms_table,
    name_is_aim,
    repeats_name,
    strong_degree_words,
    units_table,
    vague_words_in,
    value_names_its_measure,
    without_citations,
)
from scorer.registry import Hit, rule
from scorer.types import Severity, UnitFamily

_FIX_BY_GROUP = {
    "timeliness": "改为完成时限（如“12月底前完成”）或及时率（如“≥95%”）",
    "satisfaction": "改为满意度调查的百分比（如“≥90%”）",
    "quality": "改为合格率、完成率等可核验的比率",
    "quantity": "改为具体数量和单位",
    "social": "改为可测量的结果（如受益人数、办结率、覆盖率）",
    "economic": "改为可测量的经济结果并给出基数",
    "sustainable": "改为年末可核验的状态或可量化的结果（如“……制度6月底前建立并运行”“……保持率≥95%”）",
}


def _fix(row: RowContext) -> str:
    """What to write instead, by what the name measures where it says so (a rate, a count, an instrument), else by the
    row's group: a rate is not told to become 受益人数、办结率, nor a 保管期限 a 制度's 印发 date."""
    name = row.name
    if is_percent_name(name):
        return "给出目标比率（如“≥95%”，或“较上年下降2个百分点”）"
    if ends_with_any(name, units_table()["count_endings"]):
        return "给出具体数量和单位（如“≥500人”“≥12次”）"
    if ends_with_any(name, name_forms_table()["instruments"]):
        return "写明建立或印发的时限（如“6月底前建立并运行”）"
    return _FIX_BY_GROUP.get(row.group, "改为可量化或可核验的目标值")


@rule(
    "V001",
    "value-without-standard",
    "vague",
    Severity.ERROR,
    message="指标值“{value}”无可考核标准{words}，年末无法核验，建议{fix}",
)
def value_without_standard(row: RowContext) -> Hit | None:
    """A value with no figure and no deadline that names no checkable state.

    Degree words and slogans (显著增强, 有效提升, 切实保障, 及时, 长期) say which way, not how far.
    Qualitative values that name a state that holds or not (健全, 合规, 达标, 按时完成, 无重大事故) pass, and so
    does a deadline counted from or back from an event, in digits or in words (每学期开学后一个月内, 收到申请后五个工作日内,
    开学前十天: scorer/values.py reads it as a duration); an event with no time (开学后尽快) does not. A limit of time
    with a degree after it (竣工后1年内明显改善, 12月底前明显改善) sets no standard for what is reached by then, in
    figures as in numerals.
    Bad: 提升社会影响力 = 有效提升; 保障会议正常进行 = 切实保障; 教科书发放时间 = 开学后尽快; 群众饮水条件 = 竣工后1年内明显改善.
    Good: 项目实施流程合规性 = 合规; 培训及时性 = 年底前; 资助资金发放时间 = 每学期开学后一个月内.
    """
    if not is_uncheckable_text(row) or repeats_name(row) or is_sentence(row.value_text):
        return None
    found = "、".join(filter(None, vague_words_in(row.value_text) or [hedges_state(row.value_text)]))
    # the words that make it so, where some do; the whole value quoted again says nothing (review 69)
    words = text("finding.vague_words", words=found) if found else ""
    return Hit(evidence=found or row.value_text, fields={"fix": _fix(row), "words": words})


@rule(
    "V002",
    "value-repeats-name",
    "vague",
    Severity.ERROR,
    message="指标值“{value}”只是复述指标名称“{name}”，没有给出目标，建议{fix}",
)
def value_repeats_name(row: RowContext) -> Hit | None:
    """The value restates the indicator's own name instead of a target.

    Bad: 经费下发及时率 = 及时率; 订阅杂志及时性 = 及时性; 机要保密系统正常运转 = 正常.
    Good: 经费下发及时率 = 100%.
    """
    if not is_uncheckable_text(row) or not repeats_name(row) or is_sentence(row.value_text):
        return None
    return Hit(evidence=row.value_text, fields={"fix": _fix(row)})


@rule("V003", "sentence-as-value", "vague", Severity.ERROR, message="指标值是一整句话，没有可核验的目标值，建议{fix}")
def sentence_as_value(row: RowContext) -> Hit | None:
    """A whole sentence in the value cell instead of a target.

    Bad: 有较好的社会影响 = 通过接待和走访群众、协助解决群众困难，使代表工作成效受到群众广泛认可。
    Good: 群众诉求办结率 = ≥90%.
    """
    cited = without_citations(row.value_text)
    if row.value.has_number or not row.value_text or not is_sentence(cited) or _checkable_states_listed(cited):
        return None  # a standard or rule cited by title or code is one name, however long (符合《…规范》)
    if is_plain_pledge(row):
        return None  # a pledge to follow named rules (严格执行《…办法》) is B013's formula, checked as 合规 is
    return Hit(evidence=row.value_text[:30], fields={"fix": _fix(row)})


@rule(
    "V004",
    "rate-without-base",
    "vague",
    Severity.ERROR,
    message="“{name}”是没有基数的提升率，{value}无从计算，建议给出基期数值和目标数值",
)
def rate_without_base(row: RowContext) -> Hit | None:
    """A 提升率 / 提高率 with no base: improvement of what, from what, cannot be computed.

    A name whose rate ends in a rise (…知晓率明显提高) is the same thing: the target is the rise.
    Bad: 先进经验交流提升率 = ≥99%; 代表意见采纳提升率 = ≥99%; 居民健康素养知晓率明显提高 = ≥90%.
    Good: 代表意见采纳率 = ≥60%; 提高代表履职率 = ≥10% (a rate that is raised, not a 提升率); 森林覆盖率提高 =
    ≥0.1个百分点 (a rise in points of a rate known today).
    """
    if row.value.family is not UnitFamily.PERCENT:
        return None
    if "百分点" in row.value.unit and not contains_any(row.name, units_table()["undefined_rate_words"]):
        return None  # 森林覆盖率提高 ≥0.1个百分点: a rise in points of a known rate is checkable
    found = contains_any(row.name, units_table()["undefined_rate_words"])
    rise = _RATE_THEN_RISE.search(row.name)
    if found:
        return Hit(evidence=found[0])
    if rise is not None:
        return Hit(evidence=rise.group(0))
    return None


_RATE_THEN_RISE = re.compile(r"率[^率]{0,4}(提升|提高|上升|增加|增强|改善)$")


@rule(
    "V005",
    "percent-on-non-rate",
    "vague",
    Severity.ERROR,
    also=(("unit_mismatch", Severity.WARNING),),
    message="“{name}”不是比率，{value}无从计算，建议改为可测量的指标（如完成率、次数）",
)
def percent_on_non_rate(row: RowContext) -> Hit | None:
    """A percentage on a name that is not a share (能力, 作用, 效率): no one can say what 90% of it is.

    A value that names its own measure (单元工程优良率≥85%, 分辨率不低于200dpi) says what the figure is of.
    Bad: 业务保障能力 = ≥90%; 对全区代表工作的推动作用 = ≥90%; 远程工作效率 = ≥98%.
    Good: 业务办结率 = ≥90%; 堤防工程质量 = 分部工程优良率≥90%.
    """
    if not is_percent_on_non_rate(row) or value_names_its_measure(row):
        return None
    return Hit(evidence=row.name)


@rule(
    "V006",
    "unfilled-template",
    "vague",
    Severity.ERROR,
    also=(("boilerplate", Severity.WARNING),),
    message="指标未填写（“{name}” = “{value}”），是模板占位，建议填写实际指标和目标值",
)
def unfilled_template(row: RowContext) -> Hit | None:
    """A template row nobody filled in: name 0 / 指标1 / ……, value 0, 0.00%, ≥**%, 高中低.

    Bad: 指标1 = ≥**%.
    Good: 培训人数 = ≥60人.
    """
    return Hit(evidence=row.value_text) if is_unfilled(row) else None


@rule(
    "V007",
    "percent-on-an-aim",
    "vague",
    Severity.ERROR,
    message="指标名称“{name}”是目标口号或情况描述，不是可计量的比率，{value}无从核验，建议改为可测量的指标（如完成率、次数、人数）",
)
def percent_on_an_aim(row: RowContext) -> Hit | None:
    """A percentage or a bare number set on a name that is an aim, a situation or a clause, not a measure.

    Targets must be 细化量化 (财政部《中央部门预算绩效目标管理办法》, 财预〔2015〕88号); a verb-object
    slogan (促进…发展, 保障…运转), a situation (…情况, …管理, …性) or a whole clause names an aim, and no
    figure says how far it is met.
    A name that holds its own quantity (购置课桌椅50套 = 100%) is a unit problem only (U007).
    A slogan's verb on things (维护安防设施 = 15) counts work done, and the bare number lacks only its unit (U003).
    Bad: 医疗服务水平改善情况 = 100%; 促进农村经济社会发展 = ≥95%; 保障群众基本文化权益 = 10.
    Good: 医疗设备完好率 = ≥95%; 路面养护正常开展 = 100% (an action, judged by U007 only); 维护消防设施 = 12.
    """
    if not name_is_aim(row) or is_percent_on_non_rate(row) or value_names_its_measure(row):
        return None
    bare = row.value.family is UnitFamily.NONE and row.value.has_number and not row.value.unit
    if bare and (row.form & {"share", "count", "unit_in_name"} or not row.form & {"slogan", "abstract"}):
        return None
    if bare and not row.form & {"abstract", "clause"} and ends_with_any(row.name, name_forms_table()["concrete_objects"]):
        return None  # 维护安防设施 = 15: work on things counted, its unit left off (U003)
    if is_percent_on_non_share(row) or bare:
        return Hit(evidence=row.name)
    return None


def _checkable_states_listed(text: str) -> bool:
    """Short checkable states joined by commas (符合GB要求，验收合格): a list of states, not a sentence."""
    parts = [part for part in re.split(r"[，,；;。]", text) if part]
    return len(parts) > 1 and all(
        len(part) < 15 and checkable_words(part) and not strong_degree_words(part) and not vague_words_in(part) for part in parts
    )


_YES_NO = frozenset({"是", "否"})
_ON_TIME = re.compile(r"按时|按期|如期|及时")


@rule(
    "V009",
    "yes-on-an-aim",
    "vague",
    Severity.ERROR,
    message="指标值“{value}”只回答了是或否，而“{name}”是{evidence}，年末无从核验，建议写明可核验的标准或时限",
)
def yes_on_an_aim(row: RowContext) -> Hit | None:
    """是/否 as the target of an aim, a clause or a deadline row: the answer checks nothing.

    是 is a sound target for one fact asked as a question (是否建立台账 = 是); on a slogan or a sentence
    (持续提升…能力，助力… = 是) or a 时效 row (设备验收时间 = 是) it sets no standard and no date.
    Bad: 持续提升农田综合生产能力，助力乡村振兴 = 是; 设备验收时间 = 是.
    Good: 是否建立隐患排查台账 = 是; 验收合格 = 是.
    """
    if row.value_text not in _YES_NO or row.group == "cost":
        return None  # a cost row with 是 has no amount: B010
    if row.group == "timeliness" and not (asks_an_act(row.name) and _ON_TIME.search(row.name)):
        return Hit(evidence="时效指标，应给出时限")  # but 是否按时完成改造任务 = 是 asks a checkable state
    if row.form & {"slogan", "clause"} and "quantity_in_name" not in row.form:
        return Hit(evidence="目标口号或整句")
    return None
