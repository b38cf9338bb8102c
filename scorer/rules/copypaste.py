"""copy_paste: the row was copied from another project or template where it fitted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from scorer.normalise import DocumentContext, RowContext
from scorer.predicates import is_uncheckable_text
from scorer.registry import Hit, rule
from scorer.rules.relevance import foreign_topic
from scorer.types import Severity


def _unrelated(a: RowContext, b: RowContext) -> bool:
    return not (a.project.name_types & b.project.name_types)


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
        for row in rows:
            others = [o for o in rows if o.project.index != row.project.index and _unrelated(row, o)]
            if others:
                yield row, Hit(evidence=row.value_text, fields={"other": others[0].project.name})


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
    for project in document.projects:
        for row in project.rows:
            found = foreign_topic(row)
            if not found:
                continue
            kind = found[0]
            source = next((p for p in document.projects if p is not project and kind in p.name_types), None)
            if source is not None:
                yield row, Hit(evidence="、".join(found[1]), fields={"kind": kind, "other": source.name})
