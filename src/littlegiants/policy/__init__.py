"""Incentive policies and what they pay: the rules floor of littlegiants.

The package's modules, ground floor up (each imports only from the ones before it):

- :mod:`~littlegiants.policy.model`: the words of a policy (zones, conditions, combinations,
  statuses, bilingual reasons);
- :mod:`~littlegiants.policy.rules`: the rule kinds, each owning its fields, events, gates,
  entitlement and explanation;
- :mod:`~littlegiants.policy.terms`: a policy's terms as data;
- :mod:`~littlegiants.policy.engine`: payouts, items, the ledger and the engine;
- :mod:`~littlegiants.policy.budget`: what a population costs, and how sure that is;
- :mod:`~littlegiants.policy.reader`: reading policy files;
- :mod:`~littlegiants.policy.incentive`: :class:`IncentivePolicy`, the terms read, evaluated and
  costed;
- :mod:`~littlegiants.policy.catalogue`: the bundled policies;
- :mod:`~littlegiants.policy.render`: policy tables for people;
- :mod:`~littlegiants.policy.sets`: policies stacked across issuers (:class:`PolicySet`) and
  compared with a reform;
- :mod:`~littlegiants.policy.matching`: a firm matched against the catalogue (:func:`match`).

Each module states its public names once, in its ``__all__``; this package exports them all.

>>> from littlegiants.policy import load_policy
>>> load_policy("shenzhen-2022").rule("national").explain(locale="zh_CN")
'国家级认定：最高¥500,000.00'
"""

from littlegiants.policy import (
    budget,
    catalogue,
    engine,
    incentive,
    matching,
    model,
    render,
    rules,
    sets,
    terms,
)
from littlegiants.policy.budget import *  # noqa: F403 - each module lists its names once
from littlegiants.policy.catalogue import *  # noqa: F403
from littlegiants.policy.engine import *  # noqa: F403
from littlegiants.policy.incentive import *  # noqa: F403
from littlegiants.policy.matching import *  # noqa: F403
from littlegiants.policy.model import *  # noqa: F403
from littlegiants.policy.render import *  # noqa: F403
from littlegiants.policy.rules import *  # noqa: F403
from littlegiants.policy.sets import *  # noqa: F403
from littlegiants.policy.terms import *  # noqa: F403

__all__: list[str] = []
__all__ += model.__all__
__all__ += rules.__all__
__all__ += terms.__all__
__all__ += engine.__all__
__all__ += budget.__all__
__all__ += incentive.__all__
__all__ += catalogue.__all__
__all__ += render.__all__
__all__ += sets.__all__
__all__ += matching.__all__
