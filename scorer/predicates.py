"""Predicates on rows and projects shared by several rules and by the classifier's features, each reading
its word list from lexicons/. Below both: the rules and the classifier are siblings, neither imports
the other."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from scorer.lexicons import table, terms, words
from scorer.normalise import RowContext
from scorer.text import alternation, compact
from scorer.types import UnitFamily
from scorer.values import money_in_wan, parse_value, without_standard_codes


@cache
def units_table() -> dict:
    return table("unit_expectations")


@cache
def boilerplate_table() -> dict:
    return table("boilerplate")


# Word lists are the lexicons' own lists, asked about for every row: what is derived from a list (its
# endings by length, a pattern of its words) is kept by the list's identity, with the list itself, so that
# an id is never reused while its entry lives. A list made on the spot (two lexicon lists joined in a rule) has
# a new identity each time: it is found by its words instead (_BY_WORDS), so that it neither derives anew on
# every row nor, filling the identities' memo, pushes the lexicons' lists out of it to be derived again.
_BY_LIST: dict[object, dict[int, tuple[object, int, object]]] = {}  # per deriving function: id(list) -> entry
_BY_WORDS: dict[object, dict[object, object]] = {}  # per deriving function: the words (a tuple or frozenset) -> derived
_BY_LIST_BOUND = 512


def _derived(words: list[str] | tuple[str, ...] | frozenset[str], make):
    memo = _BY_LIST.get(make)
    if memo is None:
        memo = _BY_LIST[make] = {}
        _BY_WORDS[make] = {}
    found = memo.get(id(words))
    if found is not None and found[0] is words and found[1] == len(words):  # a list grown or cut is asked anew
        return found[2]
    if len(memo) >= _BY_LIST_BOUND:
        memo.clear()
    by_words = _BY_WORDS[make]
    key = words if isinstance(words, frozenset) else tuple(words)
    derived = by_words.get(key)
    if derived is None:
        if len(by_words) >= _BY_LIST_BOUND:
            by_words.clear()
        derived = by_words[key] = make(words)
    memo[id(words)] = (words, len(words), derived)
    return derived


def _endings_by_length(endings) -> tuple[tuple[str, ...], tuple[tuple[int, frozenset[str]], ...]]:
    """(the endings, for str.endswith; each length, longest first, with the endings of that length)."""
    lengths = sorted({len(e) for e in endings if e}, reverse=True)
    return tuple(e for e in endings if e), tuple((n, frozenset(e for e in endings if len(e) == n)) for n in lengths)


def ends_with_any(text: str, endings: list[str] | tuple[str, ...]) -> str:
    """The longest of the endings that the text ends with, or ""."""
    every, by_length = _derived(endings, _endings_by_length)
    if not text.endswith(every):
        return ""
    for length, of_length in by_length:
        if text[-length:] in of_length:
            return text[-length:]
    return ""


def _any_of(needles) -> re.Pattern[str]:
    words = [n for n in needles if n]
    return re.compile("|".join(map(re.escape, words))) if words else re.compile("(?!)")


def contains_any(text: str, needles: list[str] | tuple[str, ...] | frozenset[str]) -> list[str]:
    """The needles found in the text, in the needles' order. Most texts hold none: one scan by a pattern
    of them all tells so."""
    if not _derived(needles, _any_of).search(text):
        return []
    return [n for n in needles if n and n in text]


# Names and values repeat massively across projects: the string predicates below are cached per distinct
# string (bounded, so memory stays flat on a stream of millions of rows).
STRING_CACHE = 50_000


def _without_whole_prefixes(name: str) -> str:
    """The name without the words before it that name the whole project or year (本项目, 年度, 本年度项目 …:
    boilerplate.yaml budget_name_prefixes), in any order."""
    prefixes = boilerplate_table()["budget_name_prefixes"]
    core = name
    while stripped := next((core.removeprefix(p) for p in prefixes if core.startswith(p) and len(core) > len(p)), ""):
        core = stripped
    return core


@lru_cache(maxsize=STRING_CACHE)
def names_the_budget(name: str) -> bool:
    """The name is one of the whole budget's (项目预算控制数, 总成本), after words that name the whole project or year
    (本项目, 年度: boilerplate.yaml budget_name_prefixes); a part's total (零散设施修缮总成本, 设备购置成本) is not."""
    return _without_whole_prefixes(name) in boilerplate_table()["budget_restating_names"]


@lru_cache(maxsize=STRING_CACHE)
def names_money_of_the_whole(name: str) -> bool:
    """A bare word of money after words that name the whole project or year (项目成本, 本项目经费, 年度项目成本:
    boilerplate.yaml whole_money_words): the whole where its amount is the budget's; 项目经费 of a fund for projects may be
    the grants."""
    core = _without_whole_prefixes(name)
    return core != name and core in boilerplate_table()["whole_money_words"]


@lru_cache(maxsize=STRING_CACHE)
def is_whole_unit_budget(project_name: str) -> bool:
    """A department's or unit's whole budget (部门整体-人大代表工作, 单位整体支出): every kind of its unit's work is its own, so
    no row of it is another project's (R003, C002, C003). lexicons/project_types.yaml whole_unit_projects."""
    return bool(contains_any(project_name, table("project_types")["whole_unit_projects"]))


@lru_cache(maxsize=STRING_CACHE)
def is_percent_name(name: str) -> bool:
    """The name measures a share (…率, …满意度, 占比): its value should be a percentage."""
    u = units_table()
    if is_non_ratio_name(name) or (ends_with_any(name, u["percent_exceptions"]) and not _a_share_despite_its_ending(name)):
        return False
    return bool(ends_with_any(name, u["percent_endings"])) or _a_share_despite_its_ending(name)


def _a_share_despite_its_ending(name: str) -> bool:
    """治疗有效率 ends like 效率 but is 有效 + 率: lexicons/unit_expectations.yaml shares_ending_like_exceptions."""
    return bool(ends_with_any(name, units_table()["shares_ending_like_exceptions"]))


# ≤0.5‱, ≤12/10万, 3/千, ≤1.8人/万车, ≤0.03人/亿元GDP; not /万元
_BASE_IN_VALUE = re.compile(r"‱|/\s*\d*\s*(?:十|百|千|万|亿)(?!元$)[\u4e00-\u9fffA-Za-z]{0,6}$")


