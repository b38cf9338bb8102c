"""Blocks -> Document. One interpreter for every reader, so all forms are read by the same rules.

Three table layouts are recognised by their heading row:
- form: 项目名称 / 预算数 / 绩效目标 rows, then an indicator table headed 一级指标 二级指标 三级指标 … 指标值;
- flat: one indicator a row with the project named in a column (spreadsheets, CSV);
- wide: one project a row with all its indicators nested in one 绩效指标 cell.
Department-level prose (`1、立法工作` / `绩效指标：…`) becomes projects named `部门整体-<section>`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from scorer.ingest.blocks import Block, Paragraph, Row
from scorer.ingest.nested import parse_indicator_list, parse_prose_indicators, split_trailing_target
from scorer.ingest.recover import PAGE_NUMBER_FORMS, continued_forms, is_continued_mark, is_page_number, names_a_measure
from scorer.lexicons import table
from scorer.text import alternation, compact, nfkc, strip_markup, without_controls, without_invisible
from scorer.types import Document, Indicator, Location, Project, Skip, UnitFamily
from scorer.values import WAN_FACTORS, budget_in_wan, glossed_money_unit, money_unit_cell, year_number

_FIELD_CODE = re.compile(r"TC\s[^\n]{0,300}?\\f\s*[A-Z]\s*\\l\s*\d+")  # bounded: no quadratic scan of huge cells
_MAX_TITLE = 200  # a longer paragraph or cell is never a table title
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_TITLE = re.compile(
    r"^(?:[#\s]*)(?:[\d一二三四五六七八九十]+\s*[.、．]\s*)?(?P<name>.+?)(?:项目)?(?:支出)?绩效目标(?:申报|公开)?表"
    r"(?:\s*[(（]\s*20\d{2}\s*年度?\s*[)）]|\s*[(（](?P<gloss>[^()（）]*预算[^()（）]*)[)）])?$"  # 甲项目绩效目标表（2024年度）
)
GLOSSED_BUDGET = re.compile(r"预算(?:数|金额|资金)?\s*[:：]\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|亿元)?")
# （预算36.00万元）: no colon, so the amount must carry its unit (not 预算2024年)
_GLOSSED_BUDGET_WITH_UNIT = re.compile(r"预算(?:数|金额|资金)?\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|亿元)")
_SECTION = re.compile(  # 二、…, 2. …, （二）…, 项目二：…: a numbered heading
    r"^(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]"
    r"|项目[一二三四五六七八九十\d]{1,3}\s*[:：、.．])\s*(?P<name>[^。；;，,]{2,30}?)\s*$"
)


def continued_heading(text: str) -> str | None:
    """The heading of `text` without its mark of going on (1.乡村道路养护（续） -> 1.乡村道路养护), None without such a mark."""
    marked = _CONTINUED_HEADING.match(nfkc(text))
    return marked["heading"].strip() if marked else None


def _printed_on_each_page(text: str) -> bool:
    """续表, 第 2 页 共 5 页, - 3 -, 单位：万元, 填报日期：…: what a printed table repeats at a page's turn (not a bare figure,
    which in a table's row may be a score or a target)."""
    return is_continued_mark(text) or is_page_number(text) or bool(_MONEY_NOTE.match(text) or _DATE_LINE.match(text))


_YEAR_WORDS = re.compile(r"20\d{2}\s*年度?|年度")


def _names_no_project(name: str) -> bool:
    """A form title's name part that names no project: nothing but 项目 or a year, or a unit and a year (县公安局2024年
    in 县公安局2024年项目支出绩效目标表)."""
    rest = compact(_YEAR_WORDS.sub("", name))
    return rest in ("", "项目", "部门项目") or bool(_ORGAN.search(rest))


_CONTINUED_HEADING = re.compile(r"^(?P<heading>.{2,60}?)\s*(?:\(\s*续\s*(?:表|上表)?\s*\)|续表)\s*$")  # 1.甲（续）, 甲续表
_UNIT_ROW = re.compile(r"^\d{3,}(?!\d|年)\s*\S+")
_SUM_OPENING = re.compile(r"^(?:合计|小计|总计(?!划))")  # a sum's word opening a cell; 总计划完成率 is the whole plan's
_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_ORGAN = re.compile(r"(?:局|委|委员会|中心|院|学|校|馆|会|所|队|站|办|办公室|处|室|府|厅|部|司|社|团|园|场|科|分局|机关)$")
_MONEY_NOTE = re.compile(r"^\s*(?:金额)?单位[:：]\s*(?:万元|元|亿元|千元)\s*$")
_DATE_LINE = re.compile(r"^\s*(?:填报|填表|制表|编制|发布|印发|打印)?(?:日期|时间)\s*[:：]")
_UNIT_LINE = re.compile(r"^\s*(?:编制|填报|预算|主管|实施)?单位(?:名称)?\s*[:：]\s*(?P<unit>\S.*)$")
_SEALED = re.compile(r"盖章|签章|签字|签名")
_LABELLED = re.compile(r"^(?P<label>[^:：]{2,12})[:：]\s*(?P<value>\S.{0,80})$")  # 单位名称：某县民政局
_LABEL_OPENING = re.compile(r"^[^:：，,。；;]{2,12}[:：]")  # 绩效指标：, 实施单位：…
LABEL_AND_TEXT = re.compile(r"^(?P<label>[^:：，,。]{2,12})[:：]\s*(?P<text>\S.*)$", re.DOTALL)  # 年度绩效目标：…
_MULTI_YEAR_LABEL = re.compile(r"^(?:实施期|实施周期)资金总额")  # the form of a project's whole period
LONG_TABLE = re.compile(r"(?:长期|中长期|实施期|实施周期|中期)(?:绩效)?总?(?:指标|目标)")  # a multi-year table's heading
_SLOT_NUMBER = re.compile(r"^\s*指标\s*\d{1,2}\s*[.、:：]\s*")  # 指标1:完成…, a template's numbered slot
_GOAL_SPLIT = re.compile(r"(?:^|\s|[；;。])(?=(?:目标\s*[0-9一二三四五六七八九十]+\s*[:：、.]|[0-9]{1,2}\s*[.、．](?!\d)))")


@cache
def _fields() -> dict[str, str]:
    """Normalised heading -> field name."""
    out: dict[str, str] = {}
    for field, synonyms in table("headers")["fields"].items():
        for synonym in synonyms:
            out.setdefault(_heading_key(synonym), field)
    return out


@cache
def _form_labels() -> dict[str, str]:
    out: dict[str, str] = {}
    for part, labels in table("headers")["form_labels"].items():
        for label in labels:
            out[_heading_key(label)] = part
    return out


@cache
def _fund_part_labels() -> frozenset[str]:
    """The parts of a budget by where its money comes from (headers.yaml fund_part_labels), as keys."""
    return frozenset(_heading_key(label) for label in table("headers")["fund_part_labels"])


@cache
def _name_labels() -> tuple[str, ...]:
    """The labels of a project's name on its form (项目名称, 转移支付（项目）名称 …), as keys."""
    return tuple(key for key, part in _form_labels().items() if part == "name")


def heading_key(cell: str) -> str:
    """A heading or label compared as a word: width folded, markup, spaces, colons and what brackets add taken out
    (项目资金（万元）： -> 项目资金; 实施周期总目标(2022年--2024年) -> 实施周期总目标)."""
    return _heading_key(cell)


def _heading_key(cell: str) -> str:
    text = nfkc(strip_markup(without_invisible(cell or "")))  # a rows table's headings are not read as blocks
    text = re.sub(r"[(（][^)）]*[)）]", "", text)
    return re.sub(r"[\s:：*]", "", text)


HEADING_GLOSS = re.compile(r"\s*[(（](?P<gloss>[^()（）]*)[)）]\s*$")  # （金额单位：元  预算数：320,000.00）, （268万元）


def glossed_budget(gloss: str, factor: float = 1.0) -> float | None:
    """The budget a title's gloss gives (预算金额：85.6万元; 金额单位：元  预算数：320,000.00; 预算36万元), in 万元: in the
    unit written after the figure, else the one the gloss names, else the document's (factor)."""
    text = nfkc(gloss)
    found = GLOSSED_BUDGET.search(text) or _GLOSSED_BUDGET_WITH_UNIT.search(text)
    if not found:  # （268万元）: an amount alone, written with its unit
        return budget_in_wan(text) if text.strip().endswith("元") else None
    unit = found["unit"] or ("元" if re.search(r"单位\s*[:：]\s*元", text) else "万元" if "万元" in text else "")
    return round(float(found["amount"].replace(",", "")) * (WAN_FACTORS[unit] if unit else factor), 6)


def years_of_table(project: Project, long_from: int | None, heading: str, skipped: list[Skip]) -> int | None:
    """A table headed 长期绩效指标 or 实施期绩效指标: its rows are kept unless an annual table (年度绩效指标) follows in the
    project, whose rows are the year's targets; the multi-year rows are then listed in `skipped`, not read. Returns
    where the open multi-year table's rows start among the project's indicators (None: no such table is open)."""
    if LONG_TABLE.search(heading):
        return len(project.indicators)
    if long_from is not None and "年度" in heading:
        for indicator in project.indicators[long_from:]:
            said = f"{indicator.level3} {indicator.value}".strip()
            skipped.append(Skip(indicator.location, "长期绩效指标（另有年度绩效指标）", said))
        del project.indicators[long_from:]
        return None
    return long_from


@lru_cache(maxsize=4096)
def is_goal_label(text: str) -> bool:
    """A cell naming the goal (headers.yaml goal: 绩效目标, 年度目标 …) or a column of it (预期目标, 实际完成情况, 实施期目标:
    indicator_grammar.yaml goal_label_endings); a short goal ending in 目标 (实现全年安全生产目标) is none."""
    compact_text = _heading_key(text)
    if len(compact_text) > 14:
        return False
    endings = tuple(table("indicator_grammar")["goal_label_endings"])
    return heading_field(compact_text) == "goal" or compact_text.endswith(endings)


def heading_names_project(name: str) -> bool:
    """Whether a numbered heading's text can be a project's name: not a part of a form or of the document (绩效目标,
    年度绩效指标, 项目概况, 主要职能 …), nor a clause with figures (优良路率达到80%, 完成养护1860公里)."""
    compact_name = _heading_key(name)
    if len(compact_name) < 2 or heading_field(compact_name) or _form_labels().get(compact_name):
        return False
    grammar = table("indicator_grammar")
    if compact_name.endswith(tuple(grammar["form_part_endings"])):
        return False
    groups = {*grammar["level1_stems"], *grammar["level2_stems"], *grammar["either_stems"]}
    if compact_name.removeprefix("项目").removesuffix("指标") in groups:
        return False  # （二）项目效益, 二、社会效益: a group of the form's indicators
    return not re.search(r"\d|[%％≥≤<>]|达到|不低于|不少于", re.sub(r"^20\d{2}年度?", "", compact_name))


def names_a_project_row(name: str) -> bool:
    """Whether a numbered row of one cell inside an indicator table names a project (2.法律援助经费): a heading that could
    name one, ending as project names do (indicator_grammar.yaml project_name_endings); 2.结业人数 is an indicator."""
    endings = tuple(table("indicator_grammar")["project_name_endings"])
    return heading_names_project(name) and _heading_key(name).endswith(endings)


def project_row(text: str, factor: float = 1.0) -> tuple[str, float | None] | None:
    """(name, budget) when a row of one text inside an indicator table names the next project: numbered (2.法律援助经费,
    2、法律援助经费（48万元）) or, unnumbered, carrying its budget in brackets (临时救助资金（260万元）), and ending as project
    names end (names_a_project_row). None for any other row (2.结业人数, 产出指标, 合计（260万元）)."""
    text = text.strip()
    gloss = HEADING_GLOSS.search(text)
    amount = glossed_budget(gloss["gloss"], factor) if gloss else None
    bare = text[: gloss.start()].strip() if gloss and amount is not None else text
    section = _SECTION.match(bare)
    if section:
        name = section["name"].strip()
    elif amount is not None and len(bare) <= 30 and not re.search(r"[:：，,。；;]", bare) and not is_fund_part(bare):
        name = bare
    else:
        return None
    return (name, amount) if names_a_project_row(name) else None


