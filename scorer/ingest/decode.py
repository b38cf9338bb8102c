"""Bytes -> text for text exports: BOMs, UTF-8, GB18030/GBK, UTF-16 without BOM; binary refused."""

from __future__ import annotations

import codecs

from scorer.messages import text as said


class UnreadableFile(Exception):
    """A file that cannot be read at all. The message names the file and, where known, the place."""


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
    repaired = data.decode("utf-8", errors="replace")
    damaged = repaired.count("\ufffd") - data.count("\ufffd".encode())
    if damaged <= max(1, MAX_DAMAGED_SHARE * len(data)) and warnings is not None:
        warnings.append(
            f"{source}: byte {utf8_error.start}: {damaged} undecodable UTF-8 sequence(s) replaced by \ufffd "
            f"({utf8_error.reason}); the rest was read"
        )
        return repaired
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.3:
        return str(best)
    raise UnreadableFile(said("read.not_text", source=source, byte=utf8_error.start, reason=utf8_error.reason))


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
