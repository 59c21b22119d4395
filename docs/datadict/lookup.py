"""The package as the pages need it: rows by key, what to call a row, where a value links to."""

from __future__ import annotations

from validate.model import ForeignKey, Resource

from .anchors import highlight_id, row_id
from .load import Data
from .urls import article_page, entity_page, rel, table_page

# What best names a row, in order; otherwise its main span's words, otherwise its key.
_LABEL_FIELDS = ("name", "title")


class Site:
    """Indexes over the loaded package, built once per build."""

    def __init__(self, data: Data):
        self.data = data
        self.model = data.model
        self.resources = data.resources
        self.rows = data.rows
        self.texts = data.texts
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

    def in_text_href(self, page: str, resource: Resource, row: dict[str, str]) -> str | None:
        article_id = self.article_of(resource, row)
        if article_id is None or not resource.spans:
            return None
        return rel(page, article_page(article_id), self.highlight_anchor(resource, row))
