"""Values from the data are shown as text on the site, never run or rendered as markup.

Builds the site from a temporary copy of the package in which cells hold HTML,
Markdown and a javascript: link, then reads the rendered pages and search index.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import REPO, build_site, page_text

SCRIPT = '<script>alert("pwned")</script>'
# The blank lines try to end the raw HTML block so that Markdown takes over.
MARKDOWN = "\n\n**bold** _it_\n\n"
LINK = "[click](javascript:alert(1))"
IMG = "<img src=x onerror=alert(2)>"
PAYLOAD = f"{SCRIPT} {MARKDOWN} {LINK} {IMG}"


def _edit_csv(path: Path, row_index: int, field: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[row_index][field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _first_row_index(path: Path, field: str, value: str) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(i for i, row in enumerate(csv.DictReader(handle)) if row[field] == value)


class _Markup(HTMLParser):
    """What a browser would act on: script bodies, event handlers, link targets, emphasis."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.emphasis: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"{tag} {k}={v}" for k, v in attrs if k.startswith("on")]
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]
        self._in = tag if tag in ("script", "strong", "em") else None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in in ("strong", "em"):
            self.emphasis.append(data)


def _markup(path: Path) -> _Markup:
    parser = _Markup()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("package")
    for part in ("datapackage.json", "schemas", "data"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    # A quote's speaker: the name shows in the article's speaker label, tooltips and tables.
    quotes = root / "data" / "quotes.csv"
    with quotes.open(encoding="utf-8", newline="") as handle:
        speaker = next(csv.DictReader(handle))["speaker_actor_id"]
    actors = root / "data" / "actors.csv"
    _edit_csv(actors, _first_row_index(actors, "actor_id", speaker), "name", PAYLOAD)
    _edit_csv(actors, 0, "description", PAYLOAD)
    _edit_csv(quotes, 0, "notes", PAYLOAD)
    return build_site(root, tmp_path_factory.mktemp("site"))


def _pages(site: Path) -> list[Path]:
    return [site / "index.html", site / "tables/actors/index.html", site / "tables/quotes/index.html",
            *sorted((site / "article").glob("*/index.html"))]


def test_payload_is_shown_as_literal_text(hostile_site):
    for page in _pages(hostile_site)[1:]:
        assert PAYLOAD in page_text(page), page


def test_payload_is_not_executed_or_rendered(hostile_site):
    for page in _pages(hostile_site):
        found = _markup(page)
        assert not [s for s in found.scripts if "pwned" in s], page
        assert found.handlers == [], page
        assert not [h for h in found.hrefs if h.strip().lower().startswith("javascript:")], page
        assert "bold" not in found.emphasis and "it" not in found.emphasis, page


def test_search_index_keeps_payload_escaped(hostile_site):
    # Material shows search results as HTML, so the index must hold the escaped form.
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "pwned" in texts
    assert SCRIPT not in texts and IMG not in texts
