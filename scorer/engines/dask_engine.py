"""Rows tables scored on Dask (dask.dataframe + distributed), for corpora beyond one machine.

The same two passes as scorer.engines.bulk, as Dask graphs:
1. per partition, each row's template-key digest and document; a global group-by counts the units
   that use each key (the band join of exact keys) -> the template digests, small, sent to every task;
2. the table shuffled on `source` so that each partition holds whole documents, each partition
   scored by scorer.engines.bulk.score_frame (the same pure function as the local path), then put back in
   input order. Results are identical to `zhibiao score` on one machine (tests/test_bulk.py).

The scored rows come back to this process to be written as one CSV or Parquet file in input order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from scorer.engines.bulk import (
    FRAME_OUTPUT,
    ROW_OUTPUT,
    BulkOptions,
    BulkReport,
    LeftOutRows,
    ProjectSpool,
    RowsSink,
    csv_bytes,
    key_units,
    project_key_columns,
    projects_from_rows,
    readable_tables,
    score_frame,
    templates_only,
    typed_rows,
    wants_b201,
    young_garbage_only,
)
from scorer.ingest.tables import CLOSING_ROW, NO_NAME_NOR_VALUE, not_indicator_rows

ORDER_COLUMNS = ["_file", "_document_row", "project_index", "row_index"]


def _read(path: Path, file_number: int, blocksize: str, warnings: list[str] | None = None):
    """One rows table as a Dask DataFrame of strings in the rows contract's columns (whatever the order and
    the headings of the file's columns, as scorer.ingest.tables.read_batches reads them), with `_file` and
    `_row` (the row in the file less one, as read_batches indexes it), and the count of byte sequences that
    did not decode (read as U+FFFD, every row kept; a warning in `warnings`), as on the local path."""
    import dask.dataframe as dd

    from scorer.ingest.tables import csv_encoding, table_columns, undecodable_bytes

    table = table_columns(path)
    replaced = 0
    if path.suffix.lower() == ".parquet":
        frame = dd.read_parquet(str(path), columns=table.read)
    else:
        encoding = csv_encoding(path)
        header = table.header
        # Dask finds the header of a later block by lines, pandas by records: a title quoted over two lines
        # above the header puts them apart, and the table is then read as one block; so is a table whose
        # header is over two lines (its names merged, given to pandas)
        whole = header.two_lines or header.lines != header.records
        frame = dd.read_csv(
            str(path),
            dtype=str,
            keep_default_na=False,
            usecols=table.read,
            blocksize=None if whole else blocksize,
            encoding=encoding,
            encoding_errors="replace",
            **(
                {"skiprows": header.body_records, "header": None, "names": header.names}
                if header.two_lines
                else {"skiprows": header.records}
            ),
        )
        replaced = undecodable_bytes(path)
        if replaced and warnings is not None:
            from scorer.messages import text

            name = "GB18030" if encoding == "gb18030" else "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
            warnings.append(text("bulk.replaced_bytes", path=path, count=replaced, encoding=name))
    unit_column = next((name for name, field in table.fields.items() if field == "department"), None)
    meta = {"rows": "int64", "unit": object, CLOSING_ROW: object, NO_NAME_NOR_VALUE: object, "dropped": object}
    counted = frame.map_partitions(_partition_facts, table, unit_column, meta=meta).compute()
    lengths = counted["rows"].to_numpy()
    offsets = table.rows_above + np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype("int64")
    units_above = counted["unit"].where(counted["unit"] != "").ffill().shift(1).fillna("").tolist()
    left_out = LeftOutRows()
    dropped_rows: list[np.ndarray] = []  # per partition: the positions of its rows taken out, as read_batches does
    for index, facts in enumerate(counted.itertuples(index=False)):
        for found, reason in ((facts[2], CLOSING_ROW), (facts[3], NO_NAME_NOR_VALUE)):
            if len(found):
                left_out(pd.DataFrame(index=np.asarray(found, dtype="int64") + offsets[index]), reason)
        dropped_rows.append(np.asarray(facts[4], dtype="int64"))
    if left_out.count and warnings is not None:
        warnings.append(left_out.said(path))

    def number(part: pd.DataFrame, partition_info=None) -> pd.DataFrame:
        index = partition_info["number"] if partition_info else 0
        part = table.contract(part, units_above[index] if table.unit_as_source else "")
        dropped = np.zeros(len(part), dtype=bool)  # a line of commas, a total, a note, a sign-off … as on the local path
        dropped[dropped_rows[index]] = True
        start = int(offsets[index])
        part["_file"] = file_number
        part["_row"] = np.arange(start, start + len(part), dtype="int64")
        return part[~dropped].reset_index(drop=True)

    meta = pd.DataFrame(
        {c: pd.Series(dtype=object) for c in table.output_columns}
        | {"_file": pd.Series(dtype="int64"), "_row": pd.Series(dtype="int64")}
    )
    return frame.map_partitions(number, meta=meta), replaced


def _partition_facts(part: pd.DataFrame, table, unit_column: str | None) -> pd.DataFrame:
    """A partition's rows, the last unit it names (for the blank unit cells of the next partitions), and the
    positions of its rows that hold something but no indicator, by reason (as read_batches leaves them out)."""
    # as objects first: a Parquet dictionary column is read as a category, which takes no "" for its nulls
    named = part[unit_column].astype(object).fillna("").astype(str) if unit_column else pd.Series([], dtype=object)
    named = named[named.str.strip() != ""]
    closing, unnamed, dropped = not_indicator_rows(table.contract(part), table.unit_cells(part))
    return pd.DataFrame(
        {
            "rows": [len(part)],
            "unit": [named.iloc[-1] if len(named) else ""],
            CLOSING_ROW: [np.flatnonzero(closing).tolist()],
            NO_NAME_NOR_VALUE: [np.flatnonzero(unnamed).tolist()],
            "dropped": [np.flatnonzero(dropped).tolist()],
        }
    )


def _score_partition(part: pd.DataFrame, options: BulkOptions, files: list[str]) -> pd.DataFrame:
    from scorer.messages import set_language

    set_language(options.language)  # a Dask worker is its own process, perhaps on another machine
    part = part.sort_values(["_file", "_row"], kind="stable").reset_index(drop=True)
    if part.empty:
        return _empty_output()
    pieces = []
    # a document read from two files stays two documents, as on the local path
    for file_number, rows in part.groupby("_file", sort=True):
        with young_garbage_only():
            scored = score_frame(
                rows.drop(columns=["_file", "_row"]),
                options.corpus_stats,
                options.select,
                options.ignore,
                options.use_model,
                options.model_path,
                row_numbers=(rows["_row"] + 1).tolist(),
                table_file=files[int(file_number)],
            )
        first_rows = rows.groupby("source")["_row"].min()
        scored["_file"] = int(file_number)
        scored["_document_row"] = scored["source"].map(first_rows).astype("int64")
        pieces.append(scored)
    return pd.concat(pieces, ignore_index=True)


def _empty_output() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_OUTPUT})
    frame["_file"] = pd.Series(dtype="int64")
    frame["_document_row"] = pd.Series(dtype="int64")
    return frame


def score_dask(
    paths: list[Path], client, options: BulkOptions, blocksize: str = "32MB", report: BulkReport | None = None
) -> pd.DataFrame:
    """Every row scored on the cluster of `client`, gathered here in input order (columns FRAME_OUTPUT and
    `_file`, the number of the row's table in `paths`: two tables may hold documents of one name). Bytes
    that did not decode are counted in `report` (replaced_bytes, a warning a table)."""
    frame = client.compute(scored_graph(paths, client, options, blocksize, report)).result()
    return frame.sort_values(ORDER_COLUMNS, kind="stable").reset_index(drop=True)[[*FRAME_OUTPUT, "_file"]]


def scored_graph(paths: list[Path], client, options: BulkOptions, blocksize: str = "32MB", report: BulkReport | None = None):
    """The scored rows as a lazy Dask DataFrame, each partition holding whole documents (columns
    FRAME_OUTPUT + ORDER_COLUMNS' _file and _document_row). The template pass runs now, on the cluster."""
    import dask.dataframe as dd

    tables = []
    for number, path in enumerate(paths):
        table, replaced = _read(path, number, blocksize, None if report is None else report.warnings)
        tables.append(table)
        if report is not None:
            report.replaced_bytes += replaced
    table = dd.concat(tables) if len(tables) > 1 else tables[0]
    if options.corpus_stats is None and wants_b201(options):
        pairs = (
            table[["source", "level3", "value"]]
            .map_partitions(key_units, meta={"key": "uint64", "source": object})
            .drop_duplicates()
        )
        counts, units = client.compute([pairs.groupby("key").size(), table["source"].nunique()])
        counts, units = counts.result(), int(units.result())
        shared = counts[counts >= 2]
        options.corpus_stats = {
            "schema": "zhibiao-corpus-stats",
            "units": units,
            "key_hashes": {f"{int(k):016x}": int(n) for k, n in shared.items()},
        }
    if options.corpus_stats is not None:
        options.corpus_stats = templates_only(options.corpus_stats)
    whole_documents = table.shuffle(on="source", npartitions=max(1, table.npartitions))
    return whole_documents.map_partitions(_score_partition, options, [str(path) for path in paths], meta=_empty_output())


def _partition_rows(part: pd.DataFrame) -> pd.DataFrame:
    return typed_rows(part.sort_values(ORDER_COLUMNS, kind="stable")[ROW_OUTPUT]).reset_index(drop=True)


def _partition_projects(part: pd.DataFrame) -> pd.DataFrame:
    projects = projects_from_rows(part)
    first = part.drop_duplicates(project_key_columns(part))
    projects["_file"] = first["_file"].to_numpy()
    projects["_document_row"] = first["_document_row"].to_numpy()
    return projects


def _with_units(projects: pd.DataFrame, files: np.ndarray, paths: list[Path]) -> pd.DataFrame:
    """scorer.engines.bulk.with_units for the projects (of the tables numbered `files`) of every table whose
    documents are its units, as on the local path."""
    from scorer.ingest.tables import table_columns

    own_names = {number: path.name for number, path in enumerate(paths) if table_columns(path).unit_as_source}
    if not own_names:
        return projects
    file_name = pd.Series(files).map(own_names).to_numpy()
    source = projects["source"].to_numpy()
    named = pd.notna(file_name) & (source != file_name)
    projects["unit"] = np.where(named, source, None)
    return projects


def write_parts(paths: list[Path], folder: Path, client, options: BulkOptions, report: BulkReport | None = None) -> pd.DataFrame:
    """Rows written by the workers as a folder of Parquet files (one a partition, whole documents each,
    rows in input order within a document), nothing gathered here but the projects, returned in input
    order. For corpora larger than this machine's memory; needs a folder every worker can write to."""
    scored = scored_graph(paths, client, options, report=report)
    rows = scored.map_partitions(_partition_rows, meta=typed_rows(_empty_output()[ROW_OUTPUT]))
    projects_meta = _partition_projects(_empty_output())
    projects = scored.map_partitions(_partition_projects, meta=projects_meta)
    written, gathered = client.compute([rows.to_parquet(str(folder), write_index=False, compute=False), projects])
    written.result()
    order = ["_file", "_document_row", "project_index"]
    projects = gathered.result().sort_values(order, kind="stable").reset_index(drop=True)
    return _with_units(projects, projects["_file"].to_numpy(), paths).drop(columns=order[:2])


def score_tables_dask(
    paths: list[Path],
    output: Path | None = None,
    projects_output: Path | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    options: BulkOptions | None = None,
) -> BulkReport:
    """scorer.engines.bulk.score_tables on Dask: on the scheduler at `scheduler`, or on a LocalCluster of `workers`
    processes. Writes the same files, with the same rows and ranks; an `output` without a suffix is a
    folder the workers write Parquet parts into (see write_parts). SIGINT/SIGTERM close the cluster and
    raise BulkAborted, as on the local path."""
    from scorer.engines.bulk import stopped_by_signals

    with stopped_by_signals(keep_ignored=bool(options and options.exits_when_stopped)):
        return _score_tables_dask(paths, output, projects_output, scheduler, workers, options)


def _score_tables_dask(
    paths: list[Path],
    output: Path | None,
    projects_output: Path | None,
    scheduler: str | None,
    workers: int,
    options: BulkOptions | None,
) -> BulkReport:
    from distributed import Client, LocalCluster

    from scorer.engines.bulk import warm_up

    options = options or BulkOptions()
    warm_up(options)  # a bad model file fails here, before a cluster is started
    report = BulkReport()
    started = time.perf_counter()
    readable = readable_tables(paths, report)
    if not readable:
        return report
    import logging

    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)  # "shuffle initialized" notes per run
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)
    try:
        if output is not None and not output.suffix:
            projects = write_parts(readable, output, client, options, report)
            report.rows = int(projects["indicators"].sum()) if len(projects) else 0
            spool = ProjectSpool()
            if len(projects):
                spool.add(projects)
            spool.finish(projects_output, report)
            report.seconds["total"] = time.perf_counter() - started
            return report
        frame = score_dask(readable, client, options, report=report)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.seconds["score"] = time.perf_counter() - started
    sink = RowsSink(output)
    ok = False
    try:
        rows = typed_rows(frame[ROW_OUTPUT])
        if output is not None:
            if sink.parquet:
                import pyarrow as pa

                sink.write(pa.Table.from_pandas(rows, preserve_index=False))
            else:
                sink.write(csv_bytes(rows))
        ok = True
    finally:
        sink.close(keep=ok)
    spool = ProjectSpool()
    if len(frame):
        files = frame.drop_duplicates(project_key_columns(frame))["_file"].to_numpy()
        spool.add(_with_units(projects_from_rows(frame), files, readable))
    report.rows = len(frame)
    spool.finish(projects_output, report)
    report.seconds["total"] = time.perf_counter() - started
    return report


