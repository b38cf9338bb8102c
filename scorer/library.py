"""指标推荐: a library of well-set indicators taken from scored tables, and suggestions from it.

The library keeps rows that scored sound (100, no finding but notes) with a target of at most 30
characters, with their project's library kinds (lexicons/library_sectors.yaml: sectors such as 交通运输,
narrower fields such as 公路养护, functions such as 会议 or 培训; from the project's name, else its purpose
and goal, its unit's name or its indicator names), 二级指标 group, unit family and a value template (figures
masked). A suggestion for a flagged row, or for a group a project lacks, is a library row of the same group
from another document whose project is of the row's project's sector (for a project of no sector: of no
sector either and sharing a function; a project of no kind gets none), whose project names no other member
of a family the row's project names (结核病 for 麻风病; 低保 for 临时救助, by project or row name). Of those
only the ones sharing the most specific kinds (a narrower field, then a function) are kept, ranked by how
alike the row names and the project names are; each comes with why it fits. The rules' project kinds
(project_types.yaml) are not used here, so suggestions leave the rules' figures as they are.
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
_COST_KINDS = ("社会成本", "生态环境成本")  # cost headings of their own: a unit cost is no answer to them
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


@cache
def _sector_table() -> tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, tuple[str, ...]]], dict[str, tuple[str, ...]], tuple[str, ...]
]:
    """(sector -> keywords, narrower field -> (its sector, keywords), function -> keywords, words to ignore)."""
    from scorer.lexicons import table

    data = table("library_sectors")
    sectors: dict[str, tuple[str, ...]] = {}
    fields: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, spec in data["sectors"].items():
        if spec.get("parent"):
            fields[name] = (spec["parent"], tuple(spec["keywords"]))
        else:
            sectors[name] = tuple(spec["keywords"])
    functions = {name: tuple(words) for name, words in data["functions"].items()}
    return sectors, fields, functions, tuple(data.get("ignore", []))


def _keyword_matches(text: str) -> set[str]:
    """Sectors named in text, longest keyword first: 农村公路 is 交通运输, not also 农业农村 for its 农村."""
    sectors = _sector_table()[0]
    found = sorted(
        ((len(word), start, sector) for sector, words in sectors.items() for word in words for start in _starts(text, word)),
        key=lambda item: (-item[0], item[1]),
    )
    taken: set[int] = set()
    named = set()
    for length, start, sector in found:
        span = set(range(start, start + length))
        if span & taken:
            continue
        taken |= span
        named.add(sector)
    return named


def _starts(text: str, word: str) -> list[int]:
    starts, position = [], text.find(word)
    while position >= 0:
        starts.append(position)
        position = text.find(word, position + 1)
    return starts


def _fields_in(text: str, sectors: set[str]) -> set[str]:
    return {name for name, (parent, words) in _sector_table()[1].items() if parent in sectors and any(w in text for w in words)}


def _functions_in(text: str) -> set[str]:
    return {name for name, words in _sector_table()[2].items() if any(w in text for w in words)}


def _cleaned(text: str) -> str:
    text = compact(text)
    for word in _sector_table()[3]:
        text = text.replace(word, "")
    return text


def kinds_of_name(name: str) -> frozenset[str]:
    """The library kinds a name says: its sectors, their narrower fields and its functions."""
    text = _cleaned(name)
    sectors = _keyword_matches(text)
    return frozenset(sectors | _fields_in(text, sectors) | _functions_in(text))


def project_kinds(project) -> frozenset[str]:
    """A project's library kinds: those of its name; when the name names no sector, the sectors (and fields)
    of its purpose and goal, else of its unit's name, else the ones its indicator names mention most (at least
    twice)."""
    if "library_kinds" in project.memo:
        return project.memo["library_kinds"]
    kinds = set(kinds_of_name(project.name))
    if not sectors_of(kinds):
        unit = project.document.document.unit if project.document is not None else ""
        for text in (_cleaned(project.project.purpose + project.project.goal), _cleaned(unit)):
            sectors = _keyword_matches(text)
            if sectors:
                kinds |= sectors | _fields_in(text, sectors)
                break
        else:
            counts: dict[str, int] = {}
            texts = [_cleaned(row.indicator.level3 + row.indicator.value) for row in project.rows]
            for text in texts:
                for sector in _keyword_matches(text):
                    counts[sector] = counts.get(sector, 0) + 1
            most = max(counts.values(), default=0)
            if most >= 2:
                sectors = {s for s, n in counts.items() if n == most}
                kinds |= sectors | set().union(*(_fields_in(t, sectors) for t in texts))
    project.memo["library_kinds"] = frozenset(kinds)
    return project.memo["library_kinds"]


def sectors_of(kinds: Iterable[str]) -> set[str]:
    return set(kinds) & set(_sector_table()[0])


def _fields_of(kinds: Iterable[str]) -> set[str]:
    return set(kinds) & set(_sector_table()[1])


def _function_kinds(kinds: Iterable[str]) -> set[str]:
    return set(kinds) & set(_sector_table()[2])


def _foreign_functions(record: dict, kinds: frozenset[str]) -> set[str]:
    """The kinds of work (functions of lexicons/library_sectors.yaml) the project of a library row does,
    when the project suggested for does none of them: an equipment purchase's rows are not a training's."""
    done = _function_kinds(record["kind_set"])
    return done - kinds if done and not done & kinds else set()


def _schemes_in(text: str) -> dict[str, frozenset[str]]:
    from scorer.rules.relevance import schemes_in

    return schemes_in(text)


@cache
def _families() -> dict[str, dict[str, tuple[str, ...]]]:
    """Families whose members each have their own indicators: library_sectors.yaml's `exclusive` and
    project_types.yaml's schemes."""
    from scorer.lexicons import table

    families = {f: {m: tuple(w) for m, w in members.items()} for f, members in table("project_types")["schemes"].items()}
    for family, members in (table("library_sectors").get("exclusive") or {}).items():
        families[family] = {m: tuple(w) for m, w in members.items()}
    return families


