"""The archive as a downloader gets it: every format, checksums that verify, the same bytes on a rebuild."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from frictionless import validate
from release_helpers import BESIDE, REPO, Release, copy_shipped, release_main, run_release, set_cell

pytest_plugins = ["release_fixtures"]  # built, shipped: each package released once per session


def sums(text: str) -> dict[str, str]:
    result = {}
    for line in text.splitlines():
        digest, path = line.split("  ", 1)
        assert len(digest) == 64 and path not in result, line
        result[path] = digest
    return result


def test_archive_holds_every_format_and_its_sums_verify(built: Release):
    descriptor = built.descriptor
    files = {p.relative_to(built.folder).as_posix() for p in built.folder.rglob("*") if p.is_file()}
    tables = [r["name"] for r in descriptor["resources"]]
    expected = {"datapackage.json", "README.md", "SHA256SUMS", "metadata.json", "web-annotations.jsonld", f"{built.name}.db"}
    expected |= {r["path"] for r in descriptor["resources"]} | {r["schema"] for r in descriptor["resources"]}
    expected |= {row["text_path"] for row in built.rows("articles")}
    expected |= {f"parquet/{name}.parquet" for name in tables}
    expected |= {name for name in BESIDE if (built.root / name).is_file()}
    assert built.kind == "synthetic" or expected >= set(BESIDE)
    assert files == expected
    listed = sums((built.folder / "SHA256SUMS").read_text(encoding="ascii"))
    assert set(listed) == files - {"SHA256SUMS"}
    for path, digest in listed.items():
        assert hashlib.sha256((built.folder / path).read_bytes()).hexdigest() == digest, path
    # The dist folder's SHA256SUMS covers the zip.
    outer = sums((built.zip_path.parent / "SHA256SUMS").read_text(encoding="ascii"))
    assert outer == {built.zip_path.name: hashlib.sha256(built.zip_path.read_bytes()).hexdigest()}


def test_csv_package_is_the_repository_bytes_and_frictionless_accepts_it(built: Release):
    descriptor = built.descriptor
    for path in ["datapackage.json"] + [r["path"] for r in descriptor["resources"]] + [r["schema"] for r in descriptor["resources"]]:
        assert (built.folder / path).read_bytes() == (built.root / path).read_bytes(), path
    report = validate(str(built.folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_every_member_sits_in_one_folder_named_like_the_zip(built: Release):
    with zipfile.ZipFile(built.zip_path) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    folder = built.zip_path.name.removesuffix(".zip")
    assert folder == f"{built.name}-{built.descriptor['version']}"
    assert all(name.startswith(f"{folder}/") and ".." not in name.split("/") for name in names)
    assert names == sorted(names)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_rebuild_is_bit_identical_whatever_the_hash_seed(synthetic: Release, tmp_path: Path):
    # Another process with another string-hash seed: nothing may depend on set or dict hashing.
    # (The shipped package is rebuilt in another process below, through scripts/release.py.)
    result = run_release("--root", str(synthetic.root), "--out", str(tmp_path), env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / synthetic.zip_path.name).read_bytes() == synthetic.zip_path.read_bytes()
    assert (tmp_path / "SHA256SUMS").read_bytes() == (synthetic.zip_path.parent / "SHA256SUMS").read_bytes()


def test_old_entry_point_gives_the_same_archive(shipped: Release):
    """build_archive(root) (the site) still works through scripts/release.py.

    Running scripts/release.py itself, twice in two processes, is tests/site/test_site_downloads.py's.
    """
    # The site imports scripts/release.py as `release` and calls build_archive(root).
    import importlib.util

    spec = importlib.util.spec_from_file_location("release", REPO / "scripts" / "release.py")
    assert spec and spec.loader
    shim = importlib.util.module_from_spec(spec)
    saved = sys.modules.get("release")
    sys.modules["release"] = shim
    try:
        spec.loader.exec_module(shim)
        package = sys.modules["release"]
    finally:
        if saved is not None:
            sys.modules["release"] = saved
    name, data = package.build_archive(shipped.root)
    assert name == shipped.zip_path.name and data == shipped.zip_path.read_bytes()
    assert package.sha256sums({name: data}) == (shipped.zip_path.parent / "SHA256SUMS").read_text(encoding="ascii")


def _edit_descriptor(root: Path, change) -> None:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _set_text_path(root: Path, value: str) -> None:
    set_cell(root, "articles", 0, "text_path", value)


HOSTILE = {
    "package name climbing out (issue 11)": lambda root: _edit_descriptor(root, lambda d: d.update(name="../../../../tmp/escaped")),
    "package name with a slash": lambda root: _edit_descriptor(root, lambda d: d.update(name="news/annotations")),
    "version climbing out": lambda root: _edit_descriptor(root, lambda d: d.update(version="1.0.0/../../../../tmp/escaped")),
    "version that is not MAJOR.MINOR.PATCH": lambda root: _edit_descriptor(root, lambda d: d.update(version="latest")),
    "resource name climbing out": lambda root: _edit_descriptor(root, lambda d: d["resources"][1].update(name="../../escaped")),
    "resource path climbing out": lambda root: _edit_descriptor(root, lambda d: d["resources"][1].update(path="../outside.csv")),
    "absolute resource path": lambda root: _edit_descriptor(root, lambda d: d["resources"][1].update(path="/etc/passwd")),
    "article text path climbing out": lambda root: _set_text_path(root, "../../../../etc/passwd"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_refuses_names_and_paths_that_are_not_plain(case: str, tmp_path: Path):
    root = copy_shipped(tmp_path / "package")
    HOSTILE[case](root)
    out = tmp_path / "dist"
    result = release_main("--root", str(root), "--out", str(out))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("release: ") and "Traceback" not in result.stderr
    assert not out.exists() and not Path("/tmp/escaped").exists() and not Path("/tmp/escaped.zip").exists()


def test_refuses_to_build_when_citation_and_package_versions_disagree(tmp_path: Path):
    root = copy_shipped(tmp_path / "package")
    _edit_descriptor(root, lambda d: d.update(version="9.9.9"))
    result = release_main("--root", str(root), "--out", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert "CITATION.cff says version" in result.stderr and "9.9.9" in result.stderr and "--bump" in result.stderr


def test_refuses_a_database_whose_foreign_keys_break(tmp_path: Path):
    # Never happens after `make validate`; if it did, the database would lie about its keys.
    root = copy_shipped(tmp_path / "package")
    set_cell(root, "quotes", 0, "speaker_actor_id", "nobody-at-all")
    from release import build_archive

    with pytest.raises(ValueError, match="foreign keys"):
        build_archive(root)


def test_the_repository_keeps_its_versions_in_step():
    """The live package: the build's own check passes (make would fail otherwise)."""
    from release.identity import problems
    from release.package import load_model

    package = load_model(REPO)
    assert problems(package) == []
    assert package.descriptor["id"].startswith("urn:uuid:")
    assert package.descriptor["homepage"].startswith("https://")


