"""The bad-input corpus: every realistic fault in tests/faults.py is rejected, located and explained."""
from __future__ import annotations

import pytest

from validate.problems import RULES

from faults import FAULTS, Expected


def matches(error: dict, expected: Expected) -> bool:
    return (
        error["rule"] == expected.rule
        and (expected.file is None or error["file"] == expected.file)
        and (expected.line is None or error["line"] == expected.line)
        and (expected.field is None or error["field"] == expected.field)
    )


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_rejected_and_located(package, fault):
    expected = fault.apply(package)
    outcome = package.validate()
    assert outcome.exit_code == expected.exit_code, outcome.output[:2000]
    report = outcome.report  # the output is the documented JSON, never a traceback
    assert report["valid"] is False
    assert any(matches(e, expected) for e in report["errors"]), (
        f"expected {expected} among:\n" + "\n".join(f"{e['rule']} {e['file']}:{e['line']} [{e['field']}] {e['message']}" for e in report["errors"])
    )
    for error in report["errors"]:
        assert error["hint"] and error["message"] and error["file"]


def test_corpus_size_and_rule_coverage(tmp_path):
    """Every rule a contributor can break has at least one realistic fault in the corpus."""
    from conftest import ROOT, PackageCopy

    names = [f.name for f in FAULTS]
    assert len(names) == len(set(names)), "fault names must be unique"
    covered = {fault.apply(PackageCopy(tmp_path / str(i))).rule for i, fault in enumerate(FAULTS)}
    # "frictionless" is the catch-all for a Frictionless error with no rule of ours;
    # "maximum" has no field to break until a schema declares one.
    schemas = " ".join(p.read_text() for p in (ROOT / "schemas").glob("*.json"))
    exempt = {"frictionless"} | ({"maximum"} if '"maximum"' not in schemas else set())
    assert set(RULES) - exempt <= covered, f"rules without a fault: {sorted(set(RULES) - covered - exempt)}"
    assert len(FAULTS) >= 60
    print(f"bad-input corpus: {len(FAULTS)} faults covering {len(covered)} rules")


def test_shipped_package_passes(package):
    outcome = package.validate()
    assert outcome.exit_code == 0, outcome.output
    assert outcome.report == {"version": 1, "package": outcome.report["package"], "valid": True, "error_count": 0, "errors": []}
