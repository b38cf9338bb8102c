"""Reading the text shapes other departments publish: one test per layout family of ../shared/corpus/SOURCES.md.

Every fixture here is written for this test (departments, names and figures invented in the shapes seen in
the wild), so the reader is held to the shapes, not to the corpus's strings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scorer.ingest import read_document

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from make_fixtures import write_word


def read_text(tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def read_lines(tmp_path: Path, lines: list[list[str]], form: str, title: str = "项目绩效目标表"):
    """The lines as one Word table under a title (form "docx"), or as text, one line a row, its cells joined by spaces,
    tabs or pipes (" | ", a pipe closing each line as web pages copy them; "bars": a pipe opening it too)."""
    if form == "docx":
        return read_document(write_word(tmp_path / "form.docx", title, lines))
    joiner = {"spaces": " ", "tabs": "\t", "pipes": " | ", "bars": " | "}[form]
    opening, closing = {"pipes": ("", " |"), "bars": ("| ", " |")}.get(form, ("", ""))
    return read_text(tmp_path, "\n".join(opening + joiner.join(line) + closing for line in lines) + "\n")


def rows(document) -> list[tuple[str, str]]:
    return [(i.level3, i.value) for p in document.projects for i in p.indicators]


def write_sheet(path: Path, sheet_rows: list[list]) -> Path:
    """A workbook of one sheet holding these rows (None: an empty cell)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in sheet_rows:
        workbook.active.append(row)
    workbook.save(str(path))
    return path


def read_word_form(tmp_path: Path, head: list[list[str]], indicators: list[list[str]]):
    """A Word file of one form table read: its head rows (name, budget …), the indicator header, the indicator rows."""
    return read_document(write_word(tmp_path / "form.docx", [*head, ["一级指标", "二级指标", "三级指标", "指标值"], *indicators]))


def flat_summary_then_form(tmp_path: Path, title: str, form: list[list[str]]):
    """A Word file read: a flat summary table (甲培训 | 培训人次), then a title paragraph and a form table."""
    import docx

    word = docx.Document()
    add_word_table(
        word,
        [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], ["甲培训", "产出指标", "数量指标", "培训人次", "≥300人次"]],
    )
    word.add_paragraph(title)
    add_word_table(word, form)
    path = tmp_path / "汇总与明细.docx"
    word.save(str(path))
    return read_document(path)


def add_word_table(word, cells: list[list[str]]) -> None:
    """A table of these cells added to a python-docx Document."""
    grid = word.add_table(rows=len(cells), cols=len(cells[0]))
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            grid.cell(r, c).text = value


def form_over_two_pages(path: Path, between: str, second: list[list[str]]) -> Path:
    """A Word form (乡镇干部培训: two indicator rows), then a paragraph `between` (续表, a page number, prose), then a
    second table of these cells."""
    import docx

    word = docx.Document()
    word.add_paragraph("2025年项目支出绩效目标表")
    add_word_table(
        word,
        [
            ["项目名称", "乡镇干部培训", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥300人"],
            ["产出指标", "质量指标", "培训合格率", "≥95%"],
        ],
    )
    word.add_paragraph(between)
    add_word_table(word, second)
    word.save(str(path))
    return path


def test_one_cell_per_line_with_blank_lines_and_site_furniture(tmp_path):
    text = """某某县人民政府
您所在的位置 > 县图书馆 > 预决算信息
发布时间:2024-03-02  浏览次数:18

项目支出绩效目标表

项目名称

少儿阅读推广活动经费

项目资金(万元)

资金总额:

12.5

一级指标

二级指标

三级指标

指标值

产出指标

数量指标

举办亲子阅读活动场次

≥24场

{lone_space}

质量指标

活动参与家庭满意率

≥90%

效益指标

社会效益指标

少儿读者到馆人次增长

≥5%

主办：某某县人民政府办公室  承办：县大数据中心
""".format(lone_space=" ")  # an empty 备注 cell comes as a lone space
    document = read_text(tmp_path, text)
    assert rows(document) == [("举办亲子阅读活动场次", "≥24场"), ("活动参与家庭满意率", "≥90%"), ("少儿读者到馆人次增长", "≥5%")]
    project = document.projects[0]
    assert project.name == "少儿阅读推广活动经费"
    assert project.budget == 12.5
    assert [i.level2 for i in project.indicators] == ["数量指标", "质量指标", "社会效益指标"]


def test_a_page_s_attachment_heading_and_buttons_under_the_table_are_no_rows(tmp_path):
    """Found in review of published pages: under the last row of a table copied one cell a line, the page's attachment
    heading (附件:), its QR-code line (扫一扫在手机打开当前页) and its buttons ([下载] [打印]) became two rows."""
    text = """项目名称
社区居家养老服务补贴
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
享受助餐服务老年人数
≥600人
满意度指标
服务对象满意度指标
老年人满意度
≥90%

附件:


扫一扫在手机打开当前页
[下载] [打印] [关闭]
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("享受助餐服务老年人数", "≥600人"), ("老年人满意度", "≥90%")]


def test_a_flat_table_in_space_separated_text_naming_unit_project_and_budget_on_each_line(tmp_path):
    """A flat export copied as text, each line naming the unit, the project and its budget before the groups and the
    indicator: read as one project a name (not one a line), and no nameless project for its header. Before the
    department table's lines of projects were read, every line's unit, name and budget were indicators' cells."""
    text = """单位名称 项目名称 预算数 一级指标 二级指标 三级指标 指标值
县民政局 临时救助资金 120 产出指标 数量指标 救助人次 ≥300人次
县民政局 临时救助资金 120 满意度指标 服务对象满意度指标 受助群众满意度 ≥90%
县民政局 孤儿基本生活保障资金 45 产出指标 数量指标 保障孤儿人数 ≥30人
"""
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("临时救助资金", 120.0, ["救助人次", "受助群众满意度"]),
        ("孤儿基本生活保障资金", 45.0, ["保障孤儿人数"]),
    ]
    assert document.skipped == []


def test_numbered_groups_over_slot_lines_with_targets_in_brackets(tmp_path):
    """Found in an adversarial review: a project's form in text, its groups numbered as a list (一、产出指标) over slot
    lines with their targets in brackets (指标1：…（≥12次）), read nothing: the number kept the group from being one."""
    text = """项目名称：乡镇综合文化站免费开放
预算金额：36万元
一、产出指标
指标1：开展群众文化活动场次（≥24场）
指标2：图书室开放天数（≥300天）
二、满意度指标
指标1：群众满意度（≥90%）
"""
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget) for p in document.projects] == [("乡镇综合文化站免费开放", 36.0)]
    assert rows(document) == [("开展群众文化活动场次", "≥24场"), ("图书室开放天数", "≥300天"), ("群众满意度", "≥90%")]


def test_look_alikes_of_a_project_s_line_its_heading_or_the_page_s_furniture_stay_what_they_are(tmp_path):
    """Found in an adversarial review of the readings of a department's list of projects, of a project's row with its
    budget in brackets, of budget labels and of page furniture: each of these opened a project, lost a row or took a
    wrong budget, where the reading before had them right."""
    header = "一级指标\t二级指标\t三级指标\t指标值"
    by_county = read_text(
        tmp_path,
        "项目名称：农村饮水安全补助资金\n预算金额：860万元\n资金分配：\n甲县水利局 农村饮水安全补助资金 300\n"
        f"乙县财政局 专项资金 560\n{header}\n产出指标\t数量指标\t维修养护工程处数\t≥60处\n",
        "county.txt",
    )
    assert [(p.name, p.budget, len(p.indicators)) for p in by_county.projects] == [("农村饮水安全补助资金", 860.0, 1)]
    part = tmp_path / "part.html"
    cells = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = ["产出指标", "数量指标", "救助人次", "≥900人次"]
    part.write_text(
        "<html><body><p>项目名称：困难群众救助补助资金</p><p>预算金额：300万元</p><table>"
        + "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in (cells, first))
        + '<tr><td colspan="4">省级补助资金（200万元）</td></tr>'
        + "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>受助群众满意度</td><td>≥90%</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert [(p.name, p.budget, len(p.indicators)) for p in read_document(part).projects] == [("困难群众救助补助资金", 300.0, 2)]
    one_a_line = read_text(
        tmp_path,
        "项目名称\n城乡居民医保补助\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n时效指标\n"
        "按时拨付城乡居民医保补助资金（1500万元）\n100%\n产出指标\n数量指标\n扫一扫即可办理事项数\n≥150项\n",
        "lines.txt",
    )
    assert rows(one_a_line) == [("按时拨付城乡居民医保补助资金（1500万元）", "100%"), ("扫一扫即可办理事项数", "≥150项")]
    text = f"项目名称：耕地保护补贴\n下达资金文号：财农〔2025〕12号\n{header}\n产出指标\t数量指标\t补贴面积\t≥45万亩\n"
    number = read_text(tmp_path, text, "no.txt")
    assert [p.budget for p in number.projects] == [None]


def test_a_run_on_project_name_opening_with_its_year_keeps_the_year(tmp_path):
    """Found in review of published pages: a self-evaluation form's text layer runs its head together
    (项目名称2024年乡村医生能力提升培训项目主管部门…); cut where a value may start, the project was named 2024年."""
    text = """项目支出绩效自评表
项目名称2024年乡村医生能力提升培训项目主管部门县卫生健康局实施单位县卫生健康局
年度资金总额:23.3
一级指标 二级指标 三级指标 年度指标值 全年实际值
产出指标 数量指标 培训乡村医生人数 ≥120人 126人
"""
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget) for p in document.projects] == [("2024年乡村医生能力提升培训项目", 23.3)]
    assert rows(document) == [("培训乡村医生人数", "≥120人")]


@pytest.mark.parametrize("form", ["bars", "pipes", "docx"])
def test_a_project_name_split_at_its_year_over_two_cells_is_one_name(form, tmp_path):
    """Found in the 39th review: 项目名称 | 2025年 | 城区绿化养护项目 in a Word form named the project 2025年. A label
    after the year (项目名称 | 2025年 | 主管部门 | …) leaves the year as the name, as written."""
    lines = [
        ["项目名称", "2025年", "城区绿化养护项目"],
        ["实施单位", "县园林中心", "年度预算", "88"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护绿地面积", "≥60万平方米"],
    ]
    document = read_lines(tmp_path, lines, form)
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [("2025年城区绿化养护项目", 88.0, 1)]


@pytest.mark.parametrize("form", ["spaces", "tabs", "docx"])
def test_a_flat_export_s_project_whose_rows_are_apart_is_one_project(form, tmp_path):
    """Found in the 39th review: a flat export sorted by another column puts one project's rows apart (甲, 乙, 甲 again):
    甲 was read as two projects. The same unit, name and budget are one project, in its first place."""
    lines = [
        ["单位名称", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"],
        ["县文旅局", "文化惠民演出经费", "30", "产出指标", "数量指标", "送戏下乡场次", "≥60场"],
        ["县文旅局", "图书馆免费开放补助", "20", "产出指标", "数量指标", "接待读者人次", "≥5万人次"],
        ["县文旅局", "文化惠民演出经费", "30", "满意度指标", "服务对象满意度指标", "观众满意度", "≥90%"],
        ["县文旅局", "图书馆免费开放补助", "20", "满意度指标", "服务对象满意度指标", "读者满意度", "≥90%"],
        ["县文旅局", "文化惠民演出经费", "45", "产出指标", "数量指标", "送戏下乡场次", "≥80场"],
    ]
    document = read_lines(tmp_path, lines, form, "项目支出绩效目标表")
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("文化惠民演出经费", 30.0, ["送戏下乡场次", "观众满意度"]),
        ("图书馆免费开放补助", 20.0, ["接待读者人次", "读者满意度"]),
        ("文化惠民演出经费", 45.0, ["送戏下乡场次"]),  # another budget: another project of the same name
    ]


@pytest.mark.parametrize(
    ("header", "form"),
    [
        (["项目名称", "2024年", "2025年", "增减"], "spaces"),
        (["项目名称", "2024年预算数", "2025年预算数"], "spaces"),
        (["项目名称", "2024年", "2025年", "增减"], "docx"),
    ],
)
def test_a_header_of_amounts_by_year_names_no_project(header, form, tmp_path):
    """Found in the 39th and 43rd reviews: a comparison of the budget by year (项目名称 2024年 2025年 增减) under the
    form's head opened a project named 2024年 that took the indicators; the header is listed as not taken."""
    lines = [
        ["项目名称", "农村环境整治经费"],
        ["预算金额", "90万元"],
        header,
        ["农村环境整治经费", "80", "90", "10"][: len(header)],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "整治行政村数量", "≥15个"],
    ]
    document = read_lines(tmp_path, lines, form, "农村环境整治经费绩效目标表")
    assert [(p.name, p.budget) for p in document.projects] == [("农村环境整治经费", 90.0)]
    assert rows(document) == [("整治行政村数量", "≥15个")]
    assert any(skip.text.startswith(" | ".join(header[:2])) for skip in document.skipped)


@pytest.mark.parametrize("form", ["pipes", "spaces", "tabs"])
def test_a_year_alone_after_the_name_s_label_with_a_label_next_is_the_name(form, tmp_path):
    """Found in the 43rd review: 项目名称 | 2025年 | 主管部门 | … is no table of years (one year only): the project
    keeps its name as written, its budget and its rows."""
    lines = [
        ["项目名称", "2025年", "主管部门", "县卫生健康局"],
        ["年度资金总额（万元）", "35"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训乡村医生人数", "≥200人"],
    ]
    document = read_lines(tmp_path, lines, form)
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [("2025年", 35.0, 1)]


def test_a_flat_table_of_projects_without_a_unit_column_whose_names_open_with_figures(tmp_path):
    """Found in the 43rd review: 项目名称 | 预算金额（万元） | 一级指标 … with a name opening with an age (65岁以上老年人
    健康管理率) was read as one project whose rows took the project names as indicators."""
    text = """某县卫生健康局2024年项目支出绩效目标汇总表
项目名称 | 预算金额（万元） | 一级指标 | 二级指标 | 三级指标 | 指标值
乡村医生培训项目 | 35 | 产出指标 | 数量指标 | 培训乡村医生人数 | ≥200人
乡村医生培训项目 | 35 | 满意度指标 | 服务对象满意度指标 | 参训人员满意度 | ≥90%
基本公共卫生服务项目 | 610 | 产出指标 | 数量指标 | 65岁以上老年人健康管理率 | ≥70%
基本公共卫生服务项目 | 610 | 效益指标 | 社会效益指标 | 居民健康素养水平 | ≥28%
"""
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [
        ("乡村医生培训项目", 35.0, 2),
        ("基本公共卫生服务项目", 610.0, 2),
    ]


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("省级补助资金（200万元）", "资金来源说明，不是指标"),
        ("县财政局\t拨付补贴资金\t150\t万元已于3月全部下达", "以单位名称开头的说明行，不是指标"),
        ("县人民医院\t改造项目\t1\t个", "以单位名称开头的说明行，不是指标"),
    ],
)
def test_a_note_line_among_a_table_s_rows_is_no_indicator(note, reason, tmp_path):
    """Found in the 39th review: a line on a part of the money by its source, or a note opening with a county body's
    name, among the rows of a text table was read as an indicator (with no target, or the body as its name). Such a
    line is listed as not taken; a flat export's rows, which open with their unit under a 单位名称 column, are read."""
    text = f"""项目名称\t乡镇卫生院基础设施改造项目
预算金额\t400万元
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t改造乡镇卫生院数量\t≥5个
{note}
效益指标\t社会效益指标\t群众就医等候时间缩短\t≥10分钟
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("改造乡镇卫生院数量", "≥5个"), ("群众就医等候时间缩短", "≥10分钟")]
    assert [skip.reason for skip in document.skipped] == [reason]
    flat = "单位名称\t项目名称\t三级指标\t指标值\n县人民医院\t医疗设备购置\t购置彩超台数\t≥2台\n"
    assert rows(read_text(tmp_path, flat, "flat.txt")) == [("购置彩超台数", "≥2台")]


def test_pipe_table_with_runs_of_empty_cells_and_a_shifted_row(tmp_path):
    text = """专项资金绩效目标申报表 | |||||||
项目名称 | 农机购置补贴工作经费 | 主管部门 | 县农业农村局 | ||||
年度资金总额 | 40 | ||||||
一级指标 | 二级指标 | 三级指标 | 指标值 | ||||
产出指标 | 数量指标 | 补贴机具台数 | ≥350台 | |||
受益农户数 | ≥300户 | |||||
质量指标 | 补贴资金兑付准确率 | 100% | ||||
| 满意度指标 | 服务对象满意度指标 | 购机农户满意度 | ≥92% | ||
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [
        ("补贴机具台数", "≥350台"),
        ("受益农户数", "≥300户"),
        ("补贴资金兑付准确率", "100%"),
        ("购机农户满意度", "≥92%"),
    ]
    assert document.projects[0].name == "农机购置补贴工作经费"
    assert document.projects[0].budget == 40


def test_pipe_cells_one_a_line_self_evaluation_keeps_actual_beside_target(tmp_path):
    text = """绩效目标自评表 (2023年度) |
项目名称 |
乡村学校营养餐补助 |
|
年度资金总额: |
60 |
60 |
一级指标 |
二级指标 |
三级指标 |
分值 |
年度指标值 |
全年实际值 |
得分 |
未完成原因 |
产出指标(50分) |
数量指标 |
受助学生人数 |
20 |
>=1200人 |
1187人 |
19 |
|
|
|
|
质量指标 |
餐食抽检合格率 |
20 |
100% |
100% |
20 |
|
效益指标(30分) |
社会效益指标 |
学生营养不良检出率下降 |
30 |
≥2个百分点 |
2.5个百分点 |
30 |
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("受助学生人数", ">=1200人"), ("餐食抽检合格率", "100%"), ("学生营养不良检出率下降", "≥2个百分点")]
    first = document.projects[0].indicators[0]
    assert first.extra["actual"] == "1187人"
    assert "20" in first.extra["score"]
    assert document.year == 2023


def test_space_separated_export_with_lost_level1_and_split_operator_unit(tmp_path):
    text = """项目支出绩效自评表
(2022年度)
项目名称 河道保洁经费
主管部门 县水利局 实施单位 县河道管理所
年度资金总额: 88 88 86.5 10 98.3% 9.8
年度绩效指标完成情况 一级
指标
二级指标 三级指标 指标解释 符号 数值 单位 实际完成值 分值 得分
(50分)
数量指标 指标1:保洁河道长度 纳入日常保洁的河道公里数 >= 120 公里 126公里 20 20
指标2:清理漂浮物次数 全年清理次数 >= 52 次 55次 10 10
质量指标 指标1:河面保洁达标率 抽查达标断面占比 >= 95 %(百分比) 97% 20 20
总分 100 98
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [  # the template's slot numbers (指标1:) are no part of the names
        ("保洁河道长度", ">=120公里"),
        ("清理漂浮物次数", ">=52次"),
        ("河面保洁达标率", ">=95%(百分比)"),
    ]
    assert document.projects[0].name == "河道保洁经费"


def test_cells_run_together_with_no_separator(tmp_path):
    text = (
        "绩效目标自评表(2021年度)项目名称县级疾控冷链设备购置主管部门县卫生健康局资金情况(万元)年度资金总额:3030"
        "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(60分)数量指标购置医用冰箱20≥8台≥8台20"
        "质量指标设备验收合格率20100%100%20时效指标设备安装完成时限2010月底前10月底前20"
        "效益指标(30分)社会效益指标疫苗储存温度达标率30≥99%99.6%30满意度指标(10分)"
    )
    document = read_text(tmp_path, text)
    assert rows(document) == [
        ("购置医用冰箱", "≥8台"),
        ("设备验收合格率", "100%"),
        ("设备安装完成时限", "10月底前"),
        ("疫苗储存温度达标率", "≥99%"),
    ]
    assert document.projects[0].name.startswith("县级疾控冷链设备购置")


def test_run_together_date_targets_stay_whole_and_a_deadline_inside_a_name_stays_in_the_name(tmp_path):
    """2025年12月底前 was cut at its figures into 2025年 | 12月底前: the target read 2025年, the month a stray
    cell. A date written after the name is one value; a date run into more of the name is the name's."""
    text = (
        "干部教育培训项目绩效目标表项目名称基层干部培训一级指标二级指标三级指标指标值"
        "产出指标数量指标培训人数≥200人时效指标培训完成时间2025年12月底前"
        "资金支付时限2025年11月30日前完成质量指标2025年6月30日前完成需求调研调研报告数量1份"
        "效益指标社会效益指标参训干部考核合格率≥95%"
    )
    document = read_text(tmp_path, text)
    assert rows(document) == [
        ("培训人数", "≥200人"),
        ("培训完成时间", "2025年12月底前"),
        ("资金支付时限", "2025年11月30日前完成"),
        ("2025年6月30日前完成需求调研调研报告数量", "1份"),
        ("参训干部考核合格率", "≥95%"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "target"),
    [
        ("培训完成时间2024年年底前", "培训完成时间", "2024年年底前"),
        ("资金拨付时间2024年度内", "资金拨付时间", "2024年度内"),
        ("设备安装完成时间2024年第三季度末", "设备安装完成时间", "2024年第三季度末"),
        ("项目实施期2024年1月至2024年12月", "项目实施期", "2024年1月至2024年12月"),
        ("截至2024年6月底资金支出率≥50%", "截至2024年6月底资金支出率", "≥50%"),
    ],
)
def test_more_run_together_date_shapes(tmp_path, text, name, target):
    """Found in review: 2024年年底前 read 2024年 and a stray 年底前 row; a quarter, a range over the years and a
    name opening with 截至 and a date were cut apart."""
    document = read_text(
        tmp_path,
        f"村级道路养护项目绩效目标表项目名称村级道路养护一级指标二级指标三级指标指标值产出指标时效指标{text}"
        "质量指标养护路段合格率≥95%",
    )
    assert rows(document) == [(name, target), ("养护路段合格率", "≥95%")]


def test_run_together_target_said_in_words_is_split_from_its_name(tmp_path):
    """干部履职能力有效提升 with nothing after it was an indicator with no value (or, last in the text, a row
    cut off); a rate whose target the copy lost keeps its whole name and is no row."""
    text = (
        "干部教育培训项目绩效目标表项目名称基层干部培训一级指标二级指标三级指标指标值产出指标数量指标培训人数≥200人"
        "效益指标社会效益指标干部履职能力有效提升可持续影响指标培训成果持续发挥作用长期"
        "满意度指标服务对象满意度指标参训干部满意度≥90%质量指标课程考核合格率"
    )
    document = read_text(tmp_path, text)
    assert rows(document) == [
        ("培训人数", "≥200人"),
        ("干部履职能力", "有效提升"),
        ("培训成果持续发挥作用", "长期"),
        ("参训干部满意度", "≥90%"),
    ]
    assert [s.text for s in document.skipped] == ["课程考核合格率"]

    # found in review: the degree word is the target's; a table with its cells (a value cell left empty) and
    # the last row of a text (perhaps cut) keep the name whole
    degree = read_text(
        tmp_path,
        "大气污染防治项目绩效目标表项目名称大气污染防治一级指标二级指标三级指标指标值产出指标数量指标监测站点数12个"
        "效益指标生态效益指标区域空气质量持续改善社会效益指标群众满意度≥90%质量指标设备安装验收合格",
        "degree.txt",
    )
    assert rows(degree) == [("监测站点数", "12个"), ("区域空气质量", "持续改善"), ("群众满意度", "≥90%")]
    assert [s.text for s in degree.skipped] == ["设备安装验收合格"]
    cells = read_text(
        tmp_path,
        "项目名称 | 社区综合治理\n一级指标 | 二级指标 | 三级指标 | 指标值\n效益指标 | 社会效益指标 | 维护社会稳定 | \n"
        "产出指标 | 数量指标 | 巡逻次数 | ≥300次\n",
        "cells.txt",
    )
    assert rows(cells) == [("维护社会稳定", ""), ("巡逻次数", "≥300次")]


def test_operator_figure_and_unit_in_separate_columns_one_cell_a_line(tmp_path):
    cells = [
        "项目名称",
        "社区体育健身器材更新",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标方向",
        "年度指标值",
        "实际完成值",
        "计量单位",
        "分值",
        "得分",
        "产出指标",
        "数量指标",
        "更新健身路径",
        "定量",
        "大于等于",
        "15",
        "16",
        "处",
        "10",
        "10",
        "质量指标",
        "器材安全检测合格率",
        "定量",
        "等于",
        "100",
        "100",
        "%",
        "10",
        "10",
        "成本指标",
        "单套器材采购成本",
        "定量",
        "小于等于",
        "2.4",
        "2.3",
        "万元",
        "10",
        "10",
    ]
    document = read_text(tmp_path, "\n".join(c + " |" for c in cells))
    assert rows(document) == [("更新健身路径", "≥15处"), ("器材安全检测合格率", "=100%"), ("单套器材采购成本", "≤2.4万元")]


def test_indicators_listed_as_prose_in_one_cell(tmp_path):
    text = """项目名称 | 基层文化站设备补助 | 预算金额 | 18万元 |
年度绩效总目标 | 产出指标 | 配送文化站音响设备8套;组织业务培训2次;设备验收合格率≥95%。 |
效益指标 | 文化站活动开展场次≥120场;群众文化活动参与面明显提升。 |
资金拨付对象 | 各乡镇文化站 |
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [
        ("配送文化站音响设备", "8套"),
        ("组织业务培训", "2次"),
        ("设备验收合格率", "≥95%"),
        ("文化站活动开展场次", "≥120场"),
        ("群众文化活动参与面", "明显提升"),
    ]
    assert document.projects[0].budget == 18


def test_long_term_and_annual_columns_side_by_side_read_once(tmp_path):
    text = """项目名称 | 城区路灯维护 |
一级指标 | 二级指标 | 三级指标 | 实施期指标值 | 二级指标 | 三级指标 | 年度指标值 |
产出指标 | 数量指标 | 维护路灯盏数 | 9000盏 | 数量指标 | 维护路灯盏数 | 3000盏 |
质量指标 | 亮灯率 | ≥98% | 质量指标 | 亮灯率 | ≥97% |
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("维护路灯盏数", "3000盏"), ("亮灯率", "≥97%")]
    assert document.projects[0].indicators[0].extra["value_long"] == "9000盏"


def test_traditional_characters_and_pinyin_glosses_of_mirror_sites(tmp_path):
    text = """項(xiàng)目名稱 殘疾人輔具適配補助
一級指標 二級指標 三級指標 指標值
產(chǎn)出指標 數(shù)量指標 適配輔助器具人數(shù) ≥300人
滿(mǎn)意度指標 服務對象滿意度指標 受助殘疾人滿意度 ≥90%
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("适配辅助器具人数", "≥300人"), ("受助残疾人满意度", "≥90%")]
    assert document.projects[0].name == "残疾人辅具适配补助"


def test_row_cut_where_the_copied_excerpt_ends_is_not_a_row(tmp_path):
    text = """项目名称 | 中小学校舍维修 |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 维修校舍面积 | ≥4200平方米 |
