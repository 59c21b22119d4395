"""The package as the release reads it: validate.model's model, and plain-slug checks on what becomes a path.

Every name or path that becomes part of an archive member or a file name is
checked here once more, whatever the model accepted (issue 11: a name of
`../../../../tmp/escaped` made zip entries start with `../`).
"""

from __future__ import annotations

import re
from pathlib import Path

from validate.model import DESCRIPTOR, Field, ForeignKey, ModelError, Package, Resource, SpanGroup, TextsDecl
from validate.model import load_model as load_validated
from validate.paths import PLAIN_PATH

__all__ = ["DESCRIPTOR", "Field", "ForeignKey", "ModelError", "NotPlain", "Package", "Resource", "SpanGroup", "TextsDecl", "load_model"]

# Package names are slugs (a-z, 0-9, single hyphens); table names snake_case.
SLUG = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*")
VERSION = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)")


class NotPlain(ValueError):
    """A name, version or path from the package that may not become part of a path."""


def plain_slug(value: object, what: str) -> str:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise NotPlain(f"{what} must be a plain slug (a-z, 0-9, single hyphens or underscores), not {value!r}")
    return value


def plain_version(value: object) -> str:
    if not isinstance(value, str) or not VERSION.fullmatch(value):
        raise NotPlain(f"the package version must be a plain version string, MAJOR.MINOR.PATCH (semantic versioning), not {value!r}")
    return value


def plain_path(value: object, what: str) -> str:
    if not isinstance(value, str) or not PLAIN_PATH.fullmatch(value) or ".." in value.split("/"):
        raise NotPlain(f"{what} must be a relative path of plain names inside the package, not {value!r}")
    return value


def load_model(root: Path) -> Package:
    """The model of a package the validator accepts (ModelError otherwise), with every name that becomes a path checked."""
    package = load_validated(root)
    plain_slug(package.name, "the package name")
    plain_version(package.version)
    for resource in package.resources.values():
        plain_slug(resource.name, "a resource name")
        plain_path(resource.path, f"the path of resource {resource.name}")
        if resource.schema_path is not None:
            plain_path(resource.schema_path, f"the schema of resource {resource.name}")
    return package


def dialect(resource: Resource) -> dict:
    declared = resource.descriptor.get("dialect")
    return declared if isinstance(declared, dict) else {}
