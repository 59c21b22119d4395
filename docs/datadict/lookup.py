"""The package as the pages need it: rows by key, what to call a row, where a value links to.

The package is read through the validator's own model and readers
(validate/model.py, reader.py, texts.py: path guard, regular files only, strict
UTF-8), so the site has no loader of its own. It is built from a package the
validator accepts: load_model refuses any other, naming its first problem.
"""

from __future__ import annotations

from pathlib import Path

from validate.model import ForeignKey, Package, Resource, load_model
from validate.reader import Table, read_table
from validate.texts import read_texts

from .anchors import highlight_id, row_id
from .escape import is_slug
from .urls import article_page, entity_page, rel, table_page

# What best names a row, in order; otherwise its main span's words, otherwise its key.
_LABEL_FIELDS = ("name", "title")


def _rows(table: Table, problems: list) -> list[dict[str, str]]:
    """A table's rows as strings exactly as read; a missing cell is the empty string."""
    if table.frame is None:
        raise SystemExit(f"{table.path}: {problems[0].message if problems else 'cannot be read'} (run python -m validate)")
    return [{k: v if v is not None else "" for k, v in row.items()} for row in table.frame.iter_rows(named=True)]


def read_site(root: Path) -> Site:
    model = load_model(root)
    tables: dict[str, Table] = {}
    rows = {}
    for name, resource in model.resources.items():
        table, problems = read_table(model, resource)
        tables[name], rows[name] = table, _rows(table, problems)
    texts, _ = read_texts(model, tables)  # an unreadable text is the validator's to report; the site leaves it out
    # Only an article whose id is a plain slug gets a page (its id makes the page's path).
    return Site(model, rows, {k: v for k, v in texts.text.items() if is_slug(k)})


class Site:
    """The package model, every table's rows and every article's text, with indexes built once per build."""

    def __init__(self, model: Package, rows: dict[str, list[dict[str, str]]], texts: dict[str, str]):
        self.model = model
        self.resources = model.resources
        self.rows = rows
        self.texts = texts  # article id -> text
        self._by_key = {
            name: {tuple(self.key_of(r, row)): row for row in self.rows[name]} for name, r in self.resources.items()
        }

    def key_of(self, resource: Resource, row: dict[str, str]) -> list[str]:
        return [row.get(name, "") for name in resource.primary_key]

    def row_anchor(self, resource: Resource, row: dict[str, str]) -> str:
        return row_id(resource.name, self.key_of(resource, row))

    def highlight_anchor(self, resource: Resource, row: dict[str, str]) -> str:
        return highlight_id(resource.name, self.key_of(resource, row))

    def find(self, table: str, key: list[str]) -> dict[str, str] | None:
        return self._by_key.get(table, {}).get(tuple(key))

    def label(self, resource: Resource, row: dict[str, str]) -> str:
        for name in _LABEL_FIELDS:
            if row.get(name):
                return row[name]
        if resource.spans and row.get(resource.spans[0].text):
            return row[resource.spans[0].text]
        return " ".join(self.key_of(resource, row))

    def reference(self, resource: Resource, field: str) -> ForeignKey | None:
        """The single-field foreign key on `field` whose target has a single-field primary key."""
        for fk in resource.foreign_keys:
            target = self.resources.get(fk.resource)
            if fk.fields == [field] and target is not None and target.primary_key == fk.ref_fields:
                return fk
        return None

    def display(self, resource: Resource, field: str, value: str) -> str:
        """A value as a reader wants it: a coded value's label, a referenced row's name."""
        if value == "" or not resource.has(field):
            return value
        category = resource.field(field).category(value)
        if category is not None:
            return str(category.get("label") or value)
        fk = self.reference(resource, field)
        if fk is not None and fk.resource != self.article_table():
            target = self.find(fk.resource, [value])
            if target is not None:
                return self.label(self.resources[fk.resource], target)
        return value

    def article_table(self) -> str | None:
        return self.model.texts.resource if self.model.texts else None

    def article_of(self, resource: Resource, row: dict[str, str]) -> str | None:
        """The article a span row sits in, when that article has a page."""
        name = self.model.article_field(resource)
        article_id = row.get(name, "") if name else ""
        return article_id if article_id in self.texts else None

    def is_span_table(self, resource: Resource) -> bool:
        return bool(resource.spans) and self.model.article_field(resource) is not None

    # ---- links from page `page`

    def row_href(self, page: str, resource: Resource, row: dict[str, str]) -> str:
        return rel(page, table_page(resource.name), self.row_anchor(resource, row))

    def entity_href(self, page: str, table: str, key: str) -> str | None:
        target = entity_page(table, key)
        if target is None or self.find(table, [key]) is None:
            return None
        return rel(page, target)

    def value_href(self, page: str, resource: Resource, field: str, value: str) -> str | None:
        """Where a referenced value leads: the row's own page, else its row on its table page."""
        fk = self.reference(resource, field)
        if fk is None or value == "":
            return None
        target = self.find(fk.resource, [value])
        if target is None:
            return None
        if fk.resource == self.article_table() and value in self.texts:
            return rel(page, article_page(value))
        return self.entity_href(page, fk.resource, value) or self.row_href(page, self.resources[fk.resource], target)

    def main_span(self, resource: Resource, row: dict[str, str]) -> tuple[int, int] | None:
        """The offsets of a row's main span (its first x-spans group) in its article, when it has one there."""
        article_id = self.article_of(resource, row)
        if article_id is None or not resource.spans:
            return None
        group = resource.spans[0]
        try:
            start, end = int(row.get(group.start, "")), int(row.get(group.end, ""))
        except ValueError:
            return None  # an optional span left empty
        return (start, end) if 0 <= start <= end <= len(self.texts[article_id]) else None

    def in_text_href(self, page: str, resource: Resource, row: dict[str, str]) -> str | None:
        article_id = self.article_of(resource, row)
        if article_id is None or self.main_span(resource, row) is None:
            return None
        return rel(page, article_page(article_id), self.highlight_anchor(resource, row))
