"""`zhibiao train`: labelled rows -> the classifier, its held-out evaluation and its model card.

Labels (LABELING.md format: doc, project, level1, level2, level3, value, categories, quality) are
matched to the rows read from the labelled documents, so the model sees each row with its project.
Evaluation holds out one document at a time (no document in train and test at once) and compares
rules alone, the model alone and both combined on the held-out rows. Augmented rows (a unit swapped,
a value replaced by a slogan) are made only from the training documents of each fold.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import platform
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from scorer.classifier import FINDING_THRESHOLD, SCORE_FROM, SCORE_WEIGHT, Model, fit, row_features, score_penalty
from scorer.normalise import RowContext, prepare
from scorer.text import compact
from scorer.types import CATEGORIES, Severity, UnitFamily
from scorer.values import parse_value

SEED = 20261121
SLOGANS = ["有效提升", "显著增强", "切实保障", "不断提高", "明显改善", "稳步推进", "持续加强", "进一步提升"]


@dataclass
class Example:
    row: RowContext
    labels: set[str]
    doc: str
    quality: int
    augmented: bool = False


def read_labels(paths: list[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def labelled_examples(label_rows: list[dict[str, str]], docs_folder: Path) -> tuple[list[Example], list, int]:
    """Examples for every label row matched to a row read from its document; the prepared documents;
    and how many label rows found no row."""
    from scorer.ingest import read_document

    stems = sorted({r["doc"] for r in label_rows})
    files = {p.stem: p for p in Path(docs_folder).iterdir() if p.is_file()}
    documents = [read_document(files[stem]) for stem in stems if stem in files]
    contexts = prepare(documents)
    by_key: dict[tuple, list[RowContext]] = defaultdict(list)
    for stem, doc in zip([s for s in stems if s in files], contexts, strict=True):
        for project in doc.projects:
            for row in project.rows:
                by_key[(stem, compact(project.name), compact(row.indicator.level3), compact(row.indicator.value))].append(row)
    examples, missing = [], 0
    for label in label_rows:
        key = (label["doc"], compact(label["project"]), compact(label["level3"]), compact(label["value"]))
        matches = by_key.get(key)
        if not matches:
            missing += 1
            continue
        row = matches.pop(0)
        categories = {c for c in label["categories"].split(";") if c}
        examples.append(Example(row, categories, label["doc"], int(label.get("quality") or 2)))
    return examples, contexts, missing


def _variant(row: RowContext, value: str) -> RowContext:
    indicator = dataclasses.replace(row.indicator, value=value)
    return dataclasses.replace(row, indicator=indicator, value=parse_value(value))


def augment(examples: list[Example], seed: int = SEED) -> list[Example]:
    """Weak positives made from sound training rows: a rate given in 次 (unit_mismatch), a benefit
    target replaced by a slogan (vague)."""
    rng = random.Random(seed)
    out = []
    for example in examples:
        if example.labels:
            continue
        row = example.row
        if row.value.family is UnitFamily.PERCENT and row.value.number is not None and rng.random() < 0.5:
            value = f"{row.value.op}{row.value.number:g}次"
            out.append(Example(_variant(row, value), {"unit_mismatch"}, example.doc, 0, augmented=True))
        if row.level1_group == "effect" and row.value.has_number and rng.random() < 0.7:
            out.append(Example(_variant(row, rng.choice(SLOGANS)), {"vague"}, example.doc, 0, augmented=True))
    return out


def train(examples: list[Example], seed: int = SEED) -> Model:
    training = examples + augment(examples, seed)
    return fit([row_features(e.row) for e in training], [e.labels for e in training], seed=seed)


# --- evaluation -----------------------------------------------------------------------------------

def _prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _auc(sound: list[float], flawed: list[float]) -> float:
    if not sound or not flawed:
        return float("nan")
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in sound for b in flawed)
    return wins / (len(sound) * len(flawed))


def held_out_evaluation(examples: list[Example], contexts, seed: int = SEED) -> dict:
    """Leave one document out: rules, model and combined on each held-out document's rows."""
    from scorer.engine import run_rules
    from scorer.scoring import row_score

    findings = run_rules(contexts)
    rule_findings: dict[int, list] = defaultdict(list)
    row_ids = {}
    for doc in contexts:
        for project in doc.projects:
            for row in project.rows:
                row_ids[(doc.source, project.index, row.index)] = id(row)
    for finding in findings:
        if finding.row is not None:
            rule_findings[row_ids[(finding.source, finding.project_index, finding.row)]].append(finding)

    predictions = []  # (example, rule categories, rule score, probabilities)
    for doc in sorted({e.doc for e in examples}):
        model = train([e for e in examples if e.doc != doc], seed)
        for example in (e for e in examples if e.doc == doc):
            found = [f for f in rule_findings.get(id(example.row), []) if f.severity is not Severity.INFO]
            probabilities = model.probabilities(row_features(example.row))
            predictions.append((example, {f.category for f in found}, row_score(found), probabilities))

    report: dict = {"rows": len(predictions), "documents": len({e.doc for e in examples}), "categories": {}}
    systems = {
        "rules": lambda rules, p, c: c in rules,
        "model": lambda rules, p, c: p.get(c, 0.0) >= 0.5,
        "combined": lambda rules, p, c: c in rules or p.get(c, 0.0) >= FINDING_THRESHOLD,
    }
    for category in CATEGORIES:
        support = sum(category in e.labels for e, *_ in predictions)
        report["categories"][category] = {"support": support}
        for name, decide in systems.items():
            pairs = [(category in e.labels, decide(r, p, category)) for e, r, _, p in predictions]
            report["categories"][category][name] = _prf(pairs)
    report["flagged"] = {}
    report["auc"] = {}
    for name, decide in systems.items():
        pairs = [(bool(e.labels), any(decide(r, p, c) for c in CATEGORIES)) for e, r, _, p in predictions]
        report["flagged"][name] = _prf(pairs)
    scores = {
        "rules": lambda s, p: s,
        "model": lambda s, p: 100.0 * (1 - max(p.values(), default=0.0)),
        "combined": lambda s, p: max(0.0, s - score_penalty(max(p.values(), default=0.0))),
    }
    for name, score_of in scores.items():
        sound = [score_of(s, p) for e, _, s, p in predictions if e.quality == 2]
        flawed = [score_of(s, p) for e, _, s, p in predictions if e.quality != 2]
        report["auc"][name] = _auc(sound, flawed)
    return report


