"""Reading criteria files strictly, every error located by file, key path and line.

The format is documented in ``docs/eligibility.md``. Criteria are a flat ``[[criteria]]`` list whose
dotted ids give the tree (``little-giant.refinement.debt-ratio`` sits inside
``little-giant.refinement``); a parent comes before its children, and the file's order is the order
of the criteria. ``sources``, ``confidence`` and ``annex`` are inherited from the parent.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, Final, TypedDict

from littlegiants._tomlindex import MAX_NESTING, KeyPath
from littlegiants.eligibility._toml import CheckTable, CriteriaReader
from littlegiants.eligibility.checks import CHECKS, MONEY_FIGURES, RATIOS
from littlegiants.eligibility.criteria import (
    AmendmentRule,
    Criterion,
    Reading,
    RevenueBand,
    Supersession,
    Waiver,
)
from littlegiants.eligibility.model import GENERAL, Phrase, Purpose, Tier
from littlegiants.eligibility.scoring import Indicator, ScoreBand, ScoreGroup, Scoring
from littlegiants.errors import Reason
from littlegiants.money import Money, validate_currency
from littlegiants.sources import Source
from littlegiants.translations import N_

__all__ = ["CriteriaFields", "read_criteria"]


class CriteriaFields(TypedDict):
    """A criteria set's fields as read from its file (``CriteriaSet(**fields)`` builds it)."""

    id: str
    title: str
    title_en: str | None
    document: str
    issuer: str
    currency: str
    confidence: str
    effective_from: date
    effective_to: date | None
    effective_note: str | None
    superseded: Supersession | None
    sources: tuple[Source, ...]
    readings: tuple[Reading, ...]
    roots: tuple[Criterion, ...]
    scoring: Scoring | None
    amendments: tuple[AmendmentRule, ...]
    path: str | None


_ID: Final = re.compile(r"[a-z0-9][a-z0-9-]*")
_CRITERION_ID: Final = re.compile(r"[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*")

_TOP: Final = {
    "id",
    "title",
    "title_en",
    "document",
    "issuer",
    "currency",
    "confidence",
    "effective",
    "superseded",
    "sources",
    "readings",
    "criteria",
    "scoring",
    "amendments",
}
_EFFECTIVE: Final = {"start", "end", "note"}
_SUPERSEDED: Final = {"title", "published", "effective", "sources", "note"}
_SOURCE: Final = {"url", "note"}
_READING: Final = {"id", "text", "quote"}
_COMMON: Final = {
    "id",
    "name_en",
    "name_zh",
    "combine",
    "test",
    "annex",
    "sources",
    "confidence",
    "readings",
    "quote",
    "text",
    "note",
    "band",
    "by",
    "purposes",
}
_COMBINES: Final = ("all", "any", "band")
_SCORING: Final = {"tier", "readings", "groups", "indicators"}
_GROUP: Final = {"id", "name_en", "name_zh", "points"}
_INDICATOR: Final = {
    "id",
    "group",
    "name_en",
    "name_zh",
    "points",
    "measure",
    "ratio",
    "figure",
    "readings",
    "text",
    "quote",
    "bands",
}
_MEASURES: Final = {
    "ip": {"high-value-class1-ip", "self-developed-class1-ip", "class1-ip", "class2-ip"},
    "field": {"strategic-emerging"},
    "ratio": set(),
    "growth": set(),
}
_BAND_OPS: Final = ("at_least", "above", "below", "at_most")
_REVENUE_BAND: Final = {"at_least", "below"}
_AMENDMENT: Final = {
    "id",
    "document",
    "issued",
    "summary",
    "tiers",
    "confidence",
    "sources",
    "readings",
    "notes",
    "applies",
    "criteria",
    "waivers",
}
_APPLIES: Final = {"start", "end", "note"}
_WAIVER: Final = {"criterion", "purposes", "quote", "text"}


