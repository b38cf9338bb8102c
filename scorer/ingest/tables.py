"""Reading rows tables (CSV in UTF-8, GB18030 or UTF-16, or Parquet): which files are rows tables, their
header (titles above it, two lines, any headings of lexicons/headers.yaml), their columns by field, their
units as documents, and their rows as frames of whole documents, regrouped when a document's rows are
scattered. scorer.engines.bulk and scorer.engines.dask_engine stream them through this module; every other
path reads a table whole through scorer.ingest.rows.
"""

from __future__ import annotations

import codecs
import itertools
import re
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from scorer.ingest.decode import utf8_is_likelier
from scorer.text import INVISIBLE, without_invisible

if TYPE_CHECKING:
    from scorer.ingest.interpret import Closing

CHUNK_ROWS = 20_000
INPUT_COLUMNS = ["source", "project", "level1", "level2", "level3", "description", "value", "basis", "budget", "purpose", "goal"]
REQUIRED_COLUMNS = ("project", "level3", "value")
TABLE_FIELDS = (*INPUT_COLUMNS, "department")  # department: the unit, a document when there is no source
ROWS_TABLE_MIN_BYTES = 1 << 20  # about 10,000 rows: from this size a table headed 项目名称 … goes the bulk way


class BulkError(Exception):
    """A rows table that cannot be read (names the file and, where known, the place)."""


def is_rows_table(path: Path, min_bytes: int | None = None) -> bool:
    """A Parquet file, or a CSV whose header row names the rows contract's columns: by their contract names
    (what `zhibiao parse` writes), or by any heading of the one header vocabulary (项目名称, 三级指标, 指标值 …,
    see header_fields) when the file is at least min_bytes (default ROWS_TABLE_MIN_BYTES) or its unit column
    (单位名称 …) names several units: a small table of one unit with such headers is read as a document."""
    if path.suffix.lower() == ".parquet":
        return True
    names = _csv_header(path)
    if names is None:
        return False
    if set(REQUIRED_COLUMNS) <= {name.strip() for name in names} & set(TABLE_FIELDS):
        return True
    if _lacks_needed_columns(names):
        return True  # read the bulk way, which names the missing column; a document reader would guess
    fields = set(header_fields(names).values())
    large = path.stat().st_size >= (ROWS_TABLE_MIN_BYTES if min_bytes is None else min_bytes)
    if large and {"level3", "value"} <= fields and "project" not in fields:
        return True  # no one project's table is this large: the bulk way names the missing 项目名称 column
    if set(REQUIRED_COLUMNS) <= fields and not large and "department" in fields:
        return _names_several_units(path, names)  # an export of units: a document each, as when it is large
    return large and set(REQUIRED_COLUMNS) <= fields


def lacks_a_needed_column(path: Path) -> bool:
    """A CSV taken for a rows table only because its header names a project and more but lacks level3 or value
    (is_rows_table): beside documents, it is no reason to read the run the table way; read_one still reads it as
    a rows table, whose reader names the missing column."""
    names = _csv_header(path)
    return names is not None and _lacks_needed_columns(names)


