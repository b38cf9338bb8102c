"""Excel workbook, JSON, escaping of hostile text, and the notebook, on real rows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import openpyxl
import pandas as pd
import pytest

import scorer
from scorer.report.html_report import render_html
from scorer.report.json_report import SCHEMA_PATH, result_to_dict, write_json
from scorer.report.xlsx import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
SEED_002 = ROOT / "samples" / "002_7d1d3af06469c7e6.txt"
HOSTILE = pd.DataFrame(
    [
        {
            "source": "evil.csv",
            "project": "<script>alert(1)</script>会议费",
            "level1": "产出指标",
            "level2": "数量指标",
            "level3": '=HYPERLINK("http://x.example","点我")',
            "value": "<img src=x onerror=alert(2)>",
        },
        {
            "source": "evil.csv",
            "project": "<script>alert(1)</script>会议费",
            "level1": "产出指标",
            "level2": "质量指标",
            "level3": "@SUM(A1:A2)",
            "value": "=7人",
        },
    ]
)


@pytest.fixture(scope="module")
def result_002():
    return scorer.score(SEED_002)


def test_workbook_lists_what_the_reader_left_out_with_place_and_reason(tmp_path):
    """With -q the lines a reader left out (a unit's code-and-name line above each table, a 合计) were said
    nowhere but in JSON: the workbook now lists them, one a row, in the reviewer's words."""
    from scorer.messages import set_language

    result = scorer.score(ROOT / "samples" / "000_e76689bf9da19685.txt")
    left_out = [skip for document in result.documents for skip in document.skipped]
    assert left_out, "the sample has lines its reader leaves out"
    for language, sheet_name, reason in (("zh", "未采用的内容", left_out[0].reason), ("en", "Left out", None)):
        set_language(language)
        try:
            write_xlsx(result, tmp_path / f"{language}.xlsx")
        finally:
            set_language("zh")
        sheet = openpyxl.load_workbook(tmp_path / f"{language}.xlsx")[sheet_name]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(left_out)
        assert [row[3] for row in rows] == [skip.text for skip in left_out]
        if reason is not None:
            assert rows[0][2] == reason and f"第{left_out[0].location.line}行" in rows[0][1]
    empty = scorer.score(pd.DataFrame([{"source": "d", "project": "会议费", "level3": "会议次数", "value": "≥2次"}]))
    write_xlsx(empty, tmp_path / "none.xlsx")
    assert openpyxl.load_workbook(tmp_path / "none.xlsx")["未采用的内容"].max_row == 1  # the headings only


def test_workbook_takes_control_characters_in_cells_comments_and_left_out_lines(tmp_path):
    """A damaged export's \x01 in a flagged value (quoted by its reason, a cell comment) or in a 填表人 line
    ended `--xlsx` in a traceback (openpyxl refuses control characters): they are dropped, nothing else."""
    from click.testing import CliRunner

    from scorer.cli import cli

    table = tmp_path / "export.csv"
    table.write_text(
        "source,project,budget,level1,level2,level3,value\n"
        "d,会议费,5,产出指标,数量指标,召开会议次数,≥2次\n"
        "d,会议费,5,产出指标,质量指标,会议质量,显著\x01提高\n"
        "d,填表人：张\x01三,,,,,\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["score", str(table), "-o", str(tmp_path / "rows.csv"), "--xlsx", str(tmp_path / "r.xlsx"), "-q"]
    )
    assert result.exit_code == 0 and result.exception is None, result.output
    workbook = openpyxl.load_workbook(tmp_path / "r.xlsx")
    detail = workbook["指标明细"]
    values = [detail.cell(row, 7) for row in range(2, detail.max_row + 1)]
    flagged = [cell for cell in values if cell.value == "显著提高"]
    assert flagged and flagged[0].comment is not None and "\x01" not in flagged[0].comment.text
    assert [row[3] for row in workbook["未采用的内容"].iter_rows(min_row=2, values_only=True)] == ["填表人：张三"]


def test_workbook_sheets_fills_comments(result_002, tmp_path):
    path = tmp_path / "review.xlsx"
    write_xlsx(result_002, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["项目排名", "指标明细", "未采用的内容", "规则统计", "说明"]
    ranking, detail = workbook["项目排名"], workbook["指标明细"]
    assert ranking.freeze_panes == "A2" and ranking.auto_filter.ref
    # scores are numbers, not text (a score of 79.0 reads back as 79)
    assert isinstance(ranking["J2"].value, (int, float)) and isinstance(ranking["A2"].value, int)
    assert ranking.max_row - 1 == len(result_002.projects)
    headers = [c.value for c in detail[1]]
    value_column = headers.index("指标值") + 1
    flagged = [r for r in range(2, detail.max_row + 1) if detail.cell(r, headers.index("问题类别") + 1).value]
    assert len(flagged) == int((result_002.rows["categories"] != "").sum())
    for r in flagged:
        cell = detail.cell(r, value_column)
        assert cell.fill.fgColor.rgb.endswith(("F8CBAD", "FFF2CC"))
        assert cell.comment is not None and cell.comment.text
    sound = next(r for r in range(2, detail.max_row + 1) if not detail.cell(r, headers.index("问题类别") + 1).value)
    assert detail.cell(sound, value_column).comment is None
    assert workbook["规则统计"].max_row - 1 >= 41


def test_json_validates_against_its_schema(result_002, tmp_path):
    path = tmp_path / "result.json"
    write_json(result_002, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data["schema_version"] == "1.0"
    indicators = [i for d in data["documents"] for p in d["projects"] for i in p["indicators"]]
    assert len(indicators) == len(result_002.rows)


def test_json_is_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_json(scorer.score(SEED_002), first)
    write_json(scorer.score(SEED_002), second)
    assert first.read_bytes() == second.read_bytes()


def test_hostile_text_is_text_everywhere(tmp_path):
    result = scorer.score(HOSTILE)
    page = render_html(result)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    path = tmp_path / "evil.xlsx"
    write_xlsx(result, path)
    detail = openpyxl.load_workbook(path)["指标明细"]
    cells = [c for row in detail.iter_rows(min_row=2) for c in row]
    formula_like = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    jsonschema.validate(result_to_dict(result), json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_the_html_page_shows_cells_without_their_control_characters():
    r"""A damaged export's \x01, \x1b (an ANSI escape) or \x7f went into the page as it was: invalid in HTML,
    shown as garbage. Every text the page shows (name, goal, value, the reason quoting it …) is without them."""
    damaged = pd.DataFrame(
        [
            {
                "source": "d\x02.csv",
                "project": "会议\x1b[31m费",
                "goal": "完成\x7f会议任务",
                "level1": "产出指标",
                "level2": "质量\x0b指标",
                "level3": "会议\x00质量",
                "value": "显著\x01提高",
            },
            {"source": "d\x02.csv", "project": "会议\x1b[31m费", "level1": "产出指标", "level3": "召开会议次数", "value": "≥2次"},
        ]
    )
    page = render_html(scorer.score(damaged, use_model=False))
    assert re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page) == []
    for shown in ("会议[31m费", "完成会议任务", "质量指标", "会议质量", "<td>显著提高</td>", "“显著提高”"):
        assert shown in page, shown


def test_the_terminal_summary_names_a_unit_of_an_export_once(tmp_path):
    """Found in a newcomer's trial: an export's unit, its own document, was printed twice under each project (as
    the unit and as the file); a document's file is still named under its unit."""
    from io import StringIO

    from rich.console import Console

    from scorer.report.terminal import print_summary

    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,临时救助资金,30,产出指标,数量指标,救助人次,显著提高\n"
        "某县水利局,河道保洁经费,40,产出指标,数量指标,保洁河道长度,≥25公里\n",
        encoding="utf-8",
    )
    shown = StringIO()
    print_summary(scorer.score(export, use_model=False), console=Console(file=shown, width=200, color_system=None))
    assert shown.getvalue().count("某县民政局") == 1 and shown.getvalue().count("某县水利局") == 1, shown.getvalue()
    shown = StringIO()
    print_summary(
        scorer.score(ROOT / "samples" / "003_e894add5ed61165e.txt", use_model=False), console=Console(file=shown, width=200)
    )
    assert "003_e894add5ed61165e.txt" in shown.getvalue()


def test_the_terminal_summary_says_when_its_category_counts_add_up_to_more_than_the_rows_flagged():
    """A row may fall in several categories (会议召开及时性 = 及时 in a library's budget: vague, irrelevant and copy_paste): the
    counts after 问题指标 1/2 条 then add up to more than 1, which a newcomer read as a miscount; the line says why."""
    from io import StringIO

    from rich.console import Console

    from scorer.report.terminal import print_summary

    def summary(rows: list[dict]) -> str:
        shown = StringIO()
        print_summary(scorer.score(pd.DataFrame(rows), use_model=False), console=Console(file=shown, width=300))
        return shown.getvalue()

    library = {"source": "d.csv", "project": "公共图书馆免费开放", "level1": "产出指标"}
    open_days = {**library, "level3": "免费开放天数", "value": "≥300天"}
    several = summary([{**library, "level3": "会议召开及时性", "value": "及时"}, open_days])
    assert "问题指标 1/2 条" in several and "各类条数相加多于问题指标数" in several, several
    one = summary([{**library, "level3": "阅览服务质量", "value": "显著提高"}, open_days])
    assert "问题指标 1/2 条" in one and "各类条数相加" not in one, one


def test_the_terminal_summary_shows_cells_without_their_control_characters():
    r"""An ANSI escape in a damaged export's cell ([31m, or ]0;… that retitles the window) went to
    the reviewer's terminal as it was, in the project's name, its unit and the names of files not read.
    They are taken out, as in the HTML page; the rest shows as text (no colour: every escape is a cell's)."""
    from io import StringIO

    from rich.console import Console

    from scorer.ingest import ReadError
    from scorer.report.terminal import print_summary

    damaged = pd.DataFrame(
        [
            {"source": "d.csv", "project": "会议\x1b[31m费", "level1": "产出指标", "level3": "召开会议次数", "value": "≥2次"},
            {"source": "d.csv", "project": "会议\x1b[31m费", "level1": "产出指标", "level3": "会议质量", "value": "显著提高"},
        ]
    )
    result = scorer.score(damaged, use_model=False)
    result.projects["unit"] = "某县\x01民政局"
    result.errors.append(ReadError("坏\x1b]0;标题\x07.txt", "无法读取"))
    shown = StringIO()
    print_summary(result, console=Console(file=shown, width=200, color_system=None))
    output = shown.getvalue()
    assert re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", output) == []
    for text in ("会议[31m费", "某县民政局", "未读取的文件 1 个：坏]0;标题.txt"):
        assert text in output, output


@pytest.mark.slow
def test_notebook_executes_top_to_bottom():
    import nbformat
    from nbclient import NotebookClient

    notebook_dir = ROOT / "notebooks"
    notebook = nbformat.read(notebook_dir / "explore_weak_indicators.ipynb", as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(notebook_dir)}}).execute()
    text = json.dumps([cell.get("outputs", []) for cell in notebook.cells], ensure_ascii=False)
    assert "5 个文件，56 个项目，512 条指标" in text
    assert "视察议政业务费" in text  # the drill-down reaches the lowest-scoring project
    # what a reviewer reads is Chinese: categories by their names, tables under the workbook's headings
    assert "含糊" in text and "三级指标" in text and "得分" in text
    assert '"vague"' not in text and "row score" not in text
    from matplotlib import font_manager

    if any("CJK" in path for path in font_manager.findSystemFonts()):  # the chart's Chinese labels are drawn
        assert "Glyph" not in text


