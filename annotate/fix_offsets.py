"""fix-offsets: move spans whose text no longer sits at their offsets onto the text's occurrence.

Only the offsets change, never a `text` cell and never an article text: the
verbatim words are what the annotator meant; where they are is arithmetic.
"""
from __future__ import annotations

from typing import TextIO

from validate.model import Package

from .package import Article, TextError, read_article, texts
from .package import article_field as package_article_field
from .spans import nearest, occurrences
from .tables import TableFile, layout_note, read_table, save, set_cell, shown


def as_offset(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None


def offset_cell(value: str) -> str:
    """An offset as written: plain when it is a number, quoted and escaped when it is anything else."""
    return value if as_offset(value) is not None else shown(value)


def span_tables(package: Package, only: str | None) -> list[str]:
    names = [name for name, resource in package.resources.items() if resource.spans and package.article_field(resource)]
    if only is None:
        return names
    if only not in names:
        raise KeyError(f"{only!r} is not a table with spans; span tables: {', '.join(names)}")
    return [only]


def fix_table(package: Package, table: TableFile, articles: dict[str, Article | str], out: TextIO) -> tuple[int, int, int]:
    """Set new offsets on `table`; returns (spans checked, fixed, left for a person)."""
    resource = package.resources[table.name]
    article_field = package_article_field(package, resource)
    checked = fixed = left = 0
    for index, row in enumerate(table.rows):
        article = articles.get(row[article_field], "")
        for group in resource.spans:
            words, start, end = row[group.text], as_offset(row[group.start]), as_offset(row[group.end])
            if words == "":
                continue  # nothing to anchor; the validator reports a partial span
            where = f"{table.relative} line {index + 2} {shown(row[table.key]) if table.key else ''} {group.name}"
            if not isinstance(article, Article):
                left += 1
                print(f"  ? {where}: {article or 'unknown article ' + repr(row[article_field])}", file=out)
                continue
            checked += 1
            if start is not None and end is not None and article.text[start:end] == words:
                continue
            starts = occurrences(article.text, words)
            if not starts or (start is None and len(starts) > 1):
                left += 1
                why = "the text does not occur in the article" if not starts else f"the text occurs {len(starts)} times and the old start is not a number"
                print(f"  ? {where}: {shown(words)}: {why}; fix it by hand", file=out)
                continue
            new = starts[0] if len(starts) == 1 else nearest(starts, start or 0)
            how = "the only occurrence" if len(starts) == 1 else f"the nearest of {len(starts)} occurrences"
            print(f"  {where}: {offset_cell(row[group.start])}-{offset_cell(row[group.end])} -> {new}-{new + len(words)} ({how})", file=out)
            set_cell(table, index, group.start, str(new))
            set_cell(table, index, group.end, str(new + len(words)))
            fixed += 1
    return checked, fixed, left


def run(package: Package, only: str | None, write: bool, out: TextIO) -> int:
    try:
        names = span_tables(package, only)
    except KeyError as error:
        print(f"error: {error.args[0]}", file=out)
        return 1
    article_rows = read_table(package, texts(package).resource).rows
    articles: dict[str, Article | str] = {}
    for row in article_rows:
        article_id = row[texts(package).key]
        try:
            articles[article_id] = read_article(package, article_rows, article_id)
        except TextError as error:
            articles[article_id] = str(error)
    tables = [read_table(package, name) for name in names]
    totals = [0, 0, 0]
    for table in tables:
        for i, n in enumerate(fix_table(package, table, articles, out)):
            totals[i] += n
    checked, fixed, left = totals
    for table in tables:
        for line in layout_note(table):
            print(line, file=out)
    print(f"{checked} span(s) checked in {', '.join(names)}: {fixed} to move, {left} left for a person.", file=out)
    if fixed and not write:
        print("Nothing written: run again with --write to apply.", file=out)
    elif fixed:
        for table in tables:
            save(table)
        print("Written.", file=out)
    return 1 if left else 0
