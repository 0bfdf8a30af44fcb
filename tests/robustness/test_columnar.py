"""Hostile input to the columnar edge: ``TradeTable`` and its scans give the loader's answers.

The object loader's hostile-file suite (``test_loaders.py``) holds it to "only our errors escape,
located, and nothing is lost". The columnar readers promise more: the loader's very records,
rejected rows and problems (``read_csv``, ``read_xlsx``), and a scan's summary equal to the whole
file's. Here that promise meets the corpus, unreadable paths, bytes, near-miss CSV and Parquet
files whose columns are of every type Arrow has.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants.errors import LittleGiantsError
from littlegiants.io import TradeTable
from littlegiants.loader import LoadError, LoadFileError, MissingFileError, load_trade_records

if TYPE_CHECKING:
    from collections.abc import Callable

    NoBlock = Callable[[Callable[[], object]], BaseException | None]
    Unreadable = Callable[..., dict[str, tuple[Path, str]]]

DATA = Path(__file__).resolve().parent / "corpus" / "data"
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def loaded(path: Path, errors: str) -> object:
    """What ``load_trade_records`` gives: the records and what was rejected, or its error."""
    try:
        result = load_trade_records(path, errors=errors)
    except LittleGiantsError as exc:
        return type(exc), str(exc)
    if errors == "strict":
        return list(result), (), len(result)
    return list(result.records), result.rejected, result.rows_read


def tabled(read: Callable[[], TradeTable]) -> object:
    """What a ``TradeTable`` reader gives, in the shape of :func:`loaded`."""
    try:
        table = read()
    except LittleGiantsError as exc:
        return type(exc), str(exc)
    return list(table.to_records()), table.rejected, table.rows_read


def summarised(read: Callable[[], Any]) -> object:
    """A table's or a scan's summary in CNY by enterprise with what was read, or the error."""
    try:
        found = read()
        summary = found.summarize(currency="CNY", by="enterprise")
    except LittleGiantsError as exc:
        return type(exc), str(exc)
    return repr(summary), found.rejected, found.rows_read


def _too_fine(outcome: object) -> bool:
    """Whether the loader's records hold an amount with a digit finer than 1E-7.

    A ``TradeTable`` (``decimal128(38, 7)``) refuses such a file in both modes, as documented,
    where the loader reads it.
    """
    if not isinstance(outcome, tuple) or not isinstance(outcome[0], list):
        return False
    amounts = [
        money.amount
        for record in outcome[0]
        for money in (record.value, record.reported_previous)
        if money is not None
    ]
    return any(
        amount != amount.quantize(Decimal("1E-7"), rounding=ROUND_DOWN) for amount in amounts
    )


def agree(path: Path) -> None:
    """read_csv gives the loader's answer and scan_csv the whole file's summary, in both modes.

    The one difference is the documented one: an amount finer than 1E-7 that the loader
    reads, the table refuses with a LoadError saying so.
    """
    too_fine = _too_fine(loaded(path, "collect"))
    for errors in ("strict", "collect"):
        table = tabled(lambda e=errors: TradeTable.read_csv(path, errors=e))
        if too_fine:
            assert table[0] is LoadError, table
            assert "finer than 1E-7" in str(table[1]), table
        else:
            assert loaded(path, errors) == table
        whole = summarised(lambda e=errors: TradeTable.read_csv(path, errors=e))
        for block in (7, 64, 1 << 20):
            scan = summarised(
                lambda e=errors, b=block: TradeTable.scan_csv(path, errors=e, block_size=b)
            )
            assert whole == scan, block


# -- the corpus ------------------------------------------------------------------------------------


class TestCorpus:
    @pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("trade-*.csv")))
    def test_csv_files_read_as_the_loader_reads_them(self, name: str) -> None:
        """Each hostile trade CSV of the corpus: the loader's records, rows and problems."""
        agree(DATA / name)

    @pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("trade-*.xlsx")))
    def test_workbooks_read_as_the_loader_reads_them(self, name: str) -> None:
        """Each hostile trade workbook of the corpus: the loader's answer through read_xlsx."""
        path = DATA / name
        for errors in ("strict", "collect"):
            assert loaded(path, errors) == tabled(
                lambda e=errors: TradeTable.read_xlsx(path, errors=e)
            )


# -- paths that are not readable files -------------------------------------------------------------


