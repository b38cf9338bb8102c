"""copy_paste: the row was copied from another project or template where it fitted."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from scorer.normalise import DocumentContext, ProjectContext, RowContext
from scorer.predicates import contains_any, is_uncheckable_text, name_forms_table
from scorer.registry import Hit, rule
from scorer.rules.relevance import foreign_topic
from scorer.text import compact
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
    project and an activity fund was copied. Projects of a common kind (two meeting budgets) are related.
    Bad: 提升社会影响力 = 有效提升 in 会议费 and in 全国、省人大代表活动经费.
    Good: 保障会议正常进行 = 切实保障 in two meeting projects (vague, but not copied across kinds).
    """
    groups: dict[tuple[str, str], list[RowContext]] = defaultdict(list)
    for project in document.projects:
        for row in project.rows:
            if row.name and is_uncheckable_text(row):
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
    rows x rows: an export repeats one slogan over thousands of projects."""
    buckets: dict[frozenset[str], list[RowContext]] = {}
    for row in rows:
        leaders = buckets.setdefault(row.project.name_types, [])
        # a bucket keeps its first row and the first row of another project: one of them is not the asker's
        if not leaders or (len(leaders) == 1 and leaders[0].project.index != row.project.index):
            leaders.append(row)
    order = {id(row): position for position, row in enumerate(rows)}

    def first_unrelated(row: RowContext) -> RowContext | None:
        best: RowContext | None = None
        for kinds, leaders in buckets.items():
            if row.project.name_types & kinds:
                continue
            other = next((o for o in leaders if o.project.index != row.project.index), None)
            if other is not None and (best is None or order[id(other)] < order[id(best)]):
                best = other
        return best

    return first_unrelated


@rule(
    "C002",
    "row-from-another-project",
    "copy_paste",
    Severity.ERROR,
    scope="document",
    message="“{name}”讲的是{kind}工作，本文件的“{other}”才是{kind}项目，此行应是从该项目照抄而来",
    fix="删去照抄的行，按本项目的工作内容设定指标",
)
def row_from_another_project(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """A row about another project's kind of work, where that project exists in the same document.

    Bad: 人大专网维护费 / 会议召开时效性 = 及时, with 会议费 in the same document.
    Good: 会议费 / 会议开展及时性 (the meeting project's own row).
    """
    first_of_kind: dict[str, list[ProjectContext]] = {}  # kind -> its first two projects of the document
    for project in document.projects:
        for kind in project.name_types:
            holders = first_of_kind.setdefault(kind, [])
            if len(holders) < 2:
                holders.append(project)
    for project in document.scored_projects():
        for row in project.rows:
            found = foreign_topic(row)
            if not found:
                continue
            kind = found[0]
            source = next((p for p in first_of_kind.get(kind, ()) if p is not project), None)
            if source is not None:
                yield row, Hit(evidence="、".join(found[1]), fields={"kind": kind, "other": source.name})


ANCHOR_HOLDERS = 64  # a name held by more projects of one document than this is a template (B201's), not a copy
ANCHOR_NAMES_SHARE = 0.05  # a pair of characters in more project names than this share (and 2) names no subject


@rule(
    "C003",
    "row-about-another-project",
    "copy_paste",
    Severity.ERROR,
    scope="document",
    also=(("irrelevant", Severity.ERROR),),
    message="“{name}”与本文件“{other}”中的一行同名，讲的是该项目的对象（{evidence}），本项目的名称、用途和其他指标都未提及，应是从该项目照抄而来",
    fix="删去照抄的行，按本项目的工作内容设定指标",
)
def row_about_another_project(document: DocumentContext) -> Iterator[tuple[RowContext, Hit]]:
    """A row that another project of the document also holds, about that project's subject, not this one's.

    The subject is what the other project's name leads with and few other projects' names say (食品安全 in
    食品安全监督抽检; at least two pairs of characters, the name's first among them); this project's name,
    purpose, goal and other rows never say it. Names held by more than
    ANCHOR_HOLDERS projects are templates (B201), rows about a kind of work (会议, 培训) are C002's, and a whole
    department's table (部门整体支出) gathers its projects' rows. The work per row is bounded by its name's
    holders (at most ANCHOR_HOLDERS), whatever the document's size.
    Bad: 特种设备安全监察 / 食品安全抽检批次 = ≥600批次, the row of 食品安全监督抽检 in the same document.
    Good: 食品安全宣传周 / 食品安全抽检批次 = ≥600批次 (its own name says 食品安全); 资金拨付及时率 = 100%
    in several projects (no project's name is about 拨付).
    """
    holders: dict[str, list[RowContext]] = defaultdict(list)
    for project in document.projects:
        for row in project.rows:
            if len(row.name) >= 4:
                holders[row.name].append(row)
    common = _common_name_pairs(document)
    subjects: dict[int, str] = {}  # project index -> the pair its name leads with
    for name, rows in holders.items():
        held_by = {row.project.index: row.project for row in rows}
        if not 2 <= len(held_by) <= ANCHOR_HOLDERS:
            continue
        pairs = [pair for pair in dict.fromkeys(_pairs(name)) if pair not in common]
        if len(pairs) < 2:
            continue
        for index, project in held_by.items():
            if index not in subjects:
                subjects[index] = _subject_of(project)
        if not {subjects[index] for index in held_by} & set(pairs):
            continue  # no holder's name leads with a subject this name says: most names, at once
        for row in rows:
            project = row.project
            if not document.is_scored(project) or foreign_topic(row) or _department_wide(project):
                continue
            other_names = [other.name for other in project.rows if other.name != name]
            unsaid = [pair for pair in pairs if pair not in project.text and not any(pair in n for n in other_names)]
            if len(unsaid) < 2:
                continue
            for other in rows:
                if other.project.index == project.index or subjects[other.project.index] not in unsaid:
                    continue
                theirs = compact(other.project.name)
                anchor = {pair for pair in unsaid if pair in theirs}
                if len(anchor) >= 2:
                    yield row, Hit(evidence="、".join(_stretches(name, theirs, anchor)), fields={"other": other.project.name})
                    break


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


_NAME_LEAD = re.compile(r"^(?:20\d\d年度?|[省市县区]级|乡镇级)")


def _subject_of(project: ProjectContext) -> str:
    """The first pair of characters of the project's name, a year or a level before it left out: a name leads
    with its subject (食品安全监督抽检, 特种设备安全监察; 2025年农技推广 -> 农技)."""
    return _NAME_LEAD.sub("", compact(project.name))[:2]


def _department_wide(project: ProjectContext) -> bool:
    """A whole department's or unit's table (部门整体支出): it gathers the rows of the document's projects."""
    return bool(contains_any(compact(project.name), name_forms_table()["department_wide_words"]))


def _common_name_pairs(document: DocumentContext) -> frozenset[str]:
    """Pairs of characters in the names of more than ANCHOR_NAMES_SHARE of the document's projects (and more
    than two): 项目, 经费, 建设 name no project's subject; two projects may share one (食品安全 in 食品安全抽检
    and 食品安全宣传周)."""
    if "common_name_pairs" not in document.memo:
        counts: dict[str, int] = defaultdict(int)
        for project in document.projects:
            for pair in set(_pairs(compact(project.name))):
                counts[pair] += 1
        bound = max(2, int(ANCHOR_NAMES_SHARE * len(document.projects)))
        document.memo["common_name_pairs"] = frozenset(pair for pair, count in counts.items() if count > bound)
    return document.memo["common_name_pairs"]


def _stretches(name: str, other_name: str, anchored: set[str]) -> list[str]:
    """The longest stretches of the row's name found in the other project's name that hold an anchoring pair,
    left to right (食品安全抽检批次 in 食品安全监督抽检: 食品安全, 抽检)."""
    found: list[str] = []
    start = 0
    while start < len(name) - 1:
        end = start + 2
        while end <= len(name) and name[start:end] in other_name:
            end += 1
        stretch = name[start : end - 1]
        if len(stretch) >= 2:
            if anchored & set(_pairs(stretch)):
                found.append(stretch)
            start = end - 1
        else:
            start += 1
    return found
