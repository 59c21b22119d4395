"""Write every page, the served copies of the package and the nav into one folder.

Layout of OUT (the repository's build/ by default; mkdocs.yml points at it):
  OUT/docs/            the MkDocs docs_dir: pages, assets, snippets, data/, schemas/, downloads/
  OUT/mkdocs.nav.yml   site name, nav and footer, merged into mkdocs.yml via INHERIT
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path, PurePosixPath

from . import article_page, derived, entities, home_page, relationships, table_page
from .handwritten import ROOT_PAGES, docs_pages, root_pages
from .load import load
from .lookup import Site
from .navigation import front_matter, nav, write_config
from .urls import ENTITY_TABLES, entity_page
from .urls import article_page as article_src
from .urls import table_page as table_src

# Code and hand-written pages live beside this file; the package documented may be elsewhere (--root).
REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
# Copied from docs/ into the site unchanged (Markdown there documents the folder, it is not a page).
COPIED = ("assets", "snippets")


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
# found. Block elements only: a space between inline ones would show in the
# article's pre-wrapped text. Data values are escaped, so this only meets our own tags.
_ADJACENT = re.compile(r"</(td|th|li|p|tr|dt|dd|div|dl|ul|ol|h3|section|summary|details)><")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_ADJACENT.sub(r"</\1> <", text) if path.suffix == ".md" else text, encoding="utf-8")


_PLAIN_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.zip")


def _warn(message: str) -> None:
    print(f"docs: {message}", file=sys.stderr)


def _plain_relative(path: str) -> bool:
    posix = PurePosixPath(path)
    return bool(path) and not posix.is_absolute() and ".." not in posix.parts and "\\" not in path and ":" not in path


def _copy_package(root: Path, docs: Path, site: Site) -> None:
    """Serve the package itself at the site root, byte-identical to the repository."""
    files = ["datapackage.json"] + [r.path for r in site.resources.values()]
    files += [r.schema_path for r in site.resources.values() if r.schema_path]
    texts = site.model.texts
    if texts:
        files += [row.get(texts.path, "") for row in site.rows[texts.resource] if row.get(texts.key) in site.texts]
    for rel_path in files:
        if not _plain_relative(rel_path):
            _warn(f"not serving {rel_path!r}: not a plain relative path")
            continue
        source, target = (root / rel_path).resolve(), (docs / rel_path).resolve()
        if not source.is_relative_to(root.resolve()) or not target.is_relative_to(docs.resolve()) or not source.is_file():
            _warn(f"not serving {rel_path!r}: outside the package or not a file")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _copy_static(docs: Path) -> None:
    for name in COPIED:
        if (DOCS / name).is_dir():
            shutil.copytree(DOCS / name, docs / name, ignore=shutil.ignore_patterns("*.md", "__pycache__"))


def _page(docs: Path, src: str, title: str, body: str, hide: list[str] | None = None) -> None:
    _write(docs / src, front_matter(title, hide) + body)


def _table_pages(docs: Path, site: Site) -> list[tuple[str, str]]:
    nav = []
    for resource in site.resources.values():
        _page(docs, table_src(resource.name), resource.title, table_page.render(resource, site), hide=["toc"])
        nav.append((resource.title, table_src(resource.name)))
    return nav


def _entity_pages(docs: Path, site: Site) -> list[tuple[str, str]]:
    """A page per actor, place and cited work whose id is a plain slug, and an index page per table."""
    nav = []
    for name in ENTITY_TABLES:
        resource = site.resources.get(name)
        if resource is None or len(resource.primary_key) != 1:
            continue
        for row in site.rows[name]:
            key = row.get(resource.primary_key[0], "")
            src = entity_page(name, key)
            if src is None:
                _warn(f"no page for {name} row {key!r}: its id is not a plain slug")
                continue
            _page(docs, src, site.label(resource, row), entities.render(resource, row, site))
        _page(docs, entities.index_page(resource), resource.title, entities.render_index(resource, site))
        nav.append((resource.title, entities.index_page(resource)))
    return nav


def _article_pages(docs: Path, site: Site) -> list[tuple[str, str]]:
    nav = []
    for row in site.rows.get(site.article_table() or "", []):
        article_id = row.get(site.model.texts.key, "") if site.model.texts else ""
        if article_id in site.texts:
            title = article_page.title_of(row, article_id)
            _page(docs, article_src(article_id), title, article_page.render(site, row, article_id), hide=["toc"])
            nav.append((title, article_src(article_id)))
    return nav


def generate(root: Path, out: Path) -> Path:
    root, out = root.resolve(), out.resolve()
    site = Site(load(root))
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)  # no stale pages from an earlier build
    docs.mkdir(parents=True)

    release = _release_module()
    archive, data = release.build_archive(root)
    if _PLAIN_FILE.fullmatch(archive):
        _write(docs / home_page.DOWNLOADS / "SHA256SUMS", release.sha256sums({archive: data}))
        (docs / home_page.DOWNLOADS / archive).write_bytes(data)
    else:
        _warn(f"not serving the archive {archive!r}: its name (package name and version) is not a plain file name")
        archive = ""
    _copy_package(root, docs, site)
    _copy_static(docs)

    _page(docs, home_page.PAGE, site.model.title, home_page.render(site, archive))
    tables = _table_pages(docs, site)
    entity_nav = _entity_pages(docs, site)
    _page(docs, relationships.PAGE, "Relationships", relationships.render(site), hide=["toc"])
    relationships.render_svg(site, docs / relationships.SVG)
    articles = _article_pages(docs, site)

    generated = {home_page.PAGE, relationships.PAGE, *ROOT_PAGES.values()}
    hand = docs_pages(DOCS, generated)
    for page in hand + root_pages(REPO, hand):
        _write(docs / page.name, derived.fill(page.text))

    navigation = nav(
        home=home_page.PAGE, data=[], tables=tables, entities=entity_nav, articles=articles, relationships=relationships.PAGE,
        hand=[(p.title, p.name) for p in hand + root_pages(REPO, hand)],
    )
    notes = site.model.descriptor.get("x-licence-notes", "")
    write_config(out / "mkdocs.nav.yml", site_name=site.model.title, description=str(site.model.descriptor.get("description", "")),
                 footer=f"Version {site.model.version}. {notes}", nav_=navigation)
    return docs
