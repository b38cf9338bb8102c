"""Seed projects written out as Word, Excel, CSV and PDF read back to the same rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scorer.ingest import read_document, read_paths

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import make_fixtures

FIXTURES = Path(__file__).parent / "fixtures"


def rows_of(projects):
    return [(p.name, i.level1, i.level2, i.level3, i.description, i.value, i.basis) for p in projects for i in p.indicators]


@pytest.fixture(scope="module")
def source_projects():
    return make_fixtures.seed_projects(3)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_office_formats_round_trip(suffix, source_projects, tmp_path):
    path = tmp_path / f"seed{suffix}"
    {".docx": make_fixtures.write_docx, ".xlsx": make_fixtures.write_xlsx, ".csv": make_fixtures.write_csv}[suffix](
        source_projects, path
    )
    document = read_document(path)
    assert rows_of(document.projects) == rows_of(source_projects)
    assert [p.budget for p in document.projects] == [p.budget for p in source_projects]


def test_an_excel_97_2003_workbook_reads_the_same_rows(source_projects):
    """The committed .xls (make_fixtures.write_xls, the first two seed projects) through xlrd."""
    document = read_document(FIXTURES / "seed000_two_projects.xls")
    assert rows_of(document.projects) == rows_of(source_projects[:2]) and not document.notices
    assert [p.budget for p in document.projects] == [p.budget for p in source_projects[:2]]


XLS, XLSX, DOCX = "Excel 97-2003 工作簿（.xls）", "Excel 工作簿（.xlsx）", "Word 文档（.docx）"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("old.xlsx", XLS),
        ("old.docx", XLS),
        ("new.xls", XLSX),
        ("new.docx", XLSX),
        ("word.xls", DOCX),
        ("word.pdf", DOCX),
        ("word.xlsx", DOCX),
    ],
)
def test_an_office_file_under_another_office_name_is_read_and_said(name, kind, source_projects, tmp_path):
    """Found in review: an .xls saved as .xlsx was refused as damaged (不是 zip 压缩包), and an .xlsx named
    .xls as neither a workbook nor a web page or text; so were the others."""
    import shutil

    path = tmp_path / name
    if kind == XLS:
        shutil.copy(FIXTURES / "seed000_two_projects.xls", path)
    else:
        (make_fixtures.write_xlsx if kind == XLSX else make_fixtures.write_docx)(source_projects[:2], path)
    document = read_document(path)
    assert rows_of(document.projects) == rows_of(source_projects[:2])
    assert document.notices == [f"{path}：扩展名是 {path.suffix}，内容却是{kind}，已按{kind}读取"]


@pytest.mark.parametrize("name", ["cut.docx", "cut.xlsx", "cut.xls"])
def test_an_office_97_2003_file_that_is_no_workbook_is_named_as_such(name, tmp_path):
    """A Word 97-2003 .doc named .docx (here an .xls cut short: no workbook in it) said only that it was no
    zip archive."""
    from scorer.ingest.decode import UnreadableFile

    path = tmp_path / name
    path.write_bytes((FIXTURES / "seed000_two_projects.xls").read_bytes()[:600])
    with pytest.raises(UnreadableFile) as refused:
        read_document(path)
    assert f"{path}：无法作为 {path.suffix} 读取（这是 Office 97-2003 格式的文件，但不是可读的 Excel 工作簿" in str(refused.value)


def test_csv_in_gb18030_reads_the_same(source_projects, tmp_path):
    path = tmp_path / "seed_gbk.csv"
    make_fixtures.write_csv(source_projects, path, encoding="gb18030")
    assert rows_of(read_document(path).projects) == rows_of(source_projects)


LONG_CELLS = {
    "tabs and bars": "说明\t第一项|第二项;" * 20_000,  # read as a table of one wide record by tabs or bars
    "lines and bars": "第一行；\n第二行|" * 12_000,  # as thousands of two-field records by bars
    "quotes": '他说"按期完成"，' * 20_000,
    "past the csv module's field limit": "说明文字，含逗号，" * 25_000,  # 225,000 characters
}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("cell", LONG_CELLS, ids=list(LONG_CELLS))
def test_a_csv_with_one_long_cell_first_reads_every_row(cell, delimiter, source_projects, tmp_path):
    """csv.Sniffer guessed the dialect from the first 4 KB: a long first cell made it take the delimiter or
    quoting from inside the cell, and every later row was misread (or the file refused, past 131,072)."""
    import csv
    import dataclasses

    first = source_projects[0]
    projects = [
        dataclasses.replace(
            first, indicators=[dataclasses.replace(first.indicators[0], description=LONG_CELLS[cell]), *first.indicators[1:]]
        ),
        *source_projects[1:],
    ]
    path = tmp_path / "long_cell.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("某单位项目绩效目标表\n")
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["项目名称", "预算数", *make_fixtures.HEADER])
        for project in projects:
            for cells in make_fixtures.indicator_cells(project):
                writer.writerow([project.name, project.budget, *cells])
    assert rows_of(read_document(path).projects) == rows_of(projects)


def test_a_tab_separated_table_with_amounts_written_with_commas_reads_by_tabs(source_projects, tmp_path):
    """Amounts such as 1,250,000 put more commas than tabs in a row: the delimiter is the one under which
    the header's headings are cells."""
    import csv

    path = tmp_path / "amounts.tsv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["项目名称", "预算数", *make_fixtures.HEADER])
        for project in source_projects:
            for cells in make_fixtures.indicator_cells(project):
                writer.writerow(
                    [project.name, "1,250,000", *cells[:-1], f"{cells[-1]}（参考1,200,000元、1,100,000元、1,050,000元）"]
                )
    document = read_document(path)
    assert [i.level3 for p in document.projects for i in p.indicators] == [
        i.level3 for p in source_projects for i in p.indicators
    ]


