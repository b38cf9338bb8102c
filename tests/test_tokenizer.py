"""The fast tokenizer must give jieba's tokens: plain jieba is the reference."""

from __future__ import annotations

import pytest

from bench.synthetic import sample_texts
from scorer.text import build_tokenizer, tokenizer_backend

pytest.importorskip("jieba_fast")


def test_jieba_fast_gives_jiebas_tokens_on_every_sample_text():
    reference, fast = build_tokenizer("jieba"), build_tokenizer("jieba_fast")
    texts = sample_texts()
    assert len(texts) > 1500
    differing = [t for t in texts if reference.lcut(t) != fast.lcut(t)]
    assert differing == []


def test_backend_follows_the_environment(monkeypatch):
    monkeypatch.setenv("ZHIBIAO_TOKENIZER", "jieba")
    assert tokenizer_backend() == "jieba"
    monkeypatch.setenv("ZHIBIAO_TOKENIZER", "rjieba")
    with pytest.raises(ValueError, match="ZHIBIAO_TOKENIZER=rjieba"):
        tokenizer_backend()
    monkeypatch.delenv("ZHIBIAO_TOKENIZER")
    assert tokenizer_backend() == "jieba_fast"