def states_a_rate_base(row: RowContext) -> bool:
    """The rate is per a base the row states, not a share: an incidence whose name holds the base (道路交通万车死亡率,
    亿元GDP生产安全事故死亡率: lexicons/unit_expectations.yaml rate_bases_in_name, incidence_rate_endings), or a
    value that ends with it (≤12/10万, ≤0.5‱, ≤1.8人/万车). A change of such a figure (…增长率, …下降率:
    rate_change_words) is a share."""
    u = units_table()
    if ends_with_any(row.name, u["rate_change_words"]):
        return False
    if _BASE_IN_VALUE.search(row.value_text):
        return True
    return bool(ends_with_any(row.name, u["incidence_rate_endings"]) and contains_any(row.name, u["rate_bases_in_name"]))


@lru_cache(maxsize=STRING_CACHE)
def is_non_ratio_name(name: str) -> bool:
    return bool(ends_with_any(name, units_table()["non_ratio_endings"])) and not _a_share_despite_its_ending(name)


def is_percent_on_non_rate(row: RowContext) -> bool:
    """A percentage, or a bare number, on a name that is not a share (能力, 作用, 效率): rule V005."""
    bare = row.value.family is UnitFamily.NONE and row.value.has_number and not row.value.unit
    return (row.value.family is UnitFamily.PERCENT or bare) and is_non_ratio_name(row.name)


@lru_cache(maxsize=STRING_CACHE)
def is_failure_rate(name: str) -> bool:
    """A completion negated or undone right before the rate (不予受理率, 低保金未足额发放率, 信访事项未办结率): the
    share that failed. Not where a noun of the cases follows the negation (未整改问题整改率, 退回…案件按期办结率):
    there the negation names the cases. lexicons/unit_expectations.yaml negation_words, case_nouns."""
    u = units_table()
    text = name
    for word in u["not_negations"]:
        text = text.replace(word, "")
    last = max((text.rfind(word) + len(word) for word in u["negation_words"] if word in text), default=-1)
    return last >= 0 and not contains_any(text[last:], u["case_nouns"])


def _a_change_or_a_failure(name: str) -> bool:
    """A rate of change (增长率) or of failure (差错率, 不予受理率): no share where higher is better."""
    u = units_table()
    return bool(contains_any(name, u["growth_rate_words"]) or contains_any(name, u["lower_is_better"])) or is_failure_rate(name)


@lru_cache(maxsize=STRING_CACHE)
def is_bounded_rate(name: str) -> bool:
    u = units_table()
    if _a_change_or_a_failure(name) or ends_with_any(name, u["higher_rates_past_100"]):
        return False
    return is_percent_name(name) and bool(ends_with_any(name, u["bounded_rate_endings"]))


@lru_cache(maxsize=STRING_CACHE)
def cannot_pass_100(name: str) -> bool:
    """A share that cannot pass 100%: a bounded rate (is_bounded_rate), or any other rate of an act done to the items due
    (采集率, 随访率: its stem ends in such an act) or of all those due (应助尽助率),
    but a change, an incidence per a base, a rate that may pass 100%
    (毛入学率) or a ratio of two amounts (回报率, 周转率: lexicons/unit_expectations.yaml ratios_past_100). A rate of an
    amount against another (自给率, 债务率, 满载率) is not judged."""
    u = units_table()
    if ends_with_any(name, u["ratios_past_100"]):
        return False  # 一般公共预算收入完成率, 拨备覆盖率: an amount against a target or another amount
    if is_bounded_rate(name) or _ALL_DUE.search(name):
        return True
    if not name.endswith("率") or not is_percent_name(name) or contains_any(name, u["growth_rate_words"]):
        return False
    excepted = (*u["rate_change_words"], *u["incidence_rate_endings"], *u["higher_rates_past_100"])
    if ends_with_any(name, list(excepted)):
        return False
    return bool(ends_with_any(name[:-1], _acts_done()))


_ALL_DUE = re.compile(r"应(\w+)尽\1率$")  # 应保尽保率, 应参保尽参保率: the share of those due who got it


@cache
def _acts_done() -> list[str]:
    return [*units_table()["acts_done_to_items"], *table("units")["date_limit_acts"]]


@lru_cache(maxsize=STRING_CACHE)
def ends_as_money(name: str) -> bool:
    """The name ends as an amount of money does (…成本, …经费, …补助标准), and not as an engineering, quality or
    service standard (…防洪标准, …排放标准: lexicons/unit_expectations.yaml standards_not_money)."""
    u = units_table()
    return bool(ends_with_any(name, u["money_endings"])) and not ends_with_any(name, u["standards_not_money"])


_PER_HEAD = re.compile(r"每[人户月年亩天次公]|/[人户月年亩天次]")  # an amount per person, month, mu …


def asks_for_money(row: RowContext) -> bool:
    """The row's name asks for an amount of money (it ends as money does), a standard of engineering, quality or
    service (堤防防洪标准) only where the row makes it money: under 成本指标 (亩均建设标准 ≥1500) or given per
    head (居家养老服务标准 = 每人每月300). Rule U004."""
    if row.group == "cost" or (row.name.endswith("标准") and _PER_HEAD.search(row.value_text)):
        return bool(ends_with_any(row.name, units_table()["money_endings"]))
    return ends_as_money(row.name)


@lru_cache(maxsize=STRING_CACHE)
def is_money_name(name: str) -> bool:
    """A name of money spent: ending as money does, not a transfer nor money raised, unless it ends as spending does
    (税收征管经费 is spent on collecting taxes)."""
    u = units_table()
    if not ends_as_money(name) or contains_any(name, u["money_transfers"]):
        return False
    return not contains_any(name, u["money_more_is_better"]) or _spent_on_the_work(name)


def _spent_on_the_work(name: str) -> bool:
    """A name ending as spending whose word of money raised or recovered names the work it pays for (追缴工作差旅费,
    税收征管经费), not money kept back from that spending (节约电费: unit_expectations.yaml money_kept_words)."""
    u = units_table()
    return bool(ends_with_any(name, u["spending_endings"])) and not contains_any(name, u["money_kept_words"])


