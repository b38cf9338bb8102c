"""Readers: any supported file (or folder) -> Documents. Failures are collected, never raised to the user."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.ingest.blocks import Block, Paragraph
from scorer.ingest.decode import UnreadableFile, decode_bytes
from scorer.ingest.grammar import interpret_cells, looks_like_value
from scorer.ingest.interpret import interpret, is_organ_name
from scorer.ingest.office import csv_to_blocks, docx_to_blocks, is_headed_table, pdf_to_blocks, xls_to_blocks, xlsx_to_blocks
from scorer.ingest.recover import Cell, describe_layout, line_cells, names_a_measure, recover_cells, to_simplified
from scorer.ingest.text_export import html_to_blocks, text_to_blocks
from scorer.messages import text as said
from scorer.text import without_invisible
from scorer.types import Document

if TYPE_CHECKING:
    from scorer.inputs import InputPlan, SkippedFile

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".pdf"}
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024  # decompressed
MAX_COMPRESSION_RATIO = 200  # per member; zip bombs run to thousands


def check_archive(path: Path) -> str | None:
    """Refuse a .docx/.xlsx whose zip would unpack to too much (a zip bomb) before any library opens it; else
    say what it holds: "xlsx" (an Excel workbook), "docx" (a Word document) or None."""
    source = str(path)
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(said("read.not_zip", source=source, suffix=path.suffix))
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            raise UnreadableFile(said("read.too_many_members", source=source, count=len(members), limit=MAX_ARCHIVE_MEMBERS))
        total = sum(m.file_size for m in members)
        if total > MAX_ARCHIVE_BYTES:
            raise UnreadableFile(
                said("read.unpacks_too_big", source=source, size=total // 2**20, limit=MAX_ARCHIVE_BYTES // 2**20)
            )
        for member in members:
            if member.file_size > 1_000_000 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
                ratio = member.file_size // max(member.compress_size, 1)
                raise UnreadableFile(said("read.compressed_too_much", source=source, member=member.filename, ratio=ratio))
    names = {member.filename for member in members}
    return "xlsx" if "xl/workbook.xml" in names else "docx" if "word/document.xml" in names else None


@dataclass
class ReadError:
    source: str
    message: str


@dataclass
class ReadReport:
    documents: list[Document] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)


def expand(paths: Sequence[str | Path], plan: InputPlan | None = None) -> list[Path]:
    """Files named, and every supported file below a folder named, in a stable order. Left out, and
    named in plan.skipped with the reason: zhibiao's own reports (by the marker its writers put in them),
    the run's own output paths (plan.exclude), Office lock files and, below a folder, other suffixes.
    Old Office files (.doc, .wps, .et) are converted by LibreOffice into plan.convert_dir when it is
    installed, else named with "save it as .docx/.xlsx"."""
    from scorer.inputs import LEGACY_TARGETS, InputPlan, convert_legacy, is_hidden, own_output_kind
    from scorer.messages import text

    plan = plan if plan is not None else InputPlan()
    out: list[Path] = []
    taken: set[Path] = set()  # resolved: a file named and also under a folder named is read once

    def take(path: Path, in_folder: bool) -> None:
        suffix = path.suffix.lower()
        if plan.exclude and any(path.resolve().is_relative_to(excluded) for excluded in plan.exclude):  # -o FOLDER too
            plan.skip(path, text("skip.run_output"))
        elif path.name.startswith("~$"):
            plan.skip(path, text("skip.temporary"))
        elif suffix in LEGACY_TARGETS:
            converted = convert_legacy(path, plan)
            if converted is not None:
                out.append(converted)
        elif (kind := own_output_kind(path)) is not None:
            plan.skip(path, text("skip.own_output", what=text(f"what.{kind}")))
        elif in_folder and suffix not in SUPPORTED and not (plan.rows_tables and suffix == ".parquet"):
            plan.skip(path, text("skip.unsupported", suffix=path.suffix or "(no suffix)"))
        elif path.resolve() in taken:
            plan.skip(path, text("skip.given_twice"))
        else:
            taken.add(path.resolve())
            out.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and not is_hidden(p, path)):
                take(found, in_folder=True)
        else:
            take(path, in_folder=False)
    return out


def blocks_of(
    path: Path, warnings: list[str] | None = None, texts: list[str] | None = None, notices: list[str] | None = None
) -> list[Block]:
    """The stream of paragraphs and table rows of a file; a text export's decoded text is added to `texts`,
    and a file read as another format than its name says is told in `notices`."""
    suffix = path.suffix.lower()
    source = str(path)
    if not path.exists():
        raise UnreadableFile(said("read.no_such_file", source=source))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableFile(said("read.too_large", source=source, limit=MAX_FILE_BYTES // 2**20))
    if suffix in FORMAT_MAGIC and not _has_magic(path, suffix):
        return _disguised_file(path, suffix, warnings, texts, notices)
    if suffix in (".docx", ".xlsx", ".xlsm"):
        named = "docx" if suffix == ".docx" else "xlsx"
        archive = check_archive(path) or named  # a workbook saved as .docx, a Word document as .xlsx
        if archive != named and notices is not None:
            notices.append(said("read.disguised", source=source, suffix=suffix, kind=said(f"content.{archive}")))
        return docx_to_blocks(path) if archive == "docx" else xlsx_to_blocks(path)
    if suffix == ".xls":
        return _xls_blocks(path, suffix)
    if suffix == ".pdf":
        return pdf_to_blocks(path)
    data = path.read_bytes()
    if suffix in (".csv", ".tsv"):
        return csv_to_blocks(data, source, warnings)
    text = decode_bytes(data, source, warnings)
    if suffix in HTML_SUFFIXES:
        return html_to_blocks(text)
    if texts is not None:
        texts.append(text)
    return text_to_blocks(text)


# What a file of each binary format starts with: a zip archive (.docx, .xlsx), an OLE compound file (.xls),
# %PDF within its first kilobyte (.pdf).
FORMAT_MAGIC = {".docx": b"PK", ".xlsx": b"PK", ".xlsm": b"PK", ".xls": b"\xd0\xcf\x11\xe0", ".pdf": b"%PDF"}
_WEB_PAGE_MARKS = ("<html", "<table", "<!doctype", "<?xml", "<body", "<meta")


def _has_magic(path: Path, suffix: str) -> bool:
    with path.open("rb") as handle:
        head = handle.read(1024)
    magic = FORMAT_MAGIC[suffix]
    return magic in head if suffix == ".pdf" else head.startswith(magic)


def _disguised_file(
    path: Path, suffix: str, warnings: list[str] | None, texts: list[str] | None, notices: list[str] | None
) -> list[Block]:
    """An Office or PDF file that is not one: budget systems export web pages as .xls, and a file renamed
    by hand keeps its text. A web page is read as HTML, text as a text export, each with a warning saying so; an
    empty file, or one that is neither, is named as such."""
    data = path.read_bytes()
    source = str(path)
    if not data.strip():
        raise UnreadableFile(said("read.cannot_read_as", source=source, suffix=suffix, detail=said("empty.file")))
    if data.startswith(FORMAT_MAGIC[".xls"]):  # an Office 97-2003 file (OLE) under another format's name
        blocks = _xls_blocks(path, suffix)
        if notices is not None:
            notices.append(said("read.disguised", source=source, suffix=suffix, kind=said("content.xls")))
        return blocks
    # an .xlsx or .docx under another name (any other zip is read on as text, and named if it is none)
    archive = check_archive(path) if data.startswith(b"PK") and zipfile.is_zipfile(path) else None
    if archive is not None:
        if notices is not None:
            notices.append(said("read.disguised", source=source, suffix=suffix, kind=said(f"content.{archive}")))
        return xlsx_to_blocks(path) if archive == "xlsx" else docx_to_blocks(path)
    try:
        text = decode_bytes(data, source, warnings)
    except UnreadableFile:
        detail = said("read.not_office", suffix=suffix)
        raise UnreadableFile(said("read.cannot_read_as", source=source, suffix=suffix, detail=detail)) from None
    head = text[:65536].lower()
    if "<workbook" in head and "office:spreadsheet" in head:  # Excel 2003's XML spreadsheet
        detail = said("read.spreadsheet_xml")
        raise UnreadableFile(said("read.cannot_read_as", source=source, suffix=suffix, detail=detail))
    web_page = text.lstrip("\ufeff \r\n\t").lower().startswith(_WEB_PAGE_MARKS) or "<table" in head
    if not web_page and is_headed_table(text):  # a CSV saved as .xls
        if notices is not None:
            notices.append(said("read.disguised", source=source, suffix=suffix, kind=said("content.csv")))
        return csv_to_blocks(data, source, warnings)
    if notices is not None:
        kind = said("content.web_page" if web_page else "content.text")
        notices.append(said("read.disguised", source=source, suffix=suffix, kind=kind))
    if web_page:
        return html_to_blocks(text)
    if texts is not None:
        texts.append(text)
    return text_to_blocks(text)


def _xls_blocks(path: Path, suffix: str) -> list[Block]:
    """An Office 97-2003 file's workbook; one that holds none (a Word .doc) or is damaged is named as such."""
    try:
        return xls_to_blocks(path)
    except Exception:  # xlrd's errors vary with the damage: XLRDError, CompDocError, IndexError …
        detail = said("read.office97", suffix=suffix)
        raise UnreadableFile(said("read.cannot_read_as", source=str(path), suffix=suffix, detail=detail)) from None


