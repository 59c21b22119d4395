"""Two engines, one verdict: for every fault Frictionless can see, Frictionless alone and the
project's own engine alone (`--frictionless never`: pandera and the vectorised rules) both reject
the broken copy, on the same file, editor line and field.

Frictionless counts records and the project counts editor lines; this test maps Frictionless'
row numbers to lines itself, with the csv module, so neither engine's mapping is trusted.
"""
from __future__ import annotations

import csv
import io
import json

import frictionless
import pytest

from faults import FAULTS, Expected

SEEN = [f for f in FAULTS if f.frictionless_sees]

# Frictionless error type -> the project rules it can stand for.
SAME_RULE = {
    "type-error": {"type", "date", "format"},
    "constraint-error": {"required", "enum", "pattern", "minimum", "maximum", "unique"},
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


def frictionless_findings(package) -> list[tuple[str, str, int | None, str | None]]:
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


def same_place(expected: Expected, file: str, line: int | None, field: str | None) -> bool:
    # Row-width and blank-row faults have no field in either engine: the line must still agree.
    return file == expected.file and line == expected.line and (expected.field is None or field == expected.field)


@pytest.mark.parametrize("fault", SEEN, ids=[f.name for f in SEEN])
def test_both_engines_reject_on_the_same_line_and_field(package, fault):
    expected = fault.apply(package)

    project = package.validate("--frictionless", "never")
    assert project.exit_code == 1
    assert all(e["engines"] != ["frictionless"] for e in project.errors), "the Frictionless pass was meant to be off"
    assert any(e["rule"] == expected.rule and same_place(expected, e["file"], e["line"], e["field"]) for e in project.errors), (
        f"project engine alone misses {expected}:\n" + "\n".join(f"{e['rule']} {e['file']}:{e['line']} [{e['field']}]" for e in project.errors))

    found = frictionless_findings(package)
    assert found, "Frictionless accepts the broken package"
    assert any(expected.rule in SAME_RULE.get(kind, ()) and same_place(expected, *where) for kind, *where in found), (
        f"Frictionless misses {expected}:\n" + "\n".join(map(str, found)))


def test_every_table_schema_rule_is_held_to_both_engines():
    """The faults both engines judge cover every rule Table Schema can express in this package."""
    covered = {f.name for f in SEEN}
    assert len(SEEN) >= 45
    assert {n for n in covered if n.startswith("dangling foreign key")} == {f.name for f in FAULTS if f.name.startswith("dangling foreign key")}
