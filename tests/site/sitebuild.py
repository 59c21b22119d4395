"""Helpers for the site tests: build the site from a package into a temporary folder, read its pages, serve it.

Builds go through the same two commands as `make docs` (docs/generate.py, then
mkdocs build --strict), pointed at a temporary folder so tests never touch build/ or site/.
Three packages are built, each at most once per test run:
  fixture_site()  tests/fixtures/package, a frozen copy of the package;
  live_site()     the repository's own package: assertions that hold for any number of articles;
  hostile_site()  the fixture with hostile but well-formed values (hostile.py).
A test module asks for the builds it needs at once (prefetch), so two cores build them side by side,
and the workers of a pytest-xdist run share them.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "package"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Build:
    """One site build, started in the background; `site` waits for it.

    Under pytest-xdist every worker of one run shares each build: the first to ask
    builds it while holding a lock on it, the others wait on the lock and use the
    result. A thread releases the lock as soon as the build ends, so a worker never
    holds a finished build's lock while it waits for another worker's.
    """

    name: str
    root: Path  # the package
    workdir: Path
    waiter: threading.Thread | None = None  # set in the worker that builds it

    @functools.cached_property
    def site(self) -> Path:
        if self.waiter is not None:
            self.waiter.join()
        else:
            descriptor = os.open(self.workdir.parent / f"{self.name}.lock", os.O_RDWR | os.O_CREAT)
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # wait for the worker that builds it
            os.close(descriptor)
        failed = self.workdir / "failed"
        assert not failed.exists(), f"site build failed for {self.root}:\n{failed.read_text(encoding='utf-8')}"
        assert (self.workdir / "done").exists(), f"site build for {self.root} did not finish"
        return self.workdir / "site"


def _build_in_background(command: list[str], workdir: Path, lock: int | None) -> threading.Thread:
    def run() -> None:
        try:
            result = subprocess.run(command, cwd=workdir, env=ENV, capture_output=True, text=True, check=False)
            if result.returncode == 0:
                (workdir / "done").touch()
            else:
                (workdir / "failed").write_text(result.stdout + result.stderr, encoding="utf-8")
        finally:
            if lock is not None:
                os.close(lock)  # releases the lock: waiting workers go on

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _command(root: Path, workdir: Path) -> list[str]:
    # mkdocs.yml names build/ and site/ relative to itself, and snippets relative to the
    # working directory, so a copy beside the temporary build, run from there, renders that build.
    shutil.copyfile(REPO / "mkdocs.yml", workdir / "mkdocs.yml")
    script = (
        f'"{sys.executable}" "{REPO / "docs" / "generate.py"}" --root "{root}" --out "{workdir / "build"}" >/dev/null && '
        f'"{sys.executable}" -m mkdocs build --strict --quiet -f "{workdir / "mkdocs.yml"}"'
    )
    return ["sh", "-c", script]


def build_site(root: Path, workdir: Path) -> Path:
    """Build a site now, for a package of the test's own (not shared)."""
    return Build("own", root, workdir, _build_in_background(_command(root, workdir), workdir, None)).site


_folder: list[Path] = []


def use_folder(path: Path) -> None:
    """Where this run keeps its builds (conftest.py: pytest's own temporary folder, shared by xdist workers)."""
    _folder[:] = [path / "site-builds"]
    _folder[0].mkdir(exist_ok=True)


def shared_dir() -> Path:
    if not _folder:  # used outside pytest
        path = Path(tempfile.mkdtemp(prefix="site-builds-"))
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        _folder.append(path)
    return _folder[0]


_started: dict[str, Build] = {}


def _package_root(name: str, workdir: Path) -> Path:
    return {"fixture": FIXTURE, "live": REPO}.get(name, workdir / "package")


def _make_package(name: str, workdir: Path) -> Path:
    if name != "hostile":
        return _package_root(name, workdir)
    from hostile import make_hostile_package

    return make_hostile_package(workdir / "package")


