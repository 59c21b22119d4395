"""The built site says what the schemas and data say: every field, every quote, every count."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

from sitebuild import REPO, highlight_texts, page_tables, page_text, real_site

META = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in META["resources"]}


def schema(name: str) -> dict:
    return json.loads((REPO / RESOURCES[name]["schema"]).read_text(encoding="utf-8"))


def rows(name: str) -> list[dict[str, str]]:
    with (REPO / RESOURCES[name]["path"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def site():
    return real_site()


@pytest.mark.parametrize("name", RESOURCES)
def test_table_page_lists_every_field_with_its_description(site, name):
    table = page_tables(site / "tables" / name / "index.html")["fields"]
    header, body = table[0], table[1:]
    listed = {row[header.index("Field")]: row for row in body}
    fields = schema(name)["fields"]
    assert list(listed) == [f["name"] for f in fields]
    for field in fields:
        row = listed[field["name"]]
        assert row[header.index("Type")] == field.get("type", "string")
        assert row[header.index("Required")] == ("yes" if field.get("constraints", {}).get("required") else "no") \
            or field["name"] in schema(name).get("primaryKey", [])
        # Backticks become <code>; the words are the schema's words.
        assert row[header.index("Description")] == field.get("description", "").replace("`", "")
        for key, value in field.get("constraints", {}).items():
            if key not in ("required", "unique", "enum"):
                assert f"{key}: " in row[header.index("Constraints")], (field["name"], key)


@pytest.mark.parametrize("name", RESOURCES)
def test_table_page_shows_every_row(site, name):
    table = page_tables(site / "tables" / name / "index.html")[f"rows-{name}"]
    pk = schema(name)["primaryKey"]
    pk = [pk] if isinstance(pk, str) else pk
    shown = {tuple(r[table[0].index(k)] for k in pk) for r in table[1:]}
    assert shown == {tuple(r[k] for k in pk) for r in rows(name)}


def test_every_field_name_is_somewhere_in_the_site(site):
    text = " ".join(page_text(p) for p in site.rglob("*.html"))
    for name in RESOURCES:
        for field in schema(name)["fields"]:
            assert field["name"] in text, (name, field["name"])


def test_every_quote_text_appears_in_the_site(site):
    quotes_page = page_text(site / "tables" / "quotes" / "index.html")
    for quote in rows("quotes"):
        article = highlight_texts(site / "article" / quote["article_id"] / "index.html")
        assert quote["text"] in quotes_page, quote["quote_id"]
        assert article[(f"hl-quotes-{quote['quote_id']}", False)] == quote["text"], quote["quote_id"]
        assert article[(f"hl-quotes-{quote['quote_id']}", True)] == quote["cue_text"], quote["quote_id"]


def test_every_span_row_is_highlighted_with_its_words(site):
    for name, resource in RESOURCES.items():
        spans = schema(name).get("x-spans")
        if not spans:
            continue
        pk = schema(name)["primaryKey"]
        pk = pk if isinstance(pk, str) else pk[0]
        for row in rows(name):
            article = highlight_texts(site / "article" / row["article_id"] / "index.html")
            assert article.get((f"hl-{name}-{row[pk]}", False)) == row[spans[0]["text"]], (name, row[pk])


@pytest.mark.parametrize("name", RESOURCES)
def test_codebook_counts_match_the_data(site, name):
    tables = page_tables(site / "tables" / name / "index.html")
    coded = [f for f in schema(name)["fields"] if f.get("categories")]
    for field in coded:
        table = tables[field["name"]]
        header = table[0]
        shown = {r[header.index("Value")]: (r[header.index("Label")], int(r[header.index("Rows")])) for r in table[1:]}
        counts = Counter(row[field["name"]] for row in rows(name))
        for category in field["categories"]:
            value = str(category["value"])
            assert shown.pop(value) == (category["label"], counts.pop(value, 0)), (name, field["name"], value)
        # Anything left over is an empty or unknown value, shown with its own count.
        assert {v: c for v, (_, c) in shown.items()} == dict(counts), (name, field["name"])


def test_nav_holds_every_table_and_hand_written_page(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for name in RESOURCES:
        assert f'href="tables/{name}/"' in home
    for page in sorted((REPO / "docs").glob("*.md")):
        assert (site / page.stem / "index.html").is_file(), page.name
    for source, stem in (("CONTRIBUTING.md", "contributing"), ("CHANGELOG.md", "changelog")):
        assert (site / stem / "index.html").is_file() == (REPO / source).is_file(), source