def test_real_pdf_fixture_reads_to_its_source_rows(source_projects):
    """tests/fixtures/seed000_two_projects.pdf was made from seed 000 by make_fixtures.py (reportlab)."""
    document = read_document(FIXTURES / "seed000_two_projects.pdf")
    assert rows_of(document.projects) == rows_of(source_projects[:2])


def test_html_table_with_nested_list(tmp_path):
    html = """<html><body><h2>某县2024年部门预算项目支出绩效目标表</h2><table>
    <tr><th>单位编码</th><th>项目名称</th><th>金额(万元)</th><th>绩效目标</th><th>绩效指标</th></tr>
    <tr><td></td><td>图书购置经费</td><td>3.00</td><td><p>目标一：购置图书500册</p></td>
    <td><p>一、产出指标</p><p>(一)数量指标</p><ol><li>1. 购置图书数量 <math>\\geq 500</math>册</li></ol>
    <p>三、满意度指标</p><ol><li>1. 读者满意度≥90%</li></ol></td></tr></table></body></html>"""
    path = tmp_path / "county.html"
    path.write_text(html, encoding="utf-8")
    document = read_document(path)
    assert rows_of(document.projects) == [
        ("图书购置经费", "产出指标", "数量指标", "购置图书数量", "", "≥500册", ""),
        ("图书购置经费", "满意度指标", "", "读者满意度", "", "≥90%", ""),
    ]
    assert document.projects[0].budget == 3.0


def test_flattened_ocr_text_without_tabs(tmp_path):
    text = "\n".join(
        [
            "1.图书购置经费绩效目标表",
            "",
            "项目名称",
            "图书购置经费",
            "",
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标描述",
            "指标值",
            "指标值确定依据",
            "",
            "产出指标",
            "数量指标",
            "购置图书数量",
            "购置图书册数",
            "≥500册",
            "采购计划",
            "",
            "满意度指标",
            "服务对象满意度指标",
            "读者满意度",
            "读者满意度",
            "≥90%",
            "问卷",
        ]
    )
    path = tmp_path / "ocr.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    assert rows_of(document.projects) == [
        ("图书购置经费", "产出指标", "数量指标", "购置图书数量", "购置图书册数", "≥500册", "采购计划"),
        ("图书购置经费", "满意度指标", "服务对象满意度指标", "读者满意度", "读者满意度", "≥90%", "问卷"),
    ]


def test_directory_reads_every_supported_file(tmp_path, source_projects):
    make_fixtures.write_csv(source_projects[:1], tmp_path / "a.csv")
    (tmp_path / "sub").mkdir()
    make_fixtures.write_xlsx(source_projects[1:2], tmp_path / "sub" / "b.xlsx")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    report = read_paths([tmp_path])
    assert sorted(Path(d.source).name for d in report.documents) == ["a.csv", "b.xlsx"]
    assert not report.errors


def test_docx_nested_table_and_yuan_budget(tmp_path):
    """A project form whose indicator table sits inside a cell; the form states 单位：元."""
    import docx

    document = docx.Document()
    document.add_paragraph("1.图书购置经费绩效目标表")
    outer = document.add_table(rows=3, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "单位：元", ""
    outer.cell(1, 0).text, outer.cell(1, 1).text = "预算数", "30000"
    outer.cell(2, 0).text = "绩效指标"
    inner = outer.cell(2, 1).add_table(rows=2, cols=4)
    for column, text in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        inner.cell(0, column).text = text
    for column, text in enumerate(["产出指标", "数量指标", "购置图书数量", "≥500册"]):
        inner.cell(1, column).text = text
    path = tmp_path / "nested.docx"
    document.save(str(path))
    read = read_document(path)
    assert rows_of(read.projects) == [("图书购置经费", "产出指标", "数量指标", "购置图书数量", "", "≥500册", "")]
    assert read.projects[0].budget == 3.0


def test_value_split_over_operator_figure_and_unit_columns(tmp_path):
    """Provincial forms often give 指标性质 / 指标值 / 计量单位 as three columns."""
    path = tmp_path / "split.csv"
    path.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标性质,指标值,计量单位\n"
        "农村公路养护,产出指标,数量指标,养护里程,≥,120,公里\n"
        "农村公路养护,产出指标,质量指标,路况优良率,大于等于,85,%\n"
        "农村公路养护,产出指标,时效指标,完成时间,,2024年12月底前,\n"
        "农村公路养护,效益指标,社会效益指标,群众出行条件,定性,明显改善,\n",
        encoding="utf-8",
    )
    rows = rows_of(read_document(path).projects)
    assert [r[5] for r in rows] == ["≥120公里", "≥85%", "2024年12月底前", "明显改善"]


