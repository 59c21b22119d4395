"""The article page: its text with every span-table row highlighted and linked.

Spans overlap (a fact inside a quote, a name inside a fact), so the text is cut
at every span boundary and each piece is wrapped in one element per highlight
covering it. Adjacent pieces of a highlight read as one continuous mark.
"""

from __future__ import annotations

from collections import defaultdict

from .escape import esc, md_inline
from .load import Package, Table
from .spans import Highlight, collect
from .urls import article_page, rel, table_page

# How each table shows in the text (presentation only; which tables have spans
# comes from the schemas). "speaker": coloured, labelled with who speaks;
# "link": the words themselves link to the row; anything else: a footnote marker.
STYLE = {"quotes": "speaker", "mentions": "link"}
SPEAKER_FIELD = {"quotes": "speaker_actor_id"}
# The fields that best say what a highlight is, for its tooltip.
SUMMARY = {
    "quotes": ["speaker_actor_id", "kind"],
    "facts": ["status", "statement"],
    "mentions": ["actor_id", "place_id"],
    "sources": ["kind", "outlet_actor_id"],
    "image_captions": ["image_source_id"],
}
# Outer to inner nesting order of wrappers; links go innermost (no nested <a>).
_ORDER = {"speaker": 0, "note": 1, "link": 3}
PALETTE = ["#c0392b", "#1f6fb2", "#2e8b57", "#8e44ad", "#d35400", "#16808a", "#a0522d", "#b8326b", "#4d6a12", "#5d5fa8"]


def style_of(table: Table) -> str:
    return STYLE.get(table.name, "note")


def display(package: Package, table: Table, name: str, value: str) -> str:
    """A value as a reader wants it: a coded value's label, a referenced row's name."""
    if value == "":
        return ""
    fld = next((f for f in table.fields if f["name"] == name), {})
    for cat in fld.get("categories", []):
        if str(cat["value"]) == value:
            return cat.get("label", value)
    for fk in table.foreign_keys:
        target = package.tables.get(fk.resource)
        if fk.fields == [name] and target and target.primary_key == fk.ref_fields:
            row = next((r for r in target.rows if r[fk.ref_fields[0]] == value), None)
            if row and row.get("name"):
                return row["name"]
    return value


def tooltip(package: Package, h: Highlight) -> str:
    parts = [display(package, h.table, n, h.row.get(n, "")) for n in SUMMARY.get(h.table.name, [])]
    return " · ".join([h.short, h.table.title] + [p for p in parts if p])


def speaker_colours(package: Package, highlights: list[Highlight]) -> dict[str, str]:
    """One colour per speaker, in order of first appearance in the text."""
    colours: dict[str, str] = {}
    for h in sorted(highlights, key=lambda h: h.start):
        field = SPEAKER_FIELD.get(h.table.name)
        if h.main and field:
            speaker = h.row.get(field, "")
            colours.setdefault(speaker, PALETTE[len(colours) % len(PALETTE)])
    return colours


def _colour(h: Highlight, colours: dict[str, str]) -> str:
    field = SPEAKER_FIELD.get(h.table.name)
    return colours.get(h.row.get(field, ""), "#888") if field else ""


def _open(h: Highlight, package: Package, page: str, colours: dict, as_link: bool) -> tuple[str, str]:
    classes = f"hl hl-{h.table.name}" + ("" if h.main else " hl-sub")
    colour = _colour(h, colours)
    attrs = (
        f'class="{esc(classes)}" data-layer="{esc(h.table.name)}" data-hl="{esc(h.anchor)}" '
        f'title="{esc(tooltip(package, h))}"' + (f' style="--c:{colour}"' if colour else "")
    )
    if as_link:
        href = rel(page, table_page(h.table.name), h.row_anchor)
        return f'<a {attrs} href="{esc(href)}">', "</a>"
    return f"<span {attrs}>", "</span>"


def _start_marker(h: Highlight, package: Package, page: str, colours: dict) -> str:
    """What marks where a row's span begins: the row's anchor, and for quotes the speaker label."""
    if style_of(h.table) == "speaker":
        field = SPEAKER_FIELD[h.table.name]
        name = display(package, h.table, field, h.row.get(field, ""))
        href = rel(page, table_page(h.table.name), h.row_anchor)
        return (
            f'<a class="hl-label" id="{esc(h.anchor)}" data-layer="{esc(h.table.name)}" href="{esc(href)}" '
            f'style="--c:{_colour(h, colours)}" title="{esc(tooltip(package, h))}">{esc(name)}</a>'
        )
    return f'<span class="hl-anchor" id="{esc(h.anchor)}"></span>'


