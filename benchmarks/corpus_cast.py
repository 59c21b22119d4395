"""Who appears in the synthetic articles: shared named actors and places, and each article's unnamed actors.

Named actors, places and outlets are shared: each appears in about REUSE
articles, in consecutive blocks of a shuffled pool so that every one is used
(and so mentioned) somewhere. Unnamed actors (officials, fighters) belong to
one article each, as in the real data.
"""
from __future__ import annotations

import math
import random

from . import corpus_names as names

REUSE = 4  # articles per shared actor or place, on average

# role, members per article, actor kind, name maker, affiliated-to role
ROLES = (
    ("outlet", 2, "media_outlet", names.outlet_name, ""),
    ("platform", 1, "online_platform", names.platform_name, ""),
    ("gov", 2, "government", names.government_name, ""),
    ("state", 3, "state", names.state_name, ""),
    ("agency", 2, "government_agency", names.agency_name, "gov"),
    ("forces", 2, "armed_forces", names.forces_name, "gov"),
    ("group", 2, "armed_group", names.group_name, ""),
    ("party", 1, "political_party", names.party_name, ""),
    ("person", 3, "person", names.person_name, "agency"),
    ("journalist", 1, "person", names.person_name, "outlet"),
)
DESCRIPTIONS = {
    "outlet": "News outlet whose reporting the articles cite.",
    "platform": "Website from which photos in the articles were taken.",
    "gov": "Government the articles refer to by its leader's name.",
    "state": "Country acting as a political actor in the articles.",
    "agency": "Government office the articles name.",
    "forces": "A state's military or security forces.",
    "group": "Non-state armed group the articles name.",
    "party": "Movement the articles call a political party; they spell its name variously.",
    "person": "Official the articles quote or cite by name.",
    "journalist": "Journalist whose newspaper piece the articles quote.",
}
# Inferences the annotators make about a role, with the reason (guidelines I2, I4).
INFERRED = {
    "platform": ("kind", "The articles never say what kind of site it is; online_platform is the annotators' knowledge."),
}
PLACES_PER_ARTICLE = 2

UNNAMED = (
    # (role, id suffix, kind, affiliated-to role, name template, description, inferred fields, notes)
    ("deny", "officials-denying", "group_of_people", "gov0", "{gov0} officials who denied the transfers",
     "Officials of the {gov0} who publicly denied the transfers; not named.", "", ""),
    ("confirm", "officials-confirming", "group_of_people", "gov0", "{gov0} officials who confirmed the transfers",
     "Other officials of the {gov0} who privately confirmed the transfers; not named.", "", ""),
    ("anon", "anonymous-official", "person", "gov0", "Anonymous official of the {gov0}",
     "An official the cited report paraphrases without naming.", "", ""),
    ("senior", "senior-official", "person", "gov0", "Senior administration official",
     "An official who spoke to the outlet without being named.", "affiliation_actor_id",
     "The article says 'administration' without naming which one; the {gov0} is the annotators' reading."),
    ("member", "militia-member", "person", "group0", "Fighter of the {group0} in the photo",
     "The fighter shown in the photo; not named.", "", ""),
    ("soldiers", "soldiers-with-author", "group_of_people", "forces0", "{forces0} soldiers the author travelled with",
     "Soldiers the quoted author travelled with; not named.", "", ""),
    ("analyst", "regional-analyst", "person", "", "Regional analyst",
     "An analyst the article quotes without naming.", "", ""),
    ("residents", "residents", "group_of_people", "", "Local residents",
     "Residents the article refers to as a group.", "", ""),
    ("commanders", "militia-commanders", "group_of_people", "group1", "Commanders of the {group1}",
     "Commanders the article refers to as a group.", "", ""),
)


def pool_size(per_article: int, articles: int) -> int:
    return max(per_article, math.ceil(per_article * articles / REUSE))


def shared_pools(articles: int, seed: int) -> tuple[dict, dict]:
    """Shared actors per role and places, with a shuffled order for coverage."""
    seen: dict[str, int] = {}
    pools, orders = {}, {}
    for i, (role, per, _, make, _) in enumerate(ROLES):
        size = pool_size(per, articles)
        pools[role] = names.unique_pool(seed * 1000 + i, size, make, seen)
        orders[role] = random.Random(seed * 7919 + i).sample(range(size), size)
    size = pool_size(PLACES_PER_ARTICLE, articles)
    pools["place"] = names.unique_pool(seed * 1000 + 99, size, names.place, {})
    orders["place"] = random.Random(seed * 7919 + 99).sample(range(size), size)
    return pools, orders


def pick(pools: dict, orders: dict, role: str, per: int, i: int) -> list:
    """Article i's `per` members of a pool: consecutive blocks, so all are used."""
    pool, order = pools[role], orders[role]
    return [pool[order[(i * per + j) % len(pool)]] for j in range(per)]


def cast_of(pools: dict, orders: dict, i: int) -> tuple[dict, list]:
    """Article i's named actors by role (outlet0, outlet1, gov0 ...) and its places, as (id, name)."""
    cast = {}
    for role, per, *_ in ROLES:
        for j, member in enumerate(pick(pools, orders, role, per, i)):
            cast[f"{role}{j}"] = member
    places = [(slug, name) for slug, (name, _) in pick(pools, orders, "place", PLACES_PER_ARTICLE, i)]
    return cast, places


def shared_actor_rows(pools: dict):
    for role, _, kind, _, aff_role in ROLES:
        affiliations = pools.get(aff_role, [])
        inferred, notes = INFERRED.get(role, ("", ""))
        for k, (slug, name) in enumerate(pools[role]):
            yield {"actor_id": slug, "name": name, "name_basis": "normalised" if role == "party" else "as_written", "kind": kind,
                   "is_named": "true", "description": DESCRIPTIONS[role],
                   "affiliation_actor_id": affiliations[k % len(affiliations)][0] if affiliations else "",
                   "inferred_fields": inferred, "notes": notes}


def place_rows(pools: dict):
    for slug, (name, kind) in pools["place"]:
        yield {"place_id": slug, "name": name, "name_basis": "as_written", "kind": kind}


def unnamed_actors(aid: str, cast: dict) -> list[tuple[str, tuple[str, str], dict]]:
    """Per-article unnamed actors as (role, (actor_id, name), actors row)."""
    names_by_role = {role: actor[1] for role, actor in cast.items()}
    out = []
    for role, suffix, kind, aff_role, name, desc, inferred, notes in UNNAMED:
        actor = (f"{aid}-{suffix}", name.format(**names_by_role))
        out.append((role, actor, {"actor_id": actor[0], "name": actor[1], "name_basis": "descriptive", "kind": kind, "is_named": "false",
                                  "description": desc.format(**names_by_role), "affiliation_actor_id": cast[aff_role][0] if aff_role else "",
                                  "inferred_fields": inferred, "notes": notes.format(**names_by_role)}))
    return out