def is_money_brought_about(row: RowContext) -> bool:
    """Money under 效益指标 that the project brings about (raised, earned, recovered: 引进侨资金额), unless the name ends as
    a spending or a price does (群众就医费用), or another's spending the project draws (游客人均消费支出, 企业研发投入费用).
    lexicons/unit_expectations.yaml spending_endings, price_endings, drawn_spending; dimension_topics.yaml
    economic_other_owners."""
    if row.level1_group != "effect" or row.group == "cost":
        return False
    units = units_table()
    if not ends_with_any(row.name, units["spending_endings"] + units["price_endings"]):
        return True
    return bool(contains_any(row.name, dimension_topics()["economic_other_owners"])) and bool(
        contains_any(row.name, units["drawn_spending"])
    )


def is_transfer_spent_in_total(row: RowContext) -> bool:
    """Under 成本指标, the whole amount of a transfer to beneficiaries (展位费补助 ≥40万元, 慰问金支出 ≥6万元): what the
    project spends, not a standard per head it guarantees (补助标准 ≥89元, ≥300元/人). lexicons/unit_expectations.yaml
    money_transfers."""
    u = units_table()
    if row.group != "cost" or not contains_any(row.name, u["money_transfers"]):
        return False
    if contains_any(row.name, u["money_more_is_better"]):
        return False
    return cost_amount(row) is not None and not _PER_HEAD.search(row.value_text)


def money_more_is_better(row: RowContext) -> bool:
    """The row's money is what a programme pays out, raises or saves, not what it spends: more is better
    (补助标准, 招商引资到位资金; outside 成本指标 also 减轻群众就医支出, 拉动消费)."""
    u = units_table()
    # a price, or a purchase's spending (救助物资购置费); not a subsidy for a purchase (农机购置补贴标准)
    bought = ends_with_any(row.name, u["price_endings"]) or (
        bool(contains_any(row.name, u["purchase_words"])) and bool(ends_with_any(row.name, u["spending_endings"]))
    )
    if contains_any(row.name, u["money_transfers"]) and not bought:
        return True  # 困难群众生活补助标准; not 救济粮采购单价, the price of what is handed out
    if contains_any(row.name, u["money_more_is_better"]):
        # 追缴工作差旅费, 税收征管经费: money spent on raising or recovering money is spent all the same; 节约电费 is kept
        return not _spent_on_the_work(row.name)
    if not contains_any(row.name, u["money_saved_or_drawn"]):
        return False
    return row.group != "cost" or not ends_with_any(row.name, u["spending_endings"])


@lru_cache(maxsize=STRING_CACHE)
def is_higher_better_rate(name: str) -> bool:
    """A rate where higher is better: a bounded share (is_bounded_rate) or one that may pass 100% (毛入学率)."""
    if is_bounded_rate(name):
        return True
    if _a_change_or_a_failure(name):
        return False
    return is_percent_name(name) and bool(ends_with_any(name, units_table()["higher_rates_past_100"]))


@lru_cache(maxsize=STRING_CACHE)
def counted_harm(name: str, counted_by_value: bool = False) -> str:
    """The harm event a name counts (安全生产事故发生起数: 事故; 学生溺亡人数: 溺亡; 溺亡学生数: 溺亡), or "": the name ends in a
    count of occurrences (or the value counts them: counted_by_value), and right before that ending, past fillers such as
    发生 and the people it befell (学生, 游客: harm_victims), stands a harm event, or a workload that happened (刑事案件发生起数:
    harm_when_occurred). Not where an act done about the harm (查处, 排查, 演练, 处置 …) takes it as its object
    (act_takes_harm), nor where the name holds a reduction (减少事故起数): that counts work, or how far harm falls.
    lexicons/unit_expectations.yaml harm_…"""
    u = units_table()
    if contains_any(name, u["harm_reductions"]):
        return ""
    endings = [ending for ending in u["harm_count_endings"] if name.endswith(ending)]
    if counted_by_value:
        endings.append("")
    occurred = bool(contains_any(name, u["harm_occurred"]))
    for ending in sorted(endings, key=len, reverse=True):  # 群体性事件数: 件数 cuts the harm, 数 does not
        head = _past_fillers(name[: len(name) - len(ending)])
        harm, start = _harm_ending(head, occurred)
        victim = "" if harm else ends_with_any(head, u["harm_victims"])
        if victim:  # 溺亡学生数, 受伤游客人次: the people the harm befell stand between it and the count
            harm, start = _harm_ending(_past_fillers(head[: len(head) - len(victim)]), occurred)
        if harm:
            return "" if act_takes_harm(name[:start]) else harm
    return ""


def _past_fillers(head: str) -> str:
    """The head of a count without the fillers it ends in (安全生产事故发生: 安全生产事故)."""
    while filler := ends_with_any(head, units_table()["harm_count_fillers"]):
        head = head[: len(head) - len(filler)]
    return head


def _harm_ending(head: str, occurred: bool) -> tuple[str, int]:
    """The harm event the head ends in (a case of it too: 民转刑案件, 意外伤害事件), or a workload the name says happened,
    with where it starts; ("", -1) when the head ends in none."""
    u = units_table()
    if harm := ends_with_any(head, u["harm_events"]):
        return harm, len(head) - len(harm)
    case = ends_with_any(head, u["harm_case_words"])
    if case and (harm := ends_with_any(head[: len(head) - len(case)], u["harm_events"])):
        return harm, len(head) - len(case) - len(harm)
    if occurred and (harm := ends_with_any(head, u["harm_when_occurred"])):
        return harm, len(head) - len(harm)
    return "", -1


@lru_cache(maxsize=STRING_CACHE)
def act_takes_harm(before: str) -> bool:
    """An act done about harm (查处, 救援, 整治 …: harm_acts) in the words before the harm a name counts, taking that
    harm as its object (认定火灾事故起数, 救援伤亡人员人数): the name counts work. Not an act that names who or where
    (抢险救援人员伤亡人数, 河道整治工程施工安全事故起数: _names_who_or_where), nor where people no act takes stand right
    before the harm (处置现场民警伤亡人数: the harm is theirs)."""
    u = units_table()
    acts = u["harm_acts"]
    if not contains_any(before, acts):
        return False
    people = ends_with_any(before, u["harm_act_agents"]) or ends_with_any(before, u["harm_victims"])
    if people and not ends_with_any(before[: len(before) - len(people)], acts):
        return False
    position = 0
    while position < len(before):
        act = _act_at(before, position)
        if not act:
            position += 1
            continue
        end = position + len(act)
        while following := _act_at(before, end):  # 抢险救援: one act
            end += len(following)
        if not _names_who_or_where(before[:position], before[end:]):
            return True
        position = end
    return False


