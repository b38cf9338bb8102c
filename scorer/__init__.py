"""zhibiao: a quality scorer for Chinese budget performance indicators."""

from importlib.metadata import PackageNotFoundError, version

from scorer.api import Result, score
from scorer.engines.bulk import score_frame

try:
    __version__ = version("zhibiao")  # the one version source is pyproject.toml's, as installed
except PackageNotFoundError:  # a checkout on sys.path that was never installed
    __version__ = "0+unknown"

__all__ = ["Result", "__version__", "score", "score_frame"]
