"""指标值 -> Value: operator, numbers, unit, unit family, qualitative text. The raw text is kept untouched."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from scorer.lexicons import table, terms
from scorer.text import INVISIBLE, alternation, nfkc, strip_markup, without_controls
from scorer.types import UnitFamily, Value


@cache
def operator_words() -> tuple[tuple[str, str], ...]:
    """(word, symbol) pairs from lexicons/operators.yaml, in order (a longer word before any it contains)."""
    return tuple((str(word), str(symbol)) for word, symbol in table("operators")["operators"])


@cache
def suffix_operator_words() -> tuple[tuple[str, str], ...]:
    """Words after a figure that carry the operator (95%以上, 10万元以内)."""
    return tuple((str(word), str(symbol)) for word, symbol in table("operators")["suffix_operators"])


_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_MAGNITUDES = {"万": 1e4, "亿": 1e8, "千": 1e3}
_NUMBER_RE = re.compile(_NUMBER)
_RANGE_RE = re.compile(rf"({_NUMBER})\s*(%?)\s*(?:-|~|～|—|–|至|到)\s*({_NUMBER})")
_DATE_RE = re.compile(
    r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?\s*(底|末|份|中旬|上旬|下旬|初|前|之前|以前|内)?"
)
# A standard's code (GB/T 20530-2006, DA/T 31-2017, DB11/T 1234-2015, JTG F80/1-2017): letters, the standard's number and
# its year name a document, not a figure; so does the code without its year where a verb of meeting it stands before
# (符合GB 5749标准), and a rule's document number (财社〔2017〕164号, 财政部令第87号). The value is read with the letters
# alone (符合GB/T标准) as words.
_CODE_BODY = r"(?P<letters>[A-Z]{2,4})(?:\d{1,2}(?=/))?(?P<kind>/[A-Z]{1,3})?[A-Z]?\d{1,6}(?:[./]\d{1,3})*"
_STANDARD_CODES = (
    re.compile(rf"(?<![A-Za-z]){_CODE_BODY}[-—–](?:19|20)\d{{2}}(?!\d)"),
    re.compile(rf"(?<=符合|执行|按照|依据|达到|满足|参照){_CODE_BODY}(?![\d.%])"),
)
_DOCUMENT_NUMBER = re.compile(r"[〔\[【［](?:19|20)\d{2}[〕\]】］]\d{1,4}号|令第\d{1,4}号")
_DATE_WORDS = ("年底", "年末", "年内", "年底前", "年中", "季度", "月底", "当年", "年初", "上半年", "下半年")


@cache
def _units() -> tuple[list[tuple[str, str, UnitFamily]], dict[str, str]]:
    """(spelling, canonical unit, family) longest spelling first; and the alias table."""
    data = table("units")
    aliases: dict[str, str] = dict(data.get("aliases") or {})
    entries: list[tuple[str, str, UnitFamily]] = []
    for family, spellings in data["families"].items():
        for spelling in spellings:
            entries.append((spelling, spelling, UnitFamily(family)))
    for spelling, canonical in aliases.items():
        family = next((f for s, _, f in entries if s == canonical), UnitFamily.OTHER)
        entries.append((spelling, canonical, family))
    entries.sort(key=lambda e: -len(e[0]))
    return entries, aliases


@cache
def _per_period_units() -> tuple[str, ...]:
    """Units only after a per sign (1次/季度): units.yaml per_period_units, longest first."""
    return tuple(sorted((str(unit) for unit in table("units").get("per_period_units") or ()), key=len, reverse=True))


_BLANK_OR_INVISIBLE = re.compile(rf"[\s{INVISIBLE}]+")


def normalise_value_text(raw: str) -> str:
    """Markup stripped, full-width folded, spaces and invisible characters removed, thousands separators kept
    for the number regex."""
    text = nfkc(strip_markup(raw or ""))
    return _BLANK_OR_INVISIBLE.sub("", text)


def _take_operator(text: str) -> tuple[str, str]:
    for word, symbol in operator_words():
        if text.startswith(word):
            return symbol, text[len(word) :]
    return "", text


def _find_operator_anywhere(text: str) -> str:
    for word, symbol in operator_words():
        if word in text:
            return symbol
    return ""


_PRODUCT_DOTS = frozenset("·・•‧∙")  # the dot of a unit multiplied by another (人·天), as keyboards and fonts give it
# Typed for that dot inside a price (530元/人*月, 120元/人.天), but a full stop, a footnote's mark or a times sign anywhere
# else: read as the dot only after a / and before a unit that ends the value.
_TYPED_PRODUCT_DOTS = frozenset("*.×")


def _product_dot_at(rest: str, position: int, parts: list[str], joints: list[str]) -> bool:
    """Whether the character at `position` joins the unit before it to a unit multiplied with it (人·天, 人*月 in a
    price); never after a percentage (≥90%·年度)."""
    mark = rest[position : position + 1]
    if not parts or parts[-1] in ("%", "‰") or not "\u4e00" <= rest[position + 1 : position + 2] <= "\u9fff":
        return False
    if mark in _PRODUCT_DOTS:
        return True
    return mark in _TYPED_PRODUCT_DOTS and "/" in joints and _one_unit(rest[position + 1 :])


def _one_unit(text: str) -> bool:
    """Whether the text is one unit and nothing more (月, 天, 年度; 次 of 元/人.次), a closing stop aside (元/人.年。)."""
    entries, _ = _units()
    text = text.rstrip(".。*，,；;、 ")
    return len(text) == 1 or any(text == spelling for spelling, _, _ in entries) or text in _per_period_units()


@cache
def _not_in_a_per_word() -> frozenset[str]:
    """Characters that open a bound's or another word after a price's per-word (元/生以上, 元/户左右): units.yaml
    not_in_a_per_word."""
    return frozenset("".join(table("units")["not_in_a_per_word"]))


def _per_word_goes_on(following: str) -> bool:
    """Whether the character after a per-word's first ones (元/坐席's 席) is part of it: Chinese, and no word of a bound."""
    return bool(following) and "\u4e00" <= following[0] <= "\u9fff" and following[0] not in _not_in_a_per_word()


def _match_unit(rest: str) -> tuple[str, UnitFamily, int]:
    """The unit at the start of `rest`, with compound parts (元/人/天): canonical text, family, chars used."""
    entries, _ = _units()
    used = 0
    parts: list[str] = []
    joints: list[str] = []  # between each part and the next: / (per) or · (times: 人·天, 吨·公里)
    family = UnitFamily.NONE
    position = 0
    while True:
        for spelling, canonical, fam in entries:
            if rest.startswith(spelling, position):
                parts.append(canonical)
                if family is UnitFamily.NONE:
                    family = fam
                position += len(spelling)
                used = position
                break
        else:
            if joints and joints[-1] == "·":  # after a dot only a unit multiplies (≥200人·培训 is 人 and another word)
                joints.pop()
                break
            period = next((p for p in _per_period_units() if parts and rest.startswith(p, position)), "")
            if period:  # 次/季度: the whole period, not 季 and a stray 度
                parts.append(period)
                used = position + len(period)
            elif parts and position < len(rest) and "\u4e00" <= rest[position] <= "\u9fff":
                # per what, in a word of no unit table (元/生: per pupil; 元/坐席, 元/网格员: up to four characters, but no
                # bound's word after it, 元/生以上)
                length = 1
                while length < 4 and _per_word_goes_on(rest[position + length : position + length + 1]):
                    length += 1
                parts.append(rest[position : position + length])
                position += length
                used = position
                if rest[position : position + 1] in ("/", "／") or _product_dot_at(rest, position, parts, joints):
                    joints.append("/" if rest[position] in "/／" else "·")  # 元/生·年, 元/生/年: per pupil per year
                    position += 1
                    continue
            break
        if position < len(rest) and rest[position] in "/／每" and parts:
            position += 1
            joints.append("/")
            continue
        if _product_dot_at(rest, position, parts, joints):
            position += 1  # 元/人·天: a unit of two units multiplied, the dot and the second unit are the unit's
            joints.append("·")
            continue
        break
    unit = parts[0] + "".join(joint + part for joint, part in zip(joints, parts[1:], strict=False)) if parts else ""
    if "/" in unit and family is not UnitFamily.MONEY and unit.split("/")[0] in {"元", "万元", "亿元"}:
        family = UnitFamily.MONEY
    return unit, family, used


_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_POWERS = {"十": 10, "百": 100, "千": 1000}
# a run of numerals; before 万元 or 亿元 the 万 or 亿 is the unit's (十五万元: 十五 and 万元)
_CHINESE_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万]+?(?=万元|亿元)|[零〇一二两三四五六七八九十百千万]+")
_DATE_QUALIFIERS = {"前", "之前", "以前", "内", "以内", "底", "末", "底前", "末前"}  # 十二月底前, 十个工作日内
_FRACTION_NUMERALS = "[零〇一二两三四五六七八九十百千]+"


def year_number(written: str) -> int:
    """A year written in digits or in Chinese numerals as titles write it: 2023 for 2023 or 二〇二三 (0 for neither)."""
    return int(written) if written.isdigit() else chinese_number(written) or 0


def chinese_number(numeral: str) -> int | None:
    """A number written in Chinese numerals: 九十五 95, 一百二十 120, 两千 2000, 三万 30000, 二〇二五 2025 (digits
    in a row, as years are written); None for what is no number (万 alone, 十十) or an approximation (两三,
    二三十: two digits side by side beside a power)."""
    if all(character in _CHINESE_DIGITS for character in numeral):
        if len(numeral) == 2 or set(numeral) <= {"零", "〇"}:
            return None  # 两三 and 三四 are about two or three; 零 alone is a state (零事故), not a figure
        return int("".join(str(_CHINESE_DIGITS[character]) for character in numeral))
    if re.search("[一二两三四五六七八九]{2}", numeral):
        return None  # 二三十, 七八十: about twenty or thirty; 十四五: a plan period, not fifteen
    total = section = digit = 0
    for character in numeral:
        if character in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[character]
        elif character in _CHINESE_POWERS:
            section += (digit or 1) * _CHINESE_POWERS[character]
            digit = 0
        elif section or digit:  # 万
            total, section, digit = (total + section + digit) * 10_000, 0, 0
        else:
            return None
    number = total + section + digit
    return number or None


def _says_no_figure(text: str) -> bool:
    """An unspecified quantity (一批, 一些, 若干: units.yaml approximate_quantities), not a figure."""
    return any(word in text for word in table("units").get("approximate_quantities", ()))


@cache
def _fractions() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """A fraction word before Chinese numerals (百分之九十五, 千分之五), the same before Arabic digits (百分之95), and
    the unit each word means (units.yaml fraction_words)."""
    units = {str(word): str(unit) for word, unit in (table("units").get("fraction_words") or {}).items()}
    words = alternation(units)
    return re.compile(f"({words})({_FRACTION_NUMERALS})"), re.compile(f"({words})({_NUMBER})"), units


@cache
def _tenths() -> re.Pattern[str]:
    """N成 (N tenths) and N成M (N.M tenths: 九成五): one digit or 十 before the word, one digit after it."""
    words = "|".join(re.escape(str(word)) for word in table("units").get("tenth_words") or ())
    return re.compile(f"(?<![零〇一二两三四五六七八九十百千万])(十|[一二两三四五六七八九])(?:{words})([一二三四五六七八九]?)")


def _fractions_in_figures(text: str) -> str:
    """Fraction words before Arabic digits as the unit after them: 百分之95 -> 95%, 千分之5以内 -> 5‰以内."""
    _, arabic_fraction, units = _fractions()
    return arabic_fraction.sub(lambda found: f"{found[2]}{units[found[1]]}", text)


def _in_arabic_figures(text: str) -> str:
    """The text with each run of Chinese numerals in Arabic digits: 不少于两千人次 -> 不少于2000人次, 百分之九十五 -> 95%,
    千分之五 -> 5‰, 百分百 -> 100%, 九成 -> 90%."""
    fraction, _, units = _fractions()
    for spelling, written in (table("units").get("fraction_spellings") or {}).items():
        text = text.replace(str(spelling), str(written))

    def per_cent(found: re.Match[str]) -> str:
        number = chinese_number(found[2])
        return found[0] if number is None else f"{number}{units[found[1]]}"

    def tenths(found: re.Match[str]) -> str:
        whole = chinese_number(found[1]) or 0
        if whole == 10 and found[2]:
            return found[0]  # 十成五 is no share
        return f"{whole * 10 + (chinese_number(found[2]) or 0) if found[2] else whole * 10}%"

    def arabic(found: re.Match[str]) -> str:
        number = chinese_number(found[0])
        return found[0] if number is None else str(number)

    text = _tenths().sub(tenths, fraction.sub(per_cent, text))
    return _CHINESE_NUMERAL.sub(arabic, text)


@cache
def _period_frames() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Words naming the span a figure is counted over (全年, 年度), and words giving it per a period (每年: 年),
    longest first (units.yaml period_frames, per_period_frames)."""
    data = table("units")
    spans = tuple(sorted((str(word) for word in data.get("period_frames") or ()), key=len, reverse=True))
    per = sorted(((str(w), str(p)) for w, p in (data.get("per_period_frames") or {}).items()), key=lambda e: -len(e[0]))
    return spans, tuple(per)