质量指标 | 工程验收合格
[... excerpt ends here ...]
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("维修校舍面积", "≥4200平方米")]
    assert any("截断" in skip.reason for skip in document.skipped)


def test_older_level_names_and_letter_spaced_labels(tmp_path):
    text = """项目名称 乡镇卫生院设备更新
一级 二级 三级 年度数值
产出值 数量值 更新彩超设备 2台
产 出 值 质量值 设备验收合格率 =100%
效益值 社会效益值 群众就近检查比例提高 ≥10%
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [("更新彩超设备", "2台"), ("设备验收合格率", "=100%"), ("群众就近检查比例提高", "≥10%")]
    assert [i.level2 for i in document.projects[0].indicators] == ["数量值", "质量值", "社会效益值"]


def test_bracketed_indicator_lists(tmp_path):
    text = """项目名称：政务云平台租赁
【产出指标-数量指标】指标1：租用云主机数量（≥60台）
【产出指标-质量指标】指标1：平台可用率（≥99.9%）
【效益指标-社会效益指标】指标1：网上办事平均响应时间（≤2秒）
"""
    document = read_text(tmp_path, text)
    assert rows(document) == [  # without the slot numbers (指标1：)
        ("租用云主机数量", "≥60台"),
        ("平台可用率", "≥99.9%"),
        ("网上办事平均响应时间", "≤2秒"),
    ]
    assert document.projects[0].indicators[2].level2 == "社会效益指标"


def test_department_project_table_with_bracketed_groups_on_lines_of_their_own(tmp_path):
    """Found in review of published pages: a department's table of projects (单位名称 支出项目名称 年度预算安排 项目情况
    绩效目标) copied from a web page, each project a line naming its unit, its name and its amount, then its overview and
    goal under bracketed labels (【项目概述】, 【总体目标】) and its indicators under bracketed groups on lines of their own
    (【产出-数量指标】, 【满意度-服务对象满意度指标】), each indicator a slot with its target in brackets (指标1:…(≥3200人)).
    Nothing was read: no project, no row."""
    text = """县卫生健康委员会2024年部门项目绩效表
单位:万元
单位名称 支出项目名称 年度预算安排 项目情况 绩效目标
合计 530.00
县卫生健康委员会机关 基本公共卫生服务项目 480.00 【项目概述】:用于基本公共卫生服务补助。
【立项依据】:国家基本公共卫生服务规范
【总体目标】
    为辖区居民提供基本公共卫生服务,规范管理高血压患者。
【产出-数量指标】
指标1:高血压患者规范管理人数(≥3200人)
指标2:65岁以上老年人健康体检人数(≥5000人)
【效益-社会效益指标】
指标1:居民健康素养水平(≥25%)
【满意度-服务对象满意度指标】
指标1:居民满意度(≥90%)
县卫生健康委员会机关 爱国卫生运动经费 50.00 【项目概述】:用于病媒生物防制和卫生创建。
【总体目标】
    完成病媒生物防制2次,巩固国家卫生县城成果。
【产出-数量指标】
指标1:病媒生物防制次数(≥2次)
"""
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, p.goal) for p in document.projects] == [
        ("基本公共卫生服务项目", 480.0, "为辖区居民提供基本公共卫生服务,规范管理高血压患者。"),
        ("爱国卫生运动经费", 50.0, "完成病媒生物防制2次,巩固国家卫生县城成果。"),
    ]
    assert [(i.level1, i.level2, i.level3, i.value) for i in document.projects[0].indicators] == [
        ("产出指标", "数量指标", "高血压患者规范管理人数", "≥3200人"),
        ("产出指标", "数量指标", "65岁以上老年人健康体检人数", "≥5000人"),
        ("效益指标", "社会效益指标", "居民健康素养水平", "≥25%"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"),
    ]
    assert rows(document)[-1] == ("病媒生物防制次数", "≥2次")


@pytest.mark.parametrize(
    ("label", "amount", "form"),
    [
        ("资金额度", "860 万", "spaces"),
        ("下达中央预算内投资(万元)", "860", "pipes"),
        ("资金额度（万元）", "860", "docx"),
        ("下达资金", "860万元", "spaces"),
        ("下达资金（万元）", "860", "docx"),
    ],
)
def test_an_allotment_s_form_gives_its_amount_granted_as_the_budget(label, amount, form, tmp_path):
    """Found in review of published pages: the forms that go with an allotment (a province's grant to its counties, a
    central investment plan) label the money 资金额度 or 下达中央预算内投资(万元), and the budget was left empty."""
    lines = [
        ["专项名称", "农村饮水安全巩固提升补助资金"],
        ["主管部门", "省水利厅"],
        [label, amount],
        ["年度总体目标", "完成农村饮水工程维修养护120处，巩固提升农村供水保障水平。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修养护农村供水工程处数", "≥120处"],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"],
    ]
    document = read_lines(tmp_path, lines, form, "农村饮水安全巩固提升补助资金绩效目标表")
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [("农村饮水安全巩固提升补助资金", 860.0, 2)]


@pytest.mark.parametrize("form", ["spaces", "pipes", "docx"])
def test_the_number_of_an_allotment_s_document_is_no_budget(form, tmp_path):
    """下达资金文号 | 财农〔2025〕12号 before the amount: 2025 is the document's year, not 2025万元."""
    lines = [
        ["专项名称", "农村危房改造补助资金"],
        ["下达资金文号", "财农〔2025〕12号"],
        ["年度资金总额", "420"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "改造农村危房户数", "≥300户"],
    ]
    document = read_lines(tmp_path, lines, form, "农村危房改造补助资金绩效目标表")
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [("农村危房改造补助资金", 420.0, 1)]


@pytest.mark.parametrize("name", ["empty.txt", "prose.txt"])
def test_text_with_no_table_reads_no_rows(tmp_path, name):
    text = "" if name == "empty.txt" else "本单位2024年将继续加强预算管理，提高资金使用效益。\n"
    document = read_text(tmp_path, text, name)
    assert rows(document) == []


def test_direction_column_gives_the_operator_a_bare_figure_lacks(tmp_path):
    text = """项目名称 | 林业有害生物防治 |
一级指标 | 二级指标 | 三级指标 | 指标方向 | 指标值 | 计量单位 |
产出指标 | 数量指标 | 防治面积 | 正向 | 3000 | 亩 |
产出指标 | 质量指标 | 成灾率 | 反向 | 3 | ‰ |
"""
    assert rows(read_text(tmp_path, text)) == [("防治面积", "≥3000亩"), ("成灾率", "≤3‰")]


def test_labels_written_down_a_merged_cell_one_character_a_line(tmp_path):
    cells = [
        "项目名称",
        "乡村道路养护",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产",
        "出",
        "指",
        "标",
        "数量指标",
        "养护农村公路里程",
        "≥85公里",
        "质量指标",
        "路面优良率",
        "≥80%",
        "效",
        "益",
        "指",
        "标",
        "社会效益指标",
        "群众出行时间缩短",
        "≥10分钟",
    ]
    document = read_text(tmp_path, "\n\n".join(cells))
    assert rows(document) == [("养护农村公路里程", "≥85公里"), ("路面优良率", "≥80%"), ("群众出行时间缩短", "≥10分钟")]
    assert [i.level1 for i in document.projects[0].indicators] == ["产出指标", "产出指标", "效益指标"]


def test_parse_explain_and_skipped_list_say_what_was_not_taken(tmp_path):
    from click.testing import CliRunner

    from scorer.cli import cli

    path = tmp_path / "cut.txt"
    path.write_text(
        "项目名称 | 中小学校舍维修 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 维修校舍面积 | ≥4200平方米 |\n质量指标 | 工程验收合格\n"
        "[... excerpt ends here ...]\n",
        encoding="utf-8",
    )
    explained = CliRunner().invoke(cli, ["parse", "--explain", str(path)])
    assert explained.exit_code == 0
    assert "由文本恢复的表格（竖线分隔" in explained.output
    assert "维修校舍面积 = ≥4200平方米" in explained.output
    assert "文本在此截断" in explained.output and "工程验收合格" in explained.output

    skipped = tmp_path / "skipped.csv"
    result = CliRunner().invoke(cli, ["parse", str(path), "-o", str(tmp_path / "rows.csv"), "--skipped", str(skipped)])
    assert result.exit_code == 0
    import csv

    with skipped.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [(line["reason"], line["text"]) for line in lines] == [("文本在此截断，该行不完整", "工程验收合格")]
    assert lines[0]["location"].endswith("line 4")


def test_parse_explain_reads_a_rows_table_as_parse_and_score_read_it(tmp_path):
    """`parse --explain` read a budget system's export as a document (its header as indicators, the unit's name
    as an indicator's) and called a Parquet table binary content, while `parse` and `score` read both as rows
    tables. It now says how the columns were taken and lists each unit's rows by their row of the table, and the
    total and the sign-off it left out."""
    from click.testing import CliRunner

    from scorer.cli import cli

    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（元）,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,临时救助资金,300000,产出指标,数量指标,救助人次,≥500人次\n"
        ",临时救助资金,,效益指标,社会效益指标,困难群众生活保障,显著提高\n"
        "合计,,300000,,,,\n"
        "某县水利局,河道保洁经费,400000,产出指标,数量指标,保洁河道长度,≥25公里\n"
        "填表人：张三,,,,,,\n",
        encoding="utf-8",
    )
    explained = CliRunner().invoke(cli, ["parse", "--explain", str(export)])
    assert explained.exit_code == 0, explained.output
    said = explained.output
    assert "版式判断：指标行表" in said and "预算数（元） → 预算数（budget）" in said, said
    assert "2 份文档，2 个项目，3 条指标" in said, said
    assert "文档：某县民政局\n    项目：临时救助资金，预算 30 万元\n      第2行 产出指标 / 数量指标 / 救助人次 = ≥500人次" in said
    assert "第3行 效益指标 / 社会效益指标 / 困难群众生活保障 = 显著提高" in said
    assert "第4行：表尾的合计、说明或签名行：合计" in said and "第6行：表尾的合计、说明或签名行：填表人：张三" in said
    assert "单位名称 = " not in said and "项目名称 = " not in said  # the header is no indicator

    import pandas as pd

    table = tmp_path / "rows.parquet"
    pd.DataFrame(
        {"source": ["a.docx"] * 2, "project": ["培训费"] * 2, "level3": ["培训人数", "培训次数"], "value": ["≥50人", "显著提高"]}
    ).to_parquet(table)
    explained = CliRunner().invoke(cli, ["parse", "--explain", str(table)])
    assert explained.exit_code == 0, explained.output
    assert "二进制" not in explained.output and "1 份文档，1 个项目，2 条指标" in explained.output
    assert "第2行 （未写类别） / 培训次数 = 显著提高" in explained.output  # a Parquet row has no header above it


def test_parse_explain_exits_as_parse_does_when_a_file_gives_no_indicator(tmp_path):
    """`parse --explain` exited 0 whatever it could read; like `parse`, it now exits 1 when a file gave no
    indicator and 2 when none did."""
    from click.testing import CliRunner

    from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, EXIT_SOME_UNREADABLE, cli

    good = tmp_path / "good.txt"
    good.write_text(
        "项目名称 | 中小学校舍维修 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 维修校舍面积 | ≥4200平方米 |\n",
        encoding="utf-8",
    )
    empty = tmp_path / "notes.txt"
    empty.write_text("会议纪要：本年度工作安排如下。\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")

    def status(*paths: Path) -> int:
        return CliRunner().invoke(cli, ["parse", "--explain", *map(str, paths)]).exit_code

    assert status(good) == EXIT_OK
    assert status(good, empty) == EXIT_SOME_UNREADABLE
    assert status(good, broken) == EXIT_SOME_UNREADABLE
    assert status(empty, broken) == EXIT_NOTHING_READ


def test_web_page_table_with_merged_cells(tmp_path):
    page = """<html><body><h2>2024年度项目支出绩效目标表</h2><table>
<tr><td>项目名称</td><td colspan=3>社区养老服务站运营补贴</td></tr>
<tr><td>年度资金总额</td><td colspan=3>36</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan=3>产出指标</td><td rowspan=2>数量指标</td><td>服务老年人人次</td><td>≥12000人次</td></tr>
<tr><td>开展助餐服务天数</td><td>≥250天</td></tr>
<tr><td>质量指标</td><td>服务投诉办结率</td><td>100%</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>老年人满意度</td><td rowspan=5>≥90%</td></tr>
</table></body></html>"""
    document = read_text(tmp_path, page, "page.html")
    assert rows(document) == [
        ("服务老年人人次", "≥12000人次"),
        ("开展助餐服务天数", "≥250天"),
        ("服务投诉办结率", "100%"),
        ("老年人满意度", "≥90%"),
    ]
    assert [(i.level1, i.level2) for i in document.projects[0].indicators][1:3] == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
    ]
    assert document.projects[0].budget == 36


def test_pdf_text_layer_without_ruled_table(tmp_path):
    """A PDF whose table has no ruling lines: pdfplumber finds no table, only lines of text; they are read as
    a space-separated export."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "plain.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("STSong-Light", 10)
    lines = [
        "项目支出绩效目标表（2024年度）",
        "项目名称 农村饮水安全巡检",
        "年度资金总额 15",
        "一级指标 二级指标 三级指标 指标值",
        "产出指标 数量指标 巡检集中供水工程处数 ≥40处",
        "质量指标 水质抽检合格率 ≥95%",
        "效益指标 社会效益指标 受益农村人口 ≥2.1万人",
    ]
    for number, line in enumerate(lines):
        page.drawString(60, 780 - 18 * number, line)
    page.save()
    document = read_document(path)
    assert rows(document) == [("巡检集中供水工程处数", "≥40处"), ("水质抽检合格率", "≥95%"), ("受益农村人口", "≥2.1万人")]
    assert document.projects[0].name == "农村饮水安全巡检"


def test_parse_explain_of_a_workbook_lists_its_rows_one_a_line_by_sheet_and_row(tmp_path):
    """For Word and Excel files every cell stood on one line, 第0行 (a newcomer trial)."""
    import openpyxl
    from click.testing import CliRunner

    from scorer.cli import cli

    path = tmp_path / "form.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "绩效目标"
    for row in [
        ["项目名称", "基层干部培训"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人数", "≥200人"],
        ["备注：以上指标经单位党组会议研究确定"],
    ]:
        workbook.active.append(row)
    workbook.save(str(path))
    explained = CliRunner().invoke(cli, ["parse", "--explain", str(path)]).output
    assert "工作表“绩效目标”第2行  一级指标 | 二级指标 | 三级指标 | 指标值" in explained, explained
    assert "工作表“绩效目标”第3行  产出指标 | 数量指标 | 培训人数 | ≥200人" in explained
    assert "第0行" not in explained
    # a row not taken is placed in the same words (it read `form.xlsx:sheet 绩效目标:row 4`)
    not_taken = explained.split("未采用的内容", 1)[1]
    assert f"{path} 工作表“绩效目标”第4行：" in not_taken and ":row" not in not_taken, not_taken


def test_sign_off_and_note_rows_under_a_table_are_not_indicators(tmp_path):
    """Word and Excel tables end with 填表人 / 联系电话 / 注 rows, in one cell or spread over the columns: they
    were read as an indicator named 填表人：张三 (or a project of that name in a flat table). An indicator
    whose name only begins with such a word is read as before."""
    import docx
    import openpyxl

    flat = tmp_path / "导出.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
        ["人大代表履职服务", "产出指标", "数量指标", "联系人大代表次数", "≥12次"],
        ["人大代表履职服务", "产出指标", "质量指标", "审核通过率", "100%"],
        ["人大代表履职服务", "产出指标", "数量指标", "说明书印制数量", "500册"],
        ["合计", None, None, None, None],
        ["填表人：张三", None, "联系电话：0311-1234567", None, "填报日期：2024年1月5日"],
        ["主管部门审核意见", "同意", None, None, None],
    ]:
        workbook.active.append(row)
    workbook.save(str(flat))
    document = read_document(flat)
    assert [p.name for p in document.projects] == ["人大代表履职服务"]
    assert rows(document) == [("联系人大代表次数", "≥12次"), ("审核通过率", "100%"), ("说明书印制数量", "500册")]
    assert [s.text for s in document.skipped if "签名" in s.reason] == [
        "合计",
        "填表人：张三 | 联系电话：0311-1234567 | 填报日期：2024年1月5日",
        "主管部门审核意见 | 同意",
    ]

    form = tmp_path / "申报表.docx"
    word = docx.Document()
    cells = [
        ["项目名称", "社区养老服务补助", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务老年人数", "≥500人"],
        ["满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%"],
        ["填表人", "张三", "联系电话", "0311-1234567"],
        ["注：本表指标值以年度计划为准。", "", "", ""],
    ]
    add_word_table(word, cells)
    word.save(str(form))
    document = read_document(form)
    assert rows(document) == [("服务老年人数", "≥500人"), ("老年人满意度", "≥90%")]

    text = read_text(
        tmp_path,
        "社区养老服务补助项目绩效目标表\n项目名称 | 社区养老服务补助\n一级指标 | 二级指标 | 三级指标 | 指标值\n"
        "产出指标 | 数量指标 | 联系人大代表次数 | ≥12次\n满意度指标 | 服务对象满意度指标 | 老年人满意度 | ≥90%\n"
        "联系人 | 张三 | 联系电话 | 0311-1234567\n",
    )
    assert rows(text) == [("联系人大代表次数", "≥12次"), ("老年人满意度", "≥90%")]
    # a sign-off word as a row's value is its value (回访方式 | 电话), not the end of the table
    answer = read_text(
        tmp_path,
        "项目名称 | 社区养老服务补助\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 质量指标 | 回访方式 | 电话\n"
        "产出指标 | 数量指标 | 服务老年人数 | ≥500人\n联系人 | 张三 | 联系电话 | 0311-1234567\n",
        "answer.txt",
    )
    assert rows(answer) == [("回访方式", "电话"), ("服务老年人数", "≥500人")]


def test_year_in_brackets_after_the_title_beats_the_page_s_publishing_date(tmp_path):
    """A self-evaluation page titled 自评表 (2021) and published 2022年04月02日 was read as of 2022."""
    document = read_text(
        tmp_path,
        "项目支出绩效目标自评表 (2021)\n\n发布日期: 2022年04月02日\n\n项目名称 | 农村饮水安全维修养护\n"
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值\n产出指标 | 数量指标 | 维修养护工程处数 | 12处 | 12处\n",
    )
    assert document.year == 2021
    assert rows(document) == [("维修养护工程处数", "12处")]

    sheet = tmp_path / "自评表.csv"
    sheet.write_text(
        "填报日期：2022年1月5日,,,\n农村饮水安全维修养护项目支出绩效自评表（2021年度）,,,\n项目名称,农村饮水安全维修养护,,\n"
        "一级指标,二级指标,三级指标,年度指标值\n产出指标,数量指标,维修养护工程处数,12处\n",
        encoding="utf-8",
    )
    table = read_document(sheet)
    assert table.year == 2021 and rows(table) == [("维修养护工程处数", "12处")]


def test_rows_under_a_sign_off_are_not_read_and_a_total_with_a_target_is(tmp_path):
    """Found in review: the 盖章 and date rows under a 审核意见 row were read as indicators of the last group;
    a cost block's 合计 | ≤70万元 (a target) and 合计 培训人次 | 300人次 were dropped; 填表人（签字）：张三 and
    合　计 were read."""
    import openpyxl

    path = tmp_path / "申报表.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["项目名称", "基层干部培训", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "合计 培训人次", "300人次"],
        ["成本指标", "经济成本指标", "场地租赁费", "≤50万元"],
        [None, None, "合计", "≤70万元"],
        ["合　计", None, None, None],
        ["满意度指标", "服务对象满意度指标", "参训学员满意度", "≥90%"],
        ["填表人（签字）：张三", None, "联系电话", "0311-1234567"],
        ["主管部门审核意见", "经审核，绩效目标设置合理", "财政部门审核意见", "同意"],
        [None, "（盖章）", None, "（盖章）"],
        [None, "2024年1月5日", None, "2024年1月6日"],
        ["项目名称", "村级道路养护", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥15公里"],
    ]:
        workbook.active.append(row)
    workbook.save(str(path))
    document = read_document(path)
    assert [(p.name, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        (
            "基层干部培训",
            [("合计 培训人次", "300人次"), ("场地租赁费", "≤50万元"), ("合计", "≤70万元"), ("参训学员满意度", "≥90%")],
        ),
        ("村级道路养护", [("养护里程", "≥15公里")]),
    ]
    assert [s.text for s in document.skipped if s.reason == "表尾签名或说明之后的内容"] == [
        "（盖章） | （盖章）",
        "2024年1月5日 | 2024年1月6日",
    ]


def test_a_document_number_or_a_goal_s_year_is_not_the_title_s(tmp_path):
    """Found in review: a year in brackets anywhere near the top was taken for the title's."""
    for line in ("依据冀财预(2021)5号文件填报", "年度总体目标 | 到2026年度实现全县养老服务全覆盖", "上年（2023年）预算数 | 120"):
        numbered = read_text(
            tmp_path,
            f"某县民政局2024年项目支出绩效目标表\n{line}\n项目名称 | 社区养老服务补助\n"
            "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 服务老年人数 | ≥500人\n",
            "numbered.txt",
        )
        assert numbered.year == 2024, line

    # found in the second review: a title over two lines (…绩效目标表 / （2023年度）), a long title and a unit's
    # line with its 年度 above the title gave way to a date above them
    for head in (
        "填报日期：2024年1月5日\n项目支出绩效目标表\n（2023年度）",
        "2024年1月10日 发布\n某县民政局2023年度\n社区养老服务补助项目支出绩效目标表",
        "发布日期：2024年1月10日\n某县民政局关于公开社区养老服务补助等十二个项目支出绩效目标的项目支出绩效目标申报表（2023年度）",
        "发布日期：2022年12月20日\n某县民政局2023年度项目支出绩效目标表 单位：万元",
    ):
        titled = read_text(
            tmp_path,
            f"{head}\n项目名称 | 社区养老服务补助\n一级指标 | 二级指标 | 三级指标 | 指标值\n"
            "产出指标 | 数量指标 | 服务老年人数 | ≥500人\n",
            "titled.txt",
        )
        assert titled.year == 2023, head

    # found in the third review: a long sentence naming a 报告, or an indicator row above one naming a 报告,
    # took the place of a title with 2025年 and no 度
    for line in (
        "按照《某县民政局2024年度部门整体支出绩效自评报告》和县财政局评价意见指出的问题，本年度进一步加强预算绩效管理。",
        "产出指标 | 时效指标 | 完成时限 | 2024年度内\n产出指标 | 数量指标 | 调研报告数量 | ≥3篇",
    ):
        later = read_text(
            tmp_path,
            f"某县民政局2025年部门预算项目支出绩效目标表\n{line}\n项目名称 | 社区养老服务补助\n"
            "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 服务老年人数 | ≥500人\n",
            "later.txt",
        )
        assert later.year == 2025, line


def test_a_year_the_document_states_is_told_from_one_its_text_only_names(tmp_path):
    """The year of a title in Chinese numerals (某区司法局二〇二三年…表), of a 预算年度, of a self-evaluation's title
    glued to its first cells in OCR text (…自评表(2022年度)项目总得分…) is stated; the first year a text names (到2025年
    in a goal) is only a guess, which the judgement of deadlines (L012) must not trust."""
    table = (
        "项目名称 | 社区矫正工作经费\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 时效指标 | 完成时限 | 2022年12月前\n"
    )
    for head, year in (
        ("某区司法局二〇二三年项目支出绩效目标表", 2023),
        ("预算年度：2023年", 2023),
        ("单位：某区司法局  年度：2023年", 2023),  # found by a newcomer's trial: a form's 年度 label
        ("社区矫正工作经费绩效目标自评表(2023年度)项目总得分95分项目实施单位区司法局", 2023),
    ):
        document = read_text(tmp_path, f"{head}\n{table}", "stated.txt")
        assert (document.year, document.year_stated) == (year, True), head
    guessed = read_text(tmp_path, f"年度总体目标 | 到2025年建成智慧矫正平台\n{table}", "guessed.txt")
    assert (guessed.year, guessed.year_stated) == (2025, False)


