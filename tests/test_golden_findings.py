"""A golden snapshot of every rule finding on the labelled rows of the samples and of the corpus, so that a
rule or lexicon edit shows its whole effect in review (the diff of tests/golden/*.tsv).

The rows come from the labels (../shared/tools/rows_from_labels.py), not from reading the documents, so
the snapshot moves with judgement only. The corpus snapshot holds positions and codes, never the corpus
text; it is skipped when ../shared is absent. After an intended change, rewrite the snapshots with
ZHIBIAO_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_findings.py and review their diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import scorer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TOOL = SHARED / "tools" / "rows_from_labels.py"
GOLDEN = Path(__file__).parent / "golden"


def _findings(labels: Path, projects: Path, tmp_path: Path, with_text: bool) -> str:
    rows = tmp_path / f"{labels.stem}_rows.csv"
    subprocess.run([sys.executable, str(TOOL), str(labels), str(projects), "-o", str(rows)], check=True, capture_output=True)
    frame = pd.read_csv(rows, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    result = scorer.score(frame, use_model=False)
    table = result.rows
    lines = []
    for finding in result.findings.itertuples():
        row = "-" if pd.isna(finding.row) else str(int(finding.row))
        line = f"{Path(str(finding.source)).stem}\t{finding.project_index}\t{row}\t{finding.code}"
        if with_text and row != "-":
            match = table[
                (table["source"] == finding.source)
                & (table["project_index"] == finding.project_index)
                & (table["row_index"] == int(finding.row))
            ].iloc[0]
            line += f"\t{match['level3']} = {match['value']}"
        lines.append(line)
    return "\n".join(sorted(lines)) + "\n"


CASES = {
    "samples": (ROOT / "data" / "labels" / "seeds.csv", ROOT / "data" / "labels" / "seeds_projects.csv", True),
    "corpus": (SHARED / "corpus" / "labels.csv", SHARED / "corpus" / "projects.csv", False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_findings_match_the_golden_snapshot(name, tmp_path):
    labels, projects, with_text = CASES[name]
    if not TOOL.is_file() or not labels.is_file():
        pytest.skip(f"{labels} or {TOOL} absent")
    got = _findings(labels, projects, tmp_path, with_text)
    golden = GOLDEN / f"findings_{name}.tsv"
    if os.environ.get("ZHIBIAO_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    added = sorted(set(got.splitlines()) - set(expected.splitlines()))
    removed = sorted(set(expected.splitlines()) - set(got.splitlines()))
    assert not added and not removed, f"findings changed: +{added[:10]} -{removed[:10]} (see the module docstring)"