def names_a_fund_part(text: str) -> bool:
    """A row of one text naming a part of the budget by its money's source, with its amount (省级补助资金（200万元）): a
    note on where the money comes from, not an indicator nor a project."""
    gloss = HEADING_GLOSS.search(text.strip())
    if gloss is None or glossed_budget(gloss["gloss"], 1.0) is None:
        return False
    return is_fund_part(text.strip()[: gloss.start()])


def is_fund_part(name: str) -> bool:
    """A part of a budget by the source of its money (headers.yaml fund_part_labels; or 省级补助资金, 县级配套资金: a source,
    then money only: indicator_grammar.yaml fund_sources, fund_nouns), not a project (中央财政困难群众救助补助资金 names
    what it pays for)."""
    grammar = table("indicator_grammar")
    compact_name = _heading_key(name)
    if compact_name in _fund_part_labels():  # 上级补助资金, 省级资金: a form's own column labels of the parts
        return True
    source = next((s for s in grammar["fund_sources"] if compact_name.startswith(s)), None)
    return source is not None and compact_name[len(source) :] in grammar["fund_nouns"]


_LIST_NUMBER = re.compile(
    r"^(?:\d{1,2}\s*[.、．](?!\d)|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}\s*、)\s*"
)


def without_list_number(text: str) -> str:
    """A form's labelled line without the number a list puts before it (3.项目金额：312万元 -> 项目金额：312万元;
    （四）年度绩效目标：…), when the label is one the forms use (headers.yaml form_labels, a unit's label); any other text
    as it is."""
    numbered = _LIST_NUMBER.match(text)
    if not numbered:
        return text
    rest = text[numbered.end() :]
    found = LABEL_AND_TEXT.match(rest)
    if found and (_form_labels().get(_heading_key(found["label"])) or _heading_key(found["label"]) in _unit_labels()):
        return rest
    return text


def is_multi_year_label(label: str) -> bool:
    """Whether a form's label names a whole period's target or money (长期目标, 中期目标（2024-2026年）, 实施期资金总额,
    项目总预算: indicator_grammar.yaml period_openings and period_budget_labels), not the year's."""
    compact_label = _heading_key(label)
    grammar = table("indicator_grammar")
    openings = tuple(_heading_key(word) for word in [*grammar["period_openings"], *grammar["period_budget_labels"]])
    return bool(LONG_TABLE.search(compact_label)) or compact_label.startswith(openings)


def year_column(labels: list[str]) -> int | None:
    """Of a form's column labels (中期目标 | 年度目标; 实施期资金总额 | 年度资金总额; 年初设定目标 | 实际完成情况), the position
    of the year's target: the first naming neither a whole period nor what was done. None when every label names one of
    them."""
    return next((n for n, label in enumerate(labels) if not is_multi_year_label(label) and "完成" not in label), None)


def speaks_of_the_project(text: str) -> bool:
    """Whether a sentence opens speaking of the project a heading names (该项目…, 本项目…: indicator_grammar.yaml
    project_sentence_openings)."""
    return nfkc(text).replace(" ", "").startswith(tuple(table("indicator_grammar")["project_sentence_openings"]))


_STATED_AMOUNT = re.compile(r"(?P<amount>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元)")


def stated_budget(text: str) -> float | None:
    """The budget a sentence states for the project a heading names (该项目预算资金186万元，主要用于…; 本项目2025年预算
    42.8万元), in 万元: the first amount written with its unit, when the words before it, in the same clause, name a
    budget (indicator_grammar.yaml budget_sentence_*). None for any other sentence, and for a whole period's money
    (该项目总预算1284万元: the year's is not said)."""
    grammar = table("indicator_grammar")
    compact_text = nfkc(text).replace(" ", "")
    opening = next((o for o in grammar["project_sentence_openings"] if compact_text.startswith(o)), None)
    found = _STATED_AMOUNT.search(compact_text, len(opening)) if opening else None
    if opening is None or found is None:
        return None
    before = compact_text[len(opening) : found.start()]
    if (
        len(before) > 16
        or compact_text[found.end() : found.end() + 1] in ("/", "每")  # 3000元/人: a rate
        or re.search(r"[，,。；;]", before)
        or not any(word in before for word in grammar["budget_sentence_words"])
        or any(word in before for word in grammar["budget_sentence_not_the_year"])
    ):
        return None
    return round(float(found["amount"].replace(",", "")) * WAN_FACTORS[found["unit"]], 6)


def without_slot_number(name: str) -> str:
    """An indicator's name without the number of the template's slot it fills (指标1:工程验收合格率 -> 工程验收合格率);
    "" for a slot left empty (指标2:)."""
    return _SLOT_NUMBER.sub("", name, count=1)


def is_organ_name(name: str) -> bool:
    """A public body's name: short, no figures or punctuation, ending as bodies' names end (局, 中心 …)."""
    return 2 <= len(name) <= 40 and bool(_ORGAN.search(name)) and not re.search(r"[\d.,，。:：;；《》]", name)


# How a project form names the unit, most specific first: the budget unit itself, the body that carries
# out the project, the department above it (主管部门, 部门, 预算部门: the labels not listed here).
_UNIT_RANKS: tuple[set[str], ...] = (
    {"单位名称", "预算单位", "填报单位", "部门名称"},
    {"项目单位", "实施单位", "项目实施单位", "资金使用单位"},
    set(),
)


@cache
def _unit_labels() -> dict[str, int]:
    """Labels of the unit's name on a project form (lexicons/indicator_grammar.yaml) -> rank (_UNIT_RANKS)."""
    labels = table("indicator_grammar")["unit_labels"]
    return {_heading_key(label): next((r for r, named in enumerate(_UNIT_RANKS) if label in named), 2) for label in labels}


def heading_field(cell: str) -> str | None:
    return _fields().get(_heading_key(cell))


def clean_title(text: str) -> str:
    if len(text) > 4 * _MAX_TITLE:
        return text.strip()
    return _BOOKMARK.sub("", _FIELD_CODE.sub("", text)).strip()


def _to_number(text: str) -> float | None:
    match = _NUMBER.search(nfkc(text or "").replace(" ", ""))
    return float(match.group().replace(",", "")) if match else None


_OPERATOR_WORDS = {
    "大于等于": "≥",
    "大于或等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "小于等于": "≤",
    "小于或等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "等于": "=",
    "大于": ">",
    "小于": "<",
    "正向": "≥",
    "反向": "≤",
}


def _compose_value(mapped: dict[str, str]) -> str:
    """The value as a reader would say it when a form splits it over 指标性质 / 指标值 / 计量单位 columns."""
    value = mapped.get("value", "")
    operator = mapped.get("operator", "").strip()
    unit = mapped.get("unit", "").strip()
    if not value or not (operator or unit):
        return value
    operator = _OPERATOR_WORDS.get(operator, operator if operator in ("≥", "≤", "=", ">", "<", "＝") else "")
    if operator and not value.startswith(("≥", "≤", "=", ">", "<", "＝")):
        value = operator + value
    if unit and unit not in value and re.search(r"\d$", value):
        value = value + unit
    return value


def split_goals(goal: str) -> list[str]:
    """Numbered goals (目标1：… / 1. … / 目标一：…) as a list; one goal when there is no numbering."""
    text = re.sub(r"\s+", " ", strip_markup(goal)).strip()
    if not text:
        return []
    parts = [p.strip(" ；;") for p in _GOAL_SPLIT.split(text) if p and p.strip(" ；;")]
    return parts or [text]


# what a self-evaluation table gives beside the target, kept on the row (Indicator.extra), never its target
REPORTED_FIELDS = ("actual", "score", "reason", "completion", "remark")
GROUP_FIELDS = frozenset({"indicators"})  # headings over several columns (绩效指标 over 一级/二级/三级指标)


MAX_HEADING_CHARS = 12  # a heading the vocabulary does not know (指标类型, 计算方法) is a short label


def second_header_line(upper: list[str | None], fields: list[str | None], cells: list[str]) -> bool:
    """Whether a row right under a header is the header's second line: a spreadsheet's merged heading
    (绩效指标 over 一级/二级/三级指标, 指标值 over 年度指标值/实际完成值, 项目名称 down two lines), saved or
    exported, leaves the row above blank where the row below names the columns. Such a row holds headings:
    each under a blank cell of the line above, a group heading or the same field, and at least one under a
    blank or a group heading. A label the vocabulary does not know (指标类型) may stand under a blank or a
    group heading beside two known ones, if it is short and holds no figure: a row of data holds figures,
    or at most one heading word."""
    named = [(index, field, cell.strip()) for index, (field, cell) in enumerate(zip(fields, cells, strict=False)) if cell.strip()]
    known = [(index, field) for index, field, _ in named if field is not None]
    unknown = [(index, cell) for index, field, cell in named if field is None]
    if not known or (unknown and len(known) < 2):
        return False

    def over(index: int) -> str | None:
        return upper[index] if index < len(upper) else None

    def spanned(index: int) -> bool:
        return over(index) is None or over(index) in GROUP_FIELDS

    if any(not spanned(index) and over(index) != field for index, field in known):
        return False
    if any(not spanned(index) or len(cell) > MAX_HEADING_CHARS or any(c.isdigit() for c in cell) for index, cell in unknown):
        return False
    return any(spanned(index) for index, _ in known)


def with_name_column(fields: list[str | None]) -> list[str | None]:
    """The fields of a header's columns, one taken for the indicator's name (三级指标) when no heading names
    it: the indicator's content (一级指标 | 二级指标 | 指标内容 | 指标值), else a 绩效指标 column beside a level
    and a value column (一级指标 | 二级指标 | 绩效指标 | 目标值). Beside a 三级指标 column, the content is the
    description. Without a value column, a 绩效指标 column holds a project's whole list of indicators (one
    project a row) and stays so; so does an explanation column (指标说明)."""
    fields = list(fields)
    if "level3" not in fields and "value" in fields:
        if "content" in fields:
            fields[fields.index("content")] = "level3"
        elif "indicators" in fields and {"level1", "level2"} & set(fields):
            fields[fields.index("indicators")] = "level3"
    return [("description" if "description" not in fields else None) if field == "content" else field for field in fields]


_TOTAL_NAME = re.compile(r"(?:总|合|小)计|.{2,30}(?:小计|合计)")  # 合计, 某县民政局小计: a table's total, no project
_UNIT_CODE = re.compile(r"^[\[［【(（]?\d{3,}[\]］】)）]?\s*")  # [101]某县民政局, 101001某县民政局
_OWN_LEVEL = re.compile(r"[（(]本级[）)]$")
_NOT_A_NAME = re.compile(r"(?:性质|类型|类别|编码|代码|名称|级次)$")


def _names_a_unit(value: str) -> bool:
    """A unit's name after a label: no figure, not a heading (单位性质, 单位编码), not too long."""
    key = _heading_key(value)
    return (
        2 <= len(value) <= 40
        and not re.search(r"\d", value)
        and heading_field(value) is None
        and key not in _unit_labels()
        and not _NOT_A_NAME.search(value)
    )


def _amount_in_wan(value: str, label: str, factor: float) -> float | None:
    """A budget written after its label, in 万元 (scorer.values.budget_in_wan): 20, 300万元, 200000元,
    0.2亿元; a bare figure in the unit the label glosses (项目资金（元）) or else the form's (factor: 单位：元);
    None when the cell is not one amount (2025年预算数, 第1季度, 详见批复)."""
    value = value.strip().rstrip("。；;，,")  # 312.00万元。 at the end of a labelled line
    amount = budget_in_wan(value)
    if amount is None or re.search(r"[元万]$", without_controls(value).strip()):  # 20万元\x01 is in 万元 too
        return amount
    glossed = glossed_money_unit(label)
    return round(amount * (WAN_FACTORS[glossed] if glossed else factor), 6)


# 已完成年度目标任务, 全年按计划完成…, 完成年度目标: a report of what was done (完成农村公路养护1860公里 is a goal)
_COMPLETION = re.compile(
    r"^(?:已|均已|全部|全面|基本|按计划|按期|全年|年度目标已|各项任务)+(?:已)?完成|^完成(?:了)?(?:年度|全年)?(?:目标|任务)"
)


