"""Documents -> the indicator table (one row per indicator) and the project table, as DataFrames."""

from __future__ import annotations

import pandas as pd

from scorer.types import Document

ROW_COLUMNS = [
    "source",
    "project",
    "level1",
    "level2",
    "level3",
    "description",
    "value",
    "basis",
    "score",
    "categories",
    "codes",
    "messages",
]
ROW_EXTRA_COLUMNS = ["fixes", "location", "project_index", "row_index"]
# what `zhibiao parse` adds so that a rows table scored later keeps the project's budget, purpose and goal
PROJECT_CONTEXT_COLUMNS = ["budget", "purpose", "goal"]
# what a self-evaluation table gives beside a row's target (actual value, weight and score, reasons), after them
REPORTED_COLUMN = "reported"
REPORTED_LABELS = {
    "actual": "实际完成值",
    "score": "分值/得分",
    "completion": "完成情况",
    "reason": "偏差原因",
    "remark": "备注",
    "value_long": "实施期指标值",
    "extra": "其余单元格",
}
FINDING_COLUMNS = [
    "source",
    "project",
    "project_index",
    "row",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "evidence",
    "fix",
    "probability",
    "decision",
    "note",
    "reviewer",
    "decided_on",
    "waiver",
]
PROJECT_COLUMNS = ["source", "project", "budget", "indicators", "score", "grade", "rank"]
PROJECT_EXTRA_COLUMNS = ["rank_in_document", "findings", "codes", "messages", "unit", "year", "project_index"]


def indicator_frame(documents: list[Document], part: range | None = None, text_dtype: object = None) -> pd.DataFrame:
    """One row per indicator (ROW_COLUMNS + ROW_EXTRA_COLUMNS; score and verdicts empty). part: only the
    projects of these indexes in each document. text_dtype: of the text columns (default pandas' str;
    object spares a conversion to Arrow strings to a caller that converts the frame once when it writes)."""
    placed = [
        (document.source, project.name, project_index, row_index, indicator)
        for document in documents
        for project_index, project in enumerate(document.projects)
        if part is None or project_index in part
        for row_index, indicator in enumerate(project.indicators)
    ]
    indicators = [entry[4] for entry in placed]
    columns: dict[str, list] = {
        "source": [entry[0] for entry in placed],
        "project": [entry[1] for entry in placed],
        "level1": [i.level1 for i in indicators],
        "level2": [i.level2 for i in indicators],
        "level3": [i.level3 for i in indicators],
        "description": [i.description for i in indicators],
        "value": [i.value for i in indicators],
        "basis": [i.basis for i in indicators],
        "score": [None] * len(placed),
        **{name: [""] * len(placed) for name in ("categories", "codes", "messages", "fixes")},
        "location": [str(i.location) for i in indicators],
        "project_index": [entry[2] for entry in placed],
        "row_index": [entry[3] for entry in placed],
    }
    if not placed:  # typed as a frame with rows would be (pandas makes empty lists float)
        return pd.DataFrame({name: pd.Series(dtype=_EMPTY_DTYPES.get(name, str)) for name in ROW_COLUMNS + ROW_EXTRA_COLUMNS})
    if text_dtype is not None:
        for name in (*ROW_COLUMNS, "fixes", "location"):
            if name != "score":
                columns[name] = pd.Series(columns[name], dtype=text_dtype)
    return pd.DataFrame(columns, columns=ROW_COLUMNS + ROW_EXTRA_COLUMNS)


_EMPTY_DTYPES = {"score": object, "project_index": "int64", "row_index": "int64"}


def parse_frame(documents: list[Document]) -> pd.DataFrame:
    """The rows table `zhibiao parse` writes: the rows columns, then each row's project context."""
    frame = indicator_frame(documents)
    context: dict[str, list[object]] = {name: [] for name in PROJECT_CONTEXT_COLUMNS}
    for document in documents:
        for project in document.projects:
            for _ in project.indicators:
                context["budget"].append(project.budget)
                context["purpose"].append(project.purpose)
                context["goal"].append(project.goal)
    for name, values in context.items():
        frame[name] = values
    frame[REPORTED_COLUMN] = [
        "；".join(f"{REPORTED_LABELS.get(k, k)}：{v}" for k, v in indicator.extra.items())
        for document in documents
        for project in document.projects
        for indicator in project.indicators
    ]
    return frame


def project_frame(documents: list[Document]) -> pd.DataFrame:
    records = []
    for document in documents:
        for project_index, project in enumerate(document.projects):
            records.append(
                {
                    "source": document.source,
                    "project": project.name,
                    "budget": project.budget,
                    "indicators": len(project.indicators),
                    "score": None,
                    "grade": "",
                    "rank": None,
                    "rank_in_document": None,
                    "findings": 0,
                    "codes": "",
                    "messages": "",
                    "unit": document.unit,
                    "year": document.year,
                    "project_index": project_index,
                }
            )
    return pd.DataFrame.from_records(records, columns=PROJECT_COLUMNS + PROJECT_EXTRA_COLUMNS)


SKIPPED_COLUMNS = ["source", "location", "reason", "text"]


def skipped_frame(documents: list[Document]) -> pd.DataFrame:
    """What the readers saw and did not take as an indicator row: one line each, with its place and reason."""
    records = [
        {"source": document.source, "location": str(skip.location), "reason": skip.reason, "text": skip.text}
        for document in documents
        for skip in document.skipped
    ]
    return pd.DataFrame.from_records(records, columns=SKIPPED_COLUMNS)
