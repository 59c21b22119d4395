"""Run one command as a child process; report its wall time and peak memory.

Peak RSS comes from wait4() on that very child: the kernel's high-water mark
for it (and any grandchildren it waited for), so nothing is missed between
polls and earlier measurements do not leak into later ones, as they would
with getrusage(RUSAGE_CHILDREN).

A child forked from this process starts with this process's memory, and the
kernel keeps that high-water mark across exec: the benchmark itself (polars,
matplotlib, a few hundred MB) would be the floor of every figure. So the
command is started by GNU time (/usr/bin/time), a small process, and its peak
is the one time reports from wait4() on it.
"""

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Measurement:
    command: list
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


GNU_TIME = shutil.which("time", path="/usr/bin")


def measure(command, cwd=None):
    # Output goes to files, not pipes: a chatty child cannot block on a full pipe
    # while we sit in wait4().
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("w+", suffix=".rss") as peak:
        launched = [GNU_TIME, "--quiet", "-f", "%M", "-o", peak.name, *command] if GNU_TIME else list(command)
        started = time.perf_counter()
        child = subprocess.Popen(launched, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # already reaped
        out.seek(0)
        err.seek(0)
        reported = peak.read().strip().splitlines()
        kib = int(reported[-1]) if GNU_TIME and reported and reported[-1].isdigit() else usage.ru_maxrss  # KiB on Linux
        return Measurement(command, seconds, kib / 1024, child.returncode, out.read(), err.read())
