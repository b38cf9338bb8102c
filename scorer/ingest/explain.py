"""`zhibiao parse --explain FILE`: how a document was read, for a reviewer who wonders why rows are missing.

It prints the layout guessed, the cells recovered line by line, the indicator rows taken, and every line or
cell that was seen but not taken, with the reason. Reviewer-facing, so in Chinese.
"""

from __future__ import annotations

from pathlib import Path

from scorer.ingest import blocks_of, cells_of_blocks, read_document
from scorer.ingest.decode import UnreadableFile
from scorer.ingest.recover import recover_cells
from scorer.table import REPORTED_LABELS

MAX_LINES = 400


def explain(path: Path, max_lines: int = MAX_LINES) -> str:
    out: list[str] = [f"文件：{path}"]
    try:
        document = read_document(path)
    except UnreadableFile as exc:
        return "\n".join([*out, f"无法读取：{exc}"])
    out.append(f"版式判断：{document.layout or '—'}")
    if document.year or document.unit:
        out.append(f"年度：{document.year or '—'}  单位：{document.unit or '—'}")
    texts: list[str] = []
    blocks = blocks_of(path, [], texts)
    cells = recover_cells(texts[0]) if texts else cells_of_blocks(blocks)
    out.append("")
    out.append(f"恢复出的单元格（按原文行号，至多 {max_lines} 行；单元格之间用 | 分隔）：")
    by_line: dict[int, list[str]] = {}
    for cell in cells:
        by_line.setdefault(cell.line, []).append(cell.text.replace("\x00cut", "［摘录到此结束］"))
    for number in sorted(by_line)[:max_lines]:
        out.append(f"  第{number}行  " + " | ".join(by_line[number]))
    if len(by_line) > max_lines:
        out.append(f"  ……另有 {len(by_line) - max_lines} 行未列出")
    out.append("")
    out.append(f"读到的项目和指标：{len(document.projects)} 个项目，{document.indicator_count} 条指标")
    for project in document.projects:
        budget = f"，预算 {project.budget:g} 万元" if project.budget is not None else ""
        out.append(f"  项目：{project.name}{budget}")
        for indicator in project.indicators:
            where = f"第{indicator.location.line}行 " if indicator.location.line else ""
            levels = " / ".join(x for x in (indicator.level1, indicator.level2) if x) or "（未写类别）"
            extra = "；".join(f"{REPORTED_LABELS.get(k, k)}：{v}" for k, v in indicator.extra.items())
            out.append(
                f"    {where}{levels} / {indicator.level3} = {indicator.value or '（空）'}"
                + (f"    〔{extra}〕" if extra else "")
            )
    out.append("")
    out.append(f"未采用的内容：{len(document.skipped)} 处")
    for skip in document.skipped:
        where = f"第{skip.location.line}行" if skip.location.line else str(skip.location)
        out.append(f"  {where}：{skip.reason}：{skip.text[:120]}")
    for notice in [*document.notices, *document.warnings]:
        out.append(f"提示：{notice}")
    return "\n".join(out)
