"""Table Schema's field rules (validate/rules/fields.py): types and formats parsed by the project, constraints by pandera."""
from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from memory import field, found, schema, table

from validate.rules.fields import field_rules, pandera_checks

SPEC = schema(
    field("id", constraints={"required": True, "pattern": "[a-z]+"}, example="abc"),
    field("n", "integer", constraints={"minimum": 0, "maximum": 9}, example=3),
    field("share", "number", example=0.5),
    field("flag", "boolean", example=True),
    field("day", "date", example="2014-01-08"),
    field("year", "year", example=2014),
    field("url", format="uri", example="https://example.org/"),
    field("mail", format="email", example="a@example.org"),
    field("kind", constraints={"enum": ["country", "region"]}),
    field("name", constraints={"minLength": 2, "maxLength": 4, "unique": True}),
    primaryKey=["id"],
)
HEADER = "id,n,share,flag,day,year,url,mail,kind,name\n"
GOOD = "ab,1,0.5,true,2014-01-08,2014,https://example.org/a,a@example.org,country,xx\n"


def rules(*rows: str):
    return field_rules(table("places", SPEC, HEADER + GOOD + "".join(rows)))


def one_cell(column: str, value: str) -> list:
    """The problems of a second row that differs from the good one in one cell."""
    row = dict(zip(HEADER.strip().split(","), GOOD.strip().split(","), strict=True)) | {"id": "cd", "name": "yy", column: value}
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row.values())
    return list(rules(out.getvalue()))


def test_a_good_row_passes():
    assert rules() == []


@pytest.mark.parametrize("column, value, rule", [
    ("n", "4a7", "type"), ("n", "575.0", "type"), ("n", "3,320", "type"), ("n", "99999999999999999999999", "type"),
    ("share", "half", "type"), ("flag", "yes", "type"), ("flag", "maybe", "type"), ("year", "14", "type"),
    ("day", "2014-02-30", "date"), ("day", "17/11/2014", "date"), ("day", "2014-1-8", "date"),
    ("url", "www.example.org/story", "format"), ("url", "javascript alert(1)", "format"), ("mail", "not an address", "format"),
    ("id", "", "required"), ("id", "AB", "pattern"), ("id", "ab-", "pattern"),  # a pattern matches the whole value
    ("n", "-1", "minimum"), ("n", "10", "maximum"), ("kind", "Country", "enum"), ("name", "y", "length"), ("name", "toolong", "length"),
])
def test_each_way_a_cell_breaks_its_field_is_named_at_its_row_and_column(column, value, rule):
    problems = one_cell(column, value)
    assert found(problems) == [(rule, 3, column)]


def test_a_cell_of_the_wrong_shape_gets_the_field_example_as_its_hint():
    (problem,) = one_cell("day", "17/11/2014")
    assert problem.value == "17/11/2014"
    assert problem.hint == "Write it in the shape of the field's example: 2014-01-08."


def test_a_cell_of_the_wrong_type_is_reported_once_not_again_by_its_constraints():
    assert found(one_cell("n", "ten")) == [("type", 3, "n")]


def test_empty_optional_cells_pass():
    assert one_cell("n", "") == [] and one_cell("flag", "") == [] and one_cell("url", "") == []


def test_true_and_false_values_come_from_the_schema():
    spec = schema(field("id"), field("flag", "boolean", trueValues=["oui"], falseValues=["non"]))
    assert found(field_rules(table("t", spec, "id,flag\na,oui\nb,non\nc,true\n"))) == [("type", 4, "flag")]


def test_a_repeated_unique_value_is_reported_on_the_repeating_row_naming_the_first():
    problems = rules("cd,1,0.5,true,2014-01-08,2014,,,country,xx\n", "ef,1,0.5,true,2014-01-08,2014,,,country,xx\n")
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("unique", 3, "name", "'name' repeats the value of line 2."), ("unique", 4, "name", "'name' repeats the value of line 2.")]


def test_a_repeated_primary_key_is_a_primary_key_problem_not_a_unique_one():
    assert [(p.rule, p.line, p.message) for p in rules("ab,2,0.5,true,2014-01-08,2014,,,country,zz\n")] == [
        ("primary-key", 3, "'id' repeats the value of line 2.")]


def test_a_composite_primary_key_is_broken_only_by_a_repeated_combination():
    spec = schema(field("article"), field("start", "integer"), primaryKey=["article", "start"])
    problems = field_rules(table("t", spec, "article,start\na,1\na,2\nb,1\na,1\n"))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [("primary-key", 5, "article", "'article' repeats the value of line 2.")]


def test_a_failure_of_a_whole_column_is_reported_not_dropped():
    """pandera reports some failures without a row (a column of the wrong type, say); they must not vanish."""
    parsed = table("t", schema(field("id"), field("n", "integer", constraints={"minimum": 0})), "id,n\na,1\n")
    typed = parsed.frame.with_columns(pl.col("n").cast(pl.String))  # what no parse would give: a string column for an integer field
    problems = pandera_checks(parsed, parsed.fields, typed, set())
    assert ("type", None, "n") in found(problems)
    assert all(p.line is None and "as a whole column" in p.message for p in problems)
