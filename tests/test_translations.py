"""Tests for littlegiants.translations: gettext catalogues kept in step with the source."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from littlegiants import _locales, translations
from littlegiants.errors import UnknownLocaleError
from littlegiants.translations import LANGUAGES, Translator, language_name, translator

SOURCE = Path(translations.__file__).resolve().parent
CATALOGUE = SOURCE / "locale" / "zh_Hans" / "LC_MESSAGES" / "littlegiants.po"
TEMPLATE = SOURCE / "locale" / "littlegiants.pot"


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    singular = message_id if isinstance(message_id, str) else message_id[0]
    return (context, singular)


def _extracted() -> set[tuple[str | None, str]]:
    """The messages ``pybabel extract -F babel.cfg`` finds in the source today."""
    found = extract_from_dir(SOURCE, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS)
    return {_key(message, context) for _, _, message, _, context in found}


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    """A translation's forms: one string, or one per plural form."""
    return (string,) if isinstance(string, str) else string


def _catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _fields(text: str | tuple[str, ...]) -> set[str]:
    """The ``str.format`` fields of a message or translation (every plural form's)."""
    return {
        field
        for form in _forms(text)
        for _, field, _, _ in string.Formatter().parse(form)
        if field is not None
    }


def _ids(catalogue: object) -> set[tuple[str | None, str]]:
    return {_key(message.id, message.context) for message in catalogue if message.id}  # type: ignore[attr-defined]


class TestCataloguesFollowTheSource:
    def test_template_holds_every_message(self) -> None:
        """The .pot template is what extraction gives now: run pybabel extract when it fails."""
        assert _extracted() == _ids(_catalogue(TEMPLATE))

    def test_chinese_catalogue_holds_every_message(self) -> None:
        """The zh_Hans catalogue has each message, none stale: run pybabel update when it fails."""
        assert _extracted() == _ids(_catalogue(CATALOGUE))

    def test_every_message_is_translated(self) -> None:
        """No message is untranslated or fuzzy in the Chinese catalogue."""
        catalogue = _catalogue(CATALOGUE)
        untranslated = [
            message.id
            for message in catalogue
            if message.id and (message.fuzzy or not all(_forms(message.string)))
        ]
        assert [] == untranslated

    def test_placeholders_agree(self) -> None:
        """Babel's own check: every translation keeps its message's placeholders."""
        catalogue = _catalogue(CATALOGUE)
        assert [] == [(message.id, errors) for message, errors in catalogue.check()]

    def test_translations_fill_only_their_message_placeholders(self) -> None:
        """Each translation names only placeholders its message has: format() never misses one.

        Babel checks printf-style placeholders only; these messages use ``str.format`` fields. A
        translation may leave one out (Chinese needs no ``float`` in "Refusing float amount").
        """
        catalogue = _catalogue(CATALOGUE)
        wrong = [
            (message.id, _fields(message.string))
            for message in catalogue
            if message.id and not _fields(message.string) <= _fields(message.id)
        ]
        assert [] == wrong

    def test_compiled_catalogue_is_current(self) -> None:
        """The .mo the build compiled says what the .po says, message by message."""
        compiled = CATALOGUE.with_suffix(".mo")
        if not compiled.is_file():
            pytest.skip("not built: the package was not installed (pip install -e .)")
        with compiled.open("rb") as handle:
            built = gettext.GNUTranslations(handle)
        source = _locales.from_po(CATALOGUE)
        ids = sorted(message for _, message in _ids(_catalogue(CATALOGUE)))
        assert [source.gettext(m) for m in ids] == [built.gettext(m) for m in ids]


class TestTranslator:
    @pytest.mark.parametrize("locale", ["zh_CN", "zh_Hans", "zh_SG", "zh", "zh-CN", "zh_Hans_HK"])
    def test_simplified_chinese_reads_the_catalogue(self, locale: str) -> None:
        """Every Simplified Chinese locale reads the zh_Hans catalogue."""
        expected = ("zh_Hans", "简体中文")
        found = translator(locale)
        assert expected == (found.language, found.gettext("Simplified Chinese"))

    @pytest.mark.parametrize("locale", ["zh_TW", "zh_HK", "zh_Hant", "zh_MO", "en_US", "de_DE"])
    def test_other_locales_read_english(self, locale: str) -> None:
        """Traditional Chinese and every other language read English, never Simplified."""
        expected = ("en", "Simplified Chinese")
        found = translator(locale)
        assert expected == (found.language, found.gettext("Simplified Chinese"))

    @pytest.mark.parametrize("locale", [None, "", "xx_YY", "zh_CN\n", 7])
    def test_unknown_locales_are_refused(self, locale: object) -> None:
        """No locale means an error, never the system's."""
        with pytest.raises(UnknownLocaleError):
            translator(locale)

    @given(st.text())
    def test_english_returns_the_message(self, message: str) -> None:
        """English is the source language: every message reads as written."""
        assert message == translator("en_US").gettext(message)

    def test_cached_per_language(self) -> None:
        """Locales of one language share one translator."""
        assert translator("zh_CN") is translator("zh_SG")

    def test_language_names(self) -> None:
        """Each language's name reads in the reader's language."""
        expected = (["English", "Simplified Chinese"], ["英文", "简体中文"])
        assert expected == (
            [language_name(language, locale="en_US") for language in LANGUAGES],
            [language_name(language, locale="zh_CN") for language in LANGUAGES],
        )

    def test_repr(self) -> None:
        """A translator names its language."""
        assert "Translator('zh_Hans')" == repr(translator("zh_CN"))

    def test_plurals(self) -> None:
        """ngettext follows n in English."""
        english: Translator = translator("en_US")
        expected = ("{n} firm", "{n} firms")
        assert expected == (
            english.ngettext("{n} firm", "{n} firms", 1),
            english.ngettext("{n} firm", "{n} firms", 3),
        )
