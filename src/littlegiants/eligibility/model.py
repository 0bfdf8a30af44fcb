"""The vocabulary of eligibility: tiers, verdicts, purposes, texts in two languages.

These are the words every other part of :mod:`littlegiants.eligibility` speaks: the three tiers of
the 2022 Interim Measures (:class:`Tier`), the three-valued outcome of a criterion
(:class:`Verdict`), why a firm is assessed (:class:`Purpose`), a text in English and Chinese
(:class:`Phrase`), and the error for a date no bundled criteria govern
(:class:`CriteriaNotAvailableError`). This module imports nothing else of the package.
"""

from __future__ import annotations

import enum
import functools
from datetime import date
from typing import TYPE_CHECKING, Final, Literal

import attrs

from littlegiants.errors import InvalidRecordError, LittleGiantsError
from littlegiants.translations import N_, in_both, translator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "GENERAL",
    "CriteriaNotAvailableError",
    "Phrase",
    "Purpose",
    "Tier",
    "UnknownCriterionError",
    "Verdict",
]

#: A language the texts are written in.
Language = Literal["en", "zh"]

#: The id of the root criterion holding the general conditions every tier shares (Article 3).
GENERAL: Final = "general"


class Tier(enum.Enum):
    """The three tiers of the 2022 Interim Measures (Article 2), lowest first.

    >>> Tier.parse("小巨人"), Tier.parse("provincial")
    (<Tier.LITTLE_GIANT: 'little-giant'>, <Tier.SRDI_SME: 'srdi-sme'>)
    >>> Tier.SRDI_SME.chinese
    '专精特新中小企业'
    """

    #: 创新型中小企业, evaluated and announced by the provincial authority (附件1).
    INNOVATIVE_SME = "innovative-sme"
    #: 专精特新中小企业, recognised by the provincial authority (附件2).
    SRDI_SME = "srdi-sme"
    #: 专精特新"小巨人"企业, the State-level little giant recognised by MIIT (附件3).
    LITTLE_GIANT = "little-giant"

    @property
    def chinese(self) -> str:
        """The tier's Chinese name."""
        return TIER_NAMES[self].zh

    @property
    def english(self) -> str:
        """The tier's English name."""
        return TIER_NAMES[self].en

    @classmethod
    def parse(cls, text: object) -> Tier:
        """Read a tier from its value, its English or its Chinese name.

        Raises:
            InvalidRecordError: the text names no tier.
        """
        if isinstance(text, Tier):
            return text
        if isinstance(text, str):
            key = text.strip().lower().replace("_", "-").replace("“", '"').replace("”", '"')
            found = _TIER_WORDS.get(key)
            if found is not None:
                return found
        raise InvalidRecordError(
            text,
            "expected a tier: innovative-sme (创新型中小企业), srdi-sme (专精特新中小企业, "
            "provincial) or little-giant (小巨人, State-level)",
        )


_TIER_WORDS: Final = {
    "innovative-sme": Tier.INNOVATIVE_SME,
    "innovative": Tier.INNOVATIVE_SME,
    "创新型中小企业": Tier.INNOVATIVE_SME,
    "srdi-sme": Tier.SRDI_SME,
    "srdi": Tier.SRDI_SME,
    "provincial": Tier.SRDI_SME,
    "专精特新中小企业": Tier.SRDI_SME,
    "little-giant": Tier.LITTLE_GIANT,
    "little giant": Tier.LITTLE_GIANT,
    "national": Tier.LITTLE_GIANT,
    "小巨人": Tier.LITTLE_GIANT,
    '专精特新"小巨人"企业': Tier.LITTLE_GIANT,
}