@cache
def _anchored_deadline() -> re.Pattern[str]:
    """An event (…后, …之日起) or a per-period word (每月), a figure in digits and its unit of time, a deadline word
    (内, 前); or an event and 前 before the figure and its unit (开学前10天: counted back from the event, not after a
    comparison: 较前1年); then at most a few words of the act (units.yaml deadline_anchors, deadline_words,
    deadline_before_anchors, deadline_comparisons)."""
    data = table("units")
    anchors, ends = alternation(data.get("deadline_anchors") or ()), alternation(data.get("deadline_words") or ())
    periods, times = alternation((data.get("per_period_frames") or {}).keys()), alternation(data["families"]["duration"])
    before = alternation(data.get("deadline_before_anchors") or ())
    if not (anchors and ends):
        return re.compile("(?!)")
    after_event = rf"(?:[^\d]{{1,12}}?(?:{anchors})|(?:{periods}))\d+(?:{times})(?:{ends})"
    if not before:
        return re.compile(rf"{after_event}(?P<act>[^\d]{{0,6}})")
    not_compared = "".join(f"(?<!{re.escape(word)})" for word in data.get("deadline_comparisons") or ())
    before_event = rf"[^\d]{{1,12}}?{not_compared}(?:{before})\d+(?:{times})(?:{ends})?"
    return re.compile(rf"(?:{after_event}|{before_event})(?P<act>[^\d]{{0,6}})")


