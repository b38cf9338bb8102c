"""The public Python API: `scorer.score(paths or DataFrame) -> Result`. The CLI, reports and notebook use it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import pandas as pd

from scorer.engine import run_rules
from scorer.ingest import ReadError, read_paths
from scorer.ingest.rows import documents_from_frame
from scorer.normalise import prepare, release
from scorer.scoring import dimension_of, grade, group_findings, project_score, row_score
from scorer.table import FINDING_COLUMNS, indicator_frame, project_frame
from scorer.types import CATEGORIES, Document, Finding, Severity


@dataclass
class Result:
    rows: pd.DataFrame
    projects: pd.DataFrame
    findings: pd.DataFrame
    documents: list[Document] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)
    stale_decisions: list = field(default_factory=list)  # scorer.decisions.Stale: decisions whose row changed


_code = attrgetter("code")
NOTED_PENALTY = 0.05  # points the model takes off a row below which no note is written (they round to 0.0)


def _model_findings(contexts, findings: list[Finding], model) -> tuple[list[Finding], dict, list]:
    """M-findings where the model is confident and the rules are silent; each row's highest probability
    (and its category) where it costs the row points; and the notes to write: (key, row, probability,
    category, the terms that weighed most) where the points are worth a note (a row's features are named
    only then)."""
    import numpy as np

    from scorer.classifier import FINDING_THRESHOLD, SCORE_FROM, score_penalty
    from scorer.messages import text
    from scorer.predicates import recognised_as_checkable
    from scorer.report.terminal import category_name

    said = {(f.source, f.project_index, f.row, f.category) for f in findings if f.row is not None}
    score_categories, finding_categories = model.score_categories, model.finding_categories
    extra, highest, noted = [], {}, []
    # all documents' rows at once: a chunk holds thousands of small documents, and numpy's cost is per call
    rows = [row for document in contexts for project in document.scored_projects() for row in project.rows]
    categories, matrix, row_keys = model.probability_matrix_and_keys(rows)
    scored_columns = [i for i, c in enumerate(categories) if c in score_categories]
    finding_columns = [i for i, c in enumerate(categories) if c in finding_categories]
    # only rows the model costs points or may flag need a look of their own: the rest score as they are
    looked_at = np.zeros(len(rows), dtype=bool)
    if scored_columns:
        looked_at |= matrix[:, scored_columns].max(axis=1) > SCORE_FROM
    if finding_columns:
        looked_at |= (matrix[:, finding_columns] >= FINDING_THRESHOLD).any(axis=1)
    for number in np.flatnonzero(looked_at).tolist():
        row, probabilities = rows[number], dict(zip(categories, matrix[number].tolist(), strict=True))
        project = row.project
        key = (project.document.source, project.index, row.index)
        # the model's vague costs nothing where the rules read the value as a target of a kind they know (a grade, a
        # standard by code, an event's deadline): the model never saw most of these forms in training
        known = "vague" in probabilities and recognised_as_checkable(row)
        scored = [(p, c) for c, p in probabilities.items() if c in score_categories and not (known and c == "vague")]
        top = max(scored, default=(0.0, ""))
        if score_penalty(top[0]) > 0:
            highest[key] = top
        if scored and score_penalty(top[0]) >= NOTED_PENALTY:
            noted.append((key, row, *top, model.row_top_features(row, top[1], row_keys[number])))
        for category, probability in probabilities.items():
            if probability < FINDING_THRESHOLD or (*key, category) in said or category not in finding_categories:
                continue
            names = model.row_top_features(row, category, row_keys[number])
            message = text(
                "model.finding",
                category=category_name(category),
                probability=probability,
                terms=_reasons(names),
            )
            extra.append(_model_finding(row, category, Severity.WARNING, probability, "、".join(names), message))
    return extra, highest, noted


def _reasons(feature_names: list[str]) -> str:
    """The features that weighed most, in the reviewer's words and language; the names themselves are the
    finding's evidence (a field for programs, the same in every language)."""
    from scorer.classifier import describe_feature
    from scorer.messages import text

    if not feature_names:
        return text("model.whole_row")
    return text("model.terms", terms=text("model.terms_separator").join(map(describe_feature, feature_names)))


