"""The review workbook: 项目排名, 指标明细, 规则统计, 说明 (openpyxl), in the language of the run (sheet names,
headings and notes from scorer/messages.py; the findings' own messages are as the rules wrote them).

Text cells are always written as text, so a cell like `=HYPERLINK(...)` or `=7人` is never a formula.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorer.atomic import atomic_output
from scorer.inputs import GENERATOR
from scorer.messages import language, place, text
from scorer.report import plain, scored_findings, worst_severity_by_row
from scorer.report.terminal import CATEGORY_NAMES, category_meanings, category_name
from scorer.scoring import explained
from scorer.text import display_width
from scorer.types import CATEGORIES

if TYPE_CHECKING:
    from scorer.decisions import Note, PlacedNotes

GRADE_FILLS = {"A": "C6EFCE", "B": "E2F0D9", "C": "FFF2CC", "D": "FCE4D6", "E": "F8CBAD"}
SEVERITY_FILLS = {"error": "F8CBAD", "warning": "FFF2CC"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _text(value: object) -> str:
    """A cell's text, without the control characters a workbook cannot hold (a damaged file's \x01)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


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


def _finish(sheet: Worksheet, headers: list[str], widths: dict[int, int] | None = None) -> None:
    for column, heading in enumerate(headers, start=1):
        cell = put(sheet, 1, column, heading)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    for column in range(1, len(headers) + 1):
        longest = max((display_width(_text(c.value)) for c in sheet[get_column_letter(column)]), default=8)
        cap = (widths or {}).get(column, 40)
        sheet.column_dimensions[get_column_letter(column)].width = max(6, min(cap, longest + 2))


def write_xlsx(result, path: str | Path, notes: PlacedNotes | None = None) -> None:
    """notes: scorer.decisions.PlacedNotes, what a reviewer wrote on lines of a workbook read with --decisions
    (备注, 审核人, 审核日期, with a verdict or without): written on the same lines where no decision is."""
    workbook = Workbook()
    ranking = workbook.active
    ranking.title = text("xlsx.sheet.ranking")
    _ranking_sheet(ranking, result, notes.by_project if notes is not None else {})
    _rows_sheet(workbook.create_sheet(text("xlsx.sheet.rows")), result, notes.by_row if notes is not None else {})
    _left_out_sheet(workbook.create_sheet(text("xlsx.sheet.left_out")), result)
    _rules_sheet(workbook.create_sheet(text("xlsx.sheet.rules")), result)
    _notes_sheet(workbook.create_sheet(text("xlsx.sheet.notes")), result)
    workbook.properties.creator = "zhibiao"
    workbook.properties.keywords = GENERATOR  # a folder run recognises its own workbook by it
    with atomic_output(path) as temporary:
        workbook.save(temporary)


def _ranking_sheet(sheet: Worksheet, result, notes: dict[tuple[str, int], Note]) -> None:
    from scorer.decisions import review_headers

    headers = [
        *_headings("rank", "rank_in_document", "unit", "year", "document", "project", "budget"),
        *_headings("indicators", "findings", "score", "grade"),
        *[category_name(c) for c in CATEGORIES],
        *_headings("project_findings", "project_codes"),
        *review_headers(),
    ]
    decisions = _project_decisions(result.findings) if "decision" in result.findings.columns else {}
    grade_column = headers.index(text("xlsx.col.grade")) + 1
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
            *_review((record.source, record.project_index), decisions, notes),
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, number, column, value)
        sheet.cell(row=number, column=grade_column).fill = PatternFill("solid", fgColor=GRADE_FILLS.get(record.grade, "FFFFFF"))
    _review_choice(sheet, headers)
    _finish(sheet, headers, {3: 30, 6: 40, headers.index(text("xlsx.col.project_findings")) + 1: 80})


def _headings(*fields: str) -> list[str]:
    return [text(f"xlsx.col.{field}") for field in fields]


def _review_choice(sheet: Worksheet, headers: list[str]) -> None:
    """The 审核意见 column as a drop-down of 同意 / 不同意 / 待定 (agree / disagree / pending in English; the
    decisions reader takes either)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from scorer.decisions import VERDICTS, verdict_label

    title = text("xlsx.col.decision")
    letter = get_column_letter(headers.index(title) + 1)
    choices = [verdict_label(verdict) for verdict in VERDICTS]
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=text("xlsx.choice.error"),
        promptTitle=title,
        prompt=text("xlsx.choice.prompt"),
        showInputMessage=True,
    )
    sheet.add_data_validation(choice)
    choice.add(f"{letter}2:{letter}{max(2, sheet.max_row)}")


def _project_decisions(findings) -> dict[tuple[str, int], tuple[str, str, str, str]]:
    """(source, project_index) -> the decision on the project's own findings, where they all share one."""
    decided: dict[tuple[str, int], set[tuple[str, str, str, str]]] = {}
    for record in findings.itertuples():
        if record.row is None or record.row != record.row:
            decided.setdefault((record.source, int(record.project_index)), set()).add(_review_cells(record))
    return {key: next(iter(values)) for key, values in decided.items() if len(values) == 1 and next(iter(values))[0]}


