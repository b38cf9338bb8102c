"""Robustness figures: every bad input of tests/robustness plus randomly mutated seeds, through `zhibiao score`.

    python bench/robustness_figures.py [--mutants 200]

Prints inputs tried, runs that crashed (a traceback or an exit status outside 0/1/2), rows read versus
rows written, and cells neutralised in the rows CSV.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.ingest import read_paths  # noqa: E402
from scorer.report.csv_writer import FORMULA_TRIGGERS  # noqa: E402
from tests.robustness.corpus import make_corpus  # noqa: E402

csv.field_size_limit(sys.maxsize)  # the 50 MB single cell is written whole


def mutants(folder: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    seeds = sorted((ROOT / "samples").glob("*.txt"))
    out = []
    for number in range(count):
        data = bytearray(rng.choice(seeds).read_bytes())
        kind = number % 4
        if kind == 0:
            data = data[: rng.randrange(len(data))]
        elif kind == 1:
            for _ in range(rng.randrange(1, 50)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 2:
            lines = data.split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
        else:
            start = rng.randrange(len(data))
            data = data[:start] + b'=HYPERLINK("http://x")\t@SUM(1)\n-1+2\n' + data[start:]
        path = folder / f"mutant_{number:03d}.txt"
        path.write_bytes(bytes(data))
        out.append(path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutants", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = list(make_corpus(folder, big=True).values()) + mutants(folder, args.mutants)
        crashes = 0
        read = written = neutralised = 0
        for path in inputs:
            out = folder / "rows.csv"
            out.unlink(missing_ok=True)
            run = subprocess.run(
                [sys.executable, "-m", "scorer.cli", "score", str(path), "-o", str(out), "-q"],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if run.returncode not in (0, 1, 2) or "Traceback" in run.stderr:
                crashes += 1
                print(f"CRASH {path.name}: {run.stderr[-300:]}")
            report = read_paths([path])
            read += sum(d.indicator_count for d in report.documents)
            if out.exists():
                with out.open(encoding="utf-8-sig", newline="") as handle:
                    rows = list(csv.DictReader(handle))
                written += len(rows)
                neutralised += sum(
                    1
                    for row in rows
                    for cell in row.values()
                    if cell and cell[:1] in ("'", " ") and cell[1:].startswith(FORMULA_TRIGGERS)
                )
        print(f"inputs tried {len(inputs)} ({len(inputs) - args.mutants} crafted bad inputs, {args.mutants} mutated seeds)")
        print(f"crashes {crashes}; rows read {read}, rows written {written}, rows lost {read - written}")
        print(f"cells neutralised in the rows CSV: {neutralised}")


if __name__ == "__main__":
    main()
