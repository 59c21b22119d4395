"""Agreement between two annotations of the same articles, as the guidelines' rules K2-K6 define it.

    python scripts/agreement.py A_DIR B_DIR [--json FILE] [--log-draft FILE]

A_DIR is the first annotation, B_DIR the second; each holds the package's CSVs (actors.csv,
mentions.csv, ...). Rows are matched by span, never by id (K2): exactly (same article, start
and end) and by overlap (one to one, highest Jaccard ratio of the two ranges first, at least
0.5). Precision is measured on B's rows, recall on A's, F1 is symmetric (K3). Actors and places
are mapped across the two through their exactly matched mentions (K5). Every coded value gets
Cohen's kappa on matched rows (K6). The Markdown report goes to standard output;
--log-draft writes one row per disagreement in the adjudication log's columns (J2), with the
decision left for the adjudicator.

Written by hand because no maintained library matches annotations by character span and maps
referents across two annotations; the arithmetic (precision, recall, kappa) is a few lines.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

Row = dict[str, str]
OVERLAP = 0.5
LOG_COLUMNS = ["layer", "article_id", "start", "end", "text", "field", "value_a", "value_b", "decision", "decided_value", "guideline_rule", "reason"]


def load(folder: Path, table: str) -> list[Row]:
    path = folder / f"{table}.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def span(row: Row, start: str = "start", end: str = "end") -> tuple[str, int, int] | None:
    try:
        return row.get("article_id", ""), int(row[start]), int(row[end])
    except (KeyError, ValueError):
        return None


def jaccard(a: tuple[str, int, int], b: tuple[str, int, int]) -> float:
    if a[0] != b[0]:
        return 0.0
    shared = min(a[2], b[2]) - max(a[1], b[1])
    union = max(a[2], b[2]) - min(a[1], b[1])
    return shared / union if shared > 0 and union > 0 else 0.0


def match(a: list[Row], b: list[Row], exact: bool, start: str = "start", end: str = "end") -> list[tuple[int, int]]:
    """One-to-one pairs (index in a, index in b): exact spans, or overlap >= 0.5, best pairs first (K2)."""
    candidates = []
    spans_b = [span(r, start, end) for r in b]
    for i, ra in enumerate(a):
        sa = span(ra, start, end)
        if sa is None:
            continue
        for j, sb in enumerate(spans_b):
            if sb is None:
                continue
            score = 1.0 if sa == sb else (0.0 if exact else jaccard(sa, sb))
            if score >= (1.0 if exact else OVERLAP):
                candidates.append((-score, i, j))
    pairs, used_a, used_b = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return sorted(pairs)


def prf(matched: int, in_a: int, in_b: int) -> dict:
    return {"matched": matched, "a": in_a, "b": in_b,
            "precision": round(matched / in_b, 2) if in_b else None,
            "recall": round(matched / in_a, 2) if in_a else None,
            "f1": round(2 * matched / (in_a + in_b), 2) if in_a + in_b else None}


def kappa(pairs: list[tuple[str, str]]) -> dict:
    """Cohen's kappa on (value in A, value in B) pairs; undefined when one category is all there is (K6)."""
    n = len(pairs)
    if not n:
        return {"pairs": 0, "observed": None, "kappa": None}
    observed = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / n**2
    value = None if expected == 1 else round((observed - expected) / (1 - expected), 2)
    return {"pairs": n, "observed": round(observed, 2), "kappa": value}


@dataclass
class Mapping:
    """Actors and places of A paired with those of B through their exactly matched mentions (K5)."""

    pairs: dict[str, str] = field(default_factory=dict)

    def same(self, a: str, b: str) -> bool:
        if not a and not b:
            return True
        return bool(a) and self.pairs.get(a) == b


def referent(row: Row) -> str:
    return row.get("actor_id") or (f"place:{row['place_id']}" if row.get("place_id") else "")


def map_referents(mentions_a: list[Row], mentions_b: list[Row]) -> Mapping:
    shared = Counter((referent(mentions_a[i]), referent(mentions_b[j])) for i, j in match(mentions_a, mentions_b, exact=True))
    mapping, used_b = Mapping(), set()
    for (a, b), _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        if a and b and a not in mapping.pairs and b not in used_b:
            mapping.pairs[a] = b
            used_b.add(b)
    return mapping


@dataclass
class Layer:
    name: str
    table: str
    start: str = "start"
    end: str = "end"
    compared: list[tuple[str, Callable[[Row, Row, Mapping], bool]]] = field(default_factory=list)  # (field, agree?) on matched rows
    coded: list[str] = field(default_factory=list)  # columns that get a kappa


def same_field(name: str) -> Callable[[Row, Row, Mapping], bool]:
    return lambda a, b, m: a.get(name, "") == b.get(name, "")


def same_span(start: str, end: str) -> Callable[[Row, Row, Mapping], bool]:
    return lambda a, b, m: (a.get(start, ""), a.get(end, "")) == (b.get(start, ""), b.get(end, ""))


def same_referent(name: str) -> Callable[[Row, Row, Mapping], bool]:
    return lambda a, b, m: m.same(a.get(name, ""), b.get(name, ""))


