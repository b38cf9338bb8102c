"""Issue 15, "a reviewer can trust every output": one test per point of the issue this branch answers
(points 5 and 7, and the rule docs of point 8, belong to the rules and scoring; point 9 is
tests/test_html_browser.py)."""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import tomllib
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, EXIT_SOME_UNREADABLE, cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "003_e894add5ed61165e.txt"  # 7 projects, 31 indicators, 唐山市路南区人大常委会
SEED_2021 = ROOT / "samples" / "001_f5a07e9a9447bfa6.txt"


def run(*args: object, columns: int = 80):
    result = CliRunner().invoke(cli, [str(a) for a in args], env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def fixtures():
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import make_fixtures

    return make_fixtures


@pytest.fixture
def earlier_outputs(tmp_path) -> tuple[Path, list[str]]:
    """A folder holding the outputs of an earlier good run."""
    out = tmp_path / "out"
    out.mkdir()
    options = [
        "-o",
        out / "keep_rows.csv",
        "--projects",
        out / "keep_projects.csv",
        "--xlsx",
        out / "keep.xlsx",
        "--html",
        out / "keep.html",
        "--json",
        out / "keep.json",
    ]
    assert run("score", SEED, *options, "-q", "--no-model").exit_code == EXIT_OK
    return out, [str(o) for o in options]


# point 1 -------------------------------------------------------------------------------------------------


def test_point1_mistyped_path_keeps_outputs(earlier_outputs, tmp_path):
    out, options = earlier_outputs
    before = snapshot(out)
    mistyped = SEED.with_name("003_e894add5ed61165e.tx")
    result = run("score", mistyped, *options, "-q")
    assert result.exit_code == EXIT_NOTHING_READ
    assert snapshot(out) == before  # byte for byte: nothing emptied, nothing rewritten
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("score", empty, *options, "-q")
    assert result.exit_code == EXIT_NOTHING_READ
    assert "原有的输出文件保持不变" in result.stderr
    assert snapshot(out) == before


def test_point1_a_run_that_read_some_files_names_the_others_in_its_outputs(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = run(
        "score",
        SEED,
        broken,
        empty,
        "--xlsx",
        tmp_path / "r.xlsx",
        "--html",
        tmp_path / "r.html",
        "--json",
        tmp_path / "r.json",
        "--no-model",
    )
    assert result.exit_code == EXIT_SOME_UNREADABLE
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["说明"]
    unread = [row[1].value for row in sheet.iter_rows(min_row=2) if row[0].value == "未读取的文件"]
    assert any("broken.docx" in text for text in unread) and any("empty.csv" in text for text in unread)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "broken.docx" in html and "empty.csv" in html
    errors = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["errors"]
    assert {Path(e["source"]).name for e in errors} == {"broken.docx", "empty.csv"}
    assert "broken.docx" in result.stdout and "empty.csv" in result.stdout  # the terminal summary names them


# point 2 -------------------------------------------------------------------------------------------------


def test_point2_folder_run_skips_own_outputs_and_names_what_it_leaves_out(earlier_outputs, tmp_path):
    out, _ = earlier_outputs
    (out / "mine.txt").write_bytes(SEED.read_bytes())
    (out / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an OLE2 Word file
    (out / "~$mine.docx").write_bytes(b"lock")
    table = out / "theirs.html"  # an HTML table, not ours: read, unless this run writes over it
    table.write_text(
        "<table><tr><th>项目名称</th><th>三级指标</th><th>指标值</th></tr>"
        "<tr><td>会议费</td><td>会议次数</td><td>≥6次</td></tr></table>",
        encoding="utf-8",
    )
    result = run("score", out, "-o", tmp_path / "rows.csv", "--html", table, "--no-model", "-q")
    assert result.exit_code == EXIT_SOME_UNREADABLE  # the .doc could not be read
    sources = {row["source"] for row in csv_rows(tmp_path / "rows.csv")}
    assert sources == {str(out / "mine.txt")}
    warnings = [line for line in result.stderr.splitlines() if line.startswith("警告：")]

    def reason(name: str) -> str:
        return next(line for line in warnings if f"{out / name}：" in line)

    for name in ("keep_rows.csv", "keep_projects.csv", "keep.xlsx", "keep.html", "keep.json"):
        assert "zhibiao 自己写出的" in reason(name), name
    assert "本次运行的输出文件" in reason("theirs.html")
    assert "请另存为 .docx" in reason("old.doc")
    assert "临时文件" in reason("~$mine.docx")
    assert "zhibiao-report" in table.read_text(encoding="utf-8")  # replaced by this run's report


def test_point2_doc_converted_by_libreoffice_when_installed(tmp_path, monkeypatch):
    """A stand-in `soffice` (the real one is not installed here) shows the call: headless, its own
    profile and HOME in a temporary folder, the result read under the name the reviewer gave."""
    fixtures().write_docx(fixtures().seed_projects(2), tmp_path / "made.docx")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "soffice.log"
    script = bin_dir / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$HOME $*" > {log}\n'
        'out=\'\'; for a in "$@"; do if [ "$prev" = --outdir ]; then out=$a; fi; prev=$a; last=$a; done\n'
        'mkdir -p "$out"; name=$(basename "$last"); '
        f'cp {tmp_path / "made.docx"} "$out/${{name%.*}}.docx"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "目标表.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = run("score", folder, "-o", tmp_path / "rows.csv", "--no-model", "-q")
    assert result.exit_code == EXIT_OK, result.output
    assert {row["source"] for row in csv_rows(tmp_path / "rows.csv")} == {str(folder / "目标表.doc")}
    called = log.read_text(encoding="utf-8")
    assert "--headless" in called and "--convert-to docx" in called and "-env:UserInstallation=file://" in called
    assert not called.startswith(os.environ.get("HOME", "/nonexistent") + " ")


# point 3 -------------------------------------------------------------------------------------------------


def test_point3_an_input_that_gives_nothing_is_a_warning_and_exit_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    prose = tmp_path / "letter.txt"
    prose.write_text("关于报送2024年预算的函\n请查收。\n", encoding="utf-8")
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(scan))
    page.rect(50, 50, 400, 600, fill=1)  # a page with a picture and no text, like a scan
    page.save()
    result = run("score", SEED, empty, prose, scan, "-o", tmp_path / "rows.csv", "--no-model", "-q")
    assert result.exit_code == EXIT_SOME_UNREADABLE
    lines = result.stderr.splitlines()
    assert any(line.startswith("警告：") and str(empty) in line and "文件是空的" in line for line in lines)
    assert any(line.startswith("警告：") and str(prose) in line and "没有找到" in line for line in lines)
    assert any(line.startswith("警告：") and str(scan) in line and "没有文字层" in line for line in lines)
    assert run("score", empty, "-q").exit_code == EXIT_NOTHING_READ


def test_point3_unknown_codes_are_a_usage_error_with_the_closest(tmp_path):
    result = run("score", SEED, "--select", "V9", "-o", tmp_path / "rows.csv")
    assert result.exit_code == EXIT_NOTHING_READ and not (tmp_path / "rows.csv").exists()
    assert result.stderr.count("\n") == 1 and "V9" in result.stderr and "V00" in result.stderr
    result = run("score", SEED, "--ignore", "vage")
    assert result.exit_code == EXIT_NOTHING_READ and "vague" in result.stderr


def test_point3_category_names_select_their_rules(tmp_path):
    codes = {}
    for label, option in (("all", []), ("ignore", ["--ignore", "vague"]), ("select", ["--select", "含糊"])):
        assert run("score", SEED, *option, "-o", tmp_path / f"{label}.csv", "--no-model", "-q").exit_code == EXIT_OK
        codes[label] = {c for row in csv_rows(tmp_path / f"{label}.csv") for c in row["codes"].split(";") if c}
    assert any(c.startswith("V") for c in codes["all"]) and any(not c.startswith("V") for c in codes["all"])
    assert codes["ignore"] and not any(c.startswith("V") for c in codes["ignore"])
    assert codes["select"] and all(c.startswith("V") for c in codes["select"])


def test_point3_missing_input_suggests_near_names():
    result = run("score", SEED.with_name("003_e894add5ed61165e.tx"))
    assert result.exit_code == EXIT_NOTHING_READ
    assert "找不到输入文件" in result.stderr and "003_e894add5ed61165e.txt" in result.stderr


# point 4 -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        "folder",
        "missing folder",
        "parent is a file",
        "html as xlsx",
        "xlsx as csv",
        "rows as json",
        "same file twice",
        "input as output",
    ],
)
def test_point4_every_output_checked_before_work(case, tmp_path):
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    table = tmp_path / "table.html"
    table.write_text(
        "<table><tr><th>项目名称</th><th>三级指标</th><th>指标值</th></tr>"
        "<tr><td>会议费</td><td>会议次数</td><td>≥6次</td></tr></table>",
        encoding="utf-8",
    )
    options = {
        "folder": ["-o", tmp_path],
        "missing folder": ["-o", tmp_path / "no" / "rows.csv"],
        "parent is a file": ["--projects", tmp_path / "a_file" / "projects.csv"],
        "html as xlsx": ["--html", tmp_path / "rows.xlsx"],
        "xlsx as csv": ["--xlsx", tmp_path / "review.csv"],
        "rows as json": ["-o", tmp_path / "rows.json"],
        "same file twice": ["-o", tmp_path / "same.csv", "--findings", tmp_path / "same.csv"],
        "input as output": ["--html", table],
    }[case]
    before = snapshot(tmp_path)
    result = run("score", SEED, table, *options)
    assert result.exit_code == EXIT_NOTHING_READ
    assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1, result.stderr
    assert snapshot(tmp_path) == before and not (tmp_path / "no").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_point4_unwritable_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run("score", SEED, "-o", locked / "rows.csv")
        assert result.exit_code == EXIT_NOTHING_READ and "没有写入权限" in result.stderr
    finally:
        locked.chmod(0o700)


