"""Hypothesis profiles for the test suite.

- ``default``: hypothesis' own settings; examples are random, so a local run keeps exploring.
- ``ci``: the same number of examples, derandomized and without the example database, so a clean
  CI run is reproducible and a landing is never blocked by a rare draw no one can replay. Select
  it with ``HYPOTHESIS_PROFILE=ci`` (``.ci/run`` does); the test command is unchanged.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
