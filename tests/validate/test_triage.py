"""From every problem found to what a person reads (validate/triage.py): one problem per cause, root causes
hiding their knock-ons, a cap per rule and file, and each cell's character column."""
from __future__ import annotations

from memory import field, read, schema, table

from validate.problems import Problem
from validate.triage import CAP, cap_per_rule, locate, merge, triage

SPEC = schema(field("id"), field("name"), field("kind"))


def p(rule: str, line: int | None = 2, column: str | None = "name", message: str = "m", engines=("project",), file: str = "data/places.csv") -> Problem:
    return Problem(rule, file, message, line=line, column=column, engines=engines)


# ---- merge
def test_two_engines_on_one_cell_and_rule_are_one_problem_in_the_project_words():
    ours, theirs = p("enum", message="'name' must be one of: a, b."), p("enum", message='The cell "c" in row at position "2" ...', engines=("frictionless",))
    (merged,) = merge([theirs, ours])
    assert merged.message == ours.message and merged.engines == ("frictionless", "project")


def test_a_problem_only_frictionless_saw_is_kept():
    (kept,) = merge([p("frictionless", engines=("frictionless",))])
    assert kept.engines == ("frictionless",)


def test_distinct_messages_about_one_cell_and_rule_are_each_kept_once():
    merged = merge([p("csv-header", message="Missing column(s): x."), p("csv-header", message="Missing column(s): x."),
                    p("csv-header", message="Column(s) named twice: name.")])
    assert sorted(m.message for m in merged) == ["Column(s) named twice: name.", "Missing column(s): x."]


def test_a_rule_that_says_more_replaces_one_that_says_less_about_the_same_cell():
    assert [m.rule for m in merge([p("unique", column="id"), p("primary-key", column="id")])] == ["primary-key"]
    assert sorted(m.rule for m in merge([p("unique", column="id"), p("primary-key", column="name")])) == ["primary-key", "unique"]
    assert [m.rule for m in merge([p("required", column="text_sha256"), p("text-checksum", column="text_sha256")])] == ["text-checksum"]


# ---- knock-ons
def test_a_row_that_could_not_be_read_hides_what_its_cells_show_on_that_line_only():
    verdict = triage([p("csv-row-width", line=3, column=None), p("required", line=3), p("enum", line=3, column="kind"), p("required", line=4)], {})
    assert [(x.rule, x.line) for x in verdict.shown] == [("csv-row-width", 3), ("required", 4)]
    assert verdict.knock_on == {"data/places.csv": 2} and verdict.total == 4


def test_a_file_that_could_not_be_read_hides_what_its_cells_show_but_not_what_its_bytes_show():
    found = [p("csv-header", line=1, column="kind"), p("required", line=5), p("foreign-key", line=9, column="id"), p("csv-bom", line=1, column=None),
             p("required", line=2, file="data/other.csv")]
    verdict = triage(found, {})
    assert [(x.rule, x.file) for x in verdict.shown] == [("required", "data/other.csv"), ("csv-bom", "data/places.csv"), ("csv-header", "data/places.csv")]
    assert verdict.knock_on == {"data/places.csv": 2} and not verdict.valid


def test_nothing_found_is_valid():
    verdict = triage([], {})
    assert verdict.valid and verdict.total == 0 and verdict.shown == []


# ---- caps
def test_each_rule_is_capped_per_file_with_a_count_of_the_rest():
    found = [p("required", line=n) for n in range(2, CAP + 12)] + [p("enum", line=2, column="kind")] + [p("required", line=2, file="data/other.csv")]
    shown, capped = cap_per_rule(found, CAP)
    assert sum(x.rule == "required" and x.file == "data/places.csv" for x in shown) == CAP
    assert capped == {("data/places.csv", "required"): 10}
    assert [x.line for x in shown if x.rule == "required" and x.file == "data/places.csv"] == list(range(2, CAP + 2))  # the first ones, in line order
    verdict = triage(found, {})
    assert verdict.total == CAP + 12 and len(verdict.shown) == CAP + 2


def test_a_problem_standing_for_many_counts_as_many_in_the_total_and_the_capped():
    found = [p("foreign-key", line=n) for n in range(2, CAP + 2)] + [Problem("foreign-key", "data/places.csv", "and 500 more", line=CAP + 2, count=500)]
    verdict = triage(found, {})
    assert verdict.total == CAP + 500 and len(verdict.shown) == CAP
    assert verdict.capped == {("data/places.csv", "foreign-key"): 500}


# ---- the character column of a cell
def col_of(raw: bytes, line: int, column: str) -> int | None:
    parsed, _ = read("places", SPEC, raw)
    return locate(p("enum", line=line, column=column), parsed).col


def test_the_column_of_a_cell_counts_the_characters_before_it_quotes_included():
    raw = b'id,name,kind\niraq,Iraq,country\ngolan,"Golan, ""the"" Heights",region\n'
    assert [col_of(raw, 2, c) for c in ("id", "name", "kind")] == [1, 6, 11]
    assert col_of(raw, 3, "kind") == len('golan,"Golan, ""the"" Heights",') + 1


def test_a_byte_order_mark_moves_no_cell_after_line_1():
    assert col_of(b"\xef\xbb\xbfid,name,kind\niraq,Iraq,country\n", 2, "name") == 6


def test_a_header_problem_is_located_at_its_column():
    assert col_of(b"\xef\xbb\xbfid,name,kind\niraq,Iraq,country\n", 1, "name") == 5


def test_a_cell_after_a_multi_line_cell_has_no_column_on_its_line():
    raw = b'id,name,kind\ngolan,"Golan\nHeights",region\n'
    assert col_of(raw, 2, "name") == 7 and col_of(raw, 2, "kind") is None


def test_a_problem_with_no_line_or_column_of_the_header_gets_no_column():
    parsed = table("places", SPEC, "id,name,kind\niraq,Iraq,country\n")
    assert locate(p("enum", line=None), parsed).col is None and locate(p("enum", column="x"), parsed).col is None