# --- model card -----------------------------------------------------------------------------------

def _sha256(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def model_card(report: dict, label_paths: list[Path], examples: list[Example], missing: int, model: Model) -> str:
    import numpy
    import scipy
    import sklearn

    lines = [
        "# zhibiao classifier: model card", "",
        "Made by `zhibiao train " + " ".join(str(p) for p in label_paths) + " --docs samples --out models/zhibiao-model.json`.",
        "", "## Training data", "",
        f"- labels: {', '.join(str(p) for p in label_paths)} (SHA-256 {_sha256(label_paths)[:16]}…)",
        f"- rows: {len(examples)} labelled rows matched to rows read from their documents ({missing} not matched)",
        f"- documents: {report['documents']}; augmented rows are added inside each training fold only "
        f"({len(augment(examples))} for the full model: rates given in 次, benefit targets replaced by slogans)",
        "", "## Features", "",
        "Character 1-3-grams of the indicator name and of the value; operator, unit family, the family the "
        "name asks for, 一级/二级 group; checkable state, degree words, sentence, name repeated; money value "
        "versus the budget; project kind versus the row's benefit dimension; word overlap with its own project "
        "versus the other projects of the document. All hashed (crc32) into 2^20 slots; one logistic regression "
        "per category (liblinear, class_weight=balanced, C=1).",
        "", "## Held-out evaluation (leave one document out)", "",
        f"{report['rows']} rows of {report['documents']} documents; model threshold 0.5 alone, "
        f"{FINDING_THRESHOLD} when combined (rules ∪ confident model); combined row score = rule score − "
        f"{SCORE_WEIGHT:g} × (the model's highest probability − {SCORE_FROM}) when above {SCORE_FROM}.", "",
        "| category | support | rules P/R/F1 | model P/R/F1 | combined P/R/F1 |", "|---|---|---|---|---|",
    ]
    for category, entry in report["categories"].items():
        cells = [" / ".join(f"{x:.3f}" for x in entry[name]) for name in ("rules", "model", "combined")]
        lines.append(f"| {category} | {entry['support']} | {cells[0]} | {cells[1]} | {cells[2]} |")
    flagged = [" / ".join(f"{x:.3f}" for x in report["flagged"][n]) for n in ("rules", "model", "combined")]
    lines.append(f"| (flagged) | | {flagged[0]} | {flagged[1]} | {flagged[2]} |")
    lines += ["", "Row AUC (sound rows above flawed rows): " + ", ".join(
        f"{name} {value:.4f}" for name, value in report["auc"].items()), "",
        "The rules were written with these five documents in view, so their held-out figures are optimistic; "
        "the model's are not.", "",
        "## Versions", "",
        f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, "
        f"scipy {scipy.__version__}; seed {SEED}; non-zero weights: "
        + ", ".join(f"{c} {len(w)}" for c, w in model.weights.items()), ""]
    return "\n".join(lines)
