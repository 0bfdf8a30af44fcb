"""Assessing firms: one tier's criteria, with the amendments and waivers in force, for each firm.

:func:`assess` evaluates a tier's criteria tree for one firm on a date: each single test by its
:class:`~littlegiants.eligibility.checks.Check`, each group by three-valued AND or OR, a revenue
band group by the firm's band (every band when revenue is unknown), then the general conditions
beside the tier's verdict. :func:`assess_many` does the same for many firms.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from littlegiants._exact import to_decimal
from littlegiants.eligibility import _words as words
from littlegiants.eligibility.catalogue import CriteriaSet, check_date, criteria_on
from littlegiants.eligibility.checks import Context
from littlegiants.eligibility.criteria import Criterion
from littlegiants.eligibility.model import (
    GENERAL,
    PURPOSE_WORDS,
    CriteriaNotAvailableError,
    Phrase,
    Purpose,
    Tier,
    Verdict,
)
from littlegiants.eligibility.results import (
    Assessment,
    Assessments,
    CriterionResult,
    CriterionSource,
    Figure,
    Threshold,
    figures_of,
)
from littlegiants.eligibility.scoring import Scoring, compute_score
from littlegiants.errors import InvalidRecordError, Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from littlegiants.eligibility.criteria import AmendmentRule
    from littlegiants.enterprise import Enterprise

__all__ = ["assess", "assess_many"]


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
    supplied = _supplied_score(score, tier)
    plan = _plan_for(tier, as_of=as_of, purpose=purpose, criteria=criteria)
    return plan.assess(enterprise, supplied, as_of)


def assess_many(
    enterprises: Iterable[Enterprise],
    tier: Tier | str,
    *,
    as_of: date,
    purpose: Purpose | str = Purpose.APPLICATION,
    scores: Mapping[str, Decimal | int] | None = None,
    criteria: CriteriaSet | None = None,
) -> Assessments:
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
    plan = _plan_for(tier, as_of=as_of, purpose=purpose, criteria=criteria)
    return Assessments(
        plan.assess(enterprise, _supplied_score(found.get(enterprise.key), tier), as_of)
        for enterprise in enterprises
    )


def _plan_for(
    tier: Tier, *, as_of: date, purpose: Purpose | str, criteria: CriteriaSet | None
) -> _Plan:
    """Check the arguments every assessment shares and find (or make) their plan."""
    purpose = _purpose(purpose)
    check_date(as_of)
    if criteria is None:
        criteria = criteria_on(as_of)
    elif not criteria.is_in_force(as_of):
        reason = Reason(
            N_("{criteria} applies from {start} to {end}"),
            criteria=criteria.id,
            start=criteria.effective_from,
            end=criteria.effective_to or Reason(N_("(open)")),
        )
        raise CriteriaNotAvailableError(as_of, reason)
    amendments = tuple(
        index
        for index, amendment in enumerate(criteria.amendments)
        if amendment.applies(tier, as_of)
    )
    return _plan(criteria, tier, purpose, amendments, as_of.year - 1)


def _purpose(purpose: object) -> Purpose:
    if isinstance(purpose, Purpose):
        return purpose
    for candidate in Purpose:
        if purpose == candidate.value:
            return candidate
    raise InvalidRecordError(purpose, N_("purpose must be 'application' or 're-review'"))


def _supplied_score(score: object, tier: Tier) -> Decimal | int | None:
    if score is None:
        return None
    if tier is not Tier.SRDI_SME:
        raise InvalidRecordError(
            score,
            N_(
                "score= is the provincial tier's evaluation score (Tier.SRDI_SME); the "
                "innovative-SME score is computed, and little giants are not scored"
            ),
        )
    if isinstance(score, Decimal | int) and not isinstance(score, bool):
        value = to_decimal(score)
        if value is not None and 0 <= value <= 100:
            return score
    raise InvalidRecordError(
        score, N_("score must be an int or Decimal from 0 to 100 (never a float)")
    )


@attrs.frozen(kw_only=True)
class _Step:
    """One criterion made ready for a tier, a purpose and a year: what no firm changes.

    The requirement's words, the source and the threshold are the same for every firm assessed
    with the same plan, so they are made once here and shared by every result.
    """

    criterion: Criterion
    requirement: Phrase
    source: CriterionSource
    threshold: Threshold | None
    children: tuple[_Step, ...]
    waived_by: str | None = None
    waived_note: Phrase | None = None

    def evaluate(self, context: Context) -> CriterionResult:
        """Decide the criterion for one firm."""
        node = self.criterion
        children: tuple[CriterionResult, ...] = ()
        figures: tuple[Figure, ...] = ()
        note: Phrase | None = None
        if node.check is not None:
            outcome = node.check.evaluate(context)
            verdict, figures, note = outcome.verdict, outcome.figures, outcome.note
        elif node.combine == "band":
            verdict, children, figures, note = self._band(context)
        else:
            children = tuple(child.evaluate(context) for child in self.children)
            combine = Verdict.any_of if node.combine == "any" else Verdict.all_of
            verdict = combine([child.verdict for child in children])
        if self.waived_by is not None:
            verdict, note = Verdict.PASS, self.waived_note
        return CriterionResult(
            id=node.id,
            name=node.name,
            verdict=verdict,
            requirement=self.requirement,
            combine=node.combine,
            criteria=children,
            figures=figures,
            threshold=self.threshold,
            source=self.source,
            readings=node.readings,
            note=note,
            waived_by=self.waived_by,
        )

    def _band(
        self, context: Context
    ) -> tuple[Verdict, tuple[CriterionResult, ...], tuple[Figure, ...], Phrase | None]:
        """Choose the band by last year's figure; with the figure unknown, every band is shown.

        Unknown revenue decides nothing by itself: if every band gives the same verdict, that is
        the verdict; otherwise it is UNKNOWN.
        """
        name = self.criterion.by or "operating_revenue"
        year = context.last_year
        value = context.money(name, year)
        figures = figures_of(name, value, year)
        if value is None:
            children = tuple(child.evaluate(context) for child in self.children)
            verdicts = {child.verdict for child in children}
            verdict = verdicts.pop() if len(verdicts) == 1 else Verdict.UNKNOWN
            return verdict, children, figures, words.unknown_figure(name, year)
        chosen = next(
            child
            for child in self.children
            if child.criterion.band is not None and child.criterion.band.contains(value)
        )
        result = chosen.evaluate(context)
        return result.verdict, (result,), figures, None


@attrs.frozen(kw_only=True)
class _Plan:
    """A tier's criteria made ready for one purpose and year, amendments applied."""

    criteria: CriteriaSet
    tier: Tier
    purpose: Purpose
    amendments: tuple[str, ...]
    steps: tuple[_Step, ...]
    general: tuple[_Step, ...]
    scoring: Scoring | None

    def assess(
        self, enterprise: Enterprise, supplied: Decimal | int | None, as_of: date
    ) -> Assessment:
        """Assess one firm on ``as_of`` (in the year after the plan's last year)."""
        context = Context(enterprise, as_of=as_of, purpose=self.purpose, supplied_score=supplied)
        if self.scoring is not None:
            context.score = compute_score(self.scoring, context)
        results = tuple(step.evaluate(context) for step in self.steps)
        return Assessment(
            name=enterprise.name,
            key=enterprise.key,
            tier=self.tier,
            purpose=self.purpose,
            as_of=as_of,
            criteria_set=self.criteria.id,
            document=self.criteria.document,
            amendments=self.amendments,
            verdict=Verdict.all_of(result.verdict for result in results),
            criteria=results,
            score=context.score,
            general=tuple(step.evaluate(context) for step in self.general),
            region=enterprise.region_on(as_of),
        )


