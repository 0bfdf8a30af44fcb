"""Reading policy TOML files strictly, with every error located by file, key path and line.

The format is documented in ``docs/policy-files.md``. ``tomllib`` gives line numbers only for
syntax errors, so a small index maps each key path (``rules[2].amount``) to the line it is on.
Each ``[[rules]]`` table is read by the class of its ``kind`` (:func:`rule_kinds
<littlegiants.policy.rules.rule_kinds>`), through a :class:`RuleReader
<littlegiants.policy.rules.RuleReader>` bound to the table's key path; a key the kind does not
take is refused, naming the kinds that take it.

The reader builds the policy with the class it is given (``factory``), so it never imports the
class whose :meth:`~littlegiants.policy.IncentivePolicy.from_toml` calls it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar

from littlegiants._exact import bounds_problem, to_decimal
from littlegiants._tomlindex import (
    ID_CHARACTERS,
    UNUSABLE_NUMBER,
    TomlReader,
    expected_one_of,
)
from littlegiants._tomlindex import KeyPath as Path
from littlegiants.designation import DesignationLevel
from littlegiants.errors import PolicyFileError, Reason
from littlegiants.financials import PROFILE_FLAGS
from littlegiants.money import Money, validate_currency
from littlegiants.policy.model import (
    FIGURES,
    FLAG_FACTS,
    Combination,
    Condition,
    FigureYear,
    RegionAmount,
    Relation,
    RelationKind,
    Zone,
    ZoneExtent,
)
from littlegiants.policy.rules import Rule, rule_kinds
from littlegiants.policy.terms import PART_ZONE_MOVES, PolicyTerms
from littlegiants.regions import Region
from littlegiants.sources import Source, SourceKind
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

_P = TypeVar("_P", bound=PolicyTerms)

__all__ = ["read_policy"]


_ID: Final = re.compile(r"[a-z0-9][a-z0-9-]*")

_TOP: Final = {
    "id",
    "title",
    "title_en",
    "document",
    "issuer",
    "jurisdiction",
    "currency",
    "confidence",
    "combination",
    "combination_note",
    "notes",
    "unknowns",
    "effective",
    "sources",
    "rules",
    "zone",
    "conditions",
    "relations",
}
_CONDITION: Final = {"id", "fact", "expected", "text", "quote", "note"}
_RELATION: Final = {"kind", "policies", "quote", "note"}
_ZONE: Final = {"name", "name_en", "aliases", "divisions", "extent", "source", "note"}
_EFFECTIVE: Final = {"start", "end", "note"}
_SOURCE: Final = {"url", "note", "kind"}
_BY_REGION: Final = {"regions", "amount", "label"}


class _Reader(TomlReader):
    """Typed access to the parsed TOML, raising located ``PolicyFileError``s."""

    error = PolicyFileError

    def get(
        self, table: dict[str, Any], key: str, at: Path, kind: type, *, required: bool = True
    ) -> Any:  # noqa: ANN401 - the caller states the type it asked for
        if key not in table:
            if required:
                raise self.fail((*at, key), None, N_("a required key is missing"))
            return None
        value = table[key]
        if kind is str and not isinstance(value, str):
            raise self.fail((*at, key), value, N_("expected a quoted string"))
        if kind is bool and not isinstance(value, bool):
            raise self.fail((*at, key), value, N_("expected true or false"))
        if kind is list and not isinstance(value, list):
            raise self.fail((*at, key), value, N_("expected an array"))
        if kind is dict and not isinstance(value, dict):
            raise self.fail((*at, key), value, N_("expected a table"))
        if kind is date and (not isinstance(value, date) or type(value) is not date):
            raise self.fail((*at, key), value, N_("expected a TOML date such as 2022-04-08"))
        return value

    def decimal(self, table: dict[str, Any], key: str, at: Path) -> Decimal:
        value = table.get(key)
        if isinstance(value, float):
            raise self.fail(
                (*at, key), value, N_('amounts are quoted strings ("500000"), never floats')
            )
        if not isinstance(value, str):
            raise self.fail(
                (*at, key), value, N_('expected a quoted decimal string such as "500000"')
            )
        number = to_decimal(value)
        if number is None or number < 0:
            raise self.fail((*at, key), value, N_("expected a non-negative decimal number"))
        problem = bounds_problem(number)
        if problem is not None:
            raise self.fail((*at, key), value, Reason(UNUSABLE_NUMBER, problem=problem))
        return number

    def money(self, table: dict[str, Any], key: str, at: Path, currency: str) -> Money:
        return Money(self.decimal(table, key, at), currency)


def read_policy(text: str, path: str, *, factory: Callable[..., _P], bundled: bool = False) -> _P:
    """Parse and validate a policy file's text into ``factory(**fields)``.

    ``IncentivePolicy.from_toml`` calls this with itself as ``factory``.

    ``bundled`` holds the catalogue's files to the catalogue's standard: every source states its
    kind (official, mirror or summary).
    """
    r = _Reader(text, path)
    data = r.check_keys(r.data, _TOP, ())
    policy_id = r.get(data, "id", (), str)
    if not _ID.fullmatch(policy_id):
        raise r.fail(("id",), policy_id, ID_CHARACTERS)
    currency = r.convert(
        ("currency",), r.get(data, "currency", (), str), validate_currency, N_("an ISO 4217 code")
    )
    jurisdiction = r.convert(
        ("jurisdiction",), r.get(data, "jurisdiction", (), str), Region.parse, N_("a division code")
    )
    combination = r.convert(
        ("combination",),
        r.get(data, "combination", (), str),
        Combination,
        N_("one of cumulative, highest-only, top-up"),
    )
    effective = r.get(data, "effective", (), dict)
    r.check_keys(effective, _EFFECTIVE, ("effective",))
    start = r.get(effective, "start", ("effective",), date, required=False)
    end = r.get(effective, "end", ("effective",), date, required=False)
    note = r.get(effective, "note", ("effective",), str, required=False)
    if (start is None or end is None) and note is None:
        raise r.fail(
            ("effective", "note"), None, N_("an open effective bound needs a note saying why")
        )
    if start is not None and end is not None and end < start:
        raise r.fail(
            ("effective", "end"),
            end,
            Reason(N_("the end is before the start {start}"), start=start),
        )
    sources = r.get(data, "sources", (), list)
    if not sources:
        raise r.fail(("sources",), sources, N_("at least one [[sources]] entry is required"))
    notes = _strings(r, data, "notes")
    unknowns = _strings(r, data, "unknowns")
    rules = r.get(data, "rules", (), list)
    if not rules:
        raise r.fail(("rules",), rules, N_("at least one [[rules]] entry is required"))
    parsed_rules = tuple(
        _rule(_RuleReader(r, ("rules", i), currency), rule) for i, rule in enumerate(rules)
    )
    seen: set[str] = set()
    for i, rule in enumerate(parsed_rules):
        if rule.id in seen:
            raise r.fail(("rules", i, "id"), rule.id, N_("two rules have this id"))
        seen.add(rule.id)
    zone = _zone(r, data, jurisdiction, parsed_rules, bundled=bundled)
    conditions = _conditions(r, data)
    relations = _relations(r, data, policy_id, bundled=bundled)
    return factory(
        id=policy_id,
        title=r.get(data, "title", (), str),
        title_en=r.get(data, "title_en", (), str, required=False),
        document=r.get(data, "document", (), str),
        issuer=r.get(data, "issuer", (), str),
        jurisdiction=jurisdiction,
        currency=currency,
        effective_from=start,
        effective_to=end,
        effective_note=note,
        combination=combination,
        combination_note=r.get(data, "combination_note", (), str, required=False),
        sources=tuple(
            _source(r, source, ("sources", i), bundled=bundled) for i, source in enumerate(sources)
        ),
        confidence=r.get(data, "confidence", (), str),
        notes=notes,
        unknowns=unknowns,
        rules=parsed_rules,
        zone=zone,
        conditions=conditions,
        relations=relations,
        path=path,
    )


def _strings(r: _Reader, data: dict[str, Any], key: str) -> tuple[str, ...]:
    items = r.get(data, key, (), list, required=False) or []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise r.fail((key, i), item, N_("expected a quoted, non-empty string"))
    return tuple(items)


def _source(r: _Reader, table: object, at: Path, *, bundled: bool) -> Source:
    if not isinstance(table, dict):
        raise r.fail(at, table, N_("expected a table with url, kind and note"))
    r.check_keys(table, _SOURCE, at)
    kind = r.get(table, "kind", at, str, required=bundled)  # the catalogue always says
    if kind is not None:
        kind = r.convert((*at, "kind"), kind, SourceKind, _KINDS_OF_SOURCE)
    url = r.get(table, "url", at, str)
    if not url.strip():
        raise r.fail((*at, "url"), url, N_("a source needs the address it was read at"))
    return Source(url=url, note=r.get(table, "note", at, str, required=False), kind=kind)


_KINDS_OF_SOURCE: Final = N_(
    "one of official (the issuer's own page or a government site), "
    "mirror (a copy of the official text elsewhere), summary (news, consultancy or compilation)"
)


def _zone(
    r: _Reader,
    data: dict[str, Any],
    jurisdiction: Region,
    rules: tuple[Rule, ...],
    *,
    bundled: bool,
) -> Zone | None:
    if "zone" not in data:
        return None
    at: Path = ("zone",)
    table = r.get(data, "zone", (), dict)
    r.check_keys(table, _ZONE, at)
    name = r.get(table, "name", at, str)
    if not name.strip():
        raise r.fail((*at, "name"), name, N_("a zone needs its name"))
    codes = r.get(table, "divisions", at, list)
    if not codes:
        raise r.fail(
            (*at, "divisions"), codes, N_("list the division codes the zone is made of or in")
        )
    divisions = []
    for i, code in enumerate(codes):
        division = r.convert((*at, "divisions", i), code, Region.parse, N_("a division code"))
        if not division.within(jurisdiction):
            raise r.fail(
                (*at, "divisions", i),
                code,
                Reason(N_("a zone's divisions lie within {code}"), code=jurisdiction.code),
            )
        divisions.append(division)
    aliases = r.get(table, "aliases", at, list, required=False) or []
    for i, alias in enumerate(aliases):
        if not isinstance(alias, str) or not alias.strip():
            raise r.fail((*at, "aliases", i), alias, N_("expected a quoted, non-empty name"))
    extent = r.convert(
        (*at, "extent"),
        r.get(table, "extent", at, str),
        ZoneExtent,
        N_("whole (the zone is exactly its divisions) or part (it covers part of them)"),
    )
    if extent is ZoneExtent.PART:
        for i, rule in enumerate(rules):
            if rule.reads_moves:
                raise r.fail(("rules", i, "kind"), str(rule.kind), PART_ZONE_MOVES)
    source = _source(r, r.get(table, "source", at, dict), (*at, "source"), bundled=bundled)
    return Zone(
        name=name,
        divisions=tuple(divisions),
        extent=extent,
        source=source,
        name_en=r.get(table, "name_en", at, str, required=False),
        aliases=tuple(aliases),
        note=r.get(table, "note", at, str, required=False),
    )


def _conditions(r: _Reader, data: dict[str, Any]) -> tuple[Condition, ...]:
    tables = r.get(data, "conditions", (), list, required=False) or []
    found: list[Condition] = []
    for i, table in enumerate(tables):
        at: Path = ("conditions", i)
        r.check_keys(table, _CONDITION, at)
        condition_id = r.get(table, "id", at, str)
        if not _ID.match(condition_id):
            raise r.fail((*at, "id"), condition_id, ID_CHARACTERS)
        if condition_id in {condition.id for condition in found}:
            raise r.fail((*at, "id"), condition_id, N_("two conditions have this id"))
        fact = r.get(table, "fact", at, str)
        if fact not in PROFILE_FLAGS:
            raise r.fail((*at, "fact"), fact, FLAG_FACTS)
        found.append(
            Condition(
                id=condition_id,
                fact=fact,
                expected=r.get(table, "expected", at, bool),
                text=r.get(table, "text", at, str),
                quote=r.get(table, "quote", at, str, required=False),
                note=r.get(table, "note", at, str, required=False),
            )
        )
    return tuple(found)


def _relations(
    r: _Reader, data: dict[str, Any], policy_id: str, *, bundled: bool
) -> tuple[Relation, ...]:
    """How the policy stands to other issuers' policies: top-up over them, or not combined.

    A bundled file quotes its source for every relation: a relation is never inferred.
    """
    tables = r.get(data, "relations", (), list, required=False) or []
    found: list[Relation] = []
    named: set[str] = set()
    for i, table in enumerate(tables):
        at: Path = ("relations", i)
        r.check_keys(table, _RELATION, at)
        kind = r.convert(
            (*at, "kind"),
            r.get(table, "kind", at, str),
            RelationKind,
            Reason(N_("one of {choices}"), choices=", ".join(k.value for k in RelationKind)),
        )
        others = r.get(table, "policies", at, list)
        if not others:
            raise r.fail((*at, "policies"), others, N_("name the ids of the policies it is about"))
        for j, other in enumerate(others):
            where = (*at, "policies", j)
            if not isinstance(other, str) or not _ID.fullmatch(other):
                raise r.fail(
                    where, other, N_("expected a policy id (lower-case letters, digits, '-')")
                )
            if other == policy_id:
                raise r.fail(where, other, N_("a policy does not relate to itself"))
            if other in named:
                raise r.fail(where, other, N_("another relation already names this policy"))
            named.add(other)
        quote = r.get(table, "quote", at, str, required=bundled)
        found.append(
            Relation(
                kind=kind,
                policies=tuple(others),
                quote=quote,
                note=r.get(table, "note", at, str, required=False),
            )
        )
    return tuple(found)


def _rule(reader: _RuleReader, table: object) -> Rule:
    """A ``[[rules]]`` table, read by the class its ``kind`` names."""
    r, at = reader.r, reader.at
    if not isinstance(table, dict):
        raise r.fail(at, table, N_("expected a [[rules]] table"))
    kinds = rule_kinds()
    word = r.get(table, "kind", at, str)
    if word not in kinds:
        raise r.fail((*at, "kind"), word, expected_one_of(kinds))
    cls = kinds[word]
    allowed = cls.file_keys()
    for key, value in table.items():
        if key in allowed:
            continue
        takers = [other for other, kind in kinds.items() if key in kind.file_keys()]
        if not takers:
            r.check_keys(table, set(allowed), at)
        reason = Reason(
            N_("{kinds} rules take this key, a {kind} rule does not"),
            kinds=", ".join(takers),
            kind=word,
        )
        raise r.fail((*at, key), value, reason)
    return cls.from_table(reader, table)


class _RuleReader:
    """The located reader a rule kind reads its ``[[rules]]`` table with."""

    def __init__(self, r: _Reader, at: Path, currency: str) -> None:
        self.r = r
        self.at = at
        self._currency = currency

    @property
    def currency(self) -> str:
        return self._currency

    def refuse(self, key: str, value: object, reason: str) -> NoReturn:
        raise self.r.fail((*self.at, key), value, reason)

    def text(self, table: dict[str, Any], key: str) -> str | None:
        text: str | None = self.r.get(table, key, self.at, str, required=False)
        return text

    def flag(self, table: dict[str, Any], key: str) -> bool:
        return bool(self.r.get(table, key, self.at, bool, required=False))

    def day(self, table: dict[str, Any], key: str) -> date | None:
        day: date | None = self.r.get(table, key, self.at, date, required=False)
        return day

    def money(self, table: dict[str, Any], key: str) -> Money:
        return self.r.money(table, key, self.at, self._currency)

    def identifier(self, table: dict[str, Any]) -> str:
        return self.r.clean(
            (*self.at, "id"), self.r.get(table, "id", self.at, str), N_("a rule id")
        )

    def level(self, table: dict[str, Any]) -> DesignationLevel:
        level: DesignationLevel = self.r.convert(
            (*self.at, "level"),
            self.r.get(table, "level", self.at, str),
            DesignationLevel.parse,
            N_("a level"),
        )
        return level

    def batches(self, table: dict[str, Any]) -> tuple[int, ...]:
        batches = self.r.get(table, "batches", self.at, list, required=False) or []
        for i, batch in enumerate(batches):
            if not isinstance(batch, int) or isinstance(batch, bool) or not 1 <= batch <= 99:
                raise self.r.fail(
                    (*self.at, "batches", i), batch, N_("expected a MIIT batch number")
                )
        return tuple(batches)

    def region_amounts(self, table: dict[str, Any]) -> tuple[RegionAmount, ...]:
        options = self.r.get(table, "by_region", self.at, list, required=False) or []
        return tuple(
            _region_amount(self.r, option, (*self.at, "by_region", i), self._currency)
            for i, option in enumerate(options)
        )

    def share(self, table: dict[str, Any], *, required: bool) -> dict[str, Any]:
        """A rule's share of a figure: percent, figure and year (all three when required)."""
        r, at = self.r, self.at
        if not required and "percent" not in table:
            for name in ("figure", "figure_year"):
                if name in table:
                    reason = N_("only a rule with a percent takes this key")
                    raise r.fail((*at, name), table[name], reason)
            return {"percent": None, "figure": None, "figure_year": FigureYear.PREVIOUS}
        percent = r.decimal(table, "percent", at)
        figure = r.get(table, "figure", at, str)
        if figure not in FIGURES:
            raise r.fail((*at, "figure"), figure, expected_one_of(sorted(FIGURES)))
        year = r.get(table, "figure_year", at, str, required=False) or "previous"
        figure_year = r.convert(
            (*at, "figure_year"),
            year,
            FigureYear,
            N_("previous (the year before the event) or event (the event's year)"),
        )
        return {"percent": percent, "figure": figure, "figure_year": figure_year}


def _region_amount(r: _Reader, table: object, at: Path, currency: str) -> RegionAmount:
    if not isinstance(table, dict):
        raise r.fail(at, table, N_("expected a table with regions and amount"))
    r.check_keys(table, _BY_REGION, at)
    codes = r.get(table, "regions", at, list)
    regions = tuple(
        r.convert((*at, "regions", i), code, Region.parse, N_("a division code"))
        for i, code in enumerate(codes)
    )
    return RegionAmount(
        regions=regions,
        amount=r.money(table, "amount", at, currency),
        label=r.get(table, "label", at, str, required=False),
    )
