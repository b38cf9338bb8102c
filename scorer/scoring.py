"""Findings -> row score (0-100, 100 = sound), project score, grade A-E, rank.

Every number comes from the findings behind it:
- a row with an error finding (a defective target) scores 25, less 8 for each further error category
  and 3 for each warning category; a row with warnings only (a weak target) scores 65, less 10 for
  each further warning category; a row with no finding scores 100;
- when the classifier is used, a row loses 50 points per unit of its highest category probability above
  0.6 (scorer.classifier.score_penalty), so rows the rules score alike keep their order unless the
  model is fairly sure;
- a project scores the mean of its row scores, less 5 for each project-level warning (completeness P…,
  a copied table C101) and 1 for each completeness note, within 0-100; other notes (carry-over) cost
  nothing; grade A ≥ 85, B ≥ 70, C ≥ 55, D ≥ 40, else E.
"""

from __future__ import annotations

from collections import defaultdict

from scorer.types import Finding, Severity

ERROR_BASE, ERROR_STEP, ERROR_WARNING_STEP = 25.0, 8.0, 3.0
WARNING_BASE, WARNING_STEP, WARNING_FLOOR = 65.0, 10.0, 40.0
PROJECT_WARNING, PROJECT_INFO = 5.0, 1.0
GRADES = ((85.0, "A"), (70.0, "B"), (55.0, "C"), (40.0, "D"))


def row_score(findings: list[Finding]) -> float:
    errors = {f.category for f in findings if f.severity is Severity.ERROR}
    warnings = {f.category for f in findings if f.severity is Severity.WARNING} - errors
    if errors:
        return max(0.0, ERROR_BASE - ERROR_STEP * (len(errors) - 1) - ERROR_WARNING_STEP * len(warnings))
    if warnings:
        return max(WARNING_FLOOR, WARNING_BASE - WARNING_STEP * (len(warnings) - 1))
    return 100.0


def project_score(row_scores: list[float], project_findings: list[Finding]) -> float:
    base = sum(row_scores) / len(row_scores) if row_scores else 0.0
    penalty = sum(PROJECT_WARNING if f.severity is not Severity.INFO else PROJECT_INFO
                  for f in project_findings if f.severity is not Severity.INFO or f.category == "completeness")
    return round(min(100.0, max(0.0, base - penalty)), 1)


def grade(score: float) -> str:
    for bound, letter in GRADES:
        if score >= bound:
            return letter
    return "E"


def group_findings(findings: list[Finding]) -> tuple[dict, dict]:
    """(findings by (source, project_index, row), project-level findings by (source, project_index))."""
    by_row: dict[tuple[str, int | None, int], list[Finding]] = defaultdict(list)
    by_project: dict[tuple[str, int | None], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.row is None:
            by_project[(finding.source, finding.project_index)].append(finding)
        else:
            by_row[(finding.source, finding.project_index, finding.row)].append(finding)
    return by_row, by_project
