"""Table recovery: any text -> lines of cells, whatever the separators.

Indicator tables reach reviewers as text in many shapes: one cell per line, `|` pipes with runs of empty
cells, cells ending in ` /`, tabs, space-separated system exports, and text with no separator at all
(a PDF's or a scan's text layer, a document-sharing site's excerpt). This module only cuts text into
cells and keeps which cells shared a line; what the cells mean is `grammar.py`'s job.

A line too long to be one cell and with no separator in it is cut where the indicator vocabulary says a
cell starts: a level label (产出指标(50分), 数量指标), a header word, or a value (an operator, a figure and
its unit). No character of the text is dropped or invented by the cutting, only spaces between cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scorer.lexicons import table
from scorer.text import alternation, nfkc

# Parenthesised pinyin that mirror sites add after characters: 預(yù)算, 區(qū).
_PINYIN_GLOSS = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
_PIPE_ONLY = re.compile(r"^[\s|｜]*$")
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # | --- | :---: |, under a header
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")  # ## 一、甲项目
# 第 2 页, 第2页 共5页, 共5页 第2页, - 3 -: page numbers that say they are one
PAGE_NUMBER_FORMS = r"第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|[-—–]\s*\d{1,3}\s*[-—–]"
_PAGE_NUMBER = re.compile(rf"^\s*(?:{PAGE_NUMBER_FORMS})\s*$")


def is_page_number(text: str) -> bool:
    """第 2 页, 第2页 共5页, 共5页 第2页, - 3 -: a page's number that says it is one (a bare 3 or 2/5, which a table's
    reader takes for one between tables, may be a target's figure on a line of its own)."""
    return bool(_PAGE_NUMBER.match(text))


@cache
def continued_forms() -> str:
    """The marks of a table going on over a page, as a pattern: 续表 (lexicons/indicator_grammar.yaml continued_marks)
    with a number, in brackets or before a caption (续表1：绩效指标, （续上表）), or a table's number with （续）
    (附表2（续）)."""
    marks = alternation(table("indicator_grammar")["continued_marks"])
    return (
        rf"[(（]?\s*(?:{marks})\s*\d*\s*[)）]?(?:\s*[:：].{{0,20}})?"
        r"|(?:附?表\s*\d*\s*)?[(（]\s*续\s*(?:表|上表)?\s*[)）]"
    )


def is_continued_mark(text: str) -> bool:
    """续表, 续表2, （续）, 续上表: a line that says the table goes on over a page."""
    return re.fullmatch(rf"\s*(?:{continued_forms()})\s*", text) is not None


_SLASH_CELL_END = re.compile(r"\s+/\s*$")
_SLASH_SEPARATOR = re.compile(r"\s+/\s+")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_EXCERPT_END = re.compile(r"^\s*[\[【(（]\s*(?:\.{3}|…+)[^\]】)）]*[\]】)）]\s*$")  # [... excerpt ends here ...]
_LONG_LINE = 60
_MAX_ROW_CELLS = 16
_GLUED_PERCENT = re.compile(r"\d\s*[%％][\u4e00-\u9fff]{2}")  # 85%年度…: a target run into the next name
# 项 目 名 称, 绩 效 指 标: a label set out letter by letter in the form
_LETTER_SPACED = re.compile(r"((?:[\u4e00-\u9fff] ){2,}[\u4e00-\u9fff])(?![\u4e00-\u9fff])")
_BRACKETED = re.compile(r"^[【\[]([^】\]]{2,30})[】\]]\s*(.+)$")
_BRACKETED_ALONE = re.compile(r"^[【\[]([^】\]]{2,30})[】\]]$")  # 【产出-数量指标】 on a line of its own
_SLOT_WITH_TARGET = re.compile(r"^指标\s*\d{1,2}\s*[:：]")  # 指标1:做好有效宣传(≥200次)
_TRAILING_TARGET = re.compile(r"^(.*?)[（(]\s*([≥≤≧≦><=＝][^（()）]{0,20}|\d[^（()）]{0,20})[)）]\s*[。；;,，]?$")
_LINE_CLOSED = re.compile(r"[|｜]\s*$|\s/\s*$")  # a line longer than this with no separator is a candidate for run-on cutting


