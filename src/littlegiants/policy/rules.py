"""Rule kinds: what triggers a reward, what it checks, what it grants and how it reads.

A rule is one reward of a policy, and its class is its **kind**, the word a policy file gives as
``kind``. Each kind owns four things, so the engine (:mod:`littlegiants.policy.engine`) loops over
a policy's rules without knowing what they are:

- its **fields** and their checks (an attrs class; the policy-file reader reads the keys named
  after its fields and refuses the others, see :meth:`Rule.from_table`);
- the **events** that trigger it (:meth:`Rule.events`: a designation awarded, a re-review
  passed, a move);
- its **gates** (:meth:`Rule.check`: a key-only tier, a batch, a window of award dates, a
  first recognition, a move from outside) and its **entitlement** (:meth:`Rule.entitlement`: an
  amount, a regional amount, or a capped share of a financial figure);
- its **explanation** in English and Chinese (:meth:`Rule.explain`, :meth:`Rule.terms`).

The kinds littlegiants ships:

- :class:`DesignationRule` (``designation``): a designation of the rule's level awarded in the
  effective period (Shenzhen);
- :class:`PercentageRule` (``percentage``): the same, always paying a capped share of a figure
  (Pudong);
- :class:`ReReviewRule` (``re-review``): a passed re-review (复核) of a designation (Huangpu);
- :class:`RelocationRule` (``relocation``): a move into the jurisdiction by a firm holding the
  level (Guangzhou).

What several kinds share lives in the base classes rather than in kinds of its own, because it
is orthogonal to what triggers the reward: any rule may pay a share of a figure instead of a fixed
amount (Pudong pays a firm moving in 10% of its R&D super-deduction), and any rule may be one the
policy states it does not reward (``not_rewarded``). Rules about a designation (awards and
re-reviews) may be limited to key (重点) little giants, to MIIT batches and to a window of award
dates; only the rules that reward the recognition itself (awards) may be first-time only. Adding
a kind is one class registered with :func:`registered`, its documentation in
``docs/policy-files.md`` and its tests (``docs/adding-a-rule-kind.md`` walks through one).

>>> rule = DesignationRule(id="national", level=DesignationLevel.NATIONAL,
...                        amount=Money("500000", "CNY"), up_to=True)
>>> str(rule.kind), rule.explain(locale="en_US")
('designation', 'national designation: up to CN¥500,000.00')
>>> rule.explain(locale="zh_CN")
'国家级认定：最高¥500,000.00'
>>> sorted(rule_kinds())
['designation', 'percentage', 're-review', 'relocation']
"""

from __future__ import annotations

import enum
import functools
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, NoReturn, Protocol, TypeVar

import attrs

from littlegiants._exact import EXACT, to_decimal
from littlegiants.designation import DesignationLevel
from littlegiants.errors import CurrencyMismatchError, InvalidRecordError, Reason
from littlegiants.formatting import format_money
from littlegiants.money import Money
from littlegiants.policy.model import (
    FIGURES,
    Event,
    EventKind,
    FigureYear,
    ItemStatus,
    RegionAmount,
    Text,
    level_words,
    listing,
    money_words,
)
from littlegiants.translations import N_, translator

if TYPE_CHECKING:
    from littlegiants.enterprise import Enterprise
    from littlegiants.regions import Region

__all__ = [
    "AwardRule",
    "Cost",
    "DesignationBasedRule",
    "DesignationRule",
    "PercentageRule",
    "ReReviewRule",
    "RelocationRule",
    "Rule",
    "RuleKind",
    "RuleReader",
    "registered",
    "rule_kinds",
]

#: A gate's finding: the status and why, or ``None`` when the gate lets the event through.
Finding = tuple[ItemStatus, Text] | None


@attrs.frozen
class Cost:
    """What one designation of a rule's level costs at most, for a budget of counts.

    ``amount`` is ``None`` when a count cannot cost the rule (a re-review, a move, a key tier);
    ``is_upper_bound`` when it may be more than is paid; ``why`` says how it was costed.
    """

    amount: Money | None
    is_upper_bound: bool
    why: Text


