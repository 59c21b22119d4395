"""Print stored benchmark results as the Markdown table in docs/performance.md.

    python -m benchmarks.results_table
"""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def load(results_dir: Path) -> list[dict]:
    """Stored results measured on the generator's current corpus (an older corpus has other tables and rows)."""
    from .generate_corpus import GENERATOR_VERSION

    found = [json.loads(p.read_text()) for p in sorted(Path(results_dir).glob("articles-*.json"))]
    return [r for r in found if r.get("generator_version") == GENERATOR_VERSION]


def cell(tool, key, fmt):
    return fmt.format(tool[key]) if tool and tool.get("ok") else "–"


def markdown(results):
    """Two tables, so that each fits the page: times and ratios, then memory and load."""
    times = ["| articles | rows | validate s | Frictionless s | polars read s | speed-up | ÷ read |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    memory = ["| articles | validate peak RSS MB | Frictionless peak RSS MB | polars read peak RSS MB | load average, before–after |",
              "|---:|---:|---:|---:|---:|"]
    for r in sorted(results, key=lambda r: r["rows"]):
        t = r["tools"]
        v, f, rd = t.get("validate"), t.get("frictionless"), t.get("read")
        speedup = f"{f['seconds'] / v['seconds']:.1f}×" if v and f and v["ok"] and f["ok"] else "–"
        ratio = f"{v['seconds'] / rd['seconds']:.1f}×" if v and rd and v["ok"] and rd["ok"] else "–"
        times.append(f"| {r['articles']:,} | {r['rows']:,} | {cell(v, 'seconds', '{:.2f}')} | "
                     f"{cell(f, 'seconds', '{:.2f}')} | {cell(rd, 'seconds', '{:.2f}')} | {speedup} | {ratio} |")
        rss = " | ".join(cell(x, "peak_rss_mb", "{:,.0f}") for x in (v, f, rd))
        memory.append(f"| {r['articles']:,} | {rss} | {r['machine']['load_before']}–{r['machine']['load_after']} |")
    return "\n".join(times) + "\n\n" + "\n".join(memory)


if __name__ == "__main__":
    print(markdown(load(RESULTS)))


PHASES = {"descriptor": "descriptor: parsed (judged meanwhile by a second process)", "read": "read: every CSV, two at a time",
          "table_rules": "per-table rules, wall", "package_rules": "cross-table rules, wall", "triage": "triage of the problems",
          "judged_aside_wait": "waiting for the second process's judgement"}


def profile_table(results: list[dict]) -> str:
    """Where the validator spent its time on the largest stored package, from its own --profile.

    The rules run two at a time, so their own times add up to more than the walls of their phases.
    """
    largest = max(results, key=lambda r: r["rows"])
    validate = largest["tools"]["validate"]
    profile = validate.get("profile", {})
    lines = [f"At {largest['articles']:,} articles ({largest['rows']:,} rows):", "",
             "| phase | seconds |", "|---|---:|",
             f"| start-up and imports | {validate['seconds'] - profile.get('total', 0):.2f} |"]
    lines += [f"| {label} | {profile[key]:.2f} |" for key, label in PHASES.items() if key in profile]
    rules = sorted(((k, v) for k, v in profile.items() if "." in k), key=lambda kv: -kv[1])
    lines += [f"| &nbsp;&nbsp;rule `{name}` (own time) | {seconds:.2f} |" for name, seconds in rules[:8]]
    lines.append(f"| **total (wall, fastest run)** | **{validate['seconds']:.2f}** |")
    return "\n".join(lines)
