"""The shortcuts of the document- and corpus-scope rules give what the plain computations give: B009's alike
names (bounds on difflib's ratio) as difflib's ratio itself, C101's shared tables as counting every key, C002
asking foreign_topic of fewer rows as asking it of every row."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.normalise import prepare
from scorer.rules import boilerplate, copypaste, corpus
from scorer.rules.relevance import foreign_topic
from scorer.types import Document, Indicator, Location, Project


def alike_by_ratio(names: list[str], pairs) -> list[set[int]]:
    alike = [{i} for i in range(len(names))]
    for i, j in pairs:
        if difflib.SequenceMatcher(None, names[i], names[j]).ratio() >= 0.7:
            alike[i].add(j)
            alike[j].add(i)
    return alike


# a small alphabet, so that names often hold one another, share ends and repeat characters
names_strategy = st.lists(st.text("会议培训成本费", min_size=1, max_size=9), min_size=1, max_size=14, unique=True)


@settings(max_examples=300, deadline=None)
@given(names_strategy)
def test_alike_names_are_those_of_difflib_ratio(names):
    names = sorted(names)
    every_pair = [(i, j) for j in range(len(names)) for i in range(j)]
    assert [set(found) for found in boilerplate._alike_names(names)] == alike_by_ratio(names, every_pair)


def test_alike_names_of_long_names_and_of_many_names_are_those_of_difflib_ratio():
    from scorer.duplicates import lsh_candidates, minhash_signatures

    # a second string of 200 characters or more has its popular characters taken for junk by difflib
    long = sorted(["会议" * 110, "会议" * 110 + "成本", "培" + "会议" * 105, "会议成本"])
    every_pair = [(i, j) for j in range(len(long)) for i in range(j)]
    assert [set(found) for found in boilerplate._alike_names(long)] == alike_by_ratio(long, every_pair)
    # past ALIKE_ALL_PAIRS names, the pairs MinHash banding proposes
    many = sorted(
        {
            f"{place}{work}成本"
            for place in "东南西北中上下左右前后"
            for work in ("会议", "培训", "办公", "印刷", "差旅", "会议培训")
        }
    )
    assert len(many) > boilerplate.ALIKE_ALL_PAIRS
    proposed = [(int(i), int(j)) for i, j in lsh_candidates(minhash_signatures(many))]
    assert [set(found) for found in boilerplate._alike_names(many)] == alike_by_ratio(many, proposed)


def shared_tables_by_counting(keys: list[set[str]], asked: range | None = None):
    """_shared_tables as first written: every key of a project counted against every holder."""
    same: dict[frozenset[str], list[int]] = {}
    holders: dict[str, list[int]] = {}
    for index, mine in enumerate(keys):
        if len(mine) >= 4:
            same.setdefault(frozenset(mine), []).append(index)
            for key in mine:
                holders.setdefault(key, []).append(index)
    for index, mine in enumerate(keys):
        if len(mine) < 4 or (asked is not None and index not in asked):
            continue
        shared: dict[int, int] = {}
        for key in mine:
            if len(holders[key]) <= corpus.MAX_KEY_HOLDERS:
                for other in holders[key]:
                    shared[other] = shared.get(other, 0) + 1
        for other in same[frozenset(mine)][: corpus.MAX_KEY_HOLDERS + 2]:
            shared[other] = len(mine)
        for other in sorted(o for o, n in shared.items() if o != index and len(keys[o]) >= 4 and n >= 4 and n / len(mine) >= 0.8):
            yield index, other, shared[other] / len(mine)


tables_strategy = st.lists(st.sets(st.sampled_from("abcdefgh"), max_size=8), min_size=1, max_size=20)


@settings(max_examples=300, deadline=None)
@given(tables_strategy, st.integers(2, 70), st.data())
def test_shared_tables_are_those_found_by_counting_every_key(keys, holders, data):
    start = data.draw(st.integers(0, len(keys)))
    asked = data.draw(st.sampled_from([None, range(start, len(keys))]))
    original = corpus.MAX_KEY_HOLDERS
    corpus.MAX_KEY_HOLDERS = holders  # small bounds too, so that a key of many holders proposes no pair
    try:
        assert list(corpus._shared_tables(keys, asked)) == list(shared_tables_by_counting(keys, asked))
    finally:
        corpus.MAX_KEY_HOLDERS = original


PROJECT_NAMES = ["人代会会议经费", "代表培训经费", "办公设备购置", "河道保洁经费", "专项业务费"]
ROWS = [
    ("时效指标", "会议召开及时性", "及时"),
    ("数量指标", "培训人数", "≥120人"),
    ("数量指标", "召开会议次数", "≥3次"),
    ("质量指标", "设备验收合格率", "100%"),
    ("质量指标", "河道保洁覆盖率", "≥95%"),
    ("社会效益指标", "提升社会影响力", "有效提升"),
]


def rows_from_another_project_asked_of_every_row(document):
    """C002 as first written: foreign_topic asked of every scored row."""
    first_of_kind: dict[str, list] = {}
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
            source = next((p for p in first_of_kind.get(found[0], ()) if p is not project), None)
            if source is not None:
                yield row, found, source


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(PROJECT_NAMES) - 1), st.lists(st.integers(0, len(ROWS) - 1), min_size=1, max_size=5)),
        min_size=1,
        max_size=10,
    ),
    st.data(),
)
def test_c002_finds_what_asking_every_row_finds(tables, data):
    projects = []
    for number, (name, rows) in enumerate(tables):
        project = Project(name=f"{PROJECT_NAMES[name]}（{number}）")
        project.indicators = [
            Indicator("", ROWS[r][0], ROWS[r][1], "", ROWS[r][2], "", Location("doc.csv", row=i)) for i, r in enumerate(rows)
        ]
        projects.append(project)
    start = data.draw(st.integers(0, len(tables) - 1))
    part = data.draw(st.sampled_from([None, range(start, len(tables))]))
    [context] = prepare([Document(source="doc.csv", projects=projects)])
    context.part = part
    found = [(row.project.index, row.index, hit.evidence, hit.fields) for row, hit in copypaste.row_from_another_project(context)]
    [context] = prepare([Document(source="doc.csv", projects=projects)])  # foreign_topic's memo afresh
    context.part = part
    expected = [
        (row.project.index, row.index, "、".join(words), {"kind": kind, "other": source.name})
        for row, (kind, words), source in rows_from_another_project_asked_of_every_row(context)
    ]
    assert found == expected
