"""The word-list predicates every rule leans on: the longest ending, the words found, whatever list is asked."""

import pytest

from scorer.predicates import contains_any, ends_with_any, units_table


def test_the_longest_ending_is_named():
    endings = ["率", "完成率", "成率"]
    assert ends_with_any("培训计划完成率", endings) == "完成率"
    assert ends_with_any("群众满意度", endings) == ""
    assert ends_with_any("", endings) == ""
    assert ends_with_any("完成率", []) == ""


def test_an_empty_ending_matches_nothing():
    assert ends_with_any("合格率", ["", "率"]) == "率"
    assert ends_with_any("合格", [""]) == ""


def test_words_found_in_the_lists_order():
    words = ["培训", "会议", "培训班"]
    assert contains_any("举办培训班次数", words) == ["培训", "培训班"]
    assert contains_any("办公设备购置数量", words) == []
    assert contains_any("会议", ["", "会"]) == ["会"]
    assert contains_any("任何文字", []) == []


def test_a_list_changed_in_place_is_read_again():
    words = ["会议"]
    assert contains_any("培训人次", words) == []
    words.append("培训")
    assert contains_any("培训人次", words) == ["培训"]
    endings = ["人次"]
    assert ends_with_any("培训天数", endings) == ""
    endings.append("天数")
    assert ends_with_any("培训天数", endings) == "天数"


def test_lexicon_endings_as_before():
    """The lexicon's own lists give what a plain scan, longest first, gives."""
    lists = units_table()
    names = ["群众满意度", "培训计划完成率", "人均补助标准", "资金拨付及时率", "会议次数", "参训人员数", "水质达标率"]
    for key in ("percent_endings", "money_endings", "count_endings", "non_ratio_endings"):
        endings = lists[key]
        for name in names:
            longest = next((e for e in sorted(endings, key=len, reverse=True) if e and name.endswith(e)), "")
            assert ends_with_any(name, endings) == longest, (key, name)
            assert contains_any(name, endings) == [e for e in endings if e and e in name], (key, name)


def test_a_negated_completion_is_a_failure_rate_unless_the_negation_names_the_cases():
    from scorer.predicates import is_failure_rate

    failures = [
        "资助申请不予受理率",
        "低保金未足额发放率",
        "信访事项未办结率",
        "投诉举报未按期办结率",
        "隐患问题未销号率",
        "驳回率",
    ]
    completions = [
        "历史遗留未整改问题整改率",
        "积压未处理警情处置率",
        "退回补充侦查案件按期办结率",
        "未成年人保护覆盖率",
        "资金发放率",
    ]
    assert [name for name in failures if not is_failure_rate(name)] == []
    assert [name for name in completions if is_failure_rate(name)] == []


def _row(level2: str, name: str, value: str):
    from scorer.normalise import prepare
    from scorer.types import Document, Indicator, Location, Project

    project = Project(name="农村饮水安全工程维修养护")
    project.indicators = [Indicator("效益指标", level2, name, "", value, "", Location("t"))]
    return prepare([Document(source="t", projects=[project])])[0].projects[0].rows[0]


@pytest.mark.parametrize(
    ("figures", "numerals"),
    [
        ("竣工后1年内明显改善", "竣工后一年内明显改善"),  # water
        ("培训结束后1个月内有效提升", "培训结束后一个月内有效提升"),  # education
        ("12月底前明显改善", "十二月底前明显改善"),  # culture
        ("造林后3年内明显改善", "造林后三年内明显改善"),  # forestry
        ("竣工后1年内投入使用", "竣工后一年内投入使用"),  # a thing done: checkable both ways
        ("发现后2小时内及时报告", "发现后两小时内及时报告"),  # health: 及时 is no degree of the act
        ("开学前10天发放到位", "开学前十天发放到位"),
        ("每日17时前上报", "每日十七时前上报"),
    ],
)
def test_a_limit_of_time_in_figures_is_judged_as_in_numerals(figures, numerals):
    """Found in review: 竣工后1年内明显改善 passed (a figure is checkable) while 竣工后一年内明显改善 was vague (V001). The
    deadline is checkable, what is to be reached by it (明显改善) is not: both are vague, and both pass where the act is
    a thing done."""
    from scorer.predicates import is_uncheckable_text

    judged = [is_uncheckable_text(_row("社会效益指标", "群众饮水条件", value)) for value in (figures, numerals)]
    assert judged[0] == judged[1]
    assert judged[0] == any(word in figures for word in ("明显", "有效"))


