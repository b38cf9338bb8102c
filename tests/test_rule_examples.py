"""Walks tests/rule_examples.yaml: each rule flags its bad examples and passes its good ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorer.engine import run_rules
from scorer.normalise import prepare
from scorer.rules import load_rules
from scorer.types import Document, Indicator, Location, Project

EXAMPLES = yaml.safe_load((Path(__file__).parent / "rule_examples.yaml").read_text(encoding="utf-8"))
LEVEL1_OF = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "服务对象满意度指标": "满意度指标",
}


def _indicator(level2: str, name: str, value: str, level1: str = "") -> Indicator:
    level1 = level1 or LEVEL1_OF.get(level2, "效益指标" if level2.endswith("效益指标") or "可持续" in level2 else "")
    return Indicator(level1, level2, name, "", value, "", Location("examples.yaml"))


def build_documents(case: dict) -> list[Document]:
    """The case's document first, then any `documents` it lists (other units or years)."""
    main = build_document(case)
    main.unit, main.year = case.get("unit", ""), case.get("year")
    main.year_stated = main.year is not None  # as a title or a 预算年度 states it
    out = [main]
    for number, spec in enumerate(case.get("documents", []), start=1):
        projects = []
        for other in spec["projects"]:
            project = Project(name=other["project"])
            project.indicators = [_indicator(*row) for row in other["rows"]]
            projects.append(project)
        out.append(
            Document(source=f"examples-{number}.yaml", unit=spec.get("unit", ""), year=spec.get("year"), projects=projects)
        )
    return out


def build_document(case: dict) -> Document:
    main = Project(name=case["project"], budget=case.get("budget"), purpose=case.get("purpose", ""), goal=case.get("goal", ""))
    main.schedule = [(deadline, float(percent)) for deadline, percent in case.get("schedule", [])]
    if main.goal:
        from scorer.ingest.interpret import split_goals

        main.goals = split_goals(main.goal)
    main.indicators.append(_indicator(case.get("level2", ""), case["name"], case["value"], case.get("level1", "")))
    for level2, name, value in case.get("rows", []):
        main.indicators.append(_indicator(level2, name, value))
    projects = [main]
    for other in case.get("others", []):
        project = Project(name=other["project"], purpose=other.get("purpose", ""))
        project.indicators = [_indicator(*row) for row in other["rows"]]
        projects.append(project)
    return Document(source="examples.yaml", projects=projects)


def flagged(code: str, case: dict) -> bool:
    rule = load_rules()[code]
    findings = [f for f in run_rules(prepare(build_documents(case)), select=[code]) if f.source == "examples.yaml"]
    if (rule.scope == "project" and code.startswith("P")) or code in PROJECT_LEVEL:
        return any(f.project_index == 0 and f.row is None for f in findings)
    return any(f.project_index == 0 and f.row == 0 for f in findings)


PROJECT_LEVEL = {"C101", "C203"}  # corpus rules that judge a whole project


CASES = [
    (code, kind, index, case)
    for code, sides in EXAMPLES.items()
    for kind in ("flag", "pass")
    for index, case in enumerate(sides.get(kind, []))
]


@pytest.mark.parametrize(("code", "kind", "index", "case"), CASES, ids=[f"{c}-{k}-{i}" for c, k, i, _ in CASES])
def test_rule_example(code, kind, index, case):
    assert flagged(code, case) == (kind == "flag"), f"{code} {kind}: {case['name']} = {case['value']}"


def test_every_rule_has_flag_and_pass_examples():
    missing = [code for code in load_rules() if not EXAMPLES.get(code, {}).get("flag") or not EXAMPLES.get(code, {}).get("pass")]
    assert not missing, f"rules without examples: {missing}"


def test_every_rule_documents_a_bad_and_a_good_example():
    for code, rule in load_rules().items():
        assert "Bad:" in rule.doc and "Good:" in rule.doc, code
        assert rule.code[0] in "VULRBCPM" and rule.code[1:].isdigit() and len(rule.code) == 4


def test_a_check_with_several_categories_is_one_code():
    """V005 (a % on 能力) is vague and unit_mismatch: two findings of one code, both gone with --ignore V005."""
    case = {"project": "农村公路养护资金", "level2": "社会效益指标", "name": "道路通行保障能力", "value": "≥90%"}
    findings = run_rules(prepare(build_documents(case)))
    v005 = [f for f in findings if f.code == "V005"]
    assert sorted((f.category, f.severity.value) for f in v005) == [("unit_mismatch", "warning"), ("vague", "error")]
    assert not any(code in load_rules() for code in ("U005", "B007", "B008"))
    assert not [f for f in run_rules(prepare(build_documents(case)), ignore=["V005"]) if f.code == "V005"]
    assert {f.category for f in findings} >= {"vague", "unit_mismatch"}


def test_every_example_names_its_source():
    stems = {path.stem for path in (Path(__file__).parents[1] / "samples").iterdir()}
    for code, kind, index, case in CASES:
        source = case.get("source", "")
        assert source in stems or source in ("written", "unrecorded"), f"{code} {kind} {index}: source {source!r}"


def test_every_rule_has_written_examples_beyond_the_samples_department():
    """The samples are all 人大 tables; each rule also flags and passes rows written in other sectors' form."""
    for code in load_rules():
        for kind in ("flag", "pass"):
            assert any(case.get("source") == "written" for case in EXAMPLES.get(code, {}).get(kind, [])), (code, kind)
