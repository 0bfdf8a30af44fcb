"""The words eligibility texts are made of: names of figures, fields and levels, and small phrases.

Shared by the checks' descriptions, the scoring bands and the explanations, in English and Chinese.
The notes for unknown figures are cached: every firm with the same gap shares one phrase.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from littlegiants._exact import EXACT
from littlegiants.eligibility.model import Phrase, gettext_in, locale_of, pgettext_in
from littlegiants.financials import ProductField
from littlegiants.formatting import format_money_long
from littlegiants.translations import N_

if TYPE_CHECKING:
    from littlegiants.eligibility.model import Language
    from littlegiants.money import Money

#: The comparisons' signs.
OPS: Final = {"at_least": "≥", "at_most": "≤", "above": ">", "below": "<"}

FIGURE_NAMES: Final = {
    "operating_revenue": Phrase.of(N_("operating revenue")),
    "main_business_revenue": Phrase.of(N_("main-business revenue")),
    "rd_expense": Phrase.of(N_("R&D expense")),
    "rd_staff": Phrase.of(N_("R&D staff")),
    "staff": Phrase.of(N_("staff")),
    "total_assets": Phrase.of(N_("total assets")),
    "total_liabilities": Phrase.of(N_("total liabilities")),
    "equity_financing": Phrase.of(N_("new equity financing")),
    "rd_ratio": Phrase.of(N_("R&D share of operating revenue")),
    "main_business_share": Phrase.of(N_("main-business share of operating revenue")),
    "debt_ratio": Phrase.of(N_("debt-to-asset ratio")),
    "rd_staff_share": Phrase.of(N_("R&D staff share of all staff")),
    "equity_financing_total": Phrase.of(N_("new equity financing, total")),
    "rd_expense_total": Phrase.of(N_("R&D expense, total")),
    "rd_expense_mean": Phrase.of(N_("R&D expense, yearly mean")),
    "equity_financing_mean": Phrase.of(N_("new equity financing, yearly mean")),
    "main_business_revenue_growth": Phrase.of(N_("main-business revenue growth")),
    "operating_revenue_growth": Phrase.of(N_("operating revenue growth")),
    "mean_growth": Phrase.of(N_("mean growth")),
    "years_in_niche": Phrase.of(N_("years in the niche")),
    "national_market_share": Phrase.of(N_("national niche market share")),
    "class1_ip_count": Phrase.of(N_("Class-I IP rights")),
    "class2_ip_count": Phrase.of(N_("Class-II IP rights")),
    "high_value_class1_ip": Phrase.pgettext("figure", "high-value Class-I IP"),
    "self_developed_class1_ip": Phrase.of(N_("self-developed Class-I IP")),
    "rd_institution": Phrase.of(N_("R&D institution")),
    "rd_institution_level": Phrase.of(N_("R&D institution level")),
    "management_certification": Phrase.of(N_("management-system certification")),
    "product_certification_developed_market": Phrase.of(
        N_("product certification in a developed market")
    ),
    "own_brand": Phrase.of(N_("own brand")),
    "science_awards": Phrase.of(N_("science and technology awards")),
    "chuangke_placings": Phrase.of(N_("创客中国 placings")),
    "designation_held": Phrase.of(N_("highest valid designation")),
    "main_product_field": Phrase.of(N_("main-product field")),
    "in_strategic_emerging_catalogue": Phrase.of(
        N_("main product in the strategic emerging industries catalogue")
    ),
    "independent_legal_person": Phrase.of(
        N_("registered in the PRC with independent legal personality")
    ),
    "sme_by_size_rules": Phrase.of(N_("an SME under the size-classification rules")),
    "abnormal_operations_listed": Phrase.of(N_("on the abnormal-operations list")),
    "single_champion": Phrase.of(N_("a manufacturing single champion")),
    "little_giant_control": Phrase.of(N_("in a controlling relationship with a little giant")),
    "little_giant_group_peer": Phrase.of(
        N_("in a little giant's group with a similar main product")
    ),
    "information_systems": Phrase.of(N_("core businesses with an information system")),
    "honours": Phrase.of(N_("honours")),
    "supply_chain_role": Phrase.of(N_("key supply-chain role")),
    "score": Phrase.of(N_("evaluation score")),
    "points": Phrase.of(N_("points")),
    "points_low": Phrase.of(N_("points at least")),
    "points_high": Phrase.of(N_("points at most")),
}

FIELD_NAMES: Final = {
    ProductField.CORE_COMPONENTS: Phrase.of(N_("core basic components and parts")),
    ProductField.KEY_SOFTWARE: Phrase.of(N_("key software")),
    ProductField.ADVANCED_PROCESSES: Phrase.of(N_("advanced basic processes")),
    ProductField.KEY_MATERIALS: Phrase.of(N_("key basic materials")),
    ProductField.STRATEGIC_EMERGING: Phrase.of(N_("strategic emerging industries catalogue")),
    ProductField.MANUFACTURING_POWER_KEY: Phrase.of(N_("制造强国 key industries")),
    ProductField.CYBER_POWER: Phrase.of(N_("网络强国 fields")),
    ProductField.OTHER: Phrase.of(N_("other")),
}

LEVEL_NAMES: Final = {
    "national": Phrase.of(N_("national")),
    "provincial": Phrase.of(N_("provincial")),
    "municipal": Phrase.of(N_("municipal")),
}

GROUP_NAMES: Final = {
    "innovation": Phrase.of(N_("innovation")),
    "growth": Phrase.of(N_("growth")),
    "specialisation": Phrase.of(N_("specialisation")),
}

WHEN_NAMES: Final = {
    "high-value-class1-ip": Phrase.pgettext("condition", "high-value Class-I IP"),
    "self-developed-class1-ip": Phrase.of(N_("self-developed Class-I IP")),
    "class1-ip": Phrase.of(N_("Class-I IP")),
    "class2-ip": Phrase.of(N_("Class-II IP")),
    "strategic-emerging": Phrase.of(N_("in 《战略性新兴产业分类》")),
}


def levels_text(levels: tuple[str, ...], language: Language) -> str:
    _ = gettext_in(language)
    return _(" or ").join(LEVEL_NAMES[level].pick(language) for level in levels)


def window(years: int, last_year: int | None, language: Language) -> str:
    _ = gettext_in(language)
    if last_year is None:
        return _("last year") if years == 1 else _("the last {years} years").format(years=years)
    if years == 1:
        pgettext = pgettext_in(language)
        return pgettext("window", "{year}").format(year=last_year)
    return _("{first}–{last}").format(first=last_year - years + 1, last=last_year)


def dated(label: str, year: int, language: Language) -> str:
    """A label for one year: ``operating revenue 2024`` / ``2024年营业收入``."""
    _ = gettext_in(language)
    return _("{label} {year}").format(label=label, year=year)


def year_label(name: str, year: int | None, language: Language) -> str:
    label = FIGURE_NAMES[name].pick(language)
    if year is None:
        _ = gettext_in(language)
        return _("last year's {label}").format(label=label)
    return dated(label, year, language)


def percent(value: Decimal, *, signed: bool = False) -> str:
    """A fraction as a percentage: exact when it has at most 4 decimals, else ``≈`` rounded."""
    scaled = value.scaleb(2, context=EXACT)
    rounded = scaled.quantize(Decimal("0.0001"), context=EXACT)
    text = f"{rounded.normalize(EXACT):f}"
    if text in {"-0", "0"}:
        text = "0"
    elif signed and not rounded.is_signed():
        text = "+" + text
    return ("" if rounded == scaled else "≈") + text + "%"


def value_text(value: Decimal | int) -> str:
    return percent(value) if isinstance(value, Decimal) else str(value)


def money_text(value: Money, language: Language) -> str:
    return format_money_long(value, locale=locale_of(language))


@functools.lru_cache(maxsize=1024)
def unknown_fact(name: str) -> Phrase:
    return Phrase.of(N_("{label} is unknown"), label=FIGURE_NAMES[name])


@functools.lru_cache(maxsize=1024)
def unknown_figure(name: str, year: int) -> Phrase:
    return Phrase.of(N_("{label} for {year} is unknown"), label=FIGURE_NAMES[name], year=year)


@functools.lru_cache(maxsize=1024)
def zero_base(name: str, year: int) -> Phrase:
    return Phrase.of(
        N_(
            "{label} for {year} is zero, so the share or growth over it is undefined; decide "
            "by hand"
        ),
        label=FIGURE_NAMES[name],
        year=year,
    )
