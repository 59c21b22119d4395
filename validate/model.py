"""The package model: datapackage.json and its Table Schemas, parsed once.

The validator, the docs generator, the release and the benchmark generator all
read the package through this module. `build` returns the model and every
problem found on the way (it decides which files may be read, and refuses any
declaration that later stages could not act on); `load_model` is for tools that
only run on a package the validator accepts, and raises on any problem.

What the project adds to the Data Package standard (its x- extensions, plain-slug
names, UTF-8 comma-separated CSVs) is declared in profiles/*.json, JSON Schemas in
the manner of Camtrap DP's profile, and checked here with jsonschema; the standard
itself is judged by Frictionless.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .memo import JUDGEMENTS
from .paths import PathGuard, is_regular, offline, read_regular
from .problems import Problem, shorten
from .registry import declare
from .strictjson import JSONRefused, loads

DESCRIPTOR = "datapackage.json"
PROFILES = Path(__file__).resolve().parent.parent / "profiles"
# Profile names and URLs Frictionless knows without fetching anything.
KNOWN_PROFILES = re.compile(
    r"(tabular-)?data-(package|resource)|table-schema|"
    r"https://datapackage\.org/profiles/(1\.0|2\.0)/(datapackage|dataresource|tableschema|tabledialect)\.json"
)

UNREADABLE = declare(
    "descriptor-unreadable", "The descriptor is a JSON object that can be read strictly (RFC 8259: no NaN, no duplicate keys).",
    "Fix the JSON at the line shown; the message says what is wrong.")
DESCRIPTOR_INVALID = declare(
    "descriptor-invalid", "The descriptor follows the Data Package standard (as Frictionless checks it) and this project's profile.",
    "Compare the property with the Data Package standard and profiles/data-package.json; the message names the property.")
SCHEMA_INVALID = declare(
    "schema-invalid", "Each Table Schema follows the Table Schema standard and this project's profile, and every field, key and "
    "declaration it names exists.", "Fix the schema file at the property the message names (profiles/table-schema.json lists the extensions).")
PATH_UNSAFE = declare(
    "path-unsafe", "Every path is relative, stays inside the package, and is not a URL, an absolute path, a home path or a link leading outside.",
    "Use a relative path below the package folder, such as data/quotes.csv.")
FILE_MISSING = declare("file-missing", "Every file the package names exists and is a regular file.", "Add the file, or correct the path that names it.")


class CannotRun(Exception):
    """The package cannot be validated at all (exit 2): no descriptor, or one that cannot be read."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class ModelError(ValueError):
    """load_model on a package with problems: run the validator first."""


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

    @property
    def true_values(self) -> list[str]:
        return self.raw.get("trueValues", ["true", "True", "TRUE", "1"])

    @property
    def false_values(self) -> list[str]:
        return self.raw.get("falseValues", ["false", "False", "FALSE", "0"])

    def category(self, value: str) -> dict[str, Any] | None:
        return next((c for c in self.categories if str(c.get("value")) == value), None)


@dataclass
class ForeignKey:
    fields: list[str]
    resource: str  # the referenced table; this table's own name for a self-reference
    ref_fields: list[str]
    is_self_reference: bool
    same: dict[str, str]  # "x-same": local field -> referenced field
    within: dict[str, str] | None = None  # "x-within": {"span": local span group, "in": the referenced row's span group}


@dataclass
class SpanGroup:
    name: str
    start: str
    end: str
    text: str
    required: bool

    @property
    def columns(self) -> tuple[str, str, str]:
        return (self.start, self.end, self.text)


@dataclass
class TextsDecl:
    """datapackage.json's "x-texts": which table lists the article texts, and in which fields."""

    resource: str
    key: str  # that table's primary key: a text's id
    path: str
    sha256: str
    bytes: str
    length: str
    encoding: str = "utf-8"


@dataclass
class Resource:
    name: str
    path: str  # as written in the descriptor, relative to the package root
    schema: dict[str, Any]  # the Table Schema, dereferenced
    schema_path: str | None  # where the schema came from, for messages
    descriptor: dict[str, Any]  # the resource as written in datapackage.json
    fields: list[Field] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    unique_keys: list[list[str]] = field(default_factory=list)  # Table Schema v2's uniqueKeys
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

    @property
    def missing_values(self) -> list[str]:
        return list(self.schema.get("missingValues", [""]))

    @property
    def schema_file(self) -> str:
        """Where a schema problem is reported: the schema file, or the descriptor for an inline schema."""
        return self.schema_path or DESCRIPTOR

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def has(self, name: str) -> bool:
        return any(f.name == name for f in self.fields)

    def x(self, key: str, default: Any = None) -> Any:
        """A table-level extension property, such as x-one-of."""
        return self.schema.get(key, default)