def test_worst_severity_ranks_error_over_warning_over_info():
    from scorer.report import worst_severity_by_row

    findings = pd.DataFrame(
        [
            {"source": "a", "project_index": 0, "row": 1, "severity": "warning"},
            {"source": "a", "project_index": 0, "row": 1, "severity": "info"},  # a carry-over note after a warning
            {"source": "a", "project_index": 0, "row": 2, "severity": "info"},
            {"source": "a", "project_index": 0, "row": 2, "severity": "error"},
            {"source": "a", "project_index": 0, "row": None, "severity": "warning"},  # project-level: not a row
        ]
    )
    assert worst_severity_by_row(findings) == {("a", 0, 1): "warning", ("a", 0, 2): "error"}


def test_the_workbook_says_where_a_row_was_read_in_chinese_and_the_csv_keeps_its_contract(tmp_path):
    """Found in review: the 位置 column read `form.xlsx:sheet 绩效目标:row 5` and `…txt:line 1966`, English inside
    a Chinese workbook. The rows CSV keeps the value programs read."""
    path = tmp_path / "表单.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标"
    sheet.append(["项目名称", "村医培训", "预算数（万元）", 50])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["产出指标", "数量指标", "培训村医人数", "≥120人"])
    workbook.save(str(path))
    for source in (path, SEED_002):
        result = scorer.score(source)
        write_xlsx(result, tmp_path / "review.xlsx")
        detail = openpyxl.load_workbook(tmp_path / "review.xlsx")["指标明细"]
        headers = [c.value for c in detail[1]]
        places = [detail.cell(r, headers.index("位置") + 1).value for r in range(2, detail.max_row + 1)]
        written = result.rows["location"].tolist()
        assert len(places) == len(written) and all(("row" in w or "line" in w) for w in written)
        assert all(p.startswith(str(source)) and "row" not in p and "line" not in p for p in places)
        assert all(p.endswith("行") for p in places)
    assert places[0] == f"{SEED_002} 第{written[0].rsplit(' ', 1)[1]}行"