def read_criteria(text: str, path: str) -> CriteriaFields:
    """Parse and validate a criteria file's text (see ``CriteriaSet.from_toml``).

    The fields are returned rather than the set, so that this module need not import
    :class:`~littlegiants.eligibility.CriteriaSet`, whose ``from_toml`` calls it.
    """
    r = CriteriaReader(text, path)
    data = r.check_keys(r.data, _TOP, ())
    criteria_id = r.text(data, "id", ())
    if not _ID.fullmatch(criteria_id):
        raise r.fail(("id",), criteria_id, N_("expected lower-case letters, digits and '-'"))
    title = r.text(data, "title", ())
    document = r.text(data, "document", ())
    issuer = r.text(data, "issuer", ())
    r.currency = r.convert(
        ("currency",), r.text(data, "currency", ()), validate_currency, N_("an ISO 4217 code")
    )
    confidence = r.text(data, "confidence", ())
    effective = r.table(
        r.present(data, "effective", (), required=True), ("effective",), N_("a table")
    )
    r.check_keys(effective, _EFFECTIVE, ("effective",))
    start = r.day(effective, "start", ("effective",))
    end = r.day(effective, "end", ("effective",), required=False)
    note = r.text(effective, "note", ("effective",), required=False)
    if end is None and note is None:
        raise r.fail(("effective", "note"), None, N_("an open end needs a note saying why"))
    if end is not None and end < start:
        raise r.fail(
            ("effective", "end"),
            end,
            Reason(N_("the end is before the start {start}"), start=start),
        )
    sources = _sources(r, data)
    readings = _readings(r, data)
    superseded = _superseded(r, data, sources, end)
    scoring = _scoring(
        r, data, sources=sources, document=document, confidence=confidence, readings=readings
    )
    base = _Base(document=document, sources=sources, confidence=confidence, readings=readings)
    roots = _tree(r, data.get("criteria"), ("criteria",), base=base, scoring=scoring, roots=None)
    for tier in Tier:
        if not any(root.id == tier.value for root in roots):
            raise r.fail(("criteria",), tier.value, N_("every tier needs a root criterion"))
    amendments = _amendments(r, data, base, scoring, roots)
    return CriteriaFields(
        id=criteria_id,
        title=title,
        title_en=r.text(data, "title_en", (), required=False),
        document=document,
        issuer=issuer,
        currency=r.currency,
        confidence=confidence,
        effective_from=start,
        effective_to=end,
        effective_note=note,
        superseded=superseded,
        sources=tuple(sources.values()),
        readings=tuple(readings.values()),
        roots=roots,
        scoring=scoring,
        amendments=amendments,
        path=path,
    )


def _sources(r: CriteriaReader, data: dict[str, Any]) -> dict[str, Source]:
    table = r.table(r.present(data, "sources", (), required=True), ("sources",), N_("a table"))
    if not table:
        raise r.fail(("sources",), table, N_("at least one [sources.<id>] entry is required"))
    found: dict[str, Source] = {}
    for source_id, entry in table.items():
        at: KeyPath = ("sources", source_id)
        r.clean(at, source_id, N_("a source id"))
        entry_table = r.table(entry, at, N_("a table with url and note"))
        r.check_keys(entry_table, _SOURCE, at)
        url = r.text(entry_table, "url", at)
        if not url.strip():
            raise r.fail((*at, "url"), url, N_("a source needs the address it was read at"))
        found[source_id] = Source(
            url,
            r.text(entry_table, "note", at, required=False),
            id=source_id,
        )
    return found


def _source_list(
    r: CriteriaReader, table: dict[str, Any], at: KeyPath, sources: dict[str, Source]
) -> tuple[Source, ...]:
    ids = r.strings(table, "sources", at)
    for index, source_id in enumerate(ids):
        if source_id not in sources:
            raise r.fail((*at, "sources", index), source_id, N_("no [sources.<id>] has this id"))
    return tuple(sources[source_id] for source_id in ids)


def _readings(r: CriteriaReader, data: dict[str, Any]) -> dict[str, Reading]:
    entries = data.get("readings", [])
    if not isinstance(entries, list):
        raise r.fail(("readings",), entries, N_("expected [[readings]] tables"))
    found: dict[str, Reading] = {}
    for index, entry in enumerate(entries):
        at: KeyPath = ("readings", index)
        table = r.table(entry, at, N_("a [[readings]] table"))
        r.check_keys(table, _READING, at)
        reading_id = r.clean((*at, "id"), r.text(table, "id", at), N_("a reading id"))
        if reading_id in found:
            raise r.fail((*at, "id"), reading_id, N_("two readings have this id"))
        found[reading_id] = Reading(
            id=reading_id,
            text=r.text(table, "text", at),
            quote=r.text(table, "quote", at, required=False),
        )
    return found


