"""Field rules of Table Schema, vectorised with pandera and derived from schemas/*.json at run time.

pandera's from_frictionless_schema gives required, unique, primary keys, enum,
minimum/maximum, lengths and patterns. It ignores what we add here: parsing
cells into their types (it would coerce 'maybe' to True), dates, formats and
missingValues (handled by reading empty cells as missing).
"""
from __future__ import annotations

import re

import pandas as pd
import pandera.errors
from pandera.io.pandas_io import from_frictionless_schema

from ..problems import Problem, shorten
from ..tables import Table

TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]
TYPE_PATTERNS = {
    "integer": r"[+-]?[0-9]+",
    "number": r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF",
    "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "year": r"[0-9]{4}",
}
FORMAT_PATTERNS = {
    "uri": r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*",
    "email": r"[^@\s]+@[^@\s]+\.[^@\s]+",
}
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
NULLABLE_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def check(table: Table) -> list[Problem]:
    if table.frame is None:
        return []
    present = [f for f in table.fields if f["name"] in table.frame.columns]
    typed, problems, bad_cells = parse_types(table, present)
    problems += pandera_checks(table, present, typed, bad_cells)
    return problems


def parse_types(table: Table, fields: list[dict]) -> tuple[pd.DataFrame, list[Problem], set]:
    """Turn string cells into typed columns; a cell that does not parse is a type error, reported once."""
    typed = pd.DataFrame(index=table.frame.index)
    problems, bad_cells = [], set()
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        column = table.frame[name]
        present = column.notna()
        if kind in TYPE_PATTERNS:
            # pandas' string predicates answer False for a missing cell: missing is not a type error
            ok = column.str.fullmatch(TYPE_PATTERNS[kind]).fillna(False).astype(bool) | ~present
            if kind == "date":  # the shape may be right and the day impossible (2014-02-30)
                parsed = pd.to_datetime(column.where(ok), format="%Y-%m-%d", errors="coerce")
                ok &= ~(present & parsed.isna())
        elif kind == "boolean":
            ok = column.isin(TRUE_VALUES + FALSE_VALUES) | ~present
        else:
            ok = pd.Series(True, index=column.index)
        rule = "date" if kind == "date" else "type"
        fmt = field.get("format")
        if kind == "string" and fmt in FORMAT_PATTERNS:
            ok = column.str.fullmatch(FORMAT_PATTERNS[fmt]).fillna(False).astype(bool) | ~present
            rule = "format"
        for index in column.index[~ok]:
            bad_cells.add((index, name))
            expected = f"format {fmt}" if rule == "format" else f"type {kind}"
            problems.append(Problem(rule, table.path, f"'{name}' must be of {expected}.", line=table.line(index), column=name, value=shorten(column[index])))
        clean = column.where(ok)
        if kind in ("integer", "number"):
            typed[name] = pd.to_numeric(clean).astype(NULLABLE_DTYPES[kind])
        elif kind == "boolean":
            typed[name] = clean.map(lambda v: v in TRUE_VALUES, na_action="ignore").astype("boolean")
        else:
            typed[name] = clean
    return typed, problems, bad_cells


def pandera_schema(schema: dict, fields: list[dict]):
    """The pandera schema for the fields present, from the Table Schema itself."""
    names = {f["name"] for f in fields}
    keys = schema.get("primaryKey") or []
    keys = [keys] if isinstance(keys, str) else keys
    subset = {**schema, "fields": fields, "primaryKey": [k for k in keys if k in names]}
    subset.pop("foreignKeys", None)  # checked across tables in keys.py
    derived = from_frictionless_schema(subset)
    # Our cells are already typed (nullable pandas dtypes); pandera only checks them.
    updates = {f["name"]: {"dtype": NULLABLE_DTYPES[f["type"]]} for f in fields if f.get("type") in NULLABLE_DTYPES}
    derived = derived.update_columns(updates) if updates else derived
    derived.coerce = False
    for column in derived.columns.values():
        if str(column.dtype) in ("category", "date"):
            column.dtype = None
        column.coerce = False
    return derived


def pandera_checks(table: Table, fields: list[dict], typed: pd.DataFrame, bad_cells: set) -> list[Problem]:
    schema = pandera_schema(table.schema, fields)
    try:
        schema.validate(typed, lazy=True)
        return []
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    keys = table.schema.get("primaryKey") or []
    keys = [keys] if isinstance(keys, str) else keys
    problems = []
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            continue  # a column-level note (the type errors are already reported per cell)
        index, column = int(case.index), case.column
        if (index, column) in bad_cells:
            continue
        rule = next((r for prefix, r in CHECK_RULES.items() if str(case.check).startswith(prefix)), "type")
        if rule == "unique" and keys == [column]:
            rule = "primary-key"
        field = next((f for f in fields if f["name"] == column), {})
        problems.append(Problem(rule, table.path, describe(rule, column, field), line=table.line(index), column=column if isinstance(column, str) else None,
                                value=shorten(table.frame.at[index, column]) if column in table.frame.columns else None, engines=("pandera",)))
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
    return f"'{column}' breaks the rule {rule}."
