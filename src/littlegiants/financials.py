"""A firm's figures for one financial year, and the non-financial facts MIIT's criteria ask about.

The recognition criteria of the 2022 Interim Measures (工信部企业〔2022〕63号, 附件1–3) are
written against a handful of figures from the firm's accounts, all "as of last year-end" or "over
the last 2 years":

- 营业收入 (**operating revenue**) and 主营业务收入 (**main-business revenue**, the part of
  operating revenue from the main product; at least 70% of it for a little giant);
- 研发费用 (**R&D expense**; at least 3% or 6% of revenue, by revenue band);
- 研发人员 / 职工总数 (**R&D staff** and **total staff**);
- 资产总额 / 负债总额 (**total assets and liabilities**: a debt-to-asset ratio of at most 70%);
- 新增股权融资 (**new equity financing** from qualified investors, paid in);
- and, for reward formulas, 研发费用加计扣除额 (the **extra R&D tax deduction**, Shanghai Pudong)
  and the **central funds received** as a key (重点) little giant (Shanghai Jing'an matches them
  1:1).

A :class:`FinancialYear` holds those figures for one year. Every figure is optional and ``None``
means **unknown**: nothing is ever filled in from another figure, and a method that needs a figure
says so (:meth:`FinancialYear.require`). The ratio helpers return ``None`` when an input is unknown.

A :class:`Profile` holds the non-financial facts (years in the niche, market share, intellectual
property, R&D institutions, certifications, brand, awards, 创客中国 placings, main-product field,
information systems, honours, supply-chain role), again ``None`` for unknown.

>>> from decimal import Decimal
>>> from littlegiants.money import Money
>>> fy = FinancialYear(
...     2022,
...     operating_revenue=Money("120000000", "CNY"),
...     rd_expense=Money("4800000", "CNY"),
... )
>>> fy.rd_ratio
Decimal('0.04')
>>> fy.debt_ratio is None
True
>>> fy.require("total_assets")
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record ...: total_assets for 2022 is unknown.
>>> FinancialYear(2022, operating_revenue=Money("1", "CNY"), rd_expense=Money("1", "USD"))
Traceback (most recent call last):
...
littlegiants.errors.CurrencyMismatchError: Cannot mix CNY and USD: ...
>>> Profile(years_in_niche=5, national_market_share=Decimal("0.12")).national_market_share
Decimal('0.12')

More information:

- 工信部企业〔2022〕63号 full text (mirror): http://wap.feibaos.com/news/info/76438.html
- Little-giant criteria (附件3): http://www.doulau.com/new-xiangmu/2561.html ;
  http://bjwsht.cn/zlsqbk/743.html ; http://www.qdjlsl.com/s5123274.html ;
  http://maxca.cn/ask/76184.html
- Provincial 专精特新 SME criteria (附件2): http://nomecha.com/view/449.html ;
  http://www.025house.com.cn/news/shownews.php?id=38
- Innovative-SME evaluation (附件1): http://www.fyss.com.cn/p-article_detail/id-3331.html ;
  http://bet333ios4.com/jiedu/2282.html
- Shanghai Pudong reward on the extra R&D deduction: https://zhengcejia.com/news/55313.html
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal, get_args, overload

import attrs

from littlegiants._checks import invisible_edge, items
from littlegiants._exact import DIVISION, MAX_ADJUSTED_EXPONENT, bounded_quotient, bounds_problem
from littlegiants.errors import (
    CurrencyMismatchError,
    DivisionByZeroError,
    InvalidRecordError,
    Reason,
)
from littlegiants.money import Money
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "PROFILE_FLAGS",
    "Award",
    "ChuangkePlacing",
    "CountFigure",
    "FinancialYear",
    "MoneyFigure",
    "ProductField",
    "Profile",
]

#: The money figures of a :class:`FinancialYear`, in field order.
MoneyFigure = Literal[
    "operating_revenue",
    "main_business_revenue",
    "rd_expense",
    "total_assets",
    "total_liabilities",
    "equity_financing",
    "rd_super_deduction",
    "central_funds_received",
]
#: The head counts of a :class:`FinancialYear`.
CountFigure = Literal["rd_staff", "staff"]

_MONEY_FIGURES: Final[tuple[str, ...]] = get_args(MoneyFigure)
_COUNT_FIGURES: Final[tuple[str, ...]] = get_args(CountFigure)


# -- shared checks ------------------------------------------------------------------------------


#: Counts are bounded like every figure (:mod:`littlegiants._exact`): below ``1E+31``.
_MAX_COUNT: Final = 10 ** (MAX_ADJUSTED_EXPONENT + 1)


def _check_count(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < _MAX_COUNT:
        raise InvalidRecordError(
            value,
            Reason(
                N_("{name} must be a whole number, 0 or more, or None (below 1E+31)"), name=name
            ),
        )


def _check_rank(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value < _MAX_COUNT:
        raise InvalidRecordError(
            value, Reason(N_("{name} must be 1 or more (1 = first)"), name=name)
        )


def _check_flag(name: str, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidRecordError(
            value, Reason(N_("{name} must be True, False or None (unknown)"), name=name)
        )


def _check_year(name: str, value: object) -> None:
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not dt.MINYEAR <= value <= dt.MAXYEAR
    ):
        raise InvalidRecordError(
            value, Reason(N_("{name} must be a calendar year such as 2022"), name=name)
        )


def _count(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    del instance
    _check_count(attribute.name, value)


def _flag(instance: object, attribute: attrs.Attribute[bool | None], value: bool | None) -> None:
    del instance
    _check_flag(attribute.name, value)


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    del instance
    _check_year(attribute.name, value)


def _money(instance: object, attribute: attrs.Attribute[Money | None], value: Money | None) -> None:
    del instance
    _check_money(attribute.name, value)


def _check_money(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Money):
        raise InvalidRecordError(
            value,
            Reason(
                N_("{name} must be a Money (e.g. Money('120000000', 'CNY')) or None (unknown)"),
                name=name,
            ),
        )
    if value.amount < 0:
        raise InvalidRecordError(value, Reason(N_("{name} must not be negative"), name=name))


# -- one financial year -------------------------------------------------------------------------


@attrs.frozen(repr=False)
class FinancialYear:
    """A firm's figures for one calendar year; every figure defaults to ``None`` (unknown).

    Args:
        year: the calendar (financial) year the figures belong to.
        operating_revenue: 营业收入, total operating revenue.
        main_business_revenue: 主营业务收入, revenue from the main business; part of operating
            revenue, so never more than it when both are known.
        rd_expense: 研发费用, R&D expense.
        rd_staff: 研发人员, R&D staff head count; never more than ``staff`` when both are known.
        staff: 职工总数, total staff head count.
        total_assets: 资产总额 at year-end.
        total_liabilities: 负债总额 at year-end.
        equity_financing: 新增股权融资, new equity financing paid in by qualified investors
            during the year.
        rd_super_deduction: 研发费用加计扣除额, the extra R&D deduction claimed for the year's tax.
        central_funds_received: 中央财政资金, the central fiscal support received in the year as a
            key (重点) little giant (财建〔2021〕2号; domain-facts §1.6). Jing'an matches the first
            year's 1:1 (domain audit §2).

    Raises:
        InvalidRecordError: a figure has the wrong type, is negative, or contradicts another.
        CurrencyMismatchError: the money figures are not all in one currency.

    ``repr()`` shows only the known figures and round-trips.

    >>> FinancialYear(2022, staff=120, rd_staff=40)
    FinancialYear(2022, rd_staff=40, staff=120)
    >>> FinancialYear(2022, staff=10, rd_staff=40)
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record 40: rd_staff cannot exceed staff (10).
    """

    year: int = attrs.field(validator=_year)
    operating_revenue: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    main_business_revenue: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    rd_expense: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    rd_staff: int | None = attrs.field(default=None, kw_only=True, validator=_count)
    staff: int | None = attrs.field(default=None, kw_only=True, validator=_count)
    total_assets: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    total_liabilities: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    equity_financing: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    rd_super_deduction: Money | None = attrs.field(default=None, kw_only=True, validator=_money)
    central_funds_received: Money | None = attrs.field(default=None, kw_only=True, validator=_money)

    def __attrs_post_init__(self) -> None:
        """Check that the figures agree with each other."""
        first: Money | None = None
        for name in _MONEY_FIGURES:
            value: Money | None = getattr(self, name)
            if value is None:
                continue
            if first is None:
                first = value
            elif value.currency != first.currency:
                raise CurrencyMismatchError(first.currency, value.currency, N_("mix"))
        if self.rd_staff is not None and self.staff is not None and self.rd_staff > self.staff:
            raise InvalidRecordError(
                self.rd_staff,
                Reason(N_("rd_staff cannot exceed staff ({staff})"), staff=self.staff),
            )
        main, total = self.main_business_revenue, self.operating_revenue
        if main is not None and total is not None and main > total:
            raise InvalidRecordError(
                main,
                Reason(
                    N_("main_business_revenue cannot exceed operating_revenue ({total})"),
                    total=total,
                ),
            )

    @property
    def currency(self) -> str | None:
        """The currency of the money figures, or ``None`` when no money figure is known."""
        for name in _MONEY_FIGURES:
            value: Money | None = getattr(self, name)
            if value is not None:
                return value.currency
        return None

    @overload
    def require(self, name: MoneyFigure) -> Money: ...
    @overload
    def require(self, name: CountFigure) -> int: ...
    def require(self, name: str) -> Money | int:
        """Return a figure that must be known.

        Args:
            name: the figure's field name, e.g. ``"rd_expense"`` or ``"staff"``.

        Returns:
            The figure: a ``Money``, or an ``int`` for head counts.

        Raises:
            InvalidRecordError: the figure is unknown (``None``), or there is no such figure.

        >>> from littlegiants.money import Money
        >>> FinancialYear(2022, rd_expense=Money("4800000", "CNY")).require("rd_expense")
        Money('4800000', 'CNY')
        """
        if name not in _MONEY_FIGURES and name not in _COUNT_FIGURES:
            known = ", ".join((*_MONEY_FIGURES, *_COUNT_FIGURES))
            shown = repr(name) if isinstance(name, str) else Reason(N_("of that name"))
            raise InvalidRecordError(
                name,
                Reason(
                    N_("a financial year has no figure {shown}; use {known}"),
                    shown=shown,
                    known=known,
                ),
            )
        value: Money | int | None = getattr(self, name)
        if value is None:
            raise InvalidRecordError(
                self, Reason(N_("{name} for {year} is unknown"), name=name, year=self.year)
            )
        return value

    @property
    def rd_ratio(self) -> Decimal | None:
        """R&D expense as a fraction of operating revenue, or ``None`` if either is unknown.

        Raises:
            DivisionByZeroError: operating revenue is zero.
        """
        return _ratio(self.rd_expense, self.operating_revenue, "rd_ratio")

    @property
    def main_business_share(self) -> Decimal | None:
        """Main-business revenue as a fraction of operating revenue, or ``None`` if unknown.

        Raises:
            DivisionByZeroError: operating revenue is zero.
        """
        return _ratio(self.main_business_revenue, self.operating_revenue, "main_business_share")

    @property
    def debt_ratio(self) -> Decimal | None:
        """Total liabilities as a fraction of total assets, or ``None`` if either is unknown.

        Raises:
            DivisionByZeroError: total assets are zero.

        >>> from littlegiants.money import Money
        >>> FinancialYear(
        ...     2022, total_assets=Money("30", "CNY"), total_liabilities=Money("21", "CNY")
        ... ).debt_ratio
        Decimal('0.7')
        """
        return _ratio(self.total_liabilities, self.total_assets, "debt_ratio")

    @property
    def rd_staff_share(self) -> Decimal | None:
        """R&D staff as a fraction of total staff, or ``None`` if either is unknown.

        Raises:
            DivisionByZeroError: total staff is zero.

        >>> FinancialYear(2022, staff=120, rd_staff=40).rd_staff_share
        Decimal('0.3333333333333333333333333333333333')
        """
        if self.rd_staff is None or self.staff is None:
            return None
        if self.staff == 0:
            raise DivisionByZeroError(self.rd_staff, N_("compute rd_staff_share with zero staff"))
        return _quotient(Decimal(self.rd_staff), Decimal(self.staff), "rd_staff_share")

    def __repr__(self) -> str:
        """Show the year and the known figures: ``FinancialYear(2022, staff=120)``."""
        known = [
            f"{name}={getattr(self, name)!r}"
            for name in (*_MONEY_FIGURES[:3], *_COUNT_FIGURES, *_MONEY_FIGURES[3:])
            if getattr(self, name) is not None
        ]
        return f"FinancialYear({', '.join([repr(self.year), *known])})"


def _ratio(numerator: Money | None, denominator: Money | None, what: str) -> Decimal | None:
    if numerator is None or denominator is None:
        return None
    if denominator.amount == 0:
        raise DivisionByZeroError(
            numerator, Reason(N_("compute {what} over a zero amount"), what=what)
        )
    return _quotient(numerator.amount, denominator.amount, what)


def _quotient(numerator: Decimal, denominator: Decimal, what: str) -> Decimal:
    """A ratio in the 34-digit context, inside the bounds (see ``bounded_quotient``)."""
    ratio = bounded_quotient(DIVISION.divide(numerator, denominator))
    if isinstance(ratio, str):
        raise InvalidRecordError(
            (numerator, denominator),
            Reason(N_("{what} is outside the bounds: {ratio}"), what=what, ratio=ratio),
        )
    return ratio


# -- the non-financial profile ------------------------------------------------------------------


class ProductField(enum.Enum):
    """The field of a firm's main product (主导产品所属领域), as the criteria name the fields.

    The first seven come from the little-giant criteria (附件3, item 6) and the innovative-SME
    scoring (附件1); a product can belong to more than one, so record the one the assessment
    relies on.
    """

    #: 制造业核心基础零部件/元器件: core basic manufacturing components and parts.
    CORE_COMPONENTS = "core_components"
    #: 关键软件: key software.
    KEY_SOFTWARE = "key_software"
    #: 先进基础工艺: advanced basic processes.
    ADVANCED_PROCESSES = "advanced_processes"
    #: 关键基础材料: key basic materials.
    KEY_MATERIALS = "key_materials"
    #: In 《战略性新兴产业分类》, the strategic emerging industries catalogue (附件1 scoring).
    STRATEGIC_EMERGING = "strategic_emerging"
    #: One of the 10 key industries of the 制造强国 (manufacturing-power) strategy.
    MANUFACTURING_POWER_KEY = "manufacturing_power_key"
    #: 网络强国 (cyber power): information infrastructure, key core technologies, cyber and data
    #: security.
    CYBER_POWER = "cyber_power"
    #: None of the above.
    OTHER = "other"

    @classmethod
    def parse(cls, text: object) -> ProductField:
        """Read a field by its value, its name, or the words the criteria use (domain-facts §2.2).

        Case is ignored in English and so are outer spaces; any other character around the word
        (a line break, a tab) makes it unknown. ``str()`` of a field reads back.

        >>> ProductField.parse("关键基础材料"), ProductField.parse("key_software")
        (<ProductField.KEY_MATERIALS: 'key_materials'>, <ProductField.KEY_SOFTWARE: 'key_software'>)
        >>> ProductField.parse("制造业核心基础零部件/元器件")
        <ProductField.CORE_COMPONENTS: 'core_components'>
        >>> ProductField.parse("gadgets")
        Traceback (most recent call last):
        ...
        littlegiants.errors.InvalidRecordError: Invalid record 'gadgets': expected one of ...
        """
        if isinstance(text, ProductField):
            return text
        if isinstance(text, str):
            key = text.strip(" ")
            found = _FIELD_WORDS.get(key) or _FIELD_WORDS.get(key.lower())
            if found is not None:
                return found
        words = ", ".join(member.value for member in cls)
        raise InvalidRecordError(
            text,
            Reason(
                N_("expected one of {words}, or the criteria's words (关键软件, 网络强国 ...)"),
                words=words,
            ),
        )


#: The words that name each field: its value and name, and the criteria's own Chinese words
#: (附件3 item 6 and 附件1, domain-facts §2.2).
_FIELD_WORDS: Final[dict[str, ProductField]] = {
    **{member.value: member for member in ProductField},
    **{member.name.lower(): member for member in ProductField},
    **{str(member).lower(): member for member in ProductField},
    **dict.fromkeys(
        (
            "制造业核心基础零部件/元器件",
            "核心基础零部件/元器件",
            "核心基础零部件",
            "核心基础元器件",
        ),
        ProductField.CORE_COMPONENTS,
    ),
    "关键软件": ProductField.KEY_SOFTWARE,
    "先进基础工艺": ProductField.ADVANCED_PROCESSES,
    "关键基础材料": ProductField.KEY_MATERIALS,
    **dict.fromkeys(("战略性新兴产业", "战略性新兴产业分类"), ProductField.STRATEGIC_EMERGING),
    **dict.fromkeys(("制造强国", "制造强国重点产业"), ProductField.MANUFACTURING_POWER_KEY),
    **dict.fromkeys(("网络强国", "网络强国领域"), ProductField.CYBER_POWER),
    "其他": ProductField.OTHER,
}


_AWARD_LEVELS: Final = frozenset({"national", "provincial"})
_TIER_LEVELS: Final = frozenset({"national", "provincial", "municipal"})
_PLACING: Final = re.compile(r"([1-9][0-9]*)强")


def _check_level(name: str, value: object, allowed: frozenset[str]) -> None:
    if value is not None and (not isinstance(value, str) or value not in allowed):
        names = ", ".join(sorted(allowed))
        raise InvalidRecordError(
            value, Reason(N_("{name} must be one of {names}"), name=name, names=names)
        )


@attrs.frozen
class Award:
    """A science and technology award (科学技术奖) the firm won, and its rank among the winners.

    Args:
        level: ``"national"`` or ``"provincial"``, the award's level.
        rank: the firm's place among the award-winning units (1 = first).
        year: the year of the award.

    The little-giant direct pass asks for a national award in the last 3 years, ranked in the top
    3 (附件3); the provincial tier accepts a provincial award ranked top 3 or a national one ranked
    top 5 (附件2).

    >>> Award("national", 2, 2023)
    Award(level='national', rank=2, year=2023)
    >>> Award("national", 0, 2023)
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record 0: rank must be 1 or more (1 = first).
    """

    level: str = attrs.field()
    rank: int = attrs.field()
    year: int = attrs.field(validator=_year)

    @level.validator
    def _check_award_level(self, attribute: attrs.Attribute[str], value: str) -> None:
        _check_level(attribute.name, value, _AWARD_LEVELS)

    @rank.validator
    def _check_rank(self, attribute: attrs.Attribute[int], value: int) -> None:
        _check_rank(attribute.name, value)


@attrs.frozen
class ChuangkePlacing:
    """A placing in the 创客中国 SME innovation and entrepreneurship contest.

    Args:
        year: the contest year.
        group: the group reached, as printed: ``"500强"`` (national top 500), ``"50强"``.

    The provincial tier accepts a national 500强 place in the last 3 years (附件2). For the
    little-giant direct pass most mirrors say 500强 but the official 附件3 is believed to say 50强
    (domain audit 2026-12, §3), so a place in the 500强 but not the 50强 is unresolved there.
    :attr:`top` is the group's size, so a 50强 place is also within the 500强.

    >>> ChuangkePlacing(2023, "500强").top
    500
    >>> ChuangkePlacing(2023, "top 500")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record 'top 500': group must read like ...
    """

    year: int = attrs.field(validator=_year)
    group: str = attrs.field()

    @group.validator
    def _check_group(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or _PLACING.fullmatch(value) is None:
            raise InvalidRecordError(
                value,
                Reason(
                    N_("{name} must read like '500强' or '50强' (the group reached)"),
                    name=attribute.name,
                ),
            )

    @property
    def top(self) -> int:
        """The size of the group reached: 500 for 500强."""
        match = _PLACING.fullmatch(self.group)
        return 0 if match is None else int(match.group(1))


def _to_awards(value: Iterable[Award] | None) -> tuple[Award, ...] | None:
    return None if value is None else items(value, Award, "science_awards")


def _to_placings(value: Iterable[ChuangkePlacing] | None) -> tuple[ChuangkePlacing, ...] | None:
    return None if value is None else items(value, ChuangkePlacing, "chuangke_placings")


def _names(value: Iterable[str] | None, field: str, example: str) -> tuple[str, ...] | None:
    """A tuple of non-empty names (``None`` stays unknown)."""
    if value is None:
        return None
    names = items(value, str, field)
    for name in names:
        if not name.strip():
            raise InvalidRecordError(
                name,
                Reason(
                    N_("each of {field} must be a non-empty name, {example}"),
                    field=field,
                    example=Reason.given(example),
                ),
            )
        if invisible_edge(name):  # criteria match names exactly: "高新技术企业\n" never would
            raise InvalidRecordError(
                name,
                Reason(
                    N_(
                        "each of {field} must not start or end with a line break, a tab or the like"
                    ),
                    field=field,
                ),
            )
    return names


def _to_honours(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return _names(value, "honours", N_("e.g. 高新技术企业"))


def _to_zones(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return _names(value, "zones", N_("e.g. 临港新片区"))


def _market_share(
    instance: object, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
) -> None:
    del instance
    _check_share(attribute.name, value)


def _check_share(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= 1:
        raise InvalidRecordError(
            value,
            Reason(
                N_("{name} must be an exact fraction from 0 to 1, e.g. Decimal('0.12') for 12%"),
                name=name,
            ),
        )
    problem = bounds_problem(value)
    if problem is not None:
        raise InvalidRecordError(
            value, Reason(N_("{name} is outside the bounds: {problem}"), name=name, problem=problem)
        )


def _product_field(
    instance: object, attribute: attrs.Attribute[ProductField | None], value: ProductField | None
) -> None:
    del instance
    if value is not None and not isinstance(value, ProductField):
        raise InvalidRecordError(
            value, Reason(N_("{name} must be a ProductField or None"), name=attribute.name)
        )


def _institution_level(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    del instance
    _check_level(attribute.name, value, _TIER_LEVELS)


@attrs.frozen(kw_only=True)
class Profile:
    """The non-financial facts the MIIT criteria ask about; each defaults to ``None`` (unknown).

    ``None`` always means unknown; ``False``, ``0`` and ``()`` mean known to be absent. The fields
    mirror the 2022 Measures (domain-facts §2.2–2.4):

    Args:
        years_in_niche: whole years in the specific niche market by last year-end (little giant:
            3 or more; provincial: 2 or more).
        national_market_share: the main product's national niche market share, a fraction
            (little giant: at least 0.10).
        class1_ip_count: Class-I IP rights tied to the main product, in use and earning money
            (invention patents, IC layout designs and the like; little giant: 2 or more).
        class2_ip_count: Class-II IP rights tied to the main product (scored in 附件1).
        high_value_class1_ip: holds a high-value (高价值) Class-I IP right (scored 20 in 附件1).
        self_developed_class1_ip: holds a self-developed (自主研发) Class-I IP right (scored 15).
        rd_institution: has an own or joint R&D institution (技术研究院, 企业技术中心, 工程中心,
            院士专家工作站, 博士后工作站 and the like).
        rd_institution_level: the institution's recognition: ``"national"``, ``"provincial"``
            (provincial or ministerial, 省部级, which 附件1 accepts) or ``"municipal"``.
        management_certification: holds a management-system certification.
        product_certification_developed_market: holds a product certification of a developed
            country or region (附件3 asks for this or the management certification).
        own_brand: has an own brand.
        science_awards: science and technology awards won (``()`` for none known to exist).
        chuangke_placings: 创客中国 contest placings.
        main_product_field: the main product's field (附件3 item 6; 附件1 scoring).
        in_strategic_emerging_catalogue: the main product is in 《战略性新兴产业分类》, the
            strategic emerging industries catalogue (附件1 scores 10 for it, else 5). A product
            can be in a field the little-giant criteria list (key materials, say) and in the
            catalogue too; ``main_product_field`` holds one value, so this flag says the second.
        information_systems: core businesses supported by an information system (at least 1).
        honours: valid honours such as ``"高新技术企业"``, ``"国家级技术创新示范企业"`` or an IP
            优势/示范企业 title (附件1 direct pass).
        supply_chain_role: sits at a key link of the industrial chain, fixing weak links,
            strengthening strong ones or filling gaps (补短板/锻长板/填空白).
        independent_legal_person: registered in the PRC with independent legal personality
            (Article 3, every tier).
        sme_by_size_rules: an SME under 《中小企业划型标准规定》, the SME size-classification
            rules (Article 3).
        abnormal_operations_listed: on the list of abnormal operations (Article 3 requires
            that it is not).
        single_champion: recognised by MIIT as a 制造业单项冠军 (manufacturing single champion);
            the 2025 notice does not recommend such firms as little giants.
        little_giant_control: in a controlling relationship with an existing little giant
            (2025 notice, exclusion (c)).
        little_giant_group_peer: in the same group as an existing little giant and making a
            similar main product (2025 notice, exclusion (c)).
        serious_dishonesty_listed: on a list of seriously dishonest entities (严重失信主体名单);
            Guangdong's 2022 subsidy excludes such firms, as it does those on the
            abnormal-operations list.
        restricted_products: makes products the state prohibits, restricts or eliminates
            (国家禁止、限制或淘汰类产品).
        major_accident_in_3_years: had a major safety, quality or environmental accident in
            the last 3 years (近3年发生重大安全、质量、环境污染事故). Like every fact here it
            describes the firm at the time the profile is for (the application or assessment).
        tax_evasion_in_3_years: evaded tax in the last 3 years (近3年偷漏税).
        zones: the named zones the firm is registered in (``("临港新片区",)``): special areas,
            高新区 and 经开区 that have no division code of their own, so a policy of such a zone
            reads the firm's membership here (``()``: in none; ``None``: unknown).

    Raises:
        InvalidRecordError: a field has the wrong type or range, or two fields contradict each
            other (a high-value Class-I IP right with ``class1_ip_count=0``; an institution level
            with ``rd_institution=False``; a ``STRATEGIC_EMERGING`` field outside the catalogue, or
            an ``OTHER`` one, "none of the above", inside it).

    >>> Profile(class1_ip_count=0, high_value_class1_ip=True)
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidRecordError: Invalid record True: high_value_class1_ip ...
    """

    years_in_niche: int | None = attrs.field(default=None, validator=_count)
    national_market_share: Decimal | None = attrs.field(default=None, validator=_market_share)
    class1_ip_count: int | None = attrs.field(default=None, validator=_count)
    class2_ip_count: int | None = attrs.field(default=None, validator=_count)
    high_value_class1_ip: bool | None = attrs.field(default=None, validator=_flag)
    self_developed_class1_ip: bool | None = attrs.field(default=None, validator=_flag)
    rd_institution: bool | None = attrs.field(default=None, validator=_flag)
    rd_institution_level: str | None = attrs.field(default=None, validator=_institution_level)
    management_certification: bool | None = attrs.field(default=None, validator=_flag)
    product_certification_developed_market: bool | None = attrs.field(default=None, validator=_flag)
    own_brand: bool | None = attrs.field(default=None, validator=_flag)
    science_awards: tuple[Award, ...] | None = attrs.field(default=None, converter=_to_awards)
    chuangke_placings: tuple[ChuangkePlacing, ...] | None = attrs.field(
        default=None, converter=_to_placings
    )
    main_product_field: ProductField | None = attrs.field(default=None, validator=_product_field)
    in_strategic_emerging_catalogue: bool | None = attrs.field(default=None, validator=_flag)
    information_systems: int | None = attrs.field(default=None, validator=_count)
    honours: tuple[str, ...] | None = attrs.field(default=None, converter=_to_honours)
    supply_chain_role: bool | None = attrs.field(default=None, validator=_flag)
    independent_legal_person: bool | None = attrs.field(default=None, validator=_flag)
    sme_by_size_rules: bool | None = attrs.field(default=None, validator=_flag)
    abnormal_operations_listed: bool | None = attrs.field(default=None, validator=_flag)
    single_champion: bool | None = attrs.field(default=None, validator=_flag)
    little_giant_control: bool | None = attrs.field(default=None, validator=_flag)
    little_giant_group_peer: bool | None = attrs.field(default=None, validator=_flag)
    serious_dishonesty_listed: bool | None = attrs.field(default=None, validator=_flag)
    restricted_products: bool | None = attrs.field(default=None, validator=_flag)
    major_accident_in_3_years: bool | None = attrs.field(default=None, validator=_flag)
    tax_evasion_in_3_years: bool | None = attrs.field(default=None, validator=_flag)
    zones: tuple[str, ...] | None = attrs.field(default=None, converter=_to_zones)

    def __attrs_post_init__(self) -> None:
        """Check that the facts agree with each other."""
        if self.class1_ip_count == 0:
            for name in ("high_value_class1_ip", "self_developed_class1_ip"):
                claimed = getattr(self, name)
                if claimed is True:
                    raise InvalidRecordError(
                        claimed,
                        Reason(
                            N_("{name} contradicts class1_ip_count=0 (no Class-I IP)"), name=name
                        ),
                    )
        if self.rd_institution is False and self.rd_institution_level is not None:
            raise InvalidRecordError(
                self.rd_institution_level,
                N_("an institution level contradicts rd_institution=False"),
            )
        catalogue = self.in_strategic_emerging_catalogue
        field = self.main_product_field
        if (field is ProductField.STRATEGIC_EMERGING and catalogue is False) or (
            field is ProductField.OTHER and catalogue is True
        ):
            raise InvalidRecordError(
                catalogue,
                Reason(
                    N_(
                        "in_strategic_emerging_catalogue={catalogue} contradicts "
                        "main_product_field={field}"
                    ),
                    catalogue=catalogue,
                    field=field.value,
                ),
            )


#: The yes/no facts of a :class:`Profile`, which a policy's conditions may name.
PROFILE_FLAGS: Final = tuple(
    field.name for field in attrs.fields(Profile) if field.validator is _flag
)
