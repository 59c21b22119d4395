"""The benchmark corpus must be a valid package, or the benchmark measures nothing."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))  # the generator is a script directory, not a package

import generate_corpus  # noqa: E402

ARTICLES = 5


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus.write_package(out, ARTICLES, seed=3)
    return out


def read(corpus, table):
    # Same reading rules as the validator, so "NA" stays a string.
    return pd.read_csv(corpus / "data" / f"{table}.csv", dtype=str, keep_default_na=False)


def test_frictionless_accepts_the_corpus(corpus):
    report = validate(str(corpus / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.skipif(not (ROOT / "validate" / "__main__.py").exists(), reason="no validator yet")
def test_project_validator_accepts_the_corpus(corpus):
    # Its extra rules (claimants, mentions of every actor) must hold too,
    # or the benchmark would time the reporting of errors.
    run = subprocess.run([sys.executable, "-m", "validate", str(corpus / "datapackage.json"),
                          "--format", "json"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[:2000]


def test_every_span_matches_its_text(corpus):
    articles = read(corpus, "articles")
    texts = {}
    for row in articles.itertuples():
        data = (corpus / row.text_path).read_bytes()
        assert len(data) == int(row.text_bytes)
        texts[row.article_id] = data.decode("utf-8")
        assert len(texts[row.article_id]) == int(row.text_length)
    checked = 0
    for path in sorted((corpus / "schemas").glob("*.json")):
        schema = json.loads(path.read_text())
        for span in schema.get("x-spans", []):
            table = read(corpus, path.stem)
            for row in table.to_dict("records"):
                if row[span["start"]] == "":
                    assert not span["required"] and row[span["text"]] == ""
                    continue
                start, end = int(row[span["start"]]), int(row[span["end"]])
                assert texts[row["article_id"]][start:end] == row[span["text"]], (path.stem, row)
                checked += 1
    assert checked > 100 * ARTICLES


def test_every_actor_is_mentioned_and_chains_end(corpus):
    actors = read(corpus, "actors")
    assert set(actors.actor_id) <= set(read(corpus, "mentions").actor_id)
    for table, key, parent in (("actors", "actor_id", "affiliation_actor_id"),
                               ("quotes", "quote_id", "parent_quote_id"),
                               ("sources", "source_id", "cited_via_source_id")):
        frame = read(corpus, table)
        up = dict(zip(frame[key], frame[parent]))
        assert any(up.values()), f"{table}.{parent} never used"
        for start in up:
            seen, node = set(), start
            while node:
                assert node not in seen, f"cycle through {node} in {table}"
                seen.add(node)
                node = up[node]


def test_same_seed_same_bytes(corpus, tmp_path):
    again = tmp_path / "again"
    generate_corpus.write_package(again, ARTICLES, seed=3)
    first = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert (corpus / rel).read_bytes() == (again / rel).read_bytes(), rel
