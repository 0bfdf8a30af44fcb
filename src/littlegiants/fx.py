"""Exchange rates: explicit, dated, one-way conversions between currencies.

An :class:`ExchangeRate` says that on one date, 1 unit of the ``base`` currency was worth ``rate``
units of the ``quote`` currency: ``ExchangeRate("USD", "CNY", rate="7.2292", on=date(2022, 11, 7))``
is the yuan's central parity of 7 November 2022. A rate converts base to quote only; the other
direction needs :meth:`ExchangeRate.inverse`, written down on purpose, because a bank's buying and
selling rates, or two sources, do not invert into each other exactly.

Which rate? Customs figures are headlined in yuan with a dollar equivalent, and news conversions use
**spot rates of the day, not annual averages**. The seed article (Shenzhen Daily, 2022-11-23)
reports 44.64 billion yuan as US$6.24 billion, which implies about 7.15 yuan per dollar, a
November-2022 spot level (the central parity was 7.2292 on 2022-11-07). The 2022 *average* rate,
about 6.726 yuan per dollar (derived from the National Bureau of Statistics' per-capita GDP of
¥85,698 = US$12,741), would turn the same total into about US$6.64 billion (44.64 / 6.726).
Growth rates differ by currency too, so keep figures in the currency they were reported in and
convert at a named, dated rate when you must.

A rate is bounded like every figure (:mod:`littlegiants._exact`): below ``1E+31``, no digit finer
than ``1E-64``. ``str()`` writes a rate as ``1 USD = 7.2292 CNY on 2022-11-07``, which
:meth:`ExchangeRate.parse` reads back.

A :class:`RateTable` holds many dated rates and converts with the latest rate on or before a date;
it never inverts a pair silently and never guesses a nearer date.

>>> from datetime import date
>>> from littlegiants.money import Money
>>> parity = ExchangeRate("USD", "CNY", rate="7.2292", on=date(2022, 11, 7), source="parity")
>>> parity.convert(Money("6.24", "USD"))
Money('45.110208', 'CNY')
>>> implied = ExchangeRate.implied(
...     Money.parse("44.64 billion yuan"), Money.parse("US$6.24 billion"), on=date(2022, 11, 23)
... )
>>> implied.base, implied.quote, implied.rate
('USD', 'CNY', Decimal('7.153846153846153846153846153846154'))
>>> parity.convert(Money("1", "CNY"))
Traceback (most recent call last):
...
littlegiants.errors.CurrencyMismatchError: Cannot convert CNY and USD: ...
>>> ExchangeRate("USD", "CNY", rate=7.2292, on=date(2022, 11, 7))
Traceback (most recent call last):
...
littlegiants.errors.FloatAmountError: Refusing float amount 7.2292: money must be exact. ...
>>> table = RateTable([parity])
>>> table.convert(Money("1", "CNY"), "USD", on=date(2022, 11, 23))
Traceback (most recent call last):
...
littlegiants.errors.RateNotFoundError: No CNY->USD rate usable on 2022-11-23: the table has only ...

More information:

- Shenzhen Daily, 2022-11-23 (44.64 billion yuan = US$6.24 billion):
  http://www.eyeshenzhen.com/content/2022-11/23/content_25472690.htm
- Central parity of 7.2292 yuan per dollar on 2022-11-07:
  https://www.sunnewsonline.com/chinese-yuan-strengthens-to-7-2292-against-dollar/
- NBS 2022 per-capita GDP at the annual average rate (¥85,698 = US$12,741):
  https://szb.qzwb.com/old/qzwb/html/2023-01/18/content_634893.htm
- ISO 4217 currency codes: https://www.iso.org/iso-4217-currency-codes.html
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from littlegiants._exact import DIVISION, EXACT, bounded_quotient, exact_figure, to_figure
from littlegiants.errors import (
    CurrencyMismatchError,
    DivisionByZeroError,
    InvalidRateError,
    RateNotFoundError,
    Reason,
)
from littlegiants.money import Money, validate_currency
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["ExchangeRate", "RateTable"]

_ONE: Final = Decimal(1)
#: The text form of a rate, as ``str()`` writes it: ``1 USD = 7.2292 CNY on 2022-11-07 (source)``.
_TEXT: Final = re.compile(
    r"1 (?P<base>[A-Za-z]{3}) = (?P<rate>[0-9]+(?:\.[0-9]+)?) (?P<quote>[A-Za-z]{3}) "
    r"on (?P<on>[0-9]{4}-[0-9]{2}-[0-9]{2})(?: \((?P<source>.*)\))?",
    re.DOTALL,
)
_MAX_LENGTH: Final = 1000


def _coerce_rate(value: object) -> Decimal:
    refused = N_("the rate must be a finite Decimal, int or numeric str")
    rate = exact_figure(value, InvalidRateError, wrong_kind=refused, refused=refused)
    if rate <= 0:
        raise InvalidRateError(value, N_("the rate must be positive"))
    return rate


def _quotient(value: Decimal, what: object) -> Decimal:
    """A computed rate inside the bounds (34 digits, none finer than ``1E-64``), or the error."""
    rate = bounded_quotient(value)
    if isinstance(rate, str):
        raise InvalidRateError(
            what,
            Reason(N_("the rate is outside the bounds: {problem}"), problem=Reason.given(rate)),
        )
    return rate


def _check_on(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        kind = type(value).__name__
        raise InvalidRateError(
            value, Reason(N_("on= must be a datetime.date, not a {kind}"), kind=kind)
        )
    return value


def _check_source(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidRateError(value, N_("source= must be text naming where the rate comes from"))
    return value


@attrs.frozen(repr=False)
class ExchangeRate:
    """One unit of ``base`` is worth ``rate`` units of ``quote`` on the date ``on``.

    Args:
        base: the currency converted from (ISO 4217, case-insensitive).
        quote: the currency converted to; not the same as ``base``.
        rate: a positive ``Decimal``, ``int`` or numeric ``str``, kept exactly.
        on: the date the rate applies to (a ``datetime.date``).
        source: where the rate comes from (a publisher, a document, a URL), or ``None``.

    Raises:
        UnknownCurrencyError: a currency is not an ISO 4217 code.
        FloatAmountError: ``rate`` is a ``float`` or ``bool``.
        InvalidRateError: ``rate`` is not positive, not a number or outside the bounds,
            ``base`` equals ``quote``, ``on`` is not a date, or ``source`` is not text.

    >>> from datetime import date
    >>> ExchangeRate("usd", "cny", rate="7.2292", on=date(2022, 11, 7))
    ExchangeRate('USD', 'CNY', rate='7.2292', on=datetime.date(2022, 11, 7))
    >>> ExchangeRate("USD", "CNY", rate="-7.2292", on=date(2022, 11, 7))
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRateError: Invalid exchange rate '-7.2292': the rate must be ...
    >>> ExchangeRate("CNY", "CNY", rate=1, on=date(2022, 11, 7))
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRateError: Invalid exchange rate 'CNY->CNY': base and quote ...
    """

    base: str = attrs.field(converter=validate_currency)
    quote: str = attrs.field(converter=validate_currency)
    rate: Decimal = attrs.field(converter=_coerce_rate, kw_only=True)
    on: dt.date = attrs.field(converter=_check_on, kw_only=True)
    source: str | None = attrs.field(default=None, converter=_check_source, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Refuse a rate from a currency to itself."""
        if self.base == self.quote:
            raise InvalidRateError(
                f"{self.base}->{self.quote}", N_("base and quote are the same currency")
            )

    @classmethod
    def parse(cls, text: str) -> ExchangeRate:
        """Read a rate in the form ``str()`` writes: ``1 USD = 7.2292 CNY on 2022-11-07``.

        The source, if any, follows in parentheses: ``... on 2022-11-07 (parity)``. The rate is a
        plain decimal number, the date ``YYYY-MM-DD``; outer spaces are ignored.

        Args:
            text: the rate as text.

        Raises:
            InvalidRateError: the text has another form (every character but the source's is
                fixed: ASCII letters, digits and single spaces), an impossible date, or a rate
                that is not positive or outside the bounds.
            UnknownCurrencyError: a currency is not an ISO 4217 code.

        >>> rate = ExchangeRate.parse("1 USD = 7.2292 CNY on 2022-11-07 (central parity)")
        >>> rate.rate, rate.on, rate.source
        (Decimal('7.2292'), datetime.date(2022, 11, 7), 'central parity')
        >>> ExchangeRate.parse(str(rate)) == rate
        True
        >>> ExchangeRate.parse("USD/CNY 7.2292")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidRateError: Invalid exchange rate 'USD/CNY 7.2292': expected ...
        """
        if not isinstance(text, str):
            raise InvalidRateError(
                text, Reason(N_("expected text, got {kind}"), kind=type(text).__name__)
            )
        if len(text) > _MAX_LENGTH:
            raise InvalidRateError(
                text, Reason(N_("the text is longer than {limit} characters"), limit=_MAX_LENGTH)
            )
        stripped = text.strip(" ")
        match = _TEXT.fullmatch(stripped)
        if match is None:
            raise InvalidRateError(
                text, N_("expected the form '1 USD = 7.2292 CNY on 2022-11-07', then '(source)'")
            )
        try:
            on = dt.date.fromisoformat(match["on"])
        except ValueError:
            reason = Reason(N_("{date} is not a date in the calendar"), date=match["on"])
            raise InvalidRateError(text, reason) from None
        rate = to_figure(match["rate"])
        if isinstance(rate, str):
            raise InvalidRateError(text, rate)
        return cls(match["base"], match["quote"], rate=rate, on=on, source=match["source"])

    @classmethod
    def implied(
        cls, value: Money, equivalent: Money, *, on: dt.date, source: str | None = None
    ) -> ExchangeRate:
        """Return the rate implied by two reported figures of the same value.

        A source that prints "44.64 billion yuan (US$6.24 billion)" reports ``value`` in yuan and
        its ``equivalent`` in dollars. The implied rate has ``base = equivalent.currency`` and
        ``quote = value.currency``: 1 USD = value / equivalent CNY. The division uses the 34-digit
        context of :mod:`littlegiants._exact`. Both figures are rounded in print, so the implied
        rate is only as precise as they are (here about 7.15).

        Args:
            value: the headline figure, such as ``Money.parse("44.64 billion yuan")``.
            equivalent: the same value in another currency, such as ``Money.parse("US$6.24
                billion")``.
            on: the date of the figures (the publication date when nothing better is known).
            source: where the figures come from.

        Raises:
            InvalidRateError: an argument is not Money, both are in one currency, or the implied
                rate is not positive or is outside the bounds.
            DivisionByZeroError: ``equivalent`` is zero.

        >>> from datetime import date
        >>> from littlegiants.money import Money
        >>> rate = ExchangeRate.implied(
        ...     Money.parse("44.64 billion yuan"),
        ...     Money.parse("US$6.24 billion"),
        ...     on=date(2022, 11, 23),
        ...     source="Shenzhen Daily, 2022-11-23",
        ... )
        >>> f"1 {rate.base} = {rate.rate:.6f} {rate.quote}"
        '1 USD = 7.153846 CNY'
        >>> rate.convert(Money.parse("US$6.24 billion")).round()
        Money('44640000000.00', 'CNY')
        """
        if not isinstance(value, Money) or not isinstance(equivalent, Money):
            raise InvalidRateError(
                (value, equivalent), N_("an implied rate needs two Money figures")
            )
        if equivalent.amount == 0:
            raise DivisionByZeroError(equivalent, N_("imply a rate from a zero equivalent"))
        rate = _quotient(DIVISION.divide(value.amount, equivalent.amount), (value, equivalent))
        return cls(equivalent.currency, value.currency, rate=rate, on=on, source=source)

    def convert(self, money: Money) -> Money:
        """Convert an amount in ``base`` to ``quote``, exactly (no rounding).

        Args:
            money: an amount in the base currency.

        Raises:
            CurrencyMismatchError: ``money`` is not in the base currency (a rate is one-way).

        >>> from datetime import date
        >>> from littlegiants.money import Money
        >>> rate = ExchangeRate("USD", "CNY", rate="7.15", on=date(2022, 11, 23))
        >>> rate.convert(Money("99.2", "USD"))
        Money('709.280', 'CNY')
        """
        if not isinstance(money, Money):
            raise InvalidRateError(
                money, Reason(N_("expected Money in {base} to convert"), base=self.base)
            )
        if money.currency != self.base:
            raise CurrencyMismatchError(money.currency, self.base, N_("convert"))
        return Money(EXACT.multiply(money.amount, self.rate), self.quote)

    def inverse(self) -> ExchangeRate:
        """Return the rate the other way, ``1 / rate``, on the same date.

        The division uses the 34-digit context of :mod:`littlegiants._exact`; the source says the
        rate is an inverse.

        Raises:
            InvalidRateError: the inverse is outside the bounds (a rate below ``1E-31``).

        >>> from datetime import date
        >>> rate = ExchangeRate("USD", "CNY", rate="8", on=date(2022, 11, 23), source="example")
        >>> inverse = rate.inverse()
        >>> inverse.base, inverse.quote, inverse.rate, inverse.on
        ('CNY', 'USD', Decimal('0.125'), datetime.date(2022, 11, 23))
        >>> inverse.source
        'inverse of USD->CNY 8 (example)'
        """
        note = f" ({self.source})" if self.source is not None else ""
        return ExchangeRate(
            self.quote,
            self.base,
            rate=_quotient(DIVISION.divide(_ONE, self.rate), self),
            on=self.on,
            source=f"inverse of {self.base}->{self.quote} {self.rate}{note}",
        )

    def __repr__(self) -> str:
        """Exact and round-tripping (with ``datetime`` imported), whatever the decimal context."""
        source = "" if self.source is None else f", source={self.source!r}"
        return (
            f"ExchangeRate({self.base!r}, {self.quote!r}, rate={EXACT.to_sci_string(self.rate)!r}, "
            f"on={self.on!r}{source})"
        )

    def __str__(self) -> str:
        """The text :meth:`parse` reads back: ``1 USD = 7.2292 CNY on 2022-11-07 (source)``.

        >>> str(ExchangeRate("USD", "CNY", rate="7.2292", on=dt.date(2022, 11, 7)))
        '1 USD = 7.2292 CNY on 2022-11-07'
        """
        source = "" if self.source is None else f" ({self.source})"
        return f"1 {self.base} = {self.rate:f} {self.quote} on {self.on.isoformat()}{source}"


