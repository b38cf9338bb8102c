"""illogical: the value contradicts itself or the project."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from scorer.costs import (
    counted_in,
    periods_paid_for,
    price_per_unit,
    price_per_unit_and_period,
    quantity_paid_for,
    quantity_the_goal_states,
)
from scorer.goals import goal_counts
from scorer.lexicons import table
from scorer.normalise import ProjectContext, RowContext
from scorer.predicates import (
    boilerplate_table,
    cannot_pass_100,
    caps_spending_in_money,
    contains_any,
    cost_amount,
    counted_harm,
    ends_with_any,
    is_either_way_share,
    is_failure_rate,
    is_higher_better_rate,
    is_money_brought_about,
    is_money_name,
    is_transfer_spent_in_total,
    money_more_is_better,
    name_forms_table,
    names_a_control_rate,
    names_money_of_the_whole,
    names_the_budget,
    states_a_rate_base,
    units_table,
)
from scorer.registry import Hit, rule
from scorer.text import bigrams, compact
from scorer.types import Severity, UnitFamily
from scorer.values import format_value, without_standard_codes, year_number


@rule(
    "L001",
    "cost-with-at-least",
    "illogical",
    Severity.ERROR,
    message="成本/价格类指标“{name}”用“{evidence}”，等于要求多花钱，建议改为“≤”上限",
    fix="把“{value}”改为“≤{figure}”",
)
def cost_with_at_least(row: RowContext) -> Hit | None:
    """A cost, price or expense with ≥ or >: the target asks for more spending.

    Under 效益指标 money is an outcome (raised, earned, recovered) unless the name ends as a spending does (…费用,
    …支出, …价格: lexicons/unit_expectations.yaml spending_endings, price_endings) and is not another's spending the
    project draws (游客人均消费支出, 企业研发投入费用: dimension_topics.yaml economic_other_owners, unit_expectations.yaml
    drawn_spending). Outside 成本指标 a transfer paid to beneficiaries (医疗救助支出 ≥1200万元, 发放生活补助资金
    ≥200万元) is a payout, where more is better. Under 成本指标 a transfer's whole amount is spent too; a standard per
    head is a floor it guarantees.
    Bad: 订阅杂志价格 = ≥5万元; 成本指标 / 代表活动经费 = ≥20万元; 经济效益指标 / 群众就医费用 = ≥100万元;
    成本指标 / 参展企业补助 = ≥30万元.
    Good: 订阅杂志价格 = ≤5万元; 招商引资到位资金 = ≥500万元 (money raised, not spent); 经济效益指标 / 引进侨资金额 =
    ≥3000万元; 成本指标 / 困难群众生活补助标准 = ≥300元/人.
    """
    if row.value.family is not UnitFamily.MONEY or row.value.op not in ("≥", ">"):
        return None
    if not (is_money_name(row.name) or row.group == "cost"):
        return None
    if (money_more_is_better(row) and not is_transfer_spent_in_total(row)) or is_money_brought_about(row):
        return None
    figure = row.value_text.lstrip("≥>")
    return Hit(evidence=row.value.op, fields={"figure": figure})


@rule(
    "L002", "rate-with-at-most", "illogical", Severity.ERROR, message="“{name}”越高越好，却用“{evidence}”设上限，建议改为“≥”下限"
)
def rate_with_at_most(row: RowContext) -> Hit | None:
    """A rate where higher is better (满意度, 合格率, 完成率, 整改率, 入学率) capped with ≤ or <.

    Rates where lower is better (错误率, 事故发生率, 不予受理率) and 控制率 are left to other rules; a share that
    may be a cap as well as a floor (贴息比例, 行政成本占比), and the use of a capacity, whose ceiling keeps it from
    overcrowding (病床使用率 ≤93%: unit_expectations.yaml capacity_use_rates), are no defect with ≤.
    Bad: 培训合格率 = ≤95%; 重大隐患整改率 = ≤100%.
    Good: 培训合格率 = ≥95%; 差错率 = ≤1%; 贴息比例 = ≤50%.
    """
    if row.value.family is not UnitFamily.PERCENT or row.value.op not in ("≤", "<"):
        return None
    if not is_higher_better_rate(row.name) or is_either_way_share(row.name):
        return None
    units = units_table()
    if contains_any(row.name, units["control_rate_words"]) or ends_with_any(row.name, units["capacity_use_rates"]):
        return None  # 病床使用率 ≤93%: the use of a capacity has a band, too full as well as too empty
    return Hit(evidence=row.value.op)


@rule(
    "L003",
    "rate-above-100",
    "illogical",
    Severity.ERROR,
    message="“{name}”不可能超过100%，指标值“{value}”不合逻辑，建议改为“=100%”或“≥95%”",
)
def rate_above_100(row: RowContext) -> Hit | None:
    """A share that cannot pass 100% set above it, or set to ≥100% / >100%: any rate of an act done (及时率, 采集率, 随访率:
    scorer.predicates.cannot_pass_100).

    Growth rates (增长率), gross ratios (毛入学率) and ratios of two amounts (投资回报率, 周转率) may pass 100%; =100% and
    100% are sound.
    Bad: 资金拨付及时率 = ≥100%; 覆盖率 = 120%; 慢性病患者随访率 = ≥100%.
    Good: 资金拨付及时率 = 100%; 收入增长率 = ≥120%; 投资回报率 = ≥120%.
    """
    value = row.value
    if value.family is not UnitFamily.PERCENT or value.number is None or not cannot_pass_100(row.name):
        return None
    if value.op in ("≤", "<"):
        return None  # 病床使用率 ≤105%: a ceiling above 100% says the author knows it may pass 100% (≤ on a share is L002's)
    top = max(value.numbers)
    if top > 100 or (top == 100 and value.op in ("≥", ">")):
        return Hit(evidence=row.value_text)
    return None


@rule(
    "L004",
    "control-rate-constrains-nothing",
    "illogical",
    Severity.ERROR,
    message="“{name}”{value}不构成任何约束（实际支出本来就不超过预算），建议改为节约目标或成本上限",
    context=True,  # reads the project's budget (a cap in money below it is a target)
)
def control_rate_constrains_nothing(row: RowContext) -> Hit | None:
    """A 控制率 (spent ÷ budget) of ≤100%: it cannot be missed, so it controls nothing.

    A plain 成本控制率 = 100% (no operator) restates 不超预算 and is boilerplate (B010), not illogical.
    A value that also caps the spending in money below the budget (≤100%，不超过8万元 on a 20万元 project)
    does constrain: the amount is the target. The whole budget restated (≤100%，20万元) does not.
    Bad: 成本控制率 = ≤100%; 养护经费控制 = ≤100% (率 left off).
    Good: 会议成本 = ≤8万元; 培训成本控制 = ≤100%，不超过8万元 (budget 20万元).
    """
    value = row.value
    if not names_a_control_rate(row.name) or value.number is None:
        return None
    if value.family is UnitFamily.PERCENT and value.op in ("≤", "<") and max(value.numbers) >= 100:
        return None if caps_spending_in_money(row) else Hit(evidence=row.value_text)
    return None


_PERCENT_IN_NAME = re.compile(r"(\d+(?:\.\d+)?)%")


def _says_zero(name: str) -> str:
    forms = name_forms_table()
    text = name
    for exception in forms["zero_word_exceptions"]:
        text = text.replace(exception, "")
    found = contains_any(text, forms["zero_words"])
    return found[0] if found else ""


@rule(
    "L005",
    "name-fixes-another-value",
    "illogical",
    Severity.ERROR,
    message="指标名称“{name}”已定下{evidence}，指标值“{value}”却与之不符",
    fix="让指标值与名称一致：改指标值，或把名称中写定的数值删去",
)
def name_fixes_another_value(row: RowContext) -> Hit | None:
    """The name fixes a target that the value column contradicts.

    A name that promises none (全年无越级上访事件) with a value allowing some (≤3次); a name that
    states a rate (达标率100%) with a value setting another (≥98%).
    Bad: 全年无越级上访事件 = ≤3次; 出厂水水质达标率100% = ≥95%.
    Good: 全年无重大安全事故 = 0次; 出厂水水质达标率 = 100%; 无人机巡查次数 = ≥12次.
    """
    value = row.value
    if value.number is None:
        return None
    stated = _PERCENT_IN_NAME.search(row.name)
    if stated and value.family is UnitFamily.PERCENT and max(value.numbers) != float(stated.group(1)):
        return Hit(evidence=stated.group(0))
    zero = _says_zero(row.name)
    if (
        zero
        and value.family in (UnitFamily.COUNT, UnitFamily.NONE, UnitFamily.PERSON)
        and max(value.numbers) > 0
        and value.op != "≥"
    ):
        if value.op in ("<",) and max(value.numbers) <= 1:
            return None  # <1次 is a way of writing none
        return Hit(evidence=f"“{zero}”")
    return None


@rule(
    "L006",
    "output-capped",
    "illogical",
    Severity.ERROR,
    message="“{name}”是项目要产出的数量，用“{evidence}”设上限等于要求少做，建议改为“≥”下限",
)
def output_capped(row: RowContext) -> Hit | None:
    """A count of what the project produces (built, repaired, planted, printed, inspected) capped with ≤.

    A cap is right on spending (参会人数 ≤80人次, 公务用车 ≤2辆: LABELING.md); on an output it asks for less.
    Bad: 道路维修里程 = ≤15公里; 食品抽检批次 = <200批次; 新增造林面积 = ≤500亩.
    Good: 道路维修里程 = ≥15公里; 参会人数 = ≤80人次; 公务用车维修次数 = ≤10次.
    """
    value = row.value
    if value.op not in ("≤", "<") or value.family not in (
        UnitFamily.COUNT,
        UnitFamily.AREA,
        UnitFamily.LENGTH,
        UnitFamily.WEIGHT,
    ):
        return None
    if row.group not in ("quantity", ""):
        return None
    forms = name_forms_table()
    verbs = contains_any(row.name, forms["production_verbs"])
    if not verbs or contains_any(row.name, forms["spending_cap_words"]):
        return None
    return Hit(evidence=value.op)


@rule(
    "L007",
    "zero-cost",
    "illogical",
    Severity.ERROR,
    message="“{name}”是要花钱的成本或单价，指标值“{value}”为零，与项目有预算相矛盾",
)
def zero_cost(row: RowContext) -> Hit | None:
    """A cost, price or unit standard of 0: a funded project cannot spend nothing on what it buys.

    Social and ecological costs (社会成本指标) may well be none and are not judged here.
    Bad: 设备采购单价 = 0元; 培训成本 = ≤0万元.
    Good: 设备采购单价 = ≤5000元/台; 社会成本指标 / 对周边居民的影响 = 0; 成本指标 / 运行经费结余 = ≥0万元.
    """
    value = row.value
    if value.family is not UnitFamily.MONEY or value.number is None or max(value.numbers) != 0:
        return None
    if not (is_money_name(row.name) or row.group == "cost") or contains_any(row.level2, units_table()["non_money_cost_headings"]):
        return None
    if contains_any(row.name, units_table()["money_more_is_better"]):
        return None  # a balance, a saving or a revenue (运行经费结余 ≥0万元) may well be none
    return Hit(evidence=row.value_text)


@rule(
    "L008",
    "entitlement-partly-paid",
    "illogical",
    Severity.ERROR,
    context=True,
    message="“{name}”是按标准应发尽发的补助，目标“{value}”低于100%，等于容许不发放应得的资金，建议设为100%",
)
def entitlement_partly_paid(row: RowContext) -> Hit | None:
    """A payment rate of an entitlement (补贴发放率, 救助金兑付率) set below 100%.

    Whoever qualifies is owed the whole of a benefit paid by a standard; a target of 90% allows one in ten
    to go unpaid, which contradicts the project's purpose (LABELING.md: the value contradicts the project).
    Bad: 高龄津贴 / 津贴发放率 = ≥90%; 学生资助资金 / 资助资金按标准发放比例 = ≥80%; 补贴发放到户率 = ≥95%.
    Good: 高龄津贴 / 津贴发放率 = 100%; 资金拨付率 = ≥90% (disbursing a budget, not paying a benefit);
    补贴资金兑付准确率 = ≥98% (how accurately, not how much is paid).
    """
    value = row.value
    if value.family is not UnitFamily.PERCENT or value.number is None or max(value.numbers) >= 100:
        return None
    if is_failure_rate(row.name):
        return None  # the share left unpaid (资助资金未发放率 ≤2%): lower is better
    forms = name_forms_table()
    name = row.name
    payment = "|".join(forms["entitlement_payment_words"])
    reached = "|".join(forms["entitlement_payment_complements"])
    paid = re.search(rf"({payment})({reached})?的?(率|比率|比例)$", name)
    if not paid:
        return None  # the share paid, not how accurately or how soon (兑付准确率, 发放及时率)
    # where it reaches (发放到户率) is said of anything handed out: the thing handed out must be money or a
    # benefit (低保金, 补贴资金, 补偿款), not a leaflet (政策明白纸, 宣传折页)
    handed_out = name[: paid.start()]
    money = handed_out.endswith(tuple(forms["money_handed_out"])) or contains_any(handed_out[-4:], forms["entitlement_words"])
    if paid[2] and not money:
        return None
    if not contains_any(name + row.project.text, forms["entitlement_words"]):
        return None
    return Hit(evidence=row.value_text)


@rule(
    "L009",
    "harm-count-with-floor",
    "illogical",
    Severity.ERROR,
    message="“{name}”统计的是“{evidence}”一类不良事件，越少越好，却用“{op}”设下限，等于要求至少发生{figure}",
    fix="改为上限（≤{figure}）或写明不发生（0{zero}）",
)
def harm_count_with_floor(row: RowContext) -> Hit | None:
    """A count of harm (accidents, fires, deaths, mass incidents) with a floor (≥, 不少于, 以上): it asks for harm.

    The thing counted is a harm event, so fewer is better and a floor points the wrong way, as ≤ does on a
    满意度 (L002); the people it befell may stand between it and the count (溺亡学生数, 受伤游客人次). Counts of work done
    about harm (查处, 排查整改, 演练, 救助, 检查, 受理) are outputs, where a floor is right (so are 通报, 认定, 接报, 发现 …:
    接报交通事故起数 ≥2500起, 救援伤亡人员人数); an act that only names who or where (抢险救援人员伤亡人数, 河道整治工程施工
    安全事故起数) counts harm still. A reduction (减少事故起数 ≥3起) sets how far harm falls.
    lexicons/unit_expectations.yaml harm_….
    Bad: 安全生产事故发生起数 = ≥10起; 火灾发生次数 = 不少于3次; 学生溺亡人数 = ≥1人; 溺水游客人数 = ≥1人;
    防汛抢险人员伤亡人数 = ≥1人.
    Good: 安全生产事故发生起数 = 0起; 火灾发生次数 = ≤1起; 消防安全检查次数 = ≥12次; 查处违法案件数 = ≥50件;
    认定火灾事故起数 = ≥50起; 救治伤亡人员人数 = ≥50人.
    """
    value = row.value
    if value.op not in ("≥", ">") or value.number is None or max(value.numbers) <= 0 or value.is_range:
        return None
    counted = value.family in (UnitFamily.COUNT, UnitFamily.PERSON)
    if not counted and not (value.family is UnitFamily.NONE and not value.unit):
        return None
    harm = counted_harm(row.name, counted)
    if not harm:
        return None
    unit = value.unit if counted else ""
    figure = format_value("", max(value.numbers), unit)
    return Hit(evidence=harm, fields={"op": value.op, "figure": figure, "zero": unit})


_NEVER_BELOW_ZERO = (
    UnitFamily.COUNT,
    UnitFamily.PERSON,
    UnitFamily.MONEY,
    UnitFamily.AREA,
    UnitFamily.LENGTH,
    UnitFamily.WEIGHT,
    UnitFamily.PERCENT,
)


@rule(
    "L010",
    "floor-of-zero",
    "illogical",
    Severity.ERROR,
    message="“{name}”不会小于0，“{value}”无论结果如何都能达到，什么也约束不了",
    fix="写明要达到的数量或比率（如{example}）；不良事件写明不发生（0{unit}）",
)
def floor_of_zero(row: RowContext) -> Hit | None:
    """A floor of zero (≥0, 不少于0, 0以上) on a count, an amount or a share: it cannot be missed, as a 控制率 of ≤100%
    cannot (L004), so the row sets no target. A change, a difference or a balance can fall below zero, and there
    ≥0 is a real bound (no decline, no deficit): lexicons/unit_expectations.yaml signed_quantity_words.
    Bad: 培训次数 = ≥0次; 安全事故发生次数 = ≥0次; 资料归档率 = ≥0%; 带动社会投资 = ≥0万元.
    Good: 培训次数 = ≥4次; 安全事故发生次数 = 0次; 农民人均收入增长率 = ≥0%; 项目资金结余 = ≥0万元.
    """
    value = row.value
    if value.op != "≥" or value.numbers != (0.0,) or value.is_range or "百分点" in value.unit:
        return None  # a change in points (提高≥0个百分点) is a change
    if value.family not in _NEVER_BELOW_ZERO:
        counted = value.family is UnitFamily.NONE and not value.unit and row.form & {"count", "share"}
        if not counted:
            return None
    signed = units_table()["signed_quantity_words"]
    if contains_any(row.name, signed) or contains_any(row.value_text, signed):
        return None
    example = {UnitFamily.PERCENT: "≥95%", UnitFamily.MONEY: "≥50万元"}.get(value.family, f"≥10{value.unit}")
    return Hit(evidence=row.value_text, fields={"example": example, "unit": value.unit})


@rule(
    "L011",
    "lower-better-rate-with-floor",
    "illogical",
    Severity.ERROR,
    message="“{name}”越低越好，却用“{evidence}”设下限，等于要求至少达到这个比率",
    fix="改为上限（≤{figure}）或写明要降到多少",
)
def lower_better_rate_with_floor(row: RowContext) -> Hit | None:
    """A rate where lower is better (差错率, 投诉率, 事故发生率, 发病率, 不予受理率) with a floor (≥, 不低于, 以上): it asks
    for at least that much of what the project is to prevent, the mirror of L002. A change of such a rate (差错率下降率,
    投诉率较上年降低) sets how far it falls; its growth, or the growth of a count of harm (火灾事故起数增长率), is better lower
    too. lexicons/unit_expectations.yaml lower_is_better, incidence_rate_endings, harm_growth_endings.
    Bad: 档案借阅差错率 = ≥1%; 救助对象投诉率 = 不低于2%; 法定传染病报告发病率 = ≥200/10万; 道路交通事故起数增长率 = ≥3%.
    Good: 档案借阅差错率 = ≤1%; 差错率下降率 = ≥10%; 投诉率较上年降低 = ≥2个百分点; 道路交通事故起数增长率 = ≤0.
    """
    value = row.value
    if value.op not in ("≥", ">") or value.number is None or max(value.numbers) <= 0:
        return None
    if value.family is not UnitFamily.PERCENT and not states_a_rate_base(row):
        return None
    units = units_table()
    if contains_any(row.value_text, units["harm_reductions"]):
        return None
    grown = _grown_harm(row.name)
    if grown is None:
        if not _lower_is_better(row.name):
            return None
        if contains_any(row.name, units["rate_change_words"]) or contains_any(row.name, units["harm_reductions"]):
            return None
    elif value.family is not UnitFamily.PERCENT:
        return None
    percent = value.family is UnitFamily.PERCENT
    figure = format_value("", max(value.numbers), value.unit) if percent else row.value_text.lstrip("≥>")
    return Hit(evidence=value.op, fields={"figure": figure})


@rule(
    "L013",
    "time-to-act-with-floor",
    "illogical",
    Severity.ERROR,
    message="“{name}”是办成一件事所用的时间，越短越好，却用“{evidence}”设下限，等于要求至少拖这么久",
    fix="改为上限（≤{figure}）",
)
def time_to_act_with_floor(row: RowContext) -> Hit | None:
    """A time within which something is to be done (到场时间, 响应时间, 办结时限, 故障修复用时) with a floor (≥, 不少于, 以上):
    it asks the work to take at least that long, as a cost with ≥ asks to spend more. A time spent doing the work
    (培训时长, 开放时间, 服务时长), and hours in a day or a week (窗口受理时间 ≥8小时/天), are more the better and left
    alone. lexicons/unit_expectations.yaml time_to_act_endings, time_to_act_acts, time_to_act_fillers,
    time_per_period_words.
    Bad: 火情扑救队伍到场时间 = ≥1小时; 投诉响应时间 = ≥30分钟; 行政复议案件办结时限 = 不少于60日.
    Good: 火情扑救队伍到场时间 = ≤1小时; 消防员培训时长 = ≥40小时; 图书馆每周开放时间 = ≥56小时.
    """
    value = row.value
    if value.op not in ("≥", ">") or value.family is not UnitFamily.DURATION or value.number is None:
        return None
    units = units_table()
    if "/" in value.unit or "/" in row.value_text or contains_any(row.name, units["time_per_period_words"]):
        return None  # 窗口受理时间 ≥8小时/天, 专家每周出诊时间: hours of service in a day or a week, more the better
    ending = ends_with_any(row.name, units["time_to_act_endings"])
    act = row.name[: len(row.name) - len(ending)]
    for filler in units["time_to_act_fillers"]:
        act = act.removesuffix(filler)  # 到达现场时间, 处理平均时间
    if not ending or not ends_with_any(act, units["time_to_act_acts"]):
        return None
    return Hit(evidence=value.op, fields={"figure": row.value_text.lstrip("≥>").removeprefix("不少于").removeprefix("不低于")})


@rule(
    "L012",
    "deadline-before-budget-year",
    "illogical",
    Severity.ERROR,
    message="“{name}”的期限“{evidence}”在预算年度{year}年之前：本年度的目标不能在年度开始前完成，多半沿用了往年的表格，或写了已经过去的阶段",
    fix="改为{year}年内的期限（如{year}年12月底前）",
    context=True,  # reads the document's budget year and the project's own text
)
def deadline_before_budget_year(row: RowContext) -> Hit | None:
    """A deadline dated in a year before the budget year (2021年11月30日前完成资金支付 in a 2022 table): the year's
    money cannot be spent, nor its work done, before the year begins; the row was carried over from an earlier
    table. A date is a deadline when a deadline word (前, 之前, 以前) or an act of finishing (完成, 拨付, 竣工 …)
    follows it, or when it is the whole value of a row asking when (时效指标, …完成时间). A date after a word of a
    baseline or a count so far (截至2021年底累计建成, 较2021年) is no deadline, and a year the project's own name,
    purpose or goal names as its own (a project carried over from 2021; not a year in a document's number, 〔2021〕
    15号, nor a baseline, 较2021年) is not stale for it. The budget year is the one the document states (预算年度, its
    title, or a rows table's document name when it is a title), never one guessed from its text. lexicons/units.yaml
    deadline_before_anchors, date_limit_acts, date_baseline_words.
    Bad: (2022年度) 资金支付时限 = 2021年11月30日前; (2022年度) 2021年12月底前完成资金拨付 = 100%;
    (2022年度) 时效指标 / 项目完成时间 = 2021年12月.
    Good: (2022年度) 资金支付时限 = 2022年11月30日前; (2022年度) 截至2021年底累计建成 = ≥20个.
    """
    year = _stated_year(row)
    if year is None:
        return None
    for text, stale_year, date in _row_deadlines(row):
        if stale_year < year and stale_year not in _own_years(row.project) and not _for_the_next_year(text, date, year):
            return Hit(evidence=date, fields={"year": year})
    return None


_YEAR = r"(?P<year>(?:19|20)\d{2}|二[〇零][〇零一二三四五六七八九]{2})"


@cache
def _dated_deadline_pattern() -> re.Pattern[str]:
    """A date from its year (2021年11月30日, 2021年底, 2021年第四季度, 二〇二一年十二月底, 2021.11.30), then what
    follows it."""
    numeral = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
    within_year = rf"(?:第?[一二三四1-4]季度|[上下]半年|(?:{numeral}月份?)?(?:{numeral}[日号])?)"
    date = (
        rf"{_YEAR}(?:年度?{within_year}(?:底|末|初|上旬|中旬|下旬)?"
        rf"|[.．/-]\d{{1,2}}(?:[.．/-]\d{{1,2}})?(?!\d)(?:底|末)?)"
    )
    return re.compile(date)


def _own_years(project: ProjectContext) -> frozenset[int]:
    """The years the project's name, purpose or goal names as its own (2021-2023年, 2021年启动): not a year in a
    document's number or a standard's code (〔2021〕15号), nor one after a word of a baseline (较2021年)."""
    cached = project.memo.get("own_years")
    if cached is None:
        text = without_standard_codes(project.text)
        baselines = _deadline_words()[2]
        cached = frozenset(
            year_number(match.group("year"))
            for match in re.finditer(rf"{_YEAR}(?!\d)", text)
            if not text[: match.start()].endswith(baselines)
        )
        project.memo["own_years"] = cached
    return cached


@rule(
    "L014",
    "deadline-after-the-goal",
    "illogical",
    Severity.ERROR,
    message="“{name}”的期限“{evidence}”在{later}年，而绩效目标写明这项工作在预算年度{year}年内完成（“{goal}”），二者矛盾",
    fix="改为与绩效目标一致的{year}年内期限，或修改目标",
    context=True,  # reads the document's budget year and the project's goal
)
def deadline_after_the_goal(row: RowContext) -> Hit | None:
    """A deadline dated in a year after the budget year, where the project's own goal says its work is done within
    the budget year (年内, 年底前, 12月底前, 2025年…前) and names no later year: the row postpones what the goal
    promises for the year. The budget year is the one the document states (L012's). lexicons/units.yaml
    goal_within_year_words.
    Bad: (2025年度) goal 建设高标准农田1万亩，12月底前完成竣工验收 / 竣工验收完成时间 = 2026年6月底前.
    Good: the same row beside a goal 2025年完成主体工程，2026年6月底前竣工验收 (the goal names 2026); (2025年度) goal
    年内完成验收 / 验收完成时间 = 2025年12月底前.
    """
    year = _stated_year(row)
    if year is None:
        return None
    later = [(later_year, date) for _, later_year, date in _row_deadlines(row) if later_year > year]
    if not later:
        return None
    units = table("units")
    goal = compact(row.project.project.goal)
    if contains_any(goal, units["goal_several_years_words"]) or contains_any(row.name, units["after_the_year_acts"]):
        return None  # 建设期两年, 分期实施: work of several years; 决算审计 follows the year's work by its nature
    within = _within_the_year(goal, year)
    if not within or any(other > year for other in _own_years(row.project)):
        return None  # the goal gives no limit within the year, or names a later year of its own
    later_year, date = later[0]
    return Hit(evidence=date, fields={"later": later_year, "year": year, "goal": within})


def _stated_year(row: RowContext) -> int | None:
    """The budget year the row's document states (预算年度, its title, a rows table's title as its name); None when it
    states none, a year only guessed from its text included (L012, L014)."""
    document = row.project.document.document if row.project.document is not None else None
    return document.year if document is not None and document.year_stated else None


def _row_deadlines(row: RowContext) -> list[tuple[str, int, str]]:
    """(text, year, date) of each dated deadline in the row's name and value; the value is one when it is only a
    date and the row asks when (时效指标, …完成时间)."""
    asks_when = row.group == "timeliness" or bool(ends_with_any(row.name, units_table()["time_name_endings"]))
    return [
        (text, year, date)
        for text, whole in ((row.name, False), (row.value_text, asks_when))
        for year, date in _dated_deadlines(text, whole)
    ]


def _within_the_year(goal: str, year: int) -> str:
    """The words by which a goal puts its work within the budget year (年内, 年底前, 2025年…前), or "": not 三年内 (a count
    of years), not 截至2025年底 (a baseline). lexicons/units.yaml goal_within_year_words, date_baseline_words."""
    units = table("units")
    for word in units["goal_within_year_words"]:
        for found in re.finditer(re.escape(word), goal):
            if not re.search(r"[一二两三四五六七八九十几多数\d]$", goal[: found.start()]):
                return word
    for found in re.finditer(rf"{year}\s*年[^，,；;。]{{0,12}}(?:前|底|内)", goal):
        if not goal[: found.start()].endswith(tuple(units["date_baseline_words"])):
            return found.group()
    return ""


def _for_the_next_year(text: str, date: str, year: int) -> bool:
    """A date of the year before the budget year whose clause names work for the year after it (2024年11月底前完成下年度
    订阅 in a 2025 table): the budget year's work done ahead of it. Not another clause's date (2024年12月底前拨付到位，
    次年3月底前完成验收), nor a date two years back."""
    if not date.startswith(str(year - 1)) or date not in text:
        return False
    clause = re.split(r"[，,；;。]", text[text.index(date) :], maxsplit=1)[0]
    return bool(contains_any(clause, _next_year_words())) or f"{year}年" in clause  # …前完成2025年度报刊征订


@cache
def _next_year_words() -> tuple[str, ...]:
    return tuple(table("units").get("date_next_year_words") or ())


@cache
def _deadline_words() -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """Deadline words after a date (longest first), acts of finishing, and words of a baseline before a date."""
    units = table("units")
    anchors = sorted(units["deadline_before_anchors"], key=len, reverse=True)
    return anchors, tuple(units["date_limit_acts"]), tuple(units["date_baseline_words"])


def _dated_deadlines(text: str, whole: bool) -> list[tuple[int, str]]:
    """The years of the dated deadlines in the text, each with its date and deadline word as written; with whole, a
    text that is only a date (截至2021年12月31日, 2021年底前) is one too."""
    anchors, acts, baselines = _deadline_words()
    found = []
    for match in _dated_deadline_pattern().finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        anchor = next((word for word in anchors if after.startswith(word)), "")
        if whole and after == anchor and (not before or before in baselines):
            found.append((year_number(match.group("year")), text))
        elif not before.endswith(baselines) and (anchor or after.startswith(acts)):
            found.append((year_number(match.group("year")), match.group() + anchor))
    return found


def _lower_is_better(name: str) -> bool:
    """A rate where lower is better: errors, complaints, incidences, failures (lexicons/unit_expectations.yaml)."""
    units = units_table()
    lower = ends_with_any(name, units["lower_is_better"]) or ends_with_any(name, units["incidence_rate_endings"])
    return bool(lower) or is_failure_rate(name)


def _grown_harm(name: str) -> str | None:
    """What grows, when the name is the growth (增长率, 增幅, 上升率 …: harm_growth_endings) of a harm counted
    (火灾事故起数增长率: 火灾事故起数) or of a rate where lower is better (投诉率增幅); else None."""
    ending = next((e for e in units_table()["harm_growth_endings"] if name.endswith(e)), "")
    base = name[: len(name) - len(ending)]
    if not ending or not base:
        return None
    return base if counted_harm(base) or _lower_is_better(base) else None


@rule(
    "L101",
    "costs-exceed-budget",
    "illogical",
    Severity.ERROR,
    scope="project",
    message="成本指标合计{total:g}万元，超过项目预算{budget:g}万元",
    fix="按实际用途分解成本，使合计不超过预算",
)
def costs_exceed_budget(project: ProjectContext) -> Iterator[tuple[RowContext, Hit]]:
    """Cost rows that together allow more than the project's budget.

    A row that names the whole budget (项目预算控制数: B001's) is not summed, nor one named as the project's money
    itself (宣传经费 ≤15万元 in 森林防火宣传经费, beside 宣传资料印制成本 ≤5万元: the whole and a part of it), nor a
    saving (成本节约率 ≤2万元: money not spent; lexicons/name_forms.yaml cost_saving_words).
    A ceiling on a price per one thing (≤12万元/公里) counts as that ceiling times the quantity of it the project
    states in a row of the same words (中修工程里程 45公里 for 中修工程单价: scorer.costs.quantity_paid_for), not the
    count a goal states (a stock, a plan's total, or what another cost row already prices: review 77); a set
    price (350元/次: L103's, often a part of another cost row), a ceiling not named as a price or a spending
    (亩均补贴标准 ≤120元/亩, 贴息标准 ≤3万元/人: the most one may get), a price whose work a money row of the
    project already counts (校舍维修工程成本 beside 校舍维修单价), a price with no such quantity, or per one thing
    whose name does not say per what (人均, 单价 in 万元), is not summed; a name that says it (每公里改造成本
    ≤80万元) is read as ≤80万元/公里.
    Two rows of ≤50万元 on a 50万元 project allow 100万元.
    Bad: 设备购置成本 = ≤50万元 and 设备安装成本 = ≤50万元 on 智慧人大建设项目 (50万元); 日常养护单价 = ≤2500元/公里 with
    日常养护里程 = 1850公里 and 中修工程单价 = ≤12万元/公里 with 中修工程里程 = 45公里 on a 900万元 project.
    Good: 会议成本 ≤30万元, 印刷成本 ≤11万元, 交通成本 ≤23.32万元 on a 64.32万元 project; 宣传经费 ≤15万元 and 宣传资料印制
    成本 ≤5万元 on 森林防火宣传经费 (15万元).
    """
    budget = project.project.budget
    if not budget:
        return
    restating = boilerplate_table()["budget_restating_names"]  # 项目预算控制数 = ≤800万元 is the whole, not a part (B001)
    savings = name_forms_table()["cost_saving_words"]
    priced = [
        (row, _cost_in_total(project, row)) for row in project.rows if row.group == "cost" and row.value.op in ("≤", "<", "=", "")
    ]
    over = budget * 1.001 + 0.005
    wholes: list[tuple[RowContext, float]] = []
    costs: list[tuple[RowContext, float]] = []
    for row, amount in priced:
        if amount is None or contains_any(row.name, savings):  # 冷链运转成本节约率 ≤2万元: money saved, not spent
            continue
        restates = contains_any(row.name, restating) or names_the_budget(row.name) or _names_the_whole(project, row)
        # 项目成本 ≤24万元 on a 24万元 project is the whole budget again; 项目经费 ≤90万元 of a 100万元 fund may be the grants
        restates = restates or (names_money_of_the_whole(row.name) and abs(amount - budget) <= budget * 0.001 + 0.005)
        (wholes if restates else costs).append((row, amount))
    total = sum(amount for _, amount in costs)
    if total > over:
        for row, _ in costs:
            yield row, Hit(evidence=f"{total:g}>{budget:g}", fields={"total": round(total, 4), "budget": budget})
    for row, amount in wholes:  # the whole itself capped above the budget (项目总成本 ≤30万元 on a 24万元 project)
        if amount > over:
            yield row, Hit(evidence=f"{amount:g}>{budget:g}", fields={"total": round(amount, 4), "budget": budget})


def _names_the_whole(project: ProjectContext, row: RowContext) -> bool:
    """A cost row named as the project's money itself (宣传经费 in 森林防火宣传经费, 会议费 in 会议费): its whole, of which
    the other cost rows are parts, not one more part. Its name ends in a budget word (project_types.yaml budget_words)
    and stands in the project's name."""
    name = compact(row.name)
    ends = ends_with_any(name, table("project_types")["budget_words"])
    whole = compact(project.project.name)
    if re.search(r"[和及与、]", whole):
        return False  # 森林防火培训和宣传经费: 宣传经费 names one of its parts
    return bool(ends) and len(name) > len(ends) and name in whole


def _cost_in_total(project: ProjectContext, row: RowContext) -> float | None:
    """A cost row's amount in 万元 toward the project's total: its own (cost_amount), or its price per one thing times
    the quantity a row of the same words states (≤12万元/公里 × 45公里)."""
    amount = cost_amount(row)
    if row.value.op not in ("≤", "<"):
        return amount  # a set price per one thing (350元/次) is L103's: it may be a part of another cost row
    if not ends_with_any(row.name, _price_or_spending_endings()):
        return amount  # 贴息标准 ≤3万元/人, 报销限额: the most one may get, not a price paid for each
    priced = price_per_unit(row, ceilings=True)
    quantity = quantity_paid_for(project, row, priced[1], named=True) if priced else None
    if not priced or not quantity or any(_same_work_in_money(row, other) for other in project.rows):
        return amount  # 校舍维修工程成本 ≤300万元 beside 校舍维修单价: the same money written twice, its total already counted
    return priced[0] * quantity  # 单座水库养护经费 ≤5万元 × 48座


@cache
def _price_or_spending_endings() -> tuple[str, ...]:
    units = units_table()
    return (*units["price_endings"], *units["spending_endings"])


def _same_work_in_money(row: RowContext, other: RowContext) -> bool:
    """Another cost row in money whose name shares two words or more with the priced row's (校舍维修工程成本 and 校舍维修
    单价): the same work's amount."""
    if other is row or other.group != "cost" or cost_amount(other) is None:
        return False
    return len(bigrams(other.name) & bigrams(row.name)) >= 2


@rule(
    "L103",
    "unit-cost-times-quantity-exceeds-budget",
    "illogical",
    Severity.ERROR,
    scope="project",
    message="单位成本{value}乘以数量{quantity}{periods}，约{total:g}万元，超过项目预算{budget:g}万元",
    fix="核对单位成本和数量：二者之积应在预算之内",
)
def unit_cost_times_quantity_exceeds_budget(project: ProjectContext) -> Iterator[tuple[RowContext, Hit]]:
    """A set price per thing (元/人, 元/平方米) times how many things the project states is more than its budget; a price
    per thing per period (元/人/月, 元/人·天) times the things and the periods it states (scorer.costs.periods_paid_for:
    补贴月数 = 12个月; none stated, one). With no row counting the things, the count its goal states of them
    (scorer.costs.quantity_the_goal_states). A standard that is a line (低保保障标准: the allowance tops income up to it)
    is no price (lexicons/units.yaml standard_lines).

    The targets must match the money (财预〔2015〕88号: 绩效目标与预算 "相应匹配"): a standard and a
    quantity whose product the budget cannot pay cannot both be met. Only a set standard (780元/生, =,
    ≥) fixes the spend; a ceiling (≤3000元/人) can be met by paying less. The quantity is a figure in the
    cost row's own name, else the output quantity row in the same unit that names what the standard pays for
    (scorer.costs.quantity_paid_for): not an effect (带动就业人数), a total over years (累计) nor another group of people
    (筛查人数).
    Bad: budget 20万元, 人均培训补助标准 = 3000元/人 and 培训人数 = ≥200人 (60万元); budget 60万元, 公益性岗位补贴标准 =
    1500元/人/月 with 公益性岗位人数 = 50人 and 补贴发放月数 = 12个月 (90万元).
    Good: budget 20万元, 人均培训补助标准 = 800元/人 and 培训人数 = ≥200人 (16万元); 人均培训费 = ≤3000元/人; budget 60万元,
    大病救助标准 = 1万元/人 with 救助大病患者人数 = 50人 and 免费筛查人数 = 6000人; budget 60万元, 1500元/人/月 for 30人 and
    12个月 (54万元).
    """
    budget = project.project.budget
    if not budget:
        return
    for row in project.rows:
        if row.group != "cost" or contains_any(row.name, _standard_lines()) or len(_FIGURES.findall(row.value_text)) > 1:
            continue  # 乡镇所1万元/个、示范站0.3万元/个: standards of several things, each counted elsewhere
        periods, period = 1.0, ""
        per_period = price_per_unit_and_period(row)
        if per_period is not None:
            per_unit, unit, period = per_period
            periods = periods_paid_for(project, row, period)
        elif (priced := price_per_unit(row)) is not None:
            per_unit, unit = priced
        else:
            continue
        quantity = quantity_paid_for(project, row, unit)
        if quantity is None:
            quantity = quantity_the_goal_states(project, row, unit)
        if quantity is None:
            continue
        total = per_unit * quantity * periods
        if total > budget * 1.05 + 0.005:
            said_periods = f"×{periods:g}{table('units')['period_said'].get(period, period)}" if periods != 1 else ""
            fields = {
                "quantity": f"{quantity:g}{counted_in(unit)}",
                "periods": said_periods,
                "total": round(total, 2),
                "budget": budget,
            }
            yield row, Hit(evidence=f"{total:g}>{budget:g}", fields=fields)


_FIGURES = re.compile(r"\d+(?:\.\d+)?")


@cache
def _standard_lines() -> tuple[str, ...]:
    return tuple(table("units")["standard_lines"])


@rule(
    "L102",
    "count-contradicts-goal",
    "illogical",
    Severity.ERROR,
    scope="project",
    message="绩效目标写明“{goal}”，指标“{name}”却要求{value}，二者矛盾",
    fix="让指标值与绩效目标写明的数量一致，或修改目标",
)
def count_contradicts_goal(project: ProjectContext) -> Iterator[tuple[RowContext, Hit]]:
    """A count target that cannot agree with any count of the year's work the project's own goal text states for the
    same thing (scorer.goals: which figures of a goal are such counts, and GoalCount.contradicts).

    Bad: goal 预计年内召开常委会6-8次, indicator 召开常委会次数 = ≥10次; goal 为80名困难学生发放助学金, indicator 资助困难学生
    人数 = 50人; goal 全年举办健康讲座8场, indicator 讲座场次 = ≥20场 (the goal's only count in 场).
    Good: goal 各专委会工作调研、执法检查不少于10次, indicator 各专委会工作调研次数 = ≥10次; goal 为80名困难学生发放助学金,
    indicator 资助困难学生人数 = ≥80人.
    """
    counts = goal_counts(project)
    if not counts:
        return
    for row in project.rows:
        value = row.value
        if value.number is None or value.is_range or value.family not in (UnitFamily.COUNT, UnitFamily.PERSON):
            continue
        fitting = [goal for goal in counts if (goal.unit in value.unit if goal.kind == "range" else goal.unit == value.unit)]
        matched = [(goal, how) for goal in fitting if (how := goal.match(row.name, sole=len(set(fitting)) == 1))]
        own = [(goal, how) for goal, how in matched if how == "own"]  # the counts of what it counts in their own clause
        said = own or matched  # else through the verb a list's items share
        if said and _a_part_or_a_period(row) and value.op in ("≥", ">"):
            said = [(goal, how) for goal, how in said if goal.kind != "floor" and value.number > goal.high]
        if said and all(goal.contradicts(value.op, value.number, how) for goal, how in said):
            yield row, Hit(evidence=said[0][0].said(), fields={"goal": said[0][0].said()})


def _a_part_or_a_period(row: RowContext) -> bool:
    """A row counting a part of the goal's count (办理法律援助案件（其中未成年人）) or its count per a period (每月开展检查
    次数, 月均): a floor under the goal's total is no contradiction of it; only asking for more than the whole is
    (units.yaml part_or_period_words)."""
    return bool(contains_any(row.indicator.level3, table("units")["part_or_period_words"]))
