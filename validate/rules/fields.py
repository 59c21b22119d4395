"""Field rules of Table Schema: types, then constraints vectorised with pandera's polars backend.

The pandera schema is derived from the Table Schema at run time (`pandera_schema`):
required, unique, primary key, enum, pattern, minimum/maximum and lengths. It
is built here rather than with pandera.io's from_frictionless_schema because
that function lives in pandera's pandas layer, and importing pandas costs a
third of a second on every run while no check needs it. Parsing cells into
their types is done first, by us, because pandera's coercion would turn
'maybe' into True; dates, formats and missingValues (handled by the reader)
are ours too.
"""
from __future__ import annotations

import pandera.errors
import pandera.polars as pap
import polars as pl

from ..model import Field
from ..problems import Problem, shorten
from ..reader import Table
from ..registry import Scope, check, declare

TYPE_PATTERNS = {
    "integer": r"^[+-]?[0-9]+$",
    "number": r"^([+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF)$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "year": r"^[0-9]{4}$",
}
FORMAT_PATTERNS = {
    # A web address: the package's addresses are meant to be opened, and any other scheme
    # (javascript://, data:, file://) would be a link that runs or reads something.
    "uri": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$",
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
}
POLARS_TYPES = {"integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "year": pl.Int64}

TYPE = declare("type", "Each cell has the field's type.", "Write the value in the field's type: integers as digits, booleans as true/false.")
DATE = declare("date", "Dates are real calendar dates.", "Use a date that exists, as YYYY-MM-DD (EDTF fields may use XXXX for an unstated year).")
FORMAT = declare("format", "Cells follow the field's format (a web address, http or https, for format uri).", "Write a full address such as https://example.org/page.")
REQUIRED = declare("required", "Required fields are not empty.", "Fill the cell; this field may not be empty.")
UNIQUE = declare("unique", "Unique fields hold no value twice.", "Give this row a value no other row has.")
PRIMARY_KEY = declare("primary-key", "The primary key identifies each row once.", "Give this row an id no other row has.", supersedes=("unique",))
ENUM = declare("enum", "Coded fields hold one of their codebook's values.", "Use one of the values listed in the table's codebook.")
PATTERN = declare("pattern", "Cells match the field's pattern.", "Write the value in the shape the field's pattern and example show.")
MINIMUM = declare("minimum", "Numbers are not below the field's minimum.", "Use a value at or above the minimum.")
MAXIMUM = declare("maximum", "Numbers are not above the field's maximum.", "Use a value at or below the maximum.")
LENGTH = declare("length", "Text is within the field's minimum and maximum length.", "Shorten or complete the value to the length the field allows.")

# pandera check name (its prefix) -> our rule
CHECK_RULES = {
    "not_nullable": REQUIRED,
    "field_uniqueness": UNIQUE,
    "str_matches": PATTERN,
    "isin": ENUM,
    "greater_than_or_equal_to": MINIMUM,
    "less_than_or_equal_to": MAXIMUM,
    "str_length": LENGTH,
    "dtype": TYPE,
    "coerce_dtype": TYPE,
    "multiple_fields_uniqueness": PRIMARY_KEY,
}

# pandera imports hypothesis (for data synthesis, unused here) when it builds its
# first Check, unless the runner has kept it out; building one at import puts that
# cost into the import, which the runner overlaps with reading, not into the checks.
pap.Check.isin([""])


@check(Scope.TABLE, TYPE, DATE, FORMAT, REQUIRED, UNIQUE, PRIMARY_KEY, ENUM, PATTERN, MINIMUM, MAXIMUM, LENGTH)
def field_rules(table: Table) -> list[Problem]:
    if table.frame is None:
        return []
    present = [f for f in table.fields if f.name in table.frame.columns]
    typed, problems, bad_cells = parse_types(table, present)
    return problems + pandera_checks(table, present, typed, bad_cells)


def parse_expression(spec: Field) -> tuple[pl.Expr, pl.Expr, object]:
    """(typed column, 'cell parses' flag, rule for a cell that does not) for one field."""
    column = pl.col(spec.name)
    if spec.type in ("integer", "number", "year"):
        typed = column.cast(POLARS_TYPES[spec.type], strict=False)
        ok = column.str.contains(TYPE_PATTERNS[spec.type]) & typed.is_not_null()  # an integer too large for 64 bits fails too
        return typed, ok, TYPE
    if spec.type == "boolean":
        mapping = {v: True for v in spec.true_values} | {v: False for v in spec.false_values}
        return column.replace_strict(mapping, default=None, return_dtype=pl.Boolean), column.is_in(list(mapping)), TYPE
    if spec.type == "date":  # the shape may be right and the day impossible (2014-02-30)
        parsed = column.str.to_date("%Y-%m-%d", strict=False)
        return column, column.str.contains(TYPE_PATTERNS["date"]) & parsed.is_not_null(), DATE
    if spec.type == "string" and spec.format in FORMAT_PATTERNS:
        return column, column.str.contains(FORMAT_PATTERNS[spec.format]), FORMAT
    return column, pl.lit(True), TYPE


def parse_types(table: Table, fields: list[Field]) -> tuple[pl.DataFrame, list[Problem], set]:
    """Turn string cells into typed columns; a cell that does not parse is a type error, reported once."""
    assert table.frame is not None
    parsed = {f.name: parse_expression(f) for f in fields}
    flags = table.frame.select([(ok | pl.col(name).is_null()).alias(name) for name, (_, ok, _) in parsed.items()])
    problems, bad_cells = [], set()
    for spec in fields:
        rule = parsed[spec.name][2]
        if flags[spec.name].all():
            continue
        expected = f"format {spec.format}" if rule is FORMAT else f"type {spec.type}"
        for index in table.rows_where(~flags[spec.name]):
            bad_cells.add((index, spec.name))
            problems.append(table.at(rule, index, spec.name, f"'{spec.name}' must be of {expected}.", hint=example_hint(rule, spec)))
    typed = table.frame.select([pl.when(flags[name]).then(expr).otherwise(None).alias(name) if not flags[name].all() else expr.alias(name)
                                for name, (expr, _, _) in parsed.items()])
    return typed, problems, bad_cells


def pandera_schema(table: Table, fields: list[Field]) -> pap.DataFrameSchema:
    """The pandera schema for the fields present, from the Table Schema's constraints."""
    names = {f.name for f in fields}
    key = [k for k in table.resource.primary_key if k in names]
    columns = {}
    for spec in fields:
        c = spec.constraints
        checks = []
        if c.get("enum") is not None:
            checks.append(pap.Check.isin(c["enum"]))
        if c.get("pattern") is not None:
            checks.append(pap.Check.str_matches(f"^(?:{c['pattern']})$"))  # Table Schema patterns match the whole value
        if c.get("minimum") is not None:
            checks.append(pap.Check.ge(c["minimum"]))
        if c.get("maximum") is not None:
            checks.append(pap.Check.le(c["maximum"]))
        if c.get("minLength") is not None or c.get("maxLength") is not None:
            checks.append(pap.Check.str_length(c.get("minLength"), c.get("maxLength")))
        nullable, unique = not (spec.required or spec.name in key), spec.unique or key == [spec.name]
        if checks or not nullable or unique:  # a column with nothing to check would only cost pandera's per-column overhead
            columns[spec.name] = pap.Column(POLARS_TYPES.get(spec.type, pl.String), checks=checks, nullable=nullable, unique=unique)
    return pap.DataFrameSchema(columns, unique=key if len(key) > 1 else None)


def pandera_checks(table: Table, fields: list[Field], typed: pl.DataFrame, bad_cells: set) -> list[Problem]:
    try:
        pandera_schema(table, fields).validate(typed, lazy=True)
        return []
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    by_name = {f.name: f for f in fields}
    key = table.resource.primary_key
    repeats = repeated_rows(typed, key)
    problems = []
    for case in cases.iter_rows(named=True):
        column, index = case.get("column"), case.get("index")
        rule = next((r for prefix, r in CHECK_RULES.items() if str(case["check"]).startswith(prefix)), TYPE)
        if rule is UNIQUE and key == [column]:
            rule = PRIMARY_KEY
        if rule is PRIMARY_KEY and len(key) > 1:
            column = key[0]
        spec = by_name.get(column)
        if index is None:  # a check that failed for the column as a whole: reported, never dropped
            problems.append(rule.problem(table.path, f"'{column}' fails {case['check']} as a whole column.", column=column, engines=("pandera",)))
            continue
        index = int(index)
        if (index, column) in bad_cells:
            continue
        if rule in (UNIQUE, PRIMARY_KEY):  # one cause, one problem: the first row holding the value is not at fault
            first = repeats.get((rule is PRIMARY_KEY and len(key) > 1, column), {}).get(index)
            if first is None:
                continue
            problems.append(table.at(rule, index, column, f"'{column}' repeats the value of line {table.line(first)}.", engines=("pandera",)))
            continue
        problems.append(table.at(rule, index, column if spec else None, describe(rule, column, spec), engines=("pandera",),
                                 hint=example_hint(rule, spec) if spec else None))
    return problems


def repeated_rows(typed: pl.DataFrame, key: list[str]) -> dict[tuple[bool, str], dict[int, int]]:
    """For each unique column (and the composite key), each row that repeats an earlier row's value -> that earlier row."""
    found: dict[tuple[bool, str], dict[int, int]] = {}
    groups = [(False, [c]) for c in typed.columns] + ([(True, key)] if len(key) > 1 and set(key) <= set(typed.columns) else [])
    for composite, columns in groups:
        frame = typed.select(columns).with_row_index("row")
        if not composite and frame[columns[0]].null_count() == len(frame):
            continue
        firsts = frame.group_by(columns, maintain_order=True).agg(pl.col("row").first().alias("first"))
        later = frame.join(firsts, on=columns, how="inner", nulls_equal=False).filter(pl.col("row") != pl.col("first"))
        if len(later):
            found[(composite, columns[0])] = dict(zip(later["row"].to_list(), later["first"].to_list(), strict=True))
    return found


def describe(rule, column: str, spec: Field | None) -> str:
    constraints = spec.constraints if spec else {}
    if rule is REQUIRED:
        return f"'{column}' is required but empty."
    if rule in (UNIQUE, PRIMARY_KEY):
        return f"'{column}' holds a value another row already has."
    if rule is ENUM:
        return f"'{column}' must be one of: {', '.join(map(str, constraints.get('enum', [])))}."
    if rule is PATTERN:
        return f"'{column}' does not match the pattern {constraints.get('pattern')}."
    if rule is MINIMUM:
        return f"'{column}' is below its minimum {constraints.get('minimum')}."
    if rule is MAXIMUM:
        return f"'{column}' is above its maximum {constraints.get('maximum')}."
    if rule is LENGTH:
        return f"'{column}' must be {constraints.get('minLength', 0)} to {constraints.get('maxLength', '…')} characters long."
    return f"'{column}' breaks the rule {rule.id}."


def example_hint(rule, spec: Field | None) -> str | None:
    """The field's own example makes the best hint for a value in the wrong shape."""
    if spec is None or spec.example is None or rule not in (PATTERN, TYPE, DATE, FORMAT):
        return None
    return f"Write it in the shape of the field's example: {shorten(spec.example, 60)}."
