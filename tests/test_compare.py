"""`zhibiao compare OLD NEW`: a sample document and a revision of it with five rows fixed, two made worse and
one project removed; exactly those changes are reported. Which rows to edit, and with what, is found by
scoring (the rules are rewritten from time to time), never written into the test."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from scorer.api import score
from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "000_e76689bf9da19685.txt"  # 14 projects, 94 indicators, one cell a line
FIXES = ("≥95%", "100%", "≥10次", "12月底前", "≥1000人次")
WORSE = ("进一步提升", "有所提高", "较好")


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def value_lines(result, lines: list[str]) -> dict[tuple[int, int], int]:
    """(project_index, row_index) -> the index of the line holding the row's value, for rows written one cell
    a line (a row sharing its first line with another row is left out)."""
    starts = [int(re.search(r"line (\d+)", location)[1]) for location in result.rows["location"]]
    ordered = sorted(set(starts))
    found = {}
    for record, start in zip(result.rows.itertuples(), starts, strict=True):
        if starts.count(start) > 1:
            continue
        following = [s for s in ordered if s > start]
        end = following[0] if following else len(lines) + 1
        hits = [n for n in range(start - 1, end - 1) if lines[n].strip() == record.value]
        if len(hits) == 1:
            found[(record.project_index, record.row_index)] = hits[0]
    return found


def write_copy(path: Path, lines: list[str], replace: dict[int, str], drop: range = range(0)) -> Path:
    out = []
    for number, line in enumerate(lines):
        if number in drop:
            continue
        if number in replace:
            line = line.replace(line.strip(), replace[number])
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")
    return path


def clean(result, key: tuple[int, int]) -> bool:
    rows = result.rows.set_index(["project_index", "row_index"])
    return rows.loc[key, "codes"] == "" and float(rows.loc[key, "score"]) == 100.0


@pytest.fixture(scope="module")
def revision(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    base = score(SAMPLE, use_model=False)
    where = value_lines(base, lines)
    rows = base.rows.set_index(["project_index", "row_index"])
    not_cost = {k for k in where if "成本" not in rows.loc[k, "level2"]}  # a cost figure moves project-level checks
    flagged = sorted(k for k in not_cost if rows.loc[k, "categories"])
    sound = sorted(k for k in not_cost if not rows.loc[k, "codes"])

    fixes: dict[tuple[int, int], str] = {}
    for value in FIXES:  # every flagged row given one candidate value at once; keep the rows it leaves clean
        trial = score(write_copy(folder / SAMPLE.name, lines, {where[k]: value for k in flagged}), use_model=False)
        for key in flagged:
            if (
                key not in fixes
                and trial.rows.set_index(["project_index", "row_index"]).loc[key, "value"] == value
                and clean(trial, key)
            ):
                fixes[key] = value
    worse: dict[tuple[int, int], str] = {}
    for value in WORSE:
        trial = score(write_copy(folder / SAMPLE.name, lines, {where[k]: value for k in sound}), use_model=False)
        trial_rows = trial.rows.set_index(["project_index", "row_index"])
        for key in sound:
            if key not in worse and trial_rows.loc[key, "categories"]:
                worse[key] = value

    projects = base.documents[0].projects
    removed = len(projects) - 1  # the last project: its lines run to the end of the file
    chosen_fixes, used_projects = {}, set()
    for key, value in fixes.items():  # one fix a project where possible
        if key[0] != removed and key[0] not in used_projects and len(chosen_fixes) < 5:
            chosen_fixes[key] = value
            used_projects.add(key[0])
    for key, value in fixes.items():
        if key[0] != removed and key not in chosen_fixes and len(chosen_fixes) < 5:
            chosen_fixes[key] = value
    chosen_worse = {}
    for key, value in worse.items():
        if key[0] != removed and key[0] not in used_projects and len(chosen_worse) < 2:
            chosen_worse[key] = value
    assert len(chosen_fixes) == 5 and len(chosen_worse) == 2, (fixes, worse)

    start = projects[removed].location.line
    assert start and start > projects[removed - 1].indicators[-1].location.line
    edits = {where[k]: v for k, v in {**chosen_fixes, **chosen_worse}.items()}
    revised = folder / "revised"
    revised.mkdir()
    copy = write_copy(revised / SAMPLE.name, lines, edits, drop=range(start - 1, len(lines)))
    name = {key: (rows.loc[key, "project"], rows.loc[key, "level3"]) for key in rows.index}
    return (copy, [name[k] for k in chosen_fixes], [name[k] for k in chosen_worse], projects[removed].name, folder)


def sheet_records(workbook, name: str) -> list[dict]:
    """A sheet's rows as dicts keyed by its header row."""
    header = [cell.value for cell in workbook[name][1]]
    return [dict(zip(header, [cell.value for cell in row], strict=True)) for row in workbook[name].iter_rows(min_row=2)]


