"""CSV output: UTF-8 with BOM so Excel opens it; written atomically (temp file + rename)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scorer.report.atomic import atomic_output


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    with atomic_output(path) as temporary, temporary.open("w", encoding="utf-8-sig", newline="") as out:
        frame.to_csv(out, index=False, lineterminator="\n")
