"""The database and the Parquet files as SQL users meet them: sqlite3 on the database, DuckDB on the Parquet.

DuckDB reads SQLite only through an extension it downloads, so here it reads the
Parquet files, as a DuckDB user of the release would; the same query runs on both.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter

import duckdb
import pytest
from release_helpers import Release

pytest_plugins = ["release_fixtures"]  # built, shipped: each package released once per session

SQLITE_TYPES = {"integer": "INTEGER", "year": "INTEGER", "boolean": "INTEGER", "number": "FLOAT"}


def connect(built: Release) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{built.database}?mode=ro", uri=True)


def readme_query(built: Release) -> str:
    readme = (built.folder / "README.md").read_text(encoding="utf-8")
    (query,) = re.findall(r"```sql\n(.*?)```", readme, flags=re.DOTALL)
    return query


def readme_answer(built: Release) -> list[list[str]]:
    """The answer table the README prints after its query."""
    readme = (built.folder / "README.md").read_text(encoding="utf-8")
    after = readme.split("In this release it answers:", 1)[1]
    lines = [line for line in after.split("\n\n", 2)[1].splitlines() if line.startswith("|")]
    return [[cell.strip().replace("\\", "") for cell in line.strip("|").split("|")] for line in lines[2:]]


def test_every_table_has_its_keys_and_column_types(built: Release):
    with connect(built) as db:
        for name, schema in built.schemas().items():
            columns = {row[1]: row for row in db.execute(f"PRAGMA table_info('{name}')")}
            assert list(columns) == [f["name"] for f in schema["fields"]], name
            for field in schema["fields"]:
                _cid, _name, sql_type, notnull, _default, pk = columns[field["name"]]
                assert sql_type == SQLITE_TYPES.get(field["type"], "TEXT"), (name, field["name"])
                assert bool(notnull) == bool(field.get("constraints", {}).get("required")) or pk, (name, field["name"])
            key = schema["primaryKey"] if isinstance(schema["primaryKey"], list) else [schema["primaryKey"]]
            assert [c[1] for c in sorted(columns.values(), key=lambda c: c[5]) if c[5]] == key, name
            declared = {(tuple(fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]), fk["reference"]["resource"] or name,
                         tuple(fk["reference"]["fields"] if isinstance(fk["reference"]["fields"], list) else [fk["reference"]["fields"]]))
                        for fk in schema.get("foreignKeys", [])}
            found: dict[int, list] = {}
            for fk_id, _seq, target, local, remote, *_ in db.execute(f"PRAGMA foreign_key_list('{name}')"):
                found.setdefault(fk_id, []).append((target, local, remote))
            actual = {(tuple(p[1] for p in parts), parts[0][0], tuple(p[2] for p in parts)) for parts in found.values()}
            assert actual == declared, name


def test_foreign_keys_hold_and_rows_match_the_csv(built: Release):
    with connect(built) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for name, schema in built.schemas().items():
            rows = built.rows(name)
            assert db.execute(f"SELECT COUNT(*) FROM '{name}'").fetchone()[0] == len(rows)
            for field in schema["fields"]:
                if field["type"] == "boolean":
                    stored = Counter(v for (v,) in db.execute(f"SELECT \"{field['name']}\" FROM '{name}'"))
                    written = Counter({"true": 1, "false": 0}.get(r[field["name"]]) for r in rows)
                    assert stored == written, (name, field["name"])  # 0/1, None where empty
                elif field["type"] in ("integer", "date"):
                    stored = Counter(v for (v,) in db.execute(f"SELECT \"{field['name']}\" FROM '{name}'"))
                    written = Counter((int(r[field["name"]]) if field["type"] == "integer" else r[field["name"]]) if r[field["name"]] else None for r in rows)
                    assert stored == written, (name, field["name"])


def test_field_descriptions_and_codebooks_are_in_the_database(built: Release):
    with connect(built) as db:
        descriptions = {(t, f): d for t, f, d in db.execute("SELECT table_name, field_name, description FROM _fields")}
        codes = {(t, f, v): (label, d) for t, f, v, label, d in db.execute("SELECT table_name, field_name, value, label, description FROM _categories")}
        tables = {t: d for t, d in db.execute("SELECT table_name, description FROM _tables")}
        assert db.execute("PRAGMA foreign_key_check('_categories')").fetchall() == []
    expected_codes = {}
    for name, schema in built.schemas().items():
        for field in schema["fields"]:
            assert descriptions.pop((name, field["name"])) == field["description"]
            for category in field.get("categories", []):
                expected_codes[(name, field["name"], str(category["value"]))] = (category.get("label"), category.get("description"))
    assert descriptions == {}
    assert codes == expected_codes and codes
    assert tables == {r["name"]: r["description"] for r in built.descriptor["resources"]}


def expected_answer(built: Release) -> list[tuple[str, str, int]]:
    """Who is quoted and how often, counted from the CSVs without SQL."""
    actors = {row["actor_id"]: row for row in built.rows("actors")}
    counts = Counter(row["speaker_actor_id"] for row in built.rows("quotes"))
    answer = [(actors[a]["name"], actors[a]["kind"], n) for a, n in counts.items()]
    answer.sort(key=lambda r: (-r[2], r[0]))
    return answer[:10]


def test_the_readme_query_answers_in_sqlite(built: Release):
    with connect(built) as db:
        rows = db.execute(readme_query(built)).fetchall()
    expected = expected_answer(built)
    # Ties are ordered by name; SQLite compares bytes, Python code points: the same for these names.
    assert rows == expected
    assert readme_answer(built) == [[str(v) for v in row] for row in expected]


def test_duckdb_on_the_parquet_files_keys_hold_and_the_readme_query_answers(built: Release):
    con = duckdb.connect()
    for name in built.schemas():
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{built.folder / 'parquet' / name}.parquet')")
    for name, schema in built.schemas().items():
        key = schema["primaryKey"] if isinstance(schema["primaryKey"], list) else [schema["primaryKey"]]
        cols = ", ".join(f'"{k}"' for k in key)
        assert con.execute(f'SELECT COUNT(*) - COUNT(DISTINCT ({cols})) FROM "{name}"').fetchone()[0] == 0, name
        for fk in schema.get("foreignKeys", []):
            local = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            remote = fk["reference"]["fields"] if isinstance(fk["reference"]["fields"], list) else [fk["reference"]["fields"]]
            target = fk["reference"]["resource"] or name
            on = " AND ".join(f't."{r}" = s."{loc}"' for loc, r in zip(local, remote, strict=True))
            filled = " AND ".join(f's."{loc}" IS NOT NULL' for loc in local)
            dangling = con.execute(f'SELECT COUNT(*) FROM "{name}" s WHERE {filled} AND NOT EXISTS (SELECT 1 FROM "{target}" t WHERE {on})').fetchone()[0]
            assert dangling == 0, (name, local)
    assert con.execute(readme_query(built)).fetchall() == expected_answer(built)


@pytest.mark.parametrize("reader", ["pandas", "polars"])
def test_parquet_types_are_as_declared(built: Release, reader: str):
    import datetime

    import pandas as pd
    import polars as pl

    for name, schema in built.schemas().items():
        path = built.folder / "parquet" / f"{name}.parquet"
        rows = built.rows(name)
        if reader == "pandas":
            frame = pd.read_parquet(path)
            expected = {"integer": "Int64", "boolean": "boolean", "number": "Float64", "date": "object"}
            for field in schema["fields"]:
                column = frame[field["name"]]
                assert str(column.dtype) == expected.get(field["type"], "str"), (name, field["name"], column.dtype)
                assert int(column.isna().sum()) == sum(1 for r in rows if r[field["name"]] == ""), (name, field["name"])
                if field["type"] == "date":
                    assert all(isinstance(v, datetime.date) for v in column.dropna())
                    assert [v.isoformat() for v in column.dropna()] == [r[field["name"]] for r in rows if r[field["name"]]]
                if field["type"] == "boolean":
                    assert list(column.dropna()) == [r[field["name"]] == "true" for r in rows if r[field["name"]]]
        else:
            frame = pl.read_parquet(path)
            expected_pl = {"integer": pl.Int64, "boolean": pl.Boolean, "number": pl.Float64, "date": pl.Date}
            assert frame.columns == [f["name"] for f in schema["fields"]]
            for field in schema["fields"]:
                column = frame[field["name"]]
                assert column.dtype == expected_pl.get(field["type"], pl.String), (name, field["name"], column.dtype)
                assert column.null_count() == sum(1 for r in rows if r[field["name"]] == ""), (name, field["name"])
                if field["type"] == "integer":
                    assert column.to_list() == [int(r[field["name"]]) if r[field["name"]] else None for r in rows]
                if field["type"] == "string":
                    assert column.to_list() == [r[field["name"]] or None for r in rows]