def _csv_header(path: Path) -> list[str] | None:
    """The column names of a CSV file, None for any other file or one whose header cannot be read."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    try:
        return _columns_of(path)
    except (OSError, ValueError):
        return None


def _lacks_needed_columns(names: list[str]) -> bool:
    """A header naming a project and more but not level3 or value, by the contract's names or by the vocabulary's
    (项目名称 … 三级指标 with no 指标值: a document reader made the names into indicators)."""
    contract = {name.strip() for name in names} & set(TABLE_FIELDS)
    if set(REQUIRED_COLUMNS) <= contract:
        return False
    return _lacks_a_required_column(contract) or _lacks_a_required_column(set(header_fields(names).values()))


def names_every_column(path: Path) -> bool:
    """A CSV (or Parquet) whose header names a project, an indicator's name and its value (项目名称, 三级指标,
    指标值, by any heading of the vocabulary): a table of rows, however small. A project's form names its
    project above the table, not in a column."""
    if path.suffix.lower() == ".parquet":
        return True
    if path.suffix.lower() != ".csv":
        return False
    try:
        names = _columns_of(path)
    except (OSError, ValueError):
        return False
    return set(REQUIRED_COLUMNS) <= set(header_fields(names).values())


def _names_several_units(path: Path, names: list[str]) -> bool:
    """Whether the unit column (单位名称, 预算单位 …: the one header_fields takes, the document) of a
    CSV names two units or more, read as far as the second. A document reader would take the whole file for
    one unit's document."""
    import csv

    header = table_header(path)
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
    """A header naming a project column and two more of level1, level2, source, budget … (by the rows
    contract's own names, or headed in Chinese: 项目名称, 预算数（万元）, 一级指标 …) but for level3 or value,
    without which no row can be scored: the bulk reader names the missing column, where a document reader
    took each project's name for an indicator's and its budget for the value. One without a project column
    may be one project's own table, with the name above it."""
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
    return {name: field for name, field in zip(names, _column_fields(names), strict=True) if field and taken[field] == name}


def _taken_columns(names: list[str], empty_units: frozenset[str] = frozenset()) -> dict[str, str]:
    """Field -> the column header_fields takes for it. Of the unit columns, one with a unit named before
    one left blank (empty_units: 单位名称 there but empty, 主管部门 filled)."""
    taken: dict[str, str] = {}

    def unit_order(name: str) -> tuple[bool, int]:
        return name in empty_units, _unit_rank(name)

    for name, given in zip(names, _column_fields(names), strict=True):
        if given is None:
            continue
        if given not in taken or (given == "department" and unit_order(name) < unit_order(taken[given])):
            taken[given] = name
    return taken


UNIT_SAMPLE_ROWS = 2_000  # rows read to see which unit columns name units


def empty_unit_columns(path: Path, header: Header | None = None) -> frozenset[str]:
    """The unit columns (单位名称, 主管部门 …) of a table that name no unit in its first UNIT_SAMPLE_ROWS rows."""
    import csv

    header = header or table_header(path)
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
    field = _heading_of(name)
    return field if field in TABLE_FIELDS else None


def _heading_of(name: str) -> str | None:
    from scorer.ingest.interpret import heading_field

    clean = TWICE_NAMED.sub("", name.strip())  # 指标值（第7列）: a heading given twice in a header of two lines
    return clean if clean in TABLE_FIELDS else heading_field(clean)


TWICE_NAMED = re.compile(r"（第\d+列）$")


def _column_fields(names: list[str]) -> list[str | None]:
    """The field of each column of a header, a column standing in for 三级指标 when no heading names it
    (scorer.ingest.interpret.with_name_column: 指标内容, or 绩效指标 beside a level and a value column)."""
    from scorer.ingest.interpret import with_name_column

    return [field if field in TABLE_FIELDS else None for field in with_name_column([_heading_of(name) for name in names])]


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
    return table_header(path).names


@dataclass(frozen=True)
class Header:
    """A rows table's header and what stands above it: `lines` for Arrow (physical lines, blank ones and
    the lines of a quoted title counted), `records` for pandas (CSV records, a blank line one). A header
    over two lines (a spreadsheet's merged headings: 绩效指标 over 一级/二级/三级指标) has its names merged
    (`two_lines`): they are given to the readers, which skip `body_lines` (physical lines) or `body_records`
    down to the first row."""

    names: list[str]
    lines: int = 0
    records: int = 0
    two_lines: bool = False
    body_lines: int = 0
    second_records: int = 0  # of a header over two lines: the records above the first row

    @property
    def body_records(self) -> int:
        """Records above the first row of the table."""
        return self.second_records if self.two_lines else self.records + 1


