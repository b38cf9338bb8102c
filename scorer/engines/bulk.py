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

import codecs
import itertools
import os
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from scorer.ingest.decode import utf8_is_likelier
from scorer.table import PROJECT_COLUMNS, PROJECT_EXTRA_COLUMNS, ROW_COLUMNS, ROW_EXTRA_COLUMNS

CHUNK_ROWS = 20_000
INPUT_COLUMNS = ["source", "project", "level1", "level2", "level3", "description", "value", "basis", "budget", "purpose", "goal"]
REQUIRED_COLUMNS = ("project", "level3", "value")
TABLE_FIELDS = (*INPUT_COLUMNS, "department")  # department: the unit, a document when there is no source
ROWS_TABLE_MIN_BYTES = 1 << 20  # about 10,000 rows: from this size a table headed 项目名称 … goes the bulk way
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


class BulkError(Exception):
    """A rows table that cannot be read (names the file and, where known, the place)."""


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
def stopped_by_signals() -> Iterator[None]:
    """SIGINT and SIGTERM stop the run as an exception in the main thread, so that every `finally` on the
    way ends the workers and removes the temporary files; BulkAborted with status 128 + signal leaves."""
    from scorer.messages import text

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame) -> None:
        raise _Interrupted(signum)

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except _Interrupted as stop:
        name = signal.Signals(stop.signum).name
        raise BulkAborted(text("bulk.interrupted", name=name), 128 + stop.signum) from None
    finally:
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
) -> pd.DataFrame:
    """Rows of whole documents (rows contract) -> the scored rows, each with its project's score.

    Pure: the result depends only on the arguments, so partitions can be scored anywhere. Columns:
    FRAME_OUTPUT (the rows CSV columns, then project_*). Each row's location counts rows from first_row,
    or is given by row_numbers (1-based, one per row of frame). Rule failures are appended to `errors` when
    given, else raised. corpus_stats: as for scorer.score (B201); without it B201 counts this frame.
    part (start, stop): only the rows of these projects (indexes in order of first appearance in the
    document), read with the rest of the document as context (scorer.api.score_documents)."""
    from scorer.api import documents_from_frame, score_documents

    if frame.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in FRAME_OUTPUT})
    result = score_documents(
        documents_from_frame(frame, first_row, row_numbers),
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
            "year": None,
            "project_index": first["project_index"],
        }
    )
    return projects[PROJECT_OUTPUT].reset_index(drop=True)


def project_key_columns(rows: pd.DataFrame) -> list[str]:
    """The columns that name a project among scored rows: its table (when given), document and index."""
    return ["_file", "source", "project_index"] if "_file" in rows.columns else ["source", "project_index"]


def rank_projects(projects: pd.DataFrame) -> pd.DataFrame:
    projects = projects.copy()
    if len(projects):
        projects["rank"] = projects["score"].rank(ascending=False, method="min").astype(int)
    return projects


# --- reading rows tables ---------------------------------------------------------------------------


def is_rows_table(path: Path, min_bytes: int | None = None) -> bool:
    """A Parquet file, or a CSV whose header row names the rows contract's columns: by their contract names
    (what `zhibiao parse` writes), or by any heading of the one header vocabulary (项目名称, 三级指标, 指标值 …,
    see header_fields) when the file is at least min_bytes (default ROWS_TABLE_MIN_BYTES) or its unit column
    (单位名称 …) names several units: a small table of one unit with such headers is read as a document."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return True
    if suffix != ".csv" or not path.is_file():
        return False
    try:
        names = _columns_of(path)
    except (OSError, ValueError):
        return False
    contract = {name.strip() for name in names} & set(TABLE_FIELDS)
    if set(REQUIRED_COLUMNS) <= contract:
        return True
    if _lacks_a_required_column(contract):
        return True  # read the bulk way, which names the missing column; a document reader would guess
    fields = set(header_fields(names).values())
    large = path.stat().st_size >= (ROWS_TABLE_MIN_BYTES if min_bytes is None else min_bytes)
    if large and {"level3", "value"} <= fields and "project" not in fields:
        return True  # no one project's table is this large: the bulk way names the missing 项目名称 column
    if set(REQUIRED_COLUMNS) <= fields and not large and "department" in fields:
        return _names_several_units(path, names)  # an export of units: a document each, as when it is large
    return large and set(REQUIRED_COLUMNS) <= fields


def _names_several_units(path: Path, names: list[str]) -> bool:
    """Whether the unit column (单位名称, 预算单位 …: the one header_fields takes, the document) of a
    CSV names two units or more, read as far as the second. A document reader would take the whole file for
    one unit's document."""
    import csv

    header = _header_of(path)
    column = names.index(_taken_columns(names, empty_unit_columns(path, header))["department"])
    units: set[str] = set()
    try:
        for cells in _records_under_header(path, header):
            if column < len(cells) and cells[column].strip():
                units.add(cells[column].strip())
            if len(units) >= 2:
                return True
    except (OSError, csv.Error):
        return False
    return False


