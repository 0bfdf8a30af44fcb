"""Robustness of the TOML data-file readers: policies, criteria, scenarios and the batches table.

Whatever text or bytes a reader is given, only its documented library error escapes, located in
the file; a corpus of hostile files pins the exact error of each. Near-misses of the bundled files
(one value, key or bracket changed) are the inputs that reach deepest into the readers.
"""

from __future__ import annotations

import os
import pickle
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from littlegiants import batches
from littlegiants._tomlindex import MAX_NESTING, decode, line_index, render
from littlegiants.eligibility import CriteriaSet
from littlegiants.errors import (
    BatchesFileError,
    CriteriaFileError,
    LittleGiantsError,
    MissingDataFileError,
    PolicyFileError,
    ScenarioFileError,
    UnreadableFileError,
)
from littlegiants.policy import IncentivePolicy
from littlegiants.testing import load_scenarios, scenarios_from_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "littlegiants" / "data"
CORPUS = Path(__file__).parent / "corpus"

Reader = Callable[[str, str], object]


def _scenarios(text: str, path: str) -> object:
    return scenarios_from_text(text, path=path)


def _batches(text: str, path: str) -> object:
    return batches._read_dataset(text, path)  # the bundled table's own reader


#: For each kind of file: its reader of text, the one error it documents, and real files of it.
KINDS: dict[str, tuple[Reader, type[LittleGiantsError], list[Path]]] = {
    "policy": (
        lambda text, path: IncentivePolicy.from_toml_text(text, path=path),
        PolicyFileError,
        sorted((DATA / "policies").rglob("*.toml")),
    ),
    "criteria": (
        lambda text, path: CriteriaSet.from_toml_text(text, path=path),
        CriteriaFileError,
        sorted((DATA / "criteria").glob("*.toml")),
    ),
    "scenario": (
        _scenarios,
        ScenarioFileError,
        [
            *sorted((ROOT / "tests" / "scenarios").glob("*.toml")),
            *sorted(ROOT.glob("docs/**/*.scenarios.toml")),
        ],
    ),
    "batches": (_batches, BatchesFileError, [DATA / "miit_batches.toml"]),
}
TEXTS = {
    kind: [(str(path), path.read_text(encoding="utf-8")) for path in files]
    for kind, (_, _, files) in KINDS.items()
}


def _outcome(kind: str, text: str, path: str) -> LittleGiantsError | None:
    """Read ``text``; return the documented error it raised (checked), or None if it read."""
    reader, documented, _ = KINDS[kind]
    try:
        reader(text, path)
    except documented as error:
        _check_error(error, text, path)
        return error
    return None


def _check_error(error: LittleGiantsError, text: str, path: str) -> None:
    """A documented error: a sentence, located in this file on one of its lines, picklable."""
    assert str(error)
    location = getattr(error, "location", None)
    assert location is not None
    assert path == location.path
    if location.line is not None:
        assert 1 <= location.line <= text.count("\n") + 1
    assert str(error) == str(pickle.loads(pickle.dumps(error)))  # noqa: S301 - our own error


# -- near-misses of the bundled files ---------------------------------------------------------

_KEY_LINE = re.compile(r"^(\s*)([A-Za-z0-9_.\"' -]+?)(\s*=\s*)(.*)$")

#: Values that break a reader somewhere: exponents, bounds, wrong types, control characters.
HOSTILE_VALUES = [
    '"5E+5"',
    '"1E+999999999"',
    '"1E-65"',
    '"-1"',
    '"NaN"',
    '"Infinity"',
    '"70%"',
    '"1E+40%"',
    '"50万元"',
    '"1' + "0" * 40 + '"',
    '"1' + "0" * 30 + '万元"',
    "1" + "0" * 40,
    "9" * 5000,
    "0x" + "f" * 40,
    "-5",
    "500000.0",
    "inf",
    "nan",
    "true",
    "2022-02-28",
    "2022-08-01T00:00:00",
    "07:00:00",
    '"2022-08-01"',
    '"2022-08-32"',
    '"x\\n"',
    '"\\u0000"',
    '"\\u202e"',
    '""',
    '" "',
    "[]",
    "{}",
    '[1, "a"]',
    "[[1]]",
    '{ a = 1, "b\\n" = 2 }',
    '[{ level = "national", amount = "1" }]',
    "[" * (MAX_NESTING + 5) + "]" * (MAX_NESTING + 5),
    "[" * 3000 + "]" * 3000,
    "{a = " * 1000 + "1" + "}" * 1000,
]
#: Plausible words, so that mutated values often pass the first checks and reach later ones.
WORDS = [
    '"national"',
    '"provincial"',
    '"designation"',
    '"percentage"',
    '"440300"',
    '"CNY"',
    '"USD"',
    '"all"',
    '"band"',
    '"ratio"',
    '"score"',
    '"shenzhen-2022"',
    '"rd_expense"',
    "1",
    "0",
    "2025",
]
values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.sampled_from(WORDS),
    st.integers().map(str),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)


