"""A SQLite database: every table with its primary and foreign keys, and the schemas' descriptions.

Built with sqlite-utils (no SQL written by hand). The file is deterministic for a
given SQLite library version: the same operations in the same order, then VACUUM.
"""

from __future__ import annotations

import graphlib
import json
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from .package import Package, Resource
from .tables import TypedTable

# Table Schema type -> the Python type sqlite-utils turns into a column type.
# Booleans are INTEGER 0/1 (SQLite has no boolean); dates are ISO 8601 TEXT.
COLUMN_TYPES: dict[str, type] = {"integer": int, "year": int, "boolean": int, "number": float}

# Tables describing the others; a resource name cannot start with "_" (it is a plain slug).
TABLES, FIELDS, CATEGORIES = "_tables", "_fields", "_categories"


def _key(fields: list[str]) -> str | tuple[str, ...]:
    return fields[0] if len(fields) == 1 else tuple(fields)


def _creation_order(resources: dict[str, Resource]) -> list[str]:
    """Referenced tables first, so that each foreign key can be declared when its table is created."""
    # Lists, not sets: the order must not depend on string hashing, or the file's bytes would.
    graph = {name: list(dict.fromkeys(fk.resource for fk in r.foreign_keys if fk.resource != name and fk.resource in resources)) for name, r in resources.items()}
    try:
        return list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        return list(resources)  # keys between tables of a cycle are added after all tables exist


def _rows(typed: TypedTable) -> Iterable[dict]:
    booleans = {f.name for f in typed.resource.fields if f.type == "boolean"}
    for row in typed.table.to_pylist():
        yield {k: (int(v) if k in booleans and v is not None else v) for k, v in row.items()}


def _create(db: sqlite_utils.Database, resource: Resource, typed: TypedTable, created: set[str]) -> list[tuple]:
    """Create and fill one table; return the foreign keys whose target does not exist yet."""
    now: list[tuple] = []
    later: list[tuple] = []
    for fk in resource.foreign_keys:
        spec = (_key(fk.fields), fk.resource, _key(fk.ref_fields))
        (now if fk.resource in created or fk.resource == resource.name else later).append(spec)
    table = db.table(resource.name)
    table.create(
        {f.name: COLUMN_TYPES.get(f.type, str) for f in resource.fields},
        pk=_key(resource.primary_key) if resource.primary_key else None,
        foreign_keys=now,
        not_null={f.name for f in resource.fields if f.required},
        column_order=resource.field_names,
    )
    table.insert_all(_rows(typed))
    for fields, _target, _ref in now + later:
        if isinstance(fields, str):
            table.create_index([fields], find_unique_name=True)
    return [(resource.name, *spec) for spec in later]


def _describe(db: sqlite_utils.Database, package: Package, tables: dict[str, TypedTable]) -> None:
    """The schemas as tables: what each table and field is, and every codebook value."""
    db.table(TABLES).insert_all(
        (
            {"table_name": r.name, "title": r.title, "description": r.description, "primary_key": json.dumps(r.primary_key),
             "csv_path": r.path, "rows": tables[r.name].table.num_rows}
            for r in package.resources.values()
        ),
        pk="table_name",
        not_null={"table_name"},
    )
    db.table(FIELDS).insert_all(
        (
            {"table_name": r.name, "field_name": f.name, "position": i, "type": f.type, "required": int(f.required),
             "description": f.description, "example": json.dumps(f.raw.get("example"), ensure_ascii=False),
             "constraints": json.dumps(f.raw.get("constraints", {}), ensure_ascii=False, sort_keys=True)}
            for r in package.resources.values()
            for i, f in enumerate(r.fields, start=1)
        ),
        pk=("table_name", "field_name"),
        foreign_keys=[("table_name", TABLES, "table_name")],
        not_null={"table_name", "field_name"},
    )
    db.table(CATEGORIES).insert_all(
        (
            {"table_name": r.name, "field_name": f.name, "value": str(c.get("value")), "label": c.get("label"), "description": c.get("description")}
            for r in package.resources.values()
            for f in r.fields
            for c in f.categories
        ),
        pk=("table_name", "field_name", "value"),
        foreign_keys=[(("table_name", "field_name"), FIELDS, ("table_name", "field_name"))],
        not_null={"table_name", "field_name", "value"},
    )


def write_sqlite(package: Package, tables: dict[str, TypedTable], path: Path) -> None:
    """Write the database to `path` (a new file)."""
    db = sqlite_utils.Database(path)
    created: set[str] = set()
    deferred: list[tuple] = []
    for name in _creation_order(package.resources):
        deferred += _create(db, package.resources[name], tables[name], created)
        created.add(name)
    if deferred:
        db.add_foreign_keys(deferred)
    _describe(db, package, tables)
    problems = list(db.execute("PRAGMA foreign_key_check"))
    if problems:
        raise ValueError(f"the database breaks its foreign keys (table, rowid, target): {problems[:5]}")
    db.vacuum()
    db.close()


def to_sqlite(package: Package, tables: dict[str, TypedTable]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{package.name}.db"
        write_sqlite(package, tables, path)
        return path.read_bytes()


def sqlite_version() -> str:
    return sqlite3.sqlite_version