LAYERS = [
    Layer("quotes", "quotes", compared=[("speaker_actor_id", same_referent("speaker_actor_id")), ("cue", same_span("cue_start", "cue_end"))],
          coded=["kind"]),
    Layer("mentions", "mentions", compared=[("referent", lambda a, b, m: m.same(referent(a), referent(b)))], coded=["mention_kind"]),
    Layer("attributions", "attributions", compared=[("cue", same_span("cue_start", "cue_end")), ("speaker_actor_id", same_referent("speaker_actor_id"))]),
    Layer("facts", "facts", coded=["voice", "evaluation"]),
    Layer("sources", "sources", compared=[("date_edtf", same_field("date_edtf"))], coded=["kind", "date_precision"]),
    Layer("image_captions", "image_captions", compared=[(name, same_span(f"{name}_start", f"{name}_end")) for name in ("provenance", "depicts")]),
]


def compare(a_dir: Path, b_dir: Path) -> tuple[dict, list[Row]]:
    figures: dict = {"layers": {}}
    log: list[Row] = []
    mapping = map_referents(load(a_dir, "mentions"), load(b_dir, "mentions"))
    figures["referents_mapped"] = len(mapping.pairs)
    for layer in LAYERS:
        a, b = load(a_dir, layer.table), load(b_dir, layer.table)
        result: dict = {}
        for kind in ("exact", "overlap"):
            pairs = match(a, b, exact=kind == "exact", start=layer.start, end=layer.end)
            entry = prf(len(pairs), len(a), len(b))
            entry["agree"] = {name: f"{sum(agree(a[i], b[j], mapping) for i, j in pairs)}/{len(pairs)}" for name, agree in layer.compared}
            entry["kappa"] = {column: kappa([(a[i].get(column, ""), b[j].get(column, "")) for i, j in pairs]) for column in layer.coded}
            result[kind] = entry
            if kind == "overlap":
                log += disagreements(layer, a, b, pairs, mapping)
        figures["layers"][layer.name] = result
    figures["actors"] = actor_kappas(load(a_dir, "actors"), load(b_dir, "actors"), mapping)
    log += actor_disagreements(load(a_dir, "actors"), load(b_dir, "actors"), mapping)
    figures["factuality"], log_factuality = factuality(a_dir, b_dir)
    log += log_factuality
    return figures, log


def actor_kappas(a: list[Row], b: list[Row], mapping: Mapping) -> dict:
    by_id_b = {r["actor_id"]: r for r in b}
    pairs = [(r, by_id_b[mapping.pairs[r["actor_id"]]]) for r in a if mapping.pairs.get(r["actor_id"]) in by_id_b]
    return {"a": len(a), "b": len(b), "mapped": len(pairs),
            "kappa": {column: kappa([(x.get(column, ""), y.get(column, "")) for x, y in pairs]) for column in ("kind", "name_basis", "is_named")}}


def actor_disagreements(a: list[Row], b: list[Row], mapping: Mapping) -> list[Row]:
    """Actors have no span: unmapped ones, and coded values that differ between mapped ones, are logged by id."""
    by_id_b = {r["actor_id"]: r for r in b}
    mapped_b = set(mapping.pairs.values())
    out = []

    def entry(name: str, value_a: str, value_b: str, label: str) -> Row:
        return dict(zip(LOG_COLUMNS, ["actors", "", "", "", label, name, value_a, value_b, "", "", "", ""], strict=True))

    for row in a:
        other = by_id_b.get(mapping.pairs.get(row["actor_id"], ""))
        if other is None:
            out.append(entry("row", row["actor_id"], "", row.get("name", "")))
            continue
        out += [entry(column, row.get(column, ""), other.get(column, ""), row.get("name", "")) for column in ("kind", "name_basis", "is_named")
                if row.get(column, "") != other.get(column, "")]
    out += [entry("row", "", row["actor_id"], row.get("name", "")) for row in b if row["actor_id"] not in mapped_b]
    return out


def disagreements(layer: Layer, a: list[Row], b: list[Row], pairs: list[tuple[int, int]], mapping: Mapping) -> list[Row]:
    """J2: every unmatched row and every compared or coded value that differs on a matched pair."""
    out: list[Row] = []
    matched_a, matched_b = {i for i, _ in pairs}, {j for _, j in pairs}

    def entry(row: Row, name: str, value_a: str, value_b: str) -> Row:
        return dict(zip(LOG_COLUMNS, [layer.name, row.get("article_id", ""), row.get(layer.start, ""), row.get(layer.end, ""), row.get("text", ""),
                                      name, value_a, value_b, "", "", "", ""], strict=True))

    out += [entry(a[i], "row", a[i].get(f"{layer.table[:-1]}_id", "") or "present", "") for i in range(len(a)) if i not in matched_a]
    out += [entry(b[j], "row", "", b[j].get(f"{layer.table[:-1]}_id", "") or "present") for j in range(len(b)) if j not in matched_b]
    for i, j in pairs:
        if (a[i].get(layer.start), a[i].get(layer.end)) != (b[j].get(layer.start), b[j].get(layer.end)):
            out.append(entry(a[i], "span", f"{a[i].get(layer.start)}-{a[i].get(layer.end)}", f"{b[j].get(layer.start)}-{b[j].get(layer.end)}"))
        for name, agree in layer.compared:
            if not agree(a[i], b[j], mapping):
                value_a = referent(a[i]) if name == "referent" else a[i].get(name, "")
                value_b = referent(b[j]) if name == "referent" else b[j].get(name, "")
                out.append(entry(a[i], name, value_a, value_b))
        for column in layer.coded:
            if a[i].get(column, "") != b[j].get(column, ""):
                out.append(entry(a[i], column, a[i].get(column, ""), b[j].get(column, "")))
    return out


