"""Text exports -> blocks.

Three shapes occur in the wild, often mixed in one file:
- one table cell per line, tab-prefixed, blank line between rows (Word "save as text");
- one table row per line with cells separated by tabs or `|` (markdown, TSV);
- HTML <table> markup.
Lines with no leading tab are paragraphs. A file with no tab-prefixed line at all (OCR, a PDF's text
layer) is read as cell-per-line inside table regions, which start at a line that is a known table label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from html.parser import HTMLParser

from scorer.ingest.blocks import Block, Paragraph, Row
from scorer.lexicons import table
from scorer.text import display_width, nfkc

_MD_SEPARATOR = re.compile(r"^[\s|:\-–—]+$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")  # ### 一、甲项目: a markdown heading's marks
_LABEL_FIRST = re.compile(r"^[^\t:：]{1,20}[:：]\s*\t")  # a label ending in a colon, then its cells after a tab
_TABLE_START_LABELS = ("项目编码", "项目名称", "一级指标", "预算数", "绩效目标", "资金支出计划")


def text_to_blocks(text: str) -> list[Block]:
    if re.search(r"<t[dh][\s>]", text, re.IGNORECASE) and re.search(r"<tr[\s>]", text, re.IGNORECASE):
        return html_to_blocks(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    flat_table = any(_is_rows_header(line) for line in lines)
    if not flat_table and not any(line.startswith("\t") for line in lines):
        at, separated = next(((n, kind) for n, kind in enumerate(map(_rows_header_kind, lines)) if kind), (0, None))
        if separated and not form_above(lines[:at]):
            return _separated_table_blocks(lines, separated)
    if not flat_table and not any(line.startswith("\t") or line.count("|") >= 3 for line in lines):
        return _flattened_to_blocks(lines)
    blocks: list[Block] = []
    cells: list[str] = []
    start = 0

    def close_row() -> None:
        nonlocal cells
        if cells:
            blocks.append(Row(cells=cells, line=start))
            cells = []

    for number, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            parts = line[1:].split("\t")
            if len(parts) >= 2 and any(p.strip() for p in parts):
                close_row()
                blocks.append(Row(cells=["", *(p.strip() for p in parts)], line=number))
                continue
            if not cells:
                start = number
            cells.append(line.strip())
            continue
        if cells and line.strip() and "\t" not in line and lines[number - 2].startswith("\t"):
            # the cell's own line break: Word writes a cell's second line with no tab, right under its first
            # (1.为代表…提供基础保障。 / 2.为代表…提供经费保障。), before the blank line that ends the row
            cells[-1] = f"{cells[-1]}\n{line.strip()}"
            continue
        close_row()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.count("|") >= 2 and stripped.startswith("|"):
            if not _MD_SEPARATOR.match(stripped):
                blocks.append(Row(cells=[c.strip() for c in stripped.strip("|").split("|")], line=number))
            continue
        if _MD_SEPARATOR.match(stripped):
            continue
        tabs = line.count("\t")
        if tabs >= 3 or (flat_table and tabs >= 2) or _LABEL_FIRST.match(stripped) or _opens_with_form_label(stripped):
            # a table row, or a form's label and its cells (预算金额：\t80000\t元, 项目名称\t某某项目): kept together as one row
            blocks.append(Row(cells=[c.strip() for c in line.split("\t")], line=number))
            continue
        for part in _MD_HEADING.sub("", stripped).split("\t"):
            if part.strip():
                blocks.append(Paragraph(text=part.strip(), line=number))
    close_row()
    return blocks


_SPACED_CELL = re.compile(r"[^\s]+(?: [^\s]+)*")  # one space inside a cell; two or more (or a full-width one) between


def _spaced_cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line set apart by runs of spaces, each with the display column it starts at (a Chinese
    character takes two: a fixed-width export lines its columns up so)."""
    return [(display_width(line[: found.start()]), found.group()) for found in _SPACED_CELL.finditer(line)]


def _pipe_cells(line: str) -> list[str]:
    """甲 | 乙 | 丙, with or without the outer pipes."""
    cells = [cell.strip() for cell in re.split(r"[|｜]", line.strip())]
    return cells[1 if line.strip()[:1] in "|｜" else 0 : -1 if line.strip()[-1:] in "|｜" else None]