def _reading_ids(
    r: CriteriaReader, table: dict[str, Any], at: KeyPath, readings: dict[str, Reading]
) -> tuple[str, ...]:
    ids = r.strings(table, "readings", at)
    for index, reading_id in enumerate(ids):
        if reading_id not in readings:
            raise r.fail(
                (*at, "readings", index), reading_id, N_("no [[readings]] entry has this id")
            )
    return ids


def _superseded(
    r: CriteriaReader, data: dict[str, Any], sources: dict[str, Source], end: date | None
) -> Supersession | None:
    if "superseded" not in data:
        return None
    at: KeyPath = ("superseded",)
    table = r.table(data["superseded"], at, N_("a table"))
    r.check_keys(table, _SUPERSEDED, at)
    effective = r.day(table, "effective", at)
    if end is None or effective.toordinal() != end.toordinal() + 1:
        raise r.fail(
            (*at, "effective"), effective, N_("expected the day after the [effective] end date")
        )
    return Supersession(
        title=r.text(table, "title", at),
        published=r.day(table, "published", at, required=False),
        effective=effective,
        sources=_source_list(r, table, at, sources),
        note=r.text(table, "note", at),
    )


class _Base:
    """What criteria inherit when they do not say: the document, sources, confidence."""

    def __init__(
        self,
        *,
        document: str,
        sources: dict[str, Source],
        confidence: str,
        readings: dict[str, Reading],
    ) -> None:
        self.document = document
        self.sources = sources
        self.confidence = confidence
        self.readings = readings


class _Node:
    """A criterion being built: its fields, and its children gathered from later entries."""

    def __init__(self, fields: dict[str, Any], at: KeyPath) -> None:
        self.fields = fields
        self.at = at
        self.children: list[_Node] = []

    def build(self) -> Criterion:
        return Criterion(**self.fields, children=tuple(child.build() for child in self.children))


def _tree(
    r: CriteriaReader,
    entries: object,
    at: KeyPath,
    *,
    base: _Base,
    scoring: Scoring | None,
    roots: tuple[Criterion, ...] | None,
) -> tuple[Criterion, ...]:
    """Build the criteria tree from a flat list; with ``roots``, the entries extend those roots."""
    if not isinstance(entries, list) or not entries:
        raise r.fail(at, entries, N_("at least one criterion table is required"))
    nodes: dict[str, _Node] = {}
    existing: dict[str, Criterion] = {}
    if roots is not None:
        for root in roots:
            for criterion in root.walk():
                existing[criterion.id] = criterion
    top: list[_Node] = []
    for index, entry in enumerate(entries):
        where: KeyPath = (*at, index)
        table = r.table(entry, where, N_("a criterion table"))
        criterion_id = r.text(table, "id", where)
        if not _CRITERION_ID.fullmatch(criterion_id):
            raise r.fail((*where, "id"), criterion_id, N_("expected dotted lower-case words"))
        if criterion_id.count(".") >= MAX_NESTING:
            reason = Reason(N_("criteria nest at most {limit} deep"), limit=MAX_NESTING)
            raise r.fail((*where, "id"), criterion_id, reason)
        if criterion_id in nodes or criterion_id in existing:
            raise r.fail((*where, "id"), criterion_id, N_("two criteria have this id"))
        parent_id, _, _ = criterion_id.rpartition(".")
        parent = _parent_of(
            r,
            where,
            criterion_id=criterion_id,
            parent_id=parent_id,
            nodes=nodes,
            existing=existing,
            roots=roots,
        )
        fields = _criterion_fields(r, table, where, base=base, scoring=scoring, parent=parent)
        node = _Node(fields, where)
        nodes[criterion_id] = node
        if isinstance(parent, _Node):
            parent.children.append(node)
        else:
            top.append(node)
    for node in nodes.values():
        _check_group(r, node)
    return tuple(node.build() for node in top)