@cache
def _clock_deadline() -> re.Pattern[str]:
    """A time of day before which a thing is done (每日早上7点前, 每天8:00前, 17时前, 下午5点半前上报), in digits: units.yaml
    clock_days, clock_parts_of_day, clock_hour_words, deadline_before_anchors."""
    data = table("units")
    days, parts = alternation(data.get("clock_days") or ()), alternation(data.get("clock_parts_of_day") or {})
    hours, before = alternation(data.get("clock_hour_words") or ()), alternation(data.get("deadline_before_anchors") or ())
    if not (hours and before):
        return re.compile("(?!)")
    day, part = (f"(?:{words})?" if words else "" for words in (days, parts))
    minutes = rf"(?::(?P<colon>\d{{2}})|(?:{hours})(?:(?P<minute>\d{{1,2}})分|(?P<half>半))?整?)"
    return re.compile(rf"(?P<day>{day}(?P<part>{part}))(?P<hour>\d{{1,2}}){minutes}(?P<end>{before})(?!后)(?P<act>[^\d]{{0,6}})")


def _clock(raw: str, op: str, body: str) -> Value | None:
    """A time of day as a deadline (_clock_deadline; not 七点前后): the hour (past noon for 下午, 晚上 …) and the minute
    when given, family date, unit 时, the words of the day and the act as its text; None for any other value."""
    found = _clock_deadline().fullmatch(body)
    if found is None:
        return None
    hour = int(found["hour"])
    if hour < 12:  # 下午五点: 17
        hour += int((table("units").get("clock_parts_of_day") or {}).get(found["part"], 0))
    minute = found["colon"] or found["minute"] or ("30" if found["half"] else "")
    if hour > 24 or (minute and int(minute) >= 60):
        return None
    numbers = (float(hour), float(minute)) if minute else (float(hour),)
    text = found["day"] + found["end"] + found["act"]
    return Value(raw=raw, op=op or "≤", numbers=numbers, unit="时", family=UnitFamily.DATE, text=text)


