"""The ground floor of the library's words: message marking, locale identifiers, catalogues.

Nothing here imports the rest of littlegiants, so every floor above can use it without a loop:
:mod:`littlegiants.errors` says its sentences in a locale's words through it, and
:mod:`littlegiants.formatting` and :mod:`littlegiants.translations` read locales with it. Where a
locale cannot be read, this module says why (a :class:`LocaleProblem`) instead of raising; the
modules above raise :class:`~littlegiants.errors.UnknownLocaleError` with that reason. babel is
imported on first use, never on import (the command line's ``--help`` does without it).

The public names are :mod:`littlegiants.translations`'s (``N_``, ``Translator``, ``translator``).
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from babel import Locale

#: The gettext domain: catalogues are ``locale/<language>/LC_MESSAGES/littlegiants.mo``.
DOMAIN: Final = "littlegiants"
#: The languages the library writes: English (the source language) and those with a catalogue.
LANGUAGES: Final = ("en", "zh_Hans")
#: Locales of the source language, read without a CLDR lookup (and without loading babel).
SOURCE_LOCALES: Final = frozenset({"en", "en_US"})
#: Where the catalogues live, inside the package.
CATALOGUES: Final = Path(__file__).resolve().parent / "locale"
#: Territories whose Chinese is written in Traditional characters by default.
_TRADITIONAL: Final = frozenset({"TW", "HK", "MO"})


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extraction tools look for
    """Mark ``message`` for translation where it is defined; it is translated where printed.

    >>> N_("national")
    'national'
    """
    return message


#: The longest locale identifier read: CLDR's longest are about 20 characters (``ca_ES_VALENCIA``).
_MAX_LOCALE_LENGTH: Final = 100


#: What a locale identifier is made of: ASCII letters and digits, ``_`` or ``-`` between parts,
#: and babel's optional ``.encoding`` and ``@modifier``. Checked before babel sees the text, which
#: it would otherwise use in a file name (``en_US\n`` raised FileNotFoundError).
_IDENTIFIER: Final = re.compile(
    r"[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*(?:\.[A-Za-z0-9_-]+)?(?:@\w+)?", re.ASCII
)
_NOT_AN_IDENTIFIER: Final = N_(
    "it is not a locale identifier (a language, then optional script and territory)"
)


class LocaleProblem(NamedTuple):
    """Why a locale cannot be read: a message marked with :func:`N_` and the values it names."""

    template: str
    values: dict[str, object]


@functools.lru_cache(maxsize=64)
def parse_locale(identifier: str) -> Locale | LocaleProblem:
    r"""The babel ``Locale`` an identifier names (``"zh-CN"`` read too), or why there is none.

    >>> parse_locale("zh-CN")
    Locale('zh', territory='CN', script='Hans')
    >>> parse_locale("zh_CN\n").template
    'it is not a locale identifier (a language, then optional script and territory)'
    """
    if len(identifier) > _MAX_LOCALE_LENGTH:
        return LocaleProblem(N_("it is too long to be a locale identifier"), {})
    if not _IDENTIFIER.fullmatch(identifier):
        return LocaleProblem(_NOT_AN_IDENTIFIER, {})
    from babel import Locale  # noqa: PLC0415 - babel loads on first use, not on import
    from babel.core import UnknownLocaleError  # noqa: PLC0415

    try:
        return Locale.parse(identifier.replace("-", "_"))
    except UnknownLocaleError:
        return LocaleProblem(N_("CLDR (babel) has no such locale"), {})
    except (ValueError, TypeError, LookupError, OSError):
        return LocaleProblem(_NOT_AN_IDENTIFIER, {})


def find_locale(locale: object) -> Locale | LocaleProblem:
    """The babel ``Locale`` for an identifier or a ``Locale``, or why there is none."""
    from babel import Locale  # noqa: PLC0415 - babel loads on first use, not on import

    if isinstance(locale, Locale):
        return locale
    if isinstance(locale, str):
        return parse_locale(locale)
    return LocaleProblem(
        N_(
            "expected a locale identifier or a babel.Locale, got {kind} "
            "(littlegiants never uses the system locale)"
        ),
        {"kind": type(locale).__name__},
    )


def find_translator(locale: object) -> Translator | LocaleProblem:
    """The :class:`Translator` of a locale's language, or why the locale cannot be read."""
    if isinstance(locale, str) and locale in SOURCE_LOCALES:
        return _load("en")
    found = find_locale(locale)
    return found if isinstance(found, LocaleProblem) else _load(_language(found))


class Translator:
    """The translations of one language: ``gettext``, ``ngettext`` and ``pgettext``.

    Get one with :func:`littlegiants.translations.translator`; the methods have the standard
    library's signatures, so ``_ = translator("zh_CN").gettext`` reads as gettext code anywhere
    does.
    """

    __slots__ = ("_catalogue", "language")

    def __init__(self, language: str, catalogue: gettext.NullTranslations) -> None:
        """Wrap ``catalogue``, the translations of ``language`` (``"en"``, ``"zh_Hans"``)."""
        self.language = language
        self._catalogue = catalogue

    def __repr__(self) -> str:
        """Return ``Translator('zh_Hans')``."""
        return f"Translator({self.language!r})"

    def gettext(self, message: str) -> str:
        """Return the translation of ``message``, or ``message`` when it has none.

        >>> _load("zh_Hans").gettext("English")
        '英文'
        """
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Return the translation of ``singular`` or ``plural``, as ``n`` asks.

        >>> _load("en").ngettext("{n} firm", "{n} firms", 2).format(n=2)
        '2 firms'
        """
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """Return the translation of ``message`` in ``context`` (the same word, two meanings).

        >>> _load("en").pgettext("level", "national")
        'national'
        """
        return self._catalogue.pgettext(context, message)


def _language(locale: Locale) -> str:
    """The catalogue a locale reads: ``"zh_Hans"`` for Simplified Chinese, else ``"en"``."""
    if locale.language != "zh":
        return "en"
    script = locale.script or ("Hant" if locale.territory in _TRADITIONAL else "Hans")
    return "zh_Hans" if script == "Hans" else "en"


@functools.cache
def _load(language: str) -> Translator:
    """Read ``language``'s catalogue once: the compiled ``.mo``, else the ``.po`` it comes from.

    A source checkout that has not been built (or a ``.po`` edited since) has no current
    ``.mo``; its ``.po`` is then read with babel, which gives the same translations.
    """
    if language == "en":
        return Translator(language, gettext.NullTranslations())
    folder = CATALOGUES / language / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime:
        with compiled.open("rb") as handle:
            return Translator(language, gettext.GNUTranslations(handle))
    return Translator(language, from_po(source))


def from_po(source: Path) -> gettext.GNUTranslations:
    """Compile a ``.po`` file in memory with babel's own reader and writer."""
    import io  # noqa: PLC0415 - only for catalogues that were not compiled in the build

    from babel.messages.mofile import write_mo  # noqa: PLC0415
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with source.open("rb") as handle:
        catalogue = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
