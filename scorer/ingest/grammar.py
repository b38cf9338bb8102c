"""Recovered cells -> Document, by the grammar of indicator tables.

A degraded table (its separators lost, its merged cells dropped, its rows broken over lines) still reads in
a fixed order: a header names the columns (一级指标 二级指标 三级指标 [分值] 年度指标值 [实际完成值] …), then
each indicator is [level-1 label] [level-2 label] name, then the cells of the columns after 三级指标. The
interpreter walks the cells with that plan:

- a level label (产出指标(50分), 数量指标, 社会效益 指标, 产出值) sets the group and ends the row before it;
- the first other cell of a row is the indicator's name; the next cells are matched to the plan's columns
  by what each column can hold (a weight is a bare figure, a unit column a unit, an operator column ≥ or
  大于等于), so a missing cell shifts nothing;
- a line that holds several cells is a row of its own unless its cells fit the open row's remaining
  columns (a row broken in two);
- the annual target is the target: a self-evaluation table's actual value, weight and score are kept beside
  it (`Indicator.extra`), and a multi-year target is read only when the annual one is empty;
- totals, notes and signatures end the table; 项目名称 cells open a project; 资金总额 cells give its budget.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cache

from scorer.ingest.interpret import (
    HEADING_GLOSS,
    LABEL_AND_TEXT,
    YEAR_ONLY,
    closes_table,
    closing_of,
    continued_heading,
    document_year,
    glossed_budget,
    heading_field,
    heading_key,
    heading_names_project,
    heads_amounts_by_year,
    is_goal_label,
    is_multi_year_label,
    is_organ_name,
    names_a_fund_part,
    names_a_project_row,
    project_row,
    split_goal_part,
    stated_budget,
    stated_year,
    total_without_target,
    without_list_number,
    without_slot_number,
    year_column,
    years_of_table,
)
from scorer.ingest.nested import split_trailing_target
from scorer.ingest.recover import CUT_MARK, Cell, is_continued_mark, is_page_number, key, names_a_measure
from scorer.lexicons import table
from scorer.text import nfkc
from scorer.types import Document, Indicator, Location, Project, Skip
from scorer.values import (
    WAN_FACTORS,
    glossed_money_unit,
    is_unit_only,
    money_unit_cell,
    without_part_remark,
    without_standard_codes,
)

_LABEL_REST = re.compile(r"[\d.,，%％()（）:：\s]|[千百万亿]?元|万")  # figures and units after a budget label
_BAND = re.compile(r"[(（]\s*\d+(?:\s*[-~—－]\s*\d+)?\s*分?\s*[)）]\s*分?|\d+(?:\s*[-~—]\s*\d+)?分$")
_BAND_ONLY = re.compile(r"^[(（]?\s*\d+(?:\s*[-~—－]\s*\d+)?\s*分?\s*[)）]\s*分?$")
_NUMBER_ONLY = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*分?$")
_OPERATOR_ONLY = re.compile(
    r"^(?:[≥≤≧≦><=＝═＞＜]=?|>=|<=|大于等于|大于或等于|小于等于|小于或等于|不低于|不少于|不高于|不超过|不大于|不小于|"
    r"大于|小于|等于)$"
)
_OPERATOR_WORDS = {
    "大于等于": "≥",
    "大于或等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "小于等于": "≤",
    "小于或等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不大于": "≤",
    "大于": ">",
    "小于": "<",
    "等于": "=",
}
_VALUE_START = re.compile(r"^(?:[≥≤≧≦><=＝═＞＜]|大于|小于|等于|不低于|不少于|不高于|不超过|[-+]?\d)")
_SECTION_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、](?!\d).{2,30}[。:：]$)"
)
# 项目二：乙, a heading of the text as written; 项目2 alone on its line over the next project's form
_NUMBERED_PROJECT = re.compile(r"^项目\s*[（(]?[一二三四五六七八九十\d]{1,3}[)）]?\s*(?:[:：]|$)")
_LABEL_WORDS = re.compile(r"(?:产出|效益|效果|满意度|成本|数量|质量|时效|绩效|项目完成|项目效益)(?:指标|值)")
_PROJECT_HEADING = re.compile(  # 二、…, （二）…, 2. …, 项目二：…: a numbered heading
    r"^(?:[一二三四五六七八九十]{1,3}\s*、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d)"
    r"|项目[一二三四五六七八九十\d]{1,3}\s*[:：、.．])\s*(?P<name>[^。；;，,:：]{2,40})$"
)
_NUMBER_MARK = re.compile(r"^(?:\d{1,2}\s*[.、．]|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*、)")
_TABLE_NAME_END = re.compile(r"(?:项目|资金|经费|补助|补贴|工程|表)$")  # how the name a numbered title gives ends

_TABLE_TITLE = re.compile(
    r"(?:绩效目标|绩效自评|目标申报|目标审批|绩效评价)[^|，。]{0,8}表(?:[(（]?20\d{2}年度?[)）]?|[(（][^()（）]*[)）])?$"
)
# names of public bodies end in one of these: 局, 委员会, 中心, 学校 …
_NUMBERED = re.compile(r"^指标\s*\d+\s*[.、:：]")
_FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_MONEY_UNIT = re.compile(r"\s*(" + "|".join(sorted(WAN_FACTORS, key=len, reverse=True)) + ")")
_NO_SCORE_MARK = {"-", "—", "——", "/", "／"}
_OPTIONAL_ROLES = {"score", "op", "unit", "description", "level2_dup", "level3_dup", "value_long", "basis"}
_TARGET_ROLES = ("value", "value_long")
_TEXT_ROLES = {"reason", "remark", "completion", "basis", "actual"}


@cache
def _grammar() -> dict:
    return table("indicator_grammar")


_BRACKETS = re.compile(r"[()（）]")


@dataclass(frozen=True)
class FormLabels:
    """The grammar's form labels as _form_cell compares them, made once: each cell of a document is asked
    against every label (a sample's 1,300 cells asked 68,000 times for the same few label keys)."""

    project: tuple[str, ...]  # keys, brackets gone
    unit: tuple[tuple[str, re.Pattern[str]], ...]  # key, and the label followed by a colon (单位名称（盖章）：)
    budget: tuple[str, ...]  # keys


@cache
def _form_labels() -> FormLabels:
    grammar = _grammar()
    return FormLabels(
        project=tuple(_BRACKETS.sub("", key(label)) for label in grammar["project_labels"]),
        unit=tuple((key(label), re.compile(re.escape(label) + r"\s*(?:\([^)]*\))?\s*[:：]")) for label in grammar["unit_labels"]),
        budget=tuple(key(label) for label in grammar["budget_labels"]),
    )


@cache
def _label_pattern() -> re.Pattern[str]:
    grammar = _grammar()
    stems = sorted(grammar["level1_stems"] + grammar["level2_stems"] + grammar["either_stems"], key=len, reverse=True)
    return re.compile("^(" + "|".join(map(re.escape, stems)) + ")(指标|值)?(等)?$")


def _label_core(text: str) -> str:
    return _BAND.sub("", key(text).replace("(", "(").replace(")", ")")) if text else ""


def label_kind(text: str) -> str | None:
    """'level1', 'level2', 'either' or None for a cell: 产出指标(50分) -> level1, 社会效益 指标 -> level2."""
    core = _label_core(text)
    if not core or len(core) > 14:
        return None
    match = _label_pattern().match(core)
    if not match:
        return None
    stem, suffix = match.group(1), match.group(2)
    grammar = _grammar()
    if not suffix and stem not in grammar["bare_level2"] and stem not in grammar["level1_stems"]:
        return None
    if stem in grammar["either_stems"]:
        return "either"
    return "level1" if stem in grammar["level1_stems"] else "level2"


def looks_like_value(text: str) -> bool:
    """A target rather than a name: an operator or a figure first, a percentage, or a qualitative word."""
    compact_text = key(text)
    if not compact_text:
        return False
    if _VALUE_START.match(compact_text) or "%" in compact_text[:8]:
        return True
    return len(compact_text) <= 6 and any(compact_text.startswith(w) for w in _grammar()["value_words"])


def _is_operator(text: str) -> bool:
    compact_text = key(text)
    return bool(_OPERATOR_ONLY.match(compact_text)) or compact_text in _grammar()["operator_words"]


def _fits(role: str, text: str) -> bool:
    compact_text = key(text)
    if role == "score":
        return bool(_NUMBER_ONLY.match(compact_text)) or compact_text in _NO_SCORE_MARK
    if role == "op":
        return _is_operator(text)
    if role == "unit":
        return is_unit_only(text)
    if role == "description":
        return not looks_like_value(text) and len(compact_text) >= 4
    if role == "level2_dup":
        return label_kind(text) is not None
    if role == "level3_dup":
        return not looks_like_value(text)
    return True


def _header_role(text: str) -> str | None:
    """The column a header cell names, with the multi-year target told from the annual one."""
    field_name = heading_field(text)
    raw = key(text)
    if field_name == "value" and any(m in raw for m in ("长期", "实施期", "实施周期", "中期")):
        return "value_long"
    if field_name in ("level2", "level3") and any(m in raw for m in ("长期", "实施期", "实施周期")):
        return field_name + "_long"
    if field_name in ("department", "goal", "budget", "project", "code", "purpose", "indicators"):
        return None
    if field_name == "content":  # after 三级指标: what the indicator covers
        return "description"
    return "op" if field_name == "operator" else field_name


_HEADER_FRAGMENTS = {"指标": None, "年度": "value", "年初": "value", "实际": "actual", "指标值": None, "完成值": None}


@dataclass
class Header:
    roles: list[str]  # the columns after 三级指标, in order
    unread: int = 0  # columns on the header's line after those, under headings no role is known for (上年指标值)

    @property
    def has_long(self) -> bool:
        return "value_long" in self.roles


def find_headers(cells: list[Cell]) -> dict[int, tuple[int, Header]]:
    """Runs of header cells: start index -> (end index, the plan of columns after the name)."""
    found: dict[int, tuple[int, Header]] = {}
    index = 0
    while index < len(cells):
        role = _header_role(cells[index].text)
        if role not in ("level1", "level2", "level3", "description") and not (
            key(cells[index].text) == "绩效指标"
            and index + 1 < len(cells)
            and _header_role(cells[index + 1].text) in ("description", "grading")
        ):
            index += 1
            continue
        roles: list[str | None] = []
        end = index
        while end < len(cells):
            text = cells[end].text
            role = _header_role(text)
            compact_text = key(text)
            if role is None and compact_text == "绩效指标" and roles and roles[-1] == "level1":
                role = "level3"  # 绩效指标分类 / 绩效指标 / 绩效指标描述
            if role is None and compact_text in _HEADER_FRAGMENTS:
                role = _HEADER_FRAGMENTS[compact_text]
                if role is None or role in roles:
                    end += 1
                    continue
            if role is None and compact_text in ("优良中差", "优", "良", "中", "差"):
                end += 1
                continue
            if role is None:
                break
            roles.append(role)
            end += 1
        plan = [r for r in roles if r]
        if "level3_long" in plan:
            # 二级指标(长期) 三级指标(长期) 指标值(长期) 二级指标(年度) 三级指标(年度) 指标值(年度)
            anchor = plan.index("level3_long")
            plan = (
                [("level2" if r == "level2_long" else r) for r in plan[:anchor]]
                + ["level3"]
                + [{"level2": "level2_dup", "level3": "level3_dup"}.get(r, r) for r in plan[anchor + 1 :]]
            )
        if "level3" not in plan and "description" in plan:
            plan[plan.index("description")] = "level3"
        usable = "level3" in plan and any(r in plan for r in (*_TARGET_ROLES, "grading"))
        if usable:
            first_level = next(i for i, r in enumerate(plan) if r in ("level1", "level2", "level3"))
            plan = plan[first_level:]
            after = plan[plan.index("level3") + 1 :]
            if "value_long" in after or "level3_long" in plan:
                after = [("level2_dup" if r == "level2" else "level3_dup" if r == "level3" else r) for r in after]
                after = [("value_long" if r == "value" and "value" in after[i + 1 :] else r) for i, r in enumerate(after)]
            else:
                seen: set[str] = set()
                deduped = []
                for r in after:
                    if r in ("value", "level2", "level3") and r in seen:
                        continue
                    seen.add(r)
                    deduped.append(r)
                after = [r for r in deduped if r not in ("level1", "level2", "level3")]
            on_line = end
            while on_line < len(cells) and cells[on_line].line == cells[end - 1].line:
                on_line += 1
            found[index] = (end, Header(after, unread=on_line - end))
            index = end
        else:
            index += 1
    return found


@dataclass
class RowDraft:
    name: str
    level1: str
    level2: str
    cell: Cell
    roles: dict[str, list[str]] = field(default_factory=dict)
    position: int = 0  # next column of the plan
    value_open: bool = False  # the value so far is an operator or a bare figure: its figure or unit may follow
    value_last: bool = False  # the last cell taken was the value (cut there, the value may be cut too)
    lines: set[int] = field(default_factory=set)

    def target_taken(self) -> bool:
        return bool(self.roles.get("value") or self.roles.get("grading"))


class GrammarInterpreter:
    def __init__(self, source: str) -> None:
        self.doc = Document(source=source)
        self.project: Project | None = None
        self.header: Header | None = None
        self.unit_column = False  # the open table's header has a column of units (a flat export's 单位名称)
        self.level1 = ""
        self.level2 = ""
        self.row: RowDraft | None = None
        self.in_table = False
        self.title = ""
        self.quoted = ""  # a project name in quotation marks near the top (关于“…项目”的公示)
        self.money_factor = 1.0
        self._following: dict[int, str] = {}  # id of a cell -> the text of the cell after it
        self._header_starts: frozenset[int] = frozenset()  # where an indicator header begins, by cell index
        self.after_level2 = False  # the cell before was a level-2 label
        self.rows_in_table = 0
        self.skip_remnants = False
        self.unit_rank = 99  # the unit label the document's unit came from (实施单位 before 主管部门)
        self.prose_table = False  # the table is a label and its indicators listed in one cell
        self.heading_name = ""  # a numbered heading alone on its line (二、农村饮水工程维修养护经费): the next project's name
        self.listed_unit = ""  # the unit of the line that named the open project (a flat table's, a department's list)
        self.listed: dict[tuple[str, str, float], Project] = {}  # the projects such lines opened, by unit, name, budget
        self.heading_budget: float | None = None  # the budget the heading's gloss gives (（金额单位：元 预算数：320,000.00）)
        self.heading_goal = ""  # 年度绩效目标：… between the heading and its project's table
        self.long_from: int | None = None  # where the open project's 长期绩效指标 table's rows start among its indicators
        self.budget_of_period = False  # the open project's budget is its whole period's (项目总预算): the year's replaces it
        self.page_turned = False  # a page number was passed over since the last row: a form's head may be repeated

    # --- the walk -------------------------------------------------------------------------------

    def read(self, cells: list[Cell]) -> Document:
        headers = find_headers(cells)
        self._header_starts = frozenset(headers)
        self._following = {id(cell): cells[i + 1].text for i, cell in enumerate(cells[:-1])}
        index = 0
        while index < len(cells):
            if index in headers:
                end, header = headers[index]
                self._close_row()
                self.header = header
                self.in_table = True
                self.rows_in_table = 0
                header_line = [c for c in cells[: end + 1] if c.line == cells[index].line]
                self.unit_column = any(key(c.text) in _unit_label_keys() for c in header_line)  # 单位名称 | 项目名称 | …
                # 偏差原因 / 分析及 / 改进措施: header words broken over lines, up to the first group label
                going_on = self.page_turned and self.project is not None and bool(self.project.indicators)
                going_on = going_on and not self.heading_name  # the head printed again over a page (— 1 —): the rows go on
                self.skip_remnants = not going_on and any(
                    self._label_at(cells, j)[0] for j in range(end, min(end + 4, len(cells)))
                )
                if not going_on:
                    self.level1 = self.level2 = ""
                if self.project is None:
                    self._open_project(self.heading_name or self._fallback_name(), cells[index])
                elif self.heading_name and self.project.indicators:  # a table under a new heading: its project
                    self._open_project(self.heading_name, cells[index])
                self._table_of_years(key(cells[index - 1].text) if index else "")
                index = end
                continue
            index = self._step(cells, index)
        self._close_row(at_end=True)
        self._close_project()
        self._document_facts(cells)
        return self.doc

    def _step(self, cells: list[Cell], index: int) -> int:
        cell = cells[index]
        text = cell.text
        if text == CUT_MARK:
            self._close_row(cut=True)
            self.in_table = False
            return index + 1
        compact_text = key(text)
        self._money_unit(compact_text)
        following = cells[index + 1].text.strip() if index + 1 < len(cells) else ""
        bracketed = text.strip()[:1] in ("【", "[") or (following[:1] == "【" and cells[index + 1].line == cell.line)
        if bracketed and compact_text.strip("【】[]") in _grammar()["page_buttons"]:  # 【打印本页】【关闭窗口】
            self._close_row()
            self.in_table = False
            self.doc.skipped.append(Skip(self._loc(cell), "网页上的按钮文字", text.strip()))
            return index + 1
        if cell.alone and (is_page_number(text) or (self.in_table and is_continued_mark(text))):
            self.page_turned = True
            return index + 1  # a page's number, or 续表, between the rows of a table printed over pages
        heading_cells = self._numbered_title_line(cells, index) if cell.first else 0
        if heading_cells:  # 2. 乙项目绩效目标表（金额单位：元  预算数：4,867,200.00）, cut at its spaces: the next table's title
            self._close_row()
            self.in_table = False
            return index + heading_cells
        listed = self._listed_project(cells, index) if cell.first else 0
        if listed:
            return index + listed
        if not self.in_table or self.row is None or ((cell.first or cell.alone) and self._names_project(compact_text)):
            # 项目名称：… opening a line right after a table's last row: the next project, not a row of this one
            consumed = self._form_cell(cells, index)
            if consumed:
                return index + consumed
        if not self.in_table and self._headerless_table_at(cells, index):
            self.in_table = True  # a table whose header lies before the copied part: rows start at the labels
            self._project_of_heading(cell)
        elif not self.in_table and label_kind(text) and index + 1 < len(cells) and prose_items(cells[index + 1].text):
            self.in_table = True  # 产出指标 | 开展巡查8次;编制资料3个;…: a label, then its indicators in one cell
        numbered_line, numbered_heading = _numbered_project_line(cells, index) if cell.first else (0, "")
        if numbered_line:  # 项目 2 (or 项目 二：甲) on its own line, cut at its spaces as columns: a heading
            self._close_row()
            self.in_table = False
            if numbered_heading:
                self._heading(replace(cell, text=numbered_heading, alone=True))
            return index + numbered_line
        if not self.in_table:
            self._title(text)
            self._heading(cell)
            return index + 1
        if self.skip_remnants and not self._label_at(cells, index)[0] and not _heads_a_project(cells, index):
            self.doc.skipped.append(Skip(self._loc(cell), "表头折行的余下部分", text))
            return index + 1
        self.skip_remnants = False
        closing = (
            _ends_table(_letter_spaced(cells, index).lstrip("….·"))  # 合计, 总 分, 说明：…, 偏差大或…; not 说明会召开次数
            # a sign-off opening its line, or after a row with its target; 回访方式 | 电话 is a value
            or (closes_table(text) and (cell.first or self.row is None or self.row.target_taken()))
        ) and bool(self.rows_in_table or self.row is not None)
        heading = cell.alone and (
            (_SECTION_HEADING.match(compact_text) and not _NUMBERED.match(compact_text))
            or _TABLE_TITLE.search(compact_text)
            or _NUMBERED_PROJECT.match(text.strip())
            or _heads_a_project(cells, index)
            or self._numbered_heading_of_a_form(cells, index)
        )  # 二、…, 2、乙补贴, or the next table's title (部门预算项目支出绩效自评表(2024年度)): the table has ended
        if closing or heading:
            self._close_row()
            self.in_table = False
            self._heading(cell)
            if closing:  # listed with the rest of its line (合计 | 10万元), as a table's reader lists the row
                self.doc.skipped.append(Skip(self._loc(cell), "表尾的合计、说明或签名行", _closing_line(cells, index)))
            return index + 1
        if cell.alone and names_a_fund_part(text):  # 省级补助资金（200万元） on a line of its own among the rows
            self._close_row()
            self.doc.skipped.append(Skip(self._loc(cell), "资金来源说明，不是指标", text.strip()))
            return index + 1
        if cell.first and not self.unit_column and _LOCAL_BODY.fullmatch(text.strip()):
            line = [c.text.strip() for c in cells[index:] if c.line == cell.line]
            if len(line) > 1 and not any(label_kind(part) for part in line[1:]):
                self._close_row()  # 县财政局 | 拨付补贴资金 | 150 | 万元已于3月下达: a note among the rows, no indicator
                self.doc.skipped.append(Skip(self._loc(cell), "以单位名称开头的说明行，不是指标", " | ".join(line)))
                return index + len(line)
        if self.row is not None and self._next_role() == "level2_dup" and label_kind(text):
            self._assign(cell)  # the annual half of a 长期 / 年度 table repeats the group
            return index + 1
        if self._name_repeated_before_its_target(cells, index):
            self.doc.skipped.append(Skip(self._loc(cell), "同一行里重复写了一遍的指标名称", text.strip()))
            return index + 1
        kind, used, label = self._label_at(cells, index)
        self.after_level2 = kind == "level2"
        if kind:
            self._close_row()
            if kind == "level1":
                self.level1, self.level2 = label, ""
            else:
                self.level2 = label
            return index + used
        if _BAND_ONLY.match(compact_text):
            self._close_row()
            self.level1, self.level2 = "", ""
            return index + 1
        if compact_text in _grammar()["placeholders"] and compact_text not in ("无",):
            self._close_row()
            return index + 1
        if self.row is None:
            self._open_row(cell)
            return index + 1
        if cell.first and not self._line_continues_row(cells, index):
            self._close_row()
            self._open_row(cell)
            return index + 1
        if _NUMBERED.match(compact_text) and self.row.cell.line != cell.line:
            self._close_row()
            self._open_row(cell)
            return index + 1
        if not self._assign(cell):
            self._close_row()
            self._open_row(cell)
        return index + 1

    # --- labels ---------------------------------------------------------------------------------

    def _label_at(self, cells: list[Cell], index: int) -> tuple[str | None, int, str]:
        """A level label at `index`, joined with a fragment after it (项目完成 / 指标) and a score band."""
        text = cells[index].text
        kind = None
        used = 1
        if index + 1 < len(cells) and len(key(text)) <= 6 and not self._row_wants_text(cells[index]):
            joined = text + cells[index + 1].text
            kind = label_kind(joined)  # 项目完成 / 指标, 经济效 / 益指标: a label broken over two cells
            if kind:
                text, used = joined, 2
        if kind is None:
            kind = label_kind(text)
            if kind and self.after_level2 and not re.search(r"(指标|值)(等)?$", _label_core(text)):
                kind = None  # 服务对象满意度 right after its group label is the indicator's name
            elif kind and self.after_level2 and key(text) == self.level2 and self._a_target_follows(cells, index):
                kind = None  # 生态效益指标 | 生态效益指标 | 无: a name copying its group's label (rule R001), not the label again
            elif kind and self._row_wants_text(cells[index]) and self.row is not None and key(text) == key(self.row.name):
                kind = None  # …满意度指标 | 服务对象满意度指标 | 服务对象满意度指标: the value copying the name (rule V002)
        if kind is None:
            return None, 0, ""
        banded = bool(_BAND.search(key(text)))
        if index + used < len(cells) and _BAND_ONLY.match(key(cells[index + used].text)):
            used += 1
            banded = True
        if kind == "either":
            next_kind = label_kind(cells[index + used].text) if index + used < len(cells) else None
            kind = "level1" if banded or next_kind in ("level2", "either") else "level2"
        return kind, used, key(text)

    @staticmethod
    def _a_target_follows(cells: list[Cell], index: int) -> bool:
        """Whether a label repeated on its line (生态效益指标 | 生态效益指标) is followed on that line by a target (无, 良好,
        ≥90%) or by itself again: the repeat is then the row's name. Followed by a name (质量指标 | 质量指标 | 文物安全巡查
        覆盖率 | 100%), it is a merged cell written twice."""
        if index == 0 or index + 1 >= len(cells) or not cells[index - 1].line == cells[index].line == cells[index + 1].line:
            return False
        after = cells[index + 1].text
        return looks_like_value(after) or key(after) == key(cells[index].text)

    def _project_of_heading(self, cell: Cell) -> None:
        """Rows going on under a project's heading inside one table (its header above the first heading only: 1、甲经费
        （260万元） | rows | 2、乙经费（75万元） | rows) are the heading's project: a new one after the rows of another, or the
        one the header opened, still without rows or a name of its own."""
        if not self.heading_name or self.project is None:
            return
        if self.project.indicators:
            self._open_project(self.heading_name, cell)
        elif self.project.name == self._fallback_name():
            self.project.name, self.project.budget = self.heading_name, self.heading_budget
            self.project.goal = self.project.goal or self.heading_goal
            self.heading_name, self.heading_budget, self.heading_goal = "", None, ""

    def _headerless_table_at(self, cells: list[Cell], index: int) -> bool:
        """Group labels with no header before them: a level-1 then a level-2 label, or (in a project's form) a
        label, a name and a target."""
        kind, used, _ = self._label_at(cells, index)
        if kind is None or index + used >= len(cells):
            return False
        if kind == "level1" and label_kind(cells[index + used].text) in ("level2", "either"):
            return True
        following = cells[index + used : index + used + 3]
        return (
            self.project is not None
            and len(following) == 3
            and not looks_like_value(following[0].text)
            and any(looks_like_value(c.text) for c in following[1:])
        )

    def _next_role(self) -> str | None:
        plan = self._plan()
        if self.row is None or self.row.position >= len(plan):
            return None
        return plan[self.row.position]

    def _name_repeated_before_its_target(self, cells: list[Cell], index: int) -> bool:
        """A cell repeating the open row's name, on its line and before its target (培训次数 | 培训次数 | 2次; 生态效益指标
        written three times, then 无), where the line holds more cells after the name than the header has columns for
        them: a merged cell exported twice, not a value copying the name. Where the columns hold them all (指标值 |
        指标值确定依据, 指标值 | 实际完成值), the copy is the value and what follows is another column's."""
        cell = cells[index]
        if not (self._row_wants_text(cell) and self.row is not None and key(cell.text) == key(self.row.name)):
            return False
        end = index  # walk the line's cells by index: a slice of the rest of the document for each row is quadratic
        while end < len(cells) and cells[end].line == cell.line:
            end += 1
        after_name = end - index
        columns = len(self._plan()) + (self.header.unread if self.header else 0)
        return after_name > columns and self._a_target_follows(cells, index)

    def _row_wants_text(self, cell: Cell) -> bool:
        """An open row still waiting for its target takes a short cell as its value, not as a label."""
        return self.row is not None and not self.row.target_taken() and self.row.cell.line == cell.line

    # --- rows -----------------------------------------------------------------------------------

    def _plan(self) -> list[str]:
        return self.header.roles if self.header else ["value", "actual"]

    def _open_row(self, cell: Cell) -> None:
        self.page_turned = False
        self.row = RowDraft(name=cell.text.strip(), level1=self.level1, level2=self.level2, cell=cell, lines={cell.line})

    def _assign(self, cell: Cell, dry: RowDraft | None = None) -> bool:
        """Put a cell in the next plan column that can hold it; False when it belongs to no column."""
        row = dry or self.row
        assert row is not None
        plan = self._plan()
        text = cell.text.strip()
        if row.value_open and row.roles.get("value"):
            # ≥ | 98 | %(百分比): an operator, its figure and its unit cut apart by spaces
            last = row.roles["value"][-1]
            if (_is_operator(last) and re.match(r"\d", key(text))) or (
                re.search(r"\d$", last) and is_unit_only(text) and "unit" not in plan[row.position : row.position + 1]
            ):
                row.roles["value"][-1] = last + text
                row.value_last = True
                row.value_open = bool(re.search(r"\d$", row.roles["value"][-1]))
                return True
            row.value_open = False
        position = row.position
        while position < len(plan):
            role = plan[position]
            if role == "grading":
                grades = row.roles.setdefault("grading", [])
                if looks_like_value(text) and len(grades) < 4:
                    grades.append(text)
                    row.position = position + (1 if len(grades) == 4 else 0)
                    return True
                position += 1
                continue
            if role == "value" and not row.roles.get("value") and self._is_explanation(text, cell, row):
                row.roles.setdefault("description", []).append(text)
                return True
            if (
                role in _TEXT_ROLES
                and cell.alone
                and not looks_like_value(text)
                and (role != "actual" or len(key(text)) > 6)
                and key(text) not in (key(row.name), *map(key, row.roles.get("value", [])))
                and not (role == "reason" and len(key(text)) > 40)
            ):
                position += 1  # words alone on their line after the target open the next row
                continue
            if _fits(role, text):
                row.roles.setdefault(role, []).append(text)
                row.position = position + 1
                row.lines.add(cell.line)
                row.value_last = role == "value"
                if role == "value":
                    row.value_open = _is_operator(text) or bool(re.search(r"\d$", text))
                return True
            if role in _OPTIONAL_ROLES:
                position += 1
                continue
            return False
        # past the plan: figures and repeated words of a self-evaluation row stay with it
        row.value_last = False
        if looks_like_value(text) or key(text) in (key(row.name), *map(key, row.roles.get("value", []))):
            row.roles.setdefault("extra", []).append(text)
            return True
        return not cell.alone and cell.line in row.lines and not cell.first

    def _is_explanation(self, text: str, cell: Cell, row: RowDraft) -> bool:
        """A sentence between the name and an operator cell (指标解释 columns missing from the header)."""
        if looks_like_value(text) or len(key(text)) < 4:
            return False
        following = self._following.get(id(cell))
        return following is not None and _is_operator(following)

    def _line_continues_row(self, cells: list[Cell], index: int) -> bool:
        """A line of several cells that fits the open row's remaining columns is the rest of that row."""
        assert self.row is not None
        line = cells[index].line
        line_cells = [c for c in cells[index : index + 40] if c.line == line]
        if not looks_like_value(line_cells[0].text):
            return False
        trial = RowDraft(
            self.row.name,
            self.row.level1,
            self.row.level2,
            self.row.cell,
            {k: list(v) for k, v in self.row.roles.items()},
            self.row.position,
            self.row.value_open,
            self.row.value_last,
            set(self.row.lines),
        )
        plan = self._plan()
        if trial.position >= len(plan) and trial.target_taken():
            return all(_NUMBER_ONLY.match(key(c.text)) or key(c.text) in _NO_SCORE_MARK for c in line_cells)
        for c in line_cells:
            unfirst = Cell(c.text, c.line, first=False, alone=c.alone)
            before = trial.position
            if not self._assign(unfirst, trial):
                return False
            if trial.position == before and not trial.roles.get("extra"):
                continue
        return True

    def _close_row(self, at_end: bool = False, cut: bool = False) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        value = self._target(row)
        slot, row.name = row.name, without_slot_number(row.name)
        if not key(row.name) and key(value) in ("", *_grammar()["placeholders"]):
            self.doc.skipped.append(Skip(self._loc(row.cell), "模板中留空的指标栏", f"{slot} {value}".strip()))
            return
        name_key = key(row.name)
        if (
            not name_key
            or name_key in ("指标", "绩效指标")
            or heading_field(row.name) == "indicators"  # 年度绩效指标 before its table's header
            or _NUMBER_ONLY.match(name_key)
            or _header_role(row.name) in ("level1", "level2", "level3", "value", "value_long")
        ):
            if value or name_key:
                self.doc.skipped.append(Skip(self._loc(row.cell), "表头词或单独的数字，不是指标", f"{row.name} {value}".strip()))
            return
        if not value and ("。" in row.name.rstrip("。") or not _LABEL_WORDS.sub("", name_key)):
            # a paragraph of prose, or labels run together (产出指标绩效指标), is no indicator
            self.doc.skipped.append(Skip(self._loc(row.cell), "成段文字或连写的指标类别，不是指标", row.name[:200]))
            return
        items = prose_items(row.name) if not value else []
        if len(items) >= 2:
            for name, item_value in items:
                self._add(row, name, item_value, {})
            self.prose_table = self.header is None
            return
        if self.prose_table:
            # after a label's list of indicators in one cell, the form goes on: 资金拨付对象, 项目实施进度
            self.in_table = self.prose_table = False
            self.doc.skipped.append(Skip(self._loc(row.cell), "指标清单之后的表单行", row.name))
            return
        name = row.name
        if not value and not cut and row.cell.run_on:  # where a copy is cut, a word may be cut (工程验收合格|率)
            name, value = split_trailing_target(name, phrases_only=at_end)  # 干部履职能力有效提升
        if ((at_end or cut) and not value) or (cut and row.value_last):
            self.doc.skipped.append(Skip(self._loc(row.cell), "文本在此截断，该行不完整", row.name))
            return
        if total_without_target(name, value):  # 合计人数 | 1200
            self.doc.skipped.append(
                Skip(self._loc(row.cell), "表尾的合计、说明或签名行", " | ".join(t for t in (name, value) if t))
            )
            return
        extra = {
            role: " ".join(texts)
            for role, texts in row.roles.items()
            if role in ("actual", "score", "reason", "completion", "remark", "extra", "value_long") and texts
        }
        self._add(row, name, value, extra)

    def _add(self, row: RowDraft, name: str, value: str, extra: dict[str, str]) -> None:
        self.rows_in_table += 1
        if self.project is None:
            self._open_project(self._fallback_name(), row.cell)
        assert self.project is not None
        self.project.indicators.append(
            Indicator(
                level1=row.level1,
                level2=row.level2,
                level3=name,
                description=" ".join(row.roles.get("description", [])),
                value=value,
                basis=" ".join(row.roles.get("basis", [])),
                location=self._loc(row.cell),
                extra=extra,
            )
        )

    def _target(self, row: RowDraft) -> str:
        grades = row.roles.get("grading")
        if grades and len(grades) == 4 and not row.roles.get("value"):
            return " ".join(f"{mark}{grade}" for mark, grade in zip("优良中差", grades, strict=True))
        values = row.roles.get("value") or row.roles.get("value_long") or []
        value = values[0] if values else ""
        ops = row.roles.get("op", [])
        units = row.roles.get("unit", [])
        comparison = next((o for o in ops if _OPERATOR_ONLY.match(key(o))), "")
        direction = next((key(o) for o in ops if key(o) in ("正向", "反向", "正向指标", "反向指标")), "")
        if not comparison and direction and value[:1].isdigit():
            comparison = "≥" if direction.startswith("正向") else "≤"  # 正向 | 95 | %: at least 95%
        if (comparison and value and not _VALUE_START.match(key(value)[:1] or " ")) or (
            comparison and value and value[:1].isdigit()
        ):
            value = _OPERATOR_WORDS.get(key(comparison), key(comparison)) + value
        if units and value and re.search(r"\d$", value):
            value = value + key(units[0])
        return value.strip()

    # --- projects and forms ---------------------------------------------------------------------

    def _form_cell(self, cells: list[Cell], index: int) -> int:
        """A 项目名称 or 资金总额 label: open the project or set its budget. Returns cells consumed."""
        compact_text = key(without_list_number(cells[index].text.strip()))  # 3.项目金额：312万元: the label's line
        forms = _form_labels()
        compact_text = _BRACKETS.sub("", compact_text)
        for label_key in forms.project:
            if compact_text == label_key or (compact_text.startswith(label_key) and len(compact_text) > len(label_key)):
                name = compact_text[len(label_key) :]
                used = 1
                if not name and index + 1 < len(cells):
                    name, used = cells[index + 1].text.strip(), 2
                after_name = cells[index + used] if index + used < len(cells) else None
                if (  # 项目名称 | 2021年 | 卫生人才培训开办费: one name, cut at its year (not 项目名称 | 2024年 | 2025年 | 增减)
                    YEAR_ONLY.fullmatch(name)
                    and after_name is not None
                    and after_name.line == cells[index].line
                    and not _form_labels_at(after_name.text)
                    and re.match(r"[\u4e00-\u9fff]", after_name.text.strip())
                ):
                    name, used = name + after_name.text.strip(), used + 1
                line = [cell.text.strip() for cell in cells[index:] if cell.line == cells[index].line]
                if heads_amounts_by_year(line[1:]):  # 项目名称 | 2024年 | 2025年 | 增减: a table of amounts by year
                    self.doc.skipped.append(Skip(self._loc(cells[index]), "按年度列金额的表头，不是项目名称", " | ".join(line)))
                    return len(line)
                name = re.sub(r"^\d{10,}-", "", name)
                repeated = self.project is not None and self.project.indicators and name == self.project.name
                if name and self.page_turned and repeated:
                    self._close_row()  # 项目名称：甲 again under 甲's rows after a page number: the head repeated on the page
                    self.in_table = False
                    return used
                if name and heading_field(name) is None:
                    self._close_row()
                    self.in_table = False
                    self._open_project(name, cells[index])
                    return used
        for rank, (label_key, labelled) in enumerate(forms.unit):
            raw = nfkc(cells[index].text).strip()
            if rank < self.unit_rank and (compact_text == label_key or labelled.match(raw)):
                name = (
                    re.sub(r"^.*?[:：]", "", raw).strip()
                    if compact_text != label_key
                    else (cells[index + 1].text.strip() if index + 1 < len(cells) else "")
                )
                name = re.sub(r"^[\[【(（]?[\dA-Z]+[\]】)）]?-?", "", name)  # [005005], 031001-: unit codes
                if is_organ_name(name):
                    self.doc.unit, self.unit_rank = name, rank
                break
        bare = _BARE_UNIT_LABEL.match(nfkc(cells[index].text).strip())
        if bare and not self.doc.unit and is_organ_name(bare["name"]):
            self.doc.unit = bare["name"]  # 单位：上饶县文化广电体育局 over a form: weaker than any named label
        if self.in_table and not (cells[index].first or cells[index].alone):
            return 0  # after a row's group labels, a cell opening like a label is an indicator's name (项目预算 ≤30万元)
        goal_line = without_list_number(cells[index].text.strip())  # 4.年度绩效目标：…
        if (
            self._goal_cell(goal_line, cells, index + 1)
            or self._goal_after_label(cells, index)
            or self._budget_sentence(cells[index])
        ):
            return 1
        before_goal, goal_part = split_goal_part(goal_line)  # 预算金额：55万元，年度目标：…: the budget, then the goal
        if goal_part and self._form_cell([Cell(before_goal, cells[index].line, cells[index].first, cells[index].alone)], 0):
            self._goal_cell(goal_part)
            return 1
        for label_key in forms.budget:
            if self.heading_name and (self.project is None or self.project.indicators) and compact_text.startswith(label_key):
                self._open_project(self.heading_name, cells[index])  # the budget of the project a new heading names
            of_period = label_key in _period_budget_labels()
            open_budget = self.project is not None and (
                self.project.budget is None or (self.budget_of_period and not of_period and not self.project.indicators)
            )  # 项目总预算 1284, then 当年年度预算 428: the year's
            if compact_text.startswith(label_key) and open_budget:
                assert self.project is not None
                self.budget_of_period = of_period
                said = without_part_remark(key(without_list_number(cells[index].text.strip())))  # 80万元（其中…）
                rest = _BRACKETS.sub("", said)[len(label_key) :]
                if not _figures_only(rest):
                    continue  # 预算资金到位率, 部门预算项目支出绩效自评表: a name or a title (合计, 万元 may follow a label)
                zeros = 0
                for offset, candidate in enumerate([rest] + [c.text for c in cells[index + 1 : index + 4]]):
                    if offset and _opens_with_budget_label(candidate):
                        break  # 部门预算 (a project's type) | 项目总预算 | 780: the figure is the next label's
                    if without_standard_codes(candidate) != candidate:
                        break  # 下达资金文号 | 财农〔2025〕12号: a document's number, not an amount
                    figure = _FIGURE.search(nfkc(candidate))
                    glued = figure and re.match(r"\d*[%％]", nfkc(candidate)[figure.end() :])  # 40004000100%
                    # 10分 is a weight and 2024年 a year (自评表(2024年度)), not money
                    scored = figure and re.match(r"\s*[分年]", nfkc(candidate)[figure.end() :])
                    if key(candidate)[:1] in tuple("≥≤<>＜＞≦≧"):
                        if self.in_table:
                            return 0  # 当年预算 ≤40万元 inside the indicator table: a cost indicator
                        break  # ≤30万元: a target, not an amount
                    after = cells[index + offset + 1] if index + offset + 1 < len(cells) else None
                    following = after.text if after is not None else ""
                    run_together = after is not None and cells[index + offset].run_on and after.run_on  # cut, no separator
                    cut = budget_before_its_rate(nfkc(candidate), nfkc(following)) if figure and run_together else None
                    if cut is not None:  # 年度资金总额:202010 | 100.00%: budget, spending and weight run together
                        glossed = glossed_money_unit(re.split(r"\d", nfkc(cells[index].text), maxsplit=1)[0])
                        factor = WAN_FACTORS[glossed] if glossed else self.money_factor
                        if factor == 1.0 and cut >= 100_000 and "万" not in compact_text:
                            factor = 1e-4  # in 元, with no unit said
                        self.project.budget = round(cut * factor, 6)
                        return 1
                    if figure and not glued and not scored and not key(candidate).startswith(("其中", "%")):
                        number = float(figure.group().replace(",", ""))
                        if number == 0 and zeros:  # 年度资金总额: 0 0 10 10: no money in either budget (10 is a weight)
                            return 1
                        if number == 0:  # 年度资金总额 | 0 | 2.38: none at the start of the year, the adjusted budget next
                            zeros += 1
                            continue
                        factor = self.money_factor
                        unit = _MONEY_UNIT.match(nfkc(candidate)[figure.end() :])
                        glossed = glossed_money_unit(re.split(r"\d", nfkc(cells[index].text), maxsplit=1)[0])
                        unit_cell = "" if nfkc(candidate)[figure.end() :].strip() else money_unit_cell(following)
                        if unit:  # the unit written after the figure: 50000元, 0.2亿元, 300万
                            factor = WAN_FACTORS[unit[1]]
                        elif unit_cell:  # in a cell of its own: 预算金额： | 80000 | 元
                            factor = WAN_FACTORS[unit_cell]
                        elif glossed:  # the label's: 预算金额（元）：80000
                            factor = WAN_FACTORS[glossed]
                        elif factor == 1.0 and number >= 100_000 and "万" not in compact_text:
                            factor = 1e-4  # a budget in 元 with no unit said (2800000.0000)
                        self.project.budget = round(number * factor, 6)
                        return 1
                return 1
        return 0

    def _table_of_years(self, before: str) -> None:
        assert self.project is not None
        self.long_from = years_of_table(self.project, self.long_from, before, self.doc.skipped)

    def _numbered_title_line(self, cells: list[Cell], index: int) -> int:
        """A line of cells that reads, joined, as a numbered title of a project's table (1. 甲项目绩效目标表（…）): kept
        as the next project's name (and budget, when its gloss gives one); the number of its cells, else 0."""
        line = cells[index].line
        end = index
        while end < len(cells) and cells[end].line == line:
            end += 1
        if end - index < 2 or not _NUMBER_MARK.match(cells[index].text.strip()):
            return 0
        text = " ".join(c.text.strip() for c in cells[index:end])
        gloss = HEADING_GLOSS.search(text)
        found = _PROJECT_HEADING.match(text[: gloss.start()] if gloss else text)
        if not found or not _TABLE_NAME_END.search(found["name"]) or not heading_names_project(found["name"]):
            return 0
        self._heading(Cell(text, line, first=False, alone=True))
        return end - index

    def _heading(self, cell: Cell) -> None:
        """Keep a numbered heading alone on its line (二、农村饮水工程维修养护经费) as the name of the project whose form or
        table comes next, unless 项目名称 names it."""
        if not cell.alone:
            return
        text = cell.text.strip()
        if self._open_project_again(text):
            self.page_turned = True  # 一、甲（续）under 甲's rows: its table goes on over a page
            return
        gloss = HEADING_GLOSS.search(text)
        found = _PROJECT_HEADING.match(text[: gloss.start()] if gloss else text)
        named = None if found else project_row(text, self.money_factor)
        if named and named[1] is not None:  # 城乡公交运营补贴（150万元）: unnumbered, named by its budget's gloss
            self.heading_name, self.heading_budget, self.heading_goal = named[0], named[1], ""
            return
        if not found or not heading_names_project(found["name"]):
            return  # 一、年度绩效目标, 2.优良路率达到80%: a part of the text, not a project's name
        name = found["name"].strip()
        self.heading_name = re.sub(r"(?<=.{2})(?:项目)?(?:支出)?绩效目标(?:申报|审批)?表$", "", name)  # 甲项目绩效目标表
        # 1. 甲项目绩效目标表（金额单位：元  预算数：320,000.00）: the gloss's budget; a heading before gave none to this one
        self.heading_budget = glossed_budget(gloss["gloss"], self.money_factor) if gloss else None
        self.heading_goal = ""

    def _listed_project(self, cells: list[Cell], index: int) -> int:
        """A line naming a unit, a project and its amount (县卫生健康委员会机关 | 爱国卫生运动经费 | 50.00 | 【项目概述】…), as a
        department's table of projects lists them, each followed by its goal and its indicators: opens that project with
        its budget (in the document's unit of money); in a flat table (the groups and the indicator on the line), the line
        of the project open goes on with it. The cells taken (the unit, the name, the amount), else 0."""
        line = cells[index].line
        on_line = [cell for cell in cells[index : index + 12] if cell.line == line]
        row = [cell.text.strip() for cell in on_line[:3]]
        if len(row) < 3 or not is_organ_name(row[0]) or not names_a_project_row(row[1]):
            return 0
        amount = _AMOUNT_ONLY.fullmatch(nfkc(row[2]))
        if amount is None or not self._heads_its_project(cells, index, on_line):
            return 0  # 甲县水利局 | 农村饮水安全补助资金 | 300: a line of a table of funds, inside a form
        self._close_row()
        budget = round(float(amount.group(1).replace(",", "")) * self.money_factor, 6)
        project = self.project
        if project is not None and (self.listed_unit, project.name, project.budget) == (row[0], row[1], budget):
            return 3  # a flat table's next row of the same project: its groups and indicator follow on the line
        earlier = self.listed.get((row[0], row[1], budget))
        if earlier is not None and any(label_kind(cell.text) for cell in on_line[3:]):
            self._close_project()  # 甲's rows, then 乙's, then 甲's again: a flat export sorted by another column
            self.project, self.listed_unit, self.in_table = earlier, row[0], False
            return 3
        self.listed_unit = row[0]
        if project is not None and not project.indicators and project.name == self._fallback_name():
            project.name, project.budget = row[1], budget  # the project a flat table's header opened, nameless till now
            self.listed.setdefault((row[0], row[1], budget), project)
            return 3
        self.in_table = False
        self._open_project(row[1], cells[index + 1])
        assert self.project is not None
        self.project.budget = budget
        self.listed.setdefault((row[0], row[1], budget), self.project)
        return 3

    def _heads_its_project(self, cells: list[Cell], index: int, on_line: list[Cell]) -> bool:
        """Whether a line naming a unit, a project and its amount heads that project: its overview follows on the line
        (【项目概述】…), or its groups and indicator (a flat table's row), or its goal or first group opens the next line
        (【总体目标】, 【产出-数量指标】). A line of a table of funds by county or source, a note, a task split by township
        does none of these."""
        rest = on_line[3:]
        if rest and (rest[0].text.strip().startswith(("【", "[")) or any(label_kind(cell.text) for cell in rest)):
            return True
        following = index + len(on_line)
        if rest or following >= len(cells):
            return False  # 县财政局 | 拨付补贴资金 | 150 | 万元已于3月全部下达: a note, its words after the amount
        opening = key(cells[following].text)
        return heading_field(opening) == "goal" or bool(label_kind(cells[following].text))

    def _open_project_again(self, text: str) -> bool:
        """The open project's heading, numbered or not, marked as going on (一、甲（续）, 甲(续表)), under its rows."""
        heading = continued_heading(text)
        if heading is None or self.project is None or not self.project.indicators:
            return False
        found = _PROJECT_HEADING.match(heading)
        return key(found["name"] if found else heading) == key(self.project.name)

    def _numbered_heading_of_a_form(self, cells: list[Cell], index: int) -> bool:
        """A numbered line that could name a project, right before a form's own part: its goal or its name's label
        (3、特种设备安全监察 then 年度绩效目标：…); its budget's line and then such a part or an indicator header (2.学生资助 then
        预算金额：140万元 then 年度绩效目标：…); or, with its budget in a gloss (2.城区绿化提升（60万元）), an indicator header.
        Inside a table such a line was read as an indicator of the project before (a project's name need not end as 经费
        or 补助 do), and the next project's rows went to it. A statement before a header repeated over a page
        (1.河湖水环境明显改善), or a cost item and its amount before the next item (1.苗木补植采购 then 预算金额：35万元 then
        2.…), is not one."""
        text = cells[index].text.strip()
        gloss = HEADING_GLOSS.search(text)
        found = _PROJECT_HEADING.match(text[: gloss.start()] if gloss else text)
        if found is None or not heading_names_project(found["name"]) or index + 1 >= len(cells):
            return False
        if self._opens_form_part(cells[index + 1]):
            return True
        budgeted = gloss is not None and glossed_budget(gloss["gloss"], self.money_factor) is not None
        if budgeted and index + 1 in self._header_starts:
            return True
        if not self._budget_line(cells[index + 1].text):
            return False
        after = next((j for j in range(index + 2, len(cells)) if cells[j].line != cells[index + 1].line), None)
        return after is not None and (self._opens_form_part(cells[after]) or after in self._header_starts)

    def _opens_form_part(self, cell: Cell) -> bool:
        """A goal's or a project's name label opening the cell (年度绩效目标：…, 项目名称：…)."""
        labelled = LABEL_AND_TEXT.match(cell.text.strip())
        opening = key(labelled["label"] if labelled else cell.text.strip())
        return heading_field(opening) == "goal" or self._names_project(opening)

    @staticmethod
    def _budget_line(text: str) -> bool:
        """A budget's label and its amount (预算金额：140万元, 项目资金(万元)), nothing else: not 项目资金使用合规率."""
        compact_text = key(without_list_number(text.strip()))
        label = next((label for label in _form_labels().budget if compact_text.startswith(label)), None)
        return label is not None and _figures_only(_BRACKETS.sub("", compact_text)[len(label) :])

    def _names_project(self, compact_text: str) -> bool:
        return _BRACKETS.sub("", compact_text).startswith(_form_labels().project)

    def _goal_cell(self, text: str, cells: list[Cell] | None = None, after: int = 0) -> bool:
        """年度绩效目标：… (a goal label, a colon, the goal) while the project named before it has no indicators yet, or
        under a heading that names the next project; with the goal's further numbered items on the lines after it
        (cells from `after` on)."""
        found = LABEL_AND_TEXT.match(text.strip())
        if not found or heading_field(found["label"]) != "goal":
            return False
        goal = _with_numbered_items(found["text"].strip(), cells or [], after)
        if self._before_heading_table():
            self.heading_goal = self.heading_goal or goal
            return True
        if self.project is None or self.project.indicators:
            return False
        self.project.goal = goal
        return True

    def _before_heading_table(self) -> bool:
        """Whether a heading named the next project and its table has not begun: what is said now is that project's."""
        return bool(self.heading_name) and not self.in_table and (self.project is None or bool(self.project.indicators))

    def _budget_sentence(self, cell: Cell) -> bool:
        """该项目预算资金2860万元，主要用于… opening a line under the heading that names the next project (or in the open
        project's form, before its indicators): that project's budget, unless the heading's gloss gave one."""
        amount = stated_budget(cell.text) if cell.first or cell.alone else None
        if amount is None:
            return False
        if self._before_heading_table():
            if self.heading_budget is None:
                self.heading_budget = amount
        elif self.project is not None and not self.project.indicators:
            if self.project.budget is None:
                self.project.budget = amount
        else:
            return False
        return True

    def _goal_after_label(self, cells: list[Cell], index: int) -> bool:
        """A goal label cell (绩效目标, 年度目标) and the goal in a cell after it. Where column labels follow it
        (实施周期总目标 | 年度目标, or a self-evaluation's 年初设定目标 | 完成情况综述), their texts follow in the same order
        and the goal is the text under the first label that is neither a multi-year goal nor a completion."""
        if self.project is None or self.project.indicators or self.project.goal or not is_goal_label(cells[index].text):
            return False
        first = heading_key(cells[index].text)
        labels: list[str] = [first] if is_multi_year_label(first) else []
        texts: list[str] = []
        end = index + 1  # the cell after the last goal text taken
        for position, cell in enumerate(cells[index + 1 : index + 8], start=index + 1):
            text = cell.text.strip()
            if is_goal_label(text) and not texts:
                labels.append(heading_key(text))
                continue
            if heading_field(text) or label_kind(text) or _TABLE_TITLE.search(key(text)) or not _is_goal_text(text):
                break  # a header, a group label, a table's title or a label: no more goal text here
            texts.append(text)
            end = position + 1
            if len(texts) >= max(len(labels), 1):
                break
        if not texts:
            return False
        annual = year_column(labels)
        if labels and annual is None:
            return True  # 长期目标 and its text: the year's goal comes under a label of its own
        at = annual if annual is not None and annual < len(texts) else 0
        self.project.goal = texts[at] if labels else _with_numbered_items(texts[at], cells, end)
        return True

    def _money_unit(self, compact_text: str) -> None:
        if re.search(r"(?:单位[:：]?|[(（])元[)）]?$|金额单位元|资金[(（]元[)）]", compact_text):
            self.money_factor = 1e-4
        elif re.search(r"单位[:：]?万元|[(（]万元[)）]", compact_text):
            self.money_factor = 1.0

    def _title(self, text: str) -> None:
        compact_text = key(text)
        quoted = re.search(r"[“\"]([^”\"]{4,40}(?:项目|经费|资金|工程))[”\"]", compact_text)
        if quoted and not self.quoted:
            self.quoted = quoted.group(1)
        titled = re.search(r"(?:绩效目标|自评|目标申报|目标审批|绩效评价)", compact_text)
        if not self.title and titled and len(compact_text) <= 80:
            self.title = text.strip()

    def _fallback_name(self) -> str:
        if "部门整体" in self.title:
            return "部门整体"
        return self.quoted or self.title or "（未写项目名称）"

    def _open_project(self, name: str, cell: Cell) -> None:
        self._close_project()
        from_heading = bool(self.heading_name) and name == self.heading_name
        budget = self.heading_budget if from_heading else None
        goal = self.heading_goal if from_heading else ""
        self.heading_name, self.heading_budget, self.heading_goal = "", None, ""
        self.long_from, self.budget_of_period = None, False
        self.project = Project(name=name, location=self._loc(cell), budget=budget, goal=goal)

    def _close_project(self) -> None:
        project, self.project = self.project, None
        if project is None or any(read is project for read in self.doc.projects):
            return  # a flat table's project resumed after another's rows: already in its place
        if project.indicators:
            self.doc.projects.append(project)
        elif project.name:
            self.doc.skipped.append(
                Skip(project.location or Location(self.doc.source), "项目名称之后没有读到指标表", project.name)
            )

    def _loc(self, cell: Cell) -> Location:
        return Location(self.doc.source, line=cell.line)

    def _document_facts(self, cells: list[Cell]) -> None:
        lines: dict[int, list[str]] = {}  # a title's year may be a cell of its own (自评表 (2021))
        for cell in cells[:300]:
            lines.setdefault(cell.line, []).append(cell.text)
        joined = [" ".join(texts) for texts in lines.values()]
        self.doc.year = document_year(joined, self.doc.source) or self.doc.year
        self.doc.year_stated = stated_year(joined) is not None or self.doc.year_stated


def _form_labels_at(text: str) -> bool:
    """Whether a cell opens with a form's label (主管部门, 实施单位, 项目名称 …: headers.yaml) or a field's heading."""
    compact_text = key(text)
    forms = _form_labels()
    return bool(heading_field(compact_text)) or compact_text.startswith(
        (*forms.project, *forms.budget, *(label for label, _ in forms.unit))
    )


_AMOUNT_ONLY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:万元)?")


