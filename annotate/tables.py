"""Read a table's rows and write them back in the package's CSV layout, showing the change first.

The layout is the one every table in the package uses: UTF-8, comma-separated,
minimal quoting, LF line endings, the schema's column order.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from validate.model import Package

from .package import safe_relative


@dataclass
class TableFile:
    name: str
    relative: str  # as the descriptor names it
    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    original: bytes
    key: str | None  # the single-field primary key, for showing rows
    added: list[dict[str, str]] = field(default_factory=list)
    changed: dict[int, dict[str, tuple[str, str]]] = field(default_factory=dict)  # row index -> field -> (old, new)


class TableError(Exception):
    """A table cannot be read or written safely."""


def render(header: list[str], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([row.get(name, "") for name in header] for row in rows)
    return buffer.getvalue().encode("utf-8")


def read_table(package: Package, name: str) -> TableFile:
    resource = package.resources[name]
    path = safe_relative(package.root, resource.path)
    try:
        original = path.read_bytes()
        text = original.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TableError(f"{resource.path} cannot be read as UTF-8 ({error}); run python -m validate") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    if header != resource.field_names:
        raise TableError(f"{resource.path}: the header is not the schema's fields in order; run python -m validate first")
    rows = []
    for cells in reader:
        if len(cells) != len(header):
            raise TableError(f"{resource.path}: a row has {len(cells)} cells where the header has {len(header)}; run python -m validate first")
        rows.append(dict(zip(header, cells, strict=True)))
    key = resource.primary_key[0] if len(resource.primary_key) == 1 else None
    return TableFile(name, resource.path, path, header, rows, original, key)


def append(table: TableFile, rows: list[dict[str, str]]) -> None:
    table.added.extend({name: row.get(name, "") for name in table.header} for row in rows)


def set_cell(table: TableFile, index: int, name: str, value: str) -> None:
    old = table.rows[index][name]
    if old != value:
        table.changed.setdefault(index, {})[name] = (old, value)


def new_bytes(table: TableFile) -> bytes:
    rows = [{**row, **{k: new for k, (_, new) in table.changed.get(i, {}).items()}} for i, row in enumerate(table.rows)]
    return render(table.header, rows + table.added)


def shown(value: str) -> str:
    """A cell for a terminal: quoted, with control and invisible characters escaped (repr does both)."""
    return repr(value)


def describe(table: TableFile) -> list[str]:
    """The change as a reviewer reads it: rows added with their filled cells, cells changed old -> new."""
    lines = []
    if table.added or table.changed:
        lines.append(f"{table.relative}: {len(table.added)} row(s) added, {len(table.changed)} row(s) changed")
    for index, cells in sorted(table.changed.items()):
        row = table.rows[index]
        label = shown(row[table.key]) if table.key else f"row {index + 1}"
        changes = ", ".join(f"{name}: {shown(old)} -> {shown(new)}" for name, (old, new) in cells.items())
        lines.append(f"  ~ line {index + 2} {label}: {changes}")
    for row in table.added:
        filled = "  ".join(f"{name}={shown(value)}" for name, value in row.items() if value != "")
        lines.append(f"  + {filled}")
    lines += layout_note(table)
    return lines


def layout_note(table: TableFile) -> list[str]:
    """Say so when writing would also change lines nobody edited (the file was not in the package's layout)."""
    if (table.added or table.changed) and render(table.header, table.rows) != table.original:
        return [f"  {table.relative}: the rest of the file is rewritten in the package's CSV layout (minimal quoting, LF line endings)"]
    return []


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so an interrupted write never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def save(table: TableFile) -> None:
    if table.added or table.changed:
        write_atomically(table.path, new_bytes(table))
