"""Benchmark of duplicate detection at corpus scale: a synthetic corpus with planted copies.

    python bench/duplicates_bench.py --rows 1000000

The corpus (seeded, so the same every run): many units, one document each, projects of ~20 rows.
Indicator names are built from a large vocabulary (two 4-character words + a topic + a measure), so
organic rows rarely coincide; values are an operator, a figure and the measure's unit. Planted:
- template rows (a fixed name and value) in TEMPLATE_SHARE of the units: must come out as templates;
- copies of a source row into another project (half in the same document, half in another unit):
  a third verbatim, a third with the figure changed, a third with one character added to the name.
Recall: planted (source, copy) pairs found in one copy cluster. Precision: pairs in copy clusters
that were planted. Prints rows/s, peak memory (resource.getrusage, from the OS) and the stages.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd

from scorer.duplicates import ClusterOptions, add_keys, cluster_rows

TOPICS = [
    "会议",
    "培训",
    "执法检查",
    "调研",
    "接待",
    "图书",
    "道路",
    "校舍",
    "诊疗",
    "防疫",
    "造林",
    "灌溉",
    "宣传",
    "印刷",
    "网络",
    "设备",
    "档案",
    "信访",
    "审判",
    "救助",
    "养老",
    "文物",
    "演出",
    "体育",
    "监测",
    "巡查",
    "维修",
    "采购",
]
MEASURES = [
    ("次数", "次"),
    ("人数", "人"),
    ("合格率", "%"),
    ("及时率", "%"),
    ("成本", "万元"),
    ("满意度", "%"),
    ("覆盖率", "%"),
    ("数量", "个"),
    ("面积", "平方米"),
    ("天数", "天"),
    ("完成率", "%"),
    ("单价", "元"),
]
TEMPLATES = [
    ("服务对象满意度", "≥90%"),
    ("资金拨付及时率", "100%"),
    ("项目完成率", "100%"),
    ("制度健全性", "健全"),
    ("档案管理规范性", "规范"),
    ("日常办公成本", "≤1万元"),
    ("政策知晓率", "≥95%"),
    ("安全事故发生次数", "0次"),
]
TEMPLATE_SHARE = 0.10


def make_corpus(rows: int, seed: int = 7) -> tuple[pd.DataFrame, list[set[int]]]:
    rng = np.random.default_rng(seed)
    # place-like words: 4 characters from a pool of ~300, so two words rarely differ by one character
    pool = np.array([chr(c) for c in range(0x4E00, 0x9FA5, 67)][:300])
    words = np.array(["".join(rng.choice(pool, 4)) for _ in range(6000)])
    per_project, per_unit = 20, 500
    n_units = max(rows // per_unit, 2)
    unit = np.repeat(np.arange(n_units), per_unit)[:rows]
    project = np.arange(rows) // per_project
    w1, w2 = rng.integers(0, len(words), rows), rng.integers(0, len(words), rows)
    topic = rng.integers(0, len(TOPICS), rows)
    measure = rng.integers(0, len(MEASURES), rows)
    figures = rng.integers(1, 500, rows)
    ops = rng.choice(np.array(["≥", "≤", "", "="]), rows)
    level3 = [f"{words[a]}{words[b]}{TOPICS[t]}{MEASURES[m][0]}" for a, b, t, m in zip(w1, w2, topic, measure, strict=True)]
    value = [f"{o}{f}{MEASURES[m][1]}" for o, f, m in zip(ops, figures, measure, strict=True)]

    groups: list[set[int]] = []
    taken = np.zeros(rows, dtype=bool)
    # templates: one row in TEMPLATE_SHARE of the units
    for name, val in TEMPLATES:
        for u in rng.choice(n_units, max(int(TEMPLATE_SHARE * n_units), 5), replace=False):
            i = int(u * per_unit + rng.integers(0, per_unit))
            if i < rows and not taken[i]:
                level3[i], value[i], taken[i] = name, val, True
    # copies: ~2% of rows are copied once
    n_copies = rows // 50
    for k in range(n_copies):
        source = int(rng.integers(0, rows))
        if taken[source]:
            continue
        if k % 2 == 0:  # same document, another project
            base = int(unit[source]) * per_unit
            target = base + int(rng.integers(0, min(per_unit, rows - base)))
        else:  # another unit
            target = int(rng.integers(0, rows))
        if taken[target] or project[target] == project[source]:
            continue
        kind = k % 3
        name, val = level3[source], value[source]
        if kind == 1:
            val = val.replace(str(figures[source]), str(figures[source] + int(rng.integers(1, 50))), 1)
        elif kind == 2:
            at = int(rng.integers(1, len(name)))
            name = name[:at] + str(rng.choice(pool)) + name[at:]
        level3[target], value[target] = name, val
        taken[source] = taken[target] = True
        groups.append({source, target})
    frame = pd.DataFrame(
        {
            "doc": unit,
            "source": [f"unit{u}.xlsx" for u in unit],
            "unit": [f"单位{u}" for u in unit],
            "year": 2024,
            "project_index": project,
            "project": [f"项目{p}" for p in project],
            "row_index": np.arange(rows) % per_project,
            "level3": level3,
            "value": value,
        }
    )
    return frame, groups


def pairs_of(members: list[int]) -> set[tuple[int, int]]:
    members = sorted(members)
    return {(a, b) for i, a in enumerate(members) for b in members[i + 1 :]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()

    started = time.perf_counter()
    frame, groups = make_corpus(args.rows)
    made = time.perf_counter()
    keyed = add_keys(frame)
    keys_done = time.perf_counter()
    clustered = cluster_rows(keyed, ClusterOptions(near=True))
    done = time.perf_counter()

    truth = set().union(*(pairs_of(list(g)) for g in groups)) if groups else set()
    copies = clustered[(clustered["cluster"] >= 0) & (clustered["kind"] == "copy")]
    predicted: set[tuple[int, int]] = set()
    for members in copies.groupby("cluster").groups.values():
        if len(members) <= 50:
            predicted |= pairs_of([int(m) for m in members])
    found = truth & predicted
    recall = len(found) / len(truth) if truth else float("nan")
    precision = len(found) / len(predicted) if predicted else float("nan")
    templates = clustered[clustered["kind"] == "template"]["key"].str.split("|").str[0].unique()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = done - made
    print(f"rows {len(frame):,}  units {frame['unit'].nunique():,}  planted copy pairs {len(truth):,}")
    print(f"stages: generate {made - started:.1f}s, keys {keys_done - made:.1f}s, cluster {done - keys_done:.1f}s")
    print(f"duplicate detection {seconds:.1f}s = {len(frame) / seconds:,.0f} rows/s; peak memory {peak_mb:,.0f} MB")
    print(
        f"planted copies: recall {recall:.4f}  precision {precision:.4f}  "
        f"(found {len(found):,}, predicted pairs {len(predicted):,})"
    )
    print(f"template rows recognised as templates: {sorted(set(templates) & {n for n, _ in TEMPLATES})}")


if __name__ == "__main__":
    main()
