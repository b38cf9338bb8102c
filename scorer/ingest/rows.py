"""Rows tables (the rows contract of `zhibiao parse`, or a budget system's export: scorer.ingest.tables) read
whole into Documents, a document a `source` (or a unit, when the table names units but no document), for
every path that reads documents: `scorer.score`, compare, letter, library. The bulk engines stream the same
tables in chunks instead (scorer.engines.bulk), through documents_from_frame too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from scorer.text import without_invisible
from scorer.types import Document, Indicator, Location, Project, Skip
from scorer.values import budget_in_wan


def documents_from_frame(
    frame: pd.DataFrame,
    first_row: int = 1,
    row_numbers: Iterable[int] | None = None,
    table_file: str | None = None,
) -> list[Document]:
    """Rows in the rows-CSV contract (source, project, level1 … basis; budget, purpose, goal if present)
    -> Documents, keeping row order; a project takes budget, purpose and goal from its first row. A row with
    neither an indicator's name nor a value nor a description is no indicator (a project's heading line: its
    name, budget and goal); what a heading line leaves blank, the rows under it give, up to the first indicator
    row (not the amounts of a cost block's rows further down). A row whose 一级指标 is blank (a merged cell, exported
    blank) goes on under the headings of the project's row above: its 一级指标, and its 二级指标 where its own is blank
    too, as a document's merged cells are read (scorer.ingest.interpret).
    Each indicator's location is its row of the table: row_numbers, or counted from first_row; in table_file
    when given (the file the rows were read from: a row's document, a unit or the `source` a parse wrote, is
    not where that row number is)."""
    missing = {"project", "level3", "value"} - set(frame.columns)
    if missing:
        raise ValueError(f"rows table lacks column(s): {', '.join(sorted(missing))}")
    documents: dict[str, Document] = {}
    projects: dict[tuple[str, str], Project] = {}
    heading: dict[tuple[str, str], bool] = {}  # a project opened by a heading line, up to its first indicator
    count = len(frame)

    def column(name: str, key: bool = False) -> list[str]:
        """The column's cells as strings, each distinct text one object: a project's name, its headings and
        its common values repeat down the rows, and a large document is held whole in memory. A key cell (a
        document's or a project's name) without the invisible characters a paste leaves (安全生产执法检查经费\u200b
        is the project of the rows above it)."""
        if name not in frame.columns:
            return [""] * count
        codes, uniques = pd.factorize(frame[name])  # a blank cell (None, NaN, NA) is coded -1: the "" put last
        distinct = [v if type(v) is str else str(v) for v in uniques.tolist()]
        texts = np.array([*(map(without_invisible, distinct) if key else distinct), ""], dtype=object)
        return texts[codes].tolist()

    sources, names, budgets = column("source", key=True), column("project", key=True), column("budget")
    purposes, goals = column("purpose"), column("goal")
    cells = zip(
        column("level1"), column("level2"), column("level3"), column("description"), column("value"), column("basis"), strict=True
    )
    numbers = list(row_numbers) if row_numbers is not None else range(first_row, first_row + count)
    if len(numbers) != count:
        raise ValueError(f"{len(numbers)} row numbers for {count} rows")
    for number, source, name, budget, purpose, goal, (level1, level2, level3, description, value, basis) in zip(
        numbers, sources, names, budgets, purposes, goals, cells, strict=True
    ):
        source = source or "<frame>"
        document = documents.get(source)
        if document is None:
            year = title_year(source)
            document = documents[source] = Document(source=source, year=year, year_stated=year is not None)
        key = (source, name)
        project = projects.get(key)
        names_indicator = bool(level3 or value or description)
        if project is None:
            project = projects[key] = Project(name=name, purpose=purpose, goal=goal)
            document.projects.append(project)
            project.budget = _budget(budget)
            heading[key] = not names_indicator
        elif heading.get(key):  # under a heading line, what it left blank is given by the rows to the first indicator
            project.purpose, project.goal = project.purpose or purpose, project.goal or goal
            project.budget = _budget(budget) if project.budget is None else project.budget
            heading[key] = not names_indicator
        if not names_indicator:
            continue  # a project's heading line (its name, budget and goal): no indicator
        if project.indicators and not level1:  # a merged cell exported blank: the heading above goes on (as documents read)
            previous = project.indicators[-1]
            level1, level2 = previous.level1, level2 or previous.level2
        project.indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                level3=level3,
                description=description,
                value=value,
                basis=basis,
                location=Location(table_file or source, row=number),
            )
        )
    return list(documents.values())


_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".parquet", ".docx", ".doc", ".pdf", ".html", ".htm")


@lru_cache(maxsize=4096)
def title_year(source: str) -> int | None:
    """The year a rows table's document states in its name where the name is a table's title (某县应急管理局2025年项目
    支出绩效目标表, …自评表(2024年度)), as a document's title states it (scorer.ingest.interpret.stated_year); None for
    a unit's or a file's name, which states none (某县民政局, export.csv). The year of its 年度 (…2023-2025年三年行动计划
    项目2025年度绩效目标表: 2025), else of its 预算 (2024年部门决算及2025年预算…表; not 2025年预算执行情况), else its one
    year; a plan of several years alone states its first (2025-2027年); a date of drafting (2024年12月编制, 2024年第四季度
    编制) is no year of the table's."""
    from scorer.ingest.interpret import stated_year

    name = source[: -len(suffix)] if (suffix := Path(source).suffix.lower()) in _FILE_SUFFIXES else source
    if not name or not _NAMES_A_TABLE.search(name):
        return None
    span = _YEAR_SPAN.search(name)
    plain = _YEAR_SPAN.sub("", name)  # a plan's span may be a programme's name within the title (2023-2025年三年行动)
    for pattern in (_TABLE_YEAR_IN_NAME, _BUDGET_YEAR_IN_NAME):
        named = {int(year) for year in pattern.findall(plain)}
        if len(named) == 1:
            return named.pop()  # …项目2025年度绩效目标表; 2024年部门决算及2025年预算…表
    years = {int(year) for year in _YEAR_IN_NAME.findall(plain)}  # not a date's (2024年12月编制, 2024年第四季度)
    if len(years) == 1:
        return years.pop()
    if span and not years:
        return int(span.group(1))  # 2025-2027年中期绩效目标表: the plan's first year is the year budgeted
    return stated_year([name]) if not years else None  # 二〇二五年…表, …自评表(2024年度)


