"""Regenerate the golden policy snapshots: ``python tests/golden/update.py``.

Run it after a deliberate change to bundled policy data, and review the diff it produces.
"""

from pathlib import Path

from littlegiants import policies
from littlegiants.policy import render_policy

HERE = Path(__file__).parent

if __name__ == "__main__":
    for policy in policies():
        target = HERE / f"{policy.id}.txt"
        target.write_text(render_policy(policy, locale="en_US") + "\n", encoding="utf-8")
        print(f"wrote {target}")  # noqa: T201 - a script for people