def _parent_of(
    r: CriteriaReader,
    where: KeyPath,
    *,
    criterion_id: str,
    parent_id: str,
    nodes: dict[str, _Node],
    existing: dict[str, Criterion],
    roots: tuple[Criterion, ...] | None,
) -> _Node | Criterion | None:
    if not parent_id:
        if roots is not None:
            raise r.fail(
                (*where, "id"), criterion_id, N_("an amendment adds criteria inside a tier")
            )
        if criterion_id not in {tier.value for tier in Tier} | {GENERAL}:
            known = ", ".join(tier.value for tier in Tier)
            raise r.fail(
                (*where, "id"),
                criterion_id,
                Reason(
                    N_("a root criterion is a tier ({known}) or {general}"),
                    known=known,
                    general=GENERAL,
                ),
            )
        return None
    parent: _Node | Criterion | None = nodes.get(parent_id) or existing.get(parent_id)
    if parent is None:
        reason = Reason(N_("its parent {parent!r} must come before it"), parent=parent_id)
        raise r.fail((*where, "id"), criterion_id, reason)
    combine = parent.fields.get("combine") if isinstance(parent, _Node) else parent.combine
    if combine is None:
        reason = Reason(N_("its parent {parent!r} is a single test"), parent=parent_id)
        raise r.fail((*where, "id"), criterion_id, reason)
    if roots is not None and combine == "band":
        raise r.fail((*where, "id"), criterion_id, N_("an amendment cannot add a revenue band"))
    return parent


def _criterion_fields(
    r: CriteriaReader,
    table: dict[str, Any],
    at: KeyPath,
    *,
    base: _Base,
    scoring: Scoring | None,
    parent: _Node | Criterion | None,
) -> dict[str, Any]:
    test = table.get("test")
    if test is not None:
        r.choice(test, (*at, "test"), CHECKS)
    allowed = set(_COMMON)
    if isinstance(test, str) and test in CHECKS:
        allowed |= CHECKS[test].keys
    r.check_keys(table, allowed, at)
    combine = table.get("combine")
    if (combine is None) == (test is None):
        raise r.fail(at, table.get("id"), N_("a criterion has either combine or test, not both"))
    if combine is not None:
        r.choice(combine, (*at, "combine"), _COMBINES)
    if parent is None and combine != "all":
        raise r.fail((*at, "combine"), combine, N_('a tier\'s root criterion combines "all"'))
    inherited_document, inherited_sources, inherited_confidence, parent_combine = _inherited(
        parent, base
    )
    annex = r.text(table, "annex", at, required=False)
    document = f"{base.document} {annex}" if annex else inherited_document
    sources = _source_list(r, table, at, base.sources) if "sources" in table else inherited_sources
    if not sources:
        raise r.fail((*at, "sources"), None, N_("a root criterion needs its sources"))
    band = None
    if parent_combine == "band":
        band = _revenue_band(r, table, at)
    elif "band" in table:
        raise r.fail(
            (*at, "band"), table["band"], N_("only criteria inside a band group take a band")
        )
    by = None
    if combine == "band":
        by = r.choice(table.get("by"), (*at, "by"), MONEY_FIGURES)
    elif "by" in table:
        raise r.fail((*at, "by"), table["by"], N_('only a "band" group takes by'))
    return {
        "id": table["id"],
        "name": Phrase(r.text(table, "name_en", at), r.text(table, "name_zh", at)),
        "combine": combine,
        "check": None
        if test is None
        else CHECKS[test].from_table(CheckTable(r, table, at, scoring)),
        "by": by,
        "band": band,
        "document": document,
        "quote": r.text(table, "quote", at, required=False),
        "text": r.text(table, "text", at, required=False),
        "sources": sources,
        "confidence": r.text(table, "confidence", at, required=False) or inherited_confidence,
        "readings": _reading_ids(r, table, at, base.readings),
        "note": r.text(table, "note", at, required=False),
        "purposes": tuple(
            r.convert((*at, "purposes", i), value, Purpose, N_("application or re-review"))
            for i, value in enumerate(r.strings(table, "purposes", at))
        ),
    }


