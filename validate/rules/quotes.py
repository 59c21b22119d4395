"""Rules about quotes that Table Schema cannot express."""
from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from ..problems import Problem
from ..reader import Table
from ..registry import Scope, check, declare

CUE_REACH = 200  # code points; a cue farther from its quote than a long sentence is almost always a cue of another quote

CUE_DISTANCE = declare("cue-distance", f"A quote's cue lies within {CUE_REACH} characters of the quote.",
                       "Check that the cue words belong to this quote (a cue is the verb or phrase that introduces it: 'told', 'according to').")


@check(Scope.TABLE, CUE_DISTANCE)
def cue_distance(table: Table) -> Iterator[Problem]:
    """The gap between a row's main span and its span group named "cue", when both are filled."""
    groups = table.resource.spans
    cue = next((g for g in groups if g.name == "cue"), None)
    if cue is None or not groups or cue is groups[0] or not table.has(*groups[0].columns, *cue.columns):
        return
    main = groups[0]
    start, end = (pl.col(main.start).cast(pl.Int64, strict=False), pl.col(main.end).cast(pl.Int64, strict=False))
    cue_start, cue_end = (pl.col(cue.start).cast(pl.Int64, strict=False), pl.col(cue.end).cast(pl.Int64, strict=False))
    gap = pl.max_horizontal(pl.lit(0), cue_start - end, start - cue_end)
    for index in table.rows_where(gap > CUE_REACH):
        distance = table.frame.select(gap.alias("gap"))["gap"][index] if table.frame is not None else None
        yield table.at(CUE_DISTANCE, index, cue.start, f"The cue is {distance:,} characters from the quote; at most {CUE_REACH} are expected.")
