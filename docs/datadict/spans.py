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

    @property
    def short(self) -> str:
        """A running-number id's last part ('q01', 'f12') for a marker; other ids whole."""
        last = self.key[-1].rsplit("-", 1)[-1]
        return last if re.fullmatch(r"[a-z]+[0-9]+", last) else self.key[-1]


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
                    found.append(Highlight(resource, row, key, *offsets, index == 0, anchor, row_anchor))
    return found
