"""The words littlegiants prints, in English and Simplified Chinese, from gettext catalogues.

Every message a reader sees (table headers, statuses, level names, reasons inside an explanation,
errors) is written in English in the source and translated through a GNU gettext catalogue, the
format translators and their tools know. The catalogues are made with babel's own message tools:

- ``pybabel extract`` collects the messages from the source into ``locale/littlegiants.pot``;
- ``pybabel update`` merges the template into each language's ``.po`` file, where the
  translations are written;
- compiling ``.po`` into the ``.mo`` files read at run time happens in the build (a hatch build
  hook, ``hatch_build.py``), so no compiled file is kept in the repository.

The commands, and a test that fails when a catalogue falls behind the source, are in the docs'
"Translating littlegiants" page.

A :class:`Translator` is chosen by locale, which the caller always names (the library never reads
the system locale or ``LANG``; the CLI does, when told to). Simplified Chinese (``zh_CN``,
``zh_Hans``, ``zh_SG``, plain ``zh``) has a catalogue; any other CLDR locale is accepted and
reads English, as does Traditional Chinese (``zh_TW``, ``zh_HK``), for which there is no
catalogue yet: English is the honest fallback, not Simplified characters.

Messages are marked where they are written: ``_ = translator(locale).gettext`` then
``_("Status")`` in a function, or :func:`N_` for a constant that is translated later.

>>> translator("zh_CN").gettext("Simplified Chinese"), translator("en_US").gettext("English")
('简体中文', 'English')
>>> translator("zh_TW").gettext("Simplified Chinese"), translator("fr_FR").language
('Simplified Chinese', 'en')
"""

from __future__ import annotations

import functools
import gettext
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "SOURCE_LOCALES",
    "Translator",
    "TwoLanguages",
    "display_width",
    "in_both",
    "language_name",
    "translator",
]

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


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal: East Asian wide and full-width characters take 2.

    Chinese text aligns in a table only when padded by this width, not by ``len``.

    >>> display_width("abc"), display_width("小巨人"), display_width("¥1亿")
    (3, 6, 4)
    """
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class TwoLanguages(Protocol):
    """A text kept in English and Simplified Chinese (``en`` and ``zh``)."""

    @property
    def en(self) -> str:
        """The English."""

    @property
    def zh(self) -> str:
        """The Simplified Chinese."""


def in_both(
    message: str, fields: Mapping[str, object], kind: type[TwoLanguages]
) -> tuple[str, str]:
    """``message`` (marked with :func:`N_`) in English and in Simplified Chinese, filled.

    The two renderings a report keeps (a payout's ``policy.Text``, an assessment's
    ``eligibility.Phrase``) are made here: ``fields`` fill the message's named placeholders,
    and a field of ``kind`` is filled in each language with its own rendering.

    >>> from typing import NamedTuple
    >>> class Both(NamedTuple):
    ...     en: str
    ...     zh: str
    >>> in_both(N_("{label} is unknown"), {"label": Both("staff", "职工")}, Both)
    ('staff is unknown', '职工未知')
    """
    english, chinese = _both(message)
    if not fields:
        return english.format(), chinese.format()
    en = {key: value.en if isinstance(value, kind) else value for key, value in fields.items()}
    zh = {key: value.zh if isinstance(value, kind) else value for key, value in fields.items()}
    return english.format(**en), chinese.format(**zh)


@functools.lru_cache(maxsize=4096)
def _both(message: str) -> tuple[str, str]:
    return translator("en_US").gettext(message), translator("zh_CN").gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extraction tools look for
    """Mark ``message`` for translation where it is defined; it is translated where printed.

    >>> N_("national")
    'national'
    """
    return message


#: Each language's name, itself translated when printed.
_LANGUAGE_NAMES: Final = {"en": N_("English"), "zh_Hans": N_("Simplified Chinese")}


class Translator:
    """The translations of one language: ``gettext``, ``ngettext`` and ``pgettext``.

    Get one with :func:`translator`; the methods have the standard library's signatures, so
    ``_ = translator("zh_CN").gettext`` reads as gettext code anywhere does.
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

        >>> translator("zh_CN").gettext("English")
        '英文'
        """
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Return the translation of ``singular`` or ``plural``, as ``n`` asks.

        >>> translator("en_US").ngettext("{n} firm", "{n} firms", 2).format(n=2)
        '2 firms'
        """
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """Return the translation of ``message`` in ``context`` (the same word, two meanings).

        >>> translator("en_US").pgettext("level", "national")
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
    return Translator(language, _from_po(source))


def _from_po(source: Path) -> gettext.GNUTranslations:
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


def translator(locale: object) -> Translator:
    """Return the :class:`Translator` for ``locale``; catalogues are read once and cached.

    Args:
        locale: a CLDR locale identifier (``"zh_CN"``, ``"en_US"``, ``"de_DE"``) or a
            ``babel.Locale``. Simplified Chinese reads its catalogue; every other locale reads
            English.

    Raises:
        UnknownLocaleError: ``locale`` is not a locale identifier CLDR has (a ``ValueError``).

    >>> translator("zh_Hans_SG"), translator("zh"), translator("en_GB")
    (Translator('zh_Hans'), Translator('zh_Hans'), Translator('en'))
    """
    if isinstance(locale, str) and locale in SOURCE_LOCALES:
        return _load("en")
    # babel loads here, not on import: the command line's --help marks messages without it.
    from littlegiants.formatting import babel_locale  # noqa: PLC0415

    return _load(_language(babel_locale(locale)))


def language_name(language: str, *, locale: object) -> str:
    """The name of one of :data:`LANGUAGES`, written in ``locale``'s language.

    >>> language_name("zh_Hans", locale="zh_CN"), language_name("zh_Hans", locale="en_US")
    ('简体中文', 'Simplified Chinese')
    """
    return translator(locale).gettext(_LANGUAGE_NAMES[language])
