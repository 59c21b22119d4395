"""The edit loop: the shipped package, validated by `python -m validate` and by `frictionless validate`.

    python -m benchmarks.shipped [--runs 10] [--no-store]

The two commands run alternately, each as its own process (interpreter start and imports counted),
so that a busy moment of the machine falls on both alike. It prints the median, fastest and slowest
wall time of each, their CPU time (the validator's includes the second process that judges the
descriptor and schemas), and the ratio of the medians; the result is kept in
benchmarks/results/shipped.json for the Performance page.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .measure import measure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULT = ROOT / "benchmarks" / "results" / "shipped.json"
COMMANDS = {
    "validate": [str(BIN / "python"), "-m", "validate", "datapackage.json"],
    "frictionless": [str(BIN / "frictionless"), "validate", "datapackage.json"],
}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compare(runs: int) -> dict:
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    exits: dict[str, set[int]] = {name: set() for name in COMMANDS}
    load_before = os.getloadavg()[0]
    for _ in range(runs):
        for name, command in COMMANDS.items():
            before = children_cpu()
            measured = measure(command, cwd=ROOT)
            cpus[name].append(children_cpu() - before)
            walls[name].append(measured.seconds)
            exits[name].add(measured.returncode)
    summary: dict[str, dict] = {name: {"median_s": round(statistics.median(walls[name]), 3), "fastest_s": round(min(walls[name]), 3),
                      "slowest_s": round(max(walls[name]), 3), "cpu_median_s": round(statistics.median(cpus[name]), 3),
                      "exit_codes": sorted(exits[name])} for name in COMMANDS}
    return {"runs": runs, "tools": summary, "ratio_of_medians": round(summary["frictionless"]["median_s"] / summary["validate"]["median_s"], 2),
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)}}


def markdown(result: dict) -> str:
    lines = ["| command | median s | fastest s | slowest s | CPU s (median) |", "|---|---:|---:|---:|---:|"]
    labels = {"validate": "`python -m validate datapackage.json`", "frictionless": "`frictionless validate datapackage.json`"}
    for name, tool in result["tools"].items():
        lines.append(f"| {labels[name]} | {tool['median_s']:.2f} | {tool['fastest_s']:.2f} | {tool['slowest_s']:.2f} | {tool['cpu_median_s']:.2f} |")
    lines += ["", f"{result['runs']} runs of each, alternating, measured {result['measured_at'][:10]}; Frictionless' median over the "
                  f"validator's: {result['ratio_of_medians']:.2f}×; load average {result['machine']['load_before']}–{result['machine']['load_after']}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.shipped", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-store", action="store_true", help="print only; keep benchmarks/results/shipped.json as it is")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = compare(args.runs)
    print(markdown(result))
    print(json.dumps(result))
    if not args.no_store:
        RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
