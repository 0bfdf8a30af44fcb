"""Write the hostile files of tests/robustness/corpus/data (run it to regenerate them).

Most hostile files are bytes that no editor writes willingly (a row in another encoding, a
damaged zip, a number of 5,000 digits), so they are made here, once, and committed; the tests
read the committed files and never run this script. Run it from the project root:

    .venv/bin/python tests/robustness/corpus/make_corpus.py

Every file is named after its kind (``loader.kind_of``) so ``littlegiants validate FILE``
reads it; ``expected.json`` beside this script gives each file's problems.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

DATA = Path(__file__).resolve().parent / "data"
TRADE = "name,period,flow,value,currency\n"
FIRMS = ("示例科技有限公司", "样例电子有限公司", "测试材料有限公司", "合成企业000001")
LONG_NAME = "长" * 10_001  # one character over the cell limit


def write(name: str, data: bytes | str) -> None:
    path = DATA / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(data: bytes, change: callable) -> bytes:  # type: ignore[valid-type]
    """The workbook with its sheet's XML changed (its other parts as they are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = change(part)
            target.writestr(item, part)
    return out.getvalue()


def unclosed_quotes() -> None:
    rows = [
        f"{firm},2022-0{1 + n // 2},{'import' if n % 2 == 0 else 'export'},{n + 1}00,CNY"
        for n, firm in enumerate(FIRMS)
    ]
    write("trade-unclosed-quote.csv", TRADE + "\n".join([rows[0], '"' + rows[1], *rows[2:]]) + "\n")
    last = '"合成企业000002",2022-03,export,500,CNY'
    write(
        "trade-stray-quote.csv",
        TRADE + "\n".join([rows[0], '"' + rows[1], rows[2], last, rows[3]]) + "\n",
    )


def dimensions() -> None:
    rows: list[list[object]] = [["name", "region"]]
    rows += [[f"{firm}{n}", "440305"] for n in range(2) for firm in FIRMS[:3]]
    base = workbook(rows)
    dimension = re.compile(rb'<dimension ref="[^"]*" ?/>')
    write(
        "enterprises-stale-dimension.xlsx",
        with_sheet(base, lambda x: dimension.sub(b'<dimension ref="A1:A3"/>', x)),
    )
    write("enterprises-no-dimension.xlsx", with_sheet(base, lambda x: dimension.sub(b"", x)))
    write(
        "enterprises-repeated-row.xlsx",
        with_sheet(
            base,
            lambda x: (
                x.replace(b'<row r="4">', b'<row r="3">')
                .replace(b'r="A4"', b'r="A3"')
                .replace(b'r="B4"', b'r="B3"')
            ),
        ),
    )


def carried_currency() -> None:
    rows = [
        [FIRMS[0], "2022-01", "import", "US$5", None],
        [FIRMS[0], "2022-01", "export", "7", None],
    ]
    header = TRADE.strip().split(",")
    write(
        "trade-currency-carried.csv",
        TRADE + "".join(",".join(cell or "" for cell in row) + "\n" for row in rows),
    )
    records = [{k: v for k, v in zip(header, row, strict=True) if v} for row in rows]
    write(
        "trade-currency-carried.jsonl",
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
    )
    write(
        "trade-currency-carried.json",
        "[\n" + ",\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n]\n",
    )
    write(
        "trade-currency-carried.toml",
        "\n".join(
            "[[trade]]\n" + "".join(f'{k} = "{v}"\n' for k, v in record.items())
            for record in records
        ),
    )
    write("trade-currency-carried.xlsx", workbook([header, *rows]))


def encodings() -> None:
    utf8 = "name,industry\n示例科技有限公司,制造\n".encode()
    write(
        "enterprises-utf8-with-gb18030-row.csv",
        utf8 + "样例电子有限公司,电子\n".encode("gb18030") + "测试材料有限公司,材料\n".encode(),
    )
    gb = "企业名称,所属行业\n示例科技有限公司,制造\n".encode("gb18030")
    write(
        "enterprises-gb18030-with-utf8-row.csv",
        gb + "样例电子有限公司,电子\n".encode() + "测试材料有限公司,材料\n".encode("gb18030"),
    )
    write(
        "enterprises-bom-with-latin1-row.csv",
        "\ufeffname,industry\nSociété Générale,banque\n".encode()
        + "Société Générale Chine,banque\n".encode("latin-1")
        + "示例科技有限公司,制造\n".encode(),
    )
    line = (
        '{"name": "%s", "period": "2022-01", "flow": "import", "value": "5", "currency": "CNY"}\n'
    )
    write(
        "trade-mixed-encoding.jsonl",
        (line % FIRMS[0]).encode()
        + (line % FIRMS[1]).encode("gb18030")
        + (line % FIRMS[2]).encode(),
    )
    write(
        "trade-mixed-encoding.json",
        b"[\n"
        + (line % FIRMS[0]).encode()[:-1]
        + b",\n"
        + (line % FIRMS[1]).encode("gb18030")[:-1]
        + b"\n]\n",
    )
    write(
        "rates-mixed-encoding.toml",
        '[[rate]]\nbase = "USD"\nquote = "CNY"\nrate = "7.2"\n'
        'on = 2022-11-07\nsource = "中国人民银行"\n'.encode()
        + '\n[[rate]]\nbase = "USD"\nquote = "CNY"\nrate = "7.1"\non = 2022-11-08\n'
        'source = "中国人民银行"\n'.encode("gb18030"),
    )


