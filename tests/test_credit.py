"""Tests for littlegiants.credit: the Unified Social Credit Code (GB 32100-2015)."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from littlegiants.credit import (
    CreditCode,
    coerce_credit_code,
    format_credit_code,
    is_valid_credit_code,
    validate_credit_code,
)
from littlegiants.errors import InvalidCreditCodeError, LittleGiantsError, SourceLocation
from littlegiants.regions import Region

#: python-stdnum's doctest example (stdnum/cn/uscc.py).
STDNUM_EXAMPLE = "91110000600037341L"

DIGITS = "0123456789"
#: Characters of positions 9–18 (domain facts §5.3).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def with_check(body: str) -> str:
    """Complete 17 characters with the check character python-stdnum computes."""
    return body + uscc.calc_check_digit(body)


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    """Well-formed codes: 8 digits, 9 characters of the alphabet, then the check character."""
    head = draw(st.text(DIGITS, min_size=8, max_size=8))
    organisation = draw(st.text(ALPHABET, min_size=9, max_size=9))
    return with_check(head + organisation)


def failed_check(text: object) -> str:
    """Return the ``check`` of the error that validating ``text`` raises."""
    with pytest.raises(InvalidCreditCodeError) as info:
        validate_credit_code(text)
    return info.value.check


class TestParse:
    def test_stdnum_example(self):
        """python-stdnum's own example parses to itself."""
        expected = STDNUM_EXAMPLE
        assert expected == CreditCode.parse(STDNUM_EXAMPLE).code

    def test_compacts_separators_and_case(self):
        """Spaces, dashes, surrounding spaces and lower case are normalised away."""
        assert CreditCode(STDNUM_EXAMPLE) == CreditCode.parse(" 9111-0000 6000-3734 1l ")

    def test_unicode_spaces_and_dashes_are_separators(self):
        """python-stdnum's Unicode spaces and dashes (ideographic space, en dash) separate too."""
        assert CreditCode(STDNUM_EXAMPLE) == CreditCode.parse("91110000\u3000600037341\u2013L")

    @pytest.mark.parametrize(
        ("text", "position"),
        [
            ("91110000600037341L\n", 19),  # the line break a line of a file ends with
            ("\t91110000600037341L", 1),
            ("9111000\n600037341L", 8),  # slipped past stdnum's ^[0-9]+$ into a ValueError
            ("91110000\u200b600037341L", 9),  # a zero-width space from a web page
            ("91110000600037341L\x00", 19),
        ],
    )
    def test_refuses_control_characters(self, text: str, position: int):
        """A control character anywhere fails the format check, naming where it is."""
        with pytest.raises(InvalidCreditCodeError, match=f"character {position} ") as info:
            CreditCode.parse(text)
        assert text == info.value.value
        assert info.value.check.startswith("format check failed")
        assert not is_valid_credit_code(text)

    def test_refuses_letters_that_upper_case_into_a_code(self):
        """A ligature is not two capitals: 'ﬀ' upper-cases to 'FF' but is refused."""
        code = with_check("91440300FF1234567")
        assert is_valid_credit_code(code)
        text = code.replace("FF", "ﬀ", 1)
        assert text.upper().replace(" ", "") == code
        assert not is_valid_credit_code(text)

    def test_validate_returns_compact_text(self):
        """validate_credit_code returns the compact code as a plain str."""
        expected = STDNUM_EXAMPLE
        assert expected == validate_credit_code("91110000-600037341l")

    def test_constructor_requires_compact_form(self):
        """The constructor refuses text that only parse() may normalise."""
        with pytest.raises(InvalidCreditCodeError) as info:
            CreditCode("91110000600037341l")
        assert "CreditCode.parse()" in info.value.check

    def test_constructor_refuses_invalid_code(self):
        """The constructor runs the same checks as parse()."""
        with pytest.raises(InvalidCreditCodeError):
            CreditCode("91110000600037341M")

    @given(credit_codes())
    def test_generated_codes_parse(self, text):
        """Every code with a correct check character parses, to itself."""
        assert text == CreditCode.parse(text).code

    @given(credit_codes())
    def test_repr_round_trips(self, text):
        """repr() evaluates back to an equal code."""
        code = CreditCode.parse(text)
        assert code == eval(repr(code))  # noqa: S307 - round-trip of our own repr

    def test_repr_and_str(self):
        """repr is CreditCode('…') and str is the bare 18 characters."""
        code = CreditCode.parse(STDNUM_EXAMPLE)
        expected = ("CreditCode('91110000600037341L')", STDNUM_EXAMPLE)
        assert expected == (repr(code), str(code))

    def test_equality_and_hash_by_code(self):
        """Codes parsed from differently written text are one value in a set."""
        codes = {CreditCode.parse(STDNUM_EXAMPLE), CreditCode.parse("91110000 600037341l")}
        assert {CreditCode(STDNUM_EXAMPLE)} == codes

    def test_immutable(self):
        """A code cannot be changed after construction."""
        code = CreditCode(STDNUM_EXAMPLE)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            code.code = "x"

    def test_pickles(self):
        """A code survives pickling."""
        code = CreditCode(STDNUM_EXAMPLE)
        assert code == pickle.loads(pickle.dumps(code))  # noqa: S301 - our own data


