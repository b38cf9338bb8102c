"""Rows tables as users hand them in, damaged or odd: the bulk path names what it cannot read, keeps every
row it could read, and never shows a traceback. Each table is the seed rows (a real people's-congress
disclosure, read by zhibiao) in the shape a user made: a damaged byte, a line of spaces, a spreadsheet's
empty row, budgets as a budget system writes them, a missing column, UTF-16, the same file twice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from bench.synthetic import EXPORT_HEADINGS
from scorer.cli import cli
from scorer.engines.bulk import score_tables
from scorer.ingest import read_paths
from scorer.ingest.tables import is_rows_table
from scorer.table import indicator_frame

INPUT = ["source", "project", "level1", "level2", "level3", "description", "value", "basis", "budget"]


@pytest.fixture(scope="module")
def seed_table() -> pd.DataFrame:
    rows = indicator_frame(read_paths([SAMPLES]).documents)
    rows["budget"] = ""
    return rows[INPUT].astype(str)


def _export(seed_table: pd.DataFrame) -> pd.DataFrame:
    """The seed rows as a budget system exports them: Chinese headings, the unit as a column."""
    export = seed_table.drop(columns=["source", "budget"]).rename(columns=EXPORT_HEADINGS)
    export["单位名称"] = seed_table["source"]
    return export


def _score(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["score", *args, "-q"], env={"ZHIBIAO_LANG": "zh"})
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _rows(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _damaged(seed_table: pd.DataFrame, path, encoding: str, at: float) -> int:
    """The seed rows 24 times as a Chinese export in `encoding`, two damaged bytes put at the start of the
    line `at` of the way into it; returns the rows before the damage."""
    data = _export(pd.concat([seed_table] * 24, ignore_index=True)).to_csv(index=False).encode(encoding)
    place = data.index(b"\n", int(len(data) * at)) + 1
    path.write_bytes(data[:place] + b"\x81\x20" + data[place:])
    return data[:place].count(b"\n") - 1


@pytest.fixture
def bulk_way(monkeypatch):
    import scorer.ingest.tables

    monkeypatch.setattr(scorer.ingest.tables, "ROWS_TABLE_MIN_BYTES", 1)  # as a table of a million rows


@pytest.mark.parametrize("at", [0.01, 0.85])
def test_a_gb18030_table_with_a_damaged_byte_keeps_every_row_and_says_so(seed_table, tmp_path, bulk_way, at):
    """Budget systems export GB18030; Python's decoder reads it for Arrow, the damage replaced and counted."""
    table = tmp_path / "damaged.csv"
    _damaged(seed_table, table, "gb18030", at)
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"), "--chunk-rows", "500")
    assert code == 1, output
    assert "damaged.csv：有 1 处无法按 GB18030 解码的字节，已替换为 \ufffd" in output, output
    rows = _rows(tmp_path / "rows.csv")
    assert len(rows) == 24 * len(seed_table) and sorted(rows["level3"]) == sorted(seed_table["level3"].tolist() * 24)


def _same_rows_of_two_tables(scored: tuple[Path, Path], tables: tuple[Path, Path]) -> None:
    """The rows scored from two tables are the same but for where they stand: each location names its own table,
    and their row numbers differ by what stands above each header (a title, a second header line)."""
    first, second = (_rows(path) for path in scored)
    numbers = []
    for rows, table in zip((first, second), tables, strict=True):
        assert rows["location"].str.startswith(f"{table}:row ").all(), rows["location"].head()
        numbers.append(rows["location"].str.rsplit("row ", n=1).str[1].astype(int))
    assert (numbers[0] - numbers[1]).nunique() == 1
    pd.testing.assert_frame_equal(first.drop(columns="location"), second.drop(columns="location"))


def test_a_damaged_byte_in_utf8_is_named_and_the_rows_read_before_it_are_scored(seed_table, tmp_path, bulk_way):
    """Arrow's UTF-8 reader refuses the block of the table (1 MB) that holds the damage: the rows before that
    block are scored and written, as many as the line says; none after it is made up."""
    table = tmp_path / "damaged.csv"
    before = _damaged(seed_table, table, "utf-8", 0.85)
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"), "--chunk-rows", "500")
    errors = [line for line in output.splitlines() if line.startswith("错误")]
    assert code == 1 and len(errors) == 1, output  # said once, though both passes read the table
    assert "damaged.csv：第 " in errors[0] and "行之后无法读取" in errors[0], output
    read = int(errors[0].split("第 ")[1].split(" 行")[0])
    rows = _rows(tmp_path / "rows.csv")
    assert 500 <= read - 1 == len(rows) <= before  # the row read last, under the header on row 1
    assert sorted(rows["level3"]) == sorted((seed_table["level3"].tolist() * 24)[: read - 1])


