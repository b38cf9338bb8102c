"""The rule registry: `@rule(...)` on a small function; RULES by code; select / ignore by code or prefix.

A row rule takes a RowContext and returns a Hit (or None); unless registered with context=True it
reads only the row's own cells, and its verdict is cached per distinct row text (scorer.engine).
A project rule takes a ProjectContext and a document rule a DocumentContext; both yield
(RowContext or None, Hit) pairs. A corpus rule takes a CorpusContext (every document of the run, and
corpus statistics) and yields (ProjectContext, RowContext or None, Hit).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scorer.types import Severity

SCOPES = ("row", "project", "document", "corpus")


@dataclass(frozen=True)
class Hit:
    """What triggered a rule: the evidence, and fields for its message and fix templates."""

    evidence: str = ""
    fields: dict = field(default_factory=dict)
    fix: str = ""

    def __bool__(self) -> bool:  # a Hit is a positive verdict even with empty evidence
        return True


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    scope: str
    message: str
    fix: str
    func: Callable
    context: bool = False  # a row rule that reads the project around the row (not only the row's own text)
    also: tuple[tuple[str, Severity], ...] = ()  # further categories the same check implies, with their severity

    @property
    def verdicts(self) -> tuple[tuple[str, Severity], ...]:
        """(category, severity) of every finding one hit makes: the rule's own, then `also`."""
        return ((self.category, self.severity), *self.also)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(category for category, _ in self.verdicts)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def title(self) -> str:
        """The rule's name in the reviewer's words (lexicons/rule_titles.yaml), else its English name."""
        from scorer.lexicons import table

        return str((table("rule_titles") or {}).get(self.code, self.name))

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    @property
    def doc_zh(self) -> dict:
        """The rule's documentation for reviewers (lexicons/rule_docs.yaml): what, why, bad, good, fix."""
        return rule_doc(self.code)

    @property
    def what(self) -> str:
        """What the rule flags, in one or two sentences of the current language."""
        from scorer.messages import language

        return str(self.doc_zh.get("what", self.summary)) if language() == "zh" else self.summary


RULES: dict[str, Rule] = {}


def rule_doc(code: str) -> dict:
    """A rule's (or a model code's) Chinese documentation from lexicons/rule_docs.yaml; {} when it has none."""
    from scorer.lexicons import table

    return dict((table("rule_docs") or {}).get(code, {}))


def rule(
    code: str,
    name: str,
    category: str,
    severity: Severity,
    scope: str = "row",
    message: str = "",
    fix: str = "",
    context: bool = False,
    also: tuple[tuple[str, Severity], ...] = (),
) -> Callable[[Callable], Callable]:
    """Registers a rule. A row rule that reads anything beyond its row's own cells (the project's kind,
    text or budget) must say context=True: the others are computed once per distinct row text. A check
    that implies several categories is registered once, its further categories in `also` (V005 is
    vague and unit_mismatch): --select, --ignore and --statistics see one code."""
    if scope not in SCOPES:
        raise ValueError(f"{code}: unknown scope {scope}")

    def register(func: Callable) -> Callable:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        if not func.__doc__:
            raise ValueError(f"rule {code} has no docstring")
        RULES[code] = Rule(code, name, category, severity, scope, message, fix, func, context, tuple(also))
        return func

    return register


def matches(code: str, patterns: Iterable[str]) -> bool:
    """The code is one of the patterns or starts with one (V, U001, B00)."""
    return any(code.upper().startswith(p.strip().upper()) for p in patterns if p.strip())
