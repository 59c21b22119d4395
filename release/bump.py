"""Cut a release: one new version in datapackage.json, CITATION.cff and CHANGELOG.md, with the data diff.

The previous release is found as the tag `v<version>` when it exists, else as the
last commit on or before the day CITATION.cff gives as its release date; `--since`
names it explicitly. The diff since then goes into the new CHANGELOG.md entry; an
id that disappeared or changed meaning stops the release (validate.diff).
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

from validate import diff

from .identity import CHANGELOG, CITATION, IdentityError, citation, next_version, problems, release_problems
from .package import DESCRIPTOR, Package, load_model

UNRELEASED = re.compile(r"^## Unreleased[ \t]*\n", re.MULTILINE)
NEXT_HEADING = re.compile(r"^## ", re.MULTILINE)


def previous_release(root: Path, package: Package, since: str | None) -> str:
    """The git ref of the release the diff starts from."""
    if since:
        return since
    tag = f"refs/tags/v{package.version}"
    if subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", tag], capture_output=True).returncode == 0:
        return tag
    released = citation(root).get("date-released")
    if not isinstance(released, datetime.date):
        raise IdentityError(f"no tag v{package.version} and no date-released in {CITATION}: name the previous release with --since REF")
    found = subprocess.run(
        ["git", "-C", str(root), "rev-list", "-1", f"--before={released.isoformat()}T23:59:59Z", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    if not found:
        raise IdentityError(f"no commit on or before {released} (release {package.version}): name it with --since REF")
    return found


def _set_version(root: Path, version: str) -> None:
    path = root / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _set_citation(root: Path, version: str, date: datetime.date) -> None:
    """Two lines change; the rest of the file (comments, order) stays as written."""
    path = root / CITATION
    text = path.read_text(encoding="utf-8")
    text, versions = re.subn(r"^version:.*$", f"version: {version}", text, count=1, flags=re.MULTILINE)
    text, dates = re.subn(r"^date-released:.*$", f"date-released: {date.isoformat()}", text, count=1, flags=re.MULTILINE)
    if versions != 1 or dates != 1:
        raise IdentityError(f"{CITATION} needs a top-level 'version:' and 'date-released:' line")
    path.write_text(text, encoding="utf-8")


def changelog_entry(changelog: str, version: str, date: datetime.date, data_changes: str) -> str:
    """The Unreleased section becomes the release's entry, the data diff at its end."""
    heading = f"## {version} — {date.isoformat()}\n"
    unreleased = UNRELEASED.search(changelog)
    if unreleased:
        following = NEXT_HEADING.search(changelog, unreleased.end())
        end = following.start() if following else len(changelog)
        notes = changelog[unreleased.end():end].strip("\n")
        entry = heading + ("\n" + notes + "\n" if notes else "") + "\n" + data_changes + "\n"
        return changelog[:unreleased.start()] + entry + changelog[end:]
    first = NEXT_HEADING.search(changelog)
    at = first.start() if first else len(changelog)
    return changelog[:at] + heading + "\n" + data_changes + "\n" + changelog[at:]


def cut(root: Path, part: str, date: datetime.date, since: str | None = None) -> tuple[str, list[str]]:
    """Bump the version everywhere; returns (new version, problems). Nothing is written when there are problems."""
    package = load_model(root)
    found = problems(package) + release_problems(package)
    if found:
        return package.version, found
    version = next_version(package.version, part)
    ref = previous_release(root, package, since)
    base = diff.git_ref(root, ref)
    base.label = f"release {package.version}"
    head = diff.working_tree(root)
    head.label = f"release {version}"
    result = diff.diff(base, head)
    if result.problems:
        return version, [p.message for p in result.problems]
    changes = diff.to_markdown(result, level=3)
    _set_version(root, version)
    _set_citation(root, version, date)
    changelog = root / CHANGELOG
    changelog.write_text(changelog_entry(changelog.read_text(encoding="utf-8"), version, date, changes), encoding="utf-8")
    return version, []