def test_a_header_over_two_lines_names_the_columns_of_both(tmp_path):
    """A spreadsheet's merged heading (绩效指标 over 一级/二级/三级指标, 单位名称 and 项目名称 down two lines),
    saved as CSV, leaves the first line blank where the second names the columns. Read as two headers, the
    second replaced the first: the project and value columns were lost, and each row's unit and project
    came out as an indicator of its own."""
    path = tmp_path / "two_line_header.csv"
    path.write_text(
        "单位名称,项目名称,绩效指标,,,指标值\n"
        ",,一级指标,二级指标,三级指标,\n"
        "某市教育局,学生资助,产出指标,数量指标,资助学生人数,≥1200人\n"
        "某市教育局,学生资助,产出指标,时效指标,资金发放及时率,100%\n"
        "某市教育局,校舍维修,产出指标,数量指标,维修校舍面积,≥3000平方米\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert rows_of(document.projects) == [
        ("学生资助", "产出指标", "数量指标", "资助学生人数", "", "≥1200人", ""),
        ("学生资助", "产出指标", "时效指标", "资金发放及时率", "", "100%", ""),
        ("校舍维修", "产出指标", "数量指标", "维修校舍面积", "", "≥3000平方米", ""),
    ]
    assert document.unit != "单位名称 项目名称 绩效指标 指标值"  # a header is not the unit's name


def test_a_self_evaluation_workbook_with_merged_headings_reads_targets_not_results(tmp_path):
    """Excel's merged cells: 指标值 over 年度指标值 and 实际完成值, the level headings merged down two rows.
    The target is the 年度指标值 column; the result stays beside it."""
    import openpyxl

    path = tmp_path / "self_evaluation.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "自评表"
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值", None, "得分"])
    sheet.append([None, None, None, "年度指标值", "实际完成值", None])
    sheet.append(["产出指标", "数量指标", "培训村医人数", "≥120人", "126人", 10])
    sheet.append(["产出指标", "时效指标", "培训完成时间", "2024年10月底前", "2024年9月", 10])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"):
        sheet.merge_cells(cells)
    workbook.save(str(path))
    document = read_document(path)
    rows = [i for p in document.projects for i in p.indicators]
    assert [(i.level3, i.value) for i in rows] == [("培训村医人数", "≥120人"), ("培训完成时间", "2024年10月底前")]
    assert [i.extra.get("actual") for i in rows] == ["126人", "2024年9月"]


def test_a_row_of_headings_that_renames_a_column_is_a_new_header_not_a_second_line(tmp_path):
    """Only a line that names the columns the line above leaves blank (or groups) continues it: a row
    that gives a named column another heading starts a table of its own."""
    path = tmp_path / "two_tables.csv"
    path.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标值\n"
        "一级指标,二级指标,三级指标,指标值,指标值确定依据\n"
        "产出指标,数量指标,资助学生人数,≥1200人,年度计划\n",
        encoding="utf-8",
    )
    rows = [(i.level3, i.value, i.basis) for p in read_document(path).projects for i in p.indicators]
    assert rows == [("资助学生人数", "≥1200人", "年度计划")]


@pytest.mark.parametrize("name_heading", ["指标内容", "绩效指标"])
def test_a_table_naming_its_indicators_under_another_heading_than_三级指标_reads_their_names(name_heading, tmp_path):
    """一级指标 | 二级指标 | 指标内容 | 指标值: with no 三级指标 column, the names were read as descriptions
    (指标内容) or dropped as a group heading (绩效指标), and every row scored as a row without a name."""
    path = tmp_path / "names.csv"
    path.write_text(
        f"项目名称,农村公路养护\n一级指标,二级指标,{name_heading},指标值\n"
        "产出指标,数量指标,养护里程,≥120公里\n产出指标,质量指标,路况优良率,≥85%\n",
        encoding="utf-8",
    )
    rows = [(i.level1, i.level2, i.level3, i.value) for p in read_document(path).projects for i in p.indicators]
    assert rows == [("产出指标", "数量指标", "养护里程", "≥120公里"), ("产出指标", "质量指标", "路况优良率", "≥85%")]