@cache
def _degree_words() -> tuple[str, ...]:
    """Degree adverbs (strong_degree_words.txt): after a deadline, they make the act a claim of how much, not a thing
    done (竣工后一年内明显改善); 及时 or 正常 there (发现后两小时内及时报告, 接报后两小时内恢复正常) do not."""
    return terms("strong_degree_words")


def _is_anchored_deadline(text: str) -> bool:
    """A deadline counted from an event or within a period (_anchored_deadline) whose act, if any, is a thing done
    (发现后两小时内报告), not a degree (投入使用后一年内显著改善, 培训结束后一个月内有效提升)."""
    match = _anchored_deadline().fullmatch(text)
    return match is not None and not any(word in match.group("act") for word in _degree_words())


def _per_period(raw: str, text: str) -> Value | None:
    """一年一次, 每季度一次, 每年不少于2次: the figure per the period, as 1次/年 is read; None when the value is
    not a per-period word followed by a figure, its unit and operator words only (一年一度, 每月一报, 每年12月底前)."""
    for word, period in _period_frames()[1]:
        if not text.startswith(word) or len(text) == len(word):
            continue
        rest = parse_value(text[len(word) :])
        plain = rest.has_number and not rest.text and rest.unit and "/" not in rest.unit
        if not plain or rest.family in (UnitFamily.DATE, UnitFamily.DURATION):
            return None
        return Value(
            raw=raw,
            op=rest.op,
            numbers=rest.numbers,
            unit=f"{rest.unit}/{period}",
            family=rest.family,
            is_range=rest.is_range,
        )
    return None


