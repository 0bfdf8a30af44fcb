"""Eligibility speed: assessing firms against each tier vs building the firms.

Run: ``python benchmarks/bench_eligibility.py [N] [--rounds R]`` (default 10,000 firms, 5
rounds). Each firm is synthetic (clearly made up): four financial years (2021-2024) and a full
profile, drawn from a seeded generator so that every verdict (pass, fail, unknown) occurs. Each
round builds the firms from plain rows, then assesses all of them against each tier on
2025-06-30 (the 2025 notice applies to little giants then), and divides each assessment time by
that round's build time; every timed step starts after a garbage collection, from the same heap.
Times are the process's CPU time (``time.process_time``), so other programs sharing the machine
slow neither side. The table prints the median ratio and the lowest and highest round.

Target: assessing costs at most 5x building the firms, for every tier. Benchmarks print; they
never assert.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from littlegiants import Enterprise, FinancialYear, Money, Profile, Tier, assess_many
from littlegiants.designation import Designation
from littlegiants.financials import Award, ChuangkePlacing, ProductField

AS_OF = date(2025, 6, 30)
YEARS = (2021, 2022, 2023, 2024)


def _maybe(rng: random.Random, value: object, unknown: float = 0.1) -> Any:
    return None if rng.random() < unknown else value


def plan(count: int, seed: int = 20221123) -> list[dict[str, Any]]:
    """Plain rows (ints, strings, bools) for ``count`` synthetic firms."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        revenue = rng.randrange(500, 40_000) * 10_000
        years = []
        for year in YEARS:
            revenue = revenue * rng.randrange(85, 135) // 100
            assets = rng.randrange(1_000, 50_000) * 10_000
            years.append(
                {
                    "year": year,
                    "operating_revenue": _maybe(rng, revenue, 0.05),
                    "main_business_revenue": _maybe(rng, revenue * rng.randrange(60, 100) // 100),
                    "rd_expense": _maybe(rng, revenue * rng.randrange(1, 12) // 100),
                    "rd_staff": _maybe(rng, rng.randrange(0, 80)),
                    "staff": _maybe(rng, rng.randrange(80, 600)),
                    "total_assets": _maybe(rng, assets),
                    "total_liabilities": _maybe(rng, assets * rng.randrange(10, 90) // 100),
                    "equity_financing": _maybe(
                        rng, rng.choice((0, 0, 0, 0, 0, 100, 3_000)) * 10_000
                    ),
                }
            )
        institution = rng.random() < 0.4
        level = rng.choice(("national", "provincial", "municipal", "municipal"))
        profile = {
            "years_in_niche": _maybe(rng, rng.randrange(0, 12)),
            "national_market_share": _maybe(rng, f"0.{rng.randrange(1, 40):02d}"),
            "class1_ip_count": _maybe(rng, rng.randrange(1, 8)),
            "class2_ip_count": _maybe(rng, rng.randrange(0, 8)),
            "high_value_class1_ip": _maybe(rng, rng.random() < 0.3),
            "self_developed_class1_ip": _maybe(rng, rng.random() < 0.5),
            "rd_institution": _maybe(rng, institution),
            "rd_institution_level": _maybe(rng, level) if institution else None,
            "management_certification": _maybe(rng, rng.random() < 0.8),
            "product_certification_developed_market": _maybe(rng, rng.random() < 0.3),
            "own_brand": _maybe(rng, rng.random() < 0.8),
            "awards": _maybe(rng, rng.choice(((), (), (), (("national", 2, 2023),)))),
            "placings": _maybe(rng, rng.choice(((), ((2023, "500强"),), ((2022, "50强"),)))),
            "field": _maybe(rng, rng.choice(list(ProductField))),
            "information_systems": _maybe(rng, rng.randrange(0, 6)),
            "honours": _maybe(rng, rng.choice(((), (), (), ("高新技术企业",)))),
            "supply_chain_role": _maybe(rng, rng.random() < 0.5),
            "flags": [_maybe(rng, rng.random() < 0.9) for _ in range(3)],
        }
        level = rng.choice((None, "provincial", "national"))
        rows.append(
            {"name": f"合成企业{index:06d}", "years": years, "profile": profile, "level": level}
        )
    return rows


def _money(value: int | None) -> Money | None:
    return None if value is None else Money(value, "CNY")


def build(rows: list[dict[str, Any]]) -> list[Enterprise]:
    """The firms, from the plain rows: what a loader does before assessing."""
    firms = []
    for row in rows:
        financials = [
            FinancialYear(
                y["year"],
                operating_revenue=_money(y["operating_revenue"]),
                main_business_revenue=_money(y["main_business_revenue"]),
                rd_expense=_money(y["rd_expense"]),
                rd_staff=y["rd_staff"],
                staff=y["staff"],
                total_assets=_money(y["total_assets"]),
                total_liabilities=_money(y["total_liabilities"]),
                equity_financing=_money(y["equity_financing"]),
            )
            for y in row["years"]
        ]
        p = row["profile"]
        legal, sme, abnormal = p["flags"]
        profile = Profile(
            years_in_niche=p["years_in_niche"],
            national_market_share=(
                None if p["national_market_share"] is None else Decimal(p["national_market_share"])
            ),
            class1_ip_count=p["class1_ip_count"],
            class2_ip_count=p["class2_ip_count"],
            high_value_class1_ip=p["high_value_class1_ip"],
            self_developed_class1_ip=p["self_developed_class1_ip"],
            rd_institution=p["rd_institution"],
            rd_institution_level=p["rd_institution_level"],
            management_certification=p["management_certification"],
            product_certification_developed_market=p["product_certification_developed_market"],
            own_brand=p["own_brand"],
            science_awards=None if p["awards"] is None else [Award(*a) for a in p["awards"]],
            chuangke_placings=(
                None if p["placings"] is None else [ChuangkePlacing(*c) for c in p["placings"]]
            ),
            main_product_field=p["field"],
            information_systems=p["information_systems"],
            honours=p["honours"],
            supply_chain_role=p["supply_chain_role"],
            independent_legal_person=legal,
            sme_by_size_rules=sme,
            abnormal_operations_listed=None if abnormal is None else not abnormal,
        )
        designations = [] if row["level"] is None else [Designation(row["level"], date(2023, 7, 1))]
        firms.append(
            Enterprise(
                row["name"], designations=designations, financials=financials, profile=profile
            )
        )
    return firms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rows = plan(args.count)
    warm = build(rows[:200])  # region data, babel, the criteria file: loaded before timing
    for tier in Tier:
        assess_many(warm, tier, as_of=AS_OF)

    build_times: list[float] = []
    ratios: dict[Tier, list[float]] = {tier: [] for tier in Tier}
    verdicts: dict[Tier, Counter[str]] = {}
    for _ in range(args.rounds):
        # Each timed step starts from the same heap: the last round's firms and results are
        # collected first, so that neither side pays for the other's garbage.
        firms = results = None
        gc.collect()
        start = time.process_time()
        firms = build(rows)
        built = time.process_time() - start
        build_times.append(built)
        for tier in Tier:
            results = None
            gc.collect()
            start = time.process_time()
            results = assess_many(firms, tier, as_of=AS_OF)
            ratios[tier].append((time.process_time() - start) / built)
            verdicts[tier] = Counter(result.verdict.value for result in results)

    built = statistics.median(build_times)
    print(f"firms: {args.count:,} (four financial years and a profile each, synthetic)")
    print(f"rounds: {args.rounds}; build: median {built:.3f} s ({args.count / built:,.0f} firms/s)")
    print(f"{'tier':<16}{'median':>8}{'lowest':>8}{'highest':>9}  verdicts")
    for tier in Tier:
        found = ratios[tier]
        counts = ", ".join(f"{k} {v}" for k, v in sorted(verdicts[tier].items()))
        print(
            f"{tier.value:<16}{statistics.median(found):>7.2f}x{min(found):>7.2f}x"
            f"{max(found):>8.2f}x  {counts}"
        )
    print("target: assessing costs at most 5x building the firms, every tier")


if __name__ == "__main__":
    main()
