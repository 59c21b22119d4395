"""Helpers for the release tests (their fixtures are in release_fixtures.py): packages to release, the archive built from each, unzipped.

Two packages, so that nothing holds only for one article: the shipped package (from
tests/fixtures/package when it exists, else a copy of the repository's), and a
synthetic package of several articles from the benchmark generator.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks import generate_corpus

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "package"
PACKAGE_PARTS = ["datapackage.json", "schemas", "data"]
# What the repository keeps beside the package and the archive carries.
BESIDE = ["CITATION.cff", "CHANGELOG.md", "LICENSE", "deprecations.json"]
SYNTHETIC_ARTICLES = 3


def copy_shipped(dest: Path) -> Path:
    """A private copy of the shipped package, with the files a release carries beside it.

    The files beside it (citation, changelog...) are the repository's, made to agree with
    the copy's version: the fixture package may be older than the live one.
    """
    source = FIXTURE if (FIXTURE / "datapackage.json").is_file() else REPO
    dest.mkdir(parents=True, exist_ok=True)
    for part in PACKAGE_PARTS:
        path = source / part
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, dest / part)
    for name in BESIDE:
        shutil.copy2(REPO / name, dest / name)
    version = json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))["version"]
    citation = (dest / "CITATION.cff").read_text(encoding="utf-8")
    date = re.search(r"^date-released: *(\S+)", citation, flags=re.MULTILINE)
    assert date, "CITATION.cff has no date-released"
    (dest / "CITATION.cff").write_text(re.sub(r"^version:.*$", f"version: {version}", citation, count=1, flags=re.MULTILINE), encoding="utf-8")
    changelog = (dest / "CHANGELOG.md").read_text(encoding="utf-8")
    if not re.search(rf"^## {re.escape(version)} — {date.group(1)}$", changelog, flags=re.MULTILINE):
        (dest / "CHANGELOG.md").write_text(f"# Changelog\n\n## Unreleased\n\n## {version} — {date.group(1)}\n\nThe fixture's release.\n", encoding="utf-8")
    return dest


def make_synthetic(dest: Path, articles: int = SYNTHETIC_ARTICLES, seed: int = 11) -> Path:
    generate_corpus.write_package(dest, articles, seed=seed)
    (dest / "corpus.json").unlink()
    return dest


def run_release(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m release ...` in its own process, as a maintainer runs it."""
    return subprocess.run([sys.executable, "-m", "release", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def release_main(*args: str) -> Outcome:
    """`python -m release ...` in this process (the same code, without paying for the imports again)."""
    from release.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Outcome(code, out.getvalue(), err.getvalue())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    """As a contributor's editor writes it: the csv module, LF line endings."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(root: Path, table: str, index: int, column: str, value: str) -> dict[str, str]:
    """Change one cell of data/<table>.csv; return the row as it was."""
    path = root / "data" / f"{table}.csv"
    rows = read_csv(path)
    before = dict(rows[index])
    rows[index][column] = value
    write_csv(path, rows, list(before))
    return before


def git(root: Path, *args: str, env: dict | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Contributor", "-c", "user.email=contributor@example.org", "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True, env={**os.environ, **(env or {})},
    )
    return result.stdout


@dataclass
class Release:
    """A package, the archive built from it, and that archive unzipped."""

    kind: str
    root: Path  # the package released
    zip_path: Path
    folder: Path  # the archive unzipped: the folder a researcher works in

    @property
    def descriptor(self) -> dict:
        return json.loads((self.folder / "datapackage.json").read_text(encoding="utf-8"))

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def database(self) -> Path:
        return self.folder / f"{self.name}.db"

    def schemas(self) -> dict[str, dict]:
        return {r["name"]: json.loads((self.folder / r["schema"]).read_text(encoding="utf-8")) for r in self.descriptor["resources"]}

    def paths(self) -> dict[str, str]:
        return {r["name"]: r["path"] for r in self.descriptor["resources"]}

    def rows(self, table: str) -> list[dict[str, str]]:
        return read_csv(self.folder / self.paths()[table])

    def texts(self) -> dict[str, str]:
        """article id -> text, from the archive's own files."""
        return {row["article_id"]: (self.folder / row["text_path"]).read_text(encoding="utf-8") for row in self.rows("articles")}


def build(kind: str, workdir: Path) -> Release:
    root = copy_shipped(workdir / "package") if kind == "shipped" else make_synthetic(workdir / "package")
    out = workdir / "dist"
    result = release_main("--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    (zip_path,) = out.glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(workdir / "unzipped")
    (folder,) = (workdir / "unzipped").iterdir()
    return Release(kind, root, zip_path, folder)