@dataclass
class Package:
    root: Path
    descriptor_path: Path
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

    def file(self, relative: str) -> Path:
        return self.root / relative

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


def as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


# ---------------------------------------------------------------- building

def locate(path: str | os.PathLike) -> Path:
    """PATH may be the descriptor or a folder holding one."""
    candidate = Path(path)
    if candidate.is_dir():
        candidate = candidate / DESCRIPTOR
    if not candidate.exists() and not candidate.is_symlink():
        raise CannotRun(FILE_MISSING.problem(str(candidate), f"No data package descriptor at {candidate}."))
    return candidate


def read_json(path: Path, shown_as: str, unreadable=UNREADABLE, files: Mapping[str, bytes] | None = None) -> Any:
    """Parse a descriptor or schema strictly; a fault becomes a located problem, raised as CannotRun.

    `files` stands in for the disk (relative path -> bytes): the schemas of another git ref, say.
    """
    try:
        raw = files[shown_as] if files is not None and shown_as in files else read_regular(path, limit=None)
    except OSError as error:
        raise CannotRun(FILE_MISSING.problem(shown_as, f"Cannot read the file: {error.strerror or error}.")) from None
    try:
        return loads(raw)
    except JSONRefused as error:
        raise CannotRun(unreadable.problem(shown_as, str(error), line=error.line)) from None


# A judge gives a document's own problems: (kind, document, where it is shown) -> problems.
Judge = Callable[[str, dict, str], list[Problem]]


def judgement(kind: str, document: dict, where: str) -> list[Problem]:
    """The problems of a descriptor ("package") or a Table Schema ("schema") in Frictionless' judgement,
    offline, or in that of this project's profiles ("package-profile", "schema-profile")."""
    rule = DESCRIPTOR_INVALID if kind.startswith("package") else SCHEMA_INVALID
    if kind.endswith("-profile"):
        return _profile_problems(document, "data-package.json" if rule is DESCRIPTOR_INVALID else "table-schema.json", where, rule)
    from frictionless import Package as FrictionlessPackage
    from frictionless import Schema as FrictionlessSchema
    with offline():
        report = (FrictionlessSchema if rule is SCHEMA_INVALID else FrictionlessPackage).validate_descriptor(document)
    return [rule.problem(where, error.message, engines=("frictionless",)) for error in report.errors]


def judged_here(kind: str, document: dict, where: str) -> list[Problem]:
    """The judge of a run made in one process: each document judged once (the same JSON, the same answer)."""
    return list(JUDGEMENTS.get((kind, where, document), lambda: judgement(kind, document, where)))


