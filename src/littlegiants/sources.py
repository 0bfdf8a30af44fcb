"""Sources: where a fact, a figure, a policy or a criterion was read.

Every figure littlegiants bundles is cited, and many official texts survive only as copies on
consultancy or news sites (domain-facts.md, introduction), so a citation says what kind of page it
is: the issuer's own text, a copy of it, or a restatement. One :class:`Source` type serves the
policy catalogue, the eligibility criteria and the MIIT batch table, so a reader asks every
citation the same questions.

- ``url``: the address as recorded (some sources were recorded without a scheme, and are kept as
  recorded rather than guessed at); ``None`` where only a title was recorded.
- ``title``: the page's or report's title, where one was recorded.
- ``kind``: :class:`SourceKind` (official, mirror or summary), or ``None`` where a user's own file
  does not say; every bundled policy source states it.
- ``published``: the publication date, where recorded.
- ``id``: the name a data file gives the source so that several entries can cite it (the criteria
  file's ``[sources.<id>]``, the batch table's ``sources`` keys).
- ``note``: what the page says, in a line.

>>> source = Source("https://zhengcejia.com/news/55313.html", kind="summary")
>>> source.kind, source.label
(<SourceKind.SUMMARY: 'summary'>, '[summary]')
>>> Source(title="Shenzhen Daily, 2022-11-23").url is None
True
>>> Source()
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record Source(...): a source needs a url or a title.
>>> Source("https://example.invalid", kind="copy")
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record 'copy': a source's kind is one of ...
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from littlegiants.errors import InvalidRecordError

__all__ = ["Source", "SourceKind"]


class SourceKind(enum.Enum):
    """What a cited page is, so a reader can tell the issuer's own text from copies and summaries.

    - ``OFFICIAL``: the issuer's own page, or a government site publishing the text.
    - ``MIRROR``: a copy of the official text on another site (a consultancy or news page that
      reproduces the text itself).
    - ``SUMMARY``: news, a consultancy summary or a compilation: it restates the text, it is not
      the text.

    Many policy pages survive only as mirrors (domain-facts, introduction); a citation's kind says
    how far its words can be taken as the document's.
    """

    OFFICIAL = "official"
    MIRROR = "mirror"
    SUMMARY = "summary"


def _source_kind(value: SourceKind | str | None) -> SourceKind | None:
    if value is None or isinstance(value, SourceKind):
        return value
    try:
        return SourceKind(value)
    except ValueError:
        known = ", ".join(kind.value for kind in SourceKind)
        raise InvalidRecordError(value, f"a source's kind is one of {known}") from None


@attrs.frozen
class Source:
    """One citation: a URL or a title, what kind of page it is, and a note.

    ``Source(url, note)`` keeps the order policy files have always used; every other field is
    keyword-only.
    """

    url: str | None = None
    note: str | None = None
    kind: SourceKind | None = attrs.field(default=None, converter=_source_kind, kw_only=True)
    title: str | None = attrs.field(default=None, kw_only=True)
    published: dt.date | None = attrs.field(default=None, kw_only=True)
    id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Refuse a citation that names nothing."""
        if not self.url and not self.title:
            raise InvalidRecordError(self, "a source needs a url or a title")

    @property
    def label(self) -> str:
        """The kind as a bracketed tag for people: ``[official]``, ``[mirror]``, ``[summary]``.

        >>> Source("https://example.invalid").label
        '[kind not stated]'
        """
        return "[kind not stated]" if self.kind is None else f"[{self.kind.value}]"

    @property
    def cited(self) -> str:
        """The URL, or the title where no URL was recorded: what a reader looks up.

        >>> Source(title="深圳新闻网 2024-11-03").cited
        '深圳新闻网 2024-11-03'
        """
        return self.url or self.title or ""