CUT_MARK = "\x00cut"  # the cell recover_cells puts where a copied excerpt says it ends


@dataclass(frozen=True)
class Cell:
    text: str
    line: int  # 1-based line of the source text
    first: bool  # the first cell of a line that holds several cells (a row boundary in row-per-line tables)
    alone: bool  # the only cell of its line
    run_on: bool = False  # cut out of a line with no separators (cut_run_on)


@cache
def _grammar() -> dict:
    return table("indicator_grammar")


def describe_layout(text: str) -> str:
    """The text's shape in a reviewer's words: which separators its lines use, and how many lines of each."""
    counts = {"竖线分隔": 0, "斜线分隔": 0, "制表符分隔": 0, "空格分隔": 0, "一格一行": 0, "连写无分隔": 0}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _PIPE_ONLY.match(line):
            continue
        if "|" in line or "｜" in line:
            counts["竖线分隔"] += 1
        elif _SLASH_CELL_END.search(line):
            counts["斜线分隔"] += 1
        elif "\t" in line:
            counts["制表符分隔"] += 1
        elif len(line) > _LONG_LINE and has_table_words(line):
            counts["连写无分隔"] += 1
        elif _SPACES.search(line):
            counts["空格分隔"] += 1
        else:
            counts["一格一行"] += 1
    shown = [f"{name} {n} 行" for name, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n]
    traditional = "，含繁体字" if to_simplified(text[:20_000]) != text[:20_000] else ""
    return ("、".join(shown) or "空文本") + traditional


def to_simplified(text: str) -> str:
    """Traditional characters and pinyin glosses of mirror sites read as the simplified text.

    OpenCC converts only when a noticeable share of the characters is traditional, so simplified text is
    never touched (t2s is not the identity on every simplified character)."""
    if _PINYIN_GLOSS.search(text):
        text = _PINYIN_GLOSS.sub("", text)
    converter = _converter()
    if converter is None:
        return text
    sample = text[:20_000]
    converted = converter.convert(sample)
    changed = sum(1 for a, b in zip(sample, converted, strict=False) if a != b)
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") or 1
    if changed / cjk < 0.02:
        return text
    return converter.convert(text)


@cache
def _converter():  # -> opencc.OpenCC | None
    try:
        import opencc
    except ImportError:  # the converter is a dependency; without it traditional text is read as it is
        return None
    return opencc.OpenCC("t2s")


def is_site_furniture(text: str) -> bool:
    """A line of the web page around the table: view counters, download buttons, breadcrumbs, footers."""
    compact_text = _SPACES.sub("", text)
    if len(compact_text) >= 80:
        return False
    grammar = _grammar()
    return (
        compact_text.startswith(tuple(grammar["site_furniture"]))
        or compact_text in grammar["site_furniture_lines"]
        or any(word in compact_text for word in grammar["site_footer"])
    )


def split_line(line: str) -> list[str]:
    """The cells of one line of text, by whichever separator the line uses."""
    if "|" in line or "｜" in line:
        parts = re.split(r"[|｜]", line)
        return [_SPACES.sub(" ", p).strip() for p in parts if p.strip()]
    stripped = line.strip()
    if _SLASH_CELL_END.search(line) or len(_SLASH_SEPARATOR.findall(stripped)) >= 2:
        parts = _SLASH_SEPARATOR.split(_SLASH_CELL_END.sub("", line).strip())
        return [p.strip() for p in parts if p.strip()]
    if "\t" in stripped:
        return [p.strip() for p in stripped.split("\t") if p.strip()]
    return _units_back_to_figures([p for p in _SPACES.split(stripped) if p])


def _units_back_to_figures(parts: list[str]) -> list[str]:
    """`2000 次汇总…` split at spaces: the unit after a bare figure belongs to the figure, not to the next name."""
    from scorer.values import unit_prefix_length

    out: list[str] = []
    for part in parts:
        bare_figure = out and re.fullmatch(r"[≥≤≧≦><=＝═]*\d+(?:\.\d+)?", out[-1])
        if bare_figure and not part[:1].isdigit() and not part.startswith(_form_label_openings()):
            used = unit_prefix_length(part)
            if used:
                out[-1] += part[:used]
                part = part[used:]
                if not part:
                    continue
        out.append(part)
    return out


