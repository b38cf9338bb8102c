"""Load word lists and rule tables from `lexicons/` (plain text: a term a line, `#` comments; or YAML).

An installed wheel carries the folder as `scorer/_data/lexicons`; a source checkout reads the top-level
`lexicons/` directly, so edits there take effect without reinstalling.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `lexicons` or `models`, from the wheel or from the checkout."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"zhibiao data folder '{name}' not found next to {_PACKAGE_DIR}")


def lexicon_path(name: str) -> Path:
    folder = data_dir("lexicons")
    for suffix in ("", ".txt", ".yaml", ".yml"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    raise FileNotFoundError(f"lexicon '{name}' not found in {folder}")


@cache
def words(name: str) -> frozenset[str]:
    """A plain-text lexicon as a set of terms."""
    return frozenset(terms(name))


@cache
def terms(name: str) -> tuple[str, ...]:
    """A plain-text lexicon in file order (longest-first matching wants the order)."""
    out: list[str] = []
    for line in lexicon_path(name).read_text(encoding="utf-8").splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            out.append(term)
    return tuple(out)


# libyaml's loader when PyYAML was built with it (the wheels are): it reads the lexicons to the same objects
# (checked in tests/test_lexicons.py) about eight times faster, a tenth of a cold run's second.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def table(name: str) -> Any:
    """A YAML lexicon, parsed."""
    with lexicon_path(name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)
