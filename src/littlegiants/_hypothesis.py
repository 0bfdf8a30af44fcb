"""Teach hypothesis littlegiants' types, so ``st.from_type(Money)`` draws valid money.

Hypothesis runs every function registered under its ``hypothesis`` entry-point group when it is
imported. littlegiants registers :func:`setup` there::

    [project.entry-points.hypothesis]
    _ = "littlegiants._hypothesis:setup"

so in any environment with both installed, ``st.from_type``, ``st.builds`` and ``@given`` with
inferred arguments use :mod:`littlegiants.strategies` for littlegiants' types, including fields
of a user's own attrs classes. Without it hypothesis infers from type hints alone and ignores
the validators, so nearly every drawn record is invalid.

:func:`setup` registers a function per type, not a strategy: :mod:`littlegiants.strategies` is
imported only when a strategy is first resolved. That keeps ``import hypothesis`` light, and lets
``import littlegiants.strategies`` (which imports hypothesis, which calls :func:`setup`) finish
importing before anything asks it for a strategy. Calling :func:`setup` again is harmless.

>>> from hypothesis import find, strategies as st
>>> from littlegiants.money import Money
>>> setup()
>>> find(st.from_type(Money), lambda m: m.currency == "USD")
Money('0.00', 'USD')

More information:

- Hypothesis runs the ``hypothesis`` entry points on import (added in 5.29.0):
  https://github.com/HypothesisWorks/hypothesis/blob/master/hypothesis-python/src/hypothesis/entry_points.py
- ``register_type_strategy``: https://hypothesis.readthedocs.io/en/latest/reference/strategies.html
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis.strategies import SearchStrategy

__all__ = ["setup"]

#: Each registered type's module and name, and the strategy function that draws it.
_REGISTRY: Final = (
    ("littlegiants.money", "Money", "money"),
    ("littlegiants.growth", "Growth", "growths"),
    ("littlegiants.periods", "Period", "periods"),
    ("littlegiants.fx", "ExchangeRate", "exchange_rates"),
    ("littlegiants.fx", "RateTable", "rate_tables"),
    ("littlegiants.regions", "Region", "regions"),
    ("littlegiants.credit", "CreditCode", "credit_codes"),
    ("littlegiants.designation", "DesignationLevel", "designation_levels"),
    ("littlegiants.designation", "Designation", "designations"),
    ("littlegiants.financials", "FinancialYear", "financial_years"),
    ("littlegiants.financials", "Profile", "profiles"),
    ("littlegiants.enterprise", "Enterprise", "enterprises"),
    ("littlegiants.enterprise", "Relocation", "relocations"),
    ("littlegiants.trade", "TradeRecord", "trade_records"),
    ("littlegiants.policy", "IncentivePolicy", "incentive_policies"),
    ("littlegiants.policy", "Payment", "payments"),
)


def _resolver(name: str) -> Callable[[type[Any]], SearchStrategy[Any]]:
    """Return a function that builds the strategy ``littlegiants.strategies.<name>()``."""

    def resolve(_type: type[Any]) -> SearchStrategy[Any]:
        from littlegiants import strategies  # noqa: PLC0415 - imported when first resolved

        factory: Callable[[], SearchStrategy[Any]] = getattr(strategies, name)
        return factory()

    return resolve


def setup() -> None:
    """Register a strategy for each littlegiants type with ``st.register_type_strategy``.

    Registered: Money, Growth, Period, ExchangeRate, RateTable, Region, CreditCode,
    DesignationLevel, Designation, FinancialYear, Profile, Enterprise, Relocation, TradeRecord,
    IncentivePolicy and Payment, each drawn by the :mod:`littlegiants.strategies` function of
    the same name with its defaults.
    """
    import importlib  # noqa: PLC0415 - nothing is imported until hypothesis calls this

    from hypothesis import strategies as st  # noqa: PLC0415

    for module, cls, name in _REGISTRY:
        st.register_type_strategy(getattr(importlib.import_module(module), cls), _resolver(name))
