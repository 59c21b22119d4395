"""Mentions follow one rule: within an article, a surface form annotated once is annotated wherever it
occurs, or the occurrence is listed among the exclusions with the guideline rule that excludes it
(declared by a table's x-every-occurrence)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import polars as pl

from ..dataset import Dataset
from ..model import SpanGroup
from ..problems import Problem
from ..reader import Table
from ..registry import Scope, check, declare
from .spans import article_frame, off_their_words

EVERY_OCCURRENCE = declare(
    "every-occurrence", "Within an article, every occurrence of an annotated surface form is annotated too, or listed among the exclusions.",
    "Annotate the occurrence with the offsets suggested, or list it in the exclusions table with the guideline rule that excludes it.")


EXCLUSION = declare("exclusion-needed", "An exclusion lists an occurrence of a surface form annotated in the same article, which is itself not annotated.",
                    "Remove the exclusion: its words are annotated there already, or are not a form annotated anywhere in the article.")


@check(Scope.PACKAGE, EVERY_OCCURRENCE, EXCLUSION)
def every_occurrence(data: Dataset) -> Iterator[Problem]:
    for table in data.tables.values():
        declared = table.resource.x("x-every-occurrence")
        article = data.model.article_field(table.resource)
        group = next((g for g in table.resource.spans if declared and g.name == declared["span"]), None)
        exclusions = data.table(declared["exclusions"]) if declared else None
        if group is None or article is None or exclusions is None or not table.has(article, *group.columns):
            continue
        annotated = spans_by_article(table, article, group.start, group.end)
        covered = {key: set(spans) for key, spans in annotated.items()}
        ex_article = data.model.article_field(exclusions.resource)
        ex_group = exclusions.resource.spans[0] if exclusions.resource.spans else None
        if ex_article and ex_group and exclusions.has(ex_article, ex_group.start, ex_group.end, ex_group.text):
            for key, spans in spans_by_article(exclusions, ex_article, ex_group.start, ex_group.end).items():
                covered.setdefault(key, set()).update(spans)
            yield from needless_exclusions(exclusions, ex_article, ex_group, annotated, forms_by_article(table, article, group.text))
        yield from uncovered(table, article, group, covered, data)


def forms_by_article(table: Table, article: str, text: str) -> dict[str, set[str]]:
    assert table.frame is not None
    found: dict[str, set[str]] = defaultdict(set)
    pairs = table.frame.select(article, text).drop_nulls().unique()
    for key, form in zip(pairs[article].to_list(), pairs[text].to_list(), strict=True):
        found[key].add(form)
    return found


def needless_exclusions(exclusions: Table, article: str, group: SpanGroup, annotated: dict, forms: dict) -> Iterator[Problem]:
    assert exclusions.frame is not None
    rows = exclusions.frame.select(article, pl.col(group.start).cast(pl.Int64, strict=False), pl.col(group.end).cast(pl.Int64, strict=False), group.text)
    for index, (key, start, end, text) in enumerate(rows.iter_rows()):
        if key is None or start is None or end is None:
            continue
        if span_key(start, end) in annotated.get(key, set()):
            yield exclusions.at(EXCLUSION, index, group.start, f"{start}–{end} is annotated in this article; it cannot also be excluded.")
        elif text not in forms.get(key, set()):
            yield exclusions.at(EXCLUSION, index, group.text, f"{text!r} is not a form annotated anywhere in {key}; only occurrences of annotated "
                                                              f"forms are listed here.")


def span_key(start: int, end: int) -> int:
    """One int for a span: sets of ints are built and searched in C, sets of tuples a tuple at a time."""
    return (start << 32) + end


def spans_by_article(table: Table, article: str, start: str, end: str) -> dict[str, set[int]]:
    assert table.frame is not None
    # Offsets that no text reaches (their own problem) are left out before they could overflow the key.
    offsets = table.frame.select(article, pl.col(start).cast(pl.Int64, strict=False).alias("s"), pl.col(end).cast(pl.Int64, strict=False).alias("e"))
    keyed = (offsets.drop_nulls().filter(pl.col("s").is_between(0, (1 << 31) - 1) & pl.col("e").is_between(0, (1 << 32) - 1))
             .group_by(article).agg((pl.col("s") * (1 << 32) + pl.col("e")).alias("span")))
    return {key: set(spans) for key, spans in zip(keyed[article].to_list(), keyed["span"].to_list(), strict=True)}


def uncovered(table: Table, article: str, group: SpanGroup, covered: dict, data: Dataset) -> Iterator[Problem]:
    assert table.frame is not None
    # Each (article, form) once, at the first row that annotates it.
    firsts = (table.frame.select(article, group.text).with_row_index("row")
              .filter(pl.col(article).is_not_null() & (pl.col(group.text).str.len_chars() > 0))
              .group_by(article, group.text, maintain_order=True).agg(pl.col("row").first()))
    none: set[int] = set()
    misplaced: set[tuple[str, str]] | None = None
    for key, form, index in zip(firsts[article].to_list(), firsts[group.text].to_list(), firsts["row"].to_list(), strict=True):
        body = data.texts.text.get(key)
        if body is None:
            continue  # no text to search (its own problem is reported)
        spans, size = covered.get(key, none), len(form)
        at = body.find(form)
        while at >= 0:  # most occurrences are annotated: the set is asked before the word boundaries are
            if (at << 32) + at + size not in spans and whole_word(body, form, at):  # span_key(at, at + size), inlined
                if misplaced is None:  # only once something is uncovered: a clean package never pays for it
                    misplaced = forms_off_their_words(table, article, group, data)
                if (key, form) in misplaced:
                    break  # a row of this form is not on its words: that is the problem, reported by span grounding
                yield table.at(EVERY_OCCURRENCE, index, group.text, f"{form!r} also occurs in {key} at {at}–{at + size}, where it is neither "
                                                              f"annotated nor listed as an exclusion.", suggestion={group.start: at, group.end: at + size})
            at = body.find(form, at + 1)


def forms_off_their_words(table: Table, article: str, group: SpanGroup, data: Dataset) -> set[tuple[str, str]]:
    """(article, form) pairs with a row whose offsets are not where its words are, or are not offsets at all.

    The occurrence such a row was meant for is left uncovered; saying so again would hide the root cause.
    """
    assert table.frame is not None
    misplaced = off_their_words(table, group, article, article_frame(data.texts.text)).select("article", "text")
    not_offsets = table.frame.filter(pl.col(group.text).is_not_null() & (pl.col(group.start).cast(pl.Int64, strict=False).is_null()
                                                                         | pl.col(group.end).cast(pl.Int64, strict=False).is_null()))
    found = pl.concat([misplaced, not_offsets.select(pl.col(article).alias("article"), pl.col(group.text).alias("text"))]).unique()
    return set(zip(found["article"].to_list(), found["text"].to_list(), strict=True))


def occurrences(body: str, form: str) -> Iterator[int]:
    """Starts of `form` in `body` that are whole words (the benchmark generator annotates by this too)."""
    at = body.find(form)
    while at >= 0:
        if whole_word(body, form, at):
            yield at
        at = body.find(form, at + 1)


def whole_word(body: str, form: str, at: int) -> bool:
    """No letter or digit is joined to `form` at `at` on either side."""
    end = at + len(form)
    before = body[at - 1] if at > 0 else " "
    after = body[end] if end < len(body) else " "
    return not (before.isalnum() and form[0].isalnum()) and not (after.isalnum() and form[-1].isalnum())