def _act_at(text: str, position: int) -> str:
    """The longest act done about harm (harm_acts) that starts at the position, or ""."""
    return max((act for act in units_table()["harm_acts"] if text.startswith(act, position)), key=len, default="")


def _names_who_or_where(before_act: str, after_act: str) -> bool:
    """The act names the people who do it (抢险救援人员), when it is done (救援过程中, 抢险作业) or, having its own object
    before it (河道整治), the works or place where it is done (河道整治工程), and no harm word follows that noun
    (处理人员伤亡事故: a kind of harm the act takes)."""
    u = units_table()
    agent = next((noun for noun in u["harm_act_agents"] if after_act.startswith(noun)), "")
    works = next((noun for noun in u["harm_act_works"] if after_act.startswith(noun)), "")
    during = next((word for word in u["harm_act_times"] if after_act.startswith(word)), "")
    has_object = bool(before_act) and not ends_with_any(before_act, u["harm_acts"])
    noun = agent or during or (works if has_object else "")
    return bool(noun) and not contains_any(after_act[len(noun) :], u["harm_events"])


@lru_cache(maxsize=STRING_CACHE)
def is_either_way_share(name: str) -> bool:
    """A share of money, which may be a cap as well as a floor (贴息比例, 行政成本占比): ≤ on it is no defect."""
    u = units_table()
    return bool(ends_with_any(name, u["either_way_shares"])) and bool(contains_any(name, u["either_way_share_words"]))


def has_figure(row: RowContext) -> bool:
    return row.value.has_number or row.value.family is UnitFamily.DATE


def checkable_words(text: str) -> list[str]:
    return list(_checkable_words(text))


@lru_cache(maxsize=STRING_CACHE)
def _checkable_words(text: str) -> tuple[str, ...]:
    return tuple(contains_any(text, terms("checkable_states")))


def strong_degree_words(text: str) -> list[str]:
    return list(_strong_degree_words(text))


@lru_cache(maxsize=STRING_CACHE)
def _strong_degree_words(text: str) -> tuple[str, ...]:
    return tuple(contains_any(text, terms("strong_degree_words")))


def vague_words_in(text: str) -> list[str]:
    return list(_vague_words_in(text))


@lru_cache(maxsize=STRING_CACHE)
def _vague_words_in(text: str) -> tuple[str, ...]:
    found = contains_any(text, terms("vague_words"))
    return tuple(w for w in found if not any(w != other and w in other for other in found))


@cache
def name_forms_table() -> dict:
    return table("name_forms")


@cache
def _unit_spellings() -> frozenset[str]:
    return frozenset(u for spellings in table("units")["families"].values() for u in spellings)


def is_unfilled(row: RowContext) -> bool:
    """A template slot nobody filled: a placeholder name or value, an empty value, template marks (≥**),
    a unit with no number (公里), a phrase saying the row does not apply (本项目不适用此指标), or 无 under a name that is
    only its heading (生态效益指标 = 无)."""
    b = boilerplate_table()
    value = row.value_text
    if value in b["unfilled_values"] and row.value.numbers == (0.0,) and _zero_is_its_aim(row.name):
        return False  # 脱管漏管率 = 0%, 安全事故起数 = 0: none is the target of a rate or a count of what is to be prevented
    if value in b["unfilled_values"] or row.name in b["unfilled_names"]:
        return True
    if value in b["none_values"] and is_placeholder_name(row):
        return True  # 生态效益指标 = 无: the heading's slot says it does not apply (重大安全事故 = 无 is a target)
    if not row.name:
        return False
    if not value or "**" in value or value.lstrip("≥≤<>=") in _unit_spellings():
        return True
    return bool(contains_any(row.name + value, name_forms_table()["not_applicable"]))


def _zero_is_its_aim(name: str) -> bool:
    """A rate where lower is better (差错率, 脱管率, 事故发生率) or a count of harm (安全事故起数): 0 is a target."""
    units = units_table()
    lower = ends_with_any(name, units["lower_is_better"]) or ends_with_any(name, units["incidence_rate_endings"])
    return bool(lower) or is_failure_rate(name) or bool(counted_harm(name))


@lru_cache(maxsize=STRING_CACHE)
def is_bare_completion(name: str) -> bool:
    """A completion that names no whole, only when or how it is done (当期完成, 按时完成, 年内及时办结): a
    percentage has nothing to be a share of. Not 会议计划按期完成 (the plan is the whole) nor 按时完成率.
    lexicons/name_forms.yaml completion_verbs, completion_manners."""
    return bool(_bare_completion().fullmatch(name))


@cache
def _bare_completion() -> re.Pattern[str]:
    """A date (12月底前, 每月10日前), manners (按时, 年内及时), a completion verb, at most one manner after it (完成及时)."""
    forms = name_forms_table()
    manners, verbs = alternation(forms["completion_manners"]), alternation(forms["completion_verbs"])
    date = r"(?:(?:\d{4}年)?(?:每月)?\d{1,2}(?:月(?:\d{1,2}日)?|日)(?:底|末)?(?:前|以前|之前)?)?"
    return re.compile(rf"{date}(?:{manners})*(?:{verbs})(?:{manners})?")


def ends_as_completion(name: str) -> bool:
    """The name ends with a completion verb (工程按期竣工, 案件按期办结): a share of the whole it names, when it names
    one (is_bare_completion)."""
    return bool(ends_with_any(name, name_forms_table()["completion_verbs"]))


def is_percent_on_non_share(row: RowContext) -> bool:
    """A percentage on a name that names no share (河道清淤疏浚 = 100%, 医疗服务水平改善情况 = 100%), or on a
    completion that names no whole (当期完成 = 90%: is_bare_completion).

    Names that are not shares but measure something else (能力, 作用) are judged by V005.
    """
    if row.value.family is not UnitFamily.PERCENT or not row.name:
        return False
    if ("share" in row.form or ends_as_completion(row.name)) and not is_bare_completion(row.name):
        return False  # 工程按期竣工 = 100% is a share of the works, as 工程按期完成 is
    if value_names_its_measure(row) or is_fee_rate(row):
        return False
    return not is_non_ratio_name(row.name) and not is_percent_name(row.name)


_SHARE_OF_A_BASE = re.compile(r"(\S{0,4})的\s*[≤≥<>=]?\s*\d+(?:\.\d+)?\s*%")  # 送审金额的0.3%


