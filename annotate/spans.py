"""Spans in code points: Python's str offsets, 0-based, end-exclusive.

Every offset the package stores counts Unicode code points, as `text[start:end]`.
Browser-based tools count UTF-16 code units instead (JavaScript string
lengths), which differ after any character beyond U+FFFF; the conversions are
here so that no caller does that arithmetic itself.
"""
from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]


def cut(text: str, span: Span | None) -> tuple[int, int, str] | tuple[str, str, str]:
    """A span's start, end and verbatim text, or three empty cells for no span."""
    if span is None:
        return ("", "", "")
    start, end = span
    return (start, end, text[start:end])


def occurrences(text: str, words: str) -> list[int]:
    """Start of every occurrence of `words`, overlapping ones included."""
    if not words:
        return []
    found, at = [], text.find(words)
    while at != -1:
        found.append(at)
        at = text.find(words, at + 1)
    return found


def nearest(starts: Sequence[int], offset: int) -> int:
    """The start closest to `offset`; the earlier one on a tie."""
    return min(starts, key=lambda start: (abs(start - offset), start))


def context(text: str, start: int, end: int, width: int = 30) -> str:
    """The span with up to `width` code points either side, line breaks shown as spaces."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return (("…" if start > width else "") + before + "[" + text[start:end] + "]" + after
            + ("…" if end + width < len(text) else "")).replace("\r", " ").replace("\n", " ")


def utf16_to_code_points(text: str, units: int) -> int | None:
    """The code-point offset at `units` UTF-16 code units into `text`; None when that splits a character or lies outside."""
    if units < 0:
        return None
    counted = 0
    for index, char in enumerate(text):
        if counted == units:
            return index
        if counted > units:
            return None
        counted += 2 if ord(char) > 0xFFFF else 1
    return len(text) if counted == units else None


def code_points_to_utf16(text: str, offset: int) -> int:
    """How many UTF-16 code units the first `offset` code points of `text` take."""
    return offset + sum(1 for char in text[:offset] if ord(char) > 0xFFFF)
