"""Which files a run reads: the tool's own outputs (recognised by the marker its writers put in them)
and the run's own output paths are skipped, old binary Office files (.doc, .wps, .et) are converted
with LibreOffice when it is installed, and every other file not read is named with its reason.
Used by scorer.ingest.expand; the command line reports what it collected."""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from scorer.messages import text

# the marker every report writer puts in its file (HTML meta generator, workbook keywords)
GENERATOR = "zhibiao-report"
LEGACY_TARGETS = {".doc": ".docx", ".wps": ".docx", ".et": ".xlsx"}
CONVERT_TIMEOUT_SECONDS = 120
CLUSTER_COLUMNS = [
    "cluster",
    "kind",
    "size",
    "similarity",
    "key",
    "source",
    "unit",
    "year",
    "project",
    "row_index",
    "level3",
    "value",
    "codes",
]


@dataclass
class SkippedFile:
    path: Path
    reason: str
    unread: bool = False  # True: an input the reviewer meant to be read (counts for exit status 1)


@dataclass
class InputPlan:
    """What a folder run should leave out and where it may convert files; collects what it skipped."""

    exclude: set[Path] = field(default_factory=set)  # resolved output paths of this run
    convert_dir: Path | None = None  # None: old Office files are named, not converted
    rows_tables: bool = False  # True: .parquet files below a folder are taken too (rows tables, never documents)
    skipped: list[SkippedFile] = field(default_factory=list)
    converted: dict[str, str] = field(default_factory=dict)  # converted file -> the file the reviewer gave

    def skip(self, path: Path, reason: str, unread: bool = False) -> None:
        self.skipped.append(SkippedFile(path, reason, unread))


def is_hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def own_output_kind(path: Path) -> str | None:
    """'rows', 'projects', 'findings', 'clusters', 'workbook', 'html' or 'json' when zhibiao wrote the file."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            return _csv_kind(path)
        if suffix in (".xlsx", ".xlsm"):
            return "workbook" if _is_own_workbook(path) else None
        if suffix in (".html", ".htm", ".xhtml"):
            with path.open("rb") as handle:
                head = handle.read(4096).decode("utf-8", "replace")
            own = f"content='{GENERATOR}'" in head or "<title>zhibiao " in head
            return "html" if own else None
        if suffix == ".parquet":
            return _parquet_kind(path)
        if suffix == ".json":
            with path.open("rb") as handle:
                head = handle.read(4096).decode("utf-8", "replace")
            return "json" if '"schema": "zhibiao-' in head or '"schema":"zhibiao-' in head else None
    except Exception:  # a damaged file is not ours; its reader names what is wrong with it
        return None
    return None


def _parquet_kind(path: Path) -> str | None:
    """'rows' or 'projects' for a Parquet file zhibiao wrote (-o rows.parquet, the parts of -o FOLDER)."""
    import pyarrow.parquet as pq

    from scorer.table import PROJECT_COLUMNS, ROW_COLUMNS

    names = list(pq.ParquetFile(path).schema_arrow.names)
    for kind, columns in (("rows", ROW_COLUMNS), ("projects", PROJECT_COLUMNS)):
        if names[: len(columns)] == columns:
            return kind
    return None


def _csv_kind(path: Path) -> str | None:
    from scorer.table import FINDING_COLUMNS, PROJECT_COLUMNS, ROW_COLUMNS

    with path.open("rb") as handle:
        first = handle.readline(4096).decode("utf-8-sig", "replace").strip()
    header = [cell.strip().strip('"') for cell in first.split(",")]
    for kind, columns in (
        ("rows", ROW_COLUMNS),
        ("projects", PROJECT_COLUMNS),
        ("findings", FINDING_COLUMNS),
        ("clusters", CLUSTER_COLUMNS),
    ):
        if header[: len(columns)] == columns:
            return kind
    return None


def _is_own_workbook(path: Path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "docProps/core.xml" in names and GENERATOR.encode() in archive.read("docProps/core.xml")[:100_000]:
            return True
        if "xl/workbook.xml" in names:  # reports written before the marker: their four sheets
            workbook = archive.read("xl/workbook.xml")[:100_000].decode("utf-8", "replace")
            return all(f'name="{sheet}"' in workbook for sheet in ("项目排名", "指标明细", "规则统计", "说明"))
    return False


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_legacy(path: Path, plan: InputPlan) -> Path | None:
    """A .doc/.wps/.et converted headless by LibreOffice into a fresh folder of plan.convert_dir (its own
    profile, no network, a time limit); None, with the file named in plan.skipped, when it cannot be."""
    target = LEGACY_TARGETS[path.suffix.lower()]
    program = soffice()
    if program is None or plan.convert_dir is None:
        plan.skip(path, text("skip.legacy", suffix=path.suffix, target=target), unread=True)
        return None
    work = Path(tempfile.mkdtemp(prefix="convert-", dir=plan.convert_dir))
    profile = work / "profile"
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target.lstrip("."),
        "--outdir",
        str(work / "out"),
        str(path.resolve()),
    ]
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(work), "TMPDIR": str(work), "LANG": "C.UTF-8"}
    try:
        # its own session, so a timeout ends soffice.bin and whatever else it started, not only the launcher
        process = subprocess.Popen(
            command,
            cwd=work,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        process, detail = None, type(exc).__name__
    if process is not None:
        try:
            detail = f"exit {process.wait(timeout=CONVERT_TIMEOUT_SECONDS)}"
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            detail = f"{CONVERT_TIMEOUT_SECONDS}s timeout"
    converted = work / "out" / (path.stem + target)
    if converted.is_file() and converted.stat().st_size > 0:
        plan.converted[str(converted)] = str(path)
        return converted
    plan.skip(path, text("skip.convert_failed", target=target, detail=detail), unread=True)
    return None


def restore_sources(report, plan: InputPlan) -> None:
    """Documents and errors read from converted files name the file the reviewer gave."""
    if not plan.converted:
        return
    for document in report.documents:
        original = plan.converted.get(document.source)
        if original is None:
            continue
        document.source = original
        for project in document.projects:
            if project.location is not None:
                project.location = replace(project.location, source=original)
            for indicator in project.indicators:
                indicator.location = replace(indicator.location, source=original)
        document.skipped = [replace(s, location=replace(s.location, source=original)) for s in document.skipped]
    for error in report.errors:
        for converted, original in plan.converted.items():
            if converted in error.message or error.source == converted:
                error.source = original
                error.message = error.message.replace(converted, original)


def near_names(path: Path, limit: int = 3) -> list[str]:
    """Names in the folder of a missing path that look like it (for 'did you mean')."""
    folder = path.parent
    if not folder.is_dir():
        return []
    try:
        names = [entry.name for entry in folder.iterdir() if not entry.name.startswith(".")]
    except OSError:
        return []
    matches = difflib.get_close_matches(path.name, names, n=limit, cutoff=0.6)
    if not matches:  # a mistyped stem with the right suffix, or the right stem with another suffix
        matches = [n for n in names if Path(n).stem == path.stem][:limit]
    return [str(folder / name) if str(folder) != "." else name for name in matches]