# --- near-duplicates across the corpus ---------------------------------------------------------------

NEAR_COLUMNS = {"left": object, "right": object}


def _band_buckets(keys: pd.Series) -> pd.DataFrame:
    """Phase 1, per partition: for each distinct key, its bucket in every LSH band (MinHash of the name,
    the masked value as block), as scorer.duplicates.lsh_candidates computes them."""
    from scorer.duplicates import LSH_BANDS, LSH_ROWS, key_hash, minhash_signatures

    distinct = pd.unique(keys.to_numpy())
    if not len(distinct):
        return pd.DataFrame(
            {"band": pd.Series(dtype="int64"), "bucket": pd.Series(dtype="uint64"), "key": pd.Series(dtype=object)}
        )
    names = [key.partition("|")[0] for key in distinct]
    blocks = np.array([int(key_hash(key.partition("|")[2]), 16) for key in distinct], dtype=np.uint64)
    signatures = minhash_signatures(names)
    frames = []
    with np.errstate(over="ignore"):
        for band in range(LSH_BANDS):
            part = signatures[:, band * LSH_ROWS : (band + 1) * LSH_ROWS]
            bucket = part[:, 0] ^ (blocks * np.uint64(0x9E3779B97F4A7C15))
            for column in range(1, LSH_ROWS):
                bucket = bucket * np.uint64(1_000_003) ^ part[:, column]
            frames.append(pd.DataFrame({"band": band, "bucket": bucket, "key": distinct}))
    return pd.concat(frames, ignore_index=True)


