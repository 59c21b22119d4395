"""Where each generated page lives, and relative links between them.

Raw HTML links are not rewritten by MkDocs, so they must be the final URLs.
mkdocs.yml sets `use_directory_urls: true`: `tables/quotes.md` is served at
`tables/quotes/`.
"""

from __future__ import annotations

import posixpath

from .escape import fragment


def table_page(name: str) -> str:
    return f"tables/{name}.md"


def article_page(article_id: str) -> str:
    return f"article/{article_id}.md"


def page_url(src: str) -> str:
    """Site-root-relative URL of a Markdown page ('' for the home page)."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rel(from_src: str, target: str, anchor: str | None = None) -> str:
    """Link from page `from_src` to `target`: a page (*.md) or a site-root-relative file path."""
    base = page_url(from_src) or "."
    to = page_url(target) if target.endswith(".md") else target
    path = posixpath.relpath(to or ".", base)
    if target.endswith(".md"):
        path = "./" if path == "." else path + "/"
    return path + (f"#{fragment(anchor)}" if anchor else "")
