"""Rules the schemas declare in their x- properties, read by generic code.

Which codes need a claimant, which fields exclude each other, which rows must be
referenced: each is written once, in the schema beside the fields it governs
(profiles/table-schema.json lists the declarations). Nothing here names a table,
a field or a code of this package.
"""
from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from ..dataset import Dataset
from ..problems import Problem, shorten
from ..reader import Table
from ..registry import Scope, check, declare

REQUIRED_WHEN = declare("required-when", "Fields that a code requires filled (or empty) are so, as its codebook entry declares (x-requires).",
                        "Fill or clear the field as the codebook entry of the coded value says, or choose another code.")
ONE_OF = declare("exactly-one-of", "Exactly one of a group of fields is filled (x-one-of).", "Fill one of the fields named, and clear the others.")
SAME = declare("agrees-with-reference", "A row agrees with the row it refers to where the schema says they must (x-same).",
               "Copy the value from the referenced row, or refer to another row.")
REFERENCED_BY = declare("referenced-by", "Every row of a table is referenced by the table the schema names (x-referenced-by).",
                        "Add a referencing row (for an actor: a mention), or remove the row.")
FLAG = declare("flag-agreement", "A true/false flag agrees with the rows that refer to its row (x-true-iff-referenced).",
               "Set the flag to what the referencing rows show, or correct them.")
FIELD_LIST = declare("field-list", "A list of field names (x-field-list) names fields of the same table that are filled in the row.",
                     "List only this table's field names, separated by spaces, each filled in the row.")


@check(Scope.TABLE, REQUIRED_WHEN)
def required_when(table: Table) -> Iterator[Problem]:
    for spec in table.fields:
        for category in spec.categories:
            requires = category.get("x-requires")
            if not requires or not table.has(spec.name):
                continue
            value = str(category["value"])
            chosen = pl.col(spec.name) == value
            for name in requires.get("filled", []):
                for index in table.rows_where(chosen & pl.col(name).is_null()) if table.has(name) else []:
                    yield table.at(REQUIRED_WHEN, index, name, f"{spec.name} {value} needs {name} filled.")
            for name in requires.get("empty", []):
                for index in table.rows_where(chosen & pl.col(name).is_not_null()) if table.has(name) else []:
                    yield table.at(REQUIRED_WHEN, index, name, f"{spec.name} {value} needs {name} empty.")


@check(Scope.TABLE, ONE_OF)
def exactly_one_of(table: Table) -> Iterator[Problem]:
    for group in table.resource.x("x-one-of", []):
        if not table.has(*group):
            continue
        filled = pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Int32) for c in group])
        for index in table.rows_where(filled != 1):
            count = sum(table.value(index, c) is not None for c in group)
            state = "none" if count == 0 else f"{count}"
            yield table.at(ONE_OF, index, group[0], f"Exactly one of {', '.join(group)} must be filled; {state} are.")


@check(Scope.TABLE, FIELD_LIST)
def field_lists(table: Table) -> Iterator[Problem]:
    for spec in table.fields:
        if not spec.raw.get("x-field-list") or not table.has(spec.name):
            continue
        # The rows to explain are found on whole columns; only they are looked at one by one.
        tokens = pl.col(spec.name).str.extract_all(r"\S+")
        assert table.frame is not None
        names = {n for n in table.frame.select(tokens.explode().unique().drop_nulls()).to_series().to_list()}
        unknown_names = [n for n in names if not table.resource.has(n) or n == spec.name]
        suspect = tokens.list.eval(pl.element().is_in(unknown_names)).list.any() if unknown_names else pl.lit(False)
        for name in names.difference(unknown_names):
            blank = pl.col(name).is_null() if name in table.frame.columns else pl.lit(True)  # a column the file lacks is empty
            suspect = suspect | (tokens.list.contains(name) & blank)
        for index in table.rows_where(pl.col(spec.name).is_not_null() & suspect):
            named = str(table.value(index, spec.name)).split()
            unknown = [n for n in named if not table.resource.has(n) or n == spec.name]
            empty = [n for n in named if n not in unknown and table.value(index, n) is None]
            if unknown:
                yield table.at(FIELD_LIST, index, spec.name, f"{spec.name} names {', '.join(unknown)}, which this table does not have.")
            elif empty:
                yield table.at(FIELD_LIST, index, spec.name, f"{spec.name} names {', '.join(empty)}, which this row leaves empty.")


@check(Scope.PACKAGE, SAME)
def agrees_with_reference(data: Dataset) -> Iterator[Problem]:
    for table in data.tables.values():
        for fk in table.resource.foreign_keys:
            target = data.table(fk.resource)
            if not fk.same or len(fk.fields) != 1 or target is None or not table.has(*fk.fields, *fk.same) or not target.has(*fk.ref_fields, *fk.same.values()):
                continue
            assert table.frame is not None and target.frame is not None
            key, ref = fk.fields[0], fk.ref_fields[0]
            theirs = target.frame.select(pl.col(ref).alias(key), *[pl.col(r).alias(f"__ref_{mine}") for mine, r in fk.same.items()]).unique(key, keep="first")
            joined = table.frame.select(key, *fk.same).join(theirs, on=key, how="left", maintain_order="left")
            linked = pl.col(key).is_not_null() & pl.col(key).is_in(theirs[key].implode())
            for mine, referenced in fk.same.items():
                differs = linked & pl.col(mine).ne_missing(pl.col(f"__ref_{mine}"))
                for index in table.rows_where(joined.select(differs.alias("d"))["d"]):
                    yield table.at(SAME, index, mine, f"{mine} is not the {referenced} of {fk.resource} row {table.value(index, key)} "
                                                      f"({joined[f'__ref_{mine}'][index]}).")


