"""Structuring plain data (from CSV, JSON, TOML or scenario files) into littlegiants' attrs classes.

This is the edges floor's one converter: a cattrs converter with a hook for every value type the
domain uses, so the loader and the scenario runner build ``Enterprise``, ``Designation``,
``FinancialYear`` and friends the same way, and a bad value is reported with the path of the field
it was found at (``designations[0].awarded_on``), never as a traceback from deep inside cattrs.

Why cattrs rather than hand-written dict walking: the attrs classes already declare their fields
and types; cattrs reads those declarations, so adding a field to a class needs no loader change,
and nested structures (an enterprise's designations' re-reviews) come for free.

Conventions for plain data:

- money is text (``"500000"``, ``"50万元"``, ``"US$99.2 million"``); bare numbers take the
  ``currency`` the converter was built with, and floats are refused;
- dates are ``datetime.date`` (TOML) or ISO text (``2022-08-01``);
- levels, flows and growth are text read by their own ``parse`` (``国家级``, ``进口``, ``59%``);
- regions and credit codes are text.

>>> convert = converter(currency="CNY")
>>> firm = structure_enterprise(
...     {
...         "name": "示例科技有限公司",
...         "region": "440305",
...         "designations": [{"level": "国家级", "awarded_on": "2022-08-01"}],
...         "financials": [{"year": 2021, "rd_super_deduction": "500万元"}],
...     },
...     convert,
... )
>>> firm.designations[0].level, firm.financials[0].rd_super_deduction
(<DesignationLevel.NATIONAL: 'national'>, Money('5000000', 'CNY'))
>>> structure_enterprise({"name": "x", "designations": [{"level": "county"}]}, convert)
Traceback (most recent call last):
...
littlegiants.io.structuring.StructureError: designations[0].level: Unknown designation level ...
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from littlegiants._exact import MAX_ADJUSTED_EXPONENT, bounds_problem, to_decimal
from littlegiants.credit import CreditCode, coerce_credit_code
from littlegiants.designation import Designation, DesignationLevel, ReReview
from littlegiants.enterprise import Enterprise, Relocation
from littlegiants.errors import (
    FloatAmountError,
    InvalidDateError,
    InvalidRecordError,
    LittleGiantsError,
    Reason,
    _said,
)
from littlegiants.financials import Award, ChuangkePlacing, FinancialYear, ProductField, Profile
from littlegiants.growth import Growth
from littlegiants.io.tables import shown
from littlegiants.money import Money
from littlegiants.periods import Period, parse_date
from littlegiants.regions import Region, coerce_region
from littlegiants.trade import TradeFlow
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

__all__ = ["StructureError", "converter", "structure", "structure_enterprise"]

T = TypeVar("T")


@attrs.define(auto_exc=True, eq=False)
class StructureError(LittleGiantsError, ValueError):
    """Plain data could not become an object: the path of the field, the value and why."""

    path: str
    value: object
    reason: str

    def _sentence(self, _: Callable[[str], str]) -> str:
        """``path: reason``."""
        reason = _said(self.reason, _)
        return _("{path}: {reason}").format(path=self.path, reason=reason) if self.path else reason


def _date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InvalidRecordError(value, N_("expected a date without a time"))
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except InvalidDateError as exc:
            raise InvalidRecordError(
                value,
                Reason(
                    N_("expected a date like 2022-08-01 ({reason})"),
                    reason=Reason.given(exc.reason),
                ),
            ) from exc
    raise InvalidRecordError(value, N_("expected a date like 2022-08-01"))


def _bounded(number: Decimal, value: object) -> Decimal:
    """``number``, when it lies within the library's bounds; else the problem, with ``value``."""
    problem = bounds_problem(number)
    if problem is not None:
        raise InvalidRecordError(
            _shown(value), Reason(N_("the number is out of bounds: {problem}"), problem=problem)
        )
    return number


def _shown(value: object) -> object:
    """A value short enough for a message: long text (a number of 5,000 digits) is cut."""
    return shown(value) if isinstance(value, str) else value


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, float | bool):
        raise FloatAmountError(value)
    number = to_decimal(value)
    if number is None:
        raise InvalidRecordError(_shown(value), N_("expected an exact decimal number"))
    return _bounded(number, value)


#: A whole number as text: digits, a sign, outer spaces.
_WHOLE = re.compile(r"\s*[+-]?\d+\s*")


