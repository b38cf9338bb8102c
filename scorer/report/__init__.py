"""Writers for the scored tables."""

from __future__ import annotations

_RANK = {"error": 3, "warning": 2, "info": 1}


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
