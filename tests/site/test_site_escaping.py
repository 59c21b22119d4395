"""Hostile but well-formed data is shown as text on the site, never run, rendered as markup or used as a path.

The site is built from hostile.py's package (markup, template syntax, odd Unicode, a
100,000-character cell, a javascript: licence link, a coded field whose name is an
attribute list, an actor id that climbs out of its folder). The build must survive,
and the pages and the search index are read here as a browser would act on them;
test_site_browser.py loads every page in Chromium.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hostile import BAD_ID, FIELD, IMG, JS_URL, LONG, MARK, SCRIPT, SECOND_ARTICLE, TEMPLATE
from sitebuild import REPO, hostile_root, hostile_site, page_text, pages, search_index


class _Markup(HTMLParser):
    """What a browser would act on: script bodies, event handlers, link targets, injected elements, emphasis."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.injected: list[str] = []
        self.emphasis: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"{tag} {k}={v}" for k, v in attrs if k.startswith("on")]
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]
        self.injected += [tag for k, _ in attrs if k in ("data-pwned", "autofocus")]
        self._in = tag if tag in ("script", "strong", "em", "title") else None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in in ("strong", "em"):
            self.emphasis.append(data)


def _markup(path: Path) -> _Markup:
    parser = _Markup()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site() -> Path:
    return hostile_site()


def test_no_page_carries_a_script_handler_link_or_element_from_the_data(site):
    checked = 0
    for page in pages(site):
        found = _markup(site / page)
        assert not [s for s in found.scripts if MARK in s], page
        assert found.handlers == [], page
        assert found.injected == [], page
        assert not [h for h in found.hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], page
        assert "bold" not in found.emphasis, page
        checked += 1
    assert checked > 20


def test_values_are_shown_as_their_literal_text(site):
    home = page_text(site / "index.html")
    assert SCRIPT in home and IMG in home  # the package description, shown as words
    actors = page_text(site / "tables" / "actors" / "index.html")
    assert SCRIPT in actors and TEMPLATE in actors
    quotes = page_text(site / "tables" / "quotes" / "index.html")
    assert LONG in quotes  # a 100,000-character cell, whole
    assert FIELD in quotes  # the coded field's name, as its name
    second = page_text(site / "article" / SECOND_ARTICLE / "index.html")
    assert (hostile_root() / "data" / "source" / f"{SECOND_ARTICLE}.txt").read_text(encoding="utf-8").strip() in second


def test_configuration_values_are_escaped_once(site):
    """The theme prints site name, footer and nav titles unescaped: the generator hands it escaped text, as YAML data."""
    config = yaml.safe_load((site.parent / "build" / "mkdocs.nav.yml").read_text(encoding="utf-8"))
    meta = json.loads((hostile_root() / "datapackage.json").read_text(encoding="utf-8"))
    assert html.unescape(config["site_name"]) == " ".join(meta["title"].split())
    assert "<" not in config["site_name"] + config["site_description"] + config["copyright"]
    home = (site / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", home, re.S)
    assert title and "<" not in title.group(1) and "&lt;script&gt;" in title.group(1)
    # Every page's own title (front matter) is escaped too: an article title reaches <title> and the nav.
    article = (site / "article" / SECOND_ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "&lt;svg data-pwned" in re.search(r"<title>(.*?)</title>", article, re.S).group(1)


def test_only_http_links_are_clickable(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert JS_URL not in re.findall(r'href="([^"]*)"', home)
    assert html.escape(JS_URL) in home  # shown, as text


def test_an_id_that_is_not_a_slug_makes_no_page_and_no_path(site):
    root = site.parent
    outside = [p for p in root.parent.rglob("escaped-actor*")]
    assert outside == []
    assert not (site / "actors" / BAD_ID).exists()
    # Its row is still shown, with no link to a page of its own.
    actors = (site / "tables" / "actors" / "index.html").read_text(encoding="utf-8")
    assert html.escape(BAD_ID) in actors and f'href="../../actors/{html.escape(BAD_ID)}/"' not in actors


def test_search_index_keeps_payloads_escaped(site):
    # Material shows search results as HTML, so the index must hold the escaped form.
    texts = " ".join(doc["text"] + doc["title"] for doc in search_index(site))
    assert MARK in texts
    assert SCRIPT not in texts and IMG not in texts and "<svg" not in texts


def test_the_hostile_package_is_one_the_validator_accepts():
    """The site must survive whatever the validator accepts: these payloads are all within that."""
    run = subprocess.run([sys.executable, "-m", "validate", str(hostile_root()), "--format", "json"],
                         cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-2000:]
