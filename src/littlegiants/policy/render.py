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
from typing import TYPE_CHECKING

from littlegiants.policy.model import Zone, ZoneExtent
from littlegiants.regions import format_region

if TYPE_CHECKING:
    from collections.abc import Iterable

    from littlegiants.policy.rules import Rule
    from littlegiants.policy.terms import PolicyTerms

__all__ = ["render_policy", "render_rule_amount"]


def render_rule_amount(rule: Rule, *, locale: str) -> str:
    """Describe what a rule pays: ``up to CN¥500,000.00``, ``10% of rd_super_deduction, ...``.

    The rule's own :meth:`~littlegiants.policy.Rule.terms`, in the language of ``locale``.
    """
    return rule.terms(locale=locale)


#: The sources heading says what each kind means, so a reader can weigh every citation.
_SOURCES_HEADING = (
    "  Sources ([official] the issuer's own page; [mirror] a copy of the text elsewhere; "
    "[summary] news or a summary, not the text):"
)


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


def _zone_lines(zone: Zone) -> list[str]:
    title = zone.name if zone.name_en is None else f"{zone.name} ({zone.name_en})"
    divisions = "; ".join(f"{d.code} {format_region(d)}" for d in zone.divisions)
    if zone.extent is ZoneExtent.WHOLE:
        extent = f"made of {divisions}"
    else:
        extent = (
            f"part of {divisions}; no division code of its own, so a firm's membership is "
            "read from its Profile.zones"
        )
    lines = [f"  Zone:         {title}"]
    lines.extend(_wrap(extent, "                "))
    if zone.aliases:
        lines.append(f"                also called {', '.join(zone.aliases)}")
    lines.append(f"                zone source: {zone.source.label} {zone.source.url}")
    if zone.note:
        lines.extend(_wrap(zone.note, "                "))
    return lines


def render_policy(policy: PolicyTerms, *, locale: str) -> str:
    """Render a policy's provenance, dates, rules, notes and sources as a text table."""
    start = policy.effective_from or "(open)"
    end = policy.effective_to or "(open)"
    lines = [
        f"{policy.id}: {policy.document}",
        f"  {policy.title}",
        f"  Issuer:       {policy.issuer}",
        f"  Jurisdiction: {policy.jurisdiction.code} {format_region(policy.jurisdiction)}",
        f"  Effective:    {start} to {end}",
        f"  Combination:  {policy.combination.value}",
        f"  Confidence:   {policy.confidence}",
    ]
    if policy.zone is not None:
        lines.extend(_zone_lines(policy.zone))
    lines.append("  Rules:")
    width_id = max(len(rule.id) for rule in policy.rules)
    width_kind = max(len(rule.kind) for rule in policy.rules)
    lines.extend(
        f"    {rule.id:<{width_id}}  {rule.kind!s:<{width_kind}}  "
        f"{rule.level.value:<10}  {render_rule_amount(rule, locale=locale)}"
        for rule in policy.rules
    )
    _section(
        lines,
        "  Not rewarded (a not-eligible item with this reason, never no item):",
        [f"{rule.id}: {rule.not_rewarded}" for rule in policy.rules if rule.not_rewarded],
    )
    _section(
        lines,
        "  Conditions (checked for every item from the firm's Profile; unknown ones are reported,"
        " never assumed):",
        [
            f"{c.id}: {c.text} [{c.fact} = {'true' if c.expected else 'false'}]"
            for c in policy.conditions
        ],
    )
    _section(
        lines,
        "  Relations to other policies (as its text states them; none stated: independent):",
        [
            f"{relation.kind.words.en} {', '.join(relation.policies)}"
            + (f': "{relation.quote}"' if relation.quote else "")
            + (f" ({relation.note})" if relation.note else "")
            for relation in policy.relations
        ],
    )
    if policy.effective_note:
        lines.append("  Dates:")
        lines.extend(_wrap(policy.effective_note, "    "))
    if policy.combination_note:
        lines.append("  Combination reading:")
        lines.extend(_wrap(policy.combination_note, "    "))
    _section(lines, "  Notes:", policy.notes)
    _section(lines, "  Still unknown (looked for in the sources, not found):", policy.unknowns)
    lines.append(_SOURCES_HEADING)
    lines.extend(
        f"    {source.label} {source.url}" + (f" ({source.note})" if source.note else "")
        for source in policy.sources
    )
    return "\n".join(lines)
