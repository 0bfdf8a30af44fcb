"""Tests of the command line in the reader's language: locales, translated tables, wrapping."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants.cli import TABLE_WIDTH, _wrapped, environment_locale, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "loading"
CHINESE = {"LANG": "zh_CN.UTF-8"}
#: A bundled policy file, to make mistakes in.
BAOAN = ROOT / "src" / "littlegiants" / "data" / "policies" / "guangdong" / "baoan-2022.toml"

#: Every command on the bundled data, as a reader would type it.
COMMANDS = [
    ["demo"],
    ["payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--as-of", "2024-01-01"],
    ["payouts", str(EXAMPLE), "--all", "--as-of", "2024-01-01"],
    ["match", str(EXAMPLE), "--as-of", "2024-01-01"],
    ["match", str(EXAMPLE), "--as-of", "2024-01-01", "--others"],
    [
        "compare",
        str(EXAMPLE),
        "--policy",
        "shenzhen-2022",
        "--reform",
        "guangdong-2022",
        "--as-of",
        "2024-01-01",
    ],
    ["trade", str(EXAMPLE), "--by", "region"],
    ["trade", str(EXAMPLE)],
    ["policies"],
    ["validate", str(EXAMPLE)],
    ["check", str(EXAMPLE), "--tier", "little-giant", "--as-of", "2024-06-30"],
]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def run(
    capsys: pytest.CaptureFixture[str], argv: list[str], environ: dict[str, str] | None = None
) -> tuple[int, str, str]:
    status = main(argv, environ=environ or {})
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestLocaleChoice:
    @pytest.mark.parametrize(
        ("environ", "expected"),
        [
            ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
            ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de_DE"),
            ({"LANG": "zh_CN.UTF-8", "LC_ALL": "fr_FR@euro"}, "fr_FR"),
            ({"LANG": "C.UTF-8"}, "en_US"),
            ({"LANG": "POSIX"}, "en_US"),
            ({"LANG": "xx_YY.UTF-8"}, "en_US"),
            ({"LC_ALL": "", "LANG": "en_GB.UTF-8"}, "en_GB"),
            ({}, "en_US"),
        ],
    )
    def test_environment_names_the_locale(self, environ: dict[str, str], expected: str) -> None:
        """The first of LC_ALL, LC_MESSAGES and LANG set decides; else en_US."""
        assert expected == environment_locale(environ)

    def test_lang_chooses_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Under LANG=zh_CN.UTF-8 the table reads Chinese without --locale."""
        status, out, _ = run(capsys, ["policies"], CHINESE)
        assert (0, "编号") == (status, out.split()[0])

    def test_option_wins_over_the_environment(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--locale en_US reads English whatever LANG says."""
        _, out, _ = run(capsys, ["policies", "--locale", "en_US"], CHINESE)
        assert "id" == out.split()[0]

    @pytest.mark.parametrize(
        ("locale", "amount"),
        [("de_DE", "500.000,00"), ("fr_FR", "500 000,00"), ("zh_Hant_TW", "500,000.00")],
    )
    def test_any_cldr_locale_formats_amounts(
        self, capsys: pytest.CaptureFixture[str], locale: str, amount: str
    ) -> None:
        """Any locale CLDR has formats the amounts; its words read English without a catalogue."""
        argv = [*COMMANDS[1], "--locale", locale]
        status, out, _ = run(capsys, argv)
        assert 0 == status
        assert amount in out.replace("\u202f", " ").replace("\xa0", " ")
        assert out.startswith("enterprise")

    def test_unknown_locale_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A locale CLDR does not have is refused in one line, exit status 2."""
        status, out, err = run(capsys, ["policies", "--locale", "xx_XX"])
        assert (2, "", 1) == (status, out, len(err.splitlines()))
        assert "argument --locale: Unknown locale 'xx_XX'" in err


class TestTablesFit:
    @pytest.mark.parametrize("environ", [{}, CHINESE], ids=["en_US", "zh_CN"])
    @pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a[:1] + a[2:3]) for a in COMMANDS])
    def test_every_line_fits_100_columns(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], environ: dict[str, str]
    ) -> None:
        """Every table line of every command fits 100 terminal columns, wide characters as 2."""
        status, out, _ = run(capsys, argv, environ)
        table = out.split("\n\n")[0].splitlines()  # the table, before any explanation
        assert 0 == status
        assert [] == [line for line in table if _width(line) > TABLE_WIDTH]

    def test_long_cells_wrap(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The check command's criteria lists wrap in their column instead of widening the table."""
        _, out, _ = run(capsys, COMMANDS[-1])
        lines = out.splitlines()
        assert any(line.strip() == "little-giant.refinement" for line in lines)

    @given(st.text(alphabet="ab -.小巨人企业", max_size=80), st.integers(min_value=2, max_value=40))
    def test_wrapping_keeps_the_text_within_the_width(self, text: str, width: int) -> None:
        """Wrapped lines fit the width and hold every character but the spaces they break at."""
        lines = _wrapped(text, width)
        assert [] == [line for line in lines if _width(line) > width]
        assert text.replace(" ", "") == "".join(lines).replace(" ", "")


#: Commands a reader gets wrong, each printing one error.
MISTAKES = [
    ["payouts", str(EXAMPLE), "--policy", "nope"],
    ["payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--all"],
    ["payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--as-of", "2023-02-30"],
    ["trade", str(EXAMPLE), "--currency", "XYZ"],
    ["check", str(EXAMPLE), "--tier", "little-giant"],
    ["policies", "--format", "xml"],
    ["policies", "--bogus"],
    ["policies", "--locale", "xx_XX"],
    ["policy", str(ROOT / "tests" / "data" / "policies")],
    ["validate", str(EXAMPLE / "missing.csv")],
    ["frobnicate"],
    ["payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--as-of", "0000-01-01"],
]
#: A mistake in a data file: the file, its text, the replacement, and the command's options.
Mistake = tuple[str, str, str, list[str]]
#: A second currency in the trade records.
MIXED = ("trade.csv", ",27590000,USD,", ",27590000,CNY,")
#: Data mistakes the command tells in its own words or in the value type's: records in two
#: currencies, then records with no rate to convert them (none at all, only a later one, only
#: the inverse).
DATA_MISTAKES: list[Mistake] = [
    (*MIXED, []),
    ("trade.csv", "", "", ["--currency", "EUR"]),
    ("trade.csv", "", "", ["--currency", "CNY"]),
    (*MIXED, ["--currency", "USD"]),
]
#: Mistakes in a cell, which the loader reports among its problems: an amount, a growth, a
#: credit code, a region name unknown or ambiguous, a date.
LOADED_MISTAKES: list[Mistake] = [
    ("trade.csv", "US$99.2 million", "12.5x", []),
    ("trade.csv", ",59%,", ",59,", []),
    ("enterprises.csv", "91440300MA5DC12341", "91440300MA5DC12342", []),
    ("enterprises.csv", ",440300,", ",火星区,", []),
    ("enterprises.csv", ",440300,", ",南山区,", []),
    ("designations.csv", "2022-08-01", "2022-02-30", []),
]
#: Names that are English in any language (standards, libraries, the program), and the id the
#: engine gives a level a policy has no rule for (no-provincial-rule).
PROPER = ("littlegiants", "babel", "no-national-rule", "no-provincial-rule", "no-municipal-rule")
#: What is left once codes, identifiers, options, paths and quoted values are taken out.
WORD = re.compile(r"[A-Za-z]{2,}")
CODE = re.compile(
    r"'[^']*'|--[a-z-]+|\S*/\S*|(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])"  # quoted, options, paths, codes
    r"|[A-Za-z0-9-]*(?:\d|[a-z]\.[a-z])[A-Za-z0-9.-]*"  # ids with a digit or a dot
    r"|\w*_\w*|\w+(?:\.\w+)+|\w+\("  # identifiers: with an underscore, dotted, called
)


def run_mistaken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mistake: Mistake
) -> tuple[int, str, str]:
    """Run ``trade`` under LANG=zh_CN.UTF-8 on the example with one mistake made in a file."""
    name, old, new, options = mistake
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE, folder)
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return run(capsys, ["trade", str(folder), *options], CHINESE)


