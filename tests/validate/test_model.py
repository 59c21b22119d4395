"""The package model (validate/model.py), the strict JSON it is parsed with (validate/strictjson.py) and the
guard that decides which paths may be read (validate/paths.py)."""
from __future__ import annotations

import json
import os

import pytest
from conftest import PackageCopy
from frictionless.helpers import is_safe_path
from hypothesis import given, settings
from hypothesis import strategies as st

from validate.model import CannotRun, ModelError, build, load_model
from validate.paths import PLAIN_PATH, NotRegular, PathGuard, is_slug, read_regular, unusual_reason
from validate.strictjson import MAX_DEPTH, MAX_DIGITS, JSONRefused, loads


# ---- strict JSON
def refusal(raw: bytes) -> JSONRefused:
    with pytest.raises(JSONRefused) as caught:
        loads(raw)
    return caught.value


def test_plain_json_is_read():
    assert loads(b'{"name": "x", "n": [1, 2.5, null, true]}') == {"name": "x", "n": [1, 2.5, None, True]}


@pytest.mark.parametrize("raw, line, words", [
    (b'{\n  "version": NaN\n}', 2, "NaN is not a JSON number"),
    (b'{\n  "version": -Infinity\n}', 2, "Infinity is not a JSON number"),
    (b'{\n  "resources": [],\n  "resources": [1]\n}', 3, 'The key "resources" appears twice'),
    (b'{\n  "a": {"b": 1, "b": 2}\n}', 2, 'The key "b" appears twice'),
    (b'{"a":\n' + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"}", 2, f"deeper than {MAX_DEPTH} levels"),
    (b'{"n": ' + b"9" * (MAX_DIGITS + 1) + b"}", 1, f"{MAX_DIGITS + 1}-digit integer is too large"),
    (b'{"a": 1,}', 1, "Invalid JSON"),
    ('{"a": 1}'.encode("utf-16"), 1, "UTF-16"),
    (b'\xef\xbb\xbf{"a": 1}', 1, "byte-order mark"),
    (b'{"a":\n"\xe9"}', 2, "Not UTF-8"),
    (b'{\n  "maximum": 1e999\n}', 2, "would be read as Infinity"),
    (b'{"f": [{"minimum": 0, "minimum": 5},\n  {"minimum": 1}],\n "minimum": 2}', 1, 'The key "minimum" appears twice'),
], ids=["NaN", "Infinity", "duplicate key", "nested duplicate key", "depth", "long integer", "syntax", "UTF-16", "BOM", "Latin-1",
        "number beyond a double", "duplicate key before other objects with the same key"])
def test_json_other_readers_would_read_differently_is_refused_with_its_line(raw, line, words):
    error = refusal(raw)
    assert words in str(error)
    assert error.line == line


def test_brackets_inside_strings_are_not_nesting():
    assert loads(b'{"a": "' + b"[" * 1000 + b'"}') == {"a": "[" * 1000}


def test_depth_is_measured_without_recursion_however_deep():
    error = refusal(b"[" * 100_000 + b"]" * 100_000)
    assert "deeper than" in str(error)


# ---- the path guard
plain_paths = st.from_regex(PLAIN_PATH, fullmatch=True).filter(lambda path: ".." not in path)


@settings(max_examples=100, derandomize=True, database=None)
@given(path=plain_paths)
def test_every_plain_path_is_one_frictionless_calls_safe(path):
    """PathGuard skips Frictionless' is_safe_path for plain paths: sound only if Frictionless would accept every one."""
    assert is_safe_path(path)
    assert unusual_reason(path) is None


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.txt", "data/../../x", "~/x", "$HOME/x", "%APPDATA%/x", "file:///etc/passwd",
                                  "https://example.org/a.txt", "//host/share", "data/a..b/../x", "C:\\data\\x.csv", ""])
def test_unusual_paths_are_refused(tmp_path, path):
    assert PathGuard(tmp_path).reason(path)


def test_a_plain_path_through_a_link_outside_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "data" / "text.txt").symlink_to(outside / "secret.txt")
    (package / "linked").symlink_to(outside)
    assert PLAIN_PATH.fullmatch("data/text.txt")
    assert "outside the package" in PathGuard(package).reason("data/text.txt")
    assert "outside the package" in PathGuard(package).reason("linked/secret.txt")
    assert PathGuard(package).reason("data/other.txt") is None  # a missing file is the reader's to report


def test_only_regular_files_are_read(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "big").write_bytes(b"x" * 10)
    with pytest.raises(NotRegular):
        read_regular(tmp_path / "pipe")  # returns at once: a FIFO is never opened for a blocking read
    with pytest.raises(NotRegular):
        read_regular(tmp_path)
    with pytest.raises(NotRegular):
        read_regular(tmp_path / "big", limit=9)
    assert read_regular(tmp_path / "big", limit=10) == b"x" * 10


@pytest.mark.parametrize("name, slug", [("news-article-annotations", True), ("a1", True), ("../../tmp/escaped", False), ("Upper", False),
                                        ("double--hyphen", False), ("trailing-", False), ("", False), (None, False)])
