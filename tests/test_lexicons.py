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


class _NoDuplicateKeys(yaml.SafeLoader):
    """A loader that refuses a key written twice in one mapping: YAML keeps the last silently, so a second `公里:` list of
    measure words replaced the first one and took its nouns away."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        assert key not in seen, f"{key!r} written twice (line {key_node.start_mark.line + 1})"
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_NoDuplicateKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


@pytest.mark.parametrize("path", LEXICONS, ids=[path.stem for path in LEXICONS])
def test_no_lexicon_writes_a_key_twice(path):
    yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicateKeys)


def test_the_duplicate_key_check_finds_one():
    with pytest.raises(AssertionError, match="written twice"):
        yaml.load("measure_words:\n  公里: [道路]\n  台: [设备]\n  公里: [河道]\n", Loader=_NoDuplicateKeys)
