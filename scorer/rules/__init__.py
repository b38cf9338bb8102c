"""Rule modules, one per category. Importing this package registers every rule."""

from scorer.rules import boilerplate, copypaste, corpus, coverage, logic, relevance, units, vague

__all__ = ["boilerplate", "copypaste", "corpus", "coverage", "logic", "relevance", "units", "vague"]
