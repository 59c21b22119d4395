"""Benchmark the validator against frictionless and a plain polars read.

    python -m benchmarks.run --articles 1000 [--seed 1] [--skip-frictionless]
                             [--repeat 3] [--no-plot] [--validate-arg=--frictionless=never]

Generates (or reuses) a synthetic package of N articles, then runs each tool
as its own process, so interpreter start and imports count for all three, and
records wall time and peak RSS. Every tool runs --repeat times (3 unless
told) and its fastest run counts, the one least disturbed by anything else
on the machine; all three tools are treated alike. Prints a table, then one JSON object as the
last line. Results are stored per N in benchmarks/results/ and every stored
size is plotted (log-log) to docs/assets/performance.png.
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from . import generate_corpus
from .measure import measure
from .plot import plot

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PLOT = ROOT / "docs" / "assets" / "performance.png"
VALIDATOR = ROOT / "validate" / "__main__.py"
BIN = Path(sys.executable).parent


def commands(descriptor, validate_args):
    """Tool name -> command line, or a reason it cannot run here."""
    out: dict[str, list[str] | str] = {}
    if VALIDATOR.exists():
        extra = ["--profile"] if "--profile" in VALIDATOR.read_text() else []
        out["validate"] = [sys.executable, "-m", "validate", str(descriptor), "--format", "json",
                           *extra, *validate_args]
    else:
        out["validate"] = "validate/__main__.py does not exist yet"
    out["frictionless"] = [str(BIN / "frictionless"), "validate", str(descriptor)]
    out["read"] = [sys.executable, str(ROOT / "benchmarks" / "read_polars.py"), str(descriptor)]
    return out


def last_json(text):
    """The last line of `text` that is a JSON object, or None."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def run_tool(name, command, repeat):
    """Best wall time of `repeat` runs (the least disturbed by other load), worst peak RSS."""
    runs = [measure(command, cwd=ROOT) for _ in range(repeat)]
    best = min(runs, key=lambda m: m.seconds)
    result = {"seconds": round(best.seconds, 3),
              "peak_rss_mb": round(max(m.peak_rss_mb for m in runs), 1),
              "returncode": best.returncode, "ok": best.returncode == 0, "runs": len(runs),
              "measured_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if name == "validate":
        try:
            result["error_count"] = json.loads(best.stdout).get("error_count")
        except ValueError:
            result["note"] = best.stdout.strip()[-300:] or best.stderr.strip()[-300:]
        profile = last_json(best.stderr)
        if profile:
            result["profile"] = profile.get("profile", profile)
    elif not result["ok"]:
        result["note"] = (best.stderr.strip() or best.stdout.strip())[-300:]
    return result


def store(record):
    """Merge into benchmarks/results/articles-N.json: a skipped tool keeps its last result."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"articles-{record['articles']}.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    if old.get("rows") == record["rows"]:
        record["tools"] = {**old.get("tools", {}), **record["tools"]}
    path.write_text(json.dumps(record, indent=2) + "\n")


def table(record, summary):
    rows = record["rows"]
    lines = [f"{record['articles']:,} articles, {rows:,} rows "
             f"(seed {record['seed']}, corpus {'cached' if summary['cached'] else 'generated'}"
             f" in {summary['generate_s']} s); load average {summary['load_before']} -> "
             f"{summary['load_after']} on {os.cpu_count()} CPUs",
             f"{'measurement':<32}{'seconds':>9}{'rows/s':>12}{'peak RSS MB':>13}  status"]
    labels = {"validate": "python -m validate", "frictionless": "frictionless validate",
              "read": "polars read_csv (floor)"}
    for name, label in labels.items():
        tool = summary["tools"].get(name)
        if tool is None or "skipped" in tool:
            lines.append(f"{label:<32}{'-':>9}{'-':>12}{'-':>13}  skipped: "
                         f"{(tool or {}).get('skipped', '')}")
            continue
        status = "ok" if tool["ok"] else f"exit {tool['returncode']}"
        if tool.get("error_count"):
            status += f", {tool['error_count']} problems reported"
        lines.append(f"{label:<32}{tool['seconds']:>9.2f}{rows / tool['seconds']:>12,.0f}"
                     f"{tool['peak_rss_mb']:>13.0f}  {status}")
        profile = tool.get("profile", {})
        if "total" in profile:  # what the profile cannot see: interpreter start, imports
            lines.append(f"    {'start-up and imports':<28}{tool['seconds'] - profile['total']:>9.2f}")
        for phase, seconds in profile.items():
            if phase not in ("rows", "total"):
                lines.append(f"    {phase:<28}{seconds:>9.2f}")
    return "\n".join(lines)


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-frictionless", action="store_true",
                        help="quick runs: frictionless takes minutes at 10,000 articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool, the same for every tool; the fastest counts")
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--validate-arg", action="append", default=[],
                        help="extra argument for python -m validate (repeatable)")
    args = parser.parse_args(argv)

    load_before = round(os.getloadavg()[0], 2)
    started = time.perf_counter()
    cached = (generate_corpus.CACHE / f"corpus-{args.articles}-seed{args.seed}-"
              f"v{generate_corpus.GENERATOR_VERSION}" / "corpus.json").exists()
    corpus = generate_corpus.corpus(args.articles, args.seed)
    generate_s = round(time.perf_counter() - started, 2)
    if not cached:
        # A fresh corpus is hundreds of MB of dirty pages; the kernel would write
        # them back while the first tool is timed. Write them now instead.
        os.sync()
    manifest = json.loads((corpus / "corpus.json").read_text())
    descriptor = corpus / "datapackage.json"

    tools = {}
    for name, command in commands(descriptor, args.validate_arg).items():
        if isinstance(command, str):
            tools[name] = {"skipped": command}
        elif name == "frictionless" and args.skip_frictionless:
            tools[name] = {"skipped": "--skip-frictionless"}
        else:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            tools[name] = run_tool(name, command, args.repeat)
    load_after = round(os.getloadavg()[0], 2)

    measured = {k: v for k, v in tools.items() if "skipped" not in v}
    record = {"articles": args.articles, "seed": args.seed, "rows": manifest["rows"],
              "rows_per_table": manifest["rows_per_table"],
              "generator_version": manifest["generator_version"], "tools": measured,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_before": load_before, "load_after": load_after}}
    store(dict(record))
    plotted = None if args.no_plot else plot(RESULTS, PLOT)

    seconds = {k: v["seconds"] if v.get("ok") else None for k, v in measured.items()}
    summary = {"tools": tools, "cached": cached, "generate_s": generate_s,
               "load_before": load_before, "load_after": load_after}
    print(table(record, summary))
    if plotted:
        print(f"plot: {plotted.relative_to(ROOT)}")
    validate = measured.get("validate", {})
    print(json.dumps({
        "articles": args.articles, "rows": manifest["rows"],
        "validate_s": seconds.get("validate"), "frictionless_s": seconds.get("frictionless"),
        "read_s": seconds.get("read"), "peak_rss_mb": validate.get("peak_rss_mb"),
        "frictionless_peak_rss_mb": measured.get("frictionless", {}).get("peak_rss_mb"),
        "read_peak_rss_mb": measured.get("read", {}).get("peak_rss_mb"),
        "speedup_vs_frictionless": ratio(seconds.get("frictionless"), seconds.get("validate")),
        "ratio_to_read": ratio(seconds.get("validate"), seconds.get("read")),
        "validate_ok": validate.get("ok"), "runs_per_tool": args.repeat, "profile": validate.get("profile"),
        "generate_s": generate_s, "corpus_cached": cached, "seed": args.seed,
        "load_before": load_before, "load_after": load_after, "cpus": os.cpu_count(),
    }))
    # Non-zero when a tool failed on a corpus that is valid by construction.
    return 0 if all(v["ok"] for v in measured.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
