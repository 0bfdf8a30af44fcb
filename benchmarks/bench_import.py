"""Import cost of littlegiants against the two libraries it cannot do without (attrs and babel).

Run from the project root with the project's virtual environment:

    .venv/bin/python benchmarks/bench_import.py [--runs 21] [--top 12]

Each statement runs in a fresh interpreter (``python -c``), so nothing is cached in memory. The
start-up of a bare ``python -c pass`` is measured the same way and subtracted; the figure is the
median over ``--runs`` runs, the statements taking turns so drift in machine load hits all alike.

The target is ``import littlegiants`` at most twice ``import attrs, babel.numbers``. Because the
package imports its public names on first use (PEP 562), two more rows show what a program pays
when it touches them: ``from littlegiants import Money`` and every name in ``__all__``. ``--top``
lists the slowest modules behind the heaviest row, from ``python -X importtime``. The script
prints; it never asserts.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

#: The project's target for ``import littlegiants``, as a multiple of the baseline import.
TARGET = 2

BARE = "bare interpreter"
BASELINE = "import attrs, babel.numbers"
TARGETED = "import littlegiants"
EVERYTHING = "every public name"

STATEMENTS = {
    BARE: "pass",
    BASELINE: "import attrs, babel.numbers",
    TARGETED: "import littlegiants",
    "from littlegiants import Money": "from littlegiants import Money",
    EVERYTHING: "import littlegiants as lg\nfor name in lg.__all__: getattr(lg, name)",
}


def run_once(statement: str) -> float | None:
    """Return the wall time, in ms, of one fresh ``python -c statement``; None if it failed."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", statement], check=False, capture_output=True, text=True
    )
    elapsed = (time.perf_counter() - start) * 1e3
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  failed: {statement!r}: {last}", file=sys.stderr)
        return None
    return elapsed


def importtime_top(statement: str, top: int) -> list[tuple[int, int, str]]:
    """The ``top`` slowest modules ``statement`` imports: (self µs, cumulative µs, name)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        check=False,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), int(cumulative), name.rstrip()))
    return sorted(rows, key=lambda row: row[1], reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="fresh interpreters per statement")
    parser.add_argument("--top", type=int, default=12, help="slowest modules to list (0: none)")
    args = parser.parse_args()

    for statement in STATEMENTS.values():  # warm the file-system cache and write .pyc files
        run_once(statement)
    times: dict[str, list[float]] = {label: [] for label in STATEMENTS}
    for _ in range(args.runs):
        for label, statement in STATEMENTS.items():
            elapsed = run_once(statement)
            if elapsed is not None:
                times[label].append(elapsed)
    median = {label: statistics.median(values) for label, values in times.items() if values}
    bare = median[BARE]
    base = median[BASELINE] - bare

    print(f"Python {sys.version.split()[0]}; median of {args.runs} fresh interpreters each\n")
    print(f"{'statement':<32} {'total ms':>9} {'import ms':>10} {'vs baseline':>12}")
    for label in STATEMENTS:
        if label not in median:
            print(f"{label:<32} {'failed':>9}")
            continue
        own = median[label] - bare
        ratio = "" if label == BARE else f"{own / base:.2f}x"
        print(f"{label:<32} {median[label]:>9.1f} {own:>10.1f} {ratio:>12}")
    if TARGETED in median:
        ratio = (median[TARGETED] - bare) / base
        verdict = "met" if ratio <= TARGET else "NOT met"
        print(f"\n{TARGETED!r}: {ratio:.2f}x the baseline; target <= {TARGET}x ({verdict})")

    if args.top:
        label = EVERYTHING if EVERYTHING in median else TARGETED
        print(f"\nslowest modules behind {label!r} (python -X importtime, cumulative):")
        print(f"{'cumulative us':>14} {'self us':>9}  module")
        for own, cumulative, name in importtime_top(STATEMENTS[label], args.top):
            print(f"{cumulative:>14} {own:>9}  {name}")


if __name__ == "__main__":
    main()
