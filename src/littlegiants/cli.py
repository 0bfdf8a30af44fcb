"""The ``littlegiants`` command line (also ``python -m littlegiants``).

Commands: ``demo``, ``payouts``, ``match``, ``compare``, ``trade``, ``policies``, ``policy``,
``validate``, ``check``. Each takes ``--help`` with an example. DATA is a file or a folder of
files; a file's record kind comes from the first word of its name (``enterprises``,
``designations``, ``relocations``, ``trade``, ``financials``, ``profiles``, ``rates``,
``aggregates``, ``counts``) or from ``--kind``; a ``.csv`` or ``.xlsx`` file whose name gives no
kind (an official list as published: 序号, 企业名称, 统一社会信用代码, 所在地区, 认定级别 ...) is
read as a list, every sheet by its name or its columns (``--kind list``).

Output is a readable table by default (aligned, locale-aware amounts), or ``--format csv`` /
``--format json`` with exact decimal strings, never floats. A CSV cell a spreadsheet would read as
a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
leading ``'``, as the dumps' CSV files do; numbers the command computed (``-500``, ``-0.25``) are
data and are written as they are. Errors go to standard error, one line each, without a
traceback unless ``--debug``.

The exit status:

- 0: all is well;
- 1: the data has problems (a bad row, a bad policy file, a figure the command cannot use);
- 2: a usage error (an unknown option or command, a bad date or currency, a path that is missing,
  a folder, a FIFO or unreadable, an unknown policy);
- 74 (``EX_IOERR``): the output could not be written (a full disk, an I/O error, a closed
  standard output), with one line on standard error;
- 130: interrupted (Ctrl-C);
- 141 (128 + ``SIGPIPE``, what a shell reports for a program a closed pipe ended): the reader of
  the output went away (``littlegiants policies | head -1``); nothing more is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import errno
import json
import os
import re
import stat
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from _typeshed import SupportsWrite

    from littlegiants.enterprise import Enterprise
    from littlegiants.loader import Dataset
    from littlegiants.money import Money
    from littlegiants.policy import IncentivePolicy, PolicySet, StackedPayout
    from littlegiants.records import ProfileRecord

__all__ = ["main"]

OK: Final = 0
PROBLEMS: Final = 1
USAGE: Final = 2
OUTPUT_FAILED: Final = 74
INTERRUPTED: Final = 130
BROKEN_PIPE: Final = 141

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
    "list",
)
_PROGRESS_BYTES: Final = 4 * 1024 * 1024


class UsageError(Exception):
    """A command was used wrongly: exit status 2."""


class _OutputError(Exception):
    """Writing the output failed (kept apart from errors reading the data)."""

    def __init__(self, error: OSError | UnicodeEncodeError) -> None:
        super().__init__(error)
        self.error = error


class _Stdout:
    """Standard output for the commands: a failed write raises :class:`_OutputError`."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if self.stream is None:  # started with standard output closed
            raise _OutputError(OSError(errno.EBADF, "standard output is closed"))
        try:
            return self.stream.write(text)
        except (OSError, UnicodeEncodeError) as exc:
            raise _OutputError(exc) from exc

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as exc:
            raise _OutputError(exc) from exc


