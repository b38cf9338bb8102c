"""copy_paste: the row was copied from another project or template where it fitted."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from operator import itemgetter

from scorer.lexicons import table
from scorer.normalise import DocumentContext, ProjectContext, RowContext, related_kinds
from scorer.predicates import contains_any, ends_with_any, figure_is_checkable, is_uncheckable_text, is_whole_unit_budget
from scorer.registry import Hit, rule
from scorer.rules.relevance import foreign_topic, topics_in_name
from scorer.text import bigrams
from scorer.types import Severity


@rule(
    "C001",
    "identical-slogan-in-unrelated-projects",
    "copy_paste",
    Severity.ERROR,
    scope="document",
    message="同一行“{name} = {value}”又见于不相关的项目“{other}”，是照搬的口号，建议按本项目实际设定",
)
def identical_slogan_in_unrelated_projects(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """The same uncheckable row (same name, same slogan) in projects of unrelated kinds.

    Numeric rows shared across projects can be a common standard; an identical slogan in a meeting
    project and an activity fund was copied. Projects of a common kind of work (two meeting budgets), or of one
    sector where neither names a kind of work, are related (scorer.normalise.related_kinds).
    Bad: 提升社会影响力 = 有效提升 in 会议费 and in 全国、省人大代表活动经费.
    Good: 保障会议正常进行 = 切实保障 in two meeting projects (vague, but not copied across kinds).
    """
    groups: dict[tuple[str, str], list[RowContext]] = defaultdict(list)
    uncheckable: dict[tuple[str, str], bool] = {}  # (name, 指标值 as written): all is_uncheckable_text reads of a row
    for project in document.projects:
        for row in project.rows:
            if not row.name or figure_is_checkable(row):
                continue  # a figure is checkable (is_uncheckable_text's first test, here without the rest)
            said = (row.name, row.indicator.value)
            found = uncheckable.get(said)
            if found is None:
                found = uncheckable[said] = is_uncheckable_text(row)
            if found:
                groups[(row.name, row.value_text)].append(row)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        first_unrelated = _first_unrelated_other(rows)
        for row in rows:
            if document.is_scored(row.project):
                other = first_unrelated(row)
                if other is not None:
                    yield row, Hit(evidence=row.value_text, fields={"other": other.project.name})


def _first_unrelated_other(rows: list[RowContext]) -> Callable[[RowContext], RowContext | None]:
    """For rows sharing a name and value: row -> the first of them in an unrelated other project, or None.
    The rows are bucketed by their project's kinds, so the work is rows x distinct kind sets (few), not
    rows x rows: an export repeats one slogan over thousands of projects. The leaders of the buckets
    unrelated to a set of kinds are listed once per set, in row order: a row's answer is the first of them
    not in its own project, and a project's rows are in one bucket, so it is one of the first two."""
    buckets: dict[frozenset[str], list[tuple[int, RowContext]]] = {}
    for position, row in enumerate(rows):
        leaders = buckets.setdefault(row.project.name_types, [])
        # a bucket keeps its first row and the first row of another project: one of them is not the asker's
        if not leaders or (len(leaders) == 1 and leaders[0][1].project.index != row.project.index):
            leaders.append((position, row))
    unrelated: dict[frozenset[str], list[RowContext]] = {}  # the asker's kinds -> leaders unrelated to them

    def first_unrelated(row: RowContext) -> RowContext | None:
        mine = row.project.name_types
        others = unrelated.get(mine)
        if others is None:
            found = [leader for kinds, leaders in buckets.items() if not related_kinds(mine, kinds) for leader in leaders]
            others = unrelated[mine] = [other for _, other in sorted(found, key=itemgetter(0))]
        index = row.project.index
        return next((other for other in others if other.project.index != index), None)

    return first_unrelated


