"""Hostile input to every loader entry point: only our errors escape, located, and nothing is lost.

- The corpus (``corpus/data``, made by ``corpus/make_corpus.py``): a hostile file for each way a
  file can go wrong, in every format where it applies, with its exact problems in
  ``corpus/expected.json`` (also what ``littlegiants validate`` exits with).
- Paths that are not readable files: a FIFO (never opened), a folder, a broken or looping link,
  a name too long, a path through a file, permission denied.
- Fuzzing: bytes, near-miss CSV, JSON, TOML and damaged workbooks through every entry point.
- Nothing lost: rows read equal the rows the file holds, for every kind and format, whatever a
  sheet's ``<dimension>`` says and whatever quote is left open.
- Nothing garbled: a row in another encoding than the file's is a located problem.
- Nothing unbounded: numbers beyond the library's bounds are located problems.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import re
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from littlegiants._exact import bounds_problem
from littlegiants.errors import LittleGiantsError
from littlegiants.io import kinds as _schemas
from littlegiants.io import loader
from littlegiants.loader import LoadError, LoadFileError, MissingFileError, kind_of, load_dataset

if TYPE_CHECKING:
    from collections.abc import Callable

    NoBlock = Callable[[Callable[[], object]], BaseException | None]
    Unreadable = Callable[[str], dict[str, tuple[Path, str]]]

CORPUS = Path(__file__).resolve().parent / "corpus"
DATA = CORPUS / "data"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8")
)
KINDS = tuple(_schemas.KINDS)
FORMATS = (".csv", ".json", ".jsonl", ".toml", ".xlsx")
FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_function(kind: str) -> Callable[..., Any]:
    return getattr(loader, "load_trade_records" if kind == "trade" else f"load_{kind}")


def iter_function(kind: str) -> Callable[..., Any]:
    return getattr(loader, "iter_trade_records" if kind == "trade" else f"iter_{kind}")


def outcome(path: Path, errors: str = "collect") -> dict[str, Any]:
    """What loading a file gives, in the shape of corpus/expected.json (without ``exit``)."""
    load = load_function(kind_of(path) or "")
    try:
        result = load(path, errors=errors)
    except LoadError as error:
        return {"whole": True, "problems": [[p.line, p.column, p.message] for p in error.problems]}
    if errors == "strict":
        return {"records": len(result)}
    problems = [[p.line, p.column, p.message] for p in result.problems]
    return {"rows_read": result.rows_read, "records": len(result.records), "problems": problems}


def every_entry_point_of(kind: str, extension: str, data: bytes) -> None:
    """Write ``data`` as a file of the kind and read it through every public entry point."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}{extension}"
        path.write_bytes(data)
        every_entry_point(path, kind)


def every_entry_point(path: Path, kind: str) -> None:
    """Read a file through every public entry point; any error must be one of ours."""
    for errors in ("strict", "collect"):
        with contextlib.suppress(LoadError, LoadFileError):
            load_function(kind)(path, errors=errors)
        with contextlib.suppress(LoadError, LoadFileError):
            list(iter_function(kind)(path, errors=errors))


# -- the corpus ---------------------------------------------------------------------------------


class TestCorpus:
    def test_every_file_has_its_expectation(self) -> None:
        """Each corpus file has an entry in expected.json, and each entry a file."""
        assert sorted(EXPECTED) == sorted(path.name for path in DATA.iterdir())

    def test_names_give_kind_and_format(self) -> None:
        """Each corpus file is a data file the CLI accepts by its name alone."""
        for name in EXPECTED:
            assert (kind_of(name), Path(name).suffix) in {(k, f) for k in KINDS for f in FORMATS}

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_collect_mode_lists_exactly_the_problems(self, name: str) -> None:
        """Collect mode gives the expected records, rows read and problems (line, column, text)."""
        expected = {key: value for key, value in EXPECTED[name].items() if key != "exit"}
        assert expected == outcome(DATA / name)

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_strict_mode_raises_them(self, name: str) -> None:
        """Strict mode raises LoadError with the same problems, first one first; or loads all."""
        expected = EXPECTED[name]
        found = outcome(DATA / name, errors="strict")
        if expected["problems"]:
            assert {"whole": True, "problems": expected["problems"]} == found
        else:
            assert {"records": expected["records"]} == found
        assert expected["exit"] == (1 if expected["problems"] else 0)


