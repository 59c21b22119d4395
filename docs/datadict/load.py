"""The one place the site reads the package: its model, every table's rows and the article texts.

The model mirrors validate/model.py (Package, Resource, Field, ForeignKey,
SpanGroup, TextsDecl, with the same attribute names), so that the generator
moves to the shared model by changing this module alone.

Rows stay strings exactly as written in the CSV (empty string = missing), so
what the site shows is what a downloader gets.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .escape import is_slug, is_table_name

# A cell may be as long as the validator allows; csv's default limit (131,072) would crash the build.
csv.field_size_limit(sys.maxsize)


@dataclass
class Field:
    name: str
    type: str
    description: str
    example: Any
    constraints: dict[str, Any]
    categories: list[dict[str, Any]]
    raw: dict[str, Any]

    @property
    def format(self) -> str | None:
        return self.raw.get("format")

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def unique(self) -> bool:
        return bool(self.constraints.get("unique"))

    @property
    def enum(self) -> list | None:
        return self.constraints.get("enum")

    @property
    def extras(self) -> dict[str, Any]:
        return {k: v for k, v in self.raw.items() if k.startswith("x-")}

    def category(self, value: str) -> dict[str, Any] | None:
        return next((c for c in self.categories if str(c.get("value")) == value), None)


@dataclass
class ForeignKey:
    fields: list[str]
    resource: str  # the referenced table; this table's own name for a self-reference
    ref_fields: list[str]
    is_self_reference: bool
    same: dict[str, str]


@dataclass
class SpanGroup:
    name: str
    start: str
    end: str
    text: str
    required: bool


@dataclass
class TextsDecl:
    resource: str
    key: str
    path: str
    sha256: str = ""
    bytes: str = ""
    length: str = ""
    encoding: str = "utf-8"


@dataclass
class Resource:
    name: str
    path: str
    schema: dict[str, Any]
    schema_path: str | None
    descriptor: dict[str, Any]
    fields: list[Field] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    spans: list[SpanGroup] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.descriptor.get("title") or self.name)

    @property
    def description(self) -> str:
        return str(self.descriptor.get("description") or self.schema.get("description") or "")

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def has(self, name: str) -> bool:
        return any(f.name == name for f in self.fields)


@dataclass
class Package:
    root: Path
    descriptor: dict[str, Any]
    resources: dict[str, Resource] = field(default_factory=dict)
    texts: TextsDecl | None = None

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", ""))

    @property
    def title(self) -> str:
        return str(self.descriptor.get("title") or self.name)

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    def article_field(self, resource: Resource) -> str | None:
        """The field through which a table's rows name their article: its foreign key to the texts table."""
        if self.texts is None:
            return None
        for fk in resource.foreign_keys:
            if fk.resource == self.texts.resource and len(fk.fields) == 1 and fk.ref_fields == [self.texts.key]:
                return fk.fields[0]
        return None

    def referring(self, target: str) -> Iterator[tuple[Resource, ForeignKey]]:
        """Every (table, foreign key) that points at `target`."""
        for resource in self.resources.values():
            for fk in resource.foreign_keys:
                if fk.resource == target:
                    yield resource, fk


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _resource(root: Path, written: dict) -> Resource:
    schema_ref = written["schema"]
    schema = schema_ref if isinstance(schema_ref, dict) else json.loads(_inside(root, schema_ref).read_text(encoding="utf-8"))
    name = written["name"]
    resource = Resource(name=name, path=written["path"], schema=schema,
                        schema_path=schema_ref if isinstance(schema_ref, str) else None, descriptor=written)
    for spec in schema.get("fields", []):
        resource.fields.append(Field(name=spec["name"], type=spec.get("type", "string"), description=spec.get("description", ""),
                                     example=spec.get("example"), constraints=spec.get("constraints", {}),
                                     categories=spec.get("categories", []), raw=spec))
    resource.primary_key = _as_list(schema.get("primaryKey"))
    for fk in schema.get("foreignKeys", []):
        target = fk.get("reference", {}).get("resource") or name
        resource.foreign_keys.append(ForeignKey(_as_list(fk["fields"]), target, _as_list(fk["reference"]["fields"]),
                                                target == name, dict(fk.get("x-same", {}))))
    resource.spans = [SpanGroup(g.get("name", g["text"]), g["start"], g["end"], g["text"], bool(g.get("required")))
                      for g in schema.get("x-spans", [])]
    return resource


def _texts_decl(package: Package) -> TextsDecl | None:
    declared = package.descriptor.get("x-texts")
    if isinstance(declared, dict) and declared.get("resource") in package.resources:
        target = package.resources[declared["resource"]]
        return TextsDecl(declared["resource"], target.primary_key[0], declared["path"])
    # Before "x-texts": the articles table lists the texts in text_path.
    articles = package.resources.get("articles")
    if articles and articles.has("text_path") and articles.primary_key:
        return TextsDecl("articles", articles.primary_key[0], "text_path")
    return None


def _inside(root: Path, relative: str) -> Path:
    """A package-relative path that stays inside the package (the validator refuses others; the site never follows them)."""
    posix = PurePosixPath(relative)
    if posix.is_absolute() or ".." in posix.parts or "\\" in relative or not relative:
        raise ValueError(f"unsafe path in the package: {relative!r}")
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"path leads outside the package: {relative!r}")
    return path


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: v or "" for k, v in row.items() if k is not None} for row in csv.DictReader(handle)]


@dataclass
class Data:
    """What the site shows: the package model, every table's rows and every article's text."""

    model: Package
    rows: dict[str, list[dict[str, str]]]
    texts: dict[str, str]  # article id -> text; only articles whose id is a plain slug get a page

    @property
    def resources(self) -> dict[str, Resource]:
        return self.model.resources


def load(root: Path) -> Data:
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    package = Package(root=root, descriptor=descriptor)
    for written in descriptor["resources"]:
        if not is_table_name(written.get("name")):
            # Its name would become a page's path; the site leaves the table out rather than build that path.
            print(f"docs: leaving out table {written.get('name')!r}: its name is not a plain slug", file=sys.stderr)
            continue
        resource = _resource(root, written)
        package.resources[resource.name] = resource
    package.texts = _texts_decl(package)
    rows = {name: _read_rows(_inside(root, r.path)) for name, r in package.resources.items()}
    texts = {}
    if package.texts:
        for row in rows[package.texts.resource]:
            article_id, path = row.get(package.texts.key, ""), row.get(package.texts.path, "")
            if is_slug(article_id) and path:
                texts[article_id] = _inside(root, path).read_text(encoding="utf-8")
    return Data(model=package, rows=rows, texts=texts)
