"""`zhibiao train`: labelled rows -> the classifier, its held-out evaluation and its model card.

Labels (LABELING.md format: doc, project, level1, level2, level3, value, categories, quality) are
matched to the rows read from the labelled documents, so the model sees each row with its project. The
documents are files in a folder (matched by stem) or rows tables (the rows-CSV contract, one document
per `source` stem, as ../shared/tools/rows_from_labels.py writes them).
Evaluation holds out groups of documents (each document, k folds of documents, or each sector) so no
document is in train and test at once, and compares rules alone, the model alone and both combined on
the held-out rows. Augmented rows (a unit swapped, a value replaced by a slogan) are made only from the
training documents of each fold. The model keeps only the categories where, held out by document, the
combined verdict beats the rules' (model_categories).
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
from scorer.types import CATEGORIES, Document, Severity, UnitFamily
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


def _documents(stems: list[str], sources: list[Path]) -> dict[str, Document]:
    """{stem: Document} for the labelled stems, from folders (a file a document) and rows tables."""
    import pandas as pd

    from scorer.api import documents_from_frame
    from scorer.ingest import read_document

    found: dict[str, Document] = {}
    wanted = set(stems)
    for source in sources:
        source = Path(source)
        if source.is_dir():
            files = {p.stem: p for p in source.iterdir() if p.is_file()}
            for stem in sorted(wanted & set(files) - set(found)):
                found[stem] = read_document(files[stem])
            continue
        frame = (
            pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if source.suffix.lower() == ".csv"
            else pd.read_parquet(source)
        )
        for document in documents_from_frame(frame):
            stem = Path(document.source.replace("\\", "/")).stem
            if stem in wanted and stem not in found:
                found[stem] = document
    return found


def labelled_examples(label_rows: list[dict[str, str]], docs: Path | list[Path]) -> tuple[list[Example], list, int]:
    """Examples for every label row matched to a row read from its document; the prepared documents;
    and how many label rows found no row. docs: a folder of documents, or a list of folders and rows tables."""
    stems = sorted({r["doc"] for r in label_rows})
    found = _documents(stems, docs if isinstance(docs, list) else [docs])
    read_stems = [s for s in stems if s in found]
    contexts = prepare([found[s] for s in read_stems])
    by_key: dict[tuple, list[RowContext]] = defaultdict(list)
    for stem, doc in zip(read_stems, contexts, strict=True):
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


def train(examples: list[Example], seed: int = SEED, categories: set[str] | None = None) -> Model:
    """The model on these examples; with categories, only those categories' regressions are kept."""
    training = examples + augment(examples, seed)
    model = fit([row_features(e.row) for e in training], [e.labels for e in training], seed=seed)
    if categories is not None:
        model.weights = {c: w for c, w in model.weights.items() if c in categories}
        model.intercepts = {c: v for c, v in model.intercepts.items() if c in model.weights}
    return model


def model_categories(report: dict, margin: float = 0.005) -> set[str]:
    """Categories where the model's findings beat the rules' held out (combined F1 higher by more than margin)."""
    return {
        c for c, entry in report["categories"].items() if entry["support"] and entry["combined"][2] > entry["rules"][2] + margin
    }


def score_categories(held: dict, margin: float = 0.001) -> set[str]:
    """Categories whose probability, taken off the row score alone, raises the held-out row AUC by more than margin."""
    base = evaluate(held, set(), score_categories=set())["auc"]["rules"]
    return {c for c in CATEGORIES if evaluate(held, set(), score_categories={c})["auc"]["combined"] > base + margin}


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


def fold_of(groups: dict[str, str], folds: int | None) -> dict[str, str]:
    """Document -> fold: its group (leave one group out) or, with folds, one of k folds of the groups,
    assigned in a fixed order (a hash of the group's name) so the folds do not depend on the run."""
    if not folds:
        return dict(groups)
    names = sorted(set(groups.values()), key=lambda g: hashlib.sha256(g.encode("utf-8")).hexdigest())
    number = {g: f"fold{i % folds + 1}" for i, g in enumerate(names)}
    return {doc: number[g] for doc, g in groups.items()}


def held_out_evaluation(
    examples: list[Example],
    contexts,
    seed: int = SEED,
    groups: dict[str, str] | None = None,
    folds: int | None = None,
    categories: set[str] | None = None,
) -> dict:
    """Rules, model and combined on held-out rows. groups: document -> group held out together (default: each
    document alone); folds: k folds of the groups instead of one group at a time. categories: where the
    combined verdict may use the model (default: all); the rest keep the rules' verdict."""
    return evaluate(held_out_predictions(examples, contexts, seed, groups, folds), categories)


def held_out_predictions(
    examples: list[Example], contexts, seed: int = SEED, groups: dict[str, str] | None = None, folds: int | None = None
) -> dict:
    """Each example with the rules' categories and score and the probabilities of a model that did not see
    its group of documents: {"predictions": [(example, categories, score, probabilities)], "documents", "folds"}."""
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

    docs = sorted({e.doc for e in examples})
    fold = fold_of(groups or {d: d for d in docs}, folds)
    predictions = []  # (example, rule categories, rule score, probabilities)
    for held in sorted(set(fold.values())):
        model = train([e for e in examples if fold[e.doc] != held], seed)
        for example in (e for e in examples if fold[e.doc] == held):
            found = [f for f in rule_findings.get(id(example.row), []) if f.severity is not Severity.INFO]
            probabilities = model.probabilities(row_features(example.row))
            predictions.append((example, {f.category for f in found}, row_score(found), probabilities))
    return {"predictions": predictions, "documents": len(docs), "folds": len(set(fold.values()))}


