r"""Checks shared by the value and domain modules: clean identifiers, and attrs validators.

A code read from a file can carry what no one typed on purpose: the line break of the line it
ended, a tab from a pasted cell, a zero-width space or byte-order mark from a web page. Stripping
them silently would hide a broken file, and keeping them would make two spellings of one key, so
the parsers refuse them, naming the character and where it is. Only outer ASCII spaces are
stripped, and only where a parser says so.

A control character here is one of the Unicode categories Cc (controls: ``\n``, ``\t``,
``\x00``), Cf (invisible formatting: zero-width space, byte-order mark, direction marks), Cs
(lone surrogates, which no encoding can write) and Zl/Zp (line and paragraph separators). Spaces
(Zs, the ideographic space included) are not: they are visible in print.

>>> control_problem("440305"), control_problem("440305\n")
(None, "it has a control character, '\\n', at position 7")
>>> control_problem("91110000\u200b600037341L")
"it has a control character, '\\u200b', at position 9"

Free text such as a firm's name may hold a line break inside (JSON carries it), but not at its
ends, where it is the residue of a line of a file: :func:`invisible_edge` says so.

>>> invisible_edge(" 示例科技有限公司 "), invisible_edge("示例科技有限公司\n")
(False, True)
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, Final, TypeVar

from littlegiants.errors import InvalidRecordError, Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import attrs

__all__ = ["control_problem", "expects", "invisible_edge", "items"]

_T = TypeVar("_T")

_REFUSED: Final = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def control_problem(text: str) -> str | None:
    """Return why ``text`` holds a control character (the first one and its position), or ``None``.

    ``str.isprintable`` answers for nearly every text at C speed; only text it flags (which
    includes any non-ASCII space) is looked at character by character.
    """
    if text.isprintable():
        return None
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) in _REFUSED:
            return Reason(
                N_("it has a control character, {char}, at position {position}"),
                char=repr(char),
                position=position,
            )
    return None


def _invisible(char: str) -> bool:
    return (char.isspace() and char != " ") or unicodedata.category(char) in _REFUSED


def invisible_edge(text: str) -> bool:
    """Whether ``text``, outer ASCII spaces aside, starts or ends with a control character.

    Any whitespace other than the ASCII space counts too (a tab, a line break, an ideographic
    space). Blank text has no edge and gives ``False``.
    """
    core = text.strip(" ")
    return bool(core) and (_invisible(core[0]) or _invisible(core[-1]))


def expects(
    kind: type, message: str, *, optional: bool = False
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator: the value is a ``kind`` (or ``None`` when ``optional``).

    Anything else raises ``InvalidRecordError(value, message)``, never attrs' bare ``TypeError``.
    """

    def check(_: object, __: attrs.Attribute[Any], value: object) -> None:
        if not (isinstance(value, kind) or (optional and value is None)):
            raise InvalidRecordError(value, message)

    return check


def items(
    values: Iterable[_T], kind: type[_T], name: str, item: str | None = None
) -> tuple[_T, ...]:
    """The items of a sequence field, each checked to be a ``kind`` (described as ``item``).

    Text, bytes and a single ``kind`` are refused as the sequence itself, and so is anything that
    cannot be iterated, with ``InvalidRecordError`` naming the field.
    """
    if isinstance(values, str | bytes | kind) or not hasattr(values, "__iter__"):
        reason = Reason(N_("{name} must be a sequence of {kind}"), name=name, kind=kind.__name__)
        raise InvalidRecordError(values, reason)
    found = tuple(values)
    for value in found:
        if not isinstance(value, kind):
            described = Reason.given(item) if item else Reason(N_("a {kind}"), kind=kind.__name__)
            reason = Reason(
                N_("each of {name} must be {described}"), name=name, described=described
            )
            raise InvalidRecordError(value, reason)
    return found
