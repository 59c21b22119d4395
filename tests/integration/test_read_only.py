"""Validation is read-only: the validator opens nothing for writing and moves, deletes or touches no file.

This is the one test of that promise. The validator runs in a fresh interpreter with an audit
hook (PEP 578) that records every `open` with a write, append, create or truncate mode and every
call that changes the file system. Every run runs every rule, so the runs are chosen to take
each way through the stages that open files: the fixture package with Frictionless' pass too,
then broken copies that make the model refuse a schema, the descriptor unreadable, the reader
take its careful path, a text a FIFO, and the base branch's schemas be read from git, in every
report format. Afterwards every file is compared with what it was: what the hook cannot see (a
git child process, or the second process that judges the schemas) must not have written either.
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
        if isinstance(path, int):  # a descriptor already open, such as a pipe to a child process: it names no file
            return
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


FORMATS = ["json", "text", "github", "markdown"]


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


STAGES = {  # a fault -> the way through the stages it takes
    "misspelt extension that would switch a rule off (x-span)": "the model refuses a schema",
    "invalid JSON in datapackage.json": "the descriptor cannot be read (exit 2)",
    "ragged row (a cell with an unquoted comma)": "the reader's careful path",
    "article text that is a FIFO": "a text that is not a regular file",
    "code added to a schema's enum and used in the data": "the base branch's schemas, from git",
}


def test_validation_writes_nothing(tmp_path):
    runs_of = {fault.name: fault for fault in FAULTS if fault.name in STAGES}
    assert runs_of.keys() == STAGES.keys()
    broken = {}
    for number, name in enumerate(STAGES):
        copy = PackageCopy(tmp_path / f"p{number}")
        broken[name] = (copy, runs_of[name].apply(copy), runs_of[name].args)
    fixture = PackageCopy(tmp_path / "fixture")
    runs = [[str(fixture.descriptor), "--format", "text", "--frictionless", "always"]]
    runs += [[str(copy.descriptor), "--format", fmt, *args] for (copy, _, args), fmt in zip(broken.values(), FORMATS * 2, strict=False)]
    before = snapshot(tmp_path)
    result = subprocess.run([sys.executable, "-c", HOOKED, json.dumps(runs), str(tmp_path.parent / f"{tmp_path.name}-control.txt")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(tmp_path)})
    assert "AUDIT " in result.stderr, result.stderr[-3000:]
    audit = json.loads(result.stderr.rsplit("AUDIT ", 1)[1])
    assert audit["writes"] == [], "the validator wrote to the file system"
    assert [event[0] for event in audit["control"]] == ["open", "os.remove"], "the audit hook missed a write"
    assert audit["exits"] == [0] + [expected.exit_code for _, expected, _ in broken.values()]
    assert snapshot(tmp_path) == before, "a file of a package changed"
