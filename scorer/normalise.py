"""Documents -> contexts the rules read: each row with its parsed value, group and the project around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial

from scorer.lexicons import table
from scorer.text import alternation, compact
from scorer.types import Document, Indicator, Project, UnitFamily, Value
from scorer.values import parse_value

_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


@dataclass(slots=True)  # hundreds of thousands of rows at once in a large document
class RowContext:
    indicator: Indicator
    index: int
    value: Value
    name: str  # 三级指标, compact, brackets removed
    group: str  # quantity, quality, timeliness, cost, economic, social, ecological, sustainable, satisfaction, ""
    level1_group: str  # output, effect, cost, satisfaction, ""
    form: frozenset[str] = frozenset()  # the name's form (name_form): share, count, slogan, clause …
    project: ProjectContext = field(repr=False, default=None)  # type: ignore[assignment]
    value_text: str = field(init=False, repr=False)  # 指标值, compact: read by most rules, made once
    level2: str = field(init=False, repr=False)  # 二级指标, compact

    def __post_init__(self) -> None:
        self.value_text = compact(self.indicator.value)
        self.level2 = compact(self.indicator.level2)

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
    spent_on: frozenset[str] = frozenset()  # the kinds its name says the money is spent on (spent_on())

    @property
    def name(self) -> str:
        return self.project.name


@dataclass
class DocumentContext:
    document: Document
    projects: list[ProjectContext]
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # indexes derived once per document
    # Only these projects are scored (one part of a document too large for one worker); the others are
    # there as context for the rules and features that compare projects of a document.
    part: range | None = None

    @property
    def source(self) -> str:
        return self.document.source

    def scored_projects(self) -> list[ProjectContext]:
        if self.part is None:
            return self.projects
        return self.projects[self.part.start : self.part.stop]

    def is_scored(self, project: ProjectContext) -> bool:
        """Whether this run scores the project: scored_projects() holds it."""
        return self.part is None or project.index in self.part


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


_QUANTITY_IN_NAME = re.compile(r"\d+(?:\.\d+)?\s*([^\d\s、，,；;。()（）]{1,3})")


@cache
def _name_forms() -> dict:
    return table("name_forms")


@cache
def _unit_spellings() -> tuple[str, ...]:
    families = table("units")["families"]
    return tuple(sorted({u for spellings in families.values() for u in spellings}, key=len, reverse=True))


@cache
def _long_unit_spellings() -> tuple[str, ...]:
    return tuple(u for u in _unit_spellings() if len(u) >= 2)


def _ends_with(text: str, endings: list[str]) -> bool:
    return text.endswith(tuple(endings))


@lru_cache(maxsize=50_000)
def name_form(raw_name: str) -> frozenset[str]:
    """What the indicator name (三级指标 as written) is, as a noun that can take a figure or not.

    share: a rate or satisfaction (…率, 满意度, 占比); count: it says what is counted (…数, …人次);
    measure: a time, size or amount (…时间, 面积, 成本); unit_in_name: a unit in brackets (面积(亩));
    quantity_in_name: a figure with its unit inside the name (购置康复训练器材6套);
    slogan: an aim (促进…, …改善, 保障…); abstract: a situation or activity (…情况, …管理, …性);
    clause: punctuation inside, or long without a measurable ending nor one act (…密切接触者筛查); yes_no: a 是否 question.
    """
    forms = _name_forms()
    units = table("unit_expectations")
    full = compact(raw_name)
    name = _BRACKETS.sub("", full)
    out: set[str] = set()
    if not name:
        return frozenset()
    for bracketed in re.findall(r"[(（]([^)）]*)[)）]", full):
        if re.sub(r"^(单位|计量单位)[:：]?", "", bracketed) in _unit_spellings():
            out.add("unit_in_name")
    if name.endswith(_long_unit_spellings()):
        out.update(("unit_in_name", "count"))
    for match in _QUANTITY_IN_NAME.finditer(name):
        if match.group(1).startswith(_unit_spellings()):
            out.add("quantity_in_name")
            break
    ratio_ending = _ends_with(name, units["percent_endings"]) and not _ends_with(name, units["percent_exceptions"])
    ratio_ending = ratio_ending or _ends_with(name, units["shares_ending_like_exceptions"])  # 居民健康素养水平
    degree = name.endswith("度") and not _ends_with(name, units["non_ratio_endings"])
    if ratio_ending or degree or any(w in name for w in forms["share_words"]):
        out.add("share")
    if _ends_with(name, units["count_endings"]):
        out.add("count")
    if _ends_with(name, forms["measurable_endings"]):
        out.add("measure")
    if any(w in name for w in forms["slogan_words"]):
        out.add("slogan")
    if _ends_with(name, forms["abstract_endings"]):
        out.add("abstract")
    measurable = out & {"share", "count", "measure", "unit_in_name", "quantity_in_name"}
    question = "是否" in name
    # a question of a checkable act is one fact: longer than a noun, and no clause for that
    long_and_unmeasured = (
        len(name) >= forms["clause_length"]
        and not measurable
        and not asks_an_act(name)
        and not (_ends_with(name, forms["one_act_endings"]) and not any(word in name for word in forms["clause_connectives"]))
    )
    if re.search(r"[，,。；;！、]", name.rstrip("。")) or long_and_unmeasured:
        out.add("clause")
    if question:
        out.add("yes_no")
    return frozenset(out)


def asks_an_act(name: str) -> bool:
    """A 是否 question of a checkable act (是否建立…机制, 是否通过验收: name_forms.yaml yes_no_acts), not of an aim."""
    at = name.find("是否")
    if at < 0:
        return False
    asked = re.sub(r"^(?:已|已经|严格|按时|按期|如期|及时)+", "", name[at + 2 :])  # 是否严格执行…规定
    if asked.startswith(("达到", "符合")):  # a named standard is checked (是否符合GB5749标准), an expectation is not
        return bool(re.search(r"(?:标准|规定|规范|条件|》)$", asked))
    return asked.startswith(tuple(_name_forms()["yes_no_acts"]))


def indicator_name(indicator: Indicator) -> str:
    return _bare_name(indicator.level3)


@lru_cache(maxsize=50_000)
def _bare_name(level3: str) -> str:
    """The 三级指标 compacted, brackets removed."""
    return _BRACKETS.sub("", compact(level3))


def group_of(indicator: Indicator, name: str) -> tuple[str, str]:
    return _group(indicator.level1, indicator.level2, name)


_WEIGHT = re.compile(r"[(（]\d+(?:\.\d+)?分[)）]|\d+(?:\.\d+)?分$")  # 产出指标(50分), (50分)数量指标: the group's weight


def _heading(cell: str) -> str:
    return _WEIGHT.sub("", compact(cell))


@lru_cache(maxsize=50_000)  # few distinct headings, names repeat across projects
def _group(level1_heading: str, level2_heading: str, name: str) -> tuple[str, str]:
    level1_map, level2_map, endings = _groups()
    level1 = level1_map.get(_heading(level1_heading), "")
    level2 = level2_map.get(_heading(level2_heading), "")
    if not level2 and level1 == "cost":
        level2 = "cost"  # under 成本指标 every row is a cost (经济, 社会, 生态环境成本), whatever its name ends with
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
        level1 = {
            "quantity": "output",
            "quality": "output",
            "timeliness": "output",
            "cost": "output",
            "economic": "effect",
            "social": "effect",
            "ecological": "effect",
            "sustainable": "effect",
            "satisfaction": "satisfaction",
        }.get(level2, "")
    return level1, level2


@cache
def _type_keywords() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Project-type keywords by their first character, each with the types it names."""
    types_of_keyword: dict[str, set[str]] = {}
    for name, spec in table("project_types")["types"].items():
        for keyword in spec["keywords"]:
            if keyword:
                types_of_keyword.setdefault(keyword, set()).add(name)
    by_first: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for keyword, types in types_of_keyword.items():
        by_first.setdefault(keyword[0], []).append((keyword, frozenset(types)))
    return {first: tuple(pairs) for first, pairs in by_first.items()}