def cells_of_blocks(blocks: list[Block]) -> list[Cell]:
    """The cells of a reader's rows and paragraphs, for the grammar interpreter."""
    cells: list[Cell] = []
    for block in blocks:
        line = block.line or 0
        if isinstance(block, Paragraph):
            cells.extend(line_cells(to_simplified(block.text), line))  # a PDF's or a page's line of text
            continue
        parts = [c.strip() for c in block.cells if c.strip()]
        for index, part in enumerate(parts):
            cells.append(Cell(part, line, first=index == 0 and len(parts) > 1, alone=len(parts) == 1))
    return cells


def _valued(document: Document) -> int:
    return sum(1 for project in document.projects for indicator in project.indicators if indicator.value)


def _well_formed(document: Document) -> int:
    """Rows with a name that reads as a name and a target: what a misaligned reading of a table lacks. A name opening
    with a figure reads as a name when it ends as measures end (65岁以上老年人健康管理率, 12345热线接通率)."""
    return sum(
        1
        for project in document.projects
        for indicator in project.indicators
        if indicator.value
        and indicator.level3
        and (not looks_like_value(indicator.level3) or _a_measure_opening_with_a_figure(indicator.level3))
    )


def _a_measure_opening_with_a_figure(name: str) -> bool:
    return name[:1].isdigit() and names_a_measure(name)


