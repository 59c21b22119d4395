"""HTML ids shared by the table pages, the entity pages and the article page, so links meet."""

from __future__ import annotations

from .escape import anchor_id


def row_id(table: str, key: list[str]) -> str:
    """A row's place on its table page."""
    return anchor_id("row", key)


def field_id(name: str) -> str:
    return f"field-{name}"


def codebook_id(name: str) -> str:
    return f"codebook-{name}"


def highlight_id(table: str, key: list[str]) -> str:
    """Where a row's span starts on its article page."""
    return anchor_id(f"hl-{table}", key)
