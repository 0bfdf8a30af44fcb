"""Arrow arrays, scalars and groupings built without importing pandas.

pyarrow asks pandas whether an object is "array-like" before it converts it (``pa.array``,
``pa.scalar``, a compute function given a Python value such as ``2``), a NumPy array included,
and so imports pandas on the first such call of a process when pandas is installed. Grouping a
table (``Table.group_by``) imports ``pyarrow.acero``, which imports ``pyarrow.dataset``, which
imports pandas too. Reading, checking and summarising trade (``littlegiants.io``) and turning
results into Arrow or polars frames (:mod:`littlegiants.frames`) use nothing of pandas, and
that import cost a ``TradeTable`` 0.2-0.3 s and 35-50 MiB here (``benchmarks/README.md``), so
they build what they need with these functions:

- :func:`array` (and :func:`scalar`) lay Python values into Arrow's buffers themselves: whole
  numbers through NumPy, at any length; text, dates, flags and decimals one by one, up to
  :data:`CONVERTER_FROM` values (what the checks make, a column's distinct values; a report
  of a few thousand firms). A longer list of those (a million records' amounts) goes to
  pyarrow's own converter, four times as fast a value, which pays for pandas' import once.
  The result is the same either way (``tests/test_arrow_arrays.py`` holds them equal,
  refusals included), but for a decimal pyarrow mishandles: laid out here, it is held
  exactly or refused (see :func:`_decimals`);
- :func:`group_by` declares the grouping on Acero's nodes, as ``Table.group_by`` does, with
  the classes ``pyarrow.acero`` takes from ``pyarrow._acero``.

Once pandas is imported (by the user, or by a long list), asking is free, and every array goes
to pyarrow's converter; so it does where pandas is not installed (the ``arrow`` extra alone:
pyarrow then tries the import once, and fails at no cost). Without NumPy (pyarrow does not
require it) pandas cannot be installed either.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final

import pyarrow as pa
from pyarrow import _acero

try:
    import numpy as np
except ImportError:  # pragma: no cover - the test environment has NumPy (pandas needs it)
    _NUMPY = False
else:
    _NUMPY = True

__all__ = ["CONVERTER_FROM", "array", "group_by", "number", "scalar", "text"]

#: From this many values, text, dates, flags and decimals go to pyarrow's converter. Laying
#: them out here costs about 0.1 us a text and 0.4 us a decimal more than it; 16,384 of them
#: cost a few milliseconds more, against 0.2-0.3 s for importing pandas once.
CONVERTER_FROM: Final = 16_384
#: Days from 0001-01-01 (``date.toordinal() == 1``) to 1970-01-01, Arrow's day 0.
_EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()


def array(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """An Arrow array of ``type_`` holding Python ``values``: ``pa.array(values, type_)``.

    Raises:
        pyarrow.ArrowInvalid: a value that does not fit ``type_`` (a decimal with more places
            or digits than it holds, a number out of its range), as ``pa.array`` does.
        pyarrow.ArrowTypeError: a value of another kind (text for a number), as ``pa.array``.
    """
    if _asking_is_free():
        return pa.array(values, type_)
    return _laid_out(values, type_)


def _asking_is_free() -> bool:
    """Whether pyarrow may ask pandas: it is imported already, or is not installed."""
    return not _PANDAS or "pandas" in sys.modules


def _installed(name: str) -> bool:
    """Whether a module can be found on the path (found, not imported)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a finder that refuses it, or a broken entry
        return False


