"""boilerplate: template text that says nothing specific to the project."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence, Set
from functools import lru_cache

from scorer.messages import text
from scorer.normalise import DocumentContext, RowContext, asks_an_act, related_kinds
from scorer.predicates import (
    boilerplate_table,
    caps_spending_in_money,
    contains_any,
    ends_with_any,
    has_figure,
    is_compliance_pledge,
    is_either_way_share,
    is_fee_rate,
    is_unfilled,
    money_in_wan,
    name_forms_table,
    names_a_control_rate,
    names_the_budget,
    states_an_instrument,
    units_table,
)
from scorer.registry import Hit, rule
from scorer.text import compact
from scorer.types import Severity, UnitFamily


@rule(
    "B001",
    "restates-budget",
    "boilerplate",
    Severity.WARNING,
    message="“{evidence}”说的就是整个项目的预算{budget_said}，只复述了预算，建议按用途分解成本（各项支出或单价各多少）",
    context=True,
)
def restates_budget(row: RowContext) -> Hit | None:
    """A row whose amount is the whole project budget (or whose name is 项目预算控制数): it restates the budget.

    A bare figure on a name whose head is an amount of money (工程资金金额 = 43.2, 补助资金总额 = 150) is read in the
    budget's unit, 万元: the same figure restates it.
    Bad: 项目预算控制数 = ≤11万元 on an 11万元 project; 培训成本 = ≤35万元 on a 35万元 project; 数量指标 / 工程资金金额 =
    43.2 on a 43.2万元 project.
    Good: 会议成本 ≤30万元 + 印刷成本 ≤11万元 + 交通成本 ≤23.32万元 on a 64.32万元 project; 采购金额 = 12 on a 43.2万元
    project.
    """
    budget = row.project.project.budget
    amount = money_in_wan(row.value)
    if amount is None and _bare_figure(row) and _names_an_amount(row.name):
        amount = row.value.number
    if budget and amount is not None and abs(amount - budget) <= max(0.005, budget * 0.001):
        return Hit(evidence=row.value_text, fields=_budget_said(budget))
    if amount is not None and names_the_budget(row.name):  # the table may state no budget: none is said then
        return Hit(evidence=row.name, fields=_budget_said(budget))
    return None


def _budget_said(budget: float | None) -> dict[str, object]:
    """The budget as B001's message says it (in either language: （50万元）), or nothing where the table states none."""
    return {"budget": budget or "", "budget_said": text("finding.budget_said", budget=budget) if budget else ""}


def _names_an_amount(name: str) -> bool:
    """The name's head is an amount of money (工程资金金额, 补助资金总额, 专项资金规模: boilerplate.yaml money_heads)."""
    return bool(ends_with_any(name, boilerplate_table()["money_heads"]))


def _bare_figure(row: RowContext) -> bool:
    """A value of one figure and no unit (43.2), with or without an operator."""
    value = row.value
    return value.family is UnitFamily.NONE and not value.unit and len(value.numbers) == 1 and not value.is_range


@rule(
    "B002",
    "satisfaction-without-group",
    "boilerplate",
    Severity.WARNING,
    message="满意度指标“{name}”没有指明是谁的满意度，建议写明服务对象（如参训人员、来访群众）",
)
def satisfaction_without_group(row: RowContext) -> Hit | None:
    """A 满意度 that names no group: 服务对象满意度, 满意度, or a generic group written another way (服务对像满意度).
    A generic group narrowed by words of its own (养老服务对象满意度, 服务对象家属满意度) names one.

    Bad: 服务对象满意度 = ≥95%; 满意度 = ≥98%; 全体服务对象满意度 = ≥95%.
    Good: 参训人员满意度 = ≥98%; 居家养老服务对象满意度 = ≥95%.
    """
    match = re.match(r"^(.*?)(?:满意度|满意率)(?:指标)?$", row.name)  # 服务对象满意度指标: the heading as a name
    if not match or not row.level2_is_heading:
        return None  # a 二级指标 that is not a standard heading names the group (人大常委会成员及远程对象)
    group = match.group(1)
    table = boilerplate_table()
    generic = table["generic_satisfaction_groups"]
    plain = group  # without the words that narrow nothing (全体, 本单位, 主要 …)
    for word in table["satisfaction_group_not_narrowing"]:
        plain = plain.replace(word, "")
    if group in generic or plain in generic:
        return Hit(evidence=row.name)  # 服务对象, 本单位服务对象: anyone served
    if _narrows_a_generic_group(plain, generic):
        return None  # 养老服务对象, 服务对象家属: a generic group narrowed to the people asked
    if contains_any(plain, table["satisfaction_people_words"]):
        return None  # 受益群众: the public who benefit, however alike 受益群体 it is written
    if any(g and _alike(group, g, 0.75) for g in generic):
        return Hit(evidence=row.name)  # 服务对像: a generic group written another way
    return None