def is_fee_rate(row: RowContext) -> bool:
    """A fee charged as a share of a stated base (协审费计费标准 = ≤送审金额的0.3%, 平台服务费率 ≤1.5%: name_forms.yaml
    fee_rate_endings, or the base named in the value): a price standard, checkable against the bills."""
    if row.value.family is not UnitFamily.PERCENT:
        return False
    if ends_with_any(row.name, name_forms_table()["fee_rate_endings"]):
        return True
    base = _SHARE_OF_A_BASE.search(row.value_text)  # not 预算的100%: the budget is B010's formula, no fee's base
    return base is not None and not contains_any(base[1], name_forms_table()["fee_rate_not_bases"])


def name_is_aim(row: RowContext) -> bool:
    """The name is an aim, a situation or a clause (促进…发展, 服务开展情况), with no quantity in it."""
    return bool(row.form & {"slogan", "abstract", "clause"}) and "quantity_in_name" not in row.form


def value_names_its_measure(row: RowContext) -> bool:
    """The value says what it measures in its own words (个人自付比例≤10%, 路况指数≥80, 服务覆盖率≥60%)."""
    words = row.value.text
    if not words:
        return False
    forms = name_forms_table()
    return any(w in words for w in forms["share_words"]) or any(w in words for w in forms["value_measure_words"])


def is_uncheckable_text(row: RowContext) -> bool:
    """A value with no figure and no date that names no checkable state (or hedges it with a degree word). A date
    word with no figure (年底前, 每季度) is a deadline unless a degree word hollows it (年内逐步: strong_degree_words),
    or a hedge on time stands in for its limit (每季度结束后适时: time_hedges, where the date sets no limit). Beside a
    limit of time a hedge only urges, and the value is judged as without it (开学前尽快发放到位 as 开学前发放到位). A state
    hedged right before it (基本健全, 汛前基本完成: hedges_state) holds only partly. A periodicity (按月发放: periodicities.txt)
    is checked as a state is, and so is a grade on a scale or 全天候 (is_grade_value, is_always_on). A year alone as a
    deadline (时效指标 = 2024年) names no point in the year by which the work is done. A limit set by a recurring
    event (汛前, 供暖期内, 汛前修复: is_event_deadline) is a deadline. A figure is checkable, unless it is only a limit
    of time with a degree after it (degree_after_a_limit_of_time), and so is a pledge to follow the rules (B013's)."""
    if not row.value_text or is_unfilled(row):
        return False
    if row.group == "timeliness" and _ONLY_A_YEAR.fullmatch(row.value_text) and not asks_for_a_period(row.name):
        return True  # 2024年 as a deadline: the whole budget year, no point in it by which the work is done
    if figure_is_checkable(row) or is_plain_pledge(row):
        return False  # a pledge to follow the rules is checked as 合规 is (B013 calls it a formula)
    text = row.value_text
    hedged = hedges_time(text) or bool(hedges_state(text))
    if row.value.family is UnitFamily.DATE and not strong_degree_words(text) and not hedged:
        return False
    if (text in words("checkable_exact") or is_event_deadline(text) or is_settled_on_the_spot(text)) and not hedges_state(text):
        return False
    if is_checked_each_batch(text):
        return False
    if states_an_instrument(row):
        return False
    if (is_grade_value(row.name, text) or is_always_on(row.name, text) or reaches_a_standard(text)) and not hedged:
        return False
    checkable = checkable_words(text) or contains_any(text, terms("periodicities"))
    return not checkable or bool(strong_degree_words(text)) or hedged


def states_an_instrument(row: RowContext) -> bool:
    """The value says an instrument the name names is made, or made and run (管护制度 = 建立, 长效管理机制 = 建立并运行,
    应急预案 = 制定并演练): a state that holds or not at the year's end. lexicons/name_forms.yaml instrument_acts,
    instrument_running_acts, instruments."""
    forms = name_forms_table()
    if not ends_with_any(row.name, forms["instruments"]):
        return False
    acts = (*forms["instrument_acts"], *forms["instrument_running_acts"])
    parts = [part for part in re.split("[并和及、]", row.value_text) if part]
    return bool(parts) and parts[0] in forms["instrument_acts"] and all(part in acts for part in parts)


def asks_for_a_period(name: str) -> bool:
    """The name asks for a period (项目实施时间, 资金使用期限, 实施周期), not a point by which work is done (年度任务完成时间,
    完成期限: name_forms.yaml period_name_not)."""
    forms = name_forms_table()
    return bool(contains_any(name, forms["period_name_words"])) and not contains_any(name, forms["period_name_not"])


@lru_cache(maxsize=STRING_CACHE)
def is_grade_value(name: str, value: str) -> bool:
    """The name asks for a level or grade on a scale (修缮级别, 验收等级) and the value is one (省级文物保护单位, 三级乙等,
    A级以上, IV级), or a grade of assessment (优良, 合格) where the name assesses (工程质量评定等级, 空气质量等级), with at most
    the kind of thing graded after it: checked against the scale. An act of reaching it may follow the grade word in the
    name (医院等级创建). Not 服务等级 = 良好 (no scale). lexicons/name_forms.yaml grade_…, assessment_…"""
    forms = name_forms_table()
    asked = name[: len(name) - len(ends_with_any(name, forms["grade_name_acts"]))]  # 医院等级创建: the grade to reach
    ending = ends_with_any(asked, forms["grade_name_endings"])
    if not ending or strong_degree_words(value):
        return False
    if ending == "技术状况" and not contains_any(asked, forms["technical_condition_subjects"]):
        return False  # 消防设施技术状况 = 良好: no scale rates it
    return bool(_grade(bool(contains_any(name, forms["assessment_name_words"]))).fullmatch(value))


@cache
def _grade(assessed: bool) -> re.Pattern[str]:
    """达到 perhaps, a grade (a scale's word, a letter or roman grade, 优良 … where the name assesses), 以上 perhaps, and
    perhaps the kind of thing graded (三级乙等, 省级文物保护单位, 国家AAAA级旅游景区); or either of two grades
    (房屋安全鉴定等级 = A级或B级), not a list of the scale's grades left to choose from (A级/B级/C级)."""
    forms = name_forms_table()
    words = alternation(forms["grade_values"] + (forms["assessment_grades"] if assessed else []))
    # a scale's name may stand before its letter, joined by a dash (公路-Ⅱ级, 城-A级: the load classes of bridges)
    scales = alternation(forms["grade_scale_names"])
    letter = rf"(?:(?:{scales})[-—–])?(?:[A-E]|A{{2,5}}|[1-5]A|I{{1,3}}|IV|V|[ⅠⅡⅢⅣⅤ]|第[一二三四五])级(?:苗)?"
    kinds = alternation(forms["grade_kinds"])
    grade = rf"(?:{words}|(?:国家)?{letter})"
    return re.compile(rf"(?:达到)?{grade}(?:或{grade})?(?:及以上|以上)?(?:{kinds})?")