def members_in(name: str) -> dict[str, frozenset[str]]:
    """{family: members a project's name names}."""
    text = _cleaned(name)
    out = {}
    for family, members in _families().items():
        named = frozenset(m for m, words in members.items() if any(w in text for w in words))
        if named:
            out[family] = named
    return out


def _other_member(own: dict[str, frozenset[str]], other: dict[str, frozenset[str]]) -> bool:
    return any(own.get(family) and not named & own[family] for family, named in other.items())


def _other_scheme(own: dict[str, frozenset[str]], name: str) -> bool:
    """Whether a row's name names another scheme of a family the project's name names (rule R005)."""
    return any(own.get(family) and not named & own[family] for family, named in _schemes_in(name).items())


def shares_kind(kinds: Iterable[str], library_kinds: Iterable[str]) -> bool:
    """Whether a library row's project kinds fit a project's: the same sector, or for a project of no
    sector, the same function and no sector either (a 配套设施建设 of no known sector takes no 健身路径 row)."""
    kinds, library_kinds = set(kinds), set(library_kinds)
    sectors = sectors_of(kinds)
    if sectors:
        return bool(sectors & library_kinds)
    return bool(_function_kinds(kinds) & library_kinds) and not sectors_of(library_kinds)


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
            kinds = _kinds_text(project_kinds(project))
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
            record["members"] = members_in(str(record["project"]))
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
        level2: str = "",
    ) -> list[Suggestion]:
        """Up to `limit` rows of `group` from projects sharing a kind, from other documents than `document`:
        only those sharing the most specific kinds, the names and projects most like `name` and `project` first.
        A row under 社会成本指标 or 生态环境成本指标 (`level2`) takes only rows under the same heading."""
        from scorer.messages import text

        grams = _bigrams(compact(name)) if name else set()
        project_grams = _bigrams(compact(project)) if project else set()
        stem = Path(document).stem if document else ""
        own_schemes = _schemes_in(compact(project)) if project else {}
        own_members = members_in(project) if project else {}
        own_cost = next((c for c in _COST_KINDS if c in compact(level2)), "")
        ranked = []
        if not kinds:  # a project of no known kind: nothing can be said to be of its kind
            return []
        for record in self.by_group.get(group, []):
            if not shares_kind(kinds, record["kind_set"]):
                continue
            if own_schemes and _other_scheme(own_schemes, compact(str(record["name"]))):  # 特困供养 rows for 临时救助
                continue
            if own_members and _other_member(own_members, record["members"]):  # 结核病 projects' rows for 麻风病
                continue
            if own_cost and own_cost not in compact(str(record["level2"])):
                continue
            if _foreign_functions(record, kinds):
                continue  # a row about another kind of work (buying equipment, building) than this project does
            shared = record["kind_set"] & kinds
            if stem and record["document"] == stem:
                continue
            if name and compact(str(record["name"])) == compact(name) and compact(str(record["value"])) == compact(value):
                continue
            alike = len(grams & record["grams"]) / len(grams | record["grams"]) if grams else 0.0
            other = _bigrams(compact(str(record["project"])))
            near = len(project_grams & other) / len(project_grams | other) if project_grams else 0.0
            if grams and max(alike, near) < MIN_ALIKE:  # for a row: nothing in common with it or its project
                continue
            tier = (bool(_fields_of(shared)), bool(_function_kinds(shared)))
            ranked.append(
                (tier, -round(alike + near, 2), -round(alike, 2), -len(shared), str(record["name"]), record, alike, shared)
            )
        best = max((item[0] for item in ranked), default=(False, False))
        ranked = sorted((item for item in ranked if item[0] == best), key=lambda item: item[1:5])
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
            row.group,
            project_kinds(project),
            row.indicator.level3,
            source,
            row.indicator.value,
            project=project.name,
            level2=row.indicator.level2,
        )
        column.append("；".join(str(s) for s in found))
    missing: dict[tuple[str, int], list[str]] = {}
    for key, project in contexts.items():
        groups = {row.group for row in project.rows}
        lacking = [g for g in REQUIRED_GROUPS if g not in groups]
        if not groups & set(EFFECT_GROUPS):
            lacking.append("social")
        for group in lacking:
            found = suggester.suggest(group, project_kinds(project), document=key[0], project=project.name)
            if found:
                missing.setdefault(key, []).append(f"{group_names().get(group, group)}：" + "；".join(str(s) for s in found))
    return column, missing


def library_card(library: pd.DataFrame, inputs: list[str]) -> str:
    lines = [
        "# 指标库（indicator library）",
        "",
        "Rows that scored sound (100, no finding but notes) with a target of at most 30 characters, one per "
        "project kinds, 二级指标 group, indicator name and value template (figures masked). Project kinds are "
        "the sectors, narrower fields and functions of lexicons/library_sectors.yaml found in the project's name "
        "(else its purpose and goal, its unit's name or its indicator names); rows whose project has no name "
        "read, or whose name has fewer than two Chinese characters, are left out. Built by "
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
