"""Readers: any supported file (or folder) -> Documents. Failures are collected, never raised to the user."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from scorer.ingest.blocks import Block
from scorer.ingest.decode import UnreadableFile, decode_bytes
from scorer.ingest.interpret import interpret
from scorer.ingest.office import csv_to_blocks, docx_to_blocks, pdf_to_blocks, xls_to_blocks, xlsx_to_blocks
from scorer.ingest.text_export import html_to_blocks, text_to_blocks
from scorer.types import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".pdf"}
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class ReadError:
    source: str
    message: str


@dataclass
class ReadReport:
    documents: list[Document] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)


def expand(paths: list[str | Path]) -> list[Path]:
    """Files named, and every supported file below a folder named, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                       and not p.name.startswith((".", "~$")))
            )
        else:
            out.append(path)
    return out


def blocks_of(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    source = str(path)
    if not path.exists():
        raise UnreadableFile(f"{source}: no such file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableFile(f"{source}: larger than {MAX_FILE_BYTES // 2**20} MB, not read")
    if suffix in (".docx", ".xlsx", ".xlsm"):
        if not zipfile.is_zipfile(path):
            raise UnreadableFile(f"{source}: not a valid {suffix} file (not a zip archive)")
        return docx_to_blocks(path) if suffix == ".docx" else xlsx_to_blocks(path)
    if suffix == ".xls":
        return xls_to_blocks(path)
    if suffix == ".pdf":
        return pdf_to_blocks(path)
    data = path.read_bytes()
    if suffix in (".csv", ".tsv"):
        return csv_to_blocks(data, source)
    text = decode_bytes(data, source)
    if suffix in HTML_SUFFIXES:
        return html_to_blocks(text)
    return text_to_blocks(text)


def read_document(path: str | Path) -> Document:
    """Read one file. Raises UnreadableFile with a one-line message naming the file."""
    path = Path(path)
    try:
        blocks = blocks_of(path)
    except UnreadableFile:
        raise
    except Exception as exc:  # a library's own error on a broken file: report it, keep the run going
        raise UnreadableFile(f"{path}: cannot be read as {path.suffix or 'text'} ({type(exc).__name__}: {exc})"
                             ) from exc
    return interpret(blocks, str(path))


def read_one(path: Path, report: ReadReport) -> None:
    """Read one file into the report: its Document, or a one-line error naming it."""
    try:
        report.documents.append(read_document(path))
    except UnreadableFile as exc:
        report.errors.append(ReadError(str(path), str(exc)))


def read_paths(paths: list[str | Path]) -> ReadReport:
    report = ReadReport()
    for path in expand(paths):
        read_one(path, report)
    return report
