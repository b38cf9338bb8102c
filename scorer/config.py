"""Settings from `zhibiao.toml`, or `[tool.zhibiao]` in `pyproject.toml`, found like ruff's: from the working
directory upward, the first folder holding either (zhibiao.toml first) is the one read. An option given on
the command line wins over the file. Paths in the file are relative to the file's folder.

    # zhibiao.toml (in pyproject.toml: the same keys under [tool.zhibiao])
    select = ["V", "U001"]
    ignore = ["B009"]
    decisions = "review/decisions.csv"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scorer.messages import text

CONFIG_NAME = "zhibiao.toml"
KEYS: dict[str, type] = {"select": list, "ignore": list, "decisions": str}


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file and the key (one line)."""


@dataclass
class Settings:
    path: Path | None = None  # the file read, None when there is none
    values: dict[str, object] = field(default_factory=dict)

    def get(self, key: str):
        return self.values.get(key)

    def origin(self, key: str) -> str:
        if key not in self.values or self.path is None:
            return ""
        return f"{self.path}（[tool.zhibiao]）" if self.path.name == "pyproject.toml" else str(self.path)


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and _has_section(project):
            return project
    return None


def _has_section(path: Path) -> bool:
    try:
        return "zhibiao" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge: a pyproject.toml without a readable [tool.zhibiao]


def load_settings(start: Path | None = None) -> Settings:
    path = find_config(start)
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(text("config.unreadable", path=path, detail=type(exc).__name__)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(text("config.not_toml", path=path, detail=exc)) from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("zhibiao", {})
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(text("config.unknown_key", path=path, setting=key, keys="、".join(KEYS)))
        kind = KEYS[key]
        if kind is list:
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",") if part.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(text("config.not_codes", path=path, setting=key))
        elif not isinstance(value, str) or not value.strip():
            raise ConfigError(text("config.not_path", path=path, setting=key, name=path.name))
        else:
            value = str((path.parent / value).resolve()) if key == "decisions" else value
        values[key] = value
    return Settings(path, values)
