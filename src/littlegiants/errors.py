"""Errors raised by littlegiants.

Every error has one root, :class:`LittleGiantsError`, so ``except LittleGiantsError`` catches all of
them, and each concrete error also subclasses the builtin it refines (``ValueError``, ``TypeError``,
``LookupError``, ``OSError``), so code that already catches ``ValueError`` keeps working.

Each error carries its evidence as attributes (the offending ``value`` first) and, where the value
came from a file, a :class:`SourceLocation`. ``str(error)`` is a sentence a user can act on, and
errors pickle (their fields are their ``args``), so they cross process boundaries intact.

>>> from littlegiants.errors import InvalidAmountError, LittleGiantsError
>>> err = InvalidAmountError("12,5x", "it is not a number")
>>> isinstance(err, LittleGiantsError), isinstance(err, ValueError)
(True, True)
>>> str(err)
"Invalid amount '12,5x': it is not a number."
>>> import pickle
>>> pickle.loads(pickle.dumps(err)).value
'12,5x'

``error.message(locale)`` says the sentence in the reader's language, reasons included: each
reason is a gettext message, marked with ``N_`` where it is fixed and written as a
:class:`Reason` (a template and its values) where it names values, so the catalogue translates
the template and the values fill it.

>>> from littlegiants.money import Money
>>> try:
...     Money("1E+40", "CNY")
... except InvalidAmountError as error:
...     said = (str(error), error.message("zh_CN"))
>>> print(said[0])
Invalid amount '1E+40': its magnitude is beyond the limit of 1E+31 (an exponent of at most 30).
>>> print(said[1])
无效金额 '1E+40'：数量级超出界限 1E+31（指数最大为 30）。
"""

from __future__ import annotations

import copy
import math
from typing import TYPE_CHECKING, Any, ClassVar, Final, Self, TypeVar

import attrs

from littlegiants._locales import N_, LocaleProblem, find_translator

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "AmbiguousRegionError",
    "BatchesFileError",
    "CriteriaFileError",
    "CurrencyMismatchError",
    "DataFileError",
    "DivisionByZeroError",
    "FloatAmountError",
    "InvalidAmountError",
    "InvalidArgumentError",
    "InvalidCreditCodeError",
    "InvalidDateError",
    "InvalidGrowthError",
    "InvalidLevelError",
    "InvalidPeriodError",
    "InvalidRateError",
    "InvalidRecordError",
    "LittleGiantsError",
    "MissingDataFileError",
    "MissingExtraError",
    "MoneyParseError",
    "PolicyFileError",
    "RateNotFoundError",
    "Reason",
    "ScenarioFileError",
    "SourceLocation",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "UnknownPolicyError",
    "UnknownRegionError",
    "UnknownRuleError",
    "UnreadableFileError",
]


