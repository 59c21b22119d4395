"""The CSV reader (validate/reader.py): each file read once, into string cells with editor line numbers, and
the facts and problems only its bytes show.

Two parsers: polars fills a short row with missing cells instead of reporting it, so
the reader takes its frame only with proof that every record is as wide as the
header (parse_regular); any other file goes to pyarrow (parse). The first half of
these tests holds both halves of that bargain: a file with any row-level fault never
takes the fast path, and a well-formed file always does, with the same cells and
lines as the careful path. The second half is what the reader records and reports.
"""
from __future__ import annotations

import csv
import hashlib
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from memory import field, read, schema

from validate.reader import MAX_COLUMNS, parse, parse_header, parse_regular, read_frame, record_lines, unique_names


def regular_parse(body: bytes):
    header = parse_header(body.split(b"\n", 1)[0].decode("utf-8", "replace"))
    return parse_regular(body, unique_names(header), header)


def regular_frame(body: bytes):
    regular = regular_parse(body)
    return regular and regular[0]


def careful_frame(body: bytes):
    header = parse_header(body.split(b"\n", 1)[0].decode("utf-8", "replace"))
    frame, skipped = parse(body, unique_names(header))
    return frame, skipped


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


WELL_FORMED = {
    "plain": b"a,b,c\n1,2,3\n4,5,6\n",
    "no final newline": b"a,b,c\n1,2,3\n4,5,6",
    "commas and quotes in cells": b'a,b,c\n"1,5","say ""hi""",3\n4,",",6\n',
    "line breaks in cells": b'a,b,c\n"one\ntwo",2,"x\n\ny"\n4,5,6\n',
    "empty and quoted-empty cells": b'a,b,c\n,"",3\n,,\n',
    "header only": b"a,b,c\n",
    "comma in a header name": b'a,"b,c",d\n1,2,3\n',
    "a header name twice": b"a,a,b\n1,2,3\n",
    "quotes inside an unquoted cell, read literally": b'a,b,c\nx"y",2,3\n',
}

MALFORMED = {
    "short row": b"a,b,c\n1,2,3\n4,5\n7,8,9\n",
    "short row hidden by a quoted comma": b'a,b,c\n1,"2,2",3\n4,5\n',
    "long row": b"a,b,c\n1,2,3\n4,5,6,7\n",
    "long and short rows": b"a,b,c\n1,2,3,4\n5,6\n",
    "blank line": b"a,b,c\n1,2,3\n\n4,5,6\n",
    "blank line at the end": b"a,b,c\n1,2,3\n\n",
    "CRLF line endings": b"a,b,c\r\n1,2,3\r\n",
    "not UTF-8": b"a,b,c\n1,\xff,3\n",
    "text after a closing quote": b'a,b,c\n"ab"c,2,3\n',
    "one column": b"a\n1\n\n2\n",
    "unnamed column (the header rule reports it)": b"a,,c\n1,2,3\n",
}


@pytest.mark.parametrize("body", WELL_FORMED.values(), ids=WELL_FORMED.keys())
def test_well_formed_files_take_the_fast_path_with_the_same_cells(body):
    fast, lines = regular_parse(body)
    careful, skipped = careful_frame(body)
    assert skipped == []
    assert fast.columns == careful.columns
    assert fast.rows() == careful.rows()
    assert lines.tolist() == record_lines(careful, body, skipped)[0].tolist()  # each row's editor line, as the careful path counts it


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_files_never_take_the_fast_path(body):
    # (and a file whose unnamed column the two readers would name differently)
    assert regular_frame(body) is None


def test_a_short_row_deep_in_a_large_file_is_refused():
    # polars parses a large file in chunks, on several threads; the proof must hold across chunks
    rows = [["id", "text", "n"]] + [[str(i), f"cell, with comma {i}", str(i)] for i in range(200_000)]
    well_formed = csv_bytes(rows)
    assert regular_frame(well_formed) is not None
    rows[150_000] = rows[150_000][:2]
    assert regular_frame(csv_bytes(rows)) is None
    rows[150_000] = rows[150_000] + ["1", "extra"]
    assert regular_frame(csv_bytes(rows)) is None


cells = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=12),
    st.sampled_from(["", ",", '"', '""', "\n", ",\n,", " ", "a,b", '"quoted"']),
)


