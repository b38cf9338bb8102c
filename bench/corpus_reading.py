"""Parse recall and precision on ../shared/corpus by layout family (the families of its SOURCES.md).

    python bench/corpus_reading.py [--shared ../shared]

Reads every corpus document with `zhibiao parse`, matches the rows to the hand labels with the shared
evaluator's own matching, and prints one line per layout family and the total.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

# the first family whose words the SOURCES.md description holds; run-on text is the hardest, so it wins
FAMILIES = [
    ("连写/OCR 无分隔", ("run together", "run-on", "连写", "OCR")),
    ("单元格内的文字清单", ("prose",)),
    ("空格分隔", ("space-separated", "空格分隔")),
    ("竖线表格", ("pipe", "管道")),
    ("一格一行", ("one cell per line", "一格一行")),
]


def families(sources: Path) -> dict[str, str]:
    out = {}
    for line in sources.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 6 or not re.match(r"^[A-Z]\d{2}_", cells[1]):
            continue
        layout = cells[5]
        out[cells[1]] = next((name for name, words in FAMILIES if any(w in layout for w in words)), "其他")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    sys.path.insert(0, str(args.shared / "tools"))
    import evaluate  # the shared evaluator: its matching, not a copy of it

    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "rows.csv"
        subprocess.run([sys.executable, "-m", "scorer.cli", "parse", str(corpus / "docs"), "-o", str(rows), "-q"], check=False)
        gold, pred = evaluate.read(str(corpus / "labels.csv")), evaluate.read(str(rows))
    pairs = evaluate.match(gold, pred)
    family_of = families(corpus / "SOURCES.md")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # docs, gold, predicted, matched
    docs: dict[str, set[str]] = defaultdict(set)
    for index, row in enumerate(gold):
        family = family_of.get(row["doc"], "其他")
        docs[family].add(row["doc"])
        counts[family][1] += 1
        counts[family][3] += index in pairs
    for row in pred:
        counts[family_of.get(evaluate.doc_of(row["source"]), "其他")][2] += 1
    print(f"{'版式':<16}{'文档':>4}{'标注行':>7}{'读出行':>7}{'匹配':>6}{'召回率':>8}{'精确率':>8}")
    total = [0, 0, 0, 0]
    for family, _ in [*FAMILIES, ("其他", ())]:
        if family not in counts:
            continue
        _, n_gold, n_pred, n_match = counts[family]
        total = [total[0] + len(docs[family]), total[1] + n_gold, total[2] + n_pred, total[3] + n_match]
        print(
            f"{family:<16}{len(docs[family]):>4}{n_gold:>7}{n_pred:>7}{n_match:>6}"
            f"{n_match / n_gold if n_gold else 0:>8.3f}{n_match / n_pred if n_pred else 0:>8.3f}"
        )
    print(
        f"{'合计':<16}{total[0]:>4}{total[1]:>7}{total[2]:>7}{total[3]:>6}{total[3] / total[1]:>8.3f}{total[3] / total[2]:>8.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
