"""Text in any common encoding reads the same; unreadable files are named, others still processed."""

from __future__ import annotations

import csv
import os
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


def test_gb18030_mostly_of_ascii_reads_as_gb18030_not_as_damaged_utf8(tmp_path):
    """A GB18030 file whose Chinese is a small share of it (a long appendix of codes and figures) failed
    UTF-8 at so few bytes that it was read as damaged UTF-8: no Chinese heading left, no indicator read."""
    text = SEED.read_text(encoding="utf-8")
    chinese = sum(1 for character in text if not character.isascii())
    appendix = "".join(f"{number:06d}  2024  {number * 1.5:10.2f}  ok\n" for number in range(chinese * 3))
    path = tmp_path / "seed_gb18030_appendix.txt"
    path.write_bytes(f"{text}\n{appendix}".encode("gb18030"))
    assert _rows(path) == _rows(SEED)


def test_utf8_with_a_damaged_byte_is_still_read_as_utf8(tmp_path):
    data = SEED.read_bytes()
    middle = data.index(b"\n", len(data) // 2) + 1
    path = tmp_path / "seed_damaged.txt"
    path.write_bytes(data[:middle] + b"\xff" + data[middle:])
    assert _rows(path) == _rows(SEED)


def test_utf8_with_stray_latin1_bytes_that_gb18030_cannot_read_either_stays_utf8(tmp_path):
    """Mostly ASCII with a few Latin-1 degree signs (0xB0 before a space): as many faults in GB18030 as in
    UTF-8, so it is damaged UTF-8, not GB18030 mojibake (璇存槑 for 说明)."""
    text = SEED.read_text(encoding="utf-8")
    appendix = "".join(f"{number:06d}  12.5 C\n" for number in range(60_000))
    data = f"{text}\n{appendix}".encode().replace(b"12.5 C", b"12.5\xb0 C", 4_000)  # more than its Chinese
    path = tmp_path / "seed_latin1_degrees.txt"
    path.write_bytes(data)
    assert _rows(path) == _rows(SEED)


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
    bad_docx.write_bytes(b"\x00\x01not a zip\x00" * 50)  # neither an archive nor text (text is read as text)
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, ["parse", str(SEED), str(binary), str(bad_docx), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_UNREADABLE
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 2
    assert str(binary) in errors[0] and "二进制内容" in errors[0]
    assert str(bad_docx) in errors[1] and "无法作为 .docx 读取" in errors[1]
    assert len(_write_rows(out)) == 31


def test_nothing_readable_exits_with_its_own_status(tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["parse", str(missing), "-o", str(tmp_path / "rows.csv")])
    assert result.exit_code == EXIT_NOTHING_READ
    assert "找不到输入文件" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_document_piped_in_is_read(tmp_path):
    """`zhibiao parse <(…)` or /dev/stdin: the input is a named pipe with a writer, read once like a file.
    (A review found that an attempt to refuse named pipes, which wait when no one writes, refused these.)"""
    import threading

    pipe = tmp_path / "piped.txt"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes(SEED.read_bytes()))
    writer.start()
    result = CliRunner().invoke(cli, ["parse", str(pipe), "-o", str(tmp_path / "rows.csv"), "-q"])
    writer.join(timeout=10)
    assert result.exit_code == EXIT_OK, result.output
    assert len(_write_rows(tmp_path / "rows.csv")) == 31


def test_usage_error_exit_status():
    result = CliRunner().invoke(cli, ["parse"])
    assert result.exit_code == EXIT_NOTHING_READ


@pytest.mark.parametrize("command", ["score", "parse"])
def test_a_place_that_cannot_be_written_is_one_line_naming_the_output_and_earlier_outputs_stay(command, tmp_path, monkeypatch):
    """Found by a newcomer trial, as root (whom the checks before the run let through): -o /proc/x.csv or
    /sys/x.csv ended in a FileNotFoundError or PermissionError traceback from tempfile.mkstemp."""
    import errno
    import tempfile

    out = tmp_path / "rows.csv"
    out.write_text("earlier output\n", encoding="utf-8")

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".rows.csv.abc123.csv"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = CliRunner().invoke(cli, [command, str(SEED), "-o", str(out), "-q"])
    assert result.exit_code == EXIT_NOTHING_READ, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)
    assert f"错误：{out}：无法读写（没有权限）" in result.stderr, result.stderr
    assert out.read_text(encoding="utf-8") == "earlier output\n"


def test_the_dask_engine_without_its_extra_is_one_line_saying_how_to_install_it(tmp_path, monkeypatch):
    """Found by a newcomer trial: `score --engine dask` without `.[dask]` ended in ModuleNotFoundError."""
    import sys

    table = tmp_path / "rows.csv"
    read = CliRunner().invoke(cli, ["parse", str(SEED), "-o", str(table), "-q"])
    assert read.exit_code == EXIT_OK, read.output
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    result = CliRunner().invoke(cli, ["score", str(table), "--engine", "dask", "-o", str(tmp_path / "out.csv"), "-q"])
    assert result.exit_code == EXIT_NOTHING_READ and not isinstance(result.exception, ImportError), result.output
    assert 'pip install ".[dask]"' in result.stderr
    # duplicates said so only after reading (and parsing) every input; now before any is read
    import scorer.cli

    def no_reading(*args, **kwargs):
        raise AssertionError("the inputs were read before the missing extra was said")

    monkeypatch.setattr(scorer.cli, "_read_or_stop", no_reading)
    result = CliRunner().invoke(cli, ["duplicates", str(SEED), "--engine", "dask", "-o", str(tmp_path / "dup.csv")])
    assert result.exit_code == EXIT_NOTHING_READ and 'pip install ".[dask]"' in result.stderr, result.output