def _say(text: str, end: str = "\n") -> None:
    """Write to standard error; if that fails too there is nowhere left to report it."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(text + end)
        sys.stderr.flush()


def _one_line(text: str) -> str:
    r"""``text`` as one line of a terminal: spaces for line breaks, escapes for control characters.

    >>> _one_line("unrecognized arguments: \r x\u202e\n  y")
    'unrecognized arguments: x\\u202e y'
    """
    flat = " ".join(text.split())
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in _CONTROL else char for char in flat
    )


_CONTROL: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _discard_stdout() -> None:
    """Point file descriptor 1 at the null device, so the interpreter's last flush cannot fail.

    Python's documentation on ``SIGPIPE`` recommends this: without it, the text still buffered
    is flushed again at exit and fails with "Exception ignored ... BrokenPipeError".
    """
    if sys.stdout is None:
        return
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's stream): nothing is flushed at exit
        return
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, descriptor)
        finally:
            os.close(devnull)


def _output_failed(error: OSError | UnicodeEncodeError) -> int:
    _discard_stdout()
    if isinstance(error, BrokenPipeError):
        return BROKEN_PIPE
    if isinstance(error, UnicodeEncodeError):
        reason = (
            f"the output holds characters the {error.encoding} encoding of standard output "
            "cannot carry; set PYTHONIOENCODING=utf-8"
        )
    else:
        reason = (error.strerror or str(error)).lower()
    _say(f"littlegiants: error: cannot write the output: {reason}")
    return OUTPUT_FAILED


# -- output ---------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


#: A number the CLI wrote itself (an exact decimal with ``:f``): data, not a formula, in CSV.
_NUMBER: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _csv_cell(text: str, *, numeric: bool) -> str:
    """A CSV cell that a spreadsheet shows as text: formulas are neutralized, numbers kept."""
    from littlegiants._tables import escape_formula  # noqa: PLC0415

    return text if numeric and _NUMBER.fullmatch(text) else escape_formula(text)


class Output:
    """Rows written as an aligned table, CSV or JSON."""

    def __init__(self, fmt: str, stream: _Stdout) -> None:
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
            numbers = set(numeric)
            writer = csv.writer(self.stream, lineterminator="\n")
            writer.writerow([_csv_cell(column, numeric=False) for column in columns])
            writer.writerows(
                [_csv_cell(row.get(c, ""), numeric=c in numbers) for c in columns] for row in rows
            )
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
    """A date option read as data cells are: 2025-06-30, 2025/06/30, 2025.6.30, 2025年6月30日."""
    from littlegiants.errors import InvalidDateError  # noqa: PLC0415
    from littlegiants.periods import parse_date  # noqa: PLC0415

    try:
        return parse_date(text)
    except InvalidDateError as error:
        msg = f"{error.reason}, not {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _kind(path: Path, given: str | None) -> str:
    if given is not None:
        return given
    from littlegiants.loader import kind_of  # noqa: PLC0415

    kind = kind_of(path)
    if kind is None and path.suffix.lower() in (".csv", ".xlsx"):
        return "list"
    if kind is None:
        msg = (
            f"cannot tell what {path.name} holds: name it after its kind "
            f"({', '.join(_KINDS)}), e.g. trade-2022.csv, or pass --kind"
        )
        raise UsageError(msg)
    return kind


def _progress(path: Path) -> bool:
    return sys.stderr is not None and sys.stderr.isatty() and path.stat().st_size > _PROGRESS_BYTES


def _trade_with_progress(path: Path, **options: Any) -> list[Any]:  # noqa: ANN401
    from littlegiants.loader import iter_trade_records  # noqa: PLC0415

    records = []
    for count, record in enumerate(iter_trade_records(path, **options), start=1):
        records.append(record)
        if count % 50_000 == 0:
            _say(f"\rreading {path.name}: {count:,} rows", end="")
    _say("\r" + " " * 60 + "\r", end="")
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


def _checked(path: Path) -> bool:
    """Whether ``path`` is a folder (else a regular file); what is neither is a usage error.

    The path is checked before anything opens it: a FIFO is refused, not waited on.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        msg = f"no such file or folder: {path}"
        raise UsageError(msg) from None
    except OSError as exc:
        msg = f"cannot read {path}: {(exc.strerror or str(exc)).lower()}"
        raise UsageError(msg) from None
    except ValueError:
        msg = f"cannot read {path!r}: the path holds a NUL character"
        raise UsageError(msg) from None
    if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        msg = f"cannot read {path}: it is not a regular file or a folder (a FIFO or a device?)"
        raise UsageError(msg)
    return stat.S_ISDIR(mode)


def load_data(path: Path, kind: str | None = None) -> Dataset:
    """Read DATA (a folder, or one file of a kind) into a ``Dataset``."""
    from littlegiants import loader  # noqa: PLC0415

    if _checked(path):
        return loader.load_dataset(path)
    kind = _kind(path, kind)
    if kind == "list":
        return loader.load_list(path)
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
    """A bundled policy by id, or a policy file (a name ending .toml, a path, an existing file)."""
    from littlegiants.policy import IncentivePolicy, load_policy  # noqa: PLC0415

    if value.endswith(".toml") or "/" in value or os.sep in value or _exists(value):
        return IncentivePolicy.from_toml(value)
    return load_policy(value)