def recover_cells(text: str) -> list[Cell]:
    """Every cell of the text in reading order, with its line and whether it opened a line of cells."""
    text = to_simplified(text.replace("\r\n", "\n").replace("\r", "\n"))
    cells: list[Cell] = []
    last_line = ""
    for number, raw in enumerate(text.split("\n"), start=1):
        if _EXCERPT_END.match(raw):
            if not _LINE_CLOSED.search(last_line):
                cells.append(Cell(CUT_MARK, number, first=False, alone=True))
            break  # the copy ends here: nothing after it, and the last row may be cut unless its line was closed
        if raw.strip():
            last_line = raw
        cells.extend(line_cells(raw, number))
    return _join_broken_names(_join_vertical_text(cells))


def _join_broken_names(cells: list[Cell]) -> list[Cell]:
    """Text with no separators broken into lines by a page's width (an OCR or a text layer): 临时救 at the end of a
    line and 助人次 opening the next are one name, 临时救助人次. Joined when both lines were cut as run-on text, the
    line-opening piece is no cut point (no label, header word or value starts it: a name after a label or a value
    would follow one) and the piece before it is neither a value nor a label nor a name that already ends as names
    do (培训人数 then 培训合格率 are two rows, the first without a target)."""
    out: list[Cell] = []
    for cell in cells:
        before = out[-1] if out else None
        if (
            before is not None
            and before.run_on
            and cell.run_on
            and cell.line == before.line + 1
            and not _cut_pattern().match(cell.text)
            and not _cut_pattern().match(before.text)
            and not names_a_measure(before.text)
        ):
            out[-1] = Cell(before.text + cell.text, before.line, before.first, before.alone, run_on=True)
            continue
        out.append(cell)
    return out


def line_cells(raw: str, number: int) -> list[Cell]:
    """The cells of one line of text (a line of a text export, or a paragraph of a page or a PDF)."""
    if _PIPE_ONLY.match(raw) or _MARKDOWN_RULE.match(raw) or is_site_furniture(raw):
        return []
    if is_page_number(raw):  # 第 1 页 共 2 页: one cell, not cut at its spaces (the grammar passes over it)
        return [Cell(raw.strip(), number, first=False, alone=True)]
    raw = _MARKDOWN_HEADING.sub("", raw)
    raw = _LETTER_SPACED.sub(lambda m: m.group(1).replace(" ", ""), raw)
    groups = _bracketed_groups(raw.strip()) or _numbered_group(raw.strip())
    if groups:  # 【产出-数量指标】, 一、产出指标 over the lines of its indicators
        return [Cell(group, number, first=False, alone=True) for group in groups]
    labelled = _bracketed_label(raw.strip())
    if labelled:  # 【总体目标】, 【项目概述】:设立…: a form's label set in brackets, and its text
        return [Cell(part, number, first=index == 0, alone=len(labelled) == 1) for index, part in enumerate(labelled)]
    if _SLOT_WITH_TARGET.match(raw.strip()) and len(_name_and_target(raw)) == 2:
        # 指标1:做好有效宣传(≥200次) under such a line: the name, then its target in parentheses
        return [Cell(part, number, first=False, alone=True) for part in _name_and_target(raw)]
    bracketed = _BRACKETED.match(raw.strip())
    buttons = bracketed is not None and raw.strip()[0] == "[" and bracketed.group(1).strip() in _grammar()["page_buttons"]
    if bracketed and not buttons:  # [下载] [打印]: the page's buttons, each named by the grammar
        # 【产出指标-数量指标】指标1：机柜数量（≥77台）: the groups in brackets, the target in parentheses
        parts = [p for p in re.split(r"[-－—/、]", bracketed.group(1)) if p.strip()] + _name_and_target(bracketed.group(2))
        return [Cell(part.strip(), number, first=False, alone=True) for part in parts]
    parts = split_line(raw)
    glued_label = len(parts) == 1 and _starts_with_glued_label(parts[0])
    if len(parts) >= 2 and _is_goal_label(parts[0]) and not has_table_words(" ".join(parts[1:])):
        pass  # 年度总体目标 | 全年开展检测3.5万人份…，治疗率达90%以上。: a goal's prose in its cell, no run of indicators
    elif (
        glued_label
        or (len(parts) == 1 and has_table_words(raw))
        or (
            len(raw.strip()) > _LONG_LINE
            and (
                (has_table_words(raw) and any(_table_word_count(p) >= 2 for p in parts))
                or any(_GLUED_PERCENT.search(p) for p in parts[1:])
            )
        )
    ):
        # text with its separators lost (some spaces may survive): cells are read as a stream
        return [Cell(part, number, first=False, alone=True, run_on=True) for part in cut_run_on(raw.strip())]
    if len(parts) == 1:
        parts = _split_glued_scores(parts[0])
    stream = len(parts) == 1 or len(parts) > _MAX_ROW_CELLS  # a whole sheet on one line is no row
    return [Cell(part, number, first=index == 0 and not stream, alone=stream) for index, part in enumerate(parts)]


