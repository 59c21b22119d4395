"""The home page: what the package holds, row counts, downloads, citation, licence."""

from __future__ import annotations

from . import citation
from .escape import esc, md_inline, prose
from .load import Package
from .urls import article_page, rel, table_page

PAGE = "index.md"
DOWNLOADS = "downloads"  # site folder holding the release archive and its SHA256SUMS


def _tables(package: Package) -> str:
    body = []
    for t in package.tables.values():
        body.append(
            f'<tr><td><a href="{esc(rel(PAGE, table_page(t.name)))}">{esc(t.title)}</a></td>'
            f'<td class="dd-count">{len(t.rows)}</td><td>{prose(t.description)}</td>'
            f'<td><a href="{esc(rel(PAGE, t.path))}" download>{esc(t.path.rsplit("/", 1)[-1])}</a></td></tr>'
        )
    head = "<tr><th>Table</th><th>Rows</th><th>One row is</th><th>CSV</th></tr>"
    return f'<table data-dd="tables"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def _articles(package: Package) -> str:
    items = [
        f'<li><a href="{esc(rel(PAGE, article_page(row["article_id"])))}">{esc(row.get("title") or row["article_id"])}</a></li>'
        for row in package.tables["articles"].rows
        if row["article_id"] in package.texts
    ] if "articles" in package.tables else []
    return f'<ul>{"".join(items)}</ul>' if items else ""


def _downloads(package: Package, archive: str) -> str:
    zip_href = rel(PAGE, f"{DOWNLOADS}/{archive}")
    sums_href = rel(PAGE, f"{DOWNLOADS}/SHA256SUMS")
    return (
        "<ul>"
        f'<li>The whole package as one archive: <a href="{esc(zip_href)}" download>{esc(archive)}</a> '
        f'(checksum: <a href="{esc(sums_href)}">SHA256SUMS</a>; the archive holds its own SHA256SUMS for every file in it)</li>'
        f'<li>The package descriptor: <a href="{esc(rel(PAGE, "datapackage.json"))}">datapackage.json</a> '
        "(this site is itself a Frictionless data package: point a tool at that URL)</li>"
        "<li>Each table's CSV: see the table above, or the top of each table page</li>"
        "</ul>"
    )


def _licence(package: Package) -> str:
    items = [
        f'<li><a href="{esc(lic.get("path", ""))}">{esc(lic.get("title") or lic.get("name", ""))}</a> (<code>{esc(lic.get("name", ""))}</code>)</li>'
        for lic in package.meta.get("licenses", [])
    ]
    note = package.meta.get("x-licence-notes", "")
    return f'<ul>{"".join(items)}</ul>' + (f'<p class="dd-licence-note">{prose(note)}</p>' if note else "")


def render(package: Package, archive: str) -> str:
    meta = package.meta
    return "\n\n".join([
        f"# {md_inline(meta.get('title', package.name))}",
        f'<p class="dd-lead">{prose(meta.get("description", ""))}</p>',
        f'<p class="dd-meta">Package <code>{esc(package.name)}</code> · version <strong>{esc(package.version)}</strong>'
        + (f" · created {esc(meta['created'])}" if meta.get("created") else "") + "</p>",
        "## What it holds",
        _tables(package),
        "## The annotated article",
        _articles(package),
        "## Downloads",
        _downloads(package, archive),
        "## How to cite",
        citation.render(package),
        "## Licence",
        _licence(package),
    ]) + "\n"
