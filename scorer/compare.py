"""Two scored versions of tables side by side (a first submission and its revision, or last year's and this
year's): projects matched by unit and name, rows within a project by name; per project the findings fixed,
still open and new, the score and grade before and after, rows added, removed and changed.

A finding is (row name, rule code); notes (info: carried over from last year …) are shown by the scorer but
are not findings here, so a table kept unchanged from last year compares as unchanged, never as worse.
Findings the reviewer overruled (scorer.decisions) do not count either.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from scorer.messages import language, text, text_in
from scorer.report import plain, scored_findings
from scorer.text import compact, without_controls

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"


@dataclass(frozen=True)
class FindingChange:
    indicator: str  # the row's name; empty for a project-level finding
    code: str
    message: str
    old_value: str = ""
    new_value: str = ""


@dataclass
class ProjectComparison:
    unit: str
    name: str
    status: str  # ADDED, REMOVED, CHANGED or UNCHANGED
    old_source: str = ""
    new_source: str = ""
    old_score: float | None = None
    new_score: float | None = None
    old_grade: str = ""
    new_grade: str = ""
    fixed: list[FindingChange] = field(default_factory=list)
    still_open: list[FindingChange] = field(default_factory=list)
    new: list[FindingChange] = field(default_factory=list)
    rows_added: list[str] = field(default_factory=list)
    rows_removed: list[str] = field(default_factory=list)
    rows_changed: list[tuple[str, str, str]] = field(default_factory=list)  # (name, old value, new value)


@dataclass
class Comparison:
    projects: list[ProjectComparison]

    def count(self, what: str) -> int:
        return sum(len(getattr(p, what)) for p in self.projects)

    def with_status(self, status: str) -> list[ProjectComparison]:
        return [p for p in self.projects if p.status == status]

    def summary(self) -> str:
        """The one-line summary in the reviewer's language (terminal and HTML)."""
        return text(
            "compare.summary",
            projects=len(self.projects),
            changed=len(self.projects) - len(self.with_status(UNCHANGED)),
            fixed=self.count("fixed"),
            open=self.count("still_open"),
            new=self.count("new"),
            added=len(self.with_status(ADDED)),
            removed=len(self.with_status(REMOVED)),
        )


@dataclass
class _Side:
    """One scored version of one project: its rows (name, value) and its counted findings."""

    unit: str
    name: str
    source: str
    score: float | None
    grade: str
    rows: list[tuple[str, str]]
    findings: dict[int | None, list[tuple[str, str]]]  # row index (None: the project) -> [(code, message)]