def _model_finding(
    row, category: str, severity: Severity, probability: float, evidence: str, message: str, fix: str = ""
) -> Finding:
    """A finding of the classifier on one row, under its category's M code."""
    from scorer.classifier import MODEL_CODES

    project = row.project
    return Finding(
        code=MODEL_CODES[category],
        name=f"model-{category}",
        category=category,
        severity=severity,
        source=project.document.source,
        project=project.name,
        project_index=project.index,
        row=row.index,
        evidence=evidence,
        probability=round(probability, 4),
        message=message,
        fix=fix,
    )


def _penalty_notes(noted: list, findings: list[Finding]) -> list[Finding]:
    """Every point the model takes off a row, said on the row (`noted` by _model_findings): a note (info: it
    decides no category) with the probability and the points, under the category's M code; the terms that weighed
    most are its evidence."""
    from scorer.classifier import MODEL_CODES, score_penalty
    from scorer.messages import text
    from scorer.report.terminal import category_name

    have = {(f.source, f.project_index, f.row, f.code) for f in findings}
    notes = []
    for key, row, probability, category, names in noted:
        if (*key, MODEL_CODES[category]) in have:
            continue
        points = score_penalty(probability)
        evidence = "、".join(names)  # the features that weighed most, by their names (the same in every language)
        message = text("model.penalty", category=category_name(category), probability=probability, points=points)
        fix = text("model.fix")
        notes.append(_model_finding(row, category, Severity.INFO, probability, evidence, message, fix))
    return notes