def numbers() -> None:
    digits = "9" * 5000
    write(
        "rates-huge-numbers.csv",
        "base,quote,rate,on\n"
        "USD,CNY,1E+999999999,2022-11-01\nUSD,CNY,1E-999999999,2022-11-02\n"
        f"USD,CNY,{digits},2022-11-03\nUSD,CNY,0.{'0' * 70}1,2022-11-04\n"
        "USD,CNY,7.2,2022-11-05\n",
    )
    record = '{{"name": "{}", "period": "2022-01", "flow": "{}", "value": {}, {}"currency": "CNY"}}'
    records = [
        record.format(FIRMS[0], "import", "1e999999999", ""),
        record.format(FIRMS[0], "export", digits, ""),
        record.format(FIRMS[1], "import", "5", '"previous": 1e-999999999, '),
        record.format(FIRMS[1], "export", "5", ""),
    ]
    write("trade-huge-numbers.jsonl", "\n".join(records) + "\n")
    write("trade-huge-numbers.json", "[\n" + ",\n".join(records) + "\n]\n")
    count = '[[count]]\nlevel = "national"\non = 2022-11-23\nkind = "held"\ncount = {}\n'
    write(
        "counts-huge-numbers.toml",
        "\n".join(
            count.format(value).replace("2022-11-23", day)
            for value, day in (
                ("1" + "0" * 40, "2022-11-23"),
                ("1e999999999", "2022-11-24"),
                ("443", "2022-11-25"),
            )
        ),
    )
    write("counts-huge-integer.toml", count.format(digits))
    write(
        "rates-huge-numbers.xlsx",
        workbook(
            [
                ["base", "quote", "rate", "on"],
                ["USD", "CNY", 1e300, "2022-11-01"],
                ["USD", "CNY", 10**40, "2022-11-02"],
                ["USD", "CNY", "7.2", "2022-11-03"],
            ]
        ),
    )


def long_cells() -> None:
    good = FIRMS[0]
    write("enterprises-long-cell.csv", f"name,industry\n{LONG_NAME},x\n{good},y\n")
    records = [{"name": LONG_NAME, "industry": "x"}, {"name": good, "industry": "y"}]
    write(
        "enterprises-long-cell.jsonl",
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
    )
    write("enterprises-long-cell.json", json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    write(
        "enterprises-long-cell.toml",
        "\n".join(
            f'[[enterprise]]\nname = "{r["name"]}"\nindustry = "{r["industry"]}"\n' for r in records
        ),
    )
    write(
        "enterprises-long-cell.xlsx",
        workbook([["name", "industry"], [LONG_NAME, "x"], [good, "y"]]),
    )


def damaged_workbooks() -> None:
    base = workbook([["name", "region"], *([firm, "440305"] for firm in FIRMS)])
    write("enterprises-not-a-zip.xlsx", "name,region\n示例科技有限公司,440305\n")
    write("enterprises-empty.xlsx", b"")
    write("enterprises-truncated.xlsx", base[: len(base) // 2])
    write(
        "enterprises-bad-xml.xlsx",
        with_sheet(base, lambda x: x.replace(b"</sheetData>", b"<row><c>")),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != "xl/workbook.xml":
                target.writestr(item, source.read(item))
    write("enterprises-missing-part.xlsx", out.getvalue())
    write("enterprises-bad-deflate.xlsx", bad_deflate(base))
    write("enterprises-zip-bomb.xlsx", declared_size(base, "xl/styles.xml", 300 << 20))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "industry", "english_name"])
    sheet.append(["示例科技有限公司", True, None])
    sheet.append(["样例电子有限公司", "=SUM(1,2)", None])
    sheet.append(["测试材料有限公司", None, None])
    sheet["B4"] = ArrayFormula("B4", "=SUM(1,2)")
    sheet.append(["合成企业000001", "#DIV/0!", None])
    sheet["B5"].data_type = "e"
    sheet.append(["合成企业000002", None, __import__("datetime").time(10, 30)])
    sheet.append([12.5, None, None])
    out = io.BytesIO()
    book.save(out)
    write("enterprises-odd-cells.xlsx", out.getvalue())


def bad_deflate(data: bytes) -> bytes:
    """The workbook with bytes of its sheet's compressed stream turned over."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        item = archive.getinfo("xl/worksheets/sheet1.xml")
    start = item.header_offset + 30 + len(item.filename.encode()) + len(item.extra)
    damaged = bytearray(data)
    for offset in range(5, 15):
        damaged[start + offset] ^= 0xFF
    return bytes(damaged)


def declared_size(data: bytes, name: str, size: int) -> bytes:
    """The workbook with the uncompressed size its central directory gives ``name`` changed."""
    raw = name.encode()
    at = data.index(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4 :][:0])
    while True:
        at = data.index(b"PK\x01\x02", at)
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == raw:
            return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]
        at += 4


def nesting() -> None:
    deep = "[" * 3_000 + "]" * 3_000
    write("trade-deep-nesting.json", f'[{{"name": {deep}}}]\n')
    write("trade-deep-nesting.jsonl", f'{{"name": {deep}}}\n{{"name": "x"}}\n')
    write("trade-deep-nesting.toml", f"[[trade]]\nname = {deep}\n")


def main() -> None:
    DATA.mkdir(exist_ok=True)
    unclosed_quotes()
    dimensions()
    carried_currency()
    encodings()
    numbers()
    long_cells()
    damaged_workbooks()
    nesting()


if __name__ == "__main__":
    main()
