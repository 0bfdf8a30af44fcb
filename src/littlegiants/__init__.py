"""littlegiants: exact, typed tools for China's 专精特新 SME programme and its "little giants".

The house, ground floor up (a module imports from its own floor or the floors below):

- **values**: :class:`Money`, :class:`ExchangeRate`, :class:`RateTable`, :class:`Growth`,
  :class:`Period`, and :mod:`littlegiants.formatting`;
- **domain**: :class:`CreditCode`, :class:`Region`, :class:`Enterprise`,
  :class:`DesignationLevel`, :class:`Designation`, :class:`TradeRecord`, :func:`summarize`,
  :class:`FinancialYear`, :class:`Profile`, :data:`MIIT_BATCHES`;
- **rules**: :class:`IncentivePolicy`, :func:`load_policy`, :func:`policies`, the payout engine
  (:class:`Payout`, :class:`Payment`, :func:`compare`), several policies stacked
  (:class:`PolicySet`) and matched against a firm (:func:`match`), and eligibility (:func:`assess`,
  :class:`Tier`, :class:`Verdict`, :class:`CriteriaSet`);
- **edges**: loading and dumping data files (:func:`load_dataset`, :func:`dump_dataset`).

Every name is imported on first use, so ``import littlegiants`` stays cheap.

>>> import littlegiants
>>> littlegiants.load_policy("shenzhen-2022").budget({"national": 275}).total
Money('137500000', 'CNY')
"""

import importlib
from typing import TYPE_CHECKING, Any