def _join_vertical_text(cells: list[Cell]) -> list[Cell]:
    """产 / 出 / 指 / 标, one character a line: a label or header written down a merged cell, read as one word."""
    out: list[Cell] = []
    run: list[Cell] = []

    def flush() -> None:
        if len(run) >= 3:
            out.append(Cell("".join(c.text for c in run), run[0].line, first=False, alone=True))
        else:
            out.extend(run)
        run.clear()

    for cell in cells:
        if cell.alone and len(cell.text) == 1 and "\u4e00" <= cell.text <= "\u9fff":
            run.append(cell)
            continue
        flush()
        out.append(cell)
    flush()
    return out


# --- run-on text --------------------------------------------------------------------------------

_OPERATOR = r"(?:[≥≤≧≦><=＝═＞＜]=?|大于等于|小于等于|不低于|不少于|不高于|不超过|不大于|不小于)"
_PERCENT = r"(?:100|\d{1,2})(?:\.\d+)?\s*[%％]"
_NUMBER = r"\d+(?:\.\d+)?"
# A date target is one value: 2025年12月底前, 2024年12月31日前, 2022年底之前, 2021年1月-12月
# what may stand before a name that opens with its date: nothing, 指标1 / 1., or 截至 (a measure at a date;
# 于2024年6月前完成招标 is a target)
_ENUMERATOR = re.compile(r"\s*(?:指标\s*)?(?:\d{1,2}\s*[.、．:：]?)?\s*(?:截至|截止)?\s*")
_LEAD_IN = re.compile(r"\s*(?:于|在|确保|力争|预计|计划)\s*")  # 于2024年6月前完成招标: a target said as a phrase
_YEAR = r"(?:19|20)\d{2}\s*年"
_PART = r"(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|第?[一二三四1-4]\s*季度)"  # 6月30日, 第三季度
_DATE = (
    # 2025年12月底前, 2024年年底前, 2024年度内, 2024年第三季度末, 2024年1月至2024年12月, 2022年底之前
    rf"{_YEAR}(?:度(?=以?内|之?前|止))?(?:年(?=[底末初中]))?(?=\s*\d|[底末初上下第之以前内止]|中(?![期心间]))"
    rf"(?:\s*{_PART}(?:\s*[-~—至到]\s*(?:{_YEAR})?\s*{_PART})?)?"
    r"(?:[底末初]|中(?![期心间])|上半年|下半年|[上中下]旬)?(?:之前|以前|前|以内|内|止)?"
)


@cache
def _form_label_openings() -> tuple[str, ...]:
    """A form's project and budget labels (项目名称, 项目当年预算 …: indicator_grammar.yaml): a cell opening with one
    starts with no unit of the figure before it (780.00 项目当年预算: the 项 is the label's; ≥5 部门 keeps its unit)."""
    grammar = _grammar()
    return tuple(sorted({*grammar["project_labels"], *grammar["budget_labels"]}, key=len, reverse=True))


