"""A compact terminal view: the worst projects and the counts by category."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from scorer.lexicons import table
from scorer.types import CATEGORIES

CATEGORY_NAMES: dict[str, str] = {c: entry["name"] for c, entry in table("categories").items()}


def category_meanings() -> dict[str, str]:
    return {c: entry["meaning"] for c, entry in table("categories").items()}


def print_summary(result, top: int = 10, console: Console | None = None) -> None:
    console = console or Console()
    projects, rows = result.projects, result.rows
    if projects.empty:
        console.print("没有读到任何项目。")
        return
    worst = projects.sort_values(["score", "source", "project_index"]).head(top)
    table = Table(title=f"得分最低的 {len(worst)} 个项目（共 {len(projects)} 个项目，{len(rows)} 条指标）")
    for column in ("排名", "项目", "预算(万元)", "指标数", "问题数", "得分", "等级"):
        table.add_column(column, justify="right" if column not in ("项目",) else "left")
    for record in worst.itertuples():
        budget = "" if record.budget is None or record.budget != record.budget else f"{record.budget:g}"
        table.add_row(str(record.rank), str(record.project), budget, str(record.indicators), str(record.findings),
                      f"{record.score:.1f}", str(record.grade))
    console.print(table)
    counts = Counter(c for value in rows["categories"] for c in value.split(";") if c)
    flagged = int((rows["categories"] != "").sum())
    parts = [f"{CATEGORY_NAMES[c]}({c}) {counts.get(c, 0)}" for c in CATEGORIES]
    console.print(f"问题指标 {flagged}/{len(rows)} 条：" + "，".join(parts))


def print_statistics(result, console: Console | None = None) -> None:
    console = console or Console()
    findings = result.findings
    table = Table(title="按规则统计")
    for column in ("规则", "名称", "类别", "级别", "次数"):
        table.add_column(column)
    if not findings.empty:
        grouped = findings.groupby(["code", "name", "category", "severity"]).size().reset_index(name="count")
        for record in grouped.itertuples():
            table.add_row(record.code, record.name, record.category, record.severity, str(record.count))
    console.print(table)