def _records_under_header(path: Path, header: Header) -> Iterator[list[str]]:
    """The CSV records of a rows table under its header (csv module: for a look at a few columns)."""
    import csv

    with path.open("r", encoding=csv_encoding(path), errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        for _ in range(header.body_records):
            next(reader, None)
        yield from reader


def _lacks_a_required_column(contract: set[str]) -> bool:
    """A header of the rows contract's own names (what `zhibiao parse` writes: project and two more of
    level1, level2, source, budget …) but for level3 or value, without which no row can be scored. Headed
    in Chinese, a table is a document's until it is large (a document reader reads many layouts); one
    without a project column may be one project's own table."""
    others = contract - set(REQUIRED_COLUMNS)
    return "project" in contract and len(contract & {"level3", "value"}) == 1 and len(others) >= 2


def header_fields(names: list[str], empty_units: frozenset[str] = frozenset()) -> dict[str, str]:
    """Column name -> rows-contract field, by the one header vocabulary of every reader: a contract name
    (project, level3, value …, or department) is itself, any other heading is looked up in
    lexicons/headers.yaml (项目名称 -> project, 预算数（万元） -> budget, 单位名称 -> department). The first
    column of a field is taken, but for the unit: of 主管部门 and 单位名称, the unit (the more specific,
    earlier in headers.yaml's `department` list), unless it names no unit (empty_units, empty_unit_columns).
    Columns of no field are left out."""
    taken = _taken_columns(names, empty_units)
    return {name: field for name in names if (field := _field_of(name)) is not None and taken[field] == name}


def _taken_columns(names: list[str], empty_units: frozenset[str] = frozenset()) -> dict[str, str]:
    """Field -> the column header_fields takes for it. Of the unit columns, one with a unit named before
    one left blank (empty_units: 单位名称 there but empty, 主管部门 filled)."""
    taken: dict[str, str] = {}

    def unit_order(name: str) -> tuple[bool, int]:
        return name in empty_units, _unit_rank(name)

    for name in names:
        field = _field_of(name)
        if field is None:
            continue
        if field not in taken or (field == "department" and unit_order(name) < unit_order(taken[field])):
            taken[field] = name
    return taken


UNIT_SAMPLE_ROWS = 2_000  # rows read to see which unit columns name units


def empty_unit_columns(path: Path, header: Header | None = None) -> frozenset[str]:
    """The unit columns (单位名称, 主管部门 …) of a table that name no unit in its first UNIT_SAMPLE_ROWS rows."""
    import csv

    header = header or _header_of(path)
    columns = {index: name for index, name in enumerate(header.names) if _field_of(name) == "department"}
    if not columns:
        return frozenset()
    named: set[str] = set()
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            wanted = list(dict.fromkeys(columns.values()))
            sample = next(pq.ParquetFile(path).iter_batches(batch_size=UNIT_SAMPLE_ROWS, columns=wanted), None)
            if sample is not None:
                frame = sample.to_pandas().astype(object).fillna("").astype(str)
                named = {name for name in frame.columns if (frame[name].str.strip() != "").any()}
        else:
            for cells in itertools.islice(_records_under_header(path, header), UNIT_SAMPLE_ROWS):
                named.update(name for index, name in columns.items() if index < len(cells) and cells[index].strip())
    except (OSError, csv.Error, ValueError):
        return frozenset()
    return frozenset(columns.values()) - named


def _unit_rank(name: str) -> int:
    """How specific a unit column's heading is: its place in headers.yaml's `department` list (单位名称
    first, 主管部门名称 last); the contract's own `department` before all."""
    from scorer.lexicons import table

    clean = name.strip()
    if clean == "department":
        return -1
    headings = table("headers")["fields"]["department"]
    return headings.index(clean) if clean in headings else len(headings)


def _field_of(name: str) -> str | None:
    """The rows-contract field a column heading names (its own name, or by lexicons/headers.yaml), or None."""
    from scorer.ingest.interpret import heading_field

    clean = name.strip()
    field = clean if clean in TABLE_FIELDS else heading_field(clean)
    return field if field in TABLE_FIELDS else None


def _encoding_of(path: Path) -> str:
    """utf8 (with or without BOM: Arrow's fast path), else GB18030 (what budget systems export) read with
    its damaged bytes replaced (GB18030_READ), else UTF-16 with a BOM."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # Excel's "Unicode text"; Python's decoder, through Arrow
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4 and not utf8_is_likelier(head):  # not a character cut by the sample's end
            return GB18030_READ
    return "utf8"  # UTF-8, damaged or not: read as UTF-8, its bad bytes are named


GB18030_READ = "zhibiao-gb18030"  # GB18030 whose damaged bytes read as U+FFFD, counted in _replaced
_replaced = [0]  # in this process: the bytes GB18030_READ replaced since the count was last read


def _count_replaced(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _replaced[0] += 1
    return "\ufffd", error.end


def _gb18030_replacing(name: str) -> codecs.CodecInfo | None:
    """The codec GB18030_READ: Arrow's transcoder asks Python for an incremental decoder by name and
    cannot pass it an error handler, so the handler is the decoder's default."""
    if name != GB18030_READ.replace("-", "_"):
        return None
    gb18030 = codecs.lookup("gb18030")

    class Decoder(gb18030.incrementaldecoder):  # type: ignore[name-defined]
        def __new__(cls, errors: str = "zhibiao-count-replaced"):  # the C decoder takes its handler here
            return super().__new__(cls, errors)

        def __init__(self, errors: str = "zhibiao-count-replaced") -> None:
            super().__init__(errors)

    return codecs.CodecInfo(
        gb18030.encode,
        gb18030.decode,
        incrementalencoder=gb18030.incrementalencoder,
        incrementaldecoder=Decoder,
        name=GB18030_READ,
    )


codecs.register_error("zhibiao-count-replaced", _count_replaced)
codecs.register(_gb18030_replacing)


def undecodable_bytes(path: Path) -> int:
    """The byte sequences of a CSV table that do not decode in the encoding it is read in (csv_encoding),
    each counted as the GB18030 reader of the local path counts them: for a reader that only replaces them
    (pandas, on Dask). Read in blocks, in flat memory."""
    decoder = codecs.getincrementaldecoder(csv_encoding(path))(errors="zhibiao-count-replaced")
    replaced_bytes()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            decoder.decode(block)
    decoder.decode(b"", final=True)
    return replaced_bytes()


def replaced_bytes() -> int:
    """The bytes replaced by U+FFFD while GB18030 tables were read in this process since the last call."""
    count, _replaced[0] = _replaced[0], 0
    return count


HEADER_SEARCH_ROWS = 10  # a title (某单位2024年项目绩效目标表), 单位：万元, 填报单位 … may stand above the header


def _columns_of(path: Path) -> list[str]:
    return _header_of(path).names


@dataclass(frozen=True)
class Header:
    """A rows table's header and what stands above it: `lines` for Arrow (physical lines, blank ones and
    the lines of a quoted title counted), `records` for pandas (CSV records, a blank line one). A header
    over two lines (a spreadsheet's merged headings: 绩效指标 over 一级/二级/三级指标) has its names merged
    (`two_lines`): they are given to the readers, and `body_lines` (physical lines down to its end) skipped."""

    names: list[str]
    lines: int = 0
    records: int = 0
    two_lines: bool = False
    body_lines: int = 0

    @property
    def body_records(self) -> int:
        """Records above the first row of the table."""
        return self.records + (2 if self.two_lines else 1)


def _header_of(path: Path) -> Header:
    """The header is the first record among the first HEADER_SEARCH_ROWS with the project, level3 and value
    headings (项目名称, 三级指标, 指标值 …), else the first with two headings, else the first with two filled
    cells (a line of notes 单位名称：,某局,预算数：,5000 has two headings); the records above it are a title,
    notes (单位：万元, 填报日期 …) or blank. A file whose first records cannot be read as CSV (an unclosed
    quote) has its first line for header, as before titles were looked for."""
    import csv

    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return Header(list(pq.ParquetFile(path).schema_arrow.names))
    with path.open("r", encoding=csv_encoding(path), errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        lines = records = 0
        headed: Header | None = None  # the first record of two headings
        filled: Header | None = None  # the first record of two filled cells
        above: tuple[list[str], int] | None = None  # the record before, and the lines above it
        try:
            for cells in itertools.islice(reader, HEADER_SEARCH_ROWS):
                names = _two_line_names(above[0], cells) if above else None
                if above and names and set(REQUIRED_COLUMNS) <= {_field_of(name) for name in names}:
                    return Header(names, above[1], records - 1, two_lines=True, body_lines=reader.line_num)
                above = (cells, lines)
                fields = {_field_of(cell) for cell in cells} - {None}
                if set(REQUIRED_COLUMNS) <= fields:
                    return Header(cells, lines, records)
                if headed is None and len(fields) >= 2:
                    headed = Header(cells, lines, records)
                if filled is None and sum(1 for cell in cells if cell.strip()) >= 2:
                    filled = Header(cells, lines, records)
                lines, records = reader.line_num, records + 1
        except csv.Error:
            pass
        found = headed or filled
        if found is not None:
            return found
        handle.seek(0)
        return Header(next(csv.reader([handle.readline()]), []))


def _two_line_names(upper: list[str], lower: list[str]) -> list[str] | None:
    """The column names of a header over two lines (scorer.ingest.interpret.second_header_line): a column
    is named below, else above; a column named on neither line gets its place (列3), a name taken twice a
    number, so that every column can be asked for by name. None when `lower` is not the header's second line."""
    from scorer.ingest.interpret import GROUP_FIELDS, heading_field, second_header_line

    upper_fields = [heading_field(cell) for cell in upper]
    if not second_header_line(upper_fields, [heading_field(cell) for cell in lower], lower):
        return None
    names: list[str] = []
    for index in range(max(len(upper), len(lower))):
        below = lower[index].strip() if index < len(lower) else ""
        over = upper[index].strip() if index < len(upper) and upper_fields[index] not in GROUP_FIELDS else ""
        name = below or over or f"列{index + 1}"
        names.append(name if name not in names else f"{name}#{index + 1}")
    return names


@dataclass(frozen=True)
class TableColumns:
    """What to read of one rows table: its columns by field (header_fields), the raw columns to read for the
    fields wanted, and whether its documents are its units (no source column, a department one)."""

    path: Path
    fields: dict[str, str]  # raw column name -> field
    read: list[str]  # raw column names to read, in the file's order
    wanted: list[str]  # fields to give, in this order
    unit_as_source: bool
    header: Header = field(default_factory=lambda: Header([]))  # and what stands above it

    def contract(self, frame: pd.DataFrame, unit_above: str = "") -> pd.DataFrame:
        """Raw columns read from the table -> the rows contract's columns (strings, in `wanted` order).
        A blank unit cell is of the unit named above it (a merged cell of a spreadsheet, saved as CSV:
        the unit named on its first row only), in this frame or before it (`unit_above`); rows above
        the first unit named are of the file's own."""
        frame = frame.rename(columns=self.fields)
        for column in frame.columns:  # a Parquet dictionary column, read as a category, takes no "" otherwise
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                frame[column] = frame[column].astype(object)
        frame = frame.fillna("").astype(str) if len(frame) else frame.astype(object)
        if "source" in self.wanted and "source" not in frame.columns:
            unit = frame.pop("department") if self.unit_as_source else pd.Series("", index=frame.index, dtype=object)
            unit = unit.where(unit.str.strip() != "").ffill()
            frame.insert(0, "source", unit.fillna(unit_above or self.path.name).astype(object))
        elif "source" in frame.columns:  # a row whose document is not named is of the file's own
            frame["source"] = frame["source"].where(frame["source"] != "", self.path.name)
        return frame[[c for c in self.wanted if c in frame.columns]]

    @property
    def output_columns(self) -> list[str]:
        given = set(self.fields.values()) | ({"source"} if "source" in self.wanted else set())
        return [c for c in self.wanted if c in given]


def table_columns(path: Path, columns: list[str] | None = None) -> TableColumns:
    """The columns of a rows table to read for `columns` (default INPUT_COLUMNS); BulkError when the table
    cannot be opened or lacks project, level3 or value (by any heading of the vocabulary)."""
    import pyarrow as pa

    try:
        header = _header_of(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise BulkError(_said("bulk.cannot_open", path=path, detail=_first_line(exc))) from exc
    names = header.names
    present = header_fields(names, empty_unit_columns(path, header))
    fields = set(present.values())
    missing = [c for c in REQUIRED_COLUMNS if c not in fields]
    if missing:
        raise BulkError(_said("bulk.lacks_columns", path=path, missing=", ".join(missing), names=", ".join(names)))
    wanted = list(columns or INPUT_COLUMNS)
    unit_as_source = "source" in wanted and "source" not in fields and "department" in fields
    needed = set(wanted) | ({"department"} if unit_as_source else set())
    read = [name for name, field in present.items() if field in needed]
    return TableColumns(path, {name: present[name] for name in read}, read, wanted, unit_as_source, header)


def read_batches(
    path: Path,
    chunk_rows: int = CHUNK_ROWS,
    columns: list[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Frames of about chunk_rows rows of strings (a missing cell is ""), columns named by the rows contract
    (header_fields), indexed by their row number in the table (0 = the first row under the header). With
    no `source` column, a row's document is its unit (the `department` column: 单位名称, 预算单位 …) when
    there is one, else the file's name."""
    import pyarrow as pa

    table = table_columns(path, columns)
    offset = 0
    unit_above = ""  # the last unit named in the frames before (TableColumns.contract)
    try:
        for batch in _arrow_batches(path, table.read, chunk_rows, table.header):
            frame = table.contract(pa.Table.from_batches([batch]).to_pandas(), unit_above)
            frame.index = pd.RangeIndex(offset, offset + len(frame))
            offset += len(frame)
            if table.unit_as_source and len(frame) and frame["source"].iloc[-1] != path.name:
                unit_above = frame["source"].iloc[-1]
            yield _without_blank_rows(frame)
    except (pa.ArrowException, OSError, UnicodeError) as exc:  # UnicodeError: Python's GB18030 decoder
        raise BulkError(_said("bulk.unreadable_after", path=path, row=offset, detail=_first_line(exc))) from exc


def _without_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that hold something: a line of commas (a spreadsheet's empty row, saved as CSV) is no
    indicator. The rows kept keep their numbers (the index)."""
    cells = [column for column in frame.columns if column != "source"]  # source is filled in for every row
    if not cells:
        return frame
    empty = np.ones(len(frame), dtype=bool)
    for column in cells:
        empty &= frame[column].to_numpy() == ""
        if not empty.any():
            return frame
    return frame[~empty]


def _said(key: str, **fields: object) -> str:
    from scorer.messages import text

    return text(key, **fields)


def csv_encoding(path: Path) -> str:
    """The encoding to read a rows-table CSV with, as Python names it."""
    encoding = _encoding_of(path)
    return "utf-8-sig" if encoding == "utf8" else "gb18030" if encoding == GB18030_READ else encoding


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _skip_blank_line(row) -> str:
    """A line of spaces holds no row (Arrow skips empty lines itself); any other line of too few or too many
    cells stops the reading of the table, with its place named."""
    return "skip" if row.text is not None and not row.text.strip() else "error"


def _arrow_batches(path: Path, columns: list[str], chunk_rows: int, header: Header | None = None):
    import pyarrow as pa

    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        yield from pq.ParquetFile(path).iter_batches(batch_size=chunk_rows, columns=columns)
        return
    import pyarrow.csv as pc

    reader = pc.open_csv(
        path,
        # 1 MB blocks, one thread: as fast here as larger blocks on threads, and the reader's memory
        # stays flat (with 4 MB blocks it grew with the file: 267 MB at 1M rows, 335 MB at 2M)
        read_options=pc.ReadOptions(
            block_size=1 << 20,
            use_threads=False,
            encoding=_encoding_of(path),
            **(
                {"skip_rows": header.body_lines, "column_names": header.names}
                if header and header.two_lines
                else {"skip_rows": header.lines if header else 0}
            ),
        ),
        parse_options=pc.ParseOptions(newlines_in_values=True, invalid_row_handler=_skip_blank_line),
        convert_options=pc.ConvertOptions(
            include_columns=columns,
            column_types={c: pa.string() for c in columns},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    pending: list = []
    size = 0
    try:
        for batch in reader:
            pending.append(batch)
            size += batch.num_rows
            if size >= chunk_rows:
                yield from pa.Table.from_batches(pending).combine_chunks().to_batches()
                pending, size = [], 0
    except Exception:  # a block that cannot be read: the rows read before it are still given, then the error
        if pending:
            yield from pa.Table.from_batches(pending).combine_chunks().to_batches()
        raise
    if pending:
        yield from pa.Table.from_batches(pending).combine_chunks().to_batches()


def document_chunks(frames: Iterable[pd.DataFrame], scattered: Callable[[str, int], None]) -> Iterator[pd.DataFrame]:
    """Regroups frames so that no document (`source`) is split across two: each frame yielded holds whole
    documents. A document whose rows are not together in the table is told to `scattered` (the document,
    the row where it is found again), once; read through grouped_batches, such a table has none."""
    closed: set[str] = set()
    pending: pd.DataFrame | None = None
    try:
        for frame in frames:
            if pending is not None and len(pending):
                frame = pd.concat([pending, frame])
            if frame.empty:
                continue
            sources = frame["source"].to_numpy()
            others = np.flatnonzero(sources != sources[-1])
            cut = int(others[-1]) + 1 if len(others) else 0
            complete, pending = frame.iloc[:cut], frame.iloc[cut:]
            if len(complete):
                _check_together(complete, closed, scattered)
                yield complete
    except _Scattered:
        raise
    except Exception:  # the table cannot be read further: its last document is scored as far as it was read
        if pending is not None and len(pending):
            _check_together(pending, closed, scattered)
            yield pending
        raise
    if pending is not None and len(pending):
        _check_together(pending, closed, scattered)
        yield pending


def _check_together(frame: pd.DataFrame, closed: set[str], scattered: Callable[[str, int], None]) -> None:
    """Tells `scattered` of each document of the frame found again after other documents' rows, in this
    frame or after an earlier one (`closed`: the documents of the earlier frames)."""
    sources = frame["source"].to_numpy()
    starts = np.flatnonzero(np.concatenate([[True], sources[1:] != sources[:-1]]))  # where each run of rows begins
    seen = set(closed)
    for start in starts.tolist():
        source = sources[start]
        if source in seen:
            scattered(source, int(frame.index[start]) + 1)
            closed.add(source)
        seen.add(source)
    closed.update(seen)


class _Scattered(Exception):
    def __init__(self, source: str, row: int):
        super().__init__(source, row)
        self.source, self.row = source, row


def _stop_at_scattered(source: str, row: int) -> None:
    raise _Scattered(source, row)


def first_scattered(path: Path, chunk_rows: int = CHUNK_ROWS) -> tuple[str, int] | None:
    """The first document of a rows table whose rows are not together (with the row where it is found
    again), reading its document column only; None when every document's rows are together."""
    try:
        for _ in document_chunks(read_batches(path, chunk_rows, columns=["source"]), _stop_at_scattered):
            pass
    except _Scattered as found:
        return found.source, found.row
    return None


GROUP_PART_BYTES = 256 << 20  # a scattered table is regrouped in parts of about this much of the file


def grouped_batches(path: Path, chunk_rows: int = CHUNK_ROWS, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
    """read_batches' frames of a table whose documents' rows are scattered, each document's rows brought
    together (documents in order of first appearance, rows in table order, each row keeping its number),
    so that document_chunks gives whole documents and the result does not depend on chunk_rows. Up to
    GROUP_PART_BYTES of file the rows are regrouped in memory; a larger table is first split by a hash of
    the document into parts of about that size (temporary Parquet files), so memory stays flat. Rows read
    before a part of the table that cannot be read are given, then the BulkError."""
    import math

    parts = max(1, math.ceil(path.stat().st_size / GROUP_PART_BYTES))
    failure: BulkError | None = None
    if parts == 1:
        frames: list[pd.DataFrame] = []
        try:
            for frame in read_batches(path, chunk_rows, columns):
                frames.append(frame)
        except BulkError as exc:
            failure = exc
        if frames:
            yield from _slices(_documents_together(pd.concat(frames)), chunk_rows)
        if failure is not None:
            raise failure
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory(prefix="zhibiao-groups-") as folder:
        writers: dict[int, pq.ParquetWriter] = {}
        try:
            for frame in read_batches(path, chunk_rows, columns):
                buckets = pd.util.hash_array(frame["source"].to_numpy(dtype=object)) % np.uint64(parts)
                for bucket in np.unique(buckets).tolist():
                    piece = frame[buckets == bucket]
                    table = pa.Table.from_pandas(piece.assign(_row=piece.index.to_numpy()), preserve_index=False)
                    if bucket not in writers:
                        writers[bucket] = pq.ParquetWriter(Path(folder) / f"{bucket}.parquet", table.schema)
                    writers[bucket].write_table(table)
        except BulkError as exc:
            failure = exc
        finally:
            for writer in writers.values():
                writer.close()
        for bucket in sorted(writers):
            frame = pd.read_parquet(Path(folder) / f"{bucket}.parquet")
            frame.index = pd.Index(frame.pop("_row").to_numpy())
            yield from _slices(_documents_together(frame), chunk_rows)
    if failure is not None:
        raise failure


def _documents_together(frame: pd.DataFrame) -> pd.DataFrame:
    codes, _ = pd.factorize(frame["source"].to_numpy())  # documents numbered in order of first appearance
    return frame.iloc[np.argsort(codes, kind="stable")]


def _slices(frame: pd.DataFrame, rows: int) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), rows):
        yield frame.iloc[start : start + rows]


# --- pass 1: template statistics ---------------------------------------------------------------------


def key_units(frame: pd.DataFrame) -> pd.DataFrame:
    """The distinct (key digest, source) pairs of a frame (columns source, level3, value)."""
    from scorer.duplicates import cached_row_key, key_hash

    if frame.empty:
        return pd.DataFrame({"key": pd.Series(dtype="uint64"), "source": pd.Series(dtype=object)})
    codes, uniques = pd.factorize(frame["level3"] + "\x1f" + frame["value"])
    digests = np.array([int(key_hash(cached_row_key(*pair.split("\x1f", 1))), 16) for pair in uniques], dtype=np.uint64)
    return pd.DataFrame({"key": digests[codes], "source": frame["source"].to_numpy()}).drop_duplicates()


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

    def collect(found: pd.DataFrame) -> None:
        key = found["key"].to_numpy(dtype=np.uint64)
        unit = pd.util.hash_array(found["source"].to_numpy(dtype=object))
        with np.errstate(over="ignore"):
            pair_digests.append(key ^ (unit * np.uint64(0x9E3779B97F4A7C15)))
        pair_keys.append(key)

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

    def count(path: Path, frames: Iterable[pd.DataFrame]) -> None:
        nonlocal rows
        try:
            for frame in document_chunks(frames, _stop_at_scattered):
                rows += len(frame)
                units.update(pd.unique(frame["source"].to_numpy()))
                if pool is None:
                    collect(key_units(frame))
                    continue
                in_pool(path, lambda: in_flight.append(pool.submit(_run_task, key_units, frame)))  # noqa: B023 (called at once)
                if len(in_flight) >= 4:
                    collect_next(path)
        except BulkError as exc:  # counted as far as it was read; the other tables still count
            if errors is None:
                raise
            errors.append(str(exc))
        finally:
            while in_flight:
                collect_next(path)

    columns = ["source", "level3", "value"]
    for path in paths:
        chunks_before, rows_before = len(pair_keys), rows
        try:
            count(path, read_batches(path, chunk_rows, columns))
        except _Scattered as found:  # a unit's pairs may be in two chunks: this table is counted again, grouped
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


def _score_chunk(
    chunk: pd.DataFrame,
    csv_out: bool,
    options: BulkOptions,
    number: int = -1,
    part: tuple[int, int] | None = None,
) -> tuple[object, pd.DataFrame, list[str], float, float]:
    """In a worker: score (the projects of `part` only, when given), then format the rows for the output
    (CSV text or an Arrow table)."""
    from scorer.messages import set_language

    set_language(options.language)
    _scoring(number)
    started = time.perf_counter()
    errors: list[str] = []
    with young_garbage_only():
        scored = score_frame(
            chunk.reset_index(drop=True),
            options.corpus_stats,
            options.select,
            options.ignore,
            options.use_model,
            options.model_path,
            errors=errors,
            row_numbers=(chunk.index + 1).tolist(),  # the table's own: blank rows are not in the chunk
            part=part,
        )
    scored_at = time.perf_counter()
    projects = projects_from_rows(scored)
    rows = typed_rows(scored[ROW_OUTPUT])
    payload = csv_bytes(rows) if csv_out else _arrow_table(rows)
    return payload, projects, errors, scored_at - started, time.perf_counter() - scored_at


def typed_rows(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.copy()
    rows["score"] = rows["score"].astype(float)
    rows["project_index"] = rows["project_index"].astype("int64")
    rows["row_index"] = rows["row_index"].astype("int64")
    for column in rows.columns:
        if column not in ("score", "project_index", "row_index"):
            rows[column] = rows[column].fillna("").astype(str)
    return rows


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """Rows as CSV lines (UTF-8, no header), formula cells neutralised. Arrow's writer: 7x pandas' to_csv;
    it quotes every text cell, which any CSV reader reads the same."""
    import io

    import pyarrow as pa
    import pyarrow.csv as pc

    from scorer.report.csv_writer import neutralise_frame

    buffer = io.BytesIO()
    table = pa.Table.from_pandas(neutralise_frame(rows), preserve_index=False)
    pc.write_csv(table, buffer, pc.WriteOptions(include_header=False))
    return buffer.getvalue()


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
    with stopped_by_signals(), ProjectSpool() as spool:
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
        if options.corpus_stats is None and wants_b201(options):
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
            for payload, projects, rule_errors, score_seconds, format_seconds in _scored_chunks(
                pool, readable, options, jobs, chunk_rows, output is None or not sink.parquet, report, scattered
            ):
                write_started = time.perf_counter()
                sink.write(payload)
                spool.add(projects)
                report.rule_errors.extend(rule_errors)
                count = int(projects["indicators"].sum())
                report.rows += count
                seconds = report.seconds
                seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - write_started
                seconds["score"] = seconds.get("score", 0.0) + score_seconds
                seconds["format"] = seconds.get("format", 0.0) + format_seconds
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
        try:
            if not any(len(frame) for frame in read_batches(path, 1000, columns=["source", "project", "level3", "value"])):
                report.errors.append(text("bulk.no_rows", path=path))
                continue
            readable.append(path)
        except BulkError as exc:
            report.errors.append(str(exc))
            continue
        header = _header_of(path)
        names, empty_units = header.names, empty_unit_columns(path, header)
        for name, taken, other in _repeated_fields(names, empty_units):
            report.warnings.append(text("bulk.repeated_column", path=path, field=name, taken=taken, other=other))
        present = header_fields(names, empty_units)
        fields = set(present.values())
        unit_named = any(field == "department" and name not in empty_units for name, field in present.items())
        if "source" not in fields and not unit_named:  # no unit column, or one that names no unit
            report.warnings.append(text("bulk.one_document", path=path, name=path.name))
    return readable


def _repeated_fields(names: list[str], empty_units: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(field, the column taken, another column of the same field) for each column header_fields leaves
    out as a repeat (two 指标值 columns, 指标值 and value …). A unit's department beside the unit (主管部门
    and 单位名称) is no repeat: two levels, the unit taken."""
    taken = _taken_columns(names, empty_units)
    seen: set[str] = set()
    repeated = []
    for name in names:  # by place, not by name: a header may hold the same name twice
        given = _field_of(name)
        if given is None:
            continue
        if name == taken[given] and given not in seen:
            seen.add(given)
            continue
        if given == "department" and _unit_rank(name) != _unit_rank(taken[given]):
            continue
        repeated.append((given, taken[given], name))
    return repeated


def wants_b201(options: BulkOptions) -> bool:
    from scorer.registry import matches

    return (not options.select or matches("B201", options.select)) and not (options.ignore and matches("B201", options.ignore))


def _scored_chunks(
    pool,
    paths: list[Path],
    options: BulkOptions,
    jobs: int,
    chunk_rows: int,
    csv_out: bool,
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
            try:
                for chunk in document_chunks(batches(path, chunk_rows), split):
                    report.seconds["read"] = report.seconds.get("read", 0.0) + time.perf_counter() - read_started
                    yield path, chunk
                    read_started = time.perf_counter()
            except BulkError as exc:
                report.errors.append(str(exc))
            replaced = replaced_bytes()
            if replaced:
                report.replaced_bytes += replaced
                report.warnings.append(_said("bulk.replaced_bytes", path=path, count=replaced, encoding="GB18030"))

    def chunks() -> Iterator[pd.DataFrame]:
        for _, chunk in chunks_with_paths():
            yield chunk

    if pool is None:
        for chunk in chunks():
            yield _score_chunk(chunk, csv_out, options)
        return
    from concurrent.futures.process import BrokenProcessPool

    in_flight: deque = deque()
    places: dict[int, str] = {}  # chunk number -> where it is in the input, for the one line if it fails

    def result():
        futures, number = in_flight.popleft()
        try:
            return merged_parts([pool.result(future) for future in futures])
        except BrokenProcessPool:
            raise _worker_died(pool, places, number) from None
        finally:
            places.pop(number, None)

    for number, (path, chunk) in enumerate(chunks_with_paths()):
        places[number] = _place(path, chunk)
        parts = document_parts(chunk, jobs) if len(chunk) > chunk_rows else [None]
        try:
            futures = [pool.submit(_run_task, _score_chunk, chunk, csv_out, options, number, part) for part in parts]
        except BrokenProcessPool:  # a worker died while this chunk was read
            raise _worker_died(pool, places, number) from None
        in_flight.append((futures, number))
        if sum(len(futures) for futures, _ in in_flight) >= 2 * jobs:
            yield result()
    while in_flight:
        yield result()


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
    if isinstance(payloads[0], bytes):
        payload: object = b"".join(payloads)
    else:
        import pyarrow as pa

        payload = pa.concat_tables(payloads)
    ranked = pd.concat(projects, ignore_index=True)
    if len(ranked):
        ranked["rank_in_document"] = ranked.groupby("source")["score"].rank(ascending=False, method="min").astype(int)
    said = list(dict.fromkeys(line for part in errors for line in part))
    return payload, ranked, said, sum(score_seconds), sum(format_seconds)


def _place(path: Path, chunk: pd.DataFrame) -> str:
    """A chunk's place in its table: file, rows (1-based, under the header) and documents."""
    from scorer.messages import text

    sources = pd.unique(chunk["source"].to_numpy())
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
            batches = pq.ParquetFile(self.path).iter_batches(batch_size=50_000) if self._writer else iter(())
            with _ProjectsOut(output) as out:
                for batch in batches:
                    frame = batch.to_pandas()
                    # rank "min": 1 + the number of projects that scored strictly higher
                    frame["rank"] = len(scores) - np.searchsorted(scores, frame["score"].to_numpy(), side="right") + 1
                    for letter, count in frame["grade"].value_counts().items():
                        grades[letter] = grades.get(letter, 0) + int(count)
                    out.write(frame)
            report.grades = dict(sorted(grades.items()))
        finally:
            self.path.unlink(missing_ok=True)


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
