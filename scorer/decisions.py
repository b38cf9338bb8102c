"""The reviewer's decisions on findings: read from a reviewed workbook (指标明细: 审核意见, 备注, 审核人,
审核日期; or Indicators: Decision, Note … of a workbook written with --lang en) or a decisions CSV, matched to
the findings of a new run, and reported stale where the row they were made on has changed.

A decision is keyed by document stem, project, the row's text (indicator name and value, compared
without whitespace or width differences) and rule code, so it survives re-reading the document, rows
moved within a table and the file renamed to another suffix; it does not survive an edited row.

What a reviewer wrote on a line, 备注, 审核人, 审核日期 (a Note), is read too, with a verdict or without, on a
flagged line or not: it is carried to the same line of the next workbook (the same row text, or the same
project on 项目排名), changes no score and waives nothing; one whose line has changed is reported stale.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scorer.messages import LANGUAGES, text, text_in
from scorer.text import compact
from scorer.types import Finding

AGREE, OVERRULE, PENDING = "同意", "不同意", "待定"
VERDICTS = (AGREE, OVERRULE, PENDING)
WAIVED = "已豁免"
_SYNONYMS = {
    "agree": AGREE,
    "accept": AGREE,
    "disagree": OVERRULE,
    "overrule": OVERRULE,
    "waive": OVERRULE,
    "pending": PENDING,
    "不认可": OVERRULE,
    "认可": AGREE,
}

# the decisions CSV (`zhibiao decisions export`): one decision per rule code of a row
DECISION_COLUMNS = ["document", "project", "indicator", "value", "code", "decision", "note", "reviewer", "date"]
# the review columns of the 指标明细 sheet, after the scored columns (their headings: xlsx.col.* in
# scorer/messages.py)
REVIEW_FIELDS = ("decision", "note", "reviewer", "date")
# what the reader takes from each sheet: field -> the catalogue key of its heading
_ROW_FIELDS = {
    "document": "document",
    "project": "project",
    "indicator": "level3",
    "value": "value",
    "codes": "codes",
    **{field: field for field in REVIEW_FIELDS},
}
_ROW_REQUIRED = ("document", "project", "indicator", "value", "codes", "decision")
_PROJECT_FIELDS = {
    "document": "document",
    "project": "project",
    "codes": "project_codes",
    **{field: field for field in REVIEW_FIELDS},
}
_CSV_ALIASES = {
    "文件": "document",
    "项目": "project",
    "三级指标": "indicator",
    "指标值": "value",
    "规则": "code",
    "审核意见": "decision",
    "备注": "note",
    "审核人": "reviewer",
    "审核日期": "date",
}


class DecisionsError(ValueError):
    """A decisions file that cannot be read; the message names the file and what is wrong (one line)."""


@dataclass(frozen=True)
class Decision:
    document: str  # file stem
    project: str
    indicator: str  # the row's name (三级指标); empty for a project-level finding
    value: str
    code: str
    decision: str  # one of VERDICTS
    note: str = ""
    reviewer: str = ""
    date: str = ""
    origin: str = ""  # where it was read, for messages: file and row

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return decision_key(self.document, self.project, self.indicator, self.value, self.code)

    def waiver(self) -> str:
        """How the waiver reads in a report: 已豁免（理由；审核人，日期）, with --lang en waived (note; reviewer, date)."""
        from scorer.messages import text

        who = text("finding.waiver_who").join(part for part in (self.reviewer, self.date) if part)
        detail = text("finding.waiver_parts").join(part for part in (self.note, who) if part)
        return text("finding.waived_because", detail=detail) if detail else text("finding.waived")


@dataclass(frozen=True)
class Stale:
    """Decisions made on a row that has changed since (one per row, with every rule code decided on it)."""

    decision: Decision
    reason: str  # what changed, in the language of the run
    codes: tuple[str, ...] = ()


ROW, PROJECT = "row", "project"  # a line of 指标明细, a line of 项目排名


@dataclass(frozen=True)
class Note:
    """What a reviewer wrote on a line (备注, 审核人, 审核日期), with a verdict or without: carried to the same
    line of the next workbook. It is no decision: it changes no score and waives nothing."""

    document: str  # file stem
    project: str
    indicator: str  # empty on a project line
    value: str
    note: str = ""
    reviewer: str = ""
    date: str = ""
    level: str = ROW  # ROW or PROJECT
    decided: bool = False  # the line's verdict was read as decisions too (a stale one is said as a stale decision)
    origin: str = ""  # where it was read, for messages: file and row

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.level, *decision_key(self.document, self.project, self.indicator, self.value, "")[:4])

    def cells(self) -> tuple[str, str, str, str]:
        """(审核意见, 备注, 审核人, 审核日期) as the workbook writes them: the verdict is never carried by a note."""
        return ("", self.note, self.reviewer, self.date)


@dataclass
class Review:
    """All a reviewer wrote in a decisions file: the decisions (verdicts, per rule code) and the notes (per line)."""

    decisions: list[Decision]
    notes: list[Note]


@dataclass(frozen=True)
class StaleNote:
    """A note written on a line that has changed since: it could not be placed."""

    note: Note
    reason: str  # what changed, in the language of the run


@dataclass
class PlacedNotes:
    """Notes matched to the lines of a run."""

    by_row: dict[tuple[str, int, int], Note]  # (source, project_index, row_index) -> its note
    by_project: dict[tuple[str, int], Note]  # (source, project_index) -> the note on its 项目排名 line
    stale: list[StaleNote]
    undecided: int = 0  # lines read with a note and no verdict


def review_headers() -> list[str]:
    """The headings of the review columns in the current language."""
    return [text(f"xlsx.col.{field}") for field in REVIEW_FIELDS]


def verdict_label(verdict: str) -> str:
    """A verdict (同意, 不同意, 待定) as the workbook of the current language writes it."""
    return text(f"verdict.{verdict}") if verdict in VERDICTS else verdict


def _sheet_names(key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text_in(language, key) for language in LANGUAGES))


def _headings(fields: dict[str, str]) -> dict[str, str]:
    """Heading -> field, the headings of every language: a workbook is read whatever language wrote it."""
    return {text_in(language, f"xlsx.col.{key}"): field for language in LANGUAGES for field, key in fields.items()}


def document_stem(source: str) -> str:
    return Path(str(source)).stem


def decision_key(document: str, project: str, indicator: str, value: str, code: str) -> tuple[str, str, str, str, str]:
    return (compact(document_stem(document)), compact(project), compact(indicator), compact(value), str(code).strip().upper())


def _verdict(raw: object) -> str:
    word = _cell(raw)
    return _SYNONYMS.get(word.lower(), word)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _check_verdict(verdict: str, where: str) -> None:
    if verdict and verdict not in VERDICTS:
        raise DecisionsError(text("decisions.bad_verdict", where=where, verdict=verdict))


def read_decisions(path: str | Path) -> list[Decision]:
    """Decisions from a reviewed workbook (.xlsx) or a decisions CSV; rows with no 审核意见 are left out."""
    return read_review(path).decisions


def read_review(path: str | Path) -> Review:
    """The decisions (as read_decisions) and every line a reviewer wrote a 备注, 审核人 or 审核日期 on, with a
    verdict or without, from a reviewed workbook (.xlsx) or a decisions CSV."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return _from_workbook(path)
    if path.suffix.lower() == ".csv":
        return _from_csv(path)
    raise DecisionsError(text("decisions.kind", path=path))