# -- paths that are not readable files ------------------------------------------------------------


class TestPaths:
    @pytest.mark.parametrize("kind", KINDS)
    def test_unreadable_paths_raise_load_file_error(
        self, kind: str, unreadable: Unreadable, no_block: NoBlock
    ) -> None:
        """Every entry point refuses each unreadable path with LoadFileError naming it."""
        for case, (path, phrase) in unreadable(kind).items():
            for call in (
                lambda path=path: load_function(kind)(path),
                lambda path=path: load_function(kind)(path, errors="collect"),
                lambda path=path: list(iter_function(kind)(path)),
            ):
                error = no_block(call)
                assert isinstance(error, LoadFileError), (case, error)
                assert str(path) in str(error), case
                assert phrase in str(error), (case, str(error))
            if case == "missing":
                assert isinstance(error, MissingFileError)

    def test_permission_denied(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file the system will not let us look at raises LoadFileError, not PermissionError."""
        path = tmp_path / "rates.csv"
        path.write_text("base,quote,rate,on\n", encoding="utf-8")
        real = Path.stat

        def refuse(self: Path, **kwargs: Any) -> os.stat_result:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self, **kwargs)

        monkeypatch.setattr(Path, "stat", refuse)
        with pytest.raises(LoadFileError, match="permission denied"):
            loader.load_rates(path)

    def test_dataset_folders(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_block: NoBlock
    ) -> None:
        """load_dataset refuses unreadable folders and the unreadable files in them, ours."""
        folder = tmp_path / "data"
        folder.mkdir()
        (folder / "enterprises.csv").write_text("name\n示例科技有限公司\n", encoding="utf-8")
        os.mkfifo(folder / "trade.csv")
        error = no_block(lambda: load_dataset(folder))
        assert isinstance(error, LoadFileError)
        assert "named pipe" in str(error)
        (folder / "trade.csv").unlink()
        os.mkfifo(folder / "sources.toml")
        error = no_block(lambda: load_dataset(folder))
        assert isinstance(error, LoadFileError)
        assert "sources.toml" in str(error)
        (folder / "sources.toml").unlink()
        (folder / "sources.toml").symlink_to(folder / "gone.toml")
        assert isinstance(no_block(lambda: load_dataset(folder)), MissingFileError)
        (folder / "sources.toml").unlink()
        for case, phrase in (
            (tmp_path / ("x" * 300), "name is too long"),
            (folder / "enterprises.csv", "not a folder"),
            (tmp_path / "nowhere", "no such folder"),
        ):
            with pytest.raises(LoadFileError, match=phrase):
                load_dataset(case)

        def refuse(self: Path) -> object:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "iterdir", refuse)
        with pytest.raises(LoadFileError, match="permission denied"):
            load_dataset(folder)


# -- fuzzing --------------------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    '"',
    '""',
    "'",
    "'=1",
    "=1+1",
    "+1",
    "-1",
    "@x",
    "\t=1",
    "\r",
    "\n",
    "\r\n",
    "\x00",
    "\ufeff",
    "\ufffd",
    "NaN",
    "Infinity",
    "-0",
    "1E+999999999",
    "1e-999999999",
    "9" * 5000,
    "0." + "0" * 80 + "1",
    "٣",
    "１２",
    "1,2,3",
    "a;b;;",
    "none",
    "无",
    "2022-02-30",
    "2022-13",
    "2022-01..2021-01",
    "US$1",
    "1亿亿",
    "国家级",
    "county",
    "440305",
    "999999",
    "unknown",
    "91440300MA5DC12341",
    "true",
    "是",
    "第十一批",
    "第0批",
    "12%",
    "１２％",
    "-5%",
    "5",
    "national 2 2023",
    "2023 500强",
    "2025-07-01 passed",
    "x" * 10_001,
]
cells = st.sampled_from(HOSTILE) | st.text(max_size=12)


@st.composite
def csv_near_misses(draw: st.DrawFn, kind: str) -> bytes:
    """A CSV file of the kind's columns (some unknown) and hostile cells, in mixed encodings."""
    columns = list(_schemas.KINDS[kind].column_names)
    header = draw(st.lists(st.sampled_from([*columns, "序号", ""]), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 1), max_size=8))
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(header)
    writer.writerows(rows)
    lines = buffer.getvalue().split("\n")
    encodings = st.sampled_from(["utf-8", "utf-8", "gb18030", "latin-1", "utf-16"])
    data = b"\n".join(
        line.encode(draw(encodings), "replace") if draw(st.booleans()) else line.encode()
        for line in lines
    )
    if draw(st.booleans()):  # a stray quote, a cut, or bytes put in somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b'"', b"", b"\xff", b"\x00", b"\r"])) + data[at:]
    return data