def table_header(path: Path) -> Header:
    """The header is found among the first HEADER_SEARCH_ROWS records: the first record with the project,
    level3 and value headings (项目名称, 三级指标, 指标值 …; a column may stand in for 三级指标: 指标内容),
    with the records after it (blank lines aside) that are its further lines (a spreadsheet's merged
    headings), or the first records that make one so; else the first record with two headings, else
    the first with two filled cells (a line of notes 单位名称：,某局,预算数：,5000 has two headings). The
    records above it are a title, notes (单位：万元, 填报日期 …) or blank. A file whose first records cannot be
    read as CSV (an unclosed quote) has its first line for header, as before titles were looked for."""
    import csv

    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return Header(list(pq.ParquetFile(path).schema_arrow.names))
    with path.open("r", encoding=csv_encoding(path), errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        lines = records = 0
        complete: Header | None = None  # a record with the three: the header, unless the next is its second line
        headed: Header | None = None  # the first record of two headings
        filled: Header | None = None  # the first record of two filled cells
        above: Header | None = None  # the last record that held something
        try:
            for cells in itertools.islice(reader, HEADER_SEARCH_ROWS):
                if not any(cell.strip() for cell in cells):  # a blank line, or a line of commas
                    lines, records = reader.line_num, records + 1
                    continue
                names = _two_line_names(above.names, cells) if above else None
                if above and names and set(REQUIRED_COLUMNS) <= set(_column_fields(names)):  # a line more of it
                    complete = above = Header(names, above.lines, above.records, True, reader.line_num, records + 1)
                    lines, records = reader.line_num, records + 1
                    continue
                if complete is not None:
                    return complete
                above = Header(cells, lines, records)
                fields = set(_column_fields(cells)) - {None}
                if set(REQUIRED_COLUMNS) <= fields:
                    complete = above
                if headed is None and len(fields) >= 2:
                    headed = above
                if filled is None and sum(1 for cell in cells if cell.strip()) >= 2:
                    filled = above
                lines, records = reader.line_num, records + 1
        except csv.Error:
            pass
        found = complete or headed or filled
        if found is not None:
            return found
        handle.seek(0)
        return Header(next(csv.reader([handle.readline()]), []))


def _two_line_names(upper: list[str], lower: list[str]) -> list[str] | None:
    """The column names of a header over two lines (scorer.ingest.interpret.second_header_line): a column
    is named below, else above; a column named on neither line gets its place (列3), a name taken twice its
    place too (指标值（第7列）), so that every column can be asked for by name. None when `lower` is not the
    header's second line."""
    from scorer.ingest.interpret import GROUP_FIELDS, heading_field, second_header_line

    upper_fields = [heading_field(cell) for cell in upper]
    if not second_header_line(upper_fields, [heading_field(cell) for cell in lower], lower):
        return None
    names: list[str] = []
    for index in range(max(len(upper), len(lower))):
        below = lower[index].strip() if index < len(lower) else ""
        over = upper[index].strip() if index < len(upper) and upper_fields[index] not in GROUP_FIELDS else ""
        name = below or over or f"列{index + 1}"
        names.append(name if name not in names else f"{name}（第{index + 1}列）")
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
        if "source" in frame.columns and len(frame):  # 某县司法局\u200b is the unit of the rows above it
            marked = frame["source"].str.contains(f"[{INVISIBLE}]", regex=True).to_numpy(dtype=bool)
            if marked.any():
                frame.loc[marked, "source"] = frame.loc[marked, "source"].map(without_invisible)
        unit = self.budget_unit
        if unit and "budget" in frame.columns and len(frame):  # 预算数（元） | 80000 is 8 万元: the figure takes its unit
            bare = frame["budget"].str.fullmatch(r"\s*-?\d[\d,]*(?:\.\d+)?\s*")
            frame.loc[bare, "budget"] = frame.loc[bare, "budget"].str.strip() + unit
        return frame[[c for c in self.wanted if c in frame.columns]]

    @property
    def budget_unit(self) -> str:
        """The unit of money the budget column's heading glosses when it is not 万元 (预算数（元）: 元), else ""."""
        heading = next((name for name, field in self.fields.items() if field == "budget"), "")
        from scorer.values import glossed_money_unit

        unit = glossed_money_unit(heading)
        return "" if unit == "万元" else unit

    def unit_cells(self, frame: pd.DataFrame) -> np.ndarray | None:
        """Each row's own unit cell of raw columns read from the table ("" where blank, not the unit above it),
        where the unit is the document; else None."""
        if not self.unit_as_source:
            return None
        unit = frame.rename(columns=self.fields)["department"].astype(object).fillna("").astype(str)
        return unit.str.strip().to_numpy(dtype=object)

    @property
    def rows_above(self) -> int:
        """The spreadsheet rows above the table's first row (its header, and a title or notes above it): a row's
        number in the reviewer's words is its position under the header plus these, the row a spreadsheet
        shows it on (line 4 of a CSV headed on line 1 is 第4行). None stand above a Parquet file's rows."""
        return 0 if self.path.suffix.lower() == ".parquet" else self.header.body_records

    @property
    def output_columns(self) -> list[str]:
        given = set(self.fields.values()) | ({"source"} if "source" in self.wanted else set())
        return [c for c in self.wanted if c in given]


def _column_names(fields: list[str]) -> str:
    """Rows-contract fields as a reviewer knows the columns: the first heading of lexicons/headers.yaml with
    the contract's name (指标值（value）; under --lang en, value (指标值))."""
    from scorer.lexicons import table
    from scorer.messages import language, text

    headings = table("headers")["fields"]
    pattern = "{heading}（{field}）" if language() == "zh" else "{field} ({heading})"
    return text("list.comma").join(pattern.format(heading=headings[field][0], field=field) for field in fields)


def _column_synonyms(fields: list[str], shown: int = 6) -> str:
    """A few headings read as each field, said in the message (a user installed from a wheel has no lexicons/ to open):
    指标值、目标值、年度指标值 …"""
    from scorer.lexicons import table
    from scorer.messages import text

    headings = table("headers")["fields"]
    return text("list.semicolon").join(
        text("list.comma").join(headings[field][:shown]) + ("…" if len(headings[field]) > shown else "") for field in fields
    )


def table_columns(path: Path, columns: list[str] | None = None) -> TableColumns:
    """The columns of a rows table to read for `columns` (default INPUT_COLUMNS); BulkError when the table
    cannot be opened or lacks project, level3 or value (by any heading of the vocabulary)."""
    import pyarrow as pa

    try:
        header = table_header(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise BulkError(_said("bulk.cannot_open", path=path, detail=_first_line(exc))) from exc
    names = header.names
    present = header_fields(names, empty_unit_columns(path, header))
    fields = set(present.values())
    missing = [c for c in REQUIRED_COLUMNS if c not in fields]
    if missing:
        synonyms = _column_synonyms(missing)
        raise BulkError(
            _said("bulk.lacks_columns", path=path, missing=_column_names(missing), names=", ".join(names), synonyms=synonyms)
        )
    wanted = list(columns or INPUT_COLUMNS)
    unit_as_source = "source" in wanted and "source" not in fields and "department" in fields
    needed = set(wanted) | ({"department"} if unit_as_source else set())
    read = [name for name, field in present.items() if field in needed]
    return TableColumns(path, {name: present[name] for name in read}, read, wanted, unit_as_source, header)


# Why a row of a rows table that holds something is no indicator, as a document's reader says it (Skip.reason)
CLOSING_ROW = "表尾的合计、说明或签名行"
NO_NAME_NOR_VALUE = "既无指标名称也无指标值的行"

LeftOut = Callable[[pd.DataFrame, str], None]  # (rows left out, with their numbers as index; the reason)


def read_batches(
    path: Path,
    chunk_rows: int = CHUNK_ROWS,
    columns: list[str] | None = None,
    left_out: LeftOut | None = None,
) -> Generator[pd.DataFrame, None, None]:
    """Frames of about chunk_rows rows of strings (a missing cell is ""), columns named by the rows contract
    (header_fields), indexed by their row in the file less one (TableColumns.rows_above: the first row under
    a header on line 1 is 1, so that index + 1 is the row a spreadsheet shows it on). With
    no `source` column, a row's document is its unit (the `department` column: 单位名称, 预算单位 …) when
    there is one, else the file's name. Rows that are no indicator are left out and told to `left_out`
    (_indicator_rows)."""
    import pyarrow as pa

    table = table_columns(path, columns)
    offset = table.rows_above
    unit_above = ""  # the last unit named in the frames before (TableColumns.contract)
    try:
        for batch in _arrow_batches(path, table.read, chunk_rows, table.header):
            raw = pa.Table.from_batches([batch]).to_pandas()
            units = table.unit_cells(raw)
            frame = table.contract(raw, unit_above)
            frame.index = pd.RangeIndex(offset, offset + len(frame))
            offset += len(frame)
            if table.unit_as_source and len(frame) and frame["source"].iloc[-1] != path.name:
                unit_above = frame["source"].iloc[-1]
            yield _indicator_rows(frame, left_out, units)
    except (pa.ArrowException, OSError, UnicodeError) as exc:  # UnicodeError: Python's GB18030 decoder
        raise BulkError(_said("bulk.unreadable_after", path=path, row=offset, detail=_read_error(exc))) from exc


_WRONG_WIDTH = re.compile(r"CSV parse error: Row #(\d+): Expected (\d+) columns, got (\d+): (.*)")


def _read_error(exc: Exception) -> str:
    """The reader's error in the reviewer's words where it is a common one (a line of more or fewer cells
    than the header), else its first line as the library says it."""
    detail = _first_line(exc)
    wrong = _WRONG_WIDTH.match(detail)
    if wrong:
        line, header, got, text = wrong.groups()
        return _said("bulk.wrong_width", line=line, got=got, header=header, text=text[:80])
    return detail


def _indicator_rows(frame: pd.DataFrame, left_out: LeftOut | None = None, units: np.ndarray | None = None) -> pd.DataFrame:
    """The rows that hold an indicator, and a project's heading line (its budget and goal are the project's).
    A line of commas (a spreadsheet's empty row, saved as CSV) holds nothing and goes unsaid; a total, a note
    or a sign-off (合计, 注：…, 填表人：张三), or a row with neither an indicator's name nor a value, is told to
    `left_out`, as a document's reader lists it under 未采用的内容. The rows kept keep their numbers (the
    index). `units`: each row's own unit cell (TableColumns.unit_cells)."""
    closing, unnamed, dropped = not_indicator_rows(frame, units)
    if left_out is not None:
        for rows, reason in ((closing, CLOSING_ROW), (unnamed, NO_NAME_NOR_VALUE)):
            if rows.any():
                left_out(frame[rows], reason)
    return frame[~dropped] if dropped.any() else frame


def not_indicator_rows(frame: pd.DataFrame, units: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(closing, unnamed, dropped): which rows of a contracted frame are a total, a note or a sign-off
    (closing_rows); which hold something but neither an indicator's name nor a value (unnamed_rows); and
    which are taken out of the table: those, and blank lines, but for a project's heading line (a project
    named, with its budget or goal), which scorer.api.documents_from_frame reads for its project's facts
    and makes no indicator of."""
    closing = closing_rows(frame, units)
    blank = blank_rows(frame) & ~closing
    unnamed = unnamed_rows(frame) & ~blank & ~closing
    named = (frame["project"] != "").to_numpy(dtype=bool) if "project" in frame.columns else np.zeros(len(frame), dtype=bool)
    heading = unnamed & named
    return closing, unnamed, blank | closing | (unnamed & ~heading)


def unnamed_rows(frame: pd.DataFrame) -> np.ndarray:
    """Which rows of a contracted frame have neither an indicator's name (level3) nor a value nor a
    description: no indicator is there to score (LABELING.md: an empty slot with no name is not a row)."""
    if "level3" not in frame.columns or "value" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    empty = (frame["level3"] == "").to_numpy(dtype=bool) & (frame["value"] == "").to_numpy(dtype=bool)
    if "description" in frame.columns:
        empty &= (frame["description"] == "").to_numpy(dtype=bool)
    return empty


def closing_rows(frame: pd.DataFrame, units: np.ndarray | None = None) -> np.ndarray:
    """Which rows of a contracted frame are a total, a note or a sign-off and no indicator, judged as a
    document's table judges them (scorer.ingest.interpret.is_closing_row, on the row's first filled cell of
    project, level1, level2, level3): 合计 | 30 and 填表人：张三 are, 合计 | ≤70万元 in a cost block is not.
    A filled project cell decides alone, so each project name is judged once: a whole label closes (a project
    named 合计 is no project); a self-evaluation section's opening (偏差大或…, 存在的问题…) closes unless a row
    of that name in its document states a target (存在的问题整改专项 | 问题整改数 | ≥3项). So is a unit cell of the row's
    own (`units`: 单位负责人：王强 in the unit column). Only rows with no project are looked at one by one, and
    a total named by its sum word and its noun without a target (合计人数 | 1200) closes there too, as in a
    document's table (scorer.ingest.interpret.total_without_target)."""
    from scorer.ingest.interpret import is_closing_row, states_target, total_without_target

    found = np.zeros(len(frame), dtype=bool)
    cells = [column for column in ("project", "level1", "level2", "level3") if column in frame.columns]
    if "value" not in frame.columns or not cells or not len(frame):
        return found
    if units is not None:
        closing_units = [unit for unit in pd.unique(units) if unit and _cell_closing(unit)]
        if closing_units:
            found |= np.isin(units, closing_units)
    unnamed = np.ones(len(frame), dtype=bool)
    if "project" in frame.columns:
        project = frame["project"]
        closing = {name: found_closing for name in project.unique() if name and (found_closing := _cell_closing(name))}
        whole = [name for name, label in closing.items() if not label.opening]
        if whole:
            found |= project.isin(whole).to_numpy(dtype=bool)
        # 偏差大或…, 存在的问题…: a section, unless a row of that name in its document states a target
        # (存在的问题整改专项 | 问题整改数 | ≥3项: its heading line is a project's too)
        openings = [name for name, label in closing.items() if label.opening]
        if openings:
            opened = np.flatnonzero(project.isin(openings).to_numpy(dtype=bool))
            sources = frame["source"].iloc[opened] if "source" in frame.columns else [""] * len(opened)
            keys = list(zip(sources, project.iloc[opened], strict=True))
            targets = {key for key, value in zip(keys, frame["value"].iloc[opened], strict=True) if states_target(value)}
            found[opened] = [key not in targets for key in keys]
        unnamed = (project == "").to_numpy(dtype=bool)
    unnamed = unnamed & ~found
    if unnamed.any():
        rest = frame.loc[unnamed, [*cells, "value"]]
        for position, row in zip(np.flatnonzero(unnamed), rest.itertuples(index=False), strict=True):
            first = next((cell for cell in row[:-1] if cell.strip()), None)
            found[position] = first is not None and (
                is_closing_row(first, row[-1]) is not None or total_without_target(first, row[-1])  # 合计人数 | 1200
            )
    return found


@lru_cache(maxsize=1 << 16)
def _cell_closing(cell: str) -> Closing | None:
    """The closing label a project's or a unit's cell opens with (合计, 填表人：张三, 偏差大或…), whatever the row's
    value; an opening (Closing.opening) closes unless its rows state a target (closing_rows)."""
    from scorer.ingest.interpret import is_closing_row

    return is_closing_row(cell.strip(), "", names_project=True)


def blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Which rows of a contracted frame hold nothing but their document (source is filled in for every row)."""
    cells = [column for column in frame.columns if column != "source"]
    empty = np.zeros(len(frame), dtype=bool) if not cells else np.ones(len(frame), dtype=bool)
    for column in cells:  # compared as the frame holds them (Arrow strings): no Python string made a cell
        empty &= (frame[column] == "").to_numpy(dtype=bool)
        if not empty.any():
            break
    return empty


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
    parts: list[pd.DataFrame] = []  # the rows read of the last document, not yet known to be complete

    def pending() -> pd.DataFrame:
        """The parts put together, once, when complete: a document of many frames is not copied again with
        each frame read (that was quadratic in a one-document table)."""
        return parts[0] if len(parts) == 1 else pd.concat(parts)

    try:
        for frame in frames:
            if frame.empty:
                continue
            sources = frame["source"]
            last = sources.iat[-1]
            others = np.flatnonzero((sources != last).to_numpy(dtype=bool))
            if len(others):  # the frame ends the pending document, and any before its last
                cut = int(others[-1]) + 1
                complete = pd.concat([*parts, frame.iloc[:cut]]) if parts else frame.iloc[:cut]
                parts = [frame.iloc[cut:]]
            elif parts and parts[-1]["source"].iat[-1] != last:  # the frame is all of a new document
                complete, parts = pending(), [frame]
            else:
                parts.append(frame)
                continue
            _check_together(complete, closed, scattered)
            yield complete
    except ScatteredDocuments:
        raise
    except Exception:  # the table cannot be read further: its last document is scored as far as it was read
        if parts:
            complete, parts = pending(), []
            _check_together(complete, closed, scattered)
            yield complete
        raise
    if parts:
        complete = pending()
        _check_together(complete, closed, scattered)
        yield complete


def _check_together(frame: pd.DataFrame, closed: set[str], scattered: Callable[[str, int], None]) -> None:
    """Tells `scattered` of each document of the frame found again after other documents' rows, in this
    frame or after an earlier one (`closed`: the documents of the earlier frames)."""
    codes, sources = pd.factorize(frame["source"])
    starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))  # where each run of rows begins
    seen = set(closed)
    for start in starts.tolist():
        source = sources[codes[start]]
        if source in seen:
            scattered(source, int(frame.index[start]) + 1)
            closed.add(source)
        seen.add(source)
    closed.update(seen)


class ScatteredDocuments(Exception):
    def __init__(self, source: str, row: int):
        super().__init__(source, row)
        self.source, self.row = source, row


def stop_at_scattered(source: str, row: int) -> None:
    raise ScatteredDocuments(source, row)


def first_scattered(path: Path, chunk_rows: int = CHUNK_ROWS) -> tuple[str, int] | None:
    """The first document of a rows table whose rows are not together (with the row where it is found
    again), reading its document column only; None when every document's rows are together."""
    try:
        for _ in document_chunks(read_batches(path, chunk_rows, columns=["source"]), stop_at_scattered):
            pass
    except ScatteredDocuments as found:
        return found.source, found.row
    return None


GROUP_PART_BYTES = 256 << 20  # a scattered table is regrouped in parts of about this much of the file


def grouped_batches(
    path: Path, chunk_rows: int = CHUNK_ROWS, columns: list[str] | None = None, left_out: LeftOut | None = None
) -> Generator[pd.DataFrame, None, None]:
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
            for frame in read_batches(path, chunk_rows, columns, left_out):
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
            for frame in read_batches(path, chunk_rows, columns, left_out):
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


def column_warnings(path: Path) -> list[str]:
    """What a reviewer should know of a table's columns before its rows are scored: two columns of one
    field (the first is read), and no unit column naming units (the file is then one document)."""
    header = table_header(path)
    names, empty_units = header.names, empty_unit_columns(path, header)
    warnings = [
        _said("bulk.repeated_column", path=path, field=name, taken=taken, other=other)
        for name, taken, other in _repeated_fields(names, empty_units)
    ]
    present = header_fields(names, empty_units)
    fields = set(present.values())
    unit_named = any(field == "department" and name not in empty_units for name, field in present.items())
    if "source" not in fields and not unit_named:  # no unit column, or one that names no unit
        warnings.append(_said("bulk.one_document", path=path, name=path.name))
    return warnings


def _repeated_fields(names: list[str], empty_units: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(field, the column taken, another column of the same field) for each column header_fields leaves
    out as a repeat (two 指标值 columns, 指标值 and value …). A unit's department beside the unit (主管部门
    and 单位名称) is no repeat: two levels, the unit taken."""
    taken = _taken_columns(names, empty_units)
    seen: set[str] = set()
    repeated = []
    for name, given in zip(names, _column_fields(names), strict=True):  # by place: a name may be there twice
        if given is None:
            continue
        if name == taken[given] and given not in seen:
            seen.add(given)
            continue
        if given == "department" and _unit_rank(name) != _unit_rank(taken[given]):
            continue
        repeated.append((given, taken[given], name))
    return repeated