def _from_workbook(path: Path) -> Review:
    """指标明细 (a row's decision applies to every code of its 规则 cell) and, when it has the review columns,
    项目排名 (a decision on the project's own findings, the codes of its 项目层面规则 cell)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: named, never a traceback
        raise DecisionsError(text("decisions.not_xlsx", path=path, detail=type(exc).__name__)) from exc
    try:
        rows_sheet = next((name for name in _sheet_names("xlsx.sheet.rows") if name in workbook.sheetnames), None)
        if rows_sheet is None:
            raise DecisionsError(text("decisions.no_sheet", path=path))
        review = _sheet_review(workbook[rows_sheet], rows_sheet, path, _ROW_FIELDS, _ROW_REQUIRED, ROW)
        ranking_sheet = next((name for name in _sheet_names("xlsx.sheet.ranking") if name in workbook.sheetnames), None)
        if ranking_sheet is not None:
            ranking = _sheet_review(workbook[ranking_sheet], ranking_sheet, path, _PROJECT_FIELDS, (), PROJECT)
            review = Review(review.decisions + ranking.decisions, review.notes + ranking.notes)
        return review
    finally:
        workbook.close()


HEADER_SEARCH_ROWS = 10  # a reviewer may put a title or a note above the headings: they are looked for this far


def _header(rows: Iterator[tuple], headings: dict[str, str], least: int) -> tuple[list[str], int]:
    """The heading row of a sheet and its number (1-based): the first of its first HEADER_SEARCH_ROWS rows that
    holds at least `least` of `headings` (a title a reviewer inserted above it is passed over), else the first
    row (what is missing is then said). The rows under it are left in `rows`."""
    first: list[str] | None = None
    for number, cells in enumerate(itertools.islice(rows, HEADER_SEARCH_ROWS), start=1):
        header = [_cell(c) for c in cells]
        if sum(1 for heading in header if heading in headings) >= least:
            return header, number
        if first is None:
            first = header
    return first or [], 1


def _sheet_review(sheet, name: str, path: Path, fields: dict[str, str], required: tuple[str, ...], level: str) -> Review:
    rows = sheet.iter_rows(values_only=True)
    headings = _headings(fields)
    header, header_number = _header(rows, headings, least=2)
    columns = {headings[heading]: i for i, heading in enumerate(header) if heading in headings}
    missing = [text(f"xlsx.col.{fields[field]}") for field in required if field not in columns]
    if missing:
        raise DecisionsError(text("decisions.sheet_columns", path=path, sheet=name, columns="、".join(missing)))
    if "decision" not in columns or "codes" not in columns:  # a workbook written before the review columns
        return Review([], [])
    decisions: list[Decision] = []
    notes: list[Note] = []
    for number, cells in enumerate(rows, start=header_number + 1):

        def get(field: str, cells=cells) -> str:
            index = columns.get(field)
            return _cell(cells[index]) if index is not None and index < len(cells) else ""

        verdict = _verdict(get("decision"))
        note, reviewer, date = get("note"), get("reviewer"), get("date")
        if not verdict and not (note or reviewer or date):
            continue
        where = text("decisions.where_sheet", path=path, sheet=name, row=number)
        _check_verdict(verdict, where)
        codes = [c.strip() for c in get("codes").replace("；", ";").split(";") if c.strip()] if verdict else []
        for code in codes:
            decisions.append(
                Decision(
                    get("document"),
                    get("project"),
                    get("indicator"),
                    get("value"),
                    code,
                    verdict,
                    note,
                    reviewer,
                    date,
                    where,
                )
            )
        if note or reviewer or date:
            notes.append(
                Note(
                    get("document"),
                    get("project"),
                    get("indicator"),
                    get("value"),
                    note,
                    reviewer,
                    date,
                    level,
                    bool(codes),
                    where,
                )
            )
    return Review(decisions, notes)


def reviewed_rows(path: str | Path) -> int:
    """How many rows of a review workbook (指标明细 and 项目排名) a reviewer has filled in: any of 审核意见, 备注,
    审核人, 审核日期, on a flagged row or not. 0 for a workbook that is no review workbook, or cannot be read."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # a damaged or foreign file holds no review of ours
        return 0
    headings = _headings({field: field for field in REVIEW_FIELDS})
    count = 0
    try:
        for key in ("xlsx.sheet.rows", "xlsx.sheet.ranking"):
            for name in (name for name in _sheet_names(key) if name in workbook.sheetnames):
                rows = workbook[name].iter_rows(values_only=True)
                header, _ = _header(rows, headings, least=1)
                review = [i for i, heading in enumerate(header) if heading in headings]
                count += sum(1 for cells in rows if any(i < len(cells) and _cell(cells[i]) for i in review))
    finally:
        workbook.close()
    return count