@st.composite
def near_misses(draw: st.DrawFn, kind: str) -> tuple[str, str]:
    """A bundled file of ``kind`` with one to three values, keys, brackets or lines changed."""
    path, text = draw(st.sampled_from(TEXTS[kind]))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    return path, "\n".join(lines)


def _key_line(draw: st.DrawFn, lines: list[str]) -> tuple[int, re.Match[str]] | None:
    """A ``key = value`` line drawn from ``lines``, with its parts, or None if there is none."""
    candidates = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    if not candidates:
        return None
    i = draw(st.sampled_from(candidates))
    match = _KEY_LINE.match(lines[i])
    assert match is not None
    return i, match


def _new_value(draw: st.DrawFn, lines: list[str]) -> list[str]:
    found = _key_line(draw, lines)
    if found is None:
        return lines
    i, match = found
    return [*lines[:i], match[1] + match[2] + match[3] + draw(values), *lines[i + 1 :]]


def _new_key(draw: st.DrawFn, lines: list[str]) -> list[str]:
    found = _key_line(draw, lines)
    if found is None:
        return lines
    i, match = found
    key = match[2]
    at = draw(st.integers(0, len(key)))
    extra = draw(st.sampled_from(["x", "_", ".", '"', "\\u0007", "-", "9", "é", ""]))
    key = key[:at] + extra + key[at + 1 :] if draw(st.booleans()) else key[:at] + extra + key[at:]
    return [*lines[:i], match[1] + key + match[3] + match[4], *lines[i + 1 :]]


def _bracket(draw: st.DrawFn, lines: list[str]) -> list[str]:
    candidates = [i for i, line in enumerate(lines) if any(c in line for c in "[]{}")]
    if not candidates:
        return lines
    i = draw(st.sampled_from(candidates))
    line = lines[i]
    at = draw(st.sampled_from([j for j, c in enumerate(line) if c in "[]{}"]))
    change = draw(
        st.sampled_from(["", line[at] * 2, '"' + line[at], "]" if line[at] == "[" else "["])
    )
    return [*lines[:i], line[:at] + change + line[at + 1 :], *lines[i + 1 :]]


def _line(draw: st.DrawFn, lines: list[str]) -> list[str]:
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["drop", "copy", "swap"]))
    if how == "drop":
        return [*lines[:i], *lines[i + 1 :]]
    if how == "copy":
        return [*lines[:i], lines[j], *lines[i:]]
    swapped = list(lines)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    return swapped


MUTATIONS = [_new_value, _new_value, _new_key, _bracket, _line]

#: Examples per test: enough to reach every reader's checks, within the suite's time budget.
EXAMPLES = {"policy": 600, "criteria": 250, "scenario": 500, "batches": 300}


def _fuzz(examples: int) -> settings:
    """Settings for a fuzzing test: ``examples`` inputs, no deadline (a criteria file is slow)."""
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


class TestNearMisses:
    @pytest.mark.parametrize("kind", list(KINDS))
    def test_only_the_documented_error_escapes(self, kind: str) -> None:
        """A bundled file with a value, key, bracket or line changed reads, or raises its error."""

        @_fuzz(EXAMPLES[kind])
        @given(near_misses(kind))
        def check(case: tuple[str, str]) -> None:
            path, text = case
            _outcome(kind, text, path)

        check()

    def test_the_bundled_files_read(self) -> None:
        """The unmutated bundled files read without error (the fuzzing starts from valid files)."""
        for kind, texts in TEXTS.items():
            for path, text in texts:
                assert _outcome(kind, text, path) is None, path


