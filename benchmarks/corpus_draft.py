"""A growing article text that records where each annotated piece lands.

Offsets are taken from `len()` of what has been written so far, so they are
code points by construction; the verbatim text of each span is sliced from the
finished string (corpus_rows.py), so spans match by construction too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]
Actor = tuple[str, str]  # (actor_id, display name)


@dataclass
class Value:
    """How firmly one source holds a proposition (a fact_factuality value)."""

    value: str = "CT+"
    marker: Span | None = None  # the words that set it
    evidence: str = ""  # a fact id: the author's commitment elsewhere in the article


PLAIN = Value()


@dataclass
class Attribution:
    id: str
    content: Span
    cue: Span
    speaker: str
    speaker_span: Span | None = None
    source: str = ""
    addressee: str = ""
    parent: Attribution | None = None
    quote: str = ""
    inferred: tuple[str, ...] = ()
    notes: str = ""

    def chain(self) -> list[Attribution]:
        """This attribution and those it is nested in, outermost first."""
        chain: list[Attribution] = []
        node: Attribution | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass
class Fact:
    id: str
    span: Span
    statement: str
    subject: str
    predicate: str
    object: str
    attribution: Attribution | None
    held: Value  # by the deepest source of the chain: the claimant, or the author
    author: Value | None  # the author's value when it is not the relaying Uu (V7, V9)
    evaluation: Span | None
    condition: Span | None
    time: Span | None
    time_edtf: str
    notes: str


@dataclass
class Quote:
    id: str
    span: Span
    kind: str
    speaker: str
    cue: Span
    source: str = ""
    addressee: str = ""
    parent: str = ""
    inferred: tuple[str, ...] = ()
    notes: str = ""


@dataclass
class Source:
    id: str
    span: Span
    kind: str
    outlet: str = ""
    author: str = ""
    date: Span | None = None
    edtf: str = ""
    iso: str = ""
    precision: str = ""
    cited_via: str = ""
    inferred: tuple[str, ...] = ()
    notes: str = ""


@dataclass
class Caption:
    span: Span
    image: str
    provenance: Span | None
    depicts: Span | None


@dataclass
class Draft:
    article_id: str
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    mentions: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # start, end, actor, place, kind
    exclusions: dict[Span, tuple[str, str]] = field(default_factory=dict)  # span -> (guideline rule, note)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)

    def w(self, piece: str) -> int:
        """Append plain text; return where it starts."""
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start

    def seq(self, segments) -> Span:
        """Write segments; return (start, end).

        A segment is a str, an actor (id, name) written as a proper name,
        ("as", actor, text) for an actor's name written another way (a variant
        spelling, a shortened name), ("nom", actor, segments) for a description
        of an actor that may itself name others, ("adj", actor, text) for a
        demonym, ("pro", actor, text) for a pronoun, ("place", place) for a
        place, or ("not", rule, text, note) for words that are deliberately not a
        mention although the same words are one elsewhere (an exclusion).
        """
        start = self.pos
        for seg in segments:
            if isinstance(seg, str):
                self.w(seg)
            elif len(seg) == 2 and seg[0] != "place":
                self.mention(self.w(seg[1]), seg[0], "", "proper_name")
            elif seg[0] == "place":
                self.mention(self.w(seg[1][1]), "", seg[1][0], "proper_name")
            elif seg[0] in ("as", "adj", "pro"):
                kind = {"as": "proper_name", "adj": "adjective", "pro": "pronoun"}[seg[0]]
                self.mention(self.w(seg[2]), seg[1][0], "", kind)
            elif seg[0] == "not":
                at = self.w(seg[2])
                self.exclusions[(at, self.pos)] = (seg[1], seg[3])
            else:  # "nom"
                s, e = self.seq(seg[2])
                self.mentions.append((s, e, seg[1][0], "", "nominal"))
        return start, self.pos

    def mention(self, start: int, actor: str, place: str, kind: str) -> None:
        self.mentions.append((start, self.pos, actor, place, kind))

    def source(self, span: Span, kind: str, **details) -> str:
        sid = f"{self.article_id}-s{len(self.sources) + 1:02d}"
        self.sources.append(Source(sid, span, kind, **details))
        return sid

    def next_quote_id(self) -> str:
        return f"{self.article_id}-q{len(self.quotes) + 1:02d}"

    def quote(self, span: Span, kind: str, speaker: str, cue: Span, **details) -> str:
        qid = self.next_quote_id()
        self.quotes.append(Quote(qid, span, kind, speaker, cue, **details))
        return qid

    def attribution(self, content: Span, cue: Span, speaker: str, **details) -> Attribution:
        made = Attribution(f"{self.article_id}-a{len(self.attributions) + 1:02d}", content, cue, speaker, **details)
        self.attributions.append(made)
        return made

    def fact(self, span: Span, statement: str, subject: str, predicate: str, obj: str = "", attribution: Attribution | None = None,
             held: Value = PLAIN, author: Value | None = None, evaluation: Span | None = None, condition: Span | None = None,
             time: Span | None = None, time_edtf: str = "", notes: str = "") -> str:
        fid = f"{self.article_id}-f{len(self.facts) + 1:02d}"
        self.facts.append(Fact(fid, span, statement, subject, predicate, obj, attribution, held, author, evaluation, condition,
                               time, time_edtf, notes))
        return fid

    def caption(self, span: Span, image: str, provenance: Span | None, depicts: Span | None) -> None:
        self.captions.append(Caption(span, image, provenance, depicts))

    def text(self) -> str:
        return "".join(self.parts)
