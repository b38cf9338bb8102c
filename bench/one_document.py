"""Time per row of scoring ONE document of 10k, 50k, 100k and 200k rows (a budget system's export with no
document column is one document): the document-scope rules and model features must stay near-linear.

    python bench/one_document.py [--sizes 10000,50000,100000,200000]

The rows are the five samples' rows (read with `zhibiao parse`), repeated under new project names until the
size is reached, all in one document. A small document is scored first so that start-up costs (loading the
model and the lexicons) are not charged to the first size. Prints seconds and microseconds per row.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import scorer  # noqa: E402


def one_document(base: pd.DataFrame, size: int) -> pd.DataFrame:
    copies = []
    for copy in range(size // len(base) + 1):
        part = base.copy()
        part["project"] = part["project"] + f"（{copy}）"
        copies.append(part)
    frame = pd.concat(copies).head(size).reset_index(drop=True)
    frame["source"] = "export.csv"
    return frame


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,100000,200000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "rows.csv"
        subprocess.run([sys.executable, "-m", "scorer.cli", "parse", str(ROOT / "samples"), "-o", str(rows), "-q"], check=True)
        base = pd.read_csv(rows, dtype=str, keep_default_na=False)
    scorer.score_frame(one_document(base, 1000))  # start-up
    print(f"{'rows':>8} {'seconds':>8} {'us/row':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        frame = one_document(base, size)
        start = time.perf_counter()
        scored = scorer.score_frame(frame)
        elapsed = time.perf_counter() - start
        assert len(scored) == size
        print(f"{size:>8} {elapsed:>8.2f} {elapsed / size * 1e6:>7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
