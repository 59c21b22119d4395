"""Print stored benchmark results as the Markdown table in docs/performance.md.

    python -m benchmarks.results_table
"""

from pathlib import Path

from .plot import load

RESULTS = Path(__file__).resolve().parent / "results"


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
