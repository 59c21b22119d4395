"""Helpers for the docs tests: build the site into a temporary folder, read its pages, serve it.

Builds go through the same two commands as `make docs` (docs/generate.py, then
mkdocs build --strict), pointed at a temporary folder so tests never touch build/ or site/.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_site(root: Path, workdir: Path) -> Path:
    """Generate and render the site for the package at `root`; return the site folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, str(REPO / "docs" / "generate.py"), "--root", str(root), "--out", str(workdir / "build")],
        check=True, capture_output=True, env=env,
    )
    # mkdocs.yml names build/ and site/ relative to itself, so a copy beside
    # the temporary build renders that build.
    shutil.copyfile(REPO / "mkdocs.yml", workdir / "mkdocs.yml")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(workdir / "mkdocs.yml")],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return workdir / "site"


@functools.cache
def real_site() -> Path:
    """The site built once per test run from the repository's own package."""
    workdir = Path(tempfile.mkdtemp(prefix="docs-site-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    return build_site(REPO, workdir)


class _Text(HTMLParser):
    """Visible text of a page (script and style contents left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


class _Tables(HTMLParser):
    """Cell texts of every <table>, keyed by its id (or data-field), row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self._current: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            key = attrs.get("data-field") or attrs.get("id") or attrs.get("data-dd") or f"t{len(self.tables)}"
            self._current = self.tables.setdefault(key, [])
        elif tag == "tr" and self._current is not None:
            self._current.append([])
        elif tag in ("td", "th") and self._current is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._current:
            self._current[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._current = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(path: Path) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


class _Highlights(HTMLParser):
    """Text covered by each article highlight: (data-hl, is a secondary span) -> words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[tuple[str, bool], str] = {}
        self._open: list[tuple[str, bool] | None] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        attrs = dict(attrs)
        key = (attrs["data-hl"], "hl-sub" in (attrs.get("class") or "").split()) if "data-hl" in attrs else None
        self._open.append(key)

    def handle_endtag(self, tag):
        if self._open and tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._open.pop()

    def handle_data(self, data):
        for key in {k for k in self._open if k}:
            self.texts[key] = self.texts.get(key, "") + data


def highlight_texts(path: Path) -> dict[tuple[str, bool], str]:
    parser = _Highlights()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve `site` on 127.0.0.1 on a free port in a background thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
