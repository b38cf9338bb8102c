"""The trained classifier: one more signal beside the rules.

Features of a row (all hashed with crc32 into 2**20 slots, so predicting needs no vocabulary and no
scikit-learn): character 1-3-grams of the indicator name and of the value; parsed-value features
(operator, unit family, the family the name asks for, group); lexicon features (checkable state,
degree words, sentence); project context (the project kind versus the row's benefit dimension, the
row's overlap (character bigrams) with its own project versus the other projects of the document,
money value versus the budget). One logistic regression per category (scikit-learn, at training time only).

The model file is plain JSON (never a pickle): format tag, version, the non-zero weights by feature
index, and a SHA-256 of its content that is checked on load; anything else is refused.
"""

from __future__ import annotations

import hashlib
import json
import math
import weakref
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.memo import BoundedMemo
from scorer.normalise import RowContext
from scorer.predicates import (
    allowed_dimensions,
    checkable_words,
    dimension_text,
    dimensions_in,
    is_money_name,
    is_non_ratio_name,
    is_percent_name,
    is_placeholder_name,
    is_sentence,
    repeats_name,
    strong_degree_words,
    vague_words_in,
)
from scorer.text import compact
from scorer.types import CATEGORIES, UnitFamily
from scorer.values import money_in_wan, parse_value

if TYPE_CHECKING:
    import numpy as np

MODEL_FORMAT = "zhibiao-model"
MODEL_VERSION = 1
N_FEATURES = 1 << 20
MODEL_FILE = "zhibiao-model.json"
FINDING_THRESHOLD = 0.95  # a model finding needs this probability, and the rules must not have said it
SCORE_WEIGHT = 50.0  # points per unit of probability above SCORE_FROM
SCORE_FROM = 0.6  # below this probability the model leaves the score alone (rules' ties stay ties)
MODEL_CODES = {category: f"M{index:03d}" for index, category in enumerate(CATEGORIES, start=1)}
MODEL_DOC = """分类模型对一类问题的判断（逻辑回归，特征见 models/MODEL_CARD.md）。

模型读取指标名称和指标值的字词、名称的形式与指标值单位类别的搭配、所在项目的类型和维度。
在留出文档上胜过规则的类别里，模型把握不低于 {threshold:.0%} 且规则未指出该类问题时，以本代码给出“较弱”发现；
在留出文档上提高了排序效果的类别里，概率高于 {score_from:g} 时，每高出 0.1 扣 {tenth:g} 分，并以本代码的提示
（info，不计入问题数）写明扣分和主要依据；规则已认出的可核验写法（官方等级、达到或按编号、书名引用的标准、
按事件定的时限、固定周期）不因模型扣分。问题类别由规则决定，模型只为规则给分相同的指标排序；请人工复核。
较弱（模型认为含糊）：工作开展情况 = 良好。
较好：培训村医人数 = ≥120人。
"""


def model_doc() -> str:
    return MODEL_DOC.format(threshold=FINDING_THRESHOLD, score_from=SCORE_FROM, tenth=SCORE_WEIGHT / 10)


class ModelError(Exception):
    """A model file that is missing, foreign, tampered with or of another version."""


