"""The built site as a reader meets it, in headless Chromium (Debian's, never a downloaded one).

One browser for the whole module. Fails, not skips, when /usr/bin/chromium is missing.
With SITE_SCREENSHOTS=1, full-page screenshots of every kind of page at both widths go to tests/artifacts/.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitebuild import FIXTURE, REPO, Package, elements, fixture_site, hostile_site, live_site, page_text, pages, prefetch, serve, url_of

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "tests" / "artifacts"
# SITE_SCREENSHOTS=1: a full-page screenshot of each kind of page at both widths, in tests/artifacts/, to look at.
SCREENSHOTS = bool(os.environ.get("SITE_SCREENSHOTS"))
WIDTHS = (1280, 390)
HAND_WRITTEN = {p.stem for p in (REPO / "docs").glob("*.md")} | {"contributing", "changelog"}

# Everything that can go wrong with a page's width, in one pass over its content.
LAYOUT = """(handWritten) => {
  const out = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "")
    + " «" + (el.textContent || "").trim().slice(0, 40) + "»";
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) out.push(`page is ${document.documentElement.scrollWidth}px wide in ${vw}px`);
  const content = document.querySelector(".md-content");
  // Boxes allowed to scroll sideways: code listings, the zoomed diagram, and tables in hand-written pages.
  const scroller = "pre, .dd-zoom" + (handWritten ? ", .md-typeset__scrollwrap" : "");
  // A tree walk that skips the boxes allowed to scroll, subtree and all (closest() per element would walk up for each).
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_ELEMENT,
    { acceptNode: (el) => el.matches(scroller) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) { out.push("sticks out: " + describe(el)); continue; }
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
      out.push("scrolls or clips sideways: " + describe(el));
    }
  }
  for (const d of content.querySelectorAll(".dd-desc, .dd-lead, .dd-codebook dd, .dd-cell, .dd-kv dd, .dd-refs li")) {
    const r = d.getBoundingClientRect();
    if (d.scrollWidth > d.clientWidth + 1 || r.right > vw + 1) out.push("clipped: " + describe(d));
  }
  // Names and codes wrap only at the break points they carry, and these fit: one line each.
  for (const c of content.querySelectorAll(".dd-field-name code, .dd-codebook dt > code:first-child, .dd-rows-head code, .dd-kv dt code")) {
    const lines = new Set([...c.getClientRects()].map(r => Math.round(r.bottom)));
    if (lines.size > 1) out.push("name broken across lines: " + c.textContent);
  }
  return out.slice(0, 12);
}"""

SETTLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@dataclass
class Tab:
    base: str
    page: Page
    problems: list[str] = field(default_factory=list)
    replaced: dict[str, bytes] = field(default_factory=dict)  # what the server serves instead of the site's files

    @property
    def searching(self) -> bool:
        """The real search index is served only to tests that search."""
        return SEARCH_INDEX not in self.replaced

    @searching.setter
    def searching(self, on: bool) -> None:
        if on:
            self.replaced.pop(SEARCH_INDEX, None)
        else:
            self.replaced[SEARCH_INDEX] = self.empty_index

    empty_index: bytes = b""

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def take_problems(self) -> list[str]:
        found, self.problems[:] = list(self.problems), []
        return found


def _watch(page: Page, problems: list[str]) -> None:
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

    def check_request(request):
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob", "about") and url.hostname != "127.0.0.1":
            problems.append(f"request to another host: {request.url}")

    page.on("request", check_request)
    # ERR_ABORTED is a load cut short by the next page.goto, not a broken link.
    page.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or problems.append(f"request failed: {r.url} {r.failure}"))


SEARCH_INDEX = "search/search_index.json"


def _empty_index(site: Path) -> bytes:
    """A search index with the site's settings and no entries: every page load would otherwise index the whole site."""
    config = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))["config"]
    return json.dumps({"config": config, "docs": []}).encode()


