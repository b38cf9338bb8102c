"""The reviewer's decisions (审核意见): written as columns of the workbook, read back by `score --decisions`,
exported by `zhibiao decisions export`, reported stale when their row has changed."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def row_key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return Path(row["source"]).name, row["project"], row["level3"], row["value"]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The samples scored, then 审核意见 filled in with openpyxl: 不同意 on four flagged rows, 同意 on four."""
    folder = tmp_path_factory.mktemp("review")
    first = run(
        "score", SAMPLES, "-o", folder / "rows.csv", "--projects", folder / "projects.csv", "--xlsx", folder / "review.xlsx", "-q"
    )
    assert first.exit_code == EXIT_OK, first.output
    workbook = openpyxl.load_workbook(folder / "review.xlsx")
    sheet = workbook["指标明细"]
    header = [cell.value for cell in sheet[1]]
    column = {name: header.index(name) for name in header}
    assert {"审核意见", "备注", "审核人", "审核日期"} <= set(column)
    validations = sheet.data_validations.dataValidation
    verdict_letter = openpyxl.utils.get_column_letter(column["审核意见"] + 1)
    assert any(v.formula1 == '"同意,不同意,待定"' and verdict_letter + "2" in str(v.sqref) for v in validations)

    overruled, agreed, seen = [], [], set()
    for cells in sheet.iter_rows(min_row=2):
        key = (
            cells[column["文件"]].value,
            cells[column["项目"]].value,
            cells[column["三级指标"]].value,
            cells[column["指标值"]].value,
        )
        flagged = cells[column["得分"]].value < 100 and cells[column["规则"]].value
        if not flagged or key in seen:  # one decision per distinct row text
            continue
        seen.add(key)
        if len(overruled) < 4:
            cells[column["审核意见"]].value = "不同意"
            cells[column["备注"]].value = "该指标为本单位常年口径，可接受"
            cells[column["审核人"]].value = "李审核"
            cells[column["审核日期"]].value = "2026-12-01"
            overruled.append(key)
        elif len(agreed) < 4:
            cells[column["审核意见"]].value = "同意"
            agreed.append(key)
    workbook.save(folder / "reviewed.xlsx")
    return folder, overruled, agreed


def test_overruled_findings_are_waived_and_cost_nothing(reviewed):
    folder, overruled, agreed = reviewed
    second = run(
        "score",
        SAMPLES,
        "-o",
        folder / "rows2.csv",
        "--projects",
        folder / "projects2.csv",
        "--findings",
        folder / "findings2.csv",
        "--xlsx",
        folder / "review2.xlsx",
        "--decisions",
        folder / "reviewed.xlsx",
        "-q",
    )
    assert second.exit_code == EXIT_OK, second.output
    assert "过期" not in second.stderr
    before = {row_key(r): r for r in csv_rows(folder / "rows.csv")}
    after = {row_key(r): r for r in csv_rows(folder / "rows2.csv")}
    for key in overruled:
        old, new = before[key], after[key]
        assert float(old["score"]) < 100 and float(new["score"]) == 100.0, (key, old["score"], new["score"])
        assert new["codes"] == old["codes"]  # kept, not dropped
        assert new["categories"] == ""
        assert new["messages"].startswith("已豁免（该指标为本单位常年口径，可接受；李审核，2026-12-01）：")
    for key in agreed:
        assert after[key]["score"] == before[key]["score"] and "已豁免" not in after[key]["messages"]
    waived = [f for f in csv_rows(folder / "findings2.csv") if f["waiver"]]
    assert {(Path(f["source"]).name, f["project"]) for f in waived} == {k[:2] for k in overruled}
    assert all(f["decision"] == "不同意" and f["reviewer"] == "李审核" for f in waived)
    # the projects of overruled rows score higher; the others as before
    projects_before = {(r["source"], r["project"]): float(r["score"]) for r in csv_rows(folder / "projects.csv")}
    projects_after = {(r["source"], r["project"]): float(r["score"]) for r in csv_rows(folder / "projects2.csv")}
    raised = {(p, n) for (p, n) in projects_after if projects_after[(p, n)] > projects_before[(p, n)]}
    assert {(Path(p).name, n) for p, n in raised} == {k[:2] for k in overruled}
    # the new workbook carries the decisions forward
    sheet = openpyxl.load_workbook(folder / "review2.xlsx")["指标明细"]
    header = [cell.value for cell in sheet[1]]
    carried = {
        (c[0].value, c[1].value, c[4].value, c[6].value): c[header.index("审核意见")].value for c in sheet.iter_rows(min_row=2)
    }
    assert all(carried[key] == "不同意" for key in overruled) and all(carried[key] == "同意" for key in agreed)


