"""The Dask engine on a distributed.LocalCluster of 2 workers gives the local path's results: the same
CSV bytes, the same Parquet contents (row groups differ)."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest
from conftest import SAMPLES

from scorer.bulk import score_tables
from scorer.ingest import read_paths
from scorer.synthetic import write_corpus
from scorer.table import indicator_frame

pytest.importorskip("distributed")


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
    from scorer.dask_engine import score_tables_dask

    table = tables[name]
    suffix = table.suffix
    local = score_tables([table], tmp_path / f"local_rows{suffix}", tmp_path / f"local_projects{suffix}", jobs=1)
    distributed = score_tables_dask([table], tmp_path / f"dask_rows{suffix}", tmp_path / f"dask_projects{suffix}",
                                    workers=2)
    assert distributed.rows == local.rows > 500 and distributed.projects == local.projects
    assert not distributed.errors
    for kind in ("rows", "projects"):
        local_file, dask_file = tmp_path / f"local_{kind}{suffix}", tmp_path / f"dask_{kind}{suffix}"
        if suffix == ".csv":
            assert filecmp.cmp(local_file, dask_file, shallow=False)
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(local_file), pd.read_parquet(dask_file))
