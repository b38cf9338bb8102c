"""unit_mismatch: the unit does not fit what the name measures."""

from __future__ import annotations

import re
from functools import lru_cache

from scorer.lexicons import terms
from scorer.messages import text
from scorer.normalise import RowContext
from scorer.predicates import (
    asks_for_money,
    contains_any,
    ends_with_any,
    is_bare_completion,
    is_event_deadline,
    is_percent_name,
    is_percent_on_non_share,
    is_unfilled,
    money_more_is_better,
    name_forms_table,
    states_a_rate_base,
    strong_degree_words,
    units_table,
)
from scorer.registry import Hit, rule
from scorer.types import Severity, UnitFamily

_SCHEDULE = "时间安排（周期）"
_DEADLINE = "时限"
_DEADLINE_ENDS = re.compile("[前内底末]")


def _a_deadline(row: RowContext) -> bool:
    """A date word with no figure set as a limit (年底前, 每季度末前), not a degree (年内逐步提高) nor a time of an act
    (季度考核, 上半年)."""
    text = row.value_text
    return row.value.family is UnitFamily.DATE and bool(_DEADLINE_ENDS.search(text)) and not strong_degree_words(text)


_A_SHARE = re.compile(r"\d\s*%")
_FAMILY_WORDS = {
    UnitFamily.COUNT: "次数/个数",
    UnitFamily.PERSON: "人数",
    UnitFamily.MONEY: "金额",
    UnitFamily.DATE: "日期/月份",
    UnitFamily.DURATION: "时长",
    UnitFamily.AREA: "面积",
    UnitFamily.LENGTH: "长度",
    UnitFamily.WEIGHT: "重量",
    UnitFamily.NONE: "无单位数字",
    UnitFamily.OTHER: "其他单位",
    UnitFamily.PERCENT: "百分比",
}


@rule(
    "U001",
    "rate-not-in-percent",
    "unit_mismatch",
    Severity.ERROR,
    message="“{name}”是比率，指标值“{value}”却以{evidence}表示，建议改为百分比（如“≥95%”）",
)
def rate_not_in_percent(row: RowContext) -> Hit | None:
    """A rate or satisfaction (…率, 满意度) whose value is not a percentage.

    A rate per a base it states (万车死亡率 ≤1.8, 孕产妇死亡率 ≤12/10万) is no share: it needs no %. A rate given as a
    schedule (扶助金发放及时率 = 按季度足额发放: lexicons/periodicities.txt) or as a deadline with no figure (每季度末前,
    年底前, 当天完成, 春节前兑现) says when, not what share, as ≤12月份 does; a share by a date (9月底前达到80%) is a share.
    Bad: 群众满意度 = ≥1次; 支付及时率 = ≤12月份; 接待成本节约率 = ≤4.25万元; 会议资料印制错误率 = 0次;
    扶助金发放及时率 = 按季度足额发放; 报酬发放及时率 = 每季度末前.
    Good: 群众满意度 = ≥90%; 支付及时率 = 100%; 道路交通万车死亡率 = ≤1.8; 扶助金按季度发放 = 按季度足额发放.
    """
    if not is_percent_name(row.name) or states_a_rate_base(row):
        return None
    if not row.value.has_number:
        if _a_deadline(row) or is_event_deadline(row.value_text):
            return Hit(evidence=_DEADLINE)  # 每季度末前, 年底前, 当天完成, 春节前兑现: when, as ≤12月份 says
        schedule = contains_any(row.value_text, terms("periodicities"))
        return Hit(evidence=_SCHEDULE) if schedule else None
    if row.value.family is UnitFamily.PERCENT or _A_SHARE.search(row.value_text):
        return None  # 9月底前达到80%: a share by a date
    words = row.value.text
    if row.value.family is UnitFamily.NONE and words and len(words) <= 3:
        return Hit(evidence=f"“{words}”")  # ≥90分: a unit of no table (points), said as written, not as no unit
    return Hit(evidence=_FAMILY_WORDS[row.value.family])