def names_rows(cells: list[str]) -> bool:
    """A header naming each row's project, the indicator's name and its value (项目名称 … 三级指标 … 指标值), by the one
    header vocabulary (scorer.ingest.tables.header_fields), the project's heading saying it is a name (项目名称, not
    项目 heading a form's 项目 | 一级指标 | … or a 序号 column)."""
    from scorer.ingest.tables import REQUIRED_COLUMNS, header_fields

    if len(cells) < 3:
        return False
    fields = header_fields(cells)
    named = any(field == "project" and "名称" in heading for heading, field in fields.items())
    return named and set(REQUIRED_COLUMNS) <= set(fields.values())


def form_above(texts: Iterable[str]) -> bool:
    """Whether lines read before a table naming each row's project hold a form of their own, a line opening with one
    of its labels (项目名称：…, | 一级指标 | …, 预算数 …; a title that only names 绩效目标 is none): such text is read
    as before, its form and the table alike."""
    labels = (*_TABLE_START_LABELS, "三级指标", "指标值")
    return any(text.strip().lstrip("|｜ \t").startswith(labels) for text in texts)


def _rows_header_kind(line: str) -> str | None:
    """ "pipes" or "spaces" when the line is the header of a table naming each row's project with its cells set apart
    by pipes (项目名称 | 预算金额 | 三级指标 | 指标值, markdown's outer pipes or none) or by runs of spaces (a PDF's text,
    a fixed-width export), else None."""
    if len(re.findall(r"[|｜]", line)) >= 2:
        return "pipes" if names_rows(_pipe_cells(line)) else None
    return "spaces" if names_rows([cell for _, cell in _spaced_cells(line)]) else None


def _separated_table_blocks(lines: list[str], kind: str) -> list[Block]:
    """Text holding a table that names each row's project, its cells set apart by pipes or by runs of spaces: the
    lines above its header are paragraphs; from the header on, a line of two cells or more is a row. Runs of spaces
    place each cell under the header's column it starts in, so a row that leaves its project's name blank (the
    project of the row above) keeps its columns; a line that is itself such a header sets the columns anew."""
    blocks: list[Block] = []
    columns: list[float] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or _MD_SEPARATOR.match(stripped):
            continue
        if _rows_header_kind(line) == kind:
            header_seen = True
            if kind == "spaces":
                columns = [start for start, _ in _spaced_cells(line)]
        cells = [] if not header_seen else _pipe_cells(line) if kind == "pipes" else placed_under(_spaced_cells(line), columns)
        if sum(1 for cell in cells if cell) >= 2:
            blocks.append(Row(cells=cells, line=number))
        else:
            blocks.append(Paragraph(text=_MD_HEADING.sub("", stripped), line=number))
    return blocks


def placed_under(cells: Sequence[tuple[float, str]], columns: Sequence[float], slack: float = 1) -> list[str]:
    """Cells (where each starts, text) under a header's columns (where each heading starts): each in the last column
    starting at or before it, within `slack` (a figure set right of its heading's start stays in that column), the
    next free one when that is taken."""
    placed = [""] * len(columns)
    for start, text in cells:
        column = max((index for index, column_start in enumerate(columns) if column_start <= start + slack), default=0)
        while placed[column] and column < len(columns) - 1:
            column += 1
        placed[column] = f"{placed[column]} {text}".strip()
    return placed


def _is_rows_header(line: str) -> bool:
    """项目名称\t预算数\t…\t三级指标\t指标值: the header of a table that names each row's project (names_rows), its
    cells separated by tabs (a budget system's export saved as text, a spreadsheet's table pasted): each line under
    it is a row, as in a rows table, not a form's cells to be read one a line."""
    return line.count("\t") >= 2 and names_rows([cell.strip() for cell in line.split("\t")])


def _opens_with_form_label(line: str) -> bool:
    """项目名称\t某某项目: a project form's label (lexicons/headers.yaml form_labels, a unit's label) and a tab."""
    label, tab, _ = line.partition("\t")
    return bool(tab) and _label_key(label) in _form_label_keys()


def _label_key(cell: str) -> str:
    return re.sub(r"[\s:：*]|[(（][^)）]*[)）]", "", nfkc(cell))


@cache
def _form_label_keys() -> frozenset[str]:
    labels = [label for labels in table("headers")["form_labels"].values() for label in labels]
    return frozenset(_label_key(label) for label in [*labels, *table("indicator_grammar")["unit_labels"]])


def _flattened_to_blocks(lines: list[str]) -> list[Block]:
    """No tabs anywhere: a table region starts at a known label line; its lines are cells, blank lines end rows."""
    blocks: list[Block] = []
    cells: list[str] = []
    start = 0
    in_table = False
    blank_run = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            blank_run += 1
            if cells:
                blocks.append(Row(cells=cells, line=start))
                cells = []
            if blank_run >= 3:
                in_table = False
            continue
        blank_run = 0
        if stripped in _TABLE_START_LABELS or stripped.startswith(_TABLE_START_LABELS[:2]):
            in_table = True
        if stripped.endswith("绩效目标表") or re.match(r"^#+\s", stripped):
            in_table = False
        if in_table:
            if not cells:
                start = number
            cells.append(stripped)
        else:
            blocks.append(Paragraph(text=stripped, line=number))
    if cells:
        blocks.append(Row(cells=cells, line=start))
    return blocks


