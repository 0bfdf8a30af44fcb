"""China's administrative divisions (行政区划) by their GB/T 2260 six-digit codes.

Every place in China that issues a policy or registers a firm has a six-digit division code under
the national standard **GB/T 2260**. The code is hierarchical, two digits a level:

- ``XX0000`` is a province-level division (省级: province, autonomous region, municipality such
  as 北京市, or special administrative region): ``440000`` 广东省.
- ``XXYY00`` is a prefecture-level division (地级) inside it: ``440300`` 深圳市.
- ``XXYYZZ`` is a county-level division (县级: district, county, county-level city) inside that:
  ``440305`` 南山区.

So a division lies within another exactly when it shares the other's significant digits, which is
how :meth:`Region.within` decides jurisdiction: 南山区 (``440305``) is within 深圳市 (``440300``),
which is within 广东省 (``440000``), while Guangzhou's 天河区 (``440106``) is not within 深圳市.
Positions 3–8 of a Unified Social Credit Code are such a code (see :mod:`littlegiants.credit`).

Official lists name places rather than code them (所在地区: 南山区, 深圳市南山区), so a region is
also found by its name: :meth:`Region.from_name` and :func:`regions_named`. Names repeat across
the country (there is a 南山区 in Shenzhen and one in Hegang, Heilongjiang): a bare name that fits
several divisions is refused with every candidate listed, unless a fuller name or ``within=`` (the
city or province that published the list) picks one.

>>> Region.parse("深圳市南山区"), Region.from_name("南山区", within="440000")
(Region('440305'), Region('440305'))

The names come from the division table bundled with python-stdnum (``stdnum/cn/loc.dat``, read
once on first use, line by line as python-stdnum writes it, or through ``stdnum.numdb`` for any
other shape), which python-stdnum compiled from Chinese Wikipedia. Limits of that data:

- **Chinese names only**; there are no English names, so :func:`format_region` has no locale.
- It is as current as the installed python-stdnum; a division created or renamed later is missing
  or carries its old name.
- Codes are reused and names change: an entry such as ``[1983-1989]南头区办事处,[1990-]南山区``
  lists each name with the years it was used. :attr:`Region.name` is the current one (the entry
  with an open-ended range or no range), :attr:`Region.former_names` the ones that ended. A code
  whose every name has ended (``110103``, ``[-2010]崇文区``) is still a known region; its
  :attr:`~Region.name` is the last name it had and :attr:`~Region.is_current` is ``False``.
- Municipalities and provinces group divisions under placeholder prefecture-level entries
  (``110100`` 市辖区, ``429000`` 省直辖县级行政单位); :attr:`Region.parent` returns them as the
  data has them, and :attr:`Region.full_name` leaves them out.

>>> nanshan = Region.parse("440305")
>>> nanshan
Region('440305')
>>> nanshan.name, nanshan.level, nanshan.full_name
('南山区', 'county', '广东省 深圳市 南山区')
>>> nanshan.former_names
(RegionName(name='南头区办事处', first_year=1983, last_year=1989),)
>>> nanshan.within(Region("440300")), Region("440106").within(Region("440300"))
(True, False)
>>> Region.parse("999999")
Traceback (most recent call last):
...
littlegiants.errors.UnknownRegionError: Unknown region '999999': expected a 6-digit GB/T 2260
division code such as '440300' (深圳市) or '440305' (南山区), or a division's name such as 南山区 or
广东省深圳市南山区.
>>> is_valid_region("440305"), is_valid_region("4403"), is_valid_region(None)
(True, False, False)

More information:

- 中华人民共和国行政区划代码 on Chinese Wikipedia (the source of python-stdnum's table), e.g.
  https://zh.wikipedia.org/w/index.php?title=中华人民共和国行政区划代码_(4区)
- python-stdnum, ``stdnum/cn/loc.dat``: https://github.com/arthurdejong/python-stdnum/
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeAlias

import attrs

from littlegiants.errors import AmbiguousRegionError, SourceLocation, UnknownRegionError

if TYPE_CHECKING:
    from stdnum.numdb import NumDB

__all__ = [
    "Region",
    "RegionLevel",
    "RegionName",
    "coerce_optional_region",
    "coerce_region",
    "find_region",
    "format_region",
    "is_valid_region",
    "region_codes",
    "regions_named",
]

#: The level of a division, read from its code's trailing zeros.
RegionLevel: TypeAlias = Literal["province", "prefecture", "county"]

_CODE = re.compile(r"[0-9]{6}")
_SPAN = re.compile(r"\[(?P<first>[0-9]{4})?-(?P<last>[0-9]{4})?\](?P<name>.+)")
_MIN_CODE: Final = 100000
_MAX_CODE: Final = 999999
#: Prefecture-level names that group divisions rather than name a place (the municipalities'
#: 市辖区 and 县, and provinces' 省直辖… entries); :attr:`Region.full_name` skips them.
_GROUPING_NAMES: Final = frozenset({"市辖区", "县"})
#: The endings a province-level name may be written without: 广东 (广东省), 广西 (广西壮族自治区).
_PROVINCE_ENDING = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
#: The endings a prefecture-level name may be written without (深圳 for 深圳市).
_PREFECTURE_ENDING = re.compile(r"(?:市|地区|盟)$")
#: The spaces a written name may carry between its parts (ASCII and the ideographic space).
_NAME_SPACES = re.compile("[ \u3000]+")


class RegionName(NamedTuple):
    """One name a division code has carried, with the years the data gives for it.

    ``first_year`` is ``None`` when the data gives no start (the name predates its table),
    ``last_year`` is ``None`` while the name is in use.
    """

    name: str
    first_year: int | None
    last_year: int | None


@attrs.frozen
class _Record:
    """What the data says about one code."""

    history: tuple[RegionName, ...]
    province: str | None


#: One line of python-stdnum's ``cn/loc.dat`` as it is written: a comment, a blank line, a
#: province (two digits, unindented) or a county-level entry (four digits, indented by two).
_DATA_LINE = re.compile(
    r'#.*|(?P<province>[0-9]{2}) province="(?P<province_name>[^"]*)"'
    r'|  (?P<county>[0-9]{4}) county="(?P<county_name>[^"]*)"|'
)


@functools.cache
def _table() -> dict[str, tuple[str, str | None]]:
    """python-stdnum's division table by code: each code's county entry and its province's name.

    Read once, on first use, by :func:`_read_table` (about 8 ms here, where ``stdnum.numdb``'s
    general reader of ranges, nesting and properties takes about 40 ms, which every first use of
    a credit code's region paid), or by ``stdnum.numdb`` when the file holds a line that
    :func:`_read_table` does not know (a later python-stdnum may write one). Both give the same
    table (tests/test_regions.py compares them on the installed data).
    """
    from importlib import resources  # noqa: PLC0415 - read once, on first use

    text = resources.files("stdnum").joinpath("cn/loc.dat").read_text(encoding="utf-8")
    found = _read_table(text)
    return _numdb_table() if found is None else found


def _read_table(text: str) -> dict[str, tuple[str, str | None]] | None:
    r"""The table of :func:`_table` from the text of ``cn/loc.dat``; ``None`` for another shape.

    Every line must be a comment, blank, a province (two digits, unindented) or a county-level
    entry under it (four digits, indented by two), as python-stdnum writes the file; a later
    entry for the same code wins, as in ``stdnum.numdb``.

    >>> _read_table('# a comment\n44 province="广东省"\n  0305 county="[1990-]南山区"\n')
    {'440305': ('[1990-]南山区', '广东省')}
    >>> _read_table('44 province="广东省"\n  0301-0309 county="?"\n') is None
    True
    """
    table: dict[str, tuple[str, str | None]] = {}
    code: str | None = None
    name: str | None = None
    for line in text.split("\n"):
        match = _DATA_LINE.fullmatch(line.removesuffix("\r"))
        if match is None:
            return None
        if match["province"] is not None:
            code, name = match["province"], match["province_name"]
        elif match["county"] is not None:
            if code is None:
                return None
            table[code + match["county"]] = (match["county_name"], name)
    return table


def _numdb_table() -> dict[str, tuple[str, str | None]]:
    """The table of :func:`_table` through ``stdnum.numdb``, which reads any file it wrote."""
    from stdnum import numdb  # noqa: PLC0415 - only for a file _read_table does not know

    database = numdb.get("cn/loc")
    table: dict[str, tuple[str, str | None]] = {}
    for length, low, high, _props, children in database.prefixes:
        for child_length, child_low, child_high, _child_props, _grandchildren in children:
            for first in range(int(low), int(high) + 1):
                for rest in range(int(child_low), int(child_high) + 1):
                    code = f"{first:0{length}d}{rest:0{child_length}d}"
                    found = _lookup(database, code) if _CODE.fullmatch(code) else None
                    if found is not None:
                        table[code] = found
    return table


def _lookup(database: NumDB, code: str) -> tuple[str, str | None] | None:
    """A code's county entry and province name as ``stdnum.numdb`` finds them, or ``None``."""
    info = database.info(code)
    if len(info) != 2:
        return None
    (province_part, province_props), (rest, props) = info
    county = props.get("county")
    if len(province_part) != 2 or len(rest) != 4 or not county:
        return None
    return county, province_props.get("province")


def _parse_history(value: str) -> tuple[RegionName, ...]:
    """Split ``[1983-1989]南头区办事处,[1990-]南山区`` into names with their years."""
    names: list[RegionName] = []
    for part in value.split(","):
        match = _SPAN.fullmatch(part)
        if match is None:
            names.append(RegionName(part, None, None))
            continue
        first, last = match["first"], match["last"]
        names.append(
            RegionName(
                match["name"],
                None if first is None else int(first),
                None if last is None else int(last),
            )
        )
    return tuple(names)


@functools.lru_cache(maxsize=8192)
def _record(code: str) -> _Record | None:
    """Look ``code`` (six ASCII digits) up in the data; ``None`` when it is not there."""
    found = _table().get(code)
    if found is None or not found[0]:
        return None
    county, province = found
    return _Record(_parse_history(county), province)


def _normalise(value: object) -> str | None:
    """Return six ASCII digits from text (outer spaces stripped) or an int, else ``None``.

    Only spaces are stripped: a tab or the line break a line of a file ends with makes the text
    no code at all.
    """
    if isinstance(value, str):
        text = value.strip(" ")
        return text if _CODE.fullmatch(text) else None
    if isinstance(value, int) and not isinstance(value, bool) and _MIN_CODE <= value <= _MAX_CODE:
        return str(value)
    return None


def _check_region(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    """Validator for ``Region.code``: six ASCII digits that the data knows."""
    if not (isinstance(value, str) and _CODE.fullmatch(value) and _record(value) is not None):
        raise UnknownRegionError(value)


@attrs.frozen(repr=False, order=True)
class Region:
    """A GB/T 2260 administrative division, identified by its six-digit code.

    The constructor takes the bare code and checks it against the data; :meth:`Region.parse`
    also accepts surrounding spaces and ints. Names are looked up (and cached per code) when
    asked for, never stored on the instance. Equality, hashing and ordering are by code.

    Args:
        code: six ASCII digits known to the division data.

    Raises:
        UnknownRegionError: ``code`` is not a known division code (a ``LookupError``).

    >>> Region("440300").name, Region("440300").level, Region("440000").level
    ('深圳市', 'prefecture', 'province')
    >>> str(Region("440305"))
    '440305'
    """

    code: str = attrs.field(validator=_check_region)

    @classmethod
    def parse(
        cls,
        text: str | int,
        *,
        within: Region | str | None = None,
        location: SourceLocation | None = None,
    ) -> Region:
        r"""Read a division code (six ASCII digits, surrounding spaces allowed, or an int) or name.

        Text that is not a code is read as a name by :meth:`Region.from_name`, so an official
        list's 所在地区 column (南山区, 深圳市南山区) reads as well as a code column.

        Args:
            text: the code, e.g. ``"440305"``, ``" 440305 "`` or ``440305``, or a name such as
                ``"深圳市南山区"``.
            within: for a name, the region it must lie in (a code needs none).
            location: where the text came from, carried into the error.

        Returns:
            The region.

        Raises:
            UnknownRegionError: ``text`` is neither a code in the data nor a division's name (a
                ``LookupError``); :class:`~littlegiants.errors.AmbiguousRegionError`, a subclass,
                when it is a name that fits several divisions.

        >>> Region.parse(" 440305 "), Region.parse(440000), Region.parse("深圳市南山区")
        (Region('440305'), Region('440000'), Region('440305'))
        >>> Region.parse("44 03 05")
        Traceback (most recent call last):
        ...
        littlegiants.errors.UnknownRegionError: Unknown region '44 03 05': expected a 6-digit ...
        >>> Region.parse("440305\n")
        Traceback (most recent call last):
        ...
        littlegiants.errors.UnknownRegionError: Unknown region '440305\n': expected a 6-digit ...
        """
        code = _normalise(text)
        if code is not None and _record(code) is not None:
            return cls(code)
        if code is None and isinstance(text, str):
            return cls.from_name(text, within=within, location=location)
        raise UnknownRegionError(text, location)

    @classmethod
    def from_name(
        cls,
        name: str,
        *,
        within: Region | str | None = None,
        location: SourceLocation | None = None,
    ) -> Region:
        """Find the one division a written name stands for, as official lists write them.

        A name is the division's own name (南山区), optionally preceded by its province and
        city (深圳市南山区, 广东省深圳市南山区, ``广东省 深圳市 南山区``); a province or city may be
        written without its ending (广东, 深圳, 广东深圳市南山区). Names are the division data's
        current ones; a name only an abolished division carried (崇文区) finds that division. A
        name that fits several divisions needs the code, a fuller name, or ``within``.

        Args:
            name: the written name; ASCII and ideographic spaces between parts are ignored.
            within: the region the division must lie in, e.g. the city that published a list.
            location: where the name came from, carried into the error.

        Returns:
            The region.

        Raises:
            AmbiguousRegionError: the name fits more than one division (a ``LookupError``);
                its ``candidates`` list them.
            UnknownRegionError: no division has that name (a ``LookupError``).

        >>> Region.from_name("广东省深圳市南山区"), Region.from_name("深圳 南山区")
        (Region('440305'), Region('440305'))
        >>> Region.from_name("南山区", within="440300"), Region.from_name("深圳")
        (Region('440305'), Region('440300'))
        >>> Region.from_name("南山区")
        Traceback (most recent call last):
        ...
        littlegiants.errors.AmbiguousRegionError: Ambiguous region '南山区': the name fits 2
        divisions, 黑龙江省 鹤岗市 南山区 (230404), 广东省 深圳市 南山区 (440305); give the 6-digit
        code or a fuller name that includes the province or city, such as 广东省深圳市南山区.
        """
        found = regions_named(name, within=within)
        if len(found) == 1:
            return found[0]
        if not found:
            raise UnknownRegionError(name, location)
        candidates = tuple((region.code, region.full_name) for region in found)
        raise AmbiguousRegionError(name, location, candidates)

    def __repr__(self) -> str:
        """Return ``Region('…')``, which evaluates back to an equal region."""
        return f"Region({self.code!r})"

    def __str__(self) -> str:
        """Return the six-digit code."""
        return self.code

    @property
    def _data(self) -> _Record:
        record = _record(self.code)
        if record is None:  # pragma: no cover - the validator admitted only known codes
            raise UnknownRegionError(self.code)
        return record

    @property
    def history(self) -> tuple[RegionName, ...]:
        """Every name the data lists for this code, oldest first, with its years.

        >>> Region("440305").history
        (RegionName(name='南头区办事处', first_year=1983, last_year=1989),
         RegionName(name='南山区', first_year=1990, last_year=None))
        """
        return self._data.history

    @property
    def is_current(self) -> bool:
        """Whether the data lists a name still in use (``False`` for abolished divisions).

        >>> Region("440305").is_current, Region("110103").is_current
        (True, False)
        """
        return any(entry.last_year is None for entry in self.history)

    @property
    def name(self) -> str:
        """The current name (``'南山区'``); for an abolished division, the last name it had.

        >>> Region("440309").name, Region("110103").name
        ('龙华区', '崇文区')
        """
        current = [entry for entry in self.history if entry.last_year is None]
        return (current or list(self.history))[-1].name

    @property
    def former_names(self) -> tuple[RegionName, ...]:
        """The names that ended, oldest first, each with its first and last year.

        >>> Region("440303").former_names
        (RegionName(name='罗湖区办事处', first_year=1983, last_year=1989),)
        """
        return tuple(entry for entry in self.history if entry.last_year is not None)

    @property
    def level(self) -> RegionLevel:
        """``'province'`` (``XX0000``), ``'prefecture'`` (``XXYY00``) or ``'county'``."""
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"

    @property
    def province_name(self) -> str:
        """The name of the province-level division this one lies in (``'广东省'``).

        The name of the ``XX0000`` entry; if the data lacked one, the table's province heading.

        >>> Region("440305").province_name, Region("810000").province_name
        ('广东省', '香港特别行政区')
        """
        province = find_region(self.code[:2] + "0000")
        if province is not None:
            return province.name
        return self._data.province or self.code[:2] + "0000"  # pragma: no cover - data has all

    @property
    def parent(self) -> Region | None:
        """The enclosing prefecture (for a county) or province (for a prefecture), if in the data.

        A county whose ``XXYY00`` entry is missing gets its province. Placeholder entries such as
        ``110100`` 市辖区 are returned as the data has them.

        >>> Region("440305").parent, Region("440300").parent, Region("440000").parent
        (Region('440300'), Region('440000'), None)
        >>> Region("110101").parent.name
        '市辖区'
        """
        level = self.level
        if level == "province":
            return None
        province = self.code[:2] + "0000"
        if level == "prefecture":
            return find_region(province)
        return find_region(self.code[:4] + "00") or find_region(province)

    @property
    def full_name(self) -> str:
        """Province, prefecture and own name, space-separated: ``'广东省 深圳市 南山区'``.

        Grouping entries (市辖区, 县, 省直辖县级行政单位 …) at prefecture level are left out.

        >>> Region("440300").full_name, Region("440000").full_name
        ('广东省 深圳市', '广东省')
        >>> Region("110101").full_name, Region("429004").full_name
        ('北京市 东城区', '湖北省 仙桃市')
        """
        level = self.level
        if level == "province":
            return self.name
        parts = [self.province_name]
        if level == "county":
            prefecture = find_region(self.code[:4] + "00")
            if prefecture is not None and not _is_grouping(prefecture.name):
                parts.append(prefecture.name)
        parts.append(self.name)
        return " ".join(parts)

    def within(self, other: Region | str) -> bool:
        """Whether this division lies in ``other`` or is ``other``, by code prefix.

        A province ``XX0000`` contains every ``XXnnnn``; a prefecture ``XXYY00`` every
        ``XXYYnn``; a county only itself.

        Args:
            other: a region, or its code as text.

        Returns:
            ``True`` when this division is inside or equal to ``other``.

        Raises:
            UnknownRegionError: ``other`` is text that is not a known code (a ``LookupError``).

        >>> Region("440305").within("440000"), Region("440000").within("440305")
        (True, False)
        """
        container = coerce_region(other)
        level = container.level
        if level == "province":
            return self.code[:2] == container.code[:2]
        if level == "prefecture":
            return self.code[:4] == container.code[:4]
        return self.code == container.code


def _is_grouping(name: str) -> bool:
    """Whether a prefecture-level name groups divisions rather than naming a place."""
    return name in _GROUPING_NAMES or "直辖" in name


def find_region(code: object) -> Region | None:
    """Return the region :meth:`Region.parse` reads from ``code``, or ``None``; never raises.

    A code (text or int) or a name that fits exactly one division; ``None`` for anything else,
    an ambiguous name included (:func:`regions_named` lists its candidates).

    >>> find_region("440303"), find_region("100000"), find_region(b"440303")
    (Region('440303'), None, None)
    >>> find_region("深圳市罗湖区"), find_region("南山区")
    (Region('440303'), None)
    """
    normalised = _normalise(code)
    if normalised is not None:
        return None if _record(normalised) is None else Region(normalised)
    found = regions_named(code)
    return found[0] if len(found) == 1 else None


def regions_named(name: object, *, within: Region | str | None = None) -> tuple[Region, ...]:
    """Every division a written name may stand for, in code order; never raises.

    The never-raising twin of :meth:`Region.from_name`, for callers that choose among several:
    an empty tuple for text that names no division (or is not text), two or more for a name
    such as 南山区 that several divisions carry. Current divisions win over abolished ones of
    the same name.

    Args:
        name: the written name (南山区, 深圳市南山区, 广东省 深圳市 南山区, 深圳).
        within: keep only divisions inside this region (or equal to it).

    Returns:
        The divisions, sorted by code.

    >>> regions_named("南山区")
    (Region('230404'), Region('440305'))
    >>> regions_named("广东南山区"), regions_named("南山区", within="440000")
    ((Region('440305'),), (Region('440305'),))
    >>> regions_named("崇文区"), regions_named("火星区"), regions_named(440305)
    ((Region('110103'),), (), ())
    """
    if not isinstance(name, str):
        return ()
    text = _NAME_SPACES.sub("", name)
    if not text.isprintable() or not text:
        return ()  # a tab or line break makes the text no name, as it makes it no code
    index = _name_index()
    codes: set[str] = set()
    for length in _name_lengths():
        if length > len(text):
            break
        prefix, leaf = text[: len(text) - length], text[len(text) - length :]
        codes.update(code for code in index.get(leaf, ()) if prefix in _written_before(code))
    found = sorted(Region(code) for code in codes)
    if within is not None:
        area = coerce_region(within)
        found = [region for region in found if region.within(area)]
    current = [region for region in found if region.is_current]
    return tuple(current or found)


def _short_forms(name: str, ending: re.Pattern[str]) -> tuple[str, ...]:
    """The name and, when an ending leaves at least two characters, the name without it."""
    short = ending.sub("", name)
    return (name, short) if short != name and len(short) >= 2 else (name,)


@functools.cache
def _name_index() -> dict[str, tuple[str, ...]]:
    """Each written form of a division's own name -> the codes that carry it (built once).

    Grouping entries (市辖区, 县, 省直辖…) are no places and are left out. Provinces and
    prefectures are also filed under their short forms (广东, 深圳).
    """
    index: dict[str, list[str]] = {}
    for code in region_codes():
        region = Region(code)
        name = region.name
        if _is_grouping(name):
            continue
        level = region.level
        forms = (
            _short_forms(name, _PROVINCE_ENDING)
            if level == "province"
            else _short_forms(name, _PREFECTURE_ENDING)
            if level == "prefecture"
            else (name,)
        )
        for form in forms:
            index.setdefault(form, []).append(code)
    return {form: tuple(codes) for form, codes in index.items()}


@functools.cache
def _name_lengths() -> tuple[int, ...]:
    """The lengths of the index's names, shortest first."""
    return tuple(sorted({len(form) for form in _name_index()}))


@functools.lru_cache(maxsize=8192)
def _written_before(code: str) -> frozenset[str]:
    """What may precede a division's own name: nothing, its province, its city, or both."""
    region = Region(code)
    level = region.level
    if level == "province":
        return frozenset({""})
    provinces = ("", *_short_forms(region.province_name, _PROVINCE_ENDING))
    if level == "prefecture":
        return frozenset(provinces)
    prefecture = find_region(code[:4] + "00")
    cities: tuple[str, ...] = ("",)
    if prefecture is not None and not _is_grouping(prefecture.name):
        cities = ("", *_short_forms(prefecture.name, _PREFECTURE_ENDING))
    return frozenset(province + city for province in provinces for city in cities)


def is_valid_region(value: object) -> bool:
    """Return whether ``value`` is a :class:`Region` or what :meth:`Region.parse` reads; no raise.

    >>> is_valid_region(Region("440300")), is_valid_region(440300), is_valid_region("449999")
    (True, True, False)
    """
    return isinstance(value, Region) or find_region(value) is not None


def coerce_region(value: Region | str) -> Region:
    """Return ``value`` as a :class:`Region`, parsing text (a code or a name); for converters.

    Args:
        value: a region (returned as is), or its code or name as text.

    Returns:
        The region.

    Raises:
        UnknownRegionError: ``value`` is text that is neither a known code nor one division's
            name (a ``LookupError``).

    >>> coerce_region("440305"), coerce_region("深圳市南山区")
    (Region('440305'), Region('440305'))
    """
    if isinstance(value, Region):
        return value
    return Region.parse(value)


def coerce_optional_region(value: Region | str | None) -> Region | None:
    """Like :func:`coerce_region`, with ``None`` (an unknown region) passed through.

    >>> coerce_optional_region(None) is None, coerce_optional_region("440305")
    (True, Region('440305'))
    """
    return None if value is None else coerce_region(value)


def format_region(region: Region | str) -> str:
    """Return the region's full Chinese name for people, e.g. ``'广东省 深圳市 南山区'``.

    The data has Chinese names only, so there is no ``locale``.

    Args:
        region: a region or its code as text.

    Returns:
        :attr:`Region.full_name`.

    Raises:
        UnknownRegionError: ``region`` is text that is not a known code (a ``LookupError``).

    >>> format_region("440304")
    '广东省 深圳市 福田区'
    """
    return coerce_region(region).full_name


@functools.cache
def region_codes() -> tuple[str, ...]:
    """Every division code in the data, sorted; for iteration and test strategies.

    Lists python-stdnum's table (read once, on first use) and caches the result.

    >>> codes = region_codes()
    >>> "440305" in codes, codes == tuple(sorted(codes))
    (True, True)
    """
    return tuple(sorted(code for code, (county, _) in _table().items() if county))
