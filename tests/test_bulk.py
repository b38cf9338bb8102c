"""The bulk path (streamed rows tables, process pool, Parquet) gives what scoring the whole table at once gives."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import scorer
from bench.synthetic import EXPORT_HEADINGS, generate, write_corpus
from scorer import engine
from scorer.cli import cli
from scorer.engines.bulk import ROW_OUTPUT, score_frame, score_tables
from scorer.ingest import read_paths
from scorer.ingest.tables import document_chunks
from scorer.normalise import prepare
from scorer.rules import select_rules
from scorer.table import PROJECT_COLUMNS, indicator_frame

INPUT = ["source", "project", "level1", "level2", "level3", "description", "value", "basis"]


@pytest.fixture(scope="module")
def seed_table() -> pd.DataFrame:
    return indicator_frame(read_paths([SAMPLES]).documents)[INPUT]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.csv"
    write_corpus(path, 3_000, seed=7)
    return path


def _read(path) -> pd.DataFrame:
    if str(path).endswith(".parquet"):
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _same_rows(bulk: pd.DataFrame, whole: pd.DataFrame, location: bool = True) -> None:
    """The same rows, scores and reasons; location too unless the two were read from different files (a row's
    location names its file and its row there)."""
    assert len(bulk) == len(whole)
    for column in ROW_OUTPUT if location else [c for c in ROW_OUTPUT if c != "location"]:
        left, right = bulk[column].astype(str).str.strip(), whole[column].astype(str).str.strip()
        if column == "score":
            left, right = bulk[column].astype(float), whole[column].astype(float)
        assert list(left) == list(right), column


def test_score_frame_equals_score_on_the_seed_rows(seed_table):
    whole = scorer.score(seed_table)
    per_partition = score_frame(seed_table)
    _same_rows(per_partition, whole.rows)
    by_project = per_partition.drop_duplicates(["source", "project_index"])
    assert list(by_project["project_score"]) == list(whole.projects["score"])
    assert list(by_project["project_codes"]) == list(whole.projects["codes"])
    assert (per_partition["codes"] != "").sum() > 100  # the seeds are full of weak rows: this is no empty run


@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_chunks_equal_the_whole_table(corpus, tmp_path, jobs):
    rows_out, projects_out = tmp_path / "rows.csv", tmp_path / "projects.csv"
    report = score_tables([corpus], rows_out, projects_out, jobs=jobs, chunk_rows=400)
    whole = scorer.score(corpus)  # the same table read whole: the same locations
    assert report.rows == 3_000 and not report.errors and not report.warnings
    _same_rows(_read(rows_out), whole.rows)
    projects = _read(projects_out)
    assert list(projects["score"].astype(float)) == list(whole.projects["score"])
    assert list(projects["rank"].astype(int)) == list(whole.projects["rank"])
    assert list(projects.columns[: len(PROJECT_COLUMNS)]) == PROJECT_COLUMNS
    assert "B201" in " ".join(whole.rows["codes"])  # templates across units are found across chunks


def test_a_chunk_handed_to_a_worker_as_a_file_reads_back_as_the_chunk(corpus, tmp_path, monkeypatch):
    """Its rows, text columns (Arrow-backed and Python objects alike), and the table's own row numbers."""
    import tempfile

    from scorer.engines.bulk import ChunkFiles
    from scorer.ingest.tables import read_batches

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    chunk = next(iter(read_batches(corpus, 1_000))).iloc[300:700]
    chunk["source"] = chunk["source"].astype(object)
    files = ChunkFiles()
    shared = files.put(chunk)
    pd.testing.assert_frame_equal(shared.frame(), chunk)
    assert shared.frame().index[0] == chunk.index[0] != 0
    files.drop(shared)
    files.remove()
    assert list(tmp_path.iterdir()) == []


def test_a_chunk_file_that_cannot_be_written_is_said_with_its_name(corpus, tmp_path, monkeypatch):
    """A full temporary folder is said as the folder's (Arrow's own error names no file), so that a user whose output
    disk has room looks at TMPDIR."""
    import shutil
    import tempfile

    from scorer.engines.bulk import ChunkFiles
    from scorer.ingest.tables import read_batches

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    chunk = next(iter(read_batches(corpus, 100)))
    files = ChunkFiles()
    files.put(chunk)
    assert files.folder is not None
    shutil.rmtree(files.folder)
    with pytest.raises(OSError) as failed:
        files.put(chunk)
    assert failed.value.filename == str(files.folder / "2.arrow")


