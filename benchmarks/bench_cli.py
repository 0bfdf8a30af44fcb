"""How long the command line takes to start: ``--help``, and ``littlegiants demo``.

Run: ``python benchmarks/bench_cli.py [runs]`` (default 7). Every figure is the median of fresh
processes, the commands taking turns round by round so that a burst of load on the shared
machine touches each of them, with the lowest and highest run:

- ``python -c pass`` (the interpreter alone, the baseline) and ``python -c 'import littlegiants'``;
- ``littlegiants --help`` and ``littlegiants trade --help``: they build the argument parser and
  print, and import nothing a command needs (the loader, babel, pint);
- ``littlegiants demo`` in both locales: the bundled example worked through the library.

Then ``python -X importtime`` of each ``--help`` and of ``python -c pass``: how many modules each
imports, how many of them are littlegiants', and whether the loader, babel or pint is among
them. Targets: ``--help`` imports none of those three; the demo in under a second on a warm
machine. Benchmarks print; they never assert.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

HEAVY = ("littlegiants.io.loader", "babel", "pint")


def seconds(argv: list[str]) -> float:
    """The wall time of one fresh process running ``argv``."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def imported(argv: list[str]) -> list[str]:
    """The modules ``argv`` imports, from ``python -X importtime`` (its standard error)."""
    found = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], check=True, capture_output=True, text=True
    )
    names = []
    for line in found.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            names.append(line.rsplit("|", 1)[1].strip())
    return names


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    python = sys.executable
    cases = {
        "python -c pass": [python, "-c", "pass"],
        "python -c 'import littlegiants'": [python, "-c", "import littlegiants"],
        "littlegiants --help": [python, "-m", "littlegiants", "--help"],
        "littlegiants trade --help": [python, "-m", "littlegiants", "trade", "--help"],
        "littlegiants demo": [python, "-m", "littlegiants", "demo"],
        "littlegiants demo --locale zh_CN": [
            *[python, "-m", "littlegiants", "demo"],
            *["--locale", "zh_CN"],
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    load = os.getloadavg()[0]
    for _ in range(runs):
        for name, argv in cases.items():
            times[name].append(seconds(argv))
    bare = statistics.median(times["python -c pass"])
    after = os.getloadavg()[0]
    print(f"{runs} fresh processes each; load average {load:.2f} before, {after:.2f} after")
    print(f"{'':34} {'median s':>8} {'low':>6} {'high':>6} {'- bare s':>8}")
    for name, found in times.items():
        middle = statistics.median(found)
        print(f"{name:34} {middle:8.3f} {min(found):6.3f} {max(found):6.3f} {middle - bare:8.3f}")
    demo = statistics.median(times["littlegiants demo"])
    print(f"\ndemo target: under 1 s: {'met' if demo < 1 else 'missed'}")

    print(f"\n{'python -X importtime':34} {'modules':>8} {'ours':>6}  heavy")
    for name, argv in (
        ("python -c pass", ["-c", "pass"]),
        ("littlegiants --help", ["-m", "littlegiants", "--help"]),
        ("littlegiants trade --help", ["-m", "littlegiants", "trade", "--help"]),
    ):
        names = imported(argv)
        ours = sum(module.startswith("littlegiants") for module in names)
        heavy = [m for m in HEAVY if any(n == m or n.startswith(m + ".") for n in names)]
        print(f"{name:34} {len(names):8} {ours:6}  {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
