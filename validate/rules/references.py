"""Rules across rows that Table Schema cannot express: attribution chains end, and every actor is mentioned."""
from __future__ import annotations

import numpy as np
import polars as pl

from ..problems import Problem, shorten
from ..tables import Table

# Self-references that form chains of attribution: (table, key, parent field)
CHAINS = [
    ("sources", "source_id", "cited_via_source_id"),
    ("quotes", "quote_id", "parent_quote_id"),
    ("actors", "actor_id", "affiliation_actor_id"),
]


def check(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for name, key, parent in CHAINS:
        table = tables.get(name)
        if table is not None and table.frame is not None and {key, parent} <= set(table.frame.columns):
            problems += loops(table, key, parent)
    return problems + unmentioned_actors(tables)


def loops(table: Table, key: str, parent: str) -> list[Problem]:
    """Rows whose chain of parents never ends, found by pointer doubling (log n vectorised steps)."""
    frame = table.frame
    positions = frame.select(pl.col(key)).with_row_index("position").unique(subset=key, keep="first")  # duplicates: the primary key's to report
    parents = frame.select(pl.col(parent)).join(positions, left_on=parent, right_on=key, how="left", maintain_order="left")
    nxt = parents["position"].fill_null(-1).cast(pl.Int64).to_numpy()
    nxt = np.append(nxt, -1)  # index -1 is this sentinel: a chain that reaches it has ended
    for _ in range(int(np.ceil(np.log2(len(frame) + 2))) + 1):
        nxt = np.where(nxt >= 0, nxt[nxt], -1)
    return [
        Problem("attribution-loop", table.path, f"Following {parent} from {table.value(i, key)} never ends: the chain loops.",
                line=table.line(i), column=parent, value=shorten(table.value(i, parent)))
        for i in np.flatnonzero(nxt[:-1] >= 0).tolist()
    ]


def unmentioned_actors(tables: dict[str, Table]) -> list[Problem]:
    actors, mentions = tables.get("actors"), tables.get("mentions")
    if actors is None or mentions is None or actors.frame is None or mentions.frame is None:
        return []
    if "actor_id" not in actors.frame.columns or "actor_id" not in mentions.frame.columns:
        return []
    mentioned = mentions.frame["actor_id"].drop_nulls().unique().implode()
    return [
        Problem("actor-unmentioned", actors.path, f"Actor {actors.value(i, 'actor_id')} has no row in mentions.",
                line=actors.line(i), column="actor_id", value=shorten(actors.value(i, "actor_id")))
        for i in actors.rows_where(pl.col("actor_id").is_not_null() & ~pl.col("actor_id").is_in(mentioned))
    ]
