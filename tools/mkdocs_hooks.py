"""MkDocs hooks for the site: doctest examples on the pages shown as console sessions.

The pages' examples are Python fences whose ``>>>`` lines pytest runs as doctests. Shown as
``pycon`` instead of ``python``, their prompts and output are marked as such by the highlighter,
so the copy button (see ``docs/stylesheets/extra.css``) copies the code without them.
"""

from __future__ import annotations

import re

#: A Python fence whose first line is a doctest prompt.
SESSION = re.compile(r"^```python\n(?=>>> )", re.MULTILINE)


def on_page_markdown(markdown: str, **kwargs: object) -> str:
    """Mark each Python fence that holds a doctest session as a ``pycon`` session."""
    del kwargs
    return SESSION.sub("```pycon\n", markdown)
