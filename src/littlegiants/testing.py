"""Testing policy scenarios: scenario files as data, and ``assert_payout`` for Python tests.

A scenario names a policy (a bundled id, or a file relative to the scenario file), a date, an
enterprise with its designations, optionally earlier payments and overrides of the policy (for
reform what-ifs), and the payout expected. The pytest plugin (:mod:`littlegiants.pytest_plugin`)
collects ``*.scenarios.toml`` files and runs each scenario as a test item; the same checks are
available from Python through :func:`assert_payout`. The format is documented in
``docs/testing-policies.md``.

>>> from datetime import date
>>> from littlegiants import Designation, Enterprise, load_policy
>>> firm = Enterprise("示例科技有限公司", region="440305",
...                   designations=[Designation("national", date(2022, 8, 1))])
>>> payout = load_policy("shenzhen-2022").payout(firm, as_of=date(2023, 1, 1))
>>> assert_payout(payout, total="500000", items=[{"level": "national", "amount": "500000"}])
>>> assert_payout(payout, total="400000")
Traceback (most recent call last):
...
AssertionError: payout differs from the expected one:
  total: expected 400000 CNY, got 500000 CNY
...
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from littlegiants._exact import to_decimal
from littlegiants._tomlindex import KeyPath, TomlReader, load_toml, locate
from littlegiants.enterprise import Enterprise
from littlegiants.errors import LittleGiantsError, ScenarioFileError
from littlegiants.money import Money
from littlegiants.payout import Payment, Payout
from littlegiants.policy import IncentivePolicy, load_policy
from littlegiants.structure import StructureError, converter, structure, structure_enterprise

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "ExpectedItem",
    "Scenario",
    "assert_payout",
    "check_scenario",
    "load_scenarios",
]

_SCENARIO_KEYS: Final = {
    "name",
    "policy",
    "as_of",
    "payments",
    "overrides",
    "enterprise",
    "expected",
}
_EXPECTED_KEYS: Final = {"total", "items", "complete"}
_ITEM_KEYS: Final = {"level", "amount", "ceiling", "status", "rule", "kind", "on"}
_OVERRIDE_KEYS: Final = {"amounts", "combination", "effective_from", "effective_to"}


@attrs.frozen(kw_only=True)
class ExpectedItem:
    """What one payout item should be; a field left ``None`` is not checked.

    ``amount`` ``"unknown"`` expects an item that could not be computed (missing data).
    """

    level: str | None = None
    amount: str | None = None
    ceiling: bool | None = None
    status: str | None = None
    rule: str | None = None
    kind: str | None = None
    on: date | None = None

    def differences(self, item: Any, currency: str) -> list[str]:  # noqa: ANN401 - PayoutItem
        """Return how ``item`` differs from this expectation (empty when it matches)."""
        found: list[str] = []
        actual: dict[str, object] = {
            "level": item.level.value,
            "ceiling": item.is_ceiling,
            "status": item.status.value,
            "rule": item.rule.id,
            "kind": item.rule.kind.value,
            "on": item.event_on,
        }
        for name, got in actual.items():
            want = getattr(self, name)
            if want is not None and want != got:
                found.append(f"{name}: expected {want}, got {got}")
        if self.amount is not None:
            got_amount = "unknown" if item.amount is None else str(item.amount)
            if self.amount == "unknown":
                if item.amount is not None:
                    found.append(f"amount: expected unknown, got {got_amount}")
            elif item.amount is None or item.amount != Money.parse(self.amount, currency=currency):
                found.append(f"amount: expected {self.amount} {currency}, got {got_amount}")
        return found


def _item(value: Mapping[str, Any] | ExpectedItem) -> ExpectedItem:
    if isinstance(value, ExpectedItem):
        return value
    unknown = set(value) - _ITEM_KEYS
    if unknown:
        msg = f"unknown expected-item key(s): {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    return ExpectedItem(**value)


def assert_payout(
    payout: Payout,
    *,
    total: str | Money | None = None,
    items: Iterable[Mapping[str, Any] | ExpectedItem] | None = None,
    complete: bool | None = None,
) -> None:
    """Check a payout against expectations; on failure, raise with a readable diff.

    Args:
        payout: the payout to check.
        total: the expected total (text in the policy's currency, or Money).
        items: the expected items in order; each checks only the keys it gives (``level``,
            ``amount``, ``ceiling``, ``status``, ``rule``, ``kind``, ``on``).
        complete: whether every item is expected to be computable.

    Raises:
        AssertionError: the payout differs; the message lists expected against actual and the
            engine's explanation of every actual item.
    """
    currency = payout.policy.currency
    problems: list[str] = []
    if total is not None:
        want = total if isinstance(total, Money) else Money.parse(total, currency=currency)
        if want != payout.total:
            problems.append(f"total: expected {want}, got {payout.total}")
    if complete is not None and complete != payout.is_complete:
        problems.append(f"complete: expected {complete}, got {payout.is_complete}")
    if items is not None:
        wanted = [_item(item) for item in items]
        if len(wanted) != len(payout.items):
            problems.append(f"items: expected {len(wanted)}, got {len(payout.items)}")
        for index, (want_item, got_item) in enumerate(zip(wanted, payout.items, strict=False)):
            problems.extend(f"item {index}: {d}" for d in want_item.differences(got_item, currency))
    if problems:
        lines = ["payout differs from the expected one:"]
        lines.extend(f"  {problem}" for problem in problems)
        lines.append("actual payout, as the engine explains it:")
        lines.append(payout.explain(locale="en_US"))
        raise AssertionError("\n".join(lines))


@attrs.frozen(kw_only=True)
class Scenario:
    """One policy scenario read from a scenario file."""

    name: str
    path: str
    line: int | None
    policy: IncentivePolicy = attrs.field(eq=False)
    as_of: date | None
    enterprise: Enterprise
    payments: tuple[Payment, ...] = ()
    total: str | None = None
    items: tuple[ExpectedItem, ...] | None = None
    complete: bool | None = None

    def run(self) -> Payout:
        """Compute the scenario's payout."""
        return self.policy.payout(self.enterprise, as_of=self.as_of, ledger=self.payments)


def check_scenario(scenario: Scenario) -> Payout:
    """Run a scenario and check its expectations (see :func:`assert_payout`)."""
    payout = scenario.run()
    assert_payout(payout, total=scenario.total, items=scenario.items, complete=scenario.complete)
    return payout


class _ScenarioReader(TomlReader):
    error = ScenarioFileError

    def __init__(self, text: str, path: Path) -> None:
        super().__init__(text, str(path))
        self.file = path

    def policy(self, value: object, at: KeyPath) -> IncentivePolicy:
        if not isinstance(value, str):
            raise self.fail(at, value, "expected a bundled policy id or a path to a policy file")
        if value.endswith(".toml"):
            return IncentivePolicy.from_toml(self.file.parent / value)
        try:
            return load_policy(value)
        except LittleGiantsError as exc:
            raise self.fail(at, value, str(exc)) from exc

    def scenario(self, table: object, at: KeyPath) -> Scenario:
        data = self.check_keys(table, _SCENARIO_KEYS, at)
        for required in ("name", "policy", "enterprise", "expected"):
            if required not in data:
                raise self.fail((*at, required), None, "a required key is missing")
        name = data["name"]
        if not isinstance(name, str) or not name.strip():
            raise self.fail((*at, "name"), name, "expected a non-empty name")
        policy = self.policy(data["policy"], (*at, "policy"))
        policy = self.overridden(policy, data.get("overrides"), (*at, "overrides"))
        as_of = data.get("as_of")
        if as_of is not None and type(as_of) is not date:
            raise self.fail((*at, "as_of"), as_of, "expected a TOML date such as 2023-01-01")
        convert = converter(currency=policy.currency)
        try:
            enterprise = structure_enterprise(data["enterprise"], convert)
        except StructureError as exc:
            path = (*at, "enterprise", *_split(exc.path))
            raise self.fail(path, exc.value, exc.reason) from exc
        payments = self.payments(data.get("payments", []), (*at, "payments"), policy, enterprise)
        expected = self.check_keys(data["expected"], _EXPECTED_KEYS, (*at, "expected"))
        return Scenario(
            name=name,
            path=self.path,
            line=locate(self.lines, at),
            policy=policy,
            as_of=as_of,
            enterprise=enterprise,
            payments=payments,
            total=self.amount(expected.get("total"), (*at, "expected", "total")),
            items=self.items(expected.get("items"), (*at, "expected", "items")),
            complete=expected.get("complete"),
        )

    def overridden(self, policy: IncentivePolicy, table: object, at: KeyPath) -> IncentivePolicy:
        if table is None:
            return policy
        data = self.check_keys(table, _OVERRIDE_KEYS, at)
        try:
            return policy.evolve(**data)
        except (LittleGiantsError, ValueError, TypeError) as exc:
            raise self.fail(at, data, f"cannot apply the overrides ({exc})") from exc

    def amount(self, value: object, at: KeyPath) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or to_decimal(value) is None:
            raise self.fail(at, value, 'expected a quoted decimal amount such as "500000"')
        return value

    def items(self, value: object, at: KeyPath) -> tuple[ExpectedItem, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(at, value, "expected an array of item tables")
        out: list[ExpectedItem] = []
        for i, entry in enumerate(value):
            data = self.check_keys(entry, _ITEM_KEYS, (*at, i))
            amount = data.get("amount")
            if amount is not None and amount != "unknown":
                self.amount(amount, (*at, i, "amount"))
            try:
                out.append(ExpectedItem(**data))
            except TypeError as exc:
                raise self.fail((*at, i), entry, str(exc)) from exc
        return tuple(out)

    def payments(
        self, value: object, at: KeyPath, policy: IncentivePolicy, firm: Enterprise
    ) -> tuple[Payment, ...]:
        if not isinstance(value, list):
            raise self.fail(at, value, "expected an array of payment tables")
        convert = converter(currency=policy.currency)
        out: list[Payment] = []
        for i, entry in enumerate(value):
            data = dict(self.check_keys(entry, {"level", "amount", "paid_on", "event", "key"}, at))
            data.setdefault("enterprise", firm.key)
            data.setdefault("policy_id", policy.id)
            try:
                out.append(structure(data, Payment, convert))
            except StructureError as exc:
                raise self.fail((*at, i, *_split(exc.path)), exc.value, exc.reason) from exc
        return tuple(out)


def _split(path: str) -> KeyPath:
    parts: list[str | int] = []
    for chunk in path.replace("]", "").split("."):
        parts.extend(int(p) if p.isdigit() else p for p in chunk.split("[") if p)
    return tuple(parts)


def load_scenarios(path: str | Path) -> tuple[Scenario, ...]:
    """Read every scenario of a scenario file.

    Raises:
        ScenarioFileError: a problem in the file, with the key path and line (a ``ValueError``).
        OSError: the file cannot be read.
    """
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    data = load_toml(text, str(file), ScenarioFileError)
    reader = _ScenarioReader(text, file)
    reader.check_keys(data, {"scenario"}, ())
    scenarios = data.get("scenario", [])
    if not isinstance(scenarios, list) or not scenarios:
        raise reader.fail(("scenario",), scenarios, "expected one or more [[scenario]] tables")
    return tuple(reader.scenario(table, ("scenario", i)) for i, table in enumerate(scenarios))