def test_export_then_score_with_the_csv_gives_the_same_result(reviewed):
    folder, overruled, _ = reviewed
    exported = run("decisions", "export", folder / "reviewed.xlsx", "-o", folder / "decisions.csv")
    assert exported.exit_code == EXIT_OK, exported.output
    decisions = csv_rows(folder / "decisions.csv")
    assert {(d["project"], d["indicator"], d["value"]) for d in decisions if d["decision"] == "不同意"} == {
        k[1:] for k in overruled
    }
    assert {d["decision"] for d in decisions} == {"同意", "不同意"}
    run("score", SAMPLES, "-o", folder / "rows3.csv", "--decisions", folder / "reviewed.xlsx", "-q")
    run("score", SAMPLES, "-o", folder / "rows4.csv", "--decisions", folder / "decisions.csv", "-q")
    assert (folder / "rows3.csv").read_bytes() == (folder / "rows4.csv").read_bytes()


def test_a_changed_row_makes_its_decision_stale_and_the_rest_still_apply(reviewed, tmp_path):
    folder, overruled, _ = reviewed
    rows = csv_rows(folder / "rows.csv")
    changed_key = overruled[0]
    changed = next(r for r in rows if row_key(r) == changed_key)
    source = Path(changed["source"])
    copy = tmp_path / "revised" / source.name  # same stem: the unit's revision of the same document
    copy.parent.mkdir()
    shutil.copy(ROOT / source, copy)
    first = int(re.search(r"line (\d+)", changed["location"])[1])  # where the row starts
    lines = copy.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n in range(first - 1, len(lines)) if lines[n].strip() == changed["value"])
    lines[at] = lines[at].replace(changed["value"], "≥95%")
    copy.write_text("".join(lines), encoding="utf-8")

    result = run("score", copy, "-o", tmp_path / "rows.csv", "--decisions", folder / "reviewed.xlsx", "-q")
    assert result.exit_code == EXIT_OK
    stale = [line for line in result.stderr.splitlines() if "过期" in line]
    assert len(stale) == 1, result.stderr
    assert stale[0].startswith("警告：审核意见已过期：") and changed_key[2] in stale[0] and "≥95%" in stale[0]
    after = {row_key(r): r for r in csv_rows(tmp_path / "rows.csv")}
    for key in overruled[1:]:
        if key[0] == source.name:
            assert after[key]["score"] == "100.0" and after[key]["messages"].startswith("已豁免")


def test_a_bad_decisions_file_is_one_line_and_status_2(tmp_path):
    bad = tmp_path / "decisions.csv"
    bad.write_text("document,project,indicator,value,code,decision\nx,y,z,1,V001,也许\n", encoding="utf-8")
    result = run("score", SAMPLES, "-o", tmp_path / "rows.csv", "--decisions", bad, "-q")
    assert result.exit_code == EXIT_NOTHING_READ
    assert result.stderr.strip().count("\n") == 0 and "也许" in result.stderr and str(bad) in result.stderr
    assert not (tmp_path / "rows.csv").exists()
    same = run("score", SAMPLES, "--xlsx", tmp_path / "r.xlsx", "--decisions", tmp_path / "r.xlsx", "-q")
    assert same.exit_code == EXIT_NOTHING_READ
    foreign = tmp_path / "foreign.xlsx"
    openpyxl.Workbook().save(foreign)
    exported = run("decisions", "export", foreign, "-o", tmp_path / "d.csv")
    assert exported.exit_code == EXIT_NOTHING_READ and not (tmp_path / "d.csv").exists()
    assert exported.stderr == f"错误：{foreign}：没有“指标明细”工作表，不是 zhibiao 的评审工作簿\n"


