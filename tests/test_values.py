from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.text import compact, without_controls
from scorer.types import UnitFamily
from scorer.values import format_value, money_in_wan, parse_value


def _reading(value) -> tuple:
    """What a parse reads of a value, its raw text aside."""
    return value.op, value.numbers, value.unit, value.family, value.text


@pytest.mark.parametrize(
    ("raw", "op", "numbers", "unit", "family"),
    [
        ("≥95%", "≥", (95.0,), "%", UnitFamily.PERCENT),
        ("$\\geq 10$ 次", "≥", (10.0,), "次", UnitFamily.COUNT),
        ("<math>\\geq 6</math>次", "≥", (6.0,), "次", UnitFamily.COUNT),
        ("<p>≤ 0.15 万元</p>", "≤", (0.15,), "万元", UnitFamily.MONEY),
        ("≥98百分比", "≥", (98.0,), "%", UnitFamily.PERCENT),
        ("大于等于95%", "≥", (95.0,), "%", UnitFamily.PERCENT),
        ("不少于10次", "≥", (10.0,), "次", UnitFamily.COUNT),
        ("不超过35万元", "≤", (35.0,), "万元", UnitFamily.MONEY),
        ("95%以上", "≥", (95.0,), "%", UnitFamily.PERCENT),
        ("10万元以内", "≤", (10.0,), "万元", UnitFamily.MONEY),
        ("控制在8万元", "≤", (8.0,), "万元", UnitFamily.MONEY),
        ("达到90%", "≥", (90.0,), "%", UnitFamily.PERCENT),
        ("１，２００．５万元", "", (1200.5,), "万元", UnitFamily.MONEY),
        ("1,200.5万元", "", (1200.5,), "万元", UnitFamily.MONEY),
        ("90%-95%", "", (90.0, 95.0), "%", UnitFamily.PERCENT),
        ("140元/天/人", "", (140.0,), "元/天/人", UnitFamily.MONEY),
        ("1000元/次", "", (1000.0,), "元/次", UnitFamily.MONEY),
        ("≤12月份", "≤", (12.0,), "月", UnitFamily.DATE),
        ("12月底前", "≤", (12.0,), "月", UnitFamily.DATE),
        ("2024年12月31日前", "≤", (2024.0, 12.0), "月", UnitFamily.DATE),
        ("2024.12.31前完成", "≤", (2024.0, 12.0), "月", UnitFamily.DATE),
        ("2025-06-30", "", (2025.0, 6.0), "月", UnitFamily.DATE),
        ("2024/12/31", "", (2024.0, 12.0), "月", UnitFamily.DATE),
        ("2025.06前", "≤", (2025.0, 6.0), "月", UnitFamily.DATE),
        ("2024.12月底前", "≤", (2024.0, 12.0), "月", UnitFamily.DATE),
        ("2024.5万元", "", (2024.5,), "万元", UnitFamily.MONEY),
        ("220万字", "", (2200000.0,), "字", UnitFamily.COUNT),
        ("150人份", "", (150.0,), "人份", UnitFamily.COUNT),  # samples or doses, not persons
        ("3.5万剂次", "", (35000.0,), "剂次", UnitFamily.COUNT),
        ("≥3艘", "≥", (3.0,), "艘", UnitFamily.COUNT),
        ("≤1.6万元/坐席·年", "≤", (1.6,), "万元/坐席·年", UnitFamily.MONEY),  # per a thing of no unit table, in its whole word
        ("≤5000元/床位", "≤", (5000.0,), "元/床位", UnitFamily.MONEY),
        ("≤300元/生以上", "≤", (300.0,), "元/生", UnitFamily.MONEY),  # a bound's word is no part of it
        ("每周二前", "≤", (2.0,), "周", UnitFamily.DATE),
        ("2025.1-12", "", (2025.1, 12.0), "", UnitFamily.NONE),
        ("2020.5", "", (2020.5,), "", UnitFamily.NONE),
        ("2024-2025年", "", (2024.0, 2025.0), "年", UnitFamily.DURATION),
        ("0次", "", (0.0,), "次", UnitFamily.COUNT),
        ("=7人", "=", (7.0,), "人", UnitFamily.PERSON),
        ("≥500人次", "≥", (500.0,), "人次", UnitFamily.PERSON),
        ("≥2个百分点", "≥", (2.0,), "个百分点", UnitFamily.PERCENT),
        ("≥3天", "≥", (3.0,), "天", UnitFamily.DURATION),
        ("≥1000平方米", "≥", (1000.0,), "平方米", UnitFamily.AREA),
        ("≥1部", "≥", (1.0,), "部", UnitFamily.COUNT),
        ("≥50万亩", "≥", (500000.0,), "亩", UnitFamily.AREA),
        ("≥20万人次", "≥", (200000.0,), "人次", UnitFamily.PERSON),
        ("8万", "", (8.0,), "万", UnitFamily.MONEY),
        ("≤35万元", "≤", (35.0,), "万元", UnitFamily.MONEY),
    ],
)
def test_parse_value_examples(raw, op, numbers, unit, family):
    value = parse_value(raw)
    assert value.raw == raw
    assert (value.op, value.numbers, value.unit, value.family) == (op, numbers, unit, family)


