"""The full result as JSON: documents -> projects -> indicators, each with its findings.

Schema: scorer/report/result.schema.json (`schema_version` below). Output is deterministic: no
timestamps, keys in a fixed order, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

from scorer.atomic import atomic_output

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).with_name("result.schema.json")


def _clean(value):
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _clean(value.item())
    return value


def _finding(record: dict) -> dict:
    finding = {
        key: _clean(record[key]) for key in ("code", "name", "category", "severity", "message", "evidence", "fix", "probability")
    }
    if record.get("decision"):  # score --decisions
        finding["review"] = {
            "decision": record["decision"],
            "note": record["note"],
            "reviewer": record["reviewer"],
            "date": record["decided_on"],
            "waived": bool(record["waiver"]),
        }
    return finding


def result_to_dict(result) -> dict:
    findings_by_row: dict[tuple, list[dict]] = defaultdict(list)
    findings_by_project: dict[tuple, list[dict]] = defaultdict(list)
    for record in result.findings.to_dict("records"):
        row = _clean(record["row"])
        key = (record["source"], int(record["project_index"]))
        if row is None:
            findings_by_project[key].append(_finding(record))
        else:
            findings_by_row[(*key, int(row))].append(_finding(record))
    rows_by_project: dict[tuple, list[dict]] = defaultdict(list)
    for record in result.rows.to_dict("records"):
        key = (record["source"], int(record["project_index"]))
        rows_by_project[key].append(record)
    projects_by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in result.projects.to_dict("records"):
        projects_by_doc[record["source"]].append(record)

    documents = []
    for document in result.documents:
        projects = []
        for project_record, project in zip(projects_by_doc.get(document.source, []), document.projects, strict=False):
            key = (document.source, int(project_record["project_index"]))
            indicators = []
            for row, indicator in zip(rows_by_project.get(key, []), project.indicators, strict=False):
                parsed = indicator.parsed
                indicators.append(
                    {
                        "level1": indicator.level1,
                        "level2": indicator.level2,
                        "level3": indicator.level3,
                        "description": indicator.description,
                        "value": indicator.value,
                        "basis": indicator.basis,
                        "location": str(indicator.location),
                        "parsed": None
                        if parsed is None
                        else {
                            "op": parsed.op,
                            "numbers": list(parsed.numbers),
                            "unit": parsed.unit,
                            "family": parsed.family.value,
                            "text": parsed.text,
                        },
                        "score": _clean(row["score"]),
                        "categories": [c for c in row["categories"].split(";") if c],
                        "findings": findings_by_row.get((*key, int(row["row_index"])), []),
                    }
                )
            projects.append(
                {
                    "name": project.name,
                    "code": project.code,
                    "budget": _clean(project.budget),
                    "fiscal_funds": _clean(project.fiscal_funds),
                    "other_funds": _clean(project.other_funds),
                    "purpose": project.purpose,
                    "goal": project.goal,
                    "goals": list(project.goals),
                    "schedule": [{"deadline": d, "percent": _clean(p)} for d, p in project.schedule],
                    "department_level": project.department_level,
                    "score": _clean(project_record["score"]),
                    "grade": project_record["grade"],
                    "rank": _clean(project_record["rank"]),
                    "rank_in_document": _clean(project_record["rank_in_document"]),
                    "findings": findings_by_project.get(key, []),
                    "indicators": indicators,
                }
            )
        documents.append(
            {
                "source": document.source,
                "unit": document.unit,
                "year": document.year,
                "skipped": [{"location": str(s.location), "reason": s.reason, "text": s.text} for s in document.skipped],
                "projects": projects,
            }
        )
    return {
        "schema": "zhibiao-result",
        "schema_version": SCHEMA_VERSION,
        "documents": documents,
        "errors": [{"source": e.source, "message": e.message} for e in result.errors],
        "summary": {
            "documents": len(result.documents),
            "projects": len(result.projects),
            "indicators": len(result.rows),
            "flagged_indicators": int((result.rows["categories"] != "").sum()) if len(result.rows) else 0,
            "findings_by_category": {k: int(v) for k, v in sorted(result.findings["category"].value_counts().items())}
            if len(result.findings)
            else {},
        },
    }


def write_json(result, path: str | Path) -> None:
    text = json.dumps(result_to_dict(result), ensure_ascii=False, indent=1, allow_nan=False)
    with atomic_output(path) as temporary:
        temporary.write_text(text + "\n", encoding="utf-8")
