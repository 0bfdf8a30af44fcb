"""The tests a criterion can name, each a :class:`Check` subclass, and what they read.

A check decides one test for one firm (:meth:`Check.evaluate`, reading a :class:`Context`: the firm,
its profile, the assessment date, the purpose, the scores), and says what it compares with
(:meth:`Check.threshold`) and what it asks in English or Chinese (:meth:`Check.describe`). It
also reads itself from a criteria file (:meth:`Check.from_table`); :data:`CHECKS` lists the kinds
by the name files give them. Every comparison is exact: shares and growth rates are ``Fraction``s,
never floats.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from littlegiants._exact import DIVISION
from littlegiants.designation import DesignationLevel
from littlegiants.eligibility import _words as words
from littlegiants.eligibility.model import Phrase, Purpose, Verdict, gettext_in, pgettext_in
from littlegiants.eligibility.results import Figure, Score, Threshold, figure, figures_of
from littlegiants.errors import CurrencyMismatchError, InvalidRecordError, Reason
from littlegiants.financials import ProductField, Profile
from littlegiants.money import Money
from littlegiants.translations import N_

if TYPE_CHECKING:
    from datetime import date

    from littlegiants.eligibility._toml import CheckTable
    from littlegiants.eligibility.model import Language
    from littlegiants.enterprise import Enterprise

__all__ = [
    "CHECKS",
    "RATIOS",
    "AwardCheck",
    "Check",
    "ChuangkeCheck",
    "Context",
    "DesignationHeld",
    "FigureMinimum",
    "HonourCheck",
    "InstitutionLevelCheck",
    "MeanGrowthCheck",
    "Outcome",
    "ProductFieldCheck",
    "ProfileFlag",
    "ProfileMinimum",
    "RatioCheck",
    "ScoreCheck",
    "SuppliedScoreCheck",
    "TotalCheck",
]

#: The Profile counts and shares a ``profile-minimum`` test may name, and their kind.
MINIMUM_FIELDS: Final = {
    "years_in_niche": int,
    "information_systems": int,
    "class1_ip_count": int,
    "class2_ip_count": int,
    "national_market_share": Decimal,
}
#: The Profile yes/no facts a ``profile-flag`` test may name.
FLAG_FIELDS: Final = frozenset(
    {
        "own_brand",
        "supply_chain_role",
        "rd_institution",
        "management_certification",
        "product_certification_developed_market",
        "high_value_class1_ip",
        "self_developed_class1_ip",
        "independent_legal_person",
        "sme_by_size_rules",
        "abnormal_operations_listed",
        "single_champion",
        "little_giant_control",
        "little_giant_group_peer",
    }
)
#: The money fields of a FinancialYear that tests (and revenue bands) may name.
MONEY_FIGURES: Final = frozenset(
    {
        "operating_revenue",
        "main_business_revenue",
        "rd_expense",
        "total_assets",
        "total_liabilities",
        "equity_financing",
    }
)
#: The levels of a designation or an R&D institution.
LEVELS: Final = frozenset({"national", "provincial", "municipal"})
#: The levels of a science and technology award.
AWARD_LEVELS: Final = frozenset({"national", "provincial"})


class Context:
    """What a check reads: the firm, its profile, the date, the purpose, the scores."""

    def __init__(
        self,
        enterprise: Enterprise,
        *,
        as_of: date,
        purpose: Purpose,
        supplied_score: Decimal | int | None,
    ) -> None:
        """Read the firm for one assessment dated ``as_of``; ``score`` is set once computed."""
        self.enterprise = enterprise
        self.profile = enterprise.profile or Profile()
        self.as_of = as_of
        self.last_year = as_of.year - 1
        self.purpose = purpose
        self.supplied_score = supplied_score
        self.score: Score | None = None

    def years(self, count: int) -> range:
        """The ``count`` calendar years before the assessment date, earliest first."""
        return range(self.last_year - count + 1, self.last_year + 1)

    def money(self, name: str, year: int) -> Money | None:
        """A money figure of a financial year (``None`` when unknown)."""
        figures = self.enterprise.financial_year(year)
        value: Money | None = None if figures is None else getattr(figures, name)
        return value

    def number(self, name: str, year: int) -> Money | int | None:
        """A money figure or a count of a financial year (``None`` when unknown)."""
        figures = self.enterprise.financial_year(year)
        value: Money | int | None = None if figures is None else getattr(figures, name)
        return value


@attrs.frozen
class Outcome:
    """What a check decided for one firm: the verdict, the figures it read, why it is unknown."""

    verdict: Verdict
    figures: tuple[Figure, ...] = ()
    note: Phrase | None = None


@attrs.frozen
class Check:
    """A single test of a criterion; the subclasses are the tests the rule data can name.

    A kind of test owns everything about it: its fields, how a criteria file states it
    (:attr:`kind`, the ``test = "..."`` name; :attr:`keys`, the keys its table may hold beside the
    criterion's common ones; :meth:`from_table`, reading and checking them), how it decides a firm
    (:meth:`evaluate`), its :meth:`threshold`, and its :meth:`describe` in each language. Adding a
    kind is one subclass listed in :data:`CHECKS`, its line in the file format's docs, and its
    tests.
    """

    #: The name criteria files give the test (``test = "ratio"``).
    kind: ClassVar[str]
    #: The keys the test's table may hold beside the criterion's common keys.
    keys: ClassVar[frozenset[str]]

    @classmethod
    def from_table(cls, t: CheckTable) -> Check:
        """Read the test from its criterion's table in a criteria file.

        Raises:
            CriteriaFileError: a key is missing or holds a bad value (with file, line and key).
        """
        raise NotImplementedError

    def evaluate(self, context: Context) -> Outcome:
        """Decide the test for one firm."""
        raise NotImplementedError

    def threshold(self) -> Threshold | None:
        """The threshold compared with."""
        raise NotImplementedError

    def describe(self, language: Language, last_year: int | None) -> str:
        """What the test asks, with the years it reads (generic when ``last_year`` is None)."""
        raise NotImplementedError


@attrs.frozen
class ProfileMinimum(Check):
    """A Profile fact of at least a number: years in the niche, IP rights, market share."""

    kind: ClassVar[str] = "profile-minimum"
    keys: ClassVar[frozenset[str]] = frozenset({"field", "at_least"})

    field: str
    at_least: Decimal | int

    @classmethod
    def from_table(cls, t: CheckTable) -> ProfileMinimum:
        """``field`` (a count or a share of the Profile) and ``at_least`` (a count or "n%")."""
        field = t.choice("field", MINIMUM_FIELDS)
        if MINIMUM_FIELDS[field] is Decimal:
            t.require("at_least")
            return cls(field, t.percent("at_least"))
        return cls(field, t.integer("at_least", minimum=0))

    def evaluate(self, context: Context) -> Outcome:
        """PASS at or above the minimum; UNKNOWN when the fact is unknown."""
        value: Decimal | int | None = getattr(context.profile, self.field)
        figures = figures_of(self.field, value)
        if value is None:
            return Outcome(Verdict.UNKNOWN, figures, words.unknown_fact(self.field))
        return Outcome(Verdict.of(value >= self.at_least), figures)

    def threshold(self) -> Threshold:
        """At least the minimum."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``years in the niche ≥ 3``."""
        del last_year
        return (
            f"{words.FIGURE_NAMES[self.field].pick(language)} ≥ {words.value_text(self.at_least)}"
        )


@attrs.frozen
class ProfileFlag(Check):
    """A Profile fact that must be true (an own brand), or false (the abnormal-operations list)."""

    kind: ClassVar[str] = "profile-flag"
    keys: ClassVar[frozenset[str]] = frozenset({"field", "expected"})

    field: str
    expected: bool = attrs.field(default=True, kw_only=True)

    @classmethod
    def from_table(cls, t: CheckTable) -> ProfileFlag:
        """``field`` (a yes/no fact of the Profile) and ``expected`` (true when left out)."""
        field = t.choice("field", FLAG_FIELDS)
        expected = t.get("expected", True)
        if not isinstance(expected, bool):
            raise t.fail("expected", expected, N_("expected true or false"))
        return cls(field, expected=expected)

    def evaluate(self, context: Context) -> Outcome:
        """PASS when the fact is as expected, FAIL when not, UNKNOWN when unknown."""
        value: bool | None = getattr(context.profile, self.field)
        figures = figures_of(self.field, value)
        note = words.unknown_fact(self.field) if value is None else None
        return Outcome(Verdict.of(None if value is None else value is self.expected), figures, note)

    def threshold(self) -> Threshold:
        """The fact is as expected."""
        return Threshold("is", value=self.expected)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``own brand: yes``; ``on the abnormal-operations list: no``."""
        del last_year
        _ = gettext_in(language)
        return _("{label}: {value}").format(
            label=words.FIGURE_NAMES[self.field].pick(language),
            value=_("yes") if self.expected else _("no"),
        )


@attrs.frozen
class ProductFieldCheck(Check):
    """The main product's field is one of those listed.

    ``ProductField.OTHER`` ("none of the above") fails; a field that is not listed but may overlap
    a listed one (``STRATEGIC_EMERGING``) is UNKNOWN.
    """

    kind: ClassVar[str] = "product-field"
    keys: ClassVar[frozenset[str]] = frozenset({"values"})

    values: tuple[ProductField, ...]

    @classmethod
    def from_table(cls, t: CheckTable) -> ProductFieldCheck:
        """``values``: the ProductField values listed."""
        values = t.strings("values")
        fields = tuple(
            t.convert(("values", i), value, ProductField, N_("a ProductField value"))
            for i, value in enumerate(values)
        )
        if not fields:
            raise t.fail("values", values, N_("expected at least one field"))
        return cls(fields)

    def evaluate(self, context: Context) -> Outcome:
        """PASS for a listed field, FAIL for OTHER, UNKNOWN otherwise."""
        value = context.profile.main_product_field
        figures = figures_of("main_product_field", value)
        if value is None:
            return Outcome(Verdict.UNKNOWN, figures, words.unknown_fact("main_product_field"))
        if value in self.values:
            return Outcome(Verdict.PASS, figures)
        if value is ProductField.OTHER:
            return Outcome(Verdict.FAIL, figures)
        note = Phrase.of(
            N_(
                "the field recorded ({field}) may overlap a listed one; record the listed field "
                "the product belongs to"
            ),
            # English names the field by its value, as files write it.
            field=attrs.evolve(words.FIELD_NAMES[value], en=value.value),
        )
        return Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """One of the listed fields."""
        return Threshold("one_of", tuple(value.value for value in self.values))

    def describe(self, language: Language, last_year: int | None) -> str:
        """``main-product field one of: ...``."""
        del last_year
        _, pgettext = gettext_in(language), pgettext_in(language)
        names = (words.FIELD_NAMES[value].pick(language) for value in self.values)
        return _("main-product field one of: {names}").format(
            names=pgettext("list", ", ").join(names)
        )


@attrs.frozen
class InstitutionLevelCheck(Check):
    """An R&D institution recognised at one of the listed levels."""

    kind: ClassVar[str] = "institution-level"
    keys: ClassVar[frozenset[str]] = frozenset({"levels"})

    levels: tuple[str, ...]

    @classmethod
    def from_table(cls, t: CheckTable) -> InstitutionLevelCheck:
        """``levels``: national, provincial or municipal."""
        return cls(_levels(t, LEVELS))

    def evaluate(self, context: Context) -> Outcome:
        """PASS at a listed level; FAIL with no institution or at another level."""
        has = context.profile.rd_institution
        level = context.profile.rd_institution_level
        figures = (figure("rd_institution", has), figure("rd_institution_level", level))
        if has is False:
            return Outcome(Verdict.FAIL, figures)
        if level is not None:
            return Outcome(Verdict.of(level in self.levels), figures)
        return Outcome(Verdict.UNKNOWN, figures, words.unknown_fact("rd_institution_level"))

    def threshold(self) -> Threshold:
        """One of the listed levels."""
        return Threshold("one_of", self.levels)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``R&D institution recognised at national or provincial level``."""
        del last_year
        _ = gettext_in(language)
        return _("R&D institution recognised at {levels} level").format(
            levels=words.levels_text(self.levels, language)
        )


@attrs.frozen
class AwardCheck(Check):
    """A science and technology award of a listed level in the last ``years`` years."""

    kind: ClassVar[str] = "award"
    keys: ClassVar[frozenset[str]] = frozenset({"years", "levels", "top"})

    years: int
    levels: tuple[str, ...]
    top: int | None = None

    @classmethod
    def from_table(cls, t: CheckTable) -> AwardCheck:
        """``years``, ``levels`` (national, provincial) and an optional ``top`` rank."""
        top = t.integer("top") if t.has("top") else None
        return cls(t.integer("years"), _levels(t, AWARD_LEVELS), top)

    def evaluate(self, context: Context) -> Outcome:
        """PASS when a recorded award matches; UNKNOWN when awards are unknown."""
        awards = context.profile.science_awards
        if awards is None:
            figures = figures_of("science_awards", None)
            return Outcome(Verdict.UNKNOWN, figures, words.unknown_fact("science_awards"))
        window = context.years(self.years)
        recorded = tuple(sorted(awards, key=lambda a: (a.year, a.level, a.rank)))
        matched = any(
            award.year in window
            and award.level in self.levels
            and (self.top is None or award.rank <= self.top)
            for award in recorded
        )
        return Outcome(Verdict.of(matched), (Figure("science_awards", recorded),))

    def threshold(self) -> Threshold:
        """Ranked at most ``top``, or of a listed level."""
        if self.top is not None:
            return Threshold("at_most", self.top)
        return Threshold("one_of", self.levels)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``national science and technology award in 2022–2024, ranked top 3``."""
        _ = gettext_in(language)
        rank = "" if self.top is None else _(", ranked top {top}").format(top=self.top)
        return _("{levels} science and technology award in {window}{rank}").format(
            levels=words.levels_text(self.levels, language),
            window=words.window(self.years, last_year, language),
            rank=rank,
        )


@attrs.frozen
class ChuangkeCheck(Check):
    """A 创客中国 placing in the top ``top`` in the last ``years`` years.

    ``unresolved_top`` marks a group whose standing the sources leave open: the little-giant
    criteria (附件3) are believed to say 50强 while most mirrors say 500强 (domain audit
    2026-12, §3), so a place in the 500强 but not the 50强 is UNKNOWN, with the reason.
    """

    kind: ClassVar[str] = "chuangke"
    keys: ClassVar[frozenset[str]] = frozenset({"years", "top", "unresolved_top"})

    years: int
    top: int
    unresolved_top: int | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def from_table(cls, t: CheckTable) -> ChuangkeCheck:
        """``years``, ``top`` and an optional wider ``unresolved_top``."""
        top = t.integer("top")
        wider = None
        if t.has("unresolved_top"):
            wider = t.integer("unresolved_top")
            if wider <= top:
                reason = Reason(N_("expected a group wider than {top}"), top=top)
                raise t.fail("unresolved_top", wider, reason)
        return cls(t.integer("years"), top, unresolved_top=wider)

    def evaluate(self, context: Context) -> Outcome:
        """PASS when a placing is in the group; UNKNOWN when placings are unknown or unresolved."""
        placings = context.profile.chuangke_placings
        if placings is None:
            figures = figures_of("chuangke_placings", None)
            return Outcome(Verdict.UNKNOWN, figures, words.unknown_fact("chuangke_placings"))
        window = context.years(self.years)
        recorded = tuple(sorted(placings, key=lambda p: (p.year, p.top)))
        figures = (Figure("chuangke_placings", recorded),)
        tops = [p.top for p in recorded if p.year in window]
        if any(top <= self.top for top in tops):
            return Outcome(Verdict.PASS, figures)
        wider = self.unresolved_top
        if wider is not None and any(top <= wider for top in tops):
            note = Phrase.of(
                N_(
                    "a {wider}强 place that is not a {top}强 place: which group the criteria "
                    "require ({top}强 or {wider}强) is unresolved in the sources"
                ),
                wider=wider,
                top=self.top,
            )
            return Outcome(Verdict.UNKNOWN, figures, note)
        return Outcome(Verdict.FAIL, figures)

    def threshold(self) -> Threshold:
        """A group no larger than ``top``."""
        return Threshold("at_most", self.top)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``创客中国 500强 in 2022–2024``."""
        _ = gettext_in(language)
        wider = self.unresolved_top
        unresolved = (
            "" if wider is None else _("; a {wider}强 place is unresolved").format(wider=wider)
        )
        return _("创客中国 {top}强 (top {top}) in {window}{unresolved}").format(
            top=self.top,
            window=words.window(self.years, last_year, language),
            unresolved=unresolved,
        )


@attrs.frozen
class DesignationHeld(Check):
    """The firm already holds a designation of ``level`` or higher on the assessment date.

    The annual notices let 省级专精特新中小企业 (provincial 专精特新 SMEs) apply for the
    little-giant tier. A valid designation recorded at the level passes. Nothing else fails: a
    firm's record may simply not list a designation it holds, so no valid one recorded is
    UNKNOWN, and a municipal one only is UNKNOWN too (in the province-level municipalities the
    city's own recognition is the provincial rung, recorded as municipal when a policy calls it
    so).
    """

    kind: ClassVar[str] = "designation-held"
    keys: ClassVar[frozenset[str]] = frozenset({"level"})

    level: str

    @classmethod
    def from_table(cls, t: CheckTable) -> DesignationHeld:
        """``level``: national, provincial or municipal."""
        return cls(t.choice("level", LEVELS))

    def evaluate(self, context: Context) -> Outcome:
        """PASS with a valid designation of the level or higher, else UNKNOWN with the reason."""
        held = context.enterprise.level_on(context.as_of)
        figures = figures_of("designation_held", None if held is None else held.value)
        wanted = _level(self.level)
        if held is not None and held >= wanted:
            return Outcome(Verdict.PASS, figures)
        if held is DesignationLevel.MUNICIPAL:
            note = Phrase.of(
                N_(
                    "only a municipal designation is recorded; in Beijing, Shanghai, Tianjin and "
                    "Chongqing the city's own recognition is the provincial rung"
                )
            )
        else:
            note = Phrase.of(
                N_(
                    "no valid {level} designation is recorded on {on}; an absent record does not "
                    "show that the firm holds none"
                ),
                level=words.LEVEL_NAMES[wanted.value],
                on=context.as_of,
            )
        return Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """One of the level and the levels above it."""
        wanted = _level(self.level)
        return Threshold("one_of", tuple(lv.value for lv in DesignationLevel if lv >= wanted))

    def describe(self, language: Language, last_year: int | None) -> str:
        """``a valid provincial designation or higher``."""
        del last_year
        _ = gettext_in(language)
        return _("a valid {level} designation or higher").format(
            level=words.LEVEL_NAMES[self.level].pick(language)
        )


@functools.cache
def _level(text: str) -> DesignationLevel:
    return DesignationLevel.parse(text)


@attrs.frozen
class HonourCheck(Check):
    """A valid honour whose name contains one of the names listed ("such as", 等)."""

    kind: ClassVar[str] = "honour"
    keys: ClassVar[frozenset[str]] = frozenset({"names"})

    names: tuple[str, ...]

    @classmethod
    def from_table(cls, t: CheckTable) -> HonourCheck:
        """``names``: the honours the text names."""
        names = t.strings("names")
        if not names or not all(name.strip() for name in names):
            raise t.fail("names", names, N_("expected the honours' names"))
        return cls(names)

    def evaluate(self, context: Context) -> Outcome:
        """PASS on a named honour; FAIL with none; UNKNOWN with only honours not named."""
        honours = context.profile.honours
        if honours is None:
            figures = figures_of("honours", None)
            return Outcome(Verdict.UNKNOWN, figures, words.unknown_fact("honours"))
        recorded = tuple(sorted(honours))
        figures = (Figure("honours", recorded),)
        if any(name in honour for honour in recorded for name in self.names):
            return Outcome(Verdict.PASS, figures)
        if not recorded:
            return Outcome(Verdict.FAIL, figures)
        note = Phrase.of(
            N_(
                "the honours recorded are not among those the text names; one it does not name "
                "may still count (等), so decide by hand"
            )
        )
        return Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """One of the named honours."""
        return Threshold("one_of", self.names)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``an honour such as 高新技术企业, ...``."""
        del last_year
        _, pgettext = gettext_in(language), pgettext_in(language)
        return _("a valid honour such as {names}").format(
            names=pgettext("list", ", ").join(self.names)
        )


@attrs.frozen
class FigureMinimum(Check):
    """Last year's money figure of at least an amount (revenue, R&D expense)."""

    kind: ClassVar[str] = "figure-minimum"
    keys: ClassVar[frozenset[str]] = frozenset({"figure", "at_least"})

    figure: str
    at_least: Money

    @classmethod
    def from_table(cls, t: CheckTable) -> FigureMinimum:
        """``figure`` (a money field of FinancialYear) and ``at_least`` (money, "1000万元")."""
        return cls(t.choice("figure", MONEY_FIGURES), t.money("at_least"))

    def evaluate(self, context: Context) -> Outcome:
        """PASS at or above the amount; UNKNOWN when last year's figure is unknown.

        Raises:
            CurrencyMismatchError: the figure is not in the threshold's currency.
        """
        year = context.last_year
        value = context.money(self.figure, year)
        figures = figures_of(self.figure, value, year)
        if value is None:
            return Outcome(Verdict.UNKNOWN, figures, words.unknown_figure(self.figure, year))
        return Outcome(Verdict.of(value >= self.at_least), figures)

    def threshold(self) -> Threshold:
        """At least the amount."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``operating revenue 2024 ≥ 1000万元``."""
        label = words.year_label(self.figure, last_year, language)
        return f"{label} ≥ {words.money_text(self.at_least, language)}"


#: The shares a ratio check reads: numerator and denominator fields of a FinancialYear.
RATIOS: Final = {
    "rd_ratio": ("rd_expense", "operating_revenue"),
    "main_business_share": ("main_business_revenue", "operating_revenue"),
    "debt_ratio": ("total_liabilities", "total_assets"),
    "rd_staff_share": ("rd_staff", "staff"),
}


def holds(value: Fraction, op: str, bound: Decimal) -> bool:
    """Whether ``value op bound`` holds, exactly."""
    limit = _fraction(bound)
    if op == "at_least":
        return value >= limit
    if op == "at_most":
        return value <= limit
    if op == "above":
        return value > limit
    return value < limit


@functools.cache
def _fraction(bound: Decimal) -> Fraction:
    """A threshold as a fraction: the same few bounds are compared for every firm."""
    return Fraction(bound)


def quotient(numerator: Decimal, denominator: Decimal) -> Fraction:
    """``numerator / denominator`` as an exact fraction, built once (the denominator is not 0)."""
    top, top_scale = numerator.as_integer_ratio()
    bottom, bottom_scale = denominator.as_integer_ratio()
    return Fraction(top * bottom_scale, top_scale * bottom)


def share(context: Context, ratio: str, year: int) -> tuple[Fraction | None, tuple[Figure, ...]]:
    """A share as an exact fraction (None when unknown or over zero) and the figures behind it."""
    top_name, bottom_name = RATIOS[ratio]
    top, bottom = context.number(top_name, year), context.number(bottom_name, year)
    value: Fraction | None = None
    shown: Decimal | None = None
    if top is not None and bottom is not None:
        numerator, denominator = _amount(top), _amount(bottom)
        if denominator != 0:
            value = quotient(numerator, denominator)
            shown = DIVISION.divide(numerator, denominator)
    figures = (
        figure(top_name, top, year),
        figure(bottom_name, bottom, year),
        Figure(ratio, shown, year=year),
    )
    return value, figures


def _amount(value: Money | int) -> Decimal:
    return value.amount if isinstance(value, Money) else Decimal(value)


def share_note(context: Context, ratio: str, year: int) -> Phrase:
    """Why a share is unknown: a figure is unknown, or the base is zero."""
    top_name, bottom_name = RATIOS[ratio]
    for name in (top_name, bottom_name):
        if context.number(name, year) is None:
            return words.unknown_figure(name, year)
    return words.zero_base(bottom_name, year)


@attrs.frozen
class RatioCheck(Check):
    """A share of at least (or at most) a fraction, last year or in each of the last years."""

    kind: ClassVar[str] = "ratio"
    keys: ClassVar[frozenset[str]] = frozenset({"ratio", "at_least", "at_most", "years"})

    ratio: str
    op: str
    bound: Decimal
    years: int = 1

    @classmethod
    def from_table(cls, t: CheckTable) -> RatioCheck:
        """``ratio`` (see RATIOS), one of ``at_least``/``at_most`` ("3%"), and ``years``."""
        ratio = t.choice("ratio", RATIOS)
        ops = [op for op in ("at_least", "at_most") if t.has(op)]
        if len(ops) != 1:
            raise t.fail(None, t.get("id"), N_("a ratio test has exactly one of at_least, at_most"))
        return cls(ratio, ops[0], t.percent(ops[0]), t.integer("years"))

    def evaluate(self, context: Context) -> Outcome:
        """Test each year on its own figures and AND the years.

        A share over a zero denominator is undefined: UNKNOWN.
        """
        verdicts: list[Verdict] = []
        figures: list[Figure] = []
        note: Phrase | None = None
        for year in context.years(self.years):
            value, used = share(context, self.ratio, year)
            figures.extend(used)
            if value is None:
                verdicts.append(Verdict.UNKNOWN)
                note = note or share_note(context, self.ratio, year)
            else:
                verdicts.append(Verdict.of(holds(value, self.op, self.bound)))
        verdict = Verdict.all_of(verdicts)
        return Outcome(verdict, tuple(figures), note if verdict is Verdict.UNKNOWN else None)

    def threshold(self) -> Threshold:
        """The bound, with its comparison."""
        return Threshold(self.op, self.bound)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``R&D share of operating revenue ≥ 3% in each of 2023 and 2024``."""
        label = words.FIGURE_NAMES[self.ratio].pick(language)
        bound = f"{words.OPS[self.op]} {words.percent(self.bound)}"
        if self.years == 1:
            return f"{words.year_label(self.ratio, last_year, language)} {bound}"
        _ = gettext_in(language)
        return _("{label} {bound} in each year of {window}").format(
            label=label, bound=bound, window=words.window(self.years, last_year, language)
        )


@attrs.frozen
class TotalCheck(Check):
    """A money figure's total (or yearly mean) over the last ``years`` years of at least an amount.

    Unknown years count as unknown, but the figures are never negative, so a known part that
    already reaches the amount passes.
    """

    kind: ClassVar[str] = "total"
    keys: ClassVar[frozenset[str]] = frozenset({"figure", "years", "at_least", "statistic"})

    figure: str
    years: int
    at_least: Money
    mean: bool = False

    @classmethod
    def from_table(cls, t: CheckTable) -> TotalCheck:
        """``figure``, ``years``, ``at_least`` (money) and ``statistic`` (total or mean)."""
        figure = t.choice("figure", MONEY_FIGURES)
        statistic = t.choice("statistic", ("total", "mean")) if t.has("statistic") else "total"
        return cls(figure, t.integer("years"), t.money("at_least"), mean=statistic == "mean")

    def evaluate(self, context: Context) -> Outcome:
        """PASS once the known years reach the amount; FAIL when all are known and short.

        Raises:
            CurrencyMismatchError: a figure is not in the threshold's currency.
        """
        years = context.years(self.years)
        values = [context.money(self.figure, year) for year in years]
        figures = [
            figure(self.figure, value, year) for year, value in zip(years, values, strict=True)
        ]
        known = Money.total(
            (value for value in values if value is not None), currency=self.at_least.currency
        )
        target = self.at_least * self.years if self.mean else self.at_least
        complete = all(value is not None for value in values)
        if complete:
            name = f"{self.figure}_{'mean' if self.mean else 'total'}"
            shown = known / self.years if self.mean else known
            figures.append(Figure(name, shown, year=context.last_year))
        if known >= target:
            return Outcome(Verdict.PASS, tuple(figures))
        if complete:
            return Outcome(Verdict.FAIL, tuple(figures))
        missing = next(year for year, value in zip(years, values, strict=True) if value is None)
        return Outcome(Verdict.UNKNOWN, tuple(figures), words.unknown_figure(self.figure, missing))

    def threshold(self) -> Threshold:
        """At least the amount."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``new equity financing, total over 2023–2024 ≥ 8000万元``."""
        _ = gettext_in(language)
        if self.mean:
            text = _("{label}, yearly mean over {window} ≥ {amount}")
        else:
            text = _("{label}, total over {window} ≥ {amount}")
        return text.format(
            label=words.FIGURE_NAMES[self.figure].pick(language),
            window=words.window(self.years, last_year, language),
            amount=words.money_text(self.at_least, language),
        )


@attrs.frozen
class MeanGrowthCheck(Check):
    """The mean of the yearly growth rates of a money figure over the last ``years`` years."""

    kind: ClassVar[str] = "mean-growth"
    keys: ClassVar[frozenset[str]] = frozenset({"figure", "years", "at_least"})

    figure: str
    years: int
    at_least: Decimal

    @classmethod
    def from_table(cls, t: CheckTable) -> MeanGrowthCheck:
        """``figure`` (a money field), ``years`` and ``at_least`` (a percentage, "5%")."""
        return cls(t.choice("figure", MONEY_FIGURES), t.integer("years"), t.percent("at_least"))

    def evaluate(self, context: Context) -> Outcome:
        """Compute each year's growth over the year before and compare their mean, exactly.

        Needs ``years + 1`` years of figures; growth from a zero base is undefined (UNKNOWN).

        Raises:
            CurrencyMismatchError: two years are in different currencies.
        """
        years = context.years(self.years + 1)
        values = [context.money(self.figure, year) for year in years]
        figures = [
            figure(self.figure, value, year) for year, value in zip(years, values, strict=True)
        ]
        rates: list[Fraction | None] = []
        note: Phrase | None = None
        for index in range(1, len(years)):
            rate, why = growth(self.figure, values[index - 1], values[index], years[index])
            note = note or why
            rates.append(rate)
            figures.append(Figure(f"{self.figure}_growth", as_decimal(rate), year=years[index]))
        known = [rate for rate in rates if rate is not None]
        if len(known) < len(rates):
            figures.append(figure("mean_growth", None, context.last_year))
            return Outcome(Verdict.UNKNOWN, tuple(figures), note)
        mean = sum(known, Fraction(0)) / len(known)
        figures.append(Figure("mean_growth", as_decimal(mean), year=context.last_year))
        return Outcome(Verdict.of(mean >= _fraction(self.at_least)), tuple(figures))

    def threshold(self) -> Threshold:
        """At least the mean growth."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``mean yearly growth of main-business revenue over 2023–2024 ≥ 5%``."""
        _ = gettext_in(language)
        return _("mean yearly growth of {label} over {window} ≥ {bound}").format(
            label=words.FIGURE_NAMES[self.figure].pick(language),
            window=words.window(self.years, last_year, language),
            bound=words.percent(self.at_least),
        )


def growth(
    name: str, before: Money | None, after: Money | None, year: int
) -> tuple[Fraction | None, Phrase | None]:
    """A money figure's growth from the year before ``year`` to ``year``, exactly.

    Returns the rate, or ``None`` and the reason: a year's figure is unknown, or the year before
    is zero (growth from nothing is undefined).

    Raises:
        CurrencyMismatchError: the two years are in different currencies.
    """
    if before is None or after is None:
        return None, words.unknown_figure(name, year - 1 if before is None else year)
    if before.currency != after.currency:
        raise CurrencyMismatchError(before.currency, after.currency, N_("compute growth of"))
    if before.amount == 0:
        return None, words.zero_base(name, year - 1)
    return quotient(after.amount - before.amount, before.amount), None


def as_decimal(value: Fraction | None) -> Decimal | None:
    """A fraction as a ``Decimal`` for the figures shown (to the division context's precision)."""
    if value is None:
        return None
    return DIVISION.divide(Decimal(value.numerator), Decimal(value.denominator))


@attrs.frozen
class ScoreCheck(Check):
    """The innovative-SME score, in total or for one group, of at least some points."""

    kind: ClassVar[str] = "score"
    keys: ClassVar[frozenset[str]] = frozenset({"group", "at_least"})

    group: str | None
    at_least: int

    @classmethod
    def from_table(cls, t: CheckTable) -> ScoreCheck:
        """An optional ``group`` of the file's [scoring] and ``at_least`` points."""
        scoring = t.scoring
        if scoring is None:
            raise t.fail("test", cls.kind, N_("a score test needs a [scoring] table"))
        groups = {group.id for group in scoring.groups}
        group = None if t.get("group") is None else t.choice("group", groups)
        if not str(t.get("id", "")).startswith(scoring.tier.value + "."):
            reason = Reason(N_("the score is for {tier} only"), tier=scoring.tier.value)
            raise t.fail("test", cls.kind, reason)
        return cls(group, t.integer("at_least", minimum=0))

    def evaluate(self, context: Context) -> Outcome:
        """PASS if the lowest possible score reaches the bound, FAIL if the highest does not."""
        score = context.score
        if score is None:
            raise InvalidRecordError(self, N_("a score check needs the tier's scoring indicators"))
        low, high = (
            (score.low, score.high)
            if self.group is None
            else (score.group(self.group).low, score.group(self.group).high)
        )
        if low == high:
            figures: tuple[Figure, ...] = figures_of("points", low)
        else:
            figures = (figure("points_low", low), figure("points_high", high))
        if low >= self.at_least:
            return Outcome(Verdict.PASS, figures)
        if high < self.at_least:
            return Outcome(Verdict.FAIL, figures)
        note = Phrase.of(
            N_("the score is {low} to {high} points: some indicators' figures are unknown"),
            low=low,
            high=high,
        )
        return Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """At least the points."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``innovation score ≥ 20 points``."""
        del last_year
        _ = gettext_in(language)
        if self.group is None:
            what = _("total score")
        else:
            group = words.GROUP_NAMES[self.group].pick(language)
            what = _("{group} score").format(group=group)
        return _("{what} ≥ {points} points").format(what=what, points=self.at_least)


@attrs.frozen
class SuppliedScoreCheck(Check):
    """An evaluation score the caller supplies (``assess(..., score=)``) of at least some points."""

    kind: ClassVar[str] = "supplied-score"
    keys: ClassVar[frozenset[str]] = frozenset({"at_least"})

    at_least: Decimal | int

    @classmethod
    def from_table(cls, t: CheckTable) -> SuppliedScoreCheck:
        """``at_least`` points."""
        return cls(t.integer("at_least", minimum=0))

    def evaluate(self, context: Context) -> Outcome:
        """Compare the supplied score; UNKNOWN when none is supplied."""
        score = context.supplied_score
        figures = figures_of("score", score)
        if score is None:
            note = Phrase.of(
                N_(
                    "no evaluation score supplied: littlegiants does not compute the "
                    "13-indicator score, pass score= to assess()"
                )
            )
            return Outcome(Verdict.UNKNOWN, figures, note)
        return Outcome(Verdict.of(score >= self.at_least), figures)

    def threshold(self) -> Threshold:
        """At least the points."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: Language, last_year: int | None) -> str:
        """``evaluation score (supplied) ≥ 60 points``."""
        del last_year
        _ = gettext_in(language)
        return _("evaluation score (supplied) ≥ {points} points").format(points=self.at_least)


def _levels(t: CheckTable, allowed: frozenset[str]) -> tuple[str, ...]:
    levels = t.strings("levels")
    if not levels:
        raise t.fail("levels", levels, N_("expected at least one level"))
    for index, level in enumerate(levels):
        t.reader.choice(level, (*t.at, "levels", index), allowed)
    return levels


#: Every kind of test, by the name criteria files give it.
CHECKS: Final[dict[str, type[Check]]] = {
    check.kind: check
    for check in (
        ProfileMinimum,
        ProfileFlag,
        ProductFieldCheck,
        InstitutionLevelCheck,
        AwardCheck,
        ChuangkeCheck,
        DesignationHeld,
        HonourCheck,
        FigureMinimum,
        RatioCheck,
        TotalCheck,
        MeanGrowthCheck,
        ScoreCheck,
        SuppliedScoreCheck,
    )
}
