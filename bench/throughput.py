"""Bulk scoring throughput and memory, against a plain-regex pass over the same file, in one run.

    python bench/throughput.py --rows 200000                 # zhibiao vs 5 regexes a row
    python bench/throughput.py --rows 1000000 --skip-regex   # the 1M-row target
    python bench/throughput.py --rows 100000 --dask          # the Dask engine on a LocalCluster, same output?
    python bench/throughput.py --shape export-zh --rows 200000     # a budget system's export: Chinese headings,
                                                                   # no document column (one document)
    python bench/throughput.py --shape one-document --rows 10000,50000,100000,200000   # time per row by size

Generates a seeded corpus (bench.synthetic: units × years, sample projects under new names, figures
redrawn, planted copies) as CSV (or --format parquet), in one of three shapes (--shape): `corpus`, a
source column and documents of about 100 rows; `export-zh`, what a budget system exports (项目名称,
预算数（万元）, 一级指标 … 指标值, no document column, so the file is one document); `one-document`, the rows
contract with every row in one document. Then it times, each in a fresh process:
- the plain-regex pass: read the CSV with the csv module, 5 regex searches a row, write a CSV with the flags;
- `zhibiao score CORPUS -o rows --projects projects -j JOBS` (read → rules + model + templates → write).
Peak memory is the largest sum of resident memory over the process and its children, sampled from
the OS every 0.05 s (psutil). Prints rows/s, µs a row, the ratio, peak memory, zhibiao's stage
breakdown and its CPU (user and system seconds of the process and its workers, and their page faults:
on a virtual machine each fault is dear, and the system time is mostly theirs). With several sizes
(--rows 10000,50000), one line each and the spread of µs a row. A run past --timeout seconds or
--max-memory MB is stopped (its process tree killed) and reported as such, so a shape that blows up
does not take the machine with it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's scorer and bench.synthetic

from bench.synthetic import SHAPES, write_corpus  # noqa: E402

PLAIN_REGEX = r"""
import csv, re, sys
patterns = [re.compile(p) for p in (r"[≥≤<>]=?\s*\d", r"满意度|满意率", r"\d+(?:\.\d+)?\s*%", r"及时|按时|时效",
                                    r"显著|有效|明显|进一步")]
with open(sys.argv[1], encoding="utf-8-sig", newline="") as src, open(sys.argv[2], "w", encoding="utf-8", newline="") as dst:
    reader, writer = csv.reader(src), csv.writer(dst)
    header = next(reader)
    writer.writerow(header + [f"re{i}" for i in range(len(patterns))])
    for row in reader:
        text = " ".join(row)
        writer.writerow(row + [int(bool(p.search(text))) for p in patterns])
"""

ZHIBIAO = r"""
import json, resource, sys
from pathlib import Path
from scorer.engines.bulk import score_tables
report = score_tables([Path(sys.argv[1])], Path(sys.argv[2]), Path(sys.argv[3]), jobs=int(sys.argv[4]),
                      chunk_rows=int(sys.argv[5]))
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
cpu = {"user": sum(u.ru_utime for u in usage), "system": sum(u.ru_stime for u in usage),
       "page_faults": sum(u.ru_minflt + u.ru_majflt for u in usage)}
print(json.dumps({"rows": report.rows, "projects": report.projects, "documents": report.documents,
                  "seconds": report.seconds, "errors": report.errors, "cpu": cpu}))