def _numbered_project_name(text: str) -> bool:
    """A line numbered 2、 or 2. that names a project as its names end (2、城乡公交运营补贴（150万元）): the next project's
    heading, not an indicator (2.结业人数)."""
    gloss = HEADING_GLOSS.search(text)
    found = _PROJECT_HEADING.match((text[: gloss.start()] if gloss else text).strip())
    return found is not None and names_a_project_row(found["name"])


def _heads_a_project(cells: list[Cell], index: int) -> bool:
    """A cell alone on its line that heads the next project (_numbered_project_name, _budgeted_project_name); asked
    after the cheaper tests, most cells being none."""
    cell = cells[index]
    return cell.alone and (_numbered_project_name(cell.text) or _budgeted_project_name(cells, index))


def _budgeted_project_name(cells: list[Cell], index: int) -> bool:
    """A cell alone on its line naming a project with its budget in brackets, unnumbered (城乡公交运营补贴（150万元）), and
    no target after it: the next project's heading. An indicator so named (按时拨付医保补助资金（1500万元） then 100%) is
    followed by its value; a part of the money (省级补助资金（200万元）) is no project (interpret.project_row)."""
    text = cells[index].text
    if _PROJECT_HEADING.match(text.strip()):
        return False
    named = project_row(text)
    if named is None or named[1] is None:
        return False
    return index + 1 >= len(cells) or not looks_like_value(cells[index + 1].text)