def _sides(result) -> list[_Side]:
    findings = scored_findings(result.findings)
    findings = findings[findings["severity"] != "info"] if len(findings) else findings
    by_project: dict[tuple[str, int], dict[int | None, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for record in findings.itertuples():
        row = None if record.row is None or record.row != record.row else int(record.row)
        by_project[(record.source, int(record.project_index))][row].append((record.code, record.message))
    rows: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for record in result.rows.itertuples():
        rows[(record.source, int(record.project_index))].append((record.level3 or record.description, record.value))
    sides = []
    for record in result.projects.itertuples():
        key = (record.source, int(record.project_index))
        sides.append(
            _Side(
                plain(record.unit),
                record.project,
                record.source,
                record.score,
                record.grade,
                rows.get(key, []),
                by_project.get(key, {}),
            )
        )
    return sides


def _pair(old: list, new: list, key) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of positions with equal keys (in order where a key repeats), and the positions left unpaired."""
    waiting: dict[object, list[int]] = defaultdict(list)
    for position, item in enumerate(new):
        waiting[key(item)].append(position)
    pairs, old_only = [], []
    for position, item in enumerate(old):
        candidates = waiting.get(key(item))
        if candidates:
            pairs.append((position, candidates.pop(0)))
        else:
            old_only.append(position)
    paired_new = {n for _, n in pairs}
    return pairs, old_only, [n for n in range(len(new)) if n not in paired_new]


def compare_results(old_result, new_result) -> Comparison:
    from scorer.duplicates import project_key, unit_key

    old_sides, new_sides = _sides(old_result), _sides(new_result)
    # the unit as the duplicates module compares it (人民代表大会 ~ 人大), then the name as written, then the
    # name with terms and years masked (十四届 ~ 十五届); a unit read on one side only matches by name alone
    keys = [
        lambda s: (unit_key(s.unit), compact(s.name)),
        lambda s: (unit_key(s.unit), project_key(s.name)),
        lambda s: compact(s.name),
    ]
    old_left, new_left = list(range(len(old_sides))), list(range(len(new_sides)))
    projects = []
    for number, key in enumerate(keys):
        olds, news = [old_sides[i] for i in old_left], [new_sides[i] for i in new_left]
        if number == 2:  # the name alone, where either side has no unit
            pairs = [(o, n) for o, n in _pair(olds, news, lambda s: compact(s.name))[0] if not (olds[o].unit and news[n].unit)]
        else:
            pairs = _pair(olds, news, key)[0]
        projects += [_compare_project(olds[o], news[n]) for o, n in pairs]
        paired_old, paired_new = {o for o, _ in pairs}, {n for _, n in pairs}
        old_left = [i for position, i in enumerate(old_left) if position not in paired_old]
        new_left = [i for position, i in enumerate(new_left) if position not in paired_new]
    for o in old_left:
        side = old_sides[o]
        projects.append(
            ProjectComparison(
                side.unit,
                side.name,
                REMOVED,
                old_source=side.source,
                old_score=side.score,
                old_grade=side.grade,
                rows_removed=[name for name, _ in side.rows],
            )
        )
    for n in new_left:
        side = new_sides[n]
        comparison = ProjectComparison(
            side.unit,
            side.name,
            ADDED,
            new_source=side.source,
            new_score=side.score,
            new_grade=side.grade,
            rows_added=[name for name, _ in side.rows],
        )
        comparison.new = [
            FindingChange(
                side.rows[r][0] if r is not None else "", code, message, new_value=side.rows[r][1] if r is not None else ""
            )
            for r, found in sorted(side.findings.items(), key=lambda i: -1 if i[0] is None else i[0])
            for code, message in found
        ]
        projects.append(comparison)
    return Comparison(projects)


def _compare_project(old: _Side, new: _Side) -> ProjectComparison:
    comparison = ProjectComparison(
        new.unit or old.unit, new.name, UNCHANGED, old.source, new.source, old.score, new.score, old.grade, new.grade
    )
    pairs, old_only, new_only = _pair(old.rows, new.rows, lambda row: compact(row[0]))
    comparison.rows_removed = [old.rows[i][0] for i in old_only]
    comparison.rows_added = [new.rows[i][0] for i in new_only]
    matched: list[tuple[int | None, int | None]] = [(o, n) for o, n in pairs]
    matched.append((None, None))  # the project's own findings
    for o, n in matched:
        before = dict(old.findings.get(o, []))
        after = dict(new.findings.get(n, []))
        name = old.rows[o][0] if o is not None else ""
        old_value = old.rows[o][1] if o is not None else ""
        new_value = new.rows[n][1] if n is not None else ""
        if o is not None and compact(old_value) != compact(new_value):
            comparison.rows_changed.append((name, old_value, new_value))
        for code, message in before.items():
            target = comparison.still_open if code in after else comparison.fixed
            target.append(FindingChange(name, code, after.get(code, message), old_value, new_value))
        for code, message in after.items():
            if code not in before:
                comparison.new.append(FindingChange(name, code, message, old_value, new_value))
    for n in new_only:
        for code, message in new.findings.get(n, []):
            comparison.new.append(FindingChange(new.rows[n][0], code, message, "", new.rows[n][1]))
    if (
        comparison.fixed
        or comparison.new
        or comparison.rows_added
        or comparison.rows_removed
        or comparison.rows_changed
        or old.score != new.score
    ):
        comparison.status = CHANGED
    return comparison


# --- tables for the workbook ---------------------------------------------------------------------------

_PROJECT_COLUMNS = (
    "unit",
    "project",
    "status",
    "old_score",
    "old_grade",
    "new_score",
    "new_grade",
    "score_change",
    "fixed",
    "still_open",
    "new",
    "rows_added",
    "rows_removed",
    "rows_changed",
    "old_source",
    "new_source",
)
_CHANGE_COLUMNS = ("unit", "project", "status", "indicator", "old_value", "new_value", "rule", "message")


def project_headers() -> list[str]:
    """The headings of the 项目对比 sheet, in the language of the run."""
    return [text(f"compare.col.{column}") for column in _PROJECT_COLUMNS]


def change_headers() -> list[str]:
    """The headings of the 指标变化 sheet, in the language of the run."""
    return [text(f"compare.col.{column}") for column in _CHANGE_COLUMNS]


def status_name(status: str) -> str:
    """A project's change (ADDED, REMOVED, CHANGED, UNCHANGED) as the workbook and the page say it."""
    return text(f"compare.status_name.{status}")


_FINDING_STATUS_KEYS = {
    "fixed": "compare.fixed",
    "still_open": "compare.still_open",
    "new": "compare.new",
    "rows_added": "compare.row_added",
    "rows_removed": "compare.row_removed",
}


def finding_status(what: str) -> str:
    """fixed, still_open, new, rows_added or rows_removed, as the workbook and the page say it."""
    return text(_FINDING_STATUS_KEYS[what])


PROJECT_HEADERS = [text_in("zh", f"compare.col.{column}") for column in _PROJECT_COLUMNS]  # the default headings
CHANGE_HEADERS = [text_in("zh", f"compare.col.{column}") for column in _CHANGE_COLUMNS]
STATUS_NAMES = {status: text_in("zh", f"compare.status_name.{status}") for status in (ADDED, REMOVED, CHANGED, UNCHANGED)}
FINDING_STATUS = {what: text_in("zh", _FINDING_STATUS_KEYS[what]) for what in ("fixed", "still_open", "new")}


def project_table(comparison: Comparison) -> pd.DataFrame:
    records = []
    for p in comparison.projects:
        change = (p.new_score - p.old_score) if p.new_score is not None and p.old_score is not None else None
        records.append(
            [
                p.unit,
                p.name,
                status_name(p.status),
                p.old_score,
                p.old_grade,
                p.new_score,
                p.new_grade,
                None if change is None else round(change, 1),
                len(p.fixed),
                len(p.still_open),
                len(p.new),
                len(p.rows_added),
                len(p.rows_removed),
                len(p.rows_changed),
                Path(p.old_source).name if p.old_source else "",
                Path(p.new_source).name if p.new_source else "",
            ]
        )
    return pd.DataFrame(records, columns=project_headers())


def change_table(comparison: Comparison) -> pd.DataFrame:
    records = []
    for p in comparison.projects:
        for what in ("fixed", "new", "still_open"):
            for change in getattr(p, what):
                records.append(
                    [
                        p.unit,
                        p.name,
                        finding_status(what),
                        change.indicator or text("compare.project_level"),
                        change.old_value,
                        change.new_value,
                        change.code,
                        change.message,
                    ]
                )
        records += [[p.unit, p.name, finding_status("rows_added"), name, "", "", "", ""] for name in p.rows_added]
        records += [[p.unit, p.name, finding_status("rows_removed"), name, "", "", "", ""] for name in p.rows_removed]
    return pd.DataFrame(records, columns=change_headers())


def write_comparison_xlsx(comparison: Comparison, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from scorer.atomic import atomic_output
    from scorer.inputs import GENERATOR
    from scorer.report.xlsx import _finish, put

    fills = {
        finding_status("fixed"): "C6EFCE",
        finding_status("new"): "F8CBAD",
        finding_status("still_open"): "FFF2CC",
        status_name(REMOVED): "D9D9D9",
        status_name(ADDED): "DDEBF7",
    }
    workbook = Workbook()
    sheets = [
        (workbook.active, text("compare.sheet.projects"), project_table(comparison), 3),
        (None, text("compare.sheet.changes"), change_table(comparison), 3),
    ]
    for sheet, title, frame, status_column in sheets:
        sheet = sheet or workbook.create_sheet(title)
        sheet.title = title
        for number, values in enumerate(frame.itertuples(index=False), start=2):
            for column, value in enumerate(values, start=1):
                put(sheet, number, column, value)
            status = values[status_column - 1]
            if status in fills:
                sheet.cell(row=number, column=status_column).fill = PatternFill("solid", fgColor=fills[status])
        _finish(sheet, list(frame.columns), {2: 40, 8: 80})
    workbook.properties.creator = "zhibiao"
    workbook.properties.keywords = GENERATOR
    with atomic_output(path) as temporary:
        workbook.save(temporary)


# --- the HTML page -------------------------------------------------------------------------------------

_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;max-width:1100px}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;
vertical-align:top}th{background:#ddebf7}.fixed{background:#c6efce}.new{background:#f8cbad}.still_open{background:#fff2cc}
.removed{background:#d9d9d9}.added{background:#ddebf7}.num{text-align:right}@media print{section{page-break-after:always}}"""


def render_comparison_html(comparison: Comparison, old: str, new: str) -> str:
    from html import escape

    from scorer.inputs import GENERATOR

    def cell(value: object, css: str = "") -> str:
        shown = "" if value is None else (f"{value:.1f}" if isinstance(value, float) else str(value))
        return f"<td class='{css}'>{escape(shown)}</td>" if css else f"<td>{escape(shown)}</td>"

    title = text("compare.title", old=Path(old).name, new=Path(new).name)
    page_language = "en" if language() == "en" else "zh-CN"
    out = [
        f"<!DOCTYPE html><html lang='{page_language}'><head><meta charset='utf-8'><meta name='generator' content='{GENERATOR}'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{escape(title)}</title>"
        f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1>"
    ]
    out.append("<p>" + escape(comparison.summary()) + "</p>")
    table = project_table(comparison)
    headers = project_headers()
    out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers[:13]) + "</tr></thead><tbody>")
    status_css = {status_name(ADDED): "added", status_name(REMOVED): "removed"}
    for values in table.itertuples(index=False):
        out.append(
            "<tr>"
            + "".join(
                cell(v, status_css.get(str(v), "") if i == 2 else ("num" if i >= 3 and i != 4 and i != 6 else ""))
                for i, v in enumerate(list(values)[:13])
            )
            + "</tr>"
        )
    out.append("</tbody></table>")
    for project in comparison.projects:
        if project.status in (UNCHANGED, REMOVED):
            continue
        name = " / ".join(part for part in (project.unit, project.name) if part)
        out.append(
            f"<section><h2>{escape(text('compare.section', name=name, status=status_name(project.status)))}</h2>"
            "<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in change_headers()[2:]) + "</tr></thead><tbody>"
        )
        for what in ("fixed", "new", "still_open"):
            for change in getattr(project, what):
                out.append(
                    f"<tr>{cell(finding_status(what), what)}{cell(change.indicator or text('compare.project_level'))}"
                    f"{cell(change.old_value)}{cell(change.new_value)}{cell(change.code)}{cell(change.message)}</tr>"
                )
        for label, names in (
            (finding_status("rows_added"), project.rows_added),
            (finding_status("rows_removed"), project.rows_removed),
        ):
            for row_name in names:
                out.append(f"<tr>{cell(label)}{cell(row_name)}<td></td><td></td><td></td><td></td></tr>")
        out.append("</tbody></table></section>")
    out.append("</body></html>")
    return without_controls("\n".join(out))  # a damaged export's control characters are invalid in HTML


def write_comparison_html(comparison: Comparison, path: str | Path, old: str, new: str) -> None:
    from scorer.atomic import atomic_output

    with atomic_output(path) as temporary:
        temporary.write_text(render_comparison_html(comparison, old, new), encoding="utf-8")