@lru_cache(maxsize=STRING_CACHE)
def reaches_a_standard(value: str) -> bool:
    """达到 or 满足 a standard the value names (达到安全住房标准, 达到国家二级标准, 达到设计要求): checked against it, as 符合
    a standard is.
    Not a degree or an expectation in the standard's place (达到较高标准, 达到预期标准). lexicons/name_forms.yaml standard_…"""
    forms = name_forms_table()
    verb = next((v for v in forms["standard_reach_verbs"] if value.startswith(v)), "")
    if verb and value[len(verb) :] in forms["named_standards"]:
        return True  # 达到设计要求: the design documents say what is reached
    noun = ends_with_any(value, forms["standard_nouns"])
    named = value[len(verb) : len(value) - len(noun)]
    if not verb or not noun or not named or re.search(r"[，,。；;]", named):
        return False
    not_named = forms["standard_not_named"]  # a word of one character (高) only as the whole: 达到高标准农田建设标准 names one
    if named in not_named or named.startswith(tuple(word for word in not_named if len(word) > 1)):
        return False
    return not (strong_degree_words(named) or vague_words_in(named))


def is_always_on(name: str, value: str) -> bool:
    """全天候 (or 全天候值守, 全天候开放 …) as the whole value of an opening, service or watch time: it holds or not. Not on
    a time to respond (应急响应时间 = 全天候 says no limit). lexicons/name_forms.yaml always_on_…"""
    forms = name_forms_table()
    if value not in forms["always_on_values"]:
        return False
    return bool(contains_any(name, forms["always_on_names"])) and not contains_any(name, forms["always_on_not"])


@lru_cache(maxsize=STRING_CACHE)
def hedges_state(text: str) -> str:
    """The hedge right before a word of a checkable state (基本健全: 基本; 初步建成: 初步; 基本实现全覆盖), or "": the
    state holds only partly, with no standard of how far. Not a formal stage (初步验收) nor 部分 as a noun (配套部分足额
    到位: 部分 hedges only at the start or after a deadline). lexicons/state_hedges.txt, name_forms.yaml state_hedge_…"""
    forms = name_forms_table()
    states = terms("checkable_states")
    for hedge in terms("state_hedges"):
        start = text.find(hedge)
        while start >= 0:
            if _hedges_here(text, hedge, start, forms, states):
                return hedge
            start = text.find(hedge, start + 1)
    return ""


def _hedges_here(text: str, hedge: str, start: int, forms: dict, states: tuple[str, ...]) -> bool:
    if text.startswith(tuple(forms["state_hedge_stages"]), start):
        return False
    leading_place = start == 0 or text[:start].endswith(tuple(forms["state_hedges_leading_after"]))
    if hedge in forms["state_hedges_leading"] and not leading_place:
        return False
    rest = text[start + len(hedge) :]
    reached = next((word for word in forms["state_hedge_reaching"] if rest.startswith(word)), "")
    return rest[len(reached) :].startswith(states)


@lru_cache(maxsize=STRING_CACHE)
def is_compliance_pledge(name: str, value: str) -> bool:
    """A compliance row (资金使用合规性) whose value only pledges to follow rules (严格执行财务管理制度, 严格执行《预算法》):
    a verb of following and the rules followed or cited by title, no figure. lexicons/boilerplate.yaml
    compliance_name_endings, pledge_verbs, rules_followed."""
    table = boilerplate_table()
    if not ends_with_any(name, table["compliance_name_endings"]) or _DIGIT.search(without_standard_codes(value)):
        return False  # a figure is a result; a rule's document number (财社〔2017〕164号) is its name
    if contains_any(value, table["pledge_results"]) or contains_any(value, table["pledge_not_standards"]):
        return False
    rules = bool(contains_any(value, table["rules_followed"])) or bool(_CITED.search(value))
    return bool(contains_any(value, table["pledge_verbs"])) and rules


_CITED = re.compile(r"《[^》]+》")  # a law or rule cited by its title (严格执行《预算法》)


def is_plain_pledge(row: RowContext) -> bool:
    """A compliance pledge with no hedge, degree or slogan word (基本按照…执行, 符合规定切实提高效益 stay vague)."""
    text = row.value_text
    if not is_compliance_pledge(row.name, text) or hedges_state(text) or strong_degree_words(text):
        return False
    return not contains_any(text, name_forms_table()["slogan_words"])


# A year alone (2025年, 2025年度, 2025年全年, 2025-2026年) or the budget year (当年, 本年度) as the value of a name that asks for
# a completion point; a name of a period (实施时间, 使用期限: name_forms.yaml period_name_words) is answered by one.
_ONLY_A_YEAR = re.compile(r"(?:(?:19|20)\d{2}(?:[-—~至](?:19|20)?\d{2})?年度?(?:全年)?|当年度?|本年度?)")


def figure_is_checkable(row: RowContext) -> bool:
    """The value has a figure, and it is not only a limit of time with a degree after it."""
    return row.value.has_number and not degree_after_a_limit_of_time(row)


_DIGIT = re.compile(r"\d")


def degree_after_a_limit_of_time(row: RowContext) -> bool:
    """A limit of time in figures (a date, a time of day, a time counted from an event) with a degree word or a
    hedged state after the figure (竣工后1年内明显改善, 12月底前基本完成: strong_degree_words, hedges_state): what is
    to be reached by then has no standard, as in the same value in numerals (竣工后一年内明显改善), which stays words.
    A degree word before the figure (明显缩短至3天内) says how the figure is reached, and the figure is the target; one
    in another sense (5年有效期内, 明显警示标志: units.yaml degree_words_other_senses) is no degree."""
    if row.value.family not in (UnitFamily.DATE, UnitFamily.DURATION):
        return False
    figures = list(_DIGIT.finditer(row.value_text))
    if not figures:
        return False
    after = row.value_text[figures[-1].end() :]
    for other_sense in table("units")["degree_words_other_senses"]:
        after = after.replace(other_sense, "")
    if after.endswith("有效"):  # 检定后1年内有效: valid, not effectively
        after = after[: -len("有效")]
    return bool(strong_degree_words(after)) or bool(hedges_state(after))


