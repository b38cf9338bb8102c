"""Word (.docx), spreadsheet (.xlsx/.xls/.csv) and PDF files -> blocks."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from pathlib import Path

from scorer.ingest.blocks import Block, Paragraph, Row
from scorer.ingest.decode import decode_bytes
from scorer.ingest.text_export import form_above, names_rows, placed_under


def docx_to_blocks(path: Path) -> list[Block]:
    """Paragraphs and table rows in body order. Horizontally merged cells appear once; nested tables
    follow the row that holds them."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    counter = [0]

    def table_rows(tbl: Table) -> None:
        counter[0] += 1
        index = counter[0]
        for row_number, row in enumerate(tbl.rows, start=1):
            cells: list[str] = []
            nested: list[Table] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append("\n".join(p.text for p in cell.paragraphs).strip())
                nested.extend(cell.tables)
            blocks.append(Row(cells=cells, table=index, row=row_number))
            for inner in nested:
                table_rows(inner)

    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip():
                blocks.append(Paragraph(item.text.strip()))
        elif isinstance(item, Table):
            table_rows(item)
    return blocks


def xlsx_to_blocks(path: Path) -> list[Block]:
    """Every sheet's rows; a sheet starts with a paragraph naming it, so one-project-per-sheet files
    get the sheet name as a fallback project name."""
    import openpyxl

    handle = path.open("rb")  # a handle, not the name: openpyxl refuses a workbook named other than .xlsx
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except BaseException:
        handle.close()
        raise
    blocks: list[Block] = []
    try:
        for sheet in workbook.worksheets:
            first = True
            for row_number, row in enumerate(sheet.iter_rows(), start=1):
                cells = [  # a number's format is looked up only for numbers: most cells are text
                    _cell_text(cell.value) if not isinstance(cell.value, (int, float)) else _formatted_cell_text(cell)
                    for cell in row
                ]
                if first:
                    blocks.append(Row(cells=[f"{sheet.title}绩效目标表"], sheet=sheet.title, row=0, extra={"sheet_title": True}))
                    first = False
                blocks.append(Row(cells=cells, sheet=sheet.title, row=row_number))
    finally:
        workbook.close()
        handle.close()
    return blocks


def xls_to_blocks(path: Path) -> list[Block]:
    import xlrd

    book = xlrd.open_workbook(str(path), logfile=io.StringIO())  # its notes on odd files went to stdout
    blocks: list[Block] = []
    for sheet in book.sheets():
        blocks.append(Row(cells=[f"{sheet.name}绩效目标表"], sheet=sheet.name, row=0, extra={"sheet_title": True}))
        for row_number in range(sheet.nrows):
            cells = [_cell_text(v) for v in sheet.row_values(row_number)]
            blocks.append(Row(cells=cells, sheet=sheet.name, row=row_number + 1))
    return blocks


CSV_DELIMITERS = (",", "\t", ";", "|")
DELIMITER_SAMPLE_RECORDS = 2_000  # records read under each delimiter to choose one
HEADING_SEARCH_RECORDS = 50  # a table's header is near its top
MIN_TABLE_SHARE = 0.3  # of the records: the table's rows, the rest titles, notes and blank lines


def csv_to_blocks(data: bytes, source: str, warnings: list[str] | None = None) -> list[Block]:
    text = decode_bytes(data, source, warnings)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # a cell may be as long as the file
    reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(text), strict=False)
    return [Row(cells=[c.strip() for c in cells], row=n, line=reader.line_num) for n, cells in enumerate(reader, 1)]


def csv_delimiter(text: str) -> str:
    """The delimiter (of CSV_DELIMITERS) that reads the text as the widest table: first one under which a
    record of the first HEADING_SEARCH_RECORDS holds two known headings (三级指标, 指标值 …), then the most
    fields, in at least two records and in at least MIN_TABLE_SHARE of all; quoting as every spreadsheet
    writes it ("…", "" for a quote). csv.Sniffer guessed from the first 4 KB, which one long cell fills: it
    then took tabs or bars inside the cell for the delimiter, or a wrong quoting, and misread every later
    row. Headings first: amounts written 1,250,000 put more commas than tabs in a tab-separated row."""
    from scorer.ingest.interpret import heading_field

    best, best_fit = ",", (False, False, 0, 0.0)
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
        records = list(itertools.islice(reader, DELIMITER_SAMPLE_RECORDS))
        widths = Counter(len(cells) for cells in records if cells)
        table = [(count, width) for width, count in widths.items() if width >= 2 and count >= 2]
        if not table:
            continue
        headed = any(
            sum(1 for cell in cells if heading_field(cell)) >= 2 for cells in records[:HEADING_SEARCH_RECORDS] if len(cells) >= 2
        )
        count, width = max(table)
        share = count / sum(widths.values())
        fit = (headed, True, width, share) if share >= MIN_TABLE_SHARE else (headed, False, 0, share)
        if fit > best_fit:
            best, best_fit = delimiter, fit
    return best


