"""Faults are still caught, and located, deep inside a large package.

The fixture package is broken exactly as in faults.py, then thousands of rows are
inserted before its rows in every table (but articles): copies of the fixture's own
rows, whose ids (and every reference to them) carry a suffix per copy, so the copies
are valid among themselves and every fault sits after them, far from the top of its
file, in a package of thousands of rows. The expected line moves down by the number
of lines inserted. (The rows are the fixture's own so that the test follows the
fixture's schemas, whatever the live package's become.)

Depth matters where lines are counted: each way the reader reads a file (the fast
path, the careful path with rows of the wrong width, multi-line cells, bytes that
are not UTF-8, quotes) and each way a rule turns a row into a line (one table, and
across tables). One fault for each is run here; the corpus itself runs in
test_bad_inputs.py, on the small package.
"""
from __future__ import annotations

import csv
import io
import os

import pytest
from conftest import FIXTURE, PackageCopy
from faults import FAULTS, Expected
from test_bad_inputs import matches

COPIES = int(os.environ.get("DEEP_COPIES", "40"))  # 40 copies: 6,400 rows before the fixture's own


@pytest.fixture(scope="module")
def copies() -> dict[str, bytes]:
    """For each CSV of the fixture but articles: COPIES copies of its rows, ids suffixed -d1, -d2, ... consistently across tables."""
    tables = {path.name: list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))) for path in sorted((FIXTURE / "data").glob("*.csv"))}
    del tables["articles.csv"]  # one article, whose text every span rests on
    keys = {row[0] for rows in tables.values() for row in rows[1:]}  # every copied table's first column is its id

    def is_id(column: str) -> bool:
        return column.endswith("_id") and column != "article_id"

    block = {}
    for name, (header, *rows) in tables.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for copy in range(1, COPIES + 1):
            writer.writerows([[f"{cell}-d{copy}" if is_id(column) and cell in keys else cell for column, cell in zip(header, row, strict=True)]
                              for row in rows])
        block[f"data/{name}"] = out.getvalue().encode("utf-8")
    return block


def deepen(package: PackageCopy, copies: dict[str, bytes]) -> dict[str, int]:
    """Insert the copies after each header line; returns how many lines each file gained."""
    shifts = {}
    for relative, rows in copies.items():
        target = package.path(relative)
        if not target.is_file() or target.is_symlink():
            continue
        data = target.read_bytes()
        newline = data.find(b"\n")
        if newline < 0 or not data[newline + 1:].strip():
            continue  # empty or header-only: the fault is the emptiness itself
        target.write_bytes(data[: newline + 1] + rows + data[newline + 1:])
        shifts[relative] = rows.count(b"\n")
    return shifts


def test_the_deep_package_alone_is_valid(copies, tmp_path):
    package = PackageCopy(tmp_path / "package")
    shifts = deepen(package, copies)
    assert sum(shifts.values()) > 5_000
    outcome = package.validate()
    assert outcome.exit_code == 0, outcome.errors[:5]


DEEP_NAMES = [
    "quotes.kind='quote' (enum)",  # a cell, read by the fast path
    "multi-line notes cell above a dangling reference (lines, not records)",  # lines, not records; across tables
    "ragged row (a cell with an unquoted comma)",  # the careful path, a row too long
    "row with a cell missing",  # the careful path, a row too short
    "Latin-1 byte inside a row that also lost a cell",  # bytes that are not UTF-8, on the careful path
    "unclosed quote",
    "quote marks inside an unquoted cell, as a contributor types it",
    "duplicate primary key in quotes",  # the line of the repeating row and of the first
    "mention start off by one",  # spans, across tables
]
DEEP = [f for f in FAULTS if f.name in DEEP_NAMES]


def test_every_deep_fault_is_in_the_corpus():
    assert sorted(f.name for f in DEEP) == sorted(DEEP_NAMES)


@pytest.mark.parametrize("fault", DEEP, ids=[f.name for f in DEEP])
def test_fault_is_caught_deep_inside_a_large_package(copies, tmp_path, fault):
    package = PackageCopy(tmp_path / "package")
    expected = fault.apply(package)
    shifts = deepen(package, copies)
    if expected.line and expected.line > 1 and expected.file in shifts:
        expected = Expected(expected.rule, expected.file, expected.line + shifts[expected.file], expected.field, expected.exit_code)
    outcome = package.validate("--frictionless", "never")
    assert outcome.exit_code == expected.exit_code
    assert any(matches(e, expected) for e in outcome.errors), (
        f"expected {expected} among:\n" + "\n".join(f"{e['rule']} {e['file']}:{e['line']} [{e['field']}]" for e in outcome.errors[:20])
    )
