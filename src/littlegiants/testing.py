"""Testing policy scenarios: scenario files as data, and ``assert_payout`` for Python tests.

A scenario names a policy (a bundled id, or a file relative to the scenario file) or several
evaluated together (``policies = [...]``, a :class:`~littlegiants.policy.PolicySet`), a date, an
enterprise with its designations, optionally earlier payments and overrides of the policy (for
reform what-ifs), and the payout expected; or counts of firms by level instead of an enterprise,
and the budget expected. The pytest plugin (:mod:`littlegiants.pytest_plugin`) collects
``*.scenarios.toml`` files and runs each scenario as a test item; the same checks are available
from Python through :func:`assert_payout` and :func:`assert_budget`. The format is documented in
``docs/howto/testing-policies.md``.

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

from littlegiants._exact import bounds_problem
from littlegiants._tomlindex import (
    UNUSABLE_AMOUNT,
    KeyPath,
    TomlReader,
    expected_one_of,
    locate,
    read_file,
)
from littlegiants.designation import DesignationLevel
from littlegiants.enterprise import Enterprise
from littlegiants.errors import (
    LittleGiantsError,
    Reason,
    ScenarioFileError,
    UnknownRuleError,
)
from littlegiants.money import Money
from littlegiants.policy import (
    Budget,
    Combination,
    IncentivePolicy,
    ItemStatus,
    Payment,
    Payout,
    PolicySet,
    StackedPayout,
    load_policy,
    policies,
    rule_kinds,
)
from littlegiants.structure import StructureError, converter, structure, structure_enterprise
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "ExpectedItem",
    "Scenario",
    "assert_budget",
    "assert_payout",
    "check_scenario",
    "load_scenarios",
    "scenarios_from_text",
]

_SCENARIO_KEYS: Final = {
    "name",
    "policy",
    "policies",
    "as_of",
    "payments",
    "overrides",
    "enterprise",
    "counts",
    "expected",
}
_EXPECTED_KEYS: Final = {"total", "items", "complete", "by_policy", "upper_bound"}
_ITEM_KEYS: Final = {"policy", "level", "amount", "ceiling", "status", "rule", "kind", "on"}
_OVERRIDE_KEYS: Final = {"amounts", "combination", "effective_from", "effective_to"}
_PAYMENT_KEYS: Final = {"policy", "level", "amount", "paid_on", "event", "key"}


@attrs.frozen(kw_only=True)
class ExpectedItem:
    """What one payout item should be; a field left ``None`` is not checked.

    ``amount`` ``"unknown"`` expects an item that could not be computed (missing data);
    ``policy`` names the policy of the item in a stack.
    """

    policy: str | None = None
    level: str | None = None
    amount: str | None = None
    ceiling: bool | None = None
    status: str | None = None
    rule: str | None = None
    kind: str | None = None
    on: date | None = None

    def differences(
        self,
        item: Any,  # noqa: ANN401 - a PayoutItem
        currency: str,
        policy: str | None = None,
    ) -> list[str]:
        """Return how ``item`` (of ``policy``, in a stack) differs from this expectation."""
        found: list[str] = []
        actual: dict[str, object] = {
            "policy": policy,
            "level": item.level.value,
            "ceiling": item.is_ceiling,
            "status": item.status.value,
            "rule": item.rule.id,
            "kind": str(item.rule.kind),
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
    payout: Payout | StackedPayout,
    *,
    total: str | Money | None = None,
    items: Iterable[Mapping[str, Any] | ExpectedItem] | None = None,
    complete: bool | None = None,
    by_policy: Mapping[str, str | Money] | None = None,
) -> None:
    """Check a payout, or a stacked one, against expectations; on failure, raise with a diff.

    Args:
        payout: the payout to check: one policy's, or a stack's
            (:meth:`PolicySet.payout <littlegiants.policy.PolicySet.payout>`).
        total: the expected total (text in the policy's currency, or Money).
        items: the expected items in order (a stack's policy by policy); each checks only the keys
            it gives (``policy``, ``level``, ``amount``, ``ceiling``, ``status``, ``rule``,
            ``kind``, ``on``).
        complete: whether every item is expected to be computable.
        by_policy: the expected total of each policy named (a stack).

    Raises:
        AssertionError: the payout differs; the message lists expected against actual and the
            engine's explanation of every actual item.
    """
    if isinstance(payout, StackedPayout):
        currency = payout.currency
        actual = list(payout.items)
        totals = payout.by_policy()
    else:
        currency = payout.policy.currency
        actual = [(payout.policy.id, item) for item in payout.items]
        totals = {payout.policy.id: payout.total}
    problems: list[str] = []
    if total is not None:
        want = _money(total, currency)
        if want != payout.total:
            problems.append(f"total: expected {want}, got {payout.total}")
    if complete is not None and complete != payout.is_complete:
        problems.append(f"complete: expected {complete}, got {payout.is_complete}")
    for policy_id, amount in (by_policy or {}).items():
        want, got = _money(amount, currency), totals.get(policy_id)
        if want != got:
            shown = "no such policy" if got is None else str(got)
            problems.append(f"by_policy {policy_id}: expected {want}, got {shown}")
    if items is not None:
        wanted = [_item(item) for item in items]
        if len(wanted) != len(actual):
            problems.append(f"items: expected {len(wanted)}, got {len(actual)}")
        for index, (want_item, (policy_id, got_item)) in enumerate(
            zip(wanted, actual, strict=False)
        ):
            problems.extend(
                f"item {index}: {d}"
                for d in want_item.differences(got_item, currency, policy=policy_id)
            )
    _fail(problems, "payout", payout.explain(locale="en_US"))


def assert_budget(
    budget: Budget,
    *,
    total: str | Money | None = None,
    upper_bound: bool | None = None,
    complete: bool | None = None,
) -> None:
    """Check a budget: its total, whether it is an upper bound, whether nothing was left out.

    >>> from littlegiants import load_policy
    >>> assert_budget(load_policy("shenzhen-2022").budget({"national": 275}),
    ...               total="137500000", upper_bound=True, complete=True)

    Raises:
        AssertionError: the budget differs; the message lists expected against actual and the
            budget's explanation.
    """
    problems: list[str] = []
    if total is not None:
        want = _money(total, budget.total.currency)
        if want != budget.total:
            problems.append(f"total: expected {want}, got {budget.total}")
    if upper_bound is not None and upper_bound != budget.is_upper_bound:
        problems.append(f"upper_bound: expected {upper_bound}, got {budget.is_upper_bound}")
    if complete is not None and complete != (not budget.unknown):
        problems.append(f"complete: expected {complete}, got {not budget.unknown}")
    _fail(problems, "budget", budget.explain(locale="en_US"))


def _money(value: str | Money, currency: str) -> Money:
    return value if isinstance(value, Money) else Money.parse(value, currency=currency)


def _fail(problems: list[str], what: str, explained: str) -> None:
    if problems:
        lines = [f"{what} differs from the expected one:"]
        lines.extend(f"  {problem}" for problem in problems)
        lines.append(f"actual {what}, as the engine explains it:")
        lines.append(explained)
        raise AssertionError("\n".join(lines))


@attrs.frozen(kw_only=True)
class Scenario:
    """One policy scenario read from a scenario file.

    It evaluates one policy (``policy``) or a stack (``policies``), for an enterprise, or costs
    counts of firms by level (``counts``: a budget).
    """

    name: str
    path: str
    line: int | None
    policy: IncentivePolicy | PolicySet = attrs.field(eq=False)
    as_of: date | None
    enterprise: Enterprise | None = None
    counts: tuple[tuple[DesignationLevel, int], ...] | None = None
    payments: tuple[Payment, ...] = ()
    total: str | None = None
    items: tuple[ExpectedItem, ...] | None = None
    complete: bool | None = None
    by_policy: tuple[tuple[str, str], ...] | None = None
    upper_bound: bool | None = None

    def run(self) -> Payout | StackedPayout | Budget:
        """Compute the scenario's payout (or stacked payout, or budget of counts)."""
        if self.counts is not None:
            return self.policy.budget(dict(self.counts))
        if self.enterprise is None:
            raise ValueError(self.name)  # the reader gives a scenario counts or an enterprise
        return self.policy.payout(self.enterprise, as_of=self.as_of, ledger=self.payments)


def check_scenario(scenario: Scenario) -> Payout | StackedPayout | Budget:
    """Run a scenario and check its expectations (:func:`assert_payout`, :func:`assert_budget`)."""
    result = scenario.run()
    if isinstance(result, Budget):
        assert_budget(
            result,
            total=scenario.total,
            upper_bound=scenario.upper_bound,
            complete=scenario.complete,
        )
    else:
        assert_payout(
            result,
            total=scenario.total,
            items=scenario.items,
            complete=scenario.complete,
            by_policy=None if scenario.by_policy is None else dict(scenario.by_policy),
        )
    return result


class _ScenarioReader(TomlReader):
    error = ScenarioFileError

    def __init__(self, text: str, path: Path) -> None:
        super().__init__(text, str(path))
        self.file = path

    def policy(self, value: object, at: KeyPath) -> IncentivePolicy:
        if not isinstance(value, str):
            raise self.fail(
                at, value, N_("expected a bundled policy id or a path to a policy file")
            )
        self.clean(at, value, N_("a bundled policy id or a path to a policy file"))
        if value.endswith(".toml"):
            try:
                return IncentivePolicy.from_toml(self.file.parent / value)
            except LittleGiantsError as exc:
                reason = Reason(N_("the policy file cannot be read: {error}"), error=exc)
                raise self.fail(at, value, reason) from exc
        try:
            return load_policy(value)
        except LittleGiantsError as exc:
            raise self.fail(at, value, Reason.of(exc)) from exc

    def scenario(self, table: object, at: KeyPath) -> Scenario:
        data = self.check_keys(table, _SCENARIO_KEYS, at)
        for required in ("name", "expected"):
            if required not in data:
                raise self.fail((*at, required), None, N_("a required key is missing"))
        self.one_of(data, at, "policy", "policies")
        self.one_of(data, at, "enterprise", "counts")
        name = data["name"]
        if not isinstance(name, str):
            raise self.fail((*at, "name"), name, N_("expected a quoted name"))
        self.clean((*at, "name"), name, N_("a name"))
        subject = self.subject(data, at)
        ids = (subject.id,) if isinstance(subject, IncentivePolicy) else subject.ids
        as_of = self.day(data.get("as_of"), (*at, "as_of"))
        currency = subject.currency
        expected = self.check_keys(data["expected"], _EXPECTED_KEYS, (*at, "expected"))
        for key in ("complete", "upper_bound"):
            if key in expected and not isinstance(expected[key], bool):
                raise self.fail((*at, "expected", key), expected[key], N_("expected true or false"))
        fields: dict[str, Any] = {
            "name": name,
            "path": self.path,
            "line": locate(self.lines, at),
            "policy": subject,
            "as_of": as_of,
            "total": self.amount(expected.get("total"), (*at, "expected", "total"), currency),
            "complete": expected.get("complete"),
        }
        if "counts" in data:
            for key in ("items", "by_policy"):
                if key in expected:
                    reason = N_(
                        "a budget of counts has no items: expect total, upper_bound, complete"
                    )
                    raise self.fail((*at, "expected", key), expected[key], reason)
            if "payments" in data:
                reason = N_("a budget of counts has no ledger: payments are for an enterprise")
                raise self.fail((*at, "payments"), data["payments"], reason)
            counts = self.counts(data["counts"], (*at, "counts"))
            return Scenario(**fields, counts=counts, upper_bound=expected.get("upper_bound"))
        if "upper_bound" in expected:
            reason = N_("only a budget (counts) is an upper bound; a payout's items say up to")
            raise self.fail((*at, "expected", "upper_bound"), expected["upper_bound"], reason)
        convert = converter(currency=currency)
        try:
            enterprise = structure_enterprise(data["enterprise"], convert)
        except StructureError as exc:
            path = (*at, "enterprise", *_split(exc.path))
            raise self.fail(path, exc.value, exc.reason) from exc
        payments = self.payments(
            data.get("payments", []), (*at, "payments"), ids, enterprise, currency
        )
        by_policy = self.by_policy(expected.get("by_policy"), (*at, "expected"), ids, currency)
        return Scenario(
            **fields,
            enterprise=enterprise,
            payments=payments,
            items=self.items(expected.get("items"), (*at, "expected", "items"), currency),
            by_policy=by_policy,
        )

    def one_of(self, data: dict[str, Any], at: KeyPath, first: str, second: str) -> None:
        if first in data and second in data:
            reason = Reason(N_("give {first} or {second}, not both"), first=first, second=second)
            raise self.fail((*at, second), data[second], reason)
        if first not in data and second not in data:
            reason = Reason(N_("a required key is missing (or {second})"), second=second)
            raise self.fail((*at, first), None, reason)

    def subject(self, data: dict[str, Any], at: KeyPath) -> IncentivePolicy | PolicySet:
        """The scenario's policy, overridden, or its stack of policies."""
        if "policy" in data:
            policy = self.policy(data["policy"], (*at, "policy"))
            return self.overridden(policy, data.get("overrides"), (*at, "overrides"))
        if "overrides" in data:
            reason = N_("overrides change one policy: give it as policy, or reform a policy file")
            raise self.fail((*at, "overrides"), data["overrides"], reason)
        where = (*at, "policies")
        entries = data["policies"]
        if entries == "all":
            return PolicySet(policies())
        if not isinstance(entries, list) or not entries:
            reason = N_(
                'expected an array of policy ids or files, or "all" (the bundled catalogue)'
            )
            raise self.fail(where, entries, reason)
        stack = [self.policy(entry, (*where, i)) for i, entry in enumerate(entries)]
        try:
            return PolicySet(stack)
        except LittleGiantsError as exc:
            reason = Reason(N_("the policies cannot be stacked: {error}"), error=exc)
            raise self.fail(where, entries, reason) from exc

    def counts(self, value: object, at: KeyPath) -> tuple[tuple[DesignationLevel, int], ...]:
        table = self.check_keys(value, set(value) if isinstance(value, dict) else set(), at)
        found: dict[DesignationLevel, int] = {}
        for key, count in table.items():
            level = self.convert((*at, key), key, DesignationLevel.parse, N_("a designation level"))
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise self.fail((*at, key), count, N_("expected a whole number of firms"))
            if level in found:
                raise self.fail((*at, key), key, N_("the level is given twice"))
            found[level] = count
        return tuple(found.items())

    def by_policy(
        self, value: object, at: KeyPath, ids: tuple[str, ...], currency: str
    ) -> tuple[tuple[str, str], ...] | None:
        if value is None:
            return None
        where = (*at, "by_policy")
        table = self.check_keys(value, set(ids), where)
        return tuple(
            (policy_id, str(self.amount(amount, (*where, policy_id), currency)))
            for policy_id, amount in table.items()
        )

    def day(self, value: object, at: KeyPath) -> date | None:
        if value is not None and type(value) is not date:
            raise self.fail(at, value, N_("expected a TOML date such as 2023-01-01, not quoted"))
        return value

    def overridden(self, policy: IncentivePolicy, table: object, at: KeyPath) -> IncentivePolicy:
        if table is None:
            return policy
        data = self.check_keys(table, _OVERRIDE_KEYS, at)
        changes: dict[str, Any] = {}
        if "amounts" in data:
            amounts = data["amounts"]
            if not isinstance(amounts, dict):
                raise self.fail(
                    (*at, "amounts"), amounts, N_("expected a table of rule ids or levels")
                )
            changes["amounts"] = {
                key: self.money(value, (*at, "amounts", key), policy.currency)
                for key, value in amounts.items()
            }
        if "combination" in data:
            changes["combination"] = self.convert(
                (*at, "combination"),
                data["combination"],
                Combination,
                Reason(N_("one of {choices}"), choices=", ".join(c.value for c in Combination)),
            )
        for key in ("effective_from", "effective_to"):
            if key in data:
                changes[key] = self.day(data[key], (*at, key))
        try:
            return policy.evolve(**changes)
        except UnknownRuleError as exc:
            reason = Reason(N_("no rule or level of {policy} has this name"), policy=policy.id)
            raise self.fail((*at, "amounts", str(exc.value)), exc.value, reason) from exc
        except LittleGiantsError as exc:
            reason = Reason(N_("cannot apply the overrides ({error})"), error=exc)
            raise self.fail(at, data, reason) from exc

    def money(self, value: object, at: KeyPath, currency: str) -> Money:
        """Money as the file gives it (quoted text in the policy's currency), checked now."""
        if not isinstance(value, str):
            raise self.fail(at, value, N_('expected a quoted amount such as "500000"'))
        try:
            money = Money.parse(value, currency=currency)
        except LittleGiantsError as exc:
            reason = Reason(N_("expected an amount such as 500000 ({error})"), error=exc)
            raise self.fail(at, value, reason) from exc
        problem = bounds_problem(money.amount)
        if problem is not None:
            raise self.fail(at, value, Reason(UNUSABLE_AMOUNT, problem=problem))
        return money

    def amount(self, value: object, at: KeyPath, currency: str) -> str | None:
        if value is None:
            return None
        self.money(value, at, currency)
        return str(value)

    def items(self, value: object, at: KeyPath, currency: str) -> tuple[ExpectedItem, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(at, value, N_("expected an array of item tables"))
        return tuple(self.item(entry, (*at, i), currency) for i, entry in enumerate(value))

    def item(self, entry: object, at: KeyPath, currency: str) -> ExpectedItem:
        data = self.check_keys(entry, _ITEM_KEYS, at)
        amount = data.get("amount")
        if amount != "unknown":
            self.amount(amount, (*at, "amount"), currency)
        fields: dict[str, Any] = {"amount": amount}
        if "status" in data:
            fields["status"] = self.convert(
                (*at, "status"),
                data["status"],
                ItemStatus,
                Reason(N_("one of {choices}"), choices=", ".join(c.value for c in ItemStatus)),
            ).value
        if "kind" in data:
            kinds = rule_kinds()
            if not isinstance(data["kind"], str) or data["kind"] not in kinds:
                raise self.fail((*at, "kind"), data["kind"], expected_one_of(kinds))
            fields["kind"] = data["kind"]
        if "level" in data:
            fields["level"] = self.convert(
                (*at, "level"), data["level"], DesignationLevel.parse, N_("a designation level")
            ).value
        if "ceiling" in data and not isinstance(data["ceiling"], bool):
            raise self.fail((*at, "ceiling"), data["ceiling"], N_("expected true or false"))
        for key in ("rule", "policy"):
            if key in data and not isinstance(data[key], str):
                reason = Reason(N_("expected a quoted {key} id"), key=key)
                raise self.fail((*at, key), data[key], reason)
        return ExpectedItem(
            **fields,
            ceiling=data.get("ceiling"),
            rule=data.get("rule"),
            policy=data.get("policy"),
            on=self.day(data.get("on"), (*at, "on")),
        )

    def payments(
        self, value: object, at: KeyPath, ids: tuple[str, ...], firm: Enterprise, currency: str
    ) -> tuple[Payment, ...]:
        """Earlier payments; each names its policy in a stack (one policy: it is the default)."""
        if not isinstance(value, list):
            raise self.fail(at, value, N_("expected an array of payment tables"))
        convert = converter(currency=currency)
        out: list[Payment] = []
        for i, entry in enumerate(value):
            where = (*at, i)
            data = dict(self.check_keys(entry, _PAYMENT_KEYS, where))
            policy_id = data.pop("policy", ids[0] if len(ids) == 1 else None)
            if policy_id not in ids:
                known = ", ".join(ids)
                reason = Reason(
                    N_("name the policy it was paid under, one of {known}"), known=known
                )
                raise self.fail((*where, "policy"), policy_id, reason)
            data.setdefault("enterprise", firm.key)
            data["policy_id"] = policy_id
            try:
                payment = structure(data, Payment, convert)
            except StructureError as exc:
                raise self.fail((*where, *_split(exc.path)), exc.value, exc.reason) from exc
            problem = bounds_problem(payment.amount.amount)
            if problem is not None:
                reason = Reason(UNUSABLE_AMOUNT, problem=problem)
                raise self.fail((*where, "amount"), data["amount"], reason)
            out.append(payment)
        return tuple(out)


def _split(path: str) -> KeyPath:
    parts: list[str | int] = []
    for chunk in path.replace("]", "").split("."):
        parts.extend(int(p) if p.isdigit() else p for p in chunk.split("[") if p)
    return tuple(parts)


def load_scenarios(path: str | Path) -> tuple[Scenario, ...]:
    """Read every scenario of a scenario file, checking every value now, not when it runs.

    A policy file the scenario names is read relative to the scenario file; a problem in it is
    reported at the scenario's ``policy`` key.

    Raises:
        ScenarioFileError: a problem in the file, with the key path and line (a ``ValueError``):
            not UTF-8, not TOML, nested too deeply, a bad value or a policy it cannot read.
        UnreadableFileError: the path is missing (``MissingDataFileError``, also a
            ``FileNotFoundError``), a folder or FIFO, or not permitted (an ``OSError``).
    """
    file = Path(path)
    return scenarios_from_text(read_file(file, ScenarioFileError), path=file)


def scenarios_from_text(text: str, *, path: str | Path = "<string>") -> tuple[Scenario, ...]:
    r"""Read scenarios from TOML text; ``path`` names it in errors and anchors relative policies.

    >>> text = '''
    ... [[scenario]]
    ... name = "a national designation in Nanshan"
    ... policy = "shenzhen-2022"
    ... as_of = 2023-01-01
    ... enterprise = { name = "示例科技有限公司", region = "440305", designations = [
    ...     { level = "national", awarded_on = 2022-08-01 },
    ... ] }
    ... expected = { total = "500000" }
    ... '''
    >>> [scenario.line for scenario in scenarios_from_text(text, path="s.toml")]
    [2]
    >>> scenarios_from_text(text.replace("2022-08-01", '"2022-08-32"'), path="s.toml")
    Traceback (most recent call last):
    ...
    littlegiants.errors.ScenarioFileError: Bad scenario file (s.toml, line 7, key scenario[0]...

    Raises:
        ScenarioFileError: as :func:`load_scenarios`.
    """
    reader = _ScenarioReader(text, Path(path))
    data = reader.check_keys(reader.data, {"scenario"}, ())
    scenarios = data.get("scenario", [])
    if not isinstance(scenarios, list) or not scenarios:
        raise reader.fail(("scenario",), scenarios, N_("expected one or more [[scenario]] tables"))
    read: list[Scenario] = []
    for i, table in enumerate(scenarios):
        scenario = reader.scenario(table, ("scenario", i))
        if any(other.name == scenario.name for other in read):
            reason = N_("two scenarios have this name (each becomes a test of that name)")
            raise reader.fail(("scenario", i, "name"), scenario.name, reason)
        read.append(scenario)
    return tuple(read)