def score_documents(
    documents: list[Document],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    corpus_stats: dict | None = None,
    use_model: bool = True,
    model_path: str | Path | None = None,
    findings_table: bool = True,
    decisions: list | None = None,
    part: tuple[int, int] | None = None,
    text_dtype: object = None,
) -> Result:
    """Rules (and, unless use_model is False or no model file exists, the classifier) over documents.
    A model file that is foreign or damaged raises scorer.classifier.ModelError. findings_table=False
    leaves Result.findings empty (the bulk path reads the rows and projects only).
    decisions (scorer.decisions.Decision): a finding the reviewer overruled (不同意) is kept, marked
    已豁免, and costs nothing; decisions that match no finding any more are Result.stale_decisions.
    part (start, stop): score only the projects of these indexes in each document (one part of a document
    too large for one worker, scorer.engines.bulk); the other projects are read as their context, so
    the parts together give what the whole gives, but for rank_in_document, which the caller sets.
    text_dtype: of the rows frame's text columns (scorer.table.indicator_frame)."""
    from scorer.classifier import load_model, score_penalty

    contexts = prepare(documents)
    in_part = None if part is None else range(*part)
    for context in contexts:
        context.part = in_part
    rule_errors: list[str] = []
    findings = run_rules(contexts, select, ignore, errors=rule_errors, stats=corpus_stats)
    if in_part is not None:  # what the document-scope rules found on the other parts' projects
        findings = [f for f in findings if f.project_index in in_part]
    from scorer.classifier import MODEL_CODES
    from scorer.registry import matches

    def chosen(code: str) -> bool:
        return (not select or matches(code, select)) and not (ignore and matches(code, ignore))

    wanted = any(chosen(code) for code in MODEL_CODES.values())
    model = load_model(model_path) if use_model and wanted else None  # --select / --ignore cover M codes too
    highest: dict = {}
    if model is not None:
        extra, highest, noted = _model_findings(contexts, findings, model)
        findings.extend(f for f in extra if chosen(f.code))
        findings.extend(_penalty_notes(noted, findings))
    if findings_table or decisions:  # the findings table lists them in this order
        findings.sort(key=lambda f: (f.source, f.project_index or 0, -1 if f.row is None else f.row, f.code))
    applied = _apply_decisions(documents, findings, decisions) if decisions else None
    by_row, by_project = group_findings([f for f in findings if not (applied and applied.waived(f))])
    all_by_row, all_by_project = group_findings(findings) if applied else (by_row, by_project)
    if not (findings_table or decisions):  # each row's and project's own, in code order: a few to sort at a time
        for found in itertools.chain(by_row.values(), by_project.values()):
            if len(found) > 1:
                found.sort(key=_code)

    from scorer.messages import text

    def said(finding: Finding) -> str:
        if applied and applied.waived(finding):
            return text("finding.waived_message", waiver=applied.by_finding[id(finding)].waiver(), message=finding.message)
        return finding.message

    rows = indicator_frame(documents, in_part, text_dtype)
    row_keys = [  # (source, project index, row index) of each row of `rows`, in its order
        (document.source, p_index, r_index)
        for document in documents
        for p_index, project in enumerate(document.projects)
        if in_part is None or p_index in in_part
        for r_index in range(len(project.indicators))
    ]
    scores, categories, codes, messages, fixes = [], [], [], [], []
    model_codes = frozenset(MODEL_CODES.values())
    problems: list[int] = []  # a row's findings that are not notes
    clean = row_score([])
    for key in row_keys:
        found = by_row.get(key, [])
        shown = all_by_row.get(key, []) if applied else found
        if not shown:  # most rows: nothing found, at most the model's points off
            penalty = score_penalty(highest.get(key, (0.0,))[0])
            scores.append(round(max(0.0, clean - penalty), 1))
            categories.append("")
            codes.append("")
            messages.append("")
            fixes.append("")
            problems.append(0)
            continue
        cleared = len(shown) > len(found) and not any(f.severity is not Severity.INFO for f in found)
        # a row whose every scored finding the reviewer overruled is the reviewer's call, not the model's
        penalty = 0.0 if cleared else score_penalty(highest.get(key, (0.0,))[0])
        scores.append(round(max(0.0, row_score(found) - penalty), 1))
        present = {f.category for f in found if f.severity is not Severity.INFO}  # info is shown, not scored
        categories.append(";".join(c for c in CATEGORIES if c in present))
        codes.append(";".join(dict.fromkeys(f.code for f in shown)))  # V005 is two findings of one code
        # the defects the rules found first, then their notes (延续指标, 供参考); the model's words only where no rule found
        # a defect: beside a rule's reason only the points it takes (its probability told reviewers nothing: review 68)
        by_rules = [f for f in shown if f.code not in model_codes]
        ruled = any(f.severity is not Severity.INFO for f in by_rules)
        in_order = (
            *(f for f in by_rules if f.severity is not Severity.INFO),
            *(f for f in by_rules if f.severity is Severity.INFO),
            *(f for f in shown if f.code in model_codes and not ruled),
        )
        said_here = [said(f) for f in in_order]
        if ruled and any(f.code in model_codes for f in shown) and penalty >= NOTED_PENALTY:
            said_here.append(text("model.also", points=penalty))
        messages.append("；".join(dict.fromkeys(said_here)))
        fixes.append("；".join(dict.fromkeys(f.fix for f in found if f.fix and not (ruled and f.code in model_codes))))
        problems.append(sum(1 for f in found if f.severity is not Severity.INFO))
    rows["score"] = scores
    for name, texts in (("categories", categories), ("codes", codes), ("messages", messages), ("fixes", fixes)):
        rows[name] = texts if text_dtype is None else pd.Series(texts, dtype=text_dtype, index=rows.index)

    # the contexts' scored rows come in the order of row_keys (documents, projects of the part, rows)
    row_dimensions = [dimension_of(r.group, r.level1_group) for d in contexts for p in d.scored_projects() for r in p.rows]
    projects = project_frame(documents)
    if in_part is not None:
        projects = projects[projects["project_index"].between(in_part.start, in_part.stop - 1)].reset_index(drop=True)
    rows_of_project: dict[tuple[str, int], list[int]] = {}
    for position, (source, p_index, _) in enumerate(row_keys):
        rows_of_project.setdefault((source, p_index), []).append(position)
    project_scores, grades, counts, p_codes, p_messages = [], [], [], [], []
    for source, p_index in zip(projects["source"], projects["project_index"], strict=True):
        positions = rows_of_project.get((source, p_index), [])
        own = by_project.get((source, p_index), [])
        dimensions = [row_dimensions[i] for i in positions]
        value = project_score([scores[i] for i in positions], own, dimensions)
        project_scores.append(value)
        grades.append(grade(value))
        row_findings = sum(problems[i] for i in positions)
        counts.append(row_findings + sum(1 for f in own if f.severity is not Severity.INFO))  # notes are not 问题
        shown = all_by_project.get((source, p_index), [])
        p_codes.append(";".join(dict.fromkeys(f.code for f in shown)))
        p_messages.append("；".join(said(f) for f in shown))
    projects["score"], projects["grade"], projects["findings"] = project_scores, grades, counts
    projects["codes"], projects["messages"] = p_codes, p_messages
    projects["year"] = pd.array(projects["year"].tolist(), dtype="Int64")  # 2024, not 2024.0; empty when unknown
    if len(projects):
        projects["rank"] = projects["score"].rank(ascending=False, method="min").astype(int)
        projects["rank_in_document"] = projects.groupby("source")["score"].rank(ascending=False, method="min").astype(int)

    records = [_finding_record(f, applied) for f in findings] if findings_table else []
    finding_frame = pd.DataFrame(records, columns=FINDING_COLUMNS)
    release(contexts)
    return Result(
        rows=rows,
        projects=projects,
        findings=finding_frame,
        documents=documents,
        rule_errors=rule_errors,
        stale_decisions=applied.stale if applied else [],
    )