def _from_csv(path: Path) -> Review:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DecisionsError(text("decisions.not_csv", path=path, detail=type(exc).__name__)) from exc
    frame = frame.rename(columns={k: v for k, v in _CSV_ALIASES.items() if k in frame.columns})
    missing = [c for c in ("document", "project", "indicator", "value", "code", "decision") if c not in frame.columns]
    if missing:
        raise DecisionsError(
            text("decisions.csv_columns", path=path, columns="、".join(missing), expected=", ".join(DECISION_COLUMNS))
        )
    decisions: list[Decision] = []
    notes: list[Note] = []
    for number, record in enumerate(frame.to_dict("records"), start=2):
        verdict = _verdict(record["decision"])
        note, reviewer, date = (record.get(field, "").strip() for field in ("note", "reviewer", "date"))
        if not verdict and not (note or reviewer or date):
            continue
        where = text("decisions.where_csv", path=path, row=number)
        _check_verdict(verdict, where)
        document, project = record["document"].strip(), record["project"].strip()
        indicator, value = record["indicator"].strip(), record["value"].strip()
        if verdict:
            decisions.append(
                Decision(
                    document, project, indicator, value, record["code"].strip().upper(), verdict, note, reviewer, date, where
                )
            )
        if note or reviewer or date:  # a line with no indicator and no value is a project's (项目排名), as for decisions
            level = ROW if indicator or value else PROJECT
            notes.append(Note(document, project, indicator, value, note, reviewer, date, level, bool(verdict), where))
    return Review(decisions, notes)


