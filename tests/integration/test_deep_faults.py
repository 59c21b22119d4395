"""Faults are still caught, and located, deep inside a large package.

The fixture package is broken exactly as in faults.py, then thousands of synthetic
rows (the benchmark's generator, same schemas) are inserted before its rows in
every table, so each fault sits after the synthetic data: far from the top of its
file, in a package of seven thousand rows. The expected line moves down by the
number of lines inserted.

Depth matters where lines are counted: each way the reader reads a file (the fast
path, the careful path with rows of the wrong width, multi-line cells, bytes that
are not UTF-8, quotes) and each way a rule turns a row into a line (one table, and
across tables). One fault for each is run here; the corpus itself runs in
test_bad_inputs.py, on the small package.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, PackageCopy
from faults import FAULTS, Expected
from test_bad_inputs import matches

sys.path.insert(0, str(ROOT / "benchmarks"))  # the generator is a script directory, not a package
import generate_corpus  # noqa: E402

ARTICLES = int(os.environ.get("DEEP_ARTICLES", "50"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    generate_corpus.write_package(out, ARTICLES, seed=7)
    return out


def body_lines(path: Path) -> bytes:
    """A CSV's rows without its header line."""
    data = path.read_bytes()
    return data[data.index(b"\n") + 1:]


def insert_synthetic(package: PackageCopy, synthetic: Path) -> dict[str, int]:
    """Insert the synthetic rows after each header line; returns how many lines each file gained."""
    shifts = {}
    for csv_path in sorted((synthetic / "data").glob("*.csv")):
        target = package.path(f"data/{csv_path.name}")
        if not target.is_file() or target.is_symlink():
            continue
        data = target.read_bytes()
        newline = data.find(b"\n")
        if newline < 0 or not data[newline + 1:].strip():
            continue  # empty or header-only: the fault is the emptiness itself
        rows = body_lines(csv_path)
        target.write_bytes(data[: newline + 1] + rows + data[newline + 1:])
        shifts[f"data/{csv_path.name}"] = rows.count(b"\n")
    source = package.path("data/source")
    if source.is_dir():
        for text in (synthetic / "data" / "source").iterdir():
            shutil.copyfile(text, source / text.name)
    return shifts


def test_synthetic_ids_do_not_collide_with_the_shipped_ones(synthetic):
    for table in ("actors", "places", "sources"):
        shipped = {line.split(b",")[0] for line in (FIXTURE / f"data/{table}.csv").read_bytes().split(b"\n")[1:] if line}
        generated = {line.split(b",")[0] for line in body_lines(synthetic / f"data/{table}.csv").split(b"\n") if line}
        assert not shipped & generated, table


def test_the_large_package_alone_is_valid(synthetic, tmp_path):
    package = PackageCopy(tmp_path / "package")
    insert_synthetic(package, synthetic)
    outcome = package.validate("--frictionless", "never")
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
def test_fault_is_caught_deep_inside_a_large_package(synthetic, tmp_path, fault):
    package = PackageCopy(tmp_path / "package")
    expected = fault.apply(package)
    shifts = insert_synthetic(package, synthetic)
    if expected.line and expected.line > 1 and expected.file in shifts:
        expected = Expected(expected.rule, expected.file, expected.line + shifts[expected.file], expected.field, expected.exit_code)
    outcome = package.validate("--frictionless", "never")
    assert outcome.exit_code == expected.exit_code
    assert any(matches(e, expected) for e in outcome.errors), (
        f"expected {expected} among:\n" + "\n".join(f"{e['rule']} {e['file']}:{e['line']} [{e['field']}]" for e in outcome.errors[:20])
    )
