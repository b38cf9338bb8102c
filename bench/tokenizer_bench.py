"""Tokenizer speed and parity with jieba on every text of the bundled samples.

    python bench/tokenizer_bench.py [--repeat 40]

jieba is the reference. jieba_fast and rjieba (if installed) are timed on the same strings with the
domain dictionary loaded (rjieba: the same words added with add_word), and their tokens compared.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's scorer and bench

from bench.synthetic import sample_texts
from scorer.lexicons import lexicon_path
from scorer.text import build_tokenizer


def rjieba_cut():
    import rjieba

    tokenizer = rjieba.Jieba()
    for line in lexicon_path("userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tokenizer.add_word(parts[0], freq, parts[2] if len(parts) > 2 else None)
    return tokenizer.cut


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    texts = sample_texts()
    reference = build_tokenizer("jieba").lcut
    candidates = {"jieba": reference}
    if importlib.util.find_spec("jieba_fast"):
        candidates["jieba_fast"] = build_tokenizer("jieba_fast").lcut
    if importlib.util.find_spec("rjieba"):
        candidates["rjieba"] = rjieba_cut()
    expected = [reference(t) for t in texts]
    workload = texts * args.repeat
    for name, cut in candidates.items():
        differing = sum(cut(t) != tokens for t, tokens in zip(texts, expected, strict=True))
        started = time.perf_counter()
        for text in workload:
            cut(text)
        seconds = time.perf_counter() - started
        print(
            f"{name:<10} {len(workload) / seconds:>10,.0f} strings/s; tokens differ from jieba on "
            f"{differing} of {len(texts)} sample texts"
        )


if __name__ == "__main__":
    main()
