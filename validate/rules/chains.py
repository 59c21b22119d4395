"""Chains of attribution end: following a self-referencing foreign key (cited via, parent quote,
affiliation, whatever the schemas declare) never comes back to where it started."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import polars as pl

from ..dataset import Dataset
from ..problems import Problem
from ..reader import Table
from ..registry import Scope, check, declare

LOOP = declare("attribution-loop", "Chains of self-references (cited via, parent quote, affiliation) end, and never loop.",
               "Break the loop: one row in the chain must point to nothing.")


@check(Scope.PACKAGE, LOOP)
def loops(data: Dataset) -> Iterator[Problem]:
    for table in data.tables.values():
        for fk in table.resource.foreign_keys:
            if fk.is_self_reference and len(fk.fields) == 1 and table.has(fk.fields[0], fk.ref_fields[0]):
                yield from chain_loops(table, fk.ref_fields[0], fk.fields[0])


def chain_loops(table: Table, key: str, parent: str) -> Iterator[Problem]:
    """Rows whose chain of parents never ends, found by pointer doubling (log n vectorised steps)."""
    frame = table.frame
    assert frame is not None
    positions = frame.select(pl.col(key)).with_row_index("position").unique(subset=key, keep="first")  # duplicates: the primary key's to report
    parents = frame.select(pl.col(parent)).join(positions, left_on=parent, right_on=key, how="left", maintain_order="left")
    nxt = parents["position"].fill_null(-1).cast(pl.Int64).to_numpy()
    nxt = np.append(nxt, -1)  # index -1 is this sentinel: a chain that reaches it has ended
    for _ in range(int(np.ceil(np.log2(len(frame) + 2))) + 1):
        nxt = np.where(nxt >= 0, nxt[nxt], -1)
    for i in np.flatnonzero(nxt[:-1] >= 0).tolist():
        yield table.at(LOOP, i, parent, f"Following {parent} from {table.value(i, key)} never ends: the chain loops.")
