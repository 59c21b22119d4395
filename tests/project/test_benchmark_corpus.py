"""The benchmark corpus must be a valid package shaped like the real one, or the benchmark measures nothing."""
from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from conftest import ROOT, run_validator
from frictionless import validate

from benchmarks import generate_corpus
from validate.model import Package, load_model
from validate.reader import read_frame

ARTICLES = 3
SEED = 3
# A synthetic article may have this many times (or this fraction of) the real articles' rows per table.
MIX_TOLERANCE = 1.5


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus.write_package(out, ARTICLES, seed=SEED)
    return out


def files(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_frictionless_accepts_the_corpus(corpus):
    report = validate(str(corpus / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_project_validator_accepts_the_corpus(corpus):
    # Every declared rule must hold (every occurrence, containment, agreement, chains, flags ...),
    # or the benchmark would time the reporting of errors.
    outcome = run_validator(str(corpus / "datapackage.json"), "--format", "json")
    assert outcome.exit_code == 0, outcome.errors[:10]
    assert outcome.report["error_count"] == 0


def test_the_corpus_exercises_every_table_span_and_chain(corpus):
    """A rule with nothing to check costs nothing: every table has rows, every span group and every
    self-reference (a chain) is used, and every coded value that requires other fields occurs."""
    package = load_model(corpus)
    unused = []
    for name, resource in package.resources.items():
        frame = read_frame(package, name)
        if frame.height == 0:
            unused.append(f"{name}: no rows")
            continue
        filled = {column: frame[column].drop_nulls() for column in frame.columns}
        unused += [f"{name}: span {g.name} never filled" for g in resource.spans if filled[g.start].is_empty()]
        unused += [f"{name}: {fk.fields[0]} never used" for fk in resource.foreign_keys if fk.is_self_reference and filled[fk.fields[0]].is_empty()]
        for spec in resource.fields:
            required = [str(c["value"]) for c in spec.categories if c.get("x-requires")]
            unused += [f"{name}.{spec.name}: {value} never used" for value in required if value not in set(filled[spec.name].to_list())]
    assert not unused


def test_same_seed_same_bytes_and_another_seed_other_bytes(corpus, tmp_path):
    generate_corpus.write_package(tmp_path / "again", ARTICLES, seed=SEED)
    generate_corpus.write_package(tmp_path / "other", ARTICLES, seed=SEED + 1)
    assert files(tmp_path / "again") == files(corpus)
    other = files(tmp_path / "other")
    assert other[Path("data/facts.csv")] != files(corpus)[Path("data/facts.csv")]


def test_the_bytes_do_not_depend_on_the_number_of_processes(corpus, tmp_path, monkeypatch):
    # One article per chunk and no size threshold, so that three articles go to worker processes.
    monkeypatch.setattr(generate_corpus, "CHUNK", 1)
    monkeypatch.setattr(generate_corpus, "PARALLEL_FROM", 0)
    generate_corpus.write_package(tmp_path / "parallel", ARTICLES, seed=SEED, jobs=2)
    assert files(tmp_path / "parallel") == files(corpus)


def rows_of_each_article(package: Package) -> dict[str, list[int]]:
    """Rows of each article, table by table; for the shared tables (actors, places), how many of their rows
    each article refers to."""
    assert package.texts is not None
    frames = {name: read_frame(package, name) for name in package.resources}
    articles = frames[package.texts.resource][package.texts.key].to_list()

    def counts(frame: pl.DataFrame) -> list[int]:
        found = dict(frame.group_by("article").len().iter_rows())
        return [found.get(article, 0) for article in articles]

    mix = {}
    for name, resource in package.resources.items():
        article = package.article_field(resource)
        if article:
            mix[name] = counts(frames[name].select(pl.col(article).alias("article")))
        elif name != package.texts.resource:
            referenced = [frames[source.name].select(pl.col(package.article_field(source)).alias("article"), pl.col(fk.fields[0]).alias("key"))
                          for source, fk in package.referring(name) if package.article_field(source) and len(fk.fields) == 1]
            if referenced:
                mix[name] = counts(pl.concat(referenced).drop_nulls().unique())
    return mix


def test_the_row_mix_is_close_to_the_real_articles(corpus):
    """A synthetic article has, table by table, about as many rows as some annotated article of the live package:
    between the smallest real count divided by the tolerance and the largest times it, whatever the number of
    articles. A table the live package leaves empty (annotation under way) has nothing to compare with."""
    real, synthetic = rows_of_each_article(load_model(ROOT)), rows_of_each_article(load_model(corpus))
    compared = {name: counts for name, counts in real.items() if max(counts)}
    assert {"mentions", "facts", "quotes", "actors"} <= set(compared), "the live package has too few tables to compare with"
    mean = {name: sum(counts) / len(counts) for name, counts in synthetic.items()}
    off = {name: f"{mean[name]:.1f} synthetic against {min(counts)}–{max(counts)} real" for name, counts in compared.items()
           if not min(counts) / MIX_TOLERANCE <= mean[name] <= max(counts) * MIX_TOLERANCE}
    assert not off, off