def test_a_project_form_whose_merged_headings_are_no_header_alone_reads_its_values(tmp_path):
    """Found in review: 绩效指标 (over 一级/二级/三级指标) | 指标解释 | 指标值 | 指标值确定依据, each merged down
    two rows: the first line is no header alone, so the second was taken alone and every row lost its value
    (scored 指标未填写)."""
    import openpyxl

    path = tmp_path / "form.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["某县2024年项目支出绩效目标表"])
    sheet.append(["项目名称", "村医培训", "预算数（万元）", 50])
    sheet.append(["绩效指标", None, None, "指标解释", "指标值", "指标值确定依据"])
    sheet.append(["一级指标", "二级指标", "三级指标", None, None, None])
    sheet.append(["产出指标", "数量指标", "培训村医人数", "参加培训的村医人数", "≥120人", "年度计划"])
    sheet.append(["产出指标", "质量指标", "培训合格率", None, "≥95%", "往年水平"])
    for cells in ("A3:C3", "D3:D4", "E3:E4", "F3:F4"):
        sheet.merge_cells(cells)
    workbook.save(str(path))
    rows = [(i.level3, i.description, i.value, i.basis) for p in read_document(path).projects for i in p.indicators]
    assert rows == [("培训村医人数", "参加培训的村医人数", "≥120人", "年度计划"), ("培训合格率", "", "≥95%", "往年水平")]


def test_a_second_header_line_with_a_heading_the_vocabulary_does_not_know_is_still_merged(tmp_path):
    """Found in review: 指标类型 (or 计算方法, 数据来源) beside 一级/二级/三级指标 on the second line made it
    no second line: it was taken alone, the project column lost."""
    path = tmp_path / "kind.csv"
    path.write_text(
        "项目名称,绩效指标,,,,指标值\n,一级指标,二级指标,三级指标,指标类型,\n"
        "村医培训,产出指标,数量指标,培训村医人数,个性指标,≥120人\n",
        encoding="utf-8",
    )
    assert rows_of(read_document(path).projects) == [("村医培训", "产出指标", "数量指标", "培训村医人数", "", "≥120人", "")]


def test_an_explanation_column_beside_a_project_s_list_of_indicators_is_no_name_column(tmp_path):
    """Found in review: one project a row with a 指标说明 column; the explanation was taken for the names,
    and the nested indicators lost."""
    path = tmp_path / "wide.csv"
    path.write_text(
        "项目名称,预算数（万元）,年度绩效目标,绩效指标,指标说明\n"
        "村医培训,50,提升村医服务能力,一级指标：产出指标 二级指标：数量指标 1.培训村医人数≥120人 2.培训合格率≥95%,详见附件\n",
        encoding="utf-8",
    )
    rows = [(i.level3, i.value) for p in read_document(path).projects for i in p.indicators]
    assert rows == [("培训村医人数", "≥120人"), ("培训合格率", "≥95%")]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("export.xls", "<html><body><table><tr><td>{rows}</td></tr></table></body></html>", "网页（HTML）"),
        ("renamed.docx", "{text}", "分隔符表格（CSV）"),  # tab-separated cells under their headings
        ("renamed.pdf", "说明：本表由系统导出。\n{text}", "分隔符表格（CSV）"),
    ],
)
def test_a_web_page_or_text_under_an_office_or_pdf_name_is_read_for_what_it_is(name, content, kind, tmp_path):
    """Budget systems export web pages as .xls, and a file renamed by hand keeps its text: both were refused
    with the library's own words (XLRDError: Expected BOF record; 不是 zip 压缩包; No /Root object)."""
    from click.testing import CliRunner

    from scorer.cli import cli

    cells = [
        ["项目名称", "图书购置经费"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "购置图书数量", "≥500册"],
    ]
    rows = "</td></tr><tr><td>".join("</td><td>".join(row) for row in cells)
    text = "\n".join("\t".join(row) for row in cells) + "\n"
    path = tmp_path / name
    path.write_text(content.format(rows=rows, text=text), encoding="utf-8")
    document = read_document(path)
    assert [(i.level3, i.value) for p in document.projects for i in p.indicators] == [("购置图书数量", "≥500册")]
    assert document.notices == [f"{path}：扩展名是 {path.suffix}，内容却是{kind}，已按{kind}读取"]
    result = CliRunner().invoke(cli, ["score", str(path), "-o", str(tmp_path / "rows.csv"), "-q"])
    assert result.exit_code == 0 and "提示：" in result.output, result.output  # read whole: no exit status 1


