"""Every error of littlegiants pickles with its fields, even where tblib replaces pickling."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import pytest

from littlegiants import errors
from littlegiants.errors import LittleGiantsError, SourceLocation

LOCATION = SourceLocation("trade.csv", 7, "value")


def _examples() -> list[LittleGiantsError]:
    """One instance of each concrete error class in littlegiants.errors, built from its fields."""
    return [
        errors.InvalidAmountError("12,5x", "it is not a number", LOCATION),
        errors.PolicyFileError("x", "a required key is missing", LOCATION),
        errors.CriteriaFileError("x", "a required key is missing", LOCATION),
        errors.ScenarioFileError("x", "a required key is missing", LOCATION),
        errors.UnknownRuleError("county", "shenzhen-2022", ("national",)),
        errors.CurrencyMismatchError("CNY", "USD", "add"),
        errors.UnknownLocaleError("xx_YY", "no such locale"),
        errors.UnreadableFileError("a.toml", "it is a folder, not a file"),
    ]


class TestPickling:
    @pytest.mark.parametrize("error", _examples(), ids=lambda e: type(e).__name__)
    def test_round_trip_keeps_every_field(self, error: LittleGiantsError) -> None:
        """An error unpickles to the same class, message and fields."""
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own error
        assert (type(error), str(error), error.args) == (type(copy), str(copy), copy.args)

    def test_round_trip_under_tblib(self) -> None:
        """Under tblib's pickling support (dask.distributed installs it), errors keep fields."""
        pytest.importorskip("tblib")
        script = textwrap.dedent(
            """
            import pickle
            from tblib import pickling_support
            from littlegiants import errors
            pickling_support.install()
            error = errors.PolicyFileError("x", "bad", errors.SourceLocation("p.toml", 3, "id"))
            copy = pickle.loads(pickle.dumps(error))
            assert str(copy) == str(error), str(copy)
            print("ok")
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=False
        )
        assert ("ok\n", "") == (done.stdout, done.stderr)