def _goal_of_row(cells: list[str]) -> str:
    """The goal a goal row gives: its cells, up to the one a self-evaluation writes beside the goal to say what was
    done (已完成年度目标任务, 全年按计划完成…)."""
    parts: list[str] = []
    for cell in (c.strip() for c in cells):
        if not cell or is_goal_label(cell):  # 预期目标 | 实际完成情况: the columns' labels
            continue
        if parts and _COMPLETION.match(cell):
            break
        parts.append(cell)
    return " ".join(parts)


_PART_BREAK = re.compile(r"[，；;]|,(?!\d{3})|\s{2,}|\u3000+")  # between the labelled parts of a line; not 1,200.5


def _outside_brackets(text: str) -> list[str]:
    """The text split at _PART_BREAK, except inside brackets (480万元（其中：中央资金300万元，县级资金180万元） is one part)."""
    segments, start, depth = [], 0, 0
    for position, char in enumerate(text):
        depth += 1 if char in "(（" else -1 if char in ")）" and depth else 0
        if depth == 0 and position >= start and _PART_BREAK.match(text, position):
            found = _PART_BREAK.match(text, position)
            assert found is not None
            segments.append(text[start:position])
            start = found.end()
    segments.append(text[start:])
    return [segment for segment in segments if segment.strip()]


@cache
def _goal_part() -> re.Pattern[str]:
    """A goal label after other labelled parts of a line (预算金额：312万元    年度目标：…; 项目预算：48万元。年度绩效目标：…):
    the goal runs to the line's end."""
    labels = alternation(table("headers")["form_labels"]["goal"])
    return re.compile(rf"(?:\s{{2,}}|\u3000+|[，；;。])\s*(?P<label>{labels})\s*[:：]")


def split_goal_part(text: str) -> tuple[str, str]:
    """A labelled line and the goal labelled after its other parts (预算金额：55万元，年度目标：…): (the line before the
    goal, 年度目标：…), or (the line, "") when no goal label follows another part."""
    goal = _goal_part().search(text.strip())
    if goal is None:
        return text, ""
    return text.strip()[: goal.start()], text.strip()[goal.start() :].lstrip("，；;。　 ")


@cache
def _label_after_a_space() -> re.Pattern[str]:
    """One space before a form's name, code or budget label and its colon (项目名称：甲 预算：260万元, the wide space of the
    form made one by a web page): where one labelled part ends and the next starts."""
    labels = [label for part in ("name", "code", "budget") for label in table("headers")["form_labels"][part]]
    return re.compile(rf"\s+(?=(?:{alternation(labels)})\s*[:：])")


def _labelled_parts(text: str) -> list[tuple[str, str]]:
    """`label：value` segments of a cell or paragraph, split at ，；, or wide spaces (项目名称：甲，预算金额：300万元);
    [] unless every segment is one, of a form label (name, code, budget) or a unit label. A goal label after them
    (预算金额：312万元    年度目标：…) gives the rest of the line as one part."""
    text = text.strip()
    goal = _goal_part().search(text)
    head = _label_after_a_space().sub("\u3000", text[: goal.start()] if goal else text)  # 项目名称：甲 预算：260万元
    segments = _outside_brackets(head)
    parts: list[tuple[str, str]] = []
    for segment in segments:
        after_budget = bool(parts) and _form_labels().get(_heading_key(parts[-1][0])) == "budget"
        if after_budget and _says_where_money_comes_from(segment):
            continue  # 项目预算：48万元，全部为一般公共预算财政拨款: a remark on the amount before
        found = _LABELLED.match(segment.strip().rstrip("。"))
        if not found:
            return []
        key = _heading_key(found["label"])
        if after_budget and key.startswith(tuple(table("units")["budget_part_remarks"])):
            continue  # 资金总额：40万元  其中：财政拨款40万元: the parts of the amount before
        if key not in _unit_labels() and _form_labels().get(key) not in ("name", "code", "budget") and key != "单位":
            return []
        if key != "单位":  # 单位：万元, the unit of money (read by _money_unit)
            parts.append((found["label"], found["value"].strip()))
    if goal and parts and text[goal.end() :].strip():
        parts.append((goal["label"], text[goal.end() :].strip()))
    return parts


@cache
def _fund_part() -> re.Pattern[str]:
    """A fund's part and its amount (县级资金16.5万元, 财政拨款20万元: indicator_grammar.yaml fund_nouns)."""
    nouns = alternation(table("indicator_grammar")["fund_nouns"])
    return re.compile(rf"(?:{nouns})[^，,；;：:]{{0,6}}?\d+(?:\.\d+)?(?:亿元|万元|元)$")


def _says_where_money_comes_from(segment: str) -> bool:
    """An unlabelled remark after a budget on where its money comes from or how it changed (全部为一般公共预算财政拨款,
    其中中央资金10万元, 县级资金16.5万元, 较上年增长10%): it opens with a word of parts (units.yaml budget_part_remarks) or
    of a change (unit_expectations.yaml change_in_value_words: 较上年, 同比), ends with a fund noun (indicator_grammar.yaml
    fund_nouns), or is a fund's part and its amount; and holds no label of its own."""
    remark = _heading_key(segment.strip().rstrip("。"))
    if not remark or "：" in remark or ":" in remark:
        return False
    openings = (*table("units")["budget_part_remarks"], *table("unit_expectations")["change_in_value_words"])
    return (
        remark.startswith(openings)
        or remark.endswith(tuple(table("indicator_grammar")["fund_nouns"]))
        or bool(_fund_part().search(remark))
    )


@dataclass(frozen=True)
class Closing:
    """A closing label at the start of a row's first cell."""

    label: str
    kind: str  # "total" (合计), "sign-off" (填表人, 审核意见) or "note" (注, 说明, 备注, 偏差大或…)
    opening: bool = False  # the opening of a section (偏差大或…, 存在的问题…), not a whole label


def _opens_indicator_group(cell: str) -> bool:
    """A cell that names an indicator group (产出指标, 效益指标, 满意度指标, 社会效益, 管理效率指标)."""
    grammar = table("indicator_grammar")
    stems = (*grammar["level1_stems"], *grammar["level2_stems"], *grammar["either_stems"])
    compact = re.sub(r"\s+", "", nfkc(cell))
    return len(compact) <= 14 and (compact.endswith("指标") or compact.startswith(stems))


@cache
def _page_mark() -> re.Pattern[str]:
    """A paragraph that marks a table going on over a page: 续表 (lexicons/indicator_grammar.yaml,
    continued_marks) with a number, in brackets or before a caption (续表1：绩效指标), a table's number with
    （续） (附表2（续）), or a page number (第 2 页, 第2页 共5页, - 3 -, 2/5, 3, Page 2)."""
    return re.compile(
        rf"^\s*(?:{continued_forms()}"
        rf"|{PAGE_NUMBER_FORMS}"
        r"|\d{1,3}(?:\s*/\s*\d{1,3})?|(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?)\s*$",
        re.IGNORECASE,
    )


_UNIT_AND_PROJECT = re.compile(r"单位(?:名称)?[、及/和]?项目")  # 单位名称、项目名称, 单位及项目名称: a unit's and its projects'


def _first_filled(cells: list[str]) -> int:
    """The column of a row's first cell that holds anything (the row's width when none does)."""
    return next((index for index, cell in enumerate(cells) if cell.strip()), len(cells))


@cache
def _closing_labels() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """Closing labels (lexicons/indicator_grammar.yaml: table_end, signoff_labels, total_labels as whole labels,
    closing_prefixes as the openings of sections), in the cell as written and with its spaces taken out (合　计);
    the totals and the sign-offs."""
    grammar = table("indicator_grammar")
    totals, signoffs = frozenset(grammar["total_labels"]), frozenset(grammar["signoff_labels"])
    words = {word.rstrip(":：") for word in (*grammar["table_end"], *signoffs, *totals)}
    alternatives = alternation(words)
    annex = r"(?:[(（][^()（）]{0,8}[)）]|签字|签名|签章|盖章)?"  # 填表人（签字）：, 单位负责人签字：
    prefixes = alternation(grammar["closing_prefixes"])
    written = re.compile(rf"^\s*(?:(?P<label>{alternatives})\s*{annex}\s*(?:$|[:：\s]|(?=[\d.]))|(?P<prefix>{prefixes}))")
    compact = re.compile(rf"^(?P<label>{alternatives}){annex}(?:$|[:：]|(?=[\d.]))")  # 合　计, 总 分 100
    return written, compact, totals, signoffs


def closing_of(cell: str, measure_exception: bool = True) -> Closing | None:
    """The closing label a row opening with this cell starts with (a total, a note or a sign-off), or None.
    A cell that goes on to end like a measure is an indicator's name, whatever its first word.

    Good (closes): 填表人：张三 · 联系人 王小明 · 联系电话 0311-1234567 · 合　计 · 总分100 · 偏差大或目标未完成原因分析
    Bad (an indicator, read on): 审核通过率 · 联系人大代表次数 · 合计 培训人次 · 存在的问题整改率 · 电话12345接通率"""
    written, compact, totals, signoffs = _closing_labels()
    text = nfkc(cell)
    match = written.match(text) or compact.match(re.sub(r"\s+", "", text))
    if match is None:
        return None
    label = match.group("label") or match.group("prefix")
    kind = "total" if label in totals else "sign-off" if label in signoffs else "note"
    rest = re.sub(r"\s+", "", text)[len(label) :]
    opening = bool(match.groupdict().get("prefix"))
    if measure_exception and _names_after(rest, kind, by_prefix=opening):
        return None  # 合计 培训人次 is a name; 说明：本表中的数量 and 备注 指标值为计划数 are notes
    return Closing(label, kind, opening)


def _names_after(rest: str, kind: str, by_prefix: bool) -> bool:
    """Whether what follows a closing word makes the cell an indicator's name: it ends like a measure, with
    no colon in its first words (偏差大或目标未完成原因分析：… is a section), after a total, a sign-off (not
    a person's name: 填表人 刘数) or a section's opening (存在的问题整改率); a note's prose never is."""
    if not rest or ":" in rest[:16] or "：" in rest[:16] or not names_a_measure(rest):
        return False
    if kind == "sign-off":
        return len(rest) >= 3
    return kind == "total" or by_prefix


def closes_table(cell: str) -> bool:
    """Whether a row opening with this cell is a table's closing row: a total, a note or a sign-off."""
    return closing_of(cell) is not None


def is_closing_row(first: str, value: str, names_project: bool = False, merged: bool = False) -> Closing | None:
    """The closing label of a table row whose first filled cell is `first` and whose value cell is `value`,
    when the row is a total, a note or a sign-off and no indicator; else None. A total with a target in the
    value cell (合计 | ≤70万元), or a name that ends like a measure with one (改进措施 落实率 | 100%), is an
    indicator, except where the cell names a flat table's project (each row there names its project).
    `merged`: the same text in every cell of the row, a note written over it.

    A project's cell that opens a self-evaluation table's closing section (偏差大或…, 存在的问题…) closes the
    row unless its value cell states a target: 偏差大或目标未完成原因分析 | 无 (or its reasons in prose, figures and
    all) closes, 存在的问题整改专项 | 问题整改数 | ≥3项 is a project's indicator.

    Good (closing): 合计 | 30 · 填表人：张三 | (empty) · 注：指标值为计划数
    Bad (an indicator): 合计 | ≤70万元 · 存在的问题整改率 | 100%"""
    closing = closing_of(first, measure_exception=not merged)
    if closing is None or (names_project and closing.opening and states_target(value)):
        return None
    measured = closing.kind == "total" or (not merged and names_a_measure(first))
    return closing if names_project or not (measured and holds_target(value)) else None


def total_without_target(name: str, value: str) -> bool:
    """A row named by a sum's word and at most the noun of what it sums, stating no target (合计人数 | 1200, 小计金额 |
    35.5, 合计 | 30): a total under a table. A name that says more is an indicator's (合计发放补助人数 | 1200,
    总计完成培训人数 | 300, found in review), and so is any row with a target (合计 | ≤70万元, 合计培训人次 |
    ≥60人次); 总计划完成率 opens with no sum."""
    compact = re.sub(r"\s+", "", nfkc(name))
    opening = _SUM_OPENING.match(compact)
    return opening is not None and len(compact) - opening.end() <= 2 and not holds_target(value)


def states_target(cell: str) -> bool:
    """A value cell that states a target and nothing else (≥3项, 100%, 45个): not prose that quotes a figure
    (受汛期影响2处工程开工推迟，维修完成及时率为92%)."""
    return len(cell.strip()) <= 20 and not re.search(r"[，。；;,]", cell) and holds_target(cell)