def _pairs_in_buckets(part: pd.DataFrame) -> pd.DataFrame:
    """Phase 2, per partition after the shuffle on (band, bucket): the key pairs of each bucket of 2 to
    LSH_MAX_BUCKET keys (a larger bucket is a template, not a copy, as on the local path)."""
    from scorer.duplicates import LSH_MAX_BUCKET

    left, right = [], []
    for _, members in part.groupby(["band", "bucket"])["key"]:
        keys = sorted(set(members))
        if 1 < len(keys) <= LSH_MAX_BUCKET:
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    left.append(a)
                    right.append(b)
    return pd.DataFrame({"left": pd.Series(left, dtype=object), "right": pd.Series(right, dtype=object)})


def near_duplicate_candidates(keys, client) -> pd.DataFrame:
    """Candidate near-duplicate key pairs (left < right) over a Dask Series of comparison keys
    (scorer.duplicates.row_key), in two phases: band buckets per partition, then a global join on
    (band, bucket) by shuffle. The same pairs as scorer.duplicates.lsh_candidates on one machine; verify
    them with scorer.duplicates.near_pairs' rule (rapidfuzz ratio, equal masked value)."""
    unique_keys = keys.drop_duplicates()
    buckets = unique_keys.map_partitions(_band_buckets, meta={"band": "int64", "bucket": "uint64", "key": object})
    joined = buckets.shuffle(on=["band", "bucket"], npartitions=max(1, buckets.npartitions))
    pairs = joined.map_partitions(_pairs_in_buckets, meta=NEAR_COLUMNS)
    found = client.compute(pairs).result()
    return found.drop_duplicates().sort_values(["left", "right"]).reset_index(drop=True)


