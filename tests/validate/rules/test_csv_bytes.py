"""Rules on a file's bytes (validate/rules/csv_bytes.py): byte-order mark, line endings, blank lines."""
from __future__ import annotations

import pytest
from memory import field, found, read, schema, verdict

from validate.rules.csv_bytes import blank_lines, bom_and_line_endings

SPEC = schema(field("id", constraints={"required": True}), field("name"), primaryKey=["id"])


def facts_rules(raw: bytes):
    table, problems = read("places", SPEC, raw)
    assert problems == []
    return [*bom_and_line_endings(table), *blank_lines(table)]


def test_a_clean_file_passes():
    assert facts_rules(b"id,name\na,Iraq\nb,Syria\n") == []


def test_a_byte_order_mark_is_reported_on_line_1():
    assert found(facts_rules(b"\xef\xbb\xbfid,name\na,Iraq\n")) == [("csv-bom", 1, None)]


def test_crlf_line_endings_are_one_problem_with_their_count():
    (problem,) = facts_rules(b"id,name\r\na,Iraq\r\nb,Syria\r\n")
    assert (problem.rule, problem.line) == ("csv-line-ending", 1)
    assert problem.message.startswith("3 line(s) end with CRLF")


def test_crlf_first_appearing_on_a_later_line_is_located_there():
    assert found(facts_rules(b"id,name\na,Iraq\nb,Syria\r\n")) == [("csv-line-ending", 3, None)]


def test_a_bare_carriage_return_is_named():
    (problem,) = facts_rules(b"id,name\na,Iraq\rb,Syria\n")
    assert (problem.rule, problem.line) == ("csv-line-ending", 2)
    assert "bare carriage return" in problem.message


@pytest.mark.parametrize("raw, expected", [
    (b"id,name\na,Iraq\n\nb,Syria\n", [("csv-blank-row", 3, "Blank line.")]),
    (b"id,name\na,Iraq\n\n\n\nb,Syria\n", [("csv-blank-row", 3, "3 blank lines, lines 3 to 5.")]),
    (b"id,name\na,Iraq\n\n", [("csv-blank-row", 3, "Blank line.")]),
    (b"id,name\na,Iraq\n\nb,Syria\n\n\n", [("csv-blank-row", 3, "Blank line."), ("csv-blank-row", 5, "2 blank lines, lines 5 to 6.")]),
    (b"id,name\r\na,Iraq\r\n\r\nb,Syria\r\n", [("csv-blank-row", 3, "Blank line.")]),  # a CR alone is blank too
], ids=["one", "a run", "at the end", "two runs", "CRLF"])
def test_each_run_of_blank_lines_is_one_problem(raw, expected):
    problems = [p for p in facts_rules(raw) if p.rule == "csv-blank-row"]
    assert [(p.rule, p.line, p.message) for p in problems] == expected


def test_a_blank_line_inside_a_quoted_cell_is_part_of_the_cell():
    assert facts_rules(b'id,name\na,"Iraq\n\nand Syria"\n') == []


def test_a_run_of_blank_lines_hides_nothing_else_and_has_no_knock_ons():
    table, problems = read("places", SPEC, b"id,name\na,Iraq\n\n\n\nb,Syria\n")
    result = verdict(table, found=problems)
    assert [(p.rule, p.line) for p in result.shown] == [("csv-blank-row", 3)]
    assert result.total == 1


def test_two_hundred_thousand_blank_lines_are_one_problem():
    table, problems = read("places", SPEC, b"id,name\na,Iraq\n" + b"\n" * 200_000)
    result = verdict(table, found=problems)
    assert [(p.rule, p.line, p.message) for p in result.shown] == [("csv-blank-row", 3, "200,000 blank lines, lines 3 to 200,002.")]
    assert result.total == 1
