"""Eligibility pre-assessment against MIIT's gradient-cultivation criteria (梯度培育).

The 2022 Interim Measures (《优质中小企业梯度培育管理暂行办法》, 工信部企业〔2022〕63号,
2022-06-01) grade high-quality SMEs in three tiers, each with its own published criteria:

- **innovative SMEs** (创新型中小企业, :attr:`Tier.INNOVATIVE_SME`, 附件1): a score out of 100 from
  six indicators, passing at 60 with at least 20 for innovation, 15 for growth and 15 for
  specialisation; or one of four direct-pass conditions (an award, an honour such as 高新技术企业, a
  provincial R&D institution, 500万元 of new equity financing);
- **provincial 专精特新 SMEs** (专精特新中小企业, :attr:`Tier.SRDI_SME`, 附件2): all four conditions
  (2 years in the niche; last year's R&D of 100万元 and 3% of revenue; revenue of 1000万元 or
  2000万元 of financing; an evaluation score of 60 or one of its alternatives);
- **State-level little giants** (专精特新"小巨人"企业, :attr:`Tier.LITTLE_GIANT`, 附件3): all six
  aspects 专、精、特、新、链、品 (specialisation, refinement, distinctiveness, innovation,
  supply-chain role, main-product field), where innovation is met by the general conditions for
  the firm's revenue band or by a direct pass.

The criteria are **dated data**, not constants: ``littlegiants/data/criteria/miit-2022.toml`` holds
every threshold with the source's own words, its URL and its confidence, and the 2025 notice
(工信厅企业函〔2025〕190号) as a dated amendment for little giants assessed from 2025-05-14 to
2025-12-31 (a revenue floor of 5000万元; the 5% growth test waived for re-reviews; exclusion (c)
of single champions and firms tied to a little giant). Article 3's general conditions (registered
with independent legal personality, an SME by the size rules, not on the abnormal-operations list)
are assessed for every tier and reported beside the tier's verdict (:attr:`Assessment.general`),
not inside it. The revised
Measures take effect on 2026-04-01 but their numbers were not found, so an assessment dated from
then, or before 2022-06-01, raises :class:`CriteriaNotAvailableError` rather than applying the
2022 numbers silently.

:func:`assess` checks one :class:`~littlegiants.enterprise.Enterprise` against one tier on a date.
Non-financial facts come from its :class:`~littlegiants.financials.Profile` and figures from its
:class:`~littlegiants.financials.FinancialYear` records; anything unknown (``None``) is never
assumed. Every criterion is :attr:`Verdict.PASS`, :attr:`Verdict.FAIL` or
:attr:`Verdict.UNKNOWN` (the data do not decide it), with the figures used, the threshold and its
source. Conditions are ANDed and alternatives ORed, three-valued: an AND fails if any part fails
and is unknown if none fails but one is unknown; an OR passes if any part passes and fails only if
all fail. Comparisons are exact (``Fraction``/``Decimal``, never ``float``).

>>> from datetime import date
>>> from littlegiants import Enterprise, FinancialYear, Money, Profile
>>> def cny(text):
...     return Money.parse(text)
>>> firm = Enterprise(
...     "示例精密科技有限公司",
...     financials=[
...         FinancialYear(2024, operating_revenue=cny("1200万元"), rd_expense=cny("150万元")),
...     ],
...     profile=Profile(years_in_niche=4),
... )
>>> result = assess(firm, Tier.SRDI_SME, as_of=date(2025, 6, 30), score=72)
>>> result.verdict
<Verdict.PASS: 'pass'>
>>> [(c.id, c.verdict.value) for c in result.criteria]  # doctest: +NORMALIZE_WHITESPACE
[('srdi-sme.niche-years', 'pass'), ('srdi-sme.rd', 'pass'), ('srdi-sme.revenue', 'pass'),
 ('srdi-sme.evaluation', 'pass')]
>>> assess(firm, Tier.SRDI_SME, as_of=date(2025, 6, 30)).verdict  # no score, no alternative
<Verdict.UNKNOWN: 'unknown'>
>>> assess(firm, Tier.LITTLE_GIANT, as_of=date(2025, 6, 30)).find(
...     "little-giant.revenue-floor"
... ).verdict
<Verdict.FAIL: 'fail'>
>>> assess(firm, Tier.SRDI_SME, as_of=date(2026, 4, 1))
Traceback (most recent call last):
...
littlegiants.eligibility.CriteriaNotAvailableError: No eligibility criteria are available for ...
>>> assess(firm, "county", as_of=date(2025, 6, 30))
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record 'county': expected a tier: ...

The readings taken where the text leaves a choice (以上 includes the bound, "上年" is the calendar
year before the assessment date, and so on) are data too, listed with the text they interpret in
``docs/eligibility.md``; :func:`render_criteria` writes that page's tables from the same data.

More information:

- 工信部企业〔2022〕63号, full text (mirror): http://wap.feibaos.com/news/info/76438.html
- Little-giant criteria (附件3): http://www.doulau.com/new-xiangmu/2561.html ;
  http://bjwsht.cn/zlsqbk/743.html ; http://www.qdjlsl.com/s5123274.html ;
  http://maxca.cn/ask/76184.html
- Provincial 专精特新 criteria (附件2): http://nomecha.com/view/449.html ;
  http://www.025house.com.cn/news/shownews.php?id=38
- Innovative-SME evaluation (附件1): http://www.fyss.com.cn/p-article_detail/id-3331.html ;
  http://bet333ios4.com/jiedu/2282.html
- 工信厅企业函〔2025〕190号 (municipal re-issue):
  http://icyc0.7777611.com/bmwz/gxj/tzgg/202505/t20250516_1267173.html
- The revised Measures, effective 2026-04-01: http://en.people.cn/n3/2026/0119/c90000-20415885.html
"""

from __future__ import annotations

import enum
import functools
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import attrs

from littlegiants._exact import DIVISION, EXACT, to_decimal
from littlegiants.designation import DesignationLevel
from littlegiants.errors import (
    CurrencyMismatchError,
    InvalidPeriodError,
    InvalidRecordError,
    LittleGiantsError,
)
from littlegiants.financials import Award, ChuangkePlacing, ProductField, Profile
from littlegiants.formatting import format_money, format_money_long
from littlegiants.money import Money
from littlegiants.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from littlegiants.enterprise import Enterprise

__all__ = [
    "GENERAL",
    "AmendmentRule",
    "Assessment",
    "AwardCheck",
    "Check",
    "ChuangkeCheck",
    "CriteriaNotAvailableError",
    "CriteriaSet",
    "Criterion",
    "CriterionResult",
    "CriterionSource",
    "DesignationHeld",
    "Figure",
    "FigureMinimum",
    "GroupScore",
    "HonourCheck",
    "Indicator",
    "IndicatorScore",
    "InstitutionLevelCheck",
    "MeanGrowthCheck",
    "Phrase",
    "ProductFieldCheck",
    "ProfileFlag",
    "ProfileMinimum",
    "Purpose",
    "RatioCheck",
    "Reading",
    "RevenueBand",
    "Score",
    "ScoreBand",
    "ScoreCheck",
    "ScoreGroup",
    "Scoring",
    "Source",
    "Supersession",
    "SuppliedScoreCheck",
    "Threshold",
    "Tier",
    "TotalCheck",
    "Verdict",
    "Waiver",
    "assess",
    "assess_many",
    "criteria_on",
    "criteria_sets",
    "load_criteria",
    "render_criteria",
]

_Language = Literal["en", "zh"]


# -- the vocabulary -------------------------------------------------------------------------------


#: The id of the root criterion holding the general conditions every tier shares (Article 3).
GENERAL: Final = "general"


class Tier(enum.Enum):
    """The three tiers of the 2022 Interim Measures (Article 2), lowest first.

    >>> Tier.parse("小巨人"), Tier.parse("provincial")
    (<Tier.LITTLE_GIANT: 'little-giant'>, <Tier.SRDI_SME: 'srdi-sme'>)
    >>> Tier.SRDI_SME.chinese
    '专精特新中小企业'
    """

    #: 创新型中小企业, evaluated and announced by the provincial authority (附件1).
    INNOVATIVE_SME = "innovative-sme"
    #: 专精特新中小企业, recognised by the provincial authority (附件2).
    SRDI_SME = "srdi-sme"
    #: 专精特新"小巨人"企业, the State-level little giant recognised by MIIT (附件3).
    LITTLE_GIANT = "little-giant"

    @property
    def chinese(self) -> str:
        """The tier's Chinese name."""
        return _TIER_NAMES[self].zh

    @property
    def english(self) -> str:
        """The tier's English name."""
        return _TIER_NAMES[self].en

    @classmethod
    def parse(cls, text: object) -> Tier:
        """Read a tier from its value, its English or its Chinese name.

        Raises:
            InvalidRecordError: the text names no tier.
        """
        if isinstance(text, Tier):
            return text
        if isinstance(text, str):
            key = text.strip().lower().replace("_", "-").replace("“", '"').replace("”", '"')
            found = _TIER_WORDS.get(key)
            if found is not None:
                return found
        raise InvalidRecordError(
            text,
            "expected a tier: innovative-sme (创新型中小企业), srdi-sme (专精特新中小企业, "
            "provincial) or little-giant (小巨人, State-level)",
        )


_TIER_WORDS: Final = {
    "innovative-sme": Tier.INNOVATIVE_SME,
    "innovative": Tier.INNOVATIVE_SME,
    "创新型中小企业": Tier.INNOVATIVE_SME,
    "srdi-sme": Tier.SRDI_SME,
    "srdi": Tier.SRDI_SME,
    "provincial": Tier.SRDI_SME,
    "专精特新中小企业": Tier.SRDI_SME,
    "little-giant": Tier.LITTLE_GIANT,
    "little giant": Tier.LITTLE_GIANT,
    "national": Tier.LITTLE_GIANT,
    "小巨人": Tier.LITTLE_GIANT,
    '专精特新"小巨人"企业': Tier.LITTLE_GIANT,
}


