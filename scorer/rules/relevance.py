"""irrelevant: the indicator does not belong to this project."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import accumulate

from scorer.lexicons import table
from scorer.normalise import ProjectContext, RowContext, types_of
from scorer.predicates import (
    STRING_CACHE,
    allowed_dimensions,
    contains_any,
    dimension_text,
    dimension_topics,
    ends_with_any,
    has_figure,
    is_percent_name,
    is_placeholder_name,
    is_uncheckable_text,
    is_whole_unit_budget,
    row_dimensions,
    units_table,
)
from scorer.registry import Hit, rule
from scorer.text import alternation, bigrams, compact
from scorer.types import Severity, UnitFamily

_DIMENSION_WORDS = {"economic": "经济效益", "ecological": "生态效益", "social": "社会效益", "sustainable": "可持续影响"}


@cache
def _row_topics() -> dict[str, list[str]]:
    return table("project_types")["row_topics"]


@cache
def _type_keywords() -> dict[str, list[str]]:
    return {name: spec["keywords"] for name, spec in table("project_types")["types"].items()}


@rule(
    "R001",
    "placeholder-name",
    "irrelevant",
    Severity.ERROR,
    also=(("boilerplate", Severity.WARNING),),
    message="三级指标名称“{name}”照抄二级指标名称，不是本项目的具体指标，建议写明本项目实际产生的效果",
)
def placeholder_name(row: RowContext) -> Hit | None:
    """The 三级指标 is just the 二级指标 heading: a placeholder, not an indicator of this project.

    Bad: 生态效益指标 / 生态效益指标 = 显著增强; 社会效益指标 / 社会效益指标 = 拓宽渠道.
    Good: 社会效益指标 / 代表建议办结率 = ≥95%.
    """
    return Hit(evidence=row.indicator.level3) if is_placeholder_name(row) else None


# A row filed under 生态效益 claims an ecological benefit whatever its words; rows filed under 经济效益
# are often plain outputs misfiled (听取报告 ≥1个) and are judged by their words, unless they measure growth
# (economic_growth below).
_GROUP_DIMENSIONS = ("ecological",)


def economic_growth(row: RowContext) -> str:
    """The growth word when a row filed under 经济效益 measures how an economic amount grows (收入, 零售总额, 游客 …), in
    % or money (旅游综合收入增长率 ≥5%), and what grows is not the project's own money or revenue (会议经费, 门票收入), a
    share (知晓率) or its own kind of work (招商引资额 on an investment-promotion budget): it claims the economic benefit
    its heading names; "" otherwise, as for the growth of the unit's own service (门诊人次增长率).
    lexicons/dimension_topics.yaml economic_growth_endings, economic_amounts, economic_own_revenue."""
    if row.group != "economic" or row.value.family not in (UnitFamily.PERCENT, UnitFamily.MONEY) or not row.value.has_number:
        return ""
    topics = dimension_topics()
    growth = ends_with_any(row.name, topics.get("economic_growth_endings", ()))
    grown = row.name[: len(row.name) - len(growth)]
    if not growth or not grown or is_percent_name(grown) or ends_with_any(grown, units_table()["spending_endings"]):
        return ""
    if not contains_any(grown, topics.get("economic_amounts", ())):
        return ""  # 门诊人次增长率, 网上办件量增长率: the unit's own work grows
    own_revenue = contains_any(grown, topics.get("economic_own_revenue", ()))
    if own_revenue and not contains_any(grown, topics.get("economic_other_owners", ())):
        return ""  # 业务收入增长, 门票收入增长: the unit's own money (not 规上企业主营业务收入)
    return "" if types_of(grown) & row.project.types else growth


@rule(
    "R002",
    "dimension-not-affected",
    "irrelevant",
    Severity.ERROR,
    message="“{name}”（“{evidence}”）属于{dimension}，本项目（从名称、用途和目标看是{project_kind}项目）无法产生或影响该效益",
    context=True,
    fix="删去这一行，或换成本项目能够影响的效益（如服务对象、工作质量方面的结果）",
)
def dimension_not_affected(row: RowContext) -> Hit | None:
    """A benefit the kind of project cannot produce: 生态效益 on a meeting, 经济增长 on a training budget.

    Project kinds and the dimensions each can affect are in lexicons/project_types.yaml. A row filed under
    生态效益 claims that benefit whatever its words (中学公用经费 / 生态效益指标 / 校园安全管理 = 良好); one filed
    under 经济效益 does when it measures how an amount grows, in % or money (会议费 / 经济效益指标 / 旅游综合收入增长率 =
    ≥5%), unless what grows is the project's own money, a share or its own kind of work. Other rows under 经济效益 are
    judged by their words: outputs, savings and payments are often filed there (听取财政局报告 = ≥1个).
    A kind whose dims hold economic claims a regional economy's growth (地方经济, GDP, 税收) only when its work is economic
    activity (beyond_its_kinds); a project whose name buys a training, publicity or a meeting claims no ecological benefit.
    Bad: 培训费 / 经济效益增长 = 水平提高; 人大立法经费 / 改善水环境 = 有效保护; 村干部误工补贴 / 经济效益 /
    带动村集体经济增长; 会议费 / 经济效益指标 / 接待游客人次增长率 = ≥10%; 乡村教师业务培训费 / 带动地方经济增长 = ≥10%;
    新型职业农民培训 / 生态效益指标 / 村庄生态环境质量 = 持续改善.
    Only benefit rows are judged: an output row (环境资源案件审结数) counts work done and claims no benefit.
    Good: 智慧人大建设项目 / 节能环保 (equipment can save energy); 招商引资 / 带动地区经济发展; 会议费 / 经济效益指标 /
    听取财政局报告 = ≥1个; 人大常委会会议经费 / 经济效益指标 / 会议经费增长率 = ≤5%; 机关食堂运行费 / 生态效益指标 /
    餐厨垃圾减量率 = ≥10% (its own footprint); 消费维权热线运行 / 为消费者挽回经济损失 = ≥300万元 (a loss made good);
    安全生产监管 / 亿元GDP生产安全事故死亡率 = ≤0.02 (a harm per an economic base); 困难学生资助资金 / 减轻困难家庭经济
    负担 (the means of the people served); 招商引资推介活动经费 / 带动地方经济增长.
    """
    if row.level1_group not in ("effect", ""):
        return None  # an output row (环境资源案件审结数) counts work done; it claims no benefit
    allowed = allowed_dimensions(row)
    if allowed is None:
        return None  # no kind known: ecological work is done under many names (畜禽粪污资源化利用, 环卫保洁)
    dimensions = row_dimensions(row)
    if (
        row.group in _GROUP_DIMENSIONS
        and row.group not in dimensions
        and not ends_with_any(row.name, dimension_topics().get("people_measures", ()))
    ):
        dimensions = {row.group: [row.indicator.level2], **dimensions}  # 参训农户用药技术掌握率: the trainees, misfiled
    if "economic" not in dimensions and (growth := economic_growth(row)):  # allowed: beyond_its_kinds asks still
        dimensions = {"economic": [row.indicator.level2, growth], **dimensions}
    for dimension, found in dimensions.items():
        if dimension == "ecological" and contains_any(row.name, dimension_topics()["ecological_own_operations"]):
            continue  # 食堂餐厨垃圾量下降率: the footprint of its own operations, which any project can lower
        if dimension == "economic" and contains_any(row.name + row.value_text, dimension_topics()["economic_losses_made_good"]):
            continue  # 为消费者挽回经济损失: the people served made good, no economy grown
        if dimension == "economic" and ends_with_any(row.name, units_table()["incidence_rate_endings"]):
            continue  # 亿元GDP生产安全事故死亡率: a harm per an economic base measures the harm, not the economy
        if found and all(word in _own_outcomes(row.project.types) for word in found) and not _regional(row.name):
            continue  # 退役军人适应性培训 / 带动退役军人就业创业: the trainees' jobs (not 全县城镇新增就业), its own outcome
        # before the work its text names: 森林防火知识培训 names the forest its training is about, and tends none
        beyond = beyond_its_kinds(row, dimension) if dimension in allowed else None
        if beyond:
            claim, kinds, words = beyond
            return Hit(evidence="、".join(words or found), fields={"dimension": claim, "project_kind": kinds})
        if dimension in allowed or (dimension == "ecological" and _work_of_its_own(row, found)):
            continue
        kinds = "、".join(sorted(row.project.types))
        return Hit(evidence="、".join(found), fields={"dimension": _DIMENSION_WORDS[dimension], "project_kind": kinds})
    return None


def _regional(name: str) -> list[str]:
    """Words that make a row a whole area's (全县, 城镇新增, 县域): not the people a project serves."""
    return contains_any(name, table("project_types").get("regional_scope_words") or ())