def compares(cell: str) -> bool:
    """A value cell that states a comparison or a share (≥90%, ≤20万元, 100%), as indicator targets do and the
    amounts of a cost list (0.5万元) or a schedule's dates do not."""
    from scorer.values import parse_value

    value = parse_value(cell)
    return states_target(cell) and (bool(value.op) or value.family is UnitFamily.PERCENT)


def holds_target(cell: str) -> bool:
    """A target in a value cell: a comparison, or a figure with a unit that is no date (≤70万元, 300人次, 100%);
    not a telephone number or the date of a sign-off."""
    from scorer.values import parse_value

    value = parse_value(cell)
    return value.has_number and (bool(value.op) or value.family not in (UnitFamily.NONE, UnitFamily.DATE))


def is_figure(cell: str) -> bool:
    """A figure with its unit of measure and nothing else (100%, 300万元, 1200人次): not a unit's code and name
    (101001某县民政局本级), whose figures a unit of measure does not follow."""
    from scorer.values import parse_value

    value = parse_value(cell)
    return value.has_number and value.family is not UnitFamily.NONE and not value.text.strip()


@cache
def _note_sheet_names() -> frozenset[str]:
    """A workbook's sheets of notes (说明, 填表说明, 备注: indicator_grammar.yaml note_sheet_names)."""
    return frozenset(_heading_key(name) for name in table("indicator_grammar")["note_sheet_names"])


def _is_sheet_title(block: Block) -> bool:
    """The paragraph a workbook's reader puts before each sheet (Sheet1绩效目标表): the sheet's name, no unit's."""
    return isinstance(block, Row) and bool(block.extra.get("sheet_title"))


def _is_heading_row(block: Block) -> bool:
    """A table row of column headings (单位名称 | 项目名称 | 指标值): no unit's name."""
    return isinstance(block, Row) and sum(1 for cell in block.filled() if heading_field(cell)) >= 2


def merged_header(upper: list[str | None], lower: list[str | None]) -> list[str | None]:
    """The two lines of a header as one: a column is named by the line below when it names it, else above."""
    width = max(len(upper), len(lower))
    return [
        (lower[i] if i < len(lower) else None) or (upper[i] if i < len(upper) and upper[i] not in GROUP_FIELDS else None)
        for i in range(width)
    ]


