"""The ``littlegiants`` command line.

``littlegiants demo`` works the seed article through the library: the figures are read from the
article's own wording with ``Money.parse`` and ``Growth.parse``, and everything printed is computed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

#: The seed article (Shenzhen Daily, 2022-11-23), as quoted figures.
SEED = {
    "cohort_value": "44.64 billion yuan",
    "cohort_value_usd": "US$6.24 billion",
    "cohort_growth": "up 11%",
    "hosin_imports": "US$99.2 million",
    "hosin_imports_growth": "59%",
    "hosin_exports": "US$27.59 million",
    "hosin_exports_growth": "109%",
}


def _demo(locale: str) -> int:
    from littlegiants import (  # noqa: PLC0415 - the CLI imports what a command needs
        DesignationLevel,
        ExchangeRate,
        Growth,
        Money,
        load_policy,
    )
    from littlegiants.formatting import format_growth, format_money  # noqa: PLC0415
    from littlegiants.render import render_policy  # noqa: PLC0415

    value = Money.parse(SEED["cohort_value"])
    value_usd = Money.parse(SEED["cohort_value_usd"])
    growth = Growth.parse(SEED["cohort_growth"])
    rate = ExchangeRate.implied(value, value_usd, on=date(2022, 11, 23), source="seed article")
    out = sys.stdout
    out.write("Shenzhen little giants' foreign trade, Jan-Oct 2022 (Shenzhen Daily, 2022-11-23)\n")
    out.write(
        f"  {format_money(value, locale=locale, compact=True)} "
        f"({format_money(value_usd, locale=locale, compact=True)}), "
        f"{format_growth(growth, locale=locale)} year on year; "
        f"a year earlier: {format_money(growth.previous_of(value), locale=locale, compact=True)}\n"
    )
    out.write(f"  implied rate: 1 USD = {rate.rate.quantize(Decimal('0.0001'))} CNY\n")
    for label, key in (("imports", "hosin_imports"), ("exports", "hosin_exports")):
        amount = Money.parse(SEED[key])
        change = Growth.parse(SEED[f"{key}_growth"])
        out.write(
            f"  Hosin Global {label}: {format_money(amount, locale=locale, compact=True)}, "
            f"{format_growth(change, locale=locale)}; a year earlier "
            f"{format_money(change.previous_of(amount), locale=locale, compact=True)}\n"
        )
    policy = load_policy("shenzhen-2022")
    out.write(render_policy(policy, locale=locale).split("\n  Dates:")[0] + "\n")
    budget = policy.budget({DesignationLevel.NATIONAL: 275})
    out.write(f"  4th batch, 275 firms: at most {format_money(budget, locale=locale)}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 problems, 2 usage)."""
    parser = argparse.ArgumentParser(prog="littlegiants", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="work the seed article through the library")
    demo.add_argument("--locale", default="en_US", choices=["en_US", "zh_CN"])
    args = parser.parse_args(argv)
    return _demo(args.locale)
