"""The article page: its text with every span-table row highlighted and linked.

Spans overlap (a fact inside a quote, a name inside a fact), so the text is cut
at every span boundary and each piece is wrapped in one element per highlight
covering it. Adjacent pieces of a highlight read as one continuous mark.

Every highlight style applies only while its element carries `hl-on`; the
layer switches add and remove that class, so a layer switched off loses its
colour, underline and markers whatever else styles it. Labels and markers are
kept out of the search index (data-search-exclude), so the indexed text is the
article's own words.
"""

from __future__ import annotations

from collections import defaultdict

from validate.model import Resource

from .escape import esc, md_inline
from .lookup import Site
from .spans import Highlight, collect
from .urls import ENTITY_TABLES, article_page

# How each table shows in the text (presentation only; which tables have spans
# comes from the schemas). "speaker": coloured, labelled with who speaks;
# "link": the words themselves link to what they name; anything else: a marker after the span.
STYLE = {"quotes": "speaker", "mentions": "link"}
SPEAKER_FIELD = {"quotes": "speaker_actor_id"}
# Layers off until the reader asks for them: facts cover most of the text.
QUIET = {"facts"}
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


def style_of(table: Resource) -> str:
    style = STYLE.get(table.name, "note")
    if style == "speaker" and not table.has(SPEAKER_FIELD[table.name]):
        return "note"
    return style


def _on(table: Resource) -> str:
    return "" if table.name in QUIET else " hl-on"


def tooltip(site: Site, h: Highlight) -> str:
    names = [n for n in SUMMARY.get(h.table.name, []) if h.table.has(n)]
    parts = [site.display(h.table, n, h.row.get(n, "")) for n in names]
    return " · ".join([h.short, h.table.title] + [p for p in parts if p])


def speaker_colours(highlights: list[Highlight]) -> dict[str, str]:
    """One colour per speaker, in order of first appearance in the text."""
    colours: dict[str, str] = {}
    for h in sorted(highlights, key=lambda h: h.start):
        if h.main and style_of(h.table) == "speaker":
            speaker = h.row.get(SPEAKER_FIELD[h.table.name], "")
            colours.setdefault(speaker, PALETTE[len(colours) % len(PALETTE)])
    return colours


def _colour(h: Highlight, colours: dict[str, str]) -> str:
    if style_of(h.table) != "speaker":
        return ""
    return colours.get(h.row.get(SPEAKER_FIELD[h.table.name], ""), "#888")


def _named_href(site: Site, page: str, h: Highlight) -> str:
    """Where a name in the text leads: the page of the actor or place it names, else its row."""
    for fk in h.table.foreign_keys:
        if fk.resource in ENTITY_TABLES and len(fk.fields) == 1:
            href = site.entity_href(page, fk.resource, h.row.get(fk.fields[0], ""))
            if href:
                return href
    return site.row_href(page, h.table, h.row)


def _open(h: Highlight, site: Site, page: str, colours: dict, as_link: bool) -> tuple[str, str]:
    classes = f"hl hl-{h.table.name}{_on(h.table)}" + ("" if h.main else " hl-sub")
    colour = _colour(h, colours)
    attrs = (
        f'class="{esc(classes)}" data-layer="{esc(h.table.name)}" data-hl="{esc(h.anchor)}" '
        f'title="{esc(tooltip(site, h))}"' + (f' style="--c:{colour}"' if colour else "")
    )
    if as_link:
        return f'<a {attrs} href="{esc(_named_href(site, page, h))}">', "</a>"
    return f"<span {attrs}>", "</span>"


def _start_marker(h: Highlight, site: Site, page: str, colours: dict) -> str:
    """What marks where a row's span begins: the row's anchor, and for quotes the speaker label."""
    if style_of(h.table) == "speaker":
        field = SPEAKER_FIELD[h.table.name]
        name = site.display(h.table, field, h.row.get(field, ""))
        href = site.row_href(page, h.table, h.row)
        return (
            f'<a class="hl-label{_on(h.table)}" id="{esc(h.anchor)}" data-layer="{esc(h.table.name)}" href="{esc(href)}" '
            f'style="--c:{_colour(h, colours)}" title="{esc(tooltip(site, h))}" data-search-exclude>{esc(name)}</a>'
        )
    return f'<span class="hl-anchor" id="{esc(h.anchor)}"></span>'


def _end_marker(h: Highlight, site: Site, page: str) -> str:
    href = site.row_href(page, h.table, h.row)
    return (
        f'<sup class="hl-mark{_on(h.table)}" data-layer="{esc(h.table.name)}" data-search-exclude>'
        f'<a href="{esc(href)}" title="{esc(h.table.title)} row {esc(h.short)}">{esc(h.short)}</a></sup>'
    )


