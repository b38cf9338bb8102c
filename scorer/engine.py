"""Apply the selected rules to prepared documents: one long list of Findings."""

from __future__ import annotations

from collections.abc import Iterable

from scorer.memo import BoundedMemo
from scorer.messages import english_term, english_wording, language, text
from scorer.normalise import CorpusContext, DocumentContext, ProjectContext, RowContext
from scorer.registry import Hit, Rule
from scorer.rules import select_rules
from scorer.types import Finding


class _Fields(dict):
    """Message fields; a missing one renders as empty instead of failing the run."""

    def __missing__(self, key: str) -> str:
        return ""


def _wording(rule: Rule, row: RowContext | None, hit: Hit) -> tuple[str, str]:
    """(message, fix) of a hit: the rule's templates filled with the hit's fields and the row's cells; with
    --lang en the English templates of lexicons/rule_messages_en.yaml."""
    if language() == "en":
        return _wording_en(rule, row, hit)
    fields = _Fields(hit.fields)
    fields.setdefault("evidence", hit.evidence)
    if row is not None:
        fields.setdefault("name", row.indicator.level3 or "（无名称）")
        fields.setdefault("value", row.indicator.value)
    message = rule.message.format_map(fields) if rule.message else rule.summary
    fix = hit.fix or (rule.fix.format_map(fields) if rule.fix else "")
    if not fix and "建议" in message:
        fix = message.split("建议", 1)[1].strip("，。 ")
    return message, fix


def _wording_en(rule: Rule, row: RowContext | None, hit: Hit) -> tuple[str, str]:
    """The English (message, fix): cells quoted as written, the rule's own words (its `terms`) in English."""
    entry = english_wording(rule.code)
    fields = _Fields(hit.fields)
    fields.setdefault("evidence", hit.evidence)
    for name in entry.get("terms", ()):
        fields[name] = english_term(str(fields[name]))
    if row is not None:
        fields.setdefault("name", row.indicator.level3 or text("finding.no_name"))
        fields.setdefault("value", row.indicator.value)
    message = entry["message"].format_map(fields) if entry.get("message") else rule.summary
    fix = hit.fix or (entry["fix"].format_map(fields) if entry.get("fix") else "")
    return message, fix


_wordings = BoundedMemo(20_000)  # a template row (B201) or a formula (B004) is worded alike thousands of times


def _kept_wording(rule: Rule, row: RowContext | None, hit: Hit) -> tuple[str, str]:
    """_wording, kept per rule (its code and templates), row text and hit: all that a wording is made of.
    A field is keyed by its repr, so that values equal but written differently (1, 1.0, True) stay apart."""
    if row is None or not USE_ROW_CACHE:
        return _wording(rule, row, hit)
    fields = tuple((name, repr(value)) for name, value in hit.fields.items())
    indicator = row.indicator
    key = (language(), rule.code, rule.message, rule.fix, indicator.level3, indicator.value, hit.evidence, hit.fix, fields)
    wording = _wordings.get(key)
    if wording is None:
        wording = _wordings.put(key, _wording(rule, row, hit))
    return wording


def _findings(
    rule: Rule,
    document: DocumentContext,
    project: ProjectContext,
    row: RowContext | None,
    hit: Hit,
    wording: tuple[str, str] | None = None,
) -> list[Finding]:
    """One finding per category the rule's check implies (V005: vague and unit_mismatch), same code."""
    message, fix = wording or _kept_wording(rule, row, hit)
    return [
        Finding(
            code=rule.code,
            name=rule.name,
            category=category,
            severity=severity,
            message=message,
            source=document.source,
            project=project.name,
            row=None if row is None else row.index,
            evidence=hit.evidence,
            fix=fix,
            project_index=project.index,
        )
        for category, severity in rule.verdicts
    ]


