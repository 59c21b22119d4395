"""The report (validate/report.py) in every format, and every string from the package made inert on its way there:
no terminal control, no workflow command, no markup."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from validate.problems import Problem
from validate.registry import load_rules
from validate.report import GITHUB_ANNOTATIONS, JSON_VERSION, as_github, as_json, as_markdown, as_text, inert, md_cell, render, rules_table
from validate.triage import Verdict

load_rules()
HOSTILE = "\x1b[2J\x1b[Hvalid. Every rule passed.\n::error file=x::forged\r\u202eevil\x00\x07\u2028end"


def problem(line: int = 3, file: str = "data/places.csv", column: str | None = "name", value: str | None = "Golan", message: str = "bad cell",
            rule: str = "enum", **extra) -> Problem:
    return Problem(rule, file, message, line=line, column=column, value=value, **extra)


def verdict(*problems: Problem, total: int | None = None, **extra) -> Verdict:
    return Verdict(list(problems), total=len(problems) if total is None else total, **extra)


# ---- text
def test_a_valid_package_is_one_line():
    assert as_text(verdict(), "datapackage.json") == "datapackage.json: valid. Every rule passed.\n"


def test_text_groups_problems_by_file_with_rule_hint_value_and_fix():
    text = as_text(verdict(problem(), problem(line=2, file="data/actors.csv", column="actor_id", rule="foreign-key", value="mike-flyn",
                                              suggestion={"value": "mike-flynn"}), knock_on=Counter({"data/places.csv": 3}),
                           capped=Counter({("data/places.csv", "enum"): 5}), total=10), "datapackage.json")
    lines = text.splitlines()
    assert lines[0] == "data/actors.csv  (1 problem)"
    assert "  line 2, column actor_id: bad cell" in lines and "    value: mike-flyn" in lines and "    fix:   value = mike-flynn" in lines
    assert "data/places.csv  (9 problems)" in lines
    assert "  … and 5 more enum problems in this file, not shown." in lines
    assert any(line.startswith("  3 other problems not shown: they follow from the problems above") for line in lines)
    assert lines[-1] == "datapackage.json: invalid. 10 problems in 2 files (2 shown)."
    assert "    rule:  enum (Coded fields hold one of their codebook's values.)" in lines


@pytest.mark.parametrize("where", ["value", "message", "column", "file", "package"])
def test_no_string_from_the_package_reaches_the_terminal_raw(where):
    fields = {"value": HOSTILE} if where == "value" else {"message": HOSTILE} if where == "message" else {"column": HOSTILE} if where == "column" else {}
    found = problem(file=HOSTILE if where == "file" else "data/places.csv", **fields)
    text = as_text(verdict(found), HOSTILE if where == "package" else "datapackage.json")
    assert not any(ord(c) < 0x20 and c != "\n" for c in text), repr(text)
    assert not any(c in text for c in "\x7f\u202e\u2028\x00")
    assert not any(line.lstrip().startswith("::") for line in text.splitlines()), text
    assert "\\x1b[2J" in text and "\\u202e" in text


@pytest.mark.parametrize("forged", ["::error file=datapackage.json::all good", "  ::set-output name=x::y", "::add-mask::secret"])
def test_no_line_of_the_text_report_can_start_with_a_workflow_command(forged):
    text = as_text(verdict(problem(file=forged, value=forged, message=forged, column=forged)), forged)
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_inert_escapes_controls_and_invisible_format_characters_and_keeps_letters():
    assert inert("a\tb\nc\x1b\x85\u200b\u202e\U000e0041é–Ω") == "a\\tb\\nc\\x1b\\x85\\u200b\\u202e\\U000e0041é–Ω"


# ---- JSON
def test_json_is_the_documented_shape_version_2():
    found = problem(suggestion={"start": 3, "end": 9}, col=7, engines=("frictionless", "project"))
    report = json.loads(as_json(verdict(found, capped=Counter({("data/places.csv", "enum"): 4}), knock_on=Counter({"data/places.csv": 2}), total=7),
                                "datapackage.json"))
    assert report["version"] == JSON_VERSION == 2
    assert (report["valid"], report["error_count"]) == (False, 7)
    assert report["errors"] == [{"file": "data/places.csv", "line": 3, "col": 7, "field": "name", "value": "Golan", "rule": "enum", "message": "bad cell",
                                 "hint": "Use one of the values listed in the table's codebook.", "suggestion": {"start": 3, "end": 9},
                                 "engines": ["frictionless", "project"]}]
    assert report["not_shown"] == {"capped": [{"file": "data/places.csv", "rule": "enum", "count": 4}], "knock_on": [{"file": "data/places.csv", "count": 2}]}


def test_json_is_ascii_so_no_byte_of_it_is_a_control_sequence():
    out = as_json(verdict(problem(value=HOSTILE, message=HOSTILE)), HOSTILE)
    assert out.isascii() and "\x1b" not in out
    assert json.loads(out)["errors"][0]["value"] == HOSTILE  # escaped, not lost


def test_a_problem_hint_replaces_the_rule_hint():
    report = json.loads(as_json(verdict(problem(hint="Write it as 2014-01-08.")), "p"))
    assert report["errors"][0]["hint"] == "Write it as 2014-01-08."


# ---- GitHub annotations
def annotations(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("::")]


def test_at_most_ten_error_annotations_lines_the_pull_request_changed_first_and_the_rest_counted():
    found = [problem(line=n) for n in range(2, 30)]
    out = as_github(verdict(*found, total=40), "datapackage.json", changed={"data/places.csv": {25, 27}})
    errors = [line for line in annotations(out) if line.startswith("::error")]
    assert len(errors) == GITHUB_ANNOTATIONS == 10
    assert errors[0].startswith("::error file=data/places.csv,line=25,") and errors[1].startswith("::error file=data/places.csv,line=27,")
    assert errors[2].startswith("::error file=data/places.csv,line=2,")
    assert annotations(out)[-1] == "::notice title=validate::30 more problems not annotated; the job summary and the log list them."
    assert "data/places.csv  (28 problems)" in out  # the text report follows, in the log


def test_an_annotation_carries_line_column_rule_and_hint():
    (line,) = annotations(as_github(verdict(problem(col=7)), "p"))
    assert line == "::error file=data/places.csv,line=3,col=7,title=enum::bad cell [name] (value: Golan) Hint: Use one of the values listed in the table's codebook."


def test_annotations_cannot_be_broken_out_of():
    out = as_github(verdict(problem(file="a,b:c%0A.csv", value=HOSTILE, message="50% done\n::error::forged")), "p")
    (line,) = [line for line in out.splitlines() if line.startswith("::error")]
    assert line.startswith("::error file=a%2Cb%3Ac%250A.csv,line=3,")
    assert "50%25 done\\n::error::forged" in line  # the line break is shown, not obeyed
    assert not [x for x in out.splitlines() if x.lstrip().startswith("::") and not x.startswith(("::error file=a%2Cb", "::notice"))]


# ---- Markdown (job summaries)
def test_markdown_cells_are_inert():
    cell = md_cell("<script>alert(1)</script> | [x](javascript:alert(1)) **b** `c`\n# h")
    assert "<script>" not in cell and "|" not in cell.replace("\\|", "") and "\n" not in cell
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in cell and "\\*\\*b\\*\\*" in cell and "\\`c\\`" in cell


def test_markdown_is_a_table_with_a_row_per_problem_and_the_rest_counted():
    out = as_markdown(verdict(problem(value="<img src=x onerror=alert(1)>"), problem(line=4), capped=Counter({("data/places.csv", "enum"): 3}), total=5), "p")
    rows = [line for line in out.splitlines() if line.startswith("| data/")]
    assert len(rows) == 2 and all(row.count(" | ") == 6 for row in rows)
    assert "<img" not in out and "&lt;img" in out
    assert out.rstrip().endswith("3 more problems not listed (over the cap per rule, or following from a problem above).")
    assert as_markdown(verdict(), "p") == "### Validation\n\n`p`: valid. Every rule passed.\n"


def test_render_knows_every_format():
    assert render(verdict(problem()), "text", "p").startswith("data/places.csv")
    assert json.loads(render(verdict(problem()), "json", "p"))["error_count"] == 1
    assert render(verdict(problem()), "github", "p").startswith("::error")
    assert render(verdict(problem()), "markdown", "p").startswith("### Validation")


def test_the_rule_catalogue_has_a_row_per_rule_with_pipes_escaped():
    rules = load_rules()
    table = rules_table(rules.values())
    assert table.count("\n| `") == len(rules)
    assert "| `csv-header` | The header names the schema's fields, in the schema's order. |" in table


def test_a_file_holding_a_row_that_could_not_be_read_comes_first_in_the_text_report():
    verdict = Verdict([Problem("foreign-key", "data/mentions.csv", "actor_id 'x' matches the actor_id of no row in actors.", line=4),
                       Problem("csv-row-width", "data/places.csv", "This row has 209 cells; the header has 9.", line=3)], total=2)
    text = as_text(verdict, "package")
    assert text.index("data/places.csv") < text.index("data/mentions.csv")
