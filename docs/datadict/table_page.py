"""One page per table: description, keys, fields, spans, codebook and rows."""

from __future__ import annotations

from validate.model import Resource

from .anchors import field_id
from .escape import code, esc, md_inline, prose
from .fields import ROWS_SECTION, codebook, coded_fields, count_rows, field_blocks
from .lookup import Site
from .rows import rows_view
from .urls import ENTITY_TABLES, rel, table_page


def _keys_section(resource: Resource, page: str, site: Site) -> str:
    def field_link(table: str, names: list[str]) -> str:
        href = rel(page, table_page(table), field_id(names[0]))
        return f'<a href="{esc(href)}">{code(table + "." + ", ".join(names))}</a>'

    pk = ", ".join(code(n) for n in resource.primary_key) or "none"
    out_items = [
        f"<li>{field_link(resource.name, fk.fields)} → {field_link(fk.resource, fk.ref_fields)}</li>"
        for fk in resource.foreign_keys
        if fk.resource in site.resources
    ]
    in_items = [f"<li>{field_link(other.name, fk.fields)} → {field_link(resource.name, fk.ref_fields)}</li>" for other, fk in site.model.referring(resource.name)]
    parts = [f"<p><strong>Primary key:</strong> {pk}</p>"]
    if resource.unique_keys:
        unique = "".join(f"<li>{', '.join(code(n) for n in key)}</li>" for key in resource.unique_keys)
        parts.append("<p><strong>Unique keys</strong> (no two rows agree on all of these; a row with one of them empty is not compared):</p>"
                     f'<ul class="dd-unique-keys">{unique}</ul>')
    parts.append("<p><strong>Foreign keys out</strong> (this table refers to):</p>")
    parts.append(f'<ul>{"".join(out_items)}</ul>' if out_items else "<p>none</p>")
    parts.append("<p><strong>Foreign keys in</strong> (tables that refer to this one):</p>")
    parts.append(f'<ul>{"".join(in_items)}</ul>' if in_items else "<p>none</p>")
    return '<div class="dd-keys">' + "".join(parts) + "</div>"


def _spans_section(resource: Resource) -> str:
    items = []
    for span in resource.spans:
        need = "always present" if span.required else "optional"
        items.append(f"<li>{code(span.text)} = article text from {code(span.start)} to {code(span.end)} ({need})</li>")
    return (
        "<p>Offsets count Unicode code points from 0 and the end is exclusive, "
        "so <code>text[start:end]</code> in Python gives the words; the validator checks every one.</p>"
        f'<ul>{"".join(items)}</ul>'
    )


def page_title(resource: Resource) -> str:
    return resource.title


def render(resource: Resource, site: Site) -> str:
    page = table_page(resource.name)
    rows = site.rows[resource.name]
    data_href = rel(page, resource.path)
    links = f'<a href="{esc(data_href)}" download>{esc(resource.path.rsplit("/", 1)[-1])}</a>'
    if resource.schema_path:
        links += f' · schema <a href="{esc(rel(page, resource.schema_path))}">{esc(resource.schema_path.rsplit("/", 1)[-1])}</a>'
    own_pages = ""
    if resource.name in ENTITY_TABLES:
        own_pages = " · each row also has a page of its own"
    parts = [
        f"# {md_inline(resource.title)}",
        f'<p class="dd-lead">{prose(resource.description)}</p>',
        f'<p class="dd-meta">Table {code(resource.name)} · {count_rows(len(rows))} · {len(resource.fields)} fields · download {links}{own_pages}</p>',
        "## Keys",
        _keys_section(resource, page, site),
        "## Fields",
        field_blocks(resource, page, site),
    ]
    if resource.spans:
        parts += ["## Text spans", _spans_section(resource)]
    coded = coded_fields(resource)
    if coded:
        parts.append("## Codebook")
        parts += [codebook(resource, fld, site) for fld in coded]
    parts += [f"## Rows {{#{ROWS_SECTION}}}", rows_view(resource, site)]
    return "\n\n".join(parts) + "\n"
