"""The fast CSV path (polars) is taken only for files it reads exactly as the careful path (pyarrow) does.

polars fills a short row with missing cells instead of reporting it, so the
validator takes its frame only with proof that every record is as wide as the
header (tables.parse_regular). These tests hold both halves of that bargain:
a file with any row-level fault never takes the fast path, and a well-formed
file always does, with the same cells as the careful path.
"""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validate.tables import parse, parse_header, parse_regular, record_lines, unique_names


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
    assert lines.tolist() == record_lines(careful, body, skipped).tolist()  # each row's editor line, as the careful path counts it


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


@settings(max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
    assert regular_parse(body)[1].tolist() == record_lines(careful, body, skipped).tolist()