def _exists(value: str) -> bool:
    try:
        return Path(value).exists()
    except (OSError, ValueError):  # a name too long or holding a NUL: not a file
        return False


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

    from littlegiants._exact import EXACT  # noqa: PLC0415

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
    wanted = []
    if CountKind.BATCH in held:
        batch = held[CountKind.BATCH]
        wanted.append((f"budget: batch {batch.batch}, {batch.count} firms", batch.count))
    if CountKind.TARGET in held and CountKind.HELD in held:
        more = held[CountKind.TARGET].count - held[CountKind.HELD].count
        wanted.append((f"budget: {more} more to reach {held[CountKind.TARGET].count}", more))
    for figure, count in wanted:
        cost = policy.budget({national: count})
        note = "at most" if cost.is_upper_bound else ""
        if cost.unknown:
            note = f"{note} for what could be costed".strip()
        rows.append([figure, _amount(cost.total, fmt, locale), note])
    return rows


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    """Work the bundled seed-article example through the library."""
    from littlegiants._exact import EXACT  # noqa: PLC0415
    from littlegiants.formatting import format_growth  # noqa: PLC0415
    from littlegiants.loader import example_path, load_dataset  # noqa: PLC0415
    from littlegiants.policy import render_policy  # noqa: PLC0415

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


def _policies(values: Sequence[str]) -> list[IncentivePolicy]:
    """The policies ``--policy`` names (bundled ids or files), each once."""
    found = [_policy(value) for value in values]
    ids = [policy.id for policy in found]
    for policy_id in ids:
        if ids.count(policy_id) > 1:
            msg = f"--policy names {policy_id} twice: give each policy once"
            raise UsageError(msg)
    return found


def _stacked(args: argparse.Namespace, data: Dataset) -> tuple[str, list[StackedPayout]]:
    """Each enterprise's payout under ``--policy`` (one or several, stacked) or ``--all``."""
    from littlegiants.policy import PolicySet, match  # noqa: PLC0415

    if args.all == bool(args.policy):
        msg = "give --policy (repeat it to stack several) or --all, not both"
        raise UsageError(msg)
    if args.all:
        found = [match(firm, as_of=args.as_of).stacked for firm in data.enterprises]
        return "all", found
    stack = PolicySet(_policies(args.policy))
    return "+".join(stack.ids), list(stack.payouts(data.enterprises, as_of=args.as_of).payouts)


def _money_text(money: Money | None, fmt: str, locale: str) -> str:
    return "unknown" if money is None else _amount(money, fmt, locale)


def cmd_payouts(args: argparse.Namespace, out: Output) -> int:
    """Compute what each enterprise is owed under a policy, several stacked, or all that apply."""
    data = load_data(Path(args.data), args.kind)
    name, stacked = _stacked(args, data)
    rows = [
        {
            "enterprise": payout.enterprise.name,
            "policy": policy_id,
            "event": str(item.event_on),
            "level": item.level.value,
            "rule": item.rule.id,
            "status": item.status.value,
            "amount": _money_text(item.amount, args.format, args.locale),
            "up_to": "yes" if item.is_ceiling else "",
        }
        for payout in stacked
        for policy_id, item in payout.items
    ]
    columns = ["enterprise", "policy", "event", "level", "rule", "status", "amount", "up_to"]
    currency = stacked[0].currency if stacked else "CNY"
    total = _sum_money((payout.total for payout in stacked), currency)
    issuers = _by_issuer(stacked, currency)
    unevaluated = [
        (payout.enterprise, "; ".join(f"{pid}: {item.detail}" for pid, item in payout.missing))
        for payout in stacked
        if not payout.is_complete
    ]
    ids = sorted({p.policy.id for payout in stacked for p in payout.payouts})
    extra = {
        "policy": name,
        "policies": ids,
        "as_of": None if args.as_of is None else str(args.as_of),
        "currency": currency,
        "total": f"{total.amount:f}",
        "by_issuer": {issuer: f"{amount.amount:f}" for issuer, amount in issuers.items()},
        "unevaluated": [{"enterprise": f.name, "reason": why} for f, why in unevaluated],
    }
    out.rows(columns, rows, numeric=["amount"], extra=extra if args.format == "json" else None)
    if args.format == "table":
        out.text(f"total: {_amount(total, 'table', args.locale)} ({len(stacked)} enterprises)")
        if len(ids) > 1:
            out.text("by issuer:")
            for issuer, amount in issuers.items():
                out.text(f"  {issuer}: {_amount(amount, 'table', args.locale)}")
        for firm, why in unevaluated:
            out.text(f"not fully evaluated: {firm.name}: {why}")
        if args.explain:
            for payout in stacked:
                single = len(payout.payouts) == 1 and not payout.interactions
                text = payout.payouts[0].explain if single else payout.explain
                out.text("\n" + text(locale=args.locale))
    return OK