@cache
def _cut_pattern() -> re.Pattern[str]:
    """Where a cell starts in run-on text: labels, header words and values."""
    grammar = _grammar()
    labels = sorted(
        {f"{stem}指标" for stem in grammar["level1_stems"] + grammar["level2_stems"] + grammar["either_stems"]},
        key=len,
        reverse=True,
    )
    headers = sorted(
        {
            s
            for field in ("level1", "level2", "level3", "value", "actual", "score", "reason", "description", "content", "grading")
            for s in table("headers")["fields"].get(field, [])
            if len(s) >= 3
        },
        key=len,
        reverse=True,
    )
    headers += sorted((s for s in grammar["project_labels"] + grammar["unit_labels"] if "(" not in s), key=len, reverse=True)
    band = r"(?:[(（]\s*\d+(?:\s*[-~—]\s*\d+)?\s*分?\s*[)）]\s*分?)?"
    label = "(?:" + "|".join(map(re.escape, labels)) + ")" + band
    header = "(?:" + "|".join(map(re.escape, headers)) + ")"
    # a bare figure never swallows the digits of a percentage after it: 20100% is 20 then 100%
    # a budget's label where it is one: glossed with its unit or followed by a colon (项目资金(万元), 年度资金总额:), not inside
    # a name (项目资金到位率, 预算执行率); followed by an amount in money (预算金额300万元), only right after a project's
    # name (cut_run_on: 奖补资金总额300万元 is an indicator's name and its value)
    budget_labels = "(?:" + "|".join(map(re.escape, sorted(grammar["budget_labels"], key=len, reverse=True))) + ")"
    budget = budget_labels + r"(?=\s*(?:[(（]\s*(?:亿元|万元|元)\s*[)）]|[:：]))"
    budget += f"|(?P<budget_before_money>{budget_labels}(?=\\s*\\d+(?:\\.\\d+)?\\s*(?:亿元|万元|元)))"
    value = rf"(?:{_DATE}|{_OPERATOR}\s*{_NUMBER}\s*[%％]?|{_PERCENT}|(?<!指标)(?<![\d.])\d+(?:\.\d+)?(?![\d.%％]))"
    return re.compile(f"{label}|{budget}|{header}|{value}")


def cut_run_on(text: str) -> list[str]:
    """Cut a line with no separators into cells at labels, header words and values.

    A value takes the unit that follows it (≥266米, 2000次, 29.5亩). Everything between two cut points is
    one cell, so the cells joined give back the text less its spaces."""
    from scorer.values import unit_prefix_length

    pattern = _cut_pattern()
    cells: list[str] = []
    position = 0
    previous = ""  # the last token cut at
    for match in pattern.finditer(text):
        start, end = match.span()
        if start < position:
            continue
        token = match.group()
        if match.lastgroup == "budget_before_money" and not _right_after_a_name(previous, text[position:start]):
            continue  # 奖补资金总额300万元: not after 项目名称…, the label's words are an indicator's name
        previous = token
        if not token[-1].isdigit() and _date_pattern().fullmatch(token):
            if _LEAD_IN.fullmatch(text[position:start]):
                # 于2024年6月前完成招标, 确保2024年底前完成验收: one phrase, as the copy gave it
                following = pattern.search(text, end)
                stop = following.start() if following else len(text)
                if following is None or not _is_value(following.group()) or not names_a_measure(text[end:stop]):
                    end = stop  # up to the next label or value, unless the rest is the next indicator's name
                start = position
            elif text.startswith("完成", end) and _cell_ends_at(text, end + 2):
                end += 2  # 2024年12月31日前完成, then the next label: 完成 is the target's
            elif not (_cell_ends_at(text, end) or text[end].isspace()) and _ENUMERATOR.fullmatch(text[position:start]):
                continue  # (指标1)2021年11月30日前完成资金支付: a name that opens with its deadline, not a target
        elif token[-1].isdigit() and not _label_or_header_at(text, end):
            end += unit_prefix_length(text[end : end + 8])
        if start > position:
            for gap in _split_trailing_figure(text[position:start]):
                cells.extend(_split_doubled(gap))
        figure = text[start:end]
        month = re.fullmatch(r"(\d{1,3}?)(1[0-2]|[1-9])(月.*)", figure)
        if month and int(month.group(1) + month.group(2)) > 12:
            cells.extend([month.group(1), month.group(2) + month.group(3)])  # 2010月底前: a weight, then 10月底前
        else:
            cells.extend(_split_doubled(figure) if figure.isdigit() and len(figure) <= 6 else [figure])
        position = end
    if position < len(text):
        cells.append(text[position:])
    return _split_glued_weights(_qualifiers_to_figures([c.strip() for c in cells if c.strip()]))


@cache
def _project_labels() -> frozenset[str]:
    return frozenset(_grammar()["project_labels"])


