"""Schema changes a pull request makes are shown and policed (validate/schema_change.py, read from git by
validate/gitref.py): the data is validated against the base branch's schemas too, and every rule a schema
change switches off is listed."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PackageCopy
from faults import committed, git

from validate.gitref import changed_lines, show
from validate.model import load_model
from validate.schema_change import activations, against_base, base_files
from validate.triage import Verdict


@pytest.fixture
def repository(package) -> PackageCopy:
    committed(package)
    return package


def listed(package: PackageCopy) -> list[tuple]:
    verdict = against_base(str(package.root), "HEAD", Verdict([], total=0))
    return [(p.rule, p.file, p.line, p.column, p.message) for p in verdict.shown]


def test_what_a_model_declares_is_listed_by_the_schema_that_declares_it(package):
    declared = activations(load_model(package.root))
    assert declared["quotes: span group quote (start, end, text) (x-spans)"] == "schemas/quotes.json"
    assert declared["mentions: exactly one of actor_id, place_id (x-one-of)"] == "schemas/mentions.json"
    assert declared["facts: claimant_actor_id agrees with quotes.speaker_actor_id (x-same)"] == "schemas/facts.json"
    assert declared["places.place_id: pattern"] == "schemas/places.json"
    assert declared["article texts listed in articles (x-texts)"] == "datapackage.json"


def test_an_unchanged_package_adds_nothing(repository):
    assert listed(repository) == []


def test_each_rule_a_schema_change_switches_off_is_listed(repository):
    repository.edit_json("schemas/image_captions.json", lambda s: s.pop("x-spans"))
    repository.edit_json("schemas/places.json", lambda s: s["fields"][0]["constraints"].pop("pattern"))
    found = listed(repository)
    assert {rule for rule, *_ in found} == {"rule-switched-off"}
    assert {m for _, file, _, _, m in found if file == "schemas/places.json"} == {"The schema change switches off: places.place_id: pattern."}
    assert {m for _, file, _, _, m in found if file == "schemas/image_captions.json"} == {
        "The schema change switches off: image_captions: span group caption (start, end, text) (x-spans).",
        "The schema change switches off: image_captions: span group caption required.",
        "The schema change switches off: image_captions: span group depicts (depicts_start, depicts_end, depicts_text) (x-spans).",
        "The schema change switches off: image_captions: span group provenance (provenance_start, provenance_end, provenance_text) (x-spans)."}


def test_a_table_removed_is_one_line_not_one_per_rule(repository):
    def drop(descriptor):
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "image_captions"]
    repository.edit_json("datapackage.json", drop)
    assert [(rule, m) for rule, _, _, _, m in listed(repository)] == [("rule-switched-off", "The schema change switches off: table image_captions.")]


def test_data_that_only_the_new_schemas_allow_is_reported_under_the_base_schemas(repository):
    def widen(schema):
        kind = next(f for f in schema["fields"] if f["name"] == "kind")
        kind["constraints"]["enum"].append("district")
        kind["categories"].append({"value": "district", "label": "District", "description": "A district."})
    repository.edit_json("schemas/places.json", widen)
    line = repository.set_cell("places", 1, "kind", "district")
    (found,) = [x for x in listed(repository) if x[0] == "base-schemas"]
    assert found[1:4] == ("data/places.csv", line, "kind") and found[4].startswith("Under the schemas of HEAD: ")


def test_a_first_pull_request_has_no_base_to_compare_with(package, tmp_path):
    assert base_files(package.root, "HEAD") == {}  # not a repository at all
    assert listed(package) == []


def test_git_reads_a_file_at_a_ref_and_the_lines_changed_since(repository):
    assert show(repository.root, "HEAD", "schemas/places.json") == repository.read("schemas/places.json")
    assert show(repository.root, "HEAD", "data/none.csv") is None
    line = repository.set_cell("quotes", 3, "notes", "changed")
    assert changed_lines(Path(repository.root), "HEAD") == {"data/quotes.csv": {line}}
    git(repository, "add", "--all")
    assert changed_lines(Path(repository.root), "no-such-ref") == {}
