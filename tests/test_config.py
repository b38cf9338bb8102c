"""Settings from zhibiao.toml or [tool.zhibiao], found from the working directory upward; `zhibiao config`."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "003_e894add5ed61165e.txt"


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {code for row in csv.DictReader(handle) for code in row["codes"].split(";") if code}


def test_settings_are_found_upward_and_the_command_line_wins(tmp_path, monkeypatch):
    (tmp_path / "zhibiao.toml").write_text('select = ["V"]\nignore = ["V002"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.zhibiao]\nselect = ["U"]\n', encoding="utf-8")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    shown = run("config")
    assert shown.exit_code == EXIT_OK
    assert f"设置文件：{tmp_path / 'zhibiao.toml'}" in shown.stdout  # zhibiao.toml before pyproject.toml
    assert f"select = V    （来源：{tmp_path / 'zhibiao.toml'}）" in shown.stdout
    assert "decisions = 无    （来源：默认）" in shown.stdout

    everything = run("score", SAMPLE, "-o", tmp_path / "all.csv", "--no-model", "--select", "V,U,B,L,R,C,P", "-q")
    assert everything.exit_code == EXIT_OK
    configured = run("score", SAMPLE, "-o", tmp_path / "v.csv", "--no-model", "-q")
    assert configured.exit_code == EXIT_OK
    found = codes(tmp_path / "v.csv")
    assert found and all(c.startswith("V") and c != "V002" for c in found)
    assert found == {c for c in codes(tmp_path / "all.csv") if c.startswith("V") and c != "V002"}
    overridden = run("score", SAMPLE, "-o", tmp_path / "b.csv", "--no-model", "--select", "B", "-q")
    assert overridden.exit_code == EXIT_OK and all(c.startswith("B") for c in codes(tmp_path / "b.csv"))

    (tmp_path / "zhibiao.toml").unlink()
    assert f"select = U    （来源：{tmp_path / 'pyproject.toml'}（[tool.zhibiao]））" in run("config").stdout


def test_a_decisions_file_named_in_the_settings_is_applied(tmp_path, monkeypatch):
    run("score", SAMPLE, "-o", tmp_path / "rows.csv", "--findings", tmp_path / "findings.csv", "--no-model", "-q")
    with (tmp_path / "rows.csv").open(encoding="utf-8-sig", newline="") as handle:
        flagged = next(r for r in csv.DictReader(handle) if r["categories"])
    review = tmp_path / "review"
    review.mkdir()
    with (review / "decisions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", "project", "indicator", "value", "code", "decision", "note"])
        for code in flagged["codes"].split(";"):
            writer.writerow([SAMPLE.stem, flagged["project"], flagged["level3"], flagged["value"], code, "不同意", "可接受"])
    (tmp_path / "zhibiao.toml").write_text('decisions = "review/decisions.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("score", SAMPLE, "-o", tmp_path / "after.csv", "--no-model")
    assert result.exit_code == EXIT_OK
    with (tmp_path / "after.csv").open(encoding="utf-8-sig", newline="") as handle:
        after = next(
            r for r in csv.DictReader(handle) if r["row_index"] == flagged["row_index"] and r["project"] == flagged["project"]
        )
    assert after["score"] == "100.0" and after["messages"].startswith("已豁免（可接受）")


def test_a_bad_setting_is_one_line_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.zhibiao]\nselcet = ["V"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("score", SAMPLE, "-o", tmp_path / "rows.csv", "-q")
    assert result.exit_code == EXIT_NOTHING_READ and not (tmp_path / "rows.csv").exists()
    assert result.stderr.count("\n") == 1 and str(tmp_path / "pyproject.toml") in result.stderr
    assert "selcet" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.zhibiao]\nselect = ["含糊", "Q9"]\n', encoding="utf-8")
    wrong_code = run("score", SAMPLE, "-o", tmp_path / "rows.csv", "-q")
    assert wrong_code.exit_code == EXIT_NOTHING_READ and "Q9" in wrong_code.stderr
    assert str(tmp_path / "pyproject.toml") in wrong_code.stderr


def test_settings_that_leave_no_rule_are_named_where_they_are_written(tmp_path, monkeypatch):
    """Found in review: select and ignore from zhibiao.toml that leave no rule were refused as `--select 与
    --ignore`, options the user never typed."""
    settings = tmp_path / "zhibiao.toml"
    settings.write_text('select = ["含糊"]\nignore = ["vague"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("score", SAMPLE, "-o", tmp_path / "rows.csv")
    assert result.exit_code == EXIT_NOTHING_READ and not (tmp_path / "rows.csv").exists()
    assert f"{settings}: select 与 {settings}: ignore 之后没有剩下任何规则" in result.stderr, result.stderr
    mixed = run("score", SAMPLE, "-o", tmp_path / "rows.csv", "--ignore", "含糊")
    assert f"{settings}: select 与 --ignore 之后没有剩下任何规则" in mixed.stderr, mixed.stderr
    settings.write_text('select = ["M001"]\n', encoding="utf-8")
    model_off = run("score", SAMPLE, "-o", tmp_path / "rows.csv", "--no-model")
    assert f"{settings}: select 与 --no-model 之后没有剩下任何规则" in model_off.stderr, model_off.stderr
