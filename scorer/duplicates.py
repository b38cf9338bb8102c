"""Copy-paste and boilerplate across projects, documents and years: clusters of alike rows.

A row's comparison key is its name and value, NFKC-folded, spaces removed, figures and dates masked
(`≥95%` -> `≥<N>%`) with the operator kept, so rows that differ only in the figure still match and
`≥` never matches `≤`. Rows are grouped exactly by key first; the rows left alone are compared for
near-duplicates: all pairs with rapidfuzz at document scale, MinHash LSH candidates (character
bigrams, vectorised with numpy) verified with rapidfuzz beyond NEAR_ALL_PAIRS_LIMIT rows.

A cluster is then a template (its key is used by many units), a carry-over (the same unit in
different years), or a copy (different projects of one unit and year, or a few units).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

import numpy as np
import pandas as pd

from scorer.lexicons import table

NEAR_THRESHOLD = 88.0  # rapidfuzz ratio (0-100) of two keys that makes them near-duplicates
NEAR_ALL_PAIRS_LIMIT = 20_000  # up to this many rows, compare all pairs; beyond, MinHash LSH candidates
LSH_BANDS, LSH_ROWS = 16, 4  # 64 MinHash values; candidate when one band of 4 values agrees
LSH_MAX_BUCKET = 64  # a bucket this large is a template, not a copy: not expanded into pairs
TEMPLATE_MIN_UNITS = 5  # a key used by at least this many units (and TEMPLATE_MIN_SHARE of them) is a template
TEMPLATE_MIN_SHARE = 0.02

_FIGURE = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")
_TERM = re.compile(r"(?:第?[一二三四五六七八九十百\d]+(?:届|次|期))|(?:\d{4}\s*年度?)")


def _fold(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text or "")))


def mask_figures(text: str) -> str:
    return _FIGURE.sub("<N>", text)


def row_key(level3: str, value: str) -> str:
    """`会议成本`, `≤ 8.17万元` -> `会议成本|≤<N>万元`."""
    return f"{_BRACKETS.sub('', _fold(level3))}|{mask_figures(_fold(value))}"


@lru_cache(maxsize=50_000)
def cached_row_key(level3: str, value: str) -> str:
    """row_key, once per distinct (name, value): they repeat massively across projects."""
    return row_key(level3, value)


@cache
def _unit_aliases() -> list[tuple[str, str]]:
    data = table("unit_aliases")
    return sorted(data["aliases"].items(), key=lambda item: -len(item[0]))


def unit_key(unit: str) -> str:
    """A department's name with long forms abbreviated (人民代表大会 -> 人大) and level suffixes dropped."""
    text = _fold(unit)
    for long, short in _unit_aliases():
        text = text.replace(long, short)
    return re.sub(r"^\d+|本级$", "", text)


def project_key(name: str) -> str:
    """A project name with terms and years masked, to match a project across years (十四届 ~ 十五届)."""
    return _TERM.sub("", _fold(name))


# --- collecting rows ----------------------------------------------------------------------------

KEY_COLUMNS = ["doc", "source", "unit", "year", "project_index", "project", "row_index", "level3", "value", "key"]


def row_table(documents) -> pd.DataFrame:
    """One line per indicator with its comparison key (documents: scorer.types.Document list)."""
    records = []
    for doc_index, document in enumerate(documents):
        unit = unit_key(document.unit) or document.source
        for p_index, project in enumerate(document.projects):
            for r_index, indicator in enumerate(project.indicators):
                records.append(
                    (
                        doc_index,
                        document.source,
                        unit,
                        document.year,
                        p_index,
                        project.name,
                        r_index,
                        indicator.level3,
                        indicator.value,
                    )
                )
    frame = pd.DataFrame.from_records(records, columns=KEY_COLUMNS[:-1])
    frame["year"] = frame["year"].astype("Int64")
    return add_keys(frame)


