"""A contributed second article (tests/fixtures/contributed-article) applied on top of a copy of the package.

apply(root) does to a copy what a contributor's pull request adding that article does
to data/: each fixture table's rows appended to the package's table of the same
name, in the package's CSV layout (the lines already there are left byte for
byte as they are), and the article's text copied to the path its articles row
names. datapackage.json is left as it is: "x-texts" names the table that lists
the texts, not the texts, and no resource is added for an article
(CONTRIBUTING.md, "How to add an article").
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "contributed-article"


class FixtureError(Exception):
    """The fixture cannot be applied to this package as it stands."""


def _records(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _render(rows: list[list[str]]) -> bytes:
    """Rows as every table of the package writes them: UTF-8, comma-separated, minimal quoting, LF."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def tables() -> dict[str, Path]:
    """Table name -> the fixture's CSV of the rows the article adds to it."""
    return {path.stem: path for path in sorted((FIXTURE / "data").glob("*.csv"))}


def apply(root: Path) -> None:
    """Append the fixture's rows to the package at `root` and copy its article text in; refuses, changing nothing, when they do not fit."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    paths = {resource["name"]: root / resource["path"] for resource in descriptor["resources"]}
    additions: dict[Path, bytes] = {}
    for name, fixture_csv in tables().items():
        if name not in paths:
            raise FixtureError(f"the fixture has rows for {name!r}, which is not a table of {root / 'datapackage.json'}")
        header, *rows = _records(fixture_csv.read_bytes())
        target = paths[name]
        existing = target.read_bytes()
        live_header = _records(existing)[0] if existing else []
        if header != live_header:
            raise FixtureError(f"{fixture_csv.relative_to(FIXTURE.parents[2])}: its header {header} differs from the header of the package's "
                               f"{target.relative_to(root)} {live_header}; update the fixture to the table's columns")
        if not existing.endswith(b"\n"):
            existing += b"\n"
        additions[target] = existing + _render(rows)

    declared = descriptor["x-texts"]
    articles = _records((FIXTURE / "data" / f"{declared['resource']}.csv").read_bytes())
    texts: dict[Path, Path] = {}
    for row in (dict(zip(articles[0], cells, strict=True)) for cells in articles[1:]):
        relative = row[declared["path"]]
        target = root / relative
        if target.exists():
            raise FixtureError(f"{relative} already exists in the package; an article text is never overwritten")
        texts[target] = FIXTURE / "source" / posixpath.basename(relative)

    for target, data in additions.items():
        target.write_bytes(data)
    for target, source in texts.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
