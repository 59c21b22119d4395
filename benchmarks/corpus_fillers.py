"""Filler assertions that bring a synthetic article up to the real article's number of facts.

Each sentence is one proposition in the author's voice, or one attribution
('X said that A and that B') holding two. Propositions are plain or hedged,
negated, evaluative, conditional or dated, so that every factuality value and
span kind appears in about the proportions the real article gives them. The
first sentences name the actors that nothing else in the article names.
"""
from __future__ import annotations

from typing import Any

from .corpus_draft import PLAIN, Value
from .corpus_names import MONTHS

# (past tense, base form, predicate as coded); {pro} is the subject's possessive pronoun, a mention of it
VERBS = (
    ("supplied weapons to", "supply weapons to", "supplied weapons to"),
    ("armed", "arm", "armed"),
    ("signed a security agreement with", "sign a security agreement with", "signed a security agreement with"),
    ("opened quiet negotiations with", "open quiet negotiations with", "opened negotiations with"),
    ("withdrew {pro} support from", "withdraw {pro} support from", "withdrew support from"),
    ("trained fighters loyal to", "train fighters loyal to", "trained fighters loyal to"),
    ("criticised", "criticise", "criticised"),
)
PLACE_VERBS = (
    ("expanded {pro} operations near", "expand {pro} operations near", "expanded operations near"),
    ("moved convoys through", "move convoys through", "moved convoys through"),
    ("withdrew {pro} advisers from", "withdraw {pro} advisers from", "withdrew advisers from"),
)
PLAIN_OBJECTS = ("local fighters", "the border guards", "a rival faction", "tribal leaders", "the provincial council", "foreign advisers")
HEDGES = (("probably", "PR+"), ("possibly", "PS+"), ("perhaps", "PS+"), ("likely", "PR+"))
NEGATIONS = ("never",)
JUDGEMENTS = ("recklessly", "foolishly", "wisely", "rightly")
CONDITIONS = ("if the talks fail", "if the ceasefire collapses", "if the funding stops", "if the border reopens")
# how a proposition is put, with weights that follow the real article's mix of values
MOODS = (("plain", 52), ("hedged", 8), ("negated", 10), ("evaluative", 18), ("conditional", 6))
FIRST_FILLERS = 4  # the sentences that name the per-article actors nothing else names
CLAIM_SHARE = 0.06  # later sentences that are someone's words rather than the author's
DATED_SHARE = 0.15


def fillers(d, rng, c, u, places, count, party_text, first=False):
    """`count` sentences; the first ones name actors nobody has named yet."""
    # (words before, segment, actor id, display name, possessive pronoun)
    written = [("", c["state0"]), ("", c["state1"]), ("the ", c["gov0"]), ("the ", c["agency0"]), ("the ", c["forces0"]),
               ("the ", c["forces1"]), ("the ", c["group0"]), ("", ("as", c["party0"], party_text))]
    subjects = [(pre, seg, seg[1][0] if seg[0] == "as" else seg[0], seg[1][1] if seg[0] == "as" else seg[1], "its") for pre, seg in written]
    claimants = [(c["person2"], c["person2"][0]), (("nom", u["analyst"], ["A regional analyst"]), u["analyst"][0])]
    pending: list[tuple[str, Any]] = []  # (claim, (speaker segment, actor id)) or (subject, subject)
    if first:
        pending = [("claim", cl) for cl in claimants] + [
            ("subject", ("", ("nom", u["residents"], ["Residents of ", ("place", places[1])]), u["residents"][0], u["residents"][1], "their")),
            ("subject", ("", ("nom", u["commanders"], ["Commanders of the ", c["group1"]]), u["commanders"][0], u["commanders"][1], "their"))]
    for i in range(count):
        d.w("\n" if i and i % 4 == 0 else " " if i else "")
        kind, who = pending.pop(0) if pending else ("claim" if rng.random() < CLAIM_SHARE else "subject", None)
        if kind == "claim":
            seg, claimant = who or rng.choice(claimants)
            speaker = d.seq([seg])
            d.w(" ")
            cue = d.seq(["said"])
            d.w(" that ")
            first_clause = clause(d, rng, rng.choice(subjects), subjects, places, sentence_start=False)
            d.w(" and that ")
            second_clause = clause(d, rng, rng.choice(subjects), subjects, places, sentence_start=False)
            attribution = d.attribution((first_clause["span"][0], d.pos), cue, claimant, speaker_span=speaker)
            for made in (first_clause, second_clause):
                d.fact(attribution=attribution, **made)
        else:
            d.fact(**clause(d, rng, who or rng.choice(subjects), subjects, places, sentence_start=True))
        d.w(".")
    d.w("\n")


