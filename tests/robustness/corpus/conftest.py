"""The hostile-file corpus is data for tests/robustness, never tests itself.

Nothing under this folder is collected: broken ``*.scenarios.toml`` files would otherwise be run
by the scenario plugin, and ``*.md`` or ``*.py`` files by the doctest collectors.
"""

collect_ignore_glob = ["*"]