@pytest.mark.parametrize(
    ("content", "reason"), [(b"", "文件是空的"), (bytes(range(256)) * 8, "可能已损坏")], ids=["empty", "damaged"]
)
def test_an_empty_or_damaged_office_file_says_so_in_the_reviewer_s_words(content, reason, tmp_path):
    from scorer.ingest.decode import UnreadableFile

    path = tmp_path / "table.xlsx"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        read_document(path)


def test_a_workbook_form_names_its_unit_budget_and_project_in_labelled_cells(tmp_path):
    """Found by a newcomer trial: 单位名称：某县民政局 in one cell was dropped as a 计量单位 line, the budget of
    预算金额（万元） | 300 was not read, and the unit came out as the sheet's name (绩效目标绩效目标表)."""
    import openpyxl

    path = tmp_path / "form.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标"
    for row in [
        ["2025年度项目支出绩效目标表"],
        ["单位名称：某县民政局"],
        ["项目名称", "困难群众救助"],
        ["预算金额（万元）", "300"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "救助人数", "≥500人"],
    ]:
        sheet.append(row)
    workbook.save(str(path))
    document = read_document(path)
    assert (document.unit, [(p.name, p.budget) for p in document.projects]) == ("某县民政局", [("困难群众救助", 300.0)])


def test_a_sheet_s_name_is_no_project_left_without_indicators_when_the_sheet_names_its_own(tmp_path):
    """A workbook's sheet 绩效目标 holding a titled form, or Sheet1 holding a flat table, was listed under 未采用的内容
    as 项目名称之后没有读到指标表 | 绩效目标 (| Sheet1) although its indicators were read: the reader opens a project
    under each sheet's name until the sheet names one. A form that names a project and reads no table is still
    listed, and so is every row not taken."""
    import openpyxl

    def read_book(sheets: dict[str, list[list[str]]]):
        path = tmp_path / "book.xlsx"
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        workbook.save(str(path))
        document = read_document(path)
        skipped = [(skip.reason, skip.text) for skip in document.skipped]
        return [(p.name, [i.level3 for i in p.indicators]) for p in document.projects], skipped

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    titled_form = [
        ["2025年度项目支出绩效目标表"],
        ["项目名称", "困难群众救助"],
        header,
        ["产出指标", "数量指标", "救助人数", "≥500人"],
    ]
    assert read_book({"绩效目标": titled_form}) == ([("困难群众救助", ["救助人数"])], [])
    flat = [["项目名称", "预算金额（万元）", *header], ["干部培训", "10", "产出指标", "数量指标", "培训人数", "≥100人"]]
    assert read_book({"Sheet1": flat}) == ([("干部培训", ["培训人数"])], [])
    cover = [["本表由各单位填报"]]
    named_without_table = [["2025年度项目支出绩效目标表"], ["项目名称", "乡村道路养护"]]
    assert read_book({"填报说明": cover, "道路": named_without_table, "绩效目标": titled_form}) == (
        [("困难群众救助", ["救助人数"])],
        [("工作簿的说明页，不是指标表", "本表由各单位填报"), ("项目名称之后没有读到指标表", "乡村道路养护")],
    )


def test_a_workbook_with_no_unit_named_has_no_unit_not_its_sheet_s_name(tmp_path):
    import openpyxl

    path = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    rows = [
        ["项目名称", "基层干部培训"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥200人"],
    ]
    for row in rows:
        workbook.active.append(row)
    workbook.save(str(path))
    assert read_document(path).unit == ""  # was Sheet绩效目标表: the letter went to "Sheet绩效目标表"


def test_a_word_form_names_its_unit_and_budget_in_rows_and_its_project_in_a_paragraph(tmp_path):
    """主管部门 | 某县委组织部 | 实施单位 | 某县委党校 was 项目表单中无法识别的行, 项目资金（万元） | 20 gave no budget, and
    a paragraph 项目名称：… became the unit, the project left without a name."""
    import docx

    form = docx.Document()
    form.add_paragraph("2025年度项目支出绩效目标表")
    table = form.add_table(rows=0, cols=4)
    for cells in [
        ["项目名称", "基层干部培训项目", "", ""],
        ["主管部门", "某县委组织部", "实施单位", "某县委党校"],
        ["项目资金（万元）", "20", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥200人"],
    ]:
        row = table.add_row()
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    form.save(str(tmp_path / "form.docx"))
    document = read_document(tmp_path / "form.docx")
    assert (document.unit, [(p.name, p.budget) for p in document.projects]) == ("某县委党校", [("基层干部培训项目", 20.0)])

    prose = docx.Document()
    prose.add_paragraph("项目名称：基层干部培训项目")
    prose.add_paragraph("预算金额：20万元")
    table = prose.add_table(rows=0, cols=4)
    for cells in [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥200人"]]:
        row = table.add_row()
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    prose.save(str(tmp_path / "prose.docx"))
    document = read_document(tmp_path / "prose.docx")
    assert [(p.name, p.budget) for p in document.projects] == [("基层干部培训项目", 20.0)] and document.unit == ""


def test_a_table_of_units_headed_单位名称_单位性质_names_no_unit():
    """单位名称 | 单位性质 heads the sample's table of units: its unit is still the one its code row names."""
    document = read_document(Path(__file__).resolve().parents[1] / "samples" / "002_7d1d3af06469c7e6.txt")
    assert document.unit == "承德市人民代表大会常务委员会办公室"


_word = make_fixtures.write_word


INDICATORS = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "救助人数", "≥500人"]]


def _projects(path) -> list[tuple[str, float | None, int]]:
    return [(p.name, p.budget, len(p.indicators)) for p in read_document(path).projects]


def test_labelled_paragraphs_make_no_project_of_their_own(tmp_path):
    """Found in review: after a one-project-a-row table, 项目名称：乙项目 / 预算金额：30万元 became projects named
    项目名称 and 预算金额; before a title they made a second, empty project 甲项目 with the budget."""
    flat = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], ["甲项目", "产出指标", "数量指标", "救助人数", "≥500人"]]
    after = _word(tmp_path / "after.docx", flat, "单位名称：某县民政局", "项目名称：乙项目", "预算金额：30万元")
    assert _projects(after) == [("甲项目", None, 1)] and read_document(after).unit == "某县民政局"
    before = _word(tmp_path / "before.docx", "项目名称：甲项目", "预算金额：20万元", "甲项目绩效目标表", INDICATORS)
    assert _projects(before) == [("甲项目", 20.0, 1)]
    one_line = _word(tmp_path / "one_line.docx", "项目名称：困难群众救助，预算金额：300万元，实施单位：某县民政局", INDICATORS)
    assert _projects(one_line) == [("困难群众救助", 300.0, 1)] and read_document(one_line).unit == "某县民政局"