def clause(d, rng, subject, subjects, places, sentence_start):
    """Write one proposition; return the fact's fields (span, statement, subject, ... time)."""
    clause_start = d.pos
    mood = rng.choices([m for m, _ in MOODS], [w for _, w in MOODS])[0]
    condition = time = None
    edtf = ""
    if mood == "conditional":
        words = rng.choice(CONDITIONS)
        condition = d.seq([words.capitalize() if sentence_start else words])
        d.w(", ")
        sentence_start = False
    elif rng.random() < DATED_SHARE:
        time, edtf = dated(d, rng, sentence_start)
        d.w(", ")
        sentence_start = False
    pre, seg, sid, sname, pronoun = subject
    span_start = d.pos if condition else clause_start  # a condition is not part of the fact (F9); a date is (F5)
    d.seq([pre.capitalize() if sentence_start else pre, seg if sentence_start else lower_first(seg), " "])
    verb, base, predicate, obj, oname = verb_and_object(rng, subject, subjects, places)
    held, evaluation = PLAIN, None
    if mood == "hedged":
        word, value = rng.choice(HEDGES)
        held = Value(value, marker=d.seq([word]))
        d.w(" ")
    elif mood == "negated":
        held = Value("CT-", marker=d.seq([rng.choice(NEGATIONS)]))
        d.w(" ")
    elif mood == "evaluative":
        evaluation = d.seq([rng.choice(JUDGEMENTS)])
        d.w(" ")
    elif mood == "conditional":
        d.w("would ")
        verb, predicate = base, f"would {predicate}"
    d.seq(pronouned(verb, (sid, sname), pronoun) + [" "] + obj)
    statement = f"{pre}{sname} {predicate} {oname}.".replace("’", "'")
    return {"span": (span_start, d.pos), "statement": statement[0].upper() + statement[1:], "subject": sid, "predicate": predicate,
            "obj": oname, "held": held, "evaluation": evaluation, "condition": condition, "time": time, "time_edtf": edtf}


def dated(d, rng, sentence_start):
    """A time adjunct that names a month or a span of years, with its EDTF (F12)."""
    if rng.random() < 0.7:
        month, year = rng.randrange(12), rng.randint(2005, 2016)
        return d.seq([f"{'In' if sentence_start else 'in'} {MONTHS[month]} {year}"]), f"{year}-{month + 1:02d}"
    first = rng.randint(2003, 2014)
    last = first + rng.randint(1, 3)
    return d.seq([f"{'Between' if sentence_start else 'between'} {first} and {last}"]), f"{first}/{last}"


def verb_and_object(rng, subject, subjects, places):
    roll = rng.random()
    if roll < 0.3:
        verb, base, predicate = rng.choice(PLACE_VERBS)
        place = places[rng.randrange(len(places))]
        return verb, base, predicate, [("place", place)], place[1]
    verb, base, predicate = rng.choice(VERBS)
    if roll < 0.45:
        other = rng.choice(subjects)
        if other[2] == subject[2]:  # nobody arms itself
            other = subjects[(subjects.index(subject) + 1) % len(subjects)] if subject in subjects else subjects[0]
        return verb, base, predicate, [other[0], other[1]], other[3]
    words = rng.choice(PLAIN_OBJECTS)
    return verb, base, predicate, [words], words


def lower_first(segment):
    """A description written mid-sentence: 'residents of ...', not 'Residents of ...'. Names keep their capitals."""
    if segment[0] != "nom" or not isinstance(segment[2][0], str):
        return segment
    words = segment[2][0]
    return ("nom", segment[1], [words[:1].lower() + words[1:], *segment[2][1:]])


def pronouned(verb, actor, pronoun):
    """A verb phrase's segments, its {pro} written as a pronoun mention of the subject."""
    before, found, after = verb.partition("{pro}")
    return [before, ("pro", actor, pronoun), after] if found else [verb]