class TestChecks:
    def test_length(self):
        """A code of the wrong length fails the length check, naming the length found."""
        check = failed_check("12345")
        assert check.startswith("length check failed")
        assert "got 5" in check

    def test_empty_text_fails_length(self):
        """Empty text fails the length check."""
        assert failed_check("").startswith("length check failed")

    def test_letter_in_position_1_fails_format_there(self):
        """A letter in position 1 fails the format check at position 1 (stdnum's example)."""
        check = failed_check("A1110000600037341L")
        assert check.startswith("format check failed at position 1 (registration authority)")

    def test_letter_authority_allowed_by_standard_is_refused(self):
        """Known limitation: 'Y' (other authority) is refused although GB 32100 allows it."""
        code = with_check("Y1440300MA5FT4XU6")
        check = failed_check(code)
        assert check.startswith("format check failed at position 1")
        assert "python-stdnum" in check

    def test_letter_in_division_fails_format_there(self):
        """A letter among positions 3–8 is located in the division code."""
        check = failed_check("9111A000600037341L")
        assert check.startswith("format check failed at position 5 (division code)")

    @pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
    def test_excluded_letters_fail_format(self, letter):
        """I, O, S, V and Z are outside the character set in positions 9–18."""
        text = "91110000" + letter + "00037341L"
        assert failed_check(text).startswith(
            "format check failed at position 9 (organisation code)"
        )

    def test_checksum(self):
        """A wrong check character fails the checksum check, naming both characters."""
        check = failed_check("91110000600037341M")
        assert check.startswith("checksum check failed")
        assert "'M'" in check
        assert "'L'" in check

    @given(st.data())
    def test_any_single_character_change_fails_checksum(self, data):
        """Changing one character of a valid code to another allowed one always fails checksum."""
        text = data.draw(credit_codes())
        position = data.draw(st.integers(min_value=0, max_value=17))
        allowed = DIGITS if position < 8 else ALPHABET
        replacement = data.draw(st.sampled_from(allowed).filter(lambda c: c != text[position]))
        corrupted = text[:position] + replacement + text[position + 1 :]
        assert failed_check(corrupted).startswith("checksum check failed")

    def test_embedded_organisation_check_is_not_verified(self):
        """Known limitation: a wrong GB 11714 check at position 17 is not detected.

        For 60003734 the GB 11714 sum is 6·3+3·5+7·8+3·4+4·2 = 109, 109 mod 11 = 10, so the
        check is 11 − 10 = '1'; '2' is wrong yet the code passes once position 18 matches.
        """
        code = with_check("9111000060003734" + "2")
        assert code == CreditCode.parse(code).code

    @pytest.mark.parametrize("value", [None, 91110000600037341, b"91110000600037341L", 1.5])
    def test_non_text_fails_format(self, value):
        """Anything but text fails the format check, naming its type."""
        check = failed_check(value)
        assert f"expected text, got {type(value).__name__}" in check

    def test_error_carries_evidence(self):
        """The error keeps the offending text and the location it came from."""
        where = SourceLocation("firms.csv", 3, "credit_code")
        with pytest.raises(InvalidCreditCodeError) as info:
            CreditCode.parse("12345", location=where)
        expected = ("12345", where)
        assert expected == (info.value.value, info.value.location)
        assert str(info.value).startswith(
            "Invalid credit code '12345' (firms.csv, line 3, column credit_code): length check"
        )

    def test_error_is_value_error_and_ours(self):
        """The error is both a ValueError and a LittleGiantsError."""
        with pytest.raises(InvalidCreditCodeError) as info:
            validate_credit_code("12345")
        expected = (True, True)
        assert expected == (
            isinstance(info.value, ValueError),
            isinstance(info.value, LittleGiantsError),
        )


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(),
    st.text(),
    st.text(DIGITS + ALPHABET + "IOSVZ -abc", min_size=15, max_size=22),
    st.lists(st.text(max_size=3)),
    st.dictionaries(st.text(max_size=3), st.integers()),
    st.builds(object),
)