#: Every public name, once (ruff refuses a repeated key), with the module that defines it, floor
#: by floor. ``__all__``, ``dir()`` and the lazy ``__getattr__`` derive from it. To export a name,
#: add its line here, then run ``python tests/test_exports.py``: it rewrites the type checkers'
#: imports at the end of this file from the mapping (the test suite fails while the two differ).
_EXPORTS: dict[str, str] = {
    # values
    "Money": "littlegiants.money",
    "ExchangeRate": "littlegiants.fx",
    "RateTable": "littlegiants.fx",
    "Growth": "littlegiants.growth",
    "Period": "littlegiants.periods",
    # errors, the one root and its family
    "BatchesFileError": "littlegiants.errors",
    "CriteriaFileError": "littlegiants.errors",
    "CurrencyMismatchError": "littlegiants.errors",
    "DataFileError": "littlegiants.errors",
    "DivisionByZeroError": "littlegiants.errors",
    "FloatAmountError": "littlegiants.errors",
    "InvalidAmountError": "littlegiants.errors",
    "InvalidArgumentError": "littlegiants.errors",
    "InvalidCreditCodeError": "littlegiants.errors",
    "InvalidGrowthError": "littlegiants.errors",
    "InvalidLevelError": "littlegiants.errors",
    "InvalidPeriodError": "littlegiants.errors",
    "InvalidRateError": "littlegiants.errors",
    "InvalidRecordError": "littlegiants.errors",
    "LittleGiantsError": "littlegiants.errors",
    "MissingDataFileError": "littlegiants.errors",
    "MoneyParseError": "littlegiants.errors",
    "PolicyFileError": "littlegiants.errors",
    "RateNotFoundError": "littlegiants.errors",
    "ScenarioFileError": "littlegiants.errors",
    "SourceLocation": "littlegiants.errors",
    "UnknownCurrencyError": "littlegiants.errors",
    "UnknownLocaleError": "littlegiants.errors",
    "UnknownPolicyError": "littlegiants.errors",
    "UnknownRegionError": "littlegiants.errors",
    "AmbiguousRegionError": "littlegiants.errors",
    "InvalidDateError": "littlegiants.errors",
    "UnknownRuleError": "littlegiants.errors",
    "UnreadableFileError": "littlegiants.errors",
    # domain
    "CreditCode": "littlegiants.credit",
    "format_credit_code": "littlegiants.credit",
    "is_valid_credit_code": "littlegiants.credit",
    "validate_credit_code": "littlegiants.credit",
    "Region": "littlegiants.regions",
    "Enterprise": "littlegiants.enterprise",
    "Relocation": "littlegiants.enterprise",
    "Designation": "littlegiants.designation",
    "DesignationLevel": "littlegiants.designation",
    "ReReview": "littlegiants.designation",
    "FlowSummary": "littlegiants.trade",
    "TradeAggregate": "littlegiants.trade",
    "TradeFlow": "littlegiants.trade",
    "TradeRecord": "littlegiants.trade",
    "TradeSummary": "littlegiants.trade",
    "summarize": "littlegiants.trade",
    "FinancialYear": "littlegiants.financials",
    "Profile": "littlegiants.financials",
    "Batch": "littlegiants.batches",
    "MIIT_BATCHES": "littlegiants.batches",
    "CountKind": "littlegiants.counts",
    "DesignationCount": "littlegiants.counts",
    "DesignationRecord": "littlegiants.records",
    "FinancialRecord": "littlegiants.records",
    "ProfileRecord": "littlegiants.records",
    "RelocationRecord": "littlegiants.records",
    "Source": "littlegiants.sources",
    "SourceKind": "littlegiants.sources",
    # rules
    "Combination": "littlegiants.policy",
    "IncentivePolicy": "littlegiants.policy",
    "Rule": "littlegiants.policy",
    "RuleKind": "littlegiants.policy",
    "load_policy": "littlegiants.policy",
    "policies": "littlegiants.policy",
    "Comparison": "littlegiants.policy",
    "ItemStatus": "littlegiants.policy",
    "Payment": "littlegiants.policy",
    "Payout": "littlegiants.policy",
    "PayoutItem": "littlegiants.policy",
    "PayoutReport": "littlegiants.policy",
    "compare": "littlegiants.policy",
    "PolicySet": "littlegiants.policy",
    "StackedPayout": "littlegiants.policy",
    "StackedReport": "littlegiants.policy",
    "Interaction": "littlegiants.policy",
    "Relation": "littlegiants.policy",
    "RelationKind": "littlegiants.policy",
    "match": "littlegiants.policy",
    "Match": "littlegiants.policy",
    "PolicyMatch": "littlegiants.policy",
    "Coverage": "littlegiants.policy",
    "Budget": "littlegiants.policy",
    "BudgetLine": "littlegiants.policy",
    "ComparisonRow": "littlegiants.policy",
    "rule_kinds": "littlegiants.policy",
    "registered": "littlegiants.policy",
    "DesignationRule": "littlegiants.policy",
    "PercentageRule": "littlegiants.policy",
    "ReReviewRule": "littlegiants.policy",
    "RelocationRule": "littlegiants.policy",
    "DesignationBasedRule": "littlegiants.policy",
    "AwardRule": "littlegiants.policy",
    "EventKind": "littlegiants.policy",
    "Assessment": "littlegiants.eligibility",
    "CriteriaNotAvailableError": "littlegiants.eligibility",
    "UnknownCriterionError": "littlegiants.eligibility",
    "CriteriaSet": "littlegiants.eligibility",
    "CriterionResult": "littlegiants.eligibility",
    "Purpose": "littlegiants.eligibility",
    "Tier": "littlegiants.eligibility",
    "Verdict": "littlegiants.eligibility",
    "assess": "littlegiants.eligibility",
    "assess_many": "littlegiants.eligibility",
    "Assessments": "littlegiants.eligibility",
    "criteria_on": "littlegiants.eligibility",
    "load_criteria": "littlegiants.eligibility",
    "render_criteria": "littlegiants.eligibility",
    # edges
    "Dataset": "littlegiants.loader",
    "DumpError": "littlegiants.loader",
    "FileSource": "littlegiants.loader",
    "LoadError": "littlegiants.loader",
    "LoadFileError": "littlegiants.loader",
    "LoadProblem": "littlegiants.loader",
    "LoadResult": "littlegiants.loader",
    "MissingExtraError": "littlegiants.errors",
    "MissingFileError": "littlegiants.loader",
    "RecordStream": "littlegiants.loader",
    "RejectedRow": "littlegiants.loader",
    "example_path": "littlegiants.loader",
    "iter_aggregates": "littlegiants.loader",
    "iter_counts": "littlegiants.loader",
    "iter_designations": "littlegiants.loader",
    "iter_enterprises": "littlegiants.loader",
    "iter_financials": "littlegiants.loader",
    "iter_profiles": "littlegiants.loader",
    "iter_rates": "littlegiants.loader",
    "iter_relocations": "littlegiants.loader",
    "iter_trade_records": "littlegiants.loader",
    "load_aggregates": "littlegiants.loader",
    "load_counts": "littlegiants.loader",
    "load_dataset": "littlegiants.loader",
    "load_list": "littlegiants.loader",
    "load_designations": "littlegiants.loader",
    "load_enterprises": "littlegiants.loader",
    "load_financials": "littlegiants.loader",
    "load_profiles": "littlegiants.loader",
    "load_rates": "littlegiants.loader",
    "load_relocations": "littlegiants.loader",
    "load_trade_records": "littlegiants.loader",
    "dump_aggregates": "littlegiants.dumps",
    "dump_counts": "littlegiants.dumps",
    "dump_dataset": "littlegiants.dumps",
    "dump_designations": "littlegiants.dumps",
    "dump_enterprises": "littlegiants.dumps",
    "dump_financials": "littlegiants.dumps",
    "dump_profiles": "littlegiants.dumps",
    "dump_rates": "littlegiants.dumps",
    "dump_relocations": "littlegiants.dumps",
    "dump_trade_records": "littlegiants.dumps",
}

