"""The words eligibility texts are made of: names of figures, fields and levels, and small phrases.

Shared by the checks' descriptions, the scoring bands and the explanations, in English and Chinese.
The notes for unknown figures are cached: every firm with the same gap shares one phrase.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from littlegiants._exact import EXACT
from littlegiants.eligibility.model import Phrase
from littlegiants.financials import ProductField
from littlegiants.formatting import format_money_long

if TYPE_CHECKING:
    from littlegiants.eligibility.model import Language
    from littlegiants.money import Money

#: The comparisons' signs.
OPS: Final = {"at_least": "≥", "at_most": "≤", "above": ">", "below": "<"}

FIGURE_NAMES: Final = {
    "operating_revenue": Phrase("operating revenue", "营业收入"),
    "main_business_revenue": Phrase("main-business revenue", "主营业务收入"),
    "rd_expense": Phrase("R&D expense", "研发费用"),
    "rd_staff": Phrase("R&D staff", "研发人员"),
    "staff": Phrase("staff", "职工总数"),
    "total_assets": Phrase("total assets", "资产总额"),
    "total_liabilities": Phrase("total liabilities", "负债总额"),
    "equity_financing": Phrase("new equity financing", "新增股权融资"),
    "rd_ratio": Phrase("R&D share of operating revenue", "研发费用占营业收入比重"),
    "main_business_share": Phrase(
        "main-business share of operating revenue", "主营业务收入占营业收入比重"
    ),
    "debt_ratio": Phrase("debt-to-asset ratio", "资产负债率"),
    "rd_staff_share": Phrase("R&D staff share of all staff", "研发人员占职工总数比重"),
    "equity_financing_total": Phrase("new equity financing, total", "新增股权融资合计"),
    "rd_expense_total": Phrase("R&D expense, total", "研发费用合计"),
    "rd_expense_mean": Phrase("R&D expense, yearly mean", "研发费用年均"),
    "equity_financing_mean": Phrase("new equity financing, yearly mean", "新增股权融资年均"),
    "main_business_revenue_growth": Phrase("main-business revenue growth", "主营业务收入增长率"),
    "operating_revenue_growth": Phrase("operating revenue growth", "营业收入增长率"),
    "mean_growth": Phrase("mean growth", "平均增长率"),
    "years_in_niche": Phrase("years in the niche", "从事细分市场年限"),
    "national_market_share": Phrase("national niche market share", "全国细分市场占有率"),
    "class1_ip_count": Phrase("Class-I IP rights", "Ⅰ类知识产权数"),
    "class2_ip_count": Phrase("Class-II IP rights", "Ⅱ类知识产权数"),
    "high_value_class1_ip": Phrase("high-value Class-I IP", "高价值Ⅰ类知识产权"),
    "self_developed_class1_ip": Phrase("self-developed Class-I IP", "自主研发Ⅰ类知识产权"),
    "rd_institution": Phrase("R&D institution", "研发机构"),
    "rd_institution_level": Phrase("R&D institution level", "研发机构级别"),
    "management_certification": Phrase("management-system certification", "管理体系认证"),
    "product_certification_developed_market": Phrase(
        "product certification in a developed market", "发达国家或地区产品认证"
    ),
    "own_brand": Phrase("own brand", "自主品牌"),
    "science_awards": Phrase("science and technology awards", "科技奖励"),
    "chuangke_placings": Phrase("创客中国 placings", "创客中国名次"),
    "designation_held": Phrase("highest valid designation", "有效认定最高级别"),
    "main_product_field": Phrase("main-product field", "主导产品所属领域"),
    "in_strategic_emerging_catalogue": Phrase(
        "main product in the strategic emerging industries catalogue",
        "主导产品属于《战略性新兴产业分类》",
    ),
    "independent_legal_person": Phrase(
        "registered in the PRC with independent legal personality",
        "在中国境内登记注册、具有独立法人资格",
    ),
    "sme_by_size_rules": Phrase(
        "an SME under the size-classification rules", "符合《中小企业划型标准规定》"
    ),
    "abnormal_operations_listed": Phrase("on the abnormal-operations list", "被列入经营异常名录"),
    "single_champion": Phrase("a manufacturing single champion", "制造业单项冠军企业"),
    "little_giant_control": Phrase(
        "in a controlling relationship with a little giant", "与已认定小巨人企业存在控股关系"
    ),
    "little_giant_group_peer": Phrase(
        "in a little giant's group with a similar main product",
        "与已认定小巨人企业同属一个集团且主导产品相近",
    ),
    "information_systems": Phrase(
        "core businesses with an information system", "信息系统支撑的核心业务数"
    ),
    "honours": Phrase("honours", "荣誉"),
    "supply_chain_role": Phrase("key supply-chain role", "产业链关键环节配套"),
    "score": Phrase("evaluation score", "评价得分"),
    "points": Phrase("points", "得分"),
    "points_low": Phrase("points at least", "得分至少"),
    "points_high": Phrase("points at most", "得分至多"),
}

FIELD_NAMES: Final = {
    ProductField.CORE_COMPONENTS: Phrase(
        "core basic components and parts", "制造业核心基础零部件/元器件"
    ),
    ProductField.KEY_SOFTWARE: Phrase("key software", "关键软件"),
    ProductField.ADVANCED_PROCESSES: Phrase("advanced basic processes", "先进基础工艺"),
    ProductField.KEY_MATERIALS: Phrase("key basic materials", "关键基础材料"),
    ProductField.STRATEGIC_EMERGING: Phrase(
        "strategic emerging industries catalogue", "战略性新兴产业分类"
    ),
    ProductField.MANUFACTURING_POWER_KEY: Phrase(
        "制造强国 key industries", "制造强国战略十大重点产业"
    ),
    ProductField.CYBER_POWER: Phrase("网络强国 fields", "网络强国领域"),
    ProductField.OTHER: Phrase("other", "其他"),
}

LEVEL_NAMES: Final = {
    "national": Phrase("national", "国家级"),
    "provincial": Phrase("provincial", "省级"),
    "municipal": Phrase("municipal", "市级"),
}

GROUP_NAMES: Final = {
    "innovation": Phrase("innovation", "创新能力"),
    "growth": Phrase("growth", "成长性"),
    "specialisation": Phrase("specialisation", "专业化"),
}

WHEN_NAMES: Final = {
    "high-value-class1-ip": Phrase("high-value Class-I IP", "Ⅰ类高价值知识产权"),
    "self-developed-class1-ip": Phrase("self-developed Class-I IP", "自主研发Ⅰ类知识产权"),
    "class1-ip": Phrase("Class-I IP", "Ⅰ类知识产权"),
    "class2-ip": Phrase("Class-II IP", "Ⅱ类知识产权"),
    "strategic-emerging": Phrase("in 《战略性新兴产业分类》", "属于《战略性新兴产业分类》"),
}


def levels_text(levels: tuple[str, ...], language: Language) -> str:
    names = [LEVEL_NAMES[level].pick(language) for level in levels]
    return "或".join(names) if language == "zh" else " or ".join(names)


def window(years: int, last_year: int | None, language: Language) -> str:
    if last_year is None:
        if language == "zh":
            return "上年度" if years == 1 else f"近{years}年"
        return "last year" if years == 1 else f"the last {years} years"
    first = last_year - years + 1
    if years == 1:
        return f"{last_year}年" if language == "zh" else str(last_year)
    return f"{first}—{last_year}年" if language == "zh" else f"{first}–{last_year}"


def year_label(name: str, year: int | None, language: Language) -> str:
    label = FIGURE_NAMES[name].pick(language)
    if year is None:
        return f"上年度{label}" if language == "zh" else f"last year's {label}"
    return f"{year}年{label}" if language == "zh" else f"{label} {year}"


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
    return format_money_long(value, locale="zh_CN" if language == "zh" else "en_US")


@functools.lru_cache(maxsize=1024)
def unknown_fact(name: str) -> Phrase:
    label = FIGURE_NAMES[name]
    return Phrase(f"{label.en} is unknown", f"{label.zh}未知")


@functools.lru_cache(maxsize=1024)
def unknown_figure(name: str, year: int) -> Phrase:
    label = FIGURE_NAMES[name]
    return Phrase(f"{label.en} for {year} is unknown", f"{year}年{label.zh}未知")


@functools.lru_cache(maxsize=1024)
def zero_base(name: str, year: int) -> Phrase:
    label = FIGURE_NAMES[name]
    return Phrase(
        f"{label.en} for {year} is zero, so the share or growth over it is undefined; decide by "
        "hand",
        f"{year}年{label.zh}为零，比重或增长率无定义，请人工判断",
    )
