"""A page per actor, place and cited work, and an index page per kind.

An entity page shows its row, then every row of every table that refers to it
(found from the foreign keys, so a new table that refers to actors shows up
here unchanged): mentions in their context in the article, quotes it speaks,
facts it claims or is the subject of. Each links to its row and its place in the
text; those rows link back here.
"""

from __future__ import annotations

from validate.model import ForeignKey, Resource

from .escape import code, esc, md_inline, prose
from .fields import count_link
from .lookup import Site
from .rows import _coded_column, value_html
from .urls import entity_page, rel, table_page

CONTEXT = 70  # code points of article text shown on each side of a span


def role(fk: ForeignKey, target: str) -> str:
    """What a referring field says the entity is: speaker_actor_id -> 'speaker', actor_id -> ''."""
    name = fk.fields[0].removesuffix("_id")
    singular = target[:-1] if target.endswith("s") else target
    name = name.removesuffix(singular).rstrip("_")
    return name.replace("_", " ")


def context(text: str, start: int, end: int) -> str:
    """The span marked in its sentence-ish surroundings, cut at spaces, escaped."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    if left > 0 and " " in text[left:start]:
        left = text.index(" ", left) + 1
    if right < len(text) and " " in text[end:right]:
        right = text.rindex(" ", end, right)
    before, words, after = text[left:start], text[start:end], text[end:right]
    return (
        ("…" if left > 0 else "") + esc(before)
        + f"<mark>{esc(words)}</mark>" + esc(after) + ("…" if right < len(text) else "")
    )


def _span_of(resource: Resource, row: dict[str, str], length: int) -> tuple[int, int] | None:
    if not resource.spans:
        return None
    group = resource.spans[0]
    try:
        start, end = int(row.get(group.start, "")), int(row.get(group.end, ""))
    except ValueError:
        return None
    return (start, end) if 0 <= start <= end <= length else None


def ref_item(resource: Resource, row: dict[str, str], page: str, site: Site) -> str:
    """One referring row: its words in context (or its name), its coded kind, links to its row and its place in the text."""
    article_id = site.article_of(resource, row)
    span = _span_of(resource, row, len(site.texts[article_id])) if article_id else None
    if article_id and span:
        body = f'<span class="dd-ctx">{context(site.texts[article_id], *span)}</span>'
    else:
        body = f'<span class="dd-ctx">{esc(site.label(resource, row))}</span>'
    codes = [site.display(resource, n, row.get(n, "")) for n in _coded_column(resource) if row.get(n)]
    badges = "".join(f' <span class="dd-badge">{esc(c)}</span>' for c in codes)
    links = [f'<a href="{esc(site.row_href(page, resource, row))}">{code(" ".join(site.key_of(resource, row)))}</a>']
    in_text = site.in_text_href(page, resource, row)
    if in_text:
        links.append(f'<a href="{esc(in_text)}">in the text</a>')
    own = site.entity_href(page, resource.name, row.get(resource.primary_key[0], "")) if len(resource.primary_key) == 1 else None
    if own and own != "./":
        links.append(f'<a href="{esc(own)}">its page</a>')
    key = " ".join(site.key_of(resource, row))
    return f'<li data-key="{esc(key)}">{body}{badges}<span class="dd-ref-links">{" · ".join(links)}</span></li>'


def referrers(table: str, key: str, site: Site) -> list[tuple[Resource, ForeignKey, list[dict[str, str]]]]:
    """Every (table, foreign key, rows) that refers to the entity `key` of `table`."""
    found = []
    for resource, fk in site.model.referring(table):
        if len(fk.fields) != 1:
            continue
        rows = [row for row in site.rows[resource.name] if row.get(fk.fields[0]) == key]
        found.append((resource, fk, rows))
    return found


def _record(resource: Resource, row: dict[str, str], page: str, site: Site) -> str:
    items = "".join(
        f'<div><dt>{code(f.name)}</dt><dd>{value_html(resource, f, row.get(f.name, ""), page, site, named=True) or "<span class=dd-none>empty</span>"}</dd></div>'
        for f in resource.fields
    )
    return f'<dl class="dd-kv dd-record">{items}</dl>'


def render(resource: Resource, row: dict[str, str], site: Site) -> str:
    key = row[resource.primary_key[0]]
    page = entity_page(resource.name, key)
    assert page is not None
    label = site.label(resource, row)
    codes = [site.display(resource, n, row.get(n, "")) for n in _coded_column(resource) if row.get(n)]
    row_link = f'<a href="{esc(site.row_href(page, resource, row))}">its row in {esc(resource.title)}</a>'
    parts = [
        f"# {md_inline(label)}",
        f'<p class="dd-meta">{esc(" · ".join(codes + [""]))}{code(key)} · {row_link}</p>',
        _record(resource, row, page, site),
    ]
    if site.is_span_table(resource):
        parts += ["## Where the article cites it { data-search-exclude }", f'<ul class="dd-refs">{ref_item(resource, row, page, site)}</ul>']
    for other, fk, rows in referrers(resource.name, key, site):
        if not rows:
            continue
        what = role(fk, resource.name)
        heading = md_inline(other.title) + (f" — as {md_inline(what)}" if what else "") + f" ({len(rows)})"
        items = "".join(ref_item(other, r, page, site) for r in rows)
        parts += [
            f"## {heading} {{ data-search-exclude }}",
            f'<ol class="dd-refs" data-from="{esc(other.name)}.{esc(fk.fields[0])}">{items}</ol>',
        ]
    return "\n\n".join(parts) + "\n"


def index_page(resource: Resource) -> str:
    return f"{resource.name}/index.md"


def render_index(resource: Resource, site: Site) -> str:
    """Every entity of a table, with what refers to it, counted and linked."""
    page = index_page(resource)
    items = []
    for row in site.rows[resource.name]:
        key = row.get(resource.primary_key[0], "")
        href = site.entity_href(page, resource.name, key)
        if href is None:
            continue
        counts = []
        for other, fk, rows in referrers(resource.name, key, site):
            if rows:
                what = role(fk, resource.name)
                base = rel(page, table_page(other.name))
                counts.append(f"{esc(other.title)}{' as ' + esc(what) if what else ''}: {count_link(base, fk.fields[0], key, len(rows))}")
        codes = [site.display(resource, n, row.get(n, "")) for n in _coded_column(resource) if row.get(n)]
        badges = "".join(f' <span class="dd-badge">{esc(c)}</span>' for c in codes)
        items.append(
            f'<li><a class="dd-entity" href="{esc(href)}">{esc(site.label(resource, row))}</a>{badges}'
            f'<span class="dd-ref-links">{" · ".join(counts) or "nothing refers to it"}</span></li>'
        )
    table_href = rel(page, table_page(resource.name))
    return "\n\n".join([
        f"# {md_inline(resource.title)}",
        f'<p class="dd-lead">{prose(resource.description)}</p>',
        f'<p class="dd-meta">{len(items)} pages · every field of every row: <a href="{esc(table_href)}">the {esc(resource.title)} table</a></p>',
        f'<ul class="dd-entities">{"".join(items)}</ul>',
    ]) + "\n"
