"""Cold `zhibiao score` of one document: wall time of the whole process, and where it goes, for each sample.

    python bench/cold_start.py [--runs 5] [FILE ...]        # default: the five samples

Each run is a fresh process (`python -m scorer.cli score FILE -o rows.csv -q`), after one warm-up run of
the first file (so that the OS has the files cached: what a reviewer's second document sees). The whole
process is timed from outside; inside, the same command is timed by stage by wrapping the CLI's own steps:
interpreter start-up and imports (until scorer.cli is loaded), reading (`_read_documents`), scoring
(`score_documents`: rules and model, lexicons and model loaded on first use) and writing (`_write_outputs`).
Prints the median of --runs for each file, and whether the jieba dictionary was loaded (no scoring path
needs it).

The package's bytecode is compiled first (`compileall`), as `pip install .` does when it installs zhibiao:
where PYTHONDONTWRITEBYTECODE is set (some containers and CI images set it), an editable checkout never
writes its __pycache__, and every run would compile the package's modules from source again (about 0.1 s)
that a user's installed copy never does. --source-only times that case instead (it removes the package's
__pycache__ folders first; where bytecode may be written, the first run writes them again).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STAGED = r"""
import json, sys, time
started = time.perf_counter()
import scorer.cli as cli
import scorer.api as api
stages = {"imports": time.perf_counter() - started}

def timed(module, name, stage):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - begun
    setattr(module, name, wrapper)

timed(cli, "_read_documents", "read")
timed(api, "score_documents", "score")  # imported by the CLI when it scores
timed(cli, "_write_outputs", "write")
sys.argv = ["zhibiao", "score", sys.argv[1], "-o", sys.argv[2], "-q"]
try:
    cli.main()
except SystemExit:
    pass
stages["jieba_loaded"] = "jieba" in sys.modules and getattr(sys.modules["jieba"].dt, "initialized", False)
print(json.dumps(stages))
"""


STAGES = ("imports", "read", "score", "write")


def whole_process(path: Path, output: Path) -> float:
    begun = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scorer.cli", "score", str(path), "-o", str(output), "-q"], check=True)
    return time.perf_counter() - begun


def staged(path: Path, output: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", STAGED, str(path), str(output)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--source-only", action="store_true", help="do not compile the bytecode first (each run compiles the modules)"
    )
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples").glob("*.txt"))
    if args.source_only:
        for cache in (ROOT / "scorer").rglob("__pycache__"):
            shutil.rmtree(cache)
        unwritten = " (PYTHONDONTWRITEBYTECODE is set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
        print(f"bytecode: not compiled first{unwritten}")
    else:
        compileall.compile_dir(ROOT / "scorer", quiet=1)
        print("bytecode: scorer/ compiled first, as `pip install .` does")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "rows.csv"
        whole_process(files[0], output)  # warm-up: files in the OS cache
        print(f"{'file':<28} {'wall':>6} {'imports':>8} {'read':>6} {'score':>6} {'write':>6} {'rest':>6}  jieba")
        for path in files:
            walls = [whole_process(path, output) for _ in range(args.runs)]
            parts = [staged(path, output) for _ in range(args.runs)]
            wall = statistics.median(walls)
            median = {stage: statistics.median(p.get(stage, 0.0) for p in parts) for stage in STAGES}
            rest = wall - sum(median.values())  # interpreter start-up and exit, argument parsing, the summary
            jieba = any(p["jieba_loaded"] for p in parts)
            print(
                f"{path.name:<28} {wall:>6.2f} {median['imports']:>8.2f} {median['read']:>6.2f} {median['score']:>6.2f} "
                f"{median['write']:>6.2f} {rest:>6.2f}  {'loaded' if jieba else 'not loaded'}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