@settings(max_examples=80, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(width=st.integers(2, 5), data=st.data())
def test_fast_path_matches_the_careful_path(width, data):
    """Random files, some with rows of the wrong width: the fast path is taken exactly when every row is regular."""
    header = [f"c{i}" for i in range(width)]
    rows = data.draw(st.lists(st.one_of(st.lists(cells, min_size=width, max_size=width),  # regular rows, mostly
                                        st.lists(cells, min_size=width, max_size=width),
                                        st.lists(cells, min_size=1, max_size=width + 1)), max_size=8), label="rows")
    body = csv_bytes([header] + rows)
    regular = all(len(row) == width for row in rows) and not any(row == [""] for row in rows)
    fast = regular_frame(body)
    if not regular:
        assert fast is None
        return
    assert fast is not None
    careful, skipped = careful_frame(body)
    assert skipped == []
    assert fast.rows() == careful.rows()
    assert regular_parse(body)[1].tolist() == record_lines(careful, body, skipped)[0].tolist()


# ---- what the reader records and reports
SPEC = schema(field("id"), field("name"), field("kind"))


def reading(raw: bytes, spec: dict = SPEC, descriptor: dict | None = None):
    table, problems = read("places", spec, raw, descriptor)
    return table, [(p.rule, p.line, p.column) for p in problems], problems


def test_a_well_formed_file_is_read_with_its_lines_and_no_problem():
    raw = b'id,name,kind\niraq,Iraq,country\ngolan,"Golan\nHeights",region\nsyria,Syria,country\n'
    table, found, _ = reading(raw)
    assert found == []
    assert table.frame.rows() == [("iraq", "Iraq", "country"), ("golan", "Golan\nHeights", "region"), ("syria", "Syria", "country")]
    assert table.lines.tolist() == [2, 3, 5]  # the quoted line break moves the next row down
    assert table.facts.regular and table.facts.quoted and not table.facts.bom and table.facts.size == len(raw)


def test_empty_cells_and_declared_missing_values_are_missing():
    spec = schema(field("id"), field("name"), missingValues=["", "none"])
    table, found, _ = reading(b'id,name\na,none\nb,\nc,""\nd,None\n', spec)
    assert found == [] and table.frame["name"].to_list() == [None, None, None, "None"]


@pytest.mark.parametrize("raw, facts", [
    (b"\xef\xbb\xbfid,name,kind\na,b,c\n", {"bom": True}),
    (b"id,name,kind\r\na,b,c\r\n", {"crlf": 2, "first_cr_line": 1, "bare_cr": False}),
    (b"id,name,kind\na,b,c\rd,e,f\n", {"crlf": 0, "first_cr_line": 2, "bare_cr": True}),
    (b"id,name,kind\na,b,c\n\n\nd,e,f\n\n", {"blank_runs": [(3, 2), (6, 1)]}),
    (b'id,name,kind\na,"b\n\nc",d\n', {"blank_runs": []}),  # a blank line inside a quoted cell is the cell's
], ids=["BOM", "CRLF", "bare CR", "blank-line runs", "blank line in a cell"])
def test_byte_facts_are_recorded_for_the_rules(raw, facts):
    table, _, _ = reading(raw)
    assert {key: getattr(table.facts, key) for key in facts} == facts


def test_blank_lines_are_not_records():
    table, found, _ = reading(b"id,name,kind\na,b,c\n\n\nd,e,f\n")
    assert found == [] and table.frame.rows() == [("a", "b", "c"), ("d", "e", "f")] and table.lines.tolist() == [2, 5]


@pytest.mark.parametrize("raw, expected", [
    (b"", [("csv-empty", 1, None)]),
    (b" \n\n", [("csv-empty", 1, None)]),
    ("id,name,kind\na,b,c\n".encode("utf-16"), [("csv-encoding", 1, None)]),
    (b"id;name;kind\na;b;c\n", [("csv-dialect", 1, None)]),
    (b"id\tname\tkind\na\tb\tc\n", [("csv-dialect", 1, None)]),
    (b"id,name,kind\na,b\nc,d,e,f\n", [("csv-row-width", 2, None), ("csv-row-width", 3, None)]),
    (b'id,name,kind\na,Golan "Heights",c\n', [("csv-quote", 2, "name")]),
    (b'id,name,kind\na,b,c\n"d,e,f\ng,h,i\n', [("csv-quote", 3, None)]),
    (b"id,name,kind\na,b,c\nd,\xe9,f\n", [("csv-encoding", 3, None)]),
    (",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)).encode() + b"\n", [("csv-too-wide", 1, None)]),
], ids=["empty", "blank", "UTF-16", "semicolons", "tabs", "row widths", "stray quote", "unclosed quote", "Latin-1", "too wide"])
def test_what_only_the_bytes_show_is_reported_at_its_line(raw, expected):
    _, found, _ = reading(raw)
    assert found == expected


def test_a_separator_other_than_the_comma_is_named_and_nothing_else_is_read():
    table, _, (problem,) = reading(b"id;name;kind\na;b;c\n")
    assert "separated by ';'" in problem.message and table.frame is None


def test_a_quote_written_twice_inside_a_quoted_cell_is_fine():
    table, found, _ = reading(b'id,name,kind\na,"the ""Golan"" Heights",c\n')
    assert found == [] and table.frame["name"].to_list() == ['the "Golan" Heights']


def test_the_unclosed_quote_is_located_where_it_opens():
    _, _, (problem,) = reading(b'id,name,kind\na,b,c\nd,"e,f\ng,h,i\n')
    assert (problem.rule, problem.line) == ("csv-quote", 3) and "never closed" in problem.message


def test_a_header_without_a_final_line_break_is_a_table_without_rows():
    table, found, _ = reading(b"id,name,kind")
    assert found == [] and len(table.frame) == 0 and table.header == ["id", "name", "kind"]


def test_a_header_name_twice_keeps_both_columns():
    table, _, _ = reading(b"id,name,name\na,b,c\n")
    assert table.header == ["id", "name", "name"] and table.frame.width == 3


RAW = b"id,name,kind\na,b,c\n"


@pytest.mark.parametrize("descriptor, expected", [
    ({"bytes": len(RAW), "hash": "sha256:" + hashlib.sha256(RAW).hexdigest()}, []),
    ({"hash": hashlib.md5(RAW).hexdigest()}, []),  # a bare hash is MD5 (Data Package v1)
    ({"bytes": 12}, [("file-integrity", None, "bytes")]),
    ({"hash": "sha256:" + "0" * 64}, [("file-integrity", None, "hash")]),
    ({"hash": "crc32:00"}, [("file-integrity", None, "hash")]),
], ids=["both right", "bare MD5", "wrong bytes", "wrong hash", "unknown algorithm"])
def test_the_size_and_hash_the_descriptor_records(descriptor, expected):
    _, found, _ = reading(RAW, descriptor=descriptor)
    assert found == expected


def test_read_frame_gives_a_table_or_says_why_not(package):
    from validate.model import load_model
    model = load_model(package.root)
    assert read_frame(model, "places")["place_id"].to_list() == ["iraq", "golan-heights"]
    package.write("data/places.csv", b"")
    with pytest.raises(ValueError, match="empty"):
        read_frame(model, "places")
