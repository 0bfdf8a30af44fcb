"""Dumps are safe to open and load back equal, or are not written at all.

- Every CSV cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return first) carries the OWASP apostrophe; XLSX cells are text cells.
- dump, load, dump, load is stable: the second dump writes the same bytes, and loading never
  strips the protection so that the next dump would write a formula.
- Text a format or the loader cannot take is refused with a DumpError naming the record (its
  index) and the field, before any file is left behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from littlegiants import dumps, loader, strategies
from littlegiants._checks import invisible_edge
from littlegiants.counts import CountKind, DesignationCount
from littlegiants.enterprise import Enterprise
from littlegiants.errors import InvalidRecordError
from littlegiants.financials import Profile
from littlegiants.io.tables import MAX_CELL_CHARS, escape_formula, unescape_formula
from littlegiants.loader import Dataset, DumpError
from littlegiants.records import DesignationRecord, FinancialRecord, ProfileRecord, RelocationRecord
from littlegiants.trade import TradeAggregate

if TYPE_CHECKING:
    from collections.abc import Callable

FORMATS = (".csv", ".json", ".jsonl", ".toml", ".xlsx")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = [
    '=HYPERLINK("http://example.invalid","示例")',
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'=1",
    "''=1",
    "'",
    "'t Hooft",
    "a\rb",
    "a\r\nb",
    "a\nb",
    " 示例 ",
    "x\x00y",
    "a\x1fb",
    "a\ud800b",
    "a\ufffeb",
    "_x000D_",
    'a,"b"',
    "none",
    "无",
    "a;b",
    "x" * (MAX_CELL_CHARS + 1),
    "=" + "x" * (MAX_CELL_CHARS - 1),
    "x" * MAX_CELL_CHARS,
    "Société Générale",
    "示例科技有限公司",
]
texts = st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=10)
# Names, honours, labels and authorities the domain itself accepts (not blank, no line break or
# tab at either end): hostile text inside them is still drawn, and still has to dump safely.
names = texts.filter(lambda text: bool(text.strip()) and not invisible_edge(text))


def load(kind: str) -> Callable[..., Any]:
    return getattr(loader, "load_trade_records" if kind == "trade" else f"load_{kind}")


def dump(kind: str) -> Callable[..., int]:
    return getattr(dumps, "dump_trade_records" if kind == "trade" else f"dump_{kind}")


@st.composite
def firms(draw: st.DrawFn) -> Enterprise:
    code = draw(st.none() | strategies.credit_codes())
    return Enterprise(draw(names), credit_code=code)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


RECORDS: dict[str, st.SearchStrategy[Any]] = {
    "enterprises": st.builds(
        Enterprise, names, english_name=optional(texts), industry=optional(texts)
    ),
    "designations": st.builds(
        DesignationRecord,
        firms(),
        st.builds(
            lambda d, authority: attrs.evolve(d, authority=authority),
            strategies.designations(),
            optional(names),
        ),
    ),
    "relocations": st.builds(RelocationRecord, firms(), strategies.relocations()),
    "trade": st.builds(
        lambda record, source: attrs.evolve(record, source=source),
        strategies.trade_records(enterprise=firms()),
        optional(texts),
    ),
    "financials": st.builds(FinancialRecord, firms(), strategies.financial_years()),
    "profiles": st.builds(
        ProfileRecord,
        firms(),
        st.builds(
            lambda p, honours: attrs.evolve(p, honours=honours),
            strategies.profiles(),
            optional(st.lists(names, max_size=3).map(tuple)),
        ),
    ),
    "rates": st.builds(
        lambda rate, source: attrs.evolve(rate, source=source),
        strategies.exchange_rates(),
        optional(texts),
    ),
    "aggregates": st.builds(
        TradeAggregate,
        label=names,
        period=strategies.periods(),
        value=strategies.money("CNY", min_value=0),
        growth=optional(strategies.growths()),
        source=optional(texts),
    ),
    "counts": st.builds(
        DesignationCount,
        level=strategies.designation_levels(),
        count=st.integers(0, 10**6),
        on=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
        kind=st.just(CountKind.HELD),
        source=optional(texts),
    ),
}
UNIQUE: dict[str, Callable[[Any], object]] = {
    "enterprises": lambda e: e.credit_code or ("name", e.name),
    "rates": lambda r: (r.base, r.quote, r.on),
    "aggregates": lambda a: (a.label, str(a.period), a.flow, a.region),
    "counts": lambda c: (c.region, c.level, c.kind, c.on, c.batch, c.by),
}


def record_texts(record: object) -> tuple[list[str], list[tuple[str, ...]]]:
    """Every text of a record, and its lists of names (honours), for the refusal oracle."""
    found: list[str] = []
    lists: list[tuple[str, ...]] = []
    stack: list[object] = [record]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, Profile) and item.honours:
            lists.append(item.honours)
            stack.extend(attrs.asdict(attrs.evolve(item, honours=None), recurse=False).values())
        elif attrs.has(type(item)):
            stack.extend(attrs.asdict(item, recurse=False).values())  # type: ignore[arg-type]
        elif isinstance(item, tuple | list):
            stack.extend(item)
    return found, lists


def refusable(record: object, extension: str) -> bool:
    """Whether a dump to ``extension`` must refuse the record (an oracle apart from the code)."""
    tabular = extension in (".csv", ".xlsx")
    found, lists = record_texts(record)
    for text in found + [name for names_ in lists for name in names_]:
        if text == "" or re.search("[\ud800-\udfff]", text) or len(text) > MAX_CELL_CHARS:
            return True
        if extension == ".csv" and len(escape_formula(text)) > MAX_CELL_CHARS:
            return True
        if tabular and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
            return True
        if extension == ".xlsx" and re.search("[\r\ufffe\uffff]", text):
            return True
    for names_ in lists if tabular else ():
        if any(
            n != n.strip() or re.search("[;；]", n) or n.casefold() in ("none", "无")
            for n in names_
        ):
            return True
        if len("; ".join(names_)) > MAX_CELL_CHARS:
            return True
    return False


def csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def assert_safe(path: Path) -> None:
    """No cell of a written file is a formula: CSV cells carry the apostrophe, XLSX are text."""
    if path.suffix == ".csv":
        assert not [cell for cell in csv_cells(path) if cell.startswith(TRIGGERS)]
    elif path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            sheet = book.read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in sheet
        assert not re.search(rb'<c [^>]*t="(?!inlineStr|s")', sheet)


class TestRoundTrip:
    @PROPERTY
    @given(st.data(), st.sampled_from(sorted(RECORDS)), st.sampled_from(FORMATS))
    def test_dump_load_dump_load(self, data: st.DataObject, kind: str, extension: str) -> None:
        """A dump loads back equal and dumps again to the same file, safe; or it is refused."""
        if extension == ".xlsx":
            pytest.importorskip("openpyxl")
        unique = UNIQUE.get(kind)
        records = data.draw(
            st.lists(RECORDS[kind], max_size=4, unique_by=unique)
            if unique
            else st.lists(RECORDS[kind], max_size=4)
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{kind}{extension}"
            refused = next((n for n, r in enumerate(records, 1) if refusable(r, extension)), None)
            if refused is not None:
                event(f"refused ({extension})")
                with pytest.raises(DumpError) as info:
                    dump(kind)(records, path)
                assert refused == info.value.index
                assert [] == list(Path(folder).iterdir())  # nothing written, nothing left
                return
            event(f"written ({extension})")
            count = dump(kind)(records, path)
            assert len(records) == count
            first = load(kind)(path)
            assert records == first
            assert_safe(path)
            again = Path(folder) / f"{kind}-again{extension}"
            dump(kind)(first, again)
            if extension != ".xlsx":  # a workbook records when it was written
                assert path.read_bytes() == again.read_bytes()
            assert_safe(again)
            assert records == load(kind)(again)


class TestFormulas:
    @given(st.text())
    def test_escape_is_safe_and_undone(self, text: str) -> None:
        """escape_formula never returns a formula, and unescape_formula gives the text back."""
        assert not escape_formula(text).startswith(TRIGGERS)
        assert text == unescape_formula(escape_formula(text))

    @given(st.text())
    def test_loading_does_not_rearm(self, cell: str) -> None:
        """Whatever a CSV cell holds, what loading makes of it dumps safe, and stays put."""
        loaded = unescape_formula(cell)
        dumped = escape_formula(loaded)
        assert not dumped.startswith(TRIGGERS)
        assert loaded == unescape_formula(dumped)

    def test_hand_written_escapes_stay_escaped(self, tmp_path: Path) -> None:
        """A CSV whose cells carry apostrophes loads, dumps safe and loads the same again."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,currency,growth,source\n"
            "'=HYPERLINK(1),2022-01,import,5,CNY,'+59%,''=x\n"
            "''=1,2022-01,export,5,CNY,'-5%,'''@x\n"
            "=1+1,2022-02,import,5,CNY,+1%,-x\n",
            encoding="utf-8",
        )
        first = loader.load_trade_records(path)
        assert ["=HYPERLINK(1)", "'=1", "=1+1"] == [r.enterprise.name for r in first]
        assert ["'=x", "''@x", "-x"] == [r.source for r in first]
        out = tmp_path / "out" / "trade.csv"
        out.parent.mkdir()
        dumps.dump_trade_records(first, out)
        assert_safe(out)
        assert first == loader.load_trade_records(out)
        cells = csv_cells(out)
        assert {"'=HYPERLINK(1)", "''=1", "'=1+1", "'+59%", "'-5%", "'+1%", "'-x"} <= set(cells)