def _entry_points(suffix: str) -> list[Callable[[Path], object]]:
    if suffix == ".parquet":
        return [
            TradeTable.read_parquet,
            lambda path: TradeTable.scan_parquet(path).summarize(currency="CNY"),
        ]
    return [
        TradeTable.read_csv,
        lambda path: TradeTable.read_csv(path, errors="collect"),
        lambda path: TradeTable.scan_csv(path).summarize(currency="CNY"),
        lambda path: list(TradeTable.scan_csv(path).batches()),
    ]


class TestPaths:
    @pytest.mark.parametrize("suffix", [".csv", ".parquet"])
    def test_unreadable_paths_raise_load_file_error(
        self, suffix: str, unreadable: Unreadable, no_block: NoBlock
    ) -> None:
        """Every columnar reader refuses each unreadable path with LoadFileError naming it.

        A folder is read as a dataset: an empty one is refused as holding no data file.
        """
        for case, (path, phrase) in unreadable("trade", suffix).items():
            for call in _entry_points(suffix):
                error = no_block(lambda path=path, call=call: call(path))
                if case == "folder":
                    assert isinstance(error, LoadError), error
                    assert f"holds no {suffix} file" in str(error)
                    continue
                assert isinstance(error, LoadFileError), (case, error)
                assert str(path) in str(error), case
                assert phrase in str(error), (case, str(error))
                if case == "missing":
                    assert isinstance(error, MissingFileError)

    @pytest.mark.parametrize("suffix", [".csv", ".parquet"])
    def test_unreadable_paths_in_a_dataset_folder(
        self, tmp_path: Path, suffix: str, unreadable: Unreadable, no_block: NoBlock
    ) -> None:
        """In a dataset folder, each unreadable entry is a problem naming it; none blocks.

        The good file beside them is still read (a scan counts its row), and the one error
        names the folder and lists every entry that could not be read, each with its reason.
        """
        paths = unreadable("trade", suffix)
        good = tmp_path / f"trade-good{suffix}"
        names = ["name", "period", "flow", "value", "currency"]
        cells = dict(zip(names, ["甲", "2022-03", "import", "1", "CNY"], strict=True))
        if suffix == ".csv":
            good.write_text(f"{','.join(cells)}\n{','.join(cells.values())}\n", encoding="utf-8")
        else:
            pq.write_table(pa.table({key: [value] for key, value in cells.items()}), good)
        expected = {
            str(path): phrase
            for case, (path, phrase) in paths.items()
            if case in ("fifo", "broken link", "link loop")
        }
        expected[str(tmp_path / "trade-plain")] = f"not a {suffix} file"
        for call in _entry_points(suffix):
            error = no_block(lambda call=call: call(tmp_path))
            assert isinstance(error, LoadError), error
            assert str(tmp_path) == error.path
            found = {problem.path: str(problem.message) for problem in error.problems}
            assert sorted(expected) == sorted(found), found
            for path, phrase in expected.items():
                assert phrase in found[path], (path, found[path])
        scan = (
            TradeTable.scan_csv(tmp_path) if suffix == ".csv" else TradeTable.scan_parquet(tmp_path)
        )
        assert isinstance(no_block(lambda: scan.summarize(currency="CNY")), LoadError)
        assert 1 == scan.rows_read  # the good file's row, read though the others failed


# -- dataset folders ------------------------------------------------------------------------------

#: Entries a folder tree is made of: what each is, and where it may go.
_ENTRIES = ["good", "bad", "stray", "mark", "hidden", "link", "folder link", "broken link"]
_FOLDERS = ["2022-01", "2022-10", "_temporary", ".cache", "k=v", "深圳"]


@st.composite
def folder_trees(draw: st.DrawFn) -> list[tuple[tuple[str, ...], str, int]]:
    """Entries of a dataset folder: a folder path, what the entry is, and a number naming it."""
    entries = []
    for number in range(draw(st.integers(0, 7))):
        depth = draw(st.integers(0, 2))
        folders = tuple(draw(st.sampled_from(_FOLDERS)) for _ in range(depth))
        entries.append((folders, draw(st.sampled_from(_ENTRIES)), number))
    return entries


