"""A valid second article keeps the package green: tests/fixtures/contributed-article applied on top of the live data/.

The fixture is a complete pull request's worth of rows for one invented article
(every table). Applied to a copy of the repository's package, the validator
must find nothing and the data tests (tests/data, pointed at the copy through
PACKAGE_ROOT) must pass, so that neither assumes the package holds one article.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PACKAGE_PARTS, ROOT
from contributed import FIXTURE, apply, tables

FIXTURE_ARTICLE = "bridge-repair-contract"


@pytest.fixture(scope="module")
def applied(tmp_path_factory) -> Path:
    """A copy of the repository's package (descriptor, schemas, data) with the contributed article applied.

    Applied already (a clone where someone tried it on data/ itself), the copy is the package as it is.
    """
    root = tmp_path_factory.mktemp("contributed") / "package"
    root.mkdir()
    for part in PACKAGE_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    if not ALREADY_THERE:
        apply(root)
    return root


def article_ids(root: Path) -> list[str]:
    with open(root / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        return [row["article_id"] for row in csv.DictReader(handle)]


ALREADY_THERE = FIXTURE_ARTICLE in article_ids(ROOT)


def test_the_fixture_adds_rows_to_every_table():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert set(tables()) == {r["name"] for r in descriptor["resources"]}
    for name, path in tables().items():
        with open(path, encoding="utf-8", newline="") as handle:
            assert list(csv.DictReader(handle)), f"{name}: the fixture adds no row"


def test_the_copy_holds_both_articles_and_the_new_text(applied):
    ids = article_ids(applied)
    assert len(ids) >= 2 and len(ids) == len(set(ids)) and set(ids) == set(article_ids(ROOT)) | {FIXTURE_ARTICLE}
    text = applied / "data" / "source" / f"{FIXTURE_ARTICLE}.txt"
    assert text.read_bytes() == (FIXTURE / "source" / text.name).read_bytes()


def test_the_live_lines_are_kept_and_the_rows_appended(applied):
    """What a contributor's pull request holds: every table's lines as they were, the new rows after them, in the same CSV layout."""
    for name, path in tables().items():
        live = (ROOT / "data" / f"{name}.csv").read_bytes()
        added = b"" if ALREADY_THERE else path.read_bytes().split(b"\n", 1)[1]
        assert (applied / "data" / f"{name}.csv").read_bytes() == live + added, name


def test_the_validator_finds_nothing(applied):
    result = subprocess.run([sys.executable, "-m", "validate", str(applied / "datapackage.json"), "--format", "json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert (result.returncode, report["error_count"]) == (0, 0), json.dumps(report["errors"][:20], indent=1)


def test_the_data_tests_pass_on_the_copy(applied):
    environment = {**os.environ, "PACKAGE_ROOT": str(applied)}
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/data", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                             "--ignore", str(Path(__file__).relative_to(ROOT))],
                            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout, result.stdout