def _end_marker(h: Highlight, page: str) -> str:
    href = rel(page, table_page(h.table.name), h.row_anchor)
    return (
        f'<sup class="hl-mark" data-layer="{esc(h.table.name)}">'
        f'<a href="{esc(href)}" title="{esc(h.table.title)} row {esc(h.short)}">{esc(h.short)}</a></sup>'
    )


def render_text(text: str, highlights: list[Highlight], package: Package, page: str) -> str:
    colours = speaker_colours(package, highlights)
    starts, ends = defaultdict(list), defaultdict(list)
    for h in highlights:
        if h.main:
            starts[h.start].append(h)
            if style_of(h.table) == "note":
                ends[h.end].append(h)
    bounds = sorted({0, len(text)} | {h.start for h in highlights} | {h.end for h in highlights})
    out = []
    for index, position in enumerate(bounds):
        out += [_end_marker(h, page) for h in ends[position]]
        out += [_start_marker(h, package, page, colours) for h in sorted(starts[position], key=lambda h: -h.end)]
        if index + 1 == len(bounds):
            break
        stop = bounds[index + 1]
        covering = [h for h in highlights if h.start <= position and stop <= h.end and h.start < h.end]
        covering.sort(key=lambda h: (_ORDER.get(style_of(h.table), 2), not h.main, h.start, -h.end))
        piece = esc(text[position:stop])
        link_used = False
        for h in reversed(covering):  # innermost first
            as_link = style_of(h.table) == "link" and h.main and not link_used
            link_used |= as_link
            opening, closing = _open(h, package, page, colours, as_link)
            piece = opening + piece + closing
        out.append(piece)
    return '<div class="dd-article">' + "".join(out) + "</div>"


def _layer_controls(highlights: list[Highlight], package: Package) -> str:
    counts: dict[str, int] = defaultdict(int)
    for h in highlights:
        counts[h.table.name] += h.main
    boxes = "".join(
        f'<label class="dd-layer dd-layer-{esc(name)}"><input type="checkbox" checked data-layer="{esc(name)}"> '
        f"{esc(package.tables[name].title)} ({counts[name]})</label>"
        for name in counts
    )
    return f'<div class="dd-layers"><span>Show:</span>{boxes}</div>'


def _speaker_key(highlights: list[Highlight], package: Package, page: str) -> str:
    """Who says what: every quote, grouped by colour, linked to its place and its row."""
    colours = speaker_colours(package, highlights)
    rows = []
    for h in sorted((h for h in highlights if h.main and style_of(h.table) == "speaker"), key=lambda h: h.start):
        field = SPEAKER_FIELD[h.table.name]
        name = display(package, h.table, field, h.row.get(field, ""))
        kind = display(package, h.table, "kind", h.row.get("kind", ""))
        words = h.row.get("text", "")
        words = words if len(words) <= 90 else words[:88] + "…"
        rows.append(
            f'<tr><td><span class="dd-swatch" style="--c:{_colour(h, colours)}"></span>{esc(name)}</td>'
            f'<td><a href="#{esc(h.anchor)}">“{esc(words)}”</a></td><td>{esc(kind)}</td>'
            f'<td><a href="{esc(rel(page, table_page(h.table.name), h.row_anchor))}">{esc(h.short)}</a></td></tr>'
        )
    if not rows:
        return ""
    head = "<tr><th>Speaker</th><th>Quoted words</th><th>Kind</th><th>Row</th></tr>"
    return f'<table data-dd="who"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def render(package: Package, article: dict[str, str]) -> str:
    article_id = article["article_id"]
    page = article_page(article_id)
    text = package.texts[article_id]
    highlights = collect(package, article_id)
    table = package.tables["articles"]
    facts = [
        f"{esc(f['name'])}: {esc(article[f['name']])}"
        for f in table.fields
        if f["name"] in ("section", "publisher", "author", "published_date", "language") and article.get(f["name"])
    ]
    text_href = rel(page, article["text_path"])
    meta = " · ".join(facts + [f'text: <a href="{esc(text_href)}">{esc(article["text_path"].rsplit("/", 1)[-1])}</a> ({len(text)} code points)'])
    parts = [
        "---\nhide:\n  - toc\n---",  # the text needs the width more than a one-entry contents list
        f"# {md_inline(article.get('title') or article_id)}",
        f'<p class="dd-meta">{meta}</p>',
        f'<p class="dd-lead">{esc(article.get("notes", ""))}</p>' if article.get("notes") else "",
        "Every quote is coloured by its speaker and labelled with the speaker's name; facts are underlined "
        "and numbered; names of actors and places are links; cited works and the image caption carry markers. "
        "Each label, marker and name links to its row; hover for a summary.",
        _layer_controls(highlights, package),
        render_text(text, highlights, package, page),
        "## Who says what",
        _speaker_key(highlights, package, page),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"
