"""Cross-field rules of this package's model, which Table Schema cannot express."""
from __future__ import annotations

import polars as pl

from ..problems import Problem, shorten
from ..tables import Table

FULL_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def usable(tables: dict[str, Table], name: str, *columns: str) -> Table | None:
    table = tables.get(name)
    if table is None or table.frame is None or not set(columns) <= set(table.frame.columns):
        return None
    return table


def check(tables: dict[str, Table]) -> list[Problem]:
    return mention_targets(tables) + claimant_status(tables) + edtf_dates(tables) + quote_consistency(tables)


def mention_targets(tables) -> list[Problem]:
    table = usable(tables, "mentions", "actor_id", "place_id")
    if table is None:
        return []
    both = pl.col("actor_id").is_not_null() & pl.col("place_id").is_not_null()
    neither = pl.col("actor_id").is_null() & pl.col("place_id").is_null()
    return ([Problem("mention-target", table.path, "Both actor_id and place_id are filled.", line=table.line(i), column="actor_id") for i in table.rows_where(both)]
            + [Problem("mention-target", table.path, "Neither actor_id nor place_id is filled.", line=table.line(i), column="actor_id") for i in table.rows_where(neither)])


def claimant_status(tables) -> list[Problem]:
    table = usable(tables, "facts", "status", "claimant_actor_id")
    if table is None:
        return []
    has_claimant = pl.col("claimant_actor_id").is_not_null()
    problems = [Problem("claimant-status", table.path, "status is asserted (the article's own voice) but a claimant is given.",
                        line=table.line(i), column="claimant_actor_id", value=shorten(table.value(i, "claimant_actor_id")))
                for i in table.rows_where((pl.col("status") == "asserted") & has_claimant)]
    problems += [Problem("claimant-status", table.path, f"status {table.value(i, 'status')} needs a claimant: who reports, denies or confirms it?",
                         line=table.line(i), column="claimant_actor_id")
                 for i in table.rows_where(pl.col("status").is_in(["reported", "denied", "confirmed"]) & ~has_claimant)]
    return problems


def edtf_dates(tables) -> list[Problem]:
    """EDTF dates must exist in the calendar; with a stated year they must equal the ISO date."""
    problems = []
    for table in tables.values():
        if table.frame is None:
            continue
        for name in [f["name"] for f in table.fields if f["name"].endswith("_edtf") and f["name"] in table.frame.columns]:
            problems += impossible_days(table, name)
    table = usable(tables, "sources", "date_edtf", "date_iso")
    if table is not None:
        stated = pl.col("date_edtf").str.contains(FULL_DATE).fill_null(False)
        disagree = (stated & (pl.col("date_iso") != pl.col("date_edtf")).fill_null(True)) | (~stated & pl.col("date_iso").is_not_null())
        problems += [Problem("date-agreement", table.path,
                             f"date_iso {table.value(i, 'date_iso')} does not match date_edtf {table.value(i, 'date_edtf')}; date_iso is filled exactly when the article states day, month and year.",
                             line=table.line(i), column="date_iso", value=shorten(table.value(i, "date_iso"))) for i in table.rows_where(disagree)]
    return problems


def impossible_days(table: Table, name: str) -> list[Problem]:
    """A day such as XXXX-02-30 or 2014-02-30/2014-03-01; an unstated year may be a leap year."""
    parts = table.frame.lazy().with_row_index("row").select("row", pl.col(name).str.split("/").alias("part")).explode("part")
    days = parts.filter(pl.col("part").str.contains(r"^([0-9]{4}|XXXX)-[0-9]{2}-[0-9]{2}$"))
    bad = days.filter(pl.col("part").str.replace(r"^XXXX", "2000").str.to_date("%Y-%m-%d", strict=False).is_null())
    rows = sorted(set(bad.collect()["row"].to_list()))
    return [Problem("date", table.path, f"{name} {table.value(i, name)} names a day that is not in the calendar.", line=table.line(i), column=name,
                    value=shorten(table.value(i, name))) for i in rows]


def quote_consistency(tables) -> list[Problem]:
    facts = usable(tables, "facts", "quote_id", "claimant_actor_id", "source_id")
    quotes = usable(tables, "quotes", "quote_id", "speaker_actor_id", "source_id")
    if facts is None or quotes is None:
        return []
    speakers = quotes.frame.select("quote_id", pl.col("speaker_actor_id").alias("quote_speaker"), pl.col("source_id").alias("quote_source")).unique("quote_id", keep="first")
    joined = facts.frame.select("quote_id", "claimant_actor_id", "source_id").join(speakers, on="quote_id", how="left", maintain_order="left")
    linked = pl.col("quote_id").is_not_null() & pl.col("quote_id").is_in(speakers["quote_id"].implode())
    problems = []
    for i in facts.rows_where_in(joined, linked & pl.col("claimant_actor_id").ne_missing(pl.col("quote_speaker"))):
        problems.append(Problem("quote-consistency", facts.path, f"claimant_actor_id is not the speaker of quote {joined['quote_id'][i]} ({joined['quote_speaker'][i]}).",
                                line=facts.line(i), column="claimant_actor_id", value=shorten(facts.value(i, "claimant_actor_id"))))
    for i in facts.rows_where_in(joined, linked & pl.col("source_id").ne_missing(pl.col("quote_source"))):
        problems.append(Problem("quote-consistency", facts.path, f"source_id is not the source of quote {joined['quote_id'][i]} ({joined['quote_source'][i]}).",
                                line=facts.line(i), column="source_id", value=shorten(facts.value(i, "source_id"))))
    return problems