def decisions_frame(decisions: list[Decision], notes: Iterable[Note] = ()) -> pd.DataFrame:
    """The decisions CSV: one decision per rule code of a row (the last one read wins for a key), then one
    line per line noted without a verdict (备注, 审核人, 审核日期; `code` and `decision` empty)."""
    latest = {d.key: d for d in decisions}
    records = [
        {
            "document": document_stem(d.document),
            "project": d.project,
            "indicator": d.indicator,
            "value": d.value,
            "code": d.code,
            "decision": d.decision,
            "note": d.note,
            "reviewer": d.reviewer,
            "date": d.date,
        }
        for d in latest.values()
    ]
    undecided = {n.key: n for n in notes if not n.decided}
    records += [
        {
            "document": document_stem(n.document),
            "project": n.project,
            "indicator": n.indicator,
            "value": n.value,
            "code": "",
            "decision": "",
            "note": n.note,
            "reviewer": n.reviewer,
            "date": n.date,
        }
        for n in undecided.values()
    ]
    return pd.DataFrame.from_records(records, columns=DECISION_COLUMNS)


@dataclass
class Applied:
    """Decisions matched to a run's findings."""

    by_finding: dict[int, Decision]  # id(finding) -> its decision
    stale: list[Stale]

    def decision(self, finding: Finding) -> Decision | None:
        return self.by_finding.get(id(finding))

    def waived(self, finding: Finding) -> bool:
        found = self.by_finding.get(id(finding))
        return found is not None and found.decision == OVERRULE


def apply_decisions(
    findings: list[Finding], row_text: dict[tuple[str, int, int], tuple[str, str, str]], decisions: list[Decision]
) -> Applied:
    """Match decisions to findings. row_text: (source, project_index, row) -> (project, indicator name, value)
    for every row of the run. A decision for a document of this run that matches no finding is stale: its
    row was changed or removed, or the rule no longer reports it there. Decisions for documents not in this
    run are left alone."""
    latest = {d.key: d for d in decisions}
    by_finding: dict[int, Decision] = {}
    used: set[tuple] = set()
    for finding in findings:
        _, name, value = (
            ("", "", "")
            if finding.row is None
            else row_text.get((finding.source, finding.project_index or 0, finding.row), ("", "", ""))
        )
        key = decision_key(finding.source, finding.project, name, value, finding.code)
        found = latest.get(key)
        if found is not None:
            by_finding[id(finding)] = found
            used.add(key)

    documents = {compact(document_stem(f.source)) for f in findings}
    projects: set[tuple[str, str]] = set()
    values_by_name: dict[tuple[str, str, str], set[str]] = {}
    for (source, _, _), (project, name, value) in row_text.items():
        document = compact(document_stem(source))
        documents.add(document)
        projects.add((document, compact(project)))
        values_by_name.setdefault((document, compact(project), compact(name)), set()).add(value)
    stale: dict[tuple[str, str, str, str], Stale] = {}
    for key, decision in latest.items():
        document, project, name, value, _ = key
        if key in used or document not in documents:
            continue
        # a project or row still there whose finding is gone (the rule no longer flags it): nothing left to decide
        reason = _what_changed(document, project, name, value, projects, values_by_name)
        if reason is None:
            continue
        row = key[:4]
        if row in stale:
            earlier = stale[row]
            stale[row] = Stale(earlier.decision, earlier.reason, (*earlier.codes, decision.code))
        else:
            stale[row] = Stale(decision, reason, (decision.code,))
    return Applied(by_finding, list(stale.values()))


