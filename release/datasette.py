"""Datasette metadata: `datasette DB -m metadata.json` serves a documented explorer.

Only plain-text keys are written (`description`, never `description_html`, which
Datasette renders as raw HTML), and only http(s) addresses become links.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from .identity import RESERVED_HOSTS
from .package import Package
from .sqlite import CATEGORIES, FIELDS, TABLES


def web_url(value: object) -> str | None:
    """An address a browser may follow from the explorer: http or https, nothing else."""
    if isinstance(value, str) and urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc:
        return value
    return None


def _licence(package: Package) -> dict:
    licences = [entry for entry in package.descriptor.get("licenses", []) if isinstance(entry, dict)]
    if not licences:
        return {}
    first = licences[0]
    result = {"license": str(first.get("name") or first.get("title") or "")}
    if web_url(first.get("path")):
        result["license_url"] = first["path"]
    return result


def _source(package: Package) -> dict:
    sources = [entry for entry in package.descriptor.get("sources", []) if isinstance(entry, dict)]
    if not sources:
        return {}
    result = {"source": "; ".join(str(s.get("title", "")) for s in sources)}
    url = next((s["path"] for s in sources if web_url(s.get("path"))), None)
    if url:
        result["source_url"] = url
    return result


def metadata(package: Package, database: str) -> dict:
    """`database` is the file name without its extension: the name Datasette serves it under."""
    descriptor = package.descriptor
    description = " ".join(part for part in (descriptor.get("description", ""), descriptor.get("x-licence-notes", "")) if part)
    tables: dict[str, dict] = {
        r.name: {"title": r.title, "description": r.description, "columns": {f.name: f.description for f in r.fields}}
        for r in package.resources.values()
    }
    tables[TABLES] = {"title": "Tables", "description": "One row per table of the package: its title, description, primary key and CSV file."}
    tables[FIELDS] = {"title": "Fields", "description": "One row per field of every table, from its Table Schema: type, whether required, description, example, constraints."}
    tables[CATEGORIES] = {"title": "Codebooks", "description": "One row per value of every coded field, with its label and definition."}
    homepage = web_url(descriptor.get("homepage"))
    # A placeholder address (example.org...) is not a page anyone should be sent to.
    placeholder = RESERVED_HOSTS.search(urlsplit(homepage).hostname or "") if homepage else None
    about = {"about": "Home page", "about_url": homepage} if homepage and not placeholder else {}
    return {
        "title": f"{package.title} (version {package.version})",
        "description": description,
        **_licence(package),
        **_source(package),
        **about,
        "databases": {database: {"title": package.title, "description": descriptor.get("description", ""), "tables": tables}},
    }


def to_metadata_json(package: Package, database: str) -> bytes:
    return (json.dumps(metadata(package, database), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