# A local public body by its place and its kind (县财政局, 长丰县人民医院, 某镇人民政府): a note's subject among a table's
# rows, never an indicator's name.
_LOCAL_BODY = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:省|市|县|区|州|旗|乡|镇)[\u4e00-\u9fff]{0,12}?"
    r"(?:局|委员会|委|办公室|医院|卫生院|中心|学校|人民政府|政府|法院|检察院)"
)


@cache
def _unit_label_keys() -> frozenset[str]:
    return frozenset(key(label) for label in _grammar()["unit_labels"])


@cache
def _period_budget_labels() -> frozenset[str]:
    return frozenset(key(label) for label in _grammar()["period_budget_labels"])


_ITEM_NUMBER = re.compile(
    r"\s*(?:(?P<paren>[(（]\s*(?:\d{1,2}|[一二三四五六七八九十])\s*[)）])|(?P<arabic>\d{1,2}\s*[.、．](?!\d))|(?P<chinese>[一二三四五六七八九十]\s*、))"
)
_CHINESE_NUMBERS = {numeral: value for value, numeral in enumerate("一二三四五六七八九十", start=1)}


def item_number(text: str) -> tuple[str, int] | None:
    """The style and number a list item opens with (1. 1、 arabic; （1） （一） in brackets; 一、 chinese), or None."""
    found = _ITEM_NUMBER.match(text)
    if found is None:
        return None
    number = re.findall(r"\d{1,2}|[一二三四五六七八九十]", found.group())[0]
    style = found.lastgroup or ""
    if style == "paren" and not number.isdigit():
        style = "paren-chinese"  # （一） and （1） are two styles
    return style, int(number) if number.isdigit() else _CHINESE_NUMBERS[number]