def _apply_decisions(documents: list[Document], findings: list[Finding], decisions: list):
    from scorer.decisions import apply_decisions

    row_text = {
        (document.source, p_index, r_index): (project.name, indicator.level3, indicator.value)
        for document in documents
        for p_index, project in enumerate(document.projects)
        for r_index, indicator in enumerate(project.indicators)
    }
    return apply_decisions(findings, row_text, decisions)


def _finding_record(finding: Finding, applied=None) -> dict:
    decision = applied.decision(finding) if applied else None
    return {
        "decision": decision.decision if decision else "",
        "note": decision.note if decision else "",
        "reviewer": decision.reviewer if decision else "",
        "decided_on": decision.date if decision else "",
        "waiver": decision.waiver() if decision and applied.waived(finding) else "",
        "source": finding.source,
        "project": finding.project,
        "project_index": finding.project_index,
        "row": finding.row,
        "code": finding.code,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "evidence": finding.evidence,
        "fix": finding.fix,
        "probability": finding.probability,
    }


def score(
    source: str | Path | Iterable[str | Path] | pd.DataFrame,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    corpus_stats: dict | None = None,
    use_model: bool = True,
    model_path: str | Path | None = None,
    decisions: list | None = None,
) -> Result:
    """Score documents (a path, a folder, several paths) or a DataFrame of rows in the rows-CSV contract.

    corpus_stats: statistics from `zhibiao corpus-stats` (scorer.duplicates.corpus_stats), for rule B201.
    use_model / model_path: the classifier (the shipped model by default; rules alone with use_model=False).
    decisions: the reviewer's decisions (scorer.decisions.read_decisions), see score_documents."""
    if isinstance(source, pd.DataFrame):
        return score_documents(
            documents_from_frame(source), select, ignore, corpus_stats, use_model, model_path, decisions=decisions
        )
    paths = [source] if isinstance(source, (str, Path)) else list(source)
    report = read_paths(paths)
    result = score_documents(report.documents, select, ignore, corpus_stats, use_model, model_path, decisions=decisions)
    result.errors = report.errors
    return result
