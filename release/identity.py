"""The package's identity: id, homepage, version, and the files that must agree on the version.

datapackage.json holds the version; CITATION.cff and CHANGELOG.md follow it.
`python -m release --bump` changes all three together, and every build checks that
they agree, so they cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .package import Package, plain_version

CITATION = "CITATION.cff"
CHANGELOG = "CHANGELOG.md"
PARTS = ("major", "minor", "patch")
# Host names reserved for examples and never delegated (RFC 2606, RFC 6761): a homepage on one
# of them is a placeholder, and a release may not go out under it.
RESERVED_HOSTS = re.compile(r"(?:^|\.)(?:example\.(?:org|com|net)|example|invalid|test|localhost)$")


class IdentityError(ValueError):
    """The version files disagree, or the package lacks what a release needs."""


def citation(root: Path) -> dict:
    path = root / CITATION
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def release_heading(version: str) -> re.Pattern[str]:
    """`## 1.2.0 — 2026-11-23` (any dash) in CHANGELOG.md."""
    return re.compile(rf"^## {re.escape(version)}\s+[—–-]\s+(\d{{4}}-\d{{2}}-\d{{2}})\s*$", re.MULTILINE)


def problems(package: Package) -> list[str]:
    """What stops a build: CITATION.cff or CHANGELOG.md disagree with datapackage.json's version."""
    cff = citation(package.root)
    if not cff:
        return []
    found = []
    if str(cff.get("version")) != package.version:
        found.append(f"CITATION.cff says version {cff.get('version')}, datapackage.json {package.version}")
    changelog = package.root / CHANGELOG
    entry = release_heading(package.version).search(changelog.read_text(encoding="utf-8")) if changelog.is_file() else None
    if entry is None:
        found.append(f"CHANGELOG.md has no '## {package.version} — DATE' entry")
    elif entry.group(1) != str(cff.get("date-released")):
        found.append(f"CHANGELOG.md dates {package.version} {entry.group(1)}, CITATION.cff {cff.get('date-released')}")
    return found


def release_problems(package: Package) -> list[str]:
    """What stops cutting a release, beyond `problems`: a package must say what it is and where it lives."""
    found = []
    descriptor = package.descriptor
    if not descriptor.get("id"):
        found.append("datapackage.json has no id")
    homepage = urlsplit(str(descriptor.get("homepage", "")))
    if homepage.scheme != "https" or not homepage.hostname:
        found.append("datapackage.json has no https homepage")
    elif RESERVED_HOSTS.search(homepage.hostname):
        found.append(f"datapackage.json's homepage {descriptor['homepage']} is a placeholder: set the address where the package is published")
    return found


def check(package: Package) -> None:
    found = problems(package)
    if found:
        raise IdentityError("; ".join(found) + ". Cut releases with `python -m release --bump major|minor|patch`, which keeps them in step.")


def next_version(version: str, part: str) -> str:
    major, minor, patch = (int(n) for n in plain_version(version).split("-")[0].split("."))
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"--bump takes one of {', '.join(PARTS)}, not {part!r}")
