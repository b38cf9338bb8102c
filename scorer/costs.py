"""Costs priced per one thing (元/人, 元/平方米) and the quantity a project states for what such a price pays for: read by
rules L101 (a ceiling per one thing in the total), L103 (standard × quantity over the budget) and P108 (how much of the
budget the cost rows cover). A price per one thing is written in its unit (≤80万元/公里) or in its name (每公里改造成本)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from scorer.goals import goal_counts
from scorer.lexicons import table
from scorer.normalise import ProjectContext, RowContext
from scorer.predicates import contains_any, ends_with_any
from scorer.text import bigrams
from scorer.types import UnitFamily, Value
from scorer.values import parse_value, unit_prefix_length

_MONEY_FACTOR = {"元": 1e-4, "千元": 0.1, "万元": 1.0, "万": 1.0, "亿元": 1e4}
_PER_YEAR = re.compile(r"(?<=[^/·])[/·](?:年|年度)$")  # the year a price per one thing is per: the budget's own


def price_per_unit(row: RowContext, ceilings: bool = False) -> tuple[float, str] | None:
    """(万元 per unit, the unit) of a cost row priced per one thing: 3000元/人 -> (0.3, 人); None for a price per two
    things (元/人/天), which needs the days too, and for a ceiling (≤3000元/人) unless `ceilings`."""
    parts = _PER_YEAR.sub("", row.value.unit).split("/")  # 1.6万元/坐席·年: a year's budget pays for one year of it
    if len(parts) == 1 and parts[0] in _MONEY_FACTOR and row.value.number is not None:
        per = _unit_the_name_prices(row.name, ceilings)  # 每公里改造成本 ≤80万元: per 公里, as ≤80万元/公里 says it
        parts = [parts[0], per] if per else parts
    if len(parts) != 2 or parts[0] not in _MONEY_FACTOR or row.value.number is None:
        return None
    if row.value.op in ("≤", "<") and not ceilings:
        return None  # a ceiling on a price can be met by paying less: only a set standard fixes the spend
    return row.value.number * _MONEY_FACTOR[parts[0]], parts[1]


def price_per_unit_and_period(row: RowContext) -> tuple[float, str, str] | None:
    """(万元 per unit per period, the unit, the period) of a set standard per one thing per period: 300元/人/月 ->
    (0.03, 人, 月); 150元/天/人 -> (0.015, 人, 天). None for a ceiling, and for two things or two periods (元/人/次: how many
    times each person comes is not said)."""
    value = row.value
    parts = re.split(r"[/·]", value.unit)
    periods = _price_periods()
    if len(parts) == 2 and len(parts[1]) == 2 and parts[1][1] in periods and parts[1][0] not in periods:
        parts = [parts[0], parts[1][0], parts[1][1]]  # 元/人天: per person-day
    if len(parts) != 3 or parts[0] not in _MONEY_FACTOR or value.number is None or value.op in ("≤", "<"):
        return None
    thing, period = (parts[2], parts[1]) if parts[1] in periods else (parts[1], parts[2])
    if period not in periods or thing in periods or not thing:
        return None
    return value.number * _MONEY_FACTOR[parts[0]], thing, period


def periods_paid_for(project: ProjectContext, row: RowContext, period: str) -> float:
    """How many periods (days, months) the project states a standard per period is paid for: a figure in the cost row's
    own name (12个月生活补助), else its output quantity row in that period's units (补贴发放月数 = 12个月; the one sharing
    most words with the cost row's name, the fewest of those alike), else 1: a year's budget pays one year, and anything
    paid per day or month is paid for one of them at least. A deadline (30日内, 每月10日前) or a row of a time or a
    term (补贴发放时间, 完成时限) counts no periods paid."""
    if period == "年":
        return 1.0  # 2025年学生资助标准: a year in a name is a date, and a year's budget pays one year
    written = _price_periods()[period]
    for parsed in _figures_in_name(row):
        if parsed.unit in written and parsed.number:
            return parsed.number
    if "periods" not in project.memo:
        project.memo["periods"] = _periods_stated(project)
    candidates = [entry for unit in written for entry in project.memo["periods"].get(unit, ())]
    if len(candidates) == 1:
        return candidates[0][1]
    alike = _most_alike(bigrams(row.name), candidates)
    return 1.0 if alike is None else alike


def _periods_stated(project: ProjectContext) -> dict[str, list[tuple[frozenset[str], float]]]:
    """unit -> (the name's bigrams, the count) of each output row counting days or months: a whole count (3天, ≥12个月),
    not a deadline (30日内, 每月10日前: words left beside the figure) nor a row of a time or a term (补贴发放时间)."""
    found: dict[str, list[tuple[frozenset[str], float]]] = {}
    for other in project.rows:
        value = other.value
        if other.group == "cost" or other.level1_group not in ("output", "") or not value.number or value.text:
            continue
        not_counts = table("units")["period_count_not_names"]
        if value.family is UnitFamily.DURATION and value.op in ("≥", ">", "=", "") and not ends_with_any(other.name, not_counts):
            found.setdefault(value.unit, []).append((frozenset(bigrams(other.name)), value.number))
    return found


def _figures_in_name(row: RowContext) -> list[Value]:
    """The figures with their units a cost row's name holds (饲料库120平方米, 12个月生活补助)."""
    return [parse_value(found.group()) for found in re.finditer(r"\d+(?:\.\d+)?\s*[^\d\s，,。；;、]{1,4}", row.indicator.level3)]


def counted_in(unit: str) -> str:
    """The unit a thing priced per one is counted in (生: 人), for saying its count."""
    return next(iter(_counted_as().get(unit, ())), unit)


@cache
def _counted_as() -> dict[str, tuple[str, ...]]:
    """The units a thing priced per one is counted in besides its own (生: 人, 名)."""
    return {str(thing): tuple(map(str, units)) for thing, units in table("units")["price_things_counted_as"].items()}


@cache
def _price_periods() -> dict[str, tuple[str, ...]]:
    return {str(period): tuple(map(str, units)) for period, units in table("units")["price_periods"].items()}


# 每公里, 每一户 anywhere; 单座, 单户 opening the name (not 单位, 单价, nor the 单 of a word: 宣传单页, 工作单张)
_PER_ONE_IN_NAME = re.compile(r"每一?|^单(?![位价一项独据元])(?=[\u4e00-\u9fff])")
_AVERAGE_IN_NAME = re.compile(r"([户人亩案次件])均")  # 户均, 案均: per household, per case (counted in 件)
_AVERAGE_UNITS = {"案": "件"}


def _unit_the_name_prices(name: str, ceilings: bool = False) -> str:
    """The unit a name says its money is per (每公里改造成本: 公里; 每户改厕补助: 户), or "". With `ceilings` (a cap's
    reading) also an average or a single one (户均补助: 户; 案均办案成本: 件; 单座水库养护经费: 座): a set standard so named
    (人均基本公卫补助标准 89元) is often shared by several levels of government, and its total is no spend of this budget."""
    average = _AVERAGE_IN_NAME.search(name) if ceilings else None
    if average:
        return _AVERAGE_UNITS.get(average.group(1), average.group(1))
    found = _PER_ONE_IN_NAME.search(name) if ceilings else re.search("每一?", name)
    if found is None:
        return ""
    rest = name[found.end() :]
    unit = rest[: unit_prefix_length(rest)].strip()
    if not unit or "每" in unit or "每" in rest[len(unit) :]:
        return ""  # 每人每天伙食费: per two things, the days needed too
    if parse_value("1" + unit).family in (UnitFamily.DURATION, UnitFamily.DATE):
        return ""  # 每年维护费: per a period, not per a thing
    return unit


def quantity_paid_for(project: ProjectContext, row: RowContext, unit: str, named: bool = False) -> float | None:
    """How many of `unit` the project states for what the standard pays for: a figure in the cost row's own name
    (饲料库120平方米), else its one output quantity row in that unit, else the one whose name shares most words with the
    cost row's (救助困难患病妇女人数 for 困难患病妇女救助标准, not 两癌筛查人数), the smallest of those alike (公益性岗位在岗人数,
    not 公益性岗位政策宣传覆盖人数); none when no such row shares a word with it. With `named`, only a row sharing words
    with the cost row's name counts, even when it is the one quantity in that unit."""
    for parsed in _figures_in_name(row):
        if parsed.unit == unit and parsed.number:
            return parsed.number
    quantities = _output_quantities(project)
    candidates = [entry for alike in (unit, *_counted_as().get(unit, ())) for entry in quantities.get(alike, ())]
    if not candidates and unit:  # 监测站运维费 ≤60万元/站 and 新建监测站 4个: the stations counted in 个
        thing = bigrams(unit)  # a word of its own (坐席, 网格员): its pairs in the row's name; one character, in any pair
        candidates = [
            (words, number) for words, number in quantities.get("个", ()) if (thing <= words if thing else unit in "".join(words))
        ]
        if len(candidates) == 1 and len(unit) >= 2:
            return candidates[0][1]  # 热线坐席数量 = 40个 for ≤1.6万元/坐席: its name holds the thing priced, a word of its own
    if len(candidates) == 1 and not named:
        return candidates[0][1]  # the one quantity the project states in that unit (储备粮规模 = 1万吨 for 保管费用补贴标准)
    paid_for = bigrams(row.name)
    if named:  # the unit's own word (每批次检验费, 快速检测批次: 批次) names no thing in common
        paid_for -= bigrams(unit) | {unit}
    return _most_alike(paid_for, candidates)


def quantity_the_goal_states(project: ProjectContext, row: RowContext, unit: str) -> float | None:
    """The count in `unit` the project's goal text states of what the cost row prices, for a project with no such row
    (goal 为800户困难家庭发放冬季取暖补助, cost row 取暖补助标准 = 1000元/户: 800): of the goal's counts of the year's work
    in that unit (scorer.goals) whose clause shares a word with the cost row's name, the lowest bound of the most alike;
    none for a cap (控制在200人以内 can be met by paying fewer)."""
    units = (unit, *_counted_as().get(unit, ()))  # 1000元/生 for 为1000名困难学生发放生活补助
    candidates = [(count.words, count.low) for count in goal_counts(project) if count.unit in units and count.kind != "cap"]
    return _most_alike(bigrams(row.name), candidates)


def _most_alike(paid_for: frozenset[str], candidates: Sequence[tuple[frozenset[str], float]]) -> float | None:
    """The figure of the candidate whose name shares most of the words `paid_for`, the smallest of those alike; None
    when none shares a word."""
    best: tuple[int, float] | None = None  # (words shared, minus the figure)
    for name_words, number in candidates:
        shared = len(paid_for & name_words)
        if shared and (best is None or (shared, -number) > best):
            best = (shared, -number)
    return None if best is None else -best[1]


def _output_quantities(project: ProjectContext) -> dict[str, list[tuple[frozenset[str], float]]]:
    """unit -> (the name's bigrams, the target) of each of the project's output quantity rows in it: not cost rows (the
    priced row itself is one), not effect rows (带动就业人数 counts no one paid), no totals over years (累计) and no count
    per a period (日均清运量 ≥180吨, 单次培训人数: units.yaml part_or_period_words; a part, 其中D级危房户数, is what a
    part's standard pays for), found in one pass and kept in the project's memo (a project can have thousands of rows)."""
    if "output_quantities" not in project.memo:
        found: dict[str, list[tuple[frozenset[str], float]]] = {}
        per_period = [word for word in table("units")["part_or_period_words"] if word != "其中"]
        for other in project.rows:
            value = other.value
            if other.group == "cost" or other.level1_group not in ("output", "") or not value.number:
                continue
            if contains_any(other.indicator.level3, per_period):
                continue  # 日均清运量 ≥180吨: a day's, not the year's
            if value.op in ("≥", ">", "=", "") and not contains_any(other.name, _OVER_YEARS):
                unit = value.unit or _unit_of_a_count_name(other.name) if value.family is UnitFamily.NONE else value.unit
                found.setdefault(unit, []).append((frozenset(bigrams(other.name)), value.number))
        project.memo["output_quantities"] = found
    return project.memo["output_quantities"]


def _unit_of_a_count_name(name: str) -> str:
    """The measure word a name counts in where its figure is bare (加装燃气泄漏报警装置户数 = 9000: 户), else ""."""
    found = re.search(r"([\u4e00-\u9fff])数$", name)
    if found and parse_value("1" + found[1]).family in (UnitFamily.COUNT, UnitFamily.PERSON):
        return found[1]
    return ""


_OVER_YEARS = ("累计", "历年", "总计", "十四五", "十五五", "两年", "三年", "五年", "计划期", "规划期", "实施期")
