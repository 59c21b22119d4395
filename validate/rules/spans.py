"""Span grounding: every span's text is its article's text between its offsets.

Table Schema cannot say this. The check is vectorised with polars, whose
str.slice counts code points (the package's offset unit), so no Python runs
per row. Article texts join the rows as string views, which share the text's
buffer instead of copying it; only the failing rows' own columns come back
to Python, never the article text.
"""
from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from ..dataset import Dataset
from ..model import SpanGroup
from ..problems import LISTED, Problem, shorten
from ..reader import Table
from ..registry import Scope, check, declare

SUGGEST_ROWS = 50  # suggestions search the article; only for as many rows as a report shows

ORDER = declare("span-order", "A span's start is not after its end.", "Swap or correct the offsets: end is one past the last character.")
BOUNDS = declare("span-bounds", "A span lies inside its article's text.", "Offsets count code points from 0 and end at most at the text's length.")
TEXT = declare("span-text", "A span's text equals the article's text between its offsets.",
               "Copy the exact words of the article (curly quotes and misspellings included), or use the offsets suggested.")
PARTIAL = declare("span-partial", "A span's start, end and text are all filled or all empty (all filled when the span is required).",
                  "Fill all three span fields, or clear all three.")
UNCHECKED = declare("span-unchecked", "Spans are checked against an article text only when that text can be read and is the one recorded for it.",
                    "Resolve the problem with the article's text first (reported on its row of the articles table); its spans are checked again then.")


def recorded_checksums(data: Dataset) -> dict[str, str | None]:
    declared = data.model.texts
    table = data.table(declared.resource) if declared else None
    if declared is None or table is None or not table.has(declared.key, declared.sha256):
        return {}
    assert table.frame is not None
    return dict(zip(table.frame[declared.key].to_list(), table.frame[declared.sha256].to_list(), strict=True))


@check(Scope.PACKAGE, ORDER, BOUNDS, TEXT, PARTIAL, UNCHECKED)
def span_grounding(data: Dataset) -> list[Problem]:
    changed = data.texts.changed(recorded_checksums(data))
    unreadable = data.texts.unreadable
    usable = {a: t for a, t in data.texts.text.items() if a not in changed}
    articles = article_frame(usable)
    problems: list[Problem] = []
    for table in data.tables.values():
        article = data.model.article_field(table.resource)
        if table.frame is None or article is None or not table.has(article):
            continue
        for group in table.resource.spans:
            if table.has(*group.columns):
                problems += partial(table, group)
                problems += grounding(table, group, article, articles, usable)
        problems += unchecked(table, article, changed, unreadable)
    return problems


def partial(table: Table, group: SpanGroup) -> Iterator[Problem]:
    cells = [pl.col(c).is_not_null() for c in group.columns]
    broken = ~pl.all_horizontal(cells) if group.required else pl.any_horizontal(cells) & ~pl.all_horizontal(cells)
    for index in table.rows_where(broken):
        empty = [c for c in group.columns if table.value(index, c) is None]
        if group.required and len(empty) == 3:
            continue  # three empty required cells: the required rule says so, three times is enough
        yield table.at(PARTIAL, index, empty[0], f"Span fields {', '.join(group.columns)}: {', '.join(empty)} empty while the others are filled.")


def unchecked(table: Table, article: str, changed: set[str], unreadable: set[str]) -> Iterator[Problem]:
    """One line per article whose text changed, instead of one per span that no longer fits it."""
    if not changed:
        return
    assert table.frame is not None
    counts = table.frame.filter(pl.col(article).is_in(list(changed))).group_by(article).len().sort(article)
    for article_id, count in counts.iter_rows():
        first = table.rows_where(pl.col(article) == article_id)[0]
        why = "its text cannot be read" if article_id in unreadable else "its text is not the one recorded"
        yield table.at(UNCHECKED, first, article, f"{count:,} row(s) with spans in {article_id} not checked: {why}.",
                       value=shorten(article_id))


