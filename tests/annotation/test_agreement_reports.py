"""The agreement figures the Annotation method page shows are what scripts/agreement.py computes from the
committed annotations, before and after adjudication; and the page shows them by inclusion, never pasted."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "agreement.py"


def agreement(a: str, b: str) -> str:
    return subprocess.run([sys.executable, str(SCRIPT), a, b], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120).stdout


def test_figures_before_adjudication_are_recomputed_from_the_two_committed_passes():
    committed = (ROOT / "annotation" / "agreement-before-adjudication.md").read_text(encoding="utf-8")
    assert agreement("annotation/first-pass", "annotation/blind-pass") == committed


def test_figures_after_adjudication_compare_the_adjudicated_data_with_each_pass():
    committed = (ROOT / "annotation" / "agreement-after-adjudication.md").read_text(encoding="utf-8")
    assert agreement("annotation/adjudicated", "annotation/first-pass") in committed
    assert agreement("annotation/adjudicated", "annotation/blind-pass") in committed


def test_the_method_page_includes_the_reports_and_pastes_no_figure():
    page = (ROOT / "docs" / "annotation-method.md").read_text(encoding="utf-8")
    assert "<!-- include: annotation/agreement-before-adjudication.md -->" in page
    assert "<!-- include: annotation/agreement-after-adjudication.md -->" in page
    assert "| quotes | exact |" not in page  # the tables come from the reports, at build time


def test_every_disagreement_has_a_decision_and_a_rule():
    import csv
    with (ROOT / "annotation" / "adjudication-log.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["decision"] in {"a", "b", "other"} and row["guideline_rule"] and row["reason"], row