def render_text(text: str, highlights: list[Highlight], site: Site, page: str) -> str:
    colours = speaker_colours(highlights)
    starts, ends = defaultdict(list), defaultdict(list)
    for h in highlights:
        if h.main:
            starts[h.start].append(h)
            if style_of(h.table) == "note":
                ends[h.end].append(h)
    bounds = sorted({0, len(text)} | {h.start for h in highlights} | {h.end for h in highlights})
    out = []
    for index, position in enumerate(bounds):
        out += [_end_marker(h, site, page) for h in ends[position]]
        out += [_start_marker(h, site, page, colours) for h in sorted(starts[position], key=lambda h: -h.end)]
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
            opening, closing = _open(h, site, page, colours, as_link)
            piece = opening + piece + closing
        out.append(piece)
    return '<div class="dd-article">' + "".join(out) + "</div>"


def _layer_controls(highlights: list[Highlight], site: Site) -> str:
    counts: dict[str, int] = defaultdict(int)
    for h in highlights:
        counts[h.table.name] += h.main
    boxes = "".join(
        f'<label class="dd-layer dd-layer-{esc(name)}"><input type="checkbox"{"" if name in QUIET else " checked"} data-layer="{esc(name)}"> '
        f"{esc(site.resources[name].title)} ({counts[name]})</label>"
        for name in counts
    )
    return f'<div class="dd-layers" data-search-exclude><span>Show:</span>{boxes}</div>'


def _speaker_key(highlights: list[Highlight], site: Site, page: str) -> str:
    """Who says what: every quote, grouped by colour, linked to its place and its row."""
    colours = speaker_colours(highlights)
    items = []
    for h in sorted((h for h in highlights if h.main and style_of(h.table) == "speaker"), key=lambda h: h.start):
        field = SPEAKER_FIELD[h.table.name]
        name = site.display(h.table, field, h.row.get(field, ""))
        kind = site.display(h.table, "kind", h.row.get("kind", "")) if h.table.has("kind") else ""
        words = h.row.get(h.table.spans[0].text, "")
        words = words if len(words) <= 90 else words[:88] + "…"
        items.append(
            f'<li><span class="dd-swatch" style="--c:{_colour(h, colours)}"></span><strong>{esc(name)}</strong> '
            f'<a href="#{esc(h.anchor)}">“{esc(words)}”</a> <span class="dd-badge">{esc(kind)}</span> '
            f'<a href="{esc(site.row_href(page, h.table, h.row))}">{esc(h.short)}</a></li>'
        )
    return f'<ul class="dd-who" data-search-exclude>{"".join(items)}</ul>' if items else ""


def _meta(site: Site, article: dict[str, str], article_id: str, page: str) -> str:
    table = site.resources[site.article_table() or ""]
    shown = ("section", "publisher", "author", "published_date", "language")
    facts = [f"{esc(f.name)}: {esc(article[f.name])}" for f in table.fields if f.name in shown and article.get(f.name)]
    text = site.texts[article_id]
    facts.append(f"{len(text):,} code points")
    row = site.find(table.name, [article_id])
    if row is not None:
        facts.append(f'<a href="{esc(site.row_href(page, table, row))}">its row in {esc(table.title)}</a>')
    return " · ".join(facts)


def title_of(article: dict[str, str], article_id: str) -> str:
    return article.get("title") or article_id


def render(site: Site, article: dict[str, str], article_id: str) -> str:
    page = article_page(article_id)
    highlights = collect(site, article_id)
    speakers = _speaker_key(highlights, site, page)
    parts = [
        f"# {md_inline(title_of(article, article_id))}",
        f'<p class="dd-meta">{_meta(site, article, article_id, page)}</p>',
        f'<p class="dd-lead">{esc(article.get("notes", ""))}</p>' if article.get("notes") else "",
        '<p data-search-exclude>Quotes are coloured by speaker and labelled with the speaker’s name; names of actors and places '
        "link to their pages; cited works and the image caption carry markers. Facts are underlined when you point at them, "
        "or all at once when you tick Facts. Every label and marker links to its row; hover for a summary.</p>",
        _layer_controls(highlights, site),
        render_text(site.texts[article_id], highlights, site, page),
    ]
    if speakers:
        parts += ["## Who says what { data-search-exclude }", speakers]
    return "\n\n".join(p for p in parts if p) + "\n"
