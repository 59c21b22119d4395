"""The progress bar (validate/progress.py): on a terminal, for a large package, and nowhere else.

It is written to standard error only when standard error is a terminal, the package is large
(5 MB of CSV or more), the output is text and CI is not set; CI logs and JSON consumers must
never see it. One run shows it on a real pseudo-terminal, as a contributor's shell gives; the
cases where it must stay silent are decided before any of it is drawn, and tested there.
"""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest
from conftest import ROOT, PackageCopy, run_validator

from validate import runner
from validate.model import load_model
from validate.progress import LARGE_BYTES, Progress


@pytest.fixture(scope="module")
def large_package(tmp_path_factory) -> PackageCopy:
    """The fixture package with mentions.csv grown past the size that earns a progress bar, by one mention
    repeated under new ids (which the unique-key rule reports; only the bar is looked at here)."""
    copy = PackageCopy(tmp_path_factory.mktemp("large") / "package")
    raw = copy.read("data/mentions.csv").decode()
    first = raw.split("\n")[1].split(",", 1)[1]  # the first mention's cells after its id: repeated under new ids
    rows = [f"us-weapons-militias-x{n:06d},{first}\n" for n in range(LARGE_BYTES // len(first) + 1)]
    copy.write("data/mentions.csv", raw + "".join(rows))
    assert sum(path.stat().st_size for path in copy.path("data").glob("*.csv")) >= LARGE_BYTES
    return copy


def test_a_large_package_on_a_terminal_shows_progress_to_the_end(large_package):
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT)}
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "validate", str(large_package.descriptor)], cwd=ROOT, env=env,
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
    terminal = shown.decode(errors="replace")
    assert code == 1 and "unique-key" in stdout, stdout[-2000:]
    steps = terminal.count("validating [")
    assert steps and f"{steps}/{steps}" in terminal, "the bar reaches its end"
    assert "across tables" in terminal, "the rules across tables are steps too"
    assert "validating" not in stdout, "the report stays clean"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal, ci, large, shown", [
    (True, False, True, True), (False, False, True, False), (True, True, True, False), (True, False, False, False),
], ids=["a terminal", "a pipe", "CI", "a small package"])
def test_the_bar_is_drawn_only_on_a_terminal_outside_ci_for_a_large_package(monkeypatch, large_package, package, terminal, ci, large, shown):
    stream = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.delenv("CI", raising=False)
    if ci:
        monkeypatch.setenv("CI", "true")
    bar = Progress.for_package(load_model((large_package if large else package).root), enabled=True)
    bar.step("read data/places.csv")
    bar.close()
    assert ("validating [" in stream.getvalue()) is shown


@pytest.mark.parametrize("fmt, wanted", [("text", True), ("json", False), ("github", False), ("markdown", False)])
def test_only_the_text_report_asks_for_a_bar(monkeypatch, package, fmt, wanted):
    asked = []
    real = runner.run
    monkeypatch.setattr(runner, "run", lambda *args, **kwargs: asked.append(kwargs["progress"]) or real(*args, **kwargs))
    run_validator(str(package.descriptor), "--format", fmt)
    assert asked == [wanted]