@lru_cache(maxsize=STRING_CACHE)
def hedges_time(text: str) -> bool:
    """A hedge on time (尽快, 适时, 第一时间) where the text sets no limit of time of its own (年底前, 本学期内, 当日):
    尽快完成, 每季度结束后适时 and 辖区内尽快办结 say no deadline, 年底前尽快完成 does. lexicons/time_hedges.txt,
    units.yaml date_limit_…"""
    return bool(contains_any(text, terms("time_hedges"))) and not _time_limit().search(text)


@cache
def _time_limit() -> re.Pattern[str]:
    data = table("units")
    times = alternation([*data["date_limit_times"], *data["date_limit_events"]])
    ends, limits = (alternation(data[key]) for key in ("date_limit_ends", "date_limit_words"))
    before, onsets = alternation(data["date_limit_before"]), alternation(data["date_limit_onsets"])
    return re.compile(f"(?:(?:{times})(?:{onsets})?(?:{ends})|(?:{before})(?:{onsets})?(?:之前|以前|前))(?!后)|{limits}")


@cache
def _event_limit() -> re.Pattern[str]:
    """A recurring event's limit as the whole value, after at most a few words that qualify the event (秋季开学前, 主汛期前,
    每年汛前, 会前), then at most a few words of the act (units.yaml date_limit_events, date_limit_before)."""
    data = table("units")
    events, ends = alternation(data["date_limit_events"]), alternation(data["date_limit_ends"])
    before, onsets = alternation(data["date_limit_before"]), alternation(data["date_limit_onsets"])
    limit = rf"(?:(?:{events})(?:{onsets})?(?:{ends})|(?:{before})(?:{onsets})?(?:之前|以前|前))"
    return re.compile(rf"[^\d]{{0,4}}?{limit}(?!后)(?P<act>[^\d]{{0,6}})")


@lru_cache(maxsize=STRING_CACHE)
def is_event_deadline(text: str) -> bool:
    """A limit set by a recurring event the calendar or a rule fixes (汛前, 主汛期前, 供暖期内, 秋季开学前, 春节前, 会前),
    alone or with the act to be done by then (汛前修复, 春耕前拨付: units.yaml date_limit_acts), hedges on time aside
    (汛前尽快修复): a deadline checkable at the year's end, as 年底前 is; so is the event's own day with an act done by then
    (当日清运完毕: units.yaml same_day_limits). Not with a degree word (汛前明显改善), nor with words that are no act done
    (汛前提升), nor 前后 (开学前后)."""
    if strong_degree_words(text):
        return False
    for hedge in terms("time_hedges"):
        text = text.replace(hedge, "")
    units = table("units")
    parts = text.split("、")
    same_days = [next((word for word in units["same_day_limits"] if part.startswith(word)), "") for part in parts]
    if all(same_days):  # 当日清运完毕, 当场登记、当天答复: the event's own day, for each act
        return all(contains_any(part[len(day) :], units["date_limit_acts"]) for part, day in zip(parts, same_days, strict=True))
    found = _event_limit().fullmatch(text)
    return found is not None and (not found["act"] or bool(contains_any(found["act"], table("units")["date_limit_acts"])))


@lru_cache(maxsize=STRING_CACHE)
def is_settled_on_the_spot(text: str) -> bool:
    """A matter a window settles the moment it is brought (即时办理, 即时结算, 一站式即时结算: units.yaml on_the_spot_…), as
    当场办结 is; not 即时修复 or 即时处理, which urge as 立即 does."""
    units = table("units")
    manner, spot, act = text.partition("即时")
    return bool(spot) and (not manner or manner in units["on_the_spot_manners"]) and act in units["on_the_spot_acts"]


@lru_cache(maxsize=STRING_CACHE)
def is_checked_each_batch(text: str) -> bool:
    """A check done on each batch delivered (每批次索证索票, 逐批抽样检验: units.yaml batch_…): each was checked or not. Not a
    degree or an urging on each batch (逐批加强查验, 每批次严格把关), nor the cycle alone (每批次)."""
    units = table("units")
    cycle = next((word for word in units["batch_cycles"] if text.startswith(word)), "")
    rest = text[len(cycle) :]
    if not cycle or not ends_with_any(rest, units["batch_checks"]):
        return False
    return not vague_words_in(rest) and not strong_degree_words(rest)


def is_sentence(text: str) -> bool:
    return bool(re.search(r"[，,。；;！]", text.rstrip("。"))) or len(text) >= 15


def recognised_as_checkable(row: RowContext) -> bool:
    """The value is, by the rules' own reading, a checkable target of a kind the rules know: a grade on a scale, a
    standard reached or cited by code or title (达到国家二级标准, 符合GB 5749-2022标准, 执行《…规范》), a deadline set by
    an event or its own day (汛前, 当日办结), or a cycle (按月发放, 日产日清). Not merely a value with no degree word."""
    text = row.value_text
    if not text or hedges_time(text) or hedges_state(text) or strong_degree_words(text) or vague_words_in(text):
        return False
    cited = without_citations(text) != text and (bool(checkable_words(text)) or text.startswith(_citing_verbs()))
    return (
        cited
        or is_grade_value(row.name, text)
        or reaches_a_standard(text)
        or is_event_deadline(text)
        or is_settled_on_the_spot(text)
        or is_checked_each_batch(text)
        or bool(contains_any(text, terms("periodicities")))
    )


@cache
def _citing_verbs() -> tuple[str, ...]:
    """The verbs before a standard cited by title that meet it (达到《…标准》(GB 5749-2022), 符合《…》)."""
    return (*name_forms_table()["standard_reach_verbs"], "符合", "执行")


def without_citations(text: str) -> str:
    """The text with each standard or rule it cites, by title (《…》) or by code (GB/T 20530-2006), cut to its mark
    (《》, GB/T): one name, however long its title."""
    return _CITED.sub("《》", without_standard_codes(text))


def repeats_name(row: RowContext) -> bool:
    """The value only restates the name (经费下发及时率 → 及时率, 提升业务能力 → 业务提升)."""
    value, name = row.value_text, row.name
    if len(value) < 2 or not name:
        return False
    if value in name or name in value:
        return True
    shared = sum(1 for ch in set(value) if ch in name)
    return shared / len(set(value)) >= 0.75


