"""Compare two annotations of the same article and print a Markdown report.

Usage: python scripts/compare_annotations.py DIR_A DIR_B

DIR_A is the reference, DIR_B the annotation under test: precision is measured
on B's rows, recall on A's. F1 (equal to the Dice coefficient here) is the
symmetric agreement. Spans are paired one-to-one, most similar pair first
(Jaccard of the character ranges). An "overlap" match needs the two spans to
share at least half of the shorter span's characters. Actor ids may differ
between the folders: actors are paired through their overlap-matched mentions,
the pair sharing the most mentions first, then by identical id.
"""

import sys
from collections import Counter
from pathlib import Path

import pandas as pd


def load(folder, table):
    df = pd.read_csv(Path(folder) / f"{table}.csv", dtype=str, keep_default_na=False)
    for col in ("start", "end"):
        if col in df:
            df[col] = df[col].astype(int)
    return df


def match_spans(a, b, exact=False):
    """One-to-one list of (row of a, row of b) whose spans match."""
    candidates = []
    for i, ra in a.iterrows():
        for j, rb in b.iterrows():
            shared = min(ra.end, rb.end) - max(ra.start, rb.start)
            shorter = min(ra.end - ra.start, rb.end - rb.start)
            same = (ra.start, ra.end) == (rb.start, rb.end)
            if same if exact else shared > 0 and shared >= 0.5 * shorter:
                union = max(ra.end, rb.end) - min(ra.start, rb.start)
                candidates.append((-shared / union, i, j))
    pairs, used_a, used_b = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return pairs


def prf(n_match, n_a, n_b):
    p = n_match / n_b if n_b else 0.0
    r = n_match / n_a if n_a else 0.0
    f = 2 * n_match / (n_a + n_b) if n_a + n_b else 0.0
    return f"P {p:.2f} / R {r:.2f} / F1 {f:.2f} ({n_match} matched; A {n_a}, B {n_b})"


def kappa(labels_a, labels_b):
    """Cohen's kappa of two equally long label lists."""
    n = len(labels_a)
    if not n:
        return float("nan")
    observed = sum(x == y for x, y in zip(labels_a, labels_b)) / n
    ca, cb = Counter(labels_a), Counter(labels_b)
    expected = sum(ca[k] * cb[k] for k in ca) / n**2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agree(pairs, a, b, test):
    """'k/n' count of matched pairs for which test(row_a, row_b) holds."""
    ok = sum(bool(test(a.loc[i], b.loc[j])) for i, j in pairs)
    return f"{ok}/{len(pairs)}"


def clip(text, limit=110):
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def span(row):
    return f"{row.start}-{row.end} “{clip(row.text)}”"


def table(headers, rows):
    if not rows:
        return "_none_\n"
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def unmatched(df, pairs, side, extra):
    taken = {p[side] for p in pairs}
    return [[span(r)] + [r[c] for c in extra] for i, r in df.iterrows() if i not in taken]


def map_actors(ma, mb, mention_pairs, actors_a, actors_b):
    """Dict B actor id -> A actor id."""
    counts = Counter((ma.loc[i, "actor_id"], mb.loc[j, "actor_id"]) for i, j in mention_pairs)
    counts = {k: n for k, n in counts.items() if k[0] and k[1]}
    mapping = {}
    for (ida, idb), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0] != kv[0][1])):
        if idb not in mapping and ida not in mapping.values():
            mapping[idb] = ida
    for idb in set(actors_b.actor_id) & set(actors_a.actor_id):
        if idb not in mapping and idb not in mapping.values():
            mapping[idb] = idb
    return mapping