@pytest.mark.parametrize("raw", ["及时", "显著增强", "较上一年有提升", "健全", "切实保障"])
def test_text_without_figure_keeps_the_words(raw):
    value = parse_value(raw)
    assert not value.has_number
    assert value.text == raw


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("符合DA/T 31-2017标准", "符合DA/T标准"),
        ("符合GB 5749-2022标准", "符合GB标准"),
        ("执行JGJ 59-2011", "执行JGJ"),
        ("符合DB11/T 1234-2015", "符合DB/T"),
        ("符合HJ 2.2-2018要求", "符合HJ要求"),
        ("符合JTG F80/1-2017", "符合JTGF"),
        ("符合GB 5749标准", "符合GB标准"),
        ("严格执行《办法》（财社〔2013〕217号）", "严格执行《办法》(财社〔〕号)"),
        ("执行《条例》（国务院令第738号）", "执行《条例》(国务院令第号)"),
    ],
)
def test_a_standards_code_is_its_name_not_a_figure(raw, text):
    value = parse_value(raw)
    assert not value.has_number
    assert value.text == text


def test_figures_beside_a_standards_code_are_still_read():
    assert _reading(parse_value("≥95%，符合GB 50300-2013")) == ("≥", (95.0,), "%", UnitFamily.PERCENT, "符合GB")
    assert parse_value("2023-2025年").numbers == (2023.0, 2025.0)  # a span of years, no standard's letters


def test_year_end_words_are_a_date_without_number():
    assert parse_value("年底前").family is UnitFamily.DATE


def test_money_in_wan_converts_yuan_and_yi():
    assert money_in_wan(parse_value("≤300元")) == pytest.approx(0.03)
    assert money_in_wan(parse_value("1.5亿元")) == pytest.approx(15000)
    assert money_in_wan(parse_value("≤4000元/次")) is None  # a unit price, not an amount


@given(st.text(max_size=60))
def test_parse_value_never_raises(text):
    value = parse_value(text)
    assert value.raw == text


_UNITS = ["%", "次", "人", "人次", "万元", "元", "天", "份", "个", "平方米", "吨", "元/人", "元/人/天"]


@given(
    op=st.sampled_from(["", "≥", "≤", "=", ">", "<"]),
    number=st.one_of(st.integers(0, 10**7).map(float), st.decimals("0", "100000", places=2).map(float)),
    unit=st.sampled_from(_UNITS),
)
def test_format_parse_round_trip(op, number, unit):
    value = parse_value(format_value(op, number, unit))
    assert value.op == op
    assert value.number == pytest.approx(number)
    assert value.unit == unit