def _with_numbered_items(goal: str, cells: list[Cell], start: int) -> str:
    """A goal that opens a numbered list (1.为2000名学生提供营养餐；) with the items that go on with its numbering in its
    own style, each opening a line of its own from cells[start] on (2.…, 3.…): they were dropped, the goal kept its
    first item only. The list ends at a number out of turn or of another style (二、保障措施 after 1. 2.), a line that
    is no goal text (a header, a group label, a measure's name), or a line naming a project (2、乙补贴（150万元）)."""
    item = item_number(goal)
    for cell in cells[start:]:
        text = cell.text.strip()
        if item is None or not (cell.first or cell.alone) or item_number(text) != (item[0], item[1] + 1):
            break  # 1. 2. then 二、保障措施 or （四）实施计划: the document's next part, numbered its own way
        if heading_field(text) or label_kind(text) or not _is_goal_text(text) or _numbered_project_name(text):
            break
        goal, item = f"{goal} {text}", (item[0], item[1] + 1)
    return goal


_BARE_UNIT_LABEL = re.compile(r"^单位\s*[:：]\s*(?P<name>\S{3,40})$")


def _figures_only(rest: str) -> bool:
    """Whether what follows a budget's label is figures and units only (：140万元, (万元)), not a name's words
    (预算资金到位率, 部门预算项目支出绩效自评表; 合计 or 万元 may follow a label)."""
    return len(_LABEL_REST.sub("", rest)) <= 2