def article_frame(texts: dict[str, str]) -> pl.DataFrame:
    """Each article's text and its length in code points, as a table the span rows are joined with."""
    articles = pl.DataFrame({"article": list(texts), "article_text": list(texts.values())}, schema={"article": pl.String, "article_text": pl.String})
    return articles.with_columns(length=pl.col("article_text").str.len_chars())  # once per article, not per span


def off_their_words(table: Table, group: SpanGroup, article: str, articles: pl.DataFrame) -> pl.DataFrame:
    """Rows whose offsets are not where their words are (row, article, start, end, text, length, actual).

    Rows whose offsets are not integers are the type rule's and are left out, as are unknown articles.
    """
    assert table.frame is not None
    rows = table.frame.lazy().with_row_index("row").select(
        "row", pl.col(article).alias("article"),
        pl.col(group.start).cast(pl.Int64, strict=False).alias("start"),
        pl.col(group.end).cast(pl.Int64, strict=False).alias("end"),
        pl.col(group.text).alias("text"),
    ).drop_nulls().join(articles.lazy(), on="article", how="inner")  # unknown articles: the foreign-key rule's
    return rows.with_columns(
        swapped=pl.col("start") > pl.col("end"),
        outside=(pl.col("start") < 0) | (pl.col("end") > pl.col("length")),
    ).with_columns(
        actual=pl.when(~pl.col("swapped") & ~pl.col("outside"))
        .then(pl.col("article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
    ).filter(pl.col("swapped") | pl.col("outside") | (pl.col("actual") != pl.col("text"))
             ).select("row", "article", "start", "end", "text", "length", "actual").sort("row").collect()  # in file order: a join keeps none


def grounding(table: Table, group: SpanGroup, article: str, articles: pl.DataFrame, texts: dict[str, str]) -> Iterator[Problem]:
    # How each row is off, decided once: its offsets swapped, outside the text, or on other words.
    kind = (pl.when(pl.col("start") > pl.col("end")).then(pl.lit("order"))
            .when((pl.col("start") < 0) | (pl.col("end") > pl.col("length"))).then(pl.lit("bounds")).otherwise(pl.lit("text")))
    bad = off_their_words(table, group, article, articles).with_columns(kind.alias("kind"))
    for number, row in enumerate(bad.head(LISTED).iter_rows(named=True)):
        index = row["row"]
        if row["kind"] == "order":
            yield table.at(ORDER, index, group.start, f"{group.start} {row['start']} is after {group.end} {row['end']}.", value=str(row["start"]))
        elif row["kind"] == "bounds":
            yield table.at(BOUNDS, index, group.end, f"Span {row['start']}–{row['end']} lies outside the article's {row['length']:,} code points.",
                           value=str(row["end"]))
        else:
            found = nearest(texts[row["article"]], row["text"], row["start"]) if number < SUGGEST_ROWS else None
            where = f" It occurs at {found[0]}–{found[1]}{found[2]}." if found else ""
            yield table.at(TEXT, index, group.text,
                           f"{group.text} is not the article's text at {row['start']}–{row['end']}, which reads {shorten(row['actual'], 60)!r}.{where}",
                           suggestion={group.start: found[0], group.end: found[1]} if found else None)
    if bad.height > LISTED:  # the rest counted, by the way they are off, each where its first row is
        rules = {"order": (ORDER, group.start), "bounds": (BOUNDS, group.end), "text": (TEXT, group.text)}
        for (name,), rest in bad.slice(LISTED).group_by("kind", maintain_order=True):
            rule, column = rules[str(name)]
            yield table.at(rule, int(rest["row"][0]), column, f"{rest.height:,} more rows from here on are off their words in this way; they are "
                           "counted here, not listed one by one.", count=rest.height)


def nearest(article: str, text: str, start: int) -> tuple[int, int, str] | None:
    """Where the text does occur: the occurrence nearest the given start, and how many there are."""
    if not text:
        return None
    hits: list[int] = []
    at = article.find(text)
    while at >= 0 and len(hits) < 10_000:
        hits.append(at)
        at = article.find(text, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    note = "" if len(hits) == 1 else f" (the nearest of {len(hits):,}{' or more' if len(hits) >= 10_000 else ''} occurrences)"
    return best, best + len(text), note