def without_standard_codes(text: str) -> str:
    """The text with each standard's code cut to its letters (符合DA/T 31-2017标准 -> 符合DA/T标准) and each document
    number to its marks (财社〔2017〕164号 -> 财社〔〕号)."""
    for code in _STANDARD_CODES:
        text = code.sub(lambda m: m.group("letters") + (m.group("kind") or ""), text)
    return _DOCUMENT_NUMBER.sub(lambda m: re.sub(r"\d", "", m.group()), text)


# A date written in figures with dots, dashes or slashes (2024.12.31前完成, 2025-06-30, 2024/12/31, 2024.12月底前), as a
# system's date field or a keyboard gives it: a year, a month of 1-12 and a day of 1-31, none run into another figure. A
# year and a month alone are a date only where a deadline's word or 月 follows (2025.06前; not 2024.5万元, nor a bare
# 2020.5, which an area or an amount may be: scorer.normalise reads it as a date under a name that asks when).
_FIGURE_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})([.\-/])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?![\d.%])")
_FIGURE_MONTH = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})[.\-/](0?[1-9]|1[0-2])(?:月|(?=底|末|前|之前|以前|内|份|中旬|上旬|下旬|初))"
)


_WEEKDAYS = "一二三四五六日"  # 天 is 日 (周天)
_WEEKDAY_LIMIT = re.compile(r"(?:每周|每星期|周|星期)([一二三四五六日天])(?:前|之前|以前)")


