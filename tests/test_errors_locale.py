"""Errors of the values and domain floors say their reasons in the reader's language.

Every error's sentence and every reason it carries is a gettext message: ``str(error)`` is the
English, ``error.message("zh_CN")`` the Chinese, with no English fragment left inside it. Three
guards keep it so: each concrete error class has a sample said in Chinese; every message the
values and domain modules mark is translated into Chinese without English words; and no reason
is passed to an error unmarked (an f-string or a plain sentence).
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import importlib
import pickle
import pkgutil
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from hypothesis import given, settings
from hypothesis import strategies as st

import littlegiants
from littlegiants import errors, strategies
from littlegiants._exact import MAGNITUDE_PROBLEM
from littlegiants.errors import LittleGiantsError, Reason, SourceLocation
from littlegiants.translations import N_, translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

SOURCE = Path(littlegiants.__file__).resolve().parent
#: The values and domain floors: their errors' reasons are translated here.
FLOORS = (
    "errors",
    "money",
    "fx",
    "growth",
    "periods",
    "formatting",
    "credit",
    "regions",
    "designation",
    "enterprise",
    "trade",
    "financials",
    "batches",
    "counts",
    "records",
    "_exact",
    "_currency",
    "_moneytext",
    "_units",
    "_checks",
)
LOCATION = SourceLocation("trade.csv", 7, "金额")
KEYED = SourceLocation("batches.toml", 12, "batches[3].pass_rate", "key")
MISSING = Reason(N_("{field} is missing"), field="pass_rate")

WORD = re.compile(r"[A-Za-z]{2,}")
#: What is code in a message: placeholders, quoted text, options and paths, upper-case codes,
#: identifiers with a digit, an underscore, a dot, an index, a call, an ``=`` or inner capitals.
CODE = re.compile(
    r"\{[^{}]*\}|'[^']*'|--[a-z-]+|\S*/\S*|(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])"
    r"|[A-Za-z0-9-]*(?:\d|[a-z]\.[a-z])[A-Za-z0-9.-]*"
    r"|\w*_\w*|\w+(?:\.\w+)+|\S*\[\d+\]\S*|\w+\(|\w+=|[A-Z][a-z]+(?:[A-Z][a-z]*)+"
)


def _code_words() -> frozenset[str]:
    """Names a caller writes in Python (types, constants, parameters, the package and its
    dependencies, a shell command), and the words of policy and rule ids: code, in any language.
    """
    from littlegiants.policy import policies

    ids = [policy.id for policy in policies()]
    ids += [rule.id for policy in policies() for rule in policy.rules]
    return frozenset(
        {
            *("Decimal", "Money", "Growth", "Period", "Profile", "Relocation", "Designation"),
            *("Enterprise", "None", "True", "False", "int", "str", "float", "bool", "datetime"),
            *("littlegiants", "python", "stdnum", "pint", "babel", "pip", "install", "openpyxl"),
            *("xlsx", "batch", "authority", "industry", "profile", "rates", "source"),
            *("confidence", "on", "up", "down", "passed", "previous", "import", "export"),
            *("key", "schema"),
            *WORD.findall(" ".join(ids)),
        }
    )


CODE_WORDS = _code_words()


def english_words(text: str) -> list[str]:
    """The ASCII words of ``text`` that are not code."""
    return [word for word in WORD.findall(CODE.sub(" ", text)) if word not in CODE_WORDS]


def _raised(call: Callable[[], object]) -> LittleGiantsError:
    """The error ``call`` raises, as the library raises it."""
    with pytest.raises(LittleGiantsError) as caught:
        call()
    return caught.value


def _samples() -> dict[type[LittleGiantsError], LittleGiantsError]:
    """One error of each class of littlegiants.errors, raised by the library where it can be."""
    from littlegiants.credit import validate_credit_code
    from littlegiants.designation import Designation, DesignationLevel
    from littlegiants.formatting import babel_locale
    from littlegiants.fx import ExchangeRate, RateTable
    from littlegiants.growth import Growth
    from littlegiants.money import Money
    from littlegiants.periods import Period, parse_date
    from littlegiants.policy import load_policy
    from littlegiants.regions import Region

    usd = ExchangeRate("USD", "CNY", rate="7.2292", on=dt.date(2022, 11, 7))
    found = [
        _raised(lambda: Money("1E+40", "CNY")),
        _raised(lambda: Money(1.5, "CNY")),  # type: ignore[arg-type]
        _raised(lambda: Money("1", "XYZ")),
        _raised(lambda: Money("1", "CNY") + Money("1", "USD")),
        _raised(lambda: Money("1", "CNY") / 0),
        _raised(lambda: Money.parse("12,5x")),
        _raised(lambda: Money("1", "CNY").round(places=99)),
        _raised(lambda: ExchangeRate.parse("USD/CNY 7.2292")),
        _raised(lambda: RateTable([usd]).rate("USD", "CNY", on=dt.date(2022, 10, 31))),
        _raised(lambda: Growth.parse("59")),
        _raised(lambda: Period.parse("2022-13")),
        _raised(lambda: parse_date("2025-02-30")),
        _raised(lambda: validate_credit_code("91440300MA5DC12342")),
        _raised(lambda: Region.parse("火星区")),
        _raised(lambda: Region.parse("南山区")),
        _raised(lambda: DesignationLevel.parse("county")),
        _raised(lambda: Designation("provincial", dt.date(2022, 8, 1), batch=4)),
        _raised(lambda: babel_locale("xx_YY")),
        _raised(lambda: load_policy("nope")),
        _raised(lambda: load_policy("shenzhen-2022").rule("nope")),
        errors.DataFileError("x", MISSING, KEYED),
        errors.PolicyFileError("x", MISSING, KEYED),
        errors.CriteriaFileError("x", MISSING, KEYED),
        errors.ScenarioFileError("x", MISSING, KEYED),
        errors.BatchesFileError("1.2", MISSING, KEYED),
        errors.UnreadableFileError("a.toml", N_("it is a folder, not a file"), errno.EISDIR),
        errors.MissingDataFileError("a.toml", N_("no such file"), errno.ENOENT),
        errors.MissingExtraError("xlsx", "openpyxl", N_("read and write .xlsx files")),
        *_edge_samples(),
    ]
    return {type(error): error for error in found}


def _edge_samples() -> list[LittleGiantsError]:
    """One error of each class of the loader, the dumps and the structuring of plain data."""
    from littlegiants.loader import (
        DumpError,
        LoadError,
        LoadFileError,
        LoadProblem,
        MissingFileError,
    )
    from littlegiants.money import Money
    from littlegiants.structure import converter, structure_enterprise

    county = {"name": "x", "designations": [{"level": "county"}]}
    cell = _raised(lambda: Money.parse("12,5x"))
    problems = (
        LoadProblem("trade.csv", 7, column="金额", value="12,5x", message=Reason.of(cell)),
        LoadProblem("trade.csv", 8, message=N_("the row is blank; delete it")),
    )
    return [
        LoadError("trade.csv", problems, more=3),
        DumpError("a\rb", MISSING, None, "out.xlsx", 2, "credit_code"),
        _raised(lambda: structure_enterprise(county, converter(currency="CNY"))),
        LoadFileError("trade.csv", N_("it is a folder, not a file"), errno.EISDIR),
        MissingFileError("trade.csv", N_("no such file"), errno.ENOENT),
    ]


SAMPLES = _samples()


def _classes(root: type) -> Iterator[type]:
    for kind in root.__subclasses__():
        yield kind
        yield from _classes(kind)


def _every_error_class() -> set[type]:
    """Every error class of littlegiants, each of its modules imported."""
    for module in pkgutil.walk_packages(littlegiants.__path__, "littlegiants."):
        if not module.name.endswith("__main__"):  # running it would run the command line
            importlib.import_module(module.name)
    return set(_classes(LittleGiantsError))


#: Error classes of the rules floor and the edges, whose sentences are translated there.
ELSEWHERE = frozenset(
    {
        "littlegiants.eligibility.CriteriaNotAvailableError",
        "littlegiants.eligibility.UnknownCriterionError",
    }
)


class TestEveryErrorSpeaksChinese:
    def test_every_error_class_has_a_sample(self) -> None:
        """Each error class of the values and domain floors has a sample below; others are listed.

        A new error class fails here until it has a sample (and so a Chinese sentence), or is
        listed as translated on another floor.
        """
        names = {f"{kind.__module__}.{kind.__qualname__}": kind for kind in _every_error_class()}
        missing = sorted(name for name, kind in names.items() if kind not in SAMPLES)
        assert sorted(ELSEWHERE) == missing

    @pytest.mark.parametrize("error", SAMPLES.values(), ids=lambda e: type(e).__name__)
    def test_chinese_sentence_has_no_english_word(self, error: LittleGiantsError) -> None:
        """message("zh_CN") has no English word outside codes, identifiers and quoted values."""
        chinese = error.message("zh_CN")
        assert (True, []) == (chinese != str(error), english_words(chinese))

    @pytest.mark.parametrize("error", SAMPLES.values(), ids=lambda e: type(e).__name__)
    def test_english_is_the_sentence(self, error: LittleGiantsError) -> None:
        """message() in English is str(error), the sentence as written."""
        assert [str(error)] * 2 == [error.message("en_US"), error.message("de_DE")]

    @pytest.mark.parametrize("error", SAMPLES.values(), ids=lambda e: type(e).__name__)
    def test_pickled_error_keeps_its_chinese(self, error: LittleGiantsError) -> None:
        """An unpickled error says the same Chinese sentence: its reasons keep their values."""
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own error
        assert error.message("zh_CN") == copy.message("zh_CN")

    def test_a_subclass_with_its_own_english_says_it(self) -> None:
        """A subclass that writes its own str() is not said with its parent's Chinese."""

        class Unlisted(errors.InvalidRecordError):
            def __str__(self) -> str:
                return "as the subclass says"

        assert "as the subclass says" == Unlisted(1, "x").message("zh_CN")


