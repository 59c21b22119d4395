"""Find the descriptor, read it and its schemas, and refuse any path that leaves the package.

Nothing here reads a data file: it only decides which files may be read.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from frictionless import Package, Schema, system
from frictionless.helpers import is_safe_path

from .problems import Problem, shorten

DESCRIPTOR = "datapackage.json"
# Relative paths of plain names: no "..", no leading "/", "~" or ".", no "$", "%" or ":".
PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*")


class CannotRun(Exception):
    """The package cannot be validated at all (exit 2): no descriptor, or unreadable JSON."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Resource:
    name: str
    path: str  # as written in the descriptor, relative to the package root
    schema: dict  # the Table Schema, dereferenced
    schema_path: str | None  # where the schema came from, for messages


@dataclass
class PackageSpec:
    root: Path
    descriptor_path: Path
    descriptor: dict
    resources: dict[str, Resource] = field(default_factory=dict)

    def file(self, relative: str) -> Path:
        return self.root / relative


def locate(path: str | os.PathLike) -> Path:
    """PATH may be the descriptor or a folder holding one."""
    candidate = Path(path)
    if candidate.is_dir():
        candidate = candidate / DESCRIPTOR
    if not candidate.is_file():
        raise CannotRun(Problem("file-missing", str(candidate), f"No data package descriptor at {candidate}."))
    return candidate


def read_json(path: Path, rule: str, shown_as: str) -> dict:
    """Parse JSON, naming line and column of a syntax error."""
    try:
        text = path.read_bytes().decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as error:
        raise CannotRun(Problem(rule, shown_as, f"Not UTF-8 text: {error.reason} at byte {error.start}.")) from None
    except json.JSONDecodeError as error:
        raise CannotRun(Problem(rule, shown_as, f"Invalid JSON: {error.msg} (line {error.lineno}, column {error.colno}).", line=error.lineno)) from None
    except OSError as error:
        raise CannotRun(Problem(rule, shown_as, f"Cannot read the file: {error.strerror}.")) from None
    if not isinstance(data, dict):
        raise CannotRun(Problem(rule, shown_as, "The top level must be a JSON object."))
    return data


def symlinks_in(folder: str) -> set[str]:
    """One directory listing tells which entries are links (no stat per file)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_symlink()}
    except OSError:
        return set()


class PathGuard:
    """Decides which paths may be read, cheaply enough for thousands of text files.

    Frictionless' own is_safe_path decides absolute, '..', '~' and variable paths;
    we add what a local validator also needs: no URL of any scheme (nothing is
    fetched from the network) and no link that resolves outside the package.
    Folders are resolved and listed once each; a file costs no system call.
    """

    def __init__(self, root: Path):
        self.root = os.path.realpath(root)
        self.folders: dict[str, bool] = {}  # folder -> resolves inside the package
        self.links: dict[str, set[str]] = {}  # folder -> names of the symbolic links in it

    def inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root + os.sep)

    def reason(self, relative: object) -> str | None:
        if not isinstance(relative, str) or not relative:
            return "the path must be a non-empty string"
        # A plain path meets none of is_safe_path's conditions (absolute, "../", "~",
        # variables, file: URL) and has no scheme; asking would cost 10 µs a path,
        # a tenth of a second at 10,000 articles. A link can still lead outside.
        plain = PLAIN_PATH.fullmatch(relative) and ".." not in relative
        return (None if plain else self.unusual_reason(relative)) or self.link_reason(relative)

    @staticmethod
    def unusual_reason(relative: str) -> str | None:
        if (":" in relative and urlparse(relative).scheme) or relative.startswith("//"):  # no colon, no scheme
            return "remote and URL paths are refused; nothing is fetched from the network"
        if not is_safe_path(relative) or ".." in relative.replace("\\", "/").split("/"):
            return "absolute, home (~), parent (..) and variable paths are refused"
        return None

    def link_reason(self, relative: str) -> str | None:
        full = os.path.join(self.root, relative)
        folder, name = os.path.split(full)
        if folder not in self.folders:
            self.folders[folder] = self.inside(os.path.realpath(folder))
            self.links[folder] = symlinks_in(folder)
        if not self.folders[folder] or (name in self.links[folder] and not self.inside(os.path.realpath(full))):
            return "the path resolves (through a symbolic link) outside the package"
        return None


class _Offline:
    """Stands in for Frictionless' HTTP session: whatever a descriptor names, nothing is fetched."""

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise OSError("the validator never uses the network")
        return refuse


def offline():
    """Run Frictionless with its HTTP session refusing every request (a profile's remote $ref, say)."""
    return system.use_context(http_session=_Offline())


# Descriptor properties that Frictionless reads as paths or URLs when they are strings.
REFERENCES = ("profile", "dialect")


def keys_declared(schema: dict) -> bool:
    """Each foreign key names its fields and the referenced fields (Frictionless lets an empty {} through)."""
    keys = schema.get("foreignKeys", [])
    return isinstance(keys, list) and all(isinstance(k, dict) and k.get("fields") and isinstance(k.get("reference"), dict)
                                          and k["reference"].get("fields") for k in keys)


