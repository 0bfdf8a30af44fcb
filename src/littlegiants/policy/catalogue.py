"""The bundled catalogue of policies: ``load_policy(id)`` and ``policies()``.

Bundled policies live in ``littlegiants/data/policies/<province>/<id>.toml``; each is read once,
held to the catalogue's standard (every source states its kind), and cached.

>>> load_policy("shenzhen-2022").document
'深府〔2022〕31号'
>>> load_policy("atlantis-2030")
Traceback (most recent call last):
...
littlegiants.errors.UnknownPolicyError: No bundled policy 'atlantis-2030': known ids are ...
"""

from __future__ import annotations

import functools
from importlib import resources

from littlegiants.errors import UnknownPolicyError
from littlegiants.policy.incentive import IncentivePolicy

__all__ = ["load_policy", "policies"]


@functools.cache
def _catalogue() -> dict[str, str]:
    root = resources.files("littlegiants") / "data" / "policies"
    found: dict[str, str] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith(".toml"):
                found[entry.name.removesuffix(".toml")] = str(entry)
    return found


@functools.cache
def load_policy(policy_id: str) -> IncentivePolicy:
    """Return the bundled policy with this id (see :func:`policies`).

    Raises:
        UnknownPolicyError: no bundled policy has this id (a ``LookupError``).
    """
    catalogue = _catalogue()
    if policy_id not in catalogue:
        raise UnknownPolicyError(policy_id, tuple(sorted(catalogue)))
    return IncentivePolicy.from_toml(catalogue[policy_id], bundled=True)


def policies() -> tuple[IncentivePolicy, ...]:
    """Return every bundled policy, sorted by id.

    >>> "shenzhen-2022" in [p.id for p in policies()]
    True
    """
    return tuple(load_policy(policy_id) for policy_id in sorted(_catalogue()))
