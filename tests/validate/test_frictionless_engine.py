"""Frictionless' row pass as a second opinion (validate/frictionless_engine.py): its errors in the project's rules,
at editor lines, and never run over a package the project has refused to read."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from memory import field, read, schema

from validate.frictionless_engine import check, line_of, to_problem, wanted
from validate.model import load_model
from validate.problems import Problem

SPEC = schema(field("id"), field("kind", constraints={"enum": ["a", "b"]}), field("n", "integer"), field("day", "date"),
              field("url", format="uri"), primaryKey=["id"])


def error(kind: str, row: int | None = 2, field_name: str | None = "kind", note: str = "", cell: str | None = "x"):
    return SimpleNamespace(type=kind, row_number=row, field_name=field_name, note=note, cell=cell, message=f"{kind} message")


@pytest.mark.parametrize("kind, note, field_name, rule", [
    ("constraint-error", 'constraint "enum" is "[\'a\', \'b\']"', "kind", "enum"),
    ("constraint-error", 'constraint "required" is "True"', "kind", "required"),
    ("constraint-error", 'constraint "maxLength" is "4"', "kind", "length"),
    ("constraint-error", 'constraint "somethingNew" is "1"', "kind", "frictionless"),
    ("type-error", "", "n", "type"),
    ("type-error", "", "day", "date"),
    ("type-error", "", "url", "format"),
    ("unique-error", "", "id", "primary-key"),  # unique on the primary key is the primary key's problem
    ("foreign-key", "", "kind", "foreign-key"),
    ("blank-row", "", None, "csv-blank-row"),
    ("extra-cell", "", None, "csv-row-width"),
    ("missing-label", "", "kind", "csv-header"),
    ("hash-count", "", None, "file-integrity"),
    ("something-new", "", None, "frictionless"),
])
def test_each_frictionless_error_becomes_the_project_rule_it_stands_for(kind, note, field_name, rule):
    table, _ = read("places", SPEC, "id,kind,n,day,url\na,a,1,2014-01-08,https://example.org/\n")
    problem = to_problem(error(kind, note=note, field_name=field_name), "data/places.csv", table)
    assert (problem.rule, problem.file, problem.column, problem.engines) == (rule, "data/places.csv", field_name, ("frictionless",))


def test_frictionless_records_become_editor_lines_past_multi_line_cells_and_short_rows():
    raw = 'id,kind,n,day,url\na,"a\nb",1,,\nb,b\nc,a,3,,\n'  # record 2 spans lines 2-3; record 3 (line 4) is too short; record 4 is line 5
    table, _ = read("places", SPEC, raw)
    assert [line_of(error("type-error", row=n), table) for n in (2, 3, 4)] == [2, 4, 5]
    assert line_of(error("missing-label", row=None), table) == 1  # a header problem is on line 1
    assert line_of(error("hash-count", row=None), table) is None


@pytest.mark.parametrize("mode, found, runs", [
    ("never", [], False), ("always", [], True), ("always", [Problem("enum", "f", "m")], True),
    ("always", [Problem("csv-encoding", "f", "m")], False), ("always", [Problem("path-unsafe", "f", "m")], False),
])
def test_the_pass_runs_only_when_asked_and_never_over_files_the_project_refused_to_read(mode, found, runs):
    assert wanted(mode, found) is runs


def test_the_pass_over_a_broken_copy_reports_at_project_lines(package):
    package.set_cell("quotes", 1, "kind", "quote")
    from validate.reader import read_table
    model = load_model(package.root)
    tables = {name: read_table(model, resource)[0] for name, resource in model.resources.items()}
    problems = check(model, tables)
    assert [(p.rule, p.file, p.line, p.column, p.engines) for p in problems] == [("enum", "data/quotes.csv", 3, "kind", ("frictionless",))]