#: Characters of text a parser reads: quotes and backslashes aside, so that ``repr`` of any part
#: of the text quotes it in single quotes, which the check takes as a value.
_CHARACTERS = st.characters(exclude_characters="'\"\\", exclude_categories=("Cs",))


def _misspelt(values: st.SearchStrategy[object]) -> st.SearchStrategy[str]:
    """The text of a valid value with one character replaced: the mistakes a reader types."""
    return st.tuples(values.map(str), st.integers(0, 40), _CHARACTERS).map(
        lambda found: found[0][: found[1]] + found[2] + found[0][found[1] + 1 :]
    )


#: Text read as a value of each floor: anything, and valid values' text with one mistake.
_TEXTS = st.text(_CHARACTERS, max_size=40) | st.one_of(
    [
        _misspelt(strategies.money()),
        _misspelt(strategies.growths()),
        _misspelt(strategies.periods()),
        _misspelt(strategies.credit_codes()),
        _misspelt(strategies.regions()),
        _misspelt(strategies.exchange_rates()),
    ]
)


def _parsers() -> list[Callable[[str], object]]:
    """The readers of text in the values and domain floors."""
    from littlegiants.credit import validate_credit_code
    from littlegiants.designation import DesignationLevel
    from littlegiants.fx import ExchangeRate
    from littlegiants.growth import Growth
    from littlegiants.money import Money
    from littlegiants.periods import Period, parse_date
    from littlegiants.regions import Region

    return [
        Money.parse,
        lambda text: Money(text, "CNY"),
        Growth.parse,
        Growth.from_percent,
        Period.parse,
        parse_date,
        validate_credit_code,
        Region.parse,
        ExchangeRate.parse,
        DesignationLevel.parse,
    ]


