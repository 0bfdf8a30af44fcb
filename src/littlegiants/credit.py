"""The Unified Social Credit Code (统一社会信用代码) that identifies every Chinese enterprise.

Since 2015 every legal person and other organisation in China carries one 18-character code,
defined by **GB 32100-2015** 《法人和其他组织统一社会信用代码编码规则》 (published 2015-09-17,
effective 2015-10-01, amended by GB 32100-2015/XG1-2016). It is printed on the business licence and
is how the MIIT little-giant lists, customs records and local reward notices name a firm.

The 18 characters are digits and capital letters other than I, O, Z, S and V:

======== ============================ ==========================================================
Position Part                         Meaning
======== ============================ ==========================================================
1        登记管理部门代码               registration authority: 1 机构编制 (establishment office),
                                      5 民政 (civil affairs), 9 工商 (industry and commerce,
                                      now market regulation), Y 其他 (other)
2        机构类别代码                   entity type, read under the authority: under 9,
                                      1 企业 (enterprise), 2 个体工商户 (individual business),
                                      3 农民专业合作社 (farmers' cooperative)
3–8      登记管理机关行政区划码          GB/T 2260 division of the registering authority
9–17     主体标识码                     the old 9-character organisation code (GB 11714);
                                      position 17 is that code's own check character
18       校验码                         check character over positions 1–17 (GB/T 17710 style)
======== ============================ ==========================================================

So ``91440300…`` is an enterprise (``1``) registered with industry and commerce (``9``) in
Shenzhen (``440300``).

Validation is python-stdnum's (``stdnum.cn.uscc``): length, character set and the position-18
check character. littlegiants follows it exactly, limits included:

- **Positions 1–2 must be digits.** The standard also allows letters there (``Y`` = other
  authority), so a real code starting with a letter is rejected here.
- **The embedded GB 11714 check (position 17) is not verified**, nor are the authority and type
  codes, nor is the division checked against the GB/T 2260 data (:attr:`CreditCode.region` is
  ``None`` for a division the data does not know).

>>> code = CreditCode.parse("91110000600037341L")
>>> code
CreditCode('91110000600037341L')
>>> code.registration_authority, code.registration_authority_name, code.entity_type_name
('9', '工商', '企业')
>>> code.division_code, code.organisation_code, code.check_character
('110000', '600037341', 'L')
>>> code.region
Region('110000')
>>> CreditCode.parse("9111 0000 6000 3734 1l")
CreditCode('91110000600037341L')
>>> CreditCode.parse("12345")
Traceback (most recent call last):
...
littlegiants.errors.InvalidCreditCodeError: Invalid credit code '12345': length check failed, ...
>>> CreditCode.parse("A1110000600037341L")
Traceback (most recent call last):
...
littlegiants.errors.InvalidCreditCodeError: Invalid credit code 'A1110000600037341L': format check
failed at position 1 (registration authority): 'A' is not a digit ...
>>> CreditCode.parse("91110000600037341M")
Traceback (most recent call last):
...
littlegiants.errors.InvalidCreditCodeError: Invalid credit code '91110000600037341M': checksum
check failed: the check character (position 18) is 'M' but positions 1–17 give 'L'...
>>> is_valid_credit_code("91110000600037341L"), is_valid_credit_code(None)
(True, False)

More information:

- GB 32100-2015 (catalogue entry): http://csres.com/detail/274489.html
- 统一社会信用代码 on Chinese Wikipedia: https://zh.wikipedia.org/wiki/统一社会信用代码
- python-stdnum, ``stdnum/cn/uscc.py``: https://github.com/arthurdejong/python-stdnum/
- Character set and part meanings as collected in the project's domain facts (§5):
  http://coloradmin.cn/o/878512.html ; http://www.51517777.com/post/31787.html
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from littlegiants.errors import InvalidCreditCodeError, Reason, SourceLocation
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Mapping

    from littlegiants.regions import Region

__all__ = [
    "ENTITY_TYPES",
    "REGISTRATION_AUTHORITIES",
    "CreditCode",
    "coerce_credit_code",
    "format_credit_code",
    "is_valid_credit_code",
    "validate_credit_code",
]

#: Position 1, 登记管理部门代码: the registration authority, per GB 32100-2015 as summarised in the
#: project's domain facts §5.2. Only these four are listed there; other characters get no name.
REGISTRATION_AUTHORITIES: Final[Mapping[str, str]] = MappingProxyType(
    {"1": "机构编制", "5": "民政", "9": "工商", "Y": "其他"}
)

#: Position 2, 机构类别代码: the entity type, which is read under the authority of position 1
#: (domain facts §5.2; medium confidence, from code comments and tests in public repositories).
ENTITY_TYPES: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "1": MappingProxyType({"1": "机关", "2": "事业单位", "3": "群众团体", "9": "其他"}),
        "5": MappingProxyType({"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
        "9": MappingProxyType({"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    }
)

_LENGTH: Final = 18
_DIGITS: Final = frozenset("0123456789")
#: The 31 characters of positions 9–18 (domain facts §5.3); used only to say where a code that
#: python-stdnum refused goes wrong, never to decide validity.
_ALPHABET: Final = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")
_PARTS: Final = (
    (1, 1, N_("registration authority")),
    (2, 2, N_("entity type")),
    (3, 8, N_("division code")),
    (9, 17, N_("organisation code")),
    (18, 18, N_("check character")),
)


def _part(position: int) -> Reason:
    """Name the part of the code a 1-based position belongs to."""
    return Reason.given(next(name for first, last, name in _PARTS if first <= position <= last))


def _format_problem(compact: str) -> Reason:
    """Say where the first character python-stdnum refuses is, and what is allowed there."""
    for index, char in enumerate(compact):
        position = index + 1
        if position <= 8 and char not in _DIGITS:
            template = (
                N_(
                    "format check failed at position {position} ({part}): {char} is not a digit "
                    "(GB 32100 allows some letters in positions 1–2, but python-stdnum, which "
                    "littlegiants follows, accepts digits only)"
                )
                if position <= 2
                else N_(
                    "format check failed at position {position} ({part}): {char} is not a digit"
                )
            )
            return Reason(template, position=position, part=_part(position), char=repr(char))
        if position > 8 and char not in _ALPHABET:
            return Reason(
                N_(
                    "format check failed at position {position} ({part}): {char} is not "
                    "allowed; positions 9–18 are digits or capital letters other than I, O, S, "
                    "V, Z"
                ),
                position=position,
                part=_part(position),
                char=repr(char),
            )
    return Reason(N_("format check failed"))  # pragma: no cover - stdnum refused a code unplaced


def _character_problem(text: str) -> Reason | None:
    """Say where ``text`` has a character no printed code has: a control or non-ASCII one.

    python-stdnum first maps Unicode spaces and dashes to ASCII ones (its ``clean``); anything
    left that is not printable ASCII is refused here rather than passed on. Upper-casing could
    otherwise turn a ligature into two capitals (``ﬀ`` into ``FF``), and a line break inside
    the first eight characters slips past its digit check (``^[0-9]+$`` matches before a final
    line break) and fails later with a bare ``ValueError``.
    """
    if text.isascii() and text.isprintable():
        return None
    from stdnum.util import clean  # noqa: PLC0415 - stdnum costs ~30 ms to import

    for position, (char, mapped) in enumerate(zip(text, clean(text), strict=True), start=1):
        if not (mapped.isascii() and mapped.isprintable()):
            return Reason(
                N_(
                    "format check failed at character {position} of the text: {char} is not "
                    "allowed; a code is digits and capital letters, with spaces or dashes between"
                ),
                position=position,
                char=repr(char),
            )
    return None


def validate_credit_code(text: object, *, location: SourceLocation | None = None) -> str:
    r"""Return the compact 18-character code, or raise naming the check that failed.

    Spaces and dashes are removed and letters upper-cased first (python-stdnum's ``compact``).
    Any other character, a tab, a line break or a non-ASCII letter included, fails the format
    check.

    Args:
        text: the code as printed.
        location: where the text came from, carried into the error.

    Returns:
        The compact code, e.g. ``'91110000600037341L'``.

    Raises:
        InvalidCreditCodeError: ``text`` is not text, or fails the length, format or checksum
            check; ``error.check`` starts with the check's name (a ``ValueError``).

    >>> validate_credit_code(" 91110000-600037341l ")
    '91110000600037341L'
    >>> validate_credit_code(91110000600037341)
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidCreditCodeError: Invalid credit code 91110000600037341: format check
    failed, expected text, got int.
    >>> validate_credit_code("91110000600037341L\n")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidCreditCodeError: Invalid credit code '91110000600037341L\n': format
    check failed at character 19 of the text: '\n' is not allowed; ...
    """
    if not isinstance(text, str):
        raise InvalidCreditCodeError(
            text,
            Reason(N_("format check failed, expected text, got {kind}"), kind=type(text).__name__),
            location,
        )
    problem = _character_problem(text)
    if problem is not None:
        raise InvalidCreditCodeError(text, problem, location)
    from stdnum.cn import uscc  # noqa: PLC0415 - stdnum costs ~30 ms to import; load on first use
    from stdnum.exceptions import (  # noqa: PLC0415
        InvalidChecksum,
        InvalidFormat,
        InvalidLength,
    )

    try:
        return uscc.validate(text)
    except InvalidLength:
        compact = uscc.compact(text)
        check = Reason(
            N_(
                "length check failed, expected {length} characters (spaces and dashes aside), "
                "got {found}"
            ),
            length=_LENGTH,
            found=len(compact),
        )
    except InvalidFormat:
        check = _format_problem(uscc.compact(text))
    except InvalidChecksum:
        compact = uscc.compact(text)
        check = Reason(
            N_(
                "checksum check failed: the check character (position 18) is {found} but "
                "positions 1–17 give {expected}; a character was probably mistyped"
            ),
            found=repr(compact[-1]),
            expected=repr(uscc.calc_check_digit(compact[:-1])),
        )
    raise InvalidCreditCodeError(text, check, location)


def is_valid_credit_code(value: object) -> bool:
    """Return whether ``value`` is a valid credit code (text or :class:`CreditCode`); never raises.

    >>> is_valid_credit_code("91110000600037341L"), is_valid_credit_code("91110000600037341M")
    (True, False)
    >>> is_valid_credit_code(b"91110000600037341L"), is_valid_credit_code(12)
    (False, False)
    """
    if isinstance(value, CreditCode):
        return True
    try:
        validate_credit_code(value)
    except InvalidCreditCodeError:
        return False
    return True


def _check_code(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    """Validator for ``CreditCode.code``: a valid code already in compact form."""
    if validate_credit_code(value) != value:
        raise InvalidCreditCodeError(
            value,
            N_(
                "format check failed, CreditCode() takes the compact 18-character code; use "
                "CreditCode.parse() for text with spaces, dashes or lower-case letters"
            ),
        )


_new = object.__new__
_set = object.__setattr__


@attrs.frozen(repr=False, order=True)
class CreditCode:
    """A valid Unified Social Credit Code (统一社会信用代码), held as its compact 18 characters.

    Build one with :meth:`parse` from text as printed; the constructor takes only the compact
    form. Equality, hashing and ordering are by the code.

    Args:
        code: the compact 18-character code.

    Raises:
        InvalidCreditCodeError: ``code`` is not a valid code in compact form (a ``ValueError``).

    >>> CreditCode("91110000600037341L") == CreditCode.parse("91110000-600037341L")
    True
    >>> str(CreditCode("91110000600037341L"))
    '91110000600037341L'
    >>> CreditCode("91110000 600037341L")
    Traceback (most recent call last):
    ...
    littlegiants.errors.InvalidCreditCodeError: Invalid credit code '91110000 600037341L': format
    check failed, CreditCode() takes the compact 18-character code; use CreditCode.parse() ...
    """

    code: str = attrs.field(validator=_check_code)

    @classmethod
    def parse(cls, text: str, *, location: SourceLocation | None = None) -> CreditCode:
        """Read a code as printed: spaces and dashes are dropped, letters upper-cased.

        Args:
            text: the code as printed.
            location: where the text came from, carried into the error.

        Returns:
            The validated code.

        Raises:
            InvalidCreditCodeError: the length, format or checksum check failed (a
                ``ValueError``).

        >>> CreditCode.parse("9 1 110000 600037341L")
        CreditCode('91110000600037341L')
        """
        code = _new(cls)
        _set(code, "code", validate_credit_code(text, location=location))
        return code

    def __repr__(self) -> str:
        """Return ``CreditCode('…')``, which evaluates back to an equal code."""
        return f"CreditCode({self.code!r})"

    def __str__(self) -> str:
        """Return the bare 18 characters."""
        return self.code

    @property
    def registration_authority(self) -> str:
        """Position 1, 登记管理部门代码: the registration authority's character (``'9'``)."""
        return self.code[0]

    @property
    def registration_authority_name(self) -> str | None:
        """The Chinese name of the registration authority (``'工商'``), ``None`` if not listed.

        Names come from :data:`REGISTRATION_AUTHORITIES`: 1 机构编制, 5 民政, 9 工商, Y 其他.
        """
        return REGISTRATION_AUTHORITIES.get(self.registration_authority)

    @property
    def entity_type(self) -> str:
        """Position 2, 机构类别代码: the entity type's character (``'1'``)."""
        return self.code[1]

    @property
    def entity_type_name(self) -> str | None:
        """The Chinese name of the entity type under its authority, ``None`` if not listed.

        Under authority 9: 1 企业, 2 个体工商户, 3 农民专业合作社; under 5: 1 社会团体,
        2 民办非企业单位, 3 基金会, 9 其他; under 1: 1 机关, 2 事业单位, 3 群众团体, 9 其他.

        >>> CreditCode.parse("92440300MA5FT4XU6D").entity_type_name  # a made-up, well-formed code
        '个体工商户'
        """
        return ENTITY_TYPES.get(self.registration_authority, {}).get(self.entity_type)

    @property
    def division_code(self) -> str:
        """Positions 3–8: the GB/T 2260 division of the registering authority (``'440300'``)."""
        return self.code[2:8]

    @property
    def organisation_code(self) -> str:
        """Positions 9–17, 主体标识码: the GB 11714 organisation code, its own check included."""
        return self.code[8:17]

    @property
    def check_character(self) -> str:
        """Position 18, 校验码: the check character over positions 1–17."""
        return self.code[17]

    @property
    def region(self) -> Region | None:
        """The :class:`~littlegiants.regions.Region` of :attr:`division_code`, or ``None``.

        ``None`` when the division is not in the bundled GB/T 2260 data; never raises.

        >>> CreditCode.parse("91440300MA5FT4XU6G").region  # a made-up, well-formed code
        Region('440300')
        >>> CreditCode.parse("91100000MA5FT4XU6C").region is None  # 100000 is not in the data
        True
        """
        from littlegiants.regions import find_region  # noqa: PLC0415 - avoids an import cycle

        return find_region(self.division_code)


def format_credit_code(code: CreditCode | str) -> str:
    """Return the code as people write it: the bare 18 characters (python-stdnum's ``format``).

    Args:
        code: a :class:`CreditCode` or text that parses as one.

    Returns:
        The compact 18 characters.

    Raises:
        InvalidCreditCodeError: ``code`` is text that is not a valid code (a ``ValueError``).

    >>> format_credit_code(" 91110000-600037341l")
    '91110000600037341L'
    """
    from stdnum.cn import uscc  # noqa: PLC0415 - stdnum costs ~30 ms to import; load on first use

    return uscc.format(coerce_credit_code(code).code)


def coerce_credit_code(value: CreditCode | str) -> CreditCode:
    """Return ``value`` as a :class:`CreditCode`, parsing text; for attrs converters.

    Wherever a credit code is expected its text is accepted too.

    Args:
        value: a :class:`CreditCode` (returned as is) or text to parse.

    Returns:
        The code.

    Raises:
        InvalidCreditCodeError: ``value`` is neither a code nor valid text (a ``ValueError``).

    >>> coerce_credit_code("91110000600037341L")
    CreditCode('91110000600037341L')
    """
    if isinstance(value, CreditCode):
        return value
    return CreditCode.parse(value)