def test_names_that_become_paths_must_be_plain_slugs(name, slug):
    assert is_slug(name) is slug


# ---- the model of the fixture package
def test_the_fixture_package_model(package):
    model = load_model(package.root)
    assert model.name == "news-article-annotations" and model.version == "0.1.0"
    assert list(model.resources) == ["articles", "actors", "places", "mentions", "sources", "quotes", "facts", "image_captions"]
    assert model.texts is not None and (model.texts.resource, model.texts.key, model.texts.path) == ("articles", "article_id", "text_path")
    facts = model.resources["facts"]
    assert [g.name for g in facts.spans] == ["fact", "time"] and facts.spans[0].required and not facts.spans[1].required
    via_quote = next(fk for fk in facts.foreign_keys if fk.fields == ["quote_id"])
    assert via_quote.same == {"claimant_actor_id": "speaker_actor_id", "source_id": "source_id"} and via_quote.within == {"span": "fact", "in": "quote"}
    assert model.article_field(facts) == "article_id"
    sources = model.resources["sources"]
    assert next(fk for fk in sources.foreign_keys if fk.fields == ["cited_via_source_id"]).is_self_reference
    assert sources.field("date_edtf").extras == {"x-format": "edtf"}
    assert {r.name for r, _ in model.referring("actors")} >= {"mentions", "quotes", "facts", "sources"}


def test_load_model_refuses_a_package_with_problems(package):
    package.edit_json("datapackage.json", lambda d: d.update(name="Not A Slug"))
    with pytest.raises(ModelError, match="name"):
        load_model(package.root)


# ---- declarations the model refuses
def problems_of(package: PackageCopy) -> list[tuple]:
    return [(p.rule, p.file, p.column) for p in build(package.root)[1]]


def schema_edit(relative: str, change):
    return lambda package: package.edit_json(relative, change)


def first_field(name: str):
    return lambda s: next(f for f in s["fields"] if f["name"] == name)


DECLARATIONS = {
    "package name that is a path": (schema_edit("datapackage.json", lambda d: d.update(name="../../../../tmp/escaped")),
                                    ("descriptor-invalid", "datapackage.json", "name")),
    "resource name not snake_case": (schema_edit("datapackage.json", lambda d: d["resources"][2].update(name="Places")),
                                     ("descriptor-invalid", "datapackage.json", "resources")),
    "two resources with one name": (schema_edit("datapackage.json", lambda d: d["resources"].append(dict(d["resources"][2]))),
                                    ("descriptor-invalid", "datapackage.json", "resources")),
    "unknown x- extension in the descriptor": (schema_edit("datapackage.json", lambda d: d.update({"x-text": {}})),
                                               ("descriptor-invalid", "datapackage.json", "x-text")),
    "x-texts naming a table the package lacks": (schema_edit("datapackage.json", lambda d: d["x-texts"].update(resource="texts")),
                                                 ("descriptor-invalid", "datapackage.json", "x-texts")),
    "$schema as an absolute path": (schema_edit("datapackage.json", lambda d: d.update({"$schema": "/etc/passwd"})),
                                    ("path-unsafe", "datapackage.json", "$schema")),
    "misspelt table extension": (schema_edit("schemas/quotes.json", lambda s: s.update({"x-span": s.pop("x-spans")})),
                                 ("schema-invalid", "schemas/quotes.json", "x-span")),
    "unknown field extension": (schema_edit("schemas/places.json", lambda s: s["fields"][0].update({"x-secret": 1})),
                                ("schema-invalid", "schemas/places.json", "place_id")),
    "x-spans naming a missing field": (schema_edit("schemas/quotes.json", lambda s: s["x-spans"][0].update(text="words")),
                                       ("schema-invalid", "schemas/quotes.json", "x-spans")),
    "x-spans on string offsets": (schema_edit("schemas/quotes.json", lambda s: first_field("start")(s).update(type="string", constraints={}, example="447")),
                                  ("schema-invalid", "schemas/quotes.json", "x-spans")),
    "x-spans without a foreign key to the texts": (schema_edit("schemas/quotes.json", lambda s: s.update(
        foreignKeys=[k for k in s["foreignKeys"] if k["fields"] != ["article_id"] and k["fields"] != "article_id"])),
        ("schema-invalid", "schemas/quotes.json", "x-spans")),
    "x-one-of naming a missing field": (schema_edit("schemas/mentions.json", lambda s: s.update({"x-one-of": [["actor_id", "organisation_id"]]})),
                                        ("schema-invalid", "schemas/mentions.json", "x-one-of")),
    "x-same naming a missing field": (schema_edit("schemas/facts.json", lambda s: next(k for k in s["foreignKeys"] if k.get("x-same"))["x-same"].update(
        claimant_actor_id="speaker_id")), ("schema-invalid", "schemas/facts.json", "foreignKeys")),
    "x-within naming an undeclared span group": (schema_edit("schemas/facts.json", lambda s: next(k for k in s["foreignKeys"] if k.get("x-within"))[
        "x-within"].update({"in": "paragraph"})), ("schema-invalid", "schemas/facts.json", "foreignKeys")),
    "x-precision-of without a readable pattern": (schema_edit("schemas/sources.json", lambda s: first_field("date_precision")(s)["categories"][0].update(
        {"x-edtf-pattern": "^[0-9{4}$"})), ("schema-invalid", "schemas/sources.json", "date_precision")),
    "x-requires naming a missing field": (schema_edit("schemas/facts.json", lambda s: next(
        c for c in first_field("status")(s)["categories"] if "x-requires" in c)["x-requires"].update(filled=["speaker"])),
        ("schema-invalid", "schemas/facts.json", "status")),
    "x-referenced-by without a foreign key back": (schema_edit("schemas/actors.json", lambda s: s.update(
        {"x-referenced-by": [{"resource": "places", "fields": ["place_id"]}]})), ("schema-invalid", "schemas/actors.json", "x-referenced-by")),
    "foreign key to a missing resource": (schema_edit("schemas/mentions.json", lambda s: s["foreignKeys"].append(
        {"fields": ["place_id"], "reference": {"resource": "regions", "fields": ["region_id"]}})), ("schema-invalid", "schemas/mentions.json", "foreignKeys")),
    "primary key naming a missing field": (schema_edit("schemas/places.json", lambda s: s.update(primaryKey=["id"])),
                                           ("schema-invalid", "schemas/places.json", None)),  # Frictionless' own judgement, which names no property
    "minimum above maximum": (schema_edit("schemas/quotes.json", lambda s: first_field("start")(s)["constraints"].update(minimum=10, maximum=1)),
                              ("schema-invalid", "schemas/quotes.json", "start")),
    "pattern neither engine reads": (schema_edit("schemas/places.json", lambda s: first_field("place_id")(s)["constraints"].update(pattern="(?<=a)b")),
                                     ("schema-invalid", "schemas/places.json", "place_id")),
    "integer enum on a string field": (schema_edit("schemas/places.json", lambda s: first_field("kind")(s)["constraints"].update(enum=[1, 2])),
                                       ("schema-invalid", "schemas/places.json", "kind")),
}


