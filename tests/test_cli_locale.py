"""Tests of the command line in the reader's language: locales, translated tables, wrapping."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants.cli import TABLE_WIDTH, _wrapped, environment_locale, main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "loading"
CHINESE = {"LANG": "zh_CN.UTF-8"}

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
