"""The innovative-SME score (附件1): six indicators in three groups, 100 points.

:class:`Scoring` is the rule data (its :class:`ScoreGroup` groups, its :class:`Indicator`
indicators and their :class:`ScoreBand` bands, highest points first); :func:`compute_score` scores
one firm, giving each indicator a range of points where its figures are unknown, so that a score
check passes only if the lowest possible score reaches its bound.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from littlegiants.eligibility import _words as words
from littlegiants.eligibility.checks import (
    Context,
    as_decimal,
    growth,
    holds,
    share,
    share_note,
)
from littlegiants.eligibility.model import Phrase, Tier, gettext_in, pgettext_in
from littlegiants.eligibility.results import (
    Figure,
    GroupScore,
    IndicatorScore,
    Score,
    figure,
    figures_of,
)
from littlegiants.financials import ProductField, Profile
from littlegiants.sources import Source

if TYPE_CHECKING:
    from littlegiants.eligibility.model import Language

__all__ = ["Indicator", "ScoreBand", "ScoreGroup", "Scoring"]


@attrs.frozen(kw_only=True)
class ScoreBand:
    """One scoring band of an indicator: the points, and the condition that earns them.

    A band has a numeric condition (``op`` and ``bound``), a named condition (``when``), or none
    (the last, catch-all band).
    """

    points: int
    op: str | None = None
    bound: Decimal | None = None
    when: str | None = None

    def describe(self, language: Language) -> str:
        """``≥ 5%: 20``."""
        _, pgettext = gettext_in(language), pgettext_in(language)
        points = pgettext("band", "{points}").format(points=self.points)
        if self.op is not None and self.bound is not None:
            return f"{words.OPS[self.op]} {words.percent(self.bound)}: {points}"
        if self.when is not None:
            return f"{words.WHEN_NAMES[self.when].pick(language)}: {points}"
        other = _("otherwise")
        return f"{other}: {points}"


@attrs.frozen(kw_only=True)
class Indicator:
    """One innovative-SME scoring indicator (附件1) and its bands, highest points first."""

    id: str
    group: str
    name: Phrase
    points: int
    measure: str
    ratio: str | None = None
    figure: str | None = None
    bands: tuple[ScoreBand, ...]
    text: str | None = None
    quote: str | None = None
    readings: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ScoreGroup:
    """A group of indicators (innovation 40, growth 30, specialisation 30)."""

    id: str
    name: Phrase
    points: int


@attrs.frozen(kw_only=True)
class Scoring:
    """The innovative-SME scoring: its groups and indicators, and the tier it scores."""

    tier: Tier
    groups: tuple[ScoreGroup, ...]
    indicators: tuple[Indicator, ...]
    document: str
    sources: tuple[Source, ...] = ()
    confidence: str
    readings: tuple[str, ...] = ()


def compute_score(scoring: Scoring, context: Context) -> Score:
    """Score one firm: each indicator's points (a range where figures are unknown), by group."""
    indicators = tuple(_indicator(indicator, context) for indicator in scoring.indicators)
    groups = tuple(
        GroupScore(
            id=group.id,
            name=group.name,
            low=sum(i.low for i in indicators if i.group == group.id),
            high=sum(i.high for i in indicators if i.group == group.id),
            max_points=group.points,
        )
        for group in scoring.groups
    )
    return Score(indicators=indicators, groups=groups)


def _indicator(indicator: Indicator, context: Context) -> IndicatorScore:
    year = context.last_year
    conditions: dict[str, bool | None] = {}
    value: Fraction | None = None
    figures: tuple[Figure, ...]
    note: Phrase | None = None
    if indicator.measure == "ip":
        conditions, figures = _ip_conditions(context.profile)
    elif indicator.measure == "field":
        conditions["strategic-emerging"], figures = _in_catalogue(context.profile)
    elif indicator.measure == "ratio":
        ratio = indicator.ratio or ""
        value, figures = share(context, ratio, year)
        if value is None:
            note = share_note(context, ratio, year)
    else:
        name = indicator.figure or ""
        value, figures, note = _growth(context, name, year)
    low = high = None
    for band in indicator.bands:
        met: bool | None
        if band.op is not None and band.bound is not None:
            met = None if value is None else holds(value, band.op, band.bound)
        elif band.when is not None:
            met = conditions.get(band.when)
        else:
            met = True
        if high is None and met is not False:
            high = band.points
        if met is True:
            low = band.points
            break
    return IndicatorScore(
        id=indicator.id,
        group=indicator.group,
        name=indicator.name,
        low=low or 0,
        high=high or 0,
        max_points=indicator.points,
        figures=figures,
        note=note if low != high else None,
    )


def _in_catalogue(profile: Profile) -> tuple[bool | None, tuple[Figure, ...]]:
    """Whether the main product is in 《战略性新兴产业分类》, and the facts that say so.

    The catalogue flag decides when it is known; otherwise the field does where it can
    (``STRATEGIC_EMERGING`` is in the catalogue, ``OTHER`` is not) and a listed field, which may
    or may not also be in the catalogue, leaves it unknown.
    """
    field = profile.main_product_field
    flag = profile.in_strategic_emerging_catalogue
    if flag is not None:
        return flag, figures_of("in_strategic_emerging_catalogue", flag)
    figures = figures_of("main_product_field", field)
    if field is ProductField.STRATEGIC_EMERGING:
        return True, figures
    if field is ProductField.OTHER:
        return False, figures
    return None, figures


def _ip_conditions(profile: Profile) -> tuple[dict[str, bool | None], tuple[Figure, ...]]:
    count = profile.class1_ip_count
    high_value = False if count == 0 else profile.high_value_class1_ip
    self_developed = False if count == 0 else profile.self_developed_class1_ip
    if high_value or self_developed:
        class1: bool | None = True
    else:
        class1 = None if count is None else count >= 1
    class2 = None if profile.class2_ip_count is None else profile.class2_ip_count >= 1
    figures = (
        figure("high_value_class1_ip", profile.high_value_class1_ip),
        figure("self_developed_class1_ip", profile.self_developed_class1_ip),
        figure("class1_ip_count", count),
        figure("class2_ip_count", profile.class2_ip_count),
    )
    conditions = {
        "high-value-class1-ip": high_value,
        "self-developed-class1-ip": self_developed,
        "class1-ip": class1,
        "class2-ip": class2,
    }
    return conditions, figures


def _growth(
    context: Context, name: str, year: int
) -> tuple[Fraction | None, tuple[Figure, ...], Phrase | None]:
    before, after = context.money(name, year - 1), context.money(name, year)
    rate, note = growth(name, before, after, year)
    figures = (
        figure(name, before, year - 1),
        figure(name, after, year),
        Figure(f"{name}_growth", as_decimal(rate), year=year),
    )
    return rate, figures, note
