"""A table page's field documentation and codebook, straight from its schema.

One block per field (name, type, required, constraints, description, example)
rather than a six-column table: blocks never scroll sideways, at any width.
Each block and each codebook opens with a heading that has an id, so site
search lists every field and every codebook as its own entry.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlencode

from validate.model import Field, Resource

from .anchors import codebook_id, field_id
from .escape import code, esc, prose
from .lookup import Site
from .urls import rel, table_page

# Constraint keys shown by the "required" badge or the codebook instead.
_SHOWN_ELSEWHERE = {"required", "enum"}
ROWS_SECTION = "rows"  # the id of the "Rows" heading on a table page


def is_required(resource: Resource, fld: Field) -> bool:
    return fld.required or fld.name in resource.primary_key


def _json(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _constraint_items(resource: Resource, fld: Field, page: str, site: Site) -> list[str]:
    items = []
    if fld.name in resource.primary_key:
        items.append("primary key" + (" (with " + ", ".join(code(n) for n in resource.primary_key if n != fld.name) + ")"
                                      if len(resource.primary_key) > 1 else ""))
    for unique in resource.unique_keys:
        if fld.name == unique[0]:  # said once, at the key's first field
            items.append("unique together with " + ", ".join(code(n) for n in unique[1:]) if len(unique) > 1 else "unique key")
    for key, value in fld.constraints.items():
        if key in _SHOWN_ELSEWHERE:
            continue
        if value is True:
            items.append(esc(key))
        else:  # every value is shown, including falsy ones such as minimum 0
            items.append(f"{esc(key)}: {code(_json(value))}")
    if fld.enum is not None or fld.categories:
        items.append(f'one of the <a href="#{esc(codebook_id(fld.name))}">codebook values</a>')
    if fld.format and fld.format != "default":
        items.append(f"format: {code(fld.format)}")
    for key, value in fld.extras.items():
        items.append(f"{code(key)}: {code(_json(value))}")
    for fk in resource.foreign_keys:
        if fld.name in fk.fields and fk.resource in site.resources:
            href = rel(page, table_page(fk.resource), field_id(fk.ref_fields[0]))
            target = ", ".join(f"{fk.resource}.{n}" for n in fk.ref_fields)
            items.append(f'refers to <a href="{esc(href)}">{code(target)}</a>')
    return items


def field_block(resource: Resource, fld: Field, page: str, site: Site) -> str:
    need = "required" if is_required(resource, fld) else "optional"
    items = _constraint_items(resource, fld, page, site)
    constraints = "".join(f"<span>{item}</span>" for item in items) or '<span class="dd-none">none</span>'
    example = code(_json(fld.example)) if fld.example is not None else '<span class="dd-none">none given</span>'
    return (
        '<section class="dd-field">'
        f'<h3 class="dd-field-head" id="{esc(field_id(fld.name))}"><span class="dd-field-name">{code(fld.name)}</span> '
        f'<span class="dd-type">{esc(fld.type)}</span> <span class="dd-required dd-need-{need}">{need}</span></h3>'
        f'<p class="dd-desc">{prose(fld.description)}</p>'
        '<dl class="dd-facts">'
        f'<div><dt>Constraints</dt><dd class="dd-constraints">{constraints}</dd></div>'
        f'<div><dt>Example</dt><dd class="dd-example">{example}</dd></div>'
        "</dl></section>"
    )


def field_blocks(resource: Resource, page: str, site: Site) -> str:
    return '<div class="dd-fields">' + "".join(field_block(resource, f, page, site) for f in resource.fields) + "</div>"


def coded_fields(resource: Resource) -> list[Field]:
    return [f for f in resource.fields if f.categories]


def value_counts(rows: list[dict[str, str]], name: str) -> Counter:
    return Counter(row.get(name, "") for row in rows)


def filter_query(field: str, value: str) -> str:
    """The query string that opens a table page with its rows filtered to one value of one field."""
    return "?" + urlencode({"where": field, "is": value})


def count_rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def count_link(base: str, field: str, value: str, count: int) -> str:
    """A row count that opens the rows it counts: `base` is the table page's URL ('' on that page)."""
    if count == 0:
        return f'<span class="dd-count">{count_rows(0)}</span>'
    href = base + filter_query(field, value) + f"#{ROWS_SECTION}"
    return f'<a class="dd-count" href="{esc(href)}">{count_rows(count)}</a>'


def codebook(resource: Resource, fld: Field, site: Site) -> str:
    counts = value_counts(site.rows[resource.name], fld.name)
    items = []
    known = set()
    for cat in fld.categories:
        value = str(cat.get("value", ""))
        known.add(value)
        items.append(
            f'<div class="dd-code"><dt>{code(value)} <span class="dd-label">{esc(cat.get("label", ""))}</span> '
            f'{count_link("", fld.name, value, counts.get(value, 0))}</dt>'
            f'<dd>{prose(str(cat.get("description", "")))}</dd></div>'
        )
    # Values outside the codebook should not exist (the validator rejects them),
    # but if they do the reader must see them rather than a silently short total.
    for value, count in sorted(counts.items()):
        if value not in known:
            label = "no value (empty)" if value == "" else "not in the codebook"
            items.append(
                f'<div class="dd-code dd-offbook"><dt>{code(value)} <span class="dd-label">{label}</span> '
                f"{count_link('', fld.name, value, count)}</dt><dd></dd></div>"
            )
    return (
        f'<h3 class="dd-codebook-head" id="{esc(codebook_id(fld.name))}">Codebook of {code(fld.name)}</h3>'
        f'<dl class="dd-codebook" data-field="{esc(fld.name)}">{"".join(items)}</dl>'
    )