def _make_tree(root: Path, entries: list[tuple[tuple[str, ...], str, int]]) -> list[Path]:
    """Write the entries below ``root``; the data files a reader must read, in path order."""
    header = "name,period,flow,value,currency\n"
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir()
    (outside / "elsewhere.csv").write_text(header + "丙,2022-05,export,3,CNY\n")
    expected: list[tuple[tuple[str, ...], Path]] = []
    for folders, kind, number in entries:
        here = root.joinpath(*folders)
        here.mkdir(parents=True, exist_ok=True)
        read = not any(name.startswith((".", "_")) for name in folders)
        if kind == "good":
            path = here / f"trade-{number}.csv"
            path.write_text(header + f"甲,2022-{number % 12 + 1:02d},import,{number}.5,CNY\n")
        elif kind == "bad":
            path = here / f"trade-{number}.csv"
            path.write_text(header + f"乙,2022-13,import,{number},CNY\n甲,2022-03,export,1,CNY\n")
        elif kind == "stray":
            (here / f"notes-{number}.txt").write_text("a note")
            continue
        elif kind == "mark":
            (here / "_SUCCESS").write_text("")
            continue
        elif kind == "hidden":
            (here / f".trade-{number}.csv.crc").write_text("\x00")
            continue
        elif kind == "link":
            path = here / f"linked-{number}.csv"
            path.symlink_to(outside / "elsewhere.csv")
        elif kind == "folder link":
            (here / f"linked-{number}").symlink_to(outside)
            continue
        else:
            path = here / f"broken-{number}.csv"
            path.symlink_to(here / "nowhere.csv")
            continue
        if read and _keys(folders) is not None:
            expected.append((path.relative_to(root).parts, path))
    return [path for _, path in sorted(expected)]


def _keys(folders: tuple[str, ...]) -> dict[str, str] | None:
    """The cells ``KEY=VALUE`` folders give a file's rows; ``None`` when a key comes twice."""
    keys: dict[str, str] = {}
    for name in folders:
        key, equals, value = name.partition("=")
        if equals and key in keys:
            return None
        if equals:
            keys[key] = value
    return keys


def _problems_of_the_listing(root: Path) -> list[tuple[str, str]]:
    """What the listing must report: each entry outside writers' marks that is not a data file."""
    found = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(name.startswith((".", "_")) for name in parts):
            continue
        if path.is_symlink() and path.is_dir():
            found.append((str(path), "a link to a folder is not followed"))
        elif path.is_symlink() and not path.exists():
            found.append((str(path), "which does not exist"))
        elif path.is_file() and path.suffix != ".csv":
            found.append((str(path), "not a .csv file"))
        elif path.is_file() and _keys(parts[:-1]) is None:
            found.append((str(path), "is given twice on the file's path"))
    return found


class TestDatasetTrees:
    @FUZZ
    @given(folder_trees(), st.sampled_from(["strict", "collect"]))
    def test_a_tree_reads_as_its_data_files_one_by_one(
        self, tmp_path_factory: pytest.TempPathFactory, entries, errors: str
    ) -> None:
        """A folder tree gives each data file's records and problems, in path order; the rest
        of the tree is reported entry by entry (writers' marks excepted), and nothing is lost.
        """
        root = tmp_path_factory.mktemp("tree") / "dataset"
        root.mkdir()
        files = _make_tree(root, entries)
        tables, problems = [], []
        for file in files:
            try:
                tables.append(TradeTable.read_csv(file, errors=errors))
            except LoadError as exc:
                problems.extend((p.path, p.line, str(p.message)) for p in exc.problems)
        listing = _problems_of_the_listing(root)
        if not files and not listing:  # nothing to read: refused, not read as no trade
            listing = [(str(root), "the folder holds no .csv file")]
        for read in (
            lambda: TradeTable.read_csv(root, errors=errors),
            lambda: TradeTable.scan_csv(root, errors=errors, block_size=64),
        ):
            try:
                found = read()
                if not isinstance(found, TradeTable):
                    found.summarize(currency="CNY")
            except LoadError as exc:
                reported = [(p.path, p.line, str(p.message)) for p in exc.problems]
                assert listing or problems, reported
                assert [path for path, _ in listing] == [path for path, _, _ in reported][
                    : len(listing)
                ]
                for (_, phrase), (_, _, message) in zip(listing, reported, strict=False):
                    assert phrase in message, (phrase, message)
                assert problems == reported[len(listing) :]
                continue
            assert not listing, listing
            assert not problems, problems
            rows = sum(table.rows_read for table in tables)
            assert rows == found.rows_read
            rejected = [  # a KEY=VALUE folder gives each row a cell
                attrs.evolve(
                    row, cells=row.cells | _keys(Path(row.path).relative_to(root).parts[:-1])
                )
                for table in tables
                for row in table.rejected
            ]
            assert rejected == list(found.rejected)
            if isinstance(found, TradeTable):
                expected = [record for table in tables for record in table.to_records()]
                assert expected == list(found.to_records())
                assert len(found) + len(found.rejected) == found.rows_read


# -- fuzzing ---------------------------------------------------------------------------------------

