"""The release archive: dist/<name>-<version>.zip and dist/SHA256SUMS.

The archive is byte-for-byte reproducible (fixed timestamps and modes, sorted
members, deterministic outputs), so the copy the docs site serves and the copy
in dist/ are the same file whichever of `make docs` and `make dist` runs first.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from pathlib import Path

from . import datasette, identity, parquet, readme, sqlite, webannotation
from .package import DESCRIPTOR, NotPlain, Package, load_model, plain_path
from .tables import TypedTable, read_tables

# 1980-01-01 is the earliest time a zip entry can carry; any fixed value keeps
# the archive reproducible, this one says plainly that it is not a real date.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Files beside the package that a downloader needs (how to cite, licence, changes,
# withdrawn ids), included when the repository has them. The repository's own
# README describes the repository; the archive gets its own (release/readme.py).
BESIDE = (identity.CITATION, "LICENSE", identity.CHANGELOG, "deprecations.json")


def archive_name(root: Path) -> str:
    package = load_model(root)
    return f"{package.name}-{package.version}"


def package_files(package: Package, tables: dict[str, TypedTable]) -> list[str]:
    """The CSV package as the descriptor names it: descriptor, schemas, tables, article texts."""
    paths = [DESCRIPTOR]
    for resource in package.resources.values():
        paths += [resource.path] + ([resource.schema_path] if resource.schema_path else [])
    if package.texts:
        decl = package.texts
        rows = tables[decl.resource].table.column(decl.path).to_pylist()
        paths += [plain_path(p, "an article's text path") for p in rows]
    return sorted(set(paths))


def sha256sums(entries: dict[str, bytes]) -> str:
    """Text in `sha256sum` format (two spaces, binary-safe names), sorted by path."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(entries.items()))


def _add(entries: dict[str, bytes], path: str, data: bytes) -> None:
    if path in entries:
        raise NotPlain(f"two files of the archive would be called {path!r}")
    entries[path] = data


def build_entries(root: Path) -> tuple[str, dict[str, bytes]]:
    """(folder name, archive path -> bytes), SHA256SUMS included."""
    package = load_model(root)
    identity.check(package)
    tables = read_tables(package)
    entries: dict[str, bytes] = {}
    for path in package_files(package, tables):
        _add(entries, path, (package.root / path).read_bytes())
    for name, typed in tables.items():
        _add(entries, f"parquet/{name}.parquet", parquet.to_parquet(typed))
    database = f"{package.name}.db"
    _add(entries, "metadata.json", datasette.to_metadata_json(package, package.name))
    _add(entries, "web-annotations.jsonld", webannotation.to_jsonld(package, tables))
    for name in BESIDE:
        if (package.root / name).is_file():
            _add(entries, name, (package.root / name).read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / database
        sqlite.write_sqlite(package, tables, db_path)
        _add(entries, database, db_path.read_bytes())
        sizes = {path: len(data) for path, data in entries.items()}
        _add(entries, "README.md", readme.render(package, tables, sizes, db_path).encode("utf-8"))
    _add(entries, "SHA256SUMS", sha256sums(entries).encode("ascii"))
    return f"{package.name}-{package.version}", entries


def build_archive(root: Path) -> tuple[str, bytes]:
    """Return (file name, zip bytes). Members sit under one folder named like the zip."""
    folder, entries = build_entries(root)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(entries):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[path])
    return f"{folder}.zip", buffer.getvalue()


def write_release(root: Path, out: Path) -> Path:
    """Write the zip and a SHA256SUMS covering it into `out`; return the zip's path."""
    name, data = build_archive(root)
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / name
    zip_path.write_bytes(data)
    (out / "SHA256SUMS").write_text(sha256sums({name: data}), encoding="ascii")
    return zip_path
