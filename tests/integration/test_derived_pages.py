"""Text the hand-written pages show but do not hold: the rule catalogue and the Guarantees page's figures
are filled in at build time from the registry and the corpus, so they cannot fall behind."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT
from faults import FAULTS
from test_fuzz import DEFAULT_EXAMPLES

from datadict import derived
from validate.registry import RULES, load_rules


def test_the_contributing_guide_shows_every_registered_rule_when_built():
    load_rules()
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "<!-- rules -->" in guide and "| `span-text` |" not in guide  # a marker, not a pasted copy
    built = derived.fill(guide)
    listed = re.findall(r"^\| `([a-z-]+)` \|", built, re.MULTILINE)
    assert listed == list(RULES), "the built catalogue lists every rule of the registry, in its order"
    assert {"base-schemas", "rule-switched-off", "check-failed", "frictionless"} <= set(listed)


def test_the_guarantees_page_states_figures_only_through_markers():
    page = (ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8")
    names = set(re.findall(r"<!-- figure: ([a-z_]+) -->", page))
    assert names == {"rules", "faults", "frictionless_faults", "fuzz_examples"}
    built = derived.fill(page)
    load_rules()
    assert f"{len(RULES):,} rules" in built
    assert f"{len(FAULTS):,} faults" in built
    assert f"{sum(f.frictionless_sees for f in FAULTS):,} faults of rules" in built
    assert f"{DEFAULT_EXAMPLES:,}\nexamples" in built or f"{DEFAULT_EXAMPLES:,} examples" in built


def test_a_page_asking_for_an_unknown_figure_stops_the_build():
    with pytest.raises(KeyError):
        derived.fill("<!-- figure: no_such_figure -->")


def test_the_performance_page_shows_the_stored_comparison_on_the_shipped_package():
    import json

    from benchmarks import shipped

    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert "<!-- benchmark-shipped -->" in page
    stored = json.loads(shipped.RESULT.read_text(encoding="utf-8"))
    built = derived.fill(page)
    assert "<!-- benchmark-shipped -->" not in built
    row = f"| `python -m validate datapackage.json` | {stored['tools']['validate']['median_s']:.2f} |"
    assert row in built and f"{stored['ratio_of_medians']:.2f}×" in built
