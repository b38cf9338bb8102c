"""The `zhibiao` command.

Exit status: 0 every file was read and scored; 1 some files (or some bytes of a file) could not be
read, or a rule failed on some file (the rest were processed and written); 2 no file could be read,
or a usage error.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import click

from scorer.ingest import ReadReport, read_paths
from scorer.report.csv_writer import write_csv
from scorer.table import PROJECT_CONTEXT_COLUMNS, REPORTED_COLUMN, ROW_COLUMNS, ROW_EXTRA_COLUMNS, parse_frame

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
    for document in report.documents:
        for warning in document.warnings:
            click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(f"error: {error.message}", err=True)


def _read_with_progress(paths: list[Path], quiet: bool, jobs: int = 1) -> ReadReport:
    """Read files (in `jobs` processes) with a progress bar on stderr when it is a terminal and there are
    several files."""
    from scorer.ingest import expand

    files = expand(paths)
    if quiet or len(files) < 2 or not sys.stderr.isatty():
        return read_paths(paths, jobs=jobs)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("读取文件", total=len(files))
        return read_paths(paths, jobs=jobs, on_file=lambda: progress.advance(task))


def _exit_status(report: ReadReport) -> int:
    if not report.documents:
        return EXIT_NOTHING_READ
    damaged = any(document.warnings for document in report.documents)
    return EXIT_SOME_UNREADABLE if report.errors or damaged else EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zhibiao", prog_name="zhibiao", message="%(prog)s %(version)s")
def cli() -> None:
    """zhibiao: read budget performance tables, flag weak indicators, rank projects."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="rows CSV (default: stdout)")
@click.option("-q", "--quiet", is_flag=True, help="no per-document counts on stderr")
@click.option("--explain", is_flag=True,
              help="print how each file was read: layout guessed, cells recovered, rows taken, what was skipped and why")
def parse(paths: tuple[Path, ...], output: Path | None, quiet: bool, explain: bool) -> None:
    """Read documents into one indicator table (rows CSV, score columns empty)."""
    if explain:
        from scorer.ingest import expand
        from scorer.ingest.explain import explain as explain_file

        files = expand(list(paths))
        for path in files:
            click.echo(explain_file(path))
            click.echo("")
        sys.exit(EXIT_OK if files and all(path.is_file() for path in files) else EXIT_NOTHING_READ)
    report = read_paths(list(paths))
    _report_reading(report, quiet)
    frame = parse_frame(report.documents)[ROW_COLUMNS + ROW_EXTRA_COLUMNS + PROJECT_CONTEXT_COLUMNS + [REPORTED_COLUMN]]
    if output:
        write_csv(frame, output)
    else:
        frame.to_csv(sys.stdout, index=False)
    sys.exit(_exit_status(report))


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [code for value in values for code in value.split(",") if code.strip()]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="rows CSV: every indicator with score and reasons")
@click.option("--projects", "projects_path", type=click.Path(path_type=Path), help="projects CSV: score, grade, rank")
@click.option("--findings", "findings_path", type=click.Path(path_type=Path), help="findings CSV: one line per finding")
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path), help="review workbook (4 sheets)")
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="self-contained HTML report")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="full result as JSON (versioned schema)")
@click.option("--corpus-stats", "stats_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="corpus statistics from `zhibiao corpus-stats`, for templates shared by many units (B201)")
@click.option("-j", "--jobs", default=os.cpu_count() or 1, show_default="the cores", type=click.IntRange(1, 256),
              help="processes that read files and score rows tables (results do not depend on it)")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="rows tables only: score on this machine, or on a Dask cluster")
@click.option("--scheduler", help="with --engine dask: the scheduler's address (default: a local cluster of --jobs "
              "workers); -o FOLDER (no suffix) then has the workers write Parquet parts")
@click.option("--chunk-rows", default=20_000, show_default=True, type=click.IntRange(100, 10_000_000),
              help="rows tables only: rows per chunk sent to a process (memory grows with it)")