"""


PEAKS: dict[str, float] = {}  # of the last run_measured, MB: main, largest child, sum of PSS


class Stopped(Exception):
    """A measured run went past the time or memory bound and was killed."""


def run_measured(
    command: list[str],
    timeout: float | None = None,
    max_memory_mb: float | None = None,
) -> tuple[float, float, str]:
    """(wall seconds, peak MB of the process tree as the sum of resident sizes, stdout). Forked workers
    share pages with the main process, which that sum counts twice; PEAKS["pss"] is the peak of the sum
    of proportional set sizes (shared pages split between the processes sharing them). Past `timeout`
    seconds or `max_memory_mb`, the tree is killed and Stopped raised."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    root = psutil.Process(process.pid)
    peak = main = child = pss = 0
    samples = 0
    while process.poll() is None:
        over_time = timeout is not None and time.perf_counter() - started > timeout
        over_memory = max_memory_mb is not None and peak / 2**20 > max_memory_mb
        if over_time or over_memory:
            for member in [*root.children(recursive=True), root]:
                with contextlib.suppress(psutil.Error):
                    member.kill()
            process.wait()
            why = f"past {timeout:.0f}s" if over_time else f"past {max_memory_mb:,.0f} MB"
            raise Stopped(f"stopped {why}: {time.perf_counter() - started:.1f}s, peak {peak / 2**20:,.0f} MB RSS summed")
        try:
            tree = [root, *root.children(recursive=True)]
            sizes = [p.memory_info().rss for p in tree]
            peak, main = max(peak, sum(sizes)), max(main, sizes[0])
            child = max([child, *sizes[1:]])
            if samples % 20 == 0:  # reading smaps costs CPU the run needs: once a second
                pss = max(pss, sum(getattr(p.memory_full_info(), "pss", 0) for p in tree))
            samples += 1
        except psutil.Error:
            pass
        time.sleep(0.05)
    out = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"{command[:3]} failed with status {process.returncode}")
    PEAKS.update(main=main / 2**20, child=child / 2**20, pss=pss / 2**20)
    return time.perf_counter() - started, peak / 2**20, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="200000", help="rows, or sizes separated by commas (10000,50000)")
    parser.add_argument("--shape", choices=SHAPES, default="corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk-rows", type=int, default=20_000)
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-regex", action="store_true", help="zhibiao only")
    parser.add_argument("--dask", action="store_true", help="also score on a Dask LocalCluster and compare outputs")
    parser.add_argument("--timeout", type=float, help="stop a zhibiao run past this many seconds")
    parser.add_argument("--max-memory", type=float, help="stop a zhibiao run past this many MB (RSS summed)")
    parser.add_argument("--workdir", type=Path, help="keep the corpus and outputs here (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.rows.replace("_", "").split(",")]

    with tempfile.TemporaryDirectory() as temporary:
        folder = args.workdir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        per_row = {}
        for rows in sizes:
            print(f"--- {rows:,} rows, shape {args.shape}")
            seconds = measure(args, folder, rows)
            if seconds is not None:
                per_row[rows] = seconds / rows * 1e6
        if len(per_row) > 1:
            mean = sum(per_row.values()) / len(per_row)
            spread = ", ".join(f"{rows:,}: {us:.0f} µs ({us / mean - 1:+.0%})" for rows, us in per_row.items())
            print(f"time a row, against the mean of the sizes: {spread}")


def measure(args, folder: Path, rows: int) -> float | None:
    """Generates the corpus of `rows` rows (kept in folder), times zhibiao and the regex pass on it; returns
    zhibiao's wall seconds (None when it was stopped)."""
    corpus = folder / f"{args.shape}_{rows}_{args.seed}.{args.format}"
    if not corpus.exists():
        started = time.perf_counter()
        write_corpus(corpus, rows, args.seed, shape=args.shape)
        print(f"generated {corpus.name} ({corpus.stat().st_size / 2**20:.0f} MB) in {time.perf_counter() - started:.1f}s")
    suffix = args.format
    rows_out = folder / f"rows.{suffix}"
    try:
        wall, peak, out = run_measured(
            [
                sys.executable,
                "-c",
                ZHIBIAO,
                str(corpus),
                str(rows_out),
                str(folder / f"projects.{suffix}"),
                str(args.jobs),
                str(args.chunk_rows),
            ],
            args.timeout,
            args.max_memory,
        )
    except Stopped as stopped:
        print(f"zhibiao   : {stopped}")
        wall = None
    if wall is not None:
        report = json.loads(out.strip().splitlines()[-1])
        rate = report["rows"] / wall
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in report["seconds"].items())
        written = count_rows(rows_out)
        print(
            f"zhibiao   : {report['rows']:,} rows ({written:,} rows written), {report['projects']:,} projects in "
            f"{report['documents']:,} documents in {wall:.1f}s = {rate:,.0f} rows/s, {wall / rows * 1e6:.0f} µs a row, "
            f"peak {peak:,.0f} MB RSS summed, {PEAKS['pss']:,.0f} MB PSS summed (main process {PEAKS['main']:,.0f}, "
            f"largest worker {PEAKS['child']:,.0f} RSS), "
            f"jobs {args.jobs}\n            stages ({'score, format summed over workers'}): {stages}"
        )
        cpu = report["cpu"]  # of the main process and its workers: system time is mostly page faults
        print(
            f"            CPU: user {cpu['user']:.1f}s, system {cpu['system']:.1f}s, "
            f"{cpu['page_faults']:,} page faults, {1e6 * (cpu['user'] + cpu['system']) / rows:.0f} µs of CPU a row"
        )
    if not args.skip_regex and args.format == "csv":
        r_wall, r_peak, _ = run_measured([sys.executable, "-c", PLAIN_REGEX, str(corpus), str(folder / "regex.csv")])
        print(f"plain regex: {rows:,} rows in {r_wall:.1f}s = {rows / r_wall:,.0f} rows/s, peak {r_peak:,.0f} MB (1 process)")
        if wall is not None:
            print(f"ratio      : zhibiao takes {wall / r_wall:.1f}x the plain-regex pass")
    if args.dask and wall is not None:
        compare_dask(corpus, folder, args.jobs)
    return wall


def count_rows(path: Path) -> int:
    """Rows in a rows output (CSV: records, read by the csv module, so cells with line breaks count once)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def compare_dask(corpus: Path, folder: Path, workers: int) -> None:
    import filecmp

    from scorer.engines.dask_engine import score_tables_dask

    started = time.perf_counter()
    rows, projects = folder / f"dask_rows{corpus.suffix}", folder / f"dask_projects{corpus.suffix}"
    report = score_tables_dask([corpus], rows, projects, workers=workers)
    seconds = time.perf_counter() - started
    if corpus.suffix == ".csv":
        same_rows = filecmp.cmp(rows, folder / "rows.csv", shallow=False)
        same_projects = filecmp.cmp(projects, folder / "projects.csv", shallow=False)
        how = "files byte-identical"
    else:  # Parquet row groups follow the chunks, so compare contents
        import pandas as pd

        same_rows = pd.read_parquet(rows).equals(pd.read_parquet(folder / "rows.parquet"))
        same_projects = pd.read_parquet(projects).equals(pd.read_parquet(folder / "projects.parquet"))
        how = "contents equal"
    print(
        f"dask       : {report.rows:,} rows in {seconds:.1f}s on a LocalCluster of {workers} workers; "
        f"{how} to the local path's: rows {same_rows}, projects {same_projects}"
    )


if __name__ == "__main__":
    main()
