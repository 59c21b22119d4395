"""HTML ids shared by the table pages and the article page, so links meet."""

from __future__ import annotations

from .escape import anchor_id
from .load import Table


def row_id(table: Table, row: dict[str, str]) -> str:
    return anchor_id("row", table.key_of(row))


def row_id_for_key(values: list[str]) -> str:
    return anchor_id("row", values)


def field_id(name: str) -> str:
    return f"field-{name}"


def highlight_id(table: Table, row: dict[str, str]) -> str:
    """Where a row's span starts on its article page."""
    return anchor_id(f"hl-{table.name}", table.key_of(row))


def is_span_table(table: Table) -> bool:
    """Tables whose rows sit at a place in an article: they have spans and an article_id."""
    names = {f["name"] for f in table.fields}
    return bool(table.spans) and "article_id" in names