def test_tokens_keep_indicator_names_and_targets_whole():
    from scorer.text import tokens

    assert tokens("参训人员满意度≥95%") == ("参训", "人员", "满意度", "≥95%")
    assert tokens("培训及时率 100%") == ("培训", "及时率", "100%")
    assert tokens("伙食费 140元/天/人")[-1] == "140元/天/人"
    assert "执法检查" in tokens("开展执法检查次数")


def test_per_unit_money_keeps_a_denominator_no_unit_table_holds():
    """元/生 (per pupil) is a unit price, not a total: the cost sums must not add it as 2000元."""
    for raw, unit in (("2000元/生", "元/生"), ("100元每生", "元/生"), ("1200元/人", "元/人")):
        value = parse_value(raw)
        assert value.unit == unit and money_in_wan(value) is None
    assert parse_value("550万粒").family.value == "count" and parse_value("550万粒").number == 5_500_000


@pytest.mark.parametrize(
    ("raw", "unit", "family"),
    [
        ("≤14元/人·天", "元/人·天", "money"),
        ("≥3000人・次", "人·次", "person"),
        ("120吨·公里", "吨·公里", "weight"),
        ("8元/户•月", "元/户·月", "money"),
    ],
)
def test_a_unit_multiplied_by_another_is_one_unit(raw, unit, family):
    """人·天, 吨·公里: two units multiplied, joined by a dot (·, ・, • as fonts and keyboards give it). The unit stopped at
    the dot (元/人, with ·天 left as words beside the figure), and in run-on text ·天 became a row of its own."""
    value = parse_value(raw)
    assert (value.unit, value.family.value, value.text) == (unit, family, "")
    assert money_in_wan(value) is None  # a price per person-day is no total


@pytest.mark.parametrize(
    ("raw", "unit"),
    [
        ("530元/人*月", "元/人·月"),
        ("120元/人.天", "元/人·天"),
        ("1.5元/人.次", "元/人·次"),
        ("1000元/生·年", "元/生·年"),
        ("1000元/生/年", "元/生/年"),
        ("2000元/人.年。", "元/人·年"),
    ],
)
def test_a_price_per_two_units_may_be_typed_with_a_star_or_a_full_stop(raw, unit):
    """In a price, * and . stand for the dot (530元/人*月), and a thing of no unit table keeps the unit after it (元/生·年:
    per pupil per year, not per pupil)."""
    assert (parse_value(raw).unit, parse_value(raw).text) == (unit, "")


@pytest.mark.parametrize(
    ("raw", "unit", "text"),
    [
        ("≥10个.年内完成", "个", ".年内完成"),
        ("完成100人.次年完成", "人", "完成.次年完成"),
        ("≥90%.年度", "%", ".年度"),
        ("≥90%·年度", "%", "·年度"),
        ("100%*注", "%", "*注"),
        ("500元×10人", "元", "×10人"),
    ],
)
def test_a_full_stop_or_a_star_outside_a_price_joins_no_units(raw, unit, text):
    """Outside a price, or before words that are more than one unit, . * × are a full stop, a footnote's mark, a times sign;
    after a percentage no dot joins a unit."""
    assert (parse_value(raw).unit, parse_value(raw).text) == (unit, text)


def test_a_dot_before_a_word_that_is_no_unit_leaves_the_unit_alone():
    """≥200人·培训: the dot joins two units only (人·天); before another word the unit is 人, as before."""
    assert [(parse_value(raw).unit, parse_value(raw).text) for raw in ("≥200人·培训", "≥95%·优良", "≥1次/周·汛期")] == [
        ("人", "·培训"),
        ("%", "·优良"),
        ("次/周", "·汛期"),
    ]


