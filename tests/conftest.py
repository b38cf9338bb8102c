from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
LABELS = ROOT / "data" / "labels"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def gold_rows() -> list[dict[str, str]]:
    with (LABELS / "seeds.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def seed_documents(seed_paths):
    from scorer.ingest import read_document

    return {path.stem: read_document(path) for path in seed_paths}


@pytest.fixture(autouse=True)
def _language_of_each_test_starts_afresh():
    """A `--lang en` run leaves the process in English (as a CLI run would); reports written through the
    API by the next test would then be English too."""
    yield
    from scorer.messages import default_language, set_language

    set_language(default_language())