@cache
def _meetings_of_their_work() -> frozenset[str]:
    """Kinds whose meetings are their work (project_types.yaml budget_lines_spare: 招商, 就业创业, 社会保障)."""
    return frozenset(table("project_types").get("budget_lines_spare") or ())


@lru_cache(maxsize=4096)
def _own_outcomes(kinds: frozenset[str]) -> frozenset[str]:
    """The words of what the project's kinds bring about in the people they serve (project_types.yaml own_outcomes)."""
    outcomes = table("project_types").get("own_outcomes") or {}
    return frozenset(word for kind in kinds for word in outcomes.get(kind, ()))


@cache
def _kind_limits() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = table("project_types")
    kinds = ("regional_economy_kinds", "no_ecology_kinds", "sector_kinds", "regional_economy_when_built")
    regional, no_ecology, sectors, when_built = (frozenset(data.get(name) or ()) for name in kinds)
    return regional, no_ecology, sectors, when_built


def beyond_its_kinds(row: RowContext, dimension: str) -> tuple[str, str, list[str]] | None:
    """(what is claimed, the kinds that cannot claim it, the row's words) where a dimension the project's kinds allow is
    claimed beyond them: the growth of a regional economy (地方经济, GDP, 税收: dimension_topics.yaml regional_economy) by a
    project of no economic kind (project_types.yaml regional_economy_kinds; 教育, 医疗, 救助 serve people, whose means they
    may ease; a name that buys a training, publicity, a meeting, a count or a record is of that kind only, though the
    output of the trade its people work in may grow: 林下经济产值, dimension_topics.yaml trade_outputs), unless the value
    counts the project's own outputs (人才≥300人, 网店≥50家); a row of a whole area (全县城镇新增就业人数增长率:
    project_types.yaml regional_scope_words) claims its economy in other words. Or an ecological benefit by a project
    whose name buys only activities that change nothing in nature (no_ecology_kinds: 培训, 宣传, 会议; its sectors
    aside, its brackets' remarks too), unless the row measures people (知晓率: dimension_topics.yaml people_measures).
    None when its kinds may claim it."""
    regional, no_ecology, sectors, when_built = _kind_limits()
    project = row.project
    if dimension == "economic":
        kinds = project.spent_on or project.name_types or project.types  # what the name buys, not where (农村 in a goal)
        name = compact(_BRACKETED.sub("", project.name))
        activity = _buys_an_activity(name, no_ecology)
        if activity and not (kinds & _meetings_of_their_work() and _buys_an_activity(name, frozenset({"会议"}))):
            kinds = kinds & no_ecology or kinds  # 高素质农民培育 buys a training, not the farms its trainees work
            # (招商引资推介大会 keeps its trade: a meeting of trade's is trade's work)
        counted = row.value.family in (UnitFamily.PERSON, UnitFamily.COUNT) and not _regional(row.name)
        if not kinds or kinds & regional or counted:
            return None  # 向本地企业输送技能人才≥300人: the project's own output, counted, whatever heading it is filed under
        if kinds & when_built and _builds_or_runs_its_place(compact(project.name)):
            return None  # 农贸市场升级改造: the money builds the place of trade
        words = contains_any(dimension_text(row), dimension_topics().get("regional_economy", ()))
        if activity and not _regional(row.name) and not contains_any(row.name, dimension_topics()["whole_outputs"]):
            words = [word for word in words if word not in dimension_topics()["trade_outputs"]]  # 林下经济产值: its trade's
        if not words and _regional(row.name):  # 全县城镇新增就业人数增长率: a whole area's economy, in other words
            words = row_dimensions(row).get("economic", [])
        return ("地方经济增长", "、".join(sorted(kinds)), words) if words else None
    if dimension == "ecological" and not ends_with_any(row.name, dimension_topics().get("people_measures", ())):
        name = compact(_BRACKETED.sub("", project.name))  # 护林员补助（含岗前培训）: a pay, not a training
        work = types_of(name) - sectors
        if not work or _builds_or_buys(name):
            return None  # 生态环境教育培训基地建设: the money builds the base the training is held in
        if not work <= no_ecology and not _buys_an_activity(name, no_ecology):
            return None  # 政务服务系统操作人员培训 buys a training: the system is its topic
        return ("生态效益", "、".join(sorted(work)), [])
    return None


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