def test_what_a_reviewer_reads_in_the_terminal_is_in_chinese(tmp_path):
    """Found by a newcomer trial: bare `zhibiao` said 错误：用法：… (exit 2); the --statistics table named
    rules, categories and severities in English; duplicates said (carry-over 29, copy 46); the config
    command's help was English."""
    bare = CliRunner().invoke(cli, [])
    assert bare.exit_code == 0 and bare.output.startswith("用法："), bare.output  # not 错误：用法：…
    for lang, usage in (("zh", "用法："), ("en", "Usage:")):  # they said `错误：Missing command.`, exit 2
        chosen = CliRunner().invoke(cli, ["--lang", lang])
        assert chosen.exit_code == 0 and chosen.output.startswith(usage), chosen.output
    samples = SEED.parent
    stats = CliRunner().invoke(cli, ["score", str(samples), "-o", str(tmp_path / "rows.csv"), "--statistics"])
    table = stats.output[stats.output.index("按规则统计") :]
    assert "模板套话" in table and "较弱" in table and "boilerplate" not in table and "warning" not in table
    duplicates = CliRunner().invoke(cli, ["duplicates", str(samples), "-o", str(tmp_path / "dup.csv")])
    assert "沿用上年" in duplicates.output and "carry-over" not in duplicates.output, duplicates.output
    assert "显示当前生效的设置" in CliRunner().invoke(cli, ["--help"]).output


def test_a_select_and_ignore_that_leave_no_rule_are_refused(tmp_path):
    """--select 含糊 --ignore 含糊 ran, flagging nothing, without a word (a newcomer trial)."""
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, ["score", str(SEED), "--select", "含糊", "--ignore", "vague", "-o", str(out)])
    assert result.exit_code == EXIT_NOTHING_READ and "没有剩下任何规则" in result.stderr and not out.exists()
    assert CliRunner().invoke(cli, ["score", str(SEED), "--select", "含糊", "--ignore", "V001", "-o", str(out)]).exit_code == 0


def test_a_full_disk_is_one_line_even_when_the_error_names_no_file(tmp_path, monkeypatch):
    """Found in review: a write to a full disk said 错误：：无法读写（磁盘空间不足）… (no file is named by the OS)."""
    import errno

    from scorer.atomic import OutputBatch

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(OutputBatch, "commit", full)
    result = CliRunner().invoke(cli, ["score", str(SEED), "-o", str(tmp_path / "rows.csv"), "-q"])
    assert result.exit_code == EXIT_NOTHING_READ and not isinstance(result.exception, OSError), result.output
    assert "错误：读写文件时出错（磁盘空间不足）" in result.stderr, result.stderr


def test_selecting_only_the_model_with_the_model_off_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["score", str(SEED), "--select", "M001", "--no-model", "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == EXIT_NOTHING_READ and "--select 与 --no-model 之后没有剩下任何规则" in result.stderr
    assert "--ignore" not in result.stderr  # not given: it was named all the same (review)


def test_codes_typed_with_a_chinese_comma_are_codes(tmp_path):
    """Found in a newcomer's trial: --select "V001，U001", as a Chinese input method types it, was refused
    (没有规则或类别 V001，U001), exit 2. The codes are read as V001,U001 are; the top-level help names every exit
    status (3 and 130/143 of a bulk run were said only in the README) and --xlsx's five sheets."""
    rows = {}
    for separator in (",", "，", "、"):
        out = tmp_path / f"rows{len(rows)}.csv"
        result = CliRunner().invoke(cli, ["score", str(SEED), "--select", f"V001{separator}U001", "-o", str(out), "-q"])
        assert result.exit_code == EXIT_OK, result.output
        rows[separator] = out.read_text(encoding="utf-8-sig")
    assert rows["，"] == rows[","] == rows["、"] and "V001" in rows[","]
    assert "3 逐条指标表评分时一个评分进程异常退出" in CliRunner().invoke(cli, ["--help"]).output
    assert "5 个工作表" in CliRunner().invoke(cli, ["score", "--help"]).output


def test_values_read_under_no_name_are_said_and_the_run_is_not_clean(tmp_path):
    """A table whose name column has a heading no vocabulary knows (绩效内容) reads its values with no names: the reviewer
    is told which file and why, and the exit status says the read was not exact (it said only 2 条指标)."""
    table = tmp_path / "export.csv"
    table.write_text(
        "项目名称,预算数（万元）,指标种类,指标小类,绩效内容,指标值\n甲项目,10,产出指标,数量指标,培训人数,≥50人\n"
        "甲项目,10,产出指标,质量指标,培训合格率,≥90%\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["score", str(table), "-o", str(tmp_path / "rows.csv")])
    assert result.exit_code == EXIT_SOME_UNREADABLE
    assert "export.csv" in result.output and "都没有指标名称" in result.output
