"""Bytes -> text for text exports: BOMs, UTF-8, GB18030/GBK, UTF-16 without BOM; binary refused."""

from __future__ import annotations

import codecs
import re

from scorer.messages import text as said


class UnreadableFile(Exception):
    """A file that cannot be read at all. The message names the file and, where known, the place."""


_WIDE = re.compile("[\u0800-\ufffc\ufffe\uffff\U00010000-\U0010ffff]")  # characters of 3 or 4 bytes in UTF-8
MAX_DAMAGED_SHARE = 0.02  # at most this share of damaged bytes is replaced rather than refusing the file


def decode_bytes(data: bytes, source: str, warnings: list[str] | None = None) -> str:
    """Text of a text export. A UTF-8 file with a few damaged bytes (truncated, flipped) is read with
    the damage replaced by U+FFFD, and a warning naming the file and the first bad byte is added."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text
        raise UnreadableFile(said("read.binary", source=source))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    damaged_utf8 = utf8_is_likelier(data)
    repaired = _repaired(data, "utf-8", utf8_error, source, warnings) if damaged_utf8 else None
    if repaired is not None:
        return repaired
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        repaired = _repaired(data, "gb18030", exc, source, warnings)  # a budget system's export, one byte hit
        if repaired is not None:
            return repaired
    repaired = None if damaged_utf8 else _repaired(data, "utf-8", utf8_error, source, warnings)
    if repaired is not None:
        return repaired
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.3:
        return str(best)
    raise UnreadableFile(said("read.not_text", source=source, **_place_of(data, utf8_error)))


def utf8_is_likelier(data: bytes) -> bool:
    """Whether bytes that are not all UTF-8 are UTF-8 with some damage rather than GB18030: GB18030 does not
    decode them with fewer faults, or they hold at least as many good UTF-8 characters of three bytes or
    more (Chinese) as bad bytes. GB18030 read as UTF-8 fails at nearly every Chinese character and forms
    almost none; a file mostly of ASCII (figures, codes) with a little Chinese in GB18030 has few bad bytes,
    but no good ones. UTF-8 with a few stray Latin-1 bytes (°) fails GB18030 as often."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if len(_WIDE.findall(text)) >= damaged:
        return True
    as_gb18030 = data.decode("gb18030", errors="replace")
    return as_gb18030.count("\ufffd") - data.decode("gb18030", errors="ignore").count("\ufffd") >= damaged


def _repaired(data: bytes, encoding: str, error: UnicodeDecodeError, source: str, warnings: list[str] | None) -> str | None:
    """The text with its few damaged bytes replaced by U+FFFD and a warning naming the first, or None when
    more than MAX_DAMAGED_SHARE of it is damaged (another encoding, or not text) or no warning can be given."""
    repaired = data.decode(encoding, errors="replace")
    damaged = repaired.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if warnings is None or damaged > max(1, MAX_DAMAGED_SHARE * len(data)):
        return None
    name = "UTF-8" if encoding == "utf-8" else encoding.upper()
    fields = {"source": source, "damaged": damaged, "encoding": name, **_place_of(data, error)}
    warnings.append(said("read.damaged_bytes", **fields))
    return repaired


def _place_of(data: bytes, error: UnicodeDecodeError) -> dict[str, object]:
    """Where a byte that does not decode stands, as a reviewer looks for it (its line, 1-based; its byte), and
    why, in the reviewer's words where the codec's reason is a common one."""
    from scorer.messages import CATALOGUE

    key = f"decode.reason.{error.reason}"
    reason = said(key) if key in CATALOGUE else error.reason
    return {"line": data.count(b"\n", 0, error.start) + 1, "byte": error.start, "reason": reason}


def _plausible(text: str) -> bool:
    """Most characters are CJK, ASCII printable, whitespace or CJK punctuation."""
    sample = text[:4000]
    if not sample:
        return False
    good = sum(
        1
        for ch in sample
        if ch.isspace()
        or " " <= ch <= "~"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "≥≤×—“”‘’…·"
    )
    return good / len(sample) > 0.9
