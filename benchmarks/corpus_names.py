"""Pools of invented names for the synthetic corpus.

Every name is made up from syllables and word lists so that no real person
is put into invented statements. Some carry non-ASCII letters on purpose:
offsets are code points, and byte counts differ from them only then.
"""

import random
import re
import unicodedata

FIRST = ("Mara", "Jonah", "Ines", "Tomasz", "Aylin", "Kofi", "Renée", "Søren",
         "Zoë", "José", "Lukas", "Priya", "Hamid", "Chloé", "Oskar", "Nadia",
         "Émile", "Dmitri", "Leila", "Björn", "Amara", "Felix", "Yusuf", "Greta",
         "Mateo", "Sadia", "Owen", "Ilse", "Rafael", "Noor")
LAST = ("Okafor", "Lindqvist", "Haddad", "Kowalski", "Brennan", "Núñez", "Ødegaard",
        "Marchetti", "Osei", "Lefèvre", "Tanaka", "Whitfield", "Rahimi", "Duarte",
        "Kaya", "Morrow", "Nakamura", "Szabó", "Adeyemi", "Castell", "Dvořák",
        "Halloran", "Petrov", "Quinlan", "Sørensen", "Abbott", "Vance", "Żukowski",
        "Ferreira", "Mbeki")
SYL = ("val", "dor", "kar", "esh", "mir", "tan", "lor", "ven", "sar", "bel", "ost",
       "rin", "ka", "zan", "mel", "dra", "nor", "thal", "cor", "vel", "ash", "mon",
       "tir", "gal", "ser", "ion", "ul", "bra", "qua", "ef")
STATE_END = ("ia", "land", "stan", "a", "", "ica", "or", "ene")
OUTLET_END = ("Herald", "Times", "Gazette", "Post", "Courier", "Chronicle",
              "Tribune", "Wire", "News", "Ledger", "Observer", "Dispatch")
PLATFORM_END = ("book", "gram", "hub", "net", "feed", "cast")
AGENCY = ("Ministry of Defence", "Intelligence Service", "Foreign Office",
          "Interior Ministry", "Border Agency", "Security Council")
FORCES = ("Army", "armed forces", "National Guard", "Navy", "security forces")
GROUP = ("Brigades", "Liberation Front", "Defence Units", "Popular Militia",
         "Resistance Committees", "Mobilisation Forces")
PARTY = ("Ansar", "Harakat", "Jamaat", "Hizb", "Tayyar", "Majlis")
CITY_END = ("ford", "grad", "abad", "polis", "ville", "burg", "mouth", "ia")
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
REGION = ("Heights", "Valley", "Plains", "Delta", "Highlands", "Coast")

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text):
    """Lower-case ASCII slug: accents dropped, anything else becomes one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_text.lower()).strip("-")


def _word(rng, parts=2):
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def state_name(rng):
    return _word(rng, rng.choice((2, 2, 3))) + rng.choice(STATE_END)


def person_name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def outlet_name(rng):
    return f"{_word(rng)} {rng.choice(OUTLET_END)}"


def platform_name(rng):
    return _word(rng, 1) + rng.choice(PLATFORM_END)


def government_name(rng):
    return f"{rng.choice(LAST)} administration"


def agency_name(rng):
    return f"{state_name(rng)} {rng.choice(AGENCY)}"


def forces_name(rng):
    return f"{state_name(rng)} {rng.choice(FORCES)}"


def group_name(rng):
    if rng.random() < 0.3:
        return f"Sons of {state_name(rng)}"
    return f"{_word(rng)} {rng.choice(GROUP)}"


def party_name(rng):
    return f"{rng.choice(PARTY)} {_word(rng)}"


def demonym(state):
    """The adjective of an invented state's name: Valdoria -> Valdorian, Kartal -> Kartalian."""
    if state.endswith("a"):
        return state + "n"
    if state.endswith("stan"):
        return state + "i"
    if state.endswith("e"):
        return state[:-1] + "ian"
    return state + "ian"


def short_name(outlet):
    """How an article shortens an outlet's name on second mention: Bloomberg for Bloomberg News."""
    return outlet.split(" ", 1)[0]


def party_variant(name):
    """The article's own spelling of a party: a transliteration variant."""
    head, tail = name.split(" ", 1)
    return f"{head} {tail[:-1]}{'h' if tail[-1] != 'h' else 'a'}{tail[-1]}"


def place(rng):
    """(name, kind) of an invented place."""
    roll = rng.random()
    if roll < 0.4:
        return state_name(rng), "country"
    if roll < 0.7:
        return f"{_word(rng)} {rng.choice(REGION)}", "region"
    return _word(rng) + rng.choice(CITY_END), "city"


def unique_pool(seed, size, make, seen):
    """`size` distinct (slug, name) pairs from `make(rng)`, same for the same seed.

    Repeated names get a numeric suffix in the slug only; the display name
    may repeat, as real names do. `seen` is shared by pools whose slugs live
    in one table, so that two kinds of actor never collide.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(size):
        name = make(rng)
        base = slugify(name if isinstance(name, str) else name[0])
        count = seen.get(base, 0) + 1
        seen[base] = count
        out.append((base if count == 1 else f"{base}-{count}", name))
    return out