def _sorted_rates(rates: Iterable[ExchangeRate]) -> tuple[ExchangeRate, ...]:
    """Sort by (base, quote, date), drop identical duplicates, refuse conflicting ones."""
    if isinstance(rates, ExchangeRate | str | bytes) or not hasattr(rates, "__iter__"):
        raise InvalidRateError(rates, N_("expected an iterable of ExchangeRate"))
    by_key: dict[tuple[str, str, dt.date], ExchangeRate] = {}
    for rate in rates:
        if not isinstance(rate, ExchangeRate):
            raise InvalidRateError(
                rate, Reason(N_("expected an ExchangeRate, got {kind}"), kind=type(rate).__name__)
            )
        key = (rate.base, rate.quote, rate.on)
        seen = by_key.setdefault(key, rate)
        if seen.rate != rate.rate:
            raise InvalidRateError(
                rate,
                Reason(
                    N_(
                        "the table already has a different {base}->{quote} rate on {on} "
                        "({rate}); keep one rate per pair and date"
                    ),
                    base=rate.base,
                    quote=rate.quote,
                    on=rate.on,
                    rate=seen.rate,
                ),
            )
    return tuple(by_key[key] for key in sorted(by_key))


@attrs.frozen
class RateTable:
    """Dated exchange rates, looked up by pair and date.

    A conversion uses the latest rate for the pair on or before the date asked. It never inverts
    a pair (add ``rate.inverse()`` explicitly) and never takes a rate from a later date.

    Args:
        rates: the rates. Two rates for the same pair and date must agree; an exact duplicate
            (the same rate value, whatever its source) is kept once, the first one given.

    Raises:
        InvalidRateError: an item is not an :class:`ExchangeRate`, or two rates for one pair and
            date differ.

    Iteration is in (base, quote, date) order and ``len()`` counts the rates.

    >>> from datetime import date
    >>> from littlegiants.money import Money
    >>> table = RateTable([
    ...     ExchangeRate("USD", "CNY", rate="7.2292", on=date(2022, 11, 7)),
    ...     ExchangeRate("USD", "CNY", rate="7.15", on=date(2022, 11, 23)),
    ... ])
    >>> table.rate("USD", "CNY", on=date(2022, 11, 20)).rate
    Decimal('7.2292')
    >>> table.convert(Money("1", "USD"), "CNY", on=date(2022, 12, 31))
    Money('7.15', 'CNY')
    >>> table.convert(Money("1", "USD"), "CNY", on=date(2022, 11, 1))
    Traceback (most recent call last):
    ...
    littlegiants.errors.RateNotFoundError: No USD->CNY rate usable on 2022-11-01: the earliest ...
    """

    rates: tuple[ExchangeRate, ...] = attrs.field(converter=_sorted_rates)
    _index: dict[tuple[str, str], tuple[tuple[dt.date, ...], tuple[ExchangeRate, ...]]] = (
        attrs.field(init=False, eq=False, repr=False)
    )

    def __attrs_post_init__(self) -> None:
        """Index the sorted rates by pair, with their dates for bisection."""
        grouped: dict[tuple[str, str], list[ExchangeRate]] = {}
        for rate in self.rates:
            grouped.setdefault((rate.base, rate.quote), []).append(rate)
        index = {
            pair: (tuple(rate.on for rate in found), tuple(found))
            for pair, found in grouped.items()
        }
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        """The number of rates in the table."""
        return len(self.rates)

    def __iter__(self) -> Iterator[ExchangeRate]:
        """The rates in (base, quote, date) order."""
        return iter(self.rates)

    def rate(self, base: str, quote: str, *, on: dt.date) -> ExchangeRate:
        """Return the latest ``base``->``quote`` rate on or before ``on``.

        Args:
            base: the currency converted from.
            quote: the currency converted to.
            on: the date of the conversion.

        Raises:
            RateNotFoundError: the table has no rate for the pair (the message says when only
                the inverse pair is present), or only rates after ``on`` (a ``LookupError``).
            UnknownCurrencyError: a currency is not an ISO 4217 code.
            InvalidRateError: ``base`` equals ``quote``, or ``on`` is not a date.
        """
        base, quote, on = validate_currency(base), validate_currency(quote), _check_on(on)
        if base == quote:
            raise InvalidRateError(f"{base}->{quote}", N_("base and quote are the same currency"))
        found = self._index.get((base, quote))
        if found is None:
            if (quote, base) in self._index:
                template = N_(
                    "the table has only the inverse {quote}->{base} rate; rates are never "
                    "inverted silently, so add it explicitly with rate.inverse()"
                )
            else:
                template = N_("the table has no {base}->{quote} rate")
            reason = Reason(template, base=base, quote=quote)
            raise RateNotFoundError(base, quote, on, reason)
        dates, rates = found
        position = bisect.bisect_right(dates, on)
        if position == 0:
            raise RateNotFoundError(
                base,
                quote,
                on,
                Reason(
                    N_(
                        "the earliest {base}->{quote} rate is on {on}, and a rate is never taken "
                        "from a later date"
                    ),
                    base=base,
                    quote=quote,
                    on=dates[0],
                ),
            )
        return rates[position - 1]

    def convert(self, money: Money, to: str, *, on: dt.date) -> Money:
        """Convert ``money`` to the currency ``to`` at the latest rate on or before ``on``.

        An amount already in ``to`` is returned unchanged. The multiplication is exact.

        Args:
            money: the amount to convert.
            to: the target currency.
            on: the date of the conversion.

        Raises:
            RateNotFoundError: no rate applies (see :meth:`rate`).
            UnknownCurrencyError: ``to`` is not an ISO 4217 code.
            InvalidRateError: ``money`` is not Money, or ``on`` is not a date.
        """
        if not isinstance(money, Money):
            raise InvalidRateError(money, N_("expected Money to convert"))
        target, on = validate_currency(to), _check_on(on)
        if money.currency == target:
            return money
        return self.rate(money.currency, target, on=on).convert(money)
