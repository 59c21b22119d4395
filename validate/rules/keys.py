"""Foreign keys across tables, vectorised (pandera checks one table at a time)."""
from __future__ import annotations

import polars as pl

from ..problems import Problem, shorten
from ..tables import Table


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def check(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for table in tables.values():
        if table.frame is None:
            continue
        for fk in table.schema.get("foreignKeys", []):
            problems += check_one(table, fk, tables)
    return problems


def check_one(table: Table, fk: dict, tables: dict[str, Table]) -> list[Problem]:
    fields = as_list(fk.get("fields"))
    reference = fk.get("reference", {})
    name = reference.get("resource") or table.name
    target = tables.get(name)
    target_fields = as_list(reference.get("fields"))
    if target is None or target.frame is None or not set(fields) <= set(table.frame.columns) or not set(target_fields) <= set(target.frame.columns):
        return []  # the missing table or column is reported by the header and descriptor rules
    filled = pl.any_horizontal([pl.col(f).is_not_null() for f in fields])  # as Frictionless: a wholly empty reference is no reference
    if len(fields) == 1:
        known = target.frame[target_fields[0]].drop_nulls().unique()
        dangling = filled & ~pl.col(fields[0]).is_in(known.implode())
    else:
        known = target.frame.select(pl.struct(target_fields).alias("key"))["key"].unique()
        dangling = filled & ~pl.struct(fields).is_in(known.implode())
    problems = []
    for index in table.rows_where(dangling):
        value = ", ".join(str(table.value(index, f)) for f in fields)
        problems.append(Problem("foreign-key", table.path, f"{', '.join(fields)} {value!r} is not a {', '.join(target_fields)} of any row in {name}.",
                                line=table.line(index), column=fields[0], value=shorten(value)))
    return problems