def _inherited(
    parent: _Node | Criterion | None, base: _Base
) -> tuple[str, tuple[Source, ...], str, str | None]:
    """The parent's document, sources and confidence (inherited), and how it combines."""
    if isinstance(parent, _Node):
        fields = parent.fields
        return fields["document"], fields["sources"], fields["confidence"], fields["combine"]
    if isinstance(parent, Criterion):
        return parent.document, parent.sources, parent.confidence, parent.combine
    return base.document, (), base.confidence, None


def _revenue_band(r: CriteriaReader, table: dict[str, Any], at: KeyPath) -> RevenueBand:
    band = r.table(r.present(table, "band", at, required=True), (*at, "band"), N_("a band table"))
    r.check_keys(band, _REVENUE_BAND, (*at, "band"))
    low = None if "at_least" not in band else r.money(band["at_least"], (*at, "band", "at_least"))
    high = None if "below" not in band else r.money(band["below"], (*at, "band", "below"))
    if low is None and high is None:
        raise r.fail((*at, "band"), band, N_("a band needs at_least, below or both"))
    if low is not None and high is not None and not low < high:
        raise r.fail((*at, "band"), band, N_("at_least must be below below"))
    return RevenueBand(at_least=low, below=high)


def _check_group(r: CriteriaReader, node: _Node) -> None:
    combine = node.fields.get("combine")
    if combine is None:
        return
    if not node.children:
        raise r.fail(
            node.at, node.fields["id"], N_("a group needs at least one criterion inside it")
        )
    if combine != "band":
        return
    bands = sorted(
        (child.fields["band"] for child in node.children),
        key=lambda b: Decimal(-1) if b.at_least is None else b.at_least.amount,
    )
    edge: Money | None = None
    for index, band in enumerate(bands):
        if band.at_least != edge or (band.below is None) != (index == len(bands) - 1):
            raise r.fail(
                node.at,
                node.fields["id"],
                N_("the bands inside must cover every revenue once, without gaps or overlaps"),
            )
        edge = band.below


def _scoring(
    r: CriteriaReader,
    data: dict[str, Any],
    *,
    sources: dict[str, Source],
    document: str,
    confidence: str,
    readings: dict[str, Reading],
) -> Scoring | None:
    if "scoring" not in data:
        return None
    at: KeyPath = ("scoring",)
    table = r.table(data["scoring"], at, N_("a table"))
    r.check_keys(table, _SCORING, at)
    tier = r.convert((*at, "tier"), r.text(table, "tier", at), Tier, N_("a tier"))
    groups = _score_groups(r, table, at)
    indicators = table.get("indicators")
    if not isinstance(indicators, list) or not indicators:
        raise r.fail((*at, "indicators"), indicators, N_("expected [[scoring.indicators]] tables"))
    built = tuple(
        _indicator(r, entry, (*at, "indicators", i), groups, readings)
        for i, entry in enumerate(indicators)
    )
    for index, group in enumerate(groups):
        total = sum(indicator.points for indicator in built if indicator.group == group.id)
        if total != group.points:
            raise r.fail(
                (*at, "groups", index, "points"),
                group.points,
                Reason(N_("the group's indicators add up to {total} points"), total=total),
            )
    return Scoring(
        tier=tier,
        groups=groups,
        indicators=built,
        document=document,
        sources=tuple(sources.values()),
        confidence=confidence,
        readings=_reading_ids(r, table, at, readings),
    )


def _score_groups(r: CriteriaReader, table: dict[str, Any], at: KeyPath) -> tuple[ScoreGroup, ...]:
    entries = table.get("groups")
    if not isinstance(entries, list) or not entries:
        raise r.fail((*at, "groups"), entries, N_("expected [[scoring.groups]] tables"))
    groups: list[ScoreGroup] = []
    for index, entry in enumerate(entries):
        where: KeyPath = (*at, "groups", index)
        group = r.table(entry, where, N_("a group table"))
        r.check_keys(group, _GROUP, where)
        groups.append(
            ScoreGroup(
                id=r.clean((*where, "id"), r.text(group, "id", where), N_("a group id")),
                name=Phrase(r.text(group, "name_en", where), r.text(group, "name_zh", where)),
                points=r.integer(group, "points", where),
            )
        )
    return tuple(groups)


