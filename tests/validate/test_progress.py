"""The progress bar: on a terminal, for a large package, and nowhere else.

It is written to standard error only when standard error is a terminal, the
package is large (5 MB of CSV or more), the output is text and CI is not set;
CI logs and JSON consumers must never see it. The terminal here is a real
pseudo-terminal, as a contributor's shell would give.
"""
from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))  # the generator is a script directory, not a package

import generate_corpus  # noqa: E402

from validate.progress import LARGE_BYTES  # noqa: E402


@pytest.fixture(scope="module")
def large_package(tmp_path_factory):
    out = tmp_path_factory.mktemp("large")
    generate_corpus.write_package(out, 250, seed=5)
    size = sum(path.stat().st_size for path in (out / "data").glob("*.csv"))
    assert size >= LARGE_BYTES, "the package must be large enough for a progress bar"
    return out / "datapackage.json"


def validate_on_terminal(descriptor, *extra: str, ci: bool = False) -> tuple[int, str, str]:
    """Run the validator with standard error on a pseudo-terminal; return exit code, stdout and what the terminal showed."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "validate", str(descriptor), *extra], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=follower) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the validator has exited and closed its end
                break
            if not chunk:
                break
            shown += chunk
        stdout = process.stdout.read().decode()
        code = process.wait()
    os.close(leader)
    return code, stdout, shown.decode(errors="replace")


def test_a_large_package_on_a_terminal_shows_progress_to_the_end(large_package):
    code, stdout, shown = validate_on_terminal(large_package)
    assert code == 0, stdout
    assert "validating [" in shown
    steps = shown.count("validating [")
    assert f"{steps}/{steps}" in shown, "the bar reaches its end"
    assert "across tables" in shown, "the rules across tables are steps too"
    assert "validating" not in stdout, "the report stays clean"


@pytest.mark.parametrize("extra, ci", [(("--format", "json"), False), ((), True)], ids=["json output", "CI"])
def test_no_progress_for_json_or_in_ci(large_package, extra, ci):
    code, stdout, shown = validate_on_terminal(large_package, *extra, ci=ci)
    assert code == 0, stdout
    assert "validating [" not in shown


def test_no_progress_for_a_small_package(tmp_path):
    code, stdout, shown = validate_on_terminal(ROOT / "datapackage.json")
    assert code == 0, stdout
    assert "validating [" not in shown


def test_no_progress_when_standard_error_is_not_a_terminal(large_package):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    run = subprocess.run([sys.executable, "-m", "validate", str(large_package)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert "validating [" not in run.stderr
