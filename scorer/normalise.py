"""Documents -> contexts the rules read: each row with its parsed value, group and the project around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from scorer.lexicons import table
from scorer.text import compact
from scorer.types import Document, Indicator, Project, Value
from scorer.values import parse_value

_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


@dataclass
class RowContext:
    indicator: Indicator
    index: int
    value: Value
    name: str  # 三级指标, compact, brackets removed
    group: str  # quantity, quality, timeliness, cost, economic, social, ecological, sustainable, satisfaction, ""
    level1_group: str  # output, effect, cost, satisfaction, ""
    project: ProjectContext = field(repr=False, default=None)  # type: ignore[assignment]

    @property
    def value_text(self) -> str:
        return compact(self.indicator.value)

    @property
    def level2(self) -> str:
        return compact(self.indicator.level2)

    @property
    def level2_is_heading(self) -> bool:
        """The 二级指标 is a standard group heading (数量指标 …), not free text such as a group of people."""
        return not self.level2 or self.level2 in _groups()[1]


@dataclass
class ProjectContext:
    project: Project
    index: int
    rows: list[RowContext]
    types: frozenset[str]
    name_types: frozenset[str]
    text: str  # name + purpose + goal, compact
    document: DocumentContext = field(repr=False, default=None)  # type: ignore[assignment]
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # values derived once per project

    @property
    def name(self) -> str:
        return self.project.name


@dataclass
class DocumentContext:
    document: Document
    projects: list[ProjectContext]

    @property
    def source(self) -> str:
        return self.document.source


@dataclass
class CorpusContext:
    """Every document of a run, with corpus statistics (scorer.duplicates.corpus_stats) when given."""

    documents: list[DocumentContext]
    stats: dict | None = None
    cache: dict = field(default_factory=dict)  # results several corpus rules share (carry-overs)


@cache
def _groups() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    data = table("dimensions")
    level1 = {compact(h): g for g, headings in data["level1"].items() for h in headings}
    level2 = {compact(h): g for g, headings in data["level2"].items() for h in headings}
    endings = sorted(((e, g) for g, ends in data["name_endings"].items() for e in ends), key=lambda x: -len(x[0]))
    return level1, level2, endings


def indicator_name(indicator: Indicator) -> str:
    return _BRACKETS.sub("", compact(indicator.level3))


def group_of(indicator: Indicator, name: str) -> tuple[str, str]:
    level1_map, level2_map, endings = _groups()
    level1 = level1_map.get(compact(indicator.level1), "")
    level2 = level2_map.get(compact(indicator.level2), "")
    if not level2:
        for ending, group in endings:
            if name.endswith(ending):
                level2 = group
                break
    if not level2 and level1 == "satisfaction":
        level2 = "satisfaction"
    if not level2 and level1 == "cost":
        level2 = "cost"
    if not level1:
        level1 = {"quantity": "output", "quality": "output", "timeliness": "output", "cost": "output",
                  "economic": "effect", "social": "effect", "ecological": "effect", "sustainable": "effect",
                  "satisfaction": "satisfaction"}.get(level2, "")
    return level1, level2


@cache
def _type_keywords() -> list[tuple[str, tuple[str, ...]]]:
    return [(name, tuple(spec["keywords"])) for name, spec in table("project_types")["types"].items()]


@lru_cache(maxsize=50_000)
def types_of(text: str) -> frozenset[str]:
    return frozenset(name for name, keywords in _type_keywords() if any(k in text for k in keywords))


def project_types(project: Project) -> tuple[frozenset[str], frozenset[str]]:
    """(types from name, purpose and goal; types from the name alone, or from the rest when the name says none)."""
    name = compact(project.name)
    rest = compact(project.purpose) + compact(project.goal)
    from_name = types_of(name)
    return from_name | types_of(rest), from_name or types_of(rest)


def prepare(documents: list[Document]) -> list[DocumentContext]:
    contexts = []
    for document in documents:
        doc_context = DocumentContext(document=document, projects=[])
        for p_index, project in enumerate(document.projects):
            all_types, name_types = project_types(project)
            p_context = ProjectContext(
                project=project, index=p_index, rows=[], types=all_types, name_types=name_types,
                text=compact(project.name) + compact(project.purpose) + compact(project.goal),
                document=doc_context,
            )
            for r_index, indicator in enumerate(project.indicators):
                name = indicator_name(indicator)
                level1_group, group = group_of(indicator, name)
                value = parse_value(indicator.value)
                indicator.parsed = value
                p_context.rows.append(RowContext(indicator=indicator, index=r_index, value=value, name=name,
                                                 group=group, level1_group=level1_group, project=p_context))
            doc_context.projects.append(p_context)
        contexts.append(doc_context)
    return contexts
