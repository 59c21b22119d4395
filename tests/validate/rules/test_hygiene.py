"""CSV hygiene (validate/rules/hygiene.py): the header, empty tables and rows, and what a cell may hold."""
from __future__ import annotations

import unicodedata

import pytest
from memory import field, found, read, schema, table, verdict

from validate.rules import hygiene
from validate.rules.hygiene import MAX_CELL_CHARS, cells, empty_rows, header, long_cells
from validate.rules.nfc_suspects import NFC_SUSPECTS, UNICODE_VERSION

SPEC = schema(field("id", constraints={"required": True}), field("name"), field("count", "integer"), primaryKey=["id"])


def parsed(csv: str):
    return table("actors", SPEC, csv)


# ---- the header
@pytest.mark.parametrize("first_line, expected", [
    ("id,count,name", [("csv-header", 1, None, "Columns are out of order; expected: id, name, count.")]),
    ("id,name", [("csv-header", 1, "count", "Missing column(s): count.")]),
    ("id,name,count,reviewer", [("csv-header", 1, "reviewer", "Column(s) not in the schema: reviewer.")]),
    ("id,name,name", [("csv-header", 1, "count", "Missing column(s): count."), ("csv-header", 1, "name", "Column(s) named twice: name.")]),
    ("ID,name,count", [("csv-header", 1, "id", "Column 'ID' should be named 'id': field names are matched exactly.")]),
    ("id,Name ,count,extra", [("csv-header", 1, "name", "Column 'Name ' should be named 'name': field names are matched exactly."),
                              ("csv-header", 1, "extra", "Column(s) not in the schema: extra.")]),
], ids=["out of order", "missing", "extra", "named twice", "case", "case, space and an extra column"])
def test_each_way_a_header_differs_from_the_schema(first_line, expected):
    cells_per_row = ",".join("x" * (n + 1) for n in range(first_line.count(",") + 1))
    problems = list(header(parsed(f"{first_line}\n{cells_per_row}\n")))
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == expected


def test_the_schema_header_passes():
    assert list(header(parsed("id,name,count\na,b,1\n"))) == []


def test_a_column_not_in_the_schema_gets_the_hint_to_add_it_to_the_schema_file():
    (problem,) = header(parsed("id,name,count,reviewer\na,b,1,c\n"))
    assert problem.value == "reviewer"
    assert "schemas/actors.json" in problem.hint


# ---- empty tables and rows
def test_a_header_only_file_is_an_empty_table_at_line_2():
    assert found(empty_rows(parsed("id,name,count\n"))) == [("table-empty", 2, None)]


def test_a_table_declared_x_may_be_empty_may_be_empty():
    spec = {**SPEC, "x-may-be-empty": True}
    assert list(empty_rows(table("exclusions", spec, "id,name,count\n"))) == []


def test_a_run_of_comma_only_rows_is_one_problem():
    problems = list(empty_rows(parsed("id,name,count\na,b,1\n,,\n,,\nc,d,2\n,,\n")))
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("csv-comma-row", 3, "2 rows of commas only, lines 3 to 4."), ("csv-comma-row", 6, "A row of commas only.")]


def test_a_run_of_comma_only_rows_has_no_knock_ons():
    result = verdict(parsed("id,name,count\na,b,1\n,,\n,,\n,,\nc,d,2\n"))
    assert [(p.rule, p.line) for p in result.shown] == [("csv-comma-row", 3)]


# ---- what a cell may hold
def test_a_cell_over_the_limit_is_reported_with_its_length():
    (problem,) = long_cells(read("actors", SPEC, f"id,name,count\na,{'x' * (MAX_CELL_CHARS + 1)},1\nb,{'x' * MAX_CELL_CHARS},2\n")[0])
    assert (problem.rule, problem.line, problem.column) == ("cell-too-long", 2, "name")
    assert f"{MAX_CELL_CHARS + 1:,} characters" in problem.message


def test_the_limit_counts_characters_not_bytes():
    assert list(long_cells(parsed(f"id,name,count\na,{'é' * MAX_CELL_CHARS},1\n"))) == []


CELLS = [
    ("=HYPERLINK(1)", "formula-injection"), ("+cmd", "formula-injection"), ("-2+3", "formula-injection"), ("@SUM(1)", "formula-injection"),
    ("Former\x07 director", "control-character"), ("note\x1b[31m red", "control-character"), ("nul\x00", "control-character"),
    ("c1\x85 control", "control-character"),
    ("Mike\u200f Flynn", "invisible-character"), ("\u202eevil", "invisible-character"), ("soft\u00adhyphen", "invisible-character"),
    ("tag \U000e0049\U000e0047", "invisible-character"), ("zero\u200bwidth", "invisible-character"), ("line\u2028separator", "invisible-character"),
    ("x\u200dy", "invisible-character"),  # a joiner between Latin letters joins nothing
    ("Mike Flynn ", "cell-whitespace"), (" Leading", "cell-whitespace"), ("tab\t", "cell-whitespace"),
    ("Cafe\u0301", "unicode-nfc"), ("Flynn\u0301", "unicode-nfc"),
]


@pytest.mark.parametrize("value, rule", CELLS, ids=[f"{rule}: {value.encode('unicode_escape').decode()[:24]}" for value, rule in CELLS])
def test_each_kind_of_bad_cell_is_named_at_its_row_and_column(value, rule):
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["id", "name", "count"], ["a", "fine", "1"], ["b", value, "2"]])
    problems = list(cells(read("actors", SPEC, out.getvalue())[0]))
    assert (rule, 3, "name") in found(problems), found(problems)


def test_clean_cells_pass_and_a_joiner_where_persian_needs_it_is_allowed():
    assert list(cells(parsed("id,name,count\na,Hezbollah,1\nb,Café,2\nc,\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645,3\nd,a-b,-3\n"))) == []


def test_a_number_field_may_start_with_a_minus():
    assert list(cells(parsed("id,name,count\na,x,-3\n"))) == []


def test_a_value_with_edge_whitespace_is_shown_in_quotes():
    (problem,) = cells(parsed("id,name,count\na,Mike ,1\n"))
    assert problem.value == '"Mike "'


def test_the_stored_nfc_character_class_is_the_one_pythons_unicode_database_gives():
    assert UNICODE_VERSION == unicodedata.unidata_version
    assert NFC_SUSPECTS == hygiene.compute_nfc_suspects()