@pytest.mark.parametrize(
    ("label", "value", "budget"),
    [
        ("项目资金（元）", "200000", 20.0),
        ("项目资金（元）", "3,000,000.00", 300.0),
        ("项目资金（万元）", "2025年安排，详见预算批复", None),
        ("项目资金（万元）", "第1季度", None),
        ("预算金额", "0.2亿元", 2000.0),
    ],
)
def test_a_form_s_budget_is_an_amount_in_its_unit_or_none(label, value, budget, tmp_path):
    """Found in review: （元） in the label and 亿元 in the value were ignored, and any figure after the label
    was taken (2025 of 2025年安排, 1 of 第1季度)."""
    path = _word(tmp_path / "budget.docx", [["项目名称", "困难群众救助"], [label, value], *INDICATORS])
    assert _projects(path) == [("困难群众救助", budget, 1)]


@pytest.mark.parametrize(
    ("label", "value", "budget"),
    [
        ("项目资金（万元）", "20\x01", 20.0),
        ("项目资金（元）", "200000\x01", 20.0),
        ("预算金额", "20万元\x01", 20.0),
        ("预算金额", "\x7f200000", 20.0),
    ],
)
def test_a_form_s_budget_with_a_damaged_exports_control_characters_is_its_amount(label, value, budget, tmp_path):
    r"""A form (here a CSV, as a budget system exports it; Word cannot hold them) whose amount carries a control
    character (20\x01) had no budget; read, 20万元\x01 under 单位：元 is still 万元 (the figure alone gave 0.002)."""
    form = tmp_path / "form.csv"
    form.write_text(
        f"单位：元\n项目名称,困难群众救助\n{label},{value}\n" + "\n".join(map(",".join, INDICATORS)), encoding="utf-8"
    )
    assert _projects(form) == [("困难群众救助", budget, 1)]


@pytest.mark.parametrize(
    ("written", "budget"),
    [("50000元", 5.0), ("80000.00元", 8.0), ("0.2亿元", 2000.0), ("3,000千元", 300.0), ("300 万元", 300.0), ("300", 300.0)],
)
def test_a_text_form_s_budget_is_read_in_the_unit_written_after_it(written, budget, tmp_path):
    """Found in review: a text form's 预算金额：50000元 was 50000 万元 and 0.2亿元 was 0.2 万元: only 万 after the
    figure was read as its unit, anything else took the form's (万元)."""
    form = tmp_path / "form.txt"
    lines = ["项目名称：困难群众救助", f"预算金额：{written}", *("\t".join(cells) for cells in INDICATORS)]
    form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _projects(form) == [("困难群众救助", budget, 1)]


@pytest.mark.parametrize(
    ("label", "budget"), [("预算金额（元）", 8.0), ("预算金额（万元）", 80000.0), ("预算金额(千元)", 8000.0)]
)
def test_a_text_form_s_budget_is_read_in_the_unit_its_label_glosses(label, budget, tmp_path):
    """Found in review: 预算金额（元）：80000 in a text form was 80000 万元, so a cap of 8万元 looked below the budget
    and L004 fell silent; the Word and Excel forms read the gloss."""
    form = tmp_path / "form.txt"
    lines = ["项目名称：困难群众救助", f"{label}：80000", *("\t".join(cells) for cells in INDICATORS)]
    form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _projects(form) == [("困难群众救助", budget, 1)]