__all__ = list(_EXPORTS)
__version__ = "0.1.0.dev0"


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the attribute's own type
    """Import a public name's module on first access (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        msg = f"module 'littlegiants' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names, loaded or not."""
    return sorted([*globals(), *_EXPORTS])


# What type checkers see: each name of _EXPORTS imported from its module (``X as X`` marks it
# as re-exported). Generated by ``python tests/test_exports.py``; do not edit by hand.
if TYPE_CHECKING:
    from littlegiants.batches import MIIT_BATCHES as MIIT_BATCHES
    from littlegiants.batches import Batch as Batch
    from littlegiants.counts import CountKind as CountKind
    from littlegiants.counts import DesignationCount as DesignationCount
    from littlegiants.credit import CreditCode as CreditCode
    from littlegiants.credit import format_credit_code as format_credit_code
    from littlegiants.credit import is_valid_credit_code as is_valid_credit_code
    from littlegiants.credit import validate_credit_code as validate_credit_code
    from littlegiants.designation import Designation as Designation
    from littlegiants.designation import DesignationLevel as DesignationLevel
    from littlegiants.designation import ReReview as ReReview
    from littlegiants.dumps import dump_aggregates as dump_aggregates
    from littlegiants.dumps import dump_counts as dump_counts
    from littlegiants.dumps import dump_dataset as dump_dataset
    from littlegiants.dumps import dump_designations as dump_designations
    from littlegiants.dumps import dump_enterprises as dump_enterprises
    from littlegiants.dumps import dump_financials as dump_financials
    from littlegiants.dumps import dump_profiles as dump_profiles
    from littlegiants.dumps import dump_rates as dump_rates
    from littlegiants.dumps import dump_relocations as dump_relocations
    from littlegiants.dumps import dump_trade_records as dump_trade_records
    from littlegiants.eligibility import Assessment as Assessment
    from littlegiants.eligibility import Assessments as Assessments
    from littlegiants.eligibility import CriteriaNotAvailableError as CriteriaNotAvailableError
    from littlegiants.eligibility import CriteriaSet as CriteriaSet
    from littlegiants.eligibility import CriterionResult as CriterionResult
    from littlegiants.eligibility import Purpose as Purpose
    from littlegiants.eligibility import Tier as Tier
    from littlegiants.eligibility import UnknownCriterionError as UnknownCriterionError
    from littlegiants.eligibility import Verdict as Verdict
    from littlegiants.eligibility import assess as assess
    from littlegiants.eligibility import assess_many as assess_many
    from littlegiants.eligibility import criteria_on as criteria_on
    from littlegiants.eligibility import load_criteria as load_criteria
    from littlegiants.eligibility import render_criteria as render_criteria
    from littlegiants.enterprise import Enterprise as Enterprise
    from littlegiants.enterprise import Relocation as Relocation
    from littlegiants.errors import AmbiguousRegionError as AmbiguousRegionError
    from littlegiants.errors import BatchesFileError as BatchesFileError
    from littlegiants.errors import CriteriaFileError as CriteriaFileError
    from littlegiants.errors import CurrencyMismatchError as CurrencyMismatchError
    from littlegiants.errors import DataFileError as DataFileError
    from littlegiants.errors import DivisionByZeroError as DivisionByZeroError
    from littlegiants.errors import FloatAmountError as FloatAmountError
    from littlegiants.errors import InvalidAmountError as InvalidAmountError
    from littlegiants.errors import InvalidArgumentError as InvalidArgumentError
    from littlegiants.errors import InvalidCreditCodeError as InvalidCreditCodeError
    from littlegiants.errors import InvalidDateError as InvalidDateError
    from littlegiants.errors import InvalidGrowthError as InvalidGrowthError
    from littlegiants.errors import InvalidLevelError as InvalidLevelError
    from littlegiants.errors import InvalidPeriodError as InvalidPeriodError
    from littlegiants.errors import InvalidRateError as InvalidRateError
    from littlegiants.errors import InvalidRecordError as InvalidRecordError
    from littlegiants.errors import LittleGiantsError as LittleGiantsError
    from littlegiants.errors import MissingDataFileError as MissingDataFileError
    from littlegiants.errors import MissingExtraError as MissingExtraError
    from littlegiants.errors import MoneyParseError as MoneyParseError
    from littlegiants.errors import PolicyFileError as PolicyFileError
    from littlegiants.errors import RateNotFoundError as RateNotFoundError
    from littlegiants.errors import ScenarioFileError as ScenarioFileError
    from littlegiants.errors import SourceLocation as SourceLocation
    from littlegiants.errors import UnknownCurrencyError as UnknownCurrencyError
    from littlegiants.errors import UnknownLocaleError as UnknownLocaleError
    from littlegiants.errors import UnknownPolicyError as UnknownPolicyError
    from littlegiants.errors import UnknownRegionError as UnknownRegionError
    from littlegiants.errors import UnknownRuleError as UnknownRuleError
    from littlegiants.errors import UnreadableFileError as UnreadableFileError
    from littlegiants.financials import FinancialYear as FinancialYear
    from littlegiants.financials import Profile as Profile
    from littlegiants.fx import ExchangeRate as ExchangeRate
    from littlegiants.fx import RateTable as RateTable
    from littlegiants.growth import Growth as Growth
    from littlegiants.loader import Dataset as Dataset
    from littlegiants.loader import DumpError as DumpError
    from littlegiants.loader import FileSource as FileSource
    from littlegiants.loader import LoadError as LoadError
    from littlegiants.loader import LoadFileError as LoadFileError
    from littlegiants.loader import LoadProblem as LoadProblem
    from littlegiants.loader import LoadResult as LoadResult
    from littlegiants.loader import MissingFileError as MissingFileError
    from littlegiants.loader import RecordStream as RecordStream
    from littlegiants.loader import RejectedRow as RejectedRow
    from littlegiants.loader import example_path as example_path
    from littlegiants.loader import iter_aggregates as iter_aggregates
    from littlegiants.loader import iter_counts as iter_counts
    from littlegiants.loader import iter_designations as iter_designations
    from littlegiants.loader import iter_enterprises as iter_enterprises
    from littlegiants.loader import iter_financials as iter_financials
    from littlegiants.loader import iter_profiles as iter_profiles
    from littlegiants.loader import iter_rates as iter_rates
    from littlegiants.loader import iter_relocations as iter_relocations
    from littlegiants.loader import iter_trade_records as iter_trade_records
    from littlegiants.loader import load_aggregates as load_aggregates
    from littlegiants.loader import load_counts as load_counts
    from littlegiants.loader import load_dataset as load_dataset
    from littlegiants.loader import load_designations as load_designations
    from littlegiants.loader import load_enterprises as load_enterprises
    from littlegiants.loader import load_financials as load_financials
    from littlegiants.loader import load_list as load_list
    from littlegiants.loader import load_profiles as load_profiles
    from littlegiants.loader import load_rates as load_rates
    from littlegiants.loader import load_relocations as load_relocations
    from littlegiants.loader import load_trade_records as load_trade_records
    from littlegiants.money import Money as Money
    from littlegiants.periods import Period as Period
    from littlegiants.policy import AwardRule as AwardRule
    from littlegiants.policy import Budget as Budget
    from littlegiants.policy import BudgetLine as BudgetLine
    from littlegiants.policy import Combination as Combination
    from littlegiants.policy import Comparison as Comparison
    from littlegiants.policy import ComparisonRow as ComparisonRow
    from littlegiants.policy import Coverage as Coverage
    from littlegiants.policy import DesignationBasedRule as DesignationBasedRule
    from littlegiants.policy import DesignationRule as DesignationRule
    from littlegiants.policy import EventKind as EventKind
    from littlegiants.policy import IncentivePolicy as IncentivePolicy
    from littlegiants.policy import Interaction as Interaction
    from littlegiants.policy import ItemStatus as ItemStatus
    from littlegiants.policy import Match as Match
    from littlegiants.policy import Payment as Payment
    from littlegiants.policy import Payout as Payout
    from littlegiants.policy import PayoutItem as PayoutItem
    from littlegiants.policy import PayoutReport as PayoutReport
    from littlegiants.policy import PercentageRule as PercentageRule
    from littlegiants.policy import PolicyMatch as PolicyMatch
    from littlegiants.policy import PolicySet as PolicySet
    from littlegiants.policy import Relation as Relation
    from littlegiants.policy import RelationKind as RelationKind
    from littlegiants.policy import RelocationRule as RelocationRule
    from littlegiants.policy import ReReviewRule as ReReviewRule
    from littlegiants.policy import Rule as Rule
    from littlegiants.policy import RuleKind as RuleKind
    from littlegiants.policy import StackedPayout as StackedPayout
    from littlegiants.policy import StackedReport as StackedReport
    from littlegiants.policy import compare as compare
    from littlegiants.policy import load_policy as load_policy
    from littlegiants.policy import match as match
    from littlegiants.policy import policies as policies
    from littlegiants.policy import registered as registered
    from littlegiants.policy import rule_kinds as rule_kinds
    from littlegiants.records import DesignationRecord as DesignationRecord
    from littlegiants.records import FinancialRecord as FinancialRecord
    from littlegiants.records import ProfileRecord as ProfileRecord
    from littlegiants.records import RelocationRecord as RelocationRecord
    from littlegiants.regions import Region as Region
    from littlegiants.sources import Source as Source
    from littlegiants.sources import SourceKind as SourceKind
    from littlegiants.trade import FlowSummary as FlowSummary
    from littlegiants.trade import TradeAggregate as TradeAggregate
    from littlegiants.trade import TradeFlow as TradeFlow
    from littlegiants.trade import TradeRecord as TradeRecord
    from littlegiants.trade import TradeSummary as TradeSummary
    from littlegiants.trade import summarize as summarize
