"""The bad-input corpus: every realistic fault in faults.py is rejected, located and explained.

Each fault is validated by the project's engine alone (the default, `--frictionless never`),
so this is also the proof that the verdict never needs Frictionless' row pass. The heavy
faults run in tests/integration/test_bounded.py, in a child process with bounded memory and
time; that validation writes nothing is tests/integration/test_read_only.py's.

Two thirds of the faults change only what data files hold. Those are validated as
`python -m validate --watch` validates after a save: in one folder, with a session that keeps
the model and the tables the fault left alone, which gives the verdict a fresh run gives
(tests/validate/test_runner.py) at a third of the cost. Every other fault (a descriptor or
schema edited, a file removed, linked or made a FIFO, options given) gets a fresh run.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import urllib.request
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import FIXTURE, Outcome, PackageCopy
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


def files(root: Path) -> dict[str, bytes | str]:
    """Every entry under root: a regular file's bytes, or what else it is."""
    found: dict[str, bytes | str] = {}
    for directory, names, entries in os.walk(root):
        for name in names + entries:
            path = Path(directory, name)
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() and not path.is_symlink() else \
                "directory" if path.is_dir() and not path.is_symlink() else "other"
    return found


class Workspace:
    """One folder the faults are applied to in turn, with a watch session kept across them."""

    def __init__(self, folder: Path):
        from validate.runner import Session

        self.folder, self.session = folder, Session()
        self.pristine = files(FIXTURE)

    def fresh(self) -> PackageCopy:
        shutil.rmtree(self.folder, ignore_errors=True)  # the package and whatever a fault placed beside it
        self.folder.mkdir(parents=True)
        return PackageCopy(self.folder / "package")  # copies keep their modification times: untouched files are the ones the session read

    def only_data_changed(self, copy: PackageCopy) -> bool:
        now = files(copy.root)
        changed = {path for path in now.keys() | self.pristine.keys() if now.get(path) != self.pristine.get(path)}
        return os.listdir(self.folder) == ["package"] and now.keys() == self.pristine.keys() and all(
            path.startswith("data/") and isinstance(now[path], bytes) for path in changed)

    def validate(self, copy: PackageCopy, *args: str) -> Outcome:
        if args or not self.only_data_changed(copy):
            return copy.validate(*args)
        from validate.__main__ import arguments, validate_once

        buffer = io.StringIO()
        with redirect_stdout(buffer):
            code = validate_once(arguments([str(copy.descriptor), "--format", "json"]), self.session)
        return Outcome(code, buffer.getvalue())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("corpus") / "workspace")


@pytest.mark.parametrize("fault", LIGHT, ids=[f.name for f in LIGHT])
def test_fault_is_rejected_and_located(workspace, fault):
    copy = workspace.fresh()
    expected = fault.apply(copy)
    outcome = workspace.validate(copy, *fault.args)
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
    outcome = package.validate()
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


def test_the_fixture_package_passes(workspace):
    outcome = workspace.validate(workspace.fresh())
    assert outcome.exit_code == 0, outcome.output
    assert outcome.report == {"version": 2, "package": outcome.report["package"], "valid": True, "error_count": 0, "errors": [],
                              "not_shown": {"capped": [], "knock_on": []}}
