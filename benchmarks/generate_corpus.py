"""Generate a synthetic, valid data package of N articles for benchmarks.

    python benchmarks/generate_corpus.py --articles 1000 [--seed 1] [--out DIR]

Same (N, seed, GENERATOR_VERSION) gives the same bytes. Without --out the
corpus is cached under benchmarks/.cache/ and reused. Named actors, places
and outlets are shared: each appears in about REUSE articles, and every one
is mentioned somewhere. Unnamed actors (officials, fighters) belong to one
article each, as in the real data.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import random
import shutil
import sys
import time
from pathlib import Path

import corpus_names as names
from corpus_article import OPENERS, SECTIONS, WEAPONS, compose, unnamed_actors

# Bump whenever the output for a given (N, seed) changes: it keys the cache.
GENERATOR_VERSION = 2
ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
REUSE = 4  # articles per shared actor or place, on average

# role, per article, actor kind, name maker, affiliated-to role
ROLES = (
    ("outlet", 2, "media_outlet", names.outlet_name, ""),
    ("platform", 1, "online_platform", names.platform_name, ""),
    ("gov", 2, "government", names.government_name, ""),
    ("state", 3, "state", names.state_name, ""),
    ("agency", 2, "government_agency", names.agency_name, "gov"),
    ("forces", 2, "armed_forces", names.forces_name, "gov"),
    ("group", 2, "armed_group", names.group_name, ""),
    ("party", 1, "political_party", names.party_name, ""),
    ("person", 5, "person", names.person_name, "agency"),
    ("journalist", 1, "person", names.person_name, "outlet"),
)
DESCRIPTIONS = {
    "outlet": "News outlet whose reporting the articles cite.",
    "platform": "Social network from which photos in the articles were taken.",
    "gov": "Government the articles refer to by its leader's name.",
    "state": "Country acting as a political actor in the articles.",
    "agency": "Government office the articles name.",
    "forces": "A state's military or security forces.",
    "group": "Non-state armed group the articles name.",
    "party": "Movement the articles call a political party; they spell its name variously.",
    "person": "Official the articles quote or cite by name.",
    "journalist": "Journalist whose newspaper piece the articles quote.",
}
TABLES = {  # resource name -> header, in schema field order
    name: [f["name"] for f in json.loads((ROOT / "schemas" / f"{name}.json").read_text())["fields"]]
    for name in ("articles", "actors", "places", "mentions", "sources", "quotes", "facts",
                 "image_captions")
}


def pool_size(per_article, articles):
    return max(per_article, math.ceil(per_article * articles / REUSE))


def shared_pools(articles, seed):
    """Shared actors per role and places, with a shuffled order for coverage."""
    seen = {}
    pools, orders = {}, {}
    for i, (role, per, _, make, _) in enumerate(ROLES):
        size = pool_size(per, articles)
        pools[role] = names.unique_pool(seed * 1000 + i, size, make, seen)
        orders[role] = random.Random(seed * 7919 + i).sample(range(size), size)
    size = pool_size(3, articles)
    pools["place"] = names.unique_pool(seed * 1000 + 99, size, names.place, {})
    orders["place"] = random.Random(seed * 7919 + 99).sample(range(size), size)
    return pools, orders


def pick(pools, orders, role, per, i):
    """Article i's `per` members of a pool: consecutive blocks, so all are used."""
    pool, order = pools[role], orders[role]
    return [pool[order[(i * per + j) % len(pool)]] for j in range(per)]


def actor_rows(pools, seed):
    rng = random.Random(seed * 31 + 7)
    for role, _, kind, _, aff_role in ROLES:
        affiliations = pools.get(aff_role, [])
        for k, (slug, name) in enumerate(pools[role]):
            basis = "normalised" if role == "party" else "as_written"
            aff = affiliations[k % len(affiliations)][0] if affiliations else ""
            wikidata = f"Q{rng.randint(100, 99_999_999)}" if rng.random() < 0.15 else ""
            yield (slug, name, basis, kind, "true", DESCRIPTIONS[role], aff, wikidata, "")


