"""A private copy of a small fixture package (tests/annotate/package) per test, and annotate run on it.

A helper module, not a conftest.py: the tests beside it import the `package` fixture, so that
`from conftest import ...` elsewhere in tests/ keeps meaning tests/conftest.py.
"""
from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotate.__main__ import main

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "package"
ROOT = HERE.parent.parent
LABELSTUDIO = ROOT / "tests" / "fixtures" / "labelstudio"


@dataclass
class Run:
    code: int
    output: str


class Package:
    def __init__(self, root: Path):
        self.root = root

    def annotate(self, *args: str) -> Run:
        out = io.StringIO()
        code = main([args[0], "--package", str(self.root), *args[1:]], out=out)
        return Run(code, out.getvalue())

    def rows(self, table: str) -> list[dict[str, str]]:
        with open(self.root / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def write_rows(self, table: str, rows: list[dict[str, str]]) -> None:
        with open(self.root / "data" / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def text(self, article_id: str) -> str:
        return (self.root / "data" / "source" / f"{article_id}.txt").read_text(encoding="utf-8")

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.root)): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file()}


@pytest.fixture
def package(tmp_path: Path) -> Package:
    shutil.copytree(FIXTURE, tmp_path / "package")
    return Package(tmp_path / "package")