def cost_amount(row: RowContext) -> float | None:
    """The row's money in 万元 when it is an amount (not a unit price like 元/人, 人均…, 单个项目…: name_forms.yaml
    per_unit_cost_words)."""
    if contains_any(row.name, name_forms_table()["per_unit_cost_words"]):
        return None
    return money_in_wan(row.value)


def budget_of(row: RowContext) -> float | None:
    return row.project.project.budget


@lru_cache(maxsize=STRING_CACHE)  # asked of every row by L004; names repeat
def names_a_control_rate(name: str) -> bool:
    """A 控制率 (spent ÷ budget), or a name ending in the control with 率 left off (成本控制)."""
    table = units_table()
    return bool(contains_any(name, table["control_rate_words"])) or name.endswith(tuple(table["control_name_endings"]))


_CLAUSES = re.compile(r"[，,；;、。(（)）]")


@lru_cache(maxsize=STRING_CACHE)
def _money_caps(value_text: str) -> tuple[float | None, ...]:
    """The caps in money that the value's clauses set (≤ or <, 不超过, 以内), in 万元; None for a cap per unit
    (≤600元/人). The value parser reads the first figure only, so each clause is read on its own."""
    caps: list[float | None] = []
    for clause in filter(None, _CLAUSES.split(value_text)):
        parsed = parse_value(clause)
        if parsed.family is UnitFamily.MONEY and parsed.op in ("≤", "<") and parsed.has_number:
            caps.append(None if "/" in parsed.unit else money_in_wan(parsed))
    return tuple(caps)


def caps_spending_in_money(row: RowContext) -> bool:
    """A clause of the value caps the spending in money, below the project's budget when it is known
    (≤100%，不超过8万元 on a 20万元 project; 100%，人均不超过600元/人): the amount is a target. A cap equal to
    or above the budget says only 不超预算; a floor, a figure with no ≤, or people counted in 万 cap nothing."""
    budget = row.project.project.budget
    return any(cap is None or budget is None or cap < budget for cap in _money_caps(row.value_text))


def unit_family(row: RowContext) -> UnitFamily:
    return row.value.family


def name_has_words(row: RowContext, lexicon: str) -> list[str]:
    return contains_any(row.name, words(lexicon))


# --- what a row names and what its project can affect (rules R001, R002 and the classifier) ---------------


@cache
def _level2_headings() -> frozenset[str]:
    data = table("dimensions")
    return frozenset(compact(h) for headings in data["level2"].values() for h in headings if h.endswith("指标"))


@cache
def dimension_topics() -> dict:
    return table("dimension_topics")


@cache
def _type_dims() -> dict[str, frozenset[str]]:
    return {name: frozenset(spec["dims"]) for name, spec in table("project_types")["types"].items()}


def is_placeholder_name(row: RowContext) -> bool:
    """The 三级指标 is the 二级指标 heading, whole or cut short (可持续 under 可持续影响指标)."""
    name = compact(row.indicator.level3)
    if not name:
        return False
    if row.group == "satisfaction" and row.form & {"share", "measure"}:
        return False  # 服务对象满意度 under 服务对象满意度(指标) names a measure, of no group (B002's: boilerplate)
    if name == row.level2 or name in _level2_headings():
        return True
    if row.form & {"share", "count", "measure"}:
        return False  # 可持续 under 可持续影响指标 is cut short; a count or a share names a measure
    return len(name) >= 2 and row.level2_is_heading and bool(row.level2) and row.level2.startswith(name)


def row_dimensions(row: RowContext) -> dict[str, list[str]]:
    """The benefit dimensions (economic, ecological) the row's name and value speak of, with the words."""
    return {dimension: list(found) for dimension, found in dimensions_in(dimension_text(row))}


def dimension_text(row: RowContext) -> str:
    """The text whose dimensions_in are the row's: its name and value, or its name alone when the value holds
    no character of any word dimensions_in reads (a figure, a unit: 95%, ≥3次). Then no word can be in the
    value or cross into it, nor can 效益 follow a compound from there, so the name alone names the same; and
    names repeat across projects far more than names with their values do, which keeps the caches full."""
    value = row.value_text
    return row.name if _holds_no_dimension_character(value) else row.name + value


@cache
def _dimension_characters() -> frozenset[str]:
    topics = dimension_topics()
    words = [*topics["economic"], *topics["ecological"], *topics.get("not_ecological", ()), "效益"]
    return frozenset("".join(words))


@lru_cache(maxsize=STRING_CACHE)
def _holds_no_dimension_character(text: str) -> bool:
    return _dimension_characters().isdisjoint(text)


@cache
def _not_ecological() -> re.Pattern[str]:
    """The compounds of `not_ecological`, each unless 效益 follows in its clause (社会环境综合效益 names both)."""
    compounds = sorted(dimension_topics().get("not_ecological", ()), key=len, reverse=True)
    if not compounds:
        return re.compile("(?!)")
    return re.compile("(?:" + "|".join(map(re.escape, compounds)) + ")(?![^，,。；;、]{0,6}效益)")


@lru_cache(maxsize=STRING_CACHE)
def dimensions_in(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(dimension, its words in the text) for the economic and ecological dimensions; 环境 in 法治环境 or
    营商环境 (lexicons/dimension_topics.yaml `not_ecological`, not before 效益) is no ecological word."""
    topics = dimension_topics()
    natural = _not_ecological().sub("", text)
    texts = {"economic": text, "ecological": natural}
    found = ((dimension, tuple(contains_any(texts[dimension], topics[dimension]))) for dimension in ("economic", "ecological"))
    return tuple((dimension, words) for dimension, words in found if words)


def allowed_dimensions(row: RowContext) -> frozenset[str] | None:
    """The benefit dimensions the project's kinds can affect; where the project's name says what the money is
    spent on (people, rent, running costs, a meeting: ProjectContext.spent_on), those kinds alone decide."""
    return _allowed_dimensions(row.project.types, row.project.spent_on)


@lru_cache(maxsize=4096)  # few distinct kind sets; asked for every row, by a rule and by the model
def _allowed_dimensions(types: frozenset[str], spent_on: frozenset[str]) -> frozenset[str] | None:
    if not types:
        return None
    return frozenset().union(*(_type_dims()[t] for t in (spent_on or types)))