def interpret_best(blocks: list[Block], source: str, text: str | None = None) -> Document:
    """Two readings of one document: the table interpreter, which reads well-formed tables (Word, Excel, exports
    with one cell per line) by their heading row, and the grammar interpreter, which recovers rows from text
    whose separators were lost. The table interpreter reads by the heading row: where its rows are well formed
    (a name, a target) its reading is kept unless the grammar finds twice as many; otherwise the reading with
    more well-formed rows is kept (pipes with shifted cells misalign the table interpreter's columns)."""
    tabular = interpret(blocks, source)
    shape = describe_layout(text) if text is not None else "文档中的表格"
    tabular.layout = f"按表头读取的表格（{shape}）"
    if text is None and _valued(tabular):
        return tabular  # Word, Excel, CSV, HTML tables: cells come whole, the table interpreter reads them
    cells = recover_cells(text) if text is not None else cells_of_blocks(blocks)
    recovered = interpret_cells(cells, source)
    recovered.layout = f"由文本恢复的表格（{shape}）"
    grounded = _valued(tabular) and _well_formed(tabular) >= 0.9 * _valued(tabular)
    if grounded and _valued(recovered) < 2 * _valued(tabular):
        return tabular
    if _well_formed(recovered) > _well_formed(tabular):
        recovered.warnings.extend(tabular.warnings)
        if not recovered.unit and is_organ_name(tabular.unit):
            recovered.unit = tabular.unit
        return recovered
    if not _valued(tabular):
        tabular.layout = f"未识别出指标表（{shape}）"
        tabular.unit = tabular.unit if is_organ_name(tabular.unit) else ""
    return tabular


