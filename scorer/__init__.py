"""zhibiao: a quality scorer for Chinese budget performance indicators."""

from scorer.api import Result, score
from scorer.bulk import score_frame

__all__ = ["Result", "score", "score_frame"]
