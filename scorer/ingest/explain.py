"""`zhibiao parse --explain FILE`: how a document was read, for a reviewer who wonders why rows are missing.

It prints the layout guessed, the cells recovered line by line, the indicator rows taken, and every line or
cell that was seen but not taken, with the reason. Reviewer-facing, so in Chinese.
"""

from __future__ import annotations

from pathlib import Path

from scorer.ingest import blocks_of, read_document
from scorer.ingest.blocks import Block, Paragraph
from scorer.ingest.decode import UnreadableFile
from scorer.ingest.recover import recover_cells
from scorer.messages import place
from scorer.table import REPORTED_LABELS
from scorer.types import Document

MAX_LINES = 400


def explain(path: Path, max_lines: int = MAX_LINES) -> tuple[str, bool]:
    """(what a reviewer reads of how the file was read, whether any indicator was read from it)."""
    from scorer.ingest.tables import is_rows_table

    if is_rows_table(path):
        return _explain_rows_table(path, max_lines)
    out: list[str] = [f"文件：{path}"]
    try:
        document = read_document(path)
    except UnreadableFile as exc:
        return "\n".join([*out, f"无法读取：{exc}"]), False
    out.append(f"版式判断：{document.layout or '—'}")
    if document.year or document.unit:
        out.append(f"年度：{document.year or '—'}  单位：{document.unit or '—'}")
    texts: list[str] = []
    blocks = blocks_of(path, [], texts)
    out.append("")
    if texts:  # a text export: the cells recovered, by the line of the text they stand on
        out.append(f"恢复出的单元格（按原文行号，至多 {max_lines} 行；单元格之间用 | 分隔）：")
        by_line: dict[int, list[str]] = {}
        for cell in recover_cells(texts[0]):
            by_line.setdefault(cell.line, []).append(cell.text.replace("\x00cut", "［摘录到此结束］"))
        lines = [f"  第{number}行  " + " | ".join(by_line[number]) for number in sorted(by_line)]
    else:  # Word, Excel, CSV, HTML: the paragraphs and table rows as the reader gave them
        out.append(f"读到的段落和表格行（按原文顺序，至多 {max_lines} 行；单元格之间用 | 分隔）：")
        lines = [f"  {_where(block)}  {_said(block)}" for block in blocks if _said(block)]
    out.extend(lines[:max_lines])
    if len(lines) > max_lines:
        out.append(f"  ……另有 {len(lines) - max_lines} 行未列出")
    out.append("")
    out.append(f"读到的项目和指标：{len(document.projects)} 个项目，{document.indicator_count} 条指标")
    out.extend(_indicator_lines(document))
    out.append("")
    out.append(f"未采用的内容：{len(document.skipped)} 处")
    out.extend(_skipped_lines(document))
    for notice in [*document.notices, *document.warnings]:
        out.append(f"提示：{notice}")
    return "\n".join(out), document.indicator_count > 0


def _explain_rows_table(path: Path, max_lines: int) -> tuple[str, bool]:
    """A rows table (the rows contract, a budget system's export, a Parquet file): how its columns were
    taken, the documents, projects and indicators read (at most max_lines indicators), and the rows left out,
    as `zhibiao parse` and `zhibiao score` read it (scorer.ingest.rows.read_rows_table)."""
    from scorer.ingest.rows import read_rows_table
    from scorer.ingest.tables import BulkError, column_warnings, table_columns
    from scorer.lexicons import table

    out: list[str] = [f"文件：{path}", "版式判断：指标行表（每行一条指标，按列标题读取）"]
    try:
        columns = table_columns(path)
        documents = read_rows_table(path)
    except (BulkError, ValueError) as exc:
        return "\n".join([*out, f"无法读取：{exc}"]), False
    headings = {"source": ["文档"], **table("headers")["fields"]}  # source: the rows contract's own, named by no heading
    out += ["", "各列的读法（表头 → 字段）："]
    out += [f"  {name} → {headings.get(field, [field])[0]}（{field}）" for name, field in columns.fields.items()]
    if columns.unit_as_source:
        out.append("  每个单位的行是一份文档（按单位列划分）")
    projects = sum(len(document.projects) for document in documents)
    indicators = sum(document.indicator_count for document in documents)
    out += ["", f"读到的文档、项目和指标：{len(documents)} 份文档，{projects} 个项目，{indicators} 条指标"]
    lines: list[str] = []
    for document in documents:
        lines.append(f"  文档：{document.source}")
        lines.extend(f"  {line}" for line in _indicator_lines(document, by_row=True))
    out.extend(lines[:max_lines])
    if len(lines) > max_lines:
        out.append(f"  ……另有 {len(lines) - max_lines} 行未列出")
    skipped = [line for document in documents for line in _skipped_lines(document, by_row=True)]
    out += ["", f"未采用的内容：{len(skipped)} 处", *skipped[:max_lines]]
    if len(skipped) > max_lines:
        out.append(f"  ……另有 {len(skipped) - max_lines} 处未列出")
    for warning in column_warnings(path):
        out.append(f"提示：{warning}")
    return "\n".join(out), indicators > 0


def _indicator_lines(document: Document, by_row: bool = False) -> list[str]:
    """Each project of the document with its budget, and its indicators under it with their line of a text
    (by_row: their row of a rows table)."""
    lines: list[str] = []
    for project in document.projects:
        budget = f"，预算 {project.budget:g} 万元" if project.budget is not None else ""
        lines.append(f"  项目：{project.name}{budget}")
        for indicator in project.indicators:
            number = indicator.location.row if by_row else indicator.location.line
            where = f"第{number}行 " if number else ""
            levels = " / ".join(x for x in (indicator.level1, indicator.level2) if x) or "（未写类别）"
            extra = "；".join(f"{REPORTED_LABELS.get(k, k)}：{v}" for k, v in indicator.extra.items())
            lines.append(
                f"    {where}{levels} / {indicator.level3} = {indicator.value or '（空）'}"
                + (f"    〔{extra}〕" if extra else "")
            )
    return lines


def _skipped_lines(document: Document, by_row: bool = False) -> list[str]:
    """What was seen in the document and not taken, with its place (by_row: its row of a rows table) and the
    reason."""
    lines = []
    for skip in document.skipped:
        number = skip.location.row if by_row else skip.location.line
        where = f"第{number}行" if number else place(str(skip.location))
        lines.append(f"  {where}：{skip.reason}：{skip.text[:120]}")
    return lines


def _where(block: Block) -> str:
    """A paragraph's or a table row's place: 段落, 表1第2行, 工作表“绩效目标”第5行, 第3行 (CSV)."""
    if isinstance(block, Paragraph):
        return f"第{block.line}行" if block.line else "段落"
    if block.sheet is not None:
        return f"工作表“{block.sheet}”第{block.row}行"
    if block.table is not None:
        return f"表{block.table}第{block.row}行"
    return f"第{block.line or block.row}行"


def _said(block: Block) -> str:
    """The block's text; nothing for the paragraph a workbook's reader puts before each sheet."""
    if isinstance(block, Paragraph):
        return block.text.strip()
    return "" if block.extra.get("sheet_title") else " | ".join(cell.strip() for cell in block.cells if cell.strip())