def visit_all(browser: Browser, site: Path, check, tabs: int = 3, one_per_kind: bool = False,
              shard: tuple[int, int] = (0, 1), urls: list[str] | None = None) -> list[str]:
    """Open every page of `site` (or those of `urls`) and run check(page, url) on each, `tabs` pages loading at once.

    shard=(i, n) visits every n-th page from the i-th, so that n test workers share the pages.

    Navigation is started by script, which returns at once, so the other tabs load
    while one is checked. The search index is replaced by an empty one here: every
    tab would otherwise build the whole index, and these checks do not search.
    """
    problems: list[str] = []
    urls = [url_of(p) for p in pages(site)] if urls is None else urls
    if one_per_kind:  # pages of a kind come from one template: the first of each shows what the template does with the data
        firsts: dict[str, str] = {}
        for url in urls:
            firsts.setdefault(_kind(url), url)
        urls = list(firsts.values())
    urls = urls[shard[0]::shard[1]]
    with serve(site, {SEARCH_INDEX: _empty_index(site)}) as base:
        open_tabs = []
        for _ in range(tabs):
            page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
            page.set_default_timeout(15_000)
            _watch(page, problems)
            open_tabs.append(page)

        def start(index: int) -> None:
            if index < len(urls):
                open_tabs[index % tabs].evaluate("u => { location.href = u; }", base + urls[index])

        for index in range(min(tabs, len(urls))):
            start(index)
        for index, url in enumerate(urls):
            page = open_tabs[index % tabs]
            page.wait_for_url(base + url, wait_until="domcontentloaded")
            page.wait_for_load_state("load")
            check(page, url)
            start(index + tabs)
        for page in open_tabs:
            page.close()
    return problems


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    prefetch("live", "fixture", "hostile")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


def _tab(browser: Browser, site: Path) -> Iterator[Tab]:
    empty = _empty_index(site)
    replaced = {SEARCH_INDEX: empty}
    with serve(site, replaced) as base:
        page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
        page.set_default_timeout(10_000)  # fail fast: the whole module stays well under a minute
        tab = Tab(base, page, replaced=replaced, empty_index=empty)
        _watch(page, tab.problems)
        yield tab
        page.close()


@pytest.fixture(scope="module")
def fixture(browser) -> Iterator[Tab]:
    yield from _tab(browser, fixture_site())


def _kind(url: str) -> str:
    """One screenshot per kind of page: the first page seen of each kind."""
    parts = url.strip("/").split("/")
    if url == "":
        return "home"
    if parts[0] in HAND_WRITTEN - {"use-the-data"}:
        return "hand-written"
    return parts[0] + ("-index" if len(parts) == 1 and parts[0] in ("actors", "places", "sources") else "")


SHARDS = 3  # the pages are shared among three tests, which the test workers run side by side
ENTITIES = ("actors", "sources", "places")  # one template makes a page for each row of these tables
TEMPLATED = (*ENTITIES, "tables")  # ... and one for each table


def rendered(site: Path) -> list[str]:
    """The pages the browser lays out: every page, except that of the pages made from one template for each
    table, actor, source or place, only those with the most to fit: the longest unbroken word, the most text,
    the most elements, and the index. The others differ from these only in their data, which the static
    tests (test_site_content.py, and the mentions check below) read on every page; so the browser's work
    does not grow with the package."""
    urls = [url_of(p) for p in pages(site)]
    chosen = [u for u in urls if u.split("/")[0] not in TEMPLATED or u.count("/") == 1]
    for kind in TEMPLATED:
        members = [u for u in urls if u.startswith(f"{kind}/") and u.count("/") == 2]
        if not members:
            continue
        scores = {}  # page -> (its longest unbroken word, its text, its elements)
        for u in members:
            text = page_text(site / u / "index.html")
            scores[u] = (max((len(w) for w in text.split()), default=0), len(text), len(elements(site / u / "index.html")))
        for measure in range(3):
            best = max(members, key=lambda u: scores[u][measure])  # noqa: B023  (used at once, in this iteration)
            if best not in chosen:
                chosen.append(best)
    return chosen


def test_every_actor_has_a_page():
    actors = {row["actor_id"] for row in Package(REPO).rows("actors")}
    pages_of_actors = {url_of(p).split("/")[1] for p in pages(live_site()) if url_of(p).startswith("actors/") and url_of(p) != "actors/"}
    assert pages_of_actors == actors


