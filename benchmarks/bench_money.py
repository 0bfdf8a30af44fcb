"""Cost of adding two amounts: Decimal, littlegiants Money, py-moneyed Money and a pint Quantity.

Run from the project root with the project's virtual environment:

    .venv/bin/python benchmarks/bench_money.py [--rounds 15] [--breakdown]

The cases take turns: each of ``--rounds`` rounds times every case once (the best of three
``timeit`` runs, the loop count chosen by ``timeit.Timer.autorange``) and divides it by the
``Decimal`` addition timed in that same round. The table prints the median ratio over the rounds
and the lowest and highest, so a burst of machine noise moves one round, not the verdict. Ratios
travel between machines better than nanoseconds do. The target is a Money addition at most 8
times a Decimal addition.

``--breakdown`` also times the parts of ``Money.__add__`` (the exact-context addition, building
the result through the trusted constructor) to show what each part costs. The script prints; it
never asserts, so a slow machine never fails a build.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import timeit
from decimal import Decimal
from importlib.metadata import version
from typing import Any

import attrs
import moneyed

from littlegiants import _units
from littlegiants._exact import EXACT
from littlegiants.money import Money

#: The project's target for Money addition, as a multiple of a Decimal addition.
MONEY_TARGET = 8

A, B = Decimal("44640000000.00"), Decimal("0.01")


def best_ns(stmt: str, namespace: dict[str, Any], repeat: int) -> float:
    """Return the best time of one ``stmt``, in nanoseconds, over ``repeat`` timeit runs."""
    timer = timeit.Timer(stmt, globals=namespace)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e9


def interleaved(
    cases: list[tuple[str, dict[str, Any]]], rounds: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Time ``a + b`` for every case, the cases taking turns, ``rounds`` times.

    Returns, per label, the nanoseconds of each round and the ratio to the first case (the
    baseline) timed in the same round.
    """
    timings: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label, _ in cases}
    for _ in range(rounds):
        base = 0.0
        for label, namespace in cases:
            ns = best_ns("a + b", namespace, repeat=3)
            base = base or ns
            timings[label][0].append(ns)
            timings[label][1].append(ns / base)
    return timings


def additions() -> list[tuple[str, dict[str, Any]]]:
    """The additions ``a + b`` to time: a label and the two operands."""
    quantity = _units.registry().Quantity
    return [
        ("Decimal", {"a": A, "b": B}),
        ("littlegiants Money", {"a": Money(A, "CNY"), "b": Money(B, "CNY")}),
        ("py-moneyed Money", {"a": moneyed.Money(A, "CNY"), "b": moneyed.Money(B, "CNY")}),
        ("pint Quantity", {"a": quantity(A, "CNY"), "b": quantity(B, "CNY")}),
    ]


@attrs.frozen(init=False)
class FrozenMoney:
    """Money as an ``@attrs.frozen`` class, as littlegiants had it before: the comparison row.

    A frozen class's ``__setattr__`` raises, so a trusted constructor has to call each slot
    descriptor's ``__set__``, which costs more than the plain slot store ``Money`` now uses.
    """

    amount: Decimal
    currency: str

    def __add__(self, other: object) -> FrozenMoney:
        if not isinstance(other, FrozenMoney):
            return NotImplemented
        currency = self.currency
        if other.currency != currency:
            raise TypeError(currency, other.currency)
        money = _new(FrozenMoney)
        _set_amount(money, _add(self.amount, other.amount))
        _set_currency(money, currency)
        return money


_new = object.__new__
_add = EXACT.add
_set_amount = FrozenMoney.__dict__["amount"].__set__
_set_currency = FrozenMoney.__dict__["currency"].__set__


def _frozen(amount: Decimal) -> FrozenMoney:
    money = _new(FrozenMoney)
    _set_amount(money, amount)
    _set_currency(money, "CNY")
    return money


def breakdown(repeat: int, base: float) -> None:
    """Print what the parts of a Money addition cost, and adding up many amounts."""
    from littlegiants import money  # noqa: PLC0415 - the private pieces __add__ is built from

    a, b = Money(A, "CNY"), Money(B, "CNY")
    namespace = {
        "A": A,
        "B": B,
        "a": a,
        "b": b,
        "EXACT": EXACT,
        "Money": Money,
        "add": money._add,  # noqa: SLF001
        "new": money._new,  # noqa: SLF001
        "build": money._money,  # noqa: SLF001
        "fa": _frozen(A),
        "fb": _frozen(B),
    }
    parts = [
        ("EXACT.add(A, B)", "exact-context add, looked up each time"),
        ("add(A, B)", "exact-context add, bound once (as __add__ does)"),
        ("new(Money)", "allocating the instance alone"),
        ("build(A, 'CNY')", "allocating and setting both slots"),
        ("Money.__add__(a, b)", "__add__, called directly"),
        ("fa + fb", "the same on an @attrs.frozen class (slot __set__)"),
    ]
    print(f"\n{'part of a Money addition':<48} {'ns/op':>10} {'ratio':>8}")
    for stmt, label in parts:
        ns = best_ns(stmt, namespace, repeat)
        print(f"{label:<48} {ns:>10.1f} {ns / base:>7.1f}x   {stmt}")

    count = 1000
    namespace |= {
        "amounts": [Money(Decimal(i).scaleb(-2), "CNY") for i in range(count)],
        "decimals": [Decimal(i).scaleb(-2) for i in range(count)],
        "Decimal": Decimal,
    }
    totals = [
        ("sum(decimals, Decimal(0))", "sum of the bare Decimals"),
        ("Money.total(amounts, currency='CNY')", "Money.total"),
    ]
    print(f"\n{f'adding up {count:,} amounts, per amount':<48} {'ns/op':>10} {'ratio':>8}")
    for stmt, label in totals:
        ns = best_ns(stmt, namespace, repeat) / count
        print(f"{label:<48} {ns:>10.1f} {ns / base:>7.1f}x   {stmt}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds of interleaved timings")
    parser.add_argument("--breakdown", action="store_true", help="time the parts of Money.__add__")
    args = parser.parse_args()

    libraries = ", ".join(
        f"{name} {version(name)}" for name in ("littlegiants", "babel", "pint", "py-moneyed")
    )
    print(f"Python {platform.python_version()}; {libraries}")
    print(f"median of {args.rounds} interleaved rounds; ratio = time / Decimal addition's time")
    print("in the same round; low-high = the lowest and highest ratio of any round\n")
    timings = interleaved(additions(), args.rounds)
    print(f"{'a + b':<22} {'ns/op':>8} {'ratio':>7} {'low-high':>13}  target")
    for label, (nanoseconds, ratios) in timings.items():
        ratio = statistics.median(ratios)
        spread = f"{min(ratios):.1f}-{max(ratios):.1f}x"
        target = ""
        if label == "littlegiants Money":
            verdict = "met" if ratio <= MONEY_TARGET else "NOT met"
            target = f"<= {MONEY_TARGET}x ({verdict})"
        line = f"{label:<22} {statistics.median(nanoseconds):>8.1f} {ratio:>6.1f}x {spread:>13}"
        print(f"{line}  {target}")
    if args.breakdown:
        breakdown(repeat=7, base=statistics.median(timings["Decimal"][0]))


if __name__ == "__main__":
    main()