def build(path: str | os.PathLike, files: Mapping[str, bytes] | None = None, judge: Judge = judged_here) -> tuple[Package, list[Problem]]:
    """The model of the package at `path` and every problem found building it.

    Raises CannotRun when there is nothing to validate (no descriptor, or one that
    is not a readable JSON object). A resource whose declarations later stages
    could not act on is left out of the model, with its problem. `judge` gives
    the descriptor's and each schema's own problems (validate/frictionless_aside.py).
    """
    descriptor_path = locate(path)
    root = descriptor_path.parent
    shown = descriptor_path.name
    guard = PathGuard(root)
    if descriptor_path.is_symlink() and not guard.inside(os.path.realpath(descriptor_path)):
        raise CannotRun(PATH_UNSAFE.problem(shown, "The descriptor is a symbolic link that resolves outside the package folder."))
    descriptor = read_json(descriptor_path, shown, files=files)
    if not isinstance(descriptor, dict):
        raise CannotRun(UNREADABLE.problem(shown, "The top level must be a JSON object.", line=1))
    package = Package(root=root, descriptor_path=descriptor_path, descriptor=descriptor)
    problems: list[Problem] = []

    refused = _refused_references(descriptor, guard, shown, problems)
    problems += judge("package-profile", descriptor, shown)
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        problems.append(DESCRIPTOR_INVALID.problem(shown, "'resources' must be a list of resources.", column="resources"))
        return package, problems

    accepted: list[dict] = []
    refused_names: set[str] = set()  # resources left out for a problem of their own: references to them are knock-ons
    for index, written in enumerate(resources):
        resource = _resource(index, written, root, guard, shown, problems, files, judge)
        if resource is None and isinstance(written, dict) and isinstance(written.get("name"), str):
            refused_names.add(written["name"])
        if resource is not None and resource.name in package.resources:
            problems.append(DESCRIPTOR_INVALID.problem(shown, f"Two resources are named {resource.name!r}; names identify tables.", column="resources",
                                                       value=shorten(resource.name)))
        elif resource is not None:
            package.resources[resource.name] = resource
            # Its schema has been judged already (_schema_problems); a stub keeps Frictionless from judging it twice.
            accepted.append({**written, "schema": {"fields": []}})
    package.texts = _texts(descriptor.get("x-texts"), package, shown, problems)
    left_out = True
    while left_out:  # a table left out takes the tables that refer to it along, silently: one root cause, said once
        left_out = False
        for resource in list(package.resources.values()):
            found = list(_declaration_problems(resource, package, refused_names))
            if found:
                problems += [p for p in found if p.message]  # an empty message marks a knock-on of a refused resource
                del package.resources[resource.name]
                refused_names.add(resource.name)
                left_out = True

    # Frictionless judges the rest of the descriptor; it sees only the resources whose paths we allowed.
    if accepted:
        kept = {k: v for k, v in descriptor.items() if k not in refused}
        problems += judge("package", {**kept, "resources": accepted}, shown)
    return package, problems


def load_model(path: str | os.PathLike) -> Package:
    """The model of a package the validator accepts; raises ModelError naming the first problem otherwise."""
    try:
        package, problems = build(path)
    except CannotRun as error:
        raise ModelError(f"{error.problem.file}: {error.problem.message}") from None
    if problems:
        first = problems[0]
        raise ModelError(f"{first.file}: {first.message} (run python -m validate)")
    return package


def _refused_references(descriptor: dict, guard: PathGuard, shown: str, problems: list[Problem]) -> set[str]:
    """profile and $schema name files or URLs Frictionless would read: paths like any other, unless a known name."""
    refused = set()
    for key in ("profile", "$schema"):
        value = descriptor.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(DESCRIPTOR_INVALID.problem(shown, f"{key} must be a string: a profile's name or URL.", column=key, value=shorten(value)))
            refused.add(key)
        elif not KNOWN_PROFILES.fullmatch(value):
            reason = guard.reason(value)
            if reason:
                problems.append(PATH_UNSAFE.problem(shown, f"{key} {value!r} refused: {reason}.", column=key, value=shorten(value)))
                refused.add(key)
    return refused


def _resource(index: int, written: Any, root: Path, guard: PathGuard, shown: str, problems: list[Problem],
              files: Mapping[str, bytes] | None = None, judge: Judge = judged_here) -> Resource | None:
    if not isinstance(written, dict):
        problems.append(DESCRIPTOR_INVALID.problem(shown, f"resources[{index}] must be an object."))
        return None
    name = written.get("name", f"resources[{index}]")
    if not isinstance(name, str):  # it keys the tables
        problems.append(DESCRIPTOR_INVALID.problem(shown, f"resources[{index}].name must be a string.", column="name", value=shorten(name)))
        return None
    data_path = written.get("path")
    reason = guard.reason(data_path)
    if reason or not isinstance(data_path, str):
        problems.append(PATH_UNSAFE.problem(shown, f"Resource '{name}': path {data_path!r} refused: {reason}.", column="path", value=shorten(data_path)))
        return None
    for key in ("dialect", "profile", "$schema"):
        value = written.get(key)
        if isinstance(value, str) and not KNOWN_PROFILES.fullmatch(value) and guard.reason(value):
            problems.append(PATH_UNSAFE.problem(shown, f"Resource '{name}': {key} {value!r} refused: {guard.reason(value)}.", column=key, value=shorten(value)))
            return None
    schema, schema_path = written.get("schema"), None
    if isinstance(schema, str):
        schema_path = schema
        reason = guard.reason(schema)
        if reason:
            problems.append(PATH_UNSAFE.problem(shown, f"Resource '{name}': schema path {schema!r} refused: {reason}.", column="schema", value=shorten(schema)))
            return None
        if not (files is not None and schema in files) and not is_regular(root / schema):
            problems.append(FILE_MISSING.problem(schema, f"Resource '{name}' names schema {schema}, which does not exist or is not a file.", column="schema", value=shorten(schema)))
            return None
        try:
            schema = read_json(root / schema, schema, unreadable=SCHEMA_INVALID, files=files)
        except CannotRun as error:  # a broken schema spoils one table, not the run
            problems.append(error.problem)
            return None
    where = schema_path or shown
    if not isinstance(schema, dict):
        problems.append(SCHEMA_INVALID.problem(where, f"Resource '{name}' has no Table Schema object."))
        return None
    found = _schema_problems(schema, where, judge)
    if found:
        problems += found
        return None
    if not is_regular(root / data_path):
        problems.append(FILE_MISSING.problem(data_path, f"Resource '{name}' names {data_path}, which does not exist or is not a file."))
        return None
    return _parse_resource(name, data_path, schema, schema_path, written)