def _narrows_a_generic_group(group: str, generic: list[str]) -> bool:
    """The longest generic group (服务对象, not 对象) standing whole in the group, with words of two characters or more
    besides it (the group without the words that narrow nothing)."""
    word = max((g for g in generic if g and g in group), key=len, default="")
    return bool(word) and len(group.replace(word, "", 1)) >= 2


def _alike(a: str, b: str, threshold: float) -> bool:
    """difflib's ratio(a, b) >= threshold, its cheap upper bounds tried first."""
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


@rule(
    "B003",
    "generic-sustainability",
    "boilerplate",
    Severity.WARNING,
    message="可持续影响“{name}” = “{value}”是通用模板（{evidence}），没有可核验的内容，建议写明本项目的长效机制及完成时限",
)
def generic_sustainability(row: RowContext) -> Hit | None:
    """A generic durability row (长期规划, 长期影响, 可持续性服务 = 长期) with no measure.

    A 是否 question of a checkable act (是否建立小区长效管理机制 = 是) names one fact: its 长效 is what it asks
    about; one of an aim (是否长期发挥作用 = 是) is the formula asked as a question. A value that claims a degree
    (持续加强, 能力持续提升: a slogan word beside the durability word) is a degree with no standard (V001's), not the
    formula of durability.
    Bad: 可持续影响指标 / 可持续性服务 = 长期; 提升长期竞争力 = 有效提升; 慰问活动 = 每年持续开展.
    Good: 设备后期管养制度 = 有计划且完备; 是否建立小区长效管理机制 = 是; 服务能力 = 持续加强 (vague, not a template);
    绿地养护长效管理机制 = 建立并运行 (the mechanism made and run: a fact, as 是否建立 asks).
    """
    if row.group != "sustainable" or has_figure(row):
        return None
    table = boilerplate_table()
    asked = (asks_an_act(row.name) and row.value_text in ("是", "否")) or states_an_instrument(row)
    found = contains_any(row.value_text, table["generic_sustainability_words"])
    if found and _claims_a_degree(row.value_text, found):
        found = []  # a degree claim is V001's; a generic name still makes the row the formula (可持续影响 = 持续提升)
    found = found or ([] if asked else contains_any(row.name, table["generic_sustainability_name_words"]))
    return Hit(evidence="、".join(found)) if found else None


def _claims_a_degree(value: str, durability_words: list[str]) -> bool:
    """The value, its durability words aside, claims a degree (持续加强: 加强; 能力持续提升: 提升), not a durability (长期有效,
    长效保障, 持续推进): lexicons/boilerplate.yaml degree_claims."""
    rest = value
    for word in durability_words:
        rest = rest.replace(word, "")
    return bool(contains_any(rest, boilerplate_table()["degree_claims"]))


def _formula_word(row: RowContext) -> str:
    """健全 for 培训管理机制健全性 = 健全: the value is the name's own last quality word."""
    value = row.value_text
    if row.value.has_number or not value or len(value) > 4 or row.group == "timeliness":
        return ""  # 时效 rows (××及时性 = 及时) are judged by the vague rules for their missing deadline
    if row.name.endswith(value + "性") or (row.name.endswith(value) and len(row.name) > len(value)):
        return value
    return ""