def _data_words() -> set[str]:
    """The words of what the data gives in English (firm names, cohort labels, the example's
    column headers), of the ids of policies and rules, and of the commands."""
    from littlegiants.cli import build_parser
    from littlegiants.loader import example_path, load_dataset
    from littlegiants.policy import policies

    names = [firm.name for firm in load_dataset(EXAMPLE).enterprises]
    seed = load_dataset(example_path("shenzhen-2022"))
    names += [firm.name for firm in seed.enterprises] + [c.label for c in seed.aggregates]
    ids = [p.id for p in policies()] + [r.id for p in policies() for r in p.rules]
    [action] = build_parser()._subparsers._group_actions  # type: ignore[union-attr]
    commands = list(action.choices)  # type: ignore[arg-type]
    headers = [
        path.read_text(encoding="utf-8").partition("\n")[0] for path in EXAMPLE.glob("*.csv")
    ]
    return set(WORD.findall(" ".join([*names, *ids, *commands, *PROPER, *headers])))


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The ASCII-only words of ``text`` that are not codes, ids, paths or words of the data."""
    return [word for word in WORD.findall(CODE.sub(" ", text)) if word not in allowed]


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    """The English the data itself holds, and the ids of policies and rules."""
    return _data_words()


class TestChineseThroughout:
    @pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a[:1] + a[2:3]) for a in COMMANDS])
    def test_tables_have_no_english_word(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], allowed: set[str]
    ) -> None:
        """Under LANG=zh_CN.UTF-8 headers, statuses, levels and totals are all Chinese."""
        status, out, err = run(capsys, argv, CHINESE)
        table = out.split("\n\n")[0]  # the table and its notes, before any explanation
        assert (0, "", []) == (status, err, english_words(table, allowed))

    @pytest.mark.parametrize("argv", MISTAKES, ids=[" ".join(a[:1] + a[2:]) for a in MISTAKES])
    def test_errors_have_no_english_word(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], allowed: set[str]
    ) -> None:
        """Under LANG=zh_CN.UTF-8 every error, ours or argparse's, is one Chinese line."""
        status, out, err = run(capsys, argv, CHINESE)
        assert (2, "", 1) == (status, out, len(err.splitlines()))
        assert err.startswith("littlegiants: 错误：")
        assert [] == english_words(err, allowed)

    @pytest.mark.parametrize(
        "mistake",
        [pytest.param(case, id=" ".join([case[2], *case[3]])) for case in DATA_MISTAKES],
    )
    def test_data_errors_have_no_english_word(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        allowed: set[str],
        mistake: Mistake,
    ) -> None:
        """A mistake in a data file is told in Chinese, the reason from the value type too."""
        status, out, err = run_mistaken(capsys, tmp_path, mistake)
        assert (True, "", True) == (status != 0, out, err.startswith("littlegiants: 错误："))
        assert [] == english_words(err, allowed)

    @pytest.mark.parametrize(
        "mistake", [pytest.param(case, id=case[2]) for case in LOADED_MISTAKES]
    )
    def test_cell_errors_have_no_english_word(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        allowed: set[str],
        mistake: Mistake,
    ) -> None:
        """A bad cell is one located Chinese line, the reason from the value type too."""
        status, out, err = run_mistaken(capsys, tmp_path, mistake)
        where = f"littlegiants: {tmp_path / 'data'}/"
        lines = err.splitlines()
        assert (True, "", []) == (status != 0, out, [x for x in lines if not x.startswith(where)])
        assert lines[0].startswith(f"{where}{mistake[0]}，第 ")
        assert [] == english_words(err, allowed)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            pytest.param('amount = "200000"', "amount = 200000.5", id="float"),
            pytest.param('amount = "200000"', 'amount = "-5"', id="negative"),
            pytest.param('amount = "200000"', 'amount = "1e40"', id="huge"),
            pytest.param('jurisdiction = "440306"', "jurisdiction = 440306", id="type"),
            pytest.param('id = "baoan-2022"', 'id = "Bao An"', id="id"),
            pytest.param('id = "national"', 'id = "provincial"', id="twice"),
        ],
    )
    def test_policy_file_errors_have_no_english_word(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        allowed: set[str],
        old: str,
        new: str,
    ) -> None:
        """``policy bad.toml`` under LANG=zh_CN.UTF-8 tells the file's mistake in Chinese."""
        text = BAOAN.read_text(encoding="utf-8")
        path = tmp_path / "bad.toml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        status, out, err = run(capsys, ["policy", str(path)], CHINESE)
        assert (True, "", "littlegiants: 错误：政策文件") == (status != 0, out, err[:21])
        keys = set(WORD.findall(" ".join(re.findall(r"键 ([^）]+)）", err))))  # the key path
        assert [] == english_words(err, allowed | keys)

    def test_a_fresh_process_reads_lang(self, allowed: set[str]) -> None:
        """A fresh ``python -m littlegiants`` under LANG=zh_CN.UTF-8 prints Chinese."""
        environ = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONIOENCODING": "utf-8"}
        for name in ("LC_ALL", "LC_MESSAGES"):
            environ.pop(name, None)
        table = subprocess.run(
            [sys.executable, "-m", "littlegiants", *COMMANDS[1]],
            capture_output=True,
            text=True,
            env=environ,
            check=False,
        )
        error = subprocess.run(
            [sys.executable, "-m", "littlegiants", *MISTAKES[0]],
            capture_output=True,
            text=True,
            env=environ,
            check=False,
        )
        assert (0, 2) == (table.returncode, error.returncode)
        assert table.stdout.startswith("企业")
        assert [] == english_words(table.stdout + error.stderr, allowed)

    def test_english_stays_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The library's str(error) and the en_US table are English, as before."""
        _, out, err = run(capsys, COMMANDS[1])
        assert ["enterprise", "policy"] == out.split()[:2]
        _, _, err = run(capsys, MISTAKES[0])
        assert err.startswith("littlegiants: error: No bundled policy 'nope': known ids are")


