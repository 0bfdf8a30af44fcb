"""What an assessment reports: each criterion's verdict with its figures, threshold and source.

An :class:`Assessment` holds one :class:`CriterionResult` per criterion (groups hold their
sub-results), the innovative-SME :class:`Score` where the tier is scored, and the general
conditions beside the tier's verdict. Results are plain frozen values: they pickle, compare and
render (:meth:`Assessment.explain`) without the rule data they came from.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from littlegiants.eligibility.model import Phrase, Purpose, Tier, UnknownCriterionError, Verdict
from littlegiants.eligibility.rendering import explain
from littlegiants.financials import Award, ChuangkePlacing, ProductField
from littlegiants.frames import Columns, Row, Tabular, markdown_text
from littlegiants.money import Money
from littlegiants.regions import Region

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Assessment",
    "Assessments",
    "CriterionResult",
    "CriterionSource",
    "Figure",
    "FigureValue",
    "GroupScore",
    "IndicatorScore",
    "Score",
    "Threshold",
]

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


#: Values whose figures are shared between firms: facts with few possible values.
_SHAREABLE: Final = frozenset({type(None), bool, int, str, ProductField})
#: How many shared figures are kept before the store starts afresh.
_SHARED_MAX: Final = 4096
_SHARED: dict[tuple[str, type, object, int | None], tuple[Figure]] = {}


def figures_of(name: str, value: FigureValue, year: int | None = None) -> tuple[Figure]:
    """``(Figure(name, value, year=year),)``: one tuple for every firm where the value is a fact.

    The results of many firms repeat the same facts (own brand: yes; honours: unknown; 3 years
    in the niche). Assessing many firms costs mostly the garbage collector's walks over the
    objects the results hold, so a figure whose value is None, a flag, a count, a word or a field
    is made once and shared; money and shares, different for every firm, are not.
    """
    kind = type(value)
    if kind not in _SHAREABLE:
        return (Figure(name, value, year=year),)
    key = (name, kind, value, year)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        found = _SHARED[key] = (Figure(name, value, year=year),)
    return found


def figure(name: str, value: FigureValue, year: int | None = None) -> Figure:
    """A :class:`Figure`, shared between firms where its value is a fact (see figures_of)."""
    return figures_of(name, value, year)[0]


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
        """Return the score of one group.

        Raises:
            UnknownCriterionError: the score has no such group (a ``LookupError``).
        """
        for group in self.groups:
            if group.id == group_id:
                return group
        known = tuple(group.id for group in self.groups)
        raise UnknownCriterionError(group_id, "indicator group", "the score", known)


#: The columns of an assessment's row (:meth:`Assessment.to_record`).
ASSESSMENT_COLUMNS: Final[Columns] = {
    "credit_code": str,
    "name": str,
    "region_code": str,
    "region_name": str,
    "tier": str,
    "purpose": str,
    "as_of": date,
    "criteria_set": str,
    "verdict": str,
    "general": str,
    "eligible": str,
    "score": int,
    "failed": str,
    "unknown": str,
}


@attrs.frozen(kw_only=True)
class Assessment(Tabular):
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
        region: the firm's registered region on ``as_of`` (after any move), if known.
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
    region: Region | None = None

    record_columns: ClassVar[Columns] = ASSESSMENT_COLUMNS

    def __repr__(self) -> str:
        """One line: the firm, the tier, the purpose, the date and the verdicts."""
        return (
            f"<Assessment {self.name!r} {self.tier.value} {self.purpose.value} as of "
            f"{self.as_of}: {self.verdict.value}, general conditions "
            f"{self.general_verdict.value}>"
        )

    def to_record(self) -> Row:
        """The assessment as a row: the firm, the tier, the date, the verdicts and the score.

        Keys: ``credit_code`` (``None`` when the firm is known by name only), ``name``,
        ``region_code`` and ``region_name`` (the region on ``as_of``; ``None`` when unknown),
        ``tier``, ``purpose``, ``as_of``, ``criteria_set``, ``verdict``, ``general``
        (the general conditions' verdict), ``eligible``, ``score`` (``None`` without one),
        ``failed`` and ``unknown`` (the ids of the tier's criteria that fail or are
        undecided, separated by spaces).
        """
        return {
            "credit_code": None if self.key == self.name else self.key,
            "name": self.name,
            "region_code": None if self.region is None else self.region.code,
            "region_name": None if self.region is None else self.region.name,
            "tier": self.tier.value,
            "purpose": self.purpose.value,
            "as_of": self.as_of,
            "criteria_set": self.criteria_set,
            "verdict": self.verdict.value,
            "general": self.general_verdict.value,
            "eligible": self.eligible.value,
            "score": None if self.score is None else self.score.total,
            "failed": " ".join(c.id for c in self.criteria if c.verdict is Verdict.FAIL),
            "unknown": " ".join(c.id for c in self.criteria if c.verdict is Verdict.UNKNOWN),
        }

    def to_records(self) -> list[Row]:
        """The assessment's one row (:meth:`to_record`), as every collection gives rows."""
        return [self.to_record()]

    def _repr_markdown_(self) -> str:
        """Jupyter's rich display of the explanation (:meth:`explain`), in English."""
        return markdown_text(self.explain(locale="en_US"))

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
            UnknownCriterionError: the assessment has no such criterion (a band not chosen, a
                criterion of another tier); a ``LookupError``.
        """
        for result in self.walk():
            if result.id == criterion_id:
                return result
        known = tuple(result.id for result in self.walk())
        raise UnknownCriterionError(criterion_id, "criterion", "this assessment", known)

    def explain(self, *, locale: str) -> str:
        """Explain the verdict criterion by criterion, with figures, in English or Chinese.

        Args:
            locale: ``"en_US"``, ``"zh_CN"`` and the like; the language picks the text and the
                locale formats money.
        """
        return explain(self, locale)


class Assessments(tuple[Assessment, ...], Tabular):
    """Assessments of many firms (what :func:`~littlegiants.eligibility.assess_many` returns).

    A tuple, with a short ``repr``, a row per firm (:meth:`to_records`) and the data frames of
    :class:`~littlegiants.frames.Tabular`.
    """

    __slots__ = ()

    record_columns: ClassVar[Columns] = ASSESSMENT_COLUMNS

    def __repr__(self) -> str:
        """One line: how many firms, and how many pass, fail or stay undecided."""
        counts = dict.fromkeys(Verdict, 0)
        for assessment in self:
            counts[assessment.verdict] += 1
        found = ", ".join(f"{count} {verdict.value}" for verdict, count in counts.items())
        return f"<Assessments: {len(self)} firms, {found}>"

    def to_records(self) -> list[Row]:
        """One row per firm (:meth:`Assessment.to_record`), in order."""
        return [assessment.to_record() for assessment in self]
