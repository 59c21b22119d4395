"""The built site as a reader meets it, in headless Chromium (Debian's, never a downloaded one).

Run with `pytest -m browser`. Fails, not skips, when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from sitebuild import REPO, real_site, serve

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "tests" / "artifacts"
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, Object.assign({}, init, {mode: "open"})); };
"""


def _package():
    meta = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: json.loads((REPO / r["schema"]).read_text(encoding="utf-8")) for r in meta["resources"]}
    paths = {r["name"]: r["path"] for r in meta["resources"]}
    return schemas, paths


def _rows(path: str) -> list[dict[str, str]]:
    with (REPO / path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def browser_page():
    assert CHROMIUM.exists(), "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    site = real_site()
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(10_000)  # fail fast: the whole test should stay well under a minute
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

        def check_request(request):
            url = urlsplit(request.url)
            if url.scheme in ("data", "blob", "about"):
                return
            if url.hostname != "127.0.0.1":
                problems.append(f"request to another host: {request.url}")

        page.on("request", check_request)
        # ERR_ABORTED is a load cut short by the next page.goto, not a broken link.
        page.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or problems.append(f"request failed: {r.url} {r.failure}"))
        # Material draws Mermaid into a closed shadow root; open it so the test can see the SVG.
        page.add_init_script(OPEN_SHADOW_ROOTS)
        yield base, page, problems
        browser.close()


def test_pages_as_a_reader_sees_them(browser_page):
    base, page, problems = browser_page
    schemas, paths = _package()
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(base)
    assert page.locator("h1").first.inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    # Every table page lists every field of its schema, one row per field.
    for name, schema in schemas.items():
        page.goto(f"{base}tables/{name}/")
        for field in schema["fields"]:
            cell = page.locator(f'table[data-dd="fields"] tr[id="field-{field["name"]}"] td').first
            assert cell.inner_text().strip() == field["name"], (name, field["name"])
    page.goto(f"{base}tables/quotes/")
    page.screenshot(path=str(ARTIFACTS / "table-quotes.png"), full_page=True)

    # Sorting and filtering the rows work.
    page.fill('.dd-filter[data-table="rows-quotes"]', "Baskey")
    visible = page.locator("#rows-quotes tbody tr:visible")
    assert 0 < visible.count() < len(_rows(paths["quotes"]))
    page.fill('.dd-filter[data-table="rows-quotes"]', "")
    sort = page.locator('#rows-quotes th button[title="Sort by quote_id"]')
    sort.click()  # ascending
    sort.click()  # descending
    ids = page.locator("#rows-quotes tbody tr").evaluate_all("rows => rows.map(r => r.id)")
    assert ids == sorted(ids, reverse=True)

    # Site search finds a field by its name.
    page.goto(base)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("speaker_actor_id")  # the search box reacts to key presses
    result = page.locator(".md-search-result__item a[href*='tables/quotes/']").first
    result.wait_for(timeout=10_000)

    # The article page shows a highlight for every quote; following one lands on its row.
    quotes = _rows(paths["quotes"])
    article_id = quotes[0]["article_id"]
    page.goto(f"{base}article/{article_id}/")
    for quote in quotes:
        label = page.locator(f'[id="hl-quotes-{quote["quote_id"]}"]')
        assert label.count() == 1 and label.is_visible(), quote["quote_id"]
        pieces = page.locator(f'.dd-article .hl-quotes:not(.hl-sub)[data-hl="hl-quotes-{quote["quote_id"]}"]')
        assert "".join(pieces.all_inner_texts()) == quote["text"]
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    target = quotes[1]["quote_id"]
    page.locator(f'[id="hl-quotes-{target}"]').click()
    page.wait_for_url(f"**/tables/quotes/#row-{target}")
    row = page.locator(f'tr[id="row-{target}"]')
    assert row.is_visible() and row.evaluate("r => r.matches(':target')")
    # ...and the row links back to its place in the article.
    row.locator("a.dd-in-text").click()
    page.wait_for_url(f"**/article/{article_id}/#hl-quotes-{target}")

    # A download link returns the CSV byte-identical to data/.
    page.goto(base)
    link = page.locator(f'a[href="{paths["quotes"]}"]').first
    response = page.request.get(base + link.get_attribute("href"))
    assert response.ok and response.body() == (REPO / paths["quotes"]).read_bytes()
    archive = page.locator("a[href^='downloads/'][href$='.zip']").first
    assert page.request.get(base + archive.get_attribute("href")).ok

    # The ER diagram is drawn.
    page.goto(f"{base}relationships/")
    diagram = page.locator("div.mermaid svg")
    diagram.first.wait_for(timeout=15_000)
    assert diagram.count() == 1
    box = diagram.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200, box
    schemas_drawn = diagram.locator("g.node, g[id*='entity']").count()
    assert schemas_drawn >= len(schemas), schemas_drawn
    page.screenshot(path=str(ARTIFACTS / "relationships.png"), full_page=True)

    assert problems == []