def test_a_run_that_writes_no_rows_formats_none(corpus, tmp_path, monkeypatch):
    """With only --projects, the scored rows are not made into CSV (nor into files in the temporary folder)."""
    from scorer.engines import bulk

    def formatted(*_args, **_kwargs):
        raise AssertionError("rows formatted for no output")

    monkeypatch.setattr(bulk, "scored_csv_bytes", formatted)
    report = score_tables([corpus], None, tmp_path / "projects.csv", jobs=2, chunk_rows=400)
    assert report.rows == 3_000 and not report.errors
    assert len(_read(tmp_path / "projects.csv")) == report.projects


def test_a_run_over_two_workers_leaves_no_chunk_file(corpus, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    report = score_tables([corpus], tmp_path / "rows.csv", None, jobs=2, chunk_rows=400)
    assert report.rows == 3_000 and not report.errors
    assert list(scratch.iterdir()) == []


def test_parquet_in_and_out_gives_the_csv_results(corpus, tmp_path):
    as_parquet = tmp_path / "corpus.parquet"
    _read(corpus).to_parquet(as_parquet, index=False)
    score_tables([corpus], tmp_path / "rows.csv", tmp_path / "projects.csv", jobs=1, chunk_rows=1000)
    score_tables([as_parquet], tmp_path / "rows.parquet", tmp_path / "projects.parquet", jobs=1, chunk_rows=1000)
    from_parquet, from_csv = _read(tmp_path / "rows.parquet"), _read(tmp_path / "rows.csv")
    _same_rows(from_parquet, from_csv, location=False)
    # the same rows: a Parquet file's row 1 is the CSV's row 2, under its header
    assert list(from_parquet["location"].str.replace(f"{as_parquet}:row ", "").astype(int) + 1) == list(
        from_csv["location"].str.replace(f"{corpus}:row ", "").astype(int)
    )
    assert list(_read(tmp_path / "projects.parquet")["rank"]) == list(_read(tmp_path / "projects.csv")["rank"].astype(int))


def _split(seed_table: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The seed rows with the first document's rows in two places, 50 rows of other documents between."""
    first = seed_table["source"].iloc[0]
    rows = seed_table[seed_table["source"] == first]
    split = pd.concat([rows.iloc[:40], seed_table[seed_table["source"] != first].iloc[:50], rows.iloc[40:]], ignore_index=True)
    return first, split  # indexed by row of the table, as read_batches gives them


@pytest.mark.parametrize("cut", [60, 200], ids=["in two frames", "in one frame"])
def test_a_document_found_again_after_other_documents_is_told_with_its_row(seed_table, cut):
    first, split = _split(seed_table)
    found: list[tuple[str, int]] = []
    chunks = list(document_chunks([split.iloc[:cut], split.iloc[cut:]], lambda source, row: found.append((source, row))))
    assert sum(len(c) for c in chunks) == len(split)  # no row lost
    assert found == [(first, 91)]


@given(
    documents=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=6),
    cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=8),
)
@settings(max_examples=150, deadline=None)
def test_any_frames_give_whole_documents_in_order_and_every_row_once(documents, cuts):
    """However the reader's frames cut a table (a document over many frames, frames of several documents,
    empty ones), the chunks hold whole documents, in the table's order, every row once."""
    sources = [f"单位{number}" for number, rows in enumerate(documents) for _ in range(rows)]
    table = pd.DataFrame({"source": pd.Series(sources, dtype="str"), "level3": [f"指标{i}" for i in range(len(sources))]})
    bounds = sorted({0, len(table), *(cut for cut in cuts if cut < len(table))})
    frames = [table.iloc[start:stop] for start, stop in itertools.pairwise(bounds)] + [table.iloc[:0]]
    chunks = list(document_chunks(frames, lambda source, row: pytest.fail(f"{source} told scattered at {row}")))
    pd.testing.assert_frame_equal(pd.concat(chunks), table)
    for before, after in itertools.pairwise(chunks):
        assert before["source"].iat[-1] != after["source"].iat[0]  # no document in two chunks


