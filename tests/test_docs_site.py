"""The documentation site as a reader in China meets it: built strictly, searchable in Chinese.

One strict build (every warning an error) into a temporary folder, then checks of what it holds:
Chinese search terms indexed as words on every page that uses them, nothing loaded from outside
hosts, no raw Sphinx roles in the API reference, no private modules or build helpers published,
and console sessions marked so the copy button leaves prompts and output behind.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mkdocs", reason="the docs extra (pip install -e '.[docs]') builds the site")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once, strictly, and return its folder."""
    folder = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", folder],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    problems = [line for line in done.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert (0, []) == (done.returncode, problems), done.stderr
    return folder


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _search_pages(site: Path) -> dict[str, tuple[str, set[str]]]:
    """Each page's indexed text (segmentation marks removed) and its tokens, as lunr cuts them.

    The index's own separator splits the text, as Material's tokenizer does in the browser; the
    pipeline (stemmer, stop words) leaves Chinese words as they are.
    """
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    pages: dict[str, tuple[str, set[str]]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text = html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}"))
        seen, tokens = pages.get(page, ("", set()))
        tokens |= {token.lower() for token in separator.split(text) if token}
        pages[page] = (seen + text.replace("\u200b", ""), tokens)
    return pages


class TestChineseSearch:
    @pytest.mark.parametrize("term", ["复核", "小巨人", "认定"])
    def test_term_is_a_word_on_every_page_that_holds_it(self, site: Path, term: str) -> None:
        """Every page whose text holds the term has it as an indexed word, so search finds it."""
        pages = _search_pages(site)
        holding = sorted(page for page, (text, _) in pages.items() if term in text)
        found = sorted(page for page in holding if term in pages[page][1])
        assert holding, f"no page mentions {term}: the test would check nothing"
        assert holding == found

    def test_chinese_text_is_segmented(self, site: Path) -> None:
        """The index holds Chinese words, not whole sentences: jieba ran at build time."""
        tokens = set().union(*(tokens for _, tokens in _search_pages(site).values()))
        assert {"专精特新", "小巨人", "中小企业"} <= tokens


class TestSelfContained:
    def test_no_outside_fonts_or_hosts(self, site: Path) -> None:
        """No page loads fonts or scripts from Google or any other host."""
        outside = re.compile(r"""(?:src|href)=["']https?://(?!www\.mkdocs\.org|squidfunk)""")
        loaded = [
            str(page.relative_to(site))
            for page in _pages(site)
            if "fonts.googleapis" in page.read_text(encoding="utf-8")
            or outside.search(
                "".join(re.findall(r"<(?:link|script)[^>]*>", page.read_text(encoding="utf-8")))
            )
        ]
        assert [] == loaded

    def test_no_placeholder_repository(self, site: Path) -> None:
        """The header links no repository: the project has no public one to link to yet."""
        assert [] == [p.name for p in _pages(site) if 'class="md-source"' in p.read_text("utf-8")]


class TestApiReference:
    def test_no_raw_roles(self, site: Path) -> None:
        """No Sphinx role (:class:`…`) is printed as written: each became a link or code."""
        role = re.compile(r":(?:class|meth|func|attr|mod|exc|data|obj|const):`")
        assert [] == [str(p.relative_to(site)) for p in _pages(site) if role.search(p.read_text())]

    def test_roles_became_links(self, site: Path) -> None:
        """Cross-references resolve to the reference's own anchors."""
        page = (site / "reference" / "domain" / "index.html").read_text(encoding="utf-8")
        assert 'href="#littlegiants.regions.Region"' in page

    def test_no_private_modules_or_helpers(self, site: Path) -> None:
        """No private module (littlegiants._x) is documented; no Python file is published."""
        private = re.compile(r'id="littlegiants\._')
        documented = [
            str(p.relative_to(site)) for p in _pages(site) if private.search(p.read_text())
        ]
        published = [str(p.relative_to(site)) for p in site.rglob("*.py")]
        assert ([], []) == (documented, published)


class TestCopyButtons:
    def test_sessions_mark_prompts_and_output(self, site: Path) -> None:
        """Doctest sessions on the pages are console sessions: prompts and output are marked."""
        page = (site / "money" / "index.html").read_text(encoding="utf-8")
        assert ('<span class="gp">&gt;&gt;&gt; </span>' in page, 'class="go"' in page) == (
            True,
            True,
        )

    def test_copying_hides_prompts_and_output(self, site: Path) -> None:
        """The site's stylesheet hides prompts and output while a block is being copied."""
        css = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
        assert re.search(r"\[data-md-copying\] \.gp,\s*\[data-md-copying\] \.go\s*\{", css)


class TestNotebookChart:
    def test_the_chart_is_drawn_by_the_pages_own_code(self, site: Path) -> None:
        """The build runs the notebooks page's examples, which draw the chart beside the page."""
        folder = site / "howto" / "notebooks"
        chart = folder / "payouts-by-district.png"
        assert b"\x89PNG\r\n\x1a\n" == chart.read_bytes()[:8]
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert '<img src="payouts-by-district.png"' in page
        assert not list((ROOT / "docs").rglob("payouts-by-district.png")), "drawn, never kept"
