"""Indicators of one project written in one cell as a numbered list (一、产出指标 （一）数量指标 1. 名称 ≥10次 …).

Also the department-level prose form: 绩效指标：立法任务完成率100%，预备立法项目完成率100%。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scorer.lexicons import table, terms
from scorer.text import nfkc, strip_markup

_LEVEL1 = r"(?P<l1>[一二三四五六]\s*[、.．]\s*(?P<l1name>(?:产出|效益|效果|满意度|成本|社会|经济|生态)[^\s（(、:：]{0,6}?指标))"
_LEVEL2 = r"(?P<l2>[（(]\s*[一二三四五六七八九十]{1,2}\s*[)）])"
_ITEM = r"(?P<item>(?<![\d.])\d{1,2}\s*(?:[.．](?!\d)|、))"
_MARKERS = re.compile(f"{_LEVEL1}|{_LEVEL2}|{_ITEM}")

_OPERATOR_START = re.compile(
    r"(≥|≤|>=|<=|＝|=|>|<|大于或等于|大于等于|小于或等于|小于等于|不低于|不少于|不小于|不超过|不高于|不大于|不多于)"
)
_TRAILING_FIGURE = re.compile(r"(\d[\d,.]*\s*(?:%|‰|[^\d\s，,；;。]{0,8}))$")


@dataclass
class NestedItem:
    level1: str
    level2: str
    name: str
    value: str
    text: str  # the item as written, for messages and skips


def parse_indicator_list(blob: str) -> list[NestedItem]:
    """Split a one-cell indicator list into items with their level1/level2 headings."""
    text = re.sub(r"\s+", " ", nfkc(strip_markup(blob))).strip()
    items: list[NestedItem] = []
    level1 = level2 = ""
    matches = list(_MARKERS.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        if match.group("l1"):
            level1, level2 = match.group("l1name"), ""
            continue
        if match.group("l2"):
            level2 = body.strip(" ：:")
            continue
        if not body:
            continue
        for part in _split_compound(body):
            name, value = split_name_value(part)
            items.append(NestedItem(level1=level1, level2=level2, name=name, value=value, text=part))
    return items


def _split_compound(body: str) -> list[str]:
    """`政策知晓率≥95%：带动就业人数=5人` holds two indicators; split where both sides carry a figure."""
    parts = re.split(r"[：:；;]", body)
    if len(parts) > 1 and all(_OPERATOR_START.search(p) or _TRAILING_FIGURE.search(p.strip()) for p in parts):
        return [p.strip() for p in parts if p.strip()]
    return [body.strip(" ；;。")]


def split_name_value(item: str) -> tuple[str, str]:
    """`各专委会工作调研次数 ≥ 10 次` -> (各专委会工作调研次数, ≥10次). A value with no name gives ('', value)."""
    item = item.strip(" 。；;，,")
    operator = _OPERATOR_START.search(item)
    if operator:
        return _clean_name(item[: operator.start()]), _compact(item[operator.start() :])
    if re.match(r"^\d", item):
        return "", _compact(item)
    figure = _TRAILING_FIGURE.search(item)
    if figure and figure.start() > 0 and not re.search(r"[，,]", item[figure.start() :]):
        name, value = item[: figure.start()].rstrip(), figure.group(1)
        # 改厕完成时间 2025年 10月底前, 粪污清运频次 每月 2次, 发放时间 审批后15个工作日内: the value begins at the space
        while (parted := name.rpartition(" "))[1] and parted[0].strip() and _VALUE_LEAD.fullmatch(parted[2]):
            name, value = parted[0].rstrip(), parted[2] + value
        return _clean_name(name), _compact(value)
    dated = _DATE_AFTER_SPACE.search(item)
    if dated and not re.search(r"[，,。]", item[dated.end() :]):
        return _clean_name(item[: dated.start()]), _compact(item[dated.end() :])  # 资金拨付时间 2025年6月30日前 拨付到位
    for phrase in terms("value_phrases"):
        if item.endswith(phrase):
            return _clean_name(item[: -len(phrase)]), phrase
    if " " in item and not re.search(r"[，,。]", item):
        name, value = item.rsplit(" ", 1)
        return _clean_name(name), value
    return "", item


# What, after a space, begins a value whose last figure ends it: a figure (2025年, 5月12日前后及), a period (每月, 按季度) or
# an event's words (审批后); not words of the name (按时拨付率, 12个 覆盖率 has its space before 覆盖率).
_VALUE_LEAD = re.compile(r"\d[^\s]*|[每按][月周日天季年]\S*|[\u4e00-\u9fff]{1,5}[后前]")
_DATE_AFTER_SPACE = re.compile(r"(?<=\S{2}) +(?=(?:19|20)\d{2}年|\d{1,2}月\d{1,2}日)")  # a value with no figure last


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", "", name).strip("：:，,、 ")


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value)


# --- department-level prose ------------------------------------------------------------------------

_PROSE_VALUE = re.compile(  # a change against last year before the figure is the target's (较上年下降5%)
    r"((?:(?:较上年|比上年|同比)(?:下降|增长|提高|减少|降低|增加))?"
    r"(?:大于或等于|大于等于|小于或等于|小于等于|不低于|不少于|不超过|达到|≥|≤|>=|<=|=|>|<)?\s*\d[\d,.]*\s*"
    r"(?:%|‰|个百分点|个工作日|平方公里|[\u4e00-\u9fff]{1,3})?)\s*$"
)


def parse_prose_indicators(text: str) -> list[tuple[str, str]]:
    """`立法任务完成率100%，预备立法项目完成率100%。` -> [(立法任务完成率, 100%), ...].

    With `；` between items, each item may be `name，definition≥95%`: the name is the first clause.
    """
    text = nfkc(strip_markup(text)).strip().rstrip("。.;； ")
    out: list[tuple[str, str]] = []
    if "；" in text or ";" in text:
        for part in re.split(r"[；;]", text):
            part = part.strip().rstrip("。")
            if not part:
                continue
            match = _PROSE_VALUE.search(part)
            clauses = re.split(r"[，,]", part)
            if match and len(clauses) > 1 and not _PROSE_VALUE.search(clauses[0]):
                out.append((clauses[0].strip(), _compact(match.group(1))))
            else:
                out.extend(_prose_clauses(part))
        return out
    return _prose_clauses(text)


def _prose_clauses(text: str) -> list[tuple[str, str]]:
    out = []
    for clause in re.split(r"[，,]", text):
        clause = clause.strip()
        if not clause:
            continue
        match = _PROSE_VALUE.search(clause)
        if match and match.start() > 0:
            out.append((clause[: match.start()].strip(), _compact(match.group(1))))
        else:
            out.append((clause, ""))
    return out


@cache
def _trailing_targets(phrases_only: bool) -> tuple[str, ...]:
    """The targets said in words that split_trailing_target looks for, longest first."""
    phrases = set(terms("value_phrases"))
    if not phrases_only:
        phrases |= {w for w in table("indicator_grammar")["value_words"] if len(w) >= 2}
    return tuple(sorted(phrases, key=len, reverse=True))


def split_trailing_target(name: str, phrases_only: bool = False) -> tuple[str, str]:
    """A run-on row with no value whose name ends in a target said in words (lexicons/value_phrases.txt, or
    a `value_words` entry of two characters or more, with the degree words before it: 持续改善): (name,
    target), else (name, ''). With phrases_only (the last row of a text, perhaps cut), value_phrases only.

    Good (split): 干部履职能力有效提升 -> 干部履职能力 | 有效提升 · 区域空气质量持续改善 -> 区域空气质量 | 持续改善
    Bad (kept whole): 维修施工验收合格率 (a rate, its target cut off) · 按时完成 (nothing left for a name)"""
    for phrase in _trailing_targets(phrases_only):
        if name.endswith(phrase) and len(name) - len(phrase) >= 4:
            cut = len(name) - len(phrase)
            degrees = table("indicator_grammar")["degree_words"]
            degree = next((d for d in degrees if name[:cut].endswith(d) and cut - len(d) >= 4), "")
            cut -= len(degree)
            return name[:cut], name[cut:]
    return name, ""
