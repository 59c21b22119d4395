"""The site's navigation in three parts, and the configuration values taken from the package.

Data: what the package holds and how to use it. Method: how it was annotated.
Project: how it is checked and maintained. Hand-written pages are placed by
file name; one this module does not know goes under Project.

The theme prints the site name, the footer and every nav title unescaped, so
each value from the package is escaped once here (escape.config_text) and the
file is written by yaml.safe_dump, which quotes whatever YAML would read as syntax.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .escape import config_text

DATA_PAGES = ["use-the-data.md"]
METHOD_PAGES = ["guidelines.md", "annotation-method.md", "agreement.md", "annotation-agreement.md", "inter-annotator-agreement.md"]
PROJECT_PAGES = ["validation.md", "guarantees.md", "performance.md", "contributing.md", "versioning.md", "changelog.md"]


def _entry(title: str, page: str) -> dict[str, str]:
    return {config_text(title): page}


def _place(pages: list[tuple[str, str]], order: list[str]) -> list[dict[str, str]]:
    ranked = sorted(pages, key=lambda p: (order.index(p[1]) if p[1] in order else len(order), p[1]))
    return [_entry(title, name) for title, name in ranked]


def nav(*, home: str, data: list[tuple[str, str]], tables: list[tuple[str, str]], entities: list[tuple[str, str]],
        articles: list[tuple[str, str]], relationships: str, hand: list[tuple[str, str]]) -> list[Any]:
    """Each list holds (title, page) pairs; `data` are the generated data pages that sit before the tables."""
    used_data = [p for p in hand if p[1] in DATA_PAGES]
    method = [p for p in hand if p[1] in METHOD_PAGES]
    project = [p for p in hand if p not in used_data and p not in method]
    data_section: list[Any] = [_entry("Overview", home)]
    if len(articles) == 1:
        data_section.append(_entry("The article", articles[0][1]))
    elif articles:
        data_section.append({"Articles": [_entry(t, p) for t, p in articles]})
    data_section += [_entry(t, p) for t, p in data]
    data_section.append({"Tables": [_entry(t, p) for t, p in tables]})
    data_section += [_entry(t, p) for t, p in entities]
    data_section.append(_entry("Relationships", relationships))
    data_section += _place(used_data, DATA_PAGES)
    sections: list[Any] = [{"Data": data_section}]
    if method:
        sections.append({"Method": _place(method, METHOD_PAGES)})
    if project:
        sections.append({"Project": _place(project, PROJECT_PAGES)})
    return sections


def write_config(path: Path, *, site_name: str, description: str, footer: str, nav_: list[Any]) -> None:
    config = {
        "site_name": config_text(site_name),
        "site_description": config_text(description),
        "copyright": config_text(footer),
        "nav": nav_,
    }
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def front_matter(title: str, hide: list[str] | None = None) -> str:
    """A generated page's YAML header: its title, escaped as the nav's are (the theme prints page.meta.title unescaped)."""
    meta: dict[str, Any] = {"title": config_text(title)}
    if hide:
        meta["hide"] = hide
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"
