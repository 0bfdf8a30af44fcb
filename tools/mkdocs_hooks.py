"""MkDocs hooks for the site: doctest examples on the pages shown as console sessions.

The pages' examples are Python fences whose ``>>>`` lines pytest runs as doctests. Shown as
``pycon`` instead of ``python``, their prompts and output are marked as such by the highlighter,
so the copy button (see ``docs/stylesheets/extra.css``) copies the code without them.

After the build, the notebooks page's examples run once more to draw its chart into the built
site (:func:`on_post_build`).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

#: A Python fence whose first line is a doctest prompt.
SESSION = re.compile(r"^```python\n(?=>>> )", re.MULTILINE)


def on_page_markdown(markdown: str, **kwargs: object) -> str:
    """Mark each Python fence that holds a doctest session as a ``pycon`` session."""
    del kwargs
    return SESSION.sub("```pycon\n", markdown)


#: The page whose examples draw a chart into the built site (see :func:`on_post_build`).
NOTEBOOK_PAGE = Path("docs/howto/notebooks.md")


def on_post_build(config: MkDocsConfig, **kwargs: object) -> None:
    """Run the notebooks page's examples again, drawing its chart into the built page's folder.

    The page's doctests take ``site_folder`` from their globals when it is there; the chart
    is then the one the page's own code draws, never a file kept beside it. A failing example
    fails the build.
    """
    del kwargs
    folder = Path(config["site_dir"]) / "howto" / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failed, _ = doctest.testfile(
        str(NOTEBOOK_PAGE),
        module_relative=False,
        globs={"site_folder": folder},
        optionflags=flags,
        report=False,
    )
    if failed:
        msg = f"{NOTEBOOK_PAGE}: {failed} example(s) failed while drawing its chart"
        raise PluginError(msg)