def test_a_unit_multiplied_in_run_on_text_stays_with_its_figure(tmp_path):
    path = tmp_path / "公交.txt"
    path.write_text(
        "项目名称城市公交运营补贴\n一级指标二级指标三级指标指标值\n产出指标成本指标人均补助标准≤14元/人·天\n数量指标补贴人数≥2000人\n",
        encoding="utf-8",
    )
    from scorer.ingest import read_document

    document = read_document(path)
    assert [(i.level3, i.value) for i in document.projects[0].indicators] == [
        ("人均补助标准", "≤14元/人·天"),
        ("补贴人数", "≥2000人"),
    ]


INVISIBLE = ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u202c", "\u200e"]  # as pasted from web pages and Word


@pytest.mark.parametrize("mark", INVISIBLE)
def test_an_invisible_character_pasted_into_a_value_changes_nothing_read(mark):
    """Found in review: a zero-width space (or a soft hyphen, a BOM, a bidi mark) that a copy from a web page
    leaves inside a cell made ≥9​5% the figure 9 with no unit, a row the rules then called a unit mismatch."""
    for written in ("≥95%", "≤12月", "=12次", "≤30万元"):
        plain = parse_value(written)
        for at in range(1, len(written)):
            marked = parse_value(written[:at] + mark + written[at:])
            assert (marked.op, marked.numbers, marked.unit, marked.family) == (plain.op, plain.numbers, plain.unit, plain.family)
    assert compact(f"服务对象满意{mark}度") == "服务对象满意度"


def test_bidirectional_overrides_do_not_reach_a_page_or_a_terminal():
    """U+202E shows the text after it reversed: a value could read as another on the report (≥95% as %59≥)."""
    assert without_controls("满意度\u202e%59≥\u202c") == "满意度%59≥"
    assert without_controls("第一\u2067行\u2069") == "第一行"


@pytest.mark.parametrize(
    ("raw", "arabic"),
    [
        ("两次", "2次"),
        ("三期", "3期"),
        ("≥九十五%", "≥95%"),
        ("不低于百分之九十五", "不低于95%"),
        ("一百人", "100人"),
        ("十二月底前", "12月底前"),
        ("二〇二五年十二月底前", "2025年12月底前"),
        ("不少于两千人次", "不少于2000人次"),
        ("十五万元以内", "15万元以内"),
        ("≥两千台次", "≥2000台次"),
        ("十个工作日内", "10个工作日内"),
    ],
)
def test_a_target_written_in_chinese_numerals_reads_as_in_arabic_digits(raw, arabic):
    """Found in review: 两次, ≥九十五%, 一百人 were read as words with no figure, and V001 called them targets
    that cannot be checked at the year's end."""
    parsed, expected = parse_value(raw), parse_value(arabic)
    assert expected.has_number and parsed.raw == raw
    assert _reading(parsed) == _reading(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "一次性发放到位",
        "落实两个维护",
        "坚持三会一课",
        "统一标准",
        "一流水平",
        "一户一档",
        "一批",
        "两三次",
        "零",
        "二三十家",
        "十四五",
    ],
)
def test_numerals_inside_words_slogans_and_approximations_stay_words(raw):
    """Numerals that are part of a word or a slogan (一次性, 两个维护, 三会一课, 统一) are no target's figure, nor
    are an unspecified quantity (一批), an approximation (两三次) or 零 alone (a state, as 零事故; a review found
    them read as 1批, 23次 and a bare 0)."""
    assert parse_value(raw).numbers == ()