HEADER = ["name", "credit_code", "period", "flow", "value", "currency", "previous", "growth"]
CELLS = [
    "",
    " ",
    '"',
    '""',
    "'=1",
    "-5",
    "1e3",
    "0012.50",
    "1.00000001",
    "9" * 40,
    "１２",
    "NaN",
    "2022-13",
    "2022-01..2022-10",
    "2022-03",
    "import",
    "进口",
    "USD",
    "usd",
    "CNY",
    "59%",
    "-100%",
    "示例科技有限公司",
    "91440300MA5000000G",
    "\x00",
    "\r",
    "\ufeff",
]


GOOD = {
    "name": ["示例科技有限公司", "Hosin Global"],
    "credit_code": ["91440300MA5000000G", ""],
    "period": ["2022-03", "2022-01..2022-10"],
    "flow": ["import", "进口", "export"],
    "value": ["12.50", "99200000", "0"],
    "currency": ["USD", "CNY"],
    "previous": ["", "10.00"],
    "growth": ["", "", "5%"],
}


@st.composite
def near_miss_csv(draw: st.DrawFn) -> bytes:
    """A trade CSV, mostly good, with hostile cells, ragged rows, quotes and odd line ends.

    The header binds (name, period, flow and value, some of the others, in any order) unless an
    extra column spoils it now and then; each cell is a good value for its column three times in
    four, else a hostile one; a row now and then has a cell too many or too few.
    """
    optional = draw(st.lists(st.sampled_from([*HEADER[4:], "credit_code"]), unique=True))
    if draw(st.integers(0, 3)):  # most files name each amount's currency
        optional.append("currency")
    header = draw(st.permutations(["name", "period", "flow", "value", *optional]))
    header = list(dict.fromkeys(header))
    if draw(st.integers(0, 5)) == 0:
        header.append(draw(st.sampled_from(["序号", "", "name"])))
    hostile = st.sampled_from(CELLS) | st.text(st.characters(exclude_categories=["Cc"]), max_size=6)
    spoil = draw(st.integers(2, 12))  # one cell in `spoil` is hostile, in this file

    def cell(column: str) -> str:
        if draw(st.integers(1, spoil)) == 1:
            return draw(hostile)
        return draw(st.sampled_from(GOOD.get(column, [""])))

    rows = []
    for _ in range(draw(st.integers(0, 10))):
        row = [cell(column) for column in header]
        ragged = draw(st.integers(0, 9))
        if ragged == 0:
            row.append(draw(hostile))
        elif ragged == 1 and row:
            row.pop()
        rows.append(row)
    ending = draw(st.sampled_from(["\n", "\r\n", "\n", "\r\n", "\r"]))
    lines = [",".join(header), *(",".join(row) for row in rows)]
    text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gb18030"])), "replace")
    if draw(st.integers(0, 3)) == 0:  # a stray byte somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b'"', b"\xff", b"\x00", b"\r", b"\n"])) + data[at:]
    return data