@functools.lru_cache(maxsize=64)
def _plan(
    criteria: CriteriaSet,
    tier: Tier,
    purpose: Purpose,
    amendment_indexes: tuple[int, ...],
    last_year: int,
) -> _Plan:
    """Prepare a tier's criteria for a purpose and a year, with the amendments at those indexes.

    Cached: a plan depends on nothing else, and :class:`CriteriaSet` caches its hash.
    """
    amendments = tuple(criteria.amendments[index] for index in amendment_indexes)
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

    def step(node: Criterion) -> _Step:
        inside = node.children if node.combine == "band" else _for(node, purpose)
        amendment = waivers.get(node.id)
        return _Step(
            criterion=node,
            requirement=Phrase.each(lambda language: node.requirement(language, last_year)),
            source=node.source(),
            threshold=None if node.check is None else node.check.threshold(),
            children=tuple(step(child) for child in inside),
            waived_by=None if amendment is None else amendment.document,
            waived_note=None if amendment is None else _waived(amendment, purpose),
        )

    scoring = criteria.scoring
    return _Plan(
        criteria=criteria,
        tier=tier,
        purpose=purpose,
        amendments=tuple(amendment.document for amendment in amendments),
        steps=tuple(step(child) for child in _for(root, purpose)),
        general=() if general is None else tuple(step(child) for child in _for(general, purpose)),
        scoring=scoring if scoring is not None and scoring.tier is tier else None,
    )


def _waived(amendment: AmendmentRule, purpose: Purpose) -> Phrase:
    return Phrase.of(
        N_("waived for {purpose}s by {document}"),
        purpose=PURPOSE_WORDS[purpose],
        document=amendment.document,
    )


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