@pytest.mark.parametrize(
    ("name", "raw", "op", "numbers", "unit", "family", "text"),
    [
        # education
        ("教师培训次数", "全年不少于两次", "≥", (2.0,), "次", UnitFamily.COUNT, "全年"),
        ("家访次数", "每学期一次", "", (1.0,), "次/学期", UnitFamily.COUNT, ""),
        ("学生资助政策知晓率", "九成以上", "≥", (90.0,), "%", UnitFamily.PERCENT, ""),
        ("教材循环使用率", "不低于七成", "≥", (70.0,), "%", UnitFamily.PERCENT, ""),
        # health
        ("孕产妇系统管理率", "九成五以上", "≥", (95.0,), "%", UnitFamily.PERCENT, ""),
        ("院内感染发生率", "千分之五以内", "≤", (5.0,), "‰", UnitFamily.PERCENT, ""),
        ("疫苗接种差错率", "万分之一以下", "≤", (1.0,), "‱", UnitFamily.PERCENT, ""),
        ("家庭医生随访次数", "每季度一次", "", (1.0,), "次/季度", UnitFamily.COUNT, ""),
        ("药品抽检次数", "年度不少于四次", "≥", (4.0,), "次", UnitFamily.COUNT, "年度"),
        # water
        ("水质监测次数", "每月一次", "", (1.0,), "次/月", UnitFamily.COUNT, ""),
        ("河道巡查次数", "每周不少于两次", "≥", (2.0,), "次/周", UnitFamily.COUNT, ""),
        ("供水管网漏损率", "一成以内", "≤", (10.0,), "%", UnitFamily.PERCENT, ""),
        ("防汛演练次数", "一年两次", "", (2.0,), "次/年", UnitFamily.COUNT, ""),
        # police
        ("消防安全检查次数", "每年一次", "", (1.0,), "次/年", UnitFamily.COUNT, ""),
        ("辅警培训合格率", "百分百", "", (100.0,), "%", UnitFamily.PERCENT, ""),
        ("案件质量差错率", "千分之三以下", "≤", (3.0,), "‰", UnitFamily.PERCENT, ""),
        ("治安巡逻次数", "年内不少于一百二十次", "≥", (120.0,), "次", UnitFamily.COUNT, "年内"),
        # civil affairs
        ("特困人员探访次数", "每月不少于一次", "≥", (1.0,), "次/月", UnitFamily.COUNT, ""),
        ("低保资金发放准确率", "百分之百", "", (100.0,), "%", UnitFamily.PERCENT, ""),
        ("养老机构安全检查次数", "本年度三次", "", (3.0,), "次", UnitFamily.COUNT, "本年度"),
        ("救助政策知晓率", "八成以上", "≥", (80.0,), "%", UnitFamily.PERCENT, ""),
        # transport
        ("农村公路巡查次数", "每天一次", "", (1.0,), "次/天", UnitFamily.COUNT, ""),
        ("桥梁安全检查次数", "每半年一次", "", (1.0,), "次/半年", UnitFamily.COUNT, ""),
        ("危桥检测数量", "全年累计两百座", "", (200.0,), "座", UnitFamily.COUNT, "全年累计"),
        ("路面完好率", "达到百分百", "≥", (100.0,), "%", UnitFamily.PERCENT, ""),
        ("道路运输事故率", "万分之三以内", "≤", (3.0,), "‱", UnitFamily.PERCENT, ""),
        # a fraction word before Arabic digits
        ("政务服务好评率", "百分之95以上", "≥", (95.0,), "%", UnitFamily.PERCENT, ""),
        ("档案差错率", "千分之5以内", "≤", (5.0,), "‰", UnitFamily.PERCENT, ""),
    ],
)
def test_figures_written_in_words_are_read(name, raw, op, numbers, unit, family, text):
    """Found in review: a period word before the figure (全年不少于两次), a figure per a period (一年一次, 每季度一次),
    百分百, N成 (九成以上: N tenths) and 千分之N / 万分之N were read as words with no figure, and V001 called each a
    target that cannot be checked at the year's end."""
    value = parse_value(raw)
    assert value.raw == raw
    assert (value.op, value.numbers, value.unit, value.family, value.text) == (op, numbers, unit, family, text), name