class Interpreter:
    def __init__(self, source: str) -> None:
        self.doc = Document(source=source)
        self.project: Project | None = None
        self.pending_title = ""
        self.titles_read: set[str] = set()  # the forms' titles read so far, compacted (one again is a page's heading)
        self.header: dict[str, int] | None = None
        self.header_width = 0
        self.header_fields: list[str | None] | None = None  # of the header row just read, until another row
        self.layout = ""  # "", "form", "flat", "wide"
        # the header of the flat table being read, its sheet and title: the same again is a page's repeated header
        self.flat_header: tuple | None = None
        self.flat_unit = ""  # the last unit cell of the flat table being read (a 单位名称 column)
        self.column_units: set[str] = set()  # the units a 单位名称 column names: one only is the document's unit
        self.flat_projects: dict[tuple[str, str], Project] = {}  # a flat table's projects by (unit, name)
        # a unit named or a row left out since the open project's rows: 项目名称：甲 repeated after it is another unit's 甲
        self.other_since_rows = False
        self.unit_and_project = False  # the flat header's 单位名称、项目名称 heads two columns, the second unheaded
        self.flat_resumed = False  # the flat table's header was just read again (a page's repeated header)
        self.over_page = False  # a page mark (续表, 第 2 页) was read inside a form's indicator table
        self.form_part = ""
        self.money_factor = 1.0  # multiply to get 万元
        self.budget_factor: float | None = None  # the unit the open project's budget block glosses (项目资金（元）)
        self.section = ""
        self.section_goal = ""
        self.previous: Indicator | None = None
        self.in_indicators = False
        self.pending_row: Row | None = None
        self.signed_off = False  # a form's sign-off closed its table: no indicator until a header, project or unit
        self.schedule_columns: list[tuple[int, str]] = []  # a table row broken in two by a stray blank line
        # 项目资金 | 中期资金总额 | 年度资金总额, or 总体目标 | 中期目标 | 年度目标: a form row of column labels, whose figures
        # or texts come on the next row, by position (the form part, and the position of the year's column)
        self.form_columns: tuple[str, int] | None = None
        self.unit_rank = len(_UNIT_RANKS)  # of the label that named the unit (单位名称 …); none named yet
        # a form's name and budget written as `label：value` before its project opens (项目名称：…, 预算金额：…)
        self.pending_name = ""
        self.pending_budget: float | None = None
        self.pending_goal = ""  # 年度绩效目标：… after 项目名称：…, before that project's table
        self.named_by_heading = False  # pending_name is a numbered heading's (二、城乡医疗救助), not a label's
        self.goal_open = False  # the paragraph before was a labelled goal: a plain one after it goes on with it
        self.long_from: int | None = None  # where the open project's 长期绩效指标 table's rows start among its indicators
        self.table_heading = ""  # 长期绩效指标 or 年度绩效指标 on a row of its own, above the header it names
        self.multi_year: list[Project] = []  # projects whose form is for the whole period (实施期资金总额, 实施期目标)
        # the project opened under a sheet's name (Sheet1绩效目标表, the workbook reader's line before each sheet)
        # while the sheet has named none: it names no project of the document
        self.sheet_project: Project | None = None
        self.document_title: Project | None = None  # a project opened by the document's first title, before any other

    # --- public ---------------------------------------------------------------------------------

    def feed(self, blocks: list[Block]) -> Document:
        for block in blocks:
            if self.pending_row is not None and not (isinstance(block, Row) and self.in_indicators):
                self._flush_pending()
            if isinstance(block, Paragraph):
                self._paragraph(block)
            else:
                self._row(block)
        self._flush_pending()
        self._close_project()
        self._drop_multi_year_forms()
        self._guess_year_and_unit(blocks)
        return self.doc

    def _drop_multi_year_forms(self) -> None:
        """A project's form for its whole period (实施期资金总额, 实施期目标) beside its annual form in the same document:
        the annual form's targets are the year's; the multi-year form's rows are listed, not read."""
        projects = self.doc.projects
        period = {id(m) for m in self.multi_year}
        for project, after in list(itertools.pairwise(projects)):  # the annual form right after it
            if id(project) in period and id(after) not in period and after.name == project.name:
                years_of_table(project, 0, "年度", self.doc.skipped)
                projects.remove(project)

    # --- helpers --------------------------------------------------------------------------------

    def _loc(self, block: Block) -> Location:
        if isinstance(block, Row):
            return Location(self.doc.source, line=block.line, sheet=block.sheet, table=block.table, row=block.row)
        return Location(self.doc.source, line=block.line)

    def _skip(self, block: Block, reason: str) -> None:
        self.other_since_rows = True
        text = block.text if isinstance(block, Paragraph) else " | ".join(c for c in block.cells if c.strip())
        self.doc.skipped.append(Skip(self._loc(block), reason, text[:200]))

    def _open_project(self, name: str, block: Block) -> Project:
        self._close_project()
        self.over_page = False
        pending, self.pending_name, self.named_by_heading = self.pending_name, "", False
        named_so = not name or not pending or name in pending or pending in name  # 甲 (a title) and 甲项目
        self.project = Project(name=pending if pending and (not name or name in pending) else name, location=self._loc(block))
        if named_so and self.pending_budget is not None:
            self.project.budget = self.pending_budget
        if named_so and pending and self.pending_goal:
            self.project.goal = self.pending_goal
        self.pending_budget, self.pending_goal, self.budget_factor, self.long_from = None, "", None, None
        self.previous = None
        self.signed_off = False
        return self.project

    def _close_project(self) -> None:
        project = self.project
        self.project = None
        self.in_indicators = False
        if project is None:
            return
        if project.goal and not project.goals:
            project.goals = split_goals(project.goal)
        if any(read is project for read in self.doc.projects):
            return  # a flat table's project resumed after another's rows: already in its place
        if project.indicators or (project.budget is not None and project.name):
            self.doc.projects.append(project)
        elif project in (self.sheet_project, self.document_title) and project == Project(
            name=project.name, location=project.location
        ):
            pass  # a sheet's name or the document's title that nothing filled in (a title, a flat table opened another project)
        elif project.name:
            # 合  计 in a 项目名称 column (a procurement table's total): a total, no project whose table is missing
            total = _TOTAL_NAME.fullmatch(compact(project.name))
            reason = "没有指标的汇总行（单位或合计行）" if total else "项目名称之后没有读到指标表"
            self.doc.skipped.append(Skip(project.location or Location(self.doc.source), reason, project.name))

    # --- paragraphs -----------------------------------------------------------------------------

    def _paragraph(self, block: Paragraph) -> None:
        text = without_list_number(clean_title(block.text))
        if not text:
            return
        goal_goes_on, self.goal_open = self.goal_open, False
        self.header_fields = None
        self._money_unit(text)
        title = _TITLE.match(text) if len(text) <= _MAX_TITLE else None
        if self._open_project_goes_on(text):
            # 1.乡村道路养护（续）, or the form's title printed again over each page: the table goes on over a page
            self.over_page = self.in_indicators
            return
        if title:
            self.titles_read.add(compact(text))
        if title and self.layout == "wide":
            return  # a repeated page heading of a one-project-a-row table
        if title and self.layout == "flat" and self.header:
            # a flat table's rows name their projects: its page headings open none; a form table after it
            # is this title's project (see _set_header)
            self.pending_title = title.group("name").strip()
            return
        if title and len(title.group("name")) <= 60:
            name = title.group("name").strip()
            # the first title of the document, perhaps under a sheet's name (the workbook reader's line before each sheet)
            opened = self.project is None or self.project is self.sheet_project
            first = opened and not self.doc.projects and not self.doc.skipped
            project = self._open_project(name, block)
            self.document_title = project if first else None
            if title.group("gloss"):  # 甲项目绩效目标表（预算金额：85.6万元）
                project.budget = glossed_budget(title.group("gloss"), self.money_factor)
            self.pending_title = name
            self.layout = "form" if self.layout != "wide" else self.layout
            self.form_part = ""
            return
        if _page_mark().match(text):
            # 续表, 第 2 页: the table goes on over a page, if the next row goes on with its groups
            self.over_page = self.in_indicators
            return
        if not self._page_furniture(text):
            self.flat_header = None  # a heading between two flat tables (二、县司法局, 县司法局): a table of its own
        self.form_part = ""
        if self.layout in ("form", "flat"):
            self.in_indicators = False
        section = _SECTION.match(text)
        if section:
            self.section, self.section_goal = section.group("name").strip(), ""
            gloss = HEADING_GLOSS.search(self.section)
            amount = glossed_budget(gloss["gloss"], self.money_factor) if gloss else None
            if gloss and amount is not None:  # 1、农村公路日常养护经费（268万元）: the name, and its budget
                self.section = self.section[: gloss.start()].strip()
            labelled = self.pending_name and not self.named_by_heading  # 项目名称：… named the next project already
            if self.layout != "flat" and not labelled and heading_names_project(self.section) and not self._page_furniture(text):
                # 二、城乡医疗救助 right before a project's form or table names that project, unless 项目名称 names another
                self.pending_name, self.named_by_heading = self.section, True
                if amount is not None:
                    self.pending_budget = amount
            return
        key = text.replace(" ", "")
        if key.startswith(("绩效目标：", "绩效目标:")):  # a prose section's goal (绩效指标：… follows), or a form's
            self.section_goal = text.split("：", 1)[-1].split(":", 1)[-1].strip()
        if self._labelled_cell(text, block) or self._goal_paragraph(text) or key.startswith(("绩效目标：", "绩效目标:")):
            return
        if self._budget_sentence(text):
            return
        if key.startswith(("绩效指标：", "绩效指标:")):
            self._prose_project(block, text)
        if goal_goes_on and not _LABEL_OPENING.match(text) and len(text) >= 10 and not heading_field(text):
            # 年度绩效目标：对已建…， / 管护面积8.6万亩…
            self._add_to_goal(text)
            return
        if self.named_by_heading and not _LABEL_OPENING.match(text) and not speaks_of_the_project(text):
            # prose after the heading (not a label such as 绩效指标：, nor 本项目…): it heads a part of the text, not a table
            self.pending_name, self.named_by_heading = "", False

    def _open_project_goes_on(self, text: str) -> bool:
        """While the open project's table is read, a heading printed over a page of it: the form's title as read
        before, or one that names no project (项目支出绩效目标表, 县公安局2024年项目支出绩效目标表), or any form's title, or
        the open project's own heading, with a mark of going on (…目标表（续表）, 1.乡村道路养护（续）, 乡村道路养护(续表)).
        The table goes on over a page, as after 续表. Another project's heading still opens that project, and another
        project's form after such a title is opened by its 项目名称 row."""
        if self.project is None or not self.project.indicators:
            return False
        marked = continued_heading(text)
        heading = marked if marked is not None else text
        title = _TITLE.match(heading)
        if compact(heading) in self.titles_read or (title and (marked is not None or _names_no_project(title["name"]))):
            return True
        if marked is None:
            return False
        section = _SECTION.match(heading)
        names = {heading, section["name"] if section else "", title["name"] if title else ""}
        return compact(self.project.name) in {compact(name) for name in names if name}

    def _labelled_cell(self, text: str, block: Block) -> bool:
        """A form's labels and values written in one cell or paragraph (单位名称：某县民政局, 项目名称：…，预算金额：
        300万元): the unit is the document's; a name or a budget is the open project's while it has no
        indicators yet, else the next project's. False when the text is not all such labels."""
        used = False
        for label, value in _labelled_parts(text):
            key = _heading_key(label)
            if key in _unit_labels():
                used = self._unit_row([label, value]) or used
                continue
            budget = _amount_in_wan(value, label, self.money_factor) if _form_labels().get(key) == "budget" else None
            open_form = self.project is not None and not self.project.indicators and self.layout != "flat"
            if _form_labels().get(key) == "name":
                if open_form and self.project is not None:
                    self.project.name, self.sheet_project = value, None
                elif self._inside_form_table() and isinstance(block, Row) and value != self._open_name():
                    self._open_project(value, block)  # 项目名称：乙 on a row of its own in the table: the rows under it are 乙's
                    self.in_indicators = True
                else:
                    self.pending_name = self.pending_title = value
                used = True
            elif budget is not None:
                if open_form and self.project is not None:
                    self.project.budget = budget
                else:
                    self.pending_budget = budget
                used = True
            elif _form_labels().get(key) == "goal":
                used = self._goal_paragraph(f"{label}：{value}") or used
        return used

    def _in_form_table(self) -> bool:
        """Whether rows are being read into a project's indicator table (a form's, not a flat table whose rows name their
        projects)."""
        return self.in_indicators and self.header is not None and self.layout == "form" and self.project is not None

    def _inside_form_table(self) -> bool:
        """_in_form_table, and the project holds indicators already."""
        return self._in_form_table() and self.project is not None and bool(self.project.indicators)

    def _goal_paragraph(self, text: str) -> bool:
        """年度绩效目标：… written as a paragraph of a form whose name and budget are labelled lines too: the goal
        of the project open without indicators yet, or of the project 项目名称：… named next. False otherwise
        (绩效目标：… before 绩效指标：… prose is the prose section's goal)."""
        found = LABEL_AND_TEXT.match(text)
        if not found or _form_labels().get(_heading_key(found["label"])) != "goal":
            return False
        if self.project is not None and not self.project.indicators and self.layout != "flat":
            self.project.goal = found["text"].strip()
        elif self.pending_name:
            self.pending_goal = found["text"].strip()
        else:
            return False
        self.goal_open = True
        return True

    def _budget_sentence(self, text: str) -> bool:
        """该项目预算资金186万元，主要用于… under the heading that names the next project (or in the open project's form,
        before its indicators): that project's budget, unless a label gave one. False for any other paragraph."""
        amount = stated_budget(text)
        if amount is None:
            return False
        if self.project is not None and not self.project.indicators and self.layout != "flat":
            if self.project.budget is None:
                self.project.budget = amount
        elif self.pending_name:
            if self.pending_budget is None:
                self.pending_budget = amount
        else:
            return False
        return True

    def _add_to_goal(self, text: str) -> None:
        if self.project is not None and not self.project.indicators and self.layout != "flat":
            self.project.goal += text
        else:
            self.pending_goal += text
        self.goal_open = True

    def _unit_row(self, cells: list[str]) -> bool:
        """主管部门 | 某县委组织部 | 实施单位 | 某县委党校: the unit is named by its most specific label (a name, not a
        heading: 单位名称 | 单位性质 heads a table of units); a code before the name or （本级） after it is no part.
        Whether the row names a unit (a row that does not is read as before)."""
        named = False
        self.other_since_rows = True
        for index, cell in enumerate(cells):
            rank = _unit_labels().get(_heading_key(cell))
            value = next((c.strip() for c in cells[index + 1 :] if c.strip()), "") if rank is not None else ""
            name = _UNIT_CODE.sub("", _OWN_LEVEL.sub("", value)).strip()
            if rank is not None and _names_a_unit(name):
                named = True
                if rank < self.unit_rank:
                    self.doc.unit, self.unit_rank = name, rank
        return named

    def _prose_project(self, block: Paragraph, text: str) -> None:
        body = re.split(r"[:：]", text, maxsplit=1)[1]
        name = f"部门整体-{self.section}" if self.section else "部门整体"
        project = Project(name=name, goal=self.section_goal, department_level=True, location=self._loc(block))
        project.goals = split_goals(self.section_goal)
        for name, value in parse_prose_indicators(body):
            if not value:  # 档案工作水平显著提升: a target said in words at the end of the item
                name, value = split_trailing_target(name)
            if not value:
                self.doc.skipped.append(Skip(self._loc(block), "文字指标没有指标值", name))
                continue
            project.indicators.append(Indicator("", "", name, "", value, "", self._loc(block)))
        if project.indicators:
            previous = self.project
            self.project = None
            self.doc.projects.append(project)
            self.project = previous
        self.section = ""

    # --- rows -----------------------------------------------------------------------------------

    def _row(self, block: Row) -> None:
        filled = block.filled()
        if not filled:
            return
        if block.sheet is not None and _heading_key(block.sheet) in _note_sheet_names():
            if not _is_sheet_title(block):  # a workbook's 说明 sheet: its text tells of the export, no indicator
                self.doc.skipped.append(Skip(self._loc(block), "工作簿的说明页，不是指标表", " | ".join(filled)[:200]))
            return
        self.goal_open = False
        if len(set(filled)) == 1 and (LONG_TABLE.search(_heading_key(filled[0])) or _heading_key(filled[0]) == "年度绩效指标"):
            self.table_heading = filled[0]  # a merged row above the header: which years the table's targets are for
            return
        over_page, self.over_page = self.over_page, False  # this is the first row after a page mark
        if self.layout == "flat" and len(set(filled)) == 1 and not self._page_furniture(filled[0]):
            self.flat_header = None  # a row of one text between two flat tables (二、某县司法局): a table of its own
        for cell in filled:
            self._money_unit(cell)
        inside = self.in_indicators or (self.layout == "flat" and self.header is not None)
        if inside and len(set(filled)) == 1 and _printed_on_each_page(filled[0]):
            # 续表, 第 2 页, 单位：万元 on a row of its own (merged across) inside an indicator table: a page's mark
            self.over_page = self.in_indicators
            return
        titled = [cell for cell in filled if not _MONEY_NOTE.match(cell)]  # 甲项目绩效目标表 | 单位：万元
        if len(titled) == 1 and len(titled[0]) <= _MAX_TITLE and _TITLE.match(clean_title(titled[0])):
            self._paragraph(Paragraph(titled[0], block.line))
            self.sheet_project = self.project if _is_sheet_title(block) else self.sheet_project
            return
        fields = [heading_field(c) for c in block.cells]
        upper, self.header_fields = self.header_fields, None
        if upper is not None and second_header_line(upper, fields, block.cells):
            merged = merged_header(upper, fields)
            if self._is_header(merged):
                self._set_header(merged, block)
                return
        if self._is_header(fields):
            self._set_header(fields, block)
            return
        if all(fields[index] for index, cell in enumerate(block.cells) if cell.strip()) and len(filled) >= 2:
            self.header_fields = fields  # headings only, no header alone: perhaps the first of two lines
        if self.layout == "wide" and self.header:
            self._wide_row(block)
            return
        if self.header and self._closing_row(block, filled[0]):
            return
        first_key = _heading_key(filled[0])
        if self.layout == "flat" and self.header and (_form_labels().get(first_key) or first_key in _unit_labels()):
            self._close_project()  # 项目名称 | 丁项目 after a flat table: a form follows it
            self.header, self.layout = None, ""
        if self.layout == "flat" and self.header:
            self._flat_row(block)
            return
        if self.form_part == "columns" and self._under_column_labels(block.cells):
            return  # | 136 | 64 under 项目资金（万元） | 中期资金总额 | 年度资金总额: the year's figure, not a unit's code
        if _UNIT_ROW.match(filled[0]) and len(filled) <= 3:
            self._skip(block, self._code_row_reason(filled))
            return
        if all(_LABELLED.match(cell.strip()) for cell in filled) and self._labelled_cell("，".join(filled), block):
            return  # 单位名称：某县民政局 | 单位：万元
        if len(filled) == 1 and self._goal_paragraph(filled[0]):
            return  # 年度目标：… on a row of its own, under the project's name
        named = project_row(filled[0], self.money_factor) if len(set(filled)) == 1 and self._in_form_table() else None
        if named and self.project is not None:
            # 2. 乙项目, 乙经费（48万元） on a row of its own in the table: 乙's rows follow (the first names the project the
            # sheet opened)
            name, budget = named
            if self.project.indicators:
                opened = self._open_project(name, block)
                opened.budget = opened.budget if budget is None else budget
                self.in_indicators = True
                return
            if self.project is self.sheet_project or not self.project.name or _names_no_project(self.project.name):
                # the sheet's, or one a title named by its unit and year (县民政局2025年项目支出绩效目标表)
                self.project.name, self.sheet_project = name, None
                self.project.budget = self.project.budget if budget is None else budget
                return
        if _heading_key(filled[0]) in _unit_labels() and self._unit_row(block.cells):
            self._budget_later_in_row(block)
            return
        # | | 项目总预算 | ≤630万元: a cost row, its first cell left blank where the header's first heading is (a text
        # export whose every line starts with a tab leaves every row's first cell blank, the header's too)
        header = self.header if self.in_indicators else None
        in_a_row = header is not None and bool(header) and _first_filled(block.cells) > min(header.values())
        label = None if in_a_row else _form_labels().get(_heading_key(filled[0]))
        if label:
            self._form_row(label, block)
            return
        if self.project is not None and _MULTI_YEAR_LABEL.match(_heading_key(filled[0])) and "年度" not in "".join(filled):
            self.multi_year.append(self.project)  # 实施期资金总额 | 540.00: this form is for the whole period
        if over_page and self.in_indicators and not self._goes_on_over_page(block):
            self.in_indicators = False  # after a page mark, another table (测算明细, 资金来源) or a caption
        if self.in_indicators and self.header:
            self._indicator_or_pending(block)
            return
        if _heading_key(filled[0]).startswith("单位") and len(filled) == 1:
            self._skip(block, "计量单位说明行")
            return
        self._form_continuation(block)

    def _code_row_reason(self, filled: list[str]) -> str:
        """Why a short row opening with three figures or more is left out: a unit's code and name (101001某县民政局本级),
        or, when its first cell is a figure with its unit and nothing else (a lone 100% under 资金支出计划), a lone
        number; a figure beside other text is a row the form does not know."""
        if not is_figure(filled[0]):
            return "单位编码和名称行"
        if all(is_figure(cell) for cell in filled):
            return "表头词或单独的数字，不是指标"
        return "项目表单中无法识别的行" if self.project is not None else "不属于任何项目的表格行"

    def _closing_row(self, block: Row, first: str) -> bool:
        """A total, a note or a sign-off row under the table, or a row under a form's sign-off: skipped (see
        lexicons/indicator_grammar.yaml, signoff_labels). A total with a target in the value cell (合计 |
        ≤70万元) is an indicator, except in a flat table's project column. A new header, project or unit opens
        the table again."""
        assert self.header is not None
        filled = block.filled()
        merged = len(filled) > 1 and len(set(filled)) == 1  # a note written over the whole row
        value_index = self.header.get("value")
        value = block.cells[value_index] if value_index is not None and value_index < len(block.cells) else ""
        first_index = next(index for index, cell in enumerate(block.cells) if cell.strip())
        names_project = self.layout == "flat" and first_index == self.header.get("project")
        closing = is_closing_row(first, value, names_project, merged)
        if closing is None and not names_project and total_without_target(first, _compose_value(self._map_cells(block.cells))):
            closing = Closing(first, "total")  # 合计人数 | 1200: a total that names its measure and states no target
        if closing is not None:
            self._flush_pending()
            self._skip(block, "表尾的合计、说明或签名行")
            self.flat_header = None  # a flat table's total or sign-off: a header after it opens another table
            # a form's sign-off closes its indicator table; each row of a flat table names its project
            self.signed_off = self.signed_off or (closing.kind == "sign-off" and self.in_indicators)
            return True
        if not self.signed_off:
            return False
        key = _heading_key(first)
        if _form_labels().get(key):
            self.signed_off = False
            return False
        if key in _unit_labels() and not _SEALED.search(" ".join(block.filled())):
            return False  # a unit's row is read; 主管部门（盖章） under a sign-off is a seal's place, no unit
        self._skip(block, "表尾签名或说明之后的内容")
        return True

    def _page_furniture(self, text: str) -> bool:
        """A paragraph a printed table repeats on each page: a page mark, 单位：万元, a date line, or the label of
        the document's own unit (编制单位：某县民政局); not a heading or another unit's name."""
        if _page_mark().match(text) or _MONEY_NOTE.match(text) or _DATE_LINE.match(text):
            return True
        unit = _UNIT_LINE.match(text)
        return unit is not None and bool(self.doc.unit) and unit.group("unit").strip() == self.doc.unit

    def _goes_on_over_page(self, block: Row) -> bool:
        """Whether the first row after a page mark (续表, 第 2 页) goes on with the indicator table: it names an
        indicator and gives its value, and its group cells are empty (merged over the page) or name indicator
        groups (产出指标, 社会效益指标); in a table of names and values only, its value is a target. Not another
        table's headings or rows (支出内容 | 金额, 资金来源 | 财政拨款, 第一季度 | …, 项目单位（盖章）) nor a caption."""
        assert self.header is not None
        if _is_heading_row(block):
            return False

        def cell(field: str) -> str:
            index = self.header.get(field) if self.header else None
            return block.cells[index].strip() if index is not None and index < len(block.cells) else ""

        if not cell("level3") or not cell("value"):
            return False
        groups = [cell(field) for field in ("level1", "level2") if field in self.header]
        if any(groups):
            return all(not group or _opens_indicator_group(group) for group in groups)
        # no group named (merged over the page, or a table of names and values): a comparison or a share, as a
        # cost list's amounts, a schedule or an opinion are not
        return compares(cell("value"))

    def _indicator_or_pending(self, block: Row) -> None:
        """Join a row that a blank line split in two: a short row without a value, then its rest."""
        if self.pending_row is not None:
            pending, self.pending_row = self.pending_row, None
            if len(pending.cells) + len(block.cells) <= self.header_width + 1:
                joined = Row(
                    cells=pending.cells + block.cells,
                    line=pending.line,
                    table=pending.table,
                    row=pending.row,
                    sheet=pending.sheet,
                )
                self._indicator_row(joined, self.project)
                return
            self._indicator_row(pending, self.project)
        assert self.header is not None
        value_index = self.header.get("value")
        if value_index is not None and len(block.cells) <= value_index and len(block.filled()) >= 2:
            self.pending_row = block
            return
        self._indicator_row(block, self.project)

    def _flush_pending(self) -> None:
        if self.pending_row is not None:
            pending, self.pending_row = self.pending_row, None
            self._indicator_row(pending, self.project)

    def _is_header(self, fields: list[str | None]) -> bool:
        present = {f for f in fields if f}
        if "level3" in present and ("value" in present or "level1" in present):
            return True
        if "level1" in present and "value" in present:
            return True
        if "indicators" in present and ({"project", "budget"} & present) and "level3" not in present:
            return True
        return "project" in present and "value" in present

    def _set_header(self, fields: list[str | None], block: Row) -> None:
        header = {}
        for index, field in enumerate(with_name_column(fields)):
            if field and field not in header:
                header[field] = index
        self.header = header
        at = header.get("project")
        self.unit_and_project = (
            at is not None
            and at + 1 < len(block.cells)
            and not block.cells[at + 1].strip()
            and at + 1 not in header.values()
            and bool(_UNIT_AND_PROJECT.search(_heading_key(block.cells[at])))
        )
        if "budget" in header and header["budget"] < len(block.cells):  # 预算数（元）: the figures under it are in 元
            glossed = glossed_money_unit(block.cells[header["budget"]])
            if glossed in WAN_FACTORS:
                self.money_factor = WAN_FACTORS[glossed]
        self.header_width = len(fields)
        self.signed_off = False
        self.over_page = False
        self.header_fields = fields
        if "indicators" in header and "level3" not in header and "value" not in header:
            self.layout = "wide"
            self._close_project()
        elif "project" in header:
            # a page's repeated header inside a flat table (a PDF's pages, a printed export) goes on with the
            # project of the row above; another header, sheet or title starts a table of its own
            this_table = (tuple(fields), block.sheet, self.pending_title)
            resumed = self.layout == "flat" and self.flat_header == this_table
            project = self.project
            if project is not None and project == Project(
                name=self.pending_title, location=project.location, budget=project.budget
            ):
                # opened by the title above and given nothing (a unit's total at most: 单位名称 | 甲 | 年度预算 | 300): the
                # table's title, not a project
                self.project = None
            if not resumed:
                self._close_project()
                self.flat_projects = {}  # a table of its own: its projects are not the earlier table's
            self.flat_resumed = resumed
            self.layout, self.flat_header = "flat", this_table
        else:
            if self.layout == "flat":
                self._close_project()  # a form table after a flat one is a project of its own
            self.layout = "form"
            opened = False
            if self._named_again():
                self.pending_name, self.pending_budget, self.pending_goal = "", None, ""
            elif self.project is None or (self.pending_name and self.project.indicators):
                # 项目名称：… after a project's table: the table under it is the named project's
                name = self.pending_name or self.pending_title or (block.sheet or "")
                self._open_project(name, block)
                opened = True
            self.in_indicators = True
            self.form_part = ""
            if opened:  # under a header repeated over a page, blank group cells are merged ones going on
                self.previous = None
            named = [c for c, f in zip(block.cells, fields, strict=False) if f in (None, "indicators")]
            self._table_of_years(" ".join([self.table_heading, *named]))
            self.table_heading = ""

    def _open_name(self) -> str | None:
        """The name of the project being read, once it has rows and nothing but them was read since (None otherwise:
        单位：乙 then 项目名称：甲 again is 乙's 甲)."""
        if self.project is None or not self.project.indicators or self.other_since_rows:
            return None
        return self.project.name

    def _names_the_open_project(self, name: str) -> bool:
        """A form's 项目名称 naming the open project, whose rows are read, again, as written or marked as going on (甲（续）)."""
        open_name = self._open_name()
        if not open_name:
            return False
        return compact(continued_heading(name) or name) == compact(open_name)

    def _named_again(self) -> bool:
        """项目名称：甲 again above an indicator header, right under 甲's own rows, with no other budget or goal: the
        head of a form repeated on each printed page, not a second project of the same name."""
        project = self.project
        return (
            project is not None
            and self.pending_name == self._open_name()
            and self.pending_budget in (None, project.budget)
            and self.pending_goal in ("", project.goal)
        )

    def _table_of_years(self, before: str) -> None:
        if self.project is not None:
            self.long_from = years_of_table(self.project, self.long_from, _heading_key(before), self.doc.skipped)

    # --- form layout ----------------------------------------------------------------------------

    def _value_after(self, cells: list[str], label_keys: tuple[str, ...]) -> str:
        for index, cell in enumerate(cells):
            if _heading_key(cell).startswith(label_keys):
                for later in cells[index + 1 :]:
                    if later.strip() and not _form_labels().get(_heading_key(later)):
                        return later.strip()
                return ""
        return ""

    def _name_after(self, cells: list[str]) -> str:
        """The project's name after its label; a year alone there is the name's start when a name follows it in the
        next cell (项目名称 | 2025年 | 城区绿化养护项目: 2025年城区绿化养护项目), as a web page's or an export's cells
        split it."""
        name = self._value_after(cells, _name_labels())
        if not YEAR_ONLY.fullmatch(name):
            return name
        filled = [cell.strip() for cell in cells if cell.strip()]
        after = filled[filled.index(name) + 1] if filled.index(name) + 1 < len(filled) else ""
        label = _form_labels().get(_heading_key(after)) or _heading_key(after) in _unit_labels()
        if re.match(r"[\u4e00-\u9fff]", after) and not label:
            return name + after  # not 项目名称 | 2025年 | 主管部门 | 县卫生健康局: the name is 2025年, as written
        return name

    def _unit_after(self, cells: list[str], label_keys: tuple[str, ...]) -> str:
        """The unit of money written alone in the cell after the label's value (预算金额 | 80000 | 元: 元), or ""."""
        for index, cell in enumerate(cells):
            if _heading_key(cell).startswith(label_keys):
                filled = [later for later in cells[index + 1 :] if later.strip()]
                return money_unit_cell(filled[1]) if len(filled) > 1 else ""
        return ""

    def _factor_after(self, cells: list[str], label_keys: tuple[str, ...]) -> float:
        """What a bare figure after the label is multiplied by to be 万元: its own unit cell's, else the unit the label
        glosses (预算数（元）), else the unit the row's first cell or the budget block's label glosses (项目资金（元） |
        年度资金总额 | 1,250,000.00), else the form's."""
        unit = (
            self._unit_after(cells, label_keys)
            or next((glossed_money_unit(cell) for cell in cells if _heading_key(cell).startswith(label_keys)), "")
            or (glossed_money_unit(cells[0]) if cells else "")
        )
        if unit in WAN_FACTORS:
            return WAN_FACTORS[unit]
        return self.money_factor if self.budget_factor is None else self.budget_factor

    def _column_labels(self, label: str, cells: list[str]) -> bool:
        """A budget or goal row whose cells after the first are column labels (项目资金 | 中期资金总额 | 年度资金总额; 总体目标 |
        中期目标（2024-2026年） | 年度目标): their figures or texts are on the next row. Kept as the position of the year's
        column among the row's cells (year_column), or none when every column is a whole period's (the goal is then
        said under a label of its own); True when the row is such labels."""
        labels = [cell for cell in cells[1:] if cell.strip()]
        if label == "goal":
            are_labels = bool(labels) and all(is_goal_label(cell) for cell in labels)
        else:  # the budget's labels, and beside them the parts of it by where the money comes from (其中：财政拨款 | 其他资金)
            totals = [cell for cell in labels if _form_labels().get(_heading_key(cell)) == "budget" or is_multi_year_label(cell)]
            are_labels = (
                len(labels) >= 2
                and bool(totals)
                and all(
                    not re.search(r"\d", cell) and (cell in totals or _heading_key(cell) in _fund_part_labels())
                    for cell in labels
                )
            )
        if not are_labels:
            return False
        glossed = next((unit for unit in map(glossed_money_unit, cells) if unit in WAN_FACTORS), "")
        if label == "budget" and glossed:  # 项目资金（元） | 中期资金总额 | 年度资金总额: the figures under it are 元
            self.budget_factor = WAN_FACTORS[glossed]
        if label == "goal":
            column = year_column(labels)
        else:  # the year's total: neither a whole period's nor a part's
            column = next((n for n, cell in enumerate(labels) if cell in totals and not is_multi_year_label(cell)), None)
        positions = [index for index, cell in enumerate(cells) if index and cell.strip()]
        self.form_columns = (label, positions[column]) if column is not None else None
        self.form_part = "columns" if self.form_columns else ""
        return True

    def _under_column_labels(self, cells: list[str]) -> bool:
        """The row under a row of column labels (_column_labels): the budget or goal is its cell under the year's label.
        True when the row was read so."""
        columns, self.form_columns = self.form_columns, None
        if columns is None or self.project is None or len(cells) < 2:
            return False
        part, column = columns
        filled = [cell for cell in cells if cell.strip()]
        if part == "budget" and filled and all(money_unit_cell(cell) for cell in filled):
            self.form_columns = columns  # （万元） on a row between the labels and their figures: the figures' unit
            self.budget_factor = WAN_FACTORS[money_unit_cell(filled[0])]
            return True
        if column >= len(cells) or not cells[column].strip():
            return False
        under = cells[column].strip()
        if part == "goal":
            self.project.goal = under
            self.form_part = ""
            return True
        amount = _to_number(under)
        if amount is None or not self._budget_figures_row(cells[0]):
            return False  # 灯具采购 | 60 | 60 | 0: an item of the money's breakdown, not the budget
        if self.project.indicators and not self.pending_name:
            return False  # a 资金来源 table after the indicators: no project's budget
        amount = round(amount * (self.budget_factor or self.money_factor), 6)
        if self.project.indicators:  # under the head of a form named again: the next project's, or the same (_named_again)
            self.pending_budget = amount
        else:
            self.project.budget = amount
        self.form_part = "purpose"
        return True

    @staticmethod
    def _budget_figures_row(first: str) -> bool:
        """Whether a row under a budget's column labels, opening with `first`, is the budget's figures: its first cell empty,
        a unit of money, the budget's label again, a part of it by source (其中：财政拨款 | 90 | 30, when no total row comes
        first) or a total (合计), not an item of a breakdown (灯具采购 | 60)."""
        first = first.strip()
        key = _heading_key(first)
        labelled = _form_labels().get(key) == "budget" or key in _fund_part_labels()
        return not first or bool(money_unit_cell(first)) or labelled or bool(_SUM_OPENING.match(key))

    def _form_row(self, label: str, block: Row) -> None:
        cells = block.cells
        was_in_indicators, self.in_indicators = self.in_indicators, False
        if self.form_part == "columns" and label in ("budget", "goal") and self._under_column_labels(cells):
            return  # 项目资金（万元） | 136 | 64 under 项目资金（万元） | 中期资金总额 | 年度资金总额: the year's figure
        if label in ("budget", "goal") and self._column_labels(label, cells):
            return
        if label == "name" and heads_amounts_by_year(cells):
            self.in_indicators = was_in_indicators
            self._skip(block, "按年度列金额的表头，不是项目名称")
            return
        if label in ("code", "name"):
            name = self._name_after(cells)
            code = self._value_after(cells, ("项目编码", "项目代码"))
            if name and not code and self._names_the_open_project(name):
                # 项目名称 | 甲 (甲（续）) under 甲's rows: the form's head printed again on the next page, unless another
                # budget or goal follows it (_named_again, when the indicator header is read); rows going on with
                # the groups right under it are 甲's, as after a page mark
                self.pending_name, self.form_part = self._open_name() or name, label
                self.in_indicators = self.over_page = was_in_indicators
                self._budget_later_in_row(block, repeated=True)
                return
            if self.project is None or self.project.indicators or (self.project.code and code):
                self._open_project(name or self.pending_title, block)
            assert self.project is not None
            if name:
                self.project.name, self.sheet_project = name, None
            if code:
                self.project.code = code
            self.form_part = label
            self._budget_later_in_row(block)
            return
        if self.project is None:
            self._open_project(self.pending_title, block)
        assert self.project is not None
        total_keys, other_keys = ("预算数", "年度资金总额", "资金总额"), ("其他资金",)
        fiscal_keys = ("其中财政资金", "财政资金", "其中:财政资金")
        own_key = (_heading_key(cells[0]),) if cells else ()
        own_written = self._value_after(cells, own_key) + self._unit_after(cells, own_key)  # 预算金额 | 80000 | 元
        if label == "budget" and self.project.indicators:  # after a project's indicators: the next project's
            amount = _to_number(self._value_after(cells, total_keys))
            pending = (
                round(amount * self._factor_after(cells, total_keys), 6)
                if amount is not None
                else _amount_in_wan(own_written, cells[0], self.money_factor)
            )
            if pending is not None or self.pending_budget is None:  # 其中：本年财政拨款 under 年度资金总额 is a part
                self.pending_budget = pending
            self.form_part = "purpose"
            return
        if label == "budget" and self.project.budget is not None and cells and is_multi_year_label(cells[0]):
            return  # 当年预算 | 260, then 项目总预算 | 780: the whole period's money does not replace the year's
        if label == "budget":
            glossed = glossed_money_unit(cells[0]) if cells else ""
            if glossed in WAN_FACTORS:  # 项目资金（元） heading a block of budget rows: their figures are 元
                self.budget_factor = WAN_FACTORS[glossed]
            budget = _to_number(self._value_after(cells, total_keys))
            if budget is None and cells:  # 项目资金（万元） | 20: the amount right after the label itself
                amount = _amount_in_wan(own_written, cells[0], self.money_factor)
                if amount is None:  # 项目资金 | 资金总额：126.5万元，其中财政拨款126.5万元
                    amount = self._labelled_amount(cells[1:])
                if amount is not None:
                    self.project.budget = amount
            fiscal = _to_number(self._value_after(cells, fiscal_keys))
            other = _to_number(self._value_after(cells, other_keys))
            if budget is not None:
                self.project.budget = round(budget * self._factor_after(cells, total_keys), 6)
            if fiscal is not None:
                self.project.fiscal_funds = round(fiscal * self._factor_after(cells, fiscal_keys), 6)
            if other is not None:
                self.project.other_funds = round(other * self._factor_after(cells, other_keys), 6)
            year = self._year_amount_after_period(cells)
            if year is not None:
                self.project.budget = year
            self.form_part = "purpose"
        elif label == "schedule":
            self.schedule_columns = [(i, c.strip()) for i, c in enumerate(cells) if i and c.strip()]
            self.project.schedule = [(deadline, None) for _, deadline in self.schedule_columns]
            self.form_part = "schedule"
        elif label == "goal" and self.project.indicators:  # after a project's indicators: the next project's
            self.pending_goal = _goal_of_row(cells[1:])
        elif label == "goal":
            self.project.goal = _goal_of_row(cells[1:])
            self.form_part = "goal"

    def _year_amount_after_period(self, cells: list[str]) -> float | None:
        """项目总预算（万元） | 780 | 项目当年预算（万元） | 260: the year's amount, where a row opening with a whole period's
        money (is_multi_year_label) gives the year's after it under a budget label of its own; None otherwise."""
        if not cells or not is_multi_year_label(cells[0]):
            return None
        for index, cell in enumerate(cells[1:], start=1):
            label_key = _heading_key(cell)
            if _form_labels().get(label_key) == "budget" and not is_multi_year_label(cell):
                after = cells[index:]
                written = self._value_after(after, (label_key,)) + self._unit_after(after, (label_key,))
                return _amount_in_wan(written, cell, self.money_factor)
        return None

    def _labelled_amount(self, cells: list[str]) -> float | None:
        """The first amount a budget label gives inside a cell (资金总额：126.5万元，其中财政拨款126.5万元), in 万元."""
        for cell in cells:
            for segment in re.split(r"[，；;]|,(?!\d{3})", cell):
                found = _LABELLED.match(segment.strip())
                if found and _form_labels().get(_heading_key(found["label"])) == "budget":
                    amount = _amount_in_wan(found["value"].strip(), found["label"], self.money_factor)
                    if amount is not None:
                        return amount
        return None

    def _form_continuation(self, block: Row) -> None:
        project = self.project
        filled = block.filled()
        if project is None:
            self._skip(block, "不属于任何项目的表格行")
            return
        if self.form_part == "columns":
            if self._under_column_labels(block.cells):
                return
            self.form_part = ""
        if self.form_part == "purpose":
            project.purpose = " ".join(filled)
            self.form_part = ""
        elif self.form_part == "schedule":
            cells = block.cells
            project.schedule = [
                (deadline, _to_number(cells[i]) if i < len(cells) and cells[i].strip() else None)
                for i, deadline in self.schedule_columns
            ]
            self.form_part = ""
        elif self.form_part == "goal":
            project.goal = (project.goal + " " + _goal_of_row(filled)).strip()
        else:
            at = self._budget_later_in_row(block)
            unread = (
                block
                if at is None
                else Row(cells=block.cells[:at], line=block.line, table=block.table, row=block.row, sheet=block.sheet)
            )
            self._skip(unread, "项目表单中无法识别的行")  # 项目负责人 | 张三 before 项目资金 | 80: the pair before the budget

    def _budget_later_in_row(self, block: Row, repeated: bool = False) -> int | None:
        """A form's head row of two labels and their values whose second label is the budget's (项目名称 | 甲 |
        预算金额 | 80, 主管部门 | 某县民政局 | 项目资金（万元） | 80, 项目类型 | 部门预算 | 预算金额 | 80): the budget is read
        from there on, as from a row of its own. Where the budget's label is (None: the row has none, or no figure
        after it). Only in the head of a project's form that has given no budget yet (a sub-item's or a source's
        amount, 明细项目 | 甲 | 预算金额 | 30 under the budget or after the indicators, is no budget), or, `repeated`, in its
        head printed again on the next page, where it is compared with the budget given (_named_again)."""
        project = self.project
        if project is None or project is self.sheet_project:
            return None  # no project's form yet (a unit's total above its table), or only the sheet's name
        if not repeated and (project.indicators or project.budget is not None):
            return None
        cells = block.cells
        for index in range(2, len(cells) - 1):
            if _form_labels().get(_heading_key(cells[index])) == "budget" and _NUMBER.search(cells[index + 1]):
                rest = Row(cells=cells[index:], line=block.line, table=block.table, row=block.row, sheet=block.sheet)
                self._form_row("budget", rest)
                return index
        return None

    # --- indicator rows -------------------------------------------------------------------------

    def _map_cells(self, cells: list[str]) -> dict[str, str]:
        assert self.header is not None
        header = self.header
        width = self.header_width
        if len(cells) != width and "value" in header:
            split = header["value"]
            right = width - split
            left_cells = cells[:split] if len(cells) >= split + right else cells[: max(len(cells) - right, 0)]
            middle = cells[len(left_cells) : len(cells) - right]
            right_cells = cells[len(cells) - right :] if len(cells) >= right else cells
            extra = " ".join(c for c in middle if c.strip())
            cells = left_cells + [""] * (split - len(left_cells)) + right_cells
            if extra and "description" in header:
                cells[header["description"]] = (cells[header["description"]] + " " + extra).strip()
        return {field: (cells[index].strip() if index < len(cells) else "") for field, index in header.items()}

    def _indicator_row(self, block: Row, project: Project | None) -> None:
        if project is None:
            self._skip(block, "不属于任何项目的指标行")
            return
        mapped = self._map_cells(block.cells)
        level1 = mapped.get("level1", "")
        level2 = mapped.get("level2", "")
        level3 = without_slot_number(mapped.get("level3", ""))
        description = mapped.get("description", "")
        value = _compose_value(mapped)
        previous = self.previous if self.previous is not None and project.indicators else None
        if previous is not None:
            level1 = level1 or previous.level1
            if not level2 and not mapped.get("level1", ""):
                level2 = previous.level2
            if not level3 and description and value and level2 == previous.level2:
                level3 = previous.level3
        if not (level3 or value or description):
            self._skip(block, "既无指标名称也无指标值的行")
            return
        indicator = Indicator(
            level1=level1,
            level2=level2,
            level3=level3,
            description=description,
            value=value,
            basis=mapped.get("basis", ""),
            location=self._loc(block),
            extra={field: mapped[field] for field in REPORTED_FIELDS if mapped.get(field)},
        )
        self.other_since_rows = False
        project.indicators.append(indicator)
        self.previous = indicator

    def _flat_row(self, block: Row) -> None:
        assert self.header is not None
        mapped = self._map_cells(block.cells)
        name = mapped.get("project", "")
        unit = _UNIT_CODE.sub("", mapped.get("department", "")).strip()  # 101001 县民政局 is 县民政局
        beside = self._beside_unit_and_project(block.cells)
        if beside is not None:
            if name and not beside and not (mapped.get("level3") or mapped.get("value")):
                self.flat_unit = name  # 某县林业局 on a row of its own above its projects' rows
                self._skip(block, "没有指标的汇总行（单位或合计行）")
                return
            name = name or beside
        if name and _TOTAL_NAME.fullmatch(compact(name)) and not (mapped.get("level3") or mapped.get("value")):
            self._skip(block, "没有指标的汇总行（单位或合计行）")  # 统计合计 | 200, 教育局小计 | 200: a total, no project
            return
        if not name and self.project is not None:
            name = self.project.name
        figure = _to_number(mapped["budget"]) if mapped.get("budget") else None
        budget = None if figure is None else round(figure * self.money_factor, 6)
        resumed, self.flat_resumed = self.flat_resumed, False
        if self.project is None or name != self.project.name or (resumed and self._another_over_page(unit, budget)):
            earlier = self.flat_projects.get((unit or self.flat_unit, name))
            if earlier is not None and earlier is not self.project and budget in (None, earlier.budget):
                self._close_project()  # 甲's rows, then 乙's, then 甲's again: an export sorted by another column
                self.project = earlier
            else:
                self._open_project(name, block)
        self.flat_unit = unit or self.flat_unit
        if unit and unit not in self.column_units:
            self._unit_of_the_column(unit)
        assert self.project is not None
        self.flat_projects.setdefault((self.flat_unit, name), self.project)
        if budget is not None and self.project.budget is None:
            self.project.budget = budget
        if mapped.get("code"):
            self.project.code = mapped["code"]
        if mapped.get("goal") and not self.project.goal:
            self.project.goal = mapped["goal"]
        self._indicator_row(block, self.project)

    def _unit_of_the_column(self, unit: str) -> None:
        """A 单位名称 column naming one unit on every row names the document's unit, where no title named one; a second
        unit takes it back (the table is of several units)."""
        first = not self.column_units
        self.column_units.add(unit)
        if first and not self.doc.unit:
            self.doc.unit = unit
        elif not first and self.doc.unit in self.column_units:
            self.doc.unit = ""

    def _beside_unit_and_project(self, cells: list[str]) -> str | None:
        """Under 单位名称、项目名称 heading two columns (a budget system's export: a unit on a row of its own in the first,
        its projects in the second under no heading of its own), the second column's cell; None under any other header."""
        if not self.unit_and_project or self.header is None:
            return None
        at = self.header["project"] + 1
        return cells[at].strip() if at < len(cells) else ""

    def _another_over_page(self, unit: str, budget: float | None) -> bool:
        """Under a page's repeated header, whether the open project's name names another project: of another unit
        (县民政局, then 县司法局 | 运转经费) or with another budget."""
        assert self.project is not None
        other_unit = bool(unit and self.flat_unit and unit != self.flat_unit)
        return other_unit or (budget is not None and self.project.budget is not None and budget != self.project.budget)

    def _wide_row(self, block: Row) -> None:
        assert self.header is not None
        cells = block.cells
        if len(cells) < self.header_width and cells and not cells[0].strip():
            cells = cells + [""] * (self.header_width - len(cells))
        mapped = {f: (cells[i].strip() if i < len(cells) else "") for f, i in self.header.items()}
        blob = mapped.get("indicators", "")
        name = re.sub(r"\s+", " ", strip_markup(mapped.get("project", ""))).strip()
        if not blob:
            if name:
                self._skip(block, "没有指标的汇总行（单位或合计行）")
            return
        project = self._open_project(name, block)
        budget = _to_number(mapped.get("budget", ""))
        project.budget = None if budget is None else round(budget * self.money_factor, 6)
        project.code = mapped.get("code", "")
        project.goal = re.sub(r"\s+", " ", strip_markup(mapped.get("goal", ""))).strip()
        project.goals = split_goals(project.goal)
        for item in parse_indicator_list(blob):
            project.indicators.append(Indicator(item.level1, item.level2, item.name, "", item.value, "", self._loc(block)))
        self._close_project()

    # --- document facts -------------------------------------------------------------------------

    def _money_unit(self, text: str) -> None:
        match = re.search(r"单位[:：]\s*(万元|元|亿元|千元)", text.replace(" ", ""))
        if match:
            self.money_factor = WAN_FACTORS[match.group(1)]

    def _guess_year_and_unit(self, blocks: list[Block]) -> None:
        """The year from the first text that names one; the unit, unless the form names it (单位名称 …), from
        a unit code row (101001 某单位), else a title (某单位2024年…), else a first line that is a body's name."""
        head = blocks[:400]
        texts = [b.text if isinstance(b, Paragraph) else " ".join(b.filled()) for b in head]
        self.doc.year = document_year(texts, self.doc.source) or self.doc.year
        self.doc.year_stated = stated_year(texts) is not None or self.doc.year_stated
        if self.unit_rank < len(_UNIT_RANKS):
            return
        from_row = from_title = ""
        for text in texts:
            match = re.match(r"^\d{3,}(?!\d|年)\s*(\S{3,40}?)(?:本级)?(?:\s|$)", text)
            if match and is_organ_name(match.group(1)):  # not 12315投诉举报处置经费, a project named after a hotline
                from_row = match.group(1)
                break
        for text in texts:
            match = re.match(r"^#*\s*([^\s《》“”，,。、：:]{3,40}?)(?:20\d{2}年)", text)  # not a sentence citing a notice
            if match and not re.search(r"[\u4e00-\u9fff]{2}", match.group(1)):
                continue  # 2021-2025年中期绩效目标: a span's first year, no unit
            if match and not _NOTICE_OPENING.match(match.group(1)):  # 关于下达2023年…的通知: a notice's title, no unit
                from_title = match.group(1).split("关于", 1)[0]  # 某市财政局关于下达2023年…: the body issuing the notice
                if _TABLE_NAME_BEFORE_YEAR.search(from_title) and not is_organ_name(from_title):  # 某市预算绩效管理中心
                    from_title = ""  # 项目支出绩效自评表（2024年度）: the table's name before its year, no unit
                if from_title:
                    break
        if from_row or from_title:
            # the title often names the unit in full (门源县人大办公室) where the code row abbreviates it
            self.doc.unit = from_title if from_row and from_title.endswith(from_row) else (from_row or from_title)
            return
        written = [t for block, t in zip(head, texts, strict=True) if not (_is_heading_row(block) or _is_sheet_title(block))]
        if written and is_organ_name(written[0].strip("# ")) and "部门" not in written[0]:
            self.doc.unit = written[0].strip("# ")