REFUSALS = [
    (".csv", "a\ud800b", "half of a surrogate pair"),
    (".json", "a\ud800b", "half of a surrogate pair"),
    (".jsonl", "a\ud800b", "half of a surrogate pair"),
    (".toml", "a\ud800b", "half of a surrogate pair"),
    (".xlsx", "a\ud800b", "half of a surrogate pair"),
    (".xlsx", "a\rb", "a carriage return, which an XLSX cell cannot carry"),
    (".xlsx", "a\ufffeb", "which an XLSX cell cannot carry"),
    (".csv", "a\x00b", "control character"),
    (".xlsx", "a\x1bb", "control character"),
    (".xlsx", "x" * 32_768, "the loader reads at most 10,000"),
    (".json", "x" * (MAX_CELL_CHARS + 1), "the loader reads at most 10,000"),
    (
        ".csv",
        "=" + "x" * (MAX_CELL_CHARS - 1),
        "with the apostrophe that keeps it from being a formula",
    ),
]


class TestRefusals:
    @pytest.mark.parametrize(("extension", "name", "phrase"), REFUSALS)
    def test_refused_with_record_and_field(
        self, extension: str, name: str, phrase: str, tmp_path: Path
    ) -> None:
        """Text a format cannot carry is refused at dump time, naming the record and field."""
        if extension == ".xlsx":
            pytest.importorskip("openpyxl")
        path = tmp_path / f"enterprises{extension}"
        firms_ = [Enterprise("示例科技有限公司"), Enterprise(name)]
        with pytest.raises(DumpError) as info:
            dumps.dump_enterprises(firms_, path)
        error = info.value
        assert (str(path), 2, "name") == (error.path, error.index, error.field)
        assert phrase in str(error)
        assert isinstance(error, InvalidRecordError)
        assert [] == list(tmp_path.iterdir())

    def test_an_encoding_that_cannot_write_the_text(self, tmp_path: Path) -> None:
        """Text the chosen encoding cannot write is refused, naming the record and field."""
        path = tmp_path / "enterprises.csv"
        path.write_text("name\nold\n", encoding="utf-8")
        firms_ = [Enterprise("Acme"), Enterprise("Acme", industry="制造")]
        with pytest.raises(DumpError) as info:
            dumps.dump_enterprises(firms_, path, encoding="latin-1")
        assert (2, "industry") == (info.value.index, info.value.field)
        assert "name\nold\n" == path.read_text(encoding="utf-8")  # the old file is untouched
        assert ["enterprises.csv"] == [p.name for p in tmp_path.iterdir()]

    def test_an_encoding_the_loader_cannot_read(self, tmp_path: Path) -> None:
        """A dump in an encoding the loader cannot read back (UTF-16) is refused."""
        with pytest.raises(DumpError, match="not ASCII-compatible"):
            dumps.dump_enterprises([Enterprise("Acme")], tmp_path / "e.csv", encoding="utf-16")

    def test_a_toml_file_larger_than_the_loader_reads(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A TOML dump is refused at the record that takes it past the TOML size limit."""
        from littlegiants.io import tables as _tables

        monkeypatch.setattr(_tables, "MAX_TOML_BYTES", 200)
        firms_ = [Enterprise(f"示例科技有限公司{n}") for n in range(10)]
        with pytest.raises(DumpError, match="TOML file grows beyond 200 bytes") as info:
            dumps.dump_enterprises(firms_, tmp_path / "enterprises.toml")
        assert info.value.index is not None
        assert [] == list(tmp_path.iterdir())

    def test_a_dataset_is_written_whole_or_not_at_all(self, tmp_path: Path) -> None:
        """When one file of a dataset cannot be written, no file of it is written or replaced."""
        folder = tmp_path / "data"
        folder.mkdir()
        (folder / "enterprises.csv").write_text("name\nold\n", encoding="utf-8")
        profile = Profile(honours=("a;b",))
        dataset = Dataset((Enterprise("示例科技有限公司", profile=profile),))
        with pytest.raises(DumpError) as info:
            dumps.dump_dataset(dataset, folder)
        assert (1, "honours") == (info.value.index, info.value.field)
        assert ["enterprises.csv"] == [p.name for p in folder.iterdir()]
        assert "name\nold\n" == (folder / "enterprises.csv").read_text(encoding="utf-8")


class TestFiles:
    def test_a_dump_gets_the_permissions_of_a_new_file(self, tmp_path: Path) -> None:
        """A dumped file is readable as any new file (the umask), not private to its writer."""
        path = tmp_path / "enterprises.csv"
        dumps.dump_enterprises([Enterprise("示例科技有限公司")], path)
        umask = os.umask(0)
        os.umask(umask)
        assert 0o666 & ~umask == stat.S_IMODE(path.stat().st_mode)

    def test_a_long_name_is_written(self, tmp_path: Path) -> None:
        """A file name near the system's limit is written (its temporary name is shorter)."""
        path = tmp_path / ("enterprises-" + "x" * 230 + ".json")
        assert 1 == dumps.dump_enterprises([Enterprise("示例科技有限公司")], path)

    def test_no_noise_on_stderr(self, tmp_path: Path) -> None:
        """A dump refused half-way, or a stream left half read, prints nothing on stderr."""
        pytest.importorskip("openpyxl")
        script = f"""
import gc
from pathlib import Path
from littlegiants.dumps import dump_enterprises
from littlegiants.enterprise import Enterprise
from littlegiants.loader import DumpError, iter_enterprises
folder = Path({str(tmp_path)!r})
firms = [Enterprise("示例科技有限公司"), Enterprise("a\\x00b")]
for name in ("enterprises.xlsx", "enterprises.csv"):
    try:
        dump_enterprises(firms, folder / name)
    except DumpError:
        pass
many = [Enterprise(f"示例{{n}}") for n in range(300)]
for extension in (".xlsx", ".csv", ".json", ".jsonl", ".toml"):
    dump_enterprises(many, folder / f"enterprises{{extension}}")
    stream = iter_enterprises(folder / f"enterprises{{extension}}")
    next(stream)
    del stream
gc.collect()
"""
        done = subprocess.run(
            [sys.executable, "-X", "dev", "-c", script],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert (0, "") == (done.returncode, done.stderr)


def test_stream_buffers_are_whole(tmp_path: Path) -> None:
    """A CSV dump is one write per row: a row split across buffers still reads back whole."""
    firms_ = [Enterprise("示例" * 2000 + str(n)) for n in range(20)]
    path = tmp_path / "enterprises.csv"
    dumps.dump_enterprises(firms_, path)
    assert firms_ == loader.load_enterprises(path)
    assert 21 == len(list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))))