class TestAnyMistakeReadsChinese:
    @settings(deadline=None)  # the first call of a reader loads babel, pint or stdnum
    @given(st.sampled_from(_parsers()), _TEXTS)
    def test_refused_text_is_told_in_chinese(
        self, parse: Callable[[str], object], text: str
    ) -> None:
        """Whatever text a reader refuses, its error's Chinese has no English word."""
        try:
            parse(text)
        except LittleGiantsError as error:
            chinese = error.message("zh_CN")
        else:
            chinese = ""  # read: nothing to tell
        assert [] == english_words(chinese)


def _messages(name: str) -> Iterator[tuple[int, str]]:
    path = SOURCE / f"{name}.py"
    for line, message, _, _ in extract_from_file("python", path, DEFAULT_KEYWORDS):
        yield line, message if isinstance(message, str) else message[0]


class TestEveryReasonIsTranslated:
    @pytest.mark.parametrize("name", FLOORS)
    def test_marked_messages_read_chinese(self, name: str) -> None:
        """Each message a values or domain module marks reads Chinese, codes aside."""
        gettext = translator("zh_CN").gettext
        said = [(line, gettext(message)) for line, message in _messages(name)]
        assert [] == [(line, chinese) for line, chinese in said if english_words(chinese)]

    @pytest.mark.parametrize("name", FLOORS)
    def test_no_reason_is_passed_unmarked(self, name: str) -> None:
        """No error is raised with an f-string or a plain sentence: each reason is marked."""
        tree = ast.parse((SOURCE / f"{name}.py").read_text(encoding="utf-8"))
        unmarked = [
            (argument.lineno, ast.unparse(argument))
            for call in ast.walk(tree)
            if isinstance(call, ast.Call) and _raises(call)
            for argument in [*call.args, *(keyword.value for keyword in call.keywords)]
            if _sentence(argument)
        ]
        assert [] == unmarked