# point 6 -------------------------------------------------------------------------------------------------


def test_point6_unit_year_and_document_travel_with_every_project(tmp_path):
    from scorer.api import score
    from scorer.report.html_report import render_html

    result = run(
        "score",
        SEED,
        SEED_2021,
        "--projects",
        tmp_path / "projects.csv",
        "--xlsx",
        tmp_path / "r.xlsx",
        "--no-model",
        "--top",
        "60",
        columns=200,
    )
    assert result.exit_code == EXIT_OK
    projects = csv_rows(tmp_path / "projects.csv")
    years = {row["source"]: row["year"] for row in projects}
    assert years == {str(SEED): "", str(SEED_2021): "2021"}  # 2021, not 2021.0; empty when the file gives none
    units = {row["unit"] for row in projects}
    assert units == {"唐山市路南区人民代表大会常务委员会", "张家口市人大常委会办公室"}
    summary = re.sub(r"\s+", "", result.stdout.replace("│", ""))
    assert "张家口市人大常委会办公室·2021" in summary and SEED_2021.name in summary
    ranking = openpyxl.load_workbook(tmp_path / "r.xlsx")["项目排名"]
    header = [c.value for c in ranking[1]]
    first = dict(zip(header, [c.value for c in ranking[2]], strict=True))
    assert first["单位"] in units and first["文件"] in (SEED.name, SEED_2021.name) and "年度" in header
    html = render_html(score([SEED, SEED_2021], use_model=False))
    assert "张家口市人大常委会办公室（2021年）" in html and "预算未填" in html and "预算  万元" not in html