def test_notes_mid_table_and_contact_rows_of_a_form_s_head_do_not_end_the_table(tmp_path):
    """Found in the second review: a 备注 row ended a Word table with indicators under it; a 说明 row in a
    flat export lost every later project, and its 合计 | 500人次 became a project; a 项目负责人 | 联系电话
    row in the next project's head cut its goal; 审核人 | 李四 | 审核日期 | 1月6日 was read as an indicator."""
    import docx

    word = docx.Document()
    for name, goal in (("甲培训项目", "目标1：完成培训任务"), ("乙宣传项目", "目标1：开展宣传活动")):
        cells = [
            ["项目名称", name, "", ""],
            ["项目负责人", "张三", "联系电话", "13900000000"],
            ["年度绩效目标", goal, "", ""],
            ["", "目标2：群众知晓率提升", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥300人次"],
            ["备注", "培训人次含线上培训", "", ""],
            ["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
            ["审核人", "李四", "审核日期", "1月6日"],
            ["", "（盖章）", "", ""],
        ]
        add_word_table(word, cells)
    path = tmp_path / "两个项目.docx"
    word.save(str(path))
    document = read_document(path)
    assert [(p.name, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        (name, [("培训人次", "≥300人次"), ("群众知晓率", "≥90%")]) for name in ("甲培训项目", "乙宣传项目")
    ]
    assert all("目标2" in p.goal for p in document.projects), [p.goal for p in document.projects]

    flat = tmp_path / "导出.csv"
    flat.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标值\n甲项目,产出指标,数量指标,培训人次,≥300人次\n"
        "说明：以下为年中追加项目,,,,\n乙项目,产出指标,数量指标,宣传场次,≥12场\n合计,,,,500人次\n",
        encoding="utf-8",
    )
    exported = read_document(flat)
    assert [(p.name, rows_of) for p in exported.projects for rows_of in [[i.level3 for i in p.indicators]]] == [
        ("甲项目", ["培训人次"]),
        ("乙项目", ["宣传场次"]),
    ]

    text = read_text(
        tmp_path,
        "项目名称 | 社区综合治理\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 巡逻次数 | ≥300次\n"
        "效益指标 | 社会效益指标 | 维护社会稳定 | \n联系人 | 张三 | 联系电话 | 0311-1234567\n",
        "open_row.txt",
    )
    assert rows(text) == [("巡逻次数", "≥300次"), ("维护社会稳定", "")]


def test_seal_rows_self_evaluation_tails_and_names_opening_with_a_label(tmp_path):
    """Found in the third review: 主管部门（盖章） under a sign-off was taken for a unit's row and reopened the
    table (the date row under it became an indicator); 偏差大或目标未完成原因分析 and 自评结论 rows were read as
    indicators; in text, 电话 回访满意度 | ≥90% ended the table."""
    import docx

    word = docx.Document()
    cells = [
        ["项目名称", "乙宣传项目", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "宣传场次", "≥12场"],
        ["偏差大或目标未完成原因分析", "无", "", ""],
        ["自评结论", "优", "", ""],
        ["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
        ["主管部门审核意见", "同意", "财政部门审核意见", "同意"],
        ["主管部门（盖章）", "", "财政部门（盖章）", ""],
        ["2024年1月5日", "", "2024年1月6日", ""],
    ]
    add_word_table(word, cells)
    path = tmp_path / "申报表.docx"
    word.save(str(path))
    document = read_document(path)
    assert rows(document) == [("宣传场次", "≥12场"), ("群众知晓率", "≥90%")]
    assert "盖章" not in document.unit

    text = read_text(
        tmp_path,
        "项目名称 | 政务服务热线\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 质量指标 | 受理渠道 | 12345热线\n"
        "电话 回访满意度 | ≥90%\n",
        "hotline.txt",
    )
    assert [value for _, value in rows(text)] == ["12345热线", "≥90%"]


@pytest.mark.parametrize("lead", ["于", "确保", "力争"])
@pytest.mark.parametrize("rest", ["完成招标", "完成全部补助资金发放工作"])
def test_a_run_on_target_said_as_a_phrase_around_its_date_stays_whole(tmp_path, lead, rest):
    """Found in the third and fourth reviews: 于2024年6月前完成招标 was cut into a name 于 and a value
    2024年6月前."""
    from scorer.ingest.recover import cut_run_on

    assert cut_run_on(f"时效指标{lead}2024年6月前{rest}质量指标验收合格率100%") == [
        "时效指标",
        f"{lead}2024年6月前{rest}",
        "质量指标",
        "验收合格率",
        "100%",
    ]


def test_in_text_an_indicator_whose_name_opens_with_a_closing_word_is_read(tmp_path):
    """Found in the third review (older than it): in text, a name beginning with 说明 or 存在问题 ended the
    table, and the row and every row after it were gone, with nothing listed as left out."""
    text = read_text(
        tmp_path,
        "项目名称 | 惠民政策宣传\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 说明会召开次数 | ≥4次\n"
        "产出指标 | 质量指标 | 存在问题整改率 | 100%\n满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%\n总分 | 100\n",
    )
    assert rows(text) == [("说明会召开次数", "≥4次"), ("存在问题整改率", "100%"), ("群众满意度", "≥90%")]


def test_projects_stacked_on_one_sheet_under_titles_stay_apart(tmp_path):
    """Found in the third review (older than it): a title with its year (…绩效目标表（2024年度）) or sharing its
    row with 单位：万元 was not taken for a title, and the projects stacked on the sheet ran into one."""
    import openpyxl

    path = tmp_path / "汇总.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["甲培训项目绩效目标表（2024年度）"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥300人次"],
        [None],
        ["乙宣传项目绩效目标表", None, None, "单位：万元"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "宣传场次", "≥12场"],
    ]:
        workbook.active.append(row)
    workbook.save(str(path))
    document = read_document(path)
    assert [(p.name, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("甲培训", ["培训人次"]),
        ("乙宣传", ["宣传场次"]),
    ]


def test_closing_words_glued_or_opening_a_measure_after_the_fourth_review(tmp_path):
    """Found in the fourth review: a glued closing line (合计金额, 存在问题和改进措施) no longer ended a text
    table; names such as 存在的问题整改率 or 电话12345接通率 were taken for closing rows (the latter ending the
    table); 联系人 王小明 was taken for a name; a title with its year inside a flat table dropped the rows after it."""
    import openpyxl

    text = read_text(
        tmp_path,
        "项目名称 | 困难群众救助\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 救助人次 | ≥300人次\n"
        "产出指标 | 质量指标 | 存在的问题整改率 | 100%\n合计金额 | 120 | 万元\n存在问题和改进措施 | 无\n"
        "下一步将加强督导 | 确保100%按时发放\n联系人 王小明 | 联系电话 0311-1234567\n",
    )
    # found in the sixth review: names opening with a total's word (总分馆…, 总计划…) ended a text table and
    # were lost with every row after them; a total as such still ends it
    totals = read_text(
        tmp_path,
        "项目名称 | 公共图书馆免费开放\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 图书借阅人次 | ≥5万人次\n"
        "产出指标 | 数量指标 | 总分馆服务点个数 | ≥20个\n产出指标 | 质量指标 | 总计划完成率 | 100%\n合计 | 1200\n"
        "下一步将加强督导 | 确保100%按时发放\n",
        "totals.txt",
    )
    assert rows(totals) == [("图书借阅人次", "≥5万人次"), ("总分馆服务点个数", "≥20个"), ("总计划完成率", "100%")]
    assert rows(text) == [("救助人次", "≥300人次"), ("存在的问题整改率", "100%")]

    path = tmp_path / "导出.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
        ["政务服务热线", "产出指标", "质量指标", "电话12345接通率", "100%"],
        [None, None, None, "存在的问题整改率", "100%"],
        ["困难群众救助项目绩效目标表（2024年度）"],
        ["困难群众救助", "产出指标", "数量指标", "救助人次", "≥300人次"],
    ]:
        workbook.active.append(row)
    workbook.save(str(path))
    flat = read_document(path)
    assert [(p.name, [i.level3 for i in p.indicators]) for p in flat.projects] == [
        ("政务服务热线", ["电话12345接通率", "存在的问题整改率"]),
        ("困难群众救助", ["救助人次"]),
    ]


def test_titles_and_closing_rows_after_the_fifth_review(tmp_path):
    """Found in the fifth review: a flat table swallowed the form table after it; a section with a colon
    further on (偏差大或目标未完成原因分析：…完成率), a note over the whole row (备注 指标值为计划数) and
    填表人 刘数 were read as indicators; 于 + a date took the next indicator's name into its phrase."""
    from scorer.ingest.recover import cut_run_on

    document = flat_summary_then_form(
        tmp_path,
        "乙宣传项目绩效目标表",
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "宣传场次", "≥12场"],
            ["偏差大或目标未完成原因分析：部分路段完成率", "", "", ""],
            ["备注 指标值为计划数", "备注 指标值为计划数", "备注 指标值为计划数", "备注 指标值为计划数"],
            ["填表人 刘数", "", "联系电话", "0311-1234567"],
            ["", "2024年1月5日", "", ""],
        ],
    )
    assert [(p.name, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("甲培训", ["培训人次"]),
        ("乙宣传", ["宣传场次"]),
    ]
    assert cut_run_on("时效指标于2024年6月前完成招标资金支付及时率100%") == [
        "时效指标",
        "于2024年6月前",
        "完成招标资金支付及时率",
        "100%",
    ]


def test_a_form_after_a_flat_summary_and_names_after_a_note_s_word_after_the_sixth_review(tmp_path):
    """Found in the sixth review: a titled form with a 项目名称 row after a flat summary table was read as the
    flat table's rows (a project named 主管部门); 改进措施 落实率 | 100% in a workbook with its group columns
    merged was taken for a note; 于 + date + a long phrase before a figure lost the figure."""
    import openpyxl

    from scorer.ingest.recover import cut_run_on

    document = flat_summary_then_form(
        tmp_path,
        "丁项目绩效目标表",
        [
            ["项目名称", "丁项目", "", ""],
            ["主管部门", "某县卫健委", "实施单位", "某县人民医院"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "义诊场次", "≥6场"],
        ],
    )
    assert [(p.name, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("甲培训", ["培训人次"]),
        ("丁项目", ["义诊场次"]),
    ]

    sheet = tmp_path / "合并.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["项目名称", "政务督查"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "质量指标", "督查事项办结率", "≥95%"],
        [None, None, "改进措施 落实率", "100%"],
    ]:
        workbook.active.append(row)
    workbook.save(str(sheet))
    assert rows(read_document(sheet)) == [("督查事项办结率", "≥95%"), ("改进措施 落实率", "100%")]
    assert cut_run_on("时效指标于2024年12月底前完成全部改造任务并通过竣工验收100%") == [
        "时效指标",
        "于2024年12月底前完成全部改造任务并通过竣工验收",
        "100%",
    ]


def test_a_text_tables_total_and_sign_off_lines_are_listed_as_left_out(tmp_path):
    """Recovered from text, a 合计 line and a sign-off ended the table without a word under 未采用的内容, where a
    Word or Excel table lists the same rows; the indicators under the 合计 line are still read."""
    document = read_text(
        tmp_path,
        "2024年度项目支出绩效目标表\n项目名称：干部培训项目\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人数\t≥100人\n产出指标\t质量指标\t培训合格率\t≥95%\n合计\t10万元\n"
        "效益指标\t社会效益指标\t干部履职能力提升率\t≥10%\n满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n"
        "填表人：张三\t联系电话：12345678\n",
    )
    names = [indicator.level3 for project in document.projects for indicator in project.indicators]
    assert names == ["培训人数", "培训合格率", "干部履职能力提升率", "学员满意度"]
    assert [(skip.location.line, skip.reason, skip.text) for skip in document.skipped] == [
        (6, "表尾的合计、说明或签名行", "合计 | 10万元"),
        (9, "表尾的合计、说明或签名行", "填表人：张三 | 联系电话：12345678"),
    ]


def test_a_letter_spaced_total_and_a_deviation_section_are_not_indicators(tmp_path):
    """Found in review: a self-evaluation table's letter-spaced 总 分 | 100 and its 偏差原因及改进措施 section were
    read as indicators; 总计划完成率 and 合计培训人次 are names, and stay indicators."""
    import openpyxl

    path = tmp_path / "自评表.xlsx"
    workbook = openpyxl.Workbook()
    for row in [
        ["项目名称", "农村公路养护", None, None, None],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "分值"],
        ["产出指标", "数量指标", "养护里程", "≥120公里", "20"],
        ["产出指标", "质量指标", "总计划完成率", "100%", "20"],
        ["产出指标", "数量指标", "合计培训人次", "≥60人次", "10"],
        ["总 分", None, None, None, "100"],
        ["偏差原因及改进措施", "无", None, None, None],
    ]:
        workbook.active.append(row)
    workbook.save(str(path))
    document = read_document(path)
    assert rows(document) == [("养护里程", "≥120公里"), ("总计划完成率", "100%"), ("合计培训人次", "≥60人次")]
    assert [s.text for s in document.skipped if "签名" in s.reason] == ["总 分 | 100", "偏差原因及改进措施 | 无"]


def test_a_flat_table_going_on_under_a_pages_repeated_header_keeps_its_project(tmp_path):
    """Found in review: a flat table printed over two pages (a PDF's, a Word file's tables page by page) repeats
    its header, and its project was cut in two there, each half judged alone (no 效益 rows in the first half,
    no 产出 rows in the second). Under another title, the same header starts a table of its own."""
    import docx

    header = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    first_page = [
        header,
        ["乡镇干部培训", "产出指标", "数量指标", "培训人数", "≥300人"],
        ["乡镇干部培训", "产出指标", "质量指标", "培训合格率", "≥95%"],
    ]
    second_page = [
        header,
        ["乡镇干部培训", "效益指标", "社会效益指标", "参训干部履职考核优秀率", "≥30%"],
        ["乡镇干部培训", "满意度指标", "服务对象满意度指标", "参训干部满意度", "≥90%"],
        ["村级财务审计", "产出指标", "数量指标", "审计村数", "45个"],
    ]
    path = tmp_path / "目标表.docx"
    word = docx.Document()
    word.add_paragraph("某镇2025年项目支出绩效目标表")
    add_word_table(word, first_page)
    word.add_paragraph("第 1 页 共 2 页")
    word.add_paragraph("某镇2025年项目支出绩效目标表")
    add_word_table(word, second_page)
    word.save(str(path))
    document = read_document(path)
    assert [(p.name, len(p.indicators)) for p in document.projects] == [("乡镇干部培训", 4), ("村级财务审计", 1)]

    sheet = tmp_path / "导出.csv"
    lines = [",".join(row) for row in [*first_page, *second_page]]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [(p.name, len(p.indicators)) for p in read_document(sheet).projects] == [("乡镇干部培训", 4), ("村级财务审计", 1)]

    other = tmp_path / "两个单位.docx"
    word = docx.Document()
    word.add_paragraph("甲镇2025年项目支出绩效目标表")
    add_word_table(word, first_page)
    word.add_paragraph("乙镇2025年项目支出绩效目标表")
    add_word_table(word, second_page[:3])
    word.save(str(other))
    assert [(p.name, len(p.indicators)) for p in read_document(other).projects] == [("乡镇干部培训", 2), ("乡镇干部培训", 2)]


@pytest.mark.parametrize(
    "between", ["续表", "（续表1）", "续表1：绩效指标", "附表2（续）", "第 1 页 共 2 页", "- 1 -", "3", "Page 2"]
)
def test_a_form_s_indicator_table_going_on_after_a_continued_mark_keeps_its_rows(tmp_path, between):
    """Found in review: a Word form whose indicator table goes on in a second table after a 续表 paragraph (or a
    page number) lost the rows of the second table as 项目表单中无法识别的行. A paragraph of prose still ends
    the table (the form's notes are no indicators)."""

    def form(between: str) -> Path:
        second = [
            ["效益指标", "社会效益指标", "参训干部履职考核优秀率", "≥30%"],
            ["满意度指标", "服务对象满意度指标", "参训干部满意度", "≥90%"],
        ]
        return form_over_two_pages(tmp_path / "申报表.docx", between, second)

    document = read_document(form(between))
    assert [i.level3 for p in document.projects for i in p.indicators] == [
        "培训人数",
        "培训合格率",
        "参训干部履职考核优秀率",
        "参训干部满意度",
    ]
    assert not document.skipped
    prose = read_document(form("本单位承诺以上绩效目标真实、准确。"))
    assert [i.level3 for p in prose.projects for i in p.indicators] == ["培训人数", "培训合格率"]


def _numbered_tables_going_on(path: Path, heading_again: str, header_again: bool) -> Path:
    """A Word file of two numbered projects (1.食品安全抽检, 2.特种设备检验), each a heading, a budget line and an
    indicator table; the first's table goes on after `heading_again`, in a second table (its header repeated or
    not)."""
    import docx

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    word = docx.Document()
    word.add_paragraph("1.食品安全抽检")
    word.add_paragraph("项目资金：86万元")
    first = [["产出指标", "数量指标", "抽检批次", "≥1200批次"], ["产出指标", "质量指标", "抽检覆盖率", "100%"]]
    add_word_table(word, [header, *first])
    word.add_paragraph(heading_again)
    rest = [["效益指标", "社会效益指标", "问题食品处置率", "100%"], ["满意度指标", "服务对象满意度指标", "消费者满意度", "≥90%"]]
    add_word_table(word, [header, *rest] if header_again else rest)
    word.add_paragraph("2.特种设备检验")
    word.add_paragraph("项目资金：40万元")
    add_word_table(word, [header, ["产出指标", "数量指标", "检验台次", "≥300台次"]])
    word.save(str(path))
    return path


@pytest.mark.parametrize("heading_again", ["1.食品安全抽检（续）", "1、食品安全抽检(续表)", "食品安全抽检项目绩效目标表（续）"])
@pytest.mark.parametrize("header_again", [True, False], ids=["header repeated", "no header"])
def test_a_projects_heading_again_marked_as_going_on_keeps_its_rows_in_the_project(tmp_path, heading_again, header_again):
    """Found in review: a numbered project's heading printed again over its table's second page, with （续）, opened a
    second project of that name plus （续） (no budget), and with no header repeated the rows after it were lost."""
    document = read_document(_numbered_tables_going_on(tmp_path / "市场监管.docx", heading_again, header_again))
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("食品安全抽检", 86.0, ["抽检批次", "抽检覆盖率", "问题食品处置率", "消费者满意度"]),
        ("特种设备检验", 40.0, ["检验台次"]),
    ]


def _water_form(word, name: str, budget: str, indicators: list[list[str]]) -> None:
    """A form table (name, budget, goal, the indicator header, these rows) added to a python-docx Document."""
    head = [["项目名称", name, "", ""], ["项目资金（万元）", "年度资金总额", budget, ""]]
    head.append(["年度绩效目标", "完成年度任务", "", ""])
    add_word_table(word, [*head, ["一级指标", "二级指标", "三级指标", "指标值"], *indicators])


@pytest.mark.parametrize(
    ("first_title", "title_again"),
    [
        ("项目支出绩效目标表", "项目支出绩效目标表"),
        ("", "县水利局2024年项目支出绩效目标表"),
        ("", "项目支出绩效目标表（续表）"),
        ("河道清淤疏浚项目绩效目标表", "河道清淤疏浚项目绩效目标表"),
    ],
)
@pytest.mark.parametrize("header_again", [True, False], ids=["header repeated", "no header"])
def test_a_forms_title_printed_over_its_second_page_goes_on_with_its_project(tmp_path, first_title, title_again, header_again):
    """Found in review: the form's title printed again over the second page of its indicator table (or a title that names
    no project, or any title marked 续表) opened a project named 项目 (县水利局2024年) that took the rows after it, and
    with no header under it those rows were lost."""
    import docx

    word = docx.Document()
    if first_title:
        word.add_paragraph(first_title)
    _water_form(word, "河道清淤疏浚", "150", [["产出指标", "数量指标", "清淤长度", "≥12公里"]])
    word.add_paragraph(title_again)
    rest = [["产出指标", "质量指标", "河道断面达标率", "≥90%"], ["满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥90%"]]
    add_word_table(word, [["一级指标", "二级指标", "三级指标", "指标值"], *rest] if header_again else rest)
    path = tmp_path / "水利.docx"
    word.save(str(path))
    document = read_document(path)
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("河道清淤疏浚", 150.0, ["清淤长度", "河道断面达标率", "沿河群众满意度"])
    ]


def test_each_project_under_the_same_title_is_still_its_own_project(tmp_path):
    """The other side: a document whose every form opens with the same title (项目支出绩效目标表) and its own 项目名称
    row is one project a form."""
    import docx

    word = docx.Document()
    word.add_paragraph("项目支出绩效目标表")
    _water_form(word, "河道清淤疏浚", "150", [["产出指标", "数量指标", "清淤长度", "≥12公里"]])
    word.add_paragraph("项目支出绩效目标表")
    _water_form(word, "小型水库维修养护", "60", [["产出指标", "数量指标", "维修水库座数", "≥4座"]])
    path = tmp_path / "水利.docx"
    word.save(str(path))
    assert [(p.name, p.budget, len(p.indicators)) for p in read_document(path).projects] == [
        ("河道清淤疏浚", 150.0, 1),
        ("小型水库维修养护", 60.0, 1),
    ]


@pytest.mark.parametrize("name_again", ["河道清淤疏浚", "河道清淤疏浚（续）", "河道清淤疏浚(续表)"])
def test_a_forms_name_row_heading_the_next_pages_table_goes_on_with_its_project(tmp_path, name_again):
    """Found in review: the form's 项目名称 row printed again at the head of its indicator table's next page (a table of
    its own, no page mark between; the name as written or marked 续) opened a second project of that name, with no
    budget. With another budget under it, it is another project."""
    import docx

    def read(budget_again: str | None, header: bool = True):
        word = docx.Document()
        _water_form(word, "河道清淤疏浚", "150", [["产出指标", "数量指标", "清淤长度", "≥12公里"]])
        head = [["项目名称", name_again, "", ""]]
        if budget_again:
            head.append(["项目资金（万元）", "年度资金总额", budget_again, ""])
        if header:
            head.append(["一级指标", "二级指标", "三级指标", "指标值"])
        rest = [["效益指标", "生态效益指标", "河道断面达标率", "≥90%"]]
        rest.append(["满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥90%"])
        add_word_table(word, [*head, *rest])
        path = tmp_path / "水利.docx"
        word.save(str(path))
        return [(p.name, p.budget, len(p.indicators)) for p in read_document(path).projects]

    assert read(None) == [("河道清淤疏浚", 150.0, 3)]
    assert read(None, header=False) == [("河道清淤疏浚", 150.0, 3)]  # the rows right under the name row were lost
    if name_again == "河道清淤疏浚":
        assert read("90") == [("河道清淤疏浚", 150.0, 1), ("河道清淤疏浚", 90.0, 2)]


@pytest.mark.parametrize("mark", ["续表", "第 2 页 共 3 页", "单位：万元", "- 2 -"])
def test_a_pages_mark_on_a_row_of_its_own_inside_a_table_is_no_indicator(tmp_path, mark):
    """Found in review: 续表, a page number or 单位：万元 on a merged row inside a Word form's indicator table was read as
    an indicator (no name, the mark as its value); in a flat table (a CSV export) such a row split the project in two."""
    import docx

    word = docx.Document()
    rest = [[mark] * 4, ["效益指标", "生态效益指标", "河道断面达标率", "≥90%"]]
    _water_form(word, "河道清淤疏浚", "150", [["产出指标", "数量指标", "清淤长度", "≥12公里"], *rest])
    path = tmp_path / "水利.docx"
    word.save(str(path))
    document = read_document(path)
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("河道清淤疏浚", 150.0, ["清淤长度", "河道断面达标率"])
    ]
    flat = tmp_path / "导出.csv"
    flat.write_text(
        "项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值\n河道清淤疏浚,150,产出指标,数量指标,清淤长度,≥12公里\n"
        f"{mark},,,,,\n河道清淤疏浚,150,效益指标,生态效益指标,河道断面达标率,≥90%\n",
        encoding="utf-8",
    )
    assert [(p.name, p.budget, len(p.indicators)) for p in read_document(flat).projects] == [("河道清淤疏浚", 150.0, 2)]


@pytest.mark.parametrize("header_again", [True, False], ids=["header repeated", "no header"])
def test_blank_group_cells_at_the_top_of_a_tables_next_page_go_on_from_the_rows_before(tmp_path, header_again):
    """Found in review: a group cell merged over a page's turn is printed on the first page only; on the next page's
    table (its header repeated or not) the rows' 一级指标 and 二级指标 were left blank."""
    import docx

    word = docx.Document()
    _water_form(word, "河道清淤疏浚", "150", [["产出指标", "数量指标", "清淤长度", "≥12公里"]])
    word.add_paragraph("续表")
    rest = [["", "", "清淤土方量", "≥8万立方米"], ["", "质量指标", "河道断面达标率", "≥90%"]]
    add_word_table(word, [["一级指标", "二级指标", "三级指标", "指标值"], *rest] if header_again else rest)
    path = tmp_path / "水利.docx"
    word.save(str(path))
    indicators = [(i.level1, i.level2, i.level3) for p in read_document(path).projects for i in p.indicators]
    assert indicators == [
        ("产出指标", "数量指标", "清淤长度"),
        ("产出指标", "数量指标", "清淤土方量"),
        ("产出指标", "质量指标", "河道断面达标率"),
    ]


@pytest.mark.parametrize(
    "name_row",
    [
        ["项目名称：森林防火巡护经费\u3000预算：48万元"] * 4,
        ["项目名称：森林防火巡护经费 预算：48万元"] * 4,
        ["项目名称：森林防火巡护经费", "", "预算：48万元", ""],
    ],
    ids=["wide space", "one space", "two cells"],
)
def test_a_department_tables_project_row_gives_its_name_and_budget(tmp_path, name_row):
    """Found in review: in a department's long table, a project's row `项目名称：甲　预算：48万元` (merged across, the
    space made one by a web page, or the budget in a cell of its own) gave a project named with the budget's words,
    no budget, or a project without a name holding the row as an indicator."""
    import docx

    word = docx.Document()
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    second = ["项目名称：古树名木保护", "", "预算：12万元", ""]
    first_rows = [name_row, ["产出指标", "数量指标", "巡护里程", "≥3000公里"]]
    add_word_table(word, [header, *first_rows, second, ["产出指标", "数量指标", "挂牌保护株数", "≥260株"]])
    path = tmp_path / "林业.docx"
    word.save(str(path))
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in read_document(path).projects] == [
        ("森林防火巡护经费", 48.0, ["巡护里程"]),
        ("古树名木保护", 12.0, ["挂牌保护株数"]),
    ]