class TestArbitraryInput:
    @pytest.mark.parametrize("kind", list(KINDS))
    def test_arbitrary_text(self, kind: str) -> None:
        """Any text at all: the reader's error or a value, nothing else."""

        @_fuzz(200)
        @given(st.text())
        def check(text: str) -> None:
            _outcome(kind, text, "fuzz.toml")

        check()

    @pytest.mark.parametrize("kind", list(KINDS))
    def test_arbitrary_bytes(self, kind: str) -> None:
        """Any bytes, decoded as a file's are: an error on the line of the bad byte, or a read."""
        _, documented, _ = KINDS[kind]

        @_fuzz(200)
        @given(st.one_of(st.binary(), st.text().map(lambda t: t.encode("utf-16"))))
        def check(data: bytes) -> None:
            try:
                text = decode(data, "fuzz.toml", documented)
            except documented as error:
                where = error.location
            else:
                _outcome(kind, text, "fuzz.toml")
                return
            assert where is not None
            assert 1 <= where.line <= data.count(b"\n") + 1

        check()

    def test_random_bytes_in_a_real_file(self, tmp_path: Path) -> None:
        """Files of random bytes read through from_toml raise only PolicyFileError."""

        @_fuzz(50)
        @given(st.binary(max_size=200))
        def check(data: bytes) -> None:
            path = tmp_path / "random.toml"
            path.write_bytes(data)
            with pytest.raises(PolicyFileError):
                IncentivePolicy.from_toml(path)

        check()


# -- the line index ---------------------------------------------------------------------------


def _paths(value: object, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if at:
        yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*at, index))


class TestLineIndex:
    def test_every_key_path_of_a_near_miss_has_its_line(self) -> None:
        """For any valid TOML, every key path is indexed, and a key's line names the key."""

        @_fuzz(300)
        @given(st.sampled_from(list(KINDS)).flatmap(near_misses))
        def check(case: tuple[str, str]) -> None:
            _, text = case
            try:
                data = tomllib.loads(text)
            except (tomllib.TOMLDecodeError, ValueError, RecursionError):
                return
            index = line_index(text)
            lines = text.split("\n")  # TOML's lines: splitlines() also breaks at NEL, U+2028
            for path in _paths(data):
                assert path in index, render(path)
                last = path[-1]
                if isinstance(last, str) and re.fullmatch(r"[A-Za-z0-9_-]+", last):
                    assert last in lines[index[path] - 1], (render(path), index[path])

        check()

    @pytest.mark.parametrize(
        ("text", "path", "line"),
        [
            ('[[ "a" ]]\nx = 1\n[["a"]]\nx = 2', ("a", 1, "x"), 4),
            ("[a . 'b' . \"c\"]\nx = 1", ("a", "b", "c", "x"), 2),
            ('a.b."c.d" = 1', ("a", "b", "c.d"), 1),
            ('id = "\x85\u2028"\ntitle = "t"', ("title",), 2),  # TOML breaks lines at \n only
            ('"\\u0041" = 1', ("A",), 1),
            ("x = [\n  1,\n  [2,\n   3],\n]", ("x", 1, 1), 4),
            ("x = [ # [ in a comment\n  { a = 1 },\n  { a = '[' },\n]", ("x", 1, "a"), 3),
            ('s = """\nk = 1\n"""\nk = 2', ("k",), 4),
            ("s = '''[[x]]\n'''\n[t]\nk = 1", ("t", "k"), 4),
            ('s = """a""""\n[t]\nk = 1', ("t", "k"), 3),
            ("[[a.b]]\n[[a.b]]\n[a.b.c]\nk = 1", ("a", "b", 1, "c", "k"), 4),
            ("t = 1979-05-27 07:32:00\n[u]\nk = 1", ("u", "k"), 3),
            ("a = 1\r\nb = 2\r\n", ("b",), 2),
        ],
    )
    def test_quoted_dotted_and_nested_keys(
        self, text: str, path: tuple[str | int, ...], line: int
    ) -> None:
        """Quoted headers, dotted keys, strings and comments holding brackets, CRLF lines."""
        tomllib.loads(text)
        assert line == line_index(text)[path]


# -- the corpus of hostile files --------------------------------------------------------------

