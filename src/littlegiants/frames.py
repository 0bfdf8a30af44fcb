"""Results as rows and data frames: plain records, Arrow tables, polars and pandas, exactly.

Every result collection of the library (payout reports, matches and comparisons, trade
summaries, eligibility assessments, loaded datasets) has ``to_records()``: a list of plain
``dict`` rows, one per line of the result, whose keys are names without spaces
(``credit_code``, ``region_code``, ``a_year_earlier``) and whose amounts are exact ``Decimal``
values beside their ``currency`` code. The mixin they share, :class:`Tabular`, turns those rows
into the frames analysts use, through this one module:

- ``to_arrow()``: a ``pyarrow.Table``; amounts are ``decimal128`` with the scale of the finest
  amount of the column (``decimal256`` beyond 38 digits), never a float;
- ``to_polars()``: a ``polars.DataFrame`` with ``Decimal`` columns, from that table;
- ``to_pandas()``: a ``pandas.DataFrame`` whose amount columns hold ``Decimal`` objects
  (``object`` dtype), so a sum is exact.

They need the optional ``dataframes`` extra (``pip install 'littlegiants[dataframes]'``:
pyarrow, polars and pandas); without it they raise
:class:`~littlegiants.errors.MissingExtraError` naming it. ``to_records()`` needs nothing.

In Jupyter a collection shows as an HTML table of its first rows (``_repr_html_``, every cell
escaped: names come from data files), and its ``repr`` is one short line, so a report of
thousands of firms does not fill a notebook cell.

>>> from decimal import Decimal
>>> rows = [{"name": "甲公司", "amount": Decimal("500000.00"), "currency": "CNY"},
...         {"name": "乙公司", "amount": Decimal("1.5"), "currency": "CNY"}]
>>> table = records_to_arrow(rows)
>>> table.schema.field("amount").type
Decimal128Type(decimal128(38, 2))
>>> sum(table.column("amount").to_pylist())
Decimal('500001.50')
>>> print(records_to_html(rows[:1], caption="<b>Payouts</b>"))
<table>
<caption>&lt;b&gt;Payouts&lt;/b&gt;</caption>
<thead><tr><th>name</th><th>amount</th><th>currency</th></tr></thead>
<tbody>
<tr><td>甲公司</td><td style="text-align: right">500000.00</td><td>CNY</td></tr>
</tbody>
</table>
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import importlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from littlegiants.errors import InvalidArgumentError, MissingExtraError, Reason
from littlegiants.translations import N_

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "DESIGNATION_COLUMNS",
    "ENTERPRISE_COLUMNS",
    "Columns",
    "Row",
    "Tabular",
    "flat_record",
    "markdown_text",
    "records_to_arrow",
    "records_to_html",
    "records_to_pandas",
    "records_to_polars",
]

#: One row of a result: plain values (text, whole numbers, booleans, ``Decimal``, dates, ``None``)
#: under keys without spaces.
Row = dict[str, Any]

#: The columns a collection's rows have, each with the Python type of its values: the frame of
#: an empty result still has them, and a column of ``None`` only still has its type.
Columns = Mapping[str, type]

#: The columns of an enterprise and of a designation, which many rows begin with.
ENTERPRISE_COLUMNS: Final[Columns] = {
    "credit_code": str,
    "name": str,
    "region_code": str,
    "region_name": str,
}
DESIGNATION_COLUMNS: Final[Columns] = {
    **ENTERPRISE_COLUMNS,
    "level": str,
    "awarded_on": dt.date,
    "expires_on": dt.date,
    "revoked_on": dt.date,
    "batch": int,
    "key": bool,
    "authority": str,
}

#: The extra that brings the frame libraries, and what it is for, as ``MissingExtraError`` says.
_EXTRA: Final = "dataframes"
_PURPOSE: Final = "turning results into data frames (to_arrow, to_polars, to_pandas)"

#: Rows an HTML table shows before it says how many more there are.
HTML_ROWS: Final = 20

_MAX_DIGITS: Final = 76  # decimal256's precision: wider amounts cannot be held exactly


def _module(name: str) -> Any:  # noqa: ANN401 - the frame libraries are optional
    """Import an optional frame library, or raise ``MissingExtraError`` naming the extra."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingExtraError(_EXTRA, name.partition(".")[0], _PURPOSE) from exc


def _columns(rows: Sequence[Mapping[str, object]], declared: Columns | None) -> list[str]:
    """The declared columns, then every other key of the rows, in the order first seen."""
    seen: dict[str, None] = dict.fromkeys(declared or ())
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def _decimal_type(pa: Any, name: str, values: list[Any]) -> Any:  # noqa: ANN401 - pyarrow types
    """The narrowest exact decimal type holding every value of a column (scale: finest digit)."""
    scale = whole = 0
    for value in values:
        if value is None:
            continue
        if not value.is_finite():
            column = Reason(N_("column {name}"), name=name)
            raise InvalidArgumentError(value, column, N_("expected a finite amount"))
        exponent = value.as_tuple().exponent
        scale = max(scale, -exponent)
        whole = max(whole, value.adjusted() + 1)
    digits = max(whole, 1) + scale
    if digits <= 38:
        return pa.decimal128(38, scale)
    if digits <= _MAX_DIGITS:
        return pa.decimal256(_MAX_DIGITS, scale)
    raise InvalidArgumentError(
        digits,
        Reason(N_("digits of column {name}"), name=name),
        Reason(N_("an exact decimal column holds at most {digits} digits"), digits=_MAX_DIGITS),
    )