def test_decisions_follow_rows_and_projects_moved(reviewed):
    import pandas as pd

    from scorer.api import score
    from scorer.decisions import read_decisions

    folder, overruled, _ = reviewed
    decisions = read_decisions(folder / "reviewed.xlsx")
    frame = pd.read_csv(folder / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    moved = frame.iloc[::-1].reset_index(drop=True)  # every project and every row in reverse order
    result = score(moved, use_model=False, decisions=decisions)
    findings = result.findings
    rows = result.rows.set_index(["source", "project_index", "row_index"])
    waived = findings[findings["waiver"] != ""]
    assert len(waived)
    keys = {
        (Path(s).name, *rows.loc[(s, p, r), ["project", "level3", "value"]])
        for s, p, r in zip(waived["source"], waived["project_index"], waived["row"].astype(int), strict=True)
    }
    assert keys <= set(overruled)
    overruled_codes = {
        (Path(d.document).stem, d.project, d.indicator, d.value, d.code) for d in decisions if d.decision == "不同意"
    }
    for record in findings.itertuples():
        if record.row != record.row:
            continue
        row = rows.loc[(record.source, record.project_index, int(record.row))]
        if (Path(record.source).stem, row["project"], row["level3"], row["value"], record.code) in overruled_codes:
            assert record.waiver.startswith("已豁免"), record


def test_the_json_carries_the_review_and_stays_valid(reviewed):
    import json

    import jsonschema

    from scorer.report.json_report import SCHEMA_PATH

    folder, overruled, agreed = reviewed
    result = run("score", SAMPLES, "--json", folder / "result.json", "--decisions", folder / "reviewed.xlsx", "-q")
    assert result.exit_code == EXIT_OK
    data = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    reviewed_rows = {}
    for document in data["documents"]:
        for project in document["projects"]:
            for row in project["indicators"]:
                for finding in row["findings"]:
                    if "review" in finding:
                        key = (Path(document["source"]).name, project["name"], row["level3"], row["value"])
                        reviewed_rows.setdefault(key, set()).add((finding["review"]["decision"], finding["review"]["waived"]))
    assert {k for k, v in reviewed_rows.items() if ("不同意", True) in v} == set(overruled)
    assert {k for k, v in reviewed_rows.items() if ("同意", False) in v} == set(agreed)


def test_a_project_finding_overruled_in_the_ranking_sheet_costs_nothing(tmp_path):
    sample = SAMPLES / "003_e894add5ed61165e.txt"
    run(
        "score",
        sample,
        "--projects",
        tmp_path / "projects.csv",
        "--findings",
        tmp_path / "findings.csv",
        "--xlsx",
        tmp_path / "review.xlsx",
        "-q",
    )
    project_findings = [f for f in csv_rows(tmp_path / "findings.csv") if not f["row"] and f["severity"] == "warning"]
    target = project_findings[0]["project"]
    workbook = openpyxl.load_workbook(tmp_path / "review.xlsx")
    sheet = workbook["项目排名"]
    header = [c.value for c in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[header.index("项目")].value == target:
            assert cells[header.index("项目层面规则")].value
            cells[header.index("审核意见")].value = "不同意"
            cells[header.index("备注")].value = "部门整体支出，不设成本指标"
    workbook.save(tmp_path / "reviewed.xlsx")
    result = run(
        "score",
        sample,
        "--projects",
        tmp_path / "projects2.csv",
        "--xlsx",
        tmp_path / "review2.xlsx",
        "--decisions",
        tmp_path / "reviewed.xlsx",
        "-q",
    )
    assert result.exit_code == EXIT_OK
    before = {r["project"]: r for r in csv_rows(tmp_path / "projects.csv")}
    after = {r["project"]: r for r in csv_rows(tmp_path / "projects2.csv")}
    from scorer.scoring import PROJECT_INFO, PROJECT_WARNING

    own = [f for f in csv_rows(tmp_path / "findings.csv") if not f["row"] and f["project"] == target]
    cost = sum(
        PROJECT_WARNING if f["severity"] != "info" else PROJECT_INFO
        for f in own
        if f["severity"] != "info" or f["category"] == "completeness"
    )
    assert abs(float(after[target]["score"]) - min(100.0, float(before[target]["score"]) + cost)) <= 0.11
    assert after[target]["codes"] == before[target]["codes"]
    assert all(m.startswith("已豁免（部门整体支出，不设成本指标）") for m in after[target]["messages"].split("；已豁免")[:1])
    assert all(after[p]["score"] == before[p]["score"] for p in before if p != target)
    ranking = openpyxl.load_workbook(tmp_path / "review2.xlsx")["项目排名"]
    header = [c.value for c in ranking[1]]
    carried = {c[header.index("项目")].value: c[header.index("审核意见")].value for c in ranking.iter_rows(min_row=2)}
    assert carried[target] == "不同意"


def test_a_decision_on_a_value_holding_a_control_character_still_applies(tmp_path):
    """The workbook drops a damaged export's \x01 (it cannot hold one), so every decision on such a row was
    said to be out of date (指标值已改为…) when the reviewed workbook was read back: cells compare without it."""
    table = tmp_path / "export.csv"
    table.write_text(
        "source,project,budget,level1,level2,level3,value\n"
        "d,会议费,5,产出指标,数量指标,召开会议次数,≥2次\n"
        "d,会议费,5,产出指标,质量指标,会议质量,显著\x01提高\n",
        encoding="utf-8",
    )
    assert run("score", table, "-o", tmp_path / "rows.csv", "--xlsx", tmp_path / "review.xlsx", "-q").exit_code == EXIT_OK
    workbook = openpyxl.load_workbook(tmp_path / "review.xlsx")
    sheet = workbook["指标明细"]
    header = [c.value for c in sheet[1]]
    flagged = [cells for cells in sheet.iter_rows(min_row=2) if cells[header.index("规则")].value]
    assert [cells[header.index("指标值")].value for cells in flagged] == ["显著提高"]
    flagged[0][header.index("审核意见")].value = "不同意"
    workbook.save(tmp_path / "reviewed.xlsx")
    result = run("score", table, "-o", tmp_path / "rows2.csv", "--decisions", tmp_path / "reviewed.xlsx")
    assert result.exit_code == EXIT_OK and "审核意见已过期：" not in result.output, result.output
    rows = {r["level3"]: r for r in csv_rows(tmp_path / "rows2.csv")}
    assert rows["会议质量"]["messages"].startswith("已豁免"), rows["会议质量"]


def test_a_re_run_into_a_reviewed_workbook_is_refused_and_the_review_carries_over_to_a_new_one(reviewed, tmp_path):
    """Found in a newcomer's trial: the same command run again into the --xlsx a reviewer had filled in wiped every
    审核意见, exit 0. The run is refused naming how many rows hold one and how to carry them over; the workbook is
    left as it was, and --decisions OLD --xlsx NEW carries them into the new workbook."""
    folder, overruled, _ = reviewed
    workbook = tmp_path / "review.xlsx"
    shutil.copy(folder / "reviewed.xlsx", workbook)
    before = workbook.read_bytes()
    again = run("score", SAMPLES, "-o", tmp_path / "rows.csv", "--xlsx", workbook, "-q")
    assert again.exit_code == EXIT_NOTHING_READ
    assert (
        "review.xlsx：工作簿中已有 8 行由审核人填写（审核意见、备注、审核人或审核日期），覆盖会丢失" in again.stderr
        and "--decisions" in again.stderr
    )
    assert workbook.read_bytes() == before and not (tmp_path / "rows.csv").exists()

    carried = run("score", SAMPLES, "--xlsx", tmp_path / "review_2.xlsx", "--decisions", workbook, "-q")
    assert carried.exit_code == EXIT_OK, carried.output
    sheet = openpyxl.load_workbook(tmp_path / "review_2.xlsx")["指标明细"]
    header = [cell.value for cell in sheet[1]]
    verdicts = [row[header.index("审核意见")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert verdicts.count("不同意") >= len(overruled)

    for _ in range(2):  # a workbook no reviewer has filled in is written over, as every output is
        fresh = run("score", SAMPLES, "--xlsx", tmp_path / "fresh.xlsx", "-q")
        assert fresh.exit_code == EXIT_OK, fresh.output


def test_a_title_a_reviewer_put_above_the_headings_keeps_the_review_protected_and_readable(reviewed, tmp_path):
    """Found in a review: a reviewer who inserts a title row above 指标明细's headings (a common habit before
    printing) made the workbook unrecognised: a re-run wrote over every 审核意见, and --decisions refused it
    for missing columns. The headings are looked for in the first rows; the decisions' places count the title."""
    folder, overruled, _ = reviewed
    workbook = openpyxl.load_workbook(folder / "reviewed.xlsx")
    sheet = workbook["指标明细"]
    sheet.insert_rows(1)
    sheet.cell(row=1, column=1).value = "某县人大常委会办公室2024年绩效目标审核表"
    titled = tmp_path / "titled.xlsx"
    workbook.save(titled)
    before = titled.read_bytes()

    again = run("score", SAMPLES, "--xlsx", titled, "-q")
    assert again.exit_code == EXIT_NOTHING_READ
    assert "titled.xlsx：工作簿中已有 8 行由审核人填写" in again.stderr
    assert titled.read_bytes() == before

    exported = run("decisions", "export", titled, "-o", tmp_path / "decisions.csv")
    assert exported.exit_code == EXIT_OK, exported.output
    overruled_rows = {
        (row["project"], row["indicator"], row["value"])
        for row in csv_rows(tmp_path / "decisions.csv")
        if row["decision"] == "不同意"
    }
    assert overruled_rows == {key[1:] for key in overruled}

    carried = run("score", SAMPLES, "-o", tmp_path / "rows.csv", "--decisions", titled, "-q")
    assert carried.exit_code == EXIT_OK, carried.output
    after = {row_key(r): r for r in csv_rows(tmp_path / "rows.csv")}
    assert all(
        after[key]["messages"].startswith("已豁免（该指标为本单位常年口径，可接受；李审核，2026-12-01）：") for key in overruled
    )


NOTES = {
    "flagged": ("待与单位核实", "王审核"),
    "unflagged": ("口径与上年一致，留档", "赵审核"),
    "project": ("项目资金已压减，待复核", "钱审核"),
}


def sheet_columns(sheet) -> dict[str, int]:
    return {cell.value: i for i, cell in enumerate(sheet[1])}


def review_of(path: Path) -> tuple[dict[tuple, tuple], dict[tuple, tuple]]:
    """(文件, 项目, 三级指标, 指标值) -> (审核意见, 备注, 审核人, 审核日期) of 指标明细, and (文件, 项目) -> the same of
    项目排名, for every line with any of them filled in."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    found = []
    for name, key_columns in (("指标明细", ("文件", "项目", "三级指标", "指标值")), ("项目排名", ("文件", "项目"))):
        rows = workbook[name].iter_rows(values_only=True)
        header = list(next(rows))
        review = [header.index(h) for h in ("审核意见", "备注", "审核人", "审核日期")]
        lines = {}
        for cells in rows:
            cells_review = tuple(cells[i] or "" for i in review)
            if any(cells_review):
                lines[tuple(cells[header.index(h)] for h in key_columns)] = cells_review
        found.append(lines)
    workbook.close()
    return found[0], found[1]


@pytest.fixture(scope="module")
def noted(reviewed):
    """The reviewed workbook with a 备注 and 审核人 and no 审核意见 on (a) a flagged row nobody decided on, (b) a
    row with no finding, (c) a project line of 项目排名: (workbook, {what: key}, {what: sheet row number})."""
    folder, overruled, agreed = reviewed
    workbook = openpyxl.load_workbook(folder / "reviewed.xlsx")
    sheet = workbook["指标明细"]
    column = sheet_columns(sheet)
    keys = [tuple(cells[column[h]].value for h in ("文件", "项目", "三级指标", "指标值")) for cells in sheet.iter_rows(min_row=2)]
    unique = {key for key in keys if keys.count(key) == 1}
    decided = set(overruled) | set(agreed)
    chosen: dict[str, tuple] = {}
    numbers: dict[str, int] = {}
    for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        key = keys[number - 2]
        if key not in unique or key in decided or cells[column["审核意见"]].value:
            continue
        flagged = cells[column["得分"]].value < 100 and cells[column["规则"]].value
        what = "flagged" if flagged else "unflagged" if not cells[column["规则"]].value else None
        if what is None or what in chosen:
            continue
        chosen[what], numbers[what] = key, number
        cells[column["备注"]].value, cells[column["审核人"]].value = NOTES[what]
    ranking = workbook["项目排名"]
    column = sheet_columns(ranking)
    projects = [(c[column["文件"]].value, c[column["项目"]].value) for c in ranking.iter_rows(min_row=2)]
    for number, cells in enumerate(ranking.iter_rows(min_row=2), start=2):
        key = projects[number - 2]
        if projects.count(key) == 1 and not cells[column["审核意见"]].value:
            chosen["project"], numbers["project"] = key, number
            cells[column["备注"]].value, cells[column["审核人"]].value = NOTES["project"]
            break
    assert set(chosen) == set(NOTES), chosen
    workbook.save(folder / "noted.xlsx")
    return folder / "noted.xlsx", chosen, numbers


def test_notes_without_a_verdict_are_carried_to_the_same_lines_and_change_no_score(reviewed, noted, tmp_path):
    """Found in a review: --decisions OLD --xlsx NEW, as the refusal to overwrite a filled workbook advises, kept
    only the lines with a 审核意见: a 备注 or 审核人 on a flagged row not decided yet, on a row with no finding or
    on a project line was lost. Every one is carried to the same line now; scores and findings are as without it."""
    folder, overruled, agreed = reviewed
    workbook, chosen, _ = noted

    def score(name: str, decisions: Path, *more: object):
        outputs = ("-o", tmp_path / f"rows{name}.csv", "--projects", tmp_path / f"projects{name}.csv")
        result = run(
            "score", SAMPLES, *outputs, "--findings", tmp_path / f"findings{name}.csv", *more, "--decisions", decisions, "-q"
        )
        assert result.exit_code == EXIT_OK, result.output
        return result

    score("_plain", folder / "reviewed.xlsx")
    carried = score("", workbook, "--xlsx", tmp_path / "new.xlsx")
    assert "过期" not in carried.stderr, carried.stderr
    for name in ("rows", "projects", "findings"):  # a note changes no score and waives nothing
        assert (tmp_path / f"{name}.csv").read_bytes() == (tmp_path / f"{name}_plain.csv").read_bytes(), name
    before = {row_key(r): r for r in csv_rows(folder / "rows.csv")}
    after = {row_key(r): r for r in csv_rows(tmp_path / "rows.csv")}
    flagged = chosen["flagged"]
    assert after[flagged]["score"] == before[flagged]["score"] and float(after[flagged]["score"]) < 100
    assert "已豁免" not in after[flagged]["messages"]

    rows, projects = review_of(tmp_path / "new.xlsx")
    for what in ("flagged", "unflagged"):
        assert rows.get(chosen[what]) == ("", *NOTES[what], ""), (what, rows.get(chosen[what]))
    assert projects.get(chosen["project"]) == ("", *NOTES["project"], "")
    assert all(rows[key][0] == "不同意" for key in overruled) and all(rows[key][0] == "同意" for key in agreed)
    noted_lines = {key for key, cells in rows.items() if not cells[0]}
    assert noted_lines == {chosen["flagged"], chosen["unflagged"]}  # on no other line
    assert set(projects) == {chosen["project"]}


def test_notes_without_a_verdict_are_exported_and_carried_back_from_the_csv(noted, tmp_path):
    workbook, chosen, _ = noted
    exported = run("decisions", "export", workbook, "-o", tmp_path / "decisions.csv")
    assert exported.exit_code == EXIT_OK, exported.output
    assert "另有未填审核意见的备注 3 条" in exported.stderr, exported.stderr
    lines = csv_rows(tmp_path / "decisions.csv")
    undecided = {(d["project"], d["indicator"], d["value"]): d for d in lines if not d["decision"]}
    expected = {
        chosen["flagged"][1:]: NOTES["flagged"],
        chosen["unflagged"][1:]: NOTES["unflagged"],
        (chosen["project"][1], "", ""): NOTES["project"],
    }
    assert {key: (d["note"], d["reviewer"]) for key, d in undecided.items()} == expected
    assert all(d["code"] == "" for d in undecided.values())

    carried = run("score", SAMPLES, "--xlsx", tmp_path / "new.xlsx", "--decisions", tmp_path / "decisions.csv", "-q")
    assert carried.exit_code == EXIT_OK, carried.output
    rows, projects = review_of(tmp_path / "new.xlsx")
    for what in ("flagged", "unflagged"):
        assert rows.get(chosen[what]) == ("", *NOTES[what], "")
    assert projects.get(chosen["project"]) == ("", *NOTES["project"], "")


def test_a_note_on_a_row_changed_since_is_reported_not_lost(reviewed, noted, tmp_path):
    folder, _, _ = reviewed
    workbook, chosen, numbers = noted
    key = chosen["flagged"]
    changed = next(r for r in csv_rows(folder / "rows.csv") if row_key(r) == key)
    source = Path(changed["source"])
    copy = tmp_path / "revised" / source.name  # same stem: the unit's revision of the same document
    copy.parent.mkdir()
    shutil.copy(ROOT / source, copy)
    first = int(re.search(r"line (\d+)", changed["location"])[1])
    lines = copy.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n in range(first - 1, len(lines)) if lines[n].strip() == changed["value"])
    lines[at] = lines[at].replace(changed["value"], "≥97.5%")
    copy.write_text("".join(lines), encoding="utf-8")

    result = run("score", copy, "--xlsx", tmp_path / "new.xlsx", "--decisions", workbook, "-q")
    assert result.exit_code == EXIT_OK, result.output
    stale = [line for line in result.stderr.splitlines() if "备注已过期" in line]
    assert len(stale) == 1, result.stderr
    assert stale[0].startswith(f"警告：备注已过期：{source.stem} / {key[1]} / 指标“{key[2]}”（{key[3]}）")
    assert "备注“待与单位核实”、审核人“王审核”" in stale[0] and "指标值已改为“≥97.5%”" in stale[0]
    assert stale[0].endswith(f"（{workbook}:指标明细!第{numbers['flagged']}行）")
    rows, _ = review_of(tmp_path / "new.xlsx")
    assert all("待与单位核实" not in cells for cells in rows.values())