def test_a_forms_title_printed_again_in_tab_text_goes_on_with_its_project(tmp_path):
    """The same in text copied from a page: the title over the second page, no header under it."""
    text = (
        "项目支出绩效目标表\n项目名称\t河道清淤疏浚\n项目资金（万元）\t年度资金总额\t150\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t清淤长度\t≥12公里\n"
        "项目支出绩效目标表\n产出指标\t质量指标\t河道断面达标率\t≥90%\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget) for p in document.projects] == [("河道清淤疏浚", 150.0)]
    assert rows(document) == [("清淤长度", "≥12公里"), ("河道断面达标率", "≥90%")]


def test_a_projects_heading_again_marked_as_going_on_in_space_separated_text(tmp_path):
    """Found in review: in text whose cells are set apart by spaces (a PDF's or a page's copy), `一、甲（续）` over the
    next page's header opened a second project 甲 with no budget."""
    text = (
        "一、食品安全抽检\n项目名称  食品安全抽检\n项目资金（万元）  年度资金总额  86\n"
        "一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  抽检批次  ≥1200批次\n"
        "一、食品安全抽检（续）\n一级指标  二级指标  三级指标  指标值\n效益指标  社会效益指标  问题食品处置率  100%\n"
        "二、特种设备检验\n项目名称  特种设备检验\n项目资金（万元）  年度资金总额  40\n"
        "一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  检验台次  ≥300台次\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("食品安全抽检", 86.0, ["抽检批次", "问题食品处置率"]),
        ("特种设备检验", 40.0, ["检验台次"]),
    ]


def test_a_continued_mark_between_the_rows_of_a_text_table_is_no_indicator(tmp_path):
    """Found in review: in tab-separated text, a 续表 line between two pages of rows was read as an indicator named 续表."""
    rows_before = "产出指标\t数量指标\t抽检批次\t≥1200批次\n产出指标\t质量指标\t抽检覆盖率\t100%\n"
    rows_after = "效益指标\t社会效益指标\t问题食品处置率\t100%\n"
    for mark in ("续表", "（续表2）", "续上表"):
        text = f"1.食品安全抽检\n项目资金：86万元\n一级指标\t二级指标\t三级指标\t指标值\n{rows_before}{mark}\n{rows_after}"
        document = read_text(tmp_path, text)
        assert rows(document) == [("抽检批次", "≥1200批次"), ("抽检覆盖率", "100%"), ("问题食品处置率", "100%")], mark


def test_a_flat_tables_project_named_by_a_section_s_opening_is_a_project(tmp_path):
    """Found in review: in a flat table whose first column names the project, 存在的问题整改专项 or 下一步改进工作经费
    opened like a self-evaluation table's closing section and the project's rows were left out; only a whole
    label (合计, 填表人：…) closes there."""
    sheet = tmp_path / "导出.csv"
    sheet.write_text(
        "项目名称,一级指标,二级指标,三级指标,指标值\n存在的问题整改专项,产出指标,数量指标,问题整改数,≥3项\n"
        "下一步改进工作经费,产出指标,数量指标,改进事项数,≥3项\n合计,,,,\n",
        encoding="utf-8",
    )
    document = read_document(sheet)
    assert [(p.name, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("存在的问题整改专项", ["问题整改数"]),
        ("下一步改进工作经费", ["改进事项数"]),
    ]
    assert [s.text for s in document.skipped] == ["合计"]


def test_a_page_mark_before_another_table_does_not_make_its_rows_indicators(tmp_path):
    """Found in review: after a page number, the next table was read as the indicator table going on even when
    it was another table (a cost breakdown, 支出内容 | 金额 …): its rows became indicators."""
    second = [["支出内容", "金额（万元）", "测算依据", "备注"], ["培训费", "30", "300人×1000元", ""]]
    path = form_over_two_pages(tmp_path / "申报表.docx", "- 1 -", second)
    document = read_document(path)
    assert [i.level3 for p in document.projects for i in p.indicators] == ["培训人数", "培训合格率"]


def test_a_form_titled_twice_over_its_goal_and_its_indicators_is_one_project(tmp_path):
    """Found in review: 甲项目绩效目标表 over the form, then 甲项目绩效指标表 over its indicators, made two projects
    (the form's with no indicators, and the indicators' with no budget); so did 年度绩效指标表."""
    import docx

    for second in ("乡镇干部培训项目绩效指标表", "年度绩效指标表"):
        path = tmp_path / "申报表.docx"
        word = docx.Document()
        word.add_paragraph("乡镇干部培训项目绩效目标表")
        add_word_table(word, [["项目名称", "乡镇干部培训"], ["预算数（万元）", "50"], ["年度绩效目标", "培训乡镇干部300人次"]])
        word.add_paragraph(second)
        add_word_table(
            word,
            [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥300人"]],
        )
        word.save(str(path))
        document = read_document(path)
        assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
            ("乡镇干部培训", 50, ["培训人数"])
        ], second


def test_the_same_project_name_of_two_units_stays_two_projects_across_a_repeated_header(tmp_path):
    """Found in review: with a repeated header kept as the same table, 运转经费 of 县民政局 and 运转经费 of 县司法局
    ran into one project, under a unit column and under unit headings between two tables."""
    import docx

    sheet = tmp_path / "两个单位.csv"
    sheet.write_text(
        "单位名称,项目名称,一级指标,二级指标,三级指标,指标值\n县民政局,运转经费,产出指标,数量指标,保障人数,35人\n"
        "单位名称,项目名称,一级指标,二级指标,三级指标,指标值\n县司法局,运转经费,产出指标,数量指标,保障人数,52人\n",
        encoding="utf-8",
    )
    assert [(p.name, len(p.indicators)) for p in read_document(sheet).projects] == [("运转经费", 1), ("运转经费", 1)]

    path = tmp_path / "两个单位.docx"
    word = docx.Document()
    for heading, count in (("一、县民政局", "35人"), ("二、县司法局", "52人")):
        word.add_paragraph(heading)
        header = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
        add_word_table(word, [header, ["运转经费", "产出指标", "数量指标", "保障人数", count]])
    word.save(str(path))
    assert [(p.name, len(p.indicators)) for p in read_document(path).projects] == [("运转经费", 1), ("运转经费", 1)]


def test_text_closing_rows_letter_spaced_or_on_one_line_are_listed_in_their_own_words(tmp_path):
    """Found in review: in text, 总 分 | 100 came apart at its space and was read as 总 = 分; and a text of one
    line (a web page copied whole) listed everything after its 合计 as one left-out row."""
    spaced = read_text(
        tmp_path,
        "项目名称：干部培训项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n总 分 100\n",
    )
    assert rows(spaced) == [("培训人数", "≥100人")]
    assert [s.text for s in spaced.skipped] == ["总 | 分 | 100"]
    one_line = read_text(
        tmp_path,
        "2024年度项目支出绩效目标表 项目名称：干部培训项目 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 培训人数 ≥100人 "
        "合计 10万元 填表人：张三 2024年度项目支出绩效目标表 项目名称：村级财务审计 一级指标 二级指标 三级指标 指标值 "
        "产出指标 数量指标 审计村数 45个",
        "one_line.txt",
    )
    assert rows(one_line) == [("培训人数", "≥100人"), ("审计村数", "45个")]
    assert [s.text for s in one_line.skipped] == ["合计 | 10万元"]


def test_a_form_only_project_keeps_its_own_budget_under_a_repeated_generic_title(tmp_path):
    """Found in review: with a title going on with the open project, a form with no indicators (村级公益事业奖补, 200
    万元) and the next project's form under the same 2024年度项目支出绩效目标表 title ran into one project, the
    second taking the first's budget."""
    import docx

    path = tmp_path / "申报表.docx"
    word = docx.Document()
    for name, rows_of_form in (
        ("村级公益事业奖补", [["预算数（万元）", "200", "", ""], ["年度绩效目标", "奖补村级公益项目20个", "", ""]]),
        ("乡镇干部培训", [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥300人"]]),
    ):
        word.add_paragraph("2024年度项目支出绩效目标表")
        add_word_table(word, [["项目名称", name, "", ""], *rows_of_form])
    word.save(str(path))
    document = read_document(path)
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [
        ("村级公益事业奖补", 200, 0),
        ("乡镇干部培训", None, 1),
    ]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (["序号", "一级指标", "二级指标", "三级指标", "指标值"], [["3", "效益指标", "社会效益指标", "履职能力提升率", "≥10%"]]),
        (["三级指标", "指标值"], [["履职能力提升率", "≥10%"]]),
    ],
    ids=["a numbered column", "names and values only"],
)
def test_after_a_page_mark_the_table_goes_on_and_the_next_project_is_read(tmp_path, header, rows):
    """Found in review: after a page mark, the table went on only if its first cell named a group, so rows of a
    table with a 序号 column, or of names and values only, were lost; and the mark, still pending, dropped the
    next project's whole indicator table."""
    import docx

    width = len(header)
    path = tmp_path / "申报表.docx"
    word = docx.Document()
    word.add_paragraph("乡镇干部培训项目绩效目标表")
    add_word_table(word, [header, [*([""] * (width - 2)), "培训人数", "≥300人"]])
    word.add_paragraph("续表")
    add_word_table(word, rows)
    word.add_paragraph("- 2 -")
    word.add_paragraph("村级财务审计项目绩效目标表")
    add_word_table(word, [header, [*([""] * (width - 2)), "审计村数", "45个"]])
    word.save(str(path))
    document = read_document(path)
    assert [(p.name, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("乡镇干部培训", ["培训人数", "履职能力提升率"]),
        ("村级财务审计", ["审计村数"]),
    ]


@pytest.mark.parametrize("between", ["单位：万元", "填报日期：2024年1月5日"])
def test_a_note_between_two_pages_of_a_flat_table_keeps_its_project(tmp_path, between):
    """Found in review: any paragraph between the pages of a flat table made the rows after the repeated header
    a table of their own, cutting the project; only a numbered heading (二、县司法局) does."""
    import docx

    header = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    path = tmp_path / "导出.docx"
    word = docx.Document()
    add_word_table(word, [header, ["临时救助", "产出指标", "数量指标", "救助人次", "≥300人次"]])
    word.add_paragraph(between)
    add_word_table(word, [header, ["", "满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%"]])
    word.save(str(path))
    assert [(p.name, len(p.indicators)) for p in read_document(path).projects] == [("临时救助", 2)]


@pytest.mark.parametrize(
    "title", ["2024年乡镇干部培训项目绩效指标表", "表2 乡镇干部培训项目绩效指标表", "乡镇干部培训项目支出绩效自评表"]
)
def test_a_title_over_a_form_s_indicator_table_does_not_cut_the_project(tmp_path, title):
    """Found in review: titles naming an indicator table or a self-evaluation table opened a project of their own
    over the indicators of the form above, leaving the form's budget to a project with none."""
    import docx

    path = tmp_path / "申报表.docx"
    word = docx.Document()
    word.add_paragraph("乡镇干部培训项目绩效目标表")
    add_word_table(word, [["项目名称", "乡镇干部培训"], ["预算数（万元）", "50"], ["年度绩效目标", "培训乡镇干部300人次"]])
    word.add_paragraph(title)
    add_word_table(word, [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥300人"]])
    word.save(str(path))
    assert [(p.name, p.budget, len(p.indicators)) for p in read_document(path).projects] == [("乡镇干部培训", 50, 1)]


@pytest.mark.parametrize("mark", ["续表", "2"])
def test_a_cost_table_after_a_page_mark_is_no_indicators(tmp_path, mark):
    """Found in review: after a page mark, the rows of a cost table without a heading row known to the
    vocabulary (专家咨询费 | 2.5 | 500元/人·天×50人·天) were read as indicators."""
    costs = [["专家咨询费", "2.5", "500元/人·天×50人·天", ""], ["资料印刷费", "1", "300份", ""]]
    path = form_over_two_pages(tmp_path / "申报表.docx", mark, costs)
    assert [i.level3 for p in read_document(path).projects for i in p.indicators] == ["培训人数", "培训合格率"]


def test_a_unit_heading_between_two_flat_tables_keeps_their_same_named_projects_apart(tmp_path):
    """Found in review: only a numbered heading (二、县司法局) kept two units' tables apart; a unit's name alone, or
    编制单位：县司法局, made the next table's 运转经费 run into the last one's. A page's 单位：万元 does not."""
    import docx

    header = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    for heading in ("县司法局", "编制单位：县司法局"):
        path = tmp_path / "两个单位.docx"
        word = docx.Document()
        word.add_paragraph("编制单位：县民政局")
        add_word_table(word, [header, ["运转经费", "产出指标", "数量指标", "保障人数", "35人"]])
        word.add_paragraph(heading)
        add_word_table(word, [header, ["运转经费", "产出指标", "数量指标", "保障人数", "52人"]])
        word.save(str(path))
        assert [(p.name, len(p.indicators)) for p in read_document(path).projects] == [("运转经费", 1), ("运转经费", 1)]


def test_a_flat_self_evaluation_table_s_closing_sections_with_their_prose_are_no_projects(tmp_path):
    """Found in review: 偏差大或目标未完成原因分析, 存在的问题及改进措施 and 自评结论 rows, their prose in the 三级指标
    column, became projects when a section's opening closed only a row naming no indicator. It closes unless the
    row holds a target (存在的问题整改专项 | 问题整改数 | ≥3项)."""
    sheet = tmp_path / "自评表.csv"
    sheet.write_text(
        "项目名称,一级指标,二级指标,三级指标,年度指标值,实际完成值\n"
        "医疗救助,产出指标,数量指标,救助人次,≥500人次,520人次\n"
        "存在的问题整改专项,产出指标,数量指标,问题整改数,≥3项,3项\n"
        "偏差大或目标未完成原因分析,,,年初对救助人次预估偏低，实际支出超出预期,受汛期影响2处工程推迟，及时率为92%,\n"
        "存在的问题及改进措施,,,部分乡镇申报材料审核不及时，下一步加强培训,,\n"
        "自评结论,,,项目总体完成较好，自评等级为优,,\n",
        encoding="utf-8",
    )
    document = read_document(sheet)
    assert [p.name for p in document.projects] == ["医疗救助", "存在的问题整改专项"]
    assert len([s for s in document.skipped if s.reason == "表尾的合计、说明或签名行"]) == 3


@pytest.mark.parametrize(
    "rows_after",
    [
        [["", "项目单位（盖章）", "", "2024年3月5日"]],
        [["资金来源", "财政拨款", "县级财政", "80万元"]],
        [["第一季度", "完成设计招标", "2024年3月", "25%"]],
        [["", "设备购置", "水泵10台", "15万元"]],
        [["", "", "专家咨询费", "0.5万元"], ["", "", "合计", "1.7万元"]],
        [["", "", "财政部门意见", "同意"]],
        [["", "", "第一季度", "完成招标"]],
    ],
    ids=["a seal", "funding sources", "a schedule", "a cost row under a blank cell", "a cost list", "an opinion", "a plan"],
)
def test_other_tables_after_a_page_mark_are_no_indicators(tmp_path, rows_after):
    """Found in review: after a page mark, a row with a blank first cell or a target in its value column went on
    with the indicator table even when it was a seal, a funding or a schedule table's row; now it must name an
    indicator and give its value, and its group cells name indicator groups, or, all blank (merged over the
    page), its value is a comparison or a share (not a cost list's 0.5万元, an opinion or a plan)."""
    path = form_over_two_pages(tmp_path / "申报表.docx", "- 1 -", rows_after)
    assert [i.level3 for p in read_document(path).projects for i in p.indicators] == ["培训人数", "培训合格率"]


def test_stacked_flat_tables_of_two_units_on_one_sheet_stay_apart(tmp_path):
    """Found in review: a row naming the next unit (二、某县司法局) between two flat tables on one sheet, or a new
    budget for the same project's name under a repeated header, did not end the first table: two units'
    一般行政管理事务 ran into one project and the second budget was lost."""
    import openpyxl

    header = ["序号", "项目名称", "预算金额（万元）", "一级指标", "二级指标", "三级指标", "指标值"]
    for between in (["二、某县司法局"], ["第 1 页"]):
        path = tmp_path / "导出.xlsx"
        workbook = openpyxl.Workbook()
        for row in [
            ["一、某县民政局"],
            header,
            ["1", "一般行政管理事务", "35", "产出指标", "数量指标", "保障在职人数", "42人"],
            between,
            header,
            ["1", "一般行政管理事务", "28", "产出指标", "数量指标", "保障在职人数", "30人"],
        ]:
            workbook.active.append(row)
        workbook.save(str(path))
        projects = read_document(path).projects
        assert [(p.name, p.budget, len(p.indicators)) for p in projects] == [
            ("一般行政管理事务", 35, 1),
            ("一般行政管理事务", 28, 1),
        ], between


def cells_one_a_line(title: str, rows: list[list[str]]) -> str:
    """A Word table saved as text: a title, then each cell on a tab-prefixed line of its own and a blank line
    after each row."""
    lines = [title, ""]
    for row in rows:
        lines += ["\t" + cell for cell in row] + [""]
    return "\n".join(lines)


def test_a_lone_percentage_under_the_spending_plan_is_no_unit_s_code_and_name(tmp_path):
    """A 资金支出计划 row's one figure (100% under 10月底), alone on its row, was listed as 单位编码和名称行: its
    three figures read as a unit's code. It is listed as a lone number; the unit's own code row keeps its reason
    and the indicators are read as before."""
    text = cells_one_a_line(
        "某县民政局2024年部门预算项目绩效目标表",
        [
            ["101001某县民政局本级", "", "", "单位：万元"],
            ["项目编码", "13070024P000000000001", "项目名称", "困难群众走访慰问经费"],
            ["预算规模及资金用途", "预算数", "8.00", "其他资金", ""],
            ["", "用于走访慰问困难群众", "", ""],
            ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
            ["", "", "", "100%", ""],
            ["绩效目标", "1. 按时完成走访慰问，保障困难群众基本生活。"],
            ["一级指标", "二级指标", "三级指标", "指标解释", "指标值"],
            ["产出指标", "数量指标", "走访慰问户数", "走访慰问困难群众户数", "≥200户"],
            ["", "时效指标", "慰问资金发放及时率", "按时发放", "100%"],
        ],
    )
    document = read_text(tmp_path, text)
    assert rows(document) == [("走访慰问户数", "≥200户"), ("慰问资金发放及时率", "100%")]
    assert [(skip.location.line, skip.reason, skip.text) for skip in document.skipped] == [
        (3, "单位编码和名称行", "101001某县民政局本级 | 单位：万元"),
        (30, "表头词或单独的数字，不是指标", "100%"),
    ]


@pytest.mark.parametrize("shape", ["tabs", "spaces", "cells one a line"])
def test_a_total_line_naming_its_measure_without_a_target_is_no_indicator(tmp_path, shape):
    """Under a text table, 合计人数 | 1200 was read as an indicator: a total's word glued to a measure read as a
    name (as 合计培训人次 | ≥60人次 is). A total that states no target is listed as one; with a target (≥60人次,
    300人次) the row stays an indicator, and so does a name that says more than what it sums (合计发放补助人数 |
    1200); 总计划完成率 opens with no total."""
    table = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "走访慰问人数", "≥1200人"],
        ["产出指标", "数量指标", "合计培训人次", "≥60人次"],
        ["产出指标", "数量指标", "合计 培训人次", "300人次"],
        ["产出指标", "质量指标", "总计划完成率", "100%"],
        ["产出指标", "数量指标", "合计发放补助人数", "1200"],  # names more than what it sums: an indicator (review)
        ["合计人数", "1200"],
        ["效益指标", "社会效益指标", "困难群众生活改善率", "≥90%"],
    ]
    head = "2024年度项目支出绩效目标表\n项目名称：困难群众走访慰问\n"
    if shape == "cells one a line":
        text = cells_one_a_line("2024年度项目支出绩效目标表", [["项目名称", "困难群众走访慰问"], *table])
    else:  # separated by spaces, 合计 培训人次 would be two cells
        kept = table if shape == "tabs" else [row for row in table if row[2:3] != ["合计 培训人次"]]
        text = head + "\n".join(("\t" if shape == "tabs" else " ").join(row) for row in kept) + "\n"
    document = read_text(tmp_path, text)
    spaced = [("合计 培训人次", "300人次")] if shape != "spaces" else []
    assert rows(document) == [
        ("走访慰问人数", "≥1200人"),
        ("合计培训人次", "≥60人次"),
        *spaced,
        ("总计划完成率", "100%"),
        ("合计发放补助人数", "1200"),
        ("困难群众生活改善率", "≥90%"),
    ]
    assert [(skip.reason, skip.text) for skip in document.skipped] == [("表尾的合计、说明或签名行", "合计人数 | 1200")]


def test_a_budget_heading_that_glosses_yuan_gives_the_figures_under_it_in_yuan(tmp_path):
    """A rows table headed 预算数（元）: its bare figures are 元, so 1,256,000 is 125.6 万元 (it was read as 1,256,000
    万元, which also turned off every check against the budget)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目名称", "预算数（元）", "一级指标", "二级指标", "三级指标", "指标值"])
    sheet.append(["农机购置补贴", "1256000", "产出指标", "数量指标", "补贴机具台数", "≥300台"])
    sheet.append(["农机购置补贴", "1256000", "产出指标", "质量指标", "补贴资金兑付率", "100%"])
    sheet.append(["村级防疫员补助", "483500", "产出指标", "数量指标", "补助防疫员人数", "≥120人"])
    path = tmp_path / "预算表.xlsx"
    book.save(str(path))
    document = read_document(path)
    assert [(p.name, p.budget) for p in document.projects] == [("农机购置补贴", 125.6), ("村级防疫员补助", 48.35)]


def _labelled_projects(layout: str) -> str:
    """Two projects, each introduced by labelled lines (项目名称：…, 项目资金：…, 年度绩效目标：…) and followed by its
    indicator table, as web pages and text copies of 申报表 give them."""
    projects = [
        (
            "农村供水工程维修养护",
            "120万元",
            "维修养护农村供水工程，保障群众饮水安全。",
            [["产出指标", "数量指标", "维修养护工程处数", "≥35处"], ["产出指标", "质量指标", "水质达标率", "≥95%"]],
        ),
        (
            "山洪灾害预警设施运维",
            "45万元",
            "保障预警设施正常运行。",
            [["产出指标", "数量指标", "运维预警站点数", "60个"], ["产出指标", "时效指标", "故障修复时限", "≤48小时"]],
        ),
    ]
    head = ["一级指标", "二级指标", "三级指标", "指标值"]
    if layout == "text":
        lines = ["2025年项目支出绩效目标表"]
        for name, money, goal, table in projects:
            lines += [f"项目名称：{name}", f"项目资金：{money}", f"年度绩效目标：{goal}"]
            lines += ["\t".join(row) for row in [head, *table]]
        return "\n".join(lines) + "\n"
    body = "<h2>2025年项目支出绩效目标表</h2>"
    for name, money, goal, table in projects:
        body += f"<p>项目名称：{name}</p><p>项目资金：{money}</p><p>年度绩效目标：{goal}</p><table>"
        body += "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in [head, *table])
        body += "</table>"
    return f"<html><body>{body}</body></html>"


@pytest.mark.parametrize("layout, name", [("text", "申报表.txt"), ("html", "申报表.html")])
def test_a_project_named_by_a_labelled_line_after_a_table_is_a_project_of_its_own(tmp_path, layout, name):
    """Found in review: 项目名称：… written as a line of its own after the first project's table did not open the next
    project; its lines were read as indicator rows of the first (项目名称：… = 项目资金：…), and the rows of its table
    went under the first project. The labelled budget and goal lines were not read either."""
    document = read_text(tmp_path, _labelled_projects(layout), name)
    assert [(p.name, p.budget, p.goal) for p in document.projects] == [
        ("农村供水工程维修养护", 120.0, "维修养护农村供水工程，保障群众饮水安全。"),
        ("山洪灾害预警设施运维", 45.0, "保障预警设施正常运行。"),
    ]
    assert [[i.level3 for i in p.indicators] for p in document.projects] == [
        ["维修养护工程处数", "水质达标率"],
        ["运维预警站点数", "故障修复时限"],
    ]


def test_a_budget_label_that_names_an_indicator_or_a_score_gives_no_budget(tmp_path):
    """A cell opening with a budget label but going on as an indicator's name (预算资金到位率) is no label, and a
    figure in 分 after a budget heading is a weight: neither is the project's money, and the row keeps its name."""
    table = (
        "\n".join(
            "\t".join(row)
            for row in (
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "质量指标", "预算资金到位率", "100%"],
                ["产出指标", "数量指标", "管护渠道长度", "≥12公里"],
            )
        )
        + "\n"
    )
    scored = read_text(tmp_path, "项目名称：农田水利设施管护\n预算资金\n分值\n10分\n预算数（万元）\n86\n" + table)
    assert [(p.name, p.budget) for p in scored.projects] == [("农田水利设施管护", 86.0)]
    unsaid = read_text(tmp_path, "项目名称：农田水利设施管护\n" + table, "unsaid.txt")
    assert [(p.name, p.budget) for p in unsaid.projects] == [("农田水利设施管护", None)]
    assert rows(unsaid) == [("预算资金到位率", "100%"), ("管护渠道长度", "≥12公里")]


def test_projects_named_by_numbered_headings_take_their_own_labelled_budget_and_goal(tmp_path):
    """Found in review: a project named only by a numbered heading (二、…), with its budget and goal as labelled lines
    (the goal going on over a second line) and 绩效指标： before its table, was read as no project: the first project
    had no name, and the second's rows, budget and goal went under the first."""
    text = (
        "某某县文化和旅游局2025年项目绩效目标\n\n"
        "一、公共图书馆免费开放\n项目资金：36万元\n年度绩效目标：保障图书馆免费开放，\n全年接待读者不少于12万人次。\n绩效指标：\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t接待读者人次\t≥12万人次\n\t\t开展阅读推广活动\t≥24场\n\n"
        "二、非遗传承人补助\n项目资金：18万元\n年度绩效目标：补助市级以上非遗传承人，支持开展传习活动。\n绩效指标：\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补助传承人人数\t30人\n效益指标\t社会效益指标\t开展传习活动场次\t≥60场\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, p.goal, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("公共图书馆免费开放", 36.0, "保障图书馆免费开放，全年接待读者不少于12万人次。", ["接待读者人次", "开展阅读推广活动"]),
        ("非遗传承人补助", 18.0, "补助市级以上非遗传承人，支持开展传习活动。", ["补助传承人人数", "开展传习活动场次"]),
    ]


def test_a_form_row_of_a_label_and_one_cell_in_tab_text_names_the_project(tmp_path):
    """Found in review: in text copied from a Word form, 项目名称<tab>某某项目 has fewer cells than the indicator table
    and was cut into two paragraphs, so the project had no name. Under a numbered heading, the next project's budget
    and goal rows after the first project's indicators are the next project's, not the first's."""
    text = (
        "一、乡村道路养护\n项目名称\t乡村道路养护\n项目资金（万元）\t年度资金总额\t210.00\n年度绩效目标\t养护农村公路300公里。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t养护里程\t≥300公里\n\t质量指标\t路况优良率\t≥80%\n\n"
        "二、公交线路运营补贴\n项目资金（万元）\t年度资金总额\t95.00\n年度绩效目标\t保障城乡公交线路正常运营。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补贴线路条数\t12条\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, p.goal, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("乡村道路养护", 210.0, "养护农村公路300公里。", ["养护里程", "路况优良率"]),
        ("公交线路运营补贴", 95.0, "保障城乡公交线路正常运营。", ["补贴线路条数"]),
    ]


def test_a_budget_block_headed_in_yuan_gives_its_rows_in_yuan(tmp_path):
    """Found in review: 项目资金（元） heading a block of budget rows (merged over them, or on a row of its own above
    年度资金总额) glosses the rows' figures: 1,480,000.00 元 is 148 万元, not 1,480,000 万元. 资金总额（元） on its own is
    a budget label too (it was left out as a row the form did not know)."""
    merged = """<html><body><p>项目名称：社区卫生服务中心设备购置</p><table>
<tr><td rowspan="2">项目资金（元）</td><td>年度资金总额</td><td>1,480,000.00</td></tr>
<tr><td>其中：财政拨款</td><td>1,480,000.00</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>购置设备台数</td><td>≥16台</td></tr></table></body></html>"""
    above = (
        "| 项目名称 | 家庭医生签约服务 | | |\n| --- | --- | --- | --- |\n| 项目资金（元） | | 全年预算数 | 分值 |\n"
        "| 年度资金总额 | 2,350,000.00 | | 10 |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 签约居民人数 | ≥1.2万人 |\n"
    )
    alone = (
        "项目名称\t慢性病随访管理\n资金总额（元）\t562000\n"
        + "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t随访人次\t≥8000人次\n"
    )
    budgets = [
        [(p.name, p.budget) for p in read_text(tmp_path, text, name).projects]
        for text, name in ((merged, "merged.html"), (above, "above.md"), (alone, "alone.txt"))
    ]
    assert budgets == [[("社区卫生服务中心设备购置", 148.0)], [("家庭医生签约服务", 235.0)], [("慢性病随访管理", 56.2)]]


def test_a_system_export_headed_unit_and_project_name_in_one_column_names_its_projects(tmp_path):
    """Found in review: a budget system's export heads its first column 单位名称、项目名称 (the unit on a line of its own,
    each project under it) and its goals 项目年度绩效目标; neither heading was known, so every row fell under one project
    without a name and no goal was read."""
    text = (
        "2025年项目支出绩效目标表,,,,,,\n单位名称、项目名称,项目年度绩效目标,一级指标,二级指标,三级指标,指标性质,指标值\n"
        "某某县教育体育局,,,,,,\n"
        "  学生资助资金,资助家庭经济困难学生，确保应助尽助。,产出指标,数量指标,资助学生人数,≥,1500人\n"
        ",,产出指标,质量指标,资助对象识别准确率,＝,100%\n"
        "  校园安全设施维护,完成中小学安防设施维护。,产出指标,数量指标,维护学校数量,≥,42所\n"
    )
    document = read_text(tmp_path, text, "export.csv")
    assert [(p.name, p.goal, len(p.indicators)) for p in document.projects] == [
        ("学生资助资金", "资助家庭经济困难学生，确保应助尽助。", 2),
        ("校园安全设施维护", "完成中小学安防设施维护。", 1),
    ]


def test_a_self_evaluation_title_gives_no_budget_and_the_total_row_does(tmp_path):
    """Found in review: self-evaluation tables titled 部门预算项目支出绩效自评表(2024年度), copied one cell a line: the
    second title, read while the first project had no budget yet, was taken for a budget label (部门预算) and its year
    for 2024 万元; the 总额 row, which holds the budget, was not read. A figure followed by 年 or 分 is a year or a
    weight, and a zero 年初预算 leaves the adjusted budget to be read."""

    def table(name: str, total: list[str], row: list[str]) -> list[str]:
        return [
            "部门预算项目支出绩效自评表(2024年度)", "项目名称", name, "预算执行情况(10分)", "年度预算数(万元)", "年初预算",
            "调整后预算数", "预算执行数", *total, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", *row,
        ]  # fmt: skip

    cells = [
        *table(
            "城区道路照明维护", ["总额", "0.00", "36.80", "36.80"], ["产出指标", "数量指标", "维护路灯数量", "≥5200盏", "5300盏"]
        ),
        *table("公园绿地管护", ["其他资金", "/"], ["产出指标", "数量指标", "管护绿地面积", "≥86万平方米", "86万平方米"]),
    ]
    document = read_text(tmp_path, "".join(f"{cell} |\n" for cell in cells))
    assert [(p.name, p.budget) for p in document.projects] == [("城区道路照明维护", 36.8), ("公园绿地管护", None)]
    assert rows(document) == [("维护路灯数量", "≥5200盏"), ("管护绿地面积", "≥86万平方米")]


def test_a_templates_numbered_slots_and_a_second_table_under_its_own_heading(tmp_path):
    """Found in review: a self-evaluation template numbers its slots (指标1:…, 指标2:) and leaves some empty (……); the
    numbers stayed in the names, the empty slots became indicators without a target, and a second table under its own
    numbered heading (二、…, no 项目名称) went under the first project with the first project's budget."""

    def table(name_line: str, money: int, slots: list[str]) -> str:
        return (
            f"{name_line}\n项目支出绩效自评表\n(2024年度)\n年度资金总额: {money} {money} {money} 10 10\n"
            "二级指标 三级指标 年度指标值 实际完成值 分值 得分\n" + "\n".join(slots) + "\n总分 100 100\n"
        )

    text = table(
        "一、社区养老服务站运营补助\n项目名称 社区养老服务站运营补助",
        48,
        ["数量指标 指标1:运营服务站数量 12个 12个 20 20", "指标2:", "……", "质量指标 指标1:服务站星级达标率 ≥80% 83% 20 20"],
    ) + table("二、困难老人助餐补贴", 26, ["数量指标 指标1:助餐服务人次 ≥1.5万人次 1.6万人次 30 30", "指标2:"])
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("社区养老服务站运营补助", 48.0, [("运营服务站数量", "12个"), ("服务站星级达标率", "≥80%")]),
        ("困难老人助餐补贴", 26.0, [("助餐服务人次", "≥1.5万人次")]),
    ]
    assert sum(skip.reason == "模板中留空的指标栏" for skip in document.skipped) == 2


def test_a_multi_year_table_gives_way_to_the_annual_table_after_it(tmp_path):
    """Found in review: a form with a 长期绩效指标 table, then a 年度绩效指标 table, had the multi-year targets read as
    the year's (40公里 for 8.5公里) and the annual rows read again as extra rows; 其他说明的问题 | 无 became a row too."""
    text = (
        "项目名称 乡村公路提档升级\n资金总额：560\n"
        "实施期绩效指标 一级指标 二级指标 指标内容 指标值\n"
        "产出指标 数量指标 提档升级公路里程 120公里\n质量指标 交工验收合格率 100%\n"
        "年度绩效指标 一级指标 二级指标 指标内容 指标值\n"
        "产出指标 数量指标 提档升级公路里程 30公里\n质量指标 交工验收合格率 100%\n"
        "其他说明的问题 无\n"
    )
    document = read_text(tmp_path, text)
    assert rows(document) == [("提档升级公路里程", "30公里"), ("交工验收合格率", "100%")]
    assert [s.text for s in document.skipped if s.reason.startswith("长期")] == [
        "提档升级公路里程 120公里",
        "交工验收合格率 100%",
    ]


def test_a_multi_year_table_in_word_gives_way_to_the_annual_table_after_it(tmp_path):
    """The table reader's side of the above: 实施期绩效指标 and 年度绩效指标 in the first cell of two header rows."""
    table = [
        ["实施期绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "提档升级公路里程", "120公里"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "提档升级公路里程", "30公里"],
    ]
    path = write_word(tmp_path / "申报表.docx", "项目名称：乡村公路提档升级", table)
    assert rows(read_document(path)) == [("提档升级公路里程", "30公里")]


@pytest.mark.parametrize(
    "form, goal",
    [
        (["绩效目标 | 完成全县农村危房改造120户，改造后住房安全达标。 |"], "完成全县农村危房改造120户，改造后住房安全达标。"),
        (  # a self-evaluation: the goal set at the start of the year, then what was done
            ["年度总体目标 |", "年初设定目标 |", "年度总体目标完成情况综述 |",
             "完成全县农村危房改造120户，改造后住房安全达标。 |", "全年完成改造126户，全部通过验收。 |"],
            "完成全县农村危房改造120户，改造后住房安全达标。",
        ),
        (  # the multi-year goal, then the year's, under labels in the same order
            ["总体目标 | 实施周期总目标(2024年-2026年) | 年度目标 |",
             "三年内完成农村危房改造400户。 | 完成全县农村危房改造120户，改造后住房安全达标。 |"],
            "完成全县农村危房改造120户，改造后住房安全达标。",
        ),
    ],
)  # fmt: skip
def test_a_goal_in_a_copied_tables_cells_is_the_projects_goal(tmp_path, form, goal):
    """Found in review: a goal written in a table's cells (绩效目标 | …; a self-evaluation's 年初设定目标 beside its
    completion; 实施周期总目标 | 年度目标 above the two goals), copied as text, was not read: the project had no goal."""
    text = "\n".join(
        [
            "项目名称 | 农村危房改造补助 |",
            *form,
            "一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "产出指标 | 数量指标 | 改造户数 | ≥120户 |",
        ]
    )
    document = read_text(tmp_path, text + "\n")
    assert [(p.name, p.goal) for p in document.projects] == [("农村危房改造补助", goal)]


def test_a_transfer_payments_name_label_names_the_project(tmp_path):
    """Found in review: a region's transfer-payment table names its money 转移支付（项目）名称 (or 专项资金名称), which the
    table reader did not know: the project took the table's title for a name."""
    page = """<html><body><table>
<tr><td colspan="4">2025年中央对地方转移支付区域绩效目标表</td></tr>
<tr><td>转移支付（项目）名称</td><td colspan="3">城乡居民养老保险补助</td></tr>
<tr><td>资金情况</td><td>年度金额：</td><td colspan="2">1,520.00</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>参保缴费人数</td><td>≥8.6万人</td></tr>
</table></body></html>"""
    document = read_text(tmp_path, page, "区域绩效目标表.html")
    assert [(p.name, p.budget) for p in document.projects] == [("城乡居民养老保险补助", 1520.0)]


def test_a_budget_written_inside_its_cell_with_its_parts_is_read(tmp_path):
    """Found in review: a Word form writes the budget and its parts in one cell beside 项目资金 (资金总额：126.5万元，其中财政
    拨款…); the project had no budget."""
    table = [
        ["项目名称", "残疾人托养服务补贴", "", ""],
        ["项目资金", "资金总额：86.4万元，其中财政拨款80万元，其他资金6.4万元", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "托养服务人数", "≥120人"],
    ]
    path = write_word(tmp_path / "申报表.docx", table)
    assert [(p.name, p.budget) for p in read_document(path).projects] == [("残疾人托养服务补贴", 86.4)]


def test_a_second_self_evaluation_named_by_a_paragraph_keeps_its_budget_and_goal(tmp_path):
    """Found in review: a Word self-evaluation whose second table is named by a paragraph (项目名称：…) above it: the
    parts under 年度资金总额 (其中：本年财政拨款 …) wiped its budget, and the goal took in what was done beside it."""

    def form(total: str, goal: str) -> list[list[str]]:
        return [
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
            ["项目资金（万元）", "年度资金总额", total, total],
            ["项目资金（万元）", "其中：本年财政拨款", total, total],
            ["项目资金（万元）", "上年结转资金", "—", "—"],
            ["年度总体目标", goal, "已完成年度目标任务。", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值"],
            ["产出指标", "数量指标", "救助人次", "≥300人次"],
        ]

    path = write_word(
        tmp_path / "自评表.docx",
        [["项目名称", "流浪乞讨人员救助", "", ""], *form("18", "救助流浪乞讨人员，护送返乡。")],
        "项目名称：困境儿童基本生活保障",
        form("64.8", "按月发放困境儿童基本生活费。"),
    )
    assert [(p.name, p.budget, p.goal) for p in read_document(path).projects] == [
        ("流浪乞讨人员救助", 18.0, "救助流浪乞讨人员，护送返乡。"),
        ("困境儿童基本生活保障", 64.8, "按月发放困境儿童基本生活费。"),
    ]


def test_a_goal_under_its_columns_labels_is_the_goal_without_them(tmp_path):
    """Found in review: a self-evaluation workbook heads its goal row's cells 预期目标 | 实际完成情况; the goal took in
    both labels and the completion."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["项目名称", "市场主体信用监管", "", ""],
        ["年度总体目标", "预期目标", "实际完成情况", ""],
        ["", "完成企业年报公示率90%以上。", "基本完成年度目标。", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值"],
        ["产出指标", "数量指标", "双随机抽查企业户数", "≥300户"],
    ):
        sheet.append(row)
    path = tmp_path / "自评表.xlsx"
    book.save(str(path))
    assert [(p.name, p.goal) for p in read_document(path).projects] == [("市场主体信用监管", "完成企业年报公示率90%以上。")]


def test_numbered_titles_and_subheadings_name_their_projects_in_text_without_separators(tmp_path):
    """Found in review: tables titled 1. 甲项目绩效目标表（金额单位：元  预算数：320,000.00）, or headed （一）甲, all went under
    the document's title as one project, their titles read as rows; the title's gloss gives the budget in its unit."""
    table = "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 {name} {value}\n"
    titled = (
        "县卫生健康局2025年重点项目绩效目标\n\n1. 家庭医生签约服务项目绩效目标表（金额单位：元  预算数：1,260,000.00）\n"
        + table.format(name="签约居民人数", value="≥1.8万人")
        + "\n2. 老年人健康体检项目绩效目标表（金额单位：万元  预算数：54.5）\n"
        + table.format(name="体检老年人数", value="≥9000人")
    )
    subheaded = (
        "二、项目支出绩效目标情况\n（一）严重精神障碍患者管理\n"
        + table.format(name="规范管理患者人数", value="≥860人")
        + "（二）地方病防治\n"
        + table.format(name="碘盐监测户数", value="≥300户")
    )
    readings = [
        [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in read_text(tmp_path, text, name).projects]
        for text, name in ((titled, "titled.txt"), (subheaded, "subheaded.txt"))
    ]
    assert readings == [
        [("家庭医生签约服务", 126.0, ["签约居民人数"]), ("老年人健康体检", 54.5, ["体检老年人数"])],
        [("严重精神障碍患者管理", None, ["规范管理患者人数"]), ("地方病防治", None, ["碘盐监测户数"])],
    ]


def test_the_years_budget_replaces_the_whole_periods_total(tmp_path):
    """Found in review: a 审批表 gives 项目总预算 (the whole period's money) before 当年年度预算: the total was kept, three
    times the year's."""
    text = (
        "项目名称 机关办公区物业管理服务\n项目总预算 1284 财政资金预算分类 一般公共预算\n当年年度预算 428\n"
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 物业服务面积 ≥2.6万平方米\n"
    )
    assert [(p.name, p.budget) for p in read_text(tmp_path, text).projects] == [("机关办公区物业管理服务", 428.0)]


def test_a_multi_year_heading_on_a_merged_row_above_the_header_gives_way_to_the_annual_table(tmp_path):
    """Found in review: 长期绩效指标 and 年度绩效指标 on merged rows of their own above each header: both tables' targets were
    read, and 年度绩效指标 became a row's value."""
    table = [
        ["项目名称", "城市内涝治理", "", ""],
        ["长期绩效指标", "长期绩效指标", "长期绩效指标", "长期绩效指标"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "改造易涝点数量", "≥40处"],
        ["年度绩效指标", "年度绩效指标", "年度绩效指标", "年度绩效指标"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "改造易涝点数量", "≥12处"],
    ]
    path = write_word(tmp_path / "申报表.docx", table)
    assert rows(read_document(path)) == [("改造易涝点数量", "≥12处")]


def test_a_title_that_glosses_the_budget_names_the_project_and_gives_its_budget(tmp_path):
    """Found in review: a web page titles each table 1.甲项目绩效目标表（预算金额：85.6万元）: the project kept the gloss in
    its name and had no budget."""
    head = "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
    page = (
        "<html><body><p>1.公共法律服务体系建设项目绩效目标表（预算金额：42.8万元）</p><table>" + head
        + "<tr><td>产出指标</td><td>数量指标</td><td>法律援助案件数</td><td>≥260件</td></tr></table>"
        "<p>2.人民调解员以案定补项目绩效目标表（金额单位：元  预算数：186,000.00）</p><table>" + head
        + "<tr><td>产出指标</td><td>数量指标</td><td>调解纠纷件数</td><td>≥1500件</td></tr></table></body></html>"
    )  # fmt: skip
    document = read_text(tmp_path, page, "page.html")
    assert [(p.name, p.budget) for p in document.projects] == [("公共法律服务体系建设", 42.8), ("人民调解员以案定补", 18.6)]


def test_a_web_pages_buttons_and_a_word_forms_annual_budget_row(tmp_path):
    """Found in review: 【打印本页】【关闭窗口】 under a copied page became an indicator (打印本页 = 【关闭窗口】) of its last
    project; a Word form's 年度预算（万元） | 1280 | 其中：财政资金 | 1280 was a row the form did not know."""

    text = (
        "项目名称\t村级道路维护\n一级指标\t二级指标\t三级指标\t指标值\n"
        + "产出指标\t数量指标\t维护道路里程\t≥45公里\n\n【打印本页】【关闭窗口】\n"
    )
    copied = read_text(tmp_path, text)
    assert rows(copied) == [("维护道路里程", "≥45公里")]
    assert [s.text for s in copied.skipped if s.reason == "网页上的按钮文字"] == ["打印本页", "【关闭窗口】"]
    table = [
        ["项目名称", "高标准农田建设", "", ""],
        ["年度预算（万元）", "1280", "其中：财政资金", "1280"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "新建高标准农田面积", "≥1.2万亩"],
    ]
    path = write_word(tmp_path / "申报表.docx", table)
    assert [(p.name, p.budget) for p in read_document(path).projects] == [("高标准农田建设", 1280.0)]


def test_a_projects_whole_period_form_gives_way_to_its_annual_form(tmp_path):
    """Found in review: a Word file gives a project's form for its whole period (实施期资金总额, 实施期目标, the period's
    targets) and then its annual form: the two were read as two projects of one name, one with the period's targets."""
    head = ["一级指标", "二级指标", "三级指标", "指标值"]
    period = [
        ["项目名称", "老旧小区改造"],
        ["实施期资金总额（万元）", "2400.00"],
        ["实施期目标", "三年改造老旧小区60个。"],
        head,
        ["产出指标", "数量指标", "改造小区个数", "60个"],
    ]
    annual = [["项目名称", "老旧小区改造"], ["年度资金总额（万元）", "800.00"], ["年度目标", "改造老旧小区20个。"], head,
              ["产出指标", "数量指标", "改造小区个数", "20个"]]  # fmt: skip
    document = read_document(write_word(tmp_path / "申报表.docx", period, "老旧小区改造年度绩效目标表", annual))
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("老旧小区改造", 800.0, [("改造小区个数", "20个")])
    ]


def test_a_goal_going_on_with_what_is_to_be_completed_is_read_whole(tmp_path):
    """A goal row's second cell that sets a task (完成提质改造公厕14座) goes on with the goal; only a report of what was
    done (已完成年度目标任务, 完成年度目标) beside it is left out."""
    table = [
        ["项目名称", "城区公厕提质改造", ""],
        ["年度绩效目标", "新建公厕6座，", "完成提质改造公厕14座。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "新建公厕座数", "6座"],
    ]
    document = read_document(write_word(tmp_path / "申报表.docx", table))
    assert [p.goal for p in document.projects] == ["新建公厕6座， 完成提质改造公厕14座。"]


def test_a_department_tables_amount_total_is_its_budget(tmp_path):
    """Found in review: a department's table lists its year's tasks with their amounts and ends them with 金额合计 | 312.5,
    which was not read: the department had no budget."""
    text = (
        "2025年部门整体支出绩效目标表\n单位：万元\n部门（单位）名称\t县气象局\n年度主要任务\t任务名称\t主要内容\t预算金额\n"
        "\t人工影响天气\t开展增雨防雹作业\t86\n\t气象监测站运维\t保障自动站正常运行\t42.5\n金额合计\t128.5\n"
        "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n\t产出指标\t数量指标\t增雨防雹作业次数\t≥30次\n"
    )
    assert [p.budget for p in read_text(tmp_path, text).projects] == [128.5]


@pytest.mark.parametrize(
    "text, projects",
    [
        (  # headings of the form's parts are no projects' names
            "城乡医疗救助项目绩效目标表\n一、年度绩效目标\n资助困难群众参保，减轻医疗负担。\n二、年度绩效指标\n"
            "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 资助参保人数 ≥1.1万人\n",
            [("城乡医疗救助项目绩效目标表", None, [("资助参保人数", "≥1.1万人")])],
        ),
        (  # a goal written as a numbered list is no heading
            "农村供水保障项目绩效目标表\n年度绩效目标：\n1.维修供水工程35处\n2.水质达标率达到95%\n"
            "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 维修供水工程处数 ≥35处\n",
            [("农村供水保障项目绩效目标表", None, [("维修供水工程处数", "≥35处")])],
        ),
        (  # indicators named like budget labels stay indicators, with their targets
            "项目名称 农田灌溉设施管护\n一级指标 二级指标 三级指标 指标值\n产出指标 质量指标 项目资金到位 100%\n"
            "成本指标 经济成本指标 项目预算 ≤30万元\n",
            [("农田灌溉设施管护", None, [("项目资金到位", "100%"), ("项目预算", "≤30万元")])],
        ),
        (  # a cost row named like a form's label, its group cells blank, is a row of the table
            "项目名称\t乡村公路养护\n一级指标\t二级指标\t三级指标\t指标值\n成本指标\t经济成本指标\t人均养护成本\t≤0.7万元/公里\n"
            "\t\t年度预算\t210万元\n项目名称\t公交站亭维护\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t维护站亭数\t40个\n",
            [
                ("乡村公路养护", None, [("人均养护成本", "≤0.7万元/公里"), ("年度预算", "210万元")]),
                ("公交站亭维护", None, [("维护站亭数", "40个")]),
            ],
        ),
    ],
)  # fmt: skip
def test_what_the_new_layout_rules_must_not_take(tmp_path, text, projects):
    """Found in review of the layout rules above: section headings (一、年度绩效目标), a numbered goal list, indicators
    whose names open like a budget label (项目预算 ≤30万元) and a cost row named like a form label were taken for project
    names, budgets or form rows, and rows were lost. Each reads here as the text says."""
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == projects


def test_a_labelled_projects_name_survives_its_section_headings_and_a_short_goal_is_kept(tmp_path):
    """项目名称：… then 一、绩效目标 and 二、绩效指标 in a Word file: the label names the project, not the heading; and a short
    goal ending in 目标 (实现全年安全生产目标) is a goal, not a column's label."""
    table = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "检查企业户数", "≥120户"]]
    sections = write_word(
        tmp_path / "a.docx", "项目名称：安全生产监管", "项目资金：60万元", "一、绩效目标", "加强执法检查。", "二、绩效指标", table
    )
    short = write_word(tmp_path / "b.docx", [["项目名称", "安全生产监管"], ["年度绩效目标", "实现全年安全生产目标"], *table])
    assert [(p.name, p.budget) for p in read_document(sections).projects] == [("安全生产监管", 60.0)]
    assert [p.goal for p in read_document(short).projects] == ["实现全年安全生产目标"]


def _html_table(path: Path, rows: list[list[str]], before: str = "") -> Path:
    """A web page holding `before` and one table of the rows, a row of one cell merged across the table."""
    width = max(len(row) for row in rows)
    cells = "".join(
        "<tr>" + ("".join(f"<td>{c}</td>" for c in row) if len(row) > 1 else f'<td colspan="{width}">{row[0]}</td>') + "</tr>"
        for row in rows
    )
    path.write_text(f"<html><body>{before}<table border=1>{cells}</table></body></html>", encoding="utf-8")
    return path


def _read_parts(tmp_path: Path, form: str, parts: list, file_name: str):
    """Paragraphs (str) and tables (lists of rows) read as a Word file (form "docx"), or as tab text, one row a line."""
    if form == "docx":
        return read_document(write_word(tmp_path / file_name, *parts))
    text = "\n".join(part if isinstance(part, str) else "\n".join("\t".join(row) for row in part) for part in parts)
    return read_text(tmp_path, text + "\n")


def _budget_note_parts(second_budget_line: str) -> list[str | list[list[str]]]:
    """A department's budget note (部门预算说明): each project under a heading numbered （一）, its budget said in a sentence
    and its goal on a labelled line, then its table."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    return [
        "二、项目支出绩效目标情况",
        "（一）森林防火专项经费",
        "该项目预算资金186万元，主要用于防火物资购置和护林员巡护补助。",
        "年度绩效目标：全年未发生重大森林火灾，森林火灾受害率控制在0.9‰以内。",
        [
            header,
            ["产出指标", "数量指标", "护林员巡护天数", "≥300天"],
            ["满意度指标", "服务对象满意度指标", "林区群众满意度", "≥90%"],
        ],
        "（二）国家储备林建设补助",
        second_budget_line,
        "年度绩效目标：新建国家储备林1200亩，苗木成活率达到85%以上。",
        [header, ["产出指标", "数量指标", "新建储备林面积", "≥1200亩"], ["产出指标", "质量指标", "苗木成活率", "≥85%"]],
    ]


def _as_text(parts: list[str | list[list[str]]]) -> str:
    """The parts as text copied with spaces between cells (a PDF's text layer)."""
    lines = [part if isinstance(part, str) else "\n".join(" ".join(row) for row in part) for part in parts]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_projects_under_parenthesised_numbered_headings_take_the_budget_and_goal_said_before_their_tables(form, tmp_path):
    """Found in review: a budget note numbers its projects （一）, （二） and says each one's budget in a sentence (该项目预算
    资金186万元，…) and its goal on a labelled line before its table. In Word, （一） headings named nothing: both tables
    were read as one project without a name; in text, the budget and goal were lost. A sentence of the project's whole
    period (本项目总预算…) gives no budget: the year's is not said."""
    parts = _budget_note_parts("本项目2025年预算42.8万元。")
    if form == "docx":
        document = read_document(write_word(tmp_path / "note.docx", *parts))
    else:
        document = read_text(tmp_path, _as_text(parts))
    assert [(p.name, p.budget, p.goal, len(p.indicators)) for p in document.projects] == [
        ("森林防火专项经费", 186.0, "全年未发生重大森林火灾，森林火灾受害率控制在0.9‰以内。", 2),
        ("国家储备林建设补助", 42.8, "新建国家储备林1200亩，苗木成活率达到85%以上。", 2),
    ]
    period = _budget_note_parts("本项目总预算300万元，分三年实施。")
    if form == "docx":
        whole = read_document(write_word(tmp_path / "period.docx", *period))
    else:
        whole = read_text(tmp_path, _as_text(period), "period.txt")
    assert [(p.name, p.budget) for p in whole.projects] == [("森林防火专项经费", 186.0), ("国家储备林建设补助", None)]


@pytest.mark.parametrize(
    ("sentence", "budget"),
    [
        ("该项目预算资金186万元，主要用于防火物资购置。", 186.0),
        ("本项目2025年预算42.8万元。", 42.8),
        ("该项目年度安排资金1,250,000元。", 125.0),
        ("本项目总预算300万元，分三年实施。", None),  # the whole period's
        ("该项目主要用于护林员巡护补助，共186万元。", None),  # the amount is in another clause
        ("本项目覆盖12个乡镇。", None),  # no budget, no money
        ("全县预算资金186万元。", None),  # not said of the project
        ("本项目资金按每人每月100元标准发放。", None),  # a rate
        ("此项目安排资金3000元/人。", None),  # a rate
        ("本项目中央补助资金420万元，省级补助资金86万元。", None),  # a part
        ("该项目已拨付资金80万元。", None),  # money spent
        ("本项目2024年结转资金12万元，2025年预算资金46万元。", None),  # carried over (the year's is not the first)
    ],
)
def test_a_sentence_states_the_project_s_budget_only_in_its_own_words(sentence, budget):
    from scorer.ingest.interpret import stated_budget

    assert stated_budget(sentence) == budget


def test_a_budget_with_a_remark_on_its_parts_after_it_is_the_amount_before_the_remark(tmp_path):
    """Found in review: 资金总额：80万元（其中财政拨款80万元） gave no budget, in a labelled line of text or of Word and in a
    form's cell: the remark on the amount's parts made the cell no amount. A remark of another kind still does."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    text = (
        "项目名称：农村饮水安全维修养护\n资金总额：45万元（其中财政拨款40万元）\n"
        + "\t".join(header)
        + "\n产出指标\t数量指标\t维修供水工程\t12处\n\n项目名称：河道保洁\n预算金额：18.5万元（待批复）\n"
        + "\t".join(header)
        + "\n产出指标\t数量指标\t保洁河道长度\t36公里\n"
    )
    assert [(p.name, p.budget) for p in read_text(tmp_path, text).projects] == [
        ("农村饮水安全维修养护", 45.0),
        ("河道保洁", None),
    ]
    word = write_word(
        tmp_path / "form.docx",
        "项目名称：农村饮水安全维修养护",
        "资金总额：45万元（其中财政拨款40万元）",
        [header, ["产出指标", "数量指标", "维修供水工程", "12处"]],
        [
            ["项目名称", "河道保洁", "", ""],
            ["预算金额", "18.5万元（含上级补助10万元）", "", ""],
            header,
            ["产出指标", "数量指标", "保洁河道长度", "36公里"],
        ],
    )
    assert [(p.name, p.budget) for p in read_document(word).projects] == [("农村饮水安全维修养护", 45.0), ("河道保洁", 18.5)]


_APPROVAL_FORM = [
    ["项目名称", "乡镇卫生院基本设备更新", "", "", "", ""],
    ["主管部门及代码", "县卫生健康局", "", "实施单位", "县卫生健康局", ""],
    ["项目资金（万元）", "中期资金总额", "", "", "年度资金总额", ""],
    ["", "136", "", "", "64", ""],
    ["总体目标", "中期目标（2024-2026年）", "", "", "年度目标", ""],
    ["", "为全县12家乡镇卫生院更新基本诊疗设备，基层首诊率提高到65%。", "", "", "完成5家卫生院设备更新，当年投入使用。", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"],
    ["", "产出指标", "数量指标", "更新设备卫生院数量", "12家", "5家"],
    ["", "满意度指标", "服务对象满意度指标", "就诊群众满意度", "≥90%", "≥88%"],
]


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_an_approval_form_s_column_labels_give_the_year_s_budget_and_goal_from_the_row_under_them(form, tmp_path):
    """Found in review: the approval form (项目支出绩效目标申报表) labels its money and goal columns on one row (项目资金 |
    中期资金总额 | 年度资金总额; 总体目标 | 中期目标 | 年度目标) and puts the figures and texts on the row under them. The
    budget read was the whole period's (the first figure after 项目资金), and no goal was read; in tab text, a row of two
    cells after a tab was one cell."""
    if form == "docx":
        document = read_document(write_word(tmp_path / "form.docx", "项目支出绩效目标申报表", _APPROVAL_FORM))
    else:
        lines = [
            "\t".join(cell for cell in row if cell) if row[0] else "\t" + "\t".join(c for c in row if c) for row in _APPROVAL_FORM
        ]
        document = read_text(tmp_path, "项目支出绩效目标申报表\n" + "\n".join(lines) + "\n")
    assert [(p.name, p.budget, p.goal) for p in document.projects] == [
        ("乡镇卫生院基本设备更新", 64.0, "完成5家卫生院设备更新，当年投入使用。")
    ]
    assert rows(document) == [("更新设备卫生院数量", "5家"), ("就诊群众满意度", "≥88%")]
    in_yuan = [row[:] for row in _APPROVAL_FORM]
    in_yuan[2][0], in_yuan[3][1], in_yuan[3][4] = "项目资金（元）", "1360000", "640000"
    yuan = read_document(write_word(tmp_path / "yuan.docx", "项目支出绩效目标申报表", in_yuan))
    assert [p.budget for p in yuan.projects] == [64.0]


def test_a_self_evaluation_s_goal_is_the_text_under_its_target_label_not_the_completion_beside_it(tmp_path):
    """Found in review: 年度总体目标 | 预期目标 | 实际完成情况 above the two texts: the goal read was both texts and the 绩效指标
    label of the row after them."""
    form = [
        ["项目名称", "农村劳动力转移就业培训", "", ""],
        ["年度总体目标", "预期目标", "实际完成情况", ""],
        ["年度总体目标", "开展就业技能培训8期，培训农村劳动力400人次。", "年度目标已全部完成。", ""],
        ["绩效指标", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值"],
        ["产出指标", "数量指标", "培训人次", "≥400人次"],
    ]
    document = read_document(write_word(tmp_path / "self.docx", "项目支出绩效自评表", form))
    assert [(p.name, p.goal) for p in document.projects] == [
        ("农村劳动力转移就业培训", "开展就业技能培训8期，培训农村劳动力400人次。")
    ]


def test_project_name_rows_inside_one_indicator_table_start_their_own_projects(tmp_path):
    """Found in review: one indicator table holding several projects, each opened by a row of one cell (项目名称：乙, merged
    across the table, or 2.乙), with its budget and goal on rows of their own: every project's rows went under the first,
    which kept the first budget; a numbered first row left the project named after the sheet."""
    import openpyxl

    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    workbook = openpyxl.Workbook()
    labelled = workbook.active
    labelled.title = "项目绩效目标"
    for row in (
        header,
        ["项目名称：公共法律服务中心运行经费"],
        ["预算金额：42.00万元"],
        ["年度目标：保障公共法律服务中心全年正常运行。"],
        ["产出指标", "数量指标", "提供法律咨询人次", "≥3000人次"],
        ["项目名称：社区矫正工作经费"],
        ["预算金额：16.50万元"],
        ["产出指标", "数量指标", "社区矫正对象教育学习次数", "≥12次"],
        ["效益指标", "社会效益指标", "社区矫正对象再犯罪率", "≤0.2%"],
    ):
        labelled.append(row)
    labelled.merge_cells("A2:D2")
    labelled.merge_cells("A6:D6")
    numbered = workbook.create_sheet("分项目")
    for row in (header, ["1.法律援助经费"], ["产出指标", "数量指标", "办理法律援助案件数", "≥650件"], ["2.人民调解以案定补经费"]):
        numbered.append(row)
    numbered.append(["产出指标", "数量指标", "调解矛盾纠纷件数", "≥2400件"])
    workbook.save(tmp_path / "projects.xlsx")
    document = read_document(tmp_path / "projects.xlsx")
    assert [(p.name, p.budget, p.goal, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("公共法律服务中心运行经费", 42.0, "保障公共法律服务中心全年正常运行。", ["提供法律咨询人次"]),
        ("社区矫正工作经费", 16.5, "", ["社区矫正对象教育学习次数", "社区矫正对象再犯罪率"]),
        ("法律援助经费", None, "", ["办理法律援助案件数"]),
        ("人民调解以案定补经费", None, "", ["调解矛盾纠纷件数"]),
    ]


@pytest.mark.parametrize("form", ["html", "docx", "txt"])
@pytest.mark.parametrize("numbered", [False, True])
def test_a_project_s_name_with_its_budget_in_brackets_on_a_row_of_its_own_inside_the_table_opens_it(form, numbered, tmp_path):
    """Found in review: one table under one header, each project opened by a row of one cell giving its name and its
    budget in brackets (农村公路养护工程（320万元）, numbered or not). Unnumbered, the row was read as an indicator without a
    value or as the header's second line; numbered with its budget, the bracket's figure kept it from naming a project;
    in text, every row went to one project without a name. A total with its amount (合计（395万元）) opens none."""
    first, second = ("1.", "2、") if numbered else ("", "")
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        [f"{first}农村公路养护工程（320万元）"],
        ["产出指标", "数量指标", "养护农村公路里程", "≥420公里"],
        ["效益指标", "社会效益指标", "群众出行条件改善", "优良路率≥75%"],
        [f"{second}城乡公交运营补贴（75万元）"],
        ["产出指标", "数量指标", "补贴公交线路条数", "12条"],
        ["合计（395万元）"],
    ]
    if form == "html":
        document = read_document(_html_table(tmp_path / "roads.html", rows))
    else:
        document = _read_parts(tmp_path, form, ["县交通运输局2025年项目绩效目标", rows], "roads.docx")
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("农村公路养护工程", 320.0, ["养护农村公路里程", "群众出行条件改善"]),
        ("城乡公交运营补贴", 75.0, ["补贴公交线路条数"]),
    ]


@pytest.mark.parametrize("form", ["html", "docx"])
def test_project_rows_under_a_title_naming_only_the_unit_and_year(form, tmp_path):
    """Found in an adversarial review: under a title naming only the unit and the year (县民政局2025年项目支出绩效目标表),
    the table's first project row did not rename the project the title had opened (县民政局2025年), whose rows it kept."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["城乡低保资金（860万元）"],
        ["产出指标", "数量指标", "保障人数", "≥3200人"],
        ["临时救助资金（120万元）"],
        ["产出指标", "数量指标", "救助人次", "≥900人次"],
    ]
    title = "县民政局2025年项目支出绩效目标表"
    if form == "html":
        document = read_document(_html_table(tmp_path / "title.html", rows, before=f"<p>{title}</p>"))
    else:
        document = read_document(write_word(tmp_path / "title.docx", title, rows))
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("城乡低保资金", 860.0, ["保障人数"]),
        ("临时救助资金", 120.0, ["救助人次"]),
    ]


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_headings_numbered_项目一_name_their_projects(form, tmp_path):
    """Found in review: 项目一：甲 / 预算金额：312万元 / table, 项目二：乙 …: the heading named nothing, so every table was
    read as one project without a name, with the first budget."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    parts: list = [
        "县住建局2025年项目绩效目标",
        "项目一：老旧小区改造配套设施补助",
        "预算金额：312万元",
        [header, ["产出指标", "数量指标", "改造小区数量", "≥8个"], ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"]],
        "项目二：城镇燃气管道安全隐患排查",
        "预算金额：54万元",
        [header, ["产出指标", "数量指标", "排查燃气管道长度", "≥120公里"]],
    ]
    document = _read_parts(tmp_path, form, parts, "note.docx")
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [
        ("老旧小区改造配套设施补助", 312.0, 2),
        ("城镇燃气管道安全隐患排查", 54.0, 1),
    ]


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_labelled_lines_numbered_as_a_list_or_sharing_a_line_give_the_budget_and_goal(form, tmp_path):
    """Found in review: a form's labels numbered as a list (2.项目金额：356.80万元。, （2）年度绩效目标：…), a budget and a
    goal on one line (预算金额：64万元    年度目标：…), and a budget whose remark on its parts holds a comma
    (480万元（其中：中央资金300万元，县级资金180万元）) gave neither budget nor goal."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    parts: list = [
        "1.项目名称：基层医疗卫生机构设备购置",
        "2.项目金额：356.80万元。",
        "3.年度绩效目标：为8家乡镇卫生院购置DR等基本设备。",
        [header, ["产出指标", "数量指标", "购置设备台数", "≥16台"]],
        "项目名称：农村生活污水治理",
        "项目资金：480万元（其中：中央资金300万元，县级资金180万元）",
        [header, ["产出指标", "数量指标", "治理行政村数量", "≥12个"]],
        "项目名称：饮用水水源地保护",
        "预算金额：64万元    年度目标：完成3处水源地规范化建设，水质达标率100%。",
        [header, ["产出指标", "数量指标", "规范化建设水源地", "3处"]],
    ]
    document = _read_parts(tmp_path, form, parts, "note.docx")
    assert [(p.name, p.budget, p.goal) for p in document.projects] == [
        ("基层医疗卫生机构设备购置", 356.8, "为8家乡镇卫生院购置DR等基本设备。"),
        ("农村生活污水治理", 480.0, ""),
        ("饮用水水源地保护", 64.0, "完成3处水源地规范化建设，水质达标率100%。"),
    ]


