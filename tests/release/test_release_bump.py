"""`python -m release --bump`: one new version in datapackage.json, CITATION.cff and CHANGELOG.md, with the data diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from release_helpers import copy_shipped, git, read_csv, release_main, set_cell, write_csv

pytest_plugins = ["release_fixtures"]  # built, shipped: each package released once per session

RELEASED = "2026-11-23T12:00:00+00:00"  # the day CITATION.cff gives for the shipped release


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The shipped package at its release, committed on its release day, with an id and a real homepage."""
    root = copy_shipped(tmp_path / "repo")
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["homepage"] = "https://data.publisher.org/news-article-annotations/"
    descriptor["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "release", env={"GIT_AUTHOR_DATE": RELEASED, "GIT_COMMITTER_DATE": RELEASED})
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in ("datapackage.json", "CITATION.cff", "CHANGELOG.md")}


def test_bump_keeps_the_three_files_in_step_and_writes_the_data_diff(repo: Path, tmp_path: Path):
    old_version = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))["version"]
    before = set_cell(repo, "actors", 0, "notes", "A note added after the release.")
    result = release_main("--root", str(repo), "--bump", "minor", "--date", "2027-01-15")
    assert result.returncode == 0, result.stderr
    major, minor, _ = (int(n) for n in old_version.split("."))
    version = f"{major}.{minor + 1}.0"
    assert json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))["version"] == version
    cff = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == version and str(cff["date-released"]) == "2027-01-15"
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = changelog.split(f"## {version} — 2027-01-15\n", 1)[1].split(f"\n## {old_version} ", 1)[0]
    assert "## Unreleased" not in changelog
    assert f"### Data changes: release {old_version} → release {version}" in entry
    assert "A note added after the release." in entry and before["actor_id"] in entry
    # The build accepts what the bump wrote, and the archive carries the new entry.
    built = release_main("--root", str(repo), "--out", str(tmp_path / "dist"))
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "dist" / f"news-article-annotations-{version}.zip").is_file()


def test_bump_starts_from_the_release_tag_when_there_is_one(repo: Path):
    git(repo, "tag", "v0.1.0")
    set_cell(repo, "actors", 0, "notes", "Changed once.")
    git(repo, "commit", "-q", "-am", "after the release")  # later than the release day: only the tag finds the release
    set_cell(repo, "actors", 1, "notes", "Changed twice.")
    result = release_main("--root", str(repo), "--bump", "patch", "--date", "2027-02-01")
    assert result.returncode == 0, result.stderr
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Changed once." in changelog and "Changed twice." in changelog


def test_bump_refuses_a_removed_id_and_writes_nothing(repo: Path):
    quotes = read_csv(repo / "data" / "quotes.csv")
    gone = quotes.pop()
    write_csv(repo / "data" / "quotes.csv", quotes)
    files = snapshot(repo)
    result = release_main("--root", str(repo), "--bump", "major", "--date", "2027-01-15")
    assert result.returncode == 1
    assert gone["quote_id"] in result.stderr
    assert snapshot(repo) == files


def test_bump_refuses_a_placeholder_homepage(repo: Path):
    path = repo / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["homepage"] = "https://example.org/news-article-annotations/"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    files = snapshot(repo)
    result = release_main("--root", str(repo), "--bump", "minor", "--date", "2027-01-15")
    assert result.returncode == 1 and "placeholder" in result.stderr
    assert snapshot(repo) == files


def test_bump_refuses_when_the_files_already_disagree(repo: Path):
    cff = repo / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace("\nversion: ", "\nversion: 3", 1), encoding="utf-8")
    files = snapshot(repo)
    result = release_main("--root", str(repo), "--bump", "patch", "--date", "2027-01-15")
    assert result.returncode == 1 and "CITATION.cff says version" in result.stderr
    assert snapshot(repo) == files