def _start(name: str) -> Build:
    if name in _started:
        return _started[name]
    workdir = shared_dir() / name
    descriptor = os.open(shared_dir() / f"{name}.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # another worker is building it
        os.close(descriptor)
        build = Build(name, _package_root(name, workdir), workdir)
    else:
        if (workdir / "done").exists() or (workdir / "failed").exists():  # built earlier in this run
            os.close(descriptor)
            build = Build(name, _package_root(name, workdir), workdir)
        else:
            workdir.mkdir()
            root = _make_package(name, workdir)
            build = Build(name, root, workdir, _build_in_background(_command(root, workdir), workdir, descriptor))
    _started[name] = build
    return build


def prefetch(*names: str) -> None:
    """Start these builds now, side by side; each is built once per test run."""
    for name in names:
        _start(name)


def fixture_site() -> Path:
    return _start("fixture").site


def live_site() -> Path:
    return _start("live").site


def hostile_site() -> Path:
    return _start("hostile").site


def hostile_root() -> Path:
    build = _start("hostile")
    build.site  # noqa: B018 - the package is complete once its build is
    return build.root


# ---- the package, read plainly (not through the generator's code)

class Package:
    def __init__(self, root: Path):
        self.root = root
        self.meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        self.resources = {r["name"]: r for r in self.meta["resources"]}

    def schema(self, name: str) -> dict:
        schema = self.resources[name]["schema"]
        return schema if isinstance(schema, dict) else json.loads((self.root / schema).read_text(encoding="utf-8"))

    def rows(self, name: str) -> list[dict[str, str]]:
        csv.field_size_limit(sys.maxsize)
        with (self.root / self.resources[name]["path"]).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def primary_key(self, name: str) -> list[str]:
        pk = self.schema(name).get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)


# ---- reading built pages

def pages(site: Path) -> list[Path]:
    """Every HTML page of the site, as served paths relative to the site root (home first)."""
    found = sorted(p.relative_to(site) for p in site.rglob("index.html"))
    return sorted(found, key=lambda p: (len(p.parts) > 1, str(p)))


def url_of(page: Path) -> str:
    return "" if page == Path("index.html") else page.parent.as_posix() + "/"


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


@functools.cache
def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


class _Elements(HTMLParser):
    """Every element with its attributes and text, for structural assertions without a browser."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "param", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": [], "parent": self._open[-1] if self._open else None, "children": []}
        if element["parent"] is not None:
            element["parent"]["children"].append(element)
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"].append(data)


@functools.cache
def elements(path: Path) -> list[dict]:
    """Every element of a page in document order, each with attrs, text, parent and children (parsed once per page)."""
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    for element in parser.elements:
        element["text"] = "".join(element["text"])
    return parser.elements


def by_class(found: list[dict], name: str) -> list[dict]:
    return [e for e in found if name in (e["attrs"].get("class") or "").split()]


def descendants(element: dict) -> list[dict]:
    out = []
    stack = list(reversed(element["children"]))
    while stack:
        child = stack.pop()
        out.append(child)
        stack.extend(reversed(child["children"]))
    return out


def first(found: list[dict], *, tag: str | None = None, cls: str | None = None) -> dict:
    return next(e for e in found if (tag is None or e["tag"] == tag) and (cls is None or cls in (e["attrs"].get("class") or "").split()))


class _Highlights(HTMLParser):
    """Text covered by each article highlight: (data-hl, is a secondary span) -> words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[tuple[str, bool], str] = {}
        self._open: list[tuple[str, bool] | None] = []

    def handle_starttag(self, tag, attrs):
        if tag in _Elements.VOID:
            return
        attrs = dict(attrs)
        key = (attrs["data-hl"], "hl-sub" in (attrs.get("class") or "").split()) if "data-hl" in attrs else None
        self._open.append(key)

    def handle_endtag(self, tag):
        if self._open and tag not in _Elements.VOID:
            self._open.pop()

    def handle_data(self, data):
        for key in {k for k in self._open if k}:
            self.texts[key] = self.texts.get(key, "") + data


@functools.cache
def highlight_texts(path: Path) -> dict[tuple[str, bool], str]:
    parser = _Highlights()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


def search_index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, replaced: dict[str, bytes], **kwargs):
        self.replaced = replaced
        super().__init__(*args, **kwargs)

    def do_GET(self):
        body = self.replaced.get(self.path.split("?", 1)[0].lstrip("/"))
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page left before it finished loading closes its connections: not a failure


@contextlib.contextmanager
def serve(site: Path, replaced: dict[str, bytes] | None = None):
    """Serve `site` on 127.0.0.1 on a free port in a background thread; yield its base URL.

    `replaced` maps paths below the site to the bytes served in their place, and can change while
    serving. (Replacing them by a browser route would send every request of the page through the
    test process: a third of each page's load time.)
    """
    handler = functools.partial(_QuietHandler, directory=str(site), replaced={} if replaced is None else replaced)
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
