"""Validation is read-only: the validator opens nothing for writing and moves, deletes or touches no file.

The validator runs in a fresh interpreter with an audit hook (PEP 578) that records every
`open` with a write, append, create or truncate mode and every call that changes the file
system, over the shipped package and one broken copy per rule in the corpus.
"""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, PackageCopy
from faults import FAULTS

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


def test_validator_opens_nothing_for_writing(tmp_path):
    one_per_rule = {}
    for number, fault in enumerate(FAULTS):
        if "million" in fault.name:
            continue  # its rule has other faults; the size adds nothing here
        copy = PackageCopy(tmp_path / f"p{number}")
        expected = fault.apply(copy)
        one_per_rule.setdefault(expected.rule, (copy, expected))
    runs = [[str(ROOT / "datapackage.json"), "--format", "text", "--frictionless", "always"]]
    runs += [[str(copy.descriptor), "--format", fmt] for (copy, _), fmt in zip(one_per_rule.values(), ["json", "text", "github"] * 99)]
    result = subprocess.run([sys.executable, "-c", HOOKED, json.dumps(runs), str(tmp_path / "control.txt")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})
    audit = json.loads(result.stderr.rsplit("AUDIT ", 1)[1])
    assert audit["writes"] == [], "the validator wrote to the file system"
    assert [event[0] for event in audit["control"]] == ["open", "os.remove"], "the audit hook missed a write"
    assert audit["exits"] == [0] + [expected.exit_code for _, expected in one_per_rule.values()]
    assert len(one_per_rule) >= 35  # broad enough to reach every family of rules