@pytest.mark.parametrize(("amount", "unit", "budget"), [("80000", "元", 8.0), ("0.2", "亿元", 2000.0), ("300", "万元", 300.0)])
def test_a_form_s_budget_is_read_in_the_unit_written_in_the_next_cell(amount, unit, budget, tmp_path):
    """Found in review: 预算金额 | 80000 | 元, the unit in a cell of its own (Word and Excel forms, a text form's
    tab-separated line), was 80000 万元, so every cap and share measured against the budget was off 10,000 times;
    in a tab export whose lines start with a tab (merged cells) the label line was split and the budget lost."""
    word = _word(tmp_path / "form.docx", [["项目名称", "困难群众救助", ""], ["预算金额", amount, unit], *INDICATORS])
    assert _projects(word) == [("困难群众救助", budget, 1)]
    text_form = tmp_path / "form.txt"
    lines = ["项目名称：困难群众救助", f"预算金额：\t{amount}\t{unit}", *("\t".join(cells) for cells in INDICATORS)]
    text_form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _projects(text_form) == [("困难群众救助", budget, 1)]
    merged = tmp_path / "merged.txt"  # a tab export whose merged level1 cells start lines with a tab
    rows = ["\t".join(INDICATORS[0]), "\t".join(INDICATORS[1]), "\t质量指标\t资金发放准确率\t100%"]
    merged.write_text("\n".join(["项目名称：困难群众救助", f"预算金额：\t{amount}\t{unit}", *rows]) + "\n", encoding="utf-8")
    assert _projects(merged) == [("困难群众救助", budget, 2)]


def test_a_budget_row_after_a_project_s_indicators_is_the_next_project_s(tmp_path):
    path = _word(
        tmp_path / "two.docx",
        [["项目名称", "甲项目"], ["项目资金（万元）", "10"], *INDICATORS],
        [["项目资金（万元）", "20"], ["项目名称", "乙项目"], *INDICATORS],
    )
    assert _projects(path) == [("甲项目", 10.0, 1), ("乙项目", 20.0, 1)]  # 甲 was 20, 乙 none


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("某县民政局（本级）", "某县民政局"),
        ("[101001]某县民政局", "某县民政局"),
        ("某县城关镇", "某县城关镇"),
        ("某县气象台", "某县气象台"),
    ],
)
def test_a_labelled_unit_is_taken_as_written_less_its_code_and_level(written, unit, tmp_path):
    path = _word(tmp_path / "unit.docx", [["单位名称", written], ["项目名称", "困难群众救助"], *INDICATORS])
    assert read_document(path).unit == unit


def test_a_csv_under_an_excel_name_is_read_as_the_csv_it_is_and_excel_2003_xml_is_named(tmp_path):
    csv_text = "项目名称,一级指标,二级指标,三级指标,指标值\n困难群众救助,产出指标,数量指标,救助人数,≥500人\n"
    (tmp_path / "export.xls").write_text(csv_text, encoding="gb18030")
    assert _projects(tmp_path / "export.xls") == [("困难群众救助", None, 1)]  # was the project ",困难群众救助"
    xml = '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>\n'
    (tmp_path / "old.xls").write_text(xml, encoding="utf-8")
    from scorer.ingest.decode import UnreadableFile

    with pytest.raises(UnreadableFile, match="Excel 2003 的 XML 表格"):
        read_document(tmp_path / "old.xls")


def test_a_row_of_unit_labels_that_names_no_unit_is_still_listed_as_not_taken(tmp_path):
    """单位名称 | 单位性质 | 人数 heads a table of units: no unit is taken from it, and the row is not lost
    from the list of what was not taken."""
    path = _word(tmp_path / "units.docx", [["单位名称", "单位性质", "人数"], ["某县民政局", "行政单位", "20"]], INDICATORS)
    document = read_document(path)
    assert document.unit == ""
    assert any("单位性质" in skip.text for skip in document.skipped), document.skipped


def _with_zero_width(text: str) -> str:
    return "\u200b".join(text[i : i + 2] for i in range(0, len(text), 2))  # one after every second character