#: Each corpus file's error: class, line, key path and a fragment of the message; None reads.
EXPECTED: dict[str, tuple[type[LittleGiantsError], int | None, str | None, str] | None] = {
    "policies/amount-beyond-bounds.toml": (PolicyFileError, 22, "rules[0].amount", "magnitude"),
    "policies/amount-too-fine.toml": (PolicyFileError, 22, "rules[0].amount", "finer than"),
    "policies/binary.toml": (PolicyFileError, 1, None, "not UTF-8 text (byte 0x89 at byte 1"),
    "policies/byte-order-mark.toml": None,
    "policies/deep-arrays.toml": (PolicyFileError, 23, None, "more than 32 deep"),
    "policies/deep-inline-tables.toml": (PolicyFileError, 23, None, "more than 32 deep"),
    "policies/dotted-keys.toml": (PolicyFileError, 10, "effective.start", "a TOML date"),
    "policies/empty.toml": (PolicyFileError, None, "id", "a required key is missing"),
    "policies/id-bidi-override.toml": (PolicyFileError, 2, "id", "lower-case letters"),
    "policies/id-trailing-newline.toml": (PolicyFileError, 2, "id", "lower-case letters"),
    "policies/integer-beyond-bounds.toml": (
        PolicyFileError,
        23,
        "rules[0].batches[0]",
        "beyond the limit of 1E+31",
    ),
    "policies/key-control-character.toml": (
        PolicyFileError,
        3,
        '"ti\\u0007tle"',
        "cannot hold the control character",
    ),
    "policies/lone-carriage-return.toml": (PolicyFileError, 3, None, "not valid TOML"),
    "policies/nested-beyond-limit.toml": (
        PolicyFileError,
        20,
        "rules[0].quote" + "[0]" * 30,
        "more than 32 deep",
    ),
    "policies/not-utf8.toml": (PolicyFileError, 3, None, "it is not UTF-8 text"),
    "policies/nul-byte.toml": (PolicyFileError, 2, None, "not valid TOML"),
    "policies/number-too-long.toml": (PolicyFileError, 23, None, "far beyond the limit"),
    "policies/percent-beyond-bounds.toml": (PolicyFileError, 21, "rules[0].percent", "magnitude"),
    "policies/quoted-header.toml": (PolicyFileError, 22, "rules[0].amount", "never floats"),
    "policies/rule-id-nul.toml": (PolicyFileError, 19, "rules[0].id", "control character"),
    "policies/syntax-error.toml": (PolicyFileError, 22, None, "not valid TOML"),
    "criteria/criterion-id-newline.toml": (CriteriaFileError, 21, "criteria[0].id", "dotted"),
    "criteria/deep-arrays.toml": (CriteriaFileError, 35, None, "more than 32 deep"),
    "criteria/id-trailing-newline.toml": (CriteriaFileError, 2, "id", "lower-case letters"),
    "criteria/integer-beyond-bounds.toml": (
        CriteriaFileError,
        34,
        "criteria[1].years",
        "beyond the limit of 1E+31",
    ),
    "criteria/money-beyond-bounds.toml": (
        CriteriaFileError,
        33,
        "criteria[1].at_least",
        "magnitude",
    ),
    "criteria/not-utf8.toml": (CriteriaFileError, 3, None, "it is not UTF-8 text"),
    "criteria/percent-beyond-bounds.toml": (
        CriteriaFileError,
        33,
        "criteria[1].at_least",
        "magnitude",
    ),
    "criteria/reading-id-tab.toml": (CriteriaFileError, 17, "readings[0].id", "control character"),
    "criteria/source-id-control.toml": (
        CriteriaFileError,
        13,
        'sources."demo\\u0007"',
        "control character",
    ),
    "criteria/syntax-error.toml": (CriteriaFileError, 13, None, "not valid TOML"),
    "scenarios/amount-beyond-bounds.scenarios.toml": (
        ScenarioFileError,
        10,
        "scenario[0].expected.total",
        "magnitude",
    ),
    "scenarios/amount-exponent.scenarios.toml": (
        ScenarioFileError,
        10,
        "scenario[0].expected.total",
        "Cannot read '5E+5' as money",
    ),
    "scenarios/bad-policy.scenarios.toml": (
        ScenarioFileError,
        4,
        "scenario[0].policy",
        "syntax-error.toml, line 22): it is not valid TOML",
    ),
    "scenarios/date-as-string.scenarios.toml": (
        ScenarioFileError,
        11,
        "scenario[0].expected.items[0].on",
        "a TOML date",
    ),
    "scenarios/deep.scenarios.toml": (ScenarioFileError, 12, None, "more than 32 deep"),
    "scenarios/duplicate-names.scenarios.toml": (
        ScenarioFileError,
        12,
        "scenario[1].name",
        "two scenarios have this name",
    ),
    "scenarios/enterprise-bad-date.scenarios.toml": (
        ScenarioFileError,
        10,
        "scenario[0].enterprise.designations[1].awarded_on",
        "day is out of range",
    ),
    "scenarios/integer-beyond-bounds.scenarios.toml": (
        ScenarioFileError,
        8,
        "scenario[0].enterprise.financials[0].year",
        "beyond the limit of 1E+31",
    ),
    "scenarios/missing-policy.scenarios.toml": (
        ScenarioFileError,
        4,
        "scenario[0].policy",
        "nope.toml: no such file",
    ),
    "scenarios/name-newline.scenarios.toml": (
        ScenarioFileError,
        3,
        "scenario[0].name",
        "control character '\\n'",
    ),
    "scenarios/not-utf8.scenarios.toml": (ScenarioFileError, 6, None, "it is not UTF-8 text"),
    "scenarios/override-date-as-string.scenarios.toml": (
        ScenarioFileError,
        12,
        "scenario[0].overrides.effective_to",
        "a TOML date",
    ),
    "scenarios/payment-index.scenarios.toml": (
        ScenarioFileError,
        8,
        "scenario[0].payments[2].amount",
        "Cannot read '5E+5' as money",
    ),
    "scenarios/quoted-headers.scenarios.toml": (
        ScenarioFileError,
        10,
        "scenario[0].expected.total",
        "Cannot read '5E+5' as money",
    ),
    "scenarios/unknown-status.scenarios.toml": (
        ScenarioFileError,
        11,
        "scenario[0].expected.items[0].status",
        "expected one of payable",
    ),
}
FILE_READERS: dict[str, Callable[[Path], object]] = {
    "policies": IncentivePolicy.from_toml,
    "criteria": CriteriaSet.from_toml,
    "scenarios": load_scenarios,
}


