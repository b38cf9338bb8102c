"""Every output path checked before any work starts: a folder, a missing or unwritable folder, a name
whose extension does not match what the option writes, two options naming one file, an input named
as an output, or a review workbook whose 审核意见 a reviewer has filled in is a one-line usage error."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scorer.messages import text

SUFFIXES: dict[str, tuple[str, ...]] = {
    "csv": (".csv",),
    "table": (".csv", ".parquet"),
    "parquet": (".parquet",),
    "xlsx": (".xlsx",),
    "html": (".html", ".htm"),
    "json": (".json",),
    "markdown": (".md",),
}


@dataclass(frozen=True)
class Output:
    option: str  # as the reviewer typed it: -o, --xlsx …
    path: Path | None  # None: the option was not given
    kind: str  # a key of SUFFIXES


def output_problem(output: Output, inputs: set[Path] | frozenset[Path] = frozenset()) -> str | None:
    """The one-line message for an output that cannot be written, or None."""
    path, option = output.path, output.option
    if path is None:
        return None
    suffixes = SUFFIXES[output.kind]
    if path.is_dir():
        return text("output.is_folder", option=option, path=path, example=path / f"result{suffixes[0]}")
    if path.suffix.lower() not in suffixes:
        return text("output.extension", option=option, path=path, kind=text(f"kind.{output.kind}"), suffixes=" / ".join(suffixes))
    folder = path.parent
    if not folder.exists():
        return text("output.no_folder", option=option, path=path, folder=folder)
    if not folder.is_dir():
        return text("output.not_folder", option=option, path=path, folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return text("output.unwritable", option=option, path=path)
    if path.exists() and path.resolve() in inputs:
        return text("output.is_input", option=option, path=path)
    if output.kind == "xlsx" and path.is_file():
        count = _decisions_in(path)
        if count:
            example = path.with_name(f"{path.stem}_2{path.suffix}")
            return text("output.has_decisions", option=option, path=path, count=count, example=example)
    return None


def _decisions_in(workbook: Path) -> int:
    """How many rows of a review workbook written earlier a reviewer has filled in (scorer.decisions): a re-run
    into the same --xlsx would lose that work."""
    from scorer.decisions import reviewed_rows

    return reviewed_rows(workbook)


def check_outputs(outputs: list[Output], inputs: list[Path] | None = None) -> str | None:
    """The first problem among the outputs given (None when every one can be written)."""
    resolved_inputs = {p.resolve() for p in inputs or [] if p.is_file()}
    seen: dict[Path, str] = {}
    for output in outputs:
        if output.path is None:
            continue
        problem = output_problem(output, resolved_inputs)
        if problem:
            return problem
        key = output.path.resolve()
        if key in seen:
            return text("output.twice", first=seen[key], second=output.option, path=output.path)
        seen[key] = output.option
    return None
