"""The Web Annotation export read back as an annotation client would, every selector checked against the text."""

from __future__ import annotations

import json
from pathlib import Path

from release_helpers import Release, copy_shipped, release_main

pytest_plugins = ["release_fixtures"]  # built, shipped: each package released once per session


def annotations(built: Release) -> dict:
    return json.loads((built.folder / "web-annotations.jsonld").read_text(encoding="utf-8"))


def span_groups(schema: dict) -> list[dict]:
    return schema.get("x-spans", [])


def test_collection_is_web_annotation_json_ld(built: Release):
    collection = annotations(built)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["first"]["type"] == "AnnotationPage" and collection["total"] == len(items) > 0
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
        assert {b["purpose"] for b in item["body"]} == {"tagging", "describing"}


def test_every_selector_sits_on_its_article_text(built: Release):
    texts = {row["text_path"]: (built.folder / row["text_path"]).read_text(encoding="utf-8") for row in built.rows("articles")}
    for item in annotations(built)["first"]["items"]:
        target = item["target"]
        text = texts[target["source"]]  # a relative IRI: the article's path beside this file
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], item["id"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"]), item["id"]
        assert len(quote["prefix"]) >= min(32, start) and len(quote["suffix"]) >= min(32, len(text) - end)
        # The quote selector alone finds the same place: prefix + exact + suffix occurs there and only there.
        context = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.find(context) == start - len(quote["prefix"]), item["id"]
        assert text.find(context, text.find(context) + 1) == -1, item["id"]


def test_every_span_of_every_span_table_is_exported_once(built: Release):
    """Quotes, mentions, facts, captions and any other table with spans: each filled span group is one annotation."""
    expected = set()
    for name, schema in built.schemas().items():
        for row in built.rows(name):
            for group in span_groups(schema):
                if row[group["start"]] != "":
                    expected.add((name, group["text"], row[group["text"]], int(row[group["start"]]), int(row[group["end"]]), json.dumps(row, sort_keys=True)))
    assert {"quotes", "mentions", "facts", "image_captions"} <= {e[0] for e in expected}
    found = set()
    for item in annotations(built)["first"]["items"]:
        tag = next(b["value"] for b in item["body"] if b["purpose"] == "tagging")
        row = json.loads(next(b["value"] for b in item["body"] if b["purpose"] == "describing"))
        table, group_name = (part.strip() for part in tag.split(":", 1))
        position = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
        schema = built.schemas()[table]
        # by the group the tag names: two groups of one row may cover the same words (a fact that is all evaluation)
        group = next(g for g in span_groups(schema) if g["name"] == group_name)
        assert (row[group["start"]], row[group["end"]]) == (position["start"], position["end"]), item["id"]
        as_csv = {k: ("" if v is None else ("true" if v is True else "false" if v is False else str(v))) for k, v in row.items()}
        found.add((table, group["text"], row[group["text"]], position["start"], position["end"], json.dumps(as_csv, sort_keys=True)))
    assert found == expected


def test_annotation_ids_do_not_change_with_the_version(tmp_path: Path):
    """The same row keeps the same annotation id in every release."""
    first = copy_shipped(tmp_path / "a")
    second = copy_shipped(tmp_path / "b")
    path = second / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = "7.0.0"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    (second / "CITATION.cff").unlink()  # a copy with no citation to keep in step

    from release.package import load_model
    from release.tables import read_tables
    from release.webannotation import collection as export

    ids = [[item["id"] for item in export(load_model(root), read_tables(load_model(root)))["first"]["items"]] for root in (first, second)]
    assert ids[0] == ids[1] and ids[0]
    assert release_main("--root", str(second), "--out", str(tmp_path / "dist")).returncode == 0
