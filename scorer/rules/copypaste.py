"""copy_paste: the row was copied from another project or template where it fitted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from scorer.normalise import DocumentContext, ProjectContext, RowContext
from scorer.predicates import is_uncheckable_text
from scorer.registry import Hit, rule
from scorer.rules.relevance import foreign_topic
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