def _indicator(
    r: CriteriaReader,
    entry: object,
    at: KeyPath,
    groups: tuple[ScoreGroup, ...],
    readings: dict[str, Reading],
) -> Indicator:
    table = r.table(entry, at, N_("an indicator table"))
    r.check_keys(table, _INDICATOR, at)
    group = r.choice(table.get("group"), (*at, "group"), {g.id for g in groups})
    measure = r.choice(table.get("measure"), (*at, "measure"), set(_MEASURES))
    points = r.integer(table, "points", at)
    ratio = figure = None
    if measure == "ratio":
        ratio = r.choice(table.get("ratio"), (*at, "ratio"), set(RATIOS))
    if measure == "growth":
        figure = r.choice(table.get("figure"), (*at, "figure"), MONEY_FIGURES)
    for key, needs in (("ratio", "ratio"), ("figure", "growth")):
        if key in table and measure != needs:
            reason = Reason(
                N_("a {measure} indicator does not take {key}"), measure=measure, key=key
            )
            raise r.fail((*at, key), table[key], reason)
    bands = _score_bands(r, table, at, measure, points)
    return Indicator(
        id=r.clean((*at, "id"), r.text(table, "id", at), N_("an indicator id")),
        group=group,
        name=Phrase(r.text(table, "name_en", at), r.text(table, "name_zh", at)),
        points=points,
        measure=measure,
        ratio=ratio,
        figure=figure,
        bands=bands,
        text=r.text(table, "text", at, required=False),
        quote=r.text(table, "quote", at, required=False),
        readings=_reading_ids(r, table, at, readings),
    )


def _score_bands(
    r: CriteriaReader, table: dict[str, Any], at: KeyPath, measure: str, points: int
) -> tuple[ScoreBand, ...]:
    entries = table.get("bands")
    where: KeyPath = (*at, "bands")
    if not isinstance(entries, list) or len(entries) < 2:
        raise r.fail(where, entries, N_("expected an array of at least two bands"))
    bands: list[ScoreBand] = []
    for index, entry in enumerate(entries):
        band = r.table(entry, (*where, index), N_("a band table"))
        r.check_keys(band, {"points", *_BAND_OPS, "when"}, (*where, index))
        conditions = [key for key in (*_BAND_OPS, "when") if key in band]
        last = index == len(entries) - 1
        if len(conditions) != (0 if last else 1):
            raise r.fail(
                (*where, index), band, N_("each band but the last has one condition; the last none")
            )
        value = r.integer(band, "points", (*where, index), minimum=0)
        previous = points + 1 if not bands else bands[-1].points
        if value >= previous or (index == 0 and value != points):
            raise r.fail(
                (*where, index), value, N_("bands go from the indicator's points down, strictly")
            )
        if not conditions:
            bands.append(ScoreBand(points=value))
        elif conditions[0] == "when":
            when = r.choice(band["when"], (*where, index), _MEASURES[measure])
            bands.append(ScoreBand(points=value, when=when))
        elif measure not in {"ratio", "growth"}:
            reason = Reason(N_("a {measure} indicator's bands use when"), measure=measure)
            raise r.fail((*where, index), band, reason)
        else:
            op = conditions[0]
            bound = r.percent(band[op], (*where, index))
            bands.append(ScoreBand(points=value, op=op, bound=bound))
    return tuple(bands)


def _amendments(
    r: CriteriaReader,
    data: dict[str, Any],
    base: _Base,
    scoring: Scoring | None,
    roots: tuple[Criterion, ...],
) -> tuple[AmendmentRule, ...]:
    entries = data.get("amendments", [])
    if not isinstance(entries, list):
        raise r.fail(("amendments",), entries, N_("expected [[amendments]] tables"))
    return tuple(
        _amendment(r, entry, ("amendments", index), base=base, scoring=scoring, roots=roots)
        for index, entry in enumerate(entries)
    )