@rule(
    "U002",
    "count-in-wrong-unit",
    "unit_mismatch",
    Severity.WARNING,
    message="“{name}”计的是{expected}，指标值“{value}”的单位却是“{evidence}”",
    fix="把单位改为与名称一致的计量单位（如按“人”计的写“人”）",
)
def count_in_wrong_unit(row: RowContext) -> Hit | None:
    """A count of events given in persons, or a count of persons given in events.

    Households and persons are not the same count either: 受益人数 in 户, 受益户数 in 人.
    Bad: 接待人代会参会人员次数 = ≥265人; 危房改造受益人数 = ≥120户; 帮扶脱贫户数 = ≥300人.
    Good: 接待人代会参会人员人数 = ≥265人; 培训人次 = ≤200人次; 帮扶脱贫户数 = ≥300户.
    """
    u = units_table()
    unit = row.value.unit.split("/")[0]
    if ends_with_any(row.name, u["person_count_endings"]) and unit in ("户", "家庭"):
        return Hit(evidence=unit, fields={"expected": "人数"})
    if row.name.endswith("户数") and unit in ("人", "名", "人次"):
        return Hit(evidence=unit, fields={"expected": "户数"})
    if ends_with_any(row.name, u["event_count_endings"]) and unit in ("人", "名", "位"):
        return Hit(evidence=unit, fields={"expected": "次数"})
    if (
        ends_with_any(row.name, u["person_count_endings"])
        and row.value.family is UnitFamily.COUNT
        and unit in ("次", "场", "期", "批")
    ):
        return Hit(evidence=unit, fields={"expected": "人数"})
    return None


@rule(
    "U003",
    "number-without-unit",
    "unit_mismatch",
    Severity.WARNING,
    message="指标值“{value}”只有数字没有单位，名称“{name}”也没有说明计量单位，建议写明单位（如“{example}”）",
)
def number_without_unit(row: RowContext) -> Hit | None:
    """A bare number where the name does not say what is counted.

    Names ending in 数, 数量, 次数, 人数, 个数, 份数, 天数 carry their unit (办结案件数量 = ≥70 is fine), and
    so do names that say the unit in brackets or end in one (建设面积(亩) = 5000, 农业技术人员人均培训学时 = ≥40).
    A figure in the value while the target quantity sits in the name (新建通村公路12.5公里 = 15) is a mismatch too.
    Bad: 召开论证会 = ≥1; 基本公共服务水平 = 10; 新建通村公路12.5公里 = 15.
    Good: 召开论证会 = ≥1次; 车辆数 = 10; 建设面积(亩) = 5000; 路面使用性能指数PQI = ≥85 (an index, abbreviated after it);
    指标1 = 0 (an unfilled template row: V006).
    """
    value = row.value
    if not value.has_number or value.unit or value.family is not UnitFamily.NONE or value.text:
        return None
    if is_unfilled(row):
        return None  # 指标1 = 0: a template slot nobody filled (V006), not a figure missing its unit
    example = {"example": unit_example(row)}
    if "quantity_in_name" in row.form:
        return Hit(evidence=row.value_text, fields=example)  # 新建通村公路12.5公里 = 15: the target is in the name
    name = _TRAILING_CODE.sub("", row.name)  # 路面技术状况指数MQI: the measure's abbreviation after its name
    if is_percent_name(name) or ends_with_any(name, units_table()["count_endings"]):
        return None
    if row.form & {"count", "unit_in_name"}:
        return None
    return Hit(evidence=row.value_text, fields=example)


def unit_example(row: RowContext) -> str:
    """The row's figure with the measure word its name most likely counts in (购置监控设备 = 12: 12台; 迁移散坟 = ≥40: ≥40座:
    lexicons/unit_expectations.yaml measure_words, the noun standing last in the name), or with 次、个、人 offered."""
    figure = row.value_text
    word = _measure_word(row.name)
    return f"{figure}{word}" if word else f"{figure}次”“{figure}个”“{figure}人"