def test_every_actor_page_lists_exactly_its_mentions():
    mentions: dict[str, set[str]] = {}
    for row in Package(REPO).rows("mentions"):
        mentions.setdefault(row["actor_id"], set()).add(row["mention_id"])
    site = live_site()
    for actor in (row["actor_id"] for row in Package(REPO).rows("actors")):
        (listing,) = [e for e in elements(site / "actors" / actor / "index.html") if e["tag"] == "ol" and e["attrs"].get("data-from") == "mentions.actor_id"]
        keys = [child["attrs"].get("data-key") for child in listing["children"] if child["tag"] == "li"]
        assert sorted(keys) == sorted(mentions.get(actor, set())), actor


def test_the_browser_lays_out_every_kind_of_page_and_the_fullest_of_each_template():
    site = live_site()
    chosen = rendered(site)
    assert {"", "article/us-weapons-militias/", "tables/facts/", "actors/", "relationships/"} <= set(chosen)
    for kind in TEMPLATED:
        members = [url_of(p) for p in pages(site) if url_of(p).startswith(f"{kind}/") and url_of(p).count("/") == 2]
        longest_word = max(members, key=lambda u: max(len(w) for w in page_text(site / u / "index.html").split()))
        assert longest_word in chosen and 1 <= len([u for u in chosen if u in members]) <= 3, kind


@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda i: f"pages {i + 1} of {SHARDS}")
def test_every_kind_of_page_fits_both_widths(browser, shard):
    """Nothing overflows sideways or is clipped at 1280 px or 390 px; an actor page's mentions are all shown."""
    ARTIFACTS.mkdir(exist_ok=True)
    shot: set[str] = set()
    failures: dict[str, list[str]] = {}
    listed: list[str] = []

    def check(page: Page, url: str) -> None:
        # Loaded at 1280 px, then narrowed. (Widened from 390 px, Material's drawer is still sliding
        # for a moment and the page measures wider than it is to a reader who loads it at 1280 px.)
        for width in WIDTHS:
            if width != WIDTHS[0]:
                page.set_viewport_size({"width": width, "height": 900})
            page.evaluate(SETTLE)
            found = page.evaluate(LAYOUT, url.strip("/") in HAND_WRITTEN)
            if found:
                failures[f"{url or '/'} at {width}px"] = found
            if SCREENSHOTS and _kind(url) not in shot:
                page.screenshot(path=str(ARTIFACTS / f"{_kind(url)}-{width}.png"), full_page=True)
        shot.add(_kind(url))
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})  # for the next page this tab loads
        if url.startswith("actors/") and url != "actors/":
            items = page.locator('ol[data-from="mentions.actor_id"] > li')
            assert items.count() and items.locator("visible=true").count() == items.count(), url
            listed.append(url)

    problems = visit_all(browser, live_site(), check, shard=(shard, SHARDS), urls=rendered(live_site()))
    assert failures == {}
    assert problems == []


def _search(tab: Tab, query: str) -> None:
    """Type a query into the search box of the page the tab shows (the home page, with the real index)."""
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key presses: one press searches the whole query once


def _open_search(tab: Tab) -> None:
    tab.searching = True
    tab.page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    tab.goto("")


BEST_HIT = """() => {
  const link = document.querySelector(".md-search-result__list > .md-search-result__item a[href*='#']");
  return link ? link.getAttribute("href") : "";
}"""


