"""The review workbook: 项目排名, 指标明细, 规则统计, 说明 (openpyxl).

Text cells are always written as text, so a cell like `=HYPERLINK(...)` or `=7人` is never a formula.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorer.inputs import GENERATOR
from scorer.report import plain, scored_findings, worst_severity_by_row
from scorer.report.atomic import atomic_output
from scorer.report.terminal import CATEGORY_NAMES, category_meanings
from scorer.scoring import explained
from scorer.types import CATEGORIES

GRADE_FILLS = {"A": "C6EFCE", "B": "E2F0D9", "C": "FFF2CC", "D": "FCE4D6", "E": "F8CBAD"}
SEVERITY_FILLS = {"error": "F8CBAD", "warning": "FFF2CC"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def put(sheet: Worksheet, row: int, column: int, value: object):
    """Write a cell: numbers as numbers, everything else as literal text (never a formula)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, bool) or value is None:
        cell.value = _text(value)
    elif isinstance(value, (int, float)):
        cell.value = None if value != value else value
    else:
        cell.value = _text(value)
        cell.data_type = "s"
    return cell


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _finish(sheet: Worksheet, headers: list[str], widths: dict[int, int] | None = None) -> None:
    for column, heading in enumerate(headers, start=1):
        cell = put(sheet, 1, column, heading)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    for column in range(1, len(headers) + 1):
        longest = max((_display_width(_text(c.value)) for c in sheet[get_column_letter(column)]), default=8)
        cap = (widths or {}).get(column, 40)
        sheet.column_dimensions[get_column_letter(column)].width = max(6, min(cap, longest + 2))


def write_xlsx(result, path: str | Path) -> None:
    workbook = Workbook()
    ranking = workbook.active
    ranking.title = "项目排名"
    _ranking_sheet(ranking, result)
    _rows_sheet(workbook.create_sheet("指标明细"), result)
    _rules_sheet(workbook.create_sheet("规则统计"), result)
    _notes_sheet(workbook.create_sheet("说明"), result)
    workbook.properties.creator = "zhibiao"
    workbook.properties.keywords = GENERATOR  # a folder run recognises its own workbook by it
    with atomic_output(path) as temporary:
        workbook.save(temporary)


def _ranking_sheet(sheet: Worksheet, result) -> None:
    from scorer.decisions import REVIEW_HEADERS

    headers = [
        "排名",
        "文件内排名",
        "单位",
        "年度",
        "文件",
        "项目",
        "预算(万元)",
        "指标数",
        "问题数",
        "得分",
        "等级",
        *[CATEGORY_NAMES[c] for c in CATEGORIES],
        "项目层面问题",
        "项目层面规则",
        *REVIEW_HEADERS,
    ]
    decisions = _project_decisions(result.findings) if "decision" in result.findings.columns else {}
    grade_column = headers.index("等级") + 1
    rows = result.rows
    counts: dict[tuple[str, int], Counter] = {}
    for source, p_index, categories in zip(rows["source"], rows["project_index"], rows["categories"], strict=True):
        counts.setdefault((source, p_index), Counter()).update(c for c in categories.split(";") if c)
    for number, record in enumerate(result.projects.sort_values(["rank", "source", "project_index"]).itertuples(), start=2):
        category_counts = counts.get((record.source, record.project_index), Counter())
        values = [
            record.rank,
            record.rank_in_document,
            plain(record.unit),
            plain(record.year),
            Path(record.source).name,
            record.project,
            record.budget,
            record.indicators,
            record.findings,
            record.score,
            record.grade,
            *[category_counts.get(c, 0) for c in CATEGORIES],
            record.messages,
            record.codes,
            *decisions.get((record.source, record.project_index), ("", "", "", "")),
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, number, column, value)
        sheet.cell(row=number, column=grade_column).fill = PatternFill("solid", fgColor=GRADE_FILLS.get(record.grade, "FFFFFF"))
    _review_choice(sheet, headers)
    _finish(sheet, headers, {3: 30, 6: 40, headers.index("项目层面问题") + 1: 80})


def _review_choice(sheet: Worksheet, headers: list[str]) -> None:
    """The 审核意见 column as a drop-down of 同意 / 不同意 / 待定."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from scorer.decisions import REVIEW_HEADERS, VERDICTS

    letter = get_column_letter(headers.index(REVIEW_HEADERS[0]) + 1)
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(VERDICTS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="审核意见",
        error="请选择：" + "、".join(VERDICTS),
        promptTitle="审核意见",
        prompt="同意：问题成立；不同意：豁免此问题，不扣分；待定",
        showInputMessage=True,
    )
    sheet.add_data_validation(choice)
    choice.add(f"{letter}2:{letter}{max(2, sheet.max_row)}")


def _project_decisions(findings) -> dict[tuple[str, int], tuple[str, str, str, str]]:
    """(source, project_index) -> the decision on the project's own findings, where they all share one."""
    decided: dict[tuple[str, int], set[tuple[str, str, str, str]]] = {}
    for record in findings.itertuples():
        if record.row is None or record.row != record.row:
            decided.setdefault((record.source, int(record.project_index)), set()).add(
                (_text(record.decision), _text(record.note), _text(record.reviewer), _text(record.decided_on))
            )
    return {key: next(iter(values)) for key, values in decided.items() if len(values) == 1 and next(iter(values))[0]}