def _is_goal_text(text: str) -> bool:
    """Prose long enough to be a goal, not a measure's name (总体完成率(%)) nor a figure."""
    listed = re.sub(r"^\s*[(（]?\d{1,2}\s*[)）、.．]\s*", "", text)  # 1、改善…: a goal written as a list
    return len(key(text)) >= 8 and not names_a_measure(heading_key(text)) and not looks_like_value(listed)


@cache
def _closing_openings() -> tuple[str, ...]:
    grammar = _grammar()
    return (*grammar["table_end"], *grammar["total_labels"], *grammar["closing_prefixes"])


def _numbered_project_line(cells: list[Cell], index: int) -> tuple[int, str]:
    """(the number of cells, the heading as one text) of a line that holds only a project's number, perhaps with its name,
    cut at its spaces (项目 | 2; 项目 | 二：山洪灾害防治; 项目 | 3 | 山洪灾害防治: 项目3：山洪灾害防治), else (0, "")."""
    line: list[str] = []
    for cell in cells[index : index + 4]:
        if cell.line != cells[index].line:
            break
        line.append(cell.text.strip())
    if not 2 <= len(line) <= 3 or line[0] != "项目":
        return 0, ""
    if _NUMBERED_PROJECT.fullmatch("".join(line)):
        return len(line), ""
    if len(line) == 3 and _PROJECT_NUMBER.fullmatch(line[1]):
        return 3, f"项目{line[1]}：{line[2]}"
    if len(line) == 2 and _PROJECT_NUMBER.match(line[1]) and re.match(r"[^:：]{1,6}[:：]\s*\S", line[1]):
        return 2, "项目" + line[1]
    return 0, ""


