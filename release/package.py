"""The one place the release reads the package: the descriptor, its schemas, and plain-slug checks.

It mirrors the names of `validate.model` (issue 10) so that, once that lands,
this module becomes `from validate.model import load_model`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# The validator's own guard: relative paths of plain names (no "..", no leading "/", "~" or ".").
from validate.package import PLAIN_PATH

DESCRIPTOR = "datapackage.json"

# Build paths only from plain slugs (issue 11: a name of `../../../../tmp/escaped`
# put `../` at the start of zip entries).
SLUG = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
VERSION = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-[0-9a-z]+(?:\.[0-9a-z]+)*)?")

# Until datapackage.json declares "x-texts" (issue 10), the shipped package's layout.
TEXTS_FALLBACK = {"resource": "articles", "path": "text_path", "sha256": "text_sha256",
                  "bytes": "text_bytes", "length": "text_length", "encoding": "utf-8"}


class NotPlain(ValueError):
    """A name, version or path from the package that may not become part of a path."""


def plain_slug(value: object, what: str) -> str:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise NotPlain(f"{what} must be a plain slug (a-z, 0-9, and . _ - between them), not {value!r}")
    return value


def plain_version(value: object) -> str:
    if not isinstance(value, str) or not VERSION.fullmatch(value):
        raise NotPlain(f"the package version must be a plain version string, MAJOR.MINOR.PATCH (semantic versioning), not {value!r}")
    return value


def plain_path(value: object, what: str) -> str:
    if not isinstance(value, str) or not PLAIN_PATH.fullmatch(value) or ".." in value.split("/"):
        raise NotPlain(f"{what} must be a relative path of plain names inside the package, not {value!r}")
    return value


@dataclass
class Field:
    name: str
    type: str
    description: str
    required: bool
    raw: dict  # the field as the schema declares it (example, constraints, categories...)

    @property
    def categories(self) -> list[dict]:
        return [c for c in self.raw.get("categories", []) if isinstance(c, dict)]


@dataclass
class ForeignKey:
    fields: list[str]
    resource: str  # the target; this table's own name for a self-reference
    ref_fields: list[str]


@dataclass
class SpanGroup:
    name: str
    start: str
    end: str
    text: str


@dataclass
class Resource:
    name: str
    title: str
    description: str
    path: str
    schema_path: str | None
    schema: dict
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[ForeignKey]
    spans: list[SpanGroup]
    missing_values: list[str]
    dialect: dict

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass
class TextsDecl:
    resource: str
    key: str
    path: str
    sha256: str
    encoding: str


@dataclass
class Package:
    root: Path
    descriptor: dict
    name: str
    version: str
    title: str
    resources: dict[str, Resource] = field(default_factory=dict)
    texts: TextsDecl | None = None

    def article_field(self, resource: Resource) -> str | None:
        """The field of a span table that names its article (its foreign key to the texts table)."""
        if self.texts is None:
            return None
        for fk in resource.foreign_keys:
            if fk.resource == self.texts.resource and len(fk.fields) == 1:
                return fk.fields[0]
        return None


def _as_list(value: object) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value or []]  # type: ignore[attr-defined]


def _span_groups(schema: dict) -> list[SpanGroup]:
    groups = []
    for index, group in enumerate(schema.get("x-spans", [])):
        # The first group is the row's main span; a group without a name is called after its text field.
        default = "text" if index == 0 else group["text"].removesuffix("_text")
        groups.append(SpanGroup(group.get("name") or default, group["start"], group["end"], group["text"]))
    return groups


def _resource(root: Path, entry: dict) -> Resource:
    name = plain_slug(entry.get("name"), "a resource name")
    path = plain_path(entry.get("path"), f"the path of resource {name}")
    schema_ref = entry.get("schema")
    if isinstance(schema_ref, str):
        schema_path: str | None = plain_path(schema_ref, f"the schema of resource {name}")
        schema = json.loads((root / schema_ref).read_text(encoding="utf-8"))
    else:
        schema_path, schema = None, dict(schema_ref or {})
    fields = [
        Field(f["name"], f.get("type", "string"), f.get("description", ""), bool(f.get("constraints", {}).get("required")), f)
        for f in schema.get("fields", [])
    ]
    keys = []
    for fk in schema.get("foreignKeys", []):
        ref = fk.get("reference", {})
        keys.append(ForeignKey(_as_list(fk["fields"]), ref.get("resource") or name, _as_list(ref.get("fields"))))
    return Resource(
        name=name,
        title=entry.get("title") or name,
        description=entry.get("description") or schema.get("description", ""),
        path=path,
        schema_path=schema_path,
        schema=schema,
        fields=fields,
        primary_key=_as_list(schema.get("primaryKey")),
        foreign_keys=keys,
        spans=_span_groups(schema),
        missing_values=_as_list(schema.get("missingValues", [""])),
        dialect=dict(entry.get("dialect") or {}),
    )


def load_model(root: Path) -> Package:
    root = root.parent if root.name == DESCRIPTOR else root
    descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    package = Package(
        root=root,
        descriptor=descriptor,
        name=plain_slug(descriptor.get("name"), "the package name"),
        version=plain_version(descriptor.get("version")),
        title=descriptor.get("title") or descriptor.get("name"),
    )
    for entry in descriptor.get("resources", []):
        resource = _resource(root, entry)
        package.resources[resource.name] = resource
    texts = descriptor.get("x-texts") or TEXTS_FALLBACK
    if texts["resource"] in package.resources:
        table = package.resources[texts["resource"]]
        package.texts = TextsDecl(texts["resource"], table.primary_key[0], texts["path"], texts["sha256"], texts.get("encoding", "utf-8"))
    return package
