"""Bulk scoring of rows tables (the rows contract of `zhibiao parse`, as CSV or Parquet) in flat memory.

    rows table ─ pass 1: each row's comparison key and document ─> template digests (rule B201),
                                                                    tables whose documents are scattered
               ─ pass 2: document-complete chunks ─ process pool: score_frame ─> rows out, in input order
                 (grouped_batches for scattered tables)                      └> projects, ranked at the end

Every rule but B201 reads one document at a time, so a chunk that holds whole documents is scored
exactly as the whole table would be; B201 (a row used by many units) needs the corpus, and gets it
from pass 1 as digests of the template keys. `score_frame` is the pure per-partition function that
the process pool here and the Dask engine (scorer.engines.dask_engine) both call.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

import numpy as np
import pandas as pd

from scorer.ingest.rows import title_year
from scorer.ingest.tables import (
    CHUNK_ROWS,
    BulkError,
    ScatteredDocuments,
    column_warnings,
    document_chunks,
    first_scattered,
    grouped_batches,
    read_batches,
    replaced_bytes,
    stop_at_scattered,
    table_columns,
    unnamed_rows,
)
from scorer.table import PROJECT_COLUMNS, PROJECT_EXTRA_COLUMNS, ROW_COLUMNS, ROW_EXTRA_COLUMNS

ROW_OUTPUT = ROW_COLUMNS + ROW_EXTRA_COLUMNS
PROJECT_ON_ROW = [
    "project_budget",
    "project_indicators",
    "project_score",
    "project_grade",
    "project_findings",
    "project_codes",
    "project_messages",
    "project_rank_in_document",
]
FRAME_OUTPUT = ROW_OUTPUT + PROJECT_ON_ROW
PROJECT_OUTPUT = PROJECT_COLUMNS + PROJECT_EXTRA_COLUMNS


EXIT_WORKER_DIED = 3  # a scoring process died (memory, a signal): nothing written
OVER_MEMORY = 86  # a worker's own exit code when it passed the memory bound (BulkOptions.max_memory_mb)
MEMORY_CHECK_SECONDS = 0.2
DEATH_CHECK_SECONDS = 1.0  # how often the main process, waiting for a result, looks for a dead worker
# a run stopped by SIGINT or SIGTERM exits with 128 + the signal's number (130, 143), as a shell reports it


class BulkAborted(Exception):
    """The run was stopped before its end (a worker died, or SIGINT/SIGTERM): every worker is ended,
    every temporary file removed, nothing written. `status` is the exit status to report."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class _Interrupted(BaseException):
    """Raised in the main thread by SIGINT or SIGTERM (a BaseException, like KeyboardInterrupt, so that no
    `except Exception` on the way swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_by_signals(keep_ignored: bool = False) -> Iterator[None]:
    """SIGINT and SIGTERM stop the run as an exception in the main thread, so that every `finally` on the
    way ends the workers and removes the temporary files; BulkAborted with status 128 + signal leaves. The
    handlers before are put back, but with `keep_ignored` (a process that exits after the stop: the CLI) the signals
    stay ignored once one has stopped the run, so a ^C pressed again before the exit cannot cut its one line short."""
    from scorer.messages import text

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame) -> None:
        for number in (signal.SIGINT, signal.SIGTERM):  # a second ^C must not cut the clean-up short
            signal.signal(number, signal.SIG_IGN)
        raise _Interrupted(signum)

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    stopping = False
    try:
        yield
    except _Interrupted as stop:
        stopping = keep_ignored
        name = signal.Signals(stop.signum).name
        raise BulkAborted(text("bulk.interrupted", name=name), 128 + stop.signum) from None
    finally:
        if not stopping:
            for number, handler in previous.items():
                signal.signal(number, handler)


# --- the per-partition function --------------------------------------------------------------------


def score_frame(
    frame: pd.DataFrame,
    corpus_stats: dict | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    use_model: bool = True,
    model_path: str | Path | None = None,
    first_row: int = 1,
    errors: list[str] | None = None,
    row_numbers: Iterable[int] | None = None,
    part: tuple[int, int] | None = None,
    table_file: str | None = None,
) -> pd.DataFrame:
    """Rows of whole documents (rows contract) -> the scored rows, each with its project's score.

    Pure: the result depends only on the arguments, so partitions can be scored anywhere. Columns:
    FRAME_OUTPUT (the rows CSV columns, then project_*). Each row's location counts rows from first_row,
    or is given by row_numbers (1-based, one per row of frame), in table_file when given (the file read: a
    document's name, a unit or a parse's `source`, is not where the row number is). Rule failures are appended to `errors` when
    given, else raised. corpus_stats: as for scorer.score (B201); without it B201 counts this frame.
    part (start, stop): only the rows of these projects (indexes in order of first appearance in the
    document), read with the rest of the document as context (scorer.api.score_documents)."""
    from scorer.api import documents_from_frame, score_documents

    if frame.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in FRAME_OUTPUT})
    result = score_documents(
        documents_from_frame(frame, first_row, row_numbers, table_file),
        select,
        ignore,
        corpus_stats,
        use_model=use_model,
        model_path=model_path,
        findings_table=False,
        part=part,
        text_dtype=object,  # the rows are typed once, when they are written (typed_rows)
    )
    if errors is not None:
        errors.extend(result.rule_errors)
    elif result.rule_errors:
        raise RuntimeError("; ".join(result.rule_errors))
    rows = result.rows[ROW_OUTPUT].copy()
    projects = result.projects.set_index(["source", "project_index"])
    position = pd.MultiIndex.from_arrays([rows["source"], rows["project_index"]])
    for column, source_column in zip(
        PROJECT_ON_ROW,
        ["budget", "indicators", "score", "grade", "findings", "codes", "messages", "rank_in_document"],
        strict=True,
    ):
        rows[column] = projects[source_column].reindex(position).to_numpy()
    return rows.reset_index(drop=True)


def projects_from_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The project table (PROJECT_OUTPUT columns, rank not yet set) from score_frame's output; rows of
    several tables carry `_file` (the Dask engine), so that two tables' documents of one name stay apart."""
    first = rows.drop_duplicates(project_key_columns(rows))
    projects = pd.DataFrame(
        {
            "source": first["source"],
            "project": first["project"],
            "budget": first["project_budget"],
            "indicators": first["project_indicators"],
            "score": first["project_score"],
            "grade": first["project_grade"],
            "rank": None,
            "rank_in_document": first["project_rank_in_document"],
            "findings": first["project_findings"],
            "codes": first["project_codes"],
            "messages": first["project_messages"],
            "unit": None,
            "year": pd.Series([title_year(source) for source in first["source"]], index=first.index, dtype=object),
            "project_index": first["project_index"],
        }
    )
    return projects[PROJECT_OUTPUT].reset_index(drop=True)


