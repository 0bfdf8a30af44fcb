"""Typed access to a criteria file's TOML, every error a located ``CriteriaFileError``.

The criteria file's reader (:mod:`littlegiants.eligibility._file`) and each kind of test
(:meth:`~littlegiants.eligibility.checks.Check.from_table`) read their keys through it: text,
whole numbers, dates, percentages ("70%"), money as the sources print it ("5000万元", in the
file's currency), choices among known words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from littlegiants._exact import EXACT, bounds_problem, to_decimal
from littlegiants._tomlindex import UNUSABLE_NUMBER, KeyPath, TomlReader, expected_one_of
from littlegiants.errors import CriteriaFileError, LittleGiantsError, Reason
from littlegiants.money import Money
from littlegiants.translations import N_

if TYPE_CHECKING:
    from littlegiants.eligibility.scoring import Scoring

__all__ = ["CheckTable", "CriteriaReader"]


class CriteriaReader(TomlReader):
    """Typed access to the parsed TOML, raising located ``CriteriaFileError``s."""

    error = CriteriaFileError

    def __init__(self, text: str, path: str, currency: str = "CNY") -> None:
        super().__init__(text, path)
        self.currency = currency

    def table(self, value: object, at: KeyPath, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(at, value, Reason(N_("expected {what}"), what=Reason.given(what)))
        return value

    def text(self, table: dict[str, Any], key: str, at: KeyPath, *, required: bool = True) -> Any:  # noqa: ANN401
        value = self.present(table, key, at, required=required)
        if value is not None and not isinstance(value, str):
            raise self.fail((*at, key), value, N_("expected a quoted string"))
        return value

    def integer(self, table: dict[str, Any], key: str, at: KeyPath, *, minimum: int = 1) -> int:
        value = self.present(table, key, at, required=True)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.fail(
                (*at, key),
                value,
                Reason(N_("expected a whole number, {minimum} or more"), minimum=minimum),
            )
        return value

    def day(self, table: dict[str, Any], key: str, at: KeyPath, *, required: bool = True) -> Any:  # noqa: ANN401
        value = self.present(table, key, at, required=required)
        if value is not None and type(value) is not date:
            raise self.fail((*at, key), value, N_("expected a TOML date such as 2022-06-01"))
        return value

    def strings(self, table: dict[str, Any], key: str, at: KeyPath) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            raise self.fail((*at, key), value, N_("expected an array of quoted strings"))
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail((*at, key, index), item, N_("expected a quoted string"))
        return tuple(value)

    def present(self, table: dict[str, Any], key: str, at: KeyPath, *, required: bool) -> Any:  # noqa: ANN401
        if key not in table:
            if required:
                raise self.fail((*at, key), None, N_("a required key is missing"))
            return None
        return table[key]

    def percent(self, value: object, at: KeyPath) -> Decimal:
        if isinstance(value, str) and value.strip().endswith("%"):
            number = to_decimal(value.strip()[:-1])
            if number is not None:
                self.bounded(number, value, at)
                return self.bounded(number.scaleb(-2, context=EXACT), value, at)
        raise self.fail(at, value, N_('expected a quoted percentage such as "70%"'))

    def bounded(self, number: Decimal, value: object, at: KeyPath) -> Decimal:
        problem = bounds_problem(number)
        if problem is not None:
            raise self.fail(at, value, Reason(UNUSABLE_NUMBER, problem=problem))
        return number

    def money(self, value: object, at: KeyPath) -> Money:
        if not isinstance(value, str):
            raise self.fail(
                at, value, N_('expected quoted money as the source prints it ("5000万元")')
            )
        try:
            amount = Money.parse(value)
        except LittleGiantsError as exc:
            reason = Reason(N_("expected money such as 5000万元 ({error})"), error=exc)
            raise self.fail(at, value, reason) from exc
        self.bounded(amount.amount, value, at)
        if amount.currency != self.currency:
            reason = Reason(
                N_("expected an amount in the file's currency {currency}"), currency=self.currency
            )
            raise self.fail(at, value, reason)
        return amount

    def choice(self, value: object, at: KeyPath, allowed: Collection[str]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(at, value, expected_one_of(sorted(allowed)))
        return value


class CheckTable:
    """One criterion's table, as its kind of test reads it: keys relative to the table.

    ``scoring`` is the file's ``[scoring]``, for the tests that name its groups.
    """

    def __init__(
        self, reader: CriteriaReader, table: dict[str, Any], at: KeyPath, scoring: Scoring | None
    ) -> None:
        self.reader = reader
        self.table = table
        self.at = at
        self.scoring = scoring

    def has(self, key: str) -> bool:
        return key in self.table

    def get(self, key: str, default: object = None) -> Any:  # noqa: ANN401
        return self.table.get(key, default)

    def fail(self, key: str | int | None, value: object, reason: str) -> Exception:
        at = self.at if key is None else (*self.at, key)
        return self.reader.fail(at, value, reason)

    def require(self, key: str) -> Any:  # noqa: ANN401
        return self.reader.present(self.table, key, self.at, required=True)

    def choice(self, key: str, allowed: Collection[str]) -> str:
        return self.reader.choice(self.table.get(key), (*self.at, key), allowed)

    def integer(self, key: str, *, minimum: int = 1) -> int:
        return self.reader.integer(self.table, key, self.at, minimum=minimum)

    def strings(self, key: str) -> tuple[str, ...]:
        return self.reader.strings(self.table, key, self.at)

    def percent(self, key: str) -> Decimal:
        return self.reader.percent(self.table.get(key), (*self.at, key))

    def money(self, key: str) -> Money:
        return self.reader.money(self.table.get(key), (*self.at, key))

    def convert(self, at: KeyPath, value: object, func: Callable[[Any], Any], what: str) -> Any:  # noqa: ANN401
        return self.reader.convert((*self.at, *at), value, func, what)