@functools.cache
def _figure_names(locale: str) -> Mapping[str, str]:
    """The names of the ``FinancialYear`` money figures a share may read, in ``locale``.

    English names a figure by its field (``rd_super_deduction``), as policy files do; the
    catalogue gives each language's name (``研发费用加计扣除额``).
    """
    pgettext = translator(locale).pgettext
    return types.MappingProxyType(
        {
            "operating_revenue": pgettext("figure", "operating_revenue"),
            "main_business_revenue": pgettext("figure", "main_business_revenue"),
            "rd_expense": pgettext("figure", "rd_expense"),
            "total_assets": pgettext("figure", "total_assets"),
            "total_liabilities": pgettext("figure", "total_liabilities"),
            "equity_financing": pgettext("figure", "equity_financing"),
            "rd_super_deduction": pgettext("figure", "rd_super_deduction"),
            "central_funds_received": pgettext("figure", "central_funds_received"),
        }
    )


def figure_words(figure: str) -> Text:
    """A money figure's name: ``rd_super_deduction`` / ``研发费用加计扣除额``."""
    return Text.each(lambda locale: _figure_names(locale)[figure])


_R = TypeVar("_R", bound="type[Rule]")
_KINDS: dict[str, type[Rule]] = {}


def registered(cls: _R) -> _R:
    """Register a rule class under its ``kind`` word, so policy files can name it.

    Apply it outside ``@attrs.frozen`` (it must see the finished class); the word must be new.
    """
    word = cls.__dict__.get("kind")
    if not isinstance(word, str) or not word:
        raise InvalidRecordError(cls.__name__, N_("a rule kind states its kind word"))
    if str(word) in _KINDS:
        reason = Reason(N_("the rule kind is already {kind}"), kind=_KINDS[word].__name__)
        raise InvalidRecordError(word, reason)
    _KINDS[str(word)] = cls
    return cls


def rule_kinds() -> Mapping[str, type[Rule]]:
    """Every registered rule kind, by the word a policy file gives as ``kind``."""
    return types.MappingProxyType(_KINDS)


def rule_class(word: str) -> type[Rule]:
    """The rule class of a kind word.

    Raises:
        InvalidRecordError: no kind has this word; the message lists the known ones.
    """
    try:
        return _KINDS[word]
    except KeyError:
        known = ", ".join(_KINDS)
        reason = Reason(N_("a rule kind is one of {known}"), known=known)
        raise InvalidRecordError(word, reason) from None


class RuleKind(enum.StrEnum):
    """The rule kinds littlegiants ships, by their file word (a rule's ``kind`` is this word).

    A rule's kind is its class; these are the words of the bundled classes, kept so code written
    against them keeps working. A kind added later is registered with :func:`registered` and need
    not be listed here: :func:`rule_kinds` lists every one.

    >>> RuleKind.RE_REVIEW.rule_class.__name__, RuleKind.PERCENTAGE.is_award
    ('ReReviewRule', True)
    """

    DESIGNATION = "designation"
    PERCENTAGE = "percentage"
    RE_REVIEW = "re-review"
    RELOCATION = "relocation"

    @property
    def rule_class(self) -> type[Rule]:
        """The class of rules of this kind."""
        return rule_class(self.value)

    @property
    def is_award(self) -> bool:
        """Whether the rule rewards the designation itself (the tiers that combine)."""
        return self.rule_class.is_award


def _percent(value: Decimal | int | str | None) -> Decimal | None:
    """A percentage as an exact decimal (never a float)."""
    if value is None or isinstance(value, Decimal):
        return value
    number = None if isinstance(value, bool | float) else to_decimal(str(value))
    if number is None:
        raise InvalidRecordError(value, N_("a percent is a decimal number such as 10 or '12.5'"))
    return number


_NOT_REWARDED_PAYS_NOTHING: Final = N_(
    "a rule that is not rewarded pays nothing: it takes no amount (other than 0) and no percent"
)