# point 8 -------------------------------------------------------------------------------------------------


def test_point8_chinese_by_default_english_with_lang(tmp_path):
    chinese = run("score", SEED, "--xlsx", tmp_path / "r.csv")
    english = run("--lang", "en", "score", SEED, "--xlsx", tmp_path / "r.csv")
    assert chinese.exit_code == english.exit_code == EXIT_NOTHING_READ
    assert chinese.stderr.startswith("错误：") and "Excel 工作簿" in chinese.stderr
    assert english.stderr.startswith("error: ") and "an Excel workbook" in english.stderr
    assert run("score", SEED, "--xlsx", tmp_path / "r.csv").stderr == chinese.stderr  # English did not stick
    assert "评分：标出薄弱指标" in run("score", "--help").output
    assert "Score documents" in run("--lang", "en", "score", "--help").output
    assert "--select" in run("score", "--help").output and "只用这些规则" in run("score", "--help").output
    assert "列出全部规则" in run("--help").output
    assert run("rule", "V9999").stderr.startswith("错误：没有规则")
    help_text = run("score", "--help").output
    assert help_text.startswith("用法：cli score [选项] 文件或文件夹...") and "显示本帮助并退出" in help_text
    assert run("--help").output.startswith("用法：cli [选项] 命令 [参数]...")
    assert run("--lang", "en", "score", "--help").output.startswith("Usage: cli score [OPTIONS] PATHS...")
    for args, expected in (
        (["score", "--tpo", "3", SEED], "错误：没有选项 --tpo；是不是：--output, --top"),
        (["score"], "错误：缺少参数 文件或文件夹"),
        (["scroe", SEED], "错误：没有命令 scroe；是不是：score"),
        (["score", SEED, "--top", "abc"], "错误：'--top' 的值无效：“abc”不是整数"),
        (["score", SEED, "--max-memory", "10"], "错误：'--max-memory' 的值无效：10 不在允许的范围内"),
        (["score", SEED, "--engine", "spark"], "错误：'--engine' 的值无效：“spark”不是可选的值"),
    ):
        result = run(*args)
        assert result.exit_code == EXIT_NOTHING_READ and result.stderr.startswith(expected), result.stderr
        assert result.stderr.count("\n") == 1
    counts = run("--lang", "en", "parse", SEED, "-o", tmp_path / "rows.csv")
    assert "7 projects, 31 indicators" in counts.stderr