def _schema_problems(schema: dict, where: str, judge: Judge) -> list[Problem]:
    """Frictionless' Table Schema judgement, then our profile, then what neither can say."""
    if not isinstance(schema.get("$schema", ""), str):
        return [SCHEMA_INVALID.problem(where, "$schema must be a string: the profile's URL.", column="$schema")]
    found = judge("schema", schema, where) or judge("schema-profile", schema, where)
    return found or list(JUDGEMENTS.get(("constraints", where, schema), lambda: tuple(_field_constraint_problems(schema, where))))


def _field_constraint_problems(schema: dict, where: str) -> Iterator[Problem]:
    """Constraints Frictionless accepts but no value could meet, or no engine could run."""
    import polars as pl
    for spec in schema.get("fields", []):
        name, constraints = spec.get("name"), spec.get("constraints", {})
        for low, high in (("minimum", "maximum"), ("minLength", "maxLength")):
            if isinstance(constraints.get(low), int | float) and isinstance(constraints.get(high), int | float) and constraints[low] > constraints[high]:
                yield SCHEMA_INVALID.problem(where, f"Field '{name}': {low} {constraints[low]} is above {high} {constraints[high]}; no value can meet both.",
                                             column=name)
        pattern = constraints.get("pattern")
        if isinstance(pattern, str):
            reason = regex_reason(pattern)
            if reason:
                yield SCHEMA_INVALID.problem(where, f"Field '{name}': pattern {pattern!r} is not a regular expression both engines read: {reason}.",
                                             column=name, value=shorten(pattern))
        enum = constraints.get("enum")
        kind = spec.get("type", "string")
        if isinstance(enum, list) and kind == "string" and not all(isinstance(v, str) for v in enum):
            yield SCHEMA_INVALID.problem(where, f"Field '{name}' is a string field but its enum holds non-string values {shorten(enum)}.", column=name)
        if isinstance(enum, list) and kind == "integer" and not all(isinstance(v, int) and not isinstance(v, bool) for v in enum):
            yield SCHEMA_INVALID.problem(where, f"Field '{name}' is an integer field but its enum holds other values {shorten(enum)}.", column=name)
    del pl


@cache
def regex_reason(pattern: str) -> str | None:
    """Why a pattern cannot be used by Python's re (Frictionless) and Rust's regex (polars), or None."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    import polars as pl
    try:
        pl.Series([""]).str.contains(pattern)
    except Exception as error:  # polars raises its ComputeError for a pattern its engine refuses
        return str(error).splitlines()[0]
    return None


@cache
def _profile(name: str) -> Any:
    from jsonschema import Draft202012Validator
    return Draft202012Validator(json.loads((PROFILES / name).read_text(encoding="utf-8")))


def _profile_problems(document: dict, profile: str, where: str, rule) -> list[Problem]:
    problems = []
    for error in sorted(_profile(profile).iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        message = error.schema.get("description") if error.validator in ("pattern", "not", "const", "enum") and "description" in error.schema else error.message
        problems.append(rule.problem(where, f"{path}: {shorten(message, 300)} (profiles/{profile}).", column=_column_of(document, list(error.absolute_path)),
                                     value=shorten(error.instance) if not isinstance(error.instance, dict | list) else None))
    return problems


def _column_of(document: dict, path: list) -> str | None:
    """What a profile error is about: the field's name inside "fields", else the top-level property."""
    if len(path) >= 2 and path[0] == "fields" and isinstance(path[1], int):
        spec = document["fields"][path[1]]
        return spec.get("name") if isinstance(spec, dict) and isinstance(spec.get("name"), str) else "fields"
    return str(path[0]) if path else None


