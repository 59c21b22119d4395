"""Write every page, the served copies of the package and the nav into one folder.

Layout of OUT (the repository's build/ by default; mkdocs.yml points at it):
  OUT/docs/            the MkDocs docs_dir: pages, assets, data/, schemas/, downloads/
  OUT/mkdocs.nav.yml   site name, nav and footer, merged into mkdocs.yml via INHERIT
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from . import article_page, home_page, relationships, table_page
from .handwritten import ROOT_PAGES, docs_pages, root_pages
from .load import load_package
from .urls import article_page as article_src
from .urls import table_page as table_src

# Code lives beside this file; the package documented may be elsewhere (--root).
REPO = Path(__file__).resolve().parents[2]
# Copied from docs/ into the site unchanged (Markdown there documents the folder, it is not a page).
ASSETS = REPO / "docs" / "assets"


def _release_module():
    """scripts/release.py builds the archive; the site serves the same bytes."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import release
    finally:
        sys.path.pop(0)
    return release


# Site search reads a page's text with the tags stripped: without a space,
# adjacent cells run together ("speaker_actor_idstringno") and no field name is
# found. Data values are escaped, so this pattern only meets our own tags.
_ADJACENT = re.compile(r"</(td|th|li|p|tr)><")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_ADJACENT.sub(r"</\1> <", text) if path.suffix == ".md" else text, encoding="utf-8")


def _copy_package(root: Path, docs: Path, package) -> None:
    """Serve the package itself at the site root, byte-identical to the repository."""
    files = ["datapackage.json"] + [t.path for t in package.tables.values()]
    files += [t.schema_path for t in package.tables.values() if t.schema_path]
    files += [row["text_path"] for row in package.tables["articles"].rows] if "articles" in package.tables else []
    for rel_path in files:
        (docs / rel_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel_path, docs / rel_path)


def _copy_assets(docs: Path) -> None:
    shutil.copytree(ASSETS, docs / ASSETS.name, ignore=shutil.ignore_patterns("*.md"))


def generate(root: Path, out: Path) -> Path:
    root, out = root.resolve(), out.resolve()
    package = load_package(root)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)  # no stale pages from an earlier build
    docs.mkdir(parents=True)

    release = _release_module()
    archive, data = release.build_archive(root)
    _write(docs / home_page.DOWNLOADS / "SHA256SUMS", release.sha256sums({archive: data}))
    (docs / home_page.DOWNLOADS / archive).write_bytes(data)
    _copy_package(root, docs, package)
    _copy_assets(docs)

    nav: list = [{"Home": "index.md"}]
    _write(docs / "index.md", home_page.render(package, archive))
    tables = []
    for table in package.tables.values():
        _write(docs / table_src(table.name), table_page.render(table, package))
        tables.append({table.title: table_src(table.name)})
    nav.append({"Tables": tables})
    _write(docs / relationships.PAGE, relationships.render(package))
    nav.append({"Relationships": relationships.PAGE})

    articles = []
    for row in package.tables["articles"].rows if "articles" in package.tables else []:
        if row["article_id"] in package.texts:
            _write(docs / article_src(row["article_id"]), article_page.render(package, row))
            articles.append({row.get("title") or row["article_id"]: article_src(row["article_id"])})
    if len(articles) == 1:
        nav.append({"The article": next(iter(articles[0].values()))})
    elif articles:
        nav.append({"Articles": articles})

    generated = {"index.md", relationships.PAGE, *ROOT_PAGES.values()}
    hand = docs_pages(root / "docs", generated)
    # The annotation method comes first among hand-written pages; the rest follow by name.
    hand.sort(key=lambda p: (p.name != "annotation-method.md", p.name))
    for page in hand + root_pages(root, hand):
        _write(docs / page.name, page.text)
        nav.append({page.title: page.name})

    notes = package.meta.get("x-licence-notes", "")
    config = {
        "site_name": package.meta.get("title", package.name),
        "site_description": package.meta.get("description", ""),
        "copyright": f"Version {package.version}. {notes}",
        "nav": nav,
    }
    # JSON is valid YAML, and json.dumps quotes every string safely.
    _write(out / "mkdocs.nav.yml", json.dumps(config, indent=1, ensure_ascii=False) + "\n")
    return docs