def add_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds `key`, computed once per distinct (level3, value) pair: names and values repeat massively."""
    pairs = frame["level3"].astype(str) + "\x1f" + frame["value"].astype(str)
    codes, uniques = pd.factorize(pairs)
    keys = np.array([row_key(*pair.split("\x1f", 1)) for pair in uniques], dtype=object)
    frame = frame.copy()
    frame["key"] = keys[codes] if len(codes) else []
    return frame


# --- near-duplicates ----------------------------------------------------------------------------


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised: a well-mixed 64-bit hash of each value (wraps on purpose)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def minhash_signatures(texts: list[str], num_perm: int = LSH_BANDS * LSH_ROWS, seed: int = 20261121) -> np.ndarray:
    """MinHash of each text's character bigrams, shape (len(texts), num_perm), uint64. Vectorised:
    a bigram of two characters is packed into one integer, and permutation k hashes it as
    splitmix64(bigram XOR seed_k); a linear hash of such structured integers is not min-wise enough."""
    codes_list, lengths = [], np.zeros(len(texts), dtype=np.int64)
    for index, text in enumerate(texts):
        points = (
            np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) if text else np.zeros(0, dtype=np.uint64)
        )
        grams = points[:-1] * np.uint64(1 << 21) + points[1:] if len(points) > 1 else points
        if not len(grams):
            grams = np.zeros(1, dtype=np.uint64)
        codes_list.append(np.unique(grams))
        lengths[index] = len(codes_list[-1])
    codes = np.concatenate(codes_list) if codes_list else np.zeros(0, dtype=np.uint64)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    seeds = _mix(np.arange(num_perm, dtype=np.uint64) + np.uint64(seed))
    signatures = np.empty((len(texts), num_perm), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(num_perm):
            hashed = _mix(codes ^ seeds[k])
            signatures[:, k] = np.minimum.reduceat(hashed, offsets) if len(codes) else 0
    return signatures


def lsh_candidates(
    signatures: np.ndarray, bands: int = LSH_BANDS, rows: int = LSH_ROWS, blocks: np.ndarray | None = None
) -> np.ndarray:
    """Pairs (i < j) that agree on all values of at least one band (and on `blocks`, when given: only
    rows of one block can pair), as an (m, 2) int64 array."""
    found = []
    n = len(signatures)
    for band in range(bands):
        part = signatures[:, band * rows : (band + 1) * rows]
        key = part[:, 0].copy() if blocks is None else part[:, 0] ^ (blocks.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
        for column in range(1, rows):
            key = key * np.uint64(1_000_003) ^ part[:, column]
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        starts = np.flatnonzero(np.concatenate([[True], sorted_key[1:] != sorted_key[:-1]]))
        sizes = np.diff(np.concatenate([starts, [n]]))
        for start, size in zip(
            starts[(sizes > 1) & (sizes <= LSH_MAX_BUCKET)], sizes[(sizes > 1) & (sizes <= LSH_MAX_BUCKET)], strict=True
        ):
            members = np.sort(order[start : start + size])
            i, j = np.triu_indices(len(members), k=1)
            found.append(np.stack([members[i], members[j]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found).astype(np.int64), axis=0)


MIN_NEAR_NAME = 6  # shorter names differ in meaning with one character (培训及时率, 招待及时率)


def near_enough(left: str, right: str) -> bool:
    """Near-duplicates keep the same masked value and differ only in the wording of a long enough name."""
    name_l, _, value_l = left.partition("|")
    name_r, _, value_r = right.partition("|")
    return value_l == value_r and max(len(name_l), len(name_r)) >= MIN_NEAR_NAME


def near_pairs(keys: list[str], threshold: float = NEAR_THRESHOLD) -> list[tuple[int, int, float]]:
    """Pairs of near-identical keys with their similarity (0-100)."""
    from rapidfuzz import fuzz, process

    if len(keys) < 2:
        return []
    if len(keys) <= NEAR_ALL_PAIRS_LIMIT:
        found: list[tuple[int, int]] = []
        for start in range(0, len(keys), 2000):  # blocks of rows keep the score matrix small
            block = process.cdist(
                keys[start : start + 2000], keys, scorer=fuzz.ratio, score_cutoff=threshold - 1, dtype=np.uint8, workers=-1
            )
            i, j = np.nonzero(block)
            found.extend((int(a) + start, int(b)) for a, b in zip(i, j, strict=True) if a + start < b)
        # re-scored exactly: the uint8 matrix only proposes, as the MinHash buckets do below
        candidates = ((a, b, fuzz.ratio(keys[a], keys[b], score_cutoff=threshold)) for a, b in found)
    else:
        # MinHash of the name only; the masked value must be equal, so it blocks the buckets instead
        names = [key.partition("|")[0] for key in keys]
        value_codes, _ = pd.factorize(pd.Series([key.partition("|")[2] for key in keys]))
        candidates = (
            (int(a), int(b), fuzz.ratio(keys[a], keys[b], score_cutoff=threshold))
            for a, b in lsh_candidates(minhash_signatures(names), blocks=np.asarray(value_codes))
        )
    return [(a, b, score) for a, b, score in candidates if score and near_enough(keys[a], keys[b])]


# --- clusters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterOptions:
    near: bool = True
    template_min_units: int = TEMPLATE_MIN_UNITS
    template_min_share: float = TEMPLATE_MIN_SHARE
    # distinct keys -> near pairs (a, b, similarity): near_pairs here, or on a cluster
    # (scorer.engines.dask_engine.near_pairs_on)
    find_near: Callable[[list[str]], list[tuple[int, int, float]]] | None = None


def cluster_rows(frame: pd.DataFrame, options: ClusterOptions = ClusterOptions()) -> pd.DataFrame:
    """Adds `cluster` (-1 when the row is alike no other), `similarity` and `kind` to a row_table frame.

    kind: template (key used by many units), carry-over (one unit, several years), copy (otherwise).
    Rows alike only within one project are not a cluster.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(frame)
    frame = frame.reset_index(drop=True).copy()
    key_codes, unique_keys = pd.factorize(frame["key"])
    # exact: rows of one key are linked through the key's node (n + code)
    rows_a = [np.arange(n)]
    rows_b = [n + key_codes]
    similarity = np.full(n, 100.0)
    if options.near:  # distinct keys are compared once each, however many rows share them
        pairs = (options.find_near or near_pairs)(list(unique_keys))
        if pairs:
            rows_a.append(np.array([a for a, _, _ in pairs]) + n)
            rows_b.append(np.array([b for _, b, _ in pairs]) + n)
            score_of: dict[int, float] = {}
            for a, b, score in pairs:
                for key_index in (a, b):
                    score_of[key_index] = max(score_of.get(key_index, 0.0), score)
            near_score = np.array([score_of.get(code, 100.0) for code in key_codes])
            similarity = np.minimum(similarity, near_score)
    size = n + len(unique_keys)
    edges_a = np.concatenate(rows_a)
    edges_b = np.concatenate(rows_b)
    graph = coo_matrix((np.ones(len(edges_a), dtype=np.int8), (edges_a, edges_b)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    frame["cluster"] = labels[:n]
    frame["similarity"] = similarity
    place = frame["doc"].astype(str) + ":" + frame["project_index"].astype(str)
    projects_per_cluster = place.groupby(frame["cluster"]).transform("nunique")
    frame.loc[projects_per_cluster < 2, "cluster"] = -1
    total_units = max(frame["unit"].nunique(), 1)
    grouped = frame[frame["cluster"] >= 0].groupby("cluster")
    units = grouped["unit"].nunique()
    years = grouped["year"].nunique()
    template_units = max(options.template_min_units, int(np.ceil(options.template_min_share * total_units)))
    kind = pd.Series("copy", index=units.index)
    kind[(units == 1) & (years > 1)] = "carry-over"
    kind[units >= template_units] = "template"
    frame["kind"] = frame["cluster"].map(kind).astype(object).fillna("")
    return frame


# --- across years -------------------------------------------------------------------------------

PROJECT_MATCH = 80.0  # rapidfuzz ratio of project keys that makes two years' projects the same project


@dataclass(frozen=True)
class CarryOver:
    doc: int
    project_index: int
    row_index: int | None  # None: the project as a whole
    kind: str  # "unchanged", "value-changed", "table"
    other_doc: int
    other_project: str
    other_value: str = ""
    share: float = 0.0


def match_projects(older, newer) -> list[tuple[int, int]]:
    """(older project index, newer project index) for projects of two years that are the same project."""
    from rapidfuzz import fuzz

    pairs = []
    taken: set[int] = set()
    old_keys = [project_key(p.name) for p in older.projects]
    for n_index, project in enumerate(newer.projects):
        key = project_key(project.name)
        best, best_score = None, PROJECT_MATCH
        for o_index, old_key in enumerate(old_keys):
            score = fuzz.ratio(key, old_key)
            if o_index not in taken and score >= best_score:
                best, best_score = o_index, score
        if best is not None:
            taken.add(best)
            pairs.append((best, n_index))
    return pairs


def carry_overs(documents) -> list[CarryOver]:
    """Rows and tables carried from an earlier year of the same unit into a later one."""
    by_unit: dict[str, list[int]] = {}
    for index, document in enumerate(documents):
        if document.year:
            by_unit.setdefault(unit_key(document.unit) or document.source, []).append(index)
    out: list[CarryOver] = []
    for indices in by_unit.values():
        indices.sort(key=lambda i: documents[i].year)
        for older_index, newer_index in pairwise(indices):
            older, newer = documents[older_index], documents[newer_index]
            if older.year == newer.year:
                continue
            for o_index, n_index in match_projects(older, newer):
                old_project, new_project = older.projects[o_index], newer.projects[n_index]
                old_rows: dict[str, list[str]] = {}
                for indicator in old_project.indicators:
                    old_rows.setdefault(_BRACKETS.sub("", _fold(indicator.level3)), []).append(_fold(indicator.value))
                unchanged = 0
                for r_index, indicator in enumerate(new_project.indicators):
                    values = old_rows.get(_BRACKETS.sub("", _fold(indicator.level3)))
                    if not values:
                        continue
                    if _fold(indicator.value) in values:
                        unchanged += 1
                        out.append(CarryOver(newer_index, n_index, r_index, "unchanged", older_index, old_project.name))
                    else:
                        out.append(
                            CarryOver(
                                newer_index,
                                n_index,
                                r_index,
                                "value-changed",
                                older_index,
                                old_project.name,
                                other_value=" / ".join(dict.fromkeys(values)),
                            )
                        )
                if new_project.indicators and unchanged / len(new_project.indicators) >= 0.8:
                    out.append(
                        CarryOver(
                            newer_index,
                            n_index,
                            None,
                            "table",
                            older_index,
                            old_project.name,
                            share=unchanged / len(new_project.indicators),
                        )
                    )
    return out


# --- corpus statistics ----------------------------------------------------------------------------

STATS_SCHEMA = "zhibiao-corpus-stats"


def corpus_stats(frame: pd.DataFrame) -> dict:
    """How many units, documents and projects use each key (keys used by two units or more are kept)."""
    grouped = frame.groupby("key").agg(units=("unit", "nunique"), documents=("source", "nunique"), projects=("project", "size"))
    shared = grouped[grouped["units"] >= 2].sort_index()
    return {
        "schema": STATS_SCHEMA,
        "version": 1,
        "documents": int(frame["source"].nunique()),
        "units": int(frame["unit"].nunique()),
        "rows": len(frame),
        "keys": {key: [int(r.units), int(r.documents), int(r.projects)] for key, r in shared.iterrows()},
    }


def units_needed(stats: dict, min_units: int = TEMPLATE_MIN_UNITS, min_share: float = TEMPLATE_MIN_SHARE) -> int:
    """How many units must use a key for it to be a template."""
    return max(min_units, int(np.ceil(min_share * max(stats.get("units", 0), 1))))


def template_keys(stats: dict, min_units: int = TEMPLATE_MIN_UNITS, min_share: float = TEMPLATE_MIN_SHARE) -> dict:
    """key -> number of units, for keys used by so many units that they are templates."""
    needed = units_needed(stats, min_units, min_share)
    return {key: counts[0] for key, counts in stats.get("keys", {}).items() if counts[0] >= needed}


@lru_cache(maxsize=50_000)
def key_hash(key: str) -> str:
    """A key's 64-bit digest (hex), the same in every process and on every machine (unlike hash())."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@lru_cache(maxsize=50_000)
def cached_key_hash(key: str) -> str:
    """key_hash, once per distinct key: B201 asks it of every row, and row keys repeat massively."""
    return key_hash(key)


def template_lookup(stats: dict) -> dict[str, int]:
    """key or key_hash(key) -> units, for the templates of stats: statistics name keys by their text
    (`zhibiao corpus-stats`) or, from the bulk path's first pass, by their digest ("key_hashes")."""
    needed = units_needed(stats)
    lookup = template_keys(stats)
    lookup.update({digest: units for digest, units in stats.get("key_hashes", {}).items() if units >= needed})
    return lookup
