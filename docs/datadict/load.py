"""Read the package once: metadata, schemas, rows and article texts.

Rows stay strings exactly as written in the CSV (empty string = missing), so
what the site shows is what a downloader gets.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ForeignKey:
    fields: list[str]
    resource: str  # the referenced table; a self-reference is resolved to its own name
    ref_fields: list[str]


@dataclass
class Table:
    name: str
    title: str
    description: str
    path: str  # repository-relative CSV path, e.g. data/quotes.csv
    schema_path: str
    schema: dict
    rows: list[dict[str, str]]
    foreign_keys: list[ForeignKey] = field(default_factory=list)

    @property
    def fields(self) -> list[dict]:
        return self.schema["fields"]

    @property
    def primary_key(self) -> list[str]:
        pk = self.schema.get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    @property
    def spans(self) -> list[dict]:
        return self.schema.get("x-spans", [])

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)

    def key_of(self, row: dict[str, str]) -> list[str]:
        return [row.get(name, "") for name in self.primary_key]


@dataclass
class Package:
    root: Path
    meta: dict
    tables: dict[str, Table]
    texts: dict[str, str]  # article_id -> article text

    @property
    def name(self) -> str:
        return self.meta["name"]

    @property
    def version(self) -> str:
        return self.meta.get("version", "")


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _foreign_keys(name: str, schema: dict) -> list[ForeignKey]:
    keys = []
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        keys.append(ForeignKey(_as_list(fk["fields"]), ref.get("resource") or name, _as_list(ref["fields"])))
    return keys


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_package(root: Path) -> Package:
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in meta["resources"]:
        schema_ref = resource["schema"]
        schema = schema_ref if isinstance(schema_ref, dict) else json.loads((root / schema_ref).read_text(encoding="utf-8"))
        name = resource["name"]
        tables[name] = Table(
            name=name,
            title=resource.get("title", name),
            description=resource.get("description", schema.get("description", "")),
            path=resource["path"],
            schema_path=schema_ref if isinstance(schema_ref, str) else "",
            schema=schema,
            rows=_read_rows(root / resource["path"]),
            foreign_keys=_foreign_keys(name, schema),
        )
    texts = {}
    if "articles" in tables:  # the package convention: articles.text_path holds each text
        for row in tables["articles"].rows:
            texts[row["article_id"]] = (root / row["text_path"]).read_text(encoding="utf-8")
    return Package(root=root, meta=meta, tables=tables, texts=texts)