@lru_cache(maxsize=4096)
def _builds_or_buys(name: str) -> bool:
    """Whether a project's name (compact) ends saying its money builds or buys a thing (…基地建设, …设备购置), budget
    words aside (经费, 资金, 项目): project_types.yaml built_or_bought_endings."""
    data = table("project_types")
    core = re.sub("(?:" + "|".join(map(re.escape, data["budget_words"])) + ")$", "", name)
    return bool(ends_with_any(core, data["built_or_bought_endings"]))


@lru_cache(maxsize=4096)
def _buys_an_activity(name: str, activities: frozenset[str]) -> bool:
    """Whether a project's name (compact) ends, budget words aside, with a keyword of one of the activities (…人员培训,
    …宣传): what the money buys, whatever the words before it name as its topic. A name joining works (农业技术推广与农民
    培训) buys an activity only if each of them is one."""
    data = table("project_types")
    core = re.sub("(?:" + "|".join(map(re.escape, data["budget_words"])) + ")$", "", name)
    core = re.sub("(?:" + "|".join(map(re.escape, data.get("programme_words") or ["\x00"])) + ")$", "", core)  # …培育工程
    keywords = [word for kind in activities for word in data["types"][kind]["keywords"]]
    return all(ends_with_any(part, keywords) for part in _joined_works(core))


