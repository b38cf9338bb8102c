"""指标推荐: a library of well-set indicators taken from scored tables, and suggestions from it.

The library keeps rows that scored sound (100, no finding but notes) with a target of at most 30
characters, with their project kinds (lexicons/project_types.yaml, from the project's name, else its purpose and goal),
二级指标 group, unit family and a value template (figures masked). A suggestion for a flagged row, or for
a group a project lacks, is a library row of the same group whose project shares a kind with the row's
project (a project of no known kind gets none), from another document, ranked by how alike the names
are (for a row, a suggestion shares at least MIN_ALIKE of its name, or of its project's name, with the
row's); each comes with why it fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from scorer.text import compact

LIBRARY_COLUMNS = ["kinds", "group", "level2", "name", "value", "template", "family", "document", "project"]
SHIPPED_LIBRARY = Path(__file__).with_name("data") / "indicator_library.parquet"
REQUIRED_GROUPS = ("quantity", "quality", "timeliness", "cost", "satisfaction")
EFFECT_GROUPS = ("social", "economic", "ecological", "sustainable")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ITEM_NUMBER = re.compile(r"^(?:指标\s*\d+\s*[.:：、．]?|\d+\s*[.、．])\s*")  # 指标1: / 1. before a name
MIN_ALIKE = 0.0  # a row's suggestion shares this much of its name, or its project's name, with the row's


class LibraryError(ValueError):
    """A library file that cannot be used (named in the message)."""


@dataclass(frozen=True)
class Suggestion:
    name: str
    value: str
    level2: str
    why: str
    document: str
    project: str

    def __str__(self) -> str:
        return f"{self.name}：{self.value}（{self.why}）"


@cache
def group_names() -> dict[str, str]:
    """group -> its usual heading (quantity -> 数量指标)."""
    from scorer.lexicons import table

    return {group: headings[0] for group, headings in table("dimensions")["level2"].items()}


def group_of_heading(heading: str) -> str:
    """A 二级指标 heading (社会效益指标, 社会效益) or a group name (social) -> the group; "" when unknown."""
    from scorer.lexicons import table

    text = compact(heading)
    if text in group_names():
        return text
    for group, headings in table("dimensions")["level2"].items():
        if text in {compact(h) for h in headings}:
            return group
    return ""


def kinds_of_name(name: str) -> frozenset[str]:
    from scorer.normalise import types_of

    return types_of(compact(name))


def _kinds_text(kinds: Iterable[str]) -> str:
    return ";".join(sorted(kinds))


def build_library(result) -> pd.DataFrame:
    """Sound rows of a scored Result, one per (kinds, group, name, value template)."""
    from scorer.normalise import prepare

    contexts = prepare(result.documents)
    scored = {
        (s, int(p), int(r)): (score, categories)
        for s, p, r, score, categories in zip(
            result.rows["source"],
            result.rows["project_index"],
            result.rows["row_index"],
            result.rows["score"],
            result.rows["categories"],
            strict=True,
        )
    }
    noted = set()
    findings = result.findings
    if len(findings):
        for record in findings[findings["severity"] != "info"].itertuples():
            noted.add(
                (record.source, int(record.project_index))
                if record.row != record.row or record.row is None
                else (record.source, int(record.project_index), int(record.row))
            )
    records, seen = [], set()
    for document in contexts:
        for project in document.projects:
            kinds = _kinds_text(project.name_types)
            for row in project.rows:
                key = (document.source, project.index, row.index)
                score, categories = scored.get(key, (None, ""))
                if score != 100 or categories or key in noted or not row.group or len(row.name) < 2:
                    continue
                value = compact(row.indicator.value)
                if not value or len(value) > 30 or value == row.name or len(_CJK.findall(row.name)) < 2:
                    continue
                if not _CJK.search(project.name) or project.name.startswith(("（", "(")):  # no project name read
                    continue
                template = _FIGURE.sub("<N>", compact(row.indicator.value))
                dedupe = (kinds, row.group, row.name, template)
                if dedupe in seen:
                    continue
                seen.add(dedupe)
                records.append(
                    [
                        kinds,
                        row.group,
                        row.indicator.level2.strip() or group_names().get(row.group, ""),
                        _ITEM_NUMBER.sub("", row.indicator.level3.strip()),
                        row.indicator.value.strip(),
                        template,
                        row.value.family.value,
                        Path(document.source).stem,
                        project.name,
                    ]
                )
    return pd.DataFrame(records, columns=LIBRARY_COLUMNS)


def load_library(path: str | Path | None = None) -> pd.DataFrame:
    path = Path(path) if path else SHIPPED_LIBRARY
    try:
        frame = pd.read_parquet(path)
    except (OSError, ValueError) as exc:
        raise LibraryError(f"{path}: {type(exc).__name__}") from exc
    missing = set(LIBRARY_COLUMNS) - set(frame.columns)
    if missing:
        raise LibraryError(f"{path}: {', '.join(sorted(missing))}")
    return frame.fillna("")


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


class Suggester:
    """Suggestions from a library, indexed by group."""

    def __init__(self, library: pd.DataFrame) -> None:
        self.by_group: dict[str, list[dict]] = {}
        for record in library.to_dict("records"):
            record["kind_set"] = frozenset(k for k in str(record["kinds"]).split(";") if k)
            record["grams"] = _bigrams(compact(str(record["name"])))
            self.by_group.setdefault(str(record["group"]), []).append(record)

    def suggest(
        self,
        group: str,
        kinds: frozenset[str],
        name: str = "",
        document: str = "",
        value: str = "",
        limit: int = 3,
        project: str = "",
    ) -> list[Suggestion]:
        """Up to `limit` rows of `group` from projects sharing a kind, from other documents than `document`:
        the names most like `name` first, then the projects most like `project`."""
        from scorer.messages import text

        grams = _bigrams(compact(name)) if name else set()
        project_grams = _bigrams(compact(project)) if project else set()
        stem = Path(document).stem if document else ""
        ranked = []
        if not kinds:  # a project of no known kind: nothing can be said to be of its kind
            return []
        for record in self.by_group.get(group, []):
            shared = record["kind_set"] & kinds
            if not shared:
                continue
            if stem and record["document"] == stem:
                continue
            if name and compact(str(record["name"])) == compact(name) and compact(str(record["value"])) == compact(value):
                continue
            alike = len(grams & record["grams"]) / len(grams | record["grams"]) if grams else 0.0
            other = _bigrams(compact(str(record["project"])))
            near = len(project_grams & other) / len(project_grams | other) if project_grams else 0.0
            if grams and max(alike, near) < MIN_ALIKE:  # for a row: nothing in common with it or its project
                continue
            ranked.append((-round(alike, 2), -round(near, 2), -len(shared), str(record["name"]), record, alike, shared))
        ranked.sort(key=lambda item: item[:4])
        suggestions, names = [], set()
        for *_, record, alike, shared in ranked:
            if compact(str(record["name"])) in names:
                continue
            names.add(compact(str(record["name"])))
            heading = group_names().get(group, group)
            kind = "、".join(sorted(shared)) if shared else text("suggest.general")
            why = text("suggest.why", kind=kind, level2=heading, document=record["document"], project=record["project"])
            if alike >= 0.2:
                why = text("suggest.why_alike", alike=f"{alike:.0%}") + why
            suggestions.append(
                Suggestion(
                    str(record["name"]), str(record["value"]), heading, why, str(record["document"]), str(record["project"])
                )
            )
            if len(suggestions) == limit:
                break
        return suggestions


def suggestions_for(result, suggester: Suggester) -> tuple[list[str], dict[tuple[str, int], list[str]]]:
    """For each row of result.rows: its suggestions joined (empty for a sound row); and for each project,
    suggestions for each group it lacks (一个数量指标 …)."""
    from scorer.normalise import prepare

    contexts = {(d.source, p.index): p for d in prepare(result.documents) for p in d.projects}
    column = []
    for source, p_index, r_index, categories in zip(
        result.rows["source"], result.rows["project_index"], result.rows["row_index"], result.rows["categories"], strict=True
    ):
        project = contexts.get((source, int(p_index)))
        if not categories or project is None:
            column.append("")
            continue
        row = project.rows[int(r_index)]
        found = suggester.suggest(
            row.group, project.name_types, row.indicator.level3, source, row.indicator.value, project=project.name
        )
        column.append("；".join(str(s) for s in found))
    missing: dict[tuple[str, int], list[str]] = {}
    for key, project in contexts.items():
        groups = {row.group for row in project.rows}
        lacking = [g for g in REQUIRED_GROUPS if g not in groups]
        if not groups & set(EFFECT_GROUPS):
            lacking.append("social")
        for group in lacking:
            found = suggester.suggest(group, project.name_types, document=key[0], project=project.name)
            if found:
                missing.setdefault(key, []).append(f"{group_names().get(group, group)}：" + "；".join(str(s) for s in found))
    return column, missing


def library_card(library: pd.DataFrame, inputs: list[str]) -> str:
    lines = [
        "# 指标库（indicator library）",
        "",
        "Rows that scored sound (100, no finding but notes) with a target of at most 30 characters, one per "
        "project kinds, 二级指标 group, indicator name and value template (figures masked). Project kinds are "
        "those of lexicons/project_types.yaml found in the project's name (else its purpose and goal); rows "
        "whose project has no name read, or whose name has fewer than two Chinese characters, are left out. Built by "
        "`zhibiao library build` (rules and the shipped classifier) from:",
        "",
    ]
    lines += [f"- {name}" for name in inputs]
    lines += [
        "",
        f"{len(library)} rows from {library['document'].nunique() if len(library) else 0} documents.",
        "",
        "| group | rows |",
        "|---|---|",
    ]
    for group, count in library["group"].value_counts().sort_index().items():
        lines.append(f"| {group_names().get(str(group), group)} ({group}) | {count} |")
    kinds = library["kinds"].str.split(";").explode()
    lines += ["", "| project kind | rows |", "|---|---|"]
    for kind, count in kinds[kinds != ""].value_counts().sort_index().items():
        lines.append(f"| {kind} | {count} |")
    lines.append(f"| (none: general) | {int((library['kinds'] == '').sum())} |")
    lines += [
        "",
        "Columns: " + ", ".join(LIBRARY_COLUMNS) + ". `document` and `project` say where a row was read;",
        "the rows are indicator names and targets as published, not the documents.",
        "",
    ]
    return "\n".join(lines)
