"""A seeded synthetic corpus of indicator rows (the rows-CSV contract), for benchmarks and scale tests.

Built from the bundled sample documents so that names, values and groups are real ones: each
generated document is a unit (区县 × 部门) and year; each project takes the rows of one sample
project under a new name; figures are redrawn, some names get a topic prefix (so names do not all
repeat), and copies are planted: rows moved into another project of the document, and whole tables
taken from another document. It is not a substitute for real documents: it measures speed and
memory, and gives the Dask and local paths the same large input. It reads `samples/`, which is not in
the installed package, so it lives here, beside the benchmarks, not in `scorer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ["source", "project", "level1", "level2", "level3", "description", "value", "basis", "budget"]
DISTRICTS = [
    "城关区",
    "新华区",
    "开发区",
    "东湖县",
    "西山县",
    "南江县",
    "北塘区",
    "高新区",
    "临河县",
    "青山区",
    "平安县",
    "长宁区",
    "永和县",
    "金川区",
    "白云县",
    "红旗区",
    "安定县",
    "清水县",
    "太平区",
    "和平县",
]
DEPARTMENTS = [
    "人大常委会办公室",
    "教育局",
    "卫生健康局",
    "农业农村局",
    "人民法院",
    "文化和旅游局",
    "林业局",
    "民政局",
    "财政局",
    "交通运输局",
    "住房和城乡建设局",
    "市场监督管理局",
    "司法局",
    "水利局",
    "统计局",
]
TOPICS = [
    "代表",
    "立法",
    "监督",
    "培训",
    "会议",
    "调研",
    "信息化",
    "宣传",
    "档案",
    "后勤",
    "课题",
    "执法检查",
    "防汛",
    "森林防火",
    "农技推广",
    "义务教育",
    "公共卫生",
    "文物保护",
    "社区",
    "乡村振兴",
]
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


@cache
def _sample_projects() -> tuple[tuple[str, float | None, tuple[tuple[str, ...], ...]], ...]:
    """(name, budget, rows) of every project of the bundled samples."""
    from scorer.ingest import read_paths

    out = []
    for document in read_paths([_samples_folder()]).documents:
        for project in document.projects:
            rows = tuple((i.level1, i.level2, i.level3, i.description, i.value, i.basis) for i in project.indicators)
            if rows:
                out.append((project.name.removeprefix("部门整体-"), project.budget, rows))
    return tuple(out)


def sample_texts() -> list[str]:
    """Every non-empty text of the bundled samples: project names, purposes, goals and indicator cells."""
    from scorer.ingest import read_paths

    texts = []
    for document in read_paths([_samples_folder()]).documents:
        for project in document.projects:
            texts += [project.name, project.purpose, project.goal, *project.goals]
            for indicator in project.indicators:
                texts += [indicator.level3, indicator.description, indicator.value, indicator.basis]
    return [t for t in texts if t]


def _samples_folder() -> Path:
    samples = Path(__file__).resolve().parents[1] / "samples"
    if not samples.is_dir():
        raise FileNotFoundError(f"{samples}: the bundled samples are needed")
    return samples


def _redraw(value: str, rng: np.random.Generator) -> str:
    """Half the values get new figures, rounded to two significant digits as targets are (95%, 120人次)."""

    def figure(match: re.Match[str]) -> str:
        number = float(match.group())
        drawn = float(f"{number * rng.uniform(0.5, 1.5):.2g}") if number else number
        return f"{drawn:.0f}" if "." not in match.group() else f"{drawn:g}"

    return _FIGURE.sub(figure, value) if rng.random() < 0.5 else value


def generate_documents(rows: int, seed: int = 0) -> Iterator[pd.DataFrame]:
    """Documents of about 100 rows each until `rows` rows are made, one DataFrame per document."""
    rng = np.random.default_rng(seed)
    projects = _sample_projects()
    made, number = 0, 0
    previous: list[tuple] | None = None
    while made < rows:
        unit = DISTRICTS[number % len(DISTRICTS)] + DEPARTMENTS[(number // len(DISTRICTS)) % len(DEPARTMENTS)]
        year = 2021 + (number // (len(DISTRICTS) * len(DEPARTMENTS))) % 5
        source = f"{number:06d}_{unit}_{year}.docx"
        records: list[tuple] = []
        for p_index in range(int(rng.integers(5, 15))):
            name, budget, template = projects[int(rng.integers(len(projects)))]
            project = f"{TOPICS[int(rng.integers(len(TOPICS)))]}{name}" if rng.random() < 0.5 else name
            project = f"{project}（{p_index + 1}）"
            drawn_budget = round(float(budget) * rng.uniform(0.5, 2.0), 2) if budget else ""
            for level1, level2, level3, description, value, basis in template:
                if rng.random() < 0.3:
                    level3 = TOPICS[int(rng.integers(len(TOPICS)))] + level3
                records.append((source, project, level1, level2, level3, description, _redraw(value, rng), basis, drawn_budget))
        if previous and rng.random() < 0.05:  # a table taken whole from the previous document
            taken = [r for r in previous if r[1] == previous[0][1]]
            records.extend((source, f"{r[1]}（照搬）", *r[2:]) for r in taken)
        if len(records) > 20 and rng.random() < 0.2:  # a row moved into another project of the document
            moved = records[int(rng.integers(len(records)))]
            records.append((source, records[0][1], *moved[2:]))
        records = records[: rows - made]
        made += len(records)
        number += 1
        previous = records
        yield pd.DataFrame.from_records(records, columns=COLUMNS)


def generate(rows: int, seed: int = 0) -> pd.DataFrame:
    """The whole corpus as one DataFrame (for up to a few million rows)."""
    return pd.concat(list(generate_documents(rows, seed)), ignore_index=True)


# The shapes users export, beside the corpus's own (a source column, documents of about 100 rows):
SHAPES = ("corpus", "export-zh", "one-document")
EXPORT_HEADINGS = {
    "project": "项目名称",
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "description": "指标解释",
    "value": "指标值",
    "basis": "指标值确定依据",
    "budget": "预算数（万元）",
}


def shaped(frame: pd.DataFrame, shape: str, name: str) -> pd.DataFrame:
    """A batch of the corpus in one of SHAPES: `export-zh`, a budget system's export (Chinese headings, no
    document column: the whole file is one document); `one-document`, the rows contract with every row in
    one document named `name`."""
    if shape == "corpus":
        return frame
    # project names repeat across the corpus's documents: in one document they take their unit and year
    # (000012_新华区教育局_2021.docx -> 新华区教育局2021), as an export's projects have distinct names
    units = frame["source"].str.removesuffix(".docx").str.split("_").str[1:3].str.join("")
    frame = frame.assign(project=units + frame["project"])
    if shape == "export-zh":
        return frame.drop(columns="source").rename(columns=EXPORT_HEADINGS)
    return frame.assign(source=name)


def write_corpus(path: str | Path, rows: int, seed: int = 0, batch_rows: int = 50_000, shape: str = "corpus") -> int:
    """Writes a corpus of `rows` rows to CSV (UTF-8) or Parquet, by suffix, in flat memory, in one of SHAPES;
    returns rows."""
    if shape not in SHAPES:
        raise ValueError(f"shape {shape!r}: one of {', '.join(SHAPES)}")
    path = Path(path)
    batches: list[pd.DataFrame] = []
    pending = 0
    writer = None
    written = 0
    parquet = path.suffix.lower() == ".parquet"

    def flush() -> None:
        nonlocal writer, written
        frame = shaped(pd.concat(batches, ignore_index=True).astype(str), shape, path.stem)
        if parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
        else:
            frame.to_csv(path, mode="w" if written == 0 else "a", header=written == 0, index=False)
        written += len(frame)
        batches.clear()

    for document in generate_documents(rows, seed):
        batches.append(document)
        pending += len(document)
        if pending >= batch_rows:
            flush()
            pending = 0
    if batches:
        flush()
    if writer is not None:
        writer.close()
    return written