@click.option("--no-model", is_flag=True, help="rules alone, without the classifier")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              help="a model file from `zhibiao train` (default: the shipped model)")
@click.option("--select", multiple=True, help="only these rule codes or prefixes (V, U001, B00), comma-separated")
@click.option("--ignore", multiple=True, help="skip these rule codes or prefixes, comma-separated")
@click.option("--statistics", is_flag=True, help="print how many findings each rule made")
@click.option("--top", default=10, show_default=True, help="how many projects the summary lists")
@click.option("-q", "--quiet", is_flag=True, help="no summary and no per-document counts")
def score(paths: tuple[Path, ...], output: Path | None, projects_path: Path | None, findings_path: Path | None,
          xlsx_path: Path | None, html_path: Path | None, json_path: Path | None, stats_path: Path | None,
          jobs: int, engine: str, scheduler: str | None, chunk_rows: int, no_model: bool, model_path: Path | None,
          select: tuple[str, ...], ignore: tuple[str, ...], statistics: bool, top: int, quiet: bool) -> None:
    """Score documents: flag weak indicators with reasons, score and rank every project.

    PATHS are documents (Word, Excel, PDF, text exports) or rows tables: the rows CSV of `zhibiao parse`
    (or Parquet with its columns). Rows tables are scored in a stream, in flat memory, over --jobs
    processes, or on Dask with --engine dask; -o/--projects may then be .csv or .parquet."""
    from scorer.api import score_documents
    from scorer.bulk import is_rows_table
    from scorer.report.terminal import print_statistics, print_summary
    from scorer.table import PROJECT_COLUMNS, PROJECT_EXTRA_COLUMNS

    stats = _load_stats(stats_path) if stats_path else None
    tables = [path for path in paths if is_rows_table(path)]
    if tables and len(tables) < len(paths):
        raise click.UsageError("rows tables (.parquet, or .csv with project, level3 and value columns) and "
                               "documents cannot be scored in one run")
    if not tables and engine == "dask":
        raise click.UsageError("--engine dask scores rows tables: run `zhibiao parse` on the documents first")
    reports_wanted = findings_path or xlsx_path or html_path or json_path or statistics
    if tables and (engine == "dask" or not reports_wanted):
        from scorer.bulk import BulkOptions

        options = BulkOptions(corpus_stats=stats, select=_split_codes(select) or None,
                              ignore=_split_codes(ignore) or None, use_model=not no_model,
                              model_path=str(model_path) if model_path else None)
        sys.exit(_score_tables(tables, output, projects_path, jobs, chunk_rows, options, engine, scheduler, quiet))

    report = _read_tables(tables) if tables else _read_with_progress(list(paths), quiet, jobs)
    _report_reading(report, quiet)
    from scorer.classifier import ModelError

    try:
        result = score_documents(report.documents, _split_codes(select) or None, _split_codes(ignore) or None, stats,
                                 use_model=not no_model, model_path=model_path)
    except ModelError as exc:
        raise click.BadParameter(str(exc), param_hint="--model") from exc
    result.errors = report.errors
    if output:
        write_csv(result.rows[ROW_COLUMNS + ROW_EXTRA_COLUMNS], output)
    if projects_path:
        write_csv(result.projects[PROJECT_COLUMNS + PROJECT_EXTRA_COLUMNS], projects_path)
    if findings_path:
        write_csv(result.findings, findings_path)
    if xlsx_path:
        from scorer.report.xlsx import write_xlsx

        write_xlsx(result, xlsx_path)
    if html_path:
        from scorer.report.html_report import write_html

        write_html(result, html_path)
    if json_path:
        from scorer.report.json_report import write_json

        write_json(result, json_path)
    for message in result.rule_errors:
        click.echo(f"error: {message}", err=True)
    if not quiet:
        print_summary(result, top)
    if statistics:
        print_statistics(result)
    status = _exit_status(report)
    sys.exit(EXIT_SOME_UNREADABLE if status == EXIT_OK and result.rule_errors else status)