@pytest.mark.parametrize("name", DECLARATIONS)
def test_a_declaration_later_stages_could_not_act_on_is_refused_naming_its_property(package, name):
    change, expected = DECLARATIONS[name]
    change(package)
    assert expected in problems_of(package)


def test_a_refused_table_is_left_out_of_the_model_and_the_others_stay(package):
    package.edit_json("schemas/places.json", lambda s: s.update(primaryKey=["id"]))
    model, _ = build(package.root)
    assert "places" not in model.resources and "quotes" in model.resources


def test_a_descriptor_that_links_outside_the_package_cannot_run(package):
    outside = package.root.parent / "elsewhere.json"
    outside.write_bytes(package.read("datapackage.json"))
    package.descriptor.unlink()
    package.descriptor.symlink_to(outside)
    with pytest.raises(CannotRun) as caught:
        build(package.root)
    assert caught.value.problem.rule == "path-unsafe"


@pytest.mark.parametrize("raw, rule", [(b"[]", "descriptor-unreadable"), (b'{"name": NaN}', "descriptor-unreadable")])
def test_a_descriptor_that_is_not_a_readable_object_cannot_run(package, raw, rule):
    package.write("datapackage.json", raw)
    with pytest.raises(CannotRun) as caught:
        build(package.root)
    assert (caught.value.problem.rule, caught.value.problem.file, caught.value.problem.line) == (rule, "datapackage.json", 1)


def test_a_folder_without_a_descriptor_cannot_run(tmp_path):
    with pytest.raises(CannotRun) as caught:
        build(tmp_path)
    assert caught.value.problem.rule == "file-missing"


def test_a_broken_schema_spoils_its_table_not_the_run(package):
    package.write("schemas/places.json", b'{"fields": [}')
    model, problems = build(package.root)
    assert [(p.rule, p.file, p.line) for p in problems] == [("schema-invalid", "schemas/places.json", 1)]
    # mentions refers to places: it is left out with it, silently (its problems would all be knock-ons)
    assert set(model.resources) == {"articles", "actors", "sources", "quotes", "facts", "image_captions"}


def test_a_broken_schema_others_refer_to_is_one_problem_whatever_the_chain(package):
    # quotes and facts refer to mentions, and actors declares x-referenced-by mentions: tables that refer to a table
    # left out are left out too, and a declaration about it is skipped, however the tables are ordered.
    package.write("schemas/mentions.json", package.read("schemas/mentions.json").replace(b'"fields"', b'"fields": [], "fields"', 1))
    model, problems = build(package.root)
    assert [(p.rule, p.file) for p in problems] == [("schema-invalid", "schemas/mentions.json")]
    assert "actors" in model.resources and "mentions" not in model.resources


def test_schemas_of_another_ref_stand_in_for_the_disk(package):
    """build(files=...) reads the descriptor and schemas from a mapping: the base branch's, for --base-schemas."""
    base = json.loads(package.read("schemas/places.json"))
    base["fields"][1]["constraints"]["maxLength"] = 4
    model, problems = build(package.root, files={"schemas/places.json": json.dumps(base).encode()})
    assert problems == [] and model.resources["places"].field("name").constraints["maxLength"] == 4
