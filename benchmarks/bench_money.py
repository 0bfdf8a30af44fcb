"""Cost of adding two amounts: Decimal, littlegiants Money, py-moneyed Money and a pint Quantity.

Run from the project root with the project's virtual environment:

    .venv/bin/python benchmarks/bench_money.py [--repeat 7] [--breakdown]

Each figure is the best of ``--repeat`` timeit runs (the least disturbed one), with the loop count
chosen by ``timeit.Timer.autorange``. Ratios are against the plain ``Decimal`` addition measured
in the same run, so they travel between machines better than the nanoseconds do. The target is a
Money addition at most 8 times a Decimal addition.

``--breakdown`` also times the parts of ``Money.__add__`` (the exact-context addition, building
the result) and a candidate ``__add__`` defined here, which binds ``EXACT.add`` and the slot
setters once and builds the result inline, to show what each part costs. The script prints; it
never asserts, so a slow machine never fails a build.
"""

from __future__ import annotations

import argparse
import platform
import timeit
from decimal import Decimal
from importlib.metadata import version
from typing import Any

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


def additions() -> list[tuple[str, dict[str, Any]]]:
    """The additions ``a + b`` to time: a label and the two operands."""
    quantity = _units.registry().Quantity
    return [
        ("Decimal", {"a": A, "b": B}),
        ("littlegiants Money", {"a": Money(A, "CNY"), "b": Money(B, "CNY")}),
        ("py-moneyed Money", {"a": moneyed.Money(A, "CNY"), "b": moneyed.Money(B, "CNY")}),
        ("pint Quantity", {"a": quantity(A, "CNY"), "b": quantity(B, "CNY")}),
    ]


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
    }
    parts = [
        ("EXACT.add(A, B)", "exact-context add, looked up each time"),
        ("add(A, B)", "exact-context add, bound once (as __add__ does)"),
        ("new(Money)", "allocating the instance alone"),
        ("build(A, 'CNY')", "allocating and setting both slots"),
        ("Money.__add__(a, b)", "__add__, called directly"),
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
    parser.add_argument("--repeat", type=int, default=7, help="timeit runs per case (best kept)")
    parser.add_argument("--breakdown", action="store_true", help="time the parts of Money.__add__")
    args = parser.parse_args()

    libraries = ", ".join(
        f"{name} {version(name)}" for name in ("littlegiants", "babel", "pint", "py-moneyed")
    )
    print(f"Python {platform.python_version()}; {libraries}")
    print(f"best of {args.repeat} runs; ratio = time / time of a Decimal addition\n")
    rows = [(label, best_ns("a + b", ns, args.repeat)) for label, ns in additions()]
    base = rows[0][1]
    print(f"{'a + b':<22} {'ns/op':>10} {'ratio':>8}  target")
    for label, ns in rows:
        ratio = ns / base
        target = ""
        if label == "littlegiants Money":
            verdict = "met" if ratio <= MONEY_TARGET else "NOT met"
            target = f"<= {MONEY_TARGET}x ({verdict})"
        print(f"{label:<22} {ns:>10.1f} {ratio:>7.1f}x  {target}")
    if args.breakdown:
        breakdown(args.repeat, base)


if __name__ == "__main__":
    main()
