"""The agreement arithmetic of scripts/agreement.py on small hand-checked cases (guidelines K2-K6)."""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("agreement", ROOT / "scripts" / "agreement.py")
assert _spec is not None and _spec.loader is not None
agreement = importlib.util.module_from_spec(_spec)
sys.modules["agreement"] = agreement  # dataclasses look their module up while the script loads
_spec.loader.exec_module(agreement)


def rows(*spans: tuple[int, int], **extra) -> list[dict]:
    return [{"article_id": "a", "start": str(s), "end": str(e), **{k: v[i] for k, v in extra.items()}} for i, (s, e) in enumerate(spans)]


def test_exact_and_overlap_matching_follow_k2():
    a = rows((167, 194), (0, 4), (10, 20))
    b = rows((174, 194), (0, 4), (30, 40))
    assert agreement.match(a, b, exact=True) == [(1, 1)]
    assert agreement.match(a, b, exact=False) == [(0, 0), (1, 1)]  # 20/27 = 0.74 >= 0.5; 10-20 and 30-40 share nothing
    assert agreement.match(rows((0, 10)), rows((6, 20)), exact=False) == []  # 4/20 = 0.2 < 0.5


def test_matching_is_one_to_one_and_best_first():
    a = rows((0, 10), (0, 9))
    b = rows((0, 10))
    assert agreement.match(a, b, exact=False) == [(0, 0)]


def test_precision_recall_f1_follow_k3():
    assert agreement.prf(7, 7, 8) == {"matched": 7, "a": 7, "b": 8, "precision": 0.88, "recall": 1.0, "f1": 0.93}


def test_kappa_is_cohens_and_undefined_for_one_category():
    pairs = [("x", "x")] * 8 + [("x", "y"), ("y", "y")] * 1
    result = agreement.kappa(pairs)
    # p_o = 9/10; A: x 9, y 1; B: x 8, y 2; p_e = (9*8 + 1*2)/100 = 0.74; kappa = (0.9 - 0.74) / 0.26 = 0.615...
    assert result == {"pairs": 10, "observed": 0.9, "kappa": 0.62}
    assert agreement.kappa([("x", "x"), ("x", "x")])["kappa"] is None


def test_referents_are_mapped_through_shared_mentions_not_ids(tmp_path):
    a = rows((0, 9), (20, 29), (40, 44), actor_id=["bloomberg-news", "bloomberg-news", "iran"], mention_kind=["name"] * 3)
    b = rows((0, 9), (20, 29), (40, 44), actor_id=["bloomberg", "bloomberg", "iran-state"], mention_kind=["name"] * 3)
    mapping = agreement.map_referents(a, b)
    assert mapping.pairs == {"bloomberg-news": "bloomberg", "iran": "iran-state"}
    assert mapping.same("bloomberg-news", "bloomberg") and not mapping.same("iran", "bloomberg")


def test_a_disagreement_on_a_matched_mention_becomes_one_log_row(tmp_path):
    for side, kinds in (("a", ["proper_name", "nominal"]), ("b", ["proper_name", "pronoun"])):
        folder = tmp_path / side
        folder.mkdir()
        with (folder / "mentions.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["mention_id", "article_id", "start", "end", "text", "actor_id", "mention_kind"])
            writer.writeheader()
            writer.writerows([{"mention_id": f"m{i}", "article_id": "a", "start": s, "end": e, "text": "w", "actor_id": "x", "mention_kind": k}
                              for i, ((s, e), k) in enumerate(zip([(0, 1), (5, 6)], kinds, strict=True))])
    figures, log = agreement.compare(tmp_path / "a", tmp_path / "b")
    assert figures["layers"]["mentions"]["exact"]["f1"] == 1.0
    assert [(r["layer"], r["field"], r["value_a"], r["value_b"]) for r in log] == [("mentions", "mention_kind", "nominal", "pronoun")]
