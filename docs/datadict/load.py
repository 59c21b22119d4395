"""The one place the site reads the package: the shared model, every table's rows and the article texts.

The model is validate/model.py's, parsed once; tables are read by validate/reader.py
and texts by validate/texts.py, the same readers the validator uses (path guard,
regular files only, strict UTF-8). The site is built from a package the validator
accepts: load_model refuses any other, naming its first problem.

Rows stay strings exactly as read (a missing cell is the empty string), so what
the site shows is what a downloader gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from validate.model import Package, Resource, load_model
from validate.reader import Table, read_table
from validate.texts import read_texts

from .escape import is_slug

__all__ = ["Data", "load"]


@dataclass
class Data:
    """What the site shows: the package model, every table's rows and every article's text."""

    model: Package
    rows: dict[str, list[dict[str, str]]]
    texts: dict[str, str]  # article id -> text; only articles whose id is a plain slug get a page

    @property
    def resources(self) -> dict[str, Resource]:
        return self.model.resources


def _rows(table: Table, problems: list) -> list[dict[str, str]]:
    if table.frame is None:
        raise SystemExit(f"{table.path}: {problems[0].message if problems else 'cannot be read'} (run python -m validate)")
    return [{k: v if v is not None else "" for k, v in row.items()} for row in table.frame.iter_rows(named=True)]


def load(root: Path) -> Data:
    model = load_model(root)
    tables: dict[str, Table] = {}
    rows = {}
    for name, resource in model.resources.items():
        table, problems = read_table(model, resource)
        tables[name] = table
        rows[name] = _rows(table, problems)
    texts, _ = read_texts(model, tables)  # an unreadable text is the validator's to report; the site leaves it out
    return Data(model=model, rows=rows, texts={k: v for k, v in texts.text.items() if is_slug(k)})
