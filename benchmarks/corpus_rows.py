"""A finished draft as one list of rows per table, by the annotation guidelines' mechanical rules.

What the guidelines derive rather than judge is derived here, not written by
the article composer: a fact's voice, claimant, cited work and quote (F13),
its factuality chain (V1, V2, V6), and the exclusions that every occurrence of
an annotated surface form needs (M18).
"""
from __future__ import annotations

from validate.rules.occurrences import occurrences  # the validator's own definition of an occurrence (M18), so the two agree

from .corpus_draft import Draft, Fact, Span, Value
from .layout import Layout

# What excludes an occurrence found by the M18 sweep that the composer did not plan, by where it stands.
SWEEP_RULES = {
    "proper_name": ("M15", "Part of a longer name annotated as one mention."),
    "nominal": ("M16", "Part of a longer mention of another referent."),
    "pronoun": ("M12", "Same pronoun, no actor referent here."),
}
OTHER_SENSE = ("M19", "The same letters stand for something else here.")


def article_rows(draft: Draft, layout: Layout) -> tuple[str, dict[str, list[dict]]]:
    """The article text and its rows, keyed by table name (the articles row itself is the caller's)."""
    text = draft.text()
    aid = draft.article_id
    t = layout.tables
    mentions = sorted(draft.mentions)
    rows: dict[str, list[dict]] = {
        "mentions": [
            {"mention_id": f"{aid}-m{i:03d}", "article_id": aid, **t["mentions"].span("mention", text, (s, e)), "actor_id": actor,
             "place_id": place, "mention_kind": kind}
            for i, (s, e, actor, place, kind) in enumerate(mentions, 1)
        ],
        "mention_exclusions": [
            {"article_id": aid, **t["mention_exclusions"].span("occurrence", text, span), "guideline_rule": rule, "notes": note}
            for span, (rule, note) in sorted(exclusions(text, draft).items())
        ],
        "sources": [
            {"source_id": s.id, "article_id": aid, **t["sources"].span("citation", text, s.span), "kind": s.kind, "outlet_actor_id": s.outlet,
             "author_actor_id": s.author, **t["sources"].span("date", text, s.date), "date_edtf": s.edtf, "date_iso": s.iso,
             "date_precision": s.precision, "cited_via_source_id": s.cited_via, "inferred_fields": " ".join(s.inferred), "notes": s.notes}
            for s in draft.sources
        ],
        "quotes": [
            {"quote_id": q.id, "article_id": aid, **t["quotes"].span("quote", text, q.span), "kind": q.kind, "speaker_actor_id": q.speaker,
             "source_id": q.source, "addressee_actor_id": q.addressee, **t["quotes"].span("cue", text, q.cue), "parent_quote_id": q.parent,
             "inferred_fields": " ".join(q.inferred), "notes": q.notes}
            for q in draft.quotes
        ],
        "attributions": [
            {"attribution_id": a.id, "article_id": aid, **t["attributions"].span("content", text, a.content),
             **t["attributions"].span("cue", text, a.cue), **t["attributions"].span("speaker", text, a.speaker_span),
             "speaker_actor_id": a.speaker, "source_id": a.source, "addressee_actor_id": a.addressee,
             "parent_attribution_id": a.parent.id if a.parent else "", "quote_id": a.quote, "inferred_fields": " ".join(a.inferred),
             "notes": a.notes}
            for a in draft.attributions
        ],
        "facts": [fact_row(f, draft, text, layout) for f in draft.facts],
        "fact_factuality": [row for f in draft.facts for row in factuality_rows(f, aid, text, layout)],
        "image_captions": [
            {"caption_id": f"{aid}-c{i:02d}", "article_id": aid, **t["image_captions"].span("caption", text, c.span), "image_source_id": c.image,
             **t["image_captions"].span("provenance", text, c.provenance), **t["image_captions"].span("depicts", text, c.depicts)}
            for i, c in enumerate(draft.captions, 1)
        ],
    }
    return text, rows