_NOTICE_OPENING = re.compile(r"^(?:关于|转发|印发|下达)")
_TABLE_NAME_BEFORE_YEAR = re.compile(r"绩效|[目评报算]表|项目支出|[（(]$")  # 项目支出绩效自评表（2024年度）, not 人大代表
# A year in digits or in Chinese numerals (二〇二三年), as titles write it.
_YEAR = r"(20\d{2}|二[〇零][〇零一二三四五六七八九]{2})"
_BUDGET_YEAR = re.compile(rf"预算年度[:：]?\s*{_YEAR}|(?<![\u4e00-\u9fff])(?:项目)?年度[:：]\s*{_YEAR}")  # 年度：2023年 too
# 自评表(2021年度), 自评表 (2021), 2021年度…表: the year a title gives; not a document number ((2021)5号)
_TITLE_YEAR = re.compile(
    rf"[(（]\s*{_YEAR}\s*(?:年度?)?\s*[)）](?!\s*第?\d)"
    rf"|{_YEAR}\s*年(?:度|(?!\s*[\d一二三四五六七八九十]{{1,2}}\s*月))"  # not a date
)
_YEAR_ALONE = re.compile(rf"^\s*[(（]?\s*{_YEAR}\s*年?度?\s*[)）]?\s*$")  # （2023年度） on a line of its own
# …自评表(2022年度) inside a line that runs on (an OCR text's title glued to the form's first cells): the table's year.
_TABLE_THEN_YEAR = re.compile(rf"(?:表|报告)\s*[(（]\s*{_YEAR}\s*年度?\s*[)）]")
# ends naming it: a title (…项目支出绩效目标, …项目绩效目标 too; not a section's 二、2025年绩效目标 nor 中期绩效目标)
_NAMES_A_TABLE = re.compile(r"(?:表|报告|支出绩效目标|预算绩效目标|项目绩效目标)\s*(?:[(（][^()（）]{0,12}[)）])?\s*$")
_TRAILING_NOTE = re.compile(r"\s*(?:(?:金额)?单位[:：]\s*(?:万元|元|亿元|千元)|(?:填报|填表|发布|印发)日期[:：].*)\s*$")
YEAR_ONLY = re.compile(r"20\d{2}\s*年度?")  # a cell that is a year alone (2025年), no name
# A column of amounts by year (2024年, 2025年预算数, 2024年度决算数（万元）): two or more on a line after 项目名称 make a
# table comparing years, not a project's name.
_YEAR_COLUMN = re.compile(r"20\d{2}\s*年度?(?:预算数?|预算金额|金额|资金|决算数?|执行数)?\s*(?:[(（](?:万元|元)[)）])?")


