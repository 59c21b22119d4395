"""README.md of the archive, for someone who has only the archive.

Everything about tables and fields comes from the package; every value from it is
escaped (validate.diff.markdown): a title or description is data, never markup.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow

from validate.diff import markdown

from .identity import CHANGELOG, CITATION, citation
from .package import Package
from .sqlite import CATEGORIES, FIELDS, TABLES, sqlite_version
from .tables import TypedTable

# A question a researcher asks first, answered in SQL that runs unchanged in SQLite
# and in DuckDB. The build runs it and prints the answer below it; a test runs the
# query it reads from the README against the database and the Parquet files.
QUESTION = "Who is quoted, and how often?"
QUERY = """SELECT actors.name, actors.kind, COUNT(*) AS quotes
FROM quotes
JOIN actors ON actors.actor_id = quotes.speaker_actor_id
GROUP BY actors.actor_id, actors.name, actors.kind
ORDER BY quotes DESC, actors.name
LIMIT 10;"""


def _files_table(files: dict[str, int], package: Package, database: str) -> list[str]:
    resources = {r.path: r for r in package.resources.values()}
    schemas = {r.schema_path: r for r in package.resources.values() if r.schema_path}
    parquet = {f"parquet/{r.name}.parquet": r for r in package.resources.values()}
    what = {
        "datapackage.json": "The Frictionless data package descriptor: tables, licences, version, sources. `frictionless validate datapackage.json` checks everything below against it.",
        database: f"SQLite database: every table with its primary and foreign keys, booleans as 0/1, dates as ISO text; `{TABLES}`, `{FIELDS}` and `{CATEGORIES}` describe every table, field and codebook value.",
        "metadata.json": f"Datasette metadata: titles, descriptions, licence and every column's description (`datasette {database} -m metadata.json`).",
        "web-annotations.jsonld": "Every span (quotes, mentions, facts, captions, cited works...) as W3C Web Annotations (JSON-LD), each with a TextPositionSelector and a TextQuoteSelector on its article.",
        CITATION: "How to cite the package (Citation File Format).",
        "LICENSE": "The licence of the code that built the package (MIT); the data's licences are below.",
        CHANGELOG: "What changed in each release, with the rows added, removed and changed since the previous one.",
        "deprecations.json": "Ids that were withdrawn or corrected, and why (ids are otherwise stable across releases).",
    }
    lines = ["| file | what it is | bytes |", "|---|---|---|"]
    for path, size in sorted(files.items()):
        if path in resources:
            text = f"Table `{resources[path].name}` as CSV (UTF-8, header row, empty cell = missing)."
        elif path in schemas:
            text = f"Table Schema of `{schemas[path].name}`: field types, descriptions, examples, constraints, codebooks, keys."
        elif path in parquet:
            text = f"Table `{parquet[path].name}` as Parquet, typed as its schema declares, missing values as null."
        elif package.texts and path.startswith("data/source/"):
            text = "An article text, byte-exact as received; every offset counts Unicode code points into it."
        else:
            text = what.get(path, "")
        lines.append(f"| `{path}` | {text} | {size:,} |")
    return lines


def _tables(package: Package, tables: dict[str, TypedTable]) -> list[str]:
    lines = ["| table | rows | primary key | one row is |", "|---|---|---|---|"]
    for r in package.resources.values():
        key = ", ".join(f"`{k}`" for k in r.primary_key)
        lines.append(f"| `{r.name}` | {tables[r.name].table.num_rows:,} | {key} | {markdown(r.description)} |")
    return lines


def _answer(database: Path) -> list[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        cursor = connection.execute(QUERY)
        header = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    connection.close()
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(markdown(v) for v in row) + " |" for row in rows]


def _licences(package: Package) -> list[str]:
    lines = []
    for entry in package.descriptor.get("licenses", []):
        if isinstance(entry, dict):
            name = markdown(entry.get("title") or entry.get("name") or "")
            path = markdown(entry.get("path", ""))
            lines.append(f"- {name} ({markdown(entry.get('name', ''))}): {path}" if path else f"- {name}")
    notes = package.descriptor.get("x-licence-notes")
    if notes:
        lines += ["", markdown(notes)]
    return lines


def _citation(package: Package) -> list[str]:
    cff = citation(package.root)
    if not cff:
        return [markdown(f"{package.title} (version {package.version}).")]
    authors = "; ".join(str(a.get("name") or ", ".join(filter(None, (a.get("family-names"), a.get("given-names"))))) for a in cff.get("authors", []))
    year = str(cff.get("date-released", ""))[:4]
    where = f" https://doi.org/{cff['doi']}" if cff.get("doi") else (f" {cff['url']}" if cff.get("url") else "")
    line = f"{authors} ({year}). {cff.get('title', package.title)} (version {cff.get('version', package.version)}).{where}"
    identifier = package.descriptor.get("id")
    lines = [f"> {markdown(line)}", "", f"`{CITATION}` holds the full citation, for reference managers."]
    if identifier:
        lines += ["", f"The package's identifier, the same in every release: {markdown(identifier)}."]
    return lines


def render(package: Package, tables: dict[str, TypedTable], files: dict[str, int], database: Path) -> str:
    """`files`: archive path -> size, for every file but this README and SHA256SUMS."""
    db = database.name
    sections = [
        f"# {markdown(package.title)}",
        "",
        f"Version {package.version}. {markdown(package.descriptor.get('description', ''))}",
        "",
        "This folder is one release of the data package, complete: the same tables as CSV (with their schemas), "
        "Parquet, a SQLite database, a Datasette explorer's metadata and a W3C Web Annotation export. "
        "You need nothing else to use it.",
        "",
        "## The tables",
        "",
        *_tables(package, tables),
        "",
        "Every field's type, description, example and codebook is in `schemas/` (the single source of truth), "
        f"and in the database's `{FIELDS}` and `{CATEGORIES}` tables.",
        "",
        "Rows taken from an article carry the article's id, `start` and `end` (Unicode code points from 0, end-exclusive: "
        "Python's `text[start:end]`) and the verbatim `text` they cover, misspellings included.",
        "",
        "## The files",
        "",
        *_files_table(files, package, db),
        "",
        "Beside them: this README, and `SHA256SUMS` with the SHA-256 of every other file (`sha256sum -c SHA256SUMS`).",
        "",
        "## Loading the data",
        "",
        "Python, with pandas or polars (the Parquet files carry the types: integers, booleans, dates, missing values as null):",
        "",
        "```python",
        "import pandas as pd",
        'quotes = pd.read_parquet("parquet/quotes.parquet")',
        "# From the CSV: only an empty cell is missing, as the schemas say",
        'quotes_csv = pd.read_csv("data/quotes.csv", keep_default_na=False, na_values=[""])',
        "",
        "import polars as pl",
        'actors = pl.read_parquet("parquet/actors.parquet")',
        "```",
        "",
        "SQL, in SQLite or DuckDB:",
        "",
        "```sh",
        f"sqlite3 {db} '.tables'",
        "duckdb -c \"SELECT * FROM 'parquet/quotes.parquet' LIMIT 5\"",
        "```",
        "",
        "A documented explorer in the browser, with [Datasette](https://datasette.io):",
        "",
        "```sh",
        f"datasette {db} -m metadata.json",
        "```",
        "",
        "R: `arrow::read_parquet(\"parquet/quotes.parquet\")`, or `readr::read_csv(\"data/quotes.csv\", na = \"\")`.",
        "",
        "Frictionless: `frictionless validate datapackage.json` checks the CSVs against their schemas; "
        "`frictionless.Package(\"datapackage.json\")` opens the package in Python.",
        "",
        "## One question in SQL",
        "",
        f"{QUESTION} This query runs as it is in SQLite (`sqlite3 {db}`) and in DuckDB "
        "(after `CREATE VIEW quotes AS SELECT * FROM 'parquet/quotes.parquet'` and the same for `actors`):",
        "",
        "```sql",
        QUERY,
        "```",
        "",
        "In this release it answers:",
        "",
        *_answer(database),
        "",
        "## Licences",
        "",
        *_licences(package),
        "",
        "## How to cite",
        "",
        *_citation(package),
        "",
        "## Versions and stable ids",
        "",
        f"Ids are stable across releases: an id is never reused for something else. `deprecations.json` lists "
        f"the ids that were withdrawn or corrected. `{CHANGELOG}` says what changed in each release, row by row.",
        "",
        "## Checking and rebuilding",
        "",
        "`sha256sum -c SHA256SUMS` checks every file. The archive is rebuilt bit for bit from the same sources: "
        f"fixed timestamps, sorted entries; Parquet written by pyarrow {pyarrow.__version__}. The SQLite file is "
        f"the same bytes when built with the same SQLite library (this one: SQLite {sqlite_version()}); another "
        "SQLite version can lay out the same rows differently.",
        "",
    ]
    return "\n".join(sections)
