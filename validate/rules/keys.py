"""Foreign keys across tables, vectorised (pandera checks one table at a time)."""
from __future__ import annotations

import pandas as pd

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
    target = tables.get(reference.get("resource") or table.name)
    target_fields = as_list(reference.get("fields"))
    if target is None or target.frame is None or not set(fields) <= set(table.frame.columns) or not set(target_fields) <= set(target.frame.columns):
        return []  # the missing table or column is reported by the header and descriptor rules
    source = table.frame[fields]
    filled = source.notna().any(axis=1)  # as Frictionless: a reference left wholly empty is no reference
    keys = pd.MultiIndex.from_frame(source[filled].astype(object))
    known = pd.MultiIndex.from_frame(target.frame[target_fields].dropna().astype(object))
    dangling = source[filled].index[~keys.isin(known)]
    name = reference.get("resource") or table.name
    return [
        Problem("foreign-key", table.path,
                f"{', '.join(fields)} {', '.join(map(str, source.loc[i].tolist()))!r} is not a {', '.join(target_fields)} of any row in {name}.",
                line=table.line(i), column=fields[0], value=shorten(", ".join(map(str, source.loc[i].tolist()))))
        for i in dangling
    ]