def spans_declared(schema: dict) -> bool:
    """x-spans, when present, is a list of {"start", "end", "text"} field names."""
    groups = schema.get("x-spans", [])
    return isinstance(groups, list) and all(isinstance(g, dict) and all(isinstance(g.get(k), str) for k in ("start", "end", "text")) for g in groups)


def load(path: str | os.PathLike) -> tuple[PackageSpec, list[Problem]]:
    descriptor_path = locate(path)
    root = descriptor_path.parent
    shown = descriptor_path.name
    descriptor = read_json(descriptor_path, "descriptor-unreadable", shown)
    spec = PackageSpec(root=root, descriptor_path=descriptor_path, descriptor=descriptor)
    problems: list[Problem] = []
    guard = PathGuard(root)

    # A custom profile is a file or URL Frictionless would read: it is a path like any other.
    refused = [key for key in REFERENCES if isinstance(descriptor.get(key), str) and guard.reason(descriptor[key])]
    for key in refused:
        problems.append(Problem("path-unsafe", shown, f"{key} {descriptor[key]!r} refused: {guard.reason(descriptor[key])}.", column=key, value=shorten(descriptor[key])))
    if not isinstance(descriptor.get("$schema", ""), str):  # Frictionless raises on anything but a string here
        problems.append(Problem("descriptor-invalid", shown, "$schema must be a string: the profile's URL.", column="$schema", value=shorten(descriptor["$schema"])))
        refused.append("$schema")
    descriptor = {k: v for k, v in descriptor.items() if k not in refused}

    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        problems.append(Problem("descriptor-invalid", shown, "'resources' must be a list of resources."))
        return spec, problems

    dereferenced = []
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict):
            problems.append(Problem("descriptor-invalid", shown, f"resources[{index}] must be an object."))
            continue
        name = resource.get("name", f"resources[{index}]")
        if not isinstance(name, str):  # it keys the tables; a list here crashed the run
            problems.append(Problem("descriptor-invalid", shown, f"resources[{index}].name must be a string.", column="name", value=shorten(name)))
            continue
        data_path = resource.get("path")
        reason = guard.reason(data_path)
        if reason:
            problems.append(Problem("path-unsafe", shown, f"Resource '{name}': path {data_path!r} refused: {reason}.", column="path", value=str(data_path)))
            continue
        key = next((k for k in REFERENCES if isinstance(resource.get(k), str) and guard.reason(resource[k])), None)
        if key:
            problems.append(Problem("path-unsafe", shown, f"Resource '{name}': {key} {resource[key]!r} refused: {guard.reason(resource[key])}.", column=key, value=shorten(resource[key])))
            continue
        schema, schema_path = resource.get("schema"), None
        if isinstance(schema, str):
            schema_path = schema
            reason = guard.reason(schema)
            if reason:
                problems.append(Problem("path-unsafe", shown, f"Resource '{name}': schema path {schema!r} refused: {reason}.", column="schema", value=schema))
                continue
            if not (root / schema).is_file():
                problems.append(Problem("file-missing", schema, f"Resource '{name}' names schema {schema}, which does not exist.", column="schema", value=schema))
                continue
            try:
                schema = read_json(root / schema, "schema-invalid", schema)
            except CannotRun as error:  # a broken schema spoils one table, not the run
                problems.append(error.problem)
                continue
        if not isinstance(schema, dict):
            problems.append(Problem("schema-invalid", shown, f"Resource '{name}' has no Table Schema."))
            continue
        if not isinstance(schema.get("$schema", ""), str):  # as for the package: Frictionless would raise
            problems.append(Problem("schema-invalid", schema_path or shown, "$schema must be a string: the profile's URL.", column="$schema"))
            continue
        with offline():
            report = Schema.validate_descriptor(schema)
        if not report.valid:
            problems.extend(Problem("schema-invalid", schema_path or shown, error.message) for error in report.errors)
            continue
        if not keys_declared(schema):  # the cross-table key rule relies on it; an empty one crashed it
            problems.append(Problem("schema-invalid", schema_path or shown, "Each foreign key must name its fields and reference.fields.", column="foreignKeys"))
            continue
        if not spans_declared(schema):  # our extension: Frictionless does not look at it, the span rules rely on it
            problems.append(Problem("schema-invalid", schema_path or shown, "x-spans must be a list of objects naming string start, end and text fields.", column="x-spans"))
            continue
        if not (root / data_path).is_file():
            problems.append(Problem("file-missing", data_path, f"Resource '{name}' names {data_path}, which does not exist."))
            continue
        spec.resources[name] = Resource(name=name, path=data_path, schema=schema, schema_path=schema_path)
        dereferenced.append({**resource, "schema": schema})

    # Frictionless judges the rest of the descriptor; it sees only resources whose paths we allowed.
    if dereferenced:
        with offline():
            report = Package.validate_descriptor({**descriptor, "resources": dereferenced})
        problems.extend(Problem("descriptor-invalid", shown, error.message, engines=("frictionless",)) for error in report.errors)
    return spec, problems