@pytest.mark.parametrize("heading", ["项目年度目标", "项目总体目标"])
def test_a_flat_table_s_goal_column_headed_with_the_project_s_year_or_whole_goal_gives_the_goal(heading, tmp_path):
    """Found in review: a one-row-per-indicator table heading its goal column 项目年度目标 gave no goal (绩效目标, 年度目标
    and 年度绩效目标 did)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["项目名称", "项目金额（万元）", heading, "一级指标", "二级指标", "三级指标", "指标值"])
    goal = "完成重大动物疫病强制免疫，免疫密度保持在90%以上。"
    sheet.append(["动物防疫补助", 86, goal, "产出指标", "数量指标", "强制免疫畜禽数量", "≥50万头只"])
    sheet.append(["动物防疫补助", 86, goal, "产出指标", "质量指标", "免疫密度", "≥90%"])
    workbook.save(tmp_path / "flat.xlsx")
    document = read_document(tmp_path / "flat.xlsx")
    assert [(p.name, p.budget, p.goal, len(p.indicators)) for p in document.projects] == [
        ("动物防疫补助", 86.0, "完成重大动物疫病强制免疫，免疫密度保持在90%以上。", 2)
    ]


@pytest.mark.parametrize("heading", ["（二）项目效益", "二、社会效益", "2.满意度"])
def test_a_heading_naming_a_group_of_indicators_between_two_tables_of_one_project_keeps_them_one(heading, tmp_path):
    """Found in an adversarial review: a self-evaluation splits one project's indicators into tables under headings that
    name their group (（二）项目效益, 二、社会效益): the heading was taken for a second project's name."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    document = read_document(
        write_word(
            tmp_path / "groups.docx",
            "项目名称：全民健身设施维护",
            "预算金额：25万元",
            [header, ["产出指标", "数量指标", "维护健身路径数量", "≥60处"]],
            heading,
            [header, ["效益指标", "社会效益指标", "群众健身参与率", "≥40%"]],
        )
    )
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [("全民健身设施维护", 25.0, 2)]


