"""Apply the selected rules to prepared documents: one long list of Findings."""

from __future__ import annotations

from collections.abc import Iterable

from scorer.normalise import CorpusContext, DocumentContext, ProjectContext, RowContext
from scorer.registry import Hit, Rule, select_rules
from scorer.types import Finding


class _Fields(dict):
    """Message fields; a missing one renders as empty instead of failing the run."""

    def __missing__(self, key: str) -> str:
        return ""


def _finding(rule: Rule, document: DocumentContext, project: ProjectContext, row: RowContext | None, hit: Hit) -> Finding:
    fields = _Fields(hit.fields)
    fields.setdefault("evidence", hit.evidence)
    if row is not None:
        fields.setdefault("name", row.indicator.level3 or "（无名称）")
        fields.setdefault("value", row.indicator.value)
    message = rule.message.format_map(fields) if rule.message else rule.summary
    fix = hit.fix or (rule.fix.format_map(fields) if rule.fix else "")
    if not fix and "建议" in message:
        fix = message.split("建议", 1)[1].strip("，。 ")
    return Finding(
        code=rule.code, name=rule.name, category=rule.category, severity=rule.severity, message=message,
        source=document.source, project=project.name, row=None if row is None else row.index,
        evidence=hit.evidence, fix=fix, project_index=project.index,
    )


def run_rules(documents: Iterable[DocumentContext], select: Iterable[str] | None = None,
              ignore: Iterable[str] | None = None, errors: list[str] | None = None,
              stats: dict | None = None) -> list[Finding]:
    """Findings of the selected rules. A rule that fails on a document is reported in `errors` (one line
    naming the rule and the file) and the run goes on; without `errors` the exception propagates."""
    rules = select_rules(select, ignore)
    documents = list(documents)
    findings: list[Finding] = []
    corpus = CorpusContext(documents=documents, stats=stats)
    for rule in (r for r in rules if r.scope == "corpus"):
        try:
            for project, row, hit in rule.func(corpus):
                findings.append(_finding(rule, project.document, project, row, hit))
        except Exception as exc:
            if errors is None:
                raise
            errors.append(f"rule {rule.code} failed on this run's documents ({type(exc).__name__}: {exc})")
    rules = [r for r in rules if r.scope != "corpus"]
    for document in documents:
        for rule in rules:
            found: list[Finding] = []
            try:
                _apply(rule, document, found)
            except Exception as exc:
                if errors is None:
                    raise
                errors.append(f"{document.source}: rule {rule.code} failed ({type(exc).__name__}: {exc}); "
                              "its findings for this file are missing")
                continue
            findings.extend(found)
    return findings


def _apply(rule: Rule, document: DocumentContext, findings: list[Finding]) -> None:
    if rule.scope == "row":
        for project in document.projects:
            for row in project.rows:
                hit = rule.func(row)
                if hit:
                    findings.append(_finding(rule, document, project, row, hit))
    elif rule.scope == "project":
        for project in document.projects:
            for row, hit in rule.func(project):
                findings.append(_finding(rule, document, project, row, hit))
    else:
        for row, hit in rule.func(document):
            findings.append(_finding(rule, document, row.project, row, hit))
