"""docs/guarantees.md states numbers the tests establish; they must stay true."""
from __future__ import annotations

import re

from conftest import ROOT
from faults import FAULTS
from test_fuzz import DEFAULT_EXAMPLES

from validate.problems import RULES

PAGE = (ROOT / "docs/guarantees.md").read_text(encoding="utf-8")


def stated(pattern: str) -> int:
    found = re.search(pattern, PAGE)
    assert found, f"docs/guarantees.md no longer says {pattern!r}"
    return int(found.group(1).replace(",", ""))


def test_page_numbers_match_the_tests():
    assert stated(r"(\d+) rules") == len(RULES)
    assert stated(r"(\d+) realistic faults") == len(FAULTS)
    assert stated(r"For the (\d+) faults of rules Frictionless can express") == sum(f.frictionless_sees for f in FAULTS)
    assert stated(r"`make test` runs ([\d,]+) examples") == DEFAULT_EXAMPLES


def test_page_links_the_generated_rule_table():
    assert "(contributing.md#every-rule)" in PAGE
    assert "### Every rule" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