def near_pairs_on(client, partitions: int = 8) -> Callable[[list[str]], list[tuple[int, int, float]]]:
    """scorer.duplicates.near_pairs on the cluster of `client`: candidates by the two-phase band join
    (near_duplicate_candidates), each verified by the local rule (rapidfuzz ratio, equal masked value,
    a long enough name). The same pairs as near_pairs past NEAR_ALL_PAIRS_LIMIT keys, where it uses the
    one-machine LSH; below it, near_pairs compares all pairs and may find a few pairs more."""

    def find(keys: list[str]) -> list[tuple[int, int, float]]:
        import dask.dataframe as dd
        from rapidfuzz import fuzz

        from scorer.duplicates import NEAR_THRESHOLD, near_enough

        if len(keys) < 2:
            return []
        series = dd.from_pandas(pd.Series(keys, dtype=object), npartitions=max(1, min(partitions, len(keys))))
        found = near_duplicate_candidates(series, client)
        index = {key: number for number, key in enumerate(keys)}
        pairs = []
        for left, right in zip(found["left"], found["right"], strict=True):
            a, b = sorted((index[left], index[right]))
            score = fuzz.ratio(keys[a], keys[b], score_cutoff=NEAR_THRESHOLD)
            if score and near_enough(keys[a], keys[b]):
                pairs.append((a, b, score))
        return sorted(pairs)

    return find
