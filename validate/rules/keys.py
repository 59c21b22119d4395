"""Foreign keys across tables, vectorised (pandera checks one table at a time)."""
from __future__ import annotations

import polars as pl

from ..problems import Problem, shorten
from ..tables import Table


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def check(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    known: dict[tuple, pl.Series] = {}  # many foreign keys share a target (nine point at actors): find its keys once
    for table in tables.values():
        if table.frame is None:
            continue
        for fk in table.schema.get("foreignKeys", []):
            problems += check_one(table, fk, tables, known)
    return problems


def keys_of(target: Table, fields: list[str]) -> pl.Series:
    """The distinct keys of a table, as one column (a struct for a key of several fields)."""
    if len(fields) == 1:
        return target.frame[fields[0]].drop_nulls().unique()
    return target.frame.select(pl.struct(fields).alias("key"))["key"].unique()


def check_one(table: Table, fk: dict, tables: dict[str, Table], known: dict[tuple, pl.Series]) -> list[Problem]:
    fields = as_list(fk.get("fields"))
    reference = fk.get("reference", {})
    name = reference.get("resource") or table.name
    target = tables.get(name)
    target_fields = as_list(reference.get("fields"))
    if target is None or target.frame is None or not set(fields) <= set(table.frame.columns) or not set(target_fields) <= set(target.frame.columns):
        return []  # the missing table or column is reported by the header and descriptor rules
    filled = pl.any_horizontal([pl.col(f).is_not_null() for f in fields])  # as Frictionless: a wholly empty reference is no reference
    target_key = (name, *target_fields)
    if target_key not in known:
        known[target_key] = keys_of(target, target_fields)
    referenced = pl.col(fields[0]) if len(fields) == 1 else pl.struct(fields)
    dangling = filled & ~referenced.is_in(known[target_key].implode())
    problems = []
    for index in table.rows_where(dangling):
        value = ", ".join(str(table.value(index, f)) for f in fields)
        problems.append(Problem("foreign-key", table.path, f"{', '.join(fields)} {value!r} is not a {', '.join(target_fields)} of any row in {name}.",
                                line=table.line(index), column=fields[0], value=shorten(value)))
    return problems
