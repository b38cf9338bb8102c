"""Text normalisation (width, markup) and the jieba tokenizer with the domain dictionary."""

from __future__ import annotations

import html
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_LATEX = [
    (re.compile(r"\\geqslant|\\geq|\\ge(?![a-z])"), "≥"),
    (re.compile(r"\\leqslant|\\leq|\\le(?![a-z])"), "≤"),
    (re.compile(r"\\neq"), "≠"),
    (re.compile(r"\\times"), "×"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\(?:text|mathrm)\{([^}]*)\}"), r"\1"),
]
_TAG = re.compile(r"<[^>]{0,400}>")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def strip_markup(text: str) -> str:
    """Turn LaTeX math, HTML/MathML tags and entities into plain text, keeping the words."""
    if "\\" in text or "$" in text:
        for pattern, repl in _LATEX:
            text = pattern.sub(repl, text)
        text = text.replace("$", "")
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def nfkc(text: str) -> str:
    """Width normalisation: full-width digits, letters and ％ become ASCII. ≥ and ≤ survive NFKC."""
    return unicodedata.normalize("NFKC", text)


# Format characters that show nothing and mean nothing in a table cell, left by copies from web pages and
# Word: soft hyphen, zero-width space and joiners, bidi marks, embeddings, overrides and isolates, word
# joiner and invisible operators, and a BOM inside the text. Inside a figure they split it (≥9\u200b5%); a
# bidi override shows the text after it reversed (a value that reads as another on the page).
INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_BLANK_OR_CONTROL = re.compile(rf"[\s\x00-\x1f\x7f{INVISIBLE}]+")
_CONTROL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}]+")


_INVISIBLE = re.compile(f"[{INVISIBLE}]+")


def without_invisible(text: str) -> str:
    """Text without the invisible format characters (INVISIBLE): what a reader sees of a pasted cell."""
    return _INVISIBLE.sub("", text) if text else text


def without_controls(text: str) -> str:
    r"""Text as a page or a terminal may show it: without a damaged export's control characters (\x01, the
    \x1b that starts an ANSI escape, \x7f, the C1 controls \x80-\x9f), which are invalid in HTML and act on
    a terminal, nor the invisible format characters (INVISIBLE: a bidi override would show a value reversed);
    tab, newline and carriage return are kept. The rest of an escape (`[31m`) stays, as text."""
    return _CONTROL.sub("", text)


def display_width(text: str) -> int:
    """Columns the text takes on a terminal or in a fixed-width export: a wide or full-width character (Chinese,
    ＡＢＣ, the full-width space) takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of the words as written, longest first (so 之前 is tried before 前); "" for none."""
    return "|".join(re.escape(str(word)) for word in sorted(words, key=lambda word: len(str(word)), reverse=True))


@lru_cache(maxsize=100_000)
def compact(text: str) -> str:
    """Normalised form for comparing cells: markup stripped, NFKC, no whitespace and no control characters
    (a damaged export's \x01, which the review workbook cannot hold either)."""
    return _BLANK_OR_CONTROL.sub("", nfkc(strip_markup(text or "")))


# --- tokenizer -------------------------------------------------------------------------------------

_TOKENIZER_LOCK = threading.Lock()
_TOKENIZER = None


def _cache_dir() -> Path:
    """A writable place for jieba's dictionary cache, also on a read-only install or a shared machine."""
    configured = os.environ.get("ZHIBIAO_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    candidates = [Path(configured) / "zhibiao"] if configured else []
    candidates += [Path.home() / ".cache" / "zhibiao", Path(tempfile.gettempdir()) / f"zhibiao-{os.getuid()}"]
    for path in candidates:
        try:
            path.mkdir(parents=True, exist_ok=True)
            if os.access(path, os.W_OK):
                return path
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="zhibiao-"))


TOKENIZER_BACKENDS = ("jieba_fast", "jieba")  # same algorithm and dictionary; jieba_fast's core is in C


def tokenizer_backend() -> str:
    """The tokenizer module in use: ZHIBIAO_TOKENIZER if set, else jieba_fast when installed, else jieba.
    jieba_fast gives jieba's tokens (tests/test_tokenizer.py checks it on the samples) about 2x faster;
    rjieba is faster still but splits figures differently (3-11月), so it is not used."""
    wanted = os.environ.get("ZHIBIAO_TOKENIZER", "").strip()
    if wanted:
        if wanted not in TOKENIZER_BACKENDS:
            raise ValueError(f"ZHIBIAO_TOKENIZER={wanted}: choose one of {', '.join(TOKENIZER_BACKENDS)}")
        return wanted
    import importlib.util

    return "jieba_fast" if importlib.util.find_spec("jieba_fast") else "jieba"


def tokenizer():
    """The one private Tokenizer of this process (jieba or jieba_fast), built once under a lock with
    lexicons/userdict.txt."""
    global _TOKENIZER
    if _TOKENIZER is not None:
        return _TOKENIZER
    with _TOKENIZER_LOCK:
        if _TOKENIZER is None:
            _TOKENIZER = build_tokenizer(tokenizer_backend())
    return _TOKENIZER


def build_tokenizer(backend: str = "jieba"):
    """A new Tokenizer of `backend` with the domain dictionary (dictionary cache in a writable folder)."""
    import importlib
    import logging

    from scorer.lexicons import lexicon_path

    module = importlib.import_module(backend)
    module.setLogLevel(logging.WARNING)
    tok = module.Tokenizer()
    tok.tmp_dir = str(_cache_dir())
    tok.cache_file = f"{backend}.zhibiao.cache"
    tok.initialize()
    tok.load_userdict(str(lexicon_path("userdict.txt")))
    return tok


_PUNCT = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _value_span() -> re.Pattern[str]:
    """Operator + figure + unit from lexicons/units.yaml, so a target stays one token (≥95%, 140元/天/人)."""
    from scorer.lexicons import table

    data = table("units")
    spellings = {u for units in data["families"].values() for u in units} | set(data.get("aliases") or {})
    unit = alternation(spellings)
    return re.compile(rf"[≥≤<>=]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:(?:{unit})(?:/(?:{unit}))*)?")


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=200_000)
def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of each run of Chinese characters: enough to tell whether two phrases share a
    word, with no dictionary to load (jieba takes half a second at start-up)."""
    return frozenset(run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1))


@lru_cache(maxsize=200_000)
def tokens(text: str) -> tuple[str, ...]:
    """jieba tokens of a normalised string, punctuation and spaces dropped. Cached per distinct string."""
    text = nfkc(strip_markup(text))
    out: list[str] = []
    position = 0
    for match in _value_span().finditer(text):
        out.extend(_words(text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.extend(_words(text[position:]))
    return tuple(out)


def _words(text: str, tok=None) -> list[str]:
    if not text:
        return []
    return [t for t in (tok or tokenizer()).lcut(text) if t.strip() and not _PUNCT.fullmatch(t)]
