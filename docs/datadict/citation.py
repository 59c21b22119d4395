"""How to cite the package: from CITATION.cff when the repository has one."""

from __future__ import annotations

from pathlib import Path

import yaml

from validate.model import Package

from .escape import esc


def _author(entry: dict) -> str:
    if entry.get("family-names"):
        given = entry.get("given-names", "")
        return f"{entry['family-names']}, {given}".rstrip(", ")
    return str(entry.get("name", ""))


def citation_line(cff: dict) -> str:
    """A plain reference: Authors (year). Title (version). DOI or URL."""
    authors = "; ".join(a for a in (_author(e) for e in cff.get("authors", [])) if a)
    year = str(cff.get("date-released", ""))[:4]
    parts = [f"{authors} ({year})." if year else f"{authors}.", f"{cff.get('title', '')}"]
    if cff.get("version"):
        parts[-1] += f" (version {cff['version']})"
    parts[-1] += "."
    if cff.get("doi"):
        parts.append(f"https://doi.org/{cff['doi']}")
    elif cff.get("url") or cff.get("repository-code"):
        parts.append(str(cff.get("url") or cff.get("repository-code")))
    return " ".join(p for p in parts if p)


def render(package: Package) -> str:
    path: Path = package.root / "CITATION.cff"
    if not path.is_file():
        meta = package.descriptor
        who = "; ".join(str(c.get("title", "")) for c in meta.get("contributors", []) if isinstance(c, dict)) or "The maintainers"
        line = f"{who}. {package.title} (version {package.version})."
        return (
            f'<p>Please cite:</p><blockquote class="dd-cite">{esc(line)}</blockquote>'
            "<p>(Built from <code>datapackage.json</code>; the repository has no <code>CITATION.cff</code> yet.)</p>"
        )
    raw = path.read_text(encoding="utf-8")
    cff = yaml.safe_load(raw) or {}
    return (
        f'<p>Please cite (from <code>CITATION.cff</code>):</p><blockquote class="dd-cite">{esc(citation_line(cff))}</blockquote>'
        f'<details><summary>CITATION.cff</summary><pre><code>{esc(raw)}</code></pre></details>'
    )
