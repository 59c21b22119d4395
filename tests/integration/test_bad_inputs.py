"""The bad-input corpus: every realistic fault in faults.py is rejected, located and explained.

Each fault is validated by the project's engine alone (the default, `--frictionless never`),
so this is also the proof that the verdict never needs Frictionless' row pass. The heavy
faults run in tests/integration/test_bounded.py, in a child process with bounded memory and
time; that validation writes nothing is tests/integration/test_read_only.py's.
"""
from __future__ import annotations

import socket
import urllib.request

import pytest

from conftest import PackageCopy
from faults import FAULTS, REMOTE, Expected
import validate.schema_change  # noqa: F401  (its rules are declared on import; see tests/validate/test_registry.py)
from validate.registry import load_rules

RULES = load_rules()
CRASH = "The validator could not run"  # __main__'s last-resort report of an unexpected exception
LIGHT = [f for f in FAULTS if not f.heavy]


def matches(error: dict, expected: Expected) -> bool:
    return (
        error["rule"] == expected.rule
        and (expected.file is None or error["file"] == expected.file)
        and (expected.line is None or error["line"] == expected.line)
        and (expected.field is None or error["field"] == expected.field)
    )


def listing(errors: list[dict]) -> str:
    return "\n".join(f"{e['rule']} {e['file']}:{e['line']} [{e['field']}] {e['message'][:120]}" for e in errors)


@pytest.mark.parametrize("fault", LIGHT, ids=[f.name for f in LIGHT])
def test_fault_is_rejected_and_located(package, fault):
    expected = fault.apply(package)
    outcome = package.validate(*fault.args)
    assert outcome.exit_code == expected.exit_code, outcome.output[:2000]
    report = outcome.report  # the output is the documented JSON, never a traceback
    assert report["valid"] is False
    assert any(matches(e, expected) for e in report["errors"]), f"expected {expected} among:\n{listing(report['errors'])}"
    for error in report["errors"]:
        assert error["hint"] and error["message"] and error["file"]
        assert error["rule"] in RULES and error["rule"] != "check-failed", error["message"]  # a crashed check is the validator's fault
        assert not error["message"].startswith(CRASH), error["message"]  # a crash reported politely is still a crash


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python opens a connection fails loudly and is recorded."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args[1:] or args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.name in REMOTE], ids=REMOTE)
def test_remote_paths_are_refused_without_network(package, no_network, fault):
    with pytest.raises(AssertionError, match="network access attempted"):
        urllib.request.urlopen("http://example.org/", timeout=1)  # the guard itself works
    no_network.clear()
    expected = fault.apply(package)
    descriptor = package.descriptor.read_text()
    outcome = package.validate("--frictionless", "always")  # Frictionless' pass must not fetch either
    assert no_network == [], "the validator tried to open a connection"
    assert outcome.exit_code == 1
    refused = [e for e in outcome.errors if matches(e, expected)]
    assert refused, outcome.output
    for error in refused:  # the report names the URL it refused, as written in the descriptor
        assert "://" in error["value"] and error["value"] in descriptor and error["value"] in error["message"]


def test_every_rule_has_a_fault(tmp_path):
    """Every rule a contributor can break has at least one realistic fault in the corpus."""
    names = [f.name for f in FAULTS]
    assert len(names) == len(set(names)), "fault names must be unique"
    assert set(REMOTE) <= set(names)
    covered = {fault.apply(PackageCopy(tmp_path / str(i))).rule for i, fault in enumerate(LIGHT)}
    # "frictionless" is the catch-all for a Frictionless error with no rule of ours, and
    # "check-failed" a fault of the validator itself: no data should ever make either appear.
    exempt = {"frictionless", "check-failed"}
    assert set(RULES) - exempt <= covered, f"rules without a fault: {sorted(set(RULES) - covered - exempt)}"


def test_the_fixture_package_passes(package):
    outcome = package.validate()
    assert outcome.exit_code == 0, outcome.output
    assert outcome.report == {"version": 2, "package": outcome.report["package"], "valid": True, "error_count": 0, "errors": [],
                              "not_shown": {"capped": [], "knock_on": []}}
