"""Criteria sets, and the bundled ones: which criteria govern an assessment on a date.

A :class:`CriteriaSet` is one dated file of criteria for the three tiers, with its amendments
(read with :meth:`CriteriaSet.from_toml`; the format is in ``docs/eligibility.md``). The bundled
sets live in ``littlegiants/data/criteria``: :func:`load_criteria` reads one by id,
:func:`criteria_sets` lists them, and :func:`criteria_on` finds the one in force on a date, or
says why none is.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import attrs

from littlegiants.eligibility.criteria import AmendmentRule, Criterion, Reading, Supersession
from littlegiants.eligibility.model import (
    GENERAL,
    CriteriaNotAvailableError,
    Tier,
    UnknownCriterionError,
)
from littlegiants.eligibility.scoring import Scoring
from littlegiants.errors import CriteriaFileError, InvalidPeriodError, Reason
from littlegiants.sources import Source
from littlegiants.translations import N_

__all__ = ["CriteriaSet", "criteria_on", "criteria_sets", "load_criteria"]


# The hash is cached: a criteria set is a deep tree, and assessments look their plans up by it.
@attrs.frozen(kw_only=True, cache_hash=True)
class CriteriaSet:
    """A dated set of eligibility criteria for the three tiers, with its amendments.

    Read one with :meth:`from_toml` or :func:`load_criteria`; the file format is described in
    ``docs/eligibility.md``.

    >>> from littlegiants.eligibility import Tier
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
        from littlegiants._tomlindex import read_file  # noqa: PLC0415 - tomllib loads on first use

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
        from littlegiants.eligibility._file import read_criteria  # noqa: PLC0415 - as above

        return cls(**read_criteria(text, path))

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
        reason = Reason(N_("{criteria} has no criteria for this tier"), criteria=self.id)
        raise CriteriaNotAvailableError(tier.value, reason)

    def reading(self, reading_id: str) -> Reading:
        """Return the reading with this id.

        Raises:
            UnknownCriterionError: the set has no such reading (a ``LookupError``).
        """
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        known = tuple(reading.id for reading in self.readings)
        raise UnknownCriterionError(reading_id, "reading", self.id, known)


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
        reason = Reason(N_("no bundled criteria set has it ({known})"), known=known)
        raise CriteriaNotAvailableError(criteria_id, reason)
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
    check_date(as_of)
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
            reason = Reason(
                N_(
                    "《{title}》 governs assessments from {day} and replaces {document}, but its "
                    "thresholds were not found in the sources; littlegiants does not apply the "
                    "{year} numbers in its place"
                ),
                title=successor.title,
                day=successor.effective,
                document=last.document,
                year=last.effective_from.year,
            )
            raise CriteriaNotAvailableError(as_of, reason)
    if sets and as_of < sets[0].effective_from:
        first = sets[0]
        reason = Reason(
            N_(
                "the earliest bundled criteria, {document} (《{title}》), apply from {day}; "
                "earlier criteria are not bundled"
            ),
            document=first.document,
            title=first.title,
            day=first.effective_from,
        )
        raise CriteriaNotAvailableError(as_of, reason)
    raise CriteriaNotAvailableError(as_of, N_("no bundled criteria set covers this date"))


def check_date(as_of: object) -> None:
    """Refuse an assessment date that is not a ``datetime.date`` (a datetime included).

    Raises:
        InvalidPeriodError: ``as_of`` is not a date.
    """
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise InvalidPeriodError(
            as_of, N_("as_of must be a datetime.date such as date(2025, 6, 30)")
        )
