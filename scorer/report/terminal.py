"""A compact terminal view: the worst projects and the counts by category."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scorer.lexicons import table
from scorer.messages import language, text
from scorer.report import plain
from scorer.text import without_controls
from scorer.types import CATEGORIES

CATEGORY_NAMES: dict[str, str] = {c: entry["name"] for c, entry in table("categories").items()}
# what the completeness rules (P…) flag: a project's set of indicators, not one of the six row categories
OTHER_CATEGORY_NAMES = {"completeness": "完整性"}


def category_meanings() -> dict[str, str]:
    """What each category means, in the current language."""
    field = "meaning_en" if language() == "en" else "meaning"
    return {c: entry[field] for c, entry in table("categories").items()}


def category_name(category: str) -> str:
    """A category as a report names it: its Chinese name, or in English its code (as in the CSV)."""
    return category if language() == "en" else CATEGORY_NAMES.get(category, OTHER_CATEGORY_NAMES.get(category, category))


def _markup(cell: str) -> str:
    """A cell's text as rich markup: without its control characters (an ANSI escape in a damaged export's cell
    would recolour or rewrite the reviewer's terminal; taken out as in the HTML report), brackets escaped. The
    characters go first, so that the escaping sees the text that is shown."""
    return escape(without_controls(cell))


def print_summary(result, top: int = 10, console: Console | None = None) -> None:
    console = console or Console()
    projects, rows = result.projects, result.rows
    if projects.empty:
        console.print(text("summary.none"))
        return
    print_worst(projects.sort_values(WORST_ORDER).head(top), len(projects), len(rows), console)
    counts = Counter(c for value in rows["categories"] for c in value.split(";") if c)
    flagged = int((rows["categories"] != "").sum())
    parts = [f"{category_label(c)} {counts.get(c, 0)}" for c in CATEGORIES]
    overlap = text("summary.overlap") if sum(counts.values()) > flagged else ""
    console.print(text("summary.flagged", flagged=flagged, rows=len(rows)) + ", ".join(parts) + overlap)
    if result.errors:
        names = "、".join(dict.fromkeys(_markup(Path(error.source).name) for error in result.errors))
        console.print(text("summary.not_read", count=len({e.source for e in result.errors}), names=names))


WORST_ORDER = ["score", "source", "project_index"]  # the worst projects first, then in the order read


def print_worst(worst, projects: int, rows: int, console: Console | None = None) -> None:
    """The table of the worst projects (the projects table's rows, WORST_ORDER), out of `projects` projects
    and `rows` indicators in all: the document path's summary and a bulk run's."""
    console = console or Console()
    table = Table(title=text("summary.title", shown=len(worst), projects=projects, rows=rows))
    columns = text("summary.columns").split("|")
    for position, column in enumerate(columns):
        table.add_column(
            column, justify="left" if position == 1 else "right", ratio=1 if position == 1 else None, overflow="fold"
        )
    for record in worst.itertuples():
        unit_year = " · ".join(part for part in (plain(record.unit), plain(record.year)) if part)
        document = Path(record.source).name
        document = "" if document == plain(record.unit) else document  # a unit of an export is its own document
        where = "\n".join(part for part in (unit_year, document) if part)
        table.add_row(
            str(record.rank),
            f"{_markup(str(record.project))}\n[dim]{_markup(where)}[/dim]",
            plain(record.budget),
            str(record.indicators),
            str(record.findings),
            f"{record.score:.1f}",
            str(record.grade),
        )
    console.print(table)


def category_label(category: str) -> str:
    """含糊(vague) in Chinese, the code name alone in English."""
    return category if language() == "en" else f"{CATEGORY_NAMES.get(category, category)}({category})"


def print_statistics(result, console: Console | None = None) -> None:
    console = console or Console()
    findings = result.findings
    table = Table(title=text("statistics.title"))
    for column in text("statistics.columns").split("|"):
        table.add_column(column)
    if not findings.empty:
        grouped = findings.groupby(["code", "name", "category", "severity"]).size().reset_index(name="count")
        for record in grouped.itertuples():
            name, severity = _rule_title(record.code, record.name, record.category), text(f"severity.{record.severity}")
            table.add_row(record.code, name, category_name(record.category), severity, str(record.count))
    console.print(table)


def _rule_title(code: str, name: str, category: str) -> str:
    """A rule's name as the reviewer reads it (lexicons/rule_titles.yaml); in English its own name."""
    if language() == "en":
        return name
    from scorer.classifier import MODEL_CODES
    from scorer.rules import load_rules

    if code in MODEL_CODES.values():
        return text("model.title", category=category_name(category))
    rule = load_rules().get(code)
    return rule.title if rule is not None else name