def _row_decisions(findings) -> dict[tuple[str, int, int], tuple[str, str, str, str]]:
    """(source, project_index, row) -> (审核意见, 备注, 审核人, 审核日期) carried over from --decisions, where
    every finding of the row had the same decision (a row with a new, undecided finding is left blank)."""
    decided: dict[tuple[str, int, int], set[tuple[str, str, str, str]]] = {}
    for record in findings.itertuples():
        if record.row is None or record.row != record.row:
            continue
        key = (record.source, int(record.project_index), int(record.row))
        decided.setdefault(key, set()).add(
            (_text(record.decision), _text(record.note), _text(record.reviewer), _text(record.decided_on))
        )
    return {key: next(iter(values)) for key, values in decided.items() if len(values) == 1 and next(iter(values))[0]}


def _rows_sheet(sheet: Worksheet, result) -> None:
    from scorer.decisions import REVIEW_HEADERS

    headers = [
        "文件",
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "指标值",
        "指标值确定依据",
        "得分",
        "问题类别",
        "规则",
        "原因",
        "修改建议",
        "位置",
        *REVIEW_HEADERS,
    ]
    suggested = "suggestions" in result.rows.columns  # score --suggest
    if suggested:
        headers.append("推荐指标")
    findings = result.findings
    worst = worst_severity_by_row(scored_findings(findings))
    decisions = _row_decisions(findings) if "decision" in findings.columns else {}
    for number, record in enumerate(result.rows.itertuples(), start=2):
        categories = "；".join(CATEGORY_NAMES.get(c, c) for c in record.categories.split(";") if c)
        review = decisions.get((record.source, record.project_index, record.row_index), ("", "", "", ""))
        values = [
            Path(record.source).name,
            record.project,
            record.level1,
            record.level2,
            record.level3,
            record.description,
            record.value,
            record.basis,
            record.score,
            categories,
            record.codes,
            record.messages,
            record.fixes,
            record.location,
            *review,
            *([record.suggestions] if suggested else []),
        ]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, number, column, value)
            if column in (12, 13):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        severity = worst.get((record.source, record.project_index, record.row_index))
        if severity in SEVERITY_FILLS:
            fill = PatternFill("solid", fgColor=SEVERITY_FILLS[severity])
            for column in (5, 7, 9):
                sheet.cell(row=number, column=column).fill = fill
            value_cell = sheet.cell(row=number, column=7)
            value_cell.comment = Comment(record.messages[:2000], "zhibiao", width=320, height=160)
    _review_choice(sheet, headers)
    _finish(sheet, headers, {5: 30, 6: 30, 12: 60, 13: 40, len(headers) - 2: 40})


def _rules_sheet(sheet: Worksheet, result) -> None:
    from scorer.registry import load_rules

    headers = ["规则", "名称", "类别", "级别", "范围", "次数", "英文名称与说明"]
    severity = {"error": "缺陷", "warning": "较弱", "info": "提示"}
    scope = {"row": "指标", "project": "项目", "document": "文件", "corpus": "全部文件"}
    counts = Counter(result.findings["code"]) if not result.findings.empty else Counter()
    for number, (code, rule) in enumerate(sorted(load_rules().items()), start=2):
        values = [
            code,
            rule.title,
            CATEGORY_NAMES.get(rule.category, rule.category),
            severity.get(rule.severity.value, rule.severity.value),
            scope.get(rule.scope, rule.scope),
            counts.get(code, 0),
            f"{rule.name}: {rule.summary}",
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, number, column, value)
    _finish(sheet, headers, {7: 80})


def _notes_sheet(sheet: Worksheet, result) -> None:
    headers = ["项目", "说明"]
    lines = [(f"{CATEGORY_NAMES[c]}（{c}）", category_meanings()[c]) for c in CATEGORIES]
    lines += explained()
    lines += [
        ("问题数", "有缺陷或较弱的发现之和；提示（info）不计入。"),
        ("填色", "红色：有缺陷的指标；黄色：较弱的指标。把鼠标移到指标值上可看到原因。"),
        (
            "审核意见",
            "在“指标明细”（按指标）或“项目排名”（按项目层面问题）的审核意见列选择 同意 / 不同意 / 待定，"
            "可填备注、审核人、审核日期；保存后运行 zhibiao score … --decisions 本工作簿 --xlsx 新工作簿："
            "“不同意”的问题标为已豁免、不再扣分，审核意见带入新工作簿。",
        ),
    ]
    lines += [("未读取的文件", error.message) for error in result.errors]
    for number, (title, text) in enumerate(lines, start=2):
        put(sheet, number, 1, title)
        put(sheet, number, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    _finish(sheet, headers, {2: 100})