@rule(
    "B004",
    "self-fulfilling-formula",
    "boilerplate",
    Severity.WARNING,
    scope="document",
    message="“××{evidence}性 = {evidence}”是本文件多个项目通用的公式（{count}个项目），并非针对本项目设定",
    fix="写明本项目要达到的具体结果（数量、质量或完成时限），不用“××性”这类各项目通用的写法",
)
def self_fulfilling_formula(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """The same formula (××制度健全性 = 健全, ××档案管理规范性 = 规范) filled in across projects of a document.

    Each instance is checkable, but the formula says nothing specific (LABELING.md: boilerplate, quality 1).
    Bad: 培训管理机制健全性 = 健全 and 公务接待管理制度健全性 = 健全 in two projects of one document.
    Good: 设备后期管养制度 = 有计划且完备.
    """
    by_word: dict[str, list[RowContext]] = defaultdict(list)
    for project in document.projects:
        for row in project.rows:
            word = _formula_word(row)
            if word:
                by_word[word].append(row)
    for word, rows in by_word.items():
        projects = {row.project.index for row in rows}
        if len(projects) >= 2:
            for row in rows:
                if document.is_scored(row.project):
                    yield row, Hit(evidence=word, fields={"count": len(projects)})


@rule(
    "B005",
    "template-indicator",
    "boilerplate",
    Severity.WARNING,
    message="“{name}”是通用模板指标，本项目的名称、用途和目标都不涉及“{evidence}”",
    context=True,
    fix="换成与本项目名称、用途、目标直接相关的指标",
)
def template_indicator(row: RowContext) -> Hit | None:
    """A stock indicator of another kind of project (政策知晓率 on a bonus payment, 政治任务实现率 on a meeting).

    The list and the words each needs in the project's own text are in lexicons/boilerplate.yaml.
    Bad: 编外人员目标考核奖 / 政策知晓率 = ≥95%.
    Good: 惠民政策宣传项目 / 政策知晓率 = ≥90%.
    """
    for entry in boilerplate_table()["template_indicators"]:
        if entry["name"] in row.name and not contains_any(row.project.text, entry["needs"]):
            return Hit(evidence="、".join(entry["needs"][:2]))
    return None


@rule(
    "B006",
    "name-equals-value",
    "boilerplate",
    Severity.WARNING,
    message="指标名称与指标值相同（“{value}”），没有给出目标",
    fix="指标值写成可核验的目标：数值和单位（如“≥95%”“≥12次”）或明确的完成标准",
)
def name_equals_value(row: RowContext) -> Hit | None:
    """Name (and description) and value are the same words, or the value only repeats a figure the name holds.

    Bad: 节能环保 / 节能环保 = 节能环保; 2024年12月底前 = 2024年12月底前; 全年开放≥300天 = ≥300天.
    Good: 单位能耗下降率 = ≥5%; 全年开放天数 = ≥300天.
    """
    value, name = row.value_text, compact(row.indicator.level3)
    if not value:
        return None
    if name == value or (len(value) >= 2 and has_figure(row) and value in name):
        return Hit(evidence=value)
    return None


@rule(
    "B009",
    "cost-formula-across-projects",
    "boilerplate",
    Severity.WARNING,
    scope="document",
    message="成本行“{name} {value}”以几乎相同的写法出现在本文件{count}个项目中（{spread}），是固定公式，并非由本项目预算测算",
    fix="按本项目预算的实际用途测算成本（如“会议费≤X万元”），不套用其他项目的同一写法",
)
def cost_formula_across_projects(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """The same cost line (same amount, name alike) in three or more projects of different kinds, or in three or
    more projects that are most of the document's (LABELING.md: a formula filled in across most projects).

    Cost targets come from each project's own budget; one line repeated across unrelated projects, or across most
    projects of a document whatever their kinds, is a formula. Shared quality standards (满意度 ≥95%) are not judged here.
    Bad: 日常办公成本 = ≤1万元 in 立法、监督经费, 对外交流经费 and 人大代表活动经费; 日常办公成本 = ≤1万元 in the three
    projects of a 文化馆's document.
    Good: 会议成本 lines with different amounts in each meeting project; one cost line in three related projects of a
    document of twelve; a standard per one thing policy sets (耕地地力保护补贴标准 = 105元/亩) in each project that pays it.
    """
    by_value: dict[str, list[RowContext]] = defaultdict(list)
    for project in document.projects:
        for row in project.rows:
            if row.group == "cost" and row.name and row.value.has_number and not _a_rate_per_unit(row):
                by_value[row.value_text].append(row)
    for rows in by_value.values():
        if len(rows) < 3:
            continue  # a line counts the projects of its rows: fewer than 3 rows make no formula
        names = sorted({row.name for row in rows})
        position = {name: i for i, name in enumerate(names)}
        kinds_by_name: list[dict[int, frozenset[str]]] = [{} for _ in names]
        for row in rows:
            kinds_by_name[position[row.name]][row.project.index] = row.project.name_types
        alike: Sequence[Set[int]] | None = None  # made when a scored row first asks
        groups: dict[int, dict[frozenset[str], int]] = {}  # name -> project kinds -> projects, of its alike names
        counts: dict[int, int] = {}
        unrelated_to: dict[tuple[int, frozenset[str]], int] = {}  # (name, asker's kinds) -> unrelated projects
        for anchor in rows:
            if not document.is_scored(anchor.project):
                continue
            i = position[anchor.name]
            if i not in groups:
                if alike is None:
                    alike = _alike_names(names)
                projects: dict[int, frozenset[str]] = {}
                for j in alike[i]:
                    projects.update(kinds_by_name[j])
                counts[i] = len(projects)
                groups[i] = Counter(projects.values())
            if counts[i] < 3:
                continue
            mine = anchor.project.name_types
            unrelated = unrelated_to.get((i, mine))
            if unrelated is None:  # a project of no known kind is not known to be unrelated
                unrelated = sum(n for kinds, n in groups[i].items() if kinds and mine and not related_kinds(kinds, mine))
                unrelated_to[i, mine] = unrelated
            if unrelated >= 2:
                yield anchor, Hit(evidence=anchor.name, fields={"count": counts[i], "spread": text("b009.unrelated")})
            elif counts[i] * 2 > len(document.projects):  # LABELING.md: the formula filled in across most projects
                yield anchor, Hit(evidence=anchor.name, fields={"count": counts[i], "spread": text("b009.most")})


def _a_rate_per_unit(row: RowContext) -> bool:
    """A standard per one thing (补贴标准 = 105元/亩, 培训综合定额 ≤400元/人·天): a rate policy sets for every project that
    pays it, not a formula (B009)."""
    return "/" in row.value.unit or row.name.endswith("标准")


ALIKE_ALL_PAIRS = 64  # distinct names of one cost value compared pair by pair up to this many
ALIKE = 0.7  # difflib ratio from which two names are written almost the same way
ALIKE_CACHE = 4096  # lists of up to ALIKE_ALL_PAIRS names whose answer is kept: one list recurs over amounts


def _alike_names(names: list[str]) -> Sequence[Set[int]]:
    """For each distinct name (sorted), the names written almost the same way (difflib ratio >= 0.7), itself
    included. Up to ALIKE_ALL_PAIRS names every pair is compared, and the answer is kept per list of names;
    beyond, only the pairs MinHash banding proposes (scorer.duplicates), so the work grows with the names,
    not with their square."""
    if len(names) == 1:
        return ({0},)
    if len(names) <= ALIKE_ALL_PAIRS:
        return _alike_few(tuple(names))
    from scorer.duplicates import lsh_candidates, minhash_signatures

    pairs = sorted(((int(i), int(j)) for i, j in lsh_candidates(minhash_signatures(names))), key=lambda pair: (pair[1], pair[0]))
    return _alike_pairs(names, pairs)


@lru_cache(maxsize=ALIKE_CACHE)
def _alike_few(names: tuple[str, ...]) -> tuple[frozenset[int], ...]:
    pairs = ((i, j) for j in range(1, len(names)) for i in range(j))  # in order of (j, i), as _alike_pairs wants
    return tuple(frozenset(found) for found in _alike_pairs(names, pairs))


def _alike_pairs(names: Sequence[str], pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    """_alike_names over the given pairs (i < j), ordered by j: difflib keeps what it learns of its second
    string. ratio() is 2M / (len(a) + len(b)) for M the characters of difflib's matching blocks, and bounds
    on M settle most pairs with the answer ratio() gives, without the full comparison: M is at most the
    shorter length (difflib's real_quick_ratio) and at most the characters the two have in common (its
    quick_ratio); it is at least the longest common substring (its first block), so at least a common
    prefix or suffix, and the whole of a name the other holds."""
    alike = [{i} for i in range(len(names))]
    lengths = [len(name) for name in names]
    characters: list[frozenset[str] | None] = [None] * len(names)  # each name's characters, made when first asked
    matcher = difflib.SequenceMatcher()
    second = -1
    for i, j in pairs:
        a, b = names[i], names[j]
        total = lengths[i] + lengths[j]  # > 0: the names are distinct
        # each bound is turned into a ratio as difflib does (2.0 * matches / total), so compares as ratio() would
        if 2.0 * min(lengths[i], lengths[j]) / total < ALIKE:
            continue
        if lengths[j] < DIFFLIB_AUTOJUNK_FROM and (a in b or b in a):
            alike[i].add(j)  # M is the shorter length, which passed above
            alike[j].add(i)
            continue
        mine, theirs = characters[i], characters[j]
        if mine is None:
            mine = characters[i] = frozenset(a)
        if theirs is None:
            theirs = characters[j] = frozenset(b)
        # the characters in common, with repeats, are at most the distinct ones in common and the repeats of one
        repeats = min(lengths[i] - len(mine), lengths[j] - len(theirs))
        if 2.0 * (len(mine & theirs) + repeats) / total < ALIKE:
            continue
        if lengths[j] < DIFFLIB_AUTOJUNK_FROM and 2.0 * _common_end(a, b) / total >= ALIKE:
            alike[i].add(j)
            alike[j].add(i)
            continue
        if j != second:
            matcher.set_seq2(b)
            second = j
        matcher.set_seq1(a)
        if matcher.ratio() >= ALIKE:
            alike[i].add(j)
            alike[j].add(i)
    return alike


DIFFLIB_AUTOJUNK_FROM = 200  # difflib takes the popular characters of a second string this long for junk


def _common_end(a: str, b: str) -> int:
    """The longer of the common prefix and the common suffix of a and b."""
    shorter = min(len(a), len(b))
    prefix = 0
    while prefix < shorter and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < shorter and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return max(prefix, suffix)


@rule(
    "B010",
    "cost-without-amount",
    "boilerplate",
    Severity.WARNING,
    message="成本指标“{name}” = “{value}”没有金额，只是“不超预算”一类的通用写法，建议写明各项支出的金额上限",
    context=True,  # reads the project's budget (a cap in money below it is an amount)
)
def cost_without_amount(row: RowContext) -> Hit | None:
    """A cost row with no amount of money: 成本控制率 = 100%, 控制在预算内, a procurement principle.

    A target states the outputs and effects the money buys "以及相应的成本控制要求" (财政部《中央部门项目
    支出核心绩效目标和指标设置及取值指引（试行）》, 财预〔2021〕101号): the cost control is an amount for what
    is bought; a row that says only that the budget will not be exceeded says nothing about this project
    (LABELING.md: boilerplate). Savings and cuts (成本节约率 ≥5%) are real targets and pass. A rate of the money
    that U010 accepts as a cost's unit (预算执行率 = 100%) is still this template here: it says the budget will be
    spent, not what the money buys at what cost.
    Bad: 成本控制率 = 100%; 项目支出控制 = 严格控制在预算范围内; 采购价格不高于市场均价 = 是.
    Good: 疫苗采购成本 = ≤12万元; 人均培训成本 = ≤2200元/人; 采购成本节约率 = ≥3%;
    成本控制率 = 100%，全年不超过12万元 on a 20万元 project (a cap in money below the budget); 展位费补助比例 = ≤50%
    (the share of a cost the money pays: a standard of this project's); 住院次均费用增幅 = ≤5% (a cap on its growth).
    """
    if row.group != "cost" or not row.name:
        return None
    if row.value.has_number and row.value.family is not UnitFamily.PERCENT:
        return None  # an amount, or a count the unit rules judge
    if row.value.op not in ("≥", ">") and caps_spending_in_money(row):
        return None  # 100%，不超过8万元 on a larger budget: the amount after the share is the cap
    if contains_any(row.name, name_forms_table()["cost_saving_words"]):
        return None
    if row.value.has_number and contains_any(row.name, units_table()["growth_rate_words"]):
        return None  # 住院次均费用增幅 ≤5%: a cap on how a cost grows is this project's target
    if row.value.family is UnitFamily.PERCENT and row.value.op in ("≤", "<") and names_a_control_rate(row.name):
        return None  # ≤100% on a 控制率 is illogical (L004)
    # 展位费补助比例 ≤50%, 行政成本占比 ≤5%: the share of a cost is a standard of this project's; not 经费支出占预算比例 =
    # 100% (the budget spent: the template itself)
    share = row.value.family is UnitFamily.PERCENT and row.value.has_number and is_either_way_share(row.name)
    if share and "预算" not in row.name:
        return None
    if is_unfilled(row):
        return None  # an empty slot is V006
    if is_fee_rate(row):
        return None  # 协审费计费标准 = ≤送审金额的0.3%: a price as a share of a stated base
    return Hit(evidence=row.value_text or row.name)


@rule(
    "B011",
    "input-as-output",
    "boilerplate",
    Severity.WARNING,
    message="数量/质量指标“{name}”的指标值是金额“{value}”，写的是投入（花多少钱），不是项目产出，建议改为产出的数量（人数、面积、次数等）",
)
def input_as_output(row: RowContext) -> Hit | None:
    """An amount of money as an output: what goes in (funds arranged, money spent), not what the project produces.

    A target is "预期达到的产出和效果以及相应的成本控制要求" (财预〔2021〕101号 指引): outputs are the goods
    and services the money buys, and the money itself belongs under 成本指标 as a cost control. Per-unit
    standards (元/人) are left to the cost rules, and an amount asked for with ≥ to L001.
    Bad: 数量指标 / 业务工作经费安排 = 30万元; 数量指标 / 补助资金 = 对每所学校补助5万元.
    Good: 数量指标 / 补助学校数量 = 12所; 成本指标 / 业务工作经费 = ≤30万元.
    """
    if row.group not in ("quantity", "quality") or row.value.family is not UnitFamily.MONEY:
        return None
    if "/" in row.value.unit or "/" in row.value_text or row.value.op in ("≥", ">"):
        return None  # a unit price is a cost standard; money asked for with ≥ is L001's (a defect already)
    return Hit(evidence=row.value_text)


@rule(
    "B013",
    "compliance-pledge",
    "boilerplate",
    Severity.WARNING,
    message="“{name}” = “{value}”只是承诺遵守制度规定，是各项目通用的合规套话，没有为本项目设定目标",
    fix="写明本项目可核验的合规结果，如“审计、检查发现的违规问题0个”或“资金支出合规率100%”",
)
def compliance_pledge(row: RowContext) -> Hit | None:
    """A pledge to follow the rules as the value of a compliance row: the formula every project's table holds.

    LABELING.md: boilerplate is a fixed formula used across unrelated projects. A result reached (无违规问题) or a
    figure (合规率 100%) is no pledge. lexicons/boilerplate.yaml compliance_name_endings, pledge_verbs, rules_followed.
    Bad: 资金使用合规性 = 严格执行财务管理制度; 项目管理规范性 = 严格按照项目管理办法执行.
    Good: 资金使用合规性 = 审计发现违规问题0个; 资金支出合规率 = 100%.
    """
    return Hit(evidence=row.value_text) if is_compliance_pledge(row.name, row.value_text) else None


@rule(
    "B012",
    "generic-name",
    "boilerplate",
    Severity.WARNING,
    message="指标名称“{name}”只由“项目、实施、情况、工作”一类通用词组成，适用于任何项目，没有说明本项目衡量什么",
)
def generic_name(row: RowContext) -> Hit | None:
    """A name made only of words that fit every project (项目实施情况, 工作开展情况, 总体目标完成).

    LABELING.md: boilerplate is template text that says nothing specific to the project. A rate keeps its
    measure (项目完成率 names a share of the plan) and passes.
    Bad: 可持续影响指标 / 项目实施情况 = 良好; 工作开展情况 = 有序.
    Good: 项目完成率 = 100%; 病媒生物监测点覆盖率 = ≥90%.
    """
    name = row.name
    if not name or "share" in row.form or "count" in row.form:
        return None
    rest = name
    for word in sorted(name_forms_table()["generic_name_words"], key=len, reverse=True):
        rest = rest.replace(word, "")
    return Hit(evidence=name) if not rest else None