def _read_tables(paths: list[Path]) -> ReadReport:
    """Rows tables read whole into Documents, for the reports that need every finding in memory."""
    import pandas as pd

    from scorer.api import documents_from_frame
    from scorer.bulk import BulkError, read_batches
    from scorer.ingest import ReadError

    report = ReadReport()
    for path in paths:
        try:
            frame = pd.concat(list(read_batches(path)))
        except (BulkError, ValueError) as exc:
            report.errors.append(ReadError(str(path), str(exc)))
            continue
        report.documents.extend(documents_from_frame(frame))
    return report


def _score_tables(paths: list[Path], output: Path | None, projects_path: Path | None, jobs: int, chunk_rows: int,
                  options, engine: str, scheduler: str | None, quiet: bool) -> int:
    """Rows tables scored in a stream (or on Dask); returns the exit status."""
    from scorer.classifier import ModelError

    try:
        if engine == "dask":
            from scorer.dask_engine import score_tables_dask

            report = score_tables_dask(paths, output, projects_path, scheduler=scheduler, workers=jobs,
                                       options=options)
        else:
            from scorer.bulk import score_tables

            with _row_progress(quiet) as on_chunk:
                report = score_tables(paths, output, projects_path, jobs=jobs, chunk_rows=chunk_rows,
                                      options=options, on_chunk=on_chunk)
    except ModelError as exc:
        raise click.BadParameter(str(exc), param_hint="--model") from exc
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for message in report.errors:
        click.echo(f"error: {message}", err=True)
    for message in dict.fromkeys(report.rule_errors):
        click.echo(f"error: {message}", err=True)
    if not quiet:
        grades = ", ".join(f"{letter} {count}" for letter, count in report.grades.items())
        stages = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in report.seconds.items())
        click.echo(f"{report.rows} rows, {report.projects} projects in {report.documents} documents; grades: "
                   f"{grades or 'none'}\n{stages}", err=True)
    if report.errors and not report.rows:
        return EXIT_NOTHING_READ
    return EXIT_SOME_UNREADABLE if report.errors or report.rule_errors else EXIT_OK