def _sentence(argument: ast.expr) -> bool:
    """Whether ``argument`` is English written in place: a sentence, or an f-string with words."""
    if isinstance(argument, ast.Constant):
        return isinstance(argument.value, str) and " " in argument.value
    if isinstance(argument, ast.JoinedStr):
        return any(
            _sentence(part) or WORD.search(str(getattr(part, "value", "")))
            for part in argument.values
            if isinstance(part, ast.Constant)
        )
    return False


def _raises(call: ast.Call) -> bool:
    """Whether ``call`` builds an error or one of its reasons (``expects``, a reader's error)."""
    function = call.func
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
    return name.endswith("Error") or name in {"error", "expects", "items", "exact_figure"}


class TestReason:
    def test_is_the_english_text(self) -> None:
        """A Reason equals the English it fills, so code reading the reason as text still works."""
        reason = Reason(N_("{field} must not be negative"), field="staff")
        expected = ("staff must not be negative", True, "staff 不能为负数")
        assert expected == (reason, isinstance(reason, str), reason.message("zh_CN"))

    def test_nested_reasons_are_said_in_the_same_language(self) -> None:
        """A Reason inside another's values is translated with it; other values are data."""
        problem = Reason(N_("it is not a finite number"))
        reason = Reason(N_("the result is outside the bounds: {problem}"), problem=problem)
        expected = "结果超出界限：不是有限数"
        assert expected == reason.message("zh_CN")

    def test_without_values_braces_are_text(self) -> None:
        """A Reason without values is its template as written: braces are not placeholders."""
        reason = Reason("{not a placeholder}")
        assert ["{not a placeholder}"] * 2 == [reason, reason.said(lambda message: message)]

    def test_given_keeps_a_reason(self) -> None:
        """Reason.given wraps text once and keeps a Reason as it is."""
        reason = Reason(N_("{field} is missing"), field="rate")
        assert (reason, "text") == (Reason.given(reason), Reason.given("text"))
        assert reason is Reason.given(reason)

    @given(st.text(), st.integers() | st.decimals(allow_nan=False) | st.text())
    def test_pickles_with_its_values(self, text: str, value: object) -> None:
        """A pickled Reason keeps its template and values, not only its English text."""
        reason = Reason(N_("{field} must be one of {names}"), field=text, names=value)
        copy = pickle.loads(pickle.dumps(reason))  # noqa: S301 - our own value
        assert (reason, reason.template, reason.values) == (copy, copy.template, copy.values)

    def test_an_error_quotes_a_value_that_is_a_reason_in_the_reader_language(self) -> None:
        """A value described in words (the total of the CNY amounts) is said in Chinese too."""
        error = errors.InvalidAmountError(
            Reason(N_("the total of the {code} amounts"), code="CNY"), MAGNITUDE_PROBLEM
        )
        assert error.message("zh_CN").startswith("无效金额 'CNY 金额的合计'")


# -- the readers of policy, criteria and scenario files -------------------------------------------