@attrs.frozen
class SourceLocation:
    """Where a value came from: a file, a 1-based line (row as a spreadsheet shows it), a field.

    ``field_kind`` says what the field is: a ``column`` of a table file or a ``key`` path in a
    TOML file.

    >>> str(SourceLocation("trade.csv", 7, "value"))
    'trade.csv, line 7, column value'
    >>> str(SourceLocation("policy.toml", 12, "rules[1].amount", "key"))
    'policy.toml, line 12, key rules[1].amount'
    """

    path: str | None = None
    line: int | None = None
    field: str | None = None
    field_kind: str = "column"

    def __str__(self) -> str:
        """Render as ``file, line N, column F`` with the parts that are known."""
        return self.said(_as_written)

    def said(self, _: Callable[[str], str]) -> str:
        """The location in the words ``_`` (a gettext) gives: ``trade.csv，第 7 行，列 value``."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(self.path)
        if self.line is not None:
            parts.append(_("line {line}").format(line=self.line))
        if self.field is not None:
            kind = _("key {field}") if self.field_kind == "key" else _("column {field}")
            parts.append(kind.format(field=self.field))
        return _(", ").join(parts) if parts else _("<unknown location>")


def _as_written(message: str) -> str:
    """The gettext of the source language: every message as written (English)."""
    return message


def _where(location: SourceLocation | None, _: Callable[[str], str] = _as_written) -> str:
    return "" if location is None else _(" ({location})").format(location=location.said(_))


class Reason(str):
    """A reason an error gives, in English, that a translator can say in another language.

    Made of a message marked with :func:`~littlegiants.translations.N_` (its placeholders named,
    ``{name}``) and the values that fill it. It *is* the English text (a ``str``, equal to it), so
    code that reads an error's ``reason`` as text keeps working; :meth:`said` and :meth:`message`
    fill the translated template instead. A value that is itself a ``Reason`` is said in the same
    language; every other value is data and reads as given. Without values, the template is the
    text as it is (its braces are not placeholders).

    >>> from littlegiants.translations import N_
    >>> reason = Reason(N_("{name} must be a datetime.date"), name="designated_on")
    >>> reason, reason == "designated_on must be a datetime.date"
    ('designated_on must be a datetime.date', True)
    >>> reason.message("zh_CN")
    'designated_on 必须是 datetime.date'
    >>> import pickle
    >>> pickle.loads(pickle.dumps(reason)).values
    {'name': 'designated_on'}
    """

    __slots__ = ("template", "values")

    template: str
    values: Mapping[str, object]

    def __new__(cls, template: str, /, **values: object) -> Self:
        """Fill ``template`` (marked with ``N_``) with ``values``: the English reason."""
        reason = super().__new__(cls, template.format(**values) if values else template)
        reason.template = template
        reason.values = values
        return reason

    @classmethod
    def given(cls, text: str) -> Reason:
        """``text`` as a ``Reason``: itself when it is one, else a reason without values."""
        return text if isinstance(text, Reason) else cls(text)

    @classmethod
    def of(cls, error: BaseException) -> Reason:
        """The sentence of ``error`` as a reason: a littlegiants error says it in any language.

        A loader keeps the error a cell raised this way, so its problem reads Chinese too. The
        reason keeps a copy of the error made from its fields, without the traceback, context
        and cause of the one raised: a file of many bad rows holds no stack frames.

        >>> reason = Reason.of(InvalidLevelError("county"))
        >>> reason.startswith("Unknown designation level 'county'"), reason.message("zh_CN")[:6]
        (True, '未知认定级别')
        """
        return cls("{error}", error=copy.copy(error))

    def said(self, _: Callable[[str], str]) -> str:
        """The reason in the words ``_`` (a gettext) gives."""
        if not self.values:
            return _(self.template)
        return _(self.template).format(
            **{
                name: value.said(_) if isinstance(value, Reason | LittleGiantsError) else value
                for name, value in self.values.items()
            }
        )

    def message(self, locale: object) -> str:
        """The reason in the language of ``locale`` (English where no catalogue has it)."""
        return self.said(known_locale(locale, find_translator(locale)).gettext)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as its template and values, not as the English text alone."""
        return (_reason, (type(self), self.template, tuple(self.values.items())))


def _reason(cls: type[Reason], template: str, values: tuple[tuple[str, object], ...]) -> Reason:
    """Rebuild a pickled :class:`Reason`."""
    return cls(template, **dict(values))


def _said(text: str, _: Callable[[str], str]) -> str:
    """A reason in the words ``_`` gives.

    A :class:`Reason` fills its translated template; other text is looked up as a message (a
    reason marked with ``N_``) and reads as given when the catalogue does not have it.
    """
    if isinstance(text, Reason):
        return text.said(_)
    return _(text) if text else text


#: The longest representation of a value a message quotes in full.
_MAX_SHOWN = 300


def _shown(value: object, _: Callable[[str], str] = _as_written) -> str:
    """``repr(value)`` for a message: never raises, and cut short when very long.

    An ``int`` of more than 4,300 digits has no ``repr`` (Python refuses the conversion), so it is
    described by its size; the error's ``value`` attribute keeps the value itself.

    >>> _shown("12,5x"), _shown(10**5000)
    ("'12,5x'", '<an int of about 5001 digits>')
    >>> _shown("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (1002 characters)"
    """
    try:
        text = repr(value.said(_) if isinstance(value, Reason) else value)
    except ValueError:
        if isinstance(value, int):
            digits = int(value.bit_length() * math.log10(2)) + 1
            return _("<an int of about {digits} digits>").format(digits=digits)
        return _("<a {kind} that cannot be shown>").format(kind=type(value).__name__)
    if len(text) > _MAX_SHOWN:
        return _("{start}... ({length} characters)").format(start=text[:60], length=len(text))
    return text


