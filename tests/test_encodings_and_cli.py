"""Text in any common encoding reads the same; unreadable files are named, others still processed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer.cli import EXIT_NOTHING_READ, EXIT_OK, EXIT_SOME_UNREADABLE, cli
from scorer.ingest import read_document

SEED = Path(__file__).resolve().parents[1] / "samples" / "003_e894add5ed61165e.txt"


def _rows(path: Path) -> list[tuple[str, str, str]]:
    return [(p.name, i.level3, i.value) for p in read_document(path).projects for i in p.indicators]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_read_the_same(encoding, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / f"seed_{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="strict") if encoding != "gbk" else text.encode("gbk", "replace"))
    expected = _rows(SEED)
    got = _rows(path)
    if encoding == "gbk":  # GBK lacks a few characters GB18030 has; the rows themselves survive
        assert len(got) == len(expected)
    else:
        assert got == expected


def _write_rows(runner_result_path: Path) -> list[dict[str, str]]:
    with runner_result_path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_parse_exit_ok_and_counts_on_stderr(tmp_path):
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, ["parse", str(SEED), "-o", str(out)])
    assert result.exit_code == EXIT_OK
    assert "7 个项目，31 条指标" in result.stderr
    rows = _write_rows(out)
    assert len(rows) == 31
    assert rows[0]["source"].endswith("003_e894add5ed61165e.txt")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM so Excel opens it


def test_unreadable_file_is_named_and_others_still_written(tmp_path):
    binary = tmp_path / "broken.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    bad_docx = tmp_path / "broken.docx"
    bad_docx.write_bytes(b"this is not a zip")
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, ["parse", str(SEED), str(binary), str(bad_docx), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_UNREADABLE
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 2
    assert str(binary) in errors[0] and "二进制内容" in errors[0]
    assert str(bad_docx) in errors[1] and "不是有效的 .docx 文件" in errors[1]
    assert len(_write_rows(out)) == 31


def test_nothing_readable_exits_with_its_own_status(tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["parse", str(missing), "-o", str(tmp_path / "rows.csv")])
    assert result.exit_code == EXIT_NOTHING_READ
    assert "找不到输入文件" in result.stderr


def test_usage_error_exit_status():
    result = CliRunner().invoke(cli, ["parse"])
    assert result.exit_code == EXIT_NOTHING_READ
