"""Bad inputs at every entry point: no traceback, one line per failure naming the file, the run goes on,
nothing that was read is lost, nothing in a document acts on the reviewer's machine."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import scorer
from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, EXIT_SOME_UNREADABLE, cli
from scorer.ingest import read_paths
from scorer.ingest.interpret import interpret
from scorer.ingest.text_export import text_to_blocks
from scorer.report.csv_writer import FORMULA_TRIGGERS
from tests.robustness.corpus import make_corpus

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "003_e894add5ed61165e.txt"
REFUSED = {
    "binary.txt",
    "not_a_zip.docx",
    "broken.pdf",
    "zip_bomb.docx",
    "truncated_seed.docx",
    "truncated_seed.xlsx",
    "flipped_seed.docx",
    "flipped_seed.xlsx",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("bad"))


def test_every_bad_input_is_named_and_the_run_goes_on(corpus, tmp_path):
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, ["score", str(SEED), *map(str, corpus.values()), "-o", str(out), "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == EXIT_SOME_UNREADABLE
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    named = {name for name, path in corpus.items() if any(str(path) in line for line in errors)}
    assert named == REFUSED
    warnings = [line for line in result.stderr.splitlines() if line.startswith("警告：")]
    gave_nothing = [line for line in warnings if "没有读到任何绩效指标" in line]
    damaged = {name for name, path in corpus.items() if any(str(path) in line for line in warnings if line not in gave_nothing)}
    # not_a_zip.xlsx is the start of a text, cut in a character: read as the text it is (with a notice)
    assert damaged == {"truncated_half.txt", "truncated_mid_char.txt", "bytes_flipped.txt", "not_a_zip.xlsx"}
    assert all("字节）起有" in line for line in warnings if line not in gave_nothing)
    empty = {name for name, path in corpus.items() if any(f"{path}：" in line for line in gave_nothing)}
    assert empty == {
        "empty.txt",
        "only_blank_lines.txt",
        "truncated_mid_char.txt",
        "not_a_zip.xlsx",
        "csv_missing_columns.csv",
        "nested_html.html",
        "unclosed_html.html",
    }
    assert all(len(line) < 400 for line in errors)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        sources = {row["source"] for row in csv.DictReader(handle)}
    assert str(SEED) in sources  # the good file was still scored and written


def test_damaged_utf8_keeps_what_is_readable(corpus):
    half = read_paths([corpus["truncated_half.txt"]]).documents[0]
    assert half.indicator_count > 20 and half.warnings


def test_zip_bomb_and_xxe(corpus):
    report = read_paths([corpus["zip_bomb.docx"], corpus["xxe.docx"]])
    assert len(report.errors) == 1 and "疑似压缩炸弹" in report.errors[0].message
    names = [i.level3 for d in report.documents for p in d.projects for i in p.indicators]
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    assert names and all(hostname not in name for name in names)  # the external entity was not resolved


def test_only_unreadable_files_exit_2(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(corpus["binary.txt"]), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == EXIT_NOTHING_READ


@pytest.mark.slow
def test_fifty_megabyte_cell(tmp_path):
    path = make_corpus(tmp_path, big=True)["big_cell_50mb.txt"]
    result = CliRunner().invoke(cli, ["parse", str(path), "-o", str(tmp_path / "rows.csv"), "-q"])
    assert result.exit_code == EXIT_OK


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "\t一级指标",
                    "\t二级指标",
                    "\t三级指标",
                    "\t指标值",
                    "\t项目名称",
                    "\t产出指标",
                    "\t≥95%",
                    "",
                    "\t",
                    "绩效指标：完成率100%",
                    "1.某项目绩效目标表",
                    "\t预算数",
                    "\t资金支出计划（%）",
                    "| a | b | c |",
                    "<table><tr><td>x</td></tr></table>",
                ]
            ),
        ),
        max_size=60,
    )
)
def test_interpreter_never_raises(lines):
    document = interpret(text_to_blocks("\n".join(lines)), "fuzz.txt")
    for project in document.projects:
        for indicator in project.indicators:
            assert indicator.location.source == "fuzz.txt"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_escape_as_a_traceback(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "random.txt"
    path.write_bytes(data)
    report = read_paths([path])
    assert len(report.documents) + len(report.errors) == 1


# --- no loss: rows read = rows written, for every reader and every output ---------------------------


def _formats(tmp_path) -> list[Path]:
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import make_fixtures

    projects = make_fixtures.seed_projects(3)
    paths = [ROOT / "samples" / name for name in sorted(p.name for p in (ROOT / "samples").glob("*.txt"))]
    for suffix, writer in (
        (".docx", make_fixtures.write_docx),
        (".xlsx", make_fixtures.write_xlsx),
        (".csv", make_fixtures.write_csv),
    ):
        path = tmp_path / f"seed{suffix}"
        writer(projects, path)
        paths.append(path)
    paths.append(ROOT / "tests" / "fixtures" / "seed000_two_projects.pdf")
    html = tmp_path / "seed.html"
    html.write_text(
        "<table><tr><th>项目名称</th><th>三级指标</th><th>指标值</th></tr>"
        "<tr><td>会议费</td><td>会议次数</td><td>≥6次</td></tr>"
        '<tr><td>会议费</td><td>=HYPERLINK("x")</td><td>=7人</td></tr></table>',
        encoding="utf-8",
    )
    paths.append(html)
    return paths


@pytest.mark.slow
def test_rows_read_equal_rows_written_in_every_format(tmp_path):
    from scorer.report.html_report import render_html
    from scorer.report.json_report import result_to_dict
    from scorer.report.xlsx import write_xlsx

    inputs = _formats(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner().invoke(
        cli,
        [
            "score",
            *map(str, inputs),
            "-o",
            str(out / "rows.csv"),
            "--xlsx",
            str(out / "review.xlsx"),
            "--json",
            str(out / "result.json"),
            "-q",
        ],
    )
    assert runner.exit_code == EXIT_OK, runner.output
    report = read_paths(inputs)
    read = {d.source: d.indicator_count for d in report.documents}
    assert len(read) == len(inputs) and all(read.values())

    with (out / "rows.csv").open(encoding="utf-8-sig", newline="") as handle:
        written_csv = list(csv.DictReader(handle))
    per_source: dict[str, int] = {}
    for row in written_csv:
        per_source[row["source"]] = per_source.get(row["source"], 0) + 1
        assert row["location"].startswith(row["source"])
    assert per_source == read

    detail = openpyxl.load_workbook(out / "review.xlsx")["指标明细"]
    assert detail.max_row - 1 == sum(read.values())
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    json_counts = {d["source"]: sum(len(p["indicators"]) for p in d["projects"]) for d in data["documents"]}
    assert json_counts == read

    result = scorer.score(inputs)
    assert render_html(result).count("<tr class='indicator") == sum(read.values())
    assert result_to_dict(result)["summary"]["indicators"] == sum(read.values())
    write_xlsx(result, tmp_path / "again.xlsx")


def test_csv_cells_that_could_be_formulas_are_neutralised(tmp_path):
    html = _formats(tmp_path)[-1]
    out = tmp_path / "rows.csv"
    CliRunner().invoke(cli, ["score", str(html), "-o", str(out), "-q"])
    with out.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)]
    assert '\'=HYPERLINK("x")' in cells and " =7人" in cells


def test_outputs_are_byte_identical_across_runs_and_jobs(tmp_path):
    for run, jobs in (("a", "1"), ("b", "2")):
        result = CliRunner().invoke(
            cli,
            [
                "score",
                str(ROOT / "samples"),
                "-o",
                str(tmp_path / f"{run}.csv"),
                "--projects",
                str(tmp_path / f"{run}_p.csv"),
                "--json",
                str(tmp_path / f"{run}.json"),
                "-q",
                "--jobs",
                jobs,
            ],
        )
        assert result.exit_code == 0
    for first, second in (("a.csv", "b.csv"), ("a_p.csv", "b_p.csv"), ("a.json", "b.json")):
        assert (tmp_path / first).read_bytes() == (tmp_path / second).read_bytes()
