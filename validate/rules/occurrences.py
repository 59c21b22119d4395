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
                covered[key] |= spans
            yield from needless_exclusions(exclusions, ex_article, ex_group, annotated, forms_by_article(table, article, group.text))
        yield from uncovered(table, article, group, covered, data)


def forms_by_article(table: Table, article: str, text: str) -> dict[str, set[str]]:
    assert table.frame is not None
    found: dict[str, set[str]] = defaultdict(set)
    for key, form in table.frame.select(article, text).drop_nulls().iter_rows():
        found[key].add(form)
    return found


def needless_exclusions(exclusions: Table, article: str, group: SpanGroup, annotated: dict, forms: dict) -> Iterator[Problem]:
    assert exclusions.frame is not None
    rows = exclusions.frame.select(article, pl.col(group.start).cast(pl.Int64, strict=False), pl.col(group.end).cast(pl.Int64, strict=False), group.text)
    for index, (key, start, end, text) in enumerate(rows.iter_rows()):
        if key is None or start is None or end is None:
            continue
        if (start, end) in annotated.get(key, set()):
            yield exclusions.at(EXCLUSION, index, group.start, f"{start}–{end} is annotated in this article; it cannot also be excluded.")
        elif text not in forms.get(key, set()):
            yield exclusions.at(EXCLUSION, index, group.text, f"{text!r} is not a form annotated anywhere in {key}; only occurrences of annotated "
                                                              f"forms are listed here.")


def spans_by_article(table: Table, article: str, start: str, end: str) -> dict[str, set[tuple[int, int]]]:
    assert table.frame is not None
    rows = table.frame.select(article, pl.col(start).cast(pl.Int64, strict=False), pl.col(end).cast(pl.Int64, strict=False)).drop_nulls()
    found: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for key, s, e in rows.iter_rows():
        found[key].add((s, e))
    return found


def uncovered(table: Table, article: str, group: SpanGroup, covered: dict, data: Dataset) -> Iterator[Problem]:
    assert table.frame is not None
    first_row: dict[tuple[str, str], int] = {}
    for index, (key, form) in enumerate(table.frame.select(article, group.text).iter_rows()):
        if key is not None and form:
            first_row.setdefault((key, form), index)
    for (key, form), index in first_row.items():
        body = data.texts.text.get(key)
        if body is None:
            continue  # no text to search (its own problem is reported)
        for at in occurrences(body, form):
            if (at, at + len(form)) not in covered.get(key, set()):
                yield table.at(EVERY_OCCURRENCE, index, group.text, f"{form!r} also occurs in {key} at {at}–{at + len(form)}, where it is neither "
                                                              f"annotated nor listed as an exclusion.", suggestion={group.start: at, group.end: at + len(form)})


def occurrences(body: str, form: str) -> Iterator[int]:
    """Starts of `form` in `body` that are whole words (no letter or digit joined on either side)."""
    at = body.find(form)
    while at >= 0:
        before = body[at - 1] if at > 0 else " "
        after = body[at + len(form)] if at + len(form) < len(body) else " "
        if not (before.isalnum() and form[0].isalnum()) and not (after.isalnum() and form[-1].isalnum()):
            yield at
        at = body.find(form, at + 1)
