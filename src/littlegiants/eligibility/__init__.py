"""Eligibility pre-assessment against MIIT's gradient-cultivation criteria (梯度培育).

The 2022 Interim Measures (《优质中小企业梯度培育管理暂行办法》, 工信部企业〔2022〕63号,
2022-06-01) grade high-quality SMEs in three tiers, each with its own published criteria:

- **innovative SMEs** (创新型中小企业, :attr:`Tier.INNOVATIVE_SME`, 附件1): a score out of 100 from
  six indicators, passing at 60 with at least 20 for innovation, 15 for growth and 15 for
  specialisation; or one of four direct-pass conditions (an award, an honour such as 高新技术企业, a
  provincial R&D institution, 500万元 of new equity financing);
- **provincial 专精特新 SMEs** (专精特新中小企业, :attr:`Tier.SRDI_SME`, 附件2): all four conditions
  (2 years in the niche; last year's R&D of 100万元 and 3% of revenue; revenue of 1000万元 or
  2000万元 of financing; an evaluation score of 60 or one of its alternatives);
- **State-level little giants** (专精特新"小巨人"企业, :attr:`Tier.LITTLE_GIANT`, 附件3): all six
  aspects 专、精、特、新、链、品 (specialisation, refinement, distinctiveness, innovation,
  supply-chain role, main-product field), where innovation is met by the general conditions for
  the firm's revenue band or by a direct pass.

The criteria are **dated data**, not constants: ``littlegiants/data/criteria/miit-2022.toml`` holds
every threshold with the source's own words, its URL and its confidence, and the 2025 notice
(工信厅企业函〔2025〕190号) as a dated amendment for little giants assessed from 2025-05-14 to
2025-12-31 (a revenue floor of 5000万元; the 5% growth test waived for re-reviews; exclusion (c)
of single champions and firms tied to a little giant). Article 3's general conditions (registered
with independent legal personality, an SME by the size rules, not on the abnormal-operations list)
are assessed for every tier and reported beside the tier's verdict (:attr:`Assessment.general`),
not inside it. The revised
Measures take effect on 2026-04-01 but their numbers were not found, so an assessment dated from
then, or before 2022-06-01, raises :class:`CriteriaNotAvailableError` rather than applying the
2022 numbers silently.

:func:`assess` checks one :class:`~littlegiants.enterprise.Enterprise` against one tier on a date.
Non-financial facts come from its :class:`~littlegiants.financials.Profile` and figures from its
:class:`~littlegiants.financials.FinancialYear` records; anything unknown (``None``) is never
assumed. Every criterion is :attr:`Verdict.PASS`, :attr:`Verdict.FAIL` or
:attr:`Verdict.UNKNOWN` (the data do not decide it), with the figures used, the threshold and its
source. Conditions are ANDed and alternatives ORed, three-valued: an AND fails if any part fails
and is unknown if none fails but one is unknown; an OR passes if any part passes and fails only if
all fail. Comparisons are exact (``Fraction``/``Decimal``, never ``float``).

>>> from datetime import date
>>> from littlegiants import Enterprise, FinancialYear, Money, Profile
>>> def cny(text):
...     return Money.parse(text)
>>> firm = Enterprise(
...     "示例精密科技有限公司",
...     financials=[
...         FinancialYear(2024, operating_revenue=cny("1200万元"), rd_expense=cny("150万元")),
...     ],
...     profile=Profile(years_in_niche=4),
... )
>>> result = assess(firm, Tier.SRDI_SME, as_of=date(2025, 6, 30), score=72)
>>> result.verdict
<Verdict.PASS: 'pass'>
>>> [(c.id, c.verdict.value) for c in result.criteria]  # doctest: +NORMALIZE_WHITESPACE
[('srdi-sme.niche-years', 'pass'), ('srdi-sme.rd', 'pass'), ('srdi-sme.revenue', 'pass'),
 ('srdi-sme.evaluation', 'pass')]
>>> assess(firm, Tier.SRDI_SME, as_of=date(2025, 6, 30)).verdict  # no score, no alternative
<Verdict.UNKNOWN: 'unknown'>
>>> assess(firm, Tier.LITTLE_GIANT, as_of=date(2025, 6, 30)).find(
...     "little-giant.revenue-floor"
... ).verdict
<Verdict.FAIL: 'fail'>
>>> assess(firm, Tier.SRDI_SME, as_of=date(2026, 4, 1))
Traceback (most recent call last):
...
littlegiants.eligibility.CriteriaNotAvailableError: No eligibility criteria are available for ...
>>> assess(firm, "county", as_of=date(2025, 6, 30))
Traceback (most recent call last):
...
littlegiants.errors.InvalidRecordError: Invalid record 'county': expected a tier: ...

The readings taken where the text leaves a choice (以上 includes the bound, "上年" is the calendar
year before the assessment date, and so on) are data too, listed with the text they interpret in
``docs/eligibility.md``; :func:`render_criteria` writes that page's tables from the same data.

The package, ground floor up (each module imports only those before it in this list, except for
type annotations):

- :mod:`~littlegiants.eligibility.model`: the vocabulary (tiers, verdicts, purposes, phrases);
- ``_words``: the names of figures, fields and levels;
- :mod:`~littlegiants.eligibility.rendering`: explanations and the docs' tables;
- :mod:`~littlegiants.eligibility.results`: what an assessment reports;
- :mod:`~littlegiants.eligibility.checks`: the kinds of test (and ``_toml``, the typed file
  access they read themselves with);
- :mod:`~littlegiants.eligibility.criteria`: the rule data;
- :mod:`~littlegiants.eligibility.scoring`: the innovative-SME score;
- ``_file``: the criteria file's reader;
- :mod:`~littlegiants.eligibility.catalogue`: criteria sets, and the bundled ones;
- :mod:`~littlegiants.eligibility.assessing`: assessing firms.

Each module's ``__all__`` states its public names, once; this package re-exports them all, so
every public name is importable from ``littlegiants.eligibility`` itself.

More information:

- 工信部企业〔2022〕63号, full text (mirror): http://wap.feibaos.com/news/info/76438.html
- Little-giant criteria (附件3): http://www.doulau.com/new-xiangmu/2561.html ;
  http://bjwsht.cn/zlsqbk/743.html ; http://www.qdjlsl.com/s5123274.html ;
  http://maxca.cn/ask/76184.html
- Provincial 专精特新 criteria (附件2): http://nomecha.com/view/449.html ;
  http://www.025house.com.cn/news/shownews.php?id=38
- Innovative-SME evaluation (附件1): http://www.fyss.com.cn/p-article_detail/id-3331.html ;
  http://bet333ios4.com/jiedu/2282.html
- 工信厅企业函〔2025〕190号 (municipal re-issue):
  http://icyc0.7777611.com/bmwz/gxj/tzgg/202505/t20250516_1267173.html
- The revised Measures, effective 2026-04-01: http://en.people.cn/n3/2026/0119/c90000-20415885.html
"""

# Each module's __all__ states its public names; the package re-exports them all.
from littlegiants.eligibility import (
    assessing,
    catalogue,
    checks,
    criteria,
    model,
    rendering,
    results,
    scoring,
)
from littlegiants.eligibility.assessing import *  # noqa: F403 - see the comment above
from littlegiants.eligibility.catalogue import *  # noqa: F403
from littlegiants.eligibility.checks import *  # noqa: F403
from littlegiants.eligibility.criteria import *  # noqa: F403
from littlegiants.eligibility.model import *  # noqa: F403
from littlegiants.eligibility.rendering import *  # noqa: F403
from littlegiants.eligibility.results import *  # noqa: F403
from littlegiants.eligibility.scoring import *  # noqa: F403
from littlegiants.sources import Source  # criteria and results cite it

__all__ = ["Source"]
__all__ += model.__all__
__all__ += rendering.__all__
__all__ += results.__all__
__all__ += checks.__all__
__all__ += criteria.__all__
__all__ += scoring.__all__
__all__ += catalogue.__all__
__all__ += assessing.__all__
