"""Generate a synthetic, valid data package of N articles for benchmarks.

    python -m benchmarks.generate_corpus --articles 1000 [--seed 1] [--out DIR]

Same (N, seed, GENERATOR_VERSION) gives the same bytes. Without --out the
corpus is cached under benchmarks/.cache/ and reused. The package has the
live package's descriptor and schemas; its tables, headers, span columns and
article-text columns are read through the package model (layout.py).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import corpus_names as names
from .corpus_article import OPENERS, SECTIONS, WEAPONS, compose
from .corpus_cast import cast_of, place_rows, shared_actor_rows, shared_pools, unnamed_actors
from .corpus_rows import article_rows
from .layout import ROOT, Layout, load_layout

# Bump whenever the output for a given (N, seed) changes: it keys the cache.
GENERATOR_VERSION = 3
CACHE = ROOT / "benchmarks" / ".cache"
TEXTS = "data/source"
CHUNK = 250  # articles per task
PARALLEL_FROM = 2_000  # articles; below this, starting worker processes (each imports the validator's rules) costs more than it saves


def descriptor(layout: Layout, articles: int, seed: int) -> dict:
    """The live descriptor, renamed: a synthetic package is not the published one, so it has no id or sources of its own."""
    package = {k: v for k, v in layout.descriptor.items() if k != "id"}
    package.update(name="synthetic-benchmark-corpus", version=f"{GENERATOR_VERSION}.0.0",
                   title=f"Synthetic corpus of {articles} articles (seed {seed})",
                   description="Invented articles with the real package's schemas, for benchmarks only.", sources=[])
    return package


def write_package(out: Path, articles: int, seed: int, jobs: int | None = None) -> dict:
    """Write the whole package into `out` (an empty or missing directory); return its manifest.

    Articles are rendered in chunks, on `jobs` processes (all cores unless told)
    for large packages; the chunks are written in order, so the bytes do not
    depend on how many processes made them.
    """
    layout = load_layout()
    (out / TEXTS).mkdir(parents=True, exist_ok=True)
    for table in layout.tables.values():
        if table.schema_path:
            (out / table.schema_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / table.schema_path, out / table.schema_path)
    (out / "datapackage.json").write_text(json.dumps(descriptor(layout, articles, seed), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    pools, orders = shared_pools(articles, seed)
    counts = dict.fromkeys(layout.tables, 0)
    files = {}
    try:
        for name, table in layout.tables.items():
            (out / table.path).parent.mkdir(parents=True, exist_ok=True)
            files[name] = open(out / table.path, "w", encoding="utf-8", newline="")
            csv.writer(files[name], lineterminator="\n").writerow(table.header)
        shared = rendered(layout, {"actors": list(shared_actor_rows(pools)), "places": list(place_rows(pools))})
        chunks = [range(first, min(first + CHUNK, articles)) for first in range(0, articles, CHUNK)]
        for chunk in itertools.chain([shared], rendered_chunks(chunks, jobs, (layout, pools, orders, out, seed))):
            for name, (csv_text, rows) in chunk.items():
                files[name].write(csv_text)
                counts[name] += rows
    finally:
        for f in files.values():
            f.close()
    manifest = {"articles": articles, "seed": seed, "generator_version": GENERATOR_VERSION,
                "rows": sum(counts.values()), "rows_per_table": counts}
    (out / "corpus.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def rendered_chunks(chunks: list[range], jobs: int | None, state: tuple) -> Iterator[dict[str, tuple[str, int]]]:
    """Each chunk's CSV text, in order; in worker processes when the package is large enough to repay starting them."""
    jobs = min(jobs or os.cpu_count() or 1, len(chunks))
    if jobs < 2 or len(chunks) * CHUNK < PARALLEL_FROM:
        start_worker(*state)
        yield from map(render_chunk, chunks)
        return
    # spawn, not fork: the parent has polars' thread pool running, and forking a threaded process is unsafe
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker, initargs=state) as pool:
        yield from pool.map(render_chunk, chunks)