def _arrow_type(
    pa: Any,  # noqa: ANN401 - pyarrow ships no type information
    name: str,
    values: list[Any],
    declared: type | None,
) -> Any:  # noqa: ANN401
    """The Arrow type of a column from its values' Python types (never a float)."""
    kinds = {type(value) for value in values if value is not None}
    if not kinds:
        if declared is None:
            return pa.null()
        kinds = {declared}
    if len(kinds) == 1:
        (kind,) = kinds
        simple = {str: pa.string(), bool: pa.bool_(), int: pa.int64(), dt.date: pa.date32()}
        if kind in simple:
            return simple[kind]
        if kind is Decimal:
            return _decimal_type(pa, name, values)
    shown = ", ".join(sorted(kind.__name__ for kind in kinds))
    raise InvalidArgumentError(
        shown,
        Reason(N_("types of column {name}"), name=name),
        N_("a column holds one of text, whole numbers, booleans, Decimal or dates (never floats)"),
    )


def records_to_arrow(
    rows: Sequence[Mapping[str, object]],
    columns: Columns | None = None,
) -> Any:  # noqa: ANN401 - no type information
    """Turn rows into a ``pyarrow.Table``, amounts as exact decimals.

    Args:
        rows: plain rows (what ``to_records()`` gives); a key missing from a row is null.
        columns: the columns the rows have and their Python types, so that no rows still give
            the columns, and a column of ``None`` only its type (else ``null``).

    Returns:
        A table with one column per key, in the order first seen: text as ``string``, whole
        numbers as ``int64``, booleans as ``bool``, dates as ``date32`` and ``Decimal`` as
        ``decimal128(38, s)`` (``s`` the finest digit of the column; ``decimal256`` past 38
        digits). Each amount keeps its value exactly.

    Raises:
        MissingExtraError: pyarrow is not installed (the ``dataframes`` extra).
        InvalidArgumentError: a column mixes types, holds a float or another type, or an
            amount too wide to hold exactly.
    """
    pa = _module("pyarrow")
    from littlegiants import _arrays  # noqa: PLC0415 - it needs pyarrow, checked just above

    declared = columns or {}
    arrays = {}
    for name in _columns(rows, columns):
        values = [row.get(name) for row in rows]
        type_ = _arrow_type(pa, name, values, declared.get(name))
        arrays[name] = _arrays.array(values, type_)  # not pa.array: it imports pandas
    return pa.table(arrays)


def records_to_polars(
    rows: Sequence[Mapping[str, object]], columns: Columns | None = None
) -> pl.DataFrame:
    """Turn rows into a ``polars.DataFrame`` with ``Decimal`` amount columns (via Arrow).

    Raises:
        MissingExtraError: pyarrow or polars is not installed (the ``dataframes`` extra).
        InvalidArgumentError: as :func:`records_to_arrow`.
    """
    table = records_to_arrow(rows, columns)
    polars = _module("polars")
    frame: pl.DataFrame = polars.from_arrow(table)
    return frame


def records_to_pandas(
    rows: Sequence[Mapping[str, object]],
    columns: Columns | None = None,
) -> Any:  # noqa: ANN401 - no type information
    """Turn rows into a ``pandas.DataFrame``; amounts are ``Decimal`` objects, dates ``date``.

    Raises:
        MissingExtraError: pyarrow or pandas is not installed (the ``dataframes`` extra).
        InvalidArgumentError: as :func:`records_to_arrow`.
    """
    table = records_to_arrow(rows, columns)
    _module("pandas")
    return table.to_pandas(date_as_object=True)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return html.escape(str(value))