def with_units(projects: pd.DataFrame, file_name: str) -> pd.DataFrame:
    """The projects of a table whose documents are its units (a unit column, no document column: see
    TableColumns.unit_as_source), each with its unit: the name of its document. Rows above the first unit
    named are the file's own (their document is the file's name) and name none."""
    projects["unit"] = projects["source"].where(projects["source"] != file_name, None)
    return projects


def project_key_columns(rows: pd.DataFrame) -> list[str]:
    """The columns that name a project among scored rows: its table (when given), document and index."""
    return ["_file", "source", "project_index"] if "_file" in rows.columns else ["source", "project_index"]


def rank_projects(projects: pd.DataFrame) -> pd.DataFrame:
    projects = projects.copy()
    if len(projects):
        projects["rank"] = projects["score"].rank(ascending=False, method="min").astype(int)
    return projects


# --- pass 1: template statistics ---------------------------------------------------------------------


def key_units(frame: pd.DataFrame) -> pd.DataFrame:
    """The distinct (key digest, source) pairs of a frame (columns source, level3, value)."""
    from scorer.duplicates import cached_key_hash, cached_row_key

    if frame.empty:
        return pd.DataFrame({"key": pd.Series(dtype="uint64"), "source": pd.Series(dtype=object)})
    codes, uniques = pd.factorize(frame["level3"] + "\x1f" + frame["value"])
    pairs = uniques.tolist()  # a list at once: iterating an Arrow-backed index asks it cell by cell
    digests = np.array([int(cached_key_hash(cached_row_key(*pair.split("\x1f", 1))), 16) for pair in pairs], dtype=np.uint64)
    return pd.DataFrame({"key": digests[codes], "source": frame["source"].to_numpy()}).drop_duplicates()


