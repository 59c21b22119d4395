"""The release: the package as CSV, Parquet, SQLite, Datasette metadata and Web Annotations, in one reproducible zip.

Run as `python -m release` (see release/__main__.py). One module per output:
parquet, sqlite, datasette, webannotation, readme; archive puts them together;
identity keeps the version, CITATION.cff and CHANGELOG.md in step; bump cuts a release.
"""

from .archive import archive_name, build_archive, build_entries, sha256sums, write_release

__all__ = ["archive_name", "build_archive", "build_entries", "sha256sums", "write_release"]