def _numeric_dates_in_words(text: str) -> str:
    """Dates in figures (2024.12.31前) written as the words a date is read in (2024年12月31日前)."""
    if not re.search(r"\d[.\-/]\d", text):
        return text
    text = _FIGURE_DATE.sub(lambda m: f"{m[1]}年{int(m[3])}月{int(m[4])}日", text)  # one separator twice: not 2025.1-12
    return _FIGURE_MONTH.sub(lambda m: f"{m[1]}年{int(m[2])}月", text)


@lru_cache(maxsize=200_000)
def parse_value(raw: str) -> Value:
    """Parse an indicator value. Never raises; text with no figure comes back with `text` set.

    A value written in Chinese numerals (两次, ≥九十五%, 十二月底前, 千分之五以内, 九成以上, 百分百) is read as its
    figures when they, their units and the operator words are all it says (a deadline's 前 or 内 too, and a
    word naming the span counted over: 全年不少于两次); numerals inside words or slogans (一次性, 两个维护, 三会一课,
    统一, 一成不变, 百分百满意), an unspecified quantity (一批), an approximation (两三次) and 零 alone leave it
    words. A deadline counted from an event or within a period (每学期开学后一个月内, 收到申请后五个工作日内, 每月十五日前)
    reads as the same deadline in digits. A figure per a period (一年一次, 每季度不少于1次) takes the period as its
    unit's denominator (次/年). A time of day before which a thing is done (每日早上七点前, 每天8:00前, 17时前) is a limit
    of time: family date, unit 时, the hour and the minute.

    >>> parse_value("≥95%").op, parse_value("≥95%").numbers, parse_value("≥95%").family.value
    ('≥', (95.0,), 'percent')
    """
    text = _numeric_dates_in_words(without_standard_codes(normalise_value_text(raw)))
    if not text:
        return Value(raw=raw or "")
    weekday = _WEEKDAY_LIMIT.fullmatch(text)
    if weekday:  # 每周二前: a limit of time each week, as 每月5日前 is each month
        day = float(_WEEKDAYS.index(weekday[1].replace("天", "日")) + 1)
        return Value(raw=raw, op="≤", numbers=(day,), unit="周", family=UnitFamily.DATE)
    per_period = _per_period(raw, text)
    if per_period is not None:
        return per_period
    text = _fractions_in_figures(text)
    if _CHINESE_NUMERAL.search(text) and not re.search(r"\d", text) and not _says_no_figure(text):
        in_figures = _in_arabic_figures(text)
        arabic = _parse_normalised(raw, in_figures)
        timed = arabic.family in (UnitFamily.DATE, UnitFamily.DURATION) and arabic.text in _DATE_QUALIFIERS
        # a deadline counted from an event or within a period (开学后两周内, 每月十五日前), as its digits are read
        timed = timed or (arabic.family is UnitFamily.DURATION and _is_anchored_deadline(in_figures))
        # a time of day (每日早上七点前) whose act is a thing done, not a degree (十七时前明显改善)
        clock = arabic.family is UnitFamily.DATE and arabic.unit == "时"
        timed = timed or (clock and not any(word in arabic.text for word in _degree_words()))
        frames = _period_frames()
        # a word naming the span (全年不少于两次) or the period (每天两小时, as 每天2小时 is read) before the figure
        spanned = text.startswith(arabic.text) and (arabic.text in frames[0] or arabic.text in dict(frames[1]))
        if arabic.has_number and (not arabic.text or timed or spanned):
            return arabic
    return _parse_normalised(raw, text)


