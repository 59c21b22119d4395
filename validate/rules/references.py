"""Rules across rows that Table Schema cannot express: attribution chains end, and every actor is mentioned."""
from __future__ import annotations

import numpy as np
import pandas as pd

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
    problems += unmentioned_actors(tables)
    return problems


def loops(table: Table, key: str, parent: str) -> list[Problem]:
    """Rows whose chain of parents never ends, found by pointer doubling (log n vectorised steps)."""
    frame = table.frame
    keys = frame[key]
    position = pd.Series(np.arange(len(frame)), index=keys.to_numpy())
    position = position[~position.index.duplicated()]  # duplicate ids are the primary-key rule's to report
    nxt = frame[parent].map(position).fillna(-1).to_numpy(dtype=np.int64)  # -1: the chain ends here
    nxt = np.append(nxt, -1)  # index -1 points at this sentinel, which points at itself
    for _ in range(int(np.ceil(np.log2(len(frame) + 2))) + 1):
        nxt = np.where(nxt >= 0, nxt[nxt], -1)
    endless = np.flatnonzero(nxt[:-1] >= 0)
    return [
        Problem("attribution-loop", table.path, f"Following {parent} from {frame.at[i, key]} never ends: the chain loops.",
                line=table.line(i), column=parent, value=shorten(frame.at[i, parent]))
        for i in endless
    ]


def unmentioned_actors(tables: dict[str, Table]) -> list[Problem]:
    actors, mentions = tables.get("actors"), tables.get("mentions")
    if actors is None or mentions is None or actors.frame is None or mentions.frame is None:
        return []
    if "actor_id" not in actors.frame.columns or "actor_id" not in mentions.frame.columns:
        return []
    missing = actors.frame.index[actors.frame["actor_id"].notna() & ~actors.frame["actor_id"].isin(mentions.frame["actor_id"].dropna())]
    return [
        Problem("actor-unmentioned", actors.path, f"Actor {actors.frame.at[i, 'actor_id']} has no row in mentions.",
                line=actors.line(i), column="actor_id", value=shorten(actors.frame.at[i, "actor_id"]))
        for i in missing
    ]