_PROJECT_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}[)）]?")


def _letter_spaced(cells: list[Cell], index: int) -> str:
    """The cell's text, or, for a cell of one character, the one-character cells after it on its line joined
    to it: 总 分 | 100 and 合 计 come apart at their spaces."""
    text = cells[index].text.strip()
    if len(text) != 1:
        return text
    for later in cells[index + 1 :]:
        if later.line != cells[index].line or len(later.text.strip()) != 1:
            break
        text += later.text.strip()
    return text


def _closing_line(cells: list[Cell], index: int, most: int = 4) -> str:
    """A closing cell with the rest of its row, as left out: the cells after it on its line, up to `most` in all
    and up to a cell that opens something else (a closing of another kind, a project's label), so that a text with no
    line breaks (a web page copied as one line) is not listed whole."""
    taken = [cells[index].text]
    opened = closing_of(_letter_spaced(cells, index))
    for later in cells[index + 1 : index + most]:
        closing = closing_of(later.text)
        other_kind = closing is not None and (opened is None or closing.kind != opened.kind)  # 合计 …, then 填表人
        if later.line != cells[index].line or other_kind or _is_project_label(later.text):
            break
        taken.append(later.text)
    return " | ".join(taken)[:200]


def _opens_with_budget_label(text: str) -> bool:
    """项目总预算（万元）, 预算金额: a cell that opens with a budget's label (indicator_grammar.yaml budget_labels)."""
    return _BRACKETS.sub("", key(text)).startswith(_form_labels().budget)