def test_compare_reports_exactly_the_rows_fixed_made_worse_and_the_project_removed(revision):
    copy, fixed, worse, removed, folder = revision
    result = run("compare", SAMPLE, copy, "--no-model", "--xlsx", folder / "compare.xlsx", "--html", folder / "compare.html")
    assert result.exit_code == EXIT_OK, result.output
    workbook = openpyxl.load_workbook(folder / "compare.xlsx")
    projects, changes = sheet_records(workbook, "项目对比"), sheet_records(workbook, "指标变化")

    def of(status: str) -> set[tuple[str, str]]:
        return {(c["项目"], c["三级指标"]) for c in changes if c["变化"] == status}

    assert of("已修正") == set(fixed)
    assert of("新出现") == set(worse)
    assert not of("仍未修正") & (set(fixed) | set(worse))
    assert not of("新增指标") and {project for project, _ in of("删除指标")} == {removed}
    status = {p["项目"]: p["变化"] for p in projects}
    assert [p for p, s in status.items() if s == "删除项目"] == [removed]
    assert "新增项目" not in status.values()
    assert {p for p, s in status.items() if s == "有修改"} == {p for p, _ in fixed + worse}
    by_name = {p["项目"]: p for p in projects}
    for project, _ in fixed:
        if project not in {p for p, _ in worse}:
            assert by_name[project]["新得分"] > by_name[project]["原得分"]
    for project, _ in worse:
        assert by_name[project]["新得分"] < by_name[project]["原得分"]
    assert by_name[removed]["新得分"] is None and by_name[removed]["原得分"] is not None
    # the terminal names the same changes
    assert "已修正问题 5 个" in result.stdout and "新出现 2 个" in result.stdout and "删除项目 1 个" in result.stdout
    assert re.search(rf"^\[删除项目\] .*{re.escape(removed)}：", result.stdout, re.M)
    for _, indicator in fixed + worse:
        assert indicator in result.stdout
    page = (folder / "compare.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page
    assert len(re.findall(r"<td class='fixed'>已修正</td><td>", page)) >= 5
    assert len(re.findall(r"<td class='new'>新出现</td><td>", page)) >= 2
    assert re.search(rf"<td>{re.escape(removed)}</td><td class='removed'>删除项目</td>", page)
    for _, indicator in fixed + worse:
        assert f"<td>{indicator}</td>" in page


CJK_OUTSIDE_QUOTES = re.compile(r"[\u4e00-\u9fff]")


def english(text: str) -> bool:
    """No Chinese once the cells (quoted “…”) and the unit of money (万元) are taken out."""
    return not CJK_OUTSIDE_QUOTES.search(re.sub(r"“[^”]*”", "", text).replace("万元", ""))


def test_with_lang_en_the_terminal_the_workbook_and_the_page_are_english(revision, tmp_path):
    copy, fixed, worse, removed, _ = revision
    result = run(
        "--lang", "en", "compare", SAMPLE, copy, "--no-model", "--xlsx", tmp_path / "c.xlsx", "--html", tmp_path / "c.html"
    )  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    assert "5 findings fixed" in result.stdout and "2 new" in result.stdout and "1 removed" in result.stdout
    assert re.search(rf"^\[removed\] .*{re.escape(removed)}: score ", result.stdout, re.M)
    for _, indicator in fixed:
        assert re.search(rf"^    fixed  {re.escape(indicator)} \(.*\)  [A-Z]\d{{3}} ", result.stdout, re.M), indicator
    workbook = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert workbook.sheetnames == ["Projects", "Changes"]
    projects, changes = sheet_records(workbook, "Projects"), sheet_records(workbook, "Changes")
    assert all(english(str(heading)) for heading in projects[0]) and all(english(str(heading)) for heading in changes[0])
    assert {(c["Project"], c["Indicator"]) for c in changes if c["Change"] == "fixed"} == set(fixed)
    assert {(c["Project"], c["Indicator"]) for c in changes if c["Change"] == "new"} == set(worse)
    assert [p["Project"] for p in projects if p["Change"] == "project removed"] == [removed]
    assert all(english(c["Reason"]) for c in changes if c["Reason"]), [c["Reason"] for c in changes]
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<html lang='en'>" in page and "<title>zhibiao comparison: " in page
    assert len(re.findall(r"<td class='fixed'>fixed</td><td>", page)) >= 5
    assert re.search(rf"<td>{re.escape(removed)}</td><td class='removed'>project removed</td>", page)
    for chinese in ("已修正", "新出现", "删除项目", "项目层面", "修改前后对比", "原得分"):
        assert chinese not in page and chinese not in result.stdout, chinese


def test_a_table_compared_with_itself_is_unchanged_and_folders_compare(revision, tmp_path):
    copy, *_ = revision
    same = run("compare", SAMPLE, SAMPLE, "--no-model")
    assert same.exit_code == EXIT_OK
    assert "[有修改]" not in same.stdout and "[删除项目]" not in same.stdout
    assert re.search(r"共 14 个项目，0 个有变化：已修正问题 0 个，仍未修正 \d+ 个，新出现 0 个", same.stdout)
    folders = run("compare", SAMPLE.parent, copy.parent, "--no-model", "-q")
    assert folders.exit_code == EXIT_OK and folders.stdout == ""


def test_compare_with_nothing_read_is_one_line_and_status_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("compare", SAMPLE, empty, "--no-model", "--xlsx", tmp_path / "c.xlsx")
    assert result.exit_code == EXIT_NOTHING_READ
    assert "empty.txt" in result.stderr and not (tmp_path / "c.xlsx").exists()


def test_compare_shows_cells_without_their_control_characters(tmp_path):
    r"""A damaged export's control characters in a project's name or a value (\x1b of an ANSI escape, \x01)
    reached the terminal, where they act, and the HTML page, where they are invalid."""
    header = "source,project,level1,level2,level3,value,budget\n"
    old = tmp_path / "old.csv"
    old.write_text(header + "a,\x1b[31m会议经费\x01,产出指标,数量指标,会议次数,显著提高,10\n", encoding="utf-8")
    new = tmp_path / "new.csv"
    new.write_text(header + "a,\x1b[31m会议经费\x01,产出指标,数量指标,会议次数,≥4次\x01,10\n", encoding="utf-8")
    page = tmp_path / "compare.html"
    result = run("compare", old, new, "--no-model", "--html", page)
    assert result.exit_code == EXIT_OK
    assert "会议经费" in result.stdout and "≥4次" in result.stdout
    shown = page.read_text(encoding="utf-8")
    assert "会议经费" in shown
    for control in ("\x1b", "\x01"):
        assert control not in result.stdout and control not in shown


def test_rows_tables_compare_by_their_projects_as_score_reads_them(tmp_path):
    """Two rows tables (the contract of `zhibiao parse`) were compared as forms: every project was
    （未写项目名称）, and a Parquet side was refused as binary."""
    header = "source,project,level1,level2,level3,value,budget\n"
    old = tmp_path / "old.csv"
    old.write_text(header + "县民政局,临时救助资金,产出指标,数量指标,救助人次,显著提高,30\n", encoding="utf-8")
    new = tmp_path / "new.csv"
    new.write_text(header + "县民政局,临时救助资金,产出指标,数量指标,救助人次,≥200人次,30\n", encoding="utf-8")
    import pandas as pd

    parquet = tmp_path / "new.parquet"
    pd.read_csv(new, dtype=str).to_parquet(parquet)
    for side in (new, parquet):
        result = run("compare", old, side, "--no-model")
        assert result.exit_code == EXIT_OK
        assert "[有修改] 临时救助资金" in result.stdout and "未写项目名称" not in result.stdout
        assert "救助人次（显著提高 → ≥200人次）" in result.stdout


def test_a_rows_table_of_a_header_alone_is_said_in_chinese(tmp_path):
    """Found in review: read as a table, a header with no row ended compare with pandas' `No objects to
    concatenate`, naming no file."""
    only = tmp_path / "only.csv"
    only.write_text("source,project,level1,level2,level3,value,budget\n", encoding="utf-8")
    result = run("compare", only, only, "--no-model")
    assert result.exit_code == EXIT_NOTHING_READ and "only.csv：没有读到任何绩效指标" in result.stderr, result.output
    assert "No objects" not in result.output
