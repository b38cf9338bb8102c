"""The document-scope rules on documents of many projects: the same verdicts as their pairwise definitions,
and the same findings whether a document is scored whole or in parts (scorer.engines.bulk splits a
document too large for one worker)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.engine import run_rules
from scorer.normalise import prepare
from scorer.predicates import is_uncheckable_text
from scorer.types import Document, Indicator, Location, Project

# projects of several kinds (会议, 培训, 设备购置, 河道 …) and of none (专项业务费 says no kind: unrelated to all)
PROJECT_NAMES = [
    "人代会会议经费",
    "常委会会议经费",
    "代表培训经费",
    "村医培训经费",
    "办公设备购置",
    "河道保洁经费",
    "专项业务费",
    "综合事务经费",
]
ROWS = [
    ("社会效益指标", "提升社会影响力", "有效提升"),
    ("社会效益指标", "提升群众获得感", "显著提升"),
    ("质量指标", "工作完成质量", "高质量完成"),
    ("成本指标", "日常办公成本", "≤1万元"),
    ("成本指标", "日常办公费用成本", "≤1万元"),
    ("质量指标", "管理制度健全性", "健全"),
    ("质量指标", "档案管理规范性", "规范"),
    ("数量指标", "培训人数", "≥120人"),
    ("时效指标", "会议召开及时性", "及时"),
    ("满意度指标", "服务对象满意度", "≥95%"),
]
DOCUMENT_RULES = ["C001", "C002", "B004", "B009", "C101"]


def document_of(tables: list[tuple[int, list[int]]]) -> Document:
    projects = []
    for number, (name, rows) in enumerate(tables):
        project = Project(name=f"{PROJECT_NAMES[name]}（{number}）")
        project.indicators = [
            Indicator("", ROWS[r][0], ROWS[r][1], "", ROWS[r][2], "", Location("doc.csv", row=i)) for i, r in enumerate(rows)
        ]
        projects.append(project)
    return Document(source="doc.csv", projects=projects)


tables_strategy = st.lists(
    st.tuples(st.integers(0, len(PROJECT_NAMES) - 1), st.lists(st.integers(0, len(ROWS) - 1), min_size=1, max_size=6)),
    min_size=2,
    max_size=24,
)


def _found(findings) -> list[tuple]:
    return sorted((f.code, f.project_index, f.row, f.message) for f in findings)


@settings(max_examples=60, deadline=None)
@given(tables_strategy)
def test_c001_names_the_first_row_of_an_unrelated_project_as_its_pairwise_definition(tables):
    document = document_of(tables)
    [context] = prepare([document])
    rows = [row for project in context.projects for row in project.rows]
    expected = []
    for row in rows:
        if not (row.name and is_uncheckable_text(row)):
            continue
        others = [
            o
            for o in rows
            if (o.name, o.value_text) == (row.name, row.value_text)
            and o.project.index != row.project.index
            and not (o.project.name_types & row.project.name_types)
            and is_uncheckable_text(o)
        ]
        if others:
            expected.append((row.project.index, row.index, others[0].project.name))
    found = [
        (f.project_index, f.row, f.message.split("不相关的项目“")[1].split("”")[0]) for f in run_rules([context], select=["C001"])
    ]
    assert sorted(found) == sorted(expected)


@settings(max_examples=40, deadline=None)
@given(tables_strategy, st.data())
def test_a_document_scored_in_parts_finds_what_it_finds_whole(tables, data):
    whole = _found(run_rules(prepare([document_of(tables)]), select=DOCUMENT_RULES))
    cut = data.draw(st.integers(1, len(tables) - 1))
    in_parts = []
    for part in (range(0, cut), range(cut, len(tables))):
        [context] = prepare([document_of(tables)])
        context.part = part
        in_parts += [f for f in run_rules([context], select=DOCUMENT_RULES) if f.project_index in part]
    assert _found(in_parts) == whole


def test_an_identical_slogan_over_thousands_of_projects_is_flagged_in_each():
    # one slogan in 3,000 projects of two unrelated kinds: every row names the first project of the other kind
    tables = [(0 if number % 2 else 5, [0]) for number in range(3000)]
    findings = run_rules(prepare([document_of(tables)]), select=["C001"])
    assert len(findings) == 3000
    first_meeting, first_river = "人代会会议经费（1）", "河道保洁经费（0）"
    assert all((first_river if f.project_index % 2 else first_meeting) in f.message for f in findings)


def test_a_kept_wording_tells_apart_fields_equal_but_written_otherwise():
    # the wordings of hits are kept per rule, row and hit: 1 and True are equal as keys, not as text
    from scorer.engine import _findings
    from scorer.registry import Hit
    from scorer.rules import load_rules

    [context] = prepare([document_of([(0, [5]), (1, [5])])])
    rule, project = load_rules()["B004"], context.projects[0]
    row = project.rows[0]
    first = _findings(rule, context, project, row, Hit(evidence="健全", fields={"count": 1}))[0]
    second = _findings(rule, context, project, row, Hit(evidence="健全", fields={"count": True}))[0]
    assert "1个项目" in first.message and "True个项目" in second.message
    assert len({first, second, first}) == 2  # findings hash by their fields, as when they were frozen


@settings(max_examples=300, deadline=None)
@given(
    st.text("会议培训费", max_size=4),
    st.lists(st.text("会议培训费", max_size=4), min_size=1, max_size=8),
    st.lists(st.text("会议培训费", min_size=1, max_size=4), min_size=1, max_size=4),
)
def test_a_word_in_the_project_text_and_other_names_is_found_as_in_the_string_they_make(text, names, words):
    # a small alphabet, so that words often lie across a join: text|names and around the row's own name
    from scorer.predicates import contains_any
    from scorer.rules.relevance import in_own_text

    project = Project(name=text)
    project.indicators = [Indicator("", "", name, "", "", "", Location("doc.csv")) for name in names]
    [context] = prepare([Document(source="doc.csv", projects=[project])])
    rows = context.projects[0].rows
    for row in rows:
        made = context.projects[0].text + "".join(r.name for r in rows if r is not row)
        assert in_own_text(row, words) == bool(contains_any(made, words))