@pytest.mark.parametrize(
    ("words", "figures"),
    [
        ("全年不少于两次", "全年不少于2次"),
        ("年度不少于四次", "年度不少于4次"),
        ("一年一次", "1次/年"),
        ("每年一次", "每年1次"),
        ("一年两次", "2次/年"),
        ("每季度一次", "1次/季度"),
        ("每月一次", "1次/月"),
        ("每半年一次", "1次/半年"),
        ("每年不少于两千人次", "≥2000人次/年"),
        ("百分百", "100%"),
        ("百分之百", "100%"),
        ("九成以上", "≥90%"),
        ("九成五", "95%"),
        ("千分之五以内", "≤5‰"),
        ("万分之三", "3‱"),
        ("每天两小时", "每天2小时"),
        ("每周不少于五十六小时", "每周不少于56小时"),
        ("每天三十分钟", "每天30分钟"),
        # a deadline counted from an event or within a period
        ("每学期开学后一个月内", "每学期开学后1个月内"),  # education
        ("开学后两周内", "开学后2周内"),
        ("每季度结束后十日内", "每季度结束后10日内"),  # statistics
        ("收到申请后五个工作日内", "收到申请后5个工作日内"),  # civil affairs
        ("受理之日起七个工作日内", "受理之日起7个工作日内"),  # market regulation
        ("接警后十五分钟内", "接警后15分钟内"),  # police
        ("发现后两小时内报告", "发现后2小时内报告"),  # health
        ("险情发生后一小时内", "险情发生后1小时内"),  # water
        ("报修后三日内", "报修后3日内"),  # housing
        ("每月十五日前", "每月15日前"),  # human resources
        # a deadline counted back from an event
        ("开学前十天", "开学前10天"),  # education
        ("活动举办前三天", "活动举办前3天"),  # culture
        ("汛期前十五日", "汛期前15日"),  # water
        ("春节前一周", "春节前1周"),  # civil affairs
        ("防火期前一个月", "防火期前1个月"),  # forestry
        ("演出前一天完成", "演出前1天完成"),
        # a time of day
        ("每日早上七点前", "每日早上7点前"),  # education
        ("每天晚上十点前", "每天晚上10点前"),  # health
        ("当日十八时前", "当日18时前"),  # transport
    ],
)
def test_a_figure_in_words_reads_as_the_same_figure_in_digits(words, figures):
    parsed, expected = parse_value(words), parse_value(figures)
    assert expected.has_number
    assert _reading(parsed) == _reading(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "一年一度",  # a yearly festival, not one 度
        "一年四季",
        "一年一个台阶",
        "每月一报",
        "每年一次性发放",
        "一次性补助到位",
        "百分百满意",  # a sentence: the figure is not all the value says
        "百分百完成",
        "九成以上群众满意",
        "一成不变",
        "九成新",
        "全年若干次",
        "全年一批",
        "每年两三次",
        "全年二三十场",
        "三千余人",
        "全年三千余人次",
        "一站式服务",
        "一网通办",
        "十四五规划",
        "年均两三次",
        "累计完成两次",  # 完成 is no operator word
        "开学后尽快",  # an event and no time: no deadline
        "开学后一个月",  # no 内 or 前: a time after the event, not a deadline
        "开学后第一周内",  # an ordinal, not an amount of time
        "收到申请后一次性告知",  # 一次性 is a word, not a figure
        "较前一年提高",  # after a comparison 前一年 is the year before, not a deadline
        "比前三年有所提升",
        "开学前十天明显改善",  # a degree after the deadline: a claim of how much, not a thing done
    ],
)
def test_period_and_fraction_look_alikes_stay_words(raw):
    """A period word, 百分百 or N成 read only when the figure with its units and operator words is all the value
    says: inside a slogan or sentence (一年一个台阶, 百分百满意, 一成不变), beside an approximation (两三次, 若干,
    三千余人) or with a verb (累计完成两次) the value stays words."""
    assert parse_value(raw).numbers == ()


