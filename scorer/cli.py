"""The `zhibiao` command.

Exit status: 0 every file was read; 1 some files could not be read (the rest were processed and
written); 2 no file could be read, or a usage error.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from scorer.ingest import ReadReport, read_paths
from scorer.report.csv_writer import write_csv
from scorer.table import ROW_COLUMNS, ROW_EXTRA_COLUMNS, indicator_frame

EXIT_OK = 0
EXIT_SOME_UNREADABLE = 1
EXIT_NOTHING_READ = 2


def _report_reading(report: ReadReport, quiet: bool) -> None:
    for document in report.documents:
        if quiet:
            continue
        reasons = Counter(skip.reason for skip in document.skipped)
        skipped = "; ".join(f"{n} {reason}" for reason, n in reasons.most_common())
        click.echo(
            f"{document.source}: {len(document.projects)} projects, {document.indicator_count} indicators"
            + (f", skipped: {skipped}" if skipped else ""),
            err=True,
        )
    for error in report.errors:
        click.echo(f"error: {error.message}", err=True)


def _exit_status(report: ReadReport) -> int:
    if not report.documents:
        return EXIT_NOTHING_READ
    return EXIT_SOME_UNREADABLE if report.errors else EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zhibiao")
def cli() -> None:
    """zhibiao: read budget performance tables, flag weak indicators, rank projects."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="rows CSV (default: stdout)")
@click.option("-q", "--quiet", is_flag=True, help="no per-document counts on stderr")
def parse(paths: tuple[Path, ...], output: Path | None, quiet: bool) -> None:
    """Read documents into one indicator table (rows CSV, score columns empty)."""
    report = read_paths(list(paths))
    _report_reading(report, quiet)
    frame = indicator_frame(report.documents)[ROW_COLUMNS + ROW_EXTRA_COLUMNS]
    if output:
        write_csv(frame, output)
    else:
        frame.to_csv(sys.stdout, index=False)
    sys.exit(_exit_status(report))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