_WORKER: dict = {}


def start_worker(layout: Layout, pools: dict, orders: dict, out: Path, seed: int) -> None:
    _WORKER.update(layout=layout, pools=pools, orders=orders, out=out, seed=seed)


def render_chunk(chunk: range) -> dict[str, tuple[str, int]]:
    """CSV text and row count per table for the articles of `chunk` (their texts are written to the package)."""
    w = _WORKER
    layout = w["layout"]
    rows: dict[str, list[dict]] = {name: [] for name in layout.tables}
    for i in chunk:
        for name, table_rows in article(i, w["seed"], w["pools"], w["orders"], w["out"], layout).items():
            rows[name] += table_rows
    return rendered(layout, rows)


def rendered(layout: Layout, rows: dict[str, list[dict]]) -> dict[str, tuple[str, int]]:
    """Rows per table as CSV text (no header) and their count."""
    out = {}
    for name, table_rows in rows.items():
        table, buffer = layout.tables[name], io.StringIO()
        blank = table.blank()
        csv.writer(buffer, lineterminator="\n").writerows(table.cells(row, blank) for row in table_rows)
        out[name] = (buffer.getvalue(), len(table_rows))
    return out


def article(i: int, seed: int, pools: dict, orders: dict, out: Path, layout: Layout) -> dict[str, list[dict]]:
    """Text file plus rows for article i."""
    rng = random.Random(f"{seed}:{i}")
    cast, places = cast_of(pools, orders, i)
    aid = f"{names.slugify(cast['state0'][1])}-arms-{i:05d}"
    unnamed = unnamed_actors(aid, cast)
    meta = {"section": rng.choice(SECTIONS), "opener": rng.choice(OPENERS), "weapon": rng.choice(WEAPONS),
            "party_variant": names.party_variant(cast["party0"][1]), "fillers": rng.randint(15, 23)}
    draft = compose(aid, rng, cast, {role: actor for role, actor, _ in unnamed}, places, meta)
    text, rows = article_rows(draft, layout)
    data = text.encode("utf-8")
    path = f"{TEXTS}/{aid}.txt"
    (out / path).write_bytes(data)
    texts = layout.texts
    dated = rng.random() < 0.5
    row = {texts.key: aid, "title": text.split("\n")[1], "section": meta["section"],
           "published_date": f"{rng.randint(2009, 2016)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if dated else "",
           "url": f"https://example.org/news/{aid}" if rng.random() < 0.5 else "", "language": "en", texts.path: path,
           texts.sha256: hashlib.sha256(data).hexdigest(), texts.bytes: len(data), texts.length: len(text),
           "notes": "Synthetic text for benchmarks." if rng.random() < 0.1 else ""}
    return {texts.resource: [row], "actors": [r for _, _, r in unnamed], **rows}


def corpus(articles: int, seed: int = 1, refresh: bool = False, jobs: int | None = None) -> Path:
    """Path of the cached corpus for (articles, seed), generating it if needed."""
    final = CACHE / f"corpus-{articles}-seed{seed}-v{GENERATOR_VERSION}"
    if (final / "corpus.json").exists() and not refresh:
        return final
    tmp = CACHE / f"{final.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    write_package(tmp, articles, seed, jobs)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)  # readers never see a half-written corpus
    return final


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write here instead of the cache")
    parser.add_argument("--refresh", action="store_true", help="regenerate even if cached")
    parser.add_argument("--jobs", type=int, help="processes for a large package (default: one per CPU); the bytes are the same")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out:
        if args.out.exists() and any(args.out.iterdir()):
            parser.error(f"{args.out} is not empty")
        write_package(args.out, args.articles, args.seed, args.jobs)
        path = args.out
    else:
        path = corpus(args.articles, args.seed, args.refresh, args.jobs)
    print(f"{path} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    print(path)


if __name__ == "__main__":
    main()