@lru_cache(maxsize=500_000)
def _slot(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def _grams(prefix: str, text: str) -> list[str]:
    text = text[:60]
    return [f"{prefix}:{text[i : i + n]}" for n in (1, 2, 3) for i in range(len(text) - n + 1)]


def _words(text: str) -> set[str]:
    """Character bigrams: enough to measure overlap, and no jieba dictionary to load at start-up."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


@lru_cache(maxsize=65_536)  # indicator names
def _words_of(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def row_features(row: RowContext) -> dict[str, float]:
    """Named features of one row with their values (before hashing): the name's, the value's, the pair's
    and the context's (four disjoint sets of feature names)."""
    return {**name_features(row.name), **value_features(row.indicator.value), **pair_features(row), **context_features(row)}


FEATURE_CACHE = 20_000  # distinct names and values whose features are kept, and feature descriptions
PART_CACHE = 60_000  # distinct names, values, row texts whose logits a model keeps (older half goes when full)


def text_key(row: RowContext) -> tuple[str, ...]:
    """All that name_features, value_features and pair_features read of a row."""
    i = row.indicator
    return i.level1, i.level2, i.level3, i.value


def _weighted_grams(prefix: str, text: str) -> dict[str, float]:
    grams = _grams(prefix, text)
    weight = 1.0 / math.sqrt(len(grams)) if grams else 0.0
    features: dict[str, float] = {}
    for gram in grams:
        features[gram] = features.get(gram, 0.0) + weight
    return features


def _flags(flags: dict[str, float | bool | int]) -> dict[str, float]:
    return {f"f:{key}": float(flag) for key, flag in flags.items() if flag}


@lru_cache(maxsize=FEATURE_CACHE)
def name_features(name: str) -> dict[str, float]:
    """Character n-grams of the name (compact, brackets removed) and what its ending asks for. Cached:
    the dict returned is shared, read it, do not change it."""
    features = _weighted_grams("n", name)
    features.update(
        _flags(
            {
                "percent_name": is_percent_name(name),
                "money_name": is_money_name(name),
                "non_ratio_name": is_non_ratio_name(name),
                "no_name": not name,
            }
        )
    )
    return features


@lru_cache(maxsize=FEATURE_CACHE)
def value_features(raw_value: str) -> dict[str, float]:
    """Character n-grams of the value and its parsed form (operator, unit family, wording). Cached: the
    dict returned is shared, read it, do not change it."""
    value, parsed = compact(raw_value), parse_value(raw_value)
    features = _weighted_grams("v", value)
    features.update(
        _flags(
            {
                f"op={parsed.op or 'none'}": 1,
                f"family={parsed.family.value}": 1,
                "has_number": parsed.has_number,
                "checkable": bool(checkable_words(value)),
                "strong_degree": bool(strong_degree_words(value)),
                "vague_words": min(len(vague_words_in(value)), 3) / 3,
                "sentence": bool(value) and is_sentence(value),
                "empty_value": not value,
                f"value_len={min(len(value) // 4, 5)}": 1,
                "cost_at_least": parsed.op in ("≥", ">") and parsed.family is UnitFamily.MONEY,
            }
        )
    )
    return features


def pair_features(row: RowContext) -> dict[str, float]:
    """What the name and value say together, and the row's group."""
    name, value, parsed = row.name, row.value_text, row.value
    flags: dict[str, float | bool | int] = {
        f"group={row.group or 'none'}": 1,
        f"level1={row.level1_group or 'none'}": 1,
        "percent_name_not_percent": is_percent_name(name) and parsed.has_number and parsed.family is not UnitFamily.PERCENT,
        "repeats_name": repeats_name(row),
        "name_equals_value": bool(value) and value == name,
        "placeholder": is_placeholder_name(row),
    }
    # the name's form against what the value gives: what carries across departments, whatever the words
    for form in row.form or ("plain",):
        flags[f"form={form}"] = 1
        flags[f"form={form}|family={parsed.family.value}"] = 1
    flags[f"group={row.group or 'none'}|family={parsed.family.value}"] = 1
    return _flags(flags)


# A word held by more projects of one document than this counts as held by every other project: the work
# per row is then bounded by (words of the name) x MAX_HOLDERS, whatever the document's size. Documents of up
# to MAX_HOLDERS projects (every document seen so far) get the exact overlap.
MAX_HOLDERS = 256


def _word_index(document) -> dict[str, list[int]]:
    """word -> the indexes of the document's projects whose text holds it, once per document."""
    if "word_index" not in document.memo:
        index: defaultdict[str, list[int]] = defaultdict(list)
        for project in document.projects:
            for word in _words(project.text):  # not kept: a document's project texts are many and long
                index[word].append(project.index)
        document.memo["word_index"] = index  # read with .get only: no entry is added by asking
    return document.memo["word_index"]


def _overlap_leaders(document, name: str, mine: frozenset[str]) -> tuple[int, int, int]:
    """(the project sharing most of these words, how many it shares, how many the best other project
    shares), counting a word held by more than MAX_HOLDERS projects as shared by all. Kept per document
    for each distinct name: a budget system's export repeats the same names across thousands of projects."""
    leaders = document.memo.get("overlap_leaders")
    if leaders is None:
        leaders = document.memo["overlap_leaders"] = {}
    found = leaders.get(name)
    if found is not None:
        return found
    shared: dict[int, int] = {}
    everywhere = 0
    index = _word_index(document)
    for word in mine:
        holders = index.get(word, ())
        if len(holders) > MAX_HOLDERS:
            everywhere += 1
            continue
        for holder in holders:
            shared[holder] = shared.get(holder, 0) + 1
    first, first_count, second_count = -1, 0, 0
    for holder, count in shared.items():
        if count > first_count:
            first, first_count, second_count = holder, count, first_count
        elif count > second_count:
            second_count = count
    found = leaders[name] = (first, first_count + everywhere, second_count + everywhere)
    return found


def best_other_overlap(row: RowContext, mine: frozenset[str]) -> int:
    """How many of the name's words (`mine`, the words of row.name) the other project of its document that
    shares most of them holds: an inverted index of words to projects, not a pass over every project for
    every row."""
    document = row.project.document
    if document is None or len(document.projects) < 2:
        return 0
    first, first_count, second_count = _overlap_leaders(document, row.name, mine)
    return second_count if first == row.project.index else first_count


ContextKey = tuple[str, frozenset[str], str, tuple[tuple[str, bool], ...]]


def _context_key(row: RowContext) -> ContextKey:
    """All that the row's context flags depend on: its budget share, its project's kinds, its group and the
    benefit dimensions its words name (each allowed or foreign): few distinct keys in any document."""
    share = ""
    budget = row.project.project.budget
    amount = money_in_wan(row.value)
    if budget and amount is not None:
        ratio = amount / budget
        share = "equal" if abs(ratio - 1) < 0.002 else "over" if ratio > 1 else "part"
    allowed = allowed_dimensions(row)
    dimensions = () if allowed is None else _dimension_flags(allowed, dimension_text(row))
    return share, row.project.types, row.group, dimensions


@lru_cache(maxsize=FEATURE_CACHE)
def _dimension_flags(allowed: frozenset[str], text: str) -> tuple[tuple[str, bool], ...]:
    """The benefit dimensions the text names, each with whether the project's kinds allow it."""
    return tuple((d, d in allowed) for d, _ in dimensions_in(text))


def _context_flags(key: ContextKey) -> dict[str, float]:
    share, kinds, group, dimensions = key
    flags: dict[str, float] = {}
    if share:
        flags[f"f:budget_share={share}"] = 1.0
    for kind in kinds:
        flags[f"f:kind={kind}"] = 1.0
        flags[f"f:kind={kind}|group={group or 'none'}"] = 1.0
    for dimension, allowed in dimensions:
        flags[f"f:dimension_{dimension}_{'allowed' if allowed else 'foreign'}"] = 1.0
    return flags


_last_project: list = [lambda: None, frozenset()]  # a weak reference to the project asked last, and its words


def _project_words(project) -> frozenset[str]:
    """The words of a project's text, kept for the last project asked: its rows are asked one after another,
    and keeping every project's words would cost a large document's worth of sets. The project is held
    weakly: held for good, it kept its whole document alive after the chunk was scored (a 200,000-row
    document in a worker until the next chunk, walked by every collector pass meanwhile)."""
    last = _last_project[0]()
    if last is None or last is not project:
        _last_project[0], _last_project[1] = weakref.ref(project), frozenset(_words(project.text))
    return _last_project[1]


def _overlaps(row: RowContext) -> tuple[float, bool]:
    """The share of the name's words in its own project's text, and whether another project of the document
    holds more of them."""
    mine = _words_of(row.name)
    if not mine:
        return 0.0, False
    own_overlap = len(mine & _project_words(row.project)) / len(mine)  # a bigram is in the text iff one of its bigrams
    return own_overlap, best_other_overlap(row, mine) / len(mine) > own_overlap


RowKeys = tuple[tuple[str, ...], ContextKey, tuple[float, bool]]  # all that a row's features derive from


@dataclass
class RowKeyTable:
    """The keys of each row of a probability_matrix_and_keys call, kept as the distinct text and context keys
    and each row's index into them (a large document's rows would each hold a tuple otherwise)."""

    text_keys: list[tuple[str, ...]] = field(default_factory=list)
    context_keys: list[ContextKey] = field(default_factory=list)
    text_ids: list[int] = field(default_factory=list)
    context_ids: list[int] = field(default_factory=list)
    own: list[float] = field(default_factory=list)
    other: list[bool] = field(default_factory=list)

    def __getitem__(self, number: int) -> RowKeys:
        return (
            self.text_keys[self.text_ids[number]],
            self.context_keys[self.context_ids[number]],
            (self.own[number], self.other[number]),
        )


def row_keys(row: RowContext) -> RowKeys:
    """(text_key, _context_key, _overlaps) of the row."""
    return text_key(row), _context_key(row), _overlaps(row)


def context_features(row: RowContext) -> dict[str, float]:
    """Features of the row within its project and document (budget share, dimensions, word overlap)."""
    flags = _context_flags(_context_key(row))
    own_overlap, other_fits_better = _overlaps(row)
    if own_overlap:
        flags["f:own_overlap"] = own_overlap
    if other_fits_better:
        flags["f:other_fits_better"] = 1.0
    return flags


def describe_feature(feature: str) -> str:
    """A feature's name (n:培训, f:family=none, f:form=slogan|family=none …) as a reviewer reads it, in the
    language of the run (lexicons/model_terms.yaml); a feature the lexicon does not describe keeps its name."""
    from scorer.messages import language

    return _described(feature, language())


@lru_cache(maxsize=FEATURE_CACHE)
def _described(feature: str, lang: str) -> str:
    from scorer.lexicons import table

    terms = table("model_terms")

    def said(entry: dict, **fields: str) -> str:
        return str(entry.get(lang, entry["zh"])).format(**fields)

    def flag(name: str) -> str:
        if name in terms["flags"]:
            return said(terms["flags"][name])
        if name.startswith("dimension_") and name.count("_") == 2:
            _, dimension, verdict = name.split("_")
            named = terms["values"]["dimension"].get(dimension)
            if verdict in terms["dimensions"] and named:
                return said(terms["dimensions"][verdict], dimension=said(named))
        key, _, value = name.partition("=")
        if value and key in terms["keyed"]:
            named = terms["values"].get(key, {}).get(value)
            return said(terms["keyed"][key], value=said(named) if named else value)
        return name

    prefix, _, rest = feature.partition(":")
    if prefix in terms["grams"]:
        return said(terms["grams"][prefix], text=rest)
    if prefix != "f":
        return feature
    return said(terms["both"]).join(flag(part) for part in rest.split("|"))


def hashed(features: dict[str, float]) -> dict[int, float]:
    out: dict[int, float] = {}
    for feature, value in features.items():
        slot = _slot(feature)
        out[slot] = out.get(slot, 0.0) + value
    return out


@dataclass
class Model:
    weights: dict[str, dict[int, float]]  # category -> slot -> weight
    intercepts: dict[str, float]
    metadata: dict

    @property
    def finding_categories(self) -> frozenset[str]:
        """Categories where the model may add a finding (M…): those where it beat the rules held out."""
        return frozenset(self.metadata.get("finding_categories", self.weights)) & frozenset(self.weights)

    @property
    def score_categories(self) -> frozenset[str]:
        """Categories whose probability lowers a row's score: those that raised the row AUC held out."""
        return frozenset(self.metadata.get("score_categories", self.weights)) & frozenset(self.weights)

    def _compact(self):
        """(categories, slot -> row of the weight matrix, matrix, intercepts), built once per model."""
        if getattr(self, "_compact_cache", None) is None:
            import numpy as np

            categories = list(self.weights)
            slots = sorted({slot for weights in self.weights.values() for slot in weights})
            row_of = {slot: index for index, slot in enumerate(slots)}
            matrix = np.zeros((len(slots), len(categories)))
            for column, category in enumerate(categories):
                for slot, weight in self.weights[category].items():
                    matrix[row_of[slot], column] = weight
            intercepts = np.array([self.intercepts[c] for c in categories])
            self._compact_cache = (categories, row_of, matrix, intercepts)
        return self._compact_cache

    def probabilities_batch(self, feature_rows: list[dict[str, float]]) -> list[dict[str, float]]:
        """probabilities() for many rows at once (one numpy accumulation instead of a loop per row)."""
        import numpy as np

        categories, row_of, matrix, intercepts = self._compact()
        row_ids, weight_rows, values = [], [], []
        for number, features in enumerate(feature_rows):
            for slot, value in hashed(features).items():
                index = row_of.get(slot)
                if index is not None:
                    row_ids.append(number)
                    weight_rows.append(index)
                    values.append(value)
        z = np.tile(intercepts, (len(feature_rows), 1))
        if row_ids:
            np.add.at(z, np.array(row_ids), matrix[np.array(weight_rows)] * np.array(values)[:, None])
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return [dict(zip(categories, row.tolist(), strict=True)) for row in probabilities]

    def _logits(self, features: dict[str, float]):
        import numpy as np

        categories, row_of, matrix, _ = self._compact()
        indices, values = [], []
        for slot, value in hashed(features).items():
            index = row_of.get(slot)
            if index is not None:
                indices.append(index)
                values.append(value)
        if not indices:
            return np.zeros(len(categories))
        return np.asarray(values) @ matrix[indices]

    def _memo(self, name: str) -> BoundedMemo:
        if name not in self.__dict__:
            self.__dict__[name] = BoundedMemo(PART_CACHE)
        return self.__dict__[name]

    def _text_logits(self, row: RowContext):
        """Logits of the row's own text: name and value parts cached per distinct name and value."""
        names = self._memo("_name_logits")
        values = self._memo("_value_logits")
        name_z = names.get(row.name)
        if name_z is None:
            name_z = names.put(row.name, self._logits(name_features(row.name)))
        raw = row.indicator.value
        value_z = values.get(raw)
        if value_z is None:
            value_z = values.put(raw, self._logits(value_features(raw)))
        pairs = self._memo("_pair_logits")
        pair = pair_features(row)
        pair_key = tuple(pair.items())
        pair_z = pairs.get(pair_key)
        if pair_z is None:
            pair_z = pairs.put(pair_key, self._logits(pair))
        return name_z + value_z + pair_z

    def row_probabilities(self, rows: list[RowContext]) -> list[dict[str, float]]:
        """probabilities(row_features(row)) for each row (probability_matrix, as one dict a row)."""
        categories, probabilities = self.probability_matrix(rows)
        return [dict(zip(categories, row.tolist(), strict=True)) for row in probabilities]

    def probability_matrix(self, rows: list[RowContext]) -> tuple[list[str], np.ndarray]:
        """(categories, a rows x categories array of probabilities(row_features(row)))."""
        categories, probabilities, _ = self.probability_matrix_and_keys(rows)
        return categories, probabilities

    def probability_matrix_and_keys(self, rows: list[RowContext]) -> tuple[list[str], np.ndarray, RowKeyTable]:
        """probability_matrix, and each row's keys (row_keys) for row_top_features. The model is linear, so
        the logits of a name, of a value and of a row's context flags are computed once per distinct name,
        value and context key, gathered for all rows in one numpy step, and the word-overlap part of all
        rows added in another."""
        import numpy as np

        categories, _, _, intercepts = self._compact()
        texts = self._memo("_text_cache")
        contexts = self._memo("_context_cache")
        text_slot: dict[tuple[str, ...], int] = {}
        context_slot: dict[ContextKey, int] = {}
        text_vectors: list = []
        context_vectors: list = []
        keys = RowKeyTable()
        text_ids, context_ids, own, other = keys.text_ids, keys.context_ids, keys.own, keys.other
        for row in rows:
            key = text_key(row)
            slot = text_slot.get(key)
            if slot is None:
                vector = texts.get(key)
                if vector is None:
                    vector = texts.put(key, self._text_logits(row) + intercepts)
                slot = text_slot[key] = len(text_vectors)
                text_vectors.append(vector)
                keys.text_keys.append(key)
            text_ids.append(slot)
            context = _context_key(row)
            slot = context_slot.get(context)
            if slot is None:
                vector = contexts.get(context)
                if vector is None:
                    vector = contexts.put(context, self._logits(_context_flags(context)))
                slot = context_slot[context] = len(context_vectors)
                context_vectors.append(vector)
                keys.context_keys.append(context)
            context_ids.append(slot)
            own_overlap, other_fits_better = _overlaps(row)
            own.append(own_overlap)
            other.append(other_fits_better)
        if not rows:
            return categories, np.empty((0, len(categories))), keys
        z = np.asarray(text_vectors)[text_ids] + np.asarray(context_vectors)[context_ids]
        own_part = np.asarray(own, dtype=float)[:, None] * self._feature_weights("f:own_overlap")
        z += own_part + np.asarray(other, dtype=float)[:, None] * self._feature_weights("f:other_fits_better")
        return categories, 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), keys

    def _feature_weights(self, feature: str):
        """The weight row of one feature (zeros when the model holds no weight for it)."""
        import numpy as np

        categories, row_of, matrix, _ = self._compact()
        index = row_of.get(_slot(feature))
        return np.zeros(len(categories)) if index is None else matrix[index]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        slots = hashed(features)
        out = {}
        for category, weights in self.weights.items():
            z = self.intercepts[category] + sum(value * weights.get(slot, 0.0) for slot, value in slots.items())
            out[category] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def row_top_features(self, row: RowContext, category: str, keys: RowKeys | None = None) -> list[str]:
        """top_features(row_features(row), category), kept per distinct row text, context key and overlap:
        all that a row's features derive from (`keys`, when probability_matrix gave them)."""
        key = (*(keys or row_keys(row)), category)
        memo = self._memo("_top_features")
        names = memo.get(key)
        if names is None:
            names = memo.put(key, self.top_features(row_features(row), category))
        return list(names)

    def top_features(self, features: dict[str, float], category: str, count: int = 3) -> list[str]:
        """The names of the features that weighed most towards `category` (describe_feature words them)."""
        weights = self.weights[category]
        scored = [(value * weights.get(_slot(feature), 0.0), feature) for feature, value in features.items()]
        return [feature for weight, feature in sorted(scored, reverse=True)[:count] if weight > 0]

    # --- persistence ----------------------------------------------------------------------------

    def to_json(self) -> str:
        body = {
            "categories": list(self.weights),
            "intercepts": {c: round(v, 8) for c, v in self.intercepts.items()},
            "weights": {
                c: {str(s): round(w, 8) for s, w in sorted(ws.items()) if abs(w) > 1e-6} for c, ws in self.weights.items()
            },
            "metadata": self.metadata,
        }
        canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return json.dumps(
            {
                "format": MODEL_FORMAT,
                "version": MODEL_VERSION,
                "n_features": N_FEATURES,
                "sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                "body": body,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str, source: str = "model") -> Model:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ModelError(f"{source}: not a zhibiao model (not JSON: {exc})") from exc
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise ModelError(f"{source}: not a zhibiao model file (format tag missing)")
        if data.get("version") != MODEL_VERSION or data.get("n_features") != N_FEATURES:
            raise ModelError(
                f"{source}: model version {data.get('version')} is not the version {MODEL_VERSION} "
                "this zhibiao reads; retrain with `zhibiao train`"
            )
        body = data.get("body")
        if not isinstance(body, dict):
            raise ModelError(f"{source}: not a zhibiao model file (no model body)")
        canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        if hashlib.sha256(canonical.encode("utf-8")).hexdigest() != data.get("sha256"):
            raise ModelError(f"{source}: model content does not match its checksum (changed or damaged); refused")
        try:
            weights = {c: {int(s): float(w) for s, w in ws.items()} for c, ws in body["weights"].items()}
            intercepts = {c: float(v) for c, v in body["intercepts"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{source}: model weights are malformed ({exc})") from exc
        if set(weights) != set(intercepts) or not set(weights) <= set(CATEGORIES):
            raise ModelError(f"{source}: model categories are not zhibiao's")
        return cls(weights=weights, intercepts=intercepts, metadata=body.get("metadata", {}))

    def save(self, path: str | Path) -> None:
        from scorer.atomic import atomic_output

        with atomic_output(path) as temporary:
            temporary.write_text(self.to_json() + "\n", encoding="utf-8")


def score_penalty(probability: float) -> float:
    """Points the model takes off a row's score: SCORE_WEIGHT × (p − SCORE_FROM), 0 below SCORE_FROM."""
    return SCORE_WEIGHT * max(0.0, probability - SCORE_FROM)


def default_model_path() -> Path | None:
    from scorer.lexicons import data_dir

    try:
        path = data_dir("models") / MODEL_FILE
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


@lru_cache(maxsize=4)
def _load_cached(path: str, stamp: float) -> Model:
    return Model.from_json(Path(path).read_text(encoding="utf-8"), source=path)


def load_model(path: str | Path | None = None) -> Model | None:
    """The model at `path`, or the shipped one; None when no model file exists. Raises ModelError."""
    path = Path(path) if path else default_model_path()
    if path is None:
        return None
    if not path.is_file():
        raise ModelError(f"{path}: no such model file")
    return _load_cached(str(path), path.stat().st_mtime)


# --- training -------------------------------------------------------------------------------------


def fit(feature_rows: list[dict[str, float]], labels: list[set[str]], seed: int = 0, c: float = 1.0) -> Model:
    """One logistic regression per category on hashed features (scikit-learn, imported here only)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for features in feature_rows:
        slots = hashed(features)
        indices.extend(slots)
        data.extend(slots.values())
        indptr.append(len(indices))
    matrix = csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(feature_rows), N_FEATURES))
    weights, intercepts = {}, {}
    for category in CATEGORIES:
        target = np.array([category in label for label in labels], dtype=int)
        if target.sum() == 0 or target.sum() == len(target):
            continue
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=seed)
        model.fit(matrix, target)
        coef = model.coef_[0]
        nonzero = np.flatnonzero(np.abs(coef) > 1e-6)
        weights[category] = {int(i): float(coef[i]) for i in nonzero}
        intercepts[category] = float(model.intercept_[0])
    return Model(weights=weights, intercepts=intercepts, metadata={})
