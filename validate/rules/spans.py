"""Span grounding: every span's text is the article's text between its offsets.

Table Schema cannot say this. The check is vectorised with polars, whose
str.slice counts code points (the package's offset unit), so no Python runs per row.
"""
from __future__ import annotations

import hashlib

import pandas as pd
import polars as pl

from ..package import PackageSpec
from ..package import unsafe_reason
from ..problems import Problem, shorten
from ..tables import Table

ARTICLES = "articles"


def span_groups(table: Table) -> list[dict]:
    return [g for g in table.schema.get("x-spans", []) if {g["start"], g["end"], g["text"]} <= set(table.frame.columns)]


def read_texts(spec: PackageSpec, tables: dict[str, Table]) -> tuple[dict[str, str], list[Problem]]:
    """Read each article's text once and prove it is the text the offsets were made against."""
    articles = tables.get(ARTICLES)
    if articles is None or articles.frame is None or "text_path" not in articles.frame.columns:
        return {}, []
    texts, problems = {}, []
    frame = articles.frame
    for index in frame.index[frame["text_path"].notna() & frame["article_id"].notna()]:
        article_id, path = frame.at[index, "article_id"], frame.at[index, "text_path"]
        line = articles.line(index)
        reason = unsafe_reason(spec.root, path)
        if reason:
            problems.append(Problem("path-unsafe", articles.path, f"text_path {path!r} refused: {reason}.", line=line, column="text_path", value=shorten(path)))
            continue
        file = spec.file(path)
        if not file.is_file():
            problems.append(Problem("file-missing", articles.path, f"The text file {path} does not exist.", line=line, column="text_path", value=shorten(path)))
            continue
        raw = file.read_bytes()
        problems += compare_recorded(articles, index, raw)
        texts[article_id] = raw.decode("utf-8", errors="replace")
    return texts, problems


def compare_recorded(articles: Table, index: int, raw: bytes) -> list[Problem]:
    frame, line = articles.frame, articles.line(index)
    actual = {
        "text_sha256": hashlib.sha256(raw).hexdigest(),
        "text_bytes": str(len(raw)),
        "text_length": str(len(raw.decode("utf-8", errors="replace"))),
    }
    problems = []
    for column, value in actual.items():
        if column in frame.columns and frame.at[index, column] != value:
            problems.append(Problem("text-checksum", articles.path,
                                    f"{column} is recorded as {frame.at[index, column]} but the file {frame.at[index, 'text_path']} has {value}.",
                                    line=line, column=column, value=shorten(frame.at[index, column])))
    return problems


def check(tables: dict[str, Table], texts: dict[str, str]) -> list[Problem]:
    problems = []
    lengths = pl.DataFrame({"article_id": list(texts), "article_text": list(texts.values())},
                           schema={"article_id": pl.String, "article_text": pl.String})
    for table in tables.values():
        if table.frame is None or "article_id" not in table.frame.columns:
            continue
        for group in span_groups(table):
            problems += check_group(table, group, lengths)
    return problems


def check_group(table: Table, group: dict, texts: pl.DataFrame) -> list[Problem]:
    s, e, t = group["start"], group["end"], group["text"]
    frame = table.frame
    cells = frame[[s, e, t]]
    filled = cells.notna()
    problems = []
    partial = filled.any(axis=1) & ~filled.all(axis=1)
    for i in frame.index[partial]:
        empty = [c for c in (s, e, t) if pd.isna(frame.at[i, c])]
        problems.append(Problem("span-partial", table.path, f"Span fields {s}, {e}, {t}: {', '.join(empty)} empty while the others are filled.",
                                line=table.line(i), column=empty[0]))
    starts = pd.to_numeric(frame[s], errors="coerce")
    ends = pd.to_numeric(frame[e], errors="coerce")
    usable = filled.all(axis=1) & starts.notna() & ends.notna() & frame["article_id"].isin(texts["article_id"].to_list())
    if not usable.any():
        return problems
    rows = pl.DataFrame({
        "row": frame.index[usable].to_numpy(),
        "article_id": frame.loc[usable, "article_id"].astype(str).to_list(),
        "start": starts[usable].astype("int64").to_numpy(),
        "end": ends[usable].astype("int64").to_numpy(),
        "text": frame.loc[usable, t].astype(str).to_list(),
    }).join(texts, on="article_id", how="left")
    checked = rows.with_columns(length=pl.col("article_text").str.len_chars()).with_columns(
        swapped=pl.col("start") > pl.col("end"),
        outside=(pl.col("start") < 0) | (pl.col("end") > pl.col("length")),
    ).with_columns(
        actual=pl.when(~pl.col("swapped") & ~pl.col("outside"))
        .then(pl.col("article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
    ).with_columns(mismatch=~pl.col("swapped") & ~pl.col("outside") & (pl.col("actual") != pl.col("text")))
    bad = checked.filter(pl.col("swapped") | pl.col("outside") | pl.col("mismatch"))
    for row in bad.iter_rows(named=True):
        line = table.line(row["row"])
        if row["swapped"]:
            problems.append(Problem("span-order", table.path, f"{s} {row['start']} is after {e} {row['end']}.", line=line, column=s, value=str(row["start"])))
        elif row["outside"]:
            problems.append(Problem("span-bounds", table.path, f"Span {row['start']}–{row['end']} lies outside the article's {row['length']} code points.", line=line, column=e, value=str(row["end"])))
        else:
            problems.append(Problem("span-text", table.path, f"{t} is not the article's text at {row['start']}–{row['end']}, which reads {shorten(row['actual'], 60)!r}.{relocate(row)}",
                                    line=line, column=t, value=shorten(row["text"])))
    return problems


def relocate(row: dict) -> str:
    """Where the text does occur, when it occurs once: the usual fix for shifted offsets."""
    text, article = row["text"], row["article_text"]
    first = article.find(text) if text else -1
    if first < 0 or article.find(text, first + 1) >= 0:
        return ""
    return f" The text occurs once in the article, at {first}–{first + len(text)}."
