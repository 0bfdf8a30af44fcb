"""Tests for littlegiants.regions: GB/T 2260 division codes and their names."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from littlegiants.errors import (
    AmbiguousRegionError,
    LittleGiantsError,
    SourceLocation,
    UnknownRegionError,
)
from littlegiants.regions import (
    Region,
    RegionName,
    coerce_region,
    find_region,
    format_region,
    is_valid_region,
    region_codes,
    regions_named,
)

#: Shenzhen's districts as domain facts §5.4 lists them in python-stdnum's data.
SHENZHEN_DISTRICTS = {
    "440303": "罗湖区",
    "440304": "福田区",
    "440305": "南山区",
    "440306": "宝安区",
    "440307": "龙岗区",
    "440308": "盐田区",
    "440309": "龙华区",
    "440310": "坪山区",
    "440311": "光明区",
}

codes = st.sampled_from(region_codes())


def _family(code: str) -> list[str]:
    """Codes of the same province as ``code``: its province, prefectures and counties."""
    return [other for other in region_codes() if other[:2] == code[:2]]


def _containers(code: str) -> list[str]:
    """The codes in the data that contain ``code`` by prefix, ``code`` included."""
    candidates = (code, code[:4] + "00", code[:2] + "0000")
    known = set(region_codes())
    return [candidate for candidate in candidates if candidate in known]


class TestShenzhenTree:
    def test_province(self):
        """440000 is 广东省, a province with no parent."""
        region = Region("440000")
        expected = ("广东省", "province", None, "广东省")
        assert expected == (region.name, region.level, region.parent, region.full_name)

    def test_prefecture(self):
        """440300 is 深圳市, a prefecture-level city under 广东省."""
        region = Region("440300")
        expected = ("深圳市", "prefecture", Region("440000"), "广东省 深圳市")
        assert expected == (region.name, region.level, region.parent, region.full_name)

    @pytest.mark.parametrize(("code", "name"), sorted(SHENZHEN_DISTRICTS.items()))
    def test_districts(self, code, name):
        """Each Shenzhen district has its current name, is county-level and sits under 深圳市."""
        region = Region(code)
        expected = (name, "county", Region("440300"), "广东省", f"广东省 深圳市 {name}")
        assert expected == (
            region.name,
            region.level,
            region.parent,
            region.province_name,
            region.full_name,
        )

    def test_districts_within_shenzhen(self):
        """Every Shenzhen district lies within 深圳市 and within 广东省."""
        expected = {(code, True, True) for code in SHENZHEN_DISTRICTS}
        assert expected == {
            (code, Region(code).within(Region("440300")), Region(code).within(Region("440000")))
            for code in SHENZHEN_DISTRICTS
        }

    def test_districts_not_within_each_other(self):
        """Sibling districts do not contain each other."""
        assert not Region("440305").within(Region("440304"))

    def test_guangzhou_district_not_within_shenzhen(self):
        """天河区 (440106, Guangzhou) is in 广东省 but not in 深圳市."""
        tianhe = Region("440106")
        expected = ("天河区", False, True)
        assert expected == (
            tianhe.name,
            tianhe.within(Region("440300")),
            tianhe.within(Region("440000")),
        )

    def test_containers_not_within_their_parts(self):
        """A province is not within its prefecture, nor a prefecture within its district."""
        expected = (False, False)
        assert expected == (
            Region("440000").within(Region("440300")),
            Region("440300").within(Region("440305")),
        )

    def test_within_accepts_code_text(self):
        """within() takes a code as text too."""
        assert Region("440305").within("440300")

    def test_within_unknown_code_raises(self):
        """within() refuses a code that is not in the data."""
        with pytest.raises(UnknownRegionError):
            Region("440305").within("449999")

    def test_other_province_not_within(self):
        """A Beijing district is not within 广东省."""
        assert not Region("110101").within(Region("440000"))


class TestWithinProperties:
    @given(codes)
    def test_reflexive(self, code):
        """Every division lies within itself."""
        region = Region(code)
        assert region.within(region)

    @given(st.data())
    def test_transitive(self, data):
        """If a is within b and b within c, then a is within c."""
        a = data.draw(codes)
        b = data.draw(st.one_of(st.sampled_from(_containers(a)), st.sampled_from(_family(a))))
        c = data.draw(st.one_of(st.sampled_from(_containers(b)), st.sampled_from(_family(b))))
        first, second, third = Region(a), Region(b), Region(c)
        if first.within(second) and second.within(third):
            assert first.within(third)

    @given(codes)
    def test_within_parent(self, code):
        """Every division lies within its parent, and the parent is a level up."""
        region = Region(code)
        parent = region.parent
        if parent is not None:
            assert region.within(parent)
            assert parent.level != region.level

    @given(codes, codes)
    def test_antisymmetric(self, a, b):
        """Two divisions within each other are the same division."""
        first, second = Region(a), Region(b)
        if first.within(second) and second.within(first):
            assert first == second


class TestParse:
    @pytest.mark.parametrize("text", ["440305", " 440305 ", 440305])
    def test_accepts_digits_spaces_and_int(self, text):
        """Six digits with surrounding spaces, or an int, parse."""
        expected = Region("440305")
        assert expected == Region.parse(text)

    @pytest.mark.parametrize("text", ["440305\n", "\t440305", "440305\r\n", "\u200b440305"])
    def test_refuses_control_characters(self, text):
        """A line break, a tab or a zero-width space is not stripped: the text is no code."""
        with pytest.raises(UnknownRegionError) as info:
            Region.parse(text)
        assert text == info.value.value
        assert not is_valid_region(text)
        assert find_region(text) is None

    @pytest.mark.parametrize(
        "text",
        ["44030", "4403050", "44 03 05", "４４０３０５", "440305.0", "", "南山区", 44030, True],
    )
    def test_refuses_malformed(self, text):
        """Anything but six ASCII digits (or a six-digit int) is refused."""
        with pytest.raises(UnknownRegionError):
            Region.parse(text)

    @pytest.mark.parametrize("code", ["999999", "449999", "100000", "440399"])
    def test_unknown_code(self, code):
        """Well-formed codes missing from the data raise UnknownRegionError, a LookupError."""
        with pytest.raises(UnknownRegionError) as info:
            Region.parse(code)
        expected = (code, True, True)
        assert expected == (
            info.value.value,
            isinstance(info.value, LookupError),
            isinstance(info.value, LittleGiantsError),
        )

    def test_error_carries_location(self):
        """The error keeps where the text came from."""
        where = SourceLocation("firms.csv", 4, "region")
        with pytest.raises(UnknownRegionError) as info:
            Region.parse("999999", location=where)
        assert where == info.value.location

    @pytest.mark.parametrize("code", [" 440305", "999999", 440305, None])
    def test_constructor_is_strict(self, code):
        """The constructor takes only a known code as bare text."""
        with pytest.raises(UnknownRegionError):
            Region(code)


class TestNames:
    def test_nanshan_history(self):
        """440305 was 南头区办事处 in 1983–1989 and is 南山区 since 1990."""
        expected = (
            RegionName("南头区办事处", 1983, 1989),
            RegionName("南山区", 1990, None),
        )
        assert expected == Region("440305").history

    def test_nanshan_former_names(self):
        """The ended names of 440305 are its former names, with their years."""
        expected = (("南头区办事处", 1983, 1989),)
        assert expected == Region("440305").former_names

    def test_name_without_years(self):
        """An entry without a year range is a current name with no years."""
        region = Region("440300")
        expected = ((RegionName("深圳市", None, None),), (), True)
        assert expected == (region.history, region.former_names, region.is_current)

    def test_new_district_has_no_former_names(self):
        """龙华区 (440309, since 2016) has no former names."""
        expected = ((RegionName("龙华区", 2016, None),), ())
        region = Region("440309")
        assert expected == (region.history, region.former_names)

    def test_abolished_division(self):
        """崇文区 (110103, abolished 2010) is known, not current, and keeps its last name."""
        region = Region("110103")
        expected = ("崇文区", False, (RegionName("崇文区", None, 2010),), "北京市 崇文区")
        assert expected == (region.name, region.is_current, region.former_names, region.full_name)

    def test_municipality_skips_grouping_entry(self):
        """北京市东城区 has no 市辖区 in its full name, though its parent is that entry."""
        region = Region("110101")
        expected = ("北京市 东城区", "市辖区")
        assert expected == (region.full_name, region.parent.name if region.parent else None)

    def test_province_directly_administered_county(self):
        """仙桃市 (429004) skips the 省直辖县级行政单位 grouping in its full name."""
        expected = "湖北省 仙桃市"
        assert expected == Region("429004").full_name

    def test_province_name_prefers_the_current_entry(self):
        """Hong Kong's province name is the XX0000 entry's current (simplified) name."""
        expected = "香港特别行政区"
        assert expected == Region("810000").province_name

    @given(codes)
    def test_every_code_has_a_name(self, code):
        """Every known code has a non-empty name, full name and province name."""
        region = Region(code)
        assert all((region.name, region.full_name, region.province_name))

    @given(codes)
    def test_full_name_ends_with_name(self, code):
        """The full name ends with the division's own name and starts with its province's."""
        region = Region(code)
        assert region.full_name.endswith(region.name)
        assert region.full_name.startswith(region.province_name)


class TestValueBehaviour:
    @given(codes)
    def test_repr_round_trips(self, code):
        """repr() evaluates back to an equal region."""
        region = Region(code)
        assert region == eval(repr(region))  # noqa: S307 - round-trip of our own repr

    def test_repr_and_str(self):
        """repr is Region('…') and str is the code."""
        expected = ("Region('440305')", "440305")
        assert expected == (repr(Region("440305")), str(Region("440305")))

    def test_equality_and_hash_by_code(self):
        """Regions built differently from one code are one value."""
        expected = {Region("440305")}
        assert expected == {Region("440305"), Region.parse(" 440305"), Region.parse(440305)}

    def test_ordering_by_code(self):
        """Regions sort by code."""
        expected = [Region("440000"), Region("440300"), Region("440305")]
        assert expected == sorted([Region("440305"), Region("440000"), Region("440300")])

    def test_immutable(self):
        """A region cannot be changed after construction."""
        region = Region("440305")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            region.code = "440304"

    def test_no_per_instance_name_storage(self):
        """Names are looked up, not stored: the only attribute is the code."""
        expected = ("code",)
        assert expected == tuple(field.name for field in attrs.fields(Region))

    def test_pickles(self):
        """A region survives pickling."""
        region = Region("440305")
        assert region == pickle.loads(pickle.dumps(region))  # noqa: S301 - our own data


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(),
    st.text(),
    st.text("0123456789 ", min_size=5, max_size=8),
    st.lists(st.integers(), max_size=3),
    st.builds(object),
)


class TestLookups:
    @given(JUNK)
    def test_is_valid_never_raises(self, value):
        """is_valid_region answers True or False for anything, never raising."""
        assert is_valid_region(value) in {True, False}

    @given(JUNK)
    def test_find_agrees_with_parse(self, value):
        """find_region returns the region parse gives, or None exactly when parse raises."""
        try:
            expected = Region.parse(value)
        except UnknownRegionError:
            expected = None
        assert expected == find_region(value)

    @given(codes)
    def test_known_codes_are_valid(self, code):
        """Every code in the data is valid, as text, as int and as a Region."""
        expected = (True, True, True)
        assert expected == (
            is_valid_region(code),
            is_valid_region(int(code)),
            is_valid_region(Region(code)),
        )

    def test_region_codes(self):
        """region_codes() is sorted, unique and holds the Shenzhen tree."""
        all_codes = region_codes()
        expected = (True, True, True)
        assert expected == (
            list(all_codes) == sorted(set(all_codes)),
            {"440000", "440300", *SHENZHEN_DISTRICTS} <= set(all_codes),
            "999999" not in all_codes,
        )

    def test_every_listed_code_is_found(self):
        """Each code region_codes() lists is found by lookup, with a name (the whole table)."""
        expected = []
        assert expected == [code for code in region_codes() if find_region(code) is None]

    def test_own_reader_gives_numdb_table(self):
        """The division table read line by line equals the one stdnum.numdb's reader gives."""
        from littlegiants import regions

        expected = regions._numdb_table()
        assert expected == regions._table()

    @pytest.mark.parametrize(
        "line",
        [
            '  0301-0309 county="?"',  # a range
            '    01 county="?"',  # deeper nesting
            '  0301 county="?" note="?"',  # another property
            '0301 county="?"',  # a county with no province above it
        ],
    )
    def test_own_reader_leaves_other_shapes_to_numdb(self, line):
        """A line the own reader does not know makes it give up (stdnum.numdb reads the file)."""
        from littlegiants import regions

        text = f'44 province="广东省"\n  0300 county="深圳市"\n{line}\n'
        if line.startswith("0301"):
            text = f"{line}\n" + text
        assert regions._read_table(text) is None

    def test_coerce(self):
        """coerce_region passes a Region through and parses text."""
        region = Region("440305")
        expected = (True, region)
        assert expected == (coerce_region(region) is region, coerce_region("440305"))

    def test_coerce_refuses_unknown(self):
        """coerce_region refuses unknown codes."""
        with pytest.raises(UnknownRegionError):
            coerce_region("999999")

    def test_format_region(self):
        """format_region gives the full Chinese name, from a Region or its code."""
        expected = ("广东省 深圳市 南山区", "广东省 深圳市 福田区")
        assert expected == (format_region(Region("440305")), format_region("440304"))


