"""Running-number ids: `<article_id>-<letter><number>`, as each table already writes them.

The letter and the number of digits are read from the table's own rows, or,
for an empty table, from its schema's example id; nothing here names a table.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from validate.model import Package

SUFFIX = re.compile(r"([a-z]+)([0-9]+)")


class IdError(Exception):
    """The table has no running-number convention, or no article field."""


@dataclass(frozen=True)
class Convention:
    letter: str
    width: int

    def make(self, article_id: str, number: int) -> str:
        return f"{article_id}-{self.letter}{number:0{self.width}d}"


def key_and_article_fields(package: Package, table: str) -> tuple[str, str]:
    resource = package.resources.get(table)
    if resource is None:
        raise IdError(f"no table {table!r}; tables: {', '.join(package.resources)}")
    article_field = package.article_field(resource)
    if len(resource.primary_key) != 1 or article_field is None:
        raise IdError(f"{table} ids are not numbered per article: give the row a readable slug (see CONTRIBUTING.md, Conventions)")
    return resource.primary_key[0], article_field


def suffixes(rows: list[dict[str, str]], key: str, article_field: str) -> Iterator[tuple[str, str, int, int]]:
    """(article, letter, number, digits) of every id written as its article id, a hyphen, a letter and digits."""
    for row in rows:
        article, value = row.get(article_field, ""), row.get(key, "")
        match = SUFFIX.fullmatch(value[len(article) + 1:]) if article and value.startswith(article + "-") else None
        if match:
            yield article, match.group(1), int(match.group(2)), len(match.group(2))


def convention(package: Package, table: str, rows: list[dict[str, str]]) -> Convention:
    key, article_field = key_and_article_fields(package, table)
    found = Counter((letter, digits) for _, letter, _, digits in suffixes(rows, key, article_field))
    if not found:
        resource = package.resources[table]
        example = {key: str(resource.field(key).example or ""), article_field: str(resource.field(article_field).example or "")}
        found = Counter((letter, digits) for _, letter, _, digits in suffixes([example], key, article_field))
    if not found:
        raise IdError(f"{table} has no running-number ids yet and its schema's example id shows none: give the row a readable slug")
    (letter, width), _ = found.most_common(1)[0]
    return Convention(letter, width)


def next_ids(package: Package, table: str, rows: list[dict[str, str]], article_id: str, count: int = 1) -> list[str]:
    """The next `count` free ids for the article, after the highest number it uses."""
    key, article_field = key_and_article_fields(package, table)
    rule = convention(package, table, rows)
    taken = {row.get(key, "") for row in rows}
    numbers = [number for article, letter, number, _ in suffixes(rows, key, article_field) if article == article_id and letter == rule.letter]
    number = max(numbers, default=0)
    ids: list[str] = []
    while len(ids) < count:
        number += 1
        candidate = rule.make(article_id, number)
        if candidate not in taken:
            ids.append(candidate)
    return ids
