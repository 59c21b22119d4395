"""Build the release archive: dist/<name>-<version>.zip and dist/SHA256SUMS.

The archive is byte-for-byte reproducible (fixed timestamps and modes, sorted
members), so the copy the docs site serves and the copy in dist/ are the same
file whichever of `make docs` and `make dist` runs first.

Usage: python scripts/release.py [--root DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

# 1980-01-01 is the earliest time a zip entry can carry; any fixed value keeps
# the archive reproducible, this one says plainly that it is not a real date.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Files beside the package that a downloader needs (licence, how to cite),
# included when the repository has them.
OPTIONAL_FILES = ("README.md", "CITATION.cff", "LICENSE", "CHANGELOG.md")


def archive_name(root: Path) -> str:
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return f"{meta['name']}-{meta['version']}"


def package_files(root: Path) -> list[str]:
    """Repository-relative paths of everything the archive holds, sorted."""
    paths = ["datapackage.json"]
    paths += [p.relative_to(root).as_posix() for p in (root / "schemas").glob("*.json")]
    paths += [p.relative_to(root).as_posix() for p in (root / "data").glob("*.csv")]
    paths += [p.relative_to(root).as_posix() for p in (root / "data" / "source").glob("*.txt")]
    paths += [name for name in OPTIONAL_FILES if (root / name).is_file()]
    return sorted(paths)


def sha256sums(entries: dict[str, bytes]) -> str:
    """Text in `sha256sum` format (two spaces, binary-safe names), sorted by path."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(entries.items()))


def build_archive(root: Path) -> tuple[str, bytes]:
    """Return (file name, zip bytes). Members sit under one folder named like the zip."""
    folder = archive_name(root)
    entries = {path: (root / path).read_bytes() for path in package_files(root)}
    entries["SHA256SUMS"] = sha256sums(entries).encode("ascii")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--out", type=Path, default=None, help="default: ROOT/dist")
    args = parser.parse_args(argv)
    zip_path = write_release(args.root, args.out or args.root / "dist")
    print(f"wrote {zip_path} and {zip_path.parent / 'SHA256SUMS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
