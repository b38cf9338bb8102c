"""The counts a project's goal text (绩效目标) states for the year, and what each counts: read by rule L102.

A goal is prose. Beside the year's targets it holds figures per one thing (每期50人, 月均4次), rates and durations
(10个百分点, 3个工作日), totals over several years (总体目标, 2025—2027年, 累计), ways of working (一人一档) and positions
in a sequence (第十二期); only a count of the year's work binds an indicator. lexicons/goal_counts.yaml holds the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from scorer.lexicons import table
from scorer.normalise import ProjectContext
from scorer.text import alternation, bigrams
from scorer.values import chinese_number

_CLAUSE_END = re.compile(r"[。；;，,：:！、()（）]")  # a bracket ends a clause too: 1800批次（每千人4批次）
_SENTENCE_END = re.compile(r"[。；;，,：:！()（）]")  # where a list of 、-joined items ends
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–～~至到]\s*(?:(?:19|20)?\d{2})\s*年")  # 2025—2027年
_LISTED_ACTS_AFTER = 5  # characters before a list's first 、 that make it a list of acts on the counted, not of its kinds
_WAY_OF_WORKING = re.compile(r"一[\u4e00-\u9fff]一[\u4e00-\u9fff]")  # 一人一档, 一户一策: no count


@dataclass(frozen=True)
class GoalCount:
    low: float
    high: float
    unit: str
    words: frozenset[str]  # the bigrams of what the goal says it counts (its clause, before and after the figure)
    kind: str  # range, floor, cap or exact
    context: str  # that clause's text
    lead: str  # the words before the list the clause is an item of (资助特困人员、低保对象等…2.3万人: 资助特困人员)
    together: float | None = None  # the sum of the counts of its list in its unit, when it holds two or more
    listed: tuple[float, ...] = ()  # the counts of that list, its own among them
    part: str = ""  # what a part of a total counts (其中骨干教师专项培训400人次: 骨干教师专项培训), which a row must name
    before: str = ""  # the clause's words before the figure (培训约 of 培训约150人): what is counted, where a goal says it

    def match(self, name: str, sole: bool = False) -> str:
        """How the count is of what the indicator's name counts: "own" when every character of the name's stem
        (资助学生 of 资助学生人数) stands in the count's clause (资助家庭困难大学新生100名); "item" when it does only with
        the words before the clause's list (a verb the items share: 购置…2台、低温等离子灭菌器1台; 示范推广新品种、新技术
        15项); "" when it is not. A range binds less: two bigrams in common are "own". A stem of two characters (培训 of
        培训人数, 讲座 of 讲座场次) binds only the goal's sole count in its unit (`sole`), and only where it stands before
        the figure (培训约150人; not 专家20人开展义诊, whose figure counts the doctors): among several it may be any. The
        sole count binds a stem in other words too, when seven in ten of its word pairs stand in the count's clause. Words
        of how far the work reaches (覆盖: goal_counts.yaml name_extent_words) are not sought in the clause."""
        if self.kind == "range":
            return "own" if len(self.words & bigrams(name)) >= 2 else ""
        stem = count_stem(name).removesuffix(self.unit)  # 清淤疏浚处数: what is counted is 清淤疏浚, in 处
        counted = _without_extent_words(stem)  # 宗教活动场所检查覆盖: what is counted is 宗教活动场所检查
        if len(stem) < (2 if sole else 3):
            return ""
        if len(stem) < 3 and not all(character in self.before for character in stem):
            return ""  # 专家20人开展义诊: the figure counts the doctors, the 义诊 after it is what they do
        if self.part and sum(character in name for character in self.part) * 4 < len(self.part) * 3:
            return ""  # 其中骨干教师专项培训400人次 is a part; 教师培训人次 (the whole) does not name it
        if all(character in self.context for character in counted):
            return "own"
        if sole and _mostly_said(stem, self.words):
            return "own"  # 救助“两癌”患病困难妇女 for 救助患“两癌”农村困难妇女24人: the goal's sole count, said in other words
        return "item" if self.lead and all(character in self.lead + self.context for character in counted) else ""

    def contradicts(self, op: str, number: float, match: str = "own") -> bool:
        """Whether a count target (op, number) cannot agree with this count: above a range, a cap or one figure with a
        floor or a figure, below them with a cap (but a cap), another figure where both are one figure, below a floor
        or one figure with anything: a floor under the goal's (≥320件 for 不少于420件, ≥60人 for 100名) sets the year's
        target lower than the goal commits to, so the goal is never checked (five blind reviewers called it illogical).
        A cap under a goal's cap (≤150人 for 控制在200人以内) does not contradict it. A row that adds up the counts of a list
        (宫颈癌筛查5000人、乳腺癌筛查5000人: 筛查人数 = 10000人) agrees; so does a row matched through a list that shares one
        figure (示范推广新品种、新技术15项: 推广新技术项数 = 6项, a part of it), unless it asks for more than the figure; so
        does a row of one of its list's counts (3处烈士陵园和46处零散纪念设施: 维护烈士陵园 = 3处), as the items' words run
        into each other."""
        floor, cap, exact = op in ("≥", ">"), op in ("≤", "<"), op in ("", "=")
        if self.together is not None and (exact or floor) and number == self.together:
            return False
        if number in self.listed:
            return False  # 3处烈士陵园和46处纪念设施: the words of a list's items run together, 3处 is one of them
        if match == "item" and self.together is None:
            return (floor or exact) and number > self.high
        if self.kind == "range":
            return ((floor or exact) and number > self.high) or (cap and number < self.low)
        if self.kind == "floor":
            return number < self.low and not (match == "item" and floor)
        if self.kind == "cap":
            return (floor or exact) and number > self.low
        return (floor and number != self.low) or (cap and number < self.low) or (exact and number != self.low)

    def said(self) -> str:
        if self.kind == "range":
            return f"{_figure(self.low)}-{_figure(self.high)}{self.unit}"
        bound = {"floor": "不少于", "cap": "不超过"}.get(self.kind, "")
        return f"{bound}{_figure(self.low)}{self.unit}"


def _figure(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:g}"


@cache
def _words() -> dict:
    return table("goal_counts")


@cache
def _count_pattern() -> re.Pattern[str]:
    units = alternation(_words()["units"])
    about = alternation(_words()["floor_about"])
    return re.compile(
        rf"(?P<low>\d+(?:\.\d+)?)\s*(?:[-~～至到]\s*(?P<high>\d+(?:\.\d+)?)\s*)?(?P<wan>万)?(?P<about>{about})?(?P<unit>{units})"
    )


@cache
def _numeral_pattern() -> re.Pattern[str]:
    """A count in Chinese numerals right before its unit (开展培训两次, 新建三所)."""
    return re.compile(rf"[零〇一二两三四五六七八九十百千]+(?=(?:{alternation(_words()['units'])}))")


def _ways_of_working(goal: str) -> list[tuple[int, int]]:
    """The spans of 一X一Y phrases (一人一档, 一户一策): their numerals count nothing."""
    return [found.span() for found in _WAY_OF_WORKING.finditer(goal)]


def _in_digits(goal: str) -> str:
    """The goal with each count in Chinese numerals in digits; not 一 before 批 (采购一批设备: no count), nor a numeral of
    a way of working (一人一档) or after 第 (第十二期)."""
    ways = _ways_of_working(goal)

    def digits(found: re.Match[str]) -> str:
        number = chinese_number(found.group())
        after = goal[found.end() : found.end() + 1]
        inside = any(start <= found.start() < end for start, end in ways)
        if number is None or inside or (number == 1 and after == "批") or goal[: found.start()].endswith("第"):
            return found.group()
        return str(number)

    return _numeral_pattern().sub(digits, goal)


def goal_counts(project: ProjectContext) -> list[GoalCount]:
    """Every count of the year's work the goal text states, with what it counts (the words of its clause before and
    after it), kept in the project's memo. Left out: a figure per one thing (每期培训学员50人, 两镇分别建设1个, 80人/期), a
    rate or a duration (10个百分点, 3个工作日), one of the past or of a plan over several years (上年, 累计, 十四五,
    总体目标, 2025—2027年), a way of working (一人一档) and a position (第十二期)."""
    if "goal_counts" not in project.memo:
        project.memo["goal_counts"] = [
            count for goal in [project.project.goal, *project.project.goals] for count in _counts_in(_in_digits(goal))
        ]
    return project.memo["goal_counts"]


def _counts_in(goal: str) -> list[GoalCount]:
    words = _words()
    ways = _ways_of_working(goal)
    found = []
    for match in _count_pattern().finditer(goal):
        start, end = match.span()
        before = _CLAUSE_END.split(goal[max(0, start - 20) : start])[-1]
        sentence = _SENTENCE_END.split(goal[:start])[-1]
        following = goal[end : end + 4]
        if goal[:start].endswith("第") or any(s <= start < e for s, e in ways):
            continue  # 第12期, 一人一档
        if goal.startswith(tuple(words["not_units"]), match.start("unit")):
            continue  # 涵盖5门类, 召开例会: a word that opens with a unit, no count in it
        if following.startswith(tuple(words["not_a_count_after"])) or following.startswith(("/", "每")):
            continue  # 10个百分点, 3个工作日, 80人/期
        if _per_one_thing(before) or any(word in before for word in words["past_or_plan"]) or _YEAR_SPAN.search(sentence):
            continue
        if any(word in sentence for word in ("总体目标",)):
            continue
        after = _CLAUSE_END.split(goal[end : end + 20])[0]  # 120户样本记账户
        rest = _SENTENCE_END.split(goal[end : end + 30])[0]
        if len(after) >= _LISTED_ACTS_AFTER and "、" in rest and not re.search(r"\d", rest):
            # 1500名老年人提供日间照料、助餐等服务: a list of what is done for them, no other count; not a list of the
            # counted's kinds right after the figure (8名国家级、省级传承人), each item a part of the count
            after = rest
        scale = 10_000 if match.group("wan") else 1  # 资助参保1.05万人
        low = float(match.group("low")) * scale
        high = float(match.group("high") or match.group("low")) * scale
        unit = words["unit_spellings"].get(match.group("unit"), match.group("unit"))
        lead = sentence.split("、")[0]
        part = _without_bound_words(before.split("其中", 1)[1].lstrip("：:，,")) if "其中" in before else ""
        found.append(
            (
                _sentence_span(goal, start),
                GoalCount(
                    low=low,
                    high=high,
                    unit=unit,
                    words=frozenset(bigrams(before + " " + after)) - _generic_bigrams(),
                    kind=_kind(match, goal[:start], goal[end:]),
                    context=before + after,
                    lead="" if lead == before else lead,
                    part=part,
                    before=before,
                ),
            )
        )
    # A list holding two counts or more in one unit (新建公厕25座、改造18座): each count is its own item's, and a row may
    # add them up
    in_one_list: dict[tuple[tuple[int, int], str], list[GoalCount]] = {}
    for span, count in found:
        in_one_list.setdefault((span, count.unit), []).append(count)
    lists = {key: counts for key, counts in in_one_list.items() if len(counts) > 1}
    return [
        replace(
            count,
            together=sum(item.low for item in lists[span, count.unit]),
            listed=tuple(item.low for item in lists[span, count.unit]),
        )
        if (span, count.unit) in lists
        else count
        for span, count in found
    ]


def _bound_before(text: str) -> tuple[str, str]:
    """(the bound word the text ends with, floor or cap), or ("", ""): the longest decides, so 不少于 is a floor though
    少于 is a cap, and 不超过 a cap though 超过 a floor."""
    words = _words()
    bounds = [(word, "floor") for word in words["floor_before"]] + [(word, "cap") for word in words["cap_before"]]
    return max(((w, k) for w, k in bounds if text.endswith(w)), key=lambda found: len(found[0]), default=("", ""))


def _without_bound_words(text: str) -> str:
    """The text without a bound word at its end (农产品抽检不少于 -> 农产品抽检)."""
    return text[: len(text) - len(_bound_before(text)[0])]


def _sentence_span(goal: str, at: int) -> tuple[int, int]:
    """The span of the clause (up to a comma or a stop; 、 joins items of one list) that holds position `at`."""
    start = max((m.end() for m in _SENTENCE_END.finditer(goal, 0, at)), default=0)
    stop = _SENTENCE_END.search(goal, at)
    return start, stop.start() if stop else len(goal)


def _kind(match: re.Match[str], before: str, after: str) -> str:
    words = _words()
    if match.group("high"):
        return "range"
    _, kind = _bound_before(before)
    if kind:
        return kind
    if after.startswith(tuple(words["cap_after"])):
        return "cap"  # 控制在200人以内
    if after.startswith(tuple(words["floor_after"])) or match.group("about"):
        return "floor"
    return "exact"


def _per_one_thing(before: str) -> bool:
    """A figure per one thing: a word of each (每, 各, 分别, 人均, 月均 …) before it in its clause, and no word of the whole
    (共, 合计) after that (各乡镇共建设文化站12个 is a total); 各类 and 各级 say "of all kinds", not "each"."""
    words = _words()
    text = before
    for plural in words["per_one_not"]:
        text = text.replace(plural, "　" * len(plural))
    at = max((text.rfind(word) for word in words["per_one"]), default=-1)
    return at >= 0 and not any(word in text[at:] for word in words["whole"])


def count_stem(name: str) -> str:
    """The name without its count ending (资助学生人数 -> 资助学生): lexicons/unit_expectations.yaml count_endings."""
    ending = max((e for e in table("unit_expectations")["count_endings"] if name.endswith(e)), key=len, default="")
    return name[: len(name) - len(ending)]


def _without_extent_words(stem: str) -> str:
    """A stem without the words that say how far the work reaches (覆盖: goal_counts.yaml name_extent_words), unless
    nothing else is left."""
    rest = stem
    for word in _words()["name_extent_words"]:
        rest = rest.replace(word, "")
    return rest or stem


def _mostly_said(stem: str, words: frozenset[str]) -> bool:
    """Whether seven in ten of the stem's word pairs (three at least, generic ones aside) stand in a count's clause."""
    pairs = bigrams(stem) - _generic_bigrams()
    return len(pairs) >= 3 and len(pairs & words) * 10 >= len(pairs) * 7


@cache
def _generic_bigrams() -> frozenset[str]:
    return frozenset().union(*(bigrams(word) for word in _words()["generic_context"]))
