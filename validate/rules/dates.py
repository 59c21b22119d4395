"""Dates as the schemas declare them: EDTF fields (x-format), an ISO date that repeats a full EDTF date
(x-same-date-as), and a precision that fits its EDTF date (x-precision-of)."""
from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from ..problems import Problem
from ..reader import Table
from ..registry import Scope, check, declare
from .fields import DATE

FULL_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DAY = r"^([0-9]{4}|XXXX)-[0-9]{2}-[0-9]{2}$"

AGREEMENT = declare("date-agreement", "An ISO date repeats its EDTF date when that is a complete day, and is empty otherwise.",
                    "Copy the EDTF date into the ISO date when day, month and year are stated; leave it empty when they are not.")
PRECISION = declare("date-precision", "A date's precision fits its EDTF date (a day, a month or a year, stated or not).",
                    "Choose the precision whose definition matches the EDTF date, or correct the date.")


@check(Scope.TABLE, DATE)
def edtf_calendar(table: Table) -> Iterator[Problem]:
    """A day such as XXXX-02-30 or 2014-02-30/2014-03-01 does not exist; an unstated year may be a leap year."""
    if table.frame is None:
        return
    for spec in table.fields:
        if spec.raw.get("x-format") != "edtf" or not table.has(spec.name):
            continue
        parts = table.frame.lazy().with_row_index("row").select("row", pl.col(spec.name).str.split("/").alias("part")).explode("part")
        days = parts.filter(pl.col("part").str.contains(DAY))
        bad = days.filter(pl.col("part").str.replace(r"^XXXX", "2000").str.to_date("%Y-%m-%d", strict=False).is_null())
        for index in sorted(set(bad.collect()["row"].to_list())):
            yield table.at(DATE, index, spec.name, f"{spec.name} {table.value(index, spec.name)} names a day that is not in the calendar.")


@check(Scope.TABLE, AGREEMENT)
def same_date(table: Table) -> Iterator[Problem]:
    for spec in table.fields:
        edtf = spec.raw.get("x-same-date-as")
        if edtf is None or not table.has(spec.name, edtf):
            continue
        stated = pl.col(edtf).str.contains(FULL_DATE).fill_null(False)
        disagree = (stated & (pl.col(spec.name) != pl.col(edtf)).fill_null(True)) | (~stated & pl.col(spec.name).is_not_null())
        for index in table.rows_where(disagree):
            yield table.at(AGREEMENT, index, spec.name,
                           f"{spec.name} {table.value(index, spec.name)} does not match {edtf} {table.value(index, edtf)}: "
                           f"{spec.name} is filled exactly when {edtf} states day, month and year.")


@check(Scope.TABLE, PRECISION)
def precision(table: Table) -> Iterator[Problem]:
    for spec in table.fields:
        edtf = spec.raw.get("x-precision-of")
        if edtf is None or not table.has(spec.name, edtf):
            continue
        for category in spec.categories:
            value, pattern = str(category["value"]), category["x-edtf-pattern"]
            misfit = (pl.col(spec.name) == value) & pl.col(edtf).is_not_null() & ~pl.col(edtf).str.contains(pattern)
            for index in table.rows_where(misfit):
                yield table.at(PRECISION, index, spec.name, f"{spec.name} {value} does not fit {edtf} {table.value(index, edtf)}.")
        unfilled = pl.col(spec.name).is_not_null() & pl.col(edtf).is_null()
        for index in table.rows_where(unfilled):
            yield table.at(PRECISION, index, spec.name, f"{spec.name} is given but {edtf} is empty: a precision needs a date.")