def test_a_numbered_row_of_one_cell_in_a_table_opens_a_project_only_when_named_like_one(tmp_path):
    """Found in an adversarial review: inside one project's table, 2.群众满意 (a group), （二）效益 merged across, and
    2.结业人数 (an indicator left without a target) each opened a project of their own."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (
        ["项目名称", "农村劳动力技能培训", "", ""],
        ["预算金额", "36", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "1.培训人次", "≥500人次"],
        ["2.结业人数"],
        ["（二）效益"],
        ["效益指标", "社会效益指标", "培训后就业率", "≥60%"],
        ["2.群众满意"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
    ):
        sheet.append(row)
    sheet.merge_cells("A6:D6")
    workbook.save(tmp_path / "training.xlsx")
    document = read_document(tmp_path / "training.xlsx")
    assert [(p.name, p.budget) for p in document.projects] == [("农村劳动力技能培训", 36.0)]


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_a_numbered_heading_glossed_with_its_amount_names_the_project_and_gives_its_budget(form, tmp_path):
    """Found in review: 1、农村公路日常养护经费（268万元） kept the amount in the name (or, with its digits, named nothing)
    and gave no budget."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    parts: list = [
        "1、农村公路日常养护经费（268万元）",
        [header, ["产出指标", "数量指标", "养护农村公路里程", "1120公里"]],
        "2、城乡公交运营补贴（150万元）",
        [header, ["产出指标", "数量指标", "补贴公交线路", "12条"]],
    ]
    document = _read_parts(tmp_path, form, parts, "note.docx")
    assert [(p.name, p.budget) for p in document.projects] == [("农村公路日常养护经费", 268.0), ("城乡公交运营补贴", 150.0)]


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_a_budget_then_its_goal_after_a_comma_or_its_parts_after_it_give_the_budget(form, tmp_path):
    """Found in an adversarial review: 预算金额：55万元，年度目标：… in text gave neither budget nor goal (Word gave both), and
    资金总额：40万元  其中：财政拨款40万元 gave no budget in either."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    parts: list = [
        "项目名称：城区道路井盖维护",
        "预算金额：55万元，年度目标：及时修复破损道路井盖。",
        [header, ["产出指标", "数量指标", "修复井盖数量", "≥300个"]],
        "项目名称：路灯节能改造",
        "资金总额：40万元  其中：财政拨款40万元",
        [header, ["产出指标", "数量指标", "改造路灯数量", "≥800盏"]],
    ]
    document = _read_parts(tmp_path, form, parts, "form.docx")
    assert [(p.name, p.budget, p.goal) for p in document.projects] == [
        ("城区道路井盖维护", 55.0, "及时修复破损道路井盖。"),
        ("路灯节能改造", 40.0, ""),
    ]


@pytest.mark.parametrize("suffix", [".txt", ".tsv"])
def test_a_tab_separated_table_naming_each_rows_project_is_read_row_by_row(tmp_path, suffix):
    """A budget system's export saved as text (or a spreadsheet's table pasted into a text file): one row a line,
    cells by tabs, no line led by a tab. Read one cell a line, its projects were lost (the title named one
    project of every row) and each project's name and budget became a row of their own. Each line under a
    header that names the project column is a row; the title above names the table, no project; a table of
    three columns (two tabs a line) is read so too."""
    text = (
        "某县市场监督管理局2025年项目支出绩效目标表\n"
        "项目名称\t预算金额（万元）\t一级指标\t二级指标\t三级指标\t指标值\n"
        "食品安全监督抽检\t46.5\t产出指标\t数量指标\t抽检批次\t≥800批次\n"
        "食品安全监督抽检\t46.5\t产出指标\t时效指标\t不合格产品核查处置时限\t≤30个工作日\n"
        "特种设备安全监察\t18\t产出指标\t数量指标\t电梯监督检查台数\t≥150台\n"
        "特种设备安全监察\t18\t效益指标\t社会效益指标\t特种设备事故起数\t0起\n"
    )
    document = read_text(tmp_path, text, name=f"export{suffix}")
    assert [(p.name, p.budget) for p in document.projects] == [("食品安全监督抽检", 46.5), ("特种设备安全监察", 18.0)]
    assert rows(document) == [
        ("抽检批次", "≥800批次"),
        ("不合格产品核查处置时限", "≤30个工作日"),
        ("电梯监督检查台数", "≥150台"),
        ("特种设备事故起数", "0起"),
    ]
    assert document.skipped == []

    narrow = read_text(tmp_path, "项目名称\t三级指标\t指标值\n计量器具强制检定\t检定台件数\t≥2000台件\n", name="narrow.txt")
    assert [p.name for p in narrow.projects] == ["计量器具强制检定"]
    assert rows(narrow) == [("检定台件数", "≥2000台件")]


def test_the_title_above_a_table_naming_its_projects_is_no_project_without_a_table(tmp_path):
    """A Word file: a title paragraph (某县…项目支出绩效目标表), then a table whose rows name their projects. The
    title opened a project that the table never filled, listed as 项目名称之后没有读到指标表 (某县交通运输局2025年);
    it is the table's title."""
    path = write_word(
        tmp_path / "flat.docx",
        "某县交通运输局2025年项目支出绩效目标表",
        [
            ["项目名称", "预算数（万元）", "一级指标", "二级指标", "三级指标", "指标值"],
            ["农村客运站运营补助", "60", "产出指标", "数量指标", "补助站点个数", "12个"],
            ["渡口渡船安全管理", "22", "产出指标", "质量指标", "渡船年检合格率", "100%"],
        ],
    )
    document = read_document(path)
    assert [(p.name, p.budget) for p in document.projects] == [("农村客运站运营补助", 60.0), ("渡口渡船安全管理", 22.0)]
    assert document.skipped == []