def test_a_utf8_table_with_one_damaged_byte_is_not_read_as_gb18030(seed_table, tmp_path):
    table = tmp_path / "english.csv"
    data = seed_table.to_csv(index=False).encode("utf-8")
    middle = data.index(b"\n", len(data) // 2) + 1
    table.write_bytes(data[:middle] + b"\xff" + data[middle:])
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code != 0 and "english.csv：第 " in output and "invalid UTF8" in output, output


def test_a_line_of_spaces_and_a_row_of_commas_are_no_rows_and_stop_nothing(seed_table, tmp_path):
    lines = seed_table.to_csv(index=False).splitlines()
    table = tmp_path / "gaps.csv"
    table.write_text("\n".join([*lines[:40], "   ", *lines[40:80], "," * (len(INPUT) - 1), *lines[80:]]) + "\n", encoding="utf-8")
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output
    rows = _rows(tmp_path / "rows.csv")
    assert len(rows) == len(seed_table) and set(rows["source"]) == set(seed_table["source"])
    # rows are counted as a spreadsheet shows them: the header is row 1, the row of commas one (dropped); the
    # line of spaces, like an empty line (which no spreadsheet writes), none: seed row 79 comes after the
    # header, 39 + 40 rows and the row of commas
    assert rows.loc[rows["level3"] == seed_table["level3"].iloc[79], "location"].str.endswith("row 82").any()


def test_a_row_of_too_few_cells_is_named_in_chinese(seed_table, tmp_path):
    """Found in review: a row of fewer cells than the header stopped the table with Arrow's English
    (CSV parse error: Row #41: Expected 9 columns, got 3: …)."""
    lines = seed_table.to_csv(index=False).splitlines()
    table = tmp_path / "short.csv"
    table.write_text("\n".join([*lines[:40], "甲单位,某项目,产出指标", *lines[40:]]) + "\n", encoding="utf-8")
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 2 and f"文件第 41 行有 3 列，表头有 {len(seed_table.columns)} 列：甲单位,某项目,产出指标" in output, output


def test_a_row_without_its_document_is_of_the_file(seed_table, tmp_path):
    table = seed_table.head(30).copy()
    table.loc[29, "source"] = ""
    table.to_csv(tmp_path / "t.csv", index=False)
    code, output = _score(str(tmp_path / "t.csv"), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output
    assert _rows(tmp_path / "rows.csv")["source"].iloc[-1] == "t.csv"


def test_budgets_as_a_budget_system_writes_them(seed_table, tmp_path):
    table = seed_table.head(200).copy()
    firsts = table.drop_duplicates("project").index[:4]
    table.loc[firsts, "budget"] = ["1,234.5", "120万元", "3000元", "待定"]
    table.to_csv(tmp_path / "t.csv", index=False)
    code, output = _score(str(tmp_path / "t.csv"), "-o", str(tmp_path / "rows.csv"), "--projects", str(tmp_path / "p.csv"))
    assert code == 0, output
    projects = _rows(tmp_path / "p.csv")
    budgets = dict(zip(zip(projects["source"], projects["project"], strict=True), projects["budget"], strict=True))
    assert [budgets[table.loc[i, "source"], table.loc[i, "project"]] for i in firsts] == ["1234.5", "120", "0.3", ""]


def test_a_budget_with_a_damaged_exports_control_characters_is_its_figure(seed_table, tmp_path):
    r"""20\x01 (a damaged export's control character after the figure) left the project with no budget, and
    no word of it: the characters are no part of the amount."""
    table = seed_table.head(200).copy()
    firsts = table.drop_duplicates("project").index[:4]
    table.loc[firsts, "budget"] = ["20\x01", "\x0230万元", "1,234.5\x7f", "3000元\x1b"]
    table.to_csv(tmp_path / "t.csv", index=False)
    code, output = _score(str(tmp_path / "t.csv"), "-o", str(tmp_path / "rows.csv"), "--projects", str(tmp_path / "p.csv"))
    assert code == 0, output
    projects = _rows(tmp_path / "p.csv")
    budgets = dict(zip(zip(projects["source"], projects["project"], strict=True), projects["budget"], strict=True))
    assert [budgets[table.loc[i, "source"], table.loc[i, "project"]] for i in firsts] == ["20", "30", "1234.5", "0.3"]


@pytest.mark.parametrize("dropped", ["value", "level3"])
def test_a_rows_table_without_its_names_or_values_is_refused_naming_the_column(seed_table, tmp_path, dropped):
    """Headed with the rows contract's names, it was read as a document: made-up rows (names in the value
    column), exit 0. The other inputs are still scored."""
    table = tmp_path / "rows_table.csv"
    seed_table.drop(columns=[dropped]).to_csv(table, index=False)
    seed_table.to_csv(tmp_path / "good.csv", index=False)
    code, output = _score(str(table), str(tmp_path / "good.csv"), "-o", str(tmp_path / "rows.csv"))
    heading = {"value": "指标值", "level3": "三级指标"}[dropped]
    assert code == 1 and f"rows_table.csv：逐条指标表缺少列 {heading}（{dropped}）" in output, output
    assert len(_rows(tmp_path / "rows.csv")) == len(seed_table)


def _small_export() -> pd.DataFrame:
    """A budget system's export of three rows headed in Chinese, well under the size of a rows table."""
    return pd.DataFrame(
        {
            "项目名称": ["城区道路养护工程", "城区道路养护工程", "学生资助资金"],
            "预算数（万元）": ["320", "320", "120"],
            "一级指标": ["产出指标", "产出指标", "产出指标"],
            "二级指标": ["数量指标", "质量指标", "数量指标"],
            "三级指标": ["养护道路里程", "验收合格率", "资助学生人数"],
            "指标值": ["≥45公里", "≥98%", "≥300人"],
        }
    )


@pytest.mark.parametrize("dropped", ["指标值", "三级指标"])
def test_a_small_export_without_its_names_or_values_is_refused_naming_the_column(tmp_path, dropped):
    """Found in a newcomer's trial: a budget system's export of 46 rows headed 项目名称 … 三级指标 with no 指标值
    column was read as a document: one project of no name, each project's name an indicator whose value
    was its budget (90 made-up rows), exit 0. Under 1 MB a table headed in Chinese is a document's, but one
    naming its projects and lacking 指标值 or 三级指标 holds no row to score."""
    export = _small_export()
    table = tmp_path / "export.csv"
    export.drop(columns=[dropped]).to_csv(table, index=False)
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    field = {"指标值": "value", "三级指标": "level3"}[dropped]
    assert code == 2 and f"export.csv：逐条指标表缺少列 {dropped}（{field}）" in output, output
    assert not (tmp_path / "rows.csv").exists()


def test_a_table_lacking_its_values_in_a_folder_of_documents_is_said_and_the_documents_are_scored(tmp_path):
    """Found in a newcomer's trial: a folder holding a small export with 指标值, one without, and a project's form
    in text ended with exit 2 and nothing scored: the export lacking its column made the run the table way, the
    message called the inputs mixed and never named the missing column. Now that export is said unreadable,
    naming its column, and the others are read as documents (exit 1)."""
    export = _small_export()
    folder = tmp_path / "submissions"
    folder.mkdir()
    export.to_csv(folder / "roads.csv", index=False)
    export.drop(columns=["指标值"]).to_csv(folder / "no_values.csv", index=False)
    (folder / "form.txt").write_text(
        "项目名称：乡镇综合文化站免费开放\n预算金额：36万元\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t开展文化活动场次\t≥24场\n",
        encoding="utf-8",
    )
    code, output = _score(str(folder), "-o", str(tmp_path / "rows.csv"))
    assert code == 1 and "no_values.csv：逐条指标表缺少列 指标值（value）" in output, output
    rows = _rows(tmp_path / "rows.csv")
    assert sorted(rows["level3"]) == ["养护道路里程", "开展文化活动场次", "资助学生人数", "验收合格率"]


def test_a_project_table_without_a_project_column_is_still_read_as_a_document(seed_table, tmp_path):
    table = tmp_path / "one_project.csv"
    _export(seed_table).drop(columns=["项目名称", "单位名称"]).head(12).to_csv(table, index=False)
    assert not is_rows_table(table)


def test_a_utf16_table_reads_as_in_utf8(seed_table, tmp_path):
    seed_table.to_csv(tmp_path / "u16.csv", index=False, encoding="utf-16")
    seed_table.to_csv(tmp_path / "u8.csv", index=False, encoding="utf-8")
    first = score_tables([tmp_path / "u16.csv"], tmp_path / "a.csv", None, jobs=1)
    score_tables([tmp_path / "u8.csv"], tmp_path / "b.csv", None, jobs=1)
    assert not first.errors and first.rows == len(seed_table)
    left, right = _rows(tmp_path / "a.csv"), _rows(tmp_path / "b.csv")
    assert list(left["codes"]) == list(right["codes"]) and list(left["level3"]) == list(right["level3"])


def test_the_same_table_given_twice_is_scored_once_with_a_warning(seed_table, tmp_path):
    table = tmp_path / "t.csv"
    seed_table.to_csv(table, index=False)
    code, output = _score(str(table), str(tmp_path / "." / "t.csv"), "-o", str(tmp_path / "rows.csv"))
    assert code == 0 and "t.csv 在命令中出现了 2 次，只评分一次" in output, output
    assert len(_rows(tmp_path / "rows.csv")) == len(seed_table)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_small_export_with_a_damaged_byte_keeps_every_row_and_says_where_in_chinese(seed_table, tmp_path, encoding):
    """A small export of one unit is read as a document: the damaged byte is replaced and named, by its line (a
    newcomer was given a byte offset, and the codec's reason in English), the rows all read."""
    table = tmp_path / "small.csv"
    data = _export(seed_table).drop(columns=["单位名称"]).to_csv(index=False).encode(encoding)
    middle = data.index(b"\n", len(data) // 2) + 1
    table.write_bytes(data[:middle] + b"\x81\x20" + data[middle:])
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    warnings = [line for line in output.splitlines() if line.startswith("警告") and "字节" in line]
    assert code == 1 and len(warnings) == 1, output
    line = data.count(b"\n", 0, middle) + 1  # the damage opens the line after `middle` newlines
    said = f"small.csv：第 {line} 行（第 {middle} 字节）起有 1 处无法按 {encoding.upper()} 解码的字节"
    assert said in warnings[0] and "illegal" not in warnings[0] and "invalid" not in warnings[0], warnings
    assert len(_rows(tmp_path / "rows.csv")) == len(seed_table)


def test_a_table_with_a_header_and_no_rows_is_named_and_the_others_still_scored(seed_table, tmp_path):
    header_only, chinese = tmp_path / "header_only.csv", tmp_path / "表头.csv"
    seed_table.head(0).to_csv(header_only, index=False)
    _export(seed_table).head(0).to_csv(chinese, index=False)  # small: read as a document
    seed_table.to_csv(tmp_path / "t.csv", index=False)
    code, output = _score(str(header_only), str(tmp_path / "t.csv"), "-o", str(tmp_path / "rows.csv"))
    assert code == 1 and "header_only.csv：只有表头，没有指标行" in output, output
    assert len(_rows(tmp_path / "rows.csv")) == len(seed_table)
    code, output = _score(str(chinese), "-o", str(tmp_path / "rows2.csv"))
    assert code == 2 and "表头.csv：没有读到任何绩效指标（只有表头，没有指标行）" in output, output


@pytest.mark.parametrize(
    "text",
    [
        "项目名称,绩效指标,,,指标值\n,一级指标,二级指标,三级指标,\n",  # merged headings, saved
        "某县2024年项目绩效目标表\n项目名称,一级指标,二级指标,三级指标,指标值\n,,,,\n",  # a title, a blank row
    ],
    ids=["two lines", "title"],
)
def test_a_header_over_two_lines_or_under_a_title_with_no_rows_is_said_to_be_only_a_header(text, tmp_path):
    """Found in review: these said 没有找到含“三级指标”“指标值”等表头的绩效指标表, a header on one line 只有表头."""
    table = tmp_path / "表头.csv"
    table.write_text(text, encoding="utf-8")
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 2 and "表头.csv：没有读到任何绩效指标（只有表头，没有指标行）" in output, output


@pytest.mark.parametrize("other", ["指标值", "value"])
def test_two_columns_of_one_field_are_said_and_the_first_is_read(seed_table, tmp_path, other):
    text = seed_table.to_csv(index=False).splitlines()
    lines = [f"{text[0]},{other}", *(f"{line},另一列" for line in text[1:])]  # the same name twice, or a synonym
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = _score(str(tmp_path / "t.csv"), "-o", str(tmp_path / "rows.csv"))
    assert code == 0 and f"t.csv：列“value”和“{other}”都是 value 列，取前一列“value”" in output, output
    assert list(_rows(tmp_path / "rows.csv")["value"].str.strip()) == list(seed_table["value"].str.strip())  # =7人 is neutralised


def test_two_columns_of_one_field_under_a_header_of_two_lines_are_said_too(seed_table, tmp_path, bulk_way):
    """The second 指标值 of a header over two lines is named by its place (指标值（第9列）), and still said."""
    export = _export(seed_table)
    export.insert(export.columns.get_loc("指标值") + 1, "指标值 ", "另一列")  # a second 指标值, to be said
    levels = ("一级指标", "二级指标", "三级指标")
    lines = [
        ["绩效指标" if n == levels[0] else "" if n in (*levels[1:], "指标值 ") else n.strip() for n in export.columns],
        [n if n in levels else n.strip() if n.startswith("指标值") else "" for n in export.columns],
    ]
    (tmp_path / "t.csv").write_text(_headed(export, lines), encoding="utf-8")
    code, output = _score(str(tmp_path / "t.csv"), "-o", str(tmp_path / "rows.csv"))
    place = list(export.columns).index("指标值 ") + 1
    assert code == 0 and f"列“指标值”和“指标值（第{place}列）”都是 value 列，取前一列“指标值”" in output, output
    assert list(_rows(tmp_path / "rows.csv")["value"].str.strip()) == list(seed_table["value"].str.strip())


def test_a_table_unreadable_part_way_leaves_the_template_statistics_of_the_others(seed_table, tmp_path):
    """Rule B201 counts the units using each row across all the tables of a run. A table that cannot be
    read to its end turned the rule off for every table; now it counts as far as it was read."""
    from bench.synthetic import write_corpus

    corpus = tmp_path / "corpus.csv"
    write_corpus(corpus, 3_000, seed=7)
    damaged = tmp_path / "damaged.csv"
    data = pd.concat([seed_table] * 40, ignore_index=True).to_csv(index=False).encode("utf-8")
    late = data.index(b"\n", len(data) * 9 // 10) + 1
    damaged.write_bytes(data[:late] + b"\xff" + data[late:])
    alone = score_tables([corpus], tmp_path / "alone.csv", None, jobs=1)
    both = score_tables([damaged, corpus], tmp_path / "both.csv", None, jobs=1)
    assert not alone.errors and len(both.errors) == 2 and all("damaged.csv：第 " in e for e in both.errors)
    alone_rows, both_rows = _rows(tmp_path / "alone.csv"), _rows(tmp_path / "both.csv")
    codes = both_rows[both_rows["source"].isin(set(alone_rows["source"]))]["codes"]
    assert len(codes) == len(alone_rows) and codes.str.contains("B201").sum() > 100
    assert codes.str.contains("B201").sum() >= alone_rows["codes"].str.contains("B201").sum()


def test_a_document_named_and_also_under_a_folder_named_is_read_once(tmp_path):
    import shutil

    folder = tmp_path / "submissions"
    folder.mkdir()
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    shutil.copy(sample, folder / sample.name)
    code, output = _score(str(folder), str(folder / sample.name), "-o", str(tmp_path / "rows.csv"))
    once = read_paths([sample]).documents[0]
    assert code == 0 and f"{sample.name}：未读取，已在本次运行中读过（命令中给出了两次）" in output, output
    assert len(_rows(tmp_path / "rows.csv")) == once.indicator_count


def test_a_large_export_without_its_project_column_is_refused_naming_it(seed_table, tmp_path, bulk_way):
    """Read as a document, 60,000 rows without 项目名称 were one project of 60,000 indicators, graded A."""
    table = tmp_path / "export.csv"
    _export(seed_table).drop(columns=["项目名称"]).to_csv(table, index=False)
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 2 and "export.csv：逐条指标表缺少列 项目名称（project）" in output, output


def test_a_small_export_of_several_units_scores_each_unit_as_a_document_as_a_large_one(seed_table, tmp_path):
    """Read as a document, an export of five units below 1 MB was one document: every unit's projects
    read as one another's context, rule B201 unable to count units. It now goes the rows-table way at any
    size, as the same export does from 1 MB."""
    table = tmp_path / "units.csv"
    _export(seed_table).to_csv(table, index=False)
    assert table.stat().st_size < 1 << 20 and is_rows_table(table)
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output
    rows = _rows(tmp_path / "rows.csv")
    assert sorted(rows["source"].unique()) == sorted(seed_table["source"].unique())
    score_tables([table], tmp_path / "bulk.csv", None, jobs=1)  # the rows-table way, whatever the size
    pd.testing.assert_frame_equal(rows, _rows(tmp_path / "bulk.csv"))


def test_a_small_export_of_one_unit_is_still_read_as_a_document(seed_table, tmp_path):
    one_unit = seed_table[seed_table["source"] == seed_table["source"].iloc[0]]
    table = tmp_path / "one_unit.csv"
    _export(one_unit).to_csv(table, index=False)
    assert not is_rows_table(table)
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output
    assert set(_rows(tmp_path / "rows.csv")["source"]) == {str(table)}


def test_a_small_export_of_one_unit_beside_an_export_of_several_is_scored_with_it(seed_table, tmp_path):
    """Found in a newcomer's trial: a folder holding an export of several units and a small one of one unit,
    headed alike, was refused as a run of tables and documents (exit 2): the small one alone is read as a
    document. Beside a rows table it is a rows table too, scored in the same run as when it is large."""
    folder = tmp_path / "exports"
    folder.mkdir()
    first = seed_table["source"].iloc[0]
    _export(seed_table[seed_table["source"] != first]).to_csv(folder / "units.csv", index=False)
    _export(seed_table[seed_table["source"] == first]).drop(columns=["单位名称"]).to_csv(folder / "one_unit.csv", index=False)
    assert not is_rows_table(folder / "one_unit.csv")
    code, output = _score(str(folder), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output
    rows = _rows(tmp_path / "rows.csv")
    assert len(rows) == len(seed_table) and (rows["source"] == "one_unit.csv").sum() == (seed_table["source"] == first).sum()
    # read whole for a workbook, the small one is read as the same table (found in review: as a document then)
    code, output = _score(str(folder), "-o", str(tmp_path / "whole.csv"), "--xlsx", str(tmp_path / "review.xlsx"))
    assert code == 0, output
    assert list(_rows(tmp_path / "whole.csv")["source"]) == list(rows["source"])
    # a project's form, its name above the table and no 项目名称 column, is a document: the run is refused
    # (found in review: its rows were dropped as a table lacking 项目名称)
    (folder / "one_unit.csv").unlink()
    (folder / "form.csv").write_text(
        "项目名称,道路养护工程\n项目资金,200\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,养护里程,≥50公里\n",
        encoding="utf-8",
    )
    code, output = _score(str(folder), "-o", str(tmp_path / "mixed.csv"))
    assert code == 2 and "不能与文档在同一次运行中评分" in output and "form.csv" in output, output


def test_an_export_of_several_units_and_a_document_in_one_run_is_refused_saying_why(seed_table, tmp_path):
    table = tmp_path / "units.csv"
    _export(seed_table).to_csv(table, index=False)
    code, output = _score(str(table), str(SAMPLES / "000_e76689bf9da19685.txt"), "-o", str(tmp_path / "rows.csv"))
    assert code == 2 and "单位列" in output and "不能与文档在同一次运行中评分" in output, output
    assert not (tmp_path / "rows.csv").exists()


ABOVE_HEADERS = {
    "title and unit line": "某市2024年部门项目支出绩效目标表,,,,\n单位：万元\n\n",
    "blank line first": "\n某市2024年部门项目支出绩效目标表\n",
    "title over two lines, quoted": '"某市2024年\n部门项目支出绩效目标表"\n',
    "title and unit on one line": "某市2024年部门项目支出绩效目标表,,,单位：万元\n",
    "six lines of notes": "".join(f"说明{number},\n" for number in range(6)),
    "notes with two headings": "某市2024年项目绩效目标表\n单位名称：,某市财政局,预算数（万元）：,5000\n",
}


@pytest.mark.parametrize("above", ABOVE_HEADERS.values(), ids=list(ABOVE_HEADERS))
def test_a_title_above_the_header_of_a_large_export_is_skipped(seed_table, tmp_path, bulk_way, above):
    """Budget systems write the table's title (and 单位：万元) above the header. Such a table went the
    document way whatever its size: one process, all its units one document. Arrow counts the lines above
    the header, blank ones and a quoted title's too."""
    plain, titled = tmp_path / "plain.csv", tmp_path / "titled.csv"
    _export(seed_table).to_csv(plain, index=False)
    titled.write_text(above + plain.read_text(encoding="utf-8"), encoding="utf-8")
    assert is_rows_table(titled)
    for table in (plain, titled):
        code, output = _score(str(table), "-o", str(tmp_path / f"{table.stem}_rows.csv"))
        assert code == 0, output
    _same_rows_of_two_tables((tmp_path / "titled_rows.csv", tmp_path / "plain_rows.csv"), (titled, plain))


def two_line_header(export: pd.DataFrame) -> str:
    """The export as a spreadsheet with merged headings saves it: 绩效指标 over 一级/二级/三级指标, the other
    headings merged down two lines (named on the first, blank on the second)."""
    levels = ["一级指标", "二级指标", "三级指标"]
    upper = ["绩效指标" if name == levels[0] else "" if name in levels else name for name in export.columns]
    lower = [name if name in levels else "" for name in export.columns]
    body = export.to_csv(index=False, header=False)
    return "某市2024年项目支出绩效目标表\n" + ",".join(upper) + "\n" + ",".join(lower) + "\n" + body


def test_an_export_with_its_header_over_two_lines_scores_as_with_one(seed_table, tmp_path, bulk_way):
    """A header over two lines took its first line alone for header: no 三级指标 column, so the whole export
    went the document way as one project named after the title, each unit's and project's name read as
    an indicator of its own. Now the two lines are one header, and the rows are those of the plain table."""
    plain, merged = tmp_path / "plain.csv", tmp_path / "merged.csv"
    _export(seed_table).to_csv(plain, index=False)
    merged.write_text(two_line_header(_export(seed_table)), encoding="utf-8")
    assert is_rows_table(merged)
    for table in (plain, merged):
        report = score_tables([table], tmp_path / f"{table.stem}_rows.csv", None, jobs=1, chunk_rows=100)
        assert not report.warnings and not report.errors, report.warnings
        assert report.rows == len(seed_table)
    _same_rows_of_two_tables((tmp_path / "merged_rows.csv", tmp_path / "plain_rows.csv"), (merged, plain))


def _headed(export: pd.DataFrame, lines: list[list[str]], between: str = "") -> str:
    """The export under a header of several lines (`between` written after the first), its title above."""
    header = [",".join(lines[0]), between.rstrip("\n"), *(",".join(line) for line in lines[1:])]
    header = [line for index, line in enumerate(header) if line or (index == 1 and between)]
    return "某市2024年项目支出绩效目标表\n" + "\n".join(header) + "\n" + export.to_csv(index=False, header=False)


def _with_result_and_kind(seed_table: pd.DataFrame) -> pd.DataFrame:
    """The export with what a self-evaluation adds (实际完成值) and a column the vocabulary does not know."""
    export = _export(seed_table)
    export.insert(export.columns.get_loc("指标值") + 1, "实际完成值", "已完成")
    export.insert(export.columns.get_loc("三级指标") + 1, "指标类型", "个性指标")
    return export


def _merged_shapes(columns: list[str]) -> dict[str, tuple[list[list[str]], str, dict[str, str]]]:
    """Header shapes (lines, what stands between the first two, headings renamed in the plain table) a
    spreadsheet with merged headings saves, each named by what it tries."""
    group = ["一级指标", "二级指标", "三级指标", "指标类型"]

    def line(keep) -> list[str]:
        return [keep(name) for name in columns]

    upper = line(lambda n: "绩效指标" if n == group[0] else "" if n in group else "" if n == "实际完成值" else n)
    levels = line(lambda n: n if n in group else "")
    value_over = line(lambda n: "年度指标值" if n == "指标值" else "实际完成值" if n == "实际完成值" else "")
    plain_value = {"指标值": "年度指标值"}
    return {
        "指标值 over 年度指标值 and 实际完成值, three lines": ([upper, levels, value_over], "", plain_value),
        "a blank line between": ([upper, levels, value_over], "\n", plain_value),
        "a line of commas between": ([upper, levels, value_over], "," * (len(columns) - 1), plain_value),
        "指标内容 for 三级指标": (
            [upper, [("指标内容" if n == "三级指标" else n) for n in levels], value_over],
            "",
            {**plain_value, "三级指标": "指标内容"},
        ),
    }


@pytest.mark.parametrize("shape", list(_merged_shapes(["x"])))
def test_a_header_of_merged_headings_in_any_shape_scores_as_the_one_line_header(seed_table, tmp_path, bulk_way, shape):
    """Found in review: 指标值 over 年度指标值/实际完成值 was read as a row (the first line alone was taken
    as soon as it held the three headings); a blank line between the two lines, or a heading the vocabulary
    does not know (指标类型) on the second, made the explanation column stand in for the names; 指标内容
    under 绩效指标 made the whole export one document."""
    export = _with_result_and_kind(seed_table)
    lines, between, renamed = _merged_shapes(list(export.columns))[shape]
    plain, merged = tmp_path / "plain.csv", tmp_path / "merged.csv"
    export.rename(columns=renamed).to_csv(plain, index=False)
    merged.write_text(_headed(export, lines, between), encoding="utf-8")
    for table in (plain, merged):
        report = score_tables([table], tmp_path / f"{table.stem}_rows.csv", None, jobs=1, chunk_rows=100)
        assert not report.errors, report.errors
        assert report.rows == len(seed_table)
    _same_rows_of_two_tables((tmp_path / "merged_rows.csv", tmp_path / "plain_rows.csv"), (merged, plain))


def test_an_export_naming_its_indicators_under_指标内容_scores_as_under_三级指标(seed_table, tmp_path, bulk_way):
    """With no 三级指标 heading, the indicators' names under 指标内容 made the export lack its level3 column:
    refused. The content column stands in for 三级指标, as the document reader takes it."""
    plain, renamed = tmp_path / "plain.csv", tmp_path / "renamed.csv"
    export = _export(seed_table).drop(columns=["指标解释"])
    export.to_csv(plain, index=False)
    export.rename(columns={"三级指标": "指标内容"}).to_csv(renamed, index=False)
    assert is_rows_table(renamed)
    for table in (plain, renamed):
        report = score_tables([table], tmp_path / f"{table.stem}_rows.csv", None, jobs=1)
        assert not report.errors, report.errors
    _same_rows_of_two_tables((tmp_path / "renamed_rows.csv", tmp_path / "plain_rows.csv"), (renamed, plain))


def test_a_large_file_with_an_unclosed_quote_first_is_no_traceback(seed_table, tmp_path):
    table = tmp_path / "unclosed.csv"
    table.write_text('"某单位项目绩效目标表\n' + _export(pd.concat([seed_table] * 2)).to_csv(index=False), encoding="utf-8")
    assert table.stat().st_size > 131_072  # the csv module's field limit, which the unclosed quote passes
    assert not is_rows_table(table)  # csv.Error: field larger than field limit, a traceback before
    code, output = _score(str(table), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output  # read the document way, as before titles were looked for


def _merged_units(seed_table: pd.DataFrame) -> pd.DataFrame:
    """The export as a spreadsheet with merged unit cells saves it: each unit named on its first row only."""
    export = _export(seed_table)
    export.loc[export["单位名称"].duplicated(), "单位名称"] = ""
    return export


def test_an_export_naming_each_unit_on_its_first_row_only_scores_as_one_naming_it_on_every_row(seed_table, tmp_path):
    """Merged cells: the rows under a unit's first row were a document named after the file (507 of 512
    rows), each unit's first row a one-row document."""
    named, merged = tmp_path / "named.csv", tmp_path / "merged.csv"
    _export(seed_table).to_csv(named, index=False)
    _merged_units(seed_table).to_csv(merged, index=False)
    assert is_rows_table(merged)
    for table in (named, merged):  # chunks of 100 rows: a unit's name carried from one frame to the next
        report = score_tables([table], tmp_path / f"{table.stem}_rows.csv", None, jobs=1, chunk_rows=100)
        assert not report.warnings and not report.errors, report.warnings
    _same_rows_of_two_tables((tmp_path / "merged_rows.csv", tmp_path / "named_rows.csv"), (merged, named))


def test_a_one_unit_export_with_two_unit_columns_is_still_read_as_a_document(seed_table, tmp_path):
    """The bulk way makes the first unit column the document (主管部门 here); its one value is one unit."""
    one_unit = _export(seed_table[seed_table["source"] == seed_table["source"].iloc[0]])
    one_unit.insert(0, "主管部门", "某市人大常委会")
    table = tmp_path / "two_unit_columns.csv"
    one_unit.to_csv(table, index=False)
    assert not is_rows_table(table)


def test_with_a_department_column_before_the_unit_column_each_unit_is_a_document(seed_table, tmp_path):
    """主管部门 and 单位名称 are two levels: the documents are the units (the more specific), whatever the
    order of the columns; it was the first column, so one department's units were one document."""
    export = _export(seed_table)
    export.insert(0, "主管部门", "某市人大常委会")
    table = tmp_path / "department_and_units.csv"
    export.to_csv(table, index=False)
    assert is_rows_table(table)
    report = score_tables([table], tmp_path / "rows.csv", None, jobs=1)
    assert not report.warnings and not report.errors, report.warnings  # no "two columns of one field"
    assert sorted(_rows(tmp_path / "rows.csv")["source"].unique()) == sorted(seed_table["source"].unique())


def test_a_folder_of_exports_is_scored_as_the_same_files_named(seed_table, tmp_path):
    """Under a folder, an export of several units (or any rows table, .parquet too) was read as a document:
    one document a file, where the same file named is a document a unit."""
    folder = tmp_path / "exports"
    folder.mkdir()
    _export(seed_table).to_csv(folder / "a.csv", index=False)
    seed_table.to_parquet(folder / "b.parquet", index=False)
    code, output = _score(str(folder), "-o", str(tmp_path / "from_folder.csv"))
    assert code == 0, output
    code, output = _score(str(folder / "a.csv"), str(folder / "b.parquet"), "-o", str(tmp_path / "named.csv"))
    assert code == 0, output
    pd.testing.assert_frame_equal(_rows(tmp_path / "from_folder.csv"), _rows(tmp_path / "named.csv"))
    (folder / "c.txt").write_text((SAMPLES / "003_e894add5ed61165e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, output = _score(str(folder), str(folder / "a.csv"), "-o", str(tmp_path / "mixed.csv"))
    assert code == 2 and "（指标表：a.csv、b.parquet；文档：c.txt）" in output, output  # which file is which
    (folder / "c.txt").unlink()
    code, output = _score(str(folder), str(folder / "a.csv"), "-o", str(tmp_path / "twice.csv"))
    assert code == 0 and "a.csv：未读取，已在本次运行中读过" in output, output


def test_notes_beside_a_folder_of_exports_are_left_out_saying_so_and_a_document_beside_them_still_refused(seed_table, tmp_path):
    """A folder of exports with a 说明.txt or README.md beside them was refused as a run of tables and
    documents. A file below the folder that holds no indicator is a note: left out, with a warning naming
    it. One that holds indicators, or a note named on the command line, still makes the run a mixed one."""
    folder = tmp_path / "exports"
    folder.mkdir()
    _export(seed_table).to_csv(folder / "a.csv", index=False)
    (folder / "说明.txt").write_text("本文件夹为各单位2024年项目支出绩效目标表导出文件，由预算科整理。\n", encoding="utf-8")
    (folder / "README.md").write_text("# 导出说明\n\n数据来自预算管理一体化系统。\n", encoding="utf-8")
    code, output = _score(str(folder), "-o", str(tmp_path / "rows.csv"))
    assert code == 0, output
    assert "说明.txt：未读取，与指标表同在文件夹中，其中没有指标" in output and "README.md：未读取" in output, output
    _score(str(folder / "a.csv"), "-o", str(tmp_path / "named.csv"))
    pd.testing.assert_frame_equal(_rows(tmp_path / "rows.csv"), _rows(tmp_path / "named.csv"))
    code, output = _score(str(folder / "a.csv"), str(folder / "说明.txt"), "-o", str(tmp_path / "named_note.csv"))
    assert code == 2 and "不能与文档在同一次运行中评分" in output, output
    (folder / "附件.docx").write_bytes(b"\x00\x01" * 500)  # a note that cannot be read: refused, saying why
    code, output = _score(str(folder), "-o", str(tmp_path / "unreadable.csv"))
    assert code == 2 and "其中一个文件无法读取" in output and "附件.docx" in output, output
    (folder / "附件.docx").unlink()
    (folder / "c.txt").write_text((SAMPLES / "003_e894add5ed61165e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, output = _score(str(folder), "-o", str(tmp_path / "mixed.csv"))
    assert code == 2 and "不能与文档在同一次运行中评分" in output and "c.txt" in output, output
    assert not (tmp_path / "mixed.csv").exists()


def test_a_folder_run_leaves_out_its_earlier_outputs_parquet_and_parts_folders_too(seed_table, tmp_path):
    """An earlier run's rows.parquet, or the parts a Dask run wrote into -o FOLDER inside the input folder,
    were read back as input: every row twice."""
    from scorer.ingest import expand
    from scorer.inputs import InputPlan

    folder = tmp_path / "exports"
    folder.mkdir()
    _export(seed_table).to_csv(folder / "a.csv", index=False)
    code, output = _score(str(folder), "-o", str(folder / "rows.parquet"))
    assert code == 0, output
    code, output = _score(str(folder), "-o", str(tmp_path / "again.csv"))
    assert code == 0, output
    assert len(_rows(tmp_path / "again.csv")) == len(seed_table)  # rows.parquet left out as zhibiao's own
    parts = folder / "scored"
    parts.mkdir()
    seed_table.to_parquet(parts / "part.0.parquet")  # not zhibiao's columns: left out as under -o FOLDER
    plan = InputPlan(exclude={parts.resolve()}, rows_tables=True)
    assert [path.name for path in expand([folder], plan)] == ["a.csv"]


def test_a_parquet_table_with_a_categorical_unit_column_is_scored(seed_table, tmp_path):
    """pandas writes a category column as a Parquet dictionary: filling its blank cells was a TypeError."""
    export = _export(seed_table)
    export.loc[export["单位名称"].duplicated(), "单位名称"] = None  # merged cells: the unit on its first row
    export["单位名称"] = export["单位名称"].astype("category")
    table = tmp_path / "categorical.parquet"
    export.to_parquet(table, index=False)
    report = score_tables([table], tmp_path / "rows.csv", None, jobs=1)
    assert report.rows == len(seed_table) and not report.errors


def test_an_empty_unit_column_gives_way_to_one_that_names_units_and_a_table_naming_none_says_so(seed_table, tmp_path):
    """单位名称 there but blank, 主管部门 filled: the blank column was taken, the table one document, silently."""
    export = _export(seed_table).rename(columns={"单位名称": "主管部门"})
    export["单位名称"] = ""
    table = tmp_path / "empty_unit_column.csv"
    export.to_csv(table, index=False)
    assert is_rows_table(table)
    report = score_tables([table], tmp_path / "rows.csv", None, jobs=1)
    assert sorted(_rows(tmp_path / "rows.csv")["source"].unique()) == sorted(seed_table["source"].unique())
    assert not report.warnings, report.warnings
    export["主管部门"] = " "
    export.to_csv(table, index=False)
    report = score_tables([table], tmp_path / "rows.csv", None, jobs=1)
    assert len(report.warnings) == 1 and "全部行作为一个文件" in report.warnings[0], report.warnings


def test_a_unit_in_two_tables_counts_once_for_template_statistics(seed_table, tmp_path):
    """Two years' exports of the same units: each unit's rows were counted once a table, so rows became
    templates (B201) by the second table alone, and the local path disagreed with the Dask engine."""
    from scorer.engines.bulk import template_stats

    first, second = tmp_path / "2023.csv", tmp_path / "2024.csv"
    _export(seed_table).to_csv(first, index=False)
    _export(seed_table).to_csv(second, index=False)
    one, both = template_stats([first]), template_stats([first, second])
    assert both["key_hashes"] == one["key_hashes"] and both["units"] == one["units"] == 5
    assert both["rows"] == 2 * one["rows"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_template_statistics_do_not_depend_on_how_the_table_is_cut_into_frames(seed_table, tmp_path, jobs):
    """Pass 1 digests each frame as it is read: a unit whose rows fall in several frames (a document of more
    rows than a frame) still counts once for each of its keys, as when each frame holds whole documents."""
    from scorer.engines.bulk import BulkOptions, _worker_pool, template_stats

    table = tmp_path / "units.csv"
    _export(seed_table).to_csv(table, index=False)
    with _worker_pool(jobs, BulkOptions(use_model=False)) as pool:
        cut_small = template_stats([table], chunk_rows=7, pool=pool)
        whole = template_stats([table], chunk_rows=100_000, pool=pool)
    assert cut_small == whole
    assert whole["units"] == 5 and whole["rows"] == len(seed_table)


def test_parse_then_score_of_an_export_of_several_units_gives_what_score_gives(seed_table, tmp_path):
    """parse read such an export as one document (its units one another's context), so parse-then-score
    differed from score; parse, duplicates and corpus-stats now read rows tables as score does."""
    table = tmp_path / "units.csv"
    _export(seed_table).to_csv(table, index=False)
    parsed = tmp_path / "parsed.csv"
    result = CliRunner().invoke(cli, ["parse", str(table), "-o", str(parsed), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(_rows(parsed)["source"].unique()) == sorted(seed_table["source"].unique())
    for given, rows in ((table, "direct.csv"), (parsed, "via_parse.csv")):
        code, output = _score(str(given), "-o", str(tmp_path / rows))
        assert code == 0, output
    direct, via_parse = _rows(tmp_path / "direct.csv"), _rows(tmp_path / "via_parse.csv")
    assert list(via_parse["score"]) == list(direct["score"]) and list(via_parse["codes"]) == list(direct["codes"])


def test_exports_of_fewer_units_than_a_template_needs_send_no_chunk_for_key_digests(seed_table, tmp_path, monkeypatch):
    """A budget system's export names no unit: the file is the unit. Under five such files no row can be a
    template (B201), so pass 1 is left out (no table is read for it), and the rows come out as with the
    digests made; five files are five units, and are digested."""
    from scorer.engines import bulk

    tables = []
    for source, rows in seed_table.groupby("source", sort=False):
        tables.append(tmp_path / f"{Path(source).stem}.csv")
        _export(rows).drop(columns=["单位名称"]).to_csv(tables[-1], index=False)
    assert len(tables) == 5 and not bulk.too_few_units(tables) and bulk.too_few_units(tables[:4])
    with monkeypatch.context() as digested:
        digested.setattr(bulk, "too_few_units", lambda paths: False)
        with_digests = bulk.score_tables(tables[:4], tmp_path / "digested.csv", None, jobs=1)

    def no_pass_one(*args, **kwargs):
        raise AssertionError("pass 1 ran")

    monkeypatch.setattr(bulk, "template_stats", no_pass_one)
    report = bulk.score_tables(tables[:4], tmp_path / "rows.csv", None, jobs=1)
    assert report.rows == with_digests.rows == len(_rows(tmp_path / "rows.csv")) > 0
    assert (tmp_path / "rows.csv").read_bytes() == (tmp_path / "digested.csv").read_bytes()


def test_a_bulk_run_shows_the_worst_projects_as_a_document_run_does(tmp_path):
    """Found in a newcomer's trial: an export scored the bulk way printed counts and timings only, no table of
    the worst projects, and called its units 文件; with --html (read whole) the table appeared."""
    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,临时救助资金,30,产出指标,数量指标,救助人次,显著提高\n"
        "某县水利局,河道保洁经费,40,产出指标,数量指标,保洁河道长度,≥25公里\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["score", str(export), "-o", str(tmp_path / "rows.csv")], env={"ZHIBIAO_LANG": "zh"})
    assert result.exit_code == 0, result.output
    assert "得分最低的 2 个项目（共 2 个项目，2 条指标）" in result.output, result.output
    table = result.output[result.output.index("得分最低的") :]
    assert table.index("临时救助资金") < table.index("河道保洁经费")  # the worse first
    assert "分属 2 个单位或文件" in result.output


def test_an_export_s_budget_column_in_yuan_is_read_in_wan(tmp_path):
    """Found in review: an export headed 预算数（元） gave budgets of 200000 and 80000 万元, so a cost row capped at
    30万元 looked below its budget and L004 fell silent. The column's gloss is the figures' unit."""
    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（元）,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,困难群众救助,200000,产出指标,成本指标,救助成本控制率,≤100%，不超过30万元\n"
        '某县教育局,教师培训,"80,000.00",产出指标,成本指标,培训成本控制率,≤100%，不超过8万元\n'
        "某县水利局,河道保洁,12万元,产出指标,数量指标,保洁河道长度,≥25公里\n",
        encoding="utf-8",
    )
    code, output = _score(str(export), "-o", str(tmp_path / "rows.csv"), "--projects", str(tmp_path / "p.csv"))
    assert code == 0, output
    projects = _rows(tmp_path / "p.csv")
    assert dict(zip(projects["project"], projects["budget"], strict=True)) == {
        "困难群众救助": "20",
        "教师培训": "8",
        "河道保洁": "12",
    }
    assert list(_rows(tmp_path / "rows.csv")["codes"][:2]) == ["L004", "L004"]


def test_a_total_line_of_an_export_is_left_out_as_in_a_document(tmp_path):
    """A total under an export's rows (合计人数 | 1200, no project named) was scored as an indicator the bulk way,
    where the document readers leave it out; a row of a project whose name says more stays an indicator."""
    export = tmp_path / "export.csv"
    export.write_text(
        "单位名称,项目名称,预算数（万元）,一级指标,二级指标,三级指标,指标值\n"
        "某县民政局,困难群众走访慰问,30,产出指标,数量指标,走访慰问人数,≥1200人\n"
        ",,,,,合计发放补助人数,1200\n"
        ",,,,,合计人数,1200\n",
        encoding="utf-8",
    )
    report = score_tables([export], tmp_path / "rows.csv", None, jobs=1)
    assert list(_rows(tmp_path / "rows.csv")["level3"]) == ["走访慰问人数", "合计发放补助人数"]
    assert "表尾的合计、说明或签名行 1 行（第 4 行）" in report.warnings[0], report.warnings
