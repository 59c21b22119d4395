"""Cross-field rules of this package's model, which Table Schema cannot express."""
from __future__ import annotations

import pandas as pd

from ..problems import Problem, shorten
from ..tables import Table


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
    frame = table.frame
    wrong = frame["actor_id"].notna() == frame["place_id"].notna()
    return [Problem("mention-target", table.path,
                    "Both actor_id and place_id are filled." if pd.notna(frame.at[i, "actor_id"]) else "Neither actor_id nor place_id is filled.",
                    line=table.line(i), column="actor_id") for i in frame.index[wrong]]


def claimant_status(tables) -> list[Problem]:
    table = usable(tables, "facts", "status", "claimant_actor_id")
    if table is None:
        return []
    frame = table.frame
    has_claimant = frame["claimant_actor_id"].notna()
    own_voice_with_claimant = (frame["status"] == "asserted") & has_claimant
    reported_without = frame["status"].isin(["reported", "denied", "confirmed"]) & ~has_claimant
    problems = [Problem("claimant-status", table.path, "status is asserted (the article's own voice) but a claimant is given.",
                        line=table.line(i), column="claimant_actor_id", value=shorten(frame.at[i, "claimant_actor_id"])) for i in frame.index[own_voice_with_claimant]]
    problems += [Problem("claimant-status", table.path, f"status {frame.at[i, 'status']} needs a claimant: who reports, denies or confirms it?",
                         line=table.line(i), column="claimant_actor_id") for i in frame.index[reported_without]]
    return problems


def edtf_dates(tables) -> list[Problem]:
    """EDTF dates must exist in the calendar; with a stated year they must equal the ISO date."""
    problems = []
    for table in tables.values():
        if table.frame is None:
            continue
        for field in table.fields:
            name = field["name"]
            if not name.endswith("_edtf") or name not in table.frame.columns:
                continue
            problems += impossible_days(table, name)
    table = usable(tables, "sources", "date_edtf", "date_iso")
    if table is not None:
        frame = table.frame
        stated = frame["date_edtf"].str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fillna(False).astype(bool)
        disagree = (stated & (frame["date_iso"] != frame["date_edtf"])) | (~stated & frame["date_iso"].notna())
        problems += [Problem("date-agreement", table.path,
                             f"date_iso {shorten(frame.at[i, 'date_iso'])!s} does not match date_edtf {shorten(frame.at[i, 'date_edtf'])!s}; date_iso is filled exactly when the article states day, month and year.",
                             line=table.line(i), column="date_iso", value=shorten(frame.at[i, "date_iso"])) for i in frame.index[disagree]]
    return problems


def impossible_days(table: Table, name: str) -> list[Problem]:
    values = table.frame[name]
    parts = values.dropna().str.split("/").explode()
    days = parts.str.extract(r"^([0-9]{4}|XXXX)-([0-9]{2})-([0-9]{2})$").dropna()
    year = days[0].replace("XXXX", "2000")  # an unstated year may be a leap year
    parsed = pd.to_datetime(year + "-" + days[1] + "-" + days[2], format="%Y-%m-%d", errors="coerce")
    bad = sorted(set(days.index[parsed.isna()]))
    return [Problem("date", table.path, f"{name} {values[i]} names a day that is not in the calendar.", line=table.line(i), column=name, value=shorten(values[i]))
            for i in bad]


def quote_consistency(tables) -> list[Problem]:
    facts = usable(tables, "facts", "quote_id", "claimant_actor_id", "source_id")
    quotes = usable(tables, "quotes", "quote_id", "speaker_actor_id", "source_id")
    if facts is None or quotes is None:
        return []
    inside = facts.frame[facts.frame["quote_id"].notna()]
    quote_rows = quotes.frame.drop_duplicates("quote_id").set_index("quote_id")
    linked = inside[inside["quote_id"].isin(quote_rows.index)]
    speaker = linked["quote_id"].map(quote_rows["speaker_actor_id"])
    source = linked["quote_id"].map(quote_rows["source_id"])
    problems = []
    for i in linked.index[(linked["claimant_actor_id"] != speaker) & ~(linked["claimant_actor_id"].isna() & speaker.isna())]:
        problems.append(Problem("quote-consistency", facts.path, f"claimant_actor_id is not the speaker of quote {linked.at[i, 'quote_id']} ({speaker[i]}).",
                                line=facts.line(i), column="claimant_actor_id", value=shorten(linked.at[i, "claimant_actor_id"])))
    for i in linked.index[(linked["source_id"] != source) & ~(linked["source_id"].isna() & source.isna())]:
        problems.append(Problem("quote-consistency", facts.path, f"source_id is not the source of quote {linked.at[i, 'quote_id']} ({source[i]}).",
                                line=facts.line(i), column="source_id", value=shorten(linked.at[i, "source_id"])))
    return problems
