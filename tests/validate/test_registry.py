"""The rule registry (validate/registry.py): every rule declared once, with what it checks, a hint and the scope it runs in."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from validate.registry import CHECKS, RULES, Root, Scope, declare, load_rules


def test_a_rule_is_declared_once():
    load_rules()
    with pytest.raises(ValueError, match="declared twice"):
        declare("csv-header", "again", "again")


def test_every_rule_says_what_it_checks_and_how_to_fix_it_in_sentences():
    for rule in load_rules().values():
        assert rule.checks.endswith(".") and rule.hint.endswith((".", ")")), rule.id
        assert rule.family, rule.id


def test_every_check_reports_rules_of_the_registry_with_its_scope():
    load_rules()
    for check in CHECKS:
        for rule in check.emits:
            assert RULES[rule.id].scope is check.scope, rule.id
    assert {c.scope for c in CHECKS} == set(Scope)


def test_root_causes_are_rules_of_reading():
    """Only what stops a row or a file being read as the schema says may hide other problems."""
    roots = {r.id for r in load_rules().values() if r.root is not Root.NONE}
    assert roots == {"csv-encoding", "csv-row-width", "csv-quote", "csv-empty", "csv-dialect", "csv-too-wide", "csv-blank-row", "csv-header"}


def test_load_rules_registers_every_rule_the_validator_can_report():
    listed = subprocess.run([sys.executable, "-c", "from validate.registry import load_rules; print(' '.join(sorted(load_rules())))"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout.split()
    assert {"base-schemas", "rule-switched-off", "check-failed", "frictionless"} <= set(listed)