def _joined_works(name: str) -> list[str]:
    """The works a name joins with 与, 和, 及 or 、, each ending in a keyword of a kind of work, not a sector's
    (农业技术推广与农民培训: 农业技术推广, 农民培训); the whole name where the parts before the last name no work of their
    own (禁毒和反邪教宣传, 科学知识普及宣传: topics, and 普及's 及 joins nothing)."""
    parts = [part for part in re.split("[与和及、]", name) if part]
    sectors = _kind_limits()[2]
    works = [word for kind, spec in table("project_types")["types"].items() if kind not in sectors for word in spec["keywords"]]
    if len(parts) > 1 and all(ends_with_any(part, works) for part in parts[:-1]):
        return parts
    return [name]


@lru_cache(maxsize=4096)
def _builds_or_runs_its_place(name: str) -> bool:
    """Whether a project's name (compact) builds, renovates or runs the place of trade it names (农贸市场升级改造,
    菜市场运营补助): a word of building or running after the place's word, not other work done there (农贸市场食品安全快检).
    project_types.yaml regional_economy_when_built (their keywords), built_or_bought_endings, run_endings."""
    data = table("project_types")
    places = [word for kind in data["regional_economy_when_built"] for word in data["types"][kind]["keywords"]]
    acts = [*data["built_or_bought_endings"], *data["run_endings"]]
    return any(contains_any(name[name.index(place) + len(place) :], acts) for place in places if place in name)


