"""The Relationships page: a Mermaid ER diagram and a list of every join, from the foreign keys."""

from __future__ import annotations

import re

from .anchors import field_id
from .escape import esc
from .fields import is_required
from .load import Package, Table
from .urls import rel, table_page

PAGE = "relationships.md"
MERMAID_JS = "assets/vendor/mermaid/mermaid.min.js"


def _ident(name: str) -> str:
    """Mermaid identifiers allow word characters only."""
    return re.sub(r"\W", "_", name)


def _entity(table: Table) -> str:
    """Only key fields: the diagram is about joins; every field is on the table pages."""
    fk_fields = {f for fk in table.foreign_keys for f in fk.fields}
    lines = []
    for fld in table.fields:
        marks = [m for m, on in (("PK", fld["name"] in table.primary_key), ("FK", fld["name"] in fk_fields)) if on]
        if marks:
            lines.append(f"        {_ident(fld.get('type', 'string'))} {_ident(fld['name'])} {','.join(marks)}")
    return f"    {_ident(table.name)} {{\n" + "\n".join(lines) + "\n    }"


def er_diagram(package: Package) -> str:
    lines = ["erDiagram"]
    lines += [_entity(t) for t in package.tables.values()]
    for table in package.tables.values():
        for fk in table.foreign_keys:
            # Referenced row: exactly one. Referring rows: zero or more. A required
            # key field means every referring row has a parent (||), else maybe (|o).
            parent = "||" if all(is_required(table, table.field(f)) for f in fk.fields) else "|o"
            label = "_".join(fk.fields)
            lines.append(f'    {_ident(fk.resource)} {parent}--o{{ {_ident(table.name)} : "{label}"')
    return "\n".join(lines)


def _join_table(package: Package) -> str:
    body = []
    for table in package.tables.values():
        for fk in table.foreign_keys:
            src = rel(PAGE, table_page(table.name), field_id(fk.fields[0]))
            dst = rel(PAGE, table_page(fk.resource), field_id(fk.ref_fields[0]))
            need = "yes" if all(is_required(table, table.field(f)) for f in fk.fields) else "no"
            used = sum(1 for row in table.rows if all(row.get(f, "") for f in fk.fields))
            body.append(
                f'<tr><td><a href="{esc(src)}"><code>{esc(table.name)}.{esc(", ".join(fk.fields))}</code></a></td>'
                f'<td><a href="{esc(dst)}"><code>{esc(fk.resource)}.{esc(", ".join(fk.ref_fields))}</code></a></td>'
                f"<td>{need}</td><td>{used} of {len(table.rows)}</td></tr>"
            )
    head = "<tr><th>From</th><th>To</th><th>Required</th><th>Rows with a value</th></tr>"
    return f'<table data-dd="joins"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def render(package: Package) -> str:
    script = rel(PAGE, MERMAID_JS)
    return "\n\n".join([
        "---\nhide:\n  - toc\n---",  # the diagram needs the width
        "# Relationships",
        # Loaded here, before Material's bundle looks for a global `mermaid`,
        # so it never fetches Mermaid from a CDN; only this page needs it.
        f'<script src="{esc(script)}"></script>',
        "How the tables join. Each line runs from the referenced table (one row) to the "
        "table that refers to it (zero or more rows); boxes list the primary (PK) and foreign (FK) key fields.",
        "```mermaid\n" + er_diagram(package) + "\n```",
        "## Every join",
        "Values of *From* must equal a value of *To*; `frictionless validate` and the validator check each one.",
        _join_table(package),
    ]) + "\n"