def heads_amounts_by_year(cells: list[str]) -> bool:
    """项目名称 | 2024年 | 2025年 | 增减, 项目名称 2024年预算数 2025年预算数: the header of a table of amounts by year."""
    return sum(1 for cell in cells if _YEAR_COLUMN.fullmatch(cell.strip())) >= 2


_ANY_YEAR = re.compile(r"(20\d{2})\s*年")


def _title_like(texts: list[str], index: int) -> bool:
    """A text that ends naming a 表 or a 报告 (100 characters at most; a bracketed year may follow), a year on
    a line of its own, or a short text right above such a title (某县民政局2024年度 / …绩效目标表): where a title
    gives its year."""
    text = _TRAILING_NOTE.sub("", texts[index])  # …绩效目标表 单位：万元
    if _LIST_NUMBER.match(text.strip()) and not text.strip().endswith("表"):
        return False  # 二、2025年项目绩效目标: a section's heading, no title
    if (len(text) <= 100 and _NAMES_A_TABLE.search(text)) or _YEAR_ALONE.match(text):
        return True
    following = _TRAILING_NOTE.sub("", texts[index + 1]) if index + 1 < len(texts) else ""
    return len(text) <= 40 and len(following) <= 100 and bool(_NAMES_A_TABLE.search(following))


