"""Collect the highlights of one article from every span table.

A highlight is a row's main span (the first `x-spans` group); the other
groups (cue words, dates) are shown as sub-highlights of the same row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .anchors import highlight_id, is_span_table, row_id
from .load import Package, Table


@dataclass
class Highlight:
    table: Table
    row: dict[str, str]
    start: int
    end: int
    main: bool  # False for a secondary span of the row (e.g. a quote's cue words)

    @property
    def anchor(self) -> str:
        return highlight_id(self.table, self.row)

    @property
    def row_anchor(self) -> str:
        return row_id(self.table, self.row)

    @property
    def short(self) -> str:
        """A running-number id's last part ('q01', 'f12') for a marker; other ids whole."""
        key = self.table.key_of(self.row)[-1]
        last = key.rsplit("-", 1)[-1]
        return last if re.fullmatch(r"[a-z]+[0-9]+", last) else key


def _offsets(row: dict[str, str], span: dict, length: int) -> tuple[int, int] | None:
    try:
        start, end = int(row.get(span["start"], "")), int(row.get(span["end"], ""))
    except ValueError:
        return None  # an optional span left empty
    if not 0 <= start <= end <= length:
        return None  # the validator reports it; the page just leaves it out
    return start, end


def collect(package: Package, article_id: str) -> list[Highlight]:
    length = len(package.texts[article_id])
    found = []
    for table in package.tables.values():
        if not is_span_table(table):
            continue
        for row in table.rows:
            if row.get("article_id") != article_id:
                continue
            for index, span in enumerate(table.spans):
                offsets = _offsets(row, span, length)
                if offsets:
                    found.append(Highlight(table, row, *offsets, main=index == 0))
    return found