def _laid_out(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """``pa.array(values, type_)``, laid out here where that spares asking pandas."""
    if not values or pa.types.is_null(type_):
        return pa.nulls(len(values), type_)
    if pa.types.is_integer(type_):
        return _numbers(values, type_)
    layout = _LAYOUTS.get(type_.id)
    if layout is None or len(values) >= CONVERTER_FROM:
        return pa.array(values, type_)
    return layout(values, type_)


def scalar(value: Any, type_: pa.DataType) -> pa.Scalar:  # noqa: ANN401 - any value Arrow takes
    """An Arrow scalar of ``type_`` holding a Python ``value``: ``pa.scalar(value, type_)``."""
    return array([value], type_)[0]


def number(value: int) -> pa.Scalar:
    """A whole number as a compute function takes one (``int64``, as ``pa.scalar(value)``)."""
    return scalar(value, pa.int64())


def text(value: str) -> pa.Scalar:
    """A text as a compute function takes one (``string``, as ``pa.scalar(value)``)."""
    return scalar(value, pa.string())


def group_by(
    table: pa.Table, keys: str | Sequence[str], aggregations: Sequence[tuple[str, str]]
) -> pa.Table:
    """``table.group_by(keys).aggregate(aggregations)``, without pyarrow's pandas import.

    The result holds each ``(column, function)`` pair's result, named ``column_function`` as
    pyarrow names it, then the keys' columns.
    """
    named = [
        ([column], f"hash_{function}", None, f"{column}_{function}")
        for column, function in aggregations
    ]
    steps = [
        _acero.Declaration("table_source", _acero.TableSourceNodeOptions(table)),
        _acero.Declaration(
            "aggregate",
            _acero.AggregateNodeOptions(named, keys=[keys] if isinstance(keys, str) else keys),
        ),
    ]
    return _acero.Declaration.from_sequence(steps).to_table(use_threads=True)


def _nulls(values: Sequence[Any]) -> Any:  # noqa: ANN401 - NumPy's array
    """Where ``values`` holds ``None``: a NumPy array of flags (``None`` when nowhere)."""
    if not any(value is None for value in values):
        return None
    return np.fromiter((value is None for value in values), dtype=bool, count=len(values))


def _built(type_: pa.DataType, count: int, buffers: list[pa.Buffer], nulls: Any) -> pa.Array:  # noqa: ANN401
    """An array of ``count`` values from its value ``buffers``, null where ``nulls`` is set."""
    null_count = int(nulls.sum()) if nulls is not None else 0
    validity = None
    if null_count:
        validity = pa.py_buffer(np.packbits(~nulls, bitorder="little"))
    return pa.Array.from_buffers(type_, count, [validity, *buffers], null_count=null_count)


def _numbers(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """Whole numbers (``int``, ``None`` for a null: the checks' codes and row numbers).

    NumPy reads the list in C (a Python pass over a million indices would cost 25 ms more).
    What it does not hold as whole numbers (text, flags, fractions, more than 64 bits) goes to
    ``pa.array``, whose answer it is.
    """
    numbers = np.array(values)
    nulls = None
    if numbers.dtype == object:  # None among them, or numbers beyond 64 bits
        nulls = numbers == None  # noqa: E711 - NumPy compares each element
        numbers[nulls] = 0
        numbers = np.array(numbers.tolist())  # whole numbers again, or what NumPy makes of them
    if numbers.dtype.kind not in "iu" or numbers.ndim != 1:
        return pa.array(values, type_)
    kind = "i" if pa.types.is_signed_integer(type_) else "u"
    bounds = np.iinfo(np.dtype(f"{kind}{type_.bit_width // 8}"))
    if numbers.min() < bounds.min or numbers.max() > bounds.max:
        return pa.array(values, type_)  # out of the type's range: its error
    held = numbers.astype(bounds.dtype)
    return _built(type_, len(values), [pa.py_buffer(held)], nulls)


def _texts(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """Text (``pa.string()``), laid out as Arrow holds it: offsets, then the UTF-8 bytes."""
    nulls = None
    try:
        encoded = list(map(str.encode, values))
    except TypeError:  # a None among them (or not text)
        nulls = _nulls(values)
        try:
            encoded = [b"" if value is None else value.encode() for value in values]
        except (AttributeError, UnicodeEncodeError):  # not text, or a lone surrogate
            return pa.array(values, type_)  # its answer
    except UnicodeEncodeError:  # a lone surrogate: its answer
        return pa.array(values, type_)
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    if offsets[-1] >= 2**31:  # beyond a string array's 32-bit offsets: its answer
        return pa.array(values, type_)
    buffers = [pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(b"".join(encoded))]
    return _built(type_, len(values), buffers, nulls)


def _flags(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """Flags (``pa.bool_()``), a bit each."""
    if not all(value is None or type(value) is bool for value in values):
        return pa.array(values, type_)
    bits = np.fromiter((value is True for value in values), dtype=bool, count=len(values))
    buffers = [pa.py_buffer(np.packbits(bits, bitorder="little"))]
    return _built(type_, len(values), buffers, _nulls(values))


def _dates(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """Dates (``pa.date32()``), as days since 1970-01-01."""
    if not all(value is None or type(value) is dt.date for value in values):
        return pa.array(values, type_)
    days = np.fromiter(
        (0 if value is None else value.toordinal() - _EPOCH_ORDINAL for value in values),
        dtype=np.int32,
        count=len(values),
    )
    return _built(type_, len(values), [pa.py_buffer(days)], _nulls(values))


def _decimals(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    """Decimals (``decimal128``/``decimal256``), each a two's-complement integer at the scale.

    A decimal is held exactly or refused (``ArrowInvalid``): one with a digit finer than the
    scale or more digits than the precision. pyarrow refuses those too, but not always:
    measured with pyarrow 26, it takes ``9.999999999999917497870561418306160E-33`` as 0 and
    crashes the process on ``1E-999999999``; so they are refused here, never handed on.
    """
    width = type_.byte_width
    whole: list[int] = []
    for value in values:
        if value is None:
            whole.append(0)
            continue
        if type(value) is not Decimal or not value.is_finite():
            return pa.array(values, type_)  # another kind (an int, NaN): its answer
        whole.append(_unscaled(value, type_))
    data = b"".join(number.to_bytes(width, "little", signed=True) for number in whole)
    return _built(type_, len(values), [pa.py_buffer(data)], _nulls(values))


def _unscaled(value: Decimal, type_: pa.DataType) -> int:
    """The whole number ``value`` is at ``type_``'s scale (``1.5`` at 7 places: 15000000).

    Raises:
        pyarrow.ArrowInvalid: ``value`` has a digit finer than the scale, or more digits than
            the precision.
    """
    precision = int(type_.precision)
    sign, digits, exponent = value.as_tuple()
    number = int("".join(map(str, digits)))
    if not number:
        return 0
    shift = int(exponent) + int(type_.scale)  # places the digits move left at the scale
    if -shift >= len(digits) or (shift < 0 and number % _power(-shift)):
        message = f"Rescaling Decimal value would cause data loss: {value} as {type_}"
        raise pa.ArrowInvalid(message)
    if shift > precision:  # too wide, told before 10**shift is made (1E+999999999)
        raise _too_wide(value, type_)
    number = number // _power(-shift) if shift < 0 else number * _power(shift)
    if number >= _power(precision):
        raise _too_wide(value, type_)
    return -number if sign else number


def _too_wide(value: Decimal, type_: pa.DataType) -> pa.ArrowInvalid:
    return pa.ArrowInvalid(f"Decimal value does not fit the precision: {value} as {type_}")


def _power(places: int) -> int:
    """``10**places`` for ``places`` of at least 0."""
    power: int = 10**places
    return power


_LAYOUTS: Final[dict[int, Callable[[Sequence[Any], pa.DataType], pa.Array]]] = {
    pa.string().id: _texts,
    pa.bool_().id: _flags,
    pa.date32().id: _dates,
    pa.decimal128(1, 0).id: _decimals,
    pa.decimal256(1, 0).id: _decimals,
}

#: Whether pandas can be imported at all: when it cannot, pyarrow's question costs nothing (it
#: tries once), and every array goes to its converter, the faster. Found once, not imported.
_PANDAS: Final = _NUMPY and _installed("pandas")
