"""The article texts the spans rest on: read once, strictly, and measured.

Which table lists them, and in which fields, is declared in datapackage.json's
"x-texts". A text is read only when its path is safe and it is a regular file,
and decoded strictly: a byte that is not UTF-8 would shift every offset after it.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

import polars as pl

from .model import FILE_MISSING, PATH_UNSAFE, Package
from .paths import NotRegular, PathGuard, read_regular
from .problems import Problem, shorten
from .reader import Table
from .registry import declare

MAX_TEXT_BYTES = 50_000_000  # a news article is kilobytes; a book-length text is not an article

TEXT_ENCODING = declare("text-encoding", "An article text is UTF-8, so its code-point offsets are well defined.",
                        "Save the text as UTF-8; never re-encode or edit a source text once its rows exist.")


@dataclass
class Measured:
    """What the file holds, to compare with what its row records."""

    row: int  # the row of the texts table
    sha256: str
    bytes: int
    length: int
    ends_with_newline: bool


@dataclass
class Texts:
    text: dict[str, str] = field(default_factory=dict)  # article id -> text
    measured: dict[str, Measured] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # article ids whose text could not be read or decoded

    def changed(self, recorded: dict[str, str | None]) -> set[str]:
        """Article ids whose file no longer has the SHA-256 recorded for it (an empty record is a new article, not a change)."""
        return {a for a, sha in recorded.items() if sha and a in self.measured and self.measured[a].sha256 != sha} | self.unreadable


def read_texts(package: Package, tables: dict[str, Table]) -> tuple[Texts, list[Problem]]:
    texts, problems = Texts(), list[Problem]()
    declared = package.texts
    table = tables.get(declared.resource) if declared else None
    if declared is None or table is None or not table.has(declared.key, declared.path):
        return texts, problems
    guard = PathGuard(package.root)
    rows = table.rows_where(pl.col(declared.path).is_not_null() & pl.col(declared.key).is_not_null())
    assert table.frame is not None
    ids, paths = table.frame[declared.key].to_list(), table.frame[declared.path].to_list()
    for index in rows:
        article_id, path = ids[index], paths[index]
        reason = guard.reason(path)
        if reason:
            problems.append(table.at(PATH_UNSAFE, index, declared.path, f"{declared.path} {path!r} refused: {reason}."))
            texts.unreadable.add(article_id)
            continue
        try:
            raw = read_regular(os.path.join(guard.root, path), limit=MAX_TEXT_BYTES)
        except (FileNotFoundError, NotADirectoryError):
            problems.append(table.at(FILE_MISSING, index, declared.path, f"The text file {path} does not exist."))
            texts.unreadable.add(article_id)
            continue
        except (NotRegular, IsADirectoryError):
            problems.append(table.at(FILE_MISSING, index, declared.path,
                                     f"The text {path} is not a regular file (a folder, a pipe or a device), or is over {MAX_TEXT_BYTES:,} bytes."))
            texts.unreadable.add(article_id)
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            problems.append(table.at(TEXT_ENCODING, index, declared.path,
                                     f"{path} is not UTF-8: byte {raw[error.start:error.start + 1]!r} at offset {error.start} (line {line} of the text).",
                                     value=shorten(path)))
            texts.unreadable.add(article_id)
            continue
        texts.text[article_id] = text
        texts.measured[article_id] = Measured(index, hashlib.sha256(raw).hexdigest(), len(raw), len(text), raw.endswith(b"\n"))
    return texts, problems
