"""The package's public names: declared once in ``littlegiants._EXPORTS``, all reachable.

``littlegiants/__init__.py`` maps each exported name to its module; ``__all__`` and the lazy
``__getattr__`` derive from that mapping, and the ``if TYPE_CHECKING:`` block that type checkers
read is generated from it. Run ``python tests/test_exports.py`` to rewrite that block after
adding a name.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import littlegiants

INIT = Path(littlegiants.__file__)
START = "if TYPE_CHECKING:\n"


def type_checking_block(exports: dict[str, str]) -> str:
    """The ``if TYPE_CHECKING:`` block for ``exports``: one ``X as X`` import per name.

    Ordered as ruff's import sorting wants it: by module, then constants, classes, functions.
    """

    def kind(name: str) -> tuple[int, str, str]:
        rank = 0 if name.isupper() else 1 if name[0].isupper() else 2
        return rank, name.lower(), name  # ruff compares names without case: Relocation < ReReview

    lines = [START]
    for name in sorted(exports, key=lambda n: (exports[n], *kind(n))):
        lines.append(f"    from {exports[name]} import {name} as {name}\n")
    return "".join(lines)


def declared_imports(source: str) -> dict[str, str]:
    """The names the ``if TYPE_CHECKING:`` block of ``source`` imports, with their modules."""
    found: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                for alias in statement.names:
                    assert alias.asname == alias.name, f"{alias.name} must be imported as itself"
                    found[alias.name] = str(statement.module)
    return found


def rewrite(source: str, exports: dict[str, str]) -> str:
    """``source`` with its ``if TYPE_CHECKING:`` block (the file's last) generated anew."""
    head, _, _ = source.rpartition(START)
    return head + type_checking_block(exports)


class TestDeclaration:
    def test_type_checkers_see_exactly_the_exports(self) -> None:
        """The TYPE_CHECKING imports are the mapping's names, each from its module."""
        source = INIT.read_text(encoding="utf-8")
        assert littlegiants._EXPORTS == declared_imports(source), (
            "run `python tests/test_exports.py` to regenerate the TYPE_CHECKING block"
        )

    def test_the_block_is_as_generated(self) -> None:
        """The file ends with the generated block, byte for byte."""
        source = INIT.read_text(encoding="utf-8")
        assert rewrite(source, littlegiants._EXPORTS) == source

    def test_all_is_the_mapping(self) -> None:
        """__all__ lists every name of the mapping once, in its order (floor by floor)."""
        assert list(littlegiants._EXPORTS) == littlegiants.__all__
        assert len(set(littlegiants.__all__)) == len(littlegiants.__all__)

    def test_the_mapping_names_each_module_that_defines_the_name(self) -> None:
        """Each name is found in its module (a typo or a move fails here, not on first use)."""
        for name, module in littlegiants._EXPORTS.items():
            assert hasattr(importlib.import_module(module), name), f"{module} has no {name}"


class TestAccess:
    @pytest.mark.parametrize("name", sorted(littlegiants._EXPORTS))
    def test_every_name_is_the_module_own(self, name: str) -> None:
        """littlegiants.X is what its module defines (for a class or function, the same object)."""
        module = importlib.import_module(littlegiants._EXPORTS[name])
        assert getattr(module, name) == getattr(littlegiants, name)

    def test_unknown_names_raise_attribute_error(self) -> None:
        """A name that is not exported raises AttributeError naming it."""
        with pytest.raises(AttributeError, match="'NoSuchName'"):
            _ = littlegiants.NoSuchName  # type: ignore[attr-defined]

    def test_dir_lists_unloaded_names(self) -> None:
        """dir() lists every exported name whether or not it was loaded yet."""
        assert set(littlegiants._EXPORTS) <= set(dir(littlegiants))

    def test_import_loads_no_floor(self) -> None:
        """A bare import loads none of the modules the names live in."""
        modules = sorted(set(littlegiants._EXPORTS.values()))
        code = (
            f"import sys, littlegiants\nprint(sorted(m for m in {modules!r} if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == out.stdout.strip()


#: ``littlegiants.__all__`` on main before the eligibility package (commit 070dfed): every one of
#: these names must keep working from ``littlegiants``. A name may move to another module (the
#: mapping says where), never disappear without a CHANGELOG entry and a deprecation.
PREVIOUS_EXPORTS = (
    "DumpError",
    "InvalidArgumentError",
    "UnknownLocaleError",
    "MIIT_BATCHES",
    "Assessment",
    "Batch",
    "Combination",
    "Comparison",
    "CountKind",
    "CreditCode",
    "CriteriaFileError",
    "CriteriaNotAvailableError",
    "CriteriaSet",
    "CriterionResult",
    "CurrencyMismatchError",
    "DataFileError",
    "Dataset",
    "Designation",
    "DesignationCount",
    "DesignationLevel",
    "DesignationRecord",
    "DivisionByZeroError",
    "Enterprise",
    "ExchangeRate",
    "FileSource",
    "FinancialRecord",
    "FinancialYear",
    "FloatAmountError",
    "FlowSummary",
    "Growth",
    "IncentivePolicy",
    "InvalidAmountError",
    "InvalidCreditCodeError",
    "InvalidGrowthError",
    "InvalidLevelError",
    "InvalidPeriodError",
    "InvalidRateError",
    "InvalidRecordError",
    "ItemStatus",
    "LittleGiantsError",
    "LoadError",
    "LoadFileError",
    "LoadProblem",
    "LoadResult",
    "MissingExtraError",
    "MissingFileError",
    "Money",
    "MoneyParseError",
    "Payment",
    "Payout",
    "PayoutItem",
    "PayoutReport",
    "Period",
    "PolicyFileError",
    "Profile",
    "ProfileRecord",
    "Purpose",
    "RateNotFoundError",
    "RateTable",
    "ReReview",
    "RecordStream",
    "Region",
    "RejectedRow",
    "Relocation",
    "RelocationRecord",
    "Rule",
    "RuleKind",
    "ScenarioFileError",
    "Source",
    "SourceKind",
    "SourceLocation",
    "Tier",
    "TradeAggregate",
    "TradeFlow",
    "TradeRecord",
    "TradeSummary",
    "UnknownCurrencyError",
    "UnknownPolicyError",
    "UnknownRegionError",
    "UnknownRuleError",
    "Verdict",
    "assess",
    "assess_many",
    "compare",
    "criteria_on",
    "dump_aggregates",
    "dump_counts",
    "dump_dataset",
    "dump_designations",
    "dump_enterprises",
    "dump_financials",
    "dump_profiles",
    "dump_rates",
    "dump_relocations",
    "dump_trade_records",
    "example_path",
    "format_credit_code",
    "is_valid_credit_code",
    "iter_aggregates",
    "iter_counts",
    "iter_designations",
    "iter_enterprises",
    "iter_financials",
    "iter_profiles",
    "iter_rates",
    "iter_relocations",
    "iter_trade_records",
    "load_aggregates",
    "load_counts",
    "load_criteria",
    "load_dataset",
    "load_designations",
    "load_enterprises",
    "load_financials",
    "load_policy",
    "load_profiles",
    "load_rates",
    "load_relocations",
    "load_trade_records",
    "policies",
    "render_criteria",
    "summarize",
    "validate_credit_code",
)

#: ``littlegiants.eligibility.__all__`` when eligibility was one module (commit 070dfed).
PREVIOUS_ELIGIBILITY_EXPORTS = (
    "GENERAL",
    "AmendmentRule",
    "Assessment",
    "AwardCheck",
    "Check",
    "ChuangkeCheck",
    "CriteriaNotAvailableError",
    "CriteriaSet",
    "Criterion",
    "CriterionResult",
    "CriterionSource",
    "DesignationHeld",
    "Figure",
    "FigureMinimum",
    "GroupScore",
    "HonourCheck",
    "Indicator",
    "IndicatorScore",
    "InstitutionLevelCheck",
    "MeanGrowthCheck",
    "Phrase",
    "ProductFieldCheck",
    "ProfileFlag",
    "ProfileMinimum",
    "Purpose",
    "RatioCheck",
    "Reading",
    "RevenueBand",
    "Score",
    "ScoreBand",
    "ScoreCheck",
    "ScoreGroup",
    "Scoring",
    "Source",
    "Supersession",
    "SuppliedScoreCheck",
    "Threshold",
    "Tier",
    "TotalCheck",
    "Verdict",
    "Waiver",
    "assess",
    "assess_many",
    "criteria_on",
    "criteria_sets",
    "load_criteria",
    "render_criteria",
)


class TestCompatibility:
    @pytest.mark.parametrize("name", PREVIOUS_EXPORTS)
    def test_previous_top_level_names_still_import(self, name: str) -> None:
        """Each name main exported before this change is still exported and reachable."""
        module = importlib.import_module(littlegiants._EXPORTS[name])
        assert getattr(module, name) == getattr(littlegiants, name)

    @pytest.mark.parametrize("name", PREVIOUS_ELIGIBILITY_EXPORTS)
    def test_previous_eligibility_names_still_import(self, name: str) -> None:
        """Each name littlegiants.eligibility exported as one module is exported by the package."""
        eligibility = importlib.import_module("littlegiants.eligibility")
        assert name in eligibility.__all__
        assert hasattr(eligibility, name)

    def test_the_eligibility_package_states_each_name_once(self) -> None:
        """No two eligibility modules export the same name, and each exported name is reachable."""
        eligibility = importlib.import_module("littlegiants.eligibility")
        assert sorted(set(eligibility.__all__)) == sorted(eligibility.__all__)
        assert [] == [name for name in eligibility.__all__ if not hasattr(eligibility, name)]


if __name__ == "__main__":
    INIT.write_text(
        rewrite(INIT.read_text(encoding="utf-8"), littlegiants._EXPORTS), encoding="utf-8"
    )