@contextmanager
def _row_progress(quiet: bool):
    """A progress bar of rows scored on stderr when it is a terminal (the total once pass 1 has counted)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("评分", total=None)

        def advance(rows: int, total: int | None) -> None:
            progress.update(task, advance=rows, total=total)

        yield advance


def _load_stats(path: Path) -> dict:
    import json

    from scorer.duplicates import STATS_SCHEMA

    try:
        stats = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"{path}: not a corpus statistics file ({exc})", param_hint="--corpus-stats") from exc
    if not isinstance(stats, dict) or stats.get("schema") != STATS_SCHEMA or not isinstance(stats.get("keys"), dict):
        raise click.BadParameter(f"{path}: not a zhibiao corpus statistics file", param_hint="--corpus-stats")
    return stats


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="clusters CSV")
@click.option("--no-near", is_flag=True, help="exact matches only (figures masked), no near-duplicates")
@click.option("-q", "--quiet", is_flag=True, help="no per-document counts")
def duplicates(paths: tuple[Path, ...], output: Path, no_near: bool, quiet: bool) -> None:
    """Clusters of alike rows across projects, documents and years, with the finding each member got."""
    import pandas as pd

    from scorer.api import score_documents
    from scorer.duplicates import ClusterOptions, cluster_rows, row_table

    report = _read_with_progress(list(paths), quiet)
    _report_reading(report, quiet)
    frame = cluster_rows(row_table(report.documents), ClusterOptions(near=not no_near))
    result = score_documents(report.documents)
    codes = result.rows.set_index(["source", "project_index", "row_index"])["codes"]
    members = frame[frame["cluster"] >= 0].copy()
    members["codes"] = [codes.get((s, p, r), "") for s, p, r in
                        zip(members["source"], members["project_index"], members["row_index"], strict=True)]
    sizes = members.groupby("cluster")["key"].transform("size")
    members["size"] = sizes
    members = members.sort_values(["size", "cluster", "source", "project_index", "row_index"],
                                  ascending=[False, True, True, True, True])
    columns = ["cluster", "kind", "size", "similarity", "key", "source", "unit", "year", "project", "row_index",
               "level3", "value", "codes"]
    write_csv(pd.DataFrame(members[columns]), output)
    if not quiet:
        counts = members.groupby("kind")["cluster"].nunique().to_dict()
        click.echo(f"{members['cluster'].nunique()} clusters ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}), "
                   f"{len(members)} rows of {len(frame)}", err=True)
    sys.exit(_exit_status(report))


@cli.command("corpus-stats")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="statistics file (JSON)")
@click.option("-q", "--quiet", is_flag=True, help="no per-document counts")
def corpus_stats_command(paths: tuple[Path, ...], output: Path, quiet: bool) -> None:
    """Count how many units use each row (figures masked), for `zhibiao score --corpus-stats`."""
    import json

    from scorer.duplicates import corpus_stats, row_table
    from scorer.report.atomic import atomic_output

    report = _read_with_progress(list(paths), quiet)
    _report_reading(report, quiet)
    stats = corpus_stats(row_table(report.documents))
    with atomic_output(output) as temporary:
        temporary.write_text(json.dumps(stats, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    if not quiet:
        click.echo(f"{stats['rows']} rows, {stats['units']} units, {len(stats['keys'])} rows shared by 2+ units", err=True)
    sys.exit(_exit_status(report))


@cli.command()
@click.argument("labels", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--docs", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("samples"),
              show_default=True, help="folder holding the labelled documents (matched by file stem)")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("models/zhibiao-model.json"),
              show_default=True, help="model file to write")
@click.option("--card", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="model card to write (default: MODEL_CARD.md beside the model)")
def train(labels: tuple[Path, ...], docs: Path, out: Path, card: Path | None) -> None:
    """Train the classifier on labelled CSVs (LABELING.md format), evaluate it with each document held out."""
    from scorer.report.atomic import atomic_output
    from scorer.training import held_out_evaluation, labelled_examples, model_card, read_labels
    from scorer.training import train as fit_model

    examples, contexts, missing = labelled_examples(read_labels(list(labels)), docs)
    if not examples:
        raise click.UsageError("no labelled row matched a row of the documents in --docs")
    report = held_out_evaluation(examples, contexts)
    model = fit_model(examples)
    model.metadata = {"labels": [str(p) for p in labels], "rows": len(examples), "held_out": {
        "flagged_f1": {k: round(v[2], 4) for k, v in report["flagged"].items()},
        "auc": {k: round(v, 4) for k, v in report["auc"].items()},
        "macro_f1": {n: round(sum(e[n][2] for e in report["categories"].values()) / len(report["categories"]), 4)
                     for n in ("rules", "model", "combined")}}}
    model.save(out)
    card = card or out.with_name("MODEL_CARD.md")
    with atomic_output(card) as temporary:
        temporary.write_text(model_card(report, list(labels), examples, missing, model), encoding="utf-8")
    held = model.metadata["held_out"]
    click.echo(f"{len(examples)} rows ({missing} labels unmatched); held out by document: flagged F1 "
               + ", ".join(f"{k} {v:.3f}" for k, v in held["flagged_f1"].items()) + "; AUC "
               + ", ".join(f"{k} {v:.4f}" for k, v in held["auc"].items()) + f"\nwrote {out} and {card}")


@cli.command("rules")
def list_rules() -> None:
    """List every rule: code, category, severity, scope, what it flags."""
    from scorer.registry import load_rules

    for code, item in sorted(load_rules().items()):
        click.echo(f"{code}  {item.category:<13} {item.severity.value:<7} {item.scope:<8} {item.name}: {item.summary}")


@cli.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print one rule's documentation (what, why, a bad and a good example)."""
    from scorer.registry import load_rules

    rules = load_rules()
    item = rules.get(code.upper())
    if item is None:
        raise click.UsageError(f"no rule {code}; `zhibiao rules` lists them")
    click.echo(f"{item.code} {item.name}  [{item.category}, {item.severity.value}, {item.scope}]\n")
    click.echo(item.doc)
    if item.message:
        click.echo(f"\nmessage: {item.message}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
