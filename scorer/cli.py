"""The `zhibiao` command.

Exit status: 0 every input was read and gave indicators; 1 some input could not be read (or some bytes
of it), gave no indicator, or a rule failed on it: each is named on stderr, the rest were processed and
written; 2 a usage error (checked before any work: inputs, outputs, --select/--ignore), or nothing to
score, in which case no file is written and earlier outputs stay as they were.
Messages are in Chinese, or in English with --lang en (scorer/messages.py).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from scorer.atomic import OutputBatch
from scorer.ingest import ReadError, ReadReport, expand, read_files, read_table
from scorer.inputs import InputPlan, near_names, restore_sources
from scorer.messages import (
    CATALOGUE,
    LANGUAGES,
    click_error,
    default_language,
    english_wording,
    language,
    set_language,
    skip_reason,
    text,
)
from scorer.report.csv_writer import write_csv
from scorer.report.outputs import Output, check_outputs
from scorer.table import (
    PROJECT_CONTEXT_COLUMNS,
    REPORTED_COLUMN,
    ROW_COLUMNS,
    ROW_EXTRA_COLUMNS,
    parse_frame,
    skipped_frame,
)

EXIT_OK = 0
EXIT_SOME_UNREADABLE = 1
EXIT_NOTHING_READ = 2


def _say(kind: str, message: str) -> None:
    click.echo(text(f"prefix.{kind}") + message, err=True)


def _usage_error(message: str) -> NoReturn:
    """One line on stderr and exit status 2, before any output is touched."""
    _say("error", message)
    sys.exit(EXIT_NOTHING_READ)


class RunStopped(SystemExit):
    """A bulk run was stopped (a dead worker, a signal): its one line is said, its workers are ended. Leaving
    as SystemExit, it lets every block on the way remove the run's temporary files; the process then ends
    without the interpreter's teardown (see main)."""


def _help(key: str) -> str | None:
    return text(key) if key in CATALOGUE else None


class _Option(click.Option):
    """An option whose help is looked up in the message catalogue (help.<command>.<option>) when shown."""

    def get_help_record(self, ctx: click.Context):
        self.help = _help(f"help.{ctx.command.name}.{self.name}") or _help(f"help.{self.name}") or self.help
        if isinstance(self.show_default, str):
            self.show_default = _help(f"help.default.{self.name}") or self.show_default
        return super().get_help_record(ctx)


