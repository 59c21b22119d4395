"""The home page: what the package holds, row counts, downloads, citation, licence."""

from __future__ import annotations

from . import citation
from .entities import index_page
from .escape import code, esc, link_or_text, md_inline, prose
from .lookup import Site
from .urls import ENTITY_TABLES, HOME, article_page, rel, table_page

PAGE = HOME
DOWNLOADS = "downloads"  # site folder holding the release archive and its SHA256SUMS
USE_PAGE = "use-the-data.md"


def _tables(site: Site) -> str:
    items = []
    for r in site.resources.values():
        pages = ""
        if r.name in ENTITY_TABLES:
            pages = f' · <a href="{esc(rel(PAGE, index_page(r)))}">a page each</a>'
        items.append(
            f'<li><a href="{esc(rel(PAGE, table_page(r.name)))}"><strong>{esc(r.title)}</strong></a> '
            f'<span class="dd-meta">{len(site.rows[r.name])} rows · <a href="{esc(rel(PAGE, r.path))}" download>{esc(r.path.rsplit("/", 1)[-1])}</a>{pages}</span>'
            f"<br>{prose(r.description)}</li>"
        )
    return f'<ul class="dd-tables">{"".join(items)}</ul>'


def _articles(site: Site) -> str:
    table = site.article_table()
    items = []
    for row in site.rows.get(table or "", []):
        article_id = row.get(site.model.texts.key if site.model.texts else "", "")
        if article_id in site.texts:
            items.append(f'<li><a href="{esc(rel(PAGE, article_page(article_id)))}">{esc(row.get("title") or article_id)}</a></li>')
    return f'<ul>{"".join(items)}</ul>' if items else "<p>The package holds no article text.</p>"


def _downloads(archive: str) -> str:
    zip_href = rel(PAGE, f"{DOWNLOADS}/{archive}")
    sums_href = rel(PAGE, f"{DOWNLOADS}/SHA256SUMS")
    whole = (
        f'<li>The whole package as one archive: <a href="{esc(zip_href)}" download>{esc(archive)}</a> '
        f'(checksum: <a href="{esc(sums_href)}">SHA256SUMS</a>; the archive holds its own SHA256SUMS for every file in it)</li>'
        if archive else ""
    )
    return (
        "<ul>"
        f"{whole}"
        f'<li>The package descriptor: <a href="{esc(rel(PAGE, "datapackage.json"))}">datapackage.json</a> '
        "(this site is itself a Frictionless data package: point a tool at that URL)</li>"
        "<li>Each table's CSV: see the list above, or the top of each table page</li>"
        f'<li>How to load it in pandas, polars, DuckDB, R and frictionless: <a href="{esc(rel(PAGE, USE_PAGE))}">Use the data</a></li>'
        "</ul>"
    )


def _licence(site: Site) -> str:
    items = []
    for lic in site.model.descriptor.get("licenses", []):
        if not isinstance(lic, dict):
            continue
        title = lic.get("title") or lic.get("name", "")
        items.append(f'<li>{link_or_text(lic.get("path", ""), title)} ({code(lic.get("name", ""))})</li>')
    note = site.model.descriptor.get("x-licence-notes", "")
    return f'<ul>{"".join(items)}</ul>' + (f'<p class="dd-licence-note">{prose(str(note))}</p>' if note else "")


def render(site: Site, archive: str) -> str:
    meta = site.model.descriptor
    return "\n\n".join([
        f"# {md_inline(site.model.title)}",
        f'<p class="dd-lead">{prose(str(meta.get("description", "")))}</p>',
        f'<p class="dd-meta">Package {code(site.model.name)} · version <strong>{esc(site.model.version)}</strong>'
        + (f" · created {esc(meta['created'])}" if meta.get("created") else "") + "</p>",
        "## What it holds",
        _tables(site),
        "## The annotated text",
        _articles(site),
        "## Downloads",
        _downloads(archive),
        "## How to cite",
        citation.render(site.model),
        "## Licence",
        _licence(site),
    ]) + "\n"
