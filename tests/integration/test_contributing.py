"""The contributor guide shows the validator's real rule catalogue, not a stale copy."""
from conftest import ROOT

from validate.report import rules_table


def test_rule_table_in_contributing_equals_the_catalogue():
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    block = guide.split("<!-- rules:start", 1)[1].split("-->", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert block.strip() == rules_table().strip()
