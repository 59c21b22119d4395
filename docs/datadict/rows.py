"""A table's rows as a readable list: the columns that matter side by side, every other field one click away.

Each row is a block, not a <tr>: it opens with a heading whose id is the row's
anchor (#row-<key>), so site search indexes every row as its own entry (id,
text, names) and a hit opens that row. A CSS grid lines the blocks up as
columns at desktop widths and stacks them on a phone; assets/datatable.js sorts
and filters them.

Why not a table library: the maintained ones (DataTables, Tabulator, Grid.js)
draw rows from JavaScript data or rebuild the table's DOM, which loses what this
view exists for: rows that are in the page's HTML, each with a stable URL
fragment and a search entry. Sorting and filtering blocks is a few dozen lines.
"""

from __future__ import annotations

from validate.model import Field, Resource

from .escape import code, esc
from .lookup import Site
from .urls import table_page

_NUMERIC = {"integer", "number", "year"}
# Entity tables a row's reference columns point at first (who speaks, who is named, where).
_PREFERRED_TARGETS = ("actors", "places")
_MAX_REFERENCES = 2


def _coded_column(resource: Resource) -> list[str]:
    coded = [f.name for f in resource.fields if f.categories]
    preferred = [n for n in coded if n.endswith("kind") or n == "status"]
    return (preferred or coded)[:1]


def main_columns(resource: Resource, site: Site) -> list[str]:
    """The fields shown side by side: key, words, who or what it refers to, kind; the rest sit in the row's details."""
    columns = list(resource.primary_key)
    for name in ([resource.spans[0].text] if resource.spans else []) + ["name", "title"]:
        if resource.has(name) and name not in columns:
            columns.append(name)
            break
    references = []
    for fk in resource.foreign_keys:
        field = fk.fields[0]
        if len(fk.fields) == 1 and not fk.is_self_reference and fk.resource != site.article_table() and field not in columns:
            references.append((fk.resource not in _PREFERRED_TARGETS, field))
    columns += [field for _, field in sorted(references, key=lambda r: r[0])[:_MAX_REFERENCES]]
    columns += [n for n in _coded_column(resource) if n not in columns]
    return columns


def _role(resource: Resource, name: str, site: Site) -> str:
    if name in resource.primary_key:
        return "id"
    if site.reference(resource, name):
        return "ref"
    if resource.field(name).categories:
        return "code"
    return "text"


_WIDTHS = {"id": "minmax(6.5rem, 0.9fr)", "text": "minmax(0, 3fr)", "ref": "minmax(0, 1.1fr)", "code": "minmax(0, 0.9fr)"}


def value_html(resource: Resource, fld: Field, value: str, page: str, site: Site, named: bool) -> str:
    """A cell: references link to their page (shown by name when `named`), codes and ids as code, text as text."""
    if value == "":
        return ""
    href = site.value_href(page, resource, fld.name, value)
    if href:
        label = site.display(resource, fld.name, value) if named else value
        shown = esc(label) if named and label != value else code(value)
        return f'<a href="{esc(href)}">{shown}</a>'
    if fld.categories or fld.name in resource.primary_key or (" " not in value and len(value) <= 40 and fld.type == "string"):
        return code(value)
    return esc(value)


def _id_cell(resource: Resource, row: dict[str, str], page: str, site: Site) -> str:
    anchor = site.row_anchor(resource, row)
    key = " ".join(site.key_of(resource, row))
    extra = ""
    in_text = site.in_text_href(page, resource, row)
    if in_text:
        extra = f'<a class="dd-in-text" href="{esc(in_text)}" data-search-exclude>in the text</a>'
    elif resource.name == site.article_table() and row.get(resource.primary_key[0]) in site.texts:
        href = site.value_href(page, resource, resource.primary_key[0], row[resource.primary_key[0]])
        extra = f'<a class="dd-in-text" href="{esc(href)}" data-search-exclude>read it</a>' if href else ""
    own = None
    if len(resource.primary_key) == 1:
        own = site.entity_href(page, resource.name, row.get(resource.primary_key[0], ""))
    if own:
        extra += f'<a class="dd-in-text" href="{esc(own)}" data-search-exclude>its page</a>'
    fields = " ".join(resource.primary_key)
    links = f'<span class="dd-row-links" data-search-exclude>{extra}</span>' if extra else ""
    # The heading is the block's first child: search takes everything up to the block's end as this row's entry.
    return (
        f'<h3 class="dd-cell dd-id" id="{esc(anchor)}" data-field="{esc(fields)}" data-label="{esc(fields)}">'
        f'<a class="dd-self" href="#{esc(anchor)}">{code(key)}</a>{links}</h3>'
    )


def _row(resource: Resource, row: dict[str, str], columns: list[str], page: str, site: Site) -> str:
    cells = [_id_cell(resource, row, page, site)]
    for name in columns[len(resource.primary_key):]:
        fld = resource.field(name)
        value = row.get(name, "")
        shown = value_html(resource, fld, value, page, site, named=True)
        raw = f' data-value="{esc(value)}"' if site.reference(resource, name) else ""
        cells.append(
            f'<div class="dd-cell dd-{_role(resource, name, site)}" data-field="{esc(name)}" data-label="{esc(name)}"{raw}>{shown}</div>'
        )
    rest = [f for f in resource.fields if f.name not in columns]
    if rest:
        items = "".join(
            f'<div><dt>{code(f.name)}</dt><dd data-field="{esc(f.name)}">{value_html(resource, f, row.get(f.name, ""), page, site, named=False)}</dd></div>'
            for f in rest
        )
        cells.append(
            f'<details class="dd-more"><summary data-search-exclude>{len(rest)} more fields</summary>'
            f'<dl class="dd-kv">{items}</dl></details>'
        )
    return f'<div class="dd-row">{"".join(cells)}</div>'


def rows_view(resource: Resource, site: Site) -> str:
    page = table_page(resource.name)
    rows = site.rows[resource.name]
    columns = main_columns(resource, site)
    widths = [_WIDTHS["id"]] + [_WIDTHS[_role(resource, n, site)] for n in columns[len(resource.primary_key):]]
    numeric = {f.name for f in resource.fields if f.type in _NUMERIC}
    head = [f'<button type="button" class="dd-sort" data-field="{esc(" ".join(resource.primary_key))}">{code(" ".join(resource.primary_key))}</button>']
    head += [
        f'<button type="button" class="dd-sort" data-field="{esc(n)}"{" data-numeric" if n in numeric else ""}>{code(n)}</button>'
        for n in columns[len(resource.primary_key):]
    ]
    options = "".join(
        f'<option value="{esc(f.name)}"{" data-numeric" if f.name in numeric else ""}>{esc(f.name)}</option>' for f in resource.fields
    )
    table_id = f"rows-{resource.name}"
    controls = (
        f'<div class="dd-controls" data-search-exclude data-rows="{esc(table_id)}">'
        '<label>Filter <input type="search" class="dd-filter" placeholder="words in any field" autocomplete="off"></label>'
        f'<label>Sort by <select class="dd-sort-by"><option value="">file order</option>{options}</select></label>'
        f'<span class="dd-shown">{len(rows)} of {len(rows)} rows</span>'
        '<span class="dd-where" hidden></span></div>'
    )
    body = "".join(_row(resource, row, columns, page, site) for row in rows)
    return (
        f"{controls}"
        f'<div class="dd-rows" id="{esc(table_id)}" style="--dd-cols: {" ".join(widths)}">'
        f'<div class="dd-rows-head" data-search-exclude>{"".join(head)}</div>{body}</div>'
    )
