"""The YAML lexicons read alike whichever loader PyYAML offers (libyaml's, used when present, or Python's)."""

from __future__ import annotations

import pytest
import yaml

from scorer.lexicons import data_dir, table

LEXICONS = sorted(data_dir("lexicons").glob("*.yaml"))


@pytest.mark.parametrize("path", LEXICONS, ids=[path.stem for path in LEXICONS])
def test_a_lexicon_reads_the_same_with_the_python_loader(path) -> None:
    python_reading = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert table(path.stem) == python_reading


def test_there_are_lexicons_to_compare() -> None:
    assert len(LEXICONS) >= 10