def _parse_resource(name: str, path: str, schema: dict, schema_path: str | None, written: dict) -> Resource:
    resource = Resource(name=name, path=path, schema=schema, schema_path=schema_path, descriptor=written)
    for spec in schema.get("fields", []):
        resource.fields.append(Field(
            name=spec["name"], type=spec.get("type", "string"), description=spec.get("description", ""), example=spec.get("example"),
            constraints=spec.get("constraints", {}), categories=spec.get("categories", []), raw=spec,
        ))
    resource.primary_key = as_list(schema.get("primaryKey"))
    resource.unique_keys = [list(key) for key in schema.get("uniqueKeys", [])]
    for fk in schema.get("foreignKeys", []):
        target = fk.get("reference", {}).get("resource") or name
        resource.foreign_keys.append(ForeignKey(
            fields=as_list(fk.get("fields")), resource=target, ref_fields=as_list(fk.get("reference", {}).get("fields")),
            is_self_reference=target == name, same=dict(fk.get("x-same", {})), within=fk.get("x-within"),
        ))
    resource.spans = [SpanGroup(g["name"], g["start"], g["end"], g["text"], bool(g.get("required", False))) for g in schema.get("x-spans", [])]
    return resource


def _texts(declared: Any, package: Package, shown: str, problems: list[Problem]) -> TextsDecl | None:
    if not isinstance(declared, dict):
        return None  # the profile has reported a malformed one; a package without texts has no spans to check
    target = package.resources.get(declared["resource"])
    if target is None:
        problems.append(DESCRIPTOR_INVALID.problem(shown, f"x-texts names resource {declared['resource']!r}, which the package does not have.", column="x-texts"))
        return None
    missing = [declared[k] for k in ("path", "sha256", "bytes", "length") if not target.has(declared[k])]
    if missing or len(target.primary_key) != 1:
        why = f"its table has no field {', '.join(missing)}" if missing else "its table needs a single-field primary key"
        problems.append(DESCRIPTOR_INVALID.problem(shown, f"x-texts cannot be used: {why}.", column="x-texts"))
        return None
    return TextsDecl(resource=target.name, key=target.primary_key[0], path=declared["path"], sha256=declared["sha256"],
                     bytes=declared["bytes"], length=declared["length"], encoding=declared.get("encoding", "utf-8"))


def _declaration_problems(resource: Resource, package: Package, refused: set[str]) -> Iterator[Problem]:
    """Every key and x- declaration names fields and tables that exist, with types the rules can use."""
    where = resource.schema_file

    def missing(names: list[str], table: Resource | None = None) -> list[str]:
        table = table or resource
        return [n for n in names if not table.has(n)]

    def bad(message: str, column: str | None = None) -> Problem:
        return SCHEMA_INVALID.problem(where, message, column=column)

    gone = missing(resource.primary_key)
    if gone:
        yield bad(f"primaryKey names {', '.join(gone)}, which the table does not have.", "primaryKey")
    for key in resource.unique_keys:
        if missing(key):
            yield bad(f"uniqueKeys names {', '.join(missing(key))}, which the table does not have.", "uniqueKeys")
    for fk in resource.foreign_keys:
        target = package.resources.get(fk.resource)
        if not fk.fields or not fk.ref_fields or len(fk.fields) != len(fk.ref_fields):
            yield bad("Each foreign key must name its fields and as many reference.fields.", "foreignKeys")
        elif missing(fk.fields):
            yield bad(f"A foreign key names {', '.join(missing(fk.fields))}, which the table does not have.", "foreignKeys")
        elif target is None and fk.resource in refused:
            yield bad("", "foreignKeys")  # the referenced table has its own problem; this table is left out with it, silently
        elif target is None:
            yield bad(f"A foreign key on {', '.join(fk.fields)} refers to resource {fk.resource!r}, which the package does not have.", "foreignKeys")
        elif missing(fk.ref_fields, target):
            yield bad(f"A foreign key refers to {fk.resource}.{', '.join(missing(fk.ref_fields, target))}, which does not exist.", "foreignKeys")
        elif missing(list(fk.same)) or missing(list(fk.same.values()), target):
            yield bad(f"x-same on the foreign key {', '.join(fk.fields)} names fields that do not exist.", "foreignKeys")
        elif fk.within and not (any(g.name == fk.within["span"] for g in resource.spans) and any(g.name == fk.within["in"] for g in target.spans)):
            yield bad(f"x-within on the foreign key {', '.join(fk.fields)} names a span group that x-spans does not declare.", "foreignKeys")
    for group in resource.spans:
        if missing(list(group.columns)):
            yield bad(f"x-spans group {group.name!r} names {', '.join(missing(list(group.columns)))}, which the table does not have.", "x-spans")
        elif resource.field(group.start).type != "integer" or resource.field(group.end).type != "integer":
            yield bad(f"x-spans group {group.name!r}: {group.start} and {group.end} must be integer fields.", "x-spans")
    if resource.spans and package.texts is not None and package.article_field(resource) is None:
        yield bad(f"The table has x-spans but no foreign key to {package.texts.resource}.{package.texts.key}, so its spans have no article.", "x-spans")
    if resource.spans and package.texts is None:
        yield bad("The table has x-spans but datapackage.json declares no x-texts, so its spans have no article to be checked against.", "x-spans")
    for group in resource.x("x-one-of", []):
        if missing(group):
            yield bad(f"x-one-of names {', '.join(missing(group))}, which the table does not have.", "x-one-of")
    for reference in resource.x("x-referenced-by", []):
        yield from _reference_problems(reference, resource, package, "x-referenced-by", bad, refused)
    occurrence = resource.x("x-every-occurrence")
    if occurrence:
        exclusions = package.resources.get(occurrence["exclusions"])
        if not any(g.name == occurrence["span"] for g in resource.spans):
            yield bad(f"x-every-occurrence names span group {occurrence['span']!r}, which x-spans does not declare.", "x-every-occurrence")
        elif exclusions is None or not exclusions.spans:
            yield bad(f"x-every-occurrence names exclusions table {occurrence['exclusions']!r}, which is not a span table of the package.", "x-every-occurrence")
    for spec in resource.fields:
        yield from _field_declaration_problems(spec, resource, package, missing, bad, refused)