@lru_cache(maxsize=4096)
def _measure_word(name: str) -> str:
    best: tuple[int, int] = (-1, 0)  # where the last noun found ends, its length: the later, then the longer
    found = ""
    for word, nouns in units_table()["measure_words"].items():
        for noun in nouns:
            place = name.rfind(noun)
            if place >= 0 and len(name) - place - len(noun) <= 2 and (place + len(noun), len(noun)) > best:
                best, found = (place + len(noun), len(noun)), word  # what is counted, an act (改造) after it at most
    return found


_TRAILING_CODE = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z]{2,6}$")


@rule(
    "U004",
    "money-name-not-money",
    "unit_mismatch",
    Severity.WARNING,
    message="“{name}”是金额类指标，指标值“{value}”却以{evidence}表示，建议改为金额（元/万元）",
)
def money_name_not_money(row: RowContext) -> Hit | None:
    """A cost, fee or price whose value is not an amount of money.

    A figure with no currency at all (耕地地力保护补贴 = 每亩120) is the same mismatch, unless the name says its
    unit in brackets (培训费(万元) = 5).
    Bad: 培训成本 = ≥2次; 耕地地力保护补贴 = 每亩120.
    Good: 培训成本 = ≤35万元; 人均培训成本 = ≤2200元/人; 培训费(万元) = 5.
    """
    if not row.value.has_number or is_percent_name(row.name):
        return None
    money = asks_for_money(row)
    if row.value.family is UnitFamily.NONE and not row.value.unit and "unit_in_name" not in row.form and money:
        return Hit(evidence="没有货币单位的数字")
    if not money or money_more_is_better(row):
        return None
    if row.value.family in (UnitFamily.MONEY, UnitFamily.PERCENT, UnitFamily.NONE):
        return None
    if row.name.endswith("标准") and row.value.family in (UnitFamily.AREA, UnitFamily.LENGTH, UnitFamily.WEIGHT):
        return None  # a standard of size (村卫生室建设标准 ≥60平方米) is no amount, and needs none
    return Hit(evidence=_FAMILY_WORDS[row.value.family])


@rule(
    "U006",
    "unit-does-not-fit-group",
    "unit_mismatch",
    Severity.WARNING,
    message="{level2}的指标值“{value}”以{evidence}表示，与该类指标不符（{takes}）",
)
def unit_does_not_fit_group(row: RowContext) -> Hit | None:
    """A value whose unit does not fit its 二级指标: a 时效 target in money, a 满意度 target in 次, a 成本 target in hours
    or persons (LABELING.md: "a 成本 not in money"). lexicons/unit_expectations.yaml level2_families.

    Bad: 时效指标 / 年底一次性完成支付 = =0.96万元; 成本指标 / 单次演练时长 = ≤4小时.
    Good: 时效指标 / 资金支付完成时间 = 12月底前; 成本指标 / 单次演练成本 = ≤2万元.
    """
    allowed = units_table()["level2_families"].get(row.group)
    if not allowed or not row.value.has_number or is_percent_name(row.name):
        return None
    if row.value.family.value in allowed:
        return None
    if row.group == "timeliness" and row.value.family is UnitFamily.COUNT and "次" in row.value.unit:
        return None  # 时效 rows sometimes count on-time events (按时召开次数)
    return Hit(
        evidence=_FAMILY_WORDS[row.value.family],
        fields={"level2": row.indicator.level2 or "该指标", "takes": text(f"finding.group_takes.{row.group}")},
    )