def _amendment(
    r: CriteriaReader,
    entry: object,
    at: KeyPath,
    *,
    base: _Base,
    scoring: Scoring | None,
    roots: tuple[Criterion, ...],
) -> AmendmentRule:
    table = r.table(entry, at, N_("an [[amendments]] table"))
    r.check_keys(table, _AMENDMENT, at)
    document = r.text(table, "document", at)
    tiers = tuple(
        r.convert((*at, "tiers", i), value, Tier, N_("a tier"))
        for i, value in enumerate(r.strings(table, "tiers", at))
    )
    if not tiers:
        raise r.fail((*at, "tiers"), [], N_("expected the tiers the amendment changes"))
    applies = r.table(
        r.present(table, "applies", at, required=True), (*at, "applies"), N_("a table")
    )
    r.check_keys(applies, _APPLIES, (*at, "applies"))
    start = r.day(applies, "start", (*at, "applies"))
    end = r.day(applies, "end", (*at, "applies"))
    if end < start:
        reason = Reason(N_("the end is before the start {start}"), start=start)
        raise r.fail((*at, "applies", "end"), end, reason)
    sources = _source_list(r, table, at, base.sources)
    confidence = r.text(table, "confidence", at)
    amended = _Base(
        document=document, sources=base.sources, confidence=confidence, readings=base.readings
    )
    criteria: tuple[Criterion, ...] = ()
    if "criteria" in table:
        criteria = _tree(
            r, table["criteria"], (*at, "criteria"), base=amended, scoring=scoring, roots=roots
        )
        criteria = tuple(
            _amended_criterion(r, criterion, at, tiers=tiers, document=document, sources=sources)
            for criterion in criteria
        )
    known = {criterion.id for root in roots for criterion in root.walk()}
    waivers = tuple(
        _waiver(r, waiver, (*at, "waivers", i), known)
        for i, waiver in enumerate(table.get("waivers", []))
    )
    if not criteria and not waivers:
        raise r.fail(at, document, N_("an amendment adds or waives at least one criterion"))
    return AmendmentRule(
        id=r.clean((*at, "id"), r.text(table, "id", at), N_("an amendment id")),
        document=document,
        issued=r.day(table, "issued", at),
        summary=r.text(table, "summary", at),
        tiers=tiers,
        start=start,
        end=end,
        applies_note=r.text(applies, "note", (*at, "applies"), required=False),
        criteria=criteria,
        waivers=waivers,
        sources=sources,
        confidence=confidence,
        readings=_reading_ids(r, table, at, base.readings),
        notes=r.strings(table, "notes", at),
    )


def _amended_criterion(
    r: CriteriaReader,
    criterion: Criterion,
    at: KeyPath,
    *,
    tiers: tuple[Tier, ...],
    document: str,
    sources: tuple[Source, ...],
) -> Criterion:
    if criterion.id.partition(".")[0] not in {tier.value for tier in tiers} | {GENERAL}:
        raise r.fail((*at, "criteria"), criterion.id, N_("the criterion's tier is not amended"))
    # An added criterion comes from the amending document and its sources.
    return _with_provenance(criterion, document, sources)


def _with_provenance(criterion: Criterion, document: str, sources: tuple[Source, ...]) -> Criterion:
    import attrs  # noqa: PLC0415 - only amendments need it

    return attrs.evolve(
        criterion,
        document=document,
        sources=sources,
        children=tuple(_with_provenance(c, document, sources) for c in criterion.children),
    )


def _waiver(r: CriteriaReader, entry: object, at: KeyPath, known: set[str]) -> Waiver:
    table = r.table(entry, at, N_("a [[waivers]] table"))
    r.check_keys(table, _WAIVER, at)
    criterion = r.text(table, "criterion", at)
    if criterion not in known:
        raise r.fail((*at, "criterion"), criterion, N_("no criterion has this id"))
    purposes = tuple(
        r.convert((*at, "purposes", i), value, Purpose, N_("application or re-review"))
        for i, value in enumerate(r.strings(table, "purposes", at))
    )
    if not purposes:
        raise r.fail((*at, "purposes"), [], N_("expected the purposes the waiver applies to"))
    return Waiver(
        criterion=criterion,
        purposes=purposes,
        quote=r.text(table, "quote", at, required=False),
        text=r.text(table, "text", at, required=False),
    )
