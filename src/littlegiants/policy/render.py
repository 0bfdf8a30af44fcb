"""Rendering policies as text tables for people: the CLI's ``policy`` command and golden snapshots.

A rendering is deterministic and locale-explicit, so a snapshot of it shows every change to the
policy data in review.

>>> from littlegiants.policy import load_policy
>>> print(render_policy(load_policy("shenzhen-2022"), locale="en_US"))  # doctest: +ELLIPSIS
shenzhen-2022: 深府〔2022〕31号
  深圳市人民政府关于加快培育壮大市场主体的实施意见
  Issuer:       深圳市人民政府 (Shenzhen Municipal People's Government)
  Jurisdiction: 440300 广东省 深圳市
  Effective:    2022-04-08 to 2025-12-31
  Combination:  cumulative
  Confidence:   High
  Rules:
    municipal   designation  municipal   up to CN¥100,000.00
    provincial  designation  provincial  up to CN¥200,000.00
    national    designation  national    up to CN¥500,000.00
...
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Final

from littlegiants.policy.model import Zone, ZoneExtent
from littlegiants.regions import format_region
from littlegiants.translations import N_, display_width, translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from littlegiants.policy.rules import Rule
    from littlegiants.policy.terms import PolicyTerms

__all__ = ["render_policy", "render_rule_amount"]


def render_rule_amount(rule: Rule, *, locale: str) -> str:
    """Describe what a rule pays: ``up to CN¥500,000.00``, ``10% of rd_super_deduction, ...``.

    The rule's own :meth:`~littlegiants.policy.Rule.terms`, in the language of ``locale``.
    """
    return rule.terms(locale=locale)


#: The sources heading says what each kind means, so a reader can weigh every citation.
_SOURCES_HEADING: Final = N_(
    "Sources ([official] the issuer's own page; [mirror] a copy of the text elsewhere; "
    "[summary] news or a summary, not the text):"
)
#: The width of a label column (``Issuer:``), in terminal columns.
_LABEL: Final = 14
#: Where the text under a label starts.
_UNDER: Final = " " * (2 + _LABEL)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=96, initial_indent=indent, subsequent_indent=indent
    )


def _section(lines: list[str], heading: str, items: Iterable[str]) -> None:
    """Append a heading and its items as wrapped bullets; nothing when there are no items."""
    bullets = [_wrap(item, "      ") for item in items]
    if not bullets:
        return
    lines.append(heading)
    for wrapped in bullets:
        lines.append("    - " + wrapped[0].strip())
        lines.extend(wrapped[1:])


def _label(label: str) -> str:
    """``  Issuer:       ``: a label padded to the label column by display width."""
    return "  " + label + " " * max(_LABEL - display_width(label), 1)


def _zone_lines(zone: Zone, _: Callable[[str], str]) -> list[str]:
    chinese = _("Zone:") != "Zone:"
    title = zone.name if zone.name_en is None or chinese else f"{zone.name} ({zone.name_en})"
    divisions = _("; ").join(f"{d.code} {format_region(d)}" for d in zone.divisions)
    if zone.extent is ZoneExtent.WHOLE:
        extent = _("made of {divisions}").format(divisions=divisions)
    else:
        extent = _(
            "part of {divisions}; no division code of its own, so a firm's membership is "
            "read from its Profile.zones"
        ).format(divisions=divisions)
    lines = [_label(_("Zone:")) + title]
    lines.extend(_wrap(extent, _UNDER))
    if zone.aliases:
        lines.append(_UNDER + _("also called {names}").format(names=_(", ").join(zone.aliases)))
    source = f"{_(zone.source.label)} {zone.source.url}"
    lines.append(_UNDER + _("zone source: {source}").format(source=source))
    if zone.note:
        lines.extend(_wrap(zone.note, _UNDER))
    return lines


def render_policy(policy: PolicyTerms, *, locale: str) -> str:
    """Render a policy's provenance, dates, rules, notes and sources as a text table.

    Its labels, codes and headings read in the language of ``locale``; what the policy file
    writes (titles, notes, quotes) reads as written.
    """
    _ = translator(locale).gettext
    start = policy.effective_from or _("(open)")
    end = policy.effective_to or _("(open)")
    issuer = policy.issuer if _("Issuer:") == "Issuer:" else policy.issuer.split(" (", 1)[0]
    lines = [
        f"{policy.id}: {policy.document}",
        f"  {policy.title}",
        _label(_("Issuer:")) + issuer,
        _label(_("Jurisdiction:"))
        + f"{policy.jurisdiction.code} {format_region(policy.jurisdiction)}",
        _label(_("Effective:")) + _("{start} to {end}").format(start=start, end=end),
        _label(_("Combination:")) + _(policy.combination.value),
        _label(_("Confidence:")) + _(str(policy.confidence)),
    ]
    if policy.zone is not None:
        lines.extend(_zone_lines(policy.zone, _))
    lines.append("  " + _("Rules:"))
    kinds = {rule.id: _(str(rule.kind)) for rule in policy.rules}
    levels = {rule.id: _(rule.level.value) for rule in policy.rules}
    width_id = max(len(rule.id) for rule in policy.rules)
    width_kind = max(display_width(kind) for kind in kinds.values())
    width_level = max(10, *(display_width(level) for level in levels.values()))
    lines.extend(
        f"    {rule.id:<{width_id}}  {_padded(kinds[rule.id], width_kind)}  "
        f"{_padded(levels[rule.id], width_level)}  {render_rule_amount(rule, locale=locale)}"
        for rule in policy.rules
    )
    _section(
        lines,
        "  " + _("Not rewarded (a not-eligible item with this reason, never no item):"),
        [f"{rule.id}: {rule.not_rewarded}" for rule in policy.rules if rule.not_rewarded],
    )
    _section(
        lines,
        "  "
        + _(
            "Conditions (checked for every item from the firm's Profile; unknown ones are "
            "reported, never assumed):"
        ),
        [
            f"{c.id}: {c.text} [{c.fact} = {'true' if c.expected else 'false'}]"
            for c in policy.conditions
        ],
    )
    _section(
        lines,
        "  "
        + _("Relations to other policies (as its text states them; none stated: independent):"),
        [
            f"{relation.kind.words.speak(locale)} {_(', ').join(relation.policies)}"
            + (f': "{relation.quote}"' if relation.quote else "")
            + (f" ({relation.note})" if relation.note else "")
            for relation in policy.relations
        ],
    )
    if policy.effective_note:
        lines.append("  " + _("Dates:"))
        lines.extend(_wrap(policy.effective_note, "    "))
    if policy.combination_note:
        lines.append("  " + _("Combination reading:"))
        lines.extend(_wrap(policy.combination_note, "    "))
    _section(lines, "  " + _("Notes:"), policy.notes)
    _section(
        lines, "  " + _("Still unknown (looked for in the sources, not found):"), policy.unknowns
    )
    lines.append("  " + _(_SOURCES_HEADING))
    lines.extend(
        f"    {_(source.label)} {source.url}" + (f" ({source.note})" if source.note else "")
        for source in policy.sources
    )
    return "\n".join(lines)


def _padded(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(width - display_width(text), 0)


#: The kinds of rule, as the rules table names them (``designation`` and ``re-review`` are
#: marked with the events of the same names).
_RULE_KINDS: Final = (N_("percentage"), N_("relocation"))
