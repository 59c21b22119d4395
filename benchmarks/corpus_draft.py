"""A growing article text that records where each annotated piece lands.

Offsets are taken from `len()` of what has been written so far, so they are
code points by construction; the verbatim `text` of each row is sliced from
the finished string, so spans match by construction too (the test still
checks them, as the validator will).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root: run as a script from benchmarks/
from annotate.spans import cut  # noqa: E402  (the package's span helper: start, end and verbatim text of a span)


class Draft:
    def __init__(self, article_id):
        self.article_id = article_id
        self.parts = []
        self.pos = 0
        self.mentions = []   # (start, end, actor_id, place_id, mention_kind)
        self.facts = []      # dicts; spans resolved in rows()
        self.quotes = []
        self.sources = []
        self.captions = []

    def w(self, piece):
        """Append plain text; return where it starts."""
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start

    def seq(self, segments):
        """Write segments; return (start, end).

        A segment is a str, an actor tuple (id, name) written as a proper
        name, ("as", actor, text) for an actor written another way (a variant
        spelling), ("nom", actor, segments) for a description of an actor
        that may itself name others, ("pro", actor, text) for a pronoun, or
        ("place", place) for a place.
        """
        start = self.pos
        for seg in segments:
            if isinstance(seg, str):
                self.w(seg)
            elif len(seg) == 2 and isinstance(seg[0], str) and seg[0] != "place":
                s = self.w(seg[1])
                self.mentions.append((s, self.pos, seg[0], "", "proper_name"))
            elif seg[0] == "place":
                s = self.w(seg[1][1])
                self.mentions.append((s, self.pos, "", seg[1][0], "proper_name"))
            elif seg[0] == "as":
                s = self.w(seg[2])
                self.mentions.append((s, self.pos, seg[1][0], "", "proper_name"))
            elif seg[0] == "pro":
                s = self.w(seg[2])
                self.mentions.append((s, self.pos, seg[1][0], "", "pronoun"))
            else:  # "nom"
                s, e = self.seq(seg[2])
                self.mentions.append((s, e, seg[1][0], "", "nominal"))
        return start, self.pos

    def fact(self, span, statement, subject, predicate, obj, status="asserted",
             claimant="", source="", quote="", time=None, time_edtf="", notes=""):
        self.facts.append((span, statement, subject, predicate, obj, claimant,
                           source, quote, status, time, time_edtf, notes))

    def next_quote_id(self):
        return f"{self.article_id}-q{len(self.quotes) + 1:02d}"

    def quote(self, span, kind, speaker, cue, source="", inferred=False,
              addressee="", parent="", notes=""):
        qid = self.next_quote_id()
        self.quotes.append((qid, span, kind, speaker, source, inferred,
                            addressee, cue, parent, notes))
        return qid

    def source(self, span, kind, outlet="", author="", date=None, edtf="",
               iso="", precision="", cited_via="", title="", notes=""):
        sid = f"{self.article_id}-s{len(self.sources) + 1:02d}"
        self.sources.append((sid, span, kind, title, outlet, author, date,
                             edtf, iso, precision, cited_via, notes))
        return sid

    def rows(self):
        """The finished text and one list of CSV rows per table."""
        text = "".join(self.parts)
        aid = self.article_id

        mentions = [
            (f"{aid}-m{i:03d}", aid, s, e, text[s:e], actor, place, kind)
            for i, (s, e, actor, place, kind) in enumerate(sorted(self.mentions), 1)
        ]
        facts = [
            (f"{aid}-f{i:02d}", aid, *cut(text, span), statement, subject, predicate, obj,
             claimant, source, quote, status, *cut(text, time), time_edtf, notes)
            for i, (span, statement, subject, predicate, obj, claimant, source,
                    quote, status, time, time_edtf, notes) in enumerate(self.facts, 1)
        ]
        quotes = [
            (qid, aid, *cut(text, span), kind, speaker, source,
             "true" if inferred else "false", addressee, *cut(text, cue), parent, notes)
            for (qid, span, kind, speaker, source, inferred, addressee, cue,
                 parent, notes) in self.quotes
        ]
        sources = [
            (sid, aid, *cut(text, span), kind, title, outlet, author, *cut(text, date), edtf,
             iso, precision, cited_via, notes)
            for (sid, span, kind, title, outlet, author, date, edtf, iso,
                 precision, cited_via, notes) in self.sources
        ]
        captions = [
            (f"{aid}-c{i:02d}", aid, *cut(text, span), image, *cut(text, prov), *cut(text, dep), credit, notes)
            for i, (span, image, prov, dep, credit, notes) in enumerate(self.captions, 1)
        ]
        return text, mentions, facts, quotes, sources, captions
