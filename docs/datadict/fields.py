"""The field table and the codebook of a table page, straight from its schema."""

from __future__ import annotations

import json
from collections import Counter

from .anchors import field_id
from .escape import esc, prose
from .load import Package, Table
from .urls import rel, table_page

# Constraint keys shown by the "Required" column or the codebook instead.
_SHOWN_ELSEWHERE = {"required", "enum"}


def _constraint_items(table: Table, fld: dict, page: str, package: Package) -> list[str]:
    items = []
    if fld["name"] in table.primary_key:
        items.append("primary key")
    for key, value in fld.get("constraints", {}).items():
        if key in _SHOWN_ELSEWHERE:
            continue
        if value is True:
            items.append(esc(key))
        else:  # every value is shown, including falsy ones such as minimum 0
            items.append(f"{esc(key)}: <code>{esc(json.dumps(value) if not isinstance(value, str) else value)}</code>")
    if "enum" in fld.get("constraints", {}) or "categories" in fld:
        items.append(f'one of the <a href="#{esc(codebook_id(fld["name"]))}">codebook values</a>')
    if "format" in fld and fld["format"] != "default":
        items.append(f"format: <code>{esc(fld['format'])}</code>")
    for fk in table.foreign_keys:
        if fld["name"] in fk.fields and fk.resource in package.tables:
            ref = ", ".join(fk.ref_fields)
            href = rel(page, table_page(fk.resource), field_id(fk.ref_fields[0]))
            items.append(f'refers to <a href="{esc(href)}">{esc(fk.resource)}.{esc(ref)}</a>')
    return items


def _example(fld: dict) -> str:
    if "example" not in fld:
        return ""
    value = fld["example"]
    return f"<code>{esc(value if isinstance(value, str) else json.dumps(value))}</code>"


def is_required(table: Table, fld: dict) -> bool:
    return bool(fld.get("constraints", {}).get("required")) or fld["name"] in table.primary_key


def field_table(table: Table, page: str, package: Package) -> str:
    head = "<tr><th>Field</th><th>Type</th><th>Required</th><th>Constraints</th><th>Description</th><th>Example</th></tr>"
    body = []
    for fld in table.fields:
        constraints = "<br> ".join(_constraint_items(table, fld, page, package))
        body.append(
            f'<tr id="{esc(field_id(fld["name"]))}">'
            f'<td><code>{esc(fld["name"])}</code></td>'
            f'<td>{esc(fld.get("type", "string"))}</td>'
            f'<td>{"yes" if is_required(table, fld) else "no"}</td>'
            f"<td>{constraints}</td>"
            f'<td>{prose(fld.get("description", ""))}</td>'
            f"<td>{_example(fld)}</td></tr>"
        )
    return f'<table data-dd="fields"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def coded_fields(table: Table) -> list[dict]:
    return [f for f in table.fields if f.get("categories")]


def codebook_id(name: str) -> str:
    return f"codebook-{name}"


def value_counts(table: Table, name: str) -> Counter:
    return Counter(row.get(name, "") for row in table.rows)


def codebook_table(table: Table, fld: dict) -> str:
    counts = value_counts(table, fld["name"])
    head = "<tr><th>Value</th><th>Label</th><th>Definition</th><th>Rows</th></tr>"
    body = []
    known = set()
    for cat in fld["categories"]:
        value = str(cat["value"])
        known.add(value)
        body.append(
            f'<tr><td><code>{esc(value)}</code></td><td>{esc(cat.get("label", ""))}</td>'
            f'<td>{prose(cat.get("description", ""))}</td><td class="dd-count">{counts.get(value, 0)}</td></tr>'
        )
    # Values outside the codebook should not exist (the validator rejects them),
    # but if they do the reader must see them rather than a silently short total.
    for value, count in sorted(counts.items()):
        if value not in known:
            label = "no value (empty)" if value == "" else "not in the codebook"
            body.append(f'<tr class="dd-offbook"><td><code>{esc(value)}</code></td><td>{label}</td><td></td><td class="dd-count">{count}</td></tr>')
    return (
        f'<table data-dd="codebook" id="{esc(codebook_id(fld["name"]))}-values" data-field="{esc(fld["name"])}">'
        f'<thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
    )
