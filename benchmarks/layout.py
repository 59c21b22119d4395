"""What the generator needs to know about the package, read once through the package model.

Table headers, span groups and the article-text columns come from
`validate.model` (the one parser of datapackage.json and schemas/*.json), so a
renamed or reordered field reaches the synthetic corpus without an edit here.
This is the only module of the generator that reads the package's declarations.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from validate.model import SpanGroup, TextsDecl, load_model

ROOT = Path(__file__).resolve().parent.parent


class LayoutError(ValueError):
    """The generator wrote a field the schema does not have: the schemas changed under it."""


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # relative to the package root, as the descriptor says
    schema_path: str | None  # the Table Schema's file, when the descriptor names one
    header: tuple[str, ...]
    spans: dict[str, SpanGroup]  # span group name -> its three columns

    def blank(self) -> dict[str, str]:
        return dict.fromkeys(self.header, "")

    def cells(self, row: dict, blank: dict) -> list:
        """One CSV row in header order; a key the header lacks is a generator bug, not a cell to drop."""
        cells = {**blank, **row}
        if len(cells) != len(self.header):
            unknown = sorted(set(row) - set(self.header))
            raise LayoutError(f"{self.name}: the generator writes {', '.join(unknown)}, which the schema does not have")
        return list(cells.values())

    def span(self, group: str, text: str, span: tuple[int, int] | None) -> dict:
        """The three cells of span group `group`: start, end and the verbatim text, or nothing when there is no span."""
        if span is None:
            return {}
        columns = self.spans[group]
        start, end = span
        return {columns.start: start, columns.end: end, columns.text: text[start:end]}


@dataclass(frozen=True)
class Layout:
    descriptor: dict
    tables: dict[str, Table]  # descriptor order
    texts: TextsDecl


def load_layout(root: Path = ROOT) -> Layout:
    package = load_model(root)
    if package.texts is None:
        raise LayoutError("datapackage.json declares no x-texts: a synthetic article would have nowhere to be listed")
    tables = {
        name: Table(name, resource.path, resource.schema_path, tuple(resource.field_names), {g.name: g for g in resource.spans})
        for name, resource in package.resources.items()
    }
    return Layout(package.descriptor, tables, package.texts)