def json_values() -> st.SearchStrategy[str]:
    """JSON text for values: hostile numbers and strings, arrays and objects of them."""
    numbers = st.sampled_from(
        ["1", "-0", "1e999999999", "1e-999999999", "9" * 5000, "0.5", "NaN", "Infinity", "1E400"]
    )
    scalars = numbers | cells.map(json.dumps) | st.sampled_from(["true", "null", "[]", "{}"])
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3).map(lambda items: "[" + ",".join(items) + "]")
            | st.dictionaries(
                st.sampled_from(["level", "rank", "year", "x"]), inner, max_size=3
            ).map(lambda d: "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in d.items()) + "}")
        ),
        max_leaves=6,
    )


@st.composite
def json_records(draw: st.DrawFn, kind: str) -> list[str]:
    columns = [*_schemas.KINDS[kind].column_names, "unknown"]
    return [
        "{" + ",".join(f"{json.dumps(key)}: {value}" for key, value in record.items()) + "}"
        for record in draw(
            st.lists(
                st.dictionaries(st.sampled_from(columns), json_values(), max_size=6), max_size=5
            )
        )
    ]


@st.composite
def toml_near_misses(draw: st.DrawFn, kind: str) -> str:
    table = _schemas.KINDS[kind].table
    columns = [*_schemas.KINDS[kind].column_names, "unknown"]
    values = st.sampled_from(
        [
            '"x"',
            "1",
            "1e999999999",
            "9" * 60,
            "9" * 5000,
            "inf",
            "nan",
            "2022-01-01",
            "2022-01-01T00:00:00",
            "10:30:00",
            "true",
            "[1, 2]",
            '{ level = "national", rank = 1, year = 2023 }',
            '"a\\u0000b"',
        ]
    ) | cells.map(json.dumps)
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        parts.append(
            draw(st.sampled_from([f"[[{table}]]", f"[{table}]", "[[other]]", f"[[{table}]]"]))
        )
        parts.extend(
            f"{key} = {draw(values)}"
            for key in draw(st.lists(st.sampled_from(columns), max_size=5, unique=True))
        )
    return "\n".join(parts) + "\n"