def records_to_html(
    rows: Sequence[Mapping[str, object]],
    *,
    caption: str,
    limit: int = HTML_ROWS,
    total: int | None = None,
) -> str:
    """An HTML table of the first ``limit`` rows, every header and cell escaped.

    Numbers (``Decimal`` and whole numbers) are right-aligned and written exactly; a last line
    says how many rows are left out. ``total``: how many rows the result holds, when ``rows``
    are only its first (a large table is not turned into rows to show ten of them).
    """
    count = len(rows) if total is None else total
    columns = _columns(rows, None)
    lines = ["<table>", f"<caption>{html.escape(caption)}</caption>"]
    heads = "".join(f"<th>{html.escape(name)}</th>" for name in columns)
    lines += [f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    for row in rows[:limit]:
        cells = []
        for name in columns:
            value = row.get(name)
            number = isinstance(value, (Decimal, int)) and not isinstance(value, bool)
            style = ' style="text-align: right"' if number else ""
            cells.append(f"<td{style}>{_cell(value)}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines.append("</tbody>")
    if count > limit:
        lines.append(f"<tfoot><tr><td colspan={len(columns)}>… {count - limit:,} more rows")
        lines[-1] += " (to_records() has them all)</td></tr></tfoot>"
    lines.append("</table>")
    return "\n".join(lines)


def markdown_text(text: str) -> str:
    r"""Plain text (an explanation) as Markdown that shows it as written: escaped, lines kept.

    Every character Markdown or HTML would read as markup is escaped, and each line break is
    kept (a hard break), so the names in an explanation are shown, never interpreted.

    >>> markdown_text("*甲* <b>\n  - 1.5")
    '\\*甲\\* &lt;b&gt;  \n&nbsp; \\- 1\\.5'
    """
    escaped = html.escape(text, quote=False)
    for mark in "\\`*_{}[]()#+-.!|~":
        escaped = escaped.replace(mark, "\\" + mark)
    lines = [line.replace("  ", "&nbsp; ") for line in escaped.split("\n")]
    return "  \n".join(lines)


def flat_record(value: object) -> Row:
    """Any attrs record of the library as a plain row, field by field, under the fields' names.

    A field that has a ``to_record()`` (an enterprise, a designation) adds that row's keys; an
    amount adds its exact ``Decimal`` and, once, its ``currency`` (a second amount in another
    currency adds ``<field>_currency``); a period adds ``<field>_start`` and ``<field>_end``; a
    growth its rate; a region ``<field>_code`` and ``<field>_name``; an enum its value; text,
    numbers, booleans, dates and ``None`` stay as they are; anything else becomes its text.

    >>> from littlegiants.fx import ExchangeRate
    >>> flat_record(ExchangeRate("USD", "CNY", rate="7.1538", on=dt.date(2022, 10, 31)))
    {'base': 'USD', 'quote': 'CNY', 'rate': Decimal('7.1538'), 'on': datetime.date(2022, 10, 31),
     'source': None}
    """
    from littlegiants.growth import Growth  # noqa: PLC0415 - values this floor defines
    from littlegiants.money import Money  # noqa: PLC0415
    from littlegiants.periods import Period  # noqa: PLC0415

    kind = type(value)
    if not attrs.has(kind):
        raise InvalidArgumentError(value, N_("record"), N_("expected a record of the library"))
    row: Row = {}
    for field in attrs.fields(kind):
        name = field.alias or field.name
        item = getattr(value, field.name)
        if hasattr(item, "to_record"):
            row.update(item.to_record())
        elif isinstance(item, Money):
            row[name] = item.amount
            key = "currency" if row.get("currency", item.currency) == item.currency else None
            row[key or f"{name}_currency"] = item.currency
        elif isinstance(item, Period):
            row[f"{name}_start"], row[f"{name}_end"] = item.start, item.end
        elif isinstance(item, Growth):
            row[name] = item.rate
        elif isinstance(item, enum.Enum):
            row[name] = item.value
        elif hasattr(item, "code") and hasattr(item, "name") and not isinstance(item, str):
            row[f"{name}_code"], row[f"{name}_name"] = item.code, item.name
        elif item is None or isinstance(item, (str, int, Decimal, dt.date)):
            row[name] = item
        else:
            row[name] = str(item)
    return row


class Tabular:
    """What every result collection shares: frames and rich display from its ``to_records()``.

    A class mixes this in and defines ``to_records()`` (its rows), ``record_columns`` (their
    columns and types) and ``__repr__`` (one short line, also the HTML table's caption); the
    conversions are this module's, not one per class.
    """

    __slots__ = ()

    #: The columns of :meth:`to_records`' rows and their Python types (see :data:`Columns`).
    record_columns: ClassVar[Columns | None] = None

    def to_records(self) -> list[Row]:
        """The rows of the result (each class says which)."""
        raise NotImplementedError

    def to_arrow(self) -> Any:  # noqa: ANN401 - pyarrow ships no type information
        """The rows as a ``pyarrow.Table`` with exact decimal amounts (:func:`records_to_arrow`).

        Raises:
            MissingExtraError: pyarrow is not installed (the ``dataframes`` extra).
        """
        return records_to_arrow(self.to_records(), self.record_columns)

    def to_polars(self) -> pl.DataFrame:
        """The rows as a ``polars.DataFrame`` with ``Decimal`` amounts (:func:`records_to_polars`).

        Raises:
            MissingExtraError: polars or pyarrow is not installed (the ``dataframes`` extra).
        """
        return records_to_polars(self.to_records(), self.record_columns)

    def to_pandas(self) -> Any:  # noqa: ANN401 - pandas ships no type information
        """The rows as a ``pandas.DataFrame`` of ``Decimal`` amounts (:func:`records_to_pandas`).

        Raises:
            MissingExtraError: pandas or pyarrow is not installed (the ``dataframes`` extra).
        """
        return records_to_pandas(self.to_records(), self.record_columns)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the first rows as an HTML table, captioned by the repr."""
        return records_to_html(self.to_records(), caption=repr(self))