# point 10 ------------------------------------------------------------------------------------------------


def test_point10_notebook_runs_from_the_repository_root():
    import nbformat
    from nbclient import NotebookClient

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(requirement.startswith("nbconvert") for requirement in extra["notebook"])
    notebook = nbformat.read(ROOT / "notebooks" / "explore_weak_indicators.ipynb", as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    text = json.dumps([cell.get("outputs", []) for cell in notebook.cells], ensure_ascii=False)
    assert "5 个文件，56 个项目，512 条指标" in text
    assert "视察议政业务费" in text


# the README (issue: the two commands on a fresh Debian, no counts the code does not produce) ---------------


def test_readme_commands_make_and_use_a_virtual_environment():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert all("python3 -m venv .venv" in c and ". .venv/bin/activate" in c for c in commands)
    assert "mkdir -p out" in commands[0] and "zhibiao score samples" in commands[0]
    assert "pytest" in commands[1]
    assert not re.search(r"\d+\s*(rules|tests|条规则)", readme)


def test_point2_a_conversion_that_hangs_is_ended_and_named(tmp_path, monkeypatch):
    import scorer.inputs

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text("#!/bin/sh\nsleep 30 &\nsleep 30\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(scorer.inputs, "CONVERT_TIMEOUT_SECONDS", 1)
    (tmp_path / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = run("score", tmp_path / "old.wps", SEED, "-o", tmp_path / "rows.csv", "--no-model", "-q")
    assert result.exit_code == EXIT_SOME_UNREADABLE
    assert f"{tmp_path / 'old.wps'}：未读取，用 LibreOffice 转换为 .docx 失败（1s timeout）" in result.stderr


@pytest.mark.parametrize("language", ["zh", "en"])
def test_point8_every_command_and_option_has_help_in_each_language(language):
    from scorer.messages import set_language

    set_language(language)
    try:
        for name, command in cli.commands.items():
            context = click.Context(command, info_name=name, parent=click.Context(cli, info_name="zhibiao"))
            assert command.get_short_help_str(), name
            for param in command.params:
                if isinstance(param, click.Option):
                    record = param.get_help_record(context)
                    assert record and record[1].strip(), (name, param.name)
                    if language == "zh":
                        assert re.search(r"[\u4e00-\u9fff]", record[1]), (name, param.name, record)
                    else:
                        assert record[1][0].isascii(), (name, param.name, record)
    finally:
        set_language("zh")


def test_point5_every_point_a_row_or_project_loses_is_explained():
    """No row below 100 without a code and a message; notes (info) are not counted as 问题; the workbook's
    scoring text comes from scoring.py; the model's codes are documented like the rules."""
    import scorer
    from scorer.classifier import MODEL_CODES
    from scorer.scoring import ERROR_BASE, WARNING_BASE, explained

    result = scorer.score(str(ROOT / "samples"))
    rows = result.rows
    unexplained = rows[(rows["score"] < 100) & ((rows["codes"] == "") | (rows["messages"] == ""))]
    assert unexplained.empty, unexplained[["project", "level3", "value", "score"]].head().to_string()
    shaved = rows[rows["codes"].str.contains("M00")]  # rows the model took points from say how many
    assert not shaved.empty and shaved["messages"].str.contains("分类模型(?:估计.*)?另?扣", regex=True).all()
    info = result.findings[result.findings["severity"] == "info"]
    notes_only = result.projects[
        result.projects["codes"].ne("")
        & result.projects["codes"].isin(info.groupby(["source", "project_index"])["code"].agg(";".join).tolist())
    ]
    assert (notes_only["findings"] == 0).all()
    text = " ".join(line for _, line in explained())
    assert f"{WARNING_BASE:g}" in text and f"{ERROR_BASE:g}" in text
    runner = CliRunner()
    for code in MODEL_CODES.values():
        shown = runner.invoke(cli, ["rule", code])
        assert shown.exit_code == 0 and "分类模型" in shown.output
    assert all(code in runner.invoke(cli, ["rules"]).output for code in MODEL_CODES.values())


def test_point7_one_reason_per_check_no_internal_wording_a_fix_on_every_flagged_row():
    import scorer

    rows = scorer.score(str(ROOT / "samples")).rows
    flagged = rows[rows["categories"] != ""]
    assert not flagged.empty and (flagged["fixes"] != "").all()
    assert not rows["messages"].str.contains("触发词").any()
    for messages in rows["messages"]:
        reasons = [m for m in messages.split("；") if m]
        assert len(reasons) == len(set(reasons))


def test_point8_every_rule_has_a_chinese_name_in_the_listing_and_the_workbook(tmp_path):
    import re

    from scorer.rules import load_rules

    rules = load_rules()
    assert all(re.search(r"[\u4e00-\u9fff]", rule.title) for rule in rules.values())
    listing = CliRunner().invoke(cli, ["rules"]).output
    assert all(rule.title in listing for rule in rules.values())
    run = CliRunner().invoke(
        cli, ["score", str(ROOT / "samples" / "003_e894add5ed61165e.txt"), "--xlsx", str(tmp_path / "r.xlsx"), "-q"]
    )
    assert run.exit_code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["规则统计"]
    names = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert names["V001"] == rules["V001"].title and names["L101"] == rules["L101"].title


# point 8: the workbook and the HTML report follow --lang ----------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def _headers(workbook: openpyxl.Workbook) -> dict[str, list[str]]:
    return {sheet.title: [str(cell.value) for cell in sheet[1]] for sheet in workbook}


def test_point8_workbook_and_html_in_english_with_lang_en_chinese_by_default(tmp_path):
    for language in ("en", "zh"):
        options = ["--xlsx", tmp_path / f"{language}.xlsx", "--html", tmp_path / f"{language}.html", "--no-model", "-q"]
        assert run("--lang", language, "score", SEED, *options).exit_code == EXIT_OK
    english, chinese = (openpyxl.load_workbook(tmp_path / f"{language}.xlsx") for language in ("en", "zh"))
    assert english.sheetnames == ["Ranking", "Indicators", "Left out", "Rules", "Notes"]
    assert chinese.sheetnames == ["项目排名", "指标明细", "未采用的内容", "规则统计", "说明"]
    headers = _headers(english)
    assert headers["Ranking"][:3] == ["Rank", "Rank in file", "Unit"] and "vague" in headers["Ranking"]
    assert {"Value", "Reasons", "Fixes", "Decision", "Note"} <= set(headers["Indicators"])
    for sheet, names in headers.items():
        assert not [name for name in names if CJK.search(name.replace("万元", ""))], sheet
    notes = english["Notes"]
    assert not [row[0] for row in notes.iter_rows(min_row=2, values_only=True) if CJK.search(str(row[0]))]
    assert any("mean of the indicator scores" in str(row[1]) for row in notes.iter_rows(min_row=2, values_only=True))
    assert "指标值" in _headers(chinese)["指标明细"] and "说明" in chinese.sheetnames
    drop_downs = {
        language: [v.formula1 for v in book.worksheets[1].data_validations.dataValidation]
        for language, book in (("en", english), ("zh", chinese))
    }
    assert drop_downs == {"en": ['"agree,disagree,pending"'], "zh": ['"同意,不同意,待定"']}

    english_html = (tmp_path / "en.html").read_text(encoding="utf-8")
    chinese_html = (tmp_path / "zh.html").read_text(encoding="utf-8")
    assert "<html lang='en'>" in english_html and "<html lang='zh-CN'>" in chinese_html
    for label in (
        "<h2>Summary</h2>",
        "Ranking (lowest score first",
        "placeholder='Search projects",
        "Performance goal",
    ):
        assert label in english_html, label
    assert re.search(r"</span> — \d+\.\d points <span class='grade", english_html)
    for label in ("概况", "问题分布", "项目明细", "搜索项目", "绩效目标：", "预算 ", "文件内第", " 分 "):
        assert label not in english_html and label in chinese_html, label
    assert "data-found='{projects} projects, {indicators} indicators found'" in english_html


def test_point8_decisions_read_back_from_an_english_workbook(tmp_path):
    assert (
        run("--lang", "en", "score", SEED, "-o", tmp_path / "rows.csv", "--xlsx", tmp_path / "en.xlsx", "-q").exit_code == EXIT_OK
    )
    workbook = openpyxl.load_workbook(tmp_path / "en.xlsx")
    sheet = workbook["Indicators"]
    header = [cell.value for cell in sheet[1]]
    target = None
    for cells in sheet.iter_rows(min_row=2):
        if cells[header.index("Score")].value < 100 and cells[header.index("Rules")].value:
            cells[header.index("Decision")].value = "disagree"
            cells[header.index("Note")].value = "本单位常年口径"
            target = (cells[header.index("Indicator")].value, cells[header.index("Value")].value)
            break
    assert target is not None
    workbook.save(tmp_path / "reviewed.xlsx")

    chinese = run(
        "score",
        SEED,
        "-o",
        tmp_path / "rows2.csv",
        "--xlsx",
        tmp_path / "zh.xlsx",
        "--decisions",
        tmp_path / "reviewed.xlsx",
        "-q",
    )
    assert chinese.exit_code == EXIT_OK, chinese.output
    waived = [row for row in csv_rows(tmp_path / "rows2.csv") if (row["level3"], row["value"]) == target]
    assert waived and all(float(row["score"]) == 100 and row["messages"].startswith("已豁免（本单位常年口径）") for row in waived)
    carried = openpyxl.load_workbook(tmp_path / "zh.xlsx")["指标明细"]
    header = [cell.value for cell in carried[1]]
    verdicts = {
        (c[header.index("三级指标")].value, c[header.index("指标值")].value): c[header.index("审核意见")].value
        for c in carried.iter_rows(min_row=2)
    }
    assert verdicts[target] == "不同意" and list(verdicts.values()).count("不同意") == 1

    english = run("--lang", "en", "score", SEED, "--xlsx", tmp_path / "en2.xlsx", "--decisions", tmp_path / "zh.xlsx", "-q")
    assert english.exit_code == EXIT_OK, english.output
    carried = openpyxl.load_workbook(tmp_path / "en2.xlsx")["Indicators"]
    header = [cell.value for cell in carried[1]]
    verdicts = {
        (c[header.index("Indicator")].value, c[header.index("Value")].value): c[header.index("Decision")].value
        for c in carried.iter_rows(min_row=2)
    }
    assert verdicts[target] == "disagree"


def test_point8_the_rule_list_and_a_rule_header_are_chinese_by_default():
    listing = run("rules").output
    assert "模板套话" in listing and "较弱" in listing and "分类模型判断为“含糊”" in listing
    assert not re.search(r"\b(boilerplate|warning|document|model-vague)\b", listing)
    header = run("rule", "L001").output.splitlines()[0]
    assert "［不合逻辑，缺陷，指标］" in header
    model = run("rule", "M001").output
    assert "随包模型在这一类上" in model  # whether the shipped model flags this category by itself, or only scores
    english = run("--lang", "en", "rules").output
    assert "boilerplate" in english and "模板套话" not in english and "分类模型" not in english