def evaluate(
    held: dict, categories: set[str] | None = None, threshold: float = FINDING_THRESHOLD, score_categories: set[str] | None = None
) -> dict:
    """Per-category P/R/F1, flagged P/R/F1 and row AUC of rules, model and combined on held-out predictions.
    categories: where the model may add findings; score_categories: whose probability lowers the row score
    (default: the same)."""
    predictions = held["predictions"]
    used = set(CATEGORIES) if categories is None else categories
    scored = used if score_categories is None else score_categories
    report: dict = {"rows": len(predictions), "documents": held["documents"], "folds": held["folds"], "categories": {}}
    systems = {
        "rules": lambda rules, p, c: c in rules,
        "model": lambda rules, p, c: p.get(c, 0.0) >= 0.5,
        "combined": lambda rules, p, c: c in rules or (c in used and p.get(c, 0.0) >= threshold),
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
        "combined": lambda s, p: max(0.0, s - score_penalty(max((v for c, v in p.items() if c in scored), default=0.0))),
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


def model_card(
    report: dict,
    label_paths: list[Path],
    examples: list[Example],
    missing: int,
    model: Model,
    comparison: list[str] | None = None,
    made_by: str = "",
    held_out: str = "leave one document out",
) -> str:
    """The card; comparison: a markdown table of rules vs rules + model held out (bench/classifier_heldout.py)."""
    import numpy
    import scipy
    import sklearn

    made_by = made_by or (
        "zhibiao train " + " ".join(str(p) for p in label_paths) + " --docs samples --out models/zhibiao-model.json"
    )
    findings, scored = sorted(model.finding_categories), sorted(model.score_categories)
    lines = [
        "# zhibiao classifier: model card",
        "",
        f"Made by `{made_by}`.",
        "",
        "## Training data",
        "",
        f"- labels: {', '.join(str(p) for p in label_paths)} (SHA-256 "
        f"{_sha256([p for p in label_paths if Path(p).is_file()])[:16]}…)",
        f"- rows: {len(examples)} labelled rows matched to rows read from their documents ({missing} not matched)",
        f"- documents: {report['documents']}; augmented rows are added inside each training fold only "
        f"({len(augment(examples))} for the full model: rates given in 次, benefit targets replaced by slogans)",
        "",
        "## Features",
        "",
        "Character 1-3-grams of the indicator name and of the value; operator, unit family, the family the "
        "name asks for, 一级/二级 group; checkable state, degree words, sentence, name repeated; money value "
        "versus the budget; project kind versus the row's benefit dimension; word overlap with its own project "
        "versus the other projects of the document. All hashed (crc32) into 2^20 slots; one logistic regression "
        "per category (liblinear, class_weight=balanced, C=1). The name's form (share, count, slogan, clause, "
        "unit or quantity in the name) crossed with the value's unit family, and the project's kinds crossed "
        "with the row's group, carry across departments where the words do not.",
        "",
        f"The model adds findings in: {', '.join(findings) or '(none)'}; its probability lowers the row "
        f"score in: {', '.join(scored) or '(none)'}; elsewhere the rules decide alone. Its vague costs nothing on a value the "
        "rules read as a target of a kind they know (a grade on a scale, a standard reached or cited by code or title, an "
        "event's deadline, a cycle: scorer.predicates.recognised_as_checkable), forms its training rows hardly hold.",
        *(
            [
                "",
                "## Rules alone vs rules + model, held out",
                "",
                *comparison,
                "",
                "Kept categories are those where, held out by document, rules + model beat the rules alone; the "
                "sector rows test that choice on departments absent from training. The rules were revised with "
                "the corpus in view (its rows showed what they missed), so the rules' figures are optimistic.",
            ]
            if comparison
            else []
        ),
        "",
        f"## Held-out evaluation ({held_out})",
        "",
        f"{report['rows']} rows of {report['documents']} documents; model threshold 0.5 alone, "
        f"{FINDING_THRESHOLD} when combined (rules ∪ confident model); combined row score = rule score − "
        f"{SCORE_WEIGHT:g} × (the model's highest probability − {SCORE_FROM}) when above {SCORE_FROM}.",
        "",
        "| category | support | rules P/R/F1 | model P/R/F1 | combined P/R/F1 |",
        "|---|---|---|---|---|",
    ]
    for category, entry in report["categories"].items():
        cells = [" / ".join(f"{x:.3f}" for x in entry[name]) for name in ("rules", "model", "combined")]
        lines.append(f"| {category} | {entry['support']} | {cells[0]} | {cells[1]} | {cells[2]} |")
    flagged = [" / ".join(f"{x:.3f}" for x in report["flagged"][n]) for n in ("rules", "model", "combined")]
    lines.append(f"| (flagged) | | {flagged[0]} | {flagged[1]} | {flagged[2]} |")
    lines += [
        "",
        "Row AUC (sound rows above flawed rows): " + ", ".join(f"{name} {value:.4f}" for name, value in report["auc"].items()),
        "",
        "The rules were written with these documents in view, so their held-out figures are optimistic; the model's are not.",
        "",
        "## Versions",
        "",
        f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, "
        f"scipy {scipy.__version__}; seed {SEED}; non-zero weights: "
        + ", ".join(f"{c} {len(w)}" for c, w in model.weights.items()),
        "",
    ]
    return "\n".join(lines)
