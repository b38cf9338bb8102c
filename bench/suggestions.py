"""指标推荐 measured on ../shared/corpus: how many flagged rows get a suggestion, whether every suggestion is
of the row's 二级指标 group and project kind, whether the first suggestion scores sound when put in place of
its row, and a seeded random sample of suggestions to judge by hand.

    python bench/suggestions.py [--library FILE] [--shared ../shared] [--sample 30]

Without --library, the shipped library (scorer/data/indicator_library.parquet: the samples and the bundled
tables). To measure with the corpus in the library too:

    zhibiao library build ../shared/corpus/docs samples tests/fixtures/other_departments.csv tests/fixtures/library \
        -o /tmp/lib.parquet
    python bench/suggestions.py --library /tmp/lib.parquet
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's scorer, not an installed one

from scorer.api import documents_from_frame, score, score_documents
from scorer.library import Suggester, load_library, project_kinds, shares_kind
from scorer.normalise import prepare
from scorer.table import parse_frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default=None)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--sample", type=int, default=30)
    arguments = parser.parse_args()

    result = score([Path(arguments.shared) / "corpus" / "docs"])
    library = load_library(arguments.library)
    suggester = Suggester(library)
    contexts = {(d.source, p.index): p for d in prepare(result.documents) for p in d.projects}
    frame = parse_frame(result.documents)
    flagged = suggested = checked = mismatched = 0
    replaced, pairs = [], []
    for position, (source, p_index, r_index, categories) in enumerate(
        zip(result.rows["source"], result.rows["project_index"], result.rows["row_index"], result.rows["categories"], strict=True)
    ):
        if not categories:
            continue
        flagged += 1
        project = contexts[(source, p_index)]
        row = project.rows[r_index]
        kinds = project_kinds(project)
        found = suggester.suggest(
            row.group, kinds, row.indicator.level3, source, row.indicator.value, project=project.name, level2=row.indicator.level2
        )
        if not found:
            continue
        suggested += 1
        for item in found:
            match = library[(library["name"] == item.name) & (library["value"] == item.value) & (library["group"] == row.group)]
            checked += 1
            mismatched += match.empty or not any(shares_kind(kinds, k.split(";")) for k in match["kinds"])
            pairs.append(
                (Path(source).stem[:3], project.name, row.indicator.level2, row.indicator.level3, row.indicator.value, item)
            )
        frame.loc[position, "level3"], frame.loc[position, "value"] = found[0].name, found[0].value
        replaced.append(position)
    print(f"flagged rows: {flagged}; with a suggestion: {suggested} ({suggested / max(flagged, 1):.1%})")
    print(f"suggestions: {checked}; not a library row of the row's group and project kind: {mismatched}")
    rescored = score_documents(documents_from_frame(frame))
    sound = [p for p in replaced if rescored.rows.loc[p, "categories"] == ""]
    print(f"first suggestion put in place of its row, the documents scored again: {len(sound)}/{len(replaced)} sound")
    for position in sorted(set(replaced) - set(sound)):
        print(
            f"  not sound: {rescored.rows.loc[position, 'level3']} = {rescored.rows.loc[position, 'value']}: "
            f"{rescored.rows.loc[position, 'messages'][:90]}"
        )
    random.seed(16)
    print(f"{min(arguments.sample, len(pairs))} suggestions drawn at random (seed 16):")
    for number, (doc, project, level2, name, value, item) in enumerate(
        random.sample(pairs, min(arguments.sample, len(pairs))), start=1
    ):
        print(
            f"{number:2d}. [{doc}] {project[:18]} | {level2} | {name} = {value[:25]}  ->  {item.name} = {item.value}"
            f" | {item.project[:16]}"
        )


if __name__ == "__main__":
    main()
