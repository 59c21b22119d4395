"""Collect the highlights of one article from every span table.

A highlight is a row's main span (the first `x-spans` group); the other
groups (cue words, dates) are shown as sub-highlights of the same row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validate.model import Resource, SpanGroup

from .lookup import Site


@dataclass
class Highlight:
    table: Resource
    row: dict[str, str]
    key: list[str]
    start: int
    end: int
    main: bool  # False for a secondary span of the row (e.g. a quote's cue words)
    anchor: str  # where the row's main span starts on the article page
    row_anchor: str  # the row on its table page
    article_field: str | None = None  # the field naming the row's article

    @property
    def short(self) -> str:
        """A marker's text: each key part but the article's id, a running-number id by its last part ('q01', 'f12·1')."""
        article = self.row.get(self.article_field, "") if self.article_field else ""
        parts = [p for p in self.key if p != article] or self.key
        return "·".join(p.rsplit("-", 1)[-1] if re.fullmatch(r".*-[a-z]+[0-9]+", p) else p for p in parts)


def _offsets(row: dict[str, str], span: SpanGroup, length: int) -> tuple[int, int] | None:
    try:
        start, end = int(row.get(span.start, "")), int(row.get(span.end, ""))
    except ValueError:
        return None  # an optional span left empty
    if not 0 <= start <= end <= length:
        return None  # the validator reports it; the page just leaves it out
    return start, end


def collect(site: Site, article_id: str) -> list[Highlight]:
    length = len(site.texts[article_id])
    found = []
    for resource in site.resources.values():
        if not site.is_span_table(resource):
            continue
        for row in site.rows[resource.name]:
            if site.article_of(resource, row) != article_id:
                continue
            key = site.key_of(resource, row)
            anchor, row_anchor = site.highlight_anchor(resource, row), site.row_anchor(resource, row)
            for index, span in enumerate(resource.spans):
                offsets = _offsets(row, span, length)
                if offsets:
                    found.append(Highlight(resource, row, key, *offsets, index == 0, anchor, row_anchor, site.model.article_field(resource)))
    return found
