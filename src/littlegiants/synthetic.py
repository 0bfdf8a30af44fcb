"""Synthetic populations for benchmarks and demos: clearly labelled, seeded and reproducible.

Nothing here is data about real firms. Every synthetic enterprise is named ``合成企业NNNNNN``
("synthetic enterprise"), has no credit code, and every trade record carries the source
``"synthetic (littlegiants.synthetic, seed N)"``, so synthetic rows can never pass for the
sourced example in ``littlegiants/data/examples/``. The same seed always gives the same
population.

>>> firms = synthetic_enterprises(3, seed=7)
>>> [firm.name for firm in firms]
['合成企业000000', '合成企业000001', '合成企业000002']
>>> firms == synthetic_enterprises(3, seed=7)
True
>>> records = synthetic_trade_records(firms, seed=7)
>>> records[0].source
'synthetic (littlegiants.synthetic, seed 7)'
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from littlegiants.designation import Designation
from littlegiants.enterprise import Enterprise
from littlegiants.growth import Growth
from littlegiants.money import Money
from littlegiants.periods import Period
from littlegiants.trade import TradeFlow, TradeRecord

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["NAME_PREFIX", "synthetic_enterprises", "synthetic_trade_records", "trade_rows"]

#: Every synthetic enterprise's name starts with this ("synthetic enterprise").
NAME_PREFIX: Final = "合成企业"

#: Shenzhen's districts (GB/T 2260), where synthetic enterprises are registered by default.
SHENZHEN_DISTRICTS: Final = (
    "440303",
    "440304",
    "440305",
    "440306",
    "440307",
    "440308",
    "440309",
    "440310",
    "440311",
)

_LEVELS: Final = ("municipal", "provincial", "national")


def _source(seed: int) -> str:
    return f"synthetic (littlegiants.synthetic, seed {seed})"


def synthetic_enterprises(
    count: int,
    *,
    seed: int,
    regions: Sequence[str] = SHENZHEN_DISTRICTS,
    designations: int = 2,
) -> list[Enterprise]:
    """Return ``count`` synthetic enterprises with up to ``designations`` rising designations.

    Args:
        count: how many enterprises.
        seed: the random seed; the same seed gives the same population.
        regions: division codes to register them in.
        designations: designations per enterprise (at most 3: municipal, provincial, national).
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    start = date(2020, 1, 1)
    firms: list[Enterprise] = []
    for index in range(count):
        day = start + timedelta(days=rng.randrange(0, 700))
        held: list[Designation] = []
        for level in _LEVELS[3 - min(designations, 3) :]:
            held.append(Designation(level, day))
            day += timedelta(days=rng.randrange(200, 700))
        firms.append(
            Enterprise(
                f"{NAME_PREFIX}{index:06d}",
                region=rng.choice(regions),
                designations=held,
            )
        )
    return firms


def trade_rows(count: int, *, seed: int) -> list[tuple[str, str, str, str, str, str]]:
    """Return ``count`` synthetic trade rows as text: name, period, flow, value, currency, growth.

    The shape of a customs extract, for loader benchmarks; values are US dollars.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    rows = []
    for _ in range(count):
        month = rng.randrange(1, 13)
        rows.append(
            (
                f"{NAME_PREFIX}{rng.randrange(0, max(count // 4, 1)):06d}",
                f"2022-01..2022-{month:02d}",
                rng.choice(("import", "export")),
                f"{rng.randrange(1, 10_000_000)}.{rng.randrange(0, 100):02d}",
                "USD",
                f"{rng.randrange(-50, 150)}%",
            )
        )
    return rows


def synthetic_trade_records(
    enterprises: Sequence[Enterprise], *, seed: int, period: Period | None = None
) -> list[TradeRecord]:
    """Return an import and an export record per enterprise, with growth, in US dollars."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    span = period or Period.parse("2022-01..2022-10")
    records: list[TradeRecord] = []
    for firm in enterprises:
        for flow in (TradeFlow.IMPORT, TradeFlow.EXPORT):
            value = Money(Decimal(rng.randrange(100_000, 100_000_000)), "USD")
            growth = Growth.from_percent(rng.randrange(-50, 150))
            records.append(
                TradeRecord(firm, span, flow, value, growth=growth, source=_source(seed))
            )
    return records
