"""The findings' wording with --lang en: every rule's message and fix in English (lexicons/rule_messages_en.yaml),
the cells they quote as written; the model's findings and notes and the waivers too. Chinese by default."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import scorer
from scorer.decisions import OVERRULE, Decision
from scorer.lexicons import table
from scorer.messages import english_term, english_wording, set_language
from scorer.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"")  # cell contents, quoted as the tables write them
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MONEY_UNIT = "万元"  # the tables' unit of money, kept in English text as the reports' headings do


def chinese_outside_quotes(sentence: str) -> list[str]:
    """The Chinese characters of a sentence once its quoted parts and the 万元 unit are taken out."""
    return CJK.findall(QUOTED.sub("", sentence).replace(MONEY_UNIT, ""))


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_every_rule_with_a_chinese_message_has_an_english_one_with_the_same_fields(rules):
    english = table("rule_messages_en")["rules"]
    assert set(english) <= set(rules), set(english) - set(rules)
    for code, rule in rules.items():
        if not rule.message:
            continue
        entry = english_wording(code)
        assert entry.get("message"), f"{code}: no English message in lexicons/rule_messages_en.yaml"
        fix = entry.get("fix", "")
        # a Chinese message may carry its fix after 建议 (V001: 建议{fix}); the English fix is written apart
        assert fields_of(entry["message"]) | fields_of(fix) == fields_of(rule.message) | fields_of(rule.fix), code
        if rule.fix:
            assert fields_of(entry["message"]) == fields_of(rule.message), code
            assert fields_of(fix) == fields_of(rule.fix), code
        elif "建议" in rule.message:
            assert fix, f"{code}: the Chinese message suggests a fix; the English entry has none"
        else:
            assert not fix, f"{code}: an English fix where the Chinese wording has none"
        for name in entry.get("terms", []):
            assert name in fields_of(entry["message"]) | fields_of(fix), (code, name)
        for template in (entry["message"], fix):
            assert template.strip() == template and not chinese_outside_quotes(template), (code, template)


def test_the_terms_are_english_and_lists_of_terms_are_said_term_by_term():
    for chinese, english in table("rule_messages_en")["terms"].items():
        assert english and not chinese_outside_quotes(str(english)), chinese
    assert english_term("数量、时效") == "quantity, timeliness"
    assert english_term("年末只到80%") == "reaches only 80% by year end"
    assert english_term("年末只到12.5%") == "reaches only 12.5% by year end"
    assert english_term("某个未知的词") == "某个未知的词"  # kept as it is: never a wrong translation
    assert english_term("数量、某个未知的词") == "数量、某个未知的词"


@pytest.fixture(scope="module")
def english_result():
    set_language("en")
    try:
        return scorer.score(SAMPLES)
    finally:
        set_language("zh")


def test_an_english_run_says_nothing_in_chinese_outside_the_quoted_cells(english_result):
    findings = english_result.findings
    assert len(findings) > 100 and findings["code"].str.startswith("M").any()  # the model's findings too
    for record in findings.itertuples():
        assert record.message and not chinese_outside_quotes(record.message), (record.code, record.message)
        assert not chinese_outside_quotes(record.fix), (record.code, record.fix)
    rows = english_result.rows
    assert (rows["messages"] != "").sum() > 50
    for column in ("messages", "fixes"):
        for cell in rows[column]:
            for part in cell.split("；"):
                assert not chinese_outside_quotes(part), (column, cell)


def test_the_default_run_is_chinese(english_result):
    chinese = scorer.score(SAMPLES)
    assert len(chinese.findings) == len(english_result.findings)
    assert chinese.findings["code"].tolist() == english_result.findings["code"].tolist()
    assert chinese.findings["evidence"].tolist() == english_result.findings["evidence"].tolist()  # cells, as written
    assert all(re.search(r"[\u4e00-\u9fff]", m) for m in chinese.findings["message"])
    model = chinese.findings[chinese.findings["code"].str.startswith("M")]
    assert model["message"].str.startswith(("分类模型估计该指标“", "模型判断该指标可能属于“")).all()


@pytest.mark.parametrize("first", ["zh", "en"])
def test_a_run_in_one_language_then_the_other_in_the_same_process_is_worded_afresh(first):
    """The engine keeps each distinct row's verdicts with their wording (scorer/engine.py _row_cache): the
    language is part of the key, so the second run is not served the first one's sentences."""
    from scorer import engine

    assert engine.USE_ROW_CACHE
    second = "zh" if first == "en" else "en"
    worded = {}
    for language in (first, second, first):
        set_language(language)
        result = scorer.score(SAMPLES[:2], use_model=False)
        messages = result.findings["message"].tolist()
        worded.setdefault(language, messages)
        assert messages == worded[language], language  # the same wording as the first run in this language
    set_language("zh")
    assert worded["zh"] != worded["en"]
    assert all(re.search(r"[\u4e00-\u9fff]", m) for m in worded["zh"])
    assert not any(chinese_outside_quotes(m) for m in worded["en"])


def test_a_row_without_a_name_and_the_wording_of_a_waiver_follow_the_language():
    decision = Decision("doc", "项目", "培训次数", "≥2次", "V001", OVERRULE, "本单位常年口径", "李审核", "2026-12-01")
    assert decision.waiver() == "已豁免（本单位常年口径；李审核，2026-12-01）"
    assert Decision("doc", "项目", "", "", "P101", OVERRULE).waiver() == "已豁免"
    set_language("en")
    assert decision.waiver() == "waived (本单位常年口径; 李审核, 2026-12-01)"
    assert Decision("doc", "项目", "", "", "P101", OVERRULE).waiver() == "waived"


def _skip_reasons_in_the_readers() -> set[str]:
    """Every reason a reader writes where it leaves a row out: the text given to Skip(…) or self._skip(…)."""
    import ast

    reasons = set()
    for path in (ROOT / "scorer" / "ingest").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("Skip", "_skip") and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                reasons.add(node.args[1].value)
    return reasons


def test_every_reason_a_reader_leaves_a_row_out_for_is_said_in_english():
    """The count line of each file said 'skipped: 1 文本在此截断，该行不完整' under --lang en."""
    from scorer.messages import SKIP_REASONS_EN

    reasons = _skip_reasons_in_the_readers()
    assert len(reasons) >= 10  # the scan finds the readers' reasons
    assert reasons <= set(SKIP_REASONS_EN), reasons - set(SKIP_REASONS_EN)
    assert not any(CJK.search(english) for english in SKIP_REASONS_EN.values())


def test_the_count_line_of_a_file_says_its_skipped_rows_in_the_language_of_the_run(tmp_path):
    from click.testing import CliRunner

    from scorer.cli import cli

    path = tmp_path / "cut.txt"  # a copied excerpt that ends in the middle of a row
    lines = (ROOT / "samples" / "000_e76689bf9da19685.txt").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:60]) + "\n产出指标\t数量指标\t", encoding="utf-8")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(cli, ["score", str(path), "-o", str(tmp_path / f"{lang}.csv"), "--lang", lang])
        counts = [line for line in result.output.splitlines() if str(path) in line and ("已跳过" in line or "skipped" in line)]
        assert counts, result.output
        if lang == "en":
            assert not CJK.search(counts[0].replace(str(path), "")), counts[0]
