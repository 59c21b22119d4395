"""The benchmark's peak memory is the measured command's own, never the benchmark process's (benchmarks/measure.py)."""
from __future__ import annotations

import sys

from benchmarks.measure import measure

ALLOCATE = "import sys; block = bytearray(int(sys.argv[1]) * 2**20); block[::4096] = b'x' * len(block[::4096])"


def test_the_peak_of_a_small_command_is_its_own_while_the_benchmark_holds_much_more():
    held = bytearray(400 * 2**20)
    held[::4096] = b"x" * len(held[::4096])  # touched, so resident: a forked child would start with it
    small = measure([sys.executable, "-c", ALLOCATE, "20"])
    large = measure([sys.executable, "-c", ALLOCATE, "200"])
    assert small.returncode == large.returncode == 0
    assert small.peak_rss_mb < 150, small.peak_rss_mb  # not 400 MB and more
    assert 200 <= large.peak_rss_mb < 350, large.peak_rss_mb
    del held