def test_searching_a_row_id_lands_on_that_row(fixture):
    package = Package(FIXTURE)
    _open_search(fixture)
    hits = []
    for table in ("quotes", "mentions", "facts"):
        key = package.primary_key(table)[0]
        row_id = package.rows(table)[1][key]
        _search(fixture, row_id)
        # Material groups hits by page; the first group's first section is the best hit.
        # Results follow each key press, so wait for those of the whole query.
        try:
            fixture.page.wait_for_function(f"() => ({BEST_HIT})().endsWith('#row-{row_id}')", timeout=10_000)
        except PlaywrightTimeout:
            pytest.fail(f"searching {row_id!r}: the best hit is {fixture.page.evaluate(BEST_HIT)!r}")
        href = fixture.page.evaluate(BEST_HIT)
        assert urlsplit(href).path.endswith(f"tables/{table}/"), href
        hits.append((table, row_id, href))
    fixture.searching = False
    # The last hit is clicked as a reader would; the others are followed by their links.
    fixture.page.locator(".md-search-result__list > .md-search-result__item").first.locator("a[href*='#']").first.click()
    for table, row_id, href in reversed(hits):
        if (table, row_id, href) != hits[-1]:
            fixture.page.goto(urljoin(fixture.base, href))
        fixture.page.wait_for_url(f"**/tables/{table}/**#row-{row_id}")
        heading = fixture.page.locator(f'[id="row-{row_id}"]')
        assert heading.is_visible() and heading.evaluate("h => h.closest('.dd-row').classList.contains('dd-target')"), row_id
        box = heading.bounding_box()
        assert box and 0 <= box["y"] < 900, box  # scrolled to, not somewhere below
    assert fixture.take_problems() == []


def test_search_finds_words_of_the_article_without_labels_run_in(fixture):
    """The speaker label before a quote is not indexed, so the quote's first word stands alone."""
    _open_search(fixture)
    _search(fixture, "Baskey")
    fixture.page.wait_for_function("() => (document.querySelector('.md-search-result__list') || {}).textContent?.includes('Baskey')")
    texts = " ".join(fixture.page.locator(".md-search-result__item").all_inner_texts())
    assert "BaskeyWe" not in texts
    fixture.searching = False
    assert fixture.take_problems() == []


def test_rows_sort_filter_and_codebook_counts_open_the_rows_they_count(fixture):
    package = Package(FIXTURE)
    quotes = package.rows("quotes")
    fixture.page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    fixture.goto("tables/quotes/")
    rows = fixture.page.locator("#rows-quotes .dd-row")
    assert rows.count() == len(quotes)
    fixture.page.fill(".dd-controls .dd-filter", "Baskey")
    visible = fixture.page.locator("#rows-quotes .dd-row:visible")
    assert 0 < visible.count() < len(quotes)
    fixture.page.fill(".dd-controls .dd-filter", "")
    sort = fixture.page.locator('#rows-quotes .dd-rows-head button[data-field="quote_id"]')
    sort.click()
    sort.click()  # second click: descending
    ids = fixture.page.locator("#rows-quotes .dd-row h3").evaluate_all("hs => hs.map(h => h.id.slice(4))")
    assert ids == sorted((q["quote_id"] for q in quotes), reverse=True)

    # The count of a coded value links to exactly the rows holding it.
    value = quotes[0]["kind"]
    link = fixture.page.locator(f'dl[data-field="kind"] .dd-code:has(dt > code:text-is("{value}")) a.dd-count')
    link.click()
    fixture.page.wait_for_url("**/tables/quotes/?where=kind&is=*")
    shown = fixture.page.locator("#rows-quotes .dd-row:visible")
    expected = [q["quote_id"] for q in quotes if q["kind"] == value]
    assert shown.count() == len(expected)
    assert sorted(shown.locator("h3").evaluate_all("hs => hs.map(h => h.id.slice(4))")) == sorted(expected)
    assert fixture.page.locator(".dd-where").is_visible()
    assert fixture.take_problems() == []


STYLE_OF = """els => els.map(e => { const s = getComputedStyle(e); return {
  bg: s.backgroundColor, deco: s.textDecorationLine, border: s.borderBottomWidth, outline: s.outlineStyle,
  color: s.color, inherited: getComputedStyle(e.parentElement).color, display: s.display, weight: s.fontWeight }; })"""


