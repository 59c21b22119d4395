"""Judgements that depend only on a document's content, remembered within one process.

A watch session, and a test suite that validates hundreds of copies of one package, ask
Frictionless and the schema rules about the same descriptor and schemas again and again;
the answer is the same for the same JSON. Keys are the canonical JSON of what is judged,
so any change to it is judged afresh. A command-line run judges each document once and
gains nothing; it loses nothing either.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 256


class Memo:
    def __init__(self, size: int = SIZE):
        self.size = size
        self.entries: OrderedDict[str, Any] = OrderedDict()

    @staticmethod
    def key(key_parts: Any) -> str | None:
        try:
            return json.dumps(key_parts, sort_keys=True, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            return None

    def get(self, key_parts: Any, compute: Callable[[], T]) -> T:
        key = self.key(key_parts)
        if key is None:
            return compute()
        if key in self.entries:
            self.entries.move_to_end(key)
            return self.entries[key]
        value = compute()
        self._store(key, value)
        return value

    def put(self, key_parts: Any, value: Any) -> None:
        """Remember an answer found elsewhere (in another process, say)."""
        key = self.key(key_parts)
        if key is not None:
            self._store(key, value)

    def _store(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.entries.move_to_end(key)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)


JUDGEMENTS = Memo()