def _is_project_label(text: str) -> bool:
    compact_text = key(text)
    return any(compact_text.startswith(key(label)) for label in _grammar()["project_labels"])


def _ends_table(text: str) -> bool:
    """Text opening with a total, a note or a closing section (lexicons/indicator_grammar.yaml: table_end,
    total_labels, closing_prefixes), glued or not (合计金额, 说明本表…, 总分100, 存在问题和改进措施): the table
    ends there. A name that goes on to end like a measure (存在问题整改率, 总计划完成率, 总分馆服务点个数) is an
    indicator, read on: ending the table there dropped it and every row after it without a word."""
    compact_text = re.sub(r"\s+", "", text)
    opening = next((w for w in _closing_openings() if compact_text.startswith(w)), "")
    rest = compact_text[len(opening) :]
    labelled = opening.endswith((":", "：")) or ":" in rest[:16] or "：" in rest[:16]  # 注：…, 偏差…分析：… are notes
    return bool(opening) and (not rest or labelled or not names_a_measure(rest))


def prose_items(text: str) -> list[tuple[str, str]]:
    """A cell that lists several indicators with their targets (开展巡查频次8次;编制资料3个;…合格率≥86%)."""
    if len(re.findall(r"[;；]", text)) < 1:
        return []
    from scorer.ingest.nested import parse_prose_indicators

    items = []
    for name, value in parse_prose_indicators(text):
        if not value:
            name, value = _split_qualitative_tail(name)
        items.append((name, value))
    return items if sum(1 for _, v in items if v) >= 2 else []


