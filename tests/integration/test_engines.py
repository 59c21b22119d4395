"""Two engines, one verdict, at every size.

The project's engine alone judges every fault of the corpus in test_bad_inputs.py (the default
is `--frictionless never`). Here Frictionless alone judges every fault it can see, and must
report it on the same file, editor line and field. Frictionless counts records and the project
counts editor lines; this test maps Frictionless' row numbers to lines itself, with the csv
module, so neither engine's mapping is trusted.

Frictionless validates a package in about half a second, so faults that change different files
share one broken copy and one Frictionless run (they cannot hide each other: Frictionless
reports every cell of every row).

Above 20 MB the old validator skipped Frictionless' row pass, and what only that pass checked
(missing values, dialect, hash and bytes, foreign keys to nowhere, enums of the wrong type) went
unchecked. The last test builds a package over 20 MB for each of those faults and holds the
project's engine to the verdict it gives on the small package, where Frictionless' verdict is
checked too. (Frictionless itself needs 10 s of CPU for such a package; it is left out there.)
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import frictionless
import pytest
from conftest import PackageCopy
from faults import FAULTS, Expected

SEEN = [f for f in FAULTS if f.frictionless_sees and not f.heavy]

# Frictionless error type -> the project rules it can stand for.
SAME_RULE = {
    "type-error": {"type", "date", "format"},
    "constraint-error": {"required", "enum", "pattern", "minimum", "maximum", "unique", "length"},
    "unique-error": {"unique", "primary-key"},
    "primary-key": {"primary-key"},
    "foreign-key": {"foreign-key"},
    "extra-cell": {"csv-row-width"},
    "missing-cell": {"csv-row-width"},
    "blank-row": {"csv-blank-row"},
    "missing-label": {"csv-header"},
    "extra-label": {"csv-header"},
    "incorrect-label": {"csv-header"},
    "duplicate-label": {"csv-header"},
    "blank-label": {"csv-header"},
}


def record_lines(raw: bytes) -> dict[int, int]:
    """Frictionless row number (header = 1) -> the editor line where that record starts."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))
    lines, start = {}, 1
    for number, _ in enumerate(reader, 1):
        lines[number] = start
        start = reader.line_num + 1
    return lines


def frictionless_findings(package: PackageCopy) -> list[tuple[str, str, int | None, str | None]]:
    """(type, file, editor line, field) of every error Frictionless reports on its own."""
    report = frictionless.validate(str(package.descriptor))
    paths = {r["name"]: r["path"] for r in json.loads(package.read("datapackage.json"))["resources"]}
    found = []
    for task in report.tasks:
        path = paths[task.name]
        lines = record_lines(package.read(path))
        for error in task.errors:
            if error.type.endswith("-label"):
                # A header problem has no row; it is on line 1. An extra column has no schema field,
                # so Frictionless leaves field_name blank and names it in `label`: compare that.
                found.append((error.type, path, 1, error.field_name or error.label))
            elif error.type == "foreign-key":
                # Frictionless names a reference's fields in field_names (a key may span several).
                found.append((error.type, path, lines.get(error.row_number), error.field_names[0]))
            else:
                found.append((error.type, path, lines.get(getattr(error, "row_number", None)), getattr(error, "field_name", None)))
    found += [(error.type, "datapackage.json", None, None) for error in report.errors]
    return found


def cells(raw: bytes) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None


def changes(before: Path, after: Path) -> dict[str, set | None]:
    """What a fault changed: file -> the (row, column) cells it changed, or None when it changed more (lines, header, bytes)."""
    out: dict[str, set | None] = {}
    for path in sorted(set(before.rglob("*")) | {after / p.relative_to(before) for p in before.rglob("*")} | set(after.rglob("*"))):
        relative = path.relative_to(after) if path.is_relative_to(after) else path.relative_to(before)
        old, new = before / relative, after / relative
        if old.is_dir() or new.is_dir():
            continue
        old_raw = old.read_bytes() if old.is_file() else None
        new_raw = new.read_bytes() if new.is_file() else None
        if old_raw == new_raw:
            continue
        old_rows, new_rows = (cells(old_raw), cells(new_raw)) if old_raw and new_raw and relative.suffix == ".csv" else (None, None)
        same_shape = (old_rows is not None and new_rows is not None and old_raw.count(b"\n") == new_raw.count(b"\n")
                      and len(old_rows) == len(new_rows) and old_rows[0] == new_rows[0] and all(len(a) == len(b) for a, b in zip(old_rows, new_rows, strict=True)))
        out[str(relative)] = {(i, j) for i, (a, b) in enumerate(zip(old_rows, new_rows, strict=True)) for j in range(len(a)) if a[j] != b[j]} if same_shape else None
    return out


def compatible(mine: dict[str, set | None], theirs: dict[str, set | None]) -> bool:
    """Two faults can share a copy when they change different files, or different cells of a file without changing its lines."""
    return all(mine[f] is not None and theirs[f] is not None and not mine[f] & theirs[f] for f in mine.keys() & theirs.keys())