@cache
def _masked_keywords() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(phrases, keyword): where the keyword names no kind. 系统 after a sector's name is an organisation, after a
    building's service its pipes, no information system (供销系统, 排水系统: project_types.yaml not_information_systems);
    农村 before another sector's clinic, school, road or scheme names only where that work is done, no farming
    (农村卫生室, 农村低保: not_farming_places); 农民 of 农民工 names migrant workers (not_farming_people); 企业 before its
    retired or its staff names whose people they are, no trade
    (企业退休人员: not_business_people)."""
    data = table("project_types")
    return tuple(
        (re.compile(alternation(data.get(key) or ["\x00"])), keyword)
        for key, keyword in (
            ("not_information_systems", "系统"),
            ("not_farming_places", "农村"),
            ("not_farming_people", "农民"),
            ("not_business_people", "企业"),
        )
    )


@cache
def _short_forms() -> tuple[tuple[str, str], ...]:
    """Phrases read as their short forms before the kinds are sought (project_types.yaml short_forms)."""
    return tuple((str(phrase), str(short)) for phrase, short in (table("project_types").get("short_forms") or {}).items())


def _masked(keyword: str, found: re.Match[str]) -> str:
    return found.group().replace(keyword, "|")


@lru_cache(maxsize=50_000)
def types_of(text: str) -> frozenset[str]:
    """The project types one of whose keywords the text holds (only keywords starting with a character of
    the text are tried: purposes and goals are long, the keyword list is too)."""
    by_first = _type_keywords()
    for phrase, short in _short_forms():  # 环境卫生 is 环卫: a town's sanitation, no health care nor nature restored
        text = text.replace(phrase, short)
    for phrases, keyword in _masked_keywords():
        if phrases.search(text):  # 供销系统业务培训: no information system; 农村卫生室: no farming
            text = phrases.sub(partial(_masked, keyword), text)
    found: set[str] = set()
    for first in set(text) & by_first.keys():
        for keyword, types in by_first[first]:
            if keyword in text:
                found |= types
    return frozenset(found)


@cache
def _spending() -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...], frozenset[str]]:
    data = table("project_types")
    kinds = frozenset(name for name, spec in data["types"].items() if spec.get("spending"))
    lines = tuple((kind, tuple(words)) for kind, words in (data.get("budget_lines") or {}).items())
    return kinds, lines, frozenset(data.get("budget_lines_spare") or ())


@lru_cache(maxsize=50_000)
def spent_on(name: str, name_types: frozenset[str]) -> frozenset[str]:
    """The kinds a project's name (compact) says its money is spent on: its spending kinds (薪酬, 运转, 租赁 …)
    and the kinds of the budget lines it holds (会议费: 会议), unless the name is of a kind whose meetings are its
    work (招商推介会会议经费). lexicons/project_types.yaml."""
    kinds, lines, spare = _spending()
    spent = name_types & kinds
    if name_types & spare:
        return spent
    return spent | frozenset(kind for kind, words in lines if any(word in name for word in words))


@cache
def _sector_kinds() -> frozenset[str]:
    return frozenset(table("project_types").get("sector_kinds") or ())


@lru_cache(maxsize=4096)
def related_kinds(mine: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two projects' kinds make them related work: a kind of work in common (会议, 培训, 信息化, 监督 …), or,
    where neither names a kind of work, a sector in common (教育, 医疗 …: project_types.yaml sector_kinds). In one
    department's document every project holds its sector: a health bureau's subsidy, its information system's upkeep
    and its supervision are not related work for sharing 医疗."""
    sectors = _sector_kinds()
    my_work, other_work = mine - sectors, other - sectors
    if my_work or other_work:
        return bool(my_work & other_work)
    return bool(mine & other)


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
            spending = spent_on(compact(project.name), name_types)
            p_context = ProjectContext(
                project=project,
                index=p_index,
                rows=[],
                types=all_types,
                name_types=name_types,
                text=compact(project.name) + compact(project.purpose) + compact(project.goal),
                document=doc_context,
                spent_on=spending,
            )
            for r_index, indicator in enumerate(project.indicators):
                name = indicator_name(indicator)
                level1_group, group = group_of(indicator, name)
                value = _a_date_the_name_asks_for(_with_the_name_s_unit(parse_value(indicator.value), indicator.level3), name)
                indicator.parsed = value
                p_context.rows.append(
                    RowContext(
                        indicator=indicator,
                        index=r_index,
                        value=value,
                        name=name,
                        group=group,
                        level1_group=level1_group,
                        form=name_form(indicator.level3),
                        project=p_context,
                    )
                )
            doc_context.projects.append(p_context)
        contexts.append(doc_context)
    return contexts


