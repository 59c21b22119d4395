"""Where each generated page lives, and relative links between them.

Page paths are built only from plain slugs (escape.is_slug, escape.is_table_name);
a value that is not one gets no page, and nothing links to a page that does not exist.

Raw HTML links are not rewritten by MkDocs, so they must be the final URLs.
mkdocs.yml sets `use_directory_urls: true`: `tables/quotes.md` is served at
`tables/quotes/`.
"""

from __future__ import annotations

import posixpath

from .escape import fragment, is_slug, is_table_name

HOME = "index.md"
# Tables whose rows each get a page of their own: who and what the article talks about.
ENTITY_TABLES = ("actors", "places", "sources")


def table_page(name: str) -> str:
    if not is_table_name(name):
        raise ValueError(f"not a plain table name: {name!r}")
    return f"tables/{name}.md"


def article_page(article_id: str) -> str:
    if not is_slug(article_id):
        raise ValueError(f"not a plain slug: {article_id!r}")
    return f"article/{article_id}.md"


def entity_page(table: str, key: str) -> str | None:
    """The page of one actor, place or cited work; None when the table has no such pages or the id is not a slug."""
    if table not in ENTITY_TABLES or not is_slug(key):
        return None
    return f"{table}/{key}.md"


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
