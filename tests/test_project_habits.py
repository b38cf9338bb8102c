"""One version source, a changelog and licence that agree with it, and a lock that holds every dependency."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from click.testing import CliRunner

import scorer
from scorer.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def _name(requirement: str) -> str:
    """The normalised project name of a requirement string (PEP 503)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def test_version_option_and_api_print_pyprojects_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"zhibiao {VERSION}"
    assert scorer.__version__ == VERSION


def test_changelog_has_an_unreleased_section_then_one_for_the_current_version():
    headings = re.findall(r"^## \[([^\]]+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert headings[0] == "Unreleased"
    assert VERSION in headings


def test_licence_file_is_the_licence_pyproject_declares():
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "zhibiao contributors" in text


def test_lock_pins_every_dependency_and_test_extra_with_hashes():
    lock = (ROOT / "requirements" / "test.lock").read_text(encoding="utf-8")
    pinned = {_name(m) for m in re.findall(r"^([A-Za-z0-9._-]+)==\S+ \\$", lock, re.M)}
    extras = PYPROJECT["project"]["optional-dependencies"]
    test = extras["test"]
    included = [extra for r in test if r.startswith("zhibiao[") for extra in r[len("zhibiao[") : -1].split(",")]
    assert included, "the test extra should take in the other extras"
    wanted = PYPROJECT["project"]["dependencies"] + test + [r for name in included for r in extras[name]]
    missing = {_name(r) for r in wanted if _name(r) != "zhibiao"} - pinned
    assert not missing, f"not in requirements/test.lock (refresh it, CONTRIBUTING.md): {sorted(missing)}"
    requirements = re.split(r"\n(?=[A-Za-z])", lock.split("\n", 6)[-1])
    assert all("--hash=sha256:" in block for block in requirements if "==" in block)
