"""Downloads from the site are the package's own bytes, and the release archive checks out."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sitebuild import REPO, live_site

META = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
ARCHIVE = f"{META['name']}-{META['version']}"


def parse_sums(text: str) -> dict[str, str]:
    """sha256sum format: '<64 hex>  <path>' per line."""
    sums = {}
    for line in text.splitlines():
        digest, path = line.split("  ", 1)
        assert len(digest) == 64 and path not in sums, line
        sums[path] = digest
    return sums


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(REPO / "scripts" / "release.py"), "--out", str(out)], check=True, capture_output=True)
    return out


def test_served_package_files_equal_the_repository():
    site = live_site()
    paths = ["datapackage.json"] + [r["path"] for r in META["resources"]] + [r["schema"] for r in META["resources"]]
    paths += [p.relative_to(REPO).as_posix() for p in (REPO / "data" / "source").glob("*.txt")]
    for path in paths:
        assert (site / path).read_bytes() == (REPO / path).read_bytes(), path


def test_dist_sha256sums_verify_the_archive(dist):
    sums = parse_sums((dist / "SHA256SUMS").read_text(encoding="ascii"))
    assert list(sums) == [f"{ARCHIVE}.zip"]
    assert hashlib.sha256((dist / f"{ARCHIVE}.zip").read_bytes()).hexdigest() == sums[f"{ARCHIVE}.zip"]


def test_archive_holds_the_package_and_its_sums_verify(dist):
    with zipfile.ZipFile(dist / f"{ARCHIVE}.zip") as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    prefix = f"{ARCHIVE}/"
    assert all(name.startswith(prefix) for name in members)
    files = {name[len(prefix):]: data for name, data in members.items()}
    expected = {"datapackage.json"} | {r["path"] for r in META["resources"]} | {r["schema"] for r in META["resources"]}
    expected |= {p.relative_to(REPO).as_posix() for p in (REPO / "data" / "source").glob("*.txt")}
    assert expected <= set(files)
    for path in expected:
        assert files[path] == (REPO / path).read_bytes(), path
    sums = parse_sums(files.pop("SHA256SUMS").decode("ascii"))
    assert set(sums) == set(files)
    for path, data in files.items():
        assert hashlib.sha256(data).hexdigest() == sums[path], path


def test_site_serves_the_same_archive_as_dist(dist):
    site = live_site()
    assert (site / "downloads" / f"{ARCHIVE}.zip").read_bytes() == (dist / f"{ARCHIVE}.zip").read_bytes()
    assert (site / "downloads" / "SHA256SUMS").read_bytes() == (dist / "SHA256SUMS").read_bytes()


def test_release_is_reproducible(dist, tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "release.py"), "--out", str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / f"{ARCHIVE}.zip").read_bytes() == (dist / f"{ARCHIVE}.zip").read_bytes()