@pytest.mark.parametrize(
    "raw, unit",
    [
        ("≥1次/季度", "次/季度"),
        ("2次/学期", "次/学期"),
        ("1次/半年", "次/半年"),
        ("每季度一次", "次/季度"),
        ("每学期不少于两次", "次/学期"),
    ],
)
def test_a_period_is_whole_as_what_a_figure_is_counted_per(raw, unit):
    value = parse_value(raw)
    assert value.unit == unit and not value.text


@pytest.mark.parametrize("raw", ["三季度末", "二季度前", "四季度", "2季度前", "1季度", "3季度末前完成", "一学期", "1学期"])
def test_a_quarter_or_term_after_a_figure_is_a_time_not_an_amount(raw):
    """三季度末 is the end of the third quarter: read as three quarters, a 时效 row would be a duration."""
    value = parse_value(raw)
    assert value.family is not UnitFamily.DURATION and value.unit not in ("季度", "学期", "半年")


@pytest.mark.parametrize(
    ("raw", "months"),
    [
        ("开学后一月内", 1.0),  # education
        ("开学后1月内", 1.0),
        ("验收后两月内", 2.0),  # forestry
        ("受理之日起三月内", 3.0),  # civil affairs
        ("封锁后一月内", 1.0),  # agriculture
        ("收到报告后2月以内", 2.0),  # market regulation
    ],
)
def test_months_counted_from_an_event_are_a_duration_not_a_month_of_the_year(raw, months):
    """Found in review: 开学后一月内 read 一月 as January (a date, and the words not a deadline), where 开学后一个月内 is a
    month's time."""
    value = parse_value(raw)
    assert (value.family, value.numbers, value.unit) == (UnitFamily.DURATION, (months,), "月")


@pytest.mark.parametrize("raw", ["一月底前", "次年1月内", "汛后11月底前", "每年1月底前", "1月内"])
def test_a_month_of_the_year_stays_a_date(raw):
    """A month after a year, a period word or with 底 is the month of the year, even after an event (汛后11月底前)."""
    assert parse_value(raw).family is UnitFamily.DATE


@pytest.mark.parametrize(
    ("raw", "numbers"),
    [
        ("每日早上七点前", (7.0,)),  # education: a school canteen's deliveries
        ("每天8:00前", (8.0, 0.0)),
        ("17时前", (17.0,)),  # health: the day's report
        ("当日18时前", (18.0,)),  # transport
        ("每日下午五点半前", (17.0, 30.0)),
        ("每天晚上十点前", (22.0,)),
        ("每日8点前", (8.0,)),  # was a count of 8 点 (sites)
        ("次日十二时前上报", (12.0,)),  # police
        ("当日17:00前", (17.0, 0.0)),  # market regulation
    ],
)
def test_a_time_of_day_before_which_a_thing_is_done_is_a_limit_of_time(raw, numbers):
    """Found in review: 每日早上七点前 stayed words (V001 called it vague), 每天8:00前 and 17时前 were a bare figure and
    每日8点前 a count of 点 (U006 called it a count on a 时效 row)."""
    value = parse_value(raw)
    assert (value.op, value.numbers, value.unit, value.family) == ("≤", numbers, "时", UnitFamily.DATE)


@pytest.mark.parametrize("raw", ["七点前后", "每日下午三点后", "每日早上", "25点前", "24小时前", "每日8时"])
def test_no_limit_at_a_time_of_day_is_no_clock_deadline(raw):
    """Around a time (前后), after it, an hour that is none, or a time with no 前 sets no limit of time."""
    assert parse_value(raw).unit != "时"


def test_a_count_in_ten_thousands_of_lamps_is_no_money():
    """1.8万盏 was read as 1.8万元 (review 55): 万 before a measure word scales the count."""
    from scorer.values import parse_value

    lamps = parse_value("1.8万盏")
    assert (lamps.family, lamps.unit, lamps.numbers) == (UnitFamily.COUNT, "盏", (18000.0,))
    assert parse_value("≥5万").family is UnitFamily.MONEY  # 万 alone is still 万元, as budget tables write it