def _sum_money(amounts: Iterable[Money], currency: str) -> Money:
    from littlegiants.money import Money  # noqa: PLC0415

    return Money.total(amounts, currency=currency)


def _by_issuer(stacked: Iterable[StackedPayout], currency: str) -> dict[str, Money]:
    from littlegiants.money import Money  # noqa: PLC0415

    out: dict[str, Money] = {}
    for payout in stacked:
        for issuer, amount in payout.by_issuer().items():
            out[issuer] = out.get(issuer, Money.zero(currency)) + amount
    return out


def cmd_match(args: argparse.Namespace, out: Output) -> int:
    """Match each enterprise against every bundled policy: what applies, what it pays, why not."""
    from littlegiants.policy import match  # noqa: PLC0415

    if args.all and args.policy:
        msg = "give --policy (repeat it for several) or --all (the default), not both"
        raise UsageError(msg)
    data = load_data(Path(args.data), args.kind)
    candidates = _policies(args.policy) if args.policy else None
    found = [match(firm, as_of=args.as_of, policies=candidates) for firm in data.enterprises]
    fmt, locale = args.format, args.locale
    rows: list[dict[str, str]] = []
    firms: list[dict[str, Any]] = []
    for answer in found:
        name = answer.enterprise.name
        listed = answer.matches if args.others else answer.applying
        rows.extend(
            {
                "enterprise": name,
                "policy": each.policy.id,
                "document": each.policy.document,
                "applies": "yes" if each.applies else "no",
                "amount": "" if each.total is None else _amount(each.total, fmt, locale),
                "up_to": "yes" if each.is_ceiling else "",
                "complete": ""
                if each.payout is None
                else ("yes" if each.payout.is_complete else "no"),
                "reason": each.why.speak(locale),
            }
            for each in listed
        )
        rows.append(
            {
                "enterprise": name,
                "policy": "total",
                "amount": _amount(answer.total, fmt, locale),
                "complete": "yes" if answer.stacked.is_complete else "no",
                "reason": f"{len(answer.applying)} of {len(answer.matches)} policies apply",
            }
        )
        firms.append(
            {
                "enterprise": name,
                "total": f"{answer.total.amount:f}",
                "complete": answer.stacked.is_complete,
                "by_issuer": {
                    issuer: f"{amount.amount:f}"
                    for issuer, amount in answer.stacked.by_issuer().items()
                },
                "between": [i.why.speak(locale) for i in answer.stacked.interactions],
                "not_applying": [
                    {"policy": m.policy.id, "coverage": m.coverage.value, "reason": m.why.en}
                    for m in answer.others
                ],
            }
        )
    columns = ["enterprise", "policy", "document", "applies", "amount", "up_to", "complete"]
    columns.append("reason")
    extra = {"as_of": None if args.as_of is None else str(args.as_of), "firms": firms}
    out.rows(columns, rows, numeric=["amount"], extra=extra if fmt == "json" else None)
    if fmt == "table":
        for answer in found:
            if args.explain:
                out.text("\n" + answer.explain(locale=locale))
            elif answer.others and not args.others:
                out.text(_not_applying(answer))
    return OK


