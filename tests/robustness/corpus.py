"""The corpus of bad inputs, made from the seeds at test time (seeded, so the same every run)."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _seed(name: str = "000_e76689bf9da19685.txt") -> bytes:
    return (SAMPLES / name).read_bytes()


def make_corpus(folder: Path, big: bool = False) -> dict[str, Path]:
    """Writes every bad input into `folder`; returns name -> path. `big` adds the 50 MB single cell."""
    rng = random.Random(20261121)
    files: dict[str, bytes] = {}
    seed = _seed()
    files["truncated_half.txt"] = seed[: len(seed) // 2]
    files["truncated_mid_char.txt"] = seed[:1001]  # cuts a UTF-8 character in two
    flipped = bytearray(seed)
    for _ in range(200):
        flipped[rng.randrange(len(flipped))] ^= 0xFF
    files["bytes_flipped.txt"] = bytes(flipped)
    lines = seed.decode("utf-8").split("\n")
    rng.shuffle(lines)
    files["lines_shuffled.txt"] = "\n".join(lines).encode("utf-8")
    files["empty.txt"] = b""
    files["only_blank_lines.txt"] = b"\n\n\t\n   \n"
    files["binary.txt"] = bytes(rng.randrange(256) for _ in range(5000))
    files["nested_html.html"] = ("<table><tr><td>" * 3000 + "满意度 ≥95%" + "</td></tr></table>" * 3000).encode()
    files["unclosed_html.html"] = b"<table><tr><td>\xe4\xb8\x80\xe7\xba\xa7\xe6\x8c\x87\xe6\xa0\x87<td><tr><table><td>"
    files["not_a_zip.docx"] = b"PK\x03\x04 this is not really a zip"
    files["not_a_zip.xlsx"] = seed[:300]
    files["broken.pdf"] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer <<>>\n%%EOF"
    files["csv_ragged.csv"] = "项目名称,三级指标,指标值\n会议费,会议次数\n会议费,参会率,≥95%,多余,列\n,,\n".encode()
    files["csv_missing_columns.csv"] = "甲,乙,丙\n1,2,3\n".encode()
    files["odd_values.txt"] = "\n".join(
        [
            "1.奇怪的值项目绩效目标表",
            "",
            "\t项目名称",
            "\t奇怪的值项目",
            "",
            "\t一级指标",
            "\t二级指标",
            "\t三级指标",
            "\t指标值",
            "",
            "\t产出指标",
            "\t数量指标",
            "\t次数",
            "\t≥1e309次",
            "",
            "\t",
            "\t质量指标",
            "\t合格率",
            "\t≥-5%",
            "",
            "\t",
            "\t成本指标",
            "\t成本",
            "\t≤99999999999999999999999万元",
            "",
            "\t",
            "\t时效指标",
            "\t及时率",
            "\t≥≥≤≤%%",
            "",
            "\t",
            "\t时效指标",
            "\t完成时间",
            "\t13月32日前",
        ]
    ).encode("utf-8")
    zip_bomb = io.BytesIO()
    with zipfile.ZipFile(zip_bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    files["zip_bomb.docx"] = zip_bomb.getvalue()
    office = _office_files(folder)
    for name in ("seed.docx", "seed.xlsx"):
        data = bytearray(office[name])
        for _ in range(40):  # damage inside the compressed members, keeping the zip directory
            data[rng.randrange(200, max(201, len(data) - 2000))] ^= 0xFF
        files[f"flipped_{name}"] = bytes(data)
        files[f"truncated_{name}"] = office[name][: len(office[name]) * 2 // 3]
    files["xxe.docx"] = _xxe_docx()
    if big:
        text = seed.decode("utf-8")
        files["big_cell_50mb.txt"] = (text[:20000] + "\t" + "很长的单元格TC " * 3_500_000 + "\n" + text[20000:]).encode()
    out = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = path
    return out


def _office_files(folder: Path) -> dict[str, bytes]:
    import sys

    sys.path.insert(0, str(SAMPLES.parent / "tests" / "fixtures"))
    import make_fixtures

    projects = make_fixtures.seed_projects(2)
    out = {}
    for name, writer in (("seed.docx", make_fixtures.write_docx), ("seed.xlsx", make_fixtures.write_xlsx)):
        path = folder / f"_source_{name}"
        writer(projects, path)
        out[name] = path.read_bytes()
        path.unlink()
    return out


def _xxe_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("1.测试项目绩效目标表")
    table = document.add_table(rows=2, cols=4)
    for column, text in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        table.cell(0, column).text = text
    for column, text in enumerate(["产出指标", "数量指标", "ENTITYHERE", "≥1次"]):
        table.cell(1, column).text = text
    source = io.BytesIO()
    document.save(source)
    result = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, body = text.split("?>", 1)
                text = head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>' + body
                data = text.replace("ENTITYHERE", "&xxe;").encode("utf-8")
            copy.writestr(item, data)
    return result.getvalue()