class Verdict(enum.Enum):
    """The outcome of a criterion: met, not met, or not decided by the data given.

    :meth:`all_of` and :meth:`any_of` combine verdicts three-valued (Kleene's logic):

    >>> P, F, U = Verdict.PASS, Verdict.FAIL, Verdict.UNKNOWN
    >>> Verdict.all_of([P, U]), Verdict.all_of([U, F]), Verdict.all_of([P, P])
    (<Verdict.UNKNOWN: 'unknown'>, <Verdict.FAIL: 'fail'>, <Verdict.PASS: 'pass'>)
    >>> Verdict.any_of([F, U]), Verdict.any_of([U, P]), Verdict.any_of([F, F])
    (<Verdict.UNKNOWN: 'unknown'>, <Verdict.PASS: 'pass'>, <Verdict.FAIL: 'fail'>)
    """

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"

    @classmethod
    def all_of(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """AND: FAIL if any fails, else UNKNOWN if any is unknown, else PASS (also when empty)."""
        result = _PASS
        for verdict in verdicts:
            if verdict is _FAIL:
                return _FAIL
            if verdict is _UNKNOWN:
                result = _UNKNOWN
        return result

    @classmethod
    def any_of(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """OR: PASS if any passes, else UNKNOWN if any is unknown, else FAIL (also when empty)."""
        result = _FAIL
        for verdict in verdicts:
            if verdict is _PASS:
                return _PASS
            if verdict is _UNKNOWN:
                result = _UNKNOWN
        return result

    @classmethod
    def of(cls, holds: bool | None) -> Verdict:
        """PASS for ``True``, FAIL for ``False``, UNKNOWN for ``None``."""
        if holds is None:
            return _UNKNOWN
        return _PASS if holds else _FAIL


# Enum members looked up on the class cost ~0.2 µs each in Python 3.11; the combinators run for
# every group of every firm, so they use these.
_PASS: Final = Verdict.PASS
_FAIL: Final = Verdict.FAIL
_UNKNOWN: Final = Verdict.UNKNOWN


class Purpose(enum.Enum):
    """Why a firm is assessed: a new application, or the re-review (复核) of a designation."""

    APPLICATION = "application"
    RE_REVIEW = "re-review"


@attrs.frozen
class Phrase:
    """A text in English and Chinese, both filled from the gettext catalogue (:meth:`of`).

    >>> Phrase.of(N_("PASS")).in_locale("zh_CN")
    '通过'
    """

    en: str
    zh: str

    @classmethod
    def of(cls, message: str, /, **fields: object) -> Phrase:
        """A message marked with ``N_``, in English and in the Chinese of the gettext catalogue.

        ``fields`` fill the message's named placeholders; a :class:`Phrase` field is filled in
        each language with its own text.

        >>> Phrase.of(N_("national"))
        Phrase(en='national', zh='国家级')
        >>> Phrase.of(N_("{label} is unknown"), label=Phrase.of(N_("staff"))).zh
        '职工总数未知'
        """
        return cls(*in_both(message, fields, Phrase))

    @classmethod
    def each(cls, render: Callable[[Language], str]) -> Phrase:
        """The phrase ``render`` writes in each language."""
        return cls(render("en"), render("zh"))

    @classmethod
    def pgettext(cls, context: str, message: str) -> Phrase:
        """A message the catalogue translates in ``context``, in English and Chinese.

        Named as gettext's function, so ``pybabel extract`` collects its messages.
        """
        return cls.each(lambda language: pgettext_in(language)(context, message))

    def in_locale(self, locale: str) -> str:
        """Return the text in the locale's language: Chinese for ``zh*``, else English."""
        return self.zh if language_of(locale) == "zh" else self.en

    def pick(self, language: Language) -> str:
        """Return the text in ``"en"`` or ``"zh"``."""
        return self.zh if language == "zh" else self.en


#: The locale each language's text is read in from the catalogue.
_LOCALES: Final[dict[Language, str]] = {"en": "en_US", "zh": "zh_CN"}


@functools.cache
def gettext_in(language: Language) -> Callable[[str], str]:
    """The catalogue's ``gettext`` for ``"en"`` or ``"zh"``, to be called ``_``.

    >>> _ = gettext_in("zh")
    >>> _("PASS")
    '通过'
    """
    return translator(_LOCALES[language]).gettext


@functools.cache
def pgettext_in(language: Language) -> Callable[[str, str], str]:
    """The catalogue's ``pgettext`` (a message in a context) for ``"en"`` or ``"zh"``."""
    return translator(_LOCALES[language]).pgettext


def locale_of(language: Language) -> str:
    """The locale a language's numbers and money are written in: ``en_US`` or ``zh_CN``."""
    return _LOCALES[language]


def language_of(locale: object) -> Language:
    """The language of a locale: ``"zh"`` for ``zh*``, else ``"en"``.

    Raises:
        TypeError: ``locale`` is not text (an explicit locale is required, never the system's).
    """
    if not isinstance(locale, str):
        msg = f"Expected a locale such as 'zh_CN' or 'en_US', got {locale!r}."
        raise TypeError(msg)
    return _parsed_language(locale)


@functools.cache
def _parsed_language(locale: str) -> Language:
    """``"zh"`` where the catalogue is Chinese (Simplified); Traditional reads English for now."""
    return "zh" if translator(locale).language == "zh_Hans" else "en"


#: The tiers' names.
TIER_NAMES: Final = {
    Tier.INNOVATIVE_SME: Phrase.of(N_("innovative SME")),
    Tier.SRDI_SME: Phrase.of(N_("provincial 专精特新 SME")),
    Tier.LITTLE_GIANT: Phrase.of(N_('State-level little giant (专精特新"小巨人")')),
}
#: The verdicts' words.
VERDICT_WORDS: Final = {
    Verdict.PASS: Phrase.of(N_("PASS")),
    Verdict.FAIL: Phrase.of(N_("FAIL")),
    Verdict.UNKNOWN: Phrase.of(N_("UNKNOWN")),
}
#: The purposes' words.
PURPOSE_WORDS: Final = {
    Purpose.APPLICATION: Phrase.of(N_("application")),
    Purpose.RE_REVIEW: Phrase.of(N_("re-review")),
}


@attrs.define(auto_exc=True, eq=False)
class CriteriaNotAvailableError(LittleGiantsError, LookupError):
    """No bundled criteria govern a date (or no criteria set has an id).

    Raised for dates before the 2022 Measures applied (2022-06-01) and from 2026-04-01, when the
    revised Measures, whose thresholds were not found, replace them.
    """

    # Its public home, so tracebacks and pickles name littlegiants.eligibility, not this module.
    __module__ = "littlegiants.eligibility"

    value: object
    reason: str

    def __str__(self) -> str:
        """Name the date (or id) and why no criteria apply."""
        what = self.value.isoformat() if isinstance(self.value, date) else repr(self.value)
        return f"No eligibility criteria are available for {what}: {self.reason}."


@attrs.define(auto_exc=True, eq=False)
class UnknownCriterionError(LittleGiantsError, LookupError):
    """An id names no criterion, reading or indicator group where it was looked up.

    A lookup, not a date without criteria: :meth:`Assessment.find
    <littlegiants.eligibility.Assessment.find>`, :meth:`CriteriaSet.reading
    <littlegiants.eligibility.CriteriaSet.reading>` and :meth:`Score.group
    <littlegiants.eligibility.Score.group>` raise it, listing the ids there are.

    >>> print(UnknownCriterionError("x", "reading", "miit-2022", ("a", "b")))
    No reading 'x' in miit-2022: the ids there are a, b.
    """

    __module__ = "littlegiants.eligibility"

    value: object
    what: str
    where: str
    known: tuple[str, ...] = ()

    def __str__(self) -> str:
        """Name the id, what it should name, where it was looked for, and the ids there."""
        listed = ", ".join(self.known) or "none"
        return f"No {self.what} {self.value!r} in {self.where}: the ids there are {listed}."