def _reference_problems(reference: dict, resource: Resource, package: Package, key: str, bad, refused: set[str]) -> Iterator[Problem]:
    source = package.resources.get(reference["resource"])
    if source is None and reference["resource"] in refused:
        return  # the referring table has its own problem; the rule that needs it skips this declaration
    if source is None:
        yield bad(f"{key} names resource {reference['resource']!r}, which the package does not have.", key)
    elif not any(fk.resource == resource.name and fk.fields == reference["fields"] for fk in source.foreign_keys):
        yield bad(f"{key}: {reference['resource']} has no foreign key on {', '.join(reference['fields'])} to this table.", key)
    elif "where" in reference and not source.has(reference["where"]["field"]):
        yield bad(f"{key}: {reference['resource']} has no field {reference['where']['field']!r}.", key)


def _field_declaration_problems(spec: Field, resource: Resource, package: Package, missing, bad, refused: set[str]) -> Iterator[Problem]:
    for key in ("x-same-date-as", "x-precision-of"):
        target = spec.raw.get(key)
        if target is not None and not resource.has(target):
            yield bad(f"Field '{spec.name}': {key} names {target!r}, which the table does not have.", spec.name)
    if "x-precision-of" in spec.raw:
        for category in spec.categories:
            pattern = category.get("x-edtf-pattern")
            if not isinstance(pattern, str) or regex_reason(pattern):
                yield bad(f"Field '{spec.name}': category {category.get('value')!r} needs an x-edtf-pattern both engines can read.", spec.name)
    for category in spec.categories:
        requires = category.get("x-requires", {})
        names = requires.get("filled", []) + requires.get("empty", [])
        if missing(names):
            yield bad(f"Field '{spec.name}': category {category.get('value')!r} x-requires names {', '.join(missing(names))}, which the table does not have.",
                      spec.name)
    if "x-true-iff-referenced" in spec.raw:
        if spec.type != "boolean":
            yield bad(f"Field '{spec.name}': x-true-iff-referenced needs a boolean field.", spec.name)
        yield from _reference_problems(spec.raw["x-true-iff-referenced"], resource, package, "x-true-iff-referenced", bad, refused)
    if spec.raw.get("x-field-list") and spec.type != "string":
        yield bad(f"Field '{spec.name}': x-field-list needs a string field.", spec.name)
    if spec.raw.get("x-format") == "edtf" and spec.type != "string":
        yield bad(f"Field '{spec.name}': x-format edtf needs a string field.", spec.name)