def test_archive_readme_is_for_someone_with_only_the_archive(built: Release):
    readme = (built.folder / "README.md").read_text(encoding="utf-8")
    # It names what is in the archive, not the repository's tooling.
    for path in [p.relative_to(built.folder).as_posix() for p in built.folder.rglob("*") if p.is_file()]:
        if path not in ("README.md", "SHA256SUMS"):
            assert f"`{path}`" in readme, path
    for absent in ("make ", "validate/", "tests/", "python -m validate"):
        assert absent not in readme
    for licence in built.descriptor["licenses"]:
        assert licence["name"] in readme
    assert "```sql" in readme and "sha256sum -c SHA256SUMS" in readme


def test_no_partial_archive_is_left_behind(tmp_path: Path):
    root = copy_shipped(tmp_path / "package")
    shutil.rmtree(root / "schemas")
    result = release_main("--root", str(root), "--out", str(tmp_path / "dist"))
    assert result.returncode == 1 and "python -m validate" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_package_values_in_the_readme_are_text_not_markup(tmp_path: Path):
    from markdown_it import MarkdownIt

    root = copy_shipped(tmp_path / "package")
    hostile = "<script>alert(1)</script> ![x](https://tracker.example/p.png) [click](javascript:alert(2)) `code` | pipe"
    _edit_descriptor(root, lambda d: (d.update(title=hostile, description=hostile), d["resources"][0].update(description=hostile)))
    from release import build_entries

    _folder, entries = build_entries(root)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(entries["README.md"].decode("utf-8"))
    for tag in ("<script", "<img", 'href="javascript', "<code>&lt;"):
        assert tag not in html
    assert "alert(1)" in html  # still there, as text