def _named_places() -> list[str]:
    """Codes of current divisions that name a place (not the 市辖区-style grouping entries)."""
    return [
        code
        for code in region_codes()
        if Region(code).is_current
        and Region(code).name not in {"市辖区", "县"}
        and "直辖" not in Region(code).name
    ]


named_places = st.sampled_from(_named_places())


class TestByName:
    @given(named_places, st.sampled_from(["", " ", "\u3000"]))
    def test_full_name_finds_the_division(self, code, space):
        """A division's full name, spaced or run together, finds it (among namesakes, if any)."""
        region = Region(code)
        written = region.full_name.replace(" ", space)
        assert region in regions_named(written)

    @given(named_places)
    def test_parse_reads_a_full_name_or_lists_it_as_a_candidate(self, code):
        """Region.parse reads a full name back, or refuses it naming this division a candidate."""
        region = Region(code)
        try:
            found = Region.parse(region.full_name)
        except AmbiguousRegionError as error:
            found = Region(code) if code in dict(error.candidates) else None
        assert region == found

    @given(codes)
    def test_found_names_lie_within(self, code):
        """Every division regions_named finds for a name inside an area lies in that area."""
        area = Region(code)
        found = regions_named(area.name, within=code[:2] + "0000")
        assert all(region.within(code[:2] + "0000") for region in found)

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("深圳市南山区", "440305"),
            ("广东省深圳市南山区", "440305"),
            ("广东省 深圳市 南山区", "440305"),
            ("广东深圳南山区", "440305"),
            ("  深圳市\u3000龙华区 ", "440309"),
            ("深圳市", "440300"),
            ("深圳", "440300"),
            ("广东省", "440000"),
            ("广东", "440000"),
            ("广西", "450000"),
            ("北京市东城区", "110101"),
            ("福田区", "440304"),
            ("崇文区", "110103"),
        ],
    )
    def test_official_spellings(self, text, code):
        """The spellings official lists use for 所在地区 resolve to their division."""
        expected = (Region(code), Region(code), True)
        assert expected == (Region.parse(text), find_region(text), is_valid_region(text))

    def test_bare_namesake_is_ambiguous(self):
        """南山区 alone fits Shenzhen's and Hegang's: refused, both listed with full names."""
        with pytest.raises(AmbiguousRegionError) as info:
            Region.parse("南山区", location=SourceLocation("list.csv", 3, "所在地区"))
        error = info.value
        expected = (
            (("230404", "黑龙江省 鹤岗市 南山区"), ("440305", "广东省 深圳市 南山区")),
            SourceLocation("list.csv", 3, "所在地区"),
            True,
            True,
        )
        assert expected == (
            error.candidates,
            error.location,
            isinstance(error, UnknownRegionError),
            "广东省 深圳市 南山区 (440305)" in str(error),
        )

    def test_within_picks_the_namesake(self):
        """within= (the city or province that published a list) picks one namesake."""
        expected = (Region("440305"), Region("230404"))
        assert expected == (
            Region.from_name("南山区", within="440300"),
            Region.from_name("南山区", within=Region("230000")),
        )

    def test_within_excluding_every_candidate(self):
        """A name outside the given area is unknown, not silently taken from elsewhere."""
        with pytest.raises(UnknownRegionError) as info:
            Region.from_name("南山区", within="110000")
        assert not isinstance(info.value, AmbiguousRegionError)

    @pytest.mark.parametrize(
        "text", ["火星区", "深圳市福田", "广州市南山区", "南山区\n", "\t南山区", "", "  ", "区"]
    )
    def test_unknown_names(self, text):
        """A name no division carries (or one inside the wrong city) is an unknown region."""
        with pytest.raises(UnknownRegionError) as info:
            Region.parse(text)
        expected = (text, False, None, ())
        assert expected == (
            info.value.value,
            isinstance(info.value, AmbiguousRegionError),
            find_region(text),
            regions_named(text),
        )

    def test_grouping_entries_are_no_names(self):
        """市辖区 and 县 group divisions; they name no place and find nothing."""
        expected = ((), ())
        assert expected == (regions_named("市辖区"), regions_named("县"))

    def test_ambiguous_error_pickles(self):
        """The ambiguity error survives pickling with its candidates."""
        error = AmbiguousRegionError("南山区", None, (("440305", "广东省 深圳市 南山区"),))
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own error
        assert (str(error), error.args) == (str(copy), copy.args)