class TestFuzz:
    @FUZZ
    @given(st.binary(max_size=400))
    def test_bytes(self, tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
        """Any bytes as a trade CSV: the loader's answer, and the scan's equals the whole's."""
        path = tmp_path_factory.mktemp("bytes") / "trade.csv"
        path.write_bytes(data)
        agree(path)

    @FUZZ
    @given(near_miss_csv())
    def test_near_miss_csv(self, tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
        """Near-miss CSV: the loader's answer, whichever reader takes the file."""
        path = tmp_path_factory.mktemp("csv") / "trade.csv"
        path.write_bytes(data)
        agree(path)

    @FUZZ
    @given(st.binary(max_size=400))
    def test_bytes_as_parquet(self, tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
        """Any bytes named .parquet: LoadError, never pyarrow's own error."""
        path = tmp_path_factory.mktemp("parquet") / "trade.parquet"
        path.write_bytes(b"PAR1" + data if data[:1] == b"P" else data)
        for call in _entry_points(".parquet"):
            with pytest.raises(LoadError):
                call(path)


def _column(kind: str, count: int) -> pa.Array:
    """A column of ``count`` values of an Arrow type a Parquet file can hold."""
    values: dict[str, Callable[[], pa.Array]] = {
        "text": lambda: pa.array(["2022-03"] * count),
        "large text": lambda: pa.array(["import"] * count, pa.large_string()),
        "nulls": lambda: pa.nulls(count, pa.string()),
        "null type": lambda: pa.nulls(count),
        "int": lambda: pa.array(range(count), pa.int64()),
        "float": lambda: pa.array([0.5] * count),
        "bool": lambda: pa.array([True] * count),
        "decimal": lambda: pa.array([Decimal("1.25")] * count, pa.decimal128(5, 2)),
        "wide decimal": lambda: pa.array([Decimal("1.25")] * count, pa.decimal256(60, 2)),
        "date": lambda: pa.array([dt.date(2022, 3, 1)] * count),
        "timestamp": lambda: pa.array([dt.datetime(2022, 3, 1, tzinfo=dt.UTC)] * count),
        "binary": lambda: pa.array([b"\xff\xfe"] * count),
        "binary view": lambda: pa.array([b"\xff\xfe"] * count, pa.binary_view()),
        "text view": lambda: pa.array(["import"] * count, pa.string_view()),
        "list": lambda: pa.array([["a"]] * count),
        "struct": lambda: pa.array([{"a": 1}] * count),
        "dictionary of ints": lambda: pa.array([1] * count).dictionary_encode(),
        "dictionary of text": lambda: pa.array(["CNY"] * count).dictionary_encode(),
    }
    return values[kind]()


KINDS_OF_COLUMN = [
    "text",
    "large text",
    "nulls",
    "null type",
    "int",
    "float",
    "bool",
    "decimal",
    "wide decimal",
    "date",
    "timestamp",
    "binary",
    "binary view",
    "text view",
    "list",
    "struct",
    "dictionary of ints",
    "dictionary of text",
]


class TestParquetOfAnyColumns:
    @FUZZ
    @given(
        st.lists(
            st.tuples(st.sampled_from([*HEADER, "序号"]), st.sampled_from(KINDS_OF_COLUMN)),
            min_size=1,
            max_size=6,
            unique_by=lambda pair: pair[0],
        ),
        st.integers(0, 5),
        st.integers(1, 3),
    )
    def test_only_our_errors_and_the_scan_agrees(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        columns: list[tuple[str, str]],
        count: int,
        size: int,
    ) -> None:
        """Columns of any type: only our errors escape, and scan_parquet agrees with read_parquet.

        A float column is refused (FloatAmountError); a column that is not text is read as its
        text (a decimal as its digits, a date as ISO 8601); a binary column that is not UTF-8,
        a list or a struct is a located problem or a LoadError, never a crash.
        """
        table = pa.table({name: _column(kind, count) for name, kind in columns})
        path = tmp_path_factory.mktemp("columns") / "trade.parquet"
        pq.write_table(table, path)
        for errors in ("strict", "collect"):
            whole = summarised(lambda e=errors: TradeTable.read_parquet(path, errors=e))
            scan = summarised(
                lambda e=errors: TradeTable.scan_parquet(path, errors=e, batch_size=size)
            )
            assert whole == scan
            found = summarised(lambda e=errors: TradeTable.from_arrow(table, errors=e))
            assert isinstance(found, tuple)

    def test_a_cut_file_is_a_load_error(self, tmp_path: Path) -> None:
        """A Parquet file cut short (a download that stopped) is a LoadError naming the file."""
        out = io.BytesIO()
        pq.write_table(pa.table({"name": ["甲"] * 50, "value": ["1"] * 50}), out)
        path = tmp_path / "trade.parquet"
        data = out.getvalue()
        for end in (len(data) // 2, len(data) - 10, 12):
            path.write_bytes(data[:end])
            for call in _entry_points(".parquet"):
                with pytest.raises(LoadError, match="not a Parquet file") as raised:
                    call(path)
                assert str(path) in str(raised.value)

    def test_columns_that_are_not_text_are_located(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 name their row and bytes; a list column names its type."""
        path = tmp_path / "trade.parquet"
        raw = {"name": ["甲", "乙"], "flow": ["import"] * 2, "value": ["1", "2"]}
        periods = pa.array([b"2022-03", b"\xff\xfe"], pa.binary())
        pq.write_table(pa.table({**raw, "period": periods}), path)
        calls = [
            *_entry_points(".parquet"),
            lambda _: TradeTable.from_arrow(
                pa.table({**raw, "period": periods.cast(pa.binary_view())}), first_line=1
            ),
        ]
        for call in calls:
            with pytest.raises(LoadError) as raised:
                call(path)
            (problem,) = raised.value.problems
            assert (2, "period", b"\xff\xfe") == (problem.line, problem.column, problem.value)
            assert "not UTF-8" in problem.message
        lists = pa.array([["2022-03"], ["2022-04"]])
        pq.write_table(pa.table({**raw, "period": lists}), path)
        with pytest.raises(LoadError, match=r"period: the column holds list<.*>, not text"):
            TradeTable.read_parquet(path)
