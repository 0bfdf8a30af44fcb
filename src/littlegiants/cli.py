"""The ``littlegiants`` command line (also ``python -m littlegiants``).

Commands: ``demo``, ``payouts``, ``trade``, ``policies``, ``policy``, ``validate``, ``check``. Each
takes ``--help`` with an example. DATA is a file or a folder of files; a file's record kind comes
from the first word of its name (``enterprises``, ``designations``, ``relocations``, ``trade``,
``financials``, ``profiles``, ``rates``, ``aggregates``, ``counts``) or from ``--kind``.

Output is a readable table by default (aligned, locale-aware amounts), or ``--format csv`` /
``--format json`` with exact decimal strings, never floats. Errors go to standard error, one line
each, without a traceback unless ``--debug``. The exit status is 0 when all is well, 1 when the
data has problems, and 2 for a usage error (a bad option, a missing file, an unknown policy).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

from littlegiants._exact import EXACT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from littlegiants.enterprise import Enterprise
    from littlegiants.loader import Dataset
    from littlegiants.money import Money
    from littlegiants.policy import IncentivePolicy
    from littlegiants.records import ProfileRecord

__all__ = ["main"]

OK: Final = 0
PROBLEMS: Final = 1
USAGE: Final = 2

_KINDS: Final = (
    "enterprises",
    "designations",
    "relocations",
    "trade",
    "financials",
    "profiles",
    "rates",
    "aggregates",
    "counts",
)
_PROGRESS_BYTES: Final = 4 * 1024 * 1024


class UsageError(Exception):
    """A command was used wrongly: exit status 2."""


# -- output ---------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


class Output:
    """Rows written as an aligned table, CSV or JSON."""

    def __init__(self, fmt: str, stream: IO[str]) -> None:
        """Write ``fmt`` (table, csv, json) to ``stream``."""
        self.fmt = fmt
        self.stream = stream

    def rows(
        self,
        columns: Sequence[str],
        rows: Sequence[dict[str, str]],
        *,
        numeric: Iterable[str] = (),
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Write one table of rows; ``extra`` adds top-level keys to JSON output."""
        if self.fmt == "json":
            payload: Any = list(rows) if extra is None else {**extra, "rows": list(rows)}
            json.dump(payload, self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
        elif self.fmt == "csv":
            writer = csv.DictWriter(self.stream, fieldnames=list(columns), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            right = set(numeric)
            widths = {c: max([_width(c), *(_width(r.get(c, "")) for r in rows)]) for c in columns}
            header = "  ".join(_pad(c, widths[c], right=c in right) for c in columns)
            self.stream.write(header.rstrip() + "\n")
            self.stream.write("  ".join("-" * widths[c] for c in columns) + "\n")
            for row in rows:
                cells = (_pad(row.get(c, ""), widths[c], right=c in right) for c in columns)
                self.stream.write("  ".join(cells).rstrip() + "\n")

    def text(self, text: str) -> None:
        """Write free text (table format only)."""
        self.stream.write(text.rstrip("\n") + "\n")


def _amount(money: Money | None, fmt: str, locale: str, *, compact: bool = False) -> str:
    if money is None:
        return ""
    if fmt != "table":
        return f"{money.amount:f}"
    from littlegiants.formatting import format_money  # noqa: PLC0415

    return format_money(money, locale=locale, compact=compact)


# -- reading data ---------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date like 2023-01-01: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _kind(path: Path, given: str | None) -> str:
    if given is not None:
        return given
    from littlegiants.loader import kind_of  # noqa: PLC0415

    kind = kind_of(path)
    if kind is None:
        msg = (
            f"cannot tell what {path.name} holds: name it after its kind "
            f"({', '.join(_KINDS)}), e.g. trade-2022.csv, or pass --kind"
        )
        raise UsageError(msg)
    return kind


def _progress(path: Path) -> bool:
    return sys.stderr.isatty() and path.stat().st_size > _PROGRESS_BYTES


def _trade_with_progress(path: Path, **options: Any) -> list[Any]:  # noqa: ANN401
    from littlegiants.loader import iter_trade_records  # noqa: PLC0415

    records = []
    for count, record in enumerate(iter_trade_records(path, **options), start=1):
        records.append(record)
        if count % 50_000 == 0:
            sys.stderr.write(f"\rreading {path.name}: {count:,} rows")
    sys.stderr.write("\r" + " " * 60 + "\r")
    return records


def _gathered(records: Iterable[Any], field: str, fact: str) -> tuple[Enterprise, ...]:
    """Enterprises rebuilt from records that each carry one of their facts.

    ``field`` is the enterprise's field the facts go to (``financials``), ``fact`` the record's
    attribute that holds one (``financial_year``).
    """
    import attrs  # noqa: PLC0415

    firms: dict[str, Enterprise] = {}
    facts: dict[str, list[Any]] = {}
    for record in records:
        firm = record.enterprise
        firms.setdefault(firm.key, firm)
        facts.setdefault(firm.key, []).append(getattr(record, fact))
    changes: dict[str, dict[str, Any]] = {key: {field: tuple(facts[key])} for key in firms}
    return tuple(attrs.evolve(firms[key], **changes[key]) for key in firms)


def _profiled(records: Iterable[ProfileRecord], path: Path) -> tuple[Enterprise, ...]:
    """Enterprises with the profile a profiles file gives each; a second one is a problem."""
    import attrs  # noqa: PLC0415

    from littlegiants.loader import LoadError, LoadProblem  # noqa: PLC0415

    firms: dict[str, Enterprise] = {}
    for record in records:
        firm = record.enterprise
        if firm.key in firms:
            column = "name" if firm.credit_code is None else "credit_code"
            message = "a second profile for this enterprise: an enterprise has one profile"
            problem = LoadProblem(str(path), None, column=column, value=firm.key, message=message)
            raise LoadError(str(path), (problem,))
        firms[firm.key] = attrs.evolve(firm, profile=record.profile)
    return tuple(firms.values())


def load_data(path: Path, kind: str | None = None) -> Dataset:
    """Read DATA (a folder, or one file of a kind) into a ``Dataset``."""
    from littlegiants import loader  # noqa: PLC0415

    if not path.exists():
        msg = f"no such file or folder: {path}"
        raise UsageError(msg)
    if path.is_dir():
        return loader.load_dataset(path)
    kind = _kind(path, kind)
    if kind == "enterprises":
        return loader.Dataset(tuple(loader.load_enterprises(path)))
    if kind == "designations":
        designations = loader.load_designations(path)
        return loader.Dataset(_gathered(designations, "designations", "designation"))
    if kind == "relocations":
        relocations = loader.load_relocations(path)
        return loader.Dataset(_gathered(relocations, "relocations", "relocation"))
    if kind == "financials":
        financials = loader.load_financials(path)
        return loader.Dataset(_gathered(financials, "financials", "financial_year"))
    if kind == "profiles":
        return loader.Dataset(_profiled(loader.load_profiles(path), path))
    if kind == "trade":
        records = _trade_with_progress(path) if _progress(path) else loader.load_trade_records(path)
        firms = tuple({record.enterprise.key: record.enterprise for record in records}.values())
        return loader.Dataset(firms, trade_records=tuple(records))
    if kind == "rates":
        return loader.Dataset((), rates=tuple(loader.load_rates(path)))
    if kind == "aggregates":
        return loader.Dataset((), aggregates=tuple(loader.load_aggregates(path)))
    return loader.Dataset((), counts=tuple(loader.load_counts(path)))


def _policy(value: str) -> IncentivePolicy:
    from littlegiants.policy import IncentivePolicy, load_policy  # noqa: PLC0415

    if value.endswith(".toml") or Path(value).is_file():
        if not Path(value).is_file():
            msg = f"no such policy file: {value}"
            raise UsageError(msg)
        return IncentivePolicy.from_toml(value)
    return load_policy(value)


# -- commands ----------------------------------------------------------------------------------


#: Significant figures of derived values (a year earlier, implied rates) in csv and json: the
#: seed article prints its inputs to 4 (44.64 billion yuan, US$6.24 billion).
_DERIVED_DIGITS: Final = 4
_DERIVED_NOTE: Final = f"derived; rounded to {_DERIVED_DIGITS} significant figures"


def _derived(money: Money | None, fmt: str, locale: str) -> str:
    """A derived amount: compact in a table, to 4 significant figures in csv and json.

    The exact value stays available from the API (``TradeAggregate.previous``, ...).
    """
    if money is None or fmt == "table":
        return _amount(money, fmt, locale, compact=True)
    from decimal import ROUND_HALF_UP  # noqa: PLC0415

    step = Decimal(1).scaleb(money.amount.adjusted() - _DERIVED_DIGITS + 1)
    rounded = money.amount.quantize(step, rounding=ROUND_HALF_UP, context=EXACT)
    return f"{rounded:f}"


def _count_note(count: Any) -> str:  # noqa: ANN401 - a DesignationCount
    """The date of a count, and whether it is a lower bound or ranks its place."""
    from littlegiants.batches import Bound  # noqa: PLC0415

    notes = [str(count.on)]
    if count.bound is Bound.MORE_THAN:
        notes.append("more than this: a lower bound")
    if count.national_rank is not None:
        notes.append(f"rank {count.national_rank} in China")
    if count.provincial_rank is not None:
        notes.append(f"rank {count.provincial_rank} in its province")
    return "; ".join(notes)


def _budget_rows(policy: IncentivePolicy, data: Dataset, fmt: str, locale: str) -> list[list[str]]:
    """What the policy's own jurisdiction's batch and target cost at most (never China's counts)."""
    from littlegiants.batches import Bound  # noqa: PLC0415
    from littlegiants.counts import CountKind  # noqa: PLC0415
    from littlegiants.designation import DesignationLevel  # noqa: PLC0415

    national = DesignationLevel.NATIONAL
    held = {
        c.kind: c
        for c in data.counts
        if c.level is national
        and c.region is not None
        and policy.covers(c.region)
        and c.bound is Bound.EXACT
    }
    rows = []
    if CountKind.BATCH in held:
        batch = held[CountKind.BATCH]
        cost = policy.budget({national: batch.count})
        figure = f"budget: batch {batch.batch}, {batch.count} firms"
        rows.append([figure, _amount(cost, fmt, locale), "at most"])
    if CountKind.TARGET in held and CountKind.HELD in held:
        more = held[CountKind.TARGET].count - held[CountKind.HELD].count
        cost = policy.budget({national: more})
        figure = f"budget: {more} more to reach {held[CountKind.TARGET].count}"
        rows.append([figure, _amount(cost, fmt, locale), "at most"])
    return rows


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    """Work the bundled seed-article example through the library."""
    from littlegiants.formatting import format_growth  # noqa: PLC0415
    from littlegiants.loader import example_path, load_dataset  # noqa: PLC0415
    from littlegiants.render import render_policy  # noqa: PLC0415

    locale, fmt = args.locale, args.format
    data = load_dataset(example_path("shenzhen-2022"))
    rows: list[dict[str, str]] = []
    four_places = Decimal("0.0001")

    def add(figure: str, value: str, note: str = "") -> None:
        rows.append({"figure": figure, "value": value, "note": note})

    for cohort in data.aggregates:
        growth = "" if cohort.growth is None else format_growth(cohort.growth, locale=locale)
        add(
            f"{cohort.label}, {cohort.period}",
            _amount(cohort.value, fmt, locale, compact=True),
            f"{cohort.enterprise_count} enterprises, {growth} year on year",
        )
        if cohort.equivalent is not None:
            add("  the same in US dollars", _amount(cohort.equivalent, fmt, locale, compact=True))
            pair = {cohort.value.currency, cohort.equivalent.currency}
            # One date for the implied rate: the rate file's, where it has this pair.
            on = next((r.on for r in data.rates if {r.base, r.quote} == pair), cohort.period.end)
            rate = cohort.implied_rate(on=on)
            add(
                "  implied exchange rate",
                f"{rate.rate.quantize(four_places, context=EXACT)}",
                f"{rate.quote} per {rate.base} on {rate.on}; derived, to 4 decimal places",
            )
        add("  a year earlier (implied)", _derived(cohort.previous, fmt, locale), _DERIVED_NOTE)
    for record in data.trade_records:
        growth = "" if record.growth is None else format_growth(record.growth, locale=locale)
        add(
            f"{record.enterprise.name}: {record.flow.value}s, {record.period}",
            _amount(record.value, fmt, locale, compact=True),
            f"{growth}; a year earlier {_derived(record.previous, fmt, locale)} ({_DERIVED_NOTE})",
        )
    for rate in data.rates:
        shown = rate.rate.quantize(four_places, context=EXACT)
        add(
            f"rate {rate.base}->{rate.quote} on {rate.on}",
            f"{shown:f}",
            "rates.csv; derived, to 4 decimal places (exact in the file and from the API)",
        )
    for count in data.counts:
        place = "China" if count.region is None else count.region.name
        figure = f"{place}: {count.level.value} little giants, {count.kind.value}"
        add(figure, str(count.count), _count_note(count))
    for policy in data.policies:
        for rule in policy.rules:
            add(
                f"{policy.document} {rule.level.value}",
                _amount(rule.amount, fmt, locale),
                "up to" if rule.up_to else "",
            )
        for budget in _budget_rows(policy, data, fmt, locale):
            add(*budget)
    out.rows(["figure", "value", "note"], rows, numeric=["value"])
    if fmt == "table":
        for policy in data.policies:
            out.text("\n" + render_policy(policy, locale=locale))
    return OK


def cmd_payouts(args: argparse.Namespace, out: Output) -> int:
    """Compute what each enterprise is owed under a policy."""
    policy = _policy(args.policy)
    data = load_data(Path(args.data), args.kind)
    report = policy.payouts(data.enterprises, as_of=args.as_of)
    rows = []
    for payout in report.payouts:
        for item in payout.items:
            rows.append(
                {
                    "enterprise": payout.enterprise.name,
                    "event": str(item.event_on),
                    "level": item.level.value,
                    "rule": item.rule.id,
                    "status": item.status.value,
                    "amount": "unknown"
                    if item.amount is None
                    else _amount(item.amount, args.format, args.locale),
                    "up_to": "yes" if item.is_ceiling else "",
                }
            )
    columns = ["enterprise", "event", "level", "rule", "status", "amount", "up_to"]
    extra = {
        "policy": policy.id,
        "as_of": None if args.as_of is None else str(args.as_of),
        "currency": policy.currency,
        "total": f"{report.total.amount:f}",
        "unevaluated": [{"enterprise": f.name, "reason": why} for f, why in report.unevaluated],
    }
    out.rows(columns, rows, numeric=["amount"], extra=extra if args.format == "json" else None)
    if args.format == "table":
        total = _amount(report.total, "table", args.locale)
        out.text(f"total: {total} ({len(report.payouts)} enterprises)")
        for firm, why in report.unevaluated:
            out.text(f"not fully evaluated: {firm.name}: {why}")
        if args.explain:
            for payout in report.payouts:
                out.text("\n" + payout.explain(locale=args.locale))
    return OK


def cmd_trade(args: argparse.Namespace, out: Output) -> int:
    """Summarise trade records with year-on-year growth."""
    from littlegiants.fx import RateTable  # noqa: PLC0415
    from littlegiants.loader import load_rates  # noqa: PLC0415
    from littlegiants.trade import summarize  # noqa: PLC0415

    data = load_data(Path(args.data), args.kind)
    records = data.trade_records
    if not records:
        msg = f"{args.data} holds no trade records: give a trade file or a folder with one"
        raise UsageError(msg)
    currencies = sorted({r.value.currency for r in records})
    currency = args.currency or (currencies[0] if len(currencies) == 1 else None)
    if currency is None:
        found = ", ".join(currencies) or "no currency"
        msg = f"the records are in {found}: pass --currency (and --rates)"
        raise UsageError(msg)
    rates = RateTable([*data.rates, *(load_rates(args.rates) if args.rates else ())])
    summary = summarize(records, currency=currency, rates=rates, by=args.by)
    groups = summary.groups or (("all", summary),)
    rows = []
    for key, group in groups:
        for flow in (*group.flows, group.overall):
            rows.append(
                {
                    "group": key,
                    "flow": "total" if flow.flow is None else flow.flow.value,
                    "records": str(flow.record_count),
                    "enterprises": str(flow.enterprise_count),
                    "value": _amount(
                        flow.total, args.format, args.locale, compact=args.format == "table"
                    ),
                    "a year earlier": _amount(
                        flow.previous_total,
                        args.format,
                        args.locale,
                        compact=args.format == "table",
                    ),
                    "growth": "" if flow.growth is None else _growth_text(flow.growth, args),
                    "missing previous": str(flow.missing_previous),
                }
            )
    columns = [
        "group",
        "flow",
        "records",
        "enterprises",
        "value",
        "a year earlier",
        "growth",
        "missing previous",
    ]
    out.rows(
        columns,
        rows,
        numeric=["records", "enterprises", "value", "a year earlier", "growth", "missing previous"],
    )
    return OK


def _growth_text(growth: Any, args: argparse.Namespace) -> str:  # noqa: ANN401
    if args.format != "table":
        return f"{growth.rate:f}"
    from littlegiants.formatting import format_growth  # noqa: PLC0415

    return format_growth(growth, locale=args.locale)


def cmd_policies(args: argparse.Namespace, out: Output) -> int:
    """List the bundled policies."""
    del args
    from littlegiants.policy import policies  # noqa: PLC0415

    rows = [
        {
            "id": p.id,
            "document": p.document,
            "jurisdiction": p.area,
            "from": str(p.effective_from or ""),
            "to": str(p.effective_to or ""),
            "combination": p.combination.value,
            "confidence": p.confidence or "",
        }
        for p in policies()
    ]
    out.rows(["id", "document", "jurisdiction", "from", "to", "combination", "confidence"], rows)
    return OK


def cmd_policy(args: argparse.Namespace, out: Output) -> int:
    """Show one policy's table with its sources."""
    from littlegiants.render import render_policy  # noqa: PLC0415

    policy = _policy(args.policy)
    if args.format == "table":
        out.text(render_policy(policy, locale=args.locale))
        return OK
    rows = [
        {
            "rule": rule.id,
            "kind": rule.kind.value,
            "level": rule.level.value,
            "amount": f"{rule.amount.amount:f}",
            "currency": rule.amount.currency,
            "up_to": str(rule.up_to).lower(),
            "key": str(rule.key).lower(),
            "percent": "" if rule.percent is None else f"{rule.percent:f}",
            "figure": rule.figure or "",
        }
        for rule in policy.rules
    ]
    extra = {
        "id": policy.id,
        "document": policy.document,
        "title": policy.title,
        "jurisdiction": policy.jurisdiction.code,
        "effective_from": None if policy.effective_from is None else str(policy.effective_from),
        "effective_to": None if policy.effective_to is None else str(policy.effective_to),
        "combination": policy.combination.value,
        "confidence": policy.confidence,
        "sources": [
            {"url": s.url, "kind": None if s.kind is None else s.kind.value, "note": s.note}
            for s in policy.sources
        ],
        "notes": list(policy.notes),
        "unknowns": list(policy.unknowns),
        "zone": None if policy.zone is None else policy.zone.name,
    }
    columns = ["rule", "kind", "level", "amount", "currency", "up_to", "key", "percent", "figure"]
    out.rows(columns, rows, extra=extra if args.format == "json" else None)
    return OK


def _problems_of(path: Path, kind: str | None) -> tuple[int, list[Any]]:
    from littlegiants import loader  # noqa: PLC0415

    if path.is_dir():
        data = loader.load_dataset(path, errors="collect")
        return data.rows_read, [p for row in data.rejected for p in row.problems]
    kind = _kind(path, kind)
    iterate = getattr(loader, "iter_trade_records" if kind == "trade" else f"iter_{kind}")
    stream = iterate(path, errors="collect")
    for _ in stream:  # read to the end without keeping the records: memory stays bounded
        pass
    return stream.rows_read, [problem for row in stream.rejected for problem in row.problems]


def cmd_validate(args: argparse.Namespace, out: Output) -> int:
    """Check files and print every problem with file, line and column."""
    from littlegiants.loader import LoadError  # noqa: PLC0415

    path = Path(args.data)
    if not path.exists():
        msg = f"no such file or folder: {path}"
        raise UsageError(msg)
    try:
        rows_read, problems = _problems_of(path, args.kind)
    except LoadError as err:
        rows_read, problems = 0, list(err.problems)
        if err.more:
            sys.stderr.write(f"littlegiants: ... and {err.more} more problems\n")
    rows = [
        {
            "file": problem.path,
            "line": "" if problem.line is None else str(problem.line),
            "column": problem.column or "",
            "problem": problem.message,
            "value": "" if problem.value is None else str(problem.value),
        }
        for problem in problems
    ]
    if rows or args.format != "table":
        out.rows(["file", "line", "column", "problem", "value"], rows)
    if args.format == "table":
        row_word = "row" if rows_read == 1 else "rows"
        problem_word = "problem" if len(problems) == 1 else "problems"
        out.text(f"{rows_read} {row_word} read, {len(problems)} {problem_word}")
    return PROBLEMS if problems else OK


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    """Pre-assess enterprises against a tier of the MIIT criteria."""
    from littlegiants.eligibility import assess_many  # noqa: PLC0415

    data = load_data(Path(args.data), args.kind)
    assessments = assess_many(data.enterprises, args.tier, as_of=args.as_of, purpose=args.purpose)
    rows = []
    for assessment in assessments:
        failed = [c.id for c in assessment.criteria if c.verdict.value == "fail"]
        unknown = [c.id for c in assessment.criteria if c.verdict.value == "unknown"]
        rows.append(
            {
                "enterprise": assessment.name,
                "verdict": assessment.verdict.value,
                "general": assessment.general_verdict.value,
                "failed": " ".join(failed),
                "unknown": " ".join(unknown),
            }
        )
    out.rows(["enterprise", "verdict", "general", "failed", "unknown"], rows)
    if args.explain and args.format == "table":
        for assessment in assessments:
            out.text("\n" + assessment.explain(locale=args.locale))
    return OK


# -- the parser --------------------------------------------------------------------------------


def _command(
    commands: Any,  # noqa: ANN401 - argparse's private subparsers action
    name: str,
    handler: Callable[[argparse.Namespace, Output], int],
    example: str,
    *,
    data: bool = False,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=(handler.__doc__ or "").strip().rstrip("."),
        description=handler.__doc__,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.add_argument("--locale", choices=["en_US", "zh_CN"], default="en_US")
    if data:
        parser.add_argument("data", metavar="DATA", help="a data file or a folder of files")
        parser.add_argument("--kind", choices=_KINDS, help="the record kind of a DATA file")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The ``littlegiants`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="littlegiants",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog="example:\n  littlegiants demo --locale zh_CN",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _command(commands, "demo", cmd_demo, "littlegiants demo --locale zh_CN")
    payouts = _command(
        commands,
        "payouts",
        cmd_payouts,
        "littlegiants payouts firms/ --policy shenzhen-2022 --as-of 2023-01-01 --explain",
        data=True,
    )
    payouts.add_argument("--policy", required=True, help="a bundled policy id or a policy file")
    payouts.add_argument("--as-of", type=_date, help="ignore events after this date")
    payouts.add_argument("--explain", action="store_true", help="print each payout's trace")
    trade = _command(
        commands, "trade", cmd_trade, "littlegiants trade trade-2022.csv --by region", data=True
    )
    trade.add_argument("--by", choices=["region", "level", "enterprise"])
    trade.add_argument("--currency", help="the currency of the summary")
    trade.add_argument("--rates", help="an exchange-rate file for records in other currencies")
    _command(commands, "policies", cmd_policies, "littlegiants policies --format csv")
    policy = _command(commands, "policy", cmd_policy, "littlegiants policy shenzhen-2022")
    policy.add_argument("policy", metavar="ID", help="a bundled policy id or a policy file")
    _command(commands, "validate", cmd_validate, "littlegiants validate firms/", data=True)
    check = _command(
        commands,
        "check",
        cmd_check,
        "littlegiants check firms/ --tier little-giant --as-of 2024-06-30",
        data=True,
    )
    check.add_argument(
        "--tier", required=True, choices=["innovative-sme", "srdi-sme", "little-giant"]
    )
    check.add_argument("--as-of", type=_date, required=True, help="the assessment date")
    check.add_argument("--purpose", choices=["application", "re-review"], default="application")
    check.add_argument("--explain", action="store_true", help="print each assessment's trace")
    return parser


def _report(error: BaseException) -> None:
    from littlegiants.loader import LoadError  # noqa: PLC0415

    if isinstance(error, LoadError):
        for problem in error.problems:
            sys.stderr.write(f"littlegiants: {problem}\n")
        if error.more:
            sys.stderr.write(f"littlegiants: ... and {error.more} more problems\n")
        return
    sys.stderr.write(f"littlegiants: error: {' '.join(str(error).split())}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 problems, 2 usage)."""
    from littlegiants.errors import LittleGiantsError, UnknownPolicyError  # noqa: PLC0415
    from littlegiants.loader import LoadFileError  # noqa: PLC0415

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    out = Output(args.format, sys.stdout)
    try:
        return int(args.handler(args, out))
    except BrokenPipeError:
        # The reader went away (``littlegiants ... | head``): stop quietly.
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
        return OK
    except (UsageError, UnknownPolicyError, LoadFileError) as error:
        if args.debug:
            raise
        _report(error)
        return USAGE
    except (LittleGiantsError, OSError) as error:
        if args.debug:
            raise
        _report(error)
        return PROBLEMS