def fact_row(fact: Fact, draft: Draft, text: str, layout: Layout) -> dict:
    """F13: voice, claimant and cited work follow from the innermost attribution; the quote is the innermost
    quote around the span whose speaker is the claimant."""
    table = layout.tables["facts"]
    a = fact.attribution
    claimant = a.speaker if a else ""
    return {
        "fact_id": fact.id, "article_id": draft.article_id, **table.span("fact", text, fact.span), "statement": fact.statement,
        "subject_actor_id": fact.subject, "predicate": fact.predicate, "object": fact.object, "voice": "attributed" if a else "author",
        "claimant_actor_id": claimant, "attribution_id": a.id if a else "", "source_id": a.source if a else "",
        "quote_id": innermost_quote(draft, fact.span, claimant) if a else "", "evaluation": "evaluative" if fact.evaluation else "none",
        **table.span("evaluation", text, fact.evaluation), **table.span("condition", text, fact.condition), **table.span("time", text, fact.time),
        "time_edtf": fact.time_edtf, "notes": fact.notes,
    }


def innermost_quote(draft: Draft, span: Span, speaker: str) -> str:
    around = [q for q in draft.quotes if q.speaker == speaker and q.span[0] <= span[0] and span[1] <= q.span[1]]
    return min(around, key=lambda q: q.span[1] - q.span[0]).id if around else ""


def factuality_rows(fact: Fact, aid: str, text: str, layout: Layout) -> list[dict]:
    """V1, V2: depth 0 is the author, then each attribution around the fact, outermost first.

    The deepest source holds the fact as its own words say (`fact.held`); every
    source above it relays the next one's words without committing (V6: Uu, the
    next cue as marker), unless the composer says how the author commits (V7, V9).
    """
    chain = fact.attribution.chain() if fact.attribution else []
    table = layout.tables["fact_factuality"]
    rows = []
    for depth in range(len(chain) + 1):
        if depth == len(chain):
            value = fact.held
        elif depth == 0 and fact.author is not None:
            value = fact.author
        else:
            value = Value("Uu", marker=chain[depth].cue)
        basis = "discourse" if value.evidence else "marker" if value.marker else "plain"
        rows.append({"fact_id": fact.id, "depth": depth, "source_actor_id": chain[depth - 1].speaker if depth else "",
                     "attribution_id": chain[depth - 1].id if depth else "", "value": value.value, "basis": basis, "article_id": aid,
                     **table.span("marker", text, value.marker), "evidence_fact_id": value.evidence})
    return rows


def exclusions(text: str, draft: Draft) -> dict[Span, tuple[str, str]]:
    """M18: every occurrence of an annotated form is a mention or an exclusion.

    The composer plans the exclusions an annotator would make on purpose (a
    pronoun with an open antecedent, a generic "any ..."); names drawn at random
    can also meet by chance (a country whose name is the first word of an
    outlet's), and the sweep lists those with the rule that fits where they stand.
    """
    annotated = {(s, e): kind for s, e, _, _, kind in draft.mentions}
    forms: dict[str, set[str]] = {}
    for (s, e), kind in annotated.items():
        forms.setdefault(text[s:e], set()).add(kind)
    found = {}
    for span, planned in draft.exclusions.items():
        if text[span[0]:span[1]] not in forms or span in annotated:
            raise ValueError(f"{draft.article_id}: exclusion {span} is not an unannotated occurrence of an annotated form")
        found[span] = planned
    for form in sorted(forms):
        for at in occurrences(text, form):
            span = (at, at + len(form))
            if span not in annotated and span not in found:
                found[span] = sweep_rule(span, annotated, forms[form])
    return found


def sweep_rule(span: Span, annotated: dict[Span, str], kinds: set[str]) -> tuple[str, str]:
    around = [kind for (s, e), kind in annotated.items() if s <= span[0] and span[1] <= e and (s, e) != span]
    for kind in ("proper_name", "nominal"):
        if kind in around:
            return SWEEP_RULES[kind]
    return SWEEP_RULES["pronoun"] if "pronoun" in kinds else OTHER_SENSE
