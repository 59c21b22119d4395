"""Hand-written pages: docs/*.md as they are, and the repository's CONTRIBUTING.md and CHANGELOG.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Repository files published as site pages: source path -> page name.
ROOT_PAGES = {"CONTRIBUTING.md": "contributing.md", "CHANGELOG.md": "changelog.md"}
# Repository files the site serves as downloads at the same path.
_SERVED = re.compile(r"^(datapackage\.json|schemas/[^/]+\.json|data/[^/]+\.csv|data/source/[^/]+\.txt)$")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)((?:\s+\"[^\"]*\")?)\)")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass
class Page:
    name: str  # file name in the generated docs folder
    title: str
    text: str


def title_of(text: str, fallback: str) -> str:
    match = _HEADING.search(text)
    return match.group(1).strip() if match else fallback


def docs_pages(docs: Path, reserved: set[str]) -> list[Page]:
    pages = []
    for path in sorted(docs.glob("*.md")):
        if path.name in reserved:
            raise SystemExit(f"docs/{path.name} clashes with a generated page; rename it")
        text = path.read_text(encoding="utf-8")
        pages.append(Page(path.name, title_of(text, path.stem.replace("-", " ").capitalize()), text))
    return pages


def _rewrite_links(text: str, published: dict[str, str]) -> str:
    """Links in a repository-root file are relative to the repository, not the site.

    Keep links to what the site publishes (pointed at its page), and show links
    to other repository files as plain text, so they do not break the site.
    """
    def fix(match: re.Match) -> str:
        label, target, title = match.groups()
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target, re.I):
            return match.group(0)
        path, _, anchor = target.partition("#")
        path = path.removeprefix("./")
        page = published.get(path) or (path if _SERVED.match(path) else None)
        if page is None:
            return f"{label} (`{target}` in the repository)"
        return f"[{label}]({page}{'#' + anchor if anchor else ''}{title})"

    return _LINK.sub(fix, text)


def root_pages(root: Path, docs_pages_: list[Page]) -> list[Page]:
    published = {f"docs/{p.name}": p.name for p in docs_pages_}
    published.update({src: dst for src, dst in ROOT_PAGES.items() if (root / src).is_file()})
    pages = []
    for src, name in ROOT_PAGES.items():
        path = root / src
        if path.is_file():
            text = _rewrite_links(path.read_text(encoding="utf-8"), published)
            pages.append(Page(name, title_of(text, Path(src).stem.capitalize()), text))
    return pages
