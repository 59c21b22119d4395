"""Span grounding: every span's text is the article's text between its offsets.

Table Schema cannot say this. The check is vectorised with polars, whose
str.slice counts code points (the package's offset unit), so no Python runs
per row; the article texts join the rows by id without being copied.
"""
from __future__ import annotations

import hashlib
import os

import polars as pl

from ..package import PackageSpec, PathGuard
from ..problems import Problem, shorten
from ..tables import Table

ARTICLES = "articles"


def span_groups(table: Table) -> list[dict]:
    return [g for g in table.schema.get("x-spans", []) if {g["start"], g["end"], g["text"]} <= set(table.frame.columns)]


def read_texts(spec: PackageSpec, tables: dict[str, Table]) -> tuple[dict[str, str], list[Problem]]:
    """Read each article's text once and prove it is the text the offsets were made against."""
    articles = tables.get(ARTICLES)
    if articles is None or articles.frame is None or not {"text_path", "article_id"} <= set(articles.frame.columns):
        return {}, []
    texts, problems, measured = {}, [], []
    guard = PathGuard(spec.root)
    rows = articles.rows_where(pl.col("text_path").is_not_null() & pl.col("article_id").is_not_null())
    ids, paths = articles.frame["article_id"].to_list(), articles.frame["text_path"].to_list()
    for index in rows:
        article_id, path = ids[index], paths[index]
        reason = guard.reason(path)
        if reason:
            problems.append(Problem("path-unsafe", articles.path, f"text_path {path!r} refused: {reason}.", line=articles.line(index), column="text_path", value=shorten(path)))
            continue
        try:
            with open(os.path.join(guard.root, path), "rb") as handle:
                raw = handle.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            problems.append(Problem("file-missing", articles.path, f"The text file {path} does not exist.", line=articles.line(index), column="text_path", value=shorten(path)))
            continue
        text = raw.decode("utf-8", errors="replace")
        texts[article_id] = text
        measured.append((index, hashlib.sha256(raw).hexdigest(), str(len(raw)), str(len(text))))
    return texts, problems + compare_recorded(articles, measured)


def compare_recorded(articles: Table, measured: list[tuple]) -> list[Problem]:
    """The recorded SHA-256, size and length against the files', compared as whole columns."""
    columns = [c for c in ("text_sha256", "text_bytes", "text_length") if c in articles.frame.columns]
    if not measured or not columns:
        return []
    actual = pl.DataFrame(measured, schema=["row", "text_sha256", "text_bytes", "text_length"], orient="row")
    recorded = articles.frame.with_row_index("row").join(actual, on="row", suffix="_actual")
    problems = []
    for column in columns:
        for row in recorded.filter(pl.col(column).ne_missing(pl.col(f"{column}_actual"))).iter_rows(named=True):
            problems.append(Problem("text-checksum", articles.path,
                                    f"{column} is recorded as {row[column]} but the file {row['text_path']} has {row[column + '_actual']}.",
                                    line=articles.line(row["row"]), column=column, value=shorten(row[column])))
    return problems


def check(tables: dict[str, Table], texts: dict[str, str]) -> list[Problem]:
    problems = []
    articles = pl.DataFrame({"article_id": list(texts), "article_text": list(texts.values())},
                            schema={"article_id": pl.String, "article_text": pl.String})
    articles = articles.with_columns(length=pl.col("article_text").str.len_chars())  # once per article, not per span
    for table in tables.values():
        if table.frame is None or "article_id" not in table.frame.columns:
            continue
        for group in span_groups(table):
            problems += check_group(table, group, articles)
    return problems


def check_group(table: Table, group: dict, articles: pl.DataFrame) -> list[Problem]:
    s, e, t = group["start"], group["end"], group["text"]
    cells = [pl.col(c).is_not_null() for c in (s, e, t)]
    problems = []
    for index in table.rows_where(pl.any_horizontal(cells) & ~pl.all_horizontal(cells)):
        empty = [c for c in (s, e, t) if table.value(index, c) is None]
        problems.append(Problem("span-partial", table.path, f"Span fields {s}, {e}, {t}: {', '.join(empty)} empty while the others are filled.",
                                line=table.line(index), column=empty[0]))
    rows = table.frame.lazy().with_row_index("row").select(
        "row", "article_id",
        pl.col(s).cast(pl.Int64, strict=False).alias("start"),
        pl.col(e).cast(pl.Int64, strict=False).alias("end"),
        pl.col(t).alias("text"),
    ).drop_nulls().join(articles.lazy(), on="article_id", how="inner")  # unknown articles: the foreign-key rule's
    bad = rows.with_columns(
        swapped=pl.col("start") > pl.col("end"),
        outside=(pl.col("start") < 0) | (pl.col("end") > pl.col("length")),
    ).with_columns(
        actual=pl.when(~pl.col("swapped") & ~pl.col("outside"))
        .then(pl.col("article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
    ).filter(pl.col("swapped") | pl.col("outside") | (pl.col("actual") != pl.col("text"))).collect()
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
