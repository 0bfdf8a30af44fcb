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

The catalogues are read, and locale identifiers parsed, by ``littlegiants._locales``, which
imports nothing of littlegiants: so :mod:`littlegiants.errors` can say its sentences in a locale's
words without importing this module, and the floors never loop.

Messages are marked where they are written: ``_ = translator(locale).gettext`` then
``_("Status")`` in a function, or :func:`N_` for a constant that is translated later.

>>> translator("zh_CN").gettext("Simplified Chinese"), translator("en_US").gettext("English")
('简体中文', 'English')
>>> translator("zh_TW").gettext("Simplified Chinese"), translator("fr_FR").language
('Simplified Chinese', 'en')
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from typing import Final, Protocol

from littlegiants._locales import (
    DOMAIN,
    LANGUAGES,
    N_,
    SOURCE_LOCALES,
    Translator,
    find_translator,
)
from littlegiants.errors import known_locale

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


#: Each language's name, itself translated when printed.
_LANGUAGE_NAMES: Final = {"en": N_("English"), "zh_Hans": N_("Simplified Chinese")}


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
    return known_locale(locale, find_translator(locale))


def language_name(language: str, *, locale: object) -> str:
    """The name of one of :data:`LANGUAGES`, written in ``locale``'s language.

    >>> language_name("zh_Hans", locale="zh_CN"), language_name("zh_Hans", locale="en_US")
    ('简体中文', 'Simplified Chinese')
    """
    return translator(locale).gettext(_LANGUAGE_NAMES[language])