@attrs.frozen(kw_only=True)
class Rule:
    """One reward of a policy: the base of every rule kind (use a kind's class to build one).

    Attributes:
        id: the rule's name inside the policy, e.g. ``national``.
        level: the designation level it concerns.
        amount: the amount (or the cap, for a rule paying a share of a figure).
        up_to: the source says "最高" (up to): the amount is an entitlement ceiling.
        by_region: amounts that replace ``amount`` for firms in some regions.
        percent: for a rule paying a share of a figure, the percentage of ``figure`` (1:1
            matching is 100); the amount is then a cap.
        figure: the ``FinancialYear`` money field the share is of.
        figure_year: which year's figure: the year before the event (default) or its year.
        not_rewarded: the reason the policy pays nothing for events of this rule; the item is
            not eligible with that reason instead of missing (a Shanghai firm recorded at
            provincial level, where Shanghai has no provincial tier of its own).
        quote: the source's own words.
        note: how the source was read, where it is silent.

    Class attributes say what the engine may do with a kind, never which kind it is:

    - ``kind``: the word a policy file gives;
    - ``event_kind``: the ledger's name for the events it rewards (:class:`EventKind`);
    - ``words``: those events in English and Chinese (``designation`` / ``认定``);
    - ``is_award``: it rewards the recognition itself, so it is paid once per rule, combines
      with the policy's other levels (:class:`~littlegiants.policy.Combination`), counts in a
      budget of designations and may be first-time only;
    - ``once_per_event``: one event pays one rule of the kind, the highest tier (a move);
    - ``reads_moves``: it reads moves between divisions, which a zone covering part of its
      divisions cannot tell;
    - ``implicit``: the engine made it up to answer an event the policy has no rule for.
    """

    kind: ClassVar[str]
    event_kind: ClassVar[EventKind]
    words: ClassVar[Text]
    is_award: ClassVar[bool] = False
    requires_share: ClassVar[bool] = False
    once_per_event: ClassVar[bool] = False
    reads_moves: ClassVar[bool] = False
    implicit: ClassVar[bool] = False

    id: str
    level: DesignationLevel
    amount: Money
    up_to: bool = False
    by_region: tuple[RegionAmount, ...] = ()
    percent: Decimal | None = attrs.field(default=None, converter=_percent)
    figure: str | None = None
    figure_year: FigureYear = attrs.field(default=FigureYear.PREVIOUS, converter=FigureYear)
    not_rewarded: str | None = None
    quote: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check what the file reader checks, for rules built in code too."""
        if type(self) not in _KINDS.values() and not self.implicit:
            known = ", ".join(cls.__name__ for cls in _KINDS.values())
            reason = Reason(N_("build a rule with its kind's class: {known}"), known=known)
            raise InvalidRecordError(self.id, reason)
        if self.not_rewarded is not None and (self.amount.amount or self.percent is not None):
            raise InvalidRecordError(self.id, _NOT_REWARDED_PAYS_NOTHING)
        amounts = [self.amount, *(option.amount for option in self.by_region)]
        for amount in amounts:
            if amount.currency != self.amount.currency:
                raise CurrencyMismatchError(self.amount.currency, amount.currency, "mix")
            if amount.amount < 0:
                reason = Reason(N_("rule {rule}: amounts are not negative"), rule=self.id)
                raise InvalidRecordError(amount, reason)
        shares = self.percent is not None or self.figure is not None
        if shares and (self.percent is None or self.figure not in FIGURES):
            raise InvalidRecordError(
                self.id, N_("a share of a figure needs a percent and a figure")
            )
        if self.requires_share and not shares:
            reason = Reason(N_("a {kind} rule has a percent and a figure"), kind=self.kind)
            raise InvalidRecordError(self.id, reason)

    @classmethod
    def of_kind(cls, kind: str, **fields: Any) -> Rule:  # noqa: ANN401 - the kind's own fields
        """Build a rule of the kind named ``kind`` (a file's word) from its fields.

        >>> Rule.of_kind("re-review", id="r", level="national", amount=Money(1, "CNY"))
        ReReviewRule(id='r', level=<DesignationLevel.NATIONAL: 'national'>, ...)
        """
        level = fields.get("level")
        if level is not None:
            fields["level"] = DesignationLevel.parse(level)
        return rule_class(kind)(**fields)

    # -- what the engine asks ------------------------------------------------------------------

    @property
    def key(self) -> bool:
        """Whether only key (重点) little giants are rewarded (rules about a designation only)."""
        return False

    @property
    def batches(self) -> tuple[int, ...]:
        """The MIIT batches the rule is limited to (rules about a designation only; empty: any)."""
        return ()

    @property
    def pays_a_share(self) -> bool:
        """Whether the amount is a share of a figure (``percent`` of ``figure``), capped."""
        return self.percent is not None

    @property
    def tier(self) -> tuple[int, bool]:
        """Order of rules for combination: level rank, then key above plain."""
        return (self.level.rank, self.key)

    def amount_for(self, region: Region | None) -> Money:
        """Return the amount (or cap) that applies to a firm registered in ``region``."""
        if region is not None:
            for option in self.by_region:
                if any(region.within(area) for area in option.regions):
                    return option.amount
        return self.amount

    @property
    def highest_amount(self) -> Money:
        """The largest amount this rule can pay, across its regional amounts."""
        return max([self.amount, *(option.amount for option in self.by_region)])

    def events(self, firm: Enterprise, as_of: date | None) -> Iterable[Event]:
        """The events of the firm's history that trigger this rule, on or before ``as_of``."""
        raise NotImplementedError

    def check(self, firm: Enterprise, event: Event, covers: Callable[[Region], bool]) -> Finding:
        """The rule's own gates, once the event is in the period and the jurisdiction.

        ``covers`` says whether a region lies in the policy's jurisdiction. Each kind adds its
        gates after its base's; the first finding decides. A rule the policy does not reward is
        not eligible with the policy's reason.
        """
        del firm, event, covers
        if self.not_rewarded is None:
            return None
        # The English is the policy file's own reason; other languages say what it is about.
        said = Text.of(
            N_("the policy does not reward a {level} {event}"),
            level=level_words(self.level),
            event=self.words,
        )
        return ItemStatus.NOT_ELIGIBLE, attrs.evolve(said, en=self.not_rewarded)

    def entitlement(
        self, firm: Enterprise, event: Event, region: Region | None
    ) -> tuple[Money | None, Text | None]:
        """What the rule grants for the event: the amount, or the capped share of a figure.

        The share is rounded half-up to the minor unit, the one named rounding point of the
        engine. ``None`` (with why) when the figure is unknown: never zero.
        """
        cap = self.amount_for(region)
        if self.percent is None or self.figure is None:
            return cap, None
        year = self.figure_year.of(event.on)
        figures = firm.financial_year(year)
        value = None if figures is None else getattr(figures, self.figure)
        figure = figure_words(self.figure)
        if value is None:
            return None, Text.of(N_("{figure} for {year} is unknown"), figure=figure, year=year)
        if not isinstance(value, Money):
            reason = Reason(N_("{figure} is not an amount of money"), figure=self.figure)
            raise InvalidRecordError(value, reason)
        share = (value * self.percent.scaleb(-2, context=EXACT)).round()
        # The percent sign goes with the number: a "%" in a message reads as a %-format.
        fields = {"percent": f"{self.percent}%", "figure": figure, "year": year}
        if share > cap:
            return cap, Text.of(
                N_("{percent} of {figure} {year} ({value}) is {share}, capped"),
                **fields,
                value=money_words(value),
                share=money_words(share),
            )
        return share, Text.of(
            N_("{percent} of {figure} {year} ({value})"), **fields, value=money_words(value)
        )

    def cost_per_designation(self) -> Cost:
        """What one designation of the rule's level costs at most (a budget of counts).

        A count of designations gives no other event, so only awards are costed; this kind's
        line says it is not counted.
        """
        return Cost(
            None,
            is_upper_bound=False,
            why=Text.of(
                N_(
                    "a count of designations does not give the events of a {kind} rule: not counted"
                ),
                # English names the rule's kind, other languages the events it rewards.
                kind=attrs.evolve(self.words, en=self.kind),
            ),
        )

    # -- explanation ---------------------------------------------------------------------------

    @property
    def share_words(self) -> Text:
        """The share of a figure the rule pays, in words (empty for a fixed amount).

        >>> PercentageRule(id="n", level=DesignationLevel.NATIONAL, amount=Money(1, "CNY"),
        ...                percent=Decimal("10"), figure="rd_super_deduction").share_words.zh
        '上年度研发费用加计扣除额的10%'
        """
        if self.percent is None or self.figure is None:
            return Text("", "")
        figure = figure_words(self.figure)
        if self.figure_year is FigureYear.PREVIOUS:
            return Text.of(
                N_("{percent} of {figure} (previous year)"),
                percent=f"{self.percent}%",
                figure=figure,
            )
        return Text.of(
            N_("{percent} of {figure} (year of the event)"),
            percent=f"{self.percent}%",
            figure=figure,
        )

    def terms(self, *, locale: str) -> str:
        """What the rule pays and on which terms, in the language of ``locale``.

        >>> share = PercentageRule(id="n", level=DesignationLevel.NATIONAL,
        ...                        amount=Money("1000000", "CNY"), percent=Decimal("10"),
        ...                        figure="rd_super_deduction", first_time=True)
        >>> share.terms(locale="en_US")
        '10% of rd_super_deduction (previous year), at most CN¥1,000,000.00; first-time ...'
        >>> share.terms(locale="zh_CN")
        '上年度研发费用加计扣除额的10%，最高¥1,000,000.00；仅限首次认定'
        """
        return translator(locale).gettext("; ").join(self._terms(locale))

    def explain(self, *, locale: str = "en_US") -> str:
        """The rule in one line: the event it rewards and its terms, in English or Chinese.

        Every word is in the locale's language: the Chinese names the level, the event, the
        figure a share is of and the regions by code, and says a rule the policy does not reward
        is not rewarded (the policy file's reason is in English, so it is left out).

        >>> rule = DesignationRule(id="provincial-recorded", level=DesignationLevel.PROVINCIAL,
        ...                        amount=Money(0, "CNY"), not_rewarded="Record it as municipal.")
        >>> rule.explain(locale="en_US"), rule.explain(locale="zh_CN")
        ('provincial designation: not rewarded: Record it as municipal.', '省级认定：不予奖励')
        """
        _ = translator(locale).gettext
        event = self.event_words.speak(locale)
        if self.not_rewarded is not None:
            # Only English gives the file's reason: the file writes it in English.
            return _("{event}: not rewarded: {reason}").format(
                event=event, reason=self.not_rewarded
            )
        return _("{event}: {terms}").format(event=event, terms=self.terms(locale=locale))

    @property
    def event_words(self) -> Text:
        """The event the rule rewards, with its level: ``national designation`` / ``国家级认定``."""
        level = level_words(self.level)
        if self.key:
            return Text.of(N_("key {level} {event}"), level=level, event=self.words)
        return Text.of(N_("{level} {event}"), level=level, event=self.words)

    def _terms(self, locale: str) -> Iterator[str]:
        """The parts of :meth:`terms`; each kind adds its own after its base's."""
        _ = translator(locale).gettext
        if self.not_rewarded is not None:
            yield _("not rewarded (the reason is below)")
            return
        amount = format_money(self.amount, locale=locale)
        if self.percent is not None:
            share = self.share_words.speak(locale)
            yield _("{share}, at most {amount}").format(share=share, amount=amount)
        else:
            yield _("up to {amount}").format(amount=amount) if self.up_to else amount
        for option in self.by_region:
            codes = listing(region.code for region in option.regions).speak(locale)
            label = "" if not option.label else _("{label}: ").format(label=option.label)
            yield _("{label}{amount} in {codes}").format(
                label=label, amount=format_money(option.amount, locale=locale), codes=codes
            )

    # -- reading a policy file -----------------------------------------------------------------

    @classmethod
    def file_keys(cls) -> frozenset[str]:
        """The keys a ``[[rules]]`` table of this kind may have: ``id``, ``kind`` and its fields."""
        return frozenset({"kind", *(field.name for field in attrs.fields(cls))})

    @classmethod
    def from_table(cls, reader: RuleReader, table: dict[str, Any]) -> Rule:
        """Read a rule of this kind from a policy file's ``[[rules]]`` table.

        The reader has refused keys the kind does not take; each kind reads its own fields
        (:meth:`read_fields`) and the class checks them again when built.
        """
        return cls(**cls.read_fields(reader, table))

    @classmethod
    def read_fields(cls, reader: RuleReader, table: dict[str, Any]) -> dict[str, Any]:
        """The fields of the base, read and checked with located errors; kinds add theirs."""
        fields: dict[str, Any] = {"id": reader.identifier(table), "level": reader.level(table)}
        not_rewarded = reader.text(table, "not_rewarded")
        if not_rewarded is None:
            fields["amount"] = reader.money(table, "amount")
        else:
            for name in ("amount", "percent", "up_to"):
                if name in table:
                    reader.refuse(name, table[name], _NOT_REWARDED_PAYS_NOTHING)
            fields["amount"] = Money.zero(reader.currency)
        return {
            **fields,
            **reader.share(table, required=cls.requires_share),
            "up_to": reader.flag(table, "up_to"),
            "by_region": reader.region_amounts(table),
            "not_rewarded": not_rewarded,
            "quote": reader.text(table, "quote"),
            "note": reader.text(table, "note"),
        }


class RuleReader(Protocol):
    """What a rule kind reads a ``[[rules]]`` table with: typed, located access to its keys.

    The policy-file reader (:mod:`littlegiants.policy.reader`) gives each kind one, bound to the
    table's key path, so a kind's :meth:`Rule.read_fields` names keys, never lines.
    """

    @property
    def currency(self) -> str:
        """The policy's currency."""
        ...

    def text(self, table: dict[str, Any], key: str) -> str | None:
        """An optional string."""
        ...

    def flag(self, table: dict[str, Any], key: str) -> bool:
        """An optional true/false, false when absent."""
        ...

    def day(self, table: dict[str, Any], key: str) -> date | None:
        """An optional TOML date."""
        ...

    def money(self, table: dict[str, Any], key: str) -> Money:
        """A required quoted amount in the policy's currency."""
        ...

    def identifier(self, table: dict[str, Any]) -> str:
        """The rule's id."""
        ...

    def level(self, table: dict[str, Any]) -> DesignationLevel:
        """The rule's designation level."""
        ...

    def batches(self, table: dict[str, Any]) -> tuple[int, ...]:
        """An optional list of MIIT batch numbers."""
        ...

    def region_amounts(self, table: dict[str, Any]) -> tuple[RegionAmount, ...]:
        """The optional ``by_region`` amounts."""
        ...

    def share(self, table: dict[str, Any], *, required: bool) -> dict[str, Any]:
        """``percent``, ``figure`` and ``figure_year`` (all three, or none when not required)."""
        ...

    def refuse(self, key: str, value: object, reason: str) -> NoReturn:
        """Raise the located error for ``value`` at ``key``."""
        ...


@attrs.frozen(kw_only=True)
class DesignationBasedRule(Rule):
    """A rule about one designation of the firm (its award or its re-review): a base of kinds.

    Attributes:
        key: only for key (重点) little giants; a tier above the plain national one.
        batches: MIIT batches the rule is limited to (empty: any).
        designated_from, designated_before: the award dates the rule is limited to: from
            ``designated_from`` (included) and before ``designated_before`` (excluded). Huangpu
            lets little giants announced before October 2022 claim the recognition reward on
            their re-review.
    """

    key: bool = False
    batches: tuple[int, ...] = ()
    designated_from: date | None = None
    designated_before: date | None = None

    def __attrs_post_init__(self) -> None:
        """Key tiers are national; a window ends after it starts."""
        super().__attrs_post_init__()
        if self.key and self.level is not DesignationLevel.NATIONAL:
            raise InvalidRecordError(self.id, N_("only national (little giant) rules can be key"))
        start, before = self.designated_from, self.designated_before
        if start is not None and before is not None and before <= start:
            reason = Reason(N_("designated_before must come after {day}"), day=start)
            raise InvalidRecordError(before, reason)

    def check(self, firm: Enterprise, event: Event, covers: Callable[[Region], bool]) -> Finding:
        """Then: a key tier needs a key little giant, a batch rule its batch, a window its dates."""
        found = super().check(firm, event, covers)
        designation = event.designation
        if found is not None or designation is None:
            return found
        if self.key and not designation.key:
            return ItemStatus.NOT_ELIGIBLE, Text.of(N_("not a key (重点) little giant"))
        if self.batches:
            if designation.batch is None:
                return ItemStatus.MISSING_DATA, Text.of(N_("the MIIT batch is unknown"))
            if designation.batch not in self.batches:
                return ItemStatus.NOT_ELIGIBLE, Text.of(
                    N_("batch {batch} is not covered"), batch=designation.batch
                )
        awarded = designation.awarded_on
        if self.designated_from is not None and awarded < self.designated_from:
            message, day = (
                N_("designated on {on}; this rule is for designations from {day}"),
                (self.designated_from),
            )
        elif self.designated_before is not None and awarded >= self.designated_before:
            message, day = (
                N_("designated on {on}; this rule is for designations before {day}"),
                (self.designated_before),
            )
        else:
            return None
        return ItemStatus.NOT_ELIGIBLE, Text.of(message, on=awarded, day=day)

    def _limits(self) -> Iterator[Text]:
        """What limits the designations the rule pays, which a count of designations ignores."""
        if self.batches:
            yield Text.of(N_("batches {numbers} only"), numbers=listing(self.batches))
        if self.designated_from is not None:
            yield Text.of(N_("designations from {day} only"), day=self.designated_from)
        if self.designated_before is not None:
            yield Text.of(N_("designations before {day} only"), day=self.designated_before)

    def _terms(self, locale: str) -> Iterator[str]:
        yield from super()._terms(locale)
        _ = translator(locale).gettext
        if self.batches:
            yield Text.of(N_("batches {numbers} only"), numbers=listing(self.batches)).speak(locale)
        if self.key:
            yield _("key (重点) little giants only")
        if self.designated_from is not None:
            yield _("designations from {day}").format(day=self.designated_from)
        if self.designated_before is not None:
            yield _("designations before {day}").format(day=self.designated_before)

    @classmethod
    def read_fields(cls, reader: RuleReader, table: dict[str, Any]) -> dict[str, Any]:
        """Then the key tier, the batches and the window of award dates."""
        fields = super().read_fields(reader, table)
        key = reader.flag(table, "key")
        if key and fields["level"] is not DesignationLevel.NATIONAL:
            reader.refuse("key", key, N_("only national (little giant) rules can be for key firms"))
        start = reader.day(table, "designated_from")
        before = reader.day(table, "designated_before")
        if start is not None and before is not None and before <= start:
            reader.refuse(
                "designated_before", before, Reason(N_("expected a date after {day}"), day=start)
            )
        return {
            **fields,
            "key": key,
            "batches": reader.batches(table),
            "designated_from": start,
            "designated_before": before,
        }


@attrs.frozen(kw_only=True)
class AwardRule(DesignationBasedRule):
    """A rule rewarding the recognition itself, once, when the designation is awarded: a base.

    Attributes:
        first_time: only a first recognition at the level pays (首次认定, 年度首次认定): a
            designation after an earlier one of the same level is not eligible.
    """

    event_kind: ClassVar[EventKind] = EventKind.DESIGNATION
    words: ClassVar[Text] = Text.of(N_("designation"))
    is_award: ClassVar[bool] = True

    first_time: bool = False

    def events(self, firm: Enterprise, as_of: date | None) -> Iterable[Event]:
        """Each award of a designation of the rule's level."""
        level = self.level
        return [
            Event(EventKind.DESIGNATION, designation.awarded_on, designation)
            for designation in firm.designations
            if designation.level is level and (as_of is None or designation.awarded_on <= as_of)
        ]

    def check(self, firm: Enterprise, event: Event, covers: Callable[[Region], bool]) -> Finding:
        """Then: a first-time rule pays no designation an earlier one of its level precedes.

        The whole history counts, inside the effective period or not: a firm recognised in 2022
        and again in 2026 is not recognised for the first time in 2026.
        """
        found = super().check(firm, event, covers)
        designation = event.designation
        if found is not None or not self.first_time or designation is None:
            return found
        earlier = [
            held.awarded_on
            for held in firm.designations
            if held.level is designation.level and held.awarded_on < designation.awarded_on
        ]
        if not earlier:
            return None
        return ItemStatus.NOT_ELIGIBLE, Text.of(
            N_("first-time recognition only (首次认定): an earlier {level} designation on {on}"),
            level=level_words(designation.level),
            on=min(earlier),
        )

    def _limits(self) -> Iterator[Text]:
        yield from super()._limits()
        if self.first_time:
            yield Text.of(N_("first recognitions only"))

    def cost_per_designation(self) -> Cost:
        """Its amount, or its cap for a share of a figure, at the highest regional amount.

        It is an upper bound when the amount is a ceiling (最高), a cap, the highest of several
        regional amounts, or limited in a way a count cannot check (batches, award dates, first
        recognitions): each reason is stated. A key tier is not counted: a count of designations
        does not say which firms are key little giants.
        """
        if self.not_rewarded is not None:
            zero = Money.zero(self.amount.currency)
            return Cost(zero, is_upper_bound=False, why=Text.of(N_("not rewarded")))
        if self.key:
            return Cost(
                None,
                is_upper_bound=False,
                why=Text.of(
                    N_("a count of designations does not say which are key (重点): not counted")
                ),
            )
        reasons: list[Text] = []
        if self.percent is not None:
            share = self.share_words
            reasons.append(
                Text.of(N_("{share}: a count gives no figure, so the cap is counted"), share=share)
            )
        elif self.up_to:
            reasons.append(Text.of(N_("up to (最高)")))
        if any(option.amount != self.highest_amount for option in self.by_region) or (
            self.by_region and self.amount != self.highest_amount
        ):
            reasons.append(Text.of(N_("the highest regional amount")))
        reasons.extend(
            Text.of(N_("{limit}, counted for every firm"), limit=limit) for limit in self._limits()
        )
        if not reasons:
            return Cost(self.amount, is_upper_bound=False, why=Text.of(N_("the amount")))
        why = reasons[0]
        for reason in reasons[1:]:
            why = why + reason
        return Cost(self.highest_amount, is_upper_bound=True, why=why)

    def _terms(self, locale: str) -> Iterator[str]:
        yield from super()._terms(locale)
        if self.first_time:
            yield translator(locale).gettext("first-time recognition only")

    @classmethod
    def read_fields(cls, reader: RuleReader, table: dict[str, Any]) -> dict[str, Any]:
        """Then whether only a first recognition pays."""
        fields = super().read_fields(reader, table)
        return {**fields, "first_time": reader.flag(table, "first_time")}


@registered
@attrs.frozen(kw_only=True)
class DesignationRule(AwardRule):
    """A one-off reward when a designation of the rule's level is awarded in the period.

    Shenzhen pays up to 500,000 yuan for a national designation (深府〔2022〕31号); Jing'an
    matches a key little giant's central funds 1:1, a designation rule paying a share.
    """

    kind: ClassVar[str] = RuleKind.DESIGNATION


@registered
@attrs.frozen(kw_only=True)
class PercentageRule(AwardRule):
    """A designation reward that is always a share of a financial figure, capped at ``amount``.

    Pudong pays 10% of last year's R&D super-deduction, at most 1,000,000 yuan for a national
    little giant (domain-facts §3.2).
    """

    kind: ClassVar[str] = RuleKind.PERCENTAGE
    requires_share: ClassVar[bool] = True


@registered
@attrs.frozen(kw_only=True)
class ReReviewRule(DesignationBasedRule):
    """A reward when a designation of the rule's level passes its re-review (复核).

    Huangpu pays a national little giant 200,000 yuan on re-review; Jing'an pays municipal and
    national re-reviews (domain audit §5a). Each passed re-review is an event.
    """

    kind: ClassVar[str] = RuleKind.RE_REVIEW
    event_kind: ClassVar[EventKind] = EventKind.RE_REVIEW
    words: ClassVar[Text] = Text.of(N_("re-review passed"))

    def events(self, firm: Enterprise, as_of: date | None) -> Iterable[Event]:
        """Each passed re-review of a designation of the rule's level."""
        for designation in firm.designations:
            if designation.level is not self.level:
                continue
            for review in designation.re_reviews:
                if review.passed and (as_of is None or review.on <= as_of):
                    yield Event(EventKind.RE_REVIEW, review.on, designation)


@registered
@attrs.frozen(kw_only=True)
class RelocationRule(Rule):
    """A reward for a firm holding the rule's level that moves into the jurisdiction.

    Guangzhou pays a little giant relocating into the city 1,000,000 yuan (穗府办规〔2022〕4号).
    A move is rewarded once, by the rule of the highest level the firm holds (Jing'an: up to 30万
    for a Shanghai 专精特新 firm, up to 60万 for a little giant, not both).
    """

    kind: ClassVar[str] = RuleKind.RELOCATION
    event_kind: ClassVar[EventKind] = EventKind.RELOCATION
    words: ClassVar[Text] = Text.of(N_("relocation into the jurisdiction"))
    once_per_event: ClassVar[bool] = True
    reads_moves: ClassVar[bool] = True

    def events(self, firm: Enterprise, as_of: date | None) -> Iterable[Event]:
        """Each move of the firm's registered seat."""
        for move in firm.relocations:
            if as_of is None or move.on <= as_of:
                yield Event(EventKind.RELOCATION, move.on, relocation=move)

    def check(self, firm: Enterprise, event: Event, covers: Callable[[Region], bool]) -> Finding:
        """Then: a move from outside the jurisdiction, holding the level on the day of the move."""
        found = super().check(firm, event, covers)
        move = event.relocation
        if found is not None or move is None:
            return found
        if move.from_region is None:
            return ItemStatus.MISSING_DATA, Text.of(N_("the region moved from is unknown"))
        if covers(move.from_region):
            return ItemStatus.NOT_ELIGIBLE, Text.of(N_("a move within the jurisdiction"))
        held = firm.level_on(event.on)
        if held is None or held < self.level:
            return ItemStatus.NOT_ELIGIBLE, Text.of(
                N_("no valid {level} designation held"), level=level_words(self.level)
            )
        return None


@attrs.frozen(kw_only=True)
class NoRule(DesignationRule):
    """What the engine answers a designation with when its policy has no rule for the level.

    A firm recorded at a level a policy does not reward gets a not-eligible item saying so, never
    no item (a Shanghai district policy and a designation recorded as provincial). It is made up
    by the engine, never read from a file, and reads no parameter.
    """

    implicit: ClassVar[bool] = True

    @classmethod
    def answering(cls, level: DesignationLevel, currency: str) -> NoRule:
        """The rule answering a designation of ``level`` under a policy in ``currency``."""
        return cls(
            id=f"no-{level.value}-rule",
            level=level,
            amount=Money.zero(currency),
            not_rewarded=f"the policy has no rule rewarding a {level.value} designation",
        )