_BRACKETED_UNIT = re.compile(r"[（(]\s*([^()（）\d]{1,6}?)\s*[)）]\s*$")


def _with_the_name_s_unit(value: Value, level3: str) -> Value:
    """A bare figure (100, ≥1) under a name that gives its unit in brackets at the end (工程验收合格率（%）,
    建设面积（万亩）): the figure in that unit, as a table's column heading (指标值（%）) gives it."""
    if not value.has_number or value.unit or value.text:
        return value
    found = _BRACKETED_UNIT.search(level3)
    if not found:
        return value
    given = parse_value(value.raw.strip() + found.group(1).strip())
    return given if given.unit and given.numbers else value


_YEAR_MONTH = r"((?:19|20)\d{2})[.\-/](0?[1-9]|1[0-2])"
_BARE_YEAR_MONTHS = re.compile(rf"{_YEAR_MONTH}(?:\s*[-~～—至到]\s*{_YEAR_MONTH})?")


@cache
def _date_name_endings() -> tuple[str, ...]:
    return tuple(table("unit_expectations")["date_name_endings"])


def _a_date_the_name_asks_for(value: Value, name: str) -> Value:
    """A bare year and month in figures (2025.10, 2025-06), or two of them (2025.1-2025.12), under a name of a date or a
    period (竣工验收时间, 项目实施周期: unit_expectations.yaml date_name_endings): the date or the period, as 2025年10月
    and 2025年1月-2025年12月 are read. Under any other name it stays a figure (新增造林面积 = 2020.5 is an area without its
    unit)."""
    if value.family is not UnitFamily.NONE or value.unit or value.text or value.op:
        return value
    found = _BARE_YEAR_MONTHS.fullmatch(value.raw.strip())
    if not found or not name.endswith(_date_name_endings()):
        return value
    start, end = f"{found[1]}年{int(found[2])}月", f"{found[3]}年{int(found[4])}月" if found[3] else ""
    return replace(parse_value(f"{start}-{end}" if end else start), raw=value.raw)


def release(contexts: list[DocumentContext]) -> None:
    """Break the back-references (row -> project -> document) of contexts no longer needed, so that
    reference counting frees them at once: the bulk path pauses the cyclic collector while it scores,
    and a collector pass over every object of a 20,000-row chunk took about a tenth of its time."""
    for document in contexts:
        for project in document.projects:
            project.rows.clear()
            project.memo.clear()
        document.projects.clear()
        document.memo.clear()