def key_digests(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The digests pass 1 keeps of a frame's distinct (key, unit) pairs (key_units): each pair's key, and the
    pair itself. Made where the frame is (a worker), so that only two arrays of integers come back."""
    found = key_units(frame)
    key = found["key"].to_numpy(dtype=np.uint64)
    unit = pd.util.hash_array(found["source"].to_numpy(dtype=object))
    with np.errstate(over="ignore"):
        return key, key ^ (unit * np.uint64(0x9E3779B97F4A7C15))


# Read by pass 1: the template keys (level3, value) of each unit, and the cells that tell the rows pass 2 leaves
# out (a total, a sign-off, a row of neither name nor value: scorer.ingest.tables.not_indicator_rows)
PASS_ONE_COLUMNS = ["source", "project", "level1", "level2", "level3", "description", "value"]


def template_stats(
    paths: list[Path],
    chunk_rows: int = CHUNK_ROWS,
    pool=None,
    errors: list[str] | None = None,
    scattered: dict[Path, tuple[str, int]] | None = None,
) -> dict:
    """Corpus statistics for rule B201: how many units (documents, in a rows table; a unit by its name, in
    whatever table) use each key, kept for the keys used by two units or more, named by digest
    (scorer.duplicates.key_hash).

    Read in document-complete chunks; each chunk's distinct (key, unit) pairs are kept as two 8-byte
    digests (about 16 bytes a row: 16 MB at a million rows), so that a unit's key is counted once even
    when two tables (two years' exports) hold the unit, as the Dask engine counts. A table whose documents
    are scattered is counted again through grouped_batches, and named in `scattered` (with its first such
    document and row), so that pass 2 reads it so too. With a process pool, digests come from its workers."""
    from scorer.duplicates import STATS_SCHEMA

    pair_keys: list[np.ndarray] = []  # a chunk each: the key digest of each of its distinct (key, unit) pairs
    pair_digests: list[np.ndarray] = []  # and a digest of each pair
    units: set[str] = set()
    rows = 0

    def collect(found: tuple[np.ndarray, np.ndarray]) -> None:
        key, pair = found
        pair_keys.append(key)
        pair_digests.append(pair)

    in_flight: deque = deque()

    def in_pool(path: Path, step: Callable[[], None]) -> None:
        from concurrent.futures.process import BrokenProcessPool

        from scorer.messages import text

        try:
            step()
        except BrokenProcessPool:
            raise BulkAborted(
                text("bulk.worker_died", place=text("bulk.statistics_pass", path=path), cause=pool.cause()), EXIT_WORKER_DIED
            ) from None

    def collect_next(path: Path) -> None:
        in_pool(path, lambda: collect(pool.result(in_flight.popleft())))

    def digested(path: Path, frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """The frames as read, each one's digests made meanwhile (a pair is counted once however the table's
        rows fall into frames): a document of many frames is not digested in one piece once it is whole."""
        for frame in frames:
            if pool is None:
                collect(key_digests(frame))
            else:
                keyed = frame[["source", "level3", "value"]]  # all key_digests reads: less to send
                in_pool(path, lambda: in_flight.append(pool.submit(_run_task, key_digests, keyed)))  # noqa: B023 (called at once)
                if len(in_flight) >= 4:
                    collect_next(path)
            yield frame

    def count(path: Path, frames: Generator[pd.DataFrame, None, None]) -> None:
        nonlocal rows
        try:
            for frame in document_chunks(digested(path, frames), stop_at_scattered):
                rows += int((~unnamed_rows(frame)).sum())  # as pass 2 counts them: a project's heading line is none
                units.update(frame["source"].unique())
        except BulkError as exc:  # counted as far as it was read; the other tables still count
            if errors is None:
                raise
            errors.append(str(exc))
        finally:
            frames.close()  # now, not when collected: a regrouped table's temporary parts are removed with it
            while in_flight:
                collect_next(path)

    columns = PASS_ONE_COLUMNS
    for path in paths:
        chunks_before, rows_before = len(pair_keys), rows
        try:
            count(path, read_batches(path, chunk_rows, columns))
        except ScatteredDocuments as found:  # a unit's pairs may be in two chunks: this table is counted again, grouped
            del pair_keys[chunks_before:], pair_digests[chunks_before:]
            rows = rows_before
            if scattered is not None:
                scattered[path] = (found.source, found.row)
            count(path, grouped_batches(path, chunk_rows, columns))
    empty = np.array([], dtype=np.uint64)
    _, first = np.unique(np.concatenate(pair_digests) if pair_digests else empty, return_index=True)
    keys, counts = np.unique((np.concatenate(pair_keys) if pair_keys else empty)[first], return_counts=True)
    return {
        "schema": STATS_SCHEMA,
        "version": 1,
        "units": len(units),
        "documents": len(units),
        "rows": rows,
        "key_hashes": {f"{int(key):016x}": int(n) for key, n in zip(keys[counts >= 2], counts[counts >= 2], strict=True)},
    }


def too_few_units(paths: list[Path]) -> bool:
    """Whether the tables cannot hold as many units as a template needs (B201): each names no document nor
    unit (a budget system's export of one unit: the file is the unit) and there are fewer of them than
    TEMPLATE_MIN_UNITS. Pass 1 is then left out: it could find no template, and no such table can hold a
    document whose rows are scattered; the progress bar goes without a total."""
    from scorer.duplicates import TEMPLATE_MIN_UNITS

    if len(paths) >= TEMPLATE_MIN_UNITS:
        return False
    for path in paths:
        try:
            columns = table_columns(path)
        except BulkError:  # said when it is read
            continue
        if columns.unit_as_source or "source" in columns.fields.values():
            return False
    return True


def templates_only(stats: dict) -> dict:
    """The statistics a worker needs: units and the template keys (small to send to every process)."""
    from scorer.duplicates import template_lookup

    return {
        "schema": stats.get("schema"),
        "units": stats.get("units", 0),
        "rows": stats.get("rows"),
        "keys": {},
        "key_hashes": template_lookup(stats),
    }


# --- pass 2: scoring in a process pool ---------------------------------------------------------------


@dataclass
class BulkOptions:
    corpus_stats: dict | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    use_model: bool = True
    model_path: str | None = None
    max_memory_mb: int | None = None  # a worker whose resident memory passes this ends itself (OVER_MEMORY)
    language: str = field(default_factory=lambda: _current_language())  # of findings' wording, in every worker
    exits_when_stopped: bool = False  # the caller's process ends after a signal stops the run (stopped_by_signals)


def _current_language() -> str:
    from scorer.messages import language

    return language()


def default_max_memory_mb(jobs: int) -> int:
    """The machine's share for one worker: 80% of physical memory over the workers (4 GB when unknown)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 4096
    return max(256, int(total * 0.8 / max(1, jobs) / 2**20))


def resident_mb() -> float | None:
    """This process's own memory: on Linux its private resident pages (/proc/self/smaps_rollup), not the
    pages a forked worker still shares with its parent; else its resident memory (statm), else its peak
    (getrusage), else None."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            private_kb = sum(int(line.split()[1]) for line in rollup if line.startswith(("Private_Clean:", "Private_Dirty:")))
        return private_kb / 1024
    except (OSError, ValueError, IndexError):
        pass
    whole = _statm_resident_mb()
    if whole is not None:
        return whole
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024
    except (ImportError, OSError):
        return None


def _statm_resident_mb() -> float | None:
    """This process's resident memory, shared pages included (/proc/self/statm), or None off Linux."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _over_memory(limit_mb: int) -> bool:
    """Whether this process's own memory (resident_mb) passes limit_mb. Private pages are never more than
    resident ones: while the resident count (statm, cheap) is under the bound, so are they; smaps_rollup
    walks every page of the process and is read only when the resident count, which includes pages still
    shared with the parent, passes the bound."""
    whole = _statm_resident_mb()
    if whole is not None and whole <= limit_mb:
        return False
    used = resident_mb()
    return used is not None and used > limit_mb


def _watch_memory(limit_mb: int) -> None:
    """In a worker: end the process with OVER_MEMORY once its resident memory passes limit_mb, before the
    system's out-of-memory killer picks a process of its own (perhaps the user's editor); only while a task
    runs (see _run_task)."""

    def watch() -> None:
        while True:
            if _over_memory(limit_mb):
                with _GATE:
                    if _busy:
                        _end_over_memory()
            time.sleep(MEMORY_CHECK_SECONDS)

    threading.Thread(target=watch, name="zhibiao-memory-bound", daemon=True).start()


_GATE = threading.Lock()  # in a worker: held by the memory watch to end the process, by a task to finish
_busy = False  # in a worker: a task is running (it is neither idle nor sending its result)
_LIMIT_MB: int | None = None  # in a worker: the memory bound, if any


def _run_task(function: Callable[..., Any], *args: Any) -> Any:
    """In a worker: one task (warm-up, key digests, a chunk), the only time the memory watch may end the
    process. Ended while it sends its result, a worker would leave half a message in the pool's pipe, and
    the pool would wait for the rest for ever. A task that finishes over the bound ends the process itself,
    its chunk still on the board, so that the run names the chunk that took the memory."""
    global _busy
    _busy = True
    try:
        return function(*args)
    finally:
        with _GATE:
            _busy = False
            if _LIMIT_MB and _over_memory(_LIMIT_MB):
                _end_over_memory()


def _end_over_memory() -> None:
    _say_over_memory()
    os._exit(OVER_MEMORY)


@dataclass
class BulkReport:
    rows: int = 0
    projects: int = 0
    documents: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # files or parts not read
    warnings: list[str] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds (score: summed over workers)
    replaced_bytes: int = 0  # damaged bytes read as U+FFFD (GB18030 tables; any on Dask), each table's count in warnings
    worst: pd.DataFrame | None = None  # the WORST_SHOWN worst projects, ranked (the terminal summary's table)


WORST_SHOWN = 10


def warm_up(options: BulkOptions) -> None:
    """Run in each worker as the pool starts: loads the rules and the model (ModelError if it is bad)."""
    from scorer.classifier import load_model
    from scorer.rules import select_rules

    select_rules(None, None)
    if options.use_model:
        load_model(options.model_path)


@contextmanager
def young_garbage_only() -> Iterator[None]:
    """No collector passes while a chunk is scored, then one pass over the objects made meanwhile.

    Scoring makes millions of short-lived objects; with the collector on, each full pass also walks
    the long-lived caches: a 20,000-row chunk took 1.7 s with it, about 1.3 s this way (the one pass
    after included). The chunk's objects all stay in the youngest generation, so collecting that one
    generation afterwards frees the chunk's cycles."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect(0)


RowsAs = Literal["csv", "arrow", "none"]  # how a worker gives back a chunk's scored rows (none: no rows output)


def _naming_the_file(path: str | Path, write: Callable[[], object]) -> None:
    """write(), an OSError from it naming the file: a full disk or a quota on the temporary folder is said as the
    folder's, not the output's (Arrow's and a short write's errors name no file)."""
    try:
        write()
    except OSError as exc:
        if exc.filename:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc


@dataclass(frozen=True)
class SharedChunk:
    """A chunk handed to a worker as a file (Arrow IPC, memory-mapped where it is read) instead of through
    the pool's pipe: a 200,000-row document took 0.3 to 0.7 s to reach each worker that way, against 0.15 s
    to write the file once and a few milliseconds to map it. Text columns held as Python objects
    (`object_columns`) come back so."""

    path: str
    object_columns: tuple[str, ...]

    def frame(self) -> pd.DataFrame:
        import pyarrow as pa

        frame = pa.ipc.open_file(pa.memory_map(self.path)).read_all().to_pandas()
        return frame.astype({column: object for column in self.object_columns}) if self.object_columns else frame


class ChunkFiles:
    """The folder of the chunks in flight (SharedChunk), made in the system's temporary folder with the first
    chunk; each file goes when its chunk is scored, the folder when the pool ends, however it ends."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self._count = 0

    def put(self, chunk: pd.DataFrame) -> SharedChunk:
        import pyarrow as pa

        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="zhibiao-chunks-"))
        self._count += 1
        path = self.folder / f"{self._count}.arrow"
        table = pa.Table.from_pandas(chunk, preserve_index=True)

        def write() -> None:
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)

        _naming_the_file(path, write)
        return SharedChunk(str(path), tuple(str(c) for c in chunk.columns if chunk[c].dtype == object))

    @staticmethod
    def drop(shared: SharedChunk) -> None:
        Path(shared.path).unlink(missing_ok=True)

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class RowsFiles:
    """Scored rows as CSV lines (no header) in files beside their chunk's (SharedChunk), in order: what a
    worker sends back instead of the bytes themselves, which the pool's pipe would carry to the main
    process only for it to write them out again. RowsSink.write copies them out and removes them."""

    paths: tuple[str, ...]


