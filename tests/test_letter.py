"""`zhibiao letter`: the 修改意见 .docx per unit holds every finding the reviewer agreed with (同意), and none
the reviewer overruled (不同意); projects worst first."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner

from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "003_e894add5ed61165e.txt"  # 7 projects, 31 indicators, one unit


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_the_letter_holds_every_agreed_finding_and_no_overruled_one(tmp_path):
    first = run("score", SAMPLE, "--findings", tmp_path / "findings.csv", "--xlsx", tmp_path / "review.xlsx", "-q")
    assert first.exit_code == EXIT_OK
    workbook = openpyxl.load_workbook(tmp_path / "review.xlsx")
    sheet = workbook["指标明细"]
    header = [cell.value for cell in sheet[1]]
    column = {name: header.index(name) for name in header}
    agreed, overruled = set(), set()
    for number, cells in enumerate(sheet.iter_rows(min_row=2)):
        if not cells[column["问题类别"]].value:  # only rows with a scored finding
            continue
        key = (cells[column["项目"]].value, cells[column["三级指标"]].value)
        verdict = "不同意" if number % 3 == 0 else "同意"
        cells[column["审核意见"]].value = verdict
        (overruled if verdict == "不同意" else agreed).add(key)
    assert agreed and overruled
    workbook.save(tmp_path / "reviewed.xlsx")

    letters = tmp_path / "letters"
    letters.mkdir()
    result = run("letter", SAMPLE, "-o", letters, "--decisions", tmp_path / "reviewed.xlsx")
    assert result.exit_code == EXIT_OK, result.output
    written = sorted(letters.glob("*.docx"))
    assert [p.name for p in written] == ["唐山市路南区人民代表大会常务委员会绩效目标修改意见.docx"]
    letter = docx.Document(str(written[0]))
    listed: dict[tuple[str, str], str] = {}
    headings = [p.text for p in letter.paragraphs if p.style.name.startswith("Heading 2")]
    tables = iter(letter.tables)
    body = letter.element.body
    project = ""
    for block in body.iterchildren():  # headings and tables in document order
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p" and block.xpath("string(.)") in headings:
            project = re.sub(r"^[一二三四五六七八九十]+、|（得分.*$", "", block.xpath("string(.)"))
        elif tag == "tbl":
            table = next(tables)
            for row in table.rows[1:]:
                indicator = row.cells[1].text.split("：", 1)[-1]
                listed[(project, indicator)] = row.cells[3].text

    findings = [
        f for f in csv.DictReader((tmp_path / "findings.csv").open(encoding="utf-8-sig")) if f["row"] and f["severity"] != "info"
    ]
    by_name = _indicator_names(tmp_path)
    checked = 0
    for finding in findings:
        key = (finding["project"], by_name[(finding["project"], int(float(finding["row"])))])
        if key in agreed:
            assert finding["message"] in listed.get(key, ""), (key, finding["message"])
            checked += 1
    assert checked >= len(agreed)
    assert not overruled & set(listed)
    scores = [float(re.search(r"得分 ([\d.]+)", h)[1]) for h in headings]
    assert scores == sorted(scores)


def _indicator_names(folder: Path) -> dict[tuple[str, int], str]:
    rows = run("score", SAMPLE, "-o", folder / "rows.csv", "-q")
    assert rows.exit_code == EXIT_OK
    return {
        (r["project"], int(r["row_index"])): r["level3"] for r in csv.DictReader((folder / "rows.csv").open(encoding="utf-8-sig"))
    }


def test_letter_needs_an_existing_folder(tmp_path):
    result = run("letter", SAMPLE, "-o", tmp_path / "missing")
    assert result.exit_code == EXIT_NOTHING_READ and "mkdir -p" in result.stderr
    assert result.stderr.count("\n") == 1


def test_letter_suggest_adds_rows_to_refer_to(tmp_path):
    result = run("letter", SAMPLE, "-o", tmp_path, "--suggest", "-q")
    assert result.exit_code == EXIT_OK
    letter = docx.Document(str(next(tmp_path.glob("*.docx"))))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in letter.tables]
    with_column = [t for t in tables if t[0][-1] == "可参考的指标"]  # a project none of whose rows has one: no column
    assert with_column and all(t[0][-1] == "修改建议" for t in tables if t not in with_column)
    referred = [r[-1] for t in with_column for r in t[1:] if r[-1]]
    assert referred and all("取自" in line for text in referred for line in text.splitlines())


def _text_of(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_with_lang_en_the_letter_is_english_and_by_default_chinese(tmp_path):
    chinese, english = tmp_path / "zh", tmp_path / "en"
    chinese.mkdir()
    english.mkdir()
    assert run("letter", SAMPLE, "-o", chinese, "--no-model", "-q").exit_code == EXIT_OK
    assert run("--lang", "en", "letter", SAMPLE, "-o", english, "--no-model", "-q").exit_code == EXIT_OK
    [zh_path], [en_path] = sorted(chinese.glob("*.docx")), sorted(english.glob("*.docx"))
    assert zh_path.name == "唐山市路南区人民代表大会常务委员会绩效目标修改意见.docx"
    assert en_path.name == "唐山市路南区人民代表大会常务委员会_performance_targets_to_revise.docx"
    zh_letter, en_letter = docx.Document(str(zh_path)), docx.Document(str(en_path))
    zh_text = _text_of(zh_letter)
    assert "经审核，贵单位报送的预算绩效目标表中有" in zh_text and "审核人：" in zh_text
    assert [c.text for c in zh_letter.tables[0].rows[0].cells][:5] == ["序号", "指标", "指标值", "问题", "修改建议"]
    assert [c.text for c in en_letter.tables[0].rows[0].cells][:5] == ["No.", "Indicator", "Value", "Problem", "Suggested fix"]
    headings = [p.text for p in en_letter.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "唐山市路南区人民代表大会常务委员会: budget performance targets to revise"
    assert all(re.match(r"\d+\. .+ \(score [\d.]+, grade [A-E]\)$", h) for h in headings[1:]), headings
    assert len(headings) == len([p for p in zh_letter.paragraphs if p.style.name.startswith("Heading")])
    # the letter's own words and the findings' reasons and fixes are English; the cells it quotes are not
    words = re.sub(r"“[^”]*”", "", _text_of(en_letter))
    for table in en_letter.tables:
        for row in table.rows[1:]:
            words = words.replace(row.cells[1].text, "").replace(row.cells[2].text, "")
    for heading in headings:
        words = words.replace(heading, "")
    assert not re.findall(r"[\u4e00-\u9fff]+", words.replace("唐山市路南区人民代表大会常务委员会", "").replace("万元", ""))


def test_an_export_of_several_units_gives_a_letter_to_each_unit(tmp_path):
    """Found in a newcomer's trial: a budget system's export with a 单位名称 column naming several units gave one
    letter, addressed to the file's name and listing every department's rows; score read it a unit a document."""
    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值\n"
        "某县教育局,学生资助资金,120,产出指标,数量指标,资助学生人数,显著提高\n"
        "某县教育局,学生资助资金,120,满意度指标,服务对象满意度指标,学生满意度,≥90次\n"
        "某县民政局,临时救助资金,30,产出指标,数量指标,救助人次,有效提升\n",
        encoding="utf-8",
    )
    letters = tmp_path / "letters"
    letters.mkdir()
    result = run("letter", export, "-o", letters, "--no-model")
    assert result.exit_code == EXIT_OK, result.output
    written = sorted(path.name for path in letters.iterdir())
    assert written == ["某县教育局绩效目标修改意见.docx", "某县民政局绩效目标修改意见.docx"]
    body = "\n".join(p.text for p in docx.Document(letters / written[1]).paragraphs)
    assert "临时救助资金" in body and "学生资助资金" not in body
