"""指标推荐: `zhibiao library build`, `zhibiao suggest`, `score --suggest`; on ../shared/corpus when present."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from scorer.cli import EXIT_OK, cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
_SUGGESTION = re.compile(r"(?P<name>[^；]+?)：(?P<value>[^；（]*)（[^；]*?取自 (?P<document>\S+)「(?P<project>[^」]+)」）")


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """A library of four samples; the fifth (003) is scored with it, so no suggestion comes from itself."""
    folder = tmp_path_factory.mktemp("library")
    sources = [p for p in sorted(SAMPLES.glob("*.txt")) if not p.name.startswith("003")]
    built = run("library", "build", *sources, "-o", folder / "library.parquet", "-q")
    assert built.exit_code == EXIT_OK, built.output
    assert (folder / "library_CARD.md").read_text(encoding="utf-8").startswith("# 指标库")
    return folder / "library.parquet"


def test_the_library_holds_only_rows_that_scored_sound(library, tmp_path):
    frame = pd.read_parquet(library)
    assert len(frame) > 50 and set(frame["group"]) >= {"quantity", "quality", "timeliness", "cost", "satisfaction"}
    sources = [p for p in sorted(SAMPLES.glob("*.txt")) if not p.name.startswith("003")]
    run("score", *sources, "-o", tmp_path / "rows.csv", "-q")
    rows = pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rows["document"] = rows["source"].map(lambda s: Path(s).stem)
    sound = rows[(rows["score"] == "100.0") & (rows["categories"] == "")]
    keys = set(zip(sound["document"], sound["project"], sound["value"].str.strip(), strict=True))
    for record in frame.itertuples():
        assert (record.document, record.project, record.value) in keys, record


def test_suggest_gives_rows_of_the_same_group_and_project_kind(library):
    result = run("suggest", "人大代表培训经费", "--level2", "数量指标", "--library", library)
    assert result.exit_code == EXIT_OK
    assert "（项目类别：人大、培训）" in result.stdout
    frame = pd.read_parquet(library)
    shown = re.findall(r"^\d\. (.+?)：(.+)$", result.stdout, re.M)
    assert 1 <= len(shown) <= 3
    for name, value in shown:
        match = frame[(frame["name"] == name) & (frame["value"] == value)]
        assert (match["group"] == "quantity").any() and match["kinds"].str.contains("培训").any(), (name, value)
    unknown = run("suggest", "人大代表培训经费", "--level2", "好指标", "--library", library)
    assert unknown.exit_code == 2 and "社会效益指标" in unknown.stderr


def test_score_suggest_adds_suggestions_of_the_row_group_and_kind(library, tmp_path):
    from scorer.library import kinds_of_name, project_kinds, shares_kind
    from scorer.normalise import prepare

    sample = SAMPLES / "003_e894add5ed61165e.txt"
    result = run(
        "score",
        sample,
        "-o",
        tmp_path / "rows.csv",
        "--projects",
        tmp_path / "projects.csv",
        "--xlsx",
        tmp_path / "review.xlsx",
        "--html",
        tmp_path / "report.html",
        "--suggest",
        "--library",
        library,
        "-q",
    )
    assert result.exit_code == EXIT_OK
    rows = pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(rows.columns)[-1] == "suggestions"
    assert (rows.loc[rows["categories"] == "", "suggestions"] == "").all()
    frame = pd.read_parquet(library)
    from scorer.ingest import read_document

    contexts = {(p.name, r.index): (p, r) for d in prepare([read_document(sample)]) for p in d.projects for r in p.rows}
    suggested = rows[rows["suggestions"] != ""]
    assert len(suggested) >= 3
    for record in suggested.itertuples():
        project, row = contexts[(record.project, int(record.row_index))]
        found = list(_SUGGESTION.finditer(record.suggestions))
        assert 1 <= len(found) <= 3
        for item in found:
            match = frame[
                (frame["name"] == item["name"]) & (frame["document"] == item["document"]) & (frame["project"] == item["project"])
            ]
            assert (match["group"] == row.group).any(), (record.level3, item.group(0))
            assert any(shares_kind(project_kinds(project), k.split(";")) for k in match["kinds"]), (record.project, item.group(0))
            assert item["document"] != sample.stem
    projects = pd.read_csv(tmp_path / "projects.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert projects["suggestions"].str.contains("满意度指标：").any()
    import html

    import openpyxl

    page = html.unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    sheet = openpyxl.load_workbook(tmp_path / "review.xlsx")["指标明细"]
    header = [c.value for c in sheet[1]]
    in_workbook = {c[header.index("推荐指标")].value for c in sheet.iter_rows(min_row=2)} - {None, ""}
    assert in_workbook == set(suggested["suggestions"])
    for text in suggested["suggestions"]:
        assert all(item in page for item in text.split("；"))
    assert "可补充的指标（指标推荐）" in page
    assert kinds_of_name("人大代表培训经费") == {"人大", "培训"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_suggestions_on_the_corpus_are_of_the_row_group_and_kind():
    """The shipped library (built without the corpus) on the corpus, as bench/suggestions.py measures it."""
    from scorer.api import score
    from scorer.library import Suggester, load_library, project_kinds, shares_kind, suggestions_for
    from scorer.normalise import prepare

    result = score([CORPUS])
    library = load_library()
    column, _ = suggestions_for(result, Suggester(library))
    contexts = {(d.source, p.index): p for d in prepare(result.documents) for p in d.projects}
    flagged = with_suggestion = 0
    for text, source, p_index, r_index, categories in zip(
        column,
        result.rows["source"],
        result.rows["project_index"],
        result.rows["row_index"],
        result.rows["categories"],
        strict=True,
    ):
        if not categories:
            continue
        flagged += 1
        with_suggestion += bool(text)
        project = contexts[(source, p_index)]
        for item in _SUGGESTION.finditer(text):
            match = library[(library["name"] == item["name"]) & (library["project"] == item["project"])]
            assert (match["group"] == project.rows[r_index].group).any()
            assert any(shares_kind(project_kinds(project), k.split(";")) for k in match["kinds"])
            assert item["document"] != Path(source).stem
    assert flagged > 100
    # 96 of 113 measured (85.0%; 96 of 112 before 基本健全 was flagged, on a row of no 二级指标 group); the issue asks
    # 0.8. The rest: rows of no 二级指标 group, effect groups the library holds no row of for the sector, a project of
    # no known kind, a 社会成本指标 row, only rows of another kind of work
    assert with_suggestion / flagged >= 0.84


def _suggested(tmp_path: Path, rows: list[tuple[str, str, str, str]], project: str) -> pd.DataFrame:
    """Score a written table (one project) with the shipped library; its rows with their suggestions."""
    path = tmp_path / "written.csv"
    lines = ["项目名称,预算数,一级指标,二级指标,三级指标,指标值"] + [f"{project},100,{a},{b},{c},{d}" for a, b, c, d in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("score", path, "-o", tmp_path / "rows.csv", "--suggest", "-q")
    assert result.exit_code == EXIT_OK, result.output
    return pd.read_csv(tmp_path / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


_ROAD_ROWS = [
    ("产出指标", "数量指标", "养护公路里程", "≥120公里"),
    ("产出指标", "质量指标", "工程质量", "显著提升"),
    ("产出指标", "时效指标", "完工时间", "2025年11月30日前"),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
]


def test_a_road_maintenance_quality_row_gets_road_rows_of_quality(tmp_path):
    from scorer.library import load_library

    rows = _suggested(tmp_path, _ROAD_ROWS, "县乡公路养护工程")
    quality = rows[rows["level3"] == "工程质量"]
    assert len(quality) == 1 and quality["categories"].iloc[0] != ""
    found = list(_SUGGESTION.finditer(quality["suggestions"].iloc[0]))
    assert found
    library = load_library()
    for item in found:
        match = library[(library["name"] == item["name"]) & (library["project"] == item["project"])]
        assert (match["group"] == "quality").any(), item.group(0)
        assert match["kinds"].str.split(";").map(lambda k: "交通运输" in k and "公路养护" in k).any(), item.group(0)
        assert "交通运输" in item.group(0) and "选" not in item["name"]


_LEPROSY_ROWS = [
    ("产出指标", "数量指标", "宣传教育", "覆盖全区"),
    ("产出指标", "质量指标", "防治工作质量", "明显提高"),
    ("效益指标", "社会效益指标", "群众防治意识", "明显增强"),
    ("效益指标", "可持续影响指标", "项目实施情况", "良好"),
]


def test_a_leprosy_project_gets_disease_control_rows_not_hypertension_or_other_diseases(tmp_path):
    from scorer.library import kinds_of_name, load_library

    assert {"卫生健康", "疾病防控"} <= kinds_of_name("麻风病防治")
    rows = _suggested(tmp_path, _LEPROSY_ROWS, "麻风病防治")
    flagged = rows[rows["categories"] != ""]
    assert len(flagged) == len(_LEPROSY_ROWS) and (flagged["suggestions"] != "").all()
    library = load_library()
    assert library["name"].str.contains("高血压").any()  # the library has it; the project is not of its field
    for text in flagged["suggestions"]:
        for item in _SUGGESTION.finditer(text):
            assert not any(word in item.group(0) for word in ("高血压", "结核", "艾滋", "疫苗", "接种")), item.group(0)
            match = library[(library["name"] == item["name"]) & (library["project"] == item["project"])]
            assert match["kinds"].str.contains("疾病防控").any(), item.group(0)


def test_library_kinds_read_the_sector_not_the_funding_source_or_a_shorter_word():
    from scorer.library import Suggester, kinds_of_name, load_library

    road = kinds_of_name("车辆购置税收入补助地方资金普通省道公")  # a name cut short, as a table printed it
    assert "交通运输" in road and "购置" not in road
    assert "农业农村" not in kinds_of_name("农村公路养护") and "交通运输" in kinds_of_name("农村公路养护")
    assert "民政" not in kinds_of_name("某某乡人民政府配套设施建设项目")
    # a project of no sector: only rows of projects of no sector that share a function; the library has none
    suggester = Suggester(load_library())
    assert suggester.suggest("cost", kinds_of_name("配套设施建设项目"), project="配套设施建设项目") == []
    # a 社会成本指标 row takes no unit cost; an 经济成本指标 row of the same project does
    health = kinds_of_name("传染病防治经费")
    assert suggester.suggest("cost", health, project="传染病防治经费", level2="社会成本指标") == []
    assert suggester.suggest("cost", health, project="传染病防治经费", level2="经济成本指标")
    # 临时救助: no 低保 or 特困 rows, though all are 社会救助
    for group in ("quantity", "quality", "cost"):
        found = suggester.suggest(group, kinds_of_name("临时救助资金"), project="临时救助资金")
        assert found and not any(w in s.name + s.project for s in found for w in ("低保", "最低生活", "特困")), found


FIXTURES = ROOT / "tests" / "fixtures" / "library"


def test_the_bundled_tables_score_sound_and_the_shipped_library_is_built_from_them(tmp_path):
    """Every row of tests/fixtures/library/*.csv scores 100 with no finding; the shipped library is what
    `zhibiao library build samples tests/fixtures/other_departments.csv tests/fixtures/library` writes."""
    import csv

    import scorer

    result = scorer.score(FIXTURES)
    assert len(result.rows) > 700
    bad = result.rows[(result.rows["categories"] != "") | (result.rows["score"] != 100)]
    assert bad.empty, bad[["project", "level3", "value", "messages"]].head(10).to_string()
    for path in sorted(FIXTURES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
        groups: dict[str, set[str]] = {}
        for record in records:
            groups.setdefault(record["项目名称"], set()).add(record["二级指标"])
        assert len(groups) >= 2, path.name
        for project, headings in groups.items():
            assert {"数量指标", "质量指标", "时效指标", "成本指标", "服务对象满意度指标"} <= headings, (path.name, project)
            assert headings & {"社会效益指标", "经济效益指标", "生态效益指标"} and "可持续影响指标" in headings, project
    built = run(
        "library", "build", SAMPLES, ROOT / "tests" / "fixtures" / "other_departments.csv", FIXTURES,
        "-o", tmp_path / "library.parquet", "-q",
    )  # fmt: skip
    assert built.exit_code == EXIT_OK
    fresh = pd.read_parquet(tmp_path / "library.parquet").fillna("")
    shipped = pd.read_parquet(ROOT / "scorer" / "data" / "indicator_library.parquet").fillna("")
    key = ["kinds", "group", "name", "value", "project"]
    assert sorted(map(tuple, fresh[key].values.tolist())) == sorted(map(tuple, shipped[key].values.tolist()))


def test_a_row_of_a_project_doing_another_kind_of_work_is_not_suggested():
    """An equipment purchase's durability rows are no answer for a training project of the same sector; a
    row of a project doing no particular kind of work, or the same kind, is."""
    from scorer.library import LIBRARY_COLUMNS, Suggester

    def row(kinds: str, name: str, project: str) -> dict:
        return dict.fromkeys(LIBRARY_COLUMNS, "") | {
            "kinds": kinds,
            "group": "sustainable",
            "level2": "可持续影响指标",
            "name": name,
            "value": "≥3年",
            "document": "written",
            "project": project,
        }

    library = pd.DataFrame(
        [
            row("人大;购置", "办公设备使用年限", "人大机关设备购置经费"),
            row("人大", "代表建议办理机制运行年限", "代表建议督办经费"),
            row("人大;培训", "培训成果应用年限", "代表培训经费"),
        ]
    )
    found = Suggester(library).suggest("sustainable", frozenset({"人大", "培训"}), project="人大代表履职培训")
    assert [s.name for s in found] and "办公设备使用年限" not in [s.name for s in found]
    bought = Suggester(library).suggest("sustainable", frozenset({"人大", "购置"}), project="人大电子表决设备购置")
    assert "办公设备使用年限" in [s.name for s in bought]
