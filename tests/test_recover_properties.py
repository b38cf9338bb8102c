"""Table recovery on any text: it never raises, and every target it reads is made of the text's own figures
and words (an operator word may become its symbol: 大于等于 -> ≥)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.ingest.grammar import interpret_cells
from scorer.ingest.recover import cut_run_on, recover_cells, to_simplified

PIECES = [
    "产出指标",
    "数量指标",
    "质量指标",
    "效益指标(30分)",
    "社会效益 指标",
    "满意度指标",
    "三级指标",
    "指标值",
    "年度指标值",
    "分值",
    "实际完成值",
    "项目名称",
    "资金总额:",
    "≥",
    "大于等于",
    "%",
    "万元",
    "人次",
    "|",
    " / ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "……",
    "[... excerpt ends here ...]",
    "培训人数",
    "验收合格率",
    "12",
    "95%",
    "2024年",
    "10月底前",
    "是",
    "有效",
    "(50分)",
    "產出指標",
    "(yù)",
    "【产出指标-数量指标】",
    "（≥7台）",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)


def _operator_free(value: str) -> str:
    return re.sub(r"[≥≤><=＝]", "", value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_recovery_never_raises_and_invents_no_value(text):
    document = interpret_cells(recover_cells(text), "fuzz.txt")
    source = re.sub(r"\s+", "", to_simplified(text))
    for project in document.projects:
        for indicator in project.indicators:
            for figure in re.findall(r"\d+(?:\.\d+)?", indicator.value):
                assert figure in source
            for character in _operator_free(re.sub(r"\s+", "", indicator.value)):
                assert character in source or character in "优良中差"


@given(st.text(max_size=200))
def test_run_on_cutting_keeps_every_character(text):
    assert re.sub(r"\s+", "", "".join(cut_run_on(text))) == re.sub(r"\s+", "", text)


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "corpus" / "docs").is_dir(), reason="../shared/corpus is not here")
def test_corpus_of_other_departments_is_read(tmp_path):
    """The 42 documents of ../shared/corpus, read and matched against their labels by the shared evaluator."""
    rows = tmp_path / "rows.csv"
    subprocess.run(
        [sys.executable, "-m", "scorer.cli", "parse", str(SHARED / "corpus" / "docs"), "-o", str(rows)],
        check=False,
        capture_output=True,
    )
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "evaluate.py"),
            "--pred",
            str(rows),
            "--gold",
            str(SHARED / "corpus" / "labels.csv"),
            "--min-recall",
            "0.9",
            "--min-precision",
            "0.9",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