def test_a_forms_head_repeated_on_the_next_page_goes_on_with_its_project(tmp_path):
    """An export printed over pages repeats the form's head (项目名称：甲, the indicator header) above each page's
    rows: the rows under the second head were a second project 甲 without a budget. The same name again, under
    甲's own rows and with no other budget, goes on with 甲; another name opens its project as before."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    path = write_sheet(
        tmp_path / "分页导出.xlsx",
        [
            ["项目名称：乡镇卫生院基本设备购置"],
            ["预算金额：265万元"],
            header,
            ["产出指标", "数量指标", "购置设备台数", "≥40台"],
            ["产出指标", "质量指标", "设备验收合格率", "100%"],
            ["项目名称：乡镇卫生院基本设备购置"],
            header,
            ["效益指标", "社会效益指标", "基层首诊率", "≥65%"],
            ["项目名称：村卫生室运行补助"],
            header,
            ["产出指标", "数量指标", "补助村卫生室个数", "86个"],
        ],
    )
    document = read_document(path)
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [
        ("乡镇卫生院基本设备购置", 265.0, 3),
        ("村卫生室运行补助", None, 1),
    ]


def test_a_text_forms_head_and_page_number_repeated_over_pages_go_on_with_its_project(tmp_path):
    """The same in a text export: 项目名称：甲 and the header again after 第1页, 甲's rows under them. The page number
    was an indicator named 第1页 and the rows after it a second project 甲; 第 2 页 共 3 页 and - 2 - are page numbers
    too, a bare 2 on a line is not (a target's figure may stand alone)."""
    header = "一级指标\t二级指标\t三级指标\t指标值\n"
    text = (
        "项目名称：城区污水管网维护\n预算金额：92万元\n"
        + header
        + "产出指标\t数量指标\t管网疏通长度\t≥60公里\n产出指标\t质量指标\t管网完好率\t≥95%\n"
        + "第1页\n项目名称：城区污水管网维护\n"
        + header
        + "效益指标\t生态效益指标\t污水溢流点个数\t0个\n"
        + "- 2 -\n"
        + "满意度指标\t服务对象满意度指标\t周边居民满意度\t≥90%\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget) for p in document.projects] == [("城区污水管网维护", 92.0)]
    assert rows(document) == [
        ("管网疏通长度", "≥60公里"),
        ("管网完好率", "≥95%"),
        ("污水溢流点个数", "0个"),
        ("周边居民满意度", "≥90%"),
    ]
    from scorer.ingest.recover import is_page_number

    assert is_page_number("第 2 页 共 3 页") and is_page_number("共3页，第2页")
    assert not is_page_number("2") and not is_page_number("2/5") and not is_page_number("第2页码核对率")


def test_a_text_export_whose_every_line_starts_with_a_tab_keeps_its_projects_apart(tmp_path):
    """Every line of the text led by a tab, so every row's first cell is blank, the header's too: the second
    project's 项目名称 row was taken for a cost row (| | 项目总预算 | ≤630万元 leaves the header's first column
    blank), so 乙 was an indicator of 甲 and its rows went under 甲. A row is a cost row when it starts right of the
    header's first column; such a row is still read as one."""
    lines = [
        ["项目名称", "中小学校舍维修"],
        ["预算金额", "150"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修校舍面积", "≥6000平方米"],
        ["", "", "项目总预算", "≤150万元"],
        ["项目名称", "学生营养改善计划"],
        ["预算金额", "310"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "受益学生人数", "≥5200人"],
    ]
    document = read_text(tmp_path, "".join("\t" + "\t".join(line) + "\n" for line in lines))
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("中小学校舍维修", 150.0, [("维修校舍面积", "≥6000平方米"), ("项目总预算", "≤150万元")]),
        ("学生营养改善计划", 310.0, [("受益学生人数", "≥5200人")]),
    ]


@pytest.mark.parametrize(
    "budget_rows",
    [
        [["项目总预算（万元）", "1560.00", "项目当年预算（万元）", "520.00"]],  # both on one row
        [["项目总预算（万元）", "1560"], ["当年年度预算（万元）", "520"]],  # the year's on the row under
        [["当年预算（万元）", "520"], ["项目总预算（万元）", "1560"]],  # the year's first: the period's does not replace it
    ],
)
def test_a_word_forms_whole_period_budget_gives_way_to_the_years(tmp_path, budget_rows):
    """A multi-year project's form gives 项目总预算 (the whole period's money) and the year's amount (项目当年预算,
    当年年度预算, 当年预算): the period's 1560 was read as the budget. The year's is the budget, whichever comes first."""
    path = write_word(
        tmp_path / "form.docx",
        [
            ["项目名称", "县域医共体信息平台建设"],
            *budget_rows,
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "接入乡镇卫生院数量", "≥18家"],
        ],
    )
    assert [(p.name, p.budget) for p in read_document(path).projects] == [("县域医共体信息平台建设", 520.0)]


@pytest.mark.parametrize("type_line", ["", "项目类型        部门预算\n"])
def test_a_spaced_text_forms_year_budget_after_the_period_total_keeps_its_label(tmp_path, type_line):
    """Text whose cells are runs of spaces: `项目总预算（万元）   1560.00   项目当年预算（万元）   520.00`. The 项 of the
    year's label was taken for the unit of 1560.00 (1560.00项 | 目当年预算), so its amount was lost and the period's
    total read; a cell that opens with a form's label keeps it, and 2000 次 still gives 2000次. With `项目类型  部门预算`
    above, 部门预算 (the type) was read as a budget's label taking the next label's figure: a label's figure is never
    sought past another budget label."""
    text = (
        "项目名称   县域医共体信息平台建设\n" + type_line + "项目总预算（万元）   1560.00   项目当年预算（万元）   520.00\n"
        "一级指标   二级指标   三级指标   指标值\n"
        "产出指标   数量指标   远程会诊例数   2000 次\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget) for p in document.projects] == [("县域医共体信息平台建设", 520.0)]
    assert rows(document) == [("远程会诊例数", "2000次")]


def test_a_table_naming_each_rows_project_set_out_with_runs_of_spaces_is_read_by_its_columns(tmp_path):
    """A fixed-width export (or a page's text copied) of a table that names each row's project, its columns lined up
    with runs of spaces, a project's name and budget only on its first row: every project was one unnamed project
    whose rows were 甲项目 = 10.00. Each line under the header is a row, each cell in the header's column it starts
    in (a Chinese character takes two columns); the total under the table is listed as one."""
    text = (
        "某县卫生健康局2025年重点项目绩效目标汇总表\n"
        "单位：万元\n"
        "序号  项目名称              预算金额   三级指标                  指标值\n"
        "1     基本公共卫生服务      2400.00    居民电子健康档案建档率    ≥90%\n"
        "                                       高血压患者规范管理率      ≥65%\n"
        "2     艾滋病防治            35.50      高危人群检测人数          ≥3000人\n"
        "合计                        2435.50\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("基本公共卫生服务", 2400.0, [("居民电子健康档案建档率", "≥90%"), ("高血压患者规范管理率", "≥65%")]),
        ("艾滋病防治", 35.5, [("高危人群检测人数", "≥3000人")]),
    ]
    assert [s.text for s in document.skipped] == ["合计 | 2435.50"]


def test_a_table_naming_each_rows_project_with_pipes_but_no_outer_pipes_is_read_row_by_row(tmp_path):
    """项目名称 | 预算金额 | 三级指标 | 指标值 with no pipe at either end of the line (markdown written loosely, a
    chat's copy): read as text with no table, the same unnamed project of junk rows."""
    text = (
        "项目名称 | 预算金额 | 三级指标 | 指标值\n"
        "--- | --- | --- | ---\n"
        "城乡居民养老保险补助 | 860 | 参保人数 | ≥12万人\n"
        "城乡居民养老保险补助 | 860 | 待遇按时足额发放率 | 100%\n"
        "就业见习补贴 | 42 | 见习人数 | ≥150人\n"
    )
    document = read_text(tmp_path, text, name="table.md")
    assert [(p.name, p.budget, len(p.indicators)) for p in document.projects] == [
        ("城乡居民养老保险补助", 860.0, 2),
        ("就业见习补贴", 42.0, 1),
    ]


def test_markdown_headings_name_the_projects_of_the_tables_under_them(tmp_path):
    """A page converted to markdown names each project by a heading (`## 一、甲`) above its pipe table: the heading
    kept its `##`, named nothing, and both tables were one unnamed project."""
    table = "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- | --- |\n"
    text = (
        "# 某县文化旅游体育局2025年项目支出绩效目标\n\n"
        "## 一、公共文化服务体系建设\n\n预算金额：58万元\n\n" + table + "| 产出指标 | 数量指标 | 送戏下乡场次 | ≥120场 |\n\n"
        "## 二、全民健身场地设施维护\n\n" + table + "| 产出指标 | 质量指标 | 健身器材完好率 | ≥95% |\n"
    )
    document = read_text(tmp_path, text, name="page.md")
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("公共文化服务体系建设", 58.0, [("送戏下乡场次", "≥120场")]),
        ("全民健身场地设施维护", None, [("健身器材完好率", "≥95%")]),
    ]


def test_a_pdf_table_naming_each_rows_project_without_ruling_lines_is_read_by_its_columns(tmp_path):
    """A PDF whose summary table has no ruling lines (a report's appendix): pdfplumber finds no table, and its text
    lines came as paragraphs with single spaces, so the projects were one unnamed project whose rows were 甲 = 10.00.
    Under a text line that names each row's project, a line's words apart by a gap of about a character or more are
    cells, each under the heading it starts under; a project's name left blank is the row above's."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "appendix.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("STSong-Light", 10)
    page.drawString(40, 800, "附表：2025年交通运输项目绩效目标")
    columns = [40, 170, 250, 420]
    lines = [
        ["项目名称", "预算金额", "三级指标", "指标值"],
        ["农村公路危桥改造", "620.00", "改造危桥座数", "≥14座"],
        ["", "", "改造后桥梁技术等级", "三类及以上"],
        ["城市公交新能源车购置", "1280.00", "购置车辆数", "40辆"],
    ]
    for number, cells in enumerate(lines):
        for x, cell in zip(columns, cells, strict=True):
            if cell:
                page.drawString(x, 770 - 18 * number, cell)
    page.save()
    document = read_document(path)
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("农村公路危桥改造", 620.0, [("改造危桥座数", "≥14座"), ("改造后桥梁技术等级", "三类及以上")]),
        ("城市公交新能源车购置", 1280.0, [("购置车辆数", "40辆")]),
    ]


def test_a_unit_and_project_heading_over_two_columns_names_the_unit_then_its_projects(tmp_path):
    """A budget system's export heads its first two columns `单位名称、项目名称` as one: the unit on a row of its own in
    the first column, its projects in the second under no heading. Every row went under one project named after
    the unit. The first column is the unit's, the second the project's; the unit's row is listed as one."""
    path = write_sheet(
        tmp_path / "导出.xlsx",
        [
            ["单位名称、项目名称", None, "一级指标", "二级指标", "三级指标", "指标值"],
            ["某县水利局", None, None, None, None, None],
            [None, "小型水库安全运行管护", "产出指标", "数量指标", "管护水库座数", "23座"],
            [None, "小型水库安全运行管护", "效益指标", "社会效益指标", "水库安全度汛率", "100%"],
            [None, "农村饮水工程维修养护", "产出指标", "数量指标", "维修养护工程处数", "≥40处"],
        ],
    )
    document = read_document(path)
    assert [(p.name, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("小型水库安全运行管护", ["管护水库座数", "水库安全度汛率"]),
        ("农村饮水工程维修养护", ["维修养护工程处数"]),
    ]
    assert [(s.reason, s.text) for s in document.skipped] == [("没有指标的汇总行（单位或合计行）", "某县水利局")]


def test_a_spaced_page_number_between_run_on_lines_is_no_indicator(tmp_path):
    """Text whose separators were lost (a document-sharing site's text layer), a page number set out with spaces
    between two projects' lines: `第 1 页 共 2 页` was an indicator 第 = 1页 of the first project."""
    text = (
        "项目名称老年人能力综合评估一级指标二级指标三级指标指标值产出指标数量指标评估老年人数≥2600人\n"
        "第 1 页 共 2 页\n"
        "项目名称困难残疾人生活补贴一级指标二级指标三级指标指标值产出指标数量指标补贴人数≥1800人\n"
    )
    document = read_text(tmp_path, text)
    assert [(p.name, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("老年人能力综合评估", [("评估老年人数", "≥2600人")]),
        ("困难残疾人生活补贴", [("补贴人数", "≥1800人")]),
    ]


def test_a_name_broken_over_two_lines_of_run_on_text_is_one_name(tmp_path):
    """A text layer with no separators, broken into lines by the page's width: 产出指标数量指标家庭医生签\\n约人数≥3.5万人
    read 家庭医生签 = 约人数, its target lost. A line opening with no label, header word or value goes on with the name
    the line before ended on, unless that name already ends as names do (随访户数 then 随访覆盖率: two names, the first
    without a target)."""
    text = (
        "项目名称家庭医生签约服务一级指标二级指标三级指标指标值产出指标数量指标家庭医生签\n"
        "约人数≥3.5万人质量指标重点人群签约率≥75%效益指标社会效益指标随访户数\n"
        "随访覆盖率≥80%满意度指标服务对象满意度指标签约居民满意度≥90%\n"
    )
    document = read_text(tmp_path, text)
    read = rows(document)
    assert read[:2] == [("家庭医生签约人数", "≥3.5万人"), ("重点人群签约率", "≥75%")]
    assert read[2][0] == "随访户数"  # not 随访户数随访覆盖率 (what a row without a target takes after it is read as before)
    assert read[-1] == ("签约居民满意度", "≥90%")


def test_a_name_repeated_for_another_unit_or_without_a_page_turn_is_another_project(tmp_path):
    """Review of the rule above: 项目名称：甲 again is the same 甲 only right under 甲's rows (Excel) or after a page
    number (text). After a unit's row (单位：乙) in Excel, or twice in run-on text with no page number between, it is
    another unit's 甲 and keeps its own rows."""
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    path = write_sheet(
        tmp_path / "两单位.xlsx",
        [
            ["单位：某县第一小学"],
            ["项目名称：课后服务经费"],
            ["预算金额：36万元"],
            header,
            ["产出指标", "数量指标", "参加课后服务学生数", "≥900人"],
            ["单位：某县第二小学"],
            ["项目名称：课后服务经费"],
            header,
            ["产出指标", "数量指标", "参加课后服务学生数", "≥640人"],
        ],
    )
    assert [(p.name, p.budget, len(p.indicators)) for p in read_document(path).projects] == [
        ("课后服务经费", 36.0, 1),
        ("课后服务经费", None, 1),
    ]
    run_on = (
        "项目名称村级公益事业奖补一级指标二级指标三级指标指标值产出指标数量指标奖补项目个数≥30个\n"
        "项目名称村级公益事业奖补一级指标二级指标三级指标指标值产出指标数量指标奖补项目个数≥18个\n"
    )
    assert [len(p.indicators) for p in read_text(tmp_path, run_on).projects] == [1, 1]


def test_the_flat_table_rules_leave_forms_and_cost_rows_as_they_were(tmp_path):
    """Review of the rules for tables naming each row's project: a spaced form whose indicator header opens with 项目
    (a form's own column, no project's name) is no such table; a form written above such a table keeps its project;
    in run-on text a cost indicator named 当年预算 with its cap (≤40万元) stays an indicator."""
    form = (
        "项目名称      第五次全国经济普查\n预算金额      44万元\n"
        "项目          一级指标      二级指标      三级指标              指标值\n"
        "绩效指标      产出指标      数量指标      普查对象登记数        ≥9000个\n"
    )
    document = read_text(tmp_path, form)
    assert [(p.name, p.budget) for p in document.projects] == [("第五次全国经济普查", 44.0)]
    assert rows(document) == [("普查对象登记数", "≥9000个")]

    above = (
        "项目名称      农村改厕奖补\n预算金额      120万元\n"
        "一级指标      二级指标      三级指标          指标值\n"
        "产出指标      数量指标      改造农村户厕数    ≥600户\n\n"
        "项目名称          预算金额    三级指标              指标值\n"
        "高标准农田建设    850.00      新建高标准农田面积    ≥1.2万亩\n"
    )
    assert "农村改厕奖补" in [p.name for p in read_text(tmp_path, above, name="above.txt").projects]

    cost = (
        "项目名称社区网格化管理一级指标二级指标三级指标指标值产出指标数量指标网格员配备人数≥150人"
        "成本指标经济成本指标当年预算≤40万元\n"
    )
    assert ("当年预算", "≤40万元") in rows(read_text(tmp_path, cost, name="cost.txt"))


def test_a_unit_and_project_heading_over_merged_cells_keeps_the_names_in_its_first_column(tmp_path):
    """`单位及项目名称` over two merged columns whose rows are merged the same way (each name in the first): the
    projects are named by the first column, as before the unit-then-project reading (which needs the second
    column to hold the names)."""
    import openpyxl

    path = tmp_path / "merged.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [
        ["单位及项目名称", None, "一级指标", "二级指标", "三级指标", "指标值"],
        ["某县人社局-职业技能培训补贴", None, "产出指标", "数量指标", "培训人次", "≥1800人次"],
        ["某县人社局-创业担保贷款贴息", None, "产出指标", "数量指标", "贴息贷款笔数", "≥150笔"],
    ]:
        sheet.append(row)
    for number in (1, 2, 3):
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=2)
    workbook.save(str(path))
    assert [p.name for p in read_document(path).projects] == ["某县人社局-职业技能培训补贴", "某县人社局-创业担保贷款贴息"]


def ruled_pdf_pages(path: Path, pages: list[tuple[list[list[str]], str]]) -> Path:
    """A PDF of one ruled table a page (reportlab draws the rules, pdfplumber finds the table), each page's table
    followed by a text line of its own (a page number); cells at the columns of a four-column form."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    columns, right, height = [40, 130, 230, 420], 560, 18
    page = canvas.Canvas(str(path), pagesize=A4)
    for table_rows, footer in pages:
        page.setFont("STSong-Light", 10)
        top = 813
        for number, cells in enumerate(table_rows):
            for x, cell in zip(columns, cells, strict=False):
                page.drawString(x + 3, top - 13 - height * number, cell)
        bottom = top - height * len(table_rows)
        for number in range(len(table_rows) + 1):
            page.line(columns[0], top - height * number, right, top - height * number)
        for x in [*columns, right]:
            page.line(x, top, x, bottom)
        page.drawString(270, bottom - 30, footer)
        page.showPage()
    page.save()
    return path


PDF_FORM_HEAD = ["一级指标", "二级指标", "三级指标", "指标值"]


def pdf_form_page(name: str, budget: str | None, indicator: list[str], footer: str) -> tuple[list[list[str]], str]:
    """One page of ruled_pdf_pages: a form's 项目名称 row, its 预算金额 row when given, the header and one indicator."""
    head = [["项目名称", name], *([["预算金额", budget]] if budget else [])]
    return [*head, PDF_FORM_HEAD, indicator], footer


def test_a_ruled_pdf_form_whose_head_is_repeated_on_the_next_page_is_one_project(tmp_path):
    """A ruled form printed over two pages repeats its 项目名称 row on the second, after the first page's number: the
    rows of page 2 went to a second project of the same name, without a budget. After a page mark, the open project's
    own name (and no other budget) goes on with it; with another budget it is another project."""
    name = "城乡居民医保参保补助"
    one = ruled_pdf_pages(
        tmp_path / "two_pages.pdf",
        [
            pdf_form_page(name, "210", ["产出指标", "数量指标", "资助参保人数", "≥3200人"], "第 1 页 共 2 页"),
            pdf_form_page(name, None, ["效益指标", "社会效益指标", "困难群众参保率", "100%"], "第 2 页 共 2 页"),
        ],
    )
    document = read_document(one)
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        (name, 210.0, ["资助参保人数", "困难群众参保率"]),
    ]
    name = "乡镇卫生院设备购置"
    two = ruled_pdf_pages(
        tmp_path / "two_projects.pdf",
        [
            pdf_form_page(name, "96", ["产出指标", "数量指标", "购置台数", "≥12台"], "- 1 -"),
            pdf_form_page(name, "54", ["产出指标", "数量指标", "购置台数", "≥7台"], "- 2 -"),
        ],
    )
    document = read_document(two)
    assert [(p.name, p.budget, [i.value for i in p.indicators]) for p in document.projects] == [
        (name, 96.0, ["≥12台"]),
        (name, 54.0, ["≥7台"]),
    ]


@pytest.mark.parametrize(
    ("head", "left_out"),
    [
        ([["项目名称", "森林防火专项", "预算金额（万元）", "45"]], []),
        ([["项目名称", "森林防火专项", "", ""], ["主管部门", "某县林业局", "项目资金（万元）", "45"]], []),
        ([["项目名称", "森林防火专项", "", ""], ["项目类型", "部门预算", "预算金额", "45"]], ["项目类型 | 部门预算"]),
        ([["项目名称", "森林防火专项", "", ""], ["项目联系人", "李四", "预算金额", "45万元"]], ["项目联系人 | 李四"]),
    ],
)
def test_a_form_head_row_of_two_labels_whose_second_is_the_budget_gives_the_budget(tmp_path, head, left_out):
    """A Word form's head row often pairs two labels and their values: 项目名称 | 甲 | 预算金额 | 45, 主管部门 | 乙 | 项目资金 |
    45. Only the first label was read, so the project had no budget (and 项目类型 | 部门预算 | 预算金额 | 45 was left out
    whole). The budget's label in the second pair is read as a row of its own; a first pair the form does not know is
    still listed as left out. Inside the indicator table, a cost row named after the budget stays an indicator."""
    document = read_word_form(
        tmp_path, head, [["产出指标", "数量指标", "防火巡查次数", "≥120次"], ["成本指标", "经济成本指标", "项目资金", "≤45万元"]]
    )
    assert [(p.name, p.budget, [(i.level3, i.value) for i in p.indicators]) for p in document.projects] == [
        ("森林防火专项", 45.0, [("防火巡查次数", "≥120次"), ("项目资金", "≤45万元")]),
    ]
    assert [s.text for s in document.skipped] == left_out


@pytest.mark.parametrize(
    ("money", "budget"),
    [
        ("年度资金总额:454510100.00%10", 45.0),  # 全年预算数 45, 全年执行数 45, 分值 10, 执行率 100.00%
        ("年度资金总额:8072.81091.00%9.1", 80.0),  # 72.8 of 80 spent: 91.00%
        ("年度资金总额:12012010100%10", 120.0),
        ("年度资金总额:5454451083.33%8", 54.0),  # 年初预算数 54 before them: 45 of 54 spent
        ("年度资金总额:45000045000010100.00%10", 45.0),  # in 元, no unit said
    ],
)
def test_a_self_evaluations_budget_run_together_with_its_spending_is_cut_where_the_rate_says(tmp_path, money, budget):
    """A self-evaluation copied as run-on text glues 全年预算数, 全年执行数 and 分值 into one figure (年度资金总额:202010, then
    执行率 100.00%): the budget read 20.201 (202010 taken for 元). The one cut of the figure into a budget, a spending and a
    weight whose spending over budget is the rate written after it gives the budget."""
    text = (
        "绩效目标自评表(2023年度)项目名称乡村公路日常养护主管部门县交通运输局资金情况(万元)全年预算数(A)全年执行数(B)"
        f"分值执行率(B/A)得分{money}其中:本年财政拨款其他资金"
        "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(50分)数量指标养护农村公路里程20≥180公里≥180公里20"
    )
    document = read_text(tmp_path, text)
    assert document.projects[0].budget == budget
    assert rows(document) == [("养护农村公路里程", "≥180公里")]


def test_a_budget_label_run_on_before_its_amount_in_money_is_cut_from_the_name(tmp_path):
    """Run-on text with no gloss and no colon (项目名称社区养老服务补贴预算金额300万元…): the budget's label stayed in the
    project's name and the project had no budget. A budget's label followed by an amount in money is one; inside the
    indicator table a cost row of that name (成本指标预算金额180万元) is still an indicator."""
    document = read_text(
        tmp_path,
        "项目名称社区养老服务补贴预算金额180万元一级指标二级指标三级指标指标值产出指标数量指标服务老人人数≥1500人"
        "成本指标预算金额180万元效益指标社会效益指标老年人服务覆盖率≥90%\n",
    )
    assert [(p.name, p.budget) for p in document.projects] == [("社区养老服务补贴", 180.0)]
    assert rows(document) == [("服务老人人数", "≥1500人"), ("预算金额", "180万元"), ("老年人服务覆盖率", "≥90%")]


def test_a_goal_listed_as_numbered_lines_keeps_every_item(tmp_path):
    """年度绩效目标： with its goal as a numbered list, an item a line: only the first item was kept and the others were
    dropped without a word. The items that go on with the numbering are the goal's; a numbered line naming the next
    project (2、乙项目（50万元）) is not."""
    document = read_text(
        tmp_path,
        "项目名称：农村饮水安全巩固提升\n预算金额：260万元\n年度绩效目标：\n1.新建集中供水工程12处；\n2.改造老旧管网85公里；\n"
        "3.农村自来水普及率达到95%。\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t新建集中供水工程\t12处\n",
    )
    assert document.projects[0].goal == "1.新建集中供水工程12处； 2.改造老旧管网85公里； 3.农村自来水普及率达到95%。"
    inline = read_text(
        tmp_path,
        "1、河道日常保洁（80万元）\n年度绩效目标：1.完成全县河道日常保洁任务；\n2.河面垃圾及时清理率达到98%。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t保洁河道长度\t≥120公里\n"
        "2、堤防工程维修养护经费（50万元）\n年度绩效目标：1.完成堤防维修养护45公里。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t维修养护堤防长度\t≥45公里\n",
        name="inline.txt",
    )
    assert [(p.name, p.budget, p.goal) for p in inline.projects] == [
        ("河道日常保洁", 80.0, "1.完成全县河道日常保洁任务； 2.河面垃圾及时清理率达到98%。"),
        ("堤防工程维修养护经费", 50.0, "1.完成堤防维修养护45公里。"),
    ]


@pytest.mark.parametrize(
    ("money_rows", "budget"),
    [
        ([["项目资金（万元）", "年度资金总额", "其中：财政拨款", "其他资金"], ["", "64", "60", "4"]], 64.0),
        ([["项目资金", "年度资金总额", "财政拨款", "自筹资金"], ["（元）", "", "", ""], ["", "640000", "600000", "40000"]], 64.0),
        ([["项目资金", "年度资金总额", "财政拨款", "其他资金"], ["万元", "64", "64", "0"]], 64.0),
        ([["项目资金（万元）", "实施期资金总额", "年度资金总额", "其中：财政拨款"], ["", "192", "64", "64"]], 64.0),
    ],
)
def test_a_budget_total_labelled_beside_its_parts_by_source_takes_the_figure_under_it(tmp_path, money_rows, budget):
    """项目资金（万元） | 年度资金总额 | 其中：财政拨款 | 其他资金, the figures on the row under them (a unit's row between them
    or in the first cell, （元） or 万元): the parts by where the money comes from were not known as column labels, so the
    project had no budget and the figures became its purpose. The figure under the year's total is the budget."""
    document = read_word_form(
        tmp_path,
        [["项目名称", "中小学校舍维修改造", "", ""], *money_rows],
        [["产出指标", "数量指标", "维修改造校舍面积", "≥3200平方米"]],
    )
    assert [(p.name, p.budget, p.purpose) for p in document.projects] == [("中小学校舍维修改造", budget, "")]
    assert rows(document) == [("维修改造校舍面积", "≥3200平方米")]
    assert document.skipped == []


@pytest.mark.parametrize(
    ("run", "rate"),
    [
        (":108.0086.40", "80.00%"),  # no weight after the spending: 10 | 8.00 | 86.40 would fit, 86.40 is no weight
        (":54454510", "100%"),  # 54 | 45 | 45 | 10 and 544 | 545 | 10 (100.18%) both fit: two budgets
    ],
)
def test_a_run_with_no_cut_or_two_budgets_is_not_cut(run, rate):
    from scorer.ingest.grammar import budget_before_its_rate

    assert budget_before_its_rate(run, rate) is None


def test_a_budget_and_a_rate_written_apart_are_read_as_written(tmp_path):
    """5510 | 100% cut apart at a space is a budget and a rate (5 | 5 | 10 would fit the rate, were they run together)."""
    document = read_text(
        tmp_path,
        "项目名称：县级储备粮轮换费用\n年度资金总额 5510 100%\n一级指标 二级指标 三级指标 指标值\n"
        "产出指标 数量指标 轮换储备粮数量 ≥2000吨\n",
    )
    assert [(p.name, p.budget) for p in document.projects] == [("县级储备粮轮换费用", 5510.0)]


def test_an_amount_beside_a_sub_item_or_a_source_gives_no_budget(tmp_path):
    """A budget's label in a row's second pair names the project's budget only in the head of its form before any is
    given: a sub-item's amount under the budget (明细项目 | 甲 | 预算金额 | 30), a source's amount after the indicators
    (资金来源 | 中央补助 | 预算金额 | 20, before the next form) and a unit's total above a flat table are no budget."""
    form = write_word(
        tmp_path / "form.docx",
        [
            ["项目名称", "农村公路养护", "", ""],
            ["预算金额（万元）", "50", "", ""],
            ["明细项目", "县乡道路路面修补", "预算金额", "30"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "修补路面面积", "≥6000平方米"],
            ["资金来源", "中央补助", "预算金额", "20"],
            ["项目名称", "农村客运站运营补助", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "补助客运站个数", "12个"],
        ],
    )
    document = read_document(form)
    assert [(p.name, p.budget) for p in document.projects] == [("农村公路养护", 50.0), ("农村客运站运营补助", None)]
    flat = write_sheet(
        tmp_path / "flat.xlsx",
        [
            ["单位名称", "某县林业局", "年度预算（万元）", "300"],
            ["项目名称", "预算金额", "三级指标", "指标值"],
            ["森林抚育", "120", "抚育面积", "≥5000亩"],
        ],
    )
    assert [(p.name, p.budget) for p in read_document(flat).projects] == [("森林抚育", 120.0)]


def test_a_cost_row_named_with_a_budget_label_keeps_its_name_in_run_on_text(tmp_path):
    """奖补资金总额300万元 inside the indicator table: the label's words are the indicator's name (a budget's label
    before an amount is cut from the text before it only right after a project's name)."""
    document = read_text(
        tmp_path,
        "项目名称：农业产业化奖补\n一级指标二级指标三级指标指标值产出指标成本指标奖补资金总额300万元效益指标经济效益指标"
        "带动社会投资总额500万元\n",
    )
    assert rows(document) == [("奖补资金总额", "300万元"), ("带动社会投资总额", "500万元")]


def test_a_numbered_heading_right_before_its_own_form_opens_the_next_project(tmp_path):
    """2.城区绿化提升（60万元） after a table's rows, with its own header (or goal, or budget) right under it: a project's
    name need not end as 经费 or 补助 do, so the line was read as an indicator of the project before, and the next
    project's rows went to it. A numbered line with no form after it (a cost item) is read as before."""
    document = read_text(
        tmp_path,
        "1.乡村道路养护（120万元）\n一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  养护里程  ≥300公里\n"
        "2.城区绿化提升（60万元）\n一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  新增绿地面积  ≥2万平方米\n"
        "3、河道堤防维修养护\n年度绩效目标：完成堤防维修养护45公里。\n一级指标  二级指标  三级指标  指标值\n"
        "产出指标  数量指标  维修养护堤防长度  ≥45公里\n4.乡村学校少年宫运行\n预算金额：40万元\n"
        "一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  开展活动场次  ≥200场\n",
    )
    assert [(p.name, p.budget, [i.level3 for i in p.indicators]) for p in document.projects] == [
        ("乡村道路养护", 120.0, ["养护里程"]),
        ("城区绿化提升", 60.0, ["新增绿地面积"]),
        ("河道堤防维修养护", None, ["维修养护堤防长度"]),
        ("乡村学校少年宫运行", 40.0, ["开展活动场次"]),
    ]


def test_a_numbered_goal_stops_at_a_heading_numbered_another_way(tmp_path):
    """1. 2. of the goal, then 二、保障措施 or （四）实施计划: the document's next part, not a third item."""
    document = read_text(
        tmp_path,
        "项目名称：老年人健康管理\n年度绩效目标：\n1.为65岁以上老年人提供健康体检2.4万人次，健康管理率达到70%。\n"
        "二、保障措施与实施计划\n县卫生健康局统筹推进，按季度督导。\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t老年人健康体检人次\t≥2.4万人次\n",
    )
    assert document.projects[0].goal == "1.为65岁以上老年人提供健康体检2.4万人次，健康管理率达到70%。"


def test_figures_under_a_budgets_column_labels_are_its_budget_only_on_the_budgets_own_row(tmp_path):
    """Under 项目资金 | 年度资金总额 | 财政拨款 | 自筹资金, a breakdown's item (灯具采购 | 60 …) is no budget and leaves the one
    given above; a 资金来源 table after a project's indicators gives the next project no budget."""
    breakdown = read_word_form(
        tmp_path,
        [
            ["项目名称", "城区路灯节能改造", "", ""],
            ["预算金额（万元）", "96", "", ""],
            ["项目资金（万元）", "年度资金总额", "财政拨款", "自筹资金"],
            ["灯具采购", "60", "60", "0"],
            ["安装施工", "36", "30", "6"],
        ],
        [["产出指标", "数量指标", "更换节能灯具", "≥1800盏"]],
    )
    assert [(p.name, p.budget) for p in breakdown.projects] == [("城区路灯节能改造", 96.0)]
    sources = read_document(
        write_word(
            tmp_path / "sources.docx",
            [
                ["项目名称", "村级卫生室运行补助", "", ""],
                ["预算金额（万元）", "75", "", ""],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "补助村卫生室个数", "≥120个"],
                ["项目资金", "年度资金总额", "其中：财政拨款", "其他资金"],
                ["", "75", "70", "5"],
                ["项目名称", "乡村医生培训", "", ""],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "培训乡村医生人数", "≥300人"],
            ],
        )
    )
    assert [(p.name, p.budget) for p in sources.projects] == [("村级卫生室运行补助", 75.0), ("乡村医生培训", None)]


def test_a_numbered_statement_or_cost_item_inside_a_table_opens_no_project(tmp_path):
    """A value-less numbered line inside the indicator table before a row whose name opens with a budget's words (项目资金
    使用合规率), before a budget's line, or before the header repeated over a page, is no project's heading."""
    document = read_text(
        tmp_path,
        "项目名称：农村危房改造\n一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  改造危房户数  ≥260户\n"
        "产出指标  质量指标\n1.危房改造竣工验收合格\n项目资金使用合规率  100%\n成本指标\n1.建材采购\n预算金额：35万元\n"
        "1.住房安全状况明显改善\n一级指标  二级指标  三级指标  指标值\n满意度指标  服务对象满意度指标  改造户满意度  ≥95%\n",
    )
    assert [p.name for p in document.projects] == ["农村危房改造"]
    names = [i.level3 for i in document.projects[0].indicators]
    assert {"改造危房户数", "项目资金使用合规率", "改造户满意度"} <= set(names)


