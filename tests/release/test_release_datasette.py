"""Datasette, started as a real process on 127.0.0.1 over the archive's database and metadata, serves every table documented."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from release_helpers import Release, copy_shipped

pytest_plugins = ["release_fixtures"]  # built, shipped: each package released once per session

STARTED = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")


@contextmanager
def datasette(folder: Path, database: str) -> Iterator[str]:
    """`datasette DB -m metadata.json` on a free port of 127.0.0.1; yields its address, stops it after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "-i", database, "-m", "metadata.json", "-h", "127.0.0.1", "-p", "0"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    found: list[str] = []
    log: list[str] = []

    def watch() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            log.append(line)
            match = STARTED.search(line)
            if match and not found:
                found.append(match.group(1))

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    try:
        for _ in range(300):  # up to 30 s on a loaded machine; a few seconds normally
            if found or process.poll() is not None:
                break
            threading.Event().wait(0.1)
        assert found, "Datasette did not start:\n" + "".join(log)
        yield found[0]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
    assert process.returncode is not None


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def test_datasette_serves_every_table_with_its_descriptions(synthetic: Release):
    """On the package of several articles; the screenshot test below opens the shipped one."""
    built = synthetic
    db = built.database.stem
    with datasette(built.folder, built.database.name) as base:
        served = json.loads(get(f"{base}/{db}.json"))
        tables = {t["name"]: t for t in served["tables"]}
        metadata = json.loads(get(f"{base}/-/metadata.json"))
        pages = {name: get(f"{base}/{db}/{name}") for name in built.schemas()}
        counts = {name: json.loads(get(f"{base}/{db}/{name}.json?_size=1"))["filtered_table_rows_count"] for name in built.schemas()}
    ours = json.loads((built.folder / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == ours["title"] and metadata["license"] == ours["license"]
    assert metadata["databases"][db]["tables"] == ours["databases"][db]["tables"]
    for name, schema in built.schemas().items():
        assert not tables[name]["hidden"], name
        assert counts[name] == len(built.rows(name)), name
        page = pages[name]
        resource = next(r for r in built.descriptor["resources"] if r["name"] == name)
        assert resource["description"] in html.unescape(page), name
        # Every column's description, as Datasette shows it under the table's title.
        described = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page, flags=re.DOTALL))
        assert {html.unescape(k): html.unescape(v) for k, v in described.items()} == {f["name"]: f["description"] for f in schema["fields"]}, name
    assert {"_tables", "_fields", "_categories"} <= set(tables)


def test_metadata_makes_no_markup_or_link_from_package_values(tmp_path: Path):
    """Datasette renders *_html keys as raw HTML and follows licence and source links: only plain text and http(s)."""
    from release.datasette import metadata
    from release.package import load_model

    root = copy_shipped(tmp_path / "package")
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["licenses"][0]["path"] = "javascript:alert(document.cookie)"
    descriptor["sources"][0]["path"] = "data:text/html,<script>alert(1)</script>"
    descriptor["homepage"] = "javascript:alert(2)"
    descriptor["description"] = "<img src=x onerror=alert(3)>"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = metadata(load_model(root), "db")
    flat = json.dumps(result)
    assert "license_url" not in result and "source_url" not in result and "about_url" not in result
    assert "_html" not in flat
    assert result["description"].startswith("<img")  # kept as text: Datasette escapes `description`


@pytest.mark.browser
def test_screenshot_of_the_quotes_page_shows_the_field_descriptions(shipped: Release):
    """A reader's view of the explorer (saved to tests/artifacts/datasette-quotes.png)."""
    from playwright.sync_api import sync_playwright

    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    artifacts = Path(__file__).resolve().parents[1] / "artifacts"
    artifacts.mkdir(exist_ok=True)
    quotes = shipped.schemas()["quotes"]
    with datasette(shipped.folder, shipped.database.name) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=flags)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.set_default_timeout(15_000)
        page.goto(f"{base}/{shipped.database.stem}/quotes")
        descriptions = page.locator("dl.column-descriptions")
        assert descriptions.is_visible()
        shown = descriptions.inner_text()
        for field in quotes["fields"]:
            assert field["description"] in shown, field["name"]
        page.screenshot(path=str(artifacts / "datasette-quotes.png"), full_page=False)
        browser.close()