def _parse_normalised(raw: str, text: str) -> Value:
    op, body = _take_operator(text)
    suffix_op = ""
    for word, symbol in suffix_operator_words():
        if word in body:
            suffix_op = symbol
            break
    op = op or suffix_op

    date = _DATE_RE.search(body)
    if date and (date.group(1) or date.group(4) or body.endswith("月")) and not _months_after_an_event(body, date):
        month = float(date.group(2))
        numbers = (float(date.group(1)), month) if date.group(1) else (month,)
        leftover = (body[: date.start()] + body[date.end() :]).strip()
        if not op:
            if date.group(4) in {"前", "之前", "以前", "内", "底", "末"} or "前" in leftover:
                op = "≤"
            else:
                op = _find_operator_anywhere(body)
        return Value(raw=raw, op=op, numbers=numbers, unit="月", family=UnitFamily.DATE, text=leftover)

    clock = _clock(raw, op, body)
    if clock is not None:
        return clock

    rng = _RANGE_RE.search(body)
    if rng:
        low, high = _to_float(rng.group(1)), _to_float(rng.group(3))
        unit, family, used = _match_unit(body[rng.end() :])
        if not unit and rng.group(2):
            unit, family = "%", UnitFamily.PERCENT
        leftover = body[: rng.start()] + body[rng.end() + used :]
        return Value(raw=raw, op=op, numbers=(low, high), unit=unit, family=family, text=_leftover(leftover), is_range=True)

    number = _NUMBER_RE.search(body)
    if not number:
        family = UnitFamily.DATE if any(w in body for w in _DATE_WORDS) else UnitFamily.NONE
        if not op:
            op = _find_operator_anywhere(body)
        return Value(raw=raw, op=op, family=family, text=body)

    if not op:
        # an operator written just before the figure, after some words: 发放到位率=100%, 完成率达到95%
        op, _ = _take_operator_before(body[: number.start()])
    figure = _to_float(number.group())
    rest = body[number.end() :]
    magnitude = _MAGNITUDES.get(rest[:1])
    skipped = 0
    if magnitude and not rest.startswith(("万元", "亿元", "千元")):
        _, _, used_after = _match_unit(rest[1:])
        if used_after:  # 50万亩, 20万人次: a magnitude before a unit, not the money unit 万
            figure, rest, skipped = figure * magnitude, rest[1:], 1
    unit, family, used = _match_unit(rest)
    used += skipped
    leftover = body[: number.start()] + body[number.end() + used :]
    for word, _symbol in suffix_operator_words():
        leftover = leftover.replace(word, "")
    return Value(raw=raw, op=op, numbers=(figure,), unit=unit, family=family, text=_leftover(leftover))


def _months_after_an_event(body: str, date: re.Match[str]) -> bool:
    """N月 right after an event (开学后1月内, 验收后2月内, 受理之日起3月内: units.yaml deadline_anchors), with no year, no day
    and no word but 内 after it: a number of months counted from the event, not a month of the year (次年1月内, 汛后11月底前
    are months)."""
    if date.group(1) or date.group(3) or date.group(4) not in (None, "内"):
        return False
    return body[: date.start()].endswith(tuple(table("units").get("deadline_anchors") or ()))


def _take_operator_before(prefix: str) -> tuple[str, str]:
    for word, symbol in operator_words():
        if prefix.endswith(word):
            return symbol, prefix[: -len(word)]
    return "", prefix


def _leftover(text: str) -> str:
    for word, _ in operator_words():
        text = text.replace(word, "")
    return text.strip("，,。；;:：、 ")


def _to_float(text: str) -> float:
    return float(text.replace(",", ""))


def format_value(op: str, number: float, unit: str) -> str:
    """The inverse of parse_value for simple values: ('≥', 95, '%') -> '≥95%'."""
    figure = f"{number:.6f}".rstrip("0").rstrip(".")
    return f"{op}{figure}{unit}"


WAN_FACTORS = {"元": 1e-4, "千元": 1e-1, "百元": 1e-2, "万元": 1.0, "万": 1.0, "亿元": 1e4}  # an amount -> 万元
_MONEY_UNIT_CELL = re.compile(rf"^(?:单位[:：]?)?[(（]?({'|'.join(sorted(WAN_FACTORS, key=len, reverse=True))})[)）]?$")
_BUDGET_RE = re.compile(rf"^(-?(?:{_NUMBER}))({'|'.join(sorted(WAN_FACTORS, key=len, reverse=True))})?$")


_MONEY_GLOSS = re.compile(r"[（(](万元|亿元|千元|百元|元)[）)]")