#: The modules that read TOML data files: their reasons are catalogue messages too.
READERS = (
    "_tomlindex",
    "policy/reader",
    "policy/model",
    "policy/rules",
    "policy/terms",
    "eligibility/_toml",
    "eligibility/_file",
    "eligibility/checks",
    "testing",
)
#: Modules whose errors are all raised with marked reasons (policy/engine and
#: eligibility/checks still name what a mismatch or a missing policy concerns in English).
MARKED_RAISES = (
    *("_tomlindex", "policy/reader", "policy/model", "policy/rules", "policy/terms"),
    *("policy/sets", "policy/budget", "eligibility/_toml", "eligibility/_file"),
    *("eligibility/catalogue", "eligibility/assessing", "testing"),
)
#: What is code in a data file's reason besides: a TOML table header (``[[rules]]``), a value
#: quoted as the file writes it (``"all"``), a TOML boolean, and a file's word glossed in
#: Chinese (``whole（区域恰为这些行政区划）``).
FILE_CODE = re.compile(r'\[+[^\[\]]*\]+|"[^"]*"|\b(?:true|false)\b|[A-Za-z-]+(?=（)')
BUNDLED = SOURCE / "data"
POLICY = (BUNDLED / "policies" / "guangdong" / "baoan-2022.toml").read_text(encoding="utf-8")
CRITERIA = (BUNDLED / "criteria" / "miit-2022.toml").read_text(encoding="utf-8")
SCENARIO = """
[[scenario]]
name = "a national little giant"
policy = "baoan-2022"
as_of = 2023-01-01

[scenario.enterprise]
name = "示例宝安有限公司"
region = "440306"
designations = [{ level = "national", awarded_on = 2022-08-01, batch = 4 }]

[scenario.expected]
total = "500000"
"""


def _broken(text: str, old: str, new: str) -> str:
    """``text`` with its first ``old`` written ``new``: one mistake in a sound file."""
    assert old in text
    return text.replace(old, new, 1)


def _without(text: str, header: str) -> str:
    """``text`` without the table ``header`` opens (up to the next blank line): a missing table."""
    start = text.index(header + "\n")
    end = text.find("\n\n", start)
    return text[:start] + ("" if end < 0 else text[end + 2 :])


def _policy(text: str) -> object:
    from littlegiants.policy import IncentivePolicy

    return IncentivePolicy.from_toml_text(text, path="policy.toml")


def _criteria(text: str) -> object:
    from littlegiants.eligibility import CriteriaSet

    return CriteriaSet.from_toml_text(text, path="criteria.toml")


def _scenarios(text: str) -> object:
    from littlegiants.testing import scenarios_from_text

    return scenarios_from_text(text, path="scenarios.toml")


#: Broken files as a user writes them: a wrong type, an unknown key, a missing table, a bad
#: amount, a bad identifier, a date out of order, a reference to nothing.
BROKEN_FILES = [
    pytest.param(_policy, _broken(POLICY, 'amount = "200000"', "amount = 200000.5"), id="float"),
    pytest.param(_policy, _broken(POLICY, 'amount = "200000"', 'amount = "-5"'), id="negative"),
    pytest.param(_policy, _broken(POLICY, 'amount = "200000"', 'amount = "1e40"'), id="huge"),
    pytest.param(
        _policy,
        _broken(POLICY, 'jurisdiction = "440306"', "jurisdiction = 440306"),
        id="policy-type",
    ),
    pytest.param(_policy, _broken(POLICY, "up_to = true", "up_to = true\nbogus = 1"), id="key"),
    pytest.param(_policy, _without(POLICY, "[effective]"), id="policy-table"),
    pytest.param(_policy, _broken(POLICY, 'id = "baoan-2022"', 'id = "Bao An"'), id="policy-id"),
    pytest.param(
        _policy,
        _broken(POLICY, '[[rules]]\nid = "national"', '[[rules]]\nid = "provincial"'),
        id="twice",
    ),
    pytest.param(_policy, _broken(POLICY, "[[sources]]", "[[elsewhere]]"), id="sources"),
    pytest.param(_criteria, _broken(CRITERIA, 'id = "miit-2022"', "id = 2022"), id="criteria-type"),
    pytest.param(_criteria, _broken(CRITERIA, "[effective]", "[elsewhere]"), id="criteria-table"),
    pytest.param(
        _criteria, _broken(CRITERIA, "[[criteria]]", "[[criteria]]\nbogus = 1"), id="criteria-key"
    ),
    pytest.param(
        _criteria,
        _broken(CRITERIA, '"500万元"', '"500"'),
        id="criteria-amount",
    ),
    pytest.param(_criteria, _broken(CRITERIA, '"500万元"', '"500万美元"'), id="criteria-currency"),
    pytest.param(_criteria, _broken(CRITERIA, "end = 2026-03-31", "end = 2022-01-01"), id="end"),
    pytest.param(
        _scenarios, _broken(SCENARIO, 'total = "500000"', "total = 500000"), id="scenario-type"
    ),
    pytest.param(
        _scenarios,
        _broken(SCENARIO, 'total = "500000"', 'total = "50万美元"'),
        id="scenario-amount",
    ),
    pytest.param(
        _scenarios,
        _broken(SCENARIO, 'total = "500000"', 'total = "500000"\nbogus = 1'),
        id="scenario-key",
    ),
    pytest.param(_scenarios, _without(SCENARIO, "[scenario.expected]"), id="scenario-table"),
    pytest.param(
        _scenarios,
        _broken(SCENARIO, 'policy = "baoan-2022"', 'policy = "baoan-2022"\npolicies = "all"'),
        id="scenario-both",
    ),
    pytest.param(_scenarios, SCENARIO + SCENARIO, id="scenario-twice"),
]


