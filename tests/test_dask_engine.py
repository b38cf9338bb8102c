"""The Dask engine on a distributed.LocalCluster of 2 workers gives the local path's results: the same
CSV bytes, the same Parquet contents (row groups differ)."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest
from conftest import SAMPLES

from bench.synthetic import EXPORT_HEADINGS, write_corpus
from scorer.engines.bulk import score_tables
from scorer.ingest import read_paths
from scorer.table import indicator_frame

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a LocalCluster per module, seconds per test


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    seeds = folder / "seeds.csv"
    frame = indicator_frame(read_paths([SAMPLES]).documents)
    frame[["source", "project", "level1", "level2", "level3", "description", "value", "basis"]].to_csv(seeds, index=False)
    corpus = folder / "corpus.parquet"
    write_corpus(corpus, 4_000, seed=11)
    return {"seeds": seeds, "corpus": corpus}


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_dask_engine_equals_the_local_path(tables, tmp_path, name):
    from scorer.engines.dask_engine import score_tables_dask

    table = tables[name]
    suffix = table.suffix
    local = score_tables([table], tmp_path / f"local_rows{suffix}", tmp_path / f"local_projects{suffix}", jobs=1)
    distributed = score_tables_dask([table], tmp_path / f"dask_rows{suffix}", tmp_path / f"dask_projects{suffix}", workers=2)
    assert distributed.rows == local.rows > 500 and distributed.projects == local.projects
    assert not distributed.errors
    for kind in ("rows", "projects"):
        local_file, dask_file = tmp_path / f"local_{kind}{suffix}", tmp_path / f"dask_{kind}{suffix}"
        if suffix == ".csv":
            assert filecmp.cmp(local_file, dask_file, shallow=False)
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(local_file), pd.read_parquet(dask_file))


def test_near_duplicate_candidates_in_two_phases_equal_the_local_lsh(tables):
    import dask.dataframe as dd
    import numpy as np
    from distributed import Client, LocalCluster

    from scorer.duplicates import lsh_candidates, minhash_signatures, row_key
    from scorer.engines.dask_engine import near_duplicate_candidates

    frame = pd.read_parquet(tables["corpus"])
    keys = pd.Series([row_key(n, v) for n, v in zip(frame["level3"], frame["value"], strict=True)])
    distinct = list(pd.unique(keys))
    names = [key.partition("|")[0] for key in distinct]
    blocks, _ = pd.factorize(pd.Series([key.partition("|")[2] for key in distinct]))
    local = {
        tuple(sorted((distinct[a], distinct[b]))) for a, b in lsh_candidates(minhash_signatures(names), blocks=np.asarray(blocks))
    }
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        found = near_duplicate_candidates(dd.from_pandas(keys, npartitions=4), client)
    assert len(local) > 20  # the corpus has planted near-copies: this is no empty comparison
    assert set(zip(found["left"], found["right"], strict=True)) == local


def test_workers_write_parquet_parts_with_the_local_rows(tables, tmp_path):
    from scorer.engines.dask_engine import score_tables_dask

    local = score_tables([tables["corpus"]], tmp_path / "rows.parquet", tmp_path / "projects.csv", jobs=1)
    parts = score_tables_dask([tables["corpus"]], tmp_path / "parts", tmp_path / "dask_projects.csv", workers=2)
    assert parts.rows == local.rows and len(list((tmp_path / "parts").glob("*.parquet"))) >= 1
    order = ["source", "project_index", "row_index"]
    from_parts = pd.read_parquet(tmp_path / "parts").sort_values(order).reset_index(drop=True)
    expected = pd.read_parquet(tmp_path / "rows.parquet").sort_values(order).reset_index(drop=True)
    pd.testing.assert_frame_equal(from_parts, expected)
    assert filecmp.cmp(tmp_path / "projects.csv", tmp_path / "dask_projects.csv", shallow=False)


# --- any column order, any optional columns, Chinese or English headings ---------------------------------

OPTIONAL = ["source", "level1", "level2", "description", "basis", "budget"]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


@pytest.fixture(scope="module")
def seed_rows() -> pd.DataFrame:
    from scorer.table import parse_frame

    frame = parse_frame(read_paths([SAMPLES]).documents)
    frame["budget"] = frame["budget"].map(lambda b: "" if b is None or b != b else f"{b:g}")
    kept = frame[frame["source"].isin(sorted(frame["source"].unique())[:2])]  # two documents: seconds a run
    return kept[["source", "project", "level1", "level2", "level3", "description", "value", "basis", "budget"]]


def test_the_dask_path_equals_the_local_path_whatever_the_columns(cluster, seed_rows, tmp_path_factory):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from scorer.engines.dask_engine import score_tables_dask

    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(
        optional=st.lists(st.sampled_from(OPTIONAL), unique=True),
        order=st.randoms(use_true_random=False),
        chinese=st.booleans(),
        unit_column=st.booleans(),
    )
    def check(optional, order, chinese, unit_column):
        folder = tmp_path_factory.mktemp("shape")
        columns = ["project", "level3", "value", *optional]
        order.shuffle(columns)
        table = seed_rows[columns]
        if chinese:
            table = table.rename(columns=EXPORT_HEADINGS)
            if "source" in table.columns and unit_column:
                table = table.rename(columns={"source": "单位名称"})
        path = folder / "table.csv"
        table.to_csv(path, index=False)
        local = score_tables([path], folder / "local.csv", folder / "local_projects.csv", jobs=1)
        on_dask = score_tables_dask(
            [path], folder / "dask.csv", folder / "dask_projects.csv", scheduler=cluster.scheduler_address
        )
        assert on_dask.rows == local.rows == len(seed_rows) and not on_dask.errors
        assert filecmp.cmp(folder / "local.csv", folder / "dask.csv", shallow=False), columns
        assert filecmp.cmp(folder / "local_projects.csv", folder / "dask_projects.csv", shallow=False), columns

    check()


def test_the_dask_path_reads_a_table_whose_columns_come_in_another_order(cluster, seed_rows, tmp_path):
    """The shape of issue 14: source,project,budget,level1,level2,level3,value (a ValueError before)."""
    from scorer.engines.dask_engine import score_tables_dask

    path = tmp_path / "reordered.csv"
    seed_rows[["source", "project", "budget", "level1", "level2", "level3", "value"]].to_csv(path, index=False)
    local = score_tables([path], tmp_path / "local.csv", None, jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows > 100
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)


def test_a_damaged_gb18030_table_on_dask_keeps_every_row_as_the_local_path_and_says_so(cluster, seed_rows, tmp_path):
    """A byte that does not decode stopped the Dask run with a worker's UnicodeDecodeError traceback."""
    from scorer.engines.dask_engine import score_tables_dask

    data = seed_rows.rename(columns=EXPORT_HEADINGS).to_csv(index=False).encode("gb18030")
    place = data.index(b",", data.index(b"\n", len(data) // 2)) + 1  # in a row's project, not its document
    path = tmp_path / "damaged.csv"
    path.write_bytes(data[:place] + b"\x81\x20" + data[place:])
    local = score_tables([path], tmp_path / "local.csv", None, jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows == len(seed_rows)
    assert on_dask.replaced_bytes == local.replaced_bytes == 1
    assert [line for line in on_dask.warnings if "GB18030" in line] == [line for line in local.warnings if "GB18030" in line]
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)


def test_a_title_above_the_header_is_skipped_on_dask_as_on_the_local_path(cluster, seed_rows, tmp_path):
    from scorer.engines.dask_engine import score_tables_dask

    path = tmp_path / "titled.csv"
    path.write_text(
        "某市2024年项目支出绩效目标表,,,\n" + seed_rows.rename(columns=EXPORT_HEADINGS).to_csv(index=False), encoding="utf-8"
    )
    local = score_tables([path], tmp_path / "local.csv", None, jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows == len(seed_rows)
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)


def test_a_header_over_two_lines_is_read_on_dask_as_on_the_local_path(cluster, seed_rows, tmp_path):
    from test_bulk_inputs import two_line_header

    from scorer.engines.dask_engine import score_tables_dask

    export = seed_rows.rename(columns=EXPORT_HEADINGS)
    export.insert(0, "单位名称", export.pop("source"))
    path = tmp_path / "merged.csv"
    path.write_text(two_line_header(export), encoding="utf-8")
    local = score_tables([path], tmp_path / "local.csv", None, jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows == len(seed_rows)
    assert local.documents == seed_rows["source"].nunique()
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)


def test_a_table_whose_documents_are_scattered_scores_on_dask_as_on_the_local_path(cluster, seed_rows, tmp_path):
    """Dask brings a document's rows together by its shuffle; the local path now does too (grouped_batches)."""
    import numpy as np

    from scorer.engines.dask_engine import score_tables_dask

    codes, names = pd.factorize(seed_rows["source"] + "\x1f" + seed_rows["project"])
    order = np.random.default_rng(5).permutation(len(names))
    path = tmp_path / "scattered.csv"
    seed_rows.iloc[np.argsort(order[codes], kind="stable")].to_csv(path, index=False)
    local = score_tables([path], tmp_path / "local.csv", tmp_path / "local_projects.csv", jobs=1, chunk_rows=50)
    on_dask = score_tables_dask(
        [path], tmp_path / "dask.csv", tmp_path / "dask_projects.csv", scheduler=cluster.scheduler_address
    )
    assert on_dask.rows == local.rows == len(seed_rows)
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    assert filecmp.cmp(tmp_path / "local_projects.csv", tmp_path / "dask_projects.csv", shallow=False)


def test_units_named_on_their_first_row_only_carry_over_dask_partitions_as_on_the_local_path(cluster, seed_rows, tmp_path):
    from scorer.engines.dask_engine import _read, score_tables_dask

    export = seed_rows.drop(columns=["source"]).rename(columns=EXPORT_HEADINGS)
    export.insert(0, "单位名称", seed_rows["source"].where(~seed_rows["source"].duplicated(), ""))
    path = tmp_path / "merged_units.csv"
    export.to_csv(path, index=False)
    local = score_tables([path], tmp_path / "local.csv", tmp_path / "local_projects.csv", jobs=1, chunk_rows=100)
    on_dask = score_tables_dask(
        [path], tmp_path / "dask.csv", tmp_path / "dask_projects.csv", scheduler=cluster.scheduler_address
    )
    assert on_dask.rows == local.rows == len(seed_rows)
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    assert filecmp.cmp(tmp_path / "local_projects.csv", tmp_path / "dask_projects.csv", shallow=False)
    projects = pd.read_csv(tmp_path / "dask_projects.csv", dtype=str, keep_default_na=False)
    assert list(projects["unit"]) == list(projects["source"]) and set(projects["unit"]) == set(seed_rows["source"])
    small_blocks, _ = _read(path, 0, "4KB")  # each unit's rows in several partitions, most without its name
    assert small_blocks.npartitions >= 3
    assert list(small_blocks.compute(scheduler="sync")["source"]) == list(seed_rows["source"])


def test_a_line_of_commas_is_no_row_on_dask_as_on_the_local_path(cluster, seed_rows, tmp_path):
    """Found in review: Dask scored a spreadsheet's empty row, saved as a line of commas, as an indicator of a
    project with no name (the local path leaves it out)."""
    from scorer.engines.dask_engine import score_tables_dask

    path = tmp_path / "blank_rows.csv"
    text = seed_rows.to_csv(index=False).splitlines()
    blank = "," * (len(seed_rows.columns) - 1)
    path.write_text("\n".join([*text[:5], blank, *text[5:40], blank, *text[40:]]) + "\n", encoding="utf-8")
    local = score_tables([path], tmp_path / "local.csv", tmp_path / "local_p.csv", jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", tmp_path / "dask_p.csv", scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows == len(seed_rows)
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    assert filecmp.cmp(tmp_path / "local_p.csv", tmp_path / "dask_p.csv", shallow=False)


def test_a_parquet_dictionary_unit_column_named_on_first_rows_scores_on_dask_as_on_the_local_path(cluster, seed_rows, tmp_path):
    """Found in review: a dictionary-encoded unit column (read as a category) with nulls under each unit's first
    row ended the Dask run in a traceback (Cannot setitem on a Categorical with a new category)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from scorer.engines.dask_engine import score_tables_dask

    export = seed_rows.drop(columns=["source"]).rename(columns=EXPORT_HEADINGS)
    export.insert(0, "单位名称", seed_rows["source"].where(~seed_rows["source"].duplicated(), None))
    table = pa.Table.from_pandas(export, preserve_index=False)
    table = table.set_column(0, "单位名称", table.column(0).dictionary_encode())
    path = tmp_path / "dictionary_units.parquet"
    pq.write_table(table, path)
    local = score_tables([path], tmp_path / "local.csv", None, jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows == len(seed_rows) and not on_dask.errors
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)


def test_dask_counts_the_bytes_that_did_not_decode_not_the_replacement_characters_written(cluster, seed_rows, tmp_path):
    """A U+FFFD written in a cell (zhibiao parse keeps them) was counted as damage; damage in a column not
    read was missed. The count is now the decoder's, as on the local path."""
    from scorer.engines.dask_engine import score_tables_dask

    written = seed_rows.copy()
    written.loc[written.index[3], "description"] = "说明\ufffd文字"
    path = tmp_path / "written.csv"
    written.to_csv(path, index=False)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.replaced_bytes == 0 and not on_dask.warnings

    unread = seed_rows.rename(columns=EXPORT_HEADINGS).assign(备注="备注")
    data = unread.to_csv(index=False).encode("gb18030")
    place = data.index("备注".encode("gb18030"), len(data) // 2)  # the last cell of a row: a column not read
    damaged = tmp_path / "damaged_note.csv"
    damaged.write_bytes(data[:place] + b"\x81\x20" + data[place:])
    local = score_tables([damaged], tmp_path / "local2.csv", None, jobs=1)
    on_dask = score_tables_dask([damaged], tmp_path / "dask2.csv", None, scheduler=cluster.scheduler_address)
    assert on_dask.replaced_bytes == local.replaced_bytes == 1


def test_a_title_quoted_over_two_lines_is_read_on_dask_in_any_block_size(seed_rows, tmp_path):
    """Dask finds a later block's header by lines, pandas skips records: with a two-line quoted title the
    later blocks raised "Number of passed names did not match"."""
    from scorer.engines.dask_engine import _read
    from scorer.ingest.tables import read_batches

    path = tmp_path / "quoted_title.csv"
    body = pd.concat([seed_rows] * 4).rename(columns=EXPORT_HEADINGS).to_csv(index=False)
    path.write_text('"某市2024年\n项目支出绩效目标表"\n' + body, encoding="utf-8")
    frame, _ = _read(path, 0, "16KB")
    local = pd.concat(list(read_batches(path)))
    assert list(frame.compute(scheduler="sync")["level3"]) == list(local["level3"]) and len(local) == 4 * len(seed_rows)


def test_two_tables_of_the_same_units_score_on_dask_as_on_the_local_path(cluster, seed_rows, tmp_path):
    from scorer.engines.dask_engine import score_tables_dask

    tables = [tmp_path / "2023.csv", tmp_path / "2024.csv"]
    for table in tables:
        seed_rows.to_csv(table, index=False)
    local = score_tables(tables, tmp_path / "local.csv", tmp_path / "local_projects.csv", jobs=1)
    on_dask = score_tables_dask(
        tables, tmp_path / "dask.csv", tmp_path / "dask_projects.csv", scheduler=cluster.scheduler_address
    )
    assert on_dask.rows == local.rows == 2 * len(seed_rows)
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    assert filecmp.cmp(tmp_path / "local_projects.csv", tmp_path / "dask_projects.csv", shallow=False)


def test_duplicates_on_dask_equal_the_local_lsh_clusters(cluster, tmp_path, monkeypatch):
    """`zhibiao duplicates --engine dask`: the near-duplicate search on the cluster gives the clusters of the
    one-machine search when it uses MinHash LSH too (beyond NEAR_ALL_PAIRS_LIMIT keys)."""
    from click.testing import CliRunner

    import scorer.duplicates
    from scorer.cli import cli

    runner = CliRunner()
    on_dask = runner.invoke(
        cli,
        [
            "duplicates",
            str(SAMPLES),
            "-o",
            str(tmp_path / "dask.csv"),
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "-q",
        ],
    )
    assert on_dask.exit_code == 0, on_dask.output
    monkeypatch.setattr(scorer.duplicates, "NEAR_ALL_PAIRS_LIMIT", 1)
    local = runner.invoke(cli, ["duplicates", str(SAMPLES), "-o", str(tmp_path / "local.csv"), "-q"])
    assert local.exit_code == 0, local.output
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    clusters = pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False)
    assert (clusters["similarity"].astype(float) < 100).any()  # near, not only exact, duplicates were found


def test_dask_workers_word_findings_in_the_language_of_the_run(cluster, seed_rows, tmp_path):
    """A Dask worker is a process of its own (perhaps on another machine): `--lang en` reaches it through
    the run's options, so its reasons and fixes equal the local path's English ones."""
    from scorer.engines.dask_engine import score_tables_dask
    from scorer.messages import set_language

    path = tmp_path / "seeds.csv"
    seed_rows.to_csv(path, index=False)
    set_language("en")
    score_tables([path], tmp_path / "local.csv", None, jobs=1)
    score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    messages = " ".join(pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False)["messages"])
    assert " the " in messages, messages[:300]
    assert "建议" not in messages


def test_totals_notes_and_sign_offs_are_left_out_on_dask_as_on_the_local_path(cluster, tmp_path):
    from test_bulk import CLOSING_EXPORT, CLOSING_EXPORT_SAID

    from scorer.engines.dask_engine import score_tables_dask

    path = tmp_path / "closing.csv"
    path.write_text(CLOSING_EXPORT, encoding="utf-8")
    local = score_tables([path], tmp_path / "local.csv", tmp_path / "local_p.csv", jobs=1)
    on_dask = score_tables_dask([path], tmp_path / "dask.csv", tmp_path / "dask_p.csv", scheduler=cluster.scheduler_address)
    assert on_dask.rows == local.rows == 6
    assert on_dask.warnings == local.warnings == [CLOSING_EXPORT_SAID.format(path=path)]
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
    assert filecmp.cmp(tmp_path / "local_p.csv", tmp_path / "dask_p.csv", shallow=False)


def test_a_cost_blocks_total_counts_for_templates_across_units_on_both_engines(cluster, tmp_path):
    """Found in review: pass 1 (the template keys of rule B201, 5 units at least) read no project column and
    left 合计 | 40 out as a total, while pass 2 scored it as the cost block's indicator (its row names a
    project): B201 was lost on the local path only."""
    from scorer.engines.dask_engine import score_tables_dask

    lines = ["单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值"]
    for number, unit in enumerate(["某县民政局", "某县水利局", "某县司法局", "某县林业局", "某县农业局", "某县商务局"]):
        lines += [
            f"{unit},{unit[2:4]}日常运转经费,50,产出指标,数量指标,业务办理件数,≥{100 + number}件",
            f"{unit},{unit[2:4]}日常运转经费,50,成本指标,经济成本指标,合计,{40 + number}",
        ]
    path = tmp_path / "units.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    score_tables([path], tmp_path / "local.csv", None, jobs=1)
    score_tables_dask([path], tmp_path / "dask.csv", None, scheduler=cluster.scheduler_address)
    local = pd.read_csv(tmp_path / "local.csv", dtype=str, keep_default_na=False)
    assert local.loc[local["level3"] == "合计", "codes"].str.contains("B201").all()
    assert filecmp.cmp(tmp_path / "local.csv", tmp_path / "dask.csv", shallow=False)