def _not_applying(answer: Any) -> str:  # noqa: ANN401 - a Match
    counts: dict[str, int] = {}
    for each in answer.others:
        words = each.coverage.words.en
        counts[words] = counts.get(words, 0) + 1
    parts = ", ".join(f"{count} {words}" for words, count in counts.items())
    return f"not applying to {answer.enterprise.name}: {parts} (--others lists them)"


def _reformed(before: PolicySet, values: Sequence[str]) -> tuple[PolicySet, list[dict[str, str]]]:
    """The set after each ``--reform``: ``OLD=NEW`` replaces OLD; a policy replaces its own id.

    A reform whose id is not in the set, without ``OLD=``, is added to it.
    """
    reforms: list[dict[str, str]] = []
    after = before
    for value in values:
        old, sep, new = value.partition("=")
        if sep and old not in before.ids and not _exists(value):
            known = ", ".join(before.ids)
            msg = f"--reform {value}: {old} is not among the policies compared ({known})"
            raise UsageError(msg)
        if sep and old in before.ids:
            policy = _policy(new)
            after = after.with_policies(policy)
            kept = [p for p in after.policies if p.id != old or old == policy.id]
            after = type(after)(kept, currency=after.currency)
            reforms.append({"replaces": old, "by": policy.id, "from": new})
            continue
        policy = _policy(value)
        replaces = policy.id if policy.id in before.ids else ""
        after = after.with_policies(policy)
        reforms.append({"replaces": replaces, "by": policy.id, "from": value})
    return after, reforms


def cmd_compare(args: argparse.Namespace, out: Output) -> int:
    """Compare what enterprises get under policies (stacked) and under a reform of them."""
    from littlegiants.policy import PolicySet, compare  # noqa: PLC0415

    if not args.policy:
        msg = "give the policies compared with --policy (repeat it to stack several)"
        raise UsageError(msg)
    if not args.reform:
        msg = "give the reform compared with --reform (a policy file or id, or OLD=FILE_OR_ID)"
        raise UsageError(msg)
    before = PolicySet(_policies(args.policy))
    after, reforms = _reformed(before, args.reform)
    data = load_data(Path(args.data), args.kind)
    comparison = compare(before, after, data.enterprises, as_of=args.as_of)
    fmt, locale = args.format, args.locale
    rows: list[dict[str, str]] = []
    for row in comparison.rows:
        name = row.enterprise.name
        for policy_id, (was, now) in row.by_policy().items():
            if was or now:
                rows.append(_compared(name, policy_id, was, now, fmt=fmt, locale=locale))
        totals = (row.before.total, row.after.total)
        rows.append(_compared(name, "total", *totals, fmt=fmt, locale=locale))
    columns = ["enterprise", "policy", "before", "after", "difference"]
    numbers = ["before", "after", "difference"]
    extra = {
        "as_of": None if args.as_of is None else str(args.as_of),
        "currency": comparison.currency,
        "before": list(before.ids),
        "after": list(after.ids),
        "reforms": reforms,
        "total_before": f"{comparison.total_before.amount:f}",
        "total_after": f"{comparison.total_after.amount:f}",
        "difference": f"{comparison.difference.amount:f}",
        "by_policy": {
            policy_id: {"before": f"{was.amount:f}", "after": f"{now.amount:f}"}
            for policy_id, (was, now) in comparison.by_policy().items()
        },
    }
    out.rows(columns, rows, numeric=numbers, extra=extra if fmt == "json" else None)
    if fmt == "table":
        for reform in reforms:
            what = f"replaces {reform['replaces']}" if reform["replaces"] else "added"
            out.text(f"reform: {reform['by']} ({reform['from']}) {what}")
        out.text(
            f"total: {_amount(comparison.total_before, fmt, locale)} before, "
            f"{_amount(comparison.total_after, fmt, locale)} after, "
            f"difference {_amount(comparison.difference, fmt, locale)} "
            f"({len(comparison.rows)} enterprises)"
        )
        if args.explain:
            for row in comparison.rows:
                if row.difference:
                    out.text("\n" + row.after.explain(locale=locale))
    return OK