def run_rules(
    documents: Iterable[DocumentContext],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    errors: list[str] | None = None,
    stats: dict | None = None,
) -> list[Finding]:
    """Findings of the selected rules. A rule that fails on a document is reported in `errors` (one line
    naming the rule and the file) and the run goes on; without `errors` the exception propagates."""
    rules = select_rules(select, ignore)
    documents = list(documents)
    findings: list[Finding] = []
    corpus = CorpusContext(documents=documents, stats=stats)
    for rule in (r for r in rules if r.scope == "corpus"):
        # a corpus rule gives one hit to every row of a template (B201): worded once per hit and row text
        worded: dict[tuple[int, str, str], tuple[Hit, tuple[str, str]]] = {}
        try:
            for project, row, hit in rule.func(corpus):
                wording = None
                if row is not None:
                    key = (id(hit), row.indicator.level3, row.indicator.value)
                    kept = worded.get(key)  # holds the hit, so no other hit can take its id meanwhile
                    if kept is None:
                        kept = worded[key] = (hit, _kept_wording(rule, row, hit))
                    wording = kept[1]
                findings.extend(_findings(rule, project.document, project, row, hit, wording))
        except Exception as exc:
            if errors is None:
                raise
            errors.append(f"rule {rule.code} failed on this run's documents ({type(exc).__name__}: {exc})")
    text_rules = tuple(r for r in rules if r.scope == "row" and not r.context)
    rules = [r for r in rules if r.scope != "corpus" and r not in text_rules]
    for document in documents:
        findings.extend(_apply_text_rules(text_rules, document, errors))
        for rule in rules:
            found: list[Finding] = []
            try:
                _apply(rule, document, found)
            except Exception as exc:
                if errors is None:
                    raise
                errors.append(
                    f"{document.source}: rule {rule.code} failed ({type(exc).__name__}: {exc}); "
                    "its findings for this file are missing"
                )
                continue
            findings.extend(found)
    return findings


ROW_CACHE_SIZE = 60_000  # distinct row texts whose verdicts are kept (the older half goes when full)
Verdict = tuple[Rule, Hit, tuple[str, str]]  # a rule, its hit, and the hit's (message, fix)
_row_cache: dict[tuple[str, ...], BoundedMemo] = {}  # by the language and the selected rules' codes
USE_ROW_CACHE = True  # tests turn it off to check that the cache changes no verdict


def row_text(row: RowContext) -> tuple[str, ...]:
    """A row's own cells: all that a row rule without context=True may read (group and parsed value
    derive from them)."""
    i = row.indicator
    return i.level1, i.level2, i.level3, i.description, i.value, i.basis


def _apply_text_rules(rules: tuple[Rule, ...], document: DocumentContext, errors: list[str] | None) -> list[Finding]:
    """The row rules that read only the row's own cells, each verdict computed once per distinct row text:
    names and values repeat massively across projects and documents."""
    if not rules:
        return []
    found: dict[str, list[Finding]] = {rule.code: [] for rule in rules}
    failed: dict[str, Exception] = {}
    cache_key = (language(), *found)  # the verdicts carry their wording, in the language of the run
    cache = _row_cache.get(cache_key)
    if cache is None:
        cache = _row_cache[cache_key] = BoundedMemo(ROW_CACHE_SIZE)
    for project in document.scored_projects():
        for row in project.rows:
            key = row_text(row)
            hits = cache.get(key) if USE_ROW_CACHE else None
            if hits is None:
                computed, complete = [], True
                for rule in rules:
                    if rule.code in failed:
                        complete = False
                        continue
                    try:
                        hit = rule.func(row)
                    except Exception as exc:
                        if errors is None:
                            raise
                        failed[rule.code] = exc
                        complete = False
                        continue
                    if hit:
                        computed.append((rule, hit, _wording(rule, row, hit)))
                hits = tuple(computed)
                if complete and USE_ROW_CACHE:
                    cache.put(key, hits)
            for rule, hit, wording in hits:
                found[rule.code].extend(_findings(rule, document, project, row, hit, wording))
    for code, failure in failed.items():  # only filled when errors is a list: without one, a failure raises
        found.pop(code)
        if errors is not None:
            errors.append(
                f"{document.source}: rule {code} failed ({type(failure).__name__}: {failure}); "
                "its findings for this file are missing"
            )
    return [finding for findings in found.values() for finding in findings]


def _apply(rule: Rule, document: DocumentContext, findings: list[Finding]) -> None:
    if rule.scope == "row":
        for project in document.scored_projects():
            for row in project.rows:
                hit = rule.func(row)
                if hit:
                    findings.extend(_findings(rule, document, project, row, hit))
    elif rule.scope == "project":
        for project in document.scored_projects():
            for row, hit in rule.func(project):
                findings.extend(_findings(rule, document, project, row, hit))
    else:
        for row, hit in rule.func(document):
            findings.extend(_findings(rule, document, row.project, row, hit))
