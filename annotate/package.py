"""The one place annotate reads the package: its model (validate.model) and the article texts."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from validate.model import ModelError, Package, Resource, TextsDecl, load_model
from validate.paths import PathGuard, read_regular
from validate.texts import MAX_TEXT_BYTES

DESCRIPTOR = "datapackage.json"


class PackageError(Exception):
    """The package cannot be used by annotate (exit 2): no descriptor, or declarations it needs are missing."""


class TextError(Exception):
    """An article's text cannot be used: unknown article, unsafe path, missing file, or not the recorded bytes."""


def safe_relative(root: Path, relative: str) -> Path:
    """`root / relative` when the validator's path guard allows the path; raises TextError otherwise."""
    reason = PathGuard(root).reason(relative)
    if reason:
        raise TextError(f"path {relative!r} refused: {reason}")
    return root / relative


def open_package(path: str | os.PathLike) -> Package:
    """The package model of the package at PATH (a folder or its datapackage.json)."""
    root = Path(path)
    if root.name == DESCRIPTOR:
        root = root.parent
    if not (root / DESCRIPTOR).is_file():
        raise PackageError(f"No {DESCRIPTOR} in {root}: give the package folder with --package.")
    try:
        package = load_model(root)
    except ModelError as error:
        raise PackageError(f"{error}") from None
    if package.texts is None:
        raise PackageError(f"{DESCRIPTOR} declares no x-texts: annotate cannot tell which table lists the article texts.")
    return package


def texts(package: Package) -> TextsDecl:
    """Where the article texts are listed; open_package refuses a package that does not say."""
    assert package.texts is not None
    return package.texts


def article_field(package: Package, resource: Resource) -> str:
    """The field naming a span table's article (its foreign key to the texts table); the model refuses a span table without."""
    name = package.article_field(resource)
    if name is None:
        raise PackageError(f"{resource.name} has no foreign key to {texts(package).resource}: its rows name no article")
    return name


def texts_table(package: Package) -> Resource:
    return package.resources[texts(package).resource]


@dataclass
class Article:
    id: str
    path: Path
    text: str
    data: bytes


def read_article(package: Package, rows: list[dict[str, str]], article_id: str) -> Article:
    """The article's text, strictly decoded, after proving it still has the bytes recorded for it."""
    decl = texts(package)
    row = next((r for r in rows if r.get(decl.key) == article_id), None)
    if row is None:
        known = ", ".join(repr(k) for k in sorted(r.get(decl.key, "") for r in rows)[:10])
        raise TextError(f"no article {article_id!r} in {texts_table(package).path} (articles: {known})")
    path = safe_relative(package.root, row.get(decl.path, ""))
    try:
        data = read_regular(path, limit=MAX_TEXT_BYTES)  # never a FIFO or a device
    except OSError as error:
        raise TextError(f"cannot read {row.get(decl.path)!r}: {error.strerror or error}") from None
    recorded = row.get(decl.sha256, "")
    if recorded and hashlib.sha256(data).hexdigest() != recorded:
        raise TextError(f"{row.get(decl.path)!r} does not have the SHA-256 recorded for it: restore the text before computing offsets")
    try:
        text = data.decode(decl.encoding)
    except UnicodeDecodeError as error:
        raise TextError(f"{row.get(decl.path)!r} is not {decl.encoding}: {error.reason} at byte {error.start}") from None
    return Article(article_id, path, text, data)