@rule(
    "U007",
    "percent-on-a-non-share",
    "unit_mismatch",
    Severity.WARNING,
    message="“{name}”{evidence}，不是比率，不宜用百分比“{value}”表示，建议改为数量、时限或比率（如“完成率”）",
)
def percent_on_a_non_share(row: RowContext) -> Hit | None:
    """A percentage on a name that names no share: an action, an aim, or a quantity already in the name.

    A % needs a whole to be a share of (…率, 满意度, 占比, 进度). On an action (河道清淤疏浚 = 100%)
    the measure is missing; where the name holds the target quantity (购置康复训练器材6套 = 100%) the value
    should carry it (2套) and the name say what is counted.
    A completion that names no whole (当期完成 = 90%) says when or how, not what: 90% of what?
    Bad: 河道清淤疏浚 = 100%; 购置康复训练器材6套 = 100%; 医疗服务水平改善情况 = 100%; 当期完成 = 90%.
    Good: 河道清淤完成率 = 100%; 康复训练器材购置数量 = 6套; 农药使用量较上年减少 = ≥5%; 会议计划按期完成 = ≥99%.
    """
    if not is_percent_on_non_share(row):
        return None
    if "quantity_in_name" in row.form:
        return Hit(evidence="已在名称中写明数量")
    if is_bare_completion(row.name):
        return Hit(evidence="只说何时、如何完成，没说完成什么")
    return Hit(evidence="是一项工作或目标")


@rule(
    "U010",
    "output-rate-as-cost",
    "unit_mismatch",
    Severity.WARNING,
    message="成本指标“{name}”是产出或质量的比率，不是成本，“{value}”说明不了花了多少钱",
    fix="成本指标写明金额（元、万元）或单价（元/人），或资金的比率（预算执行率、成本节约率）；产出的比率移到数量、质量指标",
)
def output_rate_as_cost(row: RowContext) -> Hit | None:
    """A rate of outputs or quality filed as a cost: 成本指标 / 设备验收合格率 = 100%.

    A cost is money (LABELING.md: unit_mismatch, "a 成本 not in money"); a rate under 成本指标 measures it only when it
    measures the money: saved, cut or paid out (成本节约率, 结算审减率, 资金拨付率), or spent against the budget or plan
    with a money noun in the name (预算执行率, 资金到位率, 自筹资金比例). 社会成本 and 生态环境成本 are not money.
    lexicons/unit_expectations.yaml money_rate_endings, money_or_other_rate_endings, money_nouns.
    Bad: 成本指标 / 设备验收合格率 = 100%; 成本指标 / 培训学员出勤率 = ≥95%; 成本指标 / 设备使用率 = ≥90%.
    Good: 成本指标 / 采购成本节约率 = ≥3%; 成本指标 / 预算执行率 = 100%; 成本指标 / 人均培训成本 = ≤2200元/人;
    社会成本指标 / 周边群众投诉率 = ≤1%.
    """
    if row.group != "cost" or row.value.family is not UnitFamily.PERCENT or not is_percent_name(row.name):
        return None
    u = units_table()
    if contains_any(row.level2, u["non_money_cost_headings"]) or ends_with_any(row.name, u["money_rate_endings"]):
        return None
    if ends_with_any(row.name, u["money_or_other_rate_endings"]) and contains_any(row.name, u["money_nouns"]):
        return None
    return Hit(evidence=row.name)


@rule(
    "U008",
    "standard-without-per-unit",
    "unit_mismatch",
    Severity.WARNING,
    message="“{name}”是单位标准，指标值“{value}”却没有说明按什么计（每人、每亩、每公里），建议写成“元/人”等形式",
)
def standard_without_per_unit(row: RowContext) -> Hit | None:
    """A per-unit standard (补助标准, 单价) given as a plain amount, with no unit it applies to.

    A standard is money per person, per mu, per km; a plain amount in 万元 reads as a total (a standard in
    元 is usually understood per person or per day, as in 差旅费标准 ≤90元, and is left alone).
    A price of a thing bought one by one names its unit (冲锋舟单价: per boat); a price of works or a service does not
    (lexicons/name_forms.yaml works_in_a_price).
    Bad: 危房改造补助标准 = ≤3.5万元; 高标准农田建设单价 = ≤0.3万元.
    Good: 危房改造补助标准 = ≤3.5万元/户; 户均补助标准 = 3.5万元 (户均 says per household);
    差旅费标准 = ≤90元; 冲锋舟单价 = ≤12万元.
    """
    forms = name_forms_table()
    if row.value.family is not UnitFamily.MONEY or row.value.unit not in ("万元", "万", "亿元") or "每" in row.value_text:
        return None
    if not ends_with_any(row.name, forms["per_unit_names"]) or contains_any(row.name, forms["per_unit_markers"]):
        return None
    if row.name.endswith("单价") and not contains_any(row.name, forms["works_in_a_price"]):
        return None  # 冲锋舟单价 ≤12万元: a thing bought one by one, priced per piece
    return Hit(evidence=row.value_text)