MAX_SPAN = 100  # a rowspan or colspan beyond this is a page's mistake, not a table's shape


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return min(int(value), MAX_SPAN) if value.strip().isdigit() and int(value) > 0 else 1


def _place(table: dict, text: str) -> None:
    """Put a cell in its row, after the cells that merged cells of rows above carry down (rowspan), and
    keep a merged cell's columns (colspan) so that the row stays aligned with the header."""
    _carry_down(table)
    row: list[str] = table["row"]
    spans: dict[int, tuple[str, int]] = table["spans"]
    rowspan, colspan = table["span"]
    for offset in range(colspan):
        if rowspan > 1:
            spans[len(row)] = (text if offset == 0 else "", rowspan - 1)
        row.append(text if offset == 0 else "")


def _carry_down(table: dict) -> None:
    """The cells that merged cells of rows above carry into the row at its current end."""
    row: list[str] = table["row"]
    spans: dict[int, tuple[str, int]] = table["spans"]
    while len(row) in spans:
        carried, left = spans.pop(len(row))
        row.append(carried)
        if left > 1:
            spans[len(row) - 1] = (carried, left - 1)


class _TableHTML(HTMLParser):
    """Rows of <table> (nested tables emit their own rows after the enclosing row) and paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[dict] = []  # one entry per open table: rows, current row, current cell
        self._paragraph: list[str] = []
        self._table_count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._flush_paragraph()
            if self._stack and self._stack[-1]["cell"] is not None:  # a table inside a cell: the page's layout
                self._flush_layout_cell(self._stack[-1])
            self._table_count += 1
            self._stack.append(
                {"row": None, "cell": None, "pending": [], "index": self._table_count, "n": 0, "spans": {}, "span": (1, 1)}
            )
        elif self._stack and tag == "tr":
            self._stack[-1]["row"] = []
        elif self._stack and tag in ("td", "th"):
            self._stack[-1]["cell"] = []
            self._stack[-1]["span"] = (_span(attrs, "rowspan"), _span(attrs, "colspan"))
        elif tag in ("br", "p", "li", "div") and self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"].append("\n")  # a space in a cell's text; a paragraph's end in a layout cell
        elif tag in ("p", "div", "br", "h1", "h2", "h3", "h4", "li") and not self._stack:
            self._flush_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            if tag in ("p", "div", "h1", "h2", "h3", "h4", "li"):
                self._flush_paragraph()
            return
        top = self._stack[-1]
        if tag in ("td", "th") and top["cell"] is not None and top["row"] is not None:
            if top.get("layout"):  # what follows the cell's last table is text of the page too
                self._flush_layout_cell(top)
                top["layout"] = False
            text = re.sub(r"\s+", " ", "".join(top["cell"])).strip()
            _place(top, text)
            top["cell"] = None
        elif tag == "tr" and top["row"] is not None:
            _carry_down(top)  # a row whose last cells are merged from above
            top["n"] += 1
            self.blocks.append(Row(cells=top["row"], table=top["index"], row=top["n"], line=self.getpos()[0]))
            top["row"] = None
            self.blocks.extend(top["pending"])
            top["pending"] = []
        elif tag == "table":
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"].append(data)
        elif not self._stack:
            self._paragraph.append(data)

    def _flush_layout_cell(self, table: dict) -> None:
        """The text so far of a cell that holds a table (an old page laid out in a table: its headings, labelled lines and
        goals between the tables it holds) as the page's paragraphs, in their order among the tables' rows."""
        for line in "".join(table["cell"]).split("\n"):
            text = re.sub(r"\s+", " ", line).strip()
            if text:
                self.blocks.append(Paragraph(text=text, line=self.getpos()[0]))
        table["cell"] = []
        table["layout"] = True

    def _flush_paragraph(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._paragraph)).strip()
        self._paragraph = []
        if text:
            self.blocks.append(Paragraph(text=text, line=self.getpos()[0]))

    def close(self) -> None:
        super().close()
        self._flush_paragraph()


def html_to_blocks(text: str) -> list[Block]:
    parser = _TableHTML()
    parser.feed(text)
    parser.close()
    return parser.blocks