def test_a_cell_s_second_line_without_a_tab_stays_in_the_cell():
    """Word saves a cell holding a line break as two lines, the second with no tab, right under the first (sample 002's
    视察议政业务费 goal lost its second item, silently: a newcomer's trial). A line after the row's blank line is a
    paragraph still."""
    from scorer.ingest.blocks import Paragraph, Row
    from scorer.ingest.text_export import text_to_blocks

    text = "\t绩效目标\n\t1.为代表履职提供基础保障。\n2.为代表开展视察调研提供经费保障。\n\n说明：以上为年度目标。\n"
    blocks = text_to_blocks(text)
    rows = [block for block in blocks if isinstance(block, Row)]
    assert rows[0].cells == ["绩效目标", "1.为代表履职提供基础保障。\n2.为代表开展视察调研提供经费保障。"]
    assert [block.text for block in blocks if isinstance(block, Paragraph)] == ["说明：以上为年度目标。"]


@pytest.mark.parametrize("form", ["tabs", "docx"])
def test_a_name_copying_its_group_s_label_and_a_value_copying_the_name_are_a_row(tmp_path, form):
    """效益指标 | 生态效益指标 | 生态效益指标 | 无: the third cell is the row's name (a placeholder R001 flags), not the label
    again; a value copying that name (服务对象满意度指标 three times) is the row's value. The row was read with 无 as its
    name and no value, and the second row was dropped."""
    document = read_lines(
        tmp_path,
        [
            ["项目名称", "图书馆免费开放", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "免费开放天数", "≥300天"],
            ["效益指标", "生态效益指标", "生态效益指标", "无"],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度指标", "服务对象满意度指标"],
            ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%"],
        ],
        form,
    )
    assert rows(document) == [
        ("免费开放天数", "≥300天"),
        ("生态效益指标", "无"),
        ("服务对象满意度指标", "服务对象满意度指标"),
        ("读者满意度", "≥90%"),
    ]


def test_a_group_label_written_twice_before_a_name_is_one_label(tmp_path):
    """质量指标 | 质量指标 | 设施完好率 | 100%: a merged cell exported twice, then the row's name; only a label repeated right
    before a target (生态效益指标 | 生态效益指标 | 无) is the row's name."""
    document = read_lines(
        tmp_path,
        [
            ["项目名称", "文物保护经费", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "质量指标", "质量指标", "设施完好率", "100%"],
            ["产出指标", "时效指标", "修缮完成时间", "10月底前"],
        ],
        "tabs",
    )
    assert rows(document) == [("设施完好率", "100%"), ("修缮完成时间", "10月底前")]


def test_a_notice_s_title_names_no_unit(tmp_path):
    """关于下达2023年…的通知 over a transfer's forms is the notice's title, and 根据《某市财政局关于下达2023年…》 a sentence
    citing another: neither names the unit (the projects' unit was 关于下达)."""
    document = read_text(
        tmp_path,
        "云岭县财政局\n关于下达2023年中央农田建设补助资金的通知\n根据《云州市财政局关于下达2023年农业转移支付资金的通知》，现将资金下达。\n"
        "项目名称\t农田建设补助资金\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t建设高标准农田面积\t≥1.2万亩\n",
    )
    assert not document.unit.startswith(("关于", "根据")) and rows(document) == [("建设高标准农田面积", "≥1.2万亩")]


def test_a_department_s_whole_budget_form_gives_its_unit_budget_and_duties(tmp_path):
    """部门整体支出绩效目标表: 部门名称 names the unit, 部门整体支出预算 is the budget and 年度履职目标 the goal (they were
    rows the form could not read, and the budget checks had no budget)."""
    document = read_document(
        write_word(
            tmp_path / "dept.docx",
            "2024年部门整体支出绩效目标表",
            [
                ["部门名称", "某省林业局", "", ""],
                ["部门整体支出预算（万元）", "86420.55", "", ""],
                ["年度履职目标", "完成造林20万亩，森林覆盖率保持62.5%以上", "", ""],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "完成造林面积", "≥20万亩"],
            ],
        )
    )
    (project,) = document.projects
    assert document.unit == "某省林业局" and project.budget == 86420.55 and project.goal.startswith("完成造林")
    assert not document.skipped and rows(document) == [("完成造林面积", "≥20万亩")]


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("某市财政局关于下达2023年中央农田建设补助资金的通知", "某市财政局"),
        ("某县农业农村局关于2024年度预算绩效目标的报告", "某县农业农村局"),
    ],
)
def test_the_body_issuing_a_notice_is_its_unit(tmp_path, title, unit):
    """某市财政局关于下达2023年…的通知: the unit is the body before 关于 (it was 某市财政局关于下达)."""
    document = read_text(
        tmp_path,
        f"{title}\n项目名称\t农田建设补助资金\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t建设高标准农田面积\t≥1.2万亩\n",
    )
    assert document.unit == unit


@pytest.mark.parametrize("number", ["项目 2", "项目 （2）", "项目11"])
def test_a_project_s_number_on_its_own_line_is_a_heading_even_cut_at_its_space(tmp_path, number):
    """项目 2 on a line of its own between two projects' forms: a text reader cuts it at the space into two cells, which
    were read as an indicator named 项目 with the value 2 (review 65); it is the next project's heading."""
    document = read_text(
        tmp_path,
        "项目名称：河道清淤疏浚\n预算金额：80万元\n一级指标 | 二级指标 | 三级指标 | 指标值\n"
        "产出指标 | 数量指标 | 河道清淤长度 | 12公里\n满意度指标 | 服务对象满意度指标 | 沿河群众满意度 | ≥90%\n"
        f"{number}\n项目名称：小型水库维修\n预算金额：50万元\n一级指标 | 二级指标 | 三级指标 | 指标值\n"
        "产出指标 | 数量指标 | 维修水库数量 | 3座\n",
    )
    assert [p.name for p in document.projects] == ["河道清淤疏浚", "小型水库维修"]
    assert rows(document) == [("河道清淤长度", "12公里"), ("沿河群众满意度", "≥90%"), ("维修水库数量", "3座")]


@pytest.mark.parametrize("form", ["pipes", "tabs"])
@pytest.mark.parametrize(
    ("line", "read"),
    [
        (["效益指标", "生态效益指标", "生态效益指标", "生态效益指标", "无"], ("生态效益指标", "无")),
        (["产出指标", "数量指标", "培训次数", "培训次数", "2次"], ("培训次数", "2次")),
    ],
)
def test_a_name_written_twice_before_its_target_keeps_the_target(tmp_path, form, line, read):
    """A name exported twice (a merged cell) before its target: the target is the value, the copy is listed as left out.
    The copy was read as the value (a value copying the name), and the target went to the row's extra cells or was lost
    (review 65)."""
    document = read_lines(
        tmp_path,
        [
            ["项目名称", "图书馆免费开放", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            line,
            ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%"],
        ],
        form,
    )
    assert rows(document) == [read, ("读者满意度", "≥90%")]
    assert [(skip.reason, skip.text) for skip in document.skipped] == [("同一行里重复写了一遍的指标名称", read[0])]


def test_a_prose_item_whose_target_is_said_in_words_is_an_indicator(tmp_path):
    """绩效指标：…率100%，…≥50件，档案工作水平显著提升。 in a department's whole-budget text: the last item, its target in words,
    is the weakest of the three and was left out as 文字指标没有指标值 (review 67); an item with no target at all still is."""
    document = read_text(
        tmp_path,
        "部门整体绩效目标\n二、分项绩效目标\n1、档案接收征集\n绩效目标：按照进馆计划接收到期档案。\n"
        "绩效指标：到期档案接收进馆率100%，征集散存珍贵档案≥50件，档案工作水平显著提升，开展档案安全检查。\n",
    )
    assert rows(document) == [("到期档案接收进馆率", "100%"), ("征集散存珍贵档案", "≥50件"), ("档案工作水平", "显著提升")]
    assert [(skip.reason, skip.text) for skip in document.skipped] == [("文字指标没有指标值", "开展档案安全检查")]


def test_a_workbook_s_document_title_over_a_project_s_title_is_no_project_without_a_table(tmp_path):
    """A sheet whose row 1 is the document's title (某县…项目支出绩效目标表) and row 2 the project's (…项目绩效目标表), then the
    form: the document's title was listed as 项目名称之后没有读到指标表 (review 65). The sheet's name, read before row 1, took
    the place of the document's first title."""
    path = write_sheet(
        tmp_path / "两行标题.xlsx",
        [
            ["某县文化和旅游局2025年项目支出绩效目标表"],
            ["公共图书馆免费开放项目绩效目标表"],
            ["项目名称", "公共图书馆免费开放", "预算金额（万元）", "36"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "免费开放天数", "≥300天"],
        ],
    )
    document = read_document(path)
    assert [(p.name, p.budget) for p in document.projects] == [("公共图书馆免费开放", 36.0)]
    assert rows(document) == [("免费开放天数", "≥300天")]
    assert document.skipped == []


def test_a_numbered_list_s_value_starting_with_a_date_is_split_at_its_space(tmp_path):
    """A project's indicators in one cell as a numbered list (一、产出指标 （三）时效指标 1. 名称 值, as seed 004): a value
    that starts with a date (2025年10月底前, 5月12日前后及…) was cut at its last figure, the rest of the date left in the
    name (改厕任务完成时间2025年 | 10月底前; review 68)."""
    blob = (
        "一、产出指标 （一）数量指标 1. 新改建卫生户厕 150户 （三）时效指标 1. 改厕任务完成时间 2025年10月底前 "
        "2. 宣传活动开展时间 5月12日前后及6月安全生产月期间 3. 粪污清运频次 每月 2次 4. 资金拨付时间 2025年 6月30日前 "
        "（二）质量指标 1. 资金 按时拨付率 100% 2. 村庄 12个 覆盖率 100% "
        "二、效益指标 （一）生态效益指标： 1. 村庄环境 干净整洁有序"
    )
    document = read_text(
        tmp_path,
        "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标\n508\t石门乡人民政府\t\t85.00\t\n"
        "\t农村人居环境整治\t85.00\t新建改造农村卫生户厕150户。\t" + blob + "\n",
    )
    assert rows(document) == [
        ("新改建卫生户厕", "150户"),
        ("改厕任务完成时间", "2025年10月底前"),
        ("宣传活动开展时间", "5月12日前后及6月安全生产月期间"),
        ("粪污清运频次", "每月2次"),
        ("资金拨付时间", "2025年6月30日前"),
        ("资金按时拨付率", "100%"),  # a name's space before words, not before a value (code review 72)
        ("村庄12个覆盖率", "100%"),
        ("村庄环境", "干净整洁有序"),
    ]


def test_a_value_copying_the_name_stays_the_value_where_the_header_has_a_column_for_what_follows(tmp_path):
    """免费开放服务 | 免费开放服务 | 按时 under 指标值 | 指标值确定依据: the copy is the value (V002's) and 按时 the basis, not a
    merged cell written twice before its target (adversarial review 70)."""
    document = read_lines(
        tmp_path,
        [
            ["项目名称", "图书馆免费开放", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
            ["产出指标", "数量指标", "免费开放服务", "免费开放服务", "按时"],
            ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "上年调查"],
        ],
        "pipes",
    )
    assert rows(document) == [("免费开放服务", "免费开放服务"), ("读者满意度", "≥90%")]
    assert document.skipped == []


def test_a_flat_table_s_total_rows_are_no_projects(tmp_path):
    """统计合计 | 200 and 教育局小计 | 200 under a 项目名称 column, with no indicator: totals, which were read as projects with
    no indicators, scored 0 and graded E in the ranking (adversarial review 70)."""
    path = write_sheet(
        tmp_path / "合计.xlsx",
        [
            ["项目名称", "预算数（万元）", "一级指标", "二级指标", "三级指标", "指标值"],
            ["统计调查经费", 120, "产出指标", "数量指标", "调查户数", "≥500户"],
            ["普查经费", 80, "产出指标", "数量指标", "普查单位", "≥300家"],
            ["统计合计", 200, None, None, None, None],
            ["教育局小计", 200, None, None, None, None],
        ],
    )
    document = read_document(path)
    assert [(p.name, p.budget) for p in document.projects] == [("统计调查经费", 120.0), ("普查经费", 80.0)]
    assert [skip.reason for skip in document.skipped] == ["没有指标的汇总行（单位或合计行）"] * 2


@pytest.mark.parametrize("heading", ["项目 一：河道清淤疏浚", "项目 1 河道清淤疏浚"])
def test_a_numbered_project_heading_cut_at_its_spaces_names_its_project(tmp_path, heading):
    """项目 一：甲 or 项目 1 甲 on its own line, cut at the spaces into cells: the heading names the project whose form follows,
    as 项目一：甲 does; the document's title was taken as the project (adversarial review 70)."""
    document = read_text(
        tmp_path,
        f"某县水利局2025年项目支出绩效目标表\n{heading}\n预算金额：80万元\n一级指标 | 二级指标 | 三级指标 | 指标值\n"
        "产出指标 | 数量指标 | 河道清淤长度 | 12公里\n",
    )
    assert [(p.name, p.budget) for p in document.projects] == [("河道清淤疏浚", 80.0)]
    assert rows(document) == [("河道清淤长度", "12公里")]


def test_a_prose_item_whose_unit_is_of_four_characters_is_read(tmp_path):
    """绩效指标：…，一般登记办理时限≤3个工作日，… : the item was left out, its unit (个工作日) longer than the three characters
    the prose reader took after a figure (review 69)."""
    document = read_text(
        tmp_path,
        "部门整体绩效目标\n二、分项绩效目标\n1、不动产登记\n绩效目标：提供不动产登记服务。\n"
        "绩效指标：不动产登记办结率100%，一般登记办理时限≤3个工作日，治理水土流失面积≥12平方公里。\n",
    )
    assert rows(document) == [
        ("不动产登记办结率", "100%"),
        ("一般登记办理时限", "≤3个工作日"),
        ("治理水土流失面积", "≥12平方公里"),
    ]


def test_a_flat_table_s_annual_budget_column_and_its_one_unit_are_read(tmp_path):
    """年度预算（万元） heads the budget column (it was not read: every cost check was off, review 69), and a 单位名称 column
    naming one unit on every row names the document's unit; a second unit takes it back."""
    header = ["单位名称", "项目名称", "年度预算（万元）", "一级指标", "二级指标", "三级指标", "指标值"]
    one = read_document(
        write_sheet(
            tmp_path / "一个单位.xlsx",
            [header, ["某县交通运输局", "农村公路养护工程", 60, "产出指标", "数量指标", "养护里程", "≥120公里"]],
        )
    )
    assert [(p.name, p.budget) for p in one.projects] == [("农村公路养护工程", 60.0)] and one.unit == "某县交通运输局"
    two = read_document(
        write_sheet(
            tmp_path / "两个单位.xlsx",
            [
                header,
                ["某县交通运输局", "农村公路养护工程", 60, "产出指标", "数量指标", "养护里程", "≥120公里"],
                ["某县水利局", "小型水库维修", 50, "产出指标", "数量指标", "维修水库数量", "3座"],
            ],
        )
    )
    assert [p.budget for p in two.projects] == [60.0, 50.0] and two.unit == ""


@pytest.mark.parametrize(
    ("title", "project", "unit"),
    [
        ("青岚县市场监督管理局2025年项目支出绩效目标表", "12315投诉举报处置经费", "青岚县市场监督管理局"),
        ("项目支出绩效自评表（2024年度）", "农村饮水安全工程维修养护", ""),
        ("某市预算绩效管理中心2025年项目支出绩效目标表", "第三方绩效评价", "某市预算绩效管理中心"),  # 绩效 in a body's name
    ],
)
def test_a_unit_is_no_table_s_name_nor_a_project_named_after_a_hotline(tmp_path, title, project, unit):
    """项目支出绩效自评表（2024年度） named its unit 项目支出绩效自评表（, the title's words before its year; a project named
    12315投诉举报处置经费 was read as a unit code row (12315) and its unit (review 69); a body whose name holds 绩效 lost its
    unit to the first fix (code review 72)."""
    header = ["项目名称", "预算数（万元）", "一级指标", "二级指标", "三级指标", "指标值"]
    path = write_sheet(tmp_path / "表.xlsx", [[title], header, [project, 40, "产出指标", "数量指标", "服务对象数", "≥20个"]])
    assert read_document(path).unit == unit


def test_a_prose_item_keeps_its_change_against_last_year_and_its_target_in_words(tmp_path):
    """绩效指标：…，新发现吸毒人员数较上年下降5%，交通秩序明显好转，全民禁毒宣传深入开展。 the change against last year was left
    in the name (value 5%), and the two items whose targets are said in words were not read (review 71)."""
    document = read_text(
        tmp_path,
        "部门整体绩效目标\n二、分项绩效目标\n1、禁毒工作\n绩效目标：深化禁毒人民战争。\n"
        "绩效指标：现有吸毒人员管控率≥95%，新发现吸毒人员数较上年下降5%，交通秩序明显好转，全民禁毒宣传深入开展。\n",
    )
    assert rows(document) == [
        ("现有吸毒人员管控率", "≥95%"),
        ("新发现吸毒人员数", "较上年下降5%"),
        ("交通秩序", "明显好转"),
        ("全民禁毒宣传", "深入开展"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "项目预算：26.50万元，全部为一般公共预算财政拨款。年度绩效目标：全年巡检消防栓320个，维修损坏消防栓不少于40个。",
        "项目预算：26.50万元。年度绩效目标：全年巡检消防栓320个，维修损坏消防栓不少于40个。",
        "项目预算：26.50万元，其中上级补助资金10万元。年度绩效目标：全年巡检消防栓320个，维修损坏消防栓不少于40个。",
        "项目预算：26.50万元，其中中央资金10万元，县级资金16.5万元。年度绩效目标：全年巡检消防栓320个，维修损坏消防栓不少于40个。",
        "项目预算：26.50万元，较上年增长10%。年度绩效目标：全年巡检消防栓320个，维修损坏消防栓不少于40个。",
    ],
)
def test_a_budget_line_with_its_source_of_money_and_the_goal_after_a_full_stop_gives_both(tmp_path, line):
    document = read_text(
        tmp_path,
        "# 某县消防救援大队2025年项目支出绩效目标\n\n## 一、市政消防栓维护经费\n\n"
        f"{line}\n\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- | --- |\n"
        "| 产出指标 | 数量指标 | 巡检消防栓数量 | ≥320个 |\n|  | 时效指标 | 维修完成时间 | 11月底前 |\n",
    )
    [project] = document.projects
    assert project.budget == 26.5
    assert project.goal.startswith("全年巡检消防栓320个")
    assert rows(document) == [("巡检消防栓数量", "≥320个"), ("维修完成时间", "11月底前")]


def test_a_goal_labelled_on_a_piped_line_is_its_goal_whatever_its_figures(tmp_path):
    """年度总体目标 | 开展…1.2万人份，…治疗率达85%以上。: a goal's prose with figures and a percentage glued to words,
    not a run of indicators whose separators were lost."""
    lines = [
        ["项目名称", "结核病防治专项经费", "", "", ""],
        ["年度总体目标", "全年开展肺结核可疑症状者筛查1.2万人份，对密切接触者筛查600人次，管理率达85%以上。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["产出指标", "数量指标", "可疑症状者筛查人份", "≥1.2万人份", "1.25万人份"],
        ["", "质量指标", "患者规范管理率", "≥85%", "90%"],
    ]
    for form in ("pipes", "tabs"):
        document = read_lines(tmp_path, lines, form, title="某县疾病预防控制中心2024年度项目支出绩效自评表")
        assert document.projects, form
        [project] = document.projects
        assert project.goal.startswith("全年开展肺结核可疑症状者筛查1.2万人份"), form
        assert rows(document) == [("可疑症状者筛查人份", "≥1.2万人份"), ("患者规范管理率", "≥85%")], form


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("xx-jiedu-2025-xiangmu.csv", 2025),
        ("e2019f3a.csv", 2026),
        ("d3f1c2a0-2031-4b7e.csv", 2026),
        ("绩效目标表（2020版）.csv", 2026),
        ("财预〔2025〕86号附件.csv", 2026),
    ],
)
def test_a_year_the_file_name_carries_comes_before_a_deadline_s_year(tmp_path, name, year):
    """A table with no title and no 预算年度: a deadline in its rows may be next year's (2026年6月底前), so the year its
    file's name carries, the year before, is the table's; a name's other figures (a hash, a serial, a template's
    version, a document's number) set no year."""
    path = tmp_path / name
    path.write_text(
        "项目名称,项目金额（万元）,一级指标,二级指标,三级指标,指标值\n"
        "戒毒人员帮扶经费,12,产出指标,数量指标,帮扶戒毒人员人数,≥60人\n"
        "戒毒人员帮扶经费,12,产出指标,时效指标,帮扶资金发放时间,2026年6月底前\n",
        encoding="utf-8",
    )
    assert read_document(path).year == year


def test_a_goal_label_before_a_run_of_indicators_keeps_them(tmp_path):
    """年度目标, then a run of groups, names and targets whose separators were lost: indicators, not the goal's prose."""
    document = read_text(
        tmp_path,
        "某县疾病预防控制中心2025年项目支出绩效目标表\n项目名称\t结核病防治专项经费\n项目预算\t45万元\n"
        "年度目标\t数量指标 筛查人数 ≥12000人 质量指标 患者规范管理率 ≥85% 时效指标 筛查完成时间 12月底前 "
        "成本指标 筛查成本 ≤45万元\n",
    )
    assert rows(document) == [
        ("筛查人数", "≥12000人"),
        ("患者规范管理率", "≥85%"),
        ("筛查完成时间", "12月底前"),
        ("筛查成本", "≤45万元"),
    ]


@pytest.mark.parametrize(
    "title", ["某县水文局2024年部门预算项目支出绩效目标", "某县气象灾害防御中心2024年气象灾害防御项目绩效目标"]
)
def test_a_title_ending_in_its_goals_states_the_year(tmp_path, title):
    """某县水文局2024年部门预算项目支出绩效目标, a title that ends naming the goals and no 表: the year it states is the
    budget year (L012 reads only a stated year; a 2023年9月底前 deadline in it was let pass)."""
    document = read_text(
        tmp_path,
        f"{title}\n\n一、水文站网运行维护经费\n项目预算：26万元\n\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- | --- |\n"
        "| 产出指标 | 时效指标 | 设备采购完成时间 | 2023年9月底前 |\n",
    )
    assert (document.year, document.year_stated) == (2024, True)


@pytest.mark.parametrize(
    "heading", ["二、2025年绩效目标", "三、2025年项目绩效目标", "项目中期绩效目标（2024-2026年）", "2021-2025年中期绩效目标"]
)
def test_a_section_heading_ending_in_goals_states_no_year(tmp_path, heading):
    """A section's heading that ends in 绩效目标 (二、2025年绩效目标, a plan's span) is no title: the year it names is not the
    table's, so no deadline is read against it (review 77)."""
    document = read_text(
        tmp_path,
        f"某县民政局项目支出绩效自评\n\n{heading}\n\n一、临时救助资金\n项目预算：26万元\n\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- | --- |\n"
        "| 产出指标 | 时效指标 | 救助金发放时间 | 2024年11月底前 |\n",
    )
    assert not document.year_stated
    assert not any(character.isdigit() for character in document.unit)  # 2021-2025年…: no unit named 2021-


def test_a_heading_s_gloss_of_its_budget_without_a_colon_gives_the_budget(tmp_path):
    """一、乡村应急广播维护（预算36.00万元）: the gloss is the budget, not part of the project's name."""
    document = read_text(
        tmp_path,
        "某县气象局2024年项目绩效目标\n\n一、乡村应急广播维护（预算36.00万元）\n\n年度绩效目标：维护乡村应急广播380套。\n\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t维护应急广播套数\t≥380套\n",
    )
    [project] = document.projects
    assert (project.name, project.budget) == ("乡村应急广播维护", 36.0)


def test_a_form_s_head_printed_again_over_a_page_goes_on_with_its_groups_and_rows(tmp_path):
    """A text layer of a PDF: the title and the column heads printed again after the page's number (— 1 —); the rows
    under them go on in the groups above, and the first of them is a row, not the rest of a broken header."""
    document = read_text(
        tmp_path,
        "2022年部门预算项目支出绩效目标表\n单位：某县文化广电体育局                 金额单位：万元\n\n"
        "项目名称    全民健身场馆开放\n预算金额    60.00\n"
        "一级指标    二级指标    三级指标          指标值\n"
        "产出指标      数量指标        全年开放天数        ≥330天\n"
        "          质量指标        场馆设施完好率       ≥95%\n\n— 1 —\n\n"
        "2022年部门预算项目支出绩效目标表\n一级指标    二级指标    三级指标          指标值\n"
        "                      场馆安全检查合格率      100%\n"
        "          时效指标        开放时间公示时间      3月底前\n"
        "效益指标      社会效益指标      参与健身群众人次      ≥20万人次\n",
    )
    assert document.unit == "某县文化广电体育局"
    [project] = document.projects
    assert [(i.level1, i.level2, i.level3, i.value) for i in project.indicators] == [
        ("产出指标", "数量指标", "全年开放天数", "≥330天"),
        ("产出指标", "质量指标", "场馆设施完好率", "≥95%"),
        ("产出指标", "质量指标", "场馆安全检查合格率", "100%"),
        ("产出指标", "时效指标", "开放时间公示时间", "3月底前"),
        ("效益指标", "社会效益指标", "参与健身群众人次", "≥20万人次"),
    ]


def test_a_workbook_s_note_sheet_is_listed_as_left_out(tmp_path):
    """A sheet named 说明 holding the export's note: no indicator of the last project, and said as left out."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "项目绩效指标"
    for row in [
        ["项目名称", "预算数（万元）", "一级指标", "二级指标", "三级指标", "指标值"],
        ["特殊教育学校公用经费", 60, "产出指标", "数量指标", "保障在校学生人数", "≥120人"],
        ["特殊教育学校公用经费", 60, "满意度指标", "服务对象满意度指标", "学生家长满意度", "≥95%"],
    ]:
        sheet.append(row)
    workbook.create_sheet("说明").append(["某县教育局2025年项目支出绩效指标导出"])
    path = tmp_path / "export.xlsx"
    workbook.save(str(path))
    document = read_document(path)
    assert rows(document) == [("保障在校学生人数", "≥120人"), ("学生家长满意度", "≥95%")]
    assert [skip.text for skip in document.skipped] == ["某县教育局2025年项目支出绩效指标导出"]
