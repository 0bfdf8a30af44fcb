"""Eligibility in words: an assessment explained, and a criteria set as the docs' tables.

:func:`explain` writes an :class:`~littlegiants.eligibility.Assessment` criterion by criterion,
with the figures used, in English or Chinese (what :meth:`Assessment.explain` returns);
:func:`render_criteria` writes a criteria set's tables with their sources and readings, the
generated part of ``docs/eligibility.md``.

This module sits below the results and the rule data it writes about: an assessment's ``explain``
calls it, so it reads their attributes and imports their classes for type checking only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from littlegiants.eligibility import _words as words
from littlegiants.eligibility.model import (
    GENERAL,
    PURPOSE_WORDS,
    TIER_NAMES,
    VERDICT_WORDS,
    Phrase,
    Tier,
    gettext_in,
    language_of,
    pgettext_in,
)
from littlegiants.financials import Award, ChuangkePlacing, ProductField
from littlegiants.formatting import format_money
from littlegiants.money import Money

if TYPE_CHECKING:
    from littlegiants.eligibility.catalogue import CriteriaSet
    from littlegiants.eligibility.criteria import AmendmentRule, Criterion
    from littlegiants.eligibility.model import Language
    from littlegiants.eligibility.results import Assessment, CriterionResult, Figure, Score
    from littlegiants.eligibility.scoring import Scoring
    from littlegiants.sources import Source

__all__ = ["render_criteria"]


def _figure_text(figure: Figure, language: Language, locale: str) -> str:
    name = figure.name
    label = words.FIGURE_NAMES[name].pick(language) if name in words.FIGURE_NAMES else name
    if figure.year is not None:
        label = words.dated(label, figure.year, language)
    _ = gettext_in(language)
    return _("{label}: {value}").format(label=label, value=_format_value(figure, language, locale))


def _format_value(figure: Figure, language: Language, locale: str) -> str:
    _ = gettext_in(language)
    value = figure.value
    text: str
    if value is None:
        text = _("unknown")
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif isinstance(value, Money):
        text = format_money(value, locale=locale)
    elif isinstance(value, Decimal):
        text = words.percent(value, signed=figure.name.endswith("growth"))
    elif isinstance(value, ProductField):
        text = words.FIELD_NAMES[value].pick(language)
    elif isinstance(value, int | str):
        text = words.LEVEL_NAMES[value].pick(language) if value in words.LEVEL_NAMES else str(value)
    elif not value:
        text = _("none")
    else:
        pgettext = pgettext_in(language)
        text = pgettext("list", ", ").join(_item_text(item, language) for item in value)
    return text


def _item_text(item: Award | ChuangkePlacing | str, language: Language) -> str:
    if isinstance(item, Award):
        _ = gettext_in(language)
        return _("{level} award {year}, rank {rank}").format(
            level=words.LEVEL_NAMES[item.level].pick(language), year=item.year, rank=item.rank
        )
    if isinstance(item, ChuangkePlacing):
        return words.dated(item.group, item.year, language)
    return item


def explain(assessment: Assessment, locale: str) -> str:
    """Explain an assessment criterion by criterion (see :meth:`Assessment.explain`)."""
    language = language_of(locale)
    _ = gettext_in(language)
    basis = f"{assessment.document} ({assessment.criteria_set})"
    if assessment.amendments:
        basis += _(", amended by {documents}").format(documents=", ".join(assessment.amendments))
    lines = [
        _("{name}: {tier}, {purpose}, as of {on}").format(
            name=assessment.name,
            tier=TIER_NAMES[assessment.tier].pick(language),
            purpose=PURPOSE_WORDS[assessment.purpose].pick(language),
            on=assessment.as_of,
        ),
        _("Criteria: {basis}").format(basis=basis),
        _("Verdict: {verdict}").format(verdict=VERDICT_WORDS[assessment.verdict].pick(language)),
    ]
    for result in assessment.criteria:
        _explain_result(result, language, locale, 0, lines)
    if assessment.score is not None:
        _explain_score(assessment.score, language, locale, lines)
    if assessment.general:
        general = VERDICT_WORDS[assessment.general_verdict].pick(language)
        lines.append(_("General conditions (Article 3): {verdict}").format(verdict=general))
        for result in assessment.general:
            _explain_result(result, language, locale, 0, lines)
    return "\n".join(lines)


def _explain_result(
    result: CriterionResult, language: Language, locale: str, depth: int, lines: list[str]
) -> None:
    indent = "  " * (depth + 1)
    verdict = VERDICT_WORDS[result.verdict].pick(language)
    lines.append(
        f"{indent}[{verdict}] {result.name.pick(language)} — {result.requirement.pick(language)}"
    )
    details = [_figure_text(figure, language, locale) for figure in result.figures]
    if details:
        _ = gettext_in(language)
        lines.append(f"{indent}    " + _("; ").join(details))
    if result.note is not None and not _restates(result.note, result.figures):
        lines.append(f"{indent}    {_aside(result.note, language)}")
    for child in result.criteria:
        _explain_result(child, language, locale, depth + 1, lines)


def _restates(note: Phrase, figures: tuple[Figure, ...]) -> bool:
    """Whether ``note`` only says that a figure the line above shows as unknown is unknown."""
    return any(
        figure.value is None
        and figure.name in words.FIGURE_NAMES
        and note
        in (
            words.unknown_fact(figure.name),
            *(() if figure.year is None else (words.unknown_figure(figure.name, figure.year),)),
        )
        for figure in figures
    )


def _points(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _explain_score(score: Score, language: Language, locale: str, lines: list[str]) -> None:
    groups = ", ".join(
        f"{group.name.pick(language)} {_points(group.low, group.high)}/{group.max_points}"
        for group in score.groups
    )
    _ = gettext_in(language)
    total = _points(score.low, score.high)
    lines.append(_("Score: {total}/100 ({groups})").format(total=total, groups=groups))
    for indicator in score.indicators:
        points = f"{_points(indicator.low, indicator.high)}/{indicator.max_points}"
        details = _("; ").join(
            _figure_text(figure, language, locale) for figure in indicator.figures
        )
        lines.append(f"  {indicator.name.pick(language)}: {points} ({details})")
        if indicator.note is not None and not _restates(indicator.note, indicator.figures):
            lines.append(f"      {_aside(indicator.note, language)}")


def _aside(note: Phrase, language: Language) -> str:
    _ = gettext_in(language)
    return _("({note})").format(note=note.pick(language))


# -- the docs tables ------------------------------------------------------------------------------


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(text.split()).replace("|", "\\|")


def render_criteria(criteria: CriteriaSet, *, locale: str) -> str:
    """Render a criteria set as Markdown tables with sources and readings (docs/eligibility.md).

    The docs page is generated from the same rule data :func:`assess` uses, and a test compares
    the committed page with this rendering, so the two cannot drift.

    >>> from littlegiants.eligibility import load_criteria
    >>> text = render_criteria(load_criteria("miit-2022"), locale="en_US")
    >>> print(text.splitlines()[0])
    ## 工信部企业〔2022〕63号: 《优质中小企业梯度培育管理暂行办法》
    """
    language = language_of(locale)
    _, pgettext = gettext_in(language), pgettext_in(language)
    end = criteria.effective_to or _("(open)")
    lines = [
        f"## {criteria.document}: 《{criteria.title}》",
        "",
        _("Applies to assessments dated {start} to {end}.").format(
            start=criteria.effective_from, end=end
        ),
        "",
    ]
    if criteria.effective_note:
        lines += [_cell(criteria.effective_note), ""]
    if criteria.superseded is not None:
        successor = criteria.superseded
        replaced = _("Replaced from {on} by 《{title}》: ").format(
            on=successor.effective, title=successor.title
        )
        lines += [replaced + _cell(successor.note), ""]
    headers = (
        pgettext("criteria", "Criterion"),
        pgettext("criteria", "Requirement"),
        pgettext("criteria", "Source text"),
        pgettext("criteria", "Conf."),
        pgettext("criteria", "Readings"),
    )
    for root in criteria.roots:
        tier = None if root.id == GENERAL else Tier(root.id)
        title = (
            _("general conditions (every tier)")
            if tier is None
            else TIER_NAMES[tier].pick(language)
        )
        lines += [f"### {title[:1].upper()}{title[1:]} ({root.document})", ""]
        lines += [
            "| " + " | ".join(headers) + " |",
            "| " + " | ".join("---" for _ in headers) + " |",
        ]
        lines.extend(_criterion_row(node, language) for node in root.walk())
        lines += ["", _("Sources (confidence {confidence}):").format(confidence=root.confidence)]
        lines += [""] + [f"- {source.cited}" + _source_note(source) for source in root.sources]
        lines.append("")
        if tier is not None and criteria.scoring is not None and criteria.scoring.tier is tier:
            lines += _scoring_rows(criteria.scoring, language)
    for amendment in criteria.amendments:
        lines += _amendment_rows(amendment, language)
    lines += ["### " + pgettext("criteria", "Readings"), ""]
    for reading in criteria.readings:
        quote = f" (「{_cell(reading.quote)}」)" if reading.quote else ""
        lines.append(f"- **{reading.id}**{quote}: {_cell(reading.text)}")
    return "\n".join(lines)


def _source_note(source: Source) -> str:
    return f" ({source.note.rstrip('.')})" if source.note else ""


def _criterion_row(node: Criterion, language: Language) -> str:
    depth = node.id.count(".")
    name = "· " * depth + node.name.pick(language)
    parts = [f"「{node.quote}」" if node.quote else "", node.text or ""]
    if node.note:
        _ = gettext_in(language)
        parts.append(_("Note: {note}").format(note=node.note))
    source = " ".join(part for part in parts if part)
    return (
        f"| `{node.id}`<br>{_cell(name)} | {_cell(node.requirement(language, None))} | "
        f"{_cell(source)} | {node.confidence} | {_cell(', '.join(node.readings))} |"
    )


def _scoring_rows(scoring: Scoring, language: Language) -> list[str]:
    _, pgettext = gettext_in(language), pgettext_in(language)
    headers = (
        pgettext("criteria", "Group"),
        pgettext("criteria", "Indicator"),
        pgettext("criteria", "Points"),
        pgettext("criteria", "Bands"),
        pgettext("criteria", "Source text"),
    )
    lines = [
        "#### " + _("Scoring indicators (100 points)"),
        "",
        "| " + " | ".join(headers) + " |",
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


def _amendment_rows(amendment: AmendmentRule, language: Language) -> list[str]:
    _, pgettext = gettext_in(language), pgettext_in(language)
    tiers = ", ".join(TIER_NAMES[tier].pick(language) for tier in amendment.tiers)
    headers = (
        pgettext("criteria", "Change"),
        pgettext("criteria", "Criterion"),
        pgettext("criteria", "Requirement"),
        pgettext("criteria", "Source text"),
    )
    applies = _("Applies to {tiers} assessments dated {start} to {end}.").format(
        tiers=tiers, start=amendment.start, end=amendment.end
    )
    lines = [
        f"### {amendment.document} ({amendment.issued})",
        "",
        _cell(amendment.summary),
        "",
        applies + (f" {_cell(amendment.applies_note)}" if amendment.applies_note else ""),
        "",
        "| " + " | ".join(headers) + " |",
        "| --- | --- | --- | --- |",
    ]
    added = pgettext("criteria", "added")
    for criterion in amendment.criteria:
        source = f"「{criterion.quote}」" if criterion.quote else criterion.text
        lines.append(
            f"| {added} | `{criterion.id}`<br>"
            f"{_cell(criterion.name.pick(language))} | "
            f"{_cell(criterion.requirement(language, None))} | {_cell(source)} |"
        )
    for waiver in amendment.waivers:
        purposes = ", ".join(PURPOSE_WORDS[p].pick(language) for p in waiver.purposes)
        change = _("waived for {purposes}").format(purposes=purposes)
        source = f"「{waiver.quote}」 {waiver.text or ''}" if waiver.quote else waiver.text
        lines.append(f"| {change} | `{waiver.criterion}` |  | {_cell(source)} |")
    lines += [
        "",
        _("Sources (confidence {confidence}):").format(confidence=amendment.confidence),
        "",
    ]
    lines += [f"- {source.cited}" + _source_note(source) for source in amendment.sources]
    if amendment.notes:
        lines += ["", pgettext("criteria", "Notes:"), ""]
        lines += [f"- {_cell(note)}" for note in amendment.notes]
    lines.append("")
    return lines