def _work_of_its_own(row: RowContext, found: list[str]) -> bool:
    """An ecological row about work the project's own text names (物业服务费 whose purpose is 保洁、绿化养护 / 绿化养护面积;
    a row filed under 生态效益 whose name the goal or purpose says, seven in ten of its word pairs: 美丽庭院创建 for
    创建美丽庭院200户);
    the footprint of its own operations (食堂餐厨垃圾量下降率, 库房能耗: dimension_topics.yaml ecological_own_operations)
    is any project's, asked first."""
    words = [word for word in found if word != row.indicator.level2]
    if not words:  # filed under 生态效益 alone: its own work when the goal or purpose says it, in its words or others'
        pairs = bigrams(row.name)
        said = bigrams(row.project.text.removeprefix(compact(row.project.name)))
        return len(pairs) >= 3 and len(pairs & said) * 10 >= len(pairs) * 7
    return all(word in row.project.text for word in words)


def foreign_topic(row: RowContext) -> tuple[str, list[str]] | None:
    """(project type, words) when the row is about a kind of work the project does not do. Kept per row in
    its project's memo: R003 and C002 both ask."""
    found = row.project.memo.setdefault("foreign_topic", {})
    key = (row.index, row.name)  # all it reads of the row; the rest is the project's
    if key not in found:
        found[key] = _foreign_topic(row)
    return found[key]


def _foreign_topic(row: RowContext) -> tuple[str, list[str]] | None:
    project = row.project
    if is_whole_unit_budget(project.name):
        return None  # a unit's whole budget: all its kinds of work are its own
    for kind, found in topics_in_name(row.name):
        topic_words = _row_topics()[kind]
        if kind in project.types or any(kind in _topics_of_kinds().get(own, ()) for own in project.types):
            continue
        if in_own_text(row, topic_words) or contains_any(project.text, _type_keywords()[kind]):
            continue
        return kind, list(found)
    return None


@cache
def _topics_of_kinds() -> dict[str, list[str]]:
    return table("project_types")["topics_of_kinds"]


def in_own_text(row: RowContext, words: Iterable[str]) -> bool:
    """Whether one of the words is in the project's text followed by the names of its other rows, run
    together (text + names[:i] + names[i+1:]), without making that string for every row: a project of
    thousands of rows stays linear. The names are joined once; each word's first and last place in them
    is found once; a word is then in the other names when it lies wholly before the row's own name or
    wholly after it, or across one of the two joins, which only a few characters either side can make."""
    project = row.project
    if "names" not in project.memo:
        names = [r.name for r in project.rows]
        project.memo["names"] = ("".join(names), [0, *accumulate(len(name) for name in names)], {})
    joined, starts, places = project.memo["names"]
    index = row.index
    if index < len(project.rows) and project.rows[index] is row:
        cut_from, cut_to = starts[index], starts[index + 1]
    else:  # a row made apart from its project: every row of the project is another
        cut_from = cut_to = len(joined)
    words = [w for w in words if w]
    reach = max((len(w) for w in words), default=1) - 1  # the most characters of a word on one side of a join
    head = (joined[: min(cut_from, reach)] + joined[cut_to : cut_to + reach])[:reach]  # the other names' start
    joins = (
        project.text[max(0, len(project.text) - reach) :] + head,  # the text, then the first other names
        joined[max(0, cut_from - reach) : cut_from] + joined[cut_to : cut_to + reach],  # across the cut-out name
    )
    for word in words:
        if word in project.text:
            return True
        if word not in places:
            places[word] = (joined.find(word), joined.rfind(word))
        first, last = places[word]
        if first != -1 and (first + len(word) <= cut_from or last >= cut_to):
            return True
        if any(word in join for join in joins):
            return True
    return False