def _interleaved(seed_table: pd.DataFrame) -> pd.DataFrame:
    """The seed rows with their projects in a shuffled order: every document's rows in many places, each
    project's rows together (a table sorted by project code, not by unit)."""
    key = seed_table["source"] + "\x1f" + seed_table["project"]
    codes, names = pd.factorize(key)
    order = np.random.default_rng(3).permutation(len(names))
    return seed_table.iloc[np.argsort(order[codes], kind="stable")]


@pytest.mark.parametrize(
    "how",
    [
        {"chunk_rows": 50},
        {"chunk_rows": 10_000},
        {"chunk_rows": 50, "ignore": ["B201"]},
        {"chunk_rows": 50, "part_bytes": 4_000},  # regrouped through temporary Parquet parts
    ],
    ids=["small chunks", "one chunk", "without pass 1", "in parts"],
)
def test_a_table_whose_documents_are_scattered_scores_as_the_same_table_sorted(seed_table, tmp_path, monkeypatch, how):
    """Each part of a scattered document was scored as a document of its own, so the result depended on
    --chunk-rows and two parts' projects shared their indexes."""
    import scorer.engines.bulk as bulk
    import scorer.ingest.tables

    if "part_bytes" in how:
        monkeypatch.setattr(scorer.ingest.tables, "GROUP_PART_BYTES", how["part_bytes"])
    options = bulk.BulkOptions(ignore=how.get("ignore"))
    sorted_table, scattered = tmp_path / "sorted.csv", tmp_path / "scattered.csv"
    seed_table.to_csv(sorted_table, index=False)
    _interleaved(seed_table).to_csv(scattered, index=False)
    expected = score_tables(
        [sorted_table], tmp_path / "expected.csv", None, jobs=1, options=bulk.BulkOptions(ignore=how.get("ignore"))
    )
    report = score_tables([scattered], tmp_path / "got.csv", None, jobs=1, chunk_rows=how["chunk_rows"], options=options)
    regrouped = [line for line in report.warnings if "已把每个文件的行合并在一起评分" in line]
    assert len(regrouped) == 1 and not report.errors and report.rows == expected.rows == len(seed_table)
    columns = ["source", "project", "level1", "level2", "level3", "description", "value", "score", "codes", "messages"]
    got, want = _read(tmp_path / "got.csv")[columns], _read(tmp_path / "expected.csv")[columns]
    pd.testing.assert_frame_equal(
        got.sort_values(columns).reset_index(drop=True), want.sort_values(columns).reset_index(drop=True)
    )
    assert got.groupby("source", sort=False).ngroup().is_monotonic_increasing  # each document's rows together


def test_unreadable_tables_are_named_and_the_others_still_scored(corpus, tmp_path):
    missing_column = tmp_path / "no_value.csv"
    missing_column.write_text("source,project,level3\na,b,c\n", encoding="utf-8")
    not_a_table = tmp_path / "broken.parquet"
    not_a_table.write_bytes(b"PAR1 this is no parquet file")
    report = score_tables([missing_column, not_a_table, corpus], tmp_path / "rows.csv", None, jobs=1)
    assert report.rows == 3_000
    assert len(report.errors) == 2
    assert "no_value.csv" in report.errors[0] and "value" in report.errors[0]
    assert "broken.parquet" in report.errors[1]


def _as_export(seed_table: pd.DataFrame, unit_heading: str | None) -> pd.DataFrame:
    """The seed rows as a budget system exports them: Chinese headings, the unit (if any) as the last column."""
    export = seed_table.rename(columns=EXPORT_HEADINGS).drop(columns="source")
    if unit_heading:
        export[unit_heading] = seed_table["source"]
    return export


@pytest.mark.parametrize("unit_heading", ["单位名称", "预算单位", "主管部门"])
def test_an_export_with_chinese_headings_is_grouped_by_its_unit_column(seed_table, tmp_path, unit_heading):
    export = tmp_path / "export.csv"
    _as_export(seed_table, unit_heading).to_csv(export, index=False, encoding="utf-8-sig")
    english = tmp_path / "english.csv"
    seed_table.to_csv(english, index=False)
    report = score_tables([export], tmp_path / "from_export.csv", tmp_path / "projects.csv", jobs=1)
    score_tables([english], tmp_path / "from_english.csv", tmp_path / "english_projects.csv", jobs=1)
    assert report.rows == len(seed_table) and report.documents == seed_table["source"].nunique() > 1
    assert not report.warnings and not report.errors
    from_export, from_english = _read(tmp_path / "from_export.csv"), _read(tmp_path / "from_english.csv")
    _same_rows(from_export, from_english, location=False)
    where = [list(rows["location"].str.replace(str(path), "")) for rows, path in ((from_export, export), (from_english, english))]
    assert where[0] == where[1]  # each its own file's, the same rows
    # each document is a unit, and the projects table names it (its unit column was empty)
    projects = _read(tmp_path / "projects.csv")
    assert list(projects["unit"]) == list(projects["source"]) and set(projects["unit"]) == set(seed_table["source"])
    assert set(_read(tmp_path / "english_projects.csv")["unit"]) == {""}  # documents named by a source column


