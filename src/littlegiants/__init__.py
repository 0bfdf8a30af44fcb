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
    from littlegiants.credit import (
        CreditCode,
        format_credit_code,
        is_valid_credit_code,
        validate_credit_code,
    )
    from littlegiants.designation import Designation, DesignationLevel, ReReview
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
        SourceLocation,
        UnknownCurrencyError,
        UnknownPolicyError,
        UnknownRegionError,
    )
    from littlegiants.financials import FinancialYear, Profile
    from littlegiants.fx import ExchangeRate, RateTable
    from littlegiants.growth import Growth
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
    from littlegiants.regions import Region
    from littlegiants.trade import FlowSummary, TradeFlow, TradeRecord, TradeSummary, summarize

# Names are imported on first use (PEP 562), so ``import littlegiants`` stays cheap: the domain and
# rules floors, babel's data and pint load only when a program touches them.
_LAZY: dict[str, str] = {
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
    "Batch",
    "Combination",
    "Comparison",
    "CreditCode",
    "CurrencyMismatchError",
    "Designation",
    "DesignationLevel",
    "DivisionByZeroError",
    "Enterprise",
    "ExchangeRate",
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
    "Money",
    "MoneyParseError",
    "Payment",
    "Payout",
    "PayoutItem",
    "PayoutReport",
    "Period",
    "PolicyFileError",
    "Profile",
    "RateNotFoundError",
    "RateTable",
    "ReReview",
    "Region",
    "Relocation",
    "Rule",
    "RuleKind",
    "SourceLocation",
    "TradeFlow",
    "TradeRecord",
    "TradeSummary",
    "UnknownCurrencyError",
    "UnknownPolicyError",
    "UnknownRegionError",
    "compare",
    "format_credit_code",
    "is_valid_credit_code",
    "load_policy",
    "policies",
    "summarize",
    "validate_credit_code",
]
