"""The Frictionless verdict on every resource, merged with the project's own findings.

Frictionless is what every Data Package tool sees, so it runs on the package as
shipped. It validates on one core at about 55k rows/s; above a size where that
costs more than the pandera engine's identical field and key rules, `auto`
leaves rows to pandera (the descriptor is still judged by Frictionless).
"""
from __future__ import annotations

import re

from frictionless import validate as frictionless_validate

from .package import PackageSpec, offline
from .problems import Problem, shorten
from .tables import Table

AUTO_LIMIT_BYTES = 20_000_000

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
}
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength")


def wanted(mode: str, spec: PackageSpec) -> bool:
    if mode == "auto":
        return sum(spec.file(r.path).stat().st_size for r in spec.resources.values()) <= AUTO_LIMIT_BYTES
    return mode == "always"


def check(spec: PackageSpec, tables: dict[str, Table]) -> list[Problem]:
    with offline():  # path safety stays on (trusted=False), and nothing is fetched
        report = frictionless_validate(str(spec.descriptor_path))
    problems = []
    for task in report.tasks:
        table = tables.get(task.name)
        where = table.path if table else task.name
        for error in task.errors:
            problems.append(to_problem(error, where, table))
    problems += [Problem("frictionless", spec.descriptor_path.name, error.message, engines=("frictionless",)) for error in report.errors]
    return problems


def to_problem(error, where: str, table: Table | None) -> Problem:
    rule = ERROR_RULES.get(error.type, "frictionless")
    if error.type == "constraint-error":
        found = re.search(r'constraint "(\w+)"', error.note or "")
        rule = {"minLength": "pattern", "maxLength": "pattern"}.get(found.group(1), found.group(1)) if found and found.group(1) in CONSTRAINTS else "frictionless"
    column = getattr(error, "field_name", None)
    if rule == "type" and table is not None:
        field = next((f for f in table.fields if f["name"] == column), {})
        rule = "date" if field.get("type") == "date" else "format" if field.get("format") else "type"
    if rule == "unique" and table is not None and (table.schema.get("primaryKey") in ([column], column)):
        rule = "primary-key"
    return Problem(rule, where, error.message, line=line_of(error, table), column=column, value=shorten(getattr(error, "cell", None)), engines=("frictionless",))


def line_of(error, table: Table | None) -> int | None:
    """Frictionless counts records (header = 1); editors count lines, which differ after multi-line cells."""
    number = getattr(error, "row_number", None)
    if number is None:
        return 1 if error.type.endswith("label") else None
    if table is not None and table.lines is not None and 0 <= number - 2 < len(table.lines):
        return int(table.lines[number - 2])
    return number


def merge(project: list[Problem], frictionless: list[Problem]) -> list[Problem]:
    """One problem per finding: where both engines agree, the project's message carries both names."""
    def key(p: Problem) -> tuple:
        return (p.file, p.line, None if p.rule == "foreign-key" else p.column, p.rule)

    index = {key(p): i for i, p in enumerate(project)}
    merged = list(project)
    for problem in frictionless:
        at = index.get(key(problem))
        if at is None:
            merged.append(problem)
            index[key(problem)] = len(merged) - 1
        else:
            mine = merged[at]
            merged[at] = Problem(mine.rule, mine.file, mine.message, mine.line, mine.column, mine.value,
                                 engines=tuple(sorted(set(mine.engines) | {"frictionless"})))
    return merged