#: Words a cell may hold, which a Chinese reason quotes as the spellings it accepts.
SPELLINGS = ("import", "export")
#: One bad cell in each kind's example file: the file, the cell's text, and what replaces it.
BAD_CELLS = [
    ("aggregates.csv", "446.4亿元", "四百亿"),
    ("counts.csv", ",443,", ",443.5,"),
    ("designations.csv", "省级", "县级"),
    ("enterprises.csv", "440305", "火星区"),
    ("financials.csv", ",12000,", ",12.5x,"),
    ("profiles.csv", "12%", "12x%"),
    ("rates.csv", "7.2292", "-7.2292"),
    ("relocations.csv", "2020-09-01", "2020-13-01"),
    ("trade.csv", ",import,", ",sideways,"),
]


class TestValidateSaysChinese:
    @pytest.mark.parametrize("bad", BAD_CELLS, ids=[bad[0] for bad in BAD_CELLS])
    def test_a_bad_cell_of_each_kind_is_told_in_chinese(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        allowed: set[str],
        bad: tuple[str, str, str],
    ) -> None:
        """validate under LANG=zh_CN.UTF-8 says a bad cell's problem with no English word."""
        name, old, new = bad
        text = (EXAMPLE / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
        monkeypatch.chdir(tmp_path)  # a short relative name: the table's wrap does not vary
        status, out, err = run(capsys, ["validate", name], CHINESE)
        data = allowed | set(WORD.findall(new)) | set(SPELLINGS)
        assert (True, True, []) == (
            status != 0,
            new.strip(",") in out,
            english_words(out + err, data),
        )
