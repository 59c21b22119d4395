"""One page per table: description, keys, fields, spans, codebook and rows."""

from __future__ import annotations

from .anchors import field_id
from .escape import esc, md_inline, prose
from .fields import codebook_id, codebook_table, coded_fields, field_table
from .load import Package, Table
from .rows import rows_table
from .urls import rel, table_page


def _keys_section(table: Table, page: str, package: Package) -> str:
    def field_link(tname: str, names: list[str]) -> str:
        href = rel(page, table_page(tname), field_id(names[0]))
        return f'<a href="{esc(href)}"><code>{esc(tname)}.{esc(", ".join(names))}</code></a>'

    pk = ", ".join(f"<code>{esc(n)}</code>" for n in table.primary_key) or "none"
    out_items = [
        f"<li>{field_link(table.name, fk.fields)} → {field_link(fk.resource, fk.ref_fields)}</li>"
        for fk in table.foreign_keys
    ]
    in_items = [
        f"<li>{field_link(other.name, fk.fields)} → {field_link(table.name, fk.ref_fields)}</li>"
        for other in package.tables.values()
        for fk in other.foreign_keys
        if fk.resource == table.name
    ]
    parts = [f"<p><strong>Primary key:</strong> {pk}</p>"]
    parts.append("<p><strong>Foreign keys out</strong> (this table refers to):</p>")
    parts.append(f'<ul>{"".join(out_items)}</ul>' if out_items else "<p>none</p>")
    parts.append("<p><strong>Foreign keys in</strong> (tables that refer to this one):</p>")
    parts.append(f'<ul>{"".join(in_items)}</ul>' if in_items else "<p>none</p>")
    return '<div class="dd-keys">' + "".join(parts) + "</div>"


def _spans_section(table: Table) -> str:
    items = []
    for span in table.spans:
        need = "always present" if span.get("required") else "optional"
        items.append(
            f"<li><code>{esc(span['text'])}</code> = article text from <code>{esc(span['start'])}</code> "
            f"to <code>{esc(span['end'])}</code> ({need})</li>"
        )
    return (
        "<p>Offsets count Unicode code points from 0 and the end is exclusive, "
        "so <code>text[start:end]</code> in Python gives the words; the validator checks every one.</p>"
        f'<ul>{"".join(items)}</ul>'
    )


def render(table: Table, package: Package) -> str:
    page = table_page(table.name)
    data_href = rel(page, table.path)
    schema_href = rel(page, table.schema_path) if table.schema_path else ""
    links = f'<a href="{esc(data_href)}" download>{esc(table.path.rsplit("/", 1)[-1])}</a>'
    if schema_href:
        links += f' · schema <a href="{esc(schema_href)}">{esc(table.schema_path.rsplit("/", 1)[-1])}</a>'
    parts = [
        f"# {md_inline(table.title)}",
        f'<p class="dd-lead">{prose(table.description)}</p>',
        f'<p class="dd-meta">Table <code>{esc(table.name)}</code> · {len(table.rows)} rows · {len(table.fields)} fields · download {links}</p>',
        "## Keys",
        _keys_section(table, page, package),
        "## Fields",
        field_table(table, page, package),
    ]
    if table.spans:
        parts += ["## Text spans", _spans_section(table)]
    coded = coded_fields(table)
    if coded:
        parts.append("## Codebook")
        for fld in coded:
            parts.append(f"### {md_inline(fld['name'])} {{#{codebook_id(fld['name'])}}}")
            parts.append(codebook_table(table, fld))
    parts += ["## Rows", rows_table(table, page, package)]
    return "\n\n".join(parts) + "\n"