def test_an_export_without_unit_or_source_is_one_document_with_a_warning(seed_table, tmp_path):
    export = tmp_path / "bulk.csv"
    _as_export(seed_table.head(120), None).to_csv(export, index=False)
    report = score_tables([export], tmp_path / "rows.csv", None, jobs=1)
    assert report.rows == 120 and report.documents == 1
    assert "没有文件列（source）或单位列" in report.warnings[0] and "bulk.csv" in report.warnings[0]
    rows = _read(tmp_path / "rows.csv")
    assert set(rows["source"]) == {"bulk.csv"} and sorted(rows["level3"]) == sorted(seed_table.head(120)["level3"])


def test_an_export_in_gb18030_reads_as_in_utf8(seed_table, tmp_path):
    export = _as_export(seed_table.head(200), "单位名称")
    export.to_csv(tmp_path / "gbk.csv", index=False, encoding="gb18030")
    export.to_csv(tmp_path / "utf8.csv", index=False, encoding="utf-8")
    assert not score_tables([tmp_path / "gbk.csv"], tmp_path / "a.csv", None, jobs=1).errors
    score_tables([tmp_path / "utf8.csv"], tmp_path / "b.csv", None, jobs=1)
    _same_rows(_read(tmp_path / "a.csv"), _read(tmp_path / "b.csv"), location=False)


def test_which_csv_is_a_rows_table(seed_table, tmp_path):
    from scorer.ingest.tables import is_rows_table

    contract, export, other = tmp_path / "contract.csv", tmp_path / "export.csv", tmp_path / "other.csv"
    seed_table.head(5).to_csv(contract, index=False)
    _as_export(seed_table.head(5), "单位名称").to_csv(export, index=False)
    other.write_text("项目名称,预算数\n培训,10\n", encoding="utf-8")
    assert is_rows_table(contract)  # contract names: always the bulk way
    assert not is_rows_table(export)  # a small export is read as a document
    assert is_rows_table(export, min_bytes=0) and not is_rows_table(other, min_bytes=0)