@cache
def _purpose_labels() -> tuple[str, ...]:
    return tuple(table("headers")["fields"]["purpose"])


def _right_after_a_name(previous: str, between: str) -> bool:
    """Whether the text since the last cut is a project's name: cut at a project's label, with no label of the project's
    purpose in it (项目名称甲项目概况统筹预算资金30万元: the overview's money, not the budget)."""
    return previous in _project_labels() and not any(label in between for label in _purpose_labels())


@cache
def _date_pattern() -> re.Pattern[str]:
    return re.compile(_DATE)


def _cell_ends_at(text: str, position: int) -> bool:
    """The text ends here, or a label, a header word or a value starts here."""
    return position >= len(text) or _cut_pattern().match(text, position) is not None


@cache
def _measure_endings() -> tuple[str, ...]:
    """Endings of a name that measures (lexicons/unit_expectations.yaml: rates, shares and counts)."""
    units = table("unit_expectations")
    return tuple(sorted({*units["percent_endings"], *units["count_endings"]}, key=len, reverse=True))


def names_a_measure(text: str) -> bool:
    """Text that ends like an indicator's name: 存在问题整改率, 说明会召开次数, 合计 培训人次."""
    return re.sub(r"\s+", "", text).endswith(_measure_endings())


def _is_value(token: str) -> bool:
    """A cut point that is a value (a figure, an operator, a date), not a label or a header word."""
    return token[:1].isdigit() or token[:1] in "≥≤≧≦><=＝═＞＜大小不"


def _qualifiers_to_figures(cells: list[str]) -> list[str]:
    """`报告次数 各` then `1 次`: a one-character qualifier (各, 约, 共 …) set apart before a figure is the figure's."""
    out: list[str] = []
    for cell in cells:
        qualifier = re.search(r"\s([各约共近达超])$", out[-1]) if out else None
        if qualifier and cell[:1].isdigit():
            out[-1] = out[-1][: qualifier.start()].strip()
            cell = qualifier.group(1) + cell
        out.append(cell)
    return out


def _split_glued_weights(cells: list[str]) -> list[str]:
    """A weight run into the target before an actual value that repeats it: `8550万粒 550万粒` is 8, 550万粒."""
    out: list[str] = []
    for index, cell in enumerate(cells):
        following = cells[index + 1] if index + 1 < len(cells) else ""
        weight = cell[: len(cell) - len(following)] if following and cell.endswith(following) else ""
        if re.fullmatch(r"\d{1,2}", weight) and following[:1].isdigit():
            out.extend([weight, following])
            continue
        out.append(cell)
    return out


@cache
def _goal_labels() -> frozenset[str]:
    """A form's goal labels (headers.yaml fields.goal, form_labels.goal), without spaces."""
    headers = table("headers")
    return frozenset(re.sub(r"\s+", "", label) for label in [*headers["fields"]["goal"], *headers["form_labels"]["goal"]])


def _is_goal_label(text: str) -> bool:
    """年度总体目标, 三、年度绩效目标（2025年）：: a goal's label, its list number, remark in brackets and colon aside."""
    label = re.sub(r"\s+|[(（][^)）]*[)）]", "", text).rstrip(":：")
    return re.sub(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])", "", label) in _goal_labels()


def _starts_with_glued_label(text: str) -> bool:
    """数量指标建设普通省道二级公路…: a level label run into the cell after it."""
    match = _cut_pattern().match(text)
    if match is None:
        return False
    return match.group().endswith(("指标", "指标)")) and len(text) > match.end() and ("\u4e00" <= text[match.end()] <= "\u9fff")


def _table_word_count(text: str) -> int:
    return sum(
        1 for m in _cut_pattern().finditer(text) if not m.group()[:1].isdigit() and m.group()[:1] not in "≥≤≧≦><=＝═＞＜大小不"
    )


def has_table_words(text: str) -> bool:
    """Run-on cutting is for table text: level labels or column headers must occur in the line."""
    return _table_word_count(text) >= 2


