"""Rule modules, one per category. Importing this package registers every rule (scorer.registry)."""

from collections.abc import Iterable

from scorer.registry import RULES, Rule, matches
from scorer.rules import boilerplate, copypaste, corpus, coverage, logic, relevance, units, vague

__all__ = ["boilerplate", "copypaste", "corpus", "coverage", "logic", "relevance", "units", "vague"]


def load_rules() -> dict[str, Rule]:
    """Every rule by code: the rule modules, imported above, have registered theirs."""
    return RULES


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule]:
    """The rules chosen by --select and left by --ignore (codes or prefixes), in order of code."""
    chosen = [r for code, r in sorted(RULES.items()) if not select or matches(code, select)]
    return [r for r in chosen if not ignore or not matches(r.code, ignore)]