def _score_chunk(
    chunk: pd.DataFrame | SharedChunk,
    rows_as: RowsAs,
    options: BulkOptions,
    number: int = -1,
    part: tuple[int, int] | None = None,
    table_file: str | None = None,
) -> tuple[object, pd.DataFrame, list[str], float, float]:
    """In a worker: score (the projects of `part` only, when given), then format the rows for the output:
    CSV text (in a file beside the chunk's, RowsFiles, for a chunk handed over as a file), an Arrow table, or
    nothing when the run writes no rows."""
    from scorer.messages import set_language

    set_language(options.language)
    _scoring(number)
    shared: SharedChunk | None = None
    if isinstance(chunk, SharedChunk):
        shared, rows = chunk, chunk.frame()
    else:
        rows = chunk
    started = time.perf_counter()
    errors: list[str] = []
    with young_garbage_only():
        scored = score_frame(
            rows.reset_index(drop=True),
            options.corpus_stats,
            options.select,
            options.ignore,
            options.use_model,
            options.model_path,
            errors=errors,
            row_numbers=(rows.index + 1).tolist(),  # the table's own: blank rows are not in the chunk
            part=part,
            table_file=table_file,
        )
    scored_at = time.perf_counter()
    projects = projects_from_rows(scored)
    payload: object
    if rows_as == "none":
        payload = b""
    elif rows_as == "arrow":
        payload = _arrow_table(typed_rows(scored[ROW_OUTPUT]))
    elif shared is not None:
        rows_file = f"{shared.path}.{part[0] if part else 0}.csv"
        lines = scored_csv_bytes(scored[ROW_OUTPUT])
        _naming_the_file(rows_file, lambda: Path(rows_file).write_bytes(lines))
        payload = RowsFiles((rows_file,))
    else:
        payload = scored_csv_bytes(scored[ROW_OUTPUT])
    return payload, projects, errors, scored_at - started, time.perf_counter() - scored_at