def _visible(blocks: list[Block]) -> list[Block]:
    """The blocks without the invisible characters a copy from a web page or Word leaves in cells and lines
    (scorer.text.INVISIBLE): labels, headings, names and values then read as they show."""
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text = without_invisible(block.text)
        else:
            block.cells = [without_invisible(cell) for cell in block.cells]
    return blocks


def read_document(path: str | Path) -> Document:
    """Read one file. Raises UnreadableFile with a one-line message naming the file."""
    path = Path(path)
    warnings: list[str] = []
    texts: list[str] = []
    notices: list[str] = []
    try:
        blocks = blocks_of(path, warnings, texts, notices)
    except UnreadableFile:
        raise
    except RecursionError as exc:
        raise UnreadableFile(said("read.nested_too_deeply", source=path)) from exc
    except Exception as exc:  # a library's own error on a broken file: report it, keep the run going
        detail = f"{type(exc).__name__}: {exc}"
        raise UnreadableFile(said("read.cannot_read_as", source=path, suffix=path.suffix or "text", detail=detail)) from exc
    blocks, texts = _visible(blocks), [without_invisible(text) for text in texts]
    try:
        document = interpret_best(blocks, str(path), texts[0] if texts else None)
    except Exception as exc:  # never a traceback for the user; name the file and what failed
        detail = f"{type(exc).__name__}: {exc}"
        raise UnreadableFile(said("read.not_interpreted", source=path, detail=detail)) from exc
    document.warnings.extend(warnings)
    document.notices.extend(notices)
    indicators = [i for p in document.projects for i in p.indicators]
    if len(indicators) > 1 and not any(i.level3 for i in indicators):  # every row with no name: a heading not understood
        document.warnings.append(said("read.no_names", source=path, count=len(indicators)))
    return document


def read_one(path: Path, report: ReadReport) -> None:
    """Read one file into the report: its Document (a rows table: its documents, scorer.ingest.rows), or a
    one-line error naming it."""
    from scorer.ingest.tables import is_rows_table

    if is_rows_table(path):
        read_table(path, report)
        return
    try:
        report.documents.append(read_document(path))
    except UnreadableFile as exc:
        report.errors.append(ReadError(str(path), str(exc)))


def read_table(path: Path, report: ReadReport) -> None:
    """Read one rows table into the report (scorer.ingest.rows): its documents, or a one-line error naming it."""
    from scorer.ingest.rows import read_rows_table
    from scorer.ingest.tables import BulkError

    try:
        report.documents.extend(read_rows_table(path))
    except (BulkError, ValueError) as exc:  # a table that cannot be read (the message names the file)
        report.errors.append(ReadError(str(path), str(exc)))


def _read_for_pool(path: Path) -> ReadReport:
    report = ReadReport()
    read_one(path, report)
    return report


def read_paths(paths: Sequence[str | Path], jobs: int = 1, on_file=None) -> ReadReport:
    """Read every file (folders expanded) as `zhibiao score` reads them (scorer.ingest.rows_tables_among):
    rows tables, named or below a folder (.parquet too), a document a source or unit, and the notes beside
    them left out; else every document. Raises scorer.ingest.MixedInputs when the paths mix rows tables and
    documents. `jobs` and `on_file` as read_files."""
    tables, _ = rows_tables_among(paths)
    if not tables:
        return read_files(expand(paths), jobs=jobs, on_file=on_file)
    report = ReadReport()
    for path in tables:
        read_table(path, report)  # as a table, whatever its size: the run took it for one
        if on_file:
            on_file()
    return report


