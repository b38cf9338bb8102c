"""Findings -> row score (0-100, 100 = sound), project score, grade A-E, rank.

Every number comes from the findings behind it:
- a row with an error finding (a defective target) scores 25, less 8 for each further error category
  and 3 for each warning category; a row with warnings only (a weak target) scores 65, less 10 for
  each further warning category; a row with no finding scores 100;
- when the classifier is used, a row loses 50 points per unit of its highest category probability above
  0.6 (scorer.classifier.score_penalty), so rows the rules score alike keep their order unless the
  model is fairly sure;
- a project scores 80% the mean of its row scores and 20% its coverage: the share of the six dimensions
  of a target table (数量, 质量, 时效, 成本 outputs, 效益, 满意度) that at least one sound row measures.
  A one-row table, or one whose only sound rows are counts, ranks below a complete table with one weak
  row, as the guidance on target tables asks (outputs, effects and satisfaction, each measurable). It
  then loses 1 for each project-level warning (completeness P…, a copied table C101) and 0.5 for each
  completeness note, within 0-100; other notes (carry-over) cost nothing; grade A ≥ 85, B ≥ 70, C ≥ 55,
  D ≥ 40, else E.
"""

from __future__ import annotations

from collections import defaultdict

from scorer.types import Finding, Severity

ERROR_BASE, ERROR_STEP, ERROR_WARNING_STEP = 25.0, 8.0, 3.0
WARNING_BASE, WARNING_STEP, WARNING_FLOOR = 65.0, 10.0, 40.0
PROJECT_WARNING, PROJECT_INFO = 1.0, 0.5
ROW_WEIGHT = 0.8  # the rest of a project's score is its coverage of the dimensions by sound rows
SOUND_SCORE = 85.0  # a row scoring this or more has no finding (the model may shave a few points)
DIMENSIONS = ("quantity", "quality", "timeliness", "cost", "effect", "satisfaction")
GRADES = ((85.0, "A"), (70.0, "B"), (55.0, "C"), (40.0, "D"))


def explained() -> list[tuple[str, str]]:
    """How scores are made, in a reviewer's words, from the constants above: the workbook's 说明 sheet and
    the README quote this, so the text cannot drift from the arithmetic."""
    from scorer.classifier import SCORE_FROM, SCORE_WEIGHT
    from scorer.messages import language, text

    separator = ", " if language() == "en" else "，"
    grades = separator.join(f"{letter} ≥ {bound:g}" for bound, letter in GRADES) + f"{separator}E < {GRADES[-1][0]:g}"
    return [
        (
            text("scoring.row"),
            text(
                "scoring.row.text",
                error_base=f"{ERROR_BASE:g}",
                error_step=f"{ERROR_STEP:g}",
                error_warning_step=f"{ERROR_WARNING_STEP:g}",
                warning_base=f"{WARNING_BASE:g}",
                warning_step=f"{WARNING_STEP:g}",
                warning_floor=f"{WARNING_FLOOR:g}",
            ),
        ),
        (text("scoring.model"), text("scoring.model.text", score_from=f"{SCORE_FROM:g}", per_tenth=f"{SCORE_WEIGHT / 10:g}")),
        (
            text("scoring.project"),
            text(
                "scoring.project.text",
                row_weight=f"{ROW_WEIGHT:.0%}",
                coverage_weight=f"{1 - ROW_WEIGHT:.0%}",
                project_warning=f"{PROJECT_WARNING:g}",
                project_info=f"{PROJECT_INFO:g}",
            ),
        ),
        (text("scoring.grades"), grades + ("." if language() == "en" else "。")),
    ]


def dimension_of(group: str, level1_group: str) -> str:
    """The dimension of a target table a row measures: one of DIMENSIONS, or ""."""
    if group in ("economic", "social", "ecological", "sustainable") or (not group and level1_group == "effect"):
        return "effect"
    return group if group in DIMENSIONS else ""


def coverage(row_scores: list[float], row_dimensions: list[str]) -> float:
    """The share of DIMENSIONS measured by at least one sound row."""
    covered = {d for d, s in zip(row_dimensions, row_scores, strict=True) if d and s >= SOUND_SCORE}
    return len(covered) / len(DIMENSIONS)


def row_score(findings: list[Finding]) -> float:
    errors = {f.category for f in findings if f.severity is Severity.ERROR}
    warnings = {f.category for f in findings if f.severity is Severity.WARNING} - errors
    if errors:
        return max(0.0, ERROR_BASE - ERROR_STEP * (len(errors) - 1) - ERROR_WARNING_STEP * len(warnings))
    if warnings:
        return max(WARNING_FLOOR, WARNING_BASE - WARNING_STEP * (len(warnings) - 1))
    return 100.0


def project_score(row_scores: list[float], project_findings: list[Finding], row_dimensions: list[str] | None = None) -> float:
    """Without row_dimensions (a caller that does not know the rows' groups) the rows' mean alone."""
    base = sum(row_scores) / len(row_scores) if row_scores else 0.0
    if row_dimensions is not None:
        base = ROW_WEIGHT * base + (1 - ROW_WEIGHT) * 100.0 * coverage(row_scores, row_dimensions)
    penalty = sum(
        PROJECT_WARNING if f.severity is not Severity.INFO else PROJECT_INFO
        for f in project_findings
        if f.severity is not Severity.INFO or f.category == "completeness"
    )
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