@check(Scope.PACKAGE, REFERENCED_BY)
def referenced_by(data: Dataset) -> Iterator[Problem]:
    for table in data.tables.values():
        for reference in table.resource.x("x-referenced-by", []):
            source = data.table(reference["resource"])
            referencing = next((k for k in source.resource.foreign_keys if k.resource == table.name and k.fields == reference["fields"]), None) if source else None
            if source is None or referencing is None or not table.has(*referencing.ref_fields) or not source.has(*referencing.fields):
                continue
            assert source.frame is not None
            used = source.frame[referencing.fields[0]].drop_nulls().unique().implode()
            key = referencing.ref_fields[0]
            for index in table.rows_where(pl.col(key).is_not_null() & ~pl.col(key).is_in(used)):
                yield table.at(REFERENCED_BY, index, key, f"{table.value(index, key)} has no row in {source.name} ({', '.join(referencing.fields)}).")


@check(Scope.PACKAGE, FLAG)
def flags(data: Dataset) -> Iterator[Problem]:
    for table in data.tables.values():
        for spec in table.fields:
            declared = spec.raw.get("x-true-iff-referenced")
            source = data.table(declared["resource"]) if declared else None
            if declared is None or source is None or not table.has(spec.name):
                continue
            referencing = next((k for k in source.resource.foreign_keys if k.resource == table.name and k.fields == declared["fields"]), None)
            if referencing is None or not source.has(*referencing.fields) or not table.has(*referencing.ref_fields):
                continue
            assert source.frame is not None
            rows = source.frame
            where = declared.get("where")
            if where and source.has(where["field"]):
                rows = rows.filter(pl.col(where["field"]).is_in(where["in"]))
            referenced = rows[referencing.fields[0]].drop_nulls().unique().implode()
            key = referencing.ref_fields[0]
            truth = pl.col(key).is_in(referenced)
            flag = pl.col(spec.name).is_in(spec.true_values)
            condition = f" with {where['field']} {' or '.join(where['in'])}" if where else ""
            # A cell that is not a boolean at all is the type rule's; read as false, it would be a false accusation here.
            boolean = pl.col(spec.name).is_in(spec.true_values) | pl.col(spec.name).is_in(spec.false_values)
            for index in table.rows_where(boolean & (flag != truth)):
                says = "true" if str(table.value(index, spec.name)) in spec.true_values else "false"
                yield table.at(FLAG, index, spec.name, f"{spec.name} is {says} but {table.value(index, key)} has "
                                                       f"{'no' if says == 'true' else 'a'} row in {source.name}{condition}.",
                               value=shorten(table.value(index, spec.name)))


WITHIN = declare("span-within", "A row's span lies inside the span of the row it refers to, where the schema says so (x-within): a fact inside "
                 "its quote, an attribution inside its parent.", "Correct the offsets, or refer to the row whose span holds this one.")


@check(Scope.PACKAGE, WITHIN)
def spans_within(data: Dataset) -> Iterator[Problem]:
    for table in data.tables.values():
        for fk in table.resource.foreign_keys:
            target = data.table(fk.resource)
            if not fk.within or len(fk.fields) != 1 or target is None:
                continue
            mine = next(g for g in table.resource.spans if g.name == fk.within["span"])
            theirs = next(g for g in target.resource.spans if g.name == fk.within["in"])
            if not table.has(fk.fields[0], mine.start, mine.end) or not target.has(fk.ref_fields[0], theirs.start, theirs.end):
                continue
            assert table.frame is not None and target.frame is not None
            key = fk.fields[0]
            outer = target.frame.select(pl.col(fk.ref_fields[0]).alias(key), pl.col(theirs.start).cast(pl.Int64, strict=False).alias("__outer_start"),
                                        pl.col(theirs.end).cast(pl.Int64, strict=False).alias("__outer_end")).unique(key, keep="first")
            joined = table.frame.select(key, pl.col(mine.start).cast(pl.Int64, strict=False).alias("__start"),
                                        pl.col(mine.end).cast(pl.Int64, strict=False).alias("__end")).join(outer, on=key, how="left", maintain_order="left")
            outside = (pl.col("__start") < pl.col("__outer_start")) | (pl.col("__end") > pl.col("__outer_end"))
            for index in table.rows_where(joined.select(outside.fill_null(False).alias("o"))["o"]):
                yield table.at(WITHIN, index, mine.start, f"The {mine.name} span {joined['__start'][index]}–{joined['__end'][index]} is not inside the "
                                                          f"{theirs.name} span {joined['__outer_start'][index]}–{joined['__outer_end'][index]} of "
                                                          f"{fk.resource} row {table.value(index, key)}.")