def _split_qualitative_tail(name: str) -> tuple[str, str]:
    """文物保护名录和数据库基本健全 -> (文物保护名录和数据库, 基本健全): a target said in words at the end."""
    for word in sorted(_grammar()["value_words"], key=len, reverse=True):
        if len(word) < 2:
            continue
        position = name.rfind(word)
        if position >= 4 and len(name) - position <= 6:
            return name[:position], name[position:]
    return name, ""


def interpret_cells(cells: list[Cell], source: str) -> Document:
    return GrammarInterpreter(source).read(cells)


_AMOUNT = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_WEIGHT = re.compile(r"[1-9]\d?|100")  # a self-evaluation's 分值: a whole number of points
_GLUED_RUN = re.compile(r"[:：\s]*([\d.]{3,})\s*")
_RATE_CELL = re.compile(r"\s*(\d+(?:\.(\d+))?)\s*[%％]\s*")


def budget_before_its_rate(run: str, rate: str) -> float | None:
    """A self-evaluation's 年度资金总额 row copied with nothing between its cells: 全年预算数, 全年执行数 and 分值 run
    together (202010: 20, 20 and 10), or 年初预算数 before them (54544510: 54, 54, 45 and 10), the 执行率 after them
    (100.00%). The budget is the first figure of the one cut of the run into three or four figures (no leading zero, a
    whole weight of 1 to 100 last) whose spending over the year's budget is the rate, to the rate's decimals; None when
    the run is not followed by a rate, or no cut or cuts with two budgets fit. Asked only of cells cut out of a line
    with no separators (a figure and a rate written apart, 5510 100%, are as written)."""
    digits, written = _GLUED_RUN.fullmatch(run), _RATE_CELL.fullmatch(rate)
    if digits is None or written is None:
        return None
    run, percent = digits[1], float(written[1])
    tolerance = 0.5 * 10 ** -len(written[2] or "") + 1e-9
    budgets: set[float] = set()
    for figures in (3, 4):
        for cuts in itertools.combinations(range(1, len(run)), figures - 1):
            parts = [run[start:stop] for start, stop in itertools.pairwise((0, *cuts, len(run)))]
            *amounts, weight = parts
            if not all(_AMOUNT.fullmatch(part) for part in amounts) or not _WEIGHT.fullmatch(weight):
                continue
            budget, spent = float(amounts[-2]), float(amounts[-1])
            if budget > 0 and abs(100 * spent / budget - percent) <= tolerance:
                budgets.add(float(amounts[0]))
    return budgets.pop() if len(budgets) == 1 else None
