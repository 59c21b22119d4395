"""The schemas document themselves (validate/rules/schema_lint.py): every field has a description and an example
that obeys its own constraints, and every codebook defines exactly its enum's values."""
from __future__ import annotations

import pytest
from memory import field, package, schema, table

from validate.rules.schema_lint import codebooks, documented, examples

KINDS = [{"value": "country", "label": "Country", "description": "A state."}, {"value": "region", "label": "Region", "description": "A region."}]


def model(*fields: dict):
    return package(table("places", schema(*fields), ",".join(f["name"] for f in fields) + "\n"))


def lint(*fields: dict):
    data = model(*fields)
    return [(p.rule, p.file, p.column) for check in (documented, examples, codebooks) for p in check(data)]


def test_a_documented_field_with_a_valid_example_and_a_full_codebook_passes():
    assert lint(field("place_id", constraints={"pattern": "^[a-z-]+$"}, example="iraq"), field("kind", constraints={"enum": ["country", "region"]},
                                                                                                   categories=KINDS, example="country"),
                field("flag", "boolean", example=True), field("start", "integer", constraints={"minimum": 0}, example=0),
                field("date_edtf", example="XXXX-02-29", **{"x-format": "edtf"})) == []


def test_a_field_without_a_description_or_an_example():
    assert lint({"name": "notes", "type": "string", "example": "x"}, {"name": "name", "type": "string", "description": "The name."}) == [
        ("field-documented", "schemas/places.json", "notes"), ("field-documented", "schemas/places.json", "name")]


@pytest.mark.parametrize("spec", [
    field("place_id", constraints={"pattern": "^[a-z-]+$"}, example="Golan Heights"),
    field("start", "integer", constraints={"minimum": 0}, example=-1),
    field("start", "integer", example="four"),
    field("kind", constraints={"enum": ["country", "region"]}, categories=KINDS, example="city"),
    field("date_edtf", example="XXXX-02-30", **{"x-format": "edtf"}),
    field("day", "date", example="2014-02-30"),
    field("name", constraints={"maxLength": 3}, example="Golan"),
], ids=["pattern", "minimum", "type", "enum", "edtf day", "date", "length"])
def test_an_example_that_breaks_its_own_field(spec):
    problems = list(examples(model(spec)))
    assert [(p.rule, p.column) for p in problems] == [("field-example", spec["name"])]
    assert problems[0].message.startswith(f"The example of '{spec['name']}' is not valid")


def test_a_codebook_that_differs_from_its_enum_or_lacks_a_definition():
    short = field("kind", constraints={"enum": ["country", "region"]}, categories=KINDS[:1], example="country")
    unlabelled = field("kind", constraints={"enum": ["country"]}, categories=[{"value": "country"}], example="country")
    no_enum = field("kind", categories=KINDS, example="country")
    assert [[(p.rule, p.column) for p in codebooks(model(spec))] for spec in (short, unlabelled, no_enum)] == [
        [("codebook", "kind")], [("codebook", "kind")], [("codebook", "kind")]]