def stated_year(texts: list[str]) -> int | None:
    """The year a document states as its own, from its first texts: a 预算年度, else the year a title gives (a date
    of filling or publishing above it does not count); None when neither does."""
    for text in texts:
        match = _BUDGET_YEAR.search(text)
        if match:
            return year_number(next(group for group in match.groups() if group))
    for index, text in enumerate(texts):
        match = _TITLE_YEAR.search(text) if _title_like(texts, index) else None
        if match:
            return year_number(next(group for group in match.groups() if group))
    for text in texts:
        match = _TABLE_THEN_YEAR.search(text)
        if match:
            return year_number(match.group(1))
    return None


_BRACKETED_IN_NAME = re.compile(r"[〔\[【(（][^〕\]】)）]*[〕\]】)）]")
_FILE_NAME_YEAR = re.compile(r"(?<![0-9A-Za-z])(20\d{2})(?![0-9A-Za-z])")  # -2025-, 某县2024年; not in a hash (e2019f)


def document_year(texts: list[str], source: str = "") -> int | None:
    """The year of a document from its first texts: the year it states (stated_year), else the first year of the
    texts; but where that first year is a deadline's in the next year (2026年12月底前 in …-2025-xiangmu.csv), the one year
    its file's name carries, when it is the year before. A file's name alone sets no year: its figures may be a date of
    export, a template's version, a document's number or a serial (…_2025-03-01导出, （2020版）, 〔2021〕86号)."""
    stated = stated_year(texts)
    if stated is not None:
        return stated
    first = next((int(match.group(1)) for text in texts if (match := _ANY_YEAR.search(text))), None)
    stem = _BRACKETED_IN_NAME.sub("", Path(source).stem)  # 财预〔2021〕86号, （2020版）: a number's or a version's year
    named = set(_FILE_NAME_YEAR.findall(stem)) if source and first is not None else set()
    if len(named) == 1 and first is not None and int(next(iter(named))) == first - 1:
        return first - 1
    return first


def interpret(blocks: list[Block], source: str) -> Document:
    return Interpreter(source).feed(blocks)