def _integer(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidRecordError(_shown(value), N_("expected a whole number"))
    if isinstance(value, str):
        if not _WHOLE.fullmatch(value):
            raise InvalidRecordError(_shown(value), N_("expected a whole number"))
        digits = value.strip().lstrip("+-").lstrip("0")
        if len(digits) > MAX_ADJUSTED_EXPONENT + 1:  # int() of thousands of digits refuses
            _bounded(Decimal(f"1E+{len(digits) - 1}"), value)
        return int(value)
    _bounded(Decimal(value), value)
    return value


def _boolean(value: object, _: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return _BOOLEANS[value.strip().lower()]
    raise InvalidRecordError(value, N_("expected true or false (是/否)"))


_BOOLEANS = {"true": True, "yes": True, "是": True, "1": True, "false": False, "no": False}
_BOOLEANS |= {"否": False, "0": False}


def _text(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise InvalidRecordError(value, N_("expected text"))
    return value


def _money_hook(currency: str | None) -> Any:  # noqa: ANN401 - a cattrs hook
    def hook(value: object, _: object) -> Money:
        if isinstance(value, Money):
            return value
        if isinstance(value, float | bool):
            raise FloatAmountError(value)
        if isinstance(value, int | Decimal):
            if currency is None:
                raise InvalidRecordError(_shown(value), N_("an amount without a currency"))
            _bounded(Decimal(value), value)
            return Money(value, currency)
        if isinstance(value, str):
            money = Money.parse(value, currency=currency)
            _bounded(money.amount, value)
            return money
        raise InvalidRecordError(value, N_("expected an amount such as '500000' or '50万元'"))

    return hook


def _growth(value: Any, _: object) -> Growth:  # noqa: ANN401 - a cattrs hook: any plain value
    growth = Growth.parse(value)  # parse refuses what is not text
    _bounded(growth.rate, value)
    return growth


def _parsed(parse: Any) -> Any:  # noqa: ANN401 - a cattrs hook
    def hook(value: object, _: object) -> Any:  # noqa: ANN401
        return parse(value)

    return hook


@functools.cache
def converter(*, currency: str | None = None) -> cattrs.Converter:
    """Return the converter for plain data whose bare amounts are in ``currency``.

    Converters are cached per currency; they are configured once and never mutated afterwards.
    """
    import cattrs  # noqa: PLC0415 - only the edges need cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, prefer_attrib_converters=False)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(int, _integer)
    conv.register_structure_hook(bool, _boolean)
    conv.register_structure_hook(str, _text)
    conv.register_structure_hook(Money, _money_hook(currency))
    conv.register_structure_hook(Region, _parsed(coerce_region))
    conv.register_structure_hook(CreditCode, _parsed(coerce_credit_code))
    conv.register_structure_hook(DesignationLevel, _parsed(DesignationLevel.parse))
    conv.register_structure_hook(TradeFlow, _parsed(TradeFlow.parse))
    conv.register_structure_hook(Growth, _growth)
    conv.register_structure_hook(Period, _parsed(Period.parse))
    conv.register_structure_hook(ProductField, _parsed(ProductField.parse))
    for cls in (
        Award,
        ChuangkePlacing,
        Designation,
        Enterprise,
        FinancialYear,
        Profile,
        Relocation,
        ReReview,
    ):
        attrs.resolve_types(cls)
    return conv


def _path_of(exc: BaseException) -> tuple[str, BaseException]:
    """Follow a cattrs exception group down to the first leaf, collecting the field path."""
    path = ""
    current: BaseException = exc
    while isinstance(current, BaseExceptionGroup):
        inner = current.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            match = re.search(r"attribute (\w+)|@ index (\d+)|key '?([^']*)'?", note)
            if match:
                name, index, key = match.groups()
                if name:
                    path += f".{name}" if path else name
                elif index is not None:
                    path += f"[{index}]"
                elif key:
                    path += f".{key}" if path else key
                break
        current = inner
    return path, current


def structure(data: object, cls: type[T], conv: cattrs.Converter) -> T:
    """Structure ``data`` into ``cls``; any problem raises :class:`StructureError` with its path.

    Raises:
        StructureError: the data does not fit (a ``ValueError``), naming the field path.
    """
    import cattrs  # noqa: PLC0415

    try:
        return conv.structure(data, cls)
    except cattrs.ForbiddenExtraKeysError as exc:
        keys = ", ".join(sorted(exc.extra_fields))
        path = ""
        reason = Reason(N_("unknown key(s) {keys} for {name}"), keys=keys, name=exc.cl.__name__)
    except (cattrs.BaseValidationError, LittleGiantsError, ValueError, TypeError) as exc:
        path, leaf = _path_of(exc)
        if isinstance(leaf, cattrs.ForbiddenExtraKeysError):
            keys = ", ".join(sorted(leaf.extra_fields))
            reason = Reason(
                N_("unknown key(s) {keys} for {name}"), keys=keys, name=leaf.cl.__name__
            )
        elif isinstance(leaf, KeyError):
            reason = Reason(N_("required key {key} is missing"), key=repr(leaf.args[0]))
        else:
            reason = Reason.of(leaf)
    # Raised outside the handlers, so the error carries no cattrs exception as its context:
    # tblib (which importing dask installs, and pint imports dask) pickles an error's context,
    # and cattrs' validation errors do not unpickle. The reason names the path and the problem.
    raise StructureError(path, data, reason)


def structure_enterprise(data: object, conv: cattrs.Converter) -> Enterprise:
    """Structure one enterprise mapping (name, credit_code, region, designations, ...)."""
    return structure(data, Enterprise, conv)
