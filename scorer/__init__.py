"""zhibiao: a quality scorer for Chinese budget performance indicators."""

from scorer.api import Result, score

__all__ = ["Result", "score"]
