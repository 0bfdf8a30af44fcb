"""Tests of the littlegiants command line, in-process and as a subprocess."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow.csv as pv
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from stdnum.cn import uscc

from littlegiants import Money, load_dataset, load_policy, match
from littlegiants import io as littlegiants_io
from littlegiants import policies as load_policies
from littlegiants.cli import main
from littlegiants.errors import MissingExtraError
from littlegiants.io import kinds as _schemas

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "loading"
BAD = ROOT / "tests" / "data" / "bad"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestDemo:
    def test_prints_the_seed_figures_as_computed_values(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The demo shows every figure of the article, computed from the bundled example."""
        status, out, err = run(capsys, "demo")
        assert (0, "") == (status, err)
        for figure in (
            "CN¥44.64B",
            "$6.24B",
            "+11%",
            "320 enterprises",
            "$99.2M",
            "+59%",
            "$27.59M",
            "+109%",
            "CN¥500,000.00",
            "CN¥200,000.00",
            "CN¥100,000.00",
            "443",
            "275",
            "600",
            "CN¥137,500,000.00",
            "CN¥78,500,000.00",
            "7.1538",
        ):
            assert figure in out

    def test_chinese_amounts_read_in_yi(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Under zh_CN large amounts read in 万 and 亿."""
        status, out, _ = run(capsys, "demo", "--locale", "zh_CN")
        assert 0 == status
        assert "¥446.4亿" in out
        assert "US$9920万" in out

    def test_json_has_exact_decimal_strings(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON output carries exact amounts as strings, never floats."""
        status, out, _ = run(capsys, "demo", "--format", "json")
        assert 0 == status
        values = {row["figure"]: row["value"] for row in json.loads(out)}
        assert "44640000000.00" in values.values()
        assert all(isinstance(value, str) for value in values.values())


class TestPayouts:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The payout table lists items with their status and the total."""
        status, out, _ = run(
            capsys, "payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--as-of", "2024-01-01"
        )
        assert 0 == status
        assert "outside-period" in out
        assert "total: CN¥500,000.00 (3 enterprises)" in out

    def test_csv_and_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV has a header and one row per item; JSON has the exact total."""
        _, out, _ = run(
            capsys, "payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--format", "csv"
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {"500000", "0"} <= {row["amount"] for row in rows}
        _, out, _ = run(
            capsys, "payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--format", "json"
        )
        payload = json.loads(out)
        assert ("shenzhen-2022", "500000") == (payload["policy"], payload["total"])

    def test_explain(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--explain prints each payout's trace with the parameters read."""
        _, out, _ = run(capsys, "payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--explain")
        assert "Parameters read:" in out

    def test_policy_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--policy takes a policy file as well as a bundled id."""
        source = load_policy("shenzhen-2022").path
        assert source is not None
        copy = tmp_path / "mine.toml"
        copy.write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
        status, out, _ = run(capsys, "payouts", str(EXAMPLE), "--policy", str(copy))
        assert 0 == status
        assert "total:" in out


class TestStackedPayouts:
    STACK = ("--policy", "guangdong-2022", "--policy", "shenzhen-2022", "--policy", "nanshan-2022")

    def test_several_policies_are_stacked(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--policy repeated stacks the policies: every item of each, totals by issuer."""
        status, out, _ = run(
            capsys,
            "payouts",
            str(EXAMPLE),
            *self.STACK,
            "--as-of",
            "2024-01-01",
            "--format",
            "json",
        )
        payload = json.loads(out)
        assert (0, "1900000") == (status, payload["total"])
        assert "guangdong-2022+shenzhen-2022+nanshan-2022" == payload["policy"]
        assert ["guangdong-2022", "nanshan-2022", "shenzhen-2022"] == payload["policies"]
        assert {"guangdong-2022", "shenzhen-2022", "nanshan-2022"} == {
            row["policy_id"] for row in payload["rows"]
        }
        assert "1000000" == next(
            amount for issuer, amount in payload["by_issuer"].items() if issuer.startswith("广东")
        )

    def test_a_stack_explains_what_lies_between_the_policies(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--explain on a stack prints each policy's trace and what the sources say between them."""
        status, out, _ = run(capsys, "payouts", str(EXAMPLE), *self.STACK, "--explain")
        assert 0 == status
        assert "Between the policies:" in out
        assert "the sources say nothing about how they combine" in out
        assert "by issuer:" in out

    def test_all_takes_every_policy_that_covers_each_firm(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--all is the catalogue matched against each firm: Nanshan for a Nanshan firm."""
        status, out, _ = run(
            capsys, "payouts", str(EXAMPLE), "--all", "--as-of", "2024-01-01", "--format", "json"
        )
        payload = json.loads(out)
        assert (0, "all", "1900000") == (status, payload["policy"], payload["total"])
        assert "nanshan-2022" in payload["policies"]

    @pytest.mark.parametrize(
        ("argv", "reason"),
        [
            (("--all", "--policy", "shenzhen-2022"), "give --policy"),
            ((), "give --policy"),
            (("--policy", "shenzhen-2022", "--policy", "shenzhen-2022"), "twice"),
        ],
        ids=["both", "neither", "twice"],
    )
    def test_policy_choices_are_usage_errors(
        self, argv: tuple[str, ...], reason: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--policy with --all, neither, or a policy named twice: exit 2, one line."""
        status, out, err = run(capsys, "payouts", str(EXAMPLE), *argv)
        assert (2, "") == (status, out)
        assert reason in err
        assert 1 == len(err.strip().splitlines())


class TestMatch:
    def test_the_bundled_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Hosin (Shenzhen, no designation date in the article) is covered by two policies."""
        from littlegiants import example_path

        status, out, err = run(capsys, "match", str(example_path()), "--as-of", "2024-01-01")
        assert (0, "") == (status, err)
        assert "guangdong-2022" in out
        assert "shenzhen-2022" in out
        assert "it has no designation, re-review or move the policy rewards yet" in out
        assert "not applying to Shenzhen Hosin Global Electronics Co. Ltd.: 21 outside" in out

    def test_json_has_each_firms_policies_totals_and_reasons(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """JSON gives the applying policies as rows and, per firm, the total and the others."""
        status, out, _ = run(
            capsys, "match", str(EXAMPLE), "--as-of", "2024-01-01", "--format", "json"
        )
        payload = json.loads(out)
        assert 0 == status
        firm = next(f for f in payload["firms"] if f["name"] == "示例科技有限公司")
        assert "1900000" == firm["total"]
        outside = {m["policy_id"]: m for m in firm["not_applying"]}
        assert "outside-jurisdiction" == outside["pudong"]["coverage"]
        assert "not within 310115" in outside["pudong"]["reason"]
        applying = {r["policy_id"] for r in payload["rows"] if r["name"] == "示例科技有限公司"}
        assert {"guangdong-2022", "nanshan-2022", "shenzhen-2022", "total"} == applying

    def test_others_lists_the_policies_that_do_not_apply(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--others adds a row per policy that does not apply, with the reason."""
        _, out, _ = run(
            capsys, "match", str(EXAMPLE), "--as-of", "2024-01-01", "--others", "--format", "csv"
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        pudong = [r for r in rows if r["policy_id"] == "pudong"]
        assert 3 == len(pudong)
        assert {"false"} == {r["applies"] for r in pudong}

    def test_given_policies_only(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--policy matches against the policies given instead of the catalogue."""
        _, out, _ = run(
            capsys, "match", str(EXAMPLE), "--policy", "shenzhen-2022", "--format", "json"
        )
        assert {"shenzhen-2022", "total"} == {row["policy_id"] for row in json.loads(out)["rows"]}

    def test_chinese_reasons(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Under zh_CN the reasons are Chinese."""
        _, out, _ = run(capsys, "match", str(EXAMPLE), "--locale", "zh_CN", "--as-of", "2024-01-01")
        assert "奖励¥1,000,000.00" in out

    def test_explain(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--explain prints each firm's answer, the others included."""
        _, out, _ = run(capsys, "match", str(EXAMPLE), "--as-of", "2024-01-01", "--explain")
        assert "policies apply, paying CN¥1,900,000.00" in out
        assert "Not applying:" in out

    def test_all_is_the_catalogue(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--all spells out the default (the whole catalogue) and cannot be given with --policy."""
        argv = ("match", str(EXAMPLE), "--as-of", "2024-01-01", "--format", "json")
        _, default, _ = run(capsys, *argv)
        status, spelled, _ = run(capsys, *argv, "--all")
        assert (0, json.loads(default)) == (status, json.loads(spelled))
        status, out, err = run(capsys, *argv, "--all", "--policy", "shenzhen-2022")
        assert (2, "") == (status, out)
        assert "not both" in err

    def test_an_unknown_policy_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown --policy exits 2 naming it."""
        status, _, err = run(capsys, "match", str(EXAMPLE), "--policy", "atlantis")
        assert 2 == status
        assert "atlantis" in err

    def test_names_that_read_as_formulas_are_neutralized(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A firm named like a formula gets a leading apostrophe in match CSV."""
        path = tmp_path / "enterprises.csv"
        path.write_text("name,region\n=SUM(A1),440305\n", encoding="utf-8")
        status, out, _ = run(capsys, "match", str(path), "--format", "csv")
        assert 0 == status
        assert {"'=SUM(A1)"} == {row["name"] for row in csv.DictReader(io.StringIO(out))}


def _longgang_firms(folder: Path) -> Path:
    """A folder with one made-up Longgang little giant of the 4th batch."""
    folder.mkdir()
    (folder / "enterprises.csv").write_text(
        "name,region\n示例龙岗有限公司,440307\n", encoding="utf-8"
    )
    (folder / "designations.csv").write_text(
        "name,level,awarded_on,batch\n示例龙岗有限公司,national,2022-08-01,4\n", encoding="utf-8"
    )
    return folder


def _nanshan_reform(folder: Path) -> Path:
    """A copy of Nanshan's policy paying 30万 where it pays 20万: a reform file."""
    source = load_policy("nanshan-2022").path
    assert source is not None
    reform = folder / "reform.toml"
    text = Path(source).read_text(encoding="utf-8")
    reform.write_text(text.replace('amount = "200000"', 'amount = "300000"'), encoding="utf-8")
    return reform


class TestCompare:
    STACK = ("--policy", "guangdong-2022", "--policy", "shenzhen-2022", "--policy", "nanshan-2022")

    def test_a_reform_file_replaces_the_policy_with_its_id(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A Nanshan reform (20万 -> 30万) against the stacked whole: 20万 more, Nanshan's alone."""
        reform = _nanshan_reform(tmp_path)
        status, out, _ = run(
            capsys,
            "compare",
            str(EXAMPLE),
            *self.STACK,
            "--reform",
            str(reform),
            "--as-of",
            "2024-01-01",
            "--format",
            "json",
        )
        payload = json.loads(out)
        assert (0, "1900000", "2100000", "200000") == (
            status,
            payload["total_before"],
            payload["total_after"],
            payload["difference"],
        )
        assert [{"replaces": "nanshan-2022", "by": "nanshan-2022", "from": str(reform)}] == (
            payload["reforms"]
        )
        assert {"before": "1000000", "after": "1000000"} == payload["by_policy"]["guangdong-2022"]
        assert {"before": "400000", "after": "600000"} == payload["by_policy"]["nanshan-2022"]

    def test_old_equals_new_replaces_one_version_by_another(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """longgang-2022=longgang-2025 measures one version of Longgang's against the other."""
        folder = _longgang_firms(tmp_path / "firms")
        status, out, _ = run(
            capsys,
            "compare",
            str(folder),
            "--policy",
            "shenzhen-2022",
            "--policy",
            "longgang-2022",
            "--reform",
            "longgang-2022=longgang-2025",
        )
        assert 0 == status
        assert "reform: longgang-2025 (longgang-2025) replaces longgang-2022" in out
        assert "difference CN¥300,000.00 (1 enterprise)" in out

    @pytest.mark.parametrize("given", [(), ("--all", "--policy", "shenzhen-2022")])
    def test_the_policies_compared_are_required(
        self, given: tuple[str, ...], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --policy or --all, or with both, compare is a usage error."""
        status, _, err = run(capsys, "compare", str(EXAMPLE), *given, "--reform", "shenzhen-2022")
        assert 2 == status
        assert "give --policy (repeat it to stack several) or --all, not both" in err

    def test_all_compares_each_firm_under_every_policy_covering_it(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--all: before is each firm's match total; a Nanshan reform adds only its difference."""
        reform = _nanshan_reform(tmp_path)
        on = dt.date(2024, 1, 1)
        argv = ("compare", str(EXAMPLE), "--all", "--reform", str(reform), "--as-of", str(on))
        status, out, _ = run(capsys, *argv, "--format", "json")
        payload = json.loads(out)
        matched = sum(
            (match(firm, as_of=on).stacked.total for firm in load_dataset(EXAMPLE).enterprises),
            Money.zero("CNY"),
        )
        assert (0, str(matched.amount)) == (status, payload["total_before"])
        assert "200000" == payload["difference"]
        assert {"before": "400000", "after": "600000"} == payload["by_policy"]["nanshan-2022"]

    def test_the_reform_is_required(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --reform there is nothing to compare: a usage error, not a table of zeros."""
        status, out, err = run(capsys, "compare", str(EXAMPLE), "--policy", "shenzhen-2022")
        assert (2, "") == (status, out)
        assert "give the reform compared with --reform" in err

    def test_old_must_be_a_policy_compared(self, capsys: pytest.CaptureFixture[str]) -> None:
        """OLD=NEW with an OLD not given by --policy names OLD and the policies compared."""
        status, _, err = run(
            capsys,
            "compare",
            str(EXAMPLE),
            *self.STACK,
            "--reform",
            "longgang-2022=longgang-2025",
        )
        assert 2 == status
        assert (
            "--reform longgang-2022=longgang-2025: longgang-2022 is not among the policies "
            "compared (guangdong-2022, shenzhen-2022, nanshan-2022)"
        ) in err


class TestTrade:
    def test_by_enterprise(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The trade summary shows totals and growth per group and flow."""
        status, out, _ = run(capsys, "trade", str(EXAMPLE / "trade.csv"), "--by", "enterprise")
        assert 0 == status
        assert "+67.7%" in out
        assert "$126.79M" in out

    def test_json_is_exact(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON trade rows carry exact values and rates."""
        _, out, _ = run(capsys, "trade", str(EXAMPLE / "trade.csv"), "--format", "json")
        total = next(row for row in json.loads(out) if row["flow"] == "total")
        assert "126790000.0" == total["value"]

    @pytest.mark.parametrize("fmt", ["table", "csv", "json"])
    @pytest.mark.parametrize("by", [None, "region", "enterprise", "level"])
    def test_arrow_engine_prints_the_same(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, by: str | None
    ) -> None:
        """--engine arrow prints what the objects engine prints, byte for byte, CSV or Parquet."""
        path = tmp_path / "trade-2022.csv"
        codes = [f"91440300MA5DC12{n:02d}" for n in range(7)]
        codes = [code + uscc.calc_check_digit(code) for code in codes]
        rows = [
            f"示例科技有限公司{i % 7},{codes[i % 7]},2022-{i % 12 + 1:02d},"
            f"{'import' if i % 2 else 'export'},{i * 1000 + 7}.{i % 100:02d},"
            f"{'USD' if i % 3 else 'CNY'},{f'{i * 900}.00' if i % 4 == 1 else ''},"
            f"{f'{i % 40 - 10}%' if i % 4 == 2 else ''}"
            for i in range(60)
        ]
        header = "name,credit_code,period,flow,value,currency,previous,growth\n"
        path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
        rates = tmp_path / "rates.csv"
        rates.write_text("base,quote,rate,on\nUSD,CNY,6.7,2020-01-01\n", encoding="utf-8")
        common = ["--currency", "CNY", "--rates", str(rates), "--format", fmt]
        common += ["--by", by] if by else []
        # --engine scan streams the same figures, but for --by level (a file has no designations)
        engines = ["arrow"] if by == "level" else ["arrow", "scan"]
        expected = run(capsys, "trade", str(path), *common, "--engine", "objects")
        assert 0 == expected[0], expected
        for engine in engines:
            assert expected == run(capsys, "trade", str(path), *common, "--engine", engine)
        late = [*common[:3], str(EXAMPLE / "rates.csv"), *common[4:]]  # no rate before 2022-11
        failed = run(capsys, "trade", str(path), *late, "--engine", "objects")
        assert 1 == failed[0]
        for engine in engines:
            assert failed == run(capsys, "trade", str(path), *late, "--engine", engine)
        parquet = path.with_suffix(".parquet")
        as_text = pv.ConvertOptions(column_types=dict.fromkeys(header.strip().split(","), "string"))
        pq.write_table(pv.read_csv(path, convert_options=as_text), parquet)
        months = tmp_path / "months"  # the same rows as a year of monthly files
        months.mkdir()
        for month in range(1, 13):
            own = [row for row in rows if f",2022-{month:02d}," in row]
            (months / f"{month:02d}.csv").write_text(header + "\n".join(own) + "\n")
        dataset = tmp_path / "dataset"  # and as a Parquet dataset partitioned by flow
        pads.write_dataset(
            pv.read_csv(path, convert_options=as_text),
            dataset,
            format="parquet",
            partitioning=["flow"],
            partitioning_flavor="hive",
        )
        for data in (parquet, months, dataset):
            for engine in engines:
                assert expected == run(capsys, "trade", str(data), *common, "--engine", engine)

    def test_scan_engine_refuses_what_it_cannot_stream(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--engine scan needs --currency, groups by region or enterprise, reads no workbook."""
        trade = EXAMPLE / "trade.csv"
        workbook = tmp_path / "trade.xlsx"
        workbook.write_bytes(b"")
        for arguments, phrase in (
            ([str(trade)], "--engine scan needs --currency"),
            ([str(trade), "--currency", "USD", "--by", "level"], "groups by region or enterprise"),
            ([str(workbook), "--currency", "USD"], "not .xlsx (a workbook is read whole"),
            ([str(EXAMPLE), "--currency", "USD"], "--engine scan reads a folder of trade files"),
            ([str(EXAMPLE / "rates.csv"), "--currency", "USD"], "scan reads trade files only"),
        ):
            status, _, err = run(capsys, "trade", *arguments, "--engine", "scan")
            assert (2, True) == (status, phrase in err), err

    def test_scan_engine_on_a_file_with_no_record(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A trade file of a header alone is a usage error, as with the other engines."""
        path = tmp_path / "trade.csv"
        path.write_text("name,period,flow,value,currency\n", encoding="utf-8")
        for engine in ("objects", "arrow", "scan"):
            status, _, err = run(
                capsys, "trade", str(path), "--currency", "CNY", "--engine", engine
            )
            assert (2, True) == (status, "holds no trade records" in err), (engine, err)

    def test_arrow_engine_reads_trade_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A linked dataset, another kind or a folder of two formats is a usage error."""
        mixed = tmp_path / "mixed"
        mixed.mkdir()
        (mixed / "2022-01.csv").write_text("name,period,flow,value\n甲,2022-01,import,1\n")
        (mixed / "2022-02.parquet").write_bytes(b"")
        for data, phrase in (
            (EXAMPLE, "is a linked dataset (aggregates.csv is not trade)"),
            (EXAMPLE / "rates.csv", "trade files only"),
            (mixed, "holds both .csv and .parquet files"),
        ):
            status, _, err = run(capsys, "trade", str(data), "--engine", "arrow")
            assert 2 == status, err
            assert phrase in err

    def test_arrow_engine_without_the_extra_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pyarrow, --engine arrow exits 2 naming the extra to install (not a traceback)."""

        def missing(name: str) -> object:
            raise MissingExtraError("arrow", "pyarrow", "the columnar trade table")

        monkeypatch.setattr(littlegiants_io, "__getattr__", missing)
        status, _, err = run(capsys, "trade", str(EXAMPLE / "trade.csv"), "--engine", "arrow")
        assert 2 == status
        assert "pip install 'littlegiants[arrow]'" in err

    def test_other_currency_needs_rates(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Converting without a rate is an error of the data, not a traceback."""
        status, _, err = run(capsys, "trade", str(EXAMPLE / "trade.csv"), "--currency", "CNY")
        assert 1 == status
        assert err.startswith("littlegiants: error: ")
        assert "Traceback" not in err


class TestPolicies:
    def test_catalogue_in_three_formats(self, capsys: pytest.CaptureFixture[str]) -> None:
        """policies lists every bundled policy as a table, CSV or JSON."""
        _, table, _ = run(capsys, "policies")
        assert "深府〔2022〕31号" in table
        _, out, _ = run(capsys, "policies", "--format", "csv")
        assert "shenzhen-2022" in {row["policy_id"] for row in csv.DictReader(io.StringIO(out))}
        _, out, _ = run(capsys, "policies", "--format", "json")
        shenzhen = next(row for row in json.loads(out) if row["policy_id"] == "shenzhen-2022")
        assert ("440300", "深圳市") == (
            shenzhen["jurisdiction_code"],
            shenzhen["jurisdiction_name"],
        )

    def test_one_policy(self, capsys: pytest.CaptureFixture[str]) -> None:
        """policy ID shows the table with sources; JSON has the exact amounts."""
        _, out, _ = run(capsys, "policy", "shenzhen-2022")
        assert "https://chinaflashmarket.com/a/176934" in out
        _, out, _ = run(capsys, "policy", "shenzhen-2022", "--format", "json")
        payload = json.loads(out)
        assert ["100000", "200000", "500000"] == [row["amount"] for row in payload["rows"]]

    def test_a_policys_relations_are_in_its_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """policy FILE --format json gives the relations the file states (a made-up one here)."""
        made_up = ROOT / "tests" / "data" / "policies" / "made-up-district-top-up.toml"
        status, out, _ = run(capsys, "policy", str(made_up), "--format", "json")
        [relation] = json.loads(out)["relations"]
        assert (0, "top-up", ["made-up-city"]) == (status, relation["kind"], relation["policies"])
        _, out, _ = run(capsys, "policy", "shenzhen-2022", "--format", "json")
        assert [] == json.loads(out)["relations"]

    def test_unknown_policy_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id exits 2 with one line on stderr."""
        status, _, err = run(capsys, "policy", "atlantis")
        assert 2 == status
        assert 1 == len(err.splitlines())


class TestValidate:
    def test_an_official_list_reports_its_unused_columns(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A list as published validates clean, naming 序号 and 备注 once as ignored.

        The file is named relative to its folder so that the report fits one 100-column line
        wherever the checkout lives (a long absolute path wraps, as it should).
        """
        monkeypatch.chdir(Path(__file__).parent / "data" / "lists")
        path = Path("official-list.xlsx")
        status, out, _ = run(capsys, "validate", str(path))
        assert (0, ["4 rows read, 0 problems", f"{path}: ignored columns"]) == (
            status,
            [line.split(" the library")[0] for line in out.splitlines()],
        )
        assert out.rstrip().endswith("序号, 备注")

    def test_a_file_of_one_kind_names_its_unused_columns_and_the_aliases(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unused column is reported once, with the kind's columns and Chinese aliases."""
        path = Path(__file__).parent / "data" / "good" / "enterprises-extra-column.csv"
        status, out, _ = run(capsys, "validate", str(path), "--kind", "enterprises")
        # The note is wrapped to 100 columns, where the path's length puts the breaks, and Chinese
        # text may break between any two characters: compare without the whitespace.
        letters = "".join(out.split())
        assert (0, 1) == (status, letters.count("ignored1columnthelibrarydoesnotuse:'序号'"))
        assert "name(企业名称,企业,名称" in letters

    def test_payouts_from_an_official_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """payouts reads a list as published, with no other file."""
        path = Path(__file__).parent / "data" / "lists" / "official-list.csv"
        argv = ("payouts", str(path), "--policy", "shenzhen-2022", "--as-of", "2023-01-01")
        status, out, _ = run(capsys, *argv, "--format", "json")
        from littlegiants.loader import load_list
        from littlegiants.policy import load_policy

        report = load_policy("shenzhen-2022").payouts(
            load_list(path).enterprises, as_of=dt.date(2023, 1, 1)
        )
        assert (0, str(report.total.amount)) == (status, json.loads(out)["total"])

    def test_clean_folder(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A clean folder exits 0."""
        status, out, _ = run(capsys, "validate", str(EXAMPLE))
        assert 0 == status
        assert "0 problems" in out

    @pytest.mark.parametrize("kind", _schemas.KINDS)
    def test_clean_file_of_each_kind(self, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
        """One clean file of any kind exits 0 and counts its rows (was a crash: issue-free files).

        The command used to iterate the stream and then ask it for its result, which found
        every record already taken.
        """
        path = EXAMPLE / f"{kind}.csv"
        rows = len(path.read_text(encoding="utf-8").splitlines()) - 1
        status, out, err = run(capsys, "validate", str(path))
        assert (0, "") == (status, err)
        noun = "row" if rows == 1 else "rows"
        assert f"{rows} {noun} read, 0 problems" in out

    @pytest.mark.parametrize("kind", ["designations", "relocations", "financials", "profiles"])
    def test_payouts_from_one_file_of_facts(
        self, kind: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file of facts about enterprises gathers them by enterprise (financials crashed)."""
        path = EXAMPLE / f"{kind}.csv"
        status, out, err = run(capsys, "payouts", str(path), "--policy", "guangzhou-2022")
        assert (0, "") == (status, err)
        assert "total:" in out

    @pytest.mark.parametrize("kind", sorted(set(_schemas.KINDS) - {"trade"}))
    def test_every_command_reads_one_file_of_each_kind(
        self, kind: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """payouts and check read any single file; trade says when a file has no trade."""
        path = str(EXAMPLE / f"{kind}.csv")
        for argv in (
            ("payouts", path, "--policy", "shenzhen-2022"),
            ("check", path, "--tier", "srdi-sme", "--as-of", "2025-06-30"),
        ):
            status, _, err = run(capsys, *argv)
            assert (0, "") == (status, err), argv
        status, _, err = run(capsys, "trade", path)
        assert 2 == status
        assert "holds no trade records" in err

    def test_check_reads_a_profiles_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`check` on a profiles file assesses the facts it states (4 years in the niche)."""
        argv = ("check", str(EXAMPLE / "profiles.csv"), "--tier", "srdi-sme")
        status, out, err = run(capsys, *argv, "--as-of", "2025-06-30", "--format", "json")
        assert (0, "") == (status, err)
        [row] = json.loads(out)
        assert "srdi-sme.niche-years" not in row["failed"] + row["unknown"]
        assert "unknown" == row["general"]  # the example states no Article 3 facts

    def test_two_profiles_of_one_firm(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A profiles file giving one firm twice is a data problem (exit 1), not a silent pick."""
        path = tmp_path / "profiles.csv"
        path.write_text("name,years_in_niche\n甲公司,4\n甲公司,5\n", encoding="utf-8")
        status, _, err = run(
            capsys, "check", str(path), "--tier", "srdi-sme", "--as-of", "2025-06-30"
        )
        assert 1 == status
        assert "a second profile for this enterprise" in err

    def test_problems_are_located(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every problem is printed with file, line and column; exit status 1."""
        status, out, _ = run(
            capsys, "validate", str(BAD / "trade-negative-value.csv"), "--format", "csv"
        )
        assert 1 == status
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [("2", "value"), ("3", "previous")] == [(r["line"], r["column"]) for r in rows]

    def test_unreadable_file_kind(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file whose kind cannot be told is a usage error."""
        stray = tmp_path / "notes.txt"
        stray.write_text("a,b\n", encoding="utf-8")
        status, _, err = run(capsys, "validate", str(stray))
        assert 2 == status
        assert "--kind" in err

    def test_a_table_whose_columns_hold_no_kind(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A CSV file named after no kind is read as a list; columns of no kind are a problem."""
        stray = tmp_path / "notes.csv"
        stray.write_text("a,b\n", encoding="utf-8")
        status, out, _ = run(capsys, "validate", str(stray))
        words = " ".join(out.split())  # the table wraps long problems to 100 columns
        assert (1, True) == (status, "name the sheet (or file) after its kind" in words)


class TestUsage:
    def test_missing_data_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing DATA path exits 2."""
        status, _, err = run(capsys, "payouts", "nope", "--policy", "shenzhen-2022")
        assert 2 == status
        assert "no such file or folder" in err

    @pytest.mark.parametrize("as_of", ["2024/01/01", "2024.1.1", "2024年1月1日"])
    def test_as_of_spellings(self, as_of: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--as-of reads the date spellings data cells read."""
        status, out, _ = run(
            capsys, "payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--as-of", as_of
        )
        assert (0, True) == (status, "total: CN¥500,000.00 (3 enterprises)" in out)

    def test_bad_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """argparse errors exit 2."""
        status, _, _ = run(capsys, "payouts", str(EXAMPLE), "--policy", "x", "--as-of", "soon")
        assert 2 == status

    @pytest.mark.parametrize(
        "command",
        ["demo", "payouts", "match", "compare", "trade", "policies", "policy", "validate", "check"],
    )
    def test_help_has_an_example(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Every command's --help ends with an example."""
        status, out, _ = run(capsys, command, "--help")
        assert 0 == status
        assert "example:\n  littlegiants " in out

    def test_bad_rows_exit_1_without_traceback(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Loading a bad file for payouts exits 1, one line per problem, no traceback."""
        status, _, err = run(
            capsys,
            "payouts",
            str(BAD / "designations-many-problems.csv"),
            "--policy",
            "shenzhen-2022",
        )
        assert 1 == status
        assert "Traceback" not in err
        assert all(line.startswith("littlegiants: ") for line in err.splitlines())


class TestSubprocess:
    def test_module_and_exit_codes(self) -> None:
        """python -m littlegiants runs, and exit codes hold for a real process."""
        run_ok = subprocess.run(
            [sys.executable, "-m", "littlegiants", "policies", "--format", "csv"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == run_ok.returncode
        assert run_ok.stdout.startswith("policy_id,document")
        run_bad = subprocess.run(
            [sys.executable, "-m", "littlegiants", "validate", str(BAD / "trade-formula.csv")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 1 == run_bad.returncode
        assert "Traceback" not in run_bad.stderr

    def test_demo_runs_as_a_process(self) -> None:
        """The README's first command's program prints the article's figures."""
        result = subprocess.run(
            [sys.executable, "-m", "littlegiants", "demo"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, "") == (result.returncode, result.stderr)
        assert "CN¥44.64B" in result.stdout


#: Run in a fresh interpreter: the command line with the given arguments, then the names of the
#: heavy modules it imported (the loader, babel, pint), one per line, on standard error.
STARTUP_PROBE = """
import sys
from littlegiants.cli import main
status = main(sys.argv[1:])
heavy = ("littlegiants.io.loader", "babel", "pint")
found = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))
print(status, *found, sep="\\n", file=sys.stderr)
"""


def commands() -> list[str]:
    """The command line's commands, as its parser lists them."""
    from littlegiants.cli import build_parser

    [action] = build_parser()._subparsers._group_actions  # type: ignore[union-attr]
    return sorted(action.choices)  # type: ignore[arg-type]


class TestStartup:
    @pytest.mark.parametrize("argv", [["--help"], *([name, "--help"] for name in commands())])
    def test_help_imports_no_command_modules(self, argv: list[str]) -> None:
        """--help of the program and of each command imports neither the loader, babel nor pint."""
        found = subprocess.run(
            [sys.executable, "-c", STARTUP_PROBE, *argv],
            capture_output=True,
            text=True,
            check=True,
        )
        assert ["0"] == found.stderr.split()
        assert "example:" in found.stdout

    def test_a_missing_file_is_a_usage_error_in_a_fresh_process(self, tmp_path: Path) -> None:
        """The loader's errors still exit 2 when only the command imported the loader."""
        found = subprocess.run(
            [sys.executable, "-c", STARTUP_PROBE, "validate", str(tmp_path / "missing.csv")],
            capture_output=True,
            text=True,
            check=True,
        )
        assert ["2", "littlegiants.io.loader"] == found.stderr.splitlines()[-2:]
        assert "no such file" in found.stderr


class TestBundledExample:
    @pytest.mark.parametrize("fmt", ["table", "csv", "json"])
    @pytest.mark.parametrize(
        "argv",
        [
            ("trade", "{data}"),
            ("trade", "{data}", "--by", "region"),
            ("validate", "{data}"),
            ("payouts", "{data}", "--policy", "shenzhen-2022"),
            ("payouts", "{data}", "--all"),
            ("match", "{data}", "--as-of", "2024-01-01"),
            ("compare", "{data}", "--policy", "shenzhen-2022", "--reform", "guangdong-2022"),
            ("check", "{data}", "--tier", "little-giant", "--as-of", "2023-01-01"),
        ],
    )
    def test_every_format_of_every_data_command(
        self, argv: tuple[str, ...], fmt: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each data command reads the bundled example cleanly in each output format."""
        from littlegiants import example_path

        data = str(example_path())
        status, out, err = run(capsys, *(a.format(data=data) for a in argv), "--format", fmt)
        assert (0, "") == (status, err)
        if fmt == "json":
            json.loads(out)
        elif fmt == "csv":
            assert list(csv.reader(io.StringIO(out)))
        else:
            assert out.strip()

    def test_trade_of_the_example_matches_the_article(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Hosin's imports and exports, with their growth, as the article prints them."""
        from littlegiants import example_path

        _, out, _ = run(capsys, "trade", str(example_path()), "--format", "json")
        rows = {row["flow"]: row for row in json.loads(out)}
        imports, exports = rows["import"], rows["export"]
        assert ("99200000.00", Decimal("0.59")) == (imports["value"], Decimal(imports["growth"]))
        assert ("27590000.00", Decimal("1.09")) == (exports["value"], Decimal(exports["growth"]))


def _policy_file(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """A copy of Shenzhen's policy file, with ``old`` replaced by ``new``."""
    source = load_policy("shenzhen-2022").path
    assert source is not None
    text = Path(source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "policy.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


class TestCsvIsSafeToOpen:
    def test_text_that_reads_as_a_formula_is_neutralized(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An enterprise named like a formula gets a leading apostrophe in payouts CSV."""
        path = tmp_path / "designations.csv"
        path.write_text(
            "name,level,awarded_on\n"
            '"=HYPERLINK(""http://x"",""y"")",national,2022-08-01\n'
            "@SUM(A1),national,2022-08-01\n",
            encoding="utf-8",
        )
        status, out, _ = run(
            capsys, "payouts", str(path), "--policy", "shenzhen-2022", "--format", "csv"
        )
        assert 0 == status
        names = [row["name"] for row in csv.DictReader(io.StringIO(out))]
        assert ['\'=HYPERLINK("http://x","y")', "'@SUM(A1)"] == names

    def test_every_cell_of_validate_output_is_neutralized(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """validate --format csv writes the file's own bad values as text, not formulas."""
        status, out, _ = run(capsys, "validate", str(BAD / "trade-formula.csv"), "--format", "csv")
        assert 1 == status
        values = [row["value"] for row in csv.DictReader(io.StringIO(out))]
        assert values
        assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in values)

    def test_rule_ids_in_policy_csv(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A policy file's rule id starting with '=' is neutralized in policy --format csv."""
        path = _policy_file(tmp_path, 'id = "national"', 'id = "=1+2"')
        status, out, _ = run(capsys, "policy", str(path), "--format", "csv")
        assert 0 == status
        assert "'=1+2" in [row["rule"] for row in csv.DictReader(io.StringIO(out))]

    def test_negative_numbers_stay_numbers(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A computed decrease (-0.5) is data: CSV keeps it a number, as the dumps do."""
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,previous,currency\n示例科技有限公司,2022,export,100,200,CNY\n",
            encoding="utf-8",
        )
        status, out, _ = run(capsys, "trade", str(path), "--format", "csv")
        assert 0 == status
        growth = {row["growth"] for row in csv.DictReader(io.StringIO(out))}
        assert {"-0.5"} == growth


class TestExitStatus:
    @pytest.mark.parametrize(
        "argv",
        [
            ("trade", "{example}/trade.csv", "--currency", "XYZ"),
            ("payouts", "{example}", "--policy", "shenzhen-2022", "--as-of", "2023-02-30"),
            ("payouts", "{example}", "--policy", "shenzhen-2022", "--bogus"),
            ("policies", "--locale", "xx_XX"),
            ("policies", "--format", "xml"),
            ("check", "{example}", "--tier", "little-giant"),
            ("frobnicate",),
            (),
        ],
    )
    def test_usage_errors_are_one_line_and_exit_2(
        self, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Bad options, dates, currencies and commands print one line and exit 2."""
        status, out, err = run(capsys, *(a.format(example=EXAMPLE) for a in argv))
        assert (2, "") == (status, out)
        assert 1 == len(err.splitlines())
        assert err.startswith("littlegiants: error: ")

    def test_a_folder_as_a_policy_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A folder given as --policy is a usage error naming it, not a traceback."""
        folder = tmp_path / "mine.toml"
        folder.mkdir()
        status, _, err = run(capsys, "payouts", str(EXAMPLE), "--policy", str(folder))
        assert 2 == status
        assert f"Cannot read {folder}: it is a folder" in err

    def test_a_fifo_is_refused_not_waited_on(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A FIFO as DATA or as a policy file is refused at once (opening it would block)."""
        fifo = tmp_path / "trade.csv"
        os.mkfifo(fifo)
        for argv in (("validate", str(fifo)), ("policy", str(fifo))):
            status, _, err = run(capsys, *argv)
            assert 2 == status, argv
            assert "FIFO" in err

    def test_a_name_too_long(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A path longer than the system allows is a usage error (it was exit 1, Errno 36)."""
        status, _, err = run(capsys, "validate", "x" * 5000 + ".csv")
        assert 2 == status
        assert "file name too long" in err

    def test_a_bad_policy_file_is_a_data_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A policy file that is not UTF-8 exits 1 with the file and line."""
        path = tmp_path / "policy.toml"
        path.write_bytes('id = "x"\ntitle = "深圳"\n'.encode("gb18030"))
        status, _, err = run(capsys, "policy", str(path))
        assert 1 == status
        assert f"({path}, line 2): it is not UTF-8" in err


class _Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


class TestOutputFailures:
    def test_broken_pipe_in_process(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A reader that went away ends the command quietly with 141 (was 0)."""
        monkeypatch.setattr(sys, "stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
        assert 141 == main(["policies"])
        assert "" == capsys.readouterr().err

    def test_full_disk_in_process(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A full disk ends the command with 74 and one line on standard error."""
        monkeypatch.setattr(sys, "stdout", _Failing(OSError(errno.ENOSPC, "No space left")))
        assert 74 == main(["policies"])
        assert "littlegiants: error: cannot write the output: no space left\n" == (
            capsys.readouterr().err
        )

    def test_interrupt(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ctrl-C ends the command with 130 and no traceback."""
        from littlegiants import cli

        def interrupted(*_: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "cmd_policies", interrupted)
        assert 130 == main(["policies"])
        assert "" == capsys.readouterr().err

    def test_closed_pipe_as_a_process(self) -> None:
        """`littlegiants policies | head -0`: status 141, nothing on standard error."""
        read, write = os.pipe()
        os.close(read)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "littlegiants", "policies"],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        finally:
            os.close(write)
        assert (141, "") == (result.returncode, result.stderr)

    def test_full_disk_as_a_process(self) -> None:
        """Output to /dev/full: status 74, one line, no "Exception ignored" at exit."""
        with Path("/dev/full").open("w", encoding="utf-8") as full:
            result = subprocess.run(
                [sys.executable, "-m", "littlegiants", "demo"],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert 74 == result.returncode
        assert ["littlegiants: error: cannot write the output: no space left on device"] == (
            result.stderr.splitlines()
        )

    def test_closed_stdout_as_a_process(self) -> None:
        """Started with standard output closed: status 74 and one line, not a traceback."""
        result = subprocess.run(
            ["/bin/sh", "-c", f'exec "{sys.executable}" -m littlegiants policies >&-'],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 74 == result.returncode
        assert "standard output is closed" in result.stderr
        assert "Traceback" not in result.stderr


def readme_command_lines() -> list[str]:
    """The ``littlegiants ...`` lines of the README's shell blocks, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("littlegiants ")]


class TestReadme:
    def test_the_examples_run_as_written(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every command line the README shows exits 0, in order, in a fresh folder."""
        monkeypatch.chdir(tmp_path)
        lines = readme_command_lines()
        statuses = [(line, run(capsys, *shlex.split(line)[1:])[0]) for line in lines]
        assert len(lines) >= 5, "the README shows command lines; this test must find them"
        assert [(line, 0) for line in lines] == statuses


class TestVersionExampleCompletion:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version and exits 0."""
        from importlib.metadata import version

        status, out, _ = run(capsys, "--version")
        assert (0, f"littlegiants {version('littlegiants')}\n") == (status, out)

    def test_help_has_no_markup(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help of the program and each command shows no reStructuredText markup."""
        texts = [run(capsys, "--help")[1]]
        texts += [run(capsys, name, "--help")[1] for name in commands()]
        marked = [text for text in texts if "``" in text or re.search(r":[a-z]+:`", text)]
        assert [] == marked

    def test_example_copies_and_refuses_to_overwrite(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """example copies the bundled dataset to a new folder, and never into an existing one."""
        dest = tmp_path / "firms"
        first = run(capsys, "example", "shenzhen-2022", str(dest))[0]
        second = run(capsys, "example", "shenzhen-2022", str(dest))[0]
        from littlegiants.loader import example_path

        expected = sorted(p.name for p in example_path("shenzhen-2022").iterdir())
        assert (0, 2, expected) == (first, second, sorted(p.name for p in dest.iterdir()))

    def test_example_without_a_folder_prints_where_it_is(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without a folder, example prints the bundled dataset's path."""
        from littlegiants.loader import example_path

        status, out, _ = run(capsys, "example")
        assert (0, f"{example_path('shenzhen-2022')}\n") == (status, out)

    def test_unknown_example_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown dataset name exits 2 and lists the ones there are."""
        status, _, err = run(capsys, "example", "nope", "x")
        assert (2, True) == (status, "shenzhen-2022" in err)

    @pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh"])
    def test_completion_scripts(self, shell: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Each shell's script names every command; bash and zsh complete policy ids."""
        status, out, _ = run(capsys, "completion", shell)
        ids = {policy.id for policy in load_policies()}
        assert (0, [], True) == (
            status,
            [name for name in commands() if name not in out],
            shell == "tcsh" or all(policy_id in out for policy_id in ids),
        )

    def test_bash_completes_policy_ids(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """In bash, `littlegiants payouts x --policy shen<TAB>` offers shenzhen-2022."""
        script = tmp_path / "littlegiants.bash"
        script.write_text(run(capsys, "completion", "bash")[1], encoding="utf-8")
        probe = (
            f"source {script}; COMP_WORDS=(littlegiants payouts x --policy shen); COMP_CWORD=4; "
            'COMP_LINE="littlegiants payouts x --policy shen"; COMP_POINT=${#COMP_LINE}; '
            "_shtab_littlegiants littlegiants shen --policy; "
            'printf "%s\\n" "${COMPREPLY[@]}"'
        )
        bash = shutil.which("bash") or "/bin/bash"
        done = subprocess.run([bash, "-c", probe], capture_output=True, text=True, check=False)
        assert "shenzhen-2022" in done.stdout.split()


class TestMachineOutput:
    """CSV and JSON rows carry keys, booleans, numbers and, with --explain, the reasons."""

    MACHINE_COMMANDS = (
        ("payouts", "{data}", "--policy", "shenzhen-2022"),
        ("payouts", "{data}", "--all", "--explain"),
        ("match", "{data}", "--as-of", "2024-01-01", "--others"),
        ("compare", "{data}", "--policy", "shenzhen-2022", "--reform", "guangdong-2022"),
        ("trade", "{trade}", "--by", "region"),
        ("check", "{data}", "--tier", "little-giant", "--as-of", "2024-01-01", "--explain"),
        ("validate", "{bad}"),
        ("policies",),
    )

    @pytest.mark.parametrize("argv", MACHINE_COMMANDS, ids=lambda argv: " ".join(argv[:2]))
    def test_keys_have_no_spaces(self, argv: tuple[str, ...], capsys) -> None:
        """Every CSV header and JSON key is a name without spaces."""
        values = {
            "data": str(EXAMPLE),
            "trade": str(EXAMPLE / "trade.csv"),
            "bad": str(BAD / "trade-negative-value.csv"),
        }
        args = [a.format(**values) for a in argv]
        _, out, _ = run(capsys, *args, "--format", "csv")
        header = next(csv.reader(io.StringIO(out)))
        assert [] == [key for key in header if " " in key]
        _, out, _ = run(capsys, *args, "--format", "json")
        payload = json.loads(out)
        rows = payload["rows"] if isinstance(payload, dict) else payload
        assert rows
        assert [] == [key for row in rows for key in row if " " in key]

    def test_payout_rows_carry_the_firms_keys(self, capsys) -> None:
        """Payout rows name each firm by credit code, region code and region name."""
        _, out, _ = run(
            capsys, "payouts", str(EXAMPLE), "--policy", "nanshan-2022", "--format", "json"
        )
        row = json.loads(out)["rows"][0]
        assert ("示例科技有限公司", "440305", "南山区") == (
            row["name"],
            row["region_code"],
            row["region_name"],
        )
        assert "credit_code" in row
        assert isinstance(row["up_to"], bool)
        assert "CNY" == row["currency"]

    def test_booleans_and_counts_are_json_values(self, capsys) -> None:
        """JSON has true/false and numbers where the values are booleans and counts."""
        _, out, _ = run(capsys, "match", str(EXAMPLE), "--as-of", "2024-01-01", "--format", "json")
        rows = json.loads(out)["rows"]
        assert {True} == {row["applies"] for row in rows if row["policy_id"] != "total"}
        assert {bool} == {type(row["complete"]) for row in rows}
        _, out, _ = run(capsys, "trade", str(EXAMPLE / "trade.csv"), "--format", "json")
        total = next(row for row in json.loads(out) if row["flow"] == "total")
        assert (2, 1, 0) == (total["records"], total["enterprises"], total["missing_previous"])
        _, out, _ = run(
            capsys, "validate", str(BAD / "trade-negative-value.csv"), "--format", "json"
        )
        assert {int} == {type(row["line"]) for row in json.loads(out)}

    def test_explain_puts_the_reasons_in_csv_and_json(self, capsys) -> None:
        """--explain adds a reason column to payouts, and the explanations to JSON."""
        argv = ("payouts", str(EXAMPLE), "--policy", "shenzhen-2022", "--explain")
        _, out, _ = run(capsys, *argv, "--format", "csv")
        reasons = {row["reason"] for row in csv.DictReader(io.StringIO(out))}
        assert any("outside" in reason for reason in reasons)
        _, out, _ = run(capsys, *argv, "--format", "json")
        payload = json.loads(out)
        assert all(row["reason"] for row in payload["rows"])
        assert all("Parameters read:" in e["explanation"] for e in payload["explanations"])
        _, out, _ = run(
            capsys,
            "check",
            str(EXAMPLE),
            "--tier",
            "little-giant",
            "--as-of",
            "2024-01-01",
            "--explain",
            "--format",
            "csv",
        )
        assert all(row["explanation"] for row in csv.DictReader(io.StringIO(out)))

    def test_a_growth_given_in_the_file_is_printed_as_given(self, capsys, tmp_path) -> None:
        """One record with growth 5% gives 0.05 in CSV and JSON, not 0.0499…"""
        path = tmp_path / "trade.csv"
        path.write_text(
            "name,period,flow,value,currency,growth\n示例科技有限公司,2022-01..2022-10,import,100,CNY,5%\n",
            encoding="utf-8",
        )
        _, out, _ = run(capsys, "trade", str(path), "--format", "csv")
        assert {"0.05"} == {row["growth"] for row in csv.DictReader(io.StringIO(out))}
        _, out, _ = run(capsys, "trade", str(path), "--format", "json")
        assert {"0.05"} == {row["growth"] for row in json.loads(out)}
        _, out, _ = run(capsys, "trade", str(path))
        assert "+5%" in out

    def test_trade_by_region_names_the_region(self, capsys) -> None:
        """Grouped by region, each row carries the region's name beside its code."""
        _, out, _ = run(capsys, "trade", str(EXAMPLE), "--by", "region", "--format", "json")
        assert {("440300", "深圳市")} == {(r["group"], r["region_name"]) for r in json.loads(out)}
        _, out, _ = run(
            capsys, "trade", str(EXAMPLE / "trade.csv"), "--by", "region", "--format", "json"
        )
        assert {("unknown", None)} == {(r["group"], r["region_name"]) for r in json.loads(out)}


def test_the_kind_choices_are_the_loaders_kinds() -> None:
    """--kind offers every kind the loader reads, and the official list (kept static for --help)."""
    from littlegiants import cli

    assert (*_schemas.KINDS, "list") == cli._KINDS