@rule(
    "U011",
    "count-or-time-in-money-or-percent",
    "unit_mismatch",
    Severity.WARNING,
    message="“{name}”计的是{expected}，指标值“{value}”却以{evidence}表示",
    fix="把指标值改为名称所计的单位（次数写“次”、人数写“人”，完成时间写“10月底前”），或改写名称",
)
def count_or_time_in_money_or_percent(row: RowContext) -> Hit | None:
    """A name that says what it counts (…次数, …人数, …户数, …场次) or that asks when (…完成时间, …时限, …期限) given
    in money or as a percentage: LABELING.md's "a 次数 in 元". lexicons/unit_expectations.yaml counted_name_endings,
    time_name_endings.
    Bad: 夜间巡查次数 = ≥5000元; 送教上门学生人数 = 100%; 入户调查完成时间 = ≥95%; 资金拨付时限 = ≤30万元.
    Good: 夜间巡查次数 = ≥300次; 入户调查完成时间 = 10月底前; 送教上门学生人数占比 = ≥90% (a share); 人均培训天数 = ≥3天;
    道路交通事故死亡人数 = 较上年下降≥5% (a change of the count).
    """
    family = row.value.family
    if family not in (UnitFamily.MONEY, UnitFamily.PERCENT) or not row.value.has_number:
        return None
    u = units_table()
    if contains_any(row.value_text, u["change_in_value_words"]):
        return None  # 事故死亡人数 = 较上年下降≥5%, 审批时限 = 较法定时限压缩≥50%: a change of the count, checkable
    if ends_with_any(row.name, u["counted_name_endings"]):
        expected = "次数、人数等数量"
    elif ends_with_any(row.name, u["time_name_endings"]):
        expected = "时间或时限"
    else:
        return None
    return Hit(evidence=_FAMILY_WORDS[family], fields={"expected": expected})


_SERIAL_DATES = (36526, 54789)  # 2000-01-01 and 2049-12-31 as spreadsheet day numbers


_TIME_NAME_ENDINGS = ("时间", "日期", "时限", "期限")


@rule(
    "U009",
    "date-as-serial-number",
    "unit_mismatch",
    Severity.WARNING,
    message="时间类指标“{name}”的指标值“{value}”是表格软件的日期序号，不是日期，建议写成“2024年12月31日前”",
)
def date_as_serial_number(row: RowContext) -> Hit | None:
    """A date written as a spreadsheet's day number (45657 for 2024-12-31): a deadline no reader can check.

    Bad: 时效指标 / 项目完成时间 = 45657; 资金支付时限 = ≤45291.
    Good: 项目完成时间 = 2024年12月31日前; 培训天数 = 45000 is not a date row (a count).
    """
    value = row.value
    if value.family is not UnitFamily.NONE or value.unit or value.number is None or len(value.numbers) != 1:
        return None
    if row.group != "timeliness" and not ends_with_any(row.name, _TIME_NAME_ENDINGS):
        return None
    if _SERIAL_DATES[0] <= value.number <= _SERIAL_DATES[1] and value.number == int(value.number):
        return Hit(evidence=row.value_text)
    return None
