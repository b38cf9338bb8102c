"""Bulk scoring throughput: the seed rows repeated N times as separate documents, through scorer.score.

    python bench/bulk_score_bench.py --copies 200      # 102,400 rows

Prints rows/s and peak memory (resource.getrusage). A starting point for the throughput issue, not its
benchmark: no plain-regex comparison, no process pool yet.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import pandas as pd

import scorer
from scorer.ingest import read_paths
from scorer.table import indicator_frame

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--no-model", action="store_true")
    args = parser.parse_args()
    base = indicator_frame(read_paths([ROOT / "samples"]).documents)
    base = base[["source", "project", "level1", "level2", "level3", "description", "value", "basis"]]
    frame = pd.concat([base.assign(source=base["source"] + f"#{i}") for i in range(args.copies)], ignore_index=True)
    started = time.perf_counter()
    result = scorer.score(frame, use_model=not args.no_model)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(frame):,} rows, {len(result.projects):,} projects: {seconds:.1f}s = {len(frame) / seconds:,.0f} rows/s; "
        f"peak memory {peak:,.0f} MB ({'rules only' if args.no_model else 'rules + model'})"
    )


if __name__ == "__main__":
    main()
