"""The command line judges the descriptor and schemas in a second process (validate/frictionless_aside.py).

What must hold: the verdict is the one a run made in one process gives, whatever the judge finds
(nothing, a schema Frictionless refuses, a schema only the profile refuses and that would not even
parse, a descriptor problem), and a judge that fails leaves the run to be made in one process.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import FIXTURE, ROOT, PackageCopy, run_validator
from faults import FAULTS

from validate import runner
from validate.frictionless_aside import Aside

ENVIRONMENT = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
# One fault for each way the judge's answer can go, and one in the data alone (the judge finds nothing).
CASES = [
    None,
    "schema with an unknown field type",  # Frictionless refuses a schema: its table is left out
    "x-spans written as an object, not a list",  # only the profile refuses it, and the schema would not parse
    "licence written as a string instead of a list",  # a problem of the descriptor itself
    "misspelt extension that would switch a rule off (x-span)",
    "ragged row (a cell with an unquoted comma)",
]


def command_line(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "validate", *argv], capture_output=True, text=True, timeout=120, env=ENVIRONMENT, cwd=ROOT)


@pytest.mark.parametrize("name", CASES, ids=lambda name: name or "no fault")
def test_the_command_line_gives_the_verdict_of_a_run_in_one_process(tmp_path, name):
    package = PackageCopy(tmp_path / "package")
    if name is not None:
        (fault,) = [f for f in FAULTS if f.name == name]
        fault.apply(package)
    result = command_line(str(package.descriptor), "--format", "json", "--profile")
    here = run_validator(str(package.descriptor), "--format", "json")  # in this process: the judge is Frictionless, here
    assert result.returncode == here.exit_code
    assert json.loads(result.stdout) == here.report
    if name is None:  # nothing found: the first run stands, and it waited for the judge
        assert "judged_aside_wait" in json.loads(result.stderr.strip().splitlines()[-1])["profile"]
    else:
        assert here.exit_code == 1 and here.errors


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