def test_labels_and_headings_with_zero_width_spaces_pasted_in_read_as_without(tmp_path):
    """Found in review: a form copied from a web page keeps zero-width spaces inside its labels and cells;
    预算金​额：20万元 lost the budget and the cells kept the marks. Labels, headings and cells are read as
    if the marks were not there, in Word and text forms and in a rows table's headings."""
    indicators = [[_with_zero_width(cell) for cell in row] for row in INDICATORS]
    word = _word(
        tmp_path / "form.docx",
        [[_with_zero_width("项目名称"), "困难群众救助"], [_with_zero_width("预算金额"), "20万元"], *indicators],
    )
    assert _projects(word) == [("困难群众救助", 20.0, 1)]
    assert [(i.level3, i.value) for i in read_document(word).projects[0].indicators] == [("救助人数", "≥500人")]
    text_form = tmp_path / "form.txt"
    lines = [
        _with_zero_width("项目名称：困难群众救助"),
        _with_zero_width("预算金额：20万元"),
        *("\t".join(cells) for cells in indicators),
    ]
    text_form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _projects(text_form) == [("困难群众救助", 20.0, 1)]
    table = tmp_path / "export.csv"
    header = ",".join(_with_zero_width(cell) for cell in ("项目名称", "预算数（万元）", "三级指标", "指标值"))
    table.write_text(f"{header}\n困难群众救助,20,救助人数,≥500人\n困难群众救助,20,资金发放及时率,100%\n", encoding="utf-8")
    assert _projects(table) == [("困难群众救助", 20.0, 2)]  # a small export of one unit: read as a document
    from scorer.ingest.tables import header_fields

    assert set(header_fields(header.split(",")).values()) == {"project", "budget", "level3", "value"}


def test_the_application_forms_label_annual_target_is_the_goal(tmp_path):
    """The 项目支出绩效目标申报表 labels its goal 年度目标, as well as 年度绩效目标 or 绩效目标."""
    form = [
        ["项目名称", "村卫生室运行补助", "", ""],
        ["年度目标", "保障全县86个村卫生室正常运行，村医补助按月足额发放。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补助村卫生室个数", "86个"],
    ]
    (project,) = read_document(_word(tmp_path / "申报表.docx", form)).projects
    assert project.goal == "保障全县86个村卫生室正常运行，村医补助按月足额发放。"


def test_a_workbook_s_percentages_read_as_the_sheet_shows_them_not_as_stored_fractions(tmp_path):
    """Found in review: a 指标值 cell holding 1 formatted 0% read 1, and 0.955 formatted 0.0% read 0.955: a target of
    100% became one of 1 (a count?). The reader sees 100% and 95.5%; numbers in other formats are as before."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
    for name, value, number_format in (
        ("检测报告合格率", 1, "0%"),
        ("抽检覆盖率", 0.95, "0%"),
        ("监测数据有效率", 0.955, "0.0%"),
        ("抽检批次", 1200, "General"),
        ("快检批次", 350, "0"),
        ("复检合格率", 95, '0"%"'),  # a % written as text: the number shows as stored
        ("投诉处置率", 100, "0\\%"),
        ("整改及时率", 0.955, "[>=1]0%;0.0%"),  # sections with a condition: not read, the number as stored
    ):
        sheet.append(["产出指标", "质量指标", name, value])
        sheet.cell(sheet.max_row, 4).number_format = number_format
    workbook.save(tmp_path / "targets.xlsx")
    document = read_document(tmp_path / "targets.xlsx")
    assert [(i.level3, i.value) for p in document.projects for i in p.indicators] == [
        ("检测报告合格率", "100%"),
        ("抽检覆盖率", "95%"),
        ("监测数据有效率", "95.5%"),
        ("抽检批次", "1200"),
        ("快检批次", "350"),
        ("复检合格率", "95"),
        ("投诉处置率", "100"),
        ("整改及时率", "0.955"),
    ]


def test_a_page_laid_out_in_a_table_reads_its_headings_and_labels_in_order_with_the_tables_inside(tmp_path):
    """Found in review: an old web page lays its content out in a table, whose cell holds the projects' headings, goals
    and indicator tables. The cell's text came after all the tables as one junk row, and every project's rows went
    under one project without a name."""
    header = "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
    page = (
        "<html><body><table><tr><td><table><tr><td><a>政务公开</a></td></tr></table></td><td>"
        "<p>项目名称：畜禽粪污资源化利用</p><p>预算金额：96万元</p><p>绩效目标：畜禽粪污综合利用率达到80%。</p>"
        f"<table border='1'>{header}<tr><td>产出指标</td><td>数量指标</td><td>改造养殖场数量</td><td>≥25个</td></tr></table>"
        "<p>项目名称：农作物秸秆综合利用</p><p>预算金额：54万元</p>"
        f"<table border='1'>{header}<tr><td>产出指标</td><td>数量指标</td><td>秸秆还田面积</td><td>≥3万亩</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    document = read_document(tmp_path / "page.html")
    assert [(p.name, p.budget, p.goal, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("畜禽粪污资源化利用", 96.0, "畜禽粪污综合利用率达到80%。", [("改造养殖场数量", "≥25个")]),
        ("农作物秸秆综合利用", 54.0, "", [("秸秆还田面积", "≥3万亩")]),
    ]