class Verdict(enum.Enum):
    """The outcome of a criterion: met, not met, or not decided by the data given.

    :meth:`all_of` and :meth:`any_of` combine verdicts three-valued (Kleene's logic):

    >>> P, F, U = Verdict.PASS, Verdict.FAIL, Verdict.UNKNOWN
    >>> Verdict.all_of([P, U]), Verdict.all_of([U, F]), Verdict.all_of([P, P])
    (<Verdict.UNKNOWN: 'unknown'>, <Verdict.FAIL: 'fail'>, <Verdict.PASS: 'pass'>)
    >>> Verdict.any_of([F, U]), Verdict.any_of([U, P]), Verdict.any_of([F, F])
    (<Verdict.UNKNOWN: 'unknown'>, <Verdict.PASS: 'pass'>, <Verdict.FAIL: 'fail'>)
    """

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"

    @classmethod
    def all_of(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """AND: FAIL if any fails, else UNKNOWN if any is unknown, else PASS (also when empty)."""
        seen = set(verdicts)
        if Verdict.FAIL in seen:
            return Verdict.FAIL
        return Verdict.UNKNOWN if Verdict.UNKNOWN in seen else Verdict.PASS

    @classmethod
    def any_of(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """OR: PASS if any passes, else UNKNOWN if any is unknown, else FAIL (also when empty)."""
        seen = set(verdicts)
        if Verdict.PASS in seen:
            return Verdict.PASS
        return Verdict.UNKNOWN if Verdict.UNKNOWN in seen else Verdict.FAIL

    @classmethod
    def of(cls, holds: bool | None) -> Verdict:
        """PASS for ``True``, FAIL for ``False``, UNKNOWN for ``None``."""
        if holds is None:
            return Verdict.UNKNOWN
        return Verdict.PASS if holds else Verdict.FAIL


class Purpose(enum.Enum):
    """Why a firm is assessed: a new application, or the re-review (复核) of a designation."""

    APPLICATION = "application"
    RE_REVIEW = "re-review"


@attrs.frozen
class Phrase:
    """A text in English and Chinese.

    >>> Phrase("pass", "通过").in_locale("zh_CN")
    '通过'
    """

    en: str
    zh: str

    def in_locale(self, locale: str) -> str:
        """Return the text in the locale's language: Chinese for ``zh*``, else English."""
        return self.zh if _language(locale) == "zh" else self.en

    def pick(self, language: _Language) -> str:
        """Return the text in ``"en"`` or ``"zh"``."""
        return self.zh if language == "zh" else self.en


def _language(locale: object) -> _Language:
    if not isinstance(locale, str):
        msg = f"Expected a locale such as 'zh_CN' or 'en_US', got {locale!r}."
        raise TypeError(msg)
    return _parsed_language(locale)


@functools.cache
def _parsed_language(locale: str) -> _Language:
    from babel import Locale  # noqa: PLC0415 - babel's data loads on first use

    return "zh" if Locale.parse(locale).language == "zh" else "en"


_TIER_NAMES: Final = {
    Tier.INNOVATIVE_SME: Phrase("innovative SME", "创新型中小企业"),
    Tier.SRDI_SME: Phrase("provincial 专精特新 SME", "专精特新中小企业"),
    Tier.LITTLE_GIANT: Phrase(
        'State-level little giant (专精特新"小巨人")', '专精特新"小巨人"企业'
    ),
}
_VERDICT_WORDS: Final = {
    Verdict.PASS: Phrase("PASS", "通过"),
    Verdict.FAIL: Phrase("FAIL", "不通过"),
    Verdict.UNKNOWN: Phrase("UNKNOWN", "未知"),
}
_PURPOSE_WORDS: Final = {
    Purpose.APPLICATION: Phrase("application", "申请"),
    Purpose.RE_REVIEW: Phrase("re-review", "复核"),
}


@attrs.define(auto_exc=True, eq=False)
class CriteriaNotAvailableError(LittleGiantsError, LookupError):
    """No bundled criteria govern a date (or no criteria set has an id).

    Raised for dates before the 2022 Measures applied (2022-06-01) and from 2026-04-01, when the
    revised Measures, whose thresholds were not found, replace them.
    """

    value: object
    reason: str

    def __str__(self) -> str:
        """Name the date (or id) and why no criteria apply."""
        what = self.value.isoformat() if isinstance(self.value, date) else repr(self.value)
        return f"No eligibility criteria are available for {what}: {self.reason}."


# -- what an assessment reports -----------------------------------------------------------------

#: The value of a figure: money, an exact fraction (a share or a growth rate), a count, a fact, a
#: field, the awards or placings or honours recorded, or ``None`` (unknown).
FigureValue = (
    Money
    | Decimal
    | int
    | bool
    | str
    | ProductField
    | tuple[Award, ...]
    | tuple[ChuangkePlacing, ...]
    | tuple[str, ...]
    | None
)


@attrs.frozen
class Figure:
    """One figure a criterion used: a field (or a derived share, growth or total) and its value.

    ``name`` is a :class:`~littlegiants.financials.FinancialYear` or
    :class:`~littlegiants.financials.Profile` field, or a derived figure (``rd_ratio``,
    ``main_business_revenue_growth``, ``equity_financing_total`` ...); ``year`` is the
    financial year it belongs to, or the last year of a span; ``value`` is ``None`` when unknown.
    Shares and growth rates are exact fractions (``Decimal('0.7')`` is 70%).
    """

    name: str
    value: FigureValue
    year: int | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Threshold:
    """What a criterion compares with: ``op`` is at_least, at_most, above, below, is or one_of.

    A ``Decimal`` value is a fraction (``Decimal('0.7')`` is 70%); money is :class:`Money`.
    """

    op: str
    value: Money | Decimal | int | bool | tuple[str, ...]


@attrs.frozen(kw_only=True)
class CriterionSource:
    """Where a criterion comes from: the document, its words, the URLs and their confidence.

    Attributes:
        document: the issuing document and annex, e.g. ``工信部企业〔2022〕63号 附件3``.
        quote: the source's own words, where the reference notes give them verbatim.
        text: the reference notes' English statement of the rule.
        urls: where the text was read, the main source first.
        confidence: High, Med-High, Med, Low-Med or Low.
    """

    document: str
    quote: str | None
    text: str | None
    urls: tuple[str, ...]
    confidence: str

    @property
    def url(self) -> str | None:
        """The main source's URL."""
        return self.urls[0] if self.urls else None


@attrs.frozen(kw_only=True)
class CriterionResult:
    """The outcome of one criterion of an assessment.

    Attributes:
        id: the criterion's id in the rule data, e.g. ``little-giant.refinement.debt-ratio``.
        name: its name.
        verdict: PASS, FAIL or UNKNOWN.
        requirement: what it asks, with the years it reads (``debt-to-asset ratio 2024 ≤ 70%``).
        combine: ``"all"`` or ``"any"`` for a group of criteria, ``"band"`` for a choice by
            revenue band, ``None`` for a single test.
        criteria: the sub-results of a group (for ``any``: the alternatives).
        figures: the figures used, unknown ones included as ``None``.
        threshold: the threshold of a single test.
        source: the document, quote, URLs and confidence.
        readings: ids of the readings taken (see :attr:`CriteriaSet.readings`).
        note: why the verdict is UNKNOWN, or that the criterion is waived.
        waived_by: the document that waives the criterion for this assessment, if any.
    """

    id: str
    name: Phrase
    verdict: Verdict
    requirement: Phrase
    combine: str | None = None
    criteria: tuple[CriterionResult, ...] = ()
    figures: tuple[Figure, ...] = ()
    threshold: Threshold | None = None
    source: CriterionSource
    readings: tuple[str, ...] = ()
    note: Phrase | None = None
    waived_by: str | None = None

    def walk(self) -> Iterator[CriterionResult]:
        """Yield this result and every sub-result, depth first."""
        yield self
        for child in self.criteria:
            yield from child.walk()


@attrs.frozen(kw_only=True)
class IndicatorScore:
    """The points one innovative-SME indicator scores: a range when its figures are unknown."""

    id: str
    group: str
    name: Phrase
    low: int
    high: int
    max_points: int
    figures: tuple[Figure, ...] = ()
    note: Phrase | None = None

    @property
    def points(self) -> int | None:
        """The points, or ``None`` when the figures leave a range."""
        return self.low if self.low == self.high else None


@attrs.frozen(kw_only=True)
class GroupScore:
    """The points of one indicator group (innovation, growth, specialisation)."""

    id: str
    name: Phrase
    low: int
    high: int
    max_points: int

    @property
    def points(self) -> int | None:
        """The points, or ``None`` when the figures leave a range."""
        return self.low if self.low == self.high else None


@attrs.frozen(kw_only=True)
class Score:
    """The innovative-SME score: points per indicator, per group and in total (附件1)."""

    indicators: tuple[IndicatorScore, ...]
    groups: tuple[GroupScore, ...]

    @property
    def low(self) -> int:
        """The lowest total the known figures allow."""
        return sum(group.low for group in self.groups)

    @property
    def high(self) -> int:
        """The highest total the known figures allow."""
        return sum(group.high for group in self.groups)

    @property
    def total(self) -> int | None:
        """The total, or ``None`` when the figures leave a range."""
        return self.low if self.low == self.high else None

    def group(self, group_id: str) -> GroupScore:
        """Return the score of one group."""
        for group in self.groups:
            if group.id == group_id:
                return group
        raise InvalidRecordError(group_id, "no such indicator group in the score")


@attrs.frozen(kw_only=True)
class Assessment:
    """A firm assessed against one tier's criteria on a date.

    Attributes:
        name: the firm's name.
        key: its identity (credit code, or name when unknown).
        tier: the tier assessed.
        purpose: application or re-review.
        as_of: the assessment date; "last year" is the calendar year before it.
        criteria_set: the id of the criteria set applied, e.g. ``miit-2022``.
        document: the document those criteria come from.
        amendments: the documents of the amendments applied, e.g. the 2025 notice.
        verdict: FAIL if any criterion fails, UNKNOWN if none fails but some are unknown, else
            PASS.
        criteria: the tier's criteria (aspects, conditions), each with its sub-criteria.
        score: the innovative-SME score, for that tier only.
        general: the general conditions every applicant meets whatever the tier (Article 3:
            registered with independent legal personality, an SME by the size rules, not on
            the abnormal-operations list; the 2025 notice adds exclusions for little giants).
            They are reported beside the tier's verdict, not inside it: sources about a firm
            rarely state them, and :attr:`eligible` combines the two.
    """

    name: str
    key: str
    tier: Tier
    purpose: Purpose
    as_of: date
    criteria_set: str
    document: str
    amendments: tuple[str, ...]
    verdict: Verdict
    criteria: tuple[CriterionResult, ...]
    score: Score | None = None
    general: tuple[CriterionResult, ...] = ()

    @property
    def general_verdict(self) -> Verdict:
        """The general conditions' verdict: PASS when every one holds (or there are none)."""
        return Verdict.all_of(result.verdict for result in self.general)

    @property
    def eligible(self) -> Verdict:
        """The tier's verdict and the general conditions together (FAIL if either fails)."""
        return Verdict.all_of((self.verdict, self.general_verdict))

    def walk(self) -> Iterator[CriterionResult]:
        """Yield every criterion result, the general conditions' too, depth first."""
        for result in (*self.criteria, *self.general):
            yield from result.walk()

    def find(self, criterion_id: str) -> CriterionResult:
        """Return the result of the criterion with this id.

        Raises:
            InvalidRecordError: the assessment has no such criterion (a band not chosen, a
                criterion of another tier).
        """
        for result in self.walk():
            if result.id == criterion_id:
                return result
        known = ", ".join(result.id for result in self.walk())
        raise InvalidRecordError(criterion_id, f"no such criterion in this assessment ({known})")

    def explain(self, *, locale: str) -> str:
        """Explain the verdict criterion by criterion, with figures, in English or Chinese.

        Args:
            locale: ``"en_US"``, ``"zh_CN"`` and the like; the language picks the text and the
                locale formats money.
        """
        return _explain(self, locale)


# -- the rule data --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Reading:
    """How the text is read where it leaves a choice, with the words it interprets."""

    id: str
    text: str
    quote: str | None = None


@attrs.frozen(kw_only=True)
class RevenueBand:
    """A band of last year's operating revenue: ``at_least`` included, ``below`` excluded."""

    at_least: Money | None = None
    below: Money | None = None

    def contains(self, revenue: Money) -> bool:
        """Whether ``revenue`` is in the band (the currencies must match)."""
        if self.at_least is not None and revenue < self.at_least:
            return False
        return self.below is None or revenue < self.below

    def describe(self, language: _Language) -> str:
        """The band as text: ``revenue ≥ 1亿元``, ``5000万元 ≤ revenue < 1亿元``."""
        label = _FIGURE_NAMES["operating_revenue"].pick(language)
        low = None if self.at_least is None else _money_text(self.at_least, language)
        high = None if self.below is None else _money_text(self.below, language)
        if low is not None and high is not None:
            return f"{low} ≤ {label} < {high}"
        if low is not None:
            return f"{label} ≥ {low}"
        return f"{label} < {high}"


class _Context:
    """What a check reads: the firm, its profile, the date, the purpose, the scores."""

    def __init__(
        self,
        enterprise: Enterprise,
        *,
        as_of: date,
        purpose: Purpose,
        supplied_score: Decimal | int | None,
    ) -> None:
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
        figures = self.enterprise.financial_year(year)
        value: Money | None = None if figures is None else getattr(figures, name)
        return value

    def number(self, name: str, year: int) -> Money | int | None:
        figures = self.enterprise.financial_year(year)
        value: Money | int | None = None if figures is None else getattr(figures, name)
        return value


@attrs.frozen
class _Outcome:
    verdict: Verdict
    figures: tuple[Figure, ...] = ()
    note: Phrase | None = None


@attrs.frozen
class Check:
    """A single test of a criterion; the subclasses are the tests the rule data can name."""

    def evaluate(self, context: _Context) -> _Outcome:
        """Decide the test for one firm."""
        raise NotImplementedError

    def threshold(self) -> Threshold | None:
        """The threshold compared with."""
        raise NotImplementedError

    def describe(self, language: _Language, last_year: int | None) -> str:
        """What the test asks, with the years it reads (generic when ``last_year`` is None)."""
        raise NotImplementedError


@attrs.frozen
class ProfileMinimum(Check):
    """A Profile fact of at least a number: years in the niche, IP rights, market share."""

    field: str
    at_least: Decimal | int

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS at or above the minimum; UNKNOWN when the fact is unknown."""
        value: Decimal | int | None = getattr(context.profile, self.field)
        figures = (Figure(self.field, value),)
        if value is None:
            return _Outcome(Verdict.UNKNOWN, figures, _unknown_fact(self.field))
        return _Outcome(Verdict.of(value >= self.at_least), figures)

    def threshold(self) -> Threshold:
        """At least the minimum."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``years in the niche ≥ 3``."""
        del last_year
        return f"{_FIGURE_NAMES[self.field].pick(language)} ≥ {_value_text(self.at_least)}"


@attrs.frozen
class ProfileFlag(Check):
    """A Profile fact that must be true (an own brand), or false (the abnormal-operations list)."""

    field: str
    expected: bool = attrs.field(default=True, kw_only=True)

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS when the fact is as expected, FAIL when not, UNKNOWN when unknown."""
        value: bool | None = getattr(context.profile, self.field)
        figures = (Figure(self.field, value),)
        note = _unknown_fact(self.field) if value is None else None
        return _Outcome(
            Verdict.of(None if value is None else value is self.expected), figures, note
        )

    def threshold(self) -> Threshold:
        """The fact is as expected."""
        return Threshold("is", value=self.expected)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``own brand: yes``; ``on the abnormal-operations list: no``."""
        del last_year
        label = _FIGURE_NAMES[self.field].pick(language)
        if language == "zh":
            return f"{label}：{'是' if self.expected else '否'}"
        return f"{label}: {'yes' if self.expected else 'no'}"


@attrs.frozen
class ProductFieldCheck(Check):
    """The main product's field is one of those listed.

    ``ProductField.OTHER`` ("none of the above") fails; a field that is not listed but may overlap
    a listed one (``STRATEGIC_EMERGING``) is UNKNOWN.
    """

    values: tuple[ProductField, ...]

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS for a listed field, FAIL for OTHER, UNKNOWN otherwise."""
        value = context.profile.main_product_field
        figures = (Figure("main_product_field", value),)
        if value is None:
            return _Outcome(Verdict.UNKNOWN, figures, _unknown_fact("main_product_field"))
        if value in self.values:
            return _Outcome(Verdict.PASS, figures)
        if value is ProductField.OTHER:
            return _Outcome(Verdict.FAIL, figures)
        note = Phrase(
            f"the field recorded ({value.value}) may overlap a listed one; record the listed "
            "field the product belongs to",
            f"所记录的领域（{_FIELD_NAMES[value].zh}）可能与所列领域重合；请记录产品所属的所列领域",
        )
        return _Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """One of the listed fields."""
        return Threshold("one_of", tuple(value.value for value in self.values))

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``main-product field one of: ...``."""
        del last_year
        names = [_FIELD_NAMES[value].pick(language) for value in self.values]
        if language == "zh":
            return "主导产品属于：" + "、".join(names)
        return "main-product field one of: " + ", ".join(names)


@attrs.frozen
class InstitutionLevelCheck(Check):
    """An R&D institution recognised at one of the listed levels."""

    levels: tuple[str, ...]

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS at a listed level; FAIL with no institution or at another level."""
        has = context.profile.rd_institution
        level = context.profile.rd_institution_level
        figures = (Figure("rd_institution", has), Figure("rd_institution_level", level))
        if has is False:
            return _Outcome(Verdict.FAIL, figures)
        if level is not None:
            return _Outcome(Verdict.of(level in self.levels), figures)
        return _Outcome(Verdict.UNKNOWN, figures, _unknown_fact("rd_institution_level"))

    def threshold(self) -> Threshold:
        """One of the listed levels."""
        return Threshold("one_of", self.levels)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``R&D institution recognised at national or provincial level``."""
        del last_year
        levels = _levels_text(self.levels, language)
        if language == "zh":
            return f"研发机构获{levels}认定"
        return f"R&D institution recognised at {levels} level"


@attrs.frozen
class AwardCheck(Check):
    """A science and technology award of a listed level in the last ``years`` years."""

    years: int
    levels: tuple[str, ...]
    top: int | None = None

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS when a recorded award matches; UNKNOWN when awards are unknown."""
        awards = context.profile.science_awards
        if awards is None:
            figures = (Figure("science_awards", None),)
            return _Outcome(Verdict.UNKNOWN, figures, _unknown_fact("science_awards"))
        window = context.years(self.years)
        recorded = tuple(sorted(awards, key=lambda a: (a.year, a.level, a.rank)))
        matched = any(
            award.year in window
            and award.level in self.levels
            and (self.top is None or award.rank <= self.top)
            for award in recorded
        )
        return _Outcome(Verdict.of(matched), (Figure("science_awards", recorded),))

    def threshold(self) -> Threshold:
        """Ranked at most ``top``, or of a listed level."""
        if self.top is not None:
            return Threshold("at_most", self.top)
        return Threshold("one_of", self.levels)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``national science and technology award in 2022–2024, ranked top 3``."""
        levels = _levels_text(self.levels, language)
        window = _window(self.years, last_year, language)
        if language == "zh":
            rank = "" if self.top is None else f"（排名前{self.top}）"
            return f"{window}获得{levels}科技奖励{rank}"
        rank = "" if self.top is None else f", ranked top {self.top}"
        return f"{levels} science and technology award in {window}{rank}"


@attrs.frozen
class ChuangkeCheck(Check):
    """A 创客中国 placing in the top ``top`` in the last ``years`` years.

    ``unresolved_top`` marks a group whose standing the sources leave open: the little-giant
    criteria (附件3) are believed to say 50强 while most mirrors say 500强 (domain audit
    2026-12, §3), so a place in the 500强 but not the 50强 is UNKNOWN, with the reason.
    """

    years: int
    top: int
    unresolved_top: int | None = attrs.field(default=None, kw_only=True)

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS when a placing is in the group; UNKNOWN when placings are unknown or unresolved."""
        placings = context.profile.chuangke_placings
        if placings is None:
            figures = (Figure("chuangke_placings", None),)
            return _Outcome(Verdict.UNKNOWN, figures, _unknown_fact("chuangke_placings"))
        window = context.years(self.years)
        recorded = tuple(sorted(placings, key=lambda p: (p.year, p.top)))
        figures = (Figure("chuangke_placings", recorded),)
        tops = [p.top for p in recorded if p.year in window]
        if any(top <= self.top for top in tops):
            return _Outcome(Verdict.PASS, figures)
        wider = self.unresolved_top
        if wider is not None and any(top <= wider for top in tops):
            note = Phrase(
                f"a {wider}强 place that is not a {self.top}强 place: which group the criteria "
                f"require ({self.top}强 or {wider}强) is unresolved in the sources",
                f"获得{wider}强但非{self.top}强：标准要求{self.top}强还是{wider}强，来源未定",
            )
            return _Outcome(Verdict.UNKNOWN, figures, note)
        return _Outcome(Verdict.FAIL, figures)

    def threshold(self) -> Threshold:
        """A group no larger than ``top``."""
        return Threshold("at_most", self.top)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``创客中国 500强 in 2022–2024``."""
        window = _window(self.years, last_year, language)
        wider = self.unresolved_top
        if language == "zh":
            open_ = "" if wider is None else f"（{wider}强未定）"
            return f"{window}获得创客中国{self.top}强{open_}"
        open_ = "" if wider is None else f"; a {wider}强 place is unresolved"
        return f"创客中国 {self.top}强 (top {self.top}) in {window}{open_}"


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

    level: str

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS with a valid designation of the level or higher, else UNKNOWN with the reason."""
        held = context.enterprise.level_on(context.as_of)
        figures = (Figure("designation_held", None if held is None else held.value),)
        wanted = DesignationLevel.parse(self.level)
        if held is not None and held >= wanted:
            return _Outcome(Verdict.PASS, figures)
        if held is DesignationLevel.MUNICIPAL:
            note = Phrase(
                "only a municipal designation is recorded; in Beijing, Shanghai, Tianjin and "
                "Chongqing the city's own recognition is the provincial rung",
                "仅有市级认定记录；北京、上海、天津、重庆的市级认定即省级",
            )
        else:
            note = Phrase(
                f"no valid {wanted.value} designation is recorded on {context.as_of}; an absent "
                "record does not show that the firm holds none",
                f"{context.as_of}无有效{wanted.chinese}认定记录；无记录不等于未获认定",
            )
        return _Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """One of the level and the levels above it."""
        wanted = DesignationLevel.parse(self.level)
        return Threshold("one_of", tuple(lv.value for lv in DesignationLevel if lv >= wanted))

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``a valid provincial designation or higher``."""
        del last_year
        if language == "zh":
            return f"已获有效{_LEVEL_NAMES[self.level].zh}认定"
        return f"a valid {self.level} designation or higher"


@attrs.frozen
class HonourCheck(Check):
    """A valid honour whose name contains one of the names listed ("such as", 等)."""

    names: tuple[str, ...]

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS on a named honour; FAIL with none; UNKNOWN with only honours not named."""
        honours = context.profile.honours
        if honours is None:
            figures = (Figure("honours", None),)
            return _Outcome(Verdict.UNKNOWN, figures, _unknown_fact("honours"))
        recorded = tuple(sorted(honours))
        figures = (Figure("honours", recorded),)
        if any(name in honour for honour in recorded for name in self.names):
            return _Outcome(Verdict.PASS, figures)
        if not recorded:
            return _Outcome(Verdict.FAIL, figures)
        note = Phrase(
            "the honours recorded are not among those the text names; one it does not name may "
            "still count (等), so decide by hand",
            "所记录的荣誉不在原文所列之列；原文未列的荣誉（等）也可能符合，请人工判断",
        )
        return _Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """One of the named honours."""
        return Threshold("one_of", self.names)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``an honour such as 高新技术企业, ...``."""
        del last_year
        if language == "zh":
            return "、".join(self.names) + "等荣誉（有效期内）"
        return "a valid honour such as " + ", ".join(self.names)


@attrs.frozen
class FigureMinimum(Check):
    """Last year's money figure of at least an amount (revenue, R&D expense)."""

    figure: str
    at_least: Money

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS at or above the amount; UNKNOWN when last year's figure is unknown.

        Raises:
            CurrencyMismatchError: the figure is not in the threshold's currency.
        """
        year = context.last_year
        value = context.money(self.figure, year)
        figures = (Figure(self.figure, value, year=year),)
        if value is None:
            return _Outcome(Verdict.UNKNOWN, figures, _unknown_figure(self.figure, year))
        return _Outcome(Verdict.of(value >= self.at_least), figures)

    def threshold(self) -> Threshold:
        """At least the amount."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``operating revenue 2024 ≥ 1000万元``."""
        label = _year_label(self.figure, last_year, language)
        return f"{label} ≥ {_money_text(self.at_least, language)}"


#: The shares a ratio check reads: numerator and denominator fields of a FinancialYear.
RATIOS: Final = {
    "rd_ratio": ("rd_expense", "operating_revenue"),
    "main_business_share": ("main_business_revenue", "operating_revenue"),
    "debt_ratio": ("total_liabilities", "total_assets"),
    "rd_staff_share": ("rd_staff", "staff"),
}

_OPS: Final = {"at_least": "≥", "at_most": "≤", "above": ">", "below": "<"}


def _holds(value: Fraction, op: str, bound: Decimal) -> bool:
    limit = Fraction(bound)
    if op == "at_least":
        return value >= limit
    if op == "at_most":
        return value <= limit
    if op == "above":
        return value > limit
    return value < limit


def _share(context: _Context, ratio: str, year: int) -> tuple[Fraction | None, tuple[Figure, ...]]:
    """A share as an exact fraction (None when unknown or over zero) and the figures behind it."""
    top_name, bottom_name = RATIOS[ratio]
    top, bottom = context.number(top_name, year), context.number(bottom_name, year)
    value: Fraction | None = None
    shown: Decimal | None = None
    if top is not None and bottom is not None:
        numerator, denominator = _amount(top), _amount(bottom)
        if denominator != 0:
            value = Fraction(numerator) / Fraction(denominator)
            shown = DIVISION.divide(numerator, denominator)
    figures = (
        Figure(top_name, top, year=year),
        Figure(bottom_name, bottom, year=year),
        Figure(ratio, shown, year=year),
    )
    return value, figures


def _amount(value: Money | int) -> Decimal:
    return value.amount if isinstance(value, Money) else Decimal(value)


def _share_note(context: _Context, ratio: str, year: int) -> Phrase:
    top_name, bottom_name = RATIOS[ratio]
    for name in (top_name, bottom_name):
        if context.number(name, year) is None:
            return _unknown_figure(name, year)
    return _zero_base(bottom_name, year)


@attrs.frozen
class RatioCheck(Check):
    """A share of at least (or at most) a fraction, last year or in each of the last years."""

    ratio: str
    op: str
    bound: Decimal
    years: int = 1

    def evaluate(self, context: _Context) -> _Outcome:
        """Test each year on its own figures and AND the years.

        A share over a zero denominator is undefined: UNKNOWN.
        """
        verdicts: list[Verdict] = []
        figures: list[Figure] = []
        note: Phrase | None = None
        for year in context.years(self.years):
            value, used = _share(context, self.ratio, year)
            figures.extend(used)
            if value is None:
                verdicts.append(Verdict.UNKNOWN)
                note = note or _share_note(context, self.ratio, year)
            else:
                verdicts.append(Verdict.of(_holds(value, self.op, self.bound)))
        verdict = Verdict.all_of(verdicts)
        return _Outcome(verdict, tuple(figures), note if verdict is Verdict.UNKNOWN else None)

    def threshold(self) -> Threshold:
        """The bound, with its comparison."""
        return Threshold(self.op, self.bound)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``R&D share of operating revenue ≥ 3% in each of 2023 and 2024``."""
        label = _FIGURE_NAMES[self.ratio].pick(language)
        bound = f"{_OPS[self.op]} {_percent(self.bound)}"
        if self.years == 1:
            return f"{_year_label(self.ratio, last_year, language)} {bound}"
        window = _window(self.years, last_year, language)
        if language == "zh":
            return f"{window}每年{label}均 {bound}"
        return f"{label} {bound} in each year of {window}"


@attrs.frozen
class TotalCheck(Check):
    """A money figure's total (or yearly mean) over the last ``years`` years of at least an amount.

    Unknown years count as unknown, but the figures are never negative, so a known part that
    already reaches the amount passes.
    """

    figure: str
    years: int
    at_least: Money
    mean: bool = False

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS once the known years reach the amount; FAIL when all are known and short.

        Raises:
            CurrencyMismatchError: a figure is not in the threshold's currency.
        """
        years = context.years(self.years)
        values = [context.money(self.figure, year) for year in years]
        figures = [
            Figure(self.figure, value, year=year) for year, value in zip(years, values, strict=True)
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
            return _Outcome(Verdict.PASS, tuple(figures))
        if complete:
            return _Outcome(Verdict.FAIL, tuple(figures))
        missing = next(year for year, value in zip(years, values, strict=True) if value is None)
        return _Outcome(Verdict.UNKNOWN, tuple(figures), _unknown_figure(self.figure, missing))

    def threshold(self) -> Threshold:
        """At least the amount."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``new equity financing, total over 2023–2024 ≥ 8000万元``."""
        label = _FIGURE_NAMES[self.figure].pick(language)
        window = _window(self.years, last_year, language)
        amount = _money_text(self.at_least, language)
        if language == "zh":
            kind = "年均" if self.mean else "合计"
            return f"{window}{label}{kind} ≥ {amount}"
        kind = "yearly mean" if self.mean else "total"
        return f"{label}, {kind} over {window} ≥ {amount}"


@attrs.frozen
class MeanGrowthCheck(Check):
    """The mean of the yearly growth rates of a money figure over the last ``years`` years."""

    figure: str
    years: int
    at_least: Decimal

    def evaluate(self, context: _Context) -> _Outcome:
        """Compute each year's growth over the year before and compare their mean, exactly.

        Needs ``years + 1`` years of figures; growth from a zero base is undefined (UNKNOWN).

        Raises:
            CurrencyMismatchError: two years are in different currencies.
        """
        years = context.years(self.years + 1)
        values = [context.money(self.figure, year) for year in years]
        figures = [
            Figure(self.figure, value, year=year) for year, value in zip(years, values, strict=True)
        ]
        rates: list[Fraction | None] = []
        note: Phrase | None = None
        for index in range(1, len(years)):
            before, after = values[index - 1], values[index]
            rate: Fraction | None = None
            if before is None or after is None:
                gap = years[index - 1] if before is None else years[index]
                note = note or _unknown_figure(self.figure, gap)
            elif before.currency != after.currency:
                raise CurrencyMismatchError(before.currency, after.currency, "compute growth of")
            elif before.amount == 0:
                note = note or _zero_base(self.figure, years[index - 1])
            else:
                rate = Fraction(after.amount - before.amount) / Fraction(before.amount)
            rates.append(rate)
            figures.append(Figure(f"{self.figure}_growth", _decimal(rate), year=years[index]))
        known = [rate for rate in rates if rate is not None]
        if len(known) < len(rates):
            figures.append(Figure("mean_growth", None, year=context.last_year))
            return _Outcome(Verdict.UNKNOWN, tuple(figures), note)
        mean = sum(known, Fraction(0)) / len(known)
        figures.append(Figure("mean_growth", _decimal(mean), year=context.last_year))
        return _Outcome(Verdict.of(mean >= Fraction(self.at_least)), tuple(figures))

    def threshold(self) -> Threshold:
        """At least the mean growth."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``mean yearly growth of main-business revenue over 2023–2024 ≥ 5%``."""
        label = _FIGURE_NAMES[self.figure].pick(language)
        window = _window(self.years, last_year, language)
        bound = _percent(self.at_least)
        if language == "zh":
            return f"{window}{label}平均增长率 ≥ {bound}"
        return f"mean yearly growth of {label} over {window} ≥ {bound}"


def _decimal(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return DIVISION.divide(Decimal(value.numerator), Decimal(value.denominator))


@attrs.frozen
class ScoreCheck(Check):
    """The innovative-SME score, in total or for one group, of at least some points."""

    group: str | None
    at_least: int

    def evaluate(self, context: _Context) -> _Outcome:
        """PASS if the lowest possible score reaches the bound, FAIL if the highest does not."""
        score = context.score
        if score is None:
            raise InvalidRecordError(self, "a score check needs the tier's scoring indicators")
        low, high = (
            (score.low, score.high)
            if self.group is None
            else (score.group(self.group).low, score.group(self.group).high)
        )
        if low == high:
            figures: tuple[Figure, ...] = (Figure("points", low),)
        else:
            figures = (Figure("points_low", low), Figure("points_high", high))
        if low >= self.at_least:
            return _Outcome(Verdict.PASS, figures)
        if high < self.at_least:
            return _Outcome(Verdict.FAIL, figures)
        note = Phrase(
            f"the score is {low} to {high} points: some indicators' figures are unknown",
            f"得分在{low}至{high}分之间：部分指标数据未知",
        )
        return _Outcome(Verdict.UNKNOWN, figures, note)

    def threshold(self) -> Threshold:
        """At least the points."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``innovation score ≥ 20 points``."""
        del last_year
        if language == "zh":
            what = "总分" if self.group is None else f"{_GROUP_NAMES[self.group].zh}得分"
            return f"{what} ≥ {self.at_least}分"
        what = "total score" if self.group is None else f"{self.group} score"
        return f"{what} ≥ {self.at_least} points"


@attrs.frozen
class SuppliedScoreCheck(Check):
    """An evaluation score the caller supplies (``assess(..., score=)``) of at least some points."""

    at_least: Decimal | int

    def evaluate(self, context: _Context) -> _Outcome:
        """Compare the supplied score; UNKNOWN when none is supplied."""
        score = context.supplied_score
        figures = (Figure("score", score),)
        if score is None:
            note = Phrase(
                "no evaluation score supplied: littlegiants does not compute the 13-indicator "
                "score, pass score= to assess()",
                "未提供评价得分：littlegiants不计算13项指标得分，请通过score=提供",
            )
            return _Outcome(Verdict.UNKNOWN, figures, note)
        return _Outcome(Verdict.of(score >= self.at_least), figures)

    def threshold(self) -> Threshold:
        """At least the points."""
        return Threshold("at_least", self.at_least)

    def describe(self, language: _Language, last_year: int | None) -> str:
        """``evaluation score (supplied) ≥ 60 points``."""
        del last_year
        if language == "zh":
            return f"评价得分（由调用方提供）≥ {self.at_least}分"
        return f"evaluation score (supplied) ≥ {self.at_least} points"


@attrs.frozen(kw_only=True)
class Criterion:
    """One criterion of the rule data: a single test, or a group of criteria.

    Attributes:
        id: dotted, starting with the tier: ``little-giant.refinement.debt-ratio``.
        name: its name.
        combine: ``"all"``, ``"any"`` or ``"band"`` for a group; ``None`` for a test.
        check: the test, for a single criterion.
        by: for a band group, the money figure of last year whose band chooses the criterion.
        band: for a criterion inside a band group, the band it applies to.
        children: the criteria of a group, in the file's order.
        document: the document and annex it comes from.
        quote, text: the source's words; the reference notes' statement.
        sources: where the text was read.
        confidence: the sources' confidence.
        readings: ids of the readings taken.
        note: a note on the rule data.
        purposes: the purposes it is assessed for (empty: every purpose); the annual notices'
            provincial-SME gate concerns applications only.
    """

    id: str
    name: Phrase
    combine: str | None = None
    check: Check | None = None
    by: str | None = None
    band: RevenueBand | None = None
    children: tuple[Criterion, ...] = ()
    document: str
    quote: str | None = None
    text: str | None = None
    sources: tuple[Source, ...] = ()
    confidence: str
    readings: tuple[str, ...] = ()
    note: str | None = None
    purposes: tuple[Purpose, ...] = ()

    def applies_to(self, purpose: Purpose) -> bool:
        """Whether the criterion is assessed for ``purpose``."""
        return not self.purposes or purpose in self.purposes

    def walk(self) -> Iterator[Criterion]:
        """Yield this criterion and every criterion inside it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def source(self) -> CriterionSource:
        """The criterion's source, as results report it."""
        return CriterionSource(
            document=self.document,
            quote=self.quote,
            text=self.text,
            urls=tuple(source.cited for source in self.sources),
            confidence=self.confidence,
        )

    def requirement(self, language: _Language, last_year: int | None) -> str:
        """What the criterion asks, in words."""
        if self.check is not None:
            text = self.check.describe(language, last_year)
        elif self.combine == "band":
            label = _year_label(self.by or "", last_year, language)
            text = f"按{label}分档" if language == "zh" else f"by band of {label}"
        elif self.combine == "any":
            text = "满足其一" if language == "zh" else "any one of"
        else:
            text = "全部满足" if language == "zh" else "all of"
        if self.band is not None:
            separator = "：" if language == "zh" else ": "
            text = self.band.describe(language) + separator + text
        if self.purposes:
            names = [_PURPOSE_WORDS[purpose].pick(language) for purpose in self.purposes]
            text = (
                f"（仅{'、'.join(names)}）{text}"
                if language == "zh"
                else f"({', '.join(names)} only) {text}"
            )
        return text


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

    def describe(self, language: _Language) -> str:
        """``≥ 5%: 20``."""
        unit = "分" if language == "zh" else ""
        if self.op is not None and self.bound is not None:
            return f"{_OPS[self.op]} {_percent(self.bound)}: {self.points}{unit}"
        if self.when is not None:
            return f"{_WHEN_NAMES[self.when].pick(language)}: {self.points}{unit}"
        other = "其他" if language == "zh" else "otherwise"
        return f"{other}: {self.points}{unit}"


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


@attrs.frozen(kw_only=True)
class Waiver:
    """An amendment's waiver of a criterion, for some purposes (re-reviews)."""

    criterion: str
    purposes: tuple[Purpose, ...]
    quote: str | None = None
    text: str | None = None


@attrs.frozen(kw_only=True)
class AmendmentRule:
    """A dated amendment: criteria added and waived for some tiers between two dates.

    Attributes:
        id: the amendment's id in the file.
        document: the amending document, e.g. ``工信厅企业函〔2025〕190号``.
        issued: the document's date.
        summary: what the document is.
        tiers: the tiers it changes.
        start, end: the assessment dates it applies to, inclusive.
        applies_note: why those dates.
        criteria: criteria it adds.
        waivers: criteria it waives.
        sources, confidence, readings, notes: provenance, and what it says that is not assessed.
    """

    id: str
    document: str
    issued: date
    summary: str
    tiers: tuple[Tier, ...]
    start: date
    end: date
    applies_note: str | None = None
    criteria: tuple[Criterion, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    sources: tuple[Source, ...] = ()
    confidence: str
    readings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def applies(self, tier: Tier, on: date) -> bool:
        """Whether the amendment applies to an assessment of ``tier`` dated ``on``."""
        return tier in self.tiers and self.start <= on <= self.end


@attrs.frozen(kw_only=True)
class Supersession:
    """The document that replaces a criteria set, from a date, and what is known of it."""

    title: str
    published: date | None
    effective: date
    sources: tuple[Source, ...] = ()
    note: str


@attrs.frozen(kw_only=True)
class CriteriaSet:
    """A dated set of eligibility criteria for the three tiers, with its amendments.

    Read one with :meth:`from_toml` or :func:`load_criteria`; the file format is described in
    ``docs/eligibility.md``.

    >>> criteria = load_criteria("miit-2022")
    >>> criteria.document, str(criteria.effective_from), str(criteria.effective_to)
    ('工信部企业〔2022〕63号', '2022-06-01', '2026-03-31')
    >>> criteria.root(Tier.LITTLE_GIANT).children[0].id
    'little-giant.specialisation'
    """

    id: str
    title: str
    title_en: str | None = None
    document: str
    issuer: str
    currency: str
    confidence: str
    effective_from: date
    effective_to: date | None
    effective_note: str | None = None
    superseded: Supersession | None = None
    sources: tuple[Source, ...] = ()
    readings: tuple[Reading, ...] = ()
    roots: tuple[Criterion, ...]
    scoring: Scoring | None = None
    amendments: tuple[AmendmentRule, ...] = ()
    path: str | None = attrs.field(default=None, eq=False)

    @classmethod
    def from_toml(cls, path: str | Path) -> CriteriaSet:
        """Read a criteria file.

        Raises:
            CriteriaFileError: any problem in the file, naming the file, key path and line: not
                UTF-8, not TOML, nested too deeply, a bad value.
            UnreadableFileError: the path is missing (``MissingDataFileError``, also a
                ``FileNotFoundError``), a folder or FIFO, or not permitted (an ``OSError``).
        """
        from littlegiants._tomlindex import read_file  # noqa: PLC0415
        from littlegiants.errors import CriteriaFileError  # noqa: PLC0415

        file = Path(path)
        return cls.from_toml_text(read_file(file, CriteriaFileError), path=str(file))

    @classmethod
    def from_toml_text(cls, text: str, *, path: str = "<string>") -> CriteriaSet:
        """Read criteria from TOML text (``path`` names it in errors).

        >>> CriteriaSet.from_toml_text('id = "x"', path="x.toml")
        Traceback (most recent call last):
        ...
        littlegiants.errors.CriteriaFileError: Bad criteria file (x.toml, key title): a required ...
        """
        from littlegiants._criteriafile import read_criteria  # noqa: PLC0415

        return read_criteria(text, path)

    def is_in_force(self, on: date) -> bool:
        """Whether the criteria govern assessments dated ``on``."""
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def general(self) -> Criterion | None:
        """The criterion holding the general conditions of every tier, if the set has them."""
        for root in self.roots:
            if root.id == GENERAL:
                return root
        return None

    def root(self, tier: Tier) -> Criterion:
        """The criterion holding all of a tier's criteria."""
        for root in self.roots:
            if root.id == tier.value:
                return root
        raise CriteriaNotAvailableError(tier.value, f"{self.id} has no criteria for this tier")

    def reading(self, reading_id: str) -> Reading:
        """Return the reading with this id."""
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        raise CriteriaNotAvailableError(reading_id, f"{self.id} has no such reading")


# -- the bundled criteria -------------------------------------------------------------------------


@functools.cache
def _catalogue() -> dict[str, str]:
    root = resources.files("littlegiants") / "data" / "criteria"
    return {
        entry.name.removesuffix(".toml"): str(entry)
        for entry in root.iterdir()
        if entry.name.endswith(".toml")
    }


@functools.cache
def load_criteria(criteria_id: str) -> CriteriaSet:
    """Return the bundled criteria set with this id.

    Raises:
        CriteriaNotAvailableError: no bundled set has this id (a ``LookupError``).

    >>> load_criteria("miit-2018")
    Traceback (most recent call last):
    ...
    littlegiants.eligibility.CriteriaNotAvailableError: No eligibility criteria ...
    """
    catalogue = _catalogue()
    if criteria_id not in catalogue:
        known = ", ".join(sorted(catalogue))
        raise CriteriaNotAvailableError(criteria_id, f"no bundled criteria set has it ({known})")
    return CriteriaSet.from_toml(catalogue[criteria_id])


def criteria_sets() -> tuple[CriteriaSet, ...]:
    """Return every bundled criteria set, earliest first.

    >>> [c.id for c in criteria_sets()]
    ['miit-2022']
    """
    loaded = (load_criteria(criteria_id) for criteria_id in _catalogue())
    return tuple(sorted(loaded, key=lambda c: c.effective_from))


def criteria_on(as_of: date) -> CriteriaSet:
    """Return the bundled criteria that govern assessments dated ``as_of``.

    Raises:
        CriteriaNotAvailableError: none do: the date is before 2022-06-01, or on or after
            2026-04-01, when the revised Measures (numbers not found) apply.
        InvalidPeriodError: ``as_of`` is not a ``datetime.date``.

    >>> criteria_on(date(2025, 6, 30)).id
    'miit-2022'
    >>> criteria_on(date(2022, 5, 31))
    Traceback (most recent call last):
    ...
    littlegiants.eligibility.CriteriaNotAvailableError: No ... for 2022-05-31: the earliest ...
    """
    _check_date(as_of)
    return _set_on(criteria_sets(), as_of)


def _set_on(sets: tuple[CriteriaSet, ...], as_of: date) -> CriteriaSet:
    for criteria in sets:
        if criteria.is_in_force(as_of):
            return criteria
    earlier = [c for c in sets if c.effective_to is not None and c.effective_to < as_of]
    if earlier:
        last = max(earlier, key=lambda c: c.effective_from)
        if last.superseded is not None and last.superseded.effective <= as_of:
            successor = last.superseded
            reason = (
                f"《{successor.title}》 governs assessments from {successor.effective} and "
                f"replaces {last.document}, but its thresholds were not found in the sources; "
                f"littlegiants does not apply the {last.effective_from.year} numbers in its place"
            )
            raise CriteriaNotAvailableError(as_of, reason)
    if sets and as_of < sets[0].effective_from:
        first = sets[0]
        reason = (
            f"the earliest bundled criteria, {first.document} (《{first.title}》), apply from "
            f"{first.effective_from}; earlier criteria are not bundled"
        )
        raise CriteriaNotAvailableError(as_of, reason)
    raise CriteriaNotAvailableError(as_of, "no bundled criteria set covers this date")


def _check_date(as_of: object) -> None:
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise InvalidPeriodError(as_of, "as_of must be a datetime.date such as date(2025, 6, 30)")


# -- assessing ------------------------------------------------------------------------------------


def assess(
    enterprise: Enterprise,
    tier: Tier | str,
    *,
    as_of: date,
    purpose: Purpose | str = Purpose.APPLICATION,
    score: Decimal | int | None = None,
    criteria: CriteriaSet | None = None,
) -> Assessment:
    """Pre-assess a firm against one tier's criteria on a date.

    Args:
        enterprise: the firm; its ``profile`` gives the non-financial facts and its
            ``financials`` the figures. ``None`` anywhere is unknown, never assumed.
        tier: the tier, or its name (see :meth:`Tier.parse`).
        as_of: the assessment date: "last year" is the calendar year before it, and it chooses
            the criteria (and amendments) in force.
        purpose: ``"application"`` or ``"re-review"`` (复核); the 2025 notice waives the growth
            test for re-reviews only.
        score: for :attr:`Tier.SRDI_SME` only, the provincial evaluation score (13 indicators,
            not in the sources littlegiants has), 0 to 100; without it that alternative is
            UNKNOWN.
        criteria: a criteria set to use instead of the bundled one in force (what-ifs); it
            must be in force on ``as_of``.

    Returns:
        The :class:`Assessment`, criterion by criterion.

    Raises:
        CriteriaNotAvailableError: no criteria govern ``as_of`` (before 2022-06-01, or from
            2026-04-01).
        InvalidRecordError: an unknown tier or purpose, or a bad score.
        InvalidPeriodError: ``as_of`` is not a date.
        CurrencyMismatchError: a money figure is not in yuan (convert it first with an explicit,
            dated rate).
    """
    tier = Tier.parse(tier)
    purpose = _purpose(purpose)
    _check_date(as_of)
    supplied = _supplied_score(score, tier)
    if criteria is None:
        criteria = criteria_on(as_of)
    elif not criteria.is_in_force(as_of):
        raise CriteriaNotAvailableError(
            as_of,
            f"{criteria.id} applies from {criteria.effective_from} to "
            f"{criteria.effective_to or '(open)'}",
        )
    context = _Context(enterprise, as_of=as_of, purpose=purpose, supplied_score=supplied)
    amendments = tuple(a for a in criteria.amendments if a.applies(tier, as_of))
    root = criteria.root(tier)
    general = criteria.general()
    for amendment in amendments:
        for added in amendment.criteria:
            if added.id.startswith(GENERAL + ".") and general is not None:
                general = _insert(general, added)
            else:
                root = _insert(root, added)
    waivers = {
        waiver.criterion: amendment
        for amendment in amendments
        for waiver in amendment.waivers
        if purpose in waiver.purposes
    }
    if criteria.scoring is not None and criteria.scoring.tier is tier:
        context.score = _score(criteria.scoring, context)
    results = tuple(_evaluate(child, context, waivers) for child in _for(root, purpose))
    conditions = () if general is None else _for(general, purpose)
    return Assessment(
        name=enterprise.name,
        key=enterprise.key,
        tier=tier,
        purpose=purpose,
        as_of=as_of,
        criteria_set=criteria.id,
        document=criteria.document,
        amendments=tuple(amendment.document for amendment in amendments),
        verdict=Verdict.all_of(result.verdict for result in results),
        criteria=results,
        score=context.score,
        general=tuple(_evaluate(child, context, waivers) for child in conditions),
    )


def assess_many(
    enterprises: Iterable[Enterprise],
    tier: Tier | str,
    *,
    as_of: date,
    purpose: Purpose | str = Purpose.APPLICATION,
    scores: Mapping[str, Decimal | int] | None = None,
    criteria: CriteriaSet | None = None,
) -> tuple[Assessment, ...]:
    """Assess many firms against one tier, in the order given (the CLI's ``check`` command).

    Args:
        enterprises: the firms.
        tier: the tier, or its name.
        as_of: the assessment date.
        purpose: ``"application"`` or ``"re-review"``.
        scores: provincial evaluation scores by :attr:`Enterprise.key` (provincial tier only).
        criteria: a criteria set to use instead of the bundled one in force.

    Raises:
        The errors of :func:`assess`.

    >>> from datetime import date
    >>> from littlegiants import Enterprise
    >>> [a.verdict.value for a in assess_many([Enterprise("甲公司")], "little-giant",
    ...                                       as_of=date(2024, 6, 30))]
    ['unknown']
    """
    tier = Tier.parse(tier)
    found = scores or {}
    return tuple(
        assess(
            enterprise,
            tier,
            as_of=as_of,
            purpose=purpose,
            score=found.get(enterprise.key),
            criteria=criteria,
        )
        for enterprise in enterprises
    )


def _purpose(purpose: object) -> Purpose:
    if isinstance(purpose, Purpose):
        return purpose
    for candidate in Purpose:
        if purpose == candidate.value:
            return candidate
    raise InvalidRecordError(purpose, "purpose must be 'application' or 're-review'")


def _supplied_score(score: object, tier: Tier) -> Decimal | int | None:
    if score is None:
        return None
    if tier is not Tier.SRDI_SME:
        raise InvalidRecordError(
            score,
            "score= is the provincial tier's evaluation score (Tier.SRDI_SME); the innovative-SME "
            "score is computed, and little giants are not scored",
        )
    if isinstance(score, Decimal | int) and not isinstance(score, bool):
        value = to_decimal(score)
        if value is not None and 0 <= value <= 100:
            return score
    raise InvalidRecordError(score, "score must be an int or Decimal from 0 to 100 (never a float)")


def _for(node: Criterion, purpose: Purpose) -> tuple[Criterion, ...]:
    """The criteria inside ``node`` that are assessed for ``purpose``."""
    return tuple(child for child in node.children if child.applies_to(purpose))


def _insert(node: Criterion, added: Criterion) -> Criterion:
    parent = added.id.rpartition(".")[0]
    if node.id == parent:
        return attrs.evolve(node, children=(*node.children, added))
    if not added.id.startswith(node.id + "."):
        return node
    return attrs.evolve(node, children=tuple(_insert(child, added) for child in node.children))


def _evaluate(
    node: Criterion, context: _Context, waivers: Mapping[str, AmendmentRule]
) -> CriterionResult:
    children: tuple[CriterionResult, ...] = ()
    figures: tuple[Figure, ...] = ()
    note: Phrase | None = None
    if node.check is not None:
        outcome = node.check.evaluate(context)
        verdict, figures, note = outcome.verdict, outcome.figures, outcome.note
    elif node.combine == "band":
        verdict, children, figures, note = _band(node, context, waivers)
    else:
        children = tuple(
            _evaluate(child, context, waivers) for child in _for(node, context.purpose)
        )
        combine = Verdict.any_of if node.combine == "any" else Verdict.all_of
        verdict = combine(child.verdict for child in children)
    waived_by = None
    amendment = waivers.get(node.id)
    if amendment is not None:
        waived_by = amendment.document
        verdict = Verdict.PASS
        note = Phrase(
            f"waived for {_PURPOSE_WORDS[context.purpose].en}s by {amendment.document}",
            f"{amendment.document}对{_PURPOSE_WORDS[context.purpose].zh}企业不作要求",
        )
    return CriterionResult(
        id=node.id,
        name=node.name,
        verdict=verdict,
        requirement=Phrase(
            node.requirement("en", context.last_year), node.requirement("zh", context.last_year)
        ),
        combine=node.combine,
        criteria=children,
        figures=figures,
        threshold=None if node.check is None else node.check.threshold(),
        source=node.source(),
        readings=node.readings,
        note=note,
        waived_by=waived_by,
    )


def _band(
    node: Criterion, context: _Context, waivers: Mapping[str, AmendmentRule]
) -> tuple[Verdict, tuple[CriterionResult, ...], tuple[Figure, ...], Phrase | None]:
    """Choose the band by last year's figure; with the figure unknown, every band is shown.

    Unknown revenue decides nothing by itself: if every band gives the same verdict, that is the
    verdict; otherwise it is UNKNOWN.
    """
    name = node.by or "operating_revenue"
    year = context.last_year
    value = context.money(name, year)
    figures = (Figure(name, value, year=year),)
    if value is None:
        children = tuple(_evaluate(child, context, waivers) for child in node.children)
        verdicts = {child.verdict for child in children}
        verdict = verdicts.pop() if len(verdicts) == 1 else Verdict.UNKNOWN
        return verdict, children, figures, _unknown_figure(name, year)
    chosen = next(
        child for child in node.children if child.band is not None and child.band.contains(value)
    )
    result = _evaluate(chosen, context, waivers)
    return result.verdict, (result,), figures, None


# -- the innovative-SME score ---------------------------------------------------------------------


def _score(scoring: Scoring, context: _Context) -> Score:
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


def _indicator(indicator: Indicator, context: _Context) -> IndicatorScore:
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
        value, figures = _share(context, ratio, year)
        if value is None:
            note = _share_note(context, ratio, year)
    else:
        name = indicator.figure or ""
        value, figures, note = _growth(context, name, year)
    low = high = None
    for band in indicator.bands:
        holds: bool | None
        if band.op is not None and band.bound is not None:
            holds = None if value is None else _holds(value, band.op, band.bound)
        elif band.when is not None:
            holds = conditions.get(band.when)
        else:
            holds = True
        if high is None and holds is not False:
            high = band.points
        if holds is True:
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
        return flag, (Figure("in_strategic_emerging_catalogue", flag),)
    figures = (Figure("main_product_field", field),)
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
        Figure("high_value_class1_ip", profile.high_value_class1_ip),
        Figure("self_developed_class1_ip", profile.self_developed_class1_ip),
        Figure("class1_ip_count", count),
        Figure("class2_ip_count", profile.class2_ip_count),
    )
    conditions = {
        "high-value-class1-ip": high_value,
        "self-developed-class1-ip": self_developed,
        "class1-ip": class1,
        "class2-ip": class2,
    }
    return conditions, figures


def _growth(
    context: _Context, name: str, year: int
) -> tuple[Fraction | None, tuple[Figure, ...], Phrase | None]:
    before, after = context.money(name, year - 1), context.money(name, year)
    rate: Fraction | None = None
    note: Phrase | None = None
    if before is None or after is None:
        note = _unknown_figure(name, year - 1 if before is None else year)
    elif before.currency != after.currency:
        raise CurrencyMismatchError(before.currency, after.currency, "compute growth of")
    elif before.amount == 0:
        note = _zero_base(name, year - 1)
    else:
        rate = Fraction(after.amount - before.amount) / Fraction(before.amount)
    figures = (
        Figure(name, before, year=year - 1),
        Figure(name, after, year=year),
        Figure(f"{name}_growth", _decimal(rate), year=year),
    )
    return rate, figures, note


# -- words ----------------------------------------------------------------------------------------

_FIGURE_NAMES: Final = {
    "operating_revenue": Phrase("operating revenue", "营业收入"),
    "main_business_revenue": Phrase("main-business revenue", "主营业务收入"),
    "rd_expense": Phrase("R&D expense", "研发费用"),
    "rd_staff": Phrase("R&D staff", "研发人员"),
    "staff": Phrase("staff", "职工总数"),
    "total_assets": Phrase("total assets", "资产总额"),
    "total_liabilities": Phrase("total liabilities", "负债总额"),
    "equity_financing": Phrase("new equity financing", "新增股权融资"),
    "rd_ratio": Phrase("R&D share of operating revenue", "研发费用占营业收入比重"),
    "main_business_share": Phrase(
        "main-business share of operating revenue", "主营业务收入占营业收入比重"
    ),
    "debt_ratio": Phrase("debt-to-asset ratio", "资产负债率"),
    "rd_staff_share": Phrase("R&D staff share of all staff", "研发人员占职工总数比重"),
    "equity_financing_total": Phrase("new equity financing, total", "新增股权融资合计"),
    "rd_expense_total": Phrase("R&D expense, total", "研发费用合计"),
    "rd_expense_mean": Phrase("R&D expense, yearly mean", "研发费用年均"),
    "equity_financing_mean": Phrase("new equity financing, yearly mean", "新增股权融资年均"),
    "main_business_revenue_growth": Phrase("main-business revenue growth", "主营业务收入增长率"),
    "operating_revenue_growth": Phrase("operating revenue growth", "营业收入增长率"),
    "mean_growth": Phrase("mean growth", "平均增长率"),
    "years_in_niche": Phrase("years in the niche", "从事细分市场年限"),
    "national_market_share": Phrase("national niche market share", "全国细分市场占有率"),
    "class1_ip_count": Phrase("Class-I IP rights", "Ⅰ类知识产权数"),
    "class2_ip_count": Phrase("Class-II IP rights", "Ⅱ类知识产权数"),
    "high_value_class1_ip": Phrase("high-value Class-I IP", "高价值Ⅰ类知识产权"),
    "self_developed_class1_ip": Phrase("self-developed Class-I IP", "自主研发Ⅰ类知识产权"),
    "rd_institution": Phrase("R&D institution", "研发机构"),
    "rd_institution_level": Phrase("R&D institution level", "研发机构级别"),
    "management_certification": Phrase("management-system certification", "管理体系认证"),
    "product_certification_developed_market": Phrase(
        "product certification in a developed market", "发达国家或地区产品认证"
    ),
    "own_brand": Phrase("own brand", "自主品牌"),
    "science_awards": Phrase("science and technology awards", "科技奖励"),
    "chuangke_placings": Phrase("创客中国 placings", "创客中国名次"),
    "designation_held": Phrase("highest valid designation", "有效认定最高级别"),
    "main_product_field": Phrase("main-product field", "主导产品所属领域"),
    "in_strategic_emerging_catalogue": Phrase(
        "main product in the strategic emerging industries catalogue",
        "主导产品属于《战略性新兴产业分类》",
    ),
    "independent_legal_person": Phrase(
        "registered in the PRC with independent legal personality",
        "在中国境内登记注册、具有独立法人资格",
    ),
    "sme_by_size_rules": Phrase(
        "an SME under the size-classification rules", "符合《中小企业划型标准规定》"
    ),
    "abnormal_operations_listed": Phrase("on the abnormal-operations list", "被列入经营异常名录"),
    "single_champion": Phrase("a manufacturing single champion", "制造业单项冠军企业"),
    "little_giant_control": Phrase(
        "in a controlling relationship with a little giant", "与已认定小巨人企业存在控股关系"
    ),
    "little_giant_group_peer": Phrase(
        "in a little giant's group with a similar main product",
        "与已认定小巨人企业同属一个集团且主导产品相近",
    ),
    "information_systems": Phrase(
        "core businesses with an information system", "信息系统支撑的核心业务数"
    ),
    "honours": Phrase("honours", "荣誉"),
    "supply_chain_role": Phrase("key supply-chain role", "产业链关键环节配套"),
    "score": Phrase("evaluation score", "评价得分"),
    "points": Phrase("points", "得分"),
    "points_low": Phrase("points at least", "得分至少"),
    "points_high": Phrase("points at most", "得分至多"),
}

_FIELD_NAMES: Final = {
    ProductField.CORE_COMPONENTS: Phrase(
        "core basic components and parts", "制造业核心基础零部件/元器件"
    ),
    ProductField.KEY_SOFTWARE: Phrase("key software", "关键软件"),
    ProductField.ADVANCED_PROCESSES: Phrase("advanced basic processes", "先进基础工艺"),
    ProductField.KEY_MATERIALS: Phrase("key basic materials", "关键基础材料"),
    ProductField.STRATEGIC_EMERGING: Phrase(
        "strategic emerging industries catalogue", "战略性新兴产业分类"
    ),
    ProductField.MANUFACTURING_POWER_KEY: Phrase(
        "制造强国 key industries", "制造强国战略十大重点产业"
    ),
    ProductField.CYBER_POWER: Phrase("网络强国 fields", "网络强国领域"),
    ProductField.OTHER: Phrase("other", "其他"),
}

_LEVEL_NAMES: Final = {
    "national": Phrase("national", "国家级"),
    "provincial": Phrase("provincial", "省级"),
    "municipal": Phrase("municipal", "市级"),
}

_GROUP_NAMES: Final = {
    "innovation": Phrase("innovation", "创新能力"),
    "growth": Phrase("growth", "成长性"),
    "specialisation": Phrase("specialisation", "专业化"),
}

_WHEN_NAMES: Final = {
    "high-value-class1-ip": Phrase("high-value Class-I IP", "Ⅰ类高价值知识产权"),
    "self-developed-class1-ip": Phrase("self-developed Class-I IP", "自主研发Ⅰ类知识产权"),
    "class1-ip": Phrase("Class-I IP", "Ⅰ类知识产权"),
    "class2-ip": Phrase("Class-II IP", "Ⅱ类知识产权"),
    "strategic-emerging": Phrase("in 《战略性新兴产业分类》", "属于《战略性新兴产业分类》"),
}


def _levels_text(levels: tuple[str, ...], language: _Language) -> str:
    names = [_LEVEL_NAMES[level].pick(language) for level in levels]
    return "或".join(names) if language == "zh" else " or ".join(names)


def _window(years: int, last_year: int | None, language: _Language) -> str:
    if last_year is None:
        if language == "zh":
            return "上年度" if years == 1 else f"近{years}年"
        return "last year" if years == 1 else f"the last {years} years"
    first = last_year - years + 1
    if years == 1:
        return f"{last_year}年" if language == "zh" else str(last_year)
    return f"{first}—{last_year}年" if language == "zh" else f"{first}–{last_year}"


def _year_label(name: str, year: int | None, language: _Language) -> str:
    label = _FIGURE_NAMES[name].pick(language)
    if year is None:
        return f"上年度{label}" if language == "zh" else f"last year's {label}"
    return f"{year}年{label}" if language == "zh" else f"{label} {year}"


def _percent(value: Decimal, *, signed: bool = False) -> str:
    """A fraction as a percentage: exact when it has at most 4 decimals, else ``≈`` rounded."""
    percent = value.scaleb(2, context=EXACT)
    rounded = percent.quantize(Decimal("0.0001"), context=EXACT)
    text = f"{rounded.normalize(EXACT):f}"
    if text in {"-0", "0"}:
        text = "0"
    elif signed and not rounded.is_signed():
        text = "+" + text
    return ("" if rounded == percent else "≈") + text + "%"


def _value_text(value: Decimal | int) -> str:
    return _percent(value) if isinstance(value, Decimal) else str(value)


def _money_text(value: Money, language: _Language) -> str:
    return format_money_long(value, locale="zh_CN" if language == "zh" else "en_US")


def _unknown_fact(name: str) -> Phrase:
    label = _FIGURE_NAMES[name]
    return Phrase(f"{label.en} is unknown", f"{label.zh}未知")


def _unknown_figure(name: str, year: int) -> Phrase:
    label = _FIGURE_NAMES[name]
    return Phrase(f"{label.en} for {year} is unknown", f"{year}年{label.zh}未知")


def _zero_base(name: str, year: int) -> Phrase:
    label = _FIGURE_NAMES[name]
    return Phrase(
        f"{label.en} for {year} is zero, so the share or growth over it is undefined; decide by "
        "hand",
        f"{year}年{label.zh}为零，比重或增长率无定义，请人工判断",
    )


# -- explaining -----------------------------------------------------------------------------------


def _figure_text(figure: Figure, language: _Language, locale: str) -> str:
    name = figure.name
    label = _FIGURE_NAMES[name].pick(language) if name in _FIGURE_NAMES else name
    if figure.year is not None:
        label = f"{figure.year}年{label}" if language == "zh" else f"{label} {figure.year}"
    separator = "：" if language == "zh" else ": "
    return label + separator + _format_value(figure, language, locale)


def _format_value(figure: Figure, language: _Language, locale: str) -> str:
    value = figure.value
    unknown = "未知" if language == "zh" else "unknown"
    text: str
    if value is None:
        text = unknown
    elif isinstance(value, bool):
        text = ("是" if value else "否") if language == "zh" else ("yes" if value else "no")
    elif isinstance(value, Money):
        text = format_money(value, locale=locale)
    elif isinstance(value, Decimal):
        text = _percent(value, signed=figure.name.endswith("growth"))
    elif isinstance(value, ProductField):
        text = _FIELD_NAMES[value].pick(language)
    elif isinstance(value, int | str):
        text = _LEVEL_NAMES[value].pick(language) if value in _LEVEL_NAMES else str(value)
    elif not value:
        text = "无" if language == "zh" else "none"
    else:
        parts = [_item_text(item, language) for item in value]
        text = ("、" if language == "zh" else ", ").join(parts)
    return text


def _item_text(item: Award | ChuangkePlacing | str, language: _Language) -> str:
    if isinstance(item, Award):
        level = _LEVEL_NAMES[item.level].pick(language)
        if language == "zh":
            return f"{item.year}年{level}科技奖励第{item.rank}名"
        return f"{level} award {item.year}, rank {item.rank}"
    if isinstance(item, ChuangkePlacing):
        return f"{item.year}年{item.group}" if language == "zh" else f"{item.group} {item.year}"
    return item


def _explain(assessment: Assessment, locale: str) -> str:
    language = _language(locale)
    tier = _TIER_NAMES[assessment.tier].pick(language)
    purpose = _PURPOSE_WORDS[assessment.purpose].pick(language)
    verdict = _VERDICT_WORDS[assessment.verdict].pick(language)
    basis = f"{assessment.document} ({assessment.criteria_set})"
    if assessment.amendments:
        joined = ", ".join(assessment.amendments)
        basis += f"，经{joined}修订" if language == "zh" else f", amended by {joined}"
    if language == "zh":
        lines = [
            f"{assessment.name}：{tier}，{purpose}，评估日期{assessment.as_of}",
            f"评价依据：{basis}",
            f"结论：{verdict}",
        ]
    else:
        lines = [
            f"{assessment.name}: {tier}, {purpose}, as of {assessment.as_of}",
            f"Criteria: {basis}",
            f"Verdict: {verdict}",
        ]
    for result in assessment.criteria:
        _explain_result(result, language, locale, 0, lines)
    if assessment.score is not None:
        _explain_score(assessment.score, language, locale, lines)
    if assessment.general:
        general = _VERDICT_WORDS[assessment.general_verdict].pick(language)
        lines.append(
            f"一般条件（第三条）：{general}"
            if language == "zh"
            else f"General conditions (Article 3): {general}"
        )
        for result in assessment.general:
            _explain_result(result, language, locale, 0, lines)
    return "\n".join(lines)


def _explain_result(
    result: CriterionResult, language: _Language, locale: str, depth: int, lines: list[str]
) -> None:
    indent = "  " * (depth + 1)
    verdict = _VERDICT_WORDS[result.verdict].pick(language)
    lines.append(
        f"{indent}[{verdict}] {result.name.pick(language)} — {result.requirement.pick(language)}"
    )
    details = [_figure_text(figure, language, locale) for figure in result.figures]
    if details:
        lines.append(f"{indent}    " + ("；" if language == "zh" else "; ").join(details))
    if result.note is not None:
        lines.append(f"{indent}    {_aside(result.note, language)}")
    for child in result.criteria:
        _explain_result(child, language, locale, depth + 1, lines)


def _points(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _explain_score(score: Score, language: _Language, locale: str, lines: list[str]) -> None:
    groups = ", ".join(
        f"{group.name.pick(language)} {_points(group.low, group.high)}/{group.max_points}"
        for group in score.groups
    )
    total = _points(score.low, score.high)
    lines.append(
        f"得分：{total}/100（{groups}）" if language == "zh" else f"Score: {total}/100 ({groups})"
    )
    for indicator in score.indicators:
        points = f"{_points(indicator.low, indicator.high)}/{indicator.max_points}"
        details = ("；" if language == "zh" else "; ").join(
            _figure_text(figure, language, locale) for figure in indicator.figures
        )
        lines.append(f"  {indicator.name.pick(language)}: {points} ({details})")
        if indicator.note is not None:
            lines.append(f"      {_aside(indicator.note, language)}")


def _aside(note: Phrase, language: _Language) -> str:
    return f"（{note.zh}）" if language == "zh" else f"({note.en})"


# -- the docs tables ------------------------------------------------------------------------------


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(text.split()).replace("|", "\\|")


def render_criteria(criteria: CriteriaSet, *, locale: str) -> str:
    """Render a criteria set as Markdown tables with sources and readings (docs/eligibility.md).

    The docs page is generated from the same rule data :func:`assess` uses, and a test compares
    the committed page with this rendering, so the two cannot drift.

    >>> text = render_criteria(load_criteria("miit-2022"), locale="en_US")
    >>> print(text.splitlines()[0])
    ## 工信部企业〔2022〕63号: 《优质中小企业梯度培育管理暂行办法》
    """
    language = _language(locale)
    zh = language == "zh"
    end = criteria.effective_to or ("（未定）" if zh else "(open)")
    lines = [
        f"## {criteria.document}: 《{criteria.title}》",
        "",
        (
            f"适用于评估日期 {criteria.effective_from} 至 {end}。"
            if zh
            else f"Applies to assessments dated {criteria.effective_from} to {end}."
        ),
        "",
    ]
    if criteria.effective_note:
        lines += [_cell(criteria.effective_note), ""]
    if criteria.superseded is not None:
        successor = criteria.superseded
        lines += [
            (
                f"自 {successor.effective} 起由《{successor.title}》取代："
                if zh
                else f"Replaced from {successor.effective} by 《{successor.title}》: "
            )
            + _cell(successor.note),
            "",
        ]
    headers = (
        ("标准", "要求", "原文", "可信度", "解读")
        if zh
        else ("Criterion", "Requirement", "Source text", "Conf.", "Readings")
    )
    for root in criteria.roots:
        tier = None if root.id == GENERAL else Tier(root.id)
        title = (
            ("一般条件（各层级）" if zh else "general conditions (every tier)")
            if tier is None
            else _TIER_NAMES[tier].pick(language)
        )
        lines += [f"### {title[:1].upper()}{title[1:]} ({root.document})", ""]
        lines += [
            "| " + " | ".join(headers) + " |",
            "| " + " | ".join("---" for _ in headers) + " |",
        ]
        lines.extend(_criterion_row(node, language) for node in root.walk())
        lines += ["", ("来源（可信度 " if zh else "Sources (confidence ") + f"{root.confidence}):"]
        lines += [""] + [f"- {source.cited}" + _source_note(source) for source in root.sources]
        lines.append("")
        if tier is not None and criteria.scoring is not None and criteria.scoring.tier is tier:
            lines += _scoring_rows(criteria.scoring, language)
    for amendment in criteria.amendments:
        lines += _amendment_rows(amendment, language)
    lines += ["### " + ("解读" if zh else "Readings"), ""]
    for reading in criteria.readings:
        quote = f" (「{_cell(reading.quote)}」)" if reading.quote else ""
        lines.append(f"- **{reading.id}**{quote}: {_cell(reading.text)}")
    return "\n".join(lines)


def _source_note(source: Source) -> str:
    return f" ({source.note.rstrip('.')})" if source.note else ""


def _criterion_row(node: Criterion, language: _Language) -> str:
    depth = node.id.count(".")
    name = "· " * depth + node.name.pick(language)
    parts = [f"「{node.quote}」" if node.quote else "", node.text or ""]
    if node.note:
        parts.append(("注：" if language == "zh" else "Note: ") + node.note)
    source = " ".join(part for part in parts if part)
    return (
        f"| `{node.id}`<br>{_cell(name)} | {_cell(node.requirement(language, None))} | "
        f"{_cell(source)} | {node.confidence} | {_cell(', '.join(node.readings))} |"
    )


def _scoring_rows(scoring: Scoring, language: _Language) -> list[str]:
    zh = language == "zh"
    lines = [
        "#### " + ("评分指标（满分100分）" if zh else "Scoring indicators (100 points)"),
        "",
        "| "
        + (
            "组别 | 指标 | 分值 | 分档 | 原文"
            if zh
            else "Group | Indicator | Points | Bands | Source text"
        )
        + " |",
        "| --- | --- | --- | --- | --- |",
    ]
    names = {group.id: group for group in scoring.groups}
    for indicator in scoring.indicators:
        group = names[indicator.group]
        bands = " · ".join(band.describe(language) for band in indicator.bands)
        lines.append(
            f"| {_cell(group.name.pick(language))} ({group.points}) | "
            f"`{indicator.id}`<br>{_cell(indicator.name.pick(language))} | {indicator.points} | "
            f"{_cell(bands)} | {_cell(_quoted(indicator.quote, indicator.text))} |"
        )
    lines.append("")
    return lines


def _quoted(quote: str | None, text: str | None) -> str | None:
    """The source's words, then the notes' statement: ``"上年度…" — ≥5% 20 / …``."""
    if quote is None:
        return text
    return f"“{quote}”" if text is None else f"“{quote}” — {text}"


def _amendment_rows(amendment: AmendmentRule, language: _Language) -> list[str]:
    zh = language == "zh"
    tiers = ", ".join(_TIER_NAMES[tier].pick(language) for tier in amendment.tiers)
    lines = [
        f"### {amendment.document} ({amendment.issued})",
        "",
        _cell(amendment.summary),
        "",
        (
            f"适用于{tiers}评估日期 {amendment.start} 至 {amendment.end}。"
            if zh
            else f"Applies to {tiers} assessments dated {amendment.start} to {amendment.end}."
        )
        + (f" {_cell(amendment.applies_note)}" if amendment.applies_note else ""),
        "",
        "| "
        + ("变更 | 标准 | 要求 | 原文" if zh else "Change | Criterion | Requirement | Source text")
        + " |",
        "| --- | --- | --- | --- |",
    ]
    for criterion in amendment.criteria:
        source = f"「{criterion.quote}」" if criterion.quote else criterion.text
        lines.append(
            f"| {'新增' if zh else 'added'} | `{criterion.id}`<br>"
            f"{_cell(criterion.name.pick(language))} | "
            f"{_cell(criterion.requirement(language, None))} | {_cell(source)} |"
        )
    for waiver in amendment.waivers:
        purposes = ", ".join(_PURPOSE_WORDS[p].pick(language) for p in waiver.purposes)
        change = f"对{purposes}不作要求" if zh else f"waived for {purposes}"
        source = f"「{waiver.quote}」 {waiver.text or ''}" if waiver.quote else waiver.text
        lines.append(f"| {change} | `{waiver.criterion}` |  | {_cell(source)} |")
    lines += [
        "",
        ("来源（可信度 " if zh else "Sources (confidence ") + f"{amendment.confidence}):",
        "",
    ]
    lines += [f"- {source.cited}" + _source_note(source) for source in amendment.sources]
    if amendment.notes:
        lines += ["", "注：" if zh else "Notes:", ""]
        lines += [f"- {_cell(note)}" for note in amendment.notes]
    lines.append("")
    return lines
