"""A folder holding a rows table as Parquet is read by every entry point as `score` reads it: compare, letter,
library build and scorer.score read the table's documents and rows, the same as from the file named (they
skipped the .parquet as unsupported, or, scorer.score, silently); a folder mixing a rows table with documents
is refused by each with score's message. The table is the seed rows as `zhibiao parse` reads them."""

from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

import scorer
from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, cli
from scorer.ingest.tables import INPUT_COLUMNS

SEEDS = [SAMPLES / "003_e894add5ed61165e.txt", SAMPLES / "004_a8214dea69c3fa7a.txt"]  # two units, 7 and 2 projects


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args], env={"ZHIBIAO_LANG": "zh"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def parsed(tmp_path_factory) -> pd.DataFrame:
    """The seeds' rows as `zhibiao parse` writes them, in the columns a rows table is read by (the whole
    parse output would be left out of a folder as zhibiao's own rows table)."""
    out = tmp_path_factory.mktemp("parsed") / "rows.csv"
    assert run("parse", *SEEDS, "-o", out, "-q").exit_code == EXIT_OK
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert rows["source"].nunique() == 2 and len(rows) > 30
    return rows[INPUT_COLUMNS]


def _folder(path: Path, rows: pd.DataFrame) -> Path:
    """A folder holding the rows as a Parquet rows table, budget.parquet."""
    path.mkdir()
    rows.to_parquet(path / "budget.parquet", index=False)
    return path


def _revised(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with the values of the first three rows made vague: a new version to compare."""
    revised = rows.copy()
    revised.loc[revised.index[:3], "value"] = "进一步提升"
    return revised


def test_compare_reads_a_folder_s_parquet_as_the_file_named(parsed, tmp_path):
    old, new = _folder(tmp_path / "old", parsed), _folder(tmp_path / "new", _revised(parsed))
    named = run("compare", old / "budget.parquet", new / "budget.parquet", "--no-model", "--all")
    assert named.exit_code == EXIT_OK, named.output
    assert "新出现" in named.stdout and "进一步提升" in named.stdout
    folders = run("compare", old, new, "--no-model", "--all")
    assert folders.exit_code == EXIT_OK, folders.output  # was 2: 没有读到任何绩效指标，无法比较
    assert folders.stdout == named.stdout
    assert "不支持 .parquet" not in folders.output


def _letters(folder: Path) -> dict[str, list[str]]:
    """Each letter's paragraphs and table cells, by file name."""
    letters = {}
    for path in sorted(folder.glob("*.docx")):
        document = docx.Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        letters[path.name] = [paragraph.text for paragraph in document.paragraphs] + cells
    return letters


def test_letter_reads_a_folder_s_parquet_as_the_file_named(parsed, tmp_path):
    folder = _folder(tmp_path / "tables", parsed)
    (tmp_path / "named").mkdir()
    (tmp_path / "from_folder").mkdir()
    named = run("letter", folder / "budget.parquet", "-o", tmp_path / "named", "--no-model", "-q")
    assert named.exit_code == EXIT_OK, named.output
    result = run("letter", folder, "-o", tmp_path / "from_folder", "--no-model", "-q")
    assert result.exit_code == EXIT_OK, result.output  # was 2: 没有可评分的指标
    written = _letters(tmp_path / "from_folder")
    assert len(written) == 2 and written == _letters(tmp_path / "named")  # a letter a unit


def test_library_build_reads_a_folder_s_parquet_as_the_file_named(parsed, tmp_path):
    folder = _folder(tmp_path / "tables", parsed)
    named = run("library", "build", folder / "budget.parquet", "-o", tmp_path / "named.parquet", "--no-model", "-q")
    assert named.exit_code == EXIT_OK, named.output
    result = run("library", "build", folder, "-o", tmp_path / "from_folder.parquet", "--no-model", "-q")
    assert result.exit_code == EXIT_OK, result.output  # was 2: 没有可评分的指标
    library = pd.read_parquet(tmp_path / "from_folder.parquet")
    assert len(library) and library.equals(pd.read_parquet(tmp_path / "named.parquet"))


def test_scorer_score_reads_a_folder_s_parquet_as_the_file_named(parsed, tmp_path):
    folder = _folder(tmp_path / "tables", parsed)
    named = scorer.score(folder / "budget.parquet", use_model=False)
    assert len(named.rows) == len(parsed) and len(named.documents) == 2  # a document a source
    from_folder = scorer.score(folder, use_model=False)  # was 0 rows, no error
    assert [d.source for d in from_folder.documents] == [d.source for d in named.documents]
    pd.testing.assert_frame_equal(from_folder.rows, named.rows)
    pd.testing.assert_frame_equal(from_folder.projects, named.projects)


def test_a_folder_mixing_a_parquet_table_and_documents_is_refused_as_score_refuses_it(parsed, tmp_path):
    """compare, letter and library build read the documents and left the table out with a warning, exit 0;
    scorer.score read the documents alone, saying nothing."""
    folder = _folder(tmp_path / "mixed", parsed)
    (folder / "c.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "letters").mkdir()
    refused = run("score", folder, "--no-model", "-o", tmp_path / "rows.csv")
    assert refused.exit_code == EXIT_NOTHING_READ and "不能与文档在同一次运行中评分" in refused.output, refused.output
    said = refused.output.strip()
    assert "（指标表：budget.parquet；文档：c.txt）" in said
    for command in (
        ["compare", folder, SEEDS[0], "--no-model"],
        ["letter", folder, "-o", tmp_path / "letters", "--no-model"],
        ["library", "build", folder, "-o", tmp_path / "library.parquet", "--no-model"],
    ):
        result = run(*command)
        assert result.exit_code == EXIT_NOTHING_READ and result.output.strip() == said, (command[0], result.output)
    assert not list((tmp_path / "letters").iterdir()) and not (tmp_path / "library.parquet").exists()
    from scorer.ingest import MixedInputs

    with pytest.raises(MixedInputs) as raised:
        scorer.score(folder, use_model=False)
    assert "错误：" + str(raised.value) == said


def _commands(folder: Path, out: Path) -> list[list[object]]:
    (out / "letters").mkdir(exist_ok=True)
    return [
        ["score", folder, "--no-model", "-o", out / "rows.csv", "--xlsx", out / "review.xlsx"],
        ["compare", folder, folder, "--no-model"],
        ["letter", folder, "-o", out / "letters", "--no-model"],
        ["library", "build", folder, "-o", out / "library.parquet", "--no-model"],
        ["parse", folder, "-o", out / "parsed.csv"],
    ]


@pytest.mark.parametrize("holds", ["nothing", "unsupported files", "hidden files"])
def test_a_folder_with_no_file_to_read_is_said_by_every_command(holds, tmp_path):
    """Every command stopped with exit status 2 and 没有可评分的指标 (compare: 没有读到任何绩效指标), never
    saying that the folder held no file it reads."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    if holds == "unsupported files":
        (folder / "notes.bin").write_bytes(b"\x00\x01")
        (folder / "result.json").write_text("{}", encoding="utf-8")
    elif holds == "hidden files":
        (folder / ".draft.txt").write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    for command in _commands(folder, tmp_path):
        result = run(*command)
        assert result.exit_code == EXIT_NOTHING_READ, (command[0], result.output)
        assert f"{folder}：文件夹中没有可读取的文件" in result.output, (command[0], result.output)
    assert not [path for path in tmp_path.iterdir() if path.is_file()] and not list((tmp_path / "letters").iterdir())


def test_a_parquet_table_of_no_row_in_a_folder_is_said_to_be_a_header_alone(parsed, tmp_path):
    """Read into memory, a Parquet table of no row was said to hold no table headed 三级指标 and 指标值, with
    `zhibiao parse --explain` to look at (which cannot read it)."""
    folder = _folder(tmp_path / "tables", parsed.iloc[:0])
    for command in _commands(folder, tmp_path):
        result = run(*command)
        assert result.exit_code == EXIT_NOTHING_READ, (command[0], result.output)
        assert "budget.parquet：没有读到任何绩效指标（只有表头，没有指标行）" in result.output, (command[0], result.output)
        assert "--explain" not in result.output