_NAMES_A_TABLE = re.compile(r"表|绩效|预算|决算|目标|自评")
_YEAR_SPAN = re.compile(r"(20\d{2})\s*年?\s*[-—–～~至到]\s*(?:20)?\d{2}\s*年")
_NOT_A_DATE = r"(?!\s*(?:\d{1,2}\s*月|第?[一二三四1-4]\s*季度|上半年|下半年))"
_YEAR_IN_NAME = re.compile(rf"(20\d{{2}})\s*年{_NOT_A_DATE}")
_TABLE_YEAR_IN_NAME = re.compile(r"(20\d{2})\s*年度")
_BUDGET_YEAR_IN_NAME = re.compile(r"(20\d{2})\s*年度?(?:部门|单位|项目)?预算(?!执行)")


def _budget(cell: str) -> float | None:
    """A budget cell in 万元: 120, 1,234.5 or 120万元 as budget systems write it; None when blank."""
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        return budget_in_wan(cell)


def read_rows_table(path: Path) -> list[Document]:
    """A rows table's documents, each holding the rows of the table that hold no indicator (a total, a note, a
    sign-off) as skipped lines under its unit, or the unit of the row above; raises ValueError (or
    scorer.ingest.tables.BulkError) naming the file when the table cannot be read."""
    from scorer.ingest.tables import read_batches, table_columns

    left_out: list[tuple[str, Skip]] = []  # the table's rows that hold no indicator
    units_are_documents = table_columns(path).unit_as_source

    def leave_out(rows: pd.DataFrame, reason: str) -> None:
        for number, row in zip(rows.index, rows.itertuples(index=False), strict=True):
            own = [cell for column, cell in zip(rows.columns, row, strict=True) if column != "source" and cell]
            said = units_are_documents and row.source != path.name  # the unit cell said 合计, 填表人：…
            cells = [row.source, *own] if said else own
            left_out.append((row.source, Skip(Location(str(path), row=number + 1), reason, " | ".join(cells))))

    frames = list(read_batches(path, left_out=leave_out))
    if not frames:  # a header and no row: a document without indicators, which the command line explains
        return [Document(source=str(path))]
    frame = pd.concat(frames)
    documents = documents_from_frame(frame, row_numbers=(frame.index + 1).tolist(), table_file=str(path))
    for document in documents if units_are_documents else ():
        if document.source != path.name:  # as scorer.engines.bulk.with_units names them in the stream
            document.unit = document.source
    by_source = {document.source: document for document in documents}
    for source, skip in left_out:  # under 未采用的内容 of its unit, else of the unit of the row above it
        owner = by_source.get(source)
        if owner is None and len(frame):
            above = int(np.searchsorted(frame.index, (skip.location.row or 1) - 1)) - 1
            owner = by_source.get(frame["source"].iloc[max(above, 0)])
        if owner is not None:
            owner.skipped.append(skip)
    return documents