def write_package(out, articles, seed):
    """Write the whole package into `out` (an empty or missing directory)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "data" / "source").mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "schemas", out / "schemas", dirs_exist_ok=True)
    package = json.loads((ROOT / "datapackage.json").read_text())
    package.update(name="synthetic-benchmark-corpus", version=f"{GENERATOR_VERSION}.0.0",
                   title=f"Synthetic corpus of {articles} articles (seed {seed})",
                   description="Invented articles with the real package's schemas, for benchmarks only.",
                   sources=[])
    (out / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")

    pools, orders = shared_pools(articles, seed)
    files = {t: open(out / "data" / f"{t}.csv", "w", encoding="utf-8", newline="") for t in TABLES}
    writers = {t: csv.writer(f, lineterminator="\n") for t, f in files.items()}
    counts = dict.fromkeys(TABLES, 0)
    for t, header in TABLES.items():
        writers[t].writerow(header)

    def emit(table, rows):
        writers[table].writerows(rows)
        counts[table] += len(rows)

    emit("actors", list(actor_rows(pools, seed)))
    emit("places", [(slug, name, "as_written", kind, "", "") for slug, (name, kind) in pools["place"]])
    for i in range(articles):
        rows = article(i, seed, pools, orders, out)
        for table, table_rows in rows.items():
            emit(table, table_rows)
    for f in files.values():
        f.close()
    manifest = {"articles": articles, "seed": seed, "generator_version": GENERATOR_VERSION,
                "rows": sum(counts.values()), "rows_per_table": counts}
    (out / "corpus.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def article(i, seed, pools, orders, out):
    """Text file plus rows for article i."""
    rng = random.Random(f"{seed}:{i}")
    cast = {}
    for role, per, *_ in ROLES:
        for j, member in enumerate(pick(pools, orders, role, per, i)):
            cast[f"{role}{j}"] = member
    places = [(slug, name) for slug, (name, _) in pick(pools, orders, "place", 3, i)]
    aid = f"{names.slugify(cast['state0'][1])}-arms-{i:05d}"
    title = (f"{rng.choice(OPENERS)}: {cast['state0'][1]} {rng.choice(WEAPONS).title()} "
             f"Going to the {cast['group0'][1]}")
    meta = {"section": rng.choice(SECTIONS), "title": title,
            "party_variant": names.party_variant(cast["party0"][1]),
            "filler_facts": rng.randint(11, 17)}
    draft = compose(aid, rng, cast, places, meta)
    text, mentions, facts, quotes, sources, captions = draft.rows()
    data = text.encode("utf-8")
    path = f"data/source/{aid}.txt"
    (out / path).write_bytes(data)
    dated = rng.random() < 0.5
    row = (aid, title, meta["section"], "", "", f"{rng.randint(2009, 2016)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if dated else "",
           f"https://example.org/news/{aid}" if rng.random() < 0.5 else "", "en", path,
           hashlib.sha256(data).hexdigest(), len(data), len(text),
           "Synthetic text for benchmarks." if rng.random() < 0.1 else "")
    return {"articles": [row], "actors": [r for _, _, r in unnamed_actors(aid, cast)],
            "mentions": mentions, "sources": sources, "quotes": quotes, "facts": facts,
            "image_captions": captions}


def corpus(articles, seed=1, refresh=False):
    """Path of the cached corpus for (articles, seed), generating it if needed."""
    final = CACHE / f"corpus-{articles}-seed{seed}-v{GENERATOR_VERSION}"
    if (final / "corpus.json").exists() and not refresh:
        return final
    tmp = CACHE / f"{final.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    write_package(tmp, articles, seed)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)  # readers never see a half-written corpus
    return final


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write here instead of the cache")
    parser.add_argument("--refresh", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out:
        if args.out.exists() and any(args.out.iterdir()):
            parser.error(f"{args.out} is not empty")
        write_package(args.out, args.articles, args.seed)
        path = args.out
    else:
        path = corpus(args.articles, args.seed, args.refresh)
    print(f"{path} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    print(path)


if __name__ == "__main__":
    main()