@functools.cache  # once per kind: a workbook records when it was saved, and draws must repeat
def base_workbook(kind: str) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(_schemas.KINDS[kind].column_names))
    for row in range(3):
        sheet.append([f"cell {row}-{column}" for column in range(3)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def damaged_workbooks(draw: st.DrawFn, kind: str) -> bytes:
    """A workbook with bytes flipped, cut, or its sheet's XML edited."""
    data = base_workbook(kind)
    how = draw(st.sampled_from(["flip", "cut", "xml"]))
    if how == "cut":
        return data[: draw(st.integers(0, len(data)))]
    if how == "flip":
        damaged = bytearray(data)
        for at in draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=8)):
            damaged[at] ^= draw(st.integers(1, 255))
        return bytes(damaged)
    edit = draw(
        st.sampled_from(
            [
                (b"</sheetData>", b"<row><c>"),
                (b'r="A2"', b'r="A99999999"'),
                (b'<row r="2"', b'<row r="-1"'),
                (b'<row r="3"', b'<row r="2"'),
                (b'r="B2"', b'r="ZZZZZZ2"'),
                (b't="inlineStr"', b't="s"'),
                (b't="inlineStr"', b't="n"'),
                (b't="inlineStr"', b't="b"'),
                (b't="inlineStr"', b't="e"'),
                (b'<row r="2"', b'<row r="x"'),
            ]
        )
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(*edit)
            target.writestr(item, part)
    return out.getvalue()


class TestFuzz:
    @FUZZ
    @given(st.sampled_from(KINDS), st.sampled_from(FORMATS), st.binary(max_size=600))
    def test_bytes(self, kind: str, extension: str, data: bytes) -> None:
        """Any bytes under any name: only LoadError or LoadFileError escape."""
        every_entry_point_of(kind, extension, data)

    @FUZZ
    @given(st.data(), st.sampled_from(KINDS))
    def test_csv(self, data: st.DataObject, kind: str) -> None:
        """Near-miss CSV: hostile cells, stray quotes, bytes of other encodings."""
        every_entry_point_of(kind, ".csv", data.draw(csv_near_misses(kind)))

    @FUZZ
    @given(st.data(), st.sampled_from(KINDS))
    def test_json(self, data: st.DataObject, kind: str) -> None:
        """Near-miss JSON and JSON Lines: hostile numbers, nesting, unknown keys, cuts."""
        records = data.draw(json_records(kind))
        cut = data.draw(st.booleans())
        for extension, text in (
            (".json", "[" + ",\n".join(records) + "]"),
            (".jsonl", "\n".join(records)),
        ):
            every_entry_point_of(
                kind, extension, (text[: len(text) // 2] if cut else text).encode()
            )

    @FUZZ
    @given(st.data(), st.sampled_from(KINDS))
    def test_toml(self, data: st.DataObject, kind: str) -> None:
        """Near-miss TOML: wrong tables, native numbers, dates and times, unknown keys."""
        every_entry_point_of(kind, ".toml", data.draw(toml_near_misses(kind)).encode())

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data(), st.sampled_from(["enterprises", "trade", "rates"]))
    def test_damaged_workbooks(self, data: st.DataObject, kind: str) -> None:
        """Damaged .xlsx workbooks: only LoadError or LoadFileError escape."""
        every_entry_point_of(kind, ".xlsx", data.draw(damaged_workbooks(kind)))


# -- nothing lost ---------------------------------------------------------------------------------


def row_cells(kind: str) -> st.SearchStrategy[list[list[str]]]:
    width = len(_schemas.KINDS[kind].column_names)
    text = st.sampled_from([h for h in HOSTILE if len(h) < 1000 and "\x00" not in h])
    return st.lists(st.lists(text, min_size=width, max_size=width) | st.just([]), max_size=12)


class TestNothingLost:
    @PROPERTY
    @given(st.data(), st.sampled_from(KINDS), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    def test_every_csv_row_is_read(self, data: st.DataObject, kind: str, encoding: str) -> None:
        """A CSV file's rows (UTF-8, with a BOM, GB18030) all count as read, blank ones too."""
        rows = data.draw(row_cells(kind))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{kind}.csv"
            with path.open("w", encoding=encoding, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(_schemas.KINDS[kind].column_names)
                writer.writerows(rows)
            declared = "gb18030" if encoding == "gb18030" else "utf-8"
            result = load_function(kind)(path, errors="collect", encoding=declared)
            assert len(rows) == result.rows_read
            assert result.rows_read == len(result.records) + len(result.rejected)

    @PROPERTY
    @given(st.data(), st.sampled_from(KINDS), st.sampled_from([".json", ".jsonl", ".toml"]))
    def test_every_record_is_read(self, data: st.DataObject, kind: str, extension: str) -> None:
        """Every JSON, JSON Lines and TOML record counts as read."""
        records = data.draw(json_records(kind).filter(lambda r: all(len(x) > 2 for x in r)))
        assume(extension != ".toml" or all("null" not in record for record in records))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{kind}{extension}"
            if extension == ".toml":
                documents = [json.loads(r, parse_int=Decimal, parse_float=Decimal) for r in records]
                assume(all(_toml_safe(d) for d in documents))
                table = _schemas.KINDS[kind].table
                path.write_text(
                    "".join(f"[[{table}]]\n{_toml_keys(d)}\n" for d in documents), encoding="utf-8"
                )
            else:
                text = (
                    "[" + ",\n".join(records) + "]" if extension == ".json" else "\n".join(records)
                )
                path.write_text(text, encoding="utf-8")
            result = load_function(kind)(path, errors="collect")
            assert len(records) == result.rows_read

    @PROPERTY
    @given(
        st.sampled_from(KINDS),
        st.integers(1, 30),
        st.sampled_from(["A1:A2", "A1:B3", "A1", "A1:Z1", None]),
        st.lists(st.integers(2, 31), max_size=4),
    )
    def test_xlsx_rows_whatever_the_dimension(
        self, kind: str, count: int, dimension: str | None, gaps: list[int]
    ) -> None:
        """A sheet yields every row however stale or missing its <dimension> element is."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        columns = list(_schemas.KINDS[kind].column_names)
        sheet.append(columns)
        for number in range(2, count + 2):
            blank = number in gaps and number != count + 1
            sheet.append([] if blank else [f"{number}-{column}" for column in columns])
        with tempfile.TemporaryDirectory() as folder:
            saved = Path(folder) / "saved.xlsx"
            book.save(saved)
            path = Path(folder) / f"{kind}.xlsx"
            replacement = b"" if dimension is None else f'<dimension ref="{dimension}"/>'.encode()
            with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
                for item in source.infolist():
                    part = source.read(item)
                    if item.filename.startswith("xl/worksheets/"):
                        part = re.sub(rb'<dimension ref="[^"]*" ?/>', replacement, part)
                    target.writestr(item, part)
            result = load_function(kind)(path, errors="collect")
        assert count == result.rows_read

    @PROPERTY
    @given(st.lists(st.booleans(), min_size=1, max_size=300), st.data())
    def test_an_unclosed_quote_costs_one_row(self, shapes: list[bool], data: st.DataObject) -> None:
        """A quote left open on one row rejects that row; every row after it is still read.

        Rows before and after it may have a quoted name over two text lines.
        """
        plain = [n for n, multi in enumerate(shapes) if not multi]
        assume(plain)
        stray = data.draw(st.sampled_from(plain))
        lines = [
            f'"示例\n科技{n}",2022-01,import,{n + 1},CNY'
            if multi
            else f"示例{n},2022-01,import,1,CNY"
            for n, multi in enumerate(shapes)
        ]
        lines[stray] = '"' + lines[stray]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "trade.csv"
            path.write_text("name,period,flow,value,currency\n" + "\n".join(lines), "utf-8")
            result = loader.load_trade_records(path, errors="collect")
        assert [stray + 2] == [row.line for row in result.rejected]
        assert len(shapes) - 1 == len(result.records)
        assert "is not closed" in result.problems[0].message


def _toml_safe(value: object) -> bool:
    """Whether a JSON value can be written as TOML (no null; keys TOML reads back)."""
    if value is None:
        return False
    if isinstance(value, list):
        return all(_toml_safe(item) for item in value)
    if isinstance(value, dict):
        return all(_toml_safe(item) for item in value.values())
    if isinstance(value, Decimal):  # an integer TOML reads must have at most 4,300 digits
        return value.is_finite() and len(value.as_tuple().digits) <= 4300
    return not (isinstance(value, float) and value != value)  # noqa: PLR0124 - NaN


def _toml_keys(document: dict[str, Any]) -> str:
    return "".join(f"{key} = {_toml(value)}\n" for key, value in document.items())


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, int | float):
        text = repr(value)
        return {"inf": "inf", "-inf": "-inf"}.get(text, text)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"


# -- nothing garbled -------------------------------------------------------------------------------

NAMES = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=4, max_size=12)


def one_row_apart(
    names: list[str], other: int, header: bytes, encodings: tuple[str, str], declared: str
) -> Any:
    """Load an enterprises CSV whose rows are in ``encodings[0]``, but row ``other`` in [1]."""
    usual, odd = encodings
    lines = [f"{name},制造\n".encode(odd if n == other else usual) for n, name in enumerate(names)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "enterprises.csv"
        path.write_bytes(header + b"".join(lines))
        return loader.load_enterprises(path, errors="collect", encoding=declared)


class TestMixedEncodings:
    @PROPERTY
    @given(st.lists(NAMES, min_size=1, max_size=10, unique=True), st.data())
    def test_a_gb18030_row_in_utf8(self, names: list[str], data: st.DataObject) -> None:
        """In a UTF-8 file, the row in GB18030 is a located problem; no name is garbled."""
        other = data.draw(st.integers(0, len(names) - 1))
        result = one_row_apart(names, other, b"name,industry\n", ("utf-8", "gb18030"), "utf-8")
        assert [other + 2] == [row.line for row in result.rejected]
        assert [n for i, n in enumerate(names) if i != other] == [e.name for e in result.records]

    @PROPERTY
    @given(st.lists(NAMES, min_size=1, max_size=10, unique=True), st.data(), st.booleans())
    def test_a_utf8_row_in_gb18030(
        self, names: list[str], data: st.DataObject, declared: bool
    ) -> None:
        """In a GB18030 file (declared or detected), the UTF-8 row is a located problem."""
        other = data.draw(st.integers(0, len(names) - 1))
        header = "企业名称,所属行业\n".encode("gb18030")
        encoding = "gb18030" if declared else "utf-8"
        result = one_row_apart(names, other, header, ("gb18030", "utf-8"), encoding)
        assert [other + 2] == [row.line for row in result.rejected]
        assert "UTF-8 text" in result.problems[0].message
        assert [n for i, n in enumerate(names) if i != other] == [e.name for e in result.records]


# -- nothing unbounded ----------------------------------------------------------------------------

NUMBERS = st.builds(
    "{}{}{}".format,
    st.sampled_from(["", "-"]),
    st.integers(1, 4000).map(lambda n: "7" * n) | st.sampled_from(["1", "7.2", "0.0001"]),
    st.sampled_from(["", "e5", "e30", "e31", "e-64", "e-70", "e999999999", "e-999999999"]),
)


class TestBounds:
    @PROPERTY
    @given(NUMBERS, st.sampled_from([".csv", ".json", ".jsonl", ".toml"]))
    def test_numbers_beyond_the_bounds_are_located(self, number: str, extension: str) -> None:
        """A rate beyond the bounds, as text or as a native number, is a problem of its cell."""
        value = Decimal(number)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"rates{extension}"
            if extension == ".csv":
                path.write_text(f"base,quote,rate,on\nUSD,CNY,{number},2022-11-07\n", "utf-8")
            elif extension == ".toml":
                path.write_text(
                    f'[[rate]]\nbase = "USD"\nquote = "CNY"\non = 2022-11-07\nrate = {number}\n',
                    encoding="utf-8",
                )
            else:
                record = f'{{"base": "USD", "quote": "CNY", "on": "2022-11-07", "rate": {number}}}'
                path.write_text(f"[{record}]" if extension == ".json" else record, "utf-8")
            if extension == ".toml" and re.fullmatch(r"-?[0-9]{4301,}", number):
                with pytest.raises(LoadError, match="4,300 digits"):  # TOML reads ints whole
                    loader.load_rates(path, errors="collect")
                return
            result = loader.load_rates(path, errors="collect")
        if bounds_problem(value) is not None:
            assert ["rate"] == [problem.column for problem in result.problems]
            assert "out of bounds" in result.problems[0].message
        elif value > 0:
            assert [value] == [rate.rate for rate in result.records]


def test_errors_are_ours() -> None:
    """LoadError and LoadFileError share the library's root, so one except catches all."""
    assert issubclass(LoadError, LittleGiantsError)
    assert issubclass(LoadFileError, LittleGiantsError)
