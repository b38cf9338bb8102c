"""Writers for the scored tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

_RANK = {"error": 3, "warning": 2, "info": 1}


def plain(value: object) -> str:
    """A cell as a reviewer reads it: nothing for a missing value (None, NaN, pandas NA), 2024 not 2024.0."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def document_name(unit: object, year: object, source: str) -> str:
    """A readable name of a document: its unit and year when the reader found them, else its file name."""
    from scorer.messages import text

    unit, year = plain(unit), plain(year)
    name = unit or Path(source).name
    return text("report.document_year", name=name, year=year) if year else name


def scored_findings(findings):
    """The findings that count: those the reviewer overruled (a `waiver`, scorer.decisions) left out."""
    if "waiver" not in findings.columns or findings.empty:
        return findings
    return findings[findings["waiver"].fillna("") == ""]


def worst_severity_by_row(findings) -> dict[tuple[str, int, int], str]:
    """(source, project_index, row) -> the most severe finding's severity (error > warning > info)."""
    worst: dict[tuple[str, int, int], str] = {}
    for record in findings.itertuples():
        if record.row is None or record.row != record.row:
            continue
        key = (record.source, int(record.project_index), int(record.row))
        if _RANK.get(record.severity, 0) > _RANK.get(worst.get(key, ""), 0):
            worst[key] = record.severity
    return worst
