"""Frictionless' own row pass, on request (`--frictionless always`), merged with the project's findings.

The project's engine checks everything this pass checks (types, constraints, keys, dialect,
encoding, hash and bytes, missing and boolean values), at any size, so the verdict never
depends on it; it runs as a second opinion, in CI and in the tests that hold the two engines to
one verdict. It validates on one core at about 55k rows/s.
"""
from __future__ import annotations

import re

from .model import Package
from .paths import offline
from .problems import Problem, shorten
from .reader import Table
from .registry import declare

FRICTIONLESS = declare("frictionless", "Frictionless reports no other error.", "Read the message; it comes from the Frictionless validator.")

ERROR_RULES = {
    "type-error": "type",
    "unique-error": "unique",
    "primary-key": "primary-key",
    "foreign-key": "foreign-key",
    "blank-row": "csv-blank-row",
    "extra-cell": "csv-row-width",
    "missing-cell": "csv-row-width",
    "incorrect-label": "csv-header",
    "missing-label": "csv-header",
    "extra-label": "csv-header",
    "duplicate-label": "csv-header",
    "blank-label": "csv-header",
    "encoding-error": "csv-encoding",
    "source-error": "csv-encoding",
    "hash-count": "file-integrity",
    "byte-count": "file-integrity",
}
CONSTRAINTS = {"required": "required", "unique": "unique", "enum": "enum", "pattern": "pattern", "minimum": "minimum", "maximum": "maximum",
               "minLength": "length", "maxLength": "length"}
# When the project has already refused a file or the descriptor for one of these reasons, Frictionless'
# row pass would only repeat it in its own words, or fail to read the file and blame every table joining it.
NOT_AGAIN = ("path-unsafe", "file-missing", "schema-invalid", "descriptor-invalid", "csv-encoding", "csv-quote", "csv-dialect", "csv-empty", "csv-too-wide")


def wanted(mode: str, problems: list[Problem]) -> bool:
    return mode == "always" and not any(p.rule in NOT_AGAIN for p in problems)


def check(model: Package, tables: dict[str, Table]) -> list[Problem]:
    from frictionless import validate as frictionless_validate  # a third of a second of import, for this pass alone
    with offline():  # path safety stays on (trusted=False), and nothing is fetched
        report = frictionless_validate(str(model.descriptor_path))
    problems = []
    for task in report.tasks:
        table = tables.get(task.name)
        where = table.path if table else task.name
        problems += [to_problem(error, where, table) for error in task.errors]
    problems += [FRICTIONLESS.problem(model.descriptor_path.name, error.message, engines=("frictionless",)) for error in report.errors]
    return problems


def to_problem(error, where: str, table: Table | None) -> Problem:
    rule = ERROR_RULES.get(error.type, "frictionless")
    if error.type == "constraint-error":
        found = re.search(r'constraint "(\w+)"', error.note or "")
        rule = CONSTRAINTS.get(found.group(1), "frictionless") if found else "frictionless"
    column = getattr(error, "field_name", None)
    if rule == "type" and table is not None and table.resource.has(column or ""):
        field = table.resource.field(column or "")
        rule = "date" if field.type == "date" else "format" if field.format else "type"
    if rule == "unique" and table is not None and table.resource.primary_key == [column]:
        rule = "primary-key"
    return Problem(rule, where, error.message, line=line_of(error, table), column=column, value=shorten(getattr(error, "cell", None)),
                   engines=("frictionless",))


def line_of(error, table: Table | None) -> int | None:
    """Frictionless counts records (header = 1), rows of the wrong width included; editors count lines."""
    number = getattr(error, "row_number", None)
    if number is None:
        return 1 if error.type.endswith("label") else None
    records = table.records if table is not None else None
    if records is not None and 0 <= number - 2 < len(records):
        return int(records[number - 2])
    return number