def _bracketed_groups(text: str) -> list[str]:
    """【产出-数量指标】, 【效益-社会效益指标】 alone on a line: the indicator groups of the lines under it (a level-1 stem,
    written short or whole, and a level-2 label: indicator_grammar.yaml); [] for any other bracket (【项目概述】)."""
    found = _BRACKETED_ALONE.match(text)
    if not found:
        return []
    parts = [part.strip() for part in re.split(r"[-－—/、]", found.group(1)) if part.strip()]
    grammar = _grammar()
    level1 = {*grammar["level1_stems"], *grammar["either_stems"]}
    level2 = {*grammar["level2_stems"], *grammar["either_stems"]}
    if len(parts) != 2 or parts[0].removesuffix("指标") not in level1 or parts[1].removesuffix("指标") not in level2:
        return []
    return [part if part.endswith("指标") else part + "指标" for part in parts]  # 产出 -> 产出指标, as the labels are read


_NUMBERED_GROUP = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d))\s*(\S{2,12})$"
)


def _numbered_group(text: str) -> list[str]:
    """一、产出指标, （二）满意度指标 alone on a line: the group of the indicator lines under it, without its number; [] for
    any other numbered line (一、项目概况, 2.结业人数)."""
    found = _NUMBERED_GROUP.match(text)
    if not found:
        return []
    grammar = _grammar()
    stems = {*grammar["level1_stems"], *grammar["level2_stems"], *grammar["either_stems"]}
    group = found.group(1)
    return [group] if group.endswith("指标") and group.removesuffix("指标") in stems else []


_BRACKETED_LABEL = re.compile(r"^[【\[]([^】\]]{2,12})[】\]]\s*[:：]?\s*(.*)$")


@cache
def _bracketed_labels() -> frozenset[str]:
    """The labels a form may set in brackets (【总体目标】, 【项目概述】): of its goal, purpose and name (headers.yaml)."""
    headers = table("headers")
    labels = [*headers["fields"].get("purpose", []), *headers["form_labels"]["goal"], *headers["form_labels"]["name"]]
    return frozenset([*labels, *_grammar().get("bracketed_labels", [])])


def _bracketed_label(text: str) -> list[str]:
    """【总体目标】 -> [总体目标]; 【项目概述】:设立专项资金… -> [项目概述, 设立专项资金…]; [] for other brackets."""
    found = _BRACKETED_LABEL.match(text)
    if not found or found.group(1).strip() not in _bracketed_labels():
        return []
    rest = found.group(2).strip()
    return [found.group(1).strip(), rest] if rest else [found.group(1).strip()]


def _name_and_target(text: str) -> list[str]:
    """指标1：机柜数量（≥77台） -> [指标1：机柜数量, ≥77台]; text with no target in parentheses stays whole."""
    match = _TRAILING_TARGET.match(text.strip())
    if not match or not match.group(1).strip():
        return [text]
    return [match.group(1).strip(), match.group(2).strip()]


def _split_glued_scores(cell: str) -> list[str]:
    """对经济发展的促进作用1010: a name with its weight and score (or target and actual) glued after it."""
    match = re.search(r"(?<=[\u4e00-\u9fff)）])(\d{1,3})\1$", cell)
    if not match:
        return [cell]
    return [cell[: match.start()], match.group(1), match.group(1)]


def _label_or_header_at(text: str, position: int) -> bool:
    """A label or header word starts here (230001项目名称: the 项 is not the figure's unit)."""
    match = _cut_pattern().match(text, position)
    return match is not None and not match.group()[:1].isdigit()


def _split_doubled(gap: str) -> list[str]:
    """A self-evaluation row's target and actual written twice with nothing between: 显著提升显著提升, 2020."""
    text = gap.strip()
    half = len(text) // 2
    if len(text) >= (2 if text.isdigit() else 4) and len(text) % 2 == 0 and text[:half] == text[half:]:
        return [text[:half], text[half:]]
    return [gap]


def _split_trailing_figure(gap: str) -> list[str]:
    """Text before a value whose last characters are a figure of their own (a weight or score glued to the
    name: 验收合格率20 before 100%)."""
    match = re.search(r"(?<=[\u4e00-\u9fff)）])\d{1,3}$", gap)
    if not match:
        return [gap]
    return [gap[: match.start()], match.group()]


_KEY_DROPS = re.compile(r"[\s:：]")


def key(text: str) -> str:
    """A cell compared as a word: width folded, spaces and colons gone."""
    return _KEY_DROPS.sub("", nfkc(text))