@pytest.mark.parametrize(
    ("written", "zh", "en"),
    [
        ("会议费.docx:table 1:row 2", "会议费.docx 表1第2行", "会议费.docx, table 1, row 2"),
        ("年报.xlsx:sheet 绩效目标:row 5", "年报.xlsx 工作表“绩效目标”第5行", "年报.xlsx, sheet 绩效目标, row 5"),
        ("某市民政局:row 1", "某市民政局 第1行", "某市民政局, row 1"),
        ("C:/审核/001.txt:line 10", "C:/审核/001.txt 第10行", "C:/审核/001.txt, line 10"),
        ("一单位.csv:row 3:line 5", "一单位.csv 第3行", "一单位.csv, row 3"),  # said 第3行第5行
        ("报告.pdf:table 1:row 4:line 2", "报告.pdf 第2页表1第4行", "报告.pdf, page 2, table 1, row 4"),
        ("报告.pdf:line 3", "报告.pdf 第3页", "报告.pdf, page 3"),
        ("说明：无", "说明：无", "说明：无"),
    ],
)
def test_a_location_is_said_in_the_language_of_the_run(written, zh, en):
    from scorer.messages import language, place, set_language

    before = language()
    try:
        set_language("zh")
        assert place(written) == zh
        set_language("en")
        assert place(written) == en
    finally:
        set_language(before)