def _what_changed(
    document: str,
    project: str,
    name: str,
    value: str,
    projects: set[tuple[str, str]],
    values_by_name: dict[tuple[str, str, str], set[str]],
) -> str | None:
    """Why the line (document, project, name, value: compact) a reviewer wrote on is not in this run any more,
    in the language of the run; None when it still is (a project line: when the project still is).
    projects: (document, project) of the run; values_by_name: (document, project, name) -> the row's values."""
    if (document, project) not in projects:
        return text("decisions.gone_project")
    if not name:
        return None
    if (document, project, name) not in values_by_name:
        return text("decisions.gone_row")
    if value not in {compact(v) for v in values_by_name[(document, project, name)]}:
        return text("decisions.new_value", value="、".join(sorted(values_by_name[(document, project, name)])))
    return None


def place_notes(notes: Iterable[Note], rows: pd.DataFrame, projects: pd.DataFrame) -> PlacedNotes:
    """Match notes to the lines of a run: rows (source, project_index, row_index, project, level3, value: a
    Result's rows) and projects (source, project_index, project: a Result's projects). A note on a line of a
    document of this run that matches no line is stale, unless its verdict was read as decisions too (then the
    stale decision says it). Notes on documents not in this run are left alone."""
    latest = {n.key: n for n in notes}
    by_row: dict[tuple[str, int, int], Note] = {}
    by_project: dict[tuple[str, int], Note] = {}
    used: set[tuple[str, str, str, str, str]] = set()
    documents: set[str] = set()
    names: set[tuple[str, str]] = set()
    values_by_name: dict[tuple[str, str, str], set[str]] = {}
    for source, p_index, project in zip(projects["source"], projects["project_index"], projects["project"], strict=True):
        document = compact(document_stem(source))
        documents.add(document)
        names.add((document, compact(project)))
        key = (PROJECT, document, compact(project), "", "")
        if key in latest:
            by_project[(source, int(p_index))] = latest[key]
            used.add(key)
    columns = ("source", "project_index", "row_index", "project", "level3", "value")
    for source, p_index, r_index, project, name, value in zip(*(rows[c] for c in columns), strict=True):
        document, project_text, name_text = compact(document_stem(source)), compact(project), compact(name)
        documents.add(document)
        names.add((document, project_text))
        values_by_name.setdefault((document, project_text, name_text), set()).add(value)
        key = (ROW, document, project_text, name_text, compact(value))
        if key in latest:
            by_row[(source, int(p_index), int(r_index))] = latest[key]
            used.add(key)
    stale = []
    for key, note in latest.items():
        _, document, project, name, value = key
        if key in used or note.decided or document not in documents:
            continue
        reason = _what_changed(document, project, name, value, names, values_by_name)
        if reason is not None:
            stale.append(StaleNote(note, reason))
    return PlacedNotes(by_row, by_project, stale, sum(1 for note in latest.values() if not note.decided))


def stale_note_message(item: StaleNote) -> str:
    n = item.note
    row = (
        text("decisions.stale_row", indicator=n.indicator, value=n.value)
        if n.level == ROW
        else text("decisions.stale_project_row")
    )
    written = [
        text("decisions.note_cell", heading=text(f"xlsx.col.{field}"), value=value)
        for field, value in (("note", n.note), ("reviewer", n.reviewer), ("date", n.date))
        if value
    ]
    return text(
        "decisions.stale_note",
        document=document_stem(n.document),
        project=n.project,
        row=row,
        written=text("decisions.note_cells").join(written),
        reason=item.reason,
        origin=n.origin,
    )


def stale_message(item: Stale) -> str:
    d = item.decision
    row = (
        text("decisions.stale_row", indicator=d.indicator, value=d.value) if d.indicator else text("decisions.stale_project_row")
    )
    return text(
        "decisions.stale",
        document=document_stem(d.document),
        project=d.project,
        row=row,
        codes="、".join(item.codes or (d.code,)),
        decision=d.decision,
        reason=item.reason,
        origin=d.origin,
    )