def read_files(files: Sequence[Path], jobs: int = 1, on_file=None) -> ReadReport:
    """Read each file as named (read_one: a rows table by its reader, any other as a document). With jobs > 1,
    files are read in a process pool; results are kept in file order, so the output does not depend on the
    number of jobs. `on_file` is called after each file (for a progress bar)."""
    report = ReadReport()
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            for part in pool.map(_read_for_pool, files, chunksize=1):
                report.documents.extend(part.documents)
                report.errors.extend(part.errors)
                if on_file:
                    on_file()
        return report
    for path in files:
        read_one(path, report)
        if on_file:
            on_file()
    return report


class MixedInputs(ValueError):
    """Rows tables and documents given to one run; the message (in the reviewer's language) names some of each."""


NOTES_READ_AT_MOST = 20  # files below a folder of tables read to see that they are notes, not documents


def rows_tables_among(paths: Sequence[str | Path], exclude: Iterable[Path] = ()) -> tuple[list[Path], list[SkippedFile]]:
    """The rows tables a run reads the table way (a document a source or unit), [] when it reads documents;
    with tables, the files left out below a folder and why (the document path says its own as it reads).
    Taken are the files named and the files below the folders named (as the document path takes them: the
    run's outputs `exclude`, zhibiao's own reports and files given twice left out; below a folder, .parquet
    files are rows tables too; an old Office file not converted is a document). Beside a rows table, a small
    export of one unit with the same headings is a rows table too, and a file below a folder that holds no
    indicator is a note, left out. Tables that only lack a needed column (指标值) do not make a run of documents
    the table way: each is said unreadable as the others are read. Raises MixedInputs when the inputs mix tables and
    documents."""
    from scorer.ingest.tables import is_rows_table, lacks_a_needed_column, names_every_column
    from scorer.inputs import InputPlan, SkippedFile

    given = [Path(path) for path in paths]
    plan = InputPlan(exclude={path.resolve() for path in exclude}, rows_tables=True)
    below = expand([path for path in given if path.is_dir()], plan)  # no convert_dir: nothing converted
    files: dict[Path, Path] = {}
    for path in [*(path for path in given if not path.is_dir()), *below]:
        if path.resolve() in files:
            plan.skip(path, said("skip.given_twice"))
        files.setdefault(path.resolve(), path)
    tables = [path for path in files.values() if path.is_file() and is_rows_table(path)]
    if not tables or (all(lacks_a_needed_column(path) for path in tables) and len(tables) < len(files)):
        return [], []  # documents, and a table lacking its 指标值 column: read_one names the column, the rest is read
    # beside exports, a small export of one unit headed the same way (项目名称, 三级指标, 指标值) is one too
    tables += [path for path in files.values() if path not in tables and path.is_file() and names_every_column(path)]
    documents = [path for path in files.values() if path not in tables] + [left.path for left in plan.skipped if left.unread]
    left_out = [left for left in plan.skipped if not left.unread]
    if documents:
        notes, unreadable = _notes_beside_tables(documents, named={path.resolve() for path in given})
        if notes is None:
            mixed = said("input.mixed", tables=_some_of(tables), documents=_some_of(documents))
            raise MixedInputs(mixed + (said("input.unreadable_beside", detail=unreadable) if unreadable else ""))
        left_out.extend(SkippedFile(path, said("skip.no_indicators")) for path in notes)
    return tables, left_out


def _notes_beside_tables(documents: list[Path], named: set[Path]) -> tuple[list[Path] | None, str]:
    """The files below a folder of rows tables that hold no indicator (说明.txt, README.md, a cover letter):
    notes beside the exports, left out with a warning. None when one of them holds indicators, was named
    on the command line, could not be read (then why, the second of the pair), or they are too many to
    read: then the run mixes tables and documents."""
    if len(documents) > NOTES_READ_AT_MOST or any(path.resolve() in named for path in documents):
        return None, ""
    for path in documents:
        try:
            document = read_document(path)
        except UnreadableFile as exc:  # unread, it may be a document: the user says which way to run
            return None, str(exc)
        if any(project.indicators for project in document.projects):
            return None, ""
    return documents, ""


def _some_of(paths: list[Path]) -> str:
    """Up to three file names, and how many in all when there are more."""
    names = "、".join(path.name for path in paths[:3])
    return names if len(paths) <= 3 else said("input.some_files", names=names, count=len(paths))
