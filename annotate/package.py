"""The one place annotate reads the package's declarations and texts.

The project's package model (validate.model) is used when it is there. Until
it is, `_Declarations` reads the same few attributes from datapackage.json and
the Table Schemas; once the model has landed everywhere, delete it and keep
`open_package`'s callers unchanged.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"
# A path we build or follow: plain names below the package folder, no "..", no scheme, not absolute.
PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*")


class PackageError(Exception):
    """The package cannot be used by annotate (exit 2): no descriptor, or declarations it needs are missing."""


class TextError(Exception):
    """An article's text cannot be used: unknown article, unsafe path, missing file, or not the recorded bytes."""


def safe_relative(root: Path, relative: str) -> Path:
    """`root / relative` for a plain relative path that stays inside the package; raises TextError otherwise."""
    if not isinstance(relative, str) or not PLAIN_PATH.fullmatch(relative) or ".." in relative.split("/"):
        raise TextError(f"path {relative!r} refused: only plain relative paths below the package folder are used")
    full = root / relative
    real_root = os.path.realpath(root)
    if not os.path.realpath(full).startswith(real_root + os.sep):
        raise TextError(f"path {relative!r} refused: it resolves outside the package folder")
    return full


# ------------------------------------------------ stand-in for validate.model until it lands

@dataclass
class _Field:
    name: str
    type: str
    example: Any
    constraints: dict[str, Any]


@dataclass
class _ForeignKey:
    fields: list[str]
    resource: str
    ref_fields: list[str]


@dataclass
class _SpanGroup:
    name: str
    start: str
    end: str
    text: str
    required: bool


@dataclass
class _TextsDecl:
    resource: str
    key: str
    path: str
    sha256: str
    bytes: str
    length: str
    encoding: str = "utf-8"


@dataclass
class _Resource:
    name: str
    path: str
    fields: list[_Field] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[_ForeignKey] = field(default_factory=list)
    spans: list[_SpanGroup] = field(default_factory=list)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> _Field:
        return next(f for f in self.fields if f.name == name)


@dataclass
class _Declarations:
    root: Path
    descriptor: dict[str, Any]
    resources: dict[str, _Resource] = field(default_factory=dict)
    texts: _TextsDecl | None = None

    def article_field(self, resource: _Resource) -> str | None:
        if self.texts is None:
            return None
        for fk in resource.foreign_keys:
            if fk.resource == self.texts.resource and len(fk.fields) == 1 and fk.ref_fields == [self.texts.key]:
                return fk.fields[0]
        return None


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageError(f"{path}: cannot be read as JSON ({error}); run python -m validate") from None


def _declarations(root: Path) -> _Declarations:
    descriptor = _read_json(root / DESCRIPTOR)
    package = _Declarations(root=root, descriptor=descriptor)
    for written in descriptor.get("resources", []):
        schema = written.get("schema")
        if isinstance(schema, str):
            schema = _read_json(safe_relative(root, schema))
        resource = _Resource(name=written["name"], path=written["path"])
        for spec in schema.get("fields", []):
            resource.fields.append(_Field(spec["name"], spec.get("type", "string"), spec.get("example"), spec.get("constraints", {})))
        resource.primary_key = _as_list(schema.get("primaryKey"))
        for fk in schema.get("foreignKeys", []):
            reference = fk.get("reference", {})
            resource.foreign_keys.append(_ForeignKey(_as_list(fk.get("fields")), reference.get("resource") or resource.name,
                                                     _as_list(reference.get("fields"))))
        resource.spans = [_SpanGroup(g.get("name") or g["start"].removesuffix("start").rstrip("_") or "main", g["start"], g["end"], g["text"],
                                     bool(g.get("required", False))) for g in schema.get("x-spans", [])]
        package.resources[resource.name] = resource
    declared = descriptor.get("x-texts")
    if isinstance(declared, dict) and declared.get("resource") in package.resources:
        target = package.resources[declared["resource"]]
        package.texts = _TextsDecl(target.name, target.primary_key[0], declared["path"], declared["sha256"], declared["bytes"],
                                   declared["length"], declared.get("encoding", "utf-8"))
    return package


# ------------------------------------------------ what the commands use

def open_package(path: str | os.PathLike) -> Any:
    """The package model of the package at PATH (a folder or its datapackage.json)."""
    root = Path(path)
    if root.name == DESCRIPTOR:
        root = root.parent
    if not (root / DESCRIPTOR).is_file():
        raise PackageError(f"No {DESCRIPTOR} in {root}: give the package folder with --package.")
    try:
        from validate.model import ModelError, load_model
    except ImportError:
        package = _declarations(root)
    else:
        try:
            package = load_model(root)
        except ModelError as error:
            raise PackageError(f"{error}") from None
    if package.texts is None:
        raise PackageError(f"{DESCRIPTOR} declares no x-texts: annotate cannot tell which table lists the article texts.")
    return package


def texts_table(package: Any) -> Any:
    return package.resources[package.texts.resource]


@dataclass
class Article:
    id: str
    path: Path
    text: str
    data: bytes


def read_article(package: Any, rows: list[dict[str, str]], article_id: str) -> Article:
    """The article's text, strictly decoded, after proving it still has the bytes recorded for it."""
    decl = package.texts
    row = next((r for r in rows if r.get(decl.key) == article_id), None)
    if row is None:
        known = ", ".join(sorted(r.get(decl.key, "") for r in rows)[:10])
        raise TextError(f"no article {article_id!r} in {texts_table(package).path} (articles: {known})")
    path = safe_relative(package.root, row.get(decl.path, ""))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TextError(f"cannot read {row.get(decl.path)}: {error.strerror or error}") from None
    recorded = row.get(decl.sha256, "")
    if recorded and hashlib.sha256(data).hexdigest() != recorded:
        raise TextError(f"{row.get(decl.path)} does not have the SHA-256 recorded for it: restore the text before computing offsets")
    try:
        text = data.decode(decl.encoding)
    except UnicodeDecodeError as error:
        raise TextError(f"{row.get(decl.path)} is not {decl.encoding}: {error.reason} at byte {error.start}") from None
    return Article(article_id, path, text, data)