def test_article_layers_switch_off_completely_and_facts_stay_quiet(fixture):
    fixture.page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    article = Package(FIXTURE).rows("articles")[0]["article_id"]
    fixture.goto(f"article/{article}/")
    facts = fixture.page.locator('.dd-article .hl[data-layer="facts"]')
    assert facts.count() > 0
    # Facts start switched off: no underline until pointed at.
    assert {s["deco"] for s in facts.evaluate_all(STYLE_OF)} == {"none"}
    first = facts.first
    first.hover()
    assert "underline" in first.evaluate("e => getComputedStyle(e).textDecorationLine")
    fixture.page.mouse.move(0, 0)
    fixture.page.check('.dd-layers input[data-layer="facts"]')
    assert {s["deco"] for s in facts.evaluate_all(STYLE_OF)} == {"underline"}

    for box in fixture.page.locator(".dd-layers input").all():
        layer = box.get_attribute("data-layer")
        box.uncheck()
        marks = fixture.page.locator(f'.dd-article .hl[data-layer="{layer}"]')
        for style in marks.evaluate_all(STYLE_OF):
            assert style["bg"] == "rgba(0, 0, 0, 0)" and style["deco"] == "none", (layer, style)
            # No colour of its own: the colour of whatever it sits in (the text, or another layer still on).
            assert style["border"] == "0px" and style["outline"] == "none" and style["color"] == style["inherited"], (layer, style)
        extras = fixture.page.locator(f'.dd-article .hl-label[data-layer="{layer}"], .dd-article .hl-mark[data-layer="{layer}"]')
        assert all(s["display"] == "none" for s in extras.evaluate_all(STYLE_OF)), layer
        box.check()
    assert fixture.take_problems() == []


def test_er_diagram_is_drawn_legible_and_zooms(fixture):
    fixture.page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    fixture.goto("relationships/")
    img = fixture.page.locator(".dd-zoom img")
    fixture.page.wait_for_function("() => { const i = document.querySelector('.dd-zoom img'); return i && i.complete && i.naturalWidth > 0; }")
    assert img.evaluate("i => i.naturalWidth > 300")
    svg = fixture.page.request.get(fixture.base + "er-diagram.svg").text()
    for name in Package(FIXTURE).resources:
        assert f">{name}</text>" in svg, name
    assert "mermaid" not in fixture.page.content().lower()

    def smallest_text_px() -> float:
        # Rendered size of the smallest text: SVG font size scaled by shown width over the SVG's own width.
        return img.evaluate("""i => {
          const doc = new DOMParser().parseFromString(window.__svg, "image/svg+xml");
          const width = doc.documentElement.viewBox.baseVal.width;
          const sizes = [...doc.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")));
          return Math.min(...sizes) * i.clientWidth / width;
        }""")

    fixture.page.evaluate("svg => { window.__svg = svg; }", svg)
    fitted = smallest_text_px()
    assert fitted >= 10, f"diagram text is {fitted:.1f}px at {WIDTHS[0]}px"
    img.click()
    zoomed = smallest_text_px()
    assert zoomed >= 16 and fixture.page.locator(".dd-zoom.dd-zoomed").count() == 1, zoomed
    assert fixture.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    if SCREENSHOTS:
        fixture.page.screenshot(path=str(ARTIFACTS / "relationships-zoomed-1280.png"))
    assert fixture.take_problems() == []


def test_hostile_package_runs_no_script_on_any_page(browser):
    """Every page of a site built from hostile but well-formed data: no dialog, error, script effect or injected element."""
    injected = """() => ({
      ran: window.__pwned !== undefined,
      injected: document.querySelectorAll("[data-pwned], [onfocus], [onerror], [onload], [onmouseover]").length,
      jsLinks: [...document.querySelectorAll("a[href]")].filter(a => /^\\s*javascript:/i.test(a.getAttribute("href"))).length,
    })"""
    results = {}

    def check(page: Page, url: str) -> None:
        page.mouse.move(400, 300)
        page.keyboard.press("Tab")
        results[url] = page.evaluate(injected)
        if SCREENSHOTS and url == "":
            page.screenshot(path=str(ARTIFACTS / "hostile-home-1280.png"), full_page=True)

    problems = visit_all(browser, hostile_site(), check, one_per_kind=True)
    assert len(results) >= 8  # home, tables, article, entities and their indexes, relationships, hand-written pages
    assert {url: r for url, r in results.items() if r != {"ran": False, "injected": 0, "jsLinks": 0}} == {}
    assert problems == []
