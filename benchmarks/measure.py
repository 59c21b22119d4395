"""Run one command as a child process; report its wall time and peak memory.

Peak RSS comes from wait4() on that very child: the kernel's high-water mark
for it (and any grandchildren it waited for), so nothing is missed between
polls and earlier measurements do not leak into later ones, as they would
with getrusage(RUSAGE_CHILDREN).
"""

import os
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


def measure(command, cwd=None):
    # Output goes to files, not pipes: a chatty child cannot block on a full pipe
    # while we sit in wait4().
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # already reaped
        out.seek(0)
        err.seek(0)
        return Measurement(command, seconds, usage.ru_maxrss / 1024,  # KiB on Linux
                           child.returncode, out.read(), err.read())
