"""The rule data: criteria as a tree of tests and groups, readings, and dated amendments.

A :class:`Criterion` is a single test (a :class:`~littlegiants.eligibility.checks.Check`) or a
group whose criteria are all required (``all``), alternatives (``any``) or chosen by last year's
revenue (``band``, each child holding its :class:`RevenueBand`). A tier's criteria hang under one
root criterion; an :class:`AmendmentRule` adds and waives criteria for assessments between two
dates. The criteria sets that hold them are :class:`~littlegiants.eligibility.CriteriaSet`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from littlegiants.eligibility import _words as words
from littlegiants.eligibility.checks import Check
from littlegiants.eligibility.model import (
    PURPOSE_WORDS,
    Phrase,
    Purpose,
    Tier,
    gettext_in,
    pgettext_in,
)
from littlegiants.eligibility.results import CriterionSource
from littlegiants.money import Money
from littlegiants.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from littlegiants.eligibility.model import Language

__all__ = [
    "AmendmentRule",
    "Criterion",
    "Reading",
    "RevenueBand",
    "Supersession",
    "Waiver",
]


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

    def describe(self, language: Language) -> str:
        """The band as text: ``revenue ≥ 1亿元``, ``5000万元 ≤ revenue < 1亿元``."""
        label = words.FIGURE_NAMES["operating_revenue"].pick(language)
        low = None if self.at_least is None else words.money_text(self.at_least, language)
        high = None if self.below is None else words.money_text(self.below, language)
        if low is not None and high is not None:
            return f"{low} ≤ {label} < {high}"
        if low is not None:
            return f"{label} ≥ {low}"
        return f"{label} < {high}"


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

    def requirement(self, language: Language, last_year: int | None) -> str:
        """What the criterion asks, in words."""
        _, pgettext = gettext_in(language), pgettext_in(language)
        if self.check is not None:
            text = self.check.describe(language, last_year)
        elif self.combine == "band":
            label = words.year_label(self.by or "", last_year, language)
            text = _("by band of {label}").format(label=label)
        elif self.combine == "any":
            text = _("any one of")
        else:
            text = _("all of")
        if self.band is not None:
            text = _("{band}: {requirement}").format(
                band=self.band.describe(language), requirement=text
            )
        if self.purposes:
            names = (PURPOSE_WORDS[purpose].pick(language) for purpose in self.purposes)
            text = _("({purposes} only) {requirement}").format(
                purposes=pgettext("list", ", ").join(names), requirement=text
            )
        return text


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
