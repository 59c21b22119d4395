"""The site says what its package's schemas and data say: built from the frozen fixture and from the live package.

Every field with its facts, every row with its own anchor and search entry, every
codebook count linked to the rows it counts, every entity page with all that refers
to it, the ER diagram from the foreign keys, navigation in three parts.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from sitebuild import (
    FIXTURE,
    REPO,
    Package,
    by_class,
    descendants,
    elements,
    first,
    fixture_site,
    highlight_texts,
    live_site,
    page_text,
    prefetch,
    search_index,
)

ENTITY_TABLES = ("actors", "places", "sources")


@dataclass
class Built:
    site: Path
    package: Package

    @property
    def resources(self) -> list[str]:
        return list(self.package.resources)


# Every test runs on both: assertions read the package, so they hold for any number of articles.
@pytest.fixture(scope="module", params=["fixture", "live"])
def built(request) -> Built:
    prefetch("fixture", "live")
    if request.param == "fixture":
        return Built(fixture_site(), Package(FIXTURE))
    return Built(live_site(), Package(REPO))


def _page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def _required(package: Package, name: str, field: dict) -> bool:
    return bool(field.get("constraints", {}).get("required")) or field["name"] in package.primary_key(name)


def test_table_pages_have_one_block_per_field_with_its_facts(built):
    for name in built.resources:
        found = elements(_page(built.site, f"tables/{name}"))
        blocks = by_class(found, "dd-field")
        fields = built.package.schema(name)["fields"]
        assert len(blocks) == len(fields), name
        for block, field in zip(blocks, fields, strict=True):
            inner = descendants(block)
            part = {cls: first(inner, cls=cls)
                    for cls in ("dd-field-head", "dd-field-name", "dd-type", "dd-required", "dd-desc", "dd-constraints", "dd-example")}
            assert part["dd-field-head"]["attrs"]["id"] == f"field-{field['name']}"
            assert part["dd-field-name"]["text"] == field["name"]
            assert part["dd-type"]["text"] == field.get("type", "string")
            assert part["dd-required"]["text"] == ("required" if _required(built.package, name, field) else "optional")
            # Backticks become <code>; the words are the schema's words.
            assert part["dd-desc"]["text"] == field["description"].replace("`", "")
            for key, value in field.get("constraints", {}).items():
                if key not in ("required", "unique", "enum"):
                    shown = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
                    assert f"{key}: {shown}" in part["dd-constraints"]["text"], (name, field["name"], key)
            if "example" in field:
                example = field["example"]
                assert part["dd-example"]["text"] == (example if isinstance(example, str) else json.dumps(example)), (name, field["name"])


def test_table_pages_state_each_unique_key_the_schema_declares(built):
    declared = {name: built.package.schema(name).get("uniqueKeys", []) for name in built.resources}
    assert any(declared.values()), "the package declares unique keys"
    for name, keys in declared.items():
        lists = by_class(elements(_page(built.site, f"tables/{name}")), "dd-unique-keys")
        shown = [[c["text"] for c in item["children"] if c["tag"] == "code"] for ul in lists for item in ul["children"] if item["tag"] == "li"]
        assert shown == keys, name


def test_every_row_is_a_block_with_its_own_anchor_and_every_value(built):
    for name in built.resources:
        found = elements(_page(built.site, f"tables/{name}"))
        rows = built.package.rows(name)
        key = built.package.primary_key(name)
        blocks = by_class(found, "dd-row")
        assert len(blocks) == len(rows), name
        for block, row in zip(blocks, rows, strict=True):
            inner = descendants(block)
            assert first(inner, tag="h3")["attrs"]["id"] == "row-" + "--".join(row[k] for k in key)
            # References show the referenced row's name, and carry the id itself in data-value.
            raw = {e["attrs"]["data-value"] for e in inner if "data-value" in e["attrs"]}
            for field, value in row.items():
                assert value in raw or value in block["text"], (name, field)


def test_search_has_an_entry_per_row_per_field_and_per_codebook(built):
    index = search_index(built.site)
    locations = Counter(entry["location"] for entry in index)
    for name in built.resources:
        key = built.package.primary_key(name)
        spans = built.package.schema(name).get("x-spans", [])
        for row in built.package.rows(name):
            row_id = "--".join(row[k] for k in key)
            entries = [e for e in index if e["location"] == f"tables/{name}/#row-{row_id}"]
            assert len(entries) == 1, row_id
            assert re.sub(r"<[^>]+>", "", entries[0]["title"]) == " ".join(row[k] for k in key)
            # The entry holds the row's own words (not the whole table's).
            words = row.get(spans[0]["text"]) if spans else row.get("name")
            if words:
                plain = html.unescape(re.sub(r"<[^>]+>", "", entries[0]["text"]))
                assert " ".join(words.split())[:60] in " ".join(plain.split()), row_id
        for field in built.package.schema(name)["fields"]:
            assert locations[f"tables/{name}/#field-{field['name']}"] == 1, (name, field["name"])
            if field.get("categories"):
                assert locations[f"tables/{name}/#codebook-{field['name']}"] == 1, (name, field["name"])
    # No entry is a whole rows table: the Rows heading's own entry holds no row.
    assert all(len(e["text"]) < 300 for e in index if e["location"].endswith("#rows"))


def test_article_text_is_indexed_without_labels_or_markers(built):
    index = search_index(built.site)
    names = {row["actor_id"]: row["name"] for row in built.package.rows("actors")}
    for article in built.package.rows("articles"):
        entry = next(e for e in index if e["location"] == f"article/{article['article_id']}/")
        text = (built.package.root / article["text_path"]).read_text(encoding="utf-8")
        indexed = " ".join(html.unescape(re.sub(r"<[^>]+>", "", entry["text"])).split())
        assert " ".join(text.split()) in indexed, article["article_id"]
    for quote in built.package.rows("quotes"):
        # A label run into the words ("BaskeyWe") would be a label in the index.
        assert names[quote["speaker_actor_id"]] + quote["text"][:10] not in indexed


def test_codebook_counts_match_the_data_and_link_to_their_rows(built):
    for name in built.resources:
        found = elements(_page(built.site, f"tables/{name}"))
        rows = built.package.rows(name)
        for field in [f for f in built.package.schema(name)["fields"] if f.get("categories")]:
            book = next(e for e in found if e["tag"] == "dl" and e["attrs"].get("data-field") == field["name"])
            counts = Counter(row[field["name"]] for row in rows)
            shown = {}
            for item in by_class(descendants(book), "dd-code"):
                inner = descendants(item)
                value = first(inner, tag="code")["text"]
                label = first(inner, cls="dd-label")["text"]
                count = first(inner, cls="dd-count")
                shown[value] = (label, int(count["text"].split()[0]))
                if count["tag"] == "a":
                    href = urlsplit(count["attrs"]["href"])
                    assert parse_qs(href.query, keep_blank_values=True) == {"where": [field["name"]], "is": [value]}
                    assert href.fragment == "rows" and href.path == ""
                else:
                    assert shown[value][1] == 0
            for category in field["categories"]:
                value = str(category["value"])
                assert shown.pop(value) == (category["label"], counts.pop(value, 0)), (name, field["name"], value)
            # Anything left over is an empty or unknown value, shown with its own count.
            assert {v: c for v, (_, c) in shown.items()} == dict(counts), (name, field["name"])


def test_every_span_row_is_highlighted_with_its_words(built):
    for name in built.resources:
        spans = built.package.schema(name).get("x-spans")
        if not spans:
            continue
        pk = built.package.primary_key(name)
        for row in built.package.rows(name):
            article = highlight_texts(_page(built.site, f"article/{row['article_id']}"))
            anchor = f"hl-{name}-" + "--".join(row[k] for k in pk)
            if row[spans[0]["text"]]:
                assert article.get((anchor, False)) == row[spans[0]["text"]], (name, anchor)
            else:  # an optional main span left empty: nothing is highlighted as the row
                assert (anchor, False) not in article, (name, anchor)
            for span in spans[1:]:
                if row[span["text"]]:
                    assert row[span["text"]] in article.get((anchor, True), ""), (name, anchor, span["text"])


def test_entity_pages_list_everything_that_refers_to_them_linked_both_ways():
    # The fixture only: on the live site, test_site_browser checks each actor page's mentions in Chromium.
    built = Built(fixture_site(), Package(FIXTURE))
    package = built.package
    for table in [t for t in ENTITY_TABLES if t in package.resources]:
        key = package.primary_key(table)[0]
        referring = [
            (name, fk["fields"][0] if isinstance(fk["fields"], list) else fk["fields"])
            for name in built.resources
            for fk in package.schema(name).get("foreignKeys", [])
            if (fk["reference"].get("resource") or name) == table
        ]
        table_page = _page(built.site, f"tables/{table}").read_text(encoding="utf-8")
        for row in package.rows(table):
            found = elements(_page(built.site, f"{table}/{row[key]}"))
            for name, field in referring:
                pk = package.primary_key(name)
                expected = sorted(" ".join(r[k] for k in pk) for r in package.rows(name) if r[field] == row[key])
                lists = [e for e in found if e["tag"] == "ol" and e["attrs"].get("data-from") == f"{name}.{field}"]
                assert len(lists) == (1 if expected else 0), (table, row[key], name, field)
                items = [e for e in found if lists and e["tag"] == "li" and e["parent"] is lists[0]]
                assert sorted(e["attrs"]["data-key"] for e in items) == expected, (table, row[key], name, field)
                for item in items:  # each links to its row on its table page
                    hrefs = [e["attrs"].get("href", "") for e in descendants(item) if e["tag"] == "a"]
                    assert any(h.startswith(f"../../tables/{name}/#row-") for h in hrefs), (table, row[key], name)
            # ...and the entity's row on its table page links back to this page.
            assert f'href="../../{table}/{row[key]}/"' in table_page, (table, row[key])


def test_names_in_the_article_link_to_the_entity_they_name(built):
    for mention in built.package.rows("mentions"):
        found = elements(_page(built.site, f"article/{mention['article_id']}"))
        target = f"../../actors/{mention['actor_id']}/" if mention["actor_id"] else f"../../places/{mention['place_id']}/"
        links = [e for e in found if e["tag"] == "a" and e["attrs"].get("data-hl") == f"hl-mentions-{mention['mention_id']}"]
        assert links and all(e["attrs"]["href"] == target for e in links), mention["mention_id"]


def test_er_diagram_is_a_static_svg_of_every_table_and_join(built):
    svg = (built.site / "er-diagram.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<script" not in svg
    edges = 0
    for name in built.resources:
        assert f">{name}</text>" in svg
        for fk in built.package.schema(name).get("foreignKeys", []):
            assert f">→ {fk['reference'].get('resource') or name}</text>" in svg
            edges += 1
    assert svg.count('class="edge"') == edges
    assert not list(built.site.rglob("mermaid*")) and "mermaid" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_navigation_in_three_parts(built):
    config = yaml.safe_load((built.site.parent / "build" / "mkdocs.nav.yml").read_text(encoding="utf-8"))
    assert [next(iter(section)) for section in config["nav"]] == ["Data", "Method", "Project"]

    def pages_of(section: list) -> list[str]:
        out = []
        for entry in section:
            value = next(iter(entry.values()))
            out += pages_of(value) if isinstance(value, list) else [value]
        return out

    data, method, project = (pages_of(next(iter(s.values()))) for s in config["nav"])
    assert {f"tables/{n}.md" for n in built.resources} <= set(data)
    assert {"use-the-data.md", "relationships.md", "index.md", "actors/index.md", "places/index.md", "sources/index.md"} <= set(data)
    assert {f"article/{a['article_id']}.md" for a in built.package.rows("articles")} <= set(data)
    assert "annotation-method.md" in method
    assert {"guarantees.md", "performance.md", "contributing.md", "changelog.md"} <= set(project)
    for page in (REPO / "docs").glob("*.md"):  # every hand-written page is placed somewhere
        assert page.name in data + method + project


def test_use_the_data_page_shows_each_snippet_verbatim(built):
    text = page_text(_page(built.site, "use-the-data"))
    snippets = sorted((REPO / "docs" / "snippets").glob("unnamed_with_*"))
    assert len(snippets) == 5
    for snippet in snippets:
        for line in snippet.read_text(encoding="utf-8").splitlines():
            assert line.strip() in text, (snippet.name, line)
        assert (built.site / "snippets" / snippet.name).read_bytes() == snippet.read_bytes()


def test_entity_pages_are_exactly_the_rows(built):
    for table in [t for t in ENTITY_TABLES if t in built.package.resources]:
        key = built.package.primary_key(table)[0]
        ids = {row[key] for row in built.package.rows(table)}
        assert {p.name for p in (built.site / table).iterdir() if p.is_dir()} == ids