def glossed_money_unit(text: str) -> str:
    """The unit of money a heading or a label glosses in brackets (预算数（元）: 元; 项目资金(万元): 万元), or "":
    the unit of the bare figures under or after it."""
    found = _MONEY_GLOSS.search(nfkc(text or ""))
    return found[1] if found else ""


def money_unit_cell(text: str) -> str:
    """The unit of money a cell holds and nothing else (元, 万元, （万元）, 单位：元), or "": the unit of a figure in
    the cell before it, as forms write 预算金额 | 80000 | 元."""
    found = _MONEY_UNIT_CELL.match(re.sub(r"\s+", "", nfkc(without_controls(text or ""))))
    return found[1] if found else ""


@cache
def _part_remark() -> re.Pattern[str]:
    return re.compile(r"\((?:" + alternation(table("units").get("budget_part_remarks") or ()) + r")[^()]*\)$")


def without_part_remark(text: str) -> str:
    """An amount without the bracketed remark on its parts after it (80万元（其中财政拨款80万元） -> 80万元: lexicons/units.yaml
    budget_part_remarks); any other text as it is."""
    remark = _part_remark().search(nfkc(text)) if text.endswith((")", "）")) else None
    return nfkc(text)[: remark.start()] if remark else text


def budget_in_wan(text: str) -> float | None:
    r"""A budget cell of a rows table (万元) as a number: `1,234.5`, `120万元`, `１２０`, `3000元` (0.3), `20\x01`
    (20: a damaged export's control characters are no part of the amount); None for an empty cell or one that
    is not one amount (`待定`, `100-200`). A bracketed remark on the amount's parts after it (`80万元（其中财政拨款80万元）`,
    lexicons/units.yaml budget_part_remarks) is no part of it."""
    compact = re.sub(r"\s+", "", nfkc(without_controls(text or "")))
    match = _BUDGET_RE.match(without_part_remark(compact))  # 80万元(其中财政拨款80万元): 80万元
    if not match:
        return None
    amount, unit = float(match.group(1).replace(",", "")), match.group(2) or "万元"
    return round(amount * WAN_FACTORS[unit], 6)  # as the readers round it: 1234元 is 0.1234


def money_in_wan(value: Value) -> float | None:
    """A money value converted to 万元 (元 / 亿元 / 千元 handled), or None when it is not plain money."""
    if value.family is not UnitFamily.MONEY or value.number is None or "/" in value.unit:
        return None
    factor = WAN_FACTORS.get(value.unit)
    return None if factor is None else value.numbers[-1] * factor


def unit_prefix_length(rest: str) -> int:
    """How many characters of `rest` are the unit of a figure just before it (spaces, a magnitude 万/亿 and
    a parenthesised gloss included): 2 for '人次汇总…', 3 for ' 人次', 0 for '汇总'."""
    stripped = rest.lstrip(" ")
    lead = len(rest) - len(stripped)
    magnitude = 1 if stripped[:1] in _MAGNITUDES and not stripped.startswith(("万元", "亿元", "千元")) else 0
    _, _, used = _match_unit(stripped[magnitude:])
    if not used and magnitude:
        return lead + 1
    if not used:
        return 0
    used += magnitude
    deadline = re.match(r"(?:底前|底|末|之前|以前|前|内|中旬|上旬|下旬)", stripped[used:])
    if deadline and stripped[used - 1 : used] in ("月", "日", "年", "底", "末"):
        used += deadline.end()  # 10月底前, 2024年底: the deadline word belongs to the date
    gloss = re.match(r"[(（][^()（）]{1,6}[)）]", stripped[used:])
    if gloss:
        used += gloss.end()
    return lead + used


def is_unit_only(text: str) -> bool:
    """A cell that holds nothing but a unit: '%', '万元', '人次', '%(百分比)'."""
    compact_text = re.sub(r"\s+", "", nfkc(text or ""))
    return bool(compact_text) and unit_prefix_length(compact_text) == len(compact_text)
