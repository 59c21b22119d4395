"""All of a table's rows as one HTML table, sortable and filterable by assets/datatable.js."""

from __future__ import annotations

from .anchors import highlight_id, is_span_table, row_id, row_id_for_key
from .escape import esc
from .load import Package, Table
from .urls import article_page, rel, table_page

_NUMERIC = {"integer", "number", "year"}


def _fk_links(table: Table, package: Package) -> dict[str, tuple[str, str]]:
    """field name -> (referenced table, its field), for single-field foreign keys."""
    links = {}
    for fk in table.foreign_keys:
        if len(fk.fields) == 1 and fk.resource in package.tables:
            links[fk.fields[0]] = (fk.resource, fk.ref_fields[0])
    return links


def _td(value: str) -> str:
    """Ids stay on one line and long texts get room, so rows stay readable."""
    if " " not in value and len(value) <= 48:
        return '<td class="dd-nowrap">'
    return '<td class="dd-long">' if len(value) > 60 else "<td>"


def _cell(value: str, name: str, fk_links: dict, page: str, package: Package) -> str:
    if value == "":
        return "<td></td>"
    target = fk_links.get(name)
    if target and package.tables[target[0]].primary_key == [target[1]]:
        href = rel(page, table_page(target[0]), row_id_for_key([value]))
        return f'{_td(value)}<a href="{esc(href)}">{esc(value)}</a></td>'
    return f"{_td(value)}{esc(value)}</td>"


def _place_link(table: Table, row: dict[str, str], page: str, package: Package) -> str:
    """Link from a row to where it sits in the article, or to the article itself."""
    if is_span_table(table) and row.get("article_id") in package.texts:
        href = rel(page, article_page(row["article_id"]), highlight_id(table, row))
        return f'<td><a class="dd-in-text" href="{esc(href)}" title="Show in the article">in text</a></td>'
    if table.name == "articles" and row.get("article_id") in package.texts:
        href = rel(page, article_page(row["article_id"]))
        return f'<td><a class="dd-in-text" href="{esc(href)}" title="Read the annotated article">read</a></td>'
    return ""


def rows_table(table: Table, page: str, package: Package) -> str:
    fk_links = _fk_links(table, package)
    has_place = is_span_table(table) or table.name == "articles"
    heads = ['<th data-type="none">Article</th>'] if has_place else []
    for fld in table.fields:
        kind = "number" if fld.get("type") in _NUMERIC else "text"
        heads.append(f'<th data-type="{kind}">{esc(fld["name"])}</th>')
    body = []
    for row in table.rows:
        cells = [_place_link(table, row, page, package)] if has_place else []
        cells += [_cell(row.get(f["name"], ""), f["name"], fk_links, page, package) for f in table.fields]
        body.append(f'<tr id="{esc(row_id(table, row))}">{"".join(cells)}</tr>')
    table_id = f"rows-{table.name}"
    controls = (
        f'<div class="dd-controls"><label>Filter rows <input type="search" class="dd-filter" '
        f'data-table="{esc(table_id)}" placeholder="Type to filter…" autocomplete="off"></label> '
        f'<span class="dd-shown" data-table="{esc(table_id)}">{len(table.rows)} of {len(table.rows)} rows</span></div>'
    )
    return (
        f"{controls}\n\n"
        f'<table data-dd="rows" id="{esc(table_id)}"><thead><tr>{"".join(heads)}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
    )
