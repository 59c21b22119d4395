"""The Relationships page: an ER diagram drawn at build time by Graphviz, and a list of every join.

The DOT is generated from the model rather than taken from Frictionless'
Package.to_er_diagram(), which lists every field (too big to read) and writes
names into the DOT unescaped. Here every name reaches DOT only inside an
HTML-like label, escaped, and nodes and ports are numbered, so no value from
a schema is ever DOT syntax. The SVG is shown as an <img>: nothing in it can run.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

from validate.model import Resource

from .anchors import field_id
from .escape import code, esc
from .fields import is_required
from .lookup import Site
from .urls import rel, table_page

PAGE = "relationships.md"
SVG = "er-diagram.svg"
DOT_TIMEOUT = 60  # seconds; a few tables take well under one


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _key_fields(resource: Resource) -> list[str]:
    """Only key fields: the diagram is about joins; every field is on the table pages."""
    fk_fields = {f for fk in resource.foreign_keys for f in fk.fields}
    return [f.name for f in resource.fields if f.name in resource.primary_key or f.name in fk_fields]


def to_dot(site: Site) -> str:
    tables = list(site.resources.values())
    node = {r.name: f"t{i}" for i, r in enumerate(tables)}
    ports = {r.name: {name: f"p{j}" for j, name in enumerate(_key_fields(r))} for r in tables}
    lines = [
        "digraph {",
        '  graph [rankdir=LR, nodesep=0.3, ranksep=0.7, fontname="Helvetica", bgcolor="transparent"];',
        '  node [shape=plaintext, fontname="Helvetica", fontsize=14];',
        '  edge [fontname="Helvetica", fontsize=12, color="#5b6b7b", fontcolor="#27323d", arrowsize=0.8];',
    ]
    for r in tables:
        rows = []
        for name in _key_fields(r):
            port = ports[r.name][name]
            if name in r.primary_key:
                rows.append(f'<tr><td port="{port}" align="left"><b>{_h(name)}</b></td><td align="right"><font color="#5b6b7b">PK</font></td></tr>')
            else:
                targets = ", ".join(_h(fk.resource) for fk in r.foreign_keys if name in fk.fields)
                rows.append(f'<tr><td align="left">{_h(name)}</td><td port="{port}" align="right"><font color="#5b6b7b">→ {targets}</font></td></tr>')
        label = (
            '<table border="1" color="#9aa7b4" cellborder="0" cellspacing="0" cellpadding="4" bgcolor="#ffffff">'
            f'<tr><td colspan="2" bgcolor="#37474f"><font color="#ffffff"><b>{_h(r.name)}</b></font></td></tr>{"".join(rows)}</table>'
        )
        lines.append(f"  {node[r.name]} [label=<{label}>];")
    for r in tables:
        for fk in r.foreign_keys:
            if fk.resource not in node:
                continue
            source_port = ports[r.name].get(fk.fields[0])
            target_port = ports[fk.resource].get(fk.ref_fields[0])
            tail = f"{node[r.name]}:{source_port}:e" if source_port else node[r.name]
            head = f"{node[fk.resource]}:{target_port}:w" if target_port else node[fk.resource]
            style = "solid" if all(is_required(r, r.field(f)) for f in fk.fields if r.has(f)) else "dashed"
            lines.append(f"  {tail} -> {head} [style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(site: Site, out: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        raise SystemExit("The ER diagram needs Graphviz: install it (Debian: apt-get install graphviz).")
    result = subprocess.run([dot, "-Tsvg"], input=to_dot(site), capture_output=True, text=True, timeout=DOT_TIMEOUT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"Graphviz could not draw the ER diagram:\n{result.stderr}")
    out.write_text(result.stdout, encoding="utf-8")


def _join_list(site: Site) -> str:
    items = []
    for resource in site.resources.values():
        rows = site.rows[resource.name]
        for fk in resource.foreign_keys:
            if fk.resource not in site.resources:
                continue
            src = rel(PAGE, table_page(resource.name), field_id(fk.fields[0]))
            dst = rel(PAGE, table_page(fk.resource), field_id(fk.ref_fields[0]))
            need = "required" if all(is_required(resource, resource.field(f)) for f in fk.fields if resource.has(f)) else "optional"
            used = sum(1 for row in rows if all(row.get(f, "") for f in fk.fields))
            items.append(
                f'<li><a href="{esc(src)}">{code(resource.name + "." + ", ".join(fk.fields))}</a> → '
                f'<a href="{esc(dst)}">{code(fk.resource + "." + ", ".join(fk.ref_fields))}</a> '
                f'<span class="dd-badge">{need}</span> <span class="dd-meta">{used} of {len(rows)} rows have a value</span></li>'
            )
    return f'<ul class="dd-joins">{"".join(items)}</ul>'


def render(site: Site) -> str:
    svg = rel(PAGE, SVG)
    return "\n\n".join([
        "# Relationships",
        "How the tables join. Each arrow runs from a table's foreign key (FK) to the primary key (PK) it refers to; "
        "a solid arrow is a required reference, a dashed one optional. Each box lists only its key fields.",
        f'<figure class="dd-diagram" data-search-exclude><div class="dd-zoom"><img src="{esc(svg)}" alt="Entity-relationship diagram of the package"></div>'
        f'<figcaption>Click the diagram to zoom in and out, or <a href="{esc(svg)}">open it on its own</a>.</figcaption></figure>',
        "## Every join",
        "Values of the first field must equal a value of the second; `frictionless validate` and the validator check each one.",
        _join_list(site),
    ]) + "\n"