@lru_cache(maxsize=STRING_CACHE)
def topics_in_name(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(kind of work, its words in the name), in the lexicon's order; receiving the public (接待群众) is no hospitality."""
    for service in table("project_types")["row_topics_not"]:
        name = name.replace(service, "　" * len(service))
    found = ((kind, tuple(contains_any(name, words))) for kind, words in _row_topics().items())
    return tuple((kind, words) for kind, words in found if words)


@rule(
    "R003",
    "topic-of-another-kind",
    "irrelevant",
    Severity.ERROR,
    message="“{name}”讲的是{kind}工作，而本项目的名称、用途、目标和其他指标都不涉及{kind}",
    context=True,
    also=(("copy_paste", Severity.WARNING),),
    fix="删去这一行，或换成衡量本项目自身工作的指标；如果本项目确有{kind}工作，在绩效目标或用途中写明",
)
def topic_of_another_kind(row: RowContext) -> Hit | None:
    """An indicator about a kind of work the project does not do (a 会议 row in a network-maintenance project).

    Only rows with no figure, or a rate, are judged: a counted activity (文物安全知识培训次数 = 2次) is work the project
    itself reports, while a slogan, a 时效 formula or a rate (会议召开及时率 = 100%, 参会人员满意度 = ≥95%) is what gets
    copied from another project's table.
    Bad: 人大专网维护费 / 会议召开时效性 = 及时; 数字化城管平台运维 / 会议召开及时率 = 100%.
    Good: 人大代表执法检查工作经费 / 执法检查会议次数 (its purpose lists 会议 costs);
    文物保护专项经费 / 文物安全知识培训次数 = 2次.
    """
    a_rate = row.value.family is UnitFamily.PERCENT and row.value.has_number
    if not a_rate and (has_figure(row) or is_checkable_state(row)):
        return None
    found = foreign_topic(row)
    if not found:
        return None
    kind, words = found
    return Hit(evidence="、".join(words), fields={"kind": kind})


@rule(
    "R004",
    "national-scale-outcome",
    "irrelevant",
    Severity.ERROR,
    message="“{evidence}”是全社会层面的结果，本项目经费既无法影响也无法测量，建议改为项目直接产生的效果",
)
def national_scale_outcome(row: RowContext) -> Hit | None:
    """An outcome of a whole society or economy that no single budget line can move or measure.

    A place or group of the project's own before it scopes it to what the project reaches (基层社会和谐稳定); a whole
    jurisdiction's citizens or economy (全县公民…比例, 全市经济增长) are everyone's there, not the project's reach.
    Bad: 公民尊法、守法率 = ≥85% on a 6.8万元 legislation fund; 为国民经济持续健康发展和社会稳定 = 社会和谐稳定;
    全市公民文明素养达标比例 = ≥80% on a volunteer-service fund.
    Good: 法律宣传覆盖率 = ≥95%; 人民调解经费 / 基层社会和谐稳定 = 矛盾纠纷调解成功率≥95%.
    """
    text = row.name + row.value_text
    found = [word for word in contains_any(text, dimension_topics()["macro"]) if not _scoped_locally(text, word)]
    whole = _whole_jurisdiction().search(text)
    if whole and not contains_any(text, dimension_topics()["macro_whole_work"]) and not any(w in whole.group() for w in found):
        found.append(whole.group())
    return Hit(evidence="、".join(found)) if found else None


@cache
def _whole_jurisdiction() -> re.Pattern[str]:
    """A whole jurisdiction's citizens' quality or its economy's growth (全县公民…科学素质, 全市…生产总值增长):
    dimension_topics.yaml macro_whole_…"""
    topics = dimension_topics()
    places = alternation(topics["macro_whole_places"])
    qualities = alternation(topics["macro_whole_citizen_qualities"])
    economy, growth = alternation(topics["macro_whole_economy"]), alternation(topics["macro_whole_growth"])
    # the place's citizens, a few words between (全县公民具备科学素质); its economy with no narrower subject between (全县
    # 地区生产总值增长; not 全县村集体经济收入, the fund's villages)
    citizens = f"[^，,。；;]{{0,4}}?公民[^，,。；;]{{0,4}}?(?:{qualities})"
    economy_grown = f"(?:地区)?(?:{economy})[^，,。；;]{{0,2}}?(?:{growth})"
    return re.compile(f"(?:{places})(?:{citizens}|{economy_grown})")


def _scoped_locally(text: str, word: str) -> bool:
    """A place or group of the project's own stands before the outcome (基层社会和谐稳定, 辖区犯罪率): it is scoped to
    what the project reaches. lexicons/dimension_topics.yaml macro_local_scopes."""
    before = text[: text.find(word)]
    return bool(contains_any(before[-6:], dimension_topics()["macro_local_scopes"]))


def is_checkable_state(row: RowContext) -> bool:
    return bool(row.value_text) and not is_uncheckable_text(row)


@cache
def _schemes() -> dict[str, dict[str, list[str]]]:
    return table("project_types")["schemes"]


@lru_cache(maxsize=STRING_CACHE)
def schemes_in(text: str) -> dict[str, frozenset[str]]:
    """{family: schemes named in the text}, cached per distinct text (names repeat across projects)."""
    out: dict[str, frozenset[str]] = {}
    for family, schemes in _schemes().items():
        named = frozenset(scheme for scheme, keys in schemes.items() if contains_any(text, keys))
        if named:
            out[family] = named
    return out


def other_scheme(row: RowContext) -> tuple[str, str] | None:
    """(the row's scheme, the project's) when the row names another scheme of the family the project's name names."""
    own = schemes_in(compact(row.project.name))
    if not own:
        return None
    for family, named in schemes_in(row.name).items():
        mine = own.get(family)
        if mine and not named & mine and not _names_the_scheme_s_people(row.project, family, named):
            return sorted(named)[0], sorted(mine)[0]
    return None


def _names_the_scheme_s_people(project: ProjectContext, family: str, schemes: frozenset[str]) -> bool:
    """Whether the project's own purpose or goal names the other scheme's people as those it serves (医疗救助's goal: 对特困
    人员、低保对象实施医疗救助): a row about them is the project's own (特困人员参保资助比例), not a row of the other scheme's
    table. A clause that excludes them or ties in with their scheme (低保对象不属于本资金保障范围, 与特困供养制度衔接) names
    them as no one's it serves (lexicons/project_types.yaml scheme_people_served, scheme_people_not)."""
    data = table("project_types")
    own_text = project.text.removeprefix(compact(project.name))
    keys = [key for scheme in schemes for key in _schemes()[family][scheme]]
    return any(
        contains_any(clause, keys)
        and contains_any(clause, data["scheme_people_served"])
        and not contains_any(clause, data["scheme_people_not"])
        for clause in re.split(r"[，,。；;：:]", own_text)
    )


@rule(
    "R005",
    "row-of-another-scheme",
    "irrelevant",
    Severity.ERROR,
    also=(("copy_paste", Severity.ERROR),),
    message="“{name}”是{evidence}的指标，本项目是{own}项目，此行不属于本项目",
    context=True,
    fix="删去这一行，按本项目自己的对象和内容设定指标",
)
def row_of_another_scheme(row: RowContext) -> Hit | None:
    """A row about another scheme of the same family than the one the project is (特困供养 in 临时救助).

    Schemes of one family (social assistance: 低保, 特困供养, 临时救助 …; stages of schooling) each have
    their own indicator template; lexicons/project_types.yaml lists them. Such a row was copied from the
    other scheme's template, not set for this project: irrelevant and copy_paste (LABELING.md).
    Bad: 城乡居民最低生活保障资金 / 孤儿基本生活费发放人数 = ≥120人; 学前教育发展资金 / 义务教育巩固率 = ≥98%.
    Good: 城乡居民最低生活保障资金 / 城市低保对象人数 = ≥3000人; 教育事业费 / 义务教育巩固率 = ≥98%.
    """
    found = other_scheme(row)
    if not found:
        return None
    return Hit(evidence=found[0], fields={"own": found[1]})