def typed_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with their output types (score a float, indexes integers, the rest text), made as one new
    frame: replacing the columns of the frame one by one cost twice as much."""
    numbers = {"score": float, "project_index": "int64", "row_index": "int64"}
    columns = {
        column: rows[column].astype(numbers[column]) if column in numbers else rows[column].fillna("").astype(str)
        for column in rows.columns
    }
    return pd.DataFrame(columns, index=rows.index)


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """Rows as CSV lines (UTF-8, no header), formula cells neutralised. Arrow's writer: 7x pandas' to_csv;
    it quotes every text cell, which any CSV reader reads the same."""
    import pyarrow as pa

    from scorer.report.csv_writer import neutralise_frame

    return _csv_lines(pa.Table.from_pandas(neutralise_frame(rows), preserve_index=False))


def _csv_lines(table) -> bytes:
    import io

    import pyarrow.csv as pcsv

    buffer = io.BytesIO()
    pcsv.write_csv(table, buffer, pcsv.WriteOptions(include_header=False))
    return buffer.getvalue()


_NUMBER_TYPES = {"score": "float64", "project_index": "int64", "row_index": "int64"}


def scored_csv_bytes(rows: pd.DataFrame) -> bytes:
    """csv_bytes(typed_rows(rows)), byte for byte, for score_frame's rows: each text column handed to Arrow as
    it is (every cell a str) and only the cells that start like a formula neutralised, without typing the
    frame first (that and the frame's copy cost as much again). Any other cell: the typed path."""
    import pyarrow as pa

    from scorer.report.csv_writer import neutralised_text

    arrays = []
    try:
        for column in rows.columns:
            if column in _NUMBER_TYPES:
                arrays.append(pa.array(rows[column].to_numpy(dtype=_NUMBER_TYPES[column])))
            else:
                arrays.append(neutralised_text(rows[column].to_numpy(dtype=object)))
    except (TypeError, ValueError, pa.ArrowException):
        return csv_bytes(typed_rows(rows))
    return _csv_lines(pa.Table.from_arrays(arrays, names=list(rows.columns)))


def _arrow_table(rows: pd.DataFrame):
    import pyarrow as pa

    return pa.Table.from_pandas(rows, preserve_index=False)


class RowsSink:
    """Rows output written as chunks come back: CSV (UTF-8 with BOM, formula cells neutralised) or Parquet,
    into a temporary file beside the target (scorer.atomic.atomic_output) that replaces it at
    close(keep=True) and is removed at close(keep=False)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.parquet = path is not None and path.suffix.lower() == ".parquet"
        self._handle: BinaryIO | None = None
        self._writer: Any = None  # pyarrow.parquet.ParquetWriter, opened with the first table
        self._output: AbstractContextManager[Path] | None = None
        self._temporary: Path | None = None
        if path is not None:
            from scorer.atomic import atomic_output

            self._output = atomic_output(path)
            self._temporary = self._output.__enter__()
            if not self.parquet:
                self._handle = self._temporary.open("wb")
                self._handle.write(("\ufeff" + ",".join(ROW_OUTPUT) + "\n").encode("utf-8"))

    def write(self, payload) -> None:
        if isinstance(payload, RowsFiles):
            for rows_file in payload.paths:
                if self._handle is not None:
                    with open(rows_file, "rb") as lines:
                        shutil.copyfileobj(lines, self._handle, 1 << 20)
                Path(rows_file).unlink(missing_ok=True)
            return
        if self.path is None:
            return
        if self.parquet:
            import pyarrow.parquet as pq

            if self._writer is None:
                self._writer = pq.ParquetWriter(self._temporary, payload.schema)
            self._writer.write_table(payload.cast(self._writer.schema))
        elif self._handle is not None:
            self._handle.write(payload)

    def close(self, keep: bool) -> None:
        if self._handle is not None:
            self._handle.close()
        if self._writer is not None:
            self._writer.close()
        elif self.parquet and keep and self._temporary is not None:
            _empty_rows_table().to_parquet(self._temporary, index=False)
        if self._output is None:
            return
        if keep:
            self._output.__exit__(None, None, None)
        else:
            stopped = BulkAborted("not kept", EXIT_WORKER_DIED)
            self._output.__exit__(BulkAborted, stopped, None)  # removes the temporary file, replaces nothing


def _empty_rows_table() -> pd.DataFrame:
    return typed_rows(pd.DataFrame({column: pd.Series(dtype=object) for column in ROW_OUTPUT}))


def score_tables(
    paths: list[Path],
    output: Path | None = None,
    projects_output: Path | None = None,
    jobs: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
    options: BulkOptions | None = None,
    on_chunk: Callable[[int, int | None], None] | None = None,
) -> BulkReport:
    """Scores rows tables in document-complete chunks over `jobs` processes (default: the cores), writing
    rows as they come back, in input order; projects are ranked at the end. Memory stays flat as input grows.
    A file that cannot be read is reported in BulkReport.errors and the others are still scored.
    on_chunk(rows scored in the chunk, rows in all, when pass 1 counted them) follows the progress."""
    options = options or BulkOptions()
    jobs = jobs or os.cpu_count() or 1
    report = BulkReport()
    started = time.perf_counter()
    with stopped_by_signals(keep_ignored=options.exits_when_stopped), ProjectSpool() as spool:
        _score_tables(paths, output, jobs, chunk_rows, options, on_chunk, report, spool, started)
        rank_started = time.perf_counter()
        spool.finish(projects_output, report)
    report.seconds["rank"] = time.perf_counter() - rank_started
    report.seconds["total"] = time.perf_counter() - started
    return report


def _score_tables(
    paths: list[Path],
    output: Path | None,
    jobs: int,
    chunk_rows: int,
    options: BulkOptions,
    on_chunk: Callable[[int, int | None], None] | None,
    report: BulkReport,
    spool: ProjectSpool,
    started: float,
) -> None:
    with _worker_pool(jobs, options) as pool:  # started before any Arrow thread exists in this process
        readable = readable_tables(paths, report)
        scattered: dict[Path, tuple[str, int]] = {}  # tables whose documents' rows are not together
        if options.corpus_stats is None and wants_b201(options) and too_few_units(readable):
            # no row can be a template, and a table that names no document is one: pass 1 has nothing to find
            options.corpus_stats = {"units": len(readable), "rows": None, "keys": {}}
        elif options.corpus_stats is None and wants_b201(options):
            try:
                options.corpus_stats = template_stats(readable, chunk_rows, pool, report.errors, scattered)
            except BulkError as exc:
                report.errors.append(str(exc))
                options.corpus_stats = {"units": 0, "keys": {}}
        else:
            for path in readable:
                try:
                    found = first_scattered(path, chunk_rows)
                except BulkError:  # said when pass 2 reads it
                    continue
                if found:
                    scattered[path] = found
        for path, (source, row) in scattered.items():
            report.warnings.append(_said("bulk.regrouped", path=path, source=source, row=row))
        if options.corpus_stats is not None:
            options.corpus_stats = templates_only(options.corpus_stats)
        report.seconds["statistics"] = time.perf_counter() - started

        sink = RowsSink(output)
        ok = False
        try:
            rows_as: RowsAs = "none" if output is None else "arrow" if sink.parquet else "csv"
            for payload, projects, rule_errors, score_seconds, format_seconds in _scored_chunks(
                pool, readable, options, jobs, chunk_rows, rows_as, report, scattered
            ):
                write_started = time.perf_counter()
                sink.write(payload)
                spool.add(projects)
                report.rule_errors.extend(rule_errors)
                count = int(projects["indicators"].sum())
                report.rows += count
                seconds = report.seconds
                seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - write_started
                seconds["score_workers"] = seconds.get("score_workers", 0.0) + score_seconds
                seconds["format_workers"] = seconds.get("format_workers", 0.0) + format_seconds
                if on_chunk:
                    on_chunk(count, (options.corpus_stats or {}).get("rows"))
            ok = True
        finally:
            sink.close(keep=ok)


@contextmanager
def _worker_pool(jobs: int, options: BulkOptions):
    """A process pool (None for jobs=1), its workers warmed up; a bad model file raises ModelError here.
    Fork where the platform has it (no `if __name__ == "__main__"` guard needed in the caller), spawn
    elsewhere. The model is loaded in the workers only: the main process just reads and writes.
    Leaving the block by an exception (a dead worker, a signal) ends every worker at once."""
    if jobs <= 1:
        warm_up(options)
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    board = context.Array("q", _FIELDS * jobs, lock=False)  # per worker slot: pid, chunk being scored, over memory
    slots = context.Value("i", 0)
    limit = options.max_memory_mb
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(board, slots, limit))
    workers = WorkerBoard(pool, board, limit)
    try:
        try:
            warmings = [pool.submit(_run_task, warm_up, options) for _ in range(jobs)]
            workers.record()  # under fork the workers exist now: a death while warming up has a cause to give
            for warming in warmings:
                workers.result(warming)
        except BrokenProcessPool:
            from scorer.messages import text

            raise BulkAborted(
                text("bulk.worker_died", place=text("bulk.starting"), cause=workers.cause()), EXIT_WORKER_DIED
            ) from None
        workers.record()
        yield workers
    except BaseException:
        workers.stop()
        raise
    finally:
        workers.chunk_files.remove()
    pool.shutdown(wait=True)


_SLOT: tuple[Any, int] | None = None  # in a worker: the shared board and this worker's slot on it
_FIELDS = 3  # a slot on the board: the worker's pid, the chunk it is scoring (-1: none), 1 once over memory


def _start_worker(board, slots, max_memory_mb: int | None = None) -> None:
    """In each worker as it starts: ^C at the terminal is for the main process (which ends the workers),
    SIGTERM ends the worker; it takes a slot on the board to say which chunk it is scoring, and watches
    its own memory when a bound is set."""
    global _SLOT, _LIMIT_MB
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with slots.get_lock():
        slot = slots.value
        slots.value += 1
    board[_FIELDS * slot], board[_FIELDS * slot + 1], board[_FIELDS * slot + 2] = os.getpid(), -1, 0
    _SLOT = (board, slot)
    if max_memory_mb:  # last: the watch says on the board why it ended the process, so needs the slot
        _LIMIT_MB = max_memory_mb
        _watch_memory(max_memory_mb)


def _scoring(number: int) -> None:
    if _SLOT is not None:
        board, slot = _SLOT
        board[_FIELDS * slot + 1] = number


def _say_over_memory() -> None:
    """In a worker about to end itself over the memory bound: say so on the board. The main process reads
    the cause there, not only from the exit status, which it may read as unknown while the pool's own
    thread is reaping the same process."""
    if _SLOT is not None:
        board, slot = _SLOT
        board[_FIELDS * slot + 2] = 1


class WorkerBoard:
    """The pool's workers and what each is doing, to name the chunk whose worker died, and why."""

    def __init__(self, pool, board, max_memory_mb: int | None = None):
        self.pool = pool
        self.board = board
        self.max_memory_mb = max_memory_mb
        self.processes: list = []
        self.chunk_files = ChunkFiles()

    def submit(self, *args, **kwargs):
        return self.pool.submit(*args, **kwargs)

    def result(self, future):
        """future.result(), or BrokenProcessPool within about a second of a worker's death. The pool says
        so by itself but for one case: a worker killed (by the system, for memory) while it sends a
        result leaves half a message in the pool's pipe, and the pool waits for the rest for ever."""
        from concurrent.futures.process import BrokenProcessPool

        while True:
            try:
                return future.result(timeout=DEATH_CHECK_SECONDS)
            except TimeoutError:
                if any(_has_ended(process) for process in self.processes):  # no worker ends while the pool runs
                    raise BrokenProcessPool("a worker ended while the pool was running") from None

    def record(self) -> None:
        # ProcessPoolExecutor starts all its workers at the first submit under fork; with spawn, they are
        # all started once every warm-up task has run, one a worker
        self.processes = list(getattr(self.pool, "_processes", {}).values())

    def dead(self) -> tuple[int, int | None] | None:
        """(pid, exit code) of the worker that died first by itself; not one the pool ended after it. A worker
        that said on the board it passed the memory bound comes first, whatever its exit status reads."""
        for slot in range(len(self.board) // _FIELDS):
            if self.board[_FIELDS * slot + 2]:
                return int(self.board[_FIELDS * slot]), OVER_MEMORY
        ended = [(p.pid, code) for p in self.processes if (code := _exit_code(p)) not in (None, 0)]
        if not ended:
            return None
        by_itself = [(pid, code) for pid, code in ended if code != -signal.SIGTERM]
        return (by_itself or ended)[0]

    def chunk_of(self, pid: int) -> int | None:
        for slot in range(len(self.board) // _FIELDS):
            if self.board[_FIELDS * slot] == pid:
                number = self.board[_FIELDS * slot + 1]
                return None if number < 0 else int(number)
        return None

    def cause(self, found: tuple[int, int | None] | None = None) -> str:
        """Why a worker died, in the reviewer's words: `found` (pid, exit code) from dead(), else dead()."""
        from scorer.messages import text

        found = found or self.dead()
        code = found[1] if found else None
        if code is None:
            return text("bulk.exit_code", code="?")
        if code == OVER_MEMORY:
            return text("bulk.over_memory_bound", limit=self.max_memory_mb)
        if code == -signal.SIGKILL:
            return text("bulk.killed_memory")
        if code < 0:
            try:
                return text("bulk.killed_signal", name=signal.Signals(-code).name)
            except ValueError:
                return text("bulk.killed_signal", name=str(-code))
        return text("bulk.exit_code", code=code)

    def stop(self) -> None:
        """Ends every worker now (SIGTERM, then SIGKILL after 2 s) and the pool, and waits (a few seconds
        at most) for the pool's own thread to end: left running, it closes its wake-up pipe while the
        interpreter's exit hook writes to it, and the user reads a traceback after the one line."""
        processes = self.processes or list((getattr(self.pool, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.terminate()
        deadline = time.monotonic() + 2
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(timeout=1)
        manager = getattr(self.pool, "_executor_manager_thread", None)
        results = getattr(self.pool, "_result_queue", None)
        self.pool.shutdown(wait=False, cancel_futures=True)
        if results is not None and not any(process.is_alive() for process in processes):
            # a worker killed while it sent a result left the pool's thread waiting for the rest of the
            # message: with this last write end closed, it reads the end of the pipe and ends
            results._writer.close()
        if manager is not None:
            manager.join(timeout=5)


def _exit_code(process, wait_seconds: float = 1.0) -> int | None:
    """A worker's exit status once it has ended, None while it runs. The pool's own thread may be reaping
    the same process: for that moment `exitcode` reads None although the process has ended, so an ended
    process (its sentinel ready) is asked again until its status is known."""
    process.join(timeout=wait_seconds)
    deadline = time.monotonic() + wait_seconds
    code = process.exitcode
    while code is None and _has_ended(process) and time.monotonic() < deadline:
        time.sleep(0.01)
        code = process.exitcode
    return code


def _has_ended(process) -> bool:
    from multiprocessing.connection import wait

    try:
        return bool(wait([process.sentinel], 0))
    except (OSError, ValueError):  # the sentinel was closed: the process was joined and released
        return True


def readable_tables(paths: list[Path], report: BulkReport) -> list[Path]:
    """The tables whose header and first row can be read; each other one is named in report.errors."""
    from scorer.messages import text

    readable = []
    for path in paths:
        left_out = LeftOutRows()
        try:
            frames = read_batches(path, 1000, columns=PASS_ONE_COLUMNS, left_out=left_out)
            try:
                found = any((~unnamed_rows(frame)).any() for frame in frames)  # a project's heading line is none
            finally:
                frames.close()
            if not found:
                none = left_out.said(path, "bulk.only_left_out") if left_out.count else text("bulk.no_rows", path=path)
                report.errors.append(none)
                continue
            readable.append(path)
        except BulkError as exc:
            report.errors.append(str(exc))
            continue
        report.warnings.extend(column_warnings(path))
    return readable


def wants_b201(options: BulkOptions) -> bool:
    from scorer.registry import matches

    return (not options.select or matches("B201", options.select)) and not (options.ignore and matches("B201", options.ignore))


def _scored_chunks(
    pool,
    paths: list[Path],
    options: BulkOptions,
    jobs: int,
    chunk_rows: int,
    rows_as: RowsAs,
    report: BulkReport,
    scattered: dict[Path, tuple[str, int]] | None = None,
) -> Iterator[tuple]:
    """Chunks scored in order. At most 2 × jobs chunks are in flight, so reading never runs far ahead.
    The tables in `scattered` are read with each document's rows brought together (grouped_batches)."""

    def split(source: str, row: int) -> None:  # found by pass 2 only when the table changed since pass 1
        report.warnings.append(_said("bulk.not_together", source=source, row=row))

    def chunks_with_paths() -> Iterator[tuple[Path, pd.DataFrame]]:
        for path in paths:
            read_started = time.perf_counter()
            replaced_bytes()
            batches = grouped_batches if scattered and path in scattered else read_batches
            left_out = LeftOutRows()
            frames = batches(path, chunk_rows, left_out=left_out)
            try:
                for chunk in document_chunks(frames, split):
                    report.seconds["read"] = report.seconds.get("read", 0.0) + time.perf_counter() - read_started
                    yield path, chunk
                    read_started = time.perf_counter()
            except BulkError as exc:
                report.errors.append(str(exc))
            finally:
                frames.close()  # now, not when collected: a regrouped table's temporary parts are removed with it
            if left_out.count:
                report.warnings.append(left_out.said(path))
            replaced = replaced_bytes()
            if replaced:
                report.replaced_bytes += replaced
                report.warnings.append(_said("bulk.replaced_bytes", path=path, count=replaced, encoding="GB18030"))

    unit_tables: dict[Path, bool] = {}

    def with_units_named(path: Path, scored: tuple) -> tuple:
        if path not in unit_tables:
            unit_tables[path] = table_columns(path).unit_as_source
        if unit_tables[path]:
            with_units(scored[1], path.name)
        return scored

    if pool is None:
        for path, chunk in chunks_with_paths():
            yield with_units_named(path, _score_chunk(chunk, rows_as, options, table_file=str(path)))
        return
    from concurrent.futures.process import BrokenProcessPool

    in_flight: deque = deque()
    places: dict[int, str] = {}  # chunk number -> where it is in the input, for the one line if it fails

    def result():
        futures, number, path, shared = in_flight.popleft()
        try:
            return with_units_named(path, merged_parts([pool.result(future) for future in futures]))
        except BrokenProcessPool:
            raise _worker_died(pool, places, number) from None
        finally:
            places.pop(number, None)
            pool.chunk_files.drop(shared)

    for number, (path, chunk) in enumerate(chunks_with_paths()):
        places[number] = _place(path, chunk)
        parts = document_parts(chunk, jobs) if len(chunk) > chunk_rows else [None]
        shared = pool.chunk_files.put(chunk)
        try:
            futures = [pool.submit(_run_task, _score_chunk, shared, rows_as, options, number, part, str(path)) for part in parts]
        except BrokenProcessPool:  # a worker died while this chunk was read
            raise _worker_died(pool, places, number) from None
        in_flight.append((futures, number, path, shared))
        if sum(len(futures) for futures, *_ in in_flight) >= 2 * jobs:
            yield result()
    while in_flight:
        yield result()


class LeftOutRows:
    """The rows of a rows table that hold something but no indicator (a total, a note, a sign-off, a row with
    neither name nor value), by reason: counted, and the first few named by number (as `location` names
    rows: the row a spreadsheet shows it on, header and title counted), for one warning line per table."""

    SHOWN = 5

    def __init__(self) -> None:
        self.numbers: dict[str, list[int]] = {}
        self.counts: dict[str, int] = {}

    def __call__(self, rows: pd.DataFrame, reason: str) -> None:
        shown = self.numbers.setdefault(reason, [])
        shown.extend(int(number) + 1 for number in rows.index[: self.SHOWN - len(shown)])
        self.counts[reason] = self.counts.get(reason, 0) + len(rows)

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    def said(self, path: Path, key: str = "bulk.left_out") -> str:
        from scorer.messages import skip_reason, text

        reasons = [
            text(
                "bulk.left_out_reason",
                reason=skip_reason(reason),
                count=count,
                rows=text("list.comma").join(map(str, self.numbers[reason])),
                more=text("list.more") if count > self.SHOWN else "",
            )
            for reason, count in self.counts.items()
        ]
        return text(key, path=path, count=self.count, reasons=text("list.semicolon").join(reasons))


def document_parts(chunk: pd.DataFrame, parts: int) -> list[tuple[int, int] | None]:
    """Project ranges that cut a chunk holding one large document into `parts` parts of about as many rows,
    so that every worker scores a part of it, each reading the whole document as context (see
    scorer.api.score_documents). A chunk of several documents, or of one project, stays whole."""
    if parts < 2 or chunk["source"].nunique() != 1:
        return [None]
    codes, names = pd.factorize(chunk["project"].to_numpy())  # project indexes: order of first appearance
    if len(names) < 2:
        return [None]
    ends = np.cumsum(np.bincount(codes, minlength=len(names)))
    targets = [len(chunk) * k / parts for k in range(1, parts)]
    cuts = sorted({int(np.searchsorted(ends, target)) + 1 for target in targets} - {0, len(names)})
    bounds = [0, *cuts, len(names)]
    return [(start, stop) for start, stop in itertools.pairwise(bounds) if start < stop]


def merged_parts(results: list[tuple]) -> tuple:
    """The results of the parts of one document as one chunk's: rows in order, projects ranked within the
    document, each rule failure said once."""
    if len(results) == 1:
        return results[0]
    payloads, projects, errors, score_seconds, format_seconds = zip(*results, strict=True)
    if isinstance(payloads[0], RowsFiles):
        payload: object = RowsFiles(tuple(path for files in payloads for path in files.paths))
    elif isinstance(payloads[0], bytes):
        payload = b"".join(payloads)
    else:
        import pyarrow as pa

        payload = pa.concat_tables(payloads)
    ranked = pd.concat(projects, ignore_index=True)
    if len(ranked):
        ranked["rank_in_document"] = ranked.groupby("source")["score"].rank(ascending=False, method="min").astype(int)
    said = list(dict.fromkeys(line for part in errors for line in part))
    return payload, ranked, said, sum(score_seconds), sum(format_seconds)


def _place(path: Path, chunk: pd.DataFrame) -> str:
    """A chunk's place in its table: file, rows (as a spreadsheet numbers them, header counted) and documents."""
    from scorer.messages import text

    sources = chunk["source"].unique()
    documents = "、".join(map(str, sources[:3])) + (f"… ({len(sources)})" if len(sources) > 3 else "")
    return text("bulk.chunk", path=path, first=int(chunk.index[0]) + 1, last=int(chunk.index[-1]) + 1, documents=documents)


def _worker_died(pool: WorkerBoard, places: dict[int, str], waiting_for: int) -> BulkAborted:
    """The one line for a dead worker: the chunk it was scoring (else the one waited for) and the cause."""
    from scorer.messages import text

    dead = pool.dead()
    number = pool.chunk_of(dead[0]) if dead else None
    place = places.get(number if number is not None else waiting_for, places.get(waiting_for, ""))
    return BulkAborted(text("bulk.worker_died", place=place, cause=pool.cause(dead)), EXIT_WORKER_DIED)


class ProjectSpool:
    """Projects as chunks come back, spooled to a temporary Parquet file; at the end each gets its rank
    (from the scores alone, kept as one float array) and the table is written out in batches."""

    def __init__(self):
        descriptor, name = tempfile.mkstemp(prefix="zhibiao-projects-", suffix=".parquet")
        os.close(descriptor)
        self.path = Path(name)
        self._writer = None
        self._scores: list[np.ndarray] = []
        self._sources: set[str] = set()

    def __enter__(self) -> ProjectSpool:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.path.unlink(missing_ok=True)

    def add(self, projects: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        projects = _typed_projects(projects)
        table = pa.Table.from_pandas(projects, preserve_index=False)
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema)
        self._writer.write_table(table.cast(self._writer.schema))
        self._scores.append(projects["score"].to_numpy(dtype=float))
        self._sources.update(projects["source"].unique())

    def finish(self, output: Path | None, report: BulkReport) -> None:
        import pyarrow.parquet as pq

        try:
            if self._writer is not None:
                self._writer.close()
            scores = np.sort(np.concatenate(self._scores)) if self._scores else np.array([])
            report.projects = len(scores)
            report.documents = len(self._sources)
            grades: dict[str, int] = {}
            worst: list[pd.DataFrame] = []
            batches = pq.ParquetFile(self.path).iter_batches(batch_size=50_000) if self._writer else iter(())
            with _ProjectsOut(output) as out:
                for batch in batches:
                    frame = batch.to_pandas()
                    # rank "min": 1 + the number of projects that scored strictly higher
                    frame["rank"] = len(scores) - np.searchsorted(scores, frame["score"].to_numpy(), side="right") + 1
                    for letter, count in frame["grade"].value_counts().items():
                        grades[letter] = grades.get(letter, 0) + int(count)
                    out.write(frame)
                    worst = [_worst(pd.concat([*worst, frame], ignore_index=True))]
            report.grades = dict(sorted(grades.items()))
            report.worst = worst[0] if worst else None
        finally:
            self.path.unlink(missing_ok=True)


def _worst(projects: pd.DataFrame) -> pd.DataFrame:
    from scorer.report.terminal import WORST_ORDER

    return projects.sort_values(WORST_ORDER, kind="stable").head(WORST_SHOWN)


def _typed_projects(projects: pd.DataFrame) -> pd.DataFrame:
    projects = projects.copy()
    projects["budget"] = pd.to_numeric(projects["budget"], errors="coerce").astype(float)
    for column in ("indicators", "findings", "project_index", "rank_in_document"):
        projects[column] = projects[column].astype("int64")
    projects["score"] = projects["score"].astype(float)
    projects["rank"] = 0
    for column in ("source", "project", "grade", "codes", "messages", "unit", "year"):
        projects[column] = projects[column].fillna("").astype(str)
    return projects


class _ProjectsOut:
    def __init__(self, path: Path | None):
        self.path = path
        self.parquet = path is not None and path.suffix.lower() == ".parquet"
        self.frames: list[pd.DataFrame] = []
        self._context: AbstractContextManager[Path] | None = None
        self._target: Path | None = None
        self._writer: Any = None  # pyarrow.parquet.ParquetWriter, opened with the first table
        self._handle: BinaryIO | None = None

    def __enter__(self):
        if self.path is not None:
            from scorer.atomic import atomic_output

            self._context = atomic_output(self.path)
            self._target = self._context.__enter__()
        return self

    def write(self, frame: pd.DataFrame) -> None:
        if self._target is None:
            return
        frame = frame[PROJECT_OUTPUT]
        if self.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._writer is None:
                self._writer = pq.ParquetWriter(self._target, table.schema)
            self._writer.write_table(table.cast(self._writer.schema))
            return
        if self._handle is None:
            self._handle = self._target.open("wb")
            self._handle.write(("\ufeff" + ",".join(PROJECT_OUTPUT) + "\n").encode("utf-8"))
        self._handle.write(csv_bytes(frame))

    def __exit__(self, kind, value, traceback):
        if self._target is not None and self._context is not None:
            if self._writer is not None:
                self._writer.close()
            if self._handle is not None:
                self._handle.close()
            elif self._writer is None and kind is None:
                self._write_empty()
            self._context.__exit__(kind, value, traceback)
        return False

    def _write_empty(self) -> None:
        if self._target is None:
            return
        empty = pd.DataFrame(columns=PROJECT_OUTPUT)
        if self.parquet:
            empty.to_parquet(self._target, index=False)
        else:
            with self._target.open("w", encoding="utf-8-sig", newline="") as handle:
                handle.write(",".join(PROJECT_OUTPUT) + "\n")


def _said(key: str, **fields: object) -> str:
    from scorer.messages import text

    return text(key, **fields)
