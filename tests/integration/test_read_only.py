"""Validation is read-only: the validator opens nothing for writing and moves, deletes or touches no file.

This is the one test of that promise. The validator runs in a fresh interpreter with an audit
hook (PEP 578) that records every `open` with a write, append, create or truncate mode and every
call that changes the file system; it validates the fixture package (with Frictionless' pass too)
and one broken copy for each family of rules (so every stage runs: the model, the reader, the
texts, each rule module, the Frictionless pass and the base-branch schemas read from git), in
every report format. Afterwards every file is compared with what it was: what the hook cannot
see (a git child process, say) must not have written either.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, PackageCopy
from faults import FAULTS
import validate.schema_change  # noqa: F401  (its rules are declared on import; see tests/validate/test_registry.py)
from validate.registry import load_rules

HOOKED = r'''
import json, os, sys
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
MUTATING = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.truncate", "os.chmod", "os.chown", "os.utime",
            "os.symlink", "os.link", "os.chflags", "os.setxattr", "os.removexattr", "shutil.rmtree", "shutil.move",
            "shutil.copyfile", "shutil.copytree", "shutil.make_archive", "tempfile.mkstemp", "tempfile.mkdtemp", "sqlite3.connect"}
writes = []

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (flags or 0) & WRITE_FLAGS:
            writes.append([event, str(path), str(mode), flags])
    elif event in MUTATING:
        writes.append([event, *map(str, args)])

sys.addaudithook(hook)
from validate.__main__ import main
runs = json.loads(sys.argv[1])
exits = []
for argv in runs:
    exits.append(main(argv))
validation_writes = list(writes)
with open(sys.argv[2], "w") as control:  # the hook must see this, or it proves nothing
    control.write("x")
os.remove(sys.argv[2])
sys.stderr.write("\nAUDIT " + json.dumps({"exits": exits, "writes": validation_writes, "control": writes[len(validation_writes):]}) + "\n")
'''


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under folder (links not followed): its bytes (as a digest) or link target, modification time and size."""
    state = {}
    for directory, names, files in os.walk(folder):
        for name in names + files:
            path = Path(directory, name)
            info = path.lstat()
            if path.is_symlink():
                content = os.readlink(path)
            elif path.is_file():
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                content = "directory"
            state[str(path.relative_to(folder))] = (content, info.st_mtime_ns, info.st_size)
    return state


def test_validation_writes_nothing(tmp_path):
    rules = load_rules()
    families = {rule.family for rule in rules.values()} - {"frictionless_engine", "runner"}  # no data makes these: a second opinion, a crash
    one_per_family: dict[str, tuple] = {}
    for number, fault in enumerate(f for f in FAULTS if not f.heavy):
        copy = PackageCopy(tmp_path / f"p{number}")
        expected = fault.apply(copy)
        one_per_family.setdefault(rules[expected.rule].family, (copy, expected, fault.args))
        if families <= set(one_per_family):
            break
    fixture = PackageCopy(tmp_path / "fixture")
    runs = [[str(fixture.descriptor), "--format", "text", "--frictionless", "always"]]
    runs += [[str(copy.descriptor), "--format", fmt, *args] for (copy, _, args), fmt in zip(one_per_family.values(), ["json", "text", "github", "markdown"] * 99)]
    before = snapshot(tmp_path)
    result = subprocess.run([sys.executable, "-c", HOOKED, json.dumps(runs), str(tmp_path.parent / f"{tmp_path.name}-control.txt")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(tmp_path)})
    assert "AUDIT " in result.stderr, result.stderr[-3000:]
    audit = json.loads(result.stderr.rsplit("AUDIT ", 1)[1])
    assert audit["writes"] == [], "the validator wrote to the file system"
    assert [event[0] for event in audit["control"]] == ["open", "os.remove"], "the audit hook missed a write"
    assert audit["exits"] == [0] + [expected.exit_code for _, expected, _ in one_per_family.values()]
    assert snapshot(tmp_path) == before, "a file of a package changed"
    assert families <= set(one_per_family), "a stage that reports rules did not run"