def _compared(
    name: str, policy_id: str, was: Money, now: Money, *, fmt: str, locale: str
) -> dict[str, str]:
    return {
        "enterprise": name,
        "policy": policy_id,
        "before": _amount(was, fmt, locale),
        "after": _amount(now, fmt, locale),
        "difference": _amount(now - was, fmt, locale),
    }


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
    if args.rates:
        _checked(Path(args.rates))
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
    from littlegiants.policy import render_policy  # noqa: PLC0415

    policy = _policy(args.policy)
    if args.format == "table":
        out.text(render_policy(policy, locale=args.locale))
        return OK
    rows = [
        {
            "rule": rule.id,
            "kind": str(rule.kind),
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
        "relations": [
            {
                "kind": relation.kind.value,
                "policies": list(relation.policies),
                "quote": relation.quote,
                "note": relation.note,
            }
            for relation in policy.relations
        ],
    }
    columns = ["rule", "kind", "level", "amount", "currency", "up_to", "key", "percent", "figure"]
    extra_json = extra if args.format == "json" else None
    out.rows(columns, rows, numeric=["amount", "percent"], extra=extra_json)
    return OK


def _problems_of(path: Path, kind: str | None) -> tuple[int, list[Any], dict[str, Any]]:
    """Rows read, every problem, and the columns read past by file (reported, not problems)."""
    from littlegiants import loader  # noqa: PLC0415

    kind = None if path.is_dir() else _kind(path, kind)
    if kind in (None, "list"):
        read = loader.load_dataset if kind is None else loader.load_list
        data = read(path, errors="collect")
        problems = [p for row in data.rejected for p in row.problems]
        notes = {
            file: f"ignored columns the library does not use: {', '.join(columns)}"
            for file, columns in data.ignored.items()
        }
        return data.rows_read, problems, notes
    iterate = getattr(loader, "iter_trade_records" if kind == "trade" else f"iter_{kind}")
    stream = iterate(path, errors="collect")
    for _ in stream:  # read to the end without keeping the records: memory stays bounded
        pass
    from littlegiants._schemas import KINDS, ignored_note  # noqa: PLC0415

    note = ignored_note(KINDS[kind], stream.ignored) if stream.ignored else None
    ignored = {stream.path: note} if note else {}
    return stream.rows_read, [p for row in stream.rejected for p in row.problems], ignored


def cmd_validate(args: argparse.Namespace, out: Output) -> int:
    """Check files and print every problem with file, line and column."""
    from littlegiants.loader import LoadError  # noqa: PLC0415

    path = Path(args.data)
    _checked(path)
    ignored: dict[str, Any] = {}
    try:
        rows_read, problems, ignored = _problems_of(path, args.kind)
    except LoadError as err:
        rows_read, problems = 0, list(err.problems)
        if err.more:
            _say(f"littlegiants: ... and {err.more} more problems")
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
        out.rows(["file", "line", "column", "problem", "value"], rows, numeric=["line"])
    if args.format == "table":
        row_word = "row" if rows_read == 1 else "rows"
        problem_word = "problem" if len(problems) == 1 else "problems"
        out.text(f"{rows_read} {row_word} read, {len(problems)} {problem_word}")
    for file, note in ignored.items():  # reported once per file, never a problem
        if args.format == "table":
            out.text(f"{file}: {note}")
        else:
            _say(f"littlegiants: {file}: {note}")
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


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, raised as :class:`UsageError`."""

    def error(self, message: str) -> NoReturn:
        """Raise the problem for :func:`main` to print in one line (exit status 2)."""
        msg = f"{message} (see {self.prog} --help)"
        raise UsageError(msg)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Write help, letting a failed write through (argparse's own ignores it, exiting 0)."""
        if message:
            (file or sys.stderr).write(message)


def _currency(text: str) -> str:
    from littlegiants.errors import UnknownCurrencyError  # noqa: PLC0415
    from littlegiants.money import validate_currency  # noqa: PLC0415

    try:
        return validate_currency(text)
    except UnknownCurrencyError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
    parser = _Parser(
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
    payouts.add_argument(
        "--policy",
        action="append",
        help="a bundled policy id or a policy file; repeat it to stack several policies",
    )
    payouts.add_argument(
        "--all", action="store_true", help="every bundled policy that covers each enterprise"
    )
    payouts.add_argument("--as-of", type=_date, help="ignore events after this date")
    payouts.add_argument("--explain", action="store_true", help="print each payout's trace")
    matching = _command(
        commands,
        "match",
        cmd_match,
        "littlegiants match firms/ --as-of 2024-01-01 --explain",
        data=True,
    )
    matching.add_argument(
        "--policy",
        action="append",
        help="match against these policies (ids or files, repeatable) instead of the catalogue",
    )
    matching.add_argument(
        "--all", action="store_true", help="match against the whole catalogue (the default)"
    )
    matching.add_argument("--as-of", type=_date, help="the date of the match; later events ignored")
    matching.add_argument(
        "--others", action="store_true", help="also list the policies that do not apply, and why"
    )
    matching.add_argument("--explain", action="store_true", help="print each firm's answer")
    comparing = _command(
        commands,
        "compare",
        cmd_compare,
        "littlegiants compare firms/ --policy shenzhen-2022 --policy longgang-2025 "
        "--reform longgang-2025=reform.toml --as-of 2024-01-01",
        data=True,
    )
    comparing.add_argument(
        "--policy",
        action="append",
        help="a policy compared (id or file); repeat it to compare a stack",
    )
    comparing.add_argument(
        "--reform",
        action="append",
        default=[],
        help=(
            "a policy file or id replacing the policy with its id, or OLD=FILE_OR_ID replacing "
            "OLD; one that replaces none is added (repeatable)"
        ),
    )
    comparing.add_argument("--as-of", type=_date, help="ignore events after this date")
    comparing.add_argument(
        "--explain", action="store_true", help="print the reformed payout of each firm it changes"
    )
    trade = _command(
        commands, "trade", cmd_trade, "littlegiants trade trade-2022.csv --by region", data=True
    )
    trade.add_argument("--by", choices=["region", "level", "enterprise"])
    trade.add_argument("--currency", type=_currency, help="the currency of the summary")
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


def _loader_imported() -> bool:
    """Whether a command imported the loader: only then can an error be one of its own.

    The command line never imports the loader just to tell its errors apart, so ``--help``
    and the commands that read no data files stay light.
    """
    return "littlegiants.loader" in sys.modules


def _report(error: BaseException) -> None:
    if _loader_imported():
        from littlegiants.loader import LoadError  # noqa: PLC0415

        if isinstance(error, LoadError):
            for problem in error.problems:
                _say(f"littlegiants: {_one_line(str(problem))}")
            if error.more:
                _say(f"littlegiants: ... and {error.more} more problems")
            return
    _say(f"littlegiants: error: {_one_line(str(error))}")


def _usage_problem(error: BaseException) -> bool:
    """Whether an error is the way the command was used (exit status 2), not the data."""
    from littlegiants.errors import UnknownPolicyError, UnreadableFileError  # noqa: PLC0415

    if isinstance(error, UsageError | UnknownPolicyError | UnreadableFileError):
        return True
    if _loader_imported():
        from littlegiants.loader import LoadFileError  # noqa: PLC0415

        return isinstance(error, LoadFileError)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the module's docstring for each one).

    Everything is written and flushed before returning, so a closed or full standard output is
    reported here (141 or 74), never as noise when the interpreter exits.
    """
    stdout = _Stdout(sys.stdout)
    try:
        status = _run(argv, stdout)
        stdout.flush()
    except _OutputError as failure:
        return _output_failed(failure.error)
    except KeyboardInterrupt:
        _discard_stdout()
        return INTERRUPTED
    return status


def _run(argv: Sequence[str] | None, stdout: _Stdout) -> int:
    """Parse the arguments, then run the command, importing what it needs only then."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        _say(f"littlegiants: error: {_one_line(str(error))}")
        return USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except OSError as exc:  # writing --help to standard output
        raise _OutputError(exc) from exc
    from littlegiants.errors import LittleGiantsError  # noqa: PLC0415

    out = Output(args.format, stdout)
    try:
        return int(args.handler(args, out))
    except (UsageError, LittleGiantsError, OSError) as error:
        if args.debug:
            raise
        _report(error)
        return USAGE if _usage_problem(error) else PROBLEMS
