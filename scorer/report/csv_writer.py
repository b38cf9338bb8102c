"""CSV output: UTF-8 with BOM so Excel opens it; written atomically (temp file + rename).

Cells that a spreadsheet could run as a formula (starting with = + - @, tab or CR) are neutralised:
a plain target such as `=7人` or `-5%` gets a leading space (shown as text, and no formula could
call anything even if a reader trimmed it); anything else gets the usual leading apostrophe.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from scorer.atomic import atomic_output

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a figure, then a unit in Chinese, perhaps per another (=4000元/人·年, =100元/亩): no formula can call anything
_PLAIN_TARGET = re.compile(r"^[=+\-]\s*\d[\d,.]*\s*[%‰‱\u4e00-\u9fff/·・（）]*$")


def neutralise(value: object) -> object:
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_TARGET.match(value):
        return " " + value
    return "'" + value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised; only cells that start with a trigger are looked at."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            first = safe[column].astype(str).str[:1]
            risky = first.isin(FORMULA_TRIGGERS).to_numpy()
            if risky.any():
                values = safe[column].to_numpy(dtype=object, copy=True)
                values[risky] = [neutralise(v) for v in values[risky]]
                safe[column] = values
    return safe


def neutralised_text(cells):
    """Text cells (an array of str) as an Arrow string array, the cells that start like a formula neutralised,
    found by Arrow in one pass; TypeError for a cell that is no text (None, a number)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(cells, type=pa.string(), from_pandas=True)
    if array.null_count:
        raise TypeError("a blank cell, which a typed frame writes as empty text")
    risky = pc.is_in(pc.utf8_slice_codeunits(array, 0, 1), value_set=pa.array(list(FORMULA_TRIGGERS)))
    if not pc.any(risky).as_py():
        return array
    at = risky.to_numpy(zero_copy_only=False)
    cells = cells.copy()
    cells[at] = [neutralise(cell) for cell in cells[at]]
    return pa.array(cells, type=pa.string())


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    safe = neutralise_frame(frame)
    with atomic_output(path) as temporary, temporary.open("w", encoding="utf-8-sig", newline="") as out:
        safe.to_csv(out, index=False, lineterminator="\n")
