"""Keys: foreign keys across tables, vectorised (pandera checks one table at a time), and the unique keys of a table."""
from __future__ import annotations

import difflib

import polars as pl

from ..dataset import Dataset
from ..model import ForeignKey
from ..problems import LISTED, Problem, shorten
from ..reader import Table
from ..registry import Scope, check, declare

FOREIGN_KEY = declare("foreign-key", "Every reference points to an existing row.",
                      "Use an id that exists in the referenced table (the closest is suggested), or add that row first.")
UNIQUE_KEY = declare("unique-key", "No two rows agree on every field of one of the table's uniqueKeys (Table Schema v2); a row with an "
                     "empty cell in a key is not compared on that key.",
                     "Remove the repeated row, or correct the cell that makes it repeat the one named.")
SUGGEST_ROWS = 20
SUGGEST_AMONG = 100_000  # "did you mean" compares with every key of the target; beyond this many keys it is skipped


@check(Scope.PACKAGE, FOREIGN_KEY)
def foreign_keys(data: Dataset) -> list[Problem]:
    problems = []
    known: dict[tuple, pl.Series] = {}  # many foreign keys share a target (nine point at actors): find its keys once
    for table in data.tables.values():
        if table.frame is None:
            continue
        for fk in table.resource.foreign_keys:
            problems += check_one(table, fk, data, known)
    return problems


def keys_of(target: Table, fields: list[str]) -> pl.Series:
    """The distinct keys of a table, as one column (a struct for a key of several fields)."""
    assert target.frame is not None
    if len(fields) == 1:
        return target.frame[fields[0]].drop_nulls().unique()
    return target.frame.select(pl.struct(fields).alias("key"))["key"].unique()


def check_one(table: Table, fk: ForeignKey, data: Dataset, known: dict[tuple, pl.Series]) -> list[Problem]:
    target = data.table(fk.resource)
    if target is None or not table.has(*fk.fields) or not target.has(*fk.ref_fields):
        return []  # the missing table or column is reported by the header and descriptor rules
    filled = pl.any_horizontal([pl.col(f).is_not_null() for f in fk.fields])  # as Frictionless: a wholly empty reference is no reference
    target_key = (fk.resource, *fk.ref_fields)
    if target_key not in known:
        known[target_key] = keys_of(target, fk.ref_fields)
    referenced = pl.col(fk.fields[0]) if len(fk.fields) == 1 else pl.struct(fk.fields)
    problems: list[Problem] = []
    # Rows of the target left out for their width may hold the missing ids: say so, as the root cause comes first.
    unread = target.skipped_lines if target.skipped_lines is not None and len(target.skipped_lines) else None
    hint = None if unread is None else (f"{target.path} has rows that could not be read (line {', '.join(f'{n:,}' for n in unread[:3])}"
                                        f"{', …' if len(unread) > 3 else ''}); fix those first: the id may be on one of them.")
    dangling = table.rows_where(filled & ~referenced.is_in(known[target_key].implode()))
    for index in dangling[:LISTED]:
        value = ", ".join(str(table.value(index, f)) for f in fk.fields)
        # a suggestion compares with every key: only for as many rows as a report shows
        closest = did_you_mean(value, known[target_key]) if len(fk.fields) == 1 and len(problems) < SUGGEST_ROWS else None
        message = f"{', '.join(fk.fields)} {value!r} matches the {', '.join(fk.ref_fields)} of no row in {fk.resource}."
        problems.append(table.at(FOREIGN_KEY, index, fk.fields[0], message + (f" Did you mean {closest!r}?" if closest else ""), value=shorten(value),
                                 suggestion={"value": closest} if closest else None, hint=hint))
    if len(dangling) > LISTED:  # a million dangling rows are counted, not built one by one: seconds, not a minute and a gigabyte
        problems.append(table.at(FOREIGN_KEY, dangling[LISTED], fk.fields[0], f"{len(dangling) - LISTED:,} more rows from here on refer to no row in "
                                 f"{fk.resource} by {', '.join(fk.fields)}; they are counted here, not listed one by one.", hint=hint,
                                 count=len(dangling) - LISTED))
    return problems


def did_you_mean(value: str, keys: pl.Series) -> str | None:
    if len(keys) > SUGGEST_AMONG:
        return None
    found = difflib.get_close_matches(value, keys.cast(pl.String).to_list(), n=1, cutoff=0.6)
    return found[0] if found else None


@check(Scope.TABLE, UNIQUE_KEY)
def unique_keys(table: Table) -> list[Problem]:
    """Each row after the first with the same values in every field of a unique key (primaryKey is pandera's)."""
    problems: list[Problem] = []
    if table.frame is None:
        return problems
    for key in table.resource.unique_keys:
        if not table.has(*key):
            continue
        rows = (table.frame.select(key).with_row_index("row")
                .filter(pl.all_horizontal([pl.col(c).is_not_null() for c in key]))
                .with_columns(pl.col("row").first().over(key).alias("first"))
                .filter(pl.col("row") != pl.col("first")))
        listed = rows.head(LISTED)
        for index, first in zip(listed["row"].to_list(), listed["first"].to_list(), strict=True):
            values = ", ".join(f"{c} {shorten(table.value(index, c), 40)}" for c in key)
            problems.append(table.at(UNIQUE_KEY, index, key[0], f"Repeats line {table.line(first)} in {values}: one row for each."))
        if rows.height > LISTED:  # a block pasted a million times is one mistake: count the rest, do not build each
            index = int(rows["row"][LISTED])
            problems.append(table.at(UNIQUE_KEY, index, key[0], f"{rows.height - LISTED:,} more rows from here on repeat an earlier "
                                     f"row in {', '.join(key)}; they are counted here, not listed one by one.", count=rows.height - LISTED))
    return problems
