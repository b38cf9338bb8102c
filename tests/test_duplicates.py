"""Copy-paste and boilerplate across projects, documents and years, on the seeds and on made-up corpora."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import scorer
from scorer import duplicates
from scorer.cli import cli
from scorer.duplicates import ClusterOptions, add_keys, cluster_rows, near_pairs, row_key, unit_key

ROOT = Path(__file__).resolve().parents[1]
SEEDS_2021_2024 = [ROOT / "samples" / "001_f5a07e9a9447bfa6.txt", ROOT / "samples" / "000_e76689bf9da19685.txt"]


def test_row_key_masks_figures_and_keeps_the_operator():
    assert row_key("会议成本", "≤ 8.17万元") == row_key("会议成本", "≤35万元") == "会议成本|≤<N>万元"
    assert row_key("会议成本", "≥8万元") != row_key("会议成本", "≤8万元")
    assert row_key("培训（含差旅）成本", "≤1,200元") == "培训成本|≤<N>元"


def test_unit_names_match_across_abbreviations():
    assert unit_key("张家口市人民代表大会常务委员会办公室") == unit_key("张家口市人大常委会办公室")


@pytest.fixture(scope="module")
def seeds_result():
    return scorer.score(SEEDS_2021_2024)


def test_carry_over_between_years_is_info_not_a_defect(seeds_result):
    findings = seeds_result.findings
    carried = findings[findings["code"].isin(["C201", "C202", "C203"])]
    assert set(carried["severity"]) == {"info"}
    assert set(carried["source"]) == {str(SEEDS_2021_2024[1])}  # reported on the later year only
    tables = carried[carried["code"] == "C203"]["project"]
    assert "部门整体-立法工作" in set(tables)
    row = seeds_result.rows[
        (seeds_result.rows["project"] == "市人大常委会会议经费")
        & (seeds_result.rows["level3"] == "会议召开及时率")
        & (seeds_result.rows["source"] == str(SEEDS_2021_2024[1]))
    ].iloc[0]
    assert "C201" in row["codes"] and row["categories"] == "" and row["score"] == 100.0
    changed = findings[(findings["code"] == "C202") & (findings["project"] == "人大代表培训经费")]
    assert any("由“≥2次”改为“≤2次”" in m for m in changed["message"])


def test_carry_over_does_not_change_any_score():
    alone = scorer.score(SEEDS_2021_2024[1])
    together = scorer.score(SEEDS_2021_2024)
    later = together.projects[together.projects["source"] == str(SEEDS_2021_2024[1])]
    assert list(later["score"]) == list(alone.projects["score"])


def _frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    records = [
        (d, d, unit, 2024, p, project, r, name, value)
        for r, (d, unit, project, name, value, p) in enumerate(
            (doc, unit, project, name, value, index)
            for index, (doc, unit, project, name, value) in enumerate((row[0], row[0], row[1], row[2], row[3]) for row in rows)
        )
    ]
    frame = pd.DataFrame.from_records(records, columns=duplicates.KEY_COLUMNS[:-1])
    return add_keys(frame)


def test_copies_with_changed_figures_and_wording_cluster_together(monkeypatch):
    rows = [
        ("a.txt", "会议费", "组织召开代表座谈会次数", "≥6次"),
        ("a.txt", "培训费", "组织召开代表座谈会次数", "≥9次"),  # figure changed
        ("b.txt", "业务费", "组织召开人大代表座谈会次数", "≥6次"),  # wording changed
        ("b.txt", "印刷费", "印刷资料份数", "≥500份"),
    ]
    for limit in (20_000, 0):  # all pairs, then MinHash LSH candidates
        monkeypatch.setattr(duplicates, "NEAR_ALL_PAIRS_LIMIT", limit)
        clustered = cluster_rows(_frame(rows))
        assert clustered["cluster"][0] == clustered["cluster"][1] == clustered["cluster"][2] >= 0
        assert clustered["cluster"][3] == -1
        assert clustered["similarity"][2] < 100


def test_short_names_one_character_apart_are_different_indicators():
    assert near_pairs(["培训及时率|≥<N>%", "招待及时率|≥<N>%"]) == []


def test_minhash_lsh_finds_nearly_all_of_what_all_pairs_finds():
    """LSH is approximate: every pair it reports is a true near-duplicate, and it finds almost all."""
    keys = [f"{a}{b}执法检查次数|≥<N>次" for a in "甲乙丙丁戊己庚辛壬癸" for b in "东南西北中"]
    keys += ["甲东执法检查会议次数|≥<N>次"]
    exact = {(a, b) for a, b, _ in near_pairs(keys)}
    duplicates.NEAR_ALL_PAIRS_LIMIT, saved = 0, duplicates.NEAR_ALL_PAIRS_LIMIT
    try:
        lsh = {(a, b) for a, b, _ in near_pairs(keys)}
    finally:
        duplicates.NEAR_ALL_PAIRS_LIMIT = saved
    assert exact and lsh <= exact
    assert len(lsh) / len(exact) >= 0.95


def test_templates_need_many_units():
    rows = [(f"u{n}.txt", f"单位{n}", "项目", "服务对象满意度", "≥90%") for n in range(6)]
    frame = add_keys(
        pd.DataFrame.from_records(
            [(n, d, u, 2024, 0, p, 0, name, value) for n, (d, u, p, name, value) in enumerate(rows)],
            columns=duplicates.KEY_COLUMNS[:-1],
        )
    )
    assert set(cluster_rows(frame)["kind"]) == {"template"}
    assert set(cluster_rows(frame.head(3))["kind"]) == {"copy"}


def test_duplicates_and_corpus_stats_commands(tmp_path):
    clusters = tmp_path / "clusters.csv"
    result = CliRunner().invoke(cli, ["duplicates", *map(str, SEEDS_2021_2024), "-o", str(clusters)])
    assert result.exit_code == 0, result.output
    with clusters.open(encoding="utf-8-sig", newline="") as handle:
        members = list(csv.DictReader(handle))
    assert {"carry-over", "copy"} <= {m["kind"] for m in members}
    assert any(m["kind"] == "carry-over" and "C201" in m["codes"] for m in members)
    stats_path = tmp_path / "stats.json"
    assert CliRunner().invoke(cli, ["corpus-stats", str(ROOT / "samples"), "-o", str(stats_path)]).exit_code == 0
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    assert stats["schema"] == "zhibiao-corpus-stats" and stats["units"] == 4
    scored = CliRunner().invoke(
        cli, ["score", str(SEEDS_2021_2024[1]), "--corpus-stats", str(stats_path), "-q", "-o", str(tmp_path / "rows.csv")]
    )
    assert scored.exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["score", str(SEEDS_2021_2024[1]), "--corpus-stats", str(bad)])
    assert refused.exit_code == 2 and "不是 zhibiao 的语料统计文件" in refused.output


def test_cluster_options_exact_only():
    rows = [("a.txt", "会议费", "组织召开代表座谈会次数", "≥6次"), ("b.txt", "业务费", "组织召开人大代表座谈会次数", "≥6次")]
    assert set(cluster_rows(_frame(rows), ClusterOptions(near=False))["cluster"]) == {-1}
