"""The letter sent back to a unit (退回修改): a 修改意见 .docx per unit and year, listing each project with
its weak rows, the reason and the suggested fix, worst first, so the unit fixes the defects before the
weak wording. Findings the reviewer overruled (不同意, scorer.decisions) and notes (info) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scorer.messages import language, text
from scorer.report import plain, scored_findings

_SEVERITY_ORDER = {"error": 0, "warning": 1}
_NUMBERS = "一二三四五六七八九十"


@dataclass
class LetterRow:
    level2: str
    indicator: str
    value: str
    score: float
    reasons: list[str]
    fixes: list[str]
    worst: int  # 0 error, 1 warning
    suggestions: str = ""  # letter --suggest (scorer.library)


@dataclass
class LetterProject:
    name: str
    score: float
    grade: str
    rows: list[LetterRow] = field(default_factory=list)
    project_reasons: list[str] = field(default_factory=list)


@dataclass
class Letter:
    unit: str
    year: str
    sources: list[str]
    projects: list[LetterProject]

    @property
    def year_said(self) -> str:
        """The year as the letter's title says it: 2024年度, or with --lang en " 2024"; empty without one."""
        return text("letter.year", year=self.year) if self.year else ""

    @property
    def file_name(self) -> str:
        name = text("letter.file_name", unit=self.unit, year=self.year_said)
        return re.sub(r'[\\/:*?"<>|\s]+', "_", name) + ".docx"


def letters(result) -> list[Letter]:
    """One letter per unit and year (a document whose unit was not read is its own letter, named by file)."""
    findings = scored_findings(result.findings)
    findings = findings[findings["severity"].isin(list(_SEVERITY_ORDER))] if len(findings) else findings
    by_row: dict[tuple[str, int, int], list] = {}
    by_project: dict[tuple[str, int], list] = {}
    for record in findings.itertuples():
        if record.row is None or record.row != record.row:
            by_project.setdefault((record.source, int(record.project_index)), []).append(record)
        else:
            by_row.setdefault((record.source, int(record.project_index), int(record.row)), []).append(record)
    rows_of: dict[tuple[str, int], list] = {}
    for record in result.rows.itertuples():
        rows_of.setdefault((record.source, int(record.project_index)), []).append(record)

    grouped: dict[tuple[str, str], Letter] = {}
    for project in result.projects.sort_values(["score", "source", "project_index"]).itertuples():
        key = (project.source, int(project.project_index))
        unit = plain(project.unit) or Path(project.source).stem
        year = plain(project.year)
        letter = grouped.setdefault((unit, year), Letter(unit, year, [], []))
        if project.source not in letter.sources:
            letter.sources.append(project.source)
        item = LetterProject(project.project, project.score, project.grade)
        for row in rows_of.get(key, []):
            found = by_row.get((*key, int(row.row_index)), [])
            if not found:
                continue
            item.rows.append(
                LetterRow(
                    row.level2,
                    row.level3 or row.description,
                    row.value,
                    row.score,
                    list(dict.fromkeys(f.message for f in found)),
                    list(dict.fromkeys(f.fix for f in found if f.fix)),
                    min(_SEVERITY_ORDER[f.severity] for f in found),
                    str(getattr(row, "suggestions", "") or ""),
                )
            )
        item.rows.sort(key=lambda r: (r.worst, r.score))
        item.project_reasons = list(dict.fromkeys(f.message for f in by_project.get(key, [])))
        if item.rows or item.project_reasons:
            letter.projects.append(item)
    return [letter for letter in grouped.values() if letter.projects]


def _number(n: int) -> str:
    if language() == "en":
        return str(n)
    if n <= 10:
        return _NUMBERS[n - 1]
    if n < 20:
        return "十" + _NUMBERS[n - 11]
    return str(n)


def write_letter(letter: Letter, path: str | Path) -> None:
    from docx import Document
    from docx.shared import Pt

    from scorer.atomic import atomic_output

    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    title = text("letter.title", unit=letter.unit, year=letter.year_said)
    document.add_heading(title, level=1)
    rows = sum(len(p.rows) for p in letter.projects)
    document.add_paragraph(text("letter.opening", unit=letter.unit, projects=len(letter.projects), rows=rows))
    separator = text("letter.separator")
    for number, project in enumerate(letter.projects, start=1):
        heading = text("letter.project", number=_number(number), name=project.name, score=project.score, grade=project.grade)
        document.add_heading(heading, level=2)
        if project.project_reasons:
            document.add_paragraph(text("letter.project_reasons") + separator.join(project.project_reasons))
        if not project.rows:
            continue
        columns = ["number", "indicator", "value", "reasons", "fixes"]
        suggested = any(row.suggestions for row in project.rows)
        if suggested:
            columns.append("suggestions")
        headings = [text(f"letter.col.{column}") for column in columns]
        table = document.add_table(rows=1, cols=len(headings))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            cell.text = heading
        for position, row in enumerate(project.rows, start=1):
            cells = table.add_row().cells
            cells[0].text = str(position)
            cells[1].text = text("letter.row", level2=row.level2, indicator=row.indicator) if row.level2 else row.indicator
            cells[2].text = row.value
            cells[3].text = separator.join(row.reasons)
            cells[4].text = separator.join(row.fixes)
            if suggested:
                cells[5].text = row.suggestions.replace("；", "\n")
    document.add_paragraph("")
    document.add_paragraph(text("letter.signature"))
    document.core_properties.author = "zhibiao"
    document.core_properties.title = title
    with atomic_output(path) as temporary:
        document.save(str(temporary))