class _Localised(click.Command):
    """Help text, headings and the help option in the language of the run (a mixin before Command/Group)."""

    def _text(self) -> str:
        return _help(f"help.{self.name}") or self.help or ""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = self._text()
        super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self._text().splitlines()[0] if self._text() else ""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [_help(f"help.usage.{piece}") or piece for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=text("help.usage"))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [record for param in self.get_params(ctx) if (record := param.get_help_record(ctx)) is not None]
        if records:
            with formatter.section(text("help.options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
            rows = [(name, command.get_short_help_str()) for name, command in commands if command and not command.hidden]
            if rows:
                with formatter.section(text("help.commands")):
                    formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = text("help.help")
        return option


class _Command(_Localised, click.Command):
    pass


class _Group(_Localised, click.Group):
    command_class = _Command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """As click's, with its own usage errors as one line in the language of the run."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            bare = type(exc).__name__ == "NoArgsIsHelpError"  # `zhibiao` (click 8.2+)
            if exc.ctx is not None and (bare or exc.format_message() == "Missing command."):  # or `zhibiao --lang en`
                click.echo(exc.ctx.get_help())
                sys.exit(0)
            command = exc.ctx.command_path if exc.ctx is not None else "zhibiao"
            names = None
            if exc.ctx is not None and isinstance(exc.ctx.command, click.Group):
                names = exc.ctx.command.list_commands(exc.ctx)
            _usage_error(click_error(exc.format_message(), names) + text("click.see_help", command=command))
        except click.ClickException as exc:
            _say("error", exc.format_message())
            sys.exit(exc.exit_code)
        except click.Abort:
            sys.exit(1)
        except OSError as exc:  # a place the checks before the run could not foresee (/proc, a full disk)
            reason = _os_reason(exc)
            named = text("os.failed", path=exc.filename, reason=reason) if exc.filename else ""
            _usage_error(named or text("os.failed_unnamed", reason=reason))
        sys.exit(status if isinstance(status, int) else 0)


def _os_reason(exc: OSError) -> str:
    import errno

    key = f"os.reason.{errno.errorcode.get(exc.errno or 0, '')}"
    return text(key) if key in CATALOGUE else (exc.strerror or type(exc).__name__)


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        set_language(value)
    elif ctx.parent is None:  # each run starts from ZHIBIAO_LANG (or Chinese), whatever ran before in the process
        set_language(default_language())


def _lang_option(func: Callable) -> Callable:
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), expose_value=False, is_eager=True, callback=_set_language, cls=_Option
    )(func)


def _option(*names: str, **kwargs) -> Callable:
    return click.option(*names, cls=_Option, **kwargs)


def _check_inputs(paths: list[Path]) -> None:
    """A missing input is a usage error naming the near names in its folder."""
    for path in paths:
        if path.exists():
            continue
        message = text("input.missing", path=path)
        names = near_names(path)
        if names:
            message += text("input.did_you_mean", names="、".join(names))
        elif not path.parent.exists():
            message += text("input.folder_missing", folder=path.parent)
        _usage_error(message)


def _once_each(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """The inputs with each file or folder once (the first place it is given), a warning for each repeat:
    scored twice, a table's rows would count twice in every ranking and statistic."""
    first: dict[Path, Path] = {}
    times: dict[Path, int] = {}
    for path in paths:
        key = path.resolve()
        first.setdefault(key, path)
        times[key] = times.get(key, 0) + 1
    for key, count in times.items():
        if count > 1:
            _say("warning", text("input.given_twice", path=first[key], times=count))
    return tuple(first.values())


def _check_outputs(outputs: list[Output], inputs: list[Path]) -> None:
    problem = check_outputs([o for o in outputs if o.path is not None], inputs)
    if problem:
        _usage_error(problem)


def _why_nothing(path: Path, layout: str = "") -> str:
    """Why a document gave no indicator: an empty file, a PDF without text layer, or no table found."""
    try:
        size = path.stat().st_size
        if size == 0 or (size < 4096 and not path.read_bytes().lstrip(b"\xef\xbb\xbf\xff\xfe").strip(b" \t\r\n\0")):
            return text("empty.file")
        if path.suffix.lower() == ".csv" and size < 1 << 16 and _only_a_header(path):
            return text("empty.header_only")
        if path.suffix.lower() == ".parquet":  # a rows table of no row (its reader said what it left out, if any)
            import pyarrow.parquet as pq

            if pq.ParquetFile(path).metadata.num_rows == 0:
                return text("empty.header_only")
        if path.suffix.lower() == ".pdf":
            import pdfplumber

            with pdfplumber.open(str(path)) as pdf:
                if pdf.pages and not any(page.chars for page in pdf.pages):
                    return text("empty.pdf_image")
    except Exception:  # the reader already read it; this is only the explanation
        pass
    return text("empty.no_table", layout=layout or path.suffix, path=path)


def _only_a_header(path: Path) -> bool:
    """A CSV whose header names an indicator table's columns (三级指标, 指标值 …), on one line or over two (a
    spreadsheet's merged headings), with a title above it at most and nothing under it."""
    from scorer.ingest.tables import csv_encoding, header_fields, table_header

    header = table_header(path)
    if not {"level3", "value"} <= set(header_fields(header.names).values()):
        return False
    first_row = header.body_lines if header.two_lines else header.lines + 1  # physical lines above the rows
    lines = path.read_text(encoding=csv_encoding(path), errors="replace").split("\n")
    return not any(line.strip(" ,;\t\r\ufeff") for line in lines[first_row:])


def _read_documents(paths: list[Path], outputs: list[Output], quiet: bool, jobs: int = 1) -> ReadReport:
    """Expand folders (own outputs and this run's outputs left out, old Office files converted), read every
    file, report on stderr what was read and what not. Files not read and documents that gave no indicator
    are added to report.errors, so the summaries of the outputs name them."""
    _check_inputs(paths)
    with tempfile.TemporaryDirectory(prefix="zhibiao-") as convert_dir:
        plan = InputPlan(exclude={o.path.resolve() for o in outputs if o.path is not None}, convert_dir=Path(convert_dir))
        files = expand(paths, plan)
        report = _read_with_progress(files, quiet, jobs)
        restore_sources(report, plan)
    _report_reading(report, plan, quiet)
    taken = [Path(plan.converted.get(str(path), path)).resolve() for path in files]  # a converted .doc: the .doc
    for folder in paths:
        if folder.is_dir() and not any(path.is_relative_to(folder.resolve()) for path in taken):
            _say("warning", text("read.folder_empty", path=folder))
    return report


def _report_reading(report: ReadReport, plan: InputPlan, quiet: bool) -> None:
    for document in report.documents:
        if quiet:
            continue
        reasons = Counter(skip_reason(skip.reason) for skip in document.skipped)
        skipped = text("read.skipped_separator").join(
            text("read.skipped_reason", reason=reason, count=n) for reason, n in reasons.most_common()
        )
        click.echo(
            text("read.counts", name=document.source, projects=len(document.projects), indicators=document.indicator_count)
            + (text("read.skipped_rows", count=reasons.total(), skipped=skipped) if skipped else ""),
            err=True,
        )
    for document in report.documents:
        for notice in document.notices:
            _say("notice", notice)
        for warning in document.warnings:
            _say("warning", warning)
    for error in report.errors:
        _say("error", error.message)
    for left_out in plan.skipped:
        message = text("read.file_skipped", path=left_out.path, reason=left_out.reason)
        _say("warning", message)
        if left_out.unread:
            report.errors.append(ReadError(str(left_out.path), message))
    for document in report.documents:
        if document.indicator_count == 0:
            reason = _why_nothing(Path(document.source), document.layout)
            message = text("read.nothing_found", path=document.source, reason=reason)
            _say("warning", message)
            report.errors.append(ReadError(document.source, message))


def _read_with_progress(files: list[Path], quiet: bool, jobs: int = 1) -> ReadReport:
    """Read files (in `jobs` processes) with a progress bar on stderr when it is a terminal and there are
    several files."""
    if not files:
        return ReadReport()
    if quiet or len(files) < 2 or not sys.stderr.isatty():
        return read_files(files, jobs=jobs)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(text("progress.reading"), total=len(files))
        return read_files(files, jobs=jobs, on_file=lambda: progress.advance(task))


def _exit_status(report: ReadReport) -> int:
    if not any(document.indicator_count for document in report.documents):
        return EXIT_NOTHING_READ
    damaged = any(document.warnings for document in report.documents)
    return EXIT_SOME_UNREADABLE if report.errors or damaged else EXIT_OK


def _read_or_stop(paths: list[Path], outputs: list[Output], quiet: bool) -> tuple[ReadReport, int]:
    """Check the outputs, read the inputs; stop with exit status 2 (nothing written) when nothing was read.
    Rows tables (a budget system's export of several units …) are read as `score` reads them: a document
    a unit, so that parse, duplicates and corpus-stats see the documents score sees."""
    _check_outputs(outputs, paths)
    report = _read_inputs(paths, outputs, quiet)
    status = _exit_status(report)
    if status == EXIT_NOTHING_READ:
        _nothing_to_score()
    return report, status


def _explain(paths: list[Path]) -> NoReturn:
    """`zhibiao parse --explain`: how each file was read, then exit as `zhibiao parse` does: 0 when indicators
    were read from every file, 1 when some file gave none (unreadable, or no indicator table), 2 when none did."""
    from scorer.ingest.explain import explain

    _check_inputs(paths)
    files = expand(paths, InputPlan(rows_tables=True))
    unread = 0
    for path in files:
        said, readable = explain(path)
        click.echo(said)
        click.echo("")
        unread += not readable
    if not files or unread == len(files):
        sys.exit(EXIT_NOTHING_READ)
    sys.exit(EXIT_SOME_UNREADABLE if unread else EXIT_OK)


def _nothing_to_score() -> NoReturn:
    _say("error", text("run.nothing_written"))
    sys.exit(EXIT_NOTHING_READ)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zhibiao", prog_name="zhibiao", message="%(prog)s %(version)s", cls=_Option)
@_lang_option
def cli() -> None:
    """zhibiao: read budget performance tables, flag weak indicators, rank projects."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option("-o", "--output", type=click.Path(path_type=Path))
@_option("-q", "--quiet", is_flag=True)
@_option("--explain", is_flag=True)
@_option("--skipped", "skipped_path", type=click.Path(path_type=Path))
@_lang_option
def parse(paths: tuple[Path, ...], output: Path | None, quiet: bool, explain: bool, skipped_path: Path | None) -> None:
    """Read documents into one indicator table (rows CSV, score columns empty)."""
    if explain:
        _explain(list(paths))
    outputs = [Output(option, path, "csv") for option, path in (("-o", output), ("--skipped", skipped_path)) if path]
    report, status = _read_or_stop(list(paths), outputs, quiet)
    frame = parse_frame(report.documents)[ROW_COLUMNS + ROW_EXTRA_COLUMNS + PROJECT_CONTEXT_COLUMNS + [REPORTED_COLUMN]]
    with OutputBatch() as batch:
        if output:
            write_csv(frame, batch.temporary(output))
        if skipped_path:
            write_csv(skipped_frame(report.documents), batch.temporary(skipped_path))
        batch.commit()
    if not output:
        frame.to_csv(sys.stdout, index=False)
    sys.exit(status)


def _some_code_left(
    selected: list[str] | None,
    ignored: list[str] | None,
    use_model: bool = True,
    given_as: tuple[str, str] = ("--select", "--ignore"),
) -> None:
    """--select 含糊 --ignore 含糊 leaves no rule and no model code (--select M001 --no-model neither):
    nothing could ever be flagged. given_as: where each came from (an option, or a setting of zhibiao.toml)."""
    from scorer.classifier import MODEL_CODES
    from scorer.registry import matches
    from scorer.rules import load_rules

    codes = [*load_rules(), *(MODEL_CODES.values() if use_model else ())]
    left = [c for c in codes if (not selected or matches(c, selected)) and not (ignored and matches(c, ignored))]
    if not left:
        causes = [name for name, given in zip(given_as, (selected, ignored), strict=True) if given]
        causes += [] if use_model else ["--no-model"]
        _usage_error(text("codes.none_left", causes=text("list.and").join(causes)))


def _split_codes(values: tuple[str, ...]) -> list[str]:
    """Codes given as V001,U001 (or V001，U001 and V001、U001, as a Chinese input method types them)."""
    return [code.strip() for value in values for code in re.split(r"[,，、]", value) if code.strip()]


def _resolve_codes(option: str, values: tuple[str, ...]) -> list[str] | None:
    """Codes, prefixes and category names (vague, 含糊 …) -> codes and prefixes for the registry; anything
    else is a usage error naming the closest codes."""
    import difflib
    import re

    from scorer.classifier import MODEL_CODES
    from scorer.report.terminal import CATEGORY_NAMES, OTHER_CATEGORY_NAMES
    from scorer.rules import load_rules

    rules = load_rules()
    codes = sorted(set(rules) | set(MODEL_CODES.values()))
    by_category: dict[str, list[str]] = {}
    for code in codes:
        category = rules[code].category if code in rules else next(c for c, m in MODEL_CODES.items() if m == code)
        by_category.setdefault(category, []).append(code)
    named_in_chinese = {name: c for c, name in (CATEGORY_NAMES | OTHER_CATEGORY_NAMES).items()}
    names = {category: category for category in by_category} | named_in_chinese
    resolved: list[str] = []
    for token in _split_codes(values):
        named = names.get(token.lower(), names.get(token))
        if named is not None:
            resolved.extend(by_category.get(named, []))
        elif any(code.startswith(token.upper()) for code in codes):
            resolved.append(token.upper())
        else:
            numbered = re.fullmatch(r"([A-Za-z])(\d+)", token)
            if numbered:
                same = [c for c in codes if c[0] == numbered[1].upper()]
                closest = sorted(same, key=lambda c: abs(int(c[1:]) - int(numbered[2])))[:3]
            else:
                closest = difflib.get_close_matches(token, [*codes, *names], n=3, cutoff=0.5)
            hint = text("codes.closest", names="、".join(closest)) if closest else ""
            _usage_error(text("codes.unknown", option=option, code=token, hint=hint))
    return resolved or None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option("-o", "--output", type=click.Path(path_type=Path))
@_option("--projects", "projects_path", type=click.Path(path_type=Path))
@_option("--findings", "findings_path", type=click.Path(path_type=Path))
@_option("--xlsx", "xlsx_path", type=click.Path(path_type=Path))
@_option("--html", "html_path", type=click.Path(path_type=Path))
@_option("--json", "json_path", type=click.Path(path_type=Path))
@_option("--corpus-stats", "stats_path", type=click.Path(path_type=Path))
@_option("-j", "--jobs", default=os.cpu_count() or 1, show_default="the cores", type=click.IntRange(1, 256))
@_option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@_option("--scheduler")
@_option("--chunk-rows", default=20_000, show_default=True, type=click.IntRange(100, 10_000_000))
@_option("--max-memory", "max_memory", type=click.IntRange(64, 10_000_000))
@_option("--no-model", is_flag=True)
@_option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path))
@_option("--select", multiple=True)
@_option("--ignore", multiple=True)
@_option("--decisions", "decisions_path", type=click.Path(path_type=Path))
@_option("--suggest", is_flag=True)
@_option("--library", "library_path", type=click.Path(path_type=Path))
@_option("--statistics", is_flag=True)
@_option("--top", default=10, show_default=True)
@_option("-q", "--quiet", is_flag=True)
@_lang_option
def score(
    paths: tuple[Path, ...],
    output: Path | None,
    projects_path: Path | None,
    findings_path: Path | None,
    xlsx_path: Path | None,
    html_path: Path | None,
    json_path: Path | None,
    stats_path: Path | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    chunk_rows: int,
    max_memory: int | None,
    no_model: bool,
    model_path: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    decisions_path: Path | None,
    suggest: bool,
    library_path: Path | None,
    statistics: bool,
    top: int,
    quiet: bool,
) -> None:
    """Score documents: flag weak indicators with reasons, score and rank every project."""
    settings = _settings()
    select_option, ignore_option = "--select", "--ignore"
    if not select and settings.get("select"):
        select, select_option = tuple(settings.get("select")), f"{settings.origin('select')}: select"
    if not ignore and settings.get("ignore"):
        ignore, ignore_option = tuple(settings.get("ignore")), f"{settings.origin('ignore')}: ignore"
    decisions_path = decisions_path or _configured_decisions(settings)
    _check_inputs(list(paths))
    paths = _once_each(paths)
    if stats_path is not None:
        _check_inputs([stats_path])
    if decisions_path is not None:
        _check_inputs([decisions_path])
    if library_path is not None:
        _check_inputs([library_path])
    selected, ignored = _resolve_codes(select_option, select), _resolve_codes(ignore_option, ignore)
    _some_code_left(selected, ignored, use_model=not no_model, given_as=(select_option, ignore_option))
    tables = _tables_or_documents(paths, [output, projects_path, findings_path, xlsx_path, html_path, json_path])
    if not tables and engine == "dask":
        _usage_error(text("input.dask_needs_tables"))
    table_kind = "table" if tables else "csv"
    parts_folder = engine == "dask" and output is not None and not output.suffix  # the workers write parts
    outputs = [
        Output("-o", None if parts_folder else output, table_kind),
        Output("--projects", projects_path, table_kind),
        Output("--findings", findings_path, "csv"),
        Output("--xlsx", xlsx_path, "xlsx"),
        Output("--html", html_path, "html"),
        Output("--json", json_path, "json"),
    ]
    _check_outputs(outputs, [*paths, *([decisions_path] if decisions_path else [])])
    stats = _load_stats(stats_path) if stats_path else None
    review = _load_review(decisions_path) if decisions_path else None
    decisions = review.decisions if review is not None else None
    suggester = _load_suggester(library_path) if suggest or library_path else None
    reports_wanted = findings_path or xlsx_path or html_path or json_path or statistics or decisions_path or suggester
    if tables and (engine == "dask" or not reports_wanted):
        from scorer.engines.bulk import BulkOptions, default_max_memory_mb

        options = BulkOptions(
            corpus_stats=stats,
            select=selected,
            ignore=ignored,
            use_model=not no_model,
            model_path=str(model_path) if model_path else None,
            max_memory_mb=max_memory or default_max_memory_mb(jobs),
            exits_when_stopped=True,  # this process ends after a signal stops the run
        )
        with OutputBatch() as batch:
            rows_target = output if output is None or parts_folder else batch.temporary(output)
            projects_target = batch.temporary(projects_path) if projects_path else None
            status = _score_tables(tables, rows_target, projects_target, jobs, chunk_rows, options, engine, scheduler, quiet)
            if status == EXIT_NOTHING_READ:
                _nothing_to_score()
            batch.commit()
        sys.exit(status)

    report = _read_tables(tables, quiet) if tables else _read_documents(list(paths), outputs, quiet, jobs)
    status = _exit_status(report)
    if status == EXIT_NOTHING_READ:
        _nothing_to_score()
    result = _score(report, selected, ignored, stats, no_model, model_path, decisions)
    if suggester is not None:
        from scorer.library import suggestions_for

        result.rows["suggestions"], missing = suggestions_for(result, suggester)
        result.projects["suggestions"] = [
            "\n".join(missing.get((s, int(i)), []))
            for s, i in zip(result.projects["source"], result.projects["project_index"], strict=True)
        ]
    notes = _place_notes(result, review.notes) if review is not None else None
    _write_outputs(result, output, projects_path, findings_path, xlsx_path, html_path, json_path, notes)
    for message in result.rule_errors:
        _say("error", message)
    _report_decisions(result, decisions, quiet, notes)
    from scorer.report.terminal import print_statistics, print_summary

    if not quiet:
        print_summary(result, top)
    if statistics:
        print_statistics(result)
    if not quiet and not any(output.path for output in outputs):
        _say("notice", text("run.summary_only"))  # the run's last line
    sys.exit(EXIT_SOME_UNREADABLE if status == EXIT_OK and result.rule_errors else status)


def _tables_or_documents(paths: tuple[Path, ...], outputs: list[Path | None]) -> list[Path]:
    """The rows tables to read the table way, or [] for documents (scorer.ingest.rows_tables_among); a usage
    error when the inputs mix them. With tables, the files left out below a folder are said here (the
    document path says them as it reads)."""
    from scorer.ingest import MixedInputs, rows_tables_among

    try:
        tables, left_out = rows_tables_among(paths, exclude=[path for path in outputs if path is not None])
    except MixedInputs as exc:
        _usage_error(str(exc))
    for left in left_out:
        _say("warning", text("read.file_skipped", path=left.path, reason=left.reason))
    return tables


def _read_inputs(paths: list[Path], outputs: list[Output], quiet: bool, jobs: int = 1) -> ReadReport:
    """The inputs read as `score` reads them: rows tables (named, or below a folder, .parquet too) a document a
    source or unit, else documents; a usage error when they mix (_tables_or_documents)."""
    _check_inputs(paths)
    tables = _tables_or_documents(tuple(paths), [output.path for output in outputs])
    return _read_tables(tables, quiet) if tables else _read_documents(paths, outputs, quiet, jobs)


def _load_suggester(path: Path | None):
    from scorer.library import LibraryError, Suggester, load_library

    try:
        return Suggester(load_library(path))
    except LibraryError as exc:
        _usage_error(text("library.invalid", detail=exc))


def _settings():
    """zhibiao.toml or [tool.zhibiao] found from the working directory upward (scorer.config)."""
    from scorer.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        _usage_error(str(exc))


def _configured_decisions(settings) -> Path | None:
    value = settings.get("decisions")
    return Path(value) if value else None


def _load_decisions(path: Path, option: bool = True) -> list:
    return _load_review(path, option).decisions


def _load_review(path: Path, option: bool = True):
    """The decisions and the notes (scorer.decisions.Review) of a reviewed workbook or decisions CSV."""
    from scorer.decisions import DecisionsError, read_review

    try:
        return read_review(path)
    except DecisionsError as exc:
        _usage_error(text("decisions.invalid", detail=exc) if option else str(exc))


def _place_notes(result, notes: list):
    """The notes read with --decisions matched to the lines of this run (scorer.decisions.PlacedNotes)."""
    from scorer.decisions import place_notes

    return place_notes(notes, result.rows, result.projects)


def _report_decisions(result, decisions: list | None, quiet: bool, notes=None) -> None:
    """One warning line per stale decision and per stale note; a count of the findings waived, and of the
    notes written without a decision."""
    if decisions is None:
        return
    from scorer.decisions import stale_message, stale_note_message

    for item in result.stale_decisions:
        _say("warning", stale_message(item))
    stale_notes = notes.stale if notes is not None else []
    for stale_note in stale_notes:
        _say("warning", stale_note_message(stale_note))
    if not quiet:
        findings = result.findings
        waived = int((findings["waiver"] != "").sum()) if len(findings) else 0
        click.echo(
            text("decisions.applied", decisions=len(decisions), waived=waived, stale=len(result.stale_decisions)), err=True
        )
        undecided = notes.undecided if notes is not None else 0
        if undecided:
            click.echo(text("decisions.notes_applied", notes=undecided, stale=len(stale_notes)), err=True)


def _score(
    report: ReadReport,
    select: list[str] | None,
    ignore: list[str] | None,
    stats: dict | None,
    no_model: bool,
    model_path: Path | None,
    decisions: list | None = None,
):
    from scorer.api import score_documents
    from scorer.classifier import ModelError

    try:
        result = score_documents(
            report.documents, select, ignore, stats, use_model=not no_model, model_path=model_path, decisions=decisions
        )
    except ModelError as exc:
        _usage_error(text("model.invalid", detail=exc))
    result.errors = report.errors
    return result


def _write_outputs(
    result,
    output: Path | None,
    projects_path: Path | None,
    findings_path: Path | None,
    xlsx_path: Path | None,
    html_path: Path | None,
    json_path: Path | None,
    notes=None,
) -> None:
    """Every output written beside its target, then all renamed together. notes: what a reviewer wrote on
    the lines of the workbook read with --decisions (scorer.decisions.PlacedNotes), for the --xlsx."""
    from scorer.table import PROJECT_COLUMNS, PROJECT_EXTRA_COLUMNS

    with OutputBatch() as batch:
        suggested = ["suggestions"] if "suggestions" in result.rows.columns else []  # score --suggest
        if output:
            write_csv(result.rows[ROW_COLUMNS + ROW_EXTRA_COLUMNS + suggested], batch.temporary(output))
        if projects_path:
            write_csv(result.projects[PROJECT_COLUMNS + PROJECT_EXTRA_COLUMNS + suggested], batch.temporary(projects_path))
        if findings_path:
            write_csv(result.findings, batch.temporary(findings_path))
        if xlsx_path:
            from scorer.report.xlsx import write_xlsx

            write_xlsx(result, batch.temporary(xlsx_path), notes)
        if html_path:
            from scorer.report.html_report import write_html

            write_html(result, batch.temporary(html_path))
        if json_path:
            from scorer.report.json_report import write_json

            write_json(result, batch.temporary(json_path))
        batch.commit()


def _read_tables(paths: list[Path], quiet: bool) -> ReadReport:
    """Rows tables read whole into Documents (scorer.ingest.rows), for the reports that need every finding
    in memory; each file as named (no folder expanded, no file left out)."""
    report = ReadReport()
    for path in paths:
        read_table(path, report)  # as a table, whatever its size: the run took it for one
    _report_reading(report, InputPlan(), quiet)
    return report


def _score_tables(
    paths: list[Path],
    output: Path | None,
    projects_path: Path | None,
    jobs: int,
    chunk_rows: int,
    options,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> int:
    """Rows tables scored in a stream (or on Dask); returns the exit status."""
    from scorer.classifier import ModelError
    from scorer.engines.bulk import BulkAborted

    if engine == "dask":
        _require_dask()
    try:
        if engine == "dask":
            from scorer.engines.dask_engine import score_tables_dask

            report = score_tables_dask(paths, output, projects_path, scheduler=scheduler, workers=jobs, options=options)
        else:
            from scorer.engines.bulk import score_tables

            with _row_progress(quiet) as on_chunk:
                report = score_tables(
                    paths, output, projects_path, jobs=jobs, chunk_rows=chunk_rows, options=options, on_chunk=on_chunk
                )
    except ModelError as exc:
        _usage_error(text("model.invalid", detail=exc))
    except BulkAborted as exc:  # a dead worker or a signal: one line, nothing written (the batch is discarded)
        _say("error", str(exc))
        raise RunStopped(exc.status) from None
    for warning in report.warnings:
        _say("warning", warning)
    for message in dict.fromkeys(report.errors):  # a table unreadable at one place is found so by both passes
        _say("error", message)
    for message in dict.fromkeys(report.rule_errors):
        _say("error", message)
    if not quiet:
        if report.worst is not None and len(report.worst):
            from scorer.report.terminal import print_worst

            print_worst(report.worst, report.projects, report.rows)
        grades = ", ".join(f"{letter} {count}" for letter, count in report.grades.items())
        stages = text(
            "bulk.stages",
            stages=text("list.comma").join(f"{_stage_name(stage)} {seconds:.1f}s" for stage, seconds in report.seconds.items()),
        )
        click.echo(
            text(
                "bulk.summary",
                rows=report.rows,
                projects=report.projects,
                documents=report.documents,
                grades=grades or text("none"),
                stages=stages,
            ),
            err=True,
        )
        if report.rows and output is None and projects_path is None:
            _say("notice", text("run.summary_only"))
    if not report.rows:
        return EXIT_NOTHING_READ
    return EXIT_SOME_UNREADABLE if report.errors or report.rule_errors or report.replaced_bytes else EXIT_OK


def _said_kind(kind: str) -> str:
    """A cluster's kind (the CSV's `kind`: copy, carry-over) as the reviewer reads it."""
    key = f"duplicates.kind.{kind}"
    return text(key) if key in CATALOGUE else kind


def _require_dask() -> None:
    """--engine dask without the `.[dask]` extra: one line saying how to install it, exit status 2."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        _usage_error(text("input.dask_missing"))


def _stage_name(stage: str) -> str:
    key = f"bulk.stage.{stage}"
    return text(key) if key in CATALOGUE else stage


@contextmanager
def _row_progress(quiet: bool):
    """A progress bar of rows scored on stderr when it is a terminal (the total once pass 1 has counted)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(text("progress.scoring"), total=None)

        def advance(rows: int, total: int | None) -> None:
            progress.update(task, advance=rows, total=total)

        yield advance


def _load_stats(path: Path) -> dict:
    import json

    from scorer.duplicates import STATS_SCHEMA

    try:
        stats = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _usage_error(text("stats.invalid", path=path, detail=f"（{type(exc).__name__}）"))
    if not isinstance(stats, dict) or stats.get("schema") != STATS_SCHEMA or not isinstance(stats.get("keys"), dict):
        _usage_error(text("stats.invalid", path=path, detail=""))
    return stats


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option("-o", "--output", type=click.Path(path_type=Path), required=True)
@_option("--no-near", is_flag=True)
@_option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@_option("--scheduler")
@_option("-j", "--jobs", default=os.cpu_count() or 1, show_default="the cores", type=click.IntRange(1, 256))
@_option("-q", "--quiet", is_flag=True)
@_lang_option
def duplicates(
    paths: tuple[Path, ...], output: Path, no_near: bool, engine: str, scheduler: str | None, jobs: int, quiet: bool
) -> None:
    """Clusters of alike rows across projects, documents and years, with the finding each member got."""
    import pandas as pd

    from scorer.api import score_documents
    from scorer.duplicates import ClusterOptions, cluster_rows, row_table
    from scorer.inputs import CLUSTER_COLUMNS

    if engine == "dask" and not no_near:
        _require_dask()  # before the inputs are read: a large corpus takes a while
    outputs = [Output("-o", output, "csv")]
    report, status = _read_or_stop(list(paths), outputs, quiet)
    if engine == "dask" and not no_near:
        frame = _clusters_on_dask(row_table(report.documents), scheduler, jobs)
    else:
        frame = cluster_rows(row_table(report.documents), ClusterOptions(near=not no_near))
    result = score_documents(report.documents)
    codes = result.rows.set_index(["source", "project_index", "row_index"])["codes"]
    members = frame[frame["cluster"] >= 0].copy()
    members["codes"] = [
        codes.get((s, p, r), "")
        for s, p, r in zip(members["source"], members["project_index"], members["row_index"], strict=True)
    ]
    sizes = members.groupby("cluster")["key"].transform("size")
    members["size"] = sizes
    members = members.sort_values(
        ["size", "cluster", "source", "project_index", "row_index"], ascending=[False, True, True, True, True]
    )
    write_csv(pd.DataFrame(members[CLUSTER_COLUMNS]), output)
    if not quiet:
        counts = members.groupby("kind")["cluster"].nunique().to_dict()
        click.echo(
            text(
                "duplicates.done",
                clusters=members["cluster"].nunique(),
                kinds=text("list.comma").join(f"{_said_kind(k)} {v}" for k, v in sorted(counts.items())),
                members=len(members),
                rows=len(frame),
            ),
            err=True,
        )
    sys.exit(status)


def _clusters_on_dask(rows, scheduler: str | None, jobs: int):
    """cluster_rows with the near-duplicate search on Dask: on `scheduler`, or a LocalCluster of `jobs` workers."""
    import logging

    from scorer.duplicates import ClusterOptions, cluster_rows
    from scorer.engines.bulk import BulkAborted, stopped_by_signals

    _require_dask()
    from distributed import Client, LocalCluster

    from scorer.engines.dask_engine import near_pairs_on

    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    try:
        with stopped_by_signals(keep_ignored=True):  # the command ends after a signal stops it
            cluster = (
                None
                if scheduler
                else LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
                )
            )
            try:
                with Client(scheduler or cluster) as client:
                    return cluster_rows(rows, ClusterOptions(find_near=near_pairs_on(client)))
            finally:
                if cluster is not None:
                    cluster.close()
    except BulkAborted as exc:
        _say("error", str(exc))
        sys.exit(exc.status)


@cli.command("corpus-stats")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option("-o", "--output", type=click.Path(path_type=Path), required=True)
@_option("-q", "--quiet", is_flag=True)
@_lang_option
def corpus_stats_command(paths: tuple[Path, ...], output: Path, quiet: bool) -> None:
    """Count how many units use each row (figures masked), for `zhibiao score --corpus-stats`."""
    import json

    from scorer.atomic import atomic_output
    from scorer.duplicates import corpus_stats, row_table

    outputs = [Output("-o", output, "json")]
    report, status = _read_or_stop(list(paths), outputs, quiet)
    stats = corpus_stats(row_table(report.documents))
    with atomic_output(output) as temporary:
        temporary.write_text(json.dumps(stats, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    if not quiet:
        click.echo(text("stats.done", rows=stats["rows"], units=stats["units"], shared=len(stats["keys"])), err=True)
    sys.exit(status)


@cli.command()
@click.argument("labels", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_option("--docs", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("samples"), show_default=True)
@_option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("models/zhibiao-model.json"), show_default=True)
@_option("--card", type=click.Path(dir_okay=False, path_type=Path), default=None)
@_lang_option
def train(labels: tuple[Path, ...], docs: Path, out: Path, card: Path | None) -> None:
    """Train the classifier on labelled CSVs (LABELING.md format), evaluate it with each document held out."""
    from scorer.atomic import atomic_output
    from scorer.training import held_out_evaluation, labelled_examples, model_card, read_labels
    from scorer.training import train as fit_model

    card = card or out.with_name("MODEL_CARD.md")
    _check_outputs([Output("--out", out, "json"), Output("--card", card, "markdown")], list(labels))
    examples, contexts, missing = labelled_examples(read_labels(list(labels)), docs)
    if not examples:
        _usage_error(text("train.nothing"))
    report = held_out_evaluation(examples, contexts)
    model = fit_model(examples)
    model.metadata = {
        "labels": [str(p) for p in labels],
        "rows": len(examples),
        "held_out": {
            "flagged_f1": {k: round(v[2], 4) for k, v in report["flagged"].items()},
            "auc": {k: round(v, 4) for k, v in report["auc"].items()},
            "macro_f1": {
                n: round(sum(e[n][2] for e in report["categories"].values()) / len(report["categories"]), 4)
                for n in ("rules", "model", "combined")
            },
        },
    }
    model.save(out)
    with atomic_output(card) as temporary:
        temporary.write_text(model_card(report, list(labels), examples, missing, model), encoding="utf-8")
    held = model.metadata["held_out"]
    click.echo(
        text(
            "train.done",
            rows=len(examples),
            missing=missing,
            f1=", ".join(f"{k} {v:.3f}" for k, v in held["flagged_f1"].items()),
            auc=", ".join(f"{k} {v:.4f}" for k, v in held["auc"].items()),
            out=out,
            card=card,
        )
    )


@cli.command("compare")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@_option("--xlsx", "xlsx_path", type=click.Path(path_type=Path))
@_option("--html", "html_path", type=click.Path(path_type=Path))
@_option("--no-model", is_flag=True)
@_option("--decisions", "decisions_path", type=click.Path(path_type=Path))
@_option("--all", "show_all", is_flag=True)
@_option("-q", "--quiet", is_flag=True)
@_lang_option
def compare_command(
    old: Path,
    new: Path,
    xlsx_path: Path | None,
    html_path: Path | None,
    no_model: bool,
    decisions_path: Path | None,
    show_all: bool,
    quiet: bool,
) -> None:
    """Compare two versions (files or folders): findings fixed, still open and new, scores before and after."""
    from scorer.compare import compare_results, write_comparison_html, write_comparison_xlsx

    decisions_path = decisions_path or _configured_decisions(_settings())
    _check_inputs([old, new, *([decisions_path] if decisions_path else [])])
    outputs = [Output("--xlsx", xlsx_path, "xlsx"), Output("--html", html_path, "html")]
    _check_outputs(outputs, [old, new, *([decisions_path] if decisions_path else [])])
    decisions = _load_decisions(decisions_path) if decisions_path else None
    results, statuses = [], []
    for side in (old, new):
        report = _read_inputs([side], outputs, True)
        status = _exit_status(report)
        if status == EXIT_NOTHING_READ:
            _usage_error(text("compare.nothing", path=side))
        statuses.append(status)
        results.append(_score(report, None, None, None, no_model, None, decisions))
    comparison = compare_results(*results)
    with OutputBatch() as batch:
        if xlsx_path:
            write_comparison_xlsx(comparison, batch.temporary(xlsx_path))
        if html_path:
            write_comparison_html(comparison, batch.temporary(html_path), str(old), str(new))
        batch.commit()
    if not quiet:
        _print_comparison(comparison, show_all)
    sys.exit(max(statuses))


def _print_comparison(comparison, show_all: bool) -> None:
    from scorer.compare import REMOVED, UNCHANGED
    from scorer.text import without_controls

    def say(line: str) -> None:  # a cell's control characters (\x1b of an ANSI escape) would act on the terminal
        click.echo(without_controls(line))

    def score(value, grade) -> str:
        return "—" if value is None else f"{value:.1f}({grade})"

    say(comparison.summary())
    for project in comparison.projects:
        if project.status == UNCHANGED and not show_all:
            continue
        name = " / ".join(part for part in (project.unit, project.name) if part)
        detail = text(
            "compare.project",
            old=score(project.old_score, project.old_grade),
            new=score(project.new_score, project.new_grade),
            fixed=len(project.fixed),
            open=len(project.still_open),
            new_findings=len(project.new),
            added=len(project.rows_added),
            removed=len(project.rows_removed),
        )
        say(text("compare.line", status=text(f"compare.status.{project.status}"), name=name, detail=detail))
        if project.status == REMOVED:
            continue
        for what in ("fixed", "new", "still_open"):
            for change in getattr(project, what):
                values = f"{change.old_value} → {change.new_value}" if change.old_value != change.new_value else change.new_value
                row = (
                    text("compare.row", indicator=change.indicator, values=values)
                    if change.indicator
                    else text("compare.project_level")
                )
                say(f"    {text(f'compare.{what}')}  {row}  {change.code} {change.message}")
        for name_added in project.rows_added:
            say(f"    {text('compare.row_added')}  {name_added}")
        for name_removed in project.rows_removed:
            say(f"    {text('compare.row_removed')}  {name_removed}")


@cli.command("letter")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option("-o", "--output", "folder", type=click.Path(path_type=Path), required=True)
@_option("--decisions", "decisions_path", type=click.Path(path_type=Path))
@_option("--suggest", is_flag=True)
@_option("--library", "library_path", type=click.Path(path_type=Path))
@_option("--no-model", is_flag=True)
@_option("-q", "--quiet", is_flag=True)
@_lang_option
def letter_command(
    paths: tuple[Path, ...],
    folder: Path,
    decisions_path: Path | None,
    suggest: bool,
    library_path: Path | None,
    no_model: bool,
    quiet: bool,
) -> None:
    """Write a 修改意见 letter (.docx) per unit: each project's weak rows with reason and fix, worst first."""
    from scorer.letter import letters, write_letter

    decisions_path = decisions_path or _configured_decisions(_settings())
    inputs = [*paths, *([decisions_path] if decisions_path else []), *([library_path] if library_path else [])]
    _check_inputs(inputs)
    if not folder.is_dir():
        _usage_error(text("letter.no_folder" if not folder.exists() else "letter.not_folder", folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        _usage_error(text("output.unwritable", option="-o", path=folder))
    decisions = _load_decisions(decisions_path) if decisions_path else None
    report = _read_inputs(list(paths), [], quiet)
    status = _exit_status(report)
    if status == EXIT_NOTHING_READ:
        _nothing_to_score()
    result = _score(report, None, None, None, no_model, None, decisions)
    if decisions is not None:
        _report_decisions(result, decisions, True)
    if suggest or library_path:
        from scorer.library import suggestions_for

        result.rows["suggestions"], _ = suggestions_for(result, _load_suggester(library_path))
    written = letters(result)
    targets = [folder / letter.file_name for letter in written]
    resolved_inputs = {p.resolve() for p in paths if p.is_file()}
    for target in targets:
        if target.resolve() in resolved_inputs:
            _usage_error(text("output.is_input", option="-o", path=target))
    with OutputBatch() as batch:
        for letter, target in zip(written, targets, strict=True):
            write_letter(letter, batch.temporary(target))
        batch.commit()
    if not quiet:
        for letter, target in zip(written, targets, strict=True):
            click.echo(
                text(
                    "letter.written", path=target, projects=len(letter.projects), rows=sum(len(p.rows) for p in letter.projects)
                ),
                err=True,
            )
        if not written:
            click.echo(text("letter.none"), err=True)
    sys.exit(status)


@cli.command("config")
@_lang_option
def config_command() -> None:
    """Print the settings in force (zhibiao.toml or [tool.zhibiao]) and where each came from."""
    from scorer.config import KEYS

    settings = _settings()
    if settings.path is None:
        click.echo(text("config.none"))
    else:
        click.echo(text("config.file", path=settings.path))
    for key in KEYS:
        value = settings.get(key)
        shown = ", ".join(value) if isinstance(value, list) else (value or text(f"config.default.{key}"))
        origin = settings.origin(key) or text("config.default")
        click.echo(text("config.line", setting=key, value=shown, origin=origin))


@cli.command("suggest")
@click.argument("project")
@_option("--level2", required=True)
@_option("--library", "library_path", type=click.Path(path_type=Path))
@_option("-n", "--count", default=3, show_default=True, type=click.IntRange(1, 20))
@_lang_option
def suggest_command(project: str, level2: str, library_path: Path | None, count: int) -> None:
    """Suggest well-set indicators from the library for a project and a 二级指标 (指标推荐)."""
    from scorer.library import group_names, group_of_heading, kinds_of_name

    if library_path is not None:
        _check_inputs([library_path])
    group = group_of_heading(level2)
    if not group:
        _usage_error(text("suggest.unknown_level2", level2=level2, names="、".join(group_names().values())))
    suggester = _load_suggester(library_path)
    kinds = kinds_of_name(project)
    found = suggester.suggest(group, kinds, limit=count, project=project)
    click.echo(
        text(
            "suggest.title",
            project=project,
            level2=group_names()[group],
            kinds="、".join(sorted(kinds)) or text("suggest.general"),
        )
    )
    for number, item in enumerate(found, start=1):
        click.echo(f"{number}. {item.name}：{item.value}\n   {item.why}")
    if not found:
        click.echo(text("suggest.none"))


@cli.group("library", cls=_Group)
@_lang_option
def library_group() -> None:
    """The library of well-set indicators that suggestions come from."""


@library_group.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option("-o", "--output", type=click.Path(path_type=Path), required=True)
@_option("--card", "card_path", type=click.Path(path_type=Path))
@_option("--no-model", is_flag=True)
@_option("-q", "--quiet", is_flag=True)
@_lang_option
def library_build(paths: tuple[Path, ...], output: Path, card_path: Path | None, no_model: bool, quiet: bool) -> None:
    """Build the library from scored tables: the rows that score sound, with project kind, group and template."""
    from scorer.library import build_library, library_card

    card_path = card_path or output.with_name(output.stem + "_CARD.md")
    outputs = [Output("-o", output, "parquet"), Output("--card", card_path, "markdown")]
    _check_outputs(outputs, list(paths))
    report = _read_inputs(list(paths), outputs, quiet)
    status = _exit_status(report)
    if status == EXIT_NOTHING_READ:
        _nothing_to_score()
    result = _score(report, None, None, None, no_model, None)
    library = build_library(result)
    with OutputBatch() as batch:
        library.to_parquet(batch.temporary(output), index=False)
        batch.temporary(card_path).write_text(library_card(library, [str(p) for p in paths]), encoding="utf-8")
        batch.commit()
    if not quiet:
        click.echo(text("library.built", path=output, rows=len(library), card=card_path), err=True)
    sys.exit(status)


@cli.group("decisions", cls=_Group)
@_lang_option
def decisions_group() -> None:
    """The reviewer's decisions (审核意见) on findings."""


@decisions_group.command("export")
@click.argument("workbook", type=click.Path(path_type=Path))
@_option("-o", "--output", type=click.Path(path_type=Path), required=True)
@_lang_option
def decisions_export(workbook: Path, output: Path) -> None:
    """Write the decisions CSV from a reviewed workbook (审核意见, 备注, 审核人, 审核日期 of 指标明细 and 项目排名);
    a line with a note and no 审核意见 too, its decision column empty."""
    from scorer.decisions import decisions_frame

    _check_inputs([workbook])
    _check_outputs([Output("-o", output, "csv")], [workbook])
    if workbook.suffix.lower() != ".xlsx":
        _usage_error(text("decisions.not_workbook", path=workbook))
    review = _load_review(workbook, option=False)
    frame = decisions_frame(review.decisions, review.notes)
    write_csv(frame, output)
    decided = frame[frame["decision"] != ""]
    counts = decided["decision"].value_counts()
    notes = len(frame) - len(decided)
    click.echo(
        text(
            "decisions.exported",
            count=len(decided),
            output=output,
            verdicts="，".join(f"{verdict} {n}" for verdict, n in counts.items()) or text("none"),
        )
        + (text("decisions.exported_notes", notes=notes) if notes else ""),
        err=True,
    )


@cli.command("rules")
@_lang_option
def list_rules() -> None:
    """List every rule: code, category, severity, scope, what it flags."""
    from scorer.classifier import MODEL_CODES
    from scorer.messages import language
    from scorer.report.terminal import category_name
    from scorer.rules import load_rules

    def columns(code: str, category: str, severity: str, scope: str, said: str, header: bool = False) -> str:
        if header:
            category, severity, scope = (text(f"rules.header.{part}") for part in ("category", "severity", "scope"))
        if language() == "zh":  # the Chinese names are two to four characters: pad by display width
            if not header:
                category, severity, scope = category_name(category), text(f"severity.{severity}"), text(f"scope.{scope}")
            return f"{_pad(code, 6)}{_pad(category, 10)}{_pad(severity, 6)}{_pad(scope, 10)}{said}"
        return f"{code:<4}  {category:<13} {severity:<8} {scope:<8} {said}"

    header = [text(f"rules.header.{part}") for part in ("code", "category", "severity", "scope", "what")]
    click.echo(columns(header[0], "", "", "", header[4], header=True))
    for code, item in sorted(load_rules().items()):
        said = item.title if language() == "zh" else f"{item.name}: {item.summary}"
        click.echo(columns(code, item.category, item.severity.value, item.scope, said))
    for category, code in MODEL_CODES.items():
        title = text("model.title", category=category_name(category))
        click.echo(columns(code, category, "model", "row", title if language() == "zh" else f"{title}: {text('model.summary')}"))


def _pad(words: str, width: int) -> str:
    """words followed by spaces to `width` terminal columns (a Chinese character takes two)."""
    from scorer.text import display_width

    return words + " " * max(1, width - display_width(words))


@cli.command("rule")
@click.argument("code")
@_lang_option
def show_rule(code: str) -> None:
    """Print one rule's documentation (what, why, a bad and a good example)."""
    import difflib

    from scorer.classifier import MODEL_CODES, model_doc
    from scorer.messages import language
    from scorer.registry import rule_doc
    from scorer.rules import load_rules

    rules = load_rules()
    item = rules.get(code.upper())
    model_categories = {model_code: category for category, model_code in MODEL_CODES.items()}
    if item is None and code.upper() in model_categories:
        from scorer.classifier import load_model
        from scorer.report.terminal import category_name

        category = model_categories[code.upper()]
        click.echo(f"{code.upper()} {text('model.title', category=category_name(category))}  {_tags(category, 'model', 'row')}\n")
        if language() == "zh":
            click.echo(_rule_doc_text(rule_doc(code.upper())) + "\n")
        click.echo(model_doc().rstrip())
        model = load_model()
        if model is not None:
            click.echo("\n" + text("model.adds_findings" if category in model.finding_categories else "model.score_only"))
        return
    if item is None:
        closest = difflib.get_close_matches(code.upper(), [*rules, *model_categories], n=3, cutoff=0.5)
        _usage_error(text("rule.unknown", code=code, hint=text("codes.closest", names="、".join(closest)) if closest else ""))
    said = f"{item.title}（{item.name}）" if language() == "zh" else item.name
    click.echo(f"{item.code} {said}  {_tags(item.category, item.severity.value, item.scope)}\n")
    click.echo(_rule_doc_text(item.doc_zh) if language() == "zh" else item.doc)
    message = item.message if language() == "zh" else english_wording(item.code).get("message", "")
    if message:
        click.echo("\n" + text("rule.message", message=_template_shown(message)))


def _template_shown(template: str) -> str:
    """A message template as a reviewer reads it: each {field} the row fills in named in 〔〕 (〔指标值〕)."""
    import re

    def named(found: re.Match) -> str:
        key = f"field.{found[1]}"
        return "〔" + (text(key) if key in CATALOGUE else "…") + "〕"

    return re.sub(r"\{(\w+)(?::[^{}]*)?\}", named, template)


def _tags(category: str, severity: str, scope: str) -> str:
    """[category, severity, scope] in the language of the run."""
    from scorer.report.terminal import category_name

    parts = (category_name(category), text(f"severity.{severity}"), text(f"scope.{scope}"))
    return ("［" + "，".join(parts) + "］") if language() == "zh" else "[" + ", ".join(parts) + "]"


def _rule_doc_text(doc: dict) -> str:
    """A rule's Chinese documentation (lexicons/rule_docs.yaml) as `zhibiao rule` prints it."""
    sections = [("检查什么", doc.get("what")), ("为什么重要", doc.get("why"))]
    out = [f"{title}：{body}" for title, body in sections if body]
    for title, example in (("反例（本规则会标出）", doc.get("bad")), ("正例（本规则不标出）", doc.get("good"))):
        if example:
            out.append(f"{title}：\n" + "\n".join("  " + line for line in _example_lines(example)))
    if doc.get("fix"):
        out.append(f"怎样修改：{doc['fix']}")
    return "\n\n".join(out)


def _unit_and_year(case: dict) -> str:
    year = f"{case['year']}年" if case.get("year") else ""
    return "，".join(part for part in (case.get("unit", ""), year) if part)


def _example_lines(case: dict) -> list[str]:
    """A structured example of lexicons/rule_docs.yaml as table lines: the project, its rows, the other
    projects and files it is read with."""

    def row(level2: str, name: str, value: str) -> str:
        return f"  {level2 + ' / ' if level2 else ''}{name} = {value}"

    budget = case.get("budget")
    lines = [f"项目“{case['project']}”" + (f"（预算 {budget:g} 万元）" if budget is not None else "")]
    if case.get("unit"):
        lines.append(f"  单位：{case['unit']}")
    if case.get("year"):
        lines.append(f"  预算年度：{case['year']}年")
    if case.get("purpose"):
        lines.append(f"  用途：{case['purpose']}")
    if case.get("goal"):
        lines.append(f"  绩效目标：{case['goal']}")
    if case.get("schedule"):
        lines.append("  资金支出计划：" + "，".join(f"{when} {percent}%" for when, percent in case["schedule"]))
    lines.append(row(case.get("level2", ""), case["name"], case["value"]))
    lines += [row(*other) for other in case.get("rows", [])]
    for other in case.get("others", []):
        lines.append(f"同一文件的项目“{other['project']}”")
        lines += [row(*cells) for cells in other["rows"]]
    for document in case.get("documents", []):
        where = _unit_and_year(document)
        for other in document["projects"]:
            lines.append(f"另一文件（{where}）的项目“{other['project']}”")
            lines += [row(*cells) for cells in other["rows"]]
    if case.get("note"):
        lines.append(f"（{case['note']}）")
    return lines


def main() -> None:
    try:
        cli()
    except RunStopped as stopped:
        # The run's reading was cut off mid-file and Arrow's own threads may still be finishing that work;
        # one that needs Python while the interpreter is torn down aborts the process ("terminate called
        # without an active exception", SIGABRT: apache/arrow#34314, #43604), which once turned exit
        # status 3 into -6 in CI. The run's own clean-up is done; what the error still holds (the frames of its
        # traceback: a reader, a regrouped table's temporary parts) is let go and collected first.
        status = stopped.code if isinstance(stopped.code, int) else 1
        for number in (signal.SIGINT, signal.SIGTERM):  # stopping already: a second ^C gives no traceback
            signal.signal(number, signal.SIG_IGN)
        stopped.__context__ = stopped.__cause__ = stopped.__traceback__ = None
        del stopped
        import gc

        gc.collect()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


if __name__ == "__main__":
    main()
