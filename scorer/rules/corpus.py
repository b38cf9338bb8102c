"""Rules over all documents of a run: carry-over between years, templates shared by many units, tables
copied whole between projects. Codes 2xx look across documents, 1xx across projects of one document."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence, Set
from itertools import chain

from scorer.duplicates import cached_key_hash, cached_row_key, carry_overs, corpus_stats, template_lookup
from scorer.normalise import CorpusContext, ProjectContext, RowContext, related_kinds
from scorer.registry import Hit, rule
from scorer.types import Severity, UnitFamily

Yield = Iterator[tuple[ProjectContext, RowContext | None, Hit]]


def _carry_overs(corpus: CorpusContext):
    """Computed once per run and shared by C201, C202 and C203."""
    if "carry_overs" not in corpus.cache:
        corpus.cache["carry_overs"] = carry_overs([d.document for d in corpus.documents])
    return corpus.cache["carry_overs"]


@rule(
    "C201",
    "carried-over-unchanged",
    "copy_paste",
    Severity.INFO,
    scope="corpus",
    message="与{year}年“{other}”中的同一指标完全相同（延续指标，供参考，不算缺陷）",
)
def carried_over_unchanged(corpus: CorpusContext) -> Yield:
    """A row carried unchanged from the same project of an earlier year. Shown, not scored: recurring
    projects keep their indicators (LABELING.md).

    Bad: (info only) 会议召开及时率 = 100% in 市人大常委会会议经费 of 2021 and of 2024.
    Good: a new indicator, or one whose target moved with last year's result.
    """
    for item in _carry_overs(corpus):
        if item.kind == "unchanged":
            project = corpus.documents[item.doc].projects[item.project_index]
            other = corpus.documents[item.other_doc].document
            yield (
                project,
                project.rows[item.row_index],
                Hit(evidence=item.other_project, fields={"year": other.year, "other": item.other_project}),
            )


@rule(
    "C202",
    "value-changed-from-last-year",
    "copy_paste",
    Severity.INFO,
    scope="corpus",
    message="指标名称沿用{year}年“{other}”，指标值由“{old}”改为“{value}”",
)
def value_changed_from_last_year(corpus: CorpusContext) -> Yield:
    """A row whose wording stayed from an earlier year while its target changed. Shown, not scored.

    Bad: (info only) 参会人数 ≥35人 in 2021 and ≤80人次 in 2024.
    Good: (info only) the same, with the change explained in 指标值确定依据.
    """
    for item in _carry_overs(corpus):
        if item.kind == "value-changed":
            project = corpus.documents[item.doc].projects[item.project_index]
            other = corpus.documents[item.other_doc].document
            yield (
                project,
                project.rows[item.row_index],
                Hit(evidence=item.other_value, fields={"year": other.year, "other": item.other_project, "old": item.other_value}),
            )


@rule(
    "C203",
    "table-carried-over",
    "copy_paste",
    Severity.INFO,
    scope="corpus",
    message="{share:.0%}的指标与{year}年“{other}”完全相同，整张表沿用上年",
)
def table_carried_over(corpus: CorpusContext) -> Yield:
    """A project whose table is (nearly all) last year's. Shown, not scored: worth a look when the
    project's money or goal changed.

    Bad: (info only) 80% or more of the rows identical to the same project last year.
    Good: a table updated for this year's plan.
    """
    for item in _carry_overs(corpus):
        if item.kind == "table":
            project = corpus.documents[item.doc].projects[item.project_index]
            other = corpus.documents[item.other_doc].document
            yield (
                project,
                None,
                Hit(evidence=item.other_project, fields={"year": other.year, "other": item.other_project, "share": item.share}),
            )


@rule(
    "B201",
    "template-across-units",
    "boilerplate",
    Severity.WARNING,
    scope="corpus",
    message="“{name} {value}”（数字不计）被{units}个单位原样使用，是通用模板，并非针对本项目设定",
)
def template_across_units(corpus: CorpusContext) -> Yield:
    """A row used word for word (figures aside) by many units: a template, not a target set for this project.

    Counted in the corpus statistics given with --corpus-stats, or else in this run's documents; a
    template needs at least 5 units and 2% of the units counted.
    A deadline with its date (培训完成时间 = 2024年11月底前) is the project's own schedule, whatever form other units'
    dates take: figures aside it would read as one text everywhere.
    Bad: 服务对象满意度 = ≥90% in the tables of dozens of unrelated units.
    Good: 参训人员满意度 = ≥98% (names its own group, used by this unit only); 培训完成时间 = 2024年11月底前.
    """
    stats = corpus.stats
    if stats is None:
        from scorer.duplicates import row_table

        stats = corpus_stats(row_table([d.document for d in corpus.documents]))
    templates = template_lookup(stats)
    if not templates:
        return
    # (三级指标, 指标值) as written -> its hit or None, once per distinct pair: they repeat massively. A hit is
    # only read by the engine, so the rows of one pair share it.
    hits: dict[tuple[str, str], Hit | None] = {}
    for document in corpus.documents:
        for project in document.scored_projects():
            for row in project.rows:
                said = (row.indicator.level3, row.indicator.value)
                if said in hits:
                    hit = hits[said]
                elif row.value.family is UnitFamily.DATE and row.value.has_number:
                    hit = hits[said] = None  # a dated deadline: the project's own schedule
                else:
                    key = cached_row_key(*said)
                    units = templates.get(key) or templates.get(cached_key_hash(key))
                    hit = hits[said] = Hit(evidence=str(units), fields={"units": units}) if units else None
                if hit is not None:
                    yield project, row, hit


@rule(
    "C101",
    "table-copied-between-projects",
    "copy_paste",
    Severity.WARNING,
    scope="corpus",
    message="本项目{share:.0%}的指标（不计数值）与同一文件中不相关的项目“{other}”相同，整张表是照搬的",
    fix="按本项目自己的用途和产出重新设定指标，不照搬其他项目的整张表",
)
def table_copied_between_projects(corpus: CorpusContext) -> Yield:
    """A table that repeats, figures aside, the table of an unrelated project of the same document.

    Bad: a network-maintenance project whose rows are those of the meeting project.
    Good: two meeting projects of one document with alike tables (related projects).
    """
    for document in corpus.documents:
        keys = [
            frozenset([cached_row_key(r.indicator.level3, r.indicator.value) for r in project.rows])
            for project in document.projects
        ]
        flagged: set[int] = set()
        for index, other_index, share in _shared_tables(keys, document.part):
            project, other = document.projects[index], document.projects[other_index]
            if index not in flagged and not related_kinds(project.name_types, other.name_types):
                flagged.add(index)  # the first unrelated project in document order is named
                yield project, None, Hit(evidence=other.name, fields={"other": other.name, "share": share})


MAX_KEY_HOLDERS = 64  # a row key held by more projects of one document than this is a template (B201's)


def _shared_tables(keys: Sequence[Set[str]], asked: range | None = None) -> Iterator[tuple[int, int, float]]:
    """(project, other project, share) where at least 80% (and 4) of the project's row keys are the other's,
    for each such other project in document order. Tables the same to the key are grouped by their key set;
    other pairs come from an inverted index of keys to projects, in which a key held by more than
    MAX_KEY_HOLDERS projects proposes no pair: the work is bounded by rows x MAX_KEY_HOLDERS. asked: only
    these projects' pairs (default all)."""
    tables = [frozenset(mine) for mine in keys]  # each key set hashed once (a frozenset keeps its hash)
    same: dict[frozenset[str], list[int]] = defaultdict(list)
    holders: dict[str, list[int]] = defaultdict(list)
    for index, mine in enumerate(tables):
        if len(mine) >= 4:
            same[mine].append(index)
            for key in mine:
                holders[key].append(index)
    # the keys that propose pairs: held by another project too, and by no more than MAX_KEY_HOLDERS
    pairing = {key: found for key, found in holders.items() if 1 < len(found) <= MAX_KEY_HOLDERS}
    for index, mine in enumerate(tables):
        size = len(mine)
        if size < 4 or (asked is not None and index not in asked):
            continue
        proposed = [found for key in mine if (found := pairing.get(key))]
        alike = same[mine]
        if (len(proposed) < 4 or len(proposed) / size < 0.8) and len(alike) < 2:
            continue  # no other project can hold 4 and 80% of its keys: each proposing key counts one for each
        shared = Counter(chain.from_iterable(proposed))
        for other in alike[: MAX_KEY_HOLDERS + 2]:
            shared[other] = size
        # every project counted holds 4 keys or more (only those are indexed)
        candidates = sorted(other for other, n in shared.items() if n >= 4 and other != index and n / size >= 0.8)
        for other in candidates:
            yield index, other, shared[other] / size