def main(dir_a, dir_b):
    A = {t: load(dir_a, t) for t in ("actors", "mentions", "quotes", "sources", "facts", "image_captions")}
    B = {t: load(dir_b, t) for t in A}
    out = [f"# Annotation comparison\n\nA (reference): `{dir_a}`  \nB: `{dir_b}`\n"]

    # Mentions and actors
    ma, mb = A["mentions"], B["mentions"]
    m_exact, m_over = match_spans(ma, mb, exact=True), match_spans(ma, mb)
    amap = map_actors(ma, mb, m_over, A["actors"], B["actors"])
    a_to_b = {v: k for k, v in amap.items()}
    names_a = dict(zip(A["actors"].actor_id, A["actors"].name))
    names_b = dict(zip(B["actors"].actor_id, B["actors"].name))
    same_actor = lambda ida, idb: amap.get(idb, "?" + idb) == ida if idb else not ida

    aa, ab = A["actors"], B["actors"]
    out.append("## Actors\n")
    out.append(f"- Actor sets: {prf(len(amap), len(aa), len(ab))}\n")
    out.append("### Paired actors whose ids differ\n")
    out.append(table(["A", "B"], [[a, b] for b, a in sorted(amap.items()) if a != b]))
    out.append("### Actors in A without a counterpart in B\n")
    out.append(table(["id", "name"], [[i, names_a[i]] for i in aa.actor_id if i not in a_to_b]))
    out.append("### Actors in B without a counterpart in A\n")
    rows = []
    for i in ab.actor_id:
        if i not in amap:
            texts = [f"{r.start}-{r.end} “{r.text}”" for r in mb[mb.actor_id == i].itertuples()]
            rows.append([i, names_b[i], "; ".join(texts)])
    out.append(table(["id", "name", "B mentions"], rows))
    out.append("### Attribute differences of paired actors\n")
    rows = []
    for idb, ida in sorted(amap.items(), key=lambda kv: kv[1]):
        ra, rb = aa.set_index("actor_id").loc[ida], ab.set_index("actor_id").loc[idb]
        for col in ("kind", "is_named", "name_basis"):
            if ra[col] != rb[col]:
                rows.append([ida, col, ra[col], rb[col]])
        if not same_actor(ra.affiliation_actor_id, rb.affiliation_actor_id):
            rows.append([ida, "affiliation", ra.affiliation_actor_id, rb.affiliation_actor_id])
    out.append(table(["A actor", "field", "A", "B"], rows))

    out.append("## Mentions\n")
    out.append(f"- Exact span: {prf(len(m_exact), len(ma), len(mb))}")
    out.append(f"- Overlap: {prf(len(m_over), len(ma), len(mb))}")
    same_ref = lambda x, y: same_actor(x.actor_id, y.actor_id) and x.place_id == y.place_id
    out.append(f"- Overlap pairs with the same referent (mapped actor or place): {agree(m_over, ma, mb, same_ref)}")
    out.append(f"- Overlap pairs with the same mention_kind: {agree(m_over, ma, mb, lambda x, y: x.mention_kind == y.mention_kind)}\n")
    out.append("### Matched mentions with different referents\n")
    rows = [[span(ma.loc[i]), ma.loc[i].actor_id or ma.loc[i].place_id, span(mb.loc[j]), mb.loc[j].actor_id or mb.loc[j].place_id]
            for i, j in m_over if not same_ref(ma.loc[i], mb.loc[j])]
    out.append(table(["A mention", "A referent", "B mention", "B referent"], rows))
    out.append("### Matched mentions with different spans or mention_kind\n")
    rows = [[span(ma.loc[i]), ma.loc[i].mention_kind, span(mb.loc[j]), mb.loc[j].mention_kind] for i, j in m_over
            if (ma.loc[i].start, ma.loc[i].end, ma.loc[i].mention_kind) != (mb.loc[j].start, mb.loc[j].end, mb.loc[j].mention_kind)]
    out.append(table(["A mention", "A kind", "B mention", "B kind"], rows))
    out.append("### Mentions only in A\n")
    out.append(table(["span", "actor", "place"], unmatched(ma, m_over, 0, ["actor_id", "place_id"])))
    out.append("### Mentions only in B\n")
    out.append(table(["span", "actor", "place"], unmatched(mb, m_over, 1, ["actor_id", "place_id"])))

    # Quotes
    qa, qb = A["quotes"], B["quotes"]
    q_exact, q_over = match_spans(qa, qb, exact=True), match_spans(qa, qb)
    chars_a = {c for r in qa.itertuples() for c in range(r.start, r.end)}
    chars_b = {c for r in qb.itertuples() for c in range(r.start, r.end)}
    out.append("## Quotes\n")
    out.append(f"- Exact span: {prf(len(q_exact), len(qa), len(qb))}")
    out.append(f"- Overlap: {prf(len(q_over), len(qa), len(qb))}")
    out.append(f"- Symmetric character agreement (Jaccard of quoted characters): {len(chars_a & chars_b) / len(chars_a | chars_b):.2f}")
    out.append(f"- Overlap pairs with the same speaker (mapped actor): {agree(q_over, qa, qb, lambda x, y: same_actor(x.speaker_actor_id, y.speaker_actor_id))}")
    out.append(f"- Overlap pairs with the same kind: {agree(q_over, qa, qb, lambda x, y: x.kind == y.kind)}\n")
    rows = [[qa.loc[i].quote_id, qb.loc[j].quote_id, span(qa.loc[i]), span(qb.loc[j]), f"{qa.loc[i].kind} / {qb.loc[j].kind}",
             f"{qa.loc[i].speaker_actor_id} / {qb.loc[j].speaker_actor_id}"] for i, j in q_over
            if (qa.loc[i].start, qa.loc[i].end, qa.loc[i].kind) != (qb.loc[j].start, qb.loc[j].end, qb.loc[j].kind)
            or not same_actor(qa.loc[i].speaker_actor_id, qb.loc[j].speaker_actor_id)]
    out.append("### Matched quotes that differ in span, kind or speaker\n")
    out.append(table(["A id", "B id", "A span", "B span", "kind A / B", "speaker A / B"], rows))
    out.append("### Quotes only in A\n")
    out.append(table(["span", "kind", "speaker"], unmatched(qa, q_over, 0, ["kind", "speaker_actor_id"])))
    out.append("### Quotes only in B\n")
    out.append(table(["span", "kind", "speaker"], unmatched(qb, q_over, 1, ["kind", "speaker_actor_id"])))

    # Sources: by overlapping span, then by identical non-empty date
    sa, sb = A["sources"], B["sources"]
    s_pairs = match_spans(sa, sb)
    for i, ra in sa.iterrows():
        for j, rb in sb.iterrows():
            free = i not in {p[0] for p in s_pairs} and j not in {p[1] for p in s_pairs}
            if free and ra.date_edtf and ra.date_edtf == rb.date_edtf:
                s_pairs.append((i, j))
    smap = {sb.loc[j].source_id: sa.loc[i].source_id for i, j in s_pairs}
    out.append("## Sources (cited works)\n")
    out.append(f"- Matched (span overlap or date): {prf(len(s_pairs), len(sa), len(sb))}")
    out.append(f"- Same date_edtf: {agree(s_pairs, sa, sb, lambda x, y: x.date_edtf == y.date_edtf)}")
    out.append(f"- Same date_precision: {agree(s_pairs, sa, sb, lambda x, y: x.date_precision == y.date_precision)}")
    out.append(f"- Same kind: {agree(s_pairs, sa, sb, lambda x, y: x.kind == y.kind)}\n")
    rows = [[span(sa.loc[i]), span(sb.loc[j]), f"{sa.loc[i].date_edtf} / {sb.loc[j].date_edtf}",
             f"{sa.loc[i].date_precision} / {sb.loc[j].date_precision}"] for i, j in s_pairs]
    out.append(table(["A", "B", "date_edtf A / B", "precision A / B"], rows))
    out.append("Unmatched: A " + (", ".join(sa.source_id[~sa.index.isin([p[0] for p in s_pairs])]) or "none")
               + "; B " + (", ".join(sb.source_id[~sb.index.isin([p[1] for p in s_pairs])]) or "none") + "\n")

    # Facts
    fa, fb = A["facts"], B["facts"]
    f_exact, f_over = match_spans(fa, fb, exact=True), match_spans(fa, fb)
    same_claimant = lambda x, y: same_actor(x.claimant_actor_id, y.claimant_actor_id)
    out.append("## Facts\n")
    out.append(f"- Exact span: {prf(len(f_exact), len(fa), len(fb))}")
    out.append(f"- Overlap: {prf(len(f_over), len(fa), len(fb))}")
    out.append(f"- Same status: {agree(f_over, fa, fb, lambda x, y: x.status == y.status)}; Cohen's kappa "
               f"{kappa([fa.loc[i].status for i, _ in f_over], [fb.loc[j].status for _, j in f_over]):.2f}")
    out.append(f"- Same claimant (mapped actor): {agree(f_over, fa, fb, same_claimant)}\n")
    out.append("### Matched facts that differ in status or claimant\n")
    rows = [[fa.loc[i].fact_id[-3:], fb.loc[j].fact_id[-3:], span(fb.loc[j]), f"{fa.loc[i].status} / {fb.loc[j].status}",
             f"{fa.loc[i].claimant_actor_id} / {fb.loc[j].claimant_actor_id}"] for i, j in f_over
            if fa.loc[i].status != fb.loc[j].status or not same_claimant(fa.loc[i], fb.loc[j])]
    out.append(table(["A", "B", "B span", "status A / B", "claimant A / B"], rows))
    out.append("### Matched facts with different spans\n")
    rows = [[fa.loc[i].fact_id[-3:], fb.loc[j].fact_id[-3:], span(fa.loc[i]), span(fb.loc[j])] for i, j in f_over
            if (fa.loc[i].start, fa.loc[i].end) != (fb.loc[j].start, fb.loc[j].end)]
    out.append(table(["A", "B", "A span", "B span"], rows))
    out.append("### Facts only in A\n")
    out.append(table(["span", "status", "claimant"], unmatched(fa, f_over, 0, ["status", "claimant_actor_id"])))
    out.append("### Facts only in B\n")
    out.append(table(["span", "status", "claimant"], unmatched(fb, f_over, 1, ["status", "claimant_actor_id"])))

    # Captions
    ca, cb = A["image_captions"], B["image_captions"]
    c_pairs = match_spans(ca, cb)
    out.append("## Image captions\n")
    out.append(f"- Matched: {prf(len(c_pairs), len(ca), len(cb))}")
    for i, j in c_pairs:
        x, y = ca.loc[i], cb.loc[j]
        prov = lambda r: (r.provenance_start, r.provenance_end)
        out.append(f"- {x.caption_id} / {y.caption_id}: caption span {'same' if (x.start, x.end) == (y.start, y.end) else 'differs'}; "
                   f"provenance span {'same' if prov(x) == prov(y) else f'A {prov(x)}, B {prov(y)}'}; "
                   f"depicts span {'same' if (x.depicts_start, x.depicts_end) == (y.depicts_start, y.depicts_end) else 'differs'}; "
                   f"image source {'same' if smap.get(y.image_source_id) == x.image_source_id else f'A {x.image_source_id}, B {y.image_source_id}'}; "
                   f"credit {'same' if x.credit == y.credit else 'differs'}")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