def is_headed_table(text: str) -> bool:
    """Whether text is a delimited table with a header row of known headings (a CSV saved under another
    name): under its delimiter, a record near the top holds two headings (三级指标, 指标值 …)."""
    from scorer.ingest.interpret import heading_field

    reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(text), strict=False)
    records = itertools.islice(reader, HEADING_SEARCH_RECORDS)
    return any(len(cells) >= 2 and sum(1 for cell in cells if heading_field(cell)) >= 2 for cells in records)


def pdf_to_blocks(path: Path) -> list[Block]:
    """Text tables with pdfplumber: per page, the tables and the text lines outside them, top to bottom."""
    import pdfplumber

    blocks: list[Block] = []
    table_index = 0
    unruled = _UnruledTable()
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            items: list[tuple[float, list[Block]]] = []
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            for tbl in found:
                table_index += 1
                rows: list[Block] = []
                for row_number, row in enumerate(tbl.extract(), start=1):
                    cells = [(c or "").replace("\n", "").strip() for c in row]
                    rows.append(Row(cells=cells, table=table_index, row=row_number, line=page.page_number))
                items.append((tbl.bbox[1], rows))
            for line in page.extract_text_lines():
                top, x0 = line["top"], line["x0"]
                inside = any(b[0] - 1 <= x0 <= b[2] + 1 and b[1] - 1 <= top <= b[3] + 1 for b in boxes)
                if not inside and line["text"].strip():
                    items.append((top, [unruled.block(line, page.page_number)]))
            for _, group in sorted(items, key=lambda item: item[0]):
                blocks.extend(group)
    return blocks


PDF_COLUMN_SLACK = 3.0  # points: a cell starting this little left of its heading is still under it


class _UnruledTable:
    """A PDF's text lines outside any ruled table, read in order: a paragraph each, or the rows of a table naming each
    row's project set out without ruling lines (a header such as 项目名称  预算金额  三级指标  指标值, the cells of
    each line under it placed in the column they start in). A form written above such a table (a line opening with
    one of its labels: text_export.form_above) keeps the lines read as before."""

    def __init__(self) -> None:
        self.columns: list[float] = []  # where the last such header's cells start
        self.form_above = False

    def block(self, line: dict, page_number: int) -> Block:
        cells = _pdf_cells(line.get("chars", []))
        texts = [text for _, text in cells]
        if names_rows(texts) and not self.form_above:
            self.columns = [start for start, _ in cells]
            return Row(cells=texts, line=page_number)
        self.form_above = self.form_above or form_above([line["text"]])
        if self.columns and len(cells) >= 2:
            return Row(cells=placed_under(cells, self.columns, PDF_COLUMN_SLACK), line=page_number)
        return Paragraph(line["text"].strip(), page_number)


def _pdf_cells(chars: list[dict]) -> list[tuple[float, str]]:
    """The cells of a PDF text line, each with where it starts: characters apart by a gap of about a character's
    size or more are in two cells (a space between words is narrower)."""
    cells: list[tuple[float, str]] = []
    start, text, end = 0.0, "", None
    for char in chars:
        if not char["text"].strip():
            continue
        if end is not None and char["x0"] - end >= 0.9 * float(char.get("size") or 10):
            cells.append((start, text))
            text = ""
        if not text:
            start = float(char["x0"])
        gap = "" if end is None or char["x0"] - end < 0.2 * float(char.get("size") or 10) else " "
        text = f"{text}{gap if text else ''}{char['text']}"
        end = float(char["x1"])
    if text:
        cells.append((start, text))
    return cells


def _formatted_cell_text(cell) -> str:
    """A workbook's number as the reader sees it: formatted as a percentage (0%, 0.0%), it is written so (1 -> 100%,
    0.955 -> 95.5%), not as the fraction the file stores; any other as _cell_text."""
    value, number_format = cell.value, getattr(cell, "number_format", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and number_format and _percent_format(number_format):
        decimals = len(number_format.split("%")[0].partition(".")[2].rstrip("_ )"))
        return f"{value * 100:.{decimals}f}%"
    return _cell_text(value)


def _percent_format(number_format: str) -> bool:
    """A format that shows a number times 100 with a % (0%, 0.0%): one section, its % neither quoted (0"%") nor escaped
    (0\\%), which show the number as stored. A format of several sections or with a condition ([>=1]0%;0.0%) is not
    read: the cell keeps the number stored."""
    if ";" in number_format or "[" in number_format:
        return False
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