def _row_decisions(findings) -> dict[tuple[str, int, int], tuple[str, str, str, str]]:
    """(source, project_index, row) -> (审核意见, 备注, 审核人, 审核日期) carried over from --decisions, where
    every finding of the row had the same decision (a row with a new, undecided finding is left blank)."""
    decided: dict[tuple[str, int, int], set[tuple[str, str, str, str]]] = {}
    for record in findings.itertuples():
        if record.row is None or record.row != record.row:
            continue
        key = (record.source, int(record.project_index), int(record.row))
        decided.setdefault(key, set()).add(_review_cells(record))
    return {key: next(iter(values)) for key, values in decided.items() if len(values) == 1 and next(iter(values))[0]}


def _review(key: tuple, decisions: dict, notes: dict[tuple, Note]) -> tuple[str, str, str, str]:
    """The review cells of a line: its decision carried over, else the note written on it (no verdict), else blank."""
    if key in decisions:
        return decisions[key]
    if key in notes:
        return notes[key].cells()
    return ("", "", "", "")


def _review_cells(record) -> tuple[str, str, str, str]:
    """(审核意见, 备注, 审核人, 审核日期) of a finding, the verdict in the workbook's language."""
    from scorer.decisions import verdict_label

    decision = _text(record.decision)
    return (verdict_label(decision) if decision else "", _text(record.note), _text(record.reviewer), _text(record.decided_on))


def _rows_sheet(sheet: Worksheet, result, notes: dict[tuple[str, int, int], Note]) -> None:
    from scorer.decisions import review_headers

    headers = [
        *_headings("document", "project", "level1", "level2", "level3", "description", "value", "basis", "score"),
        *_headings("categories", "codes", "reasons", "fixes", "location"),
        *review_headers(),
    ]
    suggested = "suggestions" in result.rows.columns  # score --suggest
    if suggested:
        headers.append(text("xlsx.col.suggestions"))
    findings = result.findings
    worst = worst_severity_by_row(scored_findings(findings))
    decisions = _row_decisions(findings) if "decision" in findings.columns else {}
    for number, record in enumerate(result.rows.itertuples(), start=2):
        categories = "；".join(category_name(c) for c in record.categories.split(";") if c)
        review = _review((record.source, record.project_index, record.row_index), decisions, notes)
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
            place(record.location),
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
            value_cell.comment = Comment(_text(record.messages)[:2000], "zhibiao", width=320, height=160)
    _review_choice(sheet, headers)
    _finish(sheet, headers, {5: 30, 6: 30, 12: 60, 13: 40, len(headers) - 2: 40})


def _rules_sheet(sheet: Worksheet, result) -> None:
    from scorer.rules import load_rules

    english = language() == "en"
    headers = _headings("rule", "title", "category", "severity", "scope", "count", "about")
    if not english:  # an English workbook names the rules by these names already
        headers += _headings("code_name")
    counts = Counter(result.findings["code"]) if not result.findings.empty else Counter()
    for number, (code, rule) in enumerate(sorted(load_rules().items()), start=2):
        values = [
            code,
            rule.name if english else rule.title,
            category_name(rule.category),
            text(f"severity.{rule.severity.value}"),
            text(f"scope.{rule.scope}"),
            counts.get(code, 0),
            rule.what,
            *([] if english else [rule.name]),
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, number, column, value)
    _finish(sheet, headers, {2: 30, 7: 80})


def _left_out_sheet(sheet: Worksheet, result) -> None:
    """What the readers saw in each file and did not take as an indicator (a 合计 line, a signature, a row
    they could not place), with its place and why: a reviewer checks here that nothing was lost."""
    from scorer.messages import skip_reason

    headers = _headings("document", "location", "why_left_out", "content")
    skipped = [(document, skip) for document in result.documents for skip in document.skipped]
    for number, (document, skip) in enumerate(skipped, start=2):
        values = [Path(document.source).name, place(str(skip.location)), skip_reason(skip.reason), skip.text]
        for column, value in enumerate(values, start=1):
            put(sheet, number, column, value)
    _finish(sheet, headers, {2: 30, 3: 40, 4: 80})


def _notes_sheet(sheet: Worksheet, result) -> None:
    headers = _headings("item", "explanation")
    lines = [(c if language() == "en" else f"{CATEGORY_NAMES[c]}（{c}）", category_meanings()[c]) for c in CATEGORIES]
    lines += explained()
    lines += [(text(f"notes.{item}"), text(f"notes.{item}.text")) for item in ("findings", "colours", "review")]
    lines += [(text("notes.not_read"), error.message) for error in result.errors]
    for number, (title, explanation) in enumerate(lines, start=2):
        put(sheet, number, 1, title)
        put(sheet, number, 2, explanation).alignment = Alignment(wrap_text=True, vertical="top")
    _finish(sheet, headers, {2: 100})