def _corpus() -> list[str]:
    return sorted(
        str(path.relative_to(CORPUS))
        for folder in FILE_READERS
        for path in (CORPUS / folder).iterdir()
        if path.is_file()
    )


class TestCorpus:
    def test_every_file_has_its_expected_error(self) -> None:
        """The table below lists every corpus file, and nothing else."""
        assert sorted(EXPECTED) == _corpus()

    @pytest.mark.parametrize("name", _corpus())
    def test_the_exact_error(self, name: str) -> None:
        """Each hostile file raises its documented error, on its line, at its key path."""
        path = CORPUS / name
        read = FILE_READERS[name.partition("/")[0]]
        expected = EXPECTED[name]
        if expected is None:
            read(path)
            return
        error_class, line, key, fragment = expected
        with pytest.raises(error_class) as info:
            read(path)
        assert error_class is type(info.value)
        location = info.value.location  # type: ignore[attr-defined]
        assert (str(path), line, key) == (location.path, location.line, location.field)
        assert fragment in str(info.value)


class TestPaths:
    """Paths git cannot hold, made in a temporary folder: each is refused at once, never opened."""

    @pytest.fixture(params=["missing", "folder", "fifo", "broken-link", "too-long", "nul"])
    def bad_path(self, request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
        path = tmp_path / "policy.toml"
        reason = {
            "missing": "no such file",
            "folder": "it is a folder, not a file",
            "fifo": "it is a FIFO, not a regular file",
            "broken-link": "a symbolic link to nothing",
            "too-long": "file name too long",
            "nul": "the path holds a NUL character",
        }[request.param]
        if request.param == "folder":
            path.mkdir()
        elif request.param == "fifo":
            os.mkfifo(path)
        elif request.param == "broken-link":
            path.symlink_to(tmp_path / "gone.toml")
        elif request.param == "too-long":
            path = tmp_path / ("x" * 300 + ".toml")
        elif request.param == "nul":
            path = tmp_path / "a\x00b.toml"
        return path, reason

    @pytest.mark.parametrize("folder", list(FILE_READERS))
    def test_every_reader_refuses_it(self, folder: str, bad_path: tuple[Path, str]) -> None:
        """Policies, criteria and scenarios: an UnreadableFileError (an OSError) naming it."""
        path, reason = bad_path
        with pytest.raises(UnreadableFileError) as info:
            FILE_READERS[folder](path)
        assert isinstance(info.value, OSError)
        assert f"Cannot read {path}: {reason}." == str(info.value)
        assert isinstance(info.value, FileNotFoundError) == (
            isinstance(info.value, MissingDataFileError)
        )