def _value_words(reason: object) -> set[str]:
    """The ASCII words of the values a reason quotes (keys, identifiers, choices): data."""
    if not isinstance(reason, Reason):
        return set()
    words: set[str] = set()
    for value in reason.values.values():
        words |= _value_words(value) if isinstance(value, Reason) else set(WORD.findall(str(value)))
    return words


class TestDataFileErrorsSpeakChinese:
    @pytest.mark.parametrize(("read", "text"), BROKEN_FILES)
    def test_broken_file_is_told_in_chinese(self, read: Callable[[str], object], text: str) -> None:
        """A broken policy, criteria or scenario file is told in Chinese, keys and values aside."""
        error = _raised(lambda: read(text))
        assert isinstance(error, errors.DataFileError)
        data = _value_words(error.reason) | set(WORD.findall(str(error.location.field or "")))
        assert [] == [word for word in english_words(error.message("zh_CN")) if word not in data]

    @pytest.mark.parametrize("name", [*READERS, "eligibility/catalogue"])
    def test_marked_messages_read_chinese(self, name: str) -> None:
        """Each message a reader of data files marks reads Chinese, keys and values aside."""
        gettext = translator("zh_CN").gettext
        said = [(line, FILE_CODE.sub(" ", gettext(message))) for line, message in _messages(name)]
        assert [] == [(line, chinese) for line, chinese in said if english_words(chinese)]

    @pytest.mark.parametrize("name", MARKED_RAISES)
    def test_no_error_is_raised_unmarked(self, name: str) -> None:
        """No listed module raises an error with a plain sentence or an f-string as its reason."""
        tree = ast.parse((SOURCE / f"{name}.py").read_text(encoding="utf-8"))
        unmarked = [
            (argument.lineno, ast.unparse(argument))
            for call in ast.walk(tree)
            if isinstance(call, ast.Call) and _raises(call)
            for argument in [*call.args, *(keyword.value for keyword in call.keywords)]
            if _sentence(argument)
        ]
        assert [] == unmarked

    @pytest.mark.parametrize("name", READERS)
    def test_no_reason_is_failed_unmarked(self, name: str) -> None:
        """No reader fails with a plain sentence or an f-string: each reason is a message."""
        tree = ast.parse((SOURCE / f"{name}.py").read_text(encoding="utf-8"))
        assert [] == list(_unmarked_reasons(tree))


def _unmarked_reasons(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """The reasons given to ``fail`` or ``refuse`` as text written in place, or a name bound to it.

    A reason is marked when it is ``N_(...)``, a ``Reason(...)`` or a name bound to one of them;
    text, an f-string, a concatenation or ``str(...)`` is English the catalogue never sees.
    """
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    for function in functions:
        bound: dict[str, list[ast.expr]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        bound.setdefault(target.id, []).append(node.value)
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and call.args):
                continue
            name = getattr(call.func, "attr", getattr(call.func, "id", ""))
            if name not in {"fail", "refuse"}:
                continue
            reason = call.args[-1]
            given = bound.get(reason.id, []) if isinstance(reason, ast.Name) else [reason]
            for value in given:
                if _written_in_place(value):
                    yield reason.lineno, ast.unparse(value)


def _written_in_place(value: ast.expr) -> bool:
    """Whether ``value`` is English written in place rather than a marked message."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(value, ast.Call) and getattr(value.func, "id", "") == "str"