def chains(folder: Path) -> dict[str, dict[int, Row]]:
    out: dict[str, dict[int, Row]] = {}
    for row in load(folder, "fact_factuality"):
        try:
            out.setdefault(row["fact_id"], {})[int(row["depth"])] = row
        except (KeyError, ValueError):
            continue
    return out


def factuality(a_dir: Path, b_dir: Path) -> tuple[dict, list[Row]]:
    """Each source's value, depth by depth, on matched facts (K4, K6), with chain-length agreement."""
    facts_a, facts_b = load(a_dir, "facts"), load(b_dir, "facts")
    chains_a, chains_b = chains(a_dir), chains(b_dir)
    result, log = {}, []
    for kind in ("exact", "overlap"):
        values, bases, lengths = [], [], 0
        pairs = match(facts_a, facts_b, exact=kind == "exact")
        for i, j in pairs:
            ca, cb = chains_a.get(facts_a[i].get("fact_id", ""), {}), chains_b.get(facts_b[j].get("fact_id", ""), {})
            lengths += max(ca, default=-1) == max(cb, default=-1)
            for depth in sorted(set(ca) & set(cb)):
                values.append((ca[depth].get("value", ""), cb[depth].get("value", "")))
                bases.append((ca[depth].get("basis", ""), cb[depth].get("basis", "")))
                if kind == "overlap" and ca[depth].get("value") != cb[depth].get("value"):
                    row = facts_a[i]
                    log.append(dict(zip(LOG_COLUMNS, ["fact_factuality", row.get("article_id", ""), row.get("start", ""), row.get("end", ""),
                                                      row.get("text", ""), f"value@{depth}", ca[depth].get("value", ""), cb[depth].get("value", ""),
                                                      "", "", "", ""], strict=True)))
        result[kind] = {"facts": len(pairs), "same_chain_length": f"{lengths}/{len(pairs)}", "value": kappa(values), "basis": kappa(bases)}
    return result, log


def markdown(figures: dict, a_name: str, b_name: str) -> str:
    lines = [f"Agreement of `{a_name}` (A) and `{b_name}` (B); precision on B's rows, recall on A's.", "",
             "| layer | match | A | B | matched | P | R | F1 | on matched rows |", "|---|---|---|---|---|---|---|---|---|"]
    for name, result in figures["layers"].items():
        for kind in ("exact", "overlap"):
            e = result[kind]
            detail = [f"{k} {v}" for k, v in e["agree"].items()]
            detail += [f"{k} κ {fmt(v['kappa'])} (agree {fmt(v['observed'])}, n {v['pairs']})" for k, v in e["kappa"].items()]
            lines.append(f"| {name} | {kind} | {e['a']} | {e['b']} | {e['matched']} | {fmt(e['precision'])} | {fmt(e['recall'])} | {fmt(e['f1'])} | "
                         f"{'; '.join(detail)} |")
    lines += ["", "| factuality | matched facts | same chain length | value κ (agree, pairs) | basis κ (agree, pairs) |", "|---|---|---|---|---|"]
    for kind in ("exact", "overlap"):
        f = figures["factuality"][kind]
        lines.append(f"| {kind} | {f['facts']} | {f['same_chain_length']} | {fmt(f['value']['kappa'])} ({fmt(f['value']['observed'])}, "
                     f"{f['value']['pairs']}) | {fmt(f['basis']['kappa'])} ({fmt(f['basis']['observed'])}, {f['basis']['pairs']}) |")
    act = figures["actors"]
    lines += ["", f"Actors: A {act['a']}, B {act['b']}, mapped through their mentions {act['mapped']}; "
              + "; ".join(f"{k} κ {fmt(v['kappa'])} (agree {fmt(v['observed'])}, n {v['pairs']})" for k, v in act["kappa"].items()) + "."]
    return "\n".join(lines) + "\n"


def fmt(value) -> str:
    return "undefined" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def write_log(path: Path, rows: Iterable[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=LOG_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="the first annotation's folder of CSVs")
    parser.add_argument("b", type=Path, help="the second annotation's folder of CSVs")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--log-draft", type=Path, help="also write every disagreement as a draft adjudication log")
    args = parser.parse_args(argv)
    figures, log = compare(args.a, args.b)
    sys.stdout.write(markdown(figures, str(args.a), str(args.b)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.log_draft:
        write_log(args.log_draft, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