def test_cli_takes_a_large_export_the_bulk_way(seed_table, tmp_path, monkeypatch):
    import scorer.ingest.tables

    monkeypatch.setattr(scorer.ingest.tables, "ROWS_TABLE_MIN_BYTES", 1)
    export = tmp_path / "export.csv"
    _as_export(seed_table, None).to_csv(export, index=False)
    result = CliRunner().invoke(cli, ["score", str(export), "-o", str(tmp_path / "rows.csv"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "全部行作为一个文件" in result.output and f"{len(seed_table)} 条指标" in result.output


def test_cli_scores_rows_tables_in_a_stream_and_exits_1_when_one_was_unreadable(corpus, tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is no parquet file")
    result = CliRunner().invoke(
        cli,
        [
            "score",
            str(corpus),
            str(broken),
            "-o",
            str(tmp_path / "rows.parquet"),
            "--projects",
            str(tmp_path / "projects.csv"),
            "-j",
            "2",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "broken.parquet" in result.output and "3000 条指标" in result.output
    assert len(pd.read_parquet(tmp_path / "rows.parquet")) == 3_000


def test_cli_refuses_the_dask_engine_for_documents():
    result = CliRunner().invoke(cli, ["score", str(SAMPLES), "--engine", "dask"])
    assert result.exit_code == 2 and "zhibiao parse" in result.output


def test_row_verdict_cache_changes_no_finding(seed_table):
    table = pd.concat([seed_table, generate(2_000, seed=3)[INPUT]], ignore_index=True)
    with_cache = scorer.score(table, use_model=False).findings
    engine.USE_ROW_CACHE = False
    try:
        without_cache = scorer.score(table, use_model=False).findings
    finally:
        engine.USE_ROW_CACHE = True
    pd.testing.assert_frame_equal(with_cache, without_cache)


class _NoProject:
    def __getattr__(self, name):
        raise AssertionError(f"read row.project.{name}")


def test_rules_cached_per_row_text_read_nothing_but_the_row(seed_documents):
    """A row rule without context=True must not look at the project: its verdict is shared by every row
    with the same cells."""
    text_rules = [r for r in select_rules() if r.scope == "row" and not r.context]
    assert len(text_rules) >= 20
    contexts = prepare(list(seed_documents.values()))
    checked = 0
    for document in contexts:
        for project in document.projects:
            for row in project.rows:
                row.project = _NoProject()
                for rule in text_rules:
                    rule.func(row)
                    checked += 1
                row.project = project
    assert checked > 10_000


def test_parse_then_score_the_rows_table_gives_the_row_scores_of_the_documents(tmp_path):
    """`zhibiao parse` keeps each project's budget, purpose and goal beside its rows, so the rules that
    read them (B001 restates the budget, L101 costs above it, R003 topics of the purpose) still apply."""
    runner = CliRunner()
    table = tmp_path / "rows.csv"
    assert runner.invoke(cli, ["parse", str(SAMPLES), "-o", str(table), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["score", str(table), "-o", str(tmp_path / "scored.csv"), "-q", "-j", "1"]).exit_code == 0
    from_table = _read(tmp_path / "scored.csv")
    from_documents = scorer.score(SAMPLES).rows
    assert list(from_table["score"].astype(float)) == list(from_documents["score"])
    assert "B001" in " ".join(from_table["codes"]) and "L101" in " ".join(from_table["codes"])


def test_a_table_without_source_is_one_document_named_after_the_file(tmp_path, seed_table):
    table = tmp_path / "one_unit.csv"
    seed_table.drop(columns="source").head(50).to_csv(table, index=False)
    report = score_tables([table], tmp_path / "rows.csv", None, jobs=1)
    assert report.rows == 50 and report.documents == 1
    assert "全部行作为一个文件" in report.warnings[0] and "one_unit.csv" in report.warnings[0]
    assert set(_read(tmp_path / "rows.csv")["source"]) == {"one_unit.csv"}


def test_one_large_document_scored_in_parts_by_two_workers_equals_it_scored_whole(seed_table, tmp_path):
    """A document over --chunk-rows goes to every worker, each scoring a range of its projects with the whole
    document as context: the rows, project scores and ranks in the document equal one process's, and the
    copy-paste rules still see projects of the other part (C002 and B009 compare projects)."""
    from scorer.engines.bulk import document_parts

    table = tmp_path / "export.csv"
    frame = seed_table.assign(source="export.csv")
    frame.to_csv(table, index=False)
    assert len(document_parts(frame, 2)) == 2
    for jobs in (1, 2):
        score_tables([table], tmp_path / f"rows{jobs}.csv", tmp_path / f"projects{jobs}.csv", jobs=jobs, chunk_rows=100)
    assert (tmp_path / "rows1.csv").read_bytes() == (tmp_path / "rows2.csv").read_bytes()
    assert (tmp_path / "projects1.csv").read_bytes() == (tmp_path / "projects2.csv").read_bytes()
    rows = _read(tmp_path / "rows2.csv")
    assert len(rows) == len(seed_table) and {"C002", "B009"} <= set(";".join(rows["codes"]).split(";"))
    projects = _read(tmp_path / "projects2.csv")
    assert sorted(projects["rank_in_document"].astype(int)) == sorted(projects["rank"].astype(int))


def test_document_parts_cut_between_projects_into_as_many_rows():
    frame = pd.DataFrame({"source": "a", "project": ["p1"] * 5 + ["p2"] * 5 + ["p3"] * 5 + ["p4"] * 5})
    from scorer.engines.bulk import document_parts

    assert document_parts(frame, 2) == [(0, 2), (2, 4)]
    assert document_parts(frame, 3) == [(0, 2), (2, 3), (3, 4)]
    assert document_parts(frame.assign(project="p"), 2) == [None]  # one project: nothing to cut
    assert document_parts(frame.assign(source=["a", "b"] * 10), 2) == [None]  # several documents stay whole


def test_the_unit_is_named_alike_with_and_without_a_report(seed_table, tmp_path):
    """A report option (--xlsx, --statistics …) reads the table into memory: the projects table and the
    workbook's 单位 column were empty there, while the stream named each unit (found in review)."""
    import openpyxl

    export = tmp_path / "export.csv"
    _as_export(seed_table, "单位名称").to_csv(export, index=False)
    for name, extra in (("stream", []), ("report", ["--xlsx", str(tmp_path / "report.xlsx")])):
        outputs = ["-o", str(tmp_path / f"{name}.csv"), "--projects", str(tmp_path / f"{name}_p.csv")]
        result = CliRunner().invoke(cli, ["score", str(export), *outputs, *extra])
        assert result.exit_code == 0, result.output
        projects = _read(tmp_path / f"{name}_p.csv")
        assert list(projects["unit"]) == list(projects["source"]) and set(projects["unit"]) == set(seed_table["source"])
    _same_rows(_read(tmp_path / "stream.csv"), _read(tmp_path / "report.csv"))
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True).worksheets[0]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert "单位" in header and {row[header.index("单位")] for row in rows if row[0]} <= set(seed_table["source"])


# A budget system's export with what comes around its indicator rows: a project's heading line (its budget and
# goal, no indicator), a cost block's total with a target (an indicator), a project named by a self-evaluation
# section's opening (存在的问题…), the table's total, a sign-off in the unit column and a note.
CLOSING_EXPORT = """单位名称,项目名称,预算数（万元）,年度绩效目标,一级指标,二级指标,三级指标,指标值
某县民政局,临时救助,120,保障困难群众基本生活,,,,
某县民政局,临时救助,,,产出指标,数量指标,临时救助人次,≥300人次
某县民政局,临时救助,,,产出指标,成本指标,临时救助资金,≤150万元
某县民政局,临时救助,,,满意度指标,服务对象满意度指标,受助群众满意度,≥90%
某县水利局,河道保洁,40,,产出指标,数量指标,保洁河道长度,≥25公里
某县水利局,河道保洁,40,,产出指标,成本指标,合计,≤40万元
某县水利局,存在的问题整改专项,6,,产出指标,数量指标,问题整改数,≥3项
合计,,166,,,,,
单位负责人：王强,,,,,,,填报日期：2025年3月1日
,,,,,,注：指标值为年度计划数,
"""
CLOSING_EXPORT_INDICATORS = ["临时救助人次", "临时救助资金", "受助群众满意度", "保洁河道长度", "合计", "问题整改数"]
CLOSING_EXPORT_SAID = (
    "{path}：4 行不是指标，未评分：表尾的合计、说明或签名行 3 行（第 9，10，11 行）；既无指标名称也无指标值的行 1 行（第 2 行）"
)


def test_totals_notes_and_sign_offs_of_an_export_are_no_indicators_and_are_said(tmp_path):
    """The bulk path scored 合计 (a project named 合计, graded C) and a project's heading line as indicators, where
    the document reader leaves them out; now both read the same indicators, and the rows left out are said. The
    heading line still gives its project's budget (the costs above it are found, L101), and a project named
    by a section's opening (存在的问题整改专项) is a project (found in review)."""
    export = tmp_path / "closing.csv"
    export.write_text(CLOSING_EXPORT, encoding="utf-8")
    report = score_tables([export], tmp_path / "rows.csv", tmp_path / "projects.csv", jobs=1)
    rows, projects = _read(tmp_path / "rows.csv"), _read(tmp_path / "projects.csv")
    assert list(rows["level3"]) == CLOSING_EXPORT_INDICATORS and report.rows == 6
    assert list(rows["location"]) == [f"{export}:row {number}" for number in range(3, 9)]  # the file's, header on row 1
    assert "L101" in rows.set_index("level3").loc["临时救助资金", "codes"]  # ≤150万元 of a 120万元 project
    assert projects.set_index("project")["budget"].to_dict() == {"临时救助": "120", "河道保洁": "40", "存在的问题整改专项": "6"}
    assert report.warnings == [CLOSING_EXPORT_SAID.format(path=export)] and not report.errors
    documents = read_paths([export]).documents  # the document reader of the same table
    assert [i.level3 for d in documents for p in d.projects for i in p.indicators] == CLOSING_EXPORT_INDICATORS
    assert [p.budget for d in documents for p in d.projects] == [120, 40, 6]


def test_rows_left_out_of_an_export_are_listed_under_its_units_with_a_report(tmp_path):
    """With a report option the table is read into memory: the rows left out are listed per unit (rows of no
    unit of their own under the unit above them), as a document's 未采用的内容, and the same indicators are
    scored."""
    export = tmp_path / "closing.csv"
    export.write_text(CLOSING_EXPORT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(export), "-o", str(tmp_path / "rows.csv"), "--xlsx", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert list(_read(tmp_path / "rows.csv")["level3"]) == CLOSING_EXPORT_INDICATORS
    assert "某县民政局：1 个项目，3 条指标；另有 1 处不是指标，已跳过（既无指标名称也无指标值的行 1）" in result.output
    assert "某县水利局：2 个项目，3 条指标；另有 3 处不是指标，已跳过（表尾的合计、说明或签名行 3）" in result.output


@pytest.mark.parametrize("failing", ["key_units", "_score_chunk"], ids=["pass 1", "pass 2"])
def test_a_run_ending_in_an_error_while_it_regroups_a_table_has_removed_its_parts(seed_table, tmp_path, monkeypatch, failing):
    """Found in review: a run stopped (SIGTERM) while a scattered table was read through its temporary Parquet
    parts left them behind: the reading was closed only when collected, and a stopped run leaves without the
    interpreter's teardown. The parts are gone as soon as the error leaves the run, while it is still held."""
    import tempfile

    import scorer.engines.bulk as bulk
    import scorer.ingest.tables as tables

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(tables, "GROUP_PART_BYTES", 1 << 12)  # a part every 4 kB: several
    path = tmp_path / "scattered.csv"
    seed_table.sort_values("level3", kind="stable").to_csv(path, index=False)  # every document's rows apart

    def fail_while_regrouping(*args, **kwargs):
        if any(scratch.glob("zhibiao-groups-*/*.parquet")):
            raise RuntimeError("stopped")
        return real(*args, **kwargs)

    real = getattr(bulk, failing)
    monkeypatch.setattr(bulk, failing, fail_while_regrouping)
    with pytest.raises(RuntimeError, match="stopped") as caught:
        score_tables([path], tmp_path / "rows.csv", None, jobs=1, chunk_rows=100)
    assert caught.value.__traceback__ is not None and list(scratch.iterdir()) == []


def test_an_exports_heading_lines_give_no_budget_where_the_project_s_rows_do(tmp_path):
    """Found in review: a project opened by a heading line with no budget (its name, or a group 产出指标 alone) took
    no budget from its rows below, so their costs above it went unseen; and a table of heading lines and a
    total only was scored as if it held indicators (exit status 0)."""
    export = tmp_path / "heading.csv"
    export.write_text(
        "单位名称,项目名称,预算数（万元）,年度绩效目标,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,临时救助,,,,,,\n"
        "某县民政局,临时救助,120,保障困难群众基本生活,产出指标,成本指标,临时救助资金,≤150万元\n"
        "某县民政局,特困供养,,,产出指标,,,\n"
        "某县民政局,特困供养,80,保障特困人员基本生活,产出指标,成本指标,供养资金,≤90万元\n"
        "某县水利局,河道保洁,40,,产出指标,数量指标,保洁河道长度,≥25公里\n",
        encoding="utf-8",
    )
    empty = tmp_path / "headings_only.csv"
    empty.write_text(
        "单位名称,项目名称,预算数（万元）,三级指标,指标值\n甲局,培训项目,10,,\n乙局,巡查项目,20,,\n合计,,30,,\n", encoding="utf-8"
    )
    outputs = ["-o", str(tmp_path / "rows.csv"), "--projects", str(tmp_path / "p.csv")]
    result = CliRunner().invoke(cli, ["score", str(export), str(empty), *outputs])
    assert result.exit_code == 1, result.output
    assert f"错误：{empty}：没有指标行，3 行都不是指标" in result.output
    projects = _read(tmp_path / "p.csv").set_index("project")
    assert projects["budget"].to_dict() == {"临时救助": "120", "特困供养": "80", "河道保洁": "40"}
    rows = _read(tmp_path / "rows.csv").set_index("level3")
    assert "L101" in rows.loc["临时救助资金", "codes"] and "L101" in rows.loc["供养资金", "codes"]


def test_a_self_evaluation_section_in_the_project_column_closes_unless_it_states_a_target(tmp_path):
    """Found in review: with only whole labels closing a project's cell, a flat self-evaluation table's closing
    sections (偏差大或目标未完成原因分析 | 无 | 无 …) became projects; a project named 存在的问题整改专项, whose row
    names an indicator, stays a project, in the bulk path and in the document reader."""
    text = (
        "单位名称,项目名称,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,低保资金,产出指标,数量指标,保障人数,≥3000人\n"
        "某县民政局,存在的问题整改专项,产出指标,数量指标,问题整改数,≥3项\n"
        "某县水利局,河道保洁,产出指标,数量指标,保洁河道长度,≥25公里\n"
        "某县水利局,偏差大或目标未完成原因分析,无,无,无,无\n"
        "某县水利局,自评结论,,,,\n"
        "某县农业农村局,高标准农田建设,产出指标,数量指标,建设面积,≥5000亩\n"
        "某县农业农村局,偏差大或目标未完成原因分析,,,,受汛期影响2处工程推迟，及时率为92%\n"
    )
    export = tmp_path / "selfeval.csv"
    export.write_text(text, encoding="utf-8")
    report = score_tables([export], tmp_path / "rows.csv", tmp_path / "p.csv", jobs=1)
    projects = ["低保资金", "存在的问题整改专项", "河道保洁", "高标准农田建设"]
    assert sorted(_read(tmp_path / "p.csv")["project"]) == sorted(projects)
    assert "表尾的合计、说明或签名行 3 行（第 5，6，8 行）" in report.warnings[0]  # its prose quotes figures: no target
    flat = tmp_path / "flat.csv"
    flat.write_text("\n".join(line.split(",", 1)[1] for line in text.splitlines()) + "\n", encoding="utf-8")
    document = read_paths([flat]).documents[0]
    assert [p.name for p in document.projects] == projects


def test_a_cost_block_s_amounts_are_not_the_project_s_budget_nor_a_section_s_heading_line_a_closing(tmp_path):
    """Found in review: taking a project's budget from its first row that gave one took a cost row's amount (20)
    where the project's first row gave none; and the heading line of 存在的问题整改专项 was closed as a
    self-evaluation section, its budget lost."""
    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值\n"
        "某县司法局,乡镇干部培训,,产出指标,数量指标,培训人数,≥300人\n"
        "某县司法局,乡镇干部培训,20,产出指标,成本指标,场地租赁费,≤20万元\n"
        "某县民政局,存在的问题整改专项,50,,,,\n"
        "某县民政局,存在的问题整改专项,,产出指标,成本指标,整改经费,≤60万元\n",
        encoding="utf-8",
    )
    score_tables([export], tmp_path / "rows.csv", tmp_path / "p.csv", jobs=1)
    assert _read(tmp_path / "p.csv").set_index("project")["budget"].to_dict() == {"乡镇干部培训": "", "存在的问题整改专项": "50"}
    assert "L101" in _read(tmp_path / "rows.csv").set_index("level3").loc["整改经费", "codes"]  # ≤60万元 of 50万元


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(
        st.one_of(
            st.sampled_from(["=7人", "-5%", "+1", "@SUM(A1)", "\t制表", "\r回车", '含"引号"', "多行\n文字", "", "≥95%"]),
            st.text(max_size=12),
            st.none(),
            st.integers(),
        ),
        min_size=3,
        max_size=3,
    )
)
def test_scored_rows_are_written_as_the_typed_rows_would_be(cells):
    """The bulk path hands score_frame's text columns to Arrow as they are: byte for byte what typing them
    first gave, formula cells neutralised, and any cell that is no text (None, a number) written as before."""
    from scorer.engines.bulk import csv_bytes, scored_csv_bytes, typed_rows

    frame = pd.DataFrame(
        [
            {
                "source": "a.csv",
                "project": "会议费",
                "level1": "产出指标",
                "level2": "数量指标",
                "level3": "会议次数",
                "value": "≥2次",
            }
        ]
        * 3
    )
    rows = score_frame(frame)[ROW_OUTPUT].copy()
    rows["value"] = pd.Series(cells, dtype=object)
    rows["messages"] = pd.Series([str(cell) for cell in cells], dtype=object)
    assert scored_csv_bytes(rows) == csv_bytes(typed_rows(rows))