@rule(
    "C002",
    "row-from-another-project",
    "copy_paste",
    Severity.ERROR,
    also=(("irrelevant", Severity.ERROR),),
    scope="document",
    message="“{name}”讲的是{kind}工作，本文件的“{other}”才是{kind}项目，此行应是从该项目照抄而来",
    fix="删去照抄的行，按本项目的工作内容设定指标",
)
def row_from_another_project(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """A row about another project's kind of work, where that project exists in the same document: copied from it,
    and foreign to this project (LABELING.md files 会议召开时效性 in a network-maintenance project under both).

    Bad: 人大专网维护费 / 会议召开时效性 = 及时, with 会议费 in the same document.
    Good: 会议费 / 会议开展及时性 (the meeting project's own row).
    """
    first_of_kind: dict[str, list[ProjectContext]] = {}  # kind -> its first two projects of the document
    for project in document.projects:
        for kind in project.name_types:
            holders = first_of_kind.setdefault(kind, [])
            if len(holders) < 2:
                holders.append(project)
    # foreign_topic names the first kind of the row's name (relevance.topics_in_name) that the project does
    # not do: a row none of whose such kinds has a source here finds nothing, and is not asked (R003 asks the
    # rows it judges). A kind held by two projects is a source for every project; by one, for the others.
    only = {kind: holders[0] for kind, holders in first_of_kind.items() if len(holders) == 1}
    for project in document.scored_projects():
        for row in project.rows:
            topics = topics_in_name(row.name)
            if not topics or not any(
                kind not in project.types and kind in first_of_kind and only.get(kind) is not project for kind, _ in topics
            ):
                continue
            found = foreign_topic(row)
            if not found:
                continue
            kind = found[0]
            source = next((p for p in first_of_kind.get(kind, ()) if p is not project), None)
            if source is not None:
                yield row, Hit(evidence="、".join(found[1]), fields={"kind": kind, "other": source.name})


MAX_NAME_HOLDERS = 8  # a name held by more projects of one document is a common standard, not one project's row


@rule(
    "C003",
    "row-of-a-sibling-s-work",
    "copy_paste",
    Severity.ERROR,
    also=(("irrelevant", Severity.ERROR),),
    scope="document",
    message="“{name}”讲的是“{subject}”，那是本文件“{other}”的名称或目标写明的工作，本项目的名称、目标和其他指标都不涉及，"
    "此行应是从该项目照抄而来",
    fix="删去照抄的行，按本项目的工作内容设定指标",
)
def row_of_a_sibling_s_work(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """A row another project of the document holds too (the same name), about work that project's name or goal
    names and nothing of this project does (its name, purpose, goal, other rows): copied from it, and foreign here.
    C002 knows a few kinds of work (会议, 培训); this reads any work the sibling says it does. What the row is about is
    its name before the measure (垃圾清运 of 垃圾清运及时率: lexicons/name_forms.yaml measure_endings), at least two
    of whose character pairs (its one pair, for a subject of two characters: 车辆 of 车辆完好率) the sibling's text (its
    name, purpose, goal and other rows) holds and none of which this project's does; money and its management
    (资金拨付及时率: everyones_subjects) and words that fit every project (工作完成率) are every project's, a satisfaction
    row asks whom a project serves, and a unit's whole budget (部门整体) does all its unit's work; a slogan shared is
    C001's. A name held by more than MAX_NAME_HOLDERS projects is a common standard. Work per row: one lookup of its name, and
    for the few rows a sibling holds, a search of its pairs in the projects' texts (their joined row names kept per
    project).
    Bad: 城区路灯维护经费 / 垃圾清运及时率 = 100%, with 道路清扫保洁经费 (goal: 垃圾日产日清，清运及时) holding the row.
    Good: 道路清扫保洁经费 / 垃圾清运及时率 = 100% (its own work); 资金拨付及时率 in both (every project's money).
    """
    holders: dict[str, list[ProjectContext]] = defaultdict(list)
    for project in document.projects:
        for name in dict.fromkeys(row.name for row in project.rows if row.name):
            holders[name].append(project)
    for project in document.scored_projects():
        if is_whole_unit_budget(project.name):
            continue  # a unit's whole budget does all its unit's work
        for row in project.rows:
            others = holders.get(row.name, ())
            if len(others) < 2 or len(others) > MAX_NAME_HOLDERS or row.group == "satisfaction":
                continue  # a satisfaction row asks whom the project serves, whichever sibling serves them too
            about = _subject_pairs(row.name)
            needed = min(2, len(about))  # a subject of two characters (车辆 of 车辆完好率) is its one pair
            if not needed or _says(project, row.name, about) or is_uncheckable_text(row):
                continue  # a slogan shared with an unrelated project is C001's
            for other in others:
                if other is not project and len(_says(other, row.name, about)) >= needed:
                    yield row, Hit(evidence=other.name, fields={"subject": _subject(row.name), "other": other.name})
                    break


def _says(project: ProjectContext, besides: str, pairs: frozenset[str]) -> frozenset[str]:
    """Which of the character pairs a project says it does: in its name, purpose and goal, or in a row's name other than
    `besides` (the pair occurs more often in all its rows' names than the rows named `besides` hold it). Kept per
    project: its rows' names joined, and how many rows bear each name."""
    text = project.text
    said = [pair for pair in pairs if pair in text]
    if len(said) == len(pairs):
        return frozenset(said)
    kept = project.memo.get("says")
    if kept is None:
        kept = project.memo["says"] = ("\x1f".join(row.name for row in project.rows), Counter(row.name for row in project.rows))
    names, counts = kept
    own = counts[besides]
    return frozenset(pair for pair in pairs if pair in text or names.count(pair) > besides.count(pair) * own)


@lru_cache(maxsize=50_000)
def _subject(name: str) -> str:
    """What a row's name is about: the name before its measure (垃圾清运 of 垃圾清运及时率)."""
    return name[: len(name) - len(ends_with_any(name, _measure_endings()))]


@lru_cache(maxsize=50_000)
def _subject_pairs(name: str) -> frozenset[str]:
    """The character pairs of what a row is about, none if it is money or every project's work."""
    subject = _subject(name)
    words = _everyones_words()
    if not subject or contains_any(subject, words):
        return frozenset()
    return bigrams(subject)


@cache
def _measure_endings() -> tuple[str, ...]:
    forms, units = table("name_forms"), table("unit_expectations")
    return tuple(forms.get("measure_endings") or ()) + tuple(units["bounded_rate_endings"]) + tuple(units["count_endings"])


@cache
def _everyones_words() -> tuple[str, ...]:
    """The money, its management and words that fit every project: no sibling's own work (name_forms.yaml
    everyones_subjects, generic_name_words)."""
    forms = table("name_forms")
    return tuple(forms["everyones_subjects"]) + tuple(forms["generic_name_words"])