def test_a_degree_before_the_figure_leaves_the_figure_the_target():
    from scorer.predicates import is_uncheckable_text

    assert not is_uncheckable_text(_row("时效指标", "行政许可审批时限", "明显缩短至3个工作日内"))


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("汛前", True),  # water: the flood season's start is fixed by the province's rules
        ("主汛期前", True),
        ("每年汛前", True),
        ("汛前修复", True),  # with the act to be done by then
        ("汛前尽快修复", True),  # a hedge beside a limit only urges
        ("供暖期内", True),  # civil affairs: the heating period is fixed by the city
        ("秋季开学前", True),  # education: the school calendar
        ("春耕前拨付", True),  # agriculture
        ("防火期前", True),  # forestry
        ("国庆前", True),  # market regulation
        ("会前", True),
        ("汛前明显改善", False),  # a degree: what is reached by then has no standard
        ("供暖期内有效保障", False),
        ("汛前提升", False),  # no act done
        ("开学前后", False),  # around the event: no limit
        ("汛后", False),  # after it: no end
        ("活动前", False),  # an activity's date is no calendar's
        ("商会内", False),
        ("近日内", False),
    ],
)
def test_a_recurring_events_limit_is_a_deadline(text, deadline):
    from scorer.predicates import is_event_deadline

    assert is_event_deadline(text) is deadline


@pytest.mark.parametrize(
    "name, value",
    [
        ("带动农民增收", "≥500万元"),  # the value a figure: the name alone is read
        ("改善农村水环境", "明显改善"),
        ("优化营商", "环境持续向好"),  # a word across name and value
        ("社会环境", "综合效益提升"),  # 效益 after a compound taken out, in the value
        ("群众满意度", "生态效益显著"),  # the words in the value alone
        ("营商环境满意度", "≥95%"),
    ],
)
def test_the_dimensions_of_a_row_are_those_of_its_name_and_value_together(name, value):
    from scorer.predicates import dimension_text, dimensions_in

    row = _row("生态效益指标", name, value)
    assert dimensions_in(dimension_text(row)) == dimensions_in(row.name + row.value_text)


def test_a_value_of_figures_adds_no_dimension_and_is_not_read():
    from scorer.predicates import dimension_text

    assert dimension_text(_row("经济效益指标", "带动农民增收", "≥500万元")) == "带动农民增收"
    assert dimension_text(_row("经济效益指标", "优化营商", "环境持续向好")) == "优化营商环境持续向好"


@pytest.mark.parametrize(
    "level1, level2, groups",
    [
        ("产出指标(50分)", "数量指标", ("output", "quantity")),
        ("效益指标（30分）", "社会效益指标", ("effect", "social")),
        ("项目效益指标", "社会效益", ("effect", "social")),
        ("项目完成指标", "(20分)质量指标", ("output", "quality")),
        ("满意度指标 10分", "服务对象满意度指标", ("satisfaction", "satisfaction")),
    ],
)
def test_a_group_heading_with_its_weight_or_the_project_prefix_is_the_group(level1, level2, groups):
    """Self-evaluation templates write a group's weight in its heading (产出指标(50分)) and some say 项目完成指标 /
    项目效益指标: the heading names the same group, which the rules and the model read."""
    from scorer.normalise import prepare
    from scorer.types import Document, Indicator, Location, Project

    project = Project(name="乡镇综合文化站免费开放")
    project.indicators = [Indicator(level1, level2, "开展文化活动场次", "", "≥24场", "", Location("t"))]
    row = prepare([Document(source="t", projects=[project])])[0].projects[0].rows[0]
    assert (row.level1_group, row.group) == groups


def test_a_list_made_on_the_spot_is_derived_once_and_pushes_no_lexicon_list_out():
    """A rule joining two lexicon lists on every row ([*price_endings, *spending_endings]) made a list of a new identity
    each time: each was derived anew, and 512 of them cleared the memo, so the lexicons' own lists were derived again
    and again (9,625 times on half of a 200,000-row export). Found by its words, it is derived once."""
    from scorer.predicates import _derived

    made: list[tuple] = []

    def make(words):
        made.append(tuple(words))
        return len(words)

    lexicon_list = ["费用", "单价"]
    assert _derived(lexicon_list, make) == 2
    for _ in range(2000):
        assert _derived([*lexicon_list, "价格"], make) == 3
    assert _derived(lexicon_list, make) == 2
    assert made == [("费用", "单价"), ("费用", "单价", "价格")]