def test_a_plain_target_starting_like_a_formula_keeps_its_figure_readable():
    """-5‱ and =7人 are targets, not formulas: a leading space keeps them text without changing what is read."""
    from scorer.report.csv_writer import neutralise

    assert neutralise("-5‱") == " -5‱" and neutralise("-3‰") == " -3‰" and neutralise("=7人") == " =7人"
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)" and neutralise("≥95%") == "≥95%"
    # a price per person and period (review 68: '=4000元/人·年 beside  =100元/亩, which a reader matched)
    assert neutralise("=4000元/人·年") == " =4000元/人·年" and neutralise("=590元/人·月") == " =590元/人·月"
    assert neutralise("=1+1") == "'=1+1"


def test_the_html_summary_counts_a_file_not_read_once(tmp_path):
    """Found in a newcomer's trial: of a folder holding two documents, an empty text and a broken workbook, the page's
    summary said 3 文件 and 2 未读取的文件: the empty file, read but holding no indicator, was counted as read too."""
    from click.testing import CliRunner

    from scorer.cli import cli

    folder = tmp_path / "submissions"
    folder.mkdir()
    header = "一级指标\t二级指标\t三级指标\t指标值"
    for name, project, value in (("a.txt", "乡镇文化站免费开放", "≥24场"), ("b.txt", "农家书屋出版物补充", "≥60种")):
        (folder / name).write_text(f"项目名称：{project}\n{header}\n产出指标\t数量指标\t开展活动\t{value}\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.xlsx").write_bytes(b"\x00\x01 not a workbook")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["score", str(folder), "-o", str(tmp_path / "rows.csv"), "--html", str(out), "-q"])
    assert result.exit_code == 1, result.output
    page = re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))
    stats = re.sub(r"\s+", " ", page[page.index("概况") :])
    assert stats.startswith("概况 2 文件 2 项目 2 指标") and "2 未读取的文件" in stats, stats[:120]