class TestIsValid:
    @given(JUNK)
    def test_never_raises(self, value):
        """is_valid_credit_code answers True or False for anything, never raising."""
        assert is_valid_credit_code(value) in {True, False}

    @given(JUNK)
    def test_agrees_with_validate(self, value):
        """is_valid_credit_code is True exactly when validate_credit_code does not raise."""
        try:
            validate_credit_code(value)
        except InvalidCreditCodeError:
            expected = False
        else:
            expected = True
        assert expected == is_valid_credit_code(value)

    @given(credit_codes())
    def test_valid_codes(self, text):
        """Well-formed codes are valid, as text and as CreditCode."""
        expected = (True, True)
        assert expected == (
            is_valid_credit_code(text),
            is_valid_credit_code(CreditCode(text)),
        )

    def test_invalid_examples(self):
        """The failing examples of each check are not valid."""
        examples = ["12345", "A1110000600037341L", "91110000600037341M", None]
        expected = [False] * 4
        assert expected == [is_valid_credit_code(e) for e in examples]


class TestParts:
    def test_parts_of_stdnum_example(self):
        """Each part sits at its GB 32100 position."""
        code = CreditCode.parse(STDNUM_EXAMPLE)
        expected = ("9", "1", "110000", "600037341", "L")
        assert expected == (
            code.registration_authority,
            code.entity_type,
            code.division_code,
            code.organisation_code,
            code.check_character,
        )

    @pytest.mark.parametrize(
        ("head", "authority", "entity_type"),
        [
            ("91", "工商", "企业"),
            ("92", "工商", "个体工商户"),
            ("93", "工商", "农民专业合作社"),
            ("51", "民政", "社会团体"),
            ("52", "民政", "民办非企业单位"),
            ("53", "民政", "基金会"),
            ("59", "民政", "其他"),
            ("11", "机构编制", "机关"),
            ("12", "机构编制", "事业单位"),
            ("13", "机构编制", "群众团体"),
            ("19", "机构编制", "其他"),
        ],
    )
    def test_labels(self, head, authority, entity_type):
        """Authority and entity type get their names from the §5.2 table."""
        code = CreditCode(with_check(head + "440300MA5FT4XU6"))
        expected = (authority, entity_type)
        assert expected == (
            code.registration_authority_name,
            code.entity_type_name,
        )

    def test_unlisted_codes_have_no_label(self):
        """Characters the table does not list get None, not a guess."""
        unlisted_authority = CreditCode(with_check("81440300MA5FT4XU6"))
        unlisted_type = CreditCode(with_check("99440300MA5FT4XU6"))
        expected = (None, None, "工商", None)
        assert expected == (
            unlisted_authority.registration_authority_name,
            unlisted_authority.entity_type_name,
            unlisted_type.registration_authority_name,
            unlisted_type.entity_type_name,
        )

    def test_region_of_shenzhen_code(self):
        """An 工商 code registered in Shenzhen (91440300…) has region 深圳市."""
        region = CreditCode(with_check("91440300MA5FT4XU6")).region
        assert Region("440300") == region

    @pytest.mark.parametrize("division", ["100000", "999999", "449999"])
    def test_region_outside_data_is_none(self, division):
        """A division the data does not know gives None rather than an error."""
        assert CreditCode(with_check("91" + division + "MA5FT4XU6")).region is None


class TestFormat:
    def test_formats_text(self):
        """Text is compacted to the bare 18 characters."""
        expected = STDNUM_EXAMPLE
        assert expected == format_credit_code("9 1 110000 600037341l")

    def test_formats_code(self):
        """A CreditCode formats as its code."""
        expected = STDNUM_EXAMPLE
        assert expected == format_credit_code(CreditCode(STDNUM_EXAMPLE))

    def test_invalid_text_raises(self):
        """Invalid text is refused, not formatted."""
        with pytest.raises(InvalidCreditCodeError):
            format_credit_code("91110000600037341M")


@attrs.frozen
class _Firm:
    """A stand-in for a domain class that takes a credit code."""

    credit_code: CreditCode = attrs.field(converter=coerce_credit_code)


class TestCoerce:
    def test_code_passes_through(self):
        """A CreditCode is returned as is."""
        code = CreditCode(STDNUM_EXAMPLE)
        assert code is coerce_credit_code(code)

    def test_text_is_parsed(self):
        """Text is parsed, separators and all."""
        assert CreditCode(STDNUM_EXAMPLE) == coerce_credit_code("91110000-600037341L")

    def test_as_attrs_converter(self):
        """An attrs field with the converter accepts the code's text."""
        assert CreditCode(STDNUM_EXAMPLE) == _Firm(STDNUM_EXAMPLE).credit_code

    @pytest.mark.parametrize("value", ["91110000600037341M", 91110000600037341, None])
    def test_invalid_raises(self, value):
        """Invalid text and non-text are refused with InvalidCreditCodeError."""
        with pytest.raises(InvalidCreditCodeError):
            coerce_credit_code(value)
