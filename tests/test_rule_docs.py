"""Issue 15, rule docs in Chinese: every rule has a reviewer's documentation in lexicons/rule_docs.yaml,
its 反例 is flagged by the rule and its 正例 is not (run the way tests/rule_examples.yaml is run), and
`zhibiao rule` prints it by default, the English docstring with --lang en."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from test_rule_examples import flagged

from scorer.classifier import MODEL_CODES
from scorer.cli import cli
from scorer.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
DOCS = yaml.safe_load((ROOT / "lexicons" / "rule_docs.yaml").read_text(encoding="utf-8"))
RULE_CODES = sorted(load_rules())
MODEL = sorted(MODEL_CODES.values())
# what tests/test_rule_examples.py's build_documents reads; `note` is for the reader only
CASE_KEYS = {"project", "budget", "purpose", "goal", "unit", "year", "level1", "level2", "name", "value"}
CASE_KEYS |= {"rows", "others", "documents", "schedule", "note"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_and_model_code_has_a_chinese_doc_and_no_code_is_stale():
    assert set(DOCS) == set(RULE_CODES) | set(MODEL), (
        f"missing: {sorted(set(RULE_CODES) | set(MODEL) - set(DOCS))}; stale: {sorted(set(DOCS) - set(RULE_CODES) - set(MODEL))}"
    )
    for code, doc in DOCS.items():
        for section in ("what", "why", "fix"):
            assert CHINESE.search(str(doc.get(section, ""))), (code, section)
    for code in RULE_CODES:
        for side in ("bad", "good"):
            case = DOCS[code].get(side)
            assert isinstance(case, dict) and case.get("project") and case.get("name"), (code, side)
            assert set(case) <= CASE_KEYS, (code, side, set(case) - CASE_KEYS)


@pytest.mark.parametrize("code", RULE_CODES)
def test_the_bad_example_is_flagged_and_the_good_one_is_not(code):
    doc = DOCS[code]
    assert flagged(code, doc["bad"]), f"{code} 反例 not flagged: {doc['bad']['name']} = {doc['bad']['value']}"
    assert not flagged(code, doc["good"]), f"{code} 正例 flagged: {doc['good']['name']} = {doc['good']['value']}"


def test_rule_prints_the_chinese_doc_by_default_and_the_docstring_in_english():
    runner = CliRunner()
    chinese = runner.invoke(cli, ["rule", "L101"])
    assert chinese.exit_code == 0
    doc = DOCS["L101"]
    for expected in (
        "检查什么：" + doc["what"],
        "为什么重要：",
        "反例（本规则会标出）：",
        "正例（本规则不标出）：",
        "怎样修改：",
    ):
        assert expected in chinese.output, expected
    assert "（预算 30 万元）" in chinese.output and "成本指标 / 医疗设备购置成本 = ≤15万元" in chinese.output
    assert "Bad:" not in chinese.output and load_rules()["L101"].doc not in chinese.output
    english = runner.invoke(cli, ["--lang", "en", "rule", "L101"])
    assert english.exit_code == 0
    assert load_rules()["L101"].doc in english.output and "反例" not in english.output
    assert english.output.startswith("L101 costs-exceed-budget")
    context = runner.invoke(cli, ["rule", "C201"]).output  # a year-over-year rule shows the earlier file
    assert "另一文件（某镇人民政府，2023年）的项目“乡村道路保洁经费”" in context
    stale = runner.invoke(cli, ["rule", "L012"]).output  # a newcomer's trial read the year as a unit (单位：2022年)
    assert "预算年度：2022年" in stale and "单位：2022年" not in stale
    model = runner.invoke(cli, ["rule", "M001"])
    assert model.exit_code == 0 and DOCS["M001"]["what"] in model.output and "分类模型" in model.output


def test_the_rules_sheet_explains_each_rule_in_the_language_of_the_run(tmp_path):
    seed = ROOT / "samples" / "003_e894add5ed61165e.txt"
    runner = CliRunner()
    for language, sheet_name in (("zh", "规则统计"), ("en", "Rules")):
        workbook = tmp_path / f"{language}.xlsx"
        result = runner.invoke(cli, ["--lang", language, "score", str(seed), "--xlsx", str(workbook), "-q", "--no-model"])
        assert result.exit_code == 0, result.output
        sheet = openpyxl.load_workbook(workbook)[sheet_name]
        header = [cell.value for cell in sheet[1]]
        about = header.index("说明" if language == "zh" else "What it flags")
        explained = {row[0].value: row[about].value for row in sheet.iter_rows(min_row=2)}
        rules = load_rules()
        expected = {code: DOCS[code]["what"] if language == "zh" else rules[code].summary for code in RULE_CODES}
        assert explained == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rule_s_message_is_shown_without_the_raw_fields_of_its_template(lang):
    """`zhibiao rule V001` ended with 提示语：指标值“{value}”无可考核标准（{evidence}）… (a newcomer trial)."""
    import re

    for code in RULE_CODES:
        result = CliRunner().invoke(cli, ["rule", code, "--lang", lang])
        assert result.exit_code == 0, result.output
        assert not re.search(r"\{\w*(?::[^{}]*)?\}", result.output), (code, result.output)
    first_line = CliRunner().invoke(cli, ["rule", "P101", "--lang", lang]).output.splitlines()[0]
    assert ("［完整性，" if lang == "zh" else "[completeness, ") in first_line, first_line  # was ［completeness，…］