class LittleGiantsError(Exception):
    """Root of every error raised by littlegiants.

    ``str(error)`` is the English sentence; :meth:`message` says it in a reader's language,
    from the gettext catalogue (see :mod:`littlegiants.translations`). An error class whose
    sentence is marked for translation writes it once, in ``_sentence``, for both.
    """

    def __str__(self) -> str:
        """The sentence in English, the source language."""
        return self._sentence(_as_written)

    def message(self, locale: object) -> str:
        """The sentence in the language of ``locale`` (English where no catalogue has it).

        >>> UnknownPolicyError("x", ("a", "b")).message("zh_CN")
        "没有内置政策 'x'：已有的政策编号为 a, b。"
        """
        return self.said(known_locale(locale, find_translator(locale)).gettext)

    def said(self, _: Callable[[str], str]) -> str:
        """The sentence in the words ``_`` (a gettext) gives."""
        for kind in type(self).__mro__:
            if "_sentence" in vars(kind):
                break
            if "__str__" in vars(kind):
                return str(self)  # a class that writes its own English sentence, untranslated
        return self._sentence(_)

    def _sentence(self, _: Callable[[str], str]) -> str:
        """The sentence in the words ``_`` (a gettext) gives; subclasses that translate write it."""
        del _
        return Exception.__str__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as ``cls(*args)``: every error's fields are its ``args``.

        Written out rather than inherited so that libraries that replace the pickling of
        exceptions classes without their own ``__reduce__`` (tblib, which dask.distributed installs
        in every worker) rebuild our errors through their constructor, with all their fields.
        """
        return (type(self), self.args)


@attrs.define(auto_exc=True, eq=False)
class InvalidAmountError(LittleGiantsError, ValueError):
    """An amount is not a finite, exact number (NaN, infinity, or text that is not a number)."""

    value: object
    reason: str = N_("it is not a finite number")
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Explain which amount was refused and why."""
        return _("Invalid amount {value}{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class FloatAmountError(LittleGiantsError, TypeError):
    """A ``float`` or ``bool`` was given where an exact amount is required."""

    value: object
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Say how to pass the amount exactly."""
        return _(
            "Refusing {kind} amount {value}{where}: money must be exact. Pass a Decimal, an int "
            "or a numeric string, e.g. Decimal('{text}') or '{text}'."
        ).format(
            kind=type(self.value).__name__,
            value=repr(self.value),
            where=_where(self.location, _),
            text=self.value,
        )


@attrs.define(auto_exc=True, eq=False)
class UnknownCurrencyError(LittleGiantsError, ValueError):
    """A currency code is not an ISO 4217 code known to CLDR (via babel)."""

    value: object
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the code that was not recognised."""
        return _(
            "Unknown currency {value}{where}: expected an ISO 4217 code such as 'CNY' or 'USD'."
        ).format(value=_shown(self.value, _), where=_where(self.location, _))


@attrs.define(auto_exc=True, eq=False)
class CurrencyMismatchError(LittleGiantsError, TypeError):
    """Two amounts in different currencies were combined without an exchange rate."""

    left: str
    right: str
    operation: str = N_("combine")

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name both currencies and the way out."""
        return _(
            "Cannot {operation} {left} and {right}: convert one with an explicit dated "
            "ExchangeRate or RateTable first."
        ).format(operation=_said(self.operation, _), left=self.left, right=self.right)


@attrs.define(auto_exc=True, eq=False)
class DivisionByZeroError(LittleGiantsError, ZeroDivisionError):
    """A division (a ratio, a growth rate, an implied rate) had a zero divisor."""

    value: object
    what: str = N_("divide")

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Say what could not be divided."""
        return _("Cannot {what}: the divisor is zero (dividing {value}).").format(
            what=_said(self.what, _), value=_shown(self.value, _)
        )


@attrs.define(auto_exc=True, eq=False)
class MoneyParseError(LittleGiantsError, ValueError):
    """Text could not be read as an amount of money, exactly and without guessing."""

    value: object
    reason: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Quote the text and say what was missing."""
        return _("Cannot read {value} as money{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class InvalidRateError(LittleGiantsError, ValueError):
    """An exchange rate is not usable (non-positive, same currency on both sides, wrong input)."""

    value: object
    reason: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the rate and the problem."""
        return _("Invalid exchange rate {value}{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class RateNotFoundError(LittleGiantsError, LookupError):
    """No exchange rate applies: none for the pair, or none on or before the date."""

    base: str
    quote: str
    on: object
    reason: str

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the pair, the date and what is missing."""
        return _("No {base}->{quote} rate usable on {on}: {reason}.").format(
            base=self.base, quote=self.quote, on=self.on, reason=_said(self.reason, _)
        )


@attrs.define(auto_exc=True, eq=False)
class InvalidGrowthError(LittleGiantsError, ValueError):
    """A growth rate cannot be computed or read (zero or negative base, unreadable text)."""

    value: object
    reason: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the value and why no growth follows from it."""
        return _("Invalid growth {value}{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class InvalidPeriodError(LittleGiantsError, ValueError):
    """A period is malformed (end before start, unreadable text, an impossible date)."""

    value: object
    reason: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the period and the problem."""
        return _("Invalid period {value}{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class InvalidDateError(LittleGiantsError, ValueError):
    """Text is not a calendar date in a spelling littlegiants reads (2025-06-30, 2025/6/30, ...)."""

    value: object
    reason: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the text and the problem."""
        return _("Invalid date {value}{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class InvalidCreditCodeError(LittleGiantsError, ValueError):
    """A Unified Social Credit Code (统一社会信用代码) failed a check: length, format, checksum."""

    value: object
    check: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the code and the check it failed."""
        return _("Invalid credit code {value}{where}: {check}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            check=_said(self.check, _),
        )


@attrs.define(auto_exc=True, eq=False)
class UnknownRegionError(LittleGiantsError, LookupError):
    """A GB/T 2260 administrative division code is not in the bundled division data."""

    value: object
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the code that was not found."""
        return _(
            "Unknown region {value}{where}: expected a 6-digit GB/T 2260 division code such as "
            "'440300' (深圳市) or '440305' (南山区), or a division's name such as 南山区 or "
            "广东省深圳市南山区."
        ).format(value=_shown(self.value, _), where=_where(self.location, _))


@attrs.define(auto_exc=True, eq=False)
class AmbiguousRegionError(UnknownRegionError):
    """A division name fits more than one GB/T 2260 division (南山区 is in Shenzhen and Hegang).

    Still an :class:`UnknownRegionError` (and a ``LookupError``): the name does not identify one
    region. ``candidates`` holds ``(code, full name)`` for every division it fits, in code order.
    """

    candidates: tuple[tuple[str, str], ...] = ()

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the text, every division it fits, and how to choose one."""
        fits = _(", ").join(
            _("{name} ({code})").format(name=name, code=code) for code, name in self.candidates
        )
        return _(
            "Ambiguous region {value}{where}: the name fits {count} divisions, {fits}; give the "
            "6-digit code or a fuller name that includes the province or city, such as "
            "广东省深圳市南山区."
        ).format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            count=len(self.candidates),
            fits=fits,
        )


@attrs.define(auto_exc=True, eq=False)
class InvalidLevelError(LittleGiantsError, ValueError):
    """Text is not a designation level (national / provincial / municipal, 国家级 / 省级 / 市级)."""

    value: object
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the text and the accepted words."""
        return _(
            "Unknown designation level {value}{where}: expected national (国家级, State-level), "
            "provincial (省级) or municipal (市级)."
        ).format(value=_shown(self.value, _), where=_where(self.location, _))


@attrs.define(auto_exc=True, eq=False)
class InvalidRecordError(LittleGiantsError, ValueError):
    """A domain record is inconsistent (dates out of order, figures that contradict each other)."""

    value: object
    reason: str
    location: SourceLocation | None = None

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the record value and what is wrong with it."""
        return _("Invalid record {value}{where}: {reason}.").format(
            value=_shown(self.value, _),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
        )


@attrs.define(auto_exc=True, eq=False)
class UnknownLocaleError(LittleGiantsError, ValueError):
    """A ``locale=`` argument is not a locale CLDR (via babel) knows, or not a locale at all.

    >>> print(UnknownLocaleError("xx_YY", "CLDR has no such locale"))
    Unknown locale 'xx_YY': CLDR has no such locale; pass an identifier such as 'zh_CN' or ...
    """

    value: object
    reason: str = "CLDR has no such locale"

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the locale, the problem and what to pass instead."""
        return _(
            "Unknown locale {value}: {reason}; pass an identifier such as 'zh_CN' or 'en_US'."
        ).format(value=_shown(self.value, _), reason=_said(self.reason, _))


#: What a locale reader finds: a babel ``Locale`` or a catalogue.
_Found = TypeVar("_Found")


def known_locale(locale: object, found: _Found | LocaleProblem) -> _Found:
    """``found`` (a babel ``Locale`` or a catalogue), or the error saying why ``locale`` is none.

    The locale readers below this module (``littlegiants._locales``) say why a locale cannot be
    read rather than raise, so that this module can use them; the error is raised here.

    >>> from littlegiants._locales import find_locale
    >>> known_locale("zh-CN", find_locale("zh-CN"))
    Locale('zh', territory='CN', script='Hans')
    >>> known_locale("xx_YY", find_locale("xx_YY"))
    Traceback (most recent call last):
    ...
    littlegiants.errors.UnknownLocaleError: Unknown locale 'xx_YY': CLDR (babel) has no such ...
    """
    if isinstance(found, LocaleProblem):
        raise UnknownLocaleError(locale, Reason(found.template, **found.values))
    return found


@attrs.define(auto_exc=True, eq=False)
class InvalidArgumentError(LittleGiantsError, ValueError):
    """An option of a call is outside what it accepts: a rounding mode, a number of places.

    >>> str(InvalidArgumentError(99, "places", "expected a whole number from -30 to 64"))
    'Invalid places 99: expected a whole number from -30 to 64.'
    """

    value: object
    name: str
    reason: str

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the option, its value and what it accepts."""
        return _("Invalid {name} {value}: {reason}.").format(
            name=_said(self.name, _), value=_shown(self.value, _), reason=_said(self.reason, _)
        )


#: The words the errors' sentences are made of, marked for the catalogue: the kinds of data file
#: and the fixed reasons other modules give (an unmarked reason reads as given).
_WORDS: Final = (
    N_("data"),
    N_("policy"),
    N_("criteria"),
    N_("scenario"),
    N_("batches"),
    N_("CLDR has no such locale"),
    N_("CLDR (babel) has no such locale"),
    N_("it is too long to be a locale identifier"),
    N_("it is not a locale identifier (a language, then optional script and territory)"),
    N_("it is a folder, not a file"),
    N_("no such file"),
    N_("the path holds a NUL character"),
    N_("read and write .xlsx files"),
)


@attrs.define(auto_exc=True, eq=False)
class DataFileError(LittleGiantsError, ValueError):
    """A data file (policy, criteria, scenario, batches) is malformed: a key, value or structure.

    Each kind of file has its own subclass, chosen by what the file is, so ``except
    PolicyFileError`` does not also catch a broken criteria file; ``except DataFileError`` catches
    them all. The location names the file, the line and the key path.
    """

    value: object
    reason: str
    location: SourceLocation | None = None

    #: What the file is, for the message ("policy", "criteria", "scenario", "batches").
    what: ClassVar[str] = "data"

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the file, the key path, the line, the value and what was expected."""
        return _("Bad {what} file{where}: {reason} (got {value}).").format(
            what=_(self.what),
            where=_where(self.location, _),
            reason=_said(self.reason, _),
            value=repr(self.value),
        )


@attrs.define(auto_exc=True, eq=False)
class PolicyFileError(DataFileError):
    """A policy file is malformed: unknown or missing key, bad date or amount, unknown kind."""

    what: ClassVar[str] = "policy"


@attrs.define(auto_exc=True, eq=False)
class CriteriaFileError(DataFileError):
    """An eligibility criteria file is malformed: unknown or missing key, bad threshold or test."""

    what: ClassVar[str] = "criteria"


@attrs.define(auto_exc=True, eq=False)
class BatchesFileError(DataFileError):
    """The bundled MIIT batches table is malformed: a key is missing or holds a bad value."""

    what: ClassVar[str] = "batches"


@attrs.define(auto_exc=True, eq=False)
class UnknownPolicyError(LittleGiantsError, LookupError):
    """No bundled policy has the requested id."""

    value: object
    known: tuple[str, ...] = ()

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the id and the ids that exist."""
        return _("No bundled policy {value}: known ids are {known}.").format(
            value=repr(self.value), known=", ".join(self.known)
        )


@attrs.define(auto_exc=True, eq=False)
class UnknownRuleError(LittleGiantsError, LookupError):
    """A policy has no rule with the requested id (``policy.rule(id)``, ``evolve(amounts=...)``)."""

    value: object
    policy: str
    known: tuple[str, ...] = ()

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the rule id, the policy and the rules it has."""
        return _("Policy {policy} has no rule {value}: its rules are {known}.").format(
            policy=repr(self.policy), value=repr(self.value), known=", ".join(self.known)
        )


@attrs.define(auto_exc=True, eq=False)
class ScenarioFileError(DataFileError):
    """A policy scenario file is malformed: unknown or missing key, bad value."""

    what: ClassVar[str] = "scenario"


class UnreadableFileError(LittleGiantsError, OSError):
    """A file cannot be read: missing, not a regular file (a folder, a FIFO), not permitted.

    It is an ``OSError`` with ``errno``, ``strerror`` and ``filename`` set. The path is checked
    before it is opened, so a FIFO or a device is refused rather than waited on.

    >>> import errno
    >>> err = UnreadableFileError("p.toml", "it is a folder, not a file", errno.EISDIR)
    >>> str(err), err.errno == errno.EISDIR, err.filename
    ('Cannot read p.toml: it is a folder, not a file.', True, 'p.toml')
    >>> import pickle
    >>> pickle.loads(pickle.dumps(err)).reason
    'it is a folder, not a file'
    """

    def __init__(self, path: str, reason: str, errno: int | None = None) -> None:
        """Record the path, the reason and the ``errno`` of the failure, if any."""
        super().__init__(errno, reason, path)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        """``Cannot read PATH: REASON.``."""
        return self._sentence(_as_written)

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Name the path and why it cannot be read."""
        return _("Cannot read {path}: {reason}.").format(
            path=self.path, reason=_said(self.reason, _)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as ``cls(path, reason, errno)``."""
        return (type(self), (self.path, self.reason, self.errno))


class MissingDataFileError(UnreadableFileError, FileNotFoundError):
    """A data file does not exist (also a ``FileNotFoundError``), or is a link to nothing."""


class MissingExtraError(LittleGiantsError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it.

    >>> print(MissingExtraError("xlsx", "openpyxl", "read and write .xlsx files"))
    Reading and writing .xlsx files needs openpyxl: pip install 'littlegiants[xlsx]'.
    """

    def __init__(self, extra: str, module: str, purpose: str) -> None:
        """Record the extra, the module it installs and what it is needed for."""
        super().__init__(f"{purpose} needs {module}", name=module)
        self.extra = extra
        self.module = module
        self.purpose = purpose

    def _sentence(self, _: Callable[[str], str]) -> str:
        """Say what to install."""
        purpose = _said(self.purpose, _)
        purpose = purpose[:1].upper() + purpose[1:]
        purpose = purpose.replace("Read and write", "Reading and writing")
        return _("{purpose} needs {module}: pip install 'littlegiants[{extra}]'.").format(
            purpose=purpose, module=self.module, extra=self.extra
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as ``cls(extra, module, purpose)``."""
        return (type(self), (self.extra, self.module, self.purpose))
