"""Field rules of Table Schema, vectorised with pandera (polars backend), derived from schemas/*.json at run time.

pandera's from_frictionless_schema gives required, unique, primary keys, enum,
minimum/maximum, lengths and patterns; its checks are reused unchanged on the
polars backend. It ignores what we add here: parsing cells into their types
(its coercion would turn 'maybe' into True), dates, formats and missingValues
(handled by reading empty cells as missing).
"""
from __future__ import annotations

import pandera.errors
import pandera.polars as pap
import polars as pl
from pandera.io.pandas_io import from_frictionless_schema

from ..problems import Problem, shorten
from ..tables import Table
from .keys import as_list

TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]
TYPE_PATTERNS = {
    "integer": r"^[+-]?[0-9]+$",
    "number": r"^([+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF)$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "year": r"^[0-9]{4}$",
}
FORMAT_PATTERNS = {
    "uri": r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+\S*$",
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
}
POLARS_TYPES = {"integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "year": pl.Int64}
# pandera check name (its prefix) -> our rule
CHECK_RULES = {
    "not_nullable": "required",
    "field_uniqueness": "unique",
    "str_matches": "pattern",
    "isin": "enum",
    "greater_than_or_equal_to": "minimum",
    "less_than_or_equal_to": "maximum",
    "str_length": "pattern",
    "dtype": "type",
    "coerce_dtype": "type",
    "multiple_fields_uniqueness": "primary-key",
}


# pandera imports hypothesis (for data synthesis, unused here) when it builds its
# first Check; building one now puts that 50 ms into the import, which overlaps
# the reading, instead of into the checks.
pap.Check.isin([""])


def check(table: Table) -> list[Problem]:
    if table.frame is None:
        return []
    present = [f for f in table.fields if f["name"] in table.frame.columns]
    typed, problems, bad_cells = parse_types(table, present)
    return problems + pandera_checks(table, present, typed, bad_cells)


def parse_expression(field: dict) -> tuple[pl.Expr, pl.Expr, str]:
    """(typed column, 'cell parses' flag, rule for a cell that does not) for one field."""
    name, kind, fmt = field["name"], field.get("type", "string"), field.get("format")
    column = pl.col(name)
    if kind in ("integer", "number", "year"):
        typed = column.cast(POLARS_TYPES[kind], strict=False)
        ok = column.str.contains(TYPE_PATTERNS[kind]) & typed.is_not_null()  # an integer too large for 64 bits fails too
        return typed, ok, "type"
    if kind == "boolean":
        typed = column.replace_strict({v: True for v in TRUE_VALUES} | {v: False for v in FALSE_VALUES}, default=None, return_dtype=pl.Boolean)
        return typed, column.is_in(TRUE_VALUES + FALSE_VALUES), "type"
    if kind == "date":  # the shape may be right and the day impossible (2014-02-30)
        parsed = column.str.to_date("%Y-%m-%d", strict=False)
        return column, column.str.contains(TYPE_PATTERNS["date"]) & parsed.is_not_null(), "date"
    if kind == "string" and fmt in FORMAT_PATTERNS:
        return column, column.str.contains(FORMAT_PATTERNS[fmt]), "format"
    return column, pl.lit(True), "type"


def parse_types(table: Table, fields: list[dict]) -> tuple[pl.DataFrame, list[Problem], set]:
    """Turn string cells into typed columns; a cell that does not parse is a type error, reported once."""
    parsed = {f["name"]: parse_expression(f) for f in fields}
    flags = table.frame.select([(ok | pl.col(name).is_null()).alias(name) for name, (_, ok, _) in parsed.items()])
    problems, bad_cells = [], set()
    for field in fields:
        name = field["name"]
        rule = parsed[name][2]
        if flags[name].all():
            continue
        expected = f"format {field.get('format')}" if rule == "format" else f"type {field.get('type', 'string')}"
        for index in table.rows_where(~flags[name]):
            bad_cells.add((index, name))
            problems.append(Problem(rule, table.path, f"'{name}' must be of {expected}.", line=table.line(index), column=name,
                                    value=shorten(table.value(index, name))))
    typed = table.frame.select([pl.when(flags[name]).then(expr).otherwise(None).alias(name) if not flags[name].all() else expr.alias(name)
                                for name, (expr, _, _) in parsed.items()])
    return typed, problems, bad_cells


def pandera_schema(schema: dict, fields: list[dict]) -> pap.DataFrameSchema:
    """The pandera schema for the fields present, from the Table Schema itself."""
    names = {f["name"] for f in fields}
    keys = as_list(schema.get("primaryKey"))
    subset = {**schema, "fields": fields, "primaryKey": [k for k in keys if k in names]}
    subset.pop("foreignKeys", None)  # checked across tables in keys.py
    derived = from_frictionless_schema(subset)
    kinds = {f["name"]: f.get("type", "string") for f in fields}
    columns = {
        name: pap.Column(POLARS_TYPES.get(kinds[name], pl.String), checks=column.checks, nullable=column.nullable, unique=column.unique)
        for name, column in derived.columns.items()
    }
    return pap.DataFrameSchema(columns, unique=derived.unique)


def pandera_checks(table: Table, fields: list[dict], typed: pl.DataFrame, bad_cells: set) -> list[Problem]:
    schema = pandera_schema(table.schema, fields)
    try:
        schema.validate(typed, lazy=True)
        return []
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    keys = as_list(table.schema.get("primaryKey"))
    by_name = {f["name"]: f for f in fields}
    problems = []
    for case in cases.iter_rows(named=True):
        index, column = case.get("index"), case.get("column")
        if index is None:
            continue  # a column-level note; the cells behind it are reported one by one
        index = int(index)
        if (index, column) in bad_cells:
            continue
        rule = next((r for prefix, r in CHECK_RULES.items() if str(case["check"]).startswith(prefix)), "type")
        if rule == "unique" and keys == [column]:
            rule = "primary-key"
        problems.append(Problem(rule, table.path, describe(rule, column, by_name.get(column, {})), line=table.line(index),
                                column=column if column in table.frame.columns else None,
                                value=shorten(table.value(index, column)) if column in table.frame.columns else None, engines=("pandera",)))
    return problems


def describe(rule: str, column: str, field: dict) -> str:
    constraints = field.get("constraints", {})
    if rule == "required":
        return f"'{column}' is required but empty."
    if rule in ("unique", "primary-key"):
        return f"'{column}' holds a value another row already has."
    if rule == "enum":
        return f"'{column}' must be one of: {', '.join(map(str, constraints.get('enum', [])))}."
    if rule == "pattern":
        return f"'{column}' does not match the pattern {constraints.get('pattern')}."
    if rule == "minimum":
        return f"'{column}' is below its minimum {constraints.get('minimum')}."
    if rule == "maximum":
        return f"'{column}' is above its maximum {constraints.get('maximum')}."
    return f"'{column}' breaks the rule {rule}."