class Judge:
    """Frictionless' findings for each fault, from as few runs as compatible faults allow.

    Frictionless reports every cell of every row, so faults on different cells cannot hide each
    other; a fault that changes lines or a header, or bytes other than cells, gets its file alone.
    Each fault is applied to the first shared copy it fits, and what it expects is read there.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.expected: dict[str, tuple[int, Expected]] = {}  # fault -> (its copy, what it expects)
        self.findings: dict[int, list] = {}

    def place(self) -> None:
        copies: list[tuple[PackageCopy, dict[str, set | None]]] = []
        for fault in SEEN:
            for number, (copy, touched) in enumerate([*copies, (None, {})]):
                if copy is None:
                    copy = PackageCopy(self.folder / f"copy{number}")
                    copies.append((copy, touched))
                before = self.folder / "before"
                shutil.rmtree(before, ignore_errors=True)
                shutil.copytree(copy.root, before, symlinks=True)
                try:
                    expected = fault.apply(copy)
                except (StopIteration, KeyError, ValueError):  # the row it breaks was broken by another fault already
                    expected = None
                changed = changes(before, copy.root)
                if expected is not None and compatible(changed, touched):
                    for file, cells_changed in changed.items():
                        touched[file] = None if cells_changed is None or touched.get(file, set()) is None else touched.get(file, set()) | cells_changed
                    self.expected[fault.name] = (number, expected)
                    break
                shutil.rmtree(copy.root)
                shutil.copytree(before, copy.root, symlinks=True)
        self.copies = [copy for copy, _ in copies]

    def judge(self, fault) -> tuple[Expected, list]:
        if not self.expected:
            self.place()
        number, expected = self.expected[fault.name]
        if number not in self.findings:
            self.findings[number] = frictionless_findings(self.copies[number])
        return expected, self.findings[number]


@pytest.fixture(scope="module")
def judge(tmp_path_factory) -> Judge:
    return Judge(tmp_path_factory.mktemp("engines"))


def same_place(expected: Expected, file: str, line: int | None, field: str | None) -> bool:
    # Row-width and blank-row faults have no field in either engine: the line must still agree.
    return file == expected.file and line == expected.line and (expected.field is None or field == expected.field)


@pytest.mark.parametrize("fault", SEEN, ids=[f.name for f in SEEN])
def test_frictionless_rejects_on_the_same_line_and_field(judge, fault):
    expected, found = judge.judge(fault)
    assert found, "Frictionless accepts the broken package"
    assert any(expected.rule in SAME_RULE.get(kind, ()) and same_place(expected, *where) for kind, *where in found), (
        f"Frictionless misses {expected}:\n" + "\n".join(map(str, found)))


def test_every_table_schema_rule_is_held_to_both_engines(tmp_path):
    """Every rule of Table Schema (and every CSV fault Frictionless names) has a fault both engines judge."""
    judged = {fault.apply(PackageCopy(tmp_path / str(n))).rule for n, fault in enumerate(SEEN)}
    assert judged == {rule for rules in SAME_RULE.values() for rule in rules}


# ---- one verdict at every size
# What only Frictionless' row pass checked, in two sets of faults that leave each other visible.
ISSUE_11 = [["a required cell holding a value the schema declares missing", "declared bytes and hash that do not match the file"],
            ["foreign key to a resource that does not exist", "dialect with a semicolon delimiter", "integer enum on a string field"]]
LARGE = 21_000_000  # bytes of CSV: above the 20 MB where the old validator skipped Frictionless' row pass


@pytest.fixture(scope="module")
def large_actors(tmp_path_factory) -> bytes:
    """Over 20 MB of CSV: one actor's notes hold 21 million characters (a problem of its own: cell-too-long)."""
    copy = PackageCopy(tmp_path_factory.mktemp("large") / "package")
    rows = copy.rows("actors")
    rows[-1]["notes"] = "x" * LARGE
    copy.write_rows("actors", rows)
    return copy.read("data/actors.csv")


def verdict(outcome) -> set[tuple]:
    return {(e["rule"], e["file"], e["line"], e["field"]) for e in outcome.errors}


@pytest.mark.parametrize("names", ISSUE_11, ids=[" + ".join(names) for names in ISSUE_11])
def test_one_verdict_at_every_size(tmp_path, large_actors, names):
    faults = [f for f in FAULTS if f.name in names]
    small = PackageCopy(tmp_path / "small")
    expected = [fault.apply(small) for fault in faults]
    assert not frictionless.validate(str(small.descriptor)).valid, "Frictionless accepts the small package"
    small_verdict = verdict(small.validate())
    for one in expected:
        assert any(rule == one.rule and file == one.file for rule, file, _, _ in small_verdict), one

    large = PackageCopy(tmp_path / "large")
    large.write("data/actors.csv", large_actors)
    assert [fault.apply(large) for fault in faults] == expected
    assert sum(p.stat().st_size for p in large.path("data").glob("*.csv")) > 20_000_000
    outcome = large.validate("--frictionless", "never")
    assert outcome.exit_code == 1
    grown = verdict(outcome) - {("cell-too-long", "data/actors.csv", len(large.rows("actors")) + 1, "notes")}
    assert grown == small_verdict, f"the verdict changed with the size: {grown ^ small_verdict}"
