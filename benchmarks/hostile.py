"""Time and memory to refuse hostile workbooks, measured on whole processes.

    python benchmarks/hostile.py

Builds, in a temporary folder, a workbook whose one sheet inflates to 1 GB and a
"billion laughs" workbook, then runs `ita-check check` on each in a fresh process and
reports wall time and peak memory next to the targets (under 2 s, under 200 MB).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.samples import build_example  # noqa: E402

GIB = 1 << 30


def inflating_workbook(source: Path, target: Path, size: int = GIB) -> Path:
    """The report sheet padded, inside an XML comment, to `size` bytes uncompressed."""
    block = b"0" * (1 << 20)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename != "xl/worksheets/sheet4.xml":
                new.writestr(item, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED  # a bare ZipInfo would store it unpacked
            with new.open(info, "w", force_zip64=True) as stream:
                stream.write(head + b"<!-- ")
                for _ in range(size // len(block)):
                    stream.write(block)
                stream.write(b" --><sheetData>" + tail)
    return target


def laughs_workbook(source: Path, target: Path) -> Path:
    entities = b"".join(b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10 if i else b"lol") for i in range(10))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE w [' + entities + b']><worksheet xmlns="http://schemas.openxml'
            b'formats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;'
            b'</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, bomb if item.filename == "xl/worksheets/sheet4.xml" else old.read(item))
    return target


def measure(command: list[str]) -> tuple[float, float, str]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    output = process.stdout.read().decode("utf-8", "replace")
    return wall, usage.ru_maxrss / 1024, output


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ita-hostile-"))
    try:
        good = build_example({"report": [{}]}, folder)
        cases = {
            "sheet inflating to 1 GB": inflating_workbook(good, folder / "inflate.xlsx"),
            "billion laughs": laughs_workbook(good, folder / "laughs.xlsx"),
        }
        checker = shutil.which("ita-check") or sys.executable
        prefix = [checker] if checker.endswith("ita-check") else [sys.executable, "-m", "checker"]
        print(f"{'case':28} {'file':>9} {'wall':>7} {'peak RSS':>9}  refused  targets: < 2 s, < 200 MB")
        for name, path in cases.items():
            runs = [measure(prefix + ["check", str(path), "--format", "json", "--lang", "en"]) for _ in range(3)]
            reason = runs[0][2].split('"message": ')[1].split("\n")[0][:70] if '"message"' in runs[0][2] else "-"
            wall = sorted(r[0] for r in runs)[1]
            rss = sorted(r[1] for r in runs)[1]
            refused = '"status": "unreadable"' in runs[0][2]
            verdict = "PASS" if refused and wall < 2 and rss < 200 else "FAIL"
            print(f"{name:28} {path.stat().st_size / 1024:7.0f}kB {wall:6.2f}s {rss:7.0f}MB  {str(refused):7}  {verdict}")
            print(f"{'':28} {reason}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
