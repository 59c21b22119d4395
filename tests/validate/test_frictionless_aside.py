"""The command line judges the descriptor and schemas in a second process (validate/frictionless_aside.py).

What must hold: the verdict is the one a run made in one process gives, whatever the judge finds
(nothing, a schema Frictionless refuses, a schema only the profile refuses and that would not even
parse, a descriptor problem), and a judge that fails leaves the run to be made in one process.
"""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURE, ROOT, PackageCopy, run_validator
from faults import FAULTS

from validate import runner
from validate.frictionless_aside import Aside

ENVIRONMENT = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
# One fault for each way the judge's answer can go, and faults in the data alone: (fault, does the judge find something).
CASES = [
    (None, False),
    ("schema with an unknown field type", True),  # Frictionless refuses a schema: its table is left out
    ("x-spans written as an object, not a list", True),  # only the profile refuses it, and the schema would not parse
]


# Every case in one child interpreter, each run as `python -m validate` runs it (main with command_line=True),
# so that the interpreter and its imports are paid once.
AS_THE_COMMAND = r"""
import contextlib, io, json, sys
from validate.__main__ import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv, command_line=True)
    results.append({"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
print(json.dumps(results))
"""


def test_the_command_line_gives_the_verdict_of_a_run_in_one_process(tmp_path):
    runs, copies = [], []
    for number, (name, _) in enumerate(CASES):
        package = PackageCopy(tmp_path / f"p{number}")
        if name is not None:
            (fault,) = [f for f in FAULTS if f.name == name]
            fault.apply(package)
        copies.append(package)
        runs.append([str(package.descriptor), "--format", "json", "--profile"])
    result = subprocess.run([sys.executable, "-c", AS_THE_COMMAND, json.dumps(runs)], capture_output=True, text=True, timeout=300,
                            env=ENVIRONMENT, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    for (name, judged), package, command in zip(CASES, copies, json.loads(result.stdout), strict=True):
        here = run_validator(str(package.descriptor), "--format", "json")  # in this process: the judge is Frictionless, here
        assert (command["exit"], json.loads(command["stdout"])) == (here.exit_code, here.report), name
        profile = json.loads(command["stderr"].strip().splitlines()[-1])["profile"]
        assert here.exit_code == (0 if name is None else 1), name
        # The judge found nothing: the first run stands (it waited for the answer). Otherwise the run was made again.
        assert ("judged_aside_wait" in profile) is not judged, name


def test_a_failed_judge_leaves_the_run_to_be_made_in_one_process(package):
    aside = Aside()
    aside.child.kill()
    outcome = runner.run(package.descriptor, aside=aside)
    assert outcome.verdict.valid and "judged_aside_wait" not in outcome.timings


def test_a_judge_that_finds_a_problem_makes_the_run_again_here(package):
    package.edit_json("schemas/quotes.json", lambda schema: schema["fields"][0].update(type="no-such-type"))
    outcome = runner.run(package.descriptor, aside=Aside())
    assert "judged_aside_wait" not in outcome.timings  # the outcome is that of the second run
    assert {p.rule for p in outcome.verdict.shown} == {p.rule for p in runner.run(package.descriptor).verdict.shown}
    assert "schema-invalid" in {p.rule for p in outcome.verdict.shown}


def test_the_fixture_is_validated_by_the_command_without_importing_frictionless_in_its_own_process():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "validate", str(FIXTURE)], capture_output=True, text=True, timeout=120,
                            env=ENVIRONMENT, cwd=ROOT)
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "polars" in imported and "frictionless" not in imported
