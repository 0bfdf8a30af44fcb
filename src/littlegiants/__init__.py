"""littlegiants: exact, typed tools for China's 专精特新 SME programme and its "little giants".

The house, ground floor up (a module imports from its own floor or the floors below):

- **values**: :class:`Money`, :class:`ExchangeRate`, :class:`RateTable`, :class:`Growth`,
  :class:`Period`, and :mod:`littlegiants.formatting`;
- **domain**: :class:`CreditCode`, :class:`Region`, :class:`Enterprise`,
  :class:`DesignationLevel`, :class:`Designation`, :class:`TradeRecord`, :func:`summarize`,
  :class:`FinancialYear`, :class:`Profile`, :data:`MIIT_BATCHES`;
- **rules**: :class:`IncentivePolicy`, :func:`load_policy`, :func:`policies`, the payout engine
  (:class:`Payout`, :class:`Payment`, :func:`compare`).

>>> import littlegiants
>>> littlegiants.load_policy("shenzhen-2022").budget({littlegiants.DesignationLevel.NATIONAL: 275})
Money('137500000', 'CNY')
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from littlegiants.batches import MIIT_BATCHES, Batch
    from littlegiants.counts import (
        CountKind,
        DesignationCount,
    )
    from littlegiants.credit import (
        CreditCode,
        format_credit_code,
        is_valid_credit_code,
        validate_credit_code,
    )
    from littlegiants.designation import Designation, DesignationLevel, ReReview
    from littlegiants.dumps import (
        dump_dataset,
        dump_designations,
        dump_enterprises,
        dump_financials,
        dump_rates,
        dump_trade_records,
    )
    from littlegiants.eligibility import (
        Assessment,
        CriteriaNotAvailableError,
        CriteriaSet,
        CriterionResult,
        Purpose,
        Tier,
        Verdict,
        assess,
        assess_many,
        criteria_on,
        load_criteria,
        render_criteria,
    )
    from littlegiants.enterprise import Enterprise, Relocation
    from littlegiants.errors import (
        CurrencyMismatchError,
        DivisionByZeroError,
        FloatAmountError,
        InvalidAmountError,
        InvalidCreditCodeError,
        InvalidGrowthError,
        InvalidLevelError,
        InvalidPeriodError,
        InvalidRateError,
        InvalidRecordError,
        LittleGiantsError,
        MoneyParseError,
        PolicyFileError,
        RateNotFoundError,
        ScenarioFileError,
        SourceLocation,
        UnknownCurrencyError,
        UnknownPolicyError,
        UnknownRegionError,
    )
    from littlegiants.financials import FinancialYear, Profile
    from littlegiants.fx import ExchangeRate, RateTable
    from littlegiants.growth import Growth
    from littlegiants.loader import (
        Dataset,
        LoadError,
        LoadFileError,
        LoadProblem,
        LoadResult,
        MissingExtraError,
        MissingFileError,
        RecordStream,
        RejectedRow,
        iter_designations,
        iter_enterprises,
        iter_financials,
        iter_rates,
        iter_trade_records,
        load_dataset,
        load_designations,
        load_enterprises,
        load_financials,
        load_rates,
        load_trade_records,
    )
    from littlegiants.money import Money
    from littlegiants.payout import (
        Comparison,
        ItemStatus,
        Payment,
        Payout,
        PayoutItem,
        PayoutReport,
        compare,
    )
    from littlegiants.periods import Period
    from littlegiants.policy import (
        Combination,
        IncentivePolicy,
        Rule,
        RuleKind,
        load_policy,
        policies,
    )
    from littlegiants.records import (
        DesignationRecord,
        FinancialRecord,
    )
    from littlegiants.regions import Region
    from littlegiants.trade import (
        FlowSummary,
        TradeAggregate,
        TradeFlow,
        TradeRecord,
        TradeSummary,
        summarize,
    )

# Names are imported on first use (PEP 562), so ``import littlegiants`` stays cheap: the domain and
# rules floors, babel's data and pint load only when a program touches them.
_LAZY: dict[str, str] = {
    "Assessment": "littlegiants.eligibility",
    "CriteriaNotAvailableError": "littlegiants.eligibility",
    "CriteriaSet": "littlegiants.eligibility",
    "CriterionResult": "littlegiants.eligibility",
    "Purpose": "littlegiants.eligibility",
    "Tier": "littlegiants.eligibility",
    "Verdict": "littlegiants.eligibility",
    "assess": "littlegiants.eligibility",
    "assess_many": "littlegiants.eligibility",
    "criteria_on": "littlegiants.eligibility",
    "load_criteria": "littlegiants.eligibility",
    "render_criteria": "littlegiants.eligibility",
    "TradeAggregate": "littlegiants.trade",
    "CountKind": "littlegiants.counts",
    "DesignationCount": "littlegiants.counts",
    "Dataset": "littlegiants.loader",
    "LoadError": "littlegiants.loader",
    "LoadFileError": "littlegiants.loader",
    "LoadProblem": "littlegiants.loader",
    "LoadResult": "littlegiants.loader",
    "MissingExtraError": "littlegiants.loader",
    "MissingFileError": "littlegiants.loader",
    "RecordStream": "littlegiants.loader",
    "RejectedRow": "littlegiants.loader",
    "iter_designations": "littlegiants.loader",
    "iter_enterprises": "littlegiants.loader",
    "iter_financials": "littlegiants.loader",
    "iter_rates": "littlegiants.loader",
    "iter_trade_records": "littlegiants.loader",
    "load_dataset": "littlegiants.loader",
    "load_designations": "littlegiants.loader",
    "load_enterprises": "littlegiants.loader",
    "load_financials": "littlegiants.loader",
    "load_rates": "littlegiants.loader",
    "load_trade_records": "littlegiants.loader",
    "dump_dataset": "littlegiants.dumps",
    "dump_designations": "littlegiants.dumps",
    "dump_enterprises": "littlegiants.dumps",
    "dump_financials": "littlegiants.dumps",
    "dump_rates": "littlegiants.dumps",
    "dump_trade_records": "littlegiants.dumps",
    "DesignationRecord": "littlegiants.records",
    "FinancialRecord": "littlegiants.records",
    "ScenarioFileError": "littlegiants.errors",
    "Batch": "littlegiants.batches",
    "Combination": "littlegiants.policy",
    "Comparison": "littlegiants.payout",
    "CreditCode": "littlegiants.credit",
    "CurrencyMismatchError": "littlegiants.errors",
    "Designation": "littlegiants.designation",
    "DesignationLevel": "littlegiants.designation",
    "DivisionByZeroError": "littlegiants.errors",
    "Enterprise": "littlegiants.enterprise",
    "ExchangeRate": "littlegiants.fx",
    "FinancialYear": "littlegiants.financials",
    "FloatAmountError": "littlegiants.errors",
    "FlowSummary": "littlegiants.trade",
    "Growth": "littlegiants.growth",
    "IncentivePolicy": "littlegiants.policy",
    "InvalidAmountError": "littlegiants.errors",
    "InvalidCreditCodeError": "littlegiants.errors",
    "InvalidGrowthError": "littlegiants.errors",
    "InvalidLevelError": "littlegiants.errors",
    "InvalidPeriodError": "littlegiants.errors",
    "InvalidRateError": "littlegiants.errors",
    "InvalidRecordError": "littlegiants.errors",
    "ItemStatus": "littlegiants.payout",
    "LittleGiantsError": "littlegiants.errors",
    "MIIT_BATCHES": "littlegiants.batches",
    "Money": "littlegiants.money",
    "MoneyParseError": "littlegiants.errors",
    "Payment": "littlegiants.payout",
    "Payout": "littlegiants.payout",
    "PayoutItem": "littlegiants.payout",
    "PayoutReport": "littlegiants.payout",
    "Period": "littlegiants.periods",
    "PolicyFileError": "littlegiants.errors",
    "Profile": "littlegiants.financials",
    "RateNotFoundError": "littlegiants.errors",
    "RateTable": "littlegiants.fx",
    "ReReview": "littlegiants.designation",
    "Region": "littlegiants.regions",
    "Relocation": "littlegiants.enterprise",
    "Rule": "littlegiants.policy",
    "RuleKind": "littlegiants.policy",
    "SourceLocation": "littlegiants.errors",
    "TradeFlow": "littlegiants.trade",
    "TradeRecord": "littlegiants.trade",
    "TradeSummary": "littlegiants.trade",
    "UnknownCurrencyError": "littlegiants.errors",
    "UnknownPolicyError": "littlegiants.errors",
    "UnknownRegionError": "littlegiants.errors",
    "compare": "littlegiants.payout",
    "format_credit_code": "littlegiants.credit",
    "is_valid_credit_code": "littlegiants.credit",
    "load_policy": "littlegiants.policy",
    "policies": "littlegiants.policy",
    "summarize": "littlegiants.trade",
    "validate_credit_code": "littlegiants.credit",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the attribute's own type
    """Import a public name's module on first access."""
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'littlegiants' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names, loaded or not."""
    return sorted([*globals(), *_LAZY])


__version__ = "0.1.0.dev0"

__all__ = [
    "MIIT_BATCHES",
    "Assessment",
    "Batch",
    "Combination",
    "Comparison",
    "CountKind",
    "CreditCode",
    "CriteriaNotAvailableError",
    "CriteriaSet",
    "CriterionResult",
    "CurrencyMismatchError",
    "Dataset",
    "Designation",
    "DesignationCount",
    "DesignationLevel",
    "DesignationRecord",
    "DivisionByZeroError",
    "Enterprise",
    "ExchangeRate",
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
    "Purpose",
    "RateNotFoundError",
    "RateTable",
    "ReReview",
    "RecordStream",
    "Region",
    "RejectedRow",
    "Relocation",
    "Rule",
    "RuleKind",
    "ScenarioFileError",
    "SourceLocation",
    "Tier",
    "TradeAggregate",
    "TradeFlow",
    "TradeRecord",
    "TradeSummary",
    "UnknownCurrencyError",
    "UnknownPolicyError",
    "UnknownRegionError",
    "Verdict",
    "assess",
    "assess_many",
    "compare",
    "criteria_on",
    "dump_dataset",
    "dump_designations",
    "dump_enterprises",
    "dump_financials",
    "dump_rates",
    "dump_trade_records",
    "format_credit_code",
    "is_valid_credit_code",
    "iter_designations",
    "iter_enterprises",
    "iter_financials",
    "iter_rates",
    "iter_trade_records",
    "load_criteria",
    "load_dataset",
    "load_designations",
    "load_enterprises",
    "load_financials",
    "load_policy",
    "load_rates",
    "load_trade_records",
    "policies",
    "render_criteria",
    "summarize",
    "validate_credit_code",
]
